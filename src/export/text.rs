//! The text exporter: the document as UTF-8 text with aligned tables.
//!
//! Widths are display columns (CJK characters count two, via `unicode-width`), so the
//! ruled tables line up in a monospace font. Long cell texts wrap inside their cell;
//! spanning cells cover their columns and rows as in the PDF.
//!
//! Lines end with `\n` on every system, deliberately: the same draft gives the same bytes
//! on Windows as on Linux (as the PDF does), and Windows' editors read such files.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::doc::{Align, Block, Cell, Document, Table};

/// The widest a single-column cell asks to be before its text wraps; spanning cells
/// may ask for a little more per extra column.
const CELL_CAP: usize = 28;
const SPAN_EXTRA: usize = 2;

/// Renders `doc` as text.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for line in &doc.title {
        out.push_str(line);
        out.push('\n');
    }
    for b in &doc.blocks {
        match b {
            Block::Heading { text, .. } => {
                out.push('\n');
                out.push_str(text);
                out.push('\n');
            }
            Block::Paragraph { text, indent } => {
                if *indent {
                    out.push_str("　　");
                }
                out.push_str(text);
                out.push('\n');
            }
            Block::Note(text) => {
                out.push_str(text);
                out.push('\n');
            }
            Block::Table(t) => {
                out.push('\n');
                out.push_str(&render_table(t));
            }
            Block::PageBreak => out.push('\n'),
        }
    }
    out
}

/// A cell placed on the grid.
struct Placed<'a> {
    cell: &'a Cell,
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
    align: Align,
}

/// Places the cells of `rows` on a grid of `ncols` columns, honouring spans. Returns the
/// placed cells and, per grid position, the index of the cell covering it.
fn place<'a>(table: &'a Table, ncols: usize) -> (Vec<Placed<'a>>, Vec<Vec<Option<usize>>>) {
    let header_rows = table.header.len();
    let all: Vec<&Vec<Cell>> = table.header.iter().chain(table.rows.iter()).collect();
    let mut owner: Vec<Vec<Option<usize>>> = vec![vec![None; ncols]; all.len()];
    let mut placed = Vec::new();
    for (r, row) in all.iter().enumerate() {
        let mut c = 0;
        for cell in row.iter() {
            while c < ncols && owner[r][c].is_some() {
                c += 1;
            }
            if c >= ncols {
                break;
            }
            let colspan = (cell.colspan.max(1) as usize).min(ncols - c);
            let rowspan = (cell.rowspan.max(1) as usize).min(all.len() - r);
            let idx = placed.len();
            for covered in owner.iter_mut().skip(r).take(rowspan) {
                for slot in covered.iter_mut().skip(c).take(colspan) {
                    *slot = Some(idx);
                }
            }
            let align = cell.align.unwrap_or(if r < header_rows {
                Align::Center
            } else {
                table.columns.get(c).map(|col| col.align).unwrap_or_default()
            });
            placed.push(Placed { cell, row: r, col: c, colspan, rowspan, align });
            c += colspan;
        }
    }
    (placed, owner)
}

/// The display width of a span of columns: the column widths plus the " | " between.
fn span_width(widths: &[usize], col: usize, colspan: usize) -> usize {
    widths[col..col + colspan].iter().sum::<usize>() + 3 * (colspan - 1)
}

/// Wraps `text` to `width` display columns (hard breaks on '\n').
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for ch in para.chars() {
            let cw = ch.width().unwrap_or(0);
            if w + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(ch);
            w += cw;
        }
        lines.push(line);
    }
    lines
}

fn pad(text: &str, width: usize, align: Align) -> String {
    let gap = width.saturating_sub(text.width());
    match align {
        Align::Left => format!("{text}{}", " ".repeat(gap)),
        Align::Right => format!("{}{text}", " ".repeat(gap)),
        Align::Center => format!("{}{text}{}", " ".repeat(gap / 2), " ".repeat(gap - gap / 2)),
    }
}

/// Renders one table: title, captions, the ruled grid, the empty note.
fn render_table(table: &Table) -> String {
    let ncols = table.columns.len().max(
        table
            .header
            .iter()
            .chain(table.rows.iter())
            .map(|r| r.iter().map(|c| c.colspan.max(1) as usize).sum())
            .max()
            .unwrap_or(0),
    );
    let mut out = String::new();
    if ncols == 0 {
        return out;
    }
    let (placed, owner) = place(table, ncols);
    let nrows = owner.len();

    // Column widths: single cells first, then spanning cells widen what they cover.
    let mut widths = vec![1usize; ncols];
    let demand = |p: &Placed| {
        let natural = p.cell.text.split('\n').map(|l| l.width()).max().unwrap_or(0);
        natural.min(CELL_CAP + SPAN_EXTRA * (p.colspan - 1))
    };
    for p in placed.iter().filter(|p| p.colspan == 1) {
        widths[p.col] = widths[p.col].max(demand(p));
    }
    let mut spanning: Vec<&Placed> = placed.iter().filter(|p| p.colspan > 1).collect();
    spanning.sort_by_key(|p| p.colspan);
    for p in spanning {
        let have = span_width(&widths, p.col, p.colspan);
        let need = demand(p);
        if need > have {
            let extra = need - have;
            for k in 0..p.colspan {
                widths[p.col + k] += extra / p.colspan + usize::from(k < extra % p.colspan);
            }
        }
    }

    // Wrapped lines per cell, then row heights (a tall spanning cell stretches its last row).
    let lines: Vec<Vec<String>> =
        placed.iter().map(|p| wrap(&p.cell.text, span_width(&widths, p.col, p.colspan))).collect();
    let mut heights = vec![1usize; nrows];
    for (p, l) in placed.iter().zip(&lines) {
        if p.rowspan == 1 {
            heights[p.row] = heights[p.row].max(l.len());
        }
    }
    for (p, l) in placed.iter().zip(&lines) {
        if p.rowspan > 1 {
            let last = p.row + p.rowspan - 1;
            let available: usize = heights[p.row..=last].iter().sum::<usize>() + (p.rowspan - 1);
            if l.len() > available {
                heights[last] += l.len() - available;
            }
        }
    }
    // The line offset of each row's first line inside the cells spanning it.
    let mut tops = vec![0usize; nrows];
    for r in 1..nrows {
        tops[r] = tops[r - 1] + heights[r - 1] + 1;
    }

    let total_width = span_width(&widths, 0, ncols) + 4;
    if !table.title.trim().is_empty() {
        out.push_str(pad(table.title.trim(), total_width, Align::Center).trim_end());
        out.push('\n');
    }
    let captions: Vec<&str> = table.captions.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    if !captions.is_empty() {
        out.push_str(&captions.join("    "));
        out.push('\n');
    }

    // A joint is drawn where a cell ends in the row above or below the rule.
    let ends = |r: usize, c: usize| c + 1 == ncols || owner[r][c].is_none() || owner[r][c] != owner[r][c + 1];
    let rule = |r: usize| {
        let mut s = String::from("+");
        for (c, w) in widths.iter().enumerate() {
            s.extend(std::iter::repeat_n('-', w + 2));
            s.push(if ends(r, c) { '+' } else { '-' });
        }
        s
    };
    let cell_line = |idx: usize, offset: usize| -> String {
        let p = &placed[idx];
        let text = lines[idx].get(offset).map(String::as_str).unwrap_or("");
        pad(text, span_width(&widths, p.col, p.colspan), p.align)
    };
    out.push_str(&rule(0));
    out.push('\n');
    for r in 0..nrows {
        for l in 0..heights[r] {
            let mut s = String::from("|");
            let mut c = 0;
            while c < ncols {
                match owner[r][c] {
                    Some(idx) => {
                        let p = &placed[idx];
                        s.push(' ');
                        s.push_str(&cell_line(idx, tops[r] - tops[p.row] + l));
                        s.push_str(" |");
                        c = p.col + p.colspan;
                    }
                    None => {
                        s.push_str(&" ".repeat(widths[c] + 2));
                        s.push('|');
                        c += 1;
                    }
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        }
        if r + 1 == nrows {
            break;
        }
        // The rule under row r; cells continuing into the next row carry on through it.
        let ch = if r + 1 == table.header.len() { '=' } else { '-' };
        let continues = |c: usize| owner[r][c].is_some() && owner[r][c] == owner[r + 1][c];
        let mut s = String::from(if continues(0) { "|" } else { "+" });
        let mut c = 0;
        while c < ncols {
            match owner[r][c] {
                Some(idx) if owner[r + 1][c] == Some(idx) => {
                    let p = &placed[idx];
                    s.push(' ');
                    s.push_str(&cell_line(idx, tops[r] - tops[p.row] + heights[r]));
                    s.push_str(" |");
                    c = p.col + p.colspan;
                }
                _ => {
                    s.extend(std::iter::repeat_n(ch, widths[c] + 2));
                    s.push(if c + 1 < ncols && continues(c + 1) {
                        '|'
                    } else if ends(r, c) || ends(r + 1, c) {
                        '+'
                    } else {
                        ch
                    });
                    c += 1;
                }
            }
        }
        out.push_str(&s);
        out.push('\n');
    }
    out.push_str(&rule(nrows - 1));
    out.push('\n');
    if table.is_empty()
        && let Some(note) = &table.empty_note
    {
        out.push_str(note);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::doc::Column;

    fn table() -> Table {
        Table {
            title: "表".into(),
            captions: vec!["单位：万元".into()],
            columns: vec![Column::new(1, Align::Left), Column::new(1, Align::Right), Column::new(1, Align::Right)],
            header: vec![
                vec![Cell::new("项目").span(1, 2), Cell::new("金额").span(2, 1)],
                vec![Cell::new("上年"), Cell::new("本年")],
            ],
            rows: vec![
                vec![Cell::new("办公费"), Cell::new("9.18"), Cell::new("1445.10")],
                vec![Cell::new("合计").span(1, 2), Cell::new("0.90"), Cell::new("")],
                vec![Cell::new("1"), Cell::new("2")],
            ],
            landscape: false,
            empty_note: Some("注：无".into()),
        }
    }

    #[test]
    fn tables_line_up_with_cjk_and_spans() {
        let text = render_table(&table());
        let grid: Vec<&str> = text.lines().skip(2).collect();
        let width = grid[0].width();
        for line in &grid {
            assert_eq!(line.width(), width, "{line}\n{text}");
        }
        // Numbers are right-aligned under their header.
        assert!(text.contains("| 办公费 | 9.18 | 1445.10 |"), "{text}");
        assert!(text.contains("|    1 |       2 |"), "{text}");
        // The spanning 项目 cell has no rule between its two rows.
        assert!(grid[1].starts_with("|  项目  |"), "{text}");
        assert!(grid[2].starts_with("|        |------+"), "{text}");
        // Not empty, so no note.
        assert!(!text.contains("注：无"));
    }

    #[test]
    fn long_cells_wrap_and_empty_tables_get_their_note() {
        let mut t = table();
        t.rows = vec![vec![Cell::new("很长的文字".repeat(10)), Cell::new(""), Cell::new("")]];
        let text = render_table(&t);
        assert!(text.lines().all(|l| l.width() < 80), "{text}");
        assert!(text.contains("很长的文字很长的文字"));
        t.rows = vec![vec![Cell::new(""), Cell::new(""), Cell::new("")]];
        assert!(render_table(&t).ends_with("注：无\n"));
    }

    #[test]
    fn paragraphs_and_headings_in_order() {
        let doc = Document {
            title: vec!["部门".into(), "2020年部门预算公开说明".into()],
            blocks: vec![
                Block::Heading { level: 1, text: "第一部分".into() },
                Block::Paragraph { text: "正文".into(), indent: true },
                Block::Note("注：说明".into()),
            ],
            ..Default::default()
        };
        assert_eq!(render(&doc), "部门\n2020年部门预算公开说明\n\n第一部分\n　　正文\n注：说明\n");
    }
}
