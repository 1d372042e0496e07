//! The domain: the dossier, the rules, the estimate and the findings. Pure data and functions:
//! nothing here knows of the window, of files or of the command line.

pub mod acknowledge;
pub mod advisor;
pub mod catalogue;
pub mod checks;
pub mod choice;
pub mod dates;
pub mod diff;
pub mod dossier;
pub mod estimate;
pub mod findings;
pub mod follow;
pub mod limits;
pub mod money;
pub mod plan;
pub mod report;
pub mod rules;
pub mod start_from;
pub mod step;
pub mod text;
pub mod values;

/// The window a new dossier is for: the one open today.
pub const DEFAULT_WINDOW: &str = "FTAP-2023";

pub use catalogue::Catalogue;
pub use choice::Choice;
pub use dates::Date;
pub use dossier::Dossier;
pub use estimate::{Estimate, estimate};
pub use findings::{Evaluation, Finding, findings};
pub use money::{Amount, Rate};
pub use rules::{RuleBook, RuleSet, Severity};
pub use step::Step;

/// What the app knows, loaded once: the windows' rules, the catalogue of offers and the
/// suggested impact indicators.
#[derive(Debug, Clone)]
pub struct Knowledge {
    /// Every window's rules.
    pub rules: RuleBook,
    /// The offers.
    pub catalogue: Catalogue,
    /// Impact indicators to suggest, by priority.
    pub indicators: Vec<SuggestedIndicator>,
    /// The public pages the rules come from.
    pub sources: Vec<SourcePage>,
}

/// A public page rules come from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcePage {
    /// The name rules cite (`source.seed`).
    pub seed: String,
    /// The page's title.
    pub title: String,
    /// The title in English.
    #[serde(default)]
    pub title_en: String,
    /// Who publishes it, and where.
    pub publisher: String,
    /// The same in English.
    #[serde(default)]
    pub publisher_en: String,
    /// When (`JJ/MM/AAAA`), if the page says.
    pub published: String,
}

/// An impact indicator the wizard suggests.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestedIndicator {
    /// What is measured.
    pub name: String,
    /// In what unit.
    pub unit: String,
    /// The priority it serves.
    pub priority: dossier::Priority,
    /// Where the suggestion comes from.
    pub source: String,
    /// What is measured, in English, to explain the suggestion: the dossier records the French.
    #[serde(default)]
    pub name_en: String,
    /// Where the suggestion comes from, in English.
    #[serde(default)]
    pub source_en: String,
}

impl Knowledge {
    /// The rules and catalogue compiled into the binary (checked by the tests).
    ///
    /// # Errors
    /// A message naming the asset file at fault.
    pub fn builtin() -> Result<Self, String> {
        Ok(Knowledge {
            rules: RuleBook::builtin()?,
            catalogue: Catalogue::builtin()?,
            indicators: ron::from_str(include_str!("../../assets/indicators.ron"))
                .map_err(|e| format!("assets/indicators.ron : {e}"))?,
            sources: ron::from_str(include_str!("../../assets/sources.ron"))
                .map_err(|e| format!("assets/sources.ron : {e}"))?,
        })
    }

    /// The page a rule's `source.seed` names, if known.
    #[must_use]
    pub fn source_page(&self, seed: &str) -> Option<&SourcePage> {
        self.sources.iter().find(|s| s.seed == seed)
    }

    /// Evaluates a dossier under its window; `None` if the window is unknown.
    #[must_use]
    pub fn evaluate(&self, dossier: &Dossier) -> Option<Evaluation> {
        let rules = self.rules.window(&dossier.window)?;
        Some(Evaluation::of(dossier, rules, &self.catalogue))
    }
}
