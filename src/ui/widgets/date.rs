//! A date field (`JJ/MM/AAAA`) and the month calendar beside it, in the interface's language.

use egui::{Response, RichText, Ui};

use super::{FieldLook, Inputs, keep_place, parsed_field};
use crate::domain::Date;
use crate::i18n::Texts;

/// A month's name (`janvier`), from 1.
fn month_name(tr: &Texts, month: u32) -> &str {
    match month {
        1 => tr.t("month.1"),
        2 => tr.t("month.2"),
        3 => tr.t("month.3"),
        4 => tr.t("month.4"),
        5 => tr.t("month.5"),
        6 => tr.t("month.6"),
        7 => tr.t("month.7"),
        8 => tr.t("month.8"),
        9 => tr.t("month.9"),
        10 => tr.t("month.10"),
        11 => tr.t("month.11"),
        _ => tr.t("month.12"),
    }
}

/// A date field's width, and about the width of its « Calendrier » button.
const DATE_WIDTH: f32 = 120.0;
const CALENDAR_BUTTON_WIDTH: f32 = 110.0;

/// A date field (`JJ/MM/AAAA`, kept as typed while invalid) with a calendar button beside it.
#[allow(clippy::too_many_arguments)]
pub fn date_field<T: PartialEq>(
    ui: &mut Ui,
    tr: &Texts,
    inputs: &mut Inputs,
    key: &str,
    accessible: &str,
    value: &mut T,
    show: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Result<T, String>,
    wrap: impl Fn(Date) -> T,
    current: Option<Date>,
) -> Response {
    // Sized to the field and its button, so that on wrapping lines (a narrow step) they move to
    // the next line together rather than past the step's edge.
    let size = egui::vec2(
        DATE_WIDTH + ui.spacing().item_spacing.x + CALENDAR_BUTTON_WIDTH,
        ui.spacing().interact_size.y,
    );
    let layout = egui::Layout::left_to_right(egui::Align::Min);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        let response = ui
            .vertical(|ui| {
                let look = FieldLook {
                    key,
                    accessible,
                    hint: tr.t("date.hint"),
                    width: DATE_WIDTH,
                };
                parsed_field(ui, inputs, look, value, show, parse)
            })
            .inner;
        if let Some(picked) = calendar_button(ui, tr, key, accessible, current) {
            *value = wrap(picked);
            inputs.texts.remove(key);
        }
        response
    })
    .inner
}

/// A button that opens a month calendar; returns the day picked, if any.
fn calendar_button(
    ui: &mut Ui,
    tr: &Texts,
    key: &str,
    accessible: &str,
    current: Option<Date>,
) -> Option<Date> {
    let button = ui
        .button(tr.t("calendar"))
        .accessible_name(tr.tf("calendar.of", &[("field", &accessible)]))
        .on_hover_text(tr.t("calendar.hint"));
    let shown_id = button.id.with("calendar-month");
    if button.clicked() {
        let start = current.unwrap_or_else(Date::today);
        ui.data_mut(|d| d.insert_temp(shown_id, (start.year(), start.month())));
    }
    let mut picked = None;
    let shown = egui::Popup::from_toggle_button_response(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let (mut year, mut month) = ui
                .data(|d| d.get_temp::<(i32, u32)>(shown_id))
                .unwrap_or((2027, 1));
            (year, month) = month_header(ui, tr, year, month);
            ui.data_mut(|d| d.insert_temp(shown_id, (year, month)));
            let Ok(first) = Date::from_ymd(year, month, 1) else {
                return;
            };
            egui::Grid::new(("calendar", key))
                .spacing([4.0, 4.0])
                .show(ui, |ui| {
                    for day in tr.t("calendar.days").split(' ') {
                        ui.label(RichText::new(day).small().color(super::theme::TEXT_MUTED));
                    }
                    ui.end_row();
                    for _ in 0..first.weekday_from_monday() {
                        ui.label("");
                    }
                    for day in 1..=first.days_in_month() {
                        let Ok(date) = Date::from_ymd(year, month, day) else {
                            continue;
                        };
                        let selected = current == Some(date);
                        let name = tr.tf(
                            "calendar.day",
                            &[
                                ("day", &day),
                                ("month", &month_name(tr, month)),
                                ("year", &year),
                            ],
                        );
                        if ui
                            .add(
                                egui::Button::selectable(selected, day.to_string())
                                    .min_size(egui::vec2(30.0, 26.0)),
                            )
                            .accessible_name(name)
                            .clicked()
                        {
                            picked = Some(date);
                        }
                        if date.weekday_from_monday() == 6 {
                            ui.end_row();
                        }
                    }
                });
        });
    if picked.is_some() {
        egui::Popup::close_id(ui.ctx(), egui::Popup::default_response_id(&button));
    }
    keep_place(
        ui,
        &button,
        shown.is_some() && picked.is_none(),
        picked.is_some(),
    );
    picked
}

/// The calendar's month, with the buttons to the months before and after; returns the month
/// shown after a click.
fn month_header(ui: &mut Ui, tr: &Texts, year: i32, month: u32) -> (i32, u32) {
    let mut shown = (year, month);
    ui.horizontal(|ui| {
        if ui
            .button("‹")
            .accessible_name(tr.t("calendar.previous"))
            .clicked()
        {
            shown = if month == 1 {
                (year - 1, 12)
            } else {
                (year, month - 1)
            };
        }
        let name = month_name(tr, month);
        ui.label(super::theme::bold(format!("{name} {year}")));
        if ui
            .button("›")
            .accessible_name(tr.t("calendar.next"))
            .clicked()
        {
            shown = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
    });
    shown
}
