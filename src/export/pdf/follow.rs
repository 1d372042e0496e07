//! The progress report's PDF (issue 22), for the « revue de projet »: the summary, the years
//! committed against spent, savings committed against realized with each method, the targets
//! with their status in words, the milestones, the payments, the findings and what falls due —
//! the figures of `domain::report`, in the words of the « Suivi » step (`present::follow`).

use super::layout::{Column, Row, Style, Writer, colour};
use super::{document, save};
use crate::domain::money::format_eur;
use crate::domain::report::{DUE_DAYS, Report};
use crate::domain::{Dossier, RuleSet};
use crate::i18n::Texts;
use crate::present::follow::{self, Tone};

/// Renders the report's PDF.
///
/// # Errors
/// Only if the embedded font cannot be read, which the tests rule out.
pub fn render(
    dossier: &Dossier,
    report: &Report,
    rules: &RuleSet,
    tr: &Texts,
) -> Result<Vec<u8>, String> {
    let project = if dossier.project.title.trim().is_empty() {
        tr.t("pdf.untitled")
    } else {
        dossier.project.title.trim()
    };
    let title = tr.tf("report.pdf.title", &[("date", &report.at.to_fr())]);
    let (mut doc, fonts) = document(&title)?;
    let mut w = Writer::new(&fonts);
    w.heading(&title);
    w.paragraph(project, Style::STRONG);
    w.paragraph(&follow::head(tr, report), Style::BODY);
    w.space(6.0);
    years(&mut w, tr, report);
    savings(&mut w, tr, report, dossier);
    targets(&mut w, tr, report);
    milestones(&mut w, tr, report);
    w.heading(tr.t("follow.payments"));
    w.paragraph(
        &tr.tf(
            "follow.payments.text",
            &[
                ("planned", &format_eur(report.payments.planned_to_date)),
                ("received", &format_eur(report.payments.received_to_date)),
            ],
        ),
        Style::BODY,
    );
    findings(&mut w, tr, report, rules);
    due(&mut w, tr, report);
    let header = format!("{} — {project}", dossier.window);
    doc.with_pages(w.finish(&header, None));
    let info = &mut doc.metadata.info;
    info.document_title = title;
    info.creator = format!("dossier-cloud {}", env!("CARGO_PKG_VERSION"));
    "dossier-cloud (printpdf)".clone_into(&mut info.producer);
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(report.at.unix_midnight()) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
    Ok(save(&doc))
}

/// A status's style: its colour, and bold where it asks to be looked at.
fn tone(tone: Tone) -> Style {
    match tone {
        Tone::Plain | Tone::Muted => Style::BODY,
        Tone::Good => Style::BODY.coloured((0.094, 0.459, 0.235)),
        Tone::Watch => Style::STRONG.coloured((0.639, 0.278, 0.0)),
        Tone::Bad => Style::STRONG.coloured(colour::RED),
    }
}

fn years(w: &mut Writer<'_>, tr: &Texts, r: &Report) {
    let chart = crate::charts::FollowChart::of(r);
    if chart.is_some() {
        // The heading goes with its chart, never alone at a page's foot.
        w.ensure(40.0 + super::charts::FOLLOW_HEIGHT);
    }
    w.heading(tr.t("follow.years"));
    if let Some(chart) = chart {
        super::charts::follow(w, tr, &chart);
    }
    let columns = [
        Column::left(tr.t("follow.col.year"), 0.1),
        Column::right(tr.t("follow.col.committed"), 0.18),
        Column::right(tr.t("follow.col.spent"), 0.18),
        Column::right(tr.t("follow.col.variance"), 0.24),
        Column::left(tr.t("follow.col.status"), 0.3),
    ];
    let rows: Vec<Row> = r
        .years
        .iter()
        .map(|y| {
            let (status, t) = follow::year_status(tr, y);
            Row {
                cells: vec![
                    y.year.to_string(),
                    format_eur(y.committed_cost_base),
                    format_eur(y.spent_cost_base),
                    follow::variance(y),
                    status,
                ],
                style: tone(t),
            }
        })
        .collect();
    w.table(&columns, &rows);
    if let Some(text) = follow::spent_in_all(tr, &r.years) {
        w.paragraph(&text, Style::BODY.coloured(colour::MUTED));
    }
}

fn savings(w: &mut Writer<'_>, tr: &Texts, r: &Report, d: &Dossier) {
    w.heading(tr.t("follow.savings"));
    if r.savings.years.is_empty() {
        w.paragraph(tr.t("follow.savings.none"), Style::BODY);
        return;
    }
    let columns = [
        Column::left(tr.t("follow.col.year"), 0.2),
        Column::right(tr.t("follow.col.committed"), 0.4),
        Column::right(tr.t("follow.col.realized"), 0.4),
    ];
    let mut rows: Vec<Row> = r
        .savings
        .years
        .iter()
        .map(|y| Row {
            cells: vec![
                y.year.to_string(),
                format_eur(y.committed),
                format_eur(y.realized),
            ],
            style: Style::BODY,
        })
        .collect();
    rows.push(Row {
        cells: vec![
            tr.t("follow.to_date").to_owned(),
            format_eur(r.savings.committed_to_date),
            format_eur(r.savings.realized_to_date),
        ],
        style: Style::STRONG,
    });
    w.table(&columns, &rows);
    // How each was measured, and what shows it.
    for s in &d.tracking.savings {
        let mut text = tr.tf(
            "report.pdf.saving",
            &[
                ("year", &s.year),
                ("amount", &format_eur(s.amount.value())),
                ("method", &crate::present::or_dash(&s.method)),
            ],
        );
        if !s.evidence.trim().is_empty() {
            text.push_str(&tr.tf("report.pdf.evidence", &[("evidence", &s.evidence.trim())]));
        }
        w.paragraph(&text, Style::BODY);
    }
}

fn targets(w: &mut Writer<'_>, tr: &Texts, r: &Report) {
    w.heading(tr.t("follow.indicators"));
    if r.indicators.is_empty() {
        w.paragraph(tr.t("follow.indicators.none"), Style::BODY);
        return;
    }
    let columns = [
        Column::left(tr.t("report.pdf.indicator"), 0.34),
        Column::left(tr.t("follow.col.date"), 0.13),
        Column::right(tr.t("follow.col.target"), 0.15),
        Column::left(tr.t("report.pdf.latest"), 0.22),
        Column::left(tr.t("follow.col.status"), 0.16),
    ];
    let rows: Vec<Row> = r
        .indicators
        .iter()
        .map(|t| {
            let (status, s) = follow::target_status(tr, t);
            Row {
                cells: vec![
                    follow::indicator(tr, &t.indicator),
                    t.date.to_fr(),
                    follow::target(t),
                    follow::latest(tr, t),
                    status,
                ],
                style: tone(s),
            }
        })
        .collect();
    w.table(&columns, &rows);
}

fn milestones(w: &mut Writer<'_>, tr: &Texts, r: &Report) {
    w.heading(tr.t("follow.milestones"));
    if r.milestones.is_empty() {
        w.paragraph(tr.t("follow.milestones.none"), Style::BODY);
        return;
    }
    let columns = [
        Column::left(tr.t("follow.col.milestone"), 0.5),
        Column::left(tr.t("follow.col.date"), 0.2),
        Column::left(tr.t("follow.col.status"), 0.3),
    ];
    let rows: Vec<Row> = r
        .milestones
        .iter()
        .map(|m| {
            let (status, s) = follow::milestone_status(tr, m);
            Row {
                cells: vec![m.name.trim().to_owned(), m.date.to_fr(), status],
                style: tone(s),
            }
        })
        .collect();
    w.table(&columns, &rows);
}

fn findings(w: &mut Writer<'_>, tr: &Texts, r: &Report, rules: &RuleSet) {
    w.heading(tr.t("follow.findings"));
    if r.findings.is_empty() {
        w.paragraph(tr.t("follow.findings.none"), Style::BODY);
        return;
    }
    for f in &r.findings {
        let text = tr.tf(
            "report.pdf.finding",
            &[
                (
                    "severity",
                    &crate::present::capitalised(tr.severity(f.severity)),
                ),
                ("rule", &f.rule),
                ("message", &tr.finding(f, Some(rules))),
            ],
        );
        w.paragraph(&text, Style::BODY);
        w.space(2.0);
    }
}

fn due(w: &mut Writer<'_>, tr: &Texts, r: &Report) {
    w.heading(&tr.tf("follow.due", &[("days", &DUE_DAYS)]));
    if r.due.is_empty() {
        w.paragraph(tr.t("follow.due.none"), Style::BODY);
        return;
    }
    for d in &r.due {
        w.paragraph(
            &format!("{} — {}", d.date.to_fr(), tr.due_item(&d.item)),
            Style::BODY,
        );
    }
}
