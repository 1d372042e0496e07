//! The plan over the years: costs, cofunding and savings per year, and the year the savings pay
//! back what the applicant spends. What reviewers ask about, and what the reciprocal commitment of
//! the window's winners fixes (RULES.md, « What reviewers look at »).
//!
//! # The readings
//!
//! - **Years.** Every year from the project's start year to `horizon` years after its end year
//!   (the horizon is the window's rule data, `plan_horizon_years`). A budget line dated outside
//!   the project's years is flagged (rule `DOSSIER-BUDGET-YEARS`) and its year is still listed, so
//!   that the years always add up to the totals. Without a start and an end in order, there is no
//!   table (rule `PLAN-PAYBACK`, outcome `no_years`, says why).
//! - **A year's cofunding** is its cost base × the applied rate, half-up to the cent, carried so
//!   that the years add up to the rounded total: each year gets the rounded cumulative cofunding
//!   minus the previous year's (so no year is off its own product by more than a cent). The
//!   estimate's per-year split computes it; a year without lines adds nothing to the cumulative
//!   base, so its share is zero.
//! - **Savings.** The savings indicator's baseline and dated targets are *annual* savings reached
//!   on their date. The savings of year Y are the value of the latest of them dated on or before
//!   1 January of Y — a target of 31/12/2027 counts from 2028, one of 01/01/2028 counts in 2028 —
//!   carried forward to the horizon; zero before any.
//! - **Payback.** The first year whose savings, summed from the start year, reach the
//!   applicant's share (declared total − cofunding). None when the horizon ends first (rule
//!   `PLAN-PAYBACK`, outcome `beyond_horizon`).

use rust_decimal::Decimal;
use serde::Serialize;

use super::dates::Date;
use super::dossier::{Dossier, Measure};
use super::estimate::YearEstimate;
use super::money::Amount;

/// One year of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PlanYear {
    /// The year.
    pub year: i32,
    /// Sum of the year's lines.
    #[serde(with = "super::estimate::plain")]
    #[schemars(with = "super::money::Amount")]
    pub declared_total: Decimal,
    /// Sum of the year's excluded lines.
    #[serde(with = "super::estimate::plain")]
    #[schemars(with = "super::money::Amount")]
    pub excluded_total: Decimal,
    /// The year's cost base.
    #[serde(with = "super::estimate::plain")]
    #[schemars(with = "super::money::Amount")]
    pub cost_base: Decimal,
    /// The year's share of the cofunding; the years add up to the total to the cent.
    #[serde(with = "super::estimate::plain")]
    #[schemars(with = "super::money::Amount")]
    pub cofunding: Decimal,
    /// The annual savings reached in that year (see the module's reading).
    #[serde(with = "super::estimate::plain")]
    #[schemars(with = "super::money::Amount")]
    pub savings: Decimal,
}

impl PlanYear {
    /// What the applicant pays that year: its declared total minus its cofunding.
    #[must_use]
    pub fn applicant_share(&self) -> Decimal {
        self.declared_total - self.cofunding
    }
}

/// When the savings pay back the applicant's share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Payback {
    /// The first year whose cumulative savings reach the applicant's share; `null` when the
    /// horizon ends first (or there is no table of years).
    pub year: Option<i32>,
    /// The savings summed from the start year to the payback year, or to the horizon's last year.
    #[serde(with = "super::estimate::plain")]
    #[schemars(with = "super::money::Amount")]
    pub cumulative_savings: Decimal,
    /// Declared total minus cofunding.
    #[serde(with = "super::estimate::plain")]
    #[schemars(with = "super::money::Amount")]
    pub applicant_share: Decimal,
}

/// The plan: the years and the payback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Every year of the plan, in order; empty without a start and an end in order.
    pub years: Vec<PlanYear>,
    /// The payback.
    pub payback: Payback,
}

/// The project's years (start year to end year), when both dates are given and in order.
#[must_use]
pub fn project_years(dossier: &Dossier) -> Option<(i32, i32)> {
    match (dossier.project.start, dossier.project.end) {
        (Some(start), Some(end)) if start <= end => Some((start.year(), end.year())),
        _ => None,
    }
}

/// The annual savings reached in `year`: the latest measure dated on or before its 1 January.
#[must_use]
pub fn savings_in(year: i32, measures: &[&Measure<Amount>]) -> Decimal {
    let Ok(first_day) = Date::from_ymd(year, 1, 1) else {
        return Decimal::ZERO;
    };
    // Measures are few (a baseline and a handful of targets): a scan per year is cheapest. On
    // equal dates the later measure in the dossier wins (a target over the baseline).
    let mut best: Option<&Measure<Amount>> = None;
    for m in measures {
        if m.date <= first_day && best.is_none_or(|b| m.date >= b.date) {
            best = Some(m);
        }
    }
    best.map_or(Decimal::ZERO, |m| m.value.value())
}

/// Builds the plan from the estimate's years with lines (`by_year`, in year order, their
/// cofunding already split) and the applicant's share.
#[must_use]
pub fn plan(
    dossier: &Dossier,
    horizon: u16,
    by_year: &[YearEstimate],
    applicant_share: Decimal,
) -> Plan {
    let mut payback = Payback {
        year: None,
        cumulative_savings: Decimal::ZERO,
        applicant_share,
    };
    let Some((start, end)) = project_years(dossier) else {
        return Plan {
            years: Vec::new(),
            payback,
        };
    };
    let last_line = by_year.last().map_or(end, |y| y.year);
    let first = by_year.first().map_or(start, |y| y.year.min(start));
    let last = (end + i32::from(horizon)).max(last_line);

    let savings = &dossier.indicators.savings;
    let measures: Vec<&Measure<Amount>> = savings.baseline.iter().chain(&savings.targets).collect();

    let mut lines = by_year.iter().peekable();
    let mut years = Vec::with_capacity(usize::try_from(last - first + 1).unwrap_or(0));
    for year in first..=last {
        let (declared, excluded, cost_base, cofunding) = match lines.next_if(|y| y.year == year) {
            Some(y) => (y.declared_total, y.excluded_total, y.cost_base, y.cofunding),
            None => (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO),
        };
        let year_savings = savings_in(year, &measures);
        if year >= start && payback.year.is_none() {
            payback.cumulative_savings += year_savings;
            if payback.cumulative_savings >= applicant_share {
                payback.year = Some(year);
            }
        }
        years.push(PlanYear {
            year,
            declared_total: declared,
            excluded_total: excluded,
            cost_base,
            cofunding,
            savings: year_savings,
        });
    }
    Plan { years, payback }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(date: &str, euros: u32) -> Measure<Amount> {
        Measure {
            date: Date::parse_iso(date).expect("date"),
            value: Amount::euros(euros),
        }
    }

    #[test]
    fn savings_count_from_the_first_of_january_on_or_after_their_date() {
        let baseline = measure("2026-11-01", 0);
        let december = measure("2027-12-31", 10_000);
        let january = measure("2029-01-01", 30_000);
        let all = [&baseline, &december, &january];
        assert_eq!(savings_in(2026, &all), Decimal::ZERO, "before any measure");
        assert_eq!(
            savings_in(2027, &all),
            Decimal::ZERO,
            "the baseline's value"
        );
        assert_eq!(
            savings_in(2028, &all),
            Decimal::from(10_000),
            "31/12 counts next year"
        );
        assert_eq!(
            savings_in(2029, &all),
            Decimal::from(30_000),
            "01/01 counts that year"
        );
        assert_eq!(
            savings_in(2040, &all),
            Decimal::from(30_000),
            "carried forward"
        );
        assert_eq!(savings_in(2028, &[]), Decimal::ZERO, "none");
    }

    #[test]
    fn of_two_targets_in_one_year_the_later_counts_next_year() {
        let march = measure("2027-03-01", 5_000);
        let october = measure("2027-10-01", 8_000);
        assert_eq!(savings_in(2028, &[&october, &march]), Decimal::from(8_000));
        assert_eq!(savings_in(2027, &[&october, &march]), Decimal::ZERO);
    }
}
