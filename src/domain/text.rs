//! Small text helpers: comparing names without accents, a plausible e-mail, and a text made
//! safe to print (control and bidirectional characters shown as `\u{1b}`).

/// Lower case without French accents, for comparing names (`Ministère de l'Intérieur` →
/// `ministere de l'interieur`).
#[must_use]
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            '’' => '\'',
            c => c,
        })
        .collect()
}

/// Whether an address looks like an e-mail address: one `@`, something before it, a dotted
/// domain after it, no spaces. Deliverability is not the app's to check.
#[must_use]
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// A text as it may be printed to a terminal or a log: every control character (C0 but the
/// line feed and the tab, DEL, C1) and every bidirectional control (U+061C, U+200E–F,
/// U+202A–E, U+2066–9) shown as `\u{…}`, so that a label from a file cannot move the cursor,
/// clear the screen, colour the text or reverse it (U+202E). Borrowed when there is none.
#[must_use]
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    fn hidden(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{061c}'
                    | '\u{200e}'
                    | '\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
            )
    }
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents() {
        assert_eq!(fold("Ministère de l’Intérieur"), "ministere de l'interieur");
        assert_eq!(fold("ÉCONOMIE"), "economie");
    }

    #[test]
    fn emails() {
        assert!(is_plausible_email("elodie.cote@interieur.gouv.fr"));
        assert!(!is_plausible_email("elodie.cote"));
        assert!(!is_plausible_email("elodie@gouv"));
        assert!(!is_plausible_email("a b@gouv.fr"));
        assert!(!is_plausible_email("@gouv.fr"));
        assert!(!is_plausible_email("a@@gouv.fr"));
    }

    #[test]
    fn control_and_bidirectional_characters_are_shown_not_obeyed() {
        assert_eq!(super::visible("Ligne 1\tok"), "Ligne 1\tok");
        assert_eq!(
            super::visible("\u{1b}[2Jeffacé\u{0}\u{202e}txt.exe"),
            "\\u{1b}[2Jeffacé\\u{0}\\u{202e}txt.exe"
        );
        assert!(matches!(
            super::visible("simple"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
