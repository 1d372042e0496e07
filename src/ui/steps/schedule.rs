//! Step 6: start, first impact and end (DOSSIER-SCHEDULE), with the months to first impact shown
//! against the window's mark (FTAP-FAST).

use egui::{RichText, Ui};

use super::{StepCx, form, parse_date, show_date, step_findings};
use crate::domain::checks::Check;
use crate::domain::{Dossier, Step};
use crate::ui::theme;
use crate::ui::widgets::{date_field, help, labelled, section};

/// Draws the schedule step.
pub fn schedule_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(
        ui,
        "Les dates s'écrivent JJ/MM/AAAA. Pour limiter l'effet tunnel, le guichet privilégie les \
         projets dont l'impact réel arrive moins de 6 mois après le démarrage (FTAP-FAST).",
    );
    step_findings(ui, cx, Step::Schedule);
    section(ui, "Dates du projet");
    form(ui, "schedule", |ui| {
        for (key, label, value) in [
            ("project.start", "Démarrage", &mut d.project.start),
            (
                "project.first_impact",
                "Premier impact réel",
                &mut d.project.first_impact,
            ),
            ("project.end", "Fin du projet", &mut d.project.end),
        ] {
            let current = *value;
            labelled(ui, label, |ui| {
                date_field(
                    ui, cx.inputs, key, label, value, show_date, parse_date, Some, current,
                )
            });
            ui.end_row();
        }
    });

    let max_months = cx.rules.and_then(|r| {
        r.rules
            .iter()
            .flat_map(|rule| &rule.checks)
            .find_map(|c| match c {
                Check::TimeToImpact { max_months } => Some(*max_months),
                _ => None,
            })
    });
    if let (Some(start), Some(impact)) = (d.project.start, d.project.first_impact)
        && let Some((months, days)) = start.months_until(impact)
    {
        section(ui, "Délai jusqu'au premier impact");
        let text = format!("{months} mois et {days} jour(s) après le démarrage");
        match max_months {
            Some(max) if start.plus_months(max).is_some_and(|limit| impact <= limit) => {
                ui.label(
                    RichText::new(format!(
                        "{text} : dans les {max} mois, favorable (FTAP-FAST)"
                    ))
                    .color(theme::GREEN),
                );
            }
            Some(max) => {
                ui.label(
                    RichText::new(format!(
                        "{text} : au-delà des {max} mois privilégiés (FTAP-FAST)"
                    ))
                    .color(theme::ORANGE),
                );
            }
            None => {
                ui.label(text);
            }
        }
    }
}
