//! French explanations of the errors `serde`, `serde_json` and `ron` report in English, so that a
//! user who opens a bad file reads what is wrong in their language.

/// Translates a `serde` or `serde_json` message (without its "at line … column …" suffix).
#[must_use]
pub fn serde_message(raw: &str) -> String {
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix("missing field `") {
        return format!(
            "champ obligatoire « {} » absent",
            rest.trim_end_matches('`')
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        return format!("champ « {} » en double", rest.trim_end_matches('`'));
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (found, expected) = rest.split_once('`').unwrap_or((rest, ""));
        return unknown_value(found, &backticked(expected));
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        return format!("type invalide : {}", types(rest));
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        return format!("valeur invalide : {}", types(rest));
    }
    if let Some(rest) = raw.strip_prefix("invalid length ") {
        return format!("longueur invalide : {}", types(rest));
    }
    if raw.starts_with("EOF while parsing") {
        return "fin de fichier inattendue : le fichier semble tronqué".to_owned();
    }
    let known: &[(&str, &str)] = &[
        ("expected value", "valeur attendue"),
        (
            "expected `,` or `}`",
            "virgule « , » ou accolade fermante « } » attendue",
        ),
        (
            "expected `,` or `]`",
            "virgule « , » ou crochet fermant « ] » attendu",
        ),
        ("expected `:`", "deux-points « : » attendus"),
        ("expected ident", "mot attendu (true, false ou null)"),
        (
            "key must be a string",
            "le nom d'un champ doit être une chaîne entre guillemets",
        ),
        (
            "trailing characters",
            "caractères en trop après la fin du dossier",
        ),
        ("trailing comma", "virgule en trop"),
        ("invalid number", "nombre mal formé"),
        ("number out of range", "nombre hors limites"),
        ("invalid escape", "séquence d'échappement invalide"),
        ("invalid unicode code point", "caractère Unicode invalide"),
        ("recursion limit exceeded", "imbrication trop profonde"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "caractère de contrôle dans une chaîne",
        ),
    ];
    for (english, french) in known {
        if raw == *english {
            return (*french).to_owned();
        }
    }
    raw.to_owned()
}

/// `valeur inconnue « x » ; valeurs admises : a, b`.
#[must_use]
pub fn unknown_value(found: &str, expected: &[&str]) -> String {
    if expected.is_empty() {
        format!("valeur inconnue « {found} »")
    } else {
        format!(
            "valeur inconnue « {found} » ; valeurs admises : {}",
            expected.join(", ")
        )
    }
}

/// The words between backticks, as serde quotes the expected values of an enum.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Translates serde's type names in "invalid type" messages.
fn types(text: &str) -> String {
    let mut out = text.replace(", expected ", ", attendu : ");
    for (english, french) in [
        // What the amount and rate readers expect (domain/money.rs), before the generic words.
        (
            "an amount written as a string, for example",
            "un montant écrit comme une chaîne, par exemple",
        ),
        (
            "a rate written as a string, for example",
            "un taux écrit comme une chaîne, par exemple",
        ),
        ("a string", "une chaîne"),
        ("string ", "chaîne "),
        ("integer ", "entier "),
        ("floating point ", "nombre décimal "),
        ("boolean ", "booléen "),
        ("a sequence", "une liste"),
        ("sequence", "liste"),
        ("a map", "un objet"),
        ("map", "objet"),
        ("unit value", "valeur vide"),
        ("null", "null"),
        ("i32", "un entier"),
        ("u32", "un entier positif"),
        ("usize", "un entier positif"),
        ("struct ", "structure "),
        ("enum ", "énumération "),
        ("option", "valeur facultative"),
    ] {
        out = out.replace(english, french);
    }
    out
}

/// Translates a ron error.
#[must_use]
pub fn ron_message(error: &ron::Error) -> String {
    use ron::Error as E;
    match error {
        E::Message(m) => serde_message(m),
        E::Eof => "fin de fichier inattendue : le fichier semble tronqué".to_owned(),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => unknown_value(found, expected),
        E::MissingStructField { field, .. } => format!("champ obligatoire « {field} » absent"),
        E::DuplicateStructField { field, .. } => format!("champ « {field} » en double"),
        E::InvalidValueForType { expected, found } => {
            format!(
                "valeur invalide : {}, attendu : {}",
                types(found),
                types(expected)
            )
        }
        E::TrailingCharacters => "caractères en trop après la fin du dossier".to_owned(),
        E::ExpectedString | E::ExpectedStringEnd => {
            "une chaîne entre guillemets est attendue ici".to_owned()
        }
        E::ExpectedInteger | E::IntegerOutOfBounds => {
            "un nombre entier (dans les limites admises) est attendu ici".to_owned()
        }
        E::ExpectedComma => "une virgule « , » est attendue ici".to_owned(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "une structure entre parenthèses « ( … ) » est attendue ici".to_owned()
        }
        E::ExpectedStructLikeEnd => "une parenthèse fermante « ) » est attendue ici".to_owned(),
        E::ExpectedArray | E::ExpectedArrayEnd => "une liste « [ … ] » est attendue ici".to_owned(),
        E::ExpectedMap | E::ExpectedMapEnd | E::ExpectedMapColon => {
            "une table « { … } » est attendue ici".to_owned()
        }
        E::ExpectedOption | E::ExpectedOptionEnd => {
            "une valeur facultative (None ou Some(…)) est attendue ici".to_owned()
        }
        E::UnexpectedChar(c) => format!("caractère inattendu « {c} »"),
        E::UnclosedBlockComment | E::UnclosedLineComment => "commentaire non fermé".to_owned(),
        E::ExceededRecursionLimit => "imbrication trop profonde".to_owned(),
        other => format!("syntaxe RON invalide ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_common_messages() {
        assert_eq!(
            serde_message("unknown variant `furniture`, expected one of `hardware`, `software`"),
            "valeur inconnue « furniture » ; valeurs admises : hardware, software"
        );
        assert_eq!(
            serde_message("missing field `year`"),
            "champ obligatoire « year » absent"
        );
        assert_eq!(
            serde_message("invalid type: integer `5`, expected a string"),
            "type invalide : entier `5`, attendu : une chaîne"
        );
        assert_eq!(
            serde_message("EOF while parsing an object"),
            "fin de fichier inattendue : le fichier semble tronqué"
        );
    }
}
