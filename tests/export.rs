//! The submission pack, read back: the PDF's text holds the figures and labels, the JSON
//! validates against the generated schema, the manifest's sums match the files, and `check` on
//! the exported `dossier.json` gives the same estimate.

use std::fs;
use std::path::Path;

use dossier_cloud::domain::dossier::Category;
use dossier_cloud::domain::{Date, Dossier};
use dossier_cloud::export::{self, Options};
use dossier_cloud::storage::Fingerprint;

use crate::common::{example, knowledge, line, plain, run};

fn options(zip: bool) -> Options {
    Options {
        generated_on: Date::parse_iso("2026-11-23").expect("date"),
        zip,
        lang: dossier_cloud::i18n::Lang::Fr,
    }
}

/// The text of every page of a PDF, with the PDF-parsing crate `lopdf`.
fn pdf_pages(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|&n| plain(&doc.extract_text(&[n]).expect("text extracts")))
        .collect()
}

fn pdf_of(dir: &Path) -> std::path::PathBuf {
    fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF in the pack")
}

#[test]
fn the_pdf_holds_the_figures_and_labels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = export::export(
        &example("combined.ron"),
        knowledge(),
        dir.path(),
        &options(false),
    )
    .expect("export");
    assert!(pack.blocking.is_empty());
    let pages = pdf_pages(&pdf_of(dir.path()));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let all = pages.join("\n");
    assert!(
        !all.contains("jour(s)"),
        "durations agree with their numbers"
    );
    for expected in [
        "Demande de cofinancement",
        "Adoption du Cloud de confiance",
        "Bourses et scolarité",
        "615 600,00 €",
        "1 368 000,00 €",
        "1 527 000,00 €",
        "45 %",
        "Anne-Sophie Lefèvre",
        "Gestion des bourses",
        "Ministère des Armées",
        "420 000,00 €",
        "FTAP-EXCLUDED",
        "Temps de restauration sur",
        "incident (RTO)",
        "FTAP-FAST",
        "engagement-armees.pdf",
        "Prêt à déposer",
    ] {
        assert!(all.contains(expected), "« {expected} » not in the PDF text");
    }
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("page {} / {count}", i + 1)),
            "page {} has its footer",
            i + 1
        );
        assert!(!page.contains("BROUILLON"), "a ready dossier is no draft");
    }
}

/// The combined example with one 60 000 € line: below the window's floor (FTAP-SIZE), so blocked.
fn below_the_floor() -> dossier_cloud::domain::Dossier {
    let mut d = example("combined.ron");
    d.budget.lines = vec![line(
        "Prestation",
        Category::ExternalService,
        2027,
        "60000.00",
    )];
    d
}

#[test]
fn a_blocked_dossier_exports_as_a_draft_on_every_page() {
    let d = below_the_floor();
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = export::export(&d, knowledge(), dir.path(), &options(false)).expect("export");
    assert!(pack.manifest.draft);
    assert!(
        pack.blocking.iter().any(|m| m.starts_with("FTAP-SIZE")),
        "{:?}",
        pack.blocking
    );
    for (i, page) in pdf_pages(&pdf_of(dir.path())).iter().enumerate() {
        assert!(
            page.contains("BROUILLON — non recevable en l'état"),
            "page {} is marked",
            i + 1
        );
    }
}

#[test]
fn long_budgets_break_across_pages_with_their_header() {
    let mut d = example("migration-secnumcloud.ron");
    d.budget.lines = (0..120)
        .map(|i| line(&format!("Prestation n°{i} : un libellé assez long pour devoir passer à la ligne dans sa colonne"), Category::ExternalService, 2027, "1000.00"))
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    export::export(&d, knowledge(), dir.path(), &options(false)).expect("export");
    let pages = pdf_pages(&pdf_of(dir.path()));
    let with_budget: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("Prestation n°"))
        .collect();
    assert!(with_budget.len() >= 3, "the table spans pages");
    for page in with_budget {
        assert!(
            page.contains("Montant TTC"),
            "the header repeats on every page of the table"
        );
    }
    assert!(pages.join("\n").contains("Prestation n°119"));
}

#[test]
fn the_json_validates_against_the_generated_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "combined.ron",
        "extension-pi.ron",
        "itn9-reconstruction.ron",
        "migration-secnumcloud.ron",
    ] {
        export::export(&example(name), knowledge(), dir.path(), &options(false)).expect("export");
        let schema: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(dir.path().join("dossier.schema.json")).expect("schema"),
        )
        .expect("json");
        let json: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(dir.path().join("dossier.json")).expect("json"),
        )
        .expect("json");
        let validator = jsonschema::validator_for(&schema).expect("a valid schema");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    // And the schema says no to what PACK-FORMAT.md forbids: an amount as a number.
    let schema = export::schema();
    let validator = jsonschema::validator_for(&schema).expect("schema");
    let mut json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("dossier.json")).expect("json"))
            .expect("json");
    json["budget"]["lines"][0]["amount_ttc"] = serde_json::json!(125_000);
    assert!(!validator.is_valid(&json));
}

#[test]
fn the_manifest_matches_the_files_and_the_zip_holds_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = export::export(
        &example("extension-pi.ron"),
        knowledge(),
        dir.path(),
        &options(true),
    )
    .expect("export");
    let manifest: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let files = manifest["files"].as_array().expect("files");
    let listed: Vec<&str> = files.iter().filter_map(|f| f["name"].as_str()).collect();
    assert_eq!(
        listed[1..],
        ["dossier.json", "dossier.schema.json", "budget.xlsx"]
    );
    for f in files {
        let bytes = fs::read(dir.path().join(f["name"].as_str().expect("name")))
            .expect("listed file exists");
        assert_eq!(f["size"].as_u64(), Some(bytes.len() as u64));
        assert_eq!(
            f["sha256"].as_str(),
            Some(Fingerprint::of(&bytes).to_hex().as_str())
        );
    }
    let name = files[0]["name"].as_str().expect("pdf name");
    assert_eq!(name, "interieur-service-gestion-cles-kms-2026-11-23.pdf");
    assert!(name.len() <= 54);
    let zip_path = pack.zip.expect("zip asked for");
    let mut names = crate::common::zip_names(&zip_path);
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("interieur-service-gestion-cles-kms-2026-11-23/"))
    );
}

#[test]
fn check_on_the_exported_json_gives_the_same_estimate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("pack");
    let copy = crate::common::example_copy(dir.path(), "combined.ron");
    let r = run(&[
        "export",
        copy.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("dossier.json"));
    let original = run(&["check", "examples/combined.ron", "--format", "json"]);
    let exported = run(&[
        "check",
        out.join("dossier.json").to_str().expect("path"),
        "--format",
        "json",
    ]);
    assert_eq!(original.stdout, exported.stdout);
    let exported: Dossier =
        dossier_cloud::storage::load(&out.join("dossier.json"), &knowledge().rules)
            .expect("reads")
            .parsed
            .dossier;
    assert_eq!(exported, example("combined.ron"), "nothing lost");
}

#[test]
fn export_of_a_blocked_dossier_says_why_and_exits_1() {
    let r = run(&[
        "export",
        "tests/corpus/bad/unknown-window.json",
        "--out",
        "/tmp/never",
    ]);
    assert_eq!(r.code, 2);
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("brouillon.ron");
    let mut d = example("combined.ron");
    d.applicant.kind = Some(dossier_cloud::domain::dossier::ApplicantKind::LocalAuthority);
    fs::write(&draft, dossier_cloud::storage::to_ron(&d).expect("ron")).expect("write");
    let r = run(&[
        "export",
        draft.to_str().expect("path"),
        "--out",
        dir.path().join("pack").to_str().expect("path"),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("BROUILLON"), "{}", r.stderr);
    assert!(r.stderr.contains("FTAP-APPLICANT"), "{}", r.stderr);
}

#[test]
fn the_pdf_follows_the_language_and_the_json_does_not() {
    // A draft, with a blocking finding to say in English.
    let d = below_the_floor();
    let french = tempfile::tempdir().expect("tempdir");
    let english = tempfile::tempdir().expect("tempdir");
    export::export(&d, knowledge(), french.path(), &options(false)).expect("export");
    let english_options = Options {
        lang: dossier_cloud::i18n::Lang::En,
        ..options(false)
    };
    let pack = export::export(&d, knowledge(), english.path(), &english_options).expect("export");
    let pages = pdf_pages(&pdf_of(english.path())).join("\n");
    for wanted in [
        "Cofunding application",
        "DRAFT — cannot be filed as it is",
        "3. Budget",
        "4. Schedule",
        "External services",
        "Time to first impact",
    ] {
        assert!(pages.contains(wanted), "the English PDF says « {wanted} »");
    }
    for french_only in [
        "Demande de cofinancement",
        "Calendrier",
        "Prestations externes",
    ] {
        assert!(
            !pages.contains(french_only),
            "« {french_only} » left in French"
        );
    }
    // The blocking list follows the language; the JSON files are the same bytes in both.
    assert!(
        pack.blocking
            .iter()
            .any(|m| m.starts_with("FTAP-SIZE: The cost base")),
        "{:?}",
        pack.blocking
    );
    for name in ["dossier.json", "dossier.schema.json"] {
        assert_eq!(
            fs::read(french.path().join(name)).expect("French pack"),
            fs::read(english.path().join(name)).expect("English pack"),
            "{name} does not depend on the language"
        );
    }
}

fn source<'a>(
    d: &'a Dossier,
    evaluation: &'a dossier_cloud::domain::Evaluation,
    lang: dossier_cloud::i18n::Lang,
) -> dossier_cloud::export::pdf::Source<'a> {
    dossier_cloud::export::pdf::Source {
        dossier: d,
        evaluation,
        knowledge: knowledge(),
        generated_on: Date::parse_iso("2026-11-23").expect("date"),
        tr: dossier_cloud::i18n::texts(lang),
    }
}

#[test]
fn no_word_of_the_document_is_cut_in_its_column() {
    use dossier_cloud::export::pdf::words_cut;
    use dossier_cloud::i18n::Lang;
    // Every example, a new dossier (a finding on every step), and one whose target is not
    // eligible (« Hébergement cible » in the findings' step column).
    let mut dossiers: Vec<Dossier> = crate::common::examples()
        .iter()
        .map(|p| {
            dossier_cloud::storage::load(p, &knowledge().rules)
                .expect("example")
                .parsed
                .dossier
        })
        .collect();
    dossiers.push(Dossier::new("FTAP-2023"));
    let mut ineligible = example("combined.ron");
    for op in &mut ineligible.operations {
        if let dossier_cloud::domain::dossier::Operation::Migration { applications } = op {
            for app in applications {
                if let Some(target) = &mut app.target {
                    target.kind = dossier_cloud::domain::dossier::TargetKind::GenericExternal;
                }
            }
        }
    }
    dossiers.push(ineligible);
    for d in &dossiers {
        let evaluation = crate::common::evaluate(d);
        for lang in [Lang::Fr, Lang::En] {
            let cut = words_cut(&source(d, &evaluation, lang)).expect("laid out");
            assert!(
                cut.is_empty(),
                "« {} » ({lang:?}): cut {cut:?}",
                d.project.title
            );
        }
    }
    // A user's word wider than any column is cut, and said to be.
    let mut long = example("combined.ron");
    let word = "Supercalifragilisticexpialidocious".repeat(4);
    long.budget.lines[0].label = format!("Ligne {word}");
    let evaluation = crate::common::evaluate(&long);
    let cut = words_cut(&source(&long, &evaluation, Lang::Fr)).expect("laid out");
    assert_eq!(cut, vec![word]);
}

#[test]
fn the_last_section_never_stands_alone_on_the_last_page() {
    // However long the budget, the attachments share their page with the findings.
    let mut d = example("combined.ron");
    let base = d.budget.lines.clone();
    for extra in 0..36 {
        d.budget.lines.clone_from(&base);
        for i in 0..extra {
            d.budget.lines.push(line(
                &format!("Prestation complémentaire {i}"),
                Category::ExternalService,
                2027,
                "1000",
            ));
        }
        let evaluation = crate::common::evaluate(&d);
        let pdf = dossier_cloud::export::pdf::render(&source(
            &d,
            &evaluation,
            dossier_cloud::i18n::Lang::Fr,
        ))
        .expect("pdf");
        let doc = lopdf::Document::load_mem(&pdf).expect("parses");
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let last = plain(
            &doc.extract_text(&[*pages.last().expect("a page")])
                .expect("text"),
        );
        assert!(last.contains("7. Pièces jointes"), "{extra} lines: {last}");
        // The findings' heading, or their table's header repeated above their last rows.
        let (before, _) = last.split_once("7. Pièces jointes").expect("the heading");
        assert!(
            before.contains("Constat"),
            "{extra} more lines: the attachments alone on the last page: {last}"
        );
    }
}

#[test]
fn an_export_never_overwrites_the_file_it_is_made_from() {
    // Failed before: `export same/dossier.json --out same` wrote over its own input, with no
    // `.bak`, dropping the fields this version does not know.
    let dir = tempfile::tempdir().expect("tempdir");
    // A copy: an export keeps its version beside its draft, never in the repository.
    let source = tempfile::tempdir().expect("tempdir");
    let draft = source.path().join("combined.ron");
    fs::copy(crate::common::root().join("examples/combined.ron"), &draft).expect("copy");
    let first = crate::common::run(&[
        "export",
        draft.to_str().expect("utf-8"),
        "--out",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let input = dir.path().join("dossier.json");
    let mut text = std::fs::read_to_string(&input).expect("dossier.json");
    text = text.replacen('{', "{\n  \"champ_futur\": \"gardé\",", 1);
    std::fs::write(&input, &text).expect("write");
    let again = crate::common::run(&[
        "export",
        input.to_str().expect("utf-8"),
        "--out",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        crate::common::plain(&again.stderr).contains("choisissez un autre dossier de destination"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&input).expect("read"),
        text,
        "untouched"
    );
}

#[test]
fn a_cell_taller_than_a_page_is_split_across_pages_and_no_word_is_lost() {
    // Failed before: a row taller than the page was never split, and a budget label of 4 900
    // characters lost most of its words past the page's bottom while the export said it was done.
    let words: Vec<String> = (0..610).map(|i| format!("mot{i:03}")).collect();
    let label = words.join(" ");
    assert!(label.chars().count() <= dossier_cloud::domain::limits::MAX_TEXT_CHARS);
    let mut d = example("combined.ron");
    d.budget.lines[1].label.clone_from(&label);
    let dir = tempfile::tempdir().expect("tempdir");
    export::export(&d, knowledge(), dir.path(), &options(false)).expect("exported");
    // What a reader sees: pdftotext keeps to each page's box (text drawn past the bottom is in
    // the file, but on no page).
    let Ok(out) = std::process::Command::new("pdftotext")
        .arg(pdf_of(dir.path()))
        .arg("-")
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs poppler-utils for pdftotext"
        );
        eprintln!("skipped: no pdftotext on this machine (apt-get install poppler-utils)");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let missing: Vec<&String> = words
        .iter()
        .filter(|w| !text.contains(w.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} words missing: {:?}",
        missing.len(),
        &missing[..missing.len().min(10)]
    );
}
