//! The plan's, the schedule's and the follow-up's pictures in the PDF, drawn as vector shapes (rectangles and
//! lines, no image) from the same figures and palette as the window ([`crate::charts`]), each
//! with its caption in words.

use super::layout::{MARGIN_X, Style, TEXT_W, Writer, colour};
use crate::charts::{FollowChart, MarkKind, PlanChart, Timeline, palette};
use crate::i18n::Texts;

fn rgb([r, g, b]: [u8; 3]) -> (f32, f32, f32) {
    (
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    )
}

/// The plot's height, and the room for the labels around it, in points.
const PLOT_H: f32 = 170.0;
const AXIS_W: f32 = 48.0;
const LABEL_H: f32 = 12.0;

/// Where the plot sits on the page, in points from the top-left corner.
#[derive(Clone, Copy)]
struct Frame {
    top: f32,
    bottom: f32,
    left: f32,
    right: f32,
}

/// The room the plan's chart takes, its legend and caption included, in points.
pub const PLAN_HEIGHT: f32 = LABEL_H + PLOT_H + 2.0 * LABEL_H + 2.0 * LABEL_H + 3.0 * LABEL_H;

/// The plan's chart: stacked costs per year, cumulative savings, the share to reach, the payback.
pub fn plan(w: &mut Writer<'_>, tr: &Texts, chart: &PlanChart) {
    w.ensure(PLAN_HEIGHT);
    let top = w.y() + LABEL_H;
    let frame = Frame {
        top,
        bottom: top + PLOT_H,
        left: MARGIN_X + AXIS_W,
        right: MARGIN_X + TEXT_W,
    };
    amount_axis(w, &chart.ticks, |t| chart.fraction(t), frame);
    let savings = bars(w, chart, frame);
    let y_of = |amount| frame.bottom - PLOT_H * chart.fraction(amount);
    let share = y_of(chart.share);
    w.polyline(
        &[(frame.left, share), (frame.right, share)],
        rgb(palette::THRESHOLD),
        0.8,
        Some((4.0, 3.0)),
    );
    w.polyline(&savings, rgb(palette::SAVINGS), 1.6, None);
    if let Some((year, x)) = chart.payback.and_then(|year| {
        let at = chart.bars.iter().position(|b| b.year == year)?;
        Some((year, savings.get(at)?.0))
    }) {
        w.polyline(
            &[(x, frame.top), (x, frame.bottom)],
            rgb(palette::SAVINGS),
            0.8,
            Some((1.5, 1.5)),
        );
        let label = tr.tf("chart.plan.payback_mark", &[("year", &year)]);
        let style = Style::SMALL.coloured(rgb(palette::SAVINGS));
        let width = w.text_width(&label, style);
        w.text_at(
            (x - width / 2.0).min(frame.right - width),
            frame.top - LABEL_H,
            &label,
            style,
        );
    }
    w.space(LABEL_H + PLOT_H + 2.0 * LABEL_H);
    legend(
        w,
        &[
            (palette::COFUNDED, tr.t("chart.plan.cofunded")),
            (palette::APPLICANT, tr.t("chart.plan.applicant")),
            (palette::EXCLUDED, tr.t("chart.plan.excluded")),
            (palette::SAVINGS, tr.t("chart.plan.savings")),
            (palette::THRESHOLD, tr.t("chart.plan.share")),
        ],
    );
    if let Some(caption) = chart.describe(tr).first() {
        w.paragraph(caption, Style::SMALL);
    }
    w.space(6.0);
}

/// The room the follow-up's chart takes, its legend and caption included, in points.
pub const FOLLOW_HEIGHT: f32 = LABEL_H + PLOT_H + 2.0 * LABEL_H + LABEL_H + 3.0 * LABEL_H;

/// The follow-up's chart: per year, the cost base committed beside the cost base spent (in the
/// warning colour when the year is flagged; the table under it says so in words).
pub fn follow(w: &mut Writer<'_>, tr: &Texts, chart: &FollowChart) {
    w.ensure(FOLLOW_HEIGHT);
    let top = w.y() + LABEL_H;
    let frame = Frame {
        top,
        bottom: top + PLOT_H,
        left: MARGIN_X + AXIS_W,
        right: MARGIN_X + TEXT_W,
    };
    amount_axis(w, &chart.ticks, |t| chart.fraction(t), frame);
    let small = Style::SMALL;
    let count = chart.bars.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let slot = (frame.right - frame.left) / count as f32;
    let bar_w = slot * 0.3;
    let label_every = count / 12 + 1;
    for (i, bar) in chart.bars.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = frame.left + slot * i as f32;
        let spent = if bar.flagged {
            palette::THRESHOLD
        } else {
            palette::COFUNDED
        };
        for (left, amount, fill) in [
            (x + slot * 0.2, bar.committed, palette::APPLICANT),
            (x + slot * 0.5, bar.spent, spent),
        ] {
            let height = PLOT_H * chart.fraction(amount);
            if height > 0.0 {
                w.rect(left, frame.bottom - height, bar_w, height, rgb(fill));
            }
        }
        if i % label_every == 0 {
            let year = bar.year.to_string();
            let width = w.text_width(&year, small);
            w.text_at(x + (slot - width) / 2.0, frame.bottom + 3.0, &year, small);
        }
    }
    w.space(LABEL_H + PLOT_H + 2.0 * LABEL_H);
    let mut entries = vec![
        (palette::APPLICANT, tr.t("chart.follow.committed")),
        (palette::COFUNDED, tr.t("chart.follow.spent")),
    ];
    if chart.bars.iter().any(|b| b.flagged) {
        entries.push((palette::THRESHOLD, tr.t("chart.follow.flagged")));
    }
    legend(w, &entries);
    if let Some(caption) = chart.describe(tr).first() {
        w.paragraph(caption, Style::SMALL);
    }
    w.space(6.0);
}

/// The amounts up the left side, each with its grid line.
fn amount_axis(
    w: &mut Writer<'_>,
    ticks: &[rust_decimal::Decimal],
    fraction: impl Fn(rust_decimal::Decimal) -> f32,
    frame: Frame,
) {
    let small = Style::SMALL;
    for tick in ticks {
        let y = frame.bottom - PLOT_H * fraction(*tick);
        w.polyline(
            &[(frame.left, y), (frame.right, y)],
            colour::RULE,
            0.3,
            None,
        );
        let label = crate::domain::money::format_eur(*tick);
        let label = label.trim_end_matches(",00\u{A0}€").to_owned() + "\u{A0}€";
        let width = w.text_width(&label, small);
        w.text_at(
            frame.left - 4.0 - width,
            y - small.size / 2.0,
            &label,
            small,
        );
    }
    w.polyline(
        &[(frame.left, frame.bottom), (frame.right, frame.bottom)],
        rgb(palette::INK),
        0.8,
        None,
    );
}

/// The stacked bars and the years under them; returns the points of the savings line.
fn bars(w: &mut Writer<'_>, chart: &PlanChart, frame: Frame) -> Vec<(f32, f32)> {
    let small = Style::SMALL;
    let count = chart.bars.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let slot = (frame.right - frame.left) / count as f32;
    let bar_w = slot * 0.6;
    // At most twelve year labels under the bars.
    let label_every = count / 12 + 1;
    let mut savings = Vec::with_capacity(count);
    for (i, bar) in chart.bars.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = frame.left + slot * i as f32;
        let mut base = frame.bottom;
        for (amount, fill) in [
            (bar.cofunded, palette::COFUNDED),
            (bar.applicant, palette::APPLICANT),
            (bar.excluded, palette::EXCLUDED),
        ] {
            let height = PLOT_H * chart.fraction(amount);
            if height > 0.0 {
                w.rect(
                    x + (slot - bar_w) / 2.0,
                    base - height,
                    bar_w,
                    height,
                    rgb(fill),
                );
                base -= height;
            }
        }
        if i % label_every == 0 {
            let year = bar.year.to_string();
            let width = w.text_width(&year, small);
            w.text_at(x + (slot - width) / 2.0, frame.bottom + 3.0, &year, small);
        }
        savings.push((
            x + slot / 2.0,
            frame.bottom - PLOT_H * chart.fraction(bar.cumulative_savings),
        ));
    }
    savings
}

/// A row of colour swatches and what they stand for, wrapped to the text width.
fn legend(w: &mut Writer<'_>, entries: &[([u8; 3], &str)]) {
    let style = Style::SMALL;
    let mut x = MARGIN_X;
    let mut top = w.y();
    for &(colour, text) in entries {
        let width = 10.0 + w.text_width(text, style) + 12.0;
        if x + width > MARGIN_X + TEXT_W {
            x = MARGIN_X;
            top += LABEL_H;
        }
        w.rect(x, top + 1.5, 7.0, 7.0, rgb(colour));
        w.text_at(x + 10.0, top, text, style);
        x += width;
    }
    let used = top + LABEL_H - w.y();
    w.space(used + 2.0);
}

/// The schedule's timeline: the marks along a bar, labels alternately above and below.
pub fn timeline(w: &mut Writer<'_>, tr: &Texts, timeline: &Timeline) {
    let small = Style::SMALL;
    let height = 4.0 * LABEL_H + 10.0;
    w.ensure(height + 2.0 * LABEL_H);
    let bar_y = w.y() + 2.0 * LABEL_H;
    let left = MARGIN_X + 4.0;
    let right = MARGIN_X + TEXT_W - 4.0;
    let x_of = |date| left + (right - left) * timeline.position(date);
    w.rect(left, bar_y - 1.5, right - left, 3.0, colour::LIGHT);
    if let Some(fast) = timeline.marks.iter().find(|m| m.kind == MarkKind::Fast) {
        let from = x_of(timeline.from);
        w.rect(
            from,
            bar_y - 3.0,
            x_of(fast.date) - from,
            6.0,
            (0.90, 0.96, 0.92),
        );
    }
    for year in &timeline.years {
        let x = x_of(*year);
        w.polyline(
            &[(x, bar_y - 4.0), (x, bar_y + 4.0)],
            colour::RULE,
            0.6,
            None,
        );
        w.text_at(x + 2.0, bar_y + 3.0, &year.year().to_string(), small);
    }
    let texts: Vec<(String, (f32, f32, f32))> = timeline
        .marks
        .iter()
        .map(|mark| {
            let ink = match mark.kind {
                MarkKind::FirstImpact => rgb(palette::SAVINGS),
                MarkKind::Fast => rgb(palette::THRESHOLD),
                MarkKind::Start | MarkKind::End => rgb(palette::INK),
            };
            (
                format!("{} {}", mark.kind.label(tr), mark.date.to_fr()),
                ink,
            )
        })
        .collect();
    let anchors: Vec<(f32, f32)> = timeline
        .marks
        .iter()
        .zip(&texts)
        .map(|(mark, (text, _))| (x_of(mark.date), w.text_width(text, small)))
        .collect();
    let placed = crate::charts::place_labels(&anchors, MARGIN_X, MARGIN_X + TEXT_W, 8.0);
    for ((&(x, _), (text, ink)), (row, x_text)) in anchors.iter().zip(&texts).zip(placed) {
        w.rect(x - 3.0, bar_y - 3.0, 6.0, 6.0, *ink);
        let top = if row == 0 {
            bar_y - 5.0 - LABEL_H
        } else {
            bar_y + 5.0 + LABEL_H
        };
        w.text_at(x_text, top, text, small.coloured(*ink));
    }
    w.space(height);
    w.paragraph(&timeline.describe(tr), small);
    w.space(6.0);
}
