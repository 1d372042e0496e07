//! « Demander l'état à la plateforme » from the follow-up: the one request the button names
//! (`GET …/dossiers?prefill_token=…`, nothing of the dossier sent), on a thread of its own; the
//! answer joins the draft's timeline and is said in the status line.

use crate::domain::Date;
use crate::platform::client::{Client, DEFAULT_TIMEOUT, SendError, Status};
use crate::ui::app::{App, Dialog};
use crate::ui::tasks::{Polled, Task};

/// The request under way.
pub(in crate::ui::app) type Asking = Task<Result<Status, SendError>>;

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
            Client::new(&record.base, DEFAULT_TIMEOUT)
                .status(record.demarche, &record.prefill_token)
        }));
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
            Polled::Done(Ok(status)) => {
                let state = status.recorded(Date::now_utc());
                self.status = Some(format!(
                    "{} — {}",
                    tr.t("handover.status"),
                    crate::present::platform_state(tr, &state)
                ));
                if let Some(record) = self.doc.dossier.platform.as_mut() {
                    record.note(state);
                }
            }
            Polled::Done(Err(e)) => {
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
