//! `import-budget SHEET --into DRAFT [--sheet NAME] [--replace]`: a spreadsheet's budget lines
//! added to a draft.
//!
//! Exit status: 0 every row read, 1 some rows set aside (listed with why), 2 nothing imported.

use std::ffi::OsString;
use std::io::Write;

use super::{Command, Words, load_reporting};
use crate::domain::Knowledge;
use crate::storage::{self, Overwrite};

pub(super) fn parse(args: &[OsString]) -> Result<Command, String> {
    const SHEET_MISSING: &str = "--sheet attend le nom d'une FEUILLE";
    let words = Words::read(
        "import-budget",
        args,
        &[
            ("--into", "--into attend un BROUILLON"),
            ("--sheet", SHEET_MISSING),
        ],
        &["--replace"],
    )?;
    let sheet = match words.value("--sheet") {
        Some(name) => Some(
            name.to_str()
                .filter(|n| !n.is_empty())
                .ok_or(SHEET_MISSING)?
                .to_owned(),
        ),
        None => None,
    };
    Ok(Command::ImportBudget {
        sheet_file: words
            .argument
            .ok_or("import-budget attend un TABLEUR")?
            .into(),
        into: words
            .value("--into")
            .ok_or("import-budget attend --into BROUILLON")?
            .into(),
        sheet,
        replace: words.has("--replace"),
    })
}

/// What `import-budget` was asked.
pub(super) struct Request<'a> {
    pub(super) sheet_file: &'a std::path::Path,
    pub(super) into: &'a std::path::Path,
    pub(super) sheet: Option<&'a str>,
    pub(super) replace: bool,
}

/// `import-budget SHEET --into DRAFT [--sheet NAME] [--replace]`: the readable rows are added and
/// saved through the same atomic save as the app; the others are listed with their row number.
pub(super) fn run(
    request: &Request<'_>,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let (mut dossier, overwrite) = if request.into.exists() {
        let Some(loaded) = load_reporting(request.into, knowledge, err)? else {
            return Ok(2);
        };
        (loaded.parsed.dossier, Overwrite::Opened(loaded.fingerprint))
    } else {
        (
            crate::domain::dossier::Dossier::new(crate::domain::DEFAULT_WINDOW),
            Overwrite::Chosen,
        )
    };
    let (name, imported) = match read_sheet(request.sheet_file, request.sheet) {
        Ok(found) => found,
        Err(message) => {
            writeln!(
                err,
                "dossier-cloud : {message} ({})",
                request.sheet_file.display()
            )?;
            return Ok(2);
        }
    };
    if request.replace {
        dossier.budget.lines.clear();
    }
    let count = imported.lines.len();
    let left_out = imported.left_out();
    dossier
        .budget
        .lines
        .extend(imported.lines.into_iter().map(|(_, line)| line));
    let evaluation = knowledge.evaluate(&dossier);
    if let Err(e) = storage::save(
        request.into,
        &dossier,
        evaluation.as_ref(),
        overwrite,
        &knowledge.rules,
    ) {
        writeln!(err, "dossier-cloud : {e}")?;
        return Ok(2);
    }
    writeln!(
        out,
        "{count} ligne(s) importée(s) de la feuille « {name} » dans {}",
        request.into.display()
    )?;
    if imported.rejected.is_empty() {
        return Ok(0);
    }
    writeln!(
        err,
        "dossier-cloud : {left_out} ligne(s) du tableur écartée(s) :"
    )?;
    for rejected in &imported.rejected {
        writeln!(err, "  ligne {} : {}", rejected.row, rejected.problem)?;
    }
    Ok(1)
}

/// The sheet asked for (or the first whose titles name the four columns) and its lines.
pub(super) fn read_sheet(
    path: &std::path::Path,
    wanted: Option<&str>,
) -> Result<(String, crate::import::Imported), String> {
    use crate::import;
    let workbook = import::read(path).map_err(|e| e.to_string())?;
    let names = || {
        workbook
            .sheets
            .iter()
            .map(|s| format!("« {} »", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sheet = match wanted {
        Some(name) => workbook
            .sheets
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| format!("feuille « {name} » introuvable ; feuilles : {}", names()))?,
        None => &workbook.sheets[import::default_sheet(&workbook)],
    };
    let mapping = import::guess(sheet);
    let missing = mapping.missing();
    if !missing.is_empty() {
        let fields: Vec<&str> = missing.iter().map(|f| f.label()).collect();
        return Err(format!(
            "feuille « {} » : colonne(s) introuvable(s) : {} ; donnez aux colonnes des titres comme « Libellé », « Catégorie », « Année », « Montant TTC » (ou importez depuis la fenêtre pour les choisir)",
            sheet.name,
            fields.join(", ")
        ));
    }
    Ok((sheet.name.clone(), import::read_lines(sheet, &mapping)))
}
