//! File errors said in the interface's language. Their `Display` is French (the command line and
//! the French interface use it as is); English comes from the `error.*` keys of `en.ron`, built
//! from the error's typed parts rather than from its French text.

use std::io;

use super::{Lang, Texts, spaced};
use crate::domain::values::ValueError;
use crate::export::ExportError;
use crate::import::{AmountProblem, ImportError, Problem};
use crate::platform::client::SendError;
use crate::platform::description::ChampKind;
use crate::platform::why::{NoLink, Why};
use crate::storage::{Limit, LoadError, LoadErrorKind, ParseError, SaveError, SaveErrorKind};

impl Texts {
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
        if self.lang == Lang::Fr {
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
        if self.lang == Lang::Fr {
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
        if self.lang == Lang::Fr {
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
        if self.lang == Lang::Fr {
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

    /// Why a value of a file does not read.
    #[must_use]
    pub fn value_error(&self, error: &ValueError) -> String {
        if self.lang == Lang::Fr {
            return spaced(error.to_string());
        }
        match error {
            ValueError::Amount { text, error } => self.tf(
                "error.value.amount",
                &[("text", text), ("why", &self.amount_error(error))],
            ),
            ValueError::Rate { text, error } => self.tf(
                "error.value.rate",
                &[("text", text), ("why", &self.rate_error(error))],
            ),
            ValueError::Date { text, error } => self.tf(
                "error.value.date",
                &[("text", text), ("why", &self.date_error(error))],
            ),
            ValueError::MigrationWithExtensionFields => {
                self.t("error.value.migration_fields").to_owned()
            }
            ValueError::ExtensionWithApplications => {
                self.t("error.value.extension_applications").to_owned()
            }
            ValueError::Unquoted { kind, value } => self.tf(
                "error.value.unquoted",
                &[("what", &kind.english()), ("value", value)],
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

    /// A year outside the years a dossier covers (a draft's or a spreadsheet's).
    fn year_range(&self, year: i32) -> String {
        let years = crate::domain::limits::YEARS;
        self.tf(
            "error.year_range",
            &[
                ("year", &year),
                ("first", years.start()),
                ("last", years.end()),
            ],
        )
    }

    /// Why an export could not be kept in the history: each place tried and why.
    #[must_use]
    pub fn keep_error(&self, error: &crate::storage::history::KeepError) -> String {
        if self.lang == Lang::Fr {
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
        if self.lang == Lang::Fr {
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
        if self.lang == Lang::Fr {
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

    /// Why an export failed.
    #[must_use]
    pub fn export_error(&self, error: &ExportError) -> String {
        if self.lang == Lang::Fr {
            return spaced(error.to_string());
        }
        match error {
            ExportError::UnknownWindow(window) => {
                self.tf("error.export.window", &[("window", window)])
            }
            ExportError::Write { path, source } => self.tf(
                "error.export.write",
                &[("why", &self.io_error(source)), ("path", &path.display())],
            ),
            ExportError::Render(detail) => self.tf("error.export.render", &[("detail", detail)]),
            ExportError::OverSource(path) => {
                self.tf("error.export.over_source", &[("path", &path.display())])
            }
        }
    }

    /// Why a spreadsheet could not be read at all.
    #[must_use]
    pub fn import_error(&self, error: &ImportError) -> String {
        if self.lang == Lang::Fr {
            return spaced(error.to_string());
        }
        match error {
            ImportError::UnknownFormat(extension) => {
                self.tf("error.import.format", &[("extension", extension)])
            }
            ImportError::Io(e) => self.tf("error.import.io", &[("why", &self.io_error(e))]),
            ImportError::TooLarge => self.tf(
                "error.import.too_large",
                &[(
                    "max",
                    &(crate::domain::limits::MAX_FILE_BYTES / 1024 / 1024),
                )],
            ),
            ImportError::Workbook(problem) => self.tf(
                "error.import.workbook",
                &[("detail", &self.unreadable(*problem))],
            ),
            ImportError::Sheet { sheet, problem } => self.tf(
                "error.import.sheet",
                &[("sheet", sheet), ("detail", &self.unreadable(*problem))],
            ),
            ImportError::CsvLine { line } => self.tf("error.import.csv_line", &[("line", line)]),
            ImportError::Empty => self.t("error.import.empty").to_owned(),
            ImportError::Oversized(why) => {
                let detail = match why {
                    crate::import::Oversized::Inflated { mib, max } => self.tf(
                        "error.import.oversized.inflated",
                        &[("mib", mib), ("max", max)],
                    ),
                    crate::import::Oversized::Cells(max) => {
                        self.tf("error.import.oversized.cells", &[("max", max)])
                    }
                    crate::import::Oversized::Span { rows, columns } => self.tf(
                        "error.import.oversized.span",
                        &[("rows", rows), ("columns", columns)],
                    ),
                };
                self.tf(
                    "error.import.oversized",
                    &[
                        ("detail", &detail),
                        ("rows", &crate::import::MAX_ROWS),
                        ("columns", &crate::import::MAX_COLUMNS),
                    ],
                )
            }
        }
    }

    /// Why a workbook cannot be read, in English.
    fn unreadable(&self, problem: crate::import::Unreadable) -> &str {
        use crate::import::Unreadable;
        match problem {
            Unreadable::NotAWorkbook => self.t("error.import.not_a_workbook"),
            Unreadable::Protected => self.t("error.import.protected"),
            Unreadable::Damaged => self.t("error.import.damaged"),
        }
    }

    /// Why a row of a spreadsheet was not imported.
    #[must_use]
    pub fn import_problem(&self, problem: &Problem) -> String {
        if self.lang == Lang::Fr {
            return spaced(problem.to_string());
        }
        match problem {
            Problem::TooManyLines { max, rows } => {
                self.tf("error.import.lines", &[("max", max), ("rows", rows)])
            }
            Problem::TotalRow(label) => self.tf("error.import.total", &[("label", label)]),
            Problem::EmptyLabel => self.t("error.import.no_label").to_owned(),
            Problem::LabelTooLong(max) => self.tf("error.import.label_long", &[("max", max)]),
            Problem::EmptyCategory => self.t("error.import.no_category").to_owned(),
            Problem::UnknownCategory(text) => {
                // The import reads French category words: the French labels are what to type.
                self.tf(
                    "error.import.category",
                    &[
                        ("text", text),
                        ("expected", &crate::import::category_names()),
                    ],
                )
            }
            Problem::EmptyYear => self.t("error.import.no_year").to_owned(),
            Problem::YearOutOfRange { year } => self.year_range(*year),
            Problem::UnreadableYear(text) => self.tf("error.import.year", &[("text", text)]),
            Problem::EmptyAmount => self.t("error.import.no_amount").to_owned(),
            Problem::Amount { text, why } => {
                let why = match why {
                    AmountProblem::NotANumber => self.t("error.import.not_a_number").to_owned(),
                    AmountProblem::TooManyDecimals => self.t("error.import.decimals").to_owned(),
                    AmountProblem::Invalid(e) => self.amount_error(e),
                    AmountProblem::ADate => self.t("error.import.a_date").to_owned(),
                    AmountProblem::CellError => self.t("error.import.cell_error").to_owned(),
                };
                self.tf("error.import.amount", &[("text", text), ("why", &why)])
            }
        }
    }

    /// Why a request to the forms platform failed.
    #[must_use]
    pub fn send_error(&self, error: &SendError) -> String {
        if self.lang == Lang::Fr {
            return spaced(error.to_string());
        }
        match error {
            SendError::Refused(why) => self.tf("error.send.refused", &[("why", why)]),
            SendError::NotFound(number) => self.tf("error.send.not_found", &[("number", number)]),
            SendError::NoDescription(path) => {
                self.tf("error.send.no_description", &[("path", path)])
            }
            SendError::TooMany(Some(seconds)) => {
                self.tf("error.send.too_many_wait", &[("seconds", seconds)])
            }
            SendError::TooMany(None) => self.t("error.send.too_many").to_owned(),
            SendError::Status { status, body } => {
                self.tf("error.send.status", &[("status", status), ("body", body)])
            }
            SendError::Timeout(seconds) => self.tf("error.send.timeout", &[("seconds", seconds)]),
            SendError::ConnectionRefused(host) => {
                self.tf("error.send.refused_connection", &[("host", host)])
            }
            SendError::HostNotFound(host) => self.tf("error.send.host", &[("host", host)]),
            SendError::Proxy(detail) => self.tf("error.send.proxy", &[("detail", detail)]),
            SendError::Redirected(Some(location)) => {
                self.tf("error.send.redirected_to", &[("location", location)])
            }
            SendError::Redirected(None) => self.t("error.send.redirected").to_owned(),
            SendError::ForeignAddress(url) => self.tf("error.send.foreign", &[("url", url)]),
            SendError::ProxyScript { address, .. } => {
                self.tf("error.send.proxy_script", &[("address", address)])
            }
            SendError::Tls(detail) => self.tf("error.send.tls", &[("detail", detail)]),
            SendError::Unexpected(detail) => {
                self.tf("error.send.unexpected", &[("detail", detail)])
            }
            SendError::Other(detail) => self.tf("error.send.other", &[("detail", detail)]),
        }
    }

    /// Why a champ of the forms platform is left to fill there.
    #[must_use]
    pub fn prefill_why(&self, why: &Why) -> String {
        if self.lang == Lang::Fr {
            return spaced(why.to_string());
        }
        match why {
            Why::NoLabel => self.t("error.prefill.no_label").to_owned(),
            Why::NoLabelInTable => self.t("error.prefill.no_label_in_table").to_owned(),
            Why::NotPrefillable(kind) => self.tf(
                "error.prefill.not_prefillable",
                &[("kind", &self.champ_kind(kind))],
            ),
            Why::TiedToNothing => self.t("error.prefill.tied_to_nothing").to_owned(),
            Why::AttachmentOnPlatform => self.t("error.prefill.attachment").to_owned(),
            Why::NoValue(path) => self.tf("error.prefill.no_value", &[("path", path)]),
            Why::NoRowValue(path) => self.tf("error.prefill.no_row_value", &[("path", path)]),
            Why::Mismatch { kind, path } => self.tf(
                "error.prefill.mismatch",
                &[("kind", &self.champ_kind(kind)), ("path", path)],
            ),
            Why::NoOption { choice, options } => self.tf(
                "error.prefill.no_option",
                &[("choice", choice), ("options", &options.join(", "))],
            ),
            Why::NoOptionMultiple(choice) => {
                self.tf("error.prefill.no_option_multiple", &[("choice", choice)])
            }
            Why::NoFiles => self.t("error.prefill.no_files").to_owned(),
            Why::NoRows => self.t("error.prefill.no_rows").to_owned(),
        }
    }

    /// Why the prefill cannot travel as a link.
    #[must_use]
    pub fn no_link(&self, why: &NoLink) -> String {
        if self.lang == Lang::Fr {
            return spaced(why.to_string());
        }
        match why {
            NoLink::NoPath => self.t("error.prefill.link.no_path").to_owned(),
            NoLink::Tables => self.t("error.prefill.link.tables").to_owned(),
            NoLink::TooLong(length) => self.tf(
                "error.prefill.link.too_long",
                &[
                    ("length", length),
                    ("max", &crate::platform::prefill::MAX_LINK_LENGTH),
                ],
            ),
        }
    }

    /// A kind of champ of the forms platform.
    fn champ_kind(&self, kind: &ChampKind) -> String {
        let key = match kind {
            ChampKind::Text => "error.prefill.kind.text",
            ChampKind::Textarea => "error.prefill.kind.textarea",
            ChampKind::Decimal => "error.prefill.kind.decimal",
            ChampKind::Integer => "error.prefill.kind.integer",
            ChampKind::Date => "error.prefill.kind.date",
            ChampKind::Datetime => "error.prefill.kind.datetime",
            ChampKind::YesNo => "error.prefill.kind.yes_no",
            ChampKind::Checkbox => "error.prefill.kind.checkbox",
            ChampKind::Email => "error.prefill.kind.email",
            ChampKind::Phone => "error.prefill.kind.phone",
            ChampKind::Siret => "error.prefill.kind.siret",
            ChampKind::DropDown => "error.prefill.kind.drop_down",
            ChampKind::MultipleDropDown => "error.prefill.kind.multiple",
            ChampKind::Repetition => "error.prefill.kind.table",
            ChampKind::Attachment => "error.prefill.kind.attachment",
            ChampKind::Header => "error.prefill.kind.header",
            ChampKind::Explanation => "error.prefill.kind.explanation",
            ChampKind::Other(name) => {
                return format!("« {} »", name.trim_end_matches("ChampDescriptor"));
            }
        };
        self.t(key).to_owned()
    }
}
