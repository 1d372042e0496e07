//! A small flow layout on top of printpdf: paragraphs that wrap, key/value blocks, tables whose
//! cells wrap and whose header repeats on each page, then a header and a "page N / M" footer on
//! every page once their number is known. Text is measured with the font's own advances, so long
//! labels wrap and never overflow.
//!
//! Positions and sizes are PDF points (`f32`): layout only. Every figure shown was formatted from
//! exact decimals before it reached this module.

use printpdf::{
    Color, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point, Pt,
    Rect, Rgb, TextItem,
};

mod fonts;
mod table;

pub use fonts::{Font, Fonts, Style};
pub use table::{Align, Column, Row, fit_widths};

/// A4 portrait, in points.
pub const PAGE_W: f32 = 595.28;
/// A4 portrait, in points.
pub const PAGE_H: f32 = 841.89;
/// Left and right margins.
pub const MARGIN_X: f32 = 56.0;
pub(super) const TOP: f32 = 72.0;
pub(super) const BOTTOM: f32 = 64.0;
/// Width of the text column.
pub const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// Space between a table cell's border and its text, on each side.
pub const CELL_PAD: f32 = 4.0;

/// A count of lines as a length factor (a cell never has 65 535 lines).
fn count(n: usize) -> f32 {
    u16::try_from(n).map_or(f32::from(u16::MAX), f32::from)
}

/// Colours of the document.
pub mod colour {
    /// Blue France.
    pub const BLUE: (f32, f32, f32) = (0.0, 0.0, 0.569);
    /// Red for drafts and blocking findings.
    pub const RED: (f32, f32, f32) = (0.808, 0.024, 0.078);
    /// Body text.
    pub const TEXT: (f32, f32, f32) = (0.086, 0.086, 0.086);
    /// Secondary text.
    pub const MUTED: (f32, f32, f32) = (0.35, 0.35, 0.35);
    /// Table header and boxes background.
    pub const LIGHT: (f32, f32, f32) = (0.93, 0.93, 0.97);
    /// Rules.
    pub const RULE: (f32, f32, f32) = (0.75, 0.75, 0.75);
}

/// Writes pages top to bottom.
#[derive(Clone)]
pub struct Writer<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// Distance from the top of the page to the next line's top, in points.
    y: f32,
    /// The font (bold, size bits) and fill colour already set on the current page: text and
    /// fill state persist across text sections, so they are set only when they change.
    font_state: Option<(bool, u32)>,
    fill_state: Option<[u32; 3]>,
    /// The words too wide for their column, cut where they had to be (a user's long word; never
    /// the document's own, which the tests check).
    cut: std::cell::RefCell<Vec<String>>,
}

impl<'f> Writer<'f> {
    /// A writer with one empty page.
    #[must_use]
    pub fn new(fonts: &'f Fonts) -> Self {
        Writer {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
            font_state: None,
            fill_state: None,
            cut: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The words cut inside because no column could hold them, in the order met.
    #[must_use]
    pub fn words_cut(&self) -> Vec<String> {
        self.cut.borrow().clone()
    }

    /// A copy of the writer from the current page on, to try a layout and keep it or not
    /// (cheap: the pages before are not copied).
    #[must_use]
    pub fn fork(&self) -> Writer<'f> {
        Writer {
            fonts: self.fonts,
            pages: vec![self.pages.last().cloned().unwrap_or_default()],
            y: self.y,
            font_state: self.font_state,
            fill_state: self.fill_state,
            cut: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Takes a fork's pages in place of the current page, and goes on from where it stopped.
    pub fn adopt(&mut self, fork: Writer<'f>) {
        self.pages.pop();
        self.pages.extend(fork.pages);
        self.y = fork.y;
        self.font_state = fork.font_state;
        self.fill_state = fork.fill_state;
        self.cut.borrow_mut().extend(fork.cut.into_inner());
    }

    /// How many pages are started.
    #[must_use]
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn font(&self, style: Style) -> &Font {
        if style.bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page.
    pub fn page_break(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
        self.font_state = None;
        self.fill_state = None;
    }

    /// The operators that set a fill colour, unless it is already set.
    fn fill(&mut self, (r, g, b): (f32, f32, f32)) -> Option<Op> {
        let key = [r.to_bits(), g.to_bits(), b.to_bits()];
        (self.fill_state != Some(key)).then(|| {
            self.fill_state = Some(key);
            Op::SetFillColor {
                col: Color::Rgb(Rgb {
                    r,
                    g,
                    b,
                    icc_profile: None,
                }),
            }
        })
    }

    /// Breaks the page unless `height` points still fit; returns whether it broke.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > PAGE_H - BOTTOM {
            self.page_break();
            true
        } else {
            false
        }
    }

    /// Adds vertical space.
    pub fn space(&mut self, points: f32) {
        self.y += points;
    }

    /// Splits a text into lines no wider than `width`, at spaces where it can, inside a word
    /// where it must.
    #[must_use]
    pub fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let font = self.font(style);
        let space = font.width(" ", style.size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            // Widths add up glyph by glyph, so each word is measured once.
            let (mut line, mut line_w) = (String::new(), 0.0);
            for word in paragraph.split(' ') {
                let word_w = font.width(word, style.size);
                let extra = if line.is_empty() {
                    word_w
                } else {
                    space + word_w
                };
                if line_w + extra <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += extra;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                // A word wider than the column is cut where it must be.
                self.cut.borrow_mut().push(word.to_owned());
                for c in word.chars() {
                    let c_w = font.char_width(c, style.size);
                    if !line.is_empty() && line_w + c_w > width {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += c_w;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Draws one line of text with its top at `top`, from `x`.
    pub fn text_at(&mut self, x: f32, top: f32, text: &str, style: Style) {
        self.texts_at(&[(x, top, text)], style);
    }

    /// Several texts in one style, each at (`x`, `top`), in one text object: a table row is one
    /// `BT … ET` whose cursor moves by differences, not one object per cell.
    pub fn texts_at(&mut self, placed: &[(f32, f32, &str)], style: Style) {
        if placed.is_empty() {
            return;
        }
        let id = self.font(style).id.clone();
        let mut ops = Vec::with_capacity(3 + 2 * placed.len());
        ops.push(Op::StartTextSection);
        let font_key = (style.bold, style.size.to_bits());
        if self.font_state != Some(font_key) {
            self.font_state = Some(font_key);
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(style.size),
            });
        }
        ops.extend(self.fill(style.colour));
        // `Td` moves from the start of the previous line; the first is from the page origin.
        let mut from = (0.0, 0.0);
        for &(x, top, text) in placed {
            let baseline = PAGE_H - top - style.size;
            ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(x - from.0),
                    y: Pt(baseline - from.1),
                },
            });
            from = (x, baseline);
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            });
        }
        ops.push(Op::EndTextSection);
        self.ops().extend(ops);
    }

    /// A filled rectangle, top-left corner at (`x`, `top`).
    pub fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, fill: (f32, f32, f32)) {
        let colour = self.fill(fill);
        let rectangle = Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_H - top - height),
                width: Pt(width),
                height: Pt(height),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        };
        self.ops().extend(colour.into_iter().chain([rectangle]));
    }

    /// A horizontal rule across the text width at the current position.
    pub fn rule(&mut self, colour: (f32, f32, f32), thickness: f32) {
        let top = self.y;
        self.polyline(
            &[(MARGIN_X, top), (PAGE_W - MARGIN_X, top)],
            colour,
            thickness,
            None,
        );
    }

    /// A line through points given from the page's top-left corner, solid or dashed (dash and
    /// gap lengths, in points).
    pub fn polyline(
        &mut self,
        points: &[(f32, f32)],
        (r, g, b): (f32, f32, f32),
        thickness: f32,
        dash: Option<(f32, f32)>,
    ) {
        if points.len() < 2 {
            return;
        }
        let pattern = dash.map_or_else(LineDashPattern::solid, |(on, off)| {
            LineDashPattern::new(0.0, &[on, off])
        });
        let points = points
            .iter()
            .map(|&(x, top)| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(PAGE_H - top),
                },
                bezier: false,
            })
            .collect();
        self.ops().extend([
            Op::SetOutlineColor {
                col: Color::Rgb(Rgb {
                    r,
                    g,
                    b,
                    icc_profile: None,
                }),
            },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::SetLineDashPattern { dash: pattern },
            Op::DrawLine {
                line: Line {
                    points,
                    is_closed: false,
                },
            },
        ]);
    }

    /// How wide a text is in a style, in points.
    #[must_use]
    pub fn text_width(&self, text: &str, style: Style) -> f32 {
        self.font(style).width(text, style.size)
    }

    /// A paragraph across the text width (or `width` from `x`).
    pub fn paragraph_at(&mut self, x: f32, width: f32, text: &str, style: Style) {
        for line in self.wrap(text, style, width) {
            self.ensure(style.line_height());
            let top = self.y;
            self.text_at(x, top, &line, style);
            self.y += style.line_height();
        }
    }

    /// A paragraph across the text width.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        self.paragraph_at(MARGIN_X, TEXT_W, text, style);
    }

    /// A text cut with "…" to fit a width.
    #[must_use]
    pub fn truncate(&self, text: &str, style: Style, width: f32) -> String {
        let font = self.font(style);
        if font.width(text, style.size) <= width {
            return text.to_owned();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if font.width(&format!("{out}…"), style.size) > width {
                out.pop();
                break;
            }
        }
        format!("{}…", out.trim_end())
    }

    /// A sub-heading, kept with the start of what follows.
    pub fn subheading(&mut self, text: &str) {
        self.ensure(80.0);
        self.paragraph(text, Style::STRONG);
        self.space(3.0);
    }

    /// A section heading, kept with at least a few lines of what follows.
    pub fn heading(&mut self, text: &str) {
        let style = Style {
            size: 13.0,
            bold: true,
            colour: colour::BLUE,
        };
        self.ensure(100.0);
        self.space(8.0);
        let top = self.y;
        self.text_at(MARGIN_X, top, text, style);
        self.y += style.line_height() + 2.0;
        self.rule(colour::BLUE, 0.8);
        self.space(8.0);
    }

    /// Label and value pairs, the value wrapping in its column.
    pub fn key_values(&mut self, rows: &[(&str, String)]) {
        let label_w = 170.0;
        for (label, value) in rows {
            let lines = self.wrap(value, Style::BODY, TEXT_W - label_w);
            let height = Style::BODY.line_height() * count(lines.len().max(1));
            self.ensure(height);
            let top = self.y;
            self.text_at(MARGIN_X, top, label, Style::BODY.coloured(colour::MUTED));
            for (i, line) in lines.iter().enumerate() {
                self.text_at(
                    MARGIN_X + label_w,
                    top + Style::BODY.line_height() * count(i),
                    line,
                    Style::BODY,
                );
            }
            self.y += height + 2.0;
        }
    }

    /// The pages, each with the header, the draft banner if any, and "page N / M".
    #[must_use]
    pub fn finish(mut self, header: &str, draft: Option<&str>) -> Vec<PdfPage> {
        let count = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(count);
        for (i, ops) in pages.into_iter().enumerate() {
            self.pages = vec![ops];
            self.font_state = None;
            self.fill_state = None;
            let header_style = Style::SMALL;
            self.text_at(MARGIN_X, 30.0, header, header_style);
            if let Some(banner) = draft {
                let style = Style {
                    size: 10.0,
                    bold: true,
                    colour: (1.0, 1.0, 1.0),
                };
                let width = self.fonts.bold.width(banner, style.size) + 16.0;
                self.rect(PAGE_W - MARGIN_X - width, 24.0, width, 18.0, colour::RED);
                self.text_at(PAGE_W - MARGIN_X - width + 8.0, 28.0, banner, style);
            }
            self.y = PAGE_H - 44.0;
            self.rule(colour::RULE, 0.4);
            let footer = format!("page {} / {count}", i + 1);
            let width = self.fonts.regular.width(&footer, header_style.size);
            self.text_at(
                PAGE_W - MARGIN_X - width,
                PAGE_H - 38.0,
                &footer,
                header_style,
            );
            if let Some(banner) = draft {
                self.text_at(
                    MARGIN_X,
                    PAGE_H - 38.0,
                    banner,
                    Style {
                        colour: colour::RED,
                        bold: true,
                        ..header_style
                    },
                );
            }
            let ops = self.pages.pop().unwrap_or_default();
            out.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        out
    }

    /// The current distance from the top of the page.
    #[must_use]
    pub fn y(&self) -> f32 {
        self.y
    }
}
