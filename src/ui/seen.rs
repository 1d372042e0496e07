//! What the user has had the chance to fill. On a new dossier, a step the user has not finished
//! yet shows what it still needs as « à compléter » (neutral), not as blocking findings: errors
//! come after the user has had the chance to act, as the State's design system (DSFR) has it.
//! A step is finished once the user leaves it; reaching the review finishes them all, and a
//! dossier opened from a file counts as finished throughout (its author has had the chance).

use crate::domain::{Finding, Severity, Step};

/// How a finding shows in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Something not given yet on a step not finished: « à compléter ».
    ToFill,
    /// A finding to deal with, of its severity.
    Open(Severity),
    /// A warning the applicant acknowledged, and that still says the same.
    Acknowledged,
}

/// The steps the user has finished with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen([bool; Step::ALL.len()]);

impl Seen {
    /// No step finished: a new dossier.
    #[must_use]
    pub fn none() -> Self {
        Seen([false; Step::ALL.len()])
    }

    /// Every step finished: a dossier opened from a file.
    #[must_use]
    pub fn all() -> Self {
        Seen([true; Step::ALL.len()])
    }

    /// The user goes from one step to another: the first is finished; reaching the review
    /// finishes every step.
    pub fn leave(&mut self, from: Step, to: Step) {
        if to == Step::Review {
            *self = Seen::all();
        } else if from != to {
            self.0[from.index()] = true;
        }
    }

    /// Whether a step is finished.
    #[must_use]
    pub fn is_finished(&self, step: Step) -> bool {
        self.0[step.index()]
    }

    /// How a finding shows.
    #[must_use]
    pub fn shown(&self, finding: &Finding) -> Shown {
        if finding.is_acknowledged() {
            Shown::Acknowledged
        } else if finding.to_fill && !self.is_finished(finding.step) {
            Shown::ToFill
        } else {
            Shown::Open(finding.severity)
        }
    }

    /// How many findings show as `shown`.
    #[must_use]
    pub fn count<'a>(
        &self,
        findings: impl IntoIterator<Item = &'a Finding>,
        shown: Shown,
    ) -> usize {
        findings
            .into_iter()
            .filter(|f| self.shown(f) == shown)
            .count()
    }
}
