//! Rules as data: each funding window is a RON file under `assets/rules/`, compiled into the binary.
//!
//! A rule set names the window's cap, its excluded cost categories and its rules. Each rule has
//! its id, its source sentence and seed file, the reading chosen where the source is ambiguous,
//! the generic checks it applies (with their parameters) and, for each outcome of those checks,
//! the severity and the French message. The code knows the kinds of check; which apply, with which
//! figures, how severe and how worded, is data. A third window is a new file.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::checks::Check;
use super::dossier::Category;
use super::money::Rate;
use super::step::Step;

/// How serious a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The dossier cannot be filed as it is.
    Blocking,
    /// Something to fix or justify.
    Warning,
    /// Advice.
    Advisory,
}

impl Severity {
    /// The French label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Severity::Blocking => "bloquant",
            Severity::Warning => "à vérifier",
            Severity::Advisory => "conseil",
        }
    }

    /// The id in files (`"blocking"`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Severity::Blocking => "blocking",
            Severity::Warning => "warning",
            Severity::Advisory => "advisory",
        }
    }
}

/// Whether a window still takes dossiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowStatus {
    /// Dossiers may be filed.
    Open,
    /// Kept to reconstruct old dossiers.
    Closed,
}

/// Where a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The seed file (`001_080f171f6a40f535.txt`).
    pub seed: String,
    /// The sentence of the source, in French, as published.
    pub sentence: String,
}

/// What a check's outcome means for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// How serious it is.
    pub severity: Severity,
    /// The French message; `{name}` is replaced by the check's figures.
    pub message: String,
    /// The same message in English, for the English interface (the JSON stays French); empty
    /// until translated, when the French one shows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    /// Whether the outcome only says that something is not given yet (« à compléter »): on a
    /// step the user has not finished, the interface shows it as what is left to fill, not as
    /// an error. The review, the export and the JSON treat it like any other finding.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub to_fill: bool,
    /// Other outcomes (`RULE:outcome`) that already say this one: while one of them is found,
    /// this one is not (one threshold at a time: a cost base under the 100 000 € floor is not
    /// also said to be under the 50 000 € minimum).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implied_by: Vec<String>,
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Its id (`FTAP-SIZE`).
    pub id: String,
    /// A short French title.
    pub title: String,
    /// The same title in English, for the English interface; empty until translated, when the
    /// French one shows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// The wizard step its findings belong to.
    pub step: Step,
    /// Where it comes from.
    pub source: Source,
    /// The reading chosen where the source is ambiguous.
    #[serde(default)]
    pub reading: Option<String>,
    /// The same reading in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading_en: Option<String>,
    /// The checks it applies.
    #[serde(default)]
    pub checks: Vec<Check>,
    /// Severity and message for each outcome of those checks.
    #[serde(default)]
    pub outcomes: BTreeMap<String, Outcome>,
    /// Suggestions the UI offers under this rule (extension services, indicator examples…).
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// What each suggestion means, in English, in the same order. The suggestion itself is
    /// written into the dossier as it is, in French: the English only explains it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions_en: Vec<String>,
}

/// A cost category excluded from the cost base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The category.
    pub category: Category,
    /// The rule that excludes it.
    pub rule: String,
    /// Why, in French.
    pub reason: String,
    /// Why, in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason_en: String,
}

/// A funding window's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// The window's id (`FTAP-2023`).
    pub id: String,
    /// Its French name.
    pub name: String,
    /// Who runs it.
    pub operator: String,
    /// Open or closed.
    pub status: WindowStatus,
    /// The most it cofunds, as a share of the cost base.
    pub rate_cap: Rate,
    /// The rule that sets the cap.
    pub rate_rule: String,
    /// How many years after the project's end the plan of costs and savings runs
    /// ([`super::plan`]).
    pub plan_horizon_years: u16,
    /// Categories not counted in the cost base.
    #[serde(default)]
    pub excluded: Vec<Exclusion>,
    /// The window's own rules.
    pub rules: Vec<Rule>,
}

/// Rules every window shares: completeness of the dossier and the hosting doctrine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedRules {
    /// The rules.
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The rule with this id.
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Why a category is excluded from the cost base, if it is.
    #[must_use]
    pub fn exclusion(&self, category: Category) -> Option<&Exclusion> {
        self.excluded.iter().find(|e| e.category == category)
    }

    /// The months a first impact should come within (the window's `TimeToImpact` check, as
    /// FTAP-FAST has it), if it has one.
    #[must_use]
    pub fn time_to_impact_months(&self) -> Option<u32> {
        self.rules
            .iter()
            .flat_map(|rule| &rule.checks)
            .find_map(|c| match c {
                Check::TimeToImpact { max_months } => Some(*max_months),
                _ => None,
            })
    }

    /// Checks the rule set is coherent: ids unique, every outcome a check can give has its
    /// message, no message names a figure its check does not give, no message is left unused.
    ///
    /// # Errors
    /// Every problem found, one per line.
    pub fn validate(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        for rule in &self.rules {
            if !ids.insert(rule.id.as_str()) {
                problems.push(format!("{}: identifiant de règle en double", rule.id));
            }
            let mut emitted = BTreeSet::new();
            for check in &rule.checks {
                for (outcome, params) in check.outcomes() {
                    emitted.insert(*outcome);
                    let Some(found) = rule.outcomes.get(*outcome) else {
                        problems.push(format!("{}: pas de message pour « {outcome} »", rule.id));
                        continue;
                    };
                    let english = placeholders(&found.en);
                    for name in placeholders(&found.message).into_iter().chain(english) {
                        if !params.contains(&name) {
                            problems.push(format!(
                                "{}: le message « {outcome} » cite {{{name}}}, que la vérification ne fournit pas",
                                rule.id
                            ));
                        }
                    }
                }
            }
            for (outcome, found) in &rule.outcomes {
                if !emitted.contains(outcome.as_str()) {
                    problems.push(format!(
                        "{}: le message « {outcome} » ne correspond à aucune vérification",
                        rule.id
                    ));
                }
                for other in &found.implied_by {
                    let target = other
                        .split_once(':')
                        .and_then(|(id, key)| self.rule(id)?.outcomes.get(key));
                    // Two outcomes each implied by the other would both vanish.
                    let mutual = target.is_some_and(|t| {
                        t.implied_by
                            .iter()
                            .any(|back| *back == format!("{}:{outcome}", rule.id))
                    });
                    if mutual {
                        problems.push(format!(
                            "{}: « {outcome} » et « {other} » s'impliquent l'un l'autre : aucun ne serait dit",
                            rule.id
                        ));
                    }
                    let known = target.is_some();
                    if !known {
                        problems.push(format!(
                            "{}: « {outcome} » est dit impliqué par « {other} », qui n'existe pas (RÈGLE:issue attendu)",
                            rule.id
                        ));
                    }
                }
            }
        }
        for exclusion in &self.excluded {
            if !ids.contains(exclusion.rule.as_str()) {
                problems.push(format!(
                    "exclusion de {:?}: règle {} inconnue",
                    exclusion.category, exclusion.rule
                ));
            }
        }
        if !ids.contains(self.rate_rule.as_str()) {
            problems.push(format!("taux plafond: règle {} inconnue", self.rate_rule));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }
}

/// The `{name}` placeholders of a message template.
fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// Fills a message template with a check's figures.
#[must_use]
pub fn render(template: &str, params: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match params.iter().find(|(k, _)| *k == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..=open + close + 1]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Every window the app knows, each with the shared rules merged in.
#[derive(Debug, Clone)]
pub struct RuleBook {
    windows: Vec<RuleSet>,
}

/// The rule files compiled into the binary.
const BUILTIN_WINDOWS: &[(&str, &str)] = &[
    (
        "assets/rules/ftap-2023.ron",
        include_str!("../../assets/rules/ftap-2023.ron"),
    ),
    (
        "assets/rules/itn9-2021.ron",
        include_str!("../../assets/rules/itn9-2021.ron"),
    ),
];
const BUILTIN_SHARED: (&str, &str) = (
    "assets/rules/shared.ron",
    include_str!("../../assets/rules/shared.ron"),
);

impl RuleBook {
    /// The rule sets compiled into the binary. They are checked by the tests, so this cannot
    /// fail in a released build; the error is kept for rule files given at run time.
    ///
    /// # Errors
    /// A message naming the file and what is wrong with it.
    pub fn builtin() -> Result<Self, String> {
        RuleBook::from_sources(BUILTIN_SHARED, BUILTIN_WINDOWS)
    }

    /// Builds a rule book from RON texts, each with the name used in messages.
    ///
    /// # Errors
    /// A message naming the file and what is wrong with it.
    pub fn from_sources(shared: (&str, &str), windows: &[(&str, &str)]) -> Result<Self, String> {
        let shared_rules: SharedRules =
            ron::from_str(shared.1).map_err(|e| format!("{} : {e}", shared.0))?;
        let mut sets = Vec::with_capacity(windows.len());
        for (name, text) in windows {
            let mut set: RuleSet = ron::from_str(text).map_err(|e| format!("{name} : {e}"))?;
            set.rules.extend(shared_rules.rules.iter().cloned());
            set.validate().map_err(|e| format!("{name} :\n{e}"))?;
            if sets.iter().any(|s: &RuleSet| s.id == set.id) {
                return Err(format!(
                    "{name} : le guichet {} est défini deux fois",
                    set.id
                ));
            }
            sets.push(set);
        }
        Ok(RuleBook { windows: sets })
    }

    /// The window with this id.
    #[must_use]
    pub fn window(&self, id: &str) -> Option<&RuleSet> {
        self.windows.iter().find(|w| w.id == id)
    }

    /// Every window, in file order.
    #[must_use]
    pub fn windows(&self) -> &[RuleSet] {
        &self.windows
    }

    /// The ids of every window, for messages: `FTAP-2023, ITN9-2021`.
    #[must_use]
    pub fn window_ids(&self) -> String {
        self.windows
            .iter()
            .map(|w| w.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders() {
        let params = [("base", "60 000,00 €".to_owned())];
        assert_eq!(
            render("La base, {base}, {x}.", &params),
            "La base, 60 000,00 €, {x}."
        );
        assert_eq!(placeholders("a {b} c {d}"), vec!["b", "d"]);
        assert_eq!(render("ouvert {", &params), "ouvert {");
    }
}
