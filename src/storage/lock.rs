//! One writer at a time, as office suites do on shared drives.
//!
//! Beside each draft, two small hidden files:
//!
//! - `.projet.ron.verrou`, whose exclusive lock (the system's: `flock`, `LockFileEx`) is held by
//!   whoever writes the draft — a save, for the moment it takes, or a window, for as long as the
//!   draft is open in it. The system releases it when the program ends, however it ends.
//! - `.projet.ron.ouvert`, written by a window that holds the lock: who (name, workstation, since
//!   when). It is what another window or the command line tells the user (« Ce dossier est ouvert
//!   par Camille Durand sur POSTE-42 depuis 10:12 »). Windows' locks forbid reading a locked file,
//!   hence a second file. One left behind while the lock is free is a crashed session's.
//!
//! The lock file stays (removing it would let a third writer lock a new one while a second still
//! waits on the old); the owner file goes when its window lets the draft go.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::through_link;

/// How long a writer waits for another one to finish with the same file.
const HOLD_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long a window waits for a save under way before saying the draft is held.
const OPEN_WAIT: std::time::Duration = std::time::Duration::from_millis(600);

/// The longest owner file read (a hostile one is cut there).
const OWNER_MAX_BYTES: u64 = 4096;

/// Who has a draft open in a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The person's name (the system's full name, else the account's).
    pub name: String,
    /// The workstation's name.
    pub host: String,
    /// Since when (RFC 3339, with the offset of the workstation).
    pub since: String,
    /// The program's process number on that workstation.
    pub pid: u32,
}

impl Owner {
    /// This program, now.
    #[must_use]
    pub fn me() -> Self {
        // Asked of the system once: on a domain workstation the full name may be asked of the
        // domain controller, which an offline laptop would wait for at every frame.
        static IDENTITY: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
        let (name, host) = IDENTITY.get_or_init(|| {
            let name = whoami::realname()
                .ok()
                .filter(|n| !n.trim().is_empty())
                .or_else(|| whoami::username().ok())
                .unwrap_or_default();
            (name, whoami::hostname().unwrap_or_default())
        });
        Owner {
            name: name.clone(),
            host: host.clone(),
            since: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            pid: std::process::id(),
        }
    }

    /// Whether this is the same person on the same workstation as `other` (another window of
    /// theirs, or a session of theirs that stopped).
    #[must_use]
    pub fn same_person(&self, other: &Owner) -> bool {
        self.name == other.name && self.host.eq_ignore_ascii_case(&other.host)
    }

    fn to_text(&self) -> String {
        format!(
            "nom={}\nposte={}\ndepuis={}\nprocessus={}\n",
            one_line(&self.name),
            one_line(&self.host),
            one_line(&self.since),
            self.pid
        )
    }

    /// Reads an owner file: lenient (a field missing is empty), bounded, every value shown
    /// safely (a hostile name cannot move the cursor or reverse the text).
    fn from_text(text: &str) -> Self {
        let mut owner = Owner {
            name: String::new(),
            host: String::new(),
            since: String::new(),
            pid: 0,
        };
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value: String = crate::domain::text::visible(value.trim())
                .chars()
                .take(120)
                .collect();
            match key.trim() {
                "nom" => owner.name = value,
                "poste" => owner.host = value,
                "depuis" => owner.since = value,
                "processus" => owner.pid = value.parse().unwrap_or(0),
                _ => {}
            }
        }
        owner
    }
}

impl std::fmt::Display for Owner {
    /// « Camille Durand sur POSTE-42 depuis le 06/12/2026 à 10:12 ».
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = if self.name.is_empty() {
            "quelqu'un"
        } else {
            &self.name
        };
        write!(f, "{name}")?;
        if !self.host.is_empty() {
            write!(f, " sur {}", self.host)?;
        }
        if let Ok(since) = chrono::DateTime::parse_from_rfc3339(&self.since) {
            write!(f, " depuis le {}", since.format("%d/%m/%Y à %H:%M"))?;
        }
        Ok(())
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// A lock held on a file (or a folder): released when dropped. A window's also says who holds
/// it, until dropped.
#[derive(Debug)]
pub struct Held {
    _file: fs::File,
    /// The file (or folder) held, links followed.
    target: PathBuf,
    /// The owner file written, when a window holds the draft.
    owner_file: Option<PathBuf>,
}

impl Held {
    /// Whether this holds `path`'s lock.
    #[must_use]
    pub fn holds(&self, path: &Path) -> bool {
        let path = through_link(path);
        // Windows' names ignore case (« Projet.ron » is « projet.ron »).
        if cfg!(windows) {
            path.as_os_str()
                .eq_ignore_ascii_case(self.target.as_os_str())
        } else {
            path == self.target
        }
    }

    /// Says who holds the draft from now on (the owner file), replacing one a crashed session
    /// left.
    ///
    /// # Errors
    /// The owner file could not be written.
    pub fn claim(&mut self) -> io::Result<()> {
        let file = owner_path(&self.target);
        // Readable by the colleagues it speaks to; small enough to be written in one go.
        hidden_options()
            .truncate(true)
            .open(&file)?
            .write_all(Owner::me().to_text().as_bytes())?;
        self.owner_file = Some(file);
        Ok(())
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(file) = &self.owner_file {
            let _ = fs::remove_file(file);
        }
    }
}

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum HoldError {
    /// The system refused (the folder is read-only, the drive is gone…).
    Io(io::Error),
    /// Another save kept it past the wait.
    Busy,
    /// A window has the draft open (on this workstation or another).
    OpenBy(Owner),
}

impl std::fmt::Display for HoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HoldError::Io(e) => f.write_str(&super::error::io_message(e)),
            HoldError::Busy => f.write_str("un autre enregistrement de ce fichier est en cours"),
            HoldError::OpenBy(owner) => write!(
                f,
                "ce dossier est ouvert par {owner} : fermez-le dans l'application, puis réessayez"
            ),
        }
    }
}

impl std::error::Error for HoldError {}

impl From<HoldError> for io::Error {
    fn from(e: HoldError) -> Self {
        match e {
            HoldError::Io(e) => e,
            HoldError::Busy | HoldError::OpenBy(_) => {
                io::Error::new(io::ErrorKind::ResourceBusy, e.to_string())
            }
        }
    }
}

/// The lock file of `target` (a file, or a folder for the files written into it).
fn lock_path(target: &Path) -> PathBuf {
    if target.is_dir() {
        target.join(".dossier-cloud.verrou")
    } else {
        beside(target, "verrou")
    }
}

/// The owner file of `target`.
fn owner_path(target: &Path) -> PathBuf {
    beside(target, "ouvert")
}

/// `.name.suffix` beside `target`.
fn beside(target: &Path, suffix: &str) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".");
    name.push(suffix);
    target.with_file_name(name)
}

/// Options that create a file hidden in the Explorer, as the dot hides it elsewhere
/// (`FILE_ATTRIBUTE_HIDDEN`).
fn hidden_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.create(true).write(true);
    #[cfg(windows)]
    std::os::windows::fs::OpenOptionsExt::attributes(&mut options, 0x2);
    options
}

/// Who a window says holds `target`, if an owner file is there.
fn read_owner(target: &Path) -> Option<Owner> {
    let file = fs::File::open(owner_path(target)).ok()?;
    let mut text = String::new();
    file.take(OWNER_MAX_BYTES).read_to_string(&mut text).ok()?;
    Some(Owner::from_text(&text))
}

fn lock_file(target: &Path) -> io::Result<fs::File> {
    hidden_options().truncate(false).open(lock_path(target))
}

/// Takes the lock of `path` for one save or one export (a file, or a folder for the files
/// written into it): waits up to [`HOLD_WAIT`] for another save, but refuses at once when a
/// window has the draft open, saying whose.
///
/// # Errors
/// A [`HoldError`].
pub fn hold(path: &Path) -> Result<Held, HoldError> {
    let target = through_link(path);
    let file = lock_file(&target).map_err(HoldError::Io)?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                return Ok(Held {
                    _file: file,
                    target,
                    owner_file: None,
                });
            }
            Err(fs::TryLockError::WouldBlock) => {
                if let Some(owner) = read_owner(&target) {
                    return Err(HoldError::OpenBy(owner));
                }
                if started.elapsed() >= HOLD_WAIT {
                    return Err(HoldError::Busy);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(fs::TryLockError::Error(e)) => return Err(HoldError::Io(e)),
        }
    }
}

/// What a window finds when it opens a draft.
#[derive(Debug)]
pub enum Opening {
    /// The draft is the window's: held, and said so in the owner file.
    Mine(Held),
    /// Another window has it open: whose, when its owner file says so (none: a save from the
    /// command line, still under way).
    Elsewhere(Option<Owner>),
    /// Nobody holds it, but a session that stopped without closing it left its owner file: the
    /// lock is held (nobody else can take it meanwhile) but not yet claimed; the user is asked
    /// before [`Held::claim`].
    Left(Held, Owner),
    /// No lock can be made there (a read-only folder): the draft is opened without one.
    Unlockable(io::Error),
}

/// Takes the lock of a draft for the time a window has it open.
#[must_use]
pub fn open(path: &Path) -> Opening {
    let target = through_link(path);
    let file = match lock_file(&target) {
        Ok(file) => file,
        Err(e) => return Opening::Unlockable(e),
    };
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                let mut held = Held {
                    _file: file,
                    target,
                    owner_file: None,
                };
                return match read_owner(&held.target) {
                    Some(left) => Opening::Left(held, left),
                    None => match held.claim() {
                        Ok(()) => Opening::Mine(held),
                        Err(e) => Opening::Unlockable(e),
                    },
                };
            }
            Err(fs::TryLockError::WouldBlock) => {
                let owner = read_owner(&target);
                if owner.is_some() || started.elapsed() >= OPEN_WAIT {
                    return Opening::Elsewhere(owner);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(fs::TryLockError::Error(e)) => return Opening::Unlockable(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_file_reads_back_and_a_hostile_one_is_shown_safely() {
        let me = Owner {
            name: "Camille Durand".into(),
            host: "POSTE-42".into(),
            since: "2026-12-06T10:12:00+01:00".into(),
            pid: 42,
        };
        assert_eq!(Owner::from_text(&me.to_text()), me);
        assert_eq!(
            me.to_string(),
            "Camille Durand sur POSTE-42 depuis le 06/12/2026 à 10:12"
        );
        let hostile = Owner::from_text("nom=\u{1b}[2J\u{202e}X\nposte=\nprocessus=x\n");
        assert_eq!(hostile.name, "\\u{1b}[2J\\u{202e}X");
        assert_eq!(hostile.pid, 0);
        assert_eq!(Owner::from_text("").to_string(), "quelqu'un");
    }
}
