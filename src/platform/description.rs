//! The form's published description (`GET {base}/preremplir/{path}/schema`, DS-PREFILL.md § 1),
//! read from the JSON a user saved: the démarche's number, title and path, and its champs in the
//! form's order. Tolerant where it is safe (unknown champ types and keys are kept or ignored),
//! strict where the prefill depends on it (a champ without `id`, no `revision`).

use serde_json::Value;

/// What kind of champ it is, from its `__typename`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChampKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Textarea,
    /// A decimal number (`"180000.00"`).
    Decimal,
    /// A whole number.
    Integer,
    /// A date (`"2027-01-04"`).
    Date,
    /// A date and time.
    Datetime,
    /// Yes or no.
    YesNo,
    /// A check box.
    Checkbox,
    /// An e-mail address.
    Email,
    /// A telephone number.
    Phone,
    /// A SIRET number.
    Siret,
    /// One of `options`.
    DropDown,
    /// Several of `options`.
    MultipleDropDown,
    /// A table: rows of the sub-champs.
    Repetition,
    /// A file to attach.
    Attachment,
    /// A section title.
    Header,
    /// A text that explains.
    Explanation,
    /// A type this app does not know (kept, never prefilled).
    Other(String),
}

impl ChampKind {
    fn of(typename: &str) -> Self {
        match typename.trim_end_matches("ChampDescriptor") {
            "Text" => ChampKind::Text,
            "Textarea" => ChampKind::Textarea,
            "DecimalNumber" => ChampKind::Decimal,
            "IntegerNumber" => ChampKind::Integer,
            "Date" => ChampKind::Date,
            "Datetime" => ChampKind::Datetime,
            "YesNo" => ChampKind::YesNo,
            "Checkbox" => ChampKind::Checkbox,
            "Email" => ChampKind::Email,
            "Phone" => ChampKind::Phone,
            "Siret" => ChampKind::Siret,
            "DropDownList" => ChampKind::DropDown,
            "MultipleDropDownList" => ChampKind::MultipleDropDown,
            "Repetition" => ChampKind::Repetition,
            "PieceJustificative" => ChampKind::Attachment,
            "HeaderSection" => ChampKind::Header,
            "Explication" => ChampKind::Explanation,
            _ => ChampKind::Other(typename.to_owned()),
        }
    }

    /// Whether the platform takes a value for it in a prefill (DS-PREFILL.md § 2).
    #[must_use]
    pub fn prefillable(&self) -> bool {
        !matches!(
            self,
            ChampKind::Attachment
                | ChampKind::Header
                | ChampKind::Explanation
                | ChampKind::Datetime
                | ChampKind::Other(_)
        )
    }

    /// Whether it asks the user for something (a section title or an explanation does not).
    #[must_use]
    pub fn is_input(&self) -> bool {
        !matches!(self, ChampKind::Header | ChampKind::Explanation)
    }
}

/// One champ of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Champ {
    /// Its id as published (base64 of `Champ-<n>`, with its `=` padding).
    pub id: String,
    /// What kind it is.
    pub kind: ChampKind,
    /// Its label.
    pub label: String,
    /// Whether the form requires it.
    pub required: bool,
    /// A drop-down's options, in the form's order.
    pub options: Vec<String>,
    /// A repetition's sub-champs.
    pub children: Vec<Champ>,
}

impl Champ {
    /// Its prefill key: `champ_` and the id without its padding.
    #[must_use]
    pub fn key(&self) -> String {
        format!("champ_{}", self.id.trim_end_matches('='))
    }
}

/// The description of a démarche's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// The démarche's number, which the API's address needs.
    pub number: u64,
    /// Its title.
    pub title: String,
    /// Its path (`guichet-adoption-du-cloud-computing`), from `demarcheURL`.
    pub path: String,
    /// Its state (`publiee`, `brouillon`, `close`…), as published.
    pub state: String,
    /// When the démarche last changed, as published.
    pub last_modified: Option<String>,
    /// The champs, in the form's order.
    pub champs: Vec<Champ>,
}

/// Why a description cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DescriptionError {
    /// The file is empty.
    #[error("le fichier est vide")]
    Empty,
    /// Not JSON.
    #[error("ce n'est pas du JSON (ligne {line}, colonne {column} : {reason})")]
    NotJson {
        /// Where.
        line: usize,
        /// Where.
        column: usize,
        /// The parser's reason, in French.
        reason: String,
    },
    /// JSON, but not a démarche's description.
    #[error("ce n'est pas la description d'une démarche : {0}")]
    NotADescription(String),
    /// A champ lacks what the prefill needs.
    #[error("le champ n°{n} ({label}) n'a pas {what}")]
    BadChamp {
        /// Its place in the form, from 1 (a sub-champ counts in its table).
        n: usize,
        /// Its label, or « sans libellé ».
        label: String,
        /// What is missing.
        what: &'static str,
    },
}

/// Reads a description from the saved JSON.
///
/// # Errors
/// A [`DescriptionError`] saying what is wrong.
pub fn parse(text: &str) -> Result<Description, DescriptionError> {
    if text.trim().is_empty() {
        return Err(DescriptionError::Empty);
    }
    let root: Value = serde_json::from_str(text).map_err(|e| DescriptionError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: crate::i18n::serde_fr::serde_message(
            e.to_string().split(" at line ").next().unwrap_or_default(),
        ),
    })?;
    // A description saved from the GraphQL API rather than the public page is wrapped.
    let root = root
        .pointer("/data/demarche")
        .or_else(|| root.pointer("/data/demarcheDescriptor"))
        .unwrap_or(&root);
    let object = root
        .as_object()
        .ok_or_else(|| DescriptionError::NotADescription("un objet JSON est attendu".into()))?;
    let number = object
        .get("number")
        .and_then(|n| {
            n.as_u64()
                .or_else(|| n.as_str().and_then(|s| s.parse().ok()))
        })
        .ok_or_else(|| {
            DescriptionError::NotADescription("le numéro de la démarche (« number ») manque".into())
        })?;
    let revision = object
        .get("revision")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            DescriptionError::NotADescription(
                "la révision du formulaire (« revision ») manque".into(),
            )
        })?;
    let list = revision
        .get("champDescriptors")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            DescriptionError::NotADescription(
                "la liste des champs (« revision.champDescriptors ») manque".into(),
            )
        })?;
    let mut n = 0;
    let champs = champs(list, &mut n, true)?;
    let text_of = |key: &str| object.get(key).and_then(Value::as_str).unwrap_or_default();
    Ok(Description {
        number,
        title: text_of("title").to_owned(),
        path: path_of(text_of("demarcheURL")),
        state: text_of("state").to_owned(),
        last_modified: object
            .get("dateDerniereModification")
            .and_then(Value::as_str)
            .map(str::to_owned),
        champs,
    })
}

/// The démarche's path, from `…/commencer/{path}` (without a query or a trailing slash).
fn path_of(url: &str) -> String {
    url.split_once("/commencer/")
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .split(['?', '#', '/'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn champs(list: &[Value], n: &mut usize, top: bool) -> Result<Vec<Champ>, DescriptionError> {
    let mut out = Vec::with_capacity(list.len());
    for value in list {
        *n += 1;
        let label = value
            .get("label")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let named = || {
            if label.is_empty() {
                "sans libellé".to_owned()
            } else {
                format!("« {label} »")
            }
        };
        let bad = |what| DescriptionError::BadChamp {
            n: *n,
            label: named(),
            what,
        };
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| bad("d'« id »"))?
            .to_owned();
        let typename = value
            .get("__typename")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("de type (« __typename »)"))?;
        let kind = ChampKind::of(typename);
        let options = value
            .get("options")
            .and_then(Value::as_array)
            .map(|o| {
                o.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let children = match (
            &kind,
            value.get("champDescriptors").and_then(Value::as_array),
        ) {
            // One level of tables only, as the platform has it.
            (ChampKind::Repetition, Some(sub)) if top => champs(sub, n, false)?,
            _ => Vec::new(),
        };
        out.push(Champ {
            id,
            kind,
            label,
            required: value
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            options,
            children,
        });
    }
    Ok(out)
}
