//! The navigation on the left: every section of the draft, grouped by part, each with
//! red/orange badges counting its 错误 and 警告.

use std::collections::HashMap;

use egui::{Color32, RichText};

use crate::rules::{Finding, Section, Severity};

/// The groups of the navigation, in document order.
pub const GROUPS: [(&str, &[Section]); 11] = [
    ("封面", &[Section::Header]),
    ("第一部分 部门职责及机构设置", &[Section::Duties, Section::Institutions, Section::Offices]),
    ("第二部分 收支预算", &[Section::FunctionLines, Section::EconomicLines, Section::Summary]),
    ("第三部分 机关运行经费", &[Section::RunningCosts]),
    ("第四部分 “三公”经费", &[Section::ThreePublic]),
    ("第五部分 预算绩效信息", &[Section::Performance, Section::SubGoals, Section::Measures, Section::Projects]),
    ("第六部分 政府采购", &[Section::Procurement]),
    ("第七部分 国有资产", &[Section::Assets]),
    ("第八部分 名词解释", &[Section::Glossary]),
    ("第九部分 其他事项", &[Section::OtherMatters]),
    (
        "公开表格",
        &[
            Section::Table(1),
            Section::Table(2),
            Section::Table(3),
            Section::Table(4),
            Section::Table(5),
            Section::Table(6),
            Section::Table(7),
            Section::Table(8),
            Section::Table(9),
        ],
    ),
];

/// 错误 red and 警告 orange, used by the badges, the findings list and the status line.
pub const ERROR_COLOR: Color32 = Color32::from_rgb(0xc6, 0x28, 0x28);
pub const WARNING_COLOR: Color32 = Color32::from_rgb(0xe0, 0x7b, 0x00);
pub const NOTICE_COLOR: Color32 = Color32::from_rgb(0x4a, 0x6f, 0xa5);

/// The colour of a severity.
pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => ERROR_COLOR,
        Severity::Warning => WARNING_COLOR,
        Severity::Notice => NOTICE_COLOR,
    }
}

/// 错误 and 警告 counts per section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionCounts {
    by_section: HashMap<Section, (usize, usize)>,
}

impl SectionCounts {
    /// Counts `findings` by section.
    pub fn of(findings: &[Finding]) -> Self {
        let mut by_section: HashMap<Section, (usize, usize)> = HashMap::new();
        for f in findings {
            let entry = by_section.entry(f.location.section).or_default();
            match f.severity {
                Severity::Error => entry.0 += 1,
                Severity::Warning => entry.1 += 1,
                Severity::Notice => {}
            }
        }
        SectionCounts { by_section }
    }

    /// (错误, 警告) of `section`.
    pub fn get(&self, section: Section) -> (usize, usize) {
        self.by_section.get(&section).copied().unwrap_or_default()
    }
}

/// The navigation list; returns the section clicked.
pub fn nav_ui(ui: &mut egui::Ui, selected: Section, counts: &SectionCounts) -> Option<Section> {
    let mut clicked = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.spacing_mut().item_spacing.y = 2.0;
        for (group, sections) in GROUPS {
            ui.add_space(4.0);
            ui.label(RichText::new(group).small().strong().color(ui.visuals().weak_text_color()));
            for &section in sections {
                ui.horizontal(|ui| {
                    ui.add_space(6.0);
                    let response = ui.selectable_label(section == selected, section.label());
                    if response.clicked() {
                        clicked = Some(section);
                    }
                    let (errors, warnings) = counts.get(section);
                    badge_ui(ui, section, errors, Severity::Error);
                    badge_ui(ui, section, warnings, Severity::Warning);
                });
            }
        }
    });
    clicked
}

/// A coloured count; its accessible name is e.g. "机构设置 错误 2".
fn badge_ui(ui: &mut egui::Ui, section: Section, count: usize, severity: Severity) {
    if count == 0 {
        return;
    }
    let text = RichText::new(format!(" {count} ")).small().strong().color(Color32::WHITE);
    ui.label(text.background_color(severity_color(severity)))
        .accessible_name(format!("{} {} {count}", section.label(), severity.label()))
        .on_hover_text(format!("{count} 条{}", severity.label()));
}
