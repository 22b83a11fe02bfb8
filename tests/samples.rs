//! The built-in samples are faithful transcriptions of the three published seeds: they
//! load, survive a save/load round trip unchanged, and every figure the program derives
//! from them equals the figure the department published.

use budget_disclosure::cli::{self, Cli};
use budget_disclosure::model::{Disclosure, ThreePublicKind, format_amount, format_amount_plain};
use budget_disclosure::samples::{self, Seed};
use budget_disclosure::store;
use clap::Parser;
use rust_decimal::Decimal;

/// A table cell as published: two decimals, blank for zero.
fn cell(value: Decimal) -> String {
    format_amount(value, true)
}

/// A figure as the narrative prints it: "1445.1", "0".
fn plain(value: Decimal) -> String {
    format_amount_plain(value)
}

fn plain_opt(value: Option<Decimal>) -> String {
    plain(value.expect("figure is known"))
}

#[test]
fn every_sample_loads_and_round_trips_losslessly() {
    let dir = tempfile::tempdir().unwrap();
    for seed in Seed::ALL {
        let doc = match store::from_str(seed.source(), seed.file_name()) {
            Ok(doc) => doc,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(doc, samples::load(seed));

        let text = store::to_string(&doc).unwrap();
        let reread = store::from_str(&text, "round-trip.ron").unwrap();
        assert_eq!(reread, doc, "to_string/from_str changed {}", seed.file_name());

        let path = dir.path().join(seed.file_name());
        store::save(&path, &doc).unwrap();
        assert_eq!(store::load(&path).unwrap(), doc, "save/load changed {}", seed.file_name());
    }
}

#[test]
fn samples_carry_their_header_and_template() {
    let expected = [
        (Seed::S000, "保定市徐水区城区办事处", "520", 2020, "hebei-2020-parts"),
        (Seed::S001, "保定市徐水区人民政府办公室", "434", 2024, "hebei-2024-tables"),
        (Seed::S002, "三河市泃阳西大街街道办事处", "436", 2020, "hebei-2020-numbered"),
    ];
    for (seed, department, code, year, template) in expected {
        let h = samples::load(seed).header;
        assert_eq!(
            (h.department.as_str(), h.department_code.as_str(), h.year, h.template.as_str()),
            (department, code, year, template)
        );
        assert!(budget_disclosure::template::find(template).is_some(), "unknown template {template}");
    }
}

/// Tables 2, 3 and 5 of seed 001: code, name, 合计, 基本支出, 项目支出 (income columns
/// equal the 合计: all money is 一般公共预算拨款).
const SEED001_FUNCTION_ROWS: [(&str, &str, &str, &str, &str); 16] = [
    ("201", "一般公共服务支出", "732.61", "501.17", "231.44"),
    ("20103", "政府办公厅（室）及相关机构事务", "732.61", "501.17", "231.44"),
    ("2010301", "行政运行", "448.32", "448.32", ""),
    ("2010302", "一般行政管理事务", "231.44", "", "231.44"),
    ("2010350", "事业运行", "52.86", "52.86", ""),
    ("208", "社会保障和就业支出", "146.09", "146.09", ""),
    ("20805", "行政事业单位养老支出", "146.09", "146.09", ""),
    ("2080501", "行政单位离退休", "78.16", "78.16", ""),
    ("2080502", "事业单位离退休", "16.89", "16.89", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "51.04", "51.04", ""),
    ("210", "卫生健康支出", "17.19", "17.19", ""),
    ("21011", "行政事业单位医疗", "17.19", "17.19", ""),
    ("2101101", "行政单位医疗", "17.19", "17.19", ""),
    ("221", "住房保障支出", "41.89", "41.89", ""),
    ("22102", "住房改革支出", "41.89", "41.89", ""),
    ("2210201", "住房公积金", "41.89", "41.89", ""),
];

/// The 合计 row of tables 3 and 5: 合计, 基本支出, 项目支出.
const SEED001_FUNCTION_TOTAL: (&str, &str, &str) = ("937.79", "706.36", "231.44");

#[test]
fn seed001_function_tables_equal_the_published_tables() {
    let doc = samples::load(Seed::S001);
    let rows = doc.budget.function_rows(doc.header.year);
    let derived: Vec<(String, String, String, String, String)> = rows
        .iter()
        .map(|r| (r.code.clone(), r.name.clone(), cell(r.expense()), cell(r.basic), cell(r.project)))
        .collect();
    let published: Vec<(String, String, String, String, String)> = SEED001_FUNCTION_ROWS
        .iter()
        .map(|(c, n, t, b, p)| (c.to_string(), n.to_string(), t.to_string(), b.to_string(), p.to_string()))
        .collect();
    assert_eq!(derived, published);

    // Table 2: every income column of every row equals the row's 合计.
    for r in &rows {
        let total = cell(r.expense());
        assert_eq!(cell(r.income.total()), total, "收入合计 of {}", r.code);
        assert_eq!(cell(r.income.this_year()), total, "本年收入小计 of {}", r.code);
        assert_eq!(cell(r.income.fiscal()), total, "财政拨款收入 of {}", r.code);
        assert_eq!(cell(r.income.general_budget), total, "一般公共预算 of {}", r.code);
        assert_eq!(cell(r.income.carryover), "", "上年结转 of {}", r.code);
    }

    let (total, basic, project) = SEED001_FUNCTION_TOTAL;
    let t = doc.budget.function_total();
    assert_eq!((cell(t.expense()), cell(t.basic), cell(t.project)), (total.into(), basic.into(), project.into()));
    assert_eq!(cell(t.income.total()), "937.79");
    assert_eq!(cell(t.income.this_year()), "937.79");
    assert_eq!(cell(t.income.general_budget), "937.79");
    assert_eq!(cell(t.income.gov_fund), "");
    assert_eq!(cell(t.income.state_capital), "");
    assert_eq!(cell(t.income.fiscal_special), "");
    assert_eq!(cell(t.income.unit_funds()), "");
}

#[test]
fn seed001_summary_tables_by_class_equal_tables_1_and_4() {
    let doc = samples::load(Seed::S001);
    let classes: Vec<(String, String)> = doc
        .budget
        .function_rows(doc.header.year)
        .iter()
        .filter(|r| r.code.len() == 3)
        .map(|r| (r.code.clone(), cell(r.expense())))
        .collect();
    let published = [("201", "732.61"), ("208", "146.09"), ("210", "17.19"), ("221", "41.89")];
    let published: Vec<(String, String)> = published.iter().map(|(c, v)| (c.to_string(), v.to_string())).collect();
    assert_eq!(classes, published);

    // 表 1 / 表 4 totals: 本年收入合计 = 本年支出合计 = 收入总计 = 支出总计 = 937.79.
    let f = doc.figures();
    assert_eq!(cell(f.income_this_year()), "937.79");
    assert_eq!(cell(f.income_total()), "937.79");
    assert_eq!(cell(f.expense_total()), "937.79");
    assert_eq!(cell(f.income.general_budget), "937.79");
    assert_eq!(cell(f.income.carryover), "");
}

#[test]
fn seed001_economic_table_equals_table_6() {
    let doc = samples::load(Seed::S001);
    let published = [
        ("301", "工资福利支出", "544.88", "544.88", ""),
        ("30101", "基本工资", "141.29", "141.29", ""),
        ("30102", "津贴补贴", "119.18", "119.18", ""),
        ("30103", "奖金", "93.64", "93.64", ""),
        ("30107", "绩效工资", "23.83", "23.83", ""),
        ("30108", "机关事业单位基本养老保险缴费", "51.04", "51.04", ""),
        ("30110", "职工基本医疗保险缴费", "17.19", "17.19", ""),
        ("30112", "其他社会保障缴费", "1.49", "1.49", ""),
        ("30113", "住房公积金", "41.89", "41.89", ""),
        ("30199", "其他工资福利支出", "55.31", "55.31", ""),
        ("302", "商品和服务支出", "61.36", "", "61.36"),
        ("30201", "办公费", "9.18", "", "9.18"),
        ("30207", "邮电费", "15.90", "", "15.90"),
        ("30228", "工会经费", "5.10", "", "5.10"),
        ("30229", "福利费", "4.84", "", "4.84"),
        ("30231", "公务用车运行维护费", "4.86", "", "4.86"),
        ("30239", "其他交通费用", "19.55", "", "19.55"),
        ("30299", "其他商品和服务支出", "1.93", "", "1.93"),
        ("303", "对个人和家庭的补助", "100.11", "100.11", ""),
        ("30302", "退休费", "93.43", "93.43", ""),
        ("30305", "生活补助", "6.68", "6.68", ""),
    ];
    let derived: Vec<(String, String, String, String, String)> = doc
        .budget
        .economic_rows()
        .iter()
        .map(|r| (r.code.clone(), r.name.clone(), cell(r.total()), cell(r.personnel), cell(r.public)))
        .collect();
    let published: Vec<(String, String, String, String, String)> = published
        .iter()
        .map(|(c, n, t, p, u)| (c.to_string(), n.to_string(), t.to_string(), p.to_string(), u.to_string()))
        .collect();
    assert_eq!(derived, published);

    let t = doc.budget.economic_total();
    assert_eq!(
        (cell(t.total()), cell(t.personnel), cell(t.public)),
        ("706.36".into(), "644.99".into(), "61.36".into())
    );
    // Table 3's 基本支出 and table 6's 合计 are the same money, to the 元.
    assert_eq!(t.total(), doc.budget.function_total().basic);
}

#[test]
fn seed001_narrative_figures_and_table_9_equal_the_published_ones() {
    let doc = samples::load(Seed::S001);
    let f = doc.figures();
    // 收入说明, 支出说明.
    assert_eq!(plain(f.income_this_year()), "937.79");
    assert_eq!(plain(f.income.general_budget), "937.79");
    assert_eq!(plain(f.expense_total()), "937.79");
    assert_eq!(plain(f.basic), "706.36");
    assert_eq!(plain(f.personnel), "644.99");
    assert_eq!(plain(f.public), "61.36");
    assert_eq!(plain(f.project), "231.44");
    // 比上年增减: 较上年减少107.45万元, 基本支出减少158.43万元, 项目支出增加50.99万元.
    assert_eq!(plain_opt(f.total_change()), "-107.45");
    assert_eq!(plain_opt(f.basic_change()), "-158.43");
    assert_eq!(plain_opt(f.project_change()), "50.99");
    // 机关运行经费.
    assert_eq!(plain(doc.running_costs.effective_total()), "61.36");
    assert_eq!(plain(doc.running_costs.items_sum()), "61.36");
    // Table 9 and part 4.
    let tp = &doc.three_public;
    assert_eq!(cell(tp.total_this_year()), "20.84");
    assert_eq!(cell(tp.item(ThreePublicKind::Abroad).this_year), "");
    assert_eq!(cell(tp.car_total_this_year()), "4.86");
    assert_eq!(cell(tp.item(ThreePublicKind::CarPurchase).this_year), "");
    assert_eq!(cell(tp.item(ThreePublicKind::CarRunning).this_year), "4.86");
    assert_eq!(cell(tp.item(ThreePublicKind::Reception).this_year), "15.98");
    assert_eq!(plain(tp.car_running.change()), "-12.15");
    assert_eq!(plain(tp.reception.change()), "0");
    // Projects add up to 项目支出 (231.44).
    let projects: Decimal = doc.performance.projects.iter().filter_map(|p| p.budget()).sum();
    assert_eq!(plain(projects), "231.44");
    assert_eq!(doc.performance.projects.len(), 7);
    // 政府采购: an empty table with its note; 资产.
    assert!(doc.procurement.rows.is_empty());
    assert_eq!(doc.procurement.notes.len(), 1);
    assert_eq!(plain(doc.procurement.total()), "0");
    assert_eq!(plain(doc.assets.total_value()), "340.69");
    assert_eq!(cell(doc.assets.planned_purchase), "");
}

/// The part-2 figures of a seed without standard tables.
struct Part2 {
    income: &'static str,
    general: &'static str,
    gov_fund: &'static str,
    basic: &'static str,
    personnel: &'static str,
    public: &'static str,
    project: &'static str,
    total_change: &'static str,
    basic_change: &'static str,
    project_change: &'static str,
}

fn assert_part2(doc: &Disclosure, p: &Part2) {
    let f = doc.figures();
    assert!(doc.budget.is_empty());
    assert_eq!(plain(f.income_this_year()), p.income);
    assert_eq!(plain(f.income_total()), p.income);
    assert_eq!(plain(f.income.general_budget), p.general);
    assert_eq!(plain(f.income.gov_fund), p.gov_fund);
    assert_eq!(plain(f.income.fiscal_special), "0");
    assert_eq!(plain(f.income.unit_funds()), "0");
    assert_eq!(plain(f.expense_total()), p.income);
    assert_eq!(plain(f.basic), p.basic);
    assert_eq!(plain(f.personnel), p.personnel);
    assert_eq!(plain(f.public), p.public);
    assert_eq!(plain(f.project), p.project);
    assert_eq!(plain_opt(f.total_change()), p.total_change);
    assert_eq!(plain_opt(f.basic_change()), p.basic_change);
    assert_eq!(plain_opt(f.project_change()), p.project_change);
}

#[test]
fn seed000_figures_equal_the_published_ones() {
    let doc = samples::load(Seed::S000);
    assert_part2(
        &doc,
        &Part2 {
            income: "1750.87",
            general: "1750.87",
            gov_fund: "0",
            basic: "305.77",
            personnel: "280.08",
            public: "25.69",
            project: "1445.1",
            total_change: "92.5",
            basic_change: "2.33",
            project_change: "90.17",
        },
    );
    // 机关运行经费: stated 25.69, its items as published add to only 11.47.
    assert_eq!(plain(doc.running_costs.effective_total()), "25.69");
    assert_eq!(plain(doc.running_costs.items_sum()), "11.47");
    // 三公 table: 6 and 6, no change.
    let tp = &doc.three_public;
    assert_eq!((plain(tp.total_last_year()), plain(tp.total_this_year())), ("6".into(), "6".into()));
    for kind in ThreePublicKind::ALL {
        assert_eq!(plain(tp.item(kind).change()), "0");
        assert_eq!(tp.item(kind).reason, "无增减变化");
    }
    // 政府采购 249.52, all 一般公共预算拨款, one unit.
    assert_eq!(plain(doc.procurement.total()), "249.52");
    assert_eq!(plain(doc.procurement.funds_total().general_budget), "249.52");
    assert_eq!(doc.procurement.units().len(), 1);
    // 固定资产 232.65, nothing to buy.
    assert_eq!(plain(doc.assets.total_value()), "232.65");
    assert_eq!(plain(doc.assets.planned_purchase), "0");
    // 14 projects whose rounded budgets add to 1445.11 against 项目支出 1445.1.
    assert_eq!(doc.performance.projects.len(), 14);
    let projects: Decimal = doc.performance.projects.iter().filter_map(|p| p.budget()).sum();
    assert_eq!(plain(projects), "1445.11");
    assert!(doc.performance.projects.iter().all(|p| p.unit == "520002城区办（机关）"));
    assert_eq!(doc.duties.items.len(), 10);
    assert_eq!(doc.glossary.len(), 6);
}

#[test]
fn seed002_figures_equal_the_published_ones() {
    let doc = samples::load(Seed::S002);
    assert_part2(
        &doc,
        &Part2 {
            income: "2999.85",
            general: "2981.85",
            gov_fund: "18",
            basic: "1251.46",
            personnel: "1114.26",
            public: "137.2",
            project: "1748.39",
            total_change: "636.67",
            basic_change: "-101.42",
            project_change: "738.09",
        },
    );
    assert_eq!(plain(doc.running_costs.effective_total()), "137.2");
    assert!(doc.running_costs.items.is_empty());
    // 三公: 6.67 this year, 1.1 less than 2019; 公车 5.92 (−0.6), 接待 0.75 (−0.5).
    let tp = &doc.three_public;
    assert_eq!(plain(tp.total_this_year()), "6.67");
    assert_eq!(plain(tp.total_this_year() - tp.total_last_year()), "-1.1");
    assert_eq!(plain(tp.car_total_this_year()), "5.92");
    assert_eq!(plain(tp.car_total_this_year() - tp.car_total_last_year()), "-0.6");
    assert_eq!(plain(tp.car_purchase.this_year), "0");
    assert_eq!(plain(tp.car_running.this_year), "5.92");
    assert_eq!(plain(tp.reception.this_year), "0.75");
    assert_eq!(plain(tp.reception.change()), "-0.5");
    // 政府采购 344 = 326 一般公共预算 + 18 基金.
    assert_eq!(plain(doc.procurement.total()), "344");
    let funds = doc.procurement.funds_total();
    assert_eq!((plain(funds.general_budget), plain(funds.gov_fund)), ("326".into(), "18".into()));
    assert_eq!(doc.procurement.rows[0].catalog_code(), "B0899");
    // 固定资产 698.03; 18 to buy (the fitness equipment).
    assert_eq!(plain(doc.assets.total_value()), "698.03");
    assert_eq!(plain(doc.assets.planned_purchase), "18");
    // 23 projects with targets only, no amounts.
    assert_eq!(doc.performance.projects.len(), 23);
    assert!(doc.performance.projects.iter().all(|p| p.budget().is_none() && p.code.is_empty()));
    assert_eq!(doc.performance.projects[11].goals, doc.performance.projects[10].goals);
    assert!(doc.institutions.is_empty());
}

#[test]
fn published_mistakes_are_kept() {
    let s0 = samples::load(Seed::S000);
    let duty = &s0.duties.items[1];
    let sentence = "对社区居委会工作监督、检查、评比。";
    assert_eq!(duty.matches(sentence).count(), 2, "duty (二) repeats itself in the seed");
    assert!(s0.procurement.rows.iter().all(|r| r.measure == "1"));

    let s1 = samples::load(Seed::S001);
    assert_eq!(s1.performance.sub_goals[0].title, "开展政府电子政务s");

    let s2 = samples::load(Seed::S002);
    let rent = &s2.performance.projects[3];
    assert_eq!(rent.name, "社区租赁费");
    assert_eq!(rent.indicators[0].value, "100");
    let misfiled = s2
        .performance
        .projects
        .iter()
        .flat_map(|p| &p.indicators)
        .filter(|i| i.level1 == "产出指标" && (i.level2 == "社会效益指标" || i.level2 == "可持续影响指标"))
        .count();
    assert_eq!(misfiled, 4);
}

#[test]
fn sample_command_writes_a_draft_that_check_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let path_arg = path.to_str().unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let cli = Cli::try_parse_from(["budget-disclosure", "sample", "--seed", "001", "-o", path_arg]).unwrap();
    assert_eq!(cli::dispatch(cli, &mut out, &mut err), cli::EXIT_OK, "{}", String::from_utf8_lossy(&err));
    assert_eq!(store::load(&path).unwrap(), samples::load(Seed::S001));

    let (mut out, mut err) = (Vec::new(), Vec::new());
    let cli = Cli::try_parse_from(["budget-disclosure", "check", path_arg]).unwrap();
    let code = cli::dispatch(cli, &mut out, &mut err);
    assert_ne!(code, cli::EXIT_FAILURE, "{}", String::from_utf8_lossy(&err));
    assert!(String::from_utf8_lossy(&out).contains("共 "));
}
