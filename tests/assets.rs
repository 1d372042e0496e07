//! The rule data and the catalogue: every rule of RULES.md is there with its source, the files
//! are coherent, and a broken rule file is refused with a message that says what is wrong.

use dossier_cloud::domain::advisor::advise;
use dossier_cloud::domain::dossier::{Sensitivity, TargetKind};
use dossier_cloud::domain::rules::RuleBook;
use dossier_cloud::domain::{Catalogue, Step};

use crate::common::knowledge;

/// The ids of `../shared/RULES.md`, by window.
const FTAP: &[&str] = &[
    "FTAP-APPLICANT",
    "FTAP-OPTYPES",
    "FTAP-TARGET",
    "FTAP-ORIGIN",
    "FTAP-EXT-SCOPE",
    "FTAP-EXT-COMMIT",
    "FTAP-SIZE",
    "FTAP-MIN-ELIGIBLE",
    "FTAP-RATE",
    "FTAP-EXCLUDED",
    "FTAP-TRAINING",
    "FTAP-FAST",
    "FTAP-IND-MANDATORY",
    "FTAP-IND-IMPACT",
    "FTAP-SIZE-DURATION",
];
const ITN9: &[&str] = &[
    "ITN9-APPLICANT",
    "ITN9-OPTYPES",
    "ITN9-TARGET",
    "ITN9-RATE",
    "ITN9-DEADLINE",
];
const DOCTRINE: &[&str] = &["DOC-INTERNAL", "DOC-TRUSTED", "DOC-GENERIC"];

#[test]
fn every_rule_of_rules_md_is_in_the_data_with_its_source() {
    let book = &knowledge().rules;
    for (window, ids) in [("FTAP-2023", FTAP), ("ITN9-2021", ITN9)] {
        let set = book.window(window).expect("window");
        for id in ids.iter().chain(DOCTRINE) {
            let rule = set
                .rule(id)
                .unwrap_or_else(|| panic!("{window} lacks {id}"));
            assert!(
                !rule.source.sentence.trim().is_empty(),
                "{id} has no source sentence"
            );
            assert!(
                std::path::Path::new(&rule.source.seed)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("txt")),
                "{id} names no seed file"
            );
        }
    }
    let ftap = book.window("FTAP-2023").expect("FTAP");
    assert_eq!(ftap.rate_cap.to_plain(), "0.50");
    let excluded: Vec<&str> = ftap
        .excluded
        .iter()
        .map(|e| dossier_cloud::domain::Choice::id(e.category))
        .collect();
    assert_eq!(
        excluded,
        [
            "hardware",
            "software",
            "cloud_resources",
            "functional_change"
        ]
    );
    assert!(book.window("ITN9-2021").expect("ITN9").excluded.is_empty());
}

#[test]
fn the_sources_are_quoted_from_the_seeds() {
    // The seeds sit beside the repository (../shared/seeds); where they are present, every
    // quoted sentence's words must appear in its seed (markup aside).
    let seeds = crate::common::root().join("../shared/seeds");
    if !seeds.is_dir() {
        return;
    }
    for set in knowledge().rules.windows() {
        for rule in &set.rules {
            let path = seeds.join(&rule.source.seed);
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let text = strip_markup(&text);
            let sentence = strip_markup(&rule.source.sentence);
            for fragment in sentence
                .split([';', ':'])
                .map(|f| f.trim().trim_end_matches('.'))
                .filter(|f| f.len() > 12)
            {
                assert!(
                    text.contains(fragment),
                    "{}: « {fragment} » not found in {}",
                    rule.id,
                    rule.source.seed
                );
            }
        }
    }
}

/// The text as read: no HTML tags, no Markdown emphasis, links reduced to their text.
fn strip_markup(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut in_url = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_url {
            in_url = c != ')';
            continue;
        }
        match c {
            ']' if chars.peek() == Some(&'(') => in_url = true,
            '[' | ']' | '*' => {}
            '<' => in_tag = true,
            '>' => in_tag = false,
            '\n' | '\r' => out.push(' '),
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ;", ";")
        .replace(" :", ":")
}

#[test]
fn findings_steps_cover_the_wizard() {
    let set = knowledge().rules.window("FTAP-2023").expect("FTAP");
    for step in [
        Step::Applicant,
        Step::Operations,
        Step::Applications,
        Step::Target,
        Step::Budget,
        Step::Schedule,
        Step::Indicators,
        Step::Attachments,
    ] {
        assert!(
            set.rules.iter().any(|r| r.step == step),
            "no rule for step {step:?}"
        );
    }
}

#[test]
fn a_third_window_is_a_data_change() {
    let shared = include_str!("../assets/rules/shared.ron");
    let third = r#"(
        id: "TEST-2027", name: "Guichet d'essai", operator: "DINUM", status: open,
        rate_cap: "0.40", rate_rule: "TEST-RATE", plan_horizon_years: 3, excluded: [],
        rules: [(
            id: "TEST-RATE", title: "Taux", step: budget,
            source: (seed: "test.txt", sentence: "Jusqu'à 40 %."),
            checks: [RateCap, CostBaseMin(min: "10000.00")],
            outcomes: {
                "above_cap": (severity: blocking, message: "{rate} > {cap}"),
                "below": (severity: warning, message: "{base} < {min}"),
            },
        )],
    )"#;
    let book =
        RuleBook::from_sources(("shared.ron", shared), &[("test.ron", third)]).expect("loads");
    let mut d = crate::common::ready();
    d.window = "TEST-2027".into();
    d.budget.requested_rate = None;
    let ev = dossier_cloud::domain::Evaluation::of(
        &d,
        book.window("TEST-2027").expect("window"),
        &knowledge().catalogue,
    );
    assert_eq!(ev.estimate.applied_rate.to_plain(), "0.40");
    assert_eq!(
        ev.estimate.cofunding,
        rust_decimal_macros::dec!(223760.00),
        "40 % of the whole 559 400 €: nothing excluded"
    );
}

#[test]
fn a_broken_rule_file_is_refused_with_reasons() {
    let shared = include_str!("../assets/rules/shared.ron");
    let broken = r#"(
        id: "TEST-2027", name: "Guichet d'essai", operator: "DINUM", status: open,
        rate_cap: "0.40", rate_rule: "TEST-NOPE", plan_horizon_years: 3, excluded: [],
        rules: [(
            id: "TEST-RATE", title: "Taux", step: budget,
            source: (seed: "test.txt", sentence: "Jusqu'à 40 %."),
            checks: [RateCap, CostBaseMin(min: "10000.00")],
            outcomes: {
                "above_cap": (severity: blocking, message: "{rate} > {plafond}"),
                "unused": (severity: warning, message: "jamais"),
            },
        )],
    )"#;
    let err = RuleBook::from_sources(("shared.ron", shared), &[("test.ron", broken)])
        .expect_err("refused");
    assert!(
        err.contains("TEST-RATE: pas de message pour « below »"),
        "{err}"
    );
    assert!(err.contains("cite {plafond}"), "{err}");
    assert!(
        err.contains("« unused » ne correspond à aucune vérification"),
        "{err}"
    );
    assert!(err.contains("règle TEST-NOPE inconnue"), "{err}");

    let err = RuleBook::from_sources(("shared.ron", shared), &[("bad.ron", "(id: 3)")])
        .expect_err("refused");
    assert!(err.starts_with("bad.ron"), "{err}");
}

#[test]
fn the_catalogue_lists_eligible_and_ineligible_offers() {
    let c = Catalogue::builtin().expect("catalogue");
    assert!(c.offer("pi").is_some() && c.offer("nubo").is_some());
    assert!(c.of_kind(TargetKind::SecNumCloud).count() >= 3);
    for offer in c.of_kind(TargetKind::SecNumCloud) {
        assert!(
            offer.qualification.is_some(),
            "{} has no qualification",
            offer.id
        );
    }
    for offer in c.of_kind(TargetKind::GenericExternal) {
        assert!(
            offer
                .not_eligible_because
                .as_deref()
                .is_some_and(|r| r.contains("FTAP-TARGET")),
            "{}",
            offer.id
        );
    }
}

#[test]
fn the_advisor_reads_the_doctrine() {
    let set = knowledge().rules.window("FTAP-2023").expect("FTAP");
    let dr = advise(Sensitivity::DiffusionRestreinte, set);
    let suits: Vec<TargetKind> = dr.iter().filter(|v| v.suits).map(|v| v.target).collect();
    assert_eq!(suits, [TargetKind::Pi]);
    let sensitive = advise(Sensitivity::Sensitive, set);
    let suits: Vec<TargetKind> = sensitive
        .iter()
        .filter(|v| v.suits)
        .map(|v| v.target)
        .collect();
    assert_eq!(
        suits,
        [TargetKind::Pi, TargetKind::Nubo, TargetKind::SecNumCloud]
    );
    let open = advise(Sensitivity::NonSensitive, set);
    let generic = open
        .iter()
        .find(|v| v.target == TargetKind::GenericExternal)
        .expect("generic");
    assert!(
        generic.suits && !generic.fundable,
        "any target suits, but generic is not fundable"
    );
    assert!(generic.rules.contains(&"FTAP-TARGET".to_owned()));
}

#[test]
fn every_rule_names_a_known_source_page() {
    let k = knowledge();
    for set in k.rules.windows() {
        for rule in &set.rules {
            let page = k.source_page(&rule.source.seed).unwrap_or_else(|| {
                panic!(
                    "{}: source « {} » not in assets/sources.ron",
                    rule.id, rule.source.seed
                )
            });
            assert!(
                !page.title.is_empty() && !page.publisher.is_empty(),
                "{}",
                page.seed
            );
        }
    }
    // Where the seeds are at hand, each page's title is the one the seed gives.
    let seeds = crate::common::root().join("../shared/seeds");
    for page in &k.sources {
        let Ok(text) = std::fs::read_to_string(seeds.join(&page.seed)) else {
            continue;
        };
        let first_words: String = page.title.split(" (").next().unwrap_or_default().to_owned();
        assert!(
            text.replace('’', "'")
                .contains(&first_words.replace('’', "'")),
            "{}: title « {first_words} » not in the seed",
            page.seed
        );
    }
}
