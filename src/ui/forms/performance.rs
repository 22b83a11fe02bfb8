//! 第五部分 部门整体绩效目标 (总体目标) and 部门主管专项资金.

use crate::model::Disclosure;
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Performance;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "部门整体绩效目标", "分项目标、保障措施和项目绩效目标表各有单独的页面。");
    w::section_findings_ui(ui, ctx, S);
    ui.label("总体绩效目标");
    w::text_multi(ui, ctx, &mut doc.performance.overall_goal, "总体绩效目标", Location::field(S, "overall_goal"), 6);
    ui.add_space(8.0);
    ui.label("部门主管专项资金（2024 版说明；没有时写“无”）");
    w::text_multi(
        ui,
        ctx,
        &mut doc.performance.special_funds,
        "部门主管专项资金",
        Location::field(S, "special_funds"),
        3,
    );
}
