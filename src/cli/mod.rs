//! The command line of `PACK-FORMAT.md`. Arguments are parsed in two stages: raw words into a
//! [`Command`], then the command runs against the domain and storage. Output goes to the writers
//! given, so tests can read it.
//!
//! Exit status: 0 when nothing blocks (or the command succeeded), 1 when something blocks,
//! 2 when a file cannot be read or written, or the arguments are wrong.

mod prefill;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::domain::findings::Evaluation;
use crate::domain::money::format_eur;
use crate::domain::{Knowledge, Severity};
use crate::storage::{self, Overwrite};

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open the window, on a draft if given, at a step if given.
    Open {
        /// The draft.
        file: Option<PathBuf>,
        /// The step shown first.
        step: Option<crate::domain::Step>,
    },
    /// Print the estimate and the findings of a dossier.
    Check {
        /// The draft or `dossier.json`.
        file: PathBuf,
        /// As JSON rather than text.
        json: bool,
    },
    /// Rewrite a dossier in the other encoding (by the output's extension).
    Convert {
        /// The file read.
        input: PathBuf,
        /// The file written.
        output: PathBuf,
    },
    /// Write the submission pack of a dossier into a folder.
    Export {
        /// The draft or `dossier.json`.
        file: PathBuf,
        /// The folder.
        out: PathBuf,
        /// Also write the folder zipped.
        zip: bool,
        /// The language of the PDF.
        lang: crate::i18n::Lang,
    },
    /// Add the budget lines of a spreadsheet to a draft.
    ImportBudget {
        /// The `.xlsx`, `.ods` or `.csv` file.
        sheet_file: PathBuf,
        /// The draft (created if missing).
        into: PathBuf,
        /// The sheet's name; by default the first whose titles name the four columns.
        sheet: Option<String>,
        /// Replace the draft's lines rather than add to them.
        replace: bool,
    },
    /// Match a dossier to the platform's form and print the prefill (nothing is sent).
    Prefill(prefill::Request),
    /// Print the usage.
    Help,
    /// Print the version.
    Version,
}

/// When the process started, for `DOSSIER_CLOUD_FIRST_FRAME` (set by `main`).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The usage text.
pub const USAGE: &str = "\
Utilisation :
  dossier-cloud [FICHIER] [--step ÉTAPE]       ouvre l'application (sur un brouillon, à une étape)
  dossier-cloud check FICHIER [--format json]  estimation et constats d'un dossier (.ron ou .json)
  dossier-cloud export FICHIER --out DOSSIER [--zip] [--lang fr|en]
                                               écrit le dossier de dépôt (PDF, dossier.json, schéma,
                                               manifeste) ; --lang en : le PDF en anglais (le JSON
                                               est le même dans toutes les langues)
  dossier-cloud convert ENTRÉE SORTIE          réécrit un dossier en .ron ou .json (selon SORTIE)
  dossier-cloud import-budget TABLEUR --into BROUILLON [--sheet FEUILLE] [--replace]
                                               ajoute au brouillon les lignes de budget d'un
                                               tableur (.xlsx, .ods, .csv) ; --replace remplace
                                               les lignes existantes
  dossier-cloud prefill FICHIER --schema DESCRIPTION.json [--format json] [--send]
                        [--base URL] [--timeout S] [--pack DOSSIER]
                                               prépare le préremplissage du formulaire de la
                                               plateforme (démarches-simplifiées) d'après sa
                                               description enregistrée ; rien n'est envoyé sans
                                               --send, qui poste le dossier à {URL}/api/public/v1/
                                               demarches/{numéro}/dossiers et l'enregistre dans
                                               le brouillon ; --pack : le paquet exporté, dont les
                                               pièces sont données avec taille et SHA-256 ; les
                                               correspondances de champs choisies dans
                                               l'application servent aussi ici
  dossier-cloud --help | --version

Code de sortie de check : 0 rien ne bloque, 1 un constat bloque, 2 fichier illisible.
Code de sortie d'export : 0 dossier prêt, 1 écrit comme brouillon (constat bloquant), 2 erreur.
Code de sortie d'import-budget : 0 toutes les lignes lues, 1 des lignes écartées (les autres sont
importées et la liste dit pourquoi), 2 rien d'importé (tableur ou brouillon illisible).
Code de sortie de prefill : 0 tous les champs obligatoires préremplissables sont remplis, 1 un
champ obligatoire reste (listé), 2 dossier ou description illisible, ou envoi impossible.
";

/// Turns the arguments (without the program's name) into a [`Command`].
///
/// # Errors
/// A French message saying what is wrong with the arguments.
pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let args: Vec<OsString> = args.into_iter().collect();
    let words: Vec<&str> = args.iter().map(|a| a.to_str().unwrap_or("")).collect();
    match words.as_slice() {
        [] => Ok(Command::Open {
            file: None,
            step: None,
        }),
        ["-h" | "--help" | "help"] => Ok(Command::Help),
        ["-V" | "--version"] => Ok(Command::Version),
        ["check", ..] => parse_check(&args[1..]),
        ["export", ..] => parse_export(&args[1..]),
        ["import-budget", ..] => parse_import(&args[1..]),
        ["prefill", ..] => parse_prefill(&args[1..]),
        ["convert", _, _] => Ok(Command::Convert {
            input: PathBuf::from(&args[1]),
            output: PathBuf::from(&args[2]),
        }),
        ["convert", ..] => Err("convert attend ENTRÉE et SORTIE".into()),
        ["--step" | "--etape", step, rest @ ..] if rest.len() <= 1 => Ok(Command::Open {
            file: rest.first().map(|_| PathBuf::from(&args[2])),
            step: Some(parse_step(step)?),
        }),
        [_, "--step" | "--etape", step] if !words[0].starts_with('-') => Ok(Command::Open {
            file: Some(PathBuf::from(&args[0])),
            step: Some(parse_step(step)?),
        }),
        [flag, ..] if flag.starts_with('-') => Err(format!("option « {flag} » inconnue")),
        [_] => Ok(Command::Open {
            file: Some(PathBuf::from(&args[0])),
            step: None,
        }),
        [first, ..] => Err(format!("commande « {first} » inconnue")),
    }
}

/// A command's words once read: its one argument, and its options in the order given (a
/// switch has no value).
struct Words<'a> {
    argument: Option<&'a OsString>,
    options: Vec<(&'static str, Option<&'a OsString>)>,
}

impl<'a> Words<'a> {
    /// Reads the words after `command`: the `valued` options take the next word (each with the
    /// message when it is missing), the `switches` stand alone, one other word is the argument.
    fn read(
        command: &str,
        args: &'a [OsString],
        valued: &[(&'static str, &str)],
        switches: &[&'static str],
    ) -> Result<Self, String> {
        let mut words = Words {
            argument: None,
            options: Vec::new(),
        };
        let mut i = 0;
        while i < args.len() {
            let word = args[i].to_str().unwrap_or("");
            if let Some((name, missing)) = valued.iter().find(|(name, _)| *name == word) {
                i += 1;
                let value = args.get(i).ok_or_else(|| (*missing).to_owned())?;
                words.options.push((name, Some(value)));
            } else if let Some(name) = switches.iter().find(|name| **name == word) {
                words.options.push((name, None));
            } else if word.starts_with('-') && word.len() > 1 {
                return Err(format!("option « {word} » inconnue pour {command}"));
            } else if words.argument.is_none() {
                words.argument = Some(&args[i]);
            } else {
                return Err(format!("argument en trop : « {word} »"));
            }
            i += 1;
        }
        Ok(words)
    }

    /// The value of an option given with one (the last, if given twice).
    fn value(&self, name: &str) -> Option<&'a OsString> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| *v)
    }

    fn has(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| *n == name)
    }
}

fn parse_check(args: &[OsString]) -> Result<Command, String> {
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

fn parse_prefill(args: &[OsString]) -> Result<Command, String> {
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
    Ok(Command::Prefill(prefill::Request {
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

fn parse_export(args: &[OsString]) -> Result<Command, String> {
    let words = Words::read(
        "export",
        args,
        &[
            ("--out", "--out attend un DOSSIER"),
            ("--lang", "--lang attend fr ou en"),
        ],
        &["--zip"],
    )?;
    let lang = match words.value("--lang") {
        None => crate::i18n::Lang::Fr,
        Some(code) => {
            let code = code.to_str().unwrap_or("");
            crate::i18n::Lang::from_code(code)
                .ok_or_else(|| format!("langue « {code} » inconnue : fr ou en"))?
        }
    };
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

fn parse_import(args: &[OsString]) -> Result<Command, String> {
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

fn parse_step(id: &str) -> Result<crate::domain::Step, String> {
    crate::domain::Step::ALL
        .into_iter()
        .find(|s| s.id() == id)
        .ok_or_else(|| {
            let ids: Vec<&str> = crate::domain::Step::ALL.iter().map(|s| s.id()).collect();
            format!("étape « {id} » inconnue ; étapes : {}", ids.join(", "))
        })
}

/// Runs a command that needs no window; returns the exit status.
///
/// # Errors
/// Only when writing to `out` or `err` fails.
pub fn run(
    command: &Command,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    match command {
        Command::Help => {
            out.write_all(USAGE.as_bytes())?;
            Ok(0)
        }
        Command::Version => {
            writeln!(out, "dossier-cloud {}", env!("CARGO_PKG_VERSION"))?;
            Ok(0)
        }
        Command::Open { file, step } => {
            let options = crate::ui::StartOptions {
                file: file.clone(),
                step: *step,
                native_dialogs: None,
                autosave: crate::storage::autosave::Autosave::per_user(),
                // Measuring the start-up (benches/side_by_side.sh): report the first frame and close.
                descriptions: crate::storage::descriptions::Descriptions::per_user(),
                first_frame_report: std::env::var_os("DOSSIER_CLOUD_FIRST_FRAME")
                    .and_then(|_| STARTED.get().copied()),
            };
            match crate::ui::run(knowledge.clone(), options) {
                Ok(()) => Ok(0),
                Err(e) => {
                    writeln!(
                        err,
                        "dossier-cloud : impossible d'ouvrir la fenêtre ({e}). Sur un poste sans affichage, utilisez « dossier-cloud check FICHIER »."
                    )?;
                    Ok(2)
                }
            }
        }
        Command::Check { file, json } => check(file, *json, knowledge, out, err),
        Command::Prefill(request) => prefill::run(request, knowledge, out, err),
        Command::Convert { input, output } => convert(input, output, knowledge, out, err),
        Command::Export {
            file,
            out: dir,
            zip,
            lang,
        } => export(file, dir, (*zip, *lang), knowledge, out, err),
        Command::ImportBudget {
            sheet_file,
            into,
            sheet,
            replace,
        } => {
            let request = ImportRequest {
                sheet_file,
                into,
                sheet: sheet.as_deref(),
                replace: *replace,
            };
            import_budget(&request, knowledge, out, err)
        }
    }
}

/// Loads a dossier, writing why it cannot be read, and which unknown fields were ignored.
fn load_reporting(
    file: &std::path::Path,
    knowledge: &Knowledge,
    err: &mut dyn Write,
) -> std::io::Result<Option<storage::Loaded>> {
    match storage::load(file, &knowledge.rules) {
        Ok(loaded) => {
            for field in &loaded.parsed.ignored {
                writeln!(
                    err,
                    "dossier-cloud : avertissement : champ inconnu ignoré : {field}"
                )?;
            }
            Ok(Some(loaded))
        }
        Err(e) => {
            writeln!(err, "dossier-cloud : {e}")?;
            Ok(None)
        }
    }
}

/// `check FILE [--format json]`.
fn check(
    file: &std::path::Path,
    json: bool,
    knowledge: &Knowledge,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(loaded) = load_reporting(file, knowledge, err)? else {
        return Ok(2);
    };
    let Some(evaluation) = knowledge.evaluate(&loaded.parsed.dossier) else {
        writeln!(err, "dossier-cloud : guichet inconnu ({})", file.display())?;
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

/// `export FILE --out DIR [--zip] [--lang fr|en]`.
fn export(
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
    match crate::export::export(&loaded.parsed.dossier, knowledge, dir, &options) {
        Ok(pack) => {
            writeln!(out, "Dossier de dépôt écrit dans {} :", pack.dir.display())?;
            for f in &pack.manifest.files {
                writeln!(out, "  {}  ({} octets)", f.name, f.size)?;
            }
            writeln!(out, "  manifest.json")?;
            if let Some(zip) = &pack.zip {
                writeln!(out, "  {}", zip.display())?;
            }
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

/// What `import-budget` was asked.
struct ImportRequest<'a> {
    sheet_file: &'a std::path::Path,
    into: &'a std::path::Path,
    sheet: Option<&'a str>,
    replace: bool,
}

/// `import-budget SHEET --into DRAFT [--sheet NAME] [--replace]`: the readable rows are added and
/// saved through the same atomic save as the app; the others are listed with their row number.
fn import_budget(
    request: &ImportRequest<'_>,
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
        "dossier-cloud : {} ligne(s) du tableur écartée(s) :",
        imported.rejected.len()
    )?;
    for rejected in &imported.rejected {
        writeln!(err, "  ligne {} : {}", rejected.row, rejected.problem)?;
    }
    Ok(1)
}

/// The sheet asked for (or the first whose titles name the four columns) and its lines.
fn read_sheet(
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

/// `convert IN OUT`, through the same atomic save as the app.
fn convert(
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

/// The text report of `check`, in French.
fn write_report(
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
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(words: &[&str]) -> Result<Command, String> {
        parse_args(words.iter().map(OsString::from))
    }

    #[test]
    fn each_command_reads_its_options() {
        assert_eq!(
            parse(&["check", "d.ron", "--format", "json"]),
            Ok(Command::Check {
                file: "d.ron".into(),
                json: true
            })
        );
        assert_eq!(
            parse(&["check", "--format=json", "--format=text", "d.ron"]),
            Ok(Command::Check {
                file: "d.ron".into(),
                json: false
            })
        );
        assert_eq!(
            parse(&["export", "--zip", "d.ron", "--out", "pack"]),
            Ok(Command::Export {
                file: "d.ron".into(),
                out: "pack".into(),
                zip: true,
                lang: crate::i18n::Lang::Fr,
            })
        );
        assert_eq!(
            parse(&["export", "d.ron", "--lang", "EN", "--out", "pack"]),
            Ok(Command::Export {
                file: "d.ron".into(),
                out: "pack".into(),
                zip: false,
                lang: crate::i18n::Lang::En,
            })
        );
        assert_eq!(
            parse(&[
                "import-budget",
                "b.ods",
                "--into",
                "d.ron",
                "--sheet",
                "Budget",
                "--replace"
            ]),
            Ok(Command::ImportBudget {
                sheet_file: "b.ods".into(),
                into: "d.ron".into(),
                sheet: Some("Budget".into()),
                replace: true,
            })
        );
        assert_eq!(
            parse(&["import-budget", "--into", "d.ron", "b.csv"]),
            Ok(Command::ImportBudget {
                sheet_file: "b.csv".into(),
                into: "d.ron".into(),
                sheet: None,
                replace: false,
            })
        );
    }

    #[test]
    fn wrong_arguments_say_what_is_wrong() {
        let cases: [(&[&str], &str); 16] = [
            (
                &["export", "d.ron", "--out", "p", "--lang"],
                "--lang attend fr ou en",
            ),
            (
                &["export", "d.ron", "--out", "p", "--lang", "de"],
                "langue « de » inconnue : fr ou en",
            ),
            (&["check"], "check attend un FICHIER"),
            (
                &["check", "d.ron", "--format"],
                "--format attend json ou text",
            ),
            (
                &["check", "d.ron", "--format", "xml"],
                "format « xml » inconnu : json ou text",
            ),
            (
                &["check", "d.ron", "--zip"],
                "option « --zip » inconnue pour check",
            ),
            (&["check", "a.ron", "b.ron"], "argument en trop : « b.ron »"),
            (&["export", "d.ron"], "export attend --out DOSSIER"),
            (&["export", "--out", "pack"], "export attend un FICHIER"),
            (&["export", "d.ron", "--out"], "--out attend un DOSSIER"),
            (
                &["export", "d.ron", "--out", "p", "--fast"],
                "option « --fast » inconnue pour export",
            ),
            (
                &["import-budget", "b.ods"],
                "import-budget attend --into BROUILLON",
            ),
            (
                &["import-budget", "--into", "d.ron"],
                "import-budget attend un TABLEUR",
            ),
            (
                &["import-budget", "b.ods", "--into", "d.ron", "--sheet"],
                "--sheet attend le nom d'une FEUILLE",
            ),
            (
                &["import-budget", "b.ods", "--into", "d.ron", "--sheet", ""],
                "--sheet attend le nom d'une FEUILLE",
            ),
            (
                &["import-budget", "b.ods", "--into", "d.ron", "x.csv"],
                "argument en trop : « x.csv »",
            ),
        ];
        for (words, message) in cases {
            assert_eq!(parse(words), Err(message.to_owned()), "{words:?}");
        }
        assert_eq!(
            parse(&["import-budget", "b.ods", "--into", "d.ron", "--all"]),
            Err("option « --all » inconnue pour import-budget".to_owned())
        );
    }
}
