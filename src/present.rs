//! How the dossier reads, in one place: the rows of the estimate and the dash of a blank, as the
//! live panel, the review, the PDF and the command line all show them. Built here once from the
//! domain's figures and the interface's texts; each of them only draws.

use crate::domain::money::format_eur;
use crate::domain::{Choice, Date, Dossier, Estimate};
use crate::i18n::Texts;

/// The blank of a figure or a text, as every reader of the dossier shows it.
pub const DASH: &str = "—";

/// What a row of the estimate is to its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// A figure among others.
    Plain,
    /// The figure the dossier is about: the estimated cofunding.
    Key,
}

/// One row of the estimate: its label, its figure as written for people, its weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// « Total déclaré ».
    pub label: String,
    /// « 1 527 000,00 € », « − 159 000,00 € », « 45 % ».
    pub value: String,
    /// Whether it is the key figure.
    pub weight: Weight,
}

/// The estimate's rows, in the order people read them: declared total, excluded costs (taken
/// off: « − 159 000,00 € »; nothing to take off reads « 0,00 € »), cost base, requested rate,
/// the rate applied when the window's cap lowers it, estimated cofunding, applicant's share.
#[must_use]
pub fn estimate_rows(tr: &Texts, e: &Estimate) -> Vec<Row> {
    let row = |label: &str, value: String| Row {
        label: label.to_owned(),
        value,
        weight: Weight::Plain,
    };
    let excluded = if e.excluded_total.is_zero() {
        format_eur(e.excluded_total)
    } else {
        format!("− {}", format_eur(e.excluded_total))
    };
    let mut rows = vec![
        row(tr.t("review.declared"), format_eur(e.declared_total)),
        row(tr.t("panel.excluded"), excluded),
        row(tr.t("panel.cost_base"), format_eur(e.cost_base)),
        row(tr.t("review.rate"), e.requested_rate.percent_fr()),
    ];
    if e.applied_rate != e.requested_rate {
        rows.push(row(tr.t("pdf.applied_rate"), e.applied_rate.percent_fr()));
    }
    rows.push(Row {
        weight: Weight::Key,
        ..row(tr.t("panel.cofunding"), format_eur(e.cofunding))
    });
    rows.push(row(
        tr.t("panel.applicant_share"),
        format_eur(e.applicant_share),
    ));
    rows
}

/// The dossier in a few lines, as the review step shows it: project, applicant, contact,
/// operations, applications, the estimate's main figures, time to impact, counts.
#[must_use]
pub fn summary_rows(tr: &Texts, d: &Dossier, e: &Estimate) -> Vec<(String, String)> {
    let kind = choice_or_dash(tr, d.applicant.kind);
    let rows = [
        (tr.t("review.project"), or_dash(&d.project.title)),
        (
            tr.t("review.applicant"),
            format!(
                "{} — {} ({kind})",
                or_dash(&d.applicant.entity),
                or_dash(&d.applicant.ministry)
            ),
        ),
        (
            tr.t("review.contact"),
            format!(
                "{} <{}>",
                or_dash(&d.applicant.contact.name),
                or_dash(&d.applicant.contact.email)
            ),
        ),
        (
            tr.t("review.operations"),
            d.operations
                .iter()
                .map(|o| tr.choice(o.kind()))
                .collect::<Vec<_>>()
                .join(" ; "),
        ),
        (
            tr.t("review.applications"),
            d.applications().count().to_string(),
        ),
        (tr.t("review.declared"), format_eur(e.declared_total)),
        (tr.t("review.cost_base"), format_eur(e.cost_base)),
        (tr.t("review.rate"), e.requested_rate.percent_fr()),
        (tr.t("review.cofunding"), format_eur(e.cofunding)),
        (tr.t("schedule.delay"), tr.time_to_impact(d)),
        (tr.t("review.impact"), d.indicators.impact.len().to_string()),
        (tr.t("attachments.title"), d.attachments.len().to_string()),
    ];
    rows.into_iter().map(|(l, v)| (l.to_owned(), v)).collect()
}

/// The few figures a cover shows first: cofunding, cost base, declared total, rate, time to
/// impact.
#[must_use]
pub fn headline_rows(tr: &Texts, d: &Dossier, e: &Estimate) -> Vec<(String, String)> {
    [
        (tr.t("review.cofunding"), format_eur(e.cofunding)),
        (tr.t("panel.cost_base"), format_eur(e.cost_base)),
        (tr.t("review.declared"), format_eur(e.declared_total)),
        (tr.t("review.rate"), e.requested_rate.percent_fr()),
        (tr.t("schedule.delay"), tr.time_to_impact(d)),
    ]
    .into_iter()
    .map(|(l, v)| (l.to_owned(), v))
    .collect()
}

/// A text as shown, trimmed, or « — » when blank.
#[must_use]
pub fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        DASH.to_owned()
    } else {
        text.trim().to_owned()
    }
}

/// A text with its first letter in capitals (« Bloquant », « À vérifier »).
#[must_use]
pub fn capitalised(text: &str) -> String {
    let mut chars = text.trim().chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A date as `31/12/2026`, or « — » when there is none.
#[must_use]
pub fn date_or_dash(date: Option<Date>) -> String {
    date.map_or_else(|| DASH.to_owned(), Date::to_fr)
}

/// A closed list's entry in the interface's language, or « — » when none is chosen.
#[must_use]
pub fn choice_or_dash<C: Choice>(tr: &Texts, choice: Option<C>) -> String {
    choice.map_or_else(|| DASH.to_owned(), |c| tr.choice(c).to_owned())
}

/// A moment (RFC 3339) in the user's local time, the French way (`01/12/2026 11:20`): what the
/// history and the platform's timeline show (they said « UTC »).
#[must_use]
pub fn local_date_time(stamp: &str) -> String {
    let offset = chrono::DateTime::parse_from_rfc3339(stamp).map_or_else(
        |_| *chrono::Local::now().offset(),
        |t| *t.with_timezone(&chrono::Local).offset(),
    );
    crate::domain::dates::fr_date_time_at(stamp, offset)
}

/// Where the dossier stood on the platform, said: « Repris sur la plateforme : en instruction.
/// Déposé le 03/12/2026 10:00. »
#[must_use]
pub fn platform_state(tr: &Texts, s: &crate::domain::dossier::PlatformState) -> String {
    let mut text = match s.state.as_str() {
        "waiting" => return tr.t("handover.status.waiting").to_owned(),
        "unknown" => return tr.t("handover.status.unknown").to_owned(),
        state => tr.tf(
            "handover.status.taken",
            &[("state", &platform_state_word(tr, state))],
        ),
    };
    if let Some(at) = &s.submitted_at {
        let date = local_date_time(at);
        text.push(' ');
        text.push_str(&tr.tf("handover.status.submitted", &[("date", &date)]));
    }
    if let Some(at) = &s.processed_at {
        let date = local_date_time(at);
        text.push(' ');
        text.push_str(&tr.tf("handover.status.processed", &[("date", &date)]));
    }
    text
}

/// The platform's state of a dossier, in words.
fn platform_state_word(tr: &Texts, state: &str) -> String {
    match state {
        "brouillon" => tr.t("handover.state.brouillon").to_owned(),
        "en_construction" => tr.t("handover.state.en_construction").to_owned(),
        "en_instruction" => tr.t("handover.state.en_instruction").to_owned(),
        "accepte" => tr.t("handover.state.accepte").to_owned(),
        "refuse" => tr.t("handover.state.refuse").to_owned(),
        "sans_suite" => tr.t("handover.state.sans_suite").to_owned(),
        other => format!("« {other} »"),
    }
}

/// How a progress report reads (`domain::report`), for the « Suivi » step, the command line and
/// the report's PDF: statuses in words, the mandatory indicators by their names.
pub mod follow {
    use crate::domain::money::format_eur;
    use crate::domain::report::{
        MilestoneReport, MilestoneStatus, TargetReport, TargetStatus, YearReport, YearStatus,
    };
    use crate::i18n::Texts;

    /// What a status says of how things go: as planned, to watch, or wrong.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Tone {
        /// Nothing to say.
        Plain,
        /// Done or met.
        Good,
        /// To look at.
        Watch,
        /// Missed.
        Bad,
        /// To come.
        Muted,
    }

    /// A year's status: « close », « en cours — écart à expliquer ».
    #[must_use]
    pub fn year_status(tr: &Texts, y: &YearReport) -> (String, Tone) {
        let status = match y.status {
            YearStatus::Closed => tr.t("follow.year.closed"),
            YearStatus::Current => tr.t("follow.year.current"),
            YearStatus::Future => tr.t("follow.year.future"),
        };
        if y.flagged {
            (
                format!("{status} — {}", tr.t("follow.year.flagged")),
                Tone::Watch,
            )
        } else {
            (status.to_owned(), Tone::Plain)
        }
    }

    /// A year's variance as people read it: « −26 500,00 € (−6,4 %) »; « — » for a year to
    /// come, whose whole committed base is not yet « under » anything.
    #[must_use]
    pub fn variance(y: &YearReport) -> String {
        if y.status == YearStatus::Future {
            return super::DASH.to_owned();
        }
        format!(
            "{} ({})",
            crate::domain::money::format_eur_signed(y.variance),
            variance_pct(y)
        )
    }

    /// A year's variance in per cent, the French way (« −18,0 % »), or « — ».
    #[must_use]
    pub fn variance_pct(y: &YearReport) -> String {
        y.variance_pct.as_deref().map_or_else(
            || super::DASH.to_owned(),
            |p| format!("{}\u{a0}%", p.replace('.', ",").replace('-', "−")),
        )
    }

    /// A target's status in words.
    #[must_use]
    pub fn target_status(tr: &Texts, t: &TargetReport) -> (String, Tone) {
        let (key, tone) = match t.status {
            TargetStatus::Upcoming => (tr.t("follow.target.upcoming"), Tone::Muted),
            TargetStatus::NoMeasure => (tr.t("follow.target.no_measure"), Tone::Watch),
            TargetStatus::Met => (tr.t("follow.target.met"), Tone::Good),
            TargetStatus::Missed => (tr.t("follow.target.missed"), Tone::Bad),
            TargetStatus::NotComparable => (tr.t("follow.target.not_comparable"), Tone::Watch),
        };
        (key.to_owned(), tone)
    }

    /// The latest measure of a target (« 120 le 30/06/2027 »), or « — ».
    #[must_use]
    pub fn latest(tr: &Texts, t: &TargetReport) -> String {
        t.latest.as_ref().map_or_else(
            || super::DASH.to_owned(),
            |l| {
                let value = crate::domain::report::value_fr(&t.indicator, &l.value);
                tr.tf(
                    "follow.measured",
                    &[("value", &value), ("date", &l.date.to_fr())],
                )
            },
        )
    }

    /// « Dépensé au total, coûts exclus compris : 420 400,00 € en 2025, … », beside the years'
    /// table; none when nothing was spent.
    #[must_use]
    pub fn spent_in_all(tr: &Texts, years: &[YearReport]) -> Option<String> {
        let totals: Vec<String> = years
            .iter()
            .filter(|y| !y.spent_declared.is_zero())
            .map(|y| {
                tr.tf(
                    "follow.years.total.year",
                    &[("amount", &format_eur(y.spent_declared)), ("year", &y.year)],
                )
            })
            .collect();
        (!totals.is_empty()).then(|| tr.tf("follow.years.total", &[("years", &totals.join(", "))]))
    }

    /// A target's value as people read it (euros for the savings).
    #[must_use]
    pub fn target(t: &TargetReport) -> String {
        crate::domain::report::value_fr(&t.indicator, &t.target)
    }

    /// A milestone's status in words.
    #[must_use]
    pub fn milestone_status(tr: &Texts, m: &MilestoneReport) -> (String, Tone) {
        match (m.status, m.done) {
            (MilestoneStatus::Done, Some(done)) => (
                tr.tf("follow.milestone.done", &[("date", &done.to_fr())]),
                Tone::Good,
            ),
            (MilestoneStatus::Late, _) => (tr.t("follow.milestone.late").to_owned(), Tone::Watch),
            _ => (tr.t("follow.milestone.upcoming").to_owned(), Tone::Muted),
        }
    }

    /// An indicator's name: the two mandatory ones in the interface's language.
    #[must_use]
    pub fn indicator(tr: &Texts, indicator: &str) -> String {
        crate::domain::report::mandatory(indicator)
            .map_or_else(|| indicator.to_owned(), |m| tr.choice(m).to_owned())
    }

    /// The live panel's figures once the commitment is signed: the cofunding granted; the
    /// payments received against those planned by the report's date; the cost base spent to
    /// that date against the whole commitment's; the savings realized in the closed years
    /// against those committed for them.
    #[must_use]
    pub fn panel_rows(tr: &Texts, r: &crate::domain::report::Report) -> Vec<super::Row> {
        let committed: rust_decimal::Decimal = r.years.iter().map(|y| y.committed_cost_base).sum();
        let spent: rust_decimal::Decimal = r.years.iter().map(|y| y.spent_cost_base).sum();
        let of = |done, planned, key: &str| {
            let (done, planned) = (format_eur(done), format_eur(planned));
            let words: [(&str, &dyn std::fmt::Display); 2] =
                [("done", &done), ("planned", &planned)];
            // The keys are literal for the texts' check.
            match key {
                "received" => tr.tf("panel.follow.received.of", &words),
                "spent" => tr.tf("panel.follow.spent.of", &words),
                _ => tr.tf("panel.follow.savings.of", &words),
            }
        };
        let row = |label: &str, value: String, weight| super::Row {
            label: label.to_owned(),
            value,
            weight,
        };
        vec![
            row(
                tr.t("panel.follow.granted"),
                format_eur(r.commitment.granted.value()),
                super::Weight::Key,
            ),
            row(
                tr.t("panel.follow.received"),
                of(
                    r.payments.received_to_date,
                    r.payments.planned_to_date,
                    "received",
                ),
                super::Weight::Plain,
            ),
            row(
                tr.t("panel.follow.spent"),
                of(spent, committed, "spent"),
                super::Weight::Plain,
            ),
            row(
                tr.t("panel.follow.savings"),
                of(
                    r.savings.realized_to_date,
                    r.savings.committed_to_date,
                    "savings",
                ),
                super::Weight::Plain,
            ),
        ]
    }

    /// « Engagement signé le 15/01/2027 — cofinancement accordé : 450 000,00 € — référence … ».
    #[must_use]
    pub fn head(tr: &Texts, r: &crate::domain::report::Report) -> String {
        let mut text = tr.tf(
            "follow.signed",
            &[
                ("date", &r.commitment.signed.to_fr()),
                ("granted", &format_eur(r.commitment.granted.value())),
            ],
        );
        if !r.commitment.reference.trim().is_empty() {
            text.push_str(&tr.tf(
                "follow.reference",
                &[("reference", &r.commitment.reference.trim())],
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Knowledge, dossier::Dossier};

    #[test]
    fn the_rows_say_the_excluded_costs_taken_off_and_the_applied_rate_when_capped() {
        let knowledge = Knowledge::builtin().expect("assets");
        let mut d = Dossier::new(crate::domain::DEFAULT_WINDOW);
        d.budget.lines.push(crate::domain::dossier::BudgetLine {
            label: "Serveurs".into(),
            category: crate::domain::dossier::Category::Hardware,
            year: 2027,
            amount_ttc: crate::domain::Amount::euros(1_000),
        });
        d.budget.requested_rate =
            Some(crate::domain::Rate::new("0.60".parse().expect("rate")).expect("rate"));
        let e = knowledge.evaluate(&d).expect("window").estimate;
        let tr = crate::i18n::texts(crate::i18n::Lang::Fr);
        let rows = estimate_rows(tr, &e);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Total déclaré",
                "Coûts exclus",
                "Base de coûts (assiette)",
                "Taux demandé",
                "Taux appliqué (plafond)",
                "Cofinancement estimé",
                "Reste à charge"
            ]
        );
        assert!(rows[1].value.starts_with("− 1"), "{}", rows[1].value);
        assert_eq!(rows[5].weight, Weight::Key);
        assert_eq!(or_dash("  "), "—");
        assert_eq!(or_dash(" a "), "a");
    }
}
