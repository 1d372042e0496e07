//! Checks of the applicant, the project's description and the attachments.

use super::{Figure, Hit, hit};

use crate::domain::dossier::{ApplicantKind, Dossier};
use crate::domain::text::is_plausible_email;

pub(super) fn applicant_kind(d: &Dossier, allowed: &[ApplicantKind]) -> Vec<Hit> {
    match d.applicant.kind {
        None => vec![hit("missing", "applicant.kind")],
        Some(kind) if !allowed.contains(&kind) => {
            vec![hit("not_eligible", "applicant.kind").with("kind", Figure::choice(kind))]
        }
        Some(_) => Vec::new(),
    }
}

pub(super) fn project_description(d: &Dossier) -> Vec<Hit> {
    let mut hits = Vec::new();
    if d.project.title.trim().is_empty() {
        hits.push(hit("missing_title", "project.title"));
    }
    if d.project.summary.trim().is_empty() {
        hits.push(hit("missing_summary", "project.summary"));
    }
    hits
}

pub(super) fn attachments(d: &Dossier) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, att) in d.attachments.iter().enumerate() {
        if att.file_name.trim().is_empty() {
            hits.push(
                hit("no_file", format!("attachments[{i}].file_name"))
                    .with("name", att.name.clone()),
            );
        }
        if d.attachments[..i]
            .iter()
            .any(|other| other.name.trim() == att.name.trim())
        {
            hits.push(
                hit("duplicate", format!("attachments[{i}].name")).with("name", att.name.clone()),
            );
        }
    }
    hits
}

pub(super) fn applicant_details(d: &Dossier) -> Vec<Hit> {
    let a = &d.applicant;
    let mut hits = Vec::new();
    if a.ministry.trim().is_empty() {
        hits.push(hit("missing_ministry", "applicant.ministry"));
    }
    if a.entity.trim().is_empty() {
        hits.push(hit("missing_entity", "applicant.entity"));
    }
    if a.contact.name.trim().is_empty() {
        hits.push(hit("missing_contact_name", "applicant.contact.name"));
    }
    let email = a.contact.email.trim();
    if email.is_empty() {
        hits.push(hit("missing_contact_email", "applicant.contact.email"));
    } else if !is_plausible_email(email) {
        hits.push(hit("bad_email", "applicant.contact.email").with("email", email));
    }
    hits
}
