//! How the forms platform's errors read in the interface's language (see `storage::said`).

use crate::i18n::{Lang, Texts, spaced};
use crate::platform::client::SendError;
use crate::platform::description::ChampKind;
use crate::platform::why::{NoLink, Why};

impl Texts {
    /// Why a text is not the platform's address.
    #[must_use]
    pub fn not_an_address(&self, error: &crate::platform::NotAnAddress) -> String {
        if self.lang() == Lang::Fr {
            return spaced(error.to_string());
        }
        self.tf("error.platform.base", &[("text", &error.0)])
    }

    /// Why a request to the forms platform failed.
    #[must_use]
    pub fn send_error(&self, error: &SendError) -> String {
        if self.lang() == Lang::Fr {
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
        if self.lang() == Lang::Fr {
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
        if self.lang() == Lang::Fr {
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
