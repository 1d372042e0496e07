//! Step 6: start, first impact and end (DOSSIER-SCHEDULE), with the months to first impact shown
//! against the window's mark (FTAP-FAST).

use egui::{RichText, Ui};

use super::{StepCx, form, parse_date, show_date};
use crate::domain::Dossier;
use crate::ui::theme;
use crate::ui::widgets::{date_field, help, labelled, section};

/// Draws the schedule step.
pub fn schedule_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("schedule.help"));
    section(ui, cx.tr.t("schedule.dates"));
    form(ui, "schedule", |ui| {
        let tr = cx.tr;
        for (key, label, value) in [
            (
                "project.start",
                tr.t("schedule.start"),
                &mut d.project.start,
            ),
            (
                "project.first_impact",
                tr.t("schedule.first_impact"),
                &mut d.project.first_impact,
            ),
            ("project.end", tr.t("schedule.end"), &mut d.project.end),
        ] {
            let current = *value;
            labelled(ui, label, |ui| {
                date_field(
                    ui,
                    tr,
                    cx.inputs,
                    key,
                    label,
                    value,
                    show_date,
                    |t| parse_date(tr, t),
                    Some,
                    current,
                )
            });
            ui.end_row();
        }
    });

    let max_months = cx
        .rules
        .and_then(crate::domain::RuleSet::time_to_impact_months);
    if let (Some(start), Some(impact)) = (d.project.start, d.project.first_impact)
        && let Some((months, days)) = start.months_until(impact)
    {
        section(ui, cx.tr.t("schedule.delay"));
        let tr = cx.tr;
        let text = tr.tf(
            "schedule.delay.text",
            &[("delay", &tr.months_and_days(months, days))],
        );
        match max_months {
            Some(max) if start.plus_months(max).is_some_and(|limit| impact <= limit) => {
                ui.label(
                    RichText::new(tr.tf("schedule.delay.fast", &[("text", &text), ("max", &max)]))
                        .color(theme::GREEN),
                );
            }
            Some(max) => {
                ui.label(
                    RichText::new(tr.tf("schedule.delay.slow", &[("text", &text), ("max", &max)]))
                        .color(theme::ORANGE),
                );
            }
            None => {
                ui.label(text);
            }
        }
    }
    if let Some(timeline) = crate::charts::Timeline::of(d, cx.rules) {
        crate::ui::charts::timeline_ui(ui, cx.tr, &timeline);
    }
}
