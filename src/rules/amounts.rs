//! Every amount of the draft on its own (R-AMT): inside the documented range, totals that
//! can be computed, no negative figures, no implausible magnitudes.
//!
//! Typed amounts cannot break these rules (`parse_amount` refuses them), but drafts
//! written by hand, by other programs or by an import can. The loader keeps such
//! values so nothing is lost; these rules say where they are. Overflow is found with the
//! model's `checked_*` computations, so a draft near `Decimal`'s limits is a finding, never
//! a panic.

use rust_decimal::Decimal;

use super::{Finding, Location, Section, Severity};
use crate::model::amount::{AMOUNT_LIMIT, implausible_from};
use crate::model::{Disclosure, Income, ThreePublicKind, format_amount_plain, in_range};

/// What a stored number means, which decides the checks that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountKind {
    /// Money in the draft's unit.
    Money,
    /// A count or an area (采购数量, 资产数量).
    Quantity,
    /// A cumulative percentage (资金支出计划).
    Percent,
}

/// The fund fields in [`crate::model::Funds::columns`] order.
const FUND_KEYS: [&str; 6] =
    ["general_budget", "gov_fund", "state_capital", "fiscal_special", "unit_funds", "carryover"];

/// Calls `f` with every number the draft stores, where the form shows it and what it is.
pub fn each_amount(doc: &Disclosure, mut f: impl FnMut(Location, AmountKind, Decimal)) {
    use AmountKind::{Money, Percent, Quantity};
    let s = &doc.summary;
    for (key, v) in Income::FIELDS.iter().zip(s.income.sources()) {
        f(Location::field(Section::Summary, key), Money, v);
    }
    f(Location::field(Section::Summary, "personnel"), Money, s.personnel);
    f(Location::field(Section::Summary, "public"), Money, s.public);
    f(Location::field(Section::Summary, "project"), Money, s.project);
    if let Some(v) = s.last_basic {
        f(Location::field(Section::Summary, "last_basic"), Money, v);
    }
    if let Some(v) = s.last_project {
        f(Location::field(Section::Summary, "last_project"), Money, v);
    }
    for (i, l) in doc.budget.function_lines.iter().enumerate() {
        f(Location::cell(Section::FunctionLines, i, "basic"), Money, l.basic);
        f(Location::cell(Section::FunctionLines, i, "project"), Money, l.project);
        for (key, v) in Income::FIELDS.iter().zip(l.income.sources()) {
            f(Location::cell(Section::FunctionLines, i, key), Money, v);
        }
    }
    for (i, l) in doc.budget.economic_lines.iter().enumerate() {
        f(Location::cell(Section::EconomicLines, i, "personnel"), Money, l.personnel);
        f(Location::cell(Section::EconomicLines, i, "public"), Money, l.public);
    }
    if let Some(v) = doc.running_costs.total {
        f(Location::field(Section::RunningCosts, "total"), Money, v);
    }
    for (i, item) in doc.running_costs.items.iter().enumerate() {
        f(Location::cell(Section::RunningCosts, i, "amount"), Money, item.amount);
    }
    for (row, kind) in ThreePublicKind::ALL.iter().enumerate() {
        let item = doc.three_public.item(*kind);
        f(Location::cell(Section::ThreePublic, row, "last_year"), Money, item.last_year);
        f(Location::cell(Section::ThreePublic, row, "this_year"), Money, item.this_year);
    }
    for (p, project) in doc.performance.projects.iter().enumerate() {
        if let Some(v) = project.fiscal {
            f(Location::cell(Section::Projects, p, "fiscal"), Money, v);
        }
        if let Some(v) = project.other {
            f(Location::cell(Section::Projects, p, "other"), Money, v);
        }
        for (k, v) in project.spend_plan.iter().enumerate() {
            if let Some(v) = v {
                f(Location::sub(Section::Projects, p, k, "spend_plan"), Percent, *v);
            }
        }
    }
    for (i, r) in doc.procurement.rows.iter().enumerate() {
        if let Some(v) = r.project_budget {
            f(Location::cell(Section::Procurement, i, "project_budget"), Money, v);
        }
        if let Some(v) = r.quantity {
            f(Location::cell(Section::Procurement, i, "quantity"), Quantity, v);
        }
        if let Some(v) = r.unit_price {
            f(Location::cell(Section::Procurement, i, "unit_price"), Money, v);
        }
        for (key, v) in FUND_KEYS.iter().zip(r.funds.columns()) {
            f(Location::cell(Section::Procurement, i, key), Money, v);
        }
    }
    for (i, c) in doc.assets.categories.iter().enumerate() {
        if let Some(v) = c.quantity {
            f(Location::cell(Section::Assets, i, "quantity"), Quantity, v);
        }
        if let Some(v) = c.value {
            f(Location::cell(Section::Assets, i, "value"), Money, v);
        }
    }
    f(Location::field(Section::Assets, "planned_purchase"), Money, doc.assets.planned_purchase);
}

/// The first number of `doc` outside the documented range, if any.
pub fn first_out_of_range(doc: &Disclosure) -> Option<(Location, Decimal)> {
    let mut found = None;
    each_amount(doc, |loc, _, v| {
        if found.is_none() && !in_range(v) {
            found = Some((loc, v));
        }
    });
    found
}

/// R-AMT-001, R-AMT-003 and R-AMT-004 field by field, then R-AMT-002 for the totals.
pub(super) fn check(doc: &Disclosure, out: &mut Vec<Finding>) {
    let unit = doc.header.unit.label();
    let implausible = implausible_from(doc.header.unit);
    each_amount(doc, |loc, kind, v| {
        // Out of range anywhere is refused on load; beyond that, summary inputs the
        // tables replace are neither published nor editable (the form shows the tables').
        let in_use = summary_input_in_use(doc, &loc);
        if !in_range(v) {
            out.push(Finding::new(
                "R-AMT-001",
                Severity::Error,
                loc,
                format!(
                    "数值 {} 超出范围：金额和数量最多 18 位整数（绝对值小于 {}），请核对是否多输了数字",
                    v.normalize(),
                    AMOUNT_LIMIT
                ),
            ));
        } else if in_use && v.is_sign_negative() && !v.is_zero() && kind != AmountKind::Percent {
            // Negative spend-plan percentages are R-PRJ-003's.
            let what = if kind == AmountKind::Quantity { "数量" } else { "金额" };
            out.push(Finding::new(
                "R-AMT-003",
                Severity::Error,
                loc,
                format!("{what}为负数（{}）；预算公开中的{what}不能为负，请核对", v.normalize()),
            ));
        } else if in_use && kind == AmountKind::Money && v.abs() >= implausible {
            out.push(Finding::new(
                "R-AMT-004",
                Severity::Warning,
                loc,
                format!(
                    "金额 {} {unit} 达到或超过 1 万亿元，一个部门的预算不会有这么大，请核对单位和数字",
                    format_amount_plain(v)
                ),
            ));
        }
    });
    overflow(doc, out);
}

/// False for a part-2 summary input that the line-item tables replace (see `Figures`).
fn summary_input_in_use(doc: &Disclosure, loc: &Location) -> bool {
    if loc.section != Section::Summary {
        return true;
    }
    match loc.field {
        Some("personnel" | "public") => doc.budget.economic_lines.is_empty(),
        Some("last_basic" | "last_project") => true,
        _ => doc.budget.function_lines.is_empty(),
    }
}

/// R-AMT-002: totals and products the model cannot compute.
fn overflow(doc: &Disclosure, out: &mut Vec<Finding>) {
    let mut push = |loc: Location, what: &str| {
        out.push(Finding::new(
            "R-AMT-002",
            Severity::Error,
            loc,
            format!("{what}超出可计算的范围（合计溢出），无法得出正确的数；请核对各项金额，先改正超出范围的数"),
        ));
    };
    let b = &doc.budget;
    for (i, l) in b.function_lines.iter().enumerate() {
        if l.checked_expense().is_none() {
            push(Location::cell(Section::FunctionLines, i, "basic"), "本行支出合计（基本支出 + 项目支出）");
        }
        if l.income.checked_total().is_none() {
            push(Location::cell(Section::FunctionLines, i, "general_budget"), "本行收入合计");
        }
    }
    if b.checked_function_totals().is_none() {
        push(Location::field(Section::Table(3), "total"), "功能分类合计");
    }
    for (i, l) in b.economic_lines.iter().enumerate() {
        if l.checked_total().is_none() {
            push(Location::cell(Section::EconomicLines, i, "personnel"), "本行合计（人员经费 + 公用经费）");
        }
    }
    if b.checked_economic_total().is_none() {
        push(Location::field(Section::Table(6), "total"), "经济分类合计");
    }
    if doc.figures().checked().is_none() {
        push(Location::section(Section::Summary), "收入总计、支出总计或比上年增减");
    }
    if doc.running_costs.checked_items_sum().is_none() {
        push(Location::field(Section::RunningCosts, "total"), "机关运行经费明细之和");
    }
    if doc.three_public.checked_totals().is_none() {
        push(Location::field(Section::ThreePublic, "this_year"), "“三公”经费合计或增减");
    }
    for (p, project) in doc.performance.projects.iter().enumerate() {
        if project.checked_budget() == Some(None) {
            push(Location::cell(Section::Projects, p, "fiscal"), "项目预算数（财政资金 + 其他资金）");
        }
    }
    for (i, r) in doc.procurement.rows.iter().enumerate() {
        if r.funds.checked_total().is_none() {
            push(Location::cell(Section::Procurement, i, "amount"), "本行采购金额合计");
        }
        if r.checked_amount() == Some(None) {
            push(Location::cell(Section::Procurement, i, "quantity"), "数量 × 单价");
        }
    }
    if doc.procurement.checked_total().is_none() {
        push(Location::field(Section::Procurement, "total"), "政府采购合计");
    }
    if doc.assets.checked_total_value().is_none() {
        push(Location::field(Section::Assets, "total"), "固定资产总额");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EconomicLine, FunctionLine, Income, ProcurementRow};
    use crate::rules::tests::{d, ids, run};

    fn check_only(doc: &Disclosure, out: &mut Vec<Finding>) {
        check(doc, out);
    }

    #[test]
    fn the_largest_decimal_plus_one_is_out_of_range_and_overflows() {
        let mut doc = Disclosure::default();
        doc.budget.economic_lines.push(EconomicLine {
            code: "30101".into(),
            name: "基本工资".into(),
            personnel: d("79228162514264337593543950335"),
            public: d("1"),
        });
        let found = run(&doc, check_only);
        assert_eq!(found[0].rule, "R-AMT-001", "{found:#?}");
        assert_eq!(found[0].location, Location::cell(Section::EconomicLines, 0, "personnel"));
        for total in
            [Location::cell(Section::EconomicLines, 0, "personnel"), Location::field(Section::Table(6), "total")]
        {
            assert!(found.iter().any(|f| f.rule == "R-AMT-002" && f.location == total), "{found:#?}");
        }
        assert!(found[0].message.contains("超出范围"), "{}", found[0].message);
        // The whole engine and the figures survive it.
        let all = crate::rules::validate(&doc);
        assert!(all.iter().any(|f| f.rule == "R-AMT-002" && f.severity == Severity::Error));
        assert_eq!(doc.figures().personnel, Decimal::MAX);
    }

    #[test]
    fn two_huge_function_lines_overflow_the_total() {
        let mut doc = Disclosure::default();
        for code in ["2010101", "2010102"] {
            doc.budget.function_lines.push(FunctionLine {
                code: code.into(),
                name: String::new(),
                basic: d("50000000000000000000000000000"),
                project: Decimal::ZERO,
                income: Income { general_budget: d("50000000000000000000000000000"), ..Income::default() },
            });
        }
        let found = run(&doc, check_only);
        assert!(
            found.iter().any(|f| f.rule == "R-AMT-002" && f.location == Location::field(Section::Table(3), "total"))
        );
        assert_eq!(found.iter().filter(|f| f.rule == "R-AMT-001").count(), 4);
        crate::rules::validate(&doc);
    }

    #[test]
    fn an_overflowing_quantity_times_price_is_a_finding() {
        let mut doc = Disclosure::default();
        doc.procurement.rows.push(ProcurementRow {
            item: "设备".into(),
            quantity: Some(d("900000000000000000")),
            unit_price: Some(d("900000000000000000")),
            ..ProcurementRow::default()
        });
        let found = run(&doc, check_only);
        assert!(found.iter().any(|f| f.rule == "R-AMT-002" && f.location.field == Some("quantity")), "{found:#?}");
        crate::rules::validate(&doc);
    }

    #[test]
    fn negatives_are_errors_and_huge_amounts_warnings() {
        let mut doc = Disclosure::default();
        doc.three_public.car_running.this_year = d("-4.86");
        doc.summary.project = d("1000000000000000");
        doc.performance
            .projects
            .push(crate::model::Project { spend_plan: [Some(d("-5")), None, None, None], ..Default::default() });
        let found = run(&doc, check_only);
        assert_eq!(ids(&found), ["R-AMT-003", "R-AMT-004"], "{found:#?}");
        let neg = found.iter().find(|f| f.rule == "R-AMT-003").unwrap();
        assert_eq!(neg.location, Location::cell(Section::ThreePublic, 2, "this_year"));
        assert!(neg.message.contains("-4.86"));
        // 1 万亿元 is the threshold, in either unit.
        doc.summary.project = d("99999999.99");
        assert!(run(&doc, check_only).iter().all(|f| f.rule != "R-AMT-004"));
        doc.header.unit = crate::model::AmountUnit::Yuan;
        doc.summary.project = d("1000000000000");
        assert!(run(&doc, check_only).iter().any(|f| f.rule == "R-AMT-004"));
    }

    #[test]
    fn summary_inputs_replaced_by_the_tables_are_not_reported() {
        let mut doc = crate::samples::load(crate::samples::Seed::S001);
        assert!(!doc.budget.function_lines.is_empty() && !doc.budget.economic_lines.is_empty());
        doc.summary.project = d("-1");
        doc.summary.public = d("-1");
        doc.summary.last_basic = Some(d("-1"));
        let found = run(&doc, check_only);
        assert_eq!(ids(&found), ["R-AMT-003"]);
        assert_eq!(found[0].location.field, Some("last_basic"));
    }

    #[test]
    fn the_seeds_have_no_amount_findings() {
        for seed in crate::samples::Seed::ALL {
            let doc = crate::samples::load(seed);
            assert!(run(&doc, check_only).is_empty(), "{seed:?}");
        }
    }
}
