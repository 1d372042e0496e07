//! Labelled fields: every input is tied to its visible label for screen readers, parsed fields
//! keep what was typed while it is invalid (shown in red with the reason, never dropped), and a
//! field named by a finding takes the focus when the user follows the finding.

mod date;

pub use date::date_field;

use std::collections::BTreeMap;

use egui::{Response, RichText, TextEdit, Ui};

use super::theme;
use crate::domain::Choice;
use crate::i18n::Texts;

/// What is being typed in parsed fields, by field path, while it is not yet (or not) valid.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    texts: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    /// The field a followed finding points at, to focus once drawn.
    pub focus: Option<String>,
    /// Whether the field with the focus is full (its text at the app's limit): the window says
    /// so on its status line, since what is typed past it is not taken.
    pub full: bool,
    /// The budget line the focus is in, this frame.
    pub focus_line: Option<usize>,
    /// What the findings say of each field, this frame, as the user is to see it: the field's
    /// path, then its severity (an error or a point to check) and the message in the
    /// interface's language. Filled by the window before a step is drawn.
    pub said: BTreeMap<String, (crate::domain::Severity, String)>,
}

impl Inputs {
    /// Fields whose typed text is not valid: the field, the text and why, for the live panel.
    pub fn pending(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.errors.iter().filter_map(|(k, why)| {
            self.texts
                .get(k)
                .map(|text| (k.as_str(), text.as_str(), why.as_str()))
        })
    }

    /// Forgets every typed text (after opening another dossier, undo, redo).
    pub fn clear(&mut self) {
        self.texts.clear();
        self.errors.clear();
    }

    /// Forgets the typed texts under a path prefix (a removed line or indicator).
    pub fn forget_under(&mut self, prefix: &str) {
        self.texts.retain(|k, _| !k.starts_with(prefix));
        self.errors.retain(|k, _| !k.starts_with(prefix));
    }

    /// After the entry `index` of a list is removed: its typed texts dropped, those of the
    /// entries after it moved up by one.
    pub fn remove_entry(&mut self, list: &str, index: usize) {
        self.remap(list, |k| match k.cmp(&index) {
            std::cmp::Ordering::Less => Some(k),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(k - 1),
        });
    }

    /// Moves typed texts when list items move: `map(old index) -> new index`, `None` if removed.
    pub fn remap(&mut self, list: &str, map: impl Fn(usize) -> Option<usize>) {
        let prefix = format!("{list}[");
        let moved: Vec<(String, String)> = self
            .texts
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let errors = std::mem::take(&mut self.errors);
        for (key, text) in moved {
            self.texts.remove(&key);
            let rest = &key[prefix.len()..];
            let Some((index, tail)) = rest.split_once(']') else {
                continue;
            };
            let Some(new) = index.parse().ok().and_then(&map) else {
                continue;
            };
            let new_key = format!("{prefix}{new}]{tail}");
            if let Some(error) = errors.get(&key) {
                self.errors.insert(new_key.clone(), error.clone());
            }
            self.texts.insert(new_key, text);
        }
        // Errors of fields outside the list stay; those inside moved with their text above.
        for (key, error) in errors {
            if !key.starts_with(&prefix) {
                self.errors.insert(key, error);
            }
        }
    }

    /// Gives the focus to the field `key` when a finding followed or a new entry asks for it.
    pub fn take_focus(&mut self, key: &str, response: &Response) {
        if self.focus.as_deref() == Some(key) {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
            self.focus = None;
        }
    }
}

/// Scrolls the scroll area this `ui` is the content of so that the widget the keyboard just
/// moved the focus to is in view: egui moves the focus on Tab but does not scroll to it, and a
/// keyboard user lost the field being typed in below the fold. Called at the end of the
/// content, once its widgets are placed; a widget of another area is left to that one.
pub fn keep_focus_in_view(ui: &Ui) {
    let Some(focused) = ui
        .ctx()
        .memory(egui::Memory::focused)
        .and_then(|id| ui.ctx().read_response(id))
    else {
        return;
    };
    if focused.gained_focus() && ui.min_rect().contains_rect(focused.rect) {
        ui.scroll_to_rect(focused.rect.expand(8.0), None);
    }
}

/// Marks the `Ui` of a form laid out label above field, while its fields are drawn.
#[derive(Clone, Copy)]
struct Stacked;

/// Draws a form's fields label above field: a label close to its own field, pairs set apart.
pub fn stacked(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let id = ui.scope_id();
    ui.spacing_mut().item_spacing.y = 4.0;
    ui.data_mut(|d| d.insert_temp(id, Stacked));
    add(ui);
    ui.data_mut(|d| d.remove::<Stacked>(id));
}

/// A label, then the field drawn by `add`, tied to it: beside it in a form's grid, above it in a
/// stacked form.
pub fn labelled(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> Response) -> Response {
    let stacked = ui.data(|d| d.get_temp::<Stacked>(ui.scope_id())).is_some();
    if stacked {
        ui.add_space(8.0);
    }
    let label = ui.label(label);
    add(ui).labelled_by(label.id)
}

/// Notes that the field `response` is full while it has the focus (see [`Inputs::full`]).
pub fn note_full(inputs: &mut Inputs, response: &Response, text: &str) {
    if response.has_focus() && text.chars().count() >= crate::domain::limits::MAX_TEXT_CHARS {
        inputs.full = true;
    }
}

/// Under a field the user has left, what a finding says of it, in words (« Erreur : … », « À
/// vérifier : … », as [`Inputs::said`] has it), and the field outlined in the finding's colour; nothing while the field has
/// the focus (nothing moves while the user types).
pub fn field_message(ui: &mut Ui, inputs: &Inputs, key: &str, field: &Response) {
    if field.has_focus() {
        return;
    }
    let Some((severity, message)) = inputs.said.get(key) else {
        return;
    };
    let colour = match severity {
        crate::domain::Severity::Blocking => theme::RED,
        crate::domain::Severity::Warning => theme::ORANGE,
        crate::domain::Severity::Advisory => return,
    };
    ui.painter().rect_stroke(
        field.rect.expand(1.0),
        0.0,
        egui::Stroke::new(2.0, colour),
        egui::StrokeKind::Outside,
    );
    ui.add(egui::Label::new(RichText::new(message).color(colour).small()).wrap());
}

/// A one-line text field with its label.
pub fn text_field(
    ui: &mut Ui,
    inputs: &mut Inputs,
    key: &str,
    label: &str,
    value: &mut String,
    hint: &str,
) -> Response {
    text_input(ui, inputs, key, label, value, |value, room| {
        TextEdit::singleline(value)
            .hint_text(hint)
            // Wide enough for a ministry's or a project's full name, where there is room.
            .desired_width(room.clamp(200.0, 560.0))
    })
}

/// A multi-line text field with its label.
pub fn text_area(
    ui: &mut Ui,
    inputs: &mut Inputs,
    key: &str,
    label: &str,
    value: &mut String,
    hint: &str,
) -> Response {
    text_input(ui, inputs, key, label, value, |value, room| {
        TextEdit::multiline(value)
            .hint_text(hint)
            .desired_rows(4)
            .desired_width(room.clamp(240.0, 560.0))
    })
}

/// A text field with its label and its message under it, its length bounded and said when full;
/// `edit` builds the field from the value and the width there is room for.
fn text_input(
    ui: &mut Ui,
    inputs: &mut Inputs,
    key: &str,
    label: &str,
    value: &mut String,
    edit: impl for<'a> FnOnce(&'a mut String, f32) -> TextEdit<'a>,
) -> Response {
    let response = labelled(ui, label, |ui| {
        ui.vertical(|ui| {
            let room = ui.available_width();
            let field =
                ui.add(edit(&mut *value, room).char_limit(crate::domain::limits::MAX_TEXT_CHARS));
            field_message(ui, inputs, key, &field);
            field
        })
        .inner
    });
    note_full(inputs, &response, value);
    inputs.take_focus(key, &response);
    ui.end_row();
    response
}

/// How a field that parses shows: its key (the dossier's field path, for focus and errors), its
/// name for screen readers, the hint shown while it is empty, its width.
#[derive(Debug, Clone, Copy)]
pub struct FieldLook<'a> {
    /// `budget.lines[0].amount_ttc`.
    pub key: &'a str,
    /// « Montant TTC de la ligne 1 ».
    pub accessible: &'a str,
    /// « 0,00 ».
    pub hint: &'a str,
    /// Its width at most, in points.
    pub width: f32,
}

/// A field whose text parses into a value. While the text does not parse, it stays as typed, in
/// red with the reason under it; the value keeps its last valid state.
pub fn parsed_field<T: PartialEq>(
    ui: &mut Ui,
    inputs: &mut Inputs,
    look: FieldLook<'_>,
    value: &mut T,
    format: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Response {
    let response = parsed_field_compact(ui, inputs, look, value, format, parse);
    if let Some(reason) = inputs.errors.get(look.key) {
        ui.label(
            RichText::new(format!("⚠ {reason}"))
                .color(theme::RED)
                .small(),
        );
    }
    response
}

/// [`parsed_field`] without the reason written under it, for table rows of one height: the red
/// frame, the tooltip and the live panel's list of inputs to correct still say why.
pub fn parsed_field_compact<T: PartialEq>(
    ui: &mut Ui,
    inputs: &mut Inputs,
    look: FieldLook<'_>,
    value: &mut T,
    format: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Response {
    let FieldLook {
        key,
        accessible,
        hint,
        width,
    } = look;
    let mut text = inputs
        .texts
        .get(key)
        .cloned()
        .unwrap_or_else(|| format(value));
    let invalid = inputs.texts.contains_key(key) && parse(&text).is_err();
    // A stable id: findings appearing above while typing must not move the focus away.
    let mut edit = TextEdit::singleline(&mut text)
        .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
        .id_salt(key)
        .hint_text(hint)
        .desired_width(width);
    if invalid {
        edit = edit.text_color(theme::RED);
    }
    // Never wider than what is left of the step (a stacked form, a narrow window).
    let width = width.min(ui.available_width());
    let response = ui
        .add_sized(egui::vec2(width, ui.spacing().interact_size.y), edit)
        .accessible_name(accessible);
    if invalid {
        ui.painter().rect_stroke(
            response.rect.expand(1.0),
            0.0,
            egui::Stroke::new(2.0, theme::RED),
            egui::StrokeKind::Outside,
        );
    }
    if response.changed() {
        if let Ok(parsed) = parse(&text)
            && parsed != *value
        {
            *value = parsed;
        }
        inputs.texts.insert(key.to_owned(), text.clone());
    }
    if !response.has_focus() && inputs.texts.contains_key(key) && parse(&text).is_ok() {
        // Valid and left: show it formatted again.
        inputs.texts.remove(key);
    }
    if response.gained_focus() {
        select_all(ui.ctx(), response.id, &text);
    }
    inputs.take_focus(key, &response);
    if let Some(Err(reason)) = inputs.texts.get(key).map(|t| parse(t)) {
        inputs.errors.insert(key.to_owned(), reason.clone());
        response.on_hover_text(reason)
    } else {
        inputs.errors.remove(key);
        response
    }
}

/// Selects a field's whole text, as it gains the focus: what the user types then replaces it
/// (Tab into « 0,00 » then « 80000 » gave « 0,0080000 »).
fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ctx, id);
}

/// A drop-down list of choices, tied to its label; `None` shows "— choisir —".
pub fn choice_combo<C: Choice + PartialEq>(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    key: &str,
    accessible: &str,
    value: &mut Option<C>,
    choices: &[C],
) -> Response {
    let selected = value.map_or(tr.t("combo.none"), |c| tr.choice(c));
    let inner = egui::ComboBox::from_id_salt(key)
        .selected_text(selected)
        .width(300.0_f32.min(ui.available_width() - 24.0))
        // Every choice in view, without scrolling the list (they are a handful).
        .height(f32::INFINITY)
        .show_list(ui, |ui| {
            for choice in choices {
                let label = tr.choice(*choice);
                let _ = explained(ui.selectable_value(value, Some(*choice), label), tr, label);
            }
        });
    let response = explained(inner.response.accessible_name(accessible), tr, selected);
    inputs.take_focus(key, &response);
    response
}

/// A drop-down list that keeps the keyboard's place: choosing an entry (a click, or Enter or
/// Space on it) closes the list and gives the focus back to its box, as Escape does; without
/// it, egui leaves the list open after Enter and drops the focus after Escape, and the next
/// Tab starts again from the menus.
pub trait ComboExt {
    /// [`egui::ComboBox::show_ui`], keeping the keyboard's place.
    fn show_list<R>(
        self,
        ui: &mut Ui,
        add: impl FnOnce(&mut Ui) -> R,
    ) -> egui::InnerResponse<Option<R>>;
}

impl ComboExt for egui::ComboBox<'_> {
    fn show_list<R>(
        self,
        ui: &mut Ui,
        add: impl FnOnce(&mut Ui) -> R,
    ) -> egui::InnerResponse<Option<R>> {
        let mut chosen = false;
        let inner = self.show_ui(ui, |ui| {
            let result = add(ui);
            // Enter or Space on an entry of this list (the focus inside it, not on the box
            // that opened it this frame) chose it.
            let on_entry = ui.memory(egui::Memory::focused).is_some_and(|id| {
                ui.ctx()
                    .read_response(id)
                    .is_some_and(|r| r.layer_id == ui.layer_id())
            });
            if on_entry
                && ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space))
            {
                chosen = true;
                ui.close();
            }
            result
        });
        keep_place(ui, &inner.response, inner.inner.is_some(), chosen);
        inner
    }
}

/// Gives the focus back to the widget that opened a list or a calendar (`anchor`) once
/// something was chosen in it, or once it closed (Escape, a click outside) with the focus
/// nowhere.
fn keep_place(ui: &Ui, anchor: &Response, open: bool, chosen: bool) {
    let id = anchor.id.with("popup-open");
    let was_open = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    ui.data_mut(|d| d.insert_temp(id, open));
    let closed_without_focus = was_open && !open && ui.memory(egui::Memory::focused).is_none();
    if chosen || closed_without_focus {
        anchor.request_focus();
    }
}

/// `response` with what the acronyms of `text` mean on hover (the glossary), if it has any.
#[must_use]
pub fn explained(response: Response, tr: &Texts, text: &str) -> Response {
    match tr.explain(text) {
        Some(meaning) => response.on_hover_text(meaning),
        None => response,
    }
}

/// Radio buttons for a choice, in a column.
pub fn choice_radios<C: Choice + PartialEq>(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    key: &str,
    value: &mut Option<C>,
    choices: &[C],
) {
    ui.vertical(|ui| {
        for (i, choice) in choices.iter().enumerate() {
            let label = tr.choice(*choice);
            let response = explained(ui.radio_value(value, Some(*choice), label), tr, label);
            if i == 0 {
                inputs.take_focus(key, &response);
            }
        }
    });
}

/// Gives a shown text other words for a screen reader: a struck amount says it is excluded, a
/// list entry says it is to fill in. AT-SPI names a text by its value, not its label, so both
/// become the words.
pub fn spoken(response: &Response, words: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(words);
        node.set_value(words);
    });
}

/// A small coloured badge.
pub fn badge(ui: &mut Ui, text: &str, fg: egui::Color32, bg: egui::Color32) -> Response {
    egui::Frame::new()
        .fill(bg)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| ui.label(RichText::new(text).color(fg).small()))
        .response
}

/// A section title.
pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(theme::bold(title).size(17.0).color(theme::BLUE));
    ui.add_space(2.0);
}

/// A paragraph of help under a step's title.
pub fn help(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::TEXT_MUTED));
}

/// A legend entry: a colour swatch and what it stands for, one piece that a wrapping row moves
/// to the next line whole.
pub fn legend(ui: &mut Ui, colour: egui::Color32, text: &str) {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let mut job = egui::text::LayoutJob::default();
    job.append(
        "■\u{A0}",
        0.0,
        egui::TextFormat::simple(font.clone(), colour),
    );
    job.append(text, 0.0, egui::TextFormat::simple(font, theme::TEXT_MUTED));
    ui.add(egui::Label::new(job).wrap_mode(egui::TextWrapMode::Extend));
}

pub use crate::present::local_date_time;
