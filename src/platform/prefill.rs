//! The prefill: each champ of the form matched to a value of the dossier by its label, the value
//! written exactly as the platform reads it (DS-PREFILL.md § 2) and checked against the champ
//! first — the platform drops a bad value silently, or stores an impossible drop-down value that
//! fails when the user submits. What cannot be filled is listed with why.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use std::collections::BTreeMap;

use super::description::{Champ, ChampKind, Description};
use super::fields::{Facts, Field, FormTable, Row, Shape, Source, Value};
use super::why::{NoLink, Why};
use crate::domain::checks::ChoiceRef;

/// The platform's own warning threshold for a prefill link (`MAX_PREFILL_LINK_LENGTH`).
pub const MAX_LINK_LENGTH: usize = 2_000;

/// The démarche, as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Demarche {
    /// Its number.
    pub number: u64,
    /// Its title.
    pub title: String,
    /// Its path.
    pub path: String,
}

/// A champ filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Filled {
    /// Its key (`champ_…`).
    pub champ: String,
    /// Its label.
    pub label: String,
    /// Where the value comes from, in the dossier's names.
    pub from: String,
}

/// A champ left empty, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotFilled {
    /// Its key (`champ_…`).
    pub champ: String,
    /// Its label (a table's sub-champ: « Table › Sous-champ (ligne 3) »).
    pub label: String,
    /// For a table's sub-champ: its label without the row (« Table › Sous-champ ») and the row,
    /// from 1, for an interface to say in its language.
    #[serde(skip)]
    pub row: Option<(String, usize)>,
    /// Whether the form requires it.
    pub required: bool,
    /// Why (in French when written out).
    pub why: Why,
    /// Whether it keeps the dossier from being complete on the platform: a required champ the
    /// platform could have taken.
    #[serde(skip)]
    pub blocks: bool,
}

/// A file to attach to an attachment champ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentFile {
    /// Its key (`champ_…`).
    pub champ: String,
    /// Its label.
    pub label: String,
    /// The file's name (in the pack, or among the dossier's attachments).
    pub file: String,
    /// Its size in bytes, when known (the pack exported, the attachment chosen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Its SHA-256, lower-case hexadecimal, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// A file whose size and digest are known: one of an exported pack's (its manifest), or of the
/// dossier's attachments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownFile {
    /// Its name.
    pub name: String,
    /// Its size in bytes, when known.
    pub size: Option<u64>,
    /// Its SHA-256, when known.
    pub sha256: Option<String>,
}

/// The PDF's name in the pack: the exported one's when the pack is known, else the name today's
/// export would give.
#[must_use]
pub fn pdf_name(known: &[KnownFile], today: String) -> String {
    known
        .iter()
        .find(|k| {
            std::path::Path::new(&k.name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        })
        .map_or(today, |k| k.name.clone())
}

/// What the user tied a champ to, by hand, where the labels differ (kept per démarche).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tie {
    /// Left empty: the user fills it on the platform.
    Nothing,
    /// This value of the dossier (of the table's rows, for a table's sub-champ).
    Value(Source),
}

/// The ties of a démarche's form, by champ id (stable across the form's revisions).
pub type Ties = BTreeMap<String, Tie>;

/// What a prefill is built with, besides the form and the dossier.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The PDF's name in the pack, when it is not yet exported (the name today's export gives).
    pub pdf_name: &'a str,
    /// The platform's address, for the link.
    pub base: &'a str,
    /// The champs the user tied by hand.
    pub ties: &'a Ties,
    /// The files whose size and digest are known (an exported pack's manifest).
    pub known: &'a [KnownFile],
}

/// What the prefill gives: the body the API would receive, the link when one can carry it, and
/// what was and was not filled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prefill {
    /// The démarche.
    pub demarche: Demarche,
    /// Exactly the object the API would receive.
    pub body: Map<String, Json>,
    /// A prefilled link, when it stays under [`MAX_LINK_LENGTH`] and holds no table.
    pub link: Option<String>,
    /// Why there is no link, when there is none.
    #[serde(skip)]
    pub link_why: Option<NoLink>,
    /// The champs filled, in the form's order.
    pub filled: Vec<Filled>,
    /// The champs left, in the form's order.
    pub not_filled: Vec<NotFilled>,
    /// The attachment champs and the file for each.
    pub attachments: Vec<AttachmentFile>,
}

impl Prefill {
    /// Whether some required champ the platform could take is left.
    #[must_use]
    pub fn incomplete(&self) -> bool {
        self.not_filled.iter().any(|n| n.blocks)
    }
}

/// A label as compared: lower case, no accents, punctuation and runs of spaces as one space, a
/// trailing parenthesis dropped (« Coût total du projet (TTC) » → « cout total du projet »).
#[must_use]
pub fn fold_label(label: &str) -> String {
    let trimmed = label.trim();
    let trimmed = match trimmed
        .strip_suffix(')')
        .and_then(|t| t.rfind('(').map(|at| &t[..at]))
    {
        Some(before) if !before.trim().is_empty() => before,
        _ => trimmed,
    };
    let folded = crate::domain::text::fold(trimmed);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// The shape of value a champ takes.
#[must_use]
pub fn shape_for(kind: &ChampKind) -> Shape {
    match kind {
        ChampKind::Repetition => Shape::Rows,
        ChampKind::Attachment => Shape::Files,
        _ => Shape::Scalar,
    }
}

/// How a champ found its field.
enum Found<'t> {
    /// By its label (or not at all).
    Label(Option<&'t Field>),
    /// By the user's tie: a field, or nothing.
    Tied(Option<&'t Field>),
}

/// The field of a champ: the user's tie when there is one that still names a field here (a
/// table's sub-champ is tied among the table's fields), else by its label.
fn resolve<'t>(fields: &'t [Field], champ: &Champ, ties: &Ties) -> Found<'t> {
    match ties.get(&champ.id) {
        Some(Tie::Nothing) => Found::Tied(None),
        // A tie that names no field here, or one of another shape (a table for a text), is
        // stale or hand-edited: the label decides.
        Some(Tie::Value(source)) => match fields
            .iter()
            .find(|f| f.source == *source && f.source.shape() == shape_for(&champ.kind))
        {
            Some(field) => Found::Tied(Some(field)),
            None => Found::Label(field_for(fields, champ)),
        },
        None => Found::Label(field_for(fields, champ)),
    }
}

/// The field a champ takes its value from, ties considered: `None` when tied to nothing or
/// matched to nothing.
#[must_use]
pub fn effective<'t>(fields: &'t [Field], champ: &Champ, ties: &Ties) -> Option<&'t Field> {
    match resolve(fields, champ, ties) {
        Found::Label(field) | Found::Tied(field) => field,
    }
}

/// The field a champ is matched to by its label: one of its labels, preferring a field whose
/// shape suits the champ's kind (a table for a repetition, files for an attachment).
#[must_use]
pub fn field_for<'t>(fields: &'t [Field], champ: &Champ) -> Option<&'t Field> {
    let label = fold_label(&champ.label);
    let wanted = shape_for(&champ.kind);
    let mut candidates = fields
        .iter()
        .filter(|f| f.labels.iter().any(|l| fold_label(l) == label));
    let first = candidates.next()?;
    if first.source.shape() == wanted {
        return Some(first);
    }
    candidates
        .find(|f| f.source.shape() == wanted)
        .or(Some(first))
}

/// The form's option for a choice: its French label, or the table's wording for it, compared
/// folded.
fn option_for<'o>(champ: &'o Champ, field: &Field, choice: &ChoiceRef) -> Option<&'o str> {
    let mut names = vec![fold_label(choice.label)];
    if let Some(aliases) = field.options.get(choice.id) {
        names.extend(aliases.iter().map(|a| fold_label(a)));
    }
    champ
        .options
        .iter()
        .find(|o| names.contains(&fold_label(o)))
        .map(String::as_str)
}

/// An amount as the platform parses a decimal: a dot, two places (`"180000.00"`).
fn amount_text(value: Decimal) -> String {
    format!("{:.2}", crate::domain::money::round_cents(value))
}

/// A percentage: its plain figure, at most three places (`"50"`, `"42.5"`).
fn percent_text(value: Decimal) -> String {
    value.round_dp(3).normalize().to_string()
}

/// A value written for a champ, or why it cannot be.
fn format(champ: &Champ, field: &Field, value: Value) -> Result<Json, Why> {
    let string = |s: String| Ok(Json::String(s));
    match (&champ.kind, value) {
        (
            ChampKind::Text | ChampKind::Textarea | ChampKind::Email | ChampKind::Phone,
            Value::Text(t),
        ) => string(t),
        (ChampKind::Text | ChampKind::Textarea, Value::Choice(c)) => string(c.label.to_owned()),
        (
            ChampKind::Text | ChampKind::Textarea | ChampKind::Decimal | ChampKind::Integer,
            Value::Integer(n),
        ) => string(n.to_string()),
        (ChampKind::Text | ChampKind::Textarea, Value::Date(d)) => string(d.to_fr()),
        (ChampKind::Decimal, Value::Decimal(d)) => string(amount_text(d)),
        (ChampKind::Decimal | ChampKind::Integer, Value::Percent(p)) if p.fract().is_zero() => {
            string(percent_text(p))
        }
        (ChampKind::Decimal, Value::Percent(p)) => string(percent_text(p)),
        (ChampKind::Integer, Value::Decimal(d)) if d.fract().is_zero() => {
            string(d.trunc().normalize().to_string())
        }
        (ChampKind::Date, Value::Date(d)) => string(d.to_iso()),
        (ChampKind::YesNo | ChampKind::Checkbox, Value::Bool(b)) => string(b.to_string()),
        (ChampKind::DropDown, Value::Choice(c)) => option_for(champ, field, &c)
            .map(|o| Json::String(o.to_owned()))
            .ok_or_else(|| Why::NoOption {
                choice: c.label.to_owned(),
                options: champ.options.clone(),
            }),
        (ChampKind::MultipleDropDown, Value::Choices(list)) => {
            let mut out = Vec::with_capacity(list.len());
            for c in &list {
                let Some(o) = option_for(champ, field, c) else {
                    return Err(Why::NoOptionMultiple(c.label.to_owned()));
                };
                out.push(Json::String(o.to_owned()));
            }
            Ok(Json::Array(out))
        }
        (ChampKind::Siret, Value::Text(t))
            if t.chars().filter(char::is_ascii_digit).count() == 14 =>
        {
            string(t.chars().filter(char::is_ascii_digit).collect())
        }
        (kind, _) => Err(Why::Mismatch {
            kind: kind.clone(),
            path: field.source.path(),
        }),
    }
}

struct Builder<'a> {
    facts: &'a Facts<'a>,
    options: &'a Options<'a>,
    out: Prefill,
}

impl Builder<'_> {
    fn left(&mut self, champ: &Champ, label: String, why: Why) {
        self.left_in_row(champ, label, None, why);
    }

    fn left_in_row(
        &mut self,
        champ: &Champ,
        label: String,
        row: Option<(String, usize)>,
        why: Why,
    ) {
        self.out.not_filled.push(NotFilled {
            champ: champ.key(),
            label,
            row,
            required: champ.required,
            why,
            blocks: champ.required && champ.kind.prefillable(),
        });
    }

    fn champ(&mut self, fields: &[Field], champ: &Champ) {
        if !champ.kind.is_input() {
            return;
        }
        let field = match resolve(fields, champ, self.options.ties) {
            Found::Tied(None) => {
                self.left(champ, champ.label.clone(), Why::TiedToNothing);
                return;
            }
            Found::Tied(Some(field)) | Found::Label(Some(field)) => field,
            Found::Label(None) => {
                let why = if champ.kind.prefillable() {
                    Why::NoLabel
                } else {
                    Why::NotPrefillable(champ.kind.clone())
                };
                self.left(champ, champ.label.clone(), why);
                return;
            }
        };
        match (&champ.kind, field.source.shape()) {
            (ChampKind::Attachment, Shape::Files) => self.files(champ, field),
            (ChampKind::Attachment, _) => {
                self.left(champ, champ.label.clone(), Why::AttachmentOnPlatform);
            }
            (ChampKind::Repetition, Shape::Rows) => self.table(champ, field),
            (kind, _) if !kind.prefillable() => {
                self.left(
                    champ,
                    champ.label.clone(),
                    Why::NotPrefillable(kind.clone()),
                );
            }
            _ => match self.facts.value(field.source) {
                None => self.left(
                    champ,
                    champ.label.clone(),
                    Why::NoValue(field.source.path()),
                ),
                Some(value) => match format(champ, field, value) {
                    Ok(json) => {
                        self.out.body.insert(champ.key(), json);
                        self.out.filled.push(Filled {
                            champ: champ.key(),
                            label: champ.label.clone(),
                            from: field.source.path().to_owned(),
                        });
                    }
                    Err(why) => self.left(champ, champ.label.clone(), why),
                },
            },
        }
    }

    fn files(&mut self, champ: &Champ, field: &Field) {
        let files = self.facts.files(field.source, self.options.pdf_name);
        if files.is_empty() {
            self.left(champ, champ.label.clone(), Why::NoFiles);
        }
        for file in files {
            let known = self.options.known.iter().find(|k| k.name == file.name);
            self.out.attachments.push(AttachmentFile {
                champ: champ.key(),
                label: champ.label.clone(),
                size: file.size.or_else(|| known.and_then(|k| k.size)),
                sha256: file.sha256.or_else(|| known.and_then(|k| k.sha256.clone())),
                file: file.name,
            });
        }
    }

    fn table(&mut self, champ: &Champ, field: &Field) {
        let rows = self.facts.rows(field.source);
        if rows.is_empty() {
            self.left(champ, champ.label.clone(), Why::NoRows);
            return;
        }
        // The sub-champs matched once, not once a row: 10 000 budget lines stay quick.
        let mut subs = Vec::with_capacity(champ.children.len());
        for sub in champ.children.iter().filter(|c| c.kind.is_input()) {
            match resolve(&field.rows, sub, self.options.ties) {
                Found::Tied(Some(sub_field)) | Found::Label(Some(sub_field)) => subs.push(Sub {
                    champ: sub,
                    key: sub.key(),
                    field: sub_field,
                    options: std::collections::HashMap::new(),
                }),
                Found::Tied(None) => self.left(
                    sub,
                    format!("{} › {}", champ.label, sub.label),
                    Why::TiedToNothing,
                ),
                Found::Label(None) => self.left(
                    sub,
                    format!("{} › {}", champ.label, sub.label),
                    Why::NoLabelInTable,
                ),
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for (n, row) in rows.iter().enumerate() {
            out.push(Json::Object(self.row(champ, &mut subs, row, n + 1)));
        }
        self.out.body.insert(champ.key(), Json::Array(out));
        self.out.filled.push(Filled {
            champ: champ.key(),
            label: champ.label.clone(),
            from: field.source.path().to_owned(),
        });
    }

    fn row(
        &mut self,
        table: &Champ,
        subs: &mut [Sub<'_>],
        row: &Row<'_>,
        n: usize,
    ) -> Map<String, Json> {
        let mut object = Map::with_capacity(subs.len());
        for sub in subs.iter_mut() {
            let written = match self.facts.row_value(row, sub.field.source) {
                None => Err(Why::NoRowValue(sub.field.source.path())),
                // A drop-down's option found once per choice.
                Some(Value::Choice(c)) if sub.champ.kind == ChampKind::DropDown => sub
                    .options
                    .entry(c.id)
                    .or_insert_with(|| format(sub.champ, sub.field, Value::Choice(c)))
                    .clone(),
                Some(value) => format(sub.champ, sub.field, value),
            };
            match written {
                Ok(json) => {
                    object.insert(sub.key.clone(), json);
                }
                Err(why) => {
                    let cell = format!("{} › {}", table.label, sub.champ.label);
                    let label = format!("{cell} (ligne {n})");
                    self.left_in_row(sub.champ, label, Some((cell, n)), why);
                }
            }
        }
        object
    }
}

/// A table's sub-champ, matched to its field, with the options found so far by choice id.
struct Sub<'a> {
    champ: &'a Champ,
    key: String,
    field: &'a Field,
    options: std::collections::HashMap<&'static str, Result<Json, Why>>,
}

/// Builds the prefill of a dossier for a form.
#[must_use]
pub fn build(
    description: &Description,
    table: &FormTable,
    facts: &Facts<'_>,
    options: &Options<'_>,
) -> Prefill {
    let mut builder = Builder {
        facts,
        options,
        out: Prefill {
            demarche: Demarche {
                number: description.number,
                title: description.title.clone(),
                path: description.path.clone(),
            },
            body: Map::new(),
            link: None,
            link_why: None,
            filled: Vec::new(),
            not_filled: Vec::new(),
            attachments: Vec::new(),
        },
    };
    for champ in &description.champs {
        builder.champ(&table.fields, champ);
    }
    let mut out = builder.out;
    match link(options.base, &description.path, &out.body) {
        Ok(url) => out.link = Some(url),
        Err(why) => out.link_why = Some(why),
    }
    out
}

/// The prefill link (`{base}/commencer/{path}?champ_X=…`), or why there is none.
///
/// # Errors
/// Why a link cannot carry this body: a table, a length over the platform's limit, no path.
pub fn link(base: &str, path: &str, body: &Map<String, Json>) -> Result<String, NoLink> {
    if path.is_empty() {
        return Err(NoLink::NoPath);
    }
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in body {
        match value {
            Json::String(s) => {
                query.append_pair(key, s);
            }
            Json::Array(items) if items.iter().all(Json::is_string) => {
                for item in items {
                    query.append_pair(&format!("{key}[]"), item.as_str().unwrap_or_default());
                }
            }
            _ => {
                return Err(NoLink::Tables);
            }
        }
    }
    let url = format!(
        "{}/commencer/{path}?{}",
        base.trim_end_matches('/'),
        query.finish()
    );
    if url.len() > MAX_LINK_LENGTH {
        return Err(NoLink::TooLong(url.len()));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fold_case_accents_punctuation_spaces_and_a_trailing_parenthesis() {
        assert_eq!(
            fold_label("Coût total du projet (TTC)"),
            "cout total du projet"
        );
        assert_eq!(
            fold_label("  COÛT   total du projet  "),
            "cout total du projet"
        );
        assert_eq!(
            fold_label("Nom de l’application"),
            fold_label("Nom de l'application")
        );
        assert_eq!(
            fold_label("Taux de cofinancement demandé (%)"),
            "taux de cofinancement demande"
        );
        assert_eq!(
            fold_label("PI (cloud interne, ministère de l'Intérieur)"),
            "pi"
        );
        assert_eq!(
            fold_label("Données Sensibles"),
            fold_label("Données sensibles")
        );
        assert_eq!(
            fold_label("(TTC)"),
            "ttc",
            "a label that is only a parenthesis stays"
        );
    }

    #[test]
    fn amounts_have_a_dot_and_two_places_and_percentages_their_plain_figure() {
        assert_eq!(amount_text(Decimal::new(18_000_000, 2)), "180000.00");
        assert_eq!(amount_text(Decimal::new(1_234_567, 2)), "12345.67");
        assert_eq!(percent_text(Decimal::new(5000, 2)), "50");
        assert_eq!(percent_text(Decimal::new(425, 1)), "42.5");
    }
}
