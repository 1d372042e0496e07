//! The live panel beside every step: the estimate, a bar of cost base against excluded costs and
//! cofunding, then the findings grouped by severity; a finding leads to its step and field, and
//! shows its rule's source sentence on demand.

use egui::{Color32, RichText, Sense, Ui};

use super::command::Command;
use super::seen::{Seen, Shown};
use super::theme;
use super::widgets::{Inputs, badge, legend, spoken};
use crate::domain::acknowledge::REASON_MAX;
use crate::domain::money::format_eur;
use crate::domain::{Evaluation, Finding, Knowledge, Severity, Step};
use crate::i18n::Texts;

/// What the panel draws from.
pub struct Panel<'a> {
    /// The interface texts.
    pub tr: &'a Texts,
    /// Rules of every window and the catalogue.
    pub knowledge: &'a Knowledge,
    /// The estimate and the findings.
    pub evaluation: &'a Evaluation,
    /// Texts being typed.
    pub inputs: &'a Inputs,
    /// The steps the user has finished with.
    pub seen: &'a Seen,
    /// On the « Suivi » step of a signed dossier, its progress report: the panel then follows
    /// the commitment rather than estimate the application.
    pub follow: Option<&'a crate::domain::report::Report>,
}

/// What the panel remembers between frames.
#[derive(Debug, Clone, Default)]
pub struct PanelState {
    /// The finding whose rule's source is shown.
    pub source_shown: Option<String>,
    /// The warning being acknowledged, if any.
    pub acknowledging: Option<Acknowledging>,
    /// Folded to a narrow strip (the estimate and the status only), for more room to the form.
    pub folded: bool,
}

/// A warning being acknowledged: which, the reason typed, why it was refused.
#[derive(Debug, Clone, Default)]
pub struct Acknowledging {
    /// The warning's rule and field.
    key: String,
    /// The reason, as typed.
    reason: String,
    /// Why « Valider » refused it.
    refused: Option<String>,
    /// Whether the field is still to take the focus (it does when it opens).
    focus: bool,
}

/// Draws the live panel.
pub fn live_panel(ui: &mut Ui, p: &Panel<'_>, commands: &mut Vec<Command>, state: &mut PanelState) {
    let tr = p.tr;
    if let Some(report) = p.follow {
        follow_panel(ui, tr, report, state);
        return;
    }
    if state.folded {
        folded_panel(ui, p, state);
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            // The title and « Replier », each whole: side by side where the panel is wide
            // enough, the button under the title otherwise (they overlapped).
            ui.horizontal_wrapped(|ui| {
                ui.add(
                    egui::Label::new(
                        theme::bold(tr.t("panel.title"))
                            .size(17.0)
                            .color(theme::BLUE),
                    )
                    .extend(),
                );
                if ui
                    .small_button(tr.t("panel.fold"))
                    .on_hover_text(tr.t("panel.fold.hint"))
                    .clicked()
                {
                    state.folded = true;
                }
            });
            estimate_grid(ui, tr, p.evaluation);
            bar(ui, tr, p.evaluation);
            ui.add_space(10.0);
            status_line(ui, p);
            pending_inputs(ui, tr, p.inputs, commands);
            to_fill(ui, p, commands);
            for shown in [
                Shown::Open(Severity::Blocking),
                Shown::Open(Severity::Warning),
                Shown::Open(Severity::Advisory),
                Shown::Acknowledged,
            ] {
                findings_group(ui, p, shown, commands, state);
            }
            crate::ui::widgets::keep_focus_in_view(ui);
        });
}

/// The panel folded: the estimated cofunding and the dossier's status, and the button that
/// unfolds it.
fn folded_panel(ui: &mut Ui, p: &Panel<'_>, state: &mut PanelState) {
    let tr = p.tr;
    if ui
        .button(tr.t("panel.unfold"))
        .on_hover_text(tr.t("panel.title"))
        .clicked()
    {
        state.folded = false;
    }
    ui.add_space(8.0);
    ui.label(RichText::new(tr.t("panel.cofunding")).color(theme::TEXT));
    ui.label(
        theme::bold(format_eur(p.evaluation.estimate.cofunding))
            .size(17.0)
            .color(theme::BLUE),
    );
    ui.add_space(8.0);
    status_line(ui, p);
}

/// « Ce qu'il reste à remplir »: what steps not finished yet still need, by step, neutral.
fn to_fill(ui: &mut Ui, p: &Panel<'_>, commands: &mut Vec<Command>) {
    let count = p.seen.count(&p.evaluation.findings, Shown::ToFill);
    if count == 0 {
        return;
    }
    let rules = p.knowledge.rules.window(&p.evaluation.window);
    ui.add_space(8.0);
    egui::CollapsingHeader::new(
        theme::bold(p.tr.tf("panel.to_fill", &[("n", &count)])).color(theme::TEXT),
    )
    .id_salt("to-fill")
    .default_open(true)
    .show(ui, |ui| {
        for step in Step::ALL {
            let mut items = p
                .evaluation
                .of_step(step)
                .filter(|f| p.seen.shown(f) == Shown::ToFill)
                .peekable();
            if items.peek().is_none() {
                continue;
            }
            ui.label(
                RichText::new(p.tr.step(step))
                    .small()
                    .color(theme::TEXT_MUTED),
            );
            for finding in items {
                let message = p.tr.finding(finding, rules);
                let entry = ui.add(
                    egui::Label::new(RichText::new(format!("○ {message}")))
                        .wrap()
                        .sense(Sense::click()),
                );
                let words = p.tr.tf("panel.to_fill.entry", &[("message", &message)]);
                spoken(&entry, &words);
                let response = entry.on_hover_text(p.tr.t("finding.go_to"));
                if response.clicked() {
                    commands.push(Command::GoTo(finding.step, finding.field.clone()));
                }
            }
        }
    });
}

/// The panel once the commitment is signed, on the « Suivi » step: the cofunding granted, what
/// was received, spent and saved against what was planned by the report's date, whether the
/// follow-up warns, and what falls due next.
fn follow_panel(
    ui: &mut Ui,
    tr: &Texts,
    report: &crate::domain::report::Report,
    state: &mut PanelState,
) {
    let warnings = report
        .findings
        .iter()
        .filter(|f| f.severity <= Severity::Warning)
        .count();
    let (text, fg, bg) = if warnings == 0 {
        (
            tr.t("follow.findings.none").to_owned(),
            theme::GREEN,
            theme::GREEN_LIGHT,
        )
    } else {
        (
            tr.tf("panel.follow.warnings", &[("n", &warnings)]),
            theme::ORANGE,
            theme::ORANGE_LIGHT,
        )
    };
    if state.folded {
        if ui.button(tr.t("panel.unfold")).clicked() {
            state.folded = false;
        }
        card(ui, bg, |ui| {
            ui.label(theme::bold(&text).color(fg));
        });
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let title = theme::bold(tr.t("panel.follow.title"))
                    .size(17.0)
                    .color(theme::BLUE);
                ui.add(egui::Label::new(title).extend());
                if ui.small_button(tr.t("panel.fold")).clicked() {
                    state.folded = true;
                }
            });
            let at = report.at.to_fr();
            let at = tr.tf("panel.follow.at", &[("date", &at)]);
            ui.label(RichText::new(at).color(theme::TEXT_MUTED));
            stacked_rows(ui, crate::present::follow::panel_rows(tr, report));
            ui.add_space(10.0);
            card(ui, bg, |ui| {
                ui.label(theme::bold(&text).color(fg));
            });
            if let Some(next) = report.due.first() {
                ui.add_space(6.0);
                let what = tr.due_item(&next.item);
                let date = next.date.to_fr();
                ui.label(tr.tf("review.next_due", &[("date", &date), ("what", &what)]));
            }
        });
}

/// Figures under their labels: each label whole on its line, its figure (a sentence here) under
/// it, the key one in blue.
fn stacked_rows(ui: &mut Ui, rows: Vec<crate::present::Row>) {
    for row in rows {
        ui.add_space(4.0);
        ui.label(RichText::new(row.label).color(theme::TEXT_MUTED));
        let value = if row.weight == crate::present::Weight::Key {
            theme::bold(row.value).size(17.0).color(theme::BLUE)
        } else {
            theme::bold(row.value)
        };
        ui.add(egui::Label::new(value).wrap());
    }
}

fn estimate_grid(ui: &mut Ui, tr: &Texts, evaluation: &Evaluation) {
    figure_rows(ui, crate::present::estimate_rows(tr, &evaluation.estimate));
}

/// Figures under their labels, each whole on the right, the key one in blue.
fn figure_rows(ui: &mut Ui, rows: Vec<crate::present::Row>) {
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing.y = 6.0;
        for crate::present::Row {
            label,
            value,
            weight,
        } in rows
        {
            let value = if weight == crate::present::Weight::Key {
                theme::bold(value).size(17.0).color(theme::BLUE)
            } else {
                RichText::new(value)
            };
            // The figure first, whole, on the right; the label takes what is left and wraps. Were
            // the panel narrower than the figure itself, the figure goes under its label.
            let figure = egui::WidgetText::from(value).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            if figure.size().x + 80.0 > ui.available_width() {
                ui.label(label);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    ui.add(egui::Label::new(figure).wrap())
                });
                continue;
            }
            egui::Sides::new().shrink_left().show(
                ui,
                |ui| ui.add(egui::Label::new(label).wrap()),
                |ui| ui.label(figure),
            );
        }
    });
}

/// Cost base (blue, with the cofunded part darker) against excluded costs (grey).
fn bar(ui: &mut Ui, tr: &Texts, evaluation: &Evaluation) {
    let e = &evaluation.estimate;
    let width = ui.available_width().min(360.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 18.0), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, theme::PANEL);
    painter.rect_stroke(
        rect,
        0.0,
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
        painter.rect_filled(base_rect, 0.0, theme::BLUE_MID);
        painter.rect_filled(cof_rect, 0.0, theme::BLUE);
        painter.rect_filled(excl_rect, 0.0, theme::GREY_BAR);
    }
    // A picture: a screen reader hears the shares it draws.
    let spoken = tr.tf(
        "panel.bar.spoken",
        &[
            ("cofunding", &format_eur(e.cofunding)),
            ("base", &format_eur(e.cost_base - e.cofunding)),
            ("excluded", &format_eur(e.excluded_total)),
        ],
    );
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(egui::accesskit::Role::Image);
        node.set_label(spoken);
    });
    response.on_hover_text(tr.t("panel.bar.hint"));
    ui.horizontal_wrapped(|ui| {
        legend(ui, theme::BLUE, tr.t("panel.bar.cofunding"));
        legend(ui, theme::BLUE_MID, tr.t("panel.bar.base"));
        legend(ui, theme::GREY_BAR, tr.t("panel.bar.excluded"));
    });
}

fn status_line(ui: &mut Ui, p: &Panel<'_>) {
    let tr = p.tr;
    let findings = &p.evaluation.findings;
    let blocking = p.seen.count(findings, Shown::Open(Severity::Blocking));
    let to_fill = p.seen.count(findings, Shown::ToFill);
    let pending = p.inputs.pending().count();
    let (text, fg, bg) = match (blocking + pending, to_fill) {
        (0, 0) => (
            tr.t("panel.ready").to_owned(),
            theme::GREEN,
            theme::GREEN_LIGHT,
        ),
        (0, n) => (
            tr.tf("panel.status.to_fill", &[("n", &n)]),
            theme::BLUE,
            theme::BLUE_LIGHT,
        ),
        (n, 0) => (
            tr.tf("panel.blocking", &[("n", &n)]),
            theme::RED,
            theme::RED_LIGHT,
        ),
        (n, m) => (
            tr.tf("panel.blocking.and_to_fill", &[("n", &n), ("m", &m)]),
            theme::RED,
            theme::RED_LIGHT,
        ),
    };
    card(ui, bg, |ui| {
        ui.label(theme::bold(text).color(fg));
    });
}

/// A full-width tinted block.
fn card(ui: &mut Ui, fill: Color32, add: impl FnOnce(&mut Ui)) {
    egui::Frame::new()
        .fill(fill)
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
        let step = Step::holding(field);
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

fn findings_group(
    ui: &mut Ui,
    p: &Panel<'_>,
    shown: Shown,
    commands: &mut Vec<Command>,
    state: &mut PanelState,
) {
    let tr = p.tr;
    let count = p.seen.count(&p.evaluation.findings, shown);
    if count == 0 {
        return;
    }
    let (fg, bg, title, id) = match shown {
        Shown::Open(severity) => {
            let (fg, bg) = theme::severity_colours(severity);
            let title = match severity {
                Severity::Blocking => tr.tf("panel.group.blocking", &[("n", &count)]),
                Severity::Warning => tr.tf("panel.group.warning", &[("n", &count)]),
                Severity::Advisory => tr.tf("panel.group.advisory", &[("n", &count)]),
            };
            (fg, bg, title, severity.id())
        }
        Shown::Acknowledged => (
            theme::GREEN,
            theme::GREEN_LIGHT,
            tr.tf("panel.group.acknowledged", &[("n", &count)]),
            "acknowledged",
        ),
        Shown::ToFill => return,
    };
    ui.add_space(8.0);
    egui::CollapsingHeader::new(theme::bold(title).color(fg))
        .id_salt(id)
        .default_open(matches!(
            shown,
            Shown::Open(Severity::Blocking | Severity::Warning)
        ))
        .show(ui, |ui| {
            for (i, finding) in p
                .evaluation
                .findings
                .iter()
                .filter(|f| p.seen.shown(f) == shown)
                .enumerate()
            {
                card(ui, bg, |ui| {
                    finding_card(ui, p, (finding, i, fg), commands, state);
                });
                ui.add_space(4.0);
            }
        });
}

/// One finding in its card: its rule and step, its message, what the applicant said of it,
/// and its links.
fn finding_card(
    ui: &mut Ui,
    p: &Panel<'_>,
    (finding, i, fg): (&Finding, usize, Color32),
    commands: &mut Vec<Command>,
    state: &mut PanelState,
) {
    let tr = p.tr;
    let rules = p.knowledge.rules.window(&p.evaluation.window);
    ui.horizontal_wrapped(|ui| {
        // The severity in words (not only its colour); the rule's id is behind « Source ».
        badge(
            ui,
            &capitalised(tr.severity(finding.severity)),
            Color32::WHITE,
            fg,
        );
        ui.label(
            RichText::new(tr.step(finding.step))
                .small()
                .color(theme::TEXT_MUTED),
        );
    });
    let message = tr.finding(finding, rules);
    ui.add(egui::Label::new(message.as_ref()).wrap());
    if let Some(ack) = &finding.acknowledged {
        let said = tr.acknowledgement(ack);
        ui.add(egui::Label::new(RichText::new(said).italics().color(theme::TEXT)).wrap());
    }
    let key = format!("{}#{i}", finding.rule);
    ui.horizontal_wrapped(|ui| {
        let go = ui
            .link(tr.tf("panel.go_to_step", &[("step", &tr.step(finding.step))]))
            .accessible_name(tr.tf("panel.go_to", &[("message", &message)]));
        if go.clicked() {
            commands.push(Command::GoTo(finding.step, finding.field.clone()));
        }
        let open = state.source_shown.as_deref() == Some(key.as_str());
        let toggle = ui
            .link(if open {
                tr.t("panel.source.hide")
            } else {
                tr.t("panel.source")
            })
            .accessible_name(tr.tf("panel.source.of", &[("rule", &finding.rule)]));
        if toggle.clicked() {
            state.source_shown = if open { None } else { Some(key.clone()) };
        }
        acknowledgement_links(ui, tr, finding, &message, commands, state);
    });
    if state.source_shown.as_deref() == Some(key.as_str()) {
        rule_source(ui, tr, p.knowledge, &p.evaluation.window, &finding.rule);
    }
    acknowledgement_editor(ui, tr, finding, commands, state);
}

/// Which warning an acknowledgement being typed is for.
fn ack_key(finding: &Finding) -> String {
    format!(
        "{}|{}",
        finding.rule,
        finding.field.as_deref().unwrap_or("")
    )
}

/// « Prendre en compte… » under a warning; « Retirer la prise en compte » under an
/// acknowledged one.
fn acknowledgement_links(
    ui: &mut Ui,
    tr: &Texts,
    finding: &Finding,
    message: &str,
    commands: &mut Vec<Command>,
    state: &mut PanelState,
) {
    if finding.severity != Severity::Warning {
        return;
    }
    if finding.is_acknowledged() {
        let withdraw = ui
            .link(tr.t("panel.ack.withdraw"))
            .accessible_name(tr.tf("panel.ack.withdraw.of", &[("message", &message)]));
        if withdraw.clicked() {
            commands.push(Command::Withdraw(Box::new(finding.clone())));
        }
    } else if state.acknowledging.as_ref().map(|a| &a.key) != Some(&ack_key(finding)) {
        let start = ui
            .link(tr.t("panel.ack.start"))
            .accessible_name(tr.tf("panel.ack.start.of", &[("message", &message)]));
        if start.clicked() {
            let reason = finding
                .acknowledged
                .as_ref()
                .map(|a| a.reason.clone())
                .unwrap_or_default();
            state.acknowledging = Some(Acknowledging {
                key: ack_key(finding),
                reason,
                refused: None,
                focus: true,
            });
        }
    }
}

/// The reason being typed for a warning, with « Valider » and « Annuler » (Enter, Escape).
fn acknowledgement_editor(
    ui: &mut Ui,
    tr: &Texts,
    finding: &Finding,
    commands: &mut Vec<Command>,
    state: &mut PanelState,
) {
    let Some(Acknowledging {
        key,
        reason,
        refused,
        focus,
    }) = state.acknowledging.as_mut()
    else {
        return;
    };
    if *key != ack_key(finding) {
        return;
    }
    let label = ui.label(RichText::new(tr.t("panel.ack.reason")).small());
    let field = ui
        .add(
            egui::TextEdit::singleline(reason)
                .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                .id_salt("acknowledgement-reason")
                .hint_text(tr.t("panel.ack.hint"))
                .char_limit(REASON_MAX)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if std::mem::take(focus) {
        field.request_focus();
    }
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
    if let Some(why) = refused.as_ref() {
        ui.label(RichText::new(why).color(theme::RED));
    }
    let (mut done, mut cancel) = (entered, escaped && field.has_focus());
    ui.horizontal(|ui| {
        done |= ui.button(tr.t("panel.ack.confirm")).clicked();
        cancel |= ui.button(tr.t("button.cancel")).clicked();
    });
    if cancel {
        state.acknowledging = None;
    } else if done {
        if reason.trim().is_empty() {
            *refused = Some(tr.t("panel.ack.no_reason").to_owned());
            field.request_focus();
        } else {
            commands.push(Command::Acknowledge(
                Box::new(finding.clone()),
                reason.trim().to_owned(),
            ));
            state.acknowledging = None;
        }
    }
}

/// `bloquant` → `Bloquant`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A rule's id, source sentence, its page and the reading adopted, under a finding.
fn rule_source(ui: &mut Ui, tr: &Texts, knowledge: &Knowledge, window: &str, rule: &str) {
    let Some(rule) = knowledge.rules.window(window).and_then(|r| r.rule(rule)) else {
        return;
    };
    ui.label(
        RichText::new(tr.tf("panel.source.rule", &[("rule", &rule.id)]))
            .small()
            .color(theme::TEXT_MUTED),
    );
    ui.label(RichText::new(format!("« {} »", rule.source.sentence)).italics());
    let page = super::sources::page_name(tr, knowledge, &rule.source.seed);
    ui.label(
        RichText::new(tr.tf("panel.source.page", &[("page", &page)]))
            .small()
            .color(theme::TEXT_MUTED),
    );
    super::sources::reading(ui, tr, rule);
}
