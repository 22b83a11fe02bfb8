//! 功能分类收支明细: the 项-level lines the budget system exports, with their income
//! sources. The 类/款 rows and all standard tables are computed from them.

use egui::Ui;

use crate::model::{Disclosure, FunctionLine, codes, format_amount};
use crate::rules::Section;
use crate::ui::FormCtx;
use crate::ui::grid::{FrozenGrid, GridColumn, GridRow};
use crate::ui::widgets as w;

use super::classified_lines::{LineGrid, total_cell, total_label_cells};
use super::summary::INCOME_FIELDS;

const S: Section = Section::FunctionLines;

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "功能分类收支明细",
        "按预算系统导出的“项”级科目（7位编码）逐行填写；类、款合计行和九张公开表自动生成。输入编码后名称自动填入。",
    );
    let year = doc.header.year;
    let name_of = |code: &str| codes::function_name(year, code);
    let all = || codes::function_codes(year);
    let grid = LineGrid {
        section: S,
        what: "功能分类",
        list_name: format!("{year}年支出功能分类编码表"),
        picker_id: "function",
        name_of: &name_of,
        all: &all,
        code_width: 80.0,
        unit: doc.header.unit,
    };
    let lines = &mut doc.budget.function_lines;

    let mut action = None;
    grid.add_line_ui(ui, ctx, lines);
    grid.notes_ui(ui, ctx, lines.iter().map(|l| l.code.as_str()));

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
    let scroll_to = grid.scroll_target(ui, ctx, n);

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
            grid.lead_cells(row, ctx, i, marks[i], &mut line.code, &mut line.name);
            grid.amount_cell(row, ctx, i, &mut line.basic, "基本支出", "basic");
            grid.amount_cell(row, ctx, i, &mut line.project, "项目支出", "project");
            row.col(|ui| {
                w::computed_cell(ui, line.expense());
            });
            for (key, label) in INCOME_FIELDS {
                grid.amount_cell(row, ctx, i, line.income.source_mut(key), label, key);
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
            if let Some(a) = grid.buttons_cell(row, ctx, i, n) {
                action = Some(a);
            }
        });
    w::apply_action(ctx, lines, action);
}

fn total_row(row: &mut GridRow, total: &FunctionLine) {
    total_label_cells(row);
    for v in [total.basic, total.project, total.expense()] {
        total_cell(row, v);
    }
    for (key, _) in INCOME_FIELDS {
        total_cell(row, total.income.source(key));
    }
    total_cell(row, total.income.total());
    row.col(|_| {});
}
