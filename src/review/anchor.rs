//! Anchors: a place in a draft named by what is there, not by its index.
//!
//! The model has no ids, and the officer keeps inserting, deleting and reordering
//! projects, lines and paragraphs. An [`Anchor`] therefore names a place by the section,
//! the row's identity key (a project's or line's code, else its name; an institution's
//! name; a paragraph's own text), which occurrence of that key it is, the same again for
//! a sub-row (an indicator's 三级指标 name, a goal line's text), the field, and a quote
//! of what was there. [`Anchor::resolve`] finds the place again in a later version; a
//! paragraph that was reworded is found by its most similar text. When nothing matches
//! the target was deleted, and the quote still says what it was.

use serde::{Deserialize, Serialize};
use similar::TextDiff;

use crate::model::{Disclosure, Project, ThreePublicKind};
use crate::rules::{Location, Section};

/// A place in a draft, by identity (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Anchor {
    /// The section's stable key ("projects", "table3"…).
    pub section: String,
    /// The row's identity key, if the place is in a row.
    pub row: Option<String>,
    /// Which row with that key (0 = the first).
    pub row_nth: usize,
    /// The sub-row's identity key (indicator name, goal text, spend-plan checkpoint).
    pub item: Option<String>,
    pub item_nth: usize,
    /// The field's key (a model field name).
    pub field: Option<String>,
    /// What was there when the anchor was made (row name and field value).
    pub quote: String,
}

impl Default for Anchor {
    fn default() -> Self {
        Anchor {
            section: section_key(Section::Header),
            row: None,
            row_nth: 0,
            item: None,
            item_nth: 0,
            field: None,
            quote: String::new(),
        }
    }
}

/// The row key of a row that has no identity but its position.
const POSITION: &str = "#";

/// How much of a paragraph must survive a rewording for it to be the same paragraph.
const SAME_PARAGRAPH: f32 = 0.6;

/// Every section with its stable key.
const SECTIONS: [(Section, &str); 26] = [
    (Section::Header, "header"),
    (Section::Duties, "duties"),
    (Section::Institutions, "institutions"),
    (Section::Offices, "offices"),
    (Section::FunctionLines, "function_lines"),
    (Section::EconomicLines, "economic_lines"),
    (Section::Summary, "summary"),
    (Section::RunningCosts, "running_costs"),
    (Section::ThreePublic, "three_public"),
    (Section::Performance, "performance"),
    (Section::SubGoals, "sub_goals"),
    (Section::Measures, "measures"),
    (Section::Projects, "projects"),
    (Section::Procurement, "procurement"),
    (Section::Assets, "assets"),
    (Section::Glossary, "glossary"),
    (Section::OtherMatters, "other_matters"),
    (Section::Table(1), "table1"),
    (Section::Table(2), "table2"),
    (Section::Table(3), "table3"),
    (Section::Table(4), "table4"),
    (Section::Table(5), "table5"),
    (Section::Table(6), "table6"),
    (Section::Table(7), "table7"),
    (Section::Table(8), "table8"),
    (Section::Table(9), "table9"),
];

/// The stable key of a section, as stored in review files.
pub fn section_key(section: Section) -> String {
    SECTIONS.iter().find(|(s, _)| *s == section).map(|(_, k)| (*k).to_owned()).unwrap_or_default()
}

/// The section of a stored key.
pub fn section_of(key: &str) -> Option<Section> {
    SECTIONS.iter().find(|(_, k)| *k == key).map(|(s, _)| *s)
}

/// The field keys a [`Location`] can hold (model field names), so a stored key finds
/// its `&'static str` again.
const FIELDS: &[&str] = &[
    "department",
    "department_code",
    "year",
    "unit",
    "template",
    "preparer",
    "prepared_on",
    "intro",
    "item",
    "name",
    "nature",
    "rank",
    "funding",
    "head",
    "duties",
    "code",
    "basic",
    "project",
    "general_budget",
    "gov_fund",
    "state_capital",
    "fiscal_special",
    "business",
    "operating",
    "superior",
    "affiliated",
    "other",
    "carryover",
    "unit_funds",
    "personnel",
    "public",
    "last_basic",
    "last_project",
    "basic_change_reason",
    "project_change_reason",
    "project_main_uses",
    "total",
    "amount",
    "note",
    "last_year",
    "this_year",
    "reason",
    "overall_goal",
    "special_funds",
    "title",
    "goal",
    "indicators",
    "fiscal",
    "purpose",
    "spend_plan",
    "level1",
    "level2",
    "level3",
    "description",
    "value",
    "basis",
    "project_budget",
    "catalog",
    "measure",
    "quantity",
    "unit_price",
    "as_of",
    "quantity_unit",
    "planned_purchase",
    "planned_note",
    "sub_item",
    "term",
    "definition",
    "text",
];

fn static_field(key: &str) -> Option<&'static str> {
    FIELDS.iter().find(|f| **f == key).copied()
}

fn code_or_name(code: &str, name: &str) -> String {
    if code.trim().is_empty() { name.to_owned() } else { code.to_owned() }
}

/// The identity key of each row of `section`, in order. Paragraph lists use the text.
fn row_keys(doc: &Disclosure, section: Section) -> Vec<String> {
    match section {
        Section::Duties => doc.duties.items.clone(),
        Section::Institutions => doc.institutions.iter().map(|r| r.name.clone()).collect(),
        Section::Offices => doc.offices.iter().map(|r| r.name.clone()).collect(),
        Section::FunctionLines => doc.budget.function_lines.iter().map(|l| code_or_name(&l.code, &l.name)).collect(),
        Section::EconomicLines => doc.budget.economic_lines.iter().map(|l| code_or_name(&l.code, &l.name)).collect(),
        Section::RunningCosts => doc.running_costs.items.iter().map(|i| i.name.clone()).collect(),
        Section::ThreePublic => ThreePublicKind::ALL.iter().map(|k| k.label().to_owned()).collect(),
        Section::SubGoals => doc.performance.sub_goals.iter().map(|g| g.title.clone()).collect(),
        Section::Measures => doc.performance.measures.clone(),
        Section::Projects => doc.performance.projects.iter().map(|p| code_or_name(&p.code, &p.name)).collect(),
        Section::Procurement => {
            doc.procurement.rows.iter().map(|r| format!("{}|{}|{}", r.project, r.item, r.catalog)).collect()
        }
        Section::Assets => doc.assets.categories.iter().map(|c| c.name.clone()).collect(),
        Section::Glossary => doc.glossary.iter().map(|g| g.term.clone()).collect(),
        Section::Table(3 | 5 | 7 | 8) => {
            doc.budget.function_rows(doc.header.year).into_iter().map(|r| r.code).collect()
        }
        Section::Table(6) => doc.budget.economic_rows().into_iter().map(|r| r.code).collect(),
        _ => Vec::new(),
    }
}

/// Whether a section's rows are paragraphs (found again by similar text).
fn is_paragraphs(section: Section) -> bool {
    matches!(section, Section::Duties | Section::Measures)
}

/// The identity key of each sub-row of project `p` for `field`.
fn item_keys(p: &Project, field: Option<&str>) -> (Vec<String>, bool) {
    match field {
        Some("goal") => (p.goals.clone(), true),
        Some("spend_plan") => (crate::model::SPEND_PLAN_LABELS.iter().map(|s| (*s).to_owned()).collect(), false),
        _ => (p.indicators.iter().map(|i| i.level3.clone()).collect(), false),
    }
}

/// (key, which occurrence) of position `at` in `keys`.
fn key_at(keys: &[String], at: usize) -> Option<(String, usize)> {
    let key = keys.get(at)?;
    Some((key.clone(), keys[..at].iter().filter(|k| *k == key).count()))
}

/// The position of the `nth` row with `key`; for paragraphs, else the most similar one.
fn find(keys: &[String], key: &str, nth: usize, paragraphs: bool) -> Option<usize> {
    if let Some(at) = keys.iter().enumerate().filter(|(_, k)| *k == key).map(|(i, _)| i).nth(nth) {
        return Some(at);
    }
    if !paragraphs {
        return None;
    }
    keys.iter()
        .enumerate()
        .map(|(i, k)| (i, TextDiff::from_chars(key, k.as_str()).ratio()))
        .filter(|(_, r)| *r >= SAME_PARAGRAPH)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

impl Anchor {
    /// The anchor of `location` in `doc`, quoting what is there.
    pub fn at(doc: &Disclosure, location: &Location) -> Anchor {
        let section = location.section;
        let mut anchor = Anchor {
            section: section_key(section),
            field: location.field.map(str::to_owned),
            quote: quote(doc, location),
            ..Anchor::default()
        };
        let keys = row_keys(doc, section);
        if let Some(row) = location.row
            && keys.is_empty()
        {
            // Fixed rows without identity (tables 1, 2, 4, 9): the position is the identity.
            anchor.row = Some(format!("{POSITION}{row}"));
        } else if let Some(row) = location.row
            && let Some((key, nth)) = key_at(&keys, row)
        {
            anchor.row = Some(key);
            anchor.row_nth = nth;
            if section == Section::Projects
                && let (Some(item), Some(p)) = (location.item, doc.performance.projects.get(row))
                && let Some((key, nth)) = key_at(&item_keys(p, location.field).0, item)
            {
                anchor.item = Some(key);
                anchor.item_nth = nth;
            }
        }
        anchor
    }

    /// The place in `doc` this anchor names, or `None` when its target was deleted.
    pub fn resolve(&self, doc: &Disclosure) -> Option<Location> {
        let section = section_of(&self.section)?;
        let field = match &self.field {
            Some(f) => Some(static_field(f)?),
            None => None,
        };
        let mut location = Location { section, row: None, item: None, field };
        if let Some(key) = &self.row {
            let keys = row_keys(doc, section);
            let by_position = key.strip_prefix(POSITION).filter(|_| keys.is_empty()).and_then(|n| n.parse().ok());
            let row = match by_position {
                Some(row) => row,
                None => find(&keys, key, self.row_nth, is_paragraphs(section))?,
            };
            location.row = Some(row);
            if let Some(item_key) = &self.item {
                let p = doc.performance.projects.get(row)?;
                let (keys, paragraphs) = item_keys(p, field);
                location.item = Some(find(&keys, item_key, self.item_nth, paragraphs)?);
            }
        }
        Some(location)
    }
}

/// What is at `location`, for quoting: the row's name and the field's value.
pub fn quote(doc: &Disclosure, location: &Location) -> String {
    let value = field_value(doc, location).unwrap_or_default();
    let row = location.row.and_then(|r| row_label(doc, location.section, r)).unwrap_or_default();
    match (row.is_empty(), value.is_empty()) {
        (false, false) if row != value => format!("{row}：{value}"),
        (false, _) => row,
        (true, _) => value,
    }
}

fn row_label(doc: &Disclosure, section: Section, row: usize) -> Option<String> {
    Some(match section {
        Section::Projects => {
            let p = doc.performance.projects.get(row)?;
            format!("{} {}", p.code, p.name).trim().to_owned()
        }
        Section::FunctionLines => {
            let l = doc.budget.function_lines.get(row)?;
            format!("{} {}", l.code, l.name).trim().to_owned()
        }
        Section::EconomicLines => {
            let l = doc.budget.economic_lines.get(row)?;
            format!("{} {}", l.code, l.name).trim().to_owned()
        }
        Section::Procurement => {
            let r = doc.procurement.rows.get(row)?;
            if r.item.is_empty() { r.project.clone() } else { r.item.clone() }
        }
        Section::Duties | Section::Measures => return None,
        _ => row_keys(doc, section).get(row)?.clone(),
    })
}

/// The field's value as text, read through the draft's serialised form so every field
/// of every row is reachable without a second list of them.
pub fn field_value(doc: &Disclosure, location: &Location) -> Option<String> {
    use serde_json::Value;
    let whole = serde_json::to_value(doc).ok()?;
    let part: Value = match location.section {
        Section::Header => whole["header"].clone(),
        Section::Duties => match location.row {
            Some(_) => whole["duties"]["items"].clone(),
            None => whole["duties"].clone(),
        },
        Section::Institutions => whole["institutions"].clone(),
        Section::Offices => whole["offices"].clone(),
        Section::FunctionLines => whole["budget"]["function_lines"].clone(),
        Section::EconomicLines => whole["budget"]["economic_lines"].clone(),
        Section::Summary => whole["summary"].clone(),
        Section::RunningCosts => match location.row {
            Some(_) => whole["running_costs"]["items"].clone(),
            None => whole["running_costs"].clone(),
        },
        Section::ThreePublic => match location.row {
            Some(r) => {
                let key = ["abroad", "car_purchase", "car_running", "reception"].get(r)?;
                return text_of(&whole["three_public"][key][location.field?]);
            }
            None => whole["three_public"].clone(),
        },
        Section::Performance => whole["performance"].clone(),
        Section::SubGoals => whole["performance"]["sub_goals"].clone(),
        Section::Measures => whole["performance"]["measures"].clone(),
        Section::Projects => whole["performance"]["projects"].clone(),
        Section::Procurement => whole["procurement"]["rows"].clone(),
        Section::Assets => match location.row {
            Some(_) => whole["assets"]["categories"].clone(),
            None => whole["assets"].clone(),
        },
        Section::Glossary => whole["glossary"].clone(),
        Section::OtherMatters => return Some(doc.other_matters.clone()),
        Section::Table(_) => return None,
    };
    let row = match location.row {
        Some(r) => part.get(r)?.clone(),
        None => part,
    };
    if row.is_string() {
        return text_of(&row);
    }
    let field = location.field?;
    let value = match (location.section, location.item, field) {
        (Section::Projects, Some(i), "goal") => row["goals"].get(i)?.clone(),
        (Section::Projects, Some(i), "spend_plan") => row["spend_plan"].get(i)?.clone(),
        (Section::Projects, Some(i), f) => row["indicators"].get(i)?.get(f)?.clone(),
        (_, _, f) => row
            .get(f)
            .or_else(|| row.get("income").and_then(|i| i.get(f)))
            .or_else(|| row.get("funds").and_then(|i| i.get(f)))
            .cloned()?,
    };
    text_of(&value)
}

fn text_of(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
