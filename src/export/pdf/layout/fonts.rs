//! The fonts and how text looks: each glyph's advance measured once, a style's size, weight and
//! colour, its line height.

use printpdf::FontId;

use super::colour;

/// Characters below this code point have their advance looked up once, when the font is loaded:
/// Latin-1 and Latin Extended-A and -B cover French text; the rest is looked up in the face.
const CACHED_CHARS: u32 = 0x250;

/// One font: its id in the document and its face, for measuring.
pub struct Font {
    /// The id in the PDF.
    pub id: FontId,
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advances in font units of the first [`CACHED_CHARS`] characters: measuring is most of a
    /// table's layout, and a cmap lookup per character was a tenth of an export.
    advances: Vec<f32>,
}

impl Font {
    /// A font from its bytes, already added to the document.
    #[must_use]
    pub fn new(id: FontId, bytes: &'static [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let advances = (0..CACHED_CHARS)
            .map(|code| {
                char::from_u32(code).map_or(units_per_em / 2.0, |c| {
                    Self::face_advance(&face, c, units_per_em)
                })
            })
            .collect();
        Some(Font {
            id,
            face,
            units_per_em,
            advances,
        })
    }

    fn face_advance(face: &ttf_parser::Face<'_>, c: char, units_per_em: f32) -> f32 {
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .map_or(units_per_em / 2.0, f32::from)
    }

    /// Width of a text at a size, in points.
    #[must_use]
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text.chars().map(|c| self.advance(c)).sum();
        units * size / self.units_per_em
    }

    /// Width of one character at a size, in points (half an em if the font lacks it).
    #[must_use]
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        self.advance(c) * size / self.units_per_em
    }

    fn advance(&self, c: char) -> f32 {
        match self.advances.get(c as usize) {
            Some(&units) => units,
            None => Self::face_advance(&self.face, c, self.units_per_em),
        }
    }
}

/// Regular and bold.
pub struct Fonts {
    /// Body text.
    pub regular: Font,
    /// Headings and emphasis.
    pub bold: Font,
}

/// How a piece of text looks.
#[derive(Clone, Copy)]
pub struct Style {
    /// Size in points.
    pub size: f32,
    /// Bold or regular.
    pub bold: bool,
    /// Colour.
    pub colour: (f32, f32, f32),
}

impl Style {
    /// Body text.
    pub const BODY: Style = Style {
        size: 9.5,
        bold: false,
        colour: colour::TEXT,
    };
    /// Emphasised body text.
    pub const STRONG: Style = Style {
        size: 9.5,
        bold: true,
        colour: colour::TEXT,
    };
    /// Small secondary text.
    pub const SMALL: Style = Style {
        size: 8.0,
        bold: false,
        colour: colour::MUTED,
    };

    /// The same style in another colour.
    #[must_use]
    pub const fn coloured(self, colour: (f32, f32, f32)) -> Style {
        Style { colour, ..self }
    }

    pub(super) fn line_height(self) -> f32 {
        self.size * 1.35
    }
}
