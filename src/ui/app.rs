//! The application: the open dossier, the current step, undo history, dialogs, and the commands
//! gathered while drawing and run after the frame.

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::history::History;
use super::prefs::{self, Prefs};
use super::widgets::Inputs;
use super::{panel, steps, theme};
use crate::domain::{Dossier, Evaluation, Knowledge, Step};
use crate::i18n::{self, Lang, Texts};
use crate::storage::autosave::{Autosave, Recovery};
use crate::storage::{self, Fingerprint, Overwrite};

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// A draft to open.
    pub file: Option<PathBuf>,
    /// The step to show first.
    pub step: Option<Step>,
    /// Whether to use the system's file dialogs (else a path field); `None`: detect.
    pub native_dialogs: Option<bool>,
    /// Where autosaves go; `None` turns autosave off.
    pub autosave: Option<Autosave>,
    /// When set, the time from this instant to the end of the first frame is written to the
    /// standard error and the window closes (start-up measurement).
    pub first_frame_report: Option<std::time::Instant>,
}

/// Seconds between two autosaves of a changed dossier.
const AUTOSAVE_SECS: f64 = 30.0;

/// A side effect asked for while drawing, run after the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A new, empty dossier.
    New,
    /// Choose a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Save to the current file (or choose one).
    Save,
    /// Choose a file and save to it.
    SaveAs,
    /// Save to this file.
    SaveTo(PathBuf),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Show a step, and focus a field of it.
    GoTo(Step, Option<String>),
    /// Choose the file of an attachment, and record its name and SHA-256.
    PickAttachment(usize),
    /// Choose a spreadsheet and import budget lines from it.
    ImportBudget,
    /// Read this spreadsheet and show the import dialog.
    ImportFrom(PathBuf),
    /// Choose a folder and write the submission pack into it.
    Export,
    /// Write the submission pack into this folder, in the background.
    ExportTo(PathBuf),
    /// Close the window.
    Quit,
}

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
enum After {
    New,
    Open,
    OpenPath(PathBuf),
    Quit,
}

/// What a path typed by hand is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PathPurpose {
    Open,
    Save,
    Export,
    Import,
}

/// A modal dialog.
#[derive(Debug, Clone)]
enum Dialog {
    Unsaved(After),
    Message {
        title: String,
        text: String,
    },
    Path {
        purpose: PathPurpose,
        text: String,
    },
    Recover {
        autosave: PathBuf,
        age: String,
    },
    Exported {
        dir: PathBuf,
        files: Vec<String>,
        blocking: Vec<String>,
    },
}

/// The application's state.
pub struct App {
    knowledge: Knowledge,
    /// The dossier being edited.
    pub dossier: Dossier,
    path: Option<PathBuf>,
    fingerprint: Option<Fingerprint>,
    saved: Dossier,
    /// The step shown.
    pub step: Step,
    history: History,
    /// The estimate and findings of the dossier as it stands.
    pub evaluation: Evaluation,
    inputs: Inputs,
    commands: Vec<Command>,
    dialog: Option<Dialog>,
    status: Option<String>,
    prefs: Prefs,
    native_dialogs: bool,
    allow_close: bool,
    title: String,
    source_shown: Option<String>,
    autosave: Option<Autosave>,
    last_autosave: f64,
    was_focused: bool,
    recovered: Option<Box<Dossier>>,
    first_frame_report: Option<std::time::Instant>,
    export_job: Option<std::sync::mpsc::Receiver<Result<crate::export::Exported, String>>>,
    import: Option<super::import::ImportState>,
    sources: super::sources::SourcesView,
    /// What the user asked before « Enregistrer » on an untitled dossier, done once it is saved.
    pending_after: Option<After>,
}

impl App {
    /// The app, on a new dossier or on the file of `options`.
    #[must_use]
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        knowledge: Knowledge,
        options: StartOptions,
    ) -> Self {
        theme::install(&cc.egui_ctx);
        let prefs = cc
            .storage
            .and_then(|s| eframe::get_value::<Prefs>(s, prefs::KEY))
            .unwrap_or_default();
        if let Some(zoom) = prefs::zoom_of(&prefs) {
            cc.egui_ctx.set_zoom_factor(zoom);
        }
        let native_dialogs = options
            .native_dialogs
            .unwrap_or_else(native_dialogs_available);
        let mut app = App::with_dossier(
            knowledge,
            Dossier::new(crate::domain::DEFAULT_WINDOW),
            prefs,
            native_dialogs,
        );
        app.autosave = options.autosave;
        app.first_frame_report = options.first_frame_report;
        match options.file {
            Some(path) => app.open_path(&path),
            None => app.offer_recovery(None),
        }
        if let Some(step) = options.step {
            app.step = step;
        }
        app
    }

    fn with_dossier(
        knowledge: Knowledge,
        dossier: Dossier,
        prefs: Prefs,
        native_dialogs: bool,
    ) -> Self {
        let evaluation = evaluate(&knowledge, &dossier);
        App {
            history: History::new(dossier.clone()),
            saved: dossier.clone(),
            dossier,
            knowledge,
            path: None,
            fingerprint: None,
            step: Step::Applicant,
            evaluation,
            inputs: Inputs::default(),
            commands: Vec::new(),
            dialog: None,
            status: None,
            prefs,
            native_dialogs,
            allow_close: false,
            title: String::new(),
            source_shown: None,
            autosave: None,
            last_autosave: 0.0,
            was_focused: true,
            recovered: None,
            first_frame_report: None,
            export_job: None,
            import: None,
            sources: super::sources::SourcesView::default(),
            pending_after: None,
        }
    }

    /// Whether the dossier differs from the file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.dossier != self.saved
    }

    /// The preferences as they will be saved (recent files, text size).
    #[must_use]
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The file the dossier comes from or was saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The interface language.
    #[must_use]
    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    /// Changes the interface language (remembered with the preferences).
    pub fn set_lang(&mut self, lang: Lang) {
        if lang != self.prefs.lang {
            self.prefs.lang = lang;
            // The last message was in the other language.
            self.status = Some(self.tr().t("status.language").to_owned());
        }
    }

    /// The texts of the interface language.
    fn tr(&self) -> &'static Texts {
        i18n::texts(self.prefs.lang)
    }

    /// The message of the dialog shown, if any (for tests).
    #[must_use]
    pub fn dialog_text(&self) -> Option<String> {
        let tr = self.tr();
        match &self.dialog {
            Some(Dialog::Message { title, text }) => Some(format!(
                "{} {text}",
                tr.tf("label.colon", &[("label", title)])
            )),
            Some(Dialog::Unsaved(_)) => Some(tr.t("unsaved.title").to_owned()),
            Some(Dialog::Path { .. }) => Some(tr.t("path.field").to_owned()),
            Some(Dialog::Recover { age, .. }) => Some(format!("{} ({age})", tr.t("recover.title"))),
            Some(Dialog::Exported { dir, .. }) => {
                Some(tr.tf("export.written_in", &[("dir", &dir.display())]))
            }
            None => None,
        }
    }

    fn window_title(&self) -> String {
        let tr = self.tr();
        let name = if self.dossier.project.title.trim().is_empty() {
            self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                || tr.t("dossier.new").to_owned(),
                |n| n.to_string_lossy().into_owned(),
            )
        } else {
            self.dossier.project.title.trim().to_owned()
        };
        let mark = if self.is_dirty() {
            tr.t("title.modified")
        } else {
            ""
        };
        format!("{name}{mark} — {}", tr.t("app.name"))
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
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
                Command::ImportBudget,
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
        for (shortcut, command) in shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(command);
            }
        }
    }

    /// « Affichage » (text size, language) and « Aide » (sources of the rules).
    fn view_and_help_menus(&mut self, ui: &mut Ui) {
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
        });
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr.t("menu.file"), |ui| {
                let items = [
                    (tr.t("menu.file.new"), Command::New),
                    (tr.t("menu.file.open"), Command::Open),
                    (tr.t("menu.file.save"), Command::Save),
                    (tr.t("menu.file.save_as"), Command::SaveAs),
                    (tr.t("menu.file.export"), Command::Export),
                    (tr.t("menu.file.import"), Command::ImportBudget),
                ];
                for (label, command) in items {
                    if ui.button(label).clicked() {
                        self.commands.push(command);
                    }
                }
                ui.menu_button(tr.t("menu.file.recent"), |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label(
                            RichText::new(tr.t("menu.file.recent.none")).color(theme::TEXT_MUTED),
                        );
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
            ui.menu_button(tr.t("menu.edit"), |ui| {
                if ui
                    .add_enabled(
                        self.history.can_undo(),
                        egui::Button::new(tr.t("menu.edit.undo")),
                    )
                    .clicked()
                {
                    self.commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        self.history.can_redo(),
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
                .window(&self.dossier.window)
                .map_or("", |w| w.name.as_str());
            ui.label(
                RichText::new(tr.tf(
                    "menu.window",
                    &[("id", &self.dossier.window), ("name", &window)],
                ))
                .color(theme::TEXT_MUTED),
            );
            if let Some(path) = &self.path {
                ui.label(
                    RichText::new(path.display().to_string())
                        .color(theme::TEXT_MUTED)
                        .small(),
                );
            }
        });
    }

    /// The steps list, drawn; the places of the navigation bar and of the live
    /// panel, only reserved: their content is drawn after the step, so that Tab follows the
    /// reading order: menus, steps list, the step's form, « Précédent / Suivant », then the findings.
    fn side_panels(&mut self, ui: &mut Ui) -> (egui::Rect, egui::Rect) {
        let navigation = egui::Panel::bottom("navigation")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(16, 10)),
            )
            .show(ui, |ui| {
                // One row of buttons: the height the bar needs, reserved before its content.
                let rect = ui.available_rect_before_wrap();
                let rect = egui::Rect::from_min_size(
                    rect.min,
                    egui::vec2(rect.width(), ui.spacing().interact_size.y + 4.0),
                );
                ui.allocate_rect(rect, egui::Sense::hover());
                rect
            })
            .inner;
        // Narrow windows (or 150 % scale) leave more room to the step itself.
        let narrow = ui.ctx().content_rect().width() < 1150.0;
        egui::Panel::left("steps")
            .exact_size(if narrow { 215.0 } else { 250.0 })
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .fill(theme::PANEL)
                    .inner_margin(12),
            )
            .show(ui, |ui| self.steps_list(ui));
        let live = egui::Panel::right("live")
            .default_size(350.0)
            .min_size(320.0)
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .fill(theme::PANEL)
                    .inner_margin(12),
            )
            .show(ui, |ui| {
                let rect = ui.max_rect();
                ui.allocate_rect(rect, egui::Sense::hover());
                rect
            })
            .inner;
        (navigation, live)
    }

    fn steps_list(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        ui.add_space(8.0);
        ui.label(theme::bold(tr.t("steps.title")).color(theme::BLUE));
        ui.add_space(4.0);
        for (i, step) in Step::ALL.into_iter().enumerate() {
            let blocking = self
                .evaluation
                .of_step(step)
                .filter(|f| f.severity == crate::domain::Severity::Blocking)
                .count();
            let open = self
                .evaluation
                .of_step(step)
                .filter(|f| f.severity != crate::domain::Severity::Advisory)
                .count();
            // Steps 3 and 4 describe migrated applications: without a migration they do not apply.
            let applies = !matches!(step, Step::Applications | Step::Target)
                || self
                    .dossier
                    .operations
                    .iter()
                    .any(|o| o.kind() == crate::domain::dossier::OperationType::Migration);
            let mark = match (step, blocking, open) {
                (Step::Review, _, _) => String::new(),
                _ if !applies => "  —".to_owned(),
                (_, 0, 0) => "  ✓".to_owned(),
                (_, 0, n) => format!("  ⚠ {n}"),
                (_, n, _) => format!("  ● {n}"),
            };
            let text = format!("{}. {}{mark}", i + 1, tr.step(step));
            let colour = match (blocking, open) {
                _ if step == Step::Review => theme::TEXT,
                _ if !applies => theme::TEXT_MUTED,
                (0, 0) => theme::GREEN,
                (0, _) => theme::ORANGE,
                _ => theme::RED,
            };
            let label = RichText::new(text).color(if self.step == step {
                theme::BLUE
            } else {
                colour
            });
            let response = ui
                .with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                    ui.add(
                        egui::Button::selectable(self.step == step, label)
                            .min_size(egui::vec2(0.0, 30.0)),
                    )
                })
                .inner
                .on_hover_text(match blocking {
                    0 => tr.t("steps.nothing_blocks").to_owned(),
                    n => tr.tf("steps.blocking", &[("n", &n)]),
                });
            if response.clicked() {
                self.commands.push(Command::GoTo(step, None));
            }
        }
    }

    fn navigation(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        ui.horizontal(|ui| {
            if let Some(prev) = self.step.prev()
                && ui
                    .button(tr.tf("nav.previous", &[("step", &tr.step(prev))]))
                    .clicked()
            {
                self.commands.push(Command::GoTo(prev, None));
            }
            if let Some(next) = self.step.next()
                && ui
                    .add(
                        egui::Button::new(
                            RichText::new(tr.tf("nav.next", &[("step", &tr.step(next))]))
                                .color(egui::Color32::WHITE),
                        )
                        .fill(theme::BLUE),
                    )
                    .clicked()
            {
                self.commands.push(Command::GoTo(next, None));
            }
            if let Some(status) = &self.status {
                ui.separator();
                ui.label(RichText::new(status).color(theme::TEXT_MUTED));
            }
        });
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        let shown = dialog_kind(&dialog);
        let tr = self.tr();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            close = match dialog {
                Dialog::Message { title, text } => {
                    ui.label(theme::bold(&title).size(18.0));
                    ui.label(&text);
                    ui.button(tr.t("button.close")).clicked()
                }
                Dialog::Unsaved(after) => self.unsaved_dialog(ui, &after),
                Dialog::Recover { autosave, age } => self.recover_dialog(ui, &autosave, &age),
                Dialog::Path { purpose, text } => self.path_dialog(ui, purpose, text),
                Dialog::Exported {
                    dir,
                    files,
                    blocking,
                } => self.exported_dialog(ui, &dir, &files, &blocking),
            };
        });
        // A command may have opened another dialog in the meantime: keep that one.
        if close && self.dialog.as_ref().map(dialog_kind) == Some(shown) {
            self.dialog = None;
        }
    }

    /// Save, discard or cancel; returns whether the dialog closes.
    fn unsaved_dialog(&mut self, ui: &mut Ui, after: &After) -> bool {
        let tr = self.tr();
        ui.label(theme::bold(tr.t("unsaved.title")).size(18.0));
        ui.label(tr.t("unsaved.text"));
        ui.horizontal(|ui| {
            if ui.button(tr.t("unsaved.save")).clicked() {
                self.commands.push(Command::Save);
                if self.path.is_some() {
                    self.after_unsaved(after.clone());
                } else {
                    // Untitled: the action waits for « Enregistrer sous » to succeed.
                    self.pending_after = Some(after.clone());
                }
                return true;
            }
            if ui.button(tr.t("unsaved.discard")).clicked() {
                self.saved = self.dossier.clone();
                self.after_unsaved(after.clone());
                return true;
            }
            ui.button(tr.t("button.cancel")).clicked()
        })
        .inner
    }

    /// Recover or ignore a newer autosave; returns whether the dialog closes.
    fn recover_dialog(&mut self, ui: &mut Ui, autosave: &Path, age: &str) -> bool {
        let tr = self.tr();
        ui.label(theme::bold(tr.t("recover.title")).size(18.0));
        ui.label(tr.tf("recover.text", &[("age", &age)]));
        ui.horizontal(|ui| {
            if ui.button(tr.t("recover.recover")).clicked() {
                if let Some(recovered) = self.recovered.take() {
                    self.dossier = *recovered;
                    self.status = Some(tr.t("recover.done").to_owned());
                }
                return true;
            }
            if ui.button(tr.t("recover.ignore")).clicked() {
                self.recovered = None;
                let _ = std::fs::remove_file(autosave);
                return true;
            }
            false
        })
        .inner
    }

    /// A path typed by hand when the system has no file dialog; returns whether it closes.
    fn path_dialog(&mut self, ui: &mut Ui, purpose: PathPurpose, mut text: String) -> bool {
        let tr = self.tr();
        let (title, expected) = match purpose {
            PathPurpose::Open => (tr.t("path.open"), tr.t("path.open.expected")),
            PathPurpose::Save => (tr.t("path.save"), tr.t("path.open.expected")),
            PathPurpose::Export => (tr.t("path.export"), tr.t("path.export.expected")),
            PathPurpose::Import => (tr.t("path.import"), tr.t("path.import.expected")),
        };
        ui.label(theme::bold(title).size(18.0));
        ui.label(tr.tf("path.no_dialog", &[("expected", &expected)]));
        // Read before the field, which takes the key for itself.
        let enter_pressed = ui.input(|i| i.key_pressed(Key::Enter));
        let response = super::widgets::labelled(ui, tr.t("path.field"), |ui| {
            ui.add(egui::TextEdit::singleline(&mut text).desired_width(500.0))
        });
        // The field is where the keyboard goes when the dialog opens.
        if ui.memory(|m| m.focused().is_none()) {
            response.request_focus();
        }
        if response.changed() {
            self.dialog = Some(Dialog::Path {
                purpose,
                text: text.clone(),
            });
        }
        let enter = enter_pressed && (response.lost_focus() || response.has_focus());
        ui.horizontal(|ui| {
            let ok = ui.button(tr.t("button.ok")).clicked() || enter;
            if ok && !text.trim().is_empty() {
                let path = PathBuf::from(text.trim());
                self.commands.push(match purpose {
                    PathPurpose::Open => Command::OpenPath(path),
                    PathPurpose::Save => Command::SaveTo(path),
                    PathPurpose::Export => Command::ExportTo(path),
                    PathPurpose::Import => Command::ImportFrom(path),
                });
                return true;
            }
            let cancel = ui.button(tr.t("button.cancel")).clicked();
            if cancel {
                self.pending_after = None;
            }
            cancel
        })
        .inner
    }

    fn after_unsaved(&mut self, after: After) {
        self.commands.push(match after {
            After::New => Command::New,
            After::Open => Command::Open,
            After::OpenPath(p) => Command::OpenPath(p),
            After::Quit => Command::Quit,
        });
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if commands.is_empty() {
            return;
        }
        for command in commands {
            self.run_command(ctx, command);
        }
        // What the commands changed shows on the next frame.
        ctx.request_repaint();
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let tr = self.tr();
        let guard = |app: &mut App, after: After| -> bool {
            if app.is_dirty() {
                app.dialog = Some(Dialog::Unsaved(after));
                false
            } else {
                true
            }
        };
        match command {
            Command::New => {
                if guard(self, After::New) {
                    let window = self.dossier.window.clone();
                    self.replace(Dossier::new(&window), None, None);
                    self.status = Some(tr.t("dossier.new").to_owned());
                }
            }
            Command::Open => {
                if guard(self, After::Open) {
                    self.choose_and_open();
                }
            }
            Command::OpenPath(path) => {
                if guard(self, After::OpenPath(path.clone())) {
                    self.open_path(&path);
                }
            }
            Command::Save => match self.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.run_command(ctx, Command::SaveAs),
            },
            Command::SaveAs => self.choose_and_save(),
            Command::SaveTo(path) => self.save_to(&with_extension(path)),
            Command::Undo => {
                if let Some(previous) = self.history.undo() {
                    self.dossier = previous;
                    self.inputs.clear();
                    self.evaluation = evaluate(&self.knowledge, &self.dossier);
                    self.status = Some(tr.t("status.undone").to_owned());
                }
            }
            Command::Redo => {
                if let Some(next) = self.history.redo() {
                    self.dossier = next;
                    self.inputs.clear();
                    self.evaluation = evaluate(&self.knowledge, &self.dossier);
                    self.status = Some(tr.t("status.redone").to_owned());
                }
            }
            Command::GoTo(step, field) => {
                self.step = step;
                self.inputs.focus = field;
            }
            Command::PickAttachment(index) => self.pick_attachment(index),
            Command::ImportBudget => self.choose_spreadsheet(),
            Command::ImportFrom(path) => self.read_spreadsheet(&path),
            Command::Export => self.choose_export_folder(),
            Command::ExportTo(dir) => self.start_export(dir),
            Command::Quit => {
                if guard(self, After::Quit) {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// A file to read, from the system's dialog; without one, the path field opens instead (its
    /// « Valider » runs the purpose's command) and this gives nothing.
    fn pick_file(
        &mut self,
        purpose: PathPurpose,
        title: &str,
        filter: (&str, &[&str]),
    ) -> Option<PathBuf> {
        if !self.native_dialogs {
            self.dialog = Some(Dialog::Path {
                purpose,
                text: String::new(),
            });
            return None;
        }
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(filter.0, filter.1)
            .pick_file()
    }

    fn choose_and_open(&mut self) {
        let tr = self.tr();
        let filter = (tr.t("filter.dossier"), &["ron", "json"][..]);
        if let Some(path) = self.pick_file(PathPurpose::Open, tr.t("path.open"), filter) {
            self.open_path(&path);
        }
    }

    fn choose_and_save(&mut self) {
        if !self.native_dialogs {
            let text = self
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            self.dialog = Some(Dialog::Path {
                purpose: PathPurpose::Save,
                text,
            });
            return;
        }
        if let Some(path) = rfd::FileDialog::new()
            .set_title(self.tr().t("path.save"))
            .add_filter(self.tr().t("filter.draft"), &["ron"])
            .add_filter(self.tr().t("filter.json"), &["json"])
            .set_file_name(default_file_name(&self.dossier))
            .save_file()
        {
            self.save_to(&with_extension(path));
        } else {
            self.pending_after = None;
        }
    }

    fn choose_export_folder(&mut self) {
        if self.export_job.is_some() {
            return;
        }
        if !self.native_dialogs {
            let text = self
                .path
                .as_ref()
                .and_then(|p| p.parent())
                .map(|p| p.join("depot").display().to_string())
                .unwrap_or_default();
            self.dialog = Some(Dialog::Path {
                purpose: PathPurpose::Export,
                text,
            });
            return;
        }
        if let Some(dir) = rfd::FileDialog::new()
            .set_title(self.tr().t("export.folder"))
            .pick_folder()
        {
            self.start_export(dir);
        }
    }

    /// Writes the pack on a thread of its own: the window keeps answering meanwhile.
    fn start_export(&mut self, dir: PathBuf) {
        if self.export_job.is_some() {
            return;
        }
        let (send, receive) = std::sync::mpsc::channel();
        let dossier = self.dossier.clone();
        let knowledge = self.knowledge.clone();
        let options = crate::export::Options {
            generated_on: crate::domain::Date::today(),
            zip: false,
            lang: self.prefs.lang,
        };
        std::thread::spawn(move || {
            let tr = i18n::texts(options.lang);
            let result = crate::export::export(&dossier, &knowledge, &dir, &options)
                .map_err(|e| tr.export_error(&e));
            let _ = send.send(result);
        });
        self.export_job = Some(receive);
        self.status = Some(self.tr().t("export.running").to_owned());
    }

    /// Picks up the result of a background export.
    fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else { return };
        let tr = self.tr();
        match job.try_recv() {
            Ok(Ok(pack)) => {
                self.export_job = None;
                let mut files: Vec<String> =
                    pack.manifest.files.iter().map(|f| f.name.clone()).collect();
                files.push("manifest.json".into());
                self.status = Some(tr.tf("export.written_in", &[("dir", &pack.dir.display())]));
                self.dialog = Some(Dialog::Exported {
                    dir: pack.dir,
                    files,
                    blocking: pack.blocking,
                });
            }
            Ok(Err(message)) => {
                self.export_job = None;
                self.status = None;
                self.dialog = Some(Dialog::Message {
                    title: tr.t("export.failed").to_owned(),
                    text: message,
                });
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.export_job = None;
                self.dialog = Some(Dialog::Message {
                    title: tr.t("export.failed").to_owned(),
                    text: tr.t("export.interrupted").to_owned(),
                });
            }
        }
    }

    /// Says where the pack is, whether it is a draft and why; offers to open the folder.
    fn exported_dialog(
        &mut self,
        ui: &mut Ui,
        dir: &Path,
        files: &[String],
        blocking: &[String],
    ) -> bool {
        let tr = self.tr();
        if blocking.is_empty() {
            ui.label(
                theme::bold(tr.t("export.ready"))
                    .size(18.0)
                    .color(theme::GREEN),
            );
        } else {
            ui.label(
                theme::bold(tr.t("export.draft"))
                    .size(18.0)
                    .color(theme::RED),
            );
            ui.label(tr.t("export.draft.text"));
            for message in blocking {
                ui.label(RichText::new(format!("• {message}")).color(theme::RED));
            }
        }
        ui.label(tr.tf("export.dir", &[("dir", &dir.display())]));
        for file in files {
            ui.label(RichText::new(format!("  {file}")).color(theme::TEXT_MUTED));
        }
        ui.horizontal(|ui| {
            let zipped = files
                .iter()
                .any(|f| Path::new(f).extension().is_some_and(|e| e == "zip"));
            if !zipped
                && ui
                    .button(tr.t("export.zip"))
                    .on_hover_text(tr.t("export.zip.hint"))
                    .clicked()
            {
                self.zip_pack(dir, files);
                return false;
            }
            if ui.button(tr.t("export.open_folder")).clicked() {
                if let Err(e) = open_folder(dir) {
                    self.status =
                        Some(tr.tf("export.open_folder.failed", &[("error", &tr.io_error(&e))]));
                }
                return true;
            }
            ui.button(tr.t("button.close")).clicked()
        })
        .inner
    }

    /// Zips the pack just written, and lists the zip in the dialog.
    fn zip_pack(&mut self, dir: &Path, files: &[String]) {
        let tr = self.tr();
        match crate::export::zip_folder(dir, files) {
            Ok(zip) => {
                if let Some(Dialog::Exported { files, .. }) = &mut self.dialog {
                    files.push(
                        zip.file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                    );
                }
                self.status = Some(tr.tf("export.zip.written", &[("file", &zip.display())]));
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: tr.t("export.zip.failed").to_owned(),
                    text: tr.export_error(&e),
                });
            }
        }
    }

    fn choose_spreadsheet(&mut self) {
        let tr = self.tr();
        let filter = (
            tr.t("filter.spreadsheet"),
            &["xlsx", "xlsm", "xls", "ods", "csv"][..],
        );
        if let Some(path) = self.pick_file(PathPurpose::Import, tr.t("import.pick"), filter) {
            self.read_spreadsheet(&path);
        }
    }

    fn read_spreadsheet(&mut self, path: &Path) {
        match crate::import::read(path) {
            Ok(workbook) => {
                self.import = Some(super::import::ImportState::new(path, workbook));
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: self.tr().t("import.failed").to_owned(),
                    text: format!("{} ({})", self.tr().import_error(&e), path.display()),
                });
            }
        }
    }

    /// What follows each frame: the undo history and evaluation, the close request, the commands
    /// asked for while drawing, the background export, autosave and the window's title.
    fn after_frame(&mut self, ctx: &egui::Context) {
        let time = ctx.input(|i| i.time);
        let focused = ctx.memory(egui::Memory::focused);
        if self.history.observe(&self.dossier, time, focused) {
            self.evaluation = evaluate(&self.knowledge, &self.dossier);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved(After::Quit));
        }
        self.run_commands(ctx);
        self.report_first_frame(ctx);
        self.poll_export(ctx);
        self.autosave_tick(ctx);
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The windows beside the wizard: the rules' sources (F1) and the import dialog.
    fn side_windows(&mut self, ctx: &egui::Context) {
        // Ctrl+plus / Ctrl+minus (egui's own keys) change the text size; it is remembered.
        self.prefs.text_scale_percent = prefs::percent_of(ctx.zoom_factor());
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F1)) {
            self.sources.open = !self.sources.open;
        }
        self.sources
            .show(ctx, self.tr(), &self.knowledge, &self.dossier.window);
        self.import_dialog(ctx);
    }

    /// The import dialog, while a spreadsheet is being imported.
    fn import_dialog(&mut self, ctx: &egui::Context) {
        let Some(state) = self.import.as_mut() else {
            return;
        };
        let existing = self.dossier.budget.lines.len();
        let tr = i18n::texts(self.prefs.lang);
        let action = egui::Modal::new(egui::Id::unique("import"))
            .show(ctx, |ui| {
                ui.set_width((ctx.content_rect().width() - 80.0).clamp(320.0, 760.0));
                state.show(ui, tr, existing)
            })
            .inner;
        match action {
            super::import::ImportAction::Open => {}
            super::import::ImportAction::Cancel => self.import = None,
            super::import::ImportAction::Confirm { lines, replace } => {
                let count = lines.len();
                let file = state.file_name();
                if replace {
                    self.dossier.budget.lines.clear();
                }
                self.dossier.budget.lines.extend(lines);
                self.evaluation = evaluate(&self.knowledge, &self.dossier);
                self.step = Step::Budget;
                self.import = None;
                self.status = Some(tr.tf("import.done", &[("count", &count), ("file", &file)]));
            }
        }
    }

    fn pick_attachment(&mut self, index: usize) {
        let tr = self.tr();
        if !self.native_dialogs {
            self.dialog = Some(Dialog::Message {
                title: tr.t("attachment.title").to_owned(),
                text: tr.t("attachment.no_dialog").to_owned(),
            });
            return;
        }
        let Some(path) = rfd::FileDialog::new()
            .set_title(tr.t("attachment.pick"))
            .pick_file()
        else {
            return;
        };
        match storage::attachment_digest(&path) {
            Ok((name, sum)) => {
                if let Some(att) = self.dossier.attachments.get_mut(index) {
                    att.file_name = name;
                    att.sha256 = Some(sum);
                }
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: tr.t("attachment.unreadable").to_owned(),
                    text: format!("{} ({})", tr.io_error(&e), path.display()),
                });
            }
        }
    }

    /// Opens a file; on failure says why and keeps the current dossier.
    fn open_path(&mut self, path: &Path) {
        let tr = self.tr();
        match storage::load(path, &self.knowledge.rules) {
            Ok(loaded) => {
                let ignored = loaded.parsed.ignored.clone();
                self.replace(
                    loaded.parsed.dossier,
                    Some(path.to_owned()),
                    Some(loaded.fingerprint),
                );
                self.prefs.touch(path);
                self.status = Some(tr.tf("open.done", &[("file", &path.display())]));
                self.offer_recovery(Some(path));
                if !ignored.is_empty() {
                    self.dialog = Some(Dialog::Message {
                        title: tr.t("open.ignored").to_owned(),
                        text: tr.tf("open.ignored.text", &[("fields", &ignored.join(", "))]),
                    });
                }
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: tr.t("open.failed").to_owned(),
                    text: tr.load_error(&e),
                });
            }
        }
    }

    /// With `DOSSIER_CLOUD_FIRST_FRAME`: prints the time to the first frame, then closes.
    fn report_first_frame(&mut self, ctx: &egui::Context) {
        if let Some(started) = self.first_frame_report.take() {
            let millis = started.elapsed().as_secs_f64() * 1000.0;
            #[allow(clippy::print_stderr)] // The measurement's whole output.
            {
                eprintln!("premier affichage : {millis:.0} ms");
            }
            self.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Offers an autosave newer than the file, or says an unreadable one was set aside.
    fn offer_recovery(&mut self, source: Option<&Path>) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let tr = self.tr();
        match autosave.recovery(source, &self.dossier, &self.knowledge.rules) {
            Recovery::Nothing => {}
            Recovery::Newer {
                path,
                dossier,
                written,
            } => {
                self.recovered = Some(dossier);
                self.dialog = Some(Dialog::Recover {
                    autosave: path,
                    age: age(tr, written),
                });
            }
            Recovery::SetAside { moved_to, reason } => {
                self.dialog = Some(Dialog::Message {
                    title: tr.t("recover.unreadable").to_owned(),
                    text: tr.tf(
                        "recover.unreadable.text",
                        &[
                            ("reason", &tr.load_error_kind(&reason)),
                            ("file", &moved_to.display()),
                        ],
                    ),
                });
            }
        }
    }

    /// Writes the autosave every 30 seconds while the dossier has unsaved changes, and when the
    /// window loses focus.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let focused = ctx.input(|i| i.viewport().focused).unwrap_or(true);
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if !self.is_dirty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        if lost_focus || now - self.last_autosave >= AUTOSAVE_SECS {
            self.last_autosave = now;
            if let Err(e) = autosave.write(self.path.as_deref(), &self.dossier) {
                let tr = self.tr();
                self.status = Some(tr.tf("autosave.failed", &[("error", &tr.io_error(&e))]));
            }
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECS));
    }

    fn save_to(&mut self, path: &Path) {
        let tr = self.tr();
        let overwrite = match (&self.path, self.fingerprint) {
            (Some(current), Some(fp)) if current == path => Overwrite::Opened(fp),
            _ => Overwrite::Chosen,
        };
        match storage::save(
            path,
            &self.dossier,
            Some(&self.evaluation),
            overwrite,
            &self.knowledge.rules,
        ) {
            Ok(fingerprint) => {
                if let Some(autosave) = &self.autosave {
                    autosave.clear(self.path.as_deref());
                    autosave.clear(Some(path));
                }
                self.saved = self.dossier.clone();
                self.path = Some(path.to_owned());
                self.fingerprint = Some(fingerprint);
                self.prefs.touch(path);
                let pending = self.inputs.pending().count();
                self.status = Some(if pending == 0 {
                    tr.tf("save.done", &[("file", &path.display())])
                } else {
                    tr.tf(
                        "save.done_pending",
                        &[("file", &path.display()), ("n", &pending)],
                    )
                });
                if let Some(after) = self.pending_after.take() {
                    self.after_unsaved(after);
                }
            }
            Err(e) => {
                self.pending_after = None;
                self.dialog = Some(Dialog::Message {
                    title: tr.t("save.failed").to_owned(),
                    text: tr.tf("save.failed.text", &[("error", &tr.save_error(&e))]),
                });
            }
        }
    }

    fn replace(
        &mut self,
        dossier: Dossier,
        path: Option<PathBuf>,
        fingerprint: Option<Fingerprint>,
    ) {
        self.history = History::new(dossier.clone());
        self.saved = dossier.clone();
        self.dossier = dossier;
        self.path = path;
        self.fingerprint = fingerprint;
        self.inputs.clear();
        self.evaluation = evaluate(&self.knowledge, &self.dossier);
    }
}

fn dialog_kind(dialog: &Dialog) -> u8 {
    match dialog {
        Dialog::Unsaved(_) => 0,
        Dialog::Message { .. } => 1,
        Dialog::Path { .. } => 2,
        Dialog::Recover { .. } => 3,
        Dialog::Exported { .. } => 4,
    }
}

/// "il y a 5 min" from a file's time.
fn age(tr: &Texts, written: std::time::SystemTime) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(written)
        .map_or(0, |d| d.as_secs());
    match secs {
        0..60 => tr.t("age.now").to_owned(),
        60..3600 => tr.tf("age.minutes", &[("n", &(secs / 60))]),
        3600..86_400 => tr.tf("age.hours", &[("n", &(secs / 3600))]),
        _ => tr.tf("age.days", &[("n", &(secs / 86_400))]),
    }
}

fn evaluate(knowledge: &Knowledge, dossier: &Dossier) -> Evaluation {
    knowledge.evaluate(dossier).unwrap_or_else(|| {
        // Storage refuses unknown windows, so this only guards a dossier built in code.
        let first = &knowledge.rules.windows()[0];
        Evaluation::of(dossier, first, &knowledge.catalogue)
    })
}

/// Adds `.ron` to a name chosen without a known extension.
fn with_extension(path: PathBuf) -> PathBuf {
    if storage::Encoding::from_path(&path).is_some() {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_owned();
        name.push(".ron");
        path.with_file_name(name)
    }
}

/// A file name from the dossier's title: `migration-des-archives.ron`.
fn default_file_name(dossier: &Dossier) -> String {
    let folded = crate::domain::text::fold(dossier.project.title.trim());
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "dossier.ron".into()
    } else {
        format!("{slug}.ron")
    }
}

/// Opens a folder in the system's file manager.
fn open_folder(dir: &Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(dir)
        .spawn()
        .map(|_| ())
}

/// Whether the system can show file dialogs: a desktop portal (through the session bus) or zenity.
fn native_dialogs_available() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("zenity").is_file()))
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let tr = self.tr();
        self.shortcuts(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        let (navigation, live) = self.side_panels(ui);
        egui::CentralPanel::default()
            .frame(
                egui::Frame::central_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(24, 16)),
            )
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        let cx = steps::StepCx {
                            tr,
                            knowledge: &self.knowledge,
                            rules: None,
                            evaluation: &self.evaluation,
                            inputs: &mut self.inputs,
                            commands: &mut self.commands,
                        };
                        steps::step_ui(self.step, ui, &mut self.dossier, cx);
                    });
            });
        let mut navigation_ui = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(navigation)
                .id_salt("navigation"),
        );
        self.navigation(&mut navigation_ui);
        let mut live_ui = ui.new_child(egui::UiBuilder::new().max_rect(live).id_salt("live"));
        panel::live_panel(
            &mut live_ui,
            tr,
            &self.knowledge,
            &self.evaluation,
            &self.inputs,
            &mut self.commands,
            &mut self.source_shown,
        );
        self.side_windows(&ctx);
        self.dialogs(&ctx);

        self.after_frame(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::KEY, &self.prefs);
    }
}
