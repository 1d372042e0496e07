//! The wizard's steps. Findings name the step they belong to, so the UI can lead there.

use serde::{Deserialize, Serialize};

/// A step of the wizard, in order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Who applies.
    Applicant,
    /// Which operation types.
    Operations,
    /// Each application's origin hosting and data sensitivity.
    Applications,
    /// Each application's target offer.
    Target,
    /// Budget lines and rate.
    Budget,
    /// Start, first impact, end.
    Schedule,
    /// Mandatory and impact indicators.
    Indicators,
    /// Attachments checklist.
    Attachments,
    /// Review of the whole dossier.
    Review,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 9] = [
        Step::Applicant,
        Step::Operations,
        Step::Applications,
        Step::Target,
        Step::Budget,
        Step::Schedule,
        Step::Indicators,
        Step::Attachments,
        Step::Review,
    ];

    /// The step's id in files (`"budget"`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Step::Applicant => "applicant",
            Step::Operations => "operations",
            Step::Applications => "applications",
            Step::Target => "target",
            Step::Budget => "budget",
            Step::Schedule => "schedule",
            Step::Indicators => "indicators",
            Step::Attachments => "attachments",
            Step::Review => "review",
        }
    }

    /// The step's French title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Step::Applicant => "Demandeur",
            Step::Operations => "Type d'opération",
            Step::Applications => "Origine et données",
            Step::Target => "Hébergement cible",
            Step::Budget => "Budget",
            Step::Schedule => "Calendrier",
            Step::Indicators => "Indicateurs",
            Step::Attachments => "Pièces jointes",
            Step::Review => "Relecture",
        }
    }

    /// The step's position, from 0.
    #[must_use]
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The next step, if any.
    #[must_use]
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    /// The previous step, if any.
    #[must_use]
    pub fn prev(self) -> Option<Step> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Step::ALL.get(i).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_chain_in_order() {
        assert_eq!(Step::Applicant.prev(), None);
        assert_eq!(Step::Applicant.next(), Some(Step::Operations));
        assert_eq!(Step::Review.next(), None);
        assert_eq!(Step::Review.prev(), Some(Step::Attachments));
        for (i, step) in Step::ALL.iter().enumerate() {
            assert_eq!(step.index(), i);
        }
    }
}
