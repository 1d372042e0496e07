//! Step 9: the whole dossier at a glance, and every finding, before export.

use egui::{RichText, Ui};

use super::StepCx;
use crate::domain::money::format_eur;
use crate::domain::{Choice, Dossier, Severity};
use crate::ui::app::Command;
use crate::ui::theme;
use crate::ui::widgets::{help, section};

/// Draws the review step.
pub fn review_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(
        ui,
        "Relisez le dossier avant le dépôt. Chaque constat renvoie à l'étape qui le concerne. \
         L'export écrit le dossier de dépôt : le PDF à joindre au formulaire, dossier.json pour les \
         programmes, son schéma et un manifeste des empreintes. Tant qu'un constat bloque, le PDF \
         porte la mention « BROUILLON ».",
    );
    summary(ui, d, cx);
    section(ui, "Statut");
    let blocking = cx.evaluation.count(Severity::Blocking);
    if blocking == 0 {
        ui.label(theme::bold("Prêt : aucun constat bloquant.").color(theme::GREEN));
    } else {
        ui.label(
            theme::bold(format!(
                "Non recevable en l'état : {blocking} constat(s) bloquant(s)."
            ))
            .color(theme::RED),
        );
    }
    ui.add_space(8.0);
    let export = ui.add(
        egui::Button::new(
            RichText::new("Exporter le dossier de dépôt…").color(egui::Color32::WHITE),
        )
        .fill(theme::BLUE),
    );
    if export.clicked() {
        cx.commands.push(Command::Export);
    }
    ui.add_space(8.0);
    for finding in &cx.evaluation.findings {
        let (fg, _) = theme::severity_colours(finding.severity);
        ui.label(
            RichText::new(format!(
                "[{}] {} · {}",
                finding.severity.label(),
                finding.rule,
                finding.step.title()
            ))
            .color(fg)
            .small(),
        );
        let link = ui
            .add(
                egui::Label::new(
                    RichText::new(&finding.message)
                        .color(theme::BLUE)
                        .underline(),
                )
                .wrap()
                .sense(egui::Sense::click()),
            )
            .on_hover_text("Aller au champ");
        if link.clicked() {
            cx.commands
                .push(Command::GoTo(finding.step, finding.field.clone()));
        }
        ui.add_space(4.0);
    }
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.trim().to_owned()
    }
}

/// The dossier in a few lines.
fn summary(ui: &mut Ui, d: &Dossier, cx: &StepCx<'_>) {
    let e = &cx.evaluation.estimate;
    section(ui, "Synthèse");
    let value_width = (ui.available_width() - 280.0).max(200.0);
    egui::Grid::new("review")
        .num_columns(2)
        .spacing([24.0, 6.0])
        .min_col_width(240.0)
        .max_col_width(value_width)
        .show(ui, |ui| {
            let kind = d.applicant.kind.map_or("—", Choice::label);
            let months = match (d.project.start, d.project.first_impact) {
                (Some(s), Some(i)) => s.months_until(i).map_or("—".to_owned(), |(m, days)| {
                    format!("{m} mois et {days} jour(s)")
                }),
                _ => "—".to_owned(),
            };
            let rows = [
                ("Projet", or_dash(&d.project.title)),
                (
                    "Demandeur",
                    format!(
                        "{} — {} ({kind})",
                        or_dash(&d.applicant.entity),
                        or_dash(&d.applicant.ministry)
                    ),
                ),
                (
                    "Contact",
                    format!(
                        "{} <{}>",
                        or_dash(&d.applicant.contact.name),
                        or_dash(&d.applicant.contact.email)
                    ),
                ),
                (
                    "Opérations",
                    d.operations
                        .iter()
                        .map(|o| o.kind().label())
                        .collect::<Vec<_>>()
                        .join(" ; "),
                ),
                ("Applications", d.applications().count().to_string()),
                ("Total déclaré", format_eur(e.declared_total)),
                ("Base de coûts", format_eur(e.cost_base)),
                ("Taux demandé", e.requested_rate.percent_fr()),
                ("Cofinancement demandé", format_eur(e.cofunding)),
                ("Délai jusqu'au premier impact", months),
                (
                    "Indicateurs d'impact",
                    d.indicators.impact.len().to_string(),
                ),
                ("Pièces jointes", d.attachments.len().to_string()),
            ];
            for (label, value) in rows {
                ui.label(RichText::new(label).color(theme::TEXT_MUTED));
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
        });
}
