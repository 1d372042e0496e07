//! One text field in a 1440×900 window, drawn as the app draws its panels (cleared to the
//! panel colour, the panel not filled again), the cursor steady: what a keystroke costs egui and
//! the GL stack alone, for `benches/keystroke_cpu.sh --floor`
//! (`EXTRA_ENV=FLOOR_FIELDS=20 bash benches/keystroke_cpu.sh --floor`: with 20 more fields).

use eframe::egui;

struct Floor(String);

impl eframe::App for Floor {
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let frame = egui::Frame::central_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
        egui::CentralPanel::default().frame(frame).show(ui, |ui| {
            // Where the script clicks: (600, 600).
            // FLOOR_FIELDS=N: N more fields above, to measure what each costs.
            let n: u16 = std::env::var("FLOOR_FIELDS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            for _ in 0..n {
                ui.text_edit_singleline(&mut String::from("x"));
            }
            ui.add_space((584.0 - 26.0 * f32::from(n)).max(0.0));
            ui.horizontal(|ui| {
                ui.add_space(500.0);
                ui.text_edit_singleline(&mut self.0);
            });
        });
    }
}

fn main() -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1440.0, 900.0]),
        dithering: false,
        ..Default::default()
    };
    eframe::run_native(
        "keystroke-floor",
        native,
        Box::new(|cc| {
            // FLOOR_SQUARE=1: square corners (a rectangle is two triangles; a rounded one is a
            // fan of long thin triangles from one corner, each spanning the widget).
            let square = std::env::var_os("FLOOR_SQUARE").is_some();
            // FLOOR_NO_FEATHER=1: no anti-aliasing strips around shapes.
            if std::env::var_os("FLOOR_NO_FEATHER").is_some() {
                cc.egui_ctx.tessellation_options_mut(|o| o.feathering = false);
            }
            cc.egui_ctx.all_styles_mut(|s| {
                s.visuals.text_cursor.blink = false;
                if square {
                    for w in [
                        &mut s.visuals.widgets.noninteractive,
                        &mut s.visuals.widgets.inactive,
                        &mut s.visuals.widgets.hovered,
                        &mut s.visuals.widgets.active,
                        &mut s.visuals.widgets.open,
                    ] {
                        w.corner_radius = egui::CornerRadius::ZERO;
                    }
                }
            });
            Ok(Box::new(Floor(String::new())))
        }),
    )
}
