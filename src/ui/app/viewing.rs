//! A kept version opened read-only (issue 15): the wizard shows it, every step and the panel as
//! they were at that export, nothing editable, under a banner that says which version it is and
//! leads back to the dossier being worked on (set aside meanwhile, untouched, its unsaved changes
//! and its undo history included) or compares the two.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{App, Command, Document};
use crate::domain::Step;
use crate::ui::seen::Seen;
use crate::ui::theme;

/// A version shown read-only, and the dossier set aside meanwhile.
pub(super) struct Viewing {
    /// Which version: « Version du 01/12/2026 12:39 UTC ».
    pub label: String,
    /// The version's `dossier.json`.
    pub file: PathBuf,
    /// The dossier being worked on, set aside whole.
    kept: Box<Document>,
}

impl Viewing {
    /// Whether the dossier set aside has changes not saved.
    pub fn kept_is_dirty(&self) -> bool {
        self.kept.dossier != self.kept.saved
    }
}

impl App {
    /// Shows a kept version read-only, setting the dossier being worked on aside.
    pub(super) fn view_version(&mut self, file: PathBuf, label: String) {
        let tr = self.tr();
        let loaded = match crate::storage::load(&file, &self.knowledge.rules) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.status = Some(tr.load_error(&e));
                return;
            }
        };
        self.leave_version();
        let version = loaded.parsed.dossier;
        // The version on screen: every step stated, on the review; no file of its own.
        let mut shown = Document::new(&self.knowledge, version, None, None);
        shown.seen = Seen::all();
        shown.step = Step::Review;
        let kept = std::mem::replace(&mut self.doc, shown);
        self.generation += 1;
        self.panel.acknowledging = None;
        self.status = Some(tr.tf("viewing.opened", &[("version", &label)]));
        self.viewing = Some(Viewing {
            label,
            file,
            kept: Box::new(kept),
        });
    }

    /// Puts the dossier being worked on back, as it was; nothing when no version is shown.
    pub(super) fn leave_version(&mut self) {
        let Some(viewing) = self.viewing.take() else {
            return;
        };
        self.doc = *viewing.kept;
        self.generation += 1;
    }

    /// Whether a command may run while a version is shown: moving about and reading do; an edit
    /// is refused (said); anything else puts the dossier being worked on back first.
    pub(super) fn while_viewing(&mut self, command: &Command) -> bool {
        if self.viewing.is_none() {
            return true;
        }
        match command {
            Command::GoTo(..) | Command::Status(_) | Command::LeaveVersion => true,
            edit if edit.edits() => {
                self.status = Some(self.tr().t("viewing.read_only").to_owned());
                false
            }
            _ => {
                self.leave_version();
                true
            }
        }
    }

    /// The banner above a version shown: which one, back to the dossier, compare.
    pub(super) fn viewing_banner(&mut self, ui: &mut Ui) {
        let Some(viewing) = &self.viewing else {
            return;
        };
        let tr = self.tr();
        let file = viewing.file.clone();
        egui::Frame::new()
            .fill(theme::BLUE_LIGHT)
            .inner_margin(10)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    theme::bold(tr.tf("viewing.banner", &[("version", &viewing.label)]))
                        .color(theme::BLUE),
                );
                ui.label(RichText::new(tr.t("viewing.text")).color(theme::TEXT));
                ui.horizontal_wrapped(|ui| {
                    if ui.button(tr.t("viewing.back")).clicked() {
                        self.commands.push(Command::LeaveVersion);
                    }
                    if ui.button(tr.t("viewing.compare")).clicked() {
                        self.commands.push(Command::CompareWith(file));
                    }
                });
            });
        ui.add_space(8.0);
    }
}
