//! The estimate: totals, exclusions, rounding to the cent, per-year splits, a rate below the cap.

use dossier_cloud::domain::dossier::Category;
use dossier_cloud::domain::{Dossier, Rate};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::common::{evaluate, line, ready};

fn dossier(lines: &[(&str, Category, i32, &str)]) -> Dossier {
    let mut d = ready();
    d.budget.lines = lines
        .iter()
        .map(|(l, c, y, a)| line(l, *c, *y, a))
        .collect();
    d
}

#[test]
fn excluded_categories_leave_the_cost_base() {
    let d = dossier(&[
        ("Prestation", Category::ExternalService, 2027, "100000.00"),
        ("Agents", Category::InternalStaff, 2027, "50000.00"),
        ("Formation", Category::Training, 2027, "10000.00"),
        ("Serveurs", Category::Hardware, 2027, "20000.00"),
        ("Licences", Category::Software, 2027, "5000.00"),
        ("IaaS", Category::CloudResources, 2027, "7000.00"),
        ("Nouvel écran", Category::FunctionalChange, 2027, "3000.00"),
        ("Divers", Category::Other, 2027, "1000.00"),
    ]);
    let e = evaluate(&d).estimate;
    assert_eq!(e.declared_total, dec!(196000.00));
    assert_eq!(e.excluded_total, dec!(35000.00));
    assert_eq!(e.cost_base, dec!(161000.00));
    assert_eq!(e.cofunding, dec!(80500.00));
    assert_eq!(e.applicant_share, dec!(115500.00));
    let hardware = e
        .by_category
        .iter()
        .find(|c| c.category == Category::Hardware)
        .expect("hardware");
    assert_eq!(hardware.excluded_by.as_deref(), Some("FTAP-EXCLUDED"));
    let training = e
        .by_category
        .iter()
        .find(|c| c.category == Category::Training)
        .expect("training");
    assert_eq!(training.excluded_by, None);
}

#[test]
fn itn9_excludes_nothing() {
    let mut d = dossier(&[("Serveurs", Category::Hardware, 2022, "100000.00")]);
    d.window = "ITN9-2021".into();
    d.budget.requested_rate = None;
    let e = evaluate(&d).estimate;
    assert_eq!(e.cost_base, dec!(100000.00));
    assert_eq!(
        e.cofunding,
        dec!(75000.00),
        "default rate is the window's cap, 75 %"
    );
}

#[test]
fn half_a_cent_rounds_up() {
    // 100 000,01 × 50 % = 50 000,005 → 50 000,01.
    let d = dossier(&[("Prestation", Category::ExternalService, 2027, "100000.01")]);
    let e = evaluate(&d).estimate;
    assert_eq!(e.cofunding, dec!(50000.01));
    assert_eq!(e.applicant_share, dec!(50000.00));
    // Just under half a cent rounds down: 100 000,03 × 33,33 % = 33 333,3399… → 33 333,34,
    // and 100 000,00 × 33,33 % = 33 330,00 exactly.
    let mut d = dossier(&[("Prestation", Category::ExternalService, 2027, "100000.00")]);
    d.budget.requested_rate = Some(Rate::new(dec!(0.3333)).expect("rate"));
    assert_eq!(evaluate(&d).estimate.cofunding, dec!(33330.00));
}

#[test]
fn a_rate_below_the_cap() {
    let mut d = dossier(&[("Prestation", Category::ExternalService, 2027, "250000.00")]);
    d.budget.requested_rate = Some(Rate::new(dec!(0.35)).expect("rate"));
    let e = evaluate(&d).estimate;
    assert_eq!(e.requested_rate.value(), dec!(0.35));
    assert_eq!(e.applied_rate.value(), dec!(0.35));
    assert_eq!(e.cofunding, dec!(87500.00));
}

#[test]
fn a_rate_above_the_cap_is_applied_at_the_cap() {
    let mut d = dossier(&[("Prestation", Category::ExternalService, 2027, "250000.00")]);
    d.budget.requested_rate = Some(Rate::new(dec!(0.60)).expect("rate"));
    let e = evaluate(&d).estimate;
    assert_eq!(e.requested_rate.value(), dec!(0.6));
    assert_eq!(e.applied_rate.value(), dec!(0.5));
    assert_eq!(e.cofunding, dec!(125000.00));
}

#[test]
fn years_add_up_to_the_total_to_the_cent() {
    // Three years of 33 333,33: each year's exact share is 16 666,665; rounded separately they
    // would add up to 50 000,01, one cent more than the total.
    let d = dossier(&[
        ("An 1", Category::ExternalService, 2027, "33333.33"),
        ("An 2", Category::ExternalService, 2028, "33333.33"),
        ("An 3", Category::ExternalService, 2029, "33333.33"),
    ]);
    let e = evaluate(&d).estimate;
    assert_eq!(e.cofunding, dec!(50000.00));
    let years: Vec<(i32, Decimal)> = e.by_year.iter().map(|y| (y.year, y.cofunding)).collect();
    assert_eq!(
        years,
        vec![
            (2027, dec!(16666.67)),
            (2028, dec!(16666.66)),
            (2029, dec!(16666.67))
        ]
    );
    let sum: Decimal = e.by_year.iter().map(|y| y.cofunding).sum();
    assert_eq!(sum, e.cofunding);
}

#[test]
fn per_year_splits_carry_declared_and_excluded() {
    let d = dossier(&[
        ("Prestation", Category::ExternalService, 2027, "120000.00"),
        ("Licences", Category::Software, 2027, "10000.00"),
        ("Prestation", Category::ExternalService, 2028, "80000.00"),
    ]);
    let e = evaluate(&d).estimate;
    let y2027 = &e.by_year[0];
    assert_eq!(
        (
            y2027.year,
            y2027.declared_total,
            y2027.excluded_total,
            y2027.cost_base
        ),
        (2027, dec!(130000), dec!(10000), dec!(120000))
    );
    assert_eq!(y2027.cofunding, dec!(60000.00));
    assert_eq!(e.by_year[1].cofunding, dec!(40000.00));
}

#[test]
fn check_json_writes_amounts_as_strings_with_two_decimals() {
    let d = dossier(&[("Prestation", Category::ExternalService, 2027, "125000")]);
    let json = serde_json::to_value(evaluate(&d)).expect("json");
    assert_eq!(json["estimate"]["declared_total"], "125000.00");
    assert_eq!(json["estimate"]["cofunding"], "62500.00");
    assert_eq!(json["estimate"]["requested_rate"], "0.50");
    assert_eq!(json["window"], "FTAP-2023");
}
