//! « Nouveau à partir d'un dossier… » (issue 15): a draft or a `dossier.json` chosen, the parts
//! to keep ticked, and a new, untitled dossier made from them by the domain
//! ([`crate::domain::start_from`]); the schedule and the platform's record stay behind.

use std::path::PathBuf;

use egui::{Key, RichText, Ui};

use super::{App, Command, Dialog};
use crate::domain::start_from::{self, Part};
use crate::ui::theme;

/// The choices of the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StartFrom {
    /// The earlier dossier's path, as typed.
    pub path: String,
    /// The parts kept.
    pub keep: Vec<Part>,
    /// Why the last try failed.
    pub error: Option<String>,
}

impl Default for StartFrom {
    fn default() -> Self {
        StartFrom {
            path: String::new(),
            keep: Part::ALL.to_vec(),
            error: None,
        }
    }
}

impl App {
    /// The dialog; returns whether it closes.
    pub(super) fn start_from_dialog(&mut self, ui: &mut Ui, mut state: StartFrom) -> bool {
        let tr = self.tr();
        let before = state.clone();
        ui.label(theme::bold(tr.t("start_from.title")).size(18.0));
        ui.label(tr.t("start_from.text"));
        let enter_pressed = ui.input(|i| i.key_pressed(Key::Enter));
        let response = ui
            .horizontal(|ui| {
                let field = crate::ui::widgets::labelled(ui, tr.t("start_from.file"), |ui| {
                    ui.add(egui::TextEdit::singleline(&mut state.path).desired_width(380.0))
                });
                if self.native_dialogs && ui.button(tr.t("handover.choose")).clicked() {
                    self.commands.push(Command::PickStartFrom);
                }
                field
            })
            .inner;
        ui.label(tr.t("start_from.keep"));
        for part in Part::ALL {
            let label = match part {
                Part::Applicant => tr.t("start_from.applicant"),
                Part::Operations => tr.t("start_from.operations"),
                Part::Budget => tr.t("start_from.budget"),
                Part::Indicators => tr.t("start_from.indicators"),
                Part::Attachments => tr.t("start_from.attachments"),
            };
            let mut kept = state.keep.contains(&part);
            if ui.checkbox(&mut kept, label).changed() {
                state.keep.retain(|p| *p != part);
                if kept {
                    state.keep.push(part);
                }
            }
        }
        ui.label(RichText::new(tr.t("start_from.left")).color(theme::TEXT_MUTED));
        if let Some(why) = &state.error {
            ui.label(RichText::new(why).color(theme::RED));
        }
        let enter = enter_pressed && (response.lost_focus() || response.has_focus());
        let close = ui
            .horizontal(|ui| {
                let ok = ui.button(tr.t("start_from.make")).clicked() || enter;
                if ok && !state.path.trim().is_empty() {
                    self.commands.push(Command::StartFromFile(
                        PathBuf::from(state.path.trim()),
                        state.keep.clone(),
                    ));
                    return true;
                }
                ui.button(tr.t("button.cancel")).clicked()
            })
            .inner;
        if !close && state != before {
            self.dialog = Some(Dialog::StartFrom(state));
        }
        close
    }

    /// Reads the earlier dossier and starts the new one from it; a file that cannot be read is
    /// said in the dialog, and nothing else changes.
    pub(super) fn start_from_file(&mut self, path: &std::path::Path, keep: &[Part]) {
        let tr = self.tr();
        match crate::storage::load(path, &self.knowledge.rules) {
            Ok(loaded) => {
                let earlier = loaded.parsed.dossier;
                let window = earlier.window.clone();
                self.replace(start_from::start_from(&earlier, keep), None, None);
                // Not saved yet: closing asks first.
                self.doc.saved = crate::domain::Dossier::new(&window);
                self.status = Some(tr.tf("start_from.done", &[("file", &path.display())]));
            }
            Err(e) => {
                self.dialog = Some(Dialog::StartFrom(StartFrom {
                    path: path.display().to_string(),
                    keep: keep.to_vec(),
                    error: Some(tr.load_error(&e)),
                }));
            }
        }
    }

    /// « Choisir… » of the start-from question: the system's file dialog, its answer written in
    /// the question's field.
    pub(super) fn pick_start_from(&mut self) {
        let tr = self.tr();
        let Some(path) = rfd::FileDialog::new()
            .add_filter(tr.t("filter.draft"), &["ron"])
            .add_filter(tr.t("filter.json"), &["json"])
            .pick_file()
        else {
            return;
        };
        if let Some(Dialog::StartFrom(state)) = &mut self.dialog {
            state.path = path.display().to_string();
        }
    }
}
