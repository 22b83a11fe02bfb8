//! Templates: a region's and year's section order, headings, fixed wording, glossary.
//!
//! Templates are data files in `templates/` (compiled in, see the README there), so a
//! finance bureau can change wording without touching code. Each file is a RON document
//! describing the title, the sections in order and the captions of the fixed tables;
//! every text is a minijinja template filled from the draft by [`crate::export`], so no
//! number is ever typed into a template.
//!
//! Files are parsed and their texts syntax-checked at first use; a broken file is a
//! [`TemplateError`] naming the file and the section.

use serde::Deserialize;

use crate::model::GlossaryEntry;

/// The template files shipped with the program, in the order they are offered.
const FILES: &[(&str, &str)] = &[
    ("hebei-2020-parts.ron", include_str!("../templates/hebei-2020-parts.ron")),
    ("hebei-2020-numbered.ron", include_str!("../templates/hebei-2020-numbered.ron")),
    ("hebei-2024-tables.ron", include_str!("../templates/hebei-2024-tables.ron")),
];

/// A disclosure layout.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Template {
    /// Stable id stored in drafts, e.g. "hebei-2020-parts".
    pub id: String,
    /// Name shown to officers.
    pub name: String,
    /// The title lines (templates), centred above everything.
    pub title: Vec<String>,
    /// Text prepended to every text of this template: the place for shared
    /// `{% macro %}` definitions.
    #[serde(default)]
    pub prelude: String,
    /// The document, in order.
    pub sections: Vec<Section>,
    /// The standard glossary (名词解释) of this template, used when the draft has none.
    pub glossary: Vec<GlossaryEntry>,
}

/// One element of a template's layout.
///
/// Texts (`String` fields) are minijinja templates rendered with the context documented
/// in `templates/README.md`. A text that renders to nothing (only whitespace) is left
/// out, so conditionals can drop a sentence or a whole paragraph.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub enum Section {
    /// A heading (level 1 part, 2 sub-part, 3 item).
    Heading { level: u8, text: String },
    /// Body paragraphs with a first-line indent, one per non-empty rendered line.
    Text(String),
    /// Lines kept as rendered (leading spaces included), without first-line indent.
    Lines(String),
    /// A note in smaller type.
    Note(String),
    /// A new page.
    PageBreak,
    /// The nine standard tables (2024 layout), each on its own page.
    StandardTables { captions: Vec<String> },
    /// 部门职责: the intro paragraphs, then the duties numbered （一）（二）….
    Duties,
    /// 机构设置 table; nothing when the draft lists no institutions.
    Institutions { title: String, numbered: bool },
    /// 内设机构 paragraphs; nothing when the draft lists none.
    Offices,
    /// The 三公 table of part 4 (rows: the four items and 合计).
    ThreePublicTable { captions: Vec<String>, labels: Vec<String>, total_label: String },
    /// 总体绩效目标 text.
    OverallGoal,
    /// 分项绩效目标: per sub-goal its title line ("{{ n }}、{{ title }}"), then
    /// "绩效目标：…" and "绩效指标：…".
    SubGoals { title: String },
    /// 工作保障措施, numbered with `number` ("{{ n }}、").
    Measures { number: String },
    /// One 项目绩效目标表 per project.
    Projects {
        /// Heading above each table ("{{ n }}、{{ project.name }}绩效目标表").
        heading: String,
        /// Captions above each grid ("{{ project.unit }}", "单位：{{ unit }}").
        captions: Vec<String>,
        /// Full: code, amounts, use and spend plan rows; Compact: goals and indicators only.
        layout: ProjectLayout,
        /// Prefix of each 绩效目标 line ("{{ n }}、" or "{{ n }}.").
        goal_number: String,
        /// How spend-plan percentages print.
        spend_plan: SpendPlanStyle,
    },
    /// 政府采购预算 table with a 合计 row and per-unit 小计 rows.
    Procurement {
        title: String,
        captions: Vec<String>,
        /// Header of the amount columns group.
        amounts_title: String,
        columns: Vec<ProcurementColumn>,
        /// Extra, always empty columns at the right (e.g. "2024年预留中小微企业份额").
        extra_columns: Vec<String>,
        empty_note: String,
    },
    /// 固定资产占用情况表.
    Assets { title: String, captions: Vec<String>, header: Vec<String>, total_label: String },
    /// 名词解释: the draft's glossary, else the template's, numbered "1、term：definition".
    Glossary,
    /// 其他需说明的事项: the draft's text, else `default`.
    OtherMatters { default: String },
}

/// Layout of a 项目绩效目标表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ProjectLayout {
    Full,
    Compact,
}

/// How a spend-plan checkpoint prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum SpendPlanStyle {
    /// "25.00" (the column header says %).
    Decimal,
    /// "25%".
    Percent,
}

/// An amount column of the procurement table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ProcurementColumn {
    pub label: String,
    pub source: FundSource,
    /// A sub-group header spanning consecutive columns with the same group
    /// ("当年部门预算安排资金"); empty for none.
    #[serde(default)]
    pub group: String,
}

/// Which amount a procurement column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum FundSource {
    /// Σ all sources.
    Total,
    /// Σ all sources except 上年结转结余 (当年部门预算安排资金).
    CurrentYear,
    GeneralBudget,
    GovFund,
    StateCapital,
    FiscalSpecial,
    UnitFunds,
    Carryover,
}

/// Why a template file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("模板文件 {file} 格式有误：{message}")]
    Syntax { file: String, message: String },
    #[error("模板文件 {file} 第 {section} 节的文字有误：{message}")]
    Text { file: String, section: usize, message: String },
    #[error("模板文件 {file}：{message}")]
    Invalid { file: String, message: String },
}

/// Parses and checks one template file.
pub fn parse(file: &str, source: &str) -> Result<Template, TemplateError> {
    let t: Template =
        ron::from_str(source).map_err(|e| TemplateError::Syntax { file: file.to_owned(), message: e.to_string() })?;
    if t.id.trim().is_empty() {
        return Err(TemplateError::Invalid { file: file.to_owned(), message: "缺少 id".to_owned() });
    }
    let env = crate::export::context::environment();
    let check = |section: usize, text: &str| {
        let source = format!("{}{}", t.prelude, text);
        env.template_from_str(&source).map(|_| ()).map_err(|e| TemplateError::Text {
            file: file.to_owned(),
            section,
            message: e.to_string(),
        })
    };
    for line in &t.title {
        check(0, line)?;
    }
    for (i, s) in t.sections.iter().enumerate() {
        for text in s.texts() {
            check(i + 1, text)?;
        }
        if let Section::Heading { level, .. } = s
            && !(1..=3).contains(level)
        {
            return Err(TemplateError::Invalid {
                file: file.to_owned(),
                message: format!("第 {} 节的标题级别 {level} 不在 1–3 之间", i + 1),
            });
        }
        if let Section::ThreePublicTable { labels, .. } = s
            && labels.len() != 4
        {
            return Err(TemplateError::Invalid {
                file: file.to_owned(),
                message: format!("第 {} 节的“三公”表需要 4 个项目名称，现有 {} 个", i + 1, labels.len()),
            });
        }
    }
    Ok(t)
}

impl Section {
    /// Every template text of the section (for checking).
    fn texts(&self) -> Vec<&str> {
        match self {
            Section::Heading { text, .. } | Section::Text(text) | Section::Lines(text) | Section::Note(text) => {
                vec![text]
            }
            Section::StandardTables { captions } | Section::ThreePublicTable { captions, .. } => {
                captions.iter().map(String::as_str).collect()
            }
            Section::Institutions { title, .. } | Section::SubGoals { title } => vec![title],
            Section::Measures { number } => vec![number],
            Section::Projects { heading, captions, goal_number, .. } => {
                let mut v = vec![heading.as_str(), goal_number.as_str()];
                v.extend(captions.iter().map(String::as_str));
                v
            }
            Section::Procurement { title, captions, amounts_title, extra_columns, empty_note, .. } => {
                let mut v = vec![title.as_str(), amounts_title.as_str(), empty_note.as_str()];
                v.extend(captions.iter().chain(extra_columns).map(String::as_str));
                v
            }
            Section::Assets { title, captions, header, total_label } => {
                let mut v = vec![title.as_str(), total_label.as_str()];
                v.extend(captions.iter().chain(header).map(String::as_str));
                v
            }
            Section::OtherMatters { default } => vec![default],
            Section::PageBreak | Section::Duties | Section::Offices | Section::OverallGoal | Section::Glossary => {
                Vec::new()
            }
        }
    }

    /// The heading text template when the section is a heading.
    pub fn heading(&self) -> Option<(u8, &str)> {
        match self {
            Section::Heading { level, text } => Some((*level, text)),
            _ => None,
        }
    }
}

/// Parses every shipped template file.
pub fn load_all() -> Result<Vec<Template>, TemplateError> {
    FILES.iter().map(|(file, source)| parse(file, source)).collect()
}

/// The templates shipped with the program.
pub fn all() -> &'static [Template] {
    static ALL: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    // The files are compiled in and checked by the tests, so a failure here is a build
    // defect, not a user error.
    ALL.get_or_init(|| load_all().unwrap_or_else(|e| panic!("内置模板有误：{e}")))
}

/// The template with `id`.
pub fn find(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_template_loads() {
        let all = load_all().unwrap();
        let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["hebei-2020-parts", "hebei-2020-numbered", "hebei-2024-tables"]);
        for t in &all {
            assert!(!t.glossary.is_empty(), "{} has no glossary", t.id);
            assert!(t.sections.iter().any(|s| s.heading().is_some()), "{} has no heading", t.id);
        }
    }

    #[test]
    fn a_broken_template_is_a_clear_error() {
        let err = parse("x.ron", "(id: \"x\", name: \"x\"").unwrap_err();
        assert!(err.to_string().contains("x.ron"), "{err}");
        let bad_text = r#"(id: "x", name: "x", title: [], glossary: [],
            sections: [Heading(level: 1, text: "ok"), Text("{{ year ")])"#;
        let err = parse("x.ron", bad_text).unwrap_err();
        assert!(matches!(err, TemplateError::Text { section: 2, .. }), "{err}");
    }
}
