//! Undo and redo over dossier edits. Keystrokes in one field within a short pause make one step,
//! so undo takes back a word or a figure, not a letter.

use crate::domain::Dossier;

/// How long a pause ends an edit, in seconds.
const PAUSE_SECS: f64 = 1.5;
/// How many steps are kept.
const DEPTH: usize = 200;

/// The undo and redo stacks around the current state.
#[derive(Debug, Clone)]
pub struct UndoStack {
    undo: Vec<Dossier>,
    redo: Vec<Dossier>,
    current: Dossier,
    last: Option<(f64, Option<egui::Id>)>,
}

impl UndoStack {
    /// A history starting at this state.
    #[must_use]
    pub fn new(start: Dossier) -> Self {
        UndoStack {
            undo: Vec::new(),
            redo: Vec::new(),
            current: start,
            last: None,
        }
    }

    /// Records the dossier after a frame; `time` and the focused widget group keystrokes.
    /// Returns whether it changed.
    pub fn observe(&mut self, now: &Dossier, time: f64, focused: Option<egui::Id>) -> bool {
        if *now == self.current {
            return false;
        }
        let same_edit = self
            .last
            .is_some_and(|(t, f)| focused.is_some() && f == focused && time - t < PAUSE_SECS);
        let previous = std::mem::replace(&mut self.current, now.clone());
        if !same_edit {
            self.undo.push(previous);
            if self.undo.len() > DEPTH {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last = Some((time, focused));
        true
    }

    /// The state before the last edit, if any.
    pub fn undo(&mut self) -> Option<Dossier> {
        let previous = self.undo.pop()?;
        self.redo
            .push(std::mem::replace(&mut self.current, previous.clone()));
        self.last = None;
        Some(previous)
    }

    /// The state undone last, if any.
    pub fn redo(&mut self) -> Option<Dossier> {
        let next = self.redo.pop()?;
        self.undo
            .push(std::mem::replace(&mut self.current, next.clone()));
        self.last = None;
        Some(next)
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
