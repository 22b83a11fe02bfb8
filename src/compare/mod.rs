//! What changed between two versions of a draft: the supervisor's "what did the officer
//! change since I last looked".
//!
//! [`compare`] walks both drafts part by part and reports every changed amount (old →
//! new and the difference), every changed text with the changed characters marked (a
//! character diff: Chinese has no spaces to split words at), rows and paragraphs added,
//! removed or moved, and the findings that appeared or disappeared. Rows (projects,
//! lines, indicators, institutions…) are matched by identity — code, then name — never
//! by position (see [`rows`]), so a reordered list reads as moves.
//!
//! A change's [`Location`] points into the *new* draft, so the app can jump to it; a
//! removed row points at its section (or the parent row that still exists). Pure: no
//! files, no UI.

pub mod rows;

use std::collections::HashMap;
use std::fmt;

use rust_decimal::Decimal;
use similar::{Algorithm, ChangeTag, DiffOp};

use crate::model::{Disclosure, Funds, Income, Indicator, Project, SPEND_PLAN_LABELS, ThreePublicKind};
use crate::rules::{self, Finding, Location, Section};

use rows::match_rows;

/// Everything that differs between two drafts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// Changes to the draft's content, in document order.
    pub changes: Vec<Change>,
    /// Findings of the new draft the old one did not have (locations in the new draft).
    pub findings_appeared: Vec<Finding>,
    /// Findings of the old draft the new one no longer has (locations in the old draft).
    pub findings_disappeared: Vec<Finding>,
}

impl Comparison {
    /// True when the drafts say the same and report the same findings.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.findings_appeared.is_empty() && self.findings_disappeared.is_empty()
    }
}

/// One change to the content.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Where, in the new draft.
    pub location: Location,
    /// The row or paragraph by identity ("项目 2024001 城区绿化"), empty for a plain field.
    pub subject: String,
    pub kind: ChangeKind,
}

/// What kind of change.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    /// An amount changed; `None` is an empty field.
    Amount { old: Option<Decimal>, new: Option<Decimal> },
    /// A text changed; `marks` is the new text with the removed and inserted characters.
    Text { old: String, new: String, marks: Vec<Mark> },
    /// A row or paragraph was added; `content` is what it holds (its name or text).
    Added { content: String },
    /// A row or paragraph was removed.
    Removed { content: String },
    /// A row changed its place (1-based positions).
    Moved { from: usize, to: usize },
}

impl ChangeKind {
    /// new − old for an amount (an empty field counts as 0).
    pub fn difference(&self) -> Option<Decimal> {
        match self {
            ChangeKind::Amount { old, new } => Some(new.unwrap_or_default() - old.unwrap_or_default()),
            _ => None,
        }
    }

    /// 金额 / 文字 / 新增 / 删除 / 移动.
    pub fn label(&self) -> &'static str {
        match self {
            ChangeKind::Amount { .. } => "金额",
            ChangeKind::Text { .. } => "文字",
            ChangeKind::Added { .. } => "新增",
            ChangeKind::Removed { .. } => "删除",
            ChangeKind::Moved { .. } => "移动",
        }
    }

    /// amount / text / added / removed / moved (the `--json` spelling).
    pub fn key(&self) -> &'static str {
        match self {
            ChangeKind::Amount { .. } => "amount",
            ChangeKind::Text { .. } => "text",
            ChangeKind::Added { .. } => "added",
            ChangeKind::Removed { .. } => "removed",
            ChangeKind::Moved { .. } => "moved",
        }
    }
}

/// A run of characters of a changed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub tag: MarkTag,
    pub text: String,
}

/// Whether a run is in both versions, only the old or only the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkTag {
    Same,
    Removed,
    Inserted,
}

impl MarkTag {
    /// same / removed / inserted (the `--json` spelling).
    pub fn key(self) -> &'static str {
        match self {
            MarkTag::Same => "same",
            MarkTag::Removed => "removed",
            MarkTag::Inserted => "inserted",
        }
    }
}

/// The characters that differ between `old` and `new`, as runs.
pub fn mark_text(old: &str, new: &str) -> Vec<Mark> {
    similar::utils::diff_chars(Algorithm::Myers, old, new)
        .into_iter()
        .map(|(tag, text)| Mark {
            tag: match tag {
                ChangeTag::Equal => MarkTag::Same,
                ChangeTag::Delete => MarkTag::Removed,
                ChangeTag::Insert => MarkTag::Inserted,
            },
            text: text.to_owned(),
        })
        .collect()
}

/// An amount as entered: exact, with at least two decimals.
pub fn amount_text(value: Option<Decimal>) -> String {
    match value {
        None => "（空）".to_owned(),
        Some(d) if d.scale() < 2 => format!("{d:.2}"),
        Some(d) => d.normalize().to_string(),
    }
}

/// The marked text: `[-removed-]{+inserted+}`, long unchanged runs shortened to "…".
pub fn marked_text(marks: &[Mark]) -> String {
    const KEEP: usize = 12;
    let mut out = String::new();
    let last = marks.len().saturating_sub(1);
    for (i, m) in marks.iter().enumerate() {
        match m.tag {
            MarkTag::Removed => out.push_str(&format!("[-{}-]", m.text)),
            MarkTag::Inserted => out.push_str(&format!("{{+{}+}}", m.text)),
            MarkTag::Same => {
                let chars: Vec<char> = m.text.chars().collect();
                let head = if i == 0 { 0 } else { KEEP };
                let tail = if i == last { 0 } else { KEEP };
                if chars.len() > head + tail + 1 {
                    out.extend(&chars[..head]);
                    out.push('…');
                    out.extend(&chars[chars.len() - tail..]);
                } else {
                    out.push_str(&m.text);
                }
            }
        }
    }
    out
}

impl Change {
    /// The change without its kind: "第四部分 “三公”经费 第2行 本年预算：12.00 → 10.00（-2.00）".
    pub fn describe(&self) -> String {
        let mut out = self.location.to_string();
        if !self.subject.is_empty() {
            out.push_str(&format!("（{}）", self.subject));
        }
        let what = match &self.kind {
            ChangeKind::Amount { old, new } => {
                let diff = self.kind.difference().unwrap_or_default();
                let sign = if diff.is_sign_positive() { "+" } else { "" };
                format!("{} → {}（{sign}{}）", amount_text(*old), amount_text(*new), amount_text(Some(diff)))
            }
            ChangeKind::Text { marks, .. } => marked_text(marks),
            ChangeKind::Added { content } | ChangeKind::Removed { content } => content.clone(),
            ChangeKind::Moved { from, to } => format!("第{from}位 → 第{to}位"),
        };
        out.push('：');
        out.push_str(&what);
        out
    }
}

impl fmt::Display for Change {
    /// "[金额] " and [`Change::describe`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.kind.label(), self.describe())
    }
}

/// Compares two drafts; see the module docs.
pub fn compare(old: &Disclosure, new: &Disclosure) -> Comparison {
    compare_checked(old, &rules::validate(old), new, &rules::validate(new))
}

/// [`compare`] with the findings of both drafts already at hand (the app has them).
pub fn compare_checked(
    old: &Disclosure,
    old_findings: &[Finding],
    new: &Disclosure,
    new_findings: &[Finding],
) -> Comparison {
    let mut d = Differ::default();
    d.header(old, new);
    d.part1(old, new);
    d.budget(old, new);
    d.summary(old, new);
    d.running_costs(old, new);
    d.three_public(old, new);
    d.performance(old, new);
    d.procurement(old, new);
    d.assets(old, new);
    d.rows(
        Section::Glossary,
        "名词",
        &old.glossary,
        &new.glossary,
        &[&|g| g.term.clone()],
        &|g| g.term.clone(),
        |d, j, s, a, b| {
            d.text(Location::cell(Section::Glossary, j, "definition"), s, &a.definition, &b.definition);
        },
    );
    d.text(Location::field(Section::OtherMatters, "text"), "", &old.other_matters, &new.other_matters);

    let (findings_appeared, findings_disappeared) = compare_findings(old_findings, new_findings);
    Comparison { changes: d.changes, findings_appeared, findings_disappeared }
}

/// The findings only in `new` and those only in `old`, matched by rule and message (the
/// location's row numbers shift when rows move; the message names the figures).
fn compare_findings(old: &[Finding], new: &[Finding]) -> (Vec<Finding>, Vec<Finding>) {
    let key = |f: &Finding| (f.rule, f.message.clone());
    let mut old_left: HashMap<(&str, String), usize> = HashMap::new();
    for f in old {
        *old_left.entry(key(f)).or_default() += 1;
    }
    let mut appeared = Vec::new();
    for f in new {
        match old_left.get_mut(&key(f)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => appeared.push(f.clone()),
        }
    }
    let mut new_left: HashMap<(&str, String), usize> = HashMap::new();
    for f in new {
        *new_left.entry(key(f)).or_default() += 1;
    }
    let mut disappeared = Vec::new();
    for f in old {
        match new_left.get_mut(&key(f)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => disappeared.push(f.clone()),
        }
    }
    (appeared, disappeared)
}

const FUND_FIELDS: [&str; 6] =
    ["general_budget", "gov_fund", "state_capital", "fiscal_special", "unit_funds", "carryover"];

fn fund_value(f: &Funds, field: &str) -> Decimal {
    match field {
        "general_budget" => f.general_budget,
        "gov_fund" => f.gov_fund,
        "state_capital" => f.state_capital,
        "fiscal_special" => f.fiscal_special,
        "unit_funds" => f.unit_funds,
        _ => f.carryover,
    }
}

fn code_name(code: &str, name: &str) -> String {
    format!("{code} {name}").trim().to_owned()
}

/// A project's identity as shown: "项目 2024001 城区绿化".
fn project_subject(p: &Project) -> String {
    format!("项目 {}", code_name(&p.code, &p.name))
}

fn indicator_name(i: &Indicator) -> String {
    if i.level3.trim().is_empty() { i.description.clone() } else { i.level3.clone() }
}

/// Collects changes while walking both drafts.
#[derive(Default)]
struct Differ {
    changes: Vec<Change>,
}

type Key<'k, T> = &'k dyn Fn(&T) -> String;

impl Differ {
    fn push(&mut self, location: Location, subject: &str, kind: ChangeKind) {
        self.changes.push(Change { location, subject: subject.to_owned(), kind });
    }

    fn amount(&mut self, at: Location, subject: &str, old: Decimal, new: Decimal) {
        self.amount_opt(at, subject, Some(old), Some(new));
    }

    fn amount_opt(&mut self, at: Location, subject: &str, old: Option<Decimal>, new: Option<Decimal>) {
        // 1.5 and 1.50 are the same amount.
        if old != new {
            self.push(at, subject, ChangeKind::Amount { old, new });
        }
    }

    fn text(&mut self, at: Location, subject: &str, old: &str, new: &str) {
        if old != new {
            let marks = mark_text(old, new);
            self.push(at, subject, ChangeKind::Text { old: old.to_owned(), new: new.to_owned(), marks });
        }
    }

    /// Rows of `section` matched by `keys`; `label` names a row; `fields` compares a
    /// matched pair (given its new index and label).
    #[allow(clippy::too_many_arguments)]
    fn rows_in<T>(
        &mut self,
        row_location: &dyn Fn(usize) -> Location,
        removed_location: Location,
        kind: &str,
        old: &[T],
        new: &[T],
        keys: &[Key<T>],
        label: Key<T>,
        mut fields: impl FnMut(&mut Self, usize, &str, &T, &T),
    ) {
        let m = match_rows(old, new, keys);
        let subject = |row: &T| format!("{kind} {}", label(row)).trim().to_owned();
        for &i in &m.removed {
            self.push(removed_location.clone(), &subject(&old[i]), ChangeKind::Removed { content: label(&old[i]) });
        }
        for &(i, j) in &m.pairs {
            if m.moved.contains(&(i, j)) {
                self.push(row_location(j), &subject(&new[j]), ChangeKind::Moved { from: i + 1, to: j + 1 });
            }
            fields(self, j, &subject(&new[j]), &old[i], &new[j]);
        }
        for &j in &m.added {
            self.push(row_location(j), &subject(&new[j]), ChangeKind::Added { content: label(&new[j]) });
        }
    }

    /// The rows of a section's own list.
    // The arguments are the list's description (kind, keys, label), both versions and
    // the per-row comparison; bundling them would only move the names elsewhere.
    #[allow(clippy::too_many_arguments)]
    fn rows<T>(
        &mut self,
        section: Section,
        kind: &str,
        old: &[T],
        new: &[T],
        keys: &[Key<T>],
        label: Key<T>,
        fields: impl FnMut(&mut Self, usize, &str, &T, &T),
    ) {
        self.rows_in(&|j| Location::row(section, j), Location::section(section), kind, old, new, keys, label, fields);
    }

    /// Paragraph lists have no identity: an edit diff of the paragraphs tells which were
    /// kept, rewritten (a text change), inserted or deleted.
    fn paragraphs(
        &mut self,
        at: &dyn Fn(usize) -> Location,
        removed_at: Location,
        kind: &str,
        old: &[String],
        new: &[String],
    ) {
        let subject = |j: usize| format!("{kind}第{}条", j + 1);
        for op in similar::capture_diff_slices(Algorithm::Myers, old, new) {
            let (old_range, new_range) = (op.old_range(), op.new_range());
            let paired = match op {
                DiffOp::Replace { .. } => old_range.len().min(new_range.len()),
                _ => 0,
            };
            if matches!(op, DiffOp::Equal { .. }) {
                continue;
            }
            for k in 0..paired {
                let (i, j) = (old_range.start + k, new_range.start + k);
                self.text(at(j), &subject(j), &old[i], &new[j]);
            }
            for i in old_range.clone().skip(paired) {
                self.push(
                    removed_at.clone(),
                    &format!("原{kind}第{}条", i + 1),
                    ChangeKind::Removed { content: old[i].clone() },
                );
            }
            for j in new_range.clone().skip(paired) {
                self.push(at(j), &subject(j), ChangeKind::Added { content: new[j].clone() });
            }
        }
    }

    fn header(&mut self, old: &Disclosure, new: &Disclosure) {
        let (a, b) = (&old.header, &new.header);
        let at = |f| Location::field(Section::Header, f);
        self.text(at("department"), "", &a.department, &b.department);
        self.text(at("department_code"), "", &a.department_code, &b.department_code);
        self.text(at("year"), "", &a.year.to_string(), &b.year.to_string());
        self.text(at("unit"), "", a.unit.label(), b.unit.label());
        self.text(at("template"), "", &a.template, &b.template);
        self.text(at("preparer"), "", &a.preparer, &b.preparer);
        self.text(at("prepared_on"), "", &a.prepared_on, &b.prepared_on);
    }

    fn part1(&mut self, old: &Disclosure, new: &Disclosure) {
        self.text(Location::field(Section::Duties, "intro"), "", &old.duties.intro, &new.duties.intro);
        self.paragraphs(
            &|j| Location::cell(Section::Duties, j, "item"),
            Location::section(Section::Duties),
            "职责",
            &old.duties.items,
            &new.duties.items,
        );
        let s = Section::Institutions;
        self.rows(
            s,
            "单位",
            &old.institutions,
            &new.institutions,
            &[&|r| r.name.clone()],
            &|r| r.name.clone(),
            |d, j, sub, a, b| {
                d.text(Location::cell(s, j, "nature"), sub, &a.nature, &b.nature);
                d.text(Location::cell(s, j, "rank"), sub, &a.rank, &b.rank);
                d.text(Location::cell(s, j, "funding"), sub, &a.funding, &b.funding);
            },
        );
        let s = Section::Offices;
        self.rows(
            s,
            "内设机构",
            &old.offices,
            &new.offices,
            &[&|r| r.name.clone()],
            &|r| r.name.clone(),
            |d, j, sub, a, b| {
                d.text(Location::cell(s, j, "head"), sub, &a.head, &b.head);
                d.text(Location::cell(s, j, "duties"), sub, &a.duties, &b.duties);
            },
        );
    }

    fn budget(&mut self, old: &Disclosure, new: &Disclosure) {
        let s = Section::FunctionLines;
        let (a, b) = (&old.budget.function_lines, &new.budget.function_lines);
        let keys: [Key<_>; 2] = [&|l: &crate::model::FunctionLine| l.code.clone(), &|l| l.name.clone()];
        self.rows(s, "科目", a, b, &keys, &|l| code_name(&l.code, &l.name), |d, j, sub, a, b| {
            d.text(Location::cell(s, j, "code"), sub, &a.code, &b.code);
            d.text(Location::cell(s, j, "name"), sub, &a.name, &b.name);
            d.amount(Location::cell(s, j, "basic"), sub, a.basic, b.basic);
            d.amount(Location::cell(s, j, "project"), sub, a.project, b.project);
            for field in Income::FIELDS {
                d.amount(Location::cell(s, j, field), sub, a.income.source(field), b.income.source(field));
            }
        });
        let s = Section::EconomicLines;
        let (a, b) = (&old.budget.economic_lines, &new.budget.economic_lines);
        let keys: [Key<_>; 2] = [&|l: &crate::model::EconomicLine| l.code.clone(), &|l| l.name.clone()];
        self.rows(s, "科目", a, b, &keys, &|l| code_name(&l.code, &l.name), |d, j, sub, a, b| {
            d.text(Location::cell(s, j, "code"), sub, &a.code, &b.code);
            d.text(Location::cell(s, j, "name"), sub, &a.name, &b.name);
            d.amount(Location::cell(s, j, "personnel"), sub, a.personnel, b.personnel);
            d.amount(Location::cell(s, j, "public"), sub, a.public, b.public);
        });
    }

    fn summary(&mut self, old: &Disclosure, new: &Disclosure) {
        let (a, b) = (&old.summary, &new.summary);
        let at = |f| Location::field(Section::Summary, f);
        for field in Income::FIELDS {
            self.amount(at(field), "", a.income.source(field), b.income.source(field));
        }
        self.amount(at("personnel"), "", a.personnel, b.personnel);
        self.amount(at("public"), "", a.public, b.public);
        self.amount(at("project"), "", a.project, b.project);
        self.amount_opt(at("last_basic"), "", a.last_basic, b.last_basic);
        self.amount_opt(at("last_project"), "", a.last_project, b.last_project);
        self.text(at("basic_change_reason"), "", &a.basic_change_reason, &b.basic_change_reason);
        self.text(at("project_change_reason"), "", &a.project_change_reason, &b.project_change_reason);
        self.text(at("project_main_uses"), "", &a.project_main_uses, &b.project_main_uses);
    }

    fn running_costs(&mut self, old: &Disclosure, new: &Disclosure) {
        let s = Section::RunningCosts;
        let (a, b) = (&old.running_costs, &new.running_costs);
        self.amount_opt(Location::field(s, "total"), "", a.total, b.total);
        self.rows(s, "", &a.items, &b.items, &[&|i| i.name.clone()], &|i| i.name.clone(), |d, j, sub, a, b| {
            d.amount(Location::cell(s, j, "amount"), sub, a.amount, b.amount);
        });
        self.text(Location::field(s, "note"), "", &a.note, &b.note);
    }

    fn three_public(&mut self, old: &Disclosure, new: &Disclosure) {
        let s = Section::ThreePublic;
        for (row, kind) in ThreePublicKind::ALL.into_iter().enumerate() {
            let (a, b) = (old.three_public.item(kind), new.three_public.item(kind));
            let sub = kind.label();
            self.amount(Location::cell(s, row, "last_year"), sub, a.last_year, b.last_year);
            self.amount(Location::cell(s, row, "this_year"), sub, a.this_year, b.this_year);
            self.text(Location::cell(s, row, "reason"), sub, &a.reason, &b.reason);
        }
        self.text(Location::field(s, "reason"), "", &old.three_public.reason, &new.three_public.reason);
    }

    fn performance(&mut self, old: &Disclosure, new: &Disclosure) {
        let (a, b) = (&old.performance, &new.performance);
        self.text(Location::field(Section::Performance, "overall_goal"), "", &a.overall_goal, &b.overall_goal);
        self.text(Location::field(Section::Performance, "special_funds"), "", &a.special_funds, &b.special_funds);
        let s = Section::SubGoals;
        let keys: [Key<_>; 2] = [&|g: &crate::model::SubGoal| g.title.clone(), &|g| g.goal.clone()];
        self.rows(s, "分项目标", &a.sub_goals, &b.sub_goals, &keys, &|g| g.title.clone(), |d, j, sub, a, b| {
            d.text(Location::cell(s, j, "title"), sub, &a.title, &b.title);
            d.text(Location::cell(s, j, "goal"), sub, &a.goal, &b.goal);
            d.text(Location::cell(s, j, "indicators"), sub, &a.indicators, &b.indicators);
        });
        self.paragraphs(
            &|j| Location::cell(Section::Measures, j, "item"),
            Location::section(Section::Measures),
            "保障措施",
            &a.measures,
            &b.measures,
        );
        let s = Section::Projects;
        let keys: [Key<Project>; 2] = [&|p| p.code.clone(), &|p| p.name.clone()];
        self.rows_in(
            &|j| Location::row(s, j),
            Location::section(s),
            "项目",
            &a.projects,
            &b.projects,
            &keys,
            &|p| code_name(&p.code, &p.name),
            |d, j, _, a, b| d.project(j, a, b),
        );
    }

    fn project(&mut self, j: usize, a: &Project, b: &Project) {
        let s = Section::Projects;
        let sub = project_subject(b);
        for (field, x, y) in [("unit", &a.unit, &b.unit), ("code", &a.code, &b.code), ("name", &a.name, &b.name)] {
            self.text(Location::cell(s, j, field), &sub, x, y);
        }
        self.amount_opt(Location::cell(s, j, "fiscal"), &sub, a.fiscal, b.fiscal);
        self.amount_opt(Location::cell(s, j, "other"), &sub, a.other, b.other);
        self.text(Location::cell(s, j, "purpose"), &sub, &a.purpose, &b.purpose);
        for k in 0..SPEND_PLAN_LABELS.len() {
            self.amount_opt(Location::sub(s, j, k, "spend_plan"), &sub, a.spend_plan[k], b.spend_plan[k]);
        }
        self.paragraphs(
            &|g| Location::sub(s, j, g, "goal"),
            Location::row(s, j),
            &format!("{sub} 目标"),
            &a.goals,
            &b.goals,
        );
        let keys: [Key<Indicator>; 2] = [&|i| i.level3.clone(), &|i| i.description.clone()];
        self.rows_in(
            &|k| Location::sub(s, j, k, "level3"),
            Location::row(s, j),
            &format!("{sub} 指标"),
            &a.indicators,
            &b.indicators,
            &keys,
            &indicator_name,
            |d, k, sub, a, b| {
                for (field, x, y) in [
                    ("level1", &a.level1, &b.level1),
                    ("level2", &a.level2, &b.level2),
                    ("level3", &a.level3, &b.level3),
                    ("description", &a.description, &b.description),
                    ("value", &a.value, &b.value),
                    ("basis", &a.basis, &b.basis),
                ] {
                    d.text(Location::sub(s, j, k, field), sub, x, y);
                }
            },
        );
    }

    fn procurement(&mut self, old: &Disclosure, new: &Disclosure) {
        let s = Section::Procurement;
        let (a, b) = (&old.procurement, &new.procurement);
        type Row = crate::model::ProcurementRow;
        let keys: [Key<Row>; 2] = [&|r| format!("{}|{}|{}", r.project, r.item, r.catalog), &|r| r.item.clone()];
        let label = |r: &Row| if r.item.is_empty() { r.project.clone() } else { r.item.clone() };
        self.rows(s, "采购", &a.rows, &b.rows, &keys, &label, |d, j, sub, a, b| {
            for (field, x, y) in [
                ("unit", &a.unit, &b.unit),
                ("project", &a.project, &b.project),
                ("item", &a.item, &b.item),
                ("catalog", &a.catalog, &b.catalog),
                ("measure", &a.measure, &b.measure),
            ] {
                d.text(Location::cell(s, j, field), sub, x, y);
            }
            d.amount_opt(Location::cell(s, j, "project_budget"), sub, a.project_budget, b.project_budget);
            d.amount_opt(Location::cell(s, j, "quantity"), sub, a.quantity, b.quantity);
            d.amount_opt(Location::cell(s, j, "unit_price"), sub, a.unit_price, b.unit_price);
            for field in FUND_FIELDS {
                d.amount(Location::cell(s, j, field), sub, fund_value(&a.funds, field), fund_value(&b.funds, field));
            }
        });
        self.paragraphs(&|_| Location::field(s, "note"), Location::field(s, "note"), "注", &a.notes, &b.notes);
    }

    fn assets(&mut self, old: &Disclosure, new: &Disclosure) {
        let s = Section::Assets;
        let (a, b) = (&old.assets, &new.assets);
        self.text(Location::field(s, "as_of"), "", &a.as_of, &b.as_of);
        self.rows(
            s,
            "资产",
            &a.categories,
            &b.categories,
            &[&|c| c.name.clone()],
            &|c| c.name.clone(),
            |d, j, sub, a, b| {
                d.text(Location::cell(s, j, "quantity_unit"), sub, &a.quantity_unit, &b.quantity_unit);
                d.amount_opt(Location::cell(s, j, "quantity"), sub, a.quantity, b.quantity);
                d.amount_opt(Location::cell(s, j, "value"), sub, a.value, b.value);
                let yes_no = |x: bool| if x { "其中项" } else { "分类" };
                d.text(Location::cell(s, j, "sub_item"), sub, yes_no(a.sub_item), yes_no(b.sub_item));
            },
        );
        self.amount(Location::field(s, "planned_purchase"), "", a.planned_purchase, b.planned_purchase);
        self.text(Location::field(s, "planned_note"), "", &a.planned_note, &b.planned_note);
    }
}

#[cfg(test)]
mod tests;
