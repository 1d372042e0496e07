//! Preferences kept between sessions in eframe's storage: the recent files, the text size and the
//! interface language. Drafts never go through it (eframe's storage drops bad RON silently): they
//! have their own typed load and save.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The key of the preferences in eframe's storage.
pub const KEY: &str = "dossier-cloud-preferences";
/// How many recent files are listed.
const RECENT: usize = 8;

/// What the app remembers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Files opened or saved, most recent first.
    pub recent: Vec<PathBuf>,
    /// The text size chosen with Ctrl+plus / Ctrl+minus, in percent; `None` at 100 %.
    pub text_scale_percent: Option<u16>,
    /// The interface language.
    pub lang: crate::i18n::Lang,
    /// The forms platform's address, when not the default one.
    pub platform_base: Option<String>,
}

/// Text sizes the app accepts back from its preferences, in percent.
const TEXT_SCALES: std::ops::RangeInclusive<u16> = 50..=300;

/// The text size to start with, from the preferences (an odd value is ignored).
#[must_use]
pub fn zoom_of(prefs: &Prefs) -> Option<f32> {
    prefs
        .text_scale_percent
        .filter(|p| TEXT_SCALES.contains(p))
        .map(|p| f32::from(p) / 100.0)
}

/// The preference for a zoom factor: whole percent, `None` at 100 %.
#[must_use]
pub fn percent_of(zoom: f32) -> Option<u16> {
    let percent = (zoom * 100.0).round();
    let range = f32::from(*TEXT_SCALES.start())..=f32::from(*TEXT_SCALES.end());
    if !range.contains(&percent) {
        return None;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a whole number between 50 and 300"
    )]
    Some(percent as u16).filter(|p| *p != 100)
}

impl Prefs {
    /// Puts a file at the top of the recent list.
    pub fn touch(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT);
    }
}
