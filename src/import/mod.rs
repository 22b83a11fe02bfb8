//! Importing the standard tables from a budget-system workbook (.xlsx, .xls, .ods).
//!
//! The approved budget already exists as a workbook; officers should not retype 100+
//! lines. The pipeline is workbook → grids of cells (`workbook`) → recognised tables
//! (`recognise`, by title and header text, vocabulary in `assets/import/`) → lines and
//! findings (`read`) → an [`ImportPreview`] that says, per table, what was recognised,
//! what was skipped and why (with the cell address), and how the workbook's own totals
//! compare with the imported lines. Nothing changes until [`ImportPreview::apply`] is
//! called, and it replaces whole parts at once, so an import is one undo step and a bad
//! workbook leaves the draft as it was. Like the exporters, this module touches no
//! files and no UI: callers pass the bytes in.

mod assemble;
mod read;
mod recognise;
pub mod text;
mod vocabulary;
mod workbook;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Disclosure, EconomicLine, FunctionLine, Income, ThreePublicKind, format_amount};
use crate::rules::Severity;
use assemble::Assembler;
pub use vocabulary::{Role, SummaryKey};

/// Why a workbook could not be imported at all. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("无法读取 {file}：{reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file} 受密码保护（已加密），无法读取；请在 Excel/WPS 中取消密码后另存，再导入")]
    Encrypted { file: String },
    #[error(
        "{file} 中没有找到任何标准表（按表名查找，如“部门收支总表”“一般公共预算支出表”）；查看过的工作表：{sheets}"
    )]
    NoTables { file: String, sheets: String },
}

/// A finding of the import: what, how serious, and which cell ("表5!D12").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportFinding {
    pub severity: Severity,
    pub cell: Option<String>,
    pub message: String,
}

impl ImportFinding {
    pub fn new(severity: Severity, cell: Option<String>, message: impl Into<String>) -> Self {
        ImportFinding { severity, cell, message: message.into() }
    }
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub cell: String,
    pub reason: String,
}

/// A workbook total next to the same total of the imported lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotalComparison {
    pub label: String,
    /// The workbook's figure and its cell; `None` when the table has no such row.
    pub workbook: Option<Decimal>,
    pub cell: Option<String>,
    /// The same figure from the imported lines (in the draft's unit).
    pub imported: Decimal,
}

impl TotalComparison {
    /// True when the workbook states the figure and it equals the imported one at 0.01.
    pub fn agrees(&self) -> bool {
        self.workbook.is_none_or(|w| crate::model::round_display(w) == crate::model::round_display(self.imported))
    }
}

/// What the preview found for one standard table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableReport {
    /// 1–9.
    pub table: u8,
    /// The standard name ("部门预算收支总表").
    pub name: &'static str,
    /// The title as written in the workbook.
    pub title: String,
    /// The sheet the table is on.
    pub sheet: String,
    /// Where the title is.
    pub at: String,
    /// The unit the table states ("万元"), if it states one.
    pub unit: Option<String>,
    /// The recognised columns, by their standard names.
    pub columns: Vec<String>,
    /// Rows imported as lines (or 三公 items).
    pub lines: usize,
    /// Parent and 合计 rows checked against the lines.
    pub checked: usize,
    pub skipped: Vec<Skipped>,
    pub totals: Vec<TotalComparison>,
    pub findings: Vec<ImportFinding>,
}

/// The standard table names, 1–9.
pub const TABLE_NAMES: [&str; 9] = [
    "部门预算收支总表",
    "部门预算收入总表",
    "部门预算支出总表",
    "部门预算财政拨款收支总表",
    "一般公共预算财政拨款支出表",
    "一般公共预算财政拨款基本支出表",
    "政府性基金预算财政拨款支出表",
    "国有资本经营预算财政拨款支出表",
    "财政拨款“三公”经费支出表",
];

/// What applying the preview puts into the draft.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    pub function_lines: Option<Vec<FunctionLine>>,
    pub economic_lines: Option<Vec<EconomicLine>>,
    /// 三公 本年 by item (`ThreePublicKind::ALL` order).
    pub three_public: Option<[Decimal; 4]>,
    /// 三公 上年 by item, when table 9 prints it.
    pub three_public_last: Option<[Decimal; 4]>,
    /// Part-2 income by source, when the workbook has table 1 but no 项 lines.
    pub summary_income: Option<Income>,
    /// Part-2 项目支出, when table 3 has only its 合计 row.
    pub summary_project: Option<Decimal>,
    /// Part-2 人员/公用经费, when table 6 has only its 合计 row.
    pub summary_split: Option<(Decimal, Decimal)>,
}

impl Imported {
    pub fn is_empty(&self) -> bool {
        *self == Imported::default()
    }
}

/// How an import went, for the CLI's exit code and the dialog's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Imported; nothing needs a look (rounding notices at most).
    Clean,
    /// Imported, with 错误/警告 findings to look at.
    NeedsLook,
    /// Nothing could be imported.
    Nothing,
}

/// Everything an import would do, shown before anything changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportPreview {
    pub file: String,
    /// The draft's unit, all imported amounts are in it.
    pub draft_unit: &'static str,
    pub tables: Vec<TableReport>,
    /// Findings across tables (merging lines from several tables, missing tables).
    pub findings: Vec<ImportFinding>,
    /// Sheets that held no standard table, or were hidden.
    pub ignored_sheets: Vec<String>,
    /// Which parts of the draft will be replaced.
    pub replaces: Vec<String>,
    pub outcome: Outcome,
    #[serde(skip)]
    pub imported: Imported,
}

/// Reads the workbook `bytes` (named `file` in messages) and works out what importing
/// it into `draft` would do. The draft is not changed.
pub fn preview(bytes: &[u8], file: &str, draft: &Disclosure) -> Result<ImportPreview, ImportError> {
    let book = workbook::read(bytes, file)?;
    let v = vocabulary::vocabulary();
    let mut found = recognise::find_tables(&book.sheets, v);
    if found.is_empty() {
        let sheets: Vec<String> = book.sheets.iter().map(|s| format!("“{}”", s.name)).collect();
        return Err(ImportError::NoTables {
            file: file.to_owned(),
            sheets: if sheets.is_empty() { "（无）".to_owned() } else { sheets.join("、") },
        });
    }
    let mut findings = Vec::new();
    // One table of each kind: the first found; later copies are reported.
    let mut seen = [false; 10];
    found.retain(|f| {
        let first = !seen[f.table as usize];
        if !first {
            findings.push(ImportFinding::new(
                Severity::Warning,
                Some(f.title_cell.clone()),
                format!("表{}“{}”出现了不止一次，只导入第一次出现的", f.table, f.title),
            ));
        }
        seen[f.table as usize] = true;
        first
    });
    found.sort_by_key(|f| f.table);
    let missing: Vec<String> =
        (1..=9u8).filter(|n| !seen[*n as usize]).map(|n| format!("表{n} {}", TABLE_NAMES[n as usize - 1])).collect();
    if !missing.is_empty() {
        findings.push(ImportFinding::new(Severity::Notice, None, format!("工作簿中没有找到：{}", missing.join("、"))));
    }
    let mut importer = Assembler::new(&book, draft.header.unit, findings);
    for f in &found {
        importer.read_table(f, v);
    }
    let mut preview = importer.finish(file, draft);
    preview.replaces = replaces(&preview.imported, draft);
    Ok(preview)
}

/// What applying `imported` replaces in `draft`, in words.
fn replaces(imported: &Imported, draft: &Disclosure) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(l) = &imported.function_lines {
        out.push(format!("功能分类明细：现有 {} 行，替换为导入的 {} 行", draft.budget.function_lines.len(), l.len()));
    }
    if let Some(l) = &imported.economic_lines {
        out.push(format!("经济分类明细：现有 {} 行，替换为导入的 {} 行", draft.budget.economic_lines.len(), l.len()));
    }
    match (&imported.three_public, &imported.three_public_last) {
        (Some(_), Some(_)) => out.push("“三公”经费四项的本年数和上年数（原因保留）".to_owned()),
        (Some(_), None) => out.push("“三公”经费四项的本年数（上年数和原因保留）".to_owned()),
        _ => {}
    }
    if imported.summary_income.is_some() {
        out.push("第二部分汇总数：各项收入".to_owned());
    }
    if imported.summary_project.is_some() {
        out.push("第二部分汇总数：项目支出".to_owned());
    }
    if imported.summary_split.is_some() {
        out.push("第二部分汇总数：人员经费、公用经费".to_owned());
    }
    out
}

impl ImportPreview {
    fn with_ignored(mut self, book: &workbook::Workbook) -> Self {
        let used: Vec<&str> = self.tables.iter().map(|t| t.sheet.as_str()).collect();
        self.ignored_sheets = book
            .sheets
            .iter()
            .filter(|s| !used.contains(&s.name.as_str()))
            .map(|s| if s.visible { s.name.clone() } else { format!("{}（隐藏，未查看）", s.name) })
            .collect();
        self
    }

    /// Every finding, the tables' first.
    pub fn all_findings(&self) -> impl Iterator<Item = &ImportFinding> {
        self.tables.iter().flat_map(|t| t.findings.iter()).chain(self.findings.iter())
    }

    /// Puts the imported parts into `draft`, replacing those parts whole.
    pub fn apply(&self, draft: &mut Disclosure) {
        let i = &self.imported;
        if let Some(lines) = &i.function_lines {
            draft.budget.function_lines = lines.clone();
        }
        if let Some(lines) = &i.economic_lines {
            draft.budget.economic_lines = lines.clone();
        }
        if let Some(items) = &i.three_public {
            for (kind, amount) in ThreePublicKind::ALL.iter().zip(items) {
                draft.three_public.item_mut(*kind).this_year = *amount;
            }
        }
        if let Some(items) = &i.three_public_last {
            for (kind, amount) in ThreePublicKind::ALL.iter().zip(items) {
                draft.three_public.item_mut(*kind).last_year = *amount;
            }
        }
        if let Some(income) = &i.summary_income {
            draft.summary.income = income.clone();
        }
        if let Some(project) = i.summary_project {
            draft.summary.project = project;
        }
        if let Some((personnel, public)) = i.summary_split {
            draft.summary.personnel = personnel;
            draft.summary.public = public;
        }
    }

    /// The preview as text, for the terminal and the dialog.
    pub fn render_text(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(s, "从 {} 导入（金额换算为草稿单位：{}）", self.file, self.draft_unit);
        for t in &self.tables {
            let _ = writeln!(s, "\n表{} {}：在 {} 找到“{}”", t.table, t.name, t.at, t.title);
            let _ = writeln!(
                s,
                "  单位：{}；认出的列：{}",
                t.unit.as_deref().unwrap_or("未写明"),
                if t.columns.is_empty() { "—".to_owned() } else { t.columns.join("、") }
            );
            let _ =
                writeln!(s, "  导入 {} 行，核对合计/上级科目 {} 行，跳过 {} 行", t.lines, t.checked, t.skipped.len());
            for c in &t.totals {
                let wb = c.workbook.map(|d| format_amount(d, false)).unwrap_or_else(|| "—".to_owned());
                let mark = if c.agrees() { "一致" } else { "不一致" };
                let _ = writeln!(
                    s,
                    "  {}：工作簿 {}{}，导入明细 {}（{mark}）",
                    c.label,
                    wb,
                    c.cell.as_ref().map(|c| format!("（{c}）")).unwrap_or_default(),
                    format_amount(c.imported, false)
                );
            }
            for k in &t.skipped {
                let _ = writeln!(s, "  跳过 {}：{}", k.cell, k.reason);
            }
            for f in &t.findings {
                let _ = writeln!(
                    s,
                    "  [{}] {}{}",
                    f.severity.label(),
                    f.cell.as_ref().map(|c| format!("{c} ")).unwrap_or_default(),
                    f.message
                );
            }
        }
        if !self.findings.is_empty() {
            let _ = writeln!(s);
            for f in &self.findings {
                let _ = writeln!(
                    s,
                    "[{}] {}{}",
                    f.severity.label(),
                    f.cell.as_ref().map(|c| format!("{c} ")).unwrap_or_default(),
                    f.message
                );
            }
        }
        if !self.ignored_sheets.is_empty() {
            let _ = writeln!(s, "\n未使用的工作表：{}", self.ignored_sheets.join("、"));
        }
        let _ = writeln!(s, "\n将替换草稿中的：");
        if self.replaces.is_empty() {
            let _ = writeln!(s, "  （无）");
        }
        for r in &self.replaces {
            let _ = writeln!(s, "  {r}");
        }
        s
    }
}
