//! Cells as the importer sees them, read from a workbook (calamine) or a CSV file (csv).

use std::io::Cursor;
use std::sync::atomic::{AtomicUsize, Ordering};

use calamine::{Data, Reader};

use super::ImportError;

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number, as its shortest decimal text (`"1234.56"`).
    Number(String),
    /// A date.
    Date(chrono::NaiveDate),
    /// A cell the spreadsheet itself could not compute (`#DIV/0!`).
    Error(String),
}

impl Cell {
    /// Whether nothing is in it.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.is_empty(),
            _ => false,
        }
    }

    /// What it shows, for previews and messages (a number with a decimal comma).
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) | Cell::Error(t) => t.clone(),
            Cell::Number(n) => n.replace('.', ","),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }

    fn of(data: &Data) -> Cell {
        match data {
            Data::Empty => Cell::Empty,
            Data::Int(i) => Cell::Number(i.to_string()),
            // Rust prints a float as the shortest decimal that reads back to it, and never in
            // exponent form: 1234.56 stays "1234.56".
            Data::Float(f) if f.is_finite() => Cell::Number(f.to_string()),
            Data::Float(f) => Cell::Error(f.to_string()),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text(s),
            Data::Bool(b) => Cell::Text(if *b { "VRAI" } else { "FAUX" }.to_owned()),
            Data::DateTime(d) => d.as_datetime().map_or_else(
                || Cell::Number(d.as_f64().to_string()),
                |t| Cell::Date(t.date()),
            ),
            Data::Error(e) => Cell::Error(format!("#{e:?}")),
        }
    }
}

fn text(s: &str) -> Cell {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(trimmed.to_owned())
    }
}

/// One sheet: its rows from the first row of the sheet and its cells from column A, so that
/// indices are the spreadsheet's own row and column, less one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Its name in the workbook (the file's name for a CSV file).
    pub name: String,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The number of columns of the widest row.
    #[must_use]
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// The sheets of a workbook that hold something, in the workbook's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workbook {
    /// At least one.
    pub sheets: Vec<Sheet>,
}

/// A column's letters as spreadsheets name them: 0 → `A`, 25 → `Z`, 26 → `AA`.
#[must_use]
pub fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rest).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The rows read of a sheet: a budget has at most 100 000 lines, a title row and a few notes.
pub const MAX_ROWS: usize = crate::domain::limits::MAX_BUDGET_LINES + 1_000;
/// The columns read of a sheet (A to AZ): the four the budget needs and their neighbours.
pub const MAX_COLUMNS: usize = 52;
/// The cells holding something, over the whole workbook, at most.
pub const MAX_CELLS: usize = 2_000_000;
/// The largest part of a workbook once decompressed (a sheet, the shared strings), in MiB.
pub const MAX_INFLATED_MIB: u64 = 256;

/// A workbook's cells, read without ever expanding what the file only declares: an `.xlsx`
/// whose one other cell sits at XFD1048576 would otherwise ask for 512 GiB. The parts of the
/// archive are checked by their declared size before anything is inflated; `.xlsx` and `.xlsb`
/// sheets are read cell by cell, keeping the first [`MAX_ROWS`] rows and [`MAX_COLUMNS`]
/// columns; `.ods` and `.xls` sheets, which the library reads whole, are refused past those
/// spans. Rows are never padded out to the widest one.
pub(super) fn from_workbook(bytes: Vec<u8>, read: &AtomicUsize) -> Result<Workbook, ImportError> {
    check_archive(&bytes)?;
    check_ods_spans(&bytes)?;
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::Workbook(super::Unreadable::of(&e)))?;
    let mut sheets = Vec::new();
    let mut filled = 0usize;
    for name in workbook.sheet_names() {
        let unreadable = |problem| ImportError::Sheet {
            sheet: name.clone(),
            problem,
        };
        let mut grid = Grid::default();
        // Every cell of a streamed sheet into the grid, each read error said as the sheet's.
        macro_rules! stream {
            ($book:expr, $error:ident) => {{
                let error = |e| unreadable(super::Unreadable::of(&calamine::Error::$error(e)));
                let mut reader = $book.worksheet_cells_reader(&name).map_err(error)?;
                while let Some(cell) = reader.next_cell().map_err(error)? {
                    grid.put_with(cell.get_position(), &mut filled, || {
                        Cell::of(&Data::from(cell.get_value().clone()))
                    })?;
                    read.store(filled, Ordering::Relaxed);
                }
            }};
        }
        match &mut workbook {
            // The two readers that stream share no trait: one loop written for both.
            calamine::Sheets::Xlsx(xlsx) => stream!(xlsx, Xlsx),
            calamine::Sheets::Xlsb(xlsb) => stream!(xlsb, Xlsb),
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|e| unreadable(super::Unreadable::of(&e)))?;
                let (height, width) = range.get_size();
                if height > MAX_ROWS || width > MAX_COLUMNS * 8 {
                    return Err(ImportError::Oversized(super::Oversized::Span {
                        rows: height,
                        columns: width,
                    }));
                }
                let start = range.start().unwrap_or((0, 0));
                for (row, column, data) in range.used_cells() {
                    let at = (
                        u32::try_from(row)
                            .unwrap_or(u32::MAX)
                            .saturating_add(start.0),
                        u32::try_from(column)
                            .unwrap_or(u32::MAX)
                            .saturating_add(start.1),
                    );
                    grid.put_with(at, &mut filled, || Cell::of(data))?;
                    read.store(filled, Ordering::Relaxed);
                }
            }
        }
        if !grid.rows.is_empty() {
            sheets.push(Sheet {
                name,
                rows: grid.rows,
            });
        }
    }
    if sheets.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Workbook { sheets })
}

/// A sheet's rows as they are read, each as long as its last cell.
#[derive(Default)]
struct Grid {
    rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// Puts a cell at its place, unless it lies past the rows and columns read (then its value
    /// is not even made); counts what holds something against [`MAX_CELLS`].
    fn put_with(
        &mut self,
        (row, column): (u32, u32),
        filled: &mut usize,
        cell: impl FnOnce() -> Cell,
    ) -> Result<(), ImportError> {
        let (row, column) = (row as usize, column as usize);
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Ok(());
        }
        let cell = cell();
        if cell.is_empty() {
            return Ok(());
        }
        *filled += 1;
        if *filled > MAX_CELLS {
            return Err(ImportError::Oversized(super::Oversized::Cells(MAX_CELLS)));
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = cell;
        Ok(())
    }
}

/// Refuses an archive (`.xlsx`, `.ods`…) one of whose parts declares more than
/// [`MAX_INFLATED_MIB`] once decompressed: the library would inflate it whole (a 3 MB file
/// whose shared strings inflate to 3 GiB). A file that is not an archive (`.xls`) passes.
fn check_archive(bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(i) else {
            continue;
        };
        let mib = part.size() / 1024 / 1024;
        if mib > MAX_INFLATED_MIB {
            return Err(ImportError::Oversized(super::Oversized::Inflated {
                mib,
                max: MAX_INFLATED_MIB,
            }));
        }
    }
    Ok(())
}

/// Refuses an `.ods` one of whose sheets spans more cells than a budget sheet can, before the
/// library reads it: it expands every repeated cell and row that holds something into a dense
/// grid (an 871-byte file repeating one cell over 16 384 columns and 6 000 rows asks for
/// 98 million cells). The sheets' XML is read as a stream; repeated empty cells and rows
/// (`LibreOffice` writes them to the sheet's end) count only between cells that hold something.
/// Anything but an `.ods` archive passes.
fn check_ods_spans(bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    // As lenient as the library: a closing tag that does not match is read on.
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut span = OdsSpan::default();
    loop {
        // XML this reader cannot follow: not left to the library to expand unchecked.
        let Ok(event) = xml.read_event_into(&mut buf) else {
            return Err(ImportError::Workbook(super::Unreadable::Damaged));
        };
        match event {
            quick_xml::events::Event::Start(e) => span.start(&e, false),
            quick_xml::events::Event::Empty(e) => {
                span.start(&e, true);
                // An empty row element ends where it starts.
                if e.name().into_inner() == "table:table-row" {
                    span.end_row();
                }
            }
            quick_xml::events::Event::End(e) => match e.name().into_inner() {
                "table:table-row" => span.end_row(),
                "table:table" => span.end_table()?,
                _ => {}
            },
            quick_xml::events::Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The span of the cells that hold something in an `.ods` sheet being read.
#[derive(Default)]
struct OdsSpan {
    /// Rows so far, repeats counted.
    row: u64,
    /// This row's repeats.
    row_repeats: u64,
    /// This row's columns so far, and up to its last cell holding something.
    column: u64,
    last_column: u64,
    /// The first row holding something, the end of the last, the widest such row.
    first_row: Option<u64>,
    end_row: u64,
    width: u64,
}

impl OdsSpan {
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>, empty: bool) {
        let repeats = |name: &str| {
            e.try_get_attribute(name)
                .ok()
                .flatten()
                .and_then(|a| a.value.trim().parse::<u64>().ok())
                .unwrap_or(1)
        };
        match e.name().into_inner() {
            "table:table" => *self = OdsSpan::default(),
            "table:table-row" => {
                self.row_repeats = repeats("table:number-rows-repeated");
                self.column = 0;
                self.last_column = 0;
            }
            "table:table-cell" | "table:covered-table-cell" => {
                // Any value the library reads (a value, a type, a formula) makes it hold
                // something: better count an empty cell than miss a full one.
                let holds = !empty
                    || e.attributes().flatten().any(|a| {
                        let key = a.key.into_inner();
                        key.starts_with("office:") || key == "table:formula"
                    });
                self.column = self
                    .column
                    .saturating_add(repeats("table:number-columns-repeated"));
                if holds {
                    self.last_column = self.column;
                }
            }
            _ => {}
        }
    }

    fn end_row(&mut self) {
        if self.last_column > 0 {
            self.first_row.get_or_insert(self.row);
            self.end_row = self.row.saturating_add(self.row_repeats);
            self.width = self.width.max(self.last_column);
        }
        self.row = self.row.saturating_add(self.row_repeats);
        self.row_repeats = 1;
        self.last_column = 0;
    }

    fn end_table(&mut self) -> Result<(), ImportError> {
        let rows = self.end_row - self.first_row.unwrap_or(self.end_row);
        let columns = self.width;
        if rows > MAX_ROWS as u64
            || columns > (MAX_COLUMNS * 8) as u64
            || rows.saturating_mul(columns) > MAX_CELLS as u64
        {
            return Err(ImportError::Oversized(super::Oversized::Span {
                rows: usize::try_from(rows).unwrap_or(usize::MAX),
                columns: usize::try_from(columns).unwrap_or(usize::MAX),
            }));
        }
        *self = OdsSpan::default();
        Ok(())
    }
}

pub(super) fn from_csv(
    bytes: &[u8],
    name: &str,
    read: &AtomicUsize,
) -> Result<Workbook, ImportError> {
    let text = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The reader skips blank lines; a spreadsheet shows each as an empty row, and the rows'
    // numbers in messages must be the ones the user sees: the blank lines are put back.
    let mut record = csv::StringRecord::new();
    let mut filled = 0;
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => {
                let line = usize::try_from(line).unwrap_or(usize::MAX);
                return Err(ImportError::CsvLine { line });
            }
        }
        if let Some(start) = record.position() {
            let start = usize::try_from(start.byte()).unwrap_or(usize::MAX);
            let blank = blank_lines_at(&text, start).min(MAX_ROWS - rows.len());
            rows.extend(std::iter::repeat_n(Vec::new(), blank));
        }
        // As a workbook's: the first rows a budget can hold, the cells counted.
        if rows.len() >= MAX_ROWS {
            break;
        }
        let row: Vec<Cell> = record.iter().map(text_cell).collect();
        filled += row.iter().filter(|c| !c.is_empty()).count();
        if filled > MAX_CELLS {
            return Err(ImportError::Oversized(super::Oversized::Cells(MAX_CELLS)));
        }
        rows.push(row);
        read.fetch_add(record.len(), Ordering::Relaxed);
    }
    if rows
        .iter()
        .all(|r: &Vec<Cell>| r.iter().all(Cell::is_empty))
    {
        return Err(ImportError::Empty);
    }
    Ok(Workbook {
        sheets: vec![Sheet {
            name: name.to_owned(),
            rows,
        }],
    })
}

/// The blank lines a record's start (as the CSV reader gives it: just after the first byte of
/// the previous line's end, `\r` of `\r\n`) has before its first field.
fn blank_lines_at(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let Some(rest) = bytes.get(start..) else {
        return 0;
    };
    let mut rest = rest;
    if start > 0 && bytes[start - 1] == b'\r' {
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
    let mut blank = 0;
    loop {
        rest = if let Some(r) = rest.strip_prefix(b"\r\n") {
            r
        } else if let Some(r) = rest
            .strip_prefix(b"\n")
            .or_else(|| rest.strip_prefix(b"\r"))
        {
            r
        } else {
            return blank;
        };
        blank += 1;
    }
}

fn text_cell(field: &str) -> Cell {
    text(field)
}

/// UTF-8 (with or without its mark), or else Windows-1252, which French spreadsheets write when
/// told « CSV » on Windows.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The separator: of `;` (French), `,` and a tab, the one that splits the most of the first ten
/// lines into the same number of fields (more than one), quoted text left out; `;` on a tie. A
/// banner line without separators, decimal commas or commas in labels do not decide it.
fn sniff_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    let consistent = |d: u8| -> usize {
        let counts: Vec<usize> = head.iter().map(|line| unquoted(line, d)).collect();
        let mut best = 0;
        for &n in counts.iter().filter(|n| **n > 0) {
            best = best.max(counts.iter().filter(|m| **m == n).count());
        }
        best
    };
    let mut chosen = (b';', consistent(b';'));
    for d in [b',', b'\t'] {
        let lines = consistent(d);
        if lines > chosen.1 {
            chosen = (d, lines);
        }
    }
    chosen.0
}

/// How many times `d` is in a line outside double quotes.
fn unquoted(line: &str, d: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|b| {
            if *b == b'"' {
                quoted = !quoted;
            }
            !quoted && *b == d
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_like_spreadsheets() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn csv_separator_and_encoding_are_found() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("a\tb"), b'\t');
        // Commas in labels and decimal commas of a `;` file are no separator.
        let french = "Date;Libellé;Montant TTC\n01/02/2025;Lot 1, recette, phase 1;1 200,00\n\
                      02/02/2025;Lot 2, recette;300,50\n";
        assert_eq!(sniff_delimiter(french), b';');
        // A banner without separators, then a comma file, some fields quoted with commas.
        let english =
            "Export du 06/01/2026\nDate,Label,Amount\n01/02/2025,\"Lot 1; phase 1\",1200\n";
        assert_eq!(sniff_delimiter(english), b',');
        assert_eq!(decode(b"Libell\xe9"), "Libellé");
        assert_eq!(decode("\u{feff}Libellé".as_bytes()), "Libellé");
    }

    #[test]
    fn a_csv_file_s_rows_stop_where_a_workbook_s_do() {
        // Blank lines past the rows a budget can hold, then a row: not read, nothing grows
        // without end (64 MiB of line ends made 67 million rows).
        let text = "\n".repeat(MAX_ROWS + 50) + "a;b\n";
        let read = from_csv(text.as_bytes(), "vide", &AtomicUsize::new(0));
        assert!(matches!(read, Err(ImportError::Empty)), "{read:?}");
        let text = "a;b\n".repeat(MAX_ROWS + 50);
        let book = from_csv(text.as_bytes(), "long", &AtomicUsize::new(0)).expect("csv");
        assert_eq!(book.sheets[0].rows.len(), MAX_ROWS);
    }

    #[test]
    fn a_csv_file_s_blank_lines_are_rows_so_rows_keep_the_numbers_a_spreadsheet_shows() {
        // A banner without separators, a blank line, the titles on line 3, a quoted label over
        // two lines (one row, as a spreadsheet shows it: row 4), a blank line, then row 6.
        let text = "Export du 06/01/2026\r\n\r\nDate,Libellé\r\n01/02/2025,\"Lot\r\n1\"\r\n\r\n03/04/2025,Lot 2\r\n";
        let book = from_csv(text.as_bytes(), "export", &AtomicUsize::new(0)).expect("csv");
        let rows = &book.sheets[0].rows;
        let first = |r: usize| rows[r].first().map(Cell::text).unwrap_or_default();
        assert_eq!(
            first(2),
            "Date",
            "the separator is the lines' comma, not the banner's none"
        );
        assert_eq!(rows[3].get(1).map(Cell::text).as_deref(), Some("Lot\r\n1"));
        assert!(rows[1].is_empty() && rows[4].is_empty(), "{rows:?}");
        assert_eq!(first(5), "03/04/2025");
        assert_eq!(rows.len(), 6);
        let lf = text.replace("\r\n", "\n");
        let book = from_csv(lf.as_bytes(), "export", &AtomicUsize::new(0)).expect("csv");
        assert_eq!(book.sheets[0].rows.len(), 6, "{:?}", book.sheets[0].rows);
        assert_eq!(book.sheets[0].rows[5][0].text(), "03/04/2025");
    }
}
