//! Speed, measured (criterion): check, draft save and open, JSON and PDF export at 10 to 10 000
//! budget lines, and one headless UI frame (egui run + tessellation) of the budget and review
//! steps at 100 to 5 000 lines, and the plan (years table, `budget.xlsx`, the chart's frame).
//! `cargo bench`; results in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dossier_cloud::domain::dossier::{BudgetLine, Category};
use dossier_cloud::domain::{Amount, Choice, Date, Dossier, Knowledge, Step};
use dossier_cloud::i18n::Lang;
use dossier_cloud::storage::{self, Encoding, Overwrite};
use dossier_cloud::ui::widgets::Inputs;
use rust_decimal::Decimal;

fn knowledge() -> Knowledge {
    Knowledge::builtin().expect("built-in rules")
}

/// The combined example with `n` generated budget lines.
fn dossier(n: usize) -> Dossier {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/combined.ron"
    ))
    .expect("example");
    let mut d = storage::parse(&text, Encoding::Ron, &knowledge().rules)
        .expect("example parses")
        .dossier;
    d.budget.lines = (0..n)
        .map(|i| BudgetLine {
            label: format!("Ligne {i} : prestation de migration, recette et accompagnement"),
            category: Category::ALL[i % Category::ALL.len()],
            year: 2027 + i32::try_from(i % 2).unwrap_or(0),
            amount_ttc: Amount::new(Decimal::new(
                i64::try_from(100_000 + i * 37).unwrap_or(0),
                2,
            ))
            .expect("amount"),
        })
        .collect();
    d
}

fn core(c: &mut Criterion) {
    let k = knowledge();
    let mut group = c.benchmark_group("core");
    for n in [10, 100, 1_000, 10_000] {
        let d = dossier(n);
        group.bench_with_input(BenchmarkId::new("check", n), &d, |b, d| {
            b.iter(|| k.evaluate(black_box(d)));
        });
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("projet.ron");
        group.bench_with_input(BenchmarkId::new("save_draft", n), &d, |b, d| {
            b.iter(|| {
                storage::save(&path, black_box(d), None, Overwrite::Chosen, &k.rules).expect("save")
            });
        });
        group.bench_with_input(BenchmarkId::new("open_draft", n), &path, |b, path| {
            b.iter(|| storage::load(black_box(path), &k.rules).expect("load"));
        });
        let ev = k.evaluate(&d).expect("window");
        group.bench_with_input(BenchmarkId::new("json_export", n), &d, |b, d| {
            b.iter(|| storage::to_json(black_box(d), Some(&ev)).expect("json"));
        });
        if n <= 1_000 {
            let on = Date::parse_iso("2026-11-23").expect("date");
            group.bench_with_input(BenchmarkId::new("pdf_export", n), &d, |b, d| {
                b.iter(|| {
                    dossier_cloud::export::pdf::render(&dossier_cloud::export::pdf::Source {
                        dossier: black_box(d),
                        evaluation: &ev,
                        knowledge: &k,
                        generated_on: on,
                        tr: dossier_cloud::i18n::texts(dossier_cloud::i18n::Lang::Fr),
                    })
                    .expect("pdf")
                });
            });
            // The whole pack as `export` writes it: PDF, JSON, schema, manifest, synced.
            let out = tempfile::tempdir().expect("tempdir");
            let options = dossier_cloud::export::Options {
                generated_on: on,
                zip: false,
                lang: dossier_cloud::i18n::Lang::Fr,
            };
            group.bench_with_input(BenchmarkId::new("pack_export", n), &d, |b, d| {
                b.iter(|| {
                    dossier_cloud::export::export(black_box(d), &k, out.path(), &options)
                        .expect("pack")
                });
            });
        }
    }
    group.finish();
}

fn frames(c: &mut Criterion) {
    let k = knowledge();
    let mut group = c.benchmark_group("ui_frame");
    group.sample_size(20);
    let cases = [100, 1_000, 5_000]
        .into_iter()
        .flat_map(|n| [(Step::Budget, n, Lang::Fr), (Step::Review, n, Lang::Fr)])
        // English looks labels up under built keys: the budget step has the most of them.
        .chain([(Step::Budget, 1_000, Lang::En)]);
    for (step, n, lang) in cases {
        let mut d = dossier(n);
        let ev = k.evaluate(&d).expect("window");
        let ctx = egui::Context::default();
        dossier_cloud::ui::theme::install(&ctx);
        let mut inputs = Inputs::default();
        let mut commands = Vec::new();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1440.0, 900.0),
            )),
            ..Default::default()
        };
        let id = match lang {
            Lang::Fr => step.id().to_owned(),
            Lang::En => format!("{}-en", step.id()),
        };
        group.bench_function(BenchmarkId::new(id, n), |b| {
            b.iter(|| {
                let output = ctx.run_ui(input(), |ui| {
                    egui::CentralPanel::default().show(ui, |ui| {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            let cx = dossier_cloud::ui::steps::StepCx {
                                tr: dossier_cloud::i18n::texts(lang),
                                knowledge: &k,
                                rules: None,
                                evaluation: &ev,
                                seen: &dossier_cloud::ui::seen::Seen::all(),
                                inputs: &mut inputs,
                                commands: &mut commands,
                                generation: 0,
                            };
                            dossier_cloud::ui::steps::step_ui(step, ui, &mut d, cx);
                        });
                    });
                });
                ctx.tessellate(output.shapes, output.pixels_per_point)
            });
        });
    }
    group.finish();
}

/// The plan: the years table (the estimate, which sums the lines into years and adds the
/// savings) at 10 000 lines and a 30-year horizon, `budget.xlsx` at 1 000 lines, and one frame of
/// the plan's chart and table alone.
fn plan(c: &mut Criterion) {
    let k = knowledge();
    let mut group = c.benchmark_group("plan");
    let rules = k.rules.window("FTAP-2023").expect("window");
    for (n, end) in [(10_000, "2028-12-31"), (10_000, "2052-12-31")] {
        let mut d = dossier(n);
        d.project.end = Some(Date::parse_iso(end).expect("date"));
        let years = k.evaluate(&d).expect("window").estimate.years.len();
        group.bench_with_input(
            BenchmarkId::new(format!("years_table_{years}_years"), n),
            &d,
            |b, d| b.iter(|| dossier_cloud::domain::estimate(black_box(d), rules)),
        );
    }
    let on = Date::parse_iso("2026-12-01").expect("date");
    for n in [100, 1_000] {
        let d = dossier(n);
        let ev = k.evaluate(&d).expect("window");
        group.bench_with_input(BenchmarkId::new("budget_xlsx", n), &d, |b, d| {
            b.iter(|| {
                dossier_cloud::export::xlsx::render(black_box(d), &ev, rules, on).expect("xlsx")
            });
        });
    }
    for end in ["2028-12-31", "2052-12-31"] {
        let mut d = dossier(1_000);
        d.project.end = Some(Date::parse_iso(end).expect("date"));
        let ev = k.evaluate(&d).expect("window");
        let ctx = egui::Context::default();
        dossier_cloud::ui::theme::install(&ctx);
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1440.0, 900.0),
            )),
            ..Default::default()
        };
        let tr = dossier_cloud::i18n::texts(Lang::Fr);
        let start = d.project.start.map(Date::year);
        group.bench_function(
            BenchmarkId::new("chart_frame_years", ev.estimate.years.len()),
            |b| {
                b.iter(|| {
                    let output = ctx.run_ui(input(), |ui| {
                        egui::CentralPanel::default().show(ui, |ui| {
                            dossier_cloud::ui::charts::plan_ui(
                                ui,
                                tr,
                                black_box(&ev.estimate),
                                start,
                                Some(rules),
                            );
                        });
                    });
                    ctx.tessellate(output.shapes, output.pixels_per_point)
                });
            },
        );
    }
    group.finish();
}

/// The prefill: matching the form's champs and building the body the API would receive, at
/// 1 000 and 10 000 budget lines (one table row each).
fn prefill(c: &mut Criterion) {
    let k = knowledge();
    let mut group = c.benchmark_group("prefill");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/platform/ftap-form.json"
    ))
    .expect("fixture");
    let description = dossier_cloud::platform::description::parse(&text).expect("description");
    let table = dossier_cloud::platform::FormTable::builtin().expect("table");
    let rules = k.rules.window("FTAP-2023").expect("window");
    for n in [1_000, 10_000] {
        let d = dossier(n);
        let ev = k.evaluate(&d).expect("window");
        let facts = dossier_cloud::platform::Facts {
            dossier: &d,
            evaluation: &ev,
            rules,
        };
        group.bench_with_input(BenchmarkId::new("match_and_body", n), &facts, |b, facts| {
            b.iter(|| {
                dossier_cloud::platform::prefill::build(
                    &description,
                    table,
                    black_box(facts),
                    &dossier_cloud::platform::prefill::Options {
                        pdf_name: "dossier.pdf",
                        base: dossier_cloud::platform::DEFAULT_BASE,
                        ties: &dossier_cloud::platform::prefill::Ties::new(),
                        known: &[],
                    },
                )
            });
        });
    }
    group.finish();
}

/// `diff` of two 10 000-line dossiers: the second with every tenth line's amount changed, the
/// lines in reverse order, and a field changed (issue 15: ≤ 50 ms).
fn diff(c: &mut Criterion) {
    let k = knowledge();
    let mut group = c.benchmark_group("diff");
    for n in [1_000, 10_000] {
        let before = dossier(n);
        let mut after = before.clone();
        after.project.title.push_str(" (scénario)");
        for line in after.budget.lines.iter_mut().step_by(10) {
            line.amount_ttc = Amount::new(line.amount_ttc.value() + Decimal::ONE).expect("amount");
        }
        after.budget.lines.reverse();
        let (eb, ea) = (
            k.evaluate(&before).expect("window"),
            k.evaluate(&after).expect("window"),
        );
        group.bench_with_input(BenchmarkId::new("two_dossiers", n), &n, |b, _| {
            b.iter(|| dossier_cloud::domain::diff::diff((black_box(&before), &eb), (&after, &ea)));
        });
    }
    group.finish();
}

/// The progress report after the award (issue 22) of the signed example, its spending repeated
/// to 1 000 and 10 000 entries over its years and its measures to 100 and 1 000: the report
/// (years, savings, targets, findings), and a frame of the « Suivi » step that shows it.
fn follow(c: &mut Criterion) {
    let k = knowledge();
    let mut group = c.benchmark_group("follow");
    group.sample_size(20);
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/suivi-migration.ron");
    let signed = dossier_cloud::storage::load(&path, &k.rules)
        .expect("example")
        .parsed
        .dossier;
    let at = dossier_cloud::domain::Date::from_ymd(2026, 12, 6).expect("date");
    let rules = k.rules.window(&signed.window).expect("window").clone();
    for n in [1_000, 10_000] {
        let d = entries(&signed, n);
        group.bench_with_input(BenchmarkId::new("report", n), &d, |b, d| {
            b.iter(|| dossier_cloud::domain::report::report(black_box(d), &rules, at));
        });
    }
    // A frame of the « Suivi » step's report (chart, tables, findings) at 10 000 entries: the
    // report is computed once for each change of the dossier, not at every frame.
    let mut d = entries(&signed, 10_000);
    let ev = k.evaluate(&d).expect("window");
    let ctx = egui::Context::default();
    dossier_cloud::ui::theme::install(&ctx);
    ctx.data_mut(|m| m.insert_temp(dossier_cloud::ui::steps::follow::report_at_id(), at));
    let mut inputs = Inputs::default();
    let mut commands = Vec::new();
    group.bench_function(BenchmarkId::new("dashboard_frame", 10_000), |b| {
        b.iter(|| {
            let output = ctx.run_ui(screen(), |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        let cx = dossier_cloud::ui::steps::StepCx {
                            tr: dossier_cloud::i18n::texts(Lang::Fr),
                            knowledge: &k,
                            rules: None,
                            evaluation: &ev,
                            seen: &dossier_cloud::ui::seen::Seen::all(),
                            inputs: &mut inputs,
                            commands: &mut commands,
                            generation: 0,
                        };
                        dossier_cloud::ui::steps::step_ui(Step::Follow, ui, &mut d, cx);
                    });
                });
            });
            ctx.tessellate(output.shapes, output.pixels_per_point)
        });
    });
    group.finish();
}

/// The signed example with its spending repeated to `n` entries and its measures to `n / 10`.
fn entries(signed: &dossier_cloud::domain::Dossier, n: usize) -> dossier_cloud::domain::Dossier {
    let mut d = signed.clone();
    let spending = d.tracking.spending.clone();
    d.tracking.spending = spending.iter().cycle().take(n).cloned().collect();
    let measures = d.tracking.measures.clone();
    d.tracking.measures = measures.iter().cycle().take(n / 10).cloned().collect();
    d
}

/// A 1440×900 window's input.
fn screen() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..Default::default()
    }
}

criterion_group!(benches, core, frames, plan, prefill, diff, follow);
criterion_main!(benches);
