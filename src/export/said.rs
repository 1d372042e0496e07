//! How an export's errors read in the interface's language (see `storage::said`).

use crate::export::ExportError;
use crate::i18n::{Lang, Texts, spaced};

impl Texts {
    /// Why an export failed.
    #[must_use]
    pub fn export_error(&self, error: &ExportError) -> String {
        if self.lang() == Lang::Fr {
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
            ExportError::NotSigned => self.t("error.export.not_signed").to_owned(),
            ExportError::IntoPack(dir) => {
                self.tf("error.export.into_pack", &[("dir", &dir.display())])
            }
        }
    }
}
