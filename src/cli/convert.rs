//! `convert IN OUT`: a dossier rewritten in the other encoding, through the same atomic save as
//! the app.

use std::io::Write;

use super::load_reporting;
use crate::domain::Knowledge;
use crate::storage::{self, Overwrite};

/// `convert IN OUT`, through the same atomic save as the app.
pub(super) fn run(
    input: &std::path::Path,
    output: &std::path::Path,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(loaded) = load_reporting(input, knowledge, err)? else {
        return Ok(2);
    };
    let dossier = &loaded.parsed.dossier;
    let evaluation = knowledge.evaluate(dossier);
    match storage::save(
        output,
        dossier,
        evaluation.as_ref(),
        Overwrite::Chosen,
        &knowledge.rules,
    ) {
        Ok(_) => {
            writeln!(out, "Dossier écrit : {}", output.display())?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "dossier-cloud : {e}")?;
            Ok(2)
        }
    }
}
