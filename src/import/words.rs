//! The words of French budget spreadsheets: column titles and category names, compared without
//! case or accents.

use crate::domain::choice::Choice;
use crate::domain::dossier::Category;
use crate::domain::text::fold;

use super::Field;

/// Title fragments that name each field, folded (no accents, lower case).
const TITLES: [(Field, &[&str]); 4] = [
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
            "titre 3",
        ],
    ),
    (Category::Other, &["autre", "divers"]),
];

/// The field a column title names, if any.
pub(super) fn field_of_title(title: &str) -> Option<Field> {
    let folded = fold(title);
    TITLES
        .iter()
        .find(|(_, words)| words.iter().any(|w| folded.contains(w)))
        .map(|(field, _)| *field)
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
        assert_eq!(field_of_title("Libellé de la dépense"), Some(Field::Label));
        assert_eq!(field_of_title("CATÉGORIE"), Some(Field::Category));
        assert_eq!(field_of_title("Exercice"), Some(Field::Year));
        assert_eq!(field_of_title("Montant TTC (€)"), Some(Field::Amount));
        assert_eq!(field_of_title("Commentaire"), None);
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
        assert!(is_total("TOTAL 2027"));
        assert!(is_total("Sous-total"));
        assert!(!is_total("Totalisation des flux"));
    }
}
