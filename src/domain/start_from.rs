//! « Nouveau à partir d'un dossier » (issue 15): a new dossier started from an earlier one,
//! keeping the parts the user chooses. The project's title and summary come along (the user
//! edits them); the schedule and the hand-over to the forms platform never do: they belong to
//! the earlier round.

use super::Dossier;

/// A part of a dossier that can be carried over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The applicant and the contact.
    Applicant,
    /// The operations and their applications.
    Operations,
    /// The budget lines and the requested rate.
    Budget,
    /// The indicators.
    Indicators,
    /// The attachments.
    Attachments,
}

impl Part {
    /// Every part, in the wizard's order.
    pub const ALL: [Part; 5] = [
        Part::Applicant,
        Part::Operations,
        Part::Budget,
        Part::Indicators,
        Part::Attachments,
    ];
}

/// A new dossier from `earlier`, with the parts in `keep`.
#[must_use]
pub fn start_from(earlier: &Dossier, keep: &[Part]) -> Dossier {
    let mut d = Dossier::new(&earlier.window);
    d.project.title.clone_from(&earlier.project.title);
    d.project.summary.clone_from(&earlier.project.summary);
    for part in keep {
        match part {
            Part::Applicant => d.applicant = earlier.applicant.clone(),
            Part::Operations => d.operations.clone_from(&earlier.operations),
            Part::Budget => d.budget = earlier.budget.clone(),
            Part::Indicators => d.indicators = earlier.indicators.clone(),
            Part::Attachments => d.attachments.clone_from(&earlier.attachments),
        }
    }
    d
}
