//! What happens, entered in the « Suivi » step (issue 22): spending, realized savings, indicator
//! measures, payments received, milestones reached — each a list of entries, each field named
//! for screen readers and reached by Tab, added with a button (the new entry's first field takes
//! the focus) and removed with its « ✕ ». Its fields' paths (`tracking.spending[2].amount_ttc`)
//! carry their errors as the application's do.

use egui::{RichText, Ui};

use super::super::{StepCx, amount_cell, date_cell};
use crate::domain::dossier::Category;
use crate::domain::follow::{
    Commitment, IndicatorMeasure, MilestoneDone, RealizedSavings, ReceivedPayment, Spending,
    Tracking,
};
use crate::domain::money::Amount;
use crate::domain::{Choice, Date};
use crate::i18n::Texts;
use crate::ui::theme;
use crate::ui::widgets::{ComboExt as _, FieldLook, Inputs, help, parsed_field_compact};

/// The spending, as the accounting has it.
pub(super) fn spending_ui(ui: &mut Ui, t: &mut Tracking, cx: &mut StepCx<'_>) {
    let tr = cx.tr;
    help(ui, tr.t("follow.spending.help"));
    if ui
        .button(tr.t("follow.spending.import"))
        .on_hover_text(tr.t("follow.spending.import.hint"))
        .clicked()
    {
        cx.commands.push(crate::ui::Command::Import);
    }
    ui.label(RichText::new(tr.t("follow.spending.columns")).color(theme::TEXT_MUTED));
    let mut remove = None;
    let shown = page(
        ui,
        tr,
        "tracking.spending",
        t.spending.len(),
        cx.inputs.focus.as_deref(),
    );
    for (i, s) in t
        .spending
        .iter_mut()
        .enumerate()
        .skip(shown.start)
        .take(shown.len())
    {
        if spending_entry(ui, cx, i, s) {
            remove = Some(i);
        }
    }
    removed(&mut t.spending, remove, cx.inputs, "tracking.spending");
    if ui.button(tr.t("follow.spending.add")).clicked() {
        let last = t.spending.last();
        t.spending.push(Spending {
            date: last.map_or_else(Date::today, |s| s.date),
            label: String::new(),
            category: last.map_or(Category::ExternalService, |s| s.category),
            amount_ttc: Amount::ZERO,
            reference: String::new(),
        });
        cx.inputs.focus = Some(format!("tracking.spending[{}].date", t.spending.len() - 1));
    }
}

/// One spending: two rows of the same shape for every entry, the figures then the words, a
/// rule under them; whether its « ✕ » was pressed.
fn spending_entry(ui: &mut Ui, cx: &mut StepCx<'_>, i: usize, s: &mut Spending) -> bool {
    let tr = cx.tr;
    let mut remove = false;
    let n = i + 1;
    let key = format!("tracking.spending[{i}]");
    ui.horizontal_wrapped(|ui| {
        let inputs = &mut *cx.inputs;
        date_cell(
            ui,
            tr,
            inputs,
            &format!("{key}.date"),
            &tr.tf("follow.spending.date", &[("n", &n)]),
            &mut s.date,
        );
        let amount_key = format!("{key}.amount_ttc");
        amount_cell(
            ui,
            tr,
            inputs,
            &amount_key,
            &tr.tf("follow.spending.amount", &[("n", &n)]),
            &mut s.amount_ttc,
        );
        category(
            ui,
            tr,
            &key,
            &tr.tf("follow.spending.category", &[("n", &n)]),
            &mut s.category,
        );
        if cx.rules.is_some_and(|r| r.exclusion(s.category).is_some()) {
            ui.label(RichText::new(tr.t("follow.excluded")).color(theme::ORANGE));
        }
    });
    ui.horizontal_wrapped(|ui| {
        let inputs = &mut *cx.inputs;
        let hint = tr.t("follow.spending.label.hint");
        let label = tr.tf("follow.spending.label", &[("n", &n)]);
        text(
            ui,
            inputs,
            &format!("{key}.label"),
            &label,
            hint,
            &mut s.label,
            300.0,
        );
        let hint = tr.t("follow.spending.reference.hint");
        let reference = tr.tf("follow.spending.reference", &[("n", &n)]);
        text(
            ui,
            inputs,
            &format!("{key}.reference"),
            &reference,
            hint,
            &mut s.reference,
            150.0,
        );
        remove = remove_button(ui, &tr.tf("follow.spending.remove", &[("n", &n)]));
    });
    ui.separator();
    remove
}

/// Realized savings by year, with their method and evidence.
pub(super) fn savings_ui(ui: &mut Ui, t: &mut Tracking, c: &Commitment, cx: &mut StepCx<'_>) {
    let tr = cx.tr;
    help(ui, tr.t("follow.savings.help"));
    let mut remove = None;
    for (i, s) in t.savings.iter_mut().enumerate() {
        let n = i + 1;
        let key = format!("tracking.savings[{i}]");
        entry(ui, |ui| {
            year(
                ui,
                tr,
                cx.inputs,
                &format!("{key}.year"),
                &tr.tf("follow.saving.year", &[("n", &n)]),
                &mut s.year,
            );
            amount_cell(
                ui,
                tr,
                cx.inputs,
                &format!("{key}.amount"),
                &tr.tf("follow.saving.amount", &[("n", &n)]),
                &mut s.amount,
            );
            text(
                ui,
                cx.inputs,
                &format!("{key}.method"),
                &tr.tf("follow.saving.method", &[("n", &n)]),
                tr.t("follow.saving.method.hint"),
                &mut s.method,
                300.0,
            );
            text(
                ui,
                cx.inputs,
                &format!("{key}.evidence"),
                &tr.tf("follow.saving.evidence", &[("n", &n)]),
                tr.t("follow.saving.evidence.hint"),
                &mut s.evidence,
                260.0,
            );
            let attach = tr.tf("follow.saving.attach", &[("n", &n)]);
            if ui
                .button(tr.t("follow.saving.attach.button"))
                .on_hover_text(&attach)
                .accessible_name(&attach)
                .clicked()
            {
                cx.commands
                    .push(crate::ui::command::Command::PickEvidence(i));
            }
            if remove_button(ui, &tr.tf("follow.saving.remove", &[("n", &n)])) {
                remove = Some(i);
            }
        });
    }
    removed(&mut t.savings, remove, cx.inputs, "tracking.savings");
    if ui.button(tr.t("follow.saving.add")).clicked() {
        let year = t.savings.last().map_or_else(
            || c.years.first().map_or(Date::today().year(), |y| y.year),
            |s| s.year + 1,
        );
        t.savings.push(RealizedSavings {
            year,
            amount: Amount::ZERO,
            method: String::new(),
            evidence: String::new(),
        });
        cx.inputs.focus = Some(format!("tracking.savings[{}].year", t.savings.len() - 1));
    }
}

/// Indicator measures: which indicator, when, what.
pub(super) fn measures_ui(ui: &mut Ui, t: &mut Tracking, c: &Commitment, cx: &mut StepCx<'_>) {
    let tr = cx.tr;
    help(ui, tr.t("follow.measures.help"));
    let indicators: Vec<String> = crate::domain::report::committed_targets(&c.indicators)
        .into_iter()
        .map(|(name, _, _)| name)
        .collect();
    let mut remove = None;
    for (i, m) in t.measures.iter_mut().enumerate() {
        let n = i + 1;
        let key = format!("tracking.measures[{i}]");
        entry(ui, |ui| {
            pick_text(
                ui,
                tr,
                &format!("{key}.indicator"),
                &tr.tf("follow.measure.indicator", &[("n", &n)]),
                &mut m.indicator,
                &indicators,
            );
            date_cell(
                ui,
                tr,
                cx.inputs,
                &format!("{key}.date"),
                &tr.tf("follow.measure.date", &[("n", &n)]),
                &mut m.date,
            );
            text(
                ui,
                cx.inputs,
                &format!("{key}.value"),
                &tr.tf("follow.measure.value", &[("n", &n)]),
                tr.t("follow.measure.value.hint"),
                &mut m.value,
                140.0,
            );
            if remove_button(ui, &tr.tf("follow.measure.remove", &[("n", &n)])) {
                remove = Some(i);
            }
        });
    }
    removed(&mut t.measures, remove, cx.inputs, "tracking.measures");
    if ui.button(tr.t("follow.measure.add")).clicked() {
        let indicator = t
            .measures
            .last()
            .map(|m| m.indicator.clone())
            .or_else(|| indicators.first().cloned())
            .unwrap_or_default();
        t.measures.push(IndicatorMeasure {
            indicator,
            date: Date::today(),
            value: String::new(),
        });
        cx.inputs.focus = Some(format!("tracking.measures[{}].value", t.measures.len() - 1));
    }
}

/// Payments received.
pub(super) fn payments_ui(ui: &mut Ui, t: &mut Tracking, cx: &mut StepCx<'_>) {
    let tr = cx.tr;
    help(ui, tr.t("follow.received.help"));
    let mut remove = None;
    for (i, p) in t.payments.iter_mut().enumerate() {
        let n = i + 1;
        let key = format!("tracking.payments[{i}]");
        entry(ui, |ui| {
            date_cell(
                ui,
                tr,
                cx.inputs,
                &format!("{key}.date"),
                &tr.tf("follow.received.date", &[("n", &n)]),
                &mut p.date,
            );
            amount_cell(
                ui,
                tr,
                cx.inputs,
                &format!("{key}.amount"),
                &tr.tf("follow.received.amount", &[("n", &n)]),
                &mut p.amount,
            );
            text(
                ui,
                cx.inputs,
                &format!("{key}.reference"),
                &tr.tf("follow.received.reference", &[("n", &n)]),
                tr.t("follow.received.reference.hint"),
                &mut p.reference,
                220.0,
            );
            if remove_button(ui, &tr.tf("follow.received.remove", &[("n", &n)])) {
                remove = Some(i);
            }
        });
    }
    removed(&mut t.payments, remove, cx.inputs, "tracking.payments");
    if ui.button(tr.t("follow.received.add")).clicked() {
        t.payments.push(ReceivedPayment {
            date: Date::today(),
            amount: Amount::ZERO,
            reference: String::new(),
        });
        cx.inputs.focus = Some(format!("tracking.payments[{}].date", t.payments.len() - 1));
    }
}

/// Milestones reached: which, and when.
pub(super) fn milestones_ui(ui: &mut Ui, t: &mut Tracking, c: &Commitment, cx: &mut StepCx<'_>) {
    let tr = cx.tr;
    help(ui, tr.t("follow.reached.help"));
    let names: Vec<String> = c
        .milestones
        .iter()
        .map(|m| m.name.trim().to_owned())
        .collect();
    let mut remove = None;
    for (i, m) in t.milestones.iter_mut().enumerate() {
        let n = i + 1;
        let key = format!("tracking.milestones[{i}]");
        entry(ui, |ui| {
            pick_text(
                ui,
                tr,
                &format!("{key}.name"),
                &tr.tf("follow.reached.name", &[("n", &n)]),
                &mut m.name,
                &names,
            );
            date_cell(
                ui,
                tr,
                cx.inputs,
                &format!("{key}.done"),
                &tr.tf("follow.reached.date", &[("n", &n)]),
                &mut m.done,
            );
            if remove_button(ui, &tr.tf("follow.reached.remove", &[("n", &n)])) {
                remove = Some(i);
            }
        });
    }
    removed(&mut t.milestones, remove, cx.inputs, "tracking.milestones");
    if ui.button(tr.t("follow.reached.add")).clicked() {
        // The first milestone not marked yet.
        let name = names
            .iter()
            .find(|name| !t.milestones.iter().any(|m| m.name.trim() == name.as_str()))
            .or_else(|| names.first())
            .cloned()
            .unwrap_or_default();
        t.milestones.push(MilestoneDone {
            name,
            done: Date::today(),
        });
        cx.inputs.focus = Some(format!(
            "tracking.milestones[{}].done",
            t.milestones.len() - 1
        ));
    }
}

/// How many entries a list draws at once: past it, the list goes by pages (a follow-up with
/// thousands of spending entries stays quick to draw and to Tab through).
const PAGE: usize = 100;

/// The entries of a list drawn now: all of them up to [`PAGE`], else one page, with « ← » and
/// « → » to the pages before and after; the page holding the field about to take the focus (a
/// new entry's) is shown.
fn page(
    ui: &mut Ui,
    tr: &Texts,
    list: &str,
    len: usize,
    focus: Option<&str>,
) -> std::ops::Range<usize> {
    if len <= PAGE {
        return 0..len;
    }
    let id = egui::Id::unique(list).with("page");
    let pages = len.div_ceil(PAGE);
    let mut current: usize = ui.data(|m| m.get_temp(id)).unwrap_or(pages - 1);
    if let Some(index) = focus
        .and_then(|f| f.strip_prefix(list))
        .and_then(|f| f.strip_prefix('['))
        .and_then(|f| f.split(']').next())
        .and_then(|n| n.parse::<usize>().ok())
    {
        current = index / PAGE;
    }
    current = current.min(pages - 1);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(current > 0, egui::Button::new(tr.t("follow.page.before")))
            .clicked()
        {
            current -= 1;
        }
        let first = current * PAGE + 1;
        let until = ((current + 1) * PAGE).min(len);
        ui.label(tr.tf(
            "follow.page",
            &[("first", &first), ("last", &until), ("count", &len)],
        ));
        if ui
            .add_enabled(
                current + 1 < pages,
                egui::Button::new(tr.t("follow.page.after")),
            )
            .clicked()
        {
            current += 1;
        }
    });
    ui.data_mut(|m| m.insert_temp(id, current));
    current * PAGE..((current + 1) * PAGE).min(len)
}

/// One entry: its fields side by side, wrapping onto the next line where the step is narrow,
/// a rule under it.
fn entry(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.horizontal_wrapped(add);
    ui.separator();
}

/// Removes the entry asked, and moves the typed texts of the entries after it up by one.
fn removed<T>(list: &mut Vec<T>, index: Option<usize>, inputs: &mut Inputs, path: &str) {
    let Some(i) = index.filter(|i| *i < list.len()) else {
        return;
    };
    list.remove(i);
    inputs.remove_entry(path, i);
}

fn year(ui: &mut Ui, tr: &Texts, inputs: &mut Inputs, key: &str, name: &str, value: &mut i32) {
    let look = FieldLook {
        key,
        accessible: name,
        hint: "2027",
        width: 64.0,
    };
    parsed_field_compact(ui, inputs, look, value, i32::to_string, |t| {
        t.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| crate::domain::limits::YEARS.contains(y))
            .ok_or_else(|| tr.t("follow.year.bad").to_owned())
    });
}

#[allow(clippy::too_many_arguments)]
fn text(
    ui: &mut Ui,
    inputs: &mut Inputs,
    key: &str,
    name: &str,
    hint: &str,
    value: &mut String,
    width: f32,
) {
    let response = ui
        .add(
            egui::TextEdit::singleline(value)
                .id_salt(key)
                .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                .hint_text(hint)
                .desired_width(width.min(ui.available_width())),
        )
        .accessible_name(name);
    crate::ui::widgets::note_full(inputs, &response, value);
    inputs.take_focus(key, &response);
}

/// A closed list of the category of a spending.
fn category(ui: &mut Ui, tr: &Texts, key: &str, name: &str, value: &mut Category) {
    egui::ComboBox::from_id_salt(format!("{key}.category"))
        .selected_text(tr.choice(*value))
        .width(200.0)
        .height(f32::INFINITY)
        .truncate()
        .show_list(ui, |ui| {
            for c in Category::ALL {
                ui.selectable_value(value, *c, tr.choice(*c));
            }
        })
        .response
        .accessible_name(name)
        .on_hover_text(tr.choice(*value));
}

/// A list of names the commitment holds (its indicators, its milestones); a name that is no
/// longer among them stays, and is said.
fn pick_text(ui: &mut Ui, tr: &Texts, key: &str, name: &str, value: &mut String, names: &[String]) {
    let shown = |n: &str| crate::present::follow::indicator(tr, n);
    let known = names.iter().any(|n| n == value.trim());
    let selected = if known {
        shown(value)
    } else {
        tr.tf("follow.unknown", &[("name", &value.trim())])
    };
    egui::ComboBox::from_id_salt(key)
        .selected_text(RichText::new(&selected).color(if known {
            theme::TEXT
        } else {
            theme::ORANGE
        }))
        .width(260.0)
        .height(f32::INFINITY)
        .truncate()
        .show_list(ui, |ui| {
            for n in names {
                ui.selectable_value(value, n.clone(), shown(n));
            }
        })
        .response
        .accessible_name(name)
        .on_hover_text(selected);
}

/// « ✕ », named for screen readers; whether it was clicked.
fn remove_button(ui: &mut Ui, name: &str) -> bool {
    ui.button("✕")
        .on_hover_text(name)
        .accessible_name(name)
        .clicked()
}
