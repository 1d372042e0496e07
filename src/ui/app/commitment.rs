//! « Engagement signé… » and « Avenant… » (issue 22): the reciprocal commitment recorded as
//! signed — prefilled from the dossier as filed (`Commitment::from_filed`), checked and corrected
//! before it is recorded — then changed only through an amendment, which keeps the one before.
//! Once signed, the application reads, and the « Suivi » step follows the commitment.

use egui::{RichText, Ui};

use super::{App, Command, Dialog};
use crate::domain::follow::{Commitment, Milestone, PlannedPayment};
use crate::domain::money::Amount;
use crate::domain::{Date, Step};
use crate::i18n::Texts;
use crate::ui::steps::{amount_cell, date_cell};
use crate::ui::theme;
use crate::ui::widgets::Inputs;

/// The dialog's state: the commitment as it is being checked, and for an amendment, its own
/// date, reference and reason.
#[derive(Debug, Clone)]
pub(super) struct Signing {
    /// The commitment being recorded.
    pub commitment: Commitment,
    /// For an amendment: the commitment it replaces, and its date, reference and reason.
    pub amendment: Option<AmendmentForm>,
    /// Texts being typed in its amounts and dates.
    pub inputs: Inputs,
    /// Why the last « Enregistrer » was refused.
    pub error: Option<String>,
}

/// What an amendment asks besides the commitment.
#[derive(Debug, Clone)]
pub(super) struct AmendmentForm {
    /// The commitment as it stands.
    pub current: Commitment,
    /// When the amendment was signed.
    pub date: Date,
    /// Its reference.
    pub reference: String,
    /// Why.
    pub reason: String,
}

/// The width of an amount's field in the dialog.
const AMOUNT_W: f32 = 120.0;

impl App {
    /// Above a step of the application once the commitment is signed: the application reads,
    /// and changes only by an amendment. Returns whether the step is to be read only.
    pub(super) fn signed_banner(&mut self, ui: &mut Ui) -> bool {
        let step = self.doc.step;
        let Some(c) = &self.doc.dossier.commitment else {
            return false;
        };
        if matches!(step, Step::Review | Step::Follow) {
            return false;
        }
        let tr = self.tr();
        let text = tr.tf("commitment.banner", &[("date", &c.signed.to_fr())]);
        egui::Frame::new()
            .fill(theme::BLUE_LIGHT)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(text);
                    if ui.button(tr.t("menu.file.amend")).clicked() {
                        self.commands.push(Command::Commitment);
                    }
                });
            });
        true
    }

    /// Whether a command may run on a signed dossier: what would change the application is
    /// refused, and said (the commitment, undo and redo stay).
    pub(super) fn while_signed(&mut self, command: &Command) -> bool {
        if self.doc.dossier.commitment.is_none() {
            return true;
        }
        let changes_application = matches!(
            command,
            Command::Acknowledge(..)
                | Command::Withdraw(_)
                | Command::PickAttachment(_)
                | Command::AttachTyped(..)
                | Command::ImportFrom(_, crate::import::Kind::Budget)
        );
        if changes_application {
            self.status = Some(self.tr().t("commitment.refused").to_owned());
        }
        !changes_application
    }

    /// Opens the dialog: the commitment prefilled from the dossier, or, once signed, an
    /// amendment of it.
    pub(super) fn ask_commitment(&mut self) {
        let today = Date::today();
        let signing = match &self.doc.dossier.commitment {
            Some(current) => Signing {
                commitment: current.clone(),
                amendment: Some(AmendmentForm {
                    current: current.clone(),
                    date: today,
                    reference: String::new(),
                    reason: String::new(),
                }),
                inputs: Inputs::default(),
                error: None,
            },
            None => Signing {
                commitment: Commitment::from_filed(
                    &self.doc.dossier,
                    &self.doc.evaluation.estimate,
                    today,
                ),
                amendment: None,
                inputs: Inputs::default(),
                error: None,
            },
        };
        self.dialog = Some(Dialog::Commitment(Box::new(signing)));
    }

    /// « Ce qui a changé » from the commitment before its last amendment to the one now: the
    /// dossier compared with itself, its commitment only differing (the amendments' own record
    /// left aside).
    pub(super) fn compare_amendment(&mut self) {
        let Some(current) = &self.doc.dossier.commitment else {
            return;
        };
        let (Some(previous), Some(last)) =
            (current.before_last_amendment(), current.amendments.last())
        else {
            return;
        };
        let tr = self.tr();
        let label = tr.tf("compare.amendment", &[("date", &last.date.to_fr())]);
        let mut before = self.doc.dossier.clone();
        before.commitment = Some(previous.clone());
        let mut after = self.doc.dossier.clone();
        if let Some(c) = after.commitment.as_mut() {
            c.amendments.clear();
        }
        let evaluation = self.doc.evaluation.clone();
        self.comparison = Some((
            label,
            Ok(crate::domain::diff::diff(
                (&before, &evaluation),
                (&after, &evaluation),
            )),
        ));
    }

    /// « Joindre un fichier… » of a savings entry: the system's dialog, or the path typed.
    pub(super) fn pick_evidence(&mut self, index: usize) {
        if !self.native_dialogs {
            self.dialog = Some(Dialog::Path {
                purpose: super::PathPurpose::Evidence(index),
                text: String::new(),
            });
            return;
        }
        if let Some(path) = rfd::FileDialog::new()
            .set_title(self.tr().t("evidence.pick"))
            .pick_file()
        {
            self.evidence_from(index, &path);
        }
    }

    /// Records a file as a savings entry's evidence: its name and SHA-256, which say which
    /// document it was even once it moves; a file that cannot be read is said, and the entry
    /// stays as it was.
    pub(super) fn evidence_from(&mut self, index: usize, path: &std::path::Path) {
        let tr = self.tr();
        match crate::storage::attachment_digest(path) {
            Ok((name, sum, _)) => {
                if let Some(s) = self.doc.dossier.tracking.savings.get_mut(index) {
                    s.evidence = tr.tf("evidence.file", &[("name", &name), ("sha256", &sum)]);
                }
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: tr.t("evidence.unreadable").to_owned(),
                    text: format!("{} ({})", tr.io_error(&e), path.display()),
                });
            }
        }
    }

    /// Records the commitment (or its amendment) and shows the follow-up.
    pub(super) fn record_commitment(&mut self, commitment: Commitment) {
        let tr = self.tr();
        let amended = self.doc.dossier.commitment.is_some();
        self.doc.dossier.commitment = Some(commitment);
        self.doc.seen.leave(self.doc.step, Step::Follow);
        self.doc.step = Step::Follow;
        self.status = Some(if amended {
            tr.t("commitment.amended").to_owned()
        } else {
            tr.t("commitment.recorded").to_owned()
        });
    }

    /// The dialog; returns whether it closes.
    pub(super) fn commitment_dialog(&mut self, ui: &mut Ui, mut state: Box<Signing>) -> bool {
        let tr = self.tr();
        let title = if state.amendment.is_some() {
            tr.t("commitment.amend.title")
        } else {
            tr.t("commitment.title")
        };
        ui.label(theme::bold(title).size(18.0));
        ui.label(if state.amendment.is_some() {
            tr.t("commitment.amend.text")
        } else {
            tr.t("commitment.text")
        });
        let height = (ui.ctx().content_rect().height() - 260.0).max(200.0);
        egui::ScrollArea::vertical()
            .max_height(height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                form(ui, tr, &mut state);
                crate::ui::widgets::keep_focus_in_view(ui);
            });
        if let Some(why) = &state.error {
            ui.label(RichText::new(why).color(theme::RED));
        }
        let close = ui
            .horizontal(|ui| {
                let record = if state.amendment.is_some() {
                    tr.t("commitment.amend.record")
                } else {
                    tr.t("commitment.record")
                };
                if ui.button(record).clicked() {
                    match checked(tr, &state) {
                        Ok(commitment) => {
                            self.commands
                                .push(Command::RecordCommitment(Box::new(commitment)));
                            return true;
                        }
                        Err(why) => state.error = Some(why),
                    }
                }
                ui.button(tr.t("button.cancel")).clicked()
            })
            .inner;
        if !close {
            self.dialog = Some(Dialog::Commitment(state));
        }
        close
    }
}

/// The commitment to record, or why not yet.
fn checked(tr: &Texts, state: &Signing) -> Result<Commitment, String> {
    if state.inputs.pending().next().is_some() {
        return Err(tr.t("commitment.fix").to_owned());
    }
    let c = &state.commitment;
    if c.milestones.iter().any(|m| m.name.trim().is_empty()) {
        return Err(tr.t("commitment.milestone_unnamed").to_owned());
    }
    // The follow-up marks a milestone reached by its name: two of one name would be one.
    let mut names: Vec<&str> = c.milestones.iter().map(|m| m.name.trim()).collect();
    names.sort_unstable();
    if let Some(twice) = names.windows(2).find_map(|w| {
        (w.first() == w.last())
            .then(|| w.first().copied())
            .flatten()
    }) {
        return Err(tr.tf("commitment.milestone_twice", &[("name", &twice)]));
    }
    let Some(amendment) = &state.amendment else {
        return Ok(c.clone());
    };
    if amendment.reason.trim().is_empty() {
        return Err(tr.t("commitment.amend.no_reason").to_owned());
    }
    if *c == amendment.current {
        return Err(tr.t("commitment.amend.unchanged").to_owned());
    }
    Ok(amendment.current.clone().amended(
        c.clone(),
        amendment.date,
        &amendment.reference,
        &amendment.reason,
    ))
}

/// The dialog's fields.
fn form(ui: &mut Ui, tr: &Texts, state: &mut Signing) {
    let Signing {
        commitment: c,
        amendment,
        inputs,
        ..
    } = state;
    if let Some(a) = amendment {
        section(ui, tr.t("commitment.amend.section"));
        row(ui, tr.t("commitment.amend.date"), |ui| {
            date_cell(
                ui,
                tr,
                inputs,
                "amendment.date",
                tr.t("commitment.amend.date"),
                &mut a.date,
            )
        });
        row(ui, tr.t("commitment.amend.reference"), |ui| {
            text(
                ui,
                tr.t("commitment.amend.reference"),
                &mut a.reference,
                260.0,
            )
        });
        row(ui, tr.t("commitment.amend.reason"), |ui| {
            text(ui, tr.t("commitment.amend.reason"), &mut a.reason, 360.0)
        });
    }
    section(ui, tr.t("commitment.section"));
    row(ui, tr.t("commitment.signed"), |ui| {
        date_cell(
            ui,
            tr,
            inputs,
            "commitment.signed",
            tr.t("commitment.signed"),
            &mut c.signed,
        )
    });
    row(ui, tr.t("commitment.reference"), |ui| {
        text(ui, tr.t("commitment.reference"), &mut c.reference, 260.0)
    });
    row(ui, tr.t("commitment.granted"), |ui| {
        amount_cell(
            ui,
            tr,
            inputs,
            "commitment.granted",
            tr.t("commitment.granted"),
            &mut c.granted,
        )
    });
    years(ui, tr, inputs, c);
    payments(ui, tr, inputs, c);
    milestones(ui, tr, inputs, c);
    section(ui, tr.t("commitment.indicators"));
    ui.label(RichText::new(tr.t("commitment.indicators.text")).color(theme::TEXT_MUTED));
    crate::ui::steps::indicators::committed_ui(
        ui,
        tr,
        inputs,
        "commitment.indicators",
        &mut c.indicators,
        c.signed,
    );
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(theme::bold(title).color(theme::BLUE));
}

/// A label and its field on one line, tied for screen readers.
fn row(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> egui::Response) {
    ui.horizontal(|ui| {
        let label = ui
            .allocate_ui_with_layout(
                egui::vec2(180.0, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(180.0);
                    ui.label(label)
                },
            )
            .inner;
        add(ui).labelled_by(label.id);
    });
}

fn text(ui: &mut Ui, name: &str, value: &mut String, width: f32) -> egui::Response {
    ui.add(
        egui::TextEdit::singleline(value)
            .char_limit(crate::domain::limits::MAX_TEXT_CHARS)
            .desired_width(width),
    )
    .accessible_name(name)
}

/// The plan's years as signed: one row a year, four amounts.
fn years(ui: &mut Ui, tr: &Texts, inputs: &mut Inputs, c: &mut Commitment) {
    section(ui, tr.t("commitment.years"));
    let columns = [
        tr.t("commitment.col.declared"),
        tr.t("commitment.col.base"),
        tr.t("commitment.col.cofunding"),
        tr.t("commitment.col.savings"),
    ];
    let mut remove = None;
    egui::Grid::new("commitment-years")
        .num_columns(6)
        .min_col_width(AMOUNT_W)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new(tr.t("follow.col.year")).color(theme::TEXT_MUTED));
            for title in columns {
                ui.label(RichText::new(title).color(theme::TEXT_MUTED));
            }
            ui.end_row();
            for (i, y) in c.years.iter_mut().enumerate() {
                ui.label(y.year.to_string());
                let fields = [
                    ("declared_total", &mut y.declared_total),
                    ("cost_base", &mut y.cost_base),
                    ("cofunding", &mut y.cofunding),
                    ("savings", &mut y.savings),
                ];
                for ((field, value), title) in fields.into_iter().zip(columns) {
                    let name = tr.tf("commitment.cell", &[("what", &title), ("year", &y.year)]);
                    amount_cell(
                        ui,
                        tr,
                        inputs,
                        &format!("commitment.years[{i}].{field}"),
                        &name,
                        value,
                    );
                }
                let name = tr.tf("commitment.year.remove", &[("year", &y.year)]);
                if remove_button(ui, &name) {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove {
        c.years.remove(i);
        inputs.remove_entry("commitment.years", i);
    }
    // A year after the last (or the signing's), its amounts to fill.
    let next = c
        .years
        .iter()
        .map(|y| y.year + 1)
        .max()
        .unwrap_or(c.signed.year());
    if crate::domain::limits::YEARS.contains(&next)
        && ui
            .button(tr.tf("commitment.year.add", &[("year", &next)]))
            .clicked()
    {
        c.years.push(crate::domain::follow::CommittedYear {
            year: next,
            declared_total: Amount::ZERO,
            cost_base: Amount::ZERO,
            cofunding: Amount::ZERO,
            savings: Amount::ZERO,
        });
    }
}

/// The payment calendar: date, amount, condition; added and removed.
fn payments(ui: &mut Ui, tr: &Texts, inputs: &mut Inputs, c: &mut Commitment) {
    section(ui, tr.t("commitment.payments"));
    let mut remove = None;
    for (i, p) in c.payments.iter_mut().enumerate() {
        let n = i + 1;
        ui.horizontal(|ui| {
            date_cell(
                ui,
                tr,
                inputs,
                &format!("commitment.payments[{i}].date"),
                &tr.tf("commitment.payment.date", &[("n", &n)]),
                &mut p.date,
            );
            amount_cell(
                ui,
                tr,
                inputs,
                &format!("commitment.payments[{i}].amount"),
                &tr.tf("commitment.payment.amount", &[("n", &n)]),
                &mut p.amount,
            );
            text(
                ui,
                &tr.tf("commitment.payment.condition", &[("n", &n)]),
                &mut p.condition,
                200.0,
            );
            if remove_button(ui, &tr.tf("commitment.payment.remove", &[("n", &n)])) {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        c.payments.remove(i);
        inputs.remove_entry("commitment.payments", i);
    }
    if ui.button(tr.t("commitment.payment.add")).clicked() {
        let date = c.payments.last().map_or(c.signed, |p| p.date);
        c.payments.push(PlannedPayment {
            date,
            amount: Amount::ZERO,
            condition: String::new(),
        });
    }
}

/// The milestones: name and date; added and removed.
fn milestones(ui: &mut Ui, tr: &Texts, inputs: &mut Inputs, c: &mut Commitment) {
    section(ui, tr.t("commitment.milestones"));
    let mut remove = None;
    for (i, m) in c.milestones.iter_mut().enumerate() {
        let n = i + 1;
        ui.horizontal(|ui| {
            text(
                ui,
                &tr.tf("commitment.milestone.name", &[("n", &n)]),
                &mut m.name,
                260.0,
            );
            date_cell(
                ui,
                tr,
                inputs,
                &format!("commitment.milestones[{i}].date"),
                &tr.tf("commitment.milestone.date", &[("n", &n)]),
                &mut m.date,
            );
            if remove_button(ui, &tr.tf("commitment.milestone.remove", &[("n", &n)])) {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        c.milestones.remove(i);
        inputs.remove_entry("commitment.milestones", i);
    }
    if ui.button(tr.t("commitment.milestone.add")).clicked() {
        let date = c.milestones.last().map_or(c.signed, |m| m.date);
        c.milestones.push(Milestone {
            name: String::new(),
            date,
        });
    }
}

/// « ✕ », named for screen readers; whether it was clicked.
fn remove_button(ui: &mut Ui, name: &str) -> bool {
    ui.button("✕")
        .on_hover_text(name)
        .accessible_name(name)
        .clicked()
}
