//! Checks of the operations: their types, the extensions' scope and commitments, the
//! applications' details, origin, data and target.

use super::{Facts, Figure, Hit, OfferHost, app_ref, hit};

use crate::domain::choice::Choice;
use crate::domain::dossier::{
    Dossier, InternalOffer, OperationType, Origin, Sensitivity, TargetKind,
};
use crate::domain::text::fold;

pub(super) fn origin_contact(d: &Dossier, contact_first: &[Origin]) -> Vec<Hit> {
    d.applications()
        .filter_map(|(o, a, app)| {
            let origin = app.origin?;
            contact_first.contains(&origin).then(|| {
                let (path, name) = app_ref(o, a, app);
                hit("contact_first", format!("{path}.origin"))
                    .with("app", name)
                    .with("origin", Figure::choice(origin))
            })
        })
        .collect()
}

pub(super) fn data_suitability(
    d: &Dossier,
    sensitivity: Sensitivity,
    suitable: &[TargetKind],
) -> Vec<Hit> {
    d.applications()
        .filter_map(|(o, a, app)| {
            let target = app.target.as_ref()?;
            (app.data_sensitivity == Some(sensitivity) && !suitable.contains(&target.kind)).then(
                || {
                    let (path, name) = app_ref(o, a, app);
                    hit("unsuitable", format!("{path}.target"))
                        .with("app", name)
                        .with("sensitivity", Figure::choice(sensitivity))
                        .with("target", Figure::choice(target.kind))
                        .with("suitable", Figure::choices(suitable))
                },
            )
        })
        .collect()
}

pub(super) fn extension_scope(d: &Dossier) -> Vec<Hit> {
    d.extensions()
        .flat_map(|(o, ext)| match ext.offer {
            None => vec![hit("missing_offer", format!("operations[{o}].offer"))],
            Some(offer) if ext.services.iter().all(|s| s.trim().is_empty()) => {
                vec![
                    hit("no_service", format!("operations[{o}].services"))
                        .with("offer", Figure::choice(offer)),
                ]
            }
            Some(_) => Vec::new(),
        })
        .collect()
}

pub(super) fn operation_types(d: &Dossier, allowed: &[OperationType]) -> Vec<Hit> {
    if d.operations.is_empty() {
        return vec![hit("none", "operations")];
    }
    let mut hits = Vec::new();
    for (i, op) in d.operations.iter().enumerate() {
        if !allowed.contains(&op.kind()) {
            hits.push(
                hit("type_not_allowed", format!("operations[{i}]"))
                    .with("type", Figure::choice(op.kind())),
            );
        }
        if let crate::domain::dossier::Operation::Migration { applications } = op
            && applications.is_empty()
        {
            hits.push(hit(
                "migration_empty",
                format!("operations[{i}].applications"),
            ));
        }
    }
    hits
}

pub(super) fn application_details(d: &Dossier) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (o, a, app) in d.applications() {
        let (path, name) = app_ref(o, a, app);
        if app.name.trim().is_empty() {
            hits.push(hit("missing_name", format!("{path}.name")).with("app", name.clone()));
        }
        if app.data_sensitivity.is_none() {
            hits.push(
                hit("missing_sensitivity", format!("{path}.data_sensitivity"))
                    .with("app", name.clone()),
            );
        }
        if app.origin.is_none() {
            hits.push(hit("missing_origin", format!("{path}.origin")).with("app", name.clone()));
        }
        if app.target.is_none() {
            hits.push(hit("missing_target", format!("{path}.target")).with("app", name));
        }
    }
    hits
}

pub(super) fn targets(facts: &Facts<'_>, eligible: &[TargetKind]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (o, a, app) in facts.dossier.applications() {
        let Some(target) = &app.target else { continue };
        let (path, name) = app_ref(o, a, app);
        if !eligible.contains(&target.kind) {
            hits.push(
                hit("not_eligible", format!("{path}.target"))
                    .with("app", name)
                    .with("target", Figure::choice(target.kind)),
            );
        } else if target.kind == TargetKind::SecNumCloud {
            let has_ref = target
                .qualification_ref
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty());
            if target.offer.trim().is_empty() && target.catalogue_id.is_none() {
                hits.push(hit("missing_offer", format!("{path}.target.offer")).with("app", name));
            } else if facts.catalogue.find(target).is_none() && !has_ref {
                hits.push(
                    hit("unlisted_offer", format!("{path}.target.qualification_ref"))
                        .with("app", name)
                        .with("offer", target.offer.trim()),
                );
            }
        }
    }
    hits
}

pub(super) fn commitments(d: &Dossier, min: usize, hosts: &[OfferHost]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (o, ext) in d.extensions() {
        let host = ext
            .offer
            .and_then(|offer| hosts.iter().find(|h| h.offer == offer));
        let mut third_party = 0;
        for (c, commitment) in ext.commitments.iter().enumerate() {
            let path = format!("operations[{o}].commitments[{c}]");
            let ministry = commitment.ministry.trim();
            if ministry.is_empty() {
                continue;
            }
            let folded = fold(ministry);
            match host {
                Some(h) if h.keywords.iter().any(|k| folded.contains(&fold(k))) => {
                    hits.push(
                        hit("own_ministry", format!("{path}.ministry"))
                            .with("ministry", ministry)
                            .with("offer", Figure::choice(h.offer))
                            .with("host", h.ministry.clone()),
                    );
                    continue;
                }
                _ => third_party += 1,
            }
            let document = commitment.document.trim();
            if document.is_empty() {
                hits.push(
                    hit("no_document", format!("{path}.document")).with("ministry", ministry),
                );
            } else if !d.attachments.iter().any(|a| a.name.trim() == document) {
                hits.push(
                    hit("document_not_attached", format!("{path}.document"))
                        .with("ministry", ministry)
                        .with("document", document),
                );
            }
        }
        if third_party < min {
            let offer = ext
                .offer
                .map_or_else(|| Figure::choices(InternalOffer::ALL), Figure::choice);
            hits.push(
                hit("too_few", format!("operations[{o}].commitments"))
                    .with("offer", offer)
                    .with("count", third_party.to_string())
                    .with("min", min.to_string()),
            );
        }
    }
    hits
}
