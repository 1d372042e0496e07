//! « Historique des versions » (issue 15): the exports kept for this dossier, newest first, with
//! their status, cofunding and blocking findings — an unreadable one listed as such — and « Ce
//! qui a changé » between any of them and the dossier on screen, step by step, with the
//! estimate's deltas. The comparison is the domain's ([`crate::domain::diff`]).

use egui::{RichText, Ui};

use super::{App, Command};
use crate::domain::Step;
use crate::domain::diff::{Diff, diff};
use crate::domain::money::format_eur;
use crate::storage::history::{self, Entry};
use crate::ui::theme;

/// The versions window's state.
pub(super) struct Versions {
    /// The entries, newest first.
    entries: Vec<Entry>,
    /// Where they are looked for (said when there is none).
    places: Vec<std::path::PathBuf>,
    /// The progress reports kept, newest first.
    reports: Vec<history::ReportEntry>,
}

/// A comparison shown: what the dossier on screen is compared with, and the difference (or why
/// it could not be read).
pub(super) type Comparison = (String, Result<Diff, String>);

/// A value of the dossier as the comparison shows it: a rate as a percentage, a date the
/// French way, text quoted.
fn shown(tr: &crate::i18n::Texts, path: &str, value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => tr.t("compare.empty").to_owned(),
        serde_json::Value::String(s) if path.ends_with("rate") => s
            .parse::<rust_decimal::Decimal>()
            .ok()
            .and_then(|d| crate::domain::Rate::new(d).ok())
            .map_or_else(|| format!("« {s} »"), crate::domain::Rate::percent_fr),
        // The commitment's and the follow-up's amounts, in euros.
        serde_json::Value::String(s)
            if (path.starts_with("commitment") || path.starts_with("tracking"))
                && crate::domain::Amount::parse_plain(s).is_ok() =>
        {
            crate::domain::Amount::parse_plain(s).map_or_else(
                |_| s.clone(),
                |a| crate::domain::money::format_eur(a.value()),
            )
        }
        serde_json::Value::String(s) => crate::domain::Date::parse_iso(s)
            .map_or_else(|_| format!("« {s} »"), crate::domain::Date::to_fr),
        other => other.to_string(),
    }
}

impl App {
    /// Opens the versions window on the history of the dossier shown.
    pub(super) fn open_versions(&mut self) {
        let places = history::places(
            self.doc.path.as_deref(),
            &crate::export::base_name(&self.doc.dossier, crate::domain::Date::today()),
        );
        self.versions_view = Some(Versions {
            entries: history::entries(&places),
            reports: history::report_entries(&places),
            places: places.into_iter().map(|p| p.dir).collect(),
        });
    }

    /// Compares a dossier file (a version, a scenario's original) with the dossier on screen.
    pub(super) fn compare_with(&self, file: &std::path::Path) -> Result<Diff, String> {
        let tr = self.tr();
        let loaded =
            crate::storage::load(file, &self.knowledge.rules).map_err(|e| tr.load_error(&e))?;
        let before = loaded.parsed.dossier;
        let evaluation = self
            .knowledge
            .evaluate(&before)
            .ok_or_else(|| tr.tf("compare.window", &[("window", &before.window)]))?;
        Ok(diff(
            (&before, &evaluation),
            (&self.doc.dossier, &self.doc.evaluation),
        ))
    }

    /// Draws the comparison, when one is asked for.
    pub(super) fn comparison_window(&mut self, ctx: &egui::Context) {
        let Some((label, result)) = self.comparison.take() else {
            return;
        };
        let tr = self.tr();
        let mut open = true;
        super::dialogs::over_wizard(
            ctx,
            tr.t("compare.title"),
            "compare",
            &mut open,
            (760.0, egui::vec2(-340.0, 100.0), 120.0),
        )
        .show(ctx, |ui| {
            ui.label(tr.tf("compare.intro", &[("version", &label)]));
            match &result {
                Ok(d) => {
                    egui::ScrollArea::vertical()
                        .min_scrolled_height(420.0)
                        .show(ui, |ui| comparison_ui(ui, tr, self, d));
                }
                Err(why) => {
                    ui.label(RichText::new(why).color(theme::RED));
                }
            }
        });
        if open {
            self.comparison = Some((label, result));
        }
    }

    /// Draws the versions window, when open.
    pub(super) fn versions_window(&mut self, ctx: &egui::Context) {
        let Some(mut state) = self.versions_view.take() else {
            return;
        };
        let tr = self.tr();
        let mut open = true;
        super::dialogs::over_wizard(
            ctx,
            tr.t("versions.title"),
            "versions",
            &mut open,
            (720.0, egui::vec2(-360.0, 60.0), 80.0),
        )
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .min_scrolled_height(320.0)
                .show(ui, |ui| {
                    self.versions_ui(ui, &mut state);
                    crate::ui::widgets::keep_focus_in_view(ui);
                });
        });
        if open {
            self.versions_view = Some(state);
        }
    }

    fn versions_ui(&mut self, ui: &mut Ui, state: &mut Versions) {
        let tr = self.tr();
        if state.entries.is_empty() {
            ui.label(tr.t("versions.none"));
            for dir in &state.places {
                ui.label(RichText::new(dir.display().to_string()).color(theme::TEXT_MUTED));
            }
        } else {
            self.entries_ui(ui, state);
        }
        self.reports_ui(ui, &state.reports);
    }

    /// The progress reports kept: each one's date, its warnings, and its folder on request.
    fn reports_ui(&mut self, ui: &mut Ui, reports: &[history::ReportEntry]) {
        if reports.is_empty() {
            return;
        }
        let tr = self.tr();
        ui.add_space(8.0);
        ui.label(theme::bold(tr.t("versions.reports")));
        egui::Grid::new("versions-reports")
            .num_columns(4)
            .spacing([16.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for entry in reports {
                    ui.label(crate::ui::widgets::local_date_time(&entry.kept_at));
                    match &entry.summary {
                        Ok(s) => {
                            let at = s.at.to_fr();
                            ui.label(tr.tf("versions.report.at", &[("date", &at)]));
                            let (text, colour) = if s.warnings == 0 {
                                (tr.t("versions.report.clean").to_owned(), theme::GREEN)
                            } else {
                                let n = s.warnings;
                                (
                                    tr.tf("versions.report.warnings", &[("n", &n)]),
                                    theme::ORANGE,
                                )
                            };
                            ui.label(RichText::new(text).color(colour));
                        }
                        Err(why) => {
                            let why = tr.summary_error(why);
                            let text = tr.tf("versions.unreadable", &[("why", &why)]);
                            ui.label(RichText::new(text).color(theme::ORANGE));
                            ui.label("");
                        }
                    }
                    if ui
                        .button(tr.t("versions.report.show"))
                        .on_hover_text(entry.dir.display().to_string())
                        .clicked()
                    {
                        self.commands.push(Command::ShowFolder(entry.dir.clone()));
                    }
                    ui.end_row();
                }
            });
    }

    /// The dossier's versions, each comparable with the dossier on screen.
    fn entries_ui(&mut self, ui: &mut Ui, state: &Versions) {
        let tr = self.tr();
        ui.label(tr.t("versions.intro"));
        let mut chosen = None;
        egui::Grid::new("versions-grid")
            .num_columns(5)
            .spacing([16.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for (i, entry) in state.entries.iter().enumerate() {
                    ui.label(crate::ui::widgets::local_date_time(&entry.kept_at));
                    match &entry.summary {
                        Ok(s) => {
                            let (status, color) = if s.draft {
                                (tr.t("versions.draft"), theme::RED)
                            } else {
                                (tr.t("versions.ready"), theme::GREEN)
                            };
                            ui.label(RichText::new(status).color(color));
                            ui.label(format_eur(s.cofunding));
                            ui.label(tr.tf("versions.blocking", &[("count", &s.blocking)]));
                            ui.horizontal(|ui| {
                                if ui
                                    .button(tr.t("versions.compare"))
                                    .on_hover_text(entry.dir.display().to_string())
                                    .clicked()
                                {
                                    chosen = Some(i);
                                }
                                if ui.button(tr.t("versions.open")).clicked() {
                                    let label = tr.tf(
                                        "viewing.label",
                                        &[(
                                            "date",
                                            &crate::ui::widgets::local_date_time(&entry.kept_at),
                                        )],
                                    );
                                    self.commands
                                        .push(Command::ViewVersion(entry.dossier_file(), label));
                                }
                            });
                        }
                        Err(why) => {
                            ui.label(
                                RichText::new(
                                    tr.tf(
                                        "versions.unreadable",
                                        &[("why", &tr.summary_error(why))],
                                    ),
                                )
                                .color(theme::ORANGE),
                            );
                            ui.label("");
                            ui.label("");
                            ui.label("");
                        }
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = chosen {
            let entry = &state.entries[i];
            let label = tr.tf(
                "compare.version",
                &[("date", &crate::ui::widgets::local_date_time(&entry.kept_at))],
            );
            self.comparison = Some((label, self.compare_with(&entry.dossier_file())));
        }
    }
}

/// A field as its form names it (« Application 2 — Hébergement d'origine »), from its path in
/// the dossier (`operations[0].applications[1].origin`); the path itself where no form shows it.
fn field_label(tr: &crate::i18n::Texts, path: &str) -> String {
    let indices: Vec<usize> = path
        .split('[')
        .skip(1)
        .filter_map(|rest| rest.split(']').next()?.parse().ok())
        .collect();
    let mut shape = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => shape.push(c),
            _ => {}
        }
    }
    let key = match shape.as_str() {
        "window" => "applicant.window.label",
        "applicant.kind" => "applicant.kind",
        "applicant.ministry" => "applicant.ministry",
        "applicant.entity" => "applicant.entity",
        "applicant.contact.name" => "applicant.contact.name",
        "applicant.contact.email" => "applicant.contact.email",
        "applicant.contact.phone" => "applicant.contact.phone",
        "project.title" => "operations.title",
        "project.summary" => "operations.summary",
        "project.start" => "schedule.start",
        "project.first_impact" => "schedule.first_impact",
        "project.end" => "schedule.end",
        "budget.requested_rate" => "budget.rate",
        "operations.applications.name" => "applications.name",
        "operations.applications.data_sensitivity" => "applications.sensitivity",
        "operations.applications.origin" => "applications.origin",
        "operations.applications.criticality" => "applications.criticality",
        "operations.applications.users" => "applications.users",
        "operations.applications.target" | "operations.applications.target.kind" => "target.kind",
        "operations.applications.target.offer" | "operations.applications.target.catalogue_id" => {
            "target.offer.name"
        }
        "operations.applications.target.qualification_ref" => "target.offer.reference",
        "operations.extension.offer" | "operations.offer" => "operations.extension.offer",
        "operations.extension.services" | "operations.services" => "operations.services",
        "commitment.signed" => "commitment.signed",
        "commitment.reference" => "commitment.reference",
        "commitment.granted" => "commitment.granted",
        "commitment.years.declared_total" => "commitment.col.declared",
        "commitment.years.cost_base" => "commitment.col.base",
        "commitment.years.cofunding" => "commitment.col.cofunding",
        "commitment.years.savings" => "commitment.col.savings",
        _ => return path.to_owned(),
    };
    let label = tr.t(key);
    if let (true, Some(n)) = (shape.starts_with("commitment.years"), indices.first()) {
        return tr.tf(
            "compare.commitment_year",
            &[("label", &label), ("n", &(n + 1))],
        );
    }
    match (shape.starts_with("operations.applications"), indices.get(1)) {
        (true, Some(n)) => format!(
            "{} — {label}",
            tr.tf("applications.title", &[("n", &(n + 1))])
        ),
        _ => label.to_owned(),
    }
}

/// The estimate's deltas, then each step's changes, then the findings.
fn comparison_ui(ui: &mut Ui, tr: &crate::i18n::Texts, app: &App, d: &Diff) {
    if d.is_same() {
        ui.label(theme::bold(tr.t("compare.same")));
        return;
    }
    deltas_ui(ui, tr, d);
    for step in Step::ALL {
        let fields: Vec<_> = d
            .fields
            .iter()
            .filter(|f| Step::holding(&f.path) == step)
            .collect();
        let lines = step == Step::Budget
            && !(d.lines.added.is_empty()
                && d.lines.removed.is_empty()
                && d.lines.changed.is_empty());
        if fields.is_empty() && !lines {
            continue;
        }
        ui.label(theme::bold(tr.step(step)));
        for f in fields {
            ui.label(tr.tf(
                "compare.field",
                &[
                    ("path", &field_label(tr, &f.path)),
                    ("before", &shown(tr, &f.path, &f.before)),
                    ("after", &shown(tr, &f.path, &f.after)),
                ],
            ));
        }
        if lines {
            lines_ui(ui, tr, d);
        }
    }
    let rules = app.knowledge.rules.window(&app.doc.dossier.window);
    let findings = |ui: &mut Ui, title: String, list: &[crate::domain::Finding]| {
        if list.is_empty() {
            return;
        }
        ui.separator();
        ui.label(theme::bold(title));
        for f in list {
            ui.label(format!("[{}] {}", f.rule, tr.finding(f, rules)));
        }
    };
    let appeared = &d.findings.appeared;
    findings(
        ui,
        tr.tf("compare.appeared", &[("count", &appeared.len())]),
        appeared,
    );
    let resolved = &d.findings.resolved;
    findings(
        ui,
        tr.tf("compare.resolved", &[("count", &resolved.len())]),
        resolved,
    );
}

/// The estimate's figures that moved, signed.
fn deltas_ui(ui: &mut Ui, tr: &crate::i18n::Texts, d: &Diff) {
    let deltas = d.estimate_deltas();
    if !deltas.is_empty() {
        ui.label(theme::bold(tr.t("compare.estimate")));
        for (name, before, after) in deltas {
            let label = match name {
                "declared_total" => tr.t("review.declared"),
                "excluded_total" => tr.t("panel.excluded"),
                "cost_base" => tr.t("panel.cost_base"),
                "applied_rate" => tr.t("review.rate"),
                "cofunding" => tr.t("panel.cofunding"),
                _ => tr.t("panel.applicant_share"),
            };
            let text = if name == "applied_rate" {
                let percent = crate::domain::money::percent_number_fr;
                tr.tf(
                    "compare.delta.rate",
                    &[
                        ("label", &label),
                        ("before", &percent(before)),
                        ("after", &percent(after)),
                    ],
                )
            } else {
                tr.tf(
                    "compare.delta",
                    &[
                        ("label", &label),
                        ("before", &format_eur(before)),
                        ("after", &format_eur(after)),
                        (
                            "delta",
                            &crate::domain::money::format_eur_signed(after - before),
                        ),
                    ],
                )
            };
            ui.label(text);
        }
        ui.separator();
    }
}

/// The budget lines added, removed and changed.
fn lines_ui(ui: &mut Ui, tr: &crate::i18n::Texts, d: &Diff) {
    let line = |l: &crate::domain::dossier::BudgetLine| {
        format!(
            "« {} » — {}, {}, {}",
            l.label,
            tr.choice(l.category),
            l.year,
            format_eur(l.amount_ttc.value())
        )
    };
    for l in &d.lines.added {
        ui.label(
            RichText::new(tr.tf("compare.line.added", &[("line", &line(l))])).color(theme::GREEN),
        );
    }
    for l in &d.lines.removed {
        ui.label(
            RichText::new(tr.tf("compare.line.removed", &[("line", &line(l))])).color(theme::RED),
        );
    }
    for c in &d.lines.changed {
        ui.label(tr.tf(
            "compare.line.changed",
            &[("before", &line(&c.before)), ("after", &line(&c.after))],
        ));
    }
}
