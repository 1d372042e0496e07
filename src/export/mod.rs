//! The submission pack: into one folder, the PDF for people, `dossier.json` for programs
//! (PACK-FORMAT.md, with the estimate and the findings), its JSON Schema generated from the Rust
//! types, `budget.xlsx` for reviewers (lines, years and a summary as formulas), and a manifest of every file with its size and SHA-256; optionally the same folder
//! zipped. A dossier with blocking findings is exported as a draft, every PDF page marked.

pub mod follow;
pub mod pdf;
mod said;
pub mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::{Date, Dossier, Evaluation, Knowledge};
use crate::storage::{self, Fingerprint};

/// The `format` of the manifest.
pub const MANIFEST_FORMAT: &str = "dossier-cloud-manifest/1";

/// Options of an export.
#[derive(Debug, Clone)]
pub struct Options {
    /// The day the pack is made (in names, on the cover, in the metadata).
    pub generated_on: Date,
    /// Whether to zip the folder too.
    pub zip: bool,
    /// The language of the PDF (the JSON files are the same in every language).
    pub lang: crate::i18n::Lang,
}

/// One file of the pack, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackFile {
    /// Its name in the folder.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hexadecimal.
    pub sha256: String,
}

/// The manifest of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: &'static str,
    /// The day the pack was made, `YYYY-MM-DD`.
    pub generated_on: String,
    /// Whether the pack is a draft (blocking findings remain).
    pub draft: bool,
    /// The files, the manifest itself excepted.
    pub files: Vec<PackFile>,
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The folder.
    pub dir: PathBuf,
    /// The manifest.
    pub manifest: Manifest,
    /// The zip, if asked for.
    pub zip: Option<PathBuf>,
    /// The blocking findings that make the pack a draft (their messages), if any.
    pub blocking: Vec<String>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The dossier's window is unknown.
    #[error("guichet « {0} » inconnu")]
    UnknownWindow(String),
    /// A file could not be written.
    #[error("écriture impossible : {} ({})", storage::error::io_message(.source), .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The pack would overwrite the file it is made from.
    #[error(
        "le dossier de destination contient le fichier exporté ({}), que l'export remplacerait : choisissez un autre dossier de destination",
        .0.display()
    )]
    OverSource(PathBuf),
    /// The PDF or the JSON could not be made.
    #[error("génération impossible : {0}")]
    Render(String),
    /// A progress report was asked of a dossier without a signed commitment.
    #[error(
        "le dossier ne porte aucun engagement signé : le rapport de suivi compare l'engagement à ce qui s'est passé"
    )]
    NotSigned,
    /// The progress report would overwrite a submission pack's manifest in the same folder.
    #[error(
        "{} contient déjà un dossier de dépôt (dossier.json, manifest.json), que le rapport de suivi remplacerait en partie : choisissez un autre dossier",
        .0.display()
    )]
    IntoPack(PathBuf),
}

/// Refuses a folder where the pack would overwrite the file it is made from: `export
/// dossier.json --out .` would replace the dossier read by the one written, dropping what this
/// version of the app does not know, with no copy kept.
///
/// # Errors
/// [`ExportError::OverSource`].
pub fn check_source(
    dir: &Path,
    source: &Path,
    dossier: &Dossier,
    on: Date,
) -> Result<(), ExportError> {
    let Ok(source) = std::fs::canonicalize(source) else {
        return Ok(());
    };
    let pdf = format!("{}.pdf", base_name(dossier, on));
    let names = [
        "dossier.json",
        "dossier.schema.json",
        "manifest.json",
        "budget.xlsx",
        pdf.as_str(),
    ];
    if names
        .iter()
        .any(|name| std::fs::canonicalize(dir.join(name)).is_ok_and(|p| p == source))
    {
        return Err(ExportError::OverSource(source));
    }
    Ok(())
}

/// Keeps a pack just written among the dossier's versions (`storage::history`): beside its draft
/// when it has one and the folder takes it, else in the user's folder. Returns where, and whether
/// that is the user's folder; the command line and the window both say it.
///
/// # Errors
/// A [`crate::storage::history::KeepError`] with each place tried and why it failed.
pub fn keep_version(
    draft: Option<&std::path::Path>,
    dossier: &Dossier,
    generated_on: Date,
    pack: &Exported,
) -> Result<(crate::storage::history::History, PathBuf), crate::storage::history::KeepError> {
    use crate::storage::history;
    let places = history::places(draft, &base_name(dossier, generated_on));
    history::keep(&places, &pack.dir, &Date::now_utc())
}

/// Keeps a progress report's pack in the dossier's history (its `suivi/` folder), as
/// [`keep_version`] keeps an export. A dossier without a file is named as on the day it is
/// exported, whatever the report's date, as the history window looks for it.
///
/// # Errors
/// A [`crate::storage::history::KeepError`] with each place tried and why it failed.
pub fn keep_report(
    draft: Option<&std::path::Path>,
    dossier: &Dossier,
    pack: &Exported,
) -> Result<(crate::storage::history::History, PathBuf), crate::storage::history::KeepError> {
    use crate::storage::history;
    let places = history::places(draft, &base_name(dossier, Date::today()));
    history::keep_report(&places, &pack.dir, &Date::now_utc())
}

/// The pack's base name: ministry, short title and date, safe for any file system, at most 50
/// characters: `culture-migration-archives-2026-11-23`.
#[must_use]
pub fn base_name(dossier: &Dossier, on: Date) -> String {
    let date = on.to_iso();
    let ministry = short_ministry(&dossier.applicant.ministry);
    let budget = 50 - date.len() - 1;
    let mut words: Vec<String> = Vec::new();
    if !ministry.is_empty() {
        words.push(ministry);
    }
    words.extend(
        slug_words(&dossier.project.title)
            .into_iter()
            .filter(|w| !STOP_WORDS.contains(&w.as_str())),
    );
    let mut name = String::new();
    for word in words {
        let extra = if name.is_empty() {
            word.len()
        } else {
            word.len() + 1
        };
        if name.len() + extra > budget {
            if name.is_empty() {
                name = word.chars().take(budget).collect();
            }
            break;
        }
        if !name.is_empty() {
            name.push('-');
        }
        name.push_str(&word);
    }
    if name.is_empty() {
        format!("dossier-{date}")
    } else {
        format!("{name}-{date}")
    }
}

/// Lower-case ASCII words of a text (accents folded, everything else a separator).
fn slug_words(text: &str) -> Vec<String> {
    let folded = crate::domain::text::fold(text);
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Words that carry no meaning in a file name.
const STOP_WORDS: &[&str] = &[
    "de", "la", "le", "les", "des", "du", "l", "d", "et", "a", "en", "sur", "au", "aux", "un",
    "une",
];

/// "Ministère de la Culture" → "culture"; "Ministère de l'Intérieur et des Outre-mer" → "interieur".
fn short_ministry(ministry: &str) -> String {
    slug_words(ministry)
        .into_iter()
        .find(|w| w != "ministere" && !STOP_WORDS.contains(&w.as_str()))
        .unwrap_or_default()
}

/// The JSON Schema of `dossier.json`, generated from the Rust types.
#[must_use]
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(crate::storage::DossierJson<'static>);
    serde_json::to_value(schema).unwrap_or_default()
}

/// Writes the pack of a dossier into `dir` (created if needed).
///
/// # Errors
/// An [`ExportError`]; files already written stay, the others are not half-written (each is
/// written atomically).
pub fn export(
    dossier: &Dossier,
    knowledge: &Knowledge,
    dir: &Path,
    options: &Options,
) -> Result<Exported, ExportError> {
    let rules = knowledge
        .rules
        .window(&dossier.window)
        .ok_or_else(|| ExportError::UnknownWindow(dossier.window.clone()))?;
    let evaluation = Evaluation::of(dossier, rules, &knowledge.catalogue);
    let base = base_name(dossier, options.generated_on);
    let _held = prepare_folder(dir)?;

    // The PDF is most of the work: it is rendered on a second thread while this one writes the
    // JSON files (2 cores: the export of 1 000 lines is a fifth quicker).
    let source = pdf::Source {
        dossier,
        evaluation: &evaluation,
        knowledge,
        generated_on: options.generated_on,
        tr: crate::i18n::texts(options.lang),
    };
    let (pdf, others) = std::thread::scope(|scope| {
        let pdf = scope.spawn(|| pdf::render(&source));
        let others =
            data_files(dossier, &evaluation, rules, options.generated_on).and_then(|contents| {
                let files = write_all(dir, &contents)?;
                Ok((contents, files))
            });
        let pdf = pdf
            .join()
            .unwrap_or_else(|_| Err("le rendu du PDF s'est interrompu".to_owned()));
        (pdf, others)
    });
    let pdf = pdf.map_err(ExportError::Render)?;
    let (data_contents, data_files) = others?;
    let pdf_contents = vec![(format!("{base}.pdf"), pdf)];
    let mut files = write_all(dir, &pdf_contents)?;
    files.extend(data_files);
    let mut contents = pdf_contents;
    contents.extend(data_contents);
    let manifest = Manifest {
        format: MANIFEST_FORMAT,
        generated_on: options.generated_on.to_iso(),
        draft: evaluation.is_blocked(),
        files,
    };
    let manifest_text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| ExportError::Render(e.to_string()))?
        + "\n";
    write(dir, "manifest.json", manifest_text.as_bytes())?;

    let zip = if options.zip {
        let mut all = contents;
        all.push(("manifest.json".to_owned(), manifest_text.into_bytes()));
        let path = dir.join(format!("{base}.zip"));
        let bytes = zip_bytes(&base, &all).map_err(|e| ExportError::Render(e.to_string()))?;
        write(dir, &format!("{base}.zip"), &bytes)?;
        Some(path)
    } else {
        None
    };
    Ok(Exported {
        dir: dir.to_owned(),
        manifest,
        zip,
        blocking: blocking_messages(&evaluation, Some(rules), crate::i18n::texts(options.lang)),
    })
}

/// Creates the folder a pack goes into, and holds it while the pack is written: one export into
/// a folder at a time (two at once left a manifest whose sums did not match the files beside it).
fn prepare_folder(dir: &Path) -> Result<storage::Held, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write {
        path: dir.to_owned(),
        source,
    })?;
    storage::hold(dir).map_err(|e| ExportError::Write {
        path: dir.to_owned(),
        source: e.into(),
    })
}

/// `dossier.json`, its schema and `budget.xlsx`, named.
fn data_files(
    dossier: &Dossier,
    evaluation: &Evaluation,
    rules: &crate::domain::RuleSet,
    generated_on: Date,
) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    let json = storage::to_json(dossier, Some(evaluation)).map_err(ExportError::Render)?;
    let schema = serde_json::to_string_pretty(&schema())
        .map_err(|e| ExportError::Render(e.to_string()))?
        + "\n";
    let sheet =
        xlsx::render(dossier, evaluation, rules, generated_on).map_err(ExportError::Render)?;
    Ok(vec![
        ("dossier.json".to_owned(), json.into_bytes()),
        ("dossier.schema.json".to_owned(), schema.into_bytes()),
        (xlsx::FILE_NAME.to_owned(), sheet),
    ])
}

/// Writes each file and describes it for the manifest.
fn write_all(dir: &Path, contents: &[(String, Vec<u8>)]) -> Result<Vec<PackFile>, ExportError> {
    contents
        .iter()
        .map(|(name, bytes)| {
            write(dir, name, bytes)?;
            Ok(PackFile {
                name: name.clone(),
                size: bytes.len() as u64,
                sha256: Fingerprint::of(bytes).to_hex(),
            })
        })
        .collect()
}

/// The blocking findings, in the language of the PDF (for the window's dialog and the command
/// line; the JSON keeps its French messages).
fn blocking_messages(
    evaluation: &Evaluation,
    rules: Option<&crate::domain::RuleSet>,
    tr: &crate::i18n::Texts,
) -> Vec<String> {
    evaluation
        .findings
        .iter()
        .filter(|f| f.severity == crate::domain::Severity::Blocking)
        .map(|f| {
            tr.tf(
                "finding.line",
                &[("rule", &f.rule), ("message", &tr.finding(f, rules))],
            )
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), ExportError> {
    let path = dir.join(name);
    storage::write_atomic(&path, bytes).map_err(|source| ExportError::Write { path, source })
}

/// The files in a zip, under a folder named after the pack.
/// Zips a pack already written in `dir`: the files named (as the manifest lists them, then
/// `manifest.json`) under a folder named after the PDF, into `NAME.zip` beside them. For the window,
/// where the pack is looked at before it is zipped.
///
/// # Errors
/// [`ExportError::Write`] when a file cannot be read back or the zip written.
pub fn zip_folder(dir: &Path, files: &[String]) -> Result<PathBuf, ExportError> {
    let base = files
        .iter()
        .find(|f| Path::new(f).extension().is_some_and(|e| e == "pdf"))
        .and_then(|f| Path::new(f).file_stem())
        .and_then(|s| s.to_str())
        .unwrap_or("dossier-de-depot")
        .to_owned();
    let mut contents = Vec::with_capacity(files.len());
    for name in files {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|source| ExportError::Write {
            path: path.clone(),
            source,
        })?;
        contents.push((name.clone(), bytes));
    }
    let name = format!("{base}.zip");
    let bytes = zip_bytes(&base, &contents).map_err(|e| ExportError::Render(e.to_string()))?;
    write(dir, &name, &bytes)?;
    Ok(dir.join(name))
}

fn zip_bytes(base: &str, files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer.start_file(format!("{base}/{name}"), options)?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dossier(ministry: &str, title: &str) -> Dossier {
        let mut d = Dossier::new("FTAP-2023");
        d.applicant.ministry = ministry.into();
        d.project.title = title.into();
        d
    }

    #[test]
    fn base_names_are_short_and_safe() {
        let on = Date::parse_iso("2026-11-23").expect("date");
        assert_eq!(
            base_name(
                &dossier("Ministère de la Culture", "Migration des archives"),
                on
            ),
            "culture-migration-archives-2026-11-23"
        );
        let long = base_name(
            &dossier(
                "Ministère de l'Intérieur et des Outre-mer",
                "Service de gestion des clés (KMS) et usine logicielle / CI:CD sur PI",
            ),
            on,
        );
        assert!(long.len() <= 50, "{long}");
        assert!(long.starts_with("interieur-service-gestion"), "{long}");
        assert!(
            long.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{long}"
        );
        assert_eq!(base_name(&dossier("", ""), on), "dossier-2026-11-23");
    }
}
