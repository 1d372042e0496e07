//! Handing the dossier to the State's online forms platform (démarches-simplifiées), filled: the
//! form's published description ([`description`]), what of the dossier each champ takes
//! ([`fields`], with the table of labels as data under `assets/platform/`), and the prefill
//! itself — the body the platform's API would receive, checked value by value, the link when one
//! can carry it, and what is left with why ([`prefill`]). Only [`client`] touches the network,
//! and only when the user asks.

pub mod client;
pub mod description;
pub mod fields;
pub mod prefill;
pub mod proxy;
mod said;
pub mod why;

pub use description::{Description, DescriptionError};
pub use fields::{Facts, FormTable};
pub use prefill::Prefill;

/// The platform's address, unless the user names another (the old and the new name both answer).
pub const DEFAULT_BASE: &str = "https://www.demarches-simplifiees.fr";

/// The platform's addresses, the old name and the new.
pub const KNOWN_BASES: [&str; 2] = [DEFAULT_BASE, "https://demarche.numerique.gouv.fr"];

/// A text typed as the platform's address that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnAddress(pub String);

impl std::fmt::Display for NotAnAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "adresse « {} » : une adresse http:// ou https:// est attendue",
            self.0
        )
    }
}

impl std::error::Error for NotAnAddress {}

/// An address typed for the platform, checked: `http://` or `https://`, no trailing slash.
///
/// # Errors
/// [`NotAnAddress`] when it is not one.
pub fn parse_base(text: &str) -> Result<String, NotAnAddress> {
    let text = text.trim();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(host) if !host.trim_matches('/').is_empty() && !host.contains(char::is_whitespace) => {
            Ok(text.trim_end_matches('/').to_owned())
        }
        _ => Err(NotAnAddress(text.to_owned())),
    }
}
