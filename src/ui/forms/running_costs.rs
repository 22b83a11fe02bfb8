//! 第三部分 机关运行经费: the stated total and its items.

use egui::{Grid, RichText};

use crate::model::{Disclosure, NamedAmount, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::RunningCosts;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "机关运行经费",
        "填写预算系统给出的合计及明细（办公费、邮电费……）；合计留空时按明细之和公开。行政单位的机关运行经费应等于公用经费。",
    );
    w::section_findings_ui(ui, ctx, S);
    let unit = doc.header.unit;
    let public = doc.figures().public;
    let rc = &mut doc.running_costs;

    Grid::new("running-total").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        ui.label(format!("机关运行经费合计（{}）", unit.label()));
        w::amount_opt(ui, ctx, &mut rc.total, unit, "机关运行经费合计", Location::field(S, "total"));
        ui.end_row();
        ui.label("明细之和");
        ui.horizontal(|ui| {
            w::computed(ui, rc.items_sum());
            if let Some(total) = rc.total
                && !rc.items.is_empty()
                && total != rc.items_sum()
            {
                ui.label(
                    RichText::new(format!("与合计相差 {}", w::change_text(rc.items_sum().saturating_sub(total))))
                        .color(w::WARNING_COLOR),
                );
            }
        });
        ui.end_row();
        ui.label("公开的合计");
        w::computed(ui, rc.effective_total());
        ui.end_row();
        ui.label("公用经费（对照）");
        w::computed(ui, public);
        ui.end_row();
    });

    ui.add_space(8.0);
    ui.strong("明细");
    let len = rc.items.len();
    let mut action = None;
    Grid::new("running-items").num_columns(3).striped(true).spacing([8.0, 6.0]).show(ui, |ui| {
        ui.strong("项目");
        ui.strong(format!("金额（{}）", unit.label()));
        ui.label("");
        ui.end_row();
        for (i, item) in rc.items.iter_mut().enumerate() {
            let n = i + 1;
            w::text(ui, ctx, &mut item.name, &format!("机关运行经费明细{n} 项目"), Location::cell(S, i, "name"), 220.0);
            w::amount(
                ui,
                ctx,
                &mut item.amount,
                unit,
                &format!("机关运行经费明细{n} 金额"),
                Location::cell(S, i, "amount"),
            );
            ui.horizontal(|ui| {
                if let Some(a) = w::row_buttons(ui, ctx, i, len, &format!("机关运行经费明细{n}")) {
                    action = Some(a);
                }
            });
            ui.end_row();
        }
        if !rc.items.is_empty() {
            ui.strong("合计");
            ui.label(RichText::new(format_amount(rc.items_sum(), false)).strong().color(w::COMPUTED_COLOR));
            ui.end_row();
        }
    });
    w::apply_action(ctx, &mut rc.items, action);
    ui.horizontal(|ui| {
        if w::add_button(ui, ctx, "新增明细") {
            rc.items.push(NamedAmount::default());
            ctx.changed = true;
        }
        if rc.items.is_empty() && w::add_button(ui, ctx, "按常用项目填入明细") {
            for name in ["办公费", "邮电费", "差旅费", "工会经费", "福利费", "公务用车运行维护费", "其他交通费用"]
            {
                rc.items.push(NamedAmount { name: name.to_owned(), ..NamedAmount::default() });
            }
            ctx.changed = true;
        }
    });

    ui.add_space(8.0);
    ui.label("用途说明（可留空）");
    w::text_multi(ui, ctx, &mut rc.note, "机关运行经费 用途说明", Location::field(S, "note"), 3);
}
