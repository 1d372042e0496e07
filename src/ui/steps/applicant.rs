//! Step 1: who applies (FTAP-APPLICANT, DOSSIER-APPLICANT), and under which window.

use crate::ui::widgets::ComboExt as _;
use egui::Ui;

use super::{StepCx, form};
use crate::domain::dossier::ApplicantKind;
use crate::domain::{Choice, Dossier};
use crate::ui::widgets::{choice_radios, help, section, text_field};

/// Draws the applicant step.
pub fn applicant_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("applicant.help"));

    window_ui(ui, d, cx);

    section(ui, cx.tr.t("applicant.kind"));
    choice_radios(
        ui,
        cx.tr,
        cx.inputs,
        "applicant.kind",
        &mut d.applicant.kind,
        ApplicantKind::ALL,
    );

    section(ui, cx.tr.t("applicant.structure"));
    form(ui, "applicant", |ui| {
        let a = &mut d.applicant;
        text_field(
            ui,
            cx.inputs,
            "applicant.ministry",
            cx.tr.t("applicant.ministry"),
            &mut a.ministry,
            cx.tr.t("applicant.ministry.hint"),
        );
        text_field(
            ui,
            cx.inputs,
            "applicant.entity",
            cx.tr.t("applicant.entity"),
            &mut a.entity,
            cx.tr.t("applicant.entity.hint"),
        );
    });
    section(ui, cx.tr.t("applicant.contact"));
    form(ui, "contact", |ui| {
        let c = &mut d.applicant.contact;
        text_field(
            ui,
            cx.inputs,
            "applicant.contact.name",
            cx.tr.t("applicant.contact.name"),
            &mut c.name,
            "Élodie Côté",
        );
        text_field(
            ui,
            cx.inputs,
            "applicant.contact.email",
            cx.tr.t("applicant.contact.email"),
            &mut c.email,
            "prenom.nom@ministere.gouv.fr",
        );
        text_field(
            ui,
            cx.inputs,
            "applicant.contact.phone",
            cx.tr.t("applicant.contact.phone"),
            &mut c.phone,
            "01 23 45 67 89",
        );
    });
}

/// The funding window, whose rules apply.
fn window_ui(ui: &mut Ui, d: &mut Dossier, cx: &StepCx<'_>) {
    section(ui, cx.tr.t("applicant.window"));
    let label = ui.label(cx.tr.t("applicant.window.label"));
    let current = cx
        .knowledge
        .rules
        .window(&d.window)
        .map_or(d.window.clone(), |w| format!("{} — {}", w.id, w.name));
    egui::ComboBox::from_id_salt("window")
        .selected_text(current)
        // Narrower when the step is (at 150 % text size): never past the step's edge.
        .width(520.0_f32.min(ui.available_width() - 24.0))
        .show_list(ui, |ui| {
            for window in cx.knowledge.rules.windows() {
                let closed = matches!(window.status, crate::domain::rules::WindowStatus::Closed);
                let text = format!(
                    "{} — {}{}",
                    window.id,
                    window.name,
                    if closed {
                        cx.tr.t("applicant.window.closed")
                    } else {
                        ""
                    }
                );
                ui.selectable_value(&mut d.window, window.id.clone(), text);
            }
        })
        .response
        .labelled_by(label.id);
}
