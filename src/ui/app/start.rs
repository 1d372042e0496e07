//! The start screen (issue 15): when the app opens with no file, a start rather than a blank
//! form — a new dossier, open one, start from an earlier one, the recent files (with their
//! title, ministry and status, read once), and the examples (built in, opened as untitled
//! copies).

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{App, Command};
use crate::storage::{self, Encoding};
use crate::ui::theme;

/// The examples built into the binary: their file name and text.
const EXAMPLES: [(&str, &str); 4] = [
    (
        "combined.ron",
        include_str!("../../../examples/combined.ron"),
    ),
    (
        "migration-secnumcloud.ron",
        include_str!("../../../examples/migration-secnumcloud.ron"),
    ),
    (
        "extension-pi.ron",
        include_str!("../../../examples/extension-pi.ron"),
    ),
    (
        "itn9-reconstruction.ron",
        include_str!("../../../examples/itn9-reconstruction.ron"),
    ),
];

/// What an example is, in the interface's language.
fn example_title<'a>(tr: &'a crate::i18n::Texts, file: &'a str) -> &'a str {
    match file {
        "combined.ron" => tr.t("start.example.combined"),
        "migration-secnumcloud.ron" => tr.t("start.example.migration-secnumcloud"),
        "extension-pi.ron" => tr.t("start.example.extension-pi"),
        "itn9-reconstruction.ron" => tr.t("start.example.itn9-reconstruction"),
        other => other,
    }
}

/// A recent file, as the start screen shows it.
pub(super) struct Recent {
    path: PathBuf,
    /// Title, ministry and where it stands; or why it cannot be read now.
    summary: Result<(String, String, Standing), String>,
}

/// Where a recent dossier stands.
enum Standing {
    /// Something blocks its filing.
    Blocked,
    /// Nothing blocks it.
    Ready,
    /// Signed: what falls due next, if anything does soon, and whether the follow-up warns.
    Signed(
        Option<(crate::domain::Date, crate::domain::report::DueItem)>,
        bool,
    ),
}

/// The start screen's state: what it lists, read once.
pub(super) struct Start {
    recent: Vec<Recent>,
}

impl App {
    /// The start screen, with the recent files read.
    pub(super) fn start_screen(&self) -> Start {
        let tr = self.tr();
        let recent = self
            .prefs
            .recent
            .iter()
            .map(|path| Recent {
                path: path.clone(),
                summary: storage::load(path, &self.knowledge.rules)
                    .map_err(|e| tr.load_error(&e))
                    .map(|loaded| {
                        let d = loaded.parsed.dossier;
                        let standing = self.standing(&d);
                        (d.project.title, d.applicant.ministry, standing)
                    }),
            })
            .collect();
        Start { recent }
    }

    /// Where a dossier stands: signed (and what falls due next), blocked or ready.
    fn standing(&self, d: &crate::domain::Dossier) -> Standing {
        let rules = self.knowledge.rules.window(&d.window);
        if let Some(report) =
            rules.and_then(|r| crate::domain::report::report(d, r, crate::domain::Date::today()))
        {
            let warns = report
                .findings
                .iter()
                .any(|f| f.severity <= crate::domain::Severity::Warning);
            let next = report
                .due
                .into_iter()
                .next()
                .map(|due| (due.date, due.item));
            return Standing::Signed(next, warns);
        }
        if self.knowledge.evaluate(d).is_none_or(|e| e.is_blocked()) {
            Standing::Blocked
        } else {
            Standing::Ready
        }
    }

    /// Opens a built-in example as an untitled dossier.
    pub(super) fn open_example(&mut self, text: &str) {
        if let Ok(parsed) = storage::parse(text.as_bytes(), Encoding::Ron, &self.knowledge.rules) {
            let window = parsed.dossier.window.clone();
            self.replace(parsed.dossier, None, None);
            self.doc.saved = crate::domain::Dossier::new(&window);
        }
    }

    /// Draws the start screen.
    pub(super) fn start_ui(&mut self, ui: &mut Ui, start: &Start) {
        let tr = self.tr();
        ui.add_space(24.0);
        ui.heading(
            RichText::new(tr.t("start.title"))
                .size(26.0)
                .color(theme::BLUE),
        );
        ui.label(tr.t("start.intro"));
        ui.add_space(16.0);
        ui.horizontal_wrapped(|ui| {
            for (label, command) in [
                (tr.t("start.new"), Command::New),
                (tr.t("start.open"), Command::Open),
                (tr.t("start.from"), Command::StartFrom),
            ] {
                if ui
                    .add(
                        egui::Button::new(RichText::new(label).size(16.0))
                            .min_size(egui::vec2(0.0, 36.0)),
                    )
                    .clicked()
                {
                    self.commands.push(command);
                }
            }
        });
        ui.add_space(20.0);
        ui.label(theme::bold(tr.t("start.recent")));
        if start.recent.is_empty() {
            ui.label(RichText::new(tr.t("start.recent.none")).color(theme::TEXT_MUTED));
        }
        self.recent_ui(ui, start);
        ui.add_space(20.0);
        ui.label(theme::bold(tr.t("start.examples")));
        ui.label(RichText::new(tr.t("start.examples.hint")).color(theme::TEXT_MUTED));
        ui.horizontal_wrapped(|ui| {
            for (name, text) in EXAMPLES {
                // Named by what they are (« Migration vers une offre SecNumCloud »), not by their
                // file's name; the file's name is in the hover text.
                if ui
                    .button(example_title(tr, name))
                    .on_hover_text(name)
                    .clicked()
                {
                    self.commands.push(Command::OpenExample(text));
                }
            }
        });
    }

    /// The recent files: title (a link that opens it), status, ministry; or why not.
    fn recent_ui(&mut self, ui: &mut Ui, start: &Start) {
        let tr = self.tr();
        egui::Grid::new("start-recent")
            .num_columns(3)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for recent in &start.recent {
                    let name = recent
                        .path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    match &recent.summary {
                        Ok((title, ministry, standing)) => {
                            let shown = if title.trim().is_empty() {
                                &name
                            } else {
                                title
                            };
                            if ui
                                .link(shown)
                                .on_hover_text(recent.path.display().to_string())
                                .clicked()
                            {
                                self.commands.push(Command::OpenPath(recent.path.clone()));
                            }
                            let (text, colour) = match standing {
                                Standing::Blocked => (tr.t("start.blocked").to_owned(), theme::RED),
                                Standing::Ready => (tr.t("start.ready").to_owned(), theme::GREEN),
                                Standing::Signed(next, warns) => {
                                    let colour = if *warns { theme::ORANGE } else { theme::GREEN };
                                    let mut text = match next {
                                        Some((date, item)) => tr.tf(
                                            "start.signed.next",
                                            &[
                                                ("date", &date.to_fr()),
                                                ("what", &tr.due_item(item)),
                                            ],
                                        ),
                                        None => tr.t("start.signed").to_owned(),
                                    };
                                    // Said in words, not only by its colour.
                                    if *warns {
                                        text.push_str(tr.t("start.signed.warns"));
                                    }
                                    (text, colour)
                                }
                            };
                            ui.label(RichText::new(text).color(colour));
                            ui.label(RichText::new(ministry).color(theme::TEXT_MUTED));
                        }
                        Err(why) => {
                            ui.label(name);
                            ui.label(RichText::new(tr.t("start.unreadable")).color(theme::ORANGE))
                                .on_hover_text(why);
                            ui.label(
                                RichText::new(recent.path.display().to_string())
                                    .color(theme::TEXT_MUTED),
                            );
                        }
                    }
                    ui.end_row();
                }
            });
    }
}
