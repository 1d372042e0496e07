//! Reading a dossier's text: the format probed first, then strict serde (amounts, dates and
//! choices typed), unknown fields kept as warnings, each error placed by line and column.

use super::validate::validate;
use super::{Encoding, ParseError, Parsed};
use crate::domain::dossier::{Dossier, FORMAT};
use crate::domain::rules::RuleBook;
use crate::domain::values::{self, ValueError};

/// Fields a `dossier.json` carries that are computed, not read back.
const COMPUTED_FIELDS: &[&str] = &["estimate", "findings"];

/// Reads a dossier from bytes.
///
/// # Errors
/// A [`ParseError`] saying where and why.
pub fn parse(bytes: &[u8], encoding: Encoding, rules: &RuleBook) -> Result<Parsed, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(&bytes[..e.valid_up_to()]);
        ParseError::NotUtf8 { line, col }
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    check_format(probe_format(text, encoding))?;
    // Forget a value error recorded by an earlier read on this thread.
    let _ = values::take_last();
    let mut ignored = Vec::new();
    let dossier: Dossier = match encoding {
        Encoding::Json => parse_json(text, &mut ignored)?,
        Encoding::Ron => parse_ron(text, &mut ignored)?,
    };
    ignored.retain(|path| !COMPUTED_FIELDS.contains(&path.as_str()));
    validate(&dossier, rules)?;
    Ok(Parsed { dossier, ignored })
}

/// The `format` field, read on its own before the rest, so a file from another version is named
/// as such rather than reported as a list of type errors. `Err` when the text does not even parse
/// that far: the full parse then says where.
fn probe_format(text: &str, encoding: Encoding) -> Result<Option<String>, ()> {
    #[derive(serde::Deserialize)]
    struct Probe {
        format: Option<String>,
    }
    match encoding {
        Encoding::Json => serde_json::from_str::<Probe>(text)
            .map(|p| p.format)
            .map_err(|_| ()),
        Encoding::Ron => ron::from_str::<Probe>(text)
            .map(|p| p.format)
            .map_err(|_| ()),
    }
}

/// Accepts the current format; names older, newer and unknown ones. Older versions would be
/// migrated here, one explicit step per version, before the typed read; `dossier-cloud/1` is the
/// first version, so there is none yet.
fn check_format(probed: Result<Option<String>, ()>) -> Result<(), ParseError> {
    match probed {
        Err(()) => Ok(()),
        Ok(None) => Err(ParseError::NotADossier),
        Ok(Some(found)) if found == FORMAT => Ok(()),
        Ok(Some(found)) => {
            let newer = found
                .strip_prefix("dossier-cloud/")
                .and_then(|v| v.parse::<u32>().ok())
                .is_some_and(|v| v > 1);
            if newer {
                Err(ParseError::NewerFormat { found })
            } else {
                Err(ParseError::UnknownFormat { found })
            }
        }
    }
}

fn parse_json(text: &str, ignored: &mut Vec<String>) -> Result<Dossier, ParseError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut on_ignored = |path: serde_ignored::Path<'_>| ignored.push(field_path(&path));
    let result: Result<Dossier, _> = serde_path_to_error::deserialize(
        serde_ignored::Deserializer::new(&mut de, &mut on_ignored),
    );
    let dossier = result.map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        ParseError::Syntax {
            line: inner.line(),
            col: inner.column(),
            field,
            detail: crate::i18n::serde_fr::serde_message(message),
            english: message.to_owned(),
            value: typed(message),
        }
    })?;
    de.end().map_err(|e| ParseError::Syntax {
        line: e.line(),
        col: e.column(),
        field: String::new(),
        detail: crate::i18n::serde_fr::serde_message("trailing characters"),
        english: "trailing characters".to_owned(),
        value: None,
    })?;
    Ok(dossier)
}

fn parse_ron(text: &str, ignored: &mut Vec<String>) -> Result<Dossier, ParseError> {
    let mut de = ron::Deserializer::from_str(text).map_err(|e| ParseError::Syntax {
        line: e.span.start.line,
        col: e.span.start.col,
        field: String::new(),
        detail: crate::i18n::serde_fr::ron_message(&e.code),
        english: e.code.to_string(),
        value: None,
    })?;
    let mut on_ignored = |path: serde_ignored::Path<'_>| ignored.push(field_path(&path));
    let result: Result<Dossier, _> = serde_path_to_error::deserialize(
        serde_ignored::Deserializer::new(&mut de, &mut on_ignored),
    );
    let spanned = |de: &ron::Deserializer<'_>, code: ron::Error, field: String| {
        let at = de.span_error(code);
        ParseError::Syntax {
            line: at.span.start.line,
            col: at.span.start.col,
            field,
            detail: crate::i18n::serde_fr::ron_message(&at.code),
            english: at.code.to_string(),
            value: match &at.code {
                ron::Error::Message(message) => typed(message),
                _ => None,
            },
        }
    };
    let dossier = match result {
        Ok(d) => d,
        Err(e) => {
            let field = e.path().to_string();
            return Err(spanned(&de, e.into_inner(), field));
        }
    };
    if let Err(e) = de.end() {
        return Err(spanned(&de, e, String::new()));
    }
    Ok(dossier)
}

/// The typed value error behind a serde message, if the message is that error's.
fn typed(message: &str) -> Option<Box<ValueError>> {
    values::take_last()
        .filter(|value| value.to_string() == message)
        .map(Box::new)
}

/// A path the way the other messages write it: `budget.lines[1].comment`.
fn field_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path as P;
    match path {
        P::Root => String::new(),
        P::Seq { parent, index } => format!("{}[{index}]", field_path(parent)),
        P::Map { parent, key } => {
            let parent = field_path(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
            field_path(parent)
        }
    }
}

/// Line and column (from 1) of the end of some bytes. Only on the error path: no need for speed.
#[allow(clippy::naive_bytecount)]
fn line_col(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}
