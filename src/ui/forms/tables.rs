//! The nine standard tables, shown read-only exactly as the exporters print them.
//!
//! The table comes from [`export::tables::standard_table`] with the captions of the
//! draft's template, so the screen and the paper cannot disagree. Only the table on
//! screen is built, once per frame; officers change the figures in the 功能分类 /
//! 经济分类 / 三公 forms.
//!
//! The rules number the rows of tables 2, 3, 5, 7 and 8 as `function_rows` and those of
//! table 6 as `economic_rows` do, while the printed tables put 合计 first and leave out
//! rows without money; findings are therefore placed on the printed row by its code.

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::export::{self, Table};
use crate::model::Disclosure;
use crate::rules::{Finding, Location, Section, Severity};
use crate::ui::FormCtx;
use crate::ui::doc_table::{DocTable, RowMark};
use crate::ui::widgets as w;

/// Column of the code cell in the printed tables that list 科目 (after 序号).
const CODE_COLUMN: usize = 1;

pub(super) fn ui(ui: &mut Ui, n: u8, doc: &Disclosure, ctx: &FormCtx) {
    w::section_title(
        ui,
        Section::Table(n).label(),
        "由功能分类、经济分类明细和“三公”经费自动生成，与导出的文本和 PDF 完全一致，只能查看。要修改数字，请到相应的明细页面。",
    );
    let captions = match export::standard_table_captions(doc) {
        Ok(c) => c,
        Err(e) => {
            ui.label(RichText::new(format!("表头说明无法按模板生成：{e}")).color(w::WARNING_COLOR));
            export::default_standard_captions(doc)
        }
    };
    let Some(table) = export::tables::standard_table(doc, n, &captions) else {
        return;
    };
    let focus = ctx.focus.filter(|l| l.section == Section::Table(n));
    // Rebuilding the rules' rows costs as much as the table itself: only when needed.
    let by_row =
        ctx.findings_in(Section::Table(n)).any(|f| f.location.row.is_some()) || focus.is_some_and(|l| l.row.is_some());
    let places = RowPlaces::new(n, doc, &table, by_row);

    let mut marks: Vec<RowMark> = Vec::new();
    for f in ctx.findings_in(Section::Table(n)) {
        match places.row_of(&f.location) {
            Some(row) => match marks.iter_mut().find(|m| m.row == row) {
                Some(m) => {
                    m.severity = m.severity.min(f.severity);
                    m.message.push('\n');
                    m.message.push_str(&message(f));
                }
                None => marks.push(RowMark { row, severity: f.severity, message: f.message.clone() }),
            },
            None => {
                ui.label(RichText::new(message(f)).color(w::severity_color(f.severity)));
            }
        }
    }
    // One finding per row is shown bare; several are labelled by severity.
    for m in &mut marks {
        if !m.message.contains('\n') {
            m.message = format!("{}：{}", m.severity.label(), m.message);
        }
    }
    if !marks.is_empty() {
        ui.label(
            RichText::new(format!("表中有{}行需要核对，已用颜色框出，鼠标指向该行可看说明。", marks.len()))
                .color(w::severity_color(marks.iter().map(|m| m.severity).min().unwrap_or(Severity::Warning))),
        );
    }

    let focus_row = focus.and_then(|l| places.row_of(l));
    let scroll = match (focus, focus_row) {
        (Some(l), Some(_)) => w::take_scroll_request(ui, l),
        _ => false,
    };
    DocTable::new(("standard-table", n), &table).marks(&marks).focus(focus_row, scroll).show(ui);
}

fn message(f: &Finding) -> String {
    format!("{}：{}", f.severity.label(), f.message)
}

/// Where a finding's location is in the printed table.
struct RowPlaces {
    /// The codes of the rules' rows (`function_rows` or `economic_rows`), if the table
    /// lists 科目.
    codes: Vec<String>,
    /// Printed body row of each code.
    by_code: HashMap<String, usize>,
    /// The printed row of the table's total (findings about the total have no row).
    total: Option<usize>,
}

impl RowPlaces {
    /// `by_row`: some location to place has a row (else the rules' rows are not built).
    fn new(n: u8, doc: &Disclosure, table: &Table, by_row: bool) -> Self {
        let codes: Vec<String> = match n {
            _ if !by_row => Vec::new(),
            2 | 3 | 5 | 7 | 8 => doc.budget.function_rows(doc.header.year).into_iter().map(|r| r.code).collect(),
            6 => doc.budget.economic_rows().into_iter().map(|r| r.code).collect(),
            _ => Vec::new(),
        };
        let mut by_code = HashMap::new();
        if !codes.is_empty() {
            for (i, row) in table.rows.iter().enumerate() {
                if let Some(cell) = row.get(CODE_COLUMN).filter(|c| !c.text.trim().is_empty()) {
                    by_code.entry(cell.text.trim().to_owned()).or_insert(i);
                }
            }
        }
        let has = |row: &[export::Cell], text: &str| row.iter().any(|c| c.text.trim() == text);
        let total = table
            .rows
            .iter()
            .position(|r| has(r, "合计"))
            .or_else(|| table.rows.iter().position(|r| has(r, "收入总计")));
        RowPlaces { codes, by_code, total }
    }

    fn row_of(&self, loc: &Location) -> Option<usize> {
        match loc.row {
            Some(r) => self.codes.get(r).and_then(|code| self.by_code.get(code.as_str())).copied(),
            None => self.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{self, Seed};

    /// The printed code of the row a finding at rules' row `r` lands on.
    fn printed_code(table: &Table, places: &RowPlaces, loc: &Location) -> Option<String> {
        places.row_of(loc).map(|i| table.rows[i][CODE_COLUMN].text.trim().to_owned())
    }

    #[test]
    fn findings_land_on_the_printed_row_of_their_code() {
        let doc = samples::load(Seed::S001);
        let captions = export::default_standard_captions(&doc);
        let function_rows = doc.budget.function_rows(doc.header.year);
        let economic_rows = doc.budget.economic_rows();
        assert!(function_rows.len() > 2 && economic_rows.len() > 2);
        for n in [2, 3, 5, 6] {
            let table = export::tables::standard_table(&doc, n, &captions).unwrap();
            let places = RowPlaces::new(n, &doc, &table, true);
            let codes: Vec<&str> = if n == 6 {
                economic_rows.iter().map(|r| r.code.as_str()).collect()
            } else {
                function_rows.iter().map(|r| r.code.as_str()).collect()
            };
            for (r, code) in codes.iter().enumerate() {
                let loc = Location::cell(Section::Table(n), r, "total");
                match printed_code(&table, &places, &loc) {
                    Some(printed) => assert_eq!(printed, *code, "表{n} row {r}"),
                    // Only the fund tables leave rows out (those without that fund's money).
                    None => assert_eq!(n, 5, "表{n} row {r} ({code}) is printed"),
                }
            }
            // A finding about the total lands on the 合计 row.
            let total = places.row_of(&Location::field(Section::Table(n), "total")).unwrap();
            assert!(table.rows[total].iter().any(|c| c.text == "合计"));
        }
        let table1 = export::tables::standard_table(&doc, 1, &captions).unwrap();
        let places = RowPlaces::new(1, &doc, &table1, true);
        let total = places.row_of(&Location::field(Section::Table(1), "total")).unwrap();
        assert!(table1.rows[total].iter().any(|c| c.text == "收入总计"));
        assert_eq!(places.row_of(&Location::cell(Section::Table(1), 0, "total")), None);
    }
}
