//! Step 2: the project and its operation types (FTAP-OPTYPES), with the extension's services
//! (FTAP-EXT-SCOPE) and third-ministry commitments (FTAP-EXT-COMMIT).

use egui::{RichText, Ui};

use super::{StepCx, form, step_findings};
use crate::domain::dossier::{
    Application, Attachment, AttachmentKind, Commitment, Extension, InternalOffer, Operation,
};
use crate::domain::{Choice, Dossier, Step};
use crate::ui::theme;
use crate::ui::widgets::{choice_radios, help, labelled, section, text_area, text_field};

/// Draws the operations step.
pub fn operations_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(
        ui,
        "Le guichet finance deux types d'opération, que l'on peut combiner : la migration \
         d'applications vers le Cloud de confiance, et l'extension ou la montée en qualité des offres \
         de cloud interne PI et NUBO (FTAP-OPTYPES). Une extension exige l'engagement formalisé d'un \
         ministère tiers (FTAP-EXT-COMMIT).",
    );
    step_findings(ui, cx, Step::Operations);

    section(ui, "Le projet");
    form(ui, "project", |ui| {
        text_field(
            ui,
            cx.inputs,
            "project.title",
            "Titre du projet",
            &mut d.project.title,
            "Migration de …",
        );
        text_area(
            ui,
            cx.inputs,
            "project.summary",
            "Résumé",
            &mut d.project.summary,
            "Ce que fait le projet, pour qui, ce qu'il apporte",
        );
    });

    operation_types(ui, d);

    let suggestions: Vec<String> = cx
        .rules
        .and_then(|r| r.rule("FTAP-EXT-SCOPE"))
        .map(|r| r.suggestions.clone())
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
            });
        }
    }
}

fn extension_ui(
    ui: &mut Ui,
    o: usize,
    ext: &mut Extension,
    suggestions: &[String],
    attachment_names: &[String],
    new_attachments: &mut Vec<String>,
    cx: &mut StepCx<'_>,
) {
    section(ui, "Extension : offre concernée");
    choice_radios(
        ui,
        cx.inputs,
        &format!("operations[{o}].offer"),
        &mut ext.offer,
        InternalOffer::ALL,
    );

    section(ui, "Services créés ou améliorés");
    ui.label(
        RichText::new("Exemples cités par le guichet (FTAP-EXT-SCOPE) :").color(theme::TEXT_MUTED),
    );
    ui.horizontal_wrapped(|ui| {
        for service in suggestions {
            let mut on = ext.services.contains(service);
            if ui.checkbox(&mut on, service).changed() {
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
        if suggestions.contains(service) {
            continue;
        }
        ui.horizontal(|ui| {
            labelled(ui, "Autre service", |ui| {
                ui.add(
                    egui::TextEdit::singleline(service)
                        .id_salt(format!("operations[{o}].services[{i}]")),
                )
            });
            if ui
                .button("Retirer")
                .on_hover_text("Retirer ce service")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        ext.services.remove(i);
    }
    if ui.button("+ Autre service").clicked() {
        ext.services.push(String::new());
    }

    commitments_ui(ui, o, ext, attachment_names, new_attachments, cx);
}

/// The two operation types, as checkboxes that add or remove the operation.
fn operation_types(ui: &mut Ui, d: &mut Dossier) {
    section(ui, "Types d'opération");
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
    ui.checkbox(
        &mut migration,
        "Migration d'applications vers le Cloud de confiance",
    );
    ui.checkbox(
        &mut extension,
        "Extension ou montée en qualité de PI ou NUBO",
    );
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
    section(ui, "Engagements de ministères tiers");
    let mut remove = None;
    for (c, commitment) in ext.commitments.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let key = format!("operations[{o}].commitments[{c}]");
            let r = labelled(ui, "Ministère", |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut commitment.ministry)
                        .id_salt(format!("{key}.ministry"))
                        .desired_width(260.0),
                )
            });
            if cx
                .inputs
                .focus
                .as_deref()
                .is_some_and(|f| f.starts_with(&key))
            {
                r.request_focus();
                cx.inputs.focus = None;
            }
            labelled(ui, "Pièce jointe", |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut commitment.document)
                        .id_salt(format!("{key}.document"))
                        .desired_width(240.0),
                )
            });
            let doc = commitment.document.trim();
            if !doc.is_empty()
                && !attachment_names.iter().any(|n| n == doc)
                && ui.button("Ajouter aux pièces").clicked()
            {
                new_attachments.push(doc.to_owned());
            }
            if ui
                .button("Retirer")
                .on_hover_text("Retirer cet engagement")
                .clicked()
            {
                remove = Some(c);
            }
        });
    }
    if let Some(c) = remove {
        ext.commitments.remove(c);
    }
    if ui.button("+ Engagement").clicked() {
        ext.commitments.push(Commitment::default());
    }
}
