//! `prefill FILE --schema DESCRIPTION.json [--format json] [--send] [--base URL] [--timeout S]`:
//! the dossier matched to the platform's form (DS-PREFILL.md), printed — what the API would
//! receive, the link when one can carry it, what is filled and what is left. Nothing leaves the
//! machine without `--send`, which posts that body to the platform, prints the prefilled
//! dossier's address and records it in the draft (saved atomically; on any failure the draft is
//! left byte for byte).
//!
//! Exit status: 0 every required champ the platform can take is filled, 1 some required champ is
//! left (listed), 2 the dossier or the description cannot be read, or `--send` failed.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Command, Words, load_evaluated};
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
    /// Post the body to the platform.
    pub send: bool,
    /// How long the request may take, in seconds.
    pub timeout_secs: u64,
    /// The exported pack's folder, for the attachments' sizes and digests.
    pub pack: Option<std::path::PathBuf>,
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
    let Some((loaded, evaluation)) = load_evaluated(&request.file, knowledge, err)? else {
        return Ok(2);
    };
    let dossier = &loaded.parsed.dossier;
    // Evaluated: its window is known.
    let Some(rules) = knowledge.rules.window(&dossier.window) else {
        return Ok(2);
    };
    let facts = Facts {
        dossier,
        evaluation: &evaluation,
        rules,
    };
    let Some(prefill) = prepare(request, &facts, err)? else {
        return Ok(2);
    };
    let (sent, code) = if request.send {
        send(request, &loaded, &prefill, knowledge, err)?
    } else {
        (None, u8::from(prefill.incomplete()))
    };
    if request.json {
        let mut json = serde_json::to_value(&prefill).map_err(std::io::Error::other)?;
        if let (Some(created), Some(object)) = (&sent, json.as_object_mut()) {
            object.insert(
                "sent".to_owned(),
                serde_json::json!({
                    "dossier_url": created.dossier_url,
                    "dossier_number": created.dossier_number,
                }),
            );
        }
        let text = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        report(out, &prefill, !request.send)?;
        if let Some(created) = &sent {
            writeln!(
                out,
                "Dossier prérempli sur la plateforme :\n  {}",
                created.dossier_url
            )?;
        }
    }
    Ok(code)
}

/// The prefill of the dossier for the form described, with the ties kept and the pack given;
/// `None` (said on `err`) when the description, the table or the pack cannot be read.
fn prepare(
    request: &Request,
    facts: &Facts<'_>,
    err: &mut dyn Write,
) -> std::io::Result<Option<platform::Prefill>> {
    let description = match read_description(&request.schema) {
        Ok(d) => d,
        Err(why) => {
            writeln!(
                err,
                "dossier-cloud : description du formulaire illisible : {why} ({})",
                request.schema.display()
            )?;
            return Ok(None);
        }
    };
    let table = match FormTable::builtin() {
        Ok(t) => t,
        Err(why) => {
            writeln!(err, "dossier-cloud : {why}")?;
            return Ok(None);
        }
    };
    let known = match &request.pack {
        None => Vec::new(),
        Some(dir) => match crate::storage::descriptions::pack_files(dir) {
            Ok(files) => files,
            Err(why) => {
                writeln!(err, "dossier-cloud : paquet illisible : {why}")?;
                return Ok(None);
            }
        },
    };
    let ties = kept_ties(description.number, err)?;
    // The PDF the export writes today, unless the pack is given: the name the map gives.
    let pdf = platform::prefill::pdf_name(
        &known,
        format!(
            "{}.pdf",
            crate::export::base_name(facts.dossier, Date::today())
        ),
    );
    Ok(Some(platform::prefill::build(
        &description,
        table,
        facts,
        &platform::prefill::Options {
            pdf_name: &pdf,
            base: &request.base,
            ties: &ties,
            known: &known,
        },
    )))
}

/// `--send`: the body posted, the answer said, the draft updated; the dossier created, if it
/// was, and the exit status.
fn send(
    request: &Request,
    loaded: &crate::storage::Loaded,
    prefill: &platform::Prefill,
    knowledge: &Knowledge,
    err: &mut dyn Write,
) -> std::io::Result<(Option<platform::client::Created>, u8)> {
    let client = platform::client::Client::new(
        &request.base,
        std::time::Duration::from_secs(request.timeout_secs),
    );
    let number = prefill.demarche.number;
    writeln!(
        err,
        "Envoi à {} des {} champs remplis (le corps exact que « --format json » imprime)…",
        client.dossiers_url(number),
        prefill.body.len()
    )?;
    let created = match client.create(number, &prefill.body) {
        Ok(created) => created,
        Err(e) => {
            writeln!(
                err,
                "dossier-cloud : envoi impossible : {e}. Le brouillon n'a pas été modifié."
            )?;
            if let Some(link) = &prefill.link {
                writeln!(err, "Le lien prérempli reste possible : {link}")?;
            }
            return Ok((None, 2));
        }
    };
    writeln!(
        err,
        "Dossier prérempli n°{} créé : ouvrez son adresse, connectez-vous et reprenez-le (la plateforme l'efface s'il n'est pas repris sous 5 jours).",
        created.dossier_number
    )?;
    if crate::storage::Encoding::from_path(&request.file) != Some(crate::storage::Encoding::Ron) {
        writeln!(
            err,
            "(Le fichier n'est pas un brouillon .ron : rien n'y est enregistré ; notez le numéro.)"
        )?;
        return Ok((Some(created), u8::from(prefill.incomplete())));
    }
    let mut dossier = loaded.parsed.dossier.clone();
    dossier.platform = Some(crate::domain::dossier::PlatformRecord {
        base: request.base.clone(),
        demarche: number,
        dossier_number: created.dossier_number,
        prefill_token: created.prefill_token.clone(),
        url: created.dossier_url.clone(),
        sent_at: Date::now_utc(),
        timeline: Vec::new(),
    });
    match crate::storage::save(
        &request.file,
        &dossier,
        None,
        crate::storage::Overwrite::Opened(loaded.fingerprint),
        &knowledge.rules,
    ) {
        Ok(_) => {
            writeln!(
                err,
                "Numéro et adresse enregistrés dans {}.",
                request.file.display()
            )?;
            Ok((Some(created), u8::from(prefill.incomplete())))
        }
        Err(e) => {
            writeln!(
                err,
                "dossier-cloud : le dossier est créé sur la plateforme (n°{}, {}), mais le brouillon n'a pas pu être mis à jour : {e}",
                created.dossier_number, created.dossier_url
            )?;
            Ok((Some(created), 2))
        }
    }
}

/// The ties the user chose in the window for this démarche, said on `err` when there are some.
fn kept_ties(number: u64, err: &mut dyn Write) -> std::io::Result<platform::prefill::Ties> {
    let Some(kept) = crate::storage::descriptions::Descriptions::per_user() else {
        return Ok(platform::prefill::Ties::new());
    };
    match kept.ties(number) {
        Ok(ties) => {
            if !ties.is_empty() {
                writeln!(
                    err,
                    "Correspondances de champs choisies dans l'application pour la démarche n°{number} : {}.",
                    ties.len()
                )?;
            }
            Ok(ties)
        }
        Err(why) => {
            writeln!(
                err,
                "dossier-cloud : correspondances de champs illisibles, ignorées : {why}"
            )?;
            Ok(platform::prefill::Ties::new())
        }
    }
}

fn read_description(path: &Path) -> Result<platform::Description, String> {
    let bytes = std::fs::read(path).map_err(|e| crate::storage::error::io_message(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| "le fichier n'est pas en UTF-8".to_owned())?;
    platform::description::parse(&text).map_err(|e| e.to_string())
}

fn report(out: &mut dyn Write, p: &platform::Prefill, nothing_sent: bool) -> std::io::Result<()> {
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
            if let (Some(size), Some(sum)) = (a.size, &a.sha256) {
                writeln!(
                    out,
                    "     {} octets, SHA-256 {sum}",
                    crate::domain::money::format_number_fr(size.into(), 0)
                )?;
            }
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
    if nothing_sent {
        writeln!(
            out,
            "Rien n'a été envoyé : « --format json » donne le corps exact que l'API recevrait ; « --send » l'envoie."
        )?;
    }
    Ok(())
}

pub(super) fn parse(args: &[OsString]) -> Result<Command, String> {
    let words = Words::read(
        "prefill",
        args,
        &[
            (
                "--schema",
                "--schema attend le fichier de DESCRIPTION du formulaire",
            ),
            ("--format", "--format attend json ou text"),
            ("--base", "--base attend l'adresse de la plateforme"),
            ("--timeout", "--timeout attend un nombre de SECONDES"),
            ("--pack", "--pack attend le DOSSIER du paquet exporté"),
        ],
        &["--send"],
    )?;
    let timeout_secs = match words.value("--timeout").map(|v| v.to_str().unwrap_or("")) {
        None => crate::platform::client::DEFAULT_TIMEOUT.as_secs(),
        Some(text) => match text.parse::<u64>() {
            Ok(s) if (1..=600).contains(&s) => s,
            _ => {
                return Err(format!(
                    "--timeout « {text} » : un nombre de secondes de 1 à 600"
                ));
            }
        },
    };
    let json = match words.value("--format").map(|v| v.to_str().unwrap_or("")) {
        None | Some("text") => false,
        Some("json") => true,
        Some(other) => return Err(format!("format « {other} » inconnu : json ou text")),
    };
    let base = match words.value("--base").map(|v| v.to_str().unwrap_or("")) {
        None => crate::platform::DEFAULT_BASE.to_owned(),
        Some(url) => crate::platform::parse_base(url).map_err(|why| format!("--base : {why}"))?,
    };
    Ok(Command::Prefill(Request {
        file: words.argument.ok_or("prefill attend un FICHIER")?.into(),
        schema: words
            .value("--schema")
            .ok_or("prefill attend --schema DESCRIPTION.json")?
            .into(),
        json,
        base,
        send: words.has("--send"),
        timeout_secs,
        pack: words.value("--pack").map(PathBuf::from),
    }))
}
