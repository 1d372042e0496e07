//! Step 2: the project and its operation types (FTAP-OPTYPES), with the extension's services
//! (FTAP-EXT-SCOPE) and third-ministry commitments (FTAP-EXT-COMMIT).

use egui::{RichText, Ui};

use super::{StepCx, form};
use crate::domain::dossier::{
    Application, Attachment, AttachmentKind, Commitment, Extension, InternalOffer, Operation,
};
use crate::domain::{Choice, Dossier};
use crate::ui::theme;
use crate::ui::widgets::{
    choice_radios, help, labelled, note_full, section, text_area, text_field,
};

/// Draws the operations step.
pub fn operations_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("operations.help"));

    section(ui, cx.tr.t("operations.project"));
    form(ui, "project", |ui| {
        text_field(
            ui,
            cx.inputs,
            "project.title",
            cx.tr.t("operations.title"),
            &mut d.project.title,
            cx.tr.t("operations.title.hint"),
        );
        text_area(
            ui,
            cx.inputs,
            "project.summary",
            cx.tr.t("operations.summary"),
            &mut d.project.summary,
            cx.tr.t("operations.summary.hint"),
        );
    });

    operation_types(ui, d, cx.tr);

    // Each example as the window names it (written into the dossier) and what it means in the
    // interface's language.
    let suggestions: Vec<(String, String)> = cx
        .rules
        .and_then(|r| r.rule("FTAP-EXT-SCOPE"))
        .map(|r| {
            r.suggestions
                .iter()
                .enumerate()
                .map(|(i, fr)| {
                    let en = r.suggestions_en.get(i).map_or("", String::as_str);
                    (fr.clone(), cx.tr.pick(fr, en).into_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    let attachment_names: Vec<String> = d.attachments.iter().map(|a| a.name.clone()).collect();
    let mut new_attachments = Vec::new();
    for (o, op) in d.operations.iter_mut().enumerate() {
        if let Operation::Extension(ext) = op {
            extension_ui(
                ui,
                o,
                ext,
                &suggestions,
                &attachment_names,
                &mut new_attachments,
                cx,
            );
        }
    }
    for name in new_attachments {
        if !d.attachments.iter().any(|a| a.name == name) {
            d.attachments.push(Attachment {
                name,
                kind: AttachmentKind::Commitment,
                file_name: String::new(),
                sha256: None,
                size: None,
            });
        }
    }
}

fn extension_ui(
    ui: &mut Ui,
    o: usize,
    ext: &mut Extension,
    suggestions: &[(String, String)],
    attachment_names: &[String],
    new_attachments: &mut Vec<String>,
    cx: &mut StepCx<'_>,
) {
    section(ui, cx.tr.t("operations.extension.offer"));
    choice_radios(
        ui,
        cx.tr,
        cx.inputs,
        &format!("operations[{o}].offer"),
        &mut ext.offer,
        InternalOffer::ALL,
    );

    section(ui, cx.tr.t("operations.services"));
    ui.label(RichText::new(cx.tr.t("operations.services.examples")).color(theme::TEXT_MUTED));
    ui.horizontal_wrapped(|ui| {
        for (service, meaning) in suggestions {
            let mut on = ext.services.contains(service);
            let mut checkbox = ui.checkbox(&mut on, service);
            let said = if meaning == service {
                cx.tr.explain(service)
            } else {
                Some(match cx.tr.explain(meaning) {
                    Some(acronyms) => format!("{meaning}\n{acronyms}"),
                    None => meaning.clone(),
                })
            };
            if let Some(said) = said {
                checkbox = checkbox.on_hover_text(said);
            }
            if checkbox.changed() {
                if on {
                    ext.services.push(service.clone());
                } else {
                    ext.services.retain(|s| s != service);
                }
            }
        }
    });
    let mut remove = None;
    for (i, service) in ext.services.iter_mut().enumerate() {
        if suggestions.iter().any(|(s, _)| s == service) {
            continue;
        }
        ui.horizontal(|ui| {
            let r = labelled(ui, cx.tr.t("operations.services.other"), |ui| {
                ui.add(
                    egui::TextEdit::singleline(service)
                        .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                        .id_salt(format!("operations[{o}].services[{i}]")),
                )
            });
            note_full(cx.inputs, &r, service);
            if ui
                .button(cx.tr.t("button.remove"))
                .on_hover_text(cx.tr.t("operations.services.remove"))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        ext.services.remove(i);
    }
    if ui.button(cx.tr.t("operations.services.add")).clicked() {
        ext.services.push(String::new());
    }

    commitments_ui(ui, o, ext, attachment_names, new_attachments, cx);
}

/// The two operation types, as checkboxes that add or remove the operation.
fn operation_types(ui: &mut Ui, d: &mut Dossier, tr: &crate::i18n::Texts) {
    section(ui, tr.t("operations.types"));
    let has_migration = d
        .operations
        .iter()
        .any(|o| matches!(o, Operation::Migration { .. }));
    let has_extension = d
        .operations
        .iter()
        .any(|o| matches!(o, Operation::Extension(_)));
    let mut migration = has_migration;
    let mut extension = has_extension;
    ui.checkbox(&mut migration, tr.t("operations.migration"));
    ui.checkbox(&mut extension, tr.t("operations.extension"));
    if migration != has_migration {
        if migration {
            d.operations.insert(
                0,
                Operation::Migration {
                    applications: vec![Application::default()],
                },
            );
        } else {
            d.operations
                .retain(|o| !matches!(o, Operation::Migration { .. }));
        }
    }
    if extension != has_extension {
        if extension {
            d.operations
                .push(Operation::Extension(Extension::default()));
        } else {
            d.operations
                .retain(|o| !matches!(o, Operation::Extension(_)));
        }
    }
}

/// Third ministries' commitments, each pointing at an attachment.
fn commitments_ui(
    ui: &mut Ui,
    o: usize,
    ext: &mut Extension,
    attachment_names: &[String],
    new_attachments: &mut Vec<String>,
    cx: &mut StepCx<'_>,
) {
    section(ui, cx.tr.t("operations.commitments"));
    let mut remove = None;
    for (c, commitment) in ext.commitments.iter_mut().enumerate() {
        // Wrapping: at 150 % or in a narrow window the document's field goes under the ministry's.
        ui.horizontal_wrapped(|ui| {
            let key = format!("operations[{o}].commitments[{c}]");
            let r = labelled(ui, cx.tr.t("operations.commitment.ministry"), |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut commitment.ministry)
                        .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                        .id_salt(format!("{key}.ministry"))
                        .desired_width(260.0),
                )
            });
            note_full(cx.inputs, &r, &commitment.ministry);
            if cx
                .inputs
                .focus
                .as_deref()
                .is_some_and(|f| f.starts_with(&key))
            {
                r.request_focus();
                cx.inputs.focus = None;
            }
            let r = labelled(ui, cx.tr.t("operations.commitment.document"), |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut commitment.document)
                        .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                        .id_salt(format!("{key}.document"))
                        .desired_width(240.0),
                )
            });
            note_full(cx.inputs, &r, &commitment.document);
            let doc = commitment.document.trim();
            if !doc.is_empty()
                && !attachment_names.iter().any(|n| n == doc)
                && ui.button(cx.tr.t("operations.commitment.attach")).clicked()
            {
                new_attachments.push(doc.to_owned());
            }
            if ui
                .button(cx.tr.t("button.remove"))
                .on_hover_text(cx.tr.t("operations.commitment.remove"))
                .clicked()
            {
                remove = Some(c);
            }
        });
    }
    if let Some(c) = remove {
        ext.commitments.remove(c);
    }
    if ui.button(cx.tr.t("operations.commitment.add")).clicked() {
        ext.commitments.push(Commitment::default());
    }
}
