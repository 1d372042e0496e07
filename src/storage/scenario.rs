//! Scenarios (issue 15): a copy of a draft under a name the user gives, saved beside it as
//! `NAME.scenario-SLUG.ron` (`projet.scenario-taux-40.ron`), so that the file itself says which
//! draft it comes from and which scenario it is, wherever it is opened from.

use std::path::{Path, PathBuf};

/// The longest slug kept from a scenario's name.
const MAX_SLUG: usize = 40;

/// A scenario's name as a file name part: lower-case ASCII words joined by `-`.
#[must_use]
pub fn slug(name: &str) -> String {
    let folded = crate::domain::text::fold(name);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() + 1 > MAX_SLUG {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// Why a scenario cannot be saved under the name given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// The name has no letter or figure to make a file name from.
    NoLetter,
    /// A file of that name is already there (never overwritten).
    Taken(PathBuf),
}

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NameError::NoLetter => {
                f.write_str("donnez au scénario un nom avec au moins une lettre ou un chiffre")
            }
            NameError::Taken(path) => write!(
                f,
                "un fichier porte déjà ce nom : {} ; choisissez un autre nom",
                path.display()
            ),
        }
    }
}

impl std::error::Error for NameError {}

/// Where the scenario `name` of `draft` is saved.
///
/// # Errors
/// A [`NameError`]: a name with no letter or figure, or a file already there.
pub fn path_for(draft: &Path, name: &str) -> Result<PathBuf, NameError> {
    let slug = slug(name);
    if slug.is_empty() {
        return Err(NameError::NoLetter);
    }
    let (stem, _) = split(draft);
    let path = draft.with_file_name(format!("{stem}.scenario-{slug}.ron"));
    if path.exists() {
        return Err(NameError::Taken(path));
    }
    Ok(path)
}

/// A file's stem, and the scenario it names if it is one.
fn split(path: &Path) -> (String, Option<String>) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.split_once(".scenario-") {
        Some((draft, scenario)) => (draft.to_owned(), Some(scenario.to_owned())),
        None => (stem, None),
    }
}

/// When `path` is a scenario: its slug and the draft it comes from (`projet.ron` beside it).
#[must_use]
pub fn of(path: &Path) -> Option<(String, PathBuf)> {
    let (draft, scenario) = split(path);
    scenario.map(|s| (s, path.with_file_name(format!("{draft}.ron"))))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_scenario_is_named_after_its_draft_and_says_so() {
        assert_eq!(super::slug("Taux à 40 % !"), "taux-a-40");
        let draft = Path::new("/d/projet.ron");
        let path = super::path_for(draft, "Taux à 40 %").expect("path");
        assert_eq!(path, Path::new("/d/projet.scenario-taux-a-40.ron"));
        assert_eq!(
            super::of(&path),
            Some(("taux-a-40".to_owned(), draft.to_owned()))
        );
        assert_eq!(super::of(draft), None);
        assert!(super::path_for(draft, " % ").is_err());
        // A scenario of a scenario stays beside the same draft.
        let again = super::path_for(&path, "bis").expect("path");
        assert_eq!(again, Path::new("/d/projet.scenario-bis.ron"));
    }
}
