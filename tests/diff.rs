//! `diff` and `domain::diff`: two dossiers compared — fields in the dossier's own names, budget
//! lines matched by content (moved is no change; same label, other amount is *changed*;
//! duplicate labels paired by category and year), the estimates as `check` gives them, the
//! findings appeared and resolved; exit 0 same, 1 different, 2 unreadable.

use dossier_cloud::domain::diff::{Diff, diff};
use dossier_cloud::domain::dossier::{BudgetLine, Category};
use dossier_cloud::domain::{Dossier, Evaluation};
use serde_json::Value;

use crate::common::{draft_in, knowledge, line, plain, root, run};

fn example() -> Dossier {
    dossier_cloud::storage::load(&root().join("examples/combined.ron"), &knowledge().rules)
        .expect("example")
        .parsed
        .dossier
}

fn compare(before: &Dossier, after: &Dossier) -> Diff {
    let eval = |d: &Dossier| -> Evaluation { knowledge().evaluate(d).expect("window") };
    diff((before, &eval(before)), (after, &eval(after)))
}

#[test]
fn a_draft_and_its_own_json_are_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("dossier.json");
    let ron = root().join("examples/combined.ron");
    let out = run(&[
        "convert",
        ron.to_str().expect("utf-8"),
        json.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(&[
        "diff",
        ron.to_str().expect("utf-8"),
        json.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("Même contenu."), "{}", out.stdout);
    let out = run(&[
        "diff",
        json.to_str().expect("utf-8"),
        ron.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["fields"], serde_json::json!([]));
    assert_eq!(
        v["lines"],
        serde_json::json!({"added": [], "removed": [], "changed": []})
    );
    assert_eq!(v["estimate"]["before"], v["estimate"]["after"]);
    assert_eq!(
        v["findings"],
        serde_json::json!({"appeared": [], "resolved": []})
    );
}

#[test]
fn fields_are_named_by_their_path_in_the_dossier() {
    use dossier_cloud::domain::dossier::{ApplicantKind, Operation};
    let before = example();
    let mut after = before.clone();
    after.project.title = "Autre intitulé".into();
    after.applicant.kind = Some(ApplicantKind::StateAdministration);
    after.budget.requested_rate =
        Some(dossier_cloud::domain::Rate::parse_percent_fr("40").expect("rate"));
    if let Operation::Migration { applications } = &mut after.operations[0] {
        applications[1].target.as_mut().expect("target").offer = "Autre offre".into();
    }
    let d = compare(&before, &after);
    let paths: Vec<&str> = d.fields.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "applicant.kind",
            "project.title",
            "operations[0].applications[1].target.offer",
            "budget.requested_rate",
        ]
    );
    let title = &d.fields[1];
    assert_eq!(title.after, "Autre intitulé");
    assert_eq!(title.before, before.project.title.as_str());
    assert_eq!(d.fields[3].after, "0.40");
    assert!(!d.is_same());
}

#[test]
fn budget_lines_are_matched_by_content_not_position() {
    let before = example();
    // Only moved: no change.
    let mut moved = before.clone();
    moved.budget.lines.reverse();
    let d = compare(&before, &moved);
    assert!(d.is_same(), "{:?}", d.lines);
    assert!(d.findings.appeared.is_empty() && d.findings.resolved.is_empty());

    // Same label, another amount, moved too: changed, not removed and added.
    let mut changed = moved.clone();
    let label = before.budget.lines[0].label.clone();
    let at = changed
        .budget
        .lines
        .iter()
        .position(|l| l.label == label)
        .expect("line");
    changed.budget.lines[at].amount_ttc =
        dossier_cloud::domain::Amount::parse_plain("398000.00").expect("amount");
    changed.budget.lines.push(line(
        "Recette complémentaire",
        Category::ExternalService,
        2028,
        "22000.00",
    ));
    let removed = changed.budget.lines.remove(0);
    let d = compare(&before, &changed);
    assert_eq!(d.lines.changed.len(), 1, "{:?}", d.lines);
    assert_eq!(d.lines.changed[0].before, before.budget.lines[0]);
    assert_eq!(d.lines.changed[0].after.amount_ttc.to_plain(), "398000.00");
    assert_eq!(d.lines.added.len(), 1);
    assert_eq!(d.lines.added[0].label, "Recette complémentaire");
    assert_eq!(d.lines.removed, [removed]);
    assert!(d.fields.is_empty(), "lines are not fields: {:?}", d.fields);
}

#[test]
fn duplicate_labels_are_paired_by_category_and_year_first() {
    let mut before = example();
    before.budget.lines = vec![
        line(
            "Accompagnement",
            Category::ExternalService,
            2027,
            "10000.00",
        ),
        line("Accompagnement", Category::Training, 2028, "5000.00"),
    ];
    let mut after = before.clone();
    // The training one moves its amount; listed first now.
    after.budget.lines = vec![
        line("Accompagnement", Category::Training, 2028, "6000.00"),
        line(
            "Accompagnement",
            Category::ExternalService,
            2027,
            "10000.00",
        ),
    ];
    let d = compare(&before, &after);
    assert_eq!(d.lines.changed.len(), 1);
    let c = &d.lines.changed[0];
    assert_eq!(
        (c.before.category, c.after.category),
        (Category::Training, Category::Training)
    );
    assert!(d.lines.added.is_empty() && d.lines.removed.is_empty());
}

#[test]
fn the_estimates_and_findings_are_as_check_gives_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let before = example();
    let mut after = before.clone();
    after.project.title.clear();
    let lines: Vec<BudgetLine> = after.budget.lines.drain(..1).collect();
    assert_eq!(lines.len(), 1);
    let a = draft_in(dir.path(), "avant.ron", &before);
    let b = draft_in(dir.path(), "apres.ron", &after);
    let out = run(&[
        "diff",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    for (side, file) in [("before", &a), ("after", &b)] {
        let check = run(&["check", file.to_str().expect("utf-8"), "--format", "json"]);
        let check: Value = serde_json::from_str(&check.stdout).expect("json");
        assert_eq!(v["estimate"][side], check["estimate"], "{side}");
    }
    let appeared = v["findings"]["appeared"].as_array().expect("appeared");
    assert!(
        appeared
            .iter()
            .any(|f| f["severity"] == "blocking" && f["field"] == "project.title"),
        "{appeared:?}"
    );
    let text = run(&[
        "diff",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
    ]);
    let text = plain(&text.stdout);
    assert!(text.contains("cofinancement : "), "{text}");
    assert!(text.contains("(−"), "a fall is signed: {text}");
    assert!(text.contains("Constats apparus"), "{text}");
    assert!(text.contains("project.title : « "), "{text}");
}

#[test]
fn an_unreadable_side_gives_exit_2_and_bad_words_say_why() {
    let ron = root().join("examples/combined.ron");
    let out = run(&["diff", ron.to_str().expect("utf-8"), "/nonexistent/x.ron"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("x.ron"), "{}", out.stderr);
    let out = run(&["diff", ron.to_str().expect("utf-8")]);
    assert_eq!(out.code, 2);
    assert!(
        plain(&out.stderr).contains("diff attend deux dossiers"),
        "{}",
        out.stderr
    );
    let out = run(&["diff", "a", "b", "--format", "xml"]);
    assert_eq!(out.code, 2);
    assert!(plain(&out.stderr).contains("format « xml » inconnu"));
}
