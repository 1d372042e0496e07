//! The progress report at a date (issue 22): the commitment as signed against what happened —
//! spending by year, realized savings, indicator measures, milestones, payments — with what falls
//! due next and the findings of the `TRACK-*` rules. Its JSON is fixed by `../shared/PACK-FORMAT.md`
//! (« Follow-up additions »); the definitions below are the ones the help repeats.
//!
//! - **years**: for every year of the commitment, the committed cost base against the spending
//!   dated in that year and on or before the report date (`spent_declared`; `spent_cost_base`
//!   leaves out the window's excluded categories exactly as the estimate does); `variance` = spent
//!   cost base − committed cost base; `variance_pct` = variance ÷ committed, in per cent, half up
//!   to one decimal (none when nothing was committed); `status` closed (a year before the report
//!   date's), current or future; `flagged` when a closed year's |variance| is more than the
//!   `TRACK-VARIANCE` share of its committed cost base, or the current year already spent more than
//!   that share above it.
//! - **savings**: for each closed year, committed against realized; the sums over the closed
//!   years; `TRACK-SAVINGS` when realized falls short of committed by more than its share.
//! - **indicators**: one entry per committed target; met means at or above the target when the
//!   target is above the baseline (or there is no baseline), at or below it otherwise.
//! - **milestones**: done (on or before the report date), late (its date passed, not done),
//!   upcoming. **payments**: planned and received on or before the report date.
//! - **due**: targets, payments, milestones and the project's end from the report date to
//!   [`DUE_DAYS`] days after it.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::checks::Check;
use super::choice::Choice;
use super::dates::Date;
use super::dossier::{Dossier, Indicators, MandatoryIndicator, Measure};
use super::estimate::plain;
use super::findings::{Finding, finding_of};
use super::follow::Commitment;
use super::money::{Amount, Rate, format_eur};
use super::rules::RuleSet;
use super::step::Step;

/// How many days ahead « what falls due » looks.
pub const DUE_DAYS: u32 = 90;

/// The progress report of a signed dossier at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The report's date.
    pub at: Date,
    /// The commitment followed.
    pub commitment: Head,
    /// Each year of the commitment, committed against spent.
    pub years: Vec<YearReport>,
    /// Savings committed against realized.
    pub savings: SavingsReport,
    /// Each committed target and where it stands.
    pub indicators: Vec<TargetReport>,
    /// Each milestone and where it stands.
    pub milestones: Vec<MilestoneReport>,
    /// Payments planned against received.
    pub payments: PaymentsReport,
    /// What falls due in the next [`DUE_DAYS`] days, by date.
    pub due: Vec<Due>,
    /// The `TRACK-*` findings, most serious first.
    pub findings: Vec<Finding>,
}

/// The commitment's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    /// The day it was signed.
    pub signed: Date,
    /// Its reference.
    pub reference: String,
    /// The cofunding granted.
    pub granted: Amount,
}

/// Where a year stands against the report's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearStatus {
    /// Before the report date's year.
    Closed,
    /// The report date's year.
    Current,
    /// After it.
    Future,
}

/// A year of the commitment, committed against spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearReport {
    /// The year.
    pub year: i32,
    /// The cost base committed for it.
    #[serde(with = "plain")]
    pub committed_cost_base: Decimal,
    /// Everything spent in it, up to the report date.
    #[serde(with = "plain")]
    pub spent_declared: Decimal,
    /// What of it counts in the cost base.
    #[serde(with = "plain")]
    pub spent_cost_base: Decimal,
    /// Spent cost base − committed cost base (negative: under).
    #[serde(with = "plain")]
    pub variance: Decimal,
    /// The variance in per cent of the committed cost base, one decimal (`"12.5"`); none when
    /// nothing was committed.
    pub variance_pct: Option<String>,
    /// Closed, current or future.
    pub status: YearStatus,
    /// Whether `TRACK-VARIANCE` flags it.
    pub flagged: bool,
}

/// Savings committed against realized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavingsReport {
    /// Each closed year of the commitment.
    pub years: Vec<SavingsYear>,
    /// The committed savings of the closed years.
    #[serde(with = "plain")]
    pub committed_to_date: Decimal,
    /// The realized savings of the closed years.
    #[serde(with = "plain")]
    pub realized_to_date: Decimal,
}

/// A closed year's savings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavingsYear {
    /// The year.
    pub year: i32,
    /// As committed.
    #[serde(with = "plain")]
    pub committed: Decimal,
    /// As realized (the year's lines summed).
    #[serde(with = "plain")]
    pub realized: Decimal,
}

/// Where a committed target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// Its date is after the report date.
    Upcoming,
    /// Its date has passed and nothing was measured by the report date.
    NoMeasure,
    /// The latest measure meets it.
    Met,
    /// The latest measure does not meet it.
    Missed,
    /// The target or the measure is not a number.
    NotComparable,
}

/// A committed target and the latest measure against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetReport {
    /// `savings`, `agents_trained`, or the impact indicator's name.
    pub indicator: String,
    /// The target's date.
    pub date: Date,
    /// The target's value, as written.
    pub target: String,
    /// The latest measure dated on or before the report date.
    pub latest: Option<Latest>,
    /// Where it stands.
    pub status: TargetStatus,
}

/// A measure, as the report cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Latest {
    /// When.
    pub date: Date,
    /// What, as typed.
    pub value: String,
}

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    /// Done on or before the report date.
    Done,
    /// Its date passed, not done.
    Late,
    /// Its date is to come.
    Upcoming,
}

/// A milestone of the commitment and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneReport {
    /// Its name.
    pub name: String,
    /// Its date as committed.
    pub date: Date,
    /// When it was done, if it was by the report date.
    pub done: Option<Date>,
    /// Where it stands.
    pub status: MilestoneStatus,
}

/// Payments planned against received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentsReport {
    /// The payments the calendar planned on or before the report date.
    #[serde(with = "plain")]
    pub planned_to_date: Decimal,
    /// The payments received on or before the report date.
    #[serde(with = "plain")]
    pub received_to_date: Decimal,
}

/// Something that falls due soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// When.
    pub date: Date,
    /// What, in French.
    pub what: String,
    /// What, typed, for another language.
    #[serde(skip)]
    pub item: DueItem,
}

/// What falls due, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueItem {
    /// A committed target.
    Target {
        /// `savings`, `agents_trained` or the impact indicator's name.
        indicator: String,
        /// The target, as written.
        target: String,
    },
    /// A planned payment.
    Payment {
        /// How much.
        amount: Amount,
        /// On what condition.
        condition: String,
    },
    /// A milestone.
    Milestone {
        /// Its name.
        name: String,
    },
    /// The project's end.
    End,
}

impl DueItem {
    /// In French.
    #[must_use]
    pub fn french(&self) -> String {
        match self {
            DueItem::Target { indicator, target } => format!(
                "cible de l'indicateur « {} » : {}",
                indicator_label_fr(indicator),
                value_fr(indicator, target)
            ),
            DueItem::Payment { amount, condition } if condition.trim().is_empty() => {
                format!("versement prévu de {}", format_eur(amount.value()))
            }
            DueItem::Payment { amount, condition } => format!(
                "versement prévu de {} ({})",
                format_eur(amount.value()),
                condition.trim()
            ),
            DueItem::Milestone { name } => format!("jalon « {} »", name.trim()),
            DueItem::End => "fin du projet".to_owned(),
        }
    }
}

/// An indicator's value as people read it: euros for the savings (« 45 000,00 € »), the text as
/// typed otherwise.
#[must_use]
pub fn value_fr(indicator: &str, value: &str) -> String {
    match (indicator, number(value)) {
        ("savings", Some(amount)) => format_eur(amount),
        _ => value.trim().to_owned(),
    }
}

/// The mandatory indicator a measure or a target names by its id (`savings`,
/// `agents_trained`); none for an impact indicator, named by its name.
#[must_use]
pub fn mandatory(indicator: &str) -> Option<MandatoryIndicator> {
    MandatoryIndicator::ALL
        .iter()
        .copied()
        .find(|m| m.id() == indicator)
}

/// An indicator's name as the report says it in French: the mandatory ones by their label.
#[must_use]
pub fn indicator_label_fr(indicator: &str) -> &str {
    match mandatory(indicator) {
        Some(m) => m.label(),
        None => indicator,
    }
}

/// What the `TRACK-*` checks read: the report's figures, before its findings.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// The dossier.
    pub dossier: &'a Dossier,
    /// The commitment followed.
    pub commitment: &'a Commitment,
    /// The window's rules.
    pub rules: &'a RuleSet,
    /// The report's date.
    pub at: Date,
    /// The years.
    pub years: &'a [YearReport],
    /// The savings.
    pub savings: &'a SavingsReport,
    /// The targets.
    pub indicators: &'a [TargetReport],
    /// The milestones.
    pub milestones: &'a [MilestoneReport],
    /// The payments.
    pub payments: &'a PaymentsReport,
}

/// The shares a window's `TRACK-*` rules hold (none where the window has no such rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shares {
    /// `TRACK-VARIANCE`'s: how far a year's spending may stray from its committed cost base.
    pub variance: Option<Rate>,
    /// `TRACK-SAVINGS`'s: how far realized savings may fall short of the committed ones.
    pub savings_shortfall: Option<Rate>,
}

impl Shares {
    /// The shares of a window's rules.
    #[must_use]
    pub fn of(rules: &RuleSet) -> Self {
        let checks = || rules.rules.iter().flat_map(|r| &r.checks);
        Shares {
            variance: checks().find_map(|c| match c {
                Check::TrackVariance { max_share } => Some(*max_share),
                _ => None,
            }),
            savings_shortfall: checks().find_map(|c| match c {
                Check::TrackSavings { max_shortfall } => Some(*max_shortfall),
                _ => None,
            }),
        }
    }
}

/// The report of a dossier at a date; `None` when it holds no commitment.
#[must_use]
pub fn report(dossier: &Dossier, rules: &RuleSet, at: Date) -> Option<Report> {
    let commitment = dossier.commitment.as_ref()?;
    let variance_share = Shares::of(rules).variance;
    let years = years(dossier, commitment, rules, at, variance_share);
    let savings = savings(dossier, commitment, at);
    let indicators = targets(dossier, &commitment.indicators, at);
    let milestones = milestones(dossier, commitment, at);
    let payments = PaymentsReport {
        planned_to_date: commitment
            .payments
            .iter()
            .filter(|p| p.date <= at)
            .map(|p| p.amount.value())
            .sum(),
        received_to_date: dossier
            .tracking
            .payments
            .iter()
            .filter(|p| p.date <= at)
            .map(|p| p.amount.value())
            .sum(),
    };
    let due = due(dossier, commitment, at);
    let progress = Progress {
        dossier,
        commitment,
        rules,
        at,
        years: &years,
        savings: &savings,
        indicators: &indicators,
        milestones: &milestones,
        payments: &payments,
    };
    let mut findings: Vec<Finding> = rules
        .rules
        .iter()
        .flat_map(|rule| {
            rule.checks
                .iter()
                .flat_map(move |check| check.run_at(&progress))
                .map(move |hit| finding_of(rule, hit, Step::Follow))
        })
        .collect();
    findings.sort_by_key(|f| f.severity);
    Some(Report {
        at,
        commitment: Head {
            signed: commitment.signed,
            reference: commitment.reference.clone(),
            granted: commitment.granted,
        },
        years,
        savings,
        indicators,
        milestones,
        payments,
        due,
        findings,
    })
}

fn years(
    dossier: &Dossier,
    commitment: &Commitment,
    rules: &RuleSet,
    at: Date,
    variance_share: Option<Rate>,
) -> Vec<YearReport> {
    let mut years: Vec<YearReport> = commitment
        .years
        .iter()
        .map(|committed| {
            let (mut declared, mut base) = (Decimal::ZERO, Decimal::ZERO);
            for s in &dossier.tracking.spending {
                if s.date.year() == committed.year && s.date <= at {
                    declared += s.amount_ttc.value();
                    if rules.exclusion(s.category).is_none() {
                        base += s.amount_ttc.value();
                    }
                }
            }
            let committed_base = committed.cost_base.value();
            let variance = base - committed_base;
            let status = match committed.year.cmp(&at.year()) {
                std::cmp::Ordering::Less => YearStatus::Closed,
                std::cmp::Ordering::Equal => YearStatus::Current,
                std::cmp::Ordering::Greater => YearStatus::Future,
            };
            let flagged = variance_share.is_some_and(|share| {
                let bound = committed_base * share.value();
                match status {
                    YearStatus::Closed => variance.abs() > bound,
                    YearStatus::Current => variance > bound,
                    YearStatus::Future => false,
                }
            });
            YearReport {
                year: committed.year,
                committed_cost_base: committed_base,
                spent_declared: declared,
                spent_cost_base: base,
                variance,
                variance_pct: percent_of(variance, committed_base),
                status,
                flagged,
            }
        })
        .collect();
    // A year written twice in the commitment counts once (the first), not twice.
    years.sort_by_key(|y| y.year);
    years.dedup_by_key(|y| y.year);
    years
}

/// `part` in per cent of `whole`, half up to one decimal, as the JSON writes it (`"-12.5"`);
/// none when `whole` is zero.
#[must_use]
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<String> {
    if whole.is_zero() {
        return None;
    }
    let pct = (part * Decimal::ONE_HUNDRED / whole)
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    Some(format!("{pct:.1}"))
}

fn savings(dossier: &Dossier, commitment: &Commitment, at: Date) -> SavingsReport {
    let mut years: Vec<SavingsYear> = commitment
        .years
        .iter()
        .filter(|y| y.year < at.year())
        .map(|y| SavingsYear {
            year: y.year,
            committed: y.savings.value(),
            realized: dossier
                .tracking
                .savings
                .iter()
                .filter(|s| s.year == y.year)
                .map(|s| s.amount.value())
                .sum(),
        })
        .collect();
    years.sort_by_key(|y| y.year);
    years.dedup_by_key(|y| y.year);
    SavingsReport {
        committed_to_date: years.iter().map(|y| y.committed).sum(),
        realized_to_date: years.iter().map(|y| y.realized).sum(),
        years,
    }
}

/// Every committed target, as the report follows it: the two mandatory indicators, then the
/// impact ones, each with its baseline's value (for the direction) and its targets.
#[must_use]
pub fn committed_targets(
    indicators: &Indicators,
) -> Vec<(String, Option<String>, Vec<Measure<String>>)> {
    let text = |m: &Measure<Amount>| Measure {
        date: m.date,
        value: m.value.to_plain(),
    };
    let count = |m: &Measure<u32>| Measure {
        date: m.date,
        value: m.value.to_string(),
    };
    let mut out = vec![
        (
            "savings".to_owned(),
            indicators
                .savings
                .baseline
                .as_ref()
                .map(|m| m.value.to_plain()),
            indicators.savings.targets.iter().map(text).collect(),
        ),
        (
            "agents_trained".to_owned(),
            indicators
                .agents_trained
                .baseline
                .as_ref()
                .map(|m| m.value.to_string()),
            indicators
                .agents_trained
                .targets
                .iter()
                .map(count)
                .collect(),
        ),
    ];
    for impact in &indicators.impact {
        out.push((
            impact.name.trim().to_owned(),
            impact.baseline.as_ref().map(|m| m.value.clone()),
            impact.targets.clone(),
        ));
    }
    out
}

fn targets(dossier: &Dossier, committed: &Indicators, at: Date) -> Vec<TargetReport> {
    let mut out = Vec::new();
    for (indicator, baseline, targets) in committed_targets(committed) {
        // The latest measure on or before the report date; of two on the same day, the one
        // recorded last.
        let latest = dossier
            .tracking
            .measures
            .iter()
            .filter(|m| m.indicator.trim() == indicator && m.date <= at)
            .fold(
                None::<&super::follow::IndicatorMeasure>,
                |best, m| match best {
                    Some(b) if b.date > m.date => Some(b),
                    _ => Some(m),
                },
            )
            .map(|m| Latest {
                date: m.date,
                value: m.value.clone(),
            });
        for target in targets {
            let status = if target.date > at {
                TargetStatus::Upcoming
            } else {
                match &latest {
                    None => TargetStatus::NoMeasure,
                    Some(latest) => compare(baseline.as_deref(), &target.value, &latest.value),
                }
            };
            out.push(TargetReport {
                indicator: indicator.clone(),
                date: target.date,
                target: target.value,
                latest: latest.clone(),
                status,
            });
        }
    }
    out
}

/// Whether a measure meets a target: at or above it when the target is above the baseline, at
/// or below it otherwise (a recovery time goes down) — as `PACK-FORMAT`'s definition reads,
/// which a signed dossier's baselines (required by the window's rules) make unambiguous.
fn compare(baseline: Option<&str>, target: &str, measure: &str) -> TargetStatus {
    let (Some(target), Some(measure)) = (number(target), number(measure)) else {
        return TargetStatus::NotComparable;
    };
    // As the definition reads: upward when the target is above the baseline, downward
    // otherwise (a target equal to its baseline included).
    let upward = baseline.and_then(number).is_some_and(|b| target > b);
    let met = if upward {
        measure >= target
    } else {
        measure <= target
    };
    if met {
        TargetStatus::Met
    } else {
        TargetStatus::Missed
    }
}

/// A number as people type it: `1 234,5`, `1234.5`, `99,9 %`, `4 h`; none when there is no
/// number, or more than one, in it.
#[must_use]
pub fn number(text: &str) -> Option<Decimal> {
    let digits: String = text
        .trim()
        .trim_end_matches(|c: char| c.is_alphabetic() || c == '%' || c == '€' || c.is_whitespace())
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if digits.is_empty() || digits.matches('.').count() > 1 {
        return None;
    }
    digits.parse().ok()
}

fn milestones(dossier: &Dossier, commitment: &Commitment, at: Date) -> Vec<MilestoneReport> {
    commitment
        .milestones
        .iter()
        .map(|m| {
            let done = dossier
                .tracking
                .milestones
                .iter()
                .filter(|d| d.name.trim() == m.name.trim() && d.done <= at)
                .map(|d| d.done)
                .min();
            let status = match done {
                Some(_) => MilestoneStatus::Done,
                None if m.date < at => MilestoneStatus::Late,
                None => MilestoneStatus::Upcoming,
            };
            MilestoneReport {
                name: m.name.clone(),
                date: m.date,
                done,
                status,
            }
        })
        .collect()
}

fn due(dossier: &Dossier, commitment: &Commitment, at: Date) -> Vec<Due> {
    let Some(until) = at.plus_days(DUE_DAYS) else {
        return Vec::new();
    };
    // From the report date itself: what is due today is the first thing to see.
    let soon = |date: Date| date >= at && date <= until;
    let mut items: Vec<(Date, DueItem)> = Vec::new();
    for (indicator, _, targets) in committed_targets(&commitment.indicators) {
        for t in targets.into_iter().filter(|t| soon(t.date)) {
            items.push((
                t.date,
                DueItem::Target {
                    indicator: indicator.clone(),
                    target: t.value,
                },
            ));
        }
    }
    for p in commitment.payments.iter().filter(|p| soon(p.date)) {
        items.push((
            p.date,
            DueItem::Payment {
                amount: p.amount,
                condition: p.condition.clone(),
            },
        ));
    }
    let done: Vec<&str> = dossier
        .tracking
        .milestones
        .iter()
        .filter(|d| d.done <= at)
        .map(|d| d.name.trim())
        .collect();
    for m in commitment
        .milestones
        .iter()
        .filter(|m| soon(m.date) && !done.contains(&m.name.trim()))
    {
        items.push((
            m.date,
            DueItem::Milestone {
                name: m.name.clone(),
            },
        ));
    }
    // The project's end, unless a milestone of the commitment already falls that day (the
    // prefilled « Fin du projet »).
    if let Some(end) = dossier
        .project
        .end
        .filter(|d| soon(*d) && !commitment.milestones.iter().any(|m| m.date == *d))
    {
        items.push((end, DueItem::End));
    }
    // By date; on one day, in the order above (targets, payments, milestones, the end).
    items.sort_by_key(|(date, _)| *date);
    items
        .into_iter()
        .map(|(date, item)| Due {
            date,
            what: item.french(),
            item,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_rounds_half_up_to_one_decimal_and_is_none_of_nothing() {
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        assert_eq!(percent_of(d("125"), d("1000")).as_deref(), Some("12.5"));
        assert_eq!(
            percent_of(d("-18000"), d("100000")).as_deref(),
            Some("-18.0")
        );
        assert_eq!(percent_of(d("1"), d("3")).as_deref(), Some("33.3"));
        assert_eq!(
            percent_of(d("1"), d("16")).as_deref(),
            Some("6.3"),
            "6.25 half up"
        );
        assert_eq!(
            percent_of(d("-1"), d("16")).as_deref(),
            Some("-6.3"),
            "away from zero"
        );
        assert_eq!(percent_of(d("5"), Decimal::ZERO), None);
    }

    #[test]
    fn numbers_read_as_people_type_them() {
        let d = |s: &str| Some(s.parse::<Decimal>().expect("decimal"));
        assert_eq!(number("1 234,5"), d("1234.5"));
        assert_eq!(number("99,9 %"), d("99.9"));
        assert_eq!(number("4 h"), d("4"));
        assert_eq!(number("12.5"), d("12.5"));
        assert_eq!(number("élevé"), None);
        assert_eq!(number("1,2,3"), None);
        assert_eq!(number(""), None);
    }

    #[test]
    fn a_target_below_its_baseline_is_met_at_or_below_it() {
        assert_eq!(compare(Some("8"), "4", "4"), TargetStatus::Met);
        assert_eq!(compare(Some("8"), "4", "5"), TargetStatus::Missed);
        assert_eq!(compare(Some("10"), "40", "40"), TargetStatus::Met);
        assert_eq!(compare(Some("10"), "40", "39"), TargetStatus::Missed);
        assert_eq!(
            compare(Some("4"), "4", "3"),
            TargetStatus::Met,
            "kept: at or below"
        );
        assert_eq!(
            compare(None, "40", "39"),
            TargetStatus::Met,
            "no baseline: « otherwise »"
        );
        assert_eq!(
            compare(Some("10"), "40", "beaucoup"),
            TargetStatus::NotComparable
        );
    }
}
