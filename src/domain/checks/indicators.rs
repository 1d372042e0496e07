//! Checks of the indicators: the mandatory ones and the impact ones, each with its baseline
//! and dated targets.

use super::{Figure, Hit, hit};

use crate::domain::dates::Date;
use crate::domain::dossier::{Dossier, ImpactIndicator, MandatoryIndicator, Measure};

/// Baseline, at least one target, every target after the baseline.
pub(super) fn tracked(
    hits: &mut Vec<Hit>,
    path: &str,
    baseline: Option<Date>,
    targets: impl Iterator<Item = Date>,
    label: (&'static str, Figure),
) {
    let mut any = false;
    for (i, date) in targets.enumerate() {
        any = true;
        if baseline.is_some_and(|b| date <= b) {
            hits.push(
                hit(
                    "target_not_after_baseline",
                    format!("{path}.targets[{i}].date"),
                )
                .with(label.0, label.1.clone())
                .with("date", date.to_fr()),
            );
        }
    }
    if baseline.is_none() {
        hits.push(
            hit("missing_baseline", format!("{path}.baseline")).with(label.0, label.1.clone()),
        );
    }
    if !any {
        hits.push(hit("no_target", format!("{path}.targets")).with(label.0, label.1));
    }
}

pub(super) fn mandatory_indicators(d: &Dossier) -> Vec<Hit> {
    let ind = &d.indicators;
    let mut hits = Vec::new();
    tracked(
        &mut hits,
        "indicators.savings",
        ind.savings.baseline.as_ref().map(|m| m.date),
        ind.savings.targets.iter().map(|m| m.date),
        ("indicator", Figure::choice(MandatoryIndicator::Savings)),
    );
    tracked(
        &mut hits,
        "indicators.agents_trained",
        ind.agents_trained.baseline.as_ref().map(|m| m.date),
        ind.agents_trained.targets.iter().map(|m| m.date),
        (
            "indicator",
            Figure::choice(MandatoryIndicator::AgentsTrained),
        ),
    );
    hits
}

/// A measure given with its date but no value (an empty or blank text) is not a measure yet:
/// one `missing_value` for each, at its value's field.
fn blank_values(hits: &mut Vec<Hit>, path: &str, ind: &ImpactIndicator, label: &Figure) {
    let blank = |m: &Measure<String>| m.value.trim().is_empty();
    if let Some(baseline) = ind.baseline.as_ref().filter(|m| blank(m)) {
        hits.push(
            hit("missing_value", format!("{path}.baseline.value"))
                .with("name", label.clone())
                .with("date", baseline.date.to_fr()),
        );
    }
    for (i, target) in ind.targets.iter().enumerate().filter(|(_, m)| blank(m)) {
        hits.push(
            hit("missing_value", format!("{path}.targets[{i}].value"))
                .with("name", label.clone())
                .with("date", target.date.to_fr()),
        );
    }
}

pub(super) fn impact_indicators(d: &Dossier, min: usize) -> Vec<Hit> {
    let impact = &d.indicators.impact;
    let mut hits = Vec::new();
    if impact.len() < min {
        hits.push(
            hit("too_few", "indicators.impact")
                .with("count", impact.len().to_string())
                .with("min", min.to_string()),
        );
    }
    for (i, ind) in impact.iter().enumerate() {
        let path = format!("indicators.impact[{i}]");
        let name = ind.name.trim();
        if name.is_empty() {
            hits.push(hit("missing_name", format!("{path}.name")).with("n", (i + 1).to_string()));
        }
        let label = Figure::named(name, i + 1);
        blank_values(&mut hits, &path, ind, &label);
        tracked(
            &mut hits,
            &path,
            ind.baseline.as_ref().map(|m| m.date),
            ind.targets.iter().map(|m| m.date),
            ("name", label),
        );
    }
    hits
}
