//! « Déposer sur démarches-simplifiées » (issue 13): the form's saved description read, what the
//! dossier fills of it and what is left with why, the files to attach, the prefilled link, a
//! copy of each value, and — only on the user's confirmation, which shows the body and the
//! address — the dossier posted to the platform on a thread of its own, then opened in the
//! browser and recorded in the draft.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{RichText, Ui};

use super::{App, Command};
use crate::platform::client::{Client, Created, DEFAULT_TIMEOUT, SendError};
use crate::platform::{self, Description, Facts, FormTable, Prefill};
use crate::ui::theme;

/// The handover window's state.
#[derive(Default)]
pub(super) struct Handover {
    /// The description's path, as typed.
    path: String,
    /// The description read, or why it could not be.
    description: Option<Result<Description, String>>,
    /// Asked to send: the confirmation shows what and where.
    confirming: bool,
    /// The request under way.
    sending: Option<Receiver<Result<Created, SendError>>>,
    /// How the last request ended.
    outcome: Option<Result<Created, String>>,
    /// The day the description was read, when it came from the kept ones.
    read_on: Option<crate::domain::Date>,
    /// What changed in the form since the previous reading, or why it could not be kept.
    changes: Option<Result<crate::storage::descriptions::Changes, String>>,
}

impl App {
    /// Opens the handover window.
    pub(super) fn open_handover(&mut self) {
        if self.handover.is_some() {
            return;
        }
        let mut state = Handover::default();
        // The description read last comes back without asking again.
        if let Some(kept) = self
            .descriptions
            .as_ref()
            .and_then(crate::storage::descriptions::Descriptions::last)
        {
            state.read_on = Some(kept.read_on);
            state.description = Some(Ok(kept.description));
        }
        self.handover = Some(state);
    }

    /// Reads the description at the path typed, and keeps it.
    fn read_description(&self, state: &mut Handover) {
        state.outcome = None;
        state.read_on = None;
        state.changes = None;
        match read(&state.path) {
            Ok((text, description)) => {
                if let Some(kept) = &self.descriptions {
                    state.changes = Some(
                        kept.keep(&text, &description, crate::domain::Date::today())
                            .map(Option::unwrap_or_default)
                            .map_err(|e| crate::storage::error::io_message(&e)),
                    );
                }
                state.description = Some(Ok(description));
            }
            Err(why) => state.description = Some(Err(why)),
        }
    }

    fn prefill_of(&self, description: &Description) -> Option<Prefill> {
        let rules = self.knowledge.rules.window(&self.dossier.window)?;
        let table = FormTable::builtin().ok()?;
        let facts = Facts {
            dossier: &self.dossier,
            evaluation: &self.evaluation,
            rules,
        };
        let pdf = format!(
            "{}.pdf",
            crate::export::base_name(&self.dossier, crate::domain::Date::today())
        );
        Some(platform::prefill::build(
            description,
            table,
            &facts,
            &pdf,
            platform::DEFAULT_BASE,
        ))
    }

    /// Draws the handover window, if open.
    pub(super) fn handover_window(&mut self, ctx: &egui::Context) {
        let Some(mut state) = self.handover.take() else {
            return;
        };
        self.poll_send(ctx, &mut state);
        let tr = self.tr();
        let mut open = true;
        egui::Window::new(tr.t("handover.title"))
            .id(egui::Id::unique("handover"))
            .open(&mut open)
            .default_width(760.0)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(-380.0, 60.0))
            .max_height(ctx.content_rect().height() - 80.0)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .min_scrolled_height(560.0)
                    .show(ui, |ui| self.handover_ui(ui, &mut state));
            });
        if open {
            self.handover = Some(state);
        }
    }

    fn handover_ui(&mut self, ui: &mut Ui, state: &mut Handover) {
        let tr = self.tr();
        ui.label(tr.tf("handover.intro", &[("base", &platform::DEFAULT_BASE)]));
        ui.horizontal(|ui| {
            let label = ui.label(tr.t("handover.description"));
            let field = ui
                .add(egui::TextEdit::singleline(&mut state.path).desired_width(420.0))
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(tr.t("handover.read")).clicked() || entered {
                self.read_description(state);
            }
            if self.native_dialogs
                && ui.button(tr.t("handover.choose")).clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .add_filter("JSON", &["json"])
                    .pick_file()
            {
                state.path = path.display().to_string();
                self.read_description(state);
            }
        });
        let description = match &state.description {
            None => return,
            Some(Err(why)) => {
                ui.label(RichText::new(why).color(theme::RED));
                return;
            }
            Some(Ok(d)) => d.clone(),
        };
        let Some(prefill) = self.prefill_of(&description) else {
            return;
        };
        ui.separator();
        freshness_ui(ui, tr, state);
        ui.label(theme::bold(tr.tf(
            "handover.demarche",
            &[
                ("number", &prefill.demarche.number),
                ("title", &prefill.demarche.title),
            ],
        )));
        ui.label(tr.tf(
            "handover.counts",
            &[
                ("filled", &prefill.filled.len()),
                ("left", &prefill.not_filled.len()),
            ],
        ));
        // The actions first, then the details they rest on.
        self.actions_ui(ui, state, &prefill);
        ui.separator();
        left_ui(ui, tr, &prefill);
        attachments_ui(ui, tr, &prefill);
        companion_ui(ui, tr, &prefill, &description);
    }

    fn actions_ui(&mut self, ui: &mut Ui, state: &mut Handover, prefill: &Prefill) {
        let tr = self.tr();
        match (&prefill.link, &prefill.link_why) {
            (Some(link), _) => {
                if ui
                    .button(tr.t("handover.open_link"))
                    .on_hover_text(tr.t("handover.open_link.hint"))
                    .clicked()
                {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(link));
                }
            }
            (None, Some(why)) => {
                ui.label(
                    RichText::new(tr.tf("handover.no_link", &[("why", why)]))
                        .color(theme::TEXT_MUTED),
                );
            }
            (None, None) => {}
        }
        let url = Client::new(platform::DEFAULT_BASE, DEFAULT_TIMEOUT)
            .dossiers_url(prefill.demarche.number);
        if state.sending.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr.t("handover.sending"));
            });
        } else if state.confirming {
            ui.label(theme::bold(tr.tf(
                "handover.confirm",
                &[("count", &prefill.body.len()), ("url", &url)],
            )));
            egui::CollapsingHeader::new(tr.t("handover.body"))
                .id_salt("handover-body")
                .show(ui, |ui| {
                    let mut text = serde_json::to_string_pretty(&prefill.body).unwrap_or_default();
                    ui.add(
                        egui::TextEdit::multiline(&mut text)
                            .code_editor()
                            .desired_rows(8)
                            .interactive(false),
                    );
                });
            ui.horizontal(|ui| {
                if ui.button(tr.t("handover.send.yes")).clicked() {
                    state.confirming = false;
                    state.sending = Some(start_send(prefill));
                }
                if ui.button(tr.t("button.cancel")).clicked() {
                    state.confirming = false;
                }
            });
        } else if ui
            .add(egui::Button::new(tr.tf("handover.send", &[("url", &url)])).wrap())
            .clicked()
        {
            state.confirming = true;
        }
        match &state.outcome {
            Some(Ok(created)) => {
                ui.label(
                    RichText::new(tr.tf("handover.sent", &[("number", &created.dossier_number)]))
                        .color(theme::GREEN),
                );
                if ui.button(tr.t("handover.open_dossier")).clicked() {
                    ui.ctx()
                        .open_url(egui::OpenUrl::new_tab(&created.dossier_url));
                }
            }
            Some(Err(why)) => {
                ui.label(RichText::new(why).color(theme::RED));
            }
            None => {}
        }
    }

    /// Picks up the answer of a request under way.
    fn poll_send(&mut self, ctx: &egui::Context, state: &mut Handover) {
        let Some(job) = &state.sending else { return };
        match job.try_recv() {
            Ok(Ok(created)) => {
                state.sending = None;
                if let Some(Ok(d)) = &state.description {
                    self.dossier.platform = Some(crate::domain::dossier::PlatformRecord {
                        base: platform::DEFAULT_BASE.to_owned(),
                        demarche: d.number,
                        dossier_number: created.dossier_number,
                        prefill_token: created.prefill_token.clone(),
                        url: created.dossier_url.clone(),
                        sent_at: platform::now_utc(),
                    });
                }
                ctx.open_url(egui::OpenUrl::new_tab(&created.dossier_url));
                if self.path.is_some() {
                    self.commands.push(Command::Save);
                }
                state.outcome = Some(Ok(created));
            }
            Ok(Err(e)) => {
                state.sending = None;
                state.outcome = Some(Err(e.to_string()));
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(TryRecvError::Disconnected) => {
                state.sending = None;
                state.outcome = Some(Err(self.tr().t("handover.interrupted").to_owned()));
            }
        }
    }
}

fn read(path: &str) -> Result<(String, Description), String> {
    let path = PathBuf::from(path.trim());
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{} ({})",
            crate::storage::error::io_message(&e),
            path.display()
        )
    })?;
    let description =
        platform::description::parse(&text).map_err(|e| format!("{e} ({})", path.display()))?;
    Ok((text, description))
}

/// Whether the description may be stale: kept from an earlier day, old, or the form changed.
fn freshness_ui(ui: &mut Ui, tr: &crate::i18n::Texts, state: &Handover) {
    if let (Some(read_on), Some(Ok(description))) = (state.read_on, &state.description) {
        let kept = crate::storage::descriptions::Kept {
            description: description.clone(),
            read_on,
        };
        ui.label(
            RichText::new(tr.tf("handover.kept", &[("date", &read_on.to_fr())]))
                .color(theme::TEXT_MUTED),
        );
        if let Some(days) = kept.old(crate::domain::Date::today()) {
            ui.label(RichText::new(tr.tf("handover.old", &[("days", &days)])).color(theme::ORANGE));
        }
    }
    match &state.changes {
        Some(Ok(changes)) if changes.any() => {
            let mut parts = Vec::new();
            if let Some((_, now)) = &changes.modified {
                parts.push(tr.tf("handover.changed.modified", &[("date", now)]));
            }
            if !changes.added.is_empty() {
                parts.push(tr.tf(
                    "handover.changed.added",
                    &[("labels", &changes.added.join(", "))],
                ));
            }
            if !changes.removed.is_empty() {
                parts.push(tr.tf(
                    "handover.changed.removed",
                    &[("labels", &changes.removed.join(", "))],
                ));
            }
            ui.label(
                RichText::new(tr.tf("handover.changed", &[("what", &parts.join(" ; "))]))
                    .color(theme::ORANGE),
            );
        }
        Some(Err(why)) => {
            ui.label(
                RichText::new(tr.tf("handover.not_kept", &[("why", why)])).color(theme::TEXT_MUTED),
            );
        }
        _ => {}
    }
}

fn start_send(prefill: &Prefill) -> Receiver<Result<Created, SendError>> {
    let (send, receive) = std::sync::mpsc::channel();
    let number = prefill.demarche.number;
    let body = prefill.body.clone();
    std::thread::spawn(move || {
        let client = Client::new(platform::DEFAULT_BASE, DEFAULT_TIMEOUT);
        let _ = send.send(client.create(number, &body));
    });
    receive
}

/// What is left to fill on the platform, and why.
fn left_ui(ui: &mut Ui, tr: &crate::i18n::Texts, prefill: &Prefill) {
    if prefill.not_filled.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(tr.tf("handover.left", &[("count", &prefill.not_filled.len())]))
        .id_salt("handover-left")
        .default_open(true)
        .show(ui, |ui| {
            for n in &prefill.not_filled {
                let mark = if n.required {
                    tr.t("handover.required")
                } else {
                    tr.t("handover.optional")
                };
                ui.label(format!("• {} ({mark}) : {}", n.label, n.why));
            }
        });
}

/// Which file goes into which attachment champ.
fn attachments_ui(ui: &mut Ui, tr: &crate::i18n::Texts, prefill: &Prefill) {
    if prefill.attachments.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(tr.tf(
        "handover.attachments",
        &[("count", &prefill.attachments.len())],
    ))
    .id_salt("handover-attachments")
    .default_open(true)
    .show(ui, |ui| {
        egui::Grid::new("handover-attachments-grid")
            .num_columns(2)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for a in &prefill.attachments {
                    ui.label(&a.label);
                    ui.label(&a.file);
                    ui.end_row();
                }
            });
    });
}

/// Every champ in the form's order with the value the dossier gives it, and a copy button.
fn companion_ui(ui: &mut Ui, tr: &crate::i18n::Texts, prefill: &Prefill, d: &Description) {
    egui::CollapsingHeader::new(tr.t("handover.companion"))
        .id_salt("handover-companion")
        .show(ui, |ui| {
            egui::Grid::new("handover-companion-grid")
                .num_columns(3)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for champ in d.champs.iter().filter(|c| c.kind.is_input()) {
                        ui.label(&champ.label);
                        match prefill.body.get(&champ.key()) {
                            Some(serde_json::Value::String(text)) => {
                                ui.label(text.chars().take(80).collect::<String>());
                                if ui
                                    .button(tr.t("handover.copy"))
                                    .on_hover_text(text)
                                    .clicked()
                                {
                                    ui.ctx().copy_text(text.clone());
                                }
                            }
                            Some(other) => {
                                let text = other.to_string();
                                ui.label(tr.t("handover.table"));
                                if ui.button(tr.t("handover.copy")).clicked() {
                                    ui.ctx().copy_text(text);
                                }
                            }
                            None => {
                                ui.label(RichText::new("—").color(theme::TEXT_MUTED));
                                ui.label("");
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
