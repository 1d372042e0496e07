//! `export FILE --out DIR [--zip] [--lang fr|en]`: the submission pack written.
//!
//! Exit status: 0 ready, 1 written as a draft (a finding blocks), 2 an error.

use std::ffi::OsString;
use std::io::Write;

use super::{Command, Words, load_reporting};
use crate::domain::Knowledge;

pub(super) fn parse(args: &[OsString]) -> Result<Command, String> {
    let words = Words::read(
        "export",
        args,
        &[
            ("--out", "--out attend un DOSSIER"),
            ("--lang", "--lang attend fr ou en"),
        ],
        &["--zip"],
    )?;
    let lang = words.lang()?;
    Ok(Command::Export {
        file: words.argument.ok_or("export attend un FICHIER")?.into(),
        out: words
            .value("--out")
            .ok_or("export attend --out DOSSIER")?
            .into(),
        zip: words.has("--zip"),
        lang,
    })
}

/// `export FILE --out DIR [--zip] [--lang fr|en]`.
pub(super) fn run(
    file: &std::path::Path,
    dir: &std::path::Path,
    (zip, lang): (bool, crate::i18n::Lang),
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(loaded) = load_reporting(file, knowledge, err)? else {
        return Ok(2);
    };
    let options = crate::export::Options {
        generated_on: crate::domain::Date::today(),
        zip,
        lang,
    };
    let exported =
        crate::export::check_source(dir, file, &loaded.parsed.dossier, options.generated_on)
            .and_then(|()| crate::export::export(&loaded.parsed.dossier, knowledge, dir, &options));
    match exported {
        Ok(pack) => {
            writeln!(out, "Dossier de dépôt écrit dans {} :", pack.dir.display())?;
            for f in &pack.manifest.files {
                writeln!(out, "  {}  ({} octets)", f.name, f.size)?;
            }
            writeln!(out, "  manifest.json")?;
            if let Some(zip) = &pack.zip {
                writeln!(out, "  {}", zip.display())?;
            }
            keep_version(file, &loaded.parsed.dossier, &pack, out, err)?;
            if pack.blocking.is_empty() {
                Ok(0)
            } else {
                writeln!(
                    err,
                    "dossier-cloud : exporté comme BROUILLON, non recevable en l'état :"
                )?;
                for message in &pack.blocking {
                    writeln!(err, "  - {message}")?;
                }
                Ok(1)
            }
        }
        Err(e) => {
            writeln!(err, "dossier-cloud : export impossible : {e}")?;
            Ok(2)
        }
    }
}

/// Keeps the export in the dossier's history, and says where; a history that cannot be written
/// does not fail the export.
fn keep_version(
    file: &std::path::Path,
    dossier: &crate::domain::Dossier,
    pack: &crate::export::Exported,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    let kept = crate::export::keep_version(Some(file), dossier, crate::domain::Date::today(), pack);
    match said_kept(kept, ("Version gardée", "l'export est écrit")) {
        Ok(text) => writeln!(out, "{text}"),
        Err(warning) => writeln!(err, "{warning}"),
    }
}

/// Where an export (or a progress report: `what` and `written` say which) was kept in the
/// history, or why it could not be, as a warning: the files are written all the same.
pub(super) fn said_kept(
    kept: Result<
        (crate::storage::history::History, std::path::PathBuf),
        crate::storage::history::KeepError,
    >,
    (what, written): (&str, &str),
) -> Result<String, String> {
    match kept {
        Ok((place, entry)) if place.per_user => Ok(format!(
            "{what} dans le dossier de l'utilisateur (le dossier du brouillon n'a pas pu la recevoir) : {}",
            entry.display()
        )),
        Ok((_, entry)) => Ok(format!("{what} : {}", entry.display())),
        Err(why) => Err(format!(
            "dossier-cloud : avertissement : {written}, mais sa version n'a pas pu être gardée : {why}"
        )),
    }
}
