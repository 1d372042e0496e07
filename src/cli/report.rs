//! `report FILE [--at DATE] [--format json] [--out DIR [--lang fr|en]]`: the progress report of a
//! signed dossier at a date (today by default), as French text or as the JSON of
//! `../shared/PACK-FORMAT.md`; with `--out`, the report's pack written into a folder too (its
//! PDF, `suivi.xlsx`, `suivi.json`, `manifest.json`).
//!
//! Exit status: 0 nothing warns, 1 a finding warns (advisories do not count), 2 the file cannot
//! be read or holds no commitment.

use std::ffi::OsString;
use std::io::Write;

use super::{Command, Words, load_evaluated};
use crate::domain::money::format_eur;
use crate::domain::report::{self, Report};
use crate::domain::{Date, Knowledge, Severity};
use crate::present::follow;

pub(super) fn parse(args: &[OsString]) -> Result<Command, String> {
    let words = Words::read(
        "report",
        args,
        &[
            ("--format", "--format attend json ou text"),
            ("--at", "--at attend une DATE (AAAA-MM-JJ ou JJ/MM/AAAA)"),
            ("--out", "--out attend un DOSSIER"),
            ("--lang", "--lang attend fr ou en"),
        ],
        &["--format=json", "--format=text"],
    )?;
    let mut json = false;
    let mut at = None;
    for (name, value) in &words.options {
        let value = value.map(|v| v.to_str().unwrap_or(""));
        match (*name, value) {
            ("--format=json", _) | ("--format", Some("json")) => json = true,
            ("--format=text", _) | ("--format", Some("text")) => json = false,
            ("--format", other) => {
                let other = other.unwrap_or("");
                return Err(format!("format « {other} » inconnu : json ou text"));
            }
            ("--at", text) => {
                let text = text.unwrap_or("");
                let date = Date::parse_iso(text)
                    .or_else(|_| Date::parse_fr(text))
                    .map_err(|e| format!("--at « {text} » : {e} (AAAA-MM-JJ ou JJ/MM/AAAA)"))?;
                at = Some(date);
            }
            _ => {}
        }
    }
    let lang = words.lang()?;
    Ok(Command::Report {
        file: words.argument.ok_or("report attend un FICHIER")?.into(),
        at,
        json,
        out: words.value("--out").map(Into::into),
        lang,
    })
}

/// What `report` is asked.
pub(super) struct Request<'a> {
    pub file: &'a std::path::Path,
    pub at: Option<Date>,
    pub json: bool,
    pub out: Option<&'a std::path::Path>,
    pub lang: crate::i18n::Lang,
}

/// `report FILE [--at DATE] [--format json] [--out DIR]`.
pub(super) fn run(
    request: &Request<'_>,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Request {
        file,
        at,
        json,
        out: pack,
        lang,
    } = *request;
    let Some((loaded, evaluation)) = load_evaluated(file, knowledge, err)? else {
        return Ok(2);
    };
    let dossier = &loaded.parsed.dossier;
    let Some(rules) = knowledge.rules.window(&evaluation.window) else {
        return Ok(2);
    };
    let at = at.unwrap_or_else(Date::today);
    let Some(report) = report::report(dossier, rules, at) else {
        writeln!(
            err,
            "dossier-cloud : {} ne porte aucun engagement signé : le rapport de suivi compare \
             l'engagement à ce qui s'est passé (enregistrez l'engagement dans l'application, \
             « Engagement signé… »)",
            file.display()
        )?;
        return Ok(2);
    };
    if json {
        let text = serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        write_text(out, &report)?;
    }
    if let Some(dir) = pack {
        // The files' list goes where it does not mix with the JSON a program reads.
        let list: &mut dyn Write = if json { &mut *err } else { &mut *out };
        match crate::export::follow::export_report(dossier, knowledge, at, dir, lang) {
            Ok(written) => {
                writeln!(list)?;
                writeln!(
                    list,
                    "Rapport de suivi écrit dans {} :",
                    written.dir.display()
                )?;
                for f in &written.manifest.files {
                    writeln!(list, "  {}  ({} octets)", f.name, f.size)?;
                }
                writeln!(list, "  manifest.json")?;
                let kept = crate::export::keep_report(Some(file), dossier, &written);
                match super::export::said_kept(
                    kept,
                    ("Rapport gardé dans l'historique", "le rapport est écrit"),
                ) {
                    Ok(text) => writeln!(list, "{text}")?,
                    Err(warning) => writeln!(err, "{warning}")?,
                }
            }
            Err(e) => {
                writeln!(err, "dossier-cloud : rapport de suivi non écrit : {e}")?;
                return Ok(2);
            }
        }
    }
    let warns = report
        .findings
        .iter()
        .any(|f| f.severity <= Severity::Warning);
    Ok(u8::from(warns))
}

/// The report as text, in French, with the window's words.
fn write_text(out: &mut dyn Write, r: &Report) -> std::io::Result<()> {
    let tr = crate::i18n::texts(crate::i18n::Lang::Fr);
    writeln!(out, "Rapport de suivi au {}", r.at.to_fr())?;
    writeln!(out, "{}", follow::head(tr, r))?;
    writeln!(out)?;
    writeln!(out, "{} :", tr.t("follow.years"))?;
    for y in &r.years {
        writeln!(
            out,
            "  {}  engagé {:>16}  dépensé {:>16} (total {})  écart {}  {}",
            y.year,
            format_eur(y.committed_cost_base),
            format_eur(y.spent_cost_base),
            format_eur(y.spent_declared),
            follow::variance(y),
            follow::year_status(tr, y).0
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{} :", tr.t("follow.savings"))?;
    if r.savings.years.is_empty() {
        writeln!(out, "  {}", tr.t("follow.savings.none"))?;
    }
    for y in &r.savings.years {
        writeln!(
            out,
            "  {}  engagé {:>16}  réalisé {:>16}",
            y.year,
            format_eur(y.committed),
            format_eur(y.realized)
        )?;
    }
    if !r.savings.years.is_empty() {
        writeln!(
            out,
            "  Années closes : engagé {}, réalisé {}",
            format_eur(r.savings.committed_to_date),
            format_eur(r.savings.realized_to_date)
        )?;
    }
    write_progress(out, r)
}

/// The targets, milestones, payments, what falls due and the findings.
fn write_progress(out: &mut dyn Write, r: &Report) -> std::io::Result<()> {
    let tr = crate::i18n::texts(crate::i18n::Lang::Fr);
    writeln!(out)?;
    writeln!(out, "{} :", tr.t("follow.indicators"))?;
    for t in &r.indicators {
        writeln!(
            out,
            "  « {} » au {} : cible {} — dernière mesure {} — {}",
            follow::indicator(tr, &t.indicator),
            t.date.to_fr(),
            follow::target(t),
            follow::latest(tr, t),
            follow::target_status(tr, t).0
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{} :", tr.t("follow.milestones"))?;
    for m in &r.milestones {
        writeln!(
            out,
            "  « {} » prévu le {} — {}",
            m.name.trim(),
            m.date.to_fr(),
            follow::milestone_status(tr, m).0
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{} :", tr.t("follow.payments"))?;
    writeln!(
        out,
        "  {}",
        tr.tf(
            "follow.payments.text",
            &[
                ("planned", &format_eur(r.payments.planned_to_date)),
                ("received", &format_eur(r.payments.received_to_date)),
            ],
        )
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{} :",
        tr.tf("follow.due", &[("days", &report::DUE_DAYS)])
    )?;
    if r.due.is_empty() {
        writeln!(out, "  {}", tr.t("follow.due.none"))?;
    }
    for d in &r.due {
        writeln!(out, "  {}  {}", d.date.to_fr(), d.what)?;
    }
    writeln!(out)?;
    if r.findings.is_empty() {
        writeln!(out, "{}", tr.t("follow.findings.none"))?;
        return Ok(());
    }
    writeln!(out, "Constats :")?;
    for f in &r.findings {
        writeln!(out, "  [{}] {} : {}", f.severity.label(), f.rule, f.message)?;
    }
    Ok(())
}
