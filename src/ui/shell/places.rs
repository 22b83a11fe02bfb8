//! Places in the draft found by content: Ctrl+F's matches, and what an undo or redo
//! changed (so the app can show it).
//!
//! Both walk the draft as serialised data (every field of the model, whatever forms
//! exist) and name each leaf by the [`Location`] of the form that shows it: section,
//! row and sub-row. The field is left out (the forms scroll to a row without one).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::model::{AmountUnit, Disclosure, parse_amount};
use crate::rules::{Location, Section};

/// A step of a path in the serialised draft: a field name or a list index.
#[derive(Debug, Clone, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The form location showing the leaf at `path`.
fn location_of(path: &[Step]) -> Location {
    use Step::{Index, Key};
    let at = |section, row: Option<usize>, item: Option<usize>| Location { section, row, item, field: None };
    match path {
        [Key("header"), ..] => at(Section::Header, None, None),
        [Key("duties"), Key("items"), Index(i), ..] => at(Section::Duties, Some(*i), None),
        [Key("duties"), ..] => at(Section::Duties, None, None),
        [Key("institutions"), Index(i), ..] => at(Section::Institutions, Some(*i), None),
        [Key("offices"), Index(i), ..] => at(Section::Offices, Some(*i), None),
        [Key("budget"), Key("function_lines"), Index(i), ..] => at(Section::FunctionLines, Some(*i), None),
        [Key("budget"), Key("economic_lines"), Index(i), ..] => at(Section::EconomicLines, Some(*i), None),
        [Key("budget"), Key("function_lines"), ..] => at(Section::FunctionLines, None, None),
        [Key("budget"), Key("economic_lines"), ..] => at(Section::EconomicLines, None, None),
        [Key("running_costs"), Key("items"), Index(i), ..] => at(Section::RunningCosts, Some(*i), None),
        [Key("running_costs"), ..] => at(Section::RunningCosts, None, None),
        [Key("three_public"), ..] => at(Section::ThreePublic, None, None),
        [Key("performance"), Key("projects"), Index(p), Key("indicators"), Index(k), ..] => {
            at(Section::Projects, Some(*p), Some(*k))
        }
        [Key("performance"), Key("projects"), Index(p), ..] => at(Section::Projects, Some(*p), None),
        [Key("performance"), Key("projects"), ..] => at(Section::Projects, None, None),
        [Key("performance"), Key("sub_goals"), Index(i), ..] => at(Section::SubGoals, Some(*i), None),
        [Key("performance"), Key("sub_goals"), ..] => at(Section::SubGoals, None, None),
        [Key("performance"), Key("measures"), Index(i), ..] => at(Section::Measures, Some(*i), None),
        [Key("performance"), Key("measures"), ..] => at(Section::Measures, None, None),
        [Key("performance"), ..] => at(Section::Performance, None, None),
        [Key("procurement"), Key("rows"), Index(i), ..] => at(Section::Procurement, Some(*i), None),
        [Key("procurement"), ..] => at(Section::Procurement, None, None),
        [Key("assets"), Key("categories"), Index(i), ..] => at(Section::Assets, Some(*i), None),
        [Key("assets"), ..] => at(Section::Assets, None, None),
        [Key("glossary"), Index(i), ..] => at(Section::Glossary, Some(*i), None),
        [Key("glossary"), ..] => at(Section::Glossary, None, None),
        [Key("other_matters"), ..] => at(Section::OtherMatters, None, None),
        // budget totals and anything new: the summary shows the figures.
        _ => at(Section::Summary, None, None),
    }
}

fn to_value(doc: &Disclosure) -> Value {
    // Serialising the in-memory model cannot fail (no maps with non-string keys).
    serde_json::to_value(doc).unwrap_or(Value::Null)
}

/// One match of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub location: Location,
    /// The matching text (shortened around the match).
    pub text: String,
}

/// Every place of `doc` whose text contains `query`, or whose amount equals it when the
/// query is a number ("1,445.11" finds 1445.11), in document order, at most `limit`.
pub fn find(doc: &Disclosure, query: &str, limit: usize) -> Vec<Match> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let amount = parse_amount(query, AmountUnit::Yuan).ok();
    let lower = query.to_lowercase();
    let mut out = Vec::new();
    let mut path = Vec::new();
    walk(&to_value(doc), &mut path, &mut |path, leaf| {
        if out.len() >= limit {
            return;
        }
        let text = match leaf {
            Value::String(s) => s.as_str(),
            _ => return,
        };
        let hit_amount = amount.is_some_and(|a| Decimal::from_str(text.trim()).is_ok_and(|v| v == a));
        if hit_amount || text.to_lowercase().contains(&lower) {
            out.push(Match { location: location_of(path), text: excerpt(text, query) });
        }
    });
    // Several fields of one row are one place to jump to.
    out.dedup_by(|a, b| a.location == b.location);
    out
}

/// The text around the first occurrence of `query` (about 30 characters).
fn excerpt(text: &str, query: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 30 {
        return text.to_owned();
    }
    let at = text.to_lowercase().find(&query.to_lowercase()).map_or(0, |b| text[..b.min(text.len())].chars().count());
    let start = at.saturating_sub(10);
    let end = (start + 30).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}

fn walk<'a>(value: &'a Value, path: &mut Vec<Step<'a>>, visit: &mut impl FnMut(&[Step<'a>], &'a Value)) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(Step::Key(k));
                walk(v, path, visit);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(v, path, visit);
                path.pop();
            }
        }
        leaf => visit(path, leaf),
    }
}

/// What names a row, most telling first.
const NAME_KEYS: [&str; 9] = ["name", "project", "level3", "term", "title", "item", "description", "code", "unit"];

/// A short name for the row (or sub-row) at `location` of `doc` — its name, title, term
/// or code — to say what a deletion removed. `None` when the row names nothing.
pub fn row_name(doc: &Disclosure, location: &Location) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    let mut path = Vec::new();
    walk(&to_value(doc), &mut path, &mut |path, leaf| {
        let (Some(Step::Key(key)), Value::String(text)) = (path.last(), leaf) else { return };
        let Some(rank) = NAME_KEYS.iter().position(|k| k == key) else { return };
        if text.trim().is_empty() || location_of(path) != *location {
            return;
        }
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, excerpt(text.trim(), "")));
        }
    });
    best.map(|(_, name)| name)
}

/// Where `after` first differs from `before` (the row added, removed or edited), if
/// anywhere.
pub fn first_change(before: &Disclosure, after: &Disclosure) -> Option<Location> {
    let (a, b) = (to_value(before), to_value(after));
    let mut path = Vec::new();
    diff(&a, &b, &mut path).then(|| location_of(&path))
}

/// True when `a` and `b` differ; `path` is then where.
fn diff<'a>(a: &'a Value, b: &'a Value, path: &mut Vec<Step<'a>>) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                path.push(Step::Key(k));
                match y.get(k) {
                    Some(w) if diff(v, w, path) => return true,
                    None => return true,
                    Some(_) => {}
                }
                path.pop();
            }
            if let Some(k) = y.keys().find(|k| !x.contains_key(*k)) {
                path.push(Step::Key(k));
                return true;
            }
            false
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                path.push(Step::Index(i));
                if diff(v, w, path) {
                    return true;
                }
                path.pop();
            }
            if x.len() != y.len() {
                // A row added or removed at the end: that row's index (past the end of
                // the shorter list; forms clamp it).
                path.push(Step::Index(x.len().min(y.len())));
                return true;
            }
            false
        }
        _ => a != b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, Project};

    fn doc() -> Disclosure {
        let mut doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
        doc.performance.projects = vec![
            Project { name: "甲项目".into(), ..Project::default() },
            Project {
                name: "乙项目".into(),
                fiscal: Some(Decimal::new(144511, 2)),
                indicators: vec![
                    Indicator::default(),
                    Indicator { level3: "覆盖社区数量".into(), ..Indicator::default() },
                ],
                ..Project::default()
            },
        ];
        doc
    }

    #[test]
    fn finds_words_and_amounts_with_their_rows() {
        let d = doc();
        let words = find(&d, "社区", 10);
        assert_eq!(words.len(), 1);
        assert_eq!(
            words[0].location,
            Location { section: Section::Projects, row: Some(1), item: Some(1), field: None }
        );
        let amounts = find(&d, "1,445.11", 10);
        assert_eq!(amounts.iter().map(|m| m.location.row).collect::<Vec<_>>(), vec![Some(1)]);
        assert!(find(&d, "  ", 10).is_empty());
        assert!(find(&d, "不存在的词", 10).is_empty());
    }

    #[test]
    fn the_first_change_names_the_row() {
        let before = doc();
        let mut after = before.clone();
        assert_eq!(first_change(&before, &after), None);
        after.performance.projects[1].indicators.remove(0);
        let at = first_change(&before, &after).unwrap();
        assert_eq!((at.section, at.row, at.item), (Section::Projects, Some(1), Some(0)));
        let mut after = before.clone();
        after.duties.items.push("新职责".into());
        assert_eq!(first_change(&before, &after).map(|l| (l.section, l.row)), Some((Section::Duties, Some(0))));
        let mut after = before.clone();
        after.header.department = "乙".into();
        assert_eq!(first_change(&before, &after).map(|l| l.section), Some(Section::Header));
    }

    #[test]
    fn a_row_is_named_by_its_most_telling_text() {
        let d = doc();
        let indicator = Location { section: Section::Projects, row: Some(1), item: Some(1), field: None };
        assert_eq!(row_name(&d, &indicator).as_deref(), Some("覆盖社区数量"));
        assert_eq!(row_name(&d, &Location::row(Section::Projects, 0)).as_deref(), Some("甲项目"));
        let unnamed = Location { section: Section::Projects, row: Some(1), item: Some(0), field: None };
        assert_eq!(row_name(&d, &unnamed), None);
    }

    #[test]
    fn long_texts_are_shortened_around_the_match() {
        let text = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十甲乙丙一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
        let e = excerpt(text, "甲乙丙");
        assert!(e.contains("甲乙丙") && e.starts_with('…') && e.ends_with('…'), "{e}");
    }
}
