//! Autosave: a copy of the open dossier in the per-user data folder, written every 30 seconds
//! and when the window loses focus, so that a crash or a power cut loses at most that much. On the
//! next start, an autosave newer than its file (and different from it) is offered back; an older
//! one is not; an unreadable one is set aside with a message, never loaded and never deleted.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::error::LoadErrorKind;
use super::{Encoding, Fingerprint, parse, to_ron, write_private};
use crate::domain::Dossier;
use crate::domain::rules::RuleBook;

/// The folder autosaves go to, and this window's slot for an untitled dossier.
#[derive(Debug, Clone)]
pub struct Autosave {
    dir: PathBuf,
    /// The untitled slot this window holds ([`Autosave::claim_untitled`]), with the lock that
    /// keeps another window off it while this one lives.
    untitled: Option<(u32, std::sync::Arc<fs::File>)>,
}

impl PartialEq for Autosave {
    fn eq(&self, other: &Self) -> bool {
        self.dir == other.dir && self.untitled_number() == other.untitled_number()
    }
}

impl Eq for Autosave {}

/// How many untitled windows may each have their own slot.
const UNTITLED_SLOTS: u32 = 64;

/// What the autosave folder holds for a file.
#[derive(Debug)]
pub enum Recovery {
    /// Nothing to offer.
    Nothing,
    /// An autosave newer than the file, and different from it.
    Newer {
        /// The autosave's path.
        path: PathBuf,
        /// Its dossier.
        dossier: Box<Dossier>,
        /// When it was written.
        written: SystemTime,
    },
    /// An autosave that could not be read: moved aside, not loaded, not deleted.
    SetAside {
        /// Where it now is.
        moved_to: PathBuf,
        /// Why it could not be read.
        reason: LoadErrorKind,
    },
}

impl Autosave {
    /// Autosaves in this folder.
    #[must_use]
    pub fn in_dir(dir: PathBuf) -> Self {
        Autosave {
            dir,
            untitled: None,
        }
    }

    /// Takes the first untitled slot no other window holds, for as long as this one lives: each
    /// untitled window autosaves into its own (two of them overwrote each other's recovery in
    /// one `sans-titre.ron`), and a slot left by a window that crashed is offered back to the
    /// next window that takes it. The hold is a lock on `sans-titre-N.lock`, released by the
    /// system when the process ends, whatever the way. Without a lock to be had, the first slot.
    pub fn claim_untitled(&mut self) {
        if self.untitled.is_some() || super::create_private_dir(&self.dir).is_err() {
            return;
        }
        for n in 1..=UNTITLED_SLOTS {
            let lock = self.dir.join(format!("sans-titre-{n}.lock"));
            let Ok(file) = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock)
            else {
                return;
            };
            if file.try_lock().is_ok() {
                self.untitled = Some((n, std::sync::Arc::new(file)));
                return;
            }
        }
    }

    /// The untitled slot's number this window holds, if it claimed one.
    #[must_use]
    pub fn untitled_number(&self) -> Option<u32> {
        self.untitled.as_ref().map(|(n, _)| *n)
    }

    /// The per-user data folder, machine-local (`~/.local/share/dossier-cloud/autosave` on Linux,
    /// `%LOCALAPPDATA%\\DINUM\\dossier-cloud\\data\\autosave` on Windows: autosaves are not carried
    /// by a roaming profile).
    #[must_use]
    pub fn per_user() -> Option<Self> {
        directories::ProjectDirs::from("fr", "DINUM", "dossier-cloud")
            .map(|dirs| Autosave::in_dir(dirs.data_local_dir().join("autosave")))
    }

    /// The autosave of a file (or of the untitled dossier): one per file, named after a hash of
    /// its path so that no user path shows in the folder's listing.
    #[must_use]
    pub fn slot(&self, source: Option<&Path>) -> PathBuf {
        let name = match source {
            // The first slot keeps the name it always had, so an older version's is found.
            None => match self.untitled_number() {
                None | Some(1) => "sans-titre.ron".to_owned(),
                Some(n) => format!("sans-titre-{n}.ron"),
            },
            Some(path) => {
                let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
                let hex = Fingerprint::of(absolute.as_os_str().as_encoded_bytes()).to_hex();
                format!("{}.ron", &hex[..16])
            }
        };
        self.dir.join(name)
    }

    /// Writes the autosave of a dossier, atomically, readable by its owner only.
    ///
    /// # Errors
    /// The system's error; the previous autosave is then intact.
    pub fn write(&self, source: Option<&Path>, dossier: &Dossier) -> std::io::Result<()> {
        super::create_private_dir(&self.dir)?;
        let text = to_ron(dossier).map_err(std::io::Error::other)?;
        write_private(&self.slot(source), text.as_bytes())
    }

    /// Removes the autosave of a file, once the file itself holds the work.
    pub fn clear(&self, source: Option<&Path>) {
        let _ = fs::remove_file(self.slot(source));
    }

    /// What to offer for a file on opening it (or for the untitled dossier on start).
    #[must_use]
    pub fn recovery(&self, source: Option<&Path>, current: &Dossier, rules: &RuleBook) -> Recovery {
        let slot = self.slot(source);
        let Ok(meta) = fs::metadata(&slot) else {
            return Recovery::Nothing;
        };
        let written = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        let parsed = fs::read(&slot)
            .map_err(LoadErrorKind::Io)
            .and_then(|bytes| parse(&bytes, Encoding::Ron, rules).map_err(LoadErrorKind::Parse));
        let dossier = match parsed {
            Ok(p) => p.dossier,
            Err(reason) => {
                let stamp = written
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                let moved_to = slot.with_extension(format!("ron.illisible-{stamp}"));
                return match fs::rename(&slot, &moved_to) {
                    Ok(()) => Recovery::SetAside { moved_to, reason },
                    Err(_) => Recovery::SetAside {
                        moved_to: slot,
                        reason,
                    },
                };
            }
        };
        if dossier == *current {
            return Recovery::Nothing;
        }
        let newer = source
            .and_then(|p| fs::metadata(p).ok())
            .and_then(|m| m.modified().ok())
            .is_none_or(|file_time| written > file_time);
        if newer {
            Recovery::Newer {
                path: slot,
                dossier: Box::new(dossier),
                written,
            }
        } else {
            Recovery::Nothing
        }
    }
}
