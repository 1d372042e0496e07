//! What of the dossier a champ of the form can take ([`Source`]), the table that ties the form's
//! labels to them (`assets/platform/ftap-form.ron`, data), and each source's value, typed.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::prefill::KnownFile;
use crate::domain::checks::ChoiceRef;
use crate::domain::dossier::{
    Application, AttachmentKind, BudgetLine, Commitment, ImpactIndicator, Measure, Operation,
};
use crate::domain::{Choice, Date, Dossier, Evaluation, RuleSet};

/// A value of the dossier a champ can be tied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Source {
    ApplicantKind,
    Ministry,
    Entity,
    ContactName,
    ContactEmail,
    ContactPhone,
    Title,
    Summary,
    OperationTypes,
    Start,
    FirstImpact,
    End,
    Applications,
    AppName,
    AppSensitivity,
    AppOrigin,
    AppTarget,
    AppOffer,
    AppCriticality,
    AppUsers,
    ExtensionOffer,
    ExtensionServices,
    Commitments,
    CommitmentMinistry,
    CommitmentDocument,
    DeclaredTotal,
    ExcludedTotal,
    CostBase,
    RequestedRate,
    Cofunding,
    BudgetLines,
    LineLabel,
    LineCategory,
    LineYear,
    LineAmount,
    LineInBase,
    SavingsTarget,
    AgentsTarget,
    ImpactIndicators,
    ImpactName,
    ImpactUnit,
    ImpactBaseline,
    ImpactBaselineDate,
    ImpactTarget,
    ImpactTargetDate,
    PackPdf,
    PackJson,
    CommitmentFiles,
}

/// What shape of champ a source fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One value.
    Scalar,
    /// A table of rows.
    Rows,
    /// Files to attach.
    Files,
}

impl Source {
    /// Where the value comes from, in the dossier's own names (`applicant.kind`).
    #[must_use]
    pub fn path(self) -> &'static str {
        match self {
            Source::ApplicantKind => "applicant.kind",
            Source::Ministry => "applicant.ministry",
            Source::Entity => "applicant.entity",
            Source::ContactName => "applicant.contact.name",
            Source::ContactEmail => "applicant.contact.email",
            Source::ContactPhone => "applicant.contact.phone",
            Source::Title => "project.title",
            Source::Summary => "project.summary",
            Source::OperationTypes => "operations[].type",
            Source::Start => "project.start",
            Source::FirstImpact => "project.first_impact",
            Source::End => "project.end",
            Source::Applications => "operations[].applications",
            Source::AppName => "applications[].name",
            Source::AppSensitivity => "applications[].data_sensitivity",
            Source::AppOrigin => "applications[].origin",
            Source::AppTarget => "applications[].target.kind",
            Source::AppOffer => "applications[].target.offer",
            Source::AppCriticality => "applications[].criticality",
            Source::AppUsers => "applications[].users",
            Source::ExtensionOffer => "extension.offer",
            Source::ExtensionServices => "extension.services",
            Source::Commitments => "extension.commitments",
            Source::CommitmentMinistry => "commitments[].ministry",
            Source::CommitmentDocument => "commitments[].document",
            Source::DeclaredTotal => "estimate.declared_total",
            Source::ExcludedTotal => "estimate.excluded_total",
            Source::CostBase => "estimate.cost_base",
            Source::RequestedRate => "estimate.applied_rate",
            Source::Cofunding => "estimate.cofunding",
            Source::BudgetLines => "budget.lines",
            Source::LineLabel => "budget.lines[].label",
            Source::LineCategory => "budget.lines[].category",
            Source::LineYear => "budget.lines[].year",
            Source::LineAmount => "budget.lines[].amount_ttc",
            Source::LineInBase => "budget.lines[] in the cost base",
            Source::SavingsTarget => "indicators.savings.targets[last]",
            Source::AgentsTarget => "indicators.agents_trained.targets[last]",
            Source::ImpactIndicators => "indicators.impact",
            Source::ImpactName => "indicators.impact[].name",
            Source::ImpactUnit => "indicators.impact[].unit",
            Source::ImpactBaseline => "indicators.impact[].baseline.value",
            Source::ImpactBaselineDate => "indicators.impact[].baseline.date",
            Source::ImpactTarget => "indicators.impact[].targets[].value",
            Source::ImpactTargetDate => "indicators.impact[].targets[].date",
            Source::PackPdf => "pack: PDF",
            Source::PackJson => "pack: dossier.json",
            Source::CommitmentFiles => "attachments (commitments)",
        }
    }

    /// The shape of champ it fills.
    #[must_use]
    pub fn shape(self) -> Shape {
        match self {
            Source::Applications
            | Source::Commitments
            | Source::BudgetLines
            | Source::ImpactIndicators => Shape::Rows,
            Source::PackPdf | Source::PackJson | Source::CommitmentFiles => Shape::Files,
            _ => Shape::Scalar,
        }
    }
}

/// One line of the form table: a source and the labels a champ for it may carry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The value of the dossier.
    pub source: Source,
    /// The labels, any of which ties a champ to it.
    pub labels: Vec<String>,
    /// The form's own wording of some choices, by choice id.
    #[serde(default)]
    pub options: BTreeMap<String, Vec<String>>,
    /// A table's sub-champs.
    #[serde(default)]
    pub rows: Vec<Field>,
}

/// The form table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormTable {
    /// The démarche's path the table is written for.
    pub demarche_path: String,
    /// The fields.
    pub fields: Vec<Field>,
}

impl FormTable {
    /// The table compiled into the binary, read once.
    ///
    /// # Errors
    /// A message naming the asset file at fault.
    pub fn builtin() -> Result<&'static Self, String> {
        static TABLE: std::sync::OnceLock<Result<FormTable, String>> = std::sync::OnceLock::new();
        TABLE
            .get_or_init(|| {
                ron::from_str(include_str!("../../assets/platform/ftap-form.ron"))
                    .map_err(|e| format!("assets/platform/ftap-form.ron : {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// A value of the dossier, typed, before it is written for a champ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text.
    Text(String),
    /// An amount.
    Decimal(Decimal),
    /// A percentage (`50` for 50 %).
    Percent(Decimal),
    /// A whole number.
    Integer(i64),
    /// A date.
    Date(Date),
    /// Yes or no.
    Bool(bool),
    /// One choice of a closed list.
    Choice(ChoiceRef),
    /// Several.
    Choices(Vec<ChoiceRef>),
}

fn choice<C: Choice>(c: C) -> Value {
    Value::Choice(ChoiceRef {
        list: C::LIST,
        id: c.id(),
        label: c.label(),
    })
}

fn text(s: &str) -> Option<Value> {
    let s = s.trim();
    (!s.is_empty()).then(|| Value::Text(s.to_owned()))
}

/// The last dated target: what the project commits to reach.
fn latest<V>(targets: &[Measure<V>]) -> Option<&Measure<V>> {
    targets.iter().max_by_key(|m| m.date)
}

/// What the values are computed from.
pub struct Facts<'a> {
    /// The dossier.
    pub dossier: &'a Dossier,
    /// Its estimate and findings.
    pub evaluation: &'a Evaluation,
    /// Its window's rules (which costs are excluded).
    pub rules: &'a RuleSet,
}

/// A row of a table.
pub enum Row<'a> {
    /// An application.
    App(&'a Application),
    /// A commitment of a third ministry.
    Commitment(&'a Commitment),
    /// A budget line.
    Line(&'a BudgetLine),
    /// One dated target of an impact indicator.
    Target(&'a ImpactIndicator, &'a Measure<String>),
}

impl Facts<'_> {
    fn extension(&self) -> Option<&crate::domain::dossier::Extension> {
        self.dossier.operations.iter().find_map(|o| match o {
            Operation::Extension(ext) => Some(ext),
            Operation::Migration { .. } => None,
        })
    }

    /// A single value; `None` where the dossier has none yet.
    #[must_use]
    pub fn value(&self, source: Source) -> Option<Value> {
        let d = self.dossier;
        let e = &self.evaluation.estimate;
        match source {
            Source::ApplicantKind => d.applicant.kind.map(choice),
            Source::Ministry => text(&d.applicant.ministry),
            Source::Entity => text(&d.applicant.entity),
            Source::ContactName => text(&d.applicant.contact.name),
            Source::ContactEmail => text(&d.applicant.contact.email),
            Source::ContactPhone => text(&d.applicant.contact.phone),
            Source::Title => text(&d.project.title),
            Source::Summary => text(&d.project.summary),
            Source::OperationTypes => {
                let types: Vec<ChoiceRef> = d
                    .operations
                    .iter()
                    .filter_map(|o| match choice(o.kind()) {
                        Value::Choice(c) => Some(c),
                        _ => None,
                    })
                    .collect();
                (!types.is_empty()).then_some(Value::Choices(types))
            }
            Source::Start => d.project.start.map(Value::Date),
            Source::FirstImpact => d.project.first_impact.map(Value::Date),
            Source::End => d.project.end.map(Value::Date),
            Source::ExtensionOffer => self.extension().and_then(|x| x.offer).map(choice),
            Source::ExtensionServices => {
                self.extension().and_then(|x| text(&x.services.join("\n")))
            }
            Source::DeclaredTotal => Some(Value::Decimal(e.declared_total)),
            Source::ExcludedTotal => Some(Value::Decimal(e.excluded_total)),
            Source::CostBase => Some(Value::Decimal(e.cost_base)),
            // The rate as a percentage: 0.50 → 50.
            Source::RequestedRate => Some(Value::Percent(
                (e.applied_rate.value() * Decimal::ONE_HUNDRED).normalize(),
            )),
            Source::Cofunding => Some(Value::Decimal(e.cofunding)),
            Source::SavingsTarget => {
                latest(&d.indicators.savings.targets).map(|m| Value::Decimal(m.value.value()))
            }
            Source::AgentsTarget => {
                latest(&d.indicators.agents_trained.targets).map(|m| Value::Integer(m.value.into()))
            }
            _ => None,
        }
    }

    /// The rows of a table source.
    #[must_use]
    pub fn rows(&self, source: Source) -> Vec<Row<'_>> {
        let d = self.dossier;
        match source {
            Source::Applications => d
                .operations
                .iter()
                .flat_map(|o| match o {
                    Operation::Migration { applications } => applications.as_slice(),
                    Operation::Extension(_) => &[],
                })
                .map(Row::App)
                .collect(),
            Source::Commitments => self
                .extension()
                .map(|x| x.commitments.iter().map(Row::Commitment).collect())
                .unwrap_or_default(),
            Source::BudgetLines => d.budget.lines.iter().map(Row::Line).collect(),
            Source::ImpactIndicators => d
                .indicators
                .impact
                .iter()
                .flat_map(|i| i.targets.iter().map(move |t| Row::Target(i, t)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A value of a row.
    #[must_use]
    pub fn row_value(&self, row: &Row<'_>, source: Source) -> Option<Value> {
        match (row, source) {
            (Row::App(a), Source::AppName) => text(&a.name),
            (Row::App(a), Source::AppSensitivity) => a.data_sensitivity.map(choice),
            (Row::App(a), Source::AppOrigin) => a.origin.map(choice),
            (Row::App(a), Source::AppTarget) => a.target.as_ref().map(|t| choice(t.kind)),
            (Row::App(a), Source::AppOffer) => a.target.as_ref().and_then(|t| text(&t.offer)),
            (Row::App(a), Source::AppCriticality) => a.criticality.map(choice),
            (Row::App(a), Source::AppUsers) => a.users.map(|u| Value::Integer(u.into())),
            (Row::Commitment(c), Source::CommitmentMinistry) => text(&c.ministry),
            (Row::Commitment(c), Source::CommitmentDocument) => text(&c.document),
            (Row::Line(l), Source::LineLabel) => text(&l.label),
            (Row::Line(l), Source::LineCategory) => Some(choice(l.category)),
            (Row::Line(l), Source::LineYear) => Some(Value::Integer(l.year.into())),
            (Row::Line(l), Source::LineAmount) => Some(Value::Decimal(l.amount_ttc.value())),
            (Row::Line(l), Source::LineInBase) => {
                Some(Value::Bool(self.rules.exclusion(l.category).is_none()))
            }
            (Row::Target(i, _), Source::ImpactName) => text(&i.name),
            (Row::Target(i, _), Source::ImpactUnit) => text(&i.unit),
            (Row::Target(i, _), Source::ImpactBaseline) => {
                i.baseline.as_ref().and_then(|b| text(&b.value))
            }
            (Row::Target(i, _), Source::ImpactBaselineDate) => {
                i.baseline.as_ref().map(|b| Value::Date(b.date))
            }
            (Row::Target(_, t), Source::ImpactTarget) => text(&t.value),
            (Row::Target(_, t), Source::ImpactTargetDate) => Some(Value::Date(t.date)),
            _ => None,
        }
    }

    /// The files a file source names: the pack's PDF and JSON (by the name the export gives
    /// them), or the commitments' attachments, with their size and digest when the dossier
    /// knows them.
    #[must_use]
    pub fn files(&self, source: Source, pdf_name: &str) -> Vec<KnownFile> {
        let named = |name: &str| KnownFile {
            name: name.to_owned(),
            size: None,
            sha256: None,
        };
        match source {
            Source::PackPdf => vec![named(pdf_name)],
            Source::PackJson => vec![named("dossier.json")],
            Source::CommitmentFiles => self
                .dossier
                .attachments
                .iter()
                .filter(|a| a.kind == AttachmentKind::Commitment)
                .map(|a| KnownFile {
                    name: if a.file_name.trim().is_empty() {
                        a.name.clone()
                    } else {
                        a.file_name.clone()
                    },
                    size: a.size,
                    sha256: a.sha256.clone(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}
