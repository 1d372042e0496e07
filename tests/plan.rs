//! The plan over the years: every year from the start to the horizon, the savings reading at its
//! edges, the payback within and beyond the horizon, missing dates, the same figures in the JSON.

use dossier_cloud::domain::dossier::{Category, Measure};
use dossier_cloud::domain::{Amount, Date, Dossier, Severity};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::common::{assert_finding, assert_silent, evaluate, findings_of, line, ready, run};

fn date(iso: &str) -> Date {
    Date::parse_iso(iso).expect("test date")
}

fn measure(iso: &str, euros: &str) -> Measure<Amount> {
    Measure {
        date: date(iso),
        value: Amount::parse_plain(euros).expect("test amount"),
    }
}

/// A three-year project (2027–2029): 370 000 € declared, 20 000 € excluded, so a cost base of
/// 350 000 €, 175 000 € of cofunding and 195 000 € for the applicant. Savings: 45 000 € a year
/// reached on 31/12/2027 (counted from 2028), 100 000 € reached on 01/01/2029 (counted in 2029).
pub fn three_years() -> Dossier {
    let mut d = ready();
    d.project.start = Some(date("2027-01-04"));
    d.project.first_impact = Some(date("2027-05-31"));
    d.project.end = Some(date("2029-06-30"));
    d.budget.requested_rate = None;
    d.budget.lines = vec![
        line(
            "Prestation de migration",
            Category::ExternalService,
            2027,
            "200000.00",
        ),
        line(
            "Prestation de migration",
            Category::ExternalService,
            2028,
            "100000.00",
        ),
        line("Licences", Category::Software, 2028, "20000.00"),
        line(
            "Recette et bascule",
            Category::ExternalService,
            2029,
            "50000.00",
        ),
    ];
    d.indicators.savings.baseline = Some(measure("2026-12-31", "0.00"));
    d.indicators.savings.targets = vec![
        measure("2027-12-31", "45000.00"),
        measure("2029-01-01", "100000.00"),
    ];
    d
}

fn rows(d: &Dossier) -> Vec<(i32, Decimal, Decimal, Decimal, Decimal, Decimal)> {
    evaluate(d)
        .estimate
        .years
        .iter()
        .map(|y| {
            (
                y.year,
                y.declared_total,
                y.excluded_total,
                y.cost_base,
                y.cofunding,
                y.savings,
            )
        })
        .collect()
}

#[test]
fn every_year_from_the_start_to_five_years_after_the_end_with_its_savings() {
    let z = Decimal::ZERO;
    assert_eq!(
        rows(&three_years()),
        vec![
            (2027, dec!(200000), z, dec!(200000), dec!(100000.00), z),
            (
                2028,
                dec!(120000),
                dec!(20000),
                dec!(100000),
                dec!(50000.00),
                dec!(45000)
            ),
            (
                2029,
                dec!(50000),
                z,
                dec!(50000),
                dec!(25000.00),
                dec!(100000)
            ),
            (2030, z, z, z, z, dec!(100000)),
            (2031, z, z, z, z, dec!(100000)),
            (2032, z, z, z, z, dec!(100000)),
            (2033, z, z, z, z, dec!(100000)),
            (2034, z, z, z, z, dec!(100000)),
        ],
        "2034 is the horizon's last year: 2029 + 5"
    );
    let e = evaluate(&three_years()).estimate;
    let sum = |f: fn(&dossier_cloud::domain::plan::PlanYear) -> Decimal| -> Decimal {
        e.years.iter().map(f).sum()
    };
    assert_eq!(sum(|y| y.declared_total), e.declared_total);
    assert_eq!(sum(|y| y.cost_base), e.cost_base);
    assert_eq!(sum(|y| y.cofunding), e.cofunding);
}

#[test]
fn the_payback_is_the_first_year_whose_cumulative_savings_reach_the_applicants_share() {
    let e = evaluate(&three_years()).estimate;
    assert_eq!(e.applicant_share, dec!(195000.00));
    assert_eq!(
        e.payback.year,
        Some(2030),
        "0 + 45 000 + 100 000 + 100 000 ≥ 195 000"
    );
    assert_eq!(e.payback.cumulative_savings, dec!(245000));
    assert_eq!(e.payback.applicant_share, e.applicant_share);
    assert_silent(&three_years(), "PLAN-PAYBACK");
}

#[test]
fn a_payback_on_the_horizons_last_year_counts_and_a_cent_short_does_not() {
    let mut d = three_years();
    // 25 000 € a year from 2028 to 2033 (150 000 €), then 45 000 € in 2034: 195 000 € exactly.
    d.indicators.savings.targets = vec![
        measure("2027-12-31", "25000.00"),
        measure("2033-12-31", "45000.00"),
    ];
    let e = evaluate(&d).estimate;
    assert_eq!(e.payback.year, Some(2034));
    assert_eq!(e.payback.cumulative_savings, dec!(195000));
    assert_silent(&d, "PLAN-PAYBACK");

    d.indicators.savings.targets[1] = measure("2033-12-31", "44999.99");
    let e = evaluate(&d).estimate;
    assert_eq!(e.payback.year, None, "the horizon ends first");
    assert_eq!(e.payback.cumulative_savings, dec!(194999.99));
    let found = assert_finding(
        &d,
        "PLAN-PAYBACK",
        Severity::Advisory,
        &["194 999,99 €", "2034", "195 000,00 €", "5 ans"],
    );
    assert_eq!(found.field.as_deref(), Some("indicators.savings.targets"));
}

#[test]
fn savings_edges_a_first_of_january_a_thirty_first_of_december_two_in_a_year_and_none() {
    let savings_of = |targets: Vec<Measure<Amount>>| -> Vec<(i32, Decimal)> {
        let mut d = three_years();
        d.indicators.savings.targets = targets;
        evaluate(&d)
            .estimate
            .years
            .iter()
            .take(4)
            .map(|y| (y.year, y.savings))
            .collect()
    };
    let z = Decimal::ZERO;
    assert_eq!(
        savings_of(vec![measure("2028-01-01", "10000.00")]),
        vec![
            (2027, z),
            (2028, dec!(10000)),
            (2029, dec!(10000)),
            (2030, dec!(10000))
        ],
        "dated 1 January: counts that very year"
    );
    assert_eq!(
        savings_of(vec![measure("2028-12-31", "10000.00")]),
        vec![
            (2027, z),
            (2028, z),
            (2029, dec!(10000)),
            (2030, dec!(10000))
        ],
        "dated 31 December: counts from the next year"
    );
    assert_eq!(
        savings_of(vec![
            measure("2027-09-30", "30000.00"),
            measure("2027-03-31", "10000.00"),
        ]),
        vec![
            (2027, z),
            (2028, dec!(30000)),
            (2029, dec!(30000)),
            (2030, dec!(30000))
        ],
        "two in one year: the later one, whatever their order in the dossier"
    );
    let mut none = three_years();
    none.indicators.savings = dossier_cloud::domain::dossier::Tracked::default();
    let e = evaluate(&none).estimate;
    assert!(
        e.years.iter().all(|y| y.savings.is_zero()),
        "no measure, no savings"
    );
    assert_eq!(e.payback.year, None);
    assert_finding(
        &none,
        "PLAN-PAYBACK",
        Severity::Advisory,
        &["0,00 €", "2034"],
    );
}

#[test]
fn a_line_outside_the_project_years_is_flagged_and_still_counted_in_its_year() {
    let mut d = three_years();
    d.budget.lines[0].year = 2026;
    let e = evaluate(&d).estimate;
    assert_eq!(
        e.years.first().map(|y| (y.year, y.declared_total)),
        Some((2026, dec!(200000)))
    );
    assert_eq!(e.years.last().map(|y| y.year), Some(2034));
    assert_eq!(
        e.years.iter().map(|y| y.cofunding).sum::<Decimal>(),
        e.cofunding
    );
    // The payback still sums from the start year: 2026's savings are not the project's.
    assert_eq!(e.payback.year, Some(2030));
    assert_finding(
        &d,
        "DOSSIER-BUDGET-YEARS",
        Severity::Warning,
        &["2026", "(2027–2029)"],
    );
}

#[test]
fn without_the_dates_there_is_no_table_and_a_finding_says_why() {
    for missing in ["start", "end", "order"] {
        let mut d = three_years();
        match missing {
            "start" => d.project.start = None,
            "end" => d.project.end = None,
            _ => d.project.end = Some(date("2026-01-01")),
        }
        let e = evaluate(&d).estimate;
        assert!(e.years.is_empty(), "{missing}: {:?}", e.years);
        assert_eq!(e.payback.year, None);
        let found = assert_finding(
            &d,
            "PLAN-YEARS",
            Severity::Advisory,
            &["dates de démarrage et de fin"],
        );
        assert_eq!(found.step, dossier_cloud::domain::Step::Schedule);
        assert!(
            findings_of(&d, "PLAN-PAYBACK").is_empty(),
            "no payback advice without a plan"
        );
    }
    assert_silent(&three_years(), "PLAN-YEARS");
}

#[test]
fn a_thirty_year_horizon_and_ten_thousand_lines_give_the_whole_table() {
    let mut d = three_years();
    d.project.end = Some(date("2052-06-30"));
    d.budget.lines = (0..10_000)
        .map(|i| line("Ligne", Category::ExternalService, 2027 + (i % 26), "10.00"))
        .collect();
    let e = evaluate(&d).estimate;
    assert_eq!(e.years.len(), 2057 - 2027 + 1);
    assert_eq!(
        e.years.iter().map(|y| y.declared_total).sum::<Decimal>(),
        dec!(100000)
    );
}

#[test]
fn check_json_and_dossier_json_carry_the_years_and_the_payback() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.ron");
    std::fs::write(
        &path,
        dossier_cloud::storage::to_ron(&three_years()).expect("ron"),
    )
    .expect("write");
    let out = run(&["check", path.to_str().expect("utf-8"), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let years = json["estimate"]["years"].as_array().expect("years");
    assert_eq!(years.len(), 8);
    assert_eq!(
        years[1],
        serde_json::json!({"year": 2028, "declared_total": "120000.00", "excluded_total": "20000.00",
            "cost_base": "100000.00", "cofunding": "50000.00", "savings": "45000.00"})
    );
    assert_eq!(
        json["estimate"]["payback"],
        serde_json::json!({"year": 2030, "cumulative_savings": "245000.00", "applicant_share": "195000.00"})
    );
    let d = three_years();
    let written = dossier_cloud::storage::to_json(&d, Some(&evaluate(&d))).expect("json");
    let pack: serde_json::Value = serde_json::from_str(&written).expect("json");
    assert_eq!(pack["estimate"]["years"], json["estimate"]["years"]);
    assert_eq!(pack["estimate"]["payback"], json["estimate"]["payback"]);
}

#[cfg(feature = "gui")]
/// Whether `items` appear in `text` in this order.
fn in_order(text: &str, items: &[String]) -> bool {
    let mut at = 0;
    for item in items {
        match text[at..].find(item.as_str()) {
            Some(found) => at += found + item.len(),
            None => return false,
        }
    }
    true
}

#[cfg(feature = "gui")]
/// The plan's rows as every view writes them: year, declared, cofunding, applicant, savings,
/// cumulative savings.
fn expected_rows(e: &dossier_cloud::domain::Estimate) -> Vec<Vec<String>> {
    use dossier_cloud::domain::money::format_eur;
    e.years
        .iter()
        .scan(Decimal::ZERO, |cumulative, y| {
            *cumulative += y.savings;
            Some(vec![
                y.year.to_string(),
                format_eur(y.declared_total),
                format_eur(y.cofunding),
                format_eur(y.applicant_share()),
                format_eur(y.savings),
                format_eur(*cumulative),
            ])
        })
        .collect()
}

#[cfg(feature = "gui")]
/// The text of the pack's PDF, spaces made plain.
fn pdf_text(pack: &std::path::Path) -> String {
    let pdf = std::fs::read_dir(pack)
        .expect("pack")
        .map(|f| f.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("pdf");
    let doc = lopdf::Document::load(&pdf).expect("pdf");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    crate::common::plain(&doc.extract_text(&pages).expect("text"))
}

#[cfg(feature = "gui")]
/// The pack's `budget.xlsx` holds the plan's years and payback, as stored values.
fn assert_spreadsheet_agrees(pack: &std::path::Path, e: &dossier_cloud::domain::Estimate) {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(pack.join("budget.xlsx")).expect("xlsx");
    let years = book.worksheet_range("Années").expect("years");
    for (i, y) in e.years.iter().enumerate() {
        let row = u32::try_from(i + 1).expect("row");
        let cell = |col| match years.get_value((row, col)) {
            Some(calamine::Data::Float(f)) => {
                Decimal::from_f64_retain(*f).expect("finite").round_dp(2)
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(
            (cell(0), cell(5), cell(7)),
            (Decimal::from(y.year), y.cofunding, y.savings)
        );
    }
    let summary = book.worksheet_range("Synthèse").expect("summary");
    assert_eq!(
        summary.get_value((8, 1)),
        Some(&calamine::Data::Float(f64::from(
            e.payback.year.expect("payback")
        ))),
        "payback year"
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_window_the_pdf_the_json_and_the_spreadsheet_agree_for_a_three_year_project() {
    use egui_kittest::kittest::Queryable;

    let d = three_years();
    let e = evaluate(&d).estimate;
    let rows = expected_rows(&e);
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("trois-ans.ron");
    std::fs::write(&draft, dossier_cloud::storage::to_ron(&d).expect("ron")).expect("write");
    let pack = dir.path().join("pack");
    let out = run(&[
        "export",
        draft.to_str().expect("utf-8"),
        "--out",
        pack.to_str().expect("utf-8"),
    ]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(pack.join("dossier.json")).expect("json"))
            .expect("json");
    assert_eq!(json["estimate"]["payback"]["year"], 2030);
    let years = json["estimate"]["years"].as_array().expect("years");
    assert_eq!(years.len(), e.years.len());
    for (y, row) in years.iter().zip(&e.years) {
        assert_eq!(y["year"], row.year);
        assert_eq!(y["cofunding"], format!("{:.2}", row.cofunding));
        assert_eq!(y["savings"], format!("{:.2}", row.savings));
    }
    assert_spreadsheet_agrees(&pack, &e);

    let text = pdf_text(&pack);
    assert!(text.contains("Retour sur investissement : 2030"), "{text}");
    for row in &rows {
        let row: Vec<String> = row.iter().map(|c| crate::common::plain(c)).collect();
        assert!(in_order(&text, &row), "PDF row {row:?} not found");
    }

    // The window: the budget step shows the same table and payback.
    let mut h = crate::common::harness_sized(Some(draft), [1440.0, 4000.0]);
    h.get_by_label_contains("5. Budget").click();
    h.run();
    assert!(
        h.query_by_label(&crate::common::fr("Retour sur investissement : 2030"))
            .is_some()
    );
    for row in &rows {
        for cell in row {
            assert!(
                h.query_all_by_label(cell).next().is_some(),
                "window: {cell} of {row:?}"
            );
        }
    }
    // The chart says itself in words: its accessible name sums it up.
    assert!(
        h.query_by_label_contains("retour sur investissement en 2030")
            .is_some(),
        "the chart's accessible name"
    );
}

#[cfg(feature = "gui")]
#[test]
fn copy_a_year_to_the_next_in_one_undoable_action() {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("trois-ans.ron");
    std::fs::write(
        &draft,
        dossier_cloud::storage::to_ron(&three_years()).expect("ron"),
    )
    .expect("write");
    let mut h = crate::common::harness_sized(Some(draft), [1440.0, 3000.0]);
    h.get_by_label_contains("5. Budget").click();
    h.run();
    // The last year is offered first; choose 2028, which has two lines.
    h.get_by_label("Année à copier").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "2028")
        .click();
    h.run();
    h.get_by_label("Copier l'année 2028 vers 2029").click();
    h.run();
    let lines = &h.state().doc.dossier.budget.lines;
    assert_eq!(lines.len(), 6);
    let copied: Vec<(&str, i32, Decimal)> = lines[4..]
        .iter()
        .map(|l| (l.label.as_str(), l.year, l.amount_ttc.value()))
        .collect();
    assert_eq!(
        copied,
        [
            ("Prestation de migration", 2029, dec!(100000)),
            ("Licences", 2029, dec!(20000))
        ]
    );
    assert!(
        h.query_by_label_contains("2 lignes de 2028 copiées vers 2029")
            .is_some(),
        "the status line says what was done"
    );
    // The next copy is offered from the year just filled.
    assert!(h.query_by_label("Copier l'année 2029 vers 2030").is_some());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.dossier.budget.lines,
        three_years().budget.lines,
        "one undo takes it all back"
    );
}
