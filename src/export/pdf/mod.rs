//! The PDF of the submission pack, for people: a cover with the summary, then the applicant, the
//! operations, the budget with the excluded costs marked, the schedule, the indicators, the
//! findings and the attachments. A4 portrait, `DejaVu Sans` embedded (subset), French throughout.

pub mod layout;

use printpdf::{ParsedFont, PdfDocument, PdfSaveOptions};

use self::layout::{Column, Font, Fonts, MARGIN_X, Row, Style, TEXT_W, Writer, colour};
use crate::domain::dossier::{Operation, Tracked};
use crate::domain::money::format_eur;
use crate::domain::{Choice, Date, Dossier, Evaluation, Knowledge, Severity};

/// The budget table's share of the width for the line number: room for five digits (at 5 % line
/// numbers past 99 were cut in two).
const NUMBER_SHARE: f32 = 0.08;
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The banner on every page of a dossier that still has blocking findings.
pub const DRAFT_BANNER: &str = "BROUILLON — non recevable en l'état";

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
}

/// Renders the PDF.
///
/// # Errors
/// Only if the embedded font cannot be read, which the tests rule out.
pub fn render(source: &Source<'_>) -> Result<Vec<u8>, String> {
    let d = source.dossier;
    let title = if d.project.title.trim().is_empty() {
        "Projet sans titre"
    } else {
        d.project.title.trim()
    };
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
    let window = source.knowledge.rules.window(&d.window);
    let window_name = window.map_or(d.window.as_str(), |w| w.name.as_str());

    let mut w = Writer::new(&fonts);
    cover(&mut w, source, title, window_name);
    w.page_break();
    applicant(&mut w, d);
    operations(&mut w, d);
    budget(&mut w, source);
    schedule(&mut w, source);
    indicators(&mut w, d);
    findings(&mut w, source);
    attachments(&mut w, d);

    let draft = source.evaluation.is_blocked().then_some(DRAFT_BANNER);
    let header = format!("{} — {title}", d.window);
    doc.with_pages(w.finish(&header, draft));

    let info = &mut doc.metadata.info;
    title.clone_into(&mut info.document_title);
    info.author = if d.applicant.entity.trim().is_empty() {
        d.applicant.ministry.clone()
    } else {
        d.applicant.entity.clone()
    };
    info.subject = format!("Demande de cofinancement — {window_name} ({})", d.window);
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
    // Stream compression took 40 of the 95 ms of a 1 000-line budget; uncompressed, a typical
    // dossier is ~120 KB instead of ~45 KB, well within any upload limit. Fonts stay subset.
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    Ok(doc.save(&options, &mut Vec::new()))
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.trim().to_owned()
    }
}

fn months_to_impact(d: &Dossier) -> String {
    match (d.project.start, d.project.first_impact) {
        (Some(s), Some(i)) => s.months_until(i).map_or("—".to_owned(), |(m, days)| {
            format!("{m} mois et {days} jour(s)")
        }),
        _ => "—".to_owned(),
    }
}

fn cover(w: &mut Writer<'_>, source: &Source<'_>, title: &str, window_name: &str) {
    let d = source.dossier;
    w.space(60.0);
    w.paragraph(
        "Demande de cofinancement",
        Style {
            size: 12.0,
            bold: false,
            colour: colour::MUTED,
        },
    );
    w.paragraph(
        &format!("Guichet « {window_name} » ({})", d.window),
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
        &format!(
            "Dossier établi le {} avec dossier-cloud {} (format {}).",
            source.generated_on.to_fr(),
            env!("CARGO_PKG_VERSION"),
            crate::domain::dossier::FORMAT
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
    let status = if blocking == 0 {
        "Prêt à déposer : aucun constat bloquant".to_owned()
    } else {
        format!("Non recevable en l'état : {blocking} constat(s) bloquant(s)")
    };
    let top = w.y();
    w.rect(MARGIN_X, top, TEXT_W, 150.0, colour::LIGHT);
    w.space(10.0);
    w.paragraph_at(
        MARGIN_X + 12.0,
        TEXT_W - 24.0,
        "Synthèse",
        Style {
            size: 12.0,
            bold: true,
            colour: colour::BLUE,
        },
    );
    w.space(4.0);
    let rows = [
        ("Cofinancement demandé", format_eur(e.cofunding)),
        ("Base de coûts (assiette)", format_eur(e.cost_base)),
        ("Total déclaré", format_eur(e.declared_total)),
        ("Taux demandé", e.requested_rate.percent_fr()),
        ("Délai jusqu'au premier impact", months_to_impact(d)),
        ("Statut", status),
    ];
    for (label, value) in rows {
        let top = w.y();
        w.text_at(
            MARGIN_X + 12.0,
            top,
            label,
            Style::BODY.coloured(colour::MUTED),
        );
        let style = if label == "Statut" && blocking > 0 {
            Style::STRONG.coloured(colour::RED)
        } else {
            Style::STRONG
        };
        w.text_at(MARGIN_X + 200.0, top, &value, style);
        w.space(17.0);
    }
}

fn applicant(w: &mut Writer<'_>, d: &Dossier) {
    w.heading("1. Demandeur");
    let a = &d.applicant;
    w.key_values(&[
        (
            "Type de demandeur",
            a.kind.map_or("—".to_owned(), |k| k.label().to_owned()),
        ),
        ("Ministère", or_dash(&a.ministry)),
        ("Structure", or_dash(&a.entity)),
        ("Contact", or_dash(&a.contact.name)),
        ("Adresse électronique", or_dash(&a.contact.email)),
        ("Téléphone", or_dash(&a.contact.phone)),
    ]);
}

fn operations(w: &mut Writer<'_>, d: &Dossier) {
    w.heading("2. Projet et opérations");
    w.key_values(&[("Titre", or_dash(&d.project.title))]);
    if !d.project.summary.trim().is_empty() {
        w.paragraph(d.project.summary.trim(), Style::BODY);
        w.space(6.0);
    }
    for op in &d.operations {
        match op {
            Operation::Migration { applications } => migration_table(w, applications),
            Operation::Extension(ext) => extension_block(w, ext),
        }
    }
}

/// The applications of a migration.
fn migration_table(w: &mut Writer<'_>, applications: &[crate::domain::dossier::Application]) {
    w.paragraph(
        "Migration d'applications vers le Cloud de confiance",
        Style::STRONG,
    );
    w.space(4.0);
    let columns = [
        Column::left("Application", 0.22),
        Column::left("Données", 0.16),
        Column::left("Hébergement d'origine", 0.22),
        Column::left("Cible", 0.18),
        Column::left("Offre", 0.22),
    ];
    let rows: Vec<Row> = applications
        .iter()
        .map(|app| Row {
            cells: vec![
                or_dash(&app.name),
                app.data_sensitivity.map_or("—", Choice::label).to_owned(),
                app.origin.map_or("—", Choice::label).to_owned(),
                app.target
                    .as_ref()
                    .map_or("—", |t| t.kind.label())
                    .to_owned(),
                app.target.as_ref().map_or("—".to_owned(), |t| {
                    let mut offer = or_dash(&t.offer);
                    if let Some(r) = &t.qualification_ref {
                        offer = format!("{offer} (qualification {r})");
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
fn extension_block(w: &mut Writer<'_>, ext: &crate::domain::dossier::Extension) {
    w.paragraph(
        &format!(
            "Extension de l'offre {}",
            ext.offer.map_or("—", Choice::label)
        ),
        Style::STRONG,
    );
    w.space(4.0);
    w.key_values(&[(
        "Services",
        if ext.services.is_empty() {
            "—".to_owned()
        } else {
            ext.services.join(" ; ")
        },
    )]);
    let columns = [
        Column::left("Ministère tiers engagé", 0.5),
        Column::left("Pièce jointe", 0.5),
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
    w.heading("3. Budget");
    let columns = [
        Column::right("N°", NUMBER_SHARE),
        Column::left("Libellé", 0.30),
        Column::left("Catégorie", 0.19),
        Column::right("Année", 0.08),
        Column::right("Montant TTC", 0.16),
        Column::right("Assiette", 0.19),
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
                    line.category.label().to_owned(),
                    line.year.to_string(),
                    format_eur(line.amount_ttc.value()),
                    exclusion.map_or_else(
                        || format_eur(line.amount_ttc.value()),
                        |x| format!("exclu {}", x.rule),
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

    totals(w, &source.evaluation.estimate);
    estimate_block(w, &source.evaluation.estimate);
}

/// Subtotals per category and per year.
fn totals(w: &mut Writer<'_>, e: &crate::domain::Estimate) {
    let by_category = [
        Column::left("Catégorie", 0.55),
        Column::left("Dans l'assiette", 0.2),
        Column::right("Total TTC", 0.25),
    ];
    let rows: Vec<Row> = e
        .by_category
        .iter()
        .map(|c| Row {
            cells: vec![
                c.category.label().to_owned(),
                c.excluded_by
                    .as_ref()
                    .map_or("oui".to_owned(), |r| format!("non ({r})")),
                format_eur(c.total),
            ],
            style: Style::BODY,
        })
        .collect();
    w.subheading("Sous-totaux par catégorie");
    w.table(&by_category, &rows);

    let by_year = [
        Column::left("Année", 0.16),
        Column::right("Total déclaré", 0.21),
        Column::right("Exclu", 0.21),
        Column::right("Assiette", 0.21),
        Column::right("Cofinancement", 0.21),
    ];
    let rows: Vec<Row> = e
        .by_year
        .iter()
        .map(|y| Row {
            cells: vec![
                y.year.to_string(),
                format_eur(y.declared_total),
                format_eur(y.excluded_total),
                format_eur(y.cost_base),
                format_eur(y.cofunding),
            ],
            style: Style::BODY,
        })
        .collect();
    w.subheading("Par année");
    w.table(&by_year, &rows);
}

/// The estimate, as the live panel shows it.
fn estimate_block(w: &mut Writer<'_>, e: &crate::domain::Estimate) {
    w.subheading("Estimation");
    let mut rows = vec![
        ("Total déclaré", format_eur(e.declared_total)),
        ("Coûts exclus (FTAP-EXCLUDED)", format_eur(e.excluded_total)),
        ("Base de coûts (assiette)", format_eur(e.cost_base)),
        ("Taux demandé", e.requested_rate.percent_fr()),
        ("Cofinancement estimé", format_eur(e.cofunding)),
        ("Reste à charge", format_eur(e.applicant_share)),
    ];
    if e.applied_rate != e.requested_rate {
        rows.insert(4, ("Taux appliqué (plafond)", e.applied_rate.percent_fr()));
    }
    w.key_values(&rows);
}

fn schedule(w: &mut Writer<'_>, source: &Source<'_>) {
    let p = &source.dossier.project;
    let date = |d: Option<Date>| d.map_or("—".to_owned(), Date::to_fr);
    w.heading("4. Calendrier");
    w.key_values(&[
        ("Démarrage", date(p.start)),
        ("Premier impact réel", date(p.first_impact)),
        ("Fin du projet", date(p.end)),
        (
            "Délai jusqu'au premier impact",
            months_to_impact(source.dossier),
        ),
    ]);
}

fn tracked_row<V>(
    name: &str,
    unit: &str,
    tracked: &Tracked<V>,
    show: impl Fn(&V) -> String,
) -> Row {
    let baseline = tracked.baseline.as_ref().map_or("—".to_owned(), |m| {
        format!("{} ({})", show(&m.value), m.date.to_fr())
    });
    let targets = if tracked.targets.is_empty() {
        "—".to_owned()
    } else {
        tracked
            .targets
            .iter()
            .map(|m| format!("{} au {}", show(&m.value), m.date.to_fr()))
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    Row {
        cells: vec![name.to_owned(), unit.to_owned(), baseline, targets],
        style: Style::BODY,
    }
}

fn indicators(w: &mut Writer<'_>, d: &Dossier) {
    w.heading("5. Indicateurs");
    let columns = [
        Column::left("Indicateur", 0.28),
        Column::left("Unité", 0.18),
        Column::left("Mesure actuelle (date)", 0.2),
        Column::left("Cibles", 0.34),
    ];
    let ind = &d.indicators;
    let mut rows = vec![
        tracked_row(
            "Économies induites (obligatoire)",
            "€",
            &ind.savings,
            |a| format_eur(a.value()),
        ),
        tracked_row(
            "Agents formés et travaillant dans un contexte cloud (obligatoire)",
            "agents",
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
            &or_dash(&i.name),
            &i.unit,
            &tracked,
            String::clone,
        ));
    }
    w.table(&columns, &rows);
}

fn findings(w: &mut Writer<'_>, source: &Source<'_>) {
    w.heading("6. Constats");
    let list = &source.evaluation.findings;
    if list.is_empty() {
        w.paragraph(
            "Aucun constat : le dossier remplit toutes les règles vérifiées.",
            Style::BODY,
        );
        return;
    }
    let columns = [
        Column::left("Sévérité", 0.12),
        Column::left("Règle", 0.2),
        Column::left("Étape", 0.15),
        Column::left("Constat", 0.53),
    ];
    let rows: Vec<Row> = list
        .iter()
        .map(|f| Row {
            cells: vec![
                f.severity.label().to_owned(),
                f.rule.clone(),
                f.step.title().to_owned(),
                f.message.clone(),
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

fn attachments(w: &mut Writer<'_>, d: &Dossier) {
    w.heading("7. Pièces jointes");
    if d.attachments.is_empty() {
        w.paragraph("Aucune pièce jointe.", Style::BODY);
        return;
    }
    let columns = [
        Column::left("Pièce", 0.27),
        Column::left("Nature", 0.23),
        Column::left("Fichier", 0.3),
        Column::left("SHA-256", 0.2),
    ];
    let rows: Vec<Row> = d
        .attachments
        .iter()
        .map(|a| Row {
            cells: vec![
                or_dash(&a.name),
                a.kind.label().to_owned(),
                or_dash(&a.file_name),
                a.sha256.as_deref().map_or("—".to_owned(), |s| {
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
