//! Lays out a draft following its template: sections in order, texts rendered with the
//! [`Context`], tables built by [`super::tables`]. The draft's own wording of template
//! texts (`Disclosure::layout`, 版式) replaces the template's here, so every exporter
//! prints it.

use minijinja::Environment;

use super::ExportError;
use super::context::{Context, environment};
use super::doc::{Block, Date, Document, Meta};
use super::tables;
use crate::model::{Disclosure, Layout};
use crate::template::{self, Section, Template};

/// Renders template texts for one draft.
pub(crate) struct Renderer<'a> {
    env: Environment<'static>,
    ctx: minijinja::Value,
    prelude: &'a str,
    layout: &'a Layout,
}

impl<'a> Renderer<'a> {
    fn new(doc: &'a Disclosure, prelude: &'a str) -> Self {
        Renderer {
            env: environment(),
            ctx: minijinja::Value::from_serialize(Context::of(doc)),
            prelude,
            layout: &doc.layout,
        }
    }

    /// Renders `text` with the draft's context.
    pub(crate) fn render(&self, text: &str) -> Result<String, ExportError> {
        self.render_with(text, minijinja::Value::UNDEFINED)
    }

    /// Renders `text` with the draft's context plus `extra` (e.g. `n`, `project`).
    pub(crate) fn render_with(&self, text: &str, extra: minijinja::Value) -> Result<String, ExportError> {
        match self.layout.replacement(text) {
            Some(own) => self.render_source(own, extra).map_err(|e| {
                ExportError::Template(format!(
                    "本稿“版式”中替换“{}”的文字有误：{e}",
                    text.chars().take(30).collect::<String>()
                ))
            }),
            None => self.render_source(text, extra),
        }
    }

    fn render_source(&self, text: &str, extra: minijinja::Value) -> Result<String, ExportError> {
        if !text.contains("{{") && !text.contains("{%") {
            return Ok(text.to_owned());
        }
        let source = format!("{}{}", self.prelude, text);
        let ctx = if extra.is_undefined() {
            self.ctx.clone()
        } else {
            minijinja::context! { ..extra, ..self.ctx.clone() }
        };
        self.env.render_str(&source, ctx).map_err(|e| {
            let mut msg = format!("“{}”：{e}", text.chars().take(40).collect::<String>());
            if let Some(detail) = e.detail() {
                msg.push_str(&format!("（{detail}）"));
            }
            ExportError::Template(msg)
        })
    }
}

/// Lays out `doc` following the template named in its header.
pub fn build(doc: &Disclosure) -> Result<Document, ExportError> {
    let id = doc.header.template.trim();
    let t = template::find(id).ok_or_else(|| ExportError::UnknownTemplate(id.to_owned()))?;
    build_with(doc, t)
}

/// Lays out `doc` following `t`.
pub fn build_with(doc: &Disclosure, t: &Template) -> Result<Document, ExportError> {
    let r = Renderer::new(doc, &t.prelude);
    let mut title = Vec::new();
    for line in &t.title {
        let s = r.render(line)?;
        if !s.trim().is_empty() {
            title.push(s.trim().to_owned());
        }
    }
    let mut blocks = Vec::new();
    for section in &t.sections {
        section_blocks(doc, t, &r, section, &mut blocks)?;
    }
    let meta = meta(doc, &title);
    Ok(Document { title, blocks, meta })
}

/// The file properties: the title lines as one, the department as author, 编制日期.
fn meta(doc: &Disclosure, title: &[String]) -> Meta {
    let h = &doc.header;
    let subject = format!("{}年部门预算公开", h.year);
    Meta {
        title: if title.is_empty() { format!("{}{subject}", h.department.trim()) } else { title.concat() },
        subject,
        author: h.department.trim().to_owned(),
        date: Date::parse(&h.prepared_on),
    }
}

/// A template text the draft may word its own way (see [`crate::model::Layout`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutText {
    /// The text's source in the template file (the override key).
    pub original: String,
    /// "标题", "文字"…: what kind of text it is.
    pub kind: &'static str,
    /// The template's text rendered for the draft, without the draft's override.
    pub preview: String,
}

/// Every heading and fixed sentence of the draft's template, in document order, that
/// the draft can replace. Texts that differ only per row (project headings) are listed
/// once with their source as preview.
pub fn layout_texts(doc: &Disclosure) -> Result<Vec<LayoutText>, ExportError> {
    let id = doc.header.template.trim();
    let t = template::find(id).ok_or_else(|| ExportError::UnknownTemplate(id.to_owned()))?;
    let plain = Layout::default();
    let r = Renderer { layout: &plain, ..Renderer::new(doc, &t.prelude) };
    let mut out: Vec<LayoutText> = Vec::new();
    let mut add = |kind: &'static str, text: &str| {
        if text.trim().is_empty() || out.iter().any(|o| o.original == text) {
            return;
        }
        let preview =
            r.render_with(text, sample_row()).map(|s| s.trim().to_owned()).unwrap_or_else(|_| text.to_owned());
        out.push(LayoutText { original: text.to_owned(), kind, preview });
    };
    for line in &t.title {
        add("标题", line);
    }
    for s in &t.sections {
        match s {
            Section::Heading { text, .. } => add("标题", text),
            Section::Text(text) | Section::Lines(text) => add("文字", text),
            Section::Note(text) => add("注", text),
            Section::StandardTables { captions } | Section::ThreePublicTable { captions, .. } => {
                captions.iter().for_each(|c| add("表上说明", c))
            }
            Section::Institutions { title, .. } => add("表题", title),
            Section::SubGoals { title } => add("分项目标标题", title),
            Section::Projects { heading, captions, .. } => {
                add("项目表标题", heading);
                captions.iter().for_each(|c| add("表上说明", c));
            }
            Section::Procurement { title, captions, amounts_title, extra_columns, empty_note, .. } => {
                add("表题", title);
                captions.iter().for_each(|c| add("表上说明", c));
                add("表头", amounts_title);
                extra_columns.iter().for_each(|c| add("表头", c));
                add("注", empty_note);
            }
            Section::Assets { title, captions, header, total_label } => {
                add("表题", title);
                captions.iter().for_each(|c| add("表上说明", c));
                header.iter().for_each(|c| add("表头", c));
                add("表头", total_label);
            }
            Section::OtherMatters { default } => add("文字", default),
            Section::PageBreak
            | Section::Duties
            | Section::Offices
            | Section::OverallGoal
            | Section::Measures { .. }
            | Section::Glossary => {}
        }
    }
    Ok(out)
}

/// Renders one of the draft's own 版式 texts as the export would, to check it. Texts of
/// per-row headings may use the row's variables (`n`, `title`, `project.*`): a sample
/// row stands in for them.
pub fn render_layout_text(doc: &Disclosure, text: &str) -> Result<String, ExportError> {
    let id = doc.header.template.trim();
    let t = template::find(id).ok_or_else(|| ExportError::UnknownTemplate(id.to_owned()))?;
    Renderer::new(doc, &t.prelude).render_source(text, sample_row())
}

/// The per-row variables of sub-goal and project headings, for previews and checks.
fn sample_row() -> minijinja::Value {
    minijinja::context! {
        n => 1,
        title => "（分项目标）",
        project => minijinja::context! { name => "（项目名称）", code => "", unit => "" },
    }
}

/// The captions the draft's template prints over the standard tables, rendered for
/// `doc`. Templates without standard tables get the usual three: code and department,
/// 预算年度, 单位 (so the GUI can still show the tables as they would print).
pub fn standard_table_captions(doc: &Disclosure) -> Result<Vec<String>, ExportError> {
    let id = doc.header.template.trim();
    let t = template::find(id).ok_or_else(|| ExportError::UnknownTemplate(id.to_owned()))?;
    let captions = t.sections.iter().find_map(|s| match s {
        Section::StandardTables { captions } => Some(captions),
        _ => None,
    });
    match captions {
        Some(captions) => render_all(&Renderer::new(doc, &t.prelude), captions),
        None => Ok(default_standard_captions(doc)),
    }
}

/// The captions of the standard tables when no template gives them.
pub fn default_standard_captions(doc: &Disclosure) -> Vec<String> {
    let h = &doc.header;
    vec![
        format!("{}{}", h.department_code.trim(), h.department.trim()),
        format!("预算年度：{}", h.year),
        format!("单位：{}", h.unit.label()),
    ]
}

/// Chinese numerals for （一）… numbering (1 ≤ n ≤ 99).
pub(crate) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

/// Splits rendered text into its non-empty lines, as paragraphs.
fn push_paragraphs(text: &str, indent: bool, keep_leading: bool, out: &mut Vec<Block>) {
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let text = if keep_leading { line.trim_end().to_owned() } else { line.trim().to_owned() };
        out.push(Block::Paragraph { text, indent });
    }
}

fn section_blocks(
    doc: &Disclosure,
    t: &Template,
    r: &Renderer,
    section: &Section,
    out: &mut Vec<Block>,
) -> Result<(), ExportError> {
    match section {
        Section::Heading { level, text } => {
            let text = r.render(text)?;
            if !text.trim().is_empty() {
                out.push(Block::Heading { level: *level, text: text.trim().to_owned() });
            }
        }
        Section::Text(text) => push_paragraphs(&r.render(text)?, true, false, out),
        Section::Lines(text) => push_paragraphs(&r.render(text)?, false, true, out),
        Section::Note(text) => {
            let text = r.render(text)?;
            if !text.trim().is_empty() {
                out.push(Block::Note(text.trim().to_owned()));
            }
        }
        Section::PageBreak => out.push(Block::PageBreak),
        Section::StandardTables { captions } => {
            let captions = render_all(r, captions)?;
            for (i, table) in tables::standard_tables(doc, &captions).into_iter().enumerate() {
                if i > 0 {
                    out.push(Block::PageBreak);
                }
                out.push(Block::Table(table));
            }
        }
        Section::Duties => {
            push_paragraphs(&doc.duties.intro, true, false, out);
            for (i, item) in doc.duties.items.iter().filter(|s| !s.trim().is_empty()).enumerate() {
                out.push(Block::Paragraph {
                    text: format!("（{}）{}", chinese_number(i + 1), item.trim()),
                    indent: true,
                });
            }
        }
        Section::Institutions { title, numbered } => {
            if !doc.institutions.is_empty() {
                out.push(Block::Table(tables::institutions(doc, &r.render(title)?, *numbered)));
            }
        }
        Section::Offices => {
            for o in &doc.offices {
                let head = if o.head.trim().is_empty() {
                    String::new()
                } else {
                    format!("（负责人：{}）", o.head.trim())
                };
                let duties = o.duties.trim();
                let sep = if duties.is_empty() { "" } else { "：" };
                out.push(Block::Paragraph { text: format!("{}{head}{sep}{duties}", o.name.trim()), indent: true });
            }
        }
        Section::ThreePublicTable { captions, labels, total_label } => {
            let captions = render_all(r, captions)?;
            out.push(Block::Table(tables::three_public(doc, captions, labels, total_label)));
        }
        Section::OverallGoal => push_paragraphs(&doc.performance.overall_goal, true, false, out),
        Section::SubGoals { title } => {
            for (i, g) in doc.performance.sub_goals.iter().enumerate() {
                let heading = r.render_with(title, minijinja::context! { n => i + 1, title => g.title.trim() })?;
                push_paragraphs(&heading, true, false, out);
                if !g.goal.trim().is_empty() {
                    out.push(Block::Paragraph { text: format!("绩效目标：{}", g.goal.trim()), indent: true });
                }
                if !g.indicators.trim().is_empty() {
                    out.push(Block::Paragraph {
                        text: format!("绩效指标：{}", g.indicators.trim()), indent: true
                    });
                }
            }
        }
        Section::Measures { number } => {
            for (i, m) in doc.performance.measures.iter().filter(|m| !m.trim().is_empty()).enumerate() {
                let prefix = r.render_with(number, minijinja::context! { n => i + 1 })?;
                out.push(Block::Paragraph { text: format!("{prefix}{}", m.trim()), indent: true });
            }
        }
        Section::Projects { heading, captions, layout, goal_number, spend_plan } => {
            for (i, p) in doc.performance.projects.iter().enumerate() {
                let extra = minijinja::context! {
                    n => i + 1,
                    project => minijinja::context! { name => p.name.trim(), code => p.code.trim(), unit => p.unit.trim() },
                };
                let h = r.render_with(heading, extra.clone())?;
                if !h.trim().is_empty() {
                    out.push(Block::Heading { level: 3, text: h.trim().to_owned() });
                }
                let mut caps = Vec::new();
                for c in captions {
                    caps.push(r.render_with(c, extra.clone())?.trim().to_owned());
                }
                let mut goal_prefixes = Vec::new();
                for n in 1..=p.goals.len() {
                    goal_prefixes.push(r.render_with(goal_number, minijinja::context! { n => n })?);
                }
                out.push(Block::Table(tables::project(p, caps, *layout, &goal_prefixes, *spend_plan)));
            }
        }
        Section::Procurement { title, captions, amounts_title, columns, extra_columns, empty_note } => {
            let table = tables::procurement(
                doc,
                r.render(title)?.trim().to_owned(),
                render_all(r, captions)?,
                r.render(amounts_title)?.trim(),
                columns,
                &render_all(r, extra_columns)?,
                &r.render(empty_note)?,
            );
            out.push(Block::Table(table));
            for n in doc.procurement.notes.iter().filter(|n| !n.trim().is_empty()) {
                out.push(Block::Note(n.trim().to_owned()));
            }
        }
        Section::Assets { title, captions, header, total_label } => {
            let header = render_all(r, header)?;
            let table = tables::assets(
                doc,
                r.render(title)?.trim().to_owned(),
                render_all(r, captions)?,
                &header,
                &r.render(total_label)?,
            );
            out.push(Block::Table(table));
        }
        Section::Glossary => {
            let entries = if doc.glossary.is_empty() { &t.glossary } else { &doc.glossary };
            for (i, g) in entries.iter().enumerate() {
                out.push(Block::Paragraph {
                    text: format!("{}、{}：{}", i + 1, g.term.trim(), g.definition.trim()),
                    indent: true,
                });
            }
        }
        Section::OtherMatters { default } => {
            if doc.other_matters.trim().is_empty() {
                push_paragraphs(&r.render(default)?, true, false, out);
            } else {
                push_paragraphs(&doc.other_matters, true, false, out);
            }
        }
    }
    Ok(())
}

fn render_all(r: &Renderer, texts: &[String]) -> Result<Vec<String>, ExportError> {
    texts.iter().map(|t| r.render(t).map(|s| s.trim().to_owned())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_table_captions_follow_the_template() {
        use crate::samples::{self, Seed};
        let doc = samples::load(Seed::S001);
        let captions = standard_table_captions(&doc).unwrap();
        assert_eq!(captions, ["434保定市徐水区人民政府办公室", "预算年度：2024", "单位：万元"]);
        // The same captions the export prints over its tables.
        let printed = build(&doc).unwrap();
        let first = printed.blocks.iter().find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        });
        assert_eq!(first.map(|t| &t.captions), Some(&captions));
        // A template without standard tables: the usual three.
        let doc = samples::load(Seed::S000);
        assert_eq!(standard_table_captions(&doc).unwrap(), default_standard_captions(&doc));
        let mut doc = doc;
        doc.header.template = "no-such-template".into();
        assert!(matches!(standard_table_captions(&doc), Err(ExportError::UnknownTemplate(_))));
    }

    #[test]
    fn the_drafts_own_wording_replaces_template_texts() {
        use crate::samples::{self, Seed};
        let mut doc = samples::load(Seed::S002);
        let texts = layout_texts(&doc).unwrap();
        let assets = texts.iter().find(|t| t.preview == "七、国有资产信息").expect("heading listed");
        assert_eq!(assets.kind, "标题");
        let sentence = texts.iter().find(|t| t.preview.contains("我部门安排政府采购预算344万元")).unwrap();
        doc.layout.set(&assets.original.clone(), Some("7、国有资产情况".into()));
        doc.layout.set(
            &sentence.original.clone(),
            Some("{{ year }}年政府采购预算{{ procurement.total | amount }}{{ unit }}。".into()),
        );
        let text = crate::export::text::render(&build(&doc).unwrap());
        assert!(text.contains("7、国有资产情况") && !text.contains("七、国有资产信息"), "{text}");
        assert!(text.contains("2020年政府采购预算344万元。"), "{text}");
        // The list still previews the template's own wording.
        assert!(layout_texts(&doc).unwrap().iter().any(|t| t.preview == "七、国有资产信息"));
        // Per-row headings are listed with a sample row and may be reworded with its variables.
        let heading = texts.iter().find(|t| t.kind == "项目表标题").unwrap();
        assert_eq!(heading.preview, "1、（项目名称）绩效目标表");
        doc.layout.set(&heading.original.clone(), Some("（{{ n }}）{{ project.name }}".into()));
        assert!(render_layout_text(&doc, "（{{ n }}）{{ project.name }}").is_ok());
        let text = crate::export::text::render(&build(&doc).unwrap());
        assert!(text.contains("（1）社区党组织服务群众专项经费") && text.contains("（4）社区租赁费"));
        // A broken override is a clear error naming the 版式.
        doc.layout.set(&sentence.original, Some("{{ nosuch }}".into()));
        let err = build(&doc).unwrap_err().to_string();
        assert!(err.contains("版式"), "{err}");
        assert!(render_layout_text(&doc, "{{ nosuch }}").is_err());
    }

    #[test]
    fn numbers_in_chinese() {
        let got: Vec<String> = [1, 9, 10, 11, 15, 20, 21, 31].iter().map(|n| chinese_number(*n)).collect();
        assert_eq!(got, ["一", "九", "十", "十一", "十五", "二十", "二十一", "三十一"]);
    }
}
