//! 第五部分 工作保障措施: one paragraph each.

use crate::model::Disclosure;
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Measures;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "工作保障措施", "每条措施一段，导出时自动编号。");
    w::section_findings_ui(ui, ctx, S);
    let list = &mut doc.performance.measures;
    let len = list.len();
    let mut action = None;
    for (i, item) in list.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("措施 {}", i + 1));
            if let Some(a) = w::row_buttons(ui, ctx, i, len, &format!("措施第{}项", i + 1)) {
                action = Some(a);
            }
        });
        w::text_multi(ui, ctx, item, &format!("工作保障措施第{}项", i + 1), Location::cell(S, i, "item"), 2);
    }
    w::apply_action(ctx, list, action);
    if w::add_button(ui, ctx, "新增措施") {
        list.push(String::new());
        ctx.changed = true;
    }
}
