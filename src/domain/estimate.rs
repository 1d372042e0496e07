//! The cofunding estimate: declared total, excluded costs, cost base, cofunding and what is left
//! to the applicant, in total and per year. Exact decimals throughout; only the cofunding is
//! rounded, half away from zero, to the cent.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::dossier::{Category, Dossier};
use super::money::{Rate, round_cents};
use super::plan::{Payback, Plan, PlanYear, plan};
use super::rules::RuleSet;

/// The estimate of a dossier under a window's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Estimate {
    /// Sum of every budget line.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub declared_total: Decimal,
    /// Sum of the lines whose category the window excludes (FTAP-EXCLUDED).
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub excluded_total: Decimal,
    /// Declared total minus excluded: the base the rate applies to.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub cost_base: Decimal,
    /// The rate asked for (the window's cap unless the applicant asked for less).
    pub requested_rate: Rate,
    /// The rate actually applied: the requested one, capped by the window.
    pub applied_rate: Rate,
    /// Cost base × applied rate, rounded half up to the cent.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub cofunding: Decimal,
    /// Declared total minus cofunding.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub applicant_share: Decimal,
    /// The same figures for each year named by a budget line, in year order.
    pub by_year: Vec<YearEstimate>,
    /// Sums per category, in category order.
    pub by_category: Vec<CategoryTotal>,
    /// The plan: every year from the start year to the horizon, with its savings
    /// ([`super::plan`]); empty without a start and an end in order.
    pub years: Vec<PlanYear>,
    /// When the savings pay back the applicant's share.
    pub payback: Payback,
}

/// The estimate's figures for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct YearEstimate {
    /// The year.
    pub year: i32,
    /// Sum of the year's lines.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub declared_total: Decimal,
    /// Sum of the year's excluded lines.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub excluded_total: Decimal,
    /// The year's cost base.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub cost_base: Decimal,
    /// The year's share of the cofunding; the years add up to the total to the cent.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub cofunding: Decimal,
}

/// The sum of one category's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CategoryTotal {
    /// The category.
    pub category: Category,
    /// Whether it is excluded from the cost base, and by which rule.
    pub excluded_by: Option<String>,
    /// The sum.
    #[serde(with = "plain")]
    #[schemars(with = "super::money::Amount")]
    pub total: Decimal,
}

/// Computes the estimate of a dossier under a window's rules.
#[must_use]
pub fn estimate(dossier: &Dossier, rules: &RuleSet) -> Estimate {
    let requested_rate = dossier.budget.requested_rate.unwrap_or(rules.rate_cap);
    let applied_rate = requested_rate.min(rules.rate_cap);

    let mut years: BTreeMap<i32, (Decimal, Decimal)> = BTreeMap::new();
    let mut categories: BTreeMap<Category, Decimal> = BTreeMap::new();
    for line in &dossier.budget.lines {
        let amount = line.amount_ttc.value();
        let year = years.entry(line.year).or_default();
        year.0 += amount;
        if rules.exclusion(line.category).is_some() {
            year.1 += amount;
        }
        *categories.entry(line.category).or_default() += amount;
    }

    // Each year's cofunding is the rounded cumulative figure minus the previous one, so the years
    // add up exactly to the rounded total and none is off by more than a cent.
    let mut by_year = Vec::with_capacity(years.len());
    let mut cumulative_base = Decimal::ZERO;
    let mut cumulative_cofunding = Decimal::ZERO;
    let (mut declared_total, mut excluded_total) = (Decimal::ZERO, Decimal::ZERO);
    for (year, (declared, excluded)) in years {
        let cost_base = declared - excluded;
        cumulative_base += cost_base;
        let rounded = round_cents(cumulative_base * applied_rate.value());
        by_year.push(YearEstimate {
            year,
            declared_total: declared,
            excluded_total: excluded,
            cost_base,
            cofunding: rounded - cumulative_cofunding,
        });
        cumulative_cofunding = rounded;
        declared_total += declared;
        excluded_total += excluded;
    }
    let cost_base = declared_total - excluded_total;
    let cofunding = round_cents(cost_base * applied_rate.value());
    let applicant_share = declared_total - cofunding;
    let Plan { years, payback } =
        plan(dossier, rules.plan_horizon_years, &by_year, applicant_share);

    Estimate {
        declared_total,
        excluded_total,
        cost_base,
        requested_rate,
        applied_rate,
        cofunding,
        applicant_share,
        by_year,
        by_category: categories
            .into_iter()
            .map(|(category, total)| CategoryTotal {
                category,
                excluded_by: rules.exclusion(category).map(|e| e.rule.clone()),
                total,
            })
            .collect(),
        years,
        payback,
    }
}

/// Writes an amount as the plain string of PACK-FORMAT.md: `"125000.00"`.
pub(super) mod plain {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{:.2}", super::round_cents(*value)))
    }
}
