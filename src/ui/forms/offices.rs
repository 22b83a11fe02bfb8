//! 第一部分 内设机构: internal offices with their head and duties.

use egui::Grid;

use crate::model::{Disclosure, Office};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Offices;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "内设机构", "有的部门列出内设科室及负责人、职责，不需要时留空。");
    w::section_findings_ui(ui, ctx, S);
    let list = &mut doc.offices;
    let len = list.len();
    let mut action = None;
    for (i, office) in list.iter_mut().enumerate() {
        let n = i + 1;
        ui.group(|ui| {
            Grid::new(("office", i)).num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
                ui.label("名称");
                ui.horizontal(|ui| {
                    w::text(
                        ui,
                        ctx,
                        &mut office.name,
                        &format!("内设机构第{n}个 名称"),
                        Location::cell(S, i, "name"),
                        240.0,
                    );
                    if let Some(a) = w::row_buttons(ui, ctx, i, len, &format!("内设机构第{n}个")) {
                        action = Some(a);
                    }
                });
                ui.end_row();
                ui.label("负责人");
                w::text(
                    ui,
                    ctx,
                    &mut office.head,
                    &format!("内设机构第{n}个 负责人"),
                    Location::cell(S, i, "head"),
                    160.0,
                );
                ui.end_row();
                ui.label("职责");
                w::text_multi(
                    ui,
                    ctx,
                    &mut office.duties,
                    &format!("内设机构第{n}个 职责"),
                    Location::cell(S, i, "duties"),
                    3,
                );
                ui.end_row();
            });
        });
    }
    w::apply_action(ctx, list, action);
    if w::add_button(ui, ctx, "新增内设机构") {
        list.push(Office::default());
        ctx.changed = true;
    }
}
