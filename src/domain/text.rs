//! Small text helpers for the checks: comparing names without accents, a plausible e-mail.

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
}
