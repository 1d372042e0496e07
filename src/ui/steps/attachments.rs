//! Step 8: the attachments and the checklist of what the dossier needs (FTAP-EXT-COMMIT's
//! commitments, DOSSIER-ATTACHMENTS).

use egui::{RichText, Ui};

use super::StepCx;
use crate::domain::dossier::{Attachment, AttachmentKind};
use crate::domain::{Choice, Dossier};
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::{choice_combo, help, note_full, section};

/// Draws the attachments step.
pub fn attachments_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("attachments.help"));
    checklist(ui, d, cx.tr);

    section(ui, cx.tr.t("attachments.title"));
    let mut remove = None;
    for (i, att) in d.attachments.iter_mut().enumerate() {
        if attachment_card(ui, i, att, cx) {
            remove = Some(i);
        }
    }
    if let Some(i) = remove {
        d.attachments.remove(i);
    }
    if ui.button(cx.tr.t("attachments.add")).clicked() {
        d.attachments.push(Attachment {
            name: cx.tr.tf(
                "attachments.default_name",
                &[("n", &(d.attachments.len() + 1))],
            ),
            kind: AttachmentKind::Other,
            file_name: String::new(),
            sha256: None,
            size: None,
        });
    }
}

/// One attachment's fields; returns whether the user asked to remove it.
fn attachment_card(ui: &mut Ui, i: usize, att: &mut Attachment, cx: &mut StepCx<'_>) -> bool {
    let path = format!("attachments[{i}]");
    let tr = cx.tr;
    let mut remove = false;
    egui::Frame::group(ui.style())
        .inner_margin(10)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(tr.t("attachments.name"));
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut att.name)
                            .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                            .id_salt(format!("{path}.name"))
                            .desired_width(260.0),
                    )
                    .labelled_by(l.id);
                note_full(cx.inputs, &r, &att.name);
                let l = ui.label(tr.t("attachments.kind"));
                let mut kind = Some(att.kind);
                choice_combo(
                    ui,
                    tr,
                    cx.inputs,
                    &format!("{path}.kind"),
                    tr.t("attachments.kind.accessible"),
                    &mut kind,
                    AttachmentKind::ALL,
                )
                .labelled_by(l.id);
                if let Some(k) = kind {
                    att.kind = k;
                }
            });
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(tr.t("attachments.file"));
                let typed = ui
                    .add(
                        egui::TextEdit::singleline(&mut att.file_name)
                            .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                            .id_salt(format!("{path}.file_name"))
                            .desired_width(260.0)
                            .hint_text(tr.t("attachments.file.hint")),
                    )
                    .labelled_by(l.id);
                if typed.changed() {
                    // A name typed is not the file chosen before: its digest no longer holds.
                    att.sha256 = None;
                    att.size = None;
                }
                if typed.lost_focus() && !att.file_name.trim().is_empty() && att.sha256.is_none() {
                    cx.commands.push(Command::AttachTyped(
                        i,
                        std::path::PathBuf::from(att.file_name.trim()),
                    ));
                }
                let choose = ui
                    .button(tr.t("attachments.choose"))
                    .accessible_name(tr.tf("attachments.choose.of", &[("name", &att.name)]));
                if choose.clicked() {
                    cx.commands.push(Command::PickAttachment(i));
                }
                remove = ui
                    .button(tr.t("button.remove"))
                    .accessible_name(tr.tf("attachments.remove.of", &[("name", &att.name)]))
                    .clicked();
            });
            if let Some(sum) = &att.sha256 {
                ui.label(
                    RichText::new(tr.tf("attachments.sha256", &[("sum", &sum)]))
                        .small()
                        .monospace()
                        .color(theme::TEXT_MUTED),
                );
            }
        });
    remove
}

/// What the dossier needs: the documents its commitments name, and the usual pieces.
fn checklist(ui: &mut Ui, d: &Dossier, tr: &crate::i18n::Texts) {
    section(ui, tr.t("attachments.checklist"));
    let mut needed: Vec<(String, bool)> = Vec::new();
    for (_, ext) in d.extensions() {
        for c in &ext.commitments {
            let doc = c.document.trim();
            if !doc.is_empty() {
                let ok = d
                    .attachments
                    .iter()
                    .any(|a| a.name.trim() == doc && !a.file_name.trim().is_empty());
                needed.push((tr.tf("attachments.commitment", &[("doc", &doc)]), ok));
            }
        }
    }
    for kind in [AttachmentKind::ProjectNote, AttachmentKind::BudgetDetail] {
        let ok = d
            .attachments
            .iter()
            .any(|a| a.kind == kind && !a.file_name.trim().is_empty());
        needed.push((
            tr.tf("attachments.advised", &[("kind", &tr.choice(kind))]),
            ok,
        ));
    }
    for (text, ok) in needed {
        let (mark, colour) = if ok {
            ("✓", theme::GREEN)
        } else {
            ("○", theme::TEXT_MUTED)
        };
        ui.label(RichText::new(format!("{mark} {text}")).color(colour));
    }
}
