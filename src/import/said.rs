//! How a spreadsheet's errors read in the interface's language (see `storage::said`).

use crate::i18n::{Lang, Texts, spaced};
use crate::import::{AmountProblem, ImportError, Problem};

impl Texts {
    /// Why a spreadsheet could not be read at all.
    #[must_use]
    pub fn import_error(&self, error: &ImportError) -> String {
        if self.lang() == Lang::Fr {
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
        if self.lang() == Lang::Fr {
            return spaced(problem.to_string());
        }
        match problem {
            Problem::TooManyLines { max, rows } => {
                self.tf("error.import.lines", &[("max", max), ("rows", rows)])
            }
            Problem::TotalRow(label) => self.tf("error.import.total", &[("label", label)]),
            Problem::EmptyLabel => self.t("error.import.no_label").to_owned(),
            Problem::EmptyDate => self.t("error.import.no_date").to_owned(),
            Problem::UnreadableDate(text) => self.tf("error.import.date", &[("text", text)]),
            Problem::NoSuchDate(text) => self.tf("error.import.no_such_date", &[("text", text)]),
            Problem::DateOutOfRange(text) => self.tf(
                "error.import.date_range",
                &[
                    ("text", text),
                    ("first", crate::domain::limits::YEARS.start()),
                    ("last", crate::domain::limits::YEARS.end()),
                ],
            ),
            Problem::ReferenceTooLong(max) => {
                self.tf("error.import.reference_long", &[("max", max)])
            }
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
}
