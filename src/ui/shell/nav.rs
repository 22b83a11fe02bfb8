//! The navigation on the left: every section of the draft, grouped by the parts of the
//! draft's template (so a 2024 table-first draft lists its tables first), each with
//! red/orange badges counting its 错误 and 警告.

use std::collections::HashMap;

use egui::{Color32, RichText};

use crate::rules::{Finding, Section, Severity};
use crate::template;

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

/// A group of the navigation: a part of the draft's template and its sections.
#[derive(Debug, Clone, PartialEq)]
pub struct NavGroup {
    pub label: String,
    pub sections: Vec<Section>,
}

/// The nine standard tables.
fn standard_tables() -> impl Iterator<Item = Section> {
    (1..=9).map(Section::Table)
}

/// The navigation groups in the order of `template`'s document: each part heading
/// starts a group holding the sections its content is typed in. The 2024 layout opens
/// with the nine tables, so its navigation does too (with the two detail forms the
/// tables are computed from). Sections a template does not print still get a group, so
/// every form stays reachable. Without a template, the fixed [`GROUPS`].
pub fn groups_for(template: Option<&template::Template>) -> Vec<NavGroup> {
    let Some(t) = template else {
        return GROUPS.iter().map(|(l, s)| NavGroup { label: (*l).to_owned(), sections: s.to_vec() }).collect();
    };
    use template::Section as T;
    let level1 = t.sections.iter().filter(|s| matches!(s, T::Heading { level: 1, .. })).count();
    let part_level = if level1 > 1 { 1 } else { 2 };
    let has_tables = t.sections.iter().any(|s| matches!(s, T::StandardTables { .. }));

    let mut groups = vec![NavGroup { label: "封面".to_owned(), sections: vec![Section::Header] }];
    let mut placed: Vec<Section> = vec![Section::Header];
    let mut current: Option<String> = None;
    for s in &t.sections {
        let found: Vec<Section> = match s {
            T::Heading { level, text } if *level <= part_level => {
                current = Some(plain_heading(text));
                continue;
            }
            T::StandardTables { .. } => {
                let tables = [Section::FunctionLines, Section::EconomicLines].into_iter().chain(standard_tables());
                add_group(&mut groups, &mut placed, "公开表格（九张表）", tables.collect());
                continue;
            }
            T::Duties => vec![Section::Duties],
            T::Institutions { .. } => vec![Section::Institutions],
            T::Offices => vec![Section::Offices],
            T::ThreePublicTable { .. } => vec![Section::ThreePublic],
            T::OverallGoal => vec![Section::Performance],
            T::SubGoals { .. } => vec![Section::SubGoals],
            T::Measures { .. } => vec![Section::Measures],
            T::Projects { .. } => vec![Section::Projects],
            T::Procurement { .. } => vec![Section::Procurement],
            T::Assets { .. } => vec![Section::Assets],
            T::Glossary => vec![Section::Glossary],
            T::OtherMatters { .. } => vec![Section::OtherMatters],
            T::Text(text) | T::Lines(text) | T::Note(text) => sections_in_text(text, has_tables),
            T::Heading { .. } | T::PageBreak => continue,
        };
        let label = current.clone().unwrap_or_else(|| "说明".to_owned());
        add_group(&mut groups, &mut placed, &label, found);
    }
    let rest: Vec<Section> = GROUPS
        .iter()
        .flat_map(|(_, s)| s.iter().copied())
        .filter(|s| !placed.contains(s) && !matches!(s, Section::Table(_)))
        .collect();
    add_group(&mut groups, &mut placed, "其他内容", rest);
    add_group(&mut groups, &mut placed, "公开表格（九张表）", standard_tables().collect());
    groups
}

/// The sections whose figures a template text prints.
fn sections_in_text(text: &str, has_tables: bool) -> Vec<Section> {
    let mut found = Vec::new();
    if text.contains("figures") {
        if !has_tables {
            found.extend([Section::FunctionLines, Section::EconomicLines]);
        }
        found.push(Section::Summary);
    }
    for (key, section) in [
        ("running_costs", Section::RunningCosts),
        ("three_public", Section::ThreePublic),
        ("performance.special_funds", Section::Performance),
        ("procurement", Section::Procurement),
        ("assets", Section::Assets),
    ] {
        if text.contains(key) {
            found.push(section);
        }
    }
    found
}

/// Adds `sections` not yet placed to the group `label` (the last group if it has that
/// label, else a new one).
fn add_group(groups: &mut Vec<NavGroup>, placed: &mut Vec<Section>, label: &str, sections: Vec<Section>) {
    let new: Vec<Section> = sections.into_iter().filter(|s| !placed.contains(s)).collect();
    if new.is_empty() {
        return;
    }
    placed.extend(new.iter().copied());
    match groups.iter_mut().find(|g| g.label == label) {
        Some(g) => g.sections.extend(new),
        None => groups.push(NavGroup { label: label.to_owned(), sections: new }),
    }
}

/// A heading as the officer reads it: without template fields ("{{ department }}").
fn plain_heading(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("}}").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.is_empty() { "说明".to_owned() } else { out }
}

/// The navigation list; returns the section clicked. Groups collapse; `collapsed`
/// holds the labels of the collapsed ones (the app remembers them) and is updated when
/// the user opens or closes one. A group's title shows its 错误/警告 totals.
pub fn nav_ui(
    ui: &mut egui::Ui,
    groups: &[NavGroup],
    selected: Section,
    counts: &SectionCounts,
    collapsed: &mut Vec<String>,
) -> Option<Section> {
    let mut clicked = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.spacing_mut().item_spacing.y = 2.0;
        for group in groups {
            let (errors, warnings) =
                group.sections.iter().map(|s| counts.get(*s)).fold((0, 0), |(e, w), (a, b)| (e + a, w + b));
            let id = ui.make_persistent_id(("nav-group", &group.label));
            let was_open = !collapsed.contains(&group.label);
            egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, was_open)
                .show_header(ui, |ui| {
                    let mut text = String::new();
                    if errors > 0 {
                        text.push_str(&format!("错误{errors} "));
                    }
                    if warnings > 0 {
                        text.push_str(&format!("警告{warnings}"));
                    }
                    let counts =
                        RichText::new(text.trim_end()).color(if errors > 0 { ERROR_COLOR } else { WARNING_COLOR });
                    let counts_width = if text.is_empty() {
                        0.0
                    } else {
                        let font = egui::TextStyle::Body.resolve(ui.style());
                        ui.fonts_mut(|f| f.layout_no_wrap(text.clone(), font, Color32::PLACEHOLDER).size().x)
                            + ui.spacing().item_spacing.x
                    };
                    // Long 2024 headings are cut (whole on hover) rather than widen the panel;
                    // the counts stay in sight.
                    let title = RichText::new(&group.label).strong().color(ui.visuals().weak_text_color());
                    let room = (ui.available_width() - counts_width).max(40.0);
                    ui.scope(|ui| {
                        ui.set_max_width(room);
                        ui.add(egui::Label::new(title).truncate()).on_hover_text(&group.label);
                    });
                    if !text.is_empty() {
                        ui.label(counts);
                    }
                })
                .body(|ui| {
                    for &section in &group.sections {
                        section_row_ui(ui, section, selected, counts, &mut clicked);
                    }
                });
            let open = egui::collapsing_header::CollapsingState::load(ui.ctx(), id).is_none_or(|s| s.is_open());
            if !open && group.sections.contains(&selected) {
                // A collapsed group still shows where the officer is.
                ui.indent(id.with("selected"), |ui| section_row_ui(ui, selected, selected, counts, &mut clicked));
            }
            if open != was_open {
                if open {
                    collapsed.retain(|l| *l != group.label);
                } else {
                    collapsed.push(group.label.clone());
                }
            }
        }
    });
    clicked
}

/// One section of the navigation with its 错误/警告 badges; sets `clicked` when clicked.
fn section_row_ui(
    ui: &mut egui::Ui,
    section: Section,
    selected: Section,
    counts: &SectionCounts,
    clicked: &mut Option<Section>,
) {
    ui.horizontal(|ui| {
        if ui.selectable_label(section == selected, section.label()).clicked() {
            *clicked = Some(section);
        }
        let (errors, warnings) = counts.get(section);
        badge_ui(ui, section, errors, Severity::Error);
        badge_ui(ui, section, warnings, Severity::Warning);
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn all_sections() -> Vec<Section> {
        GROUPS.iter().flat_map(|(_, s)| s.iter().copied()).collect()
    }

    fn check_every_section_once(groups: &[NavGroup]) {
        let listed: Vec<Section> = groups.iter().flat_map(|g| g.sections.iter().copied()).collect();
        for s in all_sections() {
            assert_eq!(listed.iter().filter(|l| **l == s).count(), 1, "{s:?} listed once");
        }
        assert_eq!(listed.len(), all_sections().len());
    }

    #[test]
    fn the_2024_template_lists_its_tables_first_without_part_numbers() {
        let groups = groups_for(template::find("hebei-2024-tables"));
        check_every_section_once(&groups);
        assert_eq!(groups[0].sections, vec![Section::Header]);
        assert!(groups[1].label.contains("公开表格"));
        assert_eq!(groups[1].sections[0], Section::FunctionLines);
        assert!(groups[1].sections.contains(&Section::Table(9)));
        assert!(groups.iter().all(|g| !g.label.contains("部分")), "{groups:?}");
        assert!(groups.iter().any(|g| g.label.starts_with("一、") && g.sections.contains(&Section::Duties)));
    }

    #[test]
    fn the_2020_templates_follow_their_parts() {
        for id in ["hebei-2020-parts", "hebei-2020-numbered"] {
            let groups = groups_for(template::find(id));
            check_every_section_once(&groups);
            let part_two = groups.iter().find(|g| g.sections.contains(&Section::FunctionLines)).unwrap();
            assert!(part_two.sections.contains(&Section::Summary), "{id}: the figures' forms go with part 2");
            assert!(groups.last().unwrap().label.contains("公开表格"), "{id}: the tables come last");
        }
        let parts = groups_for(template::find("hebei-2020-parts"));
        assert!(parts[1].label.starts_with("第一部分"), "{:?}", parts[1]);
    }

    #[test]
    fn template_fields_are_left_out_of_headings() {
        assert_eq!(
            plain_heading("第一部分  {{ department }}{{ year }}年部门预算信息公开情况说明"),
            "第一部分 年部门预算信息公开情况说明"
        );
        assert_eq!(plain_heading("{{ x }}"), "说明");
    }
}
