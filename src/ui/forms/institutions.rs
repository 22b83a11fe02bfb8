//! 第一部分 机构设置: the table of the department's units (序号 is the position).

use egui::Grid;

use crate::model::{Disclosure, Institution};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Institutions;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "机构设置",
        "单位性质填“行政”或“事业”（参照公务员法管理的填“参公事业”）；行政单位的机关运行经费应等于公用经费。",
    );
    w::section_findings_ui(ui, ctx, S);
    let list = &mut doc.institutions;
    let len = list.len();
    let mut action = None;
    Grid::new("institutions-grid").num_columns(6).striped(true).spacing([8.0, 6.0]).show(ui, |ui| {
        for h in ["序号", "单位名称", "单位性质", "单位规格", "经费保障形式", ""] {
            ui.strong(h);
        }
        ui.end_row();
        for (i, row) in list.iter_mut().enumerate() {
            let n = i + 1;
            ui.label(n.to_string());
            w::text(ui, ctx, &mut row.name, &format!("机构第{n}行 单位名称"), Location::cell(S, i, "name"), 300.0);
            w::text(ui, ctx, &mut row.nature, &format!("机构第{n}行 单位性质"), Location::cell(S, i, "nature"), 90.0);
            w::text(ui, ctx, &mut row.rank, &format!("机构第{n}行 单位规格"), Location::cell(S, i, "rank"), 90.0);
            w::text(
                ui,
                ctx,
                &mut row.funding,
                &format!("机构第{n}行 经费保障形式"),
                Location::cell(S, i, "funding"),
                120.0,
            );
            ui.horizontal(|ui| {
                if let Some(a) = w::row_buttons(ui, ctx, i, len, &format!("机构第{n}行")) {
                    action = Some(a);
                }
            });
            ui.end_row();
        }
    });
    w::apply_action(ctx, list, action);
    if w::add_button(ui, ctx, "新增单位") {
        list.push(Institution { nature: "行政".into(), funding: "财政拨款".into(), ..Institution::default() });
        ctx.changed = true;
    }
}
