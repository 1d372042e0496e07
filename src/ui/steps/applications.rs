//! Step 3: each application's origin hosting (FTAP-ORIGIN) and data sensitivity (doctrine).

use egui::Ui;

use super::{StepCx, form};
use crate::domain::dossier::{Application, Criticality, Operation, Origin, Sensitivity};
use crate::domain::{Choice, Dossier};
use crate::ui::widgets::{choice_combo, help, labelled, section, text_field};

/// Draws the applications step.
pub fn applications_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("applications.help"));
    let Some((o, applications)) = migration(d) else {
        ui.label(cx.tr.t("applications.no_migration"));
        return;
    };
    let mut remove = None;
    for (a, app) in applications.iter_mut().enumerate() {
        let path = format!("operations[{o}].applications[{a}]");
        section(ui, &cx.tr.tf("applications.title", &[("n", &(a + 1))]));
        application_form(ui, &path, app, cx);
        if ui
            .button(cx.tr.tf("applications.remove", &[("n", &(a + 1))]))
            .clicked()
        {
            remove = Some(a);
        }
    }
    if let Some(a) = remove {
        applications.remove(a);
        cx.inputs
            .forget_under(&format!("operations[{o}].applications"));
    }
    ui.add_space(8.0);
    if ui.button(cx.tr.t("applications.add")).clicked() {
        applications.push(Application::default());
    }
}

/// The first migration operation, with its index.
pub fn migration(d: &mut Dossier) -> Option<(usize, &mut Vec<Application>)> {
    d.operations
        .iter_mut()
        .enumerate()
        .find_map(|(o, op)| match op {
            Operation::Migration { applications } => Some((o, applications)),
            Operation::Extension(_) => None,
        })
}

/// One application's fields.
fn application_form(ui: &mut Ui, path: &str, app: &mut Application, cx: &mut StepCx<'_>) {
    form(ui, path, |ui| {
        let inputs = &mut *cx.inputs;
        let tr = cx.tr;
        text_field(
            ui,
            inputs,
            &format!("{path}.name"),
            tr.t("applications.name"),
            &mut app.name,
            tr.t("applications.name.hint"),
        );
        labelled(ui, tr.t("applications.sensitivity"), |ui| {
            choice_combo(
                ui,
                tr,
                inputs,
                &format!("{path}.data_sensitivity"),
                tr.t("applications.sensitivity"),
                &mut app.data_sensitivity,
                Sensitivity::ALL,
            )
        });
        ui.end_row();
        labelled(ui, tr.t("applications.origin"), |ui| {
            choice_combo(
                ui,
                tr,
                inputs,
                &format!("{path}.origin"),
                tr.t("applications.origin"),
                &mut app.origin,
                Origin::ALL,
            )
        });
        ui.end_row();
        labelled(ui, tr.t("applications.criticality"), |ui| {
            choice_combo(
                ui,
                tr,
                inputs,
                &format!("{path}.criticality"),
                tr.t("applications.criticality"),
                &mut app.criticality,
                Criticality::ALL,
            )
        });
        ui.end_row();
        let users_label = ui.label(tr.t("applications.users"));
        let mut users = app.users.unwrap_or(0);
        let r = ui
            .add(egui::DragValue::new(&mut users).range(0..=100_000_000))
            .labelled_by(users_label.id);
        if r.changed() {
            app.users = Some(users);
        }
        ui.end_row();
    });
}
