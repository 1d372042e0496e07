//! A request on a thread of its own, so that the window keeps drawing while the platform
//! answers (or does not, until the client's timeout).

use std::sync::mpsc::{Receiver, TryRecvError};

/// A request under way.
pub(super) struct Job<T>(Receiver<T>);

/// Where a request stands.
pub(super) enum Polled<T> {
    /// Not answered yet (or no request).
    Waiting,
    /// Answered.
    Done(T),
    /// The thread ended without answering.
    Lost,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a thread of its own.
    pub(super) fn spawn(work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = send.send(work());
        });
        Job(receive)
    }

    /// Takes the answer of the job in `slot`, if it came (the slot is then emptied); asks for
    /// a repaint while it has not.
    pub(super) fn poll(slot: &mut Option<Self>, ctx: &egui::Context) -> Polled<T> {
        let Some(job) = slot else {
            return Polled::Waiting;
        };
        match job.0.try_recv() {
            Ok(answer) => {
                *slot = None;
                Polled::Done(answer)
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                Polled::Waiting
            }
            Err(TryRecvError::Disconnected) => {
                *slot = None;
                Polled::Lost
            }
        }
    }
}
