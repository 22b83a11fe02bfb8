//! Page layout: turns a [`Document`] into positioned text runs and ruled boxes per page.
//!
//! The page follows GB/T 9704 (党政机关公文格式): A4, 37 mm top and 28 mm left margin, a
//! 156 × 225 mm text block holding 22 lines of 16 pt (三号) Song text, the page number
//! as "— 1 —" below it. Landscape tables get the same margins turned by 90°.
//!
//! Layout is separate from painting so tests can check pagination (a table row is
//! never cut in half, headers repeat) without decoding a PDF.

use super::fonts::{Face, Fonts, LoadedFace};
use super::linebreak::{Breaking, Line, break_lines, break_lines_as, widest_unit, widest_unit_as};
use super::tagged::Role;
use crate::export::doc::{Align, Block, Cell, Document, Table};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
pub const A4_SHORT: f32 = 210.0 * MM;
pub const A4_LONG: f32 = 297.0 * MM;

const BODY_SIZE: f32 = 16.0;
/// 22 lines in the 225 mm text block.
const BODY_PITCH: f32 = 225.0 * MM / 22.0;
const TITLE_SIZE: f32 = 22.0;
const TITLE_PITCH: f32 = TITLE_SIZE * 1.6;
const TABLE_SIZE: f32 = 10.5;
const TABLE_PITCH_FACTOR: f32 = 1.35;
const TABLE_TITLE_SIZE: f32 = 14.0;
const TABLE_TITLE_PITCH: f32 = TABLE_TITLE_SIZE * 1.6;
/// Smallest size a cell's text is shrunk to so that a long number still fits whole.
const MIN_CELL_SIZE: f32 = 6.0;
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 3.0;
const NOTE_SIZE: f32 = 12.0;
const NOTE_PITCH: f32 = NOTE_SIZE * 1.6;
const PAGE_NUMBER_SIZE: f32 = 14.0;
/// Ascent of the Noto CJK faces in em: the baseline sits this far below the em box top.
const ASCENT: f32 = 0.88;
/// Justification never widens the gap between two characters by more than this (in em),
/// so text extraction does not see word spaces inside words or numbers.
const MAX_JUSTIFY_EM: f32 = 0.09;
const EPS: f32 = 0.01;

/// The text block of a page, in points from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

impl Frame {
    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }
}

/// The text block of a portrait or landscape A4 page.
pub fn frame(landscape: bool) -> Frame {
    if landscape {
        Frame { left: 37.0 * MM, top: 28.0 * MM, width: 225.0 * MM, height: 156.0 * MM }
    } else {
        Frame { left: 28.0 * MM, top: 37.0 * MM, width: 156.0 * MM, height: 225.0 * MM }
    }
}

/// One line of text at an absolute position.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge, points from the page's left edge.
    pub x: f32,
    /// Baseline, points from the page's top edge.
    pub baseline: f32,
    pub size: f32,
    pub face: Face,
    pub bold: bool,
    /// Extra space after each character (PDF `Tc`), for justified lines.
    pub spacing: f32,
    pub text: String,
    /// What the line is in the document's structure (for the tagged PDF).
    pub role: Role,
}

/// A stroked rectangle (a table cell's rules), points from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

/// Where one table row landed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowSlot {
    /// Index of the table in `Document::blocks`.
    pub block: usize,
    /// Index of the row in the table's `header` or `rows`.
    pub row: usize,
    /// Printed as a header: a row of the table's `header`, or a body sub-header (the
    /// bold "一级指标 二级指标…" row of a project table) repeated at the top of a page
    /// its section runs onto; `row` then indexes `rows`.
    pub header: bool,
    pub top: f32,
    pub bottom: f32,
}

/// Where a heading or a table begins on its page (the PDF's bookmarks point there).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Index of the block in `Document::blocks`.
    pub block: usize,
    /// Top of its first line, points from the page's top edge.
    pub top: f32,
}

/// Everything on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PagePlan {
    pub landscape: bool,
    /// 1-based page number.
    pub number: usize,
    pub texts: Vec<TextRun>,
    pub boxes: Vec<Rect>,
    pub rows: Vec<RowSlot>,
    /// Headings and tables beginning on this page, in document order.
    pub marks: Vec<Mark>,
}

impl PagePlan {
    fn new(landscape: bool) -> Self {
        PagePlan { landscape, number: 0, texts: Vec::new(), boxes: Vec::new(), rows: Vec::new(), marks: Vec::new() }
    }

    /// Page width and height in points.
    pub fn size(&self) -> (f32, f32) {
        if self.landscape { (A4_LONG, A4_SHORT) } else { (A4_SHORT, A4_LONG) }
    }

    pub fn frame(&self) -> Frame {
        frame(self.landscape)
    }
}

/// Lays out `doc` page by page.
pub fn layout(fonts: &Fonts, doc: &Document) -> Vec<PagePlan> {
    let modes = landscape_modes(&doc.blocks);
    let prepared: Vec<Option<PreparedTable>> = doc
        .blocks
        .iter()
        .zip(&modes)
        .map(|(b, &landscape)| match b {
            Block::Table(t) => Some(PreparedTable::new(fonts, t, frame(landscape).width)),
            _ => None,
        })
        .collect();

    let mut l = Layouter::new(fonts);
    l.role = Role::Title;
    for title in &doc.title {
        l.lines(title, Face::Sans, false, TITLE_SIZE, TITLE_PITCH, 0.0, Align::Center, false);
    }
    if !doc.title.is_empty() {
        l.y += BODY_PITCH * 0.5;
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        if !matches!(block, Block::PageBreak) {
            l.orientation(modes[i]);
        }
        match block {
            Block::Heading { level, text } => {
                // A run of headings ("五、…" then "（一）…") goes over together with the
                // start of what they introduce.
                let mut j = i + 1;
                let mut lead = 0.0;
                while matches!(doc.blocks.get(j), Some(Block::Heading { .. })) {
                    lead += BODY_PITCH * 1.5;
                    j += 1;
                }
                lead += doc
                    .blocks
                    .get(j)
                    .map_or(0.0, |next| lead_height(next, prepared[j].as_ref(), frame(modes[j]).height));
                l.heading(i, *level, text, lead);
            }
            Block::Paragraph { text, indent } => {
                l.role = Role::Paragraph { block: i };
                let indent = if *indent { 2.0 * BODY_SIZE } else { 0.0 };
                l.lines(text, Face::Serif, false, BODY_SIZE, BODY_PITCH, indent, Align::Left, true);
            }
            Block::Note(text) => {
                l.role = Role::Paragraph { block: i };
                l.lines(text, Face::Serif, false, NOTE_SIZE, NOTE_PITCH, 0.0, Align::Left, true);
            }
            Block::Table(t) => {
                if let Some(p) = &prepared[i] {
                    l.table(i, t, p);
                }
            }
            Block::PageBreak => l.page_break(),
        }
    }
    l.finish()
}

/// Which blocks go on landscape pages: landscape tables, the headings directly before
/// them (a heading must not be left behind on a portrait page) and a note right after.
/// The Word exporter puts the same blocks in landscape sections.
pub fn landscape_modes(blocks: &[Block]) -> Vec<bool> {
    let mut modes: Vec<bool> = blocks.iter().map(|b| matches!(b, Block::Table(t) if t.landscape)).collect();
    for i in (0..blocks.len()).rev() {
        if matches!(blocks[i], Block::Heading { .. }) && modes.get(i + 1).copied().unwrap_or(false) {
            modes[i] = true;
        }
    }
    for i in 1..blocks.len() {
        if matches!(blocks[i], Block::Note(_)) && matches!(&blocks[i - 1], Block::Table(t) if t.landscape) {
            modes[i] = true;
        }
    }
    modes
}

/// The height a block needs on the current page to start there (keeps a heading with
/// what follows it).
fn lead_height(block: &Block, prepared: Option<&PreparedTable>, frame_height: f32) -> f32 {
    match block {
        Block::Heading { .. } | Block::Paragraph { .. } => BODY_PITCH,
        Block::Note(_) => NOTE_PITCH,
        Block::Table(_) => prepared.map_or(0.0, |p| p.start_height(frame_height)),
        Block::PageBreak => 0.0,
    }
}

/// Centred text (titles) broken into lines of even length: as many lines as at full
/// width, but the narrowest width that still needs no more of them.
fn balanced_lines(text: &str, face: &LoadedFace, size: f32, width: f32) -> Vec<Line> {
    let full = break_lines(text, face, size, width, 0.0);
    if full.len() < 2 {
        return full;
    }
    let (mut lo, mut hi) = (width / full.len() as f32, width);
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        if break_lines(text, face, size, mid, 0.0).len() <= full.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    break_lines(text, face, size, hi, 0.0)
}

fn baseline(line_top: f32, pitch: f32, size: f32) -> f32 {
    line_top + (pitch - size) / 2.0 + ASCENT * size
}

struct Layouter<'a> {
    fonts: &'a Fonts,
    pages: Vec<PagePlan>,
    page: PagePlan,
    frame: Frame,
    /// Top of the free space, points from the page top.
    y: f32,
    /// The role of the lines being placed.
    role: Role,
}

impl<'a> Layouter<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        let frame = frame(false);
        Layouter { fonts, pages: Vec::new(), page: PagePlan::new(false), frame, y: frame.top, role: Role::Title }
    }

    fn page_is_empty(&self) -> bool {
        self.page.texts.is_empty() && self.page.boxes.is_empty()
    }

    fn new_page(&mut self, landscape: bool) {
        let done = std::mem::replace(&mut self.page, PagePlan::new(landscape));
        self.pages.push(done);
        self.frame = frame(landscape);
        self.y = self.frame.top;
    }

    fn orientation(&mut self, landscape: bool) {
        if self.page.landscape == landscape {
            return;
        }
        if self.page_is_empty() {
            self.page.landscape = landscape;
            self.frame = frame(landscape);
            self.y = self.frame.top;
        } else {
            self.new_page(landscape);
        }
    }

    fn page_break(&mut self) {
        if !self.page_is_empty() {
            self.new_page(self.page.landscape);
        }
    }

    /// Starts a new page unless `height` still fits (or the page is empty anyway).
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.frame.bottom() + EPS && !self.page_is_empty() {
            self.new_page(self.page.landscape);
        }
    }

    fn face(&self, face: Face) -> &'a LoadedFace {
        self.fonts.face(face)
    }

    fn heading(&mut self, block: usize, level: u8, text: &str, lead: f32) {
        let (face, bold, indent) = match level {
            0 | 1 => (Face::Sans, false, 0.0),
            2 => (Face::Serif, true, 2.0 * BODY_SIZE),
            _ => (Face::Serif, false, 2.0 * BODY_SIZE),
        };
        let (face, bold) = self.fonts.styled(face, bold, text);
        let space_before = if level <= 1 && !self.page_is_empty() { BODY_PITCH * 0.5 } else { 0.0 };
        let lines = break_lines(text, self.face(face), BODY_SIZE, self.frame.width, indent);
        let height = space_before + lines.len() as f32 * BODY_PITCH;
        // A heading never ends a page: it moves on with the start of what follows.
        if height + lead <= self.frame.height {
            self.ensure(height + lead);
        }
        if !self.page_is_empty() {
            self.y += space_before;
        }
        self.ensure(BODY_PITCH);
        self.page.marks.push(Mark { block, top: self.y });
        self.role = Role::Heading { block, level };
        self.place_lines(lines, face, bold, BODY_SIZE, BODY_PITCH, indent, Align::Left, false);
    }

    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        text: &str,
        face: Face,
        bold: bool,
        size: f32,
        pitch: f32,
        indent: f32,
        align: Align,
        justify: bool,
    ) {
        let lines = if align == Align::Center {
            balanced_lines(text, self.face(face), size, self.frame.width)
        } else {
            break_lines(text, self.face(face), size, self.frame.width, indent)
        };
        self.place_lines(lines, face, bold, size, pitch, indent, align, justify);
    }

    #[allow(clippy::too_many_arguments)]
    fn place_lines(
        &mut self,
        lines: Vec<Line>,
        face: Face,
        bold: bool,
        size: f32,
        pitch: f32,
        indent: f32,
        align: Align,
        justify: bool,
    ) {
        let count = lines.len();
        // Running text (justified paragraphs and notes) leaves neither its first line
        // alone at the foot of a page nor its last line alone at the top of the next
        // (where it would stand by itself before a table that starts overleaf).
        let mut break_before = None;
        if justify && count >= 2 && !self.page_is_empty() {
            let room = ((self.frame.bottom() - self.y + EPS) / pitch).floor().max(0.0) as usize;
            if room < count {
                break_before = match room {
                    0 => None,
                    1 => Some(0),
                    _ if count - room == 1 => Some(if room >= 3 { room - 1 } else { 0 }),
                    _ => None,
                };
            }
        }
        for (i, line) in lines.into_iter().enumerate() {
            if break_before == Some(i) {
                self.new_page(self.page.landscape);
            }
            self.ensure(pitch);
            let indent = if i == 0 { indent } else { 0.0 };
            let avail = self.frame.width - indent;
            let x = self.frame.left
                + indent
                + match align {
                    Align::Left => line.lead,
                    Align::Center => (avail - line.lead - line.width) / 2.0 + line.lead,
                    Align::Right => avail - line.width,
                };
            let chars = line.text.chars().count();
            let mut spacing = 0.0;
            if justify && i + 1 < count && chars > 1 {
                let extra = (avail - line.lead - line.width) / (chars - 1) as f32;
                if extra > 0.0 && extra <= MAX_JUSTIFY_EM * size {
                    spacing = extra;
                }
            }
            if !line.text.is_empty() {
                self.page.texts.push(TextRun {
                    x,
                    baseline: baseline(self.y, pitch, size),
                    size,
                    face,
                    bold,
                    spacing,
                    text: line.text,
                    role: self.role,
                });
            }
            self.y += pitch;
        }
    }

    fn table(&mut self, block: usize, t: &Table, p: &PreparedTable) {
        self.ensure(p.start_height(self.frame.height));
        self.page.marks.push(Mark { block, top: self.y });
        let left = self.frame.left;
        let width = self.frame.width;
        for line in &p.title {
            self.page.texts.push(TextRun {
                x: left + (width - line.width) / 2.0,
                baseline: baseline(self.y, TABLE_TITLE_PITCH, TABLE_TITLE_SIZE),
                size: TABLE_TITLE_SIZE,
                face: Face::Sans,
                bold: false,
                spacing: 0.0,
                text: line.text.clone(),
                role: Role::Caption { block, part: 0 },
            });
            self.y += TABLE_TITLE_PITCH;
        }
        if p.caption_height > 0.0 {
            self.captions(block, &t.captions);
        }
        self.grid_rows(block, &p.header, 0..p.header.heights.len(), Rows::Header, p);
        // Rows go page by page; a table that goes on to another page leaves at least
        // `MIN_CARRIED` row sets for it, so it never ends with a lone row overleaf.
        const MIN_CARRIED: usize = 2;
        let body = &p.body;
        let count = body.units.len();
        let mut k = 0;
        while k < count {
            let mut n = 0;
            let mut y = self.y;
            while k + n < count {
                let mut need = body.unit_height(k + n);
                // A row set all in bold (a sub-header such as "一级指标 二级指标…")
                // never ends a page: it goes over with the rows it introduces.
                if body.all_bold(&body.units[k + n]) && k + n + 1 < count {
                    need += body.unit_height(k + n + 1);
                }
                if y + need > self.frame.bottom() + EPS {
                    break;
                }
                y += body.unit_height(k + n);
                n += 1;
            }
            let left = count - (k + n);
            if left > 0 && left < MIN_CARRIED && n > MIN_CARRIED + 1 {
                n -= MIN_CARRIED - left;
            }
            // Taller than a whole page (never with real data): place it anyway.
            let n = n.max(1);
            for unit in &body.units[k..k + n] {
                self.grid_rows(block, body, unit.clone(), Rows::Body, p);
            }
            k += n;
            if k < count {
                self.new_page(self.page.landscape);
                self.grid_rows(block, &p.header, 0..p.header.heights.len(), Rows::Repeated, p);
                // A section of a table under its own sub-header goes on with it.
                if let Some(sub) = (0..k).rev().find(|&u| body.is_sub_header(u))
                    && !body.is_sub_header(k)
                {
                    self.grid_rows(block, body, body.units[sub].clone(), Rows::Repeated, p);
                }
            }
        }
        if t.is_empty()
            && let Some(note) = &t.empty_note
        {
            self.y += 2.0;
            self.role = Role::Paragraph { block };
            self.lines(note, Face::Serif, false, NOTE_SIZE, NOTE_PITCH, 0.0, Align::Left, true);
        }
        self.y += BODY_PITCH * 0.5;
    }

    /// The captions line above the grid: the first flush left, the last flush right,
    /// any others spread evenly between them; a single caption ("单位：万元") goes right.
    fn captions(&mut self, block: usize, captions: &[String]) {
        let face = self.face(Face::Serif);
        let n = captions.len();
        let pitch = TABLE_SIZE * TABLE_PITCH_FACTOR;
        for (i, c) in captions.iter().enumerate() {
            let w = face.width(c, TABLE_SIZE);
            let frac = if n == 1 { 1.0 } else { i as f32 / (n - 1) as f32 };
            self.page.texts.push(TextRun {
                x: self.frame.left + frac * (self.frame.width - w),
                baseline: baseline(self.y, pitch, TABLE_SIZE),
                size: TABLE_SIZE,
                face: Face::Serif,
                bold: false,
                spacing: 0.0,
                text: c.clone(),
                role: Role::Caption { block, part: i + 1 },
            });
        }
        self.y += pitch + 2.0;
    }

    /// Draws the rows `rows` of `grid` at the cursor (their spanning cells lie within).
    fn grid_rows(&mut self, block: usize, grid: &Grid, rows: std::ops::Range<usize>, kind: Rows, p: &PreparedTable) {
        let header = kind != Rows::Body;
        let mut tops = Vec::with_capacity(rows.len() + 1);
        let mut y = self.y;
        for r in rows.clone() {
            tops.push(y);
            self.page.rows.push(RowSlot { block, row: r, header, top: y, bottom: y + grid.heights[r] });
            y += grid.heights[r];
        }
        tops.push(y);
        // Cells are in row order.
        let from = grid.cells.partition_point(|c| c.row < rows.start);
        let to = grid.cells.partition_point(|c| c.row < rows.end);
        for cell in &grid.cells[from..to] {
            let first = cell.row - rows.start;
            let last = (cell.row + cell.rowspan).min(rows.end) - rows.start;
            let top = tops[first];
            let height = tops[last] - top;
            let x = self.frame.left + p.col_x[cell.col];
            let width = p.col_x[cell.col + cell.colspan] - p.col_x[cell.col];
            self.page.boxes.push(Rect { x, top, width, height });
            let pitch = cell.size * TABLE_PITCH_FACTOR;
            let mut line_top = top + (height - pitch * cell.lines.len() as f32) / 2.0;
            for line in &cell.lines {
                if !line.text.is_empty() {
                    let inner = width - 2.0 * CELL_PAD_X;
                    let dx = match cell.align {
                        Align::Left => line.lead,
                        Align::Center => (inner - line.lead - line.width) / 2.0 + line.lead,
                        Align::Right => inner - line.width,
                    };
                    self.page.texts.push(TextRun {
                        x: x + CELL_PAD_X + dx,
                        baseline: baseline(line_top, pitch, cell.size),
                        size: cell.size,
                        face: cell.face,
                        bold: cell.bold,
                        spacing: 0.0,
                        text: line.text.clone(),
                        role: match kind {
                            Rows::Repeated => Role::Artifact,
                            _ => Role::Cell { block, header, row: cell.row, col: cell.col },
                        },
                    });
                }
                line_top += pitch;
            }
        }
        self.y = y;
    }

    fn finish(mut self) -> Vec<PagePlan> {
        self.pages.push(self.page);
        let face = self.fonts.face(Face::Serif);
        for (i, page) in self.pages.iter_mut().enumerate() {
            page.number = i + 1;
            let text = format!("— {} —", i + 1);
            let w = face.width(&text, PAGE_NUMBER_SIZE);
            let (page_width, _) = page.size();
            let frame = page.frame();
            page.texts.push(TextRun {
                x: (page_width - w) / 2.0,
                baseline: frame.bottom() + 7.0 * MM + ASCENT * PAGE_NUMBER_SIZE,
                size: PAGE_NUMBER_SIZE,
                face: Face::Serif,
                bold: false,
                spacing: 0.0,
                text,
                role: Role::Artifact,
            });
        }
        self.pages
    }
}

/// Which rows [`Layouter::grid_rows`] draws: the table's header, body rows, or header
/// rows drawn again at the top of a page the table runs onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rows {
    Header,
    Body,
    Repeated,
}

/// A table cell placed in its grid, its text already broken into lines.
struct GridCell {
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
    lines: Vec<Line>,
    size: f32,
    face: Face,
    bold: bool,
    align: Align,
}

/// The header or the body of a table.
struct Grid {
    cells: Vec<GridCell>,
    heights: Vec<f32>,
    /// Runs of rows that must stay on one page (rows tied together by row spans).
    units: Vec<std::ops::Range<usize>>,
}

struct PreparedTable {
    /// Column edges, points from the text block's left edge (one more than columns).
    col_x: Vec<f32>,
    title: Vec<Line>,
    caption_height: f32,
    header: Grid,
    body: Grid,
}

impl PreparedTable {
    fn new(fonts: &Fonts, t: &Table, width: f32) -> Self {
        let ncols = t.columns.len().max(1);
        let header_cells = place(&t.header, ncols);
        let body_cells = place(&t.rows, ncols);
        let col_x = column_edges(fonts, t, width, &header_cells, &body_cells);
        let title = if t.title.trim().is_empty() {
            Vec::new()
        } else {
            balanced_lines(&t.title, fonts.face(Face::Sans), TABLE_TITLE_SIZE, width)
        };
        let caption_height = if t.captions.is_empty() { 0.0 } else { TABLE_SIZE * TABLE_PITCH_FACTOR + 2.0 };
        let aligns: Vec<Align> = t.columns.iter().map(|c| c.align).collect();
        let header = Grid::new(fonts, &header_cells, t.header.len(), &col_x, &aligns, true);
        let body = Grid::new(fonts, &body_cells, t.rows.len(), &col_x, &aligns, false);
        PreparedTable { col_x, title, caption_height, header, body }
    }

    /// What must fit for the table to start on the current page: all of a small table
    /// (a third of the text block or less), else the title, captions, header and the
    /// first few rows, so no table begins with a lone row at the foot of a page.
    fn start_height(&self, frame_height: f32) -> f32 {
        const FIRST_UNITS: usize = 3;
        let above = self.title.len() as f32 * TABLE_TITLE_PITCH + self.caption_height;
        let header: f32 = self.header.heights.iter().sum();
        let body: f32 = self.body.heights.iter().sum();
        let total = above + header + body;
        if total <= frame_height / 3.0 {
            return total;
        }
        let first = self.body.units.iter().take(FIRST_UNITS).map(|u| self.body.heights[u.clone()].iter().sum::<f32>());
        above + header + first.sum::<f32>()
    }
}

/// The widths of `t`'s columns in points when set `width` wide: the weights, widened
/// where a column's longest number or header word would not fit whole (the Word
/// exporter gives its tables the same widths).
pub fn column_widths(fonts: &Fonts, t: &Table, width: f32) -> Vec<f32> {
    let ncols = t.columns.len().max(1);
    let header = place(&t.header, ncols);
    let body = place(&t.rows, ncols);
    column_edges(fonts, t, width, &header, &body).windows(2).map(|w| w[1] - w[0]).collect()
}

/// The widths of `t`'s columns (as [`column_widths`]) and the lines of each header
/// cell, in the order [`place`] gives the cells: where the PDF breaks a header
/// ("事业/收入"), the Word exporter breaks it too.
pub fn header_layout(fonts: &Fonts, t: &Table, width: f32) -> (Vec<f32>, Vec<Vec<String>>) {
    let ncols = t.columns.len().max(1);
    let header = place(&t.header, ncols);
    let body = place(&t.rows, ncols);
    let edges = column_edges(fonts, t, width, &header, &body);
    let aligns: Vec<Align> = t.columns.iter().map(|c| c.align).collect();
    let grid = Grid::new(fonts, &header, t.header.len(), &edges, &aligns, true);
    let lines = grid.cells.into_iter().map(|c| c.lines.into_iter().map(|l| l.text).collect()).collect();
    (edges.windows(2).map(|w| w[1] - w[0]).collect(), lines)
}

/// A cell and the grid position it covers.
pub(crate) struct Placed<'a> {
    pub row: usize,
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    pub cell: &'a Cell,
}

/// Puts each cell in its column, skipping the positions covered by row spans from
/// above. Cells beyond the last column (a malformed row) are dropped.
pub(crate) fn place(rows: &[Vec<Cell>], ncols: usize) -> Vec<Placed<'_>> {
    let mut out = Vec::new();
    // Rows still covered, per column, by a row span from a row above.
    let mut busy = vec![0usize; ncols];
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while col < ncols && busy[col] > 0 {
                col += 1;
            }
            if col >= ncols {
                break;
            }
            let colspan = usize::from(cell.colspan.max(1)).min(ncols - col);
            let rowspan = usize::from(cell.rowspan.max(1)).min(rows.len() - r);
            for b in &mut busy[col..col + colspan] {
                *b = rowspan;
            }
            out.push(Placed { row: r, col, colspan, rowspan, cell });
            col += colspan;
        }
        for b in &mut busy {
            *b = b.saturating_sub(1);
        }
    }
    out
}

/// Column edges from the columns' weights, then widened where a column's longest
/// number or word would not fit whole, taking the room from columns that can spare it.
fn column_edges(fonts: &Fonts, t: &Table, width: f32, header: &[Placed], body: &[Placed]) -> Vec<f32> {
    let ncols = t.columns.len().max(1);
    let weight = |i: usize| t.columns.get(i).map_or(1.0, |c| f32::from(c.weight.max(1)));
    let total: f32 = (0..ncols).map(weight).sum();
    let mut widths: Vec<f32> = (0..ncols).map(|i| width * weight(i) / total).collect();

    // First the hard needs (the longest number or word of each column, whole), then
    // the soft ones: a few characters of body text on one line, then short headers
    // such as "2019年度预算" on one line; each time room is taken only from columns
    // that can spare it.
    let mut hard = vec![0.0f32; ncols];
    let mut soft_body = vec![0.0f32; ncols];
    let mut soft_header = vec![0.0f32; ncols];
    for (cells, face, short_em, soft) in
        [(header, Face::Sans, 7.0, &mut soft_header), (body, Face::Serif, 6.0, &mut soft_body)]
    {
        let face = fonts.face(face);
        for p in cells.iter().filter(|p| p.colspan == 1) {
            let text = p.cell.text.trim();
            let widest = widest_unit(text, face, TABLE_SIZE) + 2.0 * CELL_PAD_X;
            let short = face.width(text, TABLE_SIZE).min(short_em * TABLE_SIZE) + 2.0 * CELL_PAD_X + TABLE_SIZE / 2.0;
            // The longest word ("收入", "预算数") whole, so cells break between words.
            let word = widest_unit_as(text, face, TABLE_SIZE, Breaking::Words) + 2.0 * CELL_PAD_X;
            hard[p.col] = hard[p.col].max(widest);
            soft[p.col] = soft[p.col].max(widest.max(short).max(word));
        }
    }
    redistribute(&mut widths, &hard);
    let soft_body: Vec<f32> = soft_body.iter().zip(&hard).map(|(s, h)| s.max(*h)).collect();
    redistribute(&mut widths, &soft_body);
    let soft_all: Vec<f32> = soft_header.iter().zip(&soft_body).map(|(s, b)| s.max(*b)).collect();
    redistribute(&mut widths, &soft_all);

    let mut edges = Vec::with_capacity(ncols + 1);
    let mut x = 0.0;
    edges.push(x);
    for w in widths {
        x += w;
        edges.push(x);
    }
    edges
}

/// Widens the columns narrower than `need`, by as much as the columns wider than their
/// `need` can give up together (in proportion to what each can spare).
fn redistribute(widths: &mut [f32], need: &[f32]) {
    let deficit: f32 = widths.iter().zip(need).map(|(w, m)| (m - w).max(0.0)).sum();
    let slack: f32 = widths.iter().zip(need).map(|(w, m)| (w - m).max(0.0)).sum();
    if deficit <= 0.0 || slack <= 0.0 {
        return;
    }
    let moved = deficit.min(slack);
    for (w, m) in widths.iter_mut().zip(need) {
        if *w < *m {
            *w += (*m - *w) * moved / deficit;
        } else {
            *w -= (*w - *m) * moved / slack;
        }
    }
}

impl Grid {
    fn new(fonts: &Fonts, placed: &[Placed], nrows: usize, col_x: &[f32], aligns: &[Align], header: bool) -> Self {
        let min_height = TABLE_SIZE * TABLE_PITCH_FACTOR + 2.0 * CELL_PAD_Y;
        let mut cells = Vec::with_capacity(placed.len());
        for &Placed { row, col, colspan, rowspan, cell } in placed {
            let face = if header { Face::Sans } else { Face::Serif };
            let (face, bold) = fonts.styled(face, cell.bold, &cell.text);
            let align =
                if header { Align::Center } else { cell.align.or(aligns.get(col).copied()).unwrap_or_default() };
            let inner = col_x[col + colspan] - col_x[col] - 2.0 * CELL_PAD_X;
            let loaded = fonts.face(face);
            let widest = widest_unit(&cell.text, loaded, TABLE_SIZE);
            let size = if widest > inner + EPS && widest > 0.0 {
                (TABLE_SIZE * inner / widest).max(MIN_CELL_SIZE)
            } else {
                TABLE_SIZE
            };
            let lines = break_lines_as(cell.text.trim_end(), loaded, size, inner, 0.0, Breaking::Words);
            cells.push(GridCell { row, col, colspan, rowspan, lines, size, face, bold, align });
        }
        let rows = nrows;

        let need = |c: &GridCell| c.lines.len() as f32 * c.size * TABLE_PITCH_FACTOR + 2.0 * CELL_PAD_Y;
        let mut heights = vec![min_height; rows];
        for c in cells.iter().filter(|c| c.rowspan == 1) {
            heights[c.row] = heights[c.row].max(need(c));
        }
        for c in cells.iter().filter(|c| c.rowspan > 1) {
            let have: f32 = heights[c.row..c.row + c.rowspan].iter().sum();
            let missing = need(c) - have;
            if missing > 0.0 {
                heights[c.row + c.rowspan - 1] += missing;
            }
        }

        let mut units = Vec::new();
        let mut start = 0;
        let mut reach = 0;
        let mut next = 0;
        for r in 0..rows {
            while let Some(c) = cells.get(next).filter(|c| c.row == r) {
                reach = reach.max(c.row + c.rowspan);
                next += 1;
            }
            if reach <= r + 1 {
                units.push(start..r + 1);
                start = r + 1;
            }
        }
        Grid { cells, heights, units }
    }

    fn unit_height(&self, k: usize) -> f32 {
        self.units.get(k).map_or(0.0, |u| self.heights[u.clone()].iter().sum())
    }

    /// True when the row set `unit` heads what follows: all bold and no figures
    /// ("一级指标 二级指标 …", unlike a 合计 row).
    fn is_sub_header(&self, unit: usize) -> bool {
        let Some(rows) = self.units.get(unit) else { return false };
        let from = self.cells.partition_point(|c| c.row < rows.start);
        let to = self.cells.partition_point(|c| c.row < rows.end);
        self.all_bold(rows)
            && !self.cells[from..to].iter().flat_map(|c| &c.lines).any(|l| l.text.chars().any(|c| c.is_ascii_digit()))
    }

    /// True when every non-empty cell starting in `rows` is bold.
    fn all_bold(&self, rows: &std::ops::Range<usize>) -> bool {
        let from = self.cells.partition_point(|c| c.row < rows.start);
        let to = self.cells.partition_point(|c| c.row < rows.end);
        let cells = &self.cells[from..to];
        cells.iter().any(|c| !c.lines.iter().all(|l| l.text.is_empty()))
            && cells.iter().all(|c| c.bold || c.face == Face::SerifBold || c.lines.iter().all(|l| l.text.is_empty()))
    }
}
