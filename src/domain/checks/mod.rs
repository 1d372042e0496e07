//! The kinds of check a rule can apply. Each is generic: its figures come from the rule data,
//! and it reports outcomes (a key, named figures, the field concerned) that the rule data turns
//! into a severity and a French message. The code says *how* to check; the data says *what*.

mod applicant;
mod budget;
mod indicators;
mod operations;
mod schedule;
mod tracking;

use applicant::{applicant_details, applicant_kind, attachments, project_description};
use budget::{budget_lines, budget_years, payback, plan_years, rate_cap, training_share};
use indicators::{impact_indicators, mandatory_indicators};
use operations::{
    application_details, commitments, data_suitability, extension_scope, operation_types,
    origin_contact, targets,
};
use schedule::{deadline, schedule, time_to_impact};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use super::choice::Choice;
use super::dates::Date;
use super::dossier::{
    ApplicantKind, Application, Dossier, InternalOffer, OperationType, Origin, Sensitivity,
    TargetKind,
};
use super::estimate::Estimate;
use super::money::{Amount, Rate, format_eur};
use super::rules::RuleSet;

/// What a check looks at: the dossier, its estimate, the window and the catalogue.
pub struct Facts<'a> {
    /// The dossier.
    pub dossier: &'a Dossier,
    /// Its estimate under the window.
    pub estimate: &'a Estimate,
    /// The window's rules.
    pub rules: &'a RuleSet,
    /// The catalogue of offers.
    pub catalogue: &'a Catalogue,
}

/// One outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The outcome's key, looked up in the rule's `outcomes`.
    pub outcome: &'static str,
    /// The figures the message may cite.
    pub params: Vec<(&'static str, Figure)>,
    /// The dossier field concerned, as a path (`budget.lines[2].amount_ttc`).
    pub field: Option<String>,
}

/// A figure a message cites: text as it is (a name, an amount, a date), or labels of a closed
/// list, which the interface may say in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// Said the same in every language.
    Text(String),
    /// One or more choices of a closed list, said « A, B ou C ».
    Choices(Vec<ChoiceRef>),
    /// A duration in months and days (`3 mois et 29 jours`), said with each language's plurals.
    Duration {
        /// Whole months.
        months: u32,
        /// Days beyond them.
        days: u32,
    },
    /// Something the user named (`« Archives »`), or its number when unnamed (`n°2`).
    Named {
        /// The name, trimmed; empty when the user gave none.
        name: String,
        /// Its number in its list, from 1.
        n: usize,
    },
}

/// A choice of a closed list, as a message cites it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceRef {
    /// The list's name ([`Choice::LIST`]).
    pub list: &'static str,
    /// The choice's id.
    pub id: &'static str,
    /// Its French label.
    pub label: &'static str,
}

impl Figure {
    /// One choice.
    pub fn choice<C: Choice>(choice: C) -> Self {
        Figure::choices(&[choice])
    }

    /// Several choices.
    pub fn choices<C: Choice>(choices: &[C]) -> Self {
        Figure::Choices(
            choices
                .iter()
                .map(|c| ChoiceRef {
                    list: C::LIST,
                    id: c.id(),
                    label: c.label(),
                })
                .collect(),
        )
    }

    /// A named item, or its number when the name is blank.
    #[must_use]
    pub fn named(name: &str, n: usize) -> Self {
        Figure::Named {
            name: name.trim().to_owned(),
            n,
        }
    }

    /// The figure in French: `PI, NUBO ou Offre commerciale qualifiée SecNumCloud`.
    #[must_use]
    pub fn french(&self) -> String {
        match self {
            Figure::Text(text) => text.clone(),
            Figure::Named { name, n } if name.is_empty() => format!("n°{n}"),
            Figure::Named { name, .. } => format!("« {name} »"),
            Figure::Duration { months, days } => super::dates::months_and_days_fr(*months, *days),
            Figure::Choices(choices) => {
                let labels: Vec<&str> = choices.iter().map(|c| c.label).collect();
                join_or(&labels, "ou")
            }
        }
    }
}

/// `A, B ou C`, with the word for « or ».
#[must_use]
pub fn join_or(items: &[&str], or: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
    }
}

impl From<String> for Figure {
    fn from(text: String) -> Self {
        Figure::Text(text)
    }
}

impl From<&str> for Figure {
    fn from(text: &str) -> Self {
        Figure::Text(text.to_owned())
    }
}

fn hit(outcome: &'static str, field: impl Into<String>) -> Hit {
    Hit {
        outcome,
        params: Vec::new(),
        field: Some(field.into()),
    }
}

impl Hit {
    fn with(mut self, name: &'static str, value: impl Into<Figure>) -> Self {
        self.params.push((name, value.into()));
        self
    }
}

/// Where an application sits in the dossier, and what to call it in messages.
fn app_ref(op: usize, index: usize, app: &Application) -> (String, Figure) {
    (
        format!("operations[{op}].applications[{index}]"),
        Figure::named(&app.name, index + 1),
    )
}

/// Which date a deadline applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleDate {
    /// The first real impact (go-live).
    FirstImpact,
    /// The end of the project.
    End,
}

/// A kind of check, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Check {
    /// The applicant's kind is one of `allowed`.
    ApplicantKind {
        /// The eligible kinds.
        allowed: Vec<ApplicantKind>,
    },
    /// Ministry, entity and contact are given.
    ApplicantDetails,
    /// Title and summary are given.
    ProjectDescription,
    /// At least one operation, each of an allowed type, each migration with an application.
    OperationTypes {
        /// The types the window funds.
        allowed: Vec<OperationType>,
    },
    /// Each application has a name, a data sensitivity, an origin and a target.
    ApplicationDetails,
    /// Applications coming from these origins need the window's operator contacted first.
    OriginContact {
        /// The origins concerned.
        contact_first: Vec<Origin>,
    },
    /// Each application's target is of an eligible kind, and a qualified offer is named.
    Target {
        /// The eligible kinds.
        eligible: Vec<TargetKind>,
    },
    /// Data of this sensitivity goes only to these kinds of target (doctrine).
    DataSuitability {
        /// The sensitivity concerned.
        sensitivity: Sensitivity,
        /// The kinds of target that suit it.
        targets: Vec<TargetKind>,
    },
    /// Each extension names its offer and at least one service.
    ExtensionScope,
    /// Each extension has at least `min` commitments from ministries other than the offer's.
    ExtensionCommitment {
        /// How many commitments are needed.
        min: usize,
        /// Words that identify the ministry running each offer (compared without accents).
        hosts: Vec<OfferHost>,
    },
    /// The cost base lies within bounds.
    CostBaseRange {
        /// The smallest cost base.
        min: Amount,
        /// The largest cost base.
        max: Amount,
    },
    /// The cost base reaches a floor.
    CostBaseMin {
        /// The floor.
        min: Amount,
    },
    /// The cofunding lies within bounds (an advisory reading).
    CofundingRange {
        /// The smallest cofunding.
        min: Amount,
        /// The largest cofunding.
        max: Amount,
    },
    /// The requested rate is within the window's cap.
    RateCap,
    /// Training stays within a share of the cost base.
    TrainingShare {
        /// The largest share.
        max_share: Rate,
    },
    /// Each budget line has a label and an amount.
    BudgetLines,
    /// Each budget line's year lies within the project's years.
    BudgetYears,
    /// The plan over the years can be drawn: start and end are given, in order.
    PlanYears,
    /// The savings pay back the applicant's share within the plan's horizon.
    Payback,
    /// Start, first impact and end are given and in order.
    Schedule,
    /// The first impact comes at most `max_months` after the start.
    TimeToImpact {
        /// The most months.
        max_months: u32,
    },
    /// A date of the schedule is no later than `by`.
    Deadline {
        /// Which date.
        on: ScheduleDate,
        /// The latest allowed.
        by: Date,
    },
    /// Savings and agents trained each have a baseline and a dated target.
    MandatoryIndicators,
    /// At least `min` impact indicators, each with a baseline and a later dated target.
    ImpactIndicators {
        /// How many are needed.
        min: usize,
    },
    /// Each attachment names its file, and names are unique.
    Attachments,
    /// After the award, at a report's date: a year's spending in the cost base off its
    /// commitment by more than `max_share` of it (a closed year either way, the current one
    /// over).
    TrackVariance {
        /// The largest share.
        max_share: Rate,
    },
    /// After the award: realized savings of the closed years short of the committed ones by
    /// more than `max_shortfall` of them.
    TrackSavings {
        /// The largest shortfall, as a share.
        max_shortfall: Rate,
    },
    /// After the award: a committed target whose date passed, missed by the latest measure.
    TrackIndicator,
    /// After the award: a milestone whose date passed, not done.
    TrackMilestone,
    /// After the award: less cofunding received than the payment calendar planned.
    TrackPayment,
    /// After the award: a spending in a category excluded from the cost base.
    TrackExcluded,
    /// After the award: a spending dated outside the commitment's years.
    TrackOutside,
}

/// The ministry that runs an internal offer, recognised by words of its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferHost {
    /// The offer.
    pub offer: InternalOffer,
    /// The ministry's name, for messages.
    pub ministry: String,
    /// Words any of which, found in a commitment's ministry, mean it is the host itself.
    pub keywords: Vec<String>,
}

/// Outcomes and the figures each gives, as [`Check::outcomes`] lists them.
type Outcomes = &'static [(&'static str, &'static [&'static str])];

const SCHEDULE_OUTCOMES: Outcomes = &[
    ("missing_start", &[]),
    ("missing_first_impact", &[]),
    ("missing_end", &[]),
    ("impact_before_start", &["start", "first_impact"]),
    ("end_before_impact", &["first_impact", "end"]),
    ("end_before_start", &["start", "end"]),
];

const IMPACT_OUTCOMES: Outcomes = &[
    ("too_few", &["count", "min"]),
    ("missing_name", &["n"]),
    ("missing_baseline", &["name"]),
    ("no_target", &["name"]),
    ("target_not_after_baseline", &["name", "date"]),
    ("missing_value", &["name", "date"]),
];

impl Check {
    /// Every outcome this check can give, with the figures it gives for each.
    #[must_use]
    pub fn outcomes(&self) -> Outcomes {
        match self {
            Check::ApplicantKind { .. } => &[("missing", &[]), ("not_eligible", &["kind"])],
            Check::ApplicantDetails => &[
                ("missing_ministry", &[]),
                ("missing_entity", &[]),
                ("missing_contact_name", &[]),
                ("missing_contact_email", &[]),
                ("bad_email", &["email"]),
            ],
            Check::ProjectDescription => &[("missing_title", &[]), ("missing_summary", &[])],
            Check::OperationTypes { .. } => &[
                ("none", &[]),
                ("type_not_allowed", &["type"]),
                ("migration_empty", &[]),
            ],
            Check::ApplicationDetails => &[
                ("missing_name", &["app"]),
                ("missing_sensitivity", &["app"]),
                ("missing_origin", &["app"]),
                ("missing_target", &["app"]),
            ],
            Check::OriginContact { .. } => &[("contact_first", &["app", "origin"])],
            Check::Target { .. } => &[
                ("not_eligible", &["app", "target"]),
                ("missing_offer", &["app"]),
                ("unlisted_offer", &["app", "offer"]),
            ],
            Check::DataSuitability { .. } => {
                &[("unsuitable", &["app", "sensitivity", "target", "suitable"])]
            }
            Check::ExtensionScope => &[("missing_offer", &[]), ("no_service", &["offer"])],
            Check::ExtensionCommitment { .. } => &[
                ("too_few", &["offer", "count", "min"]),
                ("own_ministry", &["ministry", "offer", "host"]),
                ("no_document", &["ministry"]),
                ("document_not_attached", &["ministry", "document"]),
            ],
            Check::CostBaseRange { .. } => &[
                ("empty_budget", &[]),
                ("below", &["base", "min"]),
                ("above", &["base", "max"]),
            ],
            Check::CostBaseMin { .. } => &[("below", &["base", "min"])],
            Check::CofundingRange { .. } => &[
                ("cofunding_below", &["cofunding", "min"]),
                ("cofunding_above", &["cofunding", "max"]),
            ],
            Check::RateCap => &[("above_cap", &["rate", "cap"])],
            Check::TrainingShare { .. } => &[("too_much", &["training", "share", "max"])],
            Check::BudgetLines => &[
                ("missing_label", &["line"]),
                ("zero_amount", &["line", "label"]),
            ],
            Check::BudgetYears => &[("year_outside", &["line", "label", "year", "first", "last"])],
            Check::PlanYears => &[("no_years", &[])],
            Check::Payback => &[(
                "beyond_horizon",
                &["cumulative", "last", "share", "horizon"],
            )],
            Check::Schedule => SCHEDULE_OUTCOMES,
            Check::TimeToImpact { .. } => &[("slow", &["delay", "max"])],
            Check::Deadline { .. } => &[("late", &["date", "by"])],
            Check::MandatoryIndicators => &[
                ("missing_baseline", &["indicator"]),
                ("no_target", &["indicator"]),
                ("target_not_after_baseline", &["indicator", "date"]),
            ],
            Check::ImpactIndicators { .. } => IMPACT_OUTCOMES,
            Check::Attachments => &[("no_file", &["name"]), ("duplicate", &["name"])],
            tracking => tracking.tracking_outcomes(),
        }
    }

    /// The outcomes of the `TRACK-*` checks.
    fn tracking_outcomes(&self) -> Outcomes {
        match self {
            Check::TrackVariance { .. } => &[
                ("closed_over", &["year", "spent", "committed", "pct", "max"]),
                (
                    "closed_under",
                    &["year", "spent", "committed", "pct", "max"],
                ),
                (
                    "current_over",
                    &["year", "spent", "committed", "pct", "max"],
                ),
                ("unplanned", &["year", "spent"]),
            ],
            Check::TrackSavings { .. } => &[("short", &["realized", "committed", "pct", "max"])],
            Check::TrackIndicator => {
                &[("missed", &["indicator", "date", "target", "measured", "on"])]
            }
            Check::TrackMilestone => &[("late", &["name", "date"])],
            Check::TrackPayment => &[("short", &["received", "planned"])],
            Check::TrackExcluded => &[("excluded", &["line", "amount", "category"])],
            Check::TrackOutside => &[
                ("outside", &["line", "date", "first", "last"]),
                ("no_years", &["line"]),
            ],
            _ => &[],
        }
    }

    /// Runs a `TRACK-*` check on a progress report; the others give nothing here.
    #[must_use]
    pub fn run_at(&self, progress: &crate::domain::report::Progress<'_>) -> Vec<Hit> {
        match self {
            Check::TrackVariance { max_share } => tracking::variance(progress, *max_share),
            Check::TrackSavings { max_shortfall } => tracking::savings(progress, *max_shortfall),
            Check::TrackIndicator => tracking::indicators(progress),
            Check::TrackMilestone => tracking::milestones(progress),
            Check::TrackPayment => tracking::payments(progress),
            Check::TrackExcluded => tracking::excluded(progress),
            Check::TrackOutside => tracking::outside(progress),
            _ => Vec::new(),
        }
    }

    /// Runs the check.
    #[must_use]
    pub fn run(&self, facts: &Facts<'_>) -> Vec<Hit> {
        let d = facts.dossier;
        let e = facts.estimate;
        match self {
            Check::ApplicantKind { allowed } => applicant_kind(d, allowed),
            Check::ApplicantDetails => applicant_details(d),
            Check::ProjectDescription => project_description(d),
            Check::OperationTypes { allowed } => operation_types(d, allowed),
            Check::ApplicationDetails => application_details(d),
            Check::OriginContact { contact_first } => origin_contact(d, contact_first),
            Check::Target { eligible } => targets(facts, eligible),
            Check::DataSuitability {
                sensitivity,
                targets,
            } => data_suitability(d, *sensitivity, targets),
            Check::ExtensionScope => extension_scope(d),
            Check::ExtensionCommitment { min, hosts } => commitments(d, *min, hosts),
            Check::CostBaseRange { min, max } => {
                if d.budget.lines.is_empty() {
                    vec![hit("empty_budget", "budget.lines")]
                } else {
                    bounds(
                        e.cost_base,
                        Some(*min),
                        Some(*max),
                        ("below", "above"),
                        "base",
                        "budget.lines",
                    )
                }
            }
            Check::CostBaseMin { min } if !d.budget.lines.is_empty() => bounds(
                e.cost_base,
                Some(*min),
                None,
                ("below", "above"),
                "base",
                "budget.lines",
            ),
            Check::CofundingRange { min, max } if !d.budget.lines.is_empty() => bounds(
                e.cofunding,
                Some(*min),
                Some(*max),
                ("cofunding_below", "cofunding_above"),
                "cofunding",
                "budget.requested_rate",
            ),
            // Nothing to weigh yet; the `TRACK-*` checks read a report's date (`run_at`).
            Check::CostBaseMin { .. }
            | Check::CofundingRange { .. }
            | Check::TrackVariance { .. }
            | Check::TrackSavings { .. }
            | Check::TrackIndicator
            | Check::TrackMilestone
            | Check::TrackPayment
            | Check::TrackExcluded
            | Check::TrackOutside => Vec::new(),
            Check::RateCap => rate_cap(e, facts.rules),
            Check::TrainingShare { max_share } => training_share(d, e, *max_share),
            Check::BudgetLines => budget_lines(d),
            Check::BudgetYears => budget_years(d),
            Check::PlanYears => plan_years(d),
            Check::Payback => payback(e, facts.rules),
            Check::Schedule => schedule(d),
            Check::TimeToImpact { max_months } => time_to_impact(d, *max_months),
            Check::Deadline { on, by } => deadline(d, *on, *by),
            Check::MandatoryIndicators => mandatory_indicators(d),
            Check::ImpactIndicators { min } => impact_indicators(d, *min),
            Check::Attachments => attachments(d),
        }
    }
}

/// A figure against optional bounds; the message cites the figure as `name` and the bound as
/// `min` or `max`.
fn bounds(
    value: Decimal,
    min: Option<Amount>,
    max: Option<Amount>,
    outcomes: (&'static str, &'static str),
    name: &'static str,
    field: &str,
) -> Vec<Hit> {
    if let Some(min) = min
        && value < min.value()
    {
        return vec![
            hit(outcomes.0, field)
                .with(name, format_eur(value))
                .with("min", min.to_string()),
        ];
    }
    if let Some(max) = max
        && value > max.value()
    {
        return vec![
            hit(outcomes.1, field)
                .with(name, format_eur(value))
                .with("max", max.to_string()),
        ];
    }
    Vec::new()
}
