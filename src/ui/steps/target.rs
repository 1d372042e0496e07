//! Step 4: each application's target offer, picked from the catalogue (FTAP-TARGET), with the
//! hosting advisor's verdict for its data (DOC-*) beside it.

use crate::ui::widgets::ComboExt as _;
use egui::{RichText, Ui};

use super::StepCx;
use crate::domain::advisor::advise;
use crate::domain::catalogue::Offer;
use crate::domain::dossier::{Application, Target, TargetKind};
use crate::domain::{Choice, Dossier};
use crate::i18n::Texts;
use crate::ui::theme;
use crate::ui::widgets::{badge, help, labelled, section};

/// Draws the target step.
pub fn target_ui(ui: &mut Ui, d: &mut Dossier, cx: &mut StepCx<'_>) {
    help(ui, cx.tr.t("target.help"));
    let Some((o, applications)) = super::applications::migration(d) else {
        ui.label(cx.tr.t("applications.no_migration"));
        return;
    };
    for (a, app) in applications.iter_mut().enumerate() {
        let path = format!("operations[{o}].applications[{a}].target");
        let name = if app.name.trim().is_empty() {
            cx.tr.tf("applications.title", &[("n", &(a + 1))])
        } else {
            app.name.clone()
        };
        section(ui, &name);
        // Side by side when there is room (100 % scale), one under the other otherwise (150 %).
        if ui.available_width() >= 760.0 {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(360.0);
                    target_column(ui, &path, app, cx);
                });
                ui.add_space(16.0);
                ui.vertical(|ui| advisor_column(ui, app, cx));
            });
        } else {
            target_column(ui, &path, app, cx);
            ui.add_space(8.0);
            advisor_column(ui, app, cx);
        }
    }
    ui.add_space(12.0);
    let catalogue = &cx.knowledge.catalogue;
    egui::CollapsingHeader::new(cx.tr.t("target.not_eligible")).show(ui, |ui| {
        for offer in catalogue
            .offers
            .iter()
            .filter(|o| o.not_eligible_because.is_some())
        {
            ui.label(theme::bold(cx.tr.pick(&offer.name, &offer.name_en)));
            let because = cx.tr.pick_opt(
                offer.not_eligible_because.as_deref(),
                offer.not_eligible_because_en.as_deref(),
            );
            ui.label(RichText::new(because.unwrap_or_default()).color(theme::TEXT_MUTED));
        }
    });
    ui.label(
        RichText::new(cx.tr.pick(&catalogue.note, &catalogue.note_en))
            .small()
            .color(theme::TEXT_MUTED),
    );
}

/// The kind of target, and for a qualified offer, which one.
fn target_column(ui: &mut Ui, path: &str, app: &mut Application, cx: &mut StepCx<'_>) {
    let catalogue = &cx.knowledge.catalogue;
    let tr = cx.tr;
    let label = ui.label(tr.t("target.kind"));
    let mut kind = app.target.as_ref().map(|t| t.kind);
    let response = egui::ComboBox::from_id_salt(format!("{path}.kind"))
        .selected_text(kind.map_or(tr.t("combo.none"), |k| tr.choice(k)))
        .width(ui.available_width().min(340.0))
        .show_list(ui, |ui| {
            for k in TargetKind::ALL {
                ui.selectable_value(&mut kind, Some(*k), tr.choice(*k));
            }
        })
        .response
        .labelled_by(label.id);
    if cx
        .inputs
        .focus
        .as_deref()
        .is_some_and(|f| f.starts_with(path))
    {
        response.request_focus();
        cx.inputs.focus = None;
    }
    if kind != app.target.as_ref().map(|t| t.kind) {
        app.target = kind.map(|kind| {
            // PI and NUBO are one offer each; a qualified offer is picked below.
            let offer = catalogue
                .of_kind(kind)
                .next()
                .filter(|_| kind != TargetKind::SecNumCloud);
            Target {
                kind,
                offer: offer.map(|o| o.name.clone()).unwrap_or_default(),
                catalogue_id: offer.map(|o| o.id.clone()),
                qualification_ref: None,
            }
        });
    }
    if let Some(target) = &mut app.target
        && target.kind == TargetKind::SecNumCloud
    {
        offer_picker(ui, tr, path, target, catalogue);
    }
}

/// What the doctrine says of each kind of target for this application's data.
fn advisor_column(ui: &mut Ui, app: &Application, cx: &StepCx<'_>) {
    let tr = cx.tr;
    ui.label(theme::bold(tr.t("target.advice")));
    let (Some(sensitivity), Some(rules)) = (app.data_sensitivity, cx.rules) else {
        ui.label(RichText::new(tr.t("target.advice.missing")).color(theme::TEXT_MUTED));
        return;
    };
    ui.label(RichText::new(tr.choice(sensitivity)).color(theme::TEXT_MUTED));
    for verdict in advise(sensitivity, rules) {
        ui.horizontal_wrapped(|ui| {
            let (text, fg, bg) = match (verdict.suits, verdict.fundable) {
                (true, true) => (
                    tr.t("target.suits_fundable"),
                    theme::GREEN,
                    theme::GREEN_LIGHT,
                ),
                (true, false) => (
                    tr.t("target.suits_not_fundable"),
                    theme::ORANGE,
                    theme::ORANGE_LIGHT,
                ),
                (false, _) => (tr.t("target.excluded"), theme::RED, theme::RED_LIGHT),
            };
            badge(ui, text, fg, bg).on_hover_text(verdict.rules.join(", "));
            ui.label(tr.choice(verdict.target));
        });
    }
}

/// The qualified offers of the catalogue, or another offer with its qualification reference.
fn offer_picker(
    ui: &mut Ui,
    tr: &crate::i18n::Texts,
    path: &str,
    target: &mut Target,
    catalogue: &crate::domain::Catalogue,
) {
    const OTHER: &str = "__autre__";
    let label = ui.label(tr.t("target.offer"));
    // « Autre offre qualifiée… » chosen before its name is typed: the dossier cannot say it yet
    // (no catalogue id, no name), so the window remembers the choice for this target.
    let other_id = ui.make_persistent_id(format!("{path}.offer.other-chosen"));
    let other_chosen = ui.data(|d| d.get_temp::<bool>(other_id)).unwrap_or(false);
    let mut selected = target.catalogue_id.clone().unwrap_or_else(|| {
        if target.offer.is_empty() && !other_chosen {
            String::new()
        } else {
            OTHER.to_owned()
        }
    });
    let shown = catalogue.offer(&selected).map_or_else(
        || {
            if selected == OTHER {
                tr.t("target.offer.other").to_owned()
            } else {
                tr.t("combo.none").to_owned()
            }
        },
        |o| tr.pick(&o.name, &o.name_en).into_owned(),
    );
    egui::ComboBox::from_id_salt(format!("{path}.offer"))
        .selected_text(shown)
        .width(ui.available_width().min(340.0))
        .show_list(ui, |ui| {
            for offer in catalogue.of_kind(TargetKind::SecNumCloud) {
                let name = tr.pick(&offer.name, &offer.name_en);
                ui.selectable_value(&mut selected, offer.id.clone(), name)
                    .on_hover_text(offer_details(tr, offer, true));
            }
            ui.selectable_value(&mut selected, OTHER.to_owned(), tr.t("target.offer.other"));
        })
        .response
        .labelled_by(label.id);
    ui.data_mut(|d| d.insert_temp(other_id, selected == OTHER));
    if selected == OTHER {
        other_offer(ui, tr, path, target);
    } else if let Some(offer) = catalogue.offer(&selected) {
        if target.catalogue_id.as_deref() != Some(offer.id.as_str()) {
            target.catalogue_id = Some(offer.id.clone());
            target.offer.clone_from(&offer.name);
            target.qualification_ref = None;
        }
        ui.label(
            RichText::new(offer_details(tr, offer, false))
                .small()
                .color(theme::TEXT_MUTED),
        );
    }
}

/// An offer's provider, qualification, date checked and, when `with_source`, its source, in
/// the interface's language.
fn offer_details(tr: &Texts, offer: &Offer, with_source: bool) -> String {
    let qualification = tr.pick_opt(
        offer.qualification.as_deref(),
        offer.qualification_en.as_deref(),
    );
    let figures: [(&str, &dyn std::fmt::Display); 4] = [
        ("provider", &tr.pick(&offer.provider, &offer.provider_en)),
        ("qualification", &qualification.unwrap_or_default()),
        ("checked", &offer.checked_on),
        ("source", &tr.pick(&offer.source, &offer.source_en)),
    ];
    if with_source {
        tr.tf("target.offer.details", &figures)
    } else {
        tr.tf("target.offer.checked", &figures)
    }
}

/// A qualified offer outside the catalogue: its name and qualification reference.
fn other_offer(ui: &mut Ui, tr: &crate::i18n::Texts, path: &str, target: &mut Target) {
    if target.catalogue_id.is_some() {
        target.catalogue_id = None;
        target.offer.clear();
    }
    labelled(ui, tr.t("target.offer.name"), |ui| {
        ui.add(
            egui::TextEdit::singleline(&mut target.offer)
                .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                .id_salt(format!("{path}.offer-name")),
        )
    });
    let mut reference = target.qualification_ref.clone().unwrap_or_default();
    if labelled(ui, tr.t("target.offer.reference"), |ui| {
        ui.add(
            egui::TextEdit::singleline(&mut reference)
                .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
                .id_salt(format!("{path}.qualification_ref")),
        )
    })
    .changed()
    {
        target.qualification_ref = Some(reference).filter(|r| !r.trim().is_empty());
    }
}
