//! 功能分类收支明细: the 项-level lines the budget system exports, with their income
//! sources. The 类/款 rows and all standard tables are computed from them.

use egui::{Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::model::{Disclosure, FunctionLine, codes, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

use super::summary::{INCOME_FIELDS, income_field, income_value};

const S: Section = Section::FunctionLines;
const ROW_HEIGHT: f32 = 26.0;

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "功能分类收支明细",
        "按预算系统导出的“项”级科目（7位编码）逐行填写；类、款合计行和九张公开表自动生成。输入编码后名称自动填入。",
    );
    w::section_findings_ui(ui, ctx, S);
    let year = doc.header.year;
    let unit = doc.header.unit;
    let lines = &mut doc.budget.function_lines;

    let mut action = None;
    ui.horizontal(|ui| {
        if w::add_button(ui, ctx, "新增科目行") {
            lines.push(FunctionLine::default());
            ctx.changed = true;
        }
        ui.label(RichText::new(format!("共 {} 行，金额单位：{}", lines.len(), unit.label())).weak());
    });
    let unknown: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.code.trim()))
        .filter(|(_, c)| !c.is_empty() && codes::function_name(year, c).is_none())
        .collect();
    w::unknown_codes_ui(ui, &unknown, &format!("{year}年支出功能分类编码表"));
    w::pending_inputs_ui(ui, ctx, S);

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

    egui::ScrollArea::horizontal().id_salt("function-lines-h").show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("function-lines")
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .column(Column::exact(36.0))
            .column(Column::exact(170.0))
            .column(Column::initial(200.0).resizable(true).clip(true))
            .columns(Column::exact(96.0), 3)
            .columns(Column::exact(96.0), INCOME_FIELDS.len() + 1)
            .column(Column::exact(130.0))
            .auto_shrink([false, false])
            .min_scrolled_height(200.0);
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, Some(Align::Center));
        }
        table
            .header(22.0, |mut h| {
                for title in ["序号", "科目编码", "科目名称", "基本支出", "项目支出", "支出合计"]
                {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
                for (_, label) in INCOME_FIELDS {
                    h.col(|ui| {
                        ui.strong(label).on_hover_text(label);
                    });
                }
                h.col(|ui| {
                    ui.strong("收入合计");
                });
                h.col(|ui| {
                    ui.strong("操作");
                });
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, n + 1, |mut row| {
                    let i = row.index();
                    if i == n {
                        total_row(&mut row, &total);
                        return;
                    }
                    let line = &mut lines[i];
                    let r = i + 1;
                    row.col(|ui| {
                        w::row_number(ui, ctx, S, i, marks[i]);
                    });
                    row.col(|ui| {
                        let loc = Location::cell(S, i, "code");
                        let known = line.code.trim().is_empty() || codes::function_name(year, &line.code).is_some();
                        let before = line.code.clone();
                        let resp = ui
                            .scope(|ui| {
                                ui.set_width(80.0);
                                w::text_cell(ui, ctx, &mut line.code, &format!("功能分类第{r}行 科目编码"), loc)
                            })
                            .inner;
                        if !known {
                            w::unknown_code_mark(ui, &resp, &format!("{year}年支出功能分类编码表中没有这个编码"));
                        }
                        if line.code != before
                            && line.name.trim().is_empty()
                            && let Some(name) = codes::function_name(year, &line.code)
                        {
                            line.name = name.to_owned();
                        }
                        if let Some((code, name)) =
                            w::code_picker(ui, ctx, ("function", i), &format!("功能分类第{r}行"), || {
                                codes::function_codes(year)
                            })
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
                            &format!("功能分类第{r}行 科目名称"),
                            Location::cell(S, i, "name"),
                        );
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
                            w::amount_cell(
                                ui,
                                ctx,
                                v,
                                unit,
                                &format!("功能分类第{r}行 {label}"),
                                Location::cell(S, i, key),
                            );
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
            });
    });
    w::apply_action(ctx, lines, action);
}

fn total_row(row: &mut egui_extras::TableRow<'_, '_>, total: &FunctionLine) {
    row.col(|_| {});
    row.col(|ui| {
        ui.strong("合计");
    });
    row.col(|_| {});
    for v in [total.basic, total.project, total.expense()] {
        row.col(|ui| {
            strong_computed(ui, v);
        });
    }
    for (key, _) in INCOME_FIELDS {
        row.col(|ui| {
            strong_computed(ui, income_value(&total.income, key));
        });
    }
    row.col(|ui| {
        strong_computed(ui, total.income.total());
    });
    row.col(|_| {});
}

fn strong_computed(ui: &mut Ui, v: rust_decimal::Decimal) {
    ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
        ui.label(RichText::new(format_amount(v, false)).strong().color(w::COMPUTED_COLOR));
    });
}
