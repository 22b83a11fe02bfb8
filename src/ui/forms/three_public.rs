//! 第四部分 财政拨款“三公”经费: four items, last year and this year, with reasons; the
//! changes and the 合计 row are computed.

use egui::{Grid, RichText};

use crate::model::{Disclosure, ThreePublicKind, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::ThreePublic;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, S.label(), "填写四项经费的上年预算和本年预算；增减和合计自动计算。");
    w::section_findings_ui(ui, ctx, S);
    let unit = doc.header.unit;
    let tp = &mut doc.three_public;
    Grid::new("three-public-grid").num_columns(5).striped(true).spacing([10.0, 6.0]).show(ui, |ui| {
        ui.strong("项目");
        ui.strong(format!("上年预算（{}）", unit.label()));
        ui.strong(format!("本年预算（{}）", unit.label()));
        ui.strong("增减");
        ui.strong("增减原因");
        ui.end_row();
        for (row, kind) in ThreePublicKind::ALL.into_iter().enumerate() {
            let name = kind.label();
            ui.label(name);
            let item = tp.item_mut(kind);
            w::amount(
                ui,
                ctx,
                &mut item.last_year,
                unit,
                &format!("三公 {name} 上年预算"),
                Location::cell(S, row, "last_year"),
            );
            w::amount(
                ui,
                ctx,
                &mut item.this_year,
                unit,
                &format!("三公 {name} 本年预算"),
                Location::cell(S, row, "this_year"),
            );
            w::change_cell(ui, item.change());
            w::text(
                ui,
                ctx,
                &mut item.reason,
                &format!("三公 {name} 增减原因"),
                Location::cell(S, row, "reason"),
                320.0,
            );
            ui.end_row();
        }
        ui.strong("合计");
        let last =
            ui.label(RichText::new(format_amount(tp.total_last_year(), false)).strong().color(w::COMPUTED_COLOR));
        w::decorate(ui, ctx, last, &Location::field(S, "last_year"));
        let this = ui
            .label(RichText::new(format_amount(tp.total_this_year(), false)).strong().color(w::COMPUTED_COLOR))
            .on_hover_text("三公经费合计 = 因公出国（境）费 + 公务用车购置费 + 公务用车运行维护费 + 公务接待费");
        w::decorate(ui, ctx, this, &Location::field(S, "this_year"));
        w::change_cell(ui, tp.total_this_year().saturating_sub(tp.total_last_year()));
        ui.label("");
        ui.end_row();
    });
    ui.add_space(6.0);
    ui.label(format!(
        "其中公务用车购置及运行维护费：上年 {}，本年 {}",
        format_amount(tp.car_total_last_year(), false),
        format_amount(tp.car_total_this_year(), false)
    ));
    ui.add_space(8.0);
    ui.label("总体增减原因");
    w::text_multi(ui, ctx, &mut tp.reason, "三公 总体增减原因", Location::field(S, "reason"), 3);
}
