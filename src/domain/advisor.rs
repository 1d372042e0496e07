//! The hosting advisor: which kinds of target suit an application's data under the doctrine
//! "Cloud au centre" (DOC-*), and which of those the window funds. Read from the rule data, so
//! the advice and the findings cannot disagree.

use super::checks::Check;
use super::choice::Choice;
use super::dossier::{Sensitivity, TargetKind};
use super::rules::RuleSet;

/// The advisor's verdict on one kind of target for some data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The kind of target.
    pub target: TargetKind,
    /// Whether the doctrine allows this data there.
    pub suits: bool,
    /// Whether the window funds it.
    pub fundable: bool,
    /// The rules behind the verdict (`DOC-INTERNAL`, `FTAP-TARGET`).
    pub rules: Vec<String>,
}

/// The verdict on every kind of target for data of this sensitivity.
#[must_use]
pub fn advise(sensitivity: Sensitivity, rules: &RuleSet) -> Vec<Verdict> {
    TargetKind::ALL
        .iter()
        .map(|&target| {
            let mut verdict = Verdict {
                target,
                suits: true,
                fundable: true,
                rules: Vec::new(),
            };
            for rule in &rules.rules {
                for check in &rule.checks {
                    match check {
                        Check::DataSuitability {
                            sensitivity: s,
                            targets,
                        } if *s == sensitivity => {
                            verdict.suits &= targets.contains(&target);
                            verdict.rules.push(rule.id.clone());
                        }
                        Check::Target { eligible } => {
                            verdict.fundable &= eligible.contains(&target);
                            verdict.rules.push(rule.id.clone());
                        }
                        _ => {}
                    }
                }
            }
            verdict
        })
        .collect()
}
