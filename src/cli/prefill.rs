//! `prefill FILE --schema DESCRIPTION.json [--format json] [--base URL]`: the dossier matched to
//! the platform's form (DS-PREFILL.md), printed — what the API would receive, the link when one
//! can carry it, what is filled and what is left. Nothing leaves the machine.
//!
//! Exit status: 0 every required champ the platform can take is filled, 1 some required champ is
//! left (listed), 2 the dossier or the description cannot be read.

use std::io::Write;
use std::path::Path;

use super::load_reporting;
use crate::domain::{Date, Knowledge};
use crate::platform::{self, Facts, FormTable};

/// What `prefill` was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The draft or `dossier.json`.
    pub file: std::path::PathBuf,
    /// The form's description, saved from the platform.
    pub schema: std::path::PathBuf,
    /// As JSON rather than text.
    pub json: bool,
    /// The platform's address.
    pub base: String,
}

/// Runs `prefill`; returns the exit status.
///
/// # Errors
/// Only when writing to `out` or `err` fails.
pub fn run(
    request: &Request,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(loaded) = load_reporting(&request.file, knowledge, err)? else {
        return Ok(2);
    };
    let dossier = &loaded.parsed.dossier;
    let Some(rules) = knowledge.rules.window(&dossier.window) else {
        writeln!(
            err,
            "dossier-cloud : guichet inconnu ({})",
            request.file.display()
        )?;
        return Ok(2);
    };
    let description = match read_description(&request.schema) {
        Ok(d) => d,
        Err(why) => {
            writeln!(
                err,
                "dossier-cloud : description du formulaire illisible : {why} ({})",
                request.schema.display()
            )?;
            return Ok(2);
        }
    };
    let table = match FormTable::builtin() {
        Ok(t) => t,
        Err(why) => {
            writeln!(err, "dossier-cloud : {why}")?;
            return Ok(2);
        }
    };
    let evaluation = crate::domain::Evaluation::of(dossier, rules, &knowledge.catalogue);
    let facts = Facts {
        dossier,
        evaluation: &evaluation,
        rules,
    };
    // The PDF the export writes today: the name the attachments map gives.
    let pdf = format!("{}.pdf", crate::export::base_name(dossier, Date::today()));
    let prefill = platform::prefill::build(&description, &table, &facts, &pdf, &request.base);
    if request.json {
        let text = serde_json::to_string_pretty(&prefill).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        report(out, &prefill)?;
    }
    Ok(u8::from(prefill.incomplete()))
}

fn read_description(path: &Path) -> Result<platform::Description, String> {
    let bytes = std::fs::read(path).map_err(|e| crate::storage::error::io_message(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| "le fichier n'est pas en UTF-8".to_owned())?;
    platform::description::parse(&text).map_err(|e| e.to_string())
}

fn report(out: &mut dyn Write, p: &platform::Prefill) -> std::io::Result<()> {
    writeln!(
        out,
        "Démarche n°{} — {} ({})",
        p.demarche.number, p.demarche.title, p.demarche.path
    )?;
    writeln!(out)?;
    writeln!(out, "Champs remplis : {}", p.filled.len())?;
    for f in &p.filled {
        writeln!(out, "  ✓ {}  ← {}", f.label, f.from)?;
    }
    if !p.not_filled.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Champs à remplir sur la plateforme : {}",
            p.not_filled.len()
        )?;
        for n in &p.not_filled {
            let mark = if n.required {
                "obligatoire"
            } else {
                "facultatif"
            };
            writeln!(out, "  • {} ({mark}) : {}", n.label, n.why)?;
        }
    }
    if !p.attachments.is_empty() {
        writeln!(out)?;
        writeln!(out, "Pièces à déposer :")?;
        for a in &p.attachments {
            writeln!(out, "  📎 {} : {}", a.label, a.file)?;
        }
    }
    writeln!(out)?;
    match (&p.link, &p.link_why) {
        (Some(link), _) => writeln!(
            out,
            "Lien prérempli (ouvert par votre navigateur) :\n  {link}"
        )?,
        (None, Some(why)) => writeln!(out, "Pas de lien prérempli : {why}.")?,
        (None, None) => {}
    }
    writeln!(
        out,
        "Rien n'a été envoyé : « --format json » donne le corps exact que l'API recevrait."
    )
}
