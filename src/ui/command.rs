//! The commands a step, the panel or a menu asks for while drawing, which the application runs
//! after the frame: what is drawn never opens a file or a dialog itself. Steps and panel know
//! this type, not the application that runs them.

use std::path::PathBuf;

use crate::domain::Step;

/// A side effect asked for while drawing, run after the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A new, empty dossier.
    New,
    /// Show the exports kept of this dossier.
    History,
    /// Ask a scenario's name.
    Scenario,
    /// Save the dossier as this scenario of its draft, and open it.
    MakeScenario(String),
    /// Compare a dossier file with the dossier shown.
    CompareWith(PathBuf),
    /// Compare a scenario with the draft it comes from.
    CompareOriginal,
    /// Show a kept version (its `dossier.json`, and what to call it) read-only.
    ViewVersion(PathBuf, String),
    /// Back from a version shown to the dossier being worked on.
    LeaveVersion,
    /// Ask which earlier dossier to start from.
    StartFrom,
    /// Open a built-in example (its text) as an untitled dossier.
    OpenExample(&'static str),
    /// Start a new dossier from this file, with these parts.
    StartFromFile(PathBuf, Vec<crate::domain::start_from::Part>),
    /// Choose a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open a copy of this file (another window holds it) as an untitled dossier.
    OpenCopy(PathBuf),
    /// Open this file read-only: another window holds it (whose, if known).
    OpenReadOnly(PathBuf, Option<crate::storage::Owner>),
    /// Take over this file, which a stopped session left open (its lock is held by the question).
    TakeOver(PathBuf),
    /// Take the newer autosave found when opening, in place of the file read.
    Recover,
    /// Leave the newer autosave found aside, and remove it.
    IgnoreAutosave(PathBuf),
    /// Choose the earlier dossier to start from (the start-from question's « Choisir… »).
    PickStartFrom,
    /// Show this folder in the system's file manager.
    ShowFolder(PathBuf),
    /// Gather the files of the pack exported in this folder into one zip beside them.
    ZipPack(PathBuf, Vec<String>),
    /// Save to the current file (or choose one).
    Save,
    /// Choose a file and save to it.
    SaveAs,
    /// Save to this file.
    SaveTo(PathBuf),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Show a step, and focus a field of it.
    GoTo(Step, Option<String>),
    /// Choose the file of an attachment, and record its name and SHA-256.
    PickAttachment(usize),
    /// Read the file whose path was typed for an attachment, and record its name and SHA-256,
    /// as for a chosen one.
    AttachTyped(usize, std::path::PathBuf),
    /// Choose a spreadsheet and import from it: budget lines, or once the commitment is signed
    /// (the budget then reads), spending.
    Import,
    /// Read this spreadsheet and show the import dialog for these rows.
    ImportFrom(PathBuf, crate::import::Kind),
    /// Stop waiting for the spreadsheet being read.
    CancelImport,
    /// Choose a folder and write the submission pack into it.
    Export,
    /// Write the submission pack into this folder, in the background.
    ExportTo(PathBuf),
    /// Ask the commitment as signed (« Engagement signé… »), or, once signed, an amendment.
    Commitment,
    /// Choose the file that evidences the realized savings of this entry.
    PickEvidence(usize),
    /// Record this file (its name and SHA-256) as the evidence of this savings entry.
    EvidenceFrom(usize, PathBuf),
    /// Compare the commitment with the one before its last amendment.
    CompareAmendment,
    /// Record this commitment (signed, or amended) in the dossier.
    RecordCommitment(Box<crate::domain::follow::Commitment>),
    /// Choose a folder and write the progress report at this date into it.
    Report(crate::domain::Date),
    /// Write the progress report at this date into this folder, in the background.
    ReportTo(PathBuf, crate::domain::Date),
    /// Open « Déposer sur démarches-simplifiées ».
    Handover,
    /// Ask the platform where the dossier handed over stands (its answer joins the timeline).
    PlatformStatus,
    /// Acknowledge this warning with this reason.
    Acknowledge(Box<crate::domain::Finding>, String),
    /// Withdraw the acknowledgement of this warning.
    Withdraw(Box<crate::domain::Finding>),
    /// Say something on the status line (the outcome of an action drawn by a step).
    Status(String),
    /// Close the window.
    Quit,
}

impl Command {
    /// Whether it changes the dossier on screen (refused where the dossier is only read: a
    /// version kept, a draft another window holds).
    #[must_use]
    pub fn edits(&self) -> bool {
        matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::Acknowledge(..)
                | Command::Withdraw(_)
                | Command::PickAttachment(_)
                | Command::AttachTyped(..)
                | Command::Import
                | Command::ImportFrom(..)
                | Command::Commitment
                | Command::RecordCommitment(_)
                | Command::PickEvidence(_)
                | Command::EvidenceFrom(..)
        )
    }
}
