//! « Aide › Glossaire des sigles… »: every acronym the forms show and what it means, for
//! whoever cannot hover (the keyboard, a screen reader). The terms are data
//! (`assets/i18n/glossary.ron`).

use crate::i18n::{self, Lang, Texts};
use crate::ui::theme;

/// Whether the glossary is shown.
#[derive(Debug, Default)]
pub struct GlossaryView {
    /// Shown.
    pub open: bool,
}

impl GlossaryView {
    /// The glossary's window, when open.
    pub fn show(&mut self, ctx: &egui::Context, tr: &Texts, lang: Lang) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new(tr.t("glossary.title"))
            .id(egui::Id::unique("glossary"))
            .open(&mut open)
            .default_width(560.0)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(-280.0, 80.0))
            .max_height(ctx.content_rect().height() - 120.0)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for term in i18n::glossary() {
                        let meaning = match lang {
                            Lang::Fr => &term.fr,
                            Lang::En => &term.en,
                        };
                        ui.horizontal_wrapped(|ui| {
                            ui.label(theme::bold(&term.term));
                            ui.label(meaning.as_str());
                        });
                    }
                });
            });
        self.open = open;
    }
}
