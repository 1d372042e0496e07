//! Calendar dates: strict `YYYY-MM-DD` in files, `31/12/2026` on screen, months between dates.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::limits::YEARS;

/// 01/01/2000, the first day the app accepts.
const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// A calendar day, between the years of [`YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// Why a text is not a date, in French.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not `YYYY-MM-DD` (or `JJ/MM/AAAA` where French input is read).
    #[error("date attendue au format {0}")]
    Shape(&'static str),
    /// A day that does not exist, like the 30th of February.
    #[error("cette date n'existe pas")]
    Impossible,
    /// Outside the years the app accepts.
    #[error("année hors de la plage admise ({first}–{last})", first = YEARS.start(), last = YEARS.end())]
    OutOfRange,
}

impl Date {
    /// A date from its parts.
    ///
    /// # Errors
    /// [`DateError::Impossible`] for a day that does not exist, [`DateError::OutOfRange`] for a
    /// year outside [`YEARS`].
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        if !YEARS.contains(&year) {
            return Err(DateError::OutOfRange);
        }
        NaiveDate::from_ymd_opt(year, month, day)
            .map(Date)
            .ok_or(DateError::Impossible)
    }

    /// Parses the file form `2026-12-31`, strictly (four-digit year, two-digit month and day).
    ///
    /// # Errors
    /// A [`DateError`] in French.
    pub fn parse_iso(text: &str) -> Result<Self, DateError> {
        const SHAPE: DateError = DateError::Shape("AAAA-MM-JJ");
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(SHAPE);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(SHAPE);
        }
        let (y, m, d) = (number(y, SHAPE)?, number(m, SHAPE)?, number(d, SHAPE)?);
        Date::from_ymd(i32::try_from(y).map_err(|_| SHAPE)?, m, d)
    }

    /// Parses the French form `31/12/2026` (one- or two-digit day and month).
    ///
    /// # Errors
    /// A [`DateError`] in French.
    pub fn parse_fr(text: &str) -> Result<Self, DateError> {
        const SHAPE: DateError = DateError::Shape("JJ/MM/AAAA");
        let parts: Vec<&str> = text.trim().split('/').collect();
        let [d, m, y] = parts.as_slice() else {
            return Err(SHAPE);
        };
        if y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
            return Err(SHAPE);
        }
        let (y, m, d) = (number(y, SHAPE)?, number(m, SHAPE)?, number(d, SHAPE)?);
        Date::from_ymd(i32::try_from(y).map_err(|_| SHAPE)?, m, d)
    }

    /// Now, by the system clock, in UTC to the second: `2026-12-01T10:20:00Z`.
    #[must_use]
    pub fn now_utc() -> String {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        i64::try_from(secs)
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default()
    }

    /// Today, in the user's time zone (in Paris, the first of January starts at midnight there,
    /// not an hour later in UTC); 01/01/2000 if the clock is before it.
    #[must_use]
    pub fn today() -> Self {
        Some(chrono::Local::now().date_naive())
            .filter(|d| YEARS.contains(&d.year()))
            .map_or(Date(FIRST_DAY), Date)
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, from 1.
    #[must_use]
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The day of the month, from 1.
    #[must_use]
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// The day of the week, 0 for Monday.
    #[must_use]
    pub fn weekday_from_monday(self) -> u32 {
        self.0.weekday().num_days_from_monday()
    }

    /// How many days the month of this date has.
    #[must_use]
    pub fn days_in_month(self) -> u32 {
        let first = self.0.with_day(1).unwrap_or(self.0);
        first
            .checked_add_months(Months::new(1))
            .and_then(|next| next.pred_opt())
            .map_or(31, |last| last.day())
    }

    /// The date `days` days later.
    #[must_use]
    pub fn plus_days(self, days: u32) -> Option<Self> {
        self.0
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .filter(|d| YEARS.contains(&d.year()))
            .map(Date)
    }

    /// The date `months` months later (clamped to the month's last day: 31/08 + 6 → 28/02).
    #[must_use]
    pub fn plus_months(self, months: u32) -> Option<Self> {
        self.0.checked_add_months(Months::new(months)).map(Date)
    }

    /// Whole months from `self` to `later`, and the days left over; `None` if `later` is earlier.
    #[must_use]
    pub fn months_until(self, later: Date) -> Option<(u32, u32)> {
        if later < self {
            return None;
        }
        let mut months = 0u32;
        while self.plus_months(months + 1).is_some_and(|d| d <= later) {
            months += 1;
        }
        let anchor = self.plus_months(months)?;
        let days = u32::try_from((later.0 - anchor.0).num_days()).ok()?;
        Some((months, days))
    }

    /// Seconds from 01/01/1970 to this day at midnight UTC.
    #[must_use]
    pub fn unix_midnight(self) -> i64 {
        self.0
            .signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(FIRST_DAY))
            .num_seconds()
    }

    /// The file form: `2026-12-31`.
    #[must_use]
    pub fn to_iso(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// The French form: `31/12/2026`.
    #[must_use]
    pub fn to_fr(self) -> String {
        self.0.format("%d/%m/%Y").to_string()
    }
}

fn number(text: &str, err: DateError) -> Result<u32, DateError> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().map_err(|_| err)
    } else {
        Err(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_fr())
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text)
            .map_err(|error| super::values::fail(super::values::ValueError::Date { text, error }))
    }
}

/// A duration the French way, each noun agreeing with its number (singular for 0 and 1):
/// `3 mois et 29 jours`, `1 mois et 1 jour`, `4 mois`, `12 jours`.
#[must_use]
pub fn months_and_days_fr(months: u32, days: u32) -> String {
    let days_word = if days <= 1 { "jour" } else { "jours" };
    match (months, days) {
        (_, 0) => format!("{months} mois"),
        (0, _) => format!("{days} {days_word}"),
        _ => format!("{months} mois et {days} {days_word}"),
    }
}

/// `2026-12-01T10:20:00Z` as `01/12/2026 10:20 UTC`, and the platform's
/// `2026-12-02T09:30:00+01:00` as `02/12/2026 09:30 (UTC+01:00)`: the time as given, with its
/// offset; anything else as it is.
#[must_use]
pub fn fr_date_time(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp).map_or_else(
        |_| stamp.to_owned(),
        |t| {
            if t.offset().local_minus_utc() == 0 {
                t.format("%d/%m/%Y %H:%M UTC").to_string()
            } else {
                t.format("%d/%m/%Y %H:%M (UTC%:z)").to_string()
            }
        },
    )
}

/// A moment written in RFC 3339 (`2026-12-01T10:20:00Z`), shown at a given offset from UTC the
/// French way (`01/12/2026 11:20`): the window passes the machine's own offset, so that a time
/// reads as the user's clock said it. As it is when it does not parse.
#[must_use]
pub fn fr_date_time_at(stamp: &str, offset: chrono::FixedOffset) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp).map_or_else(
        |_| stamp.to_owned(),
        |t| {
            t.with_timezone(&offset)
                .format("%d/%m/%Y %H:%M")
                .to_string()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_reads_at_the_users_offset() {
        let paris_winter = chrono::FixedOffset::east_opt(3600).expect("offset");
        assert_eq!(
            fr_date_time_at("2026-12-01T10:20:00Z", paris_winter),
            "01/12/2026 11:20"
        );
        assert_eq!(
            fr_date_time_at("2026-12-31T23:30:00Z", paris_winter),
            "01/01/2027 00:30"
        );
        assert_eq!(fr_date_time_at("hier", paris_winter), "hier");
    }

    fn d(text: &str) -> Date {
        Date::parse_iso(text).expect("valid test date")
    }

    #[test]
    fn strict_iso_dates() {
        assert_eq!(d("2026-12-31").to_fr(), "31/12/2026");
        assert_eq!(Date::parse_iso("2026-02-30"), Err(DateError::Impossible));
        assert_eq!(
            Date::parse_iso("2026-2-3"),
            Err(DateError::Shape("AAAA-MM-JJ"))
        );
        assert_eq!(
            Date::parse_iso("31/12/2026"),
            Err(DateError::Shape("AAAA-MM-JJ"))
        );
        assert_eq!(Date::parse_iso("1899-01-01"), Err(DateError::OutOfRange));
        assert_eq!(
            Date::parse_iso("+202-01-01"),
            Err(DateError::Shape("AAAA-MM-JJ"))
        );
    }

    #[test]
    fn french_dates() {
        assert_eq!(Date::parse_fr("1/3/2027"), Ok(d("2027-03-01")));
        assert_eq!(Date::parse_fr("31/04/2027"), Err(DateError::Impossible));
    }

    #[test]
    fn calendar_helpers() {
        assert_eq!(d("2028-02-10").days_in_month(), 29);
        assert_eq!(d("2027-02-10").days_in_month(), 28);
        assert_eq!(d("2026-11-23").weekday_from_monday(), 0);
        assert_eq!((d("2026-11-23").month(), d("2026-11-23").day()), (11, 23));
    }

    #[test]
    fn months_between() {
        assert_eq!(d("2027-01-15").months_until(d("2027-07-15")), Some((6, 0)));
        assert_eq!(d("2027-01-15").months_until(d("2027-07-16")), Some((6, 1)));
        assert_eq!(d("2027-01-31").months_until(d("2027-02-28")), Some((1, 0)));
        assert_eq!(d("2027-01-15").months_until(d("2027-01-14")), None);
    }

    #[test]
    fn a_platform_time_keeps_its_offset_and_utc_says_so() {
        assert_eq!(
            super::fr_date_time("2026-12-01T10:20:00Z"),
            "01/12/2026 10:20 UTC"
        );
        assert_eq!(
            super::fr_date_time("2026-12-02T09:30:00+01:00"),
            "02/12/2026 09:30 (UTC+01:00)"
        );
        assert_eq!(super::fr_date_time("hier"), "hier");
    }
}
