//! 经济分类基本支出明细: the 款-level lines of the 一般公共预算 basic budget (table 6),
//! split into 人员经费 and 公用经费.

use egui::Ui;

use crate::model::{Disclosure, EconomicLine, codes};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::grid::{FrozenGrid, GridColumn};
use crate::ui::widgets as w;

use super::classified_lines::{self as lines_ui, CodeList};

const S: Section = Section::EconomicLines;

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "经济分类基本支出明细",
        "按“款”级科目（5位编码，如 30101 基本工资）填写人员经费和公用经费；类合计行自动生成。",
    );
    let unit = doc.header.unit;
    let lines = &mut doc.budget.economic_lines;
    let list = CodeList {
        name: "部门经济分类编码表".into(),
        what: "经济分类",
        picker_id: "economic",
        name_of: &codes::economic_name,
        all: &codes::economic_codes,
    };
    lines_ui::add_line_ui(ui, ctx, lines, unit);
    lines_ui::notes_ui(ui, ctx, S, lines.iter().map(|l| l.code.as_str()), &list);

    let total = EconomicLine {
        personnel: crate::model::saturating_sum(lines.iter().map(|l| l.personnel)),
        public: crate::model::saturating_sum(lines.iter().map(|l| l.public)),
        ..EconomicLine::default()
    };
    let n = lines.len();
    let marks = w::row_marks(ctx, S, n);
    let scroll_to = lines_ui::scroll_target(ui, ctx, S, n);
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
                lines_ui::total_label_cells(row);
                for v in [total.personnel, total.public, total.total()] {
                    lines_ui::total_cell(row, v);
                }
                row.col(|_| {});
                return;
            }
            let line = &mut lines[i];
            let r = i + 1;
            row.col(|ui| {
                w::row_number(ui, ctx, S, i, marks[i]);
            });
            row.col(|ui| {
                lines_ui::code_cell_ui(ui, ctx, S, i, &mut line.code, &mut line.name, 66.0, &list);
            });
            row.col(|ui| {
                lines_ui::name_cell_ui(ui, ctx, S, i, &mut line.name, &list);
            });
            row.col(|ui| {
                w::amount_cell(
                    ui,
                    ctx,
                    &mut line.personnel,
                    unit,
                    &format!("经济分类第{r}行 人员经费"),
                    Location::cell(S, i, "personnel"),
                );
            });
            row.col(|ui| {
                w::amount_cell(
                    ui,
                    ctx,
                    &mut line.public,
                    unit,
                    &format!("经济分类第{r}行 公用经费"),
                    Location::cell(S, i, "public"),
                );
            });
            row.col(|ui| {
                w::computed_cell(ui, line.total());
            });
            row.col(|ui| {
                if let Some(a) = w::row_buttons(ui, ctx, i, n, &format!("经济分类第{r}行")) {
                    action = Some(a);
                }
            });
        });
    w::apply_action(ctx, lines, action);
}
