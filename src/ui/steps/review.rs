//! Step 9: the whole dossier at a glance, and every finding, before export.

use egui::{RichText, Ui};

use super::StepCx;
use crate::domain::{Dossier, Severity};
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::{help, section};

/// Draws the review step.
pub fn review_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("review.help"));
    summary(ui, d, cx);
    section(ui, cx.tr.t("review.status"));
    let blocking = cx.evaluation.count(Severity::Blocking);
    let tr = cx.tr;
    if blocking == 0 {
        ui.label(theme::bold(tr.t("review.ready")).color(theme::GREEN));
    } else {
        ui.label(theme::bold(tr.tf("review.blocked", &[("n", &blocking)])).color(theme::RED));
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let export = ui.add(
            egui::Button::new(RichText::new(tr.t("review.export")).color(egui::Color32::WHITE))
                .fill(theme::BLUE),
        );
        if export.clicked() {
            cx.commands.push(Command::Export);
        }
        // Then the forms platform: the pack's PDF and JSON go there as attachments.
        if ui.button(tr.t("menu.file.handover")).clicked() {
            cx.commands.push(Command::Handover);
        }
        // After the award: the commitment as signed, then its amendments.
        let commitment = if d.commitment.is_some() {
            tr.t("menu.file.amend")
        } else {
            tr.t("menu.file.commitment")
        };
        if ui.button(commitment).clicked() {
            cx.commands.push(Command::Commitment);
        }
    });
    signed_ui(ui, d, cx);
    ui.add_space(8.0);
    for finding in &cx.evaluation.findings {
        let (fg, _) = theme::severity_colours(finding.severity);
        ui.label(
            RichText::new(format!(
                "[{}] {} · {}",
                tr.severity(finding.severity),
                finding.rule,
                tr.step(finding.step)
            ))
            .color(fg)
            .small(),
        );
        let link = ui
            .add(
                egui::Label::new(
                    RichText::new(tr.finding(finding, cx.rules))
                        .color(theme::BLUE)
                        .underline(),
                )
                .wrap()
                .sense(egui::Sense::click()),
            )
            .on_hover_text(tr.t("finding.go_to"));
        if link.clicked() {
            cx.commands
                .push(Command::GoTo(finding.step, finding.field.clone()));
        }
        ui.add_space(4.0);
    }
}

/// The dossier in a few lines.
fn summary(ui: &mut Ui, d: &Dossier, cx: &StepCx<'_>) {
    let tr = cx.tr;
    section(ui, tr.t("review.summary"));
    let rows = crate::present::summary_rows(tr, d, &cx.evaluation.estimate);
    // Labels beside their values when the step is wide enough, above them otherwise.
    let value_width = ui.available_width() - 240.0 - 24.0;
    if value_width >= 300.0 {
        egui::Grid::new("review")
            .num_columns(2)
            .spacing([24.0, 6.0])
            .min_col_width(240.0)
            .max_col_width(value_width)
            .show(ui, |ui| {
                for (label, value) in rows {
                    ui.label(RichText::new(label).color(theme::TEXT_MUTED));
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
            });
    } else {
        for (label, value) in rows {
            ui.label(RichText::new(label).color(theme::TEXT_MUTED).small());
            ui.add(egui::Label::new(value).wrap());
            ui.add_space(4.0);
        }
    }
}

/// Once signed: since when, where it is followed, and what falls due next.
fn signed_ui(ui: &mut Ui, d: &Dossier, cx: &StepCx<'_>) {
    let tr = cx.tr;
    let Some(c) = &d.commitment else {
        return;
    };
    ui.label(
        RichText::new(tr.tf(
            "review.signed",
            &[
                ("date", &c.signed.to_fr()),
                ("step", &tr.step(crate::domain::Step::Follow)),
            ],
        ))
        .color(theme::GREEN),
    );
    // What falls due next, at today's date.
    let next = cx
        .rules
        .and_then(|r| {
            let today = crate::domain::Date::today();
            crate::ui::steps::follow::cached_report(ui.ctx(), d, r, today, cx.generation)
        })
        .and_then(|r| r.due.first().cloned());
    if let Some(due) = next {
        ui.label(tr.tf(
            "review.next_due",
            &[
                ("date", &due.date.to_fr()),
                ("what", &tr.due_item(&due.item)),
            ],
        ));
    }
}
