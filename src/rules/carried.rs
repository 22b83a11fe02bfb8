//! Text carried over from last year's draft (R-CAR): each carried item is a 提示 until
//! it is edited or confirmed, and an old budget year left in it is a 警告.

use super::{Finding, Location, Section, Severity};
use crate::model::{CarriedPart, Disclosure};

/// Where a carried item is shown.
fn location(part: CarriedPart, index: usize) -> Location {
    match part {
        CarriedPart::DutiesIntro => Location::field(Section::Duties, "intro"),
        CarriedPart::Duty => Location::cell(Section::Duties, index, "item"),
        CarriedPart::Institution => Location::row(Section::Institutions, index),
        CarriedPart::Office => Location::row(Section::Offices, index),
        CarriedPart::OverallGoal => Location::field(Section::Performance, "overall_goal"),
        CarriedPart::SpecialFunds => Location::field(Section::Performance, "special_funds"),
        CarriedPart::SubGoal => Location::row(Section::SubGoals, index),
        CarriedPart::Measure => Location::cell(Section::Measures, index, "item"),
        CarriedPart::Project => Location::row(Section::Projects, index),
        CarriedPart::Glossary => Location::row(Section::Glossary, index),
        CarriedPart::OtherMatters => Location::field(Section::OtherMatters, "text"),
    }
}

/// True when `text` names `year` as a year ("2024年", "2024 年度"), not inside a longer number.
fn mentions_year(text: &str, year: i32) -> bool {
    let y = year.to_string();
    text.match_indices(y.as_str()).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + y.len()..].trim_start().chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && after == Some('年')
    })
}

pub fn check(doc: &Disclosure, out: &mut Vec<Finding>) {
    let carried = &doc.carried;
    if carried.items.is_empty() {
        return;
    }
    for (part, index, text) in carried.pending(doc) {
        let loc = location(part, index);
        let which = match part {
            CarriedPart::Duty | CarriedPart::Measure | CarriedPart::Glossary | CarriedPart::SubGoal => {
                format!("第 {} 条{}", index + 1, part.label())
            }
            CarriedPart::Institution | CarriedPart::Office | CarriedPart::Project => {
                format!("第 {} 个{}", index + 1, part.label())
            }
            _ => part.label().to_owned(),
        };
        out.push(Finding::new(
            "R-CAR-001",
            Severity::Notice,
            loc.clone(),
            format!("沿用上年，待确认：{which}照搬自上年草稿，请核对后修改，或用“编辑 → 确认沿用上年的内容”确认"),
        ));
        if let Some(old) = carried.from_year
            && old != doc.header.year
            && mentions_year(&text, old)
        {
            out.push(Finding::new(
                "R-CAR-002",
                Severity::Warning,
                loc,
                format!(
                    "{which}沿用自上年，其中仍写着“{old}年”（上年草稿的预算年度），本年应为 {} 年",
                    doc.header.year
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roll_forward;
    use crate::samples::{Seed, load};

    #[test]
    fn carried_items_are_notices_until_edited() {
        let mut next = roll_forward(&load(Seed::S001), 2025);
        let mut findings = Vec::new();
        check(&next, &mut findings);
        let notices = findings.iter().filter(|f| f.rule == "R-CAR-001").count();
        assert_eq!(notices, next.carried.pending(&next).len());
        assert!(
            findings.iter().any(|f| f.rule == "R-CAR-001" && f.location == Location::cell(Section::Duties, 0, "item"))
        );
        next.duties.items[0] = "负责本部门的会议组织工作。".into();
        let mut after = Vec::new();
        check(&next, &mut after);
        assert!(!after.iter().any(|f| f.location == Location::cell(Section::Duties, 0, "item")));
    }

    #[test]
    fn the_old_budget_year_in_carried_text_is_a_warning() {
        let mut last = load(Seed::S001);
        last.other_matters = "2024年度本部门无其他需说明的事项。".into();
        last.duties.items[1] = "组织起草2024 年区政府工作报告（编号 120245 年除外）。".into();
        let next = roll_forward(&last, 2025);
        let mut findings = Vec::new();
        check(&next, &mut findings);
        let warned: Vec<&Location> = findings.iter().filter(|f| f.rule == "R-CAR-002").map(|f| &f.location).collect();
        assert!(warned.contains(&&Location::field(Section::OtherMatters, "text")), "{warned:?}");
        assert!(warned.contains(&&Location::cell(Section::Duties, 1, "item")), "{warned:?}");
        assert!(findings.iter().filter(|f| f.rule == "R-CAR-002").all(|f| f.severity == Severity::Warning));
        assert!(!mentions_year("编号120245年", 2024));
    }
}
