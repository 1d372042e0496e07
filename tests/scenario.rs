//! « Dupliquer en scénario… » (issue 15): a copy saved beside the draft under the name given,
//! never over a file, opened, named in the title bar, and compared with its original.

use egui_kittest::kittest::Queryable;

use crate::common::{example_copy, plain};

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
    h.state_mut().dossier.budget.requested_rate =
        Some(dossier_cloud::domain::Rate::parse_percent_fr("40").expect("rate"));
    h.run();
    h.get_by_label("Comparer avec l'original").click();
    h.run();
    assert!(h.query_by_label("Ce qui a changé").is_some());
    assert!(h.query_by_label_contains("budget.requested_rate").is_some());
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
