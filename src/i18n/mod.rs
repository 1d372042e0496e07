//! Interface texts, one file per language: `assets/i18n/fr.ron` and `assets/i18n/en.ron`, each a
//! map from a key (`menu.file`) to its text, with `{name}` placeholders filled by [`Texts::tf`].
//!
//! French is the default and the language of the dossier itself: the labels of the closed lists
//! (applicant kinds, categories…) and the step titles are French in the domain, where messages
//! and the JSON use them, so the French file does not repeat them; the English file gives them
//! under `choice.<list>.<id>`, `step.<id>` and `severity.<id>`.
//!
//! The language is passed explicitly (no global state): tests run windows side by side, and the
//! PDF may be written in a language other than the one on screen.

mod errors;
pub mod serde_fr;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::domain::checks::{Figure, join_or};
use crate::domain::choice::Choice;
use crate::domain::dates::DateError;
use crate::domain::money::{AmountError, RateError};
use crate::domain::{Dossier, Finding, RuleSet, Severity, Step};

/// An interface language.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The ISO 639-1 code (`fr`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language's name in itself (`Français`), as a language menu shows it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    /// The language of a code (`fr`, `en`), if the app has it.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// The text files compiled into the binary, by language.
pub const SOURCES: [(Lang, &str, &str); 2] = [
    (
        Lang::Fr,
        "assets/i18n/fr.ron",
        include_str!("../../assets/i18n/fr.ron"),
    ),
    (
        Lang::En,
        "assets/i18n/en.ron",
        include_str!("../../assets/i18n/en.ron"),
    ),
];

/// The acronyms explained (`assets/i18n/glossary.ron`), compiled into the binary.
pub const GLOSSARY: &str = include_str!("../../assets/i18n/glossary.ron");

/// One acronym and what it means, in both languages.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Term {
    /// As written on screen (`HSM`).
    pub term: String,
    /// Its meaning in French.
    pub fr: String,
    /// Its meaning in English.
    pub en: String,
}

/// The glossary's entries.
///
/// # Errors
/// A message saying what is wrong with the file.
pub fn parse_glossary(text: &str) -> Result<Vec<Term>, String> {
    ron::from_str(text).map_err(|e| format!("assets/i18n/glossary.ron: {e}"))
}

/// The glossary, read once (the file is checked by the tests; were it broken, nothing would be
/// explained).
#[must_use]
pub fn glossary() -> &'static [Term] {
    static TERMS: std::sync::OnceLock<Vec<Term>> = std::sync::OnceLock::new();
    TERMS.get_or_init(|| parse_glossary(GLOSSARY).unwrap_or_default())
}

/// The texts of one language.
#[derive(Debug)]
pub struct Texts {
    lang: Lang,
    map: HashMap<String, String>,
}

/// Reads a text file: a RON map from keys to texts.
///
/// # Errors
/// A message naming the file and what is wrong with it.
pub fn parse(name: &str, text: &str) -> Result<HashMap<String, String>, String> {
    ron::from_str(text).map_err(|e| format!("{name}: {e}"))
}

fn load(lang: Lang) -> Texts {
    let mut map = SOURCES
        .iter()
        .find(|(l, _, _)| *l == lang)
        // The files are checked by the tests; were one broken, keys would show instead of texts.
        .and_then(|(_, name, text)| parse(name, text).ok())
        .unwrap_or_default();
    if lang == Lang::Fr {
        for text in map.values_mut() {
            *text = spaced(std::mem::take(text));
        }
    }
    Texts { lang, map }
}

/// [`french_spaces`] on an owned text.
pub(crate) fn spaced(text: String) -> String {
    match french_spaces(&text) {
        Cow::Owned(spaced) => spaced,
        Cow::Borrowed(_) => text,
    }
}

/// French typography on screen and in the PDF: the space before `:`, `;`, `!`, `?` and `»`, and
/// after `«`, becomes non-breaking, so that no line starts with « : » or « » » (the files keep
/// plain spaces; `dossier.json` is left as it is).
#[must_use]
pub fn french_spaces(text: &str) -> Cow<'_, str> {
    const NBSP: char = '\u{A0}';
    let breaks = |i: usize, next: Option<char>| {
        matches!(next, Some(':' | ';' | '!' | '?' | '»')) || text[..i].ends_with('«')
    };
    let mut chars = text.char_indices().peekable();
    let mut out: Option<String> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == ' ' && breaks(i, next) {
            out.get_or_insert_with(|| text[..i].to_owned()).push(NBSP);
        } else if let Some(out) = &mut out {
            out.push(c);
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

static FRENCH: LazyLock<Texts> = LazyLock::new(|| load(Lang::Fr));
static ENGLISH: LazyLock<Texts> = LazyLock::new(|| load(Lang::En));

/// The texts of a language, read once.
#[must_use]
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fr => &FRENCH,
        Lang::En => &ENGLISH,
    }
}

impl Texts {
    /// The language of these texts.
    #[must_use]
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text of a key; the key itself when it has none (a test keeps that from shipping).
    #[must_use]
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The text of a key with its `{name}` placeholders filled.
    #[must_use]
    pub fn tf(&self, key: &str, params: &[(&str, &dyn std::fmt::Display)]) -> String {
        let params: Vec<(&str, String)> = params.iter().map(|(k, v)| (*k, v.to_string())).collect();
        crate::domain::rules::render(self.t(key), &params)
    }

    /// The label of a closed-list choice: the domain's French label, or `choice.<list>.<id>`.
    #[must_use]
    pub fn choice<C: Choice>(&self, choice: C) -> &str {
        match self.lang {
            Lang::Fr => choice.label(),
            Lang::En => self.translated(
                &format!("choice.{}.{}", C::LIST, choice.id()),
                choice.label(),
            ),
        }
    }

    /// A step's title.
    #[must_use]
    pub fn step(&self, step: Step) -> &str {
        match self.lang {
            Lang::Fr => step.title(),
            Lang::En => self.translated(&format!("step.{}", step.id()), step.title()),
        }
    }

    /// What the acronyms in `text` mean, one line each (« HSM : module matériel… »), in this
    /// language; `None` when it holds none. A term counts as a whole word (« PI », not the
    /// « pi » of « pilote »).
    #[must_use]
    pub fn explain(&self, text: &str) -> Option<String> {
        let lines: Vec<String> = glossary()
            .iter()
            .filter(|t| has_word(text, &t.term))
            .map(|t| {
                let meaning = match self.lang {
                    Lang::Fr => t.fr.as_str(),
                    Lang::En => t.en.as_str(),
                };
                self.tf("glossary.line", &[("term", &t.term), ("meaning", &meaning)])
            })
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// Something that falls due, in the interface's language (« jalon « Bascule » »).
    #[must_use]
    pub fn due_item(&self, item: &crate::domain::report::DueItem) -> String {
        use crate::domain::report::DueItem;
        match item {
            DueItem::Target { indicator, target } => {
                let target = crate::domain::report::value_fr(indicator, target);
                let name = crate::domain::report::mandatory(indicator)
                    .map_or(indicator.as_str(), |m| self.choice(m));
                self.tf(
                    "follow.due.target",
                    &[("indicator", &name), ("target", &target)],
                )
            }
            DueItem::Payment { amount, condition } if condition.trim().is_empty() => self.tf(
                "follow.due.payment",
                &[("amount", &crate::domain::money::format_eur(amount.value()))],
            ),
            DueItem::Payment { amount, condition } => self.tf(
                "follow.due.payment_if",
                &[
                    ("amount", &crate::domain::money::format_eur(amount.value())),
                    ("condition", &condition.trim()),
                ],
            ),
            DueItem::Milestone { name } => {
                self.tf("follow.due.milestone", &[("name", &name.trim())])
            }
            DueItem::End => self.t("follow.due.end").to_owned(),
        }
    }

    /// A severity's label (`bloquant`).
    #[must_use]
    pub fn severity(&self, severity: Severity) -> &str {
        match self.lang {
            Lang::Fr => severity.label(),
            Lang::En => self.translated(&format!("severity.{}", severity.id()), severity.label()),
        }
    }

    /// A text of the data (rules, catalogue) in this language: its English when the interface is
    /// in English and the data has one, its French otherwise (spaced the French way).
    #[must_use]
    pub fn pick<'a>(&self, french: &'a str, english: &'a str) -> Cow<'a, str> {
        match self.lang {
            Lang::En if !english.is_empty() => Cow::Borrowed(english),
            _ => french_spaces(french),
        }
    }

    /// [`Texts::pick`] for a text that may be absent.
    #[must_use]
    pub fn pick_opt<'a>(
        &self,
        french: Option<&'a str>,
        english: Option<&'a str>,
    ) -> Option<Cow<'a, str>> {
        french.map(|f| self.pick(f, english.unwrap_or_default()))
    }

    /// The text of a built key, or the French label when the file lacks it.
    fn translated<'a>(&'a self, key: &str, french: &'a str) -> &'a str {
        self.map.get(key).map_or(french, String::as_str)
    }

    /// The time from the project's start to its first impact (`7 mois et 14 jour(s)`), or `—`.
    #[must_use]
    pub fn time_to_impact(&self, dossier: &Dossier) -> String {
        let project = &dossier.project;
        project
            .start
            .zip(project.first_impact)
            .and_then(|(start, impact)| start.months_until(impact))
            .map_or_else(
                || "—".to_owned(),
                |(months, days)| self.months_and_days(months, days),
            )
    }

    /// A number with its noun, singular or plural as the language has it (French singular for
    /// 0 and 1, English for 1 alone), held together by a no-break space: `1 day`, `29 jours`.
    #[must_use]
    pub fn count(&self, n: u64, one: &str, many: &str) -> String {
        let singular = match self.lang {
            Lang::Fr => n <= 1,
            Lang::En => n == 1,
        };
        format!("{n}\u{a0}{}", if singular { one } else { many })
    }

    /// A duration in months and days: `3 mois et 29 jours`, `1 mois et 1 jour`, `4 mois`,
    /// `12 jours`; `1 month and 1 day` in English.
    #[must_use]
    pub fn months_and_days(&self, months: u32, days: u32) -> String {
        if self.lang == Lang::Fr {
            return crate::domain::dates::months_and_days_fr(months, days);
        }
        let m = self.count(months.into(), self.t("unit.month"), self.t("unit.months"));
        let d = self.count(days.into(), self.t("unit.day"), self.t("unit.days"));
        match (months, days) {
            (_, 0) => m,
            (0, _) => d,
            _ => self.tf("review.months", &[("months", &m), ("days", &d)]),
        }
    }

    /// A finding's message: the French one, or the rule's English message with the figures'
    /// labels in English (the French one when the rule has no English yet).
    #[must_use]
    pub fn finding<'a>(&self, finding: &'a Finding, rules: Option<&RuleSet>) -> Cow<'a, str> {
        if self.lang == Lang::Fr {
            return french_spaces(&finding.message);
        }
        let template = rules
            .and_then(|r| r.rule(&finding.rule))
            .and_then(|r| r.outcomes.get(&finding.outcome))
            .map(|o| o.en.as_str())
            .filter(|en| !en.is_empty());
        let Some(template) = template else {
            return Cow::Borrowed(&finding.message);
        };
        let figures: Vec<(&str, String)> = finding
            .figures
            .iter()
            .map(|(name, figure)| (*name, self.figure(figure)))
            .collect();
        Cow::Owned(crate::domain::rules::render(template, &figures))
    }

    /// A figure of a message, its labels in this language.
    fn figure(&self, figure: &Figure) -> String {
        match (self.lang, figure) {
            (Lang::En, Figure::Named { name, n }) if name.is_empty() => {
                self.tf("figure.number", &[("n", n)])
            }
            (Lang::En, Figure::Duration { months, days }) => self.months_and_days(*months, *days),
            // A text, or a name in guillemets, is said the same in every language.
            (Lang::Fr, _) | (_, Figure::Text(_) | Figure::Named { .. }) => figure.french(),
            (_, Figure::Choices(choices)) => {
                let labels: Vec<&str> = choices
                    .iter()
                    .map(|c| self.translated(&format!("choice.{}.{}", c.list, c.id), c.label))
                    .collect();
                join_or(&labels, self.t("word.or"))
            }
        }
    }

    /// What the applicant said of a warning, and when; whether it still holds.
    #[must_use]
    pub fn acknowledgement(&self, ack: &crate::domain::acknowledge::Acknowledged) -> String {
        let date = ack.date.to_fr();
        let params: [(&str, &dyn std::fmt::Display); 2] =
            [("date", &date), ("reason", &ack.reason)];
        if ack.holds {
            self.tf("panel.ack.said", &params)
        } else {
            self.tf("panel.ack.changed", &params)
        }
    }

    /// Why a warning could not be acknowledged.
    #[must_use]
    pub fn refused(&self, refused: crate::domain::acknowledge::Refused) -> String {
        use crate::domain::acknowledge::{REASON_MAX, Refused};
        match refused {
            Refused::NotAWarning => self.t("ack.not_a_warning").to_owned(),
            Refused::NoReason => self.t("panel.ack.no_reason").to_owned(),
            Refused::TooLong => self.tf("ack.too_long", &[("max", &REASON_MAX)]),
        }
    }

    /// Why a text is not an amount.
    #[must_use]
    pub fn amount_error(&self, error: &AmountError) -> String {
        if self.lang == Lang::Fr {
            return spaced(error.to_string());
        }
        match error {
            AmountError::Empty => self.t("error.amount.empty").to_owned(),
            AmountError::BadChar(c) => self.tf("error.amount.bad_char", &[("char", c)]),
            AmountError::SeveralMarks => self.t("error.amount.several_marks").to_owned(),
            AmountError::TooManyDecimals => self.t("error.amount.decimals").to_owned(),
            AmountError::Negative => self.t("error.amount.negative").to_owned(),
            AmountError::TooLarge => self.tf(
                "error.amount.too_large",
                &[("max", &crate::domain::limits::MAX_AMOUNT_EUROS)],
            ),
            AmountError::NoDigit => self.t("error.amount.no_digit").to_owned(),
        }
    }

    /// Why a text is not a rate.
    #[must_use]
    pub fn rate_error(&self, error: &RateError) -> String {
        match (self.lang, error) {
            (Lang::Fr, _) => spaced(error.to_string()),
            (_, RateError::NotANumber(e)) => self.amount_error(e),
            (_, RateError::OutOfRange) => self.t("error.rate.range").to_owned(),
        }
    }

    /// Why a text is not a date.
    #[must_use]
    pub fn date_error(&self, error: &DateError) -> String {
        if self.lang == Lang::Fr {
            return spaced(error.to_string());
        }
        match error {
            // The French pattern (`JJ/MM/AAAA`) with the English letters (`DD/MM/YYYY`).
            DateError::Shape(shape) => self.tf(
                "error.date.shape",
                &[("shape", &shape.replace('J', "D").replace('A', "Y"))],
            ),
            DateError::Impossible => self.t("error.date.impossible").to_owned(),
            DateError::OutOfRange => {
                let years = crate::domain::limits::YEARS;
                self.tf(
                    "error.date.range",
                    &[("first", years.start()), ("last", years.end())],
                )
            }
        }
    }

    /// Every key of this language.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// Whether `word` is in `text` as a whole word (not inside a longer one).
fn has_word(text: &str, word: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word).any(|(i, _)| {
        boundary(text[..i].chars().next_back()) && boundary(text[i + word.len()..].chars().next())
    })
}
