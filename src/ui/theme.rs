//! The look: a light theme in the spirit of the State's design system (blue France, red Marianne,
//! neutral greys, generous spacing, visible focus), and the embedded `DejaVu Sans` font, which has
//! the narrow no-break space French puts between thousands. Colours come only from here.

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, Stroke, TextStyle};

/// Blue France, the main colour.
pub const BLUE: Color32 = Color32::from_rgb(0x00, 0x00, 0x91);
/// The focus ring, as the DSFR draws it (`#0a76f6`, 2 px, 2 px away).
pub const FOCUS: Color32 = Color32::from_rgb(0x0a, 0x76, 0xf6);
/// A light blue for selected backgrounds.
pub const BLUE_LIGHT: Color32 = Color32::from_rgb(0xE3, 0xE3, 0xFD);
/// Red Marianne, for what blocks.
pub const RED: Color32 = Color32::from_rgb(0xCE, 0x06, 0x14);
/// A light red background.
pub const RED_LIGHT: Color32 = Color32::from_rgb(0xFE, 0xEC, 0xEC);
/// Orange for what to check (contrast ≥ 4.5:1 on white).
pub const ORANGE: Color32 = Color32::from_rgb(0xA3, 0x47, 0x00);
/// A light orange background.
pub const ORANGE_LIGHT: Color32 = Color32::from_rgb(0xFF, 0xF0, 0xE0);
/// Green for what is fine (contrast ≥ 4.5:1 on white).
pub const GREEN: Color32 = Color32::from_rgb(0x18, 0x75, 0x3C);
/// A light green background.
pub const GREEN_LIGHT: Color32 = Color32::from_rgb(0xE6, 0xF4, 0xEA);
/// Main text.
pub const TEXT: Color32 = Color32::from_rgb(0x16, 0x16, 0x16);
/// Secondary text (contrast ≥ 4.5:1 on white).
pub const TEXT_MUTED: Color32 = Color32::from_rgb(0x59, 0x59, 0x59);
/// Borders.
pub const BORDER: Color32 = Color32::from_rgb(0xCE, 0xCE, 0xCE);
/// Panels' background.
pub const PANEL: Color32 = Color32::from_rgb(0xF6, 0xF6, 0xF6);
/// Excluded costs in the bar.
pub const GREY_BAR: Color32 = rgb(crate::charts::palette::EXCLUDED);
/// The rest of the cost base in the bar: the applicant's part.
pub const BLUE_MID: Color32 = rgb(crate::charts::palette::APPLICANT);

/// A colour of the pictures' palette, shared with the PDF.
#[must_use]
pub const fn rgb([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// The severity colours: (text, background).
#[must_use]
pub fn severity_colours(severity: crate::domain::Severity) -> (Color32, Color32) {
    match severity {
        crate::domain::Severity::Blocking => (RED, RED_LIGHT),
        crate::domain::Severity::Warning => (ORANGE, ORANGE_LIGHT),
        crate::domain::Severity::Advisory => (BLUE, BLUE_LIGHT),
    }
}

/// Installs the fonts and the style.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".into(),
        FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf")).into(),
    );
    fonts.font_data.insert(
        "dejavu-bold".into(),
        FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf")).into(),
    );
    if let Some(family) = fonts.families.get_mut(&FontFamily::Proportional) {
        family.insert(0, "dejavu".into());
    }
    fonts.families.insert(
        FontFamily::Name("bold".into()),
        vec!["dejavu-bold".into(), "dejavu".into()],
    );
    ctx.set_fonts(fonts);

    ctx.set_theme(egui::ThemePreference::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Name("bold".into())),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
        style.spacing.interact_size.y = 30.0;
        style.spacing.text_edit_width = 320.0;
        // Windows and dialogs with room around their content, as the DSFR's modals have.
        style.spacing.window_margin = egui::Margin::same(16);
        // Scroll bars that take their own room (never over a field's right edge) and always show
        // where the view is: a bar that appears only on hover is easily missed.
        style.spacing.scroll = egui::style::ScrollStyle {
            bar_width: 8.0,
            ..egui::style::ScrollStyle::solid()
        };

        let v = &mut style.visuals;
        *v = egui::Visuals::light();
        v.override_text_color = Some(TEXT);
        v.panel_fill = Color32::WHITE;
        v.window_fill = Color32::WHITE;
        v.extreme_bg_color = Color32::WHITE;
        // Fields show the white they are drawn on rather than painting it again: the same on
        // screen, and a field's area less to shade each frame under software rendering.
        v.text_edit_bg_color = Some(Color32::TRANSPARENT);
        v.faint_bg_color = PANEL;
        v.hyperlink_color = BLUE;
        v.selection.bg_fill = BLUE_LIGHT;
        v.selection.stroke = Stroke::new(2.0, BLUE);
        v.widgets.inactive.bg_stroke = Stroke::new(1.0, TEXT_MUTED);
        v.widgets.inactive.weak_bg_fill = PANEL;
        v.widgets.hovered.bg_stroke = Stroke::new(1.5, BLUE);
        v.widgets.hovered.weak_bg_fill = BLUE_LIGHT;
        v.widgets.active.bg_stroke = Stroke::new(2.0, BLUE);
        v.widgets.active.weak_bg_fill = BLUE_LIGHT;
        // The keyboard focus ring: thick and blue on every widget.
        v.widgets.open.bg_stroke = Stroke::new(2.0, BLUE);
        square_corners(v);
        v.text_cursor.stroke = Stroke::new(2.0, BLUE);
        // A steady cursor: a blinking one redraws the whole window twice a second for as long as a
        // field has the focus (under software rendering, a few percent of a core doing nothing),
        // and blinking is a distraction some users turn off everywhere.
        v.text_cursor.blink = false;
    });
}

/// Square corners on every widget, window and menu, as the État's design system (DSFR) draws its
/// buttons, fields, cards and modals. Also the cheaper shape by far under software rendering: egui
/// fills a rounded rectangle as a fan of long thin triangles from one corner, each spanning the
/// whole widget, and llvmpipe shades every 4×4 block each of them crosses (on a window of 20
/// fields, square corners take a keystroke from 28 to 20 ms of CPU: BENCHMARKS.md).
fn square_corners(v: &mut egui::Visuals) {
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.corner_radius = egui::CornerRadius::ZERO;
    }
    v.window_corner_radius = egui::CornerRadius::ZERO;
    v.menu_corner_radius = egui::CornerRadius::ZERO;
}

/// A bold text.
#[must_use]
pub fn bold(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).family(FontFamily::Name("bold".into()))
}

/// A panel's frame whose background is not painted: the window is cleared to the panels' white
/// before each frame ([`clear_colour`]), so painting it again costs a full-panel fill for nothing —
/// under software rendering (llvmpipe, virtual desktops without a GPU) fragments are most of a
/// frame's cost.
pub fn unpainted(frame: egui::Frame) -> egui::Frame {
    frame.fill(Color32::TRANSPARENT)
}

/// What the window is cleared to before each frame: the panels' white.
#[must_use]
pub fn clear_colour(visuals: &egui::Visuals) -> [f32; 4] {
    visuals.panel_fill.to_normalized_gamma_f32()
}
