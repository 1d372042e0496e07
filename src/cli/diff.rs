//! `diff A B [--format json]`: what changed from one dossier to another (drafts or
//! `dossier.json`, in any mix) — fields, budget lines matched by content, the estimates, the
//! findings that appeared or were resolved.
//!
//! Exit status: 0 the same content (a draft and its own JSON are the same), 1 they differ,
//! 2 one cannot be read.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::{Command, load_evaluated};
use crate::domain::diff::{self, Diff};
use crate::domain::dossier::BudgetLine;
use crate::domain::money::format_eur;
use crate::domain::{Choice, Knowledge};

/// Reads `diff`'s words: two files and `--format json|text`, in any order.
pub(super) fn parse(args: &[OsString]) -> Result<Command, String> {
    let mut files = Vec::new();
    let mut json = false;
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match word.to_str().unwrap_or("") {
            "--format" => {
                json = match words.next().and_then(|v| v.to_str()) {
                    Some("json") => true,
                    Some("text") => false,
                    Some(other) => {
                        return Err(format!("format « {other} » inconnu : json ou text"));
                    }
                    None => return Err("--format attend json ou text".into()),
                };
            }
            "--format=json" => json = true,
            "--format=text" => json = false,
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("option « {flag} » inconnue pour diff"));
            }
            _ => files.push(PathBuf::from(word)),
        }
    }
    match <[PathBuf; 2]>::try_from(files) {
        Ok([before, after]) => Ok(Command::Diff {
            before,
            after,
            json,
        }),
        Err(_) => Err("diff attend deux dossiers : AVANT et APRÈS".into()),
    }
}

/// Runs `diff`.
pub(super) fn run(
    before: &Path,
    after: &Path,
    json: bool,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let mut sides = Vec::with_capacity(2);
    for file in [before, after] {
        let Some((loaded, evaluation)) = load_evaluated(file, knowledge, err)? else {
            return Ok(2);
        };
        sides.push((loaded.parsed.dossier, evaluation));
    }
    let d = diff::diff((&sides[0].0, &sides[0].1), (&sides[1].0, &sides[1].1));
    if json {
        let text = serde_json::to_string_pretty(&d).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        report(out, &d, before, after)?;
    }
    Ok(u8::from(!d.is_same()))
}

/// A value as the report shows it.
fn shown(value: &Json) -> String {
    match value {
        Json::Null => "(vide)".to_owned(),
        Json::String(s) => format!("« {s} »"),
        other => other.to_string(),
    }
}

fn line_text(line: &BudgetLine) -> String {
    format!(
        "« {} » — {}, {}, {}",
        line.label,
        line.category.label(),
        line.year,
        format_eur(line.amount_ttc.value())
    )
}

/// What moved in a line paired by its label.
fn line_moves(before: &BudgetLine, after: &BudgetLine) -> String {
    let mut parts = Vec::new();
    if before.amount_ttc != after.amount_ttc {
        parts.push(format!(
            "{} → {}",
            format_eur(before.amount_ttc.value()),
            format_eur(after.amount_ttc.value())
        ));
    }
    if before.category != after.category {
        parts.push(format!(
            "{} → {}",
            before.category.label(),
            after.category.label()
        ));
    }
    if before.year != after.year {
        parts.push(format!("{} → {}", before.year, after.year));
    }
    parts.join(" ; ")
}

/// The French report.
fn report(out: &mut dyn Write, d: &Diff, before: &Path, after: &Path) -> std::io::Result<()> {
    writeln!(out, "Avant : {}", before.display())?;
    writeln!(out, "Après : {}", after.display())?;
    if d.is_same() {
        writeln!(out, "\nMême contenu.")?;
        return Ok(());
    }
    if !d.fields.is_empty() {
        writeln!(out, "\nChamps modifiés ({}) :", d.fields.len())?;
        for f in &d.fields {
            writeln!(
                out,
                "  {} : {} → {}",
                f.path,
                shown(&f.before),
                shown(&f.after)
            )?;
        }
    }
    let l = &d.lines;
    if !(l.added.is_empty() && l.removed.is_empty() && l.changed.is_empty()) {
        writeln!(out, "\nLignes de budget :")?;
        for line in &l.added {
            writeln!(out, "  + {}", line_text(line))?;
        }
        for line in &l.removed {
            writeln!(out, "  − {}", line_text(line))?;
        }
        for c in &l.changed {
            writeln!(
                out,
                "  ~ « {} » : {}",
                c.after.label,
                line_moves(&c.before, &c.after)
            )?;
        }
    }
    let deltas = d.estimate_deltas();
    if !deltas.is_empty() {
        writeln!(out, "\nEstimation :")?;
        for (name, before, after) in deltas {
            let label = match name {
                "declared_total" => "total déclaré",
                "excluded_total" => "coûts exclus",
                "cost_base" => "assiette",
                "applied_rate" => "taux appliqué",
                "cofunding" => "cofinancement",
                _ => "reste à charge",
            };
            if name == "applied_rate" {
                let percent = crate::domain::money::percent_number_fr;
                writeln!(
                    out,
                    "  {label} : {} % → {} %",
                    percent(before),
                    percent(after)
                )?;
            } else {
                writeln!(
                    out,
                    "  {label} : {} → {} ({})",
                    format_eur(before),
                    format_eur(after),
                    crate::domain::money::format_eur_signed(after - before)
                )?;
            }
        }
    }
    for (title, list) in [
        ("Constats apparus", &d.findings.appeared),
        ("Constats résolus", &d.findings.resolved),
    ] {
        if !list.is_empty() {
            writeln!(out, "\n{title} ({}) :", list.len())?;
            for f in list {
                writeln!(out, "  [{}] {} : {}", f.severity.id(), f.rule, f.message)?;
            }
        }
    }
    Ok(())
}
