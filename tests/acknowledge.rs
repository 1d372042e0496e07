//! Acknowledging a warning (issue 15): with a reason, never a blocking finding; it holds until
//! the warning's figures change; it reaches the draft, `dossier.json`, `check` and the PDF; in
//! the window, from the panel, by mouse or keyboard, undone by Ctrl+Z, in French and English.
//! And what is left to fill on a new dossier shows as « à compléter » until the user has had
//! the chance to fill it.

use dossier_cloud::domain::acknowledge::{Refused, acknowledge, withdraw};
use dossier_cloud::domain::dossier::Category;
use dossier_cloud::domain::{Date, Dossier, Finding, Severity};
#[cfg(feature = "gui")]
use dossier_cloud::i18n::Lang;
#[cfg(feature = "gui")]
use egui::{Key, Modifiers};
#[cfg(feature = "gui")]
use egui_kittest::kittest::Queryable;
use serde_json::Value;

#[cfg(feature = "gui")]
use crate::common::fr;
use crate::common::{draft_in, evaluate, knowledge, line, plain, ready, run};
#[cfg(feature = "gui")]
use crate::common::{harness, harness_on};

const REASON: &str = "Plan de formation validé avec la DINUM le 12/11";

/// The example ready to file, with a training line heavy enough to warn (FTAP-TRAINING).
fn with_training() -> Dossier {
    let mut d = ready();
    d.budget.lines.push(line(
        "Formation des agents",
        Category::Training,
        2027,
        "200000",
    ));
    d
}

fn training(d: &Dossier) -> Finding {
    evaluate(d)
        .findings
        .into_iter()
        .find(|f| f.rule == "FTAP-TRAINING")
        .expect("the training warning")
}

fn day() -> Date {
    Date::parse_iso("2026-11-12").expect("date")
}

#[test]
fn a_warning_acknowledged_with_a_reason_holds_until_its_figures_change() {
    let mut d = with_training();
    let warning = training(&d);
    assert_eq!(warning.severity, Severity::Warning);
    assert!(!warning.is_acknowledged());
    acknowledge(&mut d, &warning, &format!("  {REASON}  "), day()).expect("acknowledged");
    let now = training(&d);
    assert!(now.is_acknowledged());
    let ack = now.acknowledged.expect("marked");
    assert_eq!(ack.reason, REASON, "kept trimmed");
    assert_eq!(ack.date, day());
    // More training: the share cited changes, and the warning shows again, its reason recalled.
    d.budget.lines.last_mut().expect("line").amount_ttc =
        dossier_cloud::domain::Amount::parse_fr("250 000").expect("amount");
    let changed = training(&d);
    assert!(!changed.is_acknowledged(), "{}", changed.message);
    assert_eq!(
        changed.acknowledged.as_ref().expect("recalled").reason,
        REASON
    );
    // Acknowledging it again replaces the earlier one.
    acknowledge(&mut d, &changed, "Revu le 20/11", day()).expect("again");
    assert_eq!(d.acknowledgements.len(), 1);
    assert!(training(&d).is_acknowledged());
    let warning = training(&d);
    withdraw(&mut d, &warning);
    assert!(d.acknowledgements.is_empty());
    assert!(training(&d).acknowledged.is_none());
}

#[test]
fn a_blocking_finding_cannot_be_acknowledged_nor_a_warning_without_a_reason() {
    let mut d = with_training();
    d.applicant.ministry.clear();
    let blocking = evaluate(&d)
        .findings
        .into_iter()
        .find(|f| f.severity == Severity::Blocking)
        .expect("a blocking finding");
    assert_eq!(
        acknowledge(&mut d, &blocking, REASON, day()),
        Err(Refused::NotAWarning)
    );
    let warning = training(&d);
    assert_eq!(
        acknowledge(&mut d, &warning, " \t ", day()),
        Err(Refused::NoReason)
    );
    assert_eq!(
        acknowledge(&mut d, &warning, &"x".repeat(301), day()),
        Err(Refused::TooLong)
    );
    assert!(d.acknowledgements.is_empty());
    assert!(evaluate(&d).is_blocked());
}

#[test]
fn the_acknowledgement_reaches_the_draft_the_json_check_and_the_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut d = with_training();
    let warning = training(&d);
    acknowledge(&mut d, &warning, REASON, day()).expect("acknowledged");
    let path = draft_in(dir.path(), "formation.ron", &d);
    let back = dossier_cloud::storage::load(&path, &knowledge().rules).expect("reopens");
    assert_eq!(back.parsed.dossier.acknowledgements, d.acknowledgements);

    let out = dir.path().join("pack");
    let export = run(&[
        "export",
        path.to_str().expect("path"),
        "--out",
        out.to_str().expect("out"),
    ]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("dossier.json")).expect("dossier.json"),
    )
    .expect("json");
    let acks = json["acknowledgements"]
        .as_array()
        .expect("acknowledgements");
    assert_eq!(acks.len(), 1);
    assert_eq!(acks[0]["rule"], "FTAP-TRAINING");
    assert_eq!(acks[0]["field"], "budget.lines");
    assert_eq!(acks[0]["reason"], REASON);
    assert_eq!(acks[0]["date"], "2026-11-12");

    let check = run(&[
        "check",
        out.join("dossier.json").to_str().expect("json"),
        "--format",
        "json",
    ]);
    let checked: Value = serde_json::from_str(&check.stdout).expect("check json");
    let finding = checked["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "FTAP-TRAINING")
        .expect("the warning");
    assert_eq!(finding["acknowledged"]["reason"], REASON);
    assert_eq!(finding["acknowledged"]["date"], "2026-11-12");
    let text = run(&["check", path.to_str().expect("path")]);
    assert!(
        plain(&text.stdout).contains(&format!("pris en compte le 12/11/2026 : {REASON}")),
        "{}",
        text.stdout
    );

    let pdf = std::fs::read_dir(&out)
        .expect("pack")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("pdf");
    let doc = lopdf::Document::load(&pdf).expect("pdf parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    // Wrapped lines come out joined, with or without a space: compare without spaces.
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    let all = squeeze(&plain(&doc.extract_text(&pages).expect("text")));
    assert!(
        all.contains(&squeeze(&format!(
            "Pris en compte le 12/11/2026 : {REASON}"
        ))),
        "{all}"
    );
}

#[test]
fn an_acknowledgement_written_with_the_formats_four_keys_alone_holds() {
    let mut d = with_training();
    d.acknowledgements
        .push(dossier_cloud::domain::dossier::Acknowledgement {
            rule: "FTAP-TRAINING".to_owned(),
            field: "budget.lines".to_owned(),
            reason: REASON.to_owned(),
            date: day(),
            message: String::new(),
        });
    assert!(training(&d).is_acknowledged());
    let json = serde_json::to_value(&d).expect("json");
    let read: Dossier = serde_json::from_value(serde_json::json!({
        "format": "dossier-cloud/1",
        "window": "FTAP-2023",
        "acknowledgements": [{"rule": "FTAP-ORIGIN", "field": "operations[0].applications[0]",
                              "reason": "Vu", "date": "2026-11-12"}],
    }))
    .expect("a reader of the format's keys");
    assert_eq!(read.acknowledgements[0].message, "");
    assert!(json["acknowledgements"][0]["message"].is_string());
}

#[cfg(feature = "gui")]
type H = egui_kittest::Harness<'static, dossier_cloud::ui::App>;

#[cfg(feature = "gui")]
fn press(h: &mut H, label: &str) {
    h.get_by_label(&fr(label)).click();
    h.run();
}

#[cfg(feature = "gui")]
fn shows(h: &H, text: &str) -> bool {
    let wanted = plain(text);
    h.query_all_by(|n| {
        n.label().is_some_and(|l| plain(&l).contains(&wanted))
            || n.value().is_some_and(|v| plain(&v).contains(&wanted))
    })
    .next()
    .is_some()
}

#[cfg(feature = "gui")]
#[test]
fn the_window_acknowledges_a_warning_from_the_panel_and_undoes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_on(Some(draft_in(
        dir.path(),
        "formation.ron",
        &with_training(),
    )));
    assert!(shows(&h, "À vérifier (1)"));
    h.get_by_label_contains(&fr("Prendre en compte l'avertissement : La formation"))
        .click_accesskit();
    h.run();
    // No reason: refused, said, nothing recorded.
    press(&mut h, "Valider");
    assert!(shows(&h, "Donnez une raison"));
    assert!(h.state().doc.dossier.acknowledgements.is_empty());
    let field = fr("Pourquoi poursuivre malgré cet avertissement ?");
    h.get_by_label(&field).focus();
    h.run();
    h.get_by_label(&field).type_text(REASON);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let acks = &h.state().doc.dossier.acknowledgements;
    assert_eq!(acks.len(), 1);
    assert_eq!(acks[0].reason, REASON);
    assert_eq!(acks[0].date, Date::today());
    assert!(shows(&h, "Avertissements pris en compte (1)"));
    assert!(!shows(&h, "À vérifier (1)"));
    assert!(h.state().is_dirty());
    // The step's mark says it in words.
    h.get_by_label(&fr(
        "5. Budget : Rien ne bloque à cette étape ; 1 avertissement(s) pris en compte",
    ));
    h.state_mut().set_lang(Lang::En);
    h.run();
    assert!(shows(&h, "Acknowledged warnings (1)"));
    h.state_mut().set_lang(Lang::Fr);
    h.run();
    // Ctrl+Z takes it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    assert!(h.state().doc.dossier.acknowledgements.is_empty());
    assert!(shows(&h, "À vérifier (1)"));
}

#[cfg(feature = "gui")]
#[test]
fn on_a_new_dossier_what_is_missing_is_to_fill_until_the_user_leaves_its_step() {
    let mut h = harness(None);
    let missing = h
        .state()
        .doc
        .evaluation
        .findings
        .iter()
        .filter(|f| f.to_fill)
        .count();
    assert!(missing >= 15, "{missing}");
    assert!(shows(&h, &format!("Ce qu'il reste à remplir ({missing})")));
    assert!(!shows(&h, "Bloquant ("), "nothing shouts on a new dossier");
    assert!(shows(&h, "Dossier en cours :"));
    h.get_by_label(&fr("1. Demandeur : 5 information(s) à compléter"));
    // What the user types wrong blocks at once, even on a step not finished.
    let email = fr("Adresse électronique");
    h.get_by_label(&email).focus();
    h.run();
    h.get_by_label(&email).type_text("anne.martin");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(shows(&h, "Bloquant (1)"));
    // Leaving the step: what it lacks now blocks.
    h.get_by_label_contains(&fr("Suivant :")).click();
    h.run();
    h.run();
    assert!(shows(&h, "Bloquant (5)"), "4 missing + the e-mail");
    h.get_by_label(&fr("1. Demandeur : 5 constat(s) bloquant(s)"));
    // The review shows everything that blocks, and from then on so does the panel.
    h.get_by_label_contains(&fr("9. Relecture")).click();
    h.run();
    h.run();
    let blocking = h.state().doc.evaluation.count(Severity::Blocking);
    assert!(shows(&h, &format!("Bloquant ({blocking})")));
    assert!(!shows(&h, "Ce qu'il reste à remplir"));
}

#[cfg(feature = "gui")]
#[test]
fn a_dossier_opened_from_a_file_states_everything_that_blocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut d = ready();
    d.applicant.ministry.clear();
    let h = harness_on(Some(draft_in(dir.path(), "formation.ron", &d)));
    assert!(shows(&h, "Bloquant (1)"));
    assert!(!shows(&h, "Ce qu'il reste à remplir"));
}
