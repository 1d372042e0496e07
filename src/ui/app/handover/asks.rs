//! What the hand-over's window asks for, run once it is drawn (a file read, the system's
//! dialog, a request on a thread of its own), and the answers taken up when they come.

use super::{Handover, Sent};
use crate::platform;
use crate::platform::client::{Client, Created, DEFAULT_TIMEOUT};
use crate::ui::app::{App, Command};
use crate::ui::tasks::{Polled, Task};

/// A side effect the hand-over's window asks for, run after it is drawn.
pub(super) enum Ask {
    /// Read the description at the path typed, and keep it.
    ReadFile,
    /// Choose the description's file in the system's dialog, then read it.
    ChooseFile,
    /// Ask the platform for the démarche's description.
    Fetch { base: String, path: String },
    /// Ask the platform where the dossier handed over stands.
    Status {
        base: String,
        demarche: u64,
        token: String,
    },
    /// Post the prefill's body.
    Send {
        base: String,
        demarche: u64,
        body: serde_json::Map<String, serde_json::Value>,
    },
}

impl App {
    /// Runs what the window asked while it was drawn: files, the system's dialog, requests (on
    /// threads of their own, polled by `poll_jobs`).
    pub(super) fn run_ask(&mut self, state: &mut Handover, ask: Ask) {
        match ask {
            Ask::ReadFile => self.read_description(state),
            Ask::ChooseFile => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("JSON", &["json"])
                    .pick_file()
                {
                    state.path = path.display().to_string();
                    self.read_description(state);
                }
            }
            Ask::Fetch { base, path } => {
                state.fetching = Some(Task::spawn(move || {
                    Client::new(&base, DEFAULT_TIMEOUT).description(&path)
                }));
            }
            Ask::Status {
                base,
                demarche,
                token,
            } => {
                state.asking = Some(Task::spawn(move || {
                    let answer = Client::new(&base, DEFAULT_TIMEOUT).status(demarche, &token);
                    (token, answer)
                }));
            }
            Ask::Send {
                base,
                demarche,
                body,
            } => {
                state.sending = Some(Task::spawn(move || {
                    let answer = Client::new(&base, DEFAULT_TIMEOUT).create(demarche, &body);
                    Sent {
                        base,
                        demarche,
                        answer,
                    }
                }));
            }
        }
    }

    /// Picks up the answers of the requests under way.
    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context, state: &mut Handover) {
        let tr = self.tr();
        let interrupted = || tr.t("handover.interrupted").to_owned();
        match Task::poll(&mut state.fetching, ctx) {
            Polled::Done(Ok(text)) => match platform::description::parse(&text) {
                Ok(description) => self.take_description(state, &text, description),
                Err(e) => state.description = Some(Err(e.to_string())),
            },
            Polled::Done(Err(e)) => state.description = Some(Err(tr.send_error(&e))),
            Polled::Lost => state.description = Some(Err(interrupted())),
            Polled::Waiting => {}
        }
        match Task::poll(&mut state.asking, ctx) {
            Polled::Done((token, answer)) => {
                if let Ok(status) = &answer {
                    self.note_platform_answer(&token, status);
                }
                state.status = Some(answer.map_err(|e| tr.send_error(&e)));
            }
            Polled::Lost => state.status = Some(Err(interrupted())),
            Polled::Waiting => {}
        }
        match Task::poll(&mut state.sending, ctx) {
            Polled::Done(Sent {
                base,
                demarche,
                answer: Ok(created),
            }) => self.record(ctx, state, (base, demarche), created),
            Polled::Done(Sent { answer: Err(e), .. }) => {
                state.outcome = Some(Err(tr.send_error(&e)));
            }
            Polled::Lost => state.outcome = Some(Err(interrupted())),
            Polled::Waiting => {}
        }
    }

    /// A dossier created on the platform: opened in the browser, recorded in the draft, saved.
    pub(super) fn record(
        &mut self,
        ctx: &egui::Context,
        state: &mut Handover,
        (base, demarche): (String, u64),
        created: Created,
    ) {
        self.doc.dossier.platform = Some(crate::domain::dossier::PlatformRecord {
            base,
            demarche,
            dossier_number: created.dossier_number,
            prefill_token: created.prefill_token.clone(),
            url: created.dossier_url.clone(),
            sent_at: crate::domain::Date::now_utc(),
            timeline: Vec::new(),
        });
        ctx.open_url(egui::OpenUrl::new_tab(&created.dossier_url));
        if self.doc.path.is_some() {
            self.commands.push(Command::Save);
        }
        state.status = None;
        state.outcome = Some(Ok(created));
    }
}
