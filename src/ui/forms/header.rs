//! 封面信息: who publishes, for which year, in which unit and layout.

use egui::{DragValue, Grid, RichText};

use crate::model::{AmountUnit, Disclosure};
use crate::rules::{Location, Section};
use crate::template;
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Header;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "封面信息", "部门名称、预算年度和金额单位会出现在每张表和说明的标题中。");
    w::section_findings_ui(ui, ctx, S);
    let h = &mut doc.header;
    Grid::new("header-grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        w::field_label(ui, "部门名称");
        w::text(ui, ctx, &mut h.department, "部门名称", Location::field(S, "department"), 360.0);
        ui.end_row();

        w::field_label(ui, "部门编码");
        w::text(ui, ctx, &mut h.department_code, "部门编码", Location::field(S, "department_code"), 120.0);
        ui.end_row();

        w::field_label(ui, "预算年度");
        let loc = Location::field(S, "year");
        let mut year = h.year;
        let r = ui.add_enabled(!ctx.read_only, DragValue::new(&mut year).range(2000..=2100).speed(0.1));
        let r = w::decorate(ui, ctx, r.accessible_name("预算年度"), &loc);
        if r.changed() && year != h.year {
            h.year = year;
            ctx.changed = true;
        }
        ui.end_row();

        w::field_label(ui, "金额单位");
        ui.horizontal(|ui| {
            let before = h.unit;
            ui.add_enabled_ui(!ctx.read_only, |ui| {
                ui.radio_value(&mut h.unit, AmountUnit::Wan, "万元");
                ui.radio_value(&mut h.unit, AmountUnit::Yuan, "元");
            });
            if h.unit != before {
                ctx.changed = true;
            }
            ui.label(RichText::new("更改单位不会换算已填写的金额").weak());
        });
        ui.end_row();

        w::field_label(ui, "模板");
        let loc = Location::field(S, "template");
        let current = template::find(&h.template).map(|t| t.name.as_str()).unwrap_or(h.template.as_str()).to_owned();
        let mut chosen: Option<String> = None;
        let r = ui
            .add_enabled_ui(!ctx.read_only, |ui| {
                egui::ComboBox::from_id_salt("header-template")
                    .width(360.0)
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for t in template::all() {
                            if ui.selectable_label(t.id == h.template, &t.name).clicked() {
                                chosen = Some(t.id.clone());
                            }
                        }
                    })
                    .response
            })
            .inner;
        w::decorate(ui, ctx, r.accessible_name("模板"), &loc);
        if let Some(id) = chosen.filter(|id| *id != h.template) {
            h.template = id;
            ctx.changed = true;
        }
        ui.end_row();

        w::field_label(ui, "编制人");
        w::text(ui, ctx, &mut h.preparer, "编制人", Location::field(S, "preparer"), 200.0);
        ui.end_row();

        w::field_label(ui, "编制日期");
        w::text(ui, ctx, &mut h.prepared_on, "编制日期", Location::field(S, "prepared_on"), 200.0);
        ui.end_row();
    });
}
