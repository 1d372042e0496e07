//! The pictures in the window: the plan over the years (`egui_plot`: stacked bars of the costs, the
//! cumulative savings as a line, the applicant's share to reach, the payback year marked), with
//! its table of years as the text equivalent; and the schedule's timeline. Both draw the figures
//! of [`crate::charts`], which the PDF draws too.

use egui::{RichText, Sense, Stroke, Ui};
use egui_plot::{Bar, BarChart, GridMark, HLine, Line, LineStyle, Plot, PlotPoints, VLine};

use rust_decimal::Decimal;

use crate::charts::{FollowChart, MarkKind, PlanBar, PlanChart, Timeline, palette};
use crate::domain::money::{format_eur, format_number_fr};
use crate::domain::{Estimate, RuleSet};
use crate::i18n::Texts;
use crate::ui::theme::{self, rgb};
use crate::ui::widgets::{legend, section};

/// The plan's section: title, reading, chart and table of years.
pub fn plan_ui(
    ui: &mut Ui,
    tr: &Texts,
    e: &Estimate,
    start_year: Option<i32>,
    rules: Option<&RuleSet>,
) {
    section(ui, tr.t("plan.title"));
    let horizon = rules.map_or(5, |r| r.plan_horizon_years);
    ui.label(
        RichText::new(tr.tf("plan.help", &[("horizon", &horizon)]))
            .small()
            .color(theme::TEXT_MUTED),
    );
    let Some(chart) = PlanChart::of(e, start_year) else {
        ui.label(RichText::new(tr.t("plan.none")).color(theme::TEXT_MUTED));
        return;
    };
    let last = chart.bars.last().map_or(0, |b| b.year);
    let headline = match chart.payback {
        Some(year) => RichText::new(tr.tf("plan.payback", &[("year", &year)])).color(theme::GREEN),
        None => RichText::new(tr.tf("plan.payback.none", &[("last", &last)])).color(theme::ORANGE),
    };
    ui.label(headline.strong());
    plan_chart(ui, tr, &chart);
    years_table(ui, tr, e, &chart);
}

/// The chart itself; its accessible name says it in words.
fn plan_chart(ui: &mut Ui, tr: &Texts, chart: &PlanChart) {
    let summary = chart.describe(tr).join(" ");
    let first = chart.bars.first().map_or(0, |b| b.year);
    let last = chart.bars.last().map_or(0, |b| b.year);
    let ticks = tick_labels(&chart.ticks, |t| chart.fraction(t));
    let response = axes("plan-chart", ticks, first, last).show(ui, |plot| {
        let f = |amount| f64::from(chart.fraction(amount));
        let layer = |name: &str, colour: [u8; 3], part: fn(&PlanBar) -> Decimal| {
            let bars = chart
                .bars
                .iter()
                .map(|b| {
                    Bar::new(f64::from(b.year), f(part(b)))
                        .width(0.6)
                        .fill(rgb(colour))
                        .stroke(Stroke::NONE)
                })
                .collect();
            BarChart::new(name, bars).color(rgb(colour))
        };
        let cofunded = layer(tr.t("chart.plan.cofunded"), palette::COFUNDED, |b| {
            b.cofunded
        });
        let applicant = layer(tr.t("chart.plan.applicant"), palette::APPLICANT, |b| {
            b.applicant
        })
        .stack_on(&[&cofunded]);
        let excluded = layer(tr.t("chart.plan.excluded"), palette::EXCLUDED, |b| {
            b.excluded
        })
        .stack_on(&[&cofunded, &applicant]);
        plot.bar_chart(cofunded);
        plot.bar_chart(applicant);
        plot.bar_chart(excluded);
        plot.hline(
            HLine::new(tr.t("chart.plan.share"), f(chart.share))
                .color(rgb(palette::THRESHOLD))
                .style(LineStyle::dashed_loose()),
        );
        let savings: Vec<[f64; 2]> = chart
            .bars
            .iter()
            .map(|b| [f64::from(b.year), f(b.cumulative_savings)])
            .collect();
        plot.line(
            Line::new(tr.t("chart.plan.savings"), PlotPoints::from(savings))
                .color(rgb(palette::SAVINGS))
                .width(2.5),
        );
        if let Some(year) = chart.payback {
            let label = tr.tf("chart.plan.payback_mark", &[("year", &year)]);
            plot.vline(
                VLine::new(label.clone(), f64::from(year))
                    .color(rgb(palette::SAVINGS))
                    .style(LineStyle::dotted_dense()),
            );
            plot.text(
                egui_plot::Text::new(
                    "payback",
                    egui_plot::PlotPoint::new(f64::from(year), 1.02),
                    RichText::new(label).small().color(rgb(palette::SAVINGS)),
                )
                .anchor(egui::Align2::CENTER_BOTTOM),
            );
        }
    });
    let _ = response.response.accessible_name(summary);
    ui.horizontal_wrapped(|ui| {
        for (colour, text) in [
            (palette::COFUNDED, tr.t("chart.plan.cofunded")),
            (palette::APPLICANT, tr.t("chart.plan.applicant")),
            (palette::EXCLUDED, tr.t("chart.plan.excluded")),
            (palette::SAVINGS, tr.t("chart.plan.savings")),
            (palette::THRESHOLD, tr.t("chart.plan.share")),
        ] {
            legend(ui, rgb(colour), text);
        }
    });
}

/// The follow-up's chart: for each year of the commitment, the cost base committed beside the
/// cost base spent (in the warning colour when `TRACK-VARIANCE` flags the year, which the table
/// beside says in words); its accessible name says it all.
pub fn follow_chart(ui: &mut Ui, tr: &Texts, chart: &FollowChart) {
    let summary = chart.describe(tr).join(" ");
    let first = chart.bars.first().map_or(0, |b| b.year);
    let last = chart.bars.last().map_or(0, |b| b.year);
    let ticks = tick_labels(&chart.ticks, |t| chart.fraction(t));
    let response = axes("follow-chart", ticks, first, last).show(ui, |plot| {
        let f = |amount| f64::from(chart.fraction(amount));
        let bar = |year: i32, offset: f64, amount: Decimal, colour: [u8; 3]| {
            Bar::new(f64::from(year) + offset, f(amount))
                .width(0.34)
                .fill(rgb(colour))
                .stroke(Stroke::NONE)
        };
        let committed = chart
            .bars
            .iter()
            .map(|b| bar(b.year, -0.18, b.committed, palette::APPLICANT))
            .collect();
        let spent = chart
            .bars
            .iter()
            .map(|b| {
                let colour = if b.flagged {
                    palette::THRESHOLD
                } else {
                    palette::COFUNDED
                };
                bar(b.year, 0.18, b.spent, colour)
            })
            .collect();
        plot.bar_chart(
            BarChart::new(tr.t("chart.follow.committed"), committed).color(rgb(palette::APPLICANT)),
        );
        plot.bar_chart(
            BarChart::new(tr.t("chart.follow.spent"), spent).color(rgb(palette::COFUNDED)),
        );
    });
    let _ = response.response.accessible_name(summary);
    ui.horizontal_wrapped(|ui| {
        legend(ui, rgb(palette::APPLICANT), tr.t("chart.follow.committed"));
        legend(ui, rgb(palette::COFUNDED), tr.t("chart.follow.spent"));
        if chart.bars.iter().any(|b| b.flagged) {
            legend(ui, rgb(palette::THRESHOLD), tr.t("chart.follow.flagged"));
        }
    });
}

/// Each mark of an axis: its height as a share of the axis, and its label.
fn tick_labels(ticks: &[Decimal], fraction: impl Fn(Decimal) -> f32) -> Vec<(f64, String)> {
    ticks
        .iter()
        .map(|t| (f64::from(fraction(*t)), short_amount(*t)))
        .collect()
}

/// The frame of a chart over years: still (no zoom, no drag), years along, amounts up (as shares
/// of the axis' top, labelled with the chart's round amounts).
fn axes(id: &'static str, ticks: Vec<(f64, String)>, first: i32, last: i32) -> Plot<'static> {
    let step = ticks.get(1).map_or(1.0, |t| t.0);
    // At most ten year labels: a 20-year horizon stays legible. The labelled years are the
    // axis' major marks (egui_plot labels a mark only when its step leaves room for the text).
    let label_every = (last - first) / 10 + 1;
    let marks = ticks.clone();
    Plot::new(id)
        .height(240.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .include_y(1.1)
        .include_x(f64::from(first) - 0.6)
        .include_x(f64::from(last) + 0.6)
        .x_grid_spacer(move |_| {
            (first..=last)
                .map(|y| GridMark {
                    value: f64::from(y),
                    // Labelled years are major marks, whatever the zoom.
                    step_size: if (y - first) % label_every == 0 {
                        10.0 * f64::from(label_every)
                    } else {
                        1.0
                    },
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _| {
            let year = mark.value.round();
            if (year - f64::from(first)).rem_euclid(f64::from(label_every)) < 0.5 {
                format!("{year:.0}")
            } else {
                String::new()
            }
        })
        .y_grid_spacer(move |_| {
            marks
                .iter()
                .map(|(value, _)| GridMark {
                    value: *value,
                    step_size: step,
                })
                .collect()
        })
        .y_axis_formatter(move |mark, _| {
            ticks
                .iter()
                .find(|(value, _)| (value - mark.value).abs() < 1e-6)
                .map(|(_, label)| label.clone())
                .unwrap_or_default()
        })
}

/// An axis label: `250 k€`, `1,5 M€`.
fn short_amount(amount: Decimal) -> String {
    let million = Decimal::from(1_000_000);
    let thousand = Decimal::from(1_000);
    let (value, unit) = if amount.abs() >= million {
        (amount / million, "M€")
    } else if amount.abs() >= thousand {
        (amount / thousand, "k€")
    } else {
        (amount, "€")
    };
    let value = value.round_dp(2).normalize();
    let decimals = usize::try_from(value.scale()).unwrap_or(0);
    format!("{}\u{A0}{unit}", format_number_fr(value, decimals))
}

/// The table of years: the chart's text equivalent, and what reviewers read.
fn years_table(ui: &mut Ui, tr: &Texts, e: &Estimate, chart: &PlanChart) {
    ui.add_space(4.0);
    ui.label(theme::bold(tr.t("plan.table")).small());
    // A narrow window (or 150 %) scrolls the table sideways rather than cutting its columns.
    egui::ScrollArea::horizontal()
        .id_salt("plan-years")
        .show(ui, |ui| years_grid(ui, tr, e, chart));
}

fn years_grid(ui: &mut Ui, tr: &Texts, e: &Estimate, chart: &PlanChart) {
    egui::Grid::new("plan-years-grid")
        .num_columns(6)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for title in [
                tr.t("plan.col.year"),
                tr.t("plan.col.declared"),
                tr.t("plan.col.cofunding"),
                tr.t("plan.col.applicant"),
                tr.t("plan.col.savings"),
                tr.t("plan.col.cumulative"),
            ] {
                ui.label(theme::bold(title).small());
            }
            ui.end_row();
            for (y, bar) in e.years.iter().zip(&chart.bars) {
                let year = RichText::new(y.year.to_string());
                ui.label(if chart.payback == Some(y.year) {
                    year.strong().color(theme::GREEN)
                } else {
                    year
                });
                for amount in [
                    y.declared_total,
                    y.cofunding,
                    y.applicant_share(),
                    y.savings,
                    bar.cumulative_savings,
                ] {
                    ui.label(format_eur(amount));
                }
                ui.end_row();
            }
        });
}

/// The schedule's timeline: a bar from the first mark to the last, each mark with its date.
pub fn timeline_ui(ui: &mut Ui, tr: &Texts, timeline: &Timeline) {
    section(ui, tr.t("chart.timeline.name"));
    let width = ui.available_width().min(900.0);
    let rows = 2.0 * ui.text_style_height(&egui::TextStyle::Small) + 4.0;
    let height = 26.0 + 2.0 * rows;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    let _ = response.accessible_name(timeline.describe(tr));
    let painter = ui.painter_at(rect.expand(2.0));
    let ink = rgb(palette::INK);
    let left = rect.left() + 8.0;
    let right = rect.right() - 8.0;
    let bar_y = rect.top() + rows + 10.0;
    let x_of = |date| left + (right - left) * timeline.position(date);
    painter.line_segment(
        [egui::pos2(left, bar_y), egui::pos2(right, bar_y)],
        Stroke::new(4.0, theme::BLUE_LIGHT),
    );
    // The first months, where FTAP-FAST wants the first impact, as a band along the bar.
    if let Some(fast) = timeline.marks.iter().find(|m| m.kind == MarkKind::Fast) {
        let from = x_of(timeline.from);
        painter.line_segment(
            [egui::pos2(from, bar_y), egui::pos2(x_of(fast.date), bar_y)],
            Stroke::new(8.0, theme::GREEN_LIGHT),
        );
    }
    let font = egui::TextStyle::Small.resolve(ui.style());
    for year in &timeline.years {
        let x = x_of(*year);
        painter.line_segment(
            [egui::pos2(x, bar_y - 4.0), egui::pos2(x, bar_y + 4.0)],
            Stroke::new(1.0, theme::BORDER),
        );
        painter.text(
            egui::pos2(x + 2.0, bar_y + 5.0),
            egui::Align2::LEFT_TOP,
            year.year().to_string(),
            font.clone(),
            theme::TEXT_MUTED,
        );
    }
    // Labels above and below the bar, placed so that marks close in time do not overlap.
    let galleys: Vec<(f32, std::sync::Arc<egui::Galley>, egui::Color32)> = timeline
        .marks
        .iter()
        .map(|mark| {
            let mark_colour = match mark.kind {
                MarkKind::FirstImpact => rgb(palette::SAVINGS),
                MarkKind::Fast => rgb(palette::THRESHOLD),
                MarkKind::Start | MarkKind::End => ink,
            };
            let text = format!("{} {}", mark.kind.label(tr), mark.date.to_fr());
            let galley = painter.layout_no_wrap(text, font.clone(), mark_colour);
            (x_of(mark.date), galley, mark_colour)
        })
        .collect();
    let anchors: Vec<(f32, f32)> = galleys.iter().map(|(x, g, _)| (*x, g.size().x)).collect();
    let placed = crate::charts::place_labels(&anchors, rect.left(), rect.right(), 8.0);
    for ((x, galley, mark_colour), (row, x_text)) in galleys.into_iter().zip(placed) {
        painter.circle_filled(egui::pos2(x, bar_y), 5.0, mark_colour);
        let y = if row == 0 {
            bar_y - 8.0 - galley.size().y
        } else {
            bar_y + 8.0 + rows / 2.0 + 2.0
        };
        painter.galley(egui::pos2(x_text, y), galley, mark_colour);
    }
}
