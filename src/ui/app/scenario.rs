//! « Dupliquer en scénario… » (issue 15): the dossier on screen saved as a copy beside its
//! draft under a name the user gives (`projet.scenario-taux-40.ron`, never over a file), then
//! opened — the title bar says it is a scenario and of which draft — with « Comparer avec
//! l'original » at hand.

use std::path::{Path, PathBuf};

use egui::{Key, RichText, Ui};

use super::{App, Command, Dialog};
use crate::storage::{self, Overwrite, scenario};
use crate::ui::theme;

impl App {
    /// Asks the scenario's name; a dossier without a file is saved first.
    pub(super) fn ask_scenario(&mut self) {
        let tr = self.tr();
        if self.doc.path.is_none() {
            self.dialog = Some(Dialog::Message {
                title: tr.t("scenario.title").to_owned(),
                text: tr.t("scenario.save_first").to_owned(),
            });
            return;
        }
        self.dialog = Some(Dialog::Scenario {
            name: String::new(),
            error: None,
        });
    }

    /// The name dialog; returns whether it closes.
    pub(super) fn scenario_dialog(
        &mut self,
        ui: &mut Ui,
        mut name: String,
        error: Option<&str>,
    ) -> bool {
        let tr = self.tr();
        let Some(draft) = self.doc.path.clone() else {
            return true;
        };
        ui.label(theme::bold(tr.t("scenario.title")).size(18.0));
        ui.label(tr.t("scenario.text"));
        let enter_pressed = ui.input(|i| i.key_pressed(Key::Enter));
        let response = crate::ui::widgets::labelled(ui, tr.t("scenario.name"), |ui| {
            ui.add(egui::TextEdit::singleline(&mut name).desired_width(360.0))
        });
        if ui.memory(|m| m.focused().is_none()) {
            response.request_focus();
        }
        let target = scenario::path_for(&draft, &name);
        match (&target, error) {
            (_, Some(why)) => {
                ui.label(RichText::new(why).color(theme::RED));
            }
            (Ok(path), None) => {
                let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
                ui.label(
                    RichText::new(tr.tf("scenario.file", &[("file", &file.unwrap_or_default())]))
                        .color(theme::TEXT_MUTED),
                );
            }
            (Err(why), None) if !name.trim().is_empty() => {
                ui.label(RichText::new(tr.scenario_name_error(why)).color(theme::ORANGE));
            }
            (Err(_), None) => {}
        }
        if response.changed() {
            self.dialog = Some(Dialog::Scenario {
                name: name.clone(),
                error: None,
            });
        }
        let enter = enter_pressed && (response.lost_focus() || response.has_focus());
        ui.horizontal(|ui| {
            if (ui.button(tr.t("scenario.make")).clicked() || enter) && target.is_ok() {
                self.commands
                    .push(Command::MakeScenario(name.trim().to_owned()));
                return true;
            }
            ui.button(tr.t("button.cancel")).clicked()
        })
        .inner
    }

    /// Saves the copy beside the draft and opens it.
    pub(super) fn make_scenario(&mut self, name: &str) {
        let tr = self.tr();
        let Some(original) = self.doc.path.clone() else {
            return;
        };
        let target = match scenario::path_for(&original, name) {
            Ok(path) => path,
            Err(why) => {
                self.dialog = Some(Dialog::Scenario {
                    name: name.to_owned(),
                    error: Some(tr.scenario_name_error(&why)),
                });
                return;
            }
        };
        match storage::save(
            &target,
            &self.doc.dossier,
            Some(&self.doc.evaluation),
            Overwrite::Chosen,
            &self.knowledge.rules,
        ) {
            Ok(fingerprint) => {
                self.doc.saved = self.doc.dossier.clone();
                self.doc.path = Some(target.clone());
                self.doc.fingerprint = Some(fingerprint);
                // The scenario is the window's now; the draft it comes from is let go.
                self.hold_saved(&target);
                self.prefs.touch(&target);
                self.status = Some(tr.tf("save.done", &[("file", &target.display())]));
                self.dialog = Some(Dialog::ScenarioMade {
                    original,
                    file: target,
                });
            }
            Err(e) => {
                self.dialog = Some(Dialog::Scenario {
                    name: name.to_owned(),
                    error: Some(tr.save_error(&e)),
                });
            }
        }
    }

    /// The scenario made: where, and the comparison with its original at hand.
    pub(super) fn scenario_made_dialog(
        &mut self,
        ui: &mut Ui,
        original: &Path,
        file: &Path,
    ) -> bool {
        let tr = self.tr();
        ui.label(theme::bold(tr.t("scenario.made")).size(18.0));
        ui.label(tr.tf(
            "scenario.made.text",
            &[("file", &file.display()), ("original", &original.display())],
        ));
        ui.horizontal(|ui| {
            if ui.button(tr.t("scenario.compare")).clicked() {
                self.commands
                    .push(Command::CompareWith(original.to_owned()));
                return true;
            }
            ui.button(tr.t("button.close")).clicked()
        })
        .inner
    }

    /// « Ce qui a changé » from a dossier file to the dossier on screen.
    pub(super) fn compare_file(&mut self, file: &Path) {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let label = self.tr().tf("compare.file", &[("file", &name)]);
        self.comparison = Some((label, self.compare_with(file)));
    }

    /// What the title bar adds for a scenario: « scénario « taux-40 » de projet.ron ».
    pub(super) fn scenario_mark(&self) -> Option<String> {
        let (slug, original) = scenario::of(self.doc.path.as_deref()?)?;
        let original = original
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        Some(
            self.tr()
                .tf("scenario.mark", &[("name", &slug), ("original", &original)]),
        )
    }

    /// The draft a scenario comes from, when it is one and that draft is there.
    pub(super) fn scenario_original(&self) -> Option<PathBuf> {
        scenario::of(self.doc.path.as_deref()?)
            .map(|(_, original)| original)
            .filter(|p| p.exists())
    }
}
