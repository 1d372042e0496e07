//! The interface texts: both languages have every key, with the same placeholders; every key the
//! code asks for exists; every label of a closed list, step and severity has its English text;
//! and the window, switched to English, shows no French interface text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dossier_cloud::domain::Choice;
use dossier_cloud::domain::dossier::{
    ApplicantKind, AttachmentKind, Category, Criticality, InternalOffer, OperationType, Origin,
    Priority, Sensitivity, TargetKind,
};
use dossier_cloud::domain::{Severity, Step};
use dossier_cloud::i18n::{self, Lang, texts};
use egui_kittest::kittest::Queryable;

use crate::common::{harness, root};

/// Keys only the English file has: the French texts of these are the domain's own labels and
/// messages (closed lists, steps, severities, errors of typed values).
const ENGLISH_ONLY: [&str; 4] = ["choice.", "step.", "severity.", "error."];

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
    assert_eq!(texts(Lang::Fr).finding(finding, rules), finding.message);
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
        "Suivant : Budget →"
    );
}

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

/// French interface texts that would give away an untranslated place: the fixed part of each
/// French text that differs from its English one, long enough not to be a shared word.
fn french_fragments() -> Vec<(String, String)> {
    let english = file(Lang::En);
    file(Lang::Fr)
        .into_iter()
        .filter(|(key, fr)| english.get(key) != Some(fr))
        .flat_map(|(key, fr)| {
            fr.split(['{', '}', '\t'])
                .map(str::trim)
                .filter(|part| part.chars().count() >= 8)
                .map(|part| (key.clone(), part.to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

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
    let fragments = french_fragments();
    let keys = file(Lang::En);
    assert!(fragments.len() > 200, "{} fragments", fragments.len());
    for step in Step::ALL {
        h.state_mut().step = step;
        h.run_steps(3);
        let shown = shown_texts(&h);
        assert!(
            shown.iter().any(|t| t.contains(texts(Lang::En).step(step))),
            "the {step:?} step shows its English title"
        );
        for text in &shown {
            for (key, fragment) in &fragments {
                // One word may be the dossier's own French (« Ministère … »): only a whole label.
                let found = if fragment.contains(' ') {
                    text.contains(fragment.as_str())
                } else {
                    text == fragment
                };
                assert!(!found, "{step:?}: « {text} » holds the French of {key}");
            }
            assert!(
                !text
                    .split_whitespace()
                    .any(|w| w.contains('.') && keys.contains_key(w)),
                "{step:?}: « {text} » shows a key instead of its text"
            );
        }
    }
}

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
