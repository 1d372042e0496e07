//! The commands gathered while drawing, run after the frame: the one place where the window's
//! menus, steps and panel have their effects (files, dialogs, undo, versions).

use super::{After, App, Command, Dialog, evaluate, start_from, with_extension};
use crate::domain::{Dossier, Step};

impl App {
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if commands.is_empty() {
            return;
        }
        for command in commands {
            self.run_command(ctx, command);
        }
        // What a command changed in the dossier (an acknowledgement, an import, an attachment's
        // digest) is an edit of its own: kept for undo and evaluated here, once.
        let _ = self.observe_edits(ctx, None);
        // What the commands changed shows on the next frame.
        ctx.request_repaint();
    }

    /// Keeps the dossier's last change for undo (merged with the previous one while the same
    /// field is being typed in) and evaluates it: the one place an edit is evaluated.
    /// Returns whether there was a change.
    pub(super) fn observe_edits(&mut self, ctx: &egui::Context, focused: Option<egui::Id>) -> bool {
        let time = ctx.input(|i| i.time);
        let changed = self.doc.history.observe(&self.doc.dossier, time, focused);
        if changed {
            self.doc.evaluation = evaluate(&self.knowledge, &self.doc.dossier);
            self.generation += 1;
            // No repaint asked here: egui draws again after any input anyway (the frame a
            // keystroke costs is counted), and what reads the generation — the follow-up's report,
            // the panel's figures — catches up then; a command's change asks its own frame.
        }
        changed
    }

    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if !self.allowed(&command) {
            return;
        }
        let tr = self.tr();
        let guard = App::unless_unsaved;
        match command {
            Command::New => {
                if guard(self, After::New) {
                    let window = self.doc.dossier.window.clone();
                    self.replace(Dossier::new(&window), None, None);
                    self.status = Some(tr.t("dossier.new").to_owned());
                }
            }
            Command::Open => {
                if guard(self, After::Open) {
                    self.choose_and_open();
                }
            }
            Command::OpenPath(path) => {
                if guard(self, After::OpenPath(path.clone())) {
                    self.open_path(&path);
                }
            }
            Command::OpenCopy(path) => self.open_copy(&path),
            Command::OpenReadOnly(..)
            | Command::TakeOver(_)
            | Command::Recover
            | Command::IgnoreAutosave(_)
            | Command::PickStartFrom
            | Command::ShowFolder(_)
            | Command::ZipPack(..)
            | Command::Commitment
            | Command::RecordCommitment(_)
            | Command::PickEvidence(_)
            | Command::EvidenceFrom(..) => self.run_dialog_command(command),
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.run_command(ctx, Command::SaveAs),
            },
            Command::SaveAs => self.choose_and_save(),
            Command::SaveTo(path) => self.save_to(&with_extension(path)),
            Command::Undo => self.undo_or_redo(true),
            Command::Redo => self.undo_or_redo(false),
            Command::GoTo(step, field) => {
                self.doc.seen.leave(self.doc.step, step);
                self.doc.step = step;
                self.doc.inputs.focus = field;
            }
            Command::Acknowledge(..) | Command::Withdraw(_) => self.run_acknowledgement(command),
            Command::PickAttachment(index) => self.pick_attachment(index),
            Command::AttachTyped(index, path) => self.attach_typed(index, &path),
            Command::Status(text) => self.status = Some(text),
            Command::Handover => self.open_handover(),
            Command::PlatformStatus => self.ask_platform_status(),
            Command::History
            | Command::Scenario
            | Command::StartFrom
            | Command::StartFromFile(..)
            | Command::OpenExample(_)
            | Command::MakeScenario(_)
            | Command::CompareWith(_)
            | Command::CompareOriginal
            | Command::CompareAmendment
            | Command::ViewVersion(..)
            | Command::LeaveVersion => self.run_version_command(command),
            Command::Import => self.choose_spreadsheet(),
            Command::ImportFrom(path, kind) => self.read_spreadsheet(&path, kind),
            Command::CancelImport => self.cancel_import(),
            Command::Export => self.choose_export_folder(),
            Command::ExportTo(dir) => self.start_export(dir),
            Command::Report(at) => self.choose_report_folder(at),
            Command::ReportTo(dir, at) => self.start_report(dir, at),
            Command::Quit => {
                if guard(self, After::Quit) {
                    self.frame.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Whether a command may run on the dossier as it is shown: a version, a draft another
    /// window holds, a signed application each refuse what would change them.
    fn allowed(&mut self, command: &Command) -> bool {
        self.while_viewing(command) && self.while_read_only(command) && self.while_signed(command)
    }

    /// Whether nothing is unsaved; otherwise asks first, and `after` is done once answered.
    fn unless_unsaved(&mut self, after: After) -> bool {
        if self.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(after));
            false
        } else {
            true
        }
    }

    /// Acknowledging a warning, or withdrawing it: the dossier changes, undone like any edit
    /// (evaluated with the other commands' changes, in `run_commands`).
    pub(super) fn run_acknowledgement(&mut self, command: Command) {
        let tr = self.tr();
        match command {
            Command::Acknowledge(finding, reason) => {
                let today = crate::domain::Date::today();
                let done = crate::domain::acknowledge::acknowledge(
                    &mut self.doc.dossier,
                    &finding,
                    &reason,
                    today,
                );
                self.status = Some(match done {
                    Ok(()) => tr.t("status.acknowledged").to_owned(),
                    Err(refused) => tr.refused(refused),
                });
            }
            Command::Withdraw(finding) => {
                crate::domain::acknowledge::withdraw(&mut self.doc.dossier, &finding);
                self.status = Some(tr.t("status.withdrawn").to_owned());
            }
            _ => {}
        }
    }

    /// The commands of versions, scenarios and starts (issue 15).
    pub(super) fn run_version_command(&mut self, command: Command) {
        let dirty = self.is_dirty();
        match command {
            Command::History => self.open_versions(),
            Command::Scenario => self.ask_scenario(),
            Command::StartFrom | Command::OpenExample(_) if dirty => {
                let after = match command {
                    Command::OpenExample(_) => After::New,
                    _ => After::StartFrom,
                };
                self.dialog = Some(Dialog::Unsaved(after));
            }
            Command::StartFrom => {
                self.dialog = Some(Dialog::StartFrom(start_from::StartFrom::default()));
            }
            Command::OpenExample(text) => self.open_example(text),
            Command::StartFromFile(path, keep) => self.start_from_file(&path, &keep),
            Command::MakeScenario(name) => self.make_scenario(&name),
            Command::CompareWith(file) => self.compare_file(&file),
            Command::CompareOriginal => {
                if let Some(original) = self.scenario_original() {
                    self.compare_file(&original);
                }
            }
            Command::CompareAmendment => self.compare_amendment(),
            Command::ViewVersion(file, label) => {
                self.versions_view = None;
                self.view_version(file, label);
            }
            Command::LeaveVersion => {
                self.leave_version();
                self.status = Some(self.tr().t("viewing.left").to_owned());
            }
            _ => {}
        }
    }

    /// Shows the dossier as it was before the last edit (`undo`) or after the last undone one.
    fn undo_or_redo(&mut self, undo: bool) {
        let tr = self.tr();
        let (shown, said) = if undo {
            (self.doc.history.undo(), tr.t("status.undone"))
        } else {
            (self.doc.history.redo(), tr.t("status.redone"))
        };
        if let Some(dossier) = shown {
            self.show(dossier);
            self.status = Some(said.to_owned());
            // The signing undone: its follow-up is no longer a step.
            if !self.doc.step.applies(&self.doc.dossier) && self.doc.step == Step::Follow {
                self.doc.step = Step::Review;
            }
        }
    }

    /// The answers of the dialogs: a draft held elsewhere, an autosave found, the export done,
    /// the commitment signed.
    fn run_dialog_command(&mut self, command: Command) {
        let tr = self.tr();
        match command {
            Command::OpenReadOnly(path, owner) => {
                self.open_with(&path, super::document::Access::ReadOnly(owner));
            }
            Command::TakeOver(path) => self.take_over(&path),
            Command::Recover => {
                if let Some(recovered) = self.recovered.take() {
                    self.doc.dossier = *recovered;
                    self.status = Some(tr.t("recover.done").to_owned());
                }
            }
            Command::IgnoreAutosave(autosave) => {
                self.recovered = None;
                let _ = std::fs::remove_file(autosave);
            }
            Command::PickStartFrom => self.pick_start_from(),
            Command::ShowFolder(dir) => {
                if let Err(e) = super::dialogs::open_folder(&dir) {
                    self.status =
                        Some(tr.tf("export.open_folder.failed", &[("error", &tr.io_error(&e))]));
                }
            }
            Command::ZipPack(dir, files) => self.zip_pack(&dir, &files),
            Command::Commitment => self.ask_commitment(),
            Command::PickEvidence(i) => self.pick_evidence(i),
            Command::EvidenceFrom(i, path) => self.evidence_from(i, &path),
            Command::RecordCommitment(commitment) => self.record_commitment(*commitment),
            _ => {}
        }
    }
}
