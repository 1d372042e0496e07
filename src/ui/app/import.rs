//! Budget lines, or a signed dossier's spending, imported from a spreadsheet in the window: the
//! file chosen, read on its own thread with its progress, then the mapping dialog.

use std::path::{Path, PathBuf};

use super::{App, Dialog, PathPurpose};
use crate::domain::Step;
use crate::i18n;
use crate::import::Kind;
use crate::ui::import::Rows;
use crate::ui::tasks::{Polled, Task};

impl App {
    /// Chooses a spreadsheet: for budget lines, or once the commitment is signed (the budget
    /// then reads) for spending.
    pub(super) fn choose_spreadsheet(&mut self) {
        let tr = self.tr();
        let (kind, title) = if self.doc.dossier.commitment.is_some() {
            (Kind::Spending, tr.t("import.pick.spending"))
        } else {
            (Kind::Budget, tr.t("import.pick"))
        };
        let filter = (
            tr.t("filter.spreadsheet"),
            &["xlsx", "xlsm", "xls", "ods", "csv"][..],
        );
        if let Some(path) = self.pick_file(PathPurpose::Import(kind), title, filter) {
            self.read_spreadsheet(&path, kind);
        }
    }

    /// Reads a spreadsheet on a thread of its own: the window stays alive (and a file the reader
    /// cannot cope with, even one that makes it panic, ends in a message, not in a crash).
    pub(super) fn read_spreadsheet(&mut self, path: &Path, kind: Kind) {
        let cells = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (file, counted) = (path.to_owned(), cells.clone());
        self.tasks.import = Some(ImportJob {
            path: path.to_owned(),
            kind,
            cells,
            task: Some(Task::spawn(move || {
                crate::import::read_counting(&file, &counted)
            })),
        });
    }

    /// Shows what a spreadsheet read gave: the import dialog, or why it cannot be read.
    fn import_read(
        &mut self,
        path: &Path,
        kind: Kind,
        read: Result<crate::import::Workbook, crate::import::ImportError>,
    ) {
        match read {
            Ok(workbook) => {
                let existing = match kind {
                    Kind::Budget => Vec::new(),
                    Kind::Spending => self.doc.dossier.tracking.spending.clone(),
                };
                self.import = Some(crate::ui::import::ImportState::new(
                    path, workbook, kind, existing,
                ));
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: self.tr().t("import.failed").to_owned(),
                    text: format!("{} ({})", self.tr().import_error(&e), path.display()),
                });
            }
        }
    }

    /// What the spreadsheet being read gave, once it has.
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        let tr = self.tr();
        let Some(job) = &mut self.tasks.import else {
            return;
        };
        match Task::poll(&mut job.task, ctx) {
            Polled::Done(read) => {
                let (path, kind) = (job.path.clone(), job.kind);
                self.tasks.import = None;
                self.import_read(&path, kind, read);
            }
            Polled::Lost => {
                let path = job.path.clone();
                self.tasks.import = None;
                self.dialog = Some(Dialog::Message {
                    title: tr.t("import.failed").to_owned(),
                    text: format!("{} ({})", tr.t("import.interrupted"), path.display()),
                });
            }
            Polled::Waiting => {}
        }
    }

    /// While a spreadsheet is read: a dialog with the cells read so far and « Annuler ».
    pub(super) fn import_progress_ui(&mut self, ctx: &egui::Context) {
        let tr = self.tr();
        let Some(job) = &self.tasks.import else {
            return;
        };
        let name = job
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let cells = job.cells.load(std::sync::atomic::Ordering::Relaxed);
        let cells = crate::domain::money::format_number_fr(rust_decimal::Decimal::from(cells), 0);
        let cancel = egui::Modal::new(egui::Id::unique("import-reading"))
            .show(ctx, |ui| {
                ui.set_max_width(480.0);
                ui.label(
                    crate::ui::theme::bold(tr.tf("import.reading", &[("file", &name)])).size(18.0),
                );
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr.tf("import.cells_read", &[("n", &cells)]));
                });
                ui.button(tr.t("button.cancel")).clicked()
            })
            .inner;
        if cancel {
            self.commands
                .push(crate::ui::command::Command::CancelImport);
        }
    }

    /// « Annuler » while a spreadsheet is read: the thread ends on its own (the read is
    /// bounded); what it gives is dropped.
    pub(super) fn cancel_import(&mut self) {
        if self.tasks.import.take().is_some() {
            self.status = Some(self.tr().t("import.cancelled").to_owned());
        }
    }

    /// The import dialog, while a spreadsheet is being imported.
    pub(super) fn import_dialog(&mut self, ctx: &egui::Context) {
        let Some(state) = self.import.as_mut() else {
            return;
        };
        let existing = match state.kind() {
            Kind::Budget => self.doc.dossier.budget.lines.len(),
            Kind::Spending => self.doc.dossier.tracking.spending.len(),
        };
        let tr = i18n::texts(self.prefs.lang);
        let action = egui::Modal::new(egui::Id::unique("import"))
            .show(ctx, |ui| {
                ui.set_width((ctx.content_rect().width() - 80.0).clamp(320.0, 760.0));
                state.show(ui, tr, existing)
            })
            .inner;
        match action {
            crate::ui::import::ImportAction::Open => {}
            crate::ui::import::ImportAction::Cancel => self.import = None,
            crate::ui::import::ImportAction::Confirm { rows, replace } => {
                let file = state.file_name();
                // Kept for undo and evaluated with the commands' changes (`run_commands`).
                let done = match rows {
                    Rows::Budget(lines) => {
                        let count = lines.len();
                        let budget = &mut self.doc.dossier.budget.lines;
                        if replace {
                            budget.clear();
                        }
                        budget.extend(lines);
                        self.doc.step = Step::Budget;
                        tr.tf("import.done", &[("count", &count), ("file", &file)])
                    }
                    Rows::Spending(spending) => {
                        let count = spending.len();
                        let tracked = &mut self.doc.dossier.tracking.spending;
                        let removed = if replace { tracked.len() } else { 0 };
                        if replace {
                            tracked.clear();
                        }
                        tracked.extend(spending);
                        self.doc.step = Step::Follow;
                        crate::ui::steps::follow::show_spending(ctx);
                        if removed > 0 {
                            tr.tf(
                                "import.done.spending.replaced",
                                &[("count", &count), ("file", &file), ("removed", &removed)],
                            )
                        } else {
                            tr.tf(
                                "import.done.spending",
                                &[("count", &count), ("file", &file)],
                            )
                        }
                    }
                };
                self.import = None;
                self.status = Some(done);
            }
        }
    }
}

/// A spreadsheet being read on its own thread.
pub(super) struct ImportJob {
    path: PathBuf,
    /// What the rows become.
    kind: Kind,
    /// The cells read so far.
    cells: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    task: Option<Task<Result<crate::import::Workbook, crate::import::ImportError>>>,
}
