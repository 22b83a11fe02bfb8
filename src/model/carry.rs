//! Starting next year's draft from this year's ("以上年草稿新建").
//!
//! Every disclosure starts from last year's: duties, institutions, glossary, measures,
//! sub-goals and the project list with goals and indicators usually stay; the amounts
//! do not. [`roll_forward`] builds the new draft: texts carried over, amounts empty,
//! this year's totals moved into the 上年 figures. Carried text must be looked at
//! before it is published again, so each carried item is recorded in
//! [`CarriedOver`] by a fingerprint of its text: while the item still has that text it
//! is "沿用上年，待确认" (a rule reports it); editing the text or confirming it clears
//! the mark. Fingerprints instead of flags on every struct keep old drafts loading
//! unchanged and survive rows being inserted or reordered.

use serde::{Deserialize, Serialize};

use super::{AssetCategory, Disclosure, NamedAmount, Project, ThreePublicKind};

/// The kinds of carried items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CarriedPart {
    DutiesIntro,
    Duty,
    Institution,
    Office,
    OverallGoal,
    SubGoal,
    Measure,
    SpecialFunds,
    Project,
    Glossary,
    OtherMatters,
}

impl CarriedPart {
    /// The item's name in messages ("第 3 条职责").
    pub fn label(self) -> &'static str {
        match self {
            CarriedPart::DutiesIntro => "部门职责引言",
            CarriedPart::Duty => "部门职责",
            CarriedPart::Institution => "机构设置",
            CarriedPart::Office => "内设机构",
            CarriedPart::OverallGoal => "总体绩效目标",
            CarriedPart::SubGoal => "分项绩效目标",
            CarriedPart::Measure => "工作保障措施",
            CarriedPart::SpecialFunds => "部门主管专项资金",
            CarriedPart::Project => "项目绩效目标表",
            CarriedPart::Glossary => "名词解释",
            CarriedPart::OtherMatters => "其他需说明的事项",
        }
    }
}

/// One carried item: which part, and the fingerprint of its text when carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedItem {
    pub part: CarriedPart,
    pub fingerprint: u64,
}

/// The items carried over from last year's draft and not yet edited or confirmed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarriedOver {
    /// The budget year of the draft the items came from.
    pub from_year: Option<i32>,
    pub items: Vec<CarriedItem>,
}

impl CarriedOver {
    pub fn is_empty(&self) -> bool {
        self.from_year.is_none() && self.items.is_empty()
    }

    /// The carried items still unchanged: (part, index in that part, text).
    pub fn pending(&self, doc: &Disclosure) -> Vec<(CarriedPart, usize, String)> {
        let mut out = Vec::new();
        if self.items.is_empty() {
            return out;
        }
        for (part, index, text) in texts(doc) {
            let fp = fingerprint(&text);
            if self.items.iter().any(|c| c.part == part && c.fingerprint == fp) {
                out.push((part, index, text));
            }
        }
        out
    }

    /// Confirms the item at `index` of `part`: it is no longer marked.
    pub fn confirm(&mut self, doc: &Disclosure, part: CarriedPart, index: usize) {
        if let Some((_, _, text)) = texts(doc).into_iter().find(|(p, i, _)| *p == part && *i == index) {
            let fp = fingerprint(&text);
            self.items.retain(|c| !(c.part == part && c.fingerprint == fp));
        }
    }

    /// Confirms every carried item.
    pub fn confirm_all(&mut self) {
        self.items.clear();
    }
}

/// The text of a project that carrying marks: name, purpose, goals and indicators
/// (its amounts are new each year and do not count as an edit).
fn project_text(p: &Project) -> String {
    let mut s = format!("{}\n{}\n{}", p.name, p.purpose, p.goals.join("\n"));
    for i in &p.indicators {
        s.push_str(&format!("\n{}|{}|{}|{}|{}|{}", i.level1, i.level2, i.level3, i.description, i.value, i.basis));
    }
    s
}

/// Every carriable item of `doc` with its text.
fn texts(doc: &Disclosure) -> Vec<(CarriedPart, usize, String)> {
    let mut out = Vec::new();
    let mut one = |part, text: &str| {
        if !text.trim().is_empty() {
            out.push((part, 0, text.to_owned()));
        }
    };
    one(CarriedPart::DutiesIntro, &doc.duties.intro);
    one(CarriedPart::OverallGoal, &doc.performance.overall_goal);
    one(CarriedPart::SpecialFunds, &doc.performance.special_funds);
    one(CarriedPart::OtherMatters, &doc.other_matters);
    let list = |part: CarriedPart, items: Vec<String>, out: &mut Vec<(CarriedPart, usize, String)>| {
        out.extend(items.into_iter().enumerate().filter(|(_, t)| !t.trim().is_empty()).map(|(i, t)| (part, i, t)));
    };
    list(CarriedPart::Duty, doc.duties.items.clone(), &mut out);
    list(
        CarriedPart::Institution,
        doc.institutions.iter().map(|i| format!("{}|{}|{}|{}", i.name, i.nature, i.rank, i.funding)).collect(),
        &mut out,
    );
    list(
        CarriedPart::Office,
        doc.offices.iter().map(|o| format!("{}|{}|{}", o.name, o.head, o.duties)).collect(),
        &mut out,
    );
    list(
        CarriedPart::SubGoal,
        doc.performance.sub_goals.iter().map(|g| format!("{}|{}|{}", g.title, g.goal, g.indicators)).collect(),
        &mut out,
    );
    list(CarriedPart::Measure, doc.performance.measures.clone(), &mut out);
    list(CarriedPart::Project, doc.performance.projects.iter().map(project_text).collect(), &mut out);
    list(
        CarriedPart::Glossary,
        doc.glossary.iter().map(|g| format!("{}|{}", g.term, g.definition)).collect(),
        &mut out,
    );
    out
}

/// FNV-1a: a fingerprint that stays the same across builds and platforms.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Next year's draft from `last`: texts carried and marked, amounts empty, this year's
/// totals as the new 上年 figures.
pub fn roll_forward(last: &Disclosure, year: i32) -> Disclosure {
    let figures = last.figures();
    let mut doc = Disclosure {
        header: super::Header { year, prepared_on: String::new(), ..last.header.clone() },
        duties: last.duties.clone(),
        institutions: last.institutions.clone(),
        offices: last.offices.clone(),
        glossary: last.glossary.clone(),
        other_matters: last.other_matters.clone(),
        // The county's prescribed wording (版式) holds from year to year.
        layout: last.layout.clone(),
        ..Disclosure::default()
    };
    doc.summary.last_basic = Some(figures.basic);
    doc.summary.last_project = Some(figures.project);
    for kind in ThreePublicKind::ALL {
        doc.three_public.item_mut(kind).last_year = last.three_public.item(kind).this_year;
    }
    // 机关运行经费: the breakdown's names stay, the amounts are new.
    doc.running_costs.items = last
        .running_costs
        .items
        .iter()
        .map(|i| NamedAmount { name: i.name.clone(), ..NamedAmount::default() })
        .collect();
    let p = &last.performance;
    doc.performance.overall_goal = p.overall_goal.clone();
    doc.performance.sub_goals = p.sub_goals.clone();
    doc.performance.measures = p.measures.clone();
    doc.performance.special_funds = p.special_funds.clone();
    doc.performance.projects = p
        .projects
        .iter()
        .map(|pr| Project { fiscal: None, other: None, spend_plan: [None; 4], ..pr.clone() })
        .collect();
    // The asset inventory is taken again at the end of the year: keep its rows' names.
    doc.assets.categories =
        last.assets.categories.iter().map(|c| AssetCategory { quantity: None, value: None, ..c.clone() }).collect();
    doc.procurement.notes = last.procurement.notes.clone();
    doc.carried = CarriedOver {
        from_year: Some(last.header.year),
        items: texts(&doc)
            .into_iter()
            .map(|(part, _, text)| CarriedItem { part, fingerprint: fingerprint(&text) })
            .collect(),
    };
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{Seed, load};

    #[test]
    fn next_year_keeps_text_and_moves_totals_to_last_year() {
        let last = load(Seed::S001);
        let next = roll_forward(&last, 2025);
        assert_eq!(next.header.year, 2025);
        assert_eq!(next.header.department, last.header.department);
        assert_eq!(next.duties, last.duties);
        assert!(next.budget.is_empty());
        let f = last.figures();
        assert_eq!(next.summary.last_basic, Some(f.basic));
        assert_eq!(next.summary.last_project, Some(f.project));
        assert_eq!(next.three_public.car_running.last_year, last.three_public.car_running.this_year);
        assert!(next.three_public.total_this_year().is_zero());
        assert_eq!(next.performance.projects.len(), last.performance.projects.len());
        assert!(next.performance.projects.iter().all(|p| p.budget().is_none()));
        assert_eq!(next.performance.projects[0].indicators, last.performance.projects[0].indicators);
        assert_eq!(next.carried.from_year, Some(2024));
    }

    #[test]
    fn editing_or_confirming_clears_the_mark() {
        let mut next = roll_forward(&load(Seed::S001), 2025);
        let pending = next.carried.pending(&next).len();
        assert!(pending > 10, "{pending}");
        assert!(next.carried.pending(&next).iter().any(|(p, i, _)| *p == CarriedPart::Duty && *i == 2));
        next.duties.items[2].push_str("（已修改）");
        assert!(!next.carried.pending(&next).iter().any(|(p, i, _)| *p == CarriedPart::Duty && *i == 2));
        let mut carried = next.carried.clone();
        carried.confirm(&next, CarriedPart::Duty, 0);
        next.carried = carried;
        assert!(!next.carried.pending(&next).iter().any(|(p, i, _)| *p == CarriedPart::Duty && *i == 0));
        assert_eq!(next.carried.pending(&next).len(), pending - 2);
        // Amounts are not text: filling them in does not clear a project's mark.
        next.performance.projects[0].fiscal = Some(rust_decimal::Decimal::ONE);
        assert!(next.carried.pending(&next).iter().any(|(p, i, _)| *p == CarriedPart::Project && *i == 0));
        next.carried.confirm_all();
        assert!(next.carried.pending(&next).is_empty());
    }
}
