//! Every export kept (issue 15): a read-only copy of what was exported — its `dossier.json`
//! (the dossier with the estimate and the findings of that moment) and its `manifest.json` (the
//! files' sizes and sums) — in a history beside the draft (`NAME.history/` next to `NAME.ron`),
//! or in the per-user data folder (`…/dossier-cloud/history/NAME-<8 hex>/`) when the draft's
//! folder cannot be written, or when the dossier has no file yet. One folder an export, named by
//! its time (`2026-12-01T12-39-26Z`), so the newest sorts last.
//!
//! The progress reports exported once the commitment is signed are kept the same way, in the
//! history's `suivi/` folder: each one's `suivi.json` and `manifest.json` ([`keep_report`],
//! [`report_entries`]), apart from the dossier's versions, which compare as dossiers.

use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::Value as Json;

use super::Fingerprint;

/// The files an entry keeps, as the pack names them.
pub const KEPT_FILES: [&str; 2] = ["dossier.json", "manifest.json"];

/// The files a progress report's entry keeps.
pub const REPORT_FILES: [&str; 2] = ["suivi.json", "manifest.json"];

/// The folder of a history that keeps the progress reports.
const REPORTS: &str = "suivi";

/// Where a dossier's versions are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The folder.
    pub dir: PathBuf,
    /// Whether it is the per-user fallback rather than the folder beside the draft.
    pub per_user: bool,
}

/// What an entry says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The dossier's title then.
    pub title: String,
    /// Whether it was exported as a draft (a finding blocked).
    pub draft: bool,
    /// The cofunding estimated then.
    pub cofunding: Decimal,
    /// How many findings blocked.
    pub blocking: usize,
}

/// One export kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its folder.
    pub dir: PathBuf,
    /// When it was kept (UTC, `2026-12-01T12:39:26Z`), from its folder's name.
    pub kept_at: String,
    /// What it says, or why it cannot be read (listed all the same).
    pub summary: Result<Summary, SummaryError>,
}

impl Entry {
    /// Its `dossier.json`.
    #[must_use]
    pub fn dossier_file(&self) -> PathBuf {
        self.dir.join("dossier.json")
    }
}

/// The per-user history folder of a dossier: its name and a short digest of where it is, so two
/// drafts of the same name elsewhere do not mix.
fn per_user(name: &str, draft: Option<&Path>) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("fr", "DINUM", "dossier-cloud")?;
    let place = draft.map_or_else(String::new, |p| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_owned())
            .display()
            .to_string()
    });
    let digest = Fingerprint::of(place.as_bytes()).to_hex();
    Some(
        dirs.data_dir()
            .join("history")
            .join(format!("{name}-{}", &digest[..8])),
    )
}

/// Where the versions of a dossier may be kept, in the order tried: beside the draft, then the
/// per-user folder. `name` names a dossier without a file (the pack's base name).
#[must_use]
pub fn places(draft: Option<&Path>, name: &str) -> Vec<History> {
    let mut out = Vec::new();
    let stem = draft
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned());
    if let (Some(draft), Some(stem)) = (draft, &stem) {
        out.push(History {
            dir: draft.with_file_name(format!("{stem}.history")),
            per_user: false,
        });
    }
    if let Some(dir) = per_user(stem.as_deref().unwrap_or(name), draft) {
        out.push(History {
            dir,
            per_user: true,
        });
    }
    out
}

/// A folder name for a time: `2026-12-01T12-39-26Z` for `2026-12-01T12:39:26Z`.
fn folder_name(kept_at: &str) -> String {
    kept_at.replace(':', "-")
}

/// The time a folder name says, back.
fn kept_at_of(name: &str) -> String {
    match name.split_once('T') {
        Some((day, time)) => {
            let time = time.split('.').next().unwrap_or(time);
            format!("{day}T{}", time.replace('-', ":"))
        }
        None => name.to_owned(),
    }
}

/// Keeps the export written in `pack` (its `dossier.json` and `manifest.json`, read-only) in the
/// first of `places` that can be written; `kept_at` names it. Returns the history used and the
/// entry's folder.
///
/// # Errors
/// Why no place could keep it (each place's reason); the export itself is not touched.
pub fn keep(
    places: &[History],
    pack: &Path,
    kept_at: &str,
) -> Result<(History, PathBuf), KeepError> {
    keep_files(places, pack, kept_at, None)
}

/// Keeps the progress report written in `pack` (its `suivi.json` and `manifest.json`,
/// read-only) in the `suivi/` folder of the first of `places` that can be written.
///
/// # Errors
/// Why no place could keep it (each place's reason); the report itself is not touched.
pub fn keep_report(
    places: &[History],
    pack: &Path,
    kept_at: &str,
) -> Result<(History, PathBuf), KeepError> {
    keep_files(places, pack, kept_at, Some(REPORTS))
}

fn keep_files(
    places: &[History],
    pack: &Path,
    kept_at: &str,
    under: Option<&str>,
) -> Result<(History, PathBuf), KeepError> {
    let mut tries = Vec::new();
    for place in places {
        let (dir, files) = match under {
            Some(folder) => (place.dir.join(folder), &REPORT_FILES),
            None => (place.dir.clone(), &KEPT_FILES),
        };
        match keep_in(&dir, pack, kept_at, files) {
            Ok(dir) => return Ok((place.clone(), dir)),
            Err(e) => tries.push((place.dir.clone(), e)),
        }
    }
    Err(KeepError { tries })
}

/// Why an export could not be kept: each place tried and what the system said there (none:
/// there was no place to try).
#[derive(Debug)]
pub struct KeepError {
    /// The places tried, in order, with their errors.
    pub tries: Vec<(PathBuf, std::io::Error)>,
}

impl std::fmt::Display for KeepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.tries.is_empty() {
            return f.write_str("aucun dossier où la garder");
        }
        let said: Vec<String> = self
            .tries
            .iter()
            .map(|(dir, e)| format!("{} ({})", super::error::io_message(e), dir.display()))
            .collect();
        f.write_str(&said.join(" ; "))
    }
}

impl std::error::Error for KeepError {}

/// Why a kept version cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryError {
    /// A file of it cannot be read: what kind of error the system gave.
    Io(PathBuf, std::io::ErrorKind),
    /// A file of it is not JSON: the reader's words.
    Json(PathBuf, String),
    /// Its `dossier.json` has no estimate.
    NoEstimate,
}

impl std::fmt::Display for SummaryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SummaryError::Io(path, kind) => write!(
                f,
                "{} ({})",
                super::error::io_message(&std::io::Error::from(*kind)),
                path.display()
            ),
            SummaryError::Json(path, e) => write!(f, "{e} ({})", path.display()),
            SummaryError::NoEstimate => f.write_str("dossier.json ne donne pas l'estimation"),
        }
    }
}

impl std::error::Error for SummaryError {}

fn keep_in(history: &Path, pack: &Path, kept_at: &str, files: &[&str]) -> std::io::Result<PathBuf> {
    super::create_private_dir(history)?;
    let base = folder_name(kept_at);
    let mut dir = history.join(&base);
    let mut n = 2;
    while dir.exists() {
        dir = history.join(format!("{base}.{n}"));
        n += 1;
    }
    // Written aside, then renamed: an entry is whole or absent.
    let partial = history.join(format!(".{base}.partial"));
    let _ = fs::remove_dir_all(&partial);
    super::create_private_dir(&partial)?;
    for name in files {
        let target = partial.join(name);
        fs::copy(pack.join(name), &target)?;
        // Read-only, and the owner's only: a kept dossier.json holds the contact's name, e-mail
        // and phone.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&target, fs::Permissions::from_mode(0o400))?;
        }
        #[cfg(not(unix))]
        {
            let mut permissions = fs::metadata(&target)?.permissions();
            permissions.set_readonly(true);
            fs::set_permissions(&target, permissions)?;
        }
    }
    fs::rename(&partial, &dir)?;
    Ok(dir)
}

/// What an entry's files say.
fn summary(dir: &Path) -> Result<Summary, SummaryError> {
    let read = |name: &str| -> Result<Json, SummaryError> {
        let path = dir.join(name);
        let text =
            fs::read_to_string(&path).map_err(|e| SummaryError::Io(path.clone(), e.kind()))?;
        serde_json::from_str(&text).map_err(|e| SummaryError::Json(path, e.to_string()))
    };
    let dossier = read("dossier.json")?;
    let manifest = read("manifest.json")?;
    let cofunding = dossier["estimate"]["cofunding"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or(SummaryError::NoEstimate)?;
    let blocking = dossier["findings"].as_array().map_or(0, |f| {
        f.iter().filter(|f| f["severity"] == "blocking").count()
    });
    Ok(Summary {
        title: dossier["project"]["title"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        draft: manifest["draft"].as_bool().unwrap_or(blocking > 0),
        cofunding,
        blocking,
    })
}

/// A progress report kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    /// Its folder.
    pub dir: PathBuf,
    /// When it was kept (UTC), from its folder's name.
    pub kept_at: String,
    /// Its date and how many findings warned, or why it cannot be read.
    pub summary: Result<ReportSummary, SummaryError>,
}

/// What a kept report says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    /// The report's date.
    pub at: crate::domain::Date,
    /// How many findings warned.
    pub warnings: usize,
}

/// The progress reports kept in these places, newest first; one that cannot be read is listed
/// with why.
#[must_use]
pub fn report_entries(places: &[History]) -> Vec<ReportEntry> {
    kept_in(places.iter().map(|place| place.dir.join(REPORTS)))
        .into_iter()
        .map(|(dir, kept_at)| ReportEntry {
            summary: report_summary(&dir),
            kept_at,
            dir,
        })
        .collect()
}

/// The entries' folders in these folders, newest first, each with when it was kept: hidden
/// ones (an entry being written) and the reports' folder left out.
fn kept_in(dirs: impl Iterator<Item = PathBuf>) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = dirs
        .filter_map(|dir| fs::read_dir(dir).ok())
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            (!name.starts_with('.') && name != REPORTS).then(|| (e.path(), kept_at_of(&name)))
        })
        .collect();
    out.sort_by(|(a_dir, a_at), (b_dir, b_at)| {
        b_at.cmp(a_at)
            .then_with(|| b_dir.file_name().cmp(&a_dir.file_name()))
    });
    out
}

fn report_summary(dir: &Path) -> Result<ReportSummary, SummaryError> {
    use crate::domain::Severity;
    /// What a kept `suivi.json` says of itself: its date and its findings' severities, typed as
    /// the report writes them (the panel counts them the same way).
    #[derive(serde::Deserialize)]
    struct Kept {
        at: crate::domain::Date,
        findings: Vec<KeptFinding>,
    }
    #[derive(serde::Deserialize)]
    struct KeptFinding {
        severity: Severity,
    }
    let path = dir.join("suivi.json");
    let text = fs::read_to_string(&path).map_err(|e| SummaryError::Io(path.clone(), e.kind()))?;
    let kept: Kept =
        serde_json::from_str(&text).map_err(|e| SummaryError::Json(path, e.to_string()))?;
    Ok(ReportSummary {
        at: kept.at,
        warnings: kept
            .findings
            .iter()
            .filter(|f| f.severity <= Severity::Warning)
            .count(),
    })
}

/// The versions kept in these places, newest first; an entry that cannot be read is listed
/// with why, not hidden.
#[must_use]
pub fn entries(places: &[History]) -> Vec<Entry> {
    kept_in(places.iter().map(|place| place.dir.clone()))
        .into_iter()
        .map(|(dir, kept_at)| Entry {
            summary: summary(&dir),
            kept_at,
            dir,
        })
        .collect()
}
