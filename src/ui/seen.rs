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

/// The steps the user has finished with, and a budget line just added, not yet left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    finished: [bool; Step::ALL.len()],
    /// A budget line just added: what it lacks is « à compléter » until the user leaves it.
    fresh: Option<Fresh>,
}

/// A budget line just added, and whether the focus has been in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fresh {
    line: usize,
    entered: bool,
}

impl Seen {
    /// No step finished: a new dossier.
    #[must_use]
    pub fn none() -> Self {
        Seen {
            finished: [false; Step::ALL.len()],
            fresh: None,
        }
    }

    /// Every step finished: a dossier opened from a file.
    #[must_use]
    pub fn all() -> Self {
        Seen {
            finished: [true; Step::ALL.len()],
            fresh: None,
        }
    }

    /// A budget line was just added: checked once the user has been in it and left it.
    pub fn line_added(&mut self, line: usize) {
        self.fresh = Some(Fresh {
            line,
            entered: false,
        });
    }

    /// Where the focus is this frame (`line`: the budget line it is in, if any); a new line the
    /// focus has left is checked from now on. Any other change of the lines (one removed, an
    /// import) or of the step ends it too (`lines_changed`).
    pub fn focus_in_line(&mut self, line: Option<usize>, lines_changed: bool) {
        let Some(fresh) = &mut self.fresh else {
            return;
        };
        if lines_changed {
            self.fresh = None;
        } else if line == Some(fresh.line) {
            fresh.entered = true;
        } else if fresh.entered {
            self.fresh = None;
        }
    }

    /// Whether `finding` is about the budget line just added.
    fn on_fresh_line(&self, finding: &Finding) -> bool {
        self.fresh.is_some_and(|fresh| {
            finding.field.as_deref().is_some_and(|field| {
                field
                    .strip_prefix("budget.lines[")
                    .and_then(|rest| rest.split_once(']'))
                    .and_then(|(n, _)| n.parse::<usize>().ok())
                    == Some(fresh.line)
            })
        })
    }

    /// The user goes from one step to another: the first is finished; reaching the review
    /// finishes every step.
    pub fn leave(&mut self, from: Step, to: Step) {
        if to == Step::Review {
            *self = Seen::all();
        } else if from != to {
            self.finished[from.index()] = true;
            self.fresh = None;
        }
    }

    /// Whether a step is finished.
    #[must_use]
    pub fn is_finished(&self, step: Step) -> bool {
        self.finished[step.index()]
    }

    /// How a finding shows.
    #[must_use]
    pub fn shown(&self, finding: &Finding) -> Shown {
        if finding.is_acknowledged() {
            Shown::Acknowledged
        } else if (finding.to_fill && !self.is_finished(finding.step))
            || self.on_fresh_line(finding)
        {
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
