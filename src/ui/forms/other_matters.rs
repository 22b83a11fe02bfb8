//! 第九部分 其他需说明的事项.

use crate::model::Disclosure;
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::OtherMatters;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "其他需说明的事项", "没有需要说明的事项时，通常写“我部门无其他需说明的事项。”");
    w::section_findings_ui(ui, ctx, S);
    w::text_multi(ui, ctx, &mut doc.other_matters, "其他需说明的事项", Location::field(S, "text"), 8);
    if doc.other_matters.trim().is_empty() && w::add_button(ui, ctx, "填入“我部门无其他需说明的事项。”")
    {
        doc.other_matters = "我部门无其他需说明的事项。".to_owned();
        ctx.changed = true;
    }
}
