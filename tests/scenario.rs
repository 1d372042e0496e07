//! « Dupliquer en scénario… » (issue 15): a copy saved beside the draft under the name given,
//! never over a file, opened, named in the title bar, and compared with its original.

#[cfg(feature = "gui")]
use egui_kittest::kittest::Queryable;

#[cfg(feature = "gui")]
use crate::common::{example_copy, plain};

#[cfg(feature = "gui")]
#[test]
fn a_scenario_is_saved_beside_the_draft_opened_named_and_compared_with_its_original() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "combined.ron");
    let before = std::fs::read(&draft).expect("read");
    let mut h = crate::common::harness_sized(Some(draft.clone()), [1440.0, 1600.0]);
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Dupliquer en scénario…").click();
    h.run();
    h.get_by_label("Nom du scénario").type_text("Taux à 40 %");
    h.run();
    assert!(
        h.query_by_label_contains("combined.scenario-taux-a-40.ron")
            .is_some(),
        "the file's name, before it is made"
    );
    h.get_by_label("Créer le scénario").click();
    h.run();
    let copy = dir.path().join("combined.scenario-taux-a-40.ron");
    assert!(copy.exists());
    assert_eq!(
        std::fs::read(&draft).expect("read"),
        before,
        "the original untouched"
    );
    assert_eq!(h.state().path(), Some(copy.as_path()));
    assert!(h.query_by_label("Scénario créé").is_some());
    assert!(
        plain(h.state().title()).contains("scénario « taux-a-40 » de combined.ron"),
        "{}",
        h.state().title()
    );

    // The scenario asks 40 %; the comparison with the original says so.
    h.state_mut().doc.dossier.budget.requested_rate =
        Some(dossier_cloud::domain::Rate::parse_percent_fr("40").expect("rate"));
    h.run();
    h.get_by_label("Comparer avec l'original").click();
    h.run();
    assert!(h.query_by_label("Ce qui a changé").is_some());
    assert!(
        h.query_by_label_contains("Taux de cofinancement demandé")
            .is_some()
    );
    assert!(h.query_by_label_contains("budget.requested_rate").is_none());
    assert!(h.query_by_label_contains("(−68").is_some());

    // The same name again would overwrite: refused, said.
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Dupliquer en scénario…").click();
    h.run();
    h.get_by_label("Nom du scénario").type_text("taux a 40");
    h.run();
    assert!(
        h.query_by_label_contains("un fichier porte déjà ce nom")
            .is_some()
    );
}

#[cfg(feature = "gui")]
#[test]
fn an_untitled_dossier_is_saved_first() {
    let mut h = crate::common::harness(None);
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Dupliquer en scénario…").click();
    h.run();
    assert!(
        h.query_by_label_contains("Enregistrez d'abord le dossier")
            .is_some()
    );
}

#[test]
fn a_new_dossier_starts_from_an_earlier_one_with_the_parts_chosen_never_its_schedule() {
    use dossier_cloud::domain::start_from::{Part, start_from};
    let mut earlier = dossier_cloud::storage::load(
        &crate::common::root().join("examples/combined.ron"),
        &crate::common::knowledge().rules,
    )
    .expect("example")
    .parsed
    .dossier;
    earlier.platform = Some(dossier_cloud::domain::dossier::PlatformRecord {
        base: "https://www.demarches-simplifiees.fr".into(),
        demarche: 1234,
        dossier_number: 1,
        prefill_token: "t".into(),
        url: "u".into(),
        sent_at: "2026-01-01T00:00:00Z".into(),
        timeline: Vec::new(),
    });
    let all = start_from(&earlier, &Part::ALL);
    assert_eq!(all.applicant, earlier.applicant);
    assert_eq!(all.operations, earlier.operations);
    assert_eq!(all.budget, earlier.budget);
    assert_eq!(all.indicators, earlier.indicators);
    assert_eq!(all.attachments, earlier.attachments);
    assert_eq!(all.project.title, earlier.project.title);
    assert_eq!(
        (all.project.start, all.project.first_impact, all.project.end),
        (None, None, None),
        "the schedule stays behind"
    );
    assert!(all.platform.is_none(), "the hand-over stays behind");
    let some = start_from(&earlier, &[Part::Applicant, Part::Budget]);
    assert_eq!(some.applicant, earlier.applicant);
    assert_eq!(some.budget, earlier.budget);
    assert!(some.operations.is_empty() && some.attachments.is_empty());
    assert_eq!(
        some.indicators,
        dossier_cloud::domain::dossier::Indicators::default()
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_window_starts_a_new_untitled_dossier_from_an_earlier_file() {
    let mut h = crate::common::harness(None);
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Nouveau à partir d'un dossier…").click();
    h.run();
    h.get_by_label("Les lignes de budget et le taux demandé")
        .click();
    h.run();
    h.get_by_label("Dossier antérieur").focus();
    h.run();
    h.get_by_label("Dossier antérieur")
        .type_text("/nonexistent/ancien.ron");
    h.run();
    h.get_by_label("Créer le dossier").click();
    h.run();
    assert!(
        h.query_by_label_contains("ancien.ron").is_some(),
        "an unreadable file is said in the dialog"
    );
    let example = crate::common::root().join("examples/combined.ron");
    crate::common::type_into(
        &mut h,
        "Dossier antérieur",
        example.to_str().expect("utf-8"),
    );
    h.get_by_label("Créer le dossier").click();
    h.run();
    let d = &h.state().doc.dossier;
    assert!(d.budget.lines.is_empty(), "the budget was unticked");
    assert!(!d.applicant.ministry.is_empty(), "the applicant kept");
    assert!(d.project.start.is_none());
    assert!(h.state().path().is_none(), "untitled");
    assert!(h.state().is_dirty(), "closing would ask to save it");
}

#[cfg(feature = "gui")]
fn start_screen() -> egui_kittest::Harness<'static, dossier_cloud::ui::App> {
    let options = dossier_cloud::ui::StartOptions {
        native_dialogs: Some(false),
        start_screen: true,
        drawn: None,
        renderer_fallback: None,
        ..Default::default()
    };
    crate::common::harness_with(options, [1440.0, 900.0])
}

#[cfg(feature = "gui")]
#[test]
fn with_no_file_the_app_opens_on_a_start_screen_that_leads_to_a_dossier() {
    let mut h = start_screen();
    assert!(h.query_by_label("Nouveau dossier").is_some());
    assert!(h.query_by_label("Ouvrir un dossier…").is_some());
    assert!(h.query_by_label("Nouveau à partir d'un dossier…").is_some());
    assert!(
        h.query_by_label_contains("Aucun dossier ouvert récemment")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Suivant").is_none(),
        "no wizard behind it yet"
    );
    h.get_by_label("Migration sur NUBO et extension combinées")
        .click();
    h.run();
    assert!(
        h.state()
            .doc
            .dossier
            .project
            .title
            .starts_with("Bourses et scolarité")
    );
    assert!(h.state().path().is_none(), "an example opens untitled");
    assert!(h.query_by_label_contains("Suivant").is_some(), "the wizard");
    assert!(h.query_by_label("Nouveau dossier").is_none());

    let mut fresh = start_screen();
    fresh.get_by_label("Nouveau dossier").click();
    fresh.run();
    assert!(fresh.query_by_label_contains("Suivant").is_some());
    assert!(fresh.state().doc.dossier.project.title.is_empty());
}
