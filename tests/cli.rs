//! The command line as people outside the team use it: exit statuses, the text and JSON reports,
//! conversion, and a corpus of bad files that must each give exit 2 and a message saying where
//! and why.

use std::fs;

use crate::common::{plain, root, run};

#[test]
fn check_a_ready_dossier_exits_0_with_the_estimate() {
    let r = run(&["check", "examples/migration-secnumcloud.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = plain(&r.stdout);
    assert!(out.contains("Cofinancement estimé"), "{out}");
    assert!(out.contains("232 450,00 €"), "{out}");
    assert!(out.contains("Aucun constat"), "{out}");
    // The plan: 45 000 € of savings reached on 31/12/2027 count from 2028; the payback year.
    assert!(out.contains("2028  assiette"), "{out}");
    assert!(out.contains("économies        45 000,00 €"), "{out}");
    assert!(out.contains("Retour sur investissement : 2031"), "{out}");
}

#[test]
fn check_a_blocked_dossier_exits_1_and_names_the_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("petit.json");
    let text =
        fs::read_to_string(root().join("examples/migration-secnumcloud.ron")).expect("example");
    // Keep one 60 000 € line: under the 100 000 € floor.
    let mut d = dossier_cloud::storage::parse(
        text.as_bytes(),
        dossier_cloud::storage::Encoding::Ron,
        &crate::common::knowledge().rules,
    )
    .expect("parses")
    .dossier;
    d.budget.lines.truncate(1);
    d.budget.lines[0].amount_ttc =
        dossier_cloud::domain::Amount::parse_plain("60000").expect("amount");
    fs::write(
        &path,
        dossier_cloud::storage::to_json(&d, None).expect("json"),
    )
    .expect("write");

    let r = run(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(r.code, 1);
    let out = plain(&r.stdout);
    assert!(out.contains("[bloquant] FTAP-SIZE (Budget) : La base de coûts, 60 000,00 €, est sous le plancher de 100 000,00 € TTC."), "{out}");

    let r = run(&[
        "check",
        path.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON object");
    assert_eq!(json["window"], "FTAP-2023");
    assert_eq!(json["estimate"]["cost_base"], "60000.00");
    assert_eq!(json["estimate"]["applicant_share"], "30000.00");
    let first = &json["findings"][0];
    assert_eq!(
        first["rule"], "FTAP-SIZE",
        "60 000 € clears the 50 000 € minimum but not the 100 000 € floor"
    );
    assert_eq!(first["severity"], "blocking");
    assert_eq!(first["step"], "budget");
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .expect("array")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect();
    assert!(rules.contains(&"FTAP-SIZE"), "{rules:?}");
}

#[test]
fn check_reads_the_json_that_convert_writes_with_the_same_estimate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("dossier.json");
    let back = dir.path().join("retour.ron");
    let r = run(&[
        "convert",
        "examples/combined.ron",
        json.to_str().expect("path"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&[
        "convert",
        json.to_str().expect("path"),
        back.to_str().expect("path"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let from_ron = run(&["check", "examples/combined.ron", "--format", "json"]);
    let from_json = run(&["check", json.to_str().expect("path"), "--format", "json"]);
    let from_back = run(&["check", back.to_str().expect("path"), "--format", "json"]);
    assert_eq!(from_ron.stdout, from_json.stdout);
    assert_eq!(from_ron.stdout, from_back.stdout);
    assert_eq!(
        from_json.stderr, "",
        "no unknown field reported for estimate and findings"
    );
}

#[test]
fn convert_refuses_to_overwrite_an_unreadable_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("notes.json");
    fs::write(&out, "{\"mes\": \"notes\"}").expect("write");
    let r = run(&[
        "convert",
        "examples/combined.ron",
        out.to_str().expect("path"),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("ne sera pas écrasé"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(&out).expect("intact"),
        "{\"mes\": \"notes\"}"
    );
}

#[test]
fn usage_errors_exit_2_with_the_usage() {
    for args in [
        &["check"][..],
        &["frobnicate", "a", "b"],
        &["check", "x.ron", "--format", "xml"],
        &["--nope"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains("Utilisation"), "{args:?}: {}", r.stderr);
    }
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .contains("dossier-cloud check FICHIER [--format json]")
    );
}

/// Each bad file, and what the message must say (spaces normalised).
const BAD: &[(&str, &[&str])] = &[
    ("empty.json", &["le fichier est vide"]),
    ("blank.ron", &["le fichier est vide"]),
    ("truncated.json", &["fin de fichier inattendue", "tronqué"]),
    ("truncated.ron", &["ligne ", "tronqué"]),
    ("trailing-garbage.json", &["ligne 20", "caractères en trop"]),
    ("not-utf8.ron", &["ligne 1, colonne 71", "UTF-8"]),
    (
        "amount-as-number.json",
        &[
            "champ budget.lines[0].amount_ttc",
            "entre guillemets",
            "jamais comme un nombre",
        ],
    ),
    (
        "unknown-category.json",
        &[
            "champ budget.lines[0].category",
            "valeur inconnue « furniture »",
            "external_service",
        ],
    ),
    (
        "impossible-date.json",
        &[
            "champ project.start",
            "« 2027-02-30 »",
            "cette date n'existe pas",
        ],
    ),
    ("french-date.json", &["champ project.start", "AAAA-MM-JJ"]),
    (
        "negative-amount.json",
        &[
            "champ budget.lines[0].amount_ttc",
            "ne peut pas être négatif",
        ],
    ),
    (
        "absurd-amount.json",
        &["champ budget.lines[0].amount_ttc", "montant démesuré"],
    ),
    (
        "three-decimals.json",
        &["champ budget.lines[0].amount_ttc", "au plus deux décimales"],
    ),
    (
        "comma-amount.json",
        &[
            "champ budget.lines[0].amount_ttc",
            "caractère inattendu « , »",
        ],
    ),
    (
        // The same in a draft: RON reports it through its own error type.
        "comma-amount.ron",
        &[
            "ligne 59",
            "champ budget.lines[0].amount_ttc",
            "montant invalide « 420000,00 » : caractère inattendu « , »",
        ],
    ),
    (
        "rate-above-one.json",
        &["champ budget.requested_rate", "taux invalide « 1.50 »"],
    ),
    (
        "newer-format.json",
        &["« dossier-cloud/7 »", "version plus récente"],
    ),
    ("unknown-format.json", &["format « tableur/2 » inconnu"]),
    ("not-a-dossier.json", &["champ « format » absent"]),
    (
        "unknown-window.json",
        &["guichet « FTAP-2099 » inconnu", "FTAP-2023, ITN9-2021"],
    ),
    (
        "missing-year.json",
        &["champ budget.lines[0]", "champ obligatoire « year » absent"],
    ),
    (
        "year-out-of-range.json",
        &["champ budget.lines[0].year", "1850"],
    ),
    (
        "bad-sha256.json",
        &["champ attachments[0].sha256", "64 caractères"],
    ),
    (
        "unknown-operation.json",
        &["champ operations[0]", "valeur inconnue « rehosting »"],
    ),
    (
        "mixed-operation.json",
        &["champ operations[0]", "réservés aux extensions"],
    ),
    (
        "unknown-kind.ron",
        &[
            "ligne 6",
            "champ applicant.kind",
            "valeur inconnue « city_hall »",
            "state_operator",
        ],
    ),
];

#[test]
fn every_bad_file_gives_exit_2_and_says_where_and_why() {
    let corpus = root().join("tests/corpus/bad");
    let mut seen = 0;
    for (file, fragments) in BAD {
        let path = corpus.join(file);
        assert!(path.exists(), "{file} is missing from the corpus");
        let r = run(&["check", path.to_str().expect("path")]);
        assert_eq!(r.code, 2, "{file}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{file}: nothing on stdout");
        let message = plain(&r.stderr);
        assert!(
            message.starts_with("dossier-cloud : impossible d'ouvrir le dossier : "),
            "{file}: {message}"
        );
        assert!(
            message
                .trim_end()
                .ends_with(&format!("({})", path.display())),
            "{file}: path last: {message}"
        );
        for fragment in *fragments {
            assert!(
                message.contains(fragment),
                "{file}: « {fragment} » not in: {message}"
            );
        }
        assert!(!message.contains("panicked"), "{file}: {message}");
        seen += 1;
    }
    let in_folder = fs::read_dir(&corpus).expect("corpus").count();
    assert_eq!(
        seen, in_folder,
        "every file of the corpus has its expectation"
    );
}

#[test]
fn a_missing_file_gives_exit_2() {
    let r = run(&["check", "examples/absent.ron"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("fichier ou dossier introuvable"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.trim_end().ends_with("(examples/absent.ron)"),
        "{}",
        r.stderr
    );
}
