//! 经济分类基本支出明细: the 款-level lines of the 一般公共预算 basic budget (table 6),
//! split into 人员经费 and 公用经费.

use egui::Ui;

use crate::model::{Disclosure, EconomicLine, codes};
use crate::rules::Section;
use crate::ui::FormCtx;
use crate::ui::grid::{FrozenGrid, GridColumn};
use crate::ui::widgets as w;

use super::classified_lines::{LineGrid, total_cell, total_label_cells};

const S: Section = Section::EconomicLines;

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "经济分类基本支出明细",
        "按“款”级科目（5位编码，如 30101 基本工资）填写人员经费和公用经费；类合计行自动生成。",
    );
    let grid = LineGrid {
        section: S,
        what: "经济分类",
        list_name: "部门经济分类编码表".into(),
        picker_id: "economic",
        name_of: &codes::economic_name,
        all: &codes::economic_codes,
        code_width: 66.0,
        unit: doc.header.unit,
    };
    let lines = &mut doc.budget.economic_lines;
    grid.add_line_ui(ui, ctx, lines);
    grid.notes_ui(ui, ctx, lines.iter().map(|l| l.code.as_str()));

    let total = EconomicLine {
        personnel: crate::model::saturating_sum(lines.iter().map(|l| l.personnel)),
        public: crate::model::saturating_sum(lines.iter().map(|l| l.public)),
        ..EconomicLine::default()
    };
    let n = lines.len();
    let marks = w::row_marks(ctx, S, n);
    let scroll_to = grid.scroll_target(ui, ctx, n);
    let mut action = None;
    let columns = [
        ("序号", 40.0),
        ("科目编码", 160.0),
        ("科目名称", 220.0),
        ("人员经费", 110.0),
        ("公用经费", 110.0),
        ("合计", 110.0),
        ("操作", 150.0),
    ]
    .into_iter()
    // Review mode has nothing to do with a row: no 操作 column.
    .filter(|(t, _)| !(ctx.read_only && *t == "操作"))
    .map(|(t, w)| GridColumn::new(t, w))
    .collect();
    FrozenGrid::new("economic-lines", columns)
        .highlight_row(w::focused_row(ctx, S))
        .frozen(3)
        .scroll_to_row(scroll_to)
        .show(ui, n + 1, |row| {
            let i = row.index();
            if i == n {
                total_label_cells(row);
                for v in [total.personnel, total.public, total.total()] {
                    total_cell(row, v);
                }
                row.col(|_| {});
                return;
            }
            let line = &mut lines[i];
            grid.lead_cells(row, ctx, i, marks[i], &mut line.code, &mut line.name);
            grid.amount_cell(row, ctx, i, &mut line.personnel, "人员经费", "personnel");
            grid.amount_cell(row, ctx, i, &mut line.public, "公用经费", "public");
            row.col(|ui| {
                w::computed_cell(ui, line.total());
            });
            if let Some(a) = grid.buttons_cell(row, ctx, i, n) {
                action = Some(a);
            }
        });
    w::apply_action(ctx, lines, action);
}
