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
    // The rows the window's panel shows, in French (the command line's language).
    let tr = crate::i18n::texts(crate::i18n::Lang::Fr);
    for row in crate::present::estimate_rows(tr, e) {
        writeln!(out, "  {:<26} {:>20}", row.label, row.value)?;
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
