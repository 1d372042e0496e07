//! `budget.xlsx`, the reviewer's spreadsheet: the budget lines, the plan over the years and a
//! summary whose figures are formulas over the lines, so that a reviewer who changes a line, a
//! year or the rate sees the totals follow. Every formula also stores the value the app computed,
//! so a viewer that does not recalculate shows the same figures as the PDF.
//!
//! The titles are French, as the reviewers read them (like `dossier.json`, the file does not
//! change with the interface's language). Amounts are exact decimals up to here; the file format
//! stores numbers as binary doubles, which hold every amount to the cent below 2^53 cents (the
//! dossier's limits keep amounts far below), and the formulas round to the cent as the app does.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};

use crate::domain::dossier::BudgetLine;
use crate::domain::money::round_cents;
use crate::domain::{Choice, Date, Dossier, Evaluation, RuleSet};

/// The file's name in the pack.
pub const FILE_NAME: &str = "budget.xlsx";

/// The sheets, in the order a reviewer reads them.
const SUMMARY: &str = "Synthèse";
const LINES: &str = "Lignes";
const YEARS: &str = "Années";

/// The summary's cells the other sheets refer to (row numbers from 1, as in formulas).
const RATE_CELL: &str = "$B$5";

/// The amount format: `1 234 567,89 €` in a French spreadsheet (separators follow the locale).
const EUROS: &str = "#,##0.00\\ \"€\"";

/// Writes the spreadsheet of a dossier evaluated under its window.
///
/// # Errors
/// The writer's error, as text.
pub fn render(
    dossier: &Dossier,
    evaluation: &Evaluation,
    rules: &RuleSet,
    generated_on: Date,
) -> Result<Vec<u8>, String> {
    workbook(dossier, evaluation, rules, generated_on).map_err(|e| e.to_string())
}

fn workbook(
    dossier: &Dossier,
    evaluation: &Evaluation,
    rules: &RuleSet,
    generated_on: Date,
) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    // A fixed creation date (the pack's day) keeps two exports of one dossier identical.
    let created = ExcelDateTime::from_ymd(
        u16::try_from(generated_on.year()).unwrap_or(2026),
        u8::try_from(generated_on.month()).unwrap_or(1),
        u8::try_from(generated_on.day()).unwrap_or(1),
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("Budget — {}", dossier.project.title.trim()))
            .set_author("dossier-cloud")
            .set_creation_datetime(&created),
    );
    let last_line_row = dossier.budget.lines.len() + 1;
    summary_sheet(
        book.add_worksheet(),
        dossier,
        evaluation,
        last_line_row,
        &formats,
    )?;
    lines_sheet(book.add_worksheet(), dossier, rules, &formats)?;
    years_sheet(book.add_worksheet(), evaluation, last_line_row, &formats)?;
    book.save_to_buffer()
}

pub(super) struct Formats {
    pub(super) header: Format,
    pub(super) euros: Format,
    pub(super) euros_bold: Format,
    pub(super) percent: Format,
    pub(super) note: Format,
}

impl Formats {
    pub(super) fn new() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color("DDE5F4"),
            euros: Format::new().set_num_format(EUROS),
            euros_bold: Format::new().set_num_format(EUROS).set_bold(),
            percent: Format::new().set_num_format("0.00\\ %"),
            note: Format::new().set_italic().set_font_color("555555"),
        }
    }
}

/// An amount as the file's number.
pub(super) fn number(value: Decimal) -> f64 {
    round_cents(value).to_f64().unwrap_or(0.0)
}

/// A formula with the value the app computed (as the file writes numbers: `175000`, `0.5`).
pub(super) fn formula(text: &str, value: Decimal) -> Formula {
    Formula::new(text).set_result(round_cents(value).normalize().to_string())
}

pub(super) fn headers(
    sheet: &mut Worksheet,
    titles: &[(&str, f64)],
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, (title, width)) in (0u16..).zip(titles) {
        sheet.write_string_with_format(0, col, *title, &formats.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn lines_sheet(
    sheet: &mut Worksheet,
    dossier: &Dossier,
    rules: &RuleSet,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(LINES)?;
    headers(
        sheet,
        &[
            ("N°", 6.0),
            ("Libellé", 44.0),
            ("Catégorie", 30.0),
            ("Année", 8.0),
            ("Montant TTC", 16.0),
            ("Dans l'assiette", 12.0),
            ("Règle", 16.0),
            ("Montant retenu", 16.0),
        ],
        formats,
    )?;
    for (i, line) in dossier.budget.lines.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        write_line(sheet, row, line, rules, formats)?;
    }
    Ok(())
}

fn write_line(
    sheet: &mut Worksheet,
    row: u32,
    line: &BudgetLine,
    rules: &RuleSet,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let r = row + 1;
    let exclusion = rules.exclusion(line.category);
    let amount = line.amount_ttc.value();
    sheet.write_number(row, 0, f64::from(row))?;
    sheet.write_string(row, 1, line.label.trim())?;
    sheet.write_string(row, 2, line.category.label())?;
    sheet.write_number(row, 3, f64::from(line.year))?;
    sheet.write_number_with_format(row, 4, number(amount), &formats.euros)?;
    sheet.write_string(row, 5, if exclusion.is_some() { "Non" } else { "Oui" })?;
    sheet.write_string(row, 6, exclusion.map_or("", |e| e.rule.as_str()))?;
    let counted = if exclusion.is_some() {
        Decimal::ZERO
    } else {
        amount
    };
    sheet.write_formula_with_format(
        row,
        7,
        formula(&format!("=IF(F{r}=\"Oui\",E{r},0)"), counted),
        &formats.euros,
    )?;
    Ok(())
}

/// `'Lignes'!$E$2:$E$1001`: a column of the lines sheet over its lines.
fn lines_range(col: char, last_row: usize) -> String {
    format!("'{LINES}'!${col}$2:${col}${}", last_row.max(2))
}

fn years_sheet(
    sheet: &mut Worksheet,
    evaluation: &Evaluation,
    last_line_row: usize,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(YEARS)?;
    headers(
        sheet,
        &[
            ("Année", 8.0),
            ("Total déclaré", 16.0),
            ("Coûts exclus", 16.0),
            ("Assiette", 16.0),
            ("Assiette cumulée", 16.0),
            ("Cofinancement", 16.0),
            ("Part du demandeur", 18.0),
            ("Économies de l'année", 18.0),
            ("Économies cumulées", 18.0),
        ],
        formats,
    )?;
    let e = &evaluation.estimate;
    let years = lines_range('D', last_line_row);
    let amounts = lines_range('E', last_line_row);
    let counted = lines_range('H', last_line_row);
    let rate = format!("'{SUMMARY}'!{RATE_CELL}");
    let (mut cumulative_base, mut cumulative_savings) = (Decimal::ZERO, Decimal::ZERO);
    for (i, y) in e.years.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let r = row + 1;
        cumulative_base += y.cost_base;
        cumulative_savings += y.savings;
        sheet.write_number(row, 0, f64::from(y.year))?;
        let cells = [
            (
                1,
                format!("=SUMIFS({amounts},{years},A{r})"),
                y.declared_total,
            ),
            (
                2,
                format!("=B{r}-SUMIFS({counted},{years},A{r})"),
                y.excluded_total,
            ),
            (3, format!("=B{r}-C{r}"), y.cost_base),
            (4, format!("=SUM(D$2:D{r})"), cumulative_base),
            (
                5,
                if i == 0 {
                    format!("=ROUND(E{r}*{rate},2)")
                } else {
                    format!("=ROUND(E{r}*{rate},2)-ROUND(E{}*{rate},2)", r - 1)
                },
                y.cofunding,
            ),
            (6, format!("=B{r}-F{r}"), y.applicant_share()),
        ];
        for (col, text, value) in cells {
            sheet.write_formula_with_format(row, col, formula(&text, value), &formats.euros)?;
        }
        // Savings come from the indicators' dated targets: a value, not a formula.
        sheet.write_number_with_format(row, 7, number(y.savings), &formats.euros)?;
        sheet.write_formula_with_format(
            row,
            8,
            formula(&format!("=SUM(H$2:H{r})"), cumulative_savings),
            &formats.euros,
        )?;
    }
    if e.years.is_empty() {
        sheet.write_string_with_format(
            1,
            0,
            "Pas de plan par année : le dossier n'a pas encore de dates de démarrage et de fin dans l'ordre.",
            &formats.note,
        )?;
    }
    Ok(())
}

fn summary_sheet(
    sheet: &mut Worksheet,
    dossier: &Dossier,
    evaluation: &Evaluation,
    last_line_row: usize,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(SUMMARY)?;
    sheet.set_column_width(0, 44.0)?;
    sheet.set_column_width(1, 20.0)?;
    sheet.set_column_width(2, 60.0)?;
    let e = &evaluation.estimate;
    sheet.write_string_with_format(0, 0, "Poste", &formats.header)?;
    sheet.write_string_with_format(0, 1, "Montant", &formats.header)?;
    sheet.write_string_with_format(0, 2, "Calcul", &formats.header)?;
    sheet.set_freeze_panes(1, 0)?;
    let amounts = lines_range('E', last_line_row);
    let counted = lines_range('H', last_line_row);
    let rows: [(&str, String, Decimal, &str); 3] = [
        (
            "Total déclaré (TTC)",
            format!("=SUM({amounts})"),
            e.declared_total,
            "Somme des montants TTC des lignes.",
        ),
        (
            "Coûts exclus de l'assiette (TTC)",
            "=B2-B4".to_owned(),
            e.excluded_total,
            "Lignes dont la catégorie est exclue (règle indiquée sur chaque ligne).",
        ),
        (
            "Assiette éligible (TTC)",
            format!("=SUM({counted})"),
            e.cost_base,
            "Somme des montants retenus des lignes.",
        ),
    ];
    for (row, (label, text, value, how)) in (1u32..).zip(rows) {
        sheet.write_string(row, 0, label)?;
        sheet.write_formula_with_format(row, 1, formula(&text, value), &formats.euros_bold)?;
        sheet.write_string_with_format(row, 2, how, &formats.note)?;
    }
    // Row 5: the rate, a value the reviewer may change; rows 6 and 7 follow it.
    sheet.write_string(4, 0, "Taux de cofinancement appliqué")?;
    sheet.write_number_with_format(
        4,
        1,
        e.applied_rate.value().to_f64().unwrap_or(0.0),
        &formats.percent,
    )?;
    sheet.write_string_with_format(
        4,
        2,
        "Taux demandé, dans la limite du plafond du guichet : modifiable.",
        &formats.note,
    )?;
    sheet.write_string(5, 0, "Cofinancement demandé (TTC)")?;
    sheet.write_formula_with_format(
        5,
        1,
        formula(&format!("=ROUND(B4*{RATE_CELL},2)"), e.cofunding),
        &formats.euros_bold,
    )?;
    sheet.write_string_with_format(5, 2, "Assiette × taux, arrondi au centime.", &formats.note)?;
    sheet.write_string(6, 0, "Part du demandeur (TTC)")?;
    sheet.write_formula_with_format(
        6,
        1,
        formula("=B2-B6", e.applicant_share),
        &formats.euros_bold,
    )?;
    sheet.write_string_with_format(6, 2, "Total déclaré − cofinancement.", &formats.note)?;
    summary_footer(sheet, dossier, evaluation, formats)
}

/// Below the figures: the payback year and what the file is of.
fn summary_footer(
    sheet: &mut Worksheet,
    dossier: &Dossier,
    evaluation: &Evaluation,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let e = &evaluation.estimate;
    sheet.write_string(8, 0, "Année du retour sur investissement")?;
    match e.payback.year {
        Some(year) => sheet.write_number(8, 1, f64::from(year))?,
        None if e.years.is_empty() => sheet.write_string(8, 1, "sans plan (dates à compléter)")?,
        None => sheet.write_string(8, 1, "au-delà de l'horizon")?,
    };
    sheet.write_string_with_format(
        8,
        2,
        "Première année où les économies cumulées depuis le démarrage atteignent la part du demandeur (calculée par l'application).",
        &formats.note,
    )?;
    sheet.write_string(10, 0, "Dossier")?;
    sheet.write_string(10, 1, dossier.project.title.trim())?;
    sheet.write_string(11, 0, "Guichet")?;
    sheet.write_string(11, 1, evaluation.window.as_str())?;
    Ok(())
}
