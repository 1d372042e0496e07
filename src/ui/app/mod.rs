//! The application: the open dossier, the current step, undo history, and the commands gathered
//! while drawing and run after the frame; the frame's layout. The menus, the dialogs and the work
//! on files have their own files.

mod dialogs;
mod document;
mod files;
mod handover;
mod held;
mod menus;
mod scenario;
mod start;
mod start_from;
mod versions;
mod viewing;
pub use document::Document;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText, Ui};

pub use super::command::Command;
use super::prefs::{self, Prefs};
use super::undo::UndoStack;
use super::{panel, renderer, steps, theme};
use crate::domain::{Dossier, Evaluation, Knowledge, Step};
use crate::i18n::{self, Lang, Texts};
use crate::storage::Fingerprint;
use crate::storage::autosave::Autosave;
use files::{native_dialogs_available, with_extension};

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
    /// Where the forms platform's descriptions read are kept; `None` keeps none.
    pub descriptions: Option<crate::storage::descriptions::Descriptions>,
    /// Whether each export is kept in the dossier's history (beside the draft, or in the
    /// per-user data folder); off in tests unless asked.
    pub history: bool,
    /// Whether to show the start screen when no file is given (off in tests unless asked).
    pub start_screen: bool,
    /// Set once the first frame has been drawn: until then a failure is the renderer's, and the
    /// command line may start the window again with the next one (`ui::renderer`).
    pub drawn: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// The renderer that failed before this run and why: the window, drawn by the next one,
    /// says so in its status line.
    pub renderer_fallback: Option<(renderer::Renderer, String)>,
}

/// Seconds between two autosaves of a changed dossier.
const AUTOSAVE_SECS: f64 = 30.0;

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
enum After {
    New,
    StartFrom,
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
    /// The file is open in another window: read it, or open a copy.
    HeldElsewhere {
        path: PathBuf,
        owner: Option<crate::storage::Owner>,
    },
    /// The file was left open by a session that stopped: take it over?
    LeftOpen {
        path: PathBuf,
        owner: crate::storage::Owner,
    },
    StartFrom(start_from::StartFrom),
    Scenario {
        name: String,
        error: Option<String>,
    },
    ScenarioMade {
        original: PathBuf,
        file: PathBuf,
    },
    Exported {
        dir: PathBuf,
        files: Vec<String>,
        blocking: Vec<String>,
        /// Where the version was kept, or why it was not (said, in the interface's language).
        kept: Option<Result<String, String>>,
    },
}

/// Where a skip to the form stands, a frame at a time (egui moves the focus at a frame's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SkipToForm {
    No,
    /// Asked: the focus goes to the steps list's last entry.
    Asked,
    /// From there, on from stop to stop (past the panels' resize handles) until one is in the
    /// form: the step's first field. At most this many more stops.
    Onwards(u8),
}

/// Whether each export is kept in the dossier's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeepVersions {
    /// Kept (beside the draft, or in the per-user folder).
    Kept,
    /// Not kept (tests).
    NotKept,
}

/// The application's state.
pub struct App {
    knowledge: Knowledge,
    /// The dossier on screen and what the window holds of it.
    pub doc: Document,
    commands: Vec<Command>,
    dialog: Option<Dialog>,
    status: Option<String>,
    prefs: Prefs,
    native_dialogs: bool,
    allow_close: bool,
    title: String,
    panel: panel::PanelState,
    autosave: Option<Autosave>,
    last_autosave: f64,
    was_focused: bool,
    recovered: Option<Box<Dossier>>,
    first_frame_report: Option<std::time::Instant>,
    /// Set at the second frame (the first one was drawn): see [`StartOptions::drawn`].
    drawn: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// Frames drawn so far (counted to two).
    frames: u8,
    /// How many dossiers were put on screen (new, opened): each scrolls from its top.
    opened: u64,
    descriptions: Option<crate::storage::descriptions::Descriptions>,
    export_job: Option<crate::ui::tasks::Task<Result<files::ExportDone, String>>>,
    /// Whether exports are kept in the dossier's history.
    versions: KeepVersions,
    /// The files of the pack exported last in this session, with their sizes and digests.
    last_pack: Vec<crate::platform::prefill::KnownFile>,
    /// « Historique des versions », when open.
    versions_view: Option<versions::Versions>,
    /// The start screen, until a dossier is started or opened.
    start: Option<start::Start>,
    /// A kept version shown read-only, and the dossier set aside meanwhile.
    viewing: Option<viewing::Viewing>,
    /// « Ce qui a changé », when asked for.
    comparison: Option<versions::Comparison>,
    /// « Déposer sur démarches-simplifiées », when open.
    handover: Option<handover::Handover>,
    import: Option<crate::ui::import::ImportState>,
    /// A spreadsheet being read, before its import dialog.
    import_job: Option<files::ImportJob>,
    sources: super::sources::SourcesView,
    glossary: super::glossary::GlossaryView,
    /// What the user asked before « Enregistrer » on an untitled dossier, done once it is saved.
    pending_after: Option<After>,
    /// The lock of a file left open by a session that stopped, held while the user is asked
    /// whether to take it over.
    left_lock: Option<crate::storage::Held>,
    /// « Aller au formulaire » asked (the skip link or F6): the focus goes to the last step of
    /// the list, then moves on from it to the step's first field.
    skip_to_form: SkipToForm,
    /// The last entry of the steps list, where the skip to the form starts from.
    last_step: Option<egui::Id>,
    /// Where the step's form was drawn last.
    form_rect: egui::Rect,
    /// Counts the dossier's changes: what is built from it (the hand-over's prefill) is rebuilt
    /// when this moves.
    generation: u64,
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
        if let Some(autosave) = &mut app.autosave {
            autosave.claim_untitled();
        }
        app.first_frame_report = options.first_frame_report;
        app.drawn = options.drawn;
        app.descriptions = options.descriptions;
        app.versions = if options.history {
            KeepVersions::Kept
        } else {
            KeepVersions::NotKept
        };
        if let Some(path) = options.file {
            app.open_path(&path);
        } else {
            if options.start_screen {
                app.start = Some(app.start_screen());
            }
            app.offer_recovery(None);
        }
        if let Some(step) = options.step {
            app.doc.step = step;
        }
        // Said last, so that the file's « Ouvert : … » does not hide it.
        if let Some((failed, why)) = options.renderer_fallback {
            let current = failed.next().unwrap_or(failed);
            app.status = Some(app.tr().tf(
                "status.renderer_fallback",
                &[
                    ("renderer", &current.describe()),
                    ("failed", &failed.describe()),
                    ("why", &why),
                ],
            ));
        }
        app
    }

    fn with_dossier(
        knowledge: Knowledge,
        dossier: Dossier,
        prefs: Prefs,
        native_dialogs: bool,
    ) -> Self {
        App {
            doc: Document::new(&knowledge, dossier, None, None),
            knowledge,
            commands: Vec::new(),
            dialog: None,
            status: None,
            prefs,
            native_dialogs,
            allow_close: false,
            title: String::new(),
            panel: panel::PanelState::default(),
            autosave: None,
            last_autosave: 0.0,
            was_focused: true,
            recovered: None,
            first_frame_report: None,
            drawn: None,
            frames: 0,
            opened: 0,
            descriptions: None,
            export_job: None,
            versions: KeepVersions::NotKept,
            last_pack: Vec::new(),
            versions_view: None,
            start: None,
            comparison: None,
            viewing: None,
            handover: None,
            import: None,
            import_job: None,
            sources: super::sources::SourcesView::default(),
            glossary: super::glossary::GlossaryView::default(),
            pending_after: None,
            left_lock: None,
            skip_to_form: SkipToForm::No,
            last_step: None,
            form_rect: egui::Rect::NOTHING,
            generation: 0,
        }
    }

    /// The window's title, as last given to the system.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether the dossier differs from the file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        match &self.viewing {
            // A version shown cannot change: what matters is the dossier set aside.
            Some(viewing) => viewing.kept_is_dirty(),
            None => self.doc.dossier != self.doc.saved,
        }
    }

    /// Whether a spreadsheet is being read (on its own thread) for an import.
    #[must_use]
    pub fn reading_spreadsheet(&self) -> bool {
        self.import_job.is_some()
    }

    /// The kept version shown read-only, if any: what it is called.
    #[must_use]
    pub fn version_shown(&self) -> Option<&str> {
        self.viewing.as_ref().map(|v| v.label.as_str())
    }

    /// The preferences as they will be saved (recent files, text size).
    #[must_use]
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The file the dossier comes from or was saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.doc.path.as_deref()
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
            Some(Dialog::Path {
                purpose: PathPurpose::Export,
                ..
            }) => Some(tr.t("path.field.folder").to_owned()),
            Some(Dialog::Path { .. }) => Some(tr.t("path.field").to_owned()),
            Some(Dialog::Recover { age, .. }) => Some(format!("{} ({age})", tr.t("recover.title"))),
            Some(Dialog::Scenario { .. }) => Some(tr.t("scenario.title").to_owned()),
            Some(Dialog::StartFrom(_)) => Some(tr.t("start_from.title").to_owned()),
            Some(Dialog::ScenarioMade { file, .. }) => {
                Some(tr.tf("save.done", &[("file", &file.display())]))
            }
            Some(Dialog::Exported { dir, .. }) => {
                Some(tr.tf("export.written_in", &[("dir", &dir.display())]))
            }
            Some(Dialog::HeldElsewhere { owner, .. }) => Some(format!(
                "{} {}",
                tr.t("held.title"),
                owner.as_ref().map(|o| tr.owner(o)).unwrap_or_default()
            )),
            Some(Dialog::LeftOpen { owner, .. }) => {
                Some(format!("{} {}", tr.t("left.title"), tr.owner(owner)))
            }
            None => None,
        }
    }

    fn window_title(&self) -> String {
        let tr = self.tr();
        if let Some(viewing) = &self.viewing {
            return format!(
                "{} ({}) — {}",
                viewing.label,
                tr.t("viewing.title_mark"),
                tr.t("app.name")
            );
        }
        let name = if self.doc.dossier.project.title.trim().is_empty() {
            self.doc
                .path
                .as_ref()
                .and_then(|p| p.file_name())
                .map_or_else(
                    || tr.t("dossier.new").to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                )
        } else {
            self.doc.dossier.project.title.trim().to_owned()
        };
        let mark = if self.doc.read_only() {
            tr.t("title.read_only")
        } else if self.is_dirty() {
            tr.t("title.modified")
        } else {
            ""
        };
        match self.scenario_mark() {
            Some(scenario) => format!("{name}{mark} ({scenario}) — {}", tr.t("app.name")),
            None => format!("{name}{mark} — {}", tr.t("app.name")),
        }
    }

    /// The steps list, drawn; the places of the navigation bar and of the live
    /// panel, only reserved: their content is drawn after the step, so that Tab follows the
    /// reading order: menus, steps list, the step's form, « Précédent / Suivant », then the findings.
    fn side_panels(&mut self, ui: &mut Ui) -> (egui::Rect, egui::Rect) {
        let navigation = egui::Panel::bottom("navigation")
            .frame(theme::unpainted(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(16, 10)),
            ))
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
            .frame(theme::unpainted(egui::Frame::side_top_panel(ui.style())).inner_margin(12))
            .show(ui, |ui| self.steps_list(ui));
        // Folded, a narrow strip of its own (its own id: the unfolded width is kept).
        let live = if self.panel.folded {
            egui::Panel::right("live-folded").exact_size(190.0)
        } else {
            egui::Panel::right("live")
                .default_size(350.0)
                .min_size(320.0)
        };
        let live = live
            .frame(theme::unpainted(egui::Frame::side_top_panel(ui.style())).inner_margin(12))
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
            let applies = step.applies(&self.doc.dossier);
            let (mark, state, colour) = if step == Step::Review {
                (String::new(), String::new(), theme::TEXT)
            } else if applies {
                self.step_mark(step)
            } else {
                (
                    "  —".to_owned(),
                    tr.t("steps.not_applicable").to_owned(),
                    theme::TEXT_MUTED,
                )
            };
            let name = format!("{}. {}", i + 1, tr.step(step));
            let label = RichText::new(format!("{name}{mark}")).color(if self.doc.step == step {
                theme::BLUE
            } else {
                colour
            });
            let spoken = if state.is_empty() {
                name
            } else {
                tr.tf("steps.spoken", &[("step", &name), ("state", &state)])
            };
            let response = ui
                .with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                    ui.add(
                        egui::Button::selectable(self.doc.step == step, label)
                            .min_size(egui::vec2(0.0, 30.0)),
                    )
                })
                .inner
                .on_hover_text(&state)
                .accessible_name(spoken);
            if response.clicked() {
                self.commands.push(Command::GoTo(step, None));
            }
            if step == Step::Review {
                self.last_step = Some(response.id);
            }
        }
    }

    /// The step's form, in the middle, under the banner of a version or a file read only.
    fn form(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        egui::CentralPanel::default()
            .frame(theme::unpainted(
                egui::Frame::central_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(24, 16)),
            ))
            .show(ui, |ui| {
                self.form_rect = ui.max_rect();
                self.viewing_banner(ui);
                self.read_only_banner(ui);
                // Each step of each dossier put on screen scrolls on its own: a step is shown
                // from its top the first time, then where the user left it.
                egui::ScrollArea::vertical()
                    .id_salt(("step", self.doc.step, self.opened))
                    .auto_shrink(false)
                    // Always there: a bar that comes and goes with the step's height (a finding
                    // added while typing) would narrow the form under the user's hands.
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                    .show(ui, |ui| {
                        if self.viewing.is_some() || self.doc.read_only() {
                            // A version, or a file another window holds, is read, not edited.
                            ui.disable();
                        }
                        let lines = self.doc.dossier.budget.lines.len();
                        self.doc.inputs.focus_line = None;
                        self.doc.inputs.said = self.said_of_fields();
                        let cx = steps::StepCx {
                            tr,
                            knowledge: &self.knowledge,
                            rules: None,
                            evaluation: &self.doc.evaluation,
                            seen: &self.doc.seen,
                            inputs: &mut self.doc.inputs,
                            commands: &mut self.commands,
                        };
                        steps::step_ui(self.doc.step, ui, &mut self.doc.dossier, cx);
                        // A line added by « + Ajouter une ligne » is checked once left.
                        let now = self.doc.dossier.budget.lines.len();
                        if self.doc.step == Step::Budget && now == lines + 1 {
                            self.doc.seen.line_added(lines);
                        } else {
                            self.doc
                                .seen
                                .focus_in_line(self.doc.inputs.focus_line, now != lines);
                        }
                    });
            });
    }

    /// What the findings say of each field, as the user is to see it now (see
    /// [`crate::ui::widgets::Inputs::said`]): the most serious first, in words.
    fn said_of_fields(
        &self,
    ) -> std::collections::BTreeMap<String, (crate::domain::Severity, String)> {
        use crate::domain::Severity;
        use crate::ui::seen::Shown;
        let tr = self.tr();
        let rules = self.knowledge.rules.window(&self.doc.evaluation.window);
        let mut said = std::collections::BTreeMap::new();
        for finding in &self.doc.evaluation.findings {
            let Some(field) = &finding.field else {
                continue;
            };
            let blocking = match self.doc.seen.shown(finding) {
                Shown::Open(Severity::Blocking) => true,
                Shown::Open(Severity::Warning) => false,
                _ => continue,
            };
            said.entry(field.clone()).or_insert_with(|| {
                let message = tr.finding(finding, rules);
                let message: &[(&str, &dyn std::fmt::Display)] = &[("message", &message.as_ref())];
                let text = if blocking {
                    tr.tf("field.error", message)
                } else {
                    tr.tf("field.check", message)
                };
                (finding.severity, text)
            });
        }
        said
    }

    /// The focus ring: around whatever has the keyboard's focus, in one colour, on top of the
    /// widget's own look (egui's is faint on a radio button and gone on a filled button such as
    /// « Suivant »). Bounded by what is in view of the widget's scroll area.
    fn focus_ring(ctx: &egui::Context) {
        let Some(focused) = ctx
            .memory(egui::Memory::focused)
            .and_then(|id| ctx.read_response(id))
        else {
            return;
        };
        let rect = focused.interact_rect;
        if rect.width() < 1.0 || rect.height() < 1.0 {
            return;
        }
        ctx.layer_painter(focused.layer_id).rect_stroke(
            rect.expand(2.0),
            0.0,
            egui::Stroke::new(2.0, theme::FOCUS),
            egui::StrokeKind::Outside,
        );
    }

    /// Moves a skip to the form on by one frame.
    fn skip_to_form(&mut self, ctx: &egui::Context) {
        match self.skip_to_form {
            SkipToForm::No => return,
            SkipToForm::Asked => {
                if let Some(id) = self.last_step {
                    ctx.memory_mut(|m| m.request_focus(id));
                    self.skip_to_form = SkipToForm::Onwards(6);
                } else {
                    self.skip_to_form = SkipToForm::No;
                }
            }
            SkipToForm::Onwards(left) => {
                let in_form = ctx
                    .memory(egui::Memory::focused)
                    .and_then(|id| ctx.read_response(id))
                    .is_some_and(|r| self.form_rect.contains(r.rect.center()));
                if in_form || left == 0 {
                    self.skip_to_form = SkipToForm::No;
                    return;
                }
                ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
                self.skip_to_form = SkipToForm::Onwards(left - 1);
            }
        }
        ctx.request_repaint();
    }

    /// A step's mark in the steps list, the same in words, and its colour: what blocks, what is
    /// to check, what is left to fill, or all done (and how many warnings were acknowledged).
    fn step_mark(&self, step: Step) -> (String, String, egui::Color32) {
        use super::seen::Shown;
        use crate::domain::Severity;
        let tr = self.tr();
        let count = |shown| {
            self.doc
                .seen
                .count(self.doc.evaluation.of_step(step), shown)
        };
        let blocking = count(Shown::Open(Severity::Blocking));
        let warnings = count(Shown::Open(Severity::Warning));
        let to_fill = count(Shown::ToFill);
        let acknowledged = count(Shown::Acknowledged);
        let (mut mark, mut state, colour) = if blocking > 0 {
            (
                format!("  ● {blocking}"),
                tr.tf("steps.blocking", &[("n", &blocking)]),
                theme::RED,
            )
        } else if warnings > 0 {
            (
                format!("  ⚠ {warnings}"),
                tr.tf("steps.warnings", &[("n", &warnings)]),
                theme::ORANGE,
            )
        } else if to_fill > 0 {
            (
                format!("  ○ {to_fill}"),
                tr.tf("steps.to_fill", &[("n", &to_fill)]),
                theme::TEXT,
            )
        } else if !self.doc.seen.is_finished(step) && acknowledged == 0 {
            // Nothing said yet of a step the user has not been through: no ✓ before it is seen
            // (a blank « Pièces jointes » said ✓ on a new dossier).
            (
                "  ○".to_owned(),
                tr.t("steps.not_visited").to_owned(),
                theme::TEXT,
            )
        } else {
            (
                "  ✓".to_owned(),
                tr.t("steps.nothing_blocks").to_owned(),
                theme::GREEN,
            )
        };
        if acknowledged > 0 {
            // The warnings dealt with stay visible, in the colour of what is done.
            if blocking + warnings + to_fill == 0 {
                mark = format!("  ✓ (⚠ {acknowledged})");
            }
            state = tr.tf(
                "steps.and_acknowledged",
                &[("state", &state), ("n", &acknowledged)],
            );
        }
        (mark, state, colour)
    }

    fn navigation(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        ui.horizontal(|ui| {
            if let Some(prev) = self.doc.step.prev()
                && ui
                    .button(tr.tf("nav.previous", &[("step", &tr.step(prev))]))
                    .clicked()
            {
                self.commands.push(Command::GoTo(prev, None));
            }
            if let Some(next) = self.doc.step.next()
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
                // One line, cut with « … » when the window is narrow (a long path); the whole
                // text shows on hover and stays in the accessibility tree.
                ui.add(egui::Label::new(RichText::new(status).color(theme::TEXT_MUTED)).truncate());
            }
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
        // What a command changed in the dossier (an acknowledgement, an import, an attachment's
        // digest) is an edit of its own: kept for undo and evaluated here, once.
        let _ = self.observe_edits(ctx, None);
        // What the commands changed shows on the next frame.
        ctx.request_repaint();
    }

    /// Keeps the dossier's last change for undo (merged with the previous one while the same
    /// field is being typed in) and evaluates it: the one place an edit is evaluated.
    /// Returns whether there was a change.
    fn observe_edits(&mut self, ctx: &egui::Context, focused: Option<egui::Id>) -> bool {
        let time = ctx.input(|i| i.time);
        let changed = self.doc.history.observe(&self.doc.dossier, time, focused);
        if changed {
            self.doc.evaluation = evaluate(&self.knowledge, &self.doc.dossier);
            self.generation += 1;
        }
        changed
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if !self.while_viewing(&command) || !self.while_read_only(&command) {
            return;
        }
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
                    let window = self.doc.dossier.window.clone();
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
            Command::OpenCopy(path) => self.open_copy(&path),
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.run_command(ctx, Command::SaveAs),
            },
            Command::SaveAs => self.choose_and_save(),
            Command::SaveTo(path) => self.save_to(&with_extension(path)),
            Command::Undo => {
                if let Some(previous) = self.doc.history.undo() {
                    self.show(previous);
                    self.status = Some(tr.t("status.undone").to_owned());
                }
            }
            Command::Redo => {
                if let Some(next) = self.doc.history.redo() {
                    self.show(next);
                    self.status = Some(tr.t("status.redone").to_owned());
                }
            }
            Command::GoTo(step, field) => {
                self.doc.seen.leave(self.doc.step, step);
                self.doc.step = step;
                self.doc.inputs.focus = field;
            }
            Command::Acknowledge(..) | Command::Withdraw(_) => self.run_acknowledgement(command),
            Command::PickAttachment(index) => self.pick_attachment(index),
            Command::AttachTyped(index, path) => self.attach_typed(index, &path),
            Command::Status(text) => self.status = Some(text),
            Command::Handover => self.open_handover(),
            Command::History
            | Command::Scenario
            | Command::StartFrom
            | Command::StartFromFile(..)
            | Command::OpenExample(_)
            | Command::MakeScenario(_)
            | Command::CompareWith(_)
            | Command::CompareOriginal
            | Command::ViewVersion(..)
            | Command::LeaveVersion => self.run_version_command(command),
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

    /// Acknowledging a warning, or withdrawing it: the dossier changes, undone like any edit
    /// (evaluated with the other commands' changes, in `run_commands`).
    fn run_acknowledgement(&mut self, command: Command) {
        let tr = self.tr();
        match command {
            Command::Acknowledge(finding, reason) => {
                let today = crate::domain::Date::today();
                let done = crate::domain::acknowledge::acknowledge(
                    &mut self.doc.dossier,
                    &finding,
                    &reason,
                    today,
                );
                self.status = Some(match done {
                    Ok(()) => tr.t("status.acknowledged").to_owned(),
                    Err(refused) => tr.refused(refused),
                });
            }
            Command::Withdraw(finding) => {
                crate::domain::acknowledge::withdraw(&mut self.doc.dossier, &finding);
                self.status = Some(tr.t("status.withdrawn").to_owned());
            }
            _ => {}
        }
    }

    /// The commands of versions, scenarios and starts (issue 15).
    fn run_version_command(&mut self, command: Command) {
        let dirty = self.is_dirty();
        match command {
            Command::History => self.open_versions(),
            Command::Scenario => self.ask_scenario(),
            Command::StartFrom | Command::OpenExample(_) if dirty => {
                let after = match command {
                    Command::OpenExample(_) => After::New,
                    _ => After::StartFrom,
                };
                self.dialog = Some(Dialog::Unsaved(after));
            }
            Command::StartFrom => {
                self.dialog = Some(Dialog::StartFrom(start_from::StartFrom::default()));
            }
            Command::OpenExample(text) => self.open_example(text),
            Command::StartFromFile(path, keep) => self.start_from_file(&path, &keep),
            Command::MakeScenario(name) => self.make_scenario(&name),
            Command::CompareWith(file) => self.compare_file(&file),
            Command::CompareOriginal => {
                if let Some(original) = self.scenario_original() {
                    self.compare_file(&original);
                }
            }
            Command::ViewVersion(file, label) => {
                self.versions_view = None;
                self.view_version(file, label);
            }
            Command::LeaveVersion => {
                self.leave_version();
                self.status = Some(self.tr().t("viewing.left").to_owned());
            }
            _ => {}
        }
    }

    /// What follows each frame: the undo history and evaluation, the close request, the commands
    /// asked for while drawing, the background export, autosave and the window's title.
    fn after_frame(&mut self, ctx: &egui::Context, status_before: Option<&String>) {
        let focused = ctx.memory(egui::Memory::focused);
        // An edit typed or chosen: « Enregistré : … » or « Ouvert : … » would no longer be true
        // (unless what made the edit said something of its own this frame: an import).
        if self.observe_edits(ctx, focused)
            && self.is_dirty()
            && self.status.as_ref() == status_before
        {
            self.status = Some(self.tr().t("status.modified").to_owned());
        }
        // A full field takes nothing more: said, since the keys typed seem lost otherwise.
        if std::mem::take(&mut self.doc.inputs.full) {
            let max = crate::domain::money::format_number_fr(
                crate::domain::limits::MAX_TEXT_CHARS.into(),
                0,
            );
            self.status = Some(self.tr().tf("status.field_full", &[("max", &max)]));
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
            .show(ctx, self.tr(), &self.knowledge, &self.doc.dossier.window);
        self.glossary.show(ctx, self.tr(), self.prefs.lang);
        self.poll_import(ctx);
        self.import_dialog(ctx);
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

    fn replace(
        &mut self,
        dossier: Dossier,
        path: Option<PathBuf>,
        fingerprint: Option<Fingerprint>,
    ) {
        self.start = None;
        self.panel.acknowledging = None;
        // A new or opened dossier starts at its first step, scrolled to the top (the step and
        // the scroll of the dossier before belong to that one).
        self.doc = Document::new(&self.knowledge, dossier, path, fingerprint);
        self.opened = self.opened.wrapping_add(1);
        self.generation += 1;
    }

    /// Puts a dossier on screen: the fields' typed texts are dropped and it is evaluated.
    fn show(&mut self, dossier: Dossier) {
        self.doc.dossier = dossier;
        self.doc.inputs.clear();
        self.doc.evaluation = evaluate(&self.knowledge, &self.doc.dossier);
        self.generation += 1;
    }
}

fn evaluate(knowledge: &Knowledge, dossier: &Dossier) -> Evaluation {
    knowledge.evaluate(dossier).unwrap_or_else(|| {
        // Storage refuses unknown windows, so this only guards a dossier built in code.
        let first = &knowledge.rules.windows()[0];
        Evaluation::of(dossier, first, &knowledge.catalogue)
    })
}

impl eframe::App for App {
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        theme::clear_colour(visuals)
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        // Called again: the first frame was drawn, so the renderer works.
        self.frames = self.frames.saturating_add(1);
        if self.frames == 2
            && let Some(drawn) = &self.drawn
        {
            drawn.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let ctx = ui.ctx().clone();
        let tr = self.tr();
        let status_before = self.status.clone();
        self.shortcuts(&ctx);
        if self.start.is_none() {
            self.skip_to_form(&ctx);
        }

        egui::Panel::top("menu")
            .frame(theme::unpainted(egui::Frame::side_top_panel(ui.style())))
            .show(ui, |ui| self.menu_bar(ui));
        if let Some(start) = self.start.take() {
            egui::CentralPanel::default()
                .frame(theme::unpainted(
                    egui::Frame::central_panel(ui.style())
                        .inner_margin(egui::Margin::symmetric(48, 24)),
                ))
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink(false)
                        .show(ui, |ui| self.start_ui(ui, &start));
                });
            // A dossier started or opened this frame ends the start screen.
            if self.start.is_none() && self.commands.is_empty() && self.dialog.is_none() {
                self.start = Some(start);
            }
            self.dialogs(&ctx);
            Self::focus_ring(&ctx);
            self.after_frame(&ctx, status_before.as_ref());
            return;
        }
        let (navigation, live) = self.side_panels(ui);
        self.form(ui);
        let mut navigation_ui = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(navigation)
                .id_salt("navigation"),
        );
        self.navigation(&mut navigation_ui);
        let mut live_ui = ui.new_child(egui::UiBuilder::new().max_rect(live).id_salt("live"));
        let live = panel::Panel {
            tr,
            knowledge: &self.knowledge,
            evaluation: &self.doc.evaluation,
            inputs: &self.doc.inputs,
            seen: &self.doc.seen,
        };
        panel::live_panel(&mut live_ui, &live, &mut self.commands, &mut self.panel);
        self.side_windows(&ctx);
        self.handover_window(&ctx);
        self.versions_window(&ctx);
        self.comparison_window(&ctx);
        self.dialogs(&ctx);

        Self::focus_ring(&ctx);
        self.after_frame(&ctx, status_before.as_ref());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::KEY, &self.prefs);
    }
}
