//! Step 7: the mandatory indicators (FTAP-IND-MANDATORY) and the impact indicators
//! (FTAP-IND-IMPACT), each with today's measure and dated targets.

use egui::{RichText, Ui};

use super::{StepCx, parse_amount, parse_date_required, show_amount};
use crate::domain::dossier::{ImpactIndicator, Measure, Priority, Tracked};
use crate::domain::{Amount, Choice, Date, Dossier};
use crate::i18n::Texts;
use crate::ui::theme;
use crate::ui::widgets::{
    FieldLook, Inputs, choice_combo, date_field, help, labelled, note_full, parsed_field, section,
};

/// Draws the indicators step.
pub fn indicators_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("indicators.help"));
    let today = default_date(d);
    let tr = cx.tr;

    section(ui, tr.t("indicators.savings"));
    tracked_ui(
        ui,
        tr,
        cx.inputs,
        ("indicators.savings", tr.t("indicators.savings.short")),
        &mut d.indicators.savings,
        today,
        Amount::ZERO,
        show_amount,
        |t: &str| parse_amount(tr, t),
    );
    section(ui, tr.t("indicators.agents"));
    tracked_ui(
        ui,
        tr,
        cx.inputs,
        ("indicators.agents_trained", tr.t("indicators.agents.short")),
        &mut d.indicators.agents_trained,
        today,
        0,
        u32::to_string,
        |t: &str| {
            t.trim()
                .parse::<u32>()
                .map_err(|_| tr.t("indicators.whole_number").to_owned())
        },
    );

    impact_ui(ui, d, cx, today);
    // The savings just typed, against what the applicant pays (PLAN-PAYBACK).
    crate::ui::charts::plan_ui(
        ui,
        tr,
        &cx.evaluation.estimate,
        d.project.start.map(Date::year),
        cx.rules,
    );
}

/// The targets as a commitment signs them, editable before it is recorded or amended: each
/// indicator's baseline and dated targets, as the step edits them (the names and units stay the
/// application's). `path` prefixes the fields' keys in `inputs`.
pub fn committed_ui(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    path: &str,
    indicators: &mut crate::domain::dossier::Indicators,
    today: Date,
) {
    ui.label(theme::bold(tr.t("indicators.savings")));
    tracked_ui(
        ui,
        tr,
        inputs,
        (&format!("{path}.savings"), tr.t("indicators.savings.short")),
        &mut indicators.savings,
        today,
        Amount::ZERO,
        show_amount,
        |t: &str| parse_amount(tr, t),
    );
    ui.label(theme::bold(tr.t("indicators.agents")));
    tracked_ui(
        ui,
        tr,
        inputs,
        (
            &format!("{path}.agents_trained"),
            tr.t("indicators.agents.short"),
        ),
        &mut indicators.agents_trained,
        today,
        0,
        u32::to_string,
        |t: &str| {
            t.trim()
                .parse::<u32>()
                .map_err(|_| tr.t("indicators.whole_number").to_owned())
        },
    );
    for (i, ind) in indicators.impact.iter_mut().enumerate() {
        let name = if ind.name.trim().is_empty() {
            tr.tf("indicators.default_name", &[("n", &(i + 1))])
        } else {
            ind.name.trim().to_owned()
        };
        ui.label(theme::bold(&name));
        let mut tracked = Tracked {
            baseline: ind.baseline.take(),
            targets: std::mem::take(&mut ind.targets),
        };
        tracked_ui(
            ui,
            tr,
            inputs,
            (&format!("{path}.impact[{i}]"), &name),
            &mut tracked,
            today,
            String::new(),
            String::clone,
            |t: &str| Ok(t.trim().to_owned()),
        );
        ind.baseline = tracked.baseline;
        ind.targets = tracked.targets;
    }
}

/// The width a measures' grid needs: label, date and its calendar, value, remove.
const MEASURES_WIDTH: f32 = 600.0;
/// A measure's value field.
const VALUE_WIDTH: f32 = 140.0;

/// The impact indicators, and the suggestions to add one.
fn impact_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>, today: Date) {
    let tr = cx.tr;
    section(ui, tr.t("review.impact"));
    let mut remove = None;
    for (i, ind) in d.indicators.impact.iter_mut().enumerate() {
        let path = format!("indicators.impact[{i}]");
        egui::Frame::group(ui.style())
            .inner_margin(10)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let r = labelled(ui, tr.t("indicators.name"), |ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut ind.name)
                                .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                                .id_salt(format!("{path}.name"))
                                .desired_width(340.0),
                        )
                    });
                    note_full(cx.inputs, &r, &ind.name);
                    let r = labelled(ui, tr.t("indicators.unit"), |ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut ind.unit)
                                .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                                .id_salt(format!("{path}.unit"))
                                .desired_width(140.0),
                        )
                    });
                    note_full(cx.inputs, &r, &ind.unit);
                });
                ui.horizontal_wrapped(|ui| {
                    labelled(ui, tr.t("indicators.priority"), |ui| {
                        choice_combo(
                            ui,
                            tr,
                            cx.inputs,
                            &format!("{path}.priority"),
                            tr.t("indicators.priority"),
                            &mut ind.priority,
                            Priority::ALL,
                        )
                    });
                    if ui.button(tr.t("indicators.remove")).clicked() {
                        remove = Some(i);
                    }
                });
                let mut tracked = Tracked {
                    baseline: ind.baseline.take(),
                    targets: std::mem::take(&mut ind.targets),
                };
                let name = if ind.name.trim().is_empty() {
                    tr.tf("indicators.default_name", &[("n", &(i + 1))])
                } else {
                    ind.name.trim().to_owned()
                };
                tracked_ui(
                    ui,
                    tr,
                    cx.inputs,
                    (&path, &name),
                    &mut tracked,
                    today,
                    String::new(),
                    String::clone,
                    |t: &str| Ok(t.trim().to_owned()),
                );
                ind.baseline = tracked.baseline;
                ind.targets = tracked.targets;
            });
        ui.add_space(6.0);
    }
    if let Some(i) = remove {
        d.indicators.impact.remove(i);
        cx.inputs.forget_under("indicators.impact");
    }
    suggestions_ui(ui, d, cx);
}

/// The date new measures start at: the project's start, else today.
fn default_date(d: &Dossier) -> Date {
    d.project.start.unwrap_or_else(Date::today)
}

/// A baseline and dated targets.
#[allow(clippy::too_many_arguments)]
fn tracked_ui<V: PartialEq + Clone>(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    (path, name): (&str, &str),
    tracked: &mut Tracked<V>,
    today: Date,
    zero: V,
    show: impl Fn(&V) -> String + Copy,
    parse: impl Fn(&str) -> Result<V, String> + Copy,
) {
    // A grid with its header when the step is wide enough; otherwise each measure flows on its
    // own lines (label, date, value, remove), `end_row` starting the next measure.
    let mut rows = |ui: &mut Ui| {
        baseline_row(
            ui,
            tr,
            inputs,
            (path, name),
            &mut tracked.baseline,
            today,
            &zero,
            show,
            parse,
        );
        let mut remove = None;
        for (t, target) in tracked.targets.iter_mut().enumerate() {
            let label = tr.tf("indicators.target", &[("n", &(t + 1))]);
            measure_row(
                ui,
                tr,
                inputs,
                &format!("{path}.targets[{t}]"),
                (
                    &label,
                    &tr.tf("indicators.target.of", &[("name", &name), ("n", &(t + 1))]),
                ),
                target,
                show,
                parse,
            );
            if ui
                .small_button(tr.t("button.remove"))
                .accessible_name(tr.tf(
                    "indicators.target.remove",
                    &[("name", &name), ("n", &(t + 1))],
                ))
                .clicked()
            {
                remove = Some(t);
            }
            ui.end_row();
        }
        if let Some(t) = remove {
            tracked.targets.remove(t);
            inputs.forget_under(&format!("{path}.targets"));
        }
    };
    if ui.available_width() >= MEASURES_WIDTH {
        egui::Grid::new(path)
            .num_columns(3)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label(theme::bold("").small());
                ui.label(theme::bold(tr.t("indicators.date")).small());
                ui.label(theme::bold(tr.t("indicators.value")).small());
                ui.end_row();
                rows(ui);
            });
    } else {
        ui.horizontal_wrapped(rows);
    }
    if ui
        .button(tr.t("indicators.target.add"))
        .accessible_name(tr.tf("indicators.target.add.of", &[("name", &name)]))
        .clicked()
    {
        let date = tracked
            .targets
            .last()
            .map(|m| m.date)
            .or(tracked.baseline.as_ref().map(|m| m.date))
            .and_then(|d| d.plus_months(12))
            .unwrap_or(today);
        tracked.targets.push(Measure { date, value: zero });
    }
}

#[allow(clippy::too_many_arguments)]
fn measure_row<V: PartialEq>(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    key: &str,
    (label, accessible): (&str, &str),
    measure: &mut Measure<V>,
    show: impl Fn(&V) -> String,
    parse: impl Fn(&str) -> Result<V, String>,
) {
    ui.label(label);
    let current = Some(measure.date);
    date_field(
        ui,
        tr,
        inputs,
        &format!("{key}.date"),
        &tr.tf("indicators.of_date", &[("measure", &accessible)]),
        &mut measure.date,
        |d| d.to_fr(),
        |t| parse_date_required(tr, t),
        |d| d,
        current,
    );
    // Sized to the field, so that a measure laid out on wrapping lines moves it to the next line
    // rather than past the step's edge; the reason of a refused value goes under it.
    let size = egui::vec2(VALUE_WIDTH, ui.spacing().interact_size.y);
    ui.allocate_ui(size, |ui| {
        ui.vertical(|ui| {
            let look = FieldLook {
                key: &format!("{key}.value"),
                accessible: &tr.tf("indicators.of_value", &[("measure", &accessible)]),
                hint: tr.t("indicators.value"),
                width: VALUE_WIDTH,
            };
            parsed_field(ui, inputs, look, &mut measure.value, show, parse);
        });
    });
}

/// Today's measure, or the button that adds it.
#[allow(clippy::too_many_arguments)]
fn baseline_row<V: PartialEq + Clone>(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    (path, name): (&str, &str),
    baseline: &mut Option<Measure<V>>,
    today: Date,
    zero: &V,
    show: impl Fn(&V) -> String,
    parse: impl Fn(&str) -> Result<V, String>,
) {
    if let Some(measure) = baseline {
        let label = (
            tr.t("indicators.baseline"),
            tr.tf("indicators.baseline.of", &[("name", &name)]),
        );
        measure_row(
            ui,
            tr,
            inputs,
            &format!("{path}.baseline"),
            (label.0, &label.1),
            measure,
            show,
            parse,
        );
        let remove = ui
            .small_button(tr.t("button.remove"))
            .accessible_name(tr.tf("indicators.baseline.remove", &[("name", &name)]));
        if remove.clicked() {
            *baseline = None;
        }
    } else {
        ui.label(tr.t("indicators.baseline"));
        let add = ui
            .button(tr.t("indicators.baseline.add"))
            .accessible_name(tr.tf("indicators.baseline.add.of", &[("name", &name)]));
        if add.clicked() {
            *baseline = Some(Measure {
                date: today,
                value: zero.clone(),
            });
        }
    }
    ui.end_row();
}

/// The suggested impact indicators, by priority, and a free one.
fn suggestions_ui(ui: &mut Ui, d: &mut Dossier, cx: &StepCx<'_>) {
    let tr = cx.tr;
    ui.label(RichText::new(tr.t("indicators.suggested")).color(theme::TEXT_MUTED));
    for priority in Priority::ALL {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(tr.tf("label.colon", &[("label", &tr.choice(*priority))])).small(),
            );
            for s in cx
                .knowledge
                .indicators
                .iter()
                .filter(|s| s.priority == *priority)
            {
                let taken = d.indicators.impact.iter().any(|i| i.name == s.name);
                let button = ui.add_enabled(!taken, egui::Button::new(&s.name).small());
                let hint = tr.tf(
                    "indicators.suggested.hint",
                    &[
                        ("meaning", &tr.pick(&s.name, &s.name_en)),
                        ("source", &tr.pick(&s.source, &s.source_en)),
                    ],
                );
                let hint = match tr.explain(&s.name) {
                    Some(acronyms) => format!("{hint}\n{acronyms}"),
                    None => hint,
                };
                if button.on_hover_text(hint).clicked() {
                    d.indicators.impact.push(ImpactIndicator {
                        name: s.name.clone(),
                        unit: s.unit.clone(),
                        priority: Some(s.priority),
                        baseline: None,
                        targets: Vec::new(),
                    });
                }
            }
        });
    }
    if ui.button(cx.tr.t("indicators.add")).clicked() {
        d.indicators.impact.push(ImpactIndicator::default());
    }
}
