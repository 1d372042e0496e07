//! One row of a sheet read as a budget line or as a spending: each field's cell checked and
//! turned into the model's type, or the reason it cannot be.

use chrono::Datelike as _;
use rust_decimal::Decimal;

use super::{AmountProblem, Cell, Field, Problem, words};
use crate::domain::dates::Date;
use crate::domain::dossier::{BudgetLine, Category};
use crate::domain::follow::Spending;
use crate::domain::limits::{MAX_TEXT_CHARS, YEARS};
use crate::domain::money::Amount;

/// A row's cells by field (an empty cell for a field without a column).
pub(super) struct Row<'a>([&'a Cell; 6]);

static EMPTY: Cell = Cell::Empty;

impl<'a> Row<'a> {
    /// The row whose cell for each field `cell` gives.
    pub(super) fn new(cell: impl Fn(Field) -> Option<&'a Cell>) -> Self {
        Row(Field::ALL.map(|f| cell(f).unwrap_or(&EMPTY)))
    }

    fn get(&self, field: Field) -> &'a Cell {
        self.0[field.index()]
    }
}

/// A budget line: every field is needed.
pub(super) fn line_of(row: &Row<'_>) -> Result<BudgetLine, Problem> {
    let label = label_of(row.get(Field::Label))?;
    if label.is_empty() {
        return Err(Problem::EmptyLabel);
    }
    Ok(BudgetLine {
        label,
        category: category_of(row.get(Field::Category))?,
        year: year_of(row.get(Field::Year))?,
        amount_ttc: amount_of(row.get(Field::Amount))?,
    })
}

/// A spending: its date, category and amount are needed; an accounting line may have no label
/// or reference.
pub(super) fn spending_of(row: &Row<'_>) -> Result<Spending, Problem> {
    let label = label_of(row.get(Field::Label))?;
    let date = date_of(row.get(Field::Date))?;
    let category = category_of(row.get(Field::Category))?;
    let amount_ttc = amount_of(row.get(Field::Amount))?;
    let reference = row.get(Field::Reference).text();
    if reference.chars().count() > MAX_TEXT_CHARS {
        return Err(Problem::ReferenceTooLong(MAX_TEXT_CHARS));
    }
    Ok(Spending {
        date,
        label,
        category,
        amount_ttc,
        reference,
    })
}

/// The label, unless the row is a total's (left out so nothing is counted twice) or too long.
fn label_of(cell: &Cell) -> Result<String, Problem> {
    let label = cell.text();
    if words::is_total(&label) {
        return Err(Problem::TotalRow(label));
    }
    if label.chars().count() > MAX_TEXT_CHARS {
        return Err(Problem::LabelTooLong(MAX_TEXT_CHARS));
    }
    Ok(label)
}

fn category_of(cell: &Cell) -> Result<Category, Problem> {
    let text = cell.text();
    if text.is_empty() {
        return Err(Problem::EmptyCategory);
    }
    words::category_of(&text).ok_or(Problem::UnknownCategory(text))
}

fn year_of(cell: &Cell) -> Result<i32, Problem> {
    let year = match cell {
        Cell::Empty => return Err(Problem::EmptyYear),
        Cell::Date(date) => Some(date.year()),
        Cell::Number(text) | Cell::Text(text) => text.trim().parse::<i32>().ok(),
        Cell::Error(_) => None,
    };
    match year {
        Some(year) if YEARS.contains(&year) => Ok(year),
        Some(year) => Err(Problem::YearOutOfRange { year }),
        None => Err(Problem::UnreadableYear(cell.text())),
    }
}

/// A date cell, or a text as accounting exports write dates: `31/12/2026`, `31-12-2026`,
/// `31.12.2026`, `2026-12-31` (a time after it is left out), or a day number as a sheet stores a
/// date without its format (45 657 is 31/12/2024).
fn date_of(cell: &Cell) -> Result<Date, Problem> {
    use crate::domain::dates::DateError;
    let unreadable = || Problem::UnreadableDate(cell.text());
    let out_of_range = Problem::DateOutOfRange;
    let day = |d: chrono::NaiveDate| Date::from_ymd(d.year(), d.month(), d.day());
    // A date out of the years a dossier covers is said so, not « illisible ».
    let said = |e: DateError| match e {
        DateError::OutOfRange => out_of_range(date_text(cell)),
        DateError::Impossible => Problem::NoSuchDate(cell.text()),
        DateError::Shape(_) => unreadable(),
    };
    match cell {
        Cell::Empty => Err(Problem::EmptyDate),
        Cell::Date(d) => day(*d).map_err(said),
        Cell::Number(text) => {
            let serial: i64 = text.parse().map_err(|_| unreadable())?;
            // Day 1 is 01/01/1900 in the sheets' count, which also has a 29/02/1900. Any
            // number may be in the cell: out of reach of a date, it is no date (never a panic).
            let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).ok_or_else(unreadable)?;
            let date = chrono::Duration::try_days(serial)
                .and_then(|days| epoch.checked_add_signed(days))
                .ok_or_else(|| out_of_range(date_text(cell)))?;
            day(date).map_err(|_| out_of_range(date_text(cell)))
        }
        Cell::Text(text) => {
            let text = text.split([' ', 'T']).next().unwrap_or_default();
            match Date::parse_fr(&text.replace(['-', '.'], "/")) {
                Err(DateError::Shape(_)) => Date::parse_iso(text).map_err(said),
                other => other.map_err(said),
            }
        }
        Cell::Error(_) => Err(unreadable()),
    }
}

/// A date cell as a message quotes it: the day a sheet's number stands for is no help, the
/// number is.
fn date_text(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => n.clone(),
        other => other.text(),
    }
}

fn amount_of(cell: &Cell) -> Result<Amount, Problem> {
    let fail = |why: AmountProblem| Problem::Amount {
        text: cell.text(),
        why,
    };
    match cell {
        Cell::Empty => Err(Problem::EmptyAmount),
        Cell::Number(text) => {
            let exact: Decimal = text.parse().map_err(|_| fail(AmountProblem::NotANumber))?;
            // A computed cell (=B2*1.2) may carry float noise past the cents; a real third
            // decimal is refused rather than rounded silently.
            let cents = exact.round_dp(2);
            if (exact - cents).abs() > Decimal::new(1, 6) {
                return Err(fail(AmountProblem::TooManyDecimals));
            }
            Amount::new(cents).map_err(|e| fail(AmountProblem::Invalid(e)))
        }
        // The French reader also takes the plain form (`1234.56`).
        Cell::Text(text) => Amount::parse_fr(text).map_err(|e| fail(AmountProblem::Invalid(e))),
        Cell::Date(_) => Err(fail(AmountProblem::ADate)),
        Cell::Error(_) => Err(fail(AmountProblem::CellError)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::needless_pass_by_value)] // reads as the cells are written below
    fn date(cell: Cell) -> Result<Date, Problem> {
        date_of(&cell)
    }

    #[test]
    fn accounting_dates_are_read_in_their_usual_forms() {
        let text = |t: &str| Cell::Text(t.to_owned());
        for written in [
            "31/12/2026",
            "31-12-2026",
            "31.12.2026",
            "2026-12-31",
            "2026-12-31 00:00:00",
            "2026-12-31T00:00:00",
        ] {
            assert_eq!(
                date(text(written)),
                Date::from_ymd(2026, 12, 31).map_err(|_| Problem::EmptyDate),
                "{written}"
            );
        }
        assert_eq!(
            date(Cell::Number("45657".into())),
            Date::from_ymd(2024, 12, 31).map_err(|_| Problem::EmptyDate)
        );
        assert_eq!(date(Cell::Empty), Err(Problem::EmptyDate));
        // Written right, but no such day: said so, not « illisible ».
        assert_eq!(
            date(text("31/02/2026")),
            Err(Problem::NoSuchDate("31/02/2026".into()))
        );
        for unreadable in ["12/2026", "demain", "2026-2-30"] {
            assert_eq!(
                date(text(unreadable)),
                Err(Problem::UnreadableDate(unreadable.into())),
                "{unreadable}"
            );
        }
        // A real date, out of the years a dossier covers: said so.
        for far in ["31/12/1999", "2101-01-01"] {
            assert_eq!(
                date(text(far)),
                Err(Problem::DateOutOfRange(far.into())),
                "{far}"
            );
        }
        // 1 is 31/12/1899: before the years a dossier covers. A number far past any date is
        // refused, never a panic (chrono's day count panicked on 10¹⁵).
        for number in ["1", "1000000000000000", "-99999999999999999"] {
            assert_eq!(
                date(Cell::Number(number.into())),
                Err(Problem::DateOutOfRange(number.into())),
                "{number}"
            );
        }
        assert!(date(Cell::Number("45657.5".into())).is_err());
    }
}
