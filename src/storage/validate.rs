//! What serde cannot check of a dossier read: its window is known and the limits hold (lines,
//! years, texts, the commitment's nested parts).

use super::{Limit, ParseError};
use crate::domain::dossier::Dossier;
use crate::domain::limits::{MAX_BUDGET_LINES, MAX_TEXT_CHARS, YEARS};
use crate::domain::rules::RuleBook;

/// Checks what serde cannot: the window is known, and the limits hold.
pub(super) fn validate(d: &Dossier, rules: &RuleBook) -> Result<(), ParseError> {
    if rules.window(&d.window).is_none() {
        return Err(ParseError::UnknownWindow {
            found: d.window.clone(),
            known: rules.window_ids(),
        });
    }
    let invalid = |field: String, limit: Limit| Err(ParseError::Invalid { field, limit });
    if d.budget.lines.len() > MAX_BUDGET_LINES {
        return invalid(
            "budget.lines".into(),
            Limit::TooManyLines {
                count: d.budget.lines.len(),
                max: MAX_BUDGET_LINES,
            },
        );
    }
    for (i, line) in d.budget.lines.iter().enumerate() {
        if !YEARS.contains(&line.year) {
            return invalid(
                format!("budget.lines[{i}].year"),
                Limit::YearOutOfRange { year: line.year },
            );
        }
    }
    // After the award: as many spendings as budget lines at most, years in range.
    if d.tracking.spending.len() > MAX_BUDGET_LINES {
        return invalid(
            "tracking.spending".into(),
            Limit::TooManyLines {
                count: d.tracking.spending.len(),
                max: MAX_BUDGET_LINES,
            },
        );
    }
    let years = d
        .commitment
        .iter()
        .flat_map(|c| c.years.iter().enumerate())
        .map(|(i, y)| (format!("commitment.years[{i}].year"), y.year))
        .chain(
            d.tracking
                .savings
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("tracking.savings[{i}].year"), s.year)),
        );
    for (field, year) in years {
        if !YEARS.contains(&year) {
            return invalid(field, Limit::YearOutOfRange { year });
        }
    }
    for (i, att) in d.attachments.iter().enumerate() {
        if let Some(sum) = &att.sha256
            && (sum.len() != 64
                || !sum
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        {
            return invalid(format!("attachments[{i}].sha256"), Limit::Checksum);
        }
    }
    for (field, text) in texts(d) {
        if text.chars().count() > MAX_TEXT_CHARS {
            return invalid(
                field,
                Limit::TextTooLong {
                    max: MAX_TEXT_CHARS,
                },
            );
        }
    }
    Ok(())
}

/// Every free text of a dossier with its field path.
fn texts(d: &Dossier) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = vec![
        ("applicant.ministry".into(), &d.applicant.ministry),
        ("applicant.entity".into(), &d.applicant.entity),
        ("applicant.contact.name".into(), &d.applicant.contact.name),
        ("applicant.contact.email".into(), &d.applicant.contact.email),
        ("applicant.contact.phone".into(), &d.applicant.contact.phone),
        ("project.title".into(), &d.project.title),
        ("project.summary".into(), &d.project.summary),
    ];
    for (i, line) in d.budget.lines.iter().enumerate() {
        out.push((format!("budget.lines[{i}].label"), &line.label));
    }
    for (o, a, app) in d.applications() {
        out.push((format!("operations[{o}].applications[{a}].name"), &app.name));
    }
    for (i, ind) in d.indicators.impact.iter().enumerate() {
        out.push((format!("indicators.impact[{i}].name"), &ind.name));
    }
    if let Some(c) = &d.commitment {
        commitment_texts(c, "commitment", &mut out);
    }
    for (i, s) in d
        .platform
        .iter()
        .flat_map(|p| p.timeline.iter())
        .enumerate()
    {
        out.push((format!("platform.timeline[{i}].state"), &s.state));
        out.push((format!("platform.timeline[{i}].asked_at"), &s.asked_at));
    }
    let t = &d.tracking;
    for (i, s) in t.spending.iter().enumerate() {
        out.push((format!("tracking.spending[{i}].label"), &s.label));
        out.push((format!("tracking.spending[{i}].reference"), &s.reference));
    }
    for (i, s) in t.savings.iter().enumerate() {
        out.push((format!("tracking.savings[{i}].method"), &s.method));
        out.push((format!("tracking.savings[{i}].evidence"), &s.evidence));
    }
    for (i, m) in t.measures.iter().enumerate() {
        out.push((format!("tracking.measures[{i}].indicator"), &m.indicator));
        out.push((format!("tracking.measures[{i}].value"), &m.value));
    }
    for (i, p) in t.payments.iter().enumerate() {
        out.push((format!("tracking.payments[{i}].reference"), &p.reference));
    }
    for (i, m) in t.milestones.iter().enumerate() {
        out.push((format!("tracking.milestones[{i}].name"), &m.name));
    }
    out
}

/// A commitment's free texts, and those of the commitments its amendments replaced.
fn commitment_texts<'a>(
    c: &'a crate::domain::follow::Commitment,
    at: &str,
    out: &mut Vec<(String, &'a str)>,
) {
    out.push((format!("{at}.reference"), &c.reference));
    for (i, p) in c.payments.iter().enumerate() {
        out.push((format!("{at}.payments[{i}].condition"), &p.condition));
    }
    for (i, m) in c.milestones.iter().enumerate() {
        out.push((format!("{at}.milestones[{i}].name"), &m.name));
    }
    for (i, ind) in c.indicators.impact.iter().enumerate() {
        out.push((format!("{at}.indicators.impact[{i}].name"), &ind.name));
    }
    for (i, a) in c.amendments.iter().enumerate() {
        out.push((format!("{at}.amendments[{i}].reference"), &a.reference));
        out.push((format!("{at}.amendments[{i}].reason"), &a.reason));
        commitment_texts(&a.previous, &format!("{at}.amendments[{i}].previous"), out);
    }
}
