//! The kinds of check a rule can apply. Each is generic: its figures come from the rule data,
//! and it reports outcomes (a key, named figures, the field concerned) that the rule data turns
//! into a severity and a French message. The code says *how* to check; the data says *what*.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use super::choice::Choice;
use super::dates::Date;
use super::dossier::{
    ApplicantKind, Application, Category, Dossier, InternalOffer, MandatoryIndicator,
    OperationType, Origin, Sensitivity, TargetKind,
};
use super::estimate::Estimate;
use super::money::{Amount, Rate, format_eur};
use super::plan::project_years;
use super::rules::RuleSet;
use super::text::{fold, is_plausible_email};

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
            Check::CostBaseMin { .. } | Check::CofundingRange { .. } => Vec::new(),
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

fn applicant_kind(d: &Dossier, allowed: &[ApplicantKind]) -> Vec<Hit> {
    match d.applicant.kind {
        None => vec![hit("missing", "applicant.kind")],
        Some(kind) if !allowed.contains(&kind) => {
            vec![hit("not_eligible", "applicant.kind").with("kind", Figure::choice(kind))]
        }
        Some(_) => Vec::new(),
    }
}

fn project_description(d: &Dossier) -> Vec<Hit> {
    let mut hits = Vec::new();
    if d.project.title.trim().is_empty() {
        hits.push(hit("missing_title", "project.title"));
    }
    if d.project.summary.trim().is_empty() {
        hits.push(hit("missing_summary", "project.summary"));
    }
    hits
}

fn origin_contact(d: &Dossier, contact_first: &[Origin]) -> Vec<Hit> {
    d.applications()
        .filter_map(|(o, a, app)| {
            let origin = app.origin?;
            contact_first.contains(&origin).then(|| {
                let (path, name) = app_ref(o, a, app);
                hit("contact_first", format!("{path}.origin"))
                    .with("app", name)
                    .with("origin", Figure::choice(origin))
            })
        })
        .collect()
}

fn data_suitability(d: &Dossier, sensitivity: Sensitivity, suitable: &[TargetKind]) -> Vec<Hit> {
    d.applications()
        .filter_map(|(o, a, app)| {
            let target = app.target.as_ref()?;
            (app.data_sensitivity == Some(sensitivity) && !suitable.contains(&target.kind)).then(
                || {
                    let (path, name) = app_ref(o, a, app);
                    hit("unsuitable", format!("{path}.target"))
                        .with("app", name)
                        .with("sensitivity", Figure::choice(sensitivity))
                        .with("target", Figure::choice(target.kind))
                        .with("suitable", Figure::choices(suitable))
                },
            )
        })
        .collect()
}

fn extension_scope(d: &Dossier) -> Vec<Hit> {
    d.extensions()
        .flat_map(|(o, ext)| match ext.offer {
            None => vec![hit("missing_offer", format!("operations[{o}].offer"))],
            Some(offer) if ext.services.iter().all(|s| s.trim().is_empty()) => {
                vec![
                    hit("no_service", format!("operations[{o}].services"))
                        .with("offer", Figure::choice(offer)),
                ]
            }
            Some(_) => Vec::new(),
        })
        .collect()
}

fn rate_cap(e: &Estimate, rules: &RuleSet) -> Vec<Hit> {
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

fn time_to_impact(d: &Dossier, max_months: u32) -> Vec<Hit> {
    let (Some(start), Some(impact)) = (d.project.start, d.project.first_impact) else {
        return Vec::new();
    };
    match (start.plus_months(max_months), start.months_until(impact)) {
        (Some(limit), Some((months, days))) if impact > limit => {
            vec![
                hit("slow", "project.first_impact")
                    .with("delay", Figure::Duration { months, days })
                    .with("max", max_months.to_string()),
            ]
        }
        _ => Vec::new(),
    }
}

fn deadline(d: &Dossier, on: ScheduleDate, by: Date) -> Vec<Hit> {
    let (date, field) = match on {
        ScheduleDate::FirstImpact => (d.project.first_impact, "project.first_impact"),
        ScheduleDate::End => (d.project.end, "project.end"),
    };
    match date {
        Some(date) if date > by => vec![
            hit("late", field)
                .with("date", date.to_fr())
                .with("by", by.to_fr()),
        ],
        _ => Vec::new(),
    }
}

fn attachments(d: &Dossier) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, att) in d.attachments.iter().enumerate() {
        if att.file_name.trim().is_empty() {
            hits.push(
                hit("no_file", format!("attachments[{i}].file_name"))
                    .with("name", att.name.clone()),
            );
        }
        if d.attachments[..i]
            .iter()
            .any(|other| other.name.trim() == att.name.trim())
        {
            hits.push(
                hit("duplicate", format!("attachments[{i}].name")).with("name", att.name.clone()),
            );
        }
    }
    hits
}

fn applicant_details(d: &Dossier) -> Vec<Hit> {
    let a = &d.applicant;
    let mut hits = Vec::new();
    if a.ministry.trim().is_empty() {
        hits.push(hit("missing_ministry", "applicant.ministry"));
    }
    if a.entity.trim().is_empty() {
        hits.push(hit("missing_entity", "applicant.entity"));
    }
    if a.contact.name.trim().is_empty() {
        hits.push(hit("missing_contact_name", "applicant.contact.name"));
    }
    let email = a.contact.email.trim();
    if email.is_empty() {
        hits.push(hit("missing_contact_email", "applicant.contact.email"));
    } else if !is_plausible_email(email) {
        hits.push(hit("bad_email", "applicant.contact.email").with("email", email));
    }
    hits
}

fn operation_types(d: &Dossier, allowed: &[OperationType]) -> Vec<Hit> {
    if d.operations.is_empty() {
        return vec![hit("none", "operations")];
    }
    let mut hits = Vec::new();
    for (i, op) in d.operations.iter().enumerate() {
        if !allowed.contains(&op.kind()) {
            hits.push(
                hit("type_not_allowed", format!("operations[{i}]"))
                    .with("type", Figure::choice(op.kind())),
            );
        }
        if let super::dossier::Operation::Migration { applications } = op
            && applications.is_empty()
        {
            hits.push(hit(
                "migration_empty",
                format!("operations[{i}].applications"),
            ));
        }
    }
    hits
}

fn application_details(d: &Dossier) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (o, a, app) in d.applications() {
        let (path, name) = app_ref(o, a, app);
        if app.name.trim().is_empty() {
            hits.push(hit("missing_name", format!("{path}.name")).with("app", name.clone()));
        }
        if app.data_sensitivity.is_none() {
            hits.push(
                hit("missing_sensitivity", format!("{path}.data_sensitivity"))
                    .with("app", name.clone()),
            );
        }
        if app.origin.is_none() {
            hits.push(hit("missing_origin", format!("{path}.origin")).with("app", name.clone()));
        }
        if app.target.is_none() {
            hits.push(hit("missing_target", format!("{path}.target")).with("app", name));
        }
    }
    hits
}

fn targets(facts: &Facts<'_>, eligible: &[TargetKind]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (o, a, app) in facts.dossier.applications() {
        let Some(target) = &app.target else { continue };
        let (path, name) = app_ref(o, a, app);
        if !eligible.contains(&target.kind) {
            hits.push(
                hit("not_eligible", format!("{path}.target"))
                    .with("app", name)
                    .with("target", Figure::choice(target.kind)),
            );
        } else if target.kind == TargetKind::SecNumCloud {
            let has_ref = target
                .qualification_ref
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty());
            if target.offer.trim().is_empty() && target.catalogue_id.is_none() {
                hits.push(hit("missing_offer", format!("{path}.target.offer")).with("app", name));
            } else if facts.catalogue.find(target).is_none() && !has_ref {
                hits.push(
                    hit("unlisted_offer", format!("{path}.target.qualification_ref"))
                        .with("app", name)
                        .with("offer", target.offer.trim()),
                );
            }
        }
    }
    hits
}

fn commitments(d: &Dossier, min: usize, hosts: &[OfferHost]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (o, ext) in d.extensions() {
        let host = ext
            .offer
            .and_then(|offer| hosts.iter().find(|h| h.offer == offer));
        let mut third_party = 0;
        for (c, commitment) in ext.commitments.iter().enumerate() {
            let path = format!("operations[{o}].commitments[{c}]");
            let ministry = commitment.ministry.trim();
            if ministry.is_empty() {
                continue;
            }
            let folded = fold(ministry);
            match host {
                Some(h) if h.keywords.iter().any(|k| folded.contains(&fold(k))) => {
                    hits.push(
                        hit("own_ministry", format!("{path}.ministry"))
                            .with("ministry", ministry)
                            .with("offer", Figure::choice(h.offer))
                            .with("host", h.ministry.clone()),
                    );
                    continue;
                }
                _ => third_party += 1,
            }
            let document = commitment.document.trim();
            if document.is_empty() {
                hits.push(
                    hit("no_document", format!("{path}.document")).with("ministry", ministry),
                );
            } else if !d.attachments.iter().any(|a| a.name.trim() == document) {
                hits.push(
                    hit("document_not_attached", format!("{path}.document"))
                        .with("ministry", ministry)
                        .with("document", document),
                );
            }
        }
        if third_party < min {
            let offer = ext
                .offer
                .map_or_else(|| Figure::choices(InternalOffer::ALL), Figure::choice);
            hits.push(
                hit("too_few", format!("operations[{o}].commitments"))
                    .with("offer", offer)
                    .with("count", third_party.to_string())
                    .with("min", min.to_string()),
            );
        }
    }
    hits
}

fn training_share(d: &Dossier, e: &Estimate, max_share: Rate) -> Vec<Hit> {
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

fn budget_lines(d: &Dossier) -> Vec<Hit> {
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

fn budget_years(d: &Dossier) -> Vec<Hit> {
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

fn plan_years(d: &Dossier) -> Vec<Hit> {
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

fn payback(e: &Estimate, rules: &RuleSet) -> Vec<Hit> {
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

fn schedule(d: &Dossier) -> Vec<Hit> {
    let p = &d.project;
    let mut hits = Vec::new();
    if p.start.is_none() {
        hits.push(hit("missing_start", "project.start"));
    }
    if p.first_impact.is_none() {
        hits.push(hit("missing_first_impact", "project.first_impact"));
    }
    if p.end.is_none() {
        hits.push(hit("missing_end", "project.end"));
    }
    if let (Some(start), Some(impact)) = (p.start, p.first_impact)
        && impact < start
    {
        hits.push(
            hit("impact_before_start", "project.first_impact")
                .with("start", start.to_fr())
                .with("first_impact", impact.to_fr()),
        );
    }
    if let (Some(impact), Some(end)) = (p.first_impact, p.end)
        && end < impact
    {
        hits.push(
            hit("end_before_impact", "project.end")
                .with("first_impact", impact.to_fr())
                .with("end", end.to_fr()),
        );
    } else if let (Some(start), Some(end)) = (p.start, p.end)
        && end < start
    {
        hits.push(
            hit("end_before_start", "project.end")
                .with("start", start.to_fr())
                .with("end", end.to_fr()),
        );
    }
    hits
}

/// Baseline, at least one target, every target after the baseline.
fn tracked(
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

fn mandatory_indicators(d: &Dossier) -> Vec<Hit> {
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

fn impact_indicators(d: &Dossier, min: usize) -> Vec<Hit> {
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
