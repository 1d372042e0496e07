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
pub mod why;

pub use description::{Description, DescriptionError};
pub use fields::{Facts, FormTable};
pub use prefill::Prefill;

/// The platform's address, unless the user names another (the old and the new name both answer).
pub const DEFAULT_BASE: &str = "https://www.demarches-simplifiees.fr";

/// The platform's addresses, the old name and the new.
pub const KNOWN_BASES: [&str; 2] = [DEFAULT_BASE, "https://demarche.numerique.gouv.fr"];

/// An address typed for the platform, checked: `http://` or `https://`, no trailing slash.
///
/// # Errors
/// Why it is not one (French).
pub fn parse_base(text: &str) -> Result<String, String> {
    let text = text.trim();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(host) if !host.trim_matches('/').is_empty() && !host.contains(char::is_whitespace) => {
            Ok(text.trim_end_matches('/').to_owned())
        }
        _ => Err(format!(
            "adresse « {text} » : une adresse http:// ou https:// est attendue"
        )),
    }
}
