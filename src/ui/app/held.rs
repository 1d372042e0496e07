//! A draft another window holds: the question when opening it (read it, open a copy, or take
//! over one a stopped session left), the banner while it is read here, and the edits refused.

use std::path::Path;

use egui::{RichText, Ui};

use super::document::Access;
use super::{App, Command};
use crate::storage::Owner;
use crate::ui::theme;

impl App {
    /// « Ce dossier est ouvert par … »: read-only, a copy, or cancel; returns whether it closes.
    pub(super) fn held_elsewhere_dialog(
        &mut self,
        ui: &mut Ui,
        path: &Path,
        owner: Option<&Owner>,
    ) -> bool {
        let tr = self.tr();
        ui.label(theme::bold(tr.t("held.title")).size(18.0));
        ui.label(self.held_by(owner));
        ui.label(tr.t("held.text"));
        ui.horizontal_wrapped(|ui| {
            if ui.button(tr.t("held.read_only")).clicked() {
                self.commands
                    .push(Command::OpenReadOnly(path.to_owned(), owner.cloned()));
                return true;
            }
            if ui.button(tr.t("held.copy")).clicked() {
                self.commands.push(Command::OpenCopy(path.to_owned()));
                return true;
            }
            ui.button(tr.t("button.cancel")).clicked()
        })
        .inner
    }

    /// A session stopped with the draft open: take it over, read it, or cancel; returns whether
    /// the dialog closes.
    pub(super) fn left_open_dialog(&mut self, ui: &mut Ui, path: &Path, owner: &Owner) -> bool {
        let tr = self.tr();
        ui.label(theme::bold(tr.t("left.title")).size(18.0));
        ui.label(tr.tf("left.text", &[("who", &tr.owner(owner))]));
        ui.horizontal_wrapped(|ui| {
            if ui.button(tr.t("left.take_over")).clicked() {
                // The question's lock stays held until the command takes it.
                self.commands.push(Command::TakeOver(path.to_owned()));
                return true;
            }
            if ui.button(tr.t("held.read_only")).clicked() {
                self.left_lock = None;
                self.commands
                    .push(Command::OpenReadOnly(path.to_owned(), Some(owner.clone())));
                return true;
            }
            if ui.button(tr.t("button.cancel")).clicked() {
                self.left_lock = None;
                return true;
            }
            false
        })
        .inner
    }

    /// Who holds the draft, in a sentence.
    fn held_by(&self, owner: Option<&Owner>) -> String {
        let tr = self.tr();
        match owner {
            Some(owner) if owner.same_person(&Owner::me()) => {
                tr.tf("held.by_me", &[("who", &tr.owner(owner))])
            }
            Some(owner) => tr.tf("held.by", &[("who", &tr.owner(owner))]),
            None => tr.t("held.by_nobody_known").to_owned(),
        }
    }

    /// Whether a command may run on a draft read here while another window holds it: reading,
    /// moving about, exporting and saving under another name do; an edit is refused (said);
    /// « Enregistrer » becomes « Enregistrer sous ».
    pub(super) fn while_read_only(&mut self, command: &Command) -> bool {
        if !self.doc.read_only() {
            return true;
        }
        match command {
            edit if edit.edits() => {
                self.status = Some(self.tr().t("held.refused").to_owned());
                false
            }
            Command::Save => {
                self.commands.push(Command::SaveAs);
                false
            }
            _ => true,
        }
    }

    /// The banner above a draft read here: who holds it, a copy, try again.
    pub(super) fn read_only_banner(&mut self, ui: &mut Ui) {
        let Access::ReadOnly(owner) = &self.doc.access else {
            return;
        };
        let tr = self.tr();
        let by = self.held_by(owner.as_ref());
        let path = self.doc.path.clone();
        egui::Frame::new()
            .fill(theme::BLUE_LIGHT)
            .inner_margin(10)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(theme::bold(tr.t("held.banner")).color(theme::BLUE));
                ui.label(RichText::new(by).color(theme::TEXT));
                ui.label(RichText::new(tr.t("held.banner_text")).color(theme::TEXT));
                if let Some(path) = path {
                    ui.horizontal_wrapped(|ui| {
                        if ui.button(tr.t("held.copy")).clicked() {
                            self.commands.push(Command::OpenCopy(path.clone()));
                        }
                        if ui.button(tr.t("held.retry")).clicked() {
                            self.commands.push(Command::OpenPath(path.clone()));
                        }
                    });
                }
            });
        ui.add_space(8.0);
    }

    /// Takes over a draft a stopped session left open, under the lock its question held.
    pub(super) fn take_over(&mut self, path: &Path) {
        match self.left_lock.take() {
            Some(mut held) => {
                // Held even if the owner file cannot be written: others then read
                // « en cours d'enregistrement » rather than a name.
                let _ = held.claim();
                self.open_with(path, Access::Held(held));
            }
            None => self.open_path(path),
        }
    }
}
