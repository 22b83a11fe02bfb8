//! Part 5, 预算绩效信息: project tables (R-PRJ), their 绩效指标 (R-IND) and the
//! department's sub-goals (R-PRF).
//!
//! The 指标 framework (一级 → 二级) is `model::indicator::Level1`. Tables copied from
//! Word often leave the 一级/二级 cell empty under a merged cell; an empty level is read
//! as "same as the row above", which is what the reader of the published table sees.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Finding, Location, Section, Severity, SumCheck, check_sum};
use crate::model::indicator::standard_name;
use crate::model::{
    Comparator, Disclosure, Figures, IndicatorValue, Level1, Project, format_amount_plain, round_display,
    saturating_sum,
};

pub(super) fn check(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    let projects = &doc.performance.projects;
    let unit = doc.header.unit.label();
    project_sum(projects, fig, unit, out);
    let mut goals_seen: HashMap<String, usize> = HashMap::with_capacity(projects.len());
    let mut codes_seen: HashMap<&str, usize> = HashMap::with_capacity(projects.len());
    let mut variants = Variants::default();
    for (j, p) in projects.iter().enumerate() {
        amounts(j, p, out);
        spend_plan(j, p, out);
        super::project_text::purpose(j, p, unit, doc.header.year, out);
        super::project_text::counts(j, p, out);
        indicators(j, p, &mut variants, out);
        let code = p.code.trim();
        if !code.is_empty() {
            if let Some(first) = codes_seen.get(code) {
                out.push(Finding::new(
                    "R-PRJ-007",
                    Severity::Warning,
                    Location::cell(Section::Projects, j, "code"),
                    format!(
                        "项目编码 {code} 与第 {} 个项目“{}”相同；每个项目应有自己的编码，请核对",
                        first + 1,
                        projects[*first].name.trim()
                    ),
                ));
            } else {
                codes_seen.insert(code, j);
            }
        }
        let key = goal_key(&p.goals);
        if key.chars().count() >= 10 {
            if let Some(first) = goals_seen.get(&key) {
                out.push(Finding::new(
                    "R-IND-013",
                    Severity::Warning,
                    Location::sub(Section::Projects, j, 0, "goal"),
                    format!(
                        "项目“{}”（第 {} 个）的绩效目标与项目“{}”（第 {} 个）完全相同，疑似复制后未修改；请按本项目的实际内容填写",
                        p.name.trim(),
                        j + 1,
                        projects[*first].name.trim(),
                        first + 1
                    ),
                ));
            } else {
                goals_seen.insert(key, j);
            }
        }
    }
    sub_goals(doc, out);
    super::project_text::sub_goal_targets(doc, out);
    variants.report(out);
}

/// Indicator names written in a common variant of the framework's wording: read as the
/// standard name, reported once per draft (R-IND-015).
#[derive(Default)]
struct Variants {
    first: Option<(Location, String, &'static str)>,
    count: usize,
}

impl Variants {
    fn note(&mut self, loc: impl FnOnce() -> Location, typed: &str, standard: &'static str) {
        if typed == standard {
            return;
        }
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((loc(), typed.to_owned(), standard));
        }
    }

    fn report(self, out: &mut Vec<Finding>) {
        let Some((loc, typed, standard)) = self.first else { return };
        let more = if self.count > 1 { format!("等 {} 处", self.count) } else { String::new() };
        out.push(Finding::new(
            "R-IND-015",
            Severity::Notice,
            loc,
            format!(
                "指标名称“{typed}”{more}是指标体系名称的常见写法，已按“{standard}”检查；公开前可统一改为标准写法“{standard}”"
            ),
        ));
    }
}

/// The goal lines without numbering, spaces and end punctuation, for comparison.
fn goal_key(goals: &[String]) -> String {
    let mut key = String::new();
    for g in goals {
        let g = strip_numbering(g.trim());
        key.extend(g.chars().filter(|c| !c.is_whitespace()));
        while key.ends_with(['。', '；', ';', '，', '.']) {
            key.pop();
        }
        key.push('|');
    }
    key
}

/// "1、…", "1.…", "（1）…", "(1)…" → "…".
fn strip_numbering(s: &str) -> &str {
    let t = s.trim_start_matches(['（', '(']);
    let digits = t.char_indices().find(|(_, c)| !c.is_ascii_digit()).map(|(i, _)| i).unwrap_or(t.len());
    if digits == 0 {
        return s;
    }
    let rest = &t[digits..];
    rest.strip_prefix(['、', '.', '．', '）', ')']).unwrap_or(s).trim_start()
}

fn project_sum(projects: &[Project], fig: &Figures, unit: &str, out: &mut Vec<Finding>) {
    let budgets: Vec<Decimal> = projects.iter().filter_map(Project::budget).collect();
    if budgets.is_empty() {
        return;
    }
    let sum = saturating_sum(budgets.iter().map(|b| round_display(*b)));
    let loc = Location::section(Section::Projects);
    match check_sum(fig.project, &budgets) {
        SumCheck::Exact => {}
        SumCheck::Rounding(gap) => out.push(Finding::new(
            "R-PRJ-001",
            Severity::Notice,
            loc,
            format!(
                "四舍五入差异：各项目预算数之和 {} 与项目支出 {} 相差 {}（{unit}），在四舍五入允许范围内",
                format_amount_plain(sum),
                format_amount_plain(fig.project),
                format_amount_plain(gap.abs())
            ),
        )),
        SumCheck::Mismatch(gap) => out.push(Finding::new(
            "R-PRJ-001",
            Severity::Warning,
            loc,
            format!(
                "各项目预算数之和 {} 与项目支出 {} 相差 {}（{unit}）；若只公开了重点项目可忽略，否则请补全项目或核对预算数",
                format_amount_plain(sum),
                format_amount_plain(fig.project),
                format_amount_plain(gap.abs())
            ),
        )),
    }
}

fn amounts(j: usize, p: &Project, out: &mut Vec<Finding>) {
    if !p.code.trim().is_empty() && p.budget().is_none() {
        out.push(Finding::new(
            "R-PRJ-002",
            Severity::Warning,
            Location::cell(Section::Projects, j, "fiscal"),
            format!("项目“{}”有项目编码，但没有填写预算数（财政资金、其他资金）；请填写金额", p.name.trim()),
        ));
    }
}

fn spend_plan(j: usize, p: &Project, out: &mut Vec<Finding>) {
    let hundred = Decimal::from(100);
    let mut last: Option<(usize, Decimal)> = None;
    for (k, v) in p.spend_plan.iter().enumerate() {
        let Some(v) = *v else { continue };
        let loc = Location::sub(Section::Projects, j, k, "spend_plan");
        let label = crate::model::SPEND_PLAN_LABELS[k];
        if v.is_sign_negative() || v > hundred {
            out.push(Finding::new(
                "R-PRJ-003",
                Severity::Error,
                loc,
                format!("资金支出计划 {label} 为 {}%，超出 0–100% 的范围；支出计划是累计百分比，请更正", v.normalize()),
            ));
        } else if let Some((pk, pv)) = last
            && v < pv
        {
            out.push(Finding::new(
                "R-PRJ-004",
                Severity::Error,
                loc,
                format!(
                    "资金支出计划 {label} 为 {}%，小于 {} 的 {}%；支出计划是累计进度，不能减少，请更正",
                    v.normalize(),
                    crate::model::SPEND_PLAN_LABELS[pk],
                    pv.normalize()
                ),
            ));
        }
        last = Some((k, v));
    }
    if let Some((k, v)) = last
        && v != hundred
        && v <= hundred
        && !v.is_sign_negative()
    {
        out.push(Finding::new(
            "R-PRJ-005",
            Severity::Warning,
            Location::sub(Section::Projects, j, k, "spend_plan"),
            format!(
                "资金支出计划最后一个节点（{}）为 {}%，没有达到 100%；年度预算应在年底前支出完毕，请核对",
                crate::model::SPEND_PLAN_LABELS[k],
                v.normalize()
            ),
        ));
    }
}

pub(super) const COUNT_UNITS: &[&str] = &[
    "个",
    "次",
    "人",
    "人次",
    "名",
    "户",
    "家",
    "项",
    "件",
    "本",
    "册",
    "份",
    "条",
    "块",
    "张",
    "套",
    "台",
    "辆",
    "批",
    "期",
    "场",
    "篇",
    "所",
    "处",
    "座",
    "㎡",
    "平方米",
    "m²",
    "亩",
    "公里",
    "米",
    "吨",
    "万人",
];

/// True for an indicator that measures a rate or a degree (完成率, 覆盖率, 满意度, 比例…).
pub(super) fn is_rate(name: &str) -> bool {
    let n = name.trim().trim_end_matches(['。', '；', '.', '）', ')']);
    n.ends_with('率')
        || ["满意度", "覆盖面", "知晓度", "完成度", "达标度", "提升度", "比例", "占比"].iter().any(|s| n.ends_with(s))
}

/// True for a yes/no indicator ("是否按时完成"). A name that is a rate ("及时发放率"
/// described as "是否及时发放") is a rate.
fn is_yes_no(ind: &crate::model::Indicator) -> bool {
    ind.level3.trim().starts_with("是否") || (ind.description.trim().starts_with("是否") && !is_rate(&ind.level3))
}

/// R-IND-017…021: a value of the wrong kind for what the indicator measures. `level2`
/// is the standard name of the indicator's 二级 (merged cells resolved).
fn value_kind(
    ind: &crate::model::Indicator,
    level2: Option<&str>,
    sub: &dyn Fn(&'static str) -> Location,
    out: &mut Vec<Finding>,
) {
    let name = if ind.level3.trim().is_empty() { ind.description.trim() } else { ind.level3.trim() };
    let typed = ind.value.trim();
    let yes_no = is_yes_no(ind);
    let rate = !ind.level3.trim().starts_with("是否") && (is_rate(&ind.level3) || is_rate(&ind.description));
    match ind.parsed_value() {
        IndicatorValue::Qualitative(q) => {
            let yes_no_word = matches!(q.as_str(), "是" | "否" | "有" | "无");
            if rate && !yes_no && yes_no_word {
                out.push(Finding::new(
                    "R-IND-018",
                    Severity::Warning,
                    sub("value"),
                    format!("指标“{name}”是比率或程度指标，指标值却是“{typed}”；请写百分比，如“≥95%”或“=100%”"),
                ));
            } else if level2 == Some("数量指标") && !rate && !yes_no {
                out.push(Finding::new(
                    "R-IND-017",
                    Severity::Warning,
                    sub("value"),
                    format!(
                        "“{name}”是数量指标，指标值“{typed}”却不是数量；请写比较符号 + 数量 + 单位，如“≥10个”“=12次”，或把该指标移到质量指标等二级指标下"
                    ),
                ));
            }
        }
        IndicatorValue::Quantitative { comparator, number, unit } => {
            if yes_no && unit == "%" {
                out.push(Finding::new(
                    "R-IND-019",
                    Severity::Warning,
                    sub("value"),
                    format!("“{name}”是“是否…”类指标，指标值应写“是”或“否”，不应写“{typed}”"),
                ));
                return;
            }
            if level2 == Some("质量指标") && !rate && COUNT_UNITS.contains(&unit.as_str()) {
                out.push(Finding::new(
                    "R-IND-020",
                    Severity::Notice,
                    sub("value"),
                    format!(
                        "“{name}”放在质量指标下，指标值“{typed}”却是数量；质量指标通常写合格率、达标率等（如“≥95%”），数量请放在数量指标下"
                    ),
                ));
            }
            if comparator.is_none() && unit == "%" && number < Decimal::from(100) {
                out.push(Finding::new(
                    "R-IND-021",
                    Severity::Notice,
                    sub("value"),
                    format!(
                        "指标“{name}”的指标值“{typed}”没有比较符号，看不出是下限还是上限；请写成“≥{}%”（或“≤{}%”）",
                        number.normalize(),
                        number.normalize()
                    ),
                ));
            }
        }
        IndicatorValue::Empty | IndicatorValue::Invalid { .. } => {}
    }
}

fn indicators(j: usize, p: &Project, variants: &mut Variants, out: &mut Vec<Finding>) {
    if p.indicators.is_empty() {
        if !p.name.trim().is_empty() {
            out.push(Finding::new(
                "R-IND-006",
                Severity::Warning,
                Location::cell(Section::Projects, j, "indicators"),
                format!("项目“{}”没有填写绩效指标；请至少设置产出、效益和满意度指标", p.name.trim()),
            ));
        }
        return;
    }
    let mut level1: Option<Level1> = None;
    let mut level1_text = "";
    let mut level2_text = "";
    let mut level2_std: Option<&'static str> = None;
    let mut present = [false; 4];
    for (k, ind) in p.indicators.iter().enumerate() {
        let sub = |field| Location::sub(Section::Projects, j, k, field);
        // Merged cells: an empty level repeats the row above.
        if !ind.level1.trim().is_empty() {
            level1_text = ind.level1.trim();
            level1 = Level1::parse_variant(level1_text);
            if let Some(std) = standard_name(1, level1_text) {
                variants.note(|| sub("level1"), level1_text, std);
            }
            if level1.is_none() {
                out.push(Finding::new(
                    "R-IND-001",
                    Severity::Error,
                    sub("level1"),
                    format!(
                        "一级指标“{level1_text}”不是规定的一级指标；应为产出指标、效益指标（旧称效果指标）、满意度指标或成本指标"
                    ),
                ));
            }
            level2_text = "";
            level2_std = None;
        } else if k == 0 {
            out.push(Finding::new("R-IND-001", Severity::Error, sub("level1"), "第一行指标没有填写一级指标；请填写"));
        }
        if let Some(l1) = level1 {
            present[Level1::ALL.iter().position(|l| *l == l1).unwrap_or(0)] = true;
        }
        if !ind.level2.trim().is_empty() {
            level2_text = ind.level2.trim();
            level2_std = standard_name(2, level2_text);
            if let Some(std) = level2_std {
                variants.note(|| sub("level2"), level2_text, std);
            }
            let std = level2_std.unwrap_or(level2_text);
            match (Level1::owner_of(std), level1) {
                (None, _) => {
                    let allowed = level1.map(|l| l.level2().join("、")).unwrap_or_default();
                    let hint = if allowed.is_empty() {
                        String::new()
                    } else {
                        format!("；{level1_text}下可选：{allowed}")
                    };
                    out.push(Finding::new(
                        "R-IND-002",
                        Severity::Error,
                        sub("level2"),
                        format!("二级指标“{level2_text}”不是规定的二级指标{hint}"),
                    ));
                }
                (Some(owner), Some(l1)) if !l1.allows(std) => out.push(Finding::new(
                    "R-IND-003",
                    Severity::Error,
                    sub("level2"),
                    format!(
                        "二级指标“{level2_text}”属于{}，不能放在“{level1_text}”下；请把该指标移到{}下，或改用{level1_text}下的二级指标（{}）",
                        owner.name(),
                        owner.name(),
                        l1.level2().join("、")
                    ),
                )),
                _ => {}
            }
        } else if level2_text.is_empty() && level1.is_some() && level1 != Some(Level1::Satisfaction) {
            // (满意度指标 has one 二级 only, 服务对象满意度指标: an empty cell can mean nothing else.)
            out.push(Finding::new("R-IND-002", Severity::Error, sub("level2"), "没有填写二级指标；请填写"));
        }

        indicator_texts(ind, &sub, out);
        indicator_value(ind, &sub, out);
        value_kind(ind, level2_std, &sub, out);
    }
    basis_copies(j, p, out);
    let missing: Vec<&str> = [(0, Level1::Output), (1, Level1::Benefit)]
        .iter()
        .filter(|(i, _)| !present[*i])
        .map(|(_, l)| l.name())
        .collect();
    if !missing.is_empty() {
        out.push(Finding::new(
            "R-IND-004",
            Severity::Error,
            Location::cell(Section::Projects, j, "indicators"),
            format!("项目“{}”缺少{}；每个项目都应设置产出指标和效益指标", p.name.trim(), missing.join("和")),
        ));
    }
    if !present[2] {
        out.push(Finding::new(
            "R-IND-005",
            Severity::Warning,
            Location::cell(Section::Projects, j, "indicators"),
            format!(
                "项目“{}”没有满意度指标；项目原则上应设置服务对象满意度指标，确无服务对象的请在依据中说明",
                p.name.trim()
            ),
        ));
    }
}

fn indicator_texts(ind: &crate::model::Indicator, sub: &dyn Fn(&'static str) -> Location, out: &mut Vec<Finding>) {
    if ind.level3.trim().is_empty() {
        out.push(Finding::new("R-IND-009", Severity::Warning, sub("level3"), "三级指标（指标名称）为空；请填写"));
    }
    if ind.description.trim().is_empty() {
        out.push(Finding::new(
            "R-IND-009",
            Severity::Warning,
            sub("description"),
            "指标描述为空；请说明该指标衡量什么",
        ));
    }
}

/// R-IND-014: 依据 that repeats the 描述, reported once per project.
fn basis_copies(j: usize, p: &Project, out: &mut Vec<Finding>) {
    let copies: Vec<usize> = p
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| !ind.description.trim().is_empty() && ind.description.trim() == ind.basis.trim())
        .map(|(k, _)| k)
        .collect();
    let Some(first) = copies.first() else { return };
    let items: Vec<String> = copies.iter().map(|k| (k + 1).to_string()).collect();
    out.push(Finding::new(
        "R-IND-014",
        Severity::Notice,
        Location::sub(Section::Projects, j, *first, "basis"),
        format!(
            "项目“{}”第 {} 项指标的指标值确定依据与指标描述完全相同（如“{}”）；依据应写明文件、计划或历史数据等来源",
            p.name.trim(),
            items.join("、"),
            p.indicators[*first].basis.trim()
        ),
    ));
}

fn indicator_value(ind: &crate::model::Indicator, sub: &dyn Fn(&'static str) -> Location, out: &mut Vec<Finding>) {
    let name = if ind.level3.trim().is_empty() { ind.description.trim() } else { ind.level3.trim() };
    match ind.parsed_value() {
        IndicatorValue::Empty => out.push(Finding::new(
            "R-IND-008",
            Severity::Error,
            sub("value"),
            format!("指标“{name}”的指标值为空；请填写"),
        )),
        IndicatorValue::Invalid { reason } => out.push(Finding::new(
            "R-IND-007",
            Severity::Error,
            sub("value"),
            format!(
                "指标“{name}”的指标值无法识别：{reason}；指标值应为比较符号 + 数值 + 单位（如 ≥90%）或定性值（如 达成）"
            ),
        )),
        IndicatorValue::Qualitative(_) => {}
        IndicatorValue::Quantitative { comparator, number, unit } => {
            let typed = ind.value.trim();
            if unit.is_empty() {
                out.push(Finding::new(
                    "R-IND-010",
                    Severity::Warning,
                    sub("value"),
                    format!("指标“{name}”的指标值“{typed}”没有计量单位；请补上单位（如 %、个、次、㎡）"),
                ));
            } else if (is_rate(&ind.level3) || is_rate(&ind.description)) && COUNT_UNITS.contains(&unit.as_str()) {
                out.push(Finding::new(
                    "R-IND-011",
                    Severity::Warning,
                    sub("value"),
                    format!(
                        "指标“{name}”是比率或程度指标，指标值“{typed}”却用了数量单位“{unit}”；请改为百分比，或把指标名称改为数量"
                    ),
                ));
            }
            let hundred = Decimal::from(100);
            let over = match comparator {
                Some(Comparator::Ge) => number >= hundred,
                Some(Comparator::Gt) => number >= hundred,
                None | Some(Comparator::Eq) => number > hundred,
                _ => false,
            };
            if unit == "%" && over {
                out.push(Finding::new(
                    "R-IND-012",
                    Severity::Warning,
                    sub("value"),
                    format!("指标“{name}”的指标值“{typed}”超过 100%，无法达到；若要求全部完成，应写“=100%”"),
                ));
            }
        }
    }
}

/// R-PRF-001: the same 绩效指标 (or 绩效目标) text under two sub-goals.
fn sub_goals(doc: &Disclosure, out: &mut Vec<Finding>) {
    let goals = &doc.performance.sub_goals;
    for (i, g) in goals.iter().enumerate() {
        for (field, label, text) in
            [("goal", "绩效目标", g.goal.trim()), ("indicators", "绩效指标", g.indicators.trim())]
        {
            if text.chars().count() < 10 {
                continue;
            }
            let first = goals[..i].iter().position(|o| {
                let other = if field == "goal" { o.goal.trim() } else { o.indicators.trim() };
                other == text
            });
            if let Some(first) = first {
                out.push(Finding::new(
                    "R-PRF-001",
                    Severity::Warning,
                    Location::cell(Section::SubGoals, i, field),
                    format!(
                        "分项目标“{}”的{label}与分项目标“{}”完全相同；请按各自的工作内容分别填写",
                        g.title.trim(),
                        goals[first].title.trim()
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, SubGoal};
    use crate::rules::tests::{d, ids, run};

    fn ind(l1: &str, l2: &str, l3: &str, value: &str) -> Indicator {
        Indicator {
            level1: l1.into(),
            level2: l2.into(),
            level3: l3.into(),
            description: format!("{l3}的情况"),
            value: value.into(),
            basis: "依据工作方案".into(),
        }
    }

    fn project(name: &str, budget: Option<&str>) -> Project {
        Project {
            code: format!("520-{name}"),
            name: name.into(),
            fiscal: budget.map(d),
            purpose: "用于社区工作。".into(),
            spend_plan: [Some(d("30")), Some(d("60")), Some(d("90")), Some(d("100"))],
            goals: vec![format!("完成{name}的全部年度工作任务")],
            indicators: vec![
                ind("产出指标", "数量指标", "覆盖社区数量", "18个"),
                ind("效益指标", "社会效益指标", "补贴发放率", "=100%"),
                ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
            ],
            ..Project::default()
        }
    }

    fn doc(projects: Vec<Project>, project_total: &str) -> Disclosure {
        let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
        doc.summary.project = d(project_total);
        doc.performance.projects = projects;
        doc
    }

    fn check_fig(doc: &Disclosure, out: &mut Vec<Finding>) {
        check(doc, &doc.figures(), out)
    }

    #[test]
    fn a_complete_project_has_no_findings() {
        assert!(run(&doc(vec![project("甲", Some("10")), project("乙", Some("5"))], "15"), check_fig).is_empty());
    }

    #[test]
    fn project_budgets_add_up_to_project_spending() {
        let f = run(&doc(vec![project("甲", Some("10")), project("乙", Some("5"))], "20"), check_fig);
        assert_eq!(ids(&f), ["R-PRJ-001"]);
        assert_eq!(f[0].severity, Severity::Warning);
        let f = run(&doc(vec![project("甲", Some("10.006")), project("乙", Some("4.996"))], "15"), check_fig);
        assert_eq!((ids(&f), f[0].severity), (vec!["R-PRJ-001"], Severity::Notice));
        // No project publishes amounts: nothing to compare.
        assert!(run(&doc(vec![Project { code: String::new(), ..project("甲", None) }], "20"), check_fig).is_empty());
        assert_eq!(ids(&run(&doc(vec![project("甲", None)], "20"), check_fig)), ["R-PRJ-002"]);
    }

    #[test]
    fn spend_plan_is_cumulative_and_ends_at_100() {
        let mut p = project("甲", Some("10"));
        p.spend_plan = [Some(d("100")), None, None, None];
        assert!(run(&doc(vec![p.clone()], "10"), check_fig).is_empty());
        p.spend_plan = [Some(d("20")), Some(d("40")), Some(d("40")), Some(d("100"))];
        assert!(run(&doc(vec![p.clone()], "10"), check_fig).is_empty());
        p.spend_plan = [Some(d("50")), Some(d("30")), Some(d("120")), None];
        let f = run(&doc(vec![p.clone()], "10"), check_fig);
        assert_eq!(ids(&f), ["R-PRJ-003", "R-PRJ-004"]);
        assert_eq!(f[0].location, Location::sub(Section::Projects, 0, 1, "spend_plan"));
        p.spend_plan = [Some(d("25")), Some(d("50")), Some(d("75")), None];
        assert_eq!(ids(&run(&doc(vec![p], "10"), check_fig)), ["R-PRJ-005"]);
    }

    #[test]
    fn purpose_amount_must_match_the_budget() {
        let mut p = project("甲", Some("264.153365"));
        p.purpose = "项目预算资金264.153365万元，计划从2020年开始。".into();
        assert!(run(&doc(vec![p.clone()], "264.15"), check_fig).is_empty());
        p.purpose = "项目预算资金246.15万元，计划从2020年开始。".into();
        let f = run(&doc(vec![p], "264.15"), check_fig);
        assert_eq!(ids(&f), ["R-PRJ-006"]);
        assert!(f[0].message.contains("246.15") && f[0].message.contains("264.15"));
    }

    #[test]
    fn framework_levels() {
        let mut p = project("甲", Some("10"));
        p.indicators[1] = ind("产出指标", "社会效益指标", "排查整改率", "≥95%");
        p.indicators.push(ind("效果指标", "可持续影响指标", "使用年限", "≥10年"));
        p.indicators.push(ind("", "时效指标", "完成及时率", "=100%"));
        p.indicators.push(ind("", "", "完成及时率", "=100%"));
        p.indicators.push(ind("过程指标", "数量指标", "次数", "5次"));
        p.indicators.push(ind("产出指标", "数量效益", "次数", "5次"));
        let f = run(&doc(vec![p], "10"), check_fig);
        // Row 4 inherits 效果指标 and puts 时效指标 under it; row 5 inherits both.
        assert_eq!(ids(&f), ["R-IND-001", "R-IND-002", "R-IND-003", "R-IND-003"]);
        let wrong: Vec<_> = f.iter().filter(|f| f.rule == "R-IND-003").map(|f| f.location.item).collect();
        assert_eq!(wrong, [Some(1), Some(4)]);
    }

    #[test]
    fn each_project_has_output_benefit_and_satisfaction() {
        let mut p = project("甲", Some("10"));
        p.indicators.pop();
        let f = run(&doc(vec![p.clone()], "10"), check_fig);
        assert_eq!((ids(&f), f[0].severity), (vec!["R-IND-005"], Severity::Warning));
        p.indicators.remove(1);
        assert_eq!(ids(&run(&doc(vec![p.clone()], "10"), check_fig)), ["R-IND-004", "R-IND-005"]);
        p.indicators.clear();
        assert_eq!(ids(&run(&doc(vec![p], "10"), check_fig)), ["R-IND-006"]);
    }

    #[test]
    fn values() {
        let mut p = project("甲", Some("10"));
        p.indicators = vec![
            ind("产出指标", "数量指标", "使用面积", "100"),
            ind("产出指标", "质量指标", "日常巡查覆盖率", "≥118个"),
            ind("产出指标", "时效指标", "及时发放率", "≥100%"),
            ind("效益指标", "生态效益指标", "社会稳定水平", "≥0专职调解员工作促进社会稳定水平逐步提升。"),
            ind("效益指标", "社会效益指标", "覆盖率", ""),
            ind("满意度指标", "服务对象满意度指标", "满意度", "≥95百分比"),
            ind("满意度指标", "服务对象满意度指标", "达成情况", "达成"),
            ind("产出指标", "数量指标", "发放补贴人数", "≥727人"),
            ind("产出指标", "时效指标", "完成率", "100%"),
        ];
        let f = run(&doc(vec![p], "10"), check_fig);
        let got: Vec<_> = f.iter().map(|f| (f.rule, f.location.item)).collect();
        assert_eq!(
            got,
            [
                ("R-IND-010", Some(0)),
                ("R-IND-011", Some(1)),
                ("R-IND-012", Some(2)),
                ("R-IND-007", Some(3)),
                ("R-IND-008", Some(4)),
            ]
        );
        assert!(f[2].message.contains("=100%"));
    }

    #[test]
    fn common_variants_of_level_names_are_one_notice() {
        let mut a = project("甲", Some("5"));
        a.indicators[1] = ind("效益指标", "社会效益", "补贴发放率", "=100%");
        a.indicators.push(ind("效益指标", "可持续性影响", "使用年限", "≥10年"));
        let mut b = project("乙", Some("5"));
        b.indicators[0] = ind("产出", "数量", "覆盖社区数量", "18个");
        let f = run(&doc(vec![a, b], "10"), check_fig);
        assert_eq!(ids(&f), ["R-IND-015"]);
        assert_eq!(f[0].severity, Severity::Notice);
        assert!(f[0].message.contains("社会效益指标") && f[0].message.contains("4 处"), "{}", f[0].message);
        // Near miss: a name that is no variant is still an 错误; a variant under the wrong
        // 一级 is still misplaced.
        let mut c = project("丙", Some("10"));
        c.indicators[1] = ind("效益指标", "社会影响", "补贴发放率", "=100%");
        c.indicators.push(ind("产出指标", "社会效益", "普及率", "≥90%"));
        let f = run(&doc(vec![c], "10"), check_fig);
        assert_eq!(ids(&f), ["R-IND-002", "R-IND-003", "R-IND-015"]);
    }

    #[test]
    fn an_empty_level2_is_missing_except_under_satisfaction() {
        let mut p = project("甲", Some("10"));
        p.indicators[2].level2.clear();
        assert!(run(&doc(vec![p.clone()], "10"), check_fig).is_empty());
        p.indicators[0].level2.clear();
        let f = run(&doc(vec![p], "10"), check_fig);
        assert_eq!((ids(&f), f[0].location.item), (vec!["R-IND-002"], Some(0)));
    }

    #[test]
    fn values_of_the_wrong_kind() {
        let mut p = project("甲", Some("10"));
        p.indicators = vec![
            ind("产出指标", "数量指标", "培训场次", "是"),
            ind("产出指标", "质量指标", "设备完好率", "是"),
            ind("产出指标", "时效指标", "是否按时完成", "100百分比"),
            ind("产出指标", "质量指标", "验收合格项目", "5个"),
            ind("效益指标", "社会效益指标", "群众知晓率", "90%"),
            ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
        ];
        let f = run(&doc(vec![p.clone()], "10"), check_fig);
        let got: Vec<_> = f.iter().map(|f| (f.rule, f.location.item, f.severity)).collect();
        assert_eq!(
            got,
            [
                ("R-IND-017", Some(0), Severity::Warning),
                ("R-IND-018", Some(1), Severity::Warning),
                ("R-IND-019", Some(2), Severity::Warning),
                ("R-IND-020", Some(3), Severity::Notice),
                ("R-IND-021", Some(4), Severity::Notice),
            ]
        );
        assert!(f[4].message.contains("≥90%"));
        // Near misses: the values the framework expects.
        p.indicators = vec![
            ind("产出指标", "数量指标", "培训场次", "≥12场"),
            ind("产出指标", "质量指标", "设备完好率", "≥95%"),
            ind("产出指标", "时效指标", "是否按时完成", "是"),
            ind("产出指标", "质量指标", "验收合格率", "=100%"),
            ind("效益指标", "社会效益指标", "群众知晓率", "≥90%"),
            ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
        ];
        assert!(run(&doc(vec![p], "10"), check_fig).is_empty());
    }

    #[test]
    fn copied_goals_and_basis() {
        let mut a = project("街道辅岗人员经费", Some("5"));
        let mut b = project("街道妇联工作经费", Some("5"));
        a.goals = vec!["我单位现有辅岗人员21人，全面落实工资福利待遇。".into()];
        b.goals = vec!["我单位现有辅岗人员21人，全面落实工资福利待遇".into()];
        b.indicators[0].basis = b.indicators[0].description.clone();
        let f = run(&doc(vec![a, b], "10"), check_fig);
        assert_eq!(ids(&f), ["R-IND-013", "R-IND-014"]);
        let copied = f.iter().find(|f| f.rule == "R-IND-013").unwrap();
        assert!(copied.message.contains("街道辅岗人员经费") && copied.message.contains("街道妇联工作经费"));
        assert_eq!(copied.location, Location::sub(Section::Projects, 1, 0, "goal"));
    }

    #[test]
    fn sub_goal_texts_are_not_copied() {
        let mut doc = doc(vec![], "0");
        let text = "综合协调管理工作完成率争取达到 100%；完成督查督办占督察督办落实任务完成率达到100%。";
        for t in ["承担大气污染防治工作", "推进全区项目建设"] {
            doc.performance.sub_goals.push(SubGoal {
                title: t.into(),
                goal: format!("{t}，保障日常工作正常运转。"),
                indicators: text.into(),
            });
        }
        let f = run(&doc, check_fig);
        assert_eq!(ids(&f), ["R-PRF-001"]);
        assert_eq!(f[0].location, Location::cell(Section::SubGoals, 1, "indicators"));
        doc.performance.sub_goals[1].indicators = "项目观摩会举办及时率达到95%。".into();
        assert!(run(&doc, check_fig).is_empty());
    }

    #[test]
    fn project_codes_and_empty_cells() {
        let a = project("甲", Some("5"));
        let mut b = project("乙", Some("5"));
        b.code = a.code.clone();
        b.indicators[0].description.clear();
        b.indicators[1].level3.clear();
        let f = run(&doc(vec![a, b], "10"), check_fig);
        let got: Vec<_> = f.iter().map(|f| (f.rule, f.location.clone())).collect();
        assert_eq!(
            got,
            [
                ("R-PRJ-007", Location::cell(Section::Projects, 1, "code")),
                ("R-IND-009", Location::sub(Section::Projects, 1, 0, "description")),
                ("R-IND-009", Location::sub(Section::Projects, 1, 1, "level3")),
            ]
        );
    }
}
