//! The window: an egui wizard over the domain. Each step is drawn by its own function that edits
//! the dossier; the live panel shows the estimate and the findings; side effects (open, save,
//! quit) are commands run after the frame.

pub mod app;
pub mod charts;
pub mod command;
pub mod glossary;
pub mod import;
pub mod panel;
pub mod prefs;
pub mod renderer;
pub mod seen;
pub mod sources;
pub mod steps;
pub mod tasks;
pub mod theme;
pub mod undo;
pub mod widgets;

pub use app::{App, StartOptions};
pub use command::Command;

/// Opens the window, drawn by `renderer`.
///
/// # Errors
/// When no window can be created (no display, no graphics driver).
pub fn run(
    knowledge: crate::domain::Knowledge,
    options: StartOptions,
    renderer: renderer::Renderer,
) -> eframe::Result {
    let native = eframe::NativeOptions {
        renderer: renderer.eframe(),
        viewport: egui::ViewportBuilder::default()
            .with_title("Dossier Cloud de confiance")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([960.0, 600.0])
            .with_app_id("fr.numerique.dossier-cloud"),
        // Dithering runs per pixel in the fragment shader: under software rendering (virtual
        // desktops without a GPU) it is a large part of each frame, for a gain no one sees on a
        // form of flat colours.
        dithering: false,
        ..Default::default()
    };
    eframe::run_native(
        "dossier-cloud",
        native,
        Box::new(move |cc| Ok(Box::new(App::new(cc, knowledge, options)))),
    )
}
