//! The `TRACK-*` checks: read on a progress report at a date (`domain::report`), never on the
//! dossier alone (they need the date).

use rust_decimal::Decimal;

use super::{Figure, Hit, hit};
use crate::domain::money::{Rate, format_eur, percent_number_fr};
use crate::domain::report::{
    MilestoneStatus, Progress, TargetStatus, YearStatus, mandatory, percent_of, value_fr,
};

/// « 12,5 % » from the report's `"12.5"`, without its sign.
fn percent_fr(pct: Option<&str>) -> String {
    let number = pct
        .and_then(|p| p.trim_start_matches('-').parse::<Decimal>().ok())
        .unwrap_or_default();
    format!("{}\u{a0}%", percent_number_fr(number))
}

/// Each flagged year (closed and off by more than the share either way, or current and already
/// over by more than it).
pub(super) fn variance(p: &Progress<'_>, max_share: Rate) -> Vec<Hit> {
    p.years
        .iter()
        .filter(|y| y.flagged)
        .map(|y| {
            if y.committed_cost_base.is_zero() {
                // Nothing committed for the year: no share to cite.
                return hit("unplanned", "tracking.spending")
                    .with("year", y.year.to_string())
                    .with("spent", format_eur(y.spent_cost_base));
            }
            let outcome = match (y.status, y.variance.is_sign_negative()) {
                (YearStatus::Current, _) => "current_over",
                (_, true) => "closed_under",
                _ => "closed_over",
            };
            hit(outcome, "tracking.spending")
                .with("year", y.year.to_string())
                .with("spent", format_eur(y.spent_cost_base))
                .with("committed", format_eur(y.committed_cost_base))
                .with("pct", percent_fr(y.variance_pct.as_deref()))
                .with("max", max_share.percent_fr())
        })
        .collect()
}

/// Realized savings over the closed years short of the committed ones by more than the share.
pub(super) fn savings(p: &Progress<'_>, max_shortfall: Rate) -> Vec<Hit> {
    let s = p.savings;
    let short = s.committed_to_date - s.realized_to_date;
    if s.committed_to_date.is_zero() || short <= s.committed_to_date * max_shortfall.value() {
        return Vec::new();
    }
    vec![
        hit("short", "tracking.savings")
            .with("realized", format_eur(s.realized_to_date))
            .with("committed", format_eur(s.committed_to_date))
            .with(
                "pct",
                percent_fr(percent_of(short, s.committed_to_date).as_deref()),
            )
            .with("max", max_shortfall.percent_fr()),
    ]
}

/// Each committed target missed by the latest measure.
pub(super) fn indicators(p: &Progress<'_>) -> Vec<Hit> {
    p.indicators
        .iter()
        .filter(|t| t.status == TargetStatus::Missed)
        .map(|t| {
            let indicator = mandatory(&t.indicator)
                .map_or_else(|| Figure::Text(t.indicator.clone()), Figure::choice);
            let (measured, on) = t
                .latest
                .as_ref()
                .map(|l| (value_fr(&t.indicator, &l.value), l.date.to_fr()))
                .unwrap_or_default();
            hit("missed", "tracking.measures")
                .with("indicator", indicator)
                .with("date", t.date.to_fr())
                .with("target", value_fr(&t.indicator, &t.target))
                .with("measured", measured)
                .with("on", on)
        })
        .collect()
}

/// Each milestone whose date passed, not done.
pub(super) fn milestones(p: &Progress<'_>) -> Vec<Hit> {
    p.milestones
        .iter()
        .filter(|m| m.status == MilestoneStatus::Late)
        .map(|m| {
            hit("late", "tracking.milestones")
                .with("name", m.name.trim())
                .with("date", m.date.to_fr())
        })
        .collect()
}

/// Less received than the calendar planned by the report date.
pub(super) fn payments(p: &Progress<'_>) -> Vec<Hit> {
    let pay = p.payments;
    if pay.received_to_date >= pay.planned_to_date {
        return Vec::new();
    }
    vec![
        hit("short", "tracking.payments")
            .with("received", format_eur(pay.received_to_date))
            .with("planned", format_eur(pay.planned_to_date)),
    ]
}

/// Each spending, up to the report date, in a category the window excludes from the cost base.
pub(super) fn excluded(p: &Progress<'_>) -> Vec<Hit> {
    p.dossier
        .tracking
        .spending
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date <= p.at && p.rules.exclusion(s.category).is_some())
        .map(|(i, s)| {
            hit("excluded", format!("tracking.spending[{i}]"))
                .with("line", Figure::named(&s.label, i + 1))
                .with("amount", format_eur(s.amount_ttc.value()))
                .with("category", Figure::choice(s.category))
        })
        .collect()
}

/// Each spending, up to the report date, dated outside the commitment's years.
pub(super) fn outside(p: &Progress<'_>) -> Vec<Hit> {
    let years: Vec<i32> = p.commitment.years.iter().map(|y| y.year).collect();
    let (Some(first), Some(last)) = (years.iter().min(), years.iter().max()) else {
        // A commitment without years compares no spending: each is said.
        return p
            .dossier
            .tracking
            .spending
            .iter()
            .enumerate()
            .filter(|(_, s)| s.date <= p.at)
            .map(|(i, s)| {
                hit("no_years", format!("tracking.spending[{i}].date"))
                    .with("line", Figure::named(&s.label, i + 1))
            })
            .collect();
    };
    p.dossier
        .tracking
        .spending
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date <= p.at && !years.contains(&s.date.year()))
        .map(|(i, s)| {
            hit("outside", format!("tracking.spending[{i}].date"))
                .with("line", Figure::named(&s.label, i + 1))
                .with("date", s.date.to_fr())
                .with("first", first.to_string())
                .with("last", last.to_string())
        })
        .collect()
}
