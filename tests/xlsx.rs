//! `budget.xlsx`, the reviewer's spreadsheet: listed in the manifest and the zip, its stored values
//! are `check`'s figures, its totals are formulas — recalculated by `LibreOffice` with every stored
//! value removed, they give the same cents, and they follow a line a reviewer changes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use dossier_cloud::domain::dossier::Category;
use dossier_cloud::domain::{Date, Dossier, Rate};
use dossier_cloud::export::{self, Options};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::common::{evaluate, knowledge, line, zip_names};

/// The three-year plan of `tests/plan.rs`, at a rate of 45 % and with amounts that round: the
/// cents must come out the same through the formulas.
fn reviewed() -> Dossier {
    let mut d = crate::plan::three_years();
    d.budget.requested_rate = Some(Rate::new(dec!(0.45)).expect("rate"));
    d.budget
        .lines
        .push(line("Formation", Category::Training, 2027, "33333.33"));
    d.budget.lines.push(line(
        "Accompagnement",
        Category::ExternalService,
        2029,
        "16666.67",
    ));
    d.budget.lines.push(line(
        "Ressources cloud",
        Category::CloudResources,
        2029,
        "12345.67",
    ));
    d
}

fn export_pack(d: &Dossier, dir: &Path, zip: bool) -> export::Exported {
    let options = Options {
        generated_on: Date::parse_iso("2026-12-01").expect("date"),
        zip,
        lang: dossier_cloud::i18n::Lang::Fr,
    };
    export::export(d, knowledge(), dir, &options).expect("export")
}

fn cell_decimal(cell: &Data) -> Decimal {
    match cell {
        Data::Float(f) => Decimal::from_f64_retain(*f).expect("finite").round_dp(2),
        Data::Int(i) => Decimal::from(*i),
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_pack_lists_budget_xlsx_and_its_stored_values_are_checks_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = reviewed();
    let pack = export_pack(&d, dir.path(), true);
    let listed: Vec<&str> = pack
        .manifest
        .files
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert!(listed.contains(&"budget.xlsx"), "{listed:?}");
    let zip = pack.zip.expect("zip");
    assert!(zip_names(&zip).iter().any(|n| n.ends_with("/budget.xlsx")));

    let e = evaluate(&d).estimate;
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("budget.xlsx")).expect("xlsx");
    assert_eq!(book.sheet_names(), ["Synthèse", "Lignes", "Années"]);
    let summary = book.worksheet_range("Synthèse").expect("summary");
    let value = |row: u32| cell_decimal(summary.get_value((row, 1)).expect("cell"));
    assert_eq!(
        [value(1), value(2), value(3), value(5), value(6)],
        [
            e.declared_total,
            e.excluded_total,
            e.cost_base,
            e.cofunding,
            e.applicant_share
        ]
    );
    let formulas = book.worksheet_formula("Synthèse").expect("formulas");
    assert_eq!(
        formulas.get_value((5, 1)).map(String::as_str),
        Some("ROUND(B4*$B$5,2)")
    );
    let years = book.worksheet_range("Années").expect("years");
    for (i, y) in e.years.iter().enumerate() {
        let row = u32::try_from(i + 1).expect("row");
        assert_eq!(
            cell_decimal(years.get_value((row, 5)).expect("cofunding")),
            y.cofunding
        );
        assert_eq!(
            cell_decimal(years.get_value((row, 7)).expect("savings")),
            y.savings
        );
    }
    let lines = book.worksheet_range("Lignes").expect("lines");
    assert_eq!(
        lines.height(),
        d.budget.lines.len() + 1,
        "a header, then every line"
    );
    assert_eq!(
        lines.get_value((3, 6)),
        Some(&Data::String("FTAP-EXCLUDED".into())),
        "licences"
    );
}

#[test]
fn it_reads_as_a_reviewer_expects_frozen_titles_and_euros() {
    let dir = tempfile::tempdir().expect("tempdir");
    export_pack(&reviewed(), dir.path(), false);
    let parts = unzip(&dir.path().join("budget.xlsx"));
    let styles = part(&parts, "xl/styles.xml");
    assert!(styles.contains("€"), "an amount format in euros");
    for sheet in ["sheet1", "sheet2", "sheet3"] {
        let xml = part(&parts, &format!("xl/worksheets/{sheet}.xml"));
        assert!(
            xml.contains("ySplit=\"1\""),
            "{sheet}: the header row is frozen"
        );
        assert!(xml.contains("<col "), "{sheet}: columns have widths");
    }
}

#[test]
fn libreoffice_recalculates_the_same_cents_and_follows_a_changed_line() {
    let Some(soffice) = libreoffice() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is missing: .ci/run installs libreoffice-calc-nogui"
        );
        eprintln!("skipped: no soffice on this machine (apt-get install libreoffice-calc-nogui)");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let d = reviewed();
    export_pack(&d, dir.path(), false);
    let e = evaluate(&d).estimate;
    let parts = unzip(&dir.path().join("budget.xlsx"));

    // Every stored result removed: what LibreOffice shows, it computed.
    let bare = dir.path().join("bare.xlsx");
    rezip(&parts, &bare, |_, xml| strip_results(&xml));
    let sheets = recalculate(&soffice, &bare, dir.path(), BUDGET_SHEETS);
    let summary = &sheets["Synthèse"];
    assert_eq!(amount(summary, 1, 1), e.declared_total);
    assert_eq!(amount(summary, 3, 1), e.cost_base);
    assert_eq!(amount(summary, 5, 1), e.cofunding);
    assert_eq!(amount(summary, 6, 1), e.applicant_share);
    let years = &sheets["Années"];
    for (i, y) in e.years.iter().enumerate() {
        assert_eq!(amount(years, i + 1, 5), y.cofunding, "{}", y.year);
        assert_eq!(amount(years, i + 1, 6), y.applicant_share(), "{}", y.year);
    }

    // A reviewer changes line 1 (200 000 € in 2027) to 210 000 €: the totals follow.
    let changed = dir.path().join("changed.xlsx");
    rezip(&parts, &changed, |name, xml| {
        let xml = strip_results(&xml);
        if name == "xl/worksheets/sheet2.xml" {
            let old = xml.find("<c r=\"E2\"").expect("E2");
            let v = old + xml[old..].find("<v>").expect("value") + 3;
            let end = v + xml[v..].find("</v>").expect("end");
            assert_eq!(&xml[v..end], "200000");
            format!("{}210000{}", &xml[..v], &xml[end..])
        } else {
            xml
        }
    });
    let sheets = recalculate(&soffice, &changed, dir.path(), BUDGET_SHEETS);
    let summary = &sheets["Synthèse"];
    assert_eq!(amount(summary, 1, 1), e.declared_total + dec!(10000));
    assert_eq!(amount(summary, 3, 1), e.cost_base + dec!(10000));
    assert_eq!(
        amount(summary, 5, 1),
        e.cofunding + dec!(4500.00),
        "45 % of 10 000 €"
    );
    assert_eq!(
        amount(&sheets["Années"], 1, 1),
        e.years[0].declared_total + dec!(10000)
    );
}

/// The sheets of `budget.xlsx`.
const BUDGET_SHEETS: &[&str] = &["Synthèse", "Lignes", "Années"];

pub fn libreoffice() -> Option<PathBuf> {
    ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

pub type Parts = Vec<(String, Vec<u8>)>;

pub fn unzip(path: &Path) -> Parts {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("xlsx")).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("read");
            (file.name().expect("name").into_owned(), bytes)
        })
        .collect()
}

fn part(parts: &Parts, name: &str) -> String {
    let (_, bytes) = parts.iter().find(|(n, _)| n == name).expect(name);
    String::from_utf8(bytes.clone()).expect("utf-8")
}

pub fn rezip(parts: &Parts, to: &Path, edit: impl Fn(&str, String) -> String) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in parts {
        writer.start_file(name.as_str(), options).expect("entry");
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(bytes.clone()).expect("utf-8");
            writer.write_all(edit(name, xml).as_bytes()).expect("write");
        } else {
            writer.write_all(bytes).expect("write");
        }
    }
    writer.finish().expect("finish");
}

/// Removes the stored result of every formula (`<f>…</f><v>…</v>` → `<f>…</f>`).
pub fn strip_results(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find("</f><v>") {
        out.push_str(&rest[..at + 4]);
        let after = &rest[at + 4..];
        let end = after.find("</v>").expect("closed value") + 4;
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Each sheet as `LibreOffice` computes it, as rows of cells.
pub fn recalculate(
    soffice: &Path,
    file: &Path,
    dir: &Path,
    sheets: &[&str],
) -> std::collections::HashMap<String, Vec<Vec<String>>> {
    let out = dir.join(format!(
        "csv-{}",
        file.file_stem().and_then(|s| s.to_str()).unwrap_or("x")
    ));
    let status = Command::new(soffice)
        .env("HOME", dir.join("home"))
        .args(["--headless", "--convert-to"])
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(&out)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stem = file.file_stem().and_then(|s| s.to_str()).expect("stem");
    sheets
        .iter()
        .map(|sheet| {
            let path = out.join(format!("{stem}-{sheet}.csv"));
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let rows = reader
                .records()
                .map(|r| r.expect("row").iter().map(str::to_owned).collect())
                .collect();
            ((*sheet).to_owned(), rows)
        })
        .collect()
}

pub fn amount(rows: &[Vec<String>], row: usize, col: usize) -> Decimal {
    let text = &rows[row][col];
    text.parse::<Decimal>()
        .unwrap_or_else(|e| panic!("row {row} col {col}: « {text} »: {e}"))
        .round_dp(2)
}
