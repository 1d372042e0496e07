//! The window, driven like a person would: by labels, clicks and typing (`egui_kittest`, no GPU).

use dossier_cloud::domain::{Severity, Step};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common::{fr, harness, harness_on, plain, type_into};
use dossier_cloud::domain::dossier::Operation;

type H = Harness<'static, dossier_cloud::ui::App>;

/// Leaves the field being typed in.
fn leave_field(h: &mut H) {
    h.key_press(Key::Escape);
    h.run();
}

fn click(h: &mut H, label: &str) {
    h.get_by_label(&fr(label)).click();
    h.run();
}

/// Picks an entry of a drop-down list (the entry, not a text elsewhere that says the same).
fn pick(h: &mut H, combo: &str, option: &str) {
    click(h, combo);
    h.get_by_role_and_label(egui::accesskit::Role::Button, &fr(option))
        .click();
    h.run();
}

/// Whether some text shows anywhere in the window (spaces normalised).
fn shows(h: &H, text: &str) -> bool {
    let wanted = plain(text);
    h.query_all_by(|node| {
        node.label().is_some_and(|l| plain(&l).contains(&wanted))
            || node.value().is_some_and(|v| plain(&v).contains(&wanted))
    })
    .next()
    .is_some()
}

/// « Importer depuis un tableur… », the file's path typed, Enter.
fn import_from(h: &mut H, sheet: &std::path::Path) {
    click(h, "Importer depuis un tableur…");
    h.get_by_label("Chemin du fichier")
        .type_text(sheet.to_str().expect("utf-8 path"));
    h.run();
    h.key_press(Key::Enter);
    // The spinner of the reading repaints until the read is done: steps, not `run`.
    h.step();
    h.step();
}

/// Lets the spreadsheet being read (on its own thread) arrive in its dialog.
fn wait_for_the_spreadsheet(h: &mut H) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_mins(1);
    while h.state().reading_spreadsheet() {
        assert!(
            std::time::Instant::now() < deadline,
            "the spreadsheet is read"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

fn next(h: &mut H) {
    h.get_by_label_contains(&fr("Suivant :")).click();
    h.run();
}

#[test]
fn a_new_dossier_can_be_completed_step_by_step() {
    let mut h = crate::common::harness_sized(None, [1440.0, 2200.0]);
    assert_eq!(h.state().doc.step, Step::Applicant);
    assert!(h.state().doc.evaluation.is_blocked());
    assert!(shows(&h, "Cofinancement estimé"));
    fill_applicant(&mut h);
    next(&mut h);
    fill_operations(&mut h);
    next(&mut h);
    fill_application(&mut h);
    next(&mut h);
    fill_target(&mut h);
    next(&mut h);
    fill_budget(&mut h);
    next(&mut h);
    fill_schedule(&mut h);
    next(&mut h);
    fill_indicators(&mut h);
    next(&mut h);
    next(&mut h);
    assert_eq!(h.state().doc.step, Step::Review);
    assert_eq!(
        h.state().doc.evaluation.count(Severity::Blocking),
        0,
        "{:#?}",
        h.state().doc.evaluation.findings
    );
    assert!(shows(&h, "Rien ne bloque : le dossier est recevable."));
    assert!(shows(&h, "Prêt : aucun constat bloquant."));
}

/// Asserts nothing is left to say at a step.
#[track_caller]
fn step_is_clean(h: &H, step: Step) {
    let ev = &h.state().doc.evaluation;
    assert_eq!(ev.of_step(step).count(), 0, "{step:?}: {:#?}", ev.findings);
}

fn fill_applicant(h: &mut H) {
    click(h, "Administration d'État");
    type_into(h, "Ministère", "Ministère de la Culture");
    type_into(h, "Direction, service ou opérateur", "Service du numérique");
    type_into(h, "Nom et prénom", "Élodie Côté");
    type_into(h, "Adresse électronique", "elodie.cote@culture.gouv.fr");
    leave_field(h);
    assert_eq!(h.state().doc.dossier.applicant.contact.name, "Élodie Côté");
    step_is_clean(h, Step::Applicant);
}

fn fill_operations(h: &mut H) {
    assert_eq!(h.state().doc.step, Step::Operations);
    type_into(h, "Titre du projet", "Migration des archives");
    type_into(
        h,
        "Résumé",
        "Migrer la plateforme des archives vers une offre qualifiée.",
    );
    leave_field(h);
    click(h, "Migration d'applications vers le Cloud de confiance");
}

fn fill_application(h: &mut H) {
    type_into(h, "Nom de l'application", "Archives en ligne");
    leave_field(h);
    pick(h, "Sensibilité des données", "Données sensibles");
    pick(h, "Hébergement d'origine", "Infrastructure physique");
}

/// A qualified offer from the catalogue; the advisor agrees.
fn fill_target(h: &mut H) {
    pick(
        h,
        "Type d'hébergement cible",
        "Offre commerciale qualifiée SecNumCloud",
    );
    pick(
        h,
        "Offre qualifiée SecNumCloud",
        "Outscale — IaaS qualifié SecNumCloud",
    );
    assert!(shows(h, "adapté et finançable"));
    step_is_clean(h, Step::Target);
}

/// The cofunding follows the lines as they are typed; licences leave the cost base.
fn fill_budget(h: &mut H) {
    click(h, "+ Ajouter une ligne");
    type_into(h, "Libellé, ligne 1", "Migration et recette");
    type_into(h, "Montant TTC, ligne 1", "150 000");
    leave_field(h);
    assert!(
        shows(h, "75 000,00 €"),
        "the live panel shows half of 150 000 €"
    );
    click(h, "+ Ajouter une ligne");
    type_into(h, "Montant TTC, ligne 2", "20 000");
    type_into(h, "Libellé, ligne 2", "Licences");
    leave_field(h);
    pick(
        h,
        "Catégorie, ligne 2",
        "Logiciels (licences, souscriptions)",
    );
    assert!(shows(h, "Hors de l'assiette (la base de coûts cofinancée)"));
    let e = &h.state().doc.evaluation.estimate;
    assert_eq!(e.declared_total, rust_decimal_macros::dec!(170000));
    assert_eq!(e.cofunding, rust_decimal_macros::dec!(75000));
}

fn fill_schedule(h: &mut H) {
    type_into(h, "Démarrage", "04/01/2027");
    type_into(h, "Premier impact réel", "30/05/2027");
    type_into(h, "Fin du projet", "31/12/2027");
    leave_field(h);
    assert!(shows(h, "dans les 6 mois, favorable"));
    assert!(!shows(h, "(FTAP-FAST)"), "rule ids stay behind « Source »");
    step_is_clean(h, Step::Schedule);
}

/// Baselines and dated targets, and one suggested impact indicator.
fn fill_indicators(h: &mut H) {
    click(h, "Économies — saisir la mesure actuelle");
    click(h, "Agents formés — saisir la mesure actuelle");
    click(h, "Économies — ajouter une cible datée");
    click(h, "Agents formés — ajouter une cible datée");
    click(h, "Fréquence des déploiements en production");
    click(
        h,
        "Fréquence des déploiements en production — saisir la mesure actuelle",
    );
    click(
        h,
        "Fréquence des déploiements en production — ajouter une cible datée",
    );
    type_into(h, "Économies — cible 1, valeur", "45 000");
    type_into(h, "Agents formés — cible 1, valeur", "12");
    // An impact measure needs its value too (FTAP-IND-IMPACT).
    type_into(
        h,
        "Fréquence des déploiements en production — mesure actuelle, valeur",
        "1 par mois",
    );
    type_into(
        h,
        "Fréquence des déploiements en production — cible 1, valeur",
        "1 par semaine",
    );
    leave_field(h);
    assert_eq!(
        h.state().doc.dossier.indicators.savings.targets[0]
            .value
            .to_plain(),
        "45000.00"
    );
    step_is_clean(h, Step::Indicators);
}

#[test]
fn an_invalid_amount_is_kept_as_typed_and_flagged() {
    let mut h = harness(Some("migration-secnumcloud.ron"));
    click(&mut h, "5. Budget : Rien ne bloque à cette étape");
    assert_eq!(h.state().doc.step, Step::Budget);
    type_into(&mut h, "Montant TTC, ligne 1", "12,345");
    leave_field(&mut h);
    assert_eq!(
        h.get_by_label("Montant TTC, ligne 1").value().as_deref(),
        Some("12,345"),
        "kept as typed"
    );
    assert!(shows(&h, "au plus deux décimales (centimes)"));
    assert!(shows(&h, "Saisies à corriger"));
    assert_eq!(
        h.state().doc.dossier.budget.lines[0].amount_ttc.to_plain(),
        "48000.00",
        "the last valid amount stays"
    );
    assert!(shows(&h, "232 450,00 €"));
}

#[test]
fn edit_undo_redo_a_budget_line() {
    let mut h = harness(Some("migration-secnumcloud.ron"));
    assert!(!h.state().is_dirty());
    click(&mut h, "5. Budget : Rien ne bloque à cette étape");
    assert!(shows(&h, "232 450,00 €"));
    type_into(&mut h, "Montant TTC, ligne 1", "50 000");
    leave_field(&mut h);
    assert!(
        shows(&h, "233 450,00 €"),
        "48 000 → 50 000 adds 1 000 € of cofunding"
    );
    assert!(h.state().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(shows(&h, "232 450,00 €"));
    assert_eq!(
        h.state().doc.dossier.budget.lines[0].amount_ttc.to_plain(),
        "48000.00"
    );
    assert!(!h.state().is_dirty(), "undo back to the file's state");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(shows(&h, "233 450,00 €"));
    assert_eq!(
        h.state().doc.dossier.budget.lines[0].amount_ttc.to_plain(),
        "50000.00"
    );
}

#[test]
fn a_finding_leads_to_its_step() {
    let mut h = harness(None);
    assert_eq!(h.state().doc.step, Step::Applicant);
    // The entry is far down the panel: follow it as a screen reader would (a clickable text,
    // which kittest's `get_by_label` leaves to its value).
    let entry = fr("À compléter : Le budget ne compte encore aucune ligne.");
    h.get_by(|n| n.label().as_deref() == Some(entry.as_str()))
        .click_accesskit();
    h.run();
    assert_eq!(h.state().doc.step, Step::Budget);
    // Once the user leaves the budget step, what it lacks blocks, said in words; its rule's
    // id and source sentence are behind « Source » (failed before: every card began with its
    // rule's id, the team's word, not the user's).
    next(&mut h);
    assert!(shows(&h, "Bloquant"), "the severity in words on the card");
    assert!(
        h.query_all_by(|n| {
            [n.label(), n.value()]
                .into_iter()
                .flatten()
                .any(|t| t.contains("FTAP-SIZE") && !t.starts_with("Source de la règle"))
        })
        .next()
        .is_none(),
        "no rule id before the user asks (but in the name « Source » is read by)"
    );
    h.get_by_label("Source de la règle FTAP-SIZE")
        .click_accesskit();
    h.run();
    assert!(shows(&h, "Règle FTAP-SIZE"));
    assert!(
        shows(&h, "Entre 100 000 € et 3 M€ TTC"),
        "the source sentence shows"
    );
}

#[test]
fn save_then_reopen_through_the_path_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("archives.ron");
    let mut h = harness(Some("combined.ron"));
    type_into(&mut h, "Nom et prénom", "Anne Martin");
    leave_field(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    type_into(
        &mut h,
        "Chemin du fichier",
        path.to_str().expect("utf-8 path"),
    );
    click(&mut h, "Valider");
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(!h.state().is_dirty());
    assert!(shows(&h, "Enregistré"));
    // Saved under a new name, the file is that window's: another one is told so.
    let elsewhere = harness_on(Some(path.clone()));
    assert!(
        elsewhere
            .state()
            .dialog_text()
            .is_some_and(|t| t.starts_with("Dossier déjà ouvert"))
    );

    drop(h);
    let h = harness_on(Some(path.clone()));
    assert_eq!(h.state().doc.dossier.applicant.contact.name, "Anne Martin");
    assert_eq!(h.state().path(), Some(path.as_path()));
}

#[test]
fn opening_an_unreadable_file_says_why_and_keeps_the_app_usable() {
    let bad = crate::common::root().join("tests/corpus/bad/unknown-category.json");
    let mut h = harness_on(Some(bad));
    let text = plain(&h.state().dialog_text().expect("a dialog says why"));
    assert!(text.contains("valeur inconnue « furniture »"), "{text}");
    assert!(shows(&h, "Ouverture impossible"));
    click(&mut h, "Fermer");
    assert!(h.state().dialog_text().is_none());
    assert!(
        h.state().path().is_none(),
        "the bad file is not adopted, so never overwritten"
    );
    type_into(&mut h, "Ministère", "Ministère des Armées");
    leave_field(&mut h);
    assert_eq!(
        h.state().doc.dossier.applicant.ministry,
        "Ministère des Armées"
    );
}

#[test]
fn new_over_unsaved_changes_asks_first() {
    let mut h = harness(Some("combined.ron"));
    type_into(&mut h, "Nom et prénom", "Quelqu'un d'autre");
    leave_field(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(shows(&h, "Modifications non enregistrées"));
    click(&mut h, "Annuler");
    assert_eq!(
        h.state().doc.dossier.applicant.contact.name,
        "Quelqu'un d'autre"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    click(&mut h, "Ne pas enregistrer");
    assert_eq!(h.state().doc.dossier.applicant.contact.name, "");
    assert!(h.state().path().is_none());
}

#[test]
fn an_edit_is_autosaved_and_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("projet.ron");
    std::fs::copy(crate::common::root().join("examples/combined.ron"), &file).expect("copy");
    let autosave = dossier_cloud::storage::autosave::Autosave::in_dir(dir.path().join("autosave"));
    let start = |autosave: &dossier_cloud::storage::autosave::Autosave, step_secs: f32| {
        let options = dossier_cloud::ui::StartOptions {
            file: Some(file.clone()),
            step: None,
            native_dialogs: Some(false),
            autosave: Some(autosave.clone()),
            first_frame_report: None,
            descriptions: None,
            history: false,
            start_screen: false,
            drawn: None,
            renderer_fallback: None,
        };
        let mut h = Harness::builder()
            .with_size([1440.0, 900.0])
            .with_step_dt(step_secs)
            .build_eframe(move |cc| {
                dossier_cloud::ui::App::new(cc, crate::common::knowledge().clone(), options)
            });
        h.run();
        h
    };

    // Each frame advances the clock past the 30 s autosave period (too slow for clicks, which
    // must be quicker than that: the edit is typed).
    let mut h = start(&autosave, 31.0);
    type_into(&mut h, "Nom et prénom", "Travail non enregistré");
    leave_field(&mut h);
    h.run_steps(2);
    assert!(
        autosave.slot(Some(&file)).exists(),
        "written while the dossier is unsaved"
    );
    drop(h); // The window dies without saving.

    let mut h = start(&autosave, 1.0 / 60.0);
    assert!(shows(&h, "Sauvegarde automatique plus récente"));
    click(&mut h, "Récupérer");
    assert_eq!(
        h.state().doc.dossier.applicant.contact.name,
        "Travail non enregistré"
    );
    assert!(h.state().is_dirty(), "recovered work still needs saving");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        !autosave.slot(Some(&file)).exists(),
        "saving clears the autosave"
    );
}

#[test]
fn a_date_can_be_picked_in_the_calendar() {
    let mut h = harness(Some("combined.ron"));
    click(&mut h, "6. Calendrier : Rien ne bloque à cette étape");
    click(&mut h, "Premier impact réel, calendrier");
    assert!(
        shows(&h, "octobre 2027"),
        "opens on the current date's month"
    );
    click(&mut h, "Mois précédent");
    assert!(shows(&h, "septembre 2027"));
    click(&mut h, "15 septembre 2027");
    assert_eq!(
        h.state()
            .doc
            .dossier
            .project
            .first_impact
            .map(dossier_cloud::domain::Date::to_fr)
            .as_deref(),
        Some("15/09/2027")
    );
    assert_eq!(
        h.get_by_label("Premier impact réel").value().as_deref(),
        Some("15/09/2027")
    );
    assert!(shows(&h, "6 mois et 14 jours après le démarrage"));
}

/// The label (or, failing that, the text) of the widget that has the focus, spaces plain.
fn focused(h: &H) -> String {
    #[allow(
        clippy::redundant_closure_for_method_calls,
        reason = "the method's lifetime is not general enough for the query"
    )]
    h.query_all_by(|n| n.is_focused())
        .next()
        .map(|n| {
            let node = egui_kittest::kittest::NodeT::accesskit_node(&n);
            plain(
                &node
                    .label()
                    .filter(|l| !l.is_empty())
                    .or_else(|| node.value())
                    .unwrap_or_default(),
            )
        })
        .unwrap_or_default()
}

fn press(h: &mut H, key: Key) {
    h.key_press(key);
    h.run();
}

/// Presses Tab until the widget labelled `label` has the keyboard focus.
#[track_caller]
fn tab_to(h: &mut H, label: &str) {
    for _ in 0..120 {
        if focused(h) == label {
            return;
        }
        press(h, Key::Tab);
    }
    panic!("Tab never reaches « {label} »");
}

#[test]
fn the_applicant_step_can_be_filled_with_the_keyboard_alone() {
    let mut h = harness(None);
    tab_to(&mut h, "Opérateur de l'État");
    h.key_press(Key::Space);
    h.run();
    tab_to(&mut h, "Ministère");
    h.get_by_label("Ministère")
        .type_text("Ministère des Armées");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label("Direction, service ou opérateur")
            .is_focused(),
        "Tab goes to the next field"
    );
    h.get_by_label("Direction, service ou opérateur")
        .type_text("Agence du numérique de défense");
    h.run();
    tab_to(&mut h, "Suivant : Type d'opération →");
    h.key_press(Key::Enter);
    h.run();
    let d = &h.state().doc.dossier;
    assert_eq!(
        d.applicant.kind,
        Some(dossier_cloud::domain::dossier::ApplicantKind::StateOperator)
    );
    assert_eq!(d.applicant.ministry, "Ministère des Armées");
    assert_eq!(d.applicant.entity, "Agence du numérique de défense");
    assert_eq!(h.state().doc.step, Step::Operations);
}

#[test]
fn export_runs_in_the_background_and_says_where_the_pack_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("depot");
    let mut h = harness(Some("combined.ron"));
    click(&mut h, "9. Relecture");
    click(&mut h, "Exporter le dossier de dépôt…");
    type_into(
        &mut h,
        "Dossier de destination",
        out.to_str().expect("utf-8 path"),
    );
    click(&mut h, "Valider");
    // The export runs on its own thread; the window keeps drawing frames meanwhile.
    for _ in 0..300 {
        if h.state()
            .dialog_text()
            .is_some_and(|t| t.starts_with("Dossier de dépôt écrit"))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    assert!(
        shows(&h, "Dossier de dépôt prêt"),
        "{:?}",
        h.state().dialog_text()
    );
    assert!(shows(&h, &out.display().to_string()));
    assert!(out.join("dossier.json").exists() && out.join("manifest.json").exists());
    assert!(shows(&h, "Ouvrir le dossier"));

    // Zipped afterwards, on demand: one file holding the pack, listed in the dialog.
    click(&mut h, "Créer aussi une archive .zip");
    h.run();
    let zip = std::fs::read_dir(&out)
        .expect("pack folder")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "zip"))
        .expect("a zip beside the files");
    let name = zip
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(shows(&h, &name), "the dialog lists {name}");
    assert!(h.query_by_label("Créer aussi une archive .zip").is_none());
    let inside = crate::common::zip_names(&zip);
    let stem = name.trim_end_matches(".zip");
    for file in ["dossier.json", "dossier.schema.json", "manifest.json"] {
        assert!(
            inside.contains(&format!("{stem}/{file}")),
            "{file} in {inside:?}"
        );
    }
    assert!(inside.contains(&format!("{stem}/{stem}.pdf")), "{inside:?}");
}

#[test]
fn a_finding_on_a_far_budget_line_scrolls_to_it_and_focuses_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("grand.ron");
    let mut d = crate::common::example("migration-secnumcloud.ron");
    d.budget.lines = (0..500)
        .map(|i| {
            crate::common::line(
                &format!("Ligne {i}"),
                dossier_cloud::domain::dossier::Category::ExternalService,
                2027,
                if i == 450 { "0" } else { "1000.00" },
            )
        })
        .collect();
    std::fs::write(&file, dossier_cloud::storage::to_ron(&d).expect("ron")).expect("write");
    // At 100 % the lines are a table under its column titles, scrolling in a box of its own; at
    // 150 % each line takes four rows and they flow in the step's own scroll area.
    for (zoom, upright_bars) in [(1.0, 2), (1.5, 1)] {
        let mut h = harness_on(Some(file.clone()));
        h.ctx.set_zoom_factor(zoom);
        h.run();
        click(&mut h, "5. Budget : 1 avertissement(s) à vérifier");
        assert!(
            h.query_by_label("Montant TTC, ligne 451").is_none(),
            "far lines are not laid out"
        );
        assert_eq!(
            step_scroll_bars(&h),
            upright_bars,
            "at {zoom}×: the step's scroll bar, and the table's at 100 % only"
        );
        h.get_by_label(&fr(
            "Aller à : La ligne n°451 « Ligne 450 » a un montant nul.",
        ))
        .click_accesskit();
        // Going to the step, scrolling the table, then focusing the field take a few frames.
        h.run_steps(8);
        let field = h.get_by_label("Montant TTC, ligne 451");
        assert!(
            field.is_focused(),
            "at {zoom}×: the finding leads to the field"
        );
        let window = h.ctx.content_rect();
        assert!(
            field.rect().min.y > 0.0 && field.rect().max.y < window.max.y,
            "at {zoom}×: the field is in view, {:?}",
            field.rect()
        );
    }
}

/// The upright scroll bars between the steps list and the live panel.
fn step_scroll_bars(h: &H) -> usize {
    let (counter, live) = step_landmarks(h);
    let (left, right) = (counter.min.x, live.min.x);
    h.query_all_by(|n| n.role() == egui::accesskit::Role::ScrollBar)
        .map(|bar| bar.rect())
        .filter(|bar| bar.height() > bar.width() && bar.min.x > left && bar.max.x < right)
        .count()
}

#[test]
fn a_save_over_a_file_changed_by_another_program_is_refused_and_keeps_the_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("projet.ron");
    std::fs::copy(crate::common::root().join("examples/combined.ron"), &path).expect("copy");
    let mut h = harness_on(Some(path.clone()));
    type_into(&mut h, "Nom et prénom", "Anne Martin");
    leave_field(&mut h);
    // Meanwhile a colleague saves their own version of the file.
    let theirs = std::fs::read_to_string(&path)
        .expect("read")
        .replace("format:", "// modifié par un collègue\n    format:");
    std::fs::write(&path, &theirs).expect("write");

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let text = plain(&h.state().dialog_text().expect("a dialog says why"));
    assert!(shows(&h, "Enregistrement impossible"));
    assert!(
        text.contains("modifié")
            && text.contains("Vos modifications sont toujours dans la fenêtre"),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    click(&mut h, "Fermer");
    assert!(h.state().is_dirty(), "the edit is still marked unsaved");
    assert_eq!(h.state().doc.dossier.applicant.contact.name, "Anne Martin");
}

#[test]
fn a_spreadsheet_is_previewed_then_imported_in_one_undoable_step() {
    // Tall: a budget line on two rows (its label whole) leaves fewer lines in view.
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/combined.ron")),
        [1440.0, 2400.0],
    );
    h.state_mut().doc.step = Step::Budget;
    h.run();
    let before = h.state().doc.dossier.budget.lines.clone();
    click(&mut h, "Importer depuis un tableur…");
    let sheet = crate::common::root().join("tests/corpus/import/budget.xlsx");
    // The path field has the keyboard as soon as the dialog opens; Enter validates.
    h.get_by_label("Chemin du fichier")
        .type_text(sheet.to_str().expect("utf-8 path"));
    h.run();
    h.key_press(Key::Enter);
    h.step();
    wait_for_the_spreadsheet(&mut h);

    assert!(shows(
        &h,
        "5 ligne(s) lisible(s), 6 ligne(s) écartée(s), 1 ligne(s) vide(s) ignorée(s)"
    ));
    assert!(shows(&h, "Ligne 10 : catégorie « Mobilier » non reconnue"));
    assert!(shows(&h, "Migration de la gestion des bourses"));
    assert_eq!(
        h.state().doc.dossier.budget.lines,
        before,
        "nothing imported yet"
    );

    // Another sheet has no titles: nothing can be imported until the columns are chosen.
    pick(&mut h, "Feuille", "Notes");
    assert!(shows(
        &h,
        "Choisissez la colonne de : Libellé, Catégorie, Année, Montant TTC"
    ));
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(&h.get_by_label("Importer 0 ligne(s)"))
            .is_disabled()
    );
    pick(&mut h, "Feuille", "Budget");

    click(&mut h, "Importer 5 ligne(s)");
    let lines = &h.state().doc.dossier.budget.lines;
    assert_eq!(lines.len(), before.len() + 5);
    assert_eq!(
        lines[before.len()].label,
        "Migration de la gestion des bourses"
    );
    assert_eq!(lines[..before.len()], before[..]);
    assert!(shows(&h, "5 ligne(s) importée(s) depuis budget.xlsx"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.dossier.budget.lines,
        before,
        "one undo takes the whole import back"
    );
}

#[test]
fn the_sources_view_lists_the_rules_with_their_sentences_and_filters_them() {
    let mut h = harness(Some("combined.ron"));
    h.key_press(Key::F1);
    h.run();
    assert!(shows(&h, "Sources des règles — FTAP-2023"));
    assert!(shows(
        &h,
        "Guichet de financement : Adoption du Cloud de confiance (DINUM"
    ));
    assert!(shows(&h, "Le guichet est ouvert : aux administrations"));
    type_into(&mut h, "Filtrer (identifiant ou mot)", "ftap-rate");
    assert!(shows(
        &h,
        "cofinancement jusqu'à 50% du coût total du projet"
    ));
    assert!(
        !shows(&h, "Le guichet est ouvert : aux administrations"),
        "other rules are filtered out"
    );
    type_into(&mut h, "Filtrer (identifiant ou mot)", "complétude");
    assert!(shows(&h, "Complétude du dossier : règles de l'application"));
}

#[test]
fn the_text_size_follows_ctrl_plus_and_minus_and_is_remembered() {
    use dossier_cloud::ui::prefs::{Prefs, percent_of, zoom_of};
    let mut h = harness(Some("combined.ron"));
    assert_eq!(h.state().prefs().text_scale_percent, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    let bigger = h
        .state()
        .prefs()
        .text_scale_percent
        .expect("a larger text size is kept");
    assert!(bigger > 100, "{bigger}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert_eq!(h.state().prefs().text_scale_percent, None, "back to 100 %");
    // What is saved is what the next start applies; odd values are ignored.
    let kept = Prefs {
        text_scale_percent: Some(bigger),
        ..Prefs::default()
    };
    assert_eq!(zoom_of(&kept).map(percent_of), Some(Some(bigger)));
    let odd = Prefs {
        text_scale_percent: Some(5_000),
        ..Prefs::default()
    };
    assert_eq!(zoom_of(&odd), None);
}

/// WCAG 2.1 contrast ratio of two sRGB colours.
fn contrast(a: egui::Color32, b: egui::Color32) -> f64 {
    let luminance = |c: egui::Color32| {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn text_colours_pass_wcag_aa_on_the_backgrounds_they_are_used_on() {
    use dossier_cloud::ui::theme::*;
    use egui::Color32;
    let white = Color32::WHITE;
    // (text, background, where) — normal-size text, so AA asks 4.5:1.
    let pairs = [
        (TEXT, white, "body text"),
        (TEXT, PANEL, "panels"),
        (TEXT_MUTED, white, "secondary text"),
        (TEXT_MUTED, PANEL, "secondary text in panels"),
        (BLUE, white, "headings, links"),
        (BLUE, PANEL, "live panel title"),
        (BLUE, BLUE_LIGHT, "advisory findings"),
        (white, BLUE, "primary button"),
        (RED, RED_LIGHT, "blocking findings"),
        (RED, white, "refused inputs"),
        (ORANGE, ORANGE_LIGHT, "findings to check, excluded amounts"),
        (ORANGE, white, "rows left out of an import"),
        (GREEN, GREEN_LIGHT, "nothing blocks"),
        (GREEN, PANEL, "steps done"),
    ];
    for (text, background, place) in pairs {
        let ratio = contrast(text, background);
        assert!(ratio >= 4.5, "{place}: {ratio:.2}:1 is below 4.5:1");
    }
    // And the check can fail: the border grey is not a text colour.
    assert!(contrast(BORDER, white) < 4.5);
}

#[test]
fn saving_an_untitled_dossier_from_the_unsaved_prompt_then_does_what_was_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let save_as = |h: &mut H, path: &std::path::Path| {
        type_into(h, "Chemin du fichier", path.to_str().expect("utf-8 path"));
        click(h, "Valider");
        h.run();
    };
    // An untitled dossier with an edit, « Nouveau » asked, « Enregistrer » chosen in the prompt.
    let edited_then_new = |ministry: &str| {
        let mut h = harness(None);
        type_into(&mut h, "Ministère", ministry);
        leave_field(&mut h);
        h.key_press_modifiers(Modifiers::COMMAND, Key::N);
        h.run();
        click(&mut h, "Enregistrer");
        h
    };
    // Saved under a name: the file is written, then the new dossier comes.
    let first = dir.path().join("premier.ron");
    let mut h = edited_then_new("Ministère des Armées");
    save_as(&mut h, &first);
    let saved = dossier_cloud::storage::load(&first, &crate::common::knowledge().rules)
        .expect("saved")
        .parsed
        .dossier;
    assert_eq!(saved.applicant.ministry, "Ministère des Armées");
    assert_eq!(
        h.state().doc.dossier.applicant.ministry,
        "",
        "then a new, empty dossier"
    );
    assert!(h.state().path().is_none());

    // Cancelled at the file name: nothing stays pending, a later save does only that.
    let second = dir.path().join("second.ron");
    let mut h = edited_then_new("Ministère de l'Intérieur");
    click(&mut h, "Annuler");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    save_as(&mut h, &second);
    assert_eq!(h.state().path(), Some(second.as_path()));
    assert_eq!(
        h.state().doc.dossier.applicant.ministry,
        "Ministère de l'Intérieur",
        "the cancelled « new dossier » did not come back"
    );
}

/// The controls of the window that take the keyboard: (node id, what it is).
fn controls(h: &H) -> std::collections::BTreeMap<String, String> {
    use egui::accesskit::Role;
    h.query_all_by(|node| {
        matches!(
            node.role(),
            Role::Button
                | Role::TextInput
                | Role::MultilineTextInput
                | Role::ComboBox
                | Role::CheckBox
                | Role::RadioButton
                | Role::Link
                | Role::Slider
                | Role::SpinButton
        ) && !node.is_disabled()
            && !node.is_hidden()
    })
    .map(|n| {
        let node = egui_kittest::kittest::NodeT::accesskit_node(&n);
        (
            format!("{:?}", node.id()),
            format!("{:?} « {} »", node.role(), node.label().unwrap_or_default()),
        )
    })
    .collect()
}

#[test]
fn every_control_of_every_step_is_reached_by_tab() {
    // Tall enough that no step scrolls: egui leaves unseen widgets out of the tree.
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/combined.ron")),
        [1600.0, 2600.0],
    );
    for step in Step::ALL {
        h.state_mut().doc.step = step;
        h.run_steps(3);
        let wanted = controls(&h);
        let mut reached = std::collections::BTreeSet::new();
        // The menus, the steps list and the navigation at least, plus the step's own.
        assert!(
            wanted.len() >= 15,
            "step {step:?}: only {} controls",
            wanted.len()
        );
        for _ in 0..(2 * wanted.len() + 10) {
            h.key_press(Key::Tab);
            h.run();
            #[allow(
                clippy::redundant_closure_for_method_calls,
                reason = "the method's lifetime is not general enough for the query"
            )]
            let focused = h.query_all_by(|n| n.is_focused());
            for node in focused {
                let node = egui_kittest::kittest::NodeT::accesskit_node(&node);
                reached.insert(format!("{:?}", node.id()));
            }
            if wanted.keys().all(|id| reached.contains(id)) {
                break;
            }
        }
        let missed: Vec<&String> = wanted
            .iter()
            .filter(|(id, _)| !reached.contains(*id))
            .map(|(_, what)| what)
            .collect();
        assert!(
            missed.is_empty(),
            "step {step:?}: Tab never reaches {missed:?}"
        );
        h.key_press(Key::Escape);
        h.run();
    }
}

/// Presses Tab (or Shift+Tab) until a widget whose label contains `fragment` has the focus.
fn tab_to_containing(h: &mut H, fragment: &str, modifiers: Modifiers) -> bool {
    for _ in 0..80 {
        if h.query_by_label_contains(&fr(fragment))
            .is_some_and(|n| n.is_focused())
        {
            return true;
        }
        h.key_press_modifiers(modifiers, Key::Tab);
        h.run();
    }
    false
}

#[test]
fn the_nine_steps_can_be_walked_with_tab_and_enter_alone() {
    let mut h = harness(Some("combined.ron"));
    for (i, step) in Step::ALL[..Step::APPLICATION]
        .iter()
        .copied()
        .enumerate()
        .skip(1)
    {
        assert!(
            tab_to_containing(&mut h, "Suivant :", Modifiers::NONE),
            "Tab reaches « Suivant » on step {i}"
        );
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(
            h.state().doc.step,
            step,
            "Enter on « Suivant » shows the next step"
        );
    }
    // Unsigned, the review is the last step: no « Suivant » to a follow-up that is not there.
    assert!(!tab_to_containing(&mut h, "Suivant :", Modifiers::NONE));
    // And back, with Shift+Tab to « Précédent ».
    assert!(tab_to_containing(&mut h, "Précédent :", Modifiers::SHIFT));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().doc.step, Step::Attachments);
}

#[test]
fn a_category_is_chosen_with_the_keyboard() {
    let mut h = harness(Some("combined.ron"));
    h.state_mut().doc.step = Step::Budget;
    h.run();
    let label = "Catégorie, ligne 1";
    h.get_by_label(label).focus();
    h.run();
    h.key_press(Key::Space);
    h.run();
    // The list is open: the arrow keys move through it, Enter picks.
    for _ in 0..3 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    h.key_press(Key::Enter);
    h.run();
    let category = h.state().doc.dossier.budget.lines[0].category;
    assert_eq!(
        category,
        dossier_cloud::domain::dossier::Category::Training,
        "the first arrow enters the list on its first entry, two more reach the third"
    );
}

/// What Tab visits, in order, once round the window: each control's label (or its text).
fn tab_order(h: &mut H) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for _ in 0..200 {
        press(h, Key::Tab);
        let focused = focused(h);
        if order.first() == Some(&focused) {
            break;
        }
        order.push(focused);
    }
    order
}

#[test]
fn tab_follows_the_reading_order_menus_steps_form_navigation_findings() {
    let mut h = harness(None);
    let order = tab_order(&mut h);
    let at = |fragment: &str| {
        order
            .iter()
            .position(|l| l.starts_with(fragment))
            .unwrap_or_else(|| panic!("Tab never reaches « {fragment} »: {order:#?}"))
    };
    let reading = [
        "Fichier",
        "1. Demandeur",
        "9. Relecture",
        "Administration d'État",
        "Adresse électronique",
        "Suivant : Type d'opération",
        "Ce qu'il reste à remplir (",
        "À compléter : ",
    ];
    for pair in reading.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "« {} » comes before « {} »: {order:#?}",
            pair[0],
            pair[1]
        );
    }
}

/// Keyboard only: what a person who cannot use a mouse does. Nothing below clicks or focuses a
/// widget directly; the tree is only read, the way a sighted user reads the screen.
mod keyboard {
    use super::{H, Key, Modifiers, Severity, Step, focused, press, shows, tab_to};

    /// Tab to a text field and type into it.
    #[track_caller]
    fn fill(h: &mut H, label: &str, text: &str) {
        tab_to(h, label);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(egui::Event::Text(text.to_owned()));
        h.run();
    }

    /// Tab to a button, radio or check box and press Space.
    #[track_caller]
    fn press_on(h: &mut H, label: &str) {
        tab_to(h, label);
        press(h, Key::Space);
    }

    /// Tab to a drop-down list, open it with Space, go down to the entry, pick it with Enter.
    #[track_caller]
    fn choose(h: &mut H, combo: &str, entry: &str) {
        tab_to(h, combo);
        press(h, Key::Space);
        for _ in 0..30 {
            if focused(h) == entry {
                press(h, Key::Enter);
                return;
            }
            press(h, Key::ArrowDown);
        }
        panic!("« {entry} » is not in the list « {combo} »");
    }

    /// Tab to « Suivant » and press Enter.
    #[track_caller]
    fn next(h: &mut H, to: Step) {
        for _ in 0..120 {
            if focused(h).starts_with("Suivant :") {
                press(h, Key::Enter);
                assert_eq!(h.state().doc.step, to);
                return;
            }
            press(h, Key::Tab);
        }
        panic!("Tab never reaches « Suivant »");
    }

    /// The indicators step by keys: both mandatory ones and one suggested impact indicator, each
    /// with today's measure and a dated target.
    fn indicators_by_keys(h: &mut H) {
        press_on(h, "Économies — saisir la mesure actuelle");
        press_on(h, "Économies — ajouter une cible datée");
        fill(h, "Économies — cible 1, valeur", "45 000");
        press_on(h, "Agents formés — saisir la mesure actuelle");
        press_on(h, "Agents formés — ajouter une cible datée");
        fill(h, "Agents formés — cible 1, valeur", "12");
        press_on(h, "Fréquence des déploiements en production");
        press_on(
            h,
            "Fréquence des déploiements en production — saisir la mesure actuelle",
        );
        press_on(
            h,
            "Fréquence des déploiements en production — ajouter une cible datée",
        );
        fill(
            h,
            "Fréquence des déploiements en production — mesure actuelle, valeur",
            "1 par mois",
        );
        fill(
            h,
            "Fréquence des déploiements en production — cible 1, valeur",
            "1 par semaine",
        );
    }

    #[test]
    fn a_whole_dossier_is_filled_with_the_keyboard_alone() {
        let mut h = crate::common::harness_sized(None, [1440.0, 2200.0]);
        let h = &mut h;
        press_on(h, "Administration d'État");
        fill(h, "Ministère", "Ministère de la Culture");
        fill(h, "Direction, service ou opérateur", "Service du numérique");
        fill(h, "Nom et prénom", "Élodie Côté");
        fill(h, "Adresse électronique", "elodie.cote@culture.gouv.fr");
        next(h, Step::Operations);

        fill(h, "Titre du projet", "Migration des archives");
        fill(h, "Résumé", "Migrer les archives vers une offre qualifiée.");
        press_on(h, "Migration d'applications vers le Cloud de confiance");
        next(h, Step::Applications);

        fill(h, "Nom de l'application", "Archives en ligne");
        choose(h, "Sensibilité des données", "Données sensibles");
        choose(h, "Hébergement d'origine", "Infrastructure physique");
        next(h, Step::Target);

        choose(
            h,
            "Type d'hébergement cible",
            "Offre commerciale qualifiée SecNumCloud",
        );
        choose(
            h,
            "Offre qualifiée SecNumCloud",
            "Outscale — IaaS qualifié SecNumCloud",
        );
        next(h, Step::Budget);

        press_on(h, "+ Ajouter une ligne");
        fill(h, "Libellé, ligne 1", "Migration et recette");
        fill(h, "Montant TTC, ligne 1", "150 000");
        press_on(h, "+ Ajouter une ligne");
        fill(h, "Libellé, ligne 2", "Licences");
        choose(
            h,
            "Catégorie, ligne 2",
            "Logiciels (licences, souscriptions)",
        );
        fill(h, "Montant TTC, ligne 2", "20 000");
        next(h, Step::Schedule);

        fill(h, "Démarrage", "04/01/2027");
        fill(h, "Premier impact réel", "30/05/2027");
        fill(h, "Fin du projet", "31/12/2027");
        next(h, Step::Indicators);

        indicators_by_keys(h);
        next(h, Step::Attachments);
        next(h, Step::Review);

        let d = &h.state().doc.dossier;
        assert_eq!(d.applicant.contact.email, "elodie.cote@culture.gouv.fr");
        assert_eq!(d.budget.lines.len(), 2);
        assert_eq!(
            d.budget.lines[1].category,
            dossier_cloud::domain::dossier::Category::Software
        );
        let e = &h.state().doc.evaluation;
        assert_eq!(e.count(Severity::Blocking), 0, "{:#?}", e.findings);
        assert_eq!(e.estimate.cofunding, rust_decimal_macros::dec!(75000));
        assert!(shows(h, "Rien ne bloque : le dossier est recevable."));
    }

    #[test]
    fn a_budget_line_is_moved_and_deleted_and_a_date_picked_with_the_keyboard_alone() {
        let mut h = crate::common::harness_sized(
            Some(crate::common::root().join("examples/combined.ron")),
            [1440.0, 2200.0],
        );
        let h = &mut h;
        h.state_mut().doc.step = Step::Budget;
        h.run();
        let second = h.state().doc.dossier.budget.lines[1].label.clone();
        let count = h.state().doc.dossier.budget.lines.len();
        press_on(h, "Actions, ligne 2");
        tab_to(h, "Monter");
        press(h, Key::Enter);
        assert_eq!(
            h.state().doc.dossier.budget.lines[0].label,
            second,
            "moved up"
        );
        press_on(h, "Actions, ligne 1");
        tab_to(h, "Supprimer");
        press(h, Key::Enter);
        assert_eq!(
            h.state().doc.dossier.budget.lines.len(),
            count - 1,
            "deleted"
        );
        assert_ne!(h.state().doc.dossier.budget.lines[0].label, second);

        h.state_mut().doc.step = Step::Schedule;
        h.run();
        press_on(h, "Premier impact réel, calendrier");
        assert!(shows(h, "octobre 2027"), "opens on the field's month");
        tab_to(h, "Mois précédent");
        press(h, Key::Enter);
        tab_to(h, "8 septembre 2027");
        // The arrows move through the month's grid: one week down, one day right.
        press(h, Key::ArrowDown);
        press(h, Key::ArrowRight);
        assert_eq!(focused(h), "16 septembre 2027");
        press(h, Key::Enter);
        assert_eq!(
            h.state()
                .doc
                .dossier
                .project
                .first_impact
                .map(dossier_cloud::domain::Date::to_fr)
                .as_deref(),
            Some("16/09/2027")
        );
    }
}

/// The right edge of the live panel's content: the window's, less the panel's inner margin.
fn panel_content_right(h: &H) -> f32 {
    h.ctx.content_rect().max.x - 12.0
}

/// Every widget of the live panel that ends past its right edge, with its text.
fn past_the_panel(h: &H) -> Vec<String> {
    let title = h
        .query_all_by(|n| {
            n.value()
                .is_some_and(|v| v == "Estimation du cofinancement" || v == "Cofunding estimate")
        })
        .next()
        .expect("the panel's title");
    let left = title.rect().min.x - 1.0;
    let right = panel_content_right(h) + 0.5;
    h.query_all_by(|n| n.bounding_box().is_some())
        .filter(|n| n.rect().min.x >= left && n.rect().max.x > right)
        .map(|n| {
            let node = egui_kittest::kittest::NodeT::accesskit_node(&n);
            format!(
                "{:?} {:?} ends at {}",
                node.label(),
                node.value(),
                n.rect().max.x
            )
        })
        .collect()
}

#[test]
fn the_live_panel_fits_its_width_with_large_amounts_at_any_text_size_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut d = crate::common::example("combined.ron");
    // Hundreds of millions: the estimate's figures at their widest, a blocking finding citing them.
    for line in &mut d.budget.lines {
        line.amount_ttc = dossier_cloud::domain::Amount::parse_fr("360 000 000").expect("amount");
    }
    let mut h = harness_on(Some(crate::common::draft_in(dir.path(), "grand.ron", &d)));
    for zoom in [1.0, 1.5] {
        for lang in [dossier_cloud::i18n::Lang::Fr, dossier_cloud::i18n::Lang::En] {
            h.ctx.set_zoom_factor(zoom);
            h.state_mut().set_lang(lang);
            h.run();
            h.run();
            let past = past_the_panel(&h);
            assert!(past.is_empty(), "at {zoom}× in {lang:?}: {past:#?}");
        }
    }
}

/// Every widget of the step shown that ends past the step's right edge (the live panel's left),
/// with its text.
/// Where the step begins and the live panel begins: the step's counter (« Étape N sur 9 ») and
/// the panel's title (the estimate's, or on « Suivi » the commitment's), in either language.
fn step_landmarks(h: &H) -> (egui::Rect, egui::Rect) {
    let value_is = |f: &dyn Fn(&str) -> bool| {
        h.query_all_by(|n| n.value().is_some_and(|v| f(&v)))
            .next()
            .map(|n| n.rect())
    };
    let counter = value_is(&|v| {
        (v.starts_with("Étape ") && v.ends_with(" sur 9"))
            || v.starts_with("Step ")
            || v == "Après l’attribution"
            || v == "After the award"
    })
    .expect("« Étape N sur 9 »");
    let live = value_is(&|v| {
        [
            "Estimation du cofinancement",
            "Cofunding estimate",
            "Suivi de l’engagement",
            "Following the commitment",
        ]
        .contains(&v)
    })
    .expect("the live panel's title");
    (counter, live)
}

fn past_the_step(h: &H) -> Vec<String> {
    let (counter, live) = step_landmarks(h);
    // The navigation bar spans the whole window under the three panels: its top (« Précédent »
    // or « Suivant », the review step has only the one, the first step only the other) ends the
    // step. What the bar holds (a long path in the status) may run under the live panel.
    let bottom = h
        .query_all_by(|n| {
            n.role() == egui::accesskit::Role::Button
                && n.label().is_some_and(|l| {
                    ["Suivant :", "Next:", "Précédent :", "Back:"]
                        .iter()
                        .any(|b| plain(&l).contains(b))
                })
        })
        .map(|n| n.rect().min.y)
        .fold(f32::INFINITY, f32::min);
    let (left, mut right) = (counter.min.x - 1.0, live.min.x - 12.0 + 0.5);
    // Nothing under the step's own scroll bar either (the rightmost upright one of the step).
    if let Some(bar) = h
        .query_all_by(|n| n.role() == egui::accesskit::Role::ScrollBar)
        .map(|bar| bar.rect())
        .filter(|bar| {
            // The step's own: as tall as most of the step (a table's is shorter).
            bar.height() > 0.6 * (bottom - counter.min.y) && bar.min.x > left && bar.min.x < right
        })
        .max_by(|a, b| a.min.x.total_cmp(&b.min.x))
    {
        right = right.min(bar.min.x + 0.5);
    }
    // The plan's years table scrolls sideways (its scroll bar under it, its first column's title
    // above): what it holds may run past the edge, the view shows it by scrolling.
    let sideways: Vec<(f32, f32)> = h
        .query_all_by(|n| n.role() == egui::accesskit::Role::ScrollBar)
        .map(|bar| bar.rect())
        .filter(|bar| bar.width() > bar.height())
        .filter_map(|bar| {
            let title = h
                .query_all_by(|n| n.value().is_some_and(|v| v == "Année" || v == "Year"))
                .map(|n| n.rect())
                .filter(|t| (t.min.x - bar.min.x).abs() < 2.0 && t.max.y <= bar.min.y)
                .max_by(|a, b| a.min.y.total_cmp(&b.min.y))?;
            Some((title.min.y, bar.max.y))
        })
        .collect();
    h.query_all_by(|n| n.bounding_box().is_some())
        .filter(|n| {
            let r = n.rect();
            !sideways
                .iter()
                .any(|&(top, end)| r.min.y >= top - 0.5 && r.max.y <= end + 0.5)
        })
        .filter(|n| {
            let r = n.rect();
            r.min.x >= left
                && r.min.x < right
                && r.max.x > right
                && r.min.y >= counter.min.y - 1.0
                && r.max.y < bottom
        })
        .filter(|n| {
            // A field's text runs are clipped by the field; the scroll bars and the panel's resize
            // handle are the edge itself.
            let node = egui_kittest::kittest::NodeT::accesskit_node(n);
            node.role() != egui::accesskit::Role::TextRun
                && node.role() != egui::accesskit::Role::ScrollBar
                && node.label().as_deref() != Some("Resize panel")
        })
        .map(|n| {
            let node = egui_kittest::kittest::NodeT::accesskit_node(&n);
            format!(
                "{:?} {:?} {:?} {:?} ends at {} (step ends at {right})",
                node.role(),
                n.rect(),
                node.label(),
                node.value(),
                n.rect().max.x
            )
        })
        .collect()
}

#[test]
fn every_step_fits_its_width_at_150_percent_and_in_the_narrowest_window() {
    // Tall enough that no step scrolls (egui leaves unseen widgets out of the tree); as wide as
    // the default window at 150 % (960 points), and the narrowest window at 100 %. Then the
    // default window at 150 %, where the steps scroll: nothing under their scroll bar.
    // Opened from a long path, as on a machine whose home is deep: the status « Ouvert : … »
    // in the navigation bar is wider than the step (and may be: the bar spans the window).
    let dir = tempfile::tempdir().unwrap();
    let deep = dir
        .path()
        .join("un dossier dont le chemin est long, comme dans un partage réseau");
    std::fs::create_dir(&deep).unwrap();
    let file = crate::common::example_copy(&deep, "combined.ron");
    // Signed: the follow-up step is there too.
    let file_signed = crate::common::example_copy(&deep, "suivi-migration.ron");
    for (zoom, size) in [
        (1.5, [1440.0, 4200.0]),
        (1.0, [960.0, 2800.0]),
        (1.5, [1440.0, 900.0]),
    ] {
        for lang in [dossier_cloud::i18n::Lang::Fr, dossier_cloud::i18n::Lang::En] {
            let mut h = crate::common::harness_sized(Some(file.clone()), size);
            h.ctx.set_zoom_factor(zoom);
            h.state_mut().set_lang(lang);
            for step in Step::ALL {
                if step == Step::Follow {
                    h = crate::common::harness_sized(Some(file_signed.clone()), size);
                    h.ctx.set_zoom_factor(zoom);
                    h.state_mut().set_lang(lang);
                }
                h.state_mut().doc.step = step;
                h.run_steps(3);
                let past = past_the_step(&h);
                assert!(
                    past.is_empty(),
                    "{step:?} at {zoom}× in {lang:?}: {past:#?}"
                );
            }
        }
    }
}

#[test]
fn the_menu_bar_names_the_file_first_and_cuts_a_deep_folder_at_the_window_s_edge() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir
        .path()
        .join("un dossier dont le chemin est long, comme dans un partage réseau")
        .join("et encore un sous-dossier pour la DINUM");
    std::fs::create_dir_all(&deep).unwrap();
    let file = crate::common::example_copy(&deep, "combined.ron");
    let mut h = crate::common::harness_sized(Some(file.clone()), [1440.0, 900.0]);
    h.ctx.set_zoom_factor(1.5);
    h.run();
    let window = h.ctx.content_rect();
    let shown = h
        .query_all_by(|n| n.value().is_some_and(|v| v.starts_with("combined.ron — ")))
        .next()
        .expect("the file's name, then its folder, in the menu bar");
    assert!(
        shown.rect().max.x <= window.max.x + 0.5,
        "{:?} past the window's edge at {}",
        shown.rect(),
        window.max.x
    );
    // The whole text stays in the accessibility tree (and shows on hover).
    assert!(
        shown
            .value()
            .is_some_and(|v| v.ends_with("et encore un sous-dossier pour la DINUM")),
        "{:?}",
        shown.value()
    );
}

#[test]
fn the_panel_takes_excluded_costs_off_with_a_minus_only_when_there_are_some() {
    let excluded_row = |h: &H| {
        h.query_all_by(|n| n.value().is_some_and(|v| v == "Coûts exclus"))
            .next()
            .map(|label| {
                let y = label.rect().center().y;
                // The figure on the same row, on the right.
                h.query_all_by(|n| {
                    n.role() == egui::accesskit::Role::Label
                        && n.value().is_some_and(|v| v.ends_with('€'))
                })
                .filter(|n| {
                    (n.rect().center().y - y).abs() < 4.0 && n.rect().min.x > label.rect().max.x
                })
                .map(|n| plain(&n.value().unwrap_or_default()))
                .collect::<Vec<_>>()
            })
            .expect("« Coûts exclus » in the panel")
    };
    let h = harness(Some("combined.ron"));
    assert_eq!(excluded_row(&h), ["− 159 000,00 €"]);
    let h = harness(None);
    assert_eq!(
        excluded_row(&h),
        ["0,00 €"],
        "nothing to take off: no minus"
    );
}

#[test]
fn what_is_shown_by_strike_colour_or_drawing_is_said_in_words_too() {
    // Tall: a budget line on two rows (its label whole) leaves fewer lines in view.
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/combined.ron")),
        [1440.0, 2400.0],
    );
    let labelled = |h: &H, fragment: &str| {
        h.query_all_by(|n| n.label().is_some_and(|l| plain(&l).contains(fragment)))
            .count()
    };
    // The bar's shares, on every step.
    assert_eq!(
        labelled(&h, "Répartition : cofinancement 615 600,00 €"),
        1,
        "the bar is named by its figures"
    );
    click(&mut h, "5. Budget : Rien ne bloque à cette étape");
    // Every excluded amount, struck through, says it is excluded and by which rule.
    let excluded = h
        .state()
        .doc
        .evaluation
        .estimate
        .by_category
        .iter()
        .filter(|c| c.excluded_by.is_some())
        .count();
    assert!(excluded > 0);
    assert!(
        labelled(&h, "— exclu de l'assiette") > excluded,
        "the lines' cells and the subtotals"
    );
    // AT-SPI names a text by its value: the words are there too.
    let valued = h
        .query_all_by(|n| {
            n.value()
                .is_some_and(|v| plain(&v).contains("— exclu de l'assiette"))
        })
        .count();
    assert!(valued > excluded, "{valued}");
}

/// One keystroke as the system delivers it: the key pressed with its text in one batch of
/// events, then the key released in another; each batch is one frame.
fn keystroke(h: &mut H, key: Key, text: &str) {
    let event = |pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    h.input_mut().events.push(event(true));
    h.input_mut().events.push(egui::Event::Text(text.into()));
    // A frame with events, then as many as are asked for at once (`run` draws at least one,
    // the one egui asks for after events).
    h.step();
    h.run();
    h.input_mut().events.push(event(false));
    h.step();
    h.run();
}

/// The frames egui itself draws for one batch of events, on a window that shows one label.
fn frames_egui_needs_per_batch() -> u64 {
    let mut h = egui_kittest::Harness::new_ui(|ui| {
        ui.label("x");
    });
    h.run();
    let before = h.ctx.cumulative_frame_nr();
    h.input_mut().events.push(egui::Event::Text("a".into()));
    h.step();
    h.run();
    h.ctx.cumulative_frame_nr() - before
}

#[test]
fn a_keystroke_costs_the_frames_egui_needs_and_no_more() {
    let needed = 2 * frames_egui_needs_per_batch();
    let mut h = harness(Some("combined.ron"));
    let field = fr("Nom et prénom");
    h.get_by_label(&field).focus();
    h.run();
    // The first keystroke also retitles the window (« * » for unsaved changes).
    keystroke(&mut h, Key::A, "a");
    for _ in 0..3 {
        let (frames, passes) = (h.ctx.cumulative_frame_nr(), h.ctx.cumulative_pass_nr());
        keystroke(&mut h, Key::A, "a");
        // A keystroke is two batches of events (pressed with its text, released): the app asks
        // for no frame beyond those egui draws after any input, and draws each in one pass (no
        // layout changing size that would make egui draw a frame twice).
        assert_eq!(
            h.ctx.cumulative_frame_nr() - frames,
            needed,
            "frames for one keystroke"
        );
        assert_eq!(
            h.ctx.cumulative_pass_nr() - passes,
            needed,
            "passes for one keystroke"
        );
    }
    assert!(
        h.state()
            .doc
            .dossier
            .applicant
            .contact
            .name
            .ends_with("aaaa")
    );
}

#[test]
fn a_window_drawn_by_the_fallback_renderer_says_which_and_why_over_the_opened_file() {
    // What the command line passes to the second run when the first renderer failed
    // (ui::renderer): the status line says it, and opening the file does not hide it.
    let drawn = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let options = dossier_cloud::ui::StartOptions {
        file: Some(crate::common::root().join("examples/combined.ron")),
        native_dialogs: Some(false),
        drawn: Some(std::sync::Arc::clone(&drawn)),
        renderer_fallback: Some((
            dossier_cloud::ui::renderer::Renderer::Wgpu,
            "WGPU error: Parent device is lost".to_owned(),
        )),
        ..Default::default()
    };
    let h = crate::common::harness_with(options, [1440.0, 900.0]);
    assert!(
        shows(
            &h,
            "Affichage de secours par OpenGL (glow) : Direct3D (wgpu) n'a pas démarré (WGPU error: Parent device is lost)."
        ),
        "the fallback is said in the status line"
    );
    assert!(
        drawn.load(std::sync::atomic::Ordering::Relaxed),
        "a window that drew frames tells the command line its renderer works"
    );
}

#[test]
fn another_qualified_offer_stays_chosen_and_keeps_its_name_and_reference() {
    // Failed before the fix: « Autre offre qualifiée… » fell back to « — choisir — » on the
    // next frame (no catalogue id and no name yet), and its fields never stayed.
    let mut h = harness(Some("migration-secnumcloud.ron"));
    if let Operation::Migration { applications } = &mut h.state_mut().doc.dossier.operations[0] {
        applications.truncate(1);
    }
    h.state_mut().doc.step = Step::Target;
    h.run();
    // From a catalogue offer to another one: the catalogue's name is not kept as the other's.
    pick(
        &mut h,
        "Offre qualifiée SecNumCloud",
        "Autre offre qualifiée…",
    );
    for _ in 0..3 {
        h.run();
    }
    assert!(
        shows(&h, "Autre offre qualifiée…"),
        "still chosen frames later"
    );
    assert!(h.query_by_label(&fr("Nom de l'offre")).is_some());
    let target = first_target(&h);
    assert_eq!(target.catalogue_id, None);
    assert_eq!(target.offer, "");
    type_into(&mut h, "Nom de l'offre", "Cloud Temple — Secure Temple");
    type_into(&mut h, "Référence de qualification", "ANSSI-CSPN-2024/17");
    leave_field(&mut h);
    for _ in 0..2 {
        h.run();
    }
    let target = first_target(&h);
    assert_eq!(target.offer, "Cloud Temple — Secure Temple");
    assert_eq!(
        target.qualification_ref.as_deref(),
        Some("ANSSI-CSPN-2024/17")
    );
    assert!(shows(&h, "Autre offre qualifiée…"));
    // And back to a catalogue offer.
    pick(
        &mut h,
        "Offre qualifiée SecNumCloud",
        "Outscale — IaaS qualifié SecNumCloud",
    );
    h.run();
    let target = first_target(&h);
    assert_eq!(target.catalogue_id.as_deref(), Some("outscale-iaas"));
    assert_eq!(target.qualification_ref, None);
    assert!(h.query_by_label(&fr("Nom de l'offre")).is_none());
}

/// The target of the dossier's first application.
fn first_target(h: &H) -> dossier_cloud::domain::dossier::Target {
    let (_, _, application) = h
        .state()
        .doc
        .dossier
        .applications()
        .next()
        .expect("an application");
    application.target.clone().expect("a target")
}

#[test]
fn fields_stay_put_while_the_user_types_and_chooses() {
    // Failed before: the step's list of what it lacks stood above the form and shrank as the
    // user typed, moving every field below under the pointer (« Ministère des Armées » went
    // into « Direction »). Each field's place is read before and after typing into the one
    // above it.
    let mut h = harness(None);
    h.run();
    let fields = [
        ("Ministère", "Ministère des Armées"),
        (
            "Direction, service ou opérateur",
            "Direction générale du numérique",
        ),
        ("Nom et prénom", "Camille Durand"),
        ("Adresse électronique", "camille.durand@intradef.gouv.fr"),
    ];
    click(&mut h, "Administration d'État");
    for (i, (label, text)) in fields.iter().enumerate() {
        let below: Vec<(String, egui::Rect)> = fields[i..]
            .iter()
            .map(|(l, _)| ((*l).to_owned(), h.get_by_label(&fr(l)).rect()))
            .collect();
        type_into(&mut h, label, text);
        h.run();
        for (l, before) in below {
            assert_eq!(
                h.get_by_label(&fr(&l)).rect(),
                before,
                "« {l} » moved while « {label} » was typed into"
            );
        }
    }
}

#[test]
fn an_amount_field_reached_by_tab_is_replaced_by_what_is_typed() {
    // Failed before: Tab into a field holding « 0,00 » left the cursor at its end, and « 80000 »
    // became « 0,0080000 ».
    let mut h = harness(Some("migration-secnumcloud.ron"));
    h.state_mut().doc.step = Step::Budget;
    h.run();
    tab_to(&mut h, "Montant TTC, ligne 1");
    h.get_by_label("Montant TTC, ligne 1").type_text("80000");
    h.run();
    leave_field(&mut h);
    assert_eq!(
        h.state().doc.dossier.budget.lines[0].amount_ttc.to_plain(),
        "80000.00"
    );
}

#[test]
fn the_status_says_modified_after_an_edit_and_a_new_dossier_starts_at_its_first_step() {
    // Failed before: « Ouvert : … » stayed after an edit (only the title said « modifié »), and
    // Ctrl+N kept the user on the step they were at.
    let mut h = harness(Some("combined.ron"));
    assert!(shows(&h, "Ouvert :"));
    type_into(&mut h, "Nom et prénom", "Camille Durand");
    leave_field(&mut h);
    assert!(shows(&h, "Modifié — pas encore enregistré"));
    assert!(!shows(&h, "Ouvert :"));
    h.state_mut().doc.step = Step::Review;
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    click(&mut h, "Ne pas enregistrer");
    assert_eq!(h.state().doc.step, Step::Applicant);
}

#[test]
fn no_step_of_a_new_dossier_says_done_before_it_is_visited() {
    // Failed before: a blank « Pièces jointes » (and « Hébergement cible » before a target was
    // chosen) said ✓ « Rien ne bloque » on a new dossier.
    let h = harness(None);
    assert!(shows(&h, "8. Pièces jointes : pas encore parcourue"));
    assert!(!shows(&h, "Rien ne bloque à cette étape"));
}

#[test]
fn two_untitled_windows_keep_their_own_autosave_and_each_is_offered_back() {
    // Failed before: every untitled window autosaved into the same `sans-titre.ron`, so two of
    // them overwrote each other's recovery.
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("autosave");
    let start = |step_secs: f32| {
        let options = dossier_cloud::ui::StartOptions {
            native_dialogs: Some(false),
            autosave: Some(dossier_cloud::storage::autosave::Autosave::in_dir(
                folder.clone(),
            )),
            ..Default::default()
        };
        let mut h = Harness::builder()
            .with_size([1440.0, 900.0])
            .with_step_dt(step_secs)
            .build_eframe(move |cc| {
                dossier_cloud::ui::App::new(cc, crate::common::knowledge().clone(), options)
            });
        h.run();
        h
    };
    let mut first = start(31.0);
    let mut second = start(31.0);
    for (h, name) in [
        (&mut first, "Camille Durand"),
        (&mut second, "Dominique Martin"),
    ] {
        type_into(h, "Nom et prénom", name);
        leave_field(h);
        h.run_steps(2);
    }
    let slots: Vec<_> = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    assert_eq!(slots.len(), 2, "{slots:?}");
    drop(first);
    drop(second); // Both die without saving.

    let mut names = Vec::new();
    let mut windows = Vec::new();
    for _ in 0..2 {
        let mut h = start(1.0 / 60.0);
        assert!(shows(&h, "Sauvegarde automatique plus récente"));
        click(&mut h, "Récupérer");
        names.push(h.state().doc.dossier.applicant.contact.name.clone());
        windows.push(h); // Kept open: the next window takes the other slot.
    }
    names.sort();
    assert_eq!(names, ["Camille Durand", "Dominique Martin"]);
}

#[test]
fn a_typed_attachment_path_is_read_and_hashed_like_a_chosen_one() {
    // Failed before: a path typed in the field got no SHA-256, though the step promises one.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("note de présentation.pdf");
    std::fs::write(&file, b"%PDF-1.4 note").expect("file");
    let mut h = harness(None);
    h.state_mut()
        .doc
        .dossier
        .attachments
        .push(dossier_cloud::domain::dossier::Attachment {
            name: "Note de présentation".into(),
            kind: dossier_cloud::domain::dossier::AttachmentKind::Other,
            file_name: String::new(),
            sha256: None,
            size: None,
        });
    h.state_mut().doc.step = Step::Attachments;
    h.run();
    let field = egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(field, "Fichier").focus();
    h.run();
    h.get_by_role_and_label(field, "Fichier")
        .type_text(file.to_str().expect("utf-8"));
    h.run();
    leave_field(&mut h);
    h.run();
    let att = &h.state().doc.dossier.attachments[0];
    assert_eq!(att.file_name, "note de présentation.pdf");
    assert_eq!(att.size, Some(13));
    assert_eq!(att.sha256.as_deref().map(str::len), Some(64));
}

#[test]
fn stacked_budget_lines_keep_their_column_names() {
    // Failed before: at 150 % or in a narrow window a line on four rows showed « 2027 » and
    // « 120 000,00 » with nothing saying which was the year and which the amount.
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/combined.ron")),
        [960.0, 1600.0],
    );
    h.ctx.set_zoom_factor(1.5);
    h.state_mut().doc.step = Step::Budget;
    h.run();
    h.run();
    let count = |h: &H, text: &str| {
        h.query_all_by(|n| {
            n.label().is_some_and(|l| l == text) || n.value().is_some_and(|v| v == text)
        })
        .count()
    };
    let years = count(&h, "Année");
    let amounts = count(&h, "Montant TTC (€)");
    assert!(
        years >= 1 && amounts >= 1,
        "{years} years, {amounts} amounts titled"
    );
    assert!(
        count(&h, "Catégorie") == 0,
        "the lines are stacked: no table header"
    );
}

#[test]
fn a_draft_open_in_another_window_is_read_or_copied_never_written_here() {
    // Failed before: the second window opened the draft as its own, and two colleagues on one
    // shared drive each saved over the other (the second save refused only if the file had
    // changed, and then with no name to ask).
    use dossier_cloud::storage::{Opening, lock};
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    let before = std::fs::read(&draft).expect("read");
    let Opening::Mine(other_window) = lock::open(&draft) else {
        panic!("the first window holds it");
    };
    let me = dossier_cloud::storage::Owner::me();

    let mut h = harness_on(Some(draft.clone()));
    let text = plain(&h.state().dialog_text().expect("a question"));
    assert!(
        text.contains("Dossier déjà ouvert") && text.contains(&me.name),
        "{text}"
    );
    assert!(shows(&h, "Ouvrir en lecture seule") && shows(&h, "Ouvrir une copie"));
    click(&mut h, "Ouvrir en lecture seule");
    assert!(
        h.state().title().contains("lecture seule"),
        "{}",
        h.state().title()
    );
    assert!(shows(&h, "Une seule fenêtre") || shows(&h, "Pour le modifier"));
    // Nothing typed goes in, « Enregistrer » asks for another name, and the file is untouched.
    let contact = h.state().doc.dossier.applicant.contact.name.clone();
    h.get_by_label(&fr("Nom et prénom")).focus();
    h.run();
    h.get_by_label(&fr("Nom et prénom")).type_text("Quelqu'un");
    h.run();
    assert_eq!(h.state().doc.dossier.applicant.contact.name, contact);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.run();
    assert_eq!(
        h.state().dialog_text().as_deref(),
        Some("Chemin du fichier"),
        "« Enregistrer » asks where to save a copy"
    );
    click(&mut h, "Annuler");
    assert_eq!(std::fs::read(&draft).expect("read"), before);

    // Closed there, tried again here: the draft is this window's.
    drop(other_window);
    click(&mut h, "Réessayer");
    assert!(
        !h.state().title().contains("lecture seule"),
        "{}",
        h.state().title()
    );
    type_into(&mut h, "Nom et prénom", "Camille Durand");
    leave_field(&mut h);
    assert_eq!(
        h.state().doc.dossier.applicant.contact.name,
        "Camille Durand"
    );
    // And now the other one is told.
    assert!(matches!(lock::open(&draft), Opening::Elsewhere(Some(_))));
}

#[test]
fn a_copy_of_a_held_draft_opens_untitled_with_its_content() {
    use dossier_cloud::storage::{Opening, lock};
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    let Opening::Mine(_other_window) = lock::open(&draft) else {
        panic!("the first window holds it");
    };
    let mut h = harness_on(Some(draft.clone()));
    click(&mut h, "Ouvrir une copie");
    assert!(h.state().path().is_none(), "a copy has no file yet");
    assert!(!h.state().doc.read_only());
    assert_eq!(
        h.state().doc.dossier,
        dossier_cloud::storage::load(&draft, &crate::common::knowledge().rules)
            .expect("opens")
            .parsed
            .dossier
    );
    assert!(shows(&h, "enregistrez-la sous un autre nom"));
}

#[test]
fn a_draft_left_open_by_a_stopped_session_is_taken_over_after_asking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    std::fs::write(
        dir.path().join(".combined.ron.ouvert"),
        "nom=Camille Durand\nposte=POSTE-42\ndepuis=2026-12-06T10:12:00+01:00\n",
    )
    .expect("owner file");
    let mut h = harness_on(Some(draft.clone()));
    let text = plain(&h.state().dialog_text().expect("a question"));
    assert!(
        text.contains("Dossier resté ouvert") && text.contains("Camille Durand sur POSTE-42"),
        "{text}"
    );
    h.state_mut().set_lang(dossier_cloud::i18n::Lang::En);
    h.run();
    assert!(shows(&h, "nobody is changing it any more"));
    click(&mut h, "Take it over");
    assert_eq!(h.state().path(), Some(draft.as_path()));
    assert!(!h.state().doc.read_only());
    let word = std::fs::read_to_string(dir.path().join(".combined.ron.ouvert")).expect("read");
    assert!(
        word.contains(&format!("processus={}", std::process::id())),
        "{word}"
    );
}

#[test]
fn a_large_spreadsheet_is_read_while_the_window_lives_and_can_be_cancelled() {
    // Failed before: the window read the spreadsheet on its own thread, frozen until the end
    // (and a reader that panicked took the window and the edits since the autosave with it).
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = dir.path().join("grand.csv");
    let mut text = String::from("Libellé;Catégorie;Année;Montant TTC\n");
    for i in 0..60_000 {
        writeln!(text, "Prestation {i};Prestations externes;2027;1 000,00").expect("text");
    }
    std::fs::write(&sheet, text).expect("sheet");
    // Tall: a budget line on two rows (its label whole) leaves fewer lines in view.
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/combined.ron")),
        [1440.0, 2400.0],
    );
    let before = h.state().doc.dossier.budget.lines.clone();
    h.state_mut().doc.step = Step::Budget;
    h.run();
    import_from(&mut h, &sheet);
    assert!(h.state().reading_spreadsheet(), "read on its own thread");
    assert!(shows(&h, "Lecture de « grand.csv »"));
    assert!(shows(&h, "cellule(s) lue(s)"));
    h.get_by_label("Annuler").click();
    h.step();
    h.run();
    assert!(!h.state().reading_spreadsheet());
    assert!(shows(&h, "Import annulé"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    h.run();
    assert!(
        !shows(&h, "ligne(s) lisible(s)"),
        "what the read gives is dropped"
    );
    assert_eq!(h.state().doc.dossier.budget.lines, before);

    // Read to its end, it gives its dialog.
    import_from(&mut h, &sheet);
    wait_for_the_spreadsheet(&mut h);
    assert!(shows(&h, "60 000 ligne(s) lisible(s)") || shows(&h, "60000 ligne(s) lisible(s)"));
}

#[test]
fn a_full_text_field_takes_nothing_more_and_says_so() {
    // Failed before: the field stopped at 5 000 characters without a word, the keys typed past
    // it lost as if the keyboard had failed.
    let mut h = harness(None);
    let long = "é".repeat(5_010);
    type_into(&mut h, "Nom et prénom", &long);
    assert_eq!(
        h.state().doc.dossier.applicant.contact.name.chars().count(),
        5_000
    );
    assert!(shows(&h, "Ce champ est plein : 5 000 caractères au plus"));
    h.state_mut().set_lang(dossier_cloud::i18n::Lang::En);
    h.run();
    h.get_by_label("Full name").type_text("x");
    h.run();
    assert!(shows(&h, "This field is full: 5 000 characters at most"));
}

#[test]
fn a_list_closes_on_the_keyboards_choice_and_gives_the_focus_back() {
    // Failed before: Enter picked the entry but left the list open; Escape out of the list
    // dropped the focus, and the next Tab started again from « Fichier ».
    let mut h = harness(Some("combined.ron"));
    h.state_mut().doc.step = Step::Budget;
    h.run();
    let label = "Catégorie, ligne 1";
    h.get_by_label(label).focus();
    h.run();
    for pick in [Key::Enter, Key::Space] {
        h.key_press(Key::Space);
        h.run();
        h.key_press(Key::ArrowDown);
        h.run();
        h.key_press(Key::ArrowDown);
        h.run();
        h.key_press(pick);
        h.run();
        assert!(
            !egui::Popup::is_any_open(&h.ctx),
            "{pick:?} closes the list"
        );
        assert_eq!(
            focused(&h),
            label,
            "{pick:?} gives the focus back to the list's box"
        );
    }
    assert_eq!(
        h.state().doc.dossier.budget.lines[0].category,
        dossier_cloud::domain::dossier::Category::InternalStaff
    );
    h.key_press(Key::Space);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(!egui::Popup::is_any_open(&h.ctx));
    assert_eq!(focused(&h), label, "Escape gives the focus back too");
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(focused(&h), "Année, ligne 1", "and Tab goes on from there");
}

#[test]
fn escape_out_of_the_calendar_gives_the_focus_back_to_its_button() {
    let mut h = harness(Some("combined.ron"));
    click(&mut h, "6. Calendrier : Rien ne bloque à cette étape");
    let button = "Premier impact réel, calendrier";
    h.get_by_label(button).focus();
    h.run();
    h.key_press(Key::Space);
    h.run();
    assert!(shows(&h, "octobre 2027"), "open");
    h.key_press(Key::Tab);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(!shows(&h, "octobre 2027"), "closed");
    assert_eq!(focused(&h), button);
}

#[test]
fn the_first_stop_skips_to_the_form_and_f6_too() {
    let mut h = harness(None);
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        focused(&h),
        "Aller au formulaire (F6)",
        "the window's first stop"
    );
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let first = focused(&h);
    assert!(
        first.starts_with("Guichet de financement") || first.starts_with("FTAP-2023"),
        "one key reaches the step's first field: {first}"
    );
    // From anywhere, F6 does the same, on the step shown.
    h.get_by_label_contains("5. Budget").click();
    h.run();
    h.get_by_label("Fichier").focus();
    h.run();
    h.key_press(Key::F6);
    h.run();
    h.run();
    let first = focused(&h);
    assert!(
        !first.is_empty()
            && !first.starts_with("9. Relecture")
            && !first.starts_with("Fichier")
            && first != "Resize panel",
        "{first}"
    );
}

#[test]
fn the_users_own_stopped_session_is_taken_over_without_a_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    let me = dossier_cloud::storage::Owner::me();
    std::fs::write(
        dir.path().join(".combined.ron.ouvert"),
        format!(
            "nom={}\nposte={}\ndepuis=2026-12-06T10:12:00+01:00\nprocessus=1\n",
            me.name, me.host
        ),
    )
    .expect("owner file");
    let h = harness_on(Some(draft.clone()));
    assert_eq!(h.state().dialog_text(), None);
    assert_eq!(h.state().path(), Some(draft.as_path()));
    assert!(!h.state().doc.read_only());
}

#[test]
fn the_hand_over_explains_itself_in_three_steps_and_keeps_the_technical_words_in_details() {
    // Failed before: the window asked for a « Description du formulaire (JSON) » and offered a
    // « GET https://… » button, with no word of what to do.
    let mut h = harness(Some("combined.ron"));
    click(&mut h, "Fichier");
    click(&mut h, "Déposer sur démarches-simplifiées…");
    assert!(shows(&h, "1. Récupérez le formulaire de la démarche"));
    assert!(shows(&h, "2. Vérifiez ce qui est rempli"));
    assert!(shows(
        &h,
        "3. « Envoyer » crée sur la plateforme un dossier prérempli"
    ));
    assert!(shows(&h, "Récupérer le formulaire de la démarche"));
    assert!(!shows(&h, "GET "), "no request shown by default");
    assert!(!shows(&h, "JSON"), "no file format shown by default");
    h.get_by_label_contains("Détails").click();
    h.run();
    assert!(shows(&h, "Demande faite à la plateforme : GET https://"));
    assert!(shows(&h, "Formulaire enregistré depuis le navigateur"));
}

#[test]
fn the_glossary_lists_the_acronyms_with_their_meaning() {
    let mut h = harness(None);
    click(&mut h, "Aide");
    click(&mut h, "Glossaire des sigles…");
    assert!(shows(&h, "module matériel de sécurité"));
    assert!(shows(&h, "durée maximale admise pour rétablir un service"));
}

#[test]
fn a_new_budget_line_is_checked_once_left_not_as_soon_as_added() {
    // Failed before: « + Ajouter une ligne » on a finished budget brought, at once, a
    // finding for the label not given and one for the amount at 0 €, before the user could
    // type anything.
    // Tall: a budget line on two rows (its label whole) leaves fewer lines in view.
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/combined.ron")),
        [1440.0, 2400.0],
    );
    h.state_mut().doc.step = Step::Budget;
    h.run();
    let n = h.state().doc.dossier.budget.lines.len() + 1;
    h.get_by_label("+ Ajouter une ligne").click();
    // The table scrolls to the new line: more frames than `run` allows.
    h.run_steps(16);
    let seen = h.state().doc.seen();
    let open_on_the_line: Vec<_> = h
        .state()
        .doc
        .evaluation
        .findings
        .iter()
        .filter(|f| {
            f.field
                .as_deref()
                .is_some_and(|p| p.starts_with(&format!("budget.lines[{}]", n - 1)))
        })
        .map(|f| (f.outcome.clone(), seen.shown(f)))
        .collect();
    assert!(
        !open_on_the_line.is_empty(),
        "the line lacks its label and amount"
    );
    assert!(
        open_on_the_line
            .iter()
            .all(|(_, s)| *s == dossier_cloud::ui::seen::Shown::ToFill),
        "only « à compléter » while the user is in it: {open_on_the_line:?}"
    );
    assert_eq!(
        focused(&h),
        format!("Libellé, ligne {n}"),
        "the focus is in the new line"
    );
    // Left without being filled: now it is said.
    h.get_by_label("Taux demandé (%)").focus();
    h.run();
    let seen = h.state().doc.seen();
    assert!(
        h.state().doc.evaluation.findings.iter().any(|f| {
            f.field.as_deref() == Some(&format!("budget.lines[{}].amount_ttc", n - 1))
                && seen.shown(f) != dossier_cloud::ui::seen::Shown::ToFill
        }),
        "once left, the zero amount is a finding like any"
    );
}

#[test]
fn a_wrong_email_is_said_under_its_field_once_left_and_nothing_moves_while_typing() {
    // Failed before: a wrong address was reported at the top of the step, its field not
    // outlined, in colour only.
    let mut h = harness(Some("combined.ron"));
    let phone_before = h.get_by_label("Téléphone").rect();
    h.get_by_label("Adresse électronique").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Adresse électronique")
        .type_text("as.lefevre-operateur.gouv.fr");
    h.run();
    assert_eq!(
        h.get_by_label("Téléphone").rect(),
        phone_before,
        "nothing moves while the user types"
    );
    assert!(!shows(&h, "Erreur : "), "not while the field has the focus");
    leave_field(&mut h);
    assert!(
        shows(&h, "Erreur : "),
        "said in words under the field once left"
    );
    let field = h.get_by_label("Adresse électronique").rect();
    let error_rect = h
        .query_all_by(|n| {
            [n.label(), n.value()]
                .into_iter()
                .flatten()
                .any(|t| plain(&t).starts_with("Erreur : "))
        })
        .map(|n| n.rect())
        .filter(|r| r.min.y >= field.max.y)
        .min_by(|a, b| a.min.y.total_cmp(&b.min.y))
        .expect("a message below the field");
    assert!(
        error_rect.min.y >= field.max.y && error_rect.min.y - field.max.y < 20.0,
        "right under its field: {field:?} {error_rect:?}"
    );
}

#[test]
fn the_live_panel_folds_to_a_narrow_column_and_unfolds() {
    let mut h = harness(Some("combined.ron"));
    let field = h.get_by_label("Ministère").rect();
    click(&mut h, "Replier ▸");
    assert!(shows(&h, "615 600,00 €"), "the estimate stays in view");
    assert!(shows(&h, "Rien ne bloque"), "and the dossier's status");
    assert!(!shows(&h, "Total déclaré"), "the details are folded");
    let wider = h.get_by_label("Ministère").rect();
    assert!(
        wider.width() >= field.width(),
        "the form has the room: {field:?} → {wider:?}"
    );
    click(&mut h, "◂ Déplier le panneau");
    assert!(shows(&h, "Total déclaré"));
}

#[test]
fn escape_closes_a_question_as_its_cancel_does() {
    // Failed before: Escape left the question open and took the focus away from its buttons.
    use dossier_cloud::storage::{Opening, lock};
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    let Opening::Mine(_other_window) = lock::open(&draft) else {
        panic!("the first window holds it");
    };
    let mut h = harness_on(Some(draft));
    assert!(h.state().dialog_text().is_some());
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().dialog_text(), None);
    assert!(
        h.state().path().is_none(),
        "nothing opened, as with « Annuler »"
    );
}

#[test]
fn a_budget_label_has_room_to_be_read_at_1440_px() {
    // Failed before: at 1440 × 900 with the panel open, the label column was 190 px wide and two
    // lines both read « Chefferie de projet ir ». A line that cannot give its label 300 px on
    // one row now puts it whole on a row of its own.
    let mut h = harness(Some("combined.ron"));
    h.state_mut().doc.step = Step::Budget;
    h.run();
    for n in [1, 2] {
        let field = h.get_by_label(&format!("Libellé, ligne {n}")).rect();
        assert!(field.width() >= 300.0, "line {n}: {field:?}");
    }
    // The category beside its amount, under the label.
    let label = h.get_by_label("Libellé, ligne 1").rect();
    let amount = h.get_by_label("Montant TTC, ligne 1").rect();
    assert!(amount.min.y > label.max.y, "{label:?} {amount:?}");
}

#[test]
fn the_draft_this_window_holds_opens_again_here_not_as_another_windows() {
    // Found by review: choosing the open draft again (« Fichiers récents ») found its own lock,
    // said « déjà ouvert », and « lecture seule » then let the lock go.
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    let mut h = harness_on(Some(draft.clone()));
    assert_eq!(h.state().path(), Some(draft.as_path()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Chemin du fichier")
        .type_text(draft.to_str().expect("utf-8"));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().dialog_text(), None);
    assert!(!h.state().doc.read_only());
    assert!(
        matches!(
            dossier_cloud::storage::lock::open(&draft),
            dossier_cloud::storage::Opening::Elsewhere(Some(_))
        ),
        "still held by this window"
    );
}

/// Picks every entry of a drop-down list in turn, and checks after two more frames that the
/// dossier holds it and the list's box still says it.
fn every_entry_sticks<C: dossier_cloud::domain::Choice + PartialEq + std::fmt::Debug + Copy>(
    h: &mut H,
    combo: &str,
    all: &[C],
    held: impl Fn(&H) -> Option<C>,
) {
    let tr = dossier_cloud::i18n::texts(dossier_cloud::i18n::Lang::Fr);
    for choice in all {
        let label = tr.choice(*choice);
        pick(h, combo, label);
        h.run();
        h.run();
        assert_eq!(held(h), Some(*choice), "{combo}: « {label} » stays chosen");
        assert!(
            h.get_by_label(&fr(combo))
                .value()
                .is_some_and(|v| plain(&v) == plain(label)),
            "{combo}: the box says « {label} »"
        );
    }
}

#[test]
fn every_entry_of_every_list_stays_chosen() {
    // The lists of the application and of the budget (the target's offer list has its own
    // test above): each entry picked is still the one chosen two frames later.
    use dossier_cloud::domain::Choice as _;
    use dossier_cloud::domain::dossier::{Category, Criticality, Origin, Sensitivity};
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/migration-secnumcloud.ron")),
        [1440.0, 2400.0],
    );
    // One application, so that each list's name is its own.
    if let Operation::Migration { applications } = &mut h.state_mut().doc.dossier.operations[0] {
        applications.truncate(1);
    }
    h.state_mut().doc.step = Step::Applications;
    h.run();
    let app = |h: &H| match &h.state().doc.dossier.operations[0] {
        Operation::Migration { applications } => applications[0].clone(),
        Operation::Extension(_) => panic!("a migration"),
    };
    every_entry_sticks(&mut h, "Sensibilité des données", Sensitivity::ALL, |h| {
        app(h).data_sensitivity
    });
    every_entry_sticks(&mut h, "Hébergement d'origine", Origin::ALL, |h| {
        app(h).origin
    });
    every_entry_sticks(&mut h, "Criticité", Criticality::ALL, |h| {
        app(h).criticality
    });
    h.state_mut().doc.step = Step::Budget;
    h.run();
    every_entry_sticks(&mut h, "Catégorie, ligne 1", Category::ALL, |h| {
        Some(h.state().doc.dossier.budget.lines[0].category)
    });
}

#[test]
fn a_signed_dossier_is_followed_on_its_own_step_with_statuses_in_words() {
    // Unsigned: no « Suivi » among the steps.
    let h = harness(Some("combined.ron"));
    assert!(h.query_by_label_contains("10. Suivi").is_none());
    // Signed: the tenth step, reached from the review by « Suivant ».
    let mut h = harness(Some("suivi-migration.ron"));
    h.state_mut().doc.step = Step::Review;
    h.run();
    assert!(h.query_by_label_contains("10. Suivi").is_some());
    assert!(tab_to_containing(
        &mut h,
        "Suivant : Suivi",
        Modifiers::NONE
    ));
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().doc.step, Step::Follow);
    // The report at a date (today's unless another is typed): the same figures as
    // `dossier-cloud report`, said in words.
    assert!(shows(&h, "Après l’attribution"));
    type_into(&mut h, "Rapport au", "06/12/2026");
    h.key_press(Key::Tab);
    h.run();
    assert!(shows(&h, "Le rapport de suivi au 06/12/2026"));
    assert!(shows(
        &h,
        &fr(
            "Engagement signé le 16/12/2024 — cofinancement accordé : 232 450,00 € — référence FTAP-2024-042"
        )
    ));
    assert!(shows(&h, "en cours — écart à expliquer"));
    assert!(shows(&h, "non atteinte"));
    assert!(shows(&h, "en retard"));
    assert!(shows(&h, "atteint le 12/06/2025"));
    assert!(shows(&h, "Ce que le suivi signale"));
}

#[test]
fn the_commitment_is_recorded_from_the_review_then_the_application_reads_and_an_amendment_keeps_it()
{
    let mut h = harness(Some("migration-secnumcloud.ron"));
    h.state_mut().doc.step = Step::Review;
    h.run();
    click(&mut h, "Engagement signé…");
    // Prefilled from the dossier as filed.
    assert!(shows(&h, "Le plan par année, tel que signé"));
    type_into(&mut h, "Signé le", "16/12/2026");
    type_into(&mut h, "Référence", "FTAP-2026-042");
    type_into(&mut h, "Cofinancement accordé", "200 000");
    click(&mut h, "+ Ajouter un versement");
    type_into(&mut h, "Montant du versement 1", "80 000");
    type_into(&mut h, "Condition du versement 1", "à la signature");
    click(&mut h, "Valider l’engagement");
    h.run();
    let c = h.state().doc.dossier.commitment.clone().expect("recorded");
    assert_eq!(c.signed.to_fr(), "16/12/2026");
    assert_eq!(c.reference, "FTAP-2026-042");
    assert_eq!(c.granted.to_plain(), "200000.00");
    assert_eq!(c.payments.len(), 1);
    assert_eq!(c.payments[0].amount.to_plain(), "80000.00");
    assert_eq!(
        c.payments[0].date.to_fr(),
        "16/12/2026",
        "the first one on the signing day"
    );
    assert_eq!(
        c.milestones.len(),
        2,
        "first impact and end, from the schedule"
    );
    assert_eq!(h.state().doc.step, Step::Follow);
    assert!(shows(&h, "Engagement validé"));
    assert!(
        h.state().is_dirty(),
        "not saved yet: the title and the status say so"
    );

    // The application now reads: its steps say why, and what would change it is refused.
    h.state_mut().doc.step = Step::Budget;
    h.run();
    assert!(shows(&h, "la demande ne se modifie plus"));
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(&h.get_by_label(&fr("Taux demandé (%)")))
            .is_disabled()
    );

    // An amendment: a reason is asked, the commitment before is kept.
    h.state_mut().doc.step = Step::Review;
    h.run();
    click(&mut h, "Avenant…");
    type_into(&mut h, "Cofinancement accordé", "180 000");
    click(&mut h, "Valider l’avenant");
    assert_eq!(
        h.state().dialog_text().as_deref(),
        Some("Donnez la raison de l’avenant.")
    );
    type_into(&mut h, "Raison", "Périmètre réduit");
    click(&mut h, "Valider l’avenant");
    h.run();
    let c = h.state().doc.dossier.commitment.clone().expect("amended");
    assert_eq!(c.granted.to_plain(), "180000.00");
    assert_eq!(c.amendments.len(), 1);
    assert_eq!(c.amendments[0].reason, "Périmètre réduit");
    assert_eq!(c.amendments[0].previous.granted.to_plain(), "200000.00");
    // Compared with the commitment before, in « Ce qui a changé ».
    assert_eq!(h.state().doc.step, Step::Follow);
    press_button(&mut h, "Comparer avec l’engagement d’avant l’avenant");
    assert!(shows(&h, "Cofinancement accordé"), "the change named");
    assert!(shows(&h, "200 000,00 €") && shows(&h, "180 000,00 €"));

    // Undo takes the amendment back, then the signing.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .doc
            .dossier
            .commitment
            .as_ref()
            .map(|c| c.granted.to_plain()),
        Some("200000.00".to_owned())
    );
}

#[test]
fn an_amendment_changes_a_target_and_the_report_follows_the_new_one() {
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/suivi-migration.ron")),
        [1440.0, 2400.0],
    );
    h.state_mut().doc.step = Step::Follow;
    h.run();
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Avenant…").click();
    h.run();
    // The targets as signed, each editable: the 2025 savings target brought down to 12 000 €.
    type_into(&mut h, "Économies — cible 1, valeur", "12 000");
    type_into(&mut h, "Raison", "Cible revue à la revue de projet");
    press_button(&mut h, "Valider l’avenant");
    let c = h.state().doc.dossier.commitment.clone().expect("amended");
    assert_eq!(c.indicators.savings.targets[0].value.to_plain(), "12000.00");
    assert_eq!(
        c.amendments[0].previous.indicators.savings.targets[0]
            .value
            .to_plain(),
        "45000.00",
        "the target before, kept"
    );
    assert_eq!(
        h.state().doc.dossier.indicators.savings.targets[0]
            .value
            .to_plain(),
        "45000.00",
        "the application as filed is untouched"
    );
    // The report compares the measure with the amended target: met now.
    let rules = crate::common::knowledge()
        .rules
        .window("FTAP-2023")
        .expect("window");
    let at = dossier_cloud::domain::Date::from_ymd(2026, 12, 6).expect("date");
    let report =
        dossier_cloud::domain::report::report(&h.state().doc.dossier, rules, at).expect("signed");
    let first = &report.indicators[0];
    assert_eq!(
        (first.indicator.as_str(), first.target.as_str()),
        ("savings", "12000.00")
    );
    assert_eq!(
        first.status,
        dossier_cloud::domain::report::TargetStatus::Met
    );
}

#[test]
fn what_happens_is_entered_by_keyboard_in_the_follow_up_and_the_report_follows() {
    let mut h = harness(Some("suivi-migration.ron"));
    h.state_mut().doc.step = Step::Follow;
    h.run();
    type_into(&mut h, "Rapport au", "06/12/2026");
    h.key_press(Key::Tab);
    h.run();
    press_button(&mut h, "Dépenses");
    let before = h.state().doc.dossier.tracking.spending.len();
    press_button(&mut h, "+ Ajouter une dépense");
    let n = before + 1;
    assert_eq!(h.state().doc.dossier.tracking.spending.len(), n, "added");
    // The new entry's date takes the focus; its fields follow by Tab.
    assert!(
        h.get_by_label(&format!("Date de la dépense {n}"))
            .is_focused()
    );
    type_into(&mut h, &format!("Date de la dépense {n}"), "01/12/2026");
    type_into(&mut h, &format!("Montant TTC de la dépense {n}"), "10 000");
    type_into(
        &mut h,
        &format!("Libellé de la dépense {n}"),
        "Migration et recette, lot 4",
    );
    type_into(
        &mut h,
        &format!("N° d’engagement de la dépense {n}"),
        "EJ 2100010002",
    );
    h.key_press(Key::Tab);
    h.run();
    let added = h
        .state()
        .doc
        .dossier
        .tracking
        .spending
        .last()
        .cloned()
        .expect("added");
    assert_eq!(added.date.to_fr(), "01/12/2026");
    assert_eq!(added.amount_ttc.to_plain(), "10000.00");
    assert_eq!(added.label, "Migration et recette, lot 4");
    assert_eq!(added.reference, "EJ 2100010002");
    // The milestone late in the report is marked reached.
    press_button(&mut h, "Jalons");
    press_button(&mut h, "+ Marquer un jalon atteint");
    type_into(&mut h, "Date du jalon atteint 2", "15/04/2026");
    h.key_press(Key::Tab);
    h.run();
    let reached = h
        .state()
        .doc
        .dossier
        .tracking
        .milestones
        .last()
        .cloned()
        .expect("marked");
    assert_eq!(
        reached.name, "Recette de la seconde application",
        "the first one not marked"
    );
    // The report reads what was entered.
    press_button(&mut h, "Rapport");
    assert!(shows(&h, "atteint le 15/04/2026"));
    assert!(!shows(&h, "en retard"));
    assert!(
        shows(&h, "84 500,00 €"),
        "2026's spending in the base, with the new one"
    );
    // And a removal, by its named button.
    press_button(&mut h, "Dépenses");
    press_button(&mut h, &format!("Retirer la dépense {n}"));
    assert_eq!(h.state().doc.dossier.tracking.spending.len(), before);
}

#[test]
fn an_accounting_export_is_imported_into_the_spending_through_the_mapping_dialog() {
    let mut h = harness(Some("suivi-migration.ron"));
    h.state_mut().doc.step = Step::Follow;
    h.run();
    press_button(&mut h, "Dépenses");
    let before = h.state().doc.dossier.tracking.spending.clone();
    let budget = h.state().doc.dossier.budget.clone();
    let sheet = crate::common::root().join("tests/corpus/import/depenses-chorus.csv");
    import_from(&mut h, &sheet);
    wait_for_the_spreadsheet(&mut h);
    // The dialog speaks of spending: its columns guessed from the export's titles (the amount
    // TTC, not HT), the rows set aside each with why.
    assert!(shows(&h, "Importer des dépenses"));
    assert!(shows(&h, "F — Montant TTC"));
    assert!(shows(
        &h,
        "5 ligne(s) lisible(s), 5 ligne(s) écartée(s), 1 ligne(s) vide(s) ignorée(s)"
    ));
    assert!(shows(&h, "Ligne 8 : date vide"));
    assert!(shows(&h, "Lot 1 : migration des bases"));
    assert_eq!(
        h.state().doc.dossier.tracking.spending,
        before,
        "nothing yet"
    );
    press_button(&mut h, "Importer 5 ligne(s)");
    let spending = &h.state().doc.dossier.tracking.spending;
    assert_eq!(spending.len(), before.len() + 5);
    assert_eq!(spending[before.len()].reference, "2103456789");
    assert_eq!(spending[before.len()].amount_ttc.to_plain(), "120000.00");
    assert_eq!(h.state().doc.dossier.budget, budget, "the budget as signed");
    assert_eq!(h.state().doc.step, Step::Follow);
    assert!(shows(
        &h,
        "5 dépense(s) importée(s) depuis depenses-chorus.csv"
    ));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.dossier.tracking.spending,
        before,
        "one undo takes the whole import back"
    );
}

#[test]
fn the_follow_up_shows_the_platform_s_answers_as_a_dated_timeline() {
    let mut h = harness(Some("suivi-migration.ron"));
    h.state_mut().doc.step = Step::Follow;
    h.run();
    assert!(shows(&h, "Sur la plateforme"));
    assert!(shows(
        &h,
        "Prérempli et remis à https://www.demarches-simplifiees.fr : dossier n°21877412."
    ));
    let instruction = format!(
        "Repris sur la plateforme : en instruction. Déposé le {}.",
        dossier_cloud::present::local_date_time("2024-10-04T16:20:00+02:00")
    );
    assert!(shows(&h, &instruction), "{instruction}");
    assert!(shows(&h, "Repris sur la plateforme : accepté."));
    // Asking again is a button's, which says what it asks (tests/send.rs presses it against a
    // local server): nothing is asked by showing the step.
    assert!(shows(&h, "Demander l’état à la plateforme"));
    assert!(!h.state().asking_platform());
}

#[test]
fn a_rule_s_many_findings_show_ten_then_the_rest_on_request() {
    // Tall: the findings come after the report's tables.
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/suivi-migration.ron")),
        [1440.0, 8000.0],
    );
    // Twenty more spending in an excluded category: one advisory each.
    let excluded = h
        .state()
        .doc
        .dossier
        .tracking
        .spending
        .iter()
        .find(|s| s.label == "Licences de l'outil de supervision")
        .cloned()
        .expect("the example's excluded spending");
    let mut spending = excluded.clone();
    spending.date = dossier_cloud::domain::Date::from_ymd(2026, 3, 1).expect("date");
    h.state_mut()
        .doc
        .dossier
        .tracking
        .spending
        .extend(std::iter::repeat_n(spending, 20));
    h.state_mut().doc.step = Step::Follow;
    h.run();
    type_into(&mut h, "Rapport au", "06/12/2026");
    h.key_press(Key::Tab);
    h.run();
    let excluded_said = |h: &H| {
        h.query_all_by(|n| {
            n.role() == egui::accesskit::Role::Label
                && n.label()
                    .or_else(|| n.value())
                    .is_some_and(|l| plain(&l).contains("relève de la catégorie"))
        })
        .count()
    };
    // The example's two, then the twenty: ten shown, the rest a press away.
    assert_eq!(excluded_said(&h), 10);
    press_button(
        &mut h,
        "Afficher les 12 autre(s) constat(s) (au-delà de dix par règle)",
    );
    assert_eq!(excluded_said(&h), 22);
}

#[test]
fn on_the_follow_up_the_live_panel_follows_the_commitment() {
    let mut h = harness(Some("suivi-migration.ron"));
    h.state_mut().doc.step = Step::Budget;
    h.run();
    assert!(
        shows(&h, "Estimation du cofinancement"),
        "the application's steps estimate"
    );
    h.state_mut().doc.step = Step::Follow;
    h.run();
    type_into(&mut h, "Rapport au", "06/12/2026");
    h.key_press(Key::Tab);
    h.run();
    assert!(shows(&h, "Suivi de l’engagement"));
    assert!(!shows(&h, "Estimation du cofinancement"));
    assert!(shows(&h, "Au 06/12/2026, date du rapport"));
    assert!(shows(&h, "162 735,00 € sur 209 225,00 € prévus à ce jour"));
    assert!(shows(&h, "12 000,00 € sur 15 000,00 € engagées"));
    assert!(shows(&h, "5 alerte(s) à vérifier"));
    // Another date: the panel follows it (nothing received yet at the end of 2024).
    type_into(&mut h, "Rapport au", "31/12/2024");
    h.key_press(Key::Tab);
    h.run();
    assert!(shows(&h, "Au 31/12/2024, date du rapport"));
    assert!(shows(&h, "0,00 € sur 0,00 € prévus à ce jour"), "received");
    assert!(!shows(&h, "162 735,00 €"));
}

#[test]
fn the_keyboard_s_focus_below_the_fold_is_scrolled_into_view() {
    let mut h = crate::common::harness_sized(
        Some(crate::common::root().join("examples/suivi-migration.ron")),
        [1440.0, 900.0],
    );
    h.state_mut().doc.step = Step::Follow;
    h.run();
    press_button(&mut h, "Dépenses");
    let field = "N° d’engagement de la dépense 10";
    let below = h.get_by_label(field).rect();
    assert!(below.top() > 900.0, "below the fold at first: {below:?}");
    // Tab from the field before it: egui moves the focus, the step scrolls to it.
    h.get_by_label("Libellé de la dépense 10").focus();
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label(field).is_focused());
    let shown = h.get_by_label(field).rect();
    assert!(
        shown.top() >= 0.0 && shown.bottom() <= 900.0,
        "in view once focused: {shown:?}"
    );
}

/// A button reached by the keyboard (its focus, then Enter), as below the fold.
fn press_button(h: &mut H, label: &str) {
    h.get_by_label(&fr(label)).focus();
    h.run();
    h.key_press(Key::Enter);
    h.run_steps(2);
}

#[test]
fn the_progress_report_is_exported_from_the_follow_up_at_the_date_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(Some("suivi-migration.ron"));
    h.state_mut().doc.step = Step::Follow;
    h.run();
    type_into(&mut h, "Rapport au", "06/12/2026");
    h.key_press(Key::Tab);
    h.run();
    click(&mut h, "Exporter le rapport de suivi…");
    let out = dir.path().join("revue");
    type_into(
        &mut h,
        "Dossier de destination",
        out.to_str().expect("utf-8"),
    );
    click(&mut h, "Valider");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !out.join("manifest.json").exists() || h.state().dialog_text().is_none() {
        assert!(std::time::Instant::now() < deadline, "the report written");
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run();
    }
    h.run();
    assert!(shows(&h, "suivi.xlsx"), "the files written are listed");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("suivi.json")).expect("json"))
            .expect("JSON");
    assert_eq!(json["at"], "2026-12-06", "the date shown, not today's");
}

#[test]
fn a_long_spending_list_goes_by_pages_of_a_hundred_the_last_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut d = crate::common::example("suivi-migration.ron");
    let one = d.tracking.spending[1].clone();
    d.tracking.spending = vec![one; 250];
    let file = crate::common::draft_in(dir.path(), "long.ron", &d);
    let mut h = crate::common::harness_sized(Some(file), [1440.0, 4000.0]);
    h.state_mut().doc.step = Step::Follow;
    h.run();
    press_button(&mut h, "Dépenses");
    assert!(
        shows(&h, "Entrées 201 à 250 sur 250"),
        "the last page, where entries are added"
    );
    assert!(h.query_by_label("Montant TTC de la dépense 250").is_some());
    assert!(h.query_by_label("Montant TTC de la dépense 1").is_none());
    press_button(&mut h, "← Précédentes");
    assert!(shows(&h, "Entrées 101 à 200 sur 250"));
    assert!(h.query_by_label("Montant TTC de la dépense 101").is_some());
    // A new entry shows the page that holds it.
    press_button(&mut h, "+ Ajouter une dépense");
    assert!(shows(&h, "Entrées 201 à 251 sur 251"));
    assert!(h.get_by_label("Date de la dépense 251").is_focused());
}

#[test]
fn a_savings_evidence_is_a_file_recorded_with_its_sha256() {
    let dir = tempfile::tempdir().expect("tempdir");
    let proof = dir.path().join("résiliation.pdf");
    std::fs::write(&proof, b"%PDF-1.4 courrier").expect("write");
    let mut h = harness(Some("suivi-migration.ron"));
    h.state_mut().doc.step = Step::Follow;
    h.run();
    // The tab (the report below has a section of that name too).
    h.query_all_by_label("Économies")
        .next()
        .expect("the tab")
        .focus();
    h.run();
    h.key_press(Key::Enter);
    h.run_steps(2);
    press_button(&mut h, "Joindre un fichier au justificatif des économies 1");
    type_into(&mut h, "Chemin du fichier", proof.to_str().expect("utf-8"));
    click(&mut h, "Valider");
    let evidence = h.state().doc.dossier.tracking.savings[0].evidence.clone();
    let digest = dossier_cloud::storage::attachment_digest(&proof)
        .expect("digest")
        .1;
    assert_eq!(evidence, format!("résiliation.pdf (SHA-256 {digest})"));
}
