//! 经济分类基本支出明细: the 款-level lines of the 一般公共预算 basic budget (table 6),
//! split into 人员经费 and 公用经费.

use egui::{Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::model::{Disclosure, EconomicLine, codes, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::EconomicLines;
const ROW_HEIGHT: f32 = 26.0;

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "经济分类基本支出明细",
        "按“款”级科目（5位编码，如 30101 基本工资）填写人员经费和公用经费；类合计行自动生成。",
    );
    w::section_findings_ui(ui, ctx, S);
    let unit = doc.header.unit;
    let lines = &mut doc.budget.economic_lines;
    ui.horizontal(|ui| {
        if w::add_button(ui, ctx, "新增科目行") {
            lines.push(EconomicLine::default());
            ctx.changed = true;
        }
        ui.label(RichText::new(format!("共 {} 行，金额单位：{}", lines.len(), unit.label())).weak());
    });
    let unknown: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.code.trim()))
        .filter(|(_, c)| !c.is_empty() && codes::economic_name(c).is_none())
        .collect();
    w::unknown_codes_ui(ui, &unknown, "部门经济分类编码表");
    w::pending_inputs_ui(ui, ctx, S);

    let total = EconomicLine {
        personnel: crate::model::saturating_sum(lines.iter().map(|l| l.personnel)),
        public: crate::model::saturating_sum(lines.iter().map(|l| l.public)),
        ..EconomicLine::default()
    };
    let n = lines.len();
    let marks = w::row_marks(ctx, S, n);
    let mut scroll_to = None;
    if let Some(focus) = ctx.focus.filter(|f| f.section == S)
        && let Some(row) = focus.row
        && w::scroll_pending(ui, focus)
    {
        scroll_to = Some(row.min(n.saturating_sub(1)));
        if focus.field.is_none() {
            w::take_scroll_request(ui, focus);
        }
    }
    let mut action = None;
    let mut table = TableBuilder::new(ui)
        .id_salt("economic-lines")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::exact(36.0))
        .column(Column::exact(160.0))
        .column(Column::initial(220.0).resizable(true).clip(true))
        .columns(Column::exact(110.0), 3)
        .column(Column::exact(130.0))
        .auto_shrink([false, false])
        .min_scrolled_height(200.0);
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, Some(Align::Center));
    }
    table
        .header(22.0, |mut h| {
            for title in ["序号", "科目编码", "科目名称", "人员经费", "公用经费", "合计", "操作"]
            {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, n + 1, |mut row| {
                let i = row.index();
                if i == n {
                    row.col(|_| {});
                    row.col(|ui| {
                        ui.strong("合计");
                    });
                    row.col(|_| {});
                    for v in [total.personnel, total.public, total.total()] {
                        row.col(|ui| {
                            ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
                                ui.label(RichText::new(format_amount(v, false)).strong().color(w::COMPUTED_COLOR));
                            });
                        });
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
                    let known = line.code.trim().is_empty() || codes::economic_name(&line.code).is_some();
                    let before = line.code.clone();
                    let resp = ui
                        .scope(|ui| {
                            ui.set_width(66.0);
                            w::text_cell(
                                ui,
                                ctx,
                                &mut line.code,
                                &format!("经济分类第{r}行 科目编码"),
                                Location::cell(S, i, "code"),
                            )
                        })
                        .inner;
                    if !known {
                        w::unknown_code_mark(ui, &resp, "部门经济分类编码表中没有这个编码");
                    }
                    if line.code != before
                        && line.name.trim().is_empty()
                        && let Some(name) = codes::economic_name(&line.code)
                    {
                        line.name = name.to_owned();
                    }
                    if let Some((code, name)) =
                        w::code_picker(ui, ctx, ("economic", i), &format!("经济分类第{r}行"), codes::economic_codes)
                    {
                        line.code = code.to_owned();
                        line.name = name.to_owned();
                        ctx.changed = true;
                    }
                });
                row.col(|ui| {
                    w::text_cell(
                        ui,
                        ctx,
                        &mut line.name,
                        &format!("经济分类第{r}行 科目名称"),
                        Location::cell(S, i, "name"),
                    );
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
        });
    w::apply_action(ctx, lines, action);
}
