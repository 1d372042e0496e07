//! Properties of the estimate and of drafts, over generated dossiers (proptest): what must hold
//! for any budget, not just the examples.

use dossier_cloud::domain::dossier::{BudgetLine, Category};
use dossier_cloud::domain::{Amount, Choice, Rate};
use dossier_cloud::storage::{self, Encoding};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::common::{evaluate, knowledge, ready};

fn category() -> impl Strategy<Value = Category> {
    (0..Category::ALL.len()).prop_map(|i| Category::ALL[i])
}

/// Amounts in cents, up to 2 000 000 €, with every number of decimals.
fn amount() -> impl Strategy<Value = Amount> {
    (0u64..200_000_000).prop_map(|cents| {
        Amount::new(Decimal::new(i64::try_from(cents).unwrap_or(0), 2)).expect("in range")
    })
}

fn line() -> impl Strategy<Value = BudgetLine> {
    (
        "[a-zA-Zéèàç0-9 ]{0,30}",
        category(),
        2025..2031i32,
        amount(),
    )
        .prop_map(|(label, category, year, amount_ttc)| BudgetLine {
            label,
            category,
            year,
            amount_ttc,
        })
}

/// A rate in ]0, 1] with up to four decimals.
fn rate() -> impl Strategy<Value = Rate> {
    (1i64..=10_000).prop_map(|n| Rate::new(Decimal::new(n, 4)).expect("in range"))
}

fn window() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("FTAP-2023"), Just("ITN9-2021")]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_estimate_holds_together(lines in prop::collection::vec(line(), 0..40), rate in rate(), window in window()) {
        let mut d = ready();
        d.window = window.to_owned();
        d.budget.lines = lines;
        d.budget.requested_rate = Some(rate);
        let rules = knowledge().rules.window(window).expect("window");
        let e = evaluate(&d).estimate;

        let declared: Decimal = d.budget.lines.iter().map(|l| l.amount_ttc.value()).sum();
        prop_assert_eq!(e.declared_total, declared);
        prop_assert_eq!(e.cost_base, e.declared_total - e.excluded_total);
        prop_assert!(e.cofunding <= rules.rate_cap.value() * e.cost_base + Decimal::new(5, 3), "cofunding within the cap, rounding aside");
        prop_assert!(e.cofunding <= e.applied_rate.value() * e.cost_base + Decimal::new(5, 3));
        prop_assert_eq!(e.cofunding, e.cofunding.round_dp(2), "a whole number of cents");
        prop_assert_eq!(e.applicant_share, e.declared_total - e.cofunding);

        let years = |f: fn(&dossier_cloud::domain::estimate::YearEstimate) -> Decimal| e.by_year.iter().map(f).sum::<Decimal>();
        prop_assert_eq!(years(|y| y.declared_total), e.declared_total);
        prop_assert_eq!(years(|y| y.excluded_total), e.excluded_total);
        prop_assert_eq!(years(|y| y.cost_base), e.cost_base);
        prop_assert_eq!(years(|y| y.cofunding), e.cofunding, "per-year cofunding adds up to the cent");
        let categories: Decimal = e.by_category.iter().map(|c| c.total).sum();
        prop_assert_eq!(categories, e.declared_total);
    }

    #[test]
    fn reordering_lines_changes_nothing(lines in prop::collection::vec(line(), 1..30), seed in any::<u64>()) {
        let mut d = ready();
        d.budget.lines = lines;
        let before = evaluate(&d);
        let mut shuffled = d.clone();
        let n = shuffled.budget.lines.len();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let j = usize::try_from(s >> 33).unwrap_or(0) % (i + 1);
            shuffled.budget.lines.swap(i, j);
        }
        let after = evaluate(&shuffled);
        prop_assert_eq!(&before.estimate, &after.estimate);
        let rules = |ev: &dossier_cloud::domain::Evaluation| {
            let mut r: Vec<(String, String)> = ev.findings.iter().filter(|f| !f.rule.starts_with("DOSSIER-BUDGET")).map(|f| (f.rule.clone(), f.message.clone())).collect();
            r.sort();
            r
        };
        prop_assert_eq!(rules(&before), rules(&after));
    }

    #[test]
    fn saving_then_opening_gives_an_equal_dossier(lines in prop::collection::vec(line(), 0..20), title in "\\PC{0,60}", rate in prop::option::of(rate())) {
        let mut d = ready();
        d.budget.lines = lines;
        d.project.title = title;
        d.budget.requested_rate = rate;
        let rules = &knowledge().rules;
        let ron = storage::to_ron(&d).expect("ron");
        prop_assert_eq!(&storage::parse(ron.as_bytes(), Encoding::Ron, rules).expect("ron reads back").dossier, &d);
        let json = storage::to_json(&d, None).expect("json");
        prop_assert_eq!(&storage::parse(json.as_bytes(), Encoding::Json, rules).expect("json reads back").dossier, &d);
    }

    #[test]
    fn the_french_amount_parser_reads_what_the_formatter_writes(cents in 0i64..100_000_000_000) {
        let value = Decimal::new(cents, 2);
        let shown = dossier_cloud::domain::money::format_number_fr(value, 2);
        prop_assert_eq!(Amount::parse_fr(&shown).map(Amount::value), Ok(value));
        let with_sign = dossier_cloud::domain::money::format_eur(value);
        prop_assert_eq!(Amount::parse_fr(&with_sign).map(Amount::value), Ok(value));
    }

    #[test]
    fn no_text_makes_the_parsers_panic(text in "\\PC{0,40}") {
        let _ = Amount::parse_fr(&text);
        let _ = Amount::parse_plain(&text);
        let _ = Rate::parse_percent_fr(&text);
        let _ = dossier_cloud::domain::Date::parse_fr(&text);
        let _ = dossier_cloud::domain::Date::parse_iso(&text);
        let rules = &knowledge().rules;
        let _ = storage::parse(text.as_bytes(), Encoding::Json, rules);
        let _ = storage::parse(text.as_bytes(), Encoding::Ron, rules);
    }
}
