//! The import dialog: a spreadsheet's sheet, which column is which field (guessed from the titles,
//! changeable), a preview of the rows read — budget lines, or a signed dossier's spending — and of
//! the rows left out with their number and why. Nothing reaches the dossier until « Importer » is
//! pressed; the import is then one undo step.

use crate::ui::widgets::ComboExt as _;
use std::path::{Path, PathBuf};

use crate::i18n::Texts;
use egui::{RichText, Ui};

use crate::domain::dossier::BudgetLine;
use crate::domain::follow::Spending;
use crate::import::{self, Field, Imported, Kind, Mapping, Workbook, column_name};

use super::theme;

/// Rows of titles offered: the first ten.
const TITLE_ROWS: usize = 10;
/// Lines shown in the preview (all are imported).
const PREVIEW_LINES: usize = 200;

/// A spreadsheet being imported.
pub struct ImportState {
    path: PathBuf,
    workbook: Workbook,
    sheet: usize,
    mapping: Mapping,
    replace: bool,
    preview: Preview,
    /// The spending already followed, which an import sets aside rather than count twice.
    existing: Vec<Spending>,
}

/// What the rows read give, by kind.
enum Preview {
    Budget(Imported<BudgetLine>),
    Spending(Imported<Spending>),
}

impl Preview {
    fn count(&self) -> usize {
        match self {
            Preview::Budget(p) => p.lines.len(),
            Preview::Spending(p) => p.lines.len(),
        }
    }

    fn left_out(&self) -> usize {
        match self {
            Preview::Budget(p) => p.left_out(),
            Preview::Spending(p) => p.left_out(),
        }
    }

    fn empty_rows(&self) -> usize {
        match self {
            Preview::Budget(p) => p.empty_rows,
            Preview::Spending(p) => p.empty_rows,
        }
    }

    fn already(&self) -> &[usize] {
        match self {
            Preview::Budget(p) => &p.already,
            Preview::Spending(p) => &p.already,
        }
    }

    fn rejected(&self) -> &[import::Rejected] {
        match self {
            Preview::Budget(p) => &p.rejected,
            Preview::Spending(p) => &p.rejected,
        }
    }
}

/// The rows confirmed, by kind.
pub enum Rows {
    /// Budget lines.
    Budget(Vec<BudgetLine>),
    /// Spending.
    Spending(Vec<Spending>),
}

/// What the user decided.
pub enum ImportAction {
    /// Still choosing.
    Open,
    /// Closed without importing.
    Cancel,
    /// These rows, added to the budget (or the spending) or replacing it.
    Confirm {
        /// The rows, in the sheet's order.
        rows: Rows,
        /// Whether they replace the rows there.
        replace: bool,
    },
}

impl ImportState {
    /// A workbook just read, on its first sheet whose titles name every column a row needs (or
    /// its first sheet).
    #[must_use]
    pub fn new(path: &Path, workbook: Workbook, kind: Kind, existing: Vec<Spending>) -> Self {
        let sheet = import::default_sheet_for(&workbook, kind);
        let mut state = ImportState {
            path: path.to_owned(),
            workbook,
            sheet,
            mapping: Mapping::of(kind),
            replace: false,
            preview: Preview::Budget(Imported::default()),
            existing,
        };
        state.choose_sheet(sheet);
        state
    }

    /// The file's name, for messages.
    #[must_use]
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// What the rows become.
    #[must_use]
    pub fn kind(&self) -> Kind {
        self.mapping.kind
    }

    fn choose_sheet(&mut self, sheet: usize) {
        self.sheet = sheet;
        self.mapping = import::guess_for(&self.workbook.sheets[sheet], self.kind());
        self.refresh();
    }

    fn refresh(&mut self) {
        let sheet = &self.workbook.sheets[self.sheet];
        self.preview = match self.kind() {
            Kind::Budget => Preview::Budget(import::read_lines(sheet, &self.mapping)),
            Kind::Spending => {
                let mut read = import::read_spending(sheet, &self.mapping);
                if !self.replace {
                    import::set_aside_known(&mut read, &self.existing);
                }
                Preview::Spending(read)
            }
        };
    }

    /// Draws the dialog's content; `existing_lines` are the rows already there (budget lines, or
    /// spending).
    pub fn show(&mut self, ui: &mut Ui, tr: &Texts, existing_lines: usize) -> ImportAction {
        let spending = self.kind() == Kind::Spending;
        // Everything but the buttons scrolls when the window is short (or the text large), so
        // « Importer » and « Annuler » stay on screen.
        let room = ui.ctx().content_rect().height() - 140.0;
        egui::ScrollArea::vertical()
            .id_salt("import-dialog")
            .max_height(room.max(200.0))
            .show(ui, |ui| {
                let title = if spending {
                    tr.t("import.pick.spending")
                } else {
                    tr.t("import.pick")
                };
                ui.label(theme::bold(title).size(18.0));
                ui.label(tr.tf("import.file", &[("file", &self.file_name())]));
                ui.add_space(6.0);
                if self.choices(ui, tr) {
                    self.refresh();
                }
                ui.add_space(6.0);
                self.summary(ui, tr);
                self.preview_table(ui, tr);
                self.rejected_list(ui, tr);
                crate::ui::widgets::keep_focus_in_view(ui);
            });
        ui.add_space(6.0);
        if existing_lines > 0 {
            let replace = if spending {
                tr.tf("import.replace.spending", &[("n", &existing_lines)])
            } else {
                tr.tf("import.replace", &[("n", &existing_lines)])
            };
            if ui.checkbox(&mut self.replace, replace).changed() {
                self.refresh();
            }
        }
        self.buttons(ui, tr)
    }

    /// Sheet, row of titles and columns; returns whether one changed.
    fn choices(&mut self, ui: &mut Ui, tr: &Texts) -> bool {
        let mut changed = false;
        let sheet_names: Vec<String> = self
            .workbook
            .sheets
            .iter()
            .map(|s| s.name.clone())
            .collect();
        let titles = self.title_texts();
        egui::Grid::new("import-choices")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label(tr.t("import.sheet"));
                let mut sheet = self.sheet;
                egui::ComboBox::from_id_salt("import-sheet")
                    .selected_text(&sheet_names[sheet])
                    .show_list(ui, |ui| {
                        for (i, name) in sheet_names.iter().enumerate() {
                            ui.selectable_value(&mut sheet, i, name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                if sheet != self.sheet {
                    self.choose_sheet(sheet);
                    return;
                }
                let label = ui.label(tr.t("import.titles"));
                let shown = |row: Option<usize>| {
                    row.map_or(tr.t("import.titles.none").to_owned(), |r| {
                        tr.tf("import.row", &[("n", &(r + 1))])
                    })
                };
                egui::ComboBox::from_id_salt("import-titles")
                    .selected_text(shown(self.mapping.titles))
                    .show_list(ui, |ui| {
                        let rows = self.workbook.sheets[self.sheet].rows.len().min(TITLE_ROWS);
                        for row in std::iter::once(None).chain((0..rows).map(Some)) {
                            changed |= ui
                                .selectable_value(&mut self.mapping.titles, row, shown(row))
                                .changed();
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                for field in self.kind().fields() {
                    changed |= self.column_choice(ui, tr, *field, &titles);
                    ui.end_row();
                }
            });
        changed
    }

    /// The text of each column's title (empty without a row of titles).
    fn title_texts(&self) -> Vec<String> {
        let sheet = &self.workbook.sheets[self.sheet];
        (0..sheet.width())
            .map(|c| {
                self.mapping
                    .titles
                    .and_then(|r| sheet.rows.get(r))
                    .and_then(|row| row.get(c))
                    .map(import::Cell::text)
                    .unwrap_or_default()
            })
            .collect()
    }

    fn column_choice(&mut self, ui: &mut Ui, tr: &Texts, field: Field, titles: &[String]) -> bool {
        let name = |c: Option<usize>| match c {
            None => tr.t("import.column.none").to_owned(),
            Some(c) if titles.get(c).is_some_and(|t| !t.is_empty()) => {
                format!("{} — {}", column_name(c), titles[c])
            }
            Some(c) => tr.tf("import.column", &[("name", &column_name(c))]),
        };
        let label = ui.label(field_name(tr, self.kind(), field));
        let mut column = self.mapping.column(field);
        egui::ComboBox::from_id_salt(("import-column", field.label()))
            .selected_text(name(column))
            .width(320.0)
            .show_list(ui, |ui| {
                for c in std::iter::once(None).chain((0..titles.len()).map(Some)) {
                    ui.selectable_value(&mut column, c, name(c));
                }
            })
            .response
            .labelled_by(label.id);
        if column == self.mapping.column(field) {
            return false;
        }
        self.mapping.set(field, column);
        true
    }

    fn summary(&self, ui: &mut Ui, tr: &Texts) {
        let missing = self.mapping.missing();
        if !missing.is_empty() {
            let names: Vec<&str> = missing
                .iter()
                .map(|f| field_name(tr, self.kind(), *f))
                .collect();
            ui.label(
                RichText::new(tr.tf("import.missing", &[("fields", &names.join(", "))]))
                    .color(theme::ORANGE),
            );
            return;
        }
        let p = &self.preview;
        let empty = if p.empty_rows() > 0 {
            tr.tf("import.empty_rows", &[("n", &p.empty_rows())])
        } else {
            String::new()
        };
        let text = tr.tf(
            "import.counts",
            &[
                // Rows already followed were read too: said apart just below.
                ("read", &(p.count() + p.already().len())),
                ("rejected", &p.left_out()),
                ("empty", &empty),
            ],
        );
        ui.label(theme::bold(&text));
        let already = p.already();
        if !already.is_empty() {
            ui.label(
                RichText::new(tr.tf(
                    "import.already",
                    &[("n", &already.len()), ("rows", &rows_said(already))],
                ))
                .color(theme::TEXT_MUTED),
            );
        }
    }

    fn preview_table(&self, ui: &mut Ui, tr: &Texts) {
        let count = self.preview.count();
        if count == 0 {
            return;
        }
        let fields = self.kind().fields();
        egui::ScrollArea::vertical()
            .id_salt("import-preview")
            .max_height(220.0)
            .show(ui, |ui| {
                egui::Grid::new("import-preview-grid")
                    .striped(true)
                    .num_columns(fields.len() + 1)
                    .show(ui, |ui| {
                        ui.label(theme::bold(tr.t("import.col.row")));
                        for field in fields {
                            ui.label(theme::bold(field_name(tr, self.kind(), *field)));
                        }
                        ui.end_row();
                        match &self.preview {
                            Preview::Budget(p) => {
                                for (row, line) in p.lines.iter().take(PREVIEW_LINES) {
                                    ui.label(row.to_string());
                                    ui.label(&line.label);
                                    ui.label(tr.choice(line.category));
                                    ui.label(line.year.to_string());
                                    ui.label(line.amount_ttc.to_string());
                                    ui.end_row();
                                }
                            }
                            Preview::Spending(p) => {
                                for (row, s) in p.lines.iter().take(PREVIEW_LINES) {
                                    ui.label(row.to_string());
                                    ui.label(s.date.to_fr());
                                    ui.label(&s.label);
                                    ui.label(tr.choice(s.category));
                                    ui.label(s.amount_ttc.to_string());
                                    ui.label(&s.reference);
                                    ui.end_row();
                                }
                            }
                        }
                    });
                let more = count.saturating_sub(PREVIEW_LINES);
                if more > 0 {
                    ui.label(
                        RichText::new(tr.tf("import.more", &[("n", &more)]))
                            .color(theme::TEXT_MUTED),
                    );
                }
            });
    }

    fn rejected_list(&self, ui: &mut Ui, tr: &Texts) {
        if self.preview.rejected().is_empty() || !self.mapping.missing().is_empty() {
            return;
        }
        ui.add_space(6.0);
        ui.label(theme::bold(tr.t("import.rejected")));
        egui::ScrollArea::vertical()
            .id_salt("import-rejected")
            .max_height(140.0)
            .show(ui, |ui| {
                for rejected in self.preview.rejected() {
                    ui.label(
                        RichText::new(tr.tf(
                            "import.rejected.row",
                            &[
                                ("n", &rejected.row),
                                ("reason", &tr.import_problem(&rejected.problem)),
                            ],
                        ))
                        .color(theme::ORANGE),
                    );
                }
            });
    }

    fn buttons(&self, ui: &mut Ui, tr: &Texts) -> ImportAction {
        let count = self.preview.count();
        let ready = count > 0 && self.mapping.missing().is_empty();
        ui.horizontal(|ui| {
            let label = tr.tf("import.confirm", &[("n", &count)]);
            if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
                let rows = match &self.preview {
                    Preview::Budget(p) => Rows::Budget(rows_of(p)),
                    Preview::Spending(p) => Rows::Spending(rows_of(p)),
                };
                return ImportAction::Confirm {
                    rows,
                    replace: self.replace,
                };
            }
            if ui.button(tr.t("button.cancel")).clicked() {
                return ImportAction::Cancel;
            }
            ImportAction::Open
        })
        .inner
    }
}

/// Row numbers as a list, the first twenty then « … ».
fn rows_said(rows: &[usize]) -> String {
    let mut said: Vec<String> = rows.iter().take(20).map(ToString::to_string).collect();
    if rows.len() > 20 {
        said.push("…".to_owned());
    }
    said.join(", ")
}

fn rows_of<T: Clone>(imported: &Imported<T>) -> Vec<T> {
    imported.lines.iter().map(|(_, row)| row.clone()).collect()
}

/// A column's name, as the budget's table (or the spending's) says it.
fn field_name(tr: &Texts, kind: Kind, field: Field) -> &str {
    match field {
        Field::Label if kind == Kind::Spending => tr.t("import.col.label.optional"),
        Field::Label => tr.t("budget.col.label"),
        Field::Category => tr.t("budget.col.category"),
        Field::Year => tr.t("budget.col.year"),
        Field::Amount => tr.t("import.col.amount"),
        Field::Date => tr.t("follow.col.date"),
        Field::Reference => tr.t("import.col.reference"),
    }
}
