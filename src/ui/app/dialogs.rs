//! The modal dialogs: unsaved changes, recovery, a typed path, the export written.

use std::path::{Path, PathBuf};

use egui::{Key, RichText, Ui};

use super::{After, App, Command, Dialog, PathPurpose};
use crate::ui::theme;

/// A window over the wizard (history, comparison, hand-over, ties): `width` wide, placed at
/// `offset` from the top centre of the screen, never taller than the screen less `margin`, with
/// a close button and no collapsing.
pub(super) fn over_wizard<'o>(
    ctx: &egui::Context,
    title: &str,
    id: &str,
    open: &'o mut bool,
    (width, offset, margin): (f32, egui::Vec2, f32),
) -> egui::Window<'o> {
    egui::Window::new(title)
        .id(egui::Id::unique(id))
        .open(open)
        .default_width(width)
        .default_pos(ctx.content_rect().center_top() + offset)
        .max_height(ctx.content_rect().height() - margin)
        .collapsible(false)
}

impl App {
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        let shown = dialog_kind(&dialog);
        let tr = self.tr();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
            let wide = matches!(dialog, Dialog::Commitment(_));
            ui.set_max_width(if wide { 760.0 } else { 560.0 });
            close = match dialog {
                Dialog::Message { title, text } => {
                    ui.label(theme::bold(&title).size(18.0));
                    ui.label(sentence(&text));
                    ui.button(tr.t("button.close")).clicked()
                }
                Dialog::Unsaved(after) => self.unsaved_dialog(ui, &after),
                Dialog::Recover { autosave, age } => self.recover_dialog(ui, &autosave, &age),
                Dialog::HeldElsewhere { path, owner } => {
                    self.held_elsewhere_dialog(ui, &path, owner.as_ref())
                }
                Dialog::LeftOpen { path, owner } => self.left_open_dialog(ui, &path, &owner),
                Dialog::Path { purpose, text } => self.path_dialog(ui, purpose, text),
                Dialog::StartFrom(state) => self.start_from_dialog(ui, state),
                Dialog::Commitment(state) => self.commitment_dialog(ui, state),
                Dialog::Scenario { name, error } => {
                    self.scenario_dialog(ui, name, error.as_deref())
                }
                Dialog::ScenarioMade { original, file } => {
                    self.scenario_made_dialog(ui, &original, &file)
                }
                Dialog::Exported {
                    dir,
                    files,
                    blocking,
                    kept,
                } => self.exported_dialog(ui, &dir, &files, &blocking, kept.as_ref()),
            };
        });
        // Escape closes a question the way its « Annuler » does (a recovery offered stays for
        // later: the autosave is kept); a dialog that is being typed in keeps its own keys.
        if !close
            && ctx.input(|i| i.key_pressed(Key::Escape))
            && matches!(
                self.dialog,
                Some(
                    Dialog::Message { .. }
                        | Dialog::Unsaved(_)
                        | Dialog::Recover { .. }
                        | Dialog::HeldElsewhere { .. }
                        | Dialog::LeftOpen { .. }
                        | Dialog::Exported { .. }
                )
            )
        {
            self.recovered = None;
            self.left_lock = None;
            self.pending_after = None;
            close = true;
        }
        // A command may have opened another dialog in the meantime: keep that one.
        if close && self.dialog.as_ref().map(dialog_kind) == Some(shown) {
            self.dialog = None;
        }
        // The lock of a file left open by a stopped session is held only while its question is
        // on screen (another dialog may have replaced it: an export finished, a close asked),
        // or until « Reprendre » takes it after the frame.
        if !matches!(self.dialog, Some(Dialog::LeftOpen { .. }))
            && !self
                .commands
                .iter()
                .any(|c| matches!(c, Command::TakeOver(_)))
        {
            self.left_lock = None;
        }
    }

    /// Save, discard or cancel; returns whether the dialog closes.
    pub(super) fn unsaved_dialog(&mut self, ui: &mut Ui, after: &After) -> bool {
        let tr = self.tr();
        ui.label(theme::bold(tr.t("unsaved.title")).size(18.0));
        ui.label(tr.t("unsaved.text"));
        ui.horizontal(|ui| {
            if ui.button(tr.t("unsaved.save")).clicked() {
                self.commands.push(Command::Save);
                if self.doc.path.is_some() {
                    self.after_unsaved(after.clone());
                } else {
                    // Untitled: the action waits for « Enregistrer sous » to succeed.
                    self.pending_after = Some(after.clone());
                }
                return true;
            }
            if ui.button(tr.t("unsaved.discard")).clicked() {
                self.doc.saved = self.doc.dossier.clone();
                self.after_unsaved(after.clone());
                return true;
            }
            ui.button(tr.t("button.cancel")).clicked()
        })
        .inner
    }

    /// Recover or ignore a newer autosave; returns whether the dialog closes.
    pub(super) fn recover_dialog(&mut self, ui: &mut Ui, autosave: &Path, age: &str) -> bool {
        let tr = self.tr();
        ui.label(theme::bold(tr.t("recover.title")).size(18.0));
        ui.label(tr.tf("recover.text", &[("age", &age)]));
        ui.horizontal(|ui| {
            if ui.button(tr.t("recover.recover")).clicked() {
                self.commands.push(Command::Recover);
                return true;
            }
            if ui.button(tr.t("recover.ignore")).clicked() {
                self.commands
                    .push(Command::IgnoreAutosave(autosave.to_owned()));
                return true;
            }
            false
        })
        .inner
    }

    /// A path typed by hand when the system has no file dialog; returns whether it closes.
    pub(super) fn path_dialog(
        &mut self,
        ui: &mut Ui,
        purpose: PathPurpose,
        mut text: String,
    ) -> bool {
        let tr = self.tr();
        let (title, expected) = match purpose {
            PathPurpose::Open => (tr.t("path.open"), tr.t("path.open.expected")),
            PathPurpose::Save => (tr.t("path.save"), tr.t("path.open.expected")),
            PathPurpose::Export => (tr.t("path.export"), tr.t("path.export.expected")),
            PathPurpose::Import(crate::import::Kind::Budget) => {
                (tr.t("path.import"), tr.t("path.import.expected"))
            }
            PathPurpose::Import(crate::import::Kind::Spending) => {
                (tr.t("path.import.spending"), tr.t("path.import.expected"))
            }
            PathPurpose::Report(_) => (tr.t("report.folder"), tr.t("path.export.expected")),
            PathPurpose::Evidence(_) => (tr.t("evidence.pick"), tr.t("evidence.expected")),
        };
        ui.label(theme::bold(title).size(18.0));
        ui.label(tr.tf("path.no_dialog", &[("expected", &expected)]));
        // Read before the field, which takes the key for itself.
        let enter_pressed = ui.input(|i| i.key_pressed(Key::Enter));
        // A folder where a folder is wanted (the export's destination), a file elsewhere.
        let field = match purpose {
            PathPurpose::Export | PathPurpose::Report(_) => tr.t("path.field.folder"),
            _ => tr.t("path.field"),
        };
        let response = crate::ui::widgets::labelled(ui, field, |ui| {
            ui.add(egui::TextEdit::singleline(&mut text).desired_width(500.0))
        });
        // The field is where the keyboard goes when the dialog opens.
        if ui.memory(|m| m.focused().is_none()) {
            response.request_focus();
        }
        if response.changed() {
            self.dialog = Some(Dialog::Path {
                purpose,
                text: text.clone(),
            });
        }
        let enter = enter_pressed && (response.lost_focus() || response.has_focus());
        ui.horizontal(|ui| {
            let ok = ui.button(tr.t("button.ok")).clicked() || enter;
            if ok && !text.trim().is_empty() {
                let path = PathBuf::from(text.trim());
                self.commands.push(match purpose {
                    PathPurpose::Open => Command::OpenPath(path),
                    PathPurpose::Save => Command::SaveTo(path),
                    PathPurpose::Export => Command::ExportTo(path),
                    PathPurpose::Import(kind) => Command::ImportFrom(path, kind),
                    PathPurpose::Report(at) => Command::ReportTo(path, at),
                    PathPurpose::Evidence(i) => Command::EvidenceFrom(i, path),
                });
                return true;
            }
            let cancel = ui.button(tr.t("button.cancel")).clicked();
            if cancel {
                self.pending_after = None;
            }
            cancel
        })
        .inner
    }

    pub(super) fn after_unsaved(&mut self, after: After) {
        self.commands.push(match after {
            After::New => Command::New,
            After::StartFrom => Command::StartFrom,
            After::Open => Command::Open,
            After::OpenPath(p) => Command::OpenPath(p),
            After::Quit => Command::Quit,
        });
    }

    /// Says where the pack is, whether it is a draft and why; offers to open the folder.
    pub(super) fn exported_dialog(
        &mut self,
        ui: &mut Ui,
        dir: &Path,
        files: &[String],
        blocking: &[String],
        kept: Option<&Result<String, String>>,
    ) -> bool {
        let tr = self.tr();
        if blocking.is_empty() {
            ui.label(
                theme::bold(tr.t("export.ready"))
                    .size(18.0)
                    .color(theme::GREEN),
            );
        } else {
            ui.label(
                theme::bold(tr.t("export.draft"))
                    .size(18.0)
                    .color(theme::RED),
            );
            ui.label(tr.t("export.draft.text"));
            for message in blocking {
                ui.label(RichText::new(format!("• {message}")).color(theme::RED));
            }
        }
        ui.label(tr.tf("export.dir", &[("dir", &dir.display())]));
        for file in files {
            ui.label(RichText::new(format!("  {file}")).color(theme::TEXT_MUTED));
        }
        match kept {
            Some(Ok(said)) => {
                ui.label(RichText::new(said).color(theme::TEXT_MUTED));
            }
            Some(Err(why)) => {
                ui.label(RichText::new(why).color(theme::ORANGE));
            }
            None => {}
        }
        ui.horizontal(|ui| {
            let zipped = files
                .iter()
                .any(|f| Path::new(f).extension().is_some_and(|e| e == "zip"));
            if !zipped
                && ui
                    .button(tr.t("export.zip"))
                    .on_hover_text(tr.t("export.zip.hint"))
                    .clicked()
            {
                self.commands
                    .push(Command::ZipPack(dir.to_owned(), files.to_vec()));
                return false;
            }
            if ui.button(tr.t("export.open_folder")).clicked() {
                self.commands.push(Command::ShowFolder(dir.to_owned()));
                return true;
            }
            ui.button(tr.t("button.close")).clicked()
        })
        .inner
    }
}

fn dialog_kind(dialog: &Dialog) -> u8 {
    match dialog {
        Dialog::Unsaved(_) => 0,
        Dialog::Message { .. } => 1,
        Dialog::Path { .. } => 2,
        Dialog::Recover { .. } => 3,
        Dialog::Exported { .. } => 4,
        Dialog::Scenario { .. } => 5,
        Dialog::ScenarioMade { .. } => 6,
        Dialog::StartFrom(_) => 7,
        Dialog::HeldElsewhere { .. } => 8,
        Dialog::LeftOpen { .. } => 9,
        Dialog::Commitment(_) => 10,
    }
}

/// Opens a folder in the system's file manager.
pub(super) fn open_folder(dir: &Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(dir)
        .spawn()
        .map(|_| ())
}

/// A message as a sentence in a dialog: the errors' own messages start in lower case, as the
/// command line prints them after « dossier-cloud : ».
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
