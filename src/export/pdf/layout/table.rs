//! Tables: columns from their shares of the text width, widened to their longest word; cells
//! wrapped in their column; a row kept whole when a page can hold it, split across pages only
//! when no page can (a label of 5 000 characters); the header repeated on each page.

use super::{BOTTOM, CELL_PAD, MARGIN_X, PAGE_H, Style, TEXT_W, TOP, Writer, colour, count};

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

impl Writer<'_> {
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
        // The header never ends a page alone: it goes with the first row (or as much of a tall
        // first row as a split would put under it).
        let wrapped = |w: &mut Self, row: &Row| -> Vec<Vec<String>> {
            row.cells
                .iter()
                .zip(&widths)
                .map(|(text, width)| w.wrap(text, row.style, width - 2.0 * pad))
                .collect()
        };
        // Wrapped once (a word cut is recorded once).
        let mut first = rows.first().map(|row| wrapped(self, row));
        let first_h = rows
            .first()
            .zip(first.as_ref())
            .map_or(0.0, |(row, cells)| {
                let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
                count(lines) * row.style.line_height() + 2.0 * pad
            });
        self.ensure(header_h + first_h.clamp(30.0, 120.0));
        self.table_header(columns, &widths, &header, header_h, header_style);
        for row in rows {
            let cells = first.take().unwrap_or_else(|| wrapped(self, row));
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
            let height = count(lines) * row.style.line_height() + 2.0 * pad;
            if height > PAGE_H - BOTTOM - TOP - header_h {
                // Taller than any page: split, never cut (text past the page was lost).
                let header = (columns, widths.as_slice(), header.as_slice(), header_h);
                self.split_row(header, header_style, &cells, lines, row.style);
                self.rule(colour::RULE, 0.4);
                continue;
            }
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

    /// A row taller than a page: as many of its lines as the page holds, then the next page
    /// under the table's header, until every line of every cell is placed.
    fn split_row(
        &mut self,
        (columns, widths, header, header_h): (&[Column<'_>], &[f32], &[Vec<String>], f32),
        header_style: Style,
        cells: &[Vec<String>],
        lines: usize,
        style: Style,
    ) {
        let pad = CELL_PAD;
        let line_h = style.line_height();
        let mut from = 0;
        while from < lines {
            let room = PAGE_H - BOTTOM - self.y - 2.0 * pad;
            // Whole lines that fit in the room left (none when the page is full).
            let fit = (0..=lines - from)
                .rev()
                .find(|n| count(*n) * line_h <= room)
                .unwrap_or(0);
            if fit == 0 {
                self.page_break();
                self.table_header(columns, widths, header, header_h, header_style);
                continue;
            }
            let to = from + fit;
            let part: Vec<Vec<String>> = cells
                .iter()
                .map(|cell| {
                    cell.get(from..to.min(cell.len()))
                        .unwrap_or_default()
                        .to_vec()
                })
                .collect();
            let placed = self.place(columns, widths, &part, pad, style);
            self.texts_at(&placed, style);
            self.y += count(fit) * line_h + 2.0 * pad;
            from = to;
            if from < lines {
                self.page_break();
                self.table_header(columns, widths, header, header_h, header_style);
            }
        }
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
}
