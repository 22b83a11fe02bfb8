//! 第一部分 部门职责: a lead-in and the numbered duties.

use crate::model::Disclosure;
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Duties;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "部门职责", "每项职责一段，导出时自动编号（一）（二）……");
    w::section_findings_ui(ui, ctx, S);
    ui.label("引言（可留空）");
    w::text_multi(ui, ctx, &mut doc.duties.intro, "部门职责 引言", Location::field(S, "intro"), 2);
    ui.add_space(6.0);

    let len = doc.duties.items.len();
    let mut action = None;
    for (i, item) in doc.duties.items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("（{}）", chinese_number(i + 1)));
            if let Some(a) = w::row_buttons(ui, ctx, i, len, &format!("职责第{}项", i + 1)) {
                action = Some(a);
            }
        });
        w::text_multi(ui, ctx, item, &format!("职责第{}项", i + 1), Location::cell(S, i, "item"), 2);
    }
    w::apply_action(ctx, &mut doc.duties.items, action);
    if w::add_button(ui, ctx, "新增职责") {
        doc.duties.items.push(String::new());
        ctx.changed = true;
    }
}

/// 1 → 一, 12 → 十二, 20 → 二十 (the numbering of 说明 items).
pub(super) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}
