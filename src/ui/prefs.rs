//! Preferences kept between sessions in eframe's storage: the recent files. Drafts never go
//! through it (eframe's storage drops bad RON silently): they have their own typed load and save.

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
}

impl Prefs {
    /// Puts a file at the top of the recent list.
    pub fn touch(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT);
    }
}
