//! The « Sources des règles » view: every rule the dossier's window applies, grouped by the public
//! page it comes from, with the sentence quoted, the reading chosen where the sentence leaves room,
//! and the step it concerns. A filter narrows it to a rule id or a word.

use egui::{RichText, Ui};

use crate::domain::Knowledge;
use crate::domain::rules::Rule;
use crate::domain::text::fold;
use crate::i18n::Texts;

use super::theme;

/// How a rule's source is named: the page's title and date, or the name the rule gives.
#[must_use]
pub fn page_name(tr: &Texts, knowledge: &Knowledge, seed: &str) -> String {
    let Some(page) = knowledge.source_page(seed) else {
        return seed.to_owned();
    };
    let title = tr.pick(&page.title, &page.title_en);
    let publisher = tr.pick(&page.publisher, &page.publisher_en);
    if page.published.is_empty() {
        format!("{title} ({publisher})")
    } else {
        format!("{title} ({publisher}, {})", page.published)
    }
}

/// The view's state: open or not, and the filter typed.
#[derive(Debug, Default)]
pub struct SourcesView {
    /// Whether the window shows.
    pub open: bool,
    filter: String,
}

impl SourcesView {
    /// Draws the window, if open, for the rules of `window_id`.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        tr: &Texts,
        knowledge: &Knowledge,
        window_id: &str,
    ) {
        if !self.open {
            return;
        }
        let Some(set) = knowledge.rules.window(window_id) else {
            return;
        };
        let mut open = self.open;
        egui::Window::new(tr.tf("sources.title", &[("window", &set.id)]))
            .open(&mut open)
            .default_pos([270.0, 48.0])
            .default_size([620.0, 680.0])
            .vscroll(false)
            .show(ctx, |ui| self.contents(ui, tr, knowledge, &set.rules));
        self.open = open;
    }

    fn contents(&mut self, ui: &mut Ui, tr: &Texts, knowledge: &Knowledge, rules: &[Rule]) {
        ui.label(tr.t("sources.help"));
        let label = ui.label(tr.t("sources.filter"));
        ui.text_edit_singleline(&mut self.filter)
            .labelled_by(label.id);
        ui.add_space(6.0);
        let wanted = fold(self.filter.trim());
        let matches = |rule: &&Rule| {
            wanted.is_empty()
                || fold(&rule.id).contains(&wanted)
                || fold(&rule.title).contains(&wanted)
                || fold(&rule.title_en).contains(&wanted)
                || fold(&rule.source.sentence).contains(&wanted)
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut shown = 0;
            for page in &knowledge.sources {
                let of_page: Vec<&Rule> = rules
                    .iter()
                    .filter(|r| r.source.seed == page.seed)
                    .filter(matches)
                    .collect();
                if of_page.is_empty() {
                    continue;
                }
                ui.add_space(8.0);
                ui.label(theme::bold(page_name(tr, knowledge, &page.seed)).color(theme::BLUE));
                for rule in of_page {
                    rule_entry(ui, tr, rule);
                    shown += 1;
                }
            }
            if shown == 0 {
                ui.label(RichText::new(tr.t("sources.none")).color(theme::TEXT_MUTED));
            }
        });
    }
}

fn rule_entry(ui: &mut Ui, tr: &Texts, rule: &Rule) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(theme::bold(&rule.id));
        ui.label(format!("— {}", tr.pick(&rule.title, &rule.title_en)));
        ui.label(
            RichText::new(tr.tf("sources.step", &[("step", &tr.step(rule.step))]))
                .color(theme::TEXT_MUTED),
        );
    });
    ui.label(RichText::new(format!("« {} »", rule.source.sentence)).italics());
    reading(ui, tr, rule);
}

/// The reading the app adopted where the rule's sentence leaves room, if any.
pub(super) fn reading(ui: &mut Ui, tr: &Texts, rule: &Rule) {
    if let Some(reading) = tr.pick_opt(rule.reading.as_deref(), rule.reading_en.as_deref()) {
        ui.label(
            RichText::new(tr.tf("panel.reading", &[("reading", &reading)]))
                .small()
                .color(theme::TEXT_MUTED),
        );
    }
}
