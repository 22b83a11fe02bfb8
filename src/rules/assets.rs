//! Part 1 机构设置 (R-INS), part 7 国有资产 (R-AST) and the header (R-HDR).

use rust_decimal::Decimal;

use super::{Finding, Location, Section, Severity, sum_finding};
use crate::model::{Disclosure, format_amount_plain, round_display, saturating_sum};
use crate::rules::procurement::catalog_code_ok;

pub(super) fn check(doc: &Disclosure, out: &mut Vec<Finding>) {
    header(doc, out);
    layout(doc, out);
    institutions(doc, out);
    inventory(doc, out);
    planned_purchase(doc, out);
}

pub(super) fn header(doc: &Disclosure, out: &mut Vec<Finding>) {
    if doc.header.department.trim().is_empty() {
        out.push(Finding::new(
            "R-HDR-001",
            Severity::Error,
            Location::field(Section::Header, "department"),
            "没有填写部门名称；标题和各部分说明都要用到部门名称",
        ));
    }
    if !(2000..=2100).contains(&doc.header.year) {
        out.push(Finding::new(
            "R-HDR-002",
            Severity::Error,
            Location::field(Section::Header, "year"),
            format!("预算年度 {} 不是有效的年份；请填写如 2024", doc.header.year),
        ));
    }
}

/// R-HDR-003 and R-HDR-004: the draft's own wording of template texts (版式) must render
/// and must replace a text of the current template.
fn layout(doc: &Disclosure, out: &mut Vec<Finding>) {
    if doc.layout.overrides.is_empty() {
        return;
    }
    let Ok(texts) = crate::export::layout_texts(doc) else { return };
    for o in &doc.layout.overrides {
        let short: String = o.original.chars().take(30).collect();
        match texts.iter().position(|t| t.original == o.original) {
            None => out.push(Finding::new(
                "R-HDR-004",
                Severity::Notice,
                Location::field(Section::Header, "layout"),
                format!("版式中改写的“{short}”不是当前模板的文字（可能换过模板），导出时不会用到；请在版式中重新改写"),
            )),
            Some(i) => {
                let unit = doc.header.unit.label();
                let fixed = super::project_text::text_amounts(&o.text, unit, doc.header.year);
                if let Some(a) = fixed.first() {
                    out.push(Finding::new(
                        "R-HDR-005",
                        Severity::Notice,
                        Location::cell(Section::Header, i, "layout"),
                        format!(
                            "版式中改写的文字写死了金额“{}{unit}”，明细改动后不会随之更新；请改用变量（如 {{{{ procurement.total | amount }}}}）或定稿时核对",
                            a.value.normalize()
                        ),
                    ));
                }
                // The printed wording is held to the wording rules like any text.
                let rendered = crate::export::render_layout_text(doc, &o.text);
                if let Ok(text) = &rendered {
                    out.extend(super::text::check_text(doc, text, Location::cell(Section::Header, i, "layout")));
                }
                if let Err(e) = rendered {
                    out.push(Finding::new(
                        "R-HDR-003",
                        Severity::Error,
                        Location::cell(Section::Header, i, "layout"),
                        format!(
                            "版式中改写“{}”的文字有误：{e}；请改正，否则无法导出",
                            texts[i].preview.chars().take(30).collect::<String>()
                        ),
                    ));
                }
            }
        }
    }
}

fn institutions(doc: &Disclosure, out: &mut Vec<Finding>) {
    // Some departments list their 内设机构 instead of a 机构设置 table: that is part 1.
    let offices = doc.offices.iter().any(|o| !o.name.trim().is_empty());
    if doc.institutions.is_empty() && !offices {
        out.push(Finding::new(
            "R-INS-001",
            Severity::Warning,
            Location::section(Section::Institutions),
            "机构设置表为空；请列出本部门及所属单位（单位名称、单位性质、单位规格、经费保障形式），或在“内设机构”中列出内设科室",
        ));
    }
    for (i, inst) in doc.institutions.iter().enumerate() {
        for (field, value, label) in [("name", &inst.name, "单位名称"), ("nature", &inst.nature, "单位性质")] {
            if value.trim().is_empty() {
                out.push(Finding::new(
                    "R-INS-002",
                    Severity::Warning,
                    Location::cell(Section::Institutions, i, field),
                    format!("机构设置第 {} 行没有填写{label}", i + 1),
                ));
            }
        }
    }
}

/// Reads "2019-12-31", "2019年12月31日", "2019/12/31", "2019.12.31" as (y, m, d).
pub(super) fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [y, m, d] => Some((y.trim().parse().ok()?, m.trim().parse().ok()?, d.trim().parse().ok()?)),
        _ => None,
    }
}

fn inventory(doc: &Disclosure, out: &mut Vec<Finding>) {
    let a = &doc.assets;
    let unit = doc.header.unit.label();
    if a.categories.is_empty() {
        return;
    }
    let expected = doc.last_year();
    let as_of_loc = Location::field(Section::Assets, "as_of");
    match parse_date(&a.as_of) {
        _ if a.as_of.trim().is_empty() => out.push(Finding::new(
            "R-AST-002",
            Severity::Warning,
            as_of_loc,
            format!("固定资产占用情况表没有填写截止时间；应为 {expected}年12月31日"),
        )),
        Some((y, 12, 31)) if y == expected => {}
        _ => out.push(Finding::new(
            "R-AST-002",
            Severity::Warning,
            as_of_loc,
            format!(
                "固定资产占用情况表的截止时间“{}”不是上年末；{}年预算应公开截至 {expected}年12月31日的资产",
                a.as_of.trim(),
                doc.header.year
            ),
        )),
    }
    let mut parent: Option<usize> = None;
    for (i, c) in a.categories.iter().enumerate() {
        if !c.sub_item {
            parent = Some(i);
            continue;
        }
        let Some(p) = parent else { continue };
        let pc = &a.categories[p];
        for (field, sub, par, what) in
            [("value", c.value, pc.value, "价值"), ("quantity", c.quantity, pc.quantity, "数量")]
        {
            if let Some(sub) = sub
                && round_display(sub) > round_display(par.unwrap_or_default())
            {
                out.push(Finding::new(
                    "R-AST-001",
                    Severity::Error,
                    Location::cell(Section::Assets, i, field),
                    format!(
                        "“{}”的{what} {} 大于它所属的“{}” {}；“其中”项不能超过上级项目，请核对",
                        c.name.trim(),
                        format_amount_plain(sub),
                        pc.name.trim(),
                        format_amount_plain(par.unwrap_or_default())
                    ),
                ));
            }
        }
    }
    let parts: Vec<Decimal> = a.categories.iter().filter(|c| !c.sub_item).filter_map(|c| c.value).collect();
    if let Some(f) = sum_finding(
        "R-AST-004",
        Location::field(Section::Assets, "total"),
        &format!("固定资产总额（{unit}）"),
        "各类资产",
        a.total_value(),
        &parts,
    ) {
        out.push(f);
    }
}

fn planned_purchase(doc: &Disclosure, out: &mut Vec<Finding>) {
    let planned = doc.assets.planned_purchase;
    if planned.is_zero() {
        return;
    }
    let unit = doc.header.unit.label();
    let loc = Location::field(Section::Assets, "planned_purchase");
    let rows = &doc.procurement.rows;
    if rows.is_empty() {
        out.push(Finding::new(
            "R-AST-003",
            Severity::Warning,
            loc,
            format!(
                "本年度拟购置固定资产 {} {unit}，但政府采购预算表为空；购置固定资产一般应列入政府采购预算，请核对",
                format_amount_plain(planned)
            ),
        ));
        return;
    }
    let goods = saturating_sum(
        rows.iter()
            .filter(|r| {
                let code = r.catalog_code();
                catalog_code_ok(code) && code.starts_with('A')
            })
            .map(|r| r.total()),
    );
    if round_display(planned) > round_display(goods) {
        out.push(Finding::new(
            "R-AST-003",
            Severity::Warning,
            loc,
            format!(
                "本年度拟购置固定资产 {} {unit} 大于政府采购预算中的货物类（A 类目录）合计 {} {unit}；请核对拟购置金额或补充采购预算",
                format_amount_plain(planned),
                format_amount_plain(goods)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AssetCategory, Funds, Institution, ProcurementRow};
    use crate::rules::tests::{d, ids, run};

    fn cat(name: &str, q: &str, v: &str, sub: bool) -> AssetCategory {
        AssetCategory {
            name: name.into(),
            quantity: Some(d(q)),
            value: Some(d(v)),
            sub_item: sub,
            ..AssetCategory::default()
        }
    }

    fn doc() -> Disclosure {
        let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
        doc.institutions
            .push(Institution { name: "测试部门".into(), nature: "行政".into(), ..Institution::default() });
        doc.assets.as_of = "2019年12月31日".into();
        doc.assets.categories = vec![
            cat("房屋", "219.12", "87.21", false),
            cat("其中：办公用房", "219.12", "87.21", true),
            cat("车辆", "2", "35.11", false),
        ];
        doc
    }

    #[test]
    fn consistent_inventory_passes() {
        assert!(run(&doc(), check).is_empty());
        let mut d2 = doc();
        d2.assets.as_of = "2019-12-31".into();
        assert!(run(&d2, check).is_empty());
    }

    #[test]
    fn inventory_problems() {
        let mut doc = doc();
        doc.assets.as_of = "2020-12-31".into();
        doc.assets.categories[1].value = Some(d("90"));
        let f = run(&doc, check);
        assert_eq!(ids(&f), ["R-AST-001", "R-AST-002"]);
        assert_eq!(
            f.iter().find(|f| f.rule == "R-AST-001").unwrap().location,
            Location::cell(Section::Assets, 1, "value")
        );
        doc.assets.as_of = String::new();
        doc.assets.categories[1].value = Some(d("80"));
        assert_eq!(ids(&run(&doc, check)), ["R-AST-002"]);
    }

    #[test]
    fn planned_purchases_appear_in_procurement() {
        let mut doc = doc();
        doc.assets.planned_purchase = d("18");
        assert_eq!(ids(&run(&doc, check)), ["R-AST-003"]);
        doc.procurement.rows.push(ProcurementRow {
            catalog: "[A033626]健身设备".into(),
            funds: Funds { gov_fund: d("18"), ..Funds::default() },
            ..ProcurementRow::default()
        });
        assert!(run(&doc, check).is_empty());
        doc.assets.planned_purchase = d("20");
        assert_eq!(ids(&run(&doc, check)), ["R-AST-003"]);
    }

    #[test]
    fn institutions_and_header() {
        let mut doc = doc();
        doc.institutions.clear();
        doc.header.department.clear();
        assert_eq!(ids(&run(&doc, check)), ["R-HDR-001", "R-INS-001"]);
        doc.institutions.push(Institution::default());
        doc.header.department = "测试部门".into();
        assert_eq!(ids(&run(&doc, check)), ["R-INS-002", "R-INS-002"]);
    }

    #[test]
    fn layout_overrides_must_render_and_apply() {
        let mut doc = doc();
        doc.layout.set("第七部分：国有资产信息", Some("7、国有资产情况".into()));
        assert!(run(&doc, check).is_empty());
        doc.layout.set("第七部分：国有资产信息", Some("{{ nosuch }}年".into()));
        let f = run(&doc, check);
        assert_eq!(ids(&f), ["R-HDR-003"]);
        assert_eq!(f[0].location.field, Some("layout"));
        doc.layout.set("第七部分：国有资产信息", Some("我部门固定资产232.65万元".into()));
        assert_eq!(ids(&run(&doc, check)), ["R-HDR-005"]);
        doc.layout.set("第七部分：国有资产信息", Some("七、国有资产情况,详见下表".into()));
        assert_eq!(ids(&run(&doc, check)), ["R-TXT-010"]);
        doc.layout.set("第七部分：国有资产信息", None);
        doc.layout.set("七、国有资产信息", Some("7、国有资产情况".into()));
        assert_eq!(ids(&run(&doc, check)), ["R-HDR-004"]);
    }

    #[test]
    fn internal_offices_stand_for_the_institution_table() {
        let mut doc = doc();
        doc.institutions.clear();
        doc.offices.push(crate::model::Office { name: "综合办公室".into(), ..Default::default() });
        assert!(run(&doc, check).is_empty());
        // Near miss: an office row with no name lists nothing.
        doc.offices[0].name.clear();
        assert_eq!(ids(&run(&doc, check)), ["R-INS-001"]);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2019-12-31"), Some((2019, 12, 31)));
        assert_eq!(parse_date("2019年12月31日"), Some((2019, 12, 31)));
        assert_eq!(parse_date("2023/12/31"), Some((2023, 12, 31)));
        assert_eq!(parse_date("去年底"), None);
    }

    #[test]
    fn header_year_and_total_rounding() {
        let mut doc = doc();
        doc.header.year = 20;
        doc.assets.as_of = "2019-12-31".into();
        doc.assets.categories = vec![cat("车辆", "1", "0.004", false), cat("其他", "1", "0.004", false)];
        let f = run(&doc, check);
        assert_eq!(ids(&f), ["R-AST-002", "R-AST-004", "R-HDR-002"]);
        assert_eq!(f.iter().find(|f| f.rule == "R-AST-004").unwrap().severity, Severity::Notice);
    }
}
