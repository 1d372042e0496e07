//! « Déposer sur démarches-simplifiées » (issue 13): the form's description read (from a file
//! saved by a browser, or asked of the platform on the user's click), what the dossier fills of
//! it and what is left with why, the champs tied by hand where the labels differ ([`mapping`]),
//! the files to attach with their size and digest, the prefilled link, a copy of each value,
//! and — only on the user's confirmation, which shows the body and the address — the dossier
//! posted to the platform, then opened in the browser and recorded in the draft; later, on
//! request, where it stands there. Every request runs on a thread of its own
//! ([`crate::ui::tasks`]); what only draws is in [`parts`].

mod asks;
mod mapping;
mod parts;
mod status;

pub(super) use status::Asking;

use asks::Ask;

use parts::{attachments_ui, companion_ui, freshness_ui, left_ui, link_ui};

use crate::ui::widgets::ComboExt as _;
use std::path::PathBuf;

use egui::{RichText, Ui};

use super::App;
use crate::platform::client::{Client, Created, DEFAULT_TIMEOUT, SendError, Status};
use crate::platform::prefill::Ties;
use crate::platform::{self, Description, Facts, FormTable, Prefill};
use crate::ui::tasks::Task;
use crate::ui::theme;

/// A post's answer, with where it went: the draft records that, whatever the window shows by
/// the time the answer comes.
struct Sent {
    /// The platform's address.
    base: String,
    /// The démarche's number.
    demarche: u64,
    /// The answer.
    answer: Result<Created, SendError>,
}

/// The handover window's state.
#[derive(Default)]
pub(super) struct Handover {
    /// The description's path, as typed.
    path: String,
    /// The description read, or why it could not be.
    description: Option<Result<Description, String>>,
    /// The platform's address, as typed (checked before any request).
    base: String,
    /// Whether the address is typed rather than picked among the known ones.
    base_typed: bool,
    /// The champs tied by hand, for the démarche read.
    ties: Ties,
    /// Why the ties could not be read or kept, if so.
    ties_note: Option<String>,
    /// Whether the ties' window is open.
    mapping: bool,
    /// Asked to send: the confirmation shows what and where.
    confirming: bool,
    /// The description asked of the platform.
    fetching: Option<Task<Result<String, SendError>>>,
    /// The dossier being posted.
    sending: Option<Task<Sent>>,
    /// How the last post ended.
    outcome: Option<Result<Created, String>>,
    /// The platform asked where the dossier stands.
    asking: Option<Task<(String, Result<Status, SendError>)>>,
    /// What it answered.
    status: Option<Result<Status, String>>,
    /// The day the description was read, when it came from the kept ones.
    read_on: Option<crate::domain::Date>,
    /// What changed in the form since the previous reading, or why it could not be kept.
    changes: Option<Result<crate::storage::descriptions::Changes, String>>,
    /// The prefill last built, and what it was built from: rebuilt only when the dossier, the
    /// address, the ties or the pack exported change, not at every frame.
    built: Option<(Built, Prefill)>,
    /// What the user asked while the window was drawn: run once it is drawn (drawing never reads
    /// a file, opens a dialog or sends a request).
    asked: Vec<Ask>,
}

/// What a prefill is built from, besides the description (a new one clears the cache).
#[derive(Debug)]
struct Built {
    dossier: u64,
    base: String,
    ties: Ties,
    /// The files of the pack exported last: a new export of the same dossier (in another
    /// language, another day) has as many files, not the same sizes and digests.
    pack: Vec<crate::platform::prefill::KnownFile>,
}

impl Built {
    /// What the window holds now.
    fn of(app: &App, state: &Handover) -> Self {
        Built {
            dossier: app.generation,
            base: state.base.clone(),
            ties: state.ties.clone(),
            pack: app.last_pack.clone(),
        }
    }

    /// Whether it is still what the window holds (compared in place: nothing copied a frame).
    fn is_current(&self, app: &App, state: &Handover) -> bool {
        self.dossier == app.generation
            && self.base == state.base
            && self.ties == state.ties
            && self.pack == app.last_pack
    }
}

impl App {
    /// Opens the handover window.
    pub(super) fn open_handover(&mut self) {
        if self.handover.is_some() {
            return;
        }
        let mut state = Handover {
            base: self
                .prefs
                .platform_base
                .clone()
                .unwrap_or_else(|| platform::DEFAULT_BASE.to_owned()),
            ..Handover::default()
        };
        state.base_typed = !platform::KNOWN_BASES.contains(&state.base.as_str());
        // The description read last comes back without asking again.
        if let Some(kept) = self
            .descriptions
            .as_ref()
            .and_then(crate::storage::descriptions::Descriptions::last)
        {
            state.read_on = Some(kept.read_on);
            self.set_description(&mut state, kept.description);
        }
        self.handover = Some(state);
    }

    /// Takes a description read, with the ties kept for its démarche.
    fn set_description(&self, state: &mut Handover, description: Description) {
        state.ties_note = None;
        state.built = None;
        state.ties = match &self.descriptions {
            Some(kept) => kept.ties(description.number).unwrap_or_else(|why| {
                state.ties_note = Some(self.tr().ties_error(&why));
                Ties::new()
            }),
            None => Ties::new(),
        };
        state.description = Some(Ok(description));
    }

    /// Reads the description at the path typed, and keeps it.
    fn read_description(&self, state: &mut Handover) {
        match read(&state.path) {
            Ok((text, description)) => self.take_description(state, &text, description),
            Err(why) => {
                state.outcome = None;
                state.description = Some(Err(why));
            }
        }
    }

    /// A description just read (from a file or from the platform): kept, with what changed.
    fn take_description(&self, state: &mut Handover, text: &str, description: Description) {
        state.outcome = None;
        state.read_on = None;
        state.changes = None;
        if let Some(kept) = &self.descriptions {
            state.changes = Some(
                kept.keep(text, &description, crate::domain::Date::today())
                    .map(Option::unwrap_or_default)
                    .map_err(|e| self.tr().io_error(&e)),
            );
        }
        self.set_description(state, description);
    }

    fn prefill_of(&self, description: &Description, state: &Handover) -> Option<Prefill> {
        let rules = self.knowledge.rules.window(&self.doc.dossier.window)?;
        let table = FormTable::builtin().ok()?;
        let facts = Facts {
            dossier: &self.doc.dossier,
            evaluation: &self.doc.evaluation,
            rules,
        };
        let pdf = platform::prefill::pdf_name(
            &self.last_pack,
            format!(
                "{}.pdf",
                crate::export::base_name(&self.doc.dossier, crate::domain::Date::today())
            ),
        );
        let base =
            platform::parse_base(&state.base).unwrap_or_else(|_| platform::DEFAULT_BASE.into());
        Some(platform::prefill::build(
            description,
            table,
            &facts,
            &platform::prefill::Options {
                pdf_name: &pdf,
                base: &base,
                ties: &state.ties,
                known: &self.last_pack,
            },
        ))
    }

    /// Draws the handover window, if open.
    pub(super) fn handover_window(&mut self, ctx: &egui::Context) {
        let Some(mut state) = self.handover.take() else {
            return;
        };
        self.poll_jobs(ctx, &mut state);
        let tr = self.tr();
        let mut open = true;
        super::dialogs::over_wizard(
            ctx,
            tr.t("handover.title"),
            "handover",
            &mut open,
            (760.0, egui::vec2(-380.0, 60.0), 80.0),
        )
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .min_scrolled_height(560.0)
                .show(ui, |ui| {
                    self.handover_ui(ui, &mut state);
                    crate::ui::widgets::keep_focus_in_view(ui);
                });
        });
        self.mapping_window(ctx, &mut state);
        for ask in std::mem::take(&mut state.asked) {
            self.run_ask(&mut state, ask);
        }
        if open {
            self.handover = Some(state);
        }
    }

    fn handover_ui(&mut self, ui: &mut Ui, state: &mut Handover) {
        let tr = self.tr();
        // What to do, in three steps, in the user's words; the platform's address, the file
        // and the request are under « Détails ».
        for step in [
            tr.t("handover.step1"),
            tr.t("handover.step2"),
            tr.t("handover.step3"),
        ] {
            ui.add(egui::Label::new(step).wrap());
        }
        ui.add_space(6.0);
        self.fetch_ui(ui, state);
        egui::CollapsingHeader::new(tr.t("handover.details"))
            .id_salt("handover-details")
            .show(ui, |ui| {
                self.base_ui(ui, state);
                self.source_ui(ui, state);
            });
        let description = match &state.description {
            None => return,
            Some(Err(why)) => {
                ui.label(RichText::new(why).color(theme::RED));
                return;
            }
            Some(Ok(d)) => d,
        };
        let (from, prefill) = match state.built.take() {
            Some((built, prefill)) if built.is_current(self, state) => (built, prefill),
            _ => match self.prefill_of(description, state) {
                Some(prefill) => (Built::of(self, state), prefill),
                None => return,
            },
        };
        let demarche = description.number;
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
        self.record_ui(ui, state, demarche);
        // The actions first, then the details they rest on.
        self.actions_ui(ui, state, &prefill);
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(tr.t("handover.mapping"))
                .on_hover_text(tr.t("handover.mapping.hint"))
                .clicked()
            {
                state.mapping = true;
            }
            if !state.ties.is_empty() {
                ui.label(
                    RichText::new(tr.tf("handover.mapping.count", &[("count", &state.ties.len())]))
                        .color(theme::TEXT_MUTED),
                );
            }
        });
        if let Some(note) = &state.ties_note {
            ui.label(RichText::new(note).color(theme::ORANGE));
        }
        left_ui(ui, tr, &prefill);
        attachments_ui(ui, tr, &prefill, self.last_pack.is_empty());
        // Read again here: the actions above borrowed the state mutably (nothing they do replaces
        // the description, which only the source's row above does).
        if let Some(Ok(description)) = &state.description {
            companion_ui(ui, tr, &prefill, description);
        }
        // Kept for the next frame (nothing drawn above reads a new description in between).
        state.built = Some((from, prefill));
    }

    /// The platform's address: one of the two names, or another typed (a test platform).
    fn base_ui(&mut self, ui: &mut Ui, state: &mut Handover) {
        let tr = self.tr();
        let before = state.base.clone();
        ui.horizontal(|ui| {
            let label = ui.label(tr.t("handover.base"));
            let shown = if state.base_typed {
                tr.t("handover.base.other").to_owned()
            } else {
                state.base.clone()
            };
            egui::ComboBox::from_id_salt("handover-base")
                .selected_text(shown)
                // The longer known address in full, clear of the list's arrow.
                .width(360.0)
                .show_list(ui, |ui| {
                    for known in platform::KNOWN_BASES {
                        if ui
                            .selectable_label(!state.base_typed && state.base == known, known)
                            .clicked()
                        {
                            known.clone_into(&mut state.base);
                            state.base_typed = false;
                        }
                    }
                    if ui
                        .selectable_label(state.base_typed, tr.t("handover.base.other"))
                        .clicked()
                        && !state.base_typed
                    {
                        // Typed afresh: a test platform, a new name.
                        state.base_typed = true;
                        state.base.clear();
                    }
                })
                .response
                .labelled_by(label.id);
            if state.base_typed {
                ui.add(
                    egui::TextEdit::singleline(&mut state.base)
                        .desired_width(260.0)
                        .hint_text("https://…"),
                )
                .labelled_by(label.id);
            }
        });
        match platform::parse_base(&state.base) {
            Ok(base) => {
                if state.base != before {
                    self.prefs.platform_base = (base != platform::DEFAULT_BASE).then_some(base);
                }
            }
            Err(_) if state.base.trim().is_empty() => {}
            Err(why) => {
                ui.label(RichText::new(tr.not_an_address(&why)).color(theme::RED));
            }
        }
    }

    /// Where the description comes from: a file saved by the browser, or the platform, asked.
    fn source_ui(&mut self, ui: &mut Ui, state: &mut Handover) {
        let tr = self.tr();
        ui.horizontal(|ui| {
            let label = ui.label(tr.t("handover.description"));
            let field = ui
                .add(egui::TextEdit::singleline(&mut state.path).desired_width(420.0))
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(tr.t("handover.read")).clicked() || entered {
                state.asked.push(Ask::ReadFile);
            }
            if self.native_dialogs && ui.button(tr.t("handover.choose")).clicked() {
                state.asked.push(Ask::ChooseFile);
            }
        });
        if let Some((_, _, url)) = description_request(state) {
            ui.label(
                RichText::new(tr.tf("handover.request", &[("url", &url)]))
                    .small()
                    .color(theme::TEXT_MUTED),
            );
        }
    }

    /// « Récupérer le formulaire de la démarche »: one request to the platform, which sends
    /// nothing of the dossier.
    fn fetch_ui(&mut self, ui: &mut Ui, state: &mut Handover) {
        let tr = self.tr();
        let Some((base, path, url)) = description_request(state) else {
            return;
        };
        if state.fetching.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr.t("handover.fetching"));
            });
        } else if ui
            .add(egui::Button::new(tr.t("handover.fetch")).wrap())
            .on_hover_text(tr.tf("handover.fetch.hint", &[("url", &url)]))
            .clicked()
        {
            state.asked.push(Ask::Fetch { base, path });
        }
    }

    /// The dossier already handed over, and « État sur la plateforme » on request.
    fn record_ui(&mut self, ui: &mut Ui, state: &mut Handover, demarche: u64) {
        let tr = self.tr();
        let Some(record) = self.doc.dossier.platform.clone() else {
            return;
        };
        if record.demarche != demarche {
            return;
        }
        ui.label(tr.tf(
            "handover.recorded",
            &[
                ("number", &record.dossier_number),
                (
                    "date",
                    &crate::ui::widgets::local_date_time(&record.sent_at),
                ),
                ("base", &record.base),
            ],
        ));
        let url = Client::new(&record.base, DEFAULT_TIMEOUT).dossiers_url(record.demarche);
        ui.horizontal_wrapped(|ui| {
            if state.asking.is_some() {
                ui.spinner();
                ui.label(tr.t("handover.asking"));
            } else if ui
                .button(tr.t("handover.status"))
                .on_hover_text(tr.tf("handover.status.hint", &[("url", &url)]))
                .clicked()
            {
                state.asked.push(Ask::Status {
                    base: record.base.clone(),
                    demarche: record.demarche,
                    token: record.prefill_token.clone(),
                });
            }
            if ui.button(tr.t("handover.open_dossier")).clicked() {
                ui.ctx().open_url(egui::OpenUrl::new_tab(&record.url));
            }
        });
        match &state.status {
            Some(Ok(status)) => {
                ui.label(RichText::new(status_text(tr, status)).color(theme::TEXT_MUTED));
            }
            Some(Err(why)) => {
                ui.label(RichText::new(why).color(theme::RED));
            }
            None => {}
        }
    }

    fn actions_ui(&mut self, ui: &mut Ui, state: &mut Handover, prefill: &Prefill) {
        let tr = self.tr();
        link_ui(ui, tr, prefill);
        let Ok(base) = platform::parse_base(&state.base) else {
            return;
        };
        let url = Client::new(&base, DEFAULT_TIMEOUT).dossiers_url(prefill.demarche.number);
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
            // Sent before: a new send makes a second dossier on the platform.
            if let Some(record) = self
                .doc
                .dossier
                .platform
                .as_ref()
                .filter(|r| r.demarche == prefill.demarche.number)
            {
                ui.label(
                    RichText::new(tr.tf("handover.again", &[("number", &record.dossier_number)]))
                        .color(theme::ORANGE),
                );
            }
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
                    state.asked.push(Ask::Send {
                        base: base.clone(),
                        demarche: prefill.demarche.number,
                        body: prefill.body.clone(),
                    });
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
            }
            Some(Err(why)) => {
                ui.label(RichText::new(why).color(theme::RED));
            }
            None => {}
        }
    }
}

/// Where the dossier stands, said (as the follow-up's timeline says it).
fn status_text(tr: &crate::i18n::Texts, status: &Status) -> String {
    crate::present::platform_state(tr, &status.recorded(String::new()))
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

/// The request for the démarche's form description: the platform's address, the démarche's
/// path (the one read, else the window's) and the address asked; none while the platform's
/// address does not read.
fn description_request(state: &Handover) -> Option<(String, String, String)> {
    let base = platform::parse_base(&state.base).ok()?;
    let path = match &state.description {
        Some(Ok(d)) if !d.path.is_empty() => d.path.clone(),
        _ => FormTable::builtin()
            .map(|t| t.demarche_path.clone())
            .unwrap_or_default(),
    };
    let url = Client::new(&base, DEFAULT_TIMEOUT).description_url(&path);
    Some((base, path, url))
}
