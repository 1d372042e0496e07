//! After the award (issue 22): the commitment as signed, and what happens against it. The
//! names are fixed by `../shared/PACK-FORMAT.md` (« Follow-up additions »): people outside the
//! team script against them. Both are optional in a draft and in `dossier.json`, omitted when
//! empty. This is the data alone; what is followed against what is the report's (to come).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

use super::dates::Date;
use super::dossier::{Category, Dossier, Indicators};
use super::estimate::Estimate;
use super::money::{Amount, round_cents};

/// The reciprocal commitment as signed (« engagement réciproque »): it changes only through an
/// amendment, which keeps the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Commitment {
    /// The day it was signed.
    pub signed: Date,
    /// Its reference.
    #[serde(default)]
    pub reference: String,
    /// The cofunding granted (it may be less than the estimate).
    pub granted: Amount,
    /// The plan's years as signed.
    #[serde(default)]
    pub years: Vec<CommittedYear>,
    /// The indicators' targets as signed.
    #[serde(default)]
    pub indicators: Indicators,
    /// The payment calendar.
    #[serde(default)]
    pub payments: Vec<PlannedPayment>,
    /// The milestones.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// The amendments, oldest first, each with the commitment before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
}

impl Commitment {
    /// A commitment prefilled from the dossier as filed, to be checked before it is recorded:
    /// the cofunding estimated, the plan's years (declared total, cost base, cofunding,
    /// savings), the indicators' targets, and the schedule's first impact and end as milestones.
    #[must_use]
    pub fn from_filed(dossier: &Dossier, estimate: &Estimate, signed: Date) -> Self {
        let amount = |value: Decimal| Amount::new(round_cents(value)).unwrap_or(Amount::ZERO);
        let mut milestones = Vec::new();
        for (name, date) in [
            ("Premier impact", dossier.project.first_impact),
            ("Fin du projet", dossier.project.end),
        ] {
            if let Some(date) = date {
                milestones.push(Milestone {
                    name: name.to_owned(),
                    date,
                });
            }
        }
        Commitment {
            signed,
            reference: String::new(),
            granted: amount(estimate.cofunding),
            years: estimate
                .years
                .iter()
                .map(|y| CommittedYear {
                    year: y.year,
                    declared_total: amount(y.declared_total),
                    cost_base: amount(y.cost_base),
                    cofunding: amount(y.cofunding),
                    savings: amount(y.savings),
                })
                .collect(),
            indicators: dossier.indicators.clone(),
            payments: Vec::new(),
            milestones,
            amendments: Vec::new(),
        }
    }

    /// This commitment replaced by `new` through an amendment: `new` keeps every amendment
    /// before, then this one, which holds this commitment as it was (without its amendments).
    #[must_use]
    pub fn amended(self, mut new: Commitment, date: Date, reference: &str, reason: &str) -> Self {
        let mut previous = self;
        let mut amendments = std::mem::take(&mut previous.amendments);
        amendments.push(Amendment {
            date,
            reference: reference.trim().to_owned(),
            reason: reason.trim().to_owned(),
            previous: Box::new(previous),
        });
        new.amendments = amendments;
        new
    }

    /// The commitment as it stood before its last amendment, if it has one.
    #[must_use]
    pub fn before_last_amendment(&self) -> Option<&Commitment> {
        self.amendments.last().map(|a| a.previous.as_ref())
    }
}

/// One year of the plan as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CommittedYear {
    /// The year.
    pub year: i32,
    /// The declared total.
    pub declared_total: Amount,
    /// The cost base.
    pub cost_base: Amount,
    /// The cofunding.
    pub cofunding: Amount,
    /// The savings.
    pub savings: Amount,
}

/// A payment the calendar plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlannedPayment {
    /// When.
    pub date: Date,
    /// How much.
    pub amount: Amount,
    /// On what condition (« à la signature », « sur justificatif du jalon 2 »).
    #[serde(default)]
    pub condition: String,
}

/// A milestone of the commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Milestone {
    /// Its name.
    pub name: String,
    /// Its date.
    pub date: Date,
}

/// An amendment (« avenant »): when, its reference, why, and the commitment before it (without
/// its own amendments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Amendment {
    /// When.
    pub date: Date,
    /// Its reference.
    #[serde(default)]
    pub reference: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
    /// The commitment it replaced.
    pub previous: Box<Commitment>,
}

/// What happens, followed against the commitment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Tracking {
    /// What was spent.
    pub spending: Vec<Spending>,
    /// The savings realized, by year.
    pub savings: Vec<RealizedSavings>,
    /// The indicators' measures.
    pub measures: Vec<IndicatorMeasure>,
    /// The payments received.
    pub payments: Vec<ReceivedPayment>,
    /// The milestones reached.
    pub milestones: Vec<MilestoneDone>,
}

impl Tracking {
    /// Whether nothing is followed yet (then it is not written).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.spending.is_empty()
            && self.savings.is_empty()
            && self.measures.is_empty()
            && self.payments.is_empty()
            && self.milestones.is_empty()
    }
}

/// A spending, as the accounting has it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Spending {
    /// When.
    pub date: Date,
    /// What.
    #[serde(default)]
    pub label: String,
    /// Its category, as the budget's (whether it counts in the cost base follows).
    pub category: Category,
    /// How much, all taxes included.
    pub amount_ttc: Amount,
    /// The accounting's reference (the commitment number, « N° EJ »).
    #[serde(default)]
    pub reference: String,
}

/// Savings realized in a year, with how they were measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RealizedSavings {
    /// The year.
    pub year: i32,
    /// How much.
    pub amount: Amount,
    /// How it was measured.
    #[serde(default)]
    pub method: String,
    /// What shows it.
    #[serde(default)]
    pub evidence: String,
}

/// A measure of an indicator: `savings`, `agents_trained` or an impact indicator's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorMeasure {
    /// Which indicator.
    pub indicator: String,
    /// When.
    pub date: Date,
    /// The value, a decimal as typed.
    pub value: String,
}

/// A payment received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReceivedPayment {
    /// When.
    pub date: Date,
    /// How much.
    pub amount: Amount,
    /// Its reference.
    #[serde(default)]
    pub reference: String,
}

/// A milestone reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MilestoneDone {
    /// The milestone's name, as in the commitment.
    pub name: String,
    /// The day it was reached.
    pub done: Date,
}
