//! Reading and writing dossiers: drafts in RON, `dossier.json` in JSON (same model, same
//! `format`), strict where a wrong value would mislead (amounts, dates, choices) and tolerant of
//! unknown fields, which are reported as warnings. Saves are atomic, keep the previous file as a
//! backup, and never overwrite a file the app could not read or that changed since it was opened.

pub mod autosave;
pub mod descriptions;
pub mod error;
pub mod history;
pub mod lock;
mod read;
mod said;
pub mod scenario;
mod validate;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::dossier::Dossier;
use crate::domain::findings::Evaluation;
use crate::domain::limits::MAX_FILE_BYTES;
use crate::domain::rules::RuleBook;

pub use error::{Limit, LoadError, LoadErrorKind, ParseError, SaveError, SaveErrorKind};
pub use lock::{Held, Opening, Owner, hold};
pub use read::parse;

/// The two encodings of a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// A draft: RON.
    Ron,
    /// `dossier.json`.
    Json,
}

impl Encoding {
    /// The encoding a file name asks for: `.ron` or `.json`.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "ron" => Some(Encoding::Ron),
            "json" => Some(Encoding::Json),
            _ => None,
        }
    }

    /// For reading: by extension, else by the first character of the file (`{` is JSON).
    #[must_use]
    pub fn sniff(path: &Path, bytes: &[u8]) -> Self {
        Encoding::from_path(path).unwrap_or_else(|| {
            let start = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]);
            if start.trim_start().starts_with('{') {
                Encoding::Json
            } else {
                Encoding::Ron
            }
        })
    }
}

/// The SHA-256 of a file's bytes, to tell whether it changed since it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// The fingerprint of some bytes.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        Fingerprint(Sha256::digest(bytes).into())
    }

    /// In lower-case hexadecimal.
    #[must_use]
    pub fn to_hex(self) -> String {
        use std::fmt::Write as _;
        self.0.iter().fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }
}

/// A dossier read from a text.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The dossier.
    pub dossier: Dossier,
    /// Fields that were not understood and were ignored (`budget.lines[0].colour`).
    pub ignored: Vec<String>,
}

/// A dossier read from a file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dossier and what was ignored.
    pub parsed: Parsed,
    /// The file's fingerprint when it was read.
    pub fingerprint: Fingerprint,
}

/// The RON text of a draft.
///
/// # Errors
/// Only if serde fails, which the model's types do not do.
pub fn to_ron(dossier: &Dossier) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .indentor("  ".to_owned());
    ron::ser::to_string_pretty(dossier, config)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| e.to_string())
}

/// The shape of `dossier.json`: the dossier's fields, then the computed estimate and findings.
/// The file is written from it and its JSON Schema generated from it, so the two cannot drift.
#[derive(Serialize, schemars::JsonSchema)]
pub struct DossierJson<'a> {
    /// The dossier.
    #[serde(flatten)]
    pub dossier: &'a Dossier,
    /// The estimate as computed when the file was written (ignored when read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate: Option<&'a crate::domain::Estimate>,
    /// The findings as computed when the file was written (ignored when read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<&'a [crate::domain::Finding]>,
}

/// The JSON of a dossier as in `PACK-FORMAT.md`: the dossier, then, if given, its estimate and
/// findings (computed, and ignored when the file is read back).
///
/// # Errors
/// Only if serde fails, which the model's types do not do.
pub fn to_json(dossier: &Dossier, evaluation: Option<&Evaluation>) -> Result<String, String> {
    let pack = DossierJson {
        dossier,
        estimate: evaluation.map(|e| &e.estimate),
        findings: evaluation.map(|e| e.findings.as_slice()),
    };
    serde_json::to_string_pretty(&pack)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| e.to_string())
}

/// Reads a file whole, refusing files larger than the app reads.
fn read_bounded(path: &Path) -> Result<Vec<u8>, LoadError> {
    // Waited for, as a write is, while another program holds the file a moment (an antivirus
    // reading it just after it was written, OneDrive synchronising it).
    let file = retry_while_held(|| fs::File::open(path))
        .map_err(|e| LoadError::new(path, LoadErrorKind::Io(e)))?;
    let size = file
        .metadata()
        .map_err(|e| LoadError::new(path, LoadErrorKind::Io(e)))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::new(path, LoadErrorKind::TooLarge(size)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::new(path, LoadErrorKind::Io(e)))?;
    Ok(bytes)
}

/// Opens a dossier file (`.ron` draft or `.json`).
///
/// # Errors
/// A [`LoadError`] saying where and why; the file is not touched.
pub fn load(path: &Path, rules: &RuleBook) -> Result<Loaded, LoadError> {
    let bytes = read_bounded(path)?;
    let parsed = parse(&bytes, Encoding::sniff(path, &bytes), rules)
        .map_err(|e| LoadError::new(path, LoadErrorKind::Parse(e)))?;
    Ok(Loaded {
        parsed,
        fingerprint: Fingerprint::of(&bytes),
    })
}

/// What the caller knows of the file a save replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// The file was opened with this fingerprint: it must not have changed since.
    Opened(Fingerprint),
    /// The user chose this path: a file already there must be a dossier the app can read.
    Chosen,
}

/// The backup kept of the previous version: `name.ron` → `name.ron.bak`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves a dossier, in RON or JSON by the file's extension: the new text goes to a temporary file
/// in the same folder, is flushed to disk, then renamed over the old one, so a crash leaves either
/// the old file or the new one, never a mix. The old one is first copied to [`backup_path`].
///
/// # Errors
/// A [`SaveError`]; the file on disk is then as it was.
pub fn save(
    path: &Path,
    dossier: &Dossier,
    evaluation: Option<&Evaluation>,
    overwrite: Overwrite,
    rules: &RuleBook,
) -> Result<Fingerprint, SaveError> {
    // Never a draft the app would then refuse to read (checked before waiting for the lock).
    validate::validate(dossier, rules)
        .map_err(|e| SaveError::new(path, SaveErrorKind::PastLimit(e)))?;
    // One writer at a time: the check that the file is still the one opened, the backup and the
    // rename happen under a lock beside it, so two saves (two imports, two colleagues on a
    // shared drive) never both succeed with one change lost.
    let held = hold(path).map_err(|e| {
        SaveError::new(
            path,
            match e {
                lock::HoldError::OpenBy(owner) => SaveErrorKind::OpenBy(owner),
                other => SaveErrorKind::Io(other.into()),
            },
        )
    })?;
    save_held(&held, path, dossier, evaluation, overwrite, rules)
}

/// [`save`], by the window that holds `path`'s lock for as long as the draft is open in it.
///
/// # Errors
/// A [`SaveError`]; the file on disk is then as it was.
///
/// # Panics
/// When `held` is not `path`'s lock (a mistake of the caller's).
pub fn save_held(
    held: &Held,
    path: &Path,
    dossier: &Dossier,
    evaluation: Option<&Evaluation>,
    overwrite: Overwrite,
    rules: &RuleBook,
) -> Result<Fingerprint, SaveError> {
    assert!(held.holds(path), "the lock held is another file's");
    validate::validate(dossier, rules)
        .map_err(|e| SaveError::new(path, SaveErrorKind::PastLimit(e)))?;
    let text = match Encoding::from_path(path) {
        Some(Encoding::Ron) => to_ron(dossier),
        Some(Encoding::Json) => to_json(dossier, evaluation),
        None => return Err(SaveError::new(path, SaveErrorKind::UnknownExtension)),
    }
    .map_err(|e| SaveError::new(path, SaveErrorKind::Io(std::io::Error::other(e))))?;

    match fs::metadata(path) {
        Ok(_) => {
            let existing = read_bounded(path).map_err(|e| {
                SaveError::new(path, SaveErrorKind::ExistingUnreadable(Box::new(e)))
            })?;
            match overwrite {
                Overwrite::Opened(expected) if Fingerprint::of(&existing) != expected => {
                    return Err(SaveError::new(path, SaveErrorKind::ChangedOnDisk));
                }
                Overwrite::Opened(_) => {}
                Overwrite::Chosen => {
                    if let Err(e) = parse(&existing, Encoding::sniff(path, &existing), rules) {
                        let error = LoadError::new(path, LoadErrorKind::Parse(e));
                        return Err(SaveError::new(
                            path,
                            SaveErrorKind::ExistingUnreadable(Box::new(error)),
                        ));
                    }
                }
            }
            write_private(&backup_path(path), &existing)
                .map_err(|e| SaveError::new(path, SaveErrorKind::Io(e)))?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(SaveError::new(path, SaveErrorKind::Io(e))),
    }
    write_private(path, text.as_bytes()).map_err(|e| SaveError::new(path, SaveErrorKind::Io(e)))?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// Writes bytes to a temporary file beside `path`, syncs it and the folder, and renames it over
/// `path`. On error the temporary file is removed and `path` is untouched.
///
/// # Errors
/// The system's error.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Its own mode, never the one of a link it replaces (a link's is rwxrwxrwx).
    write_with_mode(path, bytes, 0o644)
}

/// Writes atomically, retried while another program holds the file, the new file with `mode`
/// where the system has permission bits.
fn write_with_mode(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    retry_while_held(|| {
        let mut file = atomic_write_file::AtomicWriteFile::options().open(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        #[cfg(not(unix))]
        let _ = mode;
        file.write_all(bytes)?;
        file.commit()
    })
}

/// Where a save of `path` must write: when `path` is a symbolic link (a draft kept in a
/// synchronised folder, linked from elsewhere), the file it leads to, so that the link stays and
/// the real file changes; `path` itself otherwise.
#[must_use]
pub fn through_link(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| {
            // A link to a file not there yet: its target, from the link's folder.
            fs::read_link(path).map_or_else(
                |_| path.to_owned(),
                |target| path.parent().unwrap_or(Path::new("")).join(target),
            )
        }),
        _ => path.to_owned(),
    }
}

/// Creates a folder, and those above it that are missing, readable by its owner only where the
/// system has such permissions: the per-user data and the kept versions hold contacts.
///
/// # Errors
/// The system's error.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
}

/// Like [`write_atomic`], the file readable and writable by its owner only where the system has
/// such permissions: drafts, their backups and autosaves hold a project's figures and contacts.
/// A symbolic link is followed ([`through_link`]) and stays.
///
/// # Errors
/// The system's error.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(&through_link(path), bytes, 0o600)
}

/// Pauses between tries while Windows says another program holds the file: an antivirus reading
/// it just after it was written, `OneDrive` synchronising it, Excel keeping it open. About two
/// seconds in all, then the error is said ([`error::io_message`] names the cause).
const HELD_PAUSES_MS: [u64; 5] = [50, 100, 250, 500, 1000];

/// Runs a write again while the file is held by another program (Windows refuses to replace a
/// file in use, where Linux does not); each failed try leaves the file as it was.
fn retry_while_held<T>(write: impl FnMut() -> std::io::Result<T>) -> std::io::Result<T> {
    let pauses = HELD_PAUSES_MS.map(std::time::Duration::from_millis);
    retry_with(write, error::held_by_another_program, &pauses)
}

/// Runs `write`, then again after each pause while `held` says its error is worth waiting out.
fn retry_with<T>(
    mut write: impl FnMut() -> std::io::Result<T>,
    held: fn(&std::io::Error) -> bool,
    pauses: &[std::time::Duration],
) -> std::io::Result<T> {
    let mut pauses = pauses.iter();
    loop {
        match write() {
            Err(e) if held(&e) => match pauses.next() {
                Some(pause) => std::thread::sleep(*pause),
                None => return Err(e),
            },
            done => return done,
        }
    }
}

/// An attachment's file name, SHA-256 and size in bytes, read from the file.
///
/// # Errors
/// The system's error reading the file.
pub fn attachment_digest(path: &Path) -> std::io::Result<(String, String, u64)> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buffer[..n]);
    }
    let digest: [u8; 32] = hasher.finalize().into();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, Fingerprint(digest).to_hex(), size))
}

#[cfg(test)]
mod tests {
    use super::retry_with;
    use std::io;
    use std::time::Duration;

    fn busy(e: &io::Error) -> bool {
        e.kind() == io::ErrorKind::ResourceBusy
    }

    #[test]
    fn a_file_held_a_moment_is_written_at_a_later_try() {
        let mut tries = 0;
        let done = retry_with(
            || {
                tries += 1;
                if tries < 3 {
                    Err(io::Error::from(io::ErrorKind::ResourceBusy))
                } else {
                    Ok(tries)
                }
            },
            busy,
            &[Duration::ZERO; 5],
        );
        assert_eq!(done.unwrap(), 3);
    }

    #[test]
    fn a_file_held_throughout_gives_the_error_after_the_last_pause() {
        let mut tries = 0;
        let done: io::Result<()> = retry_with(
            || {
                tries += 1;
                Err(io::Error::from(io::ErrorKind::ResourceBusy))
            },
            busy,
            &[Duration::ZERO; 5],
        );
        assert_eq!(done.unwrap_err().kind(), io::ErrorKind::ResourceBusy);
        assert_eq!(tries, 6, "one try, then one after each of the five pauses");
    }

    #[test]
    fn other_errors_are_not_retried() {
        let mut tries = 0;
        let done: io::Result<()> = retry_with(
            || {
                tries += 1;
                Err(io::Error::from(io::ErrorKind::StorageFull))
            },
            busy,
            &[Duration::ZERO; 5],
        );
        assert!(done.is_err());
        assert_eq!(tries, 1);
    }
}
