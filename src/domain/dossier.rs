//! The dossier: everything a project lead files, as Rust types whose serde form is the JSON of
//! `PACK-FORMAT.md` (`dossier-cloud/1`). Drafts use the same types in RON.
//!
//! A draft may be incomplete: what is not yet known is `None` or empty, and the checks say what is
//! missing. What is present is always well-formed (amounts, dates and choices are checked when read).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choice_enum;
use super::dates::Date;
use super::money::{Amount, Rate};
use super::values::{ValueError, recorded};

/// The `format` value of the current version of the dossier files.
pub const FORMAT: &str = "dossier-cloud/1";

/// A whole dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dossier {
    /// Always [`FORMAT`] once read; checked by the storage layer before the rest is read.
    pub format: String,
    /// The funding window's id (`FTAP-2023`), which picks the rule set.
    pub window: String,
    /// Who applies.
    #[serde(default)]
    pub applicant: Applicant,
    /// What the project is and when it runs.
    #[serde(default)]
    pub project: Project,
    /// The operations, possibly combined (FTAP-OPTYPES).
    #[serde(default)]
    pub operations: Vec<Operation>,
    /// The budget lines and the requested rate.
    #[serde(default)]
    pub budget: Budget,
    /// The mandatory and impact indicators.
    #[serde(default)]
    pub indicators: Indicators,
    /// The documents joined to the dossier.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The prefilled dossier on the forms platform, once handed over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<PlatformRecord>,
    /// The warnings the applicant acknowledged, with why (PACK-FORMAT.md, « acknowledgements »).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Acknowledgement>,
    /// After the award: the commitment as signed (PACK-FORMAT.md, « Follow-up additions »).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<super::follow::Commitment>,
    /// After the award: what happens, followed against the commitment.
    #[serde(default, skip_serializing_if = "super::follow::Tracking::is_empty")]
    pub tracking: super::follow::Tracking,
}

/// A warning the applicant acknowledged, with why. It holds while the warning says the same:
/// when its figures change, so does its message, and the warning shows again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Acknowledgement {
    /// The rule's id (`FTAP-ORIGIN`).
    pub rule: String,
    /// The field the warning is about, as a path; empty when it names none.
    #[serde(default)]
    pub field: String,
    /// Why the applicant goes on (« La DINUM a été contactée le 12/11 »).
    pub reason: String,
    /// When it was acknowledged.
    pub date: Date,
    /// The warning's French message when acknowledged, figures included (an addition to the
    /// format's `{rule, field, reason, date}`).
    #[serde(default)]
    pub message: String,
}

/// Where the dossier was handed to the forms platform (PACK-FORMAT.md, « platform »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlatformRecord {
    /// The platform's address.
    pub base: String,
    /// The démarche's number.
    pub demarche: u64,
    /// The prefilled dossier's number on the platform.
    pub dossier_number: u64,
    /// The token that proves it is the one prefilled.
    pub prefill_token: String,
    /// Where the user takes it over.
    pub url: String,
    /// When it was sent (UTC, `2026-12-01T10:20:00Z`).
    pub sent_at: String,
    /// What the platform answered when asked where the dossier stands, each change once,
    /// oldest first: taken over, submitted, under instruction, decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<PlatformState>,
}

/// Where the dossier stood on the platform when it was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlatformState {
    /// When the platform was asked (UTC, `2026-12-01T10:20:00Z`).
    pub asked_at: String,
    /// `waiting` (not taken over yet), `unknown` (deleted), or the platform's own state
    /// (`brouillon`, `en_construction`, `en_instruction`, `accepte`, `refuse`, `sans_suite`).
    pub state: String,
    /// When it was submitted, once it was (as the platform says it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// When it was decided, once it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processed_at: Option<String>,
}

impl PlatformRecord {
    /// Adds what the platform answered to the timeline when it says something new (asking
    /// twice the same day keeps one entry); whether it did.
    pub fn note(&mut self, answer: PlatformState) -> bool {
        let same = |last: &PlatformState| {
            last.state == answer.state
                && last.submitted_at == answer.submitted_at
                && last.processed_at == answer.processed_at
        };
        if self.timeline.last().is_some_and(same) {
            return false;
        }
        self.timeline.push(answer);
        true
    }
}

impl Dossier {
    /// The year a new budget line starts with: the last line's, else the project's start's,
    /// else `today`'s.
    #[must_use]
    pub fn new_line_year(&self, today: crate::domain::Date) -> i32 {
        self.budget
            .lines
            .last()
            .map(|l| l.year)
            .or_else(|| self.project.start.map(crate::domain::Date::year))
            .unwrap_or_else(|| today.year())
    }

    /// An empty dossier for a window.
    #[must_use]
    pub fn new(window: &str) -> Self {
        Dossier {
            format: FORMAT.to_owned(),
            window: window.to_owned(),
            applicant: Applicant::default(),
            project: Project::default(),
            operations: Vec::new(),
            budget: Budget::default(),
            indicators: Indicators::default(),
            attachments: Vec::new(),
            platform: None,
            acknowledgements: Vec::new(),
            commitment: None,
            tracking: super::follow::Tracking::default(),
        }
    }

    /// Every application of every migration operation, with the operation's index.
    pub fn applications(&self) -> impl Iterator<Item = (usize, usize, &Application)> {
        self.operations
            .iter()
            .enumerate()
            .filter_map(|(o, op)| match op {
                Operation::Migration { applications } => Some((o, applications)),
                Operation::Extension(_) => None,
            })
            .flat_map(|(o, apps)| apps.iter().enumerate().map(move |(a, app)| (o, a, app)))
    }

    /// Every extension operation, with its index.
    pub fn extensions(&self) -> impl Iterator<Item = (usize, &Extension)> {
        self.operations
            .iter()
            .enumerate()
            .filter_map(|(o, op)| match op {
                Operation::Extension(ext) => Some((o, ext)),
                Operation::Migration { .. } => None,
            })
    }
}

choice_enum! {
    /// The kind of body that applies (FTAP-APPLICANT).
    pub enum ApplicantKind {
        StateAdministration = ("state_administration", "Administration d'État"),
        StateOperator = ("state_operator", "Opérateur de l'État"),
        LocalAuthority = ("local_authority", "Collectivité territoriale"),
        Other = ("other", "Autre organisme (hôpital, organisme privé…)"),
    }
}

/// Who applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Applicant {
    /// The kind of body; `None` until chosen.
    pub kind: Option<ApplicantKind>,
    /// The ministry it belongs to or is under the supervision of.
    pub ministry: String,
    /// The directorate, service or operator's name.
    pub entity: String,
    /// The person to contact.
    pub contact: Contact,
}

/// The person to contact about the dossier.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Contact {
    /// First and last name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Telephone number, as typed.
    pub phone: String,
}

/// What the project is, and its schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Project {
    /// A short title.
    pub title: String,
    /// What the project does and why, in a few sentences.
    pub summary: String,
    /// When the project starts.
    pub start: Option<Date>,
    /// When its first real impact is expected (FTAP-FAST).
    pub first_impact: Option<Date>,
    /// When it ends.
    pub end: Option<Date>,
}

/// One operation of the dossier (FTAP-OPTYPES). In files: `{"type": "migration", …}` or
/// `{"type": "extension", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawOperation", into = "RawOperation")]
pub enum Operation {
    /// Migration of one or more applications to the trusted cloud.
    Migration {
        /// The applications migrated.
        applications: Vec<Application>,
    },
    /// Extension or quality upgrade of the internal cloud offers PI or NUBO.
    Extension(Extension),
}

choice_enum! {
    /// The two operation types.
    pub enum OperationType {
        Migration = ("migration", "Migration d'applications"),
        Extension = ("extension", "Extension des offres de cloud interne (PI, NUBO)"),
    }
}

impl Operation {
    /// The operation's type.
    #[must_use]
    pub fn kind(&self) -> OperationType {
        match self {
            Operation::Migration { .. } => OperationType::Migration,
            Operation::Extension(_) => OperationType::Extension,
        }
    }
}

/// The flat form of an operation in files. Internally tagged serde enums do not survive RON, so
/// the tag is read as a plain field and the operation is built from it.
#[derive(Serialize, Deserialize, JsonSchema)]
struct RawOperation {
    #[serde(rename = "type")]
    kind: OperationType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    applications: Option<Vec<Application>>,
    // Absent (a migration) differs from `null` (an extension whose offer is not chosen yet).
    #[allow(clippy::option_option)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    offer: Option<Option<InternalOffer>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    services: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    commitments: Option<Vec<Commitment>>,
}

impl JsonSchema for Operation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Operation".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RawOperation::json_schema(generator)
    }
}

impl TryFrom<RawOperation> for Operation {
    type Error = ValueError;

    fn try_from(raw: RawOperation) -> Result<Self, Self::Error> {
        match raw.kind {
            OperationType::Migration => {
                if raw.offer.is_some() || raw.services.is_some() || raw.commitments.is_some() {
                    return Err(recorded(ValueError::MigrationWithExtensionFields));
                }
                Ok(Operation::Migration {
                    applications: raw.applications.unwrap_or_default(),
                })
            }
            OperationType::Extension => {
                if raw.applications.is_some() {
                    return Err(recorded(ValueError::ExtensionWithApplications));
                }
                Ok(Operation::Extension(Extension {
                    offer: raw.offer.flatten(),
                    services: raw.services.unwrap_or_default(),
                    commitments: raw.commitments.unwrap_or_default(),
                }))
            }
        }
    }
}

impl From<Operation> for RawOperation {
    fn from(op: Operation) -> Self {
        match op {
            Operation::Migration { applications } => RawOperation {
                kind: OperationType::Migration,
                applications: Some(applications),
                offer: None,
                services: None,
                commitments: None,
            },
            Operation::Extension(ext) => RawOperation {
                kind: OperationType::Extension,
                applications: None,
                offer: Some(ext.offer),
                services: Some(ext.services),
                commitments: Some(ext.commitments),
            },
        }
    }
}

choice_enum! {
    /// How sensitive an application's data is (doctrine "Cloud au centre").
    pub enum Sensitivity {
        NonSensitive = ("non_sensitive", "Données non sensibles"),
        Sensitive = ("sensitive", "Données sensibles"),
        DiffusionRestreinte = ("diffusion_restreinte", "Diffusion Restreinte"),
    }
}

choice_enum! {
    /// Where an application is hosted before the migration (FTAP-ORIGIN).
    pub enum Origin {
        Physical = ("physical", "Infrastructure physique"),
        InternalOther = ("internal_other", "Cloud interne autre que PI ou NUBO"),
        CloudNotQualified = ("cloud_not_qualified", "Cloud non qualifié SecNumCloud"),
        TrustedCloud = ("trusted_cloud", "Déjà sur un cloud de confiance"),
    }
}

choice_enum! {
    /// The kind of target hosting (FTAP-TARGET).
    pub enum TargetKind {
        Pi = ("pi", "PI (cloud interne, ministère de l'Intérieur)"),
        Nubo = ("nubo", "NUBO (cloud interne, DGFiP)"),
        SecNumCloud = ("secnumcloud", "Offre commerciale qualifiée SecNumCloud"),
        GenericExternal = ("generic_external", "Cloud externe générique ou offre non qualifiée"),
    }
}

choice_enum! {
    /// The internal cloud offers an extension may concern.
    pub enum InternalOffer {
        Pi = ("pi", "PI"),
        Nubo = ("nubo", "NUBO"),
    }
}

impl InternalOffer {
    /// The same offer as a migration target.
    #[must_use]
    pub fn as_target(self) -> TargetKind {
        match self {
            InternalOffer::Pi => TargetKind::Pi,
            InternalOffer::Nubo => TargetKind::Nubo,
        }
    }
}

choice_enum! {
    /// How critical an application is for the administration (a reviewers' criterion).
    pub enum Criticality {
        Low = ("low", "Faible"),
        Medium = ("medium", "Moyenne"),
        High = ("high", "Élevée"),
        Vital = ("vital", "Vitale"),
    }
}

/// One application of a migration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Application {
    /// Its usual name.
    pub name: String,
    /// How sensitive its data is.
    pub data_sensitivity: Option<Sensitivity>,
    /// Where it is hosted today.
    pub origin: Option<Origin>,
    /// Where it goes.
    pub target: Option<Target>,
    /// How critical it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criticality: Option<Criticality>,
    /// How many people use it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<u32>,
}

/// Where an application goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// The kind of hosting.
    pub kind: TargetKind,
    /// The offer's name (for a catalogued offer, its catalogue name).
    #[serde(default)]
    pub offer: String,
    /// The catalogue entry picked, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogue_id: Option<String>,
    /// For a qualified offer not in the catalogue: the qualification reference given by the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification_ref: Option<String>,
}

/// An extension of PI or NUBO.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extension {
    /// The offer extended.
    pub offer: Option<InternalOffer>,
    /// The new or improved services (FTAP-EXT-SCOPE).
    pub services: Vec<String>,
    /// Third ministries' commitments to use them (FTAP-EXT-COMMIT).
    pub commitments: Vec<Commitment>,
}

/// A ministry's formal commitment to use the extended services.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Commitment {
    /// The committed ministry.
    pub ministry: String,
    /// The attachment that carries the commitment (its name in the attachments list).
    pub document: String,
}

choice_enum! {
    /// What a budget line pays for. Some categories are excluded from the cost base (FTAP-EXCLUDED);
    /// which ones is rule data, not code.
    pub enum Category {
        ExternalService = ("external_service", "Prestations externes"),
        InternalStaff = ("internal_staff", "Personnel interne"),
        Training = ("training", "Formation et acculturation"),
        Hardware = ("hardware", "Matériel"),
        Software = ("software", "Logiciels (licences, souscriptions)"),
        CloudResources = ("cloud_resources", "Ressources cloud consommées"),
        FunctionalChange = ("functional_change", "Évolutions fonctionnelles"),
        Other = ("other", "Autre"),
    }
}

/// The budget: its lines and the rate asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Budget {
    /// The rate asked for; `None` means the window's cap.
    pub requested_rate: Option<Rate>,
    /// The lines, in the user's order.
    pub lines: Vec<BudgetLine>,
}

/// One budget line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetLine {
    /// What it is.
    pub label: String,
    /// What it pays for.
    pub category: Category,
    /// The year it is spent.
    pub year: i32,
    /// The amount, all taxes included.
    pub amount_ttc: Amount,
}

impl Budget {
    /// The years that have lines, in order.
    #[must_use]
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.lines.iter().map(|l| l.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Copies every line of `year` into the next year, after the last line, in their order;
    /// returns how many were copied.
    pub fn copy_year_to_next(&mut self, year: i32) -> usize {
        let copies: Vec<BudgetLine> = self
            .lines
            .iter()
            .filter(|l| l.year == year)
            .map(|l| BudgetLine {
                year: year + 1,
                ..l.clone()
            })
            .collect();
        let count = copies.len();
        self.lines.extend(copies);
        count
    }
}

/// A measure at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Measure<V> {
    /// When.
    pub date: Date,
    /// What.
    pub value: V,
}

/// A tracked indicator: today's measure and dated targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(bound(deserialize = "V: Deserialize<'de>"))]
pub struct Tracked<V> {
    /// Today's measure.
    #[serde(default)]
    pub baseline: Option<Measure<V>>,
    /// Measures to reach, by date.
    #[serde(default)]
    pub targets: Vec<Measure<V>>,
}

impl<V> Default for Tracked<V> {
    fn default() -> Self {
        Tracked {
            baseline: None,
            targets: Vec::new(),
        }
    }
}

choice_enum! {
    /// The two indicators every dossier reports (FTAP-IND-MANDATORY), as messages name them.
    pub enum MandatoryIndicator {
        Savings = ("savings", "économies induites"),
        AgentsTrained = ("agents_trained", "agents formés et travaillant dans un contexte cloud"),
    }
}

choice_enum! {
    /// The State's three priorities for trusted-cloud projects (seed 003), used to group indicators.
    pub enum Priority {
        Security = ("security", "Sécurité, disponibilité et résilience"),
        Productivity = ("productivity", "Productivité et réactivité des équipes"),
        Steering = ("steering", "Pilotage économique et environnemental"),
    }
}

/// An impact indicator (FTAP-IND-IMPACT).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ImpactIndicator {
    /// What is measured.
    pub name: String,
    /// In what unit.
    pub unit: String,
    /// Which priority it serves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// Today's measure.
    pub baseline: Option<Measure<String>>,
    /// Measures to reach, by date.
    pub targets: Vec<Measure<String>>,
}

/// The indicators (FTAP-IND-MANDATORY, FTAP-IND-IMPACT).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Indicators {
    /// The savings the project brings, in euros.
    pub savings: Tracked<Amount>,
    /// Agents trained and working in a cloud context.
    pub agents_trained: Tracked<u32>,
    /// Impact indicators.
    pub impact: Vec<ImpactIndicator>,
}

choice_enum! {
    /// What an attachment is.
    pub enum AttachmentKind {
        Commitment = ("commitment", "Engagement d'un ministère tiers"),
        ProjectNote = ("project_note", "Note de présentation du projet"),
        BudgetDetail = ("budget_detail", "Détail du budget"),
        Schedule = ("schedule", "Planning détaillé"),
        Other = ("other", "Autre pièce"),
    }
}

/// A document joined to the dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Attachment {
    /// The name it is referred to by (a commitment's `document`).
    pub name: String,
    /// What it is.
    pub kind: AttachmentKind,
    /// The file's name, without folder.
    #[serde(default)]
    pub file_name: String,
    /// The file's SHA-256, in lower-case hexadecimal, once the file is chosen.
    #[serde(default)]
    pub sha256: Option<String>,
    /// The file's size in bytes, once the file is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;

    #[test]
    fn the_platform_s_timeline_keeps_each_change_once() {
        let mut record = PlatformRecord {
            base: "https://www.demarches-simplifiees.fr".into(),
            demarche: 1,
            dossier_number: 2,
            prefill_token: "t".into(),
            url: "u".into(),
            sent_at: "2026-12-01T10:00:00Z".into(),
            timeline: Vec::new(),
        };
        let answer = |at: &str, state: &str, submitted: Option<&str>| PlatformState {
            asked_at: at.into(),
            state: state.into(),
            submitted_at: submitted.map(Into::into),
            processed_at: None,
        };
        assert!(record.note(answer("2026-12-02T08:00:00Z", "en_construction", None)));
        // Asked again, the same answer: kept once, with its first date.
        assert!(!record.note(answer("2026-12-03T08:00:00Z", "en_construction", None)));
        // Submitted: the same state, a new date said, kept.
        let submitted = Some("2026-12-03T09:00:00+01:00");
        assert!(record.note(answer("2026-12-04T08:00:00Z", "en_construction", submitted)));
        assert!(record.note(answer("2026-12-09T08:00:00Z", "en_instruction", submitted)));
        let asked: Vec<&str> = record
            .timeline
            .iter()
            .map(|s| s.asked_at.as_str())
            .collect();
        assert_eq!(
            asked,
            [
                "2026-12-02T08:00:00Z",
                "2026-12-04T08:00:00Z",
                "2026-12-09T08:00:00Z"
            ]
        );
    }

    #[test]
    fn a_new_budget_line_takes_the_last_lines_year_else_the_start_else_this_year() {
        let today = Date::from_ymd(2026, 12, 6).expect("date");
        let mut d = Dossier::new(crate::domain::DEFAULT_WINDOW);
        assert_eq!(d.new_line_year(today), 2026, "nothing yet: this year");
        d.project.start = Some(Date::from_ymd(2028, 3, 1).expect("date"));
        assert_eq!(d.new_line_year(today), 2028, "the project's start");
        d.budget.lines.push(BudgetLine {
            label: "Serveurs".into(),
            category: Category::Hardware,
            year: 2029,
            amount_ttc: crate::domain::Amount::ZERO,
        });
        assert_eq!(d.new_line_year(today), 2029, "the last line's");
    }
}
