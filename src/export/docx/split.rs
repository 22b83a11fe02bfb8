//! Where a table is cut into several Word tables, so that every page it runs onto
//! starts with the right header rows.
//!
//! Word repeats only the header rows at the very top of a table. A 项目绩效目标表 has
//! no header: it starts with the project's information (项目编码, 预算规模…) and its
//! indicator part has its own sub-header ("一级指标 二级指标 三级指标…") in the middle.
//! The PDF repeats that sub-header on every page the indicators run onto; in Word the
//! table is cut before the sub-header (as offices do by hand), so the indicator table
//! begins with it and Word repeats it. Both tables keep the same grid, so they read as
//! one block.

use std::ops::Range;

use crate::export::doc::{Cell, Table};

/// One Word table made from a part of a [`Table`]: header rows (repeated on every page)
/// and body rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Part<'a> {
    pub header: &'a [Vec<Cell>],
    pub body: &'a [Vec<Cell>],
    /// The header rows are the table's own (the PDF's line breaks apply to them).
    pub own_header: bool,
}

/// `t` as the Word tables to write, in order: the whole table when it has header rows
/// or no sub-header; otherwise the rows before the first sub-header, then each
/// sub-header with the rows it introduces.
pub(super) fn parts(t: &Table) -> Vec<Part<'_>> {
    let whole = Part { header: &t.header, body: &t.rows, own_header: true };
    if !t.header.is_empty() {
        return vec![whole];
    }
    let cuts: Vec<Range<usize>> = sub_headers(&t.rows);
    if cuts.is_empty() {
        return vec![whole];
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    if cuts[0].start > 0 {
        out.push(Part { header: &[], body: &t.rows[..cuts[0].start], own_header: true });
    }
    for (k, cut) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(t.rows.len(), |next| next.start);
        out.push(Part { header: &t.rows[cut.clone()], body: &t.rows[cut.end..end], own_header: false });
    }
    out
}

/// The sub-headers of `rows`: row ranges that head what follows and can be cut
/// before and after (no cell spans across the cut), with at least one row after them.
fn sub_headers(rows: &[Vec<Cell>]) -> Vec<Range<usize>> {
    // reach[r]: the first row after every row span that starts above row r.
    let n = rows.len();
    let mut reach = Vec::with_capacity(n + 1);
    let mut far = 0;
    for (r, row) in rows.iter().enumerate() {
        reach.push(far.max(r));
        far = far.max(row.iter().map(|c| r + usize::from(c.rowspan.max(1))).max().unwrap_or(r + 1)).min(n);
    }
    reach.push(n);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut r = 0;
    while r < n {
        // The rows held together with row r by row spans.
        let mut end = r + 1;
        while reach[end] > end {
            end = reach[end];
        }
        let clean_before = reach[r] <= r;
        if clean_before && end < n && rows[r..end].iter().all(|row| heads(row)) {
            out.push(r..end);
        }
        r = end;
    }
    out
}

/// True when `row` reads as a sub-header: at least two cells with text, all bold,
/// and no figures ("一级指标 二级指标…"; a bold 合计 row has amounts or one cell).
fn heads(row: &[Cell]) -> bool {
    let filled: Vec<&Cell> = row.iter().filter(|c| !c.text.trim().is_empty()).collect();
    filled.len() >= 2 && filled.iter().all(|c| c.bold && !c.text.chars().any(|ch| ch.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|t| Cell::new(*t)).collect()
    }

    fn bold(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|t| Cell::new(*t).bold()).collect()
    }

    #[test]
    fn a_header_less_table_is_cut_before_each_sub_header() {
        let t = Table {
            rows: vec![
                row(&["项目编码", "X1"]),
                row(&["绩效目标", "…"]),
                bold(&["一级指标", "二级指标"]),
                vec![Cell::new("产出指标").span(1, 2), Cell::new("数量")],
                row(&["质量"]),
                bold(&["甲", "乙"]),
                row(&["1", "2"]),
            ],
            ..Default::default()
        };
        let parts = parts(&t);
        let shape: Vec<(usize, usize, bool)> =
            parts.iter().map(|p| (p.header.len(), p.body.len(), p.own_header)).collect();
        assert_eq!(shape, [(0, 2, true), (1, 2, false), (1, 1, false)]);
        assert_eq!(parts[1].header[0][0].text, "一级指标");
        assert_eq!(parts[2].body[0][0].text, "1");
    }

    #[test]
    fn what_is_not_cut() {
        // A table with its own header, a bold total with figures, a lone bold cell, a
        // bold row at the very end, and a bold row inside a row span stay whole.
        let with_header = Table {
            header: vec![row(&["项目", "金额"])],
            rows: vec![bold(&["一", "二"]), row(&["a", "b"])],
            ..Default::default()
        };
        let totals = Table {
            rows: vec![
                row(&["a", "b"]),
                bold(&["合计", "3.00"]),
                row(&["a", "b"]),
                bold(&["合计", ""]),
                row(&["a", "b"]),
                vec![Cell::new("类").span(1, 2), Cell::new("x")],
                bold(&["款", "项"]),
                row(&["a", "b"]),
                bold(&["尾", "行"]),
            ],
            ..Default::default()
        };
        for t in [with_header, totals] {
            let parts = parts(&t);
            assert_eq!(parts.len(), 1);
            assert_eq!((parts[0].header, parts[0].body), (&t.header[..], &t.rows[..]));
        }
    }

    #[test]
    fn a_sub_header_at_the_top_makes_no_empty_table() {
        let t = Table { rows: vec![bold(&["一级指标", "二级指标"]), row(&["a", "b"])], ..Default::default() };
        let parts = parts(&t);
        assert_eq!(parts.len(), 1);
        assert_eq!((parts[0].header.len(), parts[0].body.len()), (1, 1));
    }
}
