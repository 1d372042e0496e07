//! The application: the open dossier, the current step, undo history, and the commands gathered
//! while drawing and run after the frame; the frame's layout. The menus, the dialogs and the work
//! on files have their own files.

mod commands;
mod commitment;
mod dialogs;
mod document;
mod export;
mod files;
mod frame;
mod handover;
mod held;
mod import;
mod menus;
mod scenario;
mod start;
mod start_from;
mod versions;
mod viewing;
pub use document::Document;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Ui};

pub use super::command::Command;
use super::prefs::{self, Prefs};
use super::undo::UndoStack;
use super::{panel, renderer, theme};
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
    Import(crate::import::Kind),
    /// The folder of the progress report at a date.
    Report(crate::domain::Date),
    /// The file evidencing a savings entry.
    Evidence(usize),
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
    /// « Engagement signé… » or « Avenant… ».
    Commitment(Box<commitment::Signing>),
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

/// Work under way on threads of its own (`ui::tasks`), each answered in `App::poll_tasks`.
#[derive(Default)]
struct Tasks {
    /// The submission pack being written.
    export: Option<crate::ui::tasks::Task<Result<export::ExportDone, String>>>,
    /// A spreadsheet being read, before its import dialog.
    import: Option<import::ImportJob>,
    /// The platform asked where the dossier stands, from the follow-up.
    platform_status: Option<handover::Asking>,
}

/// The window's bookkeeping from frame to frame, apart from the dossier and the dialogs.
struct FrameState {
    /// The window may close (nothing unsaved, or the user said so).
    allow_close: bool,
    /// The window's title, as last given to the system.
    title: String,
    /// Whether the window had the focus at the last frame (autosave when it leaves).
    was_focused: bool,
    /// With `DOSSIER_CLOUD_FIRST_FRAME`: when the app started.
    first_frame_report: Option<std::time::Instant>,
    /// Set at the second frame (the first one was drawn): see [`StartOptions::drawn`].
    drawn: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// Frames drawn so far (counted to two).
    frames: u8,
    /// How many dossiers were put on screen (new, opened): each scrolls from its top.
    opened: u64,
    /// « Aller au formulaire » asked (the skip link or F6): the focus goes to the last step of
    /// the list, then moves on from it to the step's first field.
    skip_to_form: SkipToForm,
    /// The last entry of the steps list, where the skip to the form starts from.
    last_step: Option<egui::Id>,
    /// Where the step's form was drawn last.
    form_rect: egui::Rect,
}

impl FrameState {
    fn new() -> Self {
        FrameState {
            allow_close: false,
            title: String::new(),
            was_focused: true,
            first_frame_report: None,
            drawn: None,
            frames: 0,
            opened: 0,
            skip_to_form: SkipToForm::No,
            last_step: None,
            form_rect: egui::Rect::NOTHING,
        }
    }
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
    /// Work under way on threads of its own.
    tasks: Tasks,
    /// The window's bookkeeping from frame to frame.
    frame: FrameState,
    dialog: Option<Dialog>,
    status: Option<String>,
    prefs: Prefs,
    native_dialogs: bool,
    panel: panel::PanelState,
    autosave: Option<Autosave>,
    last_autosave: f64,
    recovered: Option<Box<Dossier>>,
    descriptions: Option<crate::storage::descriptions::Descriptions>,
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
    sources: super::sources::SourcesView,
    glossary: super::glossary::GlossaryView,
    /// What the user asked before « Enregistrer » on an untitled dossier, done once it is saved.
    pending_after: Option<After>,
    /// The lock of a file left open by a session that stopped, held while the user is asked
    /// whether to take it over.
    left_lock: Option<crate::storage::Held>,
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
        app.frame.first_frame_report = options.first_frame_report;
        app.frame.drawn = options.drawn;
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
            tasks: Tasks::default(),
            frame: FrameState::new(),
            dialog: None,
            status: None,
            prefs,
            native_dialogs,
            panel: panel::PanelState::default(),
            autosave: None,
            last_autosave: 0.0,
            recovered: None,
            descriptions: None,
            versions: KeepVersions::NotKept,
            last_pack: Vec::new(),
            versions_view: None,
            start: None,
            comparison: None,
            viewing: None,
            handover: None,
            import: None,
            sources: super::sources::SourcesView::default(),
            glossary: super::glossary::GlossaryView::default(),
            pending_after: None,
            left_lock: None,
            generation: 0,
        }
    }

    /// The window's title, as last given to the system.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.frame.title
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
        self.tasks.import.is_some()
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
            Some(Dialog::Commitment(state)) => Some(match &state.error {
                Some(why) => why.clone(),
                None => tr.t("commitment.title").to_owned(),
            }),
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
        if ctx.input(|i| i.viewport().close_requested())
            && !self.frame.allow_close
            && self.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved(After::Quit));
        }
        self.run_commands(ctx);
        self.report_first_frame(ctx);
        self.poll_tasks(ctx);
        self.autosave_tick(ctx);
        let title = self.window_title();
        if title != self.frame.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.frame.title = title;
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
        self.import_progress_ui(ctx);
        self.import_dialog(ctx);
    }

    /// The work on threads of their own (`ui::tasks`) that has answered: the export and the
    /// spreadsheet being read. (The hand-over's requests are polled by its dialog, which holds
    /// their state.)
    /// On the « Suivi » step of a signed dossier, its report at the step's date (computed once
    /// for each change): what the live panel follows.
    fn follow_report(
        &self,
        ctx: &egui::Context,
    ) -> Option<std::sync::Arc<crate::domain::report::Report>> {
        if self.doc.step != crate::domain::Step::Follow {
            return None;
        }
        let d = &self.doc.dossier;
        d.commitment.as_ref()?;
        let rules = self.knowledge.rules.window(&d.window)?;
        let id = crate::ui::steps::follow::report_at_id();
        let at = ctx
            .data(|m| m.get_temp(id))
            .unwrap_or_else(crate::domain::Date::today);
        crate::ui::steps::follow::cached_report(ctx, d, rules, at, self.generation)
    }

    fn poll_tasks(&mut self, ctx: &egui::Context) {
        self.poll_export(ctx);
        self.poll_import(ctx);
        self.poll_platform_status(ctx);
    }

    /// With `DOSSIER_CLOUD_FIRST_FRAME`: prints the time to the first frame, then closes.
    fn report_first_frame(&mut self, ctx: &egui::Context) {
        if let Some(started) = self.frame.first_frame_report.take() {
            let millis = started.elapsed().as_secs_f64() * 1000.0;
            #[allow(clippy::print_stderr)] // The measurement's whole output.
            {
                eprintln!("premier affichage : {millis:.0} ms");
            }
            self.frame.allow_close = true;
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
        self.frame.opened = self.frame.opened.wrapping_add(1);
        self.generation += 1;
        // The platform asked about the dossier before: its answer is not this one's.
        self.tasks.platform_status = None;
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
        self.frame.frames = self.frame.frames.saturating_add(1);
        if self.frame.frames == 2
            && let Some(drawn) = &self.frame.drawn
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
                        .show(ui, |ui| {
                            self.start_ui(ui, &start);
                            crate::ui::widgets::keep_focus_in_view(ui);
                        });
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
        let follow = self.follow_report(&ctx);
        let live = panel::Panel {
            tr,
            knowledge: &self.knowledge,
            evaluation: &self.doc.evaluation,
            inputs: &self.doc.inputs,
            seen: &self.doc.seen,
            follow: follow.as_deref(),
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
