//! The command line of `PACK-FORMAT.md`. Arguments are parsed in two stages: raw words into a
//! [`Command`], then the command runs against the domain and storage. Output goes to the writers
//! given, so tests can read it. One file a command (`check`, `export`, `convert`, `diff`,
//! `import_budget`, `prefill`); this one reads the words and hands them over.
//!
//! Exit status: 0 when nothing blocks (or the command succeeded), 1 when something blocks,
//! 2 when a file cannot be read or written, or the arguments are wrong.

mod check;
pub mod console;
mod convert;
mod diff;
mod export;
mod import;
mod prefill;
mod report;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::domain::Knowledge;
use crate::storage;

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
    /// Print the progress report of a signed dossier at a date.
    Report {
        /// The draft or `dossier.json`.
        file: PathBuf,
        /// The report's date (today when not given).
        at: Option<crate::domain::Date>,
        /// As JSON rather than text.
        json: bool,
        /// The folder to write the report's pack into, if asked.
        out: Option<PathBuf>,
        /// The language of the pack's PDF.
        lang: crate::i18n::Lang,
    },
    /// Rewrite a dossier in the other encoding (by the output's extension).
    Convert {
        /// The file read.
        input: PathBuf,
        /// The file written.
        output: PathBuf,
    },
    /// Say what changed from one dossier to another.
    Diff {
        /// The first (a draft or `dossier.json`).
        before: PathBuf,
        /// The second.
        after: PathBuf,
        /// As JSON rather than text.
        json: bool,
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
    /// Add the budget lines of a spreadsheet to a draft, or the spending of an accounting
    /// export to a signed dossier.
    Import {
        /// Budget lines or spending.
        kind: crate::import::Kind,
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
  dossier-cloud report FICHIER [--at DATE] [--format json] [--out DOSSIER [--lang fr|en]]
                                               rapport de suivi d'un dossier dont l'engagement
                                               est signé, à une date (aujourd'hui par défaut) :
                                               dépense par année, économies, cibles, jalons,
                                               versements, échéances à 90 jours, constats ;
                                               --out : écrit aussi le rapport (PDF, suivi.xlsx,
                                               suivi.json, manifeste) dans DOSSIER
  dossier-cloud convert ENTRÉE SORTIE          réécrit un dossier en .ron ou .json (selon SORTIE)
  dossier-cloud diff AVANT APRÈS [--format json]
                                               ce qui change d'un dossier à l'autre (champs,
                                               lignes de budget, estimation, constats)
  dossier-cloud import-budget TABLEUR --into BROUILLON [--sheet FEUILLE] [--replace]
                                               ajoute au brouillon les lignes de budget d'un
                                               tableur (.xlsx, .ods, .csv) ; --replace remplace
                                               les lignes existantes
  dossier-cloud import-spending TABLEUR --into BROUILLON [--sheet FEUILLE] [--replace]
                                               ajoute les dépenses d'un export comptable
                                               (« Date », « Libellé », « Montant TTC »,
                                               « Nature », « N° EJ ») au suivi d'un dossier dont
                                               l'engagement est signé
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
Code de sortie de report : 0 rien n'alerte, 1 un constat à vérifier, 2 dossier illisible ou sans
engagement signé.
Code de sortie de diff : 0 même contenu, 1 des différences, 2 dossier illisible.
Code de sortie d'export : 0 dossier prêt, 1 écrit comme brouillon (constat bloquant), 2 erreur.
Code de sortie d'import-budget et d'import-spending : 0 toutes les lignes lues, 1 des lignes
écartées (les autres sont importées et la liste dit pourquoi), 2 rien d'importé (tableur ou
brouillon illisible, engagement signé ou non selon le cas).
Code de sortie de prefill : 0 tous les champs obligatoires préremplissables sont remplis, 1 un
champ obligatoire reste (listé), 2 dossier ou description illisible, ou envoi impossible.
";

impl Command {
    /// Whether the standard output is JSON for programs (kept byte for byte), rather than text
    /// for people.
    #[must_use]
    pub fn prints_json(&self) -> bool {
        match self {
            Command::Check { json, .. }
            | Command::Diff { json, .. }
            | Command::Report { json, .. } => *json,
            Command::Prefill(request) => request.json,
            _ => false,
        }
    }
}

/// A writer for people: what goes through it has its control and bidirectional characters
/// shown as `\u{…}` ([`crate::domain::text::visible`]), so that a label read from a file cannot
/// drive the terminal (clear it, move the cursor, reverse the text). Line feeds and tabs pass.
pub struct Visible<W: Write>(pub W);

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) => {
                self.0
                    .write_all(crate::domain::text::visible(text).as_bytes())?;
                Ok(buf.len())
            }
            // Not text (a piece of a character): as it is.
            Err(_) => self.0.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

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
        ["check", ..] => check::parse(&args[1..]),
        ["report", ..] => report::parse(&args[1..]),
        ["export", ..] => export::parse(&args[1..]),
        ["import-budget", ..] => import::parse(&args[1..], crate::import::Kind::Budget),
        ["import-spending", ..] => import::parse(&args[1..], crate::import::Kind::Spending),
        ["prefill", ..] => prefill::parse(&args[1..]),
        ["diff", ..] => diff::parse(&args[1..]),
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
pub(super) struct Words<'a> {
    pub(super) argument: Option<&'a OsString>,
    pub(super) options: Vec<(&'static str, Option<&'a OsString>)>,
}

impl<'a> Words<'a> {
    /// The language `--lang` asks for, French when not given.
    pub(super) fn lang(&self) -> Result<crate::i18n::Lang, String> {
        match self.value("--lang") {
            None => Ok(crate::i18n::Lang::Fr),
            Some(code) => {
                let code = code.to_str().unwrap_or("");
                crate::i18n::Lang::from_code(code)
                    .ok_or_else(|| format!("langue « {code} » inconnue : fr ou en"))
            }
        }
    }

    /// Reads the words after `command`: the `valued` options take the next word (each with the
    /// message when it is missing), the `switches` stand alone, one other word is the argument.
    pub(super) fn read(
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
    pub(super) fn value(&self, name: &str) -> Option<&'a OsString> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| *v)
    }

    pub(super) fn has(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| *n == name)
    }
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

/// Opens the window, on a draft and at a step if given; exit 2 when no window can be made.
///
/// A renderer that fails before its first frame is drawn (an error, or a panic such as wgpu's
/// « Parent device is lost ») is not the user's fault: the program starts itself again with the
/// next renderer ([`crate::ui::renderer`]), which says why in its status line. When the last one
/// fails too, the message goes to the standard error and, on Windows, where a window program has
/// no console to read it in, to a message box.
#[cfg(feature = "gui")]
fn open_window(
    file: Option<&std::path::PathBuf>,
    step: Option<crate::domain::Step>,
    knowledge: &Knowledge,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    use crate::ui::renderer::{self, FailedRun};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let forced = std::env::var(renderer::RENDERER_ENV).ok();
    let (renderer, forced) = match renderer::chosen(forced.as_deref()) {
        Ok(chosen) => chosen,
        Err(message) => {
            writeln!(err, "dossier-cloud : {message}")?;
            return Ok(2);
        }
    };
    // Set by the run that fell back to this one: which renderer failed, and why.
    let fallback = renderer::fallen_back_from();
    let drawn = Arc::new(AtomicBool::new(false));
    let options = crate::ui::StartOptions {
        file: file.cloned(),
        step,
        native_dialogs: None,
        autosave: crate::storage::autosave::Autosave::per_user(),
        descriptions: crate::storage::descriptions::Descriptions::per_user(),
        history: true,
        start_screen: true,
        // Measuring the start-up (benches/side_by_side.sh): report the first frame and close.
        first_frame_report: std::env::var_os("DOSSIER_CLOUD_FIRST_FRAME")
            .and_then(|_| STARTED.get().copied()),
        drawn: Some(Arc::clone(&drawn)),
        renderer_fallback: fallback.clone(),
    };
    let knowledge = knowledge.clone();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::ui::run(knowledge, options, renderer)
    }));
    let failure = match run {
        Ok(Ok(())) => return Ok(0),
        Ok(Err(e)) => FailedRun::Error(e.to_string()),
        Err(payload) => FailedRun::Panic(payload),
    };
    let why = renderer::failure_text(&failure);
    if !forced
        && !drawn.load(Ordering::Relaxed)
        && let Some(next) = renderer.next()
    {
        writeln!(
            err,
            "dossier-cloud : {} n'a pas démarré ({why}) ; nouvel essai par {}.",
            renderer.describe(),
            next.describe()
        )?;
        return start_again_with(next, renderer, &why, err);
    }
    // Every renderer tried, with what each said: the one before this run's too.
    let mut tried = Vec::new();
    if let Some((earlier, earlier_why)) = fallback {
        tried.push(format!("{} : {earlier_why}", earlier.describe()));
    }
    tried.push(format!("{} : {why}", renderer.describe()));
    let message = format!(
        "impossible d'ouvrir la fenêtre : aucun affichage n'a démarré ({}). Le poste n'offre ni Direct3D 12 ni OpenGL 2 à cette session : votre service informatique peut activer l'accélération graphique ou le rendu logiciel du bureau à distance. Les commandes restent utilisables : « dossier-cloud check FICHIER », « dossier-cloud --help ».",
        tried.join(" ; ")
    );
    writeln!(err, "dossier-cloud : {message}")?;
    if cfg!(windows) {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Dossier Cloud de confiance")
            .set_description(message)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    Ok(2)
}

/// Runs this program again, with the same arguments, drawn by `next`; returns its exit status.
#[cfg(feature = "gui")]
fn start_again_with(
    next: crate::ui::renderer::Renderer,
    failed: crate::ui::renderer::Renderer,
    why: &str,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    use crate::ui::renderer;
    let status = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(renderer::RENDERER_ENV, next.id())
            .env(
                renderer::FALLBACK_ENV,
                renderer::fallback_value(failed, why),
            )
            .status()
    });
    match status {
        Ok(status) => Ok(status
            .code()
            .and_then(|c| u8::try_from(c).ok())
            .unwrap_or(2)),
        Err(e) => {
            writeln!(
                err,
                "dossier-cloud : impossible de relancer le programme avec {} : {e}",
                next.describe()
            )?;
            Ok(2)
        }
    }
}

/// Built without the window (`--no-default-features`): says so, exit 2.
#[cfg(not(feature = "gui"))]
fn open_window(
    _file: Option<&std::path::PathBuf>,
    _step: Option<crate::domain::Step>,
    _knowledge: &Knowledge,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    writeln!(
        err,
        "dossier-cloud : cette version est construite sans fenêtre ; utilisez les commandes (« dossier-cloud check FICHIER », « dossier-cloud --help »)."
    )?;
    Ok(2)
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
        Command::Open { file, step } => open_window(file.as_ref(), *step, knowledge, err),
        Command::Check { file, json } => check::run(file, *json, knowledge, out, err),
        Command::Report {
            file,
            at,
            json,
            out: pack,
            lang,
        } => {
            let request = report::Request {
                file,
                at: *at,
                json: *json,
                out: pack.as_deref(),
                lang: *lang,
            };
            report::run(&request, knowledge, out, err)
        }
        Command::Prefill(request) => prefill::run(request, knowledge, out, err),
        Command::Convert { input, output } => convert::run(input, output, knowledge, out, err),
        Command::Diff {
            before,
            after,
            json,
        } => diff::run(before, after, *json, knowledge, out, err),
        Command::Export {
            file,
            out: dir,
            zip,
            lang,
        } => export::run(file, dir, (*zip, *lang), knowledge, out, err),
        Command::Import {
            kind,
            sheet_file,
            into,
            sheet,
            replace,
        } => {
            let request = import::Request {
                kind: *kind,
                sheet_file,
                into,
                sheet: sheet.as_deref(),
                replace: *replace,
            };
            import::run(&request, knowledge, out, err)
        }
    }
}

/// Loads a dossier, writing why it cannot be read, and which unknown fields were ignored.
pub(super) fn load_reporting(
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

/// Loads a dossier and evaluates it under its window, writing why not when it cannot be.
pub(super) fn load_evaluated(
    file: &std::path::Path,
    knowledge: &Knowledge,
    err: &mut dyn Write,
) -> std::io::Result<Option<(storage::Loaded, crate::domain::Evaluation)>> {
    let Some(loaded) = load_reporting(file, knowledge, err)? else {
        return Ok(None);
    };
    let Some(evaluation) = knowledge.evaluate(&loaded.parsed.dossier) else {
        writeln!(err, "dossier-cloud : guichet inconnu ({})", file.display())?;
        return Ok(None);
    };
    Ok(Some((loaded, evaluation)))
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
            Ok(Command::Import {
                kind: crate::import::Kind::Budget,
                sheet_file: "b.ods".into(),
                into: "d.ron".into(),
                sheet: Some("Budget".into()),
                replace: true,
            })
        );
        assert_eq!(
            parse(&["import-budget", "--into", "d.ron", "b.csv"]),
            Ok(Command::Import {
                kind: crate::import::Kind::Budget,
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
