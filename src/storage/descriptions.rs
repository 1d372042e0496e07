//! The forms platform's descriptions the user read, kept in the per-user data folder
//! (`…/dossier-cloud/platform/`): the last one of each démarche with the day it was read, so that
//! the window reopens it without asking again, says when it is older than 30 days, and says what
//! changed in the form since the previous reading (its last-modified date, champs added or
//! removed — champs are compared by their id, stable across revisions).

use std::fs;
use std::path::PathBuf;

use crate::domain::Date;
use crate::platform::Description;
use crate::platform::description::Champ;
use crate::platform::prefill::{KnownFile, Ties};

/// After how many days a description is said to be old.
pub const OLD_AFTER_DAYS: i64 = 30;

/// What changed in a démarche's form between two readings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// The form's last-modified date, before and now, when it moved.
    pub modified: Option<(String, String)>,
    /// Labels of the champs added.
    pub added: Vec<String>,
    /// Labels of the champs removed.
    pub removed: Vec<String>,
}

impl Changes {
    /// Whether anything changed.
    #[must_use]
    pub fn any(&self) -> bool {
        self.modified.is_some() || !self.added.is_empty() || !self.removed.is_empty()
    }
}

/// A description kept, with the day it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The description.
    pub description: Description,
    /// The day it was read.
    pub read_on: Date,
}

impl Kept {
    /// Its age in days when it is older than [`OLD_AFTER_DAYS`] on `today`.
    #[must_use]
    pub fn old(&self, today: Date) -> Option<i64> {
        let days = (today.unix_midnight() - self.read_on.unix_midnight()) / 86_400;
        (days > OLD_AFTER_DAYS).then_some(days)
    }
}

/// The folder of kept descriptions.
#[derive(Debug, Clone)]
pub struct Descriptions {
    dir: PathBuf,
}

/// Every champ with its id and label, tables' sub-champs included.
fn all_champs(champs: &[Champ]) -> Vec<(&str, &str)> {
    champs
        .iter()
        .flat_map(|c| {
            std::iter::once((c.id.as_str(), c.label.as_str()))
                .chain(c.children.iter().map(|s| (s.id.as_str(), s.label.as_str())))
        })
        .collect()
}

/// What changed from `before` to `now`.
#[must_use]
pub fn changes(before: &Description, now: &Description) -> Changes {
    let old = all_champs(&before.champs);
    let new = all_champs(&now.champs);
    let labels = |from: &[(&str, &str)], not_in: &[(&str, &str)]| -> Vec<String> {
        from.iter()
            .filter(|(id, _)| !not_in.iter().any(|(other, _)| other == id))
            .map(|(_, label)| (*label).to_owned())
            .collect()
    };
    Changes {
        modified: match (&before.last_modified, &now.last_modified) {
            (Some(a), Some(b)) if a != b => Some((a.clone(), b.clone())),
            _ => None,
        },
        added: labels(&new, &old),
        removed: labels(&old, &new),
    }
}

impl Descriptions {
    /// The per-user folder, if the system has one.
    #[must_use]
    pub fn per_user() -> Option<Self> {
        directories::ProjectDirs::from("fr", "DINUM", "dossier-cloud")
            .map(|dirs| Descriptions::in_dir(dirs.data_dir().join("platform")))
    }

    /// A folder of its own (tests).
    #[must_use]
    pub fn in_dir(dir: PathBuf) -> Self {
        Descriptions { dir }
    }

    fn file(&self, number: u64) -> PathBuf {
        self.dir.join(format!("demarche-{number}.json"))
    }

    fn read_on_file(&self, number: u64) -> PathBuf {
        self.dir.join(format!("demarche-{number}.read"))
    }

    /// Keeps a description just read (its text as published), and says what changed since the
    /// one kept before for the same démarche, if any.
    ///
    /// # Errors
    /// The system's error when the folder or the files cannot be written; what was kept before
    /// stays whole (each file is written atomically).
    pub fn keep(
        &self,
        text: &str,
        description: &Description,
        today: Date,
    ) -> std::io::Result<Option<Changes>> {
        let before = self.kept(description.number).map(|k| k.description);
        super::create_private_dir(&self.dir)?;
        super::write_private(&self.file(description.number), text.as_bytes())?;
        super::write_private(
            &self.read_on_file(description.number),
            today.to_iso().as_bytes(),
        )?;
        Ok(before.map(|b| changes(&b, description)))
    }

    /// The description kept for a démarche; `None` when there is none or it no longer reads.
    #[must_use]
    pub fn kept(&self, number: u64) -> Option<Kept> {
        let text = fs::read_to_string(self.file(number)).ok()?;
        let description = crate::platform::description::parse(&text).ok()?;
        let read_on = fs::read_to_string(self.read_on_file(number))
            .ok()
            .and_then(|d| Date::parse_iso(d.trim()).ok())?;
        Some(Kept {
            description,
            read_on,
        })
    }

    /// The description read last, of any démarche.
    #[must_use]
    pub fn last(&self) -> Option<Kept> {
        let entries = fs::read_dir(&self.dir).ok()?;
        entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let number = name.strip_prefix("demarche-")?.strip_suffix(".json")?;
                number.parse().ok()
            })
            .filter_map(|n| self.kept(n))
            .max_by_key(|k| k.read_on)
    }

    fn ties_file(&self, number: u64) -> PathBuf {
        self.dir.join(format!("demarche-{number}.ties.ron"))
    }

    /// The champs the user tied by hand for a démarche; none when nothing was kept.
    ///
    /// # Errors
    /// Why the kept ties cannot be read (then they are left as they are, not overwritten
    /// unless the user ties again).
    pub fn ties(&self, number: u64) -> Result<Ties, TiesError> {
        let path = self.ties_file(number);
        match fs::read_to_string(&path) {
            Ok(text) => ron::from_str(&text).map_err(|e| TiesError::Parse {
                detail: crate::i18n::serde_fr::ron_message(&e.code),
                path,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Ties::new()),
            Err(source) => Err(TiesError::Io { path, source }),
        }
    }

    /// Keeps the ties of a démarche (atomically: the ones kept before stay whole on failure).
    ///
    /// # Errors
    /// The system's error writing the file.
    pub fn keep_ties(&self, number: u64, ties: &Ties) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(ties, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        super::create_private_dir(&self.dir)?;
        super::write_private(&self.ties_file(number), text.as_bytes())
    }
}

/// Why the champs tied by hand for a démarche cannot be read back; they are left as they are.
#[derive(Debug)]
pub enum TiesError {
    /// The system refused to read the file.
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// Read, but not ties the app wrote.
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, in French.
        detail: String,
    },
}

impl std::fmt::Display for TiesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TiesError::Io { path, source } => write!(
                f,
                "correspondances de champs gardées illisibles : {} ({})",
                super::error::io_message(source),
                path.display()
            ),
            TiesError::Parse { path, detail } => write!(
                f,
                "correspondances de champs gardées illisibles : {detail} ({})",
                path.display()
            ),
        }
    }
}

impl std::error::Error for TiesError {}

/// The files of a pack exported in `dir`, with their size and digest, as its `manifest.json`
/// lists them.
///
/// # Errors
/// Why the manifest cannot be read.
pub fn pack_files(dir: &std::path::Path) -> Result<Vec<KnownFile>, String> {
    let path = dir.join("manifest.json");
    let text = fs::read_to_string(&path)
        .map_err(|e| format!("{} ({})", super::error::io_message(&e), path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("manifeste illisible : {e} ({})", path.display()))?;
    let files = json
        .get("files")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| format!("le manifeste ne liste aucun fichier ({})", path.display()))?;
    Ok(files
        .iter()
        .filter_map(|f| {
            Some(KnownFile {
                name: f.get("name")?.as_str()?.to_owned(),
                size: f.get("size").and_then(serde_json::Value::as_u64),
                sha256: f
                    .get("sha256")
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned),
            })
        })
        .collect())
}
