//! One file per wizard step. Each `*_ui` function edits the dossier in place; what it needs
//! besides (rules, catalogue, the evaluation, typed texts, commands) comes in a [`StepCx`].

mod applicant;
mod applications;
mod attachments;
mod budget;
pub mod follow;
pub mod indicators;
mod operations;
mod review;
mod schedule;
mod target;

use egui::{RichText, Ui};

use super::command::Command;
use super::seen::Shown;
use super::theme;
use super::widgets::Inputs;
use crate::domain::{Dossier, Evaluation, Knowledge, RuleSet, Step};
use crate::i18n::Texts;

/// What a step draws with, besides the dossier.
pub struct StepCx<'a> {
    /// The interface texts.
    pub tr: &'static Texts,
    /// Rules of every window and the catalogue.
    pub knowledge: &'a Knowledge,
    /// The dossier's window.
    pub rules: Option<&'a RuleSet>,
    /// The estimate and findings as of the last frame.
    pub evaluation: &'a Evaluation,
    /// The steps the user has finished with.
    pub seen: &'a crate::ui::seen::Seen,
    /// Texts being typed.
    pub inputs: &'a mut Inputs,
    /// Commands to run after the frame.
    pub commands: &'a mut Vec<Command>,
    /// Bumped at each change of the dossier shown (an edit, another file, a version): what a
    /// step computes from the dossier may be kept until it changes.
    pub generation: u64,
}

/// Draws a step.
pub fn step_ui(step: Step, ui: &mut Ui, dossier: &mut Dossier, mut cx: StepCx<'_>) {
    cx.rules = cx.knowledge.rules.window(&dossier.window);
    let tr = cx.tr;
    // The follow-up comes after the application's steps, not among them.
    let position = if step == Step::Follow {
        tr.t("step.after_award").to_owned()
    } else {
        tr.tf(
            "step.position",
            &[("n", &(step.index() + 1)), ("of", &Step::APPLICATION)],
        )
    };
    ui.label(RichText::new(position).color(theme::TEXT_MUTED));
    ui.heading(tr.step(step));
    ui.add_space(4.0);
    match step {
        Step::Applicant => applicant::applicant_ui(ui, dossier, &mut cx),
        Step::Operations => operations::operations_ui(ui, dossier, &mut cx),
        Step::Applications => applications::applications_ui(ui, dossier, &mut cx),
        Step::Target => target::target_ui(ui, dossier, &mut cx),
        Step::Budget => budget::budget_ui(ui, dossier, &mut cx),
        Step::Schedule => schedule::schedule_ui(ui, dossier, &mut cx),
        Step::Indicators => indicators::indicators_ui(ui, dossier, &mut cx),
        Step::Attachments => attachments::attachments_ui(ui, dossier, &mut cx),
        Step::Review => review::review_ui(ui, dossier, &mut cx),
        Step::Follow => follow::follow_ui(ui, dossier, &mut cx),
    }
    if !matches!(step, Step::Review | Step::Follow) {
        step_findings(ui, &mut cx, step);
    }
    ui.add_space(24.0);
}

/// The width a form's labels get beside their fields, and the widest field beside them.
const FORM_LABELS: f32 = 250.0;
const FORM_FIELDS: f32 = 480.0;
const FORM_GAP: f32 = 16.0;

/// Labelled fields: labels in a column beside their fields when the step is wide enough for
/// both, otherwise each label above its field (a narrow window, or a text size of 150 %), as
/// the DSFR lays out its forms, so that no field runs past the step's edge.
pub fn form(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    if ui.available_width() >= FORM_LABELS + FORM_GAP + FORM_FIELDS {
        egui::Grid::new(id)
            .num_columns(2)
            .spacing([FORM_GAP, 10.0])
            .min_col_width(FORM_LABELS)
            .show(ui, add);
    } else {
        ui.vertical(|ui| super::widgets::stacked(ui, add));
    }
}

/// The amount parser as a field parser (`1 234,56` or `1234.56`).
///
/// # Errors
/// The reason the text is not an amount, in the interface language.
pub fn parse_amount(tr: &Texts, text: &str) -> Result<crate::domain::Amount, String> {
    crate::domain::Amount::parse_fr(text).map_err(|e| tr.amount_error(&e))
}

/// The French amount display in a field: `1 234,56` (no currency sign: the label says €).
#[must_use]
pub fn show_amount(amount: &crate::domain::Amount) -> String {
    crate::domain::money::format_number_fr(amount.value(), 2)
}

/// An optional date (`JJ/MM/AAAA`) as a field parser: empty is `None`.
///
/// # Errors
/// The reason the text is not a date, in the interface language.
pub fn parse_date(tr: &Texts, text: &str) -> Result<Option<crate::domain::Date>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        crate::domain::Date::parse_fr(text)
            .map(Some)
            .map_err(|e| tr.date_error(&e))
    }
}

/// An optional date shown the French way.
#[must_use]
pub fn show_date(date: &Option<crate::domain::Date>) -> String {
    date.map(crate::domain::Date::to_fr).unwrap_or_default()
}

/// A date's field in a row of a list (no message under it: its frame and the panel say why).
pub fn date_cell(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    key: &str,
    name: &str,
    value: &mut crate::domain::Date,
) -> egui::Response {
    let look = super::widgets::FieldLook {
        key,
        accessible: name,
        hint: tr.t("date.hint"),
        width: 116.0,
    };
    super::widgets::parsed_field_compact(
        ui,
        inputs,
        look,
        value,
        |d| d.to_fr(),
        |t| parse_date_required(tr, t),
    )
}

/// An amount's field in a row of a list.
pub fn amount_cell(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    key: &str,
    name: &str,
    value: &mut crate::domain::Amount,
) -> egui::Response {
    let look = super::widgets::FieldLook {
        key,
        accessible: name,
        hint: "0,00",
        width: 120.0,
    };
    super::widgets::parsed_field_compact(ui, inputs, look, value, show_amount, |t| {
        parse_amount(tr, t)
    })
}

/// A required date (`JJ/MM/AAAA`) as a field parser.
///
/// # Errors
/// The reason the text is not a date, in the interface language.
pub fn parse_date_required(tr: &Texts, text: &str) -> Result<crate::domain::Date, String> {
    crate::domain::Date::parse_fr(text).map_err(|e| tr.date_error(&e))
}

/// Findings of this step, under its form: there, their coming and going as the user types moves
/// nothing the user aims at (above the form, a shrinking list moved every field under the
/// pointer). Each says its state in words, not only in colour (RGAA 3.1); its rule is named in
/// the hover text, with the way to its field.
pub fn step_findings(ui: &mut Ui, cx: &mut StepCx<'_>, step: Step) {
    let findings: Vec<_> = cx.evaluation.of_step(step).cloned().collect();
    // Always one child of its own, empty or not.
    ui.push_id("step-findings", |ui| {
        if findings.is_empty() {
            return;
        }
        ui.add_space(16.0);
        ui.separator();
        ui.label(
            RichText::new(cx.tr.t("step.findings"))
                .strong()
                .color(theme::TEXT_MUTED),
        );
        for finding in findings {
            let (fg, mark) = match cx.seen.shown(&finding) {
                Shown::ToFill => (theme::TEXT_MUTED, cx.tr.t("step.to_fill")),
                Shown::Acknowledged => (theme::GREEN, cx.tr.t("step.acknowledged")),
                Shown::Open(severity) => (
                    theme::severity_colours(severity).0,
                    cx.tr.severity(severity),
                ),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(crate::present::capitalised(mark))
                        .color(fg)
                        .strong(),
                );
                let response = ui.add(
                    egui::Label::new(RichText::new(cx.tr.finding(&finding, cx.rules)).color(fg))
                        .sense(egui::Sense::click()),
                );
                let hover = cx.tr.tf("finding.go_to_rule", &[("rule", &finding.rule)]);
                if response.on_hover_text(hover).clicked() {
                    cx.commands.push(Command::GoTo(step, finding.field.clone()));
                }
            });
        }
    });
}
