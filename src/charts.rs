//! The pictures of the dossier as figures and proportions, drawn by both the window and the PDF:
//! the plan over the years (stacked costs, cumulative savings, the payback), the schedule's
//! timeline (start, first impact, the six-month mark of FTAP-FAST, end) and, once signed, the
//! years committed against spent ([`FollowChart`]). Each also says itself in
//! words, for screen readers and for the PDF's reader who cannot see colours.
//!
//! Amounts stay exact decimals here; only a position on the chart — an amount's share of the
//! axis, a date's share of the timeline — becomes a float, through [`PlanChart::fraction`] and
//! [`Timeline::position`].

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::domain::money::format_eur;
use crate::domain::{Date, Dossier, Estimate, RuleSet};
use crate::i18n::Texts;

/// The colours of the pictures, as RGB, the same in the window and the PDF.
pub mod palette {
    /// Blue France: what the State cofunds.
    pub const COFUNDED: [u8; 3] = [0x00, 0x00, 0x91];
    /// A lighter blue: the applicant's part of the cost base.
    pub const APPLICANT: [u8; 3] = [0x6A, 0x6A, 0xF4];
    /// Grey: the excluded costs.
    pub const EXCLUDED: [u8; 3] = [0x92, 0x92, 0x92];
    /// Green: the savings, and the payback.
    pub const SAVINGS: [u8; 3] = [0x18, 0x75, 0x3C];
    /// Orange: the applicant's share the savings must reach, and the six-month mark.
    pub const THRESHOLD: [u8; 3] = [0xA3, 0x47, 0x00];
    /// Dark grey: axes, the timeline's bar and its marks.
    pub const INK: [u8; 3] = [0x3A, 0x3A, 0x3A];
}

/// One year's costs, split as the stacked bar shows them (bottom to top).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanBar {
    /// The year.
    pub year: i32,
    /// What the State cofunds.
    pub cofunded: Decimal,
    /// What the applicant pays of the cost base.
    pub applicant: Decimal,
    /// The excluded costs, paid by the applicant too.
    pub excluded: Decimal,
    /// The savings summed from the start year to this year (zero before the start).
    pub cumulative_savings: Decimal,
}

impl PlanBar {
    /// The year's declared total: the bar's height.
    #[must_use]
    pub fn total(&self) -> Decimal {
        self.cofunded + self.applicant + self.excluded
    }
}

/// The plan's picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanChart {
    /// The bars, one a year of the plan.
    pub bars: Vec<PlanBar>,
    /// The applicant's share, which the cumulative savings must reach.
    pub share: Decimal,
    /// The payback year, marked.
    pub payback: Option<i32>,
    /// The axis' top: a round amount at or above every figure drawn.
    pub top: Decimal,
    /// The amounts marked on the axis, from zero to `top`.
    pub ticks: Vec<Decimal>,
}

impl PlanChart {
    /// The picture of an estimate's plan; `None` without years.
    #[must_use]
    pub fn of(e: &Estimate, start_year: Option<i32>) -> Option<Self> {
        if e.years.is_empty() {
            return None;
        }
        let mut cumulative = Decimal::ZERO;
        let bars: Vec<PlanBar> = e
            .years
            .iter()
            .map(|y| {
                if start_year.is_none_or(|s| y.year >= s) {
                    cumulative += y.savings;
                }
                PlanBar {
                    year: y.year,
                    cofunded: y.cofunding,
                    applicant: y.cost_base - y.cofunding,
                    excluded: y.excluded_total,
                    cumulative_savings: cumulative,
                }
            })
            .collect();
        let highest = bars
            .iter()
            .map(|b| b.total().max(b.cumulative_savings))
            .chain([e.applicant_share])
            .max()
            .unwrap_or(Decimal::ZERO);
        let (top, ticks) = axis(highest);
        Some(PlanChart {
            bars,
            share: e.applicant_share,
            payback: e.payback.year,
            top,
            ticks,
        })
    }

    /// An amount's height as a share of the axis (0 at the bottom, 1 at the top).
    #[must_use]
    pub fn fraction(&self, amount: Decimal) -> f32 {
        fraction(self.top, amount)
    }

    /// The picture in words: one sentence for the whole, then one per year.
    #[must_use]
    pub fn describe(&self, tr: &Texts) -> Vec<String> {
        let first = self.bars.first().map_or(0, |b| b.year);
        let last = self.bars.last().map_or(0, |b| b.year);
        let payback = match self.payback {
            Some(year) => tr.tf("chart.plan.payback", &[("year", &year)]),
            None => tr.t("chart.plan.no_payback").to_owned(),
        };
        let mut out = vec![tr.tf(
            "chart.plan.summary",
            &[
                ("first", &first),
                ("last", &last),
                ("share", &format_eur(self.share)),
                ("payback", &payback),
            ],
        )];
        out.extend(self.bars.iter().map(|b| {
            tr.tf(
                "chart.plan.year",
                &[
                    ("year", &b.year),
                    ("total", &format_eur(b.total())),
                    ("cofunded", &format_eur(b.cofunded)),
                    ("applicant", &format_eur(b.applicant)),
                    ("excluded", &format_eur(b.excluded)),
                    ("savings", &format_eur(b.cumulative_savings)),
                ],
            )
        }));
        out
    }
}

/// A round top for an axis and the step between its marks: the smallest step of 1, 2, 2,5 or 5
/// × a power of ten that needs at most eight marks.
fn nice_axis(highest: Decimal) -> (Decimal, Decimal) {
    if highest <= Decimal::ZERO {
        return (Decimal::ONE, Decimal::ONE);
    }
    let mut power = Decimal::ONE;
    while power * Decimal::TEN <= highest {
        power *= Decimal::TEN;
    }
    let tenth = power / Decimal::TEN;
    let factors = [
        Decimal::ONE,
        Decimal::TWO,
        Decimal::new(25, 1),
        Decimal::from(5),
    ];
    for step in factors
        .iter()
        .map(|f| tenth * f)
        .chain(factors.iter().map(|f| power * f))
    {
        let marks = (highest / step).ceil();
        if marks <= Decimal::from(8) {
            let step = step.normalize();
            return (step * marks, step);
        }
    }
    (power * Decimal::TEN, power * Decimal::TWO)
}

/// One year of a signed commitment, as the follow-up's chart shows it: the cost base committed
/// beside the cost base spent up to the report date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowBar {
    /// The year.
    pub year: i32,
    /// The cost base committed for it.
    pub committed: Decimal,
    /// The cost base spent in it, up to the report date.
    pub spent: Decimal,
    /// Whether `TRACK-VARIANCE` flags it (its spent bar is drawn in the warning colour, and
    /// said in words).
    pub flagged: bool,
}

/// The follow-up's picture: the years committed against spent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowChart {
    /// The bars, one pair a year of the commitment.
    pub bars: Vec<FollowBar>,
    /// The axis' top: a round amount at or above every figure drawn.
    pub top: Decimal,
    /// The amounts marked on the axis, from zero to `top`.
    pub ticks: Vec<Decimal>,
}

impl FollowChart {
    /// The picture of a progress report's years; `None` without years.
    #[must_use]
    pub fn of(report: &crate::domain::report::Report) -> Option<Self> {
        if report.years.is_empty() {
            return None;
        }
        let bars: Vec<FollowBar> = report
            .years
            .iter()
            .map(|y| FollowBar {
                year: y.year,
                committed: y.committed_cost_base,
                spent: y.spent_cost_base,
                flagged: y.flagged,
            })
            .collect();
        let highest = bars
            .iter()
            .map(|b| b.committed.max(b.spent))
            .max()
            .unwrap_or(Decimal::ZERO);
        let (top, ticks) = axis(highest);
        Some(FollowChart { bars, top, ticks })
    }

    /// An amount's height as a share of the axis (0 at the bottom, 1 at the top).
    #[must_use]
    pub fn fraction(&self, amount: Decimal) -> f32 {
        fraction(self.top, amount)
    }

    /// The picture in words: one sentence for the whole, then one per year.
    #[must_use]
    pub fn describe(&self, tr: &Texts) -> Vec<String> {
        let first = self.bars.first().map_or(0, |b| b.year);
        let last = self.bars.last().map_or(0, |b| b.year);
        let mut out = vec![tr.tf(
            "chart.follow.summary",
            &[("first", &first), ("last", &last)],
        )];
        out.extend(self.bars.iter().map(|b| {
            let flagged = if b.flagged {
                format!(" — {}", tr.t("follow.year.flagged"))
            } else {
                String::new()
            };
            tr.tf(
                "chart.follow.year",
                &[
                    ("year", &b.year),
                    ("committed", &format_eur(b.committed)),
                    ("spent", &format_eur(b.spent)),
                    ("flagged", &flagged),
                ],
            )
        }));
        out
    }
}

/// A round axis over `highest`: its top and its marks from zero.
fn axis(highest: Decimal) -> (Decimal, Vec<Decimal>) {
    let (top, step) = nice_axis(highest);
    let ticks = (0..=8)
        .map(|i| step * Decimal::from(i))
        .take_while(|t| *t <= top)
        .collect();
    (top, ticks)
}

/// An amount's share of an axis whose top is `top`, between 0 and 1.
fn fraction(top: Decimal, amount: Decimal) -> f32 {
    if top.is_zero() {
        return 0.0;
    }
    (amount / top).to_f32().unwrap_or(0.0).clamp(0.0, 1.0)
}

/// What a mark on the timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// The project starts.
    Start,
    /// The first real impact.
    FirstImpact,
    /// Six months after the start: the first impact should come before (FTAP-FAST).
    Fast,
    /// The project ends.
    End,
}

impl MarkKind {
    /// What the mark is called, in the interface's language.
    #[must_use]
    pub fn label(self, tr: &Texts) -> &str {
        match self {
            MarkKind::Start => tr.t("chart.timeline.start"),
            MarkKind::FirstImpact => tr.t("chart.timeline.first_impact"),
            MarkKind::Fast => tr.t("chart.timeline.fast"),
            MarkKind::End => tr.t("chart.timeline.end"),
        }
    }
}

/// A dated mark on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// What it is.
    pub kind: MarkKind,
    /// When.
    pub date: Date,
}

/// The schedule's picture, from the start to the latest of its marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The first day drawn.
    pub from: Date,
    /// The last day drawn.
    pub to: Date,
    /// The marks, in date order.
    pub marks: Vec<Mark>,
    /// The months the first impact should come within (FTAP-FAST), if the window says.
    pub fast_months: Option<u32>,
    /// The 1 January of each year inside the span, as ticks.
    pub years: Vec<Date>,
}

impl Timeline {
    /// The timeline of a dossier's schedule; `None` without a start.
    #[must_use]
    pub fn of(d: &Dossier, rules: Option<&RuleSet>) -> Option<Self> {
        let start = d.project.start?;
        let fast_months = rules.and_then(RuleSet::time_to_impact_months);
        let mut marks = vec![Mark {
            kind: MarkKind::Start,
            date: start,
        }];
        if let Some(date) = fast_months.and_then(|m| start.plus_months(m)) {
            marks.push(Mark {
                kind: MarkKind::Fast,
                date,
            });
        }
        for (kind, date) in [
            (MarkKind::FirstImpact, d.project.first_impact),
            (MarkKind::End, d.project.end),
        ] {
            if let Some(date) = date {
                marks.push(Mark { kind, date });
            }
        }
        marks.sort_by_key(|m| m.date);
        let from = marks.first().map_or(start, |m| m.date);
        let to = marks.last().map_or(start, |m| m.date);
        let years = (from.year() + 1..=to.year())
            .filter_map(|y| Date::from_ymd(y, 1, 1).ok())
            .collect();
        Some(Timeline {
            from,
            to,
            marks,
            fast_months,
            years,
        })
    }

    /// A date's place along the timeline (0 at the first day, 1 at the last).
    #[must_use]
    pub fn position(&self, date: Date) -> f32 {
        let span = self.to.unix_midnight() - self.from.unix_midnight();
        if span <= 0 {
            return 0.0;
        }
        let at = date.unix_midnight() - self.from.unix_midnight();
        // Seconds between two dates of the accepted range (2000–2100) fit an f64 exactly.
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let share = (at as f64 / span as f64) as f32;
        share.clamp(0.0, 1.0)
    }

    /// The timeline in words.
    #[must_use]
    pub fn describe(&self, tr: &Texts) -> String {
        let marks: Vec<String> = self
            .marks
            .iter()
            .map(|m| {
                tr.tf(
                    "chart.timeline.mark",
                    &[("what", &m.kind.label(tr)), ("date", &m.date.to_fr())],
                )
            })
            .collect();
        tr.tf(
            "chart.timeline.summary",
            &[("marks", &marks.join(tr.t("chart.timeline.separator")))],
        )
    }
}

/// Places labels along a line in two rows (0 above, 1 below) so that none overlaps another:
/// each label, given as its anchor's x and its width, goes centred on its anchor in the first row
/// with room, else in the row that ends first, pushed right as little as needed. Returns each
/// label's row and left edge, in the order given (anchors from left to right).
#[must_use]
pub fn place_labels(labels: &[(f32, f32)], left: f32, right: f32, gap: f32) -> Vec<(usize, f32)> {
    let mut ends = [f32::MIN; 2];
    labels
        .iter()
        .map(|&(anchor, width)| {
            let wanted = (anchor - width / 2.0).clamp(left, (right - width).max(left));
            let row = (0..2)
                .find(|&r| wanted >= ends[r] + gap)
                .unwrap_or_else(|| usize::from(ends[1] < ends[0]));
            let x = wanted.max(ends[row] + gap).min((right - width).max(left));
            ends[row] = x + width;
            (row, x)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_close_in_time_go_to_the_other_row_or_move_right() {
        // Three labels 100 wide anchored at 0, 30 and 60 on a 0–500 line.
        let placed = super::place_labels(
            &[(0.0, 100.0), (30.0, 100.0), (60.0, 100.0)],
            0.0,
            500.0,
            8.0,
        );
        assert_eq!(placed[0], (0, 0.0));
        assert_eq!(placed[1], (1, 0.0));
        assert_eq!(
            placed[2],
            (0, 108.0),
            "pushed right of the first, in its row"
        );
        // Far apart: all above, centred.
        let placed = super::place_labels(&[(100.0, 50.0), (300.0, 50.0)], 0.0, 500.0, 8.0);
        assert_eq!(placed, [(0, 75.0), (0, 275.0)]);
    }

    use super::*;

    #[test]
    fn axes_end_on_round_amounts() {
        let d = |v: i64| Decimal::from(v);
        assert_eq!(nice_axis(d(195_000)), (d(200_000), d(25_000)));
        assert_eq!(nice_axis(d(960_000)), (d(1_000_000), d(200_000)));
        assert_eq!(nice_axis(d(1_368_000)), (d(1_400_000), d(200_000)));
        assert_eq!(nice_axis(d(100)), (d(100), d(20)));
        assert_eq!(nice_axis(Decimal::ZERO), (d(1), d(1)));
        let (top, step) = nice_axis(d(360_000_000));
        assert!(top >= d(360_000_000) && top / step <= d(8), "{top} {step}");
    }
}
