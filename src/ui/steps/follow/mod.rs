//! Step 10, once the commitment is signed: the progress report at a date — the years committed
//! against spent, savings, targets, milestones, payments, what falls due and the `TRACK-*`
//! findings, the same figures as `dossier-cloud report`, statuses said in words, not only in
//! colour — and, on its other tabs, what happens, entered (`entries`).

mod entries;

use egui::{Grid, RichText, Ui};

use super::StepCx;
use super::parse_date_required;
use crate::domain::money::format_eur;
use crate::domain::report::{self, Report};
use crate::domain::{Date, Dossier};
use crate::i18n::Texts;
use crate::present::follow::{self, Tone};
use crate::ui::theme;
use crate::ui::widgets::{date_field, help, labelled, section};

/// Where the report's date chosen in the step is kept for the session (the File menu's
/// « Exporter le rapport de suivi… » reads it too).
#[must_use]
pub fn report_at_id() -> egui::Id {
    egui::Id::unique("follow-report-at")
}

fn part_id() -> egui::Id {
    egui::Id::unique("follow-part")
}

/// Opens the step on its spending (after an import into it).
pub fn show_spending(ctx: &egui::Context) {
    ctx.data_mut(|m| m.insert_temp(part_id(), Part::Spending));
}

/// The report of the dossier at `at`, computed once for each change of the dossier (the step's
/// frames draw it again and again: at 10 000 spending entries it takes 2.6 ms, a frame's budget).
#[must_use]
pub fn cached_report(
    ctx: &egui::Context,
    d: &Dossier,
    rules: &crate::domain::RuleSet,
    at: Date,
    generation: u64,
) -> Option<std::sync::Arc<Report>> {
    type Kept = (u64, Date, String, Option<std::sync::Arc<Report>>);
    let id = egui::Id::unique("follow-report-cache");
    let kept: Option<Kept> = ctx.data(|m| m.get_temp(id));
    if let Some((g, on, window, report)) = kept
        && g == generation
        && on == at
        && window == rules.id
    {
        return report;
    }
    let report = report::report(d, rules, at).map(std::sync::Arc::new);
    ctx.data_mut(|m| {
        m.insert_temp::<Kept>(id, (generation, at, rules.id.clone(), report.clone()));
    });
    report
}

/// The parts of the step: the report, then each list of what happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Part {
    #[default]
    Report,
    Spending,
    Savings,
    Measures,
    Payments,
    Milestones,
}

/// Draws the follow-up step: its tabs, then the part chosen.
pub fn follow_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    let tr = cx.tr;
    let id = part_id();
    let mut part: Part = ui.data(|m| m.get_temp(id)).unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        for (p, label) in [
            (Part::Report, tr.t("follow.tab.report")),
            (Part::Spending, tr.t("follow.tab.spending")),
            (Part::Savings, tr.t("follow.tab.savings")),
            (Part::Measures, tr.t("follow.tab.measures")),
            (Part::Payments, tr.t("follow.tab.payments")),
            (Part::Milestones, tr.t("follow.tab.milestones")),
        ] {
            if ui.selectable_label(part == p, label).clicked() {
                part = p;
            }
        }
    });
    ui.data_mut(|m| m.insert_temp(id, part));
    ui.add_space(6.0);
    let Dossier {
        commitment,
        tracking,
        ..
    } = d;
    let Some(c) = commitment.as_ref() else {
        help(ui, tr.t("follow.unsigned"));
        return;
    };
    match part {
        Part::Report => {}
        Part::Spending => return entries::spending_ui(ui, tracking, cx),
        Part::Savings => return entries::savings_ui(ui, tracking, c, cx),
        Part::Measures => return entries::measures_ui(ui, tracking, c, cx),
        Part::Payments => return entries::payments_ui(ui, tracking, cx),
        Part::Milestones => return entries::milestones_ui(ui, tracking, c, cx),
    }
    report_ui(ui, d, cx);
}

/// The report at a date.
fn report_ui(ui: &mut Ui, d: &Dossier, cx: &mut StepCx<'_>) {
    let tr = cx.tr;
    let Some(rules) = cx.rules else {
        return;
    };
    // The report's date: today unless another is chosen (a past « revue de projet », the end of
    // a quarter); kept for the session, not in the dossier.
    let id = report_at_id();
    let mut at: Date = ui.data(|m| m.get_temp(id)).unwrap_or_else(Date::today);
    // Its text while typed is the window's, not the dossier's: a date half typed here is no
    // field of the dossier to correct.
    let texts_id = egui::Id::unique("follow-report-at-text");
    let mut inputs: crate::ui::widgets::Inputs =
        ui.data(|m| m.get_temp(texts_id)).unwrap_or_default();
    let Some(report) = cached_report(ui.ctx(), d, rules, at, cx.generation) else {
        help(ui, tr.t("follow.unsigned"));
        return;
    };
    help(ui, &tr.tf("follow.help", &[("date", &at.to_fr())]));
    let shown = at;
    labelled(ui, tr.t("follow.at"), |ui| {
        date_field(
            ui,
            tr,
            &mut inputs,
            "report.at",
            tr.t("follow.at"),
            &mut at,
            |d| d.to_fr(),
            |t| parse_date_required(tr, t),
            |d| d,
            Some(shown),
        )
    });
    ui.data_mut(|m| {
        m.insert_temp(id, at);
        m.insert_temp(texts_id, inputs);
    });
    if ui.button(tr.t("menu.file.report")).clicked() {
        cx.commands
            .push(crate::ui::command::Command::Report(report.at));
    }
    if d.commitment
        .as_ref()
        .is_some_and(|c| !c.amendments.is_empty())
        && ui.button(tr.t("follow.compare_amendment")).clicked()
    {
        cx.commands
            .push(crate::ui::command::Command::CompareAmendment);
    }
    howto(ui, tr, rules);
    head(ui, tr, &report);
    years(ui, tr, &report);
    savings(ui, tr, &report);
    targets(ui, tr, &report);
    milestones(ui, tr, &report);
    payments(ui, tr, &report, d);
    due(ui, tr, &report);
    findings(ui, cx, &report);
    platform(ui, cx, d.platform.as_ref());
}

/// « Sur la plateforme »: when the dossier was handed over, then each state the platform said
/// when asked (« État sur la plateforme », in the hand-over's dialog: asking is the user's act,
/// never the step's).
fn platform(
    ui: &mut Ui,
    cx: &mut StepCx<'_>,
    record: Option<&crate::domain::dossier::PlatformRecord>,
) {
    let tr = cx.tr;
    section(ui, tr.t("follow.platform"));
    let Some(record) = record else {
        help(ui, tr.t("follow.platform.none"));
        return;
    };
    let mut rows = vec![vec![
        plain(crate::present::local_date_time(&record.sent_at)),
        plain(tr.tf(
            "follow.platform.sent",
            &[("number", &record.dossier_number), ("base", &record.base)],
        )),
    ]];
    rows.extend(record.timeline.iter().map(|s| {
        vec![
            plain(crate::present::local_date_time(&s.asked_at)),
            plain(crate::present::platform_state(tr, s)),
        ]
    }));
    table(
        ui,
        "follow-platform",
        &[tr.t("follow.col.date"), tr.t("follow.platform.col.state")],
        &rows,
    );
    if record.timeline.is_empty() {
        help(ui, tr.t("follow.platform.never_asked"));
    }
    let url = crate::platform::client::Client::new(
        &record.base,
        crate::platform::client::DEFAULT_TIMEOUT,
    )
    .dossiers_url(record.demarche);
    if ui
        .button(tr.t("follow.platform.ask"))
        .on_hover_text(tr.tf("handover.status.hint", &[("url", &url)]))
        .clicked()
    {
        cx.commands
            .push(crate::ui::command::Command::PlatformStatus);
    }
}

fn head(ui: &mut Ui, tr: &Texts, r: &Report) {
    ui.label(RichText::new(follow::head(tr, r)).strong());
}

/// A status's colour.
fn colour(tone: Tone) -> egui::Color32 {
    match tone {
        Tone::Plain => theme::TEXT,
        Tone::Good => theme::GREEN,
        Tone::Watch => theme::ORANGE,
        Tone::Bad => theme::RED,
        Tone::Muted => theme::TEXT_MUTED,
    }
}

/// A table of strings, its header first; where the step is too narrow for its columns, each
/// row becomes a small block (its first cell, then each title beside its value), so that nothing
/// runs past the step's edge.
fn table(ui: &mut Ui, id: &str, header: &[&str], rows: &[Vec<(String, egui::Color32)>]) {
    let spacing = 18.0;
    let width = |text: &str, strong: bool| {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let text = if strong {
            egui::RichText::new(text).strong()
        } else {
            egui::RichText::new(text)
        };
        egui::WidgetText::from(text)
            .into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, font)
            .size()
            .x
    };
    // The columns' widest cells, side by side.
    let needed: f32 = header
        .iter()
        .enumerate()
        .map(|(i, title)| {
            rows.iter()
                .filter_map(|row| row.get(i))
                .map(|(text, _)| width(text, false))
                .fold(width(title, true), f32::max)
                + spacing
        })
        .sum();
    if ui.available_width() < needed {
        for row in rows {
            let mut cells = row.iter();
            if let Some((first, colour)) = cells.next() {
                ui.label(RichText::new(first).strong().color(*colour));
            }
            for (title, (text, colour)) in header.iter().skip(1).zip(cells) {
                ui.add(
                    egui::Label::new(RichText::new(format!("{title} : {text}")).color(*colour))
                        .wrap(),
                );
            }
            ui.add_space(6.0);
        }
        return;
    }
    Grid::new(id)
        .striped(true)
        .num_columns(header.len())
        .spacing([spacing, 4.0])
        .show(ui, |ui| {
            for title in header {
                ui.label(RichText::new(*title).strong().color(theme::TEXT_MUTED));
            }
            ui.end_row();
            for row in rows {
                for (text, colour) in row {
                    ui.label(RichText::new(text).color(*colour));
                }
                ui.end_row();
            }
        });
}

fn plain(text: impl Into<String>) -> (String, egui::Color32) {
    (text.into(), theme::TEXT)
}

fn years(ui: &mut Ui, tr: &Texts, report: &Report) {
    let years = &report.years;
    section(ui, tr.t("follow.years"));
    let Some(chart) = crate::charts::FollowChart::of(report) else {
        help(ui, tr.t("follow.years.none"));
        return;
    };
    crate::ui::charts::follow_chart(ui, tr, &chart);
    let rows: Vec<Vec<(String, egui::Color32)>> = years
        .iter()
        .map(|y| {
            let (status, tone) = follow::year_status(tr, y);
            vec![
                plain(y.year.to_string()),
                plain(format_eur(y.committed_cost_base)),
                plain(format_eur(y.spent_cost_base)),
                plain(follow::variance(y)),
                (status, colour(tone)),
            ]
        })
        .collect();
    table(
        ui,
        "follow-years",
        &[
            tr.t("follow.col.year"),
            tr.t("follow.col.committed"),
            tr.t("follow.col.spent"),
            tr.t("follow.col.variance"),
            tr.t("follow.col.status"),
        ],
        &rows,
    );
    // What was spent in all, excluded costs included, beside the table (its column made the
    // table too wide for the step).
    if let Some(text) = follow::spent_in_all(tr, years) {
        help(ui, &text);
    }
}

fn savings(ui: &mut Ui, tr: &Texts, r: &Report) {
    section(ui, tr.t("follow.savings"));
    let s = &r.savings;
    if s.years.is_empty() {
        help(ui, tr.t("follow.savings.none"));
        return;
    }
    let mut rows: Vec<Vec<(String, egui::Color32)>> = s
        .years
        .iter()
        .map(|y| {
            vec![
                plain(y.year.to_string()),
                plain(format_eur(y.committed)),
                plain(format_eur(y.realized)),
            ]
        })
        .collect();
    rows.push(vec![
        plain(tr.t("follow.to_date")),
        plain(format_eur(s.committed_to_date)),
        plain(format_eur(s.realized_to_date)),
    ]);
    table(
        ui,
        "follow-savings",
        &[
            tr.t("follow.col.year"),
            tr.t("follow.col.committed"),
            tr.t("follow.col.realized"),
        ],
        &rows,
    );
}

fn targets(ui: &mut Ui, tr: &Texts, r: &Report) {
    section(ui, tr.t("follow.indicators"));
    if r.indicators.is_empty() {
        help(ui, tr.t("follow.indicators.none"));
        return;
    }
    // One small table per indicator, under its name and its latest measure (the same for all
    // its targets): the names are too long to share a row with the figures.
    let mut names: Vec<&str> = Vec::new();
    for t in &r.indicators {
        if !names.contains(&t.indicator.as_str()) {
            names.push(&t.indicator);
        }
    }
    for (n, name) in names.into_iter().enumerate() {
        let targets: Vec<_> = r
            .indicators
            .iter()
            .filter(|t| t.indicator == name)
            .collect();
        let Some(first) = targets.first() else {
            continue;
        };
        ui.add_space(4.0);
        ui.add(egui::Label::new(RichText::new(follow::indicator(tr, name)).strong()).wrap());
        help(
            ui,
            &tr.tf("follow.latest", &[("latest", &follow::latest(tr, first))]),
        );
        let rows: Vec<Vec<(String, egui::Color32)>> = targets
            .iter()
            .map(|t| {
                let (status, tone) = follow::target_status(tr, t);
                vec![
                    plain(t.date.to_fr()),
                    plain(follow::target(t)),
                    (status, colour(tone)),
                ]
            })
            .collect();
        table(
            ui,
            &format!("follow-targets-{n}"),
            &[
                tr.t("follow.col.date"),
                tr.t("follow.col.target"),
                tr.t("follow.col.status"),
            ],
            &rows,
        );
    }
}

fn milestones(ui: &mut Ui, tr: &Texts, r: &Report) {
    section(ui, tr.t("follow.milestones"));
    if r.milestones.is_empty() {
        help(ui, tr.t("follow.milestones.none"));
        return;
    }
    let rows: Vec<Vec<(String, egui::Color32)>> = r
        .milestones
        .iter()
        .map(|m| {
            let (status, tone) = follow::milestone_status(tr, m);
            vec![
                plain(m.name.trim()),
                plain(m.date.to_fr()),
                (status, colour(tone)),
            ]
        })
        .collect();
    table(
        ui,
        "follow-milestones",
        &[
            tr.t("follow.col.milestone"),
            tr.t("follow.col.date"),
            tr.t("follow.col.status"),
        ],
        &rows,
    );
}

fn payments(ui: &mut Ui, tr: &Texts, r: &Report, d: &Dossier) {
    section(ui, tr.t("follow.payments"));
    // The calendar as signed, each payment with its date passed or to come.
    if let Some(c) = &d.commitment {
        let rows: Vec<Vec<(String, egui::Color32)>> = c
            .payments
            .iter()
            .map(|p| {
                let when = if p.date <= r.at {
                    (tr.t("follow.payment.due").to_owned(), theme::TEXT)
                } else {
                    (tr.t("follow.payment.to_come").to_owned(), theme::TEXT_MUTED)
                };
                vec![
                    plain(p.date.to_fr()),
                    plain(format_eur(p.amount.value())),
                    plain(crate::present::or_dash(&p.condition)),
                    when,
                ]
            })
            .collect();
        if !rows.is_empty() {
            table(
                ui,
                "follow-payments",
                &[
                    tr.t("follow.col.date"),
                    tr.t("follow.col.amount"),
                    tr.t("follow.col.condition"),
                    tr.t("follow.col.status"),
                ],
                &rows,
            );
        }
    }
    ui.add(
        egui::Label::new(tr.tf(
            "follow.payments.text",
            &[
                ("planned", &format_eur(r.payments.planned_to_date)),
                ("received", &format_eur(r.payments.received_to_date)),
            ],
        ))
        .wrap(),
    );
}

fn due(ui: &mut Ui, tr: &Texts, r: &Report) {
    section(ui, &tr.tf("follow.due", &[("days", &report::DUE_DAYS)]));
    if r.due.is_empty() {
        help(ui, tr.t("follow.due.none"));
        return;
    }
    for item in &r.due {
        ui.label(format!(
            "{} — {}",
            item.date.to_fr(),
            tr.due_item(&item.item)
        ));
    }
}

fn findings(ui: &mut Ui, cx: &StepCx<'_>, r: &Report) {
    let tr = cx.tr;
    section(ui, tr.t("follow.findings"));
    if r.findings.is_empty() {
        ui.label(RichText::new(tr.t("follow.findings.none")).color(theme::GREEN));
        return;
    }
    // A rule's first findings, then the rest on request: one advisory a spending in an excluded
    // category makes thousands in a large follow-up, and the report's other parts must stay in
    // view (the exported report lists them all).
    let id = egui::Id::unique("follow-findings-all");
    let all: bool = ui.data(|m| m.get_temp(id)).unwrap_or(false);
    let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut hidden = 0;
    for finding in &r.findings {
        let count = shown.entry(finding.rule.as_str()).or_default();
        *count += 1;
        if !all && *count > FINDINGS_A_RULE {
            hidden += 1;
            continue;
        }
        let fg = theme::severity_colours(finding.severity).0;
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(crate::present::capitalised(tr.severity(finding.severity)))
                    .color(fg)
                    .strong(),
            );
            ui.label(RichText::new(tr.finding(finding, cx.rules)).color(fg));
        });
    }
    if hidden > 0
        && ui
            .button(tr.tf("follow.findings.more", &[("n", &hidden)]))
            .clicked()
    {
        ui.data_mut(|m| m.insert_temp(id, true));
    }
}

/// The findings of one rule shown before « Afficher les autres ».
const FINDINGS_A_RULE: usize = 10;

/// « Comment lire ce rapport »: how the figures are made, as `domain::report` computes them,
/// with the window's shares.
fn howto(ui: &mut Ui, tr: &Texts, rules: &crate::domain::RuleSet) {
    egui::CollapsingHeader::new(tr.t("follow.howto"))
        .id_salt("follow-howto")
        .show(ui, |ui| {
            // The shares as the window's rules hold them.
            let shares = report::Shares::of(rules);
            let said = |share: Option<crate::domain::Rate>| {
                share.map_or_else(|| "—".to_owned(), crate::domain::Rate::percent_fr)
            };
            let (variance, shortfall) = (said(shares.variance), said(shares.savings_shortfall));
            for text in [
                tr.tf("follow.howto.years", &[("share", &variance)]),
                tr.tf("follow.howto.savings", &[("share", &shortfall)]),
                tr.t("follow.howto.targets").to_owned(),
                tr.t("follow.howto.milestones").to_owned(),
                tr.tf("follow.howto.due", &[("days", &report::DUE_DAYS)]),
            ] {
                ui.add(egui::Label::new(text).wrap());
            }
        });
}
