//! 功能分类收支明细: the 项-level lines the budget system exports, with their income
//! sources. The 类/款 rows and all standard tables are computed from them.

use egui::Ui;

use crate::model::{Disclosure, FunctionLine, codes, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::grid::{FrozenGrid, GridColumn, GridRow};
use crate::ui::widgets as w;

use super::classified_lines::{self as lines_ui, CodeList};
use super::summary::{INCOME_FIELDS, income_field, income_value};

const S: Section = Section::FunctionLines;

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "功能分类收支明细",
        "按预算系统导出的“项”级科目（7位编码）逐行填写；类、款合计行和九张公开表自动生成。输入编码后名称自动填入。",
    );
    let year = doc.header.year;
    let unit = doc.header.unit;
    let lines = &mut doc.budget.function_lines;
    let name_of = |code: &str| codes::function_name(year, code);
    let all = || codes::function_codes(year);
    let list = CodeList {
        name: format!("{year}年支出功能分类编码表"),
        what: "功能分类",
        picker_id: "function",
        name_of: &name_of,
        all: &all,
    };

    let mut action = None;
    lines_ui::add_line_ui(ui, ctx, lines, unit);
    lines_ui::notes_ui(ui, ctx, S, lines.iter().map(|l| l.code.as_str()), &list);

    let total = {
        let mut t = FunctionLine::default();
        for l in lines.iter() {
            t.basic = t.basic.saturating_add(l.basic);
            t.project = t.project.saturating_add(l.project);
            t.income.add(&l.income);
        }
        t
    };
    let n = lines.len();
    let marks = w::row_marks(ctx, S, n);
    let scroll_to = lines_ui::scroll_target(ui, ctx, S, n);

    let mut columns = vec![
        GridColumn::new("序号", 40.0),
        GridColumn::new("科目编码", 170.0),
        GridColumn::new("科目名称", 200.0),
        GridColumn::new("基本支出", 100.0),
        GridColumn::new("项目支出", 100.0),
        GridColumn::new("支出合计", 100.0),
    ];
    columns.extend(INCOME_FIELDS.iter().map(|(_, label)| GridColumn::new(*label, 100.0)));
    columns.push(GridColumn::new("收入合计", 100.0));
    if !ctx.read_only {
        // Review mode has nothing to do with a row: no 操作 column.
        columns.push(GridColumn::new("操作", 150.0));
    }
    FrozenGrid::new("function-lines", columns)
        .highlight_row(w::focused_row(ctx, S))
        .frozen(3)
        .header_lines(2)
        .scroll_to_row(scroll_to)
        .show(ui, n + 1, |row| {
            let i = row.index();
            if i == n {
                total_row(row, &total);
                return;
            }
            let line = &mut lines[i];
            let r = i + 1;
            row.col(|ui| {
                w::row_number(ui, ctx, S, i, marks[i]);
            });
            row.col(|ui| {
                lines_ui::code_cell_ui(ui, ctx, S, i, &mut line.code, &mut line.name, 80.0, &list);
            });
            row.col(|ui| {
                lines_ui::name_cell_ui(ui, ctx, S, i, &mut line.name, &list);
            });
            row.col(|ui| {
                w::amount_cell(
                    ui,
                    ctx,
                    &mut line.basic,
                    unit,
                    &format!("功能分类第{r}行 基本支出"),
                    Location::cell(S, i, "basic"),
                );
            });
            row.col(|ui| {
                w::amount_cell(
                    ui,
                    ctx,
                    &mut line.project,
                    unit,
                    &format!("功能分类第{r}行 项目支出"),
                    Location::cell(S, i, "project"),
                );
            });
            row.col(|ui| {
                w::computed_cell(ui, line.expense());
            });
            for (key, label) in INCOME_FIELDS {
                row.col(|ui| {
                    let v = income_field(&mut line.income, key);
                    w::amount_cell(ui, ctx, v, unit, &format!("功能分类第{r}行 {label}"), Location::cell(S, i, key));
                });
            }
            row.col(|ui| {
                let sum = line.income.total();
                let resp = w::computed_cell(ui, sum);
                if sum != line.expense() {
                    resp.on_hover_text(format!(
                        "收入合计 {} 与支出合计 {} 不等",
                        format_amount(sum, false),
                        format_amount(line.expense(), false)
                    ));
                }
            });
            row.col(|ui| {
                if let Some(a) = w::row_buttons(ui, ctx, i, n, &format!("功能分类第{r}行")) {
                    action = Some(a);
                }
            });
        });
    w::apply_action(ctx, lines, action);
}

fn total_row(row: &mut GridRow, total: &FunctionLine) {
    lines_ui::total_label_cells(row);
    for v in [total.basic, total.project, total.expense()] {
        lines_ui::total_cell(row, v);
    }
    for (key, _) in INCOME_FIELDS {
        lines_ui::total_cell(row, income_value(&total.income, key));
    }
    lines_ui::total_cell(row, total.income.total());
    row.col(|_| {});
}
