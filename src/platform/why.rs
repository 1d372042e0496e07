//! Why a champ is left, or why there is no link: typed, so that the window says it in its
//! language. `Display` is French (the command line and `--format json`'s `why` use it as is);
//! English comes from the `error.prefill.*` keys of `en.ron`.

use std::fmt;

use serde::Serialize;

use super::description::ChampKind;

/// Why a champ is left for the user to fill on the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// No value of the dossier carries its label.
    NoLabel,
    /// A table's sub-champ no field of the table carries.
    NoLabelInTable,
    /// The platform does not prefill this kind of champ.
    NotPrefillable(ChampKind),
    /// The user tied it to nothing.
    TiedToNothing,
    /// An attachment tied to a value that is not a file.
    AttachmentOnPlatform,
    /// The dossier has no value yet (the source's path).
    NoValue(&'static str),
    /// A row has no value for this sub-champ.
    NoRowValue(&'static str),
    /// The value does not fit the champ's kind.
    Mismatch {
        /// The champ's kind.
        kind: ChampKind,
        /// The value's path in the dossier.
        path: &'static str,
    },
    /// No option of the drop-down matches the choice.
    NoOption {
        /// The choice's label.
        choice: String,
        /// The form's options.
        options: Vec<String>,
    },
    /// One choice of a multiple drop-down matches no option: the platform would drop it all.
    NoOptionMultiple(String),
    /// The dossier has no file for this attachment.
    NoFiles,
    /// The dossier has no row for this table.
    NoRows,
}

/// Why the body cannot travel as a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoLink {
    /// The description gives no path (`demarcheURL`).
    NoPath,
    /// The body has tables.
    Tables,
    /// The link would be this long, over the platform's limit.
    TooLong(usize),
}

/// A kind of champ, in French.
#[must_use]
pub fn kind_fr(kind: &ChampKind) -> String {
    match kind {
        ChampKind::Text => "texte".into(),
        ChampKind::Textarea => "texte long".into(),
        ChampKind::Decimal => "nombre décimal".into(),
        ChampKind::Integer => "nombre entier".into(),
        ChampKind::Date => "date".into(),
        ChampKind::Datetime => "date et heure".into(),
        ChampKind::YesNo => "oui/non".into(),
        ChampKind::Checkbox => "case à cocher".into(),
        ChampKind::Email => "adresse électronique".into(),
        ChampKind::Phone => "téléphone".into(),
        ChampKind::Siret => "SIRET".into(),
        ChampKind::DropDown => "liste déroulante".into(),
        ChampKind::MultipleDropDown => "liste à choix multiples".into(),
        ChampKind::Repetition => "tableau".into(),
        ChampKind::Attachment => "pièce jointe".into(),
        ChampKind::Header => "titre de section".into(),
        ChampKind::Explanation => "explication".into(),
        ChampKind::Other(name) => format!("« {} »", name.trim_end_matches("ChampDescriptor")),
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::NoLabel => f.write_str(
                "aucune valeur du dossier ne correspond à ce libellé : à remplir sur la plateforme (ou choisissez-la dans les correspondances des champs)",
            ),
            Why::NoLabelInTable => f.write_str("aucune valeur du dossier ne correspond à ce libellé"),
            Why::NotPrefillable(kind) => write!(
                f,
                "la plateforme ne préremplit pas un champ de type {} : à remplir sur la plateforme",
                kind_fr(kind)
            ),
            Why::TiedToNothing => f.write_str(
                "laissé vide à votre demande (correspondances des champs) : à remplir sur la plateforme",
            ),
            Why::AttachmentOnPlatform => f.write_str("pièce jointe : à déposer sur la plateforme"),
            Why::NoValue(path) => write!(
                f,
                "le dossier n'a pas encore de valeur pour ce champ ({path})"
            ),
            Why::NoRowValue(path) => write!(f, "le dossier n'a pas de valeur ici ({path})"),
            Why::Mismatch { kind, path } => write!(
                f,
                "le champ est de type {}, que la valeur du dossier ({path}) ne remplit pas",
                kind_fr(kind)
            ),
            Why::NoOption { choice, options } => write!(
                f,
                "aucune option du formulaire ne correspond à « {choice} » (options : {})",
                options.join(", ")
            ),
            Why::NoOptionMultiple(choice) => write!(
                f,
                "aucune option du formulaire ne correspond à « {choice} » : la plateforme ignorerait tout le champ"
            ),
            Why::NoFiles => f.write_str("le dossier n'a pas de fichier pour cette pièce"),
            Why::NoRows => f.write_str("le dossier n'a aucune ligne pour ce tableau"),
        }
    }
}

impl Serialize for Why {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for NoLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoLink::NoPath => f.write_str(
                "la description ne donne pas l'adresse de la démarche (« demarcheURL »)",
            ),
            NoLink::Tables => f.write_str(
                "le formulaire a des tableaux, qu'un lien transmet mal : passez par l'API de la plateforme",
            ),
            NoLink::TooLong(length) => write!(
                f,
                "le lien ferait {length} caractères, au-delà des {} que la plateforme admet : passez par son API",
                super::prefill::MAX_LINK_LENGTH
            ),
        }
    }
}
