//! 第七部分 国有资产信息: the fixed-asset inventory and this year's planned purchases.

use egui::{Grid, RichText};

use crate::model::{AssetCategory, Disclosure, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Assets;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "国有资产信息",
        "固定资产占用情况（截至上年末）和本年度拟购置固定资产。“其中”行已包含在上一行中，不计入总额。",
    );
    w::section_findings_ui(ui, ctx, S);
    let unit = doc.header.unit;
    let year = doc.last_year();
    let a = &mut doc.assets;
    Grid::new("assets-head").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        ui.label("截止时间");
        ui.horizontal(|ui| {
            w::text(ui, ctx, &mut a.as_of, "资产 截止时间", Location::field(S, "as_of"), 160.0);
            if a.as_of.trim().is_empty() && w::add_button(ui, ctx, &format!("填入 {year}年12月31日")) {
                a.as_of = format!("{year}年12月31日");
                ctx.changed = true;
            }
        });
        ui.end_row();
    });
    ui.add_space(6.0);
    let len = a.categories.len();
    let mut action = None;
    Grid::new("assets-grid").num_columns(6).striped(true).spacing([8.0, 6.0]).show(ui, |ui| {
        for h in ["资产类别", "数量单位", "数量", &format!("价值（{}）", unit.label()), "其中项", ""] {
            ui.strong(h);
        }
        ui.end_row();
        for (i, c) in a.categories.iter_mut().enumerate() {
            let n = i + 1;
            ui.horizontal(|ui| {
                if c.sub_item {
                    ui.label("其中：");
                }
                w::text(ui, ctx, &mut c.name, &format!("资产第{n}行 类别"), Location::cell(S, i, "name"), 200.0);
            });
            w::text(
                ui,
                ctx,
                &mut c.quantity_unit,
                &format!("资产第{n}行 数量单位"),
                Location::cell(S, i, "quantity_unit"),
                80.0,
            );
            w::number_opt(ui, ctx, &mut c.quantity, &format!("资产第{n}行 数量"), Location::cell(S, i, "quantity"));
            w::amount_opt(ui, ctx, &mut c.value, unit, &format!("资产第{n}行 价值"), Location::cell(S, i, "value"));
            let mut sub = c.sub_item;
            let r = ui.add_enabled(!ctx.read_only, egui::Checkbox::new(&mut sub, "其中项"));
            let r = w::decorate(
                ui,
                ctx,
                r.accessible_name(format!("资产第{n}行 其中项")),
                &Location::cell(S, i, "sub_item"),
            );
            if r.changed() && sub != c.sub_item {
                c.sub_item = sub;
                ctx.changed = true;
            }
            ui.horizontal(|ui| {
                if let Some(act) = w::row_buttons(ui, ctx, i, len, &format!("资产第{n}行")) {
                    action = Some(act);
                }
            });
            ui.end_row();
        }
        ui.strong("固定资产总额");
        ui.label("");
        ui.label("");
        let total = ui.label(RichText::new(format_amount(a.total_value(), false)).strong().color(w::COMPUTED_COLOR));
        w::decorate(ui, ctx, total, &Location::field(S, "total"));
        ui.end_row();
    });
    w::apply_action(ctx, &mut a.categories, action);
    ui.horizontal(|ui| {
        if w::add_button(ui, ctx, "新增资产类别") {
            a.categories.push(AssetCategory::default());
            ctx.changed = true;
        }
        if a.categories.is_empty() && w::add_button(ui, ctx, "按常用类别填入") {
            for (name, q, sub) in [
                ("房屋", "平方米", false),
                ("车辆", "辆", false),
                ("单价在50万元以上的设备", "台、套", false),
                ("其他固定资产", "", false),
                ("其中：单价在20万元以上的设备", "台、套", true),
            ] {
                let name = name.strip_prefix("其中：").unwrap_or(name);
                a.categories.push(AssetCategory {
                    name: name.to_owned(),
                    quantity_unit: q.to_owned(),
                    sub_item: sub,
                    ..AssetCategory::default()
                });
            }
            ctx.changed = true;
        }
    });

    ui.add_space(10.0);
    Grid::new("assets-planned").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        ui.label(format!("本年度拟购置固定资产（{}）", unit.label()));
        w::amount(
            ui,
            ctx,
            &mut a.planned_purchase,
            unit,
            "本年度拟购置固定资产金额",
            Location::field(S, "planned_purchase"),
        );
        ui.end_row();
        ui.label("购置说明");
        w::text_multi(ui, ctx, &mut a.planned_note, "拟购置固定资产 说明", Location::field(S, "planned_note"), 2);
        ui.end_row();
    });
}
