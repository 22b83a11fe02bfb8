//! Each pattern of inconsistency planted into a real disclosure (seed 001, as published)
//! must add exactly its own finding — no more, so the checks do not cascade into false
//! alarms — and each near miss must add nothing.

use std::str::FromStr;

use budget_disclosure::model::{Disclosure, Funds, Indicator, Office, ProcurementRow};
use budget_disclosure::rules::{self, Location};
use budget_disclosure::samples::{self, Seed};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The findings `changed` reports beyond those of `base` (by rule and place), sorted.
fn added(base: &Disclosure, changed: &Disclosure) -> Vec<&'static str> {
    let mut before: Vec<(&'static str, Location)> =
        rules::validate(base).into_iter().map(|f| (f.rule, f.location)).collect();
    let mut out = Vec::new();
    for f in rules::validate(changed) {
        match before.iter().position(|(r, l)| *r == f.rule && *l == f.location) {
            Some(i) => {
                before.remove(i);
            }
            None => out.push(f.rule),
        }
    }
    out.sort();
    out
}

/// Seed 001 changed by `edit`, and the findings that adds.
fn planted(edit: impl FnOnce(&mut Disclosure)) -> Vec<&'static str> {
    let base = samples::load(Seed::S001);
    let mut changed = base.clone();
    edit(&mut changed);
    added(&base, &changed)
}

fn indicator(l1: &str, l2: &str, l3: &str, description: &str, value: &str) -> Indicator {
    Indicator {
        level1: l1.into(),
        level2: l2.into(),
        level3: l3.into(),
        description: description.into(),
        value: value.into(),
        basis: "年度工作计划".into(),
    }
}

fn row(project: &str, budget: &str, item: &str, catalog: &str, measure: &str, q: &str, price: &str) -> ProcurementRow {
    ProcurementRow {
        unit: "保定市徐水区人民政府办公室本级".into(),
        project: project.into(),
        project_budget: Some(d(budget)),
        item: item.into(),
        catalog: catalog.into(),
        measure: measure.into(),
        quantity: Some(d(q)),
        unit_price: Some(d(price)),
        funds: Funds { general_budget: d(q) * d(price), ..Funds::default() },
    }
}

/// Index of the project "年鉴出版发行" (budget 14 万元) in seed 001.
fn yearbook(doc: &Disclosure) -> usize {
    doc.performance.projects.iter().position(|p| p.name == "年鉴出版发行").expect("seed 001 has the yearbook")
}

#[test]
fn indicator_name_variants_are_one_notice() {
    let got = planted(|doc| {
        for p in &mut doc.performance.projects {
            for ind in &mut p.indicators {
                if ind.level2 == "社会效益指标" {
                    ind.level2 = "社会效益".into();
                }
                if ind.level2 == "可持续影响指标" {
                    ind.level2 = "可持续性影响".into();
                }
            }
        }
    });
    assert_eq!(got, ["R-IND-015"]);
}

#[test]
fn labelled_amounts_in_the_purpose_are_not_the_budget() {
    let got = planted(|doc| {
        let j = yearbook(doc);
        doc.performance.projects[j].purpose.push_str("比上年增加预算2万元，上年预算12万元，每人每月预算0.3万元。");
    });
    assert!(got.is_empty(), "{got:?}");
    let got = planted(|doc| {
        let j = yearbook(doc);
        doc.performance.projects[j].purpose = "用于年鉴的出版：印刷费8万元、编辑费4万元。".into();
    });
    assert_eq!(got, ["R-PRJ-008"]);
    let got = planted(|doc| {
        let j = yearbook(doc);
        doc.performance.projects[j].purpose = "用于年鉴的出版：印刷费8万元、编辑费6万元。".into();
    });
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn internal_offices_stand_for_the_institution_table() {
    let base = samples::load(Seed::S002);
    let mut changed = base.clone();
    changed.offices.push(Office {
        name: "党政综合办公室".into(),
        head: String::new(),
        duties: "负责日常事务。".into(),
    });
    let after: Vec<&str> = rules::validate(&changed).into_iter().map(|f| f.rule).collect();
    assert!(rules::validate(&base).iter().any(|f| f.rule == "R-INS-001"));
    assert!(!after.contains(&"R-INS-001"));
}

#[test]
fn running_costs_against_public_funds_and_three_public() {
    // 机关运行经费 61.36 → 55 with the items still adding up: differs from 公用经费.
    let got = planted(|doc| {
        doc.running_costs.total = Some(d("55"));
        doc.running_costs.items[4].amount = d("15.12");
    });
    assert_eq!(got, ["R-RUN-002"]);
    // The car item moves against the 三公 table; the total stays.
    let got = planted(|doc| {
        doc.running_costs.items[3].amount = d("4.5");
        doc.running_costs.items[4].amount = d("21.84");
    });
    assert_eq!(got, ["R-TPB-005"]);
}

#[test]
fn procurement_sources_prices_and_missing_procurement() {
    let got = planted(|doc| {
        doc.procurement.rows.push(row("日常公用经费", "70", "打印机", "A02010601", "台", "1", "0.3"));
        doc.procurement.rows.push(row("年鉴出版发行", "15", "印刷服务", "C0814", "项", "1", "3"));
    });
    assert_eq!(got, ["R-PRC-007", "R-PRC-008"]);
    let got = planted(|doc| {
        doc.procurement.rows.push(row("日常公用经费", "61.36", "打印机", "A02010601", "台", "1", "0.3"));
        doc.procurement.rows.push(row("年鉴出版发行", "14", "印刷服务", "C0814", "项", "1", "3"));
    });
    assert!(got.is_empty(), "{got:?}");
    let got = planted(|doc| {
        doc.procurement.rows.push(row("日常公用经费", "61.36", "台式计算机", "A02010104", "台", "1", "60"));
    });
    assert_eq!(got, ["R-PRC-010"]);
    let got = planted(|doc| {
        let j = yearbook(doc);
        doc.performance.projects[j].purpose = "用于购置年鉴排版设备，预算资金14万元。".into();
    });
    assert_eq!(got, ["R-PRC-009"]);
}

#[test]
fn project_text_against_its_table() {
    let got = planted(|doc| {
        doc.performance.projects[0].indicators.push(indicator(
            "产出指标",
            "数量指标",
            "发放人数",
            "发放对象为42人",
            "≥142人",
        ));
    });
    assert_eq!(got, ["R-IND-016"]);
    let got = planted(|doc| {
        let j = yearbook(doc);
        doc.performance.projects[j].purpose.push_str("上年（2024年）完成首卷。");
    });
    assert_eq!(got, ["R-TXT-006"]);
    let got = planted(|doc| {
        doc.performance.projects[0].indicators.push(indicator(
            "产出指标",
            "时效指标",
            "会议保障及时率",
            "会议保障及时",
            "≥90%",
        ));
        doc.performance.sub_goals[0].indicators.push_str("会议保障及时率达到95%以上。");
    });
    assert_eq!(got, ["R-PRF-002"]);
}

#[test]
fn indicator_values_of_the_wrong_kind() {
    let got = planted(|doc| {
        let p = &mut doc.performance.projects[0];
        p.indicators.push(indicator("产出指标", "数量指标", "培训场次", "全年培训场次", "是"));
        p.indicators.push(indicator("产出指标", "质量指标", "设备完好率", "设备完好", "是"));
        p.indicators.push(indicator("产出指标", "时效指标", "是否按时完成", "按时完成工作", "100百分比"));
        p.indicators.push(indicator("产出指标", "质量指标", "验收合格项目", "验收合格", "5个"));
        p.indicators.push(indicator("效益指标", "社会效益指标", "群众知晓率", "群众知晓", "90%"));
    });
    assert_eq!(got, ["R-IND-017", "R-IND-018", "R-IND-019", "R-IND-020", "R-IND-021"]);
}

#[test]
fn standard_tables_without_lines() {
    let got = planted(|doc| {
        let f = doc.figures();
        doc.summary.income = f.income.clone();
        doc.summary.personnel = f.personnel;
        doc.summary.public = f.public;
        doc.summary.project = f.project;
        doc.budget.function_lines.clear();
        doc.budget.economic_lines.clear();
    });
    assert_eq!(got, ["R-TAB-008"]);
}
