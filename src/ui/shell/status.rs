//! The status line: file, unsaved marker, the two grand totals and the finding counts.

use egui::RichText;
use rust_decimal::Decimal;

use crate::model::{AmountUnit, format_amount, round_display};

use super::nav::{ERROR_COLOR, WARNING_COLOR};

/// What the status line shows.
pub struct Status<'a> {
    /// The file name, or a description of an unsaved draft.
    pub file: &'a str,
    pub dirty: bool,
    pub income_total: Decimal,
    pub expense_total: Decimal,
    pub unit: AmountUnit,
    pub errors: usize,
    pub warnings: usize,
}

impl Status<'_> {
    /// Whether 收入总计 and 支出总计 agree as published.
    pub fn balanced(&self) -> bool {
        round_display(self.income_total) == round_display(self.expense_total)
    }
}

pub fn status_ui(ui: &mut egui::Ui, status: &Status) {
    ui.horizontal(|ui| {
        ui.label(status.file);
        if status.dirty {
            ui.label(RichText::new("●").color(WARNING_COLOR)).on_hover_text("有未保存的修改");
        }
        ui.separator();
        let unit = status.unit.label();
        ui.label(format!("收入总计 {} {unit}", format_amount(status.income_total, false)));
        ui.label(format!("支出总计 {} {unit}", format_amount(status.expense_total, false)));
        if status.balanced() {
            ui.label(RichText::new("平衡").color(egui::Color32::from_rgb(0x2e, 0x7d, 0x32)));
        } else {
            ui.label(RichText::new("不平衡").color(ERROR_COLOR).strong());
        }
        ui.separator();
        let errors = RichText::new(format!("错误 {}", status.errors));
        ui.label(if status.errors > 0 { errors.color(ERROR_COLOR) } else { errors });
        let warnings = RichText::new(format!("警告 {}", status.warnings));
        ui.label(if status.warnings > 0 { warnings.color(WARNING_COLOR) } else { warnings });
    });
}
