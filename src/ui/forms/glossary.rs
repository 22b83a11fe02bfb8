//! 第八部分 名词解释, with a reset to the template's standard wording.

use egui::Grid;

use crate::model::{Disclosure, GlossaryEntry};
use crate::rules::{Location, Section};
use crate::template;
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Glossary;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "名词解释", "通常沿用模板的标准解释，可按本部门情况修改。");
    w::section_findings_ui(ui, ctx, S);
    let defaults = template::find(&doc.header.template).map(|t| t.glossary.as_slice()).unwrap_or(&[]);
    ui.horizontal(|ui| {
        let enabled = !ctx.read_only && !defaults.is_empty() && doc.glossary.as_slice() != defaults;
        let r = ui.add_enabled(enabled, egui::Button::new("恢复模板默认"));
        let r = if defaults.is_empty() {
            r.on_disabled_hover_text("当前模板没有标准名词解释")
        } else {
            r.on_hover_text("用模板的标准名词解释替换下面全部内容")
        };
        if r.clicked() {
            doc.glossary = defaults.to_vec();
            ctx.changed = true;
            ctx.edits.texts.clear();
        }
    });
    let list = &mut doc.glossary;
    let len = list.len();
    let mut action = None;
    Grid::new("glossary-grid").num_columns(3).striped(true).spacing([8.0, 6.0]).show(ui, |ui| {
        for (i, entry) in list.iter_mut().enumerate() {
            let n = i + 1;
            w::text(ui, ctx, &mut entry.term, &format!("名词{n}"), Location::cell(S, i, "term"), 160.0);
            let label = format!("名词{n} 解释");
            let loc = Location::cell(S, i, "definition");
            w::text_multi_width(ui, ctx, &mut entry.definition, &label, loc, 3, 640.0);
            ui.horizontal(|ui| {
                if let Some(a) = w::row_buttons(ui, ctx, i, len, &format!("名词{n}")) {
                    action = Some(a);
                }
            });
            ui.end_row();
        }
    });
    w::apply_action(ctx, list, action);
    if w::add_button(ui, ctx, "新增名词") {
        list.push(GlossaryEntry::default());
        ctx.changed = true;
    }
}
