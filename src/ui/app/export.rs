//! The submission pack written from the window: the folder chosen, the export on its own thread,
//! its version kept in the history, the zip beside it.

use std::path::{Path, PathBuf};

use super::{App, Dialog, PathPurpose};
use crate::i18n;
use crate::ui::tasks::{Polled, Task};

impl App {
    pub(super) fn choose_export_folder(&mut self) {
        let title = self.tr().t("export.folder");
        if let Some(dir) = self.choose_folder("depot", PathPurpose::Export, title) {
            self.start_export(dir);
        }
    }

    /// The folder to write into: the system's dialog, or, without one, the path dialog with
    /// `name` beside the draft (its answer then comes back as a command). Nothing while an
    /// export is under way.
    fn choose_folder(&mut self, name: &str, purpose: PathPurpose, title: &str) -> Option<PathBuf> {
        if self.tasks.export.is_some() {
            return None;
        }
        if !self.native_dialogs {
            let text = self
                .doc
                .path
                .as_ref()
                .and_then(|p| p.parent())
                .map(|p| p.join(name).display().to_string())
                .unwrap_or_default();
            self.dialog = Some(Dialog::Path { purpose, text });
            return None;
        }
        rfd::FileDialog::new().set_title(title).pick_folder()
    }

    /// Writes the pack on a thread of its own: the window keeps answering meanwhile; then keeps
    /// the version in the dossier's history, when asked to.
    pub(super) fn start_export(&mut self, dir: PathBuf) {
        if self.tasks.export.is_some() {
            return;
        }
        let dossier = self.doc.dossier.clone();
        let knowledge = self.knowledge.clone();
        let options = crate::export::Options {
            generated_on: crate::domain::Date::today(),
            zip: false,
            lang: self.prefs.lang,
        };
        let keep = self.versions == super::KeepVersions::Kept;
        let source = self.doc.path.clone();
        self.tasks.export = Some(Task::spawn(move || {
            let tr = i18n::texts(options.lang);
            source
                .as_deref()
                .map_or(Ok(()), |source| {
                    crate::export::check_source(&dir, source, &dossier, options.generated_on)
                })
                .and_then(|()| crate::export::export(&dossier, &knowledge, &dir, &options))
                .map_err(|e| tr.export_error(&e))
                .map(|pack| {
                    let kept = keep.then(|| {
                        let kept = crate::export::keep_version(
                            source.as_deref(),
                            &dossier,
                            options.generated_on,
                            &pack,
                        );
                        said_kept(tr, kept)
                    });
                    ExportDone {
                        pack,
                        kept,
                        report: false,
                    }
                })
        }));
        self.status = Some(self.tr().t("export.running").to_owned());
    }

    /// « Exporter le rapport de suivi… »: the folder, typed or chosen, then the report at `at`
    /// written there on a thread of its own.
    pub(super) fn choose_report_folder(&mut self, at: crate::domain::Date) {
        let title = self.tr().t("report.folder");
        let name = format!("suivi-{}", at.to_iso());
        if let Some(dir) = self.choose_folder(&name, PathPurpose::Report(at), title) {
            self.start_report(dir, at);
        }
    }

    /// Writes the progress report's pack on a thread of its own.
    pub(super) fn start_report(&mut self, dir: PathBuf, at: crate::domain::Date) {
        if self.tasks.export.is_some() {
            return;
        }
        let dossier = self.doc.dossier.clone();
        let knowledge = self.knowledge.clone();
        let lang = self.prefs.lang;
        let keep = self.versions == super::KeepVersions::Kept;
        let source = self.doc.path.clone();
        self.tasks.export = Some(Task::spawn(move || {
            let tr = i18n::texts(lang);
            crate::export::follow::export_report(&dossier, &knowledge, at, &dir, lang)
                .map_err(|e| tr.export_error(&e))
                .map(|pack| {
                    let kept = keep.then(|| {
                        let kept = crate::export::keep_report(source.as_deref(), &dossier, &pack);
                        said_kept(tr, kept)
                    });
                    ExportDone {
                        pack,
                        kept,
                        report: true,
                    }
                })
        }));
        self.status = Some(self.tr().t("export.running").to_owned());
    }

    /// Picks up the result of a background export.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let tr = self.tr();
        match Task::poll(&mut self.tasks.export, ctx) {
            Polled::Done(Ok(ExportDone { pack, kept, report })) => {
                let mut files: Vec<String> =
                    pack.manifest.files.iter().map(|f| f.name.clone()).collect();
                files.push("manifest.json".into());
                // The submission pack is what the hand-over attaches; a progress report is not.
                if !report {
                    self.last_pack = pack
                        .manifest
                        .files
                        .iter()
                        .map(|f| crate::platform::prefill::KnownFile {
                            name: f.name.clone(),
                            size: Some(f.size),
                            sha256: Some(f.sha256.clone()),
                        })
                        .collect();
                }
                self.status = Some(tr.tf("export.written_in", &[("dir", &pack.dir.display())]));
                self.dialog = Some(Dialog::Exported {
                    dir: pack.dir,
                    files,
                    blocking: pack.blocking,
                    kept,
                });
            }
            Polled::Done(Err(message)) => {
                self.status = None;
                self.dialog = Some(Dialog::Message {
                    title: tr.t("export.failed").to_owned(),
                    text: message,
                });
            }
            Polled::Waiting => {}
            Polled::Lost => {
                self.dialog = Some(Dialog::Message {
                    title: tr.t("export.failed").to_owned(),
                    text: tr.t("export.interrupted").to_owned(),
                });
            }
        }
    }

    /// Zips the pack just written, and lists the zip in the dialog.
    pub(super) fn zip_pack(&mut self, dir: &Path, files: &[String]) {
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
}

/// An export done: the pack, and where its version was kept or why not (said), when kept.
pub(super) struct ExportDone {
    pack: crate::export::Exported,
    kept: Option<Result<String, String>>,
    /// A progress report's pack rather than the submission pack.
    report: bool,
}

/// Where a pack was kept in the history, or why it could not be, said.
fn said_kept(
    tr: &crate::i18n::Texts,
    kept: Result<(crate::storage::history::History, PathBuf), crate::storage::history::KeepError>,
) -> Result<String, String> {
    kept.map(|(place, entry)| {
        let dir: &dyn std::fmt::Display = &entry.display();
        if place.per_user {
            tr.tf("export.kept.per_user", &[("dir", dir)])
        } else {
            tr.tf("export.kept", &[("dir", dir)])
        }
    })
    .map_err(|why| tr.tf("export.not_kept", &[("why", &tr.keep_error(&why))]))
}
