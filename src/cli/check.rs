//! `check FILE [--format json]`: the estimate and the findings of a dossier, as a French
//! report or as JSON.
//!
//! Exit status: 0 nothing blocks, 1 a finding blocks, 2 the file cannot be read.

use std::ffi::OsString;
use std::io::Write;

use super::{Command, Words, load_evaluated};
use crate::domain::findings::Evaluation;
use crate::domain::money::format_eur;
use crate::domain::{Knowledge, Severity};

pub(super) fn parse(args: &[OsString]) -> Result<Command, String> {
    let words = Words::read(
        "check",
        args,
        &[("--format", "--format attend json ou text")],
        &["--format=json", "--format=text"],
    )?;
    let mut json = false;
    for (name, value) in &words.options {
        json = match (*name, value.map(|v| v.to_str().unwrap_or(""))) {
            ("--format=json", _) | (_, Some("json")) => true,
            ("--format=text", _) | (_, Some("text")) => false,
            (_, other) => {
                let other = other.unwrap_or("");
                return Err(format!("format « {other} » inconnu : json ou text"));
            }
        };
    }
    Ok(Command::Check {
        file: words.argument.ok_or("check attend un FICHIER")?.into(),
        json,
    })
}

/// `check FILE [--format json]`.
pub(super) fn run(
    file: &std::path::Path,
    json: bool,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some((_, evaluation)) = load_evaluated(file, knowledge, err)? else {
        return Ok(2);
    };
    if json {
        let text = serde_json::to_string_pretty(&evaluation).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        write_report(out, knowledge, &evaluation)?;
    }
    Ok(u8::from(evaluation.is_blocked()))
}

/// The text report of `check`, in French.
pub(super) fn write_report(
    out: &mut dyn Write,
    knowledge: &Knowledge,
    ev: &Evaluation,
) -> std::io::Result<()> {
    let e = &ev.estimate;
    let name = knowledge
        .rules
        .window(&ev.window)
        .map_or("", |w| w.name.as_str());
    writeln!(out, "Guichet : {} — {name}", ev.window)?;
    writeln!(out)?;
    let rows = [
        ("Total déclaré", format_eur(e.declared_total)),
        ("Coûts exclus", format_eur(e.excluded_total)),
        ("Base de coûts (assiette)", format_eur(e.cost_base)),
        ("Taux demandé", e.requested_rate.percent_fr()),
        ("Cofinancement estimé", format_eur(e.cofunding)),
        ("Reste à charge", format_eur(e.applicant_share)),
    ];
    for (label, value) in rows {
        writeln!(out, "  {label:<26} {value:>20}")?;
    }
    if e.applied_rate != e.requested_rate {
        writeln!(
            out,
            "  (taux appliqué : {}, plafond du guichet)",
            e.applied_rate.percent_fr()
        )?;
    }
    if !e.years.is_empty() {
        writeln!(out)?;
        writeln!(out, "  Plan par année :")?;
        for y in &e.years {
            writeln!(
                out,
                "    {}  assiette {:>18}  cofinancement {:>18}  économies {:>18}",
                y.year,
                format_eur(y.cost_base),
                format_eur(y.cofunding),
                format_eur(y.savings)
            )?;
        }
        match e.payback.year {
            Some(year) => writeln!(out, "  Retour sur investissement : {year}")?,
            None => writeln!(
                out,
                "  Retour sur investissement : au-delà de l'horizon du plan"
            )?,
        }
    }
    writeln!(out)?;
    if ev.findings.is_empty() {
        writeln!(out, "Aucun constat : le dossier est prêt.")?;
        return Ok(());
    }
    writeln!(
        out,
        "Constats : {} bloquant(s), {} à vérifier, {} conseil(s)",
        ev.count(Severity::Blocking),
        ev.count(Severity::Warning),
        ev.count(Severity::Advisory)
    )?;
    for f in &ev.findings {
        writeln!(
            out,
            "  [{}] {} ({}) : {}",
            f.severity.label(),
            f.rule,
            f.step.title(),
            f.message
        )?;
        if let Some(ack) = f.acknowledged.as_ref().filter(|a| a.holds) {
            writeln!(
                out,
                "      pris en compte le {} : {}",
                ack.date.to_fr(),
                ack.reason
            )?;
        }
    }
    Ok(())
}
