//! What changed between two dossiers (issue 15): the fields, in the dossier's own names
//! (`project.title`, `operations[0].applications[1].target.offer`); the budget lines matched by
//! their content, not their position (a line only moved is no change; a line whose label stays
//! and whose amount, category or year moves is *changed*; duplicate labels are paired by
//! category and year first); the estimates before and after; the findings that appeared and
//! those resolved. The command line (`diff`) and the window both read it.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value as Json;

use super::dossier::BudgetLine;
use super::{Choice, Dossier, Estimate, Evaluation, Finding};

/// A field whose value differs (`before` or `after` is `null` where the field is absent).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Its path, in the dossier's own names.
    pub path: String,
    /// Its value before, as `dossier.json` writes it.
    pub before: Json,
    /// Its value after.
    pub after: Json,
}

/// A budget line whose label stayed and whose amount, category or year moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineChange {
    /// The line before.
    pub before: BudgetLine,
    /// The line after.
    pub after: BudgetLine,
}

/// The budget lines, matched by content.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Lines {
    /// Lines only in the second dossier.
    pub added: Vec<BudgetLine>,
    /// Lines only in the first.
    pub removed: Vec<BudgetLine>,
    /// Lines paired by their label whose other values moved.
    pub changed: Vec<LineChange>,
}

/// The two estimates, as `check` gives them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimates {
    /// The first dossier's.
    pub before: Estimate,
    /// The second's.
    pub after: Estimate,
}

/// The findings that differ, as `check` gives them.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Findings {
    /// In the second dossier only.
    pub appeared: Vec<Finding>,
    /// In the first only.
    pub resolved: Vec<Finding>,
}

/// What changed from one dossier to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// The fields, budget lines excepted, in the order of the dossier.
    pub fields: Vec<FieldChange>,
    /// The budget lines.
    pub lines: Lines,
    /// The estimates.
    pub estimate: Estimates,
    /// The findings.
    pub findings: Findings,
}

impl Diff {
    /// Whether the two dossiers hold the same content (the estimate and the findings follow).
    #[must_use]
    pub fn is_same(&self) -> bool {
        self.fields.is_empty()
            && self.lines.added.is_empty()
            && self.lines.removed.is_empty()
            && self.lines.changed.is_empty()
    }

    /// The estimate's figures that moved: (name, before, after), in `check`'s order.
    #[must_use]
    pub fn estimate_deltas(&self) -> Vec<(&'static str, Decimal, Decimal)> {
        let (b, a) = (&self.estimate.before, &self.estimate.after);
        [
            ("declared_total", b.declared_total, a.declared_total),
            ("excluded_total", b.excluded_total, a.excluded_total),
            ("cost_base", b.cost_base, a.cost_base),
            (
                "applied_rate",
                b.applied_rate.value() * Decimal::ONE_HUNDRED,
                a.applied_rate.value() * Decimal::ONE_HUNDRED,
            ),
            ("cofunding", b.cofunding, a.cofunding),
            ("applicant_share", b.applicant_share, a.applicant_share),
        ]
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .collect()
    }
}

/// Compares two dossiers, each with its evaluation.
#[must_use]
pub fn diff(before: (&Dossier, &Evaluation), after: (&Dossier, &Evaluation)) -> Diff {
    let mut fields = Vec::new();
    let as_json = |d: &Dossier| {
        let mut json = serde_json::to_value(d).unwrap_or(Json::Null);
        // The lines are compared by content below; the format's version is not content.
        if let Some(object) = json.as_object_mut() {
            object.remove("format");
            if let Some(budget) = object.get_mut("budget").and_then(Json::as_object_mut) {
                budget.remove("lines");
            }
        }
        json
    };
    walk(
        String::new(),
        &as_json(before.0),
        &as_json(after.0),
        &mut fields,
    );
    Diff {
        fields,
        lines: lines(&before.0.budget.lines, &after.0.budget.lines),
        estimate: Estimates {
            before: before.1.estimate.clone(),
            after: after.1.estimate.clone(),
        },
        findings: findings(&before.1.findings, &after.1.findings),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Every leaf that differs, depth first: objects by key (in the first's order, then the
/// second's new keys), arrays by position, anything else by value.
fn walk(path: String, before: &Json, after: &Json, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (Json::Object(b), Json::Object(a)) => {
            for (key, value) in b {
                walk(
                    join(&path, key),
                    value,
                    a.get(key).unwrap_or(&Json::Null),
                    out,
                );
            }
            for (key, value) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                walk(join(&path, key), &Json::Null, value, out);
            }
        }
        (Json::Array(b), Json::Array(a)) => {
            for i in 0..b.len().max(a.len()) {
                walk(
                    format!("{path}[{i}]"),
                    b.get(i).unwrap_or(&Json::Null),
                    a.get(i).unwrap_or(&Json::Null),
                    out,
                );
            }
        }
        _ if before == after => {}
        _ => out.push(FieldChange {
            path,
            before: before.clone(),
            after: after.clone(),
        }),
    }
}

/// A line's whole content, to pair identical lines wherever they stand.
fn content(line: &BudgetLine) -> (&str, &'static str, i32, Decimal) {
    (
        line.label.trim(),
        line.category.id(),
        line.year,
        line.amount_ttc.value().normalize(),
    )
}

/// The lines matched: identical ones first (wherever they stand), then the rest by label —
/// among lines of the same label, the same category and year first, then the same category,
/// then the same year, then in order.
fn lines(before: &[BudgetLine], after: &[BudgetLine]) -> Lines {
    let mut identical: HashMap<_, Vec<usize>> = HashMap::with_capacity(after.len());
    for (i, line) in after.iter().enumerate().rev() {
        identical.entry(content(line)).or_default().push(i);
    }
    let mut taken = vec![false; after.len()];
    let mut left = Vec::new();
    for line in before {
        match identical.get_mut(&content(line)).and_then(Vec::pop) {
            Some(i) => taken[i] = true,
            None => left.push(line),
        }
    }
    let mut by_label: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, line) in after.iter().enumerate() {
        if !taken[i] {
            by_label.entry(line.label.trim()).or_default().push(i);
        }
    }
    let mut out = Lines::default();
    for line in left {
        let paired = by_label.get_mut(line.label.trim()).and_then(|candidates| {
            let score = |i: &usize| {
                let other = &after[*i];
                match (other.category == line.category, other.year == line.year) {
                    (true, true) => 0,
                    (true, false) => 1,
                    (false, true) => 2,
                    (false, false) => 3,
                }
            };
            let best = candidates
                .iter()
                .enumerate()
                .min_by_key(|(order, i)| (score(i), *order))
                .map(|(at, _)| at)?;
            Some(candidates.remove(best))
        });
        match paired {
            Some(i) => {
                taken[i] = true;
                out.changed.push(LineChange {
                    before: line.clone(),
                    after: after[i].clone(),
                });
            }
            None => out.removed.push(line.clone()),
        }
    }
    out.added = after
        .iter()
        .zip(&taken)
        .filter(|(_, taken)| !**taken)
        .map(|(line, _)| line.clone())
        .collect();
    out
}

/// The findings of one side that the other has not, compared by rule, severity and message
/// (not by the line's index a field path may name: a line only moved is no change).
fn findings(before: &[Finding], after: &[Finding]) -> Findings {
    let key = |f: &Finding| (f.rule.clone(), f.severity, f.message.clone());
    let only = |from: &[Finding], other: &[Finding]| {
        let mut counts: HashMap<_, usize> = HashMap::new();
        for f in other {
            *counts.entry(key(f)).or_default() += 1;
        }
        from.iter()
            .filter(|f| match counts.get_mut(&key(f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    Findings {
        appeared: only(after, before),
        resolved: only(before, after),
    }
}
