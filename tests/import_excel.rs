//! Importing the standard tables from workbooks: the exporter's own workbooks round
//! trip, workbooks laid out the way other systems and officers lay them out import to
//! exactly seed 001's figures, and damaged workbooks never panic or change a draft.
//!
//! The fixture workbooks are made here with the same writer the exporter uses
//! (rust_xlsxwriter), in three layouts unlike each other and unlike the exporter's.

use std::str::FromStr;

use budget_disclosure::export::{self, ExportOptions, Format};
use budget_disclosure::import::{self, ImportError, Outcome};
use budget_disclosure::model::{Disclosure, EconomicLine, FunctionLine, ThreePublicKind};
use budget_disclosure::rules::Severity;
use budget_disclosure::samples::{self, Seed};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format as XFormat, Formula, Workbook, Worksheet};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// An empty draft for the same department, year and unit as `doc`.
fn empty_like(doc: &Disclosure) -> Disclosure {
    let mut empty = Disclosure::new(&doc.header.department, doc.header.year, &doc.header.template);
    empty.header.unit = doc.header.unit;
    empty
}

fn sorted_function(lines: &[FunctionLine]) -> Vec<FunctionLine> {
    let mut l = lines.to_vec();
    l.sort_by(|a, b| a.code.cmp(&b.code));
    l
}

fn sorted_economic(lines: &[EconomicLine]) -> Vec<EconomicLine> {
    let mut l = lines.to_vec();
    l.sort_by(|a, b| a.code.cmp(&b.code));
    l
}

/// Imports `bytes` into an empty draft like `like`; panics with the report on failure.
fn import_into_empty(bytes: &[u8], name: &str, like: &Disclosure) -> (Disclosure, import::ImportPreview) {
    let mut draft = empty_like(like);
    let preview = import::preview(bytes, name, &draft).unwrap_or_else(|e| panic!("{name}: {e}"));
    preview.apply(&mut draft);
    (draft, preview)
}

/// The 功能分类/经济分类 lines and the 三公 本年数 of `got` are exactly those of `want`.
fn assert_same_figures(got: &Disclosure, want: &Disclosure, report: &str) {
    assert_eq!(
        sorted_function(&got.budget.function_lines),
        sorted_function(&want.budget.function_lines),
        "功能分类 lines differ\n{report}"
    );
    assert_eq!(
        sorted_economic(&got.budget.economic_lines),
        sorted_economic(&want.budget.economic_lines),
        "经济分类 lines differ\n{report}"
    );
    for kind in ThreePublicKind::ALL {
        assert_eq!(
            got.three_public.item(kind).this_year,
            want.three_public.item(kind).this_year,
            "三公 {kind:?}\n{report}"
        );
    }
}

#[test]
fn exported_workbooks_import_back_to_the_same_lines() {
    let mut docs: Vec<Disclosure> =
        Seed::ALL.iter().map(|s| samples::load(*s)).filter(|d| !d.budget.function_lines.is_empty()).collect();
    assert!(!docs.is_empty(), "seed 001 has tables");
    docs.push(samples::large_department());
    for doc in &docs {
        let bytes = export::export(doc, Format::Xlsx, &ExportOptions::default()).unwrap();
        let (got, preview) = import_into_empty(&bytes, "export.xlsx", doc);
        let report = preview.render_text();
        assert_same_figures(&got, doc, &report);
        assert_eq!(preview.tables.len(), 9, "{report}");
        assert!(preview.all_findings().all(|f| f.severity == Severity::Notice), "{report}");
        assert_eq!(preview.outcome, Outcome::Clean, "{report}");
    }
}

// ---- Fixture workbooks in three layouts ------------------------------------------------

/// A cell of a fixture table.
#[derive(Clone)]
enum V {
    T(String),
    N(f64),
    Blank,
}

fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}

fn write(ws: &mut Worksheet, row: u32, col: u16, v: &V) {
    match v {
        V::T(s) => {
            ws.write_string(row, col, s).unwrap();
        }
        V::N(n) => {
            ws.write_number(row, col, *n).unwrap();
        }
        V::Blank => {}
    }
}

fn f64_of(d: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap()
}

/// Writes a header cell spanning `rows` × `cols` at (`row`, `col`).
fn header(ws: &mut Worksheet, row: u32, col: u16, rows: u32, cols: u16, text: &str) {
    if rows > 1 || cols > 1 {
        ws.merge_range(row, col, row + rows - 1, col + cols - 1, text, &XFormat::new()).unwrap();
    } else {
        ws.write_string(row, col, text).unwrap();
    }
}

/// The headers of a one-row header band most tables of 支出 use.
const EXPENSE_HEADERS: [&str; 5] = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"];

/// Writes `headers` across row `row`, one a cell from the first column.
fn header_row(ws: &mut Worksheet, row: u32, headers: &[&str]) {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(row, c as u16, *h).unwrap();
    }
}

/// A table's head from row `top`: its title in the first column, the unit line in
/// column `unit_col` of the next row, then one row of `headers`.
fn table_head(ws: &mut Worksheet, top: u32, title: &str, unit_col: u16, unit: &str, headers: &[&str]) {
    ws.write_string(top, 0, title).unwrap();
    ws.write_string(top + 1, unit_col, unit).unwrap();
    header_row(ws, top + 2, headers);
}

/// A body row: the code, the name, then `amounts` from the third column.
fn coded_row(ws: &mut Worksheet, row: u32, code: &V, name: &str, amounts: &[V]) {
    write(ws, row, 0, code);
    ws.write_string(row, 1, name).unwrap();
    for (k, v) in amounts.iter().enumerate() {
        write(ws, row, 2 + k as u16, v);
    }
}

/// Amounts as a budget system prints them: exact on line rows (`exact`), else rounded
/// to 0.01; zeros left blank when `blank_zeros`.
fn published(amounts: &[Decimal], exact: bool, blank_zeros: bool) -> Vec<V> {
    let cell = |d: &Decimal| {
        if blank_zeros && d.is_zero() {
            V::Blank
        } else if exact {
            V::N(f64_of(*d))
        } else {
            V::N(f64_of(d.round_dp(2)))
        }
    };
    amounts.iter().map(cell).collect()
}

/// A code as a number, the way budget systems export it.
fn numeric_code(code: &str) -> V {
    V::N(code.parse().unwrap())
}

/// Seed 001 in 万元, the figures every fixture must import to.
fn seed() -> Disclosure {
    samples::load(Seed::S001)
}

/// Layout A — one sheet per table as a budget system exports them: sheet names with the
/// system's table codes, titles with the year, two-row merged headers with a 栏次 row,
/// codes in one column as numbers, amounts as numbers in 万元 (类/款 parents and 合计
/// rounded to 0.01 as published), the 合计 row last, a 目录 sheet first and an empty
/// 政府性基金 table with its note.
fn layout_a() -> Vec<u8> {
    let doc = seed();
    let year = doc.header.year;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("目录").unwrap();
    for (i, title) in ["部门收支总表", "部门收入总表", "部门支出总表", "一般公共预算支出表"].iter().enumerate()
    {
        ws.write_string(i as u32 + 1, 0, format!("{}、{year}年{title}", i + 1)).unwrap();
    }
    let rows = doc.budget.function_rows(year);
    // 2.16 收入总表.
    let ws = book.add_worksheet();
    ws.set_name("2.16部门收入总表 ").unwrap();
    ws.merge_range(0, 0, 0, 8, &format!("{year}年部门收入总表"), &XFormat::new()).unwrap();
    ws.write_string(1, 0, "部门：保定市徐水区人民政府办公室").unwrap();
    ws.write_string(1, 8, "单位：万元").unwrap();
    header(ws, 2, 0, 2, 1, "功能分类科目编码");
    header(ws, 2, 1, 2, 1, "科目名称");
    header(ws, 2, 2, 2, 1, "收入总计");
    header(ws, 2, 3, 1, 5, "本年收入");
    header(ws, 3, 3, 1, 1, "小计");
    header(ws, 3, 4, 1, 1, "财政拨款收入");
    header(ws, 3, 5, 1, 1, "财政专户管理资金");
    header(ws, 3, 6, 1, 1, "事业收入");
    header(ws, 3, 7, 1, 1, "其他收入");
    header(ws, 2, 8, 2, 1, "上年结转");
    header_row(ws, 4, &["栏次", "1", "2", "3", "4", "5", "6", "7", "8"]);
    let mut r = 5;
    for row in &rows {
        let i = &row.income;
        let cells = [i.total(), i.this_year(), i.fiscal(), i.fiscal_special, i.business, i.other, i.carryover];
        coded_row(ws, r, &numeric_code(&row.code), &row.name, &published(&cells, row.line.is_some(), true));
        r += 1;
    }
    let total = doc.budget.function_total();
    let i = &total.income;
    coded_row(ws, r, &V::Blank, "合    计", &published(&[i.total(), i.this_year(), i.fiscal()], false, false));
    // 2.17 支出总表.
    let ws = book.add_worksheet();
    ws.set_name("2.17部门支出总表").unwrap();
    ws.merge_range(0, 0, 0, 4, &format!("{year}年部门支出总表"), &XFormat::new()).unwrap();
    ws.write_string(1, 4, "单位：万元").unwrap();
    header(ws, 2, 0, 1, 2, "功能分类科目");
    header(ws, 3, 0, 1, 1, "科目编码");
    header(ws, 3, 1, 1, 1, "科目名称");
    header(ws, 2, 2, 2, 1, "合计");
    header(ws, 2, 3, 2, 1, "基本支出");
    header(ws, 2, 4, 2, 1, "项目支出");
    let mut r = 4;
    for row in &rows {
        let cells = published(&[row.expense(), row.basic, row.project], row.line.is_some(), true);
        coded_row(ws, r, &numeric_code(&row.code), &row.name, &cells);
        r += 1;
    }
    ws.write_string(r, 0, "合计").unwrap();
    for (k, v) in published(&[total.expense(), total.basic, total.project], false, false).iter().enumerate() {
        write(ws, r, 2 + k as u16, v);
    }
    // 2.18 一般公共预算支出表.
    let ws = book.add_worksheet();
    ws.set_name("2.18一般公共预算支出表").unwrap();
    ws.merge_range(0, 0, 0, 4, &format!("{year}年一般公共预算支出表"), &XFormat::new()).unwrap();
    ws.write_string(1, 4, "单位：万元").unwrap();
    header(ws, 2, 0, 1, 2, "功能分类科目");
    header(ws, 3, 0, 1, 1, "科目编码");
    header(ws, 3, 1, 1, 1, "科目名称");
    header(ws, 2, 2, 1, 3, "一般公共预算支出");
    header(ws, 3, 2, 1, 1, "小计");
    header(ws, 3, 3, 1, 1, "基本支出");
    header(ws, 3, 4, 1, 1, "项目支出");
    for (r, row) in (4..).zip(&rows) {
        let cells = published(&[row.income.general_budget, row.basic, row.project], row.line.is_some(), false);
        coded_row(ws, r, &numeric_code(&row.code), &row.name, &cells);
    }
    // 2.19 政府性基金: empty, with its note.
    let ws = book.add_worksheet();
    ws.set_name("2.19政府性基金预算支出表").unwrap();
    table_head(ws, 0, &format!("{year}年政府性基金预算支出表"), 4, "单位：万元", &EXPENSE_HEADERS);
    ws.write_string(3, 0, "注：本单位无政府性基金预算拨款安排的支出，本表为空表。").unwrap();
    // 2.20 基本支出表 by 经济分类.
    let ws = book.add_worksheet();
    ws.set_name("2.20一般公共预算基本支出表").unwrap();
    ws.merge_range(0, 0, 0, 4, &format!("{year}年一般公共预算基本支出表"), &XFormat::new()).unwrap();
    ws.write_string(1, 4, "单位：万元").unwrap();
    header(ws, 2, 0, 1, 2, "部门预算支出经济分类科目");
    header(ws, 3, 0, 1, 1, "科目编码");
    header(ws, 3, 1, 1, 1, "科目名称");
    header(ws, 2, 2, 1, 3, "本年一般公共预算基本支出");
    header(ws, 3, 2, 1, 1, "合计");
    header(ws, 3, 3, 1, 1, "人员经费");
    header(ws, 3, 4, 1, 1, "公用经费");
    for (r, row) in (4..).zip(doc.budget.economic_rows()) {
        let cells = published(&[row.total(), row.personnel, row.public], row.line.is_some(), true);
        coded_row(ws, r, &numeric_code(&row.code), &row.name, &cells);
    }
    // 2.22 三公 with curly quotes and （）.
    let ws = book.add_worksheet();
    ws.set_name("2.22“三公”经费支出表").unwrap();
    ws.write_string(0, 0, format!("{year}年一般公共预算“三公”经费支出表")).unwrap();
    ws.write_string(1, 2, "单位：万元").unwrap();
    header(ws, 2, 0, 1, 1, "序号");
    header(ws, 2, 1, 1, 1, "项目");
    header(ws, 2, 2, 1, 1, "上年预算数");
    header(ws, 2, 3, 1, 1, "本年预算数");
    let tp = &doc.three_public;
    let items = [
        ("合计", tp.total_last_year(), tp.total_this_year()),
        ("1．因公出国（境）费", tp.abroad.last_year, tp.abroad.this_year),
        ("2．公务用车购置及运行费", tp.car_total_last_year(), tp.car_total_this_year()),
        ("其中：（1）公务用车购置费", tp.car_purchase.last_year, tp.car_purchase.this_year),
        ("（2）公务用车运行费", tp.car_running.last_year, tp.car_running.this_year),
        ("3．公务接待费", tp.reception.last_year, tp.reception.this_year),
    ];
    for (i, (label, last, this)) in items.iter().enumerate() {
        ws.write_number(3 + i as u32, 0, (i + 1) as f64).unwrap();
        ws.write_string(3 + i as u32, 1, *label).unwrap();
        ws.write_number(3 + i as u32, 2, f64_of(*last)).unwrap();
        ws.write_number(3 + i as u32, 3, f64_of(*this)).unwrap();
    }
    // A hidden working sheet with other figures is not read.
    let ws = book.add_worksheet();
    ws.set_name("部门支出总表(旧)").unwrap();
    ws.write_string(0, 0, "部门支出总表").unwrap();
    ws.write_string(2, 0, "科目编码").unwrap();
    ws.write_string(2, 1, "合计").unwrap();
    ws.write_string(3, 0, "2010301").unwrap();
    ws.write_number(3, 1, 1.0).unwrap();
    ws.set_hidden(true);
    book.save_to_buffer().unwrap()
}

/// An amount in 元 as text or number, the way hand-made workbooks mix them.
fn yuan(d: Decimal, style: usize) -> V {
    let y = d * Decimal::from(10_000);
    if y.is_zero() {
        return [t("-"), V::Blank, t("\u{3000}"), t("0.00")][style % 4].clone();
    }
    match style % 3 {
        0 => V::N(f64_of(y)),
        1 => t(group_thousands(y)),
        _ => t(format!("{:.2}", y)),
    }
}

/// "7326100.5" → "7,326,100.50".
fn group_thousands(y: Decimal) -> String {
    let s = format!("{:.2}", y);
    let (int, frac) = s.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac}")
}

/// Layout B — typed by hand in 元: codes split into 类/款/项 columns (款/项 as text "03"
/// or numbers), the 类 only on 类 rows, amounts as numbers and as text ("7,326,100.00",
/// "-", a full-width space), 收入总表 with separate 一般公共预算/政府性基金 columns and no
/// table 5, sheets renamed ("收入", "支出 ") and in another order, a title with (), a
/// 序号 column, note rows under the tables and an unrelated sheet.
fn layout_b() -> Vec<u8> {
    let doc = seed();
    let year = doc.header.year;
    let rows = doc.budget.function_rows(year);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("说明").unwrap();
    ws.write_string(0, 0, "本工作簿由财务室整理，数据来源：预算管理一体化系统").unwrap();
    // 支出 first.
    let ws = book.add_worksheet();
    ws.set_name("支出 ").unwrap();
    ws.write_string(0, 1, "单位支出预算总表").unwrap();
    ws.write_string(1, 0, "编制单位：保定市徐水区人民政府办公室").unwrap();
    ws.write_string(1, 6, "金额单位：元").unwrap();
    header(ws, 2, 0, 1, 3, "科目编码");
    header(ws, 3, 0, 1, 1, "类");
    header(ws, 3, 1, 1, 1, "款");
    header(ws, 3, 2, 1, 1, "项");
    header(ws, 2, 3, 2, 1, "科目名称");
    header(ws, 2, 4, 2, 1, "总计");
    header(ws, 2, 5, 2, 1, "基本支出");
    header(ws, 2, 6, 2, 1, "项目支出");
    ws.write_string(4, 3, "合计").unwrap();
    let total = doc.budget.function_total();
    for (k, v) in [total.expense(), total.basic, total.project].iter().enumerate() {
        write(ws, 4, 4 + k as u16, &yuan(*v, k));
    }
    let mut r = 5;
    for (i, row) in rows.iter().enumerate() {
        let code = &row.code;
        match code.len() {
            3 => write(ws, r, 0, &t(code.clone())),
            5 => write(ws, r, 1, &V::N(code[3..5].parse().unwrap())),
            _ => {
                write(ws, r, 1, &t(&code[3..5]));
                write(ws, r, 2, &t(&code[5..7]));
            }
        }
        ws.write_string(r, 3, &row.name).unwrap();
        for (k, v) in [row.expense(), row.basic, row.project].iter().enumerate() {
            write(ws, r, 4 + k as u16, &yuan(*v, i + k));
        }
        r += 1;
    }
    ws.write_string(r + 1, 0, "注：本表金额单位为元。").unwrap();
    // 三公 in the middle, title with straight quotes and ().
    let ws = book.add_worksheet();
    ws.set_name("Sheet3").unwrap();
    ws.write_string(0, 0, "单位财政拨款\"三公\"经费支出表(预算)").unwrap();
    ws.write_string(1, 2, "单位：元").unwrap();
    ws.write_string(2, 0, "项    目").unwrap();
    ws.write_string(2, 2, "合计").unwrap();
    let tp = &doc.three_public;
    let items = [
        ("因公出国(境)费", tp.abroad.this_year),
        ("公务接待费", tp.reception.this_year),
        ("公务用⻋购置费", tp.car_purchase.this_year),
        ("公务用⻋运行维护费", tp.car_running.this_year),
        ("合　　计", tp.total_this_year()),
    ];
    for (i, (label, v)) in items.iter().enumerate() {
        ws.write_string(3 + i as u32, 0, *label).unwrap();
        write(ws, 3 + i as u32, 2, &yuan(*v, i));
    }
    // 收入 last-but-one, with separate fund columns.
    let ws = book.add_worksheet();
    ws.set_name("收入").unwrap();
    ws.write_string(0, 0, "单位收入预算总表").unwrap();
    ws.write_string(1, 0, "编制单位：保定市徐水区人民政府办公室      单位：元").unwrap();
    header(ws, 2, 0, 1, 3, "科目编码");
    header(ws, 3, 0, 1, 1, "类");
    header(ws, 3, 1, 1, 1, "款");
    header(ws, 3, 2, 1, 1, "项");
    header(ws, 2, 3, 2, 1, "科目名称");
    header(ws, 2, 4, 2, 1, "合计");
    header(ws, 2, 5, 1, 3, "财政拨款");
    header(ws, 3, 5, 1, 1, "一般公共预算拨款");
    header(ws, 3, 6, 1, 1, "政府性基金预算拨款");
    header(ws, 3, 7, 1, 1, "国有资本经营预算拨款");
    header(ws, 2, 8, 2, 1, "其他收入");
    let mut r = 4;
    for (i, row) in rows.iter().filter(|r| r.code.len() == 7).enumerate() {
        // Every part of the code on 项 rows here.
        write(ws, r, 0, &V::N(row.code[..3].parse().unwrap()));
        write(ws, r, 1, &t(&row.code[3..5]));
        write(ws, r, 2, &t(&row.code[5..7]));
        ws.write_string(r, 3, format!("  {}", row.name)).unwrap();
        let inc = &row.income;
        for (k, v) in [inc.total(), inc.general_budget, inc.gov_fund, inc.state_capital, inc.other].iter().enumerate() {
            write(ws, r, 4 + k as u16, &yuan(*v, i + k));
        }
        r += 1;
    }
    ws.write_string(r, 0, "注：无上年结转。").unwrap();
    // 基本支出 (经济分类) last, codes 类/款 split.
    let ws = book.add_worksheet();
    ws.set_name("基本支出").unwrap();
    ws.write_string(0, 0, "一般公共预算基本支出表").unwrap();
    ws.write_string(1, 4, "单位:元").unwrap();
    header(ws, 2, 0, 1, 2, "经济分类科目编码");
    header(ws, 3, 0, 1, 1, "类");
    header(ws, 3, 1, 1, 1, "款");
    header(ws, 2, 2, 2, 1, "科目名称");
    header(ws, 2, 3, 2, 1, "人员经费");
    header(ws, 2, 4, 2, 1, "公用经费");
    for (r, (i, row)) in (4..).zip(doc.budget.economic_rows().iter().enumerate()) {
        if row.code.len() == 3 {
            write(ws, r, 0, &t(row.code.clone()));
        } else {
            write(ws, r, 1, &t(&row.code[3..5]));
        }
        ws.write_string(r, 2, &row.name).unwrap();
        write(ws, r, 3, &yuan(row.personnel, i));
        write(ws, r, 4, &yuan(row.public, i + 1));
    }
    book.save_to_buffer().unwrap()
}

/// Layout C — every table stacked on one sheet with blank rows between, in 千元, codes
/// as text "2010301", 合计 rows first, one-row headers with letter-spaced words and a
/// line break inside a header cell.
fn layout_c() -> Vec<u8> {
    let doc = seed();
    let year = doc.header.year;
    let rows = doc.budget.function_rows(year);
    let qian = |d: Decimal| -> V { if d.is_zero() { V::Blank } else { V::N(f64_of(d * Decimal::from(10))) } };
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("预算公开表").unwrap();
    let mut r = 0u32;
    let total = doc.budget.function_total();
    // 收支总表 (checked against the lines, not imported).
    let title = format!("{}部门收支总表", doc.header.department);
    table_head(ws, r, &title, 3, "单位：千元", &["收    入", "预算数", "支    出", "预算数"]);
    ws.write_string(r + 3, 0, "一、一般公共预算拨款收入").unwrap();
    write(ws, r + 3, 1, &qian(total.income.general_budget));
    ws.write_string(r + 3, 2, "基本支出").unwrap();
    write(ws, r + 3, 3, &qian(total.basic));
    ws.write_string(r + 4, 0, "收入总计").unwrap();
    write(ws, r + 4, 1, &qian(total.income.total()));
    ws.write_string(r + 4, 2, "支出总计").unwrap();
    write(ws, r + 4, 3, &qian(total.expense()));
    r += 7;
    // 收入总表.
    let headers = ["科目代码", "科目名称", "合计", "一般公共预算\n拨款收入", "政府性基金\n预算拨款收入", "上年结转"];
    table_head(ws, r, "部门收入总表", 0, "单位：千元", &headers);
    ws.write_string(r + 3, 1, "合　计").unwrap();
    write(ws, r + 3, 2, &qian(total.income.total()));
    write(ws, r + 3, 3, &qian(total.income.general_budget));
    r += 4;
    for row in &rows {
        let i = &row.income;
        coded_row(ws, r, &t(&row.code), &row.name, &[i.total(), i.general_budget, i.gov_fund, i.carryover].map(qian));
        r += 1;
    }
    r += 2;
    // 支出总表.
    table_head(ws, r, "部门支出总表", 4, "单位：千元", &["科目代码", "科目名称", "合  计", "基本支出", "项目支出"]);
    ws.write_string(r + 3, 1, "合计").unwrap();
    write(ws, r + 3, 2, &qian(total.expense()));
    write(ws, r + 3, 3, &qian(total.basic));
    write(ws, r + 3, 4, &qian(total.project));
    r += 4;
    for row in &rows {
        coded_row(ws, r, &t(&row.code), &row.name, &[row.expense(), row.basic, row.project].map(qian));
        r += 1;
    }
    r += 3;
    // 基本支出表.
    let headers = ["科目代码", "科目名称", "合计", "人员经费", "日常公用经费"];
    table_head(ws, r, "一般公共预算财政拨款基本支出表", 4, "单位：千元", &headers);
    r += 3;
    for row in doc.budget.economic_rows() {
        coded_row(ws, r, &t(&row.code), &row.name, &[row.total(), row.personnel, row.public].map(qian));
        r += 1;
    }
    r += 2;
    // 三公, no quotes.
    ws.write_string(r, 0, "财政拨款三公经费支出表").unwrap();
    ws.write_string(r + 1, 1, "单位：千元").unwrap();
    ws.write_string(r + 2, 0, "项目").unwrap();
    ws.write_string(r + 2, 1, "预算数").unwrap();
    let tp = &doc.three_public;
    for (i, kind) in ThreePublicKind::ALL.iter().enumerate() {
        ws.write_string(r + 3 + i as u32, 0, kind.label()).unwrap();
        write(ws, r + 3 + i as u32, 1, &qian(tp.item(*kind).this_year));
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn three_layouts_import_to_exactly_seed_001() {
    let want = seed();
    for (name, bytes) in [("a.xlsx", layout_a()), ("b.xlsx", layout_b()), ("c.xlsx", layout_c())] {
        let (got, preview) = import_into_empty(&bytes, name, &want);
        let report = preview.render_text();
        assert_same_figures(&got, &want, &report);
        // Published parents differ from their lines by rounding only: notices, no more.
        let serious: Vec<_> = preview.all_findings().filter(|f| f.severity != Severity::Notice).collect();
        assert!(serious.is_empty(), "{name}: {serious:?}\n{report}");
        assert_eq!(preview.outcome, Outcome::Clean, "{name}\n{report}");
    }
}

#[test]
fn layouts_report_what_they_skip_and_check() {
    let want = seed();
    let draft = empty_like(&want);
    let a = import::preview(&layout_a(), "a.xlsx", &draft).unwrap();
    let report = a.render_text();
    // The hidden sheet and the 目录 are not read; the empty 政府性基金 table's note is skipped.
    assert!(a.ignored_sheets.iter().any(|s| s.contains("隐藏")), "{report}");
    assert!(a.ignored_sheets.iter().any(|s| s == "目录"), "{report}");
    let t7 = a.tables.iter().find(|t| t.table == 7).expect("table 7 found");
    assert!(t7.skipped.iter().any(|s| s.reason.contains("说明行") && s.cell.ends_with("!A4")), "{report}");
    // The 类/款 rows and the 合计 row are checked, not imported; sheet names with
    // punctuation are quoted in cell addresses as Excel writes them.
    let t3 = a.tables.iter().find(|t| t.table == 3).unwrap();
    assert_eq!((t3.lines, t3.checked), (8, 9), "{report}");
    assert_eq!(t3.totals[0].cell.as_deref(), Some("'2.17部门支出总表'!C21"), "{report}");
    // Its 三公 table prints 上年 too: imported as the 上年 figures.
    let last: Vec<Decimal> = ThreePublicKind::ALL.iter().map(|k| want.three_public.item(*k).last_year).collect();
    assert_eq!(a.imported.three_public_last.map(|l| l.to_vec()), Some(last), "{report}");
    let b = import::preview(&layout_b(), "b.xlsx", &draft).unwrap();
    let t3 = b.tables.iter().find(|t| t.table == 3).unwrap();
    assert_eq!(t3.unit.as_deref(), Some("元"));
    assert!(t3.skipped.iter().any(|s| s.reason.contains("说明行")), "{}", b.render_text());
    assert_eq!(b.replaces.len(), 3, "{:?}", b.replaces);
}

#[test]
fn a_mismatching_parent_is_a_warning_naming_the_cell() {
    let want = seed();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("表5").unwrap();
    table_head(ws, 0, "一般公共预算支出表", 0, "单位：万元", &EXPENSE_HEADERS);
    ws.write_string(3, 0, "201").unwrap();
    ws.write_number(3, 2, 999.0).unwrap();
    ws.write_string(4, 0, "2010301").unwrap();
    ws.write_number(4, 2, 448.3187).unwrap();
    ws.write_number(4, 3, 448.3187).unwrap();
    // A published 款 row rounded on its own (seed 001: 基本支出 706.36 vs 706.35 from its
    // lines): a rounding notice naming the cell, not a warning.
    ws.write_string(5, 0, "20805").unwrap();
    ws.write_number(5, 3, 95.06).unwrap();
    ws.write_string(6, 0, "2080501").unwrap();
    ws.write_number(6, 3, 78.16).unwrap();
    ws.write_string(7, 0, "2080502").unwrap();
    ws.write_number(7, 3, 16.89).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let p = import::preview(&bytes, "wrong.xlsx", &empty_like(&want)).unwrap();
    let f: Vec<_> = p.all_findings().filter(|f| f.cell.as_deref() == Some("表5!C4")).collect();
    assert_eq!(f.len(), 1, "{}", p.render_text());
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].message.contains("999.00") && f[0].message.contains("448.32"), "{}", f[0].message);
    let notice: Vec<_> = p.all_findings().filter(|f| f.cell.as_deref() == Some("表5!D6")).collect();
    assert_eq!(notice.len(), 1, "{}", p.render_text());
    assert_eq!(notice[0].severity, Severity::Notice);
    assert!(notice[0].message.contains("四舍五入"), "{}", notice[0].message);
    assert_eq!(p.outcome, Outcome::NeedsLook);
    // Only table 5: its 合计 is the 一般公共预算 income; missing tables are said.
    assert!(p.findings.iter().any(|f| f.message.contains("表3")), "{}", p.render_text());
}

// ---- Bad workbooks ---------------------------------------------------------------------

/// A workbook with a #REF! amount and a formula whose value was never calculated.
fn broken_formulas() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    table_head(ws, 0, "部门支出总表", 0, "单位：万元", &EXPENSE_HEADERS);
    ws.write_string(3, 0, "2010301").unwrap();
    ws.write_string(3, 1, "行政运行").unwrap();
    ws.write_formula(3, 2, Formula::new("=Sheet9!D4").set_result("#REF!")).unwrap();
    ws.write_number(3, 3, 448.3187).unwrap();
    ws.write_string(4, 0, "2010302").unwrap();
    ws.write_string(4, 1, "一般行政管理事务").unwrap();
    ws.write_number(4, 2, 231.4369).unwrap();
    // Saved by a tool that does not calculate: the formula has no value.
    ws.set_formula_result_default("");
    ws.write_formula(4, 4, Formula::new("=C5")).unwrap();
    ws.write_string(5, 0, "2010350").unwrap();
    ws.write_string(5, 1, "事业运行").unwrap();
    ws.write_number(5, 2, 52.8553).unwrap();
    ws.write_number(5, 3, 52.8553).unwrap();
    // Out of the draft's range: negative, and beyond 18 integer digits.
    ws.write_string(6, 0, "2080501").unwrap();
    ws.write_number(6, 3, -5.0).unwrap();
    ws.write_string(7, 0, "2080502").unwrap();
    ws.write_number(7, 3, 1e20).unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn formula_errors_and_missing_values_are_reported_never_read_as_zero() {
    let want = seed();
    let p = import::preview(&broken_formulas(), "f.xlsx", &empty_like(&want)).unwrap();
    let report = p.render_text();
    let errors: Vec<_> = p.all_findings().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.iter().any(|f| f.cell.as_deref() == Some("Sheet1!C4") && f.message.contains("#REF!")), "{report}");
    assert!(
        errors.iter().any(|f| f.cell.as_deref() == Some("Sheet1!E5") && f.message.contains("没有保存计算结果")),
        "{report}"
    );
    assert!(errors.iter().any(|f| f.cell.as_deref() == Some("Sheet1!D7") && f.message.contains("负数")), "{report}");
    assert!(errors.iter().any(|f| f.cell.as_deref() == Some("Sheet1!D8") && f.message.contains("范围")), "{report}");
    let lines = p.imported.function_lines.as_ref().unwrap();
    assert_eq!(lines.iter().map(|l| l.code.as_str()).collect::<Vec<_>>(), ["2010350"], "{report}");
    assert_eq!(p.outcome, Outcome::NeedsLook);
}

#[test]
fn unreadable_workbooks_say_why_and_change_nothing() {
    let draft = seed();
    // Empty file, random bytes, an encrypted (password) container, no tables.
    assert!(matches!(import::preview(&[], "e.xlsx", &draft), Err(ImportError::Unreadable { .. })));
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    assert!(matches!(import::preview(&garbage, "g.xlsx", &draft), Err(ImportError::Unreadable { .. })));
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend(vec![0u8; 600]);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()));
    encrypted.extend(vec![0u8; 600]);
    let e = import::preview(&encrypted, "p.xlsx", &draft).unwrap_err();
    assert!(matches!(e, ImportError::Encrypted { .. }), "{e}");
    assert!(e.to_string().contains("密码"));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("照片").unwrap();
    ws.write_string(0, 0, "会议照片见附件").unwrap();
    let e = import::preview(&book.save_to_buffer().unwrap(), "n.xlsx", &draft).unwrap_err();
    assert!(matches!(e, ImportError::NoTables { .. }), "{e}");
    assert!(e.to_string().contains("照片"), "{e}");
}

#[test]
fn a_hundred_thousand_empty_rows_are_no_problem() {
    let want = seed();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    table_head(ws, 0, "部门支出总表", 0, "单位：万元", &EXPENSE_HEADERS);
    ws.write_string(3, 0, "2010301").unwrap();
    ws.write_number(3, 3, 448.3187).unwrap();
    let blank = XFormat::new().set_bold();
    for r in 4..100_004u32 {
        ws.write_blank(r, 0, &blank).unwrap();
    }
    ws.write_string(100_004, 0, "制表人：").unwrap();
    let p = import::preview(&book.save_to_buffer().unwrap(), "big.xlsx", &empty_like(&want)).unwrap();
    let lines = p.imported.function_lines.as_ref().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].basic, d("448.3187"));
}

/// A small deterministic generator for the fuzz-style test.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn damaged_workbooks_never_panic_and_never_change_the_draft() {
    let want = seed();
    let sources = [export::export(&want, Format::Xlsx, &ExportOptions::default()).unwrap(), layout_b(), layout_c()];
    let mut rng = Lcg(8);
    let mut outcomes = [0usize; 2];
    for round in 0..60 {
        let source = &sources[round % sources.len()];
        let mut bytes = source.clone();
        match round % 4 {
            // Cut short.
            0 => bytes.truncate((rng.next() as usize) % bytes.len()),
            // Flip bytes (mostly inside compressed XML: the zip's checks or the XML break).
            1 => {
                for _ in 0..1 + rng.next() % 8 {
                    let i = (rng.next() as usize) % bytes.len();
                    bytes[i] ^= 1 << (rng.next() % 8);
                }
            }
            // Overwrite a run with zeros.
            2 => {
                let i = (rng.next() as usize) % bytes.len();
                let end = (i + 1 + (rng.next() as usize) % 512).min(bytes.len());
                bytes[i..end].fill(0);
            }
            // Drop a chunk from the middle.
            _ => {
                let i = (rng.next() as usize) % bytes.len();
                let end = (i + 1 + (rng.next() as usize) % 2048).min(bytes.len());
                bytes.drain(i..end);
            }
        }
        let draft = empty_like(&want);
        let before = draft.clone();
        match std::panic::catch_unwind(|| import::preview(&bytes, "damaged.xlsx", &draft)) {
            Ok(Ok(p)) => {
                outcomes[0] += 1;
                assert!(!p.render_text().is_empty());
            }
            Ok(Err(e)) => {
                outcomes[1] += 1;
                assert!(!e.to_string().is_empty());
            }
            Err(_) => panic!("round {round}: the importer panicked"),
        }
        assert_eq!(draft, before, "previewing never changes the draft");
    }
    assert!(outcomes[1] > 0, "some damage must be detected: {outcomes:?}");
}

#[test]
fn amounts_in_another_unit_are_converted_exactly() {
    let mut want = seed();
    want.header.unit = budget_disclosure::model::AmountUnit::Yuan;
    // Layout C is in 千元, layout B in 元: into a draft kept in 元.
    let (got, _) = import_into_empty(&layout_c(), "c.xlsx", &want);
    let line = got.budget.function_lines.iter().find(|l| l.code == "2010301").unwrap();
    assert_eq!(line.basic, d("4483187"));
    let (got, _) = import_into_empty(&layout_b(), "b.xlsx", &want);
    let line = got.budget.economic_lines.iter().find(|l| l.code == "30101").unwrap();
    assert_eq!(line.personnel, d("1412937"));
}

/// Writes the fixture workbooks to `tests/data/import/` (run once by hand:
/// `cargo test --test import_excel -- --ignored write_fixture_workbooks`). The committed
/// `layout-b.xls` and `layout-b.ods` were made from `layout-b.xlsx` with LibreOffice 7.4:
/// `soffice --headless --convert-to xls layout-b.xlsx` and `… --convert-to ods …`.
#[test]
#[ignore = "writes files; run by hand to remake the committed fixtures"]
fn write_fixture_workbooks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("layout-a.xlsx"), layout_a()).unwrap();
    std::fs::write(dir.join("layout-b.xlsx"), layout_b()).unwrap();
    std::fs::write(dir.join("layout-c.xlsx"), layout_c()).unwrap();
}

/// The same layout-B workbook saved by LibreOffice as .xls (BIFF8) and .ods imports
/// to the same figures: the reader, not the writer, is what these exercise.
#[test]
fn xls_and_ods_made_by_libreoffice_import_to_seed_001() {
    let want = seed();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import");
    for name in ["layout-b.xls", "layout-b.ods"] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let (got, preview) = import_into_empty(&bytes, name, &want);
        let report = preview.render_text();
        assert_same_figures(&got, &want, &report);
        assert_eq!(preview.outcome, Outcome::Clean, "{name}\n{report}");
    }
}

#[test]
fn a_three_public_table_laid_out_across_is_read_too() {
    let want = seed();
    let tp = &want.three_public;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "2024年部门一般公共预算“三公”经费支出预算表").unwrap();
    ws.write_string(1, 6, "单位：元").unwrap();
    header(ws, 2, 0, 2, 1, "项目");
    header(ws, 2, 1, 2, 1, "合计");
    header(ws, 2, 2, 2, 1, "因公出国（境）费");
    header(ws, 2, 3, 1, 3, "公务用车购置及运行费");
    header(ws, 3, 3, 1, 1, "小计");
    header(ws, 3, 4, 1, 1, "公务用车购置费");
    header(ws, 3, 5, 1, 1, "公务用车运行费");
    header(ws, 2, 6, 2, 1, "公务接待费");
    let row = |ws: &mut Worksheet, r: u32, label: &str, k: i64| {
        ws.write_string(r, 0, label).unwrap();
        let yuan = |d: Decimal| f64_of(d * Decimal::from(10_000 * k));
        ws.write_number(r, 1, yuan(tp.total_this_year())).unwrap();
        ws.write_number(r, 2, yuan(tp.abroad.this_year)).unwrap();
        ws.write_number(r, 3, yuan(tp.car_total_this_year())).unwrap();
        ws.write_number(r, 4, yuan(tp.car_purchase.this_year)).unwrap();
        ws.write_number(r, 5, yuan(tp.car_running.this_year)).unwrap();
        ws.write_number(r, 6, yuan(tp.reception.this_year)).unwrap();
    };
    // Last year's row first (here simply doubled): the 本年 row is the one read.
    row(ws, 4, "上年预算数", 2);
    row(ws, 5, "本年预算数", 1);
    let p = import::preview(&book.save_to_buffer().unwrap(), "tp.xlsx", &empty_like(&want)).unwrap();
    let items = p.imported.three_public.unwrap_or_else(|| panic!("{}", p.render_text()));
    let expected: Vec<Decimal> = ThreePublicKind::ALL.iter().map(|k| tp.item(*k).this_year).collect();
    assert_eq!(items.to_vec(), expected, "{}", p.render_text());
    let doubled: Vec<Decimal> = expected.iter().map(|d| d * Decimal::TWO).collect();
    assert_eq!(p.imported.three_public_last.map(|l| l.to_vec()), Some(doubled), "{}", p.render_text());
    assert_eq!(p.outcome, Outcome::Clean, "{}", p.render_text());
}

#[test]
fn a_workbook_with_only_the_summary_tables_fills_the_part_two_figures() {
    let want = seed();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    table_head(ws, 0, "部门收支总表", 3, "单位：万元", &["项目", "预算数", "项目", "预算数"]);
    let rows: [(&str, f64, &str, f64); 4] = [
        ("一、一般公共预算拨款收入", 900.5, "一、一般公共服务支出", 900.5),
        ("二、政府性基金预算拨款收入", 20.0, "二、城乡社区支出", 50.0),
        ("五、单位资金", 30.0, "", 0.0),
        ("收入总计", 950.5, "支出总计", 950.5),
    ];
    for (r, (a, x, b, y)) in (3..).zip(rows) {
        ws.write_string(r, 0, a).unwrap();
        ws.write_number(r, 1, x).unwrap();
        ws.write_string(r, 2, b).unwrap();
        if y != 0.0 {
            ws.write_number(r, 3, y).unwrap();
        }
    }
    let ws = book.add_worksheet();
    table_head(
        ws,
        0,
        "一般公共预算基本支出表",
        0,
        "单位：万元",
        &["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    );
    ws.write_string(3, 1, "合计").unwrap();
    ws.write_number(3, 2, 700.0).unwrap();
    ws.write_number(3, 3, 640.25).unwrap();
    ws.write_number(3, 4, 59.75).unwrap();
    let mut draft = empty_like(&want);
    let p = import::preview(&book.save_to_buffer().unwrap(), "summary.xlsx", &draft).unwrap();
    p.apply(&mut draft);
    assert_eq!(draft.summary.income.general_budget, d("900.5"), "{}", p.render_text());
    assert_eq!(draft.summary.income.gov_fund, d("20"));
    assert_eq!(draft.summary.income.other, d("30"));
    assert_eq!((draft.summary.personnel, draft.summary.public), (d("640.25"), d("59.75")));
    assert!(draft.budget.function_lines.is_empty());
    assert!(p.replaces.iter().any(|r| r.contains("各项收入")), "{:?}", p.replaces);
}

#[test]
fn codes_leading_the_names_in_one_column_are_read() {
    let want = seed();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    table_head(ws, 0, "部门支出预算表", 3, "单位：万元", &["项目", "合计", "基本支出", "项目支出"]);
    let rows = want.budget.function_rows(2024);
    for (r, row) in (3..).zip(&rows) {
        let label = if row.level == budget_disclosure::model::budget::CodeLevel::Item {
            format!("{} {}", row.code, row.name)
        } else {
            format!("[{}]{}", row.code, row.name)
        };
        ws.write_string(r, 0, label).unwrap();
        ws.write_number(r, 1, f64_of(row.expense())).unwrap();
        ws.write_number(r, 2, f64_of(row.basic)).unwrap();
        ws.write_number(r, 3, f64_of(row.project)).unwrap();
    }
    let p = import::preview(&book.save_to_buffer().unwrap(), "one-column.xlsx", &empty_like(&want)).unwrap();
    let lines = p.imported.function_lines.as_ref().unwrap_or_else(|| panic!("{}", p.render_text()));
    let got: Vec<(&str, &str, Decimal, Decimal)> =
        lines.iter().map(|l| (l.code.as_str(), l.name.as_str(), l.basic, l.project)).collect();
    let expected: Vec<(&str, &str, Decimal, Decimal)> =
        want.budget.function_lines.iter().map(|l| (l.code.as_str(), l.name.as_str(), l.basic, l.project)).collect();
    assert_eq!(got, expected, "{}", p.render_text());
    // The 类/款 rows ("[20103]政府办公厅（室）…") are parents, checked against the lines.
    let t3 = &p.tables[0];
    assert!(t3.findings.iter().all(|f| f.severity == Severity::Notice), "{}", p.render_text());
}

#[test]
fn a_sheet_without_a_title_row_is_found_by_its_name() {
    let want = seed();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("3 部门支出总表").unwrap();
    header_row(ws, 0, &["科目编码", "科目名称", "基本支出", "项目支出", "单位：万元"]);
    for (r, l) in (1..).zip(&want.budget.function_lines) {
        coded_row(ws, r, &t(&l.code), &l.name, &[V::N(f64_of(l.basic)), V::N(f64_of(l.project))]);
    }
    let p = import::preview(&book.save_to_buffer().unwrap(), "untitled.xlsx", &empty_like(&want)).unwrap();
    assert_eq!(p.tables.len(), 1, "{}", p.render_text());
    assert_eq!(p.tables[0].table, 3);
    assert_eq!(p.tables[0].unit.as_deref(), Some("万元"), "{}", p.render_text());
    let lines = p.imported.function_lines.as_ref().unwrap();
    assert_eq!(lines.len(), want.budget.function_lines.len());
    assert_eq!(lines[1].project, want.budget.function_lines[1].project);
}
