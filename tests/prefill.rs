//! `prefill`: the dossier matched to the platform's form description (DS-PREFILL.md), every
//! value written as the platform reads it and checked against its champ, the form's own option
//! texts, the link when one can carry the body, what is left and why, and a corpus of bad
//! descriptions that each give exit 2 and a message. Nothing is sent.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{plain, root, run};

fn form(name: &str) -> PathBuf {
    root().join("tests/corpus/platform").join(name)
}

fn prefill_json(dossier: &Path, schema: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec![
        "prefill",
        dossier.to_str().expect("utf-8"),
        "--schema",
        schema.to_str().expect("utf-8"),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = run(&args);
    let json = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} / {}", out.stdout, out.stderr));
    (out.code, json)
}

/// The key of the champ with this label (top level, or inside the table `in_table`).
fn key(schema: &Value, label: &str, in_table: Option<&str>) -> String {
    format!(
        "champ_{}",
        id_of(schema, label, in_table).trim_end_matches('=')
    )
}

/// The id of the champ with this label, as published (with its `=` padding).
fn id_of(schema: &Value, label: &str, in_table: Option<&str>) -> String {
    let champs = schema["revision"]["champDescriptors"]
        .as_array()
        .expect("champs");
    let list = match in_table {
        None => champs.clone(),
        Some(table) => champs
            .iter()
            .find(|c| c["label"] == table)
            .and_then(|c| c["champDescriptors"].as_array())
            .expect("table")
            .clone(),
    };
    let id = list
        .iter()
        .find(|c| c["label"] == label)
        .and_then(|c| c["id"].as_str())
        .unwrap_or_else(|| panic!("no champ « {label} »"));
    id.to_owned()
}

fn schema(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(form(name)).expect("fixture")).expect("json")
}

#[test]
fn the_body_uses_the_forms_own_options_and_the_platforms_formats() {
    let s = schema("ftap-form.json");
    let (code, out) = prefill_json(
        &root().join("examples/combined.ron"),
        &form("ftap-form.json"),
        &[],
    );
    let body = &out["body"];
    // The form writes « Opérateur de l’État » with a curly apostrophe: its text is sent.
    assert_eq!(
        body[key(&s, "Type de structure", None)],
        "Opérateur de l’État"
    );
    assert_eq!(
        body[key(&s, "Coût total du projet (TTC)", None)],
        "1527000.00"
    );
    assert_eq!(
        body[key(&s, "Taux de cofinancement demandé (%)", None)],
        "45",
        "a percentage"
    );
    assert_eq!(body[key(&s, "Date de démarrage", None)], "2027-03-01");
    assert_eq!(
        body[key(&s, "Types d'opération", None)],
        serde_json::json!([
            "Migration d'applications vers le Cloud de confiance",
            "Extension ou montée en qualité d'une offre de cloud interne (PI, NUBO)"
        ])
    );
    let apps = body[key(&s, "Applications migrées", None)]
        .as_array()
        .expect("rows");
    let first = &apps[0];
    assert_eq!(
        first[key(&s, "Sensibilité des données", Some("Applications migrées"))],
        "Données Sensibles"
    );
    assert_eq!(
        first[key(&s, "Hébergement cible", Some("Applications migrées"))],
        "NUBO"
    );
    let lines = body[key(&s, "Détail du budget", None)]
        .as_array()
        .expect("rows");
    assert_eq!(lines.len(), 9, "one row a budget line");
    let table = Some("Détail du budget");
    assert_eq!(lines[0][key(&s, "Année", table)], "2027");
    assert_eq!(lines[0][key(&s, "Dans l'assiette", table)], "true");
    assert_eq!(
        lines[7][key(&s, "Catégorie", table)],
        "Évolutions fonctionnelles"
    );
    assert_eq!(
        lines[7][key(&s, "Dans l'assiette", table)],
        "false",
        "excluded (FTAP-EXCLUDED)"
    );

    // Never a JSON number or boolean: the platform reads strings.
    assert!(strings_only(body), "{body}");
    assert_eq!(code, 1, "the required SIRET is left");
}

/// Strings, or lists and objects of strings only.
fn strings_only(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Array(items) => items.iter().all(strings_only),
        Value::Object(map) => map.values().all(strings_only),
        _ => false,
    }
}

#[test]
fn what_is_left_is_listed_with_why_and_the_files_are_mapped() {
    let (code, out) = prefill_json(
        &root().join("examples/combined.ron"),
        &form("ftap-form.json"),
        &[],
    );
    // The required SIRET keeps the dossier from being complete: exit 1.
    assert_eq!(code, 1);
    let left: Vec<(&str, bool, &str)> = out["not_filled"]
        .as_array()
        .expect("not_filled")
        .iter()
        .map(|n| {
            (
                n["label"].as_str().unwrap_or_default(),
                n["required"].as_bool().unwrap_or_default(),
                n["why"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        left.iter()
            .any(|(l, r, _)| *l == "SIRET de la structure" && *r),
        "{left:?}"
    );
    assert!(
        left.iter().any(|(l, r, w)| *l == "Numéro RNA"
            && !*r
            && w.contains("ne préremplit pas un champ de type « RNA »")),
        "an unknown type is tolerated and said: {left:?}"
    );
    assert!(
        left.iter().all(|(l, _, _)| *l != "Le porteur"),
        "headers are not champs to fill"
    );
    assert_eq!(out["link"], Value::Null, "tables need the API");
    let files: Vec<&str> = out["attachments"]
        .as_array()
        .expect("attachments")
        .iter()
        .filter_map(|a| a["file"].as_str())
        .collect();
    assert!(
        Path::new(files[0])
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            && files[1] == "dossier.json",
        "{files:?}"
    );
    assert_eq!(files.len(), 3, "the PDF, the JSON and the commitment");
    let keys: Vec<&str> = out
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "demarche",
            "body",
            "link",
            "filled",
            "not_filled",
            "attachments"
        ]
    );
    assert_eq!(out["demarche"]["number"], 1234);
    assert_eq!(
        out["demarche"]["path"],
        "guichet-adoption-du-cloud-computing"
    );
}

#[test]
fn a_form_without_tables_gets_a_link_under_two_thousand_characters() {
    let (code, out) = prefill_json(
        &root().join("examples/combined.ron"),
        &form("small-form.json"),
        &[],
    );
    assert_eq!(code, 0, "every required champ filled");
    let link = out["link"].as_str().expect("a link");
    assert!(
        link.starts_with("https://www.demarches-simplifiees.fr/commencer/petite-demarche?champ_"),
        "{link}"
    );
    assert!(link.len() <= 2_000);
    assert!(
        link.contains("%5B%5D=Migration+d%27applications"),
        "a multiple choice as champ_X[]: {link}"
    );
    let (_, out) = prefill_json(
        &root().join("examples/combined.ron"),
        &form("small-form.json"),
        &["--base", "http://127.0.0.1:9/"],
    );
    assert!(
        out["link"]
            .as_str()
            .expect("link")
            .starts_with("http://127.0.0.1:9/commencer/")
    );
}

#[test]
fn a_link_past_the_platforms_limit_is_refused_with_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = schema("small-form.json");
    s["revision"]["champDescriptors"].as_array_mut().expect("champs").push(serde_json::json!({
        "__typename": "TextareaChampDescriptor", "id": "Q2hhbXAtOTk5OQ==", "label": "Description du projet",
        "description": null, "required": false
    }));
    let schema_path = dir.path().join("form.json");
    std::fs::write(&schema_path, s.to_string()).expect("write");
    let mut d = crate::common::example("combined.ron");
    d.project.summary = "Une migration longuement décrite. ".repeat(80);
    let draft = dir.path().join("long.ron");
    std::fs::write(&draft, dossier_cloud::storage::to_ron(&d).expect("ron")).expect("write");
    let (_, out) = prefill_json(&draft, &schema_path, &[]);
    assert_eq!(out["link"], Value::Null);
    let text = run(&[
        "prefill",
        draft.to_str().expect("utf-8"),
        "--schema",
        schema_path.to_str().expect("utf-8"),
    ]);
    assert!(
        plain(&text.stdout).contains("au-delà des 2000"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_choice_the_form_does_not_offer_is_not_sent_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = schema("ftap-form.json");
    // The form no longer offers NUBO as a target.
    for champ in s["revision"]["champDescriptors"]
        .as_array_mut()
        .expect("champs")
    {
        if champ["label"] == "Applications migrées" {
            for sub in champ["champDescriptors"].as_array_mut().expect("sub") {
                if sub["label"] == "Hébergement cible" {
                    sub["options"] =
                        serde_json::json!(["PI", "Offre commerciale qualifiée SecNumCloud"]);
                }
            }
        }
    }
    let path = dir.path().join("form.json");
    std::fs::write(&path, s.to_string()).expect("write");
    let (_, out) = prefill_json(&root().join("examples/combined.ron"), &path, &[]);
    let target = key(&s, "Hébergement cible", Some("Applications migrées"));
    let apps = out["body"][key(&s, "Applications migrées", None)]
        .as_array()
        .expect("rows")
        .clone();
    assert!(
        apps.iter().all(|row| row.get(&target).is_none()),
        "an impossible value is never sent"
    );
    let why = out["not_filled"]
        .as_array()
        .expect("left")
        .iter()
        .find(|n| {
            n["label"]
                .as_str()
                .is_some_and(|l| l.contains("Hébergement cible (ligne 1)"))
        })
        .map(|n| n["why"].as_str().unwrap_or_default().to_owned())
        .expect("listed");
    assert!(
        why.contains("aucune option du formulaire ne correspond à « NUBO"),
        "{why}"
    );
    // The window says the row in its own language.
    #[cfg(feature = "gui")]
    {
        use egui_kittest::kittest::Queryable;
        let mut h = crate::common::harness_sized(
            Some(root().join("examples/combined.ron")),
            [1440.0, 2400.0],
        );
        h.get_by_label_contains("9. Relecture").click();
        h.run();
        h.get_by_label("Déposer sur démarches-simplifiées…").click();
        h.run();
        crate::common::read_description_in_window(&mut h, &path);
        assert!(
            h.query_by_label_contains("Hébergement cible (ligne 1)")
                .is_some()
        );
        h.state_mut().set_lang(dossier_cloud::i18n::Lang::En);
        h.run();
        assert!(
            h.query_by_label_contains("Hébergement cible (row 1)")
                .is_some()
        );
        assert!(h.query_by_label_contains("(ligne 1)").is_none());
    }
}

#[test]
fn every_bad_description_gives_exit_2_and_says_why() {
    let cases = [
        ("empty.json", "le fichier est vide"),
        ("truncated.json", "tronqué"),
        ("not-json.json", "ce n'est pas du JSON (ligne 1, colonne 1"),
        ("no-revision.json", "(« revision ») manque"),
        (
            "champ-without-id.json",
            "le champ n°2 (« Ministère ») n'a pas d'« id »",
        ),
        ("an-array.json", "un objet JSON est attendu"),
    ];
    let mut seen = 0;
    for entry in std::fs::read_dir(form("bad")).expect("corpus") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        let expected = cases
            .iter()
            .find(|(file, _)| *file == name)
            .unwrap_or_else(|| panic!("{name}: no expected message"))
            .1;
        let out = run(&[
            "prefill",
            "examples/combined.ron",
            "--schema",
            path.to_str().expect("utf-8"),
        ]);
        assert_eq!(out.code, 2, "{name}");
        let err = plain(&out.stderr);
        assert!(
            err.contains("description du formulaire illisible"),
            "{name}: {err}"
        );
        assert!(err.contains(expected), "{name}: {err}");
        assert!(err.contains(&name), "{name}: the message names the file");
        assert!(out.stdout.is_empty(), "{name}: nothing printed as a result");
        seen += 1;
    }
    assert_eq!(seen, cases.len());
}

#[test]
fn prefill_words_are_checked() {
    let out = run(&["prefill", "examples/combined.ron"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("--schema DESCRIPTION.json"),
        "{}",
        out.stderr
    );
    let out = run(&[
        "prefill",
        "examples/combined.ron",
        "--schema",
        "x.json",
        "--base",
        "ftp://x",
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("http:// ou https://"), "{}", out.stderr);
    let out = run(&[
        "prefill",
        "examples/combined.ron",
        "--schema",
        "missing.json",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        plain(&out.stderr).contains("missing.json"),
        "{}",
        out.stderr
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_window_shows_what_is_filled_and_left_and_sends_nothing_until_confirmed() {
    use egui_kittest::kittest::Queryable;
    let mut h =
        crate::common::harness_sized(Some(root().join("examples/combined.ron")), [1440.0, 2400.0]);
    h.get_by_label_contains("9. Relecture").click();
    h.run();
    h.get_by_label("Déposer sur démarches-simplifiées…").click();
    h.run();
    crate::common::read_description_in_window(&mut h, &form("ftap-form.json"));
    assert!(h.query_by_label_contains("Démarche n°1234").is_some());
    assert!(
        h.query_by_label_contains("25 champ(s) rempli(s) d'après le dossier")
            .is_some(),
        "the counts"
    );
    // Built once, rebuilt when the dossier changes: a ministry erased is one champ fewer.
    let ministry = std::mem::take(&mut h.state_mut().doc.dossier.applicant.ministry);
    h.run();
    assert!(
        h.query_by_label_contains("24 champ(s) rempli(s) d'après le dossier")
            .is_some(),
        "the prefill follows the dossier"
    );
    h.state_mut().doc.dossier.applicant.ministry = ministry;
    h.run();
    assert!(
        h.query_by_label_contains("25 champ(s) rempli(s) d'après le dossier")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("SIRET de la structure (obligatoire)")
            .is_some()
    );
    assert!(h.query_by_label_contains("Pièces à déposer (3)").is_some());
    // Sending asks first, and says what goes where.
    h.get_by_label_contains("Envoyer le dossier à https://www.demarches-simplifiees.fr/api/public/v1/demarches/1234/dossiers")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("Les 25 champs remplis seront envoyés à")
            .is_some()
    );
    assert!(
        h.query_by_label("Envoyer").is_some(),
        "the confirmation's button"
    );
    h.get_by_label("Annuler").click();
    h.run();
    assert!(
        h.query_by_label("Envoyer").is_none(),
        "cancelled: nothing sent"
    );
    assert!(h.state().doc.dossier.platform.is_none());
}

#[test]
fn descriptions_read_are_kept_with_their_day_and_what_changed_since() {
    use dossier_cloud::domain::Date;
    use dossier_cloud::storage::descriptions::Descriptions;
    let dir = tempfile::tempdir().expect("tempdir");
    let kept = Descriptions::in_dir(dir.path().join("platform"));
    assert!(kept.last().is_none(), "nothing kept yet");
    let text = std::fs::read_to_string(form("ftap-form.json")).expect("fixture");
    let first = dossier_cloud::platform::description::parse(&text).expect("description");
    let day = Date::parse_iso("2026-10-05").expect("date");
    assert_eq!(
        kept.keep(&text, &first, day).expect("kept"),
        None,
        "no earlier reading"
    );
    let back = kept.last().expect("the last one read");
    assert_eq!((back.description.number, back.read_on), (1234, day));
    assert_eq!(
        back.old(Date::parse_iso("2026-11-04").expect("date")),
        None,
        "30 days: not old"
    );
    assert_eq!(
        back.old(Date::parse_iso("2026-11-05").expect("date")),
        Some(31)
    );

    // The form changes: a new date, a champ added, one removed (compared by id).
    let mut changed = schema("ftap-form.json");
    changed["dateDerniereModification"] = "2026-11-20T10:00:00+01:00".into();
    let champs = changed["revision"]["champDescriptors"]
        .as_array_mut()
        .expect("champs");
    champs.retain(|c| c["label"] != "Numéro RNA");
    champs.push(
        serde_json::json!({"__typename": "TextChampDescriptor", "id": "Q2hhbXAtNTU1NQ==",
        "label": "Numéro de dossier ministériel", "description": null, "required": false}),
    );
    let text = changed.to_string();
    let second = dossier_cloud::platform::description::parse(&text).expect("description");
    let seen = kept
        .keep(&text, &second, Date::parse_iso("2026-12-01").expect("date"))
        .expect("kept")
        .expect("an earlier reading");
    assert_eq!(seen.added, ["Numéro de dossier ministériel"]);
    assert_eq!(seen.removed, ["Numéro RNA"]);
    assert_eq!(
        seen.modified.map(|(_, now)| now).as_deref(),
        Some("2026-11-20T10:00:00+01:00")
    );
    assert_eq!(
        kept.kept(1234).expect("kept").description,
        second,
        "the newer one is kept"
    );
}

/// The prefill of the combined example for a form, with ties.
fn prefill_with(
    description: &dossier_cloud::platform::Description,
    ties: &dossier_cloud::platform::prefill::Ties,
) -> dossier_cloud::platform::Prefill {
    let k = crate::common::knowledge();
    let dossier = dossier_cloud::storage::load(&root().join("examples/combined.ron"), &k.rules)
        .expect("example")
        .parsed
        .dossier;
    let evaluation = k.evaluate(&dossier).expect("window");
    let facts = dossier_cloud::platform::Facts {
        dossier: &dossier,
        evaluation: &evaluation,
        rules: k.rules.window(&dossier.window).expect("window"),
    };
    dossier_cloud::platform::prefill::build(
        description,
        dossier_cloud::platform::FormTable::builtin().expect("table"),
        &facts,
        &dossier_cloud::platform::prefill::Options {
            pdf_name: "dossier.pdf",
            base: dossier_cloud::platform::DEFAULT_BASE,
            ties,
            known: &[],
        },
    )
}

/// The form as the real one may say it: « Nom du projet » where the table expects « Intitulé du
/// projet ».
fn renamed_form() -> (Value, dossier_cloud::platform::Description) {
    let mut s = schema("ftap-form.json");
    for c in s["revision"]["champDescriptors"]
        .as_array_mut()
        .expect("champs")
    {
        if c["label"] == "Intitulé du projet" {
            c["label"] = "Nom du projet".into();
        }
    }
    let description =
        dossier_cloud::platform::description::parse(&s.to_string()).expect("description");
    (s, description)
}

#[test]
fn champs_tied_by_hand_take_the_value_chosen_or_none_and_stale_ties_fall_back_to_labels() {
    use dossier_cloud::platform::fields::Source;
    use dossier_cloud::platform::prefill::{Tie, Ties};
    let (s, description) = renamed_form();
    let title = key(&s, "Nom du projet", None);
    let ministry = key(&s, "Ministère", None);
    let category = key(&s, "Catégorie", Some("Détail du budget"));
    let contact = key(&s, "Nom et prénom du contact", None);

    let by_label = prefill_with(&description, &Ties::new());
    assert!(!by_label.body.contains_key(&title), "no label matches");
    let why = &by_label
        .not_filled
        .iter()
        .find(|n| n.champ == title)
        .expect("listed")
        .why;
    assert_eq!(why, &dossier_cloud::platform::why::Why::NoLabel);
    assert!(
        why.to_string().contains("correspondances des champs"),
        "{why}"
    );
    let english = dossier_cloud::i18n::texts(dossier_cloud::i18n::Lang::En).prefill_why(why);
    assert_eq!(
        english,
        "no value of the dossier carries this label: to fill on the platform (or choose it in the field mapping)"
    );

    let mut ties = Ties::new();
    ties.insert(id_of(&s, "Nom du projet", None), Tie::Value(Source::Title));
    ties.insert(id_of(&s, "Ministère", None), Tie::Nothing);
    ties.insert(
        id_of(&s, "Catégorie", Some("Détail du budget")),
        Tie::Nothing,
    );
    // Hand-edited: a contact's name tied to a table is ignored, the label decides.
    ties.insert(
        id_of(&s, "Nom et prénom du contact", None),
        Tie::Value(Source::BudgetLines),
    );
    let by_hand = prefill_with(&description, &ties);
    assert_eq!(
        by_hand.body[&title],
        "Bourses et scolarité : migration sur NUBO et base de données en service"
    );
    assert!(
        by_hand
            .filled
            .iter()
            .any(|f| f.champ == title && f.from == "project.title")
    );
    assert!(!by_hand.body.contains_key(&ministry), "tied to nothing");
    let left = by_hand
        .not_filled
        .iter()
        .find(|n| n.champ == ministry)
        .expect("listed");
    assert_eq!(left.why, dossier_cloud::platform::why::Why::TiedToNothing);
    assert!(left.required && left.blocks, "a required champ left blocks");
    let budget = by_hand.body[&key(&s, "Détail du budget", None)]
        .as_array()
        .expect("rows");
    assert!(
        budget.iter().all(|row| row.get(&category).is_none()),
        "no row carries the category"
    );
    assert!(
        budget.iter().all(|row| row
            .get(key(&s, "Libellé", Some("Détail du budget")))
            .is_some()),
        "the other sub-champs still do"
    );
    assert_eq!(
        by_hand
            .not_filled
            .iter()
            .filter(|n| n.champ == category)
            .count(),
        1,
        "the sub-champ is listed once, not once a row"
    );
    assert_eq!(by_hand.body[&contact], by_label.body[&contact]);
    assert!(by_hand.body[&contact].is_string());
}

#[test]
fn ties_are_kept_per_demarche_and_a_corrupt_file_is_said_and_left_alone() {
    use dossier_cloud::platform::fields::Source;
    use dossier_cloud::platform::prefill::{Tie, Ties};
    use dossier_cloud::storage::descriptions::Descriptions;
    let dir = tempfile::tempdir().expect("tempdir");
    let kept = Descriptions::in_dir(dir.path().join("platform"));
    assert_eq!(kept.ties(1234).expect("none yet"), Ties::new());
    let mut ties = Ties::new();
    ties.insert("Q2hhbXAtMTAxMA==".into(), Tie::Value(Source::Title));
    ties.insert("Q2hhbXAtMTAwMw==".into(), Tie::Nothing);
    kept.keep_ties(1234, &ties).expect("kept");
    assert_eq!(kept.ties(1234).expect("kept"), ties);
    assert_eq!(kept.ties(99).expect("per démarche"), Ties::new());

    let file = dir.path().join("platform/demarche-1234.ties.ron");
    std::fs::write(&file, "{ pas du RON").expect("write");
    let why = kept.ties(1234).expect_err("corrupt").to_string();
    assert!(why.contains("demarche-1234.ties.ron"), "{why}");
    assert!(
        why.starts_with("correspondances de champs gardées illisibles"),
        "{why}"
    );
    let english = dossier_cloud::i18n::texts(dossier_cloud::i18n::Lang::En)
        .ties_error(&kept.ties(1234).expect_err("corrupt"));
    assert!(
        english.starts_with("the champs tied by hand cannot be read back"),
        "{english}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "{ pas du RON",
        "reading never rewrites it"
    );
}

#[test]
fn the_command_line_uses_the_ties_chosen_in_the_window_and_says_so() {
    let data = tempfile::tempdir().expect("tempdir");
    let platform = data.path().join("dossier-cloud/platform");
    std::fs::create_dir_all(&platform).expect("folder");
    let s = schema("ftap-form.json");
    let ministry = key(&s, "Ministère", None);
    std::fs::write(
        platform.join("demarche-1234.ties.ron"),
        format!("{{\"{}\": nothing}}", id_of(&s, "Ministère", None)),
    )
    .expect("ties");
    let example = root().join("examples/combined.ron");
    let args = [
        "prefill",
        example.to_str().expect("utf-8"),
        "--schema",
        form("ftap-form.json")
            .to_str()
            .expect("utf-8")
            .to_owned()
            .leak(),
        "--format",
        "json",
    ];
    let out = crate::common::run_env(&root(), &args, &[("XDG_DATA_HOME", data.path())]);
    let json: Value = serde_json::from_str(&out.stdout).expect("json");
    assert!(json["body"].get(&ministry).is_none(), "tied to nothing");
    assert!(
        plain(&out.stderr).contains(
            "Correspondances de champs choisies dans l'application pour la démarche n°1234 : 1."
        ),
        "{}",
        out.stderr
    );
    // Without kept ties (the tests' own empty folder), the ministry is filled.
    let (_, json) = prefill_json(&example, &form("ftap-form.json"), &[]);
    assert!(json["body"].get(&ministry).is_some());
}

#[test]
fn with_the_exported_pack_each_file_to_attach_has_its_size_and_sha256() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = crate::common::example_copy(dir.path(), "combined.ron");
    let pack = dir.path().join("pack");
    let out = run(&[
        "export",
        example.to_str().expect("utf-8"),
        "--out",
        pack.to_str().expect("utf-8"),
    ]);
    assert!(out.code < 2, "{}", out.stderr);
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(pack.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let (_, json) = prefill_json(
        &example,
        &form("ftap-form.json"),
        &["--pack", pack.to_str().expect("utf-8")],
    );
    let attachments = json["attachments"].as_array().expect("attachments");
    let pdf_name = attachments
        .iter()
        .filter_map(|a| a["file"].as_str())
        .find(|f| {
            Path::new(f)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        })
        .expect("the PDF mapped")
        .to_owned();
    for name in ["dossier.json", pdf_name.as_str()] {
        let listed = manifest["files"]
            .as_array()
            .expect("files")
            .iter()
            .find(|f| f["name"] == name)
            .expect("in the manifest");
        let mapped = attachments
            .iter()
            .find(|a| a["file"] == name)
            .expect("mapped");
        assert_eq!(mapped["size"], listed["size"]);
        assert_eq!(mapped["sha256"], listed["sha256"]);
        let bytes = std::fs::read(pack.join(name)).expect("file");
        assert_eq!(mapped["size"], bytes.len());
    }
    // Without the pack, no size is claimed.
    let (_, json) = prefill_json(&example, &form("ftap-form.json"), &[]);
    assert!(json["attachments"][0].get("size").is_none());
    // A folder without a manifest: exit 2 and why.
    let out = run(&[
        "prefill",
        example.to_str().expect("utf-8"),
        "--schema",
        form("ftap-form.json").to_str().expect("utf-8"),
        "--pack",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(out.code, 2);
    assert!(
        plain(&out.stderr).contains("paquet illisible"),
        "{}",
        out.stderr
    );
}

#[cfg(feature = "gui")]
type Window = egui_kittest::Harness<'static, dossier_cloud::ui::App>;

#[cfg(feature = "gui")]
/// Opens « Déposer sur démarches-simplifiées… » from the File menu.
fn open_handover(h: &mut Window) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Déposer sur démarches-simplifiées…").click();
    h.run();
}

#[cfg(feature = "gui")]
/// The window on the combined example keeping what it reads in `kept`, the form's description
/// read and its field mapping open.
fn mapping_open(kept: &Path) -> Window {
    use egui_kittest::kittest::Queryable;
    let example = Some(root().join("examples/combined.ron"));
    let mut h = crate::common::harness_keeping(example, [1440.0, 2400.0], Some(kept));
    open_handover(&mut h);
    crate::common::read_description_in_window(&mut h, &form("ftap-form.json"));
    h.get_by_label("Correspondances des champs…").click();
    h.run();
    h
}

#[cfg(feature = "gui")]
#[test]
fn the_window_ties_a_champ_by_hand_keeps_it_per_demarche_and_uses_it_next_time() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let kept = dir.path().join("platform");
    let mut h = mapping_open(&kept);
    // Every champ in the form's order, sub-champs under their table; each named for a reader.
    assert!(
        h.query_by_label("Intitulé du projet (obligatoire)")
            .is_some()
    );
    assert!(
        h.query_by_label("Applications migrées › Nom de l'application (obligatoire)")
            .is_some()
    );
    h.get_by_label("Ministère (obligatoire)").click();
    h.run();
    h.get_by_label("Rien (à remplir sur la plateforme)").click();
    h.run();
    let file = kept.join("demarche-1234.ties.ron");
    let text = std::fs::read_to_string(&file).expect("kept at once");
    assert!(text.contains("\"Q2hhbXAtMTAwMw==\": nothing"), "{text}");
    assert!(
        h.query_by_label_contains("1 correspondance(s) choisie(s)")
            .is_some(),
        "the hand-over window says it"
    );
    assert!(
        h.query_by_label_contains("laissé vide à votre demande")
            .is_some()
    );

    // Next time: the description read last and its ties come back without asking.
    let example = Some(root().join("examples/combined.ron"));
    let mut again = crate::common::harness_keeping(example, [1440.0, 2400.0], Some(&kept));
    open_handover(&mut again);
    assert!(again.query_by_label_contains("Démarche n°1234").is_some());
    assert!(
        again
            .query_by_label_contains("laissé vide à votre demande")
            .is_some()
    );
    again.get_by_label("Correspondances des champs…").click();
    again.run();
    again.get_by_label("Tout remettre en automatique").click();
    again.run();
    assert!(
        again
            .query_by_label_contains("laissé vide à votre demande")
            .is_none()
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("kept").trim(),
        "{}",
        "the reset is kept too"
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_field_mapping_works_by_keyboard_alone() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = mapping_open(&dir.path().join("platform"));
    // The list opens with Enter on the focused champ, an entry is chosen with Enter.
    h.get_by_label("Ministère (obligatoire)").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("Rien (à remplir sur la plateforme)").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        h.query_by_label_contains("laissé vide à votre demande")
            .is_some()
    );
}

/// The SHA-256 of the PDF of a pack, from its manifest.
#[cfg(feature = "gui")]
fn pdf_sum(pack: &Path) -> String {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(pack.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| {
            f["name"].as_str().is_some_and(|n| {
                Path::new(n)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            })
        })
        .and_then(|f| f["sha256"].as_str())
        .expect("the PDF in the manifest")
        .to_owned()
}

/// Draws frames until a text shows (the export runs in the background), at most 20 s.
#[cfg(feature = "gui")]
fn until_shown(h: &mut Window, text: &str) {
    use egui_kittest::kittest::Queryable;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.query_all_by_label_contains(text).next().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "« {text} » never shown"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run();
    }
}

#[cfg(feature = "gui")]
#[test]
fn the_hand_over_follows_a_new_export_of_the_same_dossier() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    let mut h = crate::common::harness_sized(Some(draft), [1440.0, 2400.0]);
    let (fr, en) = (dir.path().join("fr"), dir.path().join("en"));
    crate::common::start_export_in_window(&mut h, &fr);
    until_shown(&mut h, "Dossier de dépôt prêt");
    h.get_by_label("Fermer").click();
    h.run();
    // From the review step, where the export left the window.
    h.get_by_label("Déposer sur démarches-simplifiées…").click();
    h.run();
    crate::common::read_description_in_window(&mut h, &form("ftap-form.json"));
    let shown = |h: &Window, sum: &str| {
        h.query_all_by(|n| n.value().is_some_and(|v| v.contains(sum)))
            .next()
            .is_some()
    };
    assert!(shown(&h, &pdf_sum(&fr)), "the PDF's digest, from the pack");
    // The same dossier exported again, in English: another PDF, as many files.
    h.state_mut().set_lang(dossier_cloud::i18n::Lang::En);
    h.run();
    h.get_by_label("Export the submission pack…").click();
    h.run();
    crate::common::type_into(&mut h, "Destination folder", en.to_str().expect("utf-8"));
    h.get_by_label("OK").click();
    until_shown(&mut h, "Submission pack ready");
    assert_ne!(pdf_sum(&fr), pdf_sum(&en));
    h.run();
    assert!(shown(&h, &pdf_sum(&en)), "the new pack's digest");
    assert!(!shown(&h, &pdf_sum(&fr)), "not the first pack's any more");
}
