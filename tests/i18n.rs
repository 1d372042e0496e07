//! The interface texts: both languages have every key, with the same placeholders; every key the
//! code asks for exists; every label of a closed list, step and severity has its English text;
//! and the window, switched to English, shows no French interface text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dossier_cloud::domain::Choice;
use dossier_cloud::domain::dossier::{
    ApplicantKind, AttachmentKind, Category, Criticality, InternalOffer, MandatoryIndicator,
    OperationType, Origin, Priority, Sensitivity, TargetKind,
};
use dossier_cloud::domain::{Severity, Step};
use dossier_cloud::i18n::{self, Lang, texts};
#[cfg(feature = "gui")]
use egui_kittest::kittest::Queryable;

#[cfg(feature = "gui")]
use crate::common::harness;
use crate::common::{plain, root};

/// Keys only the English file has: the French texts of these are the domain's own labels and
/// messages (closed lists, steps, severities, errors of typed values).
const ENGLISH_ONLY: [&str; 5] = ["choice.", "step.", "severity.", "error.", "figure."];

fn file(lang: Lang) -> BTreeMap<String, String> {
    let (_, name, text) = i18n::SOURCES
        .iter()
        .find(|(l, _, _)| *l == lang)
        .expect("a file per language");
    i18n::parse(name, text)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .collect()
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn both_languages_have_every_key_with_the_same_placeholders() {
    let french = file(Lang::Fr);
    let english = file(Lang::En);
    let missing_in_english: Vec<&String> = french
        .keys()
        .filter(|k| !english.contains_key(*k))
        .collect();
    let missing_in_french: Vec<&String> = english
        .keys()
        .filter(|k| !french.contains_key(*k) && !ENGLISH_ONLY.iter().any(|p| k.starts_with(p)))
        .collect();
    assert!(
        missing_in_english.is_empty(),
        "keys without English: {missing_in_english:?}"
    );
    assert!(
        missing_in_french.is_empty(),
        "keys without French: {missing_in_french:?}"
    );
    for (key, fr) in &french {
        let en = &english[key];
        assert_eq!(
            placeholders(fr),
            placeholders(en),
            "« {key} » fills different figures in French and in English"
        );
        assert!(!en.trim().is_empty(), "« {key} » is empty in English");
        assert!(!fr.trim().is_empty(), "« {key} » is empty in French");
    }
}

/// Every `.t("key")` and `.tf("key", …)` of a source tree.
fn keys_used(dir: &Path, found: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            keys_used(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        for call in [".t(\"", ".tf(\""] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                if let Some(end) = rest.find('"') {
                    found.insert(rest[..end].to_owned(), path.display().to_string());
                }
            }
        }
        // `.tf(` with its key on the next line, as rustfmt writes long calls.
        for (at, _) in text.match_indices(".tf(\n") {
            let rest = text[at + 5..].trim_start();
            if let Some(key) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) {
                found.insert(key.to_owned(), path.display().to_string());
            }
        }
    }
}

#[test]
fn every_key_the_code_asks_for_exists_and_every_text_is_used() {
    let mut used = BTreeMap::new();
    keys_used(&root().join("src"), &mut used);
    assert!(
        used.len() > 250,
        "the scan finds the keys ({} found)",
        used.len()
    );
    let french = file(Lang::Fr);
    let english = file(Lang::En);
    for (key, file) in &used {
        assert!(
            french.contains_key(key) || ENGLISH_ONLY.iter().any(|p| key.starts_with(p)),
            "{file} asks for « {key} », missing in fr.ron"
        );
        assert!(
            english.contains_key(key),
            "{file} asks for « {key} », missing in en.ron"
        );
    }
    let unused: Vec<&String> = french.keys().filter(|k| !used.contains_key(*k)).collect();
    assert!(unused.is_empty(), "texts no code asks for: {unused:?}");
}

fn english_labels<C: Choice>(missing: &mut Vec<String>) {
    for choice in C::ALL {
        missing.push(format!("choice.{}.{}", C::LIST, choice.id()));
    }
}

#[test]
fn every_closed_list_step_and_severity_has_its_english_label() {
    let mut missing = Vec::new();
    english_labels::<ApplicantKind>(&mut missing);
    english_labels::<OperationType>(&mut missing);
    english_labels::<Sensitivity>(&mut missing);
    english_labels::<Origin>(&mut missing);
    english_labels::<TargetKind>(&mut missing);
    english_labels::<InternalOffer>(&mut missing);
    english_labels::<Criticality>(&mut missing);
    english_labels::<Category>(&mut missing);
    english_labels::<Priority>(&mut missing);
    english_labels::<MandatoryIndicator>(&mut missing);
    english_labels::<AttachmentKind>(&mut missing);
    let english = file(Lang::En);
    for step in Step::ALL {
        missing.push(format!("step.{}", step.id()));
    }
    for severity in [Severity::Blocking, Severity::Warning, Severity::Advisory] {
        missing.push(format!("severity.{}", severity.id()));
    }
    missing.retain(|key| !english.contains_key(key));
    assert!(missing.is_empty(), "no English label for {missing:?}");
    // French stays the domain's label, so the dossier, its messages and the JSON agree.
    assert_eq!(
        texts(Lang::Fr).choice(Category::Hardware),
        Category::Hardware.label()
    );
    assert_eq!(texts(Lang::En).choice(Category::Hardware), "Hardware");
}

#[test]
fn every_rule_message_has_its_english_with_the_same_figures() {
    for window in crate::common::knowledge().rules.windows() {
        for rule in &window.rules {
            for (outcome, o) in &rule.outcomes {
                assert!(!o.en.is_empty(), "{} « {outcome} » has no English", rule.id);
                assert_eq!(
                    placeholders(&o.message),
                    placeholders(&o.en),
                    "{} « {outcome} »",
                    rule.id
                );
            }
        }
    }
}

/// Each French text of the data (rules, catalogue, suggested indicators) with its English, named
/// by where it is: `(where, French, English)`.
fn data_texts() -> Vec<(String, String, String)> {
    let k = crate::common::knowledge();
    let mut out = Vec::new();
    let mut pair = |at: String, fr: &str, en: &str| out.push((at, fr.to_owned(), en.to_owned()));
    for window in k.rules.windows() {
        for rule in &window.rules {
            pair(format!("{} title", rule.id), &rule.title, &rule.title_en);
            if let Some(reading) = &rule.reading {
                let en = rule.reading_en.as_deref().unwrap_or_default();
                pair(format!("{} reading", rule.id), reading, en);
            }
            for (i, suggestion) in rule.suggestions.iter().enumerate() {
                let en = rule.suggestions_en.get(i).map_or("", String::as_str);
                pair(format!("{} suggestion {i}", rule.id), suggestion, en);
            }
        }
        for ex in &window.excluded {
            pair(
                format!("{} exclusion {:?}", window.id, ex.category),
                &ex.reason,
                &ex.reason_en,
            );
        }
    }
    let catalogue = &k.catalogue;
    pair("catalogue note".into(), &catalogue.note, &catalogue.note_en);
    for o in &catalogue.offers {
        pair(format!("{} name", o.id), &o.name, &o.name_en);
        pair(format!("{} provider", o.id), &o.provider, &o.provider_en);
        pair(format!("{} service", o.id), &o.service, &o.service_en);
        pair(format!("{} source", o.id), &o.source, &o.source_en);
        let optional = [
            ("qualification", &o.qualification, &o.qualification_en),
            (
                "not eligible because",
                &o.not_eligible_because,
                &o.not_eligible_because_en,
            ),
        ];
        for (what, fr, en) in optional {
            if let Some(fr) = fr {
                pair(
                    format!("{} {what}", o.id),
                    fr,
                    en.as_deref().unwrap_or_default(),
                );
            } else {
                assert!(en.is_none(), "{} has an English {what} and no French", o.id);
            }
        }
    }
    for page in &k.sources {
        pair(format!("{} title", page.seed), &page.title, &page.title_en);
        pair(
            format!("{} publisher", page.seed),
            &page.publisher,
            &page.publisher_en,
        );
    }
    for s in &k.indicators {
        pair(
            format!("indicator « {} » name", s.name),
            &s.name,
            &s.name_en,
        );
        pair(
            format!("indicator « {} » source", s.name),
            &s.source,
            &s.source_en,
        );
    }
    out
}

#[test]
fn every_text_of_the_rules_and_the_catalogue_has_its_english() {
    let texts = data_texts();
    assert!(texts.len() > 100, "{} texts", texts.len());
    let missing: Vec<&String> = texts
        .iter()
        .filter(|(_, _, en)| en.trim().is_empty())
        .map(|(at, _, _)| at)
        .collect();
    assert!(missing.is_empty(), "no English for {missing:?}");
    for window in crate::common::knowledge().rules.windows() {
        for rule in &window.rules {
            assert_eq!(
                rule.reading.is_some(),
                rule.reading_en.is_some(),
                "{}: a reading in one language only",
                rule.id
            );
            assert_eq!(
                rule.suggestions.len(),
                rule.suggestions_en.len(),
                "{}: every suggestion has its English, in order",
                rule.id
            );
        }
    }
}

#[test]
fn unnamed_items_and_mandatory_indicators_are_said_in_english() {
    let k = crate::common::knowledge();
    let mut d = crate::common::example("combined.ron");
    d.indicators.savings.baseline = None;
    for op in &mut d.operations {
        if let dossier_cloud::domain::dossier::Operation::Migration { applications } = op {
            for app in applications {
                app.name.clear();
                app.target = None;
            }
        }
    }
    let evaluation = k.evaluate(&d).expect("window");
    let rules = k.rules.window(&d.window);
    let english: Vec<String> = evaluation
        .findings
        .iter()
        .map(|f| texts(Lang::En).finding(f, rules).into_owned())
        .collect();
    let french: Vec<&str> = evaluation
        .findings
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(english.iter().any(|m| m.contains(" no. 1")), "{english:#?}");
    assert!(french.iter().any(|m| m.contains(" n°1")), "{french:#?}");
    assert!(
        english
            .iter()
            .any(|m| m.starts_with("Mandatory indicator « savings »")),
        "{english:#?}"
    );
    assert!(
        french
            .iter()
            .any(|m| m.starts_with("Indicateur obligatoire « économies induites »")),
        "{french:#?}"
    );
}

#[test]
fn a_finding_reads_in_english_with_its_labels_in_english() {
    let k = crate::common::knowledge();
    let mut d = dossier_cloud::domain::Dossier::new("FTAP-2023");
    d.applicant.kind = Some(ApplicantKind::LocalAuthority);
    let evaluation = k.evaluate(&d).expect("window");
    let finding = evaluation
        .findings
        .iter()
        .find(|f| f.rule == "FTAP-APPLICANT")
        .expect("a local authority is refused");
    let rules = k.rules.window("FTAP-2023");
    assert_eq!(
        texts(Lang::En).finding(finding, rules),
        "The window is reserved for State administrations and State operators: « Local authority » \
         is not eligible."
    );
    // On screen, French keeps its message, spaced the French way; the JSON keeps plain spaces.
    assert_eq!(
        texts(Lang::Fr).finding(finding, rules),
        crate::common::fr(&finding.message)
    );
    assert!(finding.message.contains("« Collectivité territoriale »"));
}

#[test]
fn a_missing_key_shows_itself_rather_than_nothing() {
    assert_eq!(texts(Lang::En).t("no.such.key"), "no.such.key");
    assert_eq!(
        texts(Lang::En).tf("nav.next", &[("step", &"Budget")]),
        "Next: Budget →"
    );
    assert_eq!(
        texts(Lang::Fr).tf("nav.next", &[("step", &"Budget")]),
        "Suivant\u{A0}: Budget →"
    );
}

#[test]
fn french_text_keeps_its_high_punctuation_and_guillemets_on_their_line() {
    use dossier_cloud::i18n::french_spaces;
    assert_eq!(
        french_spaces("Montant : « 12 » ; vraiment ? Oui !"),
        "Montant\u{A0}: «\u{A0}12\u{A0}»\u{A0}; vraiment\u{A0}? Oui\u{A0}!"
    );
    // Nothing to change: the text itself, not a copy; colons without a space are left alone.
    assert!(matches!(
        french_spaces("https://numerique.gouv.fr 10:30"),
        std::borrow::Cow::Borrowed(_)
    ));
    // The window's French texts and messages come spaced; English is left as it is.
    assert!(
        file(Lang::Fr)
            .keys()
            .all(|key| !texts(Lang::Fr).t(key).contains(" :")
                && !texts(Lang::Fr).t(key).contains("« ")),
        "a French text still has a breaking space before « : » or after « « »"
    );
    assert_eq!(texts(Lang::En).t("label.colon"), "{label}:");
    // The data's French (a rule's reading, an offer's note) too, when shown.
    assert_eq!(
        texts(Lang::Fr).pick("Catégories exclues : matériel", "Excluded: hardware"),
        "Catégories exclues\u{A0}: matériel"
    );
    assert_eq!(
        texts(Lang::En).pick("Catégories exclues : matériel", "Excluded: hardware"),
        "Excluded: hardware"
    );
}

#[cfg(feature = "gui")]
/// Every text of the accessibility tree (labels and values).
fn shown_texts(h: &egui_kittest::Harness<'_, dossier_cloud::ui::App>) -> Vec<String> {
    h.query_all_by(|_| true)
        .filter_map(|n| {
            let node = egui_kittest::kittest::NodeT::accesskit_node(&n);
            let mut texts = Vec::new();
            texts.extend(node.label());
            texts.extend(node.value());
            (!texts.is_empty()).then(|| texts.join(" "))
        })
        .collect()
}

#[cfg(feature = "gui")]
/// French interface texts that would give away an untranslated place: the fixed part of each
/// French text that differs from its English one, long enough not to be a shared word.
fn french_fragments() -> Vec<(String, String)> {
    let english = file(Lang::En);
    file(Lang::Fr)
        .into_iter()
        .filter(|(key, fr)| english.get(key) != Some(fr))
        .flat_map(|(key, fr)| {
            // The text between placeholders: a placeholder's name (`{excluded}`) is no French.
            fr.split('{')
                .enumerate()
                .map(|(i, piece)| {
                    if i == 0 {
                        piece
                    } else {
                        piece.split_once('}').map_or(piece, |(_, after)| after)
                    }
                })
                .flat_map(|piece| piece.split('\t'))
                .map(str::trim)
                .filter(|part| part.chars().count() >= 8)
                .map(|part| (key.clone(), part.to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(feature = "gui")]
/// The French of the data that has a different English, long enough to be told apart. Left out:
/// the names of offers, suggested services and indicators, which go into the dossier as they
/// are, in French (their English is said beside them).
fn french_data_fragments() -> Vec<(String, String)> {
    data_texts()
        .into_iter()
        .filter(|(at, fr, en)| {
            fr != en
                && fr.chars().count() >= 8
                && !at.ends_with(" name")
                && !at.contains(" suggestion ")
        })
        .map(|(at, fr, _)| (at, fr))
        .collect()
}

#[cfg(feature = "gui")]
#[test]
fn the_window_in_english_shows_no_french_interface_text() {
    let mut h = harness(Some("combined.ron"));
    // The language is chosen in the « Affichage » menu and kept with the preferences.
    h.get_by_label("Affichage").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().prefs().lang, Lang::En);
    h.get_by_label("View").click();
    h.run();
    let mut fragments = french_fragments();
    assert!(fragments.len() > 200, "{} fragments", fragments.len());
    fragments.extend(french_data_fragments());
    for step in Step::ALL {
        h.state_mut().doc.step = step;
        h.run_steps(3);
        if step == Step::Target {
            // The offers that are not eligible, folded by default.
            h.get_by_label("Offers that are not eligible, and why")
                .click();
            h.run();
        }
        // The source and reading of the panel's first finding, folded by default.
        let folded = h
            .query_all_by_label("Source")
            .next()
            .map(|source| source.click());
        if folded.is_some() {
            h.run();
        }
        let shown = shown_texts(&h);
        assert!(
            shown.iter().any(|t| t.contains(texts(Lang::En).step(step))),
            "the {step:?} step shows its English title"
        );
        no_french(&shown, &fragments, &format!("{step:?}"));
    }
    // The sources view lists every rule with its title and reading.
    h.key_press(egui::Key::F1);
    h.run();
    let shown = shown_texts(&h);
    assert!(
        shown.iter().any(|t| t.contains("— Eligible applicants")),
        "the sources view is open, in English"
    );
    no_french(&shown, &fragments, "sources view");
}

/// Asserts none of the texts holds a French fragment or a key in place of its text.
#[track_caller]
#[cfg(feature = "gui")]
fn no_french(shown: &[String], fragments: &[(String, String)], place: &str) {
    let keys = file(Lang::En);
    // The rules' source sentences are quoted as published, in French, and said so.
    let quotes: BTreeSet<String> = crate::common::knowledge()
        .rules
        .windows()
        .iter()
        .flat_map(|w| &w.rules)
        .map(|r| format!("« {} »", r.source.sentence))
        .collect();
    for text in shown.iter().filter(|t| !quotes.contains(*t)) {
        for (key, fragment) in fragments {
            // One word may be the dossier's own French (« Ministère … »): only a whole label.
            let found = if fragment.contains(' ') {
                text.contains(fragment.as_str())
            } else {
                text == fragment
            };
            assert!(!found, "{place}: « {text} » holds the French of {key}");
        }
        assert!(
            !text
                .split_whitespace()
                .any(|w| w.contains('.') && keys.contains_key(w)),
            "{place}: « {text} » shows a key instead of its text"
        );
    }
}

#[cfg(feature = "gui")]
#[test]
fn the_language_is_remembered_and_french_stays_the_default() {
    use dossier_cloud::ui::prefs::Prefs;
    assert_eq!(Prefs::default().lang, Lang::Fr);
    // Preferences written before the language existed still read, in French.
    let old: Prefs = ron::from_str("(recent: [], text_scale_percent: None)").expect("old prefs");
    assert_eq!(old.lang, Lang::Fr);
    let chosen = Prefs {
        lang: Lang::En,
        ..Prefs::default()
    };
    let kept: Prefs = ron::from_str(&ron::to_string(&chosen).expect("ron")).expect("read back");
    assert_eq!(kept.lang, Lang::En);
    assert_eq!(Lang::from_code(" EN "), Some(Lang::En));
    assert_eq!(Lang::from_code("de"), None);
}

/// Words of the French file errors that have no place in English ones.
const FRENCH_ERROR_WORDS: [&str; 15] = [
    "opération",
    "doit",
    "entre",
    "impossible",
    "champ",
    "ligne",
    "fichier",
    "valeur",
    "attendu",
    "inconnu",
    "vide",
    "année",
    "montant",
    "libellé",
    "catégorie",
];

#[track_caller]
fn is_english(message: &str) {
    let lower = message.to_lowercase();
    for word in FRENCH_ERROR_WORDS {
        assert!(
            !lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word),
            "« {message} » holds the French word « {word} »"
        );
    }
}

#[test]
fn every_unreadable_dossier_is_explained_in_english_too() {
    let k = crate::common::knowledge();
    let corpus = crate::common::root().join("tests/corpus/bad");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 20);
    for file in files {
        let error = dossier_cloud::storage::load(&file, &k.rules).expect_err("a bad file");
        let french = texts(Lang::Fr).load_error(&error);
        assert_eq!(
            french,
            crate::common::fr(&error.to_string()),
            "French is the error's own"
        );
        let english = texts(Lang::En).load_error(&error);
        assert!(
            english.starts_with("cannot open the dossier: "),
            "{}: {english}",
            file.display()
        );
        let why = english
            .strip_suffix(&format!(" ({})", file.display()))
            .expect("the path closes the message");
        is_english(why);
    }
    // A draft's value error is said in English too (RON reports it through its own type).
    let draft = corpus.join("comma-amount.ron");
    let error = dossier_cloud::storage::load(&draft, &k.rules).expect_err("a bad draft");
    assert!(
        texts(Lang::En).load_error(&error).contains(
            "field budget.lines[0].amount_ttc: invalid amount « 420000,00 »: unexpected character « , »"
        ),
        "{}",
        texts(Lang::En).load_error(&error)
    );
}

#[test]
fn every_row_a_spreadsheet_refuses_is_explained_in_english_too() {
    let path = crate::common::root().join("tests/corpus/import/budget.xlsx");
    let workbook = dossier_cloud::import::read(&path).expect("workbook");
    let sheet = &workbook.sheets[0];
    let imported = dossier_cloud::import::read_lines(sheet, &dossier_cloud::import::guess(sheet));
    assert!(imported.rejected.len() >= 5, "{:?}", imported.rejected);
    for rejected in &imported.rejected {
        let english = texts(Lang::En).import_problem(&rejected.problem);
        assert_eq!(
            texts(Lang::Fr).import_problem(&rejected.problem),
            crate::common::fr(&rejected.problem.to_string())
        );
        is_english(&english);
    }
    let unknown = dossier_cloud::import::read(&crate::common::root().join("Cargo.toml"))
        .expect_err("not a spreadsheet");
    let english = texts(Lang::En).import_error(&unknown);
    assert!(
        english.starts_with("format not supported: « toml »"),
        "{english}"
    );
}

#[cfg(feature = "gui")]
#[test]
fn in_english_a_file_that_cannot_be_opened_is_explained_in_english() {
    use egui::{Key, Modifiers};
    let mut h = harness(Some("combined.ron"));
    h.state_mut().set_lang(Lang::En);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    let bad = crate::common::root().join("tests/corpus/bad/negative-amount.json");
    h.get_by_label("File path").focus();
    h.run();
    h.get_by_label("File path")
        .type_text(bad.to_str().expect("utf-8 path"));
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let text = h.state().dialog_text().expect("a dialog says why");
    assert!(
        text.starts_with(
            "Cannot open the file: cannot open the dossier: line 16, column 7, field budget.lines[0].amount_ttc: \
             invalid amount « -5.00 »: an amount cannot be negative"
        ),
        "{text}"
    );
    assert!(h.query_by_label("Cannot open the file").is_some());
}

#[test]
fn durations_agree_with_their_numbers_in_both_languages() {
    let fr = dossier_cloud::i18n::texts(Lang::Fr);
    let en = dossier_cloud::i18n::texts(Lang::En);
    assert_eq!(fr.months_and_days(3, 29), "3 mois et 29 jours");
    assert_eq!(fr.months_and_days(1, 1), "1 mois et 1 jour");
    assert_eq!(fr.months_and_days(4, 0), "4 mois");
    assert_eq!(fr.months_and_days(0, 12), "12 jours");
    assert_eq!(plain(&en.months_and_days(1, 1)), "1 month and 1 day");
    assert_eq!(plain(&en.months_and_days(7, 14)), "7 months and 14 days");
    assert_eq!(plain(&en.months_and_days(0, 1)), "1 day");
    // The finding that cites a delay says it the same way, in each language.
    let mut d = crate::common::ready();
    d.project.start = Some(dossier_cloud::domain::Date::parse_iso("2027-01-15").expect("date"));
    d.project.first_impact =
        Some(dossier_cloud::domain::Date::parse_iso("2027-07-16").expect("date"));
    let slow = crate::common::findings_of(&d, "FTAP-FAST").remove(0);
    assert!(
        slow.message.contains("vient 6 mois et 1 jour après"),
        "{}",
        slow.message
    );
    let rules = crate::common::knowledge().rules.window("FTAP-2023");
    let english = plain(&en.finding(&slow, rules));
    assert!(
        english.contains("comes 6 months and 1 day after"),
        "{english}"
    );
}

#[test]
fn every_acronym_the_forms_show_is_explained_in_both_languages() {
    // Failed before: HSM, KMS, BDDaaS, OCRaaS and RTO were shown unexplained.
    let terms = dossier_cloud::i18n::parse_glossary(dossier_cloud::i18n::GLOSSARY)
        .expect("the glossary reads");
    for term in &terms {
        assert!(
            !term.fr.trim().is_empty() && !term.en.trim().is_empty(),
            "{term:?}"
        );
    }
    let fr = dossier_cloud::i18n::texts(Lang::Fr);
    let en = dossier_cloud::i18n::texts(Lang::En);
    for shown in [
        "HSM",
        "KMS (gestion des clés)",
        "Base de données en service (BDDaaS)",
        "OCR en service (OCRaaS)",
        "Temps de restauration sur incident (RTO)",
        "PI",
        "NUBO",
    ] {
        let said = fr
            .explain(shown)
            .unwrap_or_else(|| panic!("« {shown} » explained"));
        assert!(
            said.contains(':') && said.len() > 12,
            "a meaning, not the term alone: {said}"
        );
        assert!(
            en.explain(shown).is_some(),
            "« {shown} » explained in English"
        );
    }
    assert!(
        fr.explain("HSM")
            .is_some_and(|s| s.contains("module matériel de sécurité"))
    );
    assert_eq!(
        fr.explain("Chef de projet pilote"),
        None,
        "a term is a whole word"
    );
}

#[test]
fn a_scenario_name_and_a_platform_address_refused_are_said_in_the_language_chosen() {
    use dossier_cloud::storage::scenario;
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("projet.ron");
    let no_letter = scenario::path_for(&draft, " — ").expect_err("no letter");
    std::fs::write(dir.path().join("projet.scenario-bas.ron"), "").expect("write");
    let taken = scenario::path_for(&draft, "Bas").expect_err("taken");
    let base = dossier_cloud::platform::parse_base("ftp://x").expect_err("not http");
    let (fr, en) = (texts(Lang::Fr), texts(Lang::En));
    assert_eq!(
        fr.scenario_name_error(&no_letter),
        "donnez au scénario un nom avec au moins une lettre ou un chiffre"
    );
    assert_eq!(
        en.scenario_name_error(&no_letter),
        "give the scenario a name with at least one letter or figure"
    );
    assert!(
        en.scenario_name_error(&taken)
            .starts_with("a file already has that name: "),
        "{}",
        en.scenario_name_error(&taken)
    );
    assert_eq!(
        fr.not_an_address(&base),
        "adresse «\u{a0}ftp://x\u{a0}»\u{a0}: une adresse http:// ou https:// est attendue"
    );
    assert_eq!(
        en.not_an_address(&base),
        "address “ftp://x”: an http:// or https:// address is expected"
    );
}
