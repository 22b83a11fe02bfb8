//! The Word exporter: the same [`Document`] the PDF renders, as a .docx an office can
//! publish or edit.
//!
//! Everything is real Word structure, so the navigation pane, a table of contents and
//! "update style" work: paragraph styles for the title, 标题 1/2/3 (with outline levels)
//! and body text, fonts named as GB/T 9704 offices expect (East Asian slot set on every
//! style and run), A4 pages with the PDF's margins, "— N —" page numbers, Word tables
//! with merged header cells, repeated header rows, rows that never split, the PDF's
//! column widths, and landscape sections for the wide tables. A table with a
//! sub-header in its body (a 项目绩效目标表) becomes several Word tables on one grid
//! ([`split`]), since Word repeats only the rows at the top of a table. docx-rs writes
//! the package; [`package`] adds the few things it cannot express.

mod order;
mod package;
mod split;

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, PageOrientationType, PageSize, Paragraph, Run, RunFonts, SectionProperty, SpecialIndentType, Style,
    StyleType, Tab, TabValueType, TableAlignmentType, TableBorderPosition, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::doc::{Align, Block, Cell, Document, Table};
use super::{ExportError, pdf};

/// Style ids, as Word's built-in styles name them (so Word maps them to 标题, 标题 1…).
const TITLE: &str = "Title";
const HEADINGS: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
const BODY: &str = "BodyText";
const NOTE: &str = "Note";
const TABLE_TITLE: &str = "TableTitle";
const TABLE_CAPTION: &str = "TableCaption";
const TABLE_HEADER: &str = "TableHeader";
const TABLE_TEXT: &str = "TableText";
const FOOTER: &str = "Footer";
/// The empty paragraph that carries a section's properties (kept 1 pt high).
const SECTION_END: &str = "SectionEnd";
/// The empty paragraph between two parts of one table (0.7 pt high, the least exact spacing Word accepts).
const TABLE_JOIN: &str = "TableJoin";

/// The fonts GB/T 9704 names; [`package`] lists the fallbacks Word uses when one is
/// missing (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体).
pub(crate) const FONT_TITLE: &str = "方正小标宋简体";
pub(crate) const FONT_HEI: &str = "黑体";
pub(crate) const FONT_KAI: &str = "楷体_GB2312";
pub(crate) const FONT_FANGSONG: &str = "仿宋_GB2312";
pub(crate) const FONT_SONG: &str = "宋体";
const FONT_LATIN: &str = "Times New Roman";

/// Twips (1/20 pt) per millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;
/// Body text: 16 pt (三号), 22 lines in the 225 mm text block, as in the PDF.
const BODY_HALF_POINTS: usize = 32;
const BODY_LINE_TWIPS: i32 = (225.0 * TWIPS_PER_MM / 22.0) as i32;
/// Cell padding in twips: 3 pt across as in the PDF, 1.5 pt down (Word's single
/// line spacing already leaves room above and below the text).
const CELL_PAD_X: usize = 60;
const CELL_PAD_Y: usize = 30;
/// First-line indent of body text: two 16 pt characters.
const TWO_CHARS: i32 = 2 * 16 * 20;

fn mm(v: f32) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// A page's size and margins in twips: A4 with the PDF's text block (GB/T 9704).
struct PageSetup {
    landscape: bool,
}

impl PageSetup {
    fn size(&self) -> (u32, u32) {
        let (w, h) = (mm(210.0) as u32, mm(297.0) as u32);
        if self.landscape { (h, w) } else { (w, h) }
    }

    fn margin(&self) -> PageMargin {
        let frame = pdf::frame(self.landscape);
        let (page_w, page_h) = if self.landscape { (297.0, 210.0) } else { (210.0, 297.0) };
        let (left, top) = (frame.left / pdf::MM, frame.top / pdf::MM);
        let (width, height) = (frame.width / pdf::MM, frame.height / pdf::MM);
        PageMargin::new()
            .top(mm(top))
            .bottom(mm(page_h - top - height))
            .left(mm(left))
            .right(mm(page_w - left - width))
            .header(mm(15.0))
            .footer(mm(22.0))
            .gutter(0)
    }

    /// Width of the text block in twips.
    fn text_width(&self) -> usize {
        (pdf::frame(self.landscape).width * 20.0).round() as usize
    }

    fn orientation(&self) -> PageOrientationType {
        if self.landscape { PageOrientationType::Landscape } else { PageOrientationType::Portrait }
    }

    /// The properties of a section that ends before the last one.
    fn section(&self) -> SectionProperty {
        let (w, h) = self.size();
        SectionProperty::new()
            .page_size(PageSize::new().size(w, h).orient(self.orientation()))
            .page_margin(self.margin())
            // The footer part docx-rs writes for the document's last section; every
            // section shows the same page number.
            .footer(footer(), "rIdFooter1")
    }
}

/// Renders `doc` as .docx bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let modes = pdf::landscape_modes(&doc.blocks);
    let mut out = Writer {
        docx: styled(Docx::new()),
        pending_break: false,
        started: false,
        header_rows: Vec::new(),
        after_table: false,
    };
    for line in &doc.title {
        out.paragraph(Paragraph::new().style(TITLE).add_run(run(line, FONT_TITLE)));
    }
    let mut landscape = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        if !matches!(block, Block::PageBreak) && modes[i] != landscape {
            if out.started {
                out.end_section(&PageSetup { landscape });
            }
            landscape = modes[i];
        }
        match block {
            Block::Heading { level, text } => {
                let (style, font) = heading_style(*level);
                out.paragraph(Paragraph::new().style(style).add_run(run(text, font)));
            }
            Block::Paragraph { text, indent } => {
                let mut p = Paragraph::new().style(BODY).add_run(run(text, FONT_FANGSONG));
                if *indent {
                    p = p.indent(None, Some(SpecialIndentType::FirstLine(TWO_CHARS)), None, None).first_line_chars(200);
                }
                out.paragraph(p);
            }
            Block::Note(text) => out.paragraph(Paragraph::new().style(NOTE).add_run(run(text, FONT_FANGSONG))),
            Block::Table(t) => out.table(t, &PageSetup { landscape })?,
            Block::PageBreak => out.pending_break = out.started,
        }
    }
    if out.after_table {
        out.spacer();
    }
    let last = PageSetup { landscape };
    let (w, h) = last.size();
    let docx = out.docx.page_size(w, h).page_orient(last.orientation()).page_margin(last.margin()).footer(footer());
    let mut xml = docx.build();
    package::finish(&mut xml, &out.header_rows, &doc.meta);
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes).map_err(|e| ExportError::Docx(e.to_string()))?;
    package::deflate(&bytes.into_inner()).map_err(ExportError::Docx)
}

/// The document being written.
struct Writer {
    docx: Docx,
    /// A page break was asked for: the next paragraph starts a page.
    pending_break: bool,
    /// Something has been written (a break before it would leave an empty page).
    started: bool,
    /// Header row count of each table, in document order (for [`package`]).
    header_rows: Vec<usize>,
    /// The last thing written is a table (two tables in a row would merge into one,
    /// and a document must end with a paragraph).
    after_table: bool,
}

impl Writer {
    fn paragraph(&mut self, mut p: Paragraph) {
        if std::mem::take(&mut self.pending_break) {
            p = p.page_break_before(true);
        }
        self.started = true;
        self.after_table = false;
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// An empty line 1 pt high.
    fn spacer(&mut self) {
        self.paragraph(Paragraph::new().style(SECTION_END));
    }

    fn end_section(&mut self, setup: &PageSetup) {
        // The section break itself starts the next page.
        self.pending_break = false;
        let p = Paragraph::new().style(SECTION_END).section_property(setup.section());
        self.after_table = false;
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    fn table(&mut self, t: &Table, setup: &PageSetup) -> Result<(), ExportError> {
        if !t.title.trim().is_empty() {
            self.paragraph(Paragraph::new().style(TABLE_TITLE).add_run(run(&t.title, FONT_HEI)));
        }
        if !t.captions.is_empty() {
            self.paragraph(captions(&t.captions, setup.text_width()));
        }
        if self.pending_break || self.after_table {
            // A table cannot start a page by itself, and would merge with a table
            // right before it: an empty line goes first.
            self.spacer();
        }
        if t.header.is_empty() && t.rows.is_empty() {
            // Word refuses a table without rows; only the note is left to print.
            self.empty_note(t);
            return Ok(());
        }
        self.started = true;
        let (points, header_lines) = pdf::header_layout(t, setup.landscape)?;
        let widths = twips_widths(&points, setup.text_width());
        // A project table is cut before its indicator sub-header (see [`split`]). The
        // parts share one grid and read as one block: a part followed by another keeps
        // with it and leaves its bottom rule to the next part's top rule, with a line
        // 0.7 pt high between them (two tables side by side would merge into one).
        let parts = split::parts(t);
        for (k, part) in parts.iter().enumerate() {
            let joined = k + 1 < parts.len();
            if k > 0 {
                self.paragraph(Paragraph::new().style(TABLE_JOIN));
            }
            let lines: &[Vec<String>] = if part.own_header { &header_lines } else { &[] };
            let mut grid = word_table(t, part, &widths, lines, joined);
            if joined {
                grid = grid.clear_border(TableBorderPosition::Bottom);
            }
            self.header_rows.push(part.header.len());
            self.docx = std::mem::take(&mut self.docx).add_table(grid);
            self.after_table = true;
        }
        self.empty_note(t);
        Ok(())
    }

    fn empty_note(&mut self, t: &Table) {
        if t.is_empty()
            && let Some(note) = &t.empty_note
        {
            self.paragraph(Paragraph::new().style(NOTE).add_run(run(note, FONT_FANGSONG)));
        }
    }
}

fn heading_style(level: u8) -> (&'static str, &'static str) {
    match level {
        0 | 1 => (HEADINGS[0], FONT_HEI),
        2 => (HEADINGS[1], FONT_KAI),
        _ => (HEADINGS[2], FONT_FANGSONG),
    }
}

/// `name` for Chinese (the East Asian slot) with Times New Roman for digits and Latin
/// letters, as offices set them (narrow digits: amounts fit the PDF's column widths),
/// and quotes set as Chinese.
fn fonts(name: &str) -> RunFonts {
    RunFonts::new().ascii(FONT_LATIN).hi_ansi(FONT_LATIN).east_asia(name).cs(FONT_LATIN).hint("eastAsia")
}

/// `text` in `font`; its line breaks (cells such as "1、…\n2、…") become Word line
/// breaks, since Word reads a newline inside text as a space.
fn run(text: &str, font: &str) -> Run {
    let mut r = Run::new().fonts(fonts(font));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line.trim_end_matches('\r'));
    }
    r
}

/// The captions line over a table: first flush left, last flush right, the others on
/// centre tabs in between (as the PDF spreads them); a single caption goes right.
fn captions(captions: &[String], width: usize) -> Paragraph {
    let n = captions.len();
    let mut p = Paragraph::new().style(TABLE_CAPTION);
    if n == 1 {
        return p.align(AlignmentType::Right).add_run(run(&captions[0], FONT_SONG));
    }
    for i in 1..n {
        let kind = if i + 1 == n { TabValueType::Right } else { TabValueType::Center };
        p = p.add_tab(Tab::new().val(kind).pos(width * i / (n - 1)));
    }
    let mut r = Run::new().fonts(fonts(FONT_SONG));
    for (i, c) in captions.iter().enumerate() {
        if i > 0 {
            r = r.add_tab();
        }
        r = r.add_text(c);
    }
    p.add_run(r)
}

/// The PDF's column widths in twips, adding up to exactly `total`.
fn twips_widths(points: &[f32], total: usize) -> Vec<usize> {
    let sum: f32 = points.iter().sum();
    let mut widths: Vec<usize> =
        points.iter().map(|w| (w / sum.max(1.0) * total as f32).round().max(1.0) as usize).collect();
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last = (*last + total).saturating_sub(used).max(1);
    }
    widths
}

/// What occupies a grid position of a Word row.
enum Slot<'a> {
    /// A cell starts here.
    Start { colspan: usize, rowspan: usize, cell: &'a Cell },
    /// Covered by a row span from above (a `vMerge` continuation).
    Covered { colspan: usize },
}

/// The rows of `cells` (header or body) as Word rows: every grid position is either
/// a cell start or a continuation of a merged cell above; short rows are padded.
fn slots<'a>(rows: &'a [Vec<Cell>], ncols: usize) -> Vec<Vec<(usize, Slot<'a>)>> {
    let mut out: Vec<Vec<(usize, Slot)>> = (0..rows.len()).map(|_| Vec::new()).collect();
    for p in pdf::place(rows, ncols) {
        out[p.row].push((p.col, Slot::Start { colspan: p.colspan, rowspan: p.rowspan, cell: p.cell }));
        for row in out.iter_mut().skip(p.row + 1).take(p.rowspan - 1) {
            row.push((p.col, Slot::Covered { colspan: p.colspan }));
        }
    }
    for row in &mut out {
        row.sort_by_key(|(col, _)| *col);
    }
    out
}

/// `part` of `t` as a Word table `widths` wide; header cells break where the PDF
/// breaks them (`header_lines`, in [`pdf::place`] order): Word would break "事业收入"
/// anywhere.
/// `keep`: every row stays on the page of the next (the part is joined to another).
fn word_table(
    t: &Table,
    part: &split::Part,
    widths: &[usize],
    header_lines: &[Vec<String>],
    keep: bool,
) -> docx_rs::Table {
    let ncols = widths.len();
    let aligns: Vec<Align> = t.columns.iter().map(|c| c.align).collect();
    let mut rows = Vec::with_capacity(part.header.len() + part.body.len());
    let mut header_cell = 0;
    for (cells, header) in [(part.header, true), (part.body, false)] {
        for row in slots(cells, ncols) {
            let mut cells = Vec::with_capacity(row.len());
            let mut col = 0;
            for (at, slot) in row {
                // Positions no cell covers (a short row): empty cells keep the grid whole.
                while col < at {
                    cells.push(word_cell(None, widths[col], Align::Left, header, keep));
                    col += 1;
                }
                let span = match &slot {
                    Slot::Start { colspan, .. } | Slot::Covered { colspan } => *colspan,
                };
                let width = widths[col..col + span].iter().sum();
                let mut cell = match slot {
                    Slot::Start { rowspan, cell, .. } => {
                        let align = if header {
                            Align::Center
                        } else {
                            cell.align.or(aligns.get(col).copied()).unwrap_or_default()
                        };
                        let lines = header.then(|| header_lines.get(header_cell)).flatten();
                        header_cell += usize::from(header);
                        let c = match lines {
                            Some(lines) if lines.len() > 1 => {
                                let broken = Cell { text: lines.join("\n"), ..cell.clone() };
                                word_cell(Some(&broken), width, align, header, keep)
                            }
                            _ => word_cell(Some(cell), width, align, header, keep),
                        };
                        if rowspan > 1 { c.vertical_merge(VMergeType::Restart) } else { c }
                    }
                    Slot::Covered { .. } => {
                        word_cell(None, width, Align::Left, header, keep).vertical_merge(VMergeType::Continue)
                    }
                };
                if span > 1 {
                    cell = cell.grid_span(span);
                }
                cells.push(cell);
                col += span;
            }
            while col < ncols {
                cells.push(word_cell(None, widths[col], Align::Left, header, keep));
                col += 1;
            }
            rows.push(TableRow::new(cells).cant_split());
        }
    }
    docx_rs::Table::new(rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
        .align(TableAlignmentType::Center)
        // The PDF's cell padding (3 pt), so the same widths hold the same text.
        .margins(TableCellMargins::new().margin(CELL_PAD_Y, CELL_PAD_X, CELL_PAD_Y, CELL_PAD_X))
}

/// One Word cell `width` twips wide holding `cell`'s text (or nothing); `keep`: its
/// row stays on the page of the next row.
fn word_cell(cell: Option<&Cell>, width: usize, align: Align, header: bool, keep: bool) -> TableCell {
    let (style, font) = if header { (TABLE_HEADER, FONT_HEI) } else { (TABLE_TEXT, FONT_SONG) };
    let mut p = Paragraph::new().style(style).align(match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    });
    if keep && !header {
        p = p.keep_next(true);
    }
    if let Some(cell) = cell {
        let mut r = run(cell.text.trim_end(), font);
        if cell.bold {
            r = r.bold();
        }
        p = p.add_run(r);
    }
    TableCell::new().add_paragraph(p).width(width, WidthType::Dxa).vertical_align(VAlignType::Center)
}

/// The page number "— N —", centred in 4号 (14 pt) 宋体.
fn footer() -> Footer {
    let field = Run::new()
        .fonts(fonts(FONT_SONG))
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    Footer::new().add_paragraph(
        Paragraph::new()
            .style(FOOTER)
            .align(AlignmentType::Center)
            .add_run(run("— ", FONT_SONG))
            .add_run(field)
            .add_run(run(" —", FONT_SONG)),
    )
}

fn line(rule: LineSpacingType, twips: i32) -> LineSpacing {
    LineSpacing::new().line_rule(rule).line(twips)
}

/// Single spacing (Word's "auto" in 240ths of a line).
fn single() -> LineSpacing {
    line(LineSpacingType::Auto, 240)
}

fn paragraph_style(id: &str, name: &str, font: &str, half_points: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next(BODY)
        .q_format(true)
        .fonts(fonts(font))
        .size(half_points)
}

fn keep_with_next(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_next(true).keep_lines(true);
    s
}

/// No first or last line of a paragraph alone on a page (as the PDF does).
fn widow_control(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.widow_control(true);
    s
}

/// The document's styles and defaults.
fn styled(docx: Docx) -> Docx {
    let body_line = line(LineSpacingType::Exact, BODY_LINE_TWIPS);
    let mut docx = docx
        .default_fonts(fonts(FONT_FANGSONG))
        .default_size(BODY_HALF_POINTS)
        .add_style(widow_control(
            paragraph_style(BODY, "Body Text", FONT_FANGSONG, BODY_HALF_POINTS)
                .align(AlignmentType::Both)
                .line_spacing(body_line.clone()),
        ))
        .add_style(keep_with_next(
            paragraph_style(TITLE, "Title", FONT_TITLE, 44)
                .align(AlignmentType::Center)
                .line_spacing(single().after(240)),
        ));
    for (level, id) in HEADINGS.iter().enumerate() {
        let (_, font) = heading_style(level as u8 + 1);
        let mut style = paragraph_style(id, &format!("heading {}", level + 1), font, BODY_HALF_POINTS)
            .outline_lvl(level)
            .line_spacing(body_line.clone());
        if level == 0 {
            style =
                style.line_spacing(line(LineSpacingType::Exact, BODY_LINE_TWIPS).before(BODY_LINE_TWIPS as u32 / 2));
        } else {
            style = style.indent(None, Some(SpecialIndentType::FirstLine(TWO_CHARS)), None, None).first_line_chars(200);
        }
        if level == 2 {
            style = style.bold();
        }
        docx = docx.add_style(keep_with_next(style));
    }
    docx.add_style(widow_control(paragraph_style(NOTE, "Note", FONT_FANGSONG, 24).line_spacing(single())))
        .add_style(keep_with_next(
            paragraph_style(TABLE_TITLE, "Table Title", FONT_HEI, 28)
                .align(AlignmentType::Center)
                .line_spacing(single().before(120).after(120)),
        ))
        .add_style(keep_with_next(
            paragraph_style(TABLE_CAPTION, "Table Caption", FONT_SONG, 21).line_spacing(single().after(60)),
        ))
        // Header rows stay with the first row under them (Word keeps a row whose
        // paragraphs are all "keep with next" on the page of the next row).
        .add_style(keep_with_next(paragraph_style(TABLE_HEADER, "Table Header", FONT_HEI, 21).line_spacing(single())))
        .add_style(paragraph_style(TABLE_TEXT, "Table Text", FONT_SONG, 21).line_spacing(single()))
        .add_style(paragraph_style(FOOTER, "footer", FONT_SONG, 28).line_spacing(single()))
        .add_style(
            paragraph_style(SECTION_END, "Section End", FONT_SONG, 2).line_spacing(line(LineSpacingType::Exact, 20)),
        )
        .add_style(keep_with_next(
            paragraph_style(TABLE_JOIN, "Table Join", FONT_SONG, 1).line_spacing(line(LineSpacingType::Exact, 14)),
        ))
}

#[cfg(test)]
mod tests;
