//! Step 1: who applies (FTAP-APPLICANT, DOSSIER-APPLICANT), and under which window.

use egui::Ui;

use super::{StepCx, form, step_findings};
use crate::domain::dossier::ApplicantKind;
use crate::domain::{Choice, Dossier, Step};
use crate::ui::widgets::{choice_radios, help, section, text_field};

/// Draws the applicant step.
pub fn applicant_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(
        ui,
        "Le guichet « Adoption du Cloud de confiance » est ouvert aux administrations d'État et aux \
         opérateurs de l'État (règle FTAP-APPLICANT). Indiquez qui porte le projet et qui la DINUM \
         peut contacter.",
    );
    step_findings(ui, cx, Step::Applicant);

    window_ui(ui, d, cx);

    section(ui, "Type de demandeur");
    choice_radios(
        ui,
        cx.inputs,
        "applicant.kind",
        &mut d.applicant.kind,
        ApplicantKind::ALL,
    );

    section(ui, "Structure");
    form(ui, "applicant", |ui| {
        let a = &mut d.applicant;
        text_field(
            ui,
            cx.inputs,
            "applicant.ministry",
            "Ministère",
            &mut a.ministry,
            "Ministère de la Culture",
        );
        text_field(
            ui,
            cx.inputs,
            "applicant.entity",
            "Direction, service ou opérateur",
            &mut a.entity,
            "Service du numérique",
        );
    });
    section(ui, "Personne à contacter");
    form(ui, "contact", |ui| {
        let c = &mut d.applicant.contact;
        text_field(
            ui,
            cx.inputs,
            "applicant.contact.name",
            "Nom et prénom",
            &mut c.name,
            "Élodie Côté",
        );
        text_field(
            ui,
            cx.inputs,
            "applicant.contact.email",
            "Adresse électronique",
            &mut c.email,
            "prenom.nom@ministere.gouv.fr",
        );
        text_field(
            ui,
            cx.inputs,
            "applicant.contact.phone",
            "Téléphone",
            &mut c.phone,
            "01 23 45 67 89",
        );
    });
}

/// The funding window, whose rules apply.
fn window_ui(ui: &mut Ui, d: &mut Dossier, cx: &StepCx<'_>) {
    section(ui, "Guichet");
    let label = ui.label("Guichet de financement");
    let current = cx
        .knowledge
        .rules
        .window(&d.window)
        .map_or(d.window.clone(), |w| format!("{} — {}", w.id, w.name));
    egui::ComboBox::from_id_salt("window")
        .selected_text(current)
        .width(520.0)
        .show_ui(ui, |ui| {
            for window in cx.knowledge.rules.windows() {
                let closed = matches!(window.status, crate::domain::rules::WindowStatus::Closed);
                let text = format!(
                    "{} — {}{}",
                    window.id,
                    window.name,
                    if closed { " (clos)" } else { "" }
                );
                ui.selectable_value(&mut d.window, window.id.clone(), text);
            }
        })
        .response
        .labelled_by(label.id);
}
