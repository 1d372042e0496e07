//! What can go wrong reading or saving a dossier, with messages in French that say where and why.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::limits::YEARS;
use crate::domain::values::ValueError;

/// Why a text is not a dossier the app can open.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// Nothing but white space.
    #[error("le fichier est vide")]
    Empty,
    /// Bytes that are not UTF-8.
    #[error("ligne {line}, colonne {col} : le fichier n'est pas un texte UTF-8")]
    NotUtf8 {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
    },
    /// A syntax or type error, where it happened, in which field.
    #[error("{}{detail}", location(*line, *col, field))]
    Syntax {
        /// Line, from 1 (0 when unknown).
        line: usize,
        /// Column, from 1 (0 when unknown).
        col: usize,
        /// The field being read (`budget.lines[2].amount_ttc`), empty at the top.
        field: String,
        /// What is wrong, in French.
        detail: String,
        /// What is wrong, as the reader (serde, RON) said it, in English.
        english: String,
        /// The value that does not read, typed, when that is what is wrong.
        value: Option<Box<ValueError>>,
    },
    /// No `format` field: not a dossier at all.
    #[error("champ « format » absent : ce fichier n'est pas un dossier dossier-cloud")]
    NotADossier,
    /// A `format` the app does not know.
    #[error("format « {found} » inconnu (cette version lit « {current} »)", current = crate::domain::dossier::FORMAT)]
    UnknownFormat {
        /// The format found.
        found: String,
    },
    /// A format from a later version of the app.
    #[error("format « {found} » d'une version plus récente de l'application : mettez-la à jour (cette version lit « {current} »)", current = crate::domain::dossier::FORMAT)]
    NewerFormat {
        /// The format found.
        found: String,
    },
    /// A window the app has no rules for.
    #[error("champ window : guichet « {found} » inconnu ; guichets connus : {known}")]
    UnknownWindow {
        /// The window found.
        found: String,
        /// The windows known.
        known: String,
    },
    /// A value that reads but breaks a limit.
    #[error("champ {field} : {limit}")]
    Invalid {
        /// The field.
        field: String,
        /// The limit it breaks.
        limit: Limit,
    },
}

/// A limit a value of a dossier breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Limit {
    /// More budget lines than a dossier may have.
    #[error("{count} lignes, au plus {max}")]
    TooManyLines {
        /// How many.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A year outside the years a dossier covers.
    #[error("année {year} hors de la plage admise ({first}–{last})", first = YEARS.start(), last = YEARS.end())]
    YearOutOfRange {
        /// The year.
        year: i32,
    },
    /// Not a SHA-256 checksum.
    #[error("empreinte SHA-256 attendue : 64 caractères hexadécimaux en minuscules")]
    Checksum,
    /// A text longer than the limit.
    #[error("texte trop long (au plus {max} caractères)")]
    TextTooLong {
        /// The limit, in characters.
        max: usize,
    },
}

fn location(line: usize, col: usize, field: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if line > 0 {
        let _ = write!(out, "ligne {line}, colonne {col}");
    }
    if !field.is_empty() && field != "." {
        if !out.is_empty() {
            out.push_str(", ");
        }
        let _ = write!(out, "champ {field}");
    }
    if !out.is_empty() {
        out.push_str(" : ");
    }
    out
}

/// Why a dossier file could not be opened.
#[derive(Debug)]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: LoadErrorKind,
}

/// What went wrong opening a file.
#[derive(Debug)]
pub enum LoadErrorKind {
    /// The system refused to read it.
    Io(io::Error),
    /// Larger than the app reads.
    TooLarge(u64),
    /// Read, but not a dossier.
    Parse(ParseError),
}

impl fmt::Display for LoadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadErrorKind::Io(e) => f.write_str(&io_message(e)),
            LoadErrorKind::TooLarge(size) => write!(
                f,
                "fichier trop volumineux ({size} octets ; au plus {} octets)",
                crate::domain::limits::MAX_FILE_BYTES
            ),
            LoadErrorKind::Parse(e) => write!(f, "{e}"),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "impossible d'ouvrir le dossier : {} ({})",
            self.kind,
            self.path.display()
        )
    }
}

impl std::error::Error for LoadError {}

/// Why a dossier could not be saved. The file on disk is left as it was in every case.
#[derive(Debug)]
pub struct SaveError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: SaveErrorKind,
}

/// What went wrong saving.
#[derive(Debug)]
pub enum SaveErrorKind {
    /// The system refused to write.
    Io(io::Error),
    /// The file changed on disk since it was opened.
    ChangedOnDisk,
    /// The file there is not a dossier the app can read: it is not overwritten.
    ExistingUnreadable(Box<LoadError>),
    /// The file name has no extension the app writes.
    UnknownExtension,
    /// The dossier is past a limit: written, the app would refuse to read it back.
    PastLimit(ParseError),
    /// A window has the draft open (this workstation's or another's): it alone writes it.
    OpenBy(super::Owner),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("enregistrement impossible, le fichier existant est intact : ")?;
        match &self.kind {
            SaveErrorKind::Io(e) => f.write_str(&io_message(e))?,
            SaveErrorKind::ChangedOnDisk => f.write_str(
                "le fichier a été modifié par un autre programme depuis son ouverture ; \
                 enregistrez sous un autre nom pour ne rien perdre",
            )?,
            SaveErrorKind::ExistingUnreadable(e) => write!(
                f,
                "le fichier existant n'est pas un dossier lisible et ne sera pas écrasé ({})",
                e.kind
            )?,
            SaveErrorKind::UnknownExtension => {
                f.write_str("extension inconnue : choisissez un nom en .ron (brouillon) ou .json")?;
            }
            SaveErrorKind::PastLimit(e) => write!(
                f,
                "le dossier dépasse une limite de l'application et ne pourrait plus être ouvert ({e})"
            )?,
            SaveErrorKind::OpenBy(owner) => write!(
                f,
                "ce dossier est ouvert par {owner} ; fermez-le dans l'application, puis réessayez"
            )?,
        }
        write!(f, " ({})", self.path.display())
    }
}

impl std::error::Error for SaveError {}

/// What Windows says of a file another program holds, in French.
const HELD_FR: &str = "le fichier est ouvert par un autre programme (Excel, un antivirus, OneDrive…) : fermez-le, puis réessayez";

/// Whether Windows refused because another program holds the file: a sharing or lock violation,
/// or an access denied (what replacing a file open without shared deletion gives). Never on
/// other systems, which do not refuse that.
#[must_use]
pub fn held_by_another_program(error: &io::Error) -> bool {
    // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
    cfg!(windows) && matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// A system error in French.
#[must_use]
pub fn io_message(error: &io::Error) -> String {
    if held_by_another_program(error) && error.kind() != io::ErrorKind::PermissionDenied {
        return HELD_FR.to_owned();
    }
    match error.kind() {
        io::ErrorKind::NotFound => "fichier ou dossier introuvable".to_owned(),
        io::ErrorKind::PermissionDenied if cfg!(windows) => {
            "accès refusé : fichier en lecture seule, ou ouvert par un autre programme (Excel, un antivirus, OneDrive…)".to_owned()
        }
        io::ErrorKind::PermissionDenied => {
            "droits insuffisants (dossier en lecture seule ?)".to_owned()
        }
        io::ErrorKind::StorageFull => "disque plein".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "support en lecture seule".to_owned(),
        io::ErrorKind::IsADirectory => "c'est un dossier, pas un fichier".to_owned(),
        io::ErrorKind::InvalidData => "données illisibles".to_owned(),
        _ => format!("erreur du système : {error}"),
    }
}

impl LoadError {
    pub(crate) fn new(path: &Path, kind: LoadErrorKind) -> Self {
        LoadError {
            path: path.to_owned(),
            kind,
        }
    }
}

impl SaveError {
    pub(crate) fn new(path: &Path, kind: SaveErrorKind) -> Self {
        SaveError {
            path: path.to_owned(),
            kind,
        }
    }
}
