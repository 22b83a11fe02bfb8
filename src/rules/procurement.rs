//! Part 6, 政府采购预算 (R-PRC): each row's arithmetic and codes, and the table total.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Finding, Location, Section, Severity, sum_finding};
use crate::model::{Disclosure, ProcurementRow, format_amount_plain, round_display};

pub(super) fn check(doc: &Disclosure, out: &mut Vec<Finding>) {
    let rows = &doc.procurement.rows;
    if rows.is_empty() {
        return;
    }
    let unit = doc.header.unit.label();
    for (i, row) in rows.iter().enumerate() {
        row_checks(i, row, unit, out);
    }
    let total = doc.procurement.total();
    let row_totals: Vec<Decimal> = rows.iter().map(ProcurementRow::total).collect();
    let loc = Location::field(Section::Procurement, "total");
    if let Some(f) = sum_finding("R-PRC-004", loc.clone(), "政府采购合计", "各行金额", total, &row_totals) {
        out.push(f);
    }
    let f = doc.procurement.funds_total();
    let columns: Vec<Decimal> =
        [f.general_budget, f.gov_fund, f.state_capital, f.fiscal_special, f.unit_funds, f.carryover]
            .into_iter()
            .filter(|v| !v.is_zero())
            .collect();
    if let Some(f) = sum_finding("R-PRC-005", loc, "政府采购合计", "各资金来源列", total, &columns) {
        out.push(f);
    }

    // Σ rows of a project (per unit) must fit in the project's budget.
    let mut projects: HashMap<(&str, &str), (usize, Decimal)> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let name = row.project.trim();
        if !name.is_empty() {
            let spent = &mut projects.entry((row.unit.as_str(), name)).or_insert((i, Decimal::ZERO)).1;
            *spent = spent.saturating_add(row.total());
        }
    }
    let mut over: Vec<(usize, &str, Decimal, Decimal)> = projects
        .into_iter()
        .filter_map(|((_, name), (i, spent))| {
            let budget = rows[i].project_budget?;
            (round_display(spent) > round_display(budget)).then_some((i, name, spent, budget))
        })
        .collect();
    over.sort_by_key(|o| o.0);
    for (i, name, spent, budget) in over {
        out.push(Finding::new(
            "R-PRC-006",
            Severity::Warning,
            Location::cell(Section::Procurement, i, "project_budget"),
            format!(
                "项目“{name}”的政府采购金额合计 {} {unit} 超过该项目的预算资金 {} {unit}；请核对",
                format_amount_plain(spent),
                format_amount_plain(budget)
            ),
        ));
    }
}

/// True for a 政府采购目录 code: A (货物), B (工程) or C (服务) followed by digits.
pub(super) fn catalog_code_ok(code: &str) -> bool {
    let mut chars = code.chars();
    matches!(chars.next(), Some('A' | 'B' | 'C')) && code.len() >= 3 && chars.all(|c| c.is_ascii_digit())
}

fn row_checks(i: usize, row: &ProcurementRow, unit: &str, out: &mut Vec<Finding>) {
    let total = row.total();
    // An overflowing product is reported by R-AMT-002 instead.
    if let (Some(q), Some(p)) = (row.quantity, row.unit_price)
        && let Some(product) = q.checked_mul(p)
    {
        // The printed 单价 is rounded to 0.01, so q × price may be off by 0.005 per piece.
        let tolerance = Decimal::new(5, 3).saturating_mul(q.abs().saturating_add(Decimal::ONE));
        if product.saturating_sub(total).abs() > tolerance {
            out.push(Finding::new(
                "R-PRC-001",
                Severity::Warning,
                Location::cell(Section::Procurement, i, "amount"),
                format!(
                    "“{}”的金额 {} {unit} 不等于数量 {} × 单价 {} = {} {unit}；请核对数量、单价或金额",
                    row.item.trim(),
                    format_amount_plain(total),
                    q.normalize(),
                    p.normalize(),
                    format_amount_plain(product)
                ),
            ));
        }
    }
    let measure = row.measure.trim();
    if measure.is_empty() || measure.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let what = if measure.is_empty() { "为空".to_owned() } else { format!("是数字“{measure}”") };
        out.push(Finding::new(
            "R-PRC-002",
            Severity::Warning,
            Location::cell(Section::Procurement, i, "measure"),
            format!("“{}”的计量单位{what}；计量单位应为“台”“项”“㎡”“批”等", row.item.trim()),
        ));
    }
    let code = row.catalog_code();
    if !catalog_code_ok(code) {
        let what = if row.catalog.trim().is_empty() {
            "没有填写政府采购目录序号".to_owned()
        } else {
            format!("政府采购目录序号“{}”格式不对", row.catalog.trim())
        };
        out.push(Finding::new(
            "R-PRC-003",
            Severity::Error,
            Location::cell(Section::Procurement, i, "catalog"),
            format!("“{}”{what}；应为 A（货物）、B（工程）或 C（服务）加数字，如 A02010104、C1204", row.item.trim()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Funds;
    use crate::rules::tests::{d, run};

    fn row(item: &str, catalog: &str, measure: &str, q: &str, p: &str, amount: &str) -> ProcurementRow {
        ProcurementRow {
            unit: "本级".into(),
            project: "老旧小区维修工程".into(),
            project_budget: Some(d("200")),
            item: item.into(),
            catalog: catalog.into(),
            measure: measure.into(),
            quantity: Some(d(q)),
            unit_price: Some(d(p)),
            funds: Funds { general_budget: d(amount), ..Funds::default() },
        }
    }

    fn doc(rows: Vec<ProcurementRow>) -> Disclosure {
        let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
        doc.procurement.rows = rows;
        doc
    }

    #[test]
    fn consistent_rows_pass() {
        let rows = vec![
            row("工程", "[B0899]其他建筑物、构筑物修缮", "个", "3", "18", "54"),
            row("健身设备", "[A033626]健身设备", "个", "50", "0.36", "18"),
            row("防水工程", "B0504", "㎡", "5100", "0.02", "102"),
        ];
        assert!(run(&doc(rows), check).is_empty());
        assert!(run(&doc(vec![]), check).is_empty());
    }

    #[test]
    fn row_problems() {
        let mut rows = vec![
            row("机动车保险服务", "C15040201", "1", "1", "0.3", "0.3"),
            row("物业管理服务", "C1204", "项", "2", "100", "150"),
            row("办公设备", "办公设备", "", "1", "10", "10"),
        ];
        rows[0].project_budget = Some(d("100"));
        let f = run(&doc(rows), check);
        let got: Vec<_> = f.iter().map(|f| (f.rule, f.location.row)).collect();
        assert_eq!(
            got,
            [
                ("R-PRC-002", Some(0)),
                ("R-PRC-006", Some(0)),
                ("R-PRC-001", Some(1)),
                ("R-PRC-003", Some(2)),
                ("R-PRC-002", Some(2)),
            ]
        );
    }

    #[test]
    fn catalogue_codes() {
        assert!(catalog_code_ok("A02010104") && catalog_code_ok("C1204") && catalog_code_ok("B0899"));
        assert!(
            !catalog_code_ok("D1234") && !catalog_code_ok("A") && !catalog_code_ok("a0201") && !catalog_code_ok("")
        );
    }

    #[test]
    fn published_rounding_of_the_total_is_a_notice() {
        let mut rows = vec![
            row("甲", "A02010104", "台", "1", "0.004", "0.004"),
            row("乙", "A02010104", "台", "1", "0.004", "0.004"),
        ];
        rows[1].funds.gov_fund = rows[1].funds.general_budget;
        rows[1].funds.general_budget = Decimal::ZERO;
        rows[1].unit_price = Some(d("0.004"));
        rows.push(row("丙", "A02010104", "台", "1", "0.004", "0.004"));
        rows[2].funds.unit_funds = rows[2].funds.general_budget;
        rows[2].funds.general_budget = Decimal::ZERO;
        let f = run(&doc(rows), check);
        assert_eq!(
            f.iter().map(|f| (f.rule, f.severity)).collect::<Vec<_>>(),
            [("R-PRC-004", Severity::Notice), ("R-PRC-005", Severity::Notice)]
        );
    }
}
