//! Work on a thread of its own, so that the window keeps drawing meanwhile: the export, a
//! spreadsheet being read, the platform's requests (which may take until the client's timeout).
//! One way for all of them: spawned once, polled once a frame, answered once.

use std::sync::mpsc::{Receiver, TryRecvError};

/// Work under way.
pub struct Task<T>(Receiver<T>);

/// Where a task stands.
pub enum Polled<T> {
    /// Not answered yet (or no request).
    Waiting,
    /// Answered.
    Done(T),
    /// The thread ended without answering.
    Lost,
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a thread of its own.
    pub fn spawn(work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = send.send(work());
        });
        Task(receive)
    }

    /// Takes the answer of the task in `slot`, if it came (the slot is then emptied); asks for
    /// a repaint while it has not.
    pub fn poll(slot: &mut Option<Self>, ctx: &egui::Context) -> Polled<T> {
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
