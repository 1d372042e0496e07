//! Money and rates: exact decimals from input to output, French formatting and parsing.
//!
//! Money is never a float. An [`Amount`] is a non-negative number of euros with at most two
//! decimals; a [`Rate`] is a fraction in `]0, 1]`. Both serialise as plain decimal strings with a
//! dot (`"125000.00"`, `"0.50"`), as fixed by `PACK-FORMAT.md`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::limits::MAX_AMOUNT_EUROS;
use super::values::{self, ValueError};

/// U+202F, the narrow no-break space French puts between groups of thousands.
pub const NNBSP: char = '\u{202F}';
/// U+00A0, the no-break space French puts before `€` and `%`.
pub const NBSP: char = '\u{A0}';

/// A non-negative amount of euros (TTC) with at most two decimals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(Decimal);

/// Why a text is not an amount. Each variant's message is French, for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Nothing was typed.
    #[error("montant vide")]
    Empty,
    /// A character that has no place in an amount.
    #[error("caractère inattendu « {0} » dans le montant")]
    BadChar(char),
    /// Both `,` and `.`, or several marks.
    #[error("une seule marque décimale est permise (virgule ou point)")]
    SeveralMarks,
    /// More than two decimals.
    #[error("au plus deux décimales (centimes)")]
    TooManyDecimals,
    /// A minus sign.
    #[error("un montant ne peut pas être négatif")]
    Negative,
    /// Beyond [`MAX_AMOUNT_EUROS`].
    #[error("montant démesuré (plus de {max} €)", max = MAX_AMOUNT_EUROS)]
    TooLarge,
    /// No digit at all, or a lone mark.
    #[error("aucun chiffre dans le montant")]
    NoDigit,
}

impl Amount {
    /// Zero euros.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// Checks a decimal as an amount: not negative, at most two decimals, not absurd.
    ///
    /// # Errors
    /// The [`AmountError`] saying which of those fails.
    pub fn new(value: Decimal) -> Result<Self, AmountError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(AmountError::Negative);
        }
        if value.normalize().scale() > 2 {
            return Err(AmountError::TooManyDecimals);
        }
        if value > Decimal::from(MAX_AMOUNT_EUROS) {
            return Err(AmountError::TooLarge);
        }
        Ok(Amount(value.abs()))
    }

    /// A whole number of euros.
    #[must_use]
    pub fn euros(value: u32) -> Self {
        Amount(Decimal::from(value))
    }

    /// The value in euros.
    #[must_use]
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Parses what a French user types: `1 234,56`, `1234,56`, `1 234.56`, `1 234,56 €`.
    ///
    /// # Errors
    /// An [`AmountError`] that says what is wrong, in French.
    pub fn parse_fr(text: &str) -> Result<Self, AmountError> {
        Amount::new(parse_decimal_fr(text, 2)?)
    }

    /// Parses the plain form of `PACK-FORMAT.md`: digits, optionally a dot and one or two decimals.
    ///
    /// # Errors
    /// An [`AmountError`] when the text is not in that form or not an amount.
    pub fn parse_plain(text: &str) -> Result<Self, AmountError> {
        Amount::new(parse_plain_decimal(text, 2)?)
    }

    /// The plain form written to files: `"125000.00"`.
    #[must_use]
    pub fn to_plain(self) -> String {
        format!("{:.2}", self.0)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_eur(self.0))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text =
            deserializer.deserialize_any(PlainDecimalVisitor(values::DecimalKind::Amount))?;
        Amount::parse_plain(&text).map_err(|error| values::fail(ValueError::Amount { text, error }))
    }
}

/// A cofunding rate: a fraction in `]0, 1]` with at most four decimals (`0.50` is 50 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(Decimal);

/// Why a text is not a rate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateError {
    /// Not a decimal number.
    #[error("{0}")]
    NotANumber(AmountError),
    /// Zero, negative, or above 100 %.
    #[error("un taux doit être supérieur à 0 et au plus égal à 1 (100 %)")]
    OutOfRange,
}

impl Rate {
    /// Checks a fraction as a rate.
    ///
    /// # Errors
    /// [`RateError::OutOfRange`] unless `0 < value ≤ 1` with at most four decimals.
    pub fn new(value: Decimal) -> Result<Self, RateError> {
        if value <= Decimal::ZERO || value > Decimal::ONE || value.normalize().scale() > 4 {
            return Err(RateError::OutOfRange);
        }
        Ok(Rate(value.normalize()))
    }

    /// The fraction (`0.5` for 50 %).
    #[must_use]
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Parses a percentage as a French user types it: `50`, `42,5`, `42,5 %`.
    ///
    /// # Errors
    /// A [`RateError`] in French.
    pub fn parse_percent_fr(text: &str) -> Result<Self, RateError> {
        let trimmed = text.trim().trim_end_matches('%').trim_end();
        let percent = parse_decimal_fr(trimmed, 2).map_err(RateError::NotANumber)?;
        Rate::new(percent / Decimal::ONE_HUNDRED)
    }

    /// The plain form written to files, at least two decimals: `"0.50"`, `"0.425"`.
    #[must_use]
    pub fn to_plain(self) -> String {
        let scale = self.0.scale().max(2) as usize;
        format!("{:.*}", scale, self.0)
    }

    /// The rate as a French percentage: `50 %`, `42,5 %`.
    #[must_use]
    pub fn percent_fr(self) -> String {
        format!(
            "{}{NBSP}%",
            percent_number_fr(self.0 * Decimal::ONE_HUNDRED)
        )
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.percent_fr())
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain())
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_any(PlainDecimalVisitor(values::DecimalKind::Rate))?;
        parse_plain_decimal(&text, 4)
            .map_err(RateError::NotANumber)
            .and_then(Rate::new)
            .map_err(|error| values::fail(ValueError::Rate { text, error }))
    }
}

impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]+(\\.[0-9]{1,2})?$",
            "description": "Montant en euros TTC : décimal avec un point et au plus deux décimales, en chaîne (\"125000.00\")."
        })
    }
}

impl schemars::JsonSchema for Rate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(0\\.[0-9]{1,4}|1(\\.0{1,4})?)$",
            "description": "Taux : fraction de 0 à 1 en chaîne (\"0.50\" pour 50 %)."
        })
    }
}

/// Accepts only a string: amounts and rates are never JSON numbers (PACK-FORMAT.md).
struct PlainDecimalVisitor(values::DecimalKind);

impl serde::de::Visitor<'_> for PlainDecimalVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // serde's messages are English (the file reader translates them).
        write!(
            f,
            "{} written as a string, for example \"125000.00\"",
            self.0.english()
        )
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
        Err(self.number_given(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Err(self.number_given(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Err(self.number_given(v))
    }
}

impl PlainDecimalVisitor {
    fn number_given<E: serde::de::Error>(&self, v: impl fmt::Display) -> E {
        values::fail(ValueError::Unquoted {
            kind: self.0,
            value: v.to_string(),
        })
    }
}

/// Parses `digits[.digits]` with at most `max_decimals` decimals and nothing else.
fn parse_plain_decimal(text: &str, max_decimals: usize) -> Result<Decimal, AmountError> {
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    if text.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    if let Some(c) = text.chars().find(|c| !c.is_ascii_digit() && *c != '.') {
        return Err(AmountError::BadChar(c));
    }
    if int.is_empty() || frac.is_some_and(str::is_empty) {
        return Err(AmountError::NoDigit);
    }
    if frac.is_some_and(|f| f.contains('.')) {
        return Err(AmountError::SeveralMarks);
    }
    if frac.is_some_and(|f| f.len() > max_decimals) {
        return Err(AmountError::TooManyDecimals);
    }
    // More than 15 integer digits is beyond any limit and beyond what Decimal should be asked.
    if int.trim_start_matches('0').len() > 15 {
        return Err(AmountError::TooLarge);
    }
    Decimal::from_str(text).map_err(|_| AmountError::NoDigit)
}

/// Parses a decimal as typed in French: spaces (including no-break ones) between groups, `,` or
/// `.` as the decimal mark, an optional trailing `€`.
fn parse_decimal_fr(text: &str, max_decimals: usize) -> Result<Decimal, AmountError> {
    let trimmed = text.trim().trim_end_matches('€').trim_end();
    if trimmed.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut plain = String::with_capacity(trimmed.len());
    let mut marks = 0;
    for c in trimmed.chars() {
        match c {
            ' ' | NBSP | NNBSP | '\u{2009}' => {}
            ',' | '.' => {
                marks += 1;
                plain.push('.');
            }
            '-' | '−' => return Err(AmountError::Negative),
            c if c.is_ascii_digit() => plain.push(c),
            c => return Err(AmountError::BadChar(c)),
        }
    }
    if marks > 1 {
        return Err(AmountError::SeveralMarks);
    }
    if plain.starts_with('.') {
        plain.insert(0, '0');
    }
    parse_plain_decimal(&plain, max_decimals)
}

/// Rounds half away from zero to the cent: how every cofunding figure is rounded.
#[must_use]
pub fn round_cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats euros the French way: `1 234 567,89 €` (narrow no-break spaces between groups,
/// a no-break space before the sign).
#[must_use]
pub fn format_eur(value: Decimal) -> String {
    format!("{}{NBSP}€", format_number_fr(round_cents(value), 2))
}

/// A percentage's number the French way, without its sign: `45`, `42,5` (the comparison and
/// `diff` write « 45 % → 40 % »).
#[must_use]
pub fn percent_number_fr(percent: Decimal) -> String {
    percent.normalize().to_string().replace('.', ",")
}

/// A difference of amounts, signed: `+12 000,00 €`, `−22 000,00 €` (a true minus sign).
#[must_use]
pub fn format_eur_signed(delta: Decimal) -> String {
    if delta.is_sign_negative() && !delta.is_zero() {
        format!("−{}", format_eur(-delta))
    } else {
        format!("+{}", format_eur(delta))
    }
}

/// Formats a decimal the French way with exactly `decimals` decimals: `1 234,50`.
#[must_use]
pub fn format_number_fr(value: Decimal, decimals: usize) -> String {
    let plain = format!("{:.*}", decimals, value.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 * 3 + 2);
    if value.is_sign_negative() && !value.is_zero() {
        out.push('−');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(NNBSP);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats_french_amounts() {
        assert_eq!(
            format_eur(dec!(1234567.89)),
            "1\u{202F}234\u{202F}567,89\u{A0}€"
        );
        assert_eq!(format_eur(dec!(0)), "0,00\u{A0}€");
        assert_eq!(format_eur(dec!(999.995)), "1\u{202F}000,00\u{A0}€");
        assert_eq!(format_eur(dec!(100000)), "100\u{202F}000,00\u{A0}€");
    }

    #[test]
    fn parses_what_people_type() {
        for text in [
            "1 234,56",
            "1234,56",
            "1 234.56",
            "1\u{202F}234,56 €",
            " 1234.56€ ",
        ] {
            assert_eq!(
                Amount::parse_fr(text).map(Amount::value),
                Ok(dec!(1234.56)),
                "{text}"
            );
        }
        assert_eq!(Amount::parse_fr(",5").map(Amount::value), Ok(dec!(0.5)));
        assert_eq!(Amount::parse_fr("1,234,5"), Err(AmountError::SeveralMarks));
        assert_eq!(Amount::parse_fr("1,234"), Err(AmountError::TooManyDecimals));
        assert_eq!(Amount::parse_fr("-5"), Err(AmountError::Negative));
        assert_eq!(Amount::parse_fr("12a"), Err(AmountError::BadChar('a')));
        assert_eq!(Amount::parse_fr("  "), Err(AmountError::Empty));
        assert_eq!(
            Amount::parse_fr("99999999999999999999"),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn plain_form_is_strict() {
        assert_eq!(
            Amount::parse_plain("125000.00").map(Amount::value),
            Ok(dec!(125000))
        );
        assert_eq!(
            Amount::parse_plain("125000").map(Amount::to_plain),
            Ok("125000.00".into())
        );
        assert!(Amount::parse_plain("125 000").is_err());
        assert!(Amount::parse_plain("125000,00").is_err());
        assert!(Amount::parse_plain("1e5").is_err());
        assert!(Amount::parse_plain(".5").is_err());
        assert!(Amount::parse_plain("5.").is_err());
    }

    #[test]
    fn rates() {
        assert_eq!(
            Rate::parse_percent_fr("42,5 %").map(Rate::to_plain),
            Ok("0.425".into())
        );
        assert_eq!(
            Rate::parse_percent_fr("50").map(Rate::to_plain),
            Ok("0.50".into())
        );
        assert_eq!(
            Rate::parse_percent_fr("50").map(Rate::percent_fr),
            Ok("50\u{A0}%".into())
        );
        assert_eq!(Rate::parse_percent_fr("0"), Err(RateError::OutOfRange));
        assert_eq!(Rate::parse_percent_fr("101"), Err(RateError::OutOfRange));
    }

    #[test]
    fn half_a_cent_rounds_up() {
        assert_eq!(round_cents(dec!(0.005)), dec!(0.01));
        assert_eq!(round_cents(dec!(0.0049)), dec!(0.00));
        assert_eq!(round_cents(dec!(12.345)), dec!(12.35));
    }

    #[test]
    fn a_difference_is_signed_with_a_true_minus() {
        assert_eq!(
            super::format_eur_signed(dec!(-22000)),
            "−22\u{202F}000,00\u{A0}€"
        );
        assert_eq!(super::format_eur_signed(dec!(12.5)), "+12,50\u{A0}€");
        assert_eq!(super::format_eur_signed(dec!(0)), "+0,00\u{A0}€");
    }

    #[test]
    fn a_percentage_number_is_written_the_french_way() {
        assert_eq!(super::percent_number_fr(dec!(45.00)), "45");
        assert_eq!(super::percent_number_fr(dec!(42.50)), "42,5");
    }
}
