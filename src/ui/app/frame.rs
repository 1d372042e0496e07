//! The window's frame: the steps list, the step's form, the navigation bar and the places of
//! the live panel; the focus ring and the skip to the form; what each field's findings say.

use egui::{RichText, Ui};

use super::{App, Command, SkipToForm};
use crate::domain::Step;
use crate::ui::{steps, theme};

impl App {
    /// The steps list, drawn; the places of the navigation bar and of the live
    /// panel, only reserved: their content is drawn after the step, so that Tab follows the
    /// reading order: menus, steps list, the step's form, « Précédent / Suivant », then the findings.
    pub(super) fn side_panels(&mut self, ui: &mut Ui) -> (egui::Rect, egui::Rect) {
        let navigation = egui::Panel::bottom("navigation")
            .frame(theme::unpainted(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(16, 10)),
            ))
            .show(ui, |ui| {
                // One row of buttons: the height the bar needs, reserved before its content.
                let rect = ui.available_rect_before_wrap();
                let rect = egui::Rect::from_min_size(
                    rect.min,
                    egui::vec2(rect.width(), ui.spacing().interact_size.y + 4.0),
                );
                ui.allocate_rect(rect, egui::Sense::hover());
                rect
            })
            .inner;
        // Narrow windows (or 150 % scale) leave more room to the step itself.
        let narrow = ui.ctx().content_rect().width() < 1150.0;
        egui::Panel::left("steps")
            .exact_size(if narrow { 215.0 } else { 250.0 })
            .frame(theme::unpainted(egui::Frame::side_top_panel(ui.style())).inner_margin(12))
            .show(ui, |ui| self.steps_list(ui));
        // Folded, a narrow strip of its own (its own id: the unfolded width is kept).
        let live = if self.panel.folded {
            egui::Panel::right("live-folded").exact_size(190.0)
        } else {
            egui::Panel::right("live")
                .default_size(350.0)
                .min_size(320.0)
        };
        let live = live
            .frame(theme::unpainted(egui::Frame::side_top_panel(ui.style())).inner_margin(12))
            .show(ui, |ui| {
                let rect = ui.max_rect();
                ui.allocate_rect(rect, egui::Sense::hover());
                rect
            })
            .inner;
        (navigation, live)
    }

    pub(super) fn steps_list(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        ui.add_space(8.0);
        ui.label(theme::bold(tr.t("steps.title")).color(theme::BLUE));
        ui.add_space(4.0);
        for (i, step) in Step::ALL.into_iter().enumerate() {
            let applies = step.applies(&self.doc.dossier);
            if step == Step::Follow && !applies {
                // The follow-up exists once the commitment is signed.
                continue;
            }
            let (mark, state, colour) = if matches!(step, Step::Review | Step::Follow) {
                (String::new(), String::new(), theme::TEXT)
            } else if applies {
                self.step_mark(step)
            } else {
                (
                    "  —".to_owned(),
                    tr.t("steps.not_applicable").to_owned(),
                    theme::TEXT_MUTED,
                )
            };
            let name = format!("{}. {}", i + 1, tr.step(step));
            let label = RichText::new(format!("{name}{mark}")).color(if self.doc.step == step {
                theme::BLUE
            } else {
                colour
            });
            let spoken = if state.is_empty() {
                name
            } else {
                tr.tf("steps.spoken", &[("step", &name), ("state", &state)])
            };
            let response = ui
                .with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                    ui.add(
                        egui::Button::selectable(self.doc.step == step, label)
                            .min_size(egui::vec2(0.0, 30.0)),
                    )
                })
                .inner
                .on_hover_text(&state)
                .accessible_name(spoken);
            if response.clicked() {
                self.commands.push(Command::GoTo(step, None));
            }
            if matches!(step, Step::Review | Step::Follow) {
                self.frame.last_step = Some(response.id);
            }
        }
    }

    /// The step's form, in the middle, under the banner of a version or a file read only.
    pub(super) fn form(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        egui::CentralPanel::default()
            .frame(theme::unpainted(
                egui::Frame::central_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(24, 16)),
            ))
            .show(ui, |ui| {
                self.frame.form_rect = ui.max_rect();
                self.viewing_banner(ui);
                self.read_only_banner(ui);
                let signed = self.signed_banner(ui);
                // Each step of each dossier put on screen scrolls on its own: a step is shown
                // from its top the first time, then where the user left it.
                egui::ScrollArea::vertical()
                    .id_salt(("step", self.doc.step, self.frame.opened))
                    .auto_shrink(false)
                    // Always there: a bar that comes and goes with the step's height (a finding
                    // added while typing) would narrow the form under the user's hands.
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                    .show(ui, |ui| {
                        if self.viewing.is_some() || self.doc.read_only() || signed {
                            // A version, a file another window holds, or an application signed
                            // is read, not edited.
                            ui.disable();
                        }
                        let lines = self.doc.dossier.budget.lines.len();
                        self.doc.inputs.focus_line = None;
                        self.doc.inputs.said = self.said_of_fields();
                        let cx = steps::StepCx {
                            tr,
                            knowledge: &self.knowledge,
                            rules: None,
                            evaluation: &self.doc.evaluation,
                            seen: &self.doc.seen,
                            inputs: &mut self.doc.inputs,
                            commands: &mut self.commands,
                            generation: self.generation,
                        };
                        steps::step_ui(self.doc.step, ui, &mut self.doc.dossier, cx);
                        // A line added by « + Ajouter une ligne » is checked once left.
                        let now = self.doc.dossier.budget.lines.len();
                        let added =
                            self.doc.dossier.budget.lines.last().is_some_and(|l| {
                                l.label.is_empty() && l.amount_ttc.value().is_zero()
                            });
                        if self.doc.step == Step::Budget && now == lines + 1 && added {
                            self.doc.seen.line_added(lines);
                        } else {
                            self.doc
                                .seen
                                .focus_in_line(self.doc.inputs.focus_line, now != lines);
                        }
                        crate::ui::widgets::keep_focus_in_view(ui);
                    });
            });
    }

    /// What the findings say of each field, as the user is to see it now (see
    /// [`crate::ui::widgets::Inputs::said`]): the most serious first, in words.
    pub(super) fn said_of_fields(
        &self,
    ) -> std::collections::BTreeMap<String, (crate::domain::Severity, String)> {
        use crate::domain::Severity;
        use crate::ui::seen::Shown;
        let tr = self.tr();
        let rules = self.knowledge.rules.window(&self.doc.evaluation.window);
        let mut said = std::collections::BTreeMap::new();
        for finding in &self.doc.evaluation.findings {
            let Some(field) = &finding.field else {
                continue;
            };
            let blocking = match self.doc.seen.shown(finding) {
                Shown::Open(Severity::Blocking) => true,
                Shown::Open(Severity::Warning) => false,
                _ => continue,
            };
            said.entry(field.clone()).or_insert_with(|| {
                let message = tr.finding(finding, rules);
                let message: &[(&str, &dyn std::fmt::Display)] = &[("message", &message.as_ref())];
                let text = if blocking {
                    tr.tf("field.error", message)
                } else {
                    tr.tf("field.check", message)
                };
                (finding.severity, text)
            });
        }
        said
    }

    /// The focus ring: around whatever has the keyboard's focus, in one colour, on top of the
    /// widget's own look (egui's is faint on a radio button and gone on a filled button such as
    /// « Suivant »). Bounded by what is in view of the widget's scroll area.
    pub(super) fn focus_ring(ctx: &egui::Context) {
        let Some(focused) = ctx
            .memory(egui::Memory::focused)
            .and_then(|id| ctx.read_response(id))
        else {
            return;
        };
        let rect = focused.interact_rect;
        if rect.width() < 1.0 || rect.height() < 1.0 {
            return;
        }
        ctx.layer_painter(focused.layer_id).rect_stroke(
            rect.expand(2.0),
            0.0,
            egui::Stroke::new(2.0, theme::FOCUS),
            egui::StrokeKind::Outside,
        );
    }

    /// Moves a skip to the form on by one frame.
    pub(super) fn skip_to_form(&mut self, ctx: &egui::Context) {
        match self.frame.skip_to_form {
            SkipToForm::No => return,
            SkipToForm::Asked => {
                if let Some(id) = self.frame.last_step {
                    ctx.memory_mut(|m| m.request_focus(id));
                    self.frame.skip_to_form = SkipToForm::Onwards(6);
                } else {
                    self.frame.skip_to_form = SkipToForm::No;
                }
            }
            SkipToForm::Onwards(left) => {
                let in_form = ctx
                    .memory(egui::Memory::focused)
                    .and_then(|id| ctx.read_response(id))
                    .is_some_and(|r| self.frame.form_rect.contains(r.rect.center()));
                if in_form || left == 0 {
                    self.frame.skip_to_form = SkipToForm::No;
                    return;
                }
                ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
                self.frame.skip_to_form = SkipToForm::Onwards(left - 1);
            }
        }
        ctx.request_repaint();
    }

    /// A step's mark in the steps list, the same in words, and its colour: what blocks, what is
    /// to check, what is left to fill, or all done (and how many warnings were acknowledged).
    pub(super) fn step_mark(&self, step: Step) -> (String, String, egui::Color32) {
        use crate::domain::Severity;
        use crate::ui::seen::Shown;
        let tr = self.tr();
        let count = |shown| {
            self.doc
                .seen
                .count(self.doc.evaluation.of_step(step), shown)
        };
        let blocking = count(Shown::Open(Severity::Blocking));
        let warnings = count(Shown::Open(Severity::Warning));
        let to_fill = count(Shown::ToFill);
        let acknowledged = count(Shown::Acknowledged);
        let (mut mark, mut state, colour) = if blocking > 0 {
            (
                format!("  ● {blocking}"),
                tr.tf("steps.blocking", &[("n", &blocking)]),
                theme::RED,
            )
        } else if warnings > 0 {
            (
                format!("  ⚠ {warnings}"),
                tr.tf("steps.warnings", &[("n", &warnings)]),
                theme::ORANGE,
            )
        } else if to_fill > 0 {
            (
                format!("  ○ {to_fill}"),
                tr.tf("steps.to_fill", &[("n", &to_fill)]),
                theme::TEXT,
            )
        } else if !self.doc.seen.is_finished(step) && acknowledged == 0 {
            // Nothing said yet of a step the user has not been through: no ✓ before it is seen
            // (a blank « Pièces jointes » said ✓ on a new dossier).
            (
                "  ○".to_owned(),
                tr.t("steps.not_visited").to_owned(),
                theme::TEXT,
            )
        } else {
            (
                "  ✓".to_owned(),
                tr.t("steps.nothing_blocks").to_owned(),
                theme::GREEN,
            )
        };
        if acknowledged > 0 {
            // The warnings dealt with stay visible, in the colour of what is done.
            if blocking + warnings + to_fill == 0 {
                mark = format!("  ✓ (⚠ {acknowledged})");
            }
            state = tr.tf(
                "steps.and_acknowledged",
                &[("state", &state), ("n", &acknowledged)],
            );
        }
        (mark, state, colour)
    }

    pub(super) fn navigation(&mut self, ui: &mut Ui) {
        let tr = self.tr();
        ui.horizontal(|ui| {
            if let Some(prev) = self.doc.step.prev()
                && ui
                    .button(tr.tf("nav.previous", &[("step", &tr.step(prev))]))
                    .clicked()
            {
                self.commands.push(Command::GoTo(prev, None));
            }
            if let Some(next) = self
                .doc
                .step
                .next()
                .filter(|next| *next != Step::Follow || next.applies(&self.doc.dossier))
                && ui
                    .add(
                        egui::Button::new(
                            RichText::new(tr.tf("nav.next", &[("step", &tr.step(next))]))
                                .color(egui::Color32::WHITE),
                        )
                        .fill(theme::BLUE),
                    )
                    .clicked()
            {
                self.commands.push(Command::GoTo(next, None));
            }
            if let Some(status) = &self.status {
                ui.separator();
                // One line, cut with « … » when the window is narrow (a long path); the whole
                // text shows on hover and stays in the accessibility tree.
                ui.add(egui::Label::new(RichText::new(status).color(theme::TEXT_MUTED)).truncate());
            }
        });
    }
}
