//! Helpers shared by the tests: the knowledge, the examples, findings lookups, the binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use dossier_cloud::domain::dossier::{BudgetLine, Category};
use dossier_cloud::domain::{Amount, Dossier, Evaluation, Finding, Knowledge, Severity};
use dossier_cloud::storage;

/// The built-in rules and catalogue, loaded once.
pub fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in rules load"))
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every example dossier.
pub fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// An example by file name.
pub fn example(name: &str) -> Dossier {
    storage::load(&root().join("examples").join(name), &knowledge().rules)
        .expect("example loads")
        .parsed
        .dossier
}

/// The FTAP migration example: complete, nothing to say. Tests change one thing in it.
pub fn ready() -> Dossier {
    example("migration-secnumcloud.ron")
}

/// Evaluates a dossier under its window.
pub fn evaluate(d: &Dossier) -> Evaluation {
    knowledge().evaluate(d).expect("known window")
}

/// The findings of a rule.
pub fn findings_of(d: &Dossier, rule: &str) -> Vec<Finding> {
    evaluate(d)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// Asserts a rule says nothing of the dossier.
#[track_caller]
pub fn assert_silent(d: &Dossier, rule: &str) {
    let found = findings_of(d, rule);
    assert!(
        found.is_empty(),
        "{rule} should say nothing, said {found:#?}"
    );
}

/// Asserts a rule gives one finding of this severity whose message contains every fragment
/// (spaces normalised), and returns it.
#[track_caller]
pub fn assert_finding(d: &Dossier, rule: &str, severity: Severity, fragments: &[&str]) -> Finding {
    let found = findings_of(d, rule);
    let matching: Vec<&Finding> = found
        .iter()
        .filter(|f| {
            f.severity == severity
                && fragments
                    .iter()
                    .all(|x| plain(&f.message).contains(&plain(x)))
        })
        .collect();
    assert_eq!(
        matching.len(),
        1,
        "expected one {severity:?} finding of {rule} containing {fragments:?}; got {found:#?}"
    );
    matching[0].clone()
}

/// A French text as the window shows it (non-breaking spaces before « : » and inside « »), from
/// the plain form tests write.
pub fn fr(text: &str) -> String {
    dossier_cloud::i18n::french_spaces(text).into_owned()
}

/// Replaces no-break and narrow no-break spaces by plain ones, as a reader's eye does.
pub fn plain(text: &str) -> String {
    text.replace(['\u{202F}', '\u{A0}'], " ")
}

/// A budget line.
pub fn line(label: &str, category: Category, year: i32, amount: &str) -> BudgetLine {
    BudgetLine {
        label: label.to_owned(),
        category,
        year,
        amount_ttc: Amount::parse_plain(amount).expect("test amount"),
    }
}

/// A copy of an example in `dir`: what a test exports keeps its history beside it, not in the
/// repository.
pub fn example_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(root().join("examples").join(name), &path).expect("copy the example");
    path
}

/// The result of running the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `dossier-cloud` with arguments.
pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args)
}

/// Runs `dossier-cloud` in a folder.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_env(dir, args, &[])
}

/// An empty per-user data folder for the binary, so that what a developer kept on this
/// machine (the platform's field ties) never changes a test.
fn empty_data_home() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-cloud-tests-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("data folder");
    dir
}

/// Runs `dossier-cloud` in a folder with some environment (the per-user data folder is an
/// empty one of the tests' own unless `XDG_DATA_HOME` is given).
pub fn run_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier-cloud"));
    command
        .args(args)
        .current_dir(dir)
        .env("XDG_DATA_HOME", empty_data_home());
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command.output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(feature = "gui")]
/// The window on a new dossier or an example, at 1440×900, with file dialogs replaced by the
/// path field (no desktop portal in tests).
pub fn harness(example: Option<&str>) -> egui_kittest::Harness<'static, dossier_cloud::ui::App> {
    let file = example.map(|name| root().join("examples").join(name));
    harness_on(file)
}

#[cfg(feature = "gui")]
/// The window on any file.
pub fn harness_on(file: Option<PathBuf>) -> egui_kittest::Harness<'static, dossier_cloud::ui::App> {
    harness_sized(file, [1440.0, 900.0])
}

#[cfg(feature = "gui")]
/// The window on any file, at a size; a tall one keeps long steps in view (egui leaves what is
/// scrolled out of view out of the accessibility tree).
pub fn harness_sized(
    file: Option<PathBuf>,
    size: [f32; 2],
) -> egui_kittest::Harness<'static, dossier_cloud::ui::App> {
    harness_keeping(file, size, None)
}

#[cfg(feature = "gui")]
/// The window on any file, at a size, keeping the forms platform's descriptions and field ties
/// in `descriptions` (a folder of the test's own).
pub fn harness_keeping(
    file: Option<PathBuf>,
    size: [f32; 2],
    descriptions: Option<&Path>,
) -> egui_kittest::Harness<'static, dossier_cloud::ui::App> {
    let options = dossier_cloud::ui::StartOptions {
        file,
        step: None,
        native_dialogs: Some(false),
        autosave: None,
        first_frame_report: None,
        descriptions: descriptions
            .map(|d| dossier_cloud::storage::descriptions::Descriptions::in_dir(d.to_owned())),
        history: false,
        start_screen: false,
        drawn: None,
        renderer_fallback: None,
    };
    harness_with(options, size)
}

#[cfg(feature = "gui")]
/// A copy of `file` in a folder of its own, left for the system to clear.
fn private_copy(file: &Path) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("dossier-cloud-tests-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder of the test's own");
    let copy = dir.join(file.file_name().expect("a file name"));
    std::fs::copy(file, &copy).expect("copy the example");
    copy
}

#[cfg(feature = "gui")]
/// The window with these start options, at a size.
pub fn harness_with(
    options: dossier_cloud::ui::StartOptions,
    size: [f32; 2],
) -> egui_kittest::Harness<'static, dossier_cloud::ui::App> {
    let mut options = options;
    // A window holds the draft it opens (a lock beside it): each test's window opens a copy of
    // an example (or of a corpus file) of its own, so that tests running together never find
    // it « déjà ouvert » and nothing is written into the repository.
    if let Some(file) = &options.file
        && file.starts_with(root())
    {
        options.file = Some(private_copy(file));
    }
    let mut harness = egui_kittest::Harness::builder()
        .with_size(size)
        // A scroll area that appears (the import dialog on a short window) takes six frames to
        // settle; four, the default, would fail tests that only opened a dialog.
        .with_max_steps(8)
        .build_eframe(move |cc| dossier_cloud::ui::App::new(cc, knowledge().clone(), options));
    harness.run();
    harness
}

#[cfg(feature = "gui")]
/// Replaces a field's text, found by its label (French spacing added): focus, select all, type.
pub fn type_into(
    h: &mut egui_kittest::Harness<'static, dossier_cloud::ui::App>,
    label: &str,
    text: &str,
) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label(&fr(label)).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(&fr(label)).type_text(text);
    h.run();
}

/// Saves a dossier as a draft `name` in `dir`, over any file there.
pub fn draft_in(dir: &Path, name: &str, d: &Dossier) -> PathBuf {
    let path = dir.join(name);
    storage::save(
        &path,
        d,
        None,
        storage::Overwrite::Chosen,
        &knowledge().rules,
    )
    .expect("saved");
    path
}

#[cfg(feature = "gui")]
/// In the window: the review step, « Exporter le dossier de dépôt… », the folder typed (over
/// what the field held), « Valider ». The export then runs on its own thread.
pub fn start_export_in_window(
    h: &mut egui_kittest::Harness<'static, dossier_cloud::ui::App>,
    out: &Path,
) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label_contains("9. Relecture").click();
    h.run();
    h.get_by_label("Exporter le dossier de dépôt…").click();
    h.run();
    // A folder is asked for, and named so.
    type_into(h, "Dossier de destination", out.to_str().expect("utf-8"));
    h.get_by_label("Valider").click();
}

#[cfg(feature = "gui")]
/// In the hand-over window, open: the form's description typed, and « Lire ».
pub fn read_description_in_window(
    h: &mut egui_kittest::Harness<'static, dossier_cloud::ui::App>,
    description: &Path,
) {
    use egui_kittest::kittest::Queryable;
    const FIELD: &str =
        "Formulaire enregistré depuis le navigateur (fichier JSON de …/preremplir/CHEMIN/schema)";
    // The file is a detail: under « Détails », opened once.
    if h.query_by_label(FIELD).is_none() {
        h.get_by_label_contains("Détails").click();
        h.run();
    }
    h.get_by_label(FIELD).focus();
    h.run();
    h.get_by_label(FIELD)
        .type_text(description.to_str().expect("utf-8"));
    h.run();
    h.get_by_label("Lire").click();
    h.run();
}

/// The names inside a zip file.
pub fn zip_names(path: &Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("zip")).expect("a zip");
    (0..archive.len())
        .map(|i| {
            archive
                .by_index(i)
                .expect("entry")
                .name()
                .expect("name")
                .into_owned()
        })
        .collect()
}
