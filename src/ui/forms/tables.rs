//! The nine standard tables, computed live from the line items and shown read-only.
//!
//! Only the table on screen is computed, once per frame; officers change the figures in
//! the 功能分类 / 经济分类 / 三公 forms.

use egui::{Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;

use crate::model::budget::{CodeLevel, FunctionRow};
use crate::model::{Disclosure, Income, format_amount};
use crate::rules::{Section, Severity};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

/// A computed table, ready to show.
struct View {
    headers: Vec<&'static str>,
    /// The text columns (left-aligned); the others are amounts.
    text_columns: &'static [usize],
    rows: Vec<(Vec<String>, bool)>,
    empty_note: &'static str,
}

fn amount(v: Decimal) -> String {
    format_amount(v, true)
}

fn indent(row: &FunctionRow) -> String {
    match row.level {
        CodeLevel::Class => row.name.clone(),
        CodeLevel::Section => format!("　{}", row.name),
        CodeLevel::Item => format!("　　{}", row.name),
    }
}

pub(super) fn ui(ui: &mut Ui, n: u8, doc: &Disclosure, ctx: &FormCtx) {
    w::section_title(
        ui,
        Section::Table(n).label(),
        "由功能分类、经济分类明细和“三公”经费自动生成，只能查看。要修改数字，请到相应的明细页面。",
    );
    ui.label(
        RichText::new(format!(
            "{}{}　预算年度：{}　单位：{}",
            doc.header.department_code,
            doc.header.department,
            doc.header.year,
            doc.header.unit.label()
        ))
        .weak(),
    );
    let view = build(n, doc);
    for f in ctx.findings_in(Section::Table(n)) {
        // Rows of tables 3 and 6 are named by their code (the view's row + 1, after 合计).
        let place = match f.location.row {
            Some(r) if matches!(n, 3 | 6) => {
                view.rows.get(r + 1).map(|(cells, _)| format!("科目 {}：", cells[0])).unwrap_or_default()
            }
            Some(r) => format!("第{}行：", r + 1),
            None => String::new(),
        };
        ui.label(
            RichText::new(format!("{}：{place}{}", f.severity.label(), f.message)).color(w::severity_color(f.severity)),
        );
    }
    let has_data = view.rows.iter().any(|(cells, bold)| {
        !bold && cells.iter().enumerate().any(|(c, t)| !view.text_columns.contains(&c) && !t.is_empty())
    });
    if !has_data {
        ui.label(RichText::new(format!("注：{}", view.empty_note)).color(w::WARNING_COLOR));
    }
    // The rules number the rows of tables 3 and 6 as `function_rows` / `economic_rows`
    // do; this view puts the 合计 row first.
    let mut marks: Vec<Option<Severity>> = vec![None; view.rows.len()];
    if matches!(n, 3 | 6) {
        for (row, mark) in w::row_marks(ctx, Section::Table(n), view.rows.len()).into_iter().enumerate() {
            if let Some(slot) = marks.get_mut(row + 1) {
                *slot = mark;
            }
        }
    }
    show(ui, n, &view, &marks);
}

fn show(ui: &mut Ui, n: u8, view: &View, marks: &[Option<Severity>]) {
    egui::ScrollArea::horizontal().id_salt(("table-h", n)).show(ui, |ui| {
        let mut builder = TableBuilder::new(ui)
            .id_salt(("standard-table", n))
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .auto_shrink([false, false]);
        for c in 0..view.headers.len() {
            builder = if view.text_columns.contains(&c) {
                let code_column = c == 0 && view.text_columns.get(1) == Some(&1);
                builder.column(Column::initial(if code_column { 90.0 } else { 220.0 }).resizable(true).clip(true))
            } else {
                builder.column(Column::initial(100.0).resizable(true))
            };
        }
        builder
            .header(22.0, |mut h| {
                for title in &view.headers {
                    h.col(|ui| {
                        ui.strong(*title);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, view.rows.len(), |mut row| {
                    let (cells, bold) = &view.rows[row.index()];
                    let mark = marks.get(row.index()).copied().flatten();
                    for (c, text) in cells.iter().enumerate() {
                        row.col(|ui| {
                            let mut t = if *bold { RichText::new(text).strong() } else { RichText::new(text) };
                            if let Some(severity) = mark {
                                t = t.color(w::severity_color(severity));
                            }
                            if view.text_columns.contains(&c) {
                                ui.label(t);
                            } else {
                                ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| ui.label(t));
                            }
                        });
                    }
                });
            });
    });
}

/// The income sources as they appear on the income side of table 1.
fn income_rows(income: &Income) -> Vec<(&'static str, Decimal)> {
    vec![
        ("一、一般公共预算拨款收入", income.general_budget),
        ("二、政府性基金预算拨款收入", income.gov_fund),
        ("三、国有资本经营预算拨款收入", income.state_capital),
        ("四、财政专户管理资金收入", income.fiscal_special),
        ("五、事业收入", income.business),
        ("六、事业单位经营收入", income.operating),
        ("七、上级补助收入", income.superior),
        ("八、附属单位上缴收入", income.affiliated),
        ("九、其他收入", income.other),
    ]
}

fn build(n: u8, doc: &Disclosure) -> View {
    let year = doc.header.year;
    let b = &doc.budget;
    match n {
        1 | 4 => {
            let fiscal_only = n == 4;
            let total = b.function_total();
            let rows = b.function_rows(year);
            let classes: Vec<&FunctionRow> = rows.iter().filter(|r| r.level == CodeLevel::Class).collect();
            let mut income = income_rows(&total.income);
            if fiscal_only {
                income.truncate(3);
            }
            let expense: Vec<(String, Decimal)> = classes
                .iter()
                .map(|r| (r.name.clone(), if fiscal_only { r.income.fiscal() } else { r.expense() }))
                .collect();
            let mut out = Vec::new();
            for k in 0..income.len().max(expense.len()) {
                let (il, iv) = income.get(k).map(|(l, v)| (l.to_string(), amount(*v))).unwrap_or_default();
                let (el, ev) = expense.get(k).map(|(l, v)| (l.clone(), amount(*v))).unwrap_or_default();
                out.push((vec![il, iv, el, ev], false));
            }
            let (this_in, carry, this_out) = if fiscal_only {
                (total.income.fiscal(), Decimal::ZERO, classes.iter().map(|r| r.income.fiscal()).sum())
            } else {
                (total.income.this_year(), total.income.carryover, total.expense())
            };
            out.push((vec!["本年收入合计".into(), amount(this_in), "本年支出合计".into(), amount(this_out)], true));
            if !fiscal_only {
                out.push((vec!["上年结转".into(), amount(carry), "结转下年".into(), String::new()], false));
            }
            out.push((vec!["收入总计".into(), amount(this_in + carry), "支出总计".into(), amount(this_out)], true));
            View {
                headers: vec!["收入项目", "预算数", "支出项目", "预算数"],
                text_columns: &[0, 2],
                rows: out,
                empty_note: if fiscal_only {
                    "无财政拨款收支，空表列示。"
                } else {
                    "无收支预算，空表列示。"
                },
            }
        }
        2 => {
            let mut out: Vec<(Vec<String>, bool)> = b
                .function_rows(year)
                .iter()
                .map(|r| {
                    let i = &r.income;
                    let mut cells = vec![r.code.clone(), indent(r), amount(i.total()), amount(i.carryover)];
                    cells.extend(
                        [
                            i.general_budget,
                            i.gov_fund,
                            i.state_capital,
                            i.fiscal_special,
                            i.business,
                            i.operating,
                            i.superior,
                            i.affiliated,
                            i.other,
                        ]
                        .map(amount),
                    );
                    (cells, r.level == CodeLevel::Class)
                })
                .collect();
            let t = b.function_total().income;
            let mut cells = vec![String::new(), "合计".into(), amount(t.total()), amount(t.carryover)];
            cells.extend(
                [
                    t.general_budget,
                    t.gov_fund,
                    t.state_capital,
                    t.fiscal_special,
                    t.business,
                    t.operating,
                    t.superior,
                    t.affiliated,
                    t.other,
                ]
                .map(amount),
            );
            out.insert(0, (cells, true));
            View {
                headers: vec![
                    "科目编码",
                    "科目名称",
                    "合计",
                    "上年结转",
                    "一般公共预算",
                    "政府性基金",
                    "国有资本经营",
                    "财政专户",
                    "事业收入",
                    "经营收入",
                    "上级补助",
                    "附属单位上缴",
                    "其他收入",
                ],
                text_columns: &[0, 1],
                rows: out,
                empty_note: "无收入预算，空表列示。",
            }
        }
        3 => expense_table(doc, |r| Some((r.expense(), r.basic, r.project)), "无支出预算，空表列示。"),
        5 => fund_table(doc, |i| i.general_budget, "无一般公共预算财政拨款支出，空表列示。"),
        7 => fund_table(doc, |i| i.gov_fund, "无政府性基金预算财政拨款支出，空表列示。"),
        8 => fund_table(doc, |i| i.state_capital, "无国有资本经营预算财政拨款支出，空表列示。"),
        6 => {
            let mut out: Vec<(Vec<String>, bool)> = b
                .economic_rows()
                .iter()
                .map(|r| {
                    let name = if r.level == CodeLevel::Class { r.name.clone() } else { format!("　{}", r.name) };
                    (
                        vec![r.code.clone(), name, amount(r.total()), amount(r.personnel), amount(r.public)],
                        r.level == CodeLevel::Class,
                    )
                })
                .collect();
            let t = b.economic_total();
            out.insert(
                0,
                (vec![String::new(), "合计".into(), amount(t.total()), amount(t.personnel), amount(t.public)], true),
            );
            View {
                headers: vec!["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
                text_columns: &[0, 1],
                rows: out,
                empty_note: "无一般公共预算财政拨款基本支出，空表列示。",
            }
        }
        _ => {
            let tp = &doc.three_public;
            let row = |label: &str, total, abroad, car_p, car_r, recep| {
                let car: Decimal = car_p + car_r;
                (
                    vec![
                        label.to_owned(),
                        amount(total),
                        amount(abroad),
                        amount(car),
                        amount(car_p),
                        amount(car_r),
                        amount(recep),
                    ],
                    false,
                )
            };
            let rows = vec![
                row(
                    "上年预算",
                    tp.total_last_year(),
                    tp.abroad.last_year,
                    tp.car_purchase.last_year,
                    tp.car_running.last_year,
                    tp.reception.last_year,
                ),
                row(
                    "本年预算",
                    tp.total_this_year(),
                    tp.abroad.this_year,
                    tp.car_purchase.this_year,
                    tp.car_running.this_year,
                    tp.reception.this_year,
                ),
                (
                    vec![
                        "增减".to_owned(),
                        w::change_text(tp.total_this_year() - tp.total_last_year()),
                        w::change_text(tp.abroad.change()),
                        w::change_text(tp.car_total_this_year() - tp.car_total_last_year()),
                        w::change_text(tp.car_purchase.change()),
                        w::change_text(tp.car_running.change()),
                        w::change_text(tp.reception.change()),
                    ],
                    true,
                ),
            ];
            View {
                headers: vec![
                    "",
                    "合计",
                    "因公出国（境）费",
                    "公务用车购置及运行费",
                    "其中：购置费",
                    "其中：运行费",
                    "公务接待费",
                ],
                text_columns: &[0],
                rows,
                empty_note: "无财政拨款“三公”经费，空表列示。",
            }
        }
    }
}

/// Tables 3: 编码, 名称, 合计, 基本支出, 项目支出 for every 功能分类 row.
fn expense_table(
    doc: &Disclosure,
    figures: impl Fn(&FunctionRow) -> Option<(Decimal, Decimal, Decimal)>,
    empty_note: &'static str,
) -> View {
    let b = &doc.budget;
    let mut out: Vec<(Vec<String>, bool)> = b
        .function_rows(doc.header.year)
        .iter()
        .filter_map(|r| {
            let (t, basic, project) = figures(r)?;
            Some((
                vec![r.code.clone(), indent(r), amount(t), amount(basic), amount(project)],
                r.level == CodeLevel::Class,
            ))
        })
        .collect();
    let t = b.function_total();
    out.insert(0, (vec![String::new(), "合计".into(), amount(t.expense()), amount(t.basic), amount(t.project)], true));
    View {
        headers: vec!["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        text_columns: &[0, 1],
        rows: out,
        empty_note,
    }
}

/// Tables 5, 7, 8: the rows financed by one fiscal source, with that source's amount.
/// Where a line is financed by that source alone, its 基本/项目 split is shown too.
fn fund_table(doc: &Disclosure, source: fn(&Income) -> Decimal, empty_note: &'static str) -> View {
    let b = &doc.budget;
    let mut total = Decimal::ZERO;
    let mut out: Vec<(Vec<String>, bool)> = b
        .function_rows(doc.header.year)
        .iter()
        .filter(|r| !source(&r.income).is_zero())
        .map(|r| {
            let v = source(&r.income);
            if r.line.is_some() {
                total += v;
            }
            let (basic, project) =
                if v == r.expense() { (amount(r.basic), amount(r.project)) } else { (String::new(), String::new()) };
            (vec![r.code.clone(), indent(r), amount(v), basic, project], r.level == CodeLevel::Class)
        })
        .collect();
    out.insert(0, (vec![String::new(), "合计".into(), amount(total), String::new(), String::new()], true));
    View {
        headers: vec!["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        text_columns: &[0, 1],
        rows: out,
        empty_note,
    }
}
