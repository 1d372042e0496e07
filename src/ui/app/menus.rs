//! The menu bar and the keyboard shortcuts.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::{App, Command};
use crate::i18n::Lang;
use crate::ui::theme;

impl App {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        let shortcuts = [
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                Command::SaveAs,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                Command::Save,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
                Command::Open,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::N),
                Command::New,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::E),
                Command::Export,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::I),
                Command::Import,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                Command::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
                Command::Undo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
                Command::Redo,
            ),
        ];
        if self.dialog.is_some() || self.import.is_some() {
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F6)) {
            self.frame.skip_to_form = super::SkipToForm::Asked;
        }
        for (shortcut, command) in shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(command);
            }
        }
    }

    /// « Aller au formulaire (F6) », the window's first stop for Tab, as the DSFR's « liens
    /// d'évitement »: shown only while it has the focus, it takes the keyboard past the menus
    /// and the steps list to the step's first field.
    fn skip_link(&mut self, ui: &mut Ui) {
        let text = self.tr().t("skip.to_form");
        let (rect, response) = ui.allocate_exact_size(
            egui::vec2(0.0, ui.spacing().interact_size.y),
            egui::Sense::click(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, text));
        if response.has_focus() {
            let painter = ui
                .ctx()
                .layer_painter(egui::LayerId::new(egui::Order::Tooltip, response.id));
            let galley = painter.layout_no_wrap(
                text.to_owned(),
                egui::FontId::proportional(15.0),
                egui::Color32::WHITE,
            );
            let shown =
                egui::Rect::from_min_size(rect.left_top(), galley.size() + egui::vec2(20.0, 10.0));
            painter.rect_filled(shown, 0.0, theme::BLUE);
            painter.rect_stroke(
                shown.expand(2.0),
                0.0,
                egui::Stroke::new(2.0, theme::BLUE),
                egui::StrokeKind::Outside,
            );
            painter.galley(
                shown.min + egui::vec2(10.0, 5.0),
                galley,
                egui::Color32::WHITE,
            );
        }
        if response.clicked() {
            self.frame.skip_to_form = super::SkipToForm::Asked;
        }
    }

    /// « Affichage » (text size, language) and « Aide » (sources of the rules).
    pub(super) fn view_and_help_menus(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        ui.menu_button(tr.t("menu.view"), |ui| {
            let ctx = ui.ctx().clone();
            if ui.button(tr.t("menu.view.larger")).clicked() {
                egui::gui_zoom::zoom_in(&ctx);
            }
            if ui.button(tr.t("menu.view.smaller")).clicked() {
                egui::gui_zoom::zoom_out(&ctx);
            }
            if ui.button(tr.t("menu.view.normal")).clicked() {
                ctx.set_zoom_factor(1.0);
            }
            ui.separator();
            ui.label(RichText::new(tr.t("menu.view.language")).color(theme::TEXT_MUTED));
            for lang in Lang::ALL {
                if ui.radio(self.prefs.lang == lang, lang.name()).clicked() {
                    self.set_lang(lang);
                }
            }
        });
        ui.menu_button(tr.t("menu.help"), |ui| {
            if ui.button(tr.t("menu.help.sources")).clicked() {
                self.sources.open = true;
            }
            if ui.button(tr.t("menu.help.glossary")).clicked() {
                self.glossary.open = true;
            }
        });
    }

    /// « Fichier »: the files, the pack, the platform, the versions and scenarios, quitting.
    fn file_menu(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        ui.menu_button(tr.t("menu.file"), |ui| {
            let items = [
                (tr.t("menu.file.new"), Command::New),
                (tr.t("menu.file.start_from"), Command::StartFrom),
                (tr.t("menu.file.open"), Command::Open),
                (tr.t("menu.file.save"), Command::Save),
                (tr.t("menu.file.save_as"), Command::SaveAs),
                (tr.t("menu.file.export"), Command::Export),
                (
                    if self.doc.dossier.commitment.is_some() {
                        tr.t("menu.file.import.spending")
                    } else {
                        tr.t("menu.file.import")
                    },
                    Command::Import,
                ),
                (tr.t("menu.file.handover"), Command::Handover),
                (
                    if self.doc.dossier.commitment.is_some() {
                        tr.t("menu.file.amend")
                    } else {
                        tr.t("menu.file.commitment")
                    },
                    Command::Commitment,
                ),
                (tr.t("menu.file.history"), Command::History),
                (tr.t("menu.file.scenario"), Command::Scenario),
            ];
            for (label, command) in items {
                if ui.button(label).clicked() {
                    self.commands.push(command);
                }
            }
            if self.doc.dossier.commitment.is_some()
                && ui.button(tr.t("menu.file.report")).clicked()
            {
                // At the date the « Suivi » step shows, today unless another was chosen.
                let at = ui
                    .data(|m| m.get_temp(crate::ui::steps::follow::report_at_id()))
                    .unwrap_or_else(crate::domain::Date::today);
                self.commands.push(Command::Report(at));
            }
            if self.scenario_original().is_some()
                && ui.button(tr.t("menu.file.compare_original")).clicked()
            {
                self.commands.push(Command::CompareOriginal);
            }
            ui.menu_button(tr.t("menu.file.recent"), |ui| {
                if self.prefs.recent.is_empty() {
                    ui.label(RichText::new(tr.t("menu.file.recent.none")).color(theme::TEXT_MUTED));
                }
                for path in &self.prefs.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        self.commands.push(Command::OpenPath(path.clone()));
                    }
                }
            });
            ui.separator();
            if ui.button(tr.t("menu.file.quit")).clicked() {
                self.commands.push(Command::Quit);
            }
        });
    }

    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        egui::MenuBar::new().ui(ui, |ui| {
            if self.start.is_none() {
                self.skip_link(ui);
            }
            self.file_menu(ui);
            ui.menu_button(tr.t("menu.edit"), |ui| {
                if ui
                    .add_enabled(
                        self.doc.history.can_undo(),
                        egui::Button::new(tr.t("menu.edit.undo")),
                    )
                    .clicked()
                {
                    self.commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        self.doc.history.can_redo(),
                        egui::Button::new(tr.t("menu.edit.redo")),
                    )
                    .clicked()
                {
                    self.commands.push(Command::Redo);
                }
            });
            self.view_and_help_menus(ui);
            ui.separator();
            let window = self
                .knowledge
                .rules
                .window(&self.doc.dossier.window)
                .map_or("", |w| w.name.as_str());
            ui.label(
                RichText::new(tr.tf(
                    "menu.window",
                    &[("id", &self.doc.dossier.window), ("name", &window)],
                ))
                .color(theme::TEXT_MUTED),
            );
            if let Some(path) = &self.doc.path {
                // The file's name first (what tells one dossier from another), then its folder;
                // cut with « … » at the window's edge (a deep network share), the whole path on
                // hover.
                let whole = path.display().to_string();
                let shown = match (
                    path.file_name(),
                    path.parent().filter(|p| !p.as_os_str().is_empty()),
                ) {
                    (Some(name), Some(folder)) => {
                        format!("{} — {}", name.to_string_lossy(), folder.display())
                    }
                    _ => whole.clone(),
                };
                ui.add(
                    egui::Label::new(RichText::new(shown).color(theme::TEXT_MUTED).small())
                        .truncate(),
                )
                .on_hover_text(whole);
            }
        });
    }
}
