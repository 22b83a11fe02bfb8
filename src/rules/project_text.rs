//! What a project's own words say against its own table (R-PRJ-006, R-PRJ-008,
//! R-IND-016) and what the department's sub-goals promise against the projects'
//! indicators (R-PRF-002).
//!
//! Officers write amounts and counts into 资金用途, 指标描述 and goals by hand, so those
//! numbers drift from the table. The readers here only trust a number whose label says
//! what it is: "项目预算资金X万元" is the budget, "比上年增加…", "其中…", "上年安排…",
//! "每人每月…" are a change, a part or another thing. When unsure they say nothing —
//! these checks must not cry wolf.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::performance::{COUNT_UNITS, is_rate};
use super::{Finding, Location, Section, Severity, SumCheck, check_sum};
use crate::model::indicator::KNOWN_UNITS;
use crate::model::{Disclosure, IndicatorValue, Project, format_amount_plain, round_display, saturating_sum};

/// What the words in front of an amount say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AmountKind {
    /// "项目预算资金X万元": the project's budget.
    Budget,
    /// "合计/共计/全年X万元": a total of something, not necessarily the budget.
    Sum,
    /// "其中…X万元": a part of the amount before.
    Part,
    /// "A费X万元" in a list: a breakdown item.
    Item,
    /// "比上年增加X万元": a change.
    Change,
    /// "上年安排X万元", "每人每月X万元", "2023年…": something else.
    Other,
}

/// An amount written in a text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TextAmount {
    pub value: Decimal,
    pub kind: AmountKind,
    /// Index of the sentence (split at 。；！？ and line ends) it stands in.
    pub sentence: usize,
    /// Byte offset just after its unit.
    pub end: usize,
}

const BUDGET_MARKERS: &[&str] = &["预算资金", "项目资金", "预算数", "预算"];
const SUM_WORDS: &[&str] = &["合计", "共计", "总计", "全年", "累计", "总共"];
const CHANGE_WORDS: &[&str] = &[
    "增加",
    "减少",
    "增长",
    "下降",
    "比上年",
    "较上年",
    "同比",
    "压减",
    "节约",
    "上浮",
    "下浮",
    "追加",
    "调减",
    "调增",
    "增减",
];
const OTHER_WORDS: &[&str] = &[
    "上年",
    "去年",
    "往年",
    "以前年度",
    "每人",
    "每月",
    "每年",
    "每户",
    "每个",
    "每次",
    "每名",
    "每天",
    "每季",
    "人均",
    "户均",
    "月均",
    "年均",
    "标准",
    "单价",
    "总投资",
    "结转",
    "已拨付",
    "已支付",
    "已下达",
    "最高",
    "不超过",
];
/// Words between a label and its number ("预算资金为…", "共计…").
const SEPARATORS: &[char] = &['为', '共', '计', '约', '：', ':', ' ', '是', '达', '\u{3000}'];
/// Clause boundaries: a label never reaches back over these.
const CLAUSE_ENDS: &[char] = &['，', ',', '、', '；', ';', '。', '：', ':', '（', '(', '！', '？', '\n'];
const SENTENCE_ENDS: &[char] = &['。', '；', ';', '！', '？', '\n'];

/// The amounts of `text` written in `unit` ("万元" or "元"), with what they are.
/// `year` is the budget year: an amount labelled with another year is `Other`.
pub(super) fn text_amounts(text: &str, unit: &str, year: i32) -> Vec<TextAmount> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b',') {
            i += 1;
        }
        let digits: String = text[start..i].chars().filter(|c| *c != ',').collect();
        let rest = &text[i..];
        // "3万元" is not in 元; "300元" is not in 万元.
        let in_unit = rest.starts_with(unit) && !(unit == "元" && text[..start].ends_with('万'));
        let Ok(value) = digits.trim_end_matches('.').parse::<Decimal>() else { continue };
        if !in_unit {
            continue;
        }
        let end = i + unit.len();
        let kind = classify(text, start, end, year);
        let sentence = text[..start].matches(SENTENCE_ENDS).count();
        out.push(TextAmount { value, kind, sentence, end });
        i = end;
    }
    out
}

fn classify(text: &str, start: usize, end: usize, year: i32) -> AmountKind {
    let after = &text[end..];
    if after.starts_with(['/', '每']) {
        return AmountKind::Other;
    }
    let before = &text[..start];
    let trimmed = before.trim_end_matches(SEPARATORS);
    let clause_start = trimmed.rfind(CLAUSE_ENDS).map(|p| p + trimmed[p..].chars().next().map_or(1, char::len_utf8));
    let clause_start = clause_start.unwrap_or(0);
    let label_full = &before[clause_start..];
    let label = &trimmed[clause_start.min(trimmed.len())..];
    if CHANGE_WORDS.iter().any(|w| label_full.contains(w)) {
        return AmountKind::Change;
    }
    if OTHER_WORDS.iter().any(|w| label_full.contains(w)) || names_other_year(label_full, year) {
        return AmountKind::Other;
    }
    let sentence_start = before.rfind(SENTENCE_ENDS).map(|p| p + 1).unwrap_or(0);
    let sentence_start = (sentence_start..=before.len()).find(|p| before.is_char_boundary(*p)).unwrap_or(0);
    let part = before[sentence_start..].contains("其中");
    if !part && BUDGET_MARKERS.iter().any(|m| label.ends_with(m)) {
        return AmountKind::Budget;
    }
    if SUM_WORDS.iter().any(|w| label_full.contains(w)) {
        return AmountKind::Sum;
    }
    if part { AmountKind::Part } else { AmountKind::Item }
}

/// True when `label` names a four-digit year other than `year` ("2023年安排").
fn names_other_year(label: &str, year: i32) -> bool {
    let b = label.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && label[i + 4..].starts_with('年')
            && label[i..i + 4].parse::<i32>().is_ok_and(|y| y != year)
    })
}

/// R-PRJ-006 (an amount labelled as the budget) and R-PRJ-008 (a breakdown that does
/// not add up) in the project's 资金用途.
pub(super) fn purpose(j: usize, p: &Project, unit: &str, year: i32, out: &mut Vec<Finding>) {
    let Some(budget) = p.budget() else { return };
    let amounts = text_amounts(&p.purpose, unit, year);
    let loc = || Location::cell(Section::Projects, j, "purpose");
    for a in amounts.iter().filter(|a| a.kind == AmountKind::Budget) {
        if round_display(a.value) != round_display(budget) {
            out.push(Finding::new(
                "R-PRJ-006",
                Severity::Error,
                loc(),
                format!(
                    "资金用途中写的项目资金 {}{unit} 与本项目预算数 {}{unit} 不符；请改正文字或金额",
                    a.value.normalize(),
                    format_amount_plain(budget)
                ),
            ));
        }
    }
    // A breakdown: two or more parts or items in one sentence, the list not ending in "等".
    let listed = |a: &&TextAmount| matches!(a.kind, AmountKind::Part | AmountKind::Item);
    let items: Vec<&TextAmount> = amounts
        .iter()
        .filter(listed)
        .filter(|a| amounts.iter().filter(listed).filter(|b| b.sentence == a.sentence).count() >= 2)
        .collect();
    if items.len() < 2 || items.iter().any(|a| p.purpose[a.end..].chars().take(2).any(|c| c == '等')) {
        return;
    }
    let values: Vec<Decimal> = items.iter().map(|a| a.value).collect();
    // A list that says it is not all ("其余用于…") may fall short of the budget, never exceed it.
    let sentences: Vec<&str> = p.purpose.split(SENTENCE_ENDS).collect();
    let open_ended = items.iter().any(|a| {
        sentences
            .get(a.sentence)
            .is_some_and(|s| ["其余", "剩余", "其他", "另外", "部分"].iter().any(|w| s.contains(w)))
    });
    let sum = saturating_sum(values.iter().copied());
    if open_ended && round_display(sum) < round_display(budget) {
        return;
    }
    if let SumCheck::Mismatch(_) = check_sum(budget, &values) {
        let listed: Vec<String> = values.iter().map(|v| format!("{}", v.normalize())).collect();
        out.push(Finding::new(
            "R-PRJ-008",
            Severity::Warning,
            loc(),
            format!(
                "资金用途中列出的各项金额 {} 合计 {}{unit}，与本项目预算数 {}{unit} 不符；请核对明细金额或预算数",
                listed.join(" + "),
                format_amount_plain(sum),
                format_amount_plain(budget)
            ),
        ));
    }
}

/// Numbers written with `unit` in `text` (the longest known unit at each number must
/// be `unit`), leaving out years, ordinals ("第3次") and rates ("每人3次").
fn numbers_with_unit(text: &str, unit: &str) -> Vec<Decimal> {
    let text = text.replace('％', "%");
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
            i += 1;
        }
        let rest = &text[i..];
        let longest = KNOWN_UNITS.iter().filter(|u| rest.starts_with(**u)).max_by_key(|u| u.len());
        if longest != Some(&unit) {
            continue;
        }
        let prev = text[..start].chars().next_back();
        // Ordinals, rates, ranges and formulas ("×100%").
        if matches!(prev, Some('第' | '每' | '/' | '-' | '－' | '~' | '～' | '至' | '×' | '*' | 'x' | 'X' | '÷'))
        {
            continue;
        }
        let Ok(v) = text[start..i].trim_end_matches('.').parse::<Decimal>() else { continue };
        if unit == "年" && (1900..=2100).contains(&v.trunc().to_i64().unwrap_or(0)) {
            continue;
        }
        out.push(v);
    }
    out
}

/// R-IND-016: a count in the indicator's 描述, or in a goal line naming the indicator,
/// that contradicts the indicator's own value ("发放对象为42人" vs "≥142人"). Only
/// counts: percentages in a description are often milestones or formulas. A value equal
/// to one of the counts, or to their sum ("新建3个、改造5个" for "8个"), agrees.
pub(super) fn counts(j: usize, p: &Project, out: &mut Vec<Finding>) {
    for (k, ind) in p.indicators.iter().enumerate() {
        let IndicatorValue::Quantitative { number, unit, .. } = ind.parsed_value() else { continue };
        if !COUNT_UNITS.contains(&unit.as_str()) {
            continue;
        }
        let name = ind.level3.trim();
        let mut sources: Vec<(&str, Vec<Decimal>)> = vec![("指标描述", numbers_with_unit(&ind.description, &unit))];
        if name.chars().count() >= 3 {
            for g in &p.goals {
                for clause in g.split(['，', ',', '；', ';', '。']).filter(|c| c.contains(name)) {
                    sources.push(("绩效目标", numbers_with_unit(clause, &unit)));
                }
            }
        }
        for (what, found) in sources {
            let sum = saturating_sum(found.iter().copied());
            if found.is_empty() || found.iter().chain([&sum]).any(|v| v.normalize() == number.normalize()) {
                continue;
            }
            let said: Vec<String> = found.iter().map(|v| format!("{}{unit}", v.normalize())).collect();
            out.push(Finding::new(
                "R-IND-016",
                Severity::Warning,
                Location::sub(Section::Projects, j, k, "value"),
                format!(
                    "指标“{}”的指标值“{}”与{what}中的“{}”不一致；请统一为同一个数",
                    if name.is_empty() { ind.description.trim() } else { name },
                    ind.value.trim(),
                    said.join("、")
                ),
            ));
            break;
        }
    }
}

/// The first percentage written right after `at` in `text` ("达到95%以上"), within a
/// few characters, with only target words in between.
fn target_after(text: &str, at: usize) -> Option<Decimal> {
    let rest = &text[at..];
    let skip = [
        "争取",
        "力争",
        "确保",
        "要求",
        "达到",
        "不低于",
        "保持在",
        "保持",
        "控制在",
        "在",
        "为",
        "≥",
        ">=",
        "＞",
        ">",
        "了",
        "要",
        "均",
    ];
    let mut r = rest.trim_start();
    while let Some(w) = skip.iter().find(|w| r.starts_with(**w)) {
        r = r[w.len()..].trim_start();
    }
    let digits = r.char_indices().find(|(_, c)| !(c.is_ascii_digit() || *c == '.')).map_or(r.len(), |(i, _)| i);
    if digits == 0 {
        return None;
    }
    let after = &r[digits..];
    if !(after.starts_with('%') || after.starts_with('％') || after.starts_with("百分比")) {
        return None;
    }
    r[..digits].trim_end_matches('.').parse().ok()
}

/// R-PRF-002: a sub-goal and a project indicator measuring the same rate with
/// different targets ("按时办结率95%以上" vs indicator "按时办结率 ≥90%").
pub(super) fn sub_goal_targets(doc: &Disclosure, out: &mut Vec<Finding>) {
    let mut rates: Vec<(&str, Decimal, &str, &str)> = Vec::new();
    for p in &doc.performance.projects {
        for ind in &p.indicators {
            let name = ind.level3.trim();
            if name.chars().count() < 3 || !is_rate(name) {
                continue;
            }
            if let IndicatorValue::Quantitative { number, unit, .. } = ind.parsed_value()
                && unit == "%"
            {
                rates.push((name, number, ind.value.trim(), p.name.trim()));
            }
        }
    }
    if rates.is_empty() {
        return;
    }
    for (i, g) in doc.performance.sub_goals.iter().enumerate() {
        for (field, text) in [("goal", g.goal.as_str()), ("indicators", g.indicators.as_str())] {
            let mut reported: Vec<&str> = Vec::new();
            for (name, value, typed, project) in &rates {
                if reported.contains(name) {
                    continue;
                }
                // The whole name: "投诉办结率" is not "办结率".
                let whole = |at: usize| !text[..at].chars().next_back().is_some_and(is_cjk);
                let Some(target) = text
                    .match_indices(name)
                    .filter(|(at, _)| whole(*at))
                    .find_map(|(at, m)| target_after(text, at + m.len()))
                else {
                    continue;
                };
                if target.normalize() == value.normalize() {
                    continue;
                }
                reported.push(name);
                out.push(Finding::new(
                    "R-PRF-002",
                    Severity::Notice,
                    Location::cell(Section::SubGoals, i, field),
                    format!(
                        "分项目标“{}”写{name}为 {}%，项目“{project}”的同名指标值为“{typed}”；同一指标的目标值宜一致，请确认",
                        g.title.trim(),
                        target.normalize()
                    ),
                ));
            }
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, SubGoal};
    use crate::rules::tests::{d, ids};

    fn kinds(text: &str) -> Vec<(Decimal, AmountKind)> {
        text_amounts(text, "万元", 2024).into_iter().map(|a| (a.value, a.kind)).collect()
    }

    #[test]
    fn amounts_are_read_with_their_labels() {
        use AmountKind::*;
        assert_eq!(
            kinds("项目预算资金1,264.5万元，比上年增加预算25万元，其中设备费20万元、材料费30万元。"),
            [(d("1264.5"), Budget), (d("25"), Change), (d("20"), Part), (d("30"), Part)]
        );
        assert_eq!(
            kinds("上年安排50万元，每人每月0.3万元，人均3.6万元，补贴0.2万元/人，2023年安排40万元，全年43.2万元。"),
            [
                (d("50"), Other),
                (d("0.3"), Other),
                (d("3.6"), Other),
                (d("0.2"), Other),
                (d("40"), Other),
                (d("43.2"), Sum)
            ]
        );
        assert_eq!(kinds("预算资金为：80万元；租金300元"), [(d("80"), Budget)]);
        assert_eq!(kinds("A费18.5万元、B费40万元"), [(d("18.5"), Item), (d("40"), Item)]);
    }

    fn project(purpose: &str, budget: &str) -> Project {
        Project { name: "甲".into(), fiscal: Some(d(budget)), purpose: purpose.into(), ..Project::default() }
    }

    fn purpose_rules(purpose_text: &str, budget: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        purpose(0, &project(purpose_text, budget), "万元", 2024, &mut out);
        out
    }

    #[test]
    fn labelled_changes_parts_and_other_amounts_are_not_the_budget() {
        for text in [
            "比上年增加预算25万元，主要用于社区服务。",
            "其中预算20万元用于设备购置。",
            "上年预算50万元，本年继续实施。",
            "每人每月预算0.3万元。",
        ] {
            assert!(purpose_rules(text, "100").is_empty(), "{text}");
        }
        let f = purpose_rules("项目预算资金90万元，用于社区服务。", "100");
        assert_eq!(ids(&f), ["R-PRJ-006"]);
    }

    #[test]
    fn a_breakdown_must_add_up_to_the_budget() {
        let f = purpose_rules("主要用于A费18.5万元、B费40万元。", "60");
        assert_eq!(ids(&f), ["R-PRJ-008"]);
        assert!(f[0].message.contains("58.5") && f[0].message.contains("60"), "{}", f[0].message);
        // Near misses: the items add up; the list ends in 等; items in separate sentences;
        // one part only; amounts of other years.
        assert!(purpose_rules("主要用于A费20万元、B费40万元。", "60").is_empty());
        assert!(purpose_rules("主要用于A费18.5万元、B费40万元等。", "60").is_empty());
        assert!(purpose_rules("A费18.5万元。B费40万元。", "60").is_empty());
        assert!(purpose_rules("项目预算资金60万元，其中设备费20万元。", "60").is_empty());
        assert!(purpose_rules("2023年安排50万元、2025年安排50万元。", "60").is_empty());
        assert!(purpose_rules("其中A社区10万元、B社区15万元，其余用于日常维护。", "60").is_empty());
        // …but an open list that exceeds the budget is still wrong.
        assert_eq!(ids(&purpose_rules("其中A社区40万元、B社区35万元，其余用于日常维护。", "60")), ["R-PRJ-008"]);
    }

    fn ind(l3: &str, description: &str, value: &str) -> Indicator {
        Indicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            level3: l3.into(),
            description: description.into(),
            value: value.into(),
            basis: "工作方案".into(),
        }
    }

    #[test]
    fn counts_in_the_description_and_goals_match_the_value() {
        let mut p = project("用于补贴发放。", "10");
        p.indicators = vec![ind("发放人数", "发放对象为42人", "≥142人")];
        let mut out = Vec::new();
        counts(0, &p, &mut out);
        assert_eq!(ids(&out), ["R-IND-016"]);
        assert!(out[0].message.contains("42人") && out[0].message.contains("≥142人"));
        // Near misses: the same count; another unit (人次); a year; an ordinal.
        p.indicators = vec![
            ind("发放人数", "发放对象为142人，其中老人20人", "≥142人"),
            ind("培训人次", "全年培训300人次", "≥20人"),
            ind("使用年限", "2024年建成，使用10年", "≥10年"),
            ind("活动次数", "第3次全体会议后开展活动12次", "12次"),
            ind("完成率", "完成率=完成数/计划数×100%", "≥95%"),
            ind("进度", "1-3月完成30%，年底完成全部", "=100%"),
            ind("改造数量", "新建3个、改造5个", "8个"),
        ];
        out.clear();
        counts(0, &p, &mut out);
        assert!(out.is_empty(), "{out:#?}");
        p.goals = vec!["全年开展活动次数10次，惠及群众。".into()];
        counts(0, &p, &mut out);
        assert_eq!(ids(&out), ["R-IND-016"]);
        assert_eq!(out[0].location, Location::sub(Section::Projects, 0, 3, "value"));
        assert_eq!(out[0].severity, Severity::Warning);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// The readers slice text by bytes: no input may make them panic.
            #[test]
            fn readers_never_panic(text in "[0-9０-９.,，、。；：:（）()/～~\\-年月万元人个%％其中上年预算资金每比增加减少A费 ]{0,60}") {
                let _ = text_amounts(&text, "万元", 2024);
                let _ = text_amounts(&text, "元", 2024);
                let _ = numbers_with_unit(&text, "人");
                let _ = numbers_with_unit(&text, "%");
                for at in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
                    let _ = target_after(&text, at);
                }
            }
        }
    }

    #[test]
    fn sub_goal_targets_match_the_project_indicators() {
        let mut doc = Disclosure::new("测试部门", 2024, "hebei-2024-tables");
        let mut p = project("用于政务服务。", "10");
        p.indicators = vec![ind("按时办结率", "按时办结", "≥90%")];
        doc.performance.projects.push(p);
        doc.performance.sub_goals.push(SubGoal {
            title: "政务服务".into(),
            goal: "提高服务质量。".into(),
            indicators: "按时办结率95%以上，群众满意。".into(),
        });
        let mut out = Vec::new();
        sub_goal_targets(&doc, &mut out);
        assert_eq!(ids(&out), ["R-PRF-002"]);
        assert_eq!(out[0].severity, Severity::Notice);
        doc.performance.sub_goals[0].indicators = "按时办结率争取达到85%以上。".into();
        out.clear();
        sub_goal_targets(&doc, &mut out);
        assert_eq!(ids(&out), ["R-PRF-002"]);
        doc.performance.sub_goals[0].indicators = "按时办结率达到90%以上；投诉办结率95%。".into();
        out.clear();
        sub_goal_targets(&doc, &mut out);
        assert!(out.is_empty(), "{out:#?}");
    }
}
