//! Finding the standard tables in a workbook: titles, the unit line, the header band
//! and what each column holds.
//!
//! A table is found by its title wherever it is (one sheet per table in any order, or
//! several stacked on one sheet), or by the sheet's name when the sheet has no title.
//! Columns are found by their header text across merged multi-row headers, never by
//! position.

use super::text::{cell_address, normalise};
use super::vocabulary::{Role, Vocabulary};
use super::workbook::{Sheet, Value, format_number};

/// The unit a workbook's table states ("单位：万元").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SheetUnit {
    Yuan,
    Qian,
    Wan,
}

impl SheetUnit {
    pub fn label(self) -> &'static str {
        match self {
            SheetUnit::Yuan => "元",
            SheetUnit::Qian => "千元",
            SheetUnit::Wan => "万元",
        }
    }

    /// How many 元 one unit is.
    pub fn yuan(self) -> i64 {
        match self {
            SheetUnit::Yuan => 1,
            SheetUnit::Qian => 1_000,
            SheetUnit::Wan => 10_000,
        }
    }
}

/// A standard table found in a sheet.
#[derive(Debug, Clone)]
pub struct Found {
    pub table: u8,
    pub sheet: usize,
    /// The title as written (or the sheet name when the sheet has no title row).
    pub title: String,
    /// Where the title is ("表5!A1"), or the sheet name.
    pub title_cell: String,
    /// The stated unit and the cell stating it.
    pub unit: Option<(SheetUnit, String)>,
    /// The recognised columns: (column index, role).
    pub columns: Vec<(usize, Role)>,
    /// The lowest header text of every column that has one: (column, text).
    pub leaves: Vec<(usize, String)>,
    /// The body rows, after the header.
    pub body: std::ops::Range<usize>,
}

impl Found {
    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns.iter().find(|(_, r)| *r == role).map(|(c, _)| *c)
    }

    pub fn has(&self, role: Role) -> bool {
        self.column(role).is_some()
    }
}

/// The normalised text of a text cell, or "" for anything else.
pub fn norm_text(v: &Value) -> String {
    match v {
        Value::Text(t) => normalise(t),
        _ => String::new(),
    }
}

/// True when the cell holds a number, or text that reads as one ("7,326,100.00").
pub fn is_numeric(v: &Value) -> bool {
    match v {
        Value::Number(_) => true,
        Value::Text(t) => {
            let t: String = t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
            !t.is_empty()
                && t.chars().any(|c| c.is_ascii_digit())
                && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
        }
        _ => false,
    }
}

/// The 栏次 row: "栏次" first, or only consecutive small integers 1, 2, 3….
pub fn is_column_numbers_row(row: &[Value]) -> bool {
    let cells: Vec<&Value> = row.iter().filter(|v| !v.is_empty()).collect();
    if cells.first().is_some_and(|v| norm_text(v) == "栏次") {
        return true;
    }
    if cells.len() < 3 {
        return false;
    }
    let numbers: Vec<String> = cells.iter().map(|v| normalise(&v.text())).collect();
    numbers.iter().enumerate().all(|(i, n)| *n == (i + 1).to_string())
        || numbers.iter().all(|n| n.chars().count() == 1 && "甲乙丙丁戊".contains(n.as_str()))
        || numbers.first().is_some_and(|n| n == "栏次" || n == "甲")
            && numbers[1..].iter().all(|n| n.parse::<u32>().is_ok())
}

/// Finds every standard table in the visible sheets of `sheets`.
pub fn find_tables(sheets: &[Sheet], v: &Vocabulary) -> Vec<Found> {
    let mut found = Vec::new();
    for (si, sheet) in sheets.iter().enumerate() {
        if !sheet.visible {
            continue;
        }
        // Title rows: few cells, one naming a table, not a note.
        let mut titles: Vec<(usize, u8, String, usize)> = Vec::new();
        for (r, row) in sheet.rows.iter().enumerate() {
            let filled: Vec<(usize, &Value)> = row.iter().enumerate().filter(|(_, v)| !v.is_empty()).collect();
            if filled.is_empty() || filled.len() > 3 {
                continue;
            }
            for (c, cell) in &filled {
                let Value::Text(t) = cell else { continue };
                let n = normalise(t);
                // Every table title ends in 表 (…总表, …支出表); header words such as
                // 一般公共预算基本支出 and row labels such as 国有资本经营预算支出 do not.
                if v.is_note(&n) || !n.contains('表') {
                    continue;
                }
                if let Some(table) = v.table_of_title(t) {
                    titles.push((r, table, t.trim().to_owned(), *c));
                    break;
                }
            }
        }
        if titles.is_empty() {
            if let Some(table) = v.table_of_title(&sheet.name)
                && let Some(f) = table_at(sheet, si, table, None, 0..sheet.rows.len(), v)
            {
                found.push(f);
            }
            continue;
        }
        for (i, (r, table, title, c)) in titles.iter().enumerate() {
            let end = titles.get(i + 1).map(|t| t.0).unwrap_or(sheet.rows.len());
            let title_at = Some((title.clone(), cell_address(&sheet.name, *r, *c)));
            if let Some(f) = table_at(sheet, si, *table, title_at, r + 1..end, v) {
                found.push(f);
            }
        }
    }
    found
}

/// The unit stated in `text` ("单位：万元", "编制单位：…单位：元").
fn unit_in(text: &str) -> Option<SheetUnit> {
    let n = normalise(text);
    let mut unit = None;
    for (i, _) in n.match_indices("单位") {
        let rest = &n[i + "单位".len()..];
        let rest = rest.strip_prefix("为").unwrap_or(rest);
        if rest.starts_with("万元") {
            unit = Some(SheetUnit::Wan);
        } else if rest.starts_with("千元") {
            unit = Some(SheetUnit::Qian);
        } else if rest.starts_with('元') {
            unit = Some(SheetUnit::Yuan);
        }
    }
    unit
}

/// Reads the table `table` from `rows` of `sheet` (the rows after its title).
fn table_at(
    sheet: &Sheet,
    si: usize,
    table: u8,
    title: Option<(String, String)>,
    rows: std::ops::Range<usize>,
    v: &Vocabulary,
) -> Option<Found> {
    let rules = v.column_rules(table);
    let (title, title_cell) = title.unwrap_or_else(|| (sheet.name.trim().to_owned(), sheet.name.clone()));
    // The header starts at the first row with a word of a column rule (or, for the
    // summary tables, with 项目/收入/支出).
    let is_header_word = |n: &str| {
        let caption = ["编制单位", "单位名称", "部门名称", "预算年度", "单位"].iter().any(|w| n.starts_with(w))
            || n.contains("编制单位")
            || n.chars().count() > 16;
        !n.is_empty()
            && !caption
            && (rules.iter().any(|r| r.matches(n, n))
                || matches!(n, "项目" | "收入" | "支出" | "序号" | "科目" | "金额" | "预算数"))
    };
    let mut unit = None;
    let mut header_start = None;
    for r in rows.clone().take(12) {
        let row = sheet.rows.get(r).map(Vec::as_slice).unwrap_or(&[]);
        for (c, cell) in row.iter().enumerate() {
            if let Value::Text(t) = cell
                && let Some(u) = unit_in(t)
            {
                unit = Some((u, cell_address(&sheet.name, r, c)));
            }
        }
        if header_start.is_none() && row.iter().any(|c| is_header_word(&norm_text(c))) {
            header_start = Some(r);
            break;
        }
    }
    let header_start = header_start?;
    // The header band runs until the first data, note or blank row (at most 5 rows).
    let mut header_end = header_start + 1;
    while header_end < rows.end && header_end < header_start + 5 {
        let row = sheet.rows.get(header_end).map(Vec::as_slice).unwrap_or(&[]);
        let first = row.iter().find(|c| !c.is_empty()).map(norm_text).unwrap_or_default();
        let blank = row.iter().all(Value::is_empty);
        // Not the 合计 label: it is also a header word (over an amount column).
        let data = row.iter().any(is_numeric) || v.is_note(&first);
        if blank || (data && !is_column_numbers_row(row)) {
            break;
        }
        header_end += 1;
    }
    // A unit line may also sit inside the header band's corner.
    if unit.is_none() {
        for r in header_start..header_end {
            for (c, cell) in sheet.rows.get(r).map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
                if let Value::Text(t) = cell
                    && let Some(u) = unit_in(t)
                {
                    unit = Some((u, cell_address(&sheet.name, r, c)));
                }
            }
        }
    }
    let (columns, leaves) = assign_columns(sheet, header_start..header_end, &rules);
    Some(Found { table, sheet: si, title, title_cell, unit, columns, leaves, body: header_end..rows.end })
}

/// The columns with a role, and every column's lowest header text.
type ColumnsFound = (Vec<(usize, Role)>, Vec<(usize, String)>);

/// The header path of each column (texts top to bottom, merged cells spread), then
/// each column's role: the first rule it matches whose role is still free.
fn assign_columns(
    sheet: &Sheet,
    band: std::ops::Range<usize>,
    rules: &[&super::vocabulary::ColumnRule],
) -> ColumnsFound {
    let width = band.clone().map(|r| sheet.rows.get(r).map(Vec::len).unwrap_or(0)).max().unwrap_or(0);
    let height = band.len();
    let mut grid: Vec<Vec<String>> = band
        .clone()
        .map(|r| {
            (0..width)
                .map(|c| {
                    let v = sheet.cell(r, c);
                    if is_column_numbers_row(sheet.rows.get(r).map(Vec::as_slice).unwrap_or(&[])) {
                        String::new()
                    } else {
                        norm_text(v)
                    }
                })
                .collect()
        })
        .collect();
    match &sheet.merges {
        Some(merges) => {
            for &(r0, c0, r1, c1) in merges {
                if r0 < band.start || r0 >= band.end {
                    continue;
                }
                let text = grid[r0 - band.start].get(c0).cloned().unwrap_or_default();
                for row in &mut grid[r0 - band.start..=r1.min(band.end - 1) - band.start] {
                    for cell in row.iter_mut().take(c1 + 1).skip(c0) {
                        if cell.is_empty() {
                            *cell = text.clone();
                        }
                    }
                }
            }
        }
        None => {
            // No merge information (.ods): a blank upper header cell with text below
            // belongs to the spanning header on its left.
            for r in 0..height.saturating_sub(1) {
                for c in 1..width {
                    if grid[r][c].is_empty() && !grid[r + 1][c].is_empty() && !grid[r][c - 1].is_empty() {
                        grid[r][c] = grid[r][c - 1].clone();
                    }
                }
            }
        }
    }
    let mut taken: Vec<(usize, Role)> = Vec::new();
    let mut leaves = Vec::new();
    for c in 0..width {
        let mut path = String::new();
        let mut leaf = String::new();
        for row in &grid {
            let t = &row[c];
            if !t.is_empty() && !path.ends_with(t.as_str()) {
                path.push_str(t);
            }
            if !t.is_empty() {
                leaf = t.clone();
            }
        }
        if path.is_empty() {
            continue;
        }
        leaves.push((c, leaf.clone()));
        if let Some(rule) =
            rules.iter().find(|rule| rule.matches(&path, &leaf) && !taken.iter().any(|(_, r)| *r == rule.role))
        {
            taken.push((c, rule.role));
        }
    }
    (taken, leaves)
}

/// A code cell as digits: numbers without ".0", text trimmed of brackets and spaces.
/// `pad` zero-pads a number to two digits (the 款/项 parts of split codes).
pub fn code_text(v: &Value, pad: bool) -> String {
    match v {
        Value::Number(n) => {
            let s = format_number(*n);
            if pad && s.len() < 2 { format!("{s:0>2}") } else { s }
        }
        Value::Text(t) => normalise(t),
        _ => String::new(),
    }
}
