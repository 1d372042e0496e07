//! The words of French budget spreadsheets: column titles and category names, compared without
//! case or accents.

use crate::domain::choice::Choice;
use crate::domain::dossier::Category;
use crate::domain::text::fold;

use super::{Field, Kind};

/// Title fragments that name each field, folded (no accents, lower case). The first field of the
/// kind that matches wins: « Date de l'EJ » is a date, « N° EJ » a reference.
const TITLES: [(Field, &[&str]); 6] = [
    (Field::Date, &["date", "jour"]),
    (
        Field::Reference,
        &[
            "n° ej",
            "no ej",
            "num ej",
            "numero ej",
            "numero d'ej",
            "engagement juridique",
            "reference",
            "bon de commande",
            "n° de commande",
            "piece",
        ],
    ),
    (
        Field::Label,
        &[
            "libelle",
            "intitule",
            "designation",
            "objet",
            "description",
            "poste",
        ],
    ),
    (Field::Category, &["categorie", "nature", "type de depense"]),
    (Field::Year, &["annee", "exercice"]),
    (Field::Amount, &["montant", "ttc", "cout", "somme"]),
];

/// Title words that say an amount is not the one all taxes included: such a column is never
/// guessed as the amount TTC (an export with « Montant HT », « Montant TVA » then « Montant TTC »
/// gives the third).
const NOT_TTC: [&str; 6] = ["ht", "hors taxe", "hors taxes", "tva", "taxe", "taxes"];

/// Words that mean a category, folded, besides its own name and id. The first match wins, so
/// the longer phrases come first.
const CATEGORY_WORDS: [(Category, &[&str]); 8] = [
    (
        Category::FunctionalChange,
        &[
            "evolution fonctionnelle",
            "evolutions fonctionnelles",
            "developpement",
        ],
    ),
    (
        Category::CloudResources,
        &[
            "ressources cloud",
            "consommation cloud",
            "hebergement",
            "iaas",
            "paas",
            "cloud",
        ],
    ),
    (
        Category::Software,
        &["logiciel", "licence", "souscription", "abonnement"],
    ),
    (Category::Hardware, &["materiel", "equipement", "serveur"]),
    (Category::Training, &["formation", "acculturation"]),
    (
        Category::InternalStaff,
        &[
            "personnel interne",
            "agents",
            "etp",
            "interne",
            "titre 2",
            "rh",
        ],
    ),
    (
        Category::ExternalService,
        &[
            "prestation",
            "prestations externes",
            "externe",
            "assistance",
            "maintenance",
            "conseil",
            "titre 3",
        ],
    ),
    (Category::Other, &["autre", "divers"]),
];

/// The field of the kind a column title names, if any, and how surely: a title that says « TTC »
/// names the amount more surely than one that only says « Montant ». Fragments match whole words
/// (« jour » is not in « Code journal », « date » not in « Montant mandaté »), a plural too.
pub(super) fn field_of_title(title: &str, kind: Kind) -> Option<(Field, u8)> {
    let words = words_of(title);
    let not_ttc = NOT_TTC.iter().any(|w| has_words(&words, w));
    let (field, _) = TITLES
        .iter()
        .filter(|(field, _)| kind.fields().contains(field))
        .find(|(_, fragments)| fragments.iter().any(|f| has_words(&words, f)))?;
    match field {
        Field::Amount if not_ttc => None,
        Field::Amount if has_words(&words, "ttc") => Some((*field, 2)),
        _ => Some((*field, 1)),
    }
}

/// A title's words, folded (no accents, lower case), split at anything but letters and digits.
fn words_of(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `words` hold the fragment's words in a row, its last one perhaps in the plural.
fn has_words(words: &[String], fragment: &str) -> bool {
    let wanted = words_of(fragment);
    if wanted.is_empty() || wanted.len() > words.len() {
        return false;
    }
    let last = wanted.len() - 1;
    words.windows(wanted.len()).any(|window| {
        window
            .iter()
            .zip(&wanted)
            .enumerate()
            .all(|(i, (word, want))| {
                word == want || (i == last && word.strip_suffix('s') == Some(want.as_str()))
            })
    })
}

/// The category a cell names: its French name, its id (`external_service`), or a usual word.
pub(super) fn category_of(text: &str) -> Option<Category> {
    let folded = fold(text.trim());
    if let Some(exact) = Category::ALL
        .iter()
        .find(|c| fold(c.label()) == folded || c.id() == folded)
    {
        return Some(*exact);
    }
    CATEGORY_WORDS
        .iter()
        .find(|(_, words)| {
            words.iter().any(|w| {
                folded == *w
                    || folded.starts_with(&format!("{w} "))
                    || folded.contains(&format!(" {w}"))
                    || (w.len() > 4 && folded.contains(w))
            })
        })
        .map(|(category, _)| *category)
}

/// The categories' French names, for a message.
pub(crate) fn category_names() -> String {
    Category::ALL
        .iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a label is that of a total or subtotal row.
pub(super) fn is_total(label: &str) -> bool {
    let folded = fold(label);
    folded == "total"
        || folded.starts_with("total ")
        || folded.starts_with("sous-total")
        || folded.starts_with("sous total")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_titles_and_categories_are_recognised() {
        let budget = |t: &str| field_of_title(t, Kind::Budget).map(|(f, _)| f);
        assert_eq!(budget("Libellé de la dépense"), Some(Field::Label));
        assert_eq!(budget("CATÉGORIE"), Some(Field::Category));
        assert_eq!(budget("Exercice"), Some(Field::Year));
        assert_eq!(budget("Montant TTC (€)"), Some(Field::Amount));
        assert_eq!(budget("Commentaire"), None);
        assert_eq!(budget("Montant HT"), None);
        assert_eq!(budget("Montant hors taxes"), None);
        // A budget has no date: « Date » names nothing there.
        assert_eq!(budget("Date"), None);
        assert_eq!(
            category_of("Prestations externes"),
            Some(Category::ExternalService)
        );
        assert_eq!(category_of("prestation"), Some(Category::ExternalService));
        assert_eq!(category_of("Matériel"), Some(Category::Hardware));
        assert_eq!(category_of("Licences"), Some(Category::Software));
        assert_eq!(
            category_of("Personnel interne (ETP)"),
            Some(Category::InternalStaff)
        );
        assert_eq!(
            category_of("cloud_resources"),
            Some(Category::CloudResources)
        );
        assert_eq!(
            category_of("Évolutions fonctionnelles"),
            Some(Category::FunctionalChange)
        );
        assert_eq!(
            category_of("Formation des agents"),
            Some(Category::Training)
        );
        assert_eq!(category_of("Mobilier"), None);
        assert_eq!(
            category_of("Maintenance applicative"),
            Some(Category::ExternalService)
        );
        assert!(is_total("TOTAL 2027"));
        assert!(is_total("Sous-total"));
        assert!(!is_total("Totalisation des flux"));
    }

    #[test]
    fn accounting_export_titles_name_a_spending_s_fields() {
        let spending = |t: &str| field_of_title(t, Kind::Spending).map(|(f, _)| f);
        assert_eq!(spending("Date"), Some(Field::Date));
        assert_eq!(spending("Date comptable"), Some(Field::Date));
        assert_eq!(spending("Date de l'EJ"), Some(Field::Date));
        assert_eq!(spending("Libellé"), Some(Field::Label));
        assert_eq!(spending("Montant TTC"), Some(Field::Amount));
        assert_eq!(spending("Montant HT"), None);
        assert_eq!(spending("Nature"), Some(Field::Category));
        assert_eq!(spending("N° EJ"), Some(Field::Reference));
        assert_eq!(spending("Numéro d'EJ"), Some(Field::Reference));
        assert_eq!(spending("Référence"), Some(Field::Reference));
        // A spending has no year column: its date says it.
        assert_eq!(spending("Exercice"), None);
        // Whole words: a journal's code is no date, an amount paid no date, an account no
        // category; taxes are never the amount TTC.
        assert_eq!(spending("Code journal"), None);
        assert_eq!(spending("Montant mandaté"), Some(Field::Amount));
        assert_eq!(spending("Numéro de compte"), None);
        assert_eq!(spending("Montant TVA"), None);
        assert_eq!(spending("Taux de TVA"), None);
        assert_eq!(spending("Dates"), Some(Field::Date));
        assert_eq!(
            field_of_title("Montant TTC", Kind::Spending),
            Some((Field::Amount, 2)),
            "surer than « Montant »"
        );
        assert_eq!(
            field_of_title("Montant mandaté", Kind::Spending),
            Some((Field::Amount, 1))
        );
    }
}
