//! Step 5: the budget lines, with the excluded costs plainly marked (FTAP-EXCLUDED), subtotals per
//! category, the requested rate capped by the window (FTAP-RATE), « copy a year to the next », and
//! the plan over the years.

use crate::ui::widgets::ComboExt as _;
use egui::{RichText, Ui};
use rust_decimal::Decimal;

use super::StepCx;
use crate::domain::dossier::{BudgetLine, Category};
use crate::domain::money::format_eur;
use crate::domain::{Amount, Dossier, Rate};
use crate::ui::theme;
use crate::ui::widgets::{FieldLook, help, parsed_field_compact, section, spoken};

mod lines;

use lines::{exclusion_legend, lines_table};

/// A change to the list of lines, applied after the table is drawn.
#[derive(Clone, Copy)]
enum LineOp {
    Up(usize),
    Down(usize),
    Duplicate(usize),
    Delete(usize),
    Add,
}

/// Draws the budget step.
pub fn budget_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("budget.help"));
    rate_ui(ui, d, cx);
    section(ui, cx.tr.t("budget.lines"));
    exclusion_legend(ui, d, cx);
    let op = lines_table(ui, d, cx);
    if let Some(op) = op {
        apply(&op, d, cx);
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button(cx.tr.t("budget.add")).clicked() {
            apply(&LineOp::Add, d, cx);
        }
        if ui
            .button(cx.tr.t("budget.import"))
            .on_hover_text(cx.tr.t("budget.import.hint"))
            .clicked()
        {
            cx.commands.push(crate::ui::Command::Import);
        }
    });
    copy_year_ui(ui, d, cx);
    subtotals(ui, cx);
    crate::ui::charts::plan_ui(
        ui,
        cx.tr,
        &cx.evaluation.estimate,
        d.project.start.map(crate::domain::Date::year),
        cx.rules,
    );
}

/// « Copier l'année … vers la suivante »: the chosen year's lines copied into the next year, in
/// one frame, so in one undo step.
fn copy_year_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    let years = d.budget.years();
    let Some(&last) = years.last() else { return };
    let tr = cx.tr;
    let id = egui::Id::unique("budget-copy-year");
    let mut year: i32 = ui
        .data(|m| m.get_temp(id))
        .filter(|y| years.contains(y))
        .unwrap_or(last);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(tr.t("budget.copy_year.pick"));
        egui::ComboBox::from_id_salt("copy-year-pick")
            .selected_text(year.to_string())
            .width(72.0)
            .show_list(ui, |ui| {
                for y in &years {
                    ui.selectable_value(&mut year, *y, y.to_string());
                }
            })
            .response
            .labelled_by(label.id);
        let next = year + 1;
        if ui
            .button(tr.tf("budget.copy_year", &[("from", &year), ("to", &next)]))
            .on_hover_text(tr.t("budget.copy_year.hint"))
            .clicked()
        {
            let count = d.budget.copy_year_to_next(year);
            let said = if count == 1 {
                tr.tf(
                    "budget.copy_year.done.one",
                    &[("from", &year), ("to", &next)],
                )
            } else {
                tr.tf(
                    "budget.copy_year.done.many",
                    &[("count", &count), ("from", &year), ("to", &next)],
                )
            };
            cx.commands.push(crate::ui::Command::Status(said));
            // The copy's year is the one to copy next: 2027 → 2028, then 2028 → 2029.
            year = next;
        }
    });
    ui.data_mut(|m| m.insert_temp(id, year));
}

fn rate_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    let Some(rules) = cx.rules else { return };
    let cap = rules.rate_cap;
    let tr = cx.tr;
    section(ui, tr.t("budget.rate"));
    let mut rate = d.budget.requested_rate.unwrap_or(cap);
    let typed = ui
        .horizontal(|ui| {
            let label = ui.label(tr.t("budget.rate.field"));
            let look = FieldLook {
                key: "budget.requested_rate",
                accessible: tr.t("budget.rate.field"),
                hint: "50",
                width: 80.0,
            };
            parsed_field_compact(
                ui,
                cx.inputs,
                look,
                &mut rate,
                |r| {
                    r.percent_fr()
                        .trim_end_matches('%')
                        .trim_end_matches('\u{A0}')
                        .to_owned()
                },
                |t| Rate::parse_percent_fr(t).map_err(|e| tr.rate_error(&e)),
            )
            .labelled_by(label.id)
        })
        .inner;
    // The slider on a row of its own: a slider does not wrap, and would widen a narrow step.
    let slid = ui
        .horizontal_wrapped(|ui| {
            // Whole percents on the slider: exact, and finer rates can be typed.
            let cap_percent = whole_percent(cap);
            let mut percent = whole_percent(rate).min(cap_percent);
            let slider = ui
                .add(egui::Slider::new(&mut percent, 1..=cap_percent).suffix(" %"))
                .accessible_name(tr.t("budget.rate.slider"));
            if slider.changed()
                && let Ok(r) = Rate::new(Decimal::from(percent) / Decimal::ONE_HUNDRED)
            {
                rate = r;
                cx.inputs.forget_under("budget.requested_rate");
            }
            ui.label(
                RichText::new(tr.tf("budget.rate.cap", &[("cap", &cap.percent_fr())]))
                    .color(theme::TEXT_MUTED),
            );
            slider.changed()
        })
        .inner;
    if typed.changed() || slid {
        d.budget.requested_rate = Some(rate);
    }
}

fn whole_percent(rate: Rate) -> u32 {
    let percent = (rate.value() * Decimal::ONE_HUNDRED).floor();
    percent.to_string().parse().unwrap_or(1)
}

fn apply(op: &LineOp, d: &mut Dossier, cx: &mut StepCx<'_>) {
    let new_year = d.new_line_year(crate::domain::Date::today());
    let lines = &mut d.budget.lines;
    let inputs = &mut *cx.inputs;
    match *op {
        LineOp::Up(i) if i > 0 => {
            lines.swap(i, i - 1);
            inputs.remap("budget.lines", |k| {
                Some(if k == i {
                    i - 1
                } else if k == i - 1 {
                    i
                } else {
                    k
                })
            });
        }
        LineOp::Down(i) if i + 1 < lines.len() => {
            lines.swap(i, i + 1);
            inputs.remap("budget.lines", |k| {
                Some(if k == i {
                    i + 1
                } else if k == i + 1 {
                    i
                } else {
                    k
                })
            });
        }
        LineOp::Duplicate(i) => {
            if let Some(line) = lines.get(i).cloned() {
                lines.insert(i + 1, line);
                inputs.remap("budget.lines", |k| Some(if k > i { k + 1 } else { k }));
            }
        }
        LineOp::Delete(i) if i < lines.len() => {
            lines.remove(i);
            inputs.remove_entry("budget.lines", i);
        }
        LineOp::Add => {
            let year = new_year;
            lines.push(BudgetLine {
                label: String::new(),
                category: Category::ExternalService,
                year,
                amount_ttc: Amount::ZERO,
            });
            cx.inputs.focus = Some(format!("budget.lines[{}].label", lines.len() - 1));
        }
        LineOp::Up(_) | LineOp::Down(_) | LineOp::Delete(_) => {}
    }
}

fn subtotals(ui: &mut Ui, cx: &mut StepCx<'_>) {
    let e = &cx.evaluation.estimate;
    let tr = cx.tr;
    if e.by_category.is_empty() {
        return;
    }
    section(ui, tr.t("budget.by_category"));
    egui::Grid::new("by-category")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for c in &e.by_category {
                let mut text = RichText::new(tr.choice(c.category));
                if c.excluded_by.is_some() {
                    text = text.color(theme::TEXT_MUTED);
                }
                ui.label(text);
                let amount = RichText::new(format_eur(c.total));
                match &c.excluded_by {
                    Some(_) => {
                        let words = tr.tf(
                            "budget.excluded.spoken",
                            &[("amount", &format_eur(c.total))],
                        );
                        let shown = ui.label(amount.strikethrough().color(theme::TEXT_MUTED));
                        spoken(&shown, &words);
                    }
                    None => {
                        ui.label(amount);
                    }
                }
                ui.end_row();
            }
        });
}
