//! The findings list at the bottom: severity, rule, location, message; filtered by
//! severity; a click jumps to the finding's field.

use egui::RichText;

use crate::rules::{Finding, Location, Severity};

use super::nav::severity_color;

/// Which severities the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeverityFilter {
    pub errors: bool,
    pub warnings: bool,
    pub notices: bool,
}

impl Default for SeverityFilter {
    fn default() -> Self {
        SeverityFilter { errors: true, warnings: true, notices: true }
    }
}

impl SeverityFilter {
    pub fn shows(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Notice => self.notices,
        }
    }
}

/// The number of findings of each severity: (错误, 警告, 提示).
pub fn severity_counts(findings: &[Finding]) -> (usize, usize, usize) {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    (count(Severity::Error), count(Severity::Warning), count(Severity::Notice))
}

/// The findings list; returns the location of the finding clicked.
pub fn findings_ui(ui: &mut egui::Ui, findings: &[Finding], filter: &mut SeverityFilter) -> Option<Location> {
    let (errors, warnings, notices) = severity_counts(findings);
    ui.horizontal(|ui| {
        ui.strong("检查结果");
        ui.separator();
        ui.checkbox(&mut filter.errors, format!("错误 {errors}"));
        ui.checkbox(&mut filter.warnings, format!("警告 {warnings}"));
        ui.checkbox(&mut filter.notices, format!("提示 {notices}"));
    });
    ui.separator();
    let shown: Vec<&Finding> = findings.iter().filter(|f| filter.shows(f.severity)).collect();
    if shown.is_empty() {
        ui.label(if findings.is_empty() { "未发现问题。" } else { "没有符合筛选条件的检查结果。" });
        // Keep the panel's size, so it does not jump when the list empties.
        ui.take_available_space();
        return None;
    }
    let mut clicked = None;
    let text_height = ui.text_style_height(&egui::TextStyle::Body) + 2.0 * ui.spacing().button_padding.y;
    let row_height = text_height.max(ui.spacing().interact_size.y);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(ui, row_height, shown.len(), |ui, rows| {
        for f in &shown[rows] {
            ui.horizontal(|ui| {
                let chip = RichText::new(format!(" {} ", f.severity.label()))
                    .color(egui::Color32::WHITE)
                    .background_color(severity_color(f.severity));
                ui.label(chip);
                let text = format!("{}  {}：{}", f.rule, f.location, f.message);
                let response = ui.add(egui::Button::selectable(false, text).truncate()).on_hover_text(&f.message);
                if response.clicked() {
                    clicked = Some(f.location.clone());
                }
            });
        }
    });
    clicked
}
