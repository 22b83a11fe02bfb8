//! 第五部分 分项绩效目标: each with its 绩效目标 and 绩效指标 text.

use egui::Grid;

use crate::model::{Disclosure, SubGoal};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::SubGoals;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "分项绩效目标", "部门整体绩效目标下的分项目标。");
    w::section_findings_ui(ui, ctx, S);
    let list = &mut doc.performance.sub_goals;
    let len = list.len();
    let mut action = None;
    for (i, goal) in list.iter_mut().enumerate() {
        let n = i + 1;
        ui.group(|ui| {
            Grid::new(("sub-goal", i)).num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
                ui.label("标题");
                ui.horizontal(|ui| {
                    w::text(
                        ui,
                        ctx,
                        &mut goal.title,
                        &format!("分项目标{n} 标题"),
                        Location::cell(S, i, "title"),
                        320.0,
                    );
                    if let Some(a) = w::row_buttons(ui, ctx, i, len, &format!("分项目标{n}")) {
                        action = Some(a);
                    }
                });
                ui.end_row();
                ui.label("绩效目标");
                w::text_multi(
                    ui,
                    ctx,
                    &mut goal.goal,
                    &format!("分项目标{n} 绩效目标"),
                    Location::cell(S, i, "goal"),
                    3,
                );
                ui.end_row();
                ui.label("绩效指标");
                w::text_multi(
                    ui,
                    ctx,
                    &mut goal.indicators,
                    &format!("分项目标{n} 绩效指标"),
                    Location::cell(S, i, "indicators"),
                    3,
                );
                ui.end_row();
            });
        });
    }
    w::apply_action(ctx, list, action);
    if w::add_button(ui, ctx, "新增分项目标") {
        list.push(SubGoal::default());
        ctx.changed = true;
    }
}
