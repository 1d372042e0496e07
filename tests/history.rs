//! Every export kept (issue 15): a read-only copy of the exported `dossier.json` and
//! `manifest.json` beside the draft (`NAME.history/`), or in the per-user data folder when the
//! draft's folder cannot take it; listed newest first with status, cofunding and blocking
//! findings; an unreadable entry listed as such; a history that cannot be written never fails
//! the export.

use std::path::Path;

use dossier_cloud::storage::history::{self, History};
use rust_decimal::Decimal;

use crate::common::{example_copy, plain, run, run_env};

fn export(draft: &Path, out: &Path, env: &[(&str, &Path)]) -> crate::common::Run {
    run_env(
        &crate::common::root(),
        &[
            "export",
            draft.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ],
        env,
    )
}

#[cfg(feature = "gui")]
/// The window on a draft, keeping each export in its history.
fn keeping_versions(
    draft: &Path,
    size: [f32; 2],
) -> egui_kittest::Harness<'static, dossier_cloud::ui::App> {
    let options = dossier_cloud::ui::StartOptions {
        file: Some(draft.to_owned()),
        native_dialogs: Some(false),
        history: true,
        ..Default::default()
    };
    crate::common::harness_with(options, size)
}

fn beside(draft: &Path) -> History {
    History {
        dir: draft.with_file_name("combined.history"),
        per_user: false,
    }
}

#[test]
fn each_export_keeps_a_read_only_version_beside_the_draft_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "combined.ron");
    let first = export(&draft, &dir.path().join("pack1"), &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        plain(&first.stdout).contains("Version gardée : "),
        "{}",
        first.stdout
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // The second export is a draft: a blocking finding.
    let mut d = dossier_cloud::storage::load(&draft, &crate::common::knowledge().rules)
        .expect("draft")
        .parsed
        .dossier;
    d.project.title.clear();
    dossier_cloud::storage::save(
        &draft,
        &d,
        None,
        dossier_cloud::storage::Overwrite::Chosen,
        &crate::common::knowledge().rules,
    )
    .expect("saved");
    let second = export(&draft, &dir.path().join("pack2"), &[]);
    assert_eq!(second.code, 1, "{}", second.stderr);

    let entries = history::entries(&[beside(&draft)]);
    assert_eq!(entries.len(), 2, "{entries:?}");
    let (newest, oldest) = (&entries[0], &entries[1]);
    assert!(newest.kept_at > oldest.kept_at);
    let (n, o) = (
        newest.summary.as_ref().expect("readable"),
        oldest.summary.as_ref().expect("readable"),
    );
    assert!(n.draft && n.blocking >= 1 && n.title.is_empty());
    assert!(!o.draft && o.blocking == 0);
    let check = run(&[
        "check",
        dir.path()
            .join("pack1/dossier.json")
            .to_str()
            .expect("utf-8"),
        "--format",
        "json",
    ]);
    let check: serde_json::Value = serde_json::from_str(&check.stdout).expect("json");
    let cofunding: Decimal = check["estimate"]["cofunding"]
        .as_str()
        .expect("cofunding")
        .parse()
        .expect("decimal");
    assert_eq!(o.cofunding, cofunding);
    for name in history::KEPT_FILES {
        let kept = oldest.dir.join(name);
        assert_eq!(
            std::fs::read(&kept).expect("kept"),
            std::fs::read(dir.path().join("pack1").join(name)).expect("exported"),
            "{name} as exported"
        );
        assert!(
            std::fs::metadata(&kept)
                .expect("meta")
                .permissions()
                .readonly(),
            "{name} read-only"
        );
    }
    // A version opens as a dossier.
    assert!(
        dossier_cloud::storage::load(&oldest.dossier_file(), &crate::common::knowledge().rules)
            .is_ok()
    );
}

#[test]
fn an_entry_that_cannot_be_read_is_listed_as_unreadable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "combined.ron");
    assert_eq!(export(&draft, &dir.path().join("pack"), &[]).code, 0);
    let broken = beside(&draft).dir.join("2020-01-01T00-00-00Z");
    std::fs::create_dir_all(&broken).expect("folder");
    std::fs::write(broken.join("dossier.json"), "{ tronqué").expect("write");
    let entries = history::entries(&[beside(&draft)]);
    assert_eq!(entries.len(), 2);
    let last = &entries[1];
    assert_eq!(last.kept_at, "2020-01-01T00:00:00Z");
    let why = last.summary.as_ref().expect_err("unreadable");
    assert!(why.to_string().contains("dossier.json"), "{why}");
    // Said in the interface's language (failed before: the English window showed the French
    // sentence the history had made).
    let english = dossier_cloud::i18n::texts(dossier_cloud::i18n::Lang::En).summary_error(why);
    assert!(english.contains("dossier.json"), "{english}");
    let nowhere = history::KeepError { tries: Vec::new() };
    assert_eq!(
        dossier_cloud::i18n::texts(dossier_cloud::i18n::Lang::En).keep_error(&nowhere),
        "no folder to keep it in"
    );
    assert_eq!(nowhere.to_string(), "aucun dossier où la garder");
}

#[test]
fn a_draft_folder_that_cannot_take_it_falls_back_to_the_user_folder_and_never_fails_the_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "combined.ron");
    // Something that is not a folder stands where the history would go.
    std::fs::write(draft.with_file_name("combined.history"), "pas un dossier").expect("file");
    let data = dir.path().join("data");
    let out = export(
        &draft,
        &dir.path().join("pack"),
        &[("XDG_DATA_HOME", &data)],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        plain(&out.stdout).contains("Version gardée dans le dossier de l'utilisateur"),
        "{}",
        out.stdout
    );
    let kept = std::fs::read_dir(data.join("dossier-cloud/history"))
        .expect("per-user history")
        .count();
    assert_eq!(kept, 1);

    // Neither can: the export is written all the same, and the warning says why.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "pas un dossier").expect("file");
    let out = export(
        &draft,
        &dir.path().join("pack2"),
        &[("XDG_DATA_HOME", &blocked)],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(dir.path().join("pack2/manifest.json").exists());
    assert!(
        plain(&out.stderr).contains("sa version n'a pas pu être gardée"),
        "{}",
        out.stderr
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_window_keeps_the_version_and_says_where() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "combined.ron");
    let mut h = keeping_versions(&draft, [1440.0, 2400.0]);
    crate::common::start_export_in_window(&mut h, &dir.path().join("pack"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.query_by_label_contains("Version gardée").is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the export and its version"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run();
    }
    assert_eq!(history::entries(&[beside(&draft)]).len(), 1);
}

#[cfg(feature = "gui")]
#[test]
fn the_history_lists_the_versions_and_compares_one_with_the_dossier_shown() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "combined.ron");
    assert_eq!(export(&draft, &dir.path().join("pack"), &[]).code, 0);
    let mut h = keeping_versions(&draft, [1440.0, 2400.0]);
    // What is on screen now asks 40 % instead of 45 %.
    h.state_mut().doc.dossier.budget.requested_rate =
        Some(dossier_cloud::domain::Rate::parse_percent_fr("40").expect("rate"));
    h.run();
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Historique des versions…").click();
    h.run();
    assert!(
        h.query_by_label_contains("615").is_some(),
        "the version's cofunding"
    );
    assert!(h.query_by_label("prêt").is_some());
    h.get_by_label("Comparer avec le dossier affiché").click();
    h.run();
    assert!(h.query_by_label_contains("la version du").is_some());
    {
        use egui_kittest::kittest::NodeT as _;
        let text = h
            .query_all_by(|n| {
                let text = n.label().or_else(|| n.value()).unwrap_or_default();
                text.starts_with("Taux de cofinancement demandé") && text.contains('→')
            })
            .next()
            .map(|n| {
                let node = n.accesskit_node();
                node.label().or_else(|| node.value()).unwrap_or_default()
            })
            .expect("the rate's change");
        assert_eq!(
            plain(&text),
            "Taux de cofinancement demandé : 45 % → 40 %",
            "the field by its form's label, never its path; the rate as a percentage"
        );
    }
    assert!(h.query_by_label_contains("budget.requested_rate").is_none());
    assert!(
        h.query_by_label_contains("(−68").is_some(),
        "the cofunding's fall, signed"
    );
    assert!(h.query_by_label_contains("45 % → 40 %").is_some());
}

#[cfg(feature = "gui")]
#[test]
fn without_a_version_the_history_says_where_they_would_be() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "combined.ron");
    let mut h = keeping_versions(&draft, [1440.0, 1200.0]);
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Historique des versions…").click();
    h.run();
    assert!(h.query_by_label_contains("Aucune version gardée").is_some());
    assert!(
        h.query_by_label_contains(&beside(&draft).dir.display().to_string())
            .is_some()
    );
}

#[cfg(feature = "gui")]
#[test]
fn a_version_opens_read_only_and_the_dossier_set_aside_comes_back_untouched() {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::{NodeT as _, Queryable};
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "combined.ron");
    assert_eq!(export(&draft, &dir.path().join("pack"), &[]).code, 0);
    let mut h = keeping_versions(&draft, [1440.0, 2400.0]);
    // Unsaved work on screen: 40 % instead of the version's 45 %.
    let forty = dossier_cloud::domain::Rate::parse_percent_fr("40").expect("rate");
    h.state_mut().doc.dossier.budget.requested_rate = Some(forty);
    h.run();
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Historique des versions…").click();
    h.run();
    h.get_by_label("Ouvrir en lecture seule").click();
    h.run();
    h.run();
    let shown = h
        .state()
        .version_shown()
        .expect("a version shown")
        .to_owned();
    assert!(shown.starts_with("Version du "), "{shown}");
    assert!(
        h.state().title().contains("(lecture seule)"),
        "{}",
        h.state().title()
    );
    assert!(
        h.query_all_by_label_contains("— lecture seule")
            .next()
            .is_some()
    );
    // The version's own figures: 45 % and its cofunding.
    assert_eq!(
        h.state()
            .doc
            .dossier
            .budget
            .requested_rate
            .map(|r| plain(&r.percent_fr())),
        Some("45 %".to_owned())
    );
    assert!(h.query_all_by_label_contains("615").next().is_some());
    // Every step can be read; nothing can be typed: the fields are disabled, and an undo is
    // refused with a word.
    h.get_by_label_contains("2. Type d").click();
    h.run();
    let title = h.get_by_label_contains("Titre du projet");
    assert!(
        title.accesskit_node().is_disabled(),
        "the fields are read-only"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.query_all_by(|n| n
            .value()
            .is_some_and(|v| plain(&v).contains("Version en lecture seule :")))
            .next()
            .is_some()
    );
    // Still dirty: the dossier set aside has unsaved changes, and closing would ask.
    assert!(h.state().is_dirty());
    h.get_by_label("Revenir au dossier en cours").click();
    h.run();
    assert!(h.state().version_shown().is_none());
    assert_eq!(h.state().doc.dossier.budget.requested_rate, Some(forty));
    assert_eq!(h.state().path(), Some(draft.as_path()));
    assert!(h.state().is_dirty(), "the unsaved change is still there");
}

#[test]
fn each_progress_report_is_kept_apart_from_the_dossier_s_versions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "suivi-migration.ron");
    let out = dir.path().join("rapport");
    let r = run(&[
        "report",
        draft.to_str().expect("utf-8"),
        "--at",
        "2026-12-06",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1, "the example warns: {}", r.stderr);
    assert!(
        plain(&r.stdout).contains("Rapport gardé dans l'historique : "),
        "{}",
        r.stdout
    );
    let place = History {
        dir: draft.with_file_name("suivi-migration.history"),
        per_user: false,
    };
    // Not a version of the dossier: its list stays empty.
    assert!(history::entries(std::slice::from_ref(&place)).is_empty());
    let reports = history::report_entries(std::slice::from_ref(&place));
    assert_eq!(reports.len(), 1, "{reports:?}");
    let kept = &reports[0];
    let summary = kept.summary.as_ref().expect("readable");
    assert_eq!(summary.at.to_iso(), "2026-12-06");
    assert_eq!(summary.warnings, 5);
    // The report's JSON as written, read-only.
    let kept_json = std::fs::read(kept.dir.join("suivi.json")).expect("kept");
    assert_eq!(
        kept_json,
        std::fs::read(out.join("suivi.json")).expect("written")
    );
    assert!(
        std::fs::metadata(kept.dir.join("suivi.json"))
            .expect("meta")
            .permissions()
            .readonly()
    );
    assert!(kept.dir.join("manifest.json").exists());
    // A JSON report on standard output keeps the list of files (and the history) off it.
    let r = run(&[
        "report",
        draft.to_str().expect("utf-8"),
        "--at",
        "2026-12-06",
        "--format",
        "json",
        "--out",
        dir.path().join("rapport2").to_str().expect("utf-8"),
    ]);
    assert!(
        serde_json::from_str::<serde_json::Value>(&r.stdout).is_ok(),
        "{}",
        r.stdout
    );
    assert!(plain(&r.stderr).contains("Rapport gardé dans l'historique"));
}

#[cfg(feature = "gui")]
#[test]
fn the_history_window_lists_the_progress_reports_kept() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = example_copy(dir.path(), "suivi-migration.ron");
    let out = dir.path().join("rapport");
    let args = [
        "report",
        draft.to_str().expect("utf-8"),
        "--at",
        "2026-12-06",
        "--out",
    ];
    let r = run(&[&args[..], &[out.to_str().expect("utf-8")]].concat());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let mut h = keeping_versions(&draft, [1440.0, 1200.0]);
    h.get_by_label("Fichier").click();
    h.run();
    h.get_by_label("Historique des versions…").click();
    h.run();
    assert!(h.query_by_label("Rapports de suivi gardés").is_some());
    assert!(h.query_by_label("Rapport au 06/12/2026").is_some());
    assert!(h.query_by_label("5 alerte(s) à vérifier").is_some());
    assert!(h.query_by_label("Afficher le dossier").is_some());
}
