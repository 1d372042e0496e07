//! The PDF of the submission pack, for people: a cover with the summary, then the applicant, the
//! operations, the budget with the excluded costs marked, the schedule, the indicators, the
//! findings and the attachments. A4 portrait, `DejaVu Sans` embedded (subset), French throughout.

mod charts;
pub mod follow;
pub mod layout;

use printpdf::{ParsedFont, PdfDocument, PdfSaveOptions};

use self::layout::{Column, Font, Fonts, MARGIN_X, Row, Style, TEXT_W, Writer, colour};
use crate::domain::dossier::{Operation, Tracked};
use crate::domain::money::format_eur;
use crate::domain::{Date, Dossier, Evaluation, Knowledge, Severity};
use crate::i18n::Texts;

/// The budget table's share of the width for the line number: room for five digits (at 5 % line
/// numbers past 99 were cut in two).
const NUMBER_SHARE: f32 = 0.08;
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// What the PDF is made from.
pub struct Source<'a> {
    /// The dossier.
    pub dossier: &'a Dossier,
    /// Its estimate and findings.
    pub evaluation: &'a Evaluation,
    /// Rules and catalogue.
    pub knowledge: &'a Knowledge,
    /// The day the pack is made.
    pub generated_on: Date,
    /// The texts of the PDF's language.
    pub tr: &'static Texts,
}

/// Renders the PDF.
///
/// # Errors
/// Only if the embedded font cannot be read, which the tests rule out.
pub fn render(source: &Source<'_>) -> Result<Vec<u8>, String> {
    let d = source.dossier;
    let tr = source.tr;
    let title = if d.project.title.trim().is_empty() {
        tr.t("pdf.untitled")
    } else {
        d.project.title.trim()
    };
    let (mut doc, fonts) = document(title)?;
    let window = source.knowledge.rules.window(&d.window);
    let window_name = window.map_or(d.window.as_str(), |w| w.name.as_str());

    let w = lay_out(source, &fonts, title, window_name);
    let draft = source.evaluation.is_blocked().then(|| tr.t("pdf.draft"));
    let header = format!("{} — {title}", d.window);
    doc.with_pages(w.finish(&header, draft));

    let info = &mut doc.metadata.info;
    title.clone_into(&mut info.document_title);
    info.author = if d.applicant.entity.trim().is_empty() {
        d.applicant.ministry.clone()
    } else {
        d.applicant.entity.clone()
    };
    info.subject = tr.tf(
        "pdf.subject",
        &[("name", &window_name), ("window", &d.window)],
    );
    info.creator = format!("dossier-cloud {}", env!("CARGO_PKG_VERSION"));
    "dossier-cloud (printpdf)".clone_into(&mut info.producer);
    info.keywords = vec!["FTAP".into(), "Cloud de confiance".into(), d.window.clone()];
    if let Ok(date) =
        printpdf::OffsetDateTime::from_unix_timestamp(source.generated_on.unix_midnight())
    {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
    Ok(save(&doc))
}

/// A new document and its two fonts, embedded.
fn document(title: &str) -> Result<(PdfDocument, Fonts), String> {
    let mut doc = PdfDocument::new(title);
    let mut warnings = Vec::new();
    let regular =
        ParsedFont::from_bytes(REGULAR, 0, &mut warnings).ok_or("police DejaVu Sans illisible")?;
    let bold = ParsedFont::from_bytes(BOLD, 0, &mut warnings)
        .ok_or("police DejaVu Sans Bold illisible")?;
    let fonts = Fonts {
        regular: Font::new(doc.add_font(&regular), REGULAR)
            .ok_or("police DejaVu Sans illisible")?,
        bold: Font::new(doc.add_font(&bold), BOLD).ok_or("police DejaVu Sans Bold illisible")?,
    };
    Ok((doc, fonts))
}

/// The document's bytes.
fn save(doc: &PdfDocument) -> Vec<u8> {
    // Stream compression took 40 of the 95 ms of a 1 000-line budget; uncompressed, a typical
    // dossier is ~120 KB instead of ~45 KB, well within any upload limit. Fonts stay subset.
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    doc.save(&options, &mut Vec::new())
}

/// The document, section by section, in pages.
fn lay_out<'f>(
    source: &Source<'_>,
    fonts: &'f Fonts,
    title: &str,
    window_name: &str,
) -> Writer<'f> {
    let (tr, d) = (source.tr, source.dossier);
    let mut w = Writer::new(fonts);
    cover(&mut w, source, title, window_name);
    w.page_break();
    applicant(&mut w, tr, d);
    operations(&mut w, tr, d);
    budget(&mut w, source);
    schedule(&mut w, source);
    indicators(&mut w, tr, d);
    closing(&mut w, source);
    w
}

/// The findings and the attachments, the last two sections. When the attachments would start
/// a page of their own, both go to the next page together if they fit there: a short last
/// section never stands alone on the last page.
fn closing(w: &mut Writer<'_>, source: &Source<'_>) {
    let (tr, d) = (source.tr, source.dossier);
    let mut tried = w.fork();
    findings(&mut tried, source);
    let before = tried.page_count();
    attachments(&mut tried, tr, d);
    if tried.page_count() > before {
        let mut together = w.fork();
        together.page_break();
        let start = together.page_count();
        findings(&mut together, source);
        attachments(&mut together, tr, d);
        if together.page_count() == start {
            w.adopt(together);
            return;
        }
    }
    w.adopt(tried);
}

/// The words the layout has to cut inside for want of a column wide enough to hold them: none
/// of the document's own words, only a user's over-long ones (the tests check it).
///
/// # Errors
/// Only if the embedded font cannot be read, which the tests rule out.
pub fn words_cut(source: &Source<'_>) -> Result<Vec<String>, String> {
    let unreadable = || "police DejaVu Sans illisible".to_owned();
    let fonts = Fonts {
        regular: Font::new(printpdf::FontId::new(), REGULAR).ok_or_else(unreadable)?,
        bold: Font::new(printpdf::FontId::new(), BOLD).ok_or_else(unreadable)?,
    };
    let title = source.dossier.project.title.trim();
    Ok(lay_out(source, &fonts, title, &source.dossier.window).words_cut())
}

use crate::present::{DASH, choice_or_dash, or_dash};

fn cover(w: &mut Writer<'_>, source: &Source<'_>, title: &str, window_name: &str) {
    let d = source.dossier;
    let tr = source.tr;
    w.space(60.0);
    w.paragraph(
        tr.t("pdf.application"),
        Style {
            size: 12.0,
            bold: false,
            colour: colour::MUTED,
        },
    );
    w.paragraph(
        &tr.tf(
            "pdf.window",
            &[("name", &window_name), ("window", &d.window)],
        ),
        Style {
            size: 12.0,
            bold: true,
            colour: colour::BLUE,
        },
    );
    w.space(18.0);
    w.paragraph(
        title,
        Style {
            size: 22.0,
            bold: true,
            colour: colour::TEXT,
        },
    );
    w.space(10.0);
    w.paragraph(
        &format!(
            "{} — {}",
            or_dash(&d.applicant.entity),
            or_dash(&d.applicant.ministry)
        ),
        Style {
            size: 12.0,
            ..Style::BODY
        },
    );
    w.space(6.0);
    w.paragraph(
        &tr.tf(
            "pdf.made",
            &[
                ("date", &source.generated_on.to_fr()),
                ("version", &env!("CARGO_PKG_VERSION")),
                ("format", &crate::domain::dossier::FORMAT),
            ],
        ),
        Style::SMALL,
    );
    w.space(30.0);

    summary_box(w, source);
}

/// The summary on the cover: what is asked, on what base, and whether it is ready.
fn summary_box(w: &mut Writer<'_>, source: &Source<'_>) {
    let d = source.dossier;
    let e = &source.evaluation.estimate;
    let blocking = source.evaluation.count(Severity::Blocking);
    let tr = source.tr;
    let status = if blocking == 0 {
        tr.t("pdf.ready").to_owned()
    } else {
        tr.tf("pdf.blocked", &[("n", &blocking)])
    };
    let top = w.y();
    w.rect(MARGIN_X, top, TEXT_W, 150.0, colour::LIGHT);
    w.space(10.0);
    w.paragraph_at(
        MARGIN_X + 12.0,
        TEXT_W - 24.0,
        tr.t("review.summary"),
        Style {
            size: 12.0,
            bold: true,
            colour: colour::BLUE,
        },
    );
    w.space(4.0);
    let status_label = tr.t("review.status");
    let mut rows = crate::present::headline_rows(tr, d, e);
    rows.push((status_label.to_owned(), status));
    for (label, value) in &rows {
        let top = w.y();
        w.text_at(
            MARGIN_X + 12.0,
            top,
            label,
            Style::BODY.coloured(colour::MUTED),
        );
        let style = if label == status_label && blocking > 0 {
            Style::STRONG.coloured(colour::RED)
        } else {
            Style::STRONG
        };
        w.text_at(MARGIN_X + 200.0, top, value, style);
        w.space(17.0);
    }
}

fn applicant(w: &mut Writer<'_>, tr: &Texts, d: &Dossier) {
    w.heading(tr.t("pdf.section.applicant"));
    let a = &d.applicant;
    w.key_values(&[
        (tr.t("applicant.kind"), choice_or_dash(tr, a.kind)),
        (tr.t("applicant.ministry"), or_dash(&a.ministry)),
        (tr.t("applicant.structure"), or_dash(&a.entity)),
        (tr.t("review.contact"), or_dash(&a.contact.name)),
        (tr.t("applicant.contact.email"), or_dash(&a.contact.email)),
        (tr.t("applicant.contact.phone"), or_dash(&a.contact.phone)),
    ]);
}

fn operations(w: &mut Writer<'_>, tr: &Texts, d: &Dossier) {
    w.heading(tr.t("pdf.section.operations"));
    w.key_values(&[(tr.t("pdf.title"), or_dash(&d.project.title))]);
    if !d.project.summary.trim().is_empty() {
        w.paragraph(d.project.summary.trim(), Style::BODY);
        w.space(6.0);
    }
    for op in &d.operations {
        match op {
            Operation::Migration { applications } => migration_table(w, tr, applications),
            Operation::Extension(ext) => extension_block(w, tr, ext),
        }
    }
}

/// The applications of a migration.
fn migration_table(
    w: &mut Writer<'_>,
    tr: &Texts,
    applications: &[crate::domain::dossier::Application],
) {
    w.paragraph(tr.t("operations.migration"), Style::STRONG);
    w.space(4.0);
    let columns = [
        Column::left(tr.t("pdf.col.application"), 0.22),
        Column::left(tr.t("pdf.col.data"), 0.16),
        Column::left(tr.t("applications.origin"), 0.22),
        Column::left(tr.t("pdf.col.target"), 0.18),
        Column::left(tr.t("pdf.col.offer"), 0.22),
    ];
    let rows: Vec<Row> = applications
        .iter()
        .map(|app| Row {
            cells: vec![
                or_dash(&app.name),
                choice_or_dash(tr, app.data_sensitivity),
                choice_or_dash(tr, app.origin),
                choice_or_dash(tr, app.target.as_ref().map(|t| t.kind)),
                app.target.as_ref().map_or(DASH.to_owned(), |t| {
                    let mut offer = or_dash(&t.offer);
                    if let Some(r) = &t.qualification_ref {
                        offer = tr.tf("pdf.qualification", &[("offer", &offer), ("reference", &r)]);
                    }
                    offer
                }),
            ],
            style: Style::BODY,
        })
        .collect();
    w.table(&columns, &rows);
}

/// An extension: its offer, services and third-ministry commitments.
fn extension_block(w: &mut Writer<'_>, tr: &Texts, ext: &crate::domain::dossier::Extension) {
    w.paragraph(
        &tr.tf(
            "pdf.extension",
            &[("offer", &choice_or_dash(tr, ext.offer))],
        ),
        Style::STRONG,
    );
    w.space(4.0);
    w.key_values(&[(
        tr.t("pdf.services"),
        if ext.services.is_empty() {
            DASH.to_owned()
        } else {
            ext.services.join(" ; ")
        },
    )]);
    let columns = [
        Column::left(tr.t("pdf.col.third_ministry"), 0.5),
        Column::left(tr.t("operations.commitment.document"), 0.5),
    ];
    let rows: Vec<Row> = ext
        .commitments
        .iter()
        .map(|c| Row {
            cells: vec![or_dash(&c.ministry), or_dash(&c.document)],
            style: Style::BODY,
        })
        .collect();
    w.table(&columns, &rows);
}

fn budget(w: &mut Writer<'_>, source: &Source<'_>) {
    let d = source.dossier;
    let rules = source.knowledge.rules.window(&d.window);
    let tr = source.tr;
    w.heading(tr.t("pdf.section.budget"));
    let columns = [
        Column::right(tr.t("budget.col.number"), NUMBER_SHARE),
        Column::left(tr.t("budget.col.label"), 0.30),
        Column::left(tr.t("budget.col.category"), 0.19),
        Column::right(tr.t("budget.col.year"), 0.08),
        Column::right(tr.t("import.col.amount"), 0.16),
        Column::right(tr.t("budget.base"), 0.19),
    ];
    let rows: Vec<Row> = d
        .budget
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let exclusion = rules.and_then(|r| r.exclusion(line.category));
            Row {
                cells: vec![
                    (i + 1).to_string(),
                    or_dash(&line.label),
                    tr.choice(line.category).to_owned(),
                    line.year.to_string(),
                    format_eur(line.amount_ttc.value()),
                    exclusion.map_or_else(
                        || format_eur(line.amount_ttc.value()),
                        |x| tr.tf("pdf.excluded", &[("rule", &x.rule)]),
                    ),
                ],
                style: if exclusion.is_some() {
                    Style::BODY.coloured(colour::MUTED)
                } else {
                    Style::BODY
                },
            }
        })
        .collect();
    w.table(&columns, &rows);

    totals(w, tr, &source.evaluation.estimate);
    estimate_block(w, tr, &source.evaluation.estimate);
    plan(w, source);
}

/// Subtotals per category.
fn totals(w: &mut Writer<'_>, tr: &Texts, e: &crate::domain::Estimate) {
    let by_category = [
        Column::left(tr.t("budget.col.category"), 0.55),
        Column::left(tr.t("budget.col.base"), 0.2),
        Column::right(tr.t("pdf.col.total"), 0.25),
    ];
    let rows: Vec<Row> = e
        .by_category
        .iter()
        .map(|c| Row {
            cells: vec![
                tr.choice(c.category).to_owned(),
                c.excluded_by
                    .as_ref()
                    .map_or(tr.t("pdf.yes").to_owned(), |r| {
                        tr.tf("pdf.no_because", &[("rule", &r)])
                    }),
                format_eur(c.total),
            ],
            style: Style::BODY,
        })
        .collect();
    w.subheading(tr.t("budget.by_category"));
    w.table(&by_category, &rows);
}

/// The plan over the years: its chart, its table, the payback.
fn plan(w: &mut Writer<'_>, source: &Source<'_>) {
    let tr = source.tr;
    let e = &source.evaluation.estimate;
    let start = source.dossier.project.start.map(Date::year);
    w.space(6.0);
    // The title and the payback stay with the chart they announce.
    w.ensure(charts::PLAN_HEIGHT + 48.0);
    w.subheading(tr.t("plan.title"));
    let Some(chart) = crate::charts::PlanChart::of(e, start) else {
        w.paragraph(tr.t("plan.none"), Style::BODY.coloured(colour::MUTED));
        return;
    };
    let last = chart.bars.last().map_or(0, |b| b.year);
    w.paragraph(
        &match chart.payback {
            Some(year) => tr.tf("plan.payback", &[("year", &year)]),
            None => tr.tf("plan.payback.none", &[("last", &last)]),
        },
        Style::STRONG,
    );
    charts::plan(w, tr, &chart);
    let columns = [
        Column::left(tr.t("plan.col.year"), 0.10),
        Column::right(tr.t("plan.col.declared"), 0.18),
        Column::right(tr.t("plan.col.cofunding"), 0.18),
        Column::right(tr.t("plan.col.applicant"), 0.18),
        Column::right(tr.t("plan.col.savings"), 0.18),
        Column::right(tr.t("plan.col.cumulative"), 0.18),
    ];
    let rows: Vec<Row> = e
        .years
        .iter()
        .zip(&chart.bars)
        .map(|(y, bar)| Row {
            cells: vec![
                y.year.to_string(),
                format_eur(y.declared_total),
                format_eur(y.cofunding),
                format_eur(y.applicant_share()),
                format_eur(y.savings),
                format_eur(bar.cumulative_savings),
            ],
            style: if chart.payback == Some(y.year) {
                Style::STRONG
            } else {
                Style::BODY
            },
        })
        .collect();
    w.table(&columns, &rows);
}

/// The estimate, as the live panel shows it.
fn estimate_block(w: &mut Writer<'_>, tr: &Texts, e: &crate::domain::Estimate) {
    w.subheading(tr.t("pdf.estimate"));
    let rows = crate::present::estimate_rows(tr, e);
    let rows: Vec<(&str, String)> = rows
        .iter()
        .map(|r| (r.label.as_str(), r.value.clone()))
        .collect();
    w.key_values(&rows);
}

fn schedule(w: &mut Writer<'_>, source: &Source<'_>) {
    let p = &source.dossier.project;
    let date = crate::present::date_or_dash;
    let tr = source.tr;
    w.heading(tr.t("pdf.section.schedule"));
    w.key_values(&[
        (tr.t("schedule.start"), date(p.start)),
        (tr.t("schedule.first_impact"), date(p.first_impact)),
        (tr.t("schedule.end"), date(p.end)),
        (tr.t("schedule.delay"), tr.time_to_impact(source.dossier)),
    ]);
    let rules = source.knowledge.rules.window(&source.dossier.window);
    if let Some(timeline) = crate::charts::Timeline::of(source.dossier, rules) {
        w.space(4.0);
        charts::timeline(w, tr, &timeline);
    }
}

fn tracked_row<V>(
    tr: &Texts,
    name: &str,
    unit: &str,
    tracked: &Tracked<V>,
    show: impl Fn(&V) -> String,
) -> Row {
    let baseline = tracked.baseline.as_ref().map_or(DASH.to_owned(), |m| {
        format!("{} ({})", show(&m.value), m.date.to_fr())
    });
    let targets = if tracked.targets.is_empty() {
        DASH.to_owned()
    } else {
        tracked
            .targets
            .iter()
            .map(|m| {
                tr.tf(
                    "pdf.target",
                    &[("value", &show(&m.value)), ("date", &m.date.to_fr())],
                )
            })
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    Row {
        cells: vec![name.to_owned(), unit.to_owned(), baseline, targets],
        style: Style::BODY,
    }
}

fn indicators(w: &mut Writer<'_>, tr: &Texts, d: &Dossier) {
    w.heading(tr.t("pdf.section.indicators"));
    let columns = [
        Column::left(tr.t("indicators.name"), 0.28),
        Column::left(tr.t("indicators.unit"), 0.18),
        Column::left(tr.t("pdf.col.baseline"), 0.2),
        Column::left(tr.t("pdf.col.targets"), 0.34),
    ];
    let ind = &d.indicators;
    let mut rows = vec![
        tracked_row(tr, tr.t("pdf.savings"), "€", &ind.savings, |a| {
            format_eur(a.value())
        }),
        tracked_row(
            tr,
            tr.t("pdf.agents"),
            tr.t("pdf.agents.unit"),
            &ind.agents_trained,
            u32::to_string,
        ),
    ];
    for i in &ind.impact {
        let tracked = Tracked {
            baseline: i.baseline.clone(),
            targets: i.targets.clone(),
        };
        rows.push(tracked_row(
            tr,
            &or_dash(&i.name),
            &i.unit,
            &tracked,
            String::clone,
        ));
    }
    w.table(&columns, &rows);
}

fn findings(w: &mut Writer<'_>, source: &Source<'_>) {
    let tr = source.tr;
    w.heading(tr.t("pdf.section.findings"));
    let list = &source.evaluation.findings;
    let rules = source.knowledge.rules.window(&source.dossier.window);
    if list.is_empty() {
        w.paragraph(tr.t("pdf.no_finding"), Style::BODY);
        return;
    }
    let columns = [
        Column::left(tr.t("pdf.col.severity"), 0.12),
        Column::left(tr.t("pdf.col.rule"), 0.2),
        Column::left(tr.t("pdf.col.step"), 0.15),
        Column::left(tr.t("pdf.col.finding"), 0.53),
    ];
    let rows: Vec<Row> = list
        .iter()
        .map(|f| Row {
            cells: vec![
                tr.severity(f.severity).to_owned(),
                f.rule.clone(),
                tr.step(f.step).to_owned(),
                with_acknowledgement(tr, f, tr.finding(f, rules).into_owned()),
            ],
            style: if f.severity == Severity::Blocking {
                Style::BODY.coloured(colour::RED)
            } else {
                Style::BODY
            },
        })
        .collect();
    w.table(&columns, &rows);
}

/// A warning's message, followed by what the applicant said of it, when they did.
fn with_acknowledgement(tr: &Texts, f: &crate::domain::Finding, message: String) -> String {
    match &f.acknowledged {
        None => message,
        Some(ack) => {
            let said = tr.acknowledgement(ack);
            format!("{message} — {said}")
        }
    }
}

fn attachments(w: &mut Writer<'_>, tr: &Texts, d: &Dossier) {
    w.heading(tr.t("pdf.section.attachments"));
    if d.attachments.is_empty() {
        w.paragraph(tr.t("pdf.no_attachment"), Style::BODY);
        return;
    }
    let columns = [
        Column::left(tr.t("pdf.col.document"), 0.27),
        Column::left(tr.t("attachments.kind"), 0.23),
        Column::left(tr.t("attachments.file"), 0.3),
        Column::left("SHA-256", 0.2),
    ];
    let rows: Vec<Row> = d
        .attachments
        .iter()
        .map(|a| Row {
            cells: vec![
                or_dash(&a.name),
                tr.choice(a.kind).to_owned(),
                or_dash(&a.file_name),
                a.sha256.as_deref().map_or(DASH.to_owned(), |s| {
                    s.get(..16).map_or(s.to_owned(), |p| format!("{p}…"))
                }),
            ],
            style: Style::BODY,
        })
        .collect();
    w.table(&columns, &rows);
}

#[cfg(test)]
mod tests {
    use super::layout::CELL_PAD;
    use super::*;

    #[test]
    fn five_digit_line_numbers_fit_their_column() {
        let font = Font::new(printpdf::FontId::new(), REGULAR).expect("font");
        let room = NUMBER_SHARE * TEXT_W - 2.0 * CELL_PAD;
        let widest = font.width("99999", Style::BODY.size);
        assert!(widest <= room, "{widest} pt in {room} pt");
    }
}
