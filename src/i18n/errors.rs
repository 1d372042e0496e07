//! Values of a file said in the interface's language; the errors of storage, export, import and the
//! forms platform are said beside their types (`storage::said` and the like), so that this module
//! depends on nothing above the domain.

use super::{Lang, Texts, spaced};
use crate::domain::values::ValueError;

impl Texts {
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

    /// A year outside the years a dossier covers (a draft's or a spreadsheet's).
    pub(crate) fn year_range(&self, year: i32) -> String {
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
}
