//! Why a value of a file (an amount, a rate, a date) could not be read, kept typed.
//!
//! serde carries a custom error as text only: the French message the file reader shows. So that
//! the interface can say it in another language, the deserializer also records the typed error
//! here, on its thread, and the reader takes it back when the message it got is this error's.

use std::cell::RefCell;

use super::dates::DateError;
use super::money::{AmountError, RateError};

/// A value that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not an amount.
    #[error("montant invalide « {text} » : {error}")]
    Amount {
        /// The value as written.
        text: String,
        /// Why.
        error: AmountError,
    },
    /// Not a rate.
    #[error("taux invalide « {text} » : {error}")]
    Rate {
        /// The value as written.
        text: String,
        /// Why.
        error: RateError,
    },
    /// Not a date.
    #[error("date invalide « {text} » : {error}")]
    Date {
        /// The value as written.
        text: String,
        /// Why.
        error: DateError,
    },
    /// A migration operation with an extension's fields.
    #[error(
        "une opération de migration n'a ni « offer », ni « services », ni « commitments » (réservés aux extensions)"
    )]
    MigrationWithExtensionFields,
    /// An extension operation with applications.
    #[error("une opération d'extension n'a pas d'« applications » (réservé aux migrations)")]
    ExtensionWithApplications,
    /// An amount or a rate written as a number rather than as a string.
    #[error("{} doit être écrit entre guillemets (\"{value}\"), jamais comme un nombre", .kind.french())]
    Unquoted {
        /// What it is.
        kind: DecimalKind,
        /// The number as read.
        value: String,
    },
}

/// The kinds of decimal a file writes as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalKind {
    /// An amount in euros.
    Amount,
    /// A rate (a fraction).
    Rate,
}

impl DecimalKind {
    /// `un montant`.
    #[must_use]
    pub fn french(self) -> &'static str {
        match self {
            DecimalKind::Amount => "un montant",
            DecimalKind::Rate => "un taux",
        }
    }

    /// `an amount`, as serde's own (English) messages say what they expected.
    #[must_use]
    pub fn english(self) -> &'static str {
        match self {
            DecimalKind::Amount => "an amount",
            DecimalKind::Rate => "a rate",
        }
    }
}

thread_local! {
    static LAST: RefCell<Option<ValueError>> = const { RefCell::new(None) };
}

/// The serde error for a value, its typed form recorded for [`take_last`].
pub(crate) fn fail<E: serde::de::Error>(error: ValueError) -> E {
    E::custom(recorded(error))
}

/// The error, recorded for [`take_last`] (for `#[serde(try_from)]`, where serde makes the error).
pub(crate) fn recorded(error: ValueError) -> ValueError {
    LAST.with(|last| *last.borrow_mut() = Some(error.clone()));
    error
}

/// The last value error recorded on this thread, taken (the next call gives `None`).
#[must_use]
pub fn take_last() -> Option<ValueError> {
    LAST.with(|last| last.borrow_mut().take())
}
