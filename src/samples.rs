//! The built-in sample disclosures: the three seeds of `../shared/seeds`, transcribed
//! faithfully (mistakes included) into drafts in `assets/samples/`.

use crate::model::Disclosure;
use crate::store;

/// Which built-in sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Seed {
    /// 保定市徐水区城区办事处 2020 (第一部分…第九部分).
    #[value(name = "000")]
    S000,
    /// 保定市徐水区人民政府办公室 2024 (nine tables + 说明).
    #[value(name = "001")]
    S001,
    /// 三河市泃阳西大街街道办事处 2020 (一、…九、).
    #[value(name = "002")]
    S002,
}

impl Seed {
    pub const ALL: [Seed; 3] = [Seed::S000, Seed::S001, Seed::S002];

    /// The draft file's text.
    pub fn source(self) -> &'static str {
        match self {
            Seed::S000 => include_str!("../assets/samples/seed000.ron"),
            Seed::S001 => include_str!("../assets/samples/seed001.ron"),
            Seed::S002 => include_str!("../assets/samples/seed002.ron"),
        }
    }

    /// The file name the sample is stored under.
    pub fn file_name(self) -> &'static str {
        match self {
            Seed::S000 => "seed000.ron",
            Seed::S001 => "seed001.ron",
            Seed::S002 => "seed002.ron",
        }
    }
}

/// Loads a built-in sample.
pub fn load(seed: Seed) -> Disclosure {
    store::from_str(seed.source(), seed.file_name())
        .unwrap_or_else(|e| panic!("built-in sample {} is broken: {e}", seed.file_name()))
}

/// A generated large department for benchmarks and stress tests: 300 projects × 8
/// indicators, 400 功能分类 lines, 60 经济分类 lines, 200 procurement rows. All of its
/// identities hold, so any finding on it comes from a rule's own logic, not the data.
pub fn large_department() -> Disclosure {
    use crate::model::{
        AssetCategory, EconomicLine, FunctionLine, Funds, GlossaryEntry, Income, Indicator, Institution, NamedAmount,
        ProcurementRow, Project, SubGoal,
    };
    use rust_decimal::Decimal;

    let amount = |cents: i64| Decimal::new(cents, 2);
    let mut doc = Disclosure::new("示例市大型综合部门", 2024, "hebei-2024-tables");
    doc.header.department_code = "901".into();
    doc.duties.intro = "根据本部门职能配置规定，主要职责是：".into();
    doc.duties.items = (1..=20).map(|i| format!("负责第{i}项业务工作的组织、协调和监督管理。")).collect();
    doc.institutions = (1..=12)
        .map(|i| Institution {
            name: format!("示例市大型综合部门所属第{i}单位"),
            nature: if i == 1 { "行政".into() } else { "事业".into() },
            rank: "正科级".into(),
            funding: "财政拨款".into(),
        })
        .collect();

    // 400 功能分类 项 lines under 40 款 of 8 类; the first 300 carry the projects.
    let classes = ["201", "205", "207", "208", "210", "212", "213", "221"];
    let mut project_total = Decimal::ZERO;
    for i in 0..400usize {
        let class = classes[i % classes.len()];
        let section = (i / classes.len()) % 5 + 1;
        let code = format!("{class}{section:02}{:02}", i / 40 + 1);
        let basic = amount(10_000 + (i as i64 * 37) % 5_000);
        let project = if i < 300 { amount(20_000 + i as i64 * 11) } else { Decimal::ZERO };
        project_total += project;
        doc.budget.function_lines.push(FunctionLine {
            code,
            name: format!("生成科目{i}"),
            basic,
            project,
            income: Income { general_budget: basic + project, ..Income::default() },
        });
    }
    let basic_total: Decimal = doc.budget.function_lines.iter().map(|l| l.basic).sum();
    // 经济分类: 60 lines; the last 302 line takes the remainder so the two sides agree.
    let mut remaining = basic_total;
    for i in 0..60usize {
        let (code, personnel) = match i {
            0..=39 => (format!("301{:02}", i + 1), true),
            40..=49 => (format!("303{:02}", i - 39), true),
            _ => (format!("302{:02}", i - 49), false),
        };
        let value = if i == 59 { remaining } else { amount(30_000 + i as i64 * 7) };
        remaining -= value;
        doc.budget.economic_lines.push(EconomicLine {
            code,
            name: format!("经济科目{i}"),
            personnel: if personnel { value } else { Decimal::ZERO },
            public: if personnel { Decimal::ZERO } else { value },
        });
    }
    let public_total: Decimal = doc.budget.economic_lines.iter().map(|l| l.public).sum();
    doc.summary.last_basic = Some(basic_total - amount(12_345));
    doc.summary.last_project = Some(project_total + amount(54_321));
    doc.summary.basic_change_reason = "人员工资调整".into();
    doc.summary.project_change_reason = "部分项目完成后不再安排".into();
    doc.summary.project_main_uses = "业务运转、专项工作等".into();
    doc.running_costs.total = Some(public_total);
    doc.running_costs.items = vec![NamedAmount { name: "办公费".into(), amount: public_total }];
    doc.three_public.car_running.last_year = amount(600);
    doc.three_public.car_running.this_year = amount(500);
    doc.three_public.car_running.reason = "压减公车运行维护费".into();

    doc.performance.overall_goal = "全面履行部门职责，提高财政资金使用效益。".into();
    doc.performance.sub_goals = (1..=10)
        .map(|i| SubGoal {
            title: format!("分项目标{i}"),
            goal: format!("完成第{i}项重点工作。"),
            indicators: format!("第{i}项工作完成率达到95%以上。"),
        })
        .collect();
    doc.performance.measures = (1..=6).map(|i| format!("保障措施{i}：加强管理，落实责任。")).collect();
    let indicator_rows = [
        ("产出指标", "数量指标", "≥{n}个"),
        ("产出指标", "质量指标", "≥95%"),
        ("产出指标", "时效指标", "100%"),
        ("产出指标", "成本指标", "≤{b}万元"),
        ("效益指标", "社会效益指标", "≥90%"),
        ("效益指标", "可持续影响指标", "≥{n}年"),
        ("满意度指标", "服务对象满意度指标", "≥95%"),
        ("满意度指标", "服务对象满意度指标", "≥90%"),
    ];
    for (i, line) in doc.budget.function_lines.iter().take(300).enumerate() {
        let budget = line.project;
        doc.performance.projects.push(Project {
            unit: "901001示例市大型综合部门（本级）".into(),
            code: format!("13062524P{:012}", 510_000 + i),
            name: format!("生成项目{i}"),
            fiscal: Some(budget),
            other: None,
            purpose: format!("用于第{i}项专项业务工作。"),
            spend_plan: [Some(amount(2_500)), Some(amount(5_000)), Some(amount(7_500)), Some(amount(10_000))],
            goals: vec![format!("完成生成项目{i}的年度任务。"), format!("提升生成项目{i}的服务质量。")],
            indicators: indicator_rows
                .iter()
                .enumerate()
                .map(|(k, (l1, l2, v))| Indicator {
                    level1: (*l1).into(),
                    level2: (*l2).into(),
                    level3: format!("指标{k}"),
                    description: format!("生成项目{i}的第{k}项指标"),
                    value: v.replace("{n}", &(k + 2).to_string()).replace("{b}", &budget.to_string()),
                    basis: "依据工作方案".into(),
                })
                .collect(),
        });
    }
    doc.procurement.rows = (0..200usize)
        .map(|i| {
            let price = amount(100 + i as i64);
            let quantity = Decimal::from(1 + i as i64 % 5);
            ProcurementRow {
                unit: format!("第{}单位", i % 4 + 1),
                project: format!("生成项目{i}"),
                project_budget: Some(doc.performance.projects[i].budget().unwrap_or_default()),
                item: "办公设备".into(),
                catalog: "A02010104".into(),
                measure: "台".into(),
                quantity: Some(quantity),
                unit_price: Some(price),
                funds: Funds { general_budget: price * quantity, ..Funds::default() },
            }
        })
        .collect();
    doc.assets.as_of = "2023-12-31".into();
    doc.assets.categories = vec![
        AssetCategory {
            name: "房屋".into(),
            quantity_unit: "平方米".into(),
            quantity: Some(amount(350_000)),
            value: Some(amount(120_000)),
            sub_item: false,
        },
        AssetCategory {
            name: "车辆".into(),
            quantity_unit: "台、辆".into(),
            quantity: Some(Decimal::from(5)),
            value: Some(amount(8_000)),
            sub_item: false,
        },
        AssetCategory {
            name: "其他固定资产".into(),
            quantity_unit: String::new(),
            quantity: Some(Decimal::from(900)),
            value: Some(amount(40_000)),
            sub_item: false,
        },
    ];
    doc.glossary =
        vec![GlossaryEntry { term: "基本支出".into(), definition: "指为保障机构正常运转…".into() }];
    doc.other_matters = "我部门无其他需说明的事项。".into();
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_department_has_the_benchmark_size() {
        let doc = large_department();
        assert_eq!(doc.performance.projects.len(), 300);
        assert!(doc.performance.projects.iter().all(|p| p.indicators.len() == 8));
        assert_eq!(doc.budget.function_lines.len(), 400);
        assert_eq!(doc.procurement.rows.len(), 200);
        let f = doc.figures();
        let e = doc.budget.economic_total();
        assert_eq!(f.basic, e.personnel + e.public);
    }
}
