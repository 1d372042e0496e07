//! The budget's lines as a table: one row a line (two when the step is narrow), drawn only where
//! seen, each cell a field with its key for focus and errors, the row's actions at its end.

use crate::ui::widgets::ComboExt as _;
use egui::{RichText, Ui};

use super::super::{StepCx, parse_amount, show_amount};
use super::LineOp;
use crate::domain::dossier::{BudgetLine, Category};
use crate::domain::money::format_eur;
use crate::domain::{Choice, Dossier};
use crate::i18n::Texts;
use crate::ui::theme;
use crate::ui::widgets::{FieldLook, badge, note_full, parsed_field_compact, spoken};

/// Widths of the fixed columns; the label takes what is left.
const ROW_H: f32 = 30.0;
const W_NUM: f32 = 28.0;
const W_CATEGORY: f32 = 180.0;
const W_YEAR: f32 = 64.0;
const W_AMOUNT: f32 = 120.0;
/// The width of a column's title before its value on a stacked line.
const W_TITLE: f32 = 110.0;
const W_BASE: f32 = 100.0;
const W_ACTIONS: f32 = 40.0;
/// The narrowest label that keeps a line on one row (about 34 characters).
const W_LABEL_MIN: f32 = 300.0;

pub(super) fn lines_table(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) -> Option<LineOp> {
    let count = d.budget.lines.len();
    let tr = cx.tr;
    if count == 0 {
        ui.label(RichText::new(tr.t("budget.none")).color(theme::TEXT_MUTED));
        return None;
    }
    let spacing = ui.spacing().item_spacing.x;
    let fixed_width = W_NUM + W_CATEGORY + W_YEAR + W_AMOUNT + W_BASE + W_ACTIONS + 6.0 * spacing;
    // A line on one row where its label has room to be read (labels of 30 characters and more
    // are common: « Migration de la gestion des bourses »); else on two rows, the label on the
    // first, whole; narrower still (150 %, a small window), each value on a row of its own.
    let wide_label = ui.available_width() - fixed_width - 12.0;
    let shape = if wide_label >= W_LABEL_MIN {
        Shape::Wide
    } else if ui.available_width() - fixed_width >= 12.0 {
        Shape::Paired
    } else {
        Shape::Stacked
    };
    let stacked = shape == Shape::Stacked;
    let w_label = match shape {
        Shape::Wide => wide_label,
        // Leave room for the scroll bar.
        Shape::Paired | Shape::Stacked => {
            (ui.available_width() - W_NUM - spacing - 28.0).max(160.0)
        }
    };
    let w_category = if shape == Shape::Paired {
        W_CATEGORY + (ui.available_width() - fixed_width - 12.0).clamp(0.0, 100.0)
    } else {
        W_CATEGORY
    };
    column_titles(ui, tr, shape, w_label, w_category);
    // Lines of one height, and only the visible ones laid out: a 5 000-line budget draws as fast
    // as a 20-line one.
    let spacing_y = ui.spacing().item_spacing.y;
    let row_h = match shape {
        Shape::Stacked => 5.0 * ROW_H + 4.0 * spacing_y,
        Shape::Paired => 2.0 * ROW_H + spacing_y,
        Shape::Wide => ROW_H,
    };
    let focused = focused_line(cx.inputs.focus.as_deref());
    let mut op = None;
    let rows = |ui: &mut Ui, range: std::ops::Range<usize>| {
        for i in range {
            let Some(line) = d.budget.lines.get_mut(i) else {
                break;
            };
            let row = Row {
                index: i,
                count,
                w_label,
                w_category,
                shape,
            };
            let drawn = ui.scope(|ui| line_row(ui, &row, line, cx));
            if let Some(o) = drawn.inner {
                op = Some(o);
            }
            // Whether the focus is in this line (a new line is checked once it is left).
            let rect = drawn.response.rect;
            let focused_here = ui
                .memory(egui::Memory::focused)
                .and_then(|id| ui.ctx().read_response(id))
                .is_some_and(|r| rect.contains(r.rect.center()));
            if focused_here {
                cx.inputs.focus_line = Some(i);
            }
        }
    };
    if stacked {
        // A line on five rows (150 %, a narrow window): the lines flow in the step's own scroll
        // area. In a box of their own they were a view of three lines inside a scrolling step,
        // whose wheel and bar fought the step's.
        rows_in_view(ui, row_h + spacing_y, count, focused, rows);
    } else {
        let mut area = egui::ScrollArea::vertical()
            .id_salt("budget-lines")
            .max_height(560.0)
            // Three lines at least, even when the step's own view has less room left below the
            // table: the table scrolls inside the step, under its column titles.
            .min_scrolled_height((3.0 * (row_h + spacing_y)).min(560.0))
            .auto_shrink([false, true]);
        if let Some(index) = focused {
            area =
                area.vertical_scroll_offset(height_of(index.saturating_sub(2), row_h + spacing_y));
        }
        area.show_rows(ui, row_h, count, rows);
    }
    op
}

/// The table's column titles, laid out as its lines are.
fn column_titles(ui: &mut Ui, tr: &Texts, shape: Shape, w_label: f32, w_category: f32) {
    if shape == Shape::Paired {
        // The titles on two rows, as the lines.
        ui.horizontal(|ui| {
            ui.add_sized(
                [W_NUM, 18.0],
                egui::Label::new(theme::bold(tr.t("budget.col.number")).small()),
            );
            ui.add_sized(
                [w_label, 18.0],
                egui::Label::new(theme::bold(tr.t("budget.col.label")).small()),
            );
        });
        ui.horizontal(|ui| {
            ui.add_space(W_NUM + ui.spacing().item_spacing.x);
            for (header, width) in [
                (tr.t("budget.col.category"), w_category),
                (tr.t("budget.col.year"), W_YEAR),
                (tr.t("budget.col.amount"), W_AMOUNT),
                (tr.t("budget.col.base"), W_BASE),
            ] {
                ui.add_sized([width, 18.0], egui::Label::new(theme::bold(header).small()));
            }
        });
    } else if shape == Shape::Wide {
        ui.horizontal(|ui| {
            for (header, width) in [
                (tr.t("budget.col.number"), W_NUM),
                (tr.t("budget.col.label"), w_label),
                (tr.t("budget.col.category"), W_CATEGORY),
                (tr.t("budget.col.year"), W_YEAR),
                (tr.t("budget.col.amount"), W_AMOUNT),
                (tr.t("budget.col.base"), W_BASE),
            ] {
                ui.add_sized([width, 18.0], egui::Label::new(theme::bold(header).small()));
            }
        });
    }
}

/// Lays out `count` rows of one height (`stride`, spacing included) where the `Ui` flows, only
/// those in its view; the others are empty space of their height. A row to `reveal` out of view
/// is scrolled to (it is laid out on the next frame).
fn rows_in_view(
    ui: &mut Ui,
    stride: f32,
    count: usize,
    reveal: Option<usize>,
    add: impl FnOnce(&mut Ui, std::ops::Range<usize>),
) {
    let top = ui.cursor().min.y;
    let view = ui.clip_rect();
    let first = row_at((view.min.y - top) / stride).min(count);
    let end = (row_at((view.max.y - top) / stride) + 1).min(count);
    if let Some(index) = reveal.filter(|i| !(first..end).contains(i)) {
        let min = egui::pos2(ui.max_rect().left(), top + height_of(index, stride));
        ui.scroll_to_rect(
            egui::Rect::from_min_size(min, egui::vec2(1.0, stride)),
            Some(egui::Align::Center),
        );
    }
    ui.add_space(height_of(first, stride));
    add(ui, first..end);
    ui.add_space(height_of(count - end, stride));
}

/// The row at so many rows' height from the first (0 above it).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // floored, at least 0
fn row_at(rows: f32) -> usize {
    rows.floor().max(0.0) as usize
}

/// The height of `rows` rows: a drawing measure, exact to the pixel for any budget's length.
#[allow(clippy::cast_precision_loss)]
fn height_of(rows: usize, stride: f32) -> f32 {
    rows as f32 * stride
}

/// The line a followed finding points at (`budget.lines[12].amount_ttc` → 12).
fn focused_line(focus: Option<&str>) -> Option<usize> {
    focus?
        .strip_prefix("budget.lines[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

/// What "excluded" means, once above the table.
pub(super) fn exclusion_legend(ui: &mut Ui, d: &Dossier, cx: &StepCx<'_>) {
    let Some(rules) = cx.rules else { return };
    let used: Vec<_> = rules
        .excluded
        .iter()
        .filter(|x| d.budget.lines.iter().any(|l| l.category == x.category))
        .collect();
    if used.is_empty() {
        return;
    }
    let tr = cx.tr;
    badge(
        ui,
        tr.t("budget.excluded.badge"),
        theme::ORANGE,
        theme::ORANGE_LIGHT,
    );
    let names: Vec<&str> = used.iter().map(|x| tr.choice(x.category)).collect();
    ui.label(
        RichText::new(tr.tf(
            "budget.excluded.legend",
            &[("categories", &names.join(", "))],
        ))
        .small()
        .color(theme::ORANGE),
    );
}

/// Where a line sits in the table.
struct Row {
    index: usize,
    count: usize,
    w_label: f32,
    /// The category's width (wider on a two-row line, where the second row has room).
    w_category: f32,
    shape: Shape,
}

/// How a line of the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// On one row.
    Wide,
    /// On two rows: the label whole on the first, the rest under it.
    Paired,
    /// Each value on a row of its own, with its title.
    Stacked,
}

/// One line of the table; returns the change its actions ask for.
fn line_row(ui: &mut Ui, row: &Row, line: &mut BudgetLine, cx: &mut StepCx<'_>) -> Option<LineOp> {
    if row.shape == Shape::Paired {
        rule_above(ui, row);
        ui.horizontal(|ui| label_cells(ui, row, line, cx));
        ui.horizontal_top(|ui| {
            ui.add_space(W_NUM + ui.spacing().item_spacing.x);
            category_cell(ui, cx.tr, row, line);
            amount_cells(ui, row, line, cx);
            base_cell(ui, line, cx);
            line_actions(ui, cx.tr, row)
        })
        .inner
    } else if row.shape == Shape::Stacked {
        rule_above(ui, row);
        ui.horizontal(|ui| label_cells(ui, row, line, cx));
        let indent = W_NUM + ui.spacing().item_spacing.x;
        ui.horizontal(|ui| {
            ui.add_space(indent);
            category_cell(ui, cx.tr, row, line);
        });
        // The table's column titles are gone: the year and the amount each say what they are,
        // on a row of their own (« 2027 » and « 120 000,00 » were left unlabelled).
        ui.horizontal(|ui| {
            ui.add_space(indent);
            column_title(ui, cx.tr, "budget.col.year");
            year_cell(ui, row, line, cx);
        });
        ui.horizontal_top(|ui| {
            ui.add_space(indent);
            column_title(ui, cx.tr, "budget.col.amount");
            amount_cell(ui, row, line, cx);
        });
        ui.horizontal(|ui| {
            ui.add_space(indent);
            base_cell(ui, line, cx);
            line_actions(ui, cx.tr, row)
        })
        .inner
    } else {
        ui.horizontal_top(|ui| {
            label_cells(ui, row, line, cx);
            category_cell(ui, cx.tr, row, line);
            amount_cells(ui, row, line, cx);
            base_cell(ui, line, cx);
            line_actions(ui, cx.tr, row)
        })
        .inner
    }
}

/// Lines of several rows each are set apart by a rule in the spacing above them (painted, not
/// laid out: every line keeps the one height the view counts on).
fn rule_above(ui: &Ui, row: &Row) {
    if row.index > 0 {
        let y = ui.cursor().min.y - ui.spacing().item_spacing.y / 2.0;
        ui.painter().hline(
            ui.max_rect().x_range(),
            y,
            egui::Stroke::new(1.0, theme::BORDER),
        );
    }
}

/// The line's number and label.
fn label_cells(ui: &mut Ui, row: &Row, line: &mut BudgetLine, cx: &mut StepCx<'_>) {
    let n = row.index + 1;
    let tr = cx.tr;
    ui.add_sized([W_NUM, 30.0], egui::Label::new(n.to_string()));
    let label = ui
        .add_sized(
            [row.w_label, 30.0],
            egui::TextEdit::singleline(&mut line.label)
                .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                .id_salt(format!("budget.lines[{}].label", row.index))
                .hint_text(tr.t("budget.col.label")),
        )
        .accessible_name(tr.tf("budget.cell.label", &[("n", &n)]));
    note_full(cx.inputs, &label, &line.label);
    // Whole on hover where a one-row line may cut it.
    let label = if row.shape == Shape::Wide && line.label.chars().count() > 24 {
        label.on_hover_text(&line.label)
    } else {
        label
    };
    take_focus(cx, &format!("budget.lines[{}].label", row.index), &label);
}

/// The line's category.
fn category_cell(ui: &mut Ui, tr: &Texts, row: &Row, line: &mut BudgetLine) {
    let n = row.index + 1;
    // On a row of its own (stacked lines), as wide as the label above it: the category's name in
    // full; in the table, its column less a gap.
    let (width, button) = if row.shape == Shape::Stacked {
        (row.w_label, row.w_label)
    } else {
        (row.w_category, row.w_category - 12.0)
    };
    fixed(ui, width, |ui| {
        egui::ComboBox::from_id_salt(format!("budget.lines[{}].category", row.index))
            .selected_text(tr.choice(line.category))
            .width(button)
            // Every category in view, without scrolling the list.
            .height(f32::INFINITY)
            .truncate()
            .show_list(ui, |ui| {
                for c in Category::ALL {
                    ui.selectable_value(&mut line.category, *c, tr.choice(*c));
                }
            })
            .response
            .accessible_name(tr.tf("budget.cell.category", &[("n", &n)]))
            .on_hover_text(tr.choice(line.category));
    });
}

/// A column's title before its value, on a stacked line.
fn column_title(ui: &mut Ui, tr: &Texts, key: &str) {
    ui.allocate_ui_with_layout(
        egui::vec2(W_TITLE, ROW_H),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(egui::vec2(W_TITLE, ROW_H));
            ui.label(RichText::new(tr.t(key)).small().color(theme::TEXT_MUTED));
        },
    );
}

/// The line's year and amount, side by side in the table.
fn amount_cells(ui: &mut Ui, row: &Row, line: &mut BudgetLine, cx: &mut StepCx<'_>) {
    year_cell(ui, row, line, cx);
    amount_cell(ui, row, line, cx);
}

/// The line's year.
fn year_cell(ui: &mut Ui, row: &Row, line: &mut BudgetLine, cx: &mut StepCx<'_>) {
    let n = row.index + 1;
    let year = ui
        .add_sized(
            [W_YEAR, 30.0],
            egui::DragValue::new(&mut line.year).range(2000..=2100),
        )
        .accessible_name(cx.tr.tf("budget.cell.year", &[("n", &n)]));
    take_focus(cx, &format!("budget.lines[{}].year", row.index), &year);
}

/// The line's amount.
fn amount_cell(ui: &mut Ui, row: &Row, line: &mut BudgetLine, cx: &mut StepCx<'_>) {
    let n = row.index + 1;
    let path = format!("budget.lines[{}]", row.index);
    let tr = cx.tr;
    fixed(ui, W_AMOUNT, |ui| {
        let look = FieldLook {
            key: &format!("{path}.amount_ttc"),
            accessible: &tr.tf("budget.cell.amount", &[("n", &n)]),
            hint: "0,00",
            width: W_AMOUNT,
        };
        parsed_field_compact(
            ui,
            cx.inputs,
            look,
            &mut line.amount_ttc,
            show_amount,
            |t| parse_amount(tr, t),
        );
    });
}

/// What the line brings to the cost base: its amount, struck when excluded.
fn base_cell(ui: &mut Ui, line: &BudgetLine, cx: &StepCx<'_>) {
    let amount = RichText::new(format_eur(line.amount_ttc.value()));
    match cx.rules.and_then(|r| r.exclusion(line.category)) {
        Some(exclusion) => {
            fixed(ui, W_BASE, |ui| {
                egui::Frame::new()
                    .fill(theme::ORANGE_LIGHT)
                    .inner_margin(egui::Margin::symmetric(4, 4))
                    .show(ui, |ui| {
                        // Struck and tinted for the eye; said in words for a screen reader.
                        let words = cx.tr.tf(
                            "budget.excluded.spoken",
                            &[("amount", &format_eur(line.amount_ttc.value()))],
                        );
                        let shown = ui.label(amount.strikethrough().color(theme::ORANGE));
                        spoken(&shown, &words);
                        shown
                    })
                    .response
                    .on_hover_text(cx.tr.tf(
                        "budget.excluded.hint",
                        &[
                            ("rule", &exclusion.rule),
                            (
                                "reason",
                                &cx.tr.pick(&exclusion.reason, &exclusion.reason_en),
                            ),
                        ],
                    ));
            });
        }
        None => {
            ui.add_sized(
                [W_BASE, ROW_H],
                egui::Label::new(amount.color(theme::TEXT_MUTED)),
            )
            .on_hover_text(cx.tr.t("budget.included"));
        }
    }
}

/// The menu of a line's actions.
fn line_actions(ui: &mut Ui, tr: &Texts, row: &Row) -> Option<LineOp> {
    let (i, n) = (row.index, row.index + 1);
    let mut op = None;
    ui.menu_button("…", |ui| {
        if ui
            .add_enabled(i > 0, egui::Button::new(tr.t("budget.up")))
            .clicked()
        {
            op = Some(LineOp::Up(i));
        }
        if ui
            .add_enabled(i + 1 < row.count, egui::Button::new(tr.t("budget.down")))
            .clicked()
        {
            op = Some(LineOp::Down(i));
        }
        if ui.button(tr.t("budget.duplicate")).clicked() {
            op = Some(LineOp::Duplicate(i));
        }
        if ui.button(tr.t("budget.delete")).clicked() {
            op = Some(LineOp::Delete(i));
        }
    })
    .response
    .accessible_name(tr.tf("budget.cell.actions", &[("n", &n)]))
    .on_hover_text(tr.t("budget.actions.hint"));
    op
}

fn take_focus(cx: &mut StepCx<'_>, key: &str, response: &egui::Response) {
    if cx.inputs.focus.as_deref() == Some(key) {
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
        cx.inputs.focus = None;
    }
}

/// A column of fixed width, top-down.
fn fixed(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 30.0),
        egui::Layout::top_down(egui::Align::LEFT),
        |ui| {
            ui.set_min_width(width);
            ui.set_max_width(width);
            add(ui);
        },
    );
}
