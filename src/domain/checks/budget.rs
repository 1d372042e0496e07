//! Checks of the budget: the rate's cap, training's share, the lines and their years, the
//! plan's years and its payback.

use rust_decimal::Decimal;

use super::{Hit, hit};

use crate::domain::dossier::{Category, Dossier};
use crate::domain::estimate::Estimate;
use crate::domain::money::{Rate, format_eur};
use crate::domain::plan::project_years;
use crate::domain::rules::RuleSet;

pub(super) fn rate_cap(e: &Estimate, rules: &RuleSet) -> Vec<Hit> {
    if e.requested_rate > rules.rate_cap {
        vec![
            hit("above_cap", "budget.requested_rate")
                .with("rate", e.requested_rate.percent_fr())
                .with("cap", rules.rate_cap.percent_fr()),
        ]
    } else {
        Vec::new()
    }
}

pub(super) fn training_share(d: &Dossier, e: &Estimate, max_share: Rate) -> Vec<Hit> {
    if e.cost_base <= Decimal::ZERO {
        return Vec::new();
    }
    let training: Decimal = d
        .budget
        .lines
        .iter()
        .filter(|l| l.category == Category::Training)
        .map(|l| l.amount_ttc.value())
        .sum();
    let share = training / e.cost_base;
    if share <= max_share.value() {
        return Vec::new();
    }
    let percent = (share * Decimal::ONE_HUNDRED).round_dp(1).normalize();
    vec![
        hit("too_much", "budget.lines")
            .with("training", format_eur(training))
            .with(
                "share",
                format!("{}\u{A0}%", percent.to_string().replace('.', ",")),
            )
            .with("max", max_share.percent_fr()),
    ]
}

pub(super) fn budget_lines(d: &Dossier) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, line) in d.budget.lines.iter().enumerate() {
        let n = (i + 1).to_string();
        let path = format!("budget.lines[{i}]");
        if line.label.trim().is_empty() {
            hits.push(hit("missing_label", format!("{path}.label")).with("line", n.clone()));
        }
        if line.amount_ttc.value().is_zero() {
            hits.push(
                hit("zero_amount", format!("{path}.amount_ttc"))
                    .with("line", n)
                    .with("label", line.label.trim()),
            );
        }
    }
    hits
}

pub(super) fn budget_years(d: &Dossier) -> Vec<Hit> {
    let Some((first, last)) = project_years(d) else {
        return Vec::new();
    };
    d.budget
        .lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !(first..=last).contains(&line.year))
        .map(|(i, line)| {
            hit("year_outside", format!("budget.lines[{i}].year"))
                .with("line", (i + 1).to_string())
                .with("label", line.label.trim())
                .with("year", line.year.to_string())
                .with("first", first.to_string())
                .with("last", last.to_string())
        })
        .collect()
}

pub(super) fn plan_years(d: &Dossier) -> Vec<Hit> {
    if project_years(d).is_some() {
        return Vec::new();
    }
    let field = if d.project.start.is_none() {
        "project.start"
    } else {
        "project.end"
    };
    vec![hit("no_years", field)]
}

pub(super) fn payback(e: &Estimate, rules: &RuleSet) -> Vec<Hit> {
    let Some(last) = e.years.last() else {
        return Vec::new();
    };
    if e.payback.year.is_some() {
        return Vec::new();
    }
    vec![
        hit("beyond_horizon", "indicators.savings.targets")
            .with("cumulative", format_eur(e.payback.cumulative_savings))
            .with("last", last.year.to_string())
            .with("share", format_eur(e.payback.applicant_share))
            .with("horizon", rules.plan_horizon_years.to_string()),
    ]
}
