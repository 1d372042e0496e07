//! The progress report after the award (issue 22): the commitment as signed against what
//! happened, at a date, as `dossier-cloud report` prints it and `PACK-FORMAT.md` names it; the
//! `TRACK-*` thresholds are rule data.

use dossier_cloud::domain::dossier::Category;
use dossier_cloud::domain::follow::{IndicatorMeasure, MilestoneDone, Spending};
use dossier_cloud::domain::report::{self, MilestoneStatus, Report, TargetStatus, YearStatus};
use dossier_cloud::domain::{Amount, Date, Dossier, Severity};
use serde_json::Value;

use crate::common::{example, knowledge, root, run};

fn day(text: &str) -> Date {
    Date::parse_iso(text).expect("date")
}

fn eur(text: &str) -> Amount {
    Amount::parse_plain(text).expect("amount")
}

/// The signed example: a migration signed on 16/12/2024, followed through 2026.
fn signed() -> Dossier {
    example("suivi-migration.ron")
}

fn report_at(d: &Dossier, at: &str) -> Report {
    let rules = knowledge().rules.window(&d.window).expect("window");
    report::report(d, rules, day(at)).expect("signed")
}

fn rules_of(r: &Report) -> Vec<&str> {
    r.findings.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
fn the_years_compare_the_spending_in_the_cost_base_with_the_commitment_up_to_the_date() {
    let r = report_at(&signed(), "2026-12-06");
    let y2025 = &r.years[0];
    assert_eq!(y2025.year, 2025);
    assert_eq!(y2025.status, YearStatus::Closed);
    assert_eq!(y2025.committed_cost_base.to_string(), "416900.00");
    // Cloud resources (30 000,00 €) spent in 2025 count in the declared total, not the base.
    assert_eq!(y2025.spent_declared.to_string(), "420400.00");
    assert_eq!(y2025.spent_cost_base.to_string(), "390400.00");
    assert_eq!(y2025.variance.to_string(), "-26500.00");
    assert_eq!(y2025.variance_pct.as_deref(), Some("-6.4"));
    assert!(!y2025.flagged, "6,4 % under: within the 10 %");
    let y2026 = &r.years[1];
    assert_eq!(y2026.status, YearStatus::Current);
    assert_eq!(y2026.variance_pct.as_deref(), Some("55.2"));
    assert!(y2026.flagged, "the current year already 55 % over");
    let y2027 = &r.years[2];
    assert_eq!(y2027.status, YearStatus::Future);
    assert_eq!(y2027.variance_pct, None, "nothing committed: no percentage");
    assert!(!y2027.flagged);

    // A month earlier, the November payroll is not counted yet.
    let before = report_at(&signed(), "2026-11-06");
    assert_eq!(before.years[1].spent_cost_base.to_string(), "26500.00");
}

#[test]
fn a_closed_year_is_flagged_past_ten_percent_either_way_and_not_at_ten() {
    let mut d = signed();
    // 2025's base becomes exactly 10 % under (375 210,00 of 416 900,00): not flagged.
    let staff = d
        .tracking
        .spending
        .iter_mut()
        .find(|s| s.reference == "Paie 2025")
        .expect("2025 payroll");
    staff.amount_ttc = eur("80810.00");
    let r = report_at(&d, "2026-12-06");
    assert_eq!(r.years[0].variance_pct.as_deref(), Some("-10.0"));
    assert!(!r.years[0].flagged, "at 10 %, not past it");
    // One euro less: past it.
    let staff = d
        .tracking
        .spending
        .iter_mut()
        .find(|s| s.reference == "Paie 2025")
        .expect("2025 payroll");
    staff.amount_ttc = eur("80809.00");
    let r = report_at(&d, "2026-12-06");
    assert!(r.years[0].flagged);
    let variance: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "TRACK-VARIANCE")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        variance.len(),
        2,
        "one finding per flagged year: {variance:?}"
    );
    assert!(
        variance
            .iter()
            .any(|m| m.starts_with("En 2025, la dépense retenue")
                && m.contains("reste de 10\u{a0}% sous"))
    );
}

#[test]
fn the_ten_percent_is_rule_data() {
    let d = signed();
    let mut rules = knowledge().rules.window(&d.window).expect("window").clone();
    for rule in &mut rules.rules {
        for check in &mut rule.checks {
            if let dossier_cloud::domain::checks::Check::TrackVariance { max_share } = check {
                *max_share =
                    dossier_cloud::domain::Rate::new("0.60".parse().expect("rate")).expect("rate");
            }
        }
    }
    let r = report::report(&d, &rules, day("2026-12-06")).expect("signed");
    assert!(!r.years[1].flagged, "55 % over is within a 60 % reading");
    assert!(!rules_of(&r).contains(&"TRACK-VARIANCE"));
}

#[test]
fn savings_indicators_milestones_and_payments_are_followed_against_the_commitment() {
    let r = report_at(&signed(), "2026-12-06");
    // Savings: the closed year alone, as committed (15 000) and as realized (12 000).
    assert_eq!(r.savings.years.len(), 1);
    assert_eq!(r.savings.committed_to_date.to_string(), "15000.00");
    assert_eq!(r.savings.realized_to_date.to_string(), "12000.00");
    // Targets: one entry each, with the latest measure on or before the date.
    let status = |indicator: &str, date: &str| {
        r.indicators
            .iter()
            .find(|t| t.indicator == indicator && t.date == day(date))
            .map(|t| t.status)
            .expect("target")
    };
    assert_eq!(status("savings", "2025-12-31"), TargetStatus::Missed);
    assert_eq!(status("savings", "2026-12-31"), TargetStatus::Upcoming);
    assert_eq!(status("agents_trained", "2025-12-31"), TargetStatus::Met);
    assert_eq!(status("agents_trained", "2026-06-30"), TargetStatus::Missed);
    // A recovery time goes down: 3,5 h against 4 h, from 48 h, is met.
    assert_eq!(
        status("Temps de restauration sur incident (RTO)", "2025-12-31"),
        TargetStatus::Met
    );
    // Milestones: done, late, upcoming.
    let statuses: Vec<MilestoneStatus> = r.milestones.iter().map(|m| m.status).collect();
    assert_eq!(
        statuses,
        [
            MilestoneStatus::Done,
            MilestoneStatus::Late,
            MilestoneStatus::Upcoming
        ]
    );
    assert_eq!(r.milestones[0].done, Some(day("2025-06-12")));
    // Payments: three planned by the date, two received.
    assert_eq!(r.payments.planned_to_date.to_string(), "209225.00");
    assert_eq!(r.payments.received_to_date.to_string(), "162735.00");
    // What falls due in the 90 days, by date.
    let due: Vec<(String, &str)> = r
        .due
        .iter()
        .map(|d| (d.date.to_fr(), d.what.as_str()))
        .collect();
    assert_eq!(due.len(), 3, "{due:?}");
    assert_eq!(due[0].0, "31/12/2026");
    assert!(due[0].1.contains("économies induites"), "{due:?}");
    // The end falls with the milestone « Clôture du projet »: said once.
    assert_eq!(
        due[1],
        ("29/01/2027".to_owned(), "jalon « Clôture du projet »")
    );
    assert_eq!(due[2].0, "15/02/2027");
    // The findings, most serious first, each naming its rule.
    assert_eq!(
        rules_of(&r),
        [
            "TRACK-VARIANCE",
            "TRACK-SAVINGS",
            "TRACK-INDICATOR",
            "TRACK-INDICATOR",
            "TRACK-MILESTONE",
            "TRACK-PAYMENT",
            "TRACK-EXCLUDED",
            "TRACK-EXCLUDED",
            "TRACK-OUTSIDE",
        ]
    );
    assert!(
        r.findings[..5]
            .iter()
            .all(|f| f.severity == Severity::Warning)
    );
    assert!(
        r.findings[5..]
            .iter()
            .all(|f| f.severity == Severity::Advisory)
    );
    assert!(r.findings.iter().all(|f| f.step.id() == "follow"));
}

#[test]
fn what_happens_after_the_date_does_not_count_and_a_measure_that_is_not_a_number_is_said() {
    let mut d = signed();
    d.tracking.milestones.push(MilestoneDone {
        name: "Recette de la seconde application".into(),
        done: day("2026-12-20"),
    });
    d.tracking.measures.push(IndicatorMeasure {
        indicator: "agents_trained".into(),
        date: day("2026-12-20"),
        value: "25".into(),
    });
    let r = report_at(&d, "2026-12-06");
    assert_eq!(r.milestones[1].status, MilestoneStatus::Late, "done later");
    assert!(
        r.indicators
            .iter()
            .any(|t| t.indicator == "agents_trained" && t.status == TargetStatus::Missed)
    );
    let later = report_at(&d, "2026-12-31");
    assert_eq!(later.milestones[1].status, MilestoneStatus::Done);
    assert!(
        later
            .indicators
            .iter()
            .filter(|t| t.indicator == "agents_trained")
            .all(|t| t.status == TargetStatus::Met)
    );

    d.tracking.measures.push(IndicatorMeasure {
        indicator: "Fréquence des déploiements en production".into(),
        date: day("2026-11-30"),
        value: "en hausse".into(),
    });
    let r = report_at(&d, "2026-12-06");
    assert!(r.indicators.iter().any(|t| {
        t.indicator == "Fréquence des déploiements en production"
            && t.status == TargetStatus::NotComparable
    }));
}

#[test]
fn spending_outside_the_years_or_in_an_excluded_category_is_an_advisory_with_its_line() {
    let mut d = signed();
    d.tracking.spending = vec![Spending {
        date: day("2028-02-01"),
        label: "Matériel réseau".into(),
        category: Category::Hardware,
        amount_ttc: eur("1200.00"),
        reference: String::new(),
    }];
    let r = report_at(&d, "2028-03-01");
    let advisories: Vec<(&str, Option<&str>)> = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Advisory && f.rule != "TRACK-PAYMENT")
        .map(|f| (f.rule.as_str(), f.field.as_deref()))
        .collect();
    assert_eq!(
        advisories,
        [
            ("TRACK-EXCLUDED", Some("tracking.spending[0]")),
            ("TRACK-OUTSIDE", Some("tracking.spending[0].date")),
        ]
    );
}

#[test]
fn report_prints_the_json_of_pack_format_and_says_by_its_code_whether_something_warns() {
    let file = root().join("examples/suivi-migration.ron");
    let file = file.to_str().expect("utf-8");
    let out = run(&["report", file, "--at", "2026-12-06", "--format", "json"]);
    assert_eq!(out.code, 1, "warnings: {}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut top = keys(&json);
    top.sort();
    assert_eq!(
        top,
        [
            "at",
            "commitment",
            "due",
            "findings",
            "indicators",
            "milestones",
            "payments",
            "savings",
            "years"
        ]
    );
    assert_eq!(json["at"], "2026-12-06");
    assert_eq!(json["commitment"]["granted"], "232450.00");
    let mut year = keys(&json["years"][0]);
    year.sort();
    assert_eq!(
        year,
        [
            "committed_cost_base",
            "flagged",
            "spent_cost_base",
            "spent_declared",
            "status",
            "variance",
            "variance_pct",
            "year"
        ]
    );
    assert_eq!(json["years"][0]["variance"], "-26500.00");
    assert_eq!(json["years"][2]["variance_pct"], Value::Null);
    assert_eq!(json["savings"]["realized_to_date"], "12000.00");
    assert_eq!(json["indicators"][0]["latest"]["value"], "12000.00");
    assert_eq!(json["indicators"][0]["status"], "missed");
    assert_eq!(json["milestones"][1]["done"], Value::Null);
    assert_eq!(json["milestones"][1]["status"], "late");
    assert_eq!(json["payments"]["planned_to_date"], "209225.00");
    assert_eq!(json["due"][0]["date"], "2026-12-31");
    assert_eq!(json["findings"][0]["rule"], "TRACK-VARIANCE");
    assert_eq!(json["findings"][0]["severity"], "warning");
    assert_eq!(json["findings"][0]["step"], "follow");

    // Text, French by default; the date may be written the French way.
    let text = run(&["report", file, "--at", "06/12/2026"]);
    assert_eq!(text.code, 1);
    assert!(text.stdout.starts_with("Rapport de suivi au 06/12/2026\n"));
    assert!(
        text.stdout.contains("en cours — écart à expliquer"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("[à vérifier] TRACK-MILESTONE"));

    // Before anything was due, only advisories (the licence bought before the years): code 0.
    let early = run(&["report", file, "--at", "2025-01-02"]);
    assert_eq!(early.code, 0, "{}", early.stdout);
    assert!(
        early.stdout.contains("[conseil] TRACK-OUTSIDE"),
        "{}",
        early.stdout
    );
    assert!(!early.stdout.contains("[à vérifier]"), "{}", early.stdout);
}

#[test]
fn report_refuses_a_dossier_without_commitment_a_bad_date_and_an_unreadable_file() {
    let unsigned = root().join("examples/migration-secnumcloud.ron");
    let out = run(&["report", unsigned.to_str().expect("utf-8")]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("ne porte aucun engagement signé"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());

    let signed = root().join("examples/suivi-migration.ron");
    let out = run(&[
        "report",
        signed.to_str().expect("utf-8"),
        "--at",
        "31/02/2026",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("--at « 31/02/2026 » : cette date n'existe pas"),
        "{}",
        out.stderr
    );

    let out = run(&["report", "absent.ron"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("absent.ron"), "{}", out.stderr);
}

#[test]
fn a_commitment_is_prefilled_from_the_dossier_as_filed_and_an_amendment_keeps_the_one_before() {
    use dossier_cloud::domain::follow::Commitment;
    let d = example("migration-secnumcloud.ron");
    let estimate = crate::common::evaluate(&d).estimate;
    let signed = Commitment::from_filed(&d, &estimate, day("2026-12-16"));
    assert_eq!(
        signed.granted.to_plain(),
        "232450.00",
        "the estimated cofunding"
    );
    assert_eq!(signed.years.len(), estimate.years.len());
    assert_eq!(signed.years[0].year, 2027);
    assert_eq!(signed.years[0].cost_base.to_plain(), "416900.00");
    assert_eq!(signed.years[1].savings.to_plain(), "45000.00");
    assert_eq!(signed.indicators, d.indicators, "the targets as filed");
    let milestones: Vec<(&str, String)> = signed
        .milestones
        .iter()
        .map(|m| (m.name.as_str(), m.date.to_fr()))
        .collect();
    assert_eq!(
        milestones,
        [
            ("Premier impact", "31/05/2027".to_owned()),
            ("Fin du projet", "30/06/2028".to_owned())
        ]
    );

    let mut changed = signed.clone();
    changed.granted = eur("200000.00");
    let amended = signed.clone().amended(
        changed,
        day("2027-06-01"),
        " Avenant 1 ",
        "Périmètre réduit",
    );
    assert_eq!(amended.granted.to_plain(), "200000.00");
    assert_eq!(amended.amendments.len(), 1);
    assert_eq!(amended.amendments[0].reference, "Avenant 1");
    assert_eq!(amended.before_last_amendment(), Some(&signed));
    // A second amendment keeps the first, and its « previous » has no amendments of its own.
    let twice = amended.clone().amended(
        amended.clone(),
        day("2027-09-01"),
        "Avenant 2",
        "Calendrier",
    );
    assert_eq!(twice.amendments.len(), 2);
    assert!(twice.amendments[1].previous.amendments.is_empty());
    assert_eq!(twice.amendments[1].previous.granted.to_plain(), "200000.00");
}

#[test]
fn report_out_writes_the_pack_whose_spreadsheet_libreoffice_recalculates_to_the_same_cents() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A copy: the report is kept in the history beside its draft.
    let file = crate::common::example_copy(dir.path(), "suivi-migration.ron");
    let out = dir.path().join("revue");
    let run = run(&[
        "report",
        file.to_str().expect("utf-8"),
        "--at",
        "2026-12-06",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("Rapport de suivi écrit dans"),
        "{}",
        run.stdout
    );
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("JSON");
    let names: Vec<&str> = manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        [
            "suivi-culture-migration-plateforme-archives-2026-12-06.pdf",
            "suivi.json",
            "suivi.xlsx"
        ]
    );
    // suivi.json is the report's JSON, byte for byte what --format json prints.
    let json = run_json(&file, "2026-12-06");
    assert_eq!(
        std::fs::read_to_string(out.join("suivi.json")).expect("suivi.json"),
        json
    );
    let pdf = std::fs::read(out.join(names[0])).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));

    assert_recalculated(&out, dir.path());
}

#[test]
fn report_out_refuses_a_folder_that_holds_a_submission_pack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = root().join("examples/suivi-migration.ron");
    let pack = dir.path().join("depot");
    std::fs::create_dir(&pack).expect("dir");
    std::fs::write(pack.join("dossier.json"), "{}").expect("write");
    std::fs::write(pack.join("manifest.json"), "le manifeste du dépôt").expect("write");
    let refused = run(&[
        "report",
        file.to_str().expect("utf-8"),
        "--out",
        pack.to_str().expect("utf-8"),
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("contient déjà un dossier de dépôt"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(pack.join("manifest.json")).expect("read"),
        "le manifeste du dépôt"
    );
}

#[test]
fn an_unplanned_year_and_a_commitment_without_years_are_said_without_a_share() {
    let mut d = signed();
    if let Some(c) = d.commitment.as_mut() {
        c.years.retain(|y| y.year != 2026);
        c.years.push(dossier_cloud::domain::follow::CommittedYear {
            year: 2026,
            declared_total: eur("0.00"),
            cost_base: eur("0.00"),
            cofunding: eur("0.00"),
            savings: eur("0.00"),
        });
    }
    let r = report_at(&d, "2026-12-06");
    let variance: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == "TRACK-VARIANCE")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        variance,
        [
            "En 2026, 74\u{202f}500,00\u{a0}€ dépensés dans l'assiette alors que l'engagement n'y prévoit rien : expliquez cette dépense dans le rapport de suivi."
        ]
    );
    if let Some(c) = d.commitment.as_mut() {
        c.years.clear();
    }
    let r = report_at(&d, "2026-12-06");
    assert!(r.years.is_empty());
    let unmatched = r
        .findings
        .iter()
        .filter(|f| f.outcome == "no_years")
        .count();
    assert_eq!(unmatched, d.tracking.spending.len(), "each spending said");
}

/// `report FILE --at DATE --format json`'s output.
fn run_json(file: &std::path::Path, at: &str) -> String {
    run(&[
        "report",
        file.to_str().expect("utf-8"),
        "--at",
        at,
        "--format",
        "json",
    ])
    .stdout
}

#[test]
fn the_projects_end_is_due_itself_when_no_milestone_falls_that_day() {
    // What is due on the report's date is due.
    let mut d = signed();
    if let Some(c) = d.commitment.as_mut() {
        c.milestones.retain(|m| m.name != "Clôture du projet");
    }
    let later = report_at(&d, "2026-12-31");
    assert_eq!(
        later.due[0].what,
        "cible de l'indicateur « économies induites » : 110\u{202f}000,00\u{a0}€"
    );
    assert!(
        later
            .due
            .iter()
            .any(|d| d.what == "fin du projet" && d.date == day("2027-01-29"))
    );
}

/// `suivi.xlsx` in `out`, every stored result removed, recalculated by `LibreOffice`: the
/// report's figures, to the cent.
#[allow(clippy::print_stderr)] // Says the check was skipped, as `tests/xlsx.rs` does.
fn assert_recalculated(out: &std::path::Path, scratch: &std::path::Path) {
    let Some(soffice) = crate::xlsx::libreoffice() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is missing in CI"
        );
        eprintln!("skipped: no soffice on this machine");
        return;
    };
    // Every stored result removed: what LibreOffice shows, it computed from the entries.
    let parts = crate::xlsx::unzip(&out.join("suivi.xlsx"));
    let bare = scratch.join("bare.xlsx");
    crate::xlsx::rezip(&parts, &bare, |_, xml| crate::xlsx::strip_results(&xml));
    let sheets = crate::xlsx::recalculate(
        &soffice,
        &bare,
        scratch,
        &["Années", "Dépenses", "Économies"],
    );
    let years = &sheets["Années"];
    let r = report_at(&signed(), "2026-12-06");
    for (i, y) in r.years.iter().enumerate() {
        let amount = |col| crate::xlsx::amount(years, i + 1, col);
        assert_eq!(amount(1), y.committed_cost_base, "{} committed", y.year);
        assert_eq!(amount(2), y.spent_declared, "{} spent in all", y.year);
        assert_eq!(amount(3), y.spent_cost_base, "{} spent in the base", y.year);
        assert_eq!(amount(4), y.variance, "{} variance", y.year);
    }
    assert_eq!(
        crate::xlsx::amount(years, 1, 7),
        r.savings.realized_to_date,
        "2025 realized"
    );
    // The totals' savings are those of the closed years, as in suivi.json.
    let total = r.years.len() + 1;
    assert_eq!(
        crate::xlsx::amount(years, total, 6),
        r.savings.committed_to_date
    );
    assert_eq!(
        crate::xlsx::amount(years, total, 7),
        r.savings.realized_to_date
    );
    let spent: rust_decimal::Decimal = r.years.iter().map(|y| y.spent_cost_base).sum();
    assert_eq!(crate::xlsx::amount(years, total, 3), spent);
}
