//! Findings: what the rules say of a dossier, each naming its rule, its severity, its step and,
//! where it can, the field concerned. Missing information is a finding, not an error.

use serde::Serialize;

use super::acknowledge::{Acknowledged, mark};
use super::catalogue::Catalogue;
use super::checks::{Facts, Figure, Hit};
use super::dossier::Dossier;
use super::estimate::{Estimate, estimate};
use super::rules::{Rule, RuleSet, Severity, render};
use super::step::Step;

/// One thing the rules say of the dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// The rule's id (`FTAP-SIZE`).
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// The wizard step it belongs to.
    pub step: Step,
    /// The French message, with the figures involved.
    pub message: String,
    /// The dossier field concerned, as a path (`budget.lines[2].amount_ttc`), where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The outcome of the rule's check (`not_eligible`), to find the message in another language.
    #[serde(skip)]
    #[schemars(skip)]
    pub outcome: String,
    /// The figures the message cites, to say them in another language.
    #[serde(skip)]
    #[schemars(skip)]
    pub figures: Vec<(&'static str, Figure)>,
    /// Whether it only says that something is not given yet (the outcome's `to_fill`).
    #[serde(skip)]
    #[schemars(skip)]
    pub to_fill: bool,
    /// The applicant's acknowledgement of this warning, if any; written only while it holds.
    #[serde(skip_serializing_if = "not_holding")]
    pub acknowledged: Option<Acknowledged>,
}

/// Whether an acknowledgement is absent or no longer holds (and so is not written).
#[allow(clippy::ref_option)] // serde's `skip_serializing_if` hands the field by reference.
fn not_holding(acknowledged: &Option<Acknowledged>) -> bool {
    !acknowledged.as_ref().is_some_and(|a| a.holds)
}

/// The finding a check's outcome gives under its rule, on a step.
#[must_use]
pub fn finding_of(rule: &Rule, hit: Hit, step: Step) -> Finding {
    // `RuleSet::validate` guarantees every outcome has its message; a rule set built by hand
    // without validation loses the finding's text, never the finding.
    let (severity, message, to_fill) = rule.outcomes.get(hit.outcome).map_or_else(
        || {
            (
                Severity::Blocking,
                format!("{} ({})", rule.title, hit.outcome),
                false,
            )
        },
        |o| {
            let french: Vec<(&str, String)> =
                hit.params.iter().map(|(k, v)| (*k, v.french())).collect();
            (o.severity, render(&o.message, &french), o.to_fill)
        },
    );
    Finding {
        rule: rule.id.clone(),
        severity,
        step,
        message,
        field: hit.field,
        outcome: hit.outcome.to_owned(),
        figures: hit.params,
        to_fill,
        acknowledged: None,
    }
}

/// Every finding of a dossier under a window, sorted by severity, then step, then rule id.
#[must_use]
pub fn findings(
    dossier: &Dossier,
    estimate: &Estimate,
    rules: &RuleSet,
    catalogue: &Catalogue,
) -> Vec<Finding> {
    let facts = Facts {
        dossier,
        estimate,
        rules,
        catalogue,
    };
    let mut found = Vec::new();
    for rule in &rules.rules {
        for check in &rule.checks {
            for hit in check.run(&facts) {
                // Under the step that shows its field (a missing target belongs to « Hébergement
                // cible » even when its rule is read on another step); the rule's own otherwise.
                let step = hit
                    .field
                    .as_deref()
                    .and_then(Step::of_field)
                    .unwrap_or(rule.step);
                found.push(finding_of(rule, hit, step));
            }
        }
    }
    // One threshold at a time: what another finding already says is not said again.
    let said: std::collections::BTreeSet<String> = found
        .iter()
        .map(|f| format!("{}:{}", f.rule, f.outcome))
        .collect();
    found.retain(|f| {
        rules
            .rule(&f.rule)
            .and_then(|r| r.outcomes.get(&f.outcome))
            .is_none_or(|o| !o.implied_by.iter().any(|other| said.contains(other)))
    });
    // A stable sort keeps the order of the dossier (line 1 before line 2) within a rule.
    found.sort_by(|a, b| (a.severity, a.step, &a.rule).cmp(&(b.severity, b.step, &b.rule)));
    mark(&mut found, &dossier.acknowledgements);
    found
}

/// The estimate and the findings of a dossier, computed together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// The window's id.
    pub window: String,
    /// The estimate.
    pub estimate: Estimate,
    /// The findings, sorted.
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// Evaluates a dossier under a window.
    #[must_use]
    pub fn of(dossier: &Dossier, rules: &RuleSet, catalogue: &Catalogue) -> Self {
        let estimate = estimate(dossier, rules);
        let findings = findings(dossier, &estimate, rules, catalogue);
        Evaluation {
            window: rules.id.clone(),
            estimate,
            findings,
        }
    }

    /// Whether any finding blocks the dossier.
    #[must_use]
    pub fn is_blocked(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == Severity::Blocking)
    }

    /// How many findings of a severity there are.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The findings of one step.
    pub fn of_step(&self, step: Step) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.step == step)
    }
}
