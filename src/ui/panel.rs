//! The live panel beside every step: the estimate, a bar of cost base against excluded costs and
//! cofunding, then the findings grouped by severity; a finding leads to its step and field, and
//! shows its rule's source sentence on demand.

use egui::{Color32, RichText, Sense, Ui};

use super::app::Command;
use super::theme;
use super::widgets::{Inputs, badge, legend};
use crate::domain::money::format_eur;
use crate::domain::{Evaluation, Knowledge, Severity, Step};
use crate::i18n::Texts;

/// Draws the live panel.
pub fn live_panel(
    ui: &mut Ui,
    tr: &Texts,
    knowledge: &Knowledge,
    evaluation: &Evaluation,
    inputs: &Inputs,
    commands: &mut Vec<Command>,
    source_shown: &mut Option<String>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.label(
                theme::bold(tr.t("panel.title"))
                    .size(17.0)
                    .color(theme::BLUE),
            );
            estimate_grid(ui, tr, evaluation);
            bar(ui, tr, evaluation);
            ui.add_space(10.0);
            status_line(ui, tr, evaluation, inputs);
            pending_inputs(ui, tr, inputs, commands);
            for severity in [Severity::Blocking, Severity::Warning, Severity::Advisory] {
                let shown = &mut *source_shown;
                findings_group(ui, tr, (knowledge, evaluation), severity, commands, shown);
            }
        });
}

fn estimate_grid(ui: &mut Ui, tr: &Texts, evaluation: &Evaluation) {
    let e = &evaluation.estimate;
    egui::Grid::new("estimate")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            let rows = [
                (tr.t("review.declared"), format_eur(e.declared_total), false),
                (
                    tr.t("panel.excluded"),
                    format!("− {}", format_eur(e.excluded_total)),
                    false,
                ),
                (tr.t("panel.cost_base"), format_eur(e.cost_base), false),
                (tr.t("review.rate"), e.requested_rate.percent_fr(), false),
                (tr.t("panel.cofunding"), format_eur(e.cofunding), true),
                (
                    tr.t("panel.applicant_share"),
                    format_eur(e.applicant_share),
                    false,
                ),
            ];
            for (label, value, strong) in rows {
                ui.label(label);
                let value = if strong {
                    theme::bold(value).size(17.0).color(theme::BLUE)
                } else {
                    RichText::new(value)
                };
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(value)
                });
                ui.end_row();
            }
        });
    if e.applied_rate != e.requested_rate {
        ui.label(
            RichText::new(tr.tf(
                "panel.applied_rate",
                &[("rate", &e.applied_rate.percent_fr())],
            ))
            .color(theme::RED)
            .small(),
        );
    }
}

/// Cost base (blue, with the cofunded part darker) against excluded costs (grey).
fn bar(ui: &mut Ui, tr: &Texts, evaluation: &Evaluation) {
    let e = &evaluation.estimate;
    let width = ui.available_width().min(360.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 18.0), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 3.0, theme::PANEL);
    painter.rect_stroke(
        rect,
        3.0,
        egui::Stroke::new(1.0, theme::BORDER),
        egui::StrokeKind::Inside,
    );
    let total = e.declared_total;
    if total > rust_decimal::Decimal::ZERO {
        let share = |part: rust_decimal::Decimal| -> f32 {
            let ratio = (part / total).round_dp(4);
            // Only a drawing width: the figures themselves stay decimal.
            ratio
                .to_string()
                .parse::<f32>()
                .unwrap_or(0.0)
                .clamp(0.0, 1.0)
        };
        let base_w = rect.width() * share(e.cost_base);
        let cof_w = rect.width() * share(e.cofunding);
        let base_rect = egui::Rect::from_min_size(rect.min, egui::vec2(base_w, rect.height()));
        let cof_rect = egui::Rect::from_min_size(rect.min, egui::vec2(cof_w, rect.height()));
        let excl_rect =
            egui::Rect::from_min_max(egui::pos2(rect.min.x + base_w, rect.min.y), rect.max);
        painter.rect_filled(base_rect, 3.0, theme::BLUE_MID);
        painter.rect_filled(cof_rect, 3.0, theme::BLUE);
        painter.rect_filled(excl_rect, 3.0, theme::GREY_BAR);
    }
    response.on_hover_text(tr.t("panel.bar.hint"));
    ui.horizontal_wrapped(|ui| {
        legend(ui, theme::BLUE, tr.t("panel.bar.cofunding"));
        legend(ui, theme::BLUE_MID, tr.t("panel.bar.base"));
        legend(ui, theme::GREY_BAR, tr.t("panel.bar.excluded"));
    });
}

fn status_line(ui: &mut Ui, tr: &Texts, evaluation: &Evaluation, inputs: &Inputs) {
    let blocking = evaluation.count(Severity::Blocking);
    let pending = inputs.pending().count();
    let (text, fg, bg) = if blocking == 0 && pending == 0 {
        (
            tr.t("panel.ready").to_owned(),
            theme::GREEN,
            theme::GREEN_LIGHT,
        )
    } else {
        (
            tr.tf("panel.blocking", &[("n", &blocking)]),
            theme::RED,
            theme::RED_LIGHT,
        )
    };
    card(ui, bg, |ui| {
        ui.label(theme::bold(text).color(fg));
    });
}

/// A full-width tinted block.
fn card(ui: &mut Ui, fill: Color32, add: impl FnOnce(&mut Ui)) {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
}

fn pending_inputs(ui: &mut Ui, tr: &Texts, inputs: &Inputs, commands: &mut Vec<Command>) {
    let pending: Vec<(&str, &str, &str)> = inputs.pending().collect();
    if pending.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(theme::bold(tr.t("panel.pending")).color(theme::RED));
    for (field, text, why) in pending {
        let step = step_of_field(field);
        let response = ui.add(
            egui::Label::new(
                RichText::new(tr.tf(
                    "panel.pending.entry",
                    &[("text", &text), ("step", &tr.step(step)), ("why", &why)],
                ))
                .color(theme::RED),
            )
            .sense(Sense::click()),
        );
        if response.on_hover_text(tr.t("finding.go_to")).clicked() {
            commands.push(Command::GoTo(step, Some(field.to_owned())));
        }
    }
}

/// The step that holds a field, from its path.
#[must_use]
pub fn step_of_field(field: &str) -> Step {
    match field.split(['.', '[']).next().unwrap_or("") {
        "applicant" => Step::Applicant,
        "budget" => Step::Budget,
        "project" => Step::Schedule,
        "indicators" => Step::Indicators,
        "attachments" => Step::Attachments,
        "operations" if field.contains("applications") && field.contains("target") => Step::Target,
        "operations" if field.contains("applications") => Step::Applications,
        "operations" => Step::Operations,
        _ => Step::Review,
    }
}

fn findings_group(
    ui: &mut Ui,
    tr: &Texts,
    (knowledge, evaluation): (&Knowledge, &Evaluation),
    severity: Severity,
    commands: &mut Vec<Command>,
    source_shown: &mut Option<String>,
) {
    let count = evaluation.count(severity);
    if count == 0 {
        return;
    }
    let (fg, bg) = theme::severity_colours(severity);
    let rules = knowledge.rules.window(&evaluation.window);
    let title = match severity {
        Severity::Blocking => tr.tf("panel.group.blocking", &[("n", &count)]),
        Severity::Warning => tr.tf("panel.group.warning", &[("n", &count)]),
        Severity::Advisory => tr.tf("panel.group.advisory", &[("n", &count)]),
    };
    ui.add_space(8.0);
    egui::CollapsingHeader::new(theme::bold(title).color(fg))
        .id_salt(severity.id())
        .default_open(severity != Severity::Advisory)
        .show(ui, |ui| {
            for (i, finding) in evaluation
                .findings
                .iter()
                .filter(|f| f.severity == severity)
                .enumerate()
            {
                card(ui, bg, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        badge(ui, &finding.rule, Color32::WHITE, fg);
                        ui.label(
                            RichText::new(tr.step(finding.step))
                                .small()
                                .color(theme::TEXT_MUTED),
                        );
                    });
                    let message = tr.finding(finding, rules);
                    ui.label(message.as_ref());
                    ui.horizontal(|ui| {
                        let go = ui
                            .link(tr.tf("panel.go_to_step", &[("step", &tr.step(finding.step))]))
                            .accessible_name(tr.tf("panel.go_to", &[("message", &message)]));
                        if go.clicked() {
                            commands.push(Command::GoTo(finding.step, finding.field.clone()));
                        }
                        let key = format!("{}#{i}", finding.rule);
                        let open = source_shown.as_deref() == Some(key.as_str());
                        let toggle = ui
                            .link(if open {
                                tr.t("panel.source.hide")
                            } else {
                                tr.t("panel.source")
                            })
                            .accessible_name(tr.tf("panel.source.of", &[("rule", &finding.rule)]));
                        if toggle.clicked() {
                            *source_shown = if open { None } else { Some(key.clone()) };
                        }
                    });
                    if source_shown.as_deref() == Some(format!("{}#{i}", finding.rule).as_str()) {
                        rule_source(ui, tr, knowledge, &evaluation.window, &finding.rule);
                    }
                });
                ui.add_space(4.0);
            }
        });
}

/// A rule's source sentence, its page and the reading adopted, under a finding.
fn rule_source(ui: &mut Ui, tr: &Texts, knowledge: &Knowledge, window: &str, rule: &str) {
    let Some(rule) = knowledge.rules.window(window).and_then(|r| r.rule(rule)) else {
        return;
    };
    ui.label(RichText::new(format!("« {} »", rule.source.sentence)).italics());
    let page = super::sources::page_name(tr, knowledge, &rule.source.seed);
    ui.label(
        RichText::new(tr.tf("panel.source.page", &[("page", &page)]))
            .small()
            .color(theme::TEXT_MUTED),
    );
    super::sources::reading(ui, tr, rule);
}
