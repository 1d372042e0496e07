//! « Correspondances des champs »: every champ of the form in its order, each with the value of
//! the dossier it takes — found by its label, or tied by hand to another value or to nothing.
//! A choice is kept per démarche at once (the per-user data folder) and used the next time, by
//! the window and by `prefill`.

use crate::ui::widgets::ComboExt as _;
use egui::{RichText, Ui};

use super::Handover;
use crate::platform::FormTable;
use crate::platform::description::{Champ, ChampKind, Description};
use crate::platform::fields::Field;
use crate::platform::prefill::{self, Tie, Ties};
use crate::ui::app::App;
use crate::ui::theme;

/// A field as the list names it: the form's label it expects, and where it comes from.
fn field_name(field: &Field) -> String {
    let label = field.labels.first().map_or("", String::as_str);
    format!("{label} ({})", field.source.path())
}

/// What a champ's list shows as chosen.
fn shown(
    tr: &crate::i18n::Texts,
    tie: Option<Tie>,
    automatic: Option<&Field>,
    fields: &[Field],
) -> String {
    match tie {
        Some(Tie::Nothing) => tr.t("mapping.nothing").to_owned(),
        Some(Tie::Value(source)) => fields
            .iter()
            .find(|f| f.source == source)
            .map_or_else(|| source.path().to_owned(), field_name),
        None => match automatic {
            Some(field) => tr.tf("mapping.auto", &[("field", &field_name(field))]),
            None => tr.t("mapping.auto.none").to_owned(),
        },
    }
}

impl App {
    /// Draws the ties' window, when asked for.
    pub(super) fn mapping_window(&mut self, ctx: &egui::Context, state: &mut Handover) {
        if !state.mapping {
            return;
        }
        let Some(Ok(description)) = state.description.clone() else {
            state.mapping = false;
            return;
        };
        let Ok(table) = FormTable::builtin() else {
            return;
        };
        let tr = self.tr();
        let mut open = true;
        let before = state.ties.clone();
        super::super::dialogs::over_wizard(
            ctx,
            tr.t("mapping.title"),
            "handover-mapping",
            &mut open,
            (720.0, egui::vec2(-400.0, 90.0), 120.0),
        )
        .show(ctx, |ui| {
            ui.label(tr.tf("mapping.intro", &[("number", &description.number)]));
            if ui
                .add_enabled(
                    !state.ties.is_empty(),
                    egui::Button::new(tr.t("mapping.reset")),
                )
                .clicked()
            {
                state.ties.clear();
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .min_scrolled_height(420.0)
                .show(ui, |ui| {
                    champs_ui(ui, tr, &description, table, &mut state.ties);
                    crate::ui::widgets::keep_focus_in_view(ui);
                });
        });
        if !open {
            state.mapping = false;
        }
        if state.ties != before {
            state.ties_note = self.descriptions.as_ref().and_then(|kept| {
                kept.keep_ties(description.number, &state.ties)
                    .err()
                    .map(|e| tr.tf("mapping.not_kept", &[("why", &tr.io_error(&e))]))
            });
        }
    }
}

/// Every champ in the form's order: section titles as headings, inputs with their list; a
/// table's sub-champs under it, tied among the table's fields.
fn champs_ui(
    ui: &mut Ui,
    tr: &crate::i18n::Texts,
    description: &Description,
    table: &FormTable,
    ties: &mut Ties,
) {
    egui::Grid::new("mapping-grid")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for champ in &description.champs {
                if champ.kind == ChampKind::Header {
                    ui.label(theme::bold(&champ.label));
                    ui.end_row();
                    continue;
                }
                if !champ.kind.is_input() {
                    continue;
                }
                champ_row(ui, tr, champ, &table.fields, ties, None);
                if champ.kind == ChampKind::Repetition {
                    let rows = prefill::effective(&table.fields, champ, ties)
                        .map(|f| f.rows.clone())
                        .unwrap_or_default();
                    for sub in champ.children.iter().filter(|c| c.kind.is_input()) {
                        champ_row(ui, tr, sub, &rows, ties, Some(&champ.label));
                    }
                }
            }
        });
}

/// One champ: its label (required or not; a table's sub-champ indented under it, and named
/// « Table › Sub-champ » for a screen reader), and the list of what it may take.
fn champ_row(
    ui: &mut Ui,
    tr: &crate::i18n::Texts,
    champ: &Champ,
    fields: &[Field],
    ties: &mut Ties,
    table: Option<&str>,
) {
    let mark = if champ.required {
        format!(" ({})", tr.t("handover.required"))
    } else {
        String::new()
    };
    let text = format!("{}{mark}", champ.label);
    let label = match table {
        None => ui.label(&text),
        Some(_) => {
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                ui.label(&text)
            })
            .inner
        }
    };
    let name = match table {
        None => text,
        Some(table) => format!("{table} › {text}"),
    };
    let wanted = prefill::shape_for(&champ.kind);
    if !champ.kind.prefillable() && wanted != crate::platform::fields::Shape::Files {
        ui.label(RichText::new(tr.t("mapping.not_prefillable")).color(theme::TEXT_MUTED));
        ui.end_row();
        return;
    }
    let automatic = prefill::field_for(fields, champ);
    let tie = ties.get(&champ.id).copied();
    let mut chosen = tie;
    let current = shown(tr, tie, automatic, fields);
    let response = egui::ComboBox::from_id_salt(("mapping", &champ.id))
        .selected_text(current.clone())
        .width(400.0)
        .truncate()
        .show_list(ui, |ui| {
            ui.selectable_value(&mut chosen, None, shown(tr, None, automatic, fields));
            ui.selectable_value(&mut chosen, Some(Tie::Nothing), tr.t("mapping.nothing"));
            for field in fields.iter().filter(|f| f.source.shape() == wanted) {
                ui.selectable_value(
                    &mut chosen,
                    Some(Tie::Value(field.source)),
                    field_name(field),
                );
            }
        })
        .response;
    let response = if table.is_some() {
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
        response
    } else {
        response.labelled_by(label.id)
    };
    response.on_hover_text(current);
    ui.end_row();
    if chosen != tie {
        match chosen {
            Some(t) => {
                ties.insert(champ.id.clone(), t);
            }
            None => {
                ties.remove(&champ.id);
            }
        }
    }
}
