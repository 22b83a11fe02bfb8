//! The balance identities of the standard tables and part 2 (R-INC, R-TAB, R-SUM).
//!
//! Totals and parent rows are derived by the model, so they cannot disagree with their
//! parts as exact numbers. What can go wrong is what gets *published*: each figure is
//! rounded to 0.01 on its own, so Σ of the printed parts may differ from the printed
//! total. Those gaps are reported as 提示 (the reader will see them); real imbalances
//! (income ≠ expense on a line, table 3 ≠ table 6) are 错误.

use rust_decimal::Decimal;

use super::{Finding, Location, Section, Severity, SumCheck, check_sum, sum_finding};
use crate::model::{Disclosure, FigureSource, Figures, Income, format_amount_plain, round_display};

pub(super) fn check(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    income_balance(doc, fig, out);
    if !doc.budget.function_lines.is_empty() {
        function_table(doc, out);
    }
    if !doc.budget.economic_lines.is_empty() {
        economic_table(doc, out);
    }
    if !doc.budget.function_lines.is_empty() && !doc.budget.economic_lines.is_empty() {
        let basic = doc.budget.function_total().basic;
        let six = doc.budget.economic_total().total();
        if let Some(f) = sum_finding(
            "R-TAB-007",
            Location::field(Section::Table(3), "basic"),
            "表3 基本支出",
            "表6 基本支出合计",
            basic,
            &[six],
        ) {
            out.push(with_hint(
                f,
                "表3 的基本支出应等于表6（一般公共预算基本支出）的合计；请核对功能分类行的基本支出和经济分类明细",
            ));
        }
    }
    check_reasons(doc, fig, out);
    empty_standard_tables(doc, fig, out);
}

/// R-TAB-008: the template prints the nine standard tables, part 2 has figures, but no
/// 功能分类 line is entered, so tables 1–9 would print empty under balanced totals.
fn empty_standard_tables(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    let prints_tables = crate::template::find(&doc.header.template)
        .is_some_and(|t| t.sections.iter().any(|s| matches!(s, crate::template::Section::StandardTables { .. })));
    if !prints_tables || !doc.budget.function_lines.is_empty() {
        return;
    }
    if fig.income_total().is_zero() && fig.expense_total().is_zero() {
        return;
    }
    let unit = doc.header.unit.label();
    out.push(Finding::new(
        "R-TAB-008",
        Severity::Warning,
        Location::section(Section::FunctionLines),
        format!(
            "功能分类明细未填写，表1–表9 将为空（第二部分的支出合计为 {} {unit}）；请按预算系统导出的功能分类科目填写收支明细，经济分类明细用于表6",
            format_amount_plain(fig.expense_total())
        ),
    ));
}

/// Appends what to do to a [`sum_finding`] message when it is an error.
fn with_hint(mut f: Finding, hint: &str) -> Finding {
    if f.severity != Severity::Notice {
        f.message.push('；');
        f.message.push_str(hint);
    }
    f
}

/// The income sources as they are published (non-zero ones), without the carry-over.
fn this_year_sources(i: &Income) -> Vec<Decimal> {
    [
        i.general_budget,
        i.gov_fund,
        i.state_capital,
        i.fiscal_special,
        i.business,
        i.operating,
        i.superior,
        i.affiliated,
        i.other,
    ]
    .into_iter()
    .filter(|v| !v.is_zero())
    .collect()
}

fn income_balance(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    let income = &fig.income;
    let sources = this_year_sources(income);
    let tables = fig.source == FigureSource::Tables;
    let loc_income =
        if tables { Location::field(Section::Table(2), "total") } else { Location::section(Section::Summary) };
    if let Some(f) = sum_finding("R-INC-002", loc_income, "本年收入合计", "各项收入", income.this_year(), &sources)
    {
        out.push(f);
    }

    // Per 功能分类 line: Σ income sources = 基本支出 + 项目支出.
    let mut line_errors = false;
    for (i, line) in doc.budget.function_lines.iter().enumerate() {
        let mut parts = this_year_sources(&line.income);
        if !line.income.carryover.is_zero() {
            parts.push(line.income.carryover);
        }
        if let SumCheck::Mismatch(_) = check_sum(line.expense(), &parts) {
            line_errors = true;
            out.push(Finding::new(
                "R-INC-003",
                Severity::Error,
                Location::row(Section::FunctionLines, i),
                format!(
                    "科目 {} {} 的收入合计 {} 与支出合计（基本支出 {} + 项目支出 {}）{} 不符；每个功能分类科目的收入应等于其支出，请核对该行的收入来源或支出金额",
                    line.code.trim(),
                    line.name.trim(),
                    format_amount_plain(line.income.total()),
                    format_amount_plain(line.basic),
                    format_amount_plain(line.project),
                    format_amount_plain(line.expense()),
                ),
            ));
        }
    }

    // 收入总计 = 支出总计.
    if line_errors {
        return;
    }
    let mut parts = sources;
    if !income.carryover.is_zero() {
        parts.push(income.carryover);
    }
    let expense = fig.expense_total();
    if parts.is_empty() && expense.is_zero() {
        return;
    }
    let loc = if tables { Location::field(Section::Table(1), "total") } else { Location::section(Section::Summary) };
    if let Some(f) = sum_finding("R-INC-001", loc, "支出总计", "收入来源", expense, &parts) {
        out.push(with_hint(f, "收入总计必须等于支出总计，请核对收入来源与基本支出、项目支出"));
    }
}

fn function_table(doc: &Disclosure, out: &mut Vec<Finding>) {
    let rows = doc.budget.function_rows(doc.header.year);
    for (r, parent) in rows.iter().enumerate() {
        if parent.line.is_some() {
            continue;
        }
        let depth = parent.code.len() + 2;
        let children: Vec<Decimal> = rows
            .iter()
            .filter(|c| c.code.len() == depth && c.code.starts_with(parent.code.as_str()))
            .map(|c| c.expense())
            .collect();
        let what = format!("{} {} 支出合计", parent.code, parent.name);
        if let Some(f) = sum_finding(
            "R-TAB-001",
            Location::cell(Section::Table(3), r, "total"),
            &what,
            "下级科目",
            parent.expense(),
            &children,
        ) {
            out.push(f);
        }
    }
    let total = doc.budget.function_total();
    let classes: Vec<Decimal> = rows.iter().filter(|r| r.code.len() == 3).map(|r| r.expense()).collect();
    if let Some(f) = sum_finding(
        "R-TAB-002",
        Location::field(Section::Table(3), "total"),
        "支出合计",
        "各类科目",
        total.expense(),
        &classes,
    ) {
        out.push(f);
    }
    if let Some(f) = sum_finding(
        "R-TAB-003",
        Location::field(Section::Table(3), "total"),
        "支出合计",
        "基本支出 + 项目支出",
        total.expense(),
        &[total.basic, total.project],
    ) {
        out.push(f);
    }
}

fn economic_table(doc: &Disclosure, out: &mut Vec<Finding>) {
    let rows = doc.budget.economic_rows();
    for (r, parent) in rows.iter().enumerate() {
        if parent.line.is_some() || parent.code.len() != 3 {
            continue;
        }
        let children: Vec<Decimal> = rows
            .iter()
            .filter(|c| c.code.len() == 5 && c.code.starts_with(parent.code.as_str()))
            .map(|c| c.total())
            .collect();
        let what = format!("{} {} 合计", parent.code, parent.name);
        if let Some(f) = sum_finding(
            "R-TAB-004",
            Location::cell(Section::Table(6), r, "total"),
            &what,
            "所属款级科目",
            parent.total(),
            &children,
        ) {
            out.push(f);
        }
    }
    let total = doc.budget.economic_total();
    if let Some(f) = sum_finding(
        "R-TAB-005",
        Location::field(Section::Table(6), "total"),
        "基本支出合计",
        "人员经费 + 公用经费",
        total.total(),
        &[total.personnel, total.public],
    ) {
        out.push(f);
    }
    let classes: Vec<Decimal> = rows.iter().filter(|r| r.code.len() == 3).map(|r| r.total()).collect();
    if let Some(f) = sum_finding(
        "R-TAB-006",
        Location::field(Section::Table(6), "total"),
        "基本支出合计",
        "各类科目",
        total.total(),
        &classes,
    ) {
        out.push(f);
    }
}

/// Words that say a figure went up, down or stayed the same.
pub(super) const UP_WORDS: &[&str] = &["增加", "增长", "提高", "增多", "上升", "上涨", "新增", "增设"];
pub(super) const DOWN_WORDS: &[&str] = &["减少", "下降", "压减", "降低", "缩减", "减小", "核减", "下调"];
pub(super) const SAME_WORDS: &[&str] = &["持平", "无增减", "无变化", "没有变化", "未发生变化"];

/// How a reason text describes the direction of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wording {
    Up,
    Down,
    Same,
    /// Mixed or no direction words: nothing to compare.
    Unclear,
}

pub(super) fn wording(text: &str) -> Wording {
    let mut up = false;
    let mut down = false;
    let mut same = SAME_WORDS.iter().any(|w| text.contains(w));
    for (words, flag) in [(UP_WORDS, &mut up), (DOWN_WORDS, &mut down)] {
        for w in words {
            for (pos, _) in text.match_indices(w) {
                // "未增加", "没有减少", "不增加" say the figure stayed the same.
                if text[..pos].ends_with(['未', '不', '无']) || text[..pos].ends_with("没有") {
                    same = true;
                } else {
                    *flag = true;
                }
            }
        }
    }
    match (up, down, same) {
        (true, false, false) => Wording::Up,
        (false, true, false) => Wording::Down,
        (false, false, true) => Wording::Same,
        _ => Wording::Unclear,
    }
}

/// The contradiction between a change and its reason, as a phrase, if any.
pub(super) fn contradiction(change: Decimal, reason: &str) -> Option<&'static str> {
    let change = round_display(change);
    match wording(reason) {
        Wording::Up if change.is_sign_negative() && !change.is_zero() => Some("原因写的是增加，但金额是减少"),
        Wording::Down if change.is_sign_positive() && !change.is_zero() => Some("原因写的是减少，但金额是增加"),
        Wording::Same if !change.is_zero() => Some("原因写的是持平（无增减），但金额有变化"),
        Wording::Up | Wording::Down if change.is_zero() => Some("金额与上年持平，但原因写了增减"),
        _ => None,
    }
}

/// R-SUM-001/002: a change of 基本/项目支出 needs a reason that does not contradict it.
fn check_reasons(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    let s = &doc.summary;
    let items = [
        ("基本支出", fig.basic_change(), s.basic_change_reason.as_str(), "basic_change_reason"),
        ("项目支出", fig.project_change(), s.project_change_reason.as_str(), "project_change_reason"),
    ];
    for (what, change, reason, field) in items {
        let Some(change) = change else { continue };
        let loc = Location::field(Section::Summary, field);
        let change_text = describe_change(change, doc.header.unit.label());
        if reason.trim().is_empty() {
            if !round_display(change).is_zero() {
                out.push(Finding::new(
                    "R-SUM-001",
                    Severity::Warning,
                    loc,
                    format!("{what}比上年{change_text}，但没有填写增减原因；请说明主要原因"),
                ));
            }
            continue;
        }
        if let Some(why) = contradiction(change, reason) {
            out.push(Finding::new(
                "R-SUM-002",
                Severity::Warning,
                loc,
                format!("{what}比上年{change_text}，{why}：“{}”；请核对上年数或改写原因", reason.trim()),
            ));
        }
    }
}

/// "增加 2.33 万元" / "减少 158.43 万元" / "持平".
pub(super) fn describe_change(change: Decimal, unit: &str) -> String {
    let r = round_display(change);
    if r.is_zero() {
        "持平".to_owned()
    } else if r.is_sign_positive() {
        format!("增加 {} {unit}", format_amount_plain(r))
    } else {
        format!("减少 {} {unit}", format_amount_plain(-r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EconomicLine, FunctionLine};
    use crate::rules::tests::{d, ids, run};

    fn line(code: &str, basic: &str, project: &str) -> FunctionLine {
        FunctionLine {
            code: code.into(),
            name: String::new(),
            basic: d(basic),
            project: d(project),
            income: Income { general_budget: d(basic) + d(project), ..Income::default() },
        }
    }

    fn eco(code: &str, personnel: &str, public: &str) -> EconomicLine {
        EconomicLine { code: code.into(), name: String::new(), personnel: d(personnel), public: d(public) }
    }

    fn check_fig(doc: &Disclosure, out: &mut Vec<Finding>) {
        check(doc, &doc.figures(), out)
    }

    #[test]
    fn standard_tables_without_lines_are_reported() {
        let mut doc = Disclosure::new("测试部门", 2024, "hebei-2024-tables");
        doc.summary.income.general_budget = d("100");
        doc.summary.personnel = d("60");
        doc.summary.project = d("40");
        let f = run(&doc, check_fig);
        assert_eq!(ids(&f), ["R-TAB-008"]);
        assert!(f[0].message.contains("功能分类明细未填写，表1–表9 将为空"));
        // Near misses: a template without standard tables; an empty draft; lines entered.
        doc.header.template = "hebei-2020-parts".into();
        assert!(run(&doc, check_fig).is_empty());
        assert!(run(&Disclosure::new("测试部门", 2024, "hebei-2024-tables"), check_fig).is_empty());
        assert!(!ids(&run(&self::doc(), check_fig)).contains(&"R-TAB-008"));
    }

    fn doc() -> Disclosure {
        let mut doc = Disclosure::new("测试部门", 2024, "hebei-2024-tables");
        doc.budget.function_lines = vec![line("2010301", "448.32", "0"), line("2010302", "0", "231.44")];
        doc.budget.economic_lines = vec![eco("30101", "400", "0"), eco("30201", "0", "48.32")];
        doc
    }

    #[test]
    fn balanced_tables_have_no_findings() {
        assert!(run(&doc(), check_fig).is_empty());
    }

    #[test]
    fn a_line_whose_income_differs_from_its_expense_is_an_error() {
        let mut doc = doc();
        doc.budget.function_lines[1].income.general_budget = d("200");
        let f = run(&doc, check_fig);
        assert_eq!(ids(&f), ["R-INC-003"]);
        assert_eq!(f[0].location, Location::row(Section::FunctionLines, 1));
        assert!(f[0].message.contains("231.44"));
    }

    #[test]
    fn summary_income_must_equal_expense() {
        let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
        doc.summary.income.general_budget = d("1750.87");
        doc.summary.personnel = d("280.08");
        doc.summary.public = d("25.69");
        doc.summary.project = d("1445.1");
        assert!(run(&doc, check_fig).is_empty());
        doc.summary.income.gov_fund = d("18");
        let f = run(&doc, check_fig);
        assert_eq!((ids(&f), f[0].severity), (vec!["R-INC-001"], Severity::Error));
    }

    #[test]
    fn table_3_basic_must_equal_table_6() {
        let mut doc = doc();
        doc.budget.economic_lines[1].public = d("40");
        let f = run(&doc, check_fig);
        assert_eq!((ids(&f), f[0].severity), (vec!["R-TAB-007"], Severity::Error));
    }

    #[test]
    fn published_rounding_gaps_are_notices() {
        // Exact amounts whose rounded parts no longer add up to the rounded parent.
        let mut doc = doc();
        doc.budget.function_lines =
            vec![line("2010301", "448.324", "0"), line("2010302", "0", "231.444"), line("2010350", "52.864", "0")];
        doc.budget.economic_lines = vec![eco("30101", "141.294", "0"), eco("30102", "359.885", "0")];
        let f = run(&doc, check_fig);
        assert!(!f.is_empty());
        assert!(f.iter().all(|f| f.severity == Severity::Notice), "{f:#?}");
        assert!(ids(&f).contains(&"R-TAB-001"));
        assert!(f[0].message.starts_with("四舍五入差异"));
    }

    #[test]
    fn change_reasons() {
        let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
        doc.summary.personnel = d("280.08");
        doc.summary.project = d("1445.1");
        doc.summary.income.general_budget = d("1725.18");
        doc.summary.last_basic = Some(d("277.75"));
        doc.summary.last_project = Some(d("1354.93"));
        doc.summary.basic_change_reason = "人员工资提高，保险基数增加".into();
        let f = run(&doc, check_fig);
        assert_eq!(ids(&f), ["R-SUM-001"]);
        assert_eq!(f[0].location, Location::field(Section::Summary, "project_change_reason"));
        doc.summary.project_change_reason = "部分项目完成后减少".into();
        assert_eq!(ids(&run(&doc, check_fig)), ["R-SUM-002"]);
        doc.summary.project_change_reason = "扩大了物业服务范围".into();
        assert!(run(&doc, check_fig).is_empty());
    }

    #[test]
    fn wording_directions() {
        assert_eq!(wording("压减公车运行维护费支出"), Wording::Down);
        assert_eq!(wording("无增减变化"), Wording::Same);
        assert_eq!(wording("人员减少但工资提高"), Wording::Unclear);
        assert_eq!(wording("严格控制，未增加公务接待"), Wording::Same);
        assert_eq!(wording("没有减少"), Wording::Same);
        assert_eq!(contradiction(d("-0.6"), "公车运行费增加"), Some("原因写的是增加，但金额是减少"));
        assert_eq!(contradiction(d("0"), "无增减变化"), None);
    }

    #[test]
    fn published_income_rounding_is_a_notice() {
        let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
        doc.summary.income.general_budget = d("0.004");
        doc.summary.income.gov_fund = d("0.004");
        let f = run(&doc, check_fig);
        assert_eq!((ids(&f), f[0].severity), (vec!["R-INC-002"], Severity::Notice));
    }
}
