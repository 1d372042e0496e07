//! The progress report pack (issue 22), for the « revue de projet »: `suivi.json` (the report's
//! JSON, as `PACK-FORMAT.md` names it), `suivi.xlsx` (the spending and the realized savings, the
//! years' totals as formulas over them), the PDF and `manifest.json`, written as the submission
//! pack is (one writer per folder, each file atomically).

use std::path::Path;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::xlsx::{Formats, formula, headers, number};
use super::{ExportError, Exported, MANIFEST_FORMAT, Manifest, base_name, write, write_all};
use crate::domain::report::{self, Report};
use crate::domain::{Choice, Date, Dossier, Knowledge, RuleSet};

/// The report's JSON in the pack.
pub const JSON_NAME: &str = "suivi.json";
/// The report's spreadsheet in the pack.
pub const XLSX_NAME: &str = "suivi.xlsx";

/// Writes the progress report of a signed dossier at `at` into `dir` (created if needed), its
/// PDF in `lang`.
///
/// # Errors
/// An [`ExportError`]: the window unknown, the dossier not signed, a file that cannot be written.
pub fn export_report(
    dossier: &Dossier,
    knowledge: &Knowledge,
    at: Date,
    dir: &Path,
    lang: crate::i18n::Lang,
) -> Result<Exported, ExportError> {
    let rules = knowledge
        .rules
        .window(&dossier.window)
        .ok_or_else(|| ExportError::UnknownWindow(dossier.window.clone()))?;
    let report = report::report(dossier, rules, at).ok_or(ExportError::NotSigned)?;
    // A submission pack's folder keeps its own manifest.
    if dir.join("dossier.json").exists() {
        return Err(ExportError::IntoPack(dir.to_owned()));
    }
    let _held = super::prepare_folder(dir)?;
    let tr = crate::i18n::texts(lang);
    let pdf =
        super::pdf::follow::render(dossier, &report, rules, tr).map_err(ExportError::Render)?;
    let json = serde_json::to_string_pretty(&report)
        .map_err(|e| ExportError::Render(e.to_string()))?
        + "\n";
    let sheet =
        workbook(dossier, &report, rules).map_err(|e| ExportError::Render(e.to_string()))?;
    let contents = vec![
        (format!("suivi-{}.pdf", base_name(dossier, at)), pdf),
        (JSON_NAME.to_owned(), json.into_bytes()),
        (XLSX_NAME.to_owned(), sheet),
    ];
    let files = write_all(dir, &contents)?;
    let manifest = Manifest {
        format: MANIFEST_FORMAT,
        generated_on: Date::today().to_iso(),
        draft: false,
        files,
    };
    let manifest_text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| ExportError::Render(e.to_string()))?
        + "\n";
    write(dir, "manifest.json", manifest_text.as_bytes())?;
    Ok(Exported {
        dir: dir.to_owned(),
        manifest,
        zip: None,
        blocking: Vec::new(),
    })
}

/// The sheets, in the order a reviewer reads them.
const YEARS: &str = "Années";
const SPENDING: &str = "Dépenses";
const SAVINGS: &str = "Économies";

/// `suivi.xlsx`: the years, whose spending and realized savings are formulas over the two other
/// sheets (each stores the value the app computed, for viewers that do not recalculate).
fn workbook(dossier: &Dossier, r: &Report, rules: &RuleSet) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    let created = excel_date(r.at)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("Suivi — {}", dossier.project.title.trim()))
            .set_author("dossier-cloud")
            .set_creation_datetime(&created),
    );
    let spent_rows = dossier.tracking.spending.len() + 1;
    let saved_rows = dossier.tracking.savings.len() + 1;
    years_sheet(
        book.add_worksheet(),
        dossier,
        r,
        (spent_rows, saved_rows),
        &formats,
    )?;
    spending_sheet(book.add_worksheet(), dossier, rules, &formats)?;
    savings_sheet(book.add_worksheet(), dossier, &formats)?;
    book.save_to_buffer()
}

fn excel_date(date: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(2026),
        u8::try_from(date.month()).unwrap_or(1),
        u8::try_from(date.day()).unwrap_or(1),
    )
}

/// `'Dépenses'!$F$2:$F$11`: a column of a sheet over its entries.
fn range(sheet: &str, col: char, last_row: usize) -> String {
    format!("'{sheet}'!${col}$2:${col}${}", last_row.max(2))
}

fn years_sheet(
    sheet: &mut Worksheet,
    dossier: &Dossier,
    r: &Report,
    (spent_rows, saved_rows): (usize, usize),
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(YEARS)?;
    year_headers(sheet, formats)?;
    let at = format!(
        "\"<=\"&DATE({},{},{})",
        r.at.year(),
        r.at.month(),
        r.at.day()
    );
    let (amounts, years, dates, counted) = (
        range(SPENDING, 'F', spent_rows),
        range(SPENDING, 'C', spent_rows),
        range(SPENDING, 'B', spent_rows),
        range(SPENDING, 'G', spent_rows),
    );
    let (saved_years, saved) = (
        range(SAVINGS, 'A', saved_rows),
        range(SAVINGS, 'B', saved_rows),
    );
    let committed_savings = |year: i32| committed_savings(dossier, year);
    let mut row = 1u32;
    for y in &r.years {
        let n = row + 1;
        let realized = realized(dossier, y.year);
        sheet.write_number(row, 0, f64::from(y.year))?;
        sheet.write_number_with_format(row, 1, number(y.committed_cost_base), &formats.euros)?;
        let declared = format!("=SUMIFS({amounts},{years},A{n},{dates},{at})");
        sheet.write_formula_with_format(
            row,
            2,
            formula(&declared, y.spent_declared),
            &formats.euros,
        )?;
        let base = format!("=SUMIFS({amounts},{years},A{n},{dates},{at},{counted},\"Oui\")");
        sheet.write_formula_with_format(
            row,
            3,
            formula(&base, y.spent_cost_base),
            &formats.euros,
        )?;
        sheet.write_formula_with_format(
            row,
            4,
            formula(&format!("=D{n}-B{n}"), y.variance),
            &formats.euros,
        )?;
        let share = y
            .variance_pct
            .as_deref()
            .and_then(|p| p.parse::<Decimal>().ok())
            .map(|p| p / Decimal::ONE_HUNDRED);
        let pct = rust_xlsxwriter::Formula::new(format!("=IF(B{n}=0,\"\",ROUND(E{n}/B{n},3))"))
            .set_result(share.map_or_else(String::new, |s| s.normalize().to_string()));
        sheet.write_formula_with_format(row, 5, pct, &Format::new().set_num_format("0.0\\ %"))?;
        sheet.write_number_with_format(
            row,
            6,
            number(committed_savings(y.year)),
            &formats.euros,
        )?;
        let realized_formula = format!("=SUMIF({saved_years},A{n},{saved})");
        sheet.write_formula_with_format(
            row,
            7,
            formula(&realized_formula, realized),
            &formats.euros,
        )?;
        row += 1;
    }
    totals(sheet, r, row, formats)
}

/// The years' headers.
fn year_headers(sheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    headers(
        sheet,
        &[
            ("Année", 8.0),
            ("Assiette engagée", 18.0),
            ("Dépensé au total", 18.0),
            ("Dépensé dans l'assiette", 18.0),
            ("Écart", 16.0),
            ("Écart (%)", 10.0),
            ("Économies engagées", 18.0),
            ("Économies réalisées", 18.0),
        ],
        formats,
    )
}

/// The years' totals, as formulas over the rows above `row`, and what they count.
fn totals(sheet: &mut Worksheet, r: &Report, row: u32, formats: &Formats) -> Result<(), XlsxError> {
    let last = row;
    sheet.write_string_with_format(row, 0, "Total", &formats.header)?;
    for (col, letter) in [(1u16, 'B'), (2, 'C'), (3, 'D'), (4, 'E')] {
        let total: Decimal = r
            .years
            .iter()
            .map(|y| match letter {
                'B' => y.committed_cost_base,
                'C' => y.spent_declared,
                'D' => y.spent_cost_base,
                _ => y.variance,
            })
            .sum();
        let text = format!("=SUM({letter}2:{letter}{last})");
        sheet.write_formula_with_format(row, col, formula(&text, total), &formats.euros_bold)?;
    }
    // The savings to date, over the closed years alone, as the report counts them.
    let closed = format!("\"<\"&{}", r.at.year());
    for (col, letter, total) in [
        (6u16, 'G', r.savings.committed_to_date),
        (7, 'H', r.savings.realized_to_date),
    ] {
        let text = format!("=SUMIF(A2:A{last},{closed},{letter}2:{letter}{last})");
        sheet.write_formula_with_format(row, col, formula(&text, total), &formats.euros_bold)?;
    }
    sheet.write_string_with_format(
        row + 2,
        0,
        format!(
            "Rapport au {} : la dépense comptée est celle datée de l'année et jusqu'à cette date ; l'assiette laisse de côté les catégories exclues ; les économies du total sont celles des années closes.",
            r.at.to_fr()
        ),
        &formats.note,
    )?;
    Ok(())
}

fn spending_sheet(
    sheet: &mut Worksheet,
    dossier: &Dossier,
    rules: &RuleSet,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(SPENDING)?;
    headers(
        sheet,
        &[
            ("N°", 6.0),
            ("Date", 12.0),
            ("Année", 8.0),
            ("Libellé", 44.0),
            ("Catégorie", 30.0),
            ("Montant TTC", 16.0),
            ("Dans l'assiette", 12.0),
            ("N° d'engagement", 18.0),
        ],
        formats,
    )?;
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for (i, s) in dossier.tracking.spending.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let n = row + 1;
        sheet.write_number(row, 0, f64::from(row))?;
        sheet.write_datetime_with_format(row, 1, &excel_date(s.date)?, &date_format)?;
        sheet.write_formula(
            row,
            2,
            rust_xlsxwriter::Formula::new(format!("=YEAR(B{n})"))
                .set_result(s.date.year().to_string()),
        )?;
        sheet.write_string(row, 3, s.label.trim())?;
        sheet.write_string(row, 4, s.category.label())?;
        sheet.write_number_with_format(row, 5, number(s.amount_ttc.value()), &formats.euros)?;
        let counted = rules.exclusion(s.category).is_none();
        sheet.write_string(row, 6, if counted { "Oui" } else { "Non" })?;
        sheet.write_string(row, 7, s.reference.trim())?;
    }
    Ok(())
}

fn savings_sheet(
    sheet: &mut Worksheet,
    dossier: &Dossier,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(SAVINGS)?;
    headers(
        sheet,
        &[
            ("Année", 8.0),
            ("Montant", 16.0),
            ("Méthode", 50.0),
            ("Justificatif", 40.0),
        ],
        formats,
    )?;
    for (i, s) in dossier.tracking.savings.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.write_number(row, 0, f64::from(s.year))?;
        sheet.write_number_with_format(row, 1, number(s.amount.value()), &formats.euros)?;
        sheet.write_string(row, 2, s.method.trim())?;
        sheet.write_string(row, 3, s.evidence.trim())?;
    }
    Ok(())
}

/// The savings the commitment holds for a year.
fn committed_savings(dossier: &Dossier, year: i32) -> Decimal {
    dossier
        .commitment
        .as_ref()
        .and_then(|c| c.years.iter().find(|y| y.year == year))
        .map_or(Decimal::ZERO, |y| y.savings.value())
}

/// The savings realized in a year, summed.
fn realized(dossier: &Dossier, year: i32) -> Decimal {
    dossier
        .tracking
        .savings
        .iter()
        .filter(|s| s.year == year)
        .map(|s| s.amount.value())
        .sum()
}
