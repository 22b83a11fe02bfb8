//! The 对比 panel: what changed since another version of the draft, each change one click
//! from its field, and the findings that appeared or disappeared.
//!
//! The comparison itself is `crate::compare`; this panel only lists it.

use egui::RichText;

use crate::compare::{self, ChangeKind, Comparison};
use crate::model::Disclosure;
use crate::rules::{Finding, Location};

use super::nav::severity_color;

/// A comparison on screen: the other (earlier) version against the open draft.
pub struct ComparePanel {
    /// The other version's file name, as shown in the title.
    pub other: String,
    /// The other version itself, to compare again as the open draft changes.
    pub other_doc: Disclosure,
    /// Its findings, checked once.
    other_findings: Vec<Finding>,
    pub comparison: Comparison,
    /// Where the amounts and texts changed, for the forms to mark.
    pub changed_places: Vec<Location>,
}

impl ComparePanel {
    /// Compares `other_doc` (named `other`) with `current`.
    ///
    /// `validate` is the rule engine the app checks `current` with; `findings` are its
    /// findings now.
    pub fn new(
        other: String,
        other_doc: Disclosure,
        validate: fn(&Disclosure) -> Vec<Finding>,
        current: &Disclosure,
        findings: &[Finding],
    ) -> Self {
        let other_findings = validate(&other_doc);
        let mut panel = ComparePanel {
            other,
            other_doc,
            other_findings,
            comparison: Comparison::default(),
            changed_places: Vec::new(),
        };
        panel.refresh(current, findings);
        panel
    }

    /// Compares again after the open draft changed (`findings` are its findings now).
    pub fn refresh(&mut self, current: &Disclosure, findings: &[Finding]) {
        self.comparison = compare::compare_checked(&self.other_doc, &self.other_findings, current, findings);
        self.changed_places = self
            .comparison
            .changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Amount { .. } | ChangeKind::Text { .. }))
            .map(|c| c.location.clone())
            .collect();
    }
}

/// What the user did in the panel.
#[derive(Debug, Clone, PartialEq)]
pub enum CompareAction {
    JumpTo(Location),
    Close,
}

/// The colour of a change's kind chip.
fn kind_color(kind: &ChangeKind) -> egui::Color32 {
    match kind {
        ChangeKind::Amount { .. } => egui::Color32::from_rgb(0x1d, 0x4e, 0x89),
        ChangeKind::Text { .. } => egui::Color32::from_rgb(0x5e, 0x35, 0xb1),
        ChangeKind::Added { .. } => egui::Color32::from_rgb(0x2e, 0x7d, 0x32),
        ChangeKind::Removed { .. } => egui::Color32::from_rgb(0xb7, 0x1c, 0x1c),
        ChangeKind::Moved { .. } => egui::Color32::from_rgb(0x61, 0x61, 0x61),
    }
}

fn chip(ui: &mut egui::Ui, text: &str, color: egui::Color32) {
    ui.label(RichText::new(format!(" {text} ")).color(egui::Color32::WHITE).background_color(color));
}

/// The panel's content; returns what was clicked.
pub fn compare_ui(ui: &mut egui::Ui, panel: &ComparePanel) -> Option<CompareAction> {
    let c = &panel.comparison;
    let mut action = None;
    ui.horizontal(|ui| {
        ui.strong(format!("与 {} 对比", panel.other));
        if ui.button("关闭对比").clicked() {
            action = Some(CompareAction::Close);
        }
    });
    ui.label(format!(
        "变更 {} 处 · 新出现检查结果 {} 条 · 已消失 {} 条",
        c.changes.len(),
        c.findings_appeared.len(),
        c.findings_disappeared.len()
    ));
    ui.separator();
    if c.is_empty() {
        ui.label("两份草稿内容相同，检查结果也相同。");
        return action;
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for change in &c.changes {
            ui.horizontal(|ui| {
                chip(ui, change.kind.label(), kind_color(&change.kind));
                // The kind is on the chip already.
                let text = change.describe();
                let response = ui.add(egui::Button::selectable(false, &text).truncate()).on_hover_text(&text);
                if response.clicked() {
                    action = Some(CompareAction::JumpTo(change.location.clone()));
                }
            });
        }
        if !c.findings_appeared.is_empty() {
            ui.separator();
            ui.strong("新出现的检查结果");
            for f in &c.findings_appeared {
                ui.horizontal(|ui| {
                    chip(ui, f.severity.label(), severity_color(f.severity));
                    let text = format!("{}  {}：{}", f.rule, f.location, f.message);
                    let response = ui.add(egui::Button::selectable(false, &text).truncate()).on_hover_text(&f.message);
                    if response.clicked() {
                        action = Some(CompareAction::JumpTo(f.location.clone()));
                    }
                });
            }
        }
        if !c.findings_disappeared.is_empty() {
            ui.separator();
            ui.strong("已消失的检查结果");
            for f in &c.findings_disappeared {
                ui.horizontal(|ui| {
                    chip(ui, f.severity.label(), egui::Color32::GRAY);
                    // Its location is in the other version: shown, not jumped to.
                    ui.add(egui::Label::new(format!("{}  原{}：{}", f.rule, f.location, f.message)).truncate())
                        .on_hover_text(&f.message);
                });
            }
        }
    });
    action
}
