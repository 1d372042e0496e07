//! Budget lines, or the spending of a signed dossier, from a spreadsheet (`.xlsx`, `.ods`,
//! `.csv`): the sheets of a workbook ([`read`]), which column holds which field, guessed from the
//! titles ([`guess_for`]) and changeable by the user, then the rows read ([`read_lines`],
//! [`read_spending`]), each row that could not be read listed with its number and why. Nothing here
//! changes a dossier: the caller adds the rows once the user has confirmed.
//!
//! Spreadsheets store numbers as binary floating point. A number cell is turned into its shortest
//! decimal text as soon as it is read (`1234.56`, never `1234.5599…`), then into an exact
//! [`Decimal`](rust_decimal::Decimal): no arithmetic ever happens on the float.

mod cells;
mod rows;
mod said;
mod words;

pub use cells::{MAX_CELLS, MAX_COLUMNS, MAX_INFLATED_MIB, MAX_ROWS};
pub(crate) use words::category_names;

use std::path::Path;
use std::sync::atomic::AtomicUsize;

use crate::domain::dossier::BudgetLine;
use crate::domain::follow::Spending;
use crate::domain::limits::{MAX_BUDGET_LINES, MAX_FILE_BYTES, YEARS};
use crate::domain::money::AmountError;

pub use cells::{Cell, Sheet, Workbook, column_name};

/// The fields that come from a column: a budget line's, a spending's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// What it is.
    Label,
    /// What it pays for.
    Category,
    /// The year it is spent (a budget line).
    Year,
    /// The amount TTC.
    Amount,
    /// The day it was spent (a spending).
    Date,
    /// The accounting's reference, « N° EJ » (a spending).
    Reference,
}

impl Field {
    /// The French name, as the tables say it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Field::Label => "Libellé",
            Field::Category => "Catégorie",
            Field::Year => "Année",
            Field::Amount => "Montant TTC",
            Field::Date => "Date",
            Field::Reference => "Référence",
        }
    }

    const ALL: [Field; 6] = [
        Field::Label,
        Field::Category,
        Field::Year,
        Field::Amount,
        Field::Date,
        Field::Reference,
    ];

    fn index(self) -> usize {
        match self {
            Field::Label => 0,
            Field::Category => 1,
            Field::Year => 2,
            Field::Amount => 3,
            Field::Date => 4,
            Field::Reference => 5,
        }
    }
}

/// What the rows of a sheet become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// Budget lines (the application's budget step).
    #[default]
    Budget,
    /// Spending of a signed dossier, from the ministry's accounting exports.
    Spending,
}

impl Kind {
    /// Its fields, in the order of its table.
    #[must_use]
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Budget => &[Field::Label, Field::Category, Field::Year, Field::Amount],
            Kind::Spending => &[
                Field::Date,
                Field::Label,
                Field::Category,
                Field::Amount,
                Field::Reference,
            ],
        }
    }

    /// Whether a row needs this field's column: all do, but a spending's reference and label
    /// (an accounting line may have neither).
    #[must_use]
    pub fn needs(self, field: Field) -> bool {
        !(self == Kind::Spending && matches!(field, Field::Reference | Field::Label))
    }
}

/// Which row holds the titles, and which column holds each field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping {
    /// The row of titles (0-based), if any: the lines start below it.
    pub titles: Option<usize>,
    /// What the rows become.
    pub kind: Kind,
    columns: [Option<usize>; 6],
}

impl Mapping {
    /// Nothing chosen yet, for rows of this kind.
    #[must_use]
    pub fn of(kind: Kind) -> Self {
        Mapping {
            kind,
            ..Mapping::default()
        }
    }

    /// The column (0-based) of a field, if chosen.
    #[must_use]
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns[field.index()]
    }

    /// Chooses the column of a field (or none).
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        self.columns[field.index()] = column;
    }

    /// The fields a row needs that still have no column.
    #[must_use]
    pub fn missing(&self) -> Vec<Field> {
        self.kind
            .fields()
            .iter()
            .copied()
            .filter(|f| self.kind.needs(*f) && self.column(*f).is_none())
            .collect()
    }

    /// The kind's fields that have a column.
    fn chosen(&self) -> usize {
        self.kind
            .fields()
            .iter()
            .filter(|f| self.column(**f).is_some())
            .count()
    }
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The row number as the spreadsheet shows it (1 for the first row).
    pub row: usize,
    /// Why (its `Display` is French; the interface says it in its language).
    pub problem: Problem,
}

/// Why a row could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The dossier already has as many lines as it may: this row and the `rows − 1` non-empty
    /// ones after it are left out.
    #[error(
        "au-delà de {max} lignes, la limite d'un dossier : {rows} ligne(s) non importée(s) à partir de celle-ci"
    )]
    TooManyLines {
        /// The limit.
        max: usize,
        /// How many rows, from this one to the end, are left out.
        rows: usize,
    },
    /// A total or subtotal row, left out so nothing is counted twice.
    #[error("ligne de total « {0} » : non importée")]
    TotalRow(String),
    /// No label.
    #[error("libellé vide")]
    EmptyLabel,
    /// No date (a spending).
    #[error("date vide")]
    EmptyDate,
    /// A date that cannot be read.
    #[error("date « {0} » illisible (attendu : JJ/MM/AAAA)")]
    UnreadableDate(String),
    /// A date written right that does not exist (the 31st of February).
    #[error("date « {0} » : ce jour n'existe pas")]
    NoSuchDate(String),
    /// A date out of the years a dossier covers.
    #[error("date « {0} » hors de la plage {first}–{last}", first = YEARS.start(), last = YEARS.end())]
    DateOutOfRange(String),
    /// A reference longer than the limit.
    #[error("référence de plus de {0} caractères")]
    ReferenceTooLong(usize),
    /// A label longer than the limit.
    #[error("libellé de plus de {0} caractères")]
    LabelTooLong(usize),
    /// No category.
    #[error("catégorie vide")]
    EmptyCategory,
    /// A category word the app does not recognise.
    #[error("catégorie « {0} » non reconnue (attendu : {names})", names = words::category_names())]
    UnknownCategory(String),
    /// No year.
    #[error("année vide")]
    EmptyYear,
    /// A year outside the years a dossier covers.
    #[error("année {year} hors de la plage {first}–{last}", first = YEARS.start(), last = YEARS.end())]
    YearOutOfRange {
        /// The year read.
        year: i32,
    },
    /// A year that is not a number.
    #[error("année « {0} » illisible")]
    UnreadableYear(String),
    /// No amount.
    #[error("montant vide")]
    EmptyAmount,
    /// An amount that cannot be taken.
    #[error("montant « {text} » : {why}")]
    Amount {
        /// The cell as the spreadsheet shows it.
        text: String,
        /// Why.
        why: AmountProblem,
    },
}

/// Why an amount cell cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountProblem {
    /// A number cell that does not read as a decimal.
    #[error("nombre illisible")]
    NotANumber,
    /// A third decimal, refused rather than rounded silently.
    #[error("plus de deux décimales (arrondissez-le au centime dans le tableur)")]
    TooManyDecimals,
    /// Text that is not an amount, or an amount out of bounds.
    #[error("{0}")]
    Invalid(AmountError),
    /// A date cell.
    #[error("une date, pas un montant")]
    ADate,
    /// A cell the spreadsheet itself marks as an error (`#DIV/0!`).
    #[error("cellule en erreur dans le tableur")]
    CellError,
}

/// What a sheet gives under a mapping: budget lines, or spending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported<T = BudgetLine> {
    /// The rows read, each with its row number.
    pub lines: Vec<(usize, T)>,
    /// The rows that could not be read.
    pub rejected: Vec<Rejected>,
    /// Rows left out because every chosen column is empty in them.
    pub empty_rows: usize,
    /// Rows set aside because the follow-up already has them ([`set_aside_known`]): nothing to
    /// correct, said apart from the rows refused.
    pub already: Vec<usize>,
}

impl<T> Default for Imported<T> {
    fn default() -> Self {
        Imported {
            lines: Vec::new(),
            rejected: Vec::new(),
            empty_rows: 0,
            already: Vec::new(),
        }
    }
}

impl<T> Imported<T> {
    /// How many rows with something in them were left out: each rejected row, and every row
    /// past the dossier's limit.
    #[must_use]
    pub fn left_out(&self) -> usize {
        self.rejected
            .iter()
            .map(|r| match r.problem {
                Problem::TooManyLines { rows, .. } => rows,
                _ => 1,
            })
            .sum()
    }
}

/// Why a spreadsheet could not be read at all. `Display` is French; the interface says it in its
/// language.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not `.xlsx`, `.xlsm`, `.xls`, `.ods` or `.csv`.
    #[error(
        "format non pris en charge : « {0} » (attendu : .xlsx, .ods ou .csv ; enregistrez le classeur sous l'un de ces formats)"
    )]
    UnknownFormat(String),
    /// The file could not be read.
    #[error("lecture impossible : {}", crate::storage::error::io_message(.0))]
    Io(#[source] std::io::Error),
    /// Larger than the limit.
    #[error("fichier trop volumineux (plus de {} Mio)", MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge,
    /// The workbook cannot be read: not a workbook, protected, or damaged.
    #[error("classeur illisible : {0}")]
    Workbook(Unreadable),
    /// One sheet of the workbook cannot be read.
    #[error("classeur illisible : feuille « {sheet} » : {problem}")]
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// Why.
        problem: Unreadable,
    },
    /// A line of a CSV file cannot be read.
    #[error(
        "fichier CSV illisible à la ligne {line} : enregistrez-le de nouveau depuis le tableur"
    )]
    CsvLine {
        /// The line, from 1.
        line: usize,
    },
    /// No sheet, or only empty ones.
    #[error("le classeur ne contient aucune feuille avec des données")]
    Empty,
    /// Bigger, once expanded, than a budget can be: refused before it is expanded.
    #[error("classeur trop grand : {0} ; gardez les lignes du budget dans une feuille de moins de {rows} lignes et {columns} colonnes", rows = cells::MAX_ROWS, columns = cells::MAX_COLUMNS)]
    Oversized(Oversized),
}

/// What makes a workbook too big to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Oversized {
    /// A part of the file inflates past the limit (a « zip bomb »).
    #[error("une partie du fichier occupe {mib} Mio une fois décompressée (au plus {max})")]
    Inflated {
        /// Its size uncompressed, in MiB.
        mib: u64,
        /// The limit, in MiB.
        max: u64,
    },
    /// More cells hold something than a budget sheet can.
    #[error("plus de {0} cellules remplies")]
    Cells(usize),
    /// A sheet read whole would span too many cells.
    #[error("une feuille s'étend sur {rows} lignes et {columns} colonnes")]
    Span {
        /// Rows.
        rows: usize,
        /// Columns.
        columns: usize,
    },
}

/// Why a workbook, or one of its sheets, cannot be read: the reading library's errors sorted
/// into what the user can act on (its own words are English and technical).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    /// Its content is not a workbook of any format read (another file renamed, or cut short).
    #[error(
        "ce fichier n'est pas un classeur .xlsx, .xls ou .ods (son contenu ne correspond pas à son nom)"
    )]
    NotAWorkbook,
    /// Protected by a password.
    #[error("il est protégé par un mot de passe ; enregistrez-en une copie sans protection")]
    Protected,
    /// Damaged, or written in a way the reader does not follow.
    #[error(
        "il est endommagé ou incomplet ; rouvrez-le dans le tableur et enregistrez-le de nouveau"
    )]
    Damaged,
}

impl Unreadable {
    /// The reader's error, sorted.
    #[must_use]
    pub fn of(error: &calamine::Error) -> Self {
        use calamine::{Error, OdsError, XlsError, XlsxError};
        match error {
            Error::Msg(_)
            | Error::Xlsx(XlsxError::Zip(_))
            | Error::Ods(OdsError::Zip(_))
            | Error::Xls(XlsError::Cfb(_)) => Unreadable::NotAWorkbook,
            Error::Xlsx(XlsxError::Password)
            | Error::Ods(OdsError::Password)
            | Error::Xls(XlsError::Password) => Unreadable::Protected,
            _ => Unreadable::Damaged,
        }
    }
}

/// Reads every sheet of a workbook, or the one sheet of a CSV file.
///
/// # Errors
/// An [`ImportError`] saying why the file cannot be read.
pub fn read(path: &Path) -> Result<Workbook, ImportError> {
    read_counting(path, &AtomicUsize::new(0))
}

/// [`read`], counting in `read` the cells read so far (what a window shows while it reads).
///
/// # Errors
/// An [`ImportError`] saying why the file cannot be read.
pub fn read_counting(path: &Path, read: &AtomicUsize) -> Result<Workbook, ImportError> {
    let size = std::fs::metadata(path).map_err(ImportError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    let bytes = std::fs::read(path).map_err(ImportError::Io)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_bytes_counting(bytes, &extension, &name, read)
}

/// Reads a spreadsheet's bytes as the format its extension names (`csv`, `xlsx`, `ods`…); `name`
/// names a CSV file's one sheet.
///
/// # Errors
/// An [`ImportError`] saying why the bytes cannot be read.
pub fn read_bytes(bytes: Vec<u8>, extension: &str, name: &str) -> Result<Workbook, ImportError> {
    read_bytes_counting(bytes, extension, name, &AtomicUsize::new(0))
}

fn read_bytes_counting(
    bytes: Vec<u8>,
    extension: &str,
    name: &str,
    read: &AtomicUsize,
) -> Result<Workbook, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    match extension {
        "csv" | "txt" => cells::from_csv(&bytes, name, read),
        "xlsx" | "xlsm" | "xls" | "ods" => guarded(|| cells::from_workbook(bytes, read)),
        _ => Err(ImportError::UnknownFormat(extension.to_owned())),
    }
}

/// Guesses a budget's mapping of a sheet ([`guess_for`] budget lines).
#[must_use]
pub fn guess(sheet: &Sheet) -> Mapping {
    guess_for(sheet, Kind::Budget)
}

/// Guesses the mapping of a sheet from its titles: the first of its first ten rows where at least
/// two titles name a field of the kind (« Libellé », « Catégorie », « Année », « Montant TTC »,
/// « Date », « N° EJ » and their usual variants). Without such a row, nothing is chosen and the
/// user picks the columns.
#[must_use]
pub fn guess_for(sheet: &Sheet, kind: Kind) -> Mapping {
    for (index, row) in sheet.rows.iter().enumerate().take(10) {
        let mut mapping = Mapping {
            titles: Some(index),
            ..Mapping::of(kind)
        };
        // Each field takes the first column that names it most surely (« Montant TTC » over a
        // « Montant mandaté » before it).
        let mut sureness = [0u8; 6];
        for (column, cell) in row.iter().enumerate() {
            if let Some((field, sure)) = words::field_of_title(&cell.text(), kind)
                && sure > sureness[field.index()]
            {
                sureness[field.index()] = sure;
                mapping.set(field, Some(column));
            }
        }
        if mapping.chosen() >= 2 {
            return mapping;
        }
    }
    Mapping::of(kind)
}

/// The sheet to import budget lines from by default ([`default_sheet_for`]).
#[must_use]
pub fn default_sheet(workbook: &Workbook) -> usize {
    default_sheet_for(workbook, Kind::Budget)
}

/// The sheet to import by default: the first whose titles name every column a row needs, or the
/// first.
#[must_use]
pub fn default_sheet_for(workbook: &Workbook, kind: Kind) -> usize {
    workbook
        .sheets
        .iter()
        .position(|s| guess_for(s, kind).missing().is_empty())
        .unwrap_or(0)
}

/// Reads the rows of a sheet as budget lines. Every field must have a column; rows above and at
/// the titles are left out.
#[must_use]
pub fn read_lines(sheet: &Sheet, mapping: &Mapping) -> Imported<BudgetLine> {
    read_rows(sheet, mapping, rows::line_of)
}

/// Reads the rows of a sheet as spending: a row without a date, a category or an amount is
/// refused with its row; the label and the reference may be blank.
#[must_use]
pub fn read_spending(sheet: &Sheet, mapping: &Mapping) -> Imported<Spending> {
    read_rows(sheet, mapping, rows::spending_of)
}

/// Sets aside the spending read that the follow-up already has, each existing entry matching one
/// row at most (an export may hold two identical rows, and both count): what an export imported
/// again, or a monthly export that repeats the months before, would count twice. A spending with
/// a reference (the accounting's commitment number) is known by its date, amount and reference,
/// so that one whose label or category was corrected in the app is still known; one without, by
/// all it says.
pub fn set_aside_known(imported: &mut Imported<Spending>, existing: &[Spending]) {
    let mut known: std::collections::HashMap<SpendingKey, usize> = std::collections::HashMap::new();
    for s in existing {
        *known.entry(SpendingKey::of(s)).or_default() += 1;
    }
    let mut kept = Vec::with_capacity(imported.lines.len());
    for (row, spending) in std::mem::take(&mut imported.lines) {
        match known.get_mut(&SpendingKey::of(&spending)) {
            Some(left) if *left > 0 => {
                *left -= 1;
                imported.already.push(row);
            }
            _ => kept.push((row, spending)),
        }
    }
    imported.lines = kept;
}

/// What makes two spending the same one.
#[derive(PartialEq, Eq, Hash)]
enum SpendingKey {
    /// By the accounting's reference: its date, amount and reference.
    Referenced(crate::domain::Date, crate::domain::Amount, String),
    /// Without one: all it says.
    Whole(Spending),
}

impl SpendingKey {
    fn of(s: &Spending) -> Self {
        let reference = s.reference.trim();
        if reference.is_empty() {
            SpendingKey::Whole(s.clone())
        } else {
            SpendingKey::Referenced(s.date, s.amount_ttc, reference.to_owned())
        }
    }
}

/// Reads every row below the titles with `row_of`.
fn read_rows<T>(
    sheet: &Sheet,
    mapping: &Mapping,
    row_of: impl Fn(&rows::Row<'_>) -> Result<T, Problem>,
) -> Imported<T> {
    let mut imported = Imported::default();
    if !mapping.missing().is_empty() {
        return imported;
    }
    let columns: Vec<usize> = mapping
        .kind
        .fields()
        .iter()
        .filter_map(|f| mapping.column(*f))
        .collect();
    let first = mapping.titles.map_or(0, |t| t + 1);
    for (index, row) in sheet.rows.iter().enumerate().skip(first) {
        let number = index + 1;
        let cell = |column: usize| row.get(column).unwrap_or(&Cell::Empty);
        if columns.iter().all(|c| cell(*c).is_empty()) {
            imported.empty_rows += 1;
            continue;
        }
        if imported.lines.len() >= MAX_BUDGET_LINES {
            // The rest is counted, not read: one entry says where it starts and how much it is.
            match imported.rejected.last_mut() {
                Some(Rejected {
                    problem: Problem::TooManyLines { rows, .. },
                    ..
                }) => *rows += 1,
                _ => imported.rejected.push(Rejected {
                    row: number,
                    problem: Problem::TooManyLines {
                        max: MAX_BUDGET_LINES,
                        rows: 1,
                    },
                }),
            }
            continue;
        }
        match row_of(&rows::Row::new(|f| mapping.column(f).map(cell))) {
            Ok(line) => imported.lines.push((number, line)),
            Err(problem) => imported.rejected.push(Rejected {
                row: number,
                problem,
            }),
        }
    }
    imported
}

/// Runs a workbook's reading so that a panic of the spreadsheet library (fuzzing found one:
/// calamine 0.38 multiplies a cell reference's row past `u32` on `XFD99999999999`, a panic
/// wherever overflow is checked) becomes « damaged », said like any unreadable file, and is
/// not printed: the user gets a message, never a crash or a backtrace. Quiet on this thread
/// only, so that a panic elsewhere is reported as usual.
fn guarded(read: impl FnOnce() -> Result<Workbook, ImportError>) -> Result<Workbook, ImportError> {
    use std::cell::Cell;
    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    QUIET.with(|quiet| quiet.set(false));
    result.unwrap_or(Err(ImportError::Workbook(Unreadable::Damaged)))
}
