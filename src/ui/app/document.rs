//! The dossier on screen and what the window holds of it, in one value: a new dossier or a file
//! opened replaces it whole, a kept version shown read-only sets it aside whole.

use std::path::PathBuf;

use super::UndoStack;
use crate::domain::{Dossier, Evaluation, Knowledge, Step};
use crate::storage::{Fingerprint, Held, Owner};
use crate::ui::seen::Seen;
use crate::ui::widgets::Inputs;

/// The dossier on screen and everything the window holds of it. Opening a file or starting a
/// new dossier makes a new one; a kept version shown read-only sets the whole of it aside.
pub struct Document {
    /// The dossier being edited.
    pub dossier: Dossier,
    /// As last saved (or opened): what « unsaved changes » compares with.
    pub(super) saved: Dossier,
    /// Its file, once saved or opened.
    pub(super) path: Option<PathBuf>,
    /// The file as last read or written, to notice another program's changes.
    pub(super) fingerprint: Option<Fingerprint>,
    /// Undo and redo.
    pub(super) history: UndoStack,
    /// The estimate and findings of the dossier as it stands.
    pub evaluation: Evaluation,
    /// The step shown.
    pub step: Step,
    /// The steps the user has finished with (what shows as « à compléter »).
    pub(super) seen: Seen,
    /// The fields' texts as typed, while they do not parse.
    pub(super) inputs: Inputs,
    /// How the window has the file: held while open, or read because another window has it.
    pub(super) access: Access,
}

/// How the window has its dossier's file.
#[derive(Debug, Default)]
pub enum Access {
    /// No file yet, or one in a folder where no lock can be made.
    #[default]
    Free,
    /// Held for as long as it is open here: nobody else writes it meanwhile.
    Held(Held),
    /// Open in another window (whose, when known): read here, never written.
    ReadOnly(Option<Owner>),
}

impl Document {
    /// What the user has had the chance to fill: how each finding shows.
    #[must_use]
    pub fn seen(&self) -> Seen {
        self.seen
    }

    /// Whether the dossier is read here and written elsewhere.
    #[must_use]
    pub fn read_only(&self) -> bool {
        matches!(self.access, Access::ReadOnly(_))
    }

    /// A dossier just opened (`path` given: every step counts as seen) or started, on its first
    /// step, evaluated.
    pub(super) fn new(
        knowledge: &Knowledge,
        dossier: Dossier,
        path: Option<PathBuf>,
        fingerprint: Option<Fingerprint>,
    ) -> Self {
        // A dossier from a file has had its author's attention; a new one has not.
        let seen = if path.is_some() {
            Seen::all()
        } else {
            Seen::none()
        };
        Document {
            evaluation: super::evaluate(knowledge, &dossier),
            history: UndoStack::new(dossier.clone()),
            saved: dossier.clone(),
            dossier,
            path,
            fingerprint,
            step: Step::Applicant,
            seen,
            inputs: Inputs::default(),
            access: Access::Free,
        }
    }
}
