//! `import-budget SHEET --into DRAFT [--sheet NAME] [--replace]`: a spreadsheet's budget lines
//! added to a draft; `import-spending` the same for a signed dossier's spending, from the
//! ministry's accounting exports.
//!
//! Exit status: 0 every row read, 1 some rows set aside (listed with why), 2 nothing imported.

use std::ffi::OsString;
use std::io::Write;

use super::{Command, Words, load_reporting};
use crate::domain::Knowledge;
use crate::import::{self, Kind};
use crate::storage::{self, Overwrite};

/// The command's name for rows of this kind.
fn name(kind: Kind) -> &'static str {
    match kind {
        Kind::Budget => "import-budget",
        Kind::Spending => "import-spending",
    }
}

pub(super) fn parse(args: &[OsString], kind: Kind) -> Result<Command, String> {
    const SHEET_MISSING: &str = "--sheet attend le nom d'une FEUILLE";
    let command = name(kind);
    let words = Words::read(
        command,
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
    Ok(Command::Import {
        kind,
        sheet_file: words
            .argument
            .ok_or_else(|| format!("{command} attend un TABLEUR"))?
            .into(),
        into: words
            .value("--into")
            .ok_or_else(|| format!("{command} attend --into BROUILLON"))?
            .into(),
        sheet,
        replace: words.has("--replace"),
    })
}

/// What `import-budget` or `import-spending` was asked.
pub(super) struct Request<'a> {
    pub(super) kind: Kind,
    pub(super) sheet_file: &'a std::path::Path,
    pub(super) into: &'a std::path::Path,
    pub(super) sheet: Option<&'a str>,
    pub(super) replace: bool,
}

/// `import-budget SHEET --into DRAFT [--sheet NAME] [--replace]` (or `import-spending`): the
/// readable rows are added and saved through the same atomic save as the app; the others are
/// listed with their row number. Spending goes only into a dossier whose commitment is signed.
pub(super) fn run(
    request: &Request<'_>,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some((mut dossier, overwrite)) = open_draft(request, knowledge, err)? else {
        return Ok(2);
    };
    let (name, sheet, mapping) = match find_sheet(request) {
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
    let mut already = Vec::new();
    let (count, rejected, left_out, what) = match request.kind {
        Kind::Budget => {
            let imported = import::read_lines(&sheet, &mapping);
            if request.replace {
                dossier.budget.lines.clear();
            }
            let counts = (imported.lines.len(), imported.left_out());
            let lines = imported.lines.into_iter().map(|(_, line)| line);
            dossier.budget.lines.extend(lines);
            (counts.0, imported.rejected, counts.1, "ligne(s)")
        }
        Kind::Spending => {
            let mut imported = import::read_spending(&sheet, &mapping);
            if request.replace {
                dossier.tracking.spending.clear();
            }
            import::set_aside_known(&mut imported, &dossier.tracking.spending);
            already = std::mem::take(&mut imported.already);
            let counts = (imported.lines.len(), imported.left_out());
            let spending = imported.lines.into_iter().map(|(_, s)| s);
            dossier.tracking.spending.extend(spending);
            (counts.0, imported.rejected, counts.1, "dépense(s)")
        }
    };
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
        "{count} {what} importée(s) de la feuille « {name} » dans {}",
        request.into.display()
    )?;
    if !already.is_empty() {
        let rows: Vec<String> = already.iter().map(ToString::to_string).collect();
        writeln!(
            out,
            "{} ligne(s) déjà dans le suivi, mise(s) de côté pour ne rien compter deux fois : lignes {}",
            already.len(),
            rows.join(", ")
        )?;
    }
    if rejected.is_empty() {
        return Ok(0);
    }
    writeln!(
        err,
        "dossier-cloud : {left_out} ligne(s) du tableur écartée(s) :"
    )?;
    for rejected in &rejected {
        writeln!(err, "  ligne {} : {}", rejected.row, rejected.problem)?;
    }
    Ok(1)
}

/// The draft to import into: read, or new for budget lines; `None` once said why not (unreadable,
/// or spending into a dossier not signed, or budget lines into a signed one).
fn open_draft(
    request: &Request<'_>,
    knowledge: &Knowledge,
    err: &mut dyn Write,
) -> std::io::Result<Option<(crate::domain::dossier::Dossier, Overwrite)>> {
    let (dossier, overwrite) = if request.into.exists() {
        let Some(loaded) = load_reporting(request.into, knowledge, err)? else {
            return Ok(None);
        };
        (loaded.parsed.dossier, Overwrite::Opened(loaded.fingerprint))
    } else if request.kind == Kind::Spending {
        writeln!(
            err,
            "dossier-cloud : {} introuvable : les dépenses s'importent dans un dossier dont l'engagement est signé",
            request.into.display()
        )?;
        return Ok(None);
    } else {
        (
            crate::domain::dossier::Dossier::new(crate::domain::DEFAULT_WINDOW),
            Overwrite::Chosen,
        )
    };
    let signed = dossier.commitment.is_some();
    if signed != (request.kind == Kind::Spending) {
        let why = if signed {
            "l'engagement est signé : le budget ne change plus que par avenant, dans la fenêtre ; les dépenses s'importent avec import-spending"
        } else {
            "aucun engagement signé : les dépenses se suivent une fois l'engagement enregistré dans la fenêtre (« Engagement signé… »)"
        };
        writeln!(err, "dossier-cloud : {} : {why}", request.into.display())?;
        return Ok(None);
    }
    Ok(Some((dossier, overwrite)))
}

/// The sheet asked for (or the first whose titles name every column a row needs) and its
/// mapping, guessed from its titles.
fn find_sheet(request: &Request<'_>) -> Result<(String, import::Sheet, import::Mapping), String> {
    let workbook = import::read(request.sheet_file).map_err(|e| e.to_string())?;
    let names = || {
        workbook
            .sheets
            .iter()
            .map(|s| format!("« {} »", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let index = match request.sheet {
        Some(name) => workbook
            .sheets
            .iter()
            .position(|s| s.name == name)
            .ok_or_else(|| format!("feuille « {name} » introuvable ; feuilles : {}", names()))?,
        None => import::default_sheet_for(&workbook, request.kind),
    };
    let sheet = &workbook.sheets[index];
    let mapping = import::guess_for(sheet, request.kind);
    let missing = mapping.missing();
    if !missing.is_empty() {
        let fields: Vec<&str> = missing.iter().map(|f| f.label()).collect();
        let expected: Vec<String> = request
            .kind
            .fields()
            .iter()
            .map(|f| format!("« {} »", f.label()))
            .collect();
        return Err(format!(
            "feuille « {} » : colonne(s) introuvable(s) : {} ; donnez aux colonnes des titres comme {} (ou importez depuis la fenêtre pour les choisir)",
            sheet.name,
            fields.join(", "),
            expected.join(", ")
        ));
    }
    let mut workbook = workbook;
    let sheet = workbook.sheets.swap_remove(index);
    Ok((sheet.name.clone(), sheet, mapping))
}
