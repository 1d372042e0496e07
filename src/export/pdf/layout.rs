//! A small flow layout on top of printpdf: paragraphs that wrap, key/value blocks, tables whose
//! cells wrap and whose header repeats on each page, then a header and a "page N / M" footer on
//! every page once their number is known. Text is measured with the font's own advances, so long
//! labels wrap and never overflow.
//!
//! Positions and sizes are PDF points (`f32`): layout only. Every figure shown was formatted from
//! exact decimals before it reached this module.

use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage,
    Point, Pt, Rect, Rgb, TextItem,
};

/// A4 portrait, in points.
pub const PAGE_W: f32 = 595.28;
/// A4 portrait, in points.
pub const PAGE_H: f32 = 841.89;
/// Left and right margins.
pub const MARGIN_X: f32 = 56.0;
const TOP: f32 = 72.0;
const BOTTOM: f32 = 64.0;
/// Width of the text column.
pub const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// Space between a table cell's border and its text, on each side.
pub const CELL_PAD: f32 = 4.0;

/// A count of lines as a length factor (a cell never has 65 535 lines).
fn count(n: usize) -> f32 {
    u16::try_from(n).map_or(f32::from(u16::MAX), f32::from)
}

/// Widths from the columns' shares of `total`, each widened towards its `need` with room taken
/// from the columns above theirs, in proportion to what each can spare; the sum stays `total`.
#[must_use]
pub fn fit_widths(columns: &[Column<'_>], needs: &[f32], total: f32) -> Vec<f32> {
    let mut widths: Vec<f32> = columns.iter().map(|c| c.share * total).collect();
    let short: f32 = widths
        .iter()
        .zip(needs)
        .map(|(w, n)| (n - w).max(0.0))
        .sum();
    let spare: f32 = widths
        .iter()
        .zip(needs)
        .map(|(w, n)| (w - n).max(0.0))
        .sum();
    if short <= 0.0 || spare <= 0.0 {
        return widths;
    }
    let moved = short.min(spare);
    for (width, need) in widths.iter_mut().zip(needs) {
        if *need > *width {
            *width += (*need - *width) * moved / short;
        } else {
            *width -= (*width - *need) * moved / spare;
        }
    }
    widths
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

    fn line_height(self) -> f32 {
        self.size * 1.35
    }
}

/// Horizontal alignment in a table column.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the left.
    Left,
    /// Numbers end at the right.
    Right,
}

/// A table column: title, share of the text width, alignment.
pub struct Column<'a> {
    /// The header.
    pub title: &'a str,
    /// Share of the table's width (the shares add up to 1).
    pub share: f32,
    /// Alignment.
    pub align: Align,
}

impl<'a> Column<'a> {
    /// A column of text.
    #[must_use]
    pub const fn left(title: &'a str, share: f32) -> Self {
        Column {
            title,
            share,
            align: Align::Left,
        }
    }

    /// A column of figures.
    #[must_use]
    pub const fn right(title: &'a str, share: f32) -> Self {
        Column {
            title,
            share,
            align: Align::Right,
        }
    }
}

/// A table row: its cells and how they look.
pub struct Row {
    /// One text per column.
    pub cells: Vec<String>,
    /// The row's style.
    pub style: Style,
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
        self.ensure(70.0);
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

    /// The widest word of a text, in points.
    fn widest_word(&self, text: &str, style: Style) -> f32 {
        let font = self.font(style);
        // Words as `wrap` breaks them: at spaces, never at the no-break ones inside amounts.
        text.split([' ', '\n'])
            .map(|word| font.width(word, style.size))
            .fold(0.0, f32::max)
    }

    /// Column widths: each column's share of the text width, widened to hold its longest word
    /// (« Hébergement ») with room taken from the columns that have more than they need, so
    /// that a word is cut only when no column can give enough.
    fn column_widths(&self, columns: &[Column<'_>], rows: &[Row], header_style: Style) -> Vec<f32> {
        let pad = 2.0 * CELL_PAD;
        let mut needs: Vec<f32> = columns
            .iter()
            .map(|c| self.widest_word(c.title, header_style) + pad)
            .collect();
        for row in rows {
            for (need, text) in needs.iter_mut().zip(&row.cells) {
                *need = need.max(self.widest_word(text, row.style) + pad);
            }
        }
        fit_widths(columns, &needs, TEXT_W)
    }

    /// A table: cells wrap in their column, rows never split, the header repeats on each page.
    pub fn table(&mut self, columns: &[Column<'_>], rows: &[Row]) {
        let pad = CELL_PAD;
        let header_style = Style {
            size: 8.5,
            bold: true,
            colour: colour::TEXT,
        };
        let widths = self.column_widths(columns, rows, header_style);
        let header: Vec<Vec<String>> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.wrap(c.title, header_style, w - 2.0 * pad))
            .collect();
        let header_h = count(header.iter().map(Vec::len).max().unwrap_or(1))
            * header_style.line_height()
            + 2.0 * pad;
        self.ensure(header_h + 30.0);
        self.table_header(columns, &widths, &header, header_h, header_style);
        for row in rows {
            let cells: Vec<Vec<String>> = row
                .cells
                .iter()
                .zip(&widths)
                .map(|(text, w)| self.wrap(text, row.style, w - 2.0 * pad))
                .collect();
            let height = count(cells.iter().map(Vec::len).max().unwrap_or(1))
                * row.style.line_height()
                + 2.0 * pad;
            if self.ensure(height) {
                self.table_header(columns, &widths, &header, header_h, header_style);
            }
            let placed = self.place(columns, &widths, &cells, pad, row.style);
            self.texts_at(&placed, row.style);
            self.y += height;
            self.rule(colour::RULE, 0.4);
        }
        self.space(6.0);
    }

    /// Where each line of each cell of a row goes, aligned in its column, from the current top.
    fn place<'t>(
        &self,
        columns: &[Column<'_>],
        widths: &[f32],
        cells: &'t [Vec<String>],
        pad: f32,
        style: Style,
    ) -> Vec<(f32, f32, &'t str)> {
        let top = self.y;
        let mut x = MARGIN_X;
        let mut placed = Vec::new();
        for ((column, width), lines) in columns.iter().zip(widths).zip(cells) {
            for (i, line) in lines.iter().enumerate() {
                let line_x = match column.align {
                    Align::Left => x + pad,
                    Align::Right => x + width - pad - self.font(style).width(line, style.size),
                };
                placed.push((
                    line_x,
                    top + pad + style.line_height() * count(i),
                    line.as_str(),
                ));
            }
            x += width;
        }
        placed
    }

    fn table_header(
        &mut self,
        columns: &[Column<'_>],
        widths: &[f32],
        header: &[Vec<String>],
        height: f32,
        style: Style,
    ) {
        self.rect(MARGIN_X, self.y, TEXT_W, height, colour::LIGHT);
        let placed = self.place(columns, widths, header, 4.0, style);
        self.texts_at(&placed, style);
        self.y += height;
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
