//! The validation catalogue: named rules that check a draft and report findings.
//!
//! Every rule has a stable ID (e.g. `R-INC-001`), a severity (错误/警告/提示), the exact
//! place in the document it concerns and a message an officer understands. The GUI and
//! the CLI call the same [`validate`], so they always report the same findings. It runs
//! on every keystroke, so rules avoid allocation-heavy work (see `benches/validate.rs`).

pub mod amounts;
mod assets;
mod carried;
mod catalogue;
mod codes;
mod location;
mod performance;
mod procurement;
mod project_text;
mod running;
mod tables;
mod text;
mod three_public;

pub use catalogue::{CATALOGUE, RuleInfo, rule_info};
pub use location::{Location, Section};
pub use text::check_text;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Disclosure, format_amount, round_display, saturating_sum};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 错误: the disclosure is wrong and must be fixed before publication.
    Error,
    /// 警告: probably wrong; check it.
    Warning,
    /// 提示: worth knowing (rounding gaps, style).
    Notice,
}

impl Severity {
    /// 错误 / 警告 / 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Notice => "提示",
        }
    }

    /// error / warning / notice (the `--json` spelling).
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable ID, e.g. "R-RUN-001".
    pub rule: &'static str,
    pub severity: Severity,
    pub location: Location,
    /// What is wrong and, where possible, what to do, in Chinese.
    pub message: String,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, location: Location, message: impl Into<String>) -> Self {
        Finding { rule, severity, location, message: message.into() }
    }
}

/// Runs every rule of the catalogue on `doc`. Findings are ordered by document position.
pub fn validate(doc: &Disclosure) -> Vec<Finding> {
    let mut findings = Vec::new();
    let figures = doc.figures();
    tables::check(doc, &figures, &mut findings);
    codes::check(doc, &mut findings);
    running::check(doc, &figures, &mut findings);
    three_public::check(doc, &mut findings);
    performance::check(doc, &figures, &mut findings);
    procurement::check(doc, &figures, &mut findings);
    assets::check(doc, &mut findings);
    text::check(doc, &figures, &mut findings);
    amounts::check(doc, &mut findings);
    carried::check(doc, &mut findings);
    findings.sort_by(|a: &Finding, b: &Finding| a.location.cmp(&b.location).then(a.rule.cmp(b.rule)));
    findings
}

/// The findings about the header alone (R-HDR): what `new` and the app's 新建 dialog
/// check before creating a draft, so both refuse the same names and years.
pub fn header_findings(doc: &Disclosure) -> Vec<Finding> {
    let mut out = Vec::new();
    assets::header(doc, &mut out);
    out
}

/// How a stated or computed total compares with the sum of its published parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumCheck {
    /// The published figures add up.
    Exact,
    /// They differ by no more than rounding can explain: 0.005 × (parts + 1).
    Rounding(Decimal),
    /// They differ by more: a real error.
    Mismatch(Decimal),
}

/// Compares `total` with `parts` as they will be published (each rounded to 0.01).
///
/// The gap is Σ round(part) − round(total).
pub fn check_sum(total: Decimal, parts: &[Decimal]) -> SumCheck {
    let published = saturating_sum(parts.iter().map(|p| round_display(*p)));
    let gap = published.saturating_sub(round_display(total));
    if gap.is_zero() {
        return SumCheck::Exact;
    }
    let tolerance = Decimal::new(5, 3).saturating_mul(Decimal::from(parts.len()).saturating_add(Decimal::ONE));
    if gap.abs() <= tolerance { SumCheck::Rounding(gap) } else { SumCheck::Mismatch(gap) }
}

/// A finding for a [`check_sum`] result: 提示 "四舍五入差异" or 错误, with both figures.
///
/// `what` names the total ("支出合计"), `parts_label` the parts ("基本支出 + 项目支出").
pub fn sum_finding(
    rule: &'static str,
    location: Location,
    what: &str,
    parts_label: &str,
    total: Decimal,
    parts: &[Decimal],
) -> Option<Finding> {
    let sum = saturating_sum(parts.iter().map(|p| round_display(*p)));
    match check_sum(total, parts) {
        SumCheck::Exact => None,
        SumCheck::Rounding(gap) => Some(Finding::new(
            rule,
            Severity::Notice,
            location,
            format!(
                "四舍五入差异：{what} {} 与 {parts_label} 之和 {} 相差 {}，在四舍五入允许范围内",
                format_amount(total, false),
                format_amount(sum, false),
                format_amount(gap.abs(), false)
            ),
        )),
        SumCheck::Mismatch(gap) => Some(Finding::new(
            rule,
            Severity::Error,
            location,
            format!(
                "{what} {} 与 {parts_label} 之和 {} 不符，相差 {}",
                format_amount(total, false),
                format_amount(sum, false),
                format_amount(gap.abs(), false)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    pub(crate) fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// Runs one module's `check` and orders the findings as `validate` does.
    pub(crate) fn run(doc: &Disclosure, check: impl Fn(&Disclosure, &mut Vec<Finding>)) -> Vec<Finding> {
        let mut out = Vec::new();
        check(doc, &mut out);
        out.sort_by(|a, b| a.location.cmp(&b.location).then(a.rule.cmp(b.rule)));
        for f in &out {
            let info = rule_info(f.rule).unwrap_or_else(|| panic!("{} is not in the catalogue", f.rule));
            assert!(f.severity >= info.severity, "{} reported {:?} above its catalogue severity", f.rule, f.severity);
        }
        out
    }

    /// The rule IDs of `findings`, sorted.
    pub(crate) fn ids(findings: &[Finding]) -> Vec<&'static str> {
        let mut v: Vec<_> = findings.iter().map(|f| f.rule).collect();
        v.sort();
        v
    }

    #[test]
    fn rounding_gaps_are_notices_larger_gaps_errors() {
        assert_eq!(check_sum(d("937.79"), &[d("706.36"), d("231.44")]), SumCheck::Rounding(d("0.01")));
        assert_eq!(
            check_sum(d("25.69"), &[d("0.42"), d("5.08"), d("4.8"), d("1.17")]),
            SumCheck::Mismatch(d("-14.22"))
        );
        assert_eq!(check_sum(d("6"), &[d("6"), d("0")]), SumCheck::Exact);
    }

    #[test]
    fn catalogue_ids_are_unique_and_well_formed() {
        for (i, r) in CATALOGUE.iter().enumerate() {
            assert!(
                r.id.len() == 9 && r.id.starts_with("R-") && r.id[6..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                r.id
            );
            assert!(CATALOGUE[..i].iter().all(|o| o.id != r.id), "{} twice", r.id);
            assert!(!r.title.is_empty() && !r.description.is_empty());
        }
    }

    #[test]
    fn rules_md_lists_the_catalogue() {
        let doc = include_str!("../../docs/RULES.md");
        for r in CATALOGUE {
            assert!(
                doc.contains(&format!("| {} | {}", r.id, r.severity.label())),
                "{} missing from docs/RULES.md",
                r.id
            );
            assert!(doc.contains(r.title), "title of {} missing from docs/RULES.md", r.id);
        }
    }

    #[test]
    fn every_finding_is_in_the_catalogue() {
        let mut docs = vec![crate::samples::large_department(), Disclosure::default()];
        docs.extend(crate::samples::Seed::ALL.iter().map(|s| crate::samples::load(*s)));
        for doc in &docs {
            for f in validate(doc) {
                let info = rule_info(f.rule).unwrap_or_else(|| panic!("{} is not in the catalogue", f.rule));
                assert!(
                    f.severity >= info.severity,
                    "{}: {:?} is above the catalogue's {:?}",
                    f.rule,
                    f.severity,
                    info.severity
                );
                assert!(!f.message.is_empty());
            }
        }
    }

    #[test]
    fn the_large_department_balances() {
        // Its generated codes and names (30140 "经济科目39") are not in the code lists;
        // everything else holds by construction.
        let findings: Vec<Finding> = validate(&crate::samples::large_department())
            .into_iter()
            .filter(|f| !matches!(f.rule, "R-COD-002" | "R-COD-006" | "R-COD-009"))
            .collect();
        assert!(findings.is_empty(), "{findings:#?}");
    }

    mod props {
        use super::super::*;
        use crate::model::{FunctionLine, Income};
        use proptest::prelude::*;

        fn cents(v: i64) -> Decimal {
            Decimal::new(v, 2)
        }

        proptest! {
            #[test]
            fn parts_in_cents_add_up_exactly(parts in prop::collection::vec(0i64..10_000_000, 1..30)) {
                let parts: Vec<Decimal> = parts.into_iter().map(cents).collect();
                let sum: Decimal = parts.iter().copied().sum();
                prop_assert_eq!(check_sum(sum, &parts), SumCheck::Exact);
            }

            #[test]
            fn small_gaps_are_rounding_larger_gaps_mismatches(
                parts in prop::collection::vec(0i64..10_000_000, 1..30),
                up in any::<bool>(),
                extra in 1i64..50,
            ) {
                let n = parts.len() as i64;
                let parts: Vec<Decimal> = parts.into_iter().map(cents).collect();
                let sum: Decimal = parts.iter().copied().sum();
                // Tolerance 0.005 × (n + 1) holds k cents for k ≤ (n + 1) / 2.
                let max_k = (n + 1) / 2;
                let sign = if up { 1 } else { -1 };
                if max_k >= 1 {
                    let k = 1 + extra % max_k;
                    let within = check_sum(sum + cents(sign * k), &parts);
                    prop_assert_eq!(within, SumCheck::Rounding(cents(-sign * k)));
                }
                let beyond = check_sum(sum + cents(sign * (max_k + extra)), &parts);
                prop_assert!(matches!(beyond, SumCheck::Mismatch(_)), "{:?}", beyond);
                let f = sum_finding("R-INC-001", Location::section(Section::Summary), "合计", "各项", sum + cents(sign * (max_k + extra)), &parts);
                prop_assert_eq!(f.map(|f| f.severity), Some(Severity::Error));
            }

            #[test]
            fn derived_parents_equal_the_sum_of_their_children(
                lines in prop::collection::vec((0usize..4, 1u32..4, 1u32..6, 0i64..100_000_000, 0i64..100_000), 1..40),
            ) {
                let classes = ["201", "208", "210", "221"];
                let mut tables = crate::model::BudgetTables::default();
                for (c, k, x, basic, project) in lines {
                    // Up to 6 decimals, as a pasted unrounded figure may have.
                    let (basic, project) = (Decimal::new(basic, 6), Decimal::new(project, 3));
                    tables.function_lines.push(FunctionLine {
                        code: format!("{}{k:02}{x:02}", classes[c]),
                        name: String::new(),
                        basic,
                        project,
                        income: Income { general_budget: basic + project, ..Income::default() },
                    });
                }
                let rows = tables.function_rows(2024);
                for parent in rows.iter().filter(|r| r.line.is_none()) {
                    let children: Decimal = rows
                        .iter()
                        .filter(|c| c.code.len() == parent.code.len() + 2 && c.code.starts_with(parent.code.as_str()))
                        .map(|c| c.expense())
                        .sum();
                    prop_assert_eq!(parent.expense(), children);
                    let child_parts: Vec<Decimal> = rows
                        .iter()
                        .filter(|c| c.code.len() == parent.code.len() + 2 && c.code.starts_with(parent.code.as_str()))
                        .map(|c| c.expense())
                        .collect();
                    prop_assert!(!matches!(check_sum(parent.expense(), &child_parts), SumCheck::Mismatch(_)));
                }
            }
        }
    }
}
