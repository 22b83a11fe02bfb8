//! Part 6, 政府采购预算 (R-PRC): each row's arithmetic and codes, the table total, the
//! funding sources against parts 2 and 5, and whether unit prices are plausible.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Finding, Location, Section, Severity, sum_finding};
use crate::model::{AmountUnit, Disclosure, FigureSource, Figures, ProcurementRow, format_amount_plain, round_display};

pub(super) fn check(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    let rows = &doc.procurement.rows;
    if rows.is_empty() {
        planned_without_procurement(doc, out);
        return;
    }
    funding_sources(doc, fig, out);
    unit_prices(doc, out);
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

/// Words in a project's 资金用途 that mean buying goods or works.
const PURCHASE_WORDS: &[&str] = &["购置", "采购", "购买", "新建", "建设"];

/// What stands before "建设" when it means building up something abstract
/// (队伍建设, 党风廉政建设), not works to procure.
const ABSTRACT_BUILDING: &[&str] = &[
    "队伍", "能力", "制度", "文明", "作风", "组织", "思想", "廉政", "党风", "党的", "体系", "机制", "文化", "法治",
    "信用", "阵地", "党建",
];

/// True when `sentence` buys goods or works ("购置电脑", "新建广场"), not when it only
/// builds up something abstract ("加强队伍建设").
fn buys(sentence: &str) -> bool {
    PURCHASE_WORDS.iter().any(|w| {
        sentence
            .match_indices(w)
            .any(|(at, _)| *w != "建设" || !ABSTRACT_BUILDING.iter().any(|a| sentence[..at].ends_with(a)))
    })
}

/// R-PRC-009: no procurement rows while a project's 资金用途 spends an amount on buying
/// or building something.
fn planned_without_procurement(doc: &Disclosure, out: &mut Vec<Finding>) {
    let unit = doc.header.unit.label();
    let buying: Vec<&str> = doc
        .performance
        .projects
        .iter()
        .filter(|p| {
            p.purpose.split(['。', '；', ';', '\n']).any(|sentence| {
                buys(sentence) && !super::project_text::text_amounts(sentence, unit, doc.header.year).is_empty()
            })
        })
        .map(|p| p.name.trim())
        .collect();
    let Some(first) = buying.first() else { return };
    let more = if buying.len() > 1 { format!("等 {} 个项目", buying.len()) } else { String::new() };
    out.push(Finding::new(
        "R-PRC-009",
        Severity::Notice,
        Location::section(Section::Procurement),
        format!(
            "政府采购预算为空，但项目“{first}”{more}的资金用途写有购置、采购或建设的金额；若其中有政府采购项目，请填写政府采购预算表"
        ),
    ));
}

/// Whitespace-free name, for matching a procurement row's project with a project table.
fn name_key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// R-PRC-007 and R-PRC-008: the 预算资金 a row gives for its funding source must be the
/// figure of that source elsewhere in the draft — part 2's 日常公用经费 for rows funded by
/// the basic budget, the project's 预算数 for rows funded by a project.
fn funding_sources(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    let unit = doc.header.unit.label();
    let rows = &doc.procurement.rows;
    let public_known = fig.split_source == FigureSource::Tables || !fig.public.is_zero();
    // Per-unit 公用经费 is not in the draft: compare only a single-unit table.
    let single_unit = doc.procurement.units().len() == 1;
    let mut reported: Vec<String> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let source = row.project.trim();
        let Some(budget) = row.project_budget else { continue };
        if source.is_empty() || reported.iter().any(|r| *r == source) {
            continue;
        }
        let basic_source = source.contains("公用经费") || source.contains("基本支出");
        if basic_source {
            if !public_known || !single_unit {
                continue;
            }
            let fits = round_display(budget) == round_display(fig.public)
                || (source.contains("基本支出") && round_display(budget) == round_display(fig.basic));
            if !fits {
                reported.push(source.to_owned());
                out.push(Finding::new(
                    "R-PRC-007",
                    Severity::Warning,
                    Location::cell(Section::Procurement, i, "project_budget"),
                    format!(
                        "政府采购资金来源“{source}”的预算资金写为 {} {unit}，而第二部分的日常公用经费为 {} {unit}；请核对",
                        format_amount_plain(budget),
                        format_amount_plain(fig.public)
                    ),
                ));
            }
            continue;
        }
        let key = name_key(source);
        let mut matches = doc.performance.projects.iter().filter(|p| name_key(&p.name) == key);
        let (Some(project), None) = (matches.next(), matches.next()) else { continue };
        let Some(project_budget) = project.budget() else { continue };
        if round_display(budget) != round_display(project_budget) {
            reported.push(source.to_owned());
            out.push(Finding::new(
                "R-PRC-008",
                Severity::Warning,
                Location::cell(Section::Procurement, i, "project_budget"),
                format!(
                    "政府采购资金来源“{source}”的预算资金写为 {} {unit}，而该项目绩效目标表的预算数为 {} {unit}；请核对",
                    format_amount_plain(budget),
                    format_amount_plain(project_budget)
                ),
            ));
        }
    }
}

/// Measures that are not one piece: a price per 批 or 项 can be anything.
const LOT_MEASURES: &[&str] = &["批", "项", "宗", "年", "月", "次", "期", "批次", "宗次", "元", "万元", "个月", "天"];

/// A catalogue code prefix, its item name and the plausible piece price range in 元.
type PriceRange = (String, String, Decimal, Decimal);

/// The plausible price ranges per catalogue code prefix, in 元 (data:
/// `assets/codes/procurement-prices.tsv`).
fn price_ranges() -> &'static [PriceRange] {
    static RANGES: std::sync::OnceLock<Vec<PriceRange>> = std::sync::OnceLock::new();
    RANGES.get_or_init(|| {
        include_str!("../../assets/codes/procurement-prices.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').map(str::trim).collect();
                Some((c.first()?.to_string(), c.get(1)?.to_string(), c.get(2)?.parse().ok()?, c.get(3)?.parse().ok()?))
            })
            .collect()
    })
}

/// The price of one piece in 元, when the row is counted in pieces.
fn piece_price_yuan(row: &ProcurementRow, unit: AmountUnit) -> Option<Decimal> {
    let measure = row.measure.trim();
    if measure.is_empty() || LOT_MEASURES.contains(&measure) {
        return None;
    }
    let price = match (row.unit_price, row.quantity) {
        (Some(p), _) if !p.is_zero() => p,
        (_, Some(q)) if q > Decimal::ZERO => row.total().checked_div(q)?,
        _ => return None,
    };
    if price <= Decimal::ZERO {
        return None;
    }
    Some(match unit {
        AmountUnit::Wan => price.checked_mul(Decimal::from(10_000))?,
        AmountUnit::Yuan => price,
    })
}

/// A catalogue code and a measure ("A02010104", "台").
type CodeMeasure<'a> = (&'a str, &'a str);

/// R-PRC-010 (a piece price outside the catalogue item's plausible range) and R-PRC-011
/// (one catalogue code with piece prices 100× apart).
fn unit_prices(doc: &Disclosure, out: &mut Vec<Finding>) {
    let rows = &doc.procurement.rows;
    let unit = doc.header.unit;
    // Prices compare only within one code and one measure (a 工程 per 个 and per ㎡ differ).
    let mut by_code: Vec<(CodeMeasure, Vec<(usize, Decimal)>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(price) = piece_price_yuan(row, unit) else { continue };
        let code = row.catalog_code();
        if !catalog_code_ok(code) {
            continue;
        }
        let key = (code, row.measure.trim());
        match by_code.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push((i, price)),
            None => by_code.push((key, vec![(i, price)])),
        }
        let range = price_ranges().iter().filter(|(p, ..)| code.starts_with(p.as_str())).max_by_key(|(p, ..)| p.len());
        if let Some((_, name, min, max)) = range
            && (price < *min || price > *max)
        {
            out.push(Finding::new(
                "R-PRC-010",
                Severity::Notice,
                Location::cell(Section::Procurement, i, "unit_price"),
                format!(
                    "“{}”（{code} {name}）每{}约 {} 元，超出这类物品通常的单价 {}–{} 元；请核对金额、数量和金额单位",
                    row.item.trim(),
                    row.measure.trim(),
                    price.round_dp(0),
                    min.normalize(),
                    max.normalize()
                ),
            ));
        }
    }
    for ((code, _), prices) in by_code {
        let (Some(lo), Some(hi)) = (prices.iter().min_by_key(|(_, p)| *p), prices.iter().max_by_key(|(_, p)| *p))
        else {
            continue;
        };
        if hi.1 >= lo.1.saturating_mul(Decimal::from(100)) {
            out.push(Finding::new(
                "R-PRC-011",
                Severity::Notice,
                Location::cell(Section::Procurement, hi.0, "unit_price"),
                format!(
                    "同一采购目录 {code} 的单价相差百倍以上：“{}”每{}约 {} 元，“{}”每{}约 {} 元；请核对是否有一行金额单位或数量填错",
                    rows[hi.0].item.trim(),
                    rows[hi.0].measure.trim(),
                    hi.1.round_dp(0),
                    rows[lo.0].item.trim(),
                    rows[lo.0].measure.trim(),
                    lo.1.round_dp(0)
                ),
            ));
        }
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
        assert!(run(&doc(rows), check_fig).is_empty());
        assert!(run(&doc(vec![]), check_fig).is_empty());
    }

    #[test]
    fn row_problems() {
        let mut rows = vec![
            row("机动车保险服务", "C15040201", "1", "1", "0.3", "0.3"),
            row("物业管理服务", "C1204", "项", "2", "100", "150"),
            row("办公设备", "办公设备", "", "1", "10", "10"),
        ];
        rows[0].project_budget = Some(d("100"));
        let f = run(&doc(rows), check_fig);
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

    fn check_fig(doc: &Disclosure, out: &mut Vec<Finding>) {
        check(doc, &doc.figures(), out)
    }

    #[test]
    fn funding_sources_carry_the_figures_of_parts_2_and_5() {
        let mut rows = vec![
            row("办公电脑", "A02010104", "台", "2", "0.6", "1.2"),
            row("维修工程", "B0899", "项", "1", "54", "54"),
        ];
        rows[0].project = "日常公用经费".into();
        rows[0].project_budget = Some(d("30"));
        rows[1].project = "老旧小区维修工程".into();
        rows[1].project_budget = Some(d("200"));
        let mut doc = doc(rows);
        doc.summary.public = d("25.69");
        doc.performance.projects.push(crate::model::Project {
            name: "老旧小区 维修工程".into(),
            fiscal: Some(d("180")),
            ..Default::default()
        });
        let f = run(&doc, check_fig);
        let got: Vec<_> = f.iter().map(|f| (f.rule, f.location.row)).collect();
        assert_eq!(got, [("R-PRC-007", Some(0)), ("R-PRC-008", Some(1))]);
        assert!(f[0].message.contains("30") && f[0].message.contains("25.69"));
        assert!(f[1].message.contains("200") && f[1].message.contains("180"));
        // Near miss: the same figures.
        doc.procurement.rows[0].project_budget = Some(d("25.69"));
        doc.procurement.rows[1].project_budget = Some(d("180"));
        assert!(run(&doc, check_fig).is_empty());
        // A table of several units: the department's 公用经费 is not the unit's.
        doc.procurement.rows[0].project_budget = Some(d("30"));
        doc.procurement.rows[1].unit = "所属中心".into();
        assert!(run(&doc, check_fig).is_empty());
    }

    #[test]
    fn projects_that_buy_without_procurement() {
        let mut doc = doc(vec![]);
        doc.performance.projects.push(crate::model::Project {
            name: "办公设备购置".into(),
            purpose: "用于购置办公电脑10台，预算资金6万元。".into(),
            ..Default::default()
        });
        let f = run(&doc, check_fig);
        assert_eq!(f.iter().map(|f| (f.rule, f.severity)).collect::<Vec<_>>(), [("R-PRC-009", Severity::Notice)]);
        // Near misses: no amount beside the purchase; abstract 建设; procurement rows present.
        doc.performance.projects[0].purpose = "用于购置办公电脑。项目资金6万元。".into();
        assert!(run(&doc, check_fig).is_empty());
        doc.performance.projects[0].purpose = "用于加强党风廉政建设和队伍建设，预算资金6万元。".into();
        assert!(run(&doc, check_fig).is_empty());
        doc.performance.projects[0].purpose = "用于购置办公电脑10台，预算资金6万元。".into();
        doc.procurement.rows.push(row("办公电脑", "A02010104", "台", "10", "0.6", "6"));
        assert!(run(&doc, check_fig).is_empty());
    }

    #[test]
    fn unit_prices_are_plausible() {
        // One desktop computer at 60 万元; a second computer line at 0.5 万元.
        let rows = vec![
            row("台式计算机", "A02010104", "台", "1", "60", "60"),
            row("台式计算机", "A02010104", "台", "10", "0.5", "5"),
        ];
        let f = run(&doc(rows), check_fig);
        let got: Vec<_> = f.iter().map(|f| (f.rule, f.location.row)).collect();
        assert_eq!(got, [("R-PRC-010", Some(0)), ("R-PRC-011", Some(0))]);
        assert!(f.iter().all(|f| f.severity == Severity::Notice));
        // Near misses: plausible prices; a lot (批) may cost anything; 元 drafts.
        let rows = vec![
            row("台式计算机", "A02010104", "台", "10", "0.5", "5"),
            row("计算机设备", "A02010104", "批", "1", "60", "60"),
        ];
        assert!(run(&doc(rows), check_fig).is_empty());
        let rows =
            vec![row("维修工程", "B0899", "个", "1", "18", "18"), row("防水工程", "B0899", "㎡", "1000", "0.03", "30")];
        assert!(run(&doc(rows), check_fig).is_empty());
        let mut yuan = doc(vec![row("台式计算机", "A02010104", "台", "2", "5000", "10000")]);
        yuan.header.unit = AmountUnit::Yuan;
        yuan.procurement.rows[0].project_budget = None;
        let f = run(&yuan, check_fig);
        assert!(f.is_empty(), "{f:#?}");
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
        let mut rows =
            vec![row("甲", "A0201", "台", "1", "0.004", "0.004"), row("乙", "A0201", "台", "1", "0.004", "0.004")];
        rows[1].funds.gov_fund = rows[1].funds.general_budget;
        rows[1].funds.general_budget = Decimal::ZERO;
        rows[1].unit_price = Some(d("0.004"));
        rows.push(row("丙", "A0201", "台", "1", "0.004", "0.004"));
        rows[2].funds.unit_funds = rows[2].funds.general_budget;
        rows[2].funds.general_budget = Decimal::ZERO;
        let f = run(&doc(rows), check_fig);
        assert_eq!(
            f.iter().map(|f| (f.rule, f.severity)).collect::<Vec<_>>(),
            [("R-PRC-004", Severity::Notice), ("R-PRC-005", Severity::Notice)]
        );
    }
}
