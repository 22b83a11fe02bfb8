//! The Excel import preview: per table what was recognised, what was skipped and why,
//! the workbook's totals against the imported lines, and what the draft will lose.
//! 导入 applies it (one undo step), 取消 leaves the draft untouched.

use egui::RichText;

use super::dialogs::DialogAction;
use super::nav::{ERROR_COLOR, WARNING_COLOR, severity_color};
use crate::import::{ImportFinding, ImportPreview, Outcome};
use crate::model::format_amount;
use crate::rules::Severity;

/// The colour of “nothing to look at” (the status line's 平衡 green).
const OK_COLOR: egui::Color32 = egui::Color32::from_rgb(0x2e, 0x7d, 0x32);

fn finding_ui(ui: &mut egui::Ui, f: &ImportFinding) {
    let cell = f.cell.as_ref().map(|c| format!("{c}  ")).unwrap_or_default();
    ui.label(RichText::new(format!("[{}] {cell}{}", f.severity.label(), f.message)).color(severity_color(f.severity)));
}

/// The preview dialog's body; returns 导入/取消 when clicked.
pub fn import_preview_ui(ui: &mut egui::Ui, preview: &ImportPreview) -> Option<DialogAction> {
    ui.set_max_width(760.0);
    ui.heading("从 Excel 导入：预览");
    ui.label(format!("{}（金额已换算为草稿单位：{}）", preview.file, preview.draft_unit));
    let serious = preview.all_findings().filter(|f| f.severity != Severity::Notice).count();
    let (summary, color) = match preview.outcome {
        Outcome::Clean => ("各表的合计与导入的明细一致，没有需要查看的问题。".to_owned(), OK_COLOR),
        Outcome::NeedsLook => (format!("有 {serious} 条需要查看的问题（错误/警告），所在的表已展开。"), WARNING_COLOR),
        Outcome::Nothing => ("没有可导入的内容。".to_owned(), ERROR_COLOR),
    };
    ui.label(RichText::new(summary).color(color));
    ui.add_space(4.0);
    egui::ScrollArea::vertical().max_height(440.0).auto_shrink([false, true]).show(ui, |ui| {
        for t in &preview.tables {
            let title = format!(
                "表{} {} — 导入 {} 行，核对 {} 行，跳过 {} 行",
                t.table,
                t.name,
                t.lines,
                t.checked,
                t.skipped.len()
            );
            egui::CollapsingHeader::new(RichText::new(title).strong())
                .id_salt(("import-table", t.table))
                .default_open(
                    t.findings.iter().any(|f| f.severity != Severity::Notice) || !t.totals.iter().all(|c| c.agrees()),
                )
                .show(ui, |ui| {
                    ui.label(format!("在 {} 找到“{}”；单位：{}", t.at, t.title, t.unit.as_deref().unwrap_or("未写明")));
                    if !t.columns.is_empty() {
                        ui.label(format!("认出的列：{}", t.columns.join("、")));
                    }
                    if !t.totals.is_empty() {
                        egui::Grid::new(("import-totals", t.table)).striped(true).show(ui, |ui| {
                            ui.strong("合计行");
                            ui.strong("工作簿");
                            ui.strong("导入明细");
                            ui.end_row();
                            for c in &t.totals {
                                ui.label(&c.label);
                                let wb = c.workbook.map(|d| format_amount(d, false)).unwrap_or_else(|| "—".into());
                                ui.label(match &c.cell {
                                    Some(cell) => format!("{wb}（{cell}）"),
                                    None => wb,
                                });
                                let ours = RichText::new(format_amount(c.imported, false));
                                ui.label(if c.agrees() { ours } else { ours.color(ERROR_COLOR) });
                                ui.end_row();
                            }
                        });
                    }
                    for s in &t.skipped {
                        ui.label(format!("跳过 {}：{}", s.cell, s.reason));
                    }
                    for f in t.findings.iter().filter(|f| f.severity != Severity::Notice) {
                        finding_ui(ui, f);
                    }
                    // Published parents rounded on their own: many, harmless, folded away.
                    let notices: Vec<&ImportFinding> =
                        t.findings.iter().filter(|f| f.severity == Severity::Notice).collect();
                    if !notices.is_empty() {
                        egui::CollapsingHeader::new(format!("提示 {} 条（四舍五入差异等）", notices.len()))
                            .id_salt(("import-notices", t.table))
                            .show(ui, |ui| {
                                for f in notices {
                                    finding_ui(ui, f);
                                }
                            });
                    }
                });
        }
        for f in &preview.findings {
            finding_ui(ui, f);
        }
        if !preview.ignored_sheets.is_empty() {
            ui.label(format!("未使用的工作表：{}", preview.ignored_sheets.join("、")));
        }
    });
    ui.separator();
    ui.strong("导入后将替换草稿中的：");
    for r in &preview.replaces {
        ui.label(format!("• {r}"));
    }
    ui.label("导入可以撤销（编辑 → 撤销）；保存之前，草稿文件不会改动。");
    ui.add_space(8.0);
    let mut action = None;
    ui.horizontal(|ui| {
        let can = preview.outcome != Outcome::Nothing;
        if ui.add_enabled(can, egui::Button::new("导入")).clicked() {
            action = Some(DialogAction::ApplyImport);
        }
        if ui.button("取消").clicked() {
            action = Some(DialogAction::Close);
        }
    });
    action
}
