//! How storage's errors read in the interface's language. Their `Display` is French (the command
//! line and the French interface use it as is); English comes from the `error.*` keys of `en.ron`,
//! built from the error's typed parts rather than from its French text.

use std::io;

use crate::i18n::{Lang, Texts, spaced};
use crate::storage::{Limit, LoadError, LoadErrorKind, ParseError, SaveError, SaveErrorKind};

impl Texts {
    /// Why a scenario cannot take the name given.
    #[must_use]
    pub fn scenario_name_error(&self, error: &crate::storage::scenario::NameError) -> String {
        use crate::storage::scenario::NameError;
        if self.lang() == Lang::Fr {
            return spaced(error.to_string());
        }
        match error {
            NameError::NoLetter => self.t("error.scenario.no_letter").to_owned(),
            NameError::Taken(path) => self.tf("error.scenario.taken", &[("path", &path.display())]),
        }
    }

    /// Why the champs tied by hand for a démarche cannot be read back.
    #[must_use]
    pub fn ties_error(&self, error: &crate::storage::descriptions::TiesError) -> String {
        use crate::storage::descriptions::TiesError;
        if self.lang() == Lang::Fr {
            return spaced(error.to_string());
        }
        let (why, path) = match error {
            TiesError::Io { path, source } => (self.io_error(source), path),
            TiesError::Parse { path, .. } => (self.t("error.ties.parse").to_owned(), path),
        };
        self.tf("error.ties", &[("why", &why), ("path", &path.display())])
    }

    /// Who has a draft open: « Camille Durand sur POSTE-42 depuis le 06/12/2026 à 10:12 ».
    #[must_use]
    pub fn owner(&self, owner: &crate::storage::Owner) -> String {
        let name = if owner.name.is_empty() {
            self.t("owner.someone")
        } else {
            &owner.name
        };
        let mut text = name.to_owned();
        if !owner.host.is_empty() {
            text.push_str(&self.tf("owner.on", &[("host", &owner.host)]));
        }
        if let Ok(since) = chrono::DateTime::parse_from_rfc3339(&owner.since) {
            let local = since.with_timezone(&chrono::Local);
            text.push_str(&self.tf(
                "owner.since",
                &[
                    ("date", &local.format("%d/%m/%Y")),
                    ("time", &local.format("%H:%M")),
                ],
            ));
        }
        text
    }

    /// A system error (`fichier ou dossier introuvable`).
    #[must_use]
    pub fn io_error(&self, error: &io::Error) -> String {
        if self.lang() == Lang::Fr {
            return spaced(crate::storage::error::io_message(error));
        }
        let held = crate::storage::error::held_by_another_program(error);
        let key = match error.kind() {
            _ if held && error.kind() != io::ErrorKind::PermissionDenied => "error.io.held",
            io::ErrorKind::PermissionDenied if cfg!(windows) => "error.io.permission_or_held",
            io::ErrorKind::NotFound => "error.io.not_found",
            io::ErrorKind::PermissionDenied => "error.io.permission",
            io::ErrorKind::StorageFull => "error.io.full",
            io::ErrorKind::ReadOnlyFilesystem => "error.io.read_only",
            io::ErrorKind::IsADirectory => "error.io.directory",
            io::ErrorKind::InvalidData => "error.io.invalid_data",
            _ => return self.tf("error.io.other", &[("error", error)]),
        };
        self.t(key).to_owned()
    }

    /// Why a dossier file could not be opened, with its path.
    #[must_use]
    pub fn load_error(&self, error: &LoadError) -> String {
        if self.lang() == Lang::Fr {
            return spaced(error.to_string());
        }
        self.tf(
            "error.load",
            &[
                ("why", &self.load_error_kind(&error.kind)),
                ("path", &error.path.display()),
            ],
        )
    }

    /// Why a file is not a dossier the app can read, without its path.
    #[must_use]
    pub fn load_error_kind(&self, kind: &LoadErrorKind) -> String {
        if self.lang() == Lang::Fr {
            return spaced(kind.to_string());
        }
        match kind {
            LoadErrorKind::Io(e) => self.io_error(e),
            LoadErrorKind::TooLarge(size) => self.tf(
                "error.load.too_large",
                &[
                    ("size", size),
                    ("max", &crate::domain::limits::MAX_FILE_BYTES),
                ],
            ),
            LoadErrorKind::Parse(e) => self.parse_error(e),
        }
    }

    /// Why a text is not a dossier.
    #[must_use]
    pub fn parse_error(&self, error: &ParseError) -> String {
        if self.lang() == Lang::Fr {
            return spaced(error.to_string());
        }
        let current = &crate::domain::dossier::FORMAT;
        match error {
            ParseError::Empty => self.t("error.parse.empty").to_owned(),
            ParseError::NotUtf8 { line, col } => {
                self.tf("error.parse.utf8", &[("line", line), ("col", col)])
            }
            ParseError::Syntax {
                line,
                col,
                field,
                english,
                value,
                ..
            } => {
                let what = value
                    .as_ref()
                    .map_or_else(|| english.clone(), |v| self.value_error(v));
                let mut place = Vec::new();
                if *line > 0 {
                    place.push(self.tf("error.parse.at", &[("line", line), ("col", col)]));
                }
                if !field.is_empty() && field != "." {
                    place.push(self.tf("error.parse.field", &[("field", field)]));
                }
                if place.is_empty() {
                    what
                } else {
                    format!("{}: {what}", place.join(", "))
                }
            }
            ParseError::NotADossier => self.t("error.parse.not_a_dossier").to_owned(),
            ParseError::UnknownFormat { found } => self.tf(
                "error.parse.unknown_format",
                &[("found", found), ("current", current)],
            ),
            ParseError::NewerFormat { found } => self.tf(
                "error.parse.newer_format",
                &[("found", found), ("current", current)],
            ),
            ParseError::UnknownWindow { found, known } => self.tf(
                "error.parse.unknown_window",
                &[("found", found), ("known", known)],
            ),
            ParseError::Invalid { field, limit } => self.tf(
                "error.parse.invalid",
                &[("field", field), ("limit", &self.limit(limit))],
            ),
        }
    }

    fn limit(&self, limit: &Limit) -> String {
        match limit {
            Limit::TooManyLines { count, max } => {
                self.tf("error.limit.lines", &[("count", count), ("max", max)])
            }
            Limit::YearOutOfRange { year } => self.year_range(*year),
            Limit::Checksum => self.t("error.limit.checksum").to_owned(),
            Limit::TextTooLong { max } => self.tf("error.limit.text", &[("max", max)]),
        }
    }

    /// Why an export could not be kept in the history: each place tried and why.
    #[must_use]
    pub fn keep_error(&self, error: &crate::storage::history::KeepError) -> String {
        if self.lang() == Lang::Fr {
            return spaced(error.to_string());
        }
        if error.tries.is_empty() {
            return self.t("error.keep.nowhere").to_owned();
        }
        error
            .tries
            .iter()
            .map(|(dir, e)| format!("{} ({})", self.io_error(e), dir.display()))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Why a kept version cannot be read back.
    #[must_use]
    pub fn summary_error(&self, error: &crate::storage::history::SummaryError) -> String {
        use crate::storage::history::SummaryError;
        if self.lang() == Lang::Fr {
            return spaced(error.to_string());
        }
        match error {
            SummaryError::Io(path, kind) => format!(
                "{} ({})",
                self.io_error(&io::Error::from(*kind)),
                path.display()
            ),
            SummaryError::Json(path, e) => format!("{e} ({})", path.display()),
            SummaryError::NoEstimate => self.t("error.summary.no_estimate").to_owned(),
        }
    }

    /// Why a dossier could not be saved, with its path; the file on disk is intact.
    #[must_use]
    pub fn save_error(&self, error: &SaveError) -> String {
        if self.lang() == Lang::Fr {
            return spaced(error.to_string());
        }
        let why = match &error.kind {
            SaveErrorKind::Io(e) => self.io_error(e),
            SaveErrorKind::ChangedOnDisk => self.t("error.save.changed").to_owned(),
            SaveErrorKind::ExistingUnreadable(e) => self.tf(
                "error.save.unreadable",
                &[("why", &self.load_error_kind(&e.kind))],
            ),
            SaveErrorKind::UnknownExtension => self.t("error.save.extension").to_owned(),
            SaveErrorKind::PastLimit(e) => {
                self.tf("error.save.past_limit", &[("why", &self.parse_error(e))])
            }
            SaveErrorKind::OpenBy(owner) => {
                self.tf("error.save.open_by", &[("who", &self.owner(owner))])
            }
        };
        self.tf(
            "error.save",
            &[("why", &why), ("path", &error.path.display())],
        )
    }
}
