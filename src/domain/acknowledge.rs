//! Acknowledging a warning (issue 15): the applicant says why they go on despite it (« La DINUM
//! a été contactée le 12/11 »). A blocking finding can never be acknowledged. An
//! acknowledgement holds while the warning says the same thing: it is kept with the warning's
//! message, figures included, so that when the figures change the warning shows again.

use serde::Serialize;

use super::dates::Date;
use super::dossier::{Acknowledgement, Dossier};
use super::findings::Finding;
use super::rules::Severity;

/// The longest reason kept, in characters: a sentence, not a letter.
pub const REASON_MAX: usize = 300;

/// How a finding stands with the applicant's acknowledgement of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Acknowledged {
    /// Why the applicant goes on.
    pub reason: String,
    /// When they said so.
    pub date: Date,
    /// Whether it still holds: `false` when the warning's figures changed since (it shows again,
    /// with this reason recalled).
    #[serde(skip)]
    #[schemars(skip)]
    pub holds: bool,
}

/// Why a warning cannot be acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Only warnings can be: a blocking finding must be dealt with, an advisory needs nothing.
    NotAWarning,
    /// The reason is empty.
    NoReason,
    /// The reason is longer than [`REASON_MAX`] characters.
    TooLong,
}

/// The field a finding is acknowledged under: its own, or empty when it names none.
fn field_of(finding: &Finding) -> &str {
    finding.field.as_deref().unwrap_or("")
}

/// Acknowledges a warning with a reason, on a date; an earlier acknowledgement of the same rule
/// and field (one whose figures changed since) is replaced.
///
/// # Errors
/// [`Refused`] when the finding is not a warning or the reason is empty or too long.
pub fn acknowledge(
    dossier: &mut Dossier,
    finding: &Finding,
    reason: &str,
    date: Date,
) -> Result<(), Refused> {
    if finding.severity != Severity::Warning {
        return Err(Refused::NotAWarning);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Refused::NoReason);
    }
    if reason.chars().count() > REASON_MAX {
        return Err(Refused::TooLong);
    }
    withdraw(dossier, finding);
    dossier.acknowledgements.push(Acknowledgement {
        rule: finding.rule.clone(),
        field: field_of(finding).to_owned(),
        reason: reason.to_owned(),
        date,
        message: finding.message.clone(),
    });
    Ok(())
}

/// Withdraws the acknowledgement of a finding (its rule and field), if there is one.
pub fn withdraw(dossier: &mut Dossier, finding: &Finding) {
    dossier
        .acknowledgements
        .retain(|a| !(a.rule == finding.rule && a.field == field_of(finding)));
}

/// Marks each warning with its acknowledgement: holding when the message is the one
/// acknowledged, else recalled as no longer holding. Other findings are left unmarked.
pub fn mark(findings: &mut [Finding], acknowledgements: &[Acknowledgement]) {
    for finding in findings
        .iter_mut()
        .filter(|f| f.severity == Severity::Warning)
    {
        finding.acknowledged = acknowledgements
            .iter()
            .rev()
            .find(|a| a.rule == finding.rule && a.field == field_of(finding))
            .map(|a| Acknowledged {
                reason: a.reason.clone(),
                date: a.date,
                // An acknowledgement written without the message (by another tool, to the
                // format's four keys) holds for its rule and field.
                holds: a.message.is_empty() || a.message == finding.message,
            });
    }
}

impl Finding {
    /// Whether the applicant acknowledged this warning and it still says the same.
    #[must_use]
    pub fn is_acknowledged(&self) -> bool {
        self.acknowledged.as_ref().is_some_and(|a| a.holds)
    }
}
