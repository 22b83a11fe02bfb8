//! 封面信息: who publishes, for which year, in which unit and layout.

use egui::{DragValue, Grid, RichText};

use rust_decimal::Decimal;

use crate::model::{AmountUnit, Disclosure, Income, ThreePublicKind};
use crate::rules::{Location, Section};
use crate::template;
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Header;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "封面信息", "部门名称、预算年度和金额单位会出现在每张表和说明的标题中。");
    w::section_findings_ui(ui, ctx, S);
    let mut convert_to: Option<AmountUnit> = None;
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
            let other = match h.unit {
                AmountUnit::Wan => AmountUnit::Yuan,
                AmountUnit::Yuan => AmountUnit::Wan,
            };
            let r = ui.add_enabled(!ctx.read_only, egui::Button::new(format!("全部金额换算为{}", other.label())));
            if r.on_hover_text("把已填写的每个金额按新单位换算（1 万元 = 10000 元），并改用新单位").clicked()
            {
                convert_to = Some(other);
            }
            ui.label(RichText::new("只点选单位不会换算已填写的金额").weak());
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
    if let Some(unit) = convert_to {
        convert_amounts(doc, unit);
        ctx.edits.texts.clear();
        ctx.changed = true;
    }
    super::layout::ui(ui, doc, ctx);
}

/// Re-expresses every amount of the draft in `unit` and makes it the draft's unit.
/// Quantities and percentages are not amounts and stay as they are.
fn convert_amounts(doc: &mut Disclosure, unit: AmountUnit) {
    let factor = match (doc.header.unit, unit) {
        (AmountUnit::Wan, AmountUnit::Yuan) => Decimal::from(10_000),
        (AmountUnit::Yuan, AmountUnit::Wan) => Decimal::new(1, 4),
        _ => return,
    };
    doc.header.unit = unit;
    let scale = |v: &mut Decimal| *v = v.saturating_mul(factor).normalize();
    let scale_opt = |v: &mut Option<Decimal>| {
        if let Some(v) = v {
            *v = v.saturating_mul(factor).normalize();
        }
    };
    let scale_income = |i: &mut Income| {
        for v in [
            &mut i.general_budget,
            &mut i.gov_fund,
            &mut i.state_capital,
            &mut i.fiscal_special,
            &mut i.business,
            &mut i.operating,
            &mut i.superior,
            &mut i.affiliated,
            &mut i.other,
            &mut i.carryover,
        ] {
            scale(v);
        }
    };
    for l in &mut doc.budget.function_lines {
        scale(&mut l.basic);
        scale(&mut l.project);
        scale_income(&mut l.income);
    }
    for l in &mut doc.budget.economic_lines {
        scale(&mut l.personnel);
        scale(&mut l.public);
    }
    let s = &mut doc.summary;
    scale_income(&mut s.income);
    for v in [&mut s.personnel, &mut s.public, &mut s.project] {
        scale(v);
    }
    scale_opt(&mut s.last_basic);
    scale_opt(&mut s.last_project);
    scale_opt(&mut doc.running_costs.total);
    for item in &mut doc.running_costs.items {
        scale(&mut item.amount);
    }
    for kind in ThreePublicKind::ALL {
        let item = doc.three_public.item_mut(kind);
        scale(&mut item.last_year);
        scale(&mut item.this_year);
    }
    for p in &mut doc.performance.projects {
        scale_opt(&mut p.fiscal);
        scale_opt(&mut p.other);
    }
    for r in &mut doc.procurement.rows {
        scale_opt(&mut r.project_budget);
        scale_opt(&mut r.unit_price);
        let f = &mut r.funds;
        for v in [
            &mut f.general_budget,
            &mut f.gov_fund,
            &mut f.state_capital,
            &mut f.fiscal_special,
            &mut f.unit_funds,
            &mut f.carryover,
        ] {
            scale(v);
        }
    }
    for c in &mut doc.assets.categories {
        scale_opt(&mut c.value);
    }
    scale(&mut doc.assets.planned_purchase);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{self, Seed};

    #[test]
    fn converting_there_and_back_changes_nothing() {
        let doc = samples::load(Seed::S000);
        let mut converted = doc.clone();
        convert_amounts(&mut converted, AmountUnit::Yuan);
        assert_eq!(converted.header.unit, AmountUnit::Yuan);
        assert_eq!(converted.three_public.car_running.this_year, Decimal::from(60_000));
        assert_eq!(converted.figures().expense_total(), doc.figures().expense_total() * Decimal::from(10_000));
        convert_amounts(&mut converted, AmountUnit::Wan);
        assert_eq!(converted.figures(), doc.figures());
        assert_eq!(converted, doc);
    }
}
