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
    /// After the award: the commitment followed (only once it is signed).
    Follow,
}

impl Step {
    /// The steps of the application, in order; [`Step::Follow`] comes after them once the
    /// commitment is signed.
    pub const APPLICATION: usize = 9;

    /// Every step, in order.
    pub const ALL: [Step; 10] = [
        Step::Applicant,
        Step::Operations,
        Step::Applications,
        Step::Target,
        Step::Budget,
        Step::Schedule,
        Step::Indicators,
        Step::Attachments,
        Step::Review,
        Step::Follow,
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
            Step::Follow => "follow",
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
            Step::Follow => "Suivi",
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

    /// The step whose form holds a field, from the field's path (`budget.lines[2].amount_ttc`,
    /// `operations[0].applications[1].target.offer`); `None` for a path no step shows.
    ///
    /// The one place this is decided: findings land under the step of their field, the panel
    /// and the comparison lead there.
    #[must_use]
    pub fn of_field(field: &str) -> Option<Step> {
        let mut parts = field.split(['.', '[', ']']).filter(|p| !p.is_empty());
        let first = parts.next()?;
        Some(match first {
            "applicant" | "window" => Step::Applicant,
            // The title and summary are asked with the operations; the dates on the schedule.
            "project" => match parts.next() {
                Some("title" | "summary") => Step::Operations,
                _ => Step::Schedule,
            },
            "operations" if field.contains("applications") && field.contains(".target") => {
                Step::Target
            }
            "operations" if field.contains("applications") => Step::Applications,
            "operations" => Step::Operations,
            "budget" => Step::Budget,
            "indicators" => Step::Indicators,
            "attachments" => Step::Attachments,
            "commitment" | "tracking" => Step::Follow,
            _ => return None,
        })
    }

    /// The step that holds a field ([`Step::of_field`]); the review for a path no step shows.
    #[must_use]
    pub fn holding(field: &str) -> Step {
        Step::of_field(field).unwrap_or(Step::Review)
    }

    /// Whether the step asks anything of this dossier: the applications' origin and target only
    /// when the dossier migrates applications.
    #[must_use]
    pub fn applies(self, dossier: &super::Dossier) -> bool {
        match self {
            Step::Applications | Step::Target => dossier
                .operations
                .iter()
                .any(|o| o.kind() == super::dossier::OperationType::Migration),
            Step::Follow => dossier.commitment.is_some(),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_belongs_to_the_step_that_shows_it() {
        let cases = [
            ("applicant.contact.email", Some(Step::Applicant)),
            ("project.title", Some(Step::Operations)),
            ("project.summary", Some(Step::Operations)),
            ("project.first_impact", Some(Step::Schedule)),
            ("operations[0].type", Some(Step::Operations)),
            (
                "operations[0].applications[1].origin",
                Some(Step::Applications),
            ),
            ("operations[0].applications[1].target", Some(Step::Target)),
            (
                "operations[0].applications[1].target.offer",
                Some(Step::Target),
            ),
            ("operations[1].extension.offer", Some(Step::Operations)),
            ("budget.lines[3].amount_ttc", Some(Step::Budget)),
            (
                "indicators.impact[0].targets[1].value",
                Some(Step::Indicators),
            ),
            ("attachments[2].file_name", Some(Step::Attachments)),
            ("somewhere.else", None),
            ("", None),
            ("commitment.years[0].cost_base", Some(Step::Follow)),
            ("tracking.spending[3].amount_ttc", Some(Step::Follow)),
        ];
        for (field, step) in cases {
            assert_eq!(Step::of_field(field), step, "{field}");
        }
    }

    #[test]
    fn steps_chain_in_order() {
        assert_eq!(Step::Applicant.prev(), None);
        assert_eq!(Step::Applicant.next(), Some(Step::Operations));
        assert_eq!(Step::Review.next(), Some(Step::Follow), "once signed");
        assert_eq!(Step::Follow.next(), None);
        assert_eq!(Step::APPLICATION, Step::Review.index() + 1);
        assert_eq!(Step::Review.prev(), Some(Step::Attachments));
        for (i, step) in Step::ALL.iter().enumerate() {
            assert_eq!(step.index(), i);
        }
    }
}
