//! Files: open, save, autosave and recovery, export, spreadsheet import, attachments.

use std::path::{Path, PathBuf};

use super::document::Access;
use super::{AUTOSAVE_SECS, App, Dialog, PathPurpose};
use crate::domain::Dossier;
use crate::i18n::Texts;
use crate::storage::autosave::Recovery;
use crate::storage::lock::{self, Opening};
use crate::storage::{self, Overwrite};

impl App {
    /// A file to read, from the system's dialog; without one, the path field opens instead (its
    /// « Valider » runs the purpose's command) and this gives nothing.
    pub(super) fn pick_file(
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

    pub(super) fn choose_and_open(&mut self) {
        let tr = self.tr();
        let filter = (tr.t("filter.dossier"), &["ron", "json"][..]);
        if let Some(path) = self.pick_file(PathPurpose::Open, tr.t("path.open"), filter) {
            self.open_path(&path);
        }
    }

    pub(super) fn choose_and_save(&mut self) {
        if !self.native_dialogs {
            let text = self
                .doc
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
            .set_file_name(default_file_name(&self.doc.dossier))
            .save_file()
        {
            self.save_to(&with_extension(path));
        } else {
            self.pending_after = None;
        }
    }

    pub(super) fn pick_attachment(&mut self, index: usize) {
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
        self.attach_path(index, &path);
    }

    /// A path typed in an attachment's field, once the field is left: read and hashed like a
    /// chosen file (a relative path from the draft's folder). A bare name that is no file here
    /// stays a name, with no digest.
    pub(super) fn attach_typed(&mut self, index: usize, typed: &Path) {
        let path = match (&self.doc.path, typed.is_relative()) {
            (Some(draft), true) => draft.parent().unwrap_or(Path::new("")).join(typed),
            _ => typed.to_owned(),
        };
        let looks_like_path = typed.components().count() > 1 || typed.is_absolute();
        if path.is_file() || looks_like_path {
            self.attach_path(index, &path);
        }
    }

    /// Records a file as an attachment's: its name, SHA-256 and size; or says why it cannot.
    fn attach_path(&mut self, index: usize, path: &Path) {
        let tr = self.tr();
        match storage::attachment_digest(path) {
            Ok((name, sum, size)) => {
                if let Some(att) = self.doc.dossier.attachments.get_mut(index) {
                    att.file_name = name;
                    att.sha256 = Some(sum);
                    att.size = Some(size);
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

    /// Opens a file, held for as long as it is open here; when another window has it, asks
    /// whether to read it or open a copy; on failure says why and keeps the current dossier.
    pub(super) fn open_path(&mut self, path: &Path) {
        // Read first: a file that is no dossier is said so, and nothing is left beside it. Read
        // again once held (a change in between is caught by the save's fingerprint anyway).
        if let Err(e) = storage::load(path, &self.knowledge.rules) {
            self.dialog = Some(Dialog::Message {
                title: self.tr().t("open.failed").to_owned(),
                text: self.tr().load_error(&e),
            });
            return;
        }
        // The file this window already holds (from « Fichiers récents », or chosen again): read
        // again under the same lock, not refused as held by another window.
        if matches!(&self.doc.access, Access::Held(held) if held.holds(path)) {
            let access = std::mem::take(&mut self.doc.access);
            self.open_with(path, access);
            return;
        }
        match lock::open(path) {
            Opening::Mine(held) => self.open_with(path, Access::Held(held)),
            // A read-only folder (a CD, a share read-only for this user), a drive that refuses
            // locks: opened without one, and said (the save still checks the file is unchanged).
            Opening::Unlockable(e) => {
                self.open_with(path, Access::Free);
                if self.doc.path.as_deref() == Some(path) {
                    let tr = self.tr();
                    self.status = Some(tr.tf("open.unlocked", &[("why", &tr.io_error(&e))]));
                }
            }
            Opening::Elsewhere(owner) => {
                self.dialog = Some(Dialog::HeldElsewhere {
                    path: path.to_owned(),
                    owner,
                });
            }
            // The user's own session that stopped (the system let its lock go): theirs again,
            // without a question.
            Opening::Left(mut held, owner) if owner.same_person(&storage::Owner::me()) => {
                let _ = held.claim();
                self.open_with(path, Access::Held(held));
            }
            Opening::Left(held, owner) => {
                self.left_lock = Some(held);
                self.dialog = Some(Dialog::LeftOpen {
                    path: path.to_owned(),
                    owner,
                });
            }
        }
    }

    /// Opens a file with the window's hold on it; on failure says why, lets the file go and
    /// keeps the current dossier.
    pub(super) fn open_with(&mut self, path: &Path, access: Access) {
        let tr = self.tr();
        match storage::load(path, &self.knowledge.rules) {
            Ok(loaded) => {
                let ignored = loaded.parsed.ignored.clone();
                let read_only = matches!(access, Access::ReadOnly(_));
                self.replace(
                    loaded.parsed.dossier,
                    Some(path.to_owned()),
                    Some(loaded.fingerprint),
                );
                self.doc.access = access;
                self.prefs.touch(path);
                let file = path.display();
                self.status = Some(if read_only {
                    tr.tf("open.done_read_only", &[("file", &file)])
                } else {
                    tr.tf("open.done", &[("file", &file)])
                });
                if !read_only {
                    self.offer_recovery(Some(path));
                }
                if !ignored.is_empty() {
                    self.dialog = Some(Dialog::Message {
                        title: tr.t("open.ignored").to_owned(),
                        text: tr.tf("open.ignored.text", &[("fields", &ignored.join(", "))]),
                    });
                }
            }
            Err(e) => self.cannot_open(&e),
        }
    }

    /// « Impossible d'ouvrir le fichier », and why.
    fn cannot_open(&mut self, error: &storage::LoadError) {
        let tr = self.tr();
        self.dialog = Some(Dialog::Message {
            title: tr.t("open.failed").to_owned(),
            text: tr.load_error(error),
        });
    }

    /// Opens a copy of a file another window holds: an untitled dossier with its content, to
    /// be saved under another name; the file itself is neither held nor written.
    pub(super) fn open_copy(&mut self, path: &Path) {
        let tr = self.tr();
        match storage::load(path, &self.knowledge.rules) {
            Ok(loaded) => {
                self.replace(loaded.parsed.dossier, None, None);
                // Its author's attention went into it, as into a file opened.
                self.doc.seen = crate::ui::seen::Seen::all();
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                self.status = Some(tr.tf("open.copy_done", &[("file", &name)]));
            }
            Err(e) => self.cannot_open(&e),
        }
    }

    /// Offers an autosave newer than the file, or says an unreadable one was set aside.
    pub(super) fn offer_recovery(&mut self, source: Option<&Path>) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        if self.viewing.is_some() {
            // The dossier set aside waits, unchanged, for the version to be closed.
            return;
        }
        let tr = self.tr();
        match autosave.recovery(source, &self.doc.dossier, &self.knowledge.rules) {
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
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let focused = ctx.input(|i| i.viewport().focused).unwrap_or(true);
        let lost_focus = self.frame.was_focused && !focused;
        self.frame.was_focused = focused;
        if !self.is_dirty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        if lost_focus || now - self.last_autosave >= AUTOSAVE_SECS {
            self.last_autosave = now;
            if let Err(e) = autosave.write(self.doc.path.as_deref(), &self.doc.dossier) {
                let tr = self.tr();
                self.status = Some(tr.tf("autosave.failed", &[("error", &tr.io_error(&e))]));
            }
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECS));
    }

    /// A file just saved under a new name is the window's from now on; the old one is let go
    /// (a read-only one becomes the copy's).
    pub(super) fn hold_saved(&mut self, path: &Path) {
        if matches!(&self.doc.access, Access::Held(held) if held.holds(path)) {
            return;
        }
        self.doc.access = match lock::open(path) {
            Opening::Mine(held) => Access::Held(held),
            Opening::Left(mut held, _) => match held.claim() {
                Ok(()) => Access::Held(held),
                Err(_) => Access::Free,
            },
            Opening::Elsewhere(_) | Opening::Unlockable(_) => Access::Free,
        };
    }

    pub(super) fn save_to(&mut self, path: &Path) {
        let tr = self.tr();
        let overwrite = match (&self.doc.path, self.doc.fingerprint) {
            (Some(current), Some(fp)) if current == path => Overwrite::Opened(fp),
            _ => Overwrite::Chosen,
        };
        let saved = match &self.doc.access {
            // The window's own lock: nobody else can be saving it.
            Access::Held(held) if held.holds(path) => storage::save_held(
                held,
                path,
                &self.doc.dossier,
                Some(&self.doc.evaluation),
                overwrite,
                &self.knowledge.rules,
            ),
            _ => storage::save(
                path,
                &self.doc.dossier,
                Some(&self.doc.evaluation),
                overwrite,
                &self.knowledge.rules,
            ),
        };
        match saved {
            Ok(fingerprint) => {
                if let Some(autosave) = &self.autosave {
                    autosave.clear(self.doc.path.as_deref());
                    autosave.clear(Some(path));
                }
                self.doc.saved = self.doc.dossier.clone();
                self.doc.path = Some(path.to_owned());
                self.doc.fingerprint = Some(fingerprint);
                self.hold_saved(path);
                self.prefs.touch(path);
                let pending = self.doc.inputs.pending().count();
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
        _ => tr.tf(
            "age.days",
            &[(
                "days",
                &tr.count(secs / 86_400, tr.t("unit.day"), tr.t("unit.days")),
            )],
        ),
    }
}

/// Adds `.ron` to a name chosen without a known extension.
pub(super) fn with_extension(path: PathBuf) -> PathBuf {
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

/// Whether the system can show file dialogs: always on Windows and macOS; on Linux a desktop
/// portal (through the session bus) or zenity.
pub(super) fn native_dialogs_available() -> bool {
    // Windows and macOS have their own (rfd calls them); Linux needs the portal or zenity.
    cfg!(any(windows, target_os = "macos"))
        || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("zenity").is_file()))
}
