//! The tables of the disclosure, built from the model: the nine standard tables, the
//! 机构设置, 三公, 项目绩效目标, 政府采购 and 固定资产 tables.
//!
//! Money cells use [`format_amount`] (two decimals); the standard tables leave zero
//! cells blank as the budget system prints them, the narrative tables print "0.00".

use rust_decimal::Decimal;

use super::build::chinese_number;
use super::doc::{Align, Cell, Column, Table};
use crate::model::budget::{CodeLevel, FunctionRow};
use crate::model::{
    Disclosure, Funds, Income, Project, SPEND_PLAN_LABELS, ThreePublicKind, codes, format_amount, format_amount_plain,
};
use crate::template::{FundSource, ProcurementColumn, ProjectLayout, SpendPlanStyle};

fn text(s: impl Into<String>) -> Cell {
    Cell::new(s).align(Align::Left)
}

fn centred(s: impl Into<String>) -> Cell {
    Cell::new(s).align(Align::Center)
}

/// A money cell: right-aligned, blank for zero when `blank_zero`.
fn money(d: Decimal, blank_zero: bool) -> Cell {
    let cell = Cell::new(format_amount(d, blank_zero)).align(Align::Right);
    if cell.text.is_empty() { cell } else { cell.amount(d) }
}

/// An optional money cell (blank when absent).
fn money_opt(d: Option<Decimal>) -> Cell {
    match d {
        Some(d) => money(d, false),
        None => Cell::new("").align(Align::Right),
    }
}

/// A quantity (not money): as typed, without trailing zeros.
fn quantity(d: Option<Decimal>) -> Cell {
    let s = d.map(|d| d.normalize().to_string()).unwrap_or_default();
    Cell::new(s).align(Align::Right)
}

fn bold_all(row: Vec<Cell>) -> Vec<Cell> {
    row.into_iter().map(Cell::bold).collect()
}

/// The 栏次 header row: "栏次" over the 序号 column, then 1…n.
fn column_numbers(first: &str, n: usize) -> Vec<Cell> {
    let mut row = vec![centred(first)];
    row.extend((1..=n).map(|i| centred(i.to_string())));
    row
}

/// The header of a 功能分类 expense table (tables 3, 5, 7, 8): 序号, 功能分类科目 over
/// 科目编码/科目名称, one column per `amounts` title, and the 栏次 row.
fn function_expense_header(amounts: &[&str]) -> Vec<Vec<Cell>> {
    let mut first = vec![centred("序号").span(1, 2), centred("功能分类科目").span(2, 1)];
    first.extend(amounts.iter().map(|a| centred(*a).span(1, 2)));
    vec![first, vec![centred("科目编码"), centred("科目名称")], column_numbers("栏次", amounts.len() + 2)]
}

fn columns(weights: &[u16], first_numeric: usize) -> Vec<Column> {
    weights
        .iter()
        .enumerate()
        .map(|(i, w)| Column::new(*w, if i >= first_numeric { Align::Right } else { Align::Left }))
        .collect()
}

/// The nine standard tables, in order, with `captions` over each.
pub fn standard_tables(doc: &Disclosure, captions: &[String]) -> Vec<Table> {
    (1..=9).filter_map(|n| standard_table(doc, n, captions)).collect()
}

/// Standard table `n` (1–9) alone, with `captions` over it, as [`standard_tables`] lays
/// it out (the GUI shows one table at a time); `None` for any other `n`.
pub fn standard_table(doc: &Disclosure, n: u8, captions: &[String]) -> Option<Table> {
    let mut table = match n {
        1 => summary_table(doc, &doc.budget.function_rows(doc.header.year)),
        2 => income_table(doc, &doc.budget.function_rows(doc.header.year)),
        3 => expense_table(doc, &doc.budget.function_rows(doc.header.year)),
        4 => fiscal_summary_table(doc, &doc.budget.function_rows(doc.header.year)),
        5 => fund_expense_table(
            "部门预算一般公共预算财政拨款支出表",
            doc,
            |i| i.general_budget,
            "注：无一般公共预算财政拨款预算，空表列示。",
        ),
        6 => basic_expense_table(doc),
        7 => fund_expense_table(
            "部门预算政府性基金预算财政拨款支出表",
            doc,
            |i| i.gov_fund,
            "注：无政府基金预算财政拨款预算，空表列示。",
        ),
        8 => fund_expense_table(
            "部门预算国有资本经营预算财政拨款支出表",
            doc,
            |i| i.state_capital,
            "注：无国有资本经营预算财政拨款预算，空表列示。",
        ),
        9 => three_public_standard(doc),
        _ => return None,
    };
    table.captions = captions.to_vec();
    Some(table)
}

/// The 类 rows of the year's published 收支总表 (`codes::table_classes`), in print
/// order, with the derived row of each (none for rows without money).
fn classes<'a>(
    doc: &Disclosure,
    rows: &'a [FunctionRow],
) -> Vec<(Option<&'static str>, &'static str, Option<&'a FunctionRow>)> {
    codes::table_classes(doc.header.year)
        .into_iter()
        .map(|(code, name)| {
            let row = code.and_then(|code| rows.iter().find(|r| r.code == code && r.level == CodeLevel::Class));
            (code, name, row)
        })
        .collect()
}

/// Table 1: 部门预算收支总表.
fn summary_table(doc: &Disclosure, rows: &[FunctionRow]) -> Table {
    let total = doc.budget.function_total();
    let inc = &total.income;
    let income_lines: [(&str, Decimal); 5] = [
        ("一、一般公共预算拨款收入", inc.general_budget),
        ("二、政府性基金预算拨款收入", inc.gov_fund),
        ("三、国有资本经营预算拨款收入", inc.state_capital),
        ("四、财政专户管理资金收入", inc.fiscal_special),
        ("五、单位资金", inc.unit_funds()),
    ];
    let classes = classes(doc, rows);
    let n = classes.len().max(income_lines.len());
    let mut body = Vec::new();
    for i in 0..n {
        let mut row = vec![centred((i + 1).to_string())];
        match income_lines.get(i) {
            Some((label, v)) => row.extend([text(*label), money(*v, true)]),
            None => row.extend([text(""), money(Decimal::ZERO, true)]),
        }
        match classes.get(i) {
            Some((_, name, r)) => row.extend([
                text(format!("{}、{}", chinese_number(i + 1), name)),
                money(r.map(|r| r.expense()).unwrap_or_default(), true),
            ]),
            None => row.extend([text(""), money(Decimal::ZERO, true)]),
        }
        body.push(row);
    }
    let n = body.len();
    body.push(bold_all(vec![
        centred((n + 1).to_string()),
        text("本年收入合计"),
        money(inc.this_year(), true),
        text("本年支出合计"),
        money(total.expense(), true),
    ]));
    body.push(vec![
        centred((n + 2).to_string()),
        text("上年结转结余"),
        money(inc.carryover, true),
        text("年终结转结余"),
        money(Decimal::ZERO, true),
    ]);
    body.push(bold_all(vec![
        centred((n + 3).to_string()),
        text("收入总计"),
        money(inc.total(), true),
        text("支出总计"),
        money(total.expense(), true),
    ]));
    Table {
        title: "部门预算收支总表".to_owned(),
        captions: Vec::new(),
        columns: columns(&[2, 10, 4, 10, 4], 2),
        header: vec![
            vec![centred("序号").span(1, 2), centred("收入").span(2, 1), centred("支出").span(2, 1)],
            vec![centred("项  目"), centred("预算数"), centred("项  目"), centred("预算数")],
            column_numbers("栏次", 4),
        ],
        rows: body,
        landscape: false,
        empty_note: None,
    }
}

/// The code, name and bold flag cells of a 功能分类 row.
fn code_cells(code: &str, name: &str, level: CodeLevel) -> [Cell; 2] {
    let bold = level == CodeLevel::Class;
    let mut c = text(code);
    let mut n = text(name);
    if bold {
        c = c.bold();
        n = n.bold();
    }
    [c, n]
}

/// Table 2: 部门预算收入总表 (12 numbered columns, landscape).
fn income_table(doc: &Disclosure, rows: &[FunctionRow]) -> Table {
    let cells = |inc: &Income| -> Vec<Cell> {
        vec![
            money(inc.total(), true),
            money(inc.this_year(), true),
            money(inc.fiscal(), true),
            money(inc.fiscal_special, true),
            money(inc.business, true),
            money(inc.operating, true),
            money(inc.superior, true),
            money(inc.affiliated, true),
            money(inc.other, true),
            money(inc.carryover, true),
        ]
    };
    let total = doc.budget.function_total();
    let mut body = Vec::new();
    let mut row = vec![centred("1"), text(""), text("合计")];
    row.extend(cells(&total.income));
    body.push(bold_all(row));
    for r in rows {
        let mut row = vec![centred((body.len() + 1).to_string())];
        row.extend(code_cells(&r.code, &r.name, r.level));
        row.extend(cells(&r.income));
        body.push(row);
    }
    let sub = [
        "小计",
        "财政拨款 收入",
        "财政专户 收入",
        "事业收入",
        "经营收入",
        "上级补助收入",
        "附属单位上缴收入",
        "其他收入",
    ];
    let mut second = vec![centred("科目编码"), centred("科目名称")];
    second.extend(sub.iter().map(|s| centred(*s)));
    Table {
        title: "部门预算收入总表".to_owned(),
        captions: Vec::new(),
        columns: columns(&[2, 4, 10, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 3),
        header: vec![
            vec![
                centred("序号").span(1, 2),
                centred("功能分类科目").span(2, 1),
                centred("合计").span(1, 2),
                centred("本年收入").span(8, 1),
                centred("上年结转").span(1, 2),
            ],
            second,
            column_numbers("栏次", 12),
        ],
        rows: body,
        landscape: true,
        empty_note: None,
    }
}

/// Table 3: 部门预算支出总表.
fn expense_table(doc: &Disclosure, rows: &[FunctionRow]) -> Table {
    let total = doc.budget.function_total();
    let mut body = Vec::new();
    body.push(bold_all(vec![
        centred("1"),
        text(""),
        text("合计"),
        money(total.expense(), true),
        money(total.basic, true),
        money(total.project, true),
        money(Decimal::ZERO, true),
        money(Decimal::ZERO, true),
        money(Decimal::ZERO, true),
    ]));
    for r in rows {
        let mut row = vec![centred((body.len() + 1).to_string())];
        row.extend(code_cells(&r.code, &r.name, r.level));
        row.extend([
            money(r.expense(), true),
            money(r.basic, true),
            money(r.project, true),
            money(Decimal::ZERO, true),
            money(Decimal::ZERO, true),
            money(Decimal::ZERO, true),
        ]);
        body.push(row);
    }
    Table {
        title: "部门预算支出总表".to_owned(),
        captions: Vec::new(),
        columns: columns(&[2, 4, 10, 4, 4, 4, 4, 4, 4], 3),
        header: function_expense_header(&[
            "合计",
            "基本支出",
            "项目支出",
            "经营支出",
            "上解上级支出",
            "对附属单位补助支出",
        ]),
        rows: body,
        landscape: true,
        empty_note: None,
    }
}

/// Table 4: 部门预算财政拨款收支总表.
fn fiscal_summary_table(doc: &Disclosure, rows: &[FunctionRow]) -> Table {
    let total = doc.budget.function_total();
    let inc = &total.income;
    let income_lines: [(&str, Decimal); 3] = [
        ("一、一般公共预算拨款", inc.general_budget),
        ("二、政府性基金预算拨款", inc.gov_fund),
        ("三、国有资本经营预算拨款", inc.state_capital),
    ];
    let fund_cells = |i: &Income| {
        [money(i.fiscal(), true), money(i.general_budget, true), money(i.gov_fund, true), money(i.state_capital, true)]
    };
    let classes = classes(doc, rows);
    let mut body = Vec::new();
    for (i, (_, name, r)) in classes.iter().enumerate() {
        let mut row = vec![centred((i + 1).to_string())];
        match income_lines.get(i) {
            Some((label, v)) => row.extend([text(*label), money(*v, true)]),
            None => row.extend([text(""), money(Decimal::ZERO, true)]),
        }
        row.push(text(format!("{}、{}", chinese_number(i + 1), name)));
        row.extend(fund_cells(&r.map(|r| r.income.clone()).unwrap_or_default()));
        body.push(row);
    }
    let blank4 = || {
        [money(Decimal::ZERO, true), money(Decimal::ZERO, true), money(Decimal::ZERO, true), money(Decimal::ZERO, true)]
    };
    let n = body.len();
    let mut row =
        vec![centred((n + 1).to_string()), text("本年收入合计"), money(inc.fiscal(), true), text("本年支出合计")];
    row.extend(fund_cells(inc));
    body.push(bold_all(row));
    let mut row = vec![
        centred((n + 2).to_string()),
        text("年初财政拨款结转和结余"),
        money(Decimal::ZERO, true),
        text("年末财政拨款结转和结余"),
    ];
    row.extend(blank4());
    body.push(row);
    for (k, (label, _)) in income_lines.iter().enumerate() {
        let mut row = vec![centred((n + 3 + k).to_string()), text(*label), money(Decimal::ZERO, true), text("")];
        row.extend(blank4());
        body.push(row);
    }
    let mut row = vec![centred((n + 6).to_string()), text("收入总计"), money(inc.fiscal(), true), text("支出总计")];
    row.extend(fund_cells(inc));
    body.push(bold_all(row));
    Table {
        title: "部门预算财政拨款收支总表".to_owned(),
        captions: Vec::new(),
        columns: columns(&[2, 9, 4, 9, 4, 4, 4, 4], 2),
        header: vec![
            vec![centred("序号").span(1, 2), centred("收入").span(2, 1), centred("支出").span(5, 1)],
            vec![
                centred("项  目"),
                centred("金额"),
                centred("项  目"),
                centred("合计"),
                centred("一般公共预算财政拨款"),
                centred("政府性基金预算财政拨款"),
                centred("国有资本经营预算财政拨款"),
            ],
            column_numbers("栏次", 7),
        ],
        rows: body,
        landscape: true,
        empty_note: None,
    }
}

/// Tables 5, 7, 8: the expense of one fund by 功能分类, split into 基本/项目.
///
/// The draft records income by source and expense by kind per line, not the matrix of
/// both; a line financed by several sources is split by spending the fund on 基本支出
/// first (what the budget system does for 财政拨款 lines in the seeds).
fn fund_expense_table(title: &str, doc: &Disclosure, fund: fn(&Income) -> Decimal, empty_note: &str) -> Table {
    let rows = doc.budget.function_rows(doc.header.year);
    let split = |basic: Decimal, project: Decimal, amount: Decimal| -> (Decimal, Decimal) {
        if amount == basic.saturating_add(project) {
            (basic, project)
        } else {
            let b = basic.min(amount);
            (b, amount.saturating_sub(b).min(project).max(Decimal::ZERO))
        }
    };
    // Split every typed line, then sum the parents from the split lines.
    let lines: Vec<(&str, Decimal, Decimal, Decimal)> = doc
        .budget
        .function_lines
        .iter()
        .map(|l| {
            let amount = fund(&l.income);
            let (b, p) = split(l.basic, l.project, amount);
            (l.code.trim(), amount, b, p)
        })
        .collect();
    let mut body = Vec::new();
    let (mut t_amount, mut t_basic, mut t_project) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (_, a, b, p) in &lines {
        t_amount = t_amount.saturating_add(*a);
        t_basic = t_basic.saturating_add(*b);
        t_project = t_project.saturating_add(*p);
    }
    let has_data = !t_amount.is_zero();
    if has_data {
        body.push(bold_all(vec![
            centred("1"),
            text(""),
            text("合计"),
            money(t_amount, true),
            money(t_basic, true),
            money(t_project, true),
        ]));
        for r in &rows {
            let (a, b, p) = match r.line {
                Some(i) => {
                    let (_, a, b, p) = lines[i];
                    (a, b, p)
                }
                None => lines
                    .iter()
                    .filter(|(c, ..)| c.starts_with(r.code.as_str()))
                    .fold((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO), |(a, b, p), (_, la, lb, lp)| {
                        (a.saturating_add(*la), b.saturating_add(*lb), p.saturating_add(*lp))
                    }),
            };
            if a.is_zero() {
                continue;
            }
            let mut row = vec![centred((body.len() + 1).to_string())];
            row.extend(code_cells(&r.code, &r.name, r.level));
            row.extend([money(a, true), money(b, true), money(p, true)]);
            body.push(row);
        }
    } else {
        body.push((0..6).map(|_| text("")).collect());
    }
    Table {
        title: title.to_owned(),
        captions: Vec::new(),
        columns: columns(&[2, 4, 12, 4, 4, 4], 3),
        header: function_expense_header(&["合计", "基本支出", "项目支出"]),
        rows: body,
        landscape: false,
        empty_note: if has_data { None } else { Some(empty_note.to_owned()) },
    }
}

/// Table 6: 部门预算一般公共预算财政拨款基本支出表 (by 经济分类).
fn basic_expense_table(doc: &Disclosure) -> Table {
    let total = doc.budget.economic_total();
    let mut body = Vec::new();
    let has_data = !doc.budget.economic_lines.is_empty();
    if has_data {
        body.push(bold_all(vec![
            centred("1"),
            text(""),
            text("合计"),
            money(total.total(), true),
            money(total.personnel, true),
            money(total.public, true),
        ]));
        for r in doc.budget.economic_rows() {
            let mut row = vec![centred((body.len() + 1).to_string())];
            row.extend(code_cells(&r.code, &r.name, r.level));
            row.extend([money(r.total(), true), money(r.personnel, true), money(r.public, true)]);
            body.push(row);
        }
    } else {
        body.push((0..6).map(|_| text("")).collect());
    }
    Table {
        title: "部门预算一般公共预算财政拨款基本支出表".to_owned(),
        captions: Vec::new(),
        columns: columns(&[2, 4, 12, 4, 4, 4], 3),
        header: vec![
            vec![
                centred("序号").span(1, 2),
                centred("支出部门经济分类科目").span(2, 1),
                centred("一般公共预算基本支出").span(3, 1),
            ],
            vec![centred("科目编码"), centred("科目名称"), centred("合计"), centred("人员经费"), centred("公用经费")],
            column_numbers("栏次", 5),
        ],
        rows: body,
        landscape: false,
        empty_note: if has_data {
            None
        } else {
            Some("注：无一般公共预算财政拨款基本支出，空表列示。".to_owned())
        },
    }
}

/// Table 9: 部门预算财政拨款“三公”经费支出表 (all 财政拨款 is 一般公共预算 here).
fn three_public_standard(doc: &Disclosure) -> Table {
    let tp = &doc.three_public;
    let line = |no: usize, label: &str, v: Decimal, bold: bool| {
        let row = vec![
            centred(no.to_string()),
            text(label),
            money(v, true),
            money(v, true),
            money(Decimal::ZERO, true),
            money(Decimal::ZERO, true),
        ];
        if bold { bold_all(row) } else { row }
    };
    let total = tp.total_this_year();
    let rows = vec![
        line(1, "合计", total, true),
        line(2, "“三公”经费小计", total, true),
        line(3, "一、因公出国（境）费", tp.abroad.this_year, false),
        line(4, "    其中：教学科研人员因公出国（境）费", Decimal::ZERO, false),
        line(5, "          其他因公出国（境）费", tp.abroad.this_year, false),
        line(6, "二、公务用车购置及运维费", tp.car_total_this_year(), false),
        line(7, "    其中：公务用车购置费", tp.car_purchase.this_year, false),
        line(8, "          公务用车运行维护费", tp.car_running.this_year, false),
        line(9, "三、公务接待费", tp.reception.this_year, false),
    ];
    Table {
        title: "部门预算财政拨款“三公”经费支出表".to_owned(),
        captions: Vec::new(),
        columns: columns(&[2, 14, 4, 4, 4, 4], 2),
        header: vec![
            vec![centred("序号").span(1, 2), centred("项  目").span(1, 2), centred("资 金 性 质").span(4, 1)],
            vec![
                centred("合计"),
                centred("一般公共预算财政拨款"),
                centred("政府性基金预算拨款"),
                centred("国有资本经营预算财政拨款"),
            ],
            column_numbers("栏次", 5),
        ],
        rows,
        landscape: false,
        empty_note: if total.is_zero() {
            Some("注：无财政拨款“三公”经费预算，空表列示。".to_owned())
        } else {
            None
        },
    }
}

/// The 机构设置 table.
pub fn institutions(doc: &Disclosure, title: &str, numbered: bool) -> Table {
    let mut header = Vec::new();
    if numbered {
        header.push(centred("序号"));
    }
    header.extend(["单位名称", "单位性质", "单位规格", "经费保障形式"].map(centred));
    let rows = doc
        .institutions
        .iter()
        .enumerate()
        .map(|(i, inst)| {
            let mut row = Vec::new();
            if numbered {
                row.push(centred((i + 1).to_string()));
            }
            row.extend([
                text(inst.name.trim()),
                centred(inst.nature.trim()),
                centred(inst.rank.trim()),
                centred(inst.funding.trim()),
            ]);
            row
        })
        .collect();
    let weights: &[u16] = if numbered { &[2, 12, 4, 4, 6] } else { &[12, 4, 4, 6] };
    Table {
        title: title.trim().to_owned(),
        captions: Vec::new(),
        columns: columns(weights, usize::MAX),
        header: vec![header],
        rows,
        landscape: false,
        empty_note: None,
    }
}

/// The 三公 table of part 4: last year, this year, change, reason per item and 合计.
pub fn three_public(doc: &Disclosure, captions: Vec<String>, labels: &[String], total_label: &str) -> Table {
    let tp = &doc.three_public;
    let y = doc.header.year;
    let no_change = |d: Decimal, reason: &str| {
        if !reason.trim().is_empty() {
            reason.trim().to_owned()
        } else if crate::model::round_display(d).is_zero() {
            "无增减变化".to_owned()
        } else {
            String::new()
        }
    };
    let mut rows = Vec::new();
    for (kind, label) in ThreePublicKind::ALL.iter().zip(labels) {
        let item = tp.item(*kind);
        rows.push(vec![
            text(label.as_str()),
            money(item.last_year, false),
            money(item.this_year, false),
            money(item.change(), false),
            text(no_change(item.change(), &item.reason)),
        ]);
    }
    let change = tp.total_this_year().saturating_sub(tp.total_last_year());
    rows.push(bold_all(vec![
        text(total_label),
        money(tp.total_last_year(), false),
        money(tp.total_this_year(), false),
        money(change, false),
        text(no_change(change, &tp.reason)),
    ]));
    Table {
        title: String::new(),
        captions,
        columns: columns(&[8, 4, 4, 4, 8], 1),
        header: vec![vec![
            centred("项目名称"),
            centred(format!("{}年度预算", y - 1)),
            centred(format!("{y}年度预算")),
            centred("增减金额"),
            centred("变化原因"),
        ]],
        rows,
        landscape: false,
        empty_note: None,
    }
}

/// A 项目绩效目标表 on a 13-column grid: a label column and 12 narrow columns, so the
/// six budget cells, four spend-plan checkpoints and five indicator columns all divide it.
pub fn project(
    p: &Project,
    captions: Vec<String>,
    layout: ProjectLayout,
    goal_prefixes: &[String],
    spend: SpendPlanStyle,
) -> Table {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if layout == ProjectLayout::Full {
        rows.push(vec![
            centred("项目编码"),
            text(p.code.trim()).span(5, 1),
            centred("项目名称").span(2, 1),
            text(p.name.trim()).span(5, 1),
        ]);
        rows.push(vec![
            centred("预算规模及资金用途").span(1, 2),
            centred("预算数").span(2, 1),
            money_opt(p.budget()).span(2, 1),
            centred("其中：财政资金").span(2, 1),
            money_opt(p.fiscal).span(2, 1),
            centred("其他资金").span(2, 1),
            money_opt(p.other.filter(|o| !o.is_zero())).span(2, 1),
        ]);
        rows.push(vec![text(p.purpose.trim()).span(12, 1)]);
        let mut labels = vec![centred("资金支出计划（%）").span(1, 2)];
        labels.extend(SPEND_PLAN_LABELS.iter().map(|l| centred(*l).span(3, 1)));
        rows.push(labels);
        rows.push(
            p.spend_plan
                .iter()
                .map(|v| {
                    let s = match (v, spend) {
                        (None, _) => String::new(),
                        (Some(v), SpendPlanStyle::Decimal) => format_amount(*v, false),
                        (Some(v), SpendPlanStyle::Percent) => format!("{}%", format_amount_plain(*v)),
                    };
                    Cell::new(s).align(Align::Right).span(3, 1)
                })
                .collect(),
        );
    }
    let goals: Vec<String> = p
        .goals
        .iter()
        .filter(|g| !g.trim().is_empty())
        .zip(goal_prefixes)
        .map(|(g, prefix)| format!("{prefix}{}", g.trim()))
        .collect();
    rows.push(vec![centred("绩效目标"), text(goals.join("\n")).span(12, 1)]);
    let indicator_header = vec![
        centred("一级指标"),
        centred("二级指标").span(2, 1),
        centred("三级指标").span(2, 1),
        centred("绩效指标描述").span(3, 1),
        centred("指标值").span(2, 1),
        centred("指标值确定依据").span(3, 1),
    ];
    rows.push(indicator_header.into_iter().map(Cell::bold).collect());
    // 一级 cells span their group; an empty 一级 continues the group above (as the
    // seeds print merged cells).
    let ind = &p.indicators;
    let mut i = 0;
    while i < ind.len() {
        let level1 = ind[i].level1.trim();
        let mut j = i + 1;
        while j < ind.len() && (ind[j].level1.trim().is_empty() || ind[j].level1.trim() == level1) {
            j += 1;
        }
        for (k, x) in ind[i..j].iter().enumerate() {
            let mut row = Vec::new();
            if k == 0 {
                row.push(centred(level1).span(1, (j - i) as u16));
            }
            row.extend([
                text(x.level2.trim()).span(2, 1),
                text(x.level3.trim()).span(2, 1),
                text(x.description.trim()).span(3, 1),
                centred(x.value.trim()).span(2, 1),
                text(x.basis.trim()).span(3, 1),
            ]);
            rows.push(row);
        }
        i = j;
    }
    let mut cols = vec![Column::new(4, Align::Left)];
    cols.extend((0..12).map(|_| Column::new(2, Align::Left)));
    Table {
        title: String::new(),
        captions,
        columns: cols,
        header: Vec::new(),
        rows,
        landscape: false,
        empty_note: None,
    }
}

fn fund_value(f: &Funds, source: FundSource) -> Decimal {
    match source {
        FundSource::Total => f.total(),
        FundSource::CurrentYear => f.total().saturating_sub(f.carryover),
        FundSource::GeneralBudget => f.general_budget,
        FundSource::GovFund => f.gov_fund,
        FundSource::StateCapital => f.state_capital,
        FundSource::FiscalSpecial => f.fiscal_special,
        FundSource::UnitFunds => f.unit_funds,
        FundSource::Carryover => f.carryover,
    }
}

/// The 政府采购预算 table: 合计, then per unit a 小计 row and its rows.
pub fn procurement(
    doc: &Disclosure,
    title: String,
    captions: Vec<String>,
    amounts_title: &str,
    amount_columns: &[ProcurementColumn],
    extra_columns: &[String],
    empty_note: &str,
) -> Table {
    let pr = &doc.procurement;
    let left = 7; // 项目名称, 预算资金, 物品, 目录, 计量单位, 数量, 单价
    let n_amounts = amount_columns.len();
    let grouped = amount_columns.iter().any(|c| !c.group.trim().is_empty());
    let levels: u16 = if grouped { 3 } else { 2 };

    // Header rows.
    let mut h1 = vec![
        centred("政府采购项目来源").span(2, 1),
        centred("采购物品名称").span(1, levels),
        centred("政府采购目录序号").span(1, levels),
        centred("计量单位").span(1, levels),
        centred("数量").span(1, levels),
        centred("单价").span(1, levels),
        centred(amounts_title).span(n_amounts as u16, 1),
    ];
    h1.extend(extra_columns.iter().map(|e| centred(e.as_str()).span(1, levels)));
    let mut h2 = vec![centred("项目名称").span(1, levels - 1), centred("预算资金").span(1, levels - 1)];
    let mut h3 = Vec::new();
    let mut k = 0;
    while k < n_amounts {
        let group = amount_columns[k].group.trim();
        if group.is_empty() {
            h2.push(centred(amount_columns[k].label.as_str()).span(1, levels - 1));
            k += 1;
        } else {
            let mut end = k;
            while end < n_amounts && amount_columns[end].group.trim() == group {
                h3.push(centred(amount_columns[end].label.as_str()));
                end += 1;
            }
            h2.push(centred(group).span((end - k) as u16, 1));
            k = end;
        }
    }
    let mut header = vec![h1, h2];
    if grouped {
        header.push(h3);
    }

    let amounts = |f: &Funds, bold: bool| -> Vec<Cell> {
        amount_columns
            .iter()
            .map(|c| {
                let cell = money(fund_value(f, c.source), true);
                if bold { cell.bold() } else { cell }
            })
            .collect()
    };
    let blanks = |n: usize| (0..n).map(|_| text("")).collect::<Vec<_>>();
    let mut rows = Vec::new();
    if !pr.rows.is_empty() {
        let mut row = vec![text("合计").bold().span(left as u16, 1)];
        row.extend(amounts(&pr.funds_total(), true));
        row.extend(blanks(extra_columns.len()));
        rows.push(row);
        for (unit, indices) in pr.units() {
            let mut sum = Funds::default();
            for i in &indices {
                sum.add(&pr.rows[*i].funds);
            }
            let mut row = vec![text(format!("{}小计", unit.trim())).bold().span(left as u16, 1)];
            row.extend(amounts(&sum, true));
            row.extend(blanks(extra_columns.len()));
            rows.push(row);
            for i in indices {
                let r = &pr.rows[i];
                let mut row = vec![
                    text(r.project.trim()),
                    money_opt(r.project_budget),
                    text(r.item.trim()),
                    text(r.catalog.trim()),
                    centred(r.measure.trim()),
                    quantity(r.quantity),
                    money_opt(r.unit_price),
                ];
                row.extend(amounts(&r.funds, false));
                row.extend(blanks(extra_columns.len()));
                rows.push(row);
            }
        }
    } else {
        rows.push(blanks(left + n_amounts + extra_columns.len()));
    }
    let mut weights = vec![8, 4, 6, 6, 3, 3, 3];
    weights.extend(std::iter::repeat_n(4, n_amounts + extra_columns.len()));
    Table {
        title,
        captions,
        columns: columns(&weights, 5),
        header,
        rows,
        landscape: true,
        empty_note: if pr.rows.is_empty() && !empty_note.trim().is_empty() {
            Some(empty_note.trim().to_owned())
        } else {
            None
        },
    }
}

/// The 固定资产占用情况表: 总额, then the categories numbered 1、2、…, "其中" rows
/// under their category.
pub fn assets(doc: &Disclosure, title: String, captions: Vec<String>, header: &[String], total_label: &str) -> Table {
    let a = &doc.assets;
    let mut rows = vec![bold_all(vec![text(total_label), centred("——"), money(a.total_value(), false)])];
    let mut n = 0;
    let mut first_sub = true;
    for c in &a.categories {
        let unit = c.quantity_unit.trim();
        let unit = if unit.is_empty() { String::new() } else { format!("（{unit}）") };
        let name = c.name.trim();
        let label = if c.sub_item {
            let prefix = if first_sub { "其中：" } else { "      " };
            first_sub = false;
            let name = name.strip_prefix("其中：").unwrap_or(name);
            format!("    {prefix}{name}{unit}")
        } else {
            n += 1;
            first_sub = true;
            let numbered = name.chars().next().is_some_and(|ch| ch.is_ascii_digit());
            if numbered { format!("{name}{unit}") } else { format!("{n}、{name}{unit}") }
        };
        rows.push(vec![text(label), quantity(c.quantity), money_opt(c.value)]);
    }
    Table {
        title,
        captions,
        columns: columns(&[12, 4, 6], 1),
        header: vec![header.iter().map(|h| centred(h.as_str())).collect()],
        rows,
        landscape: false,
        empty_note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{self, Seed};

    #[test]
    fn one_standard_table_is_the_same_as_in_the_set() {
        let captions = vec!["单位：万元".to_owned()];
        for doc in Seed::ALL.into_iter().map(samples::load) {
            let all = standard_tables(&doc, &captions);
            assert_eq!(all.len(), 9);
            for (n, table) in (1..=9).zip(&all) {
                assert_eq!(standard_table(&doc, n, &captions).as_ref(), Some(table));
            }
            assert!(standard_table(&doc, 10, &captions).is_none());
        }
    }
}
