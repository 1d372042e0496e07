//! « Demander l'état à la plateforme » from the follow-up: the one request the button names
//! (`GET …/dossiers?prefill_token=…`, nothing of the dossier sent), on a thread of its own; the
//! answer joins the draft's timeline and is said in the status line.

use crate::domain::Date;
use crate::platform::client::{Client, DEFAULT_TIMEOUT, SendError, Status};
use crate::ui::app::{App, Dialog};
use crate::ui::tasks::{Polled, Task};

/// The request under way, with the token of the dossier it asks about.
pub(in crate::ui::app) type Asking = Task<(String, Result<Status, SendError>)>;

impl App {
    /// Asks the platform where the dossier handed over stands (once at a time).
    pub(in crate::ui::app) fn ask_platform_status(&mut self) {
        let Some(record) = self.doc.dossier.platform.clone() else {
            return;
        };
        if self.tasks.platform_status.is_some() {
            return;
        }
        self.status = Some(self.tr().t("handover.asking").to_owned());
        self.tasks.platform_status = Some(Task::spawn(move || {
            let answer = Client::new(&record.base, DEFAULT_TIMEOUT)
                .status(record.demarche, &record.prefill_token);
            (record.prefill_token, answer)
        }));
    }

    /// Notes the platform's answer in the timeline of the dossier it was asked about: not in
    /// another one opened meanwhile, nor in a version or a draft only read. Whether it noted a
    /// change.
    pub(in crate::ui::app) fn note_platform_answer(
        &mut self,
        token: &str,
        status: &Status,
    ) -> bool {
        if self.viewing.is_some() || self.doc.read_only() {
            return false;
        }
        match self.doc.dossier.platform.as_mut() {
            Some(record) if record.prefill_token == token => {
                record.note(status.recorded(Date::now_utc()))
            }
            _ => false,
        }
    }

    /// Whether the platform is being asked.
    #[must_use]
    pub fn asking_platform(&self) -> bool {
        self.tasks.platform_status.is_some()
    }

    /// The platform's answer, once it came: into the timeline (a change only), said.
    pub(in crate::ui::app) fn poll_platform_status(&mut self, ctx: &egui::Context) {
        let tr = self.tr();
        let failed = |text: String| Dialog::Message {
            title: tr.t("handover.status").to_owned(),
            text,
        };
        match Task::poll(&mut self.tasks.platform_status, ctx) {
            Polled::Done((token, Ok(status))) => {
                let state = status.recorded(String::new());
                self.status = Some(format!(
                    "{} — {}",
                    tr.t("handover.status"),
                    crate::present::platform_state(tr, &state)
                ));
                self.note_platform_answer(&token, &status);
            }
            Polled::Done((_, Err(e))) => {
                self.status = None;
                self.dialog = Some(failed(tr.send_error(&e)));
            }
            Polled::Lost => {
                self.status = None;
                self.dialog = Some(failed(tr.t("handover.interrupted").to_owned()));
            }
            Polled::Waiting => {}
        }
    }
}
