//! Checks of the schedule: its dates in order, the time to the first impact, deadlines.

use super::{Figure, Hit, ScheduleDate, hit};

use crate::domain::dates::Date;
use crate::domain::dossier::Dossier;

pub(super) fn time_to_impact(d: &Dossier, max_months: u32) -> Vec<Hit> {
    let (Some(start), Some(impact)) = (d.project.start, d.project.first_impact) else {
        return Vec::new();
    };
    match (start.plus_months(max_months), start.months_until(impact)) {
        (Some(limit), Some((months, days))) if impact > limit => {
            vec![
                hit("slow", "project.first_impact")
                    .with("delay", Figure::Duration { months, days })
                    .with("max", max_months.to_string()),
            ]
        }
        _ => Vec::new(),
    }
}

pub(super) fn deadline(d: &Dossier, on: ScheduleDate, by: Date) -> Vec<Hit> {
    let (date, field) = match on {
        ScheduleDate::FirstImpact => (d.project.first_impact, "project.first_impact"),
        ScheduleDate::End => (d.project.end, "project.end"),
    };
    match date {
        Some(date) if date > by => vec![
            hit("late", field)
                .with("date", date.to_fr())
                .with("by", by.to_fr()),
        ],
        _ => Vec::new(),
    }
}

pub(super) fn schedule(d: &Dossier) -> Vec<Hit> {
    let p = &d.project;
    let mut hits = Vec::new();
    if p.start.is_none() {
        hits.push(hit("missing_start", "project.start"));
    }
    if p.first_impact.is_none() {
        hits.push(hit("missing_first_impact", "project.first_impact"));
    }
    if p.end.is_none() {
        hits.push(hit("missing_end", "project.end"));
    }
    if let (Some(start), Some(impact)) = (p.start, p.first_impact)
        && impact < start
    {
        hits.push(
            hit("impact_before_start", "project.first_impact")
                .with("start", start.to_fr())
                .with("first_impact", impact.to_fr()),
        );
    }
    if let (Some(impact), Some(end)) = (p.first_impact, p.end)
        && end < impact
    {
        hits.push(
            hit("end_before_impact", "project.end")
                .with("first_impact", impact.to_fr())
                .with("end", end.to_fr()),
        );
    } else if let (Some(start), Some(end)) = (p.start, p.end)
        && end < start
    {
        hits.push(
            hit("end_before_start", "project.end")
                .with("start", start.to_fr())
                .with("end", end.to_fr()),
        );
    }
    hits
}
