//! The laid-out disclosure, independent of output format.
//!
//! [`crate::export::build`] turns a draft and its template into a [`Document`]: headings,
//! paragraphs and tables with every number already formatted. The text and PDF
//! exporters only render a `Document`, so both print exactly the same content.

use rust_decimal::Decimal;

/// A whole disclosure, ready to render.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The title lines, centred and larger (e.g. department, "2020年部门预算公开说明").
    pub title: Vec<String>,
    /// Everything after the title, in order.
    pub blocks: Vec<Block>,
    /// What describes the document to a reader's software (PDF Info, Word properties).
    pub meta: Meta,
}

/// The document's title, subject, author and date, as file properties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// E.g. "保定市徐水区人民政府办公室2024年部门预算公开".
    pub title: String,
    pub subject: String,
    /// The department.
    pub author: String,
    /// The draft's 编制日期 when it reads as a date.
    pub date: Option<Date>,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Reads "2024-02-01", "2024/2/1", "2024.02.01" or "2024年2月1日"; None for anything
    /// else (or an impossible day).
    pub fn parse(text: &str) -> Option<Date> {
        let parts: Vec<&str> =
            text.trim().split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.trim().is_empty()).collect();
        let [y, m, d] = parts.as_slice() else { return None };
        let (year, month, day) = (y.trim().parse().ok()?, m.trim().parse().ok()?, d.trim().parse().ok()?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }
}

/// One element of the document flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading. Level 1: a part ("第一部分：…" or "一、…" in the 2024 layout) or a
    /// standard table's own heading page section; level 2: "一、部门职责"; level 3:
    /// "（一）总体绩效目标" and project table captions.
    Heading { level: u8, text: String },
    /// A body paragraph. `indent`: first-line indent of two characters (the norm for
    /// Chinese official text); numbered list items are paragraphs too.
    Paragraph { text: String, indent: bool },
    /// A ruled table.
    Table(Table),
    /// A note in smaller type, usually under a table ("注：无…，空表列示。").
    Note(String),
    /// Start a new page (e.g. before each standard table in the 2024 layout).
    PageBreak,
}

/// Horizontal alignment of a cell's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// A column: its relative width and the default alignment of its body cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Relative width (the renderer shares the text width in proportion).
    pub weight: u16,
    pub align: Align,
}

impl Column {
    pub fn new(weight: u16, align: Align) -> Self {
        Column { weight, align }
    }
}

/// A table cell. Spanning cells cover the cells to their right / below; the covered
/// positions are simply absent from the row (a row's cells' colspans add up to the
/// column count minus the columns covered by rowspans from above).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub colspan: u16,
    pub rowspan: u16,
    /// Overrides the column's alignment.
    pub align: Option<Align>,
    /// Bold (totals rows, 类 rows).
    pub bold: bool,
    /// The exact amount behind a money cell whose text is it rounded for print;
    /// spreadsheet exporters write it as a number. `None` for text and blank cells.
    pub amount: Option<Decimal>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell { text: text.into(), colspan: 1, rowspan: 1, align: None, bold: false, amount: None }
    }

    pub fn span(mut self, colspan: u16, rowspan: u16) -> Self {
        self.colspan = colspan;
        self.rowspan = rowspan;
        self
    }

    pub fn align(mut self, align: Align) -> Self {
        self.align = Some(align);
        self
    }

    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    /// Records the exact amount the (formatted) text shows.
    pub fn amount(mut self, amount: Decimal) -> Self {
        self.amount = Some(amount);
        self
    }
}

/// A ruled table with header rows repeated on every page it spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Centred caption above the table ("部门预算收支总表"); may be empty.
    pub title: String,
    /// Small captions on the line above the grid, spread left to right
    /// (e.g. ["434保定市徐水区人民政府办公室", "预算年度：2024", "单位：万元"]).
    pub captions: Vec<String>,
    pub columns: Vec<Column>,
    /// Header rows (all cells centred).
    pub header: Vec<Vec<Cell>>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
    /// Print on a landscape page (wide tables such as the 12-column 收入总表).
    pub landscape: bool,
    /// Printed under the table when it has no data ("注：无政府采购预算，空表列示。").
    pub empty_note: Option<String>,
}

impl Table {
    /// True when the table has no body rows with any text.
    pub fn is_empty(&self) -> bool {
        self.rows.iter().all(|r| r.iter().all(|c| c.text.trim().is_empty()))
    }
}

impl Document {
    /// All text of the document, in order, one string per title line, heading,
    /// paragraph, note and table cell (for tests and search).
    pub fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.title.iter().map(String::as_str).collect();
        for b in &self.blocks {
            match b {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } | Block::Note(text) => out.push(text),
                Block::Table(t) => {
                    out.push(&t.title);
                    out.extend(t.captions.iter().map(String::as_str));
                    for row in t.header.iter().chain(t.rows.iter()) {
                        out.extend(row.iter().map(|c| c.text.as_str()));
                    }
                    if let Some(n) = &t.empty_note {
                        out.push(n);
                    }
                }
                Block::PageBreak => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_as_offices_write_them() {
        let d = Some(Date { year: 2024, month: 2, day: 1 });
        for text in ["2024-02-01", "2024/2/1", "2024.02.01", "2024年2月1日", " 2024年02月01日 "] {
            assert_eq!(Date::parse(text), d, "{text}");
        }
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        for text in ["", "二〇二四年", "2024-02", "2023-02-29", "2024-13-01", "2024-04-31", "24-1-1", "2024-1-1-1"]
        {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }
}
