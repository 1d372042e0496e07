//! The hand-over's parts that only draw: how fresh the description is, the prefilled link, what
//! is left to fill on the platform, the files to attach, a copy of each value.

use egui::{RichText, Ui};

use super::Handover;
use crate::platform::{Description, Prefill};
use crate::ui::theme;

/// Whether the description may be stale: kept from an earlier day, old, or the form changed.
pub(super) fn freshness_ui(ui: &mut Ui, tr: &crate::i18n::Texts, state: &Handover) {
    if let (Some(read_on), Some(Ok(description))) = (state.read_on, &state.description) {
        let kept = crate::storage::descriptions::Kept {
            description: description.clone(),
            read_on,
        };
        ui.label(
            RichText::new(tr.tf("handover.kept", &[("date", &read_on.to_fr())]))
                .color(theme::TEXT_MUTED),
        );
        if let Some(days) = kept.old(crate::domain::Date::today()) {
            ui.label(RichText::new(tr.tf("handover.old", &[("days", &days)])).color(theme::ORANGE));
        }
    }
    match &state.changes {
        Some(Ok(changes)) if changes.any() => {
            let mut parts = Vec::new();
            if let Some((_, now)) = &changes.modified {
                parts.push(tr.tf("handover.changed.modified", &[("date", now)]));
            }
            if !changes.added.is_empty() {
                parts.push(tr.tf(
                    "handover.changed.added",
                    &[("labels", &changes.added.join(", "))],
                ));
            }
            if !changes.removed.is_empty() {
                parts.push(tr.tf(
                    "handover.changed.removed",
                    &[("labels", &changes.removed.join(", "))],
                ));
            }
            ui.label(
                RichText::new(tr.tf("handover.changed", &[("what", &parts.join(" ; "))]))
                    .color(theme::ORANGE),
            );
        }
        Some(Err(why)) => {
            ui.label(
                RichText::new(tr.tf("handover.not_kept", &[("why", why)])).color(theme::TEXT_MUTED),
            );
        }
        _ => {}
    }
}

/// The prefilled link, when one can carry the body, or why not.
pub(super) fn link_ui(ui: &mut Ui, tr: &crate::i18n::Texts, prefill: &Prefill) {
    match (&prefill.link, &prefill.link_why) {
        (Some(link), _) => {
            if ui
                .button(tr.t("handover.open_link"))
                .on_hover_text(tr.t("handover.open_link.hint"))
                .clicked()
            {
                ui.ctx().open_url(egui::OpenUrl::new_tab(link));
            }
        }
        (None, Some(why)) => {
            ui.label(
                RichText::new(tr.tf("handover.no_link", &[("why", &tr.no_link(why))]))
                    .color(theme::TEXT_MUTED),
            );
        }
        (None, None) => {}
    }
}

/// What is left to fill on the platform, and why.
pub(super) fn left_ui(ui: &mut Ui, tr: &crate::i18n::Texts, prefill: &Prefill) {
    if prefill.not_filled.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(tr.tf("handover.left", &[("count", &prefill.not_filled.len())]))
        .id_salt("handover-left")
        .default_open(true)
        .show(ui, |ui| {
            for n in &prefill.not_filled {
                let mark = if n.required {
                    tr.t("handover.required")
                } else {
                    tr.t("handover.optional")
                };
                let label = n.row.as_ref().map_or_else(
                    || n.label.clone(),
                    |(cell, row)| tr.tf("handover.left.row", &[("label", cell), ("row", row)]),
                );
                ui.label(tr.tf(
                    "handover.left.one",
                    &[
                        ("label", &label),
                        ("mark", &mark),
                        ("why", &tr.prefill_why(&n.why)),
                    ],
                ));
            }
        });
}

/// Which file goes into which attachment champ, with its size and digest when known.
pub(super) fn attachments_ui(
    ui: &mut Ui,
    tr: &crate::i18n::Texts,
    prefill: &Prefill,
    not_exported: bool,
) {
    if prefill.attachments.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(tr.tf(
        "handover.attachments",
        &[("count", &prefill.attachments.len())],
    ))
    .id_salt("handover-attachments")
    .default_open(true)
    .show(ui, |ui| {
        if not_exported {
            ui.label(RichText::new(tr.t("handover.attachments.export")).color(theme::TEXT_MUTED));
        }
        egui::Grid::new("handover-attachments-grid")
            .num_columns(3)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for a in &prefill.attachments {
                    ui.label(&a.label);
                    ui.label(&a.file);
                    match (a.size, &a.sha256) {
                        (Some(size), Some(sum)) => {
                            let size = crate::domain::money::format_number_fr(size.into(), 0);
                            ui.label(
                                RichText::new(tr.tf(
                                    "handover.attachments.sum",
                                    &[("size", &size), ("sum", &sum)],
                                ))
                                .monospace()
                                .small(),
                            );
                        }
                        _ => {
                            ui.label(RichText::new("—").color(theme::TEXT_MUTED));
                        }
                    }
                    ui.end_row();
                }
            });
    });
}

/// Every champ in the form's order with the value the dossier gives it, and a copy button.
pub(super) fn companion_ui(
    ui: &mut Ui,
    tr: &crate::i18n::Texts,
    prefill: &Prefill,
    d: &Description,
) {
    egui::CollapsingHeader::new(tr.t("handover.companion"))
        .id_salt("handover-companion")
        .show(ui, |ui| {
            egui::Grid::new("handover-companion-grid")
                .num_columns(3)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for champ in d.champs.iter().filter(|c| c.kind.is_input()) {
                        ui.label(&champ.label);
                        match prefill.body.get(&champ.key()) {
                            Some(serde_json::Value::String(text)) => {
                                ui.label(text.chars().take(80).collect::<String>());
                                if ui
                                    .button(tr.t("handover.copy"))
                                    .on_hover_text(text)
                                    .clicked()
                                {
                                    ui.ctx().copy_text(text.clone());
                                }
                            }
                            Some(other) => {
                                let text = other.to_string();
                                ui.label(tr.t("handover.table"));
                                if ui.button(tr.t("handover.copy")).clicked() {
                                    ui.ctx().copy_text(text);
                                }
                            }
                            None => {
                                ui.label(RichText::new("—").color(theme::TEXT_MUTED));
                                ui.label("");
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
