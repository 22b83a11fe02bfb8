//! The text export against the published seed documents: every heading of the layout in
//! order, and every amount of the seed somewhere in the export.

use std::collections::BTreeSet;
use std::str::FromStr;

use budget_disclosure::cli::{self, Cli};
use budget_disclosure::export::{self, Block, Format};
use budget_disclosure::model::{
    AssetCategory, Disclosure, FunctionLine, Funds, Income, Indicator, NamedAmount, ProcurementRow, Project,
};
use budget_disclosure::samples::{self, Seed};
use clap::Parser;
use rust_decimal::Decimal;

/// The published seed documents, kept beside the tests (see tests/data/seeds/README.md).
const SEED_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds");

/// The seed text whose file name starts with `prefix` ("000").
fn seed_text(prefix: &str) -> Option<String> {
    let dir = std::fs::read_dir(SEED_DIR).ok()?;
    for entry in dir.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(prefix) && name.ends_with(".txt") {
            return std::fs::read_to_string(entry.path()).ok();
        }
    }
    None
}

/// A number found in a text, with what follows it.
struct Found {
    text: String,
    decimal: bool,
    suffix_unit: bool,
}

/// Every run of ASCII digits with at most one inner '.', not glued to a Latin letter or
/// a '-' (which would make it part of a code such as "520-0401-JBN-X7L3" or "C1204").
fn numbers(text: &str) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut dot = false;
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                i += 1;
            } else if chars[i] == '.' && !dot && i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
                dot = true;
                i += 1;
            } else {
                break;
            }
        }
        let before = if start > 0 { Some(chars[start - 1]) } else { None };
        let after = chars.get(i).copied();
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
        if glued(before) || glued(after) {
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
        out.push(Found {
            text: chars[start..i].iter().collect(),
            decimal: dot,
            suffix_unit: rest.starts_with("万元") || rest.starts_with('%'),
        });
    }
    out
}

/// The amounts of a seed: decimal numbers, and integers followed by 万元 or %.
/// 序号, 栏次, codes, years and dates are integers without a unit, so they drop out.
fn seed_amounts(seed: &str) -> BTreeSet<Decimal> {
    numbers(seed)
        .into_iter()
        .filter(|f| f.decimal || f.suffix_unit)
        .filter_map(|f| Decimal::from_str(&f.text).ok())
        .map(|d| d.normalize())
        .collect()
}

fn export_amounts(text: &str) -> BTreeSet<Decimal> {
    numbers(text).into_iter().filter_map(|f| Decimal::from_str(&f.text).ok()).map(|d| d.normalize()).collect()
}

fn export_text(doc: &Disclosure) -> String {
    String::from_utf8(export::export(doc, Format::Text, &Default::default()).unwrap()).unwrap()
}

/// Asserts that `needles` occur in `text` in this order.
fn assert_in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match text[from..].find(n) {
            Some(p) => from += p + n.len(),
            None => panic!("“{n}” missing or out of order in the export (after byte {from})"),
        }
    }
}

/// Every amount of the seed appears in the export, except the listed ones.
fn assert_amounts(seed_prefix: &str, export: &str, excluded: &[(&str, &str)]) {
    let Some(seed) = seed_text(seed_prefix) else {
        panic!("seed {seed_prefix} not found in {SEED_DIR}");
    };
    let have = export_amounts(export);
    let excluded: Vec<Decimal> = excluded.iter().map(|(n, _why)| Decimal::from_str(n).unwrap().normalize()).collect();
    let wanted = seed_amounts(&seed);
    assert!(wanted.len() > 20, "too few amounts found in seed {seed_prefix}: {wanted:?}");
    let missing: Vec<String> =
        wanted.iter().filter(|d| !have.contains(d) && !excluded.contains(d)).map(|d| d.to_string()).collect();
    assert!(missing.is_empty(), "seed {seed_prefix}: amounts missing from the export: {missing:?}");
}

#[test]
fn number_extraction_skips_codes_and_keeps_amounts() {
    let found: Vec<String> =
        numbers("项目编码520-0401-JBN-X7L3，C1204，1750.87万元，≥90%，2020年").into_iter().map(|f| f.text).collect();
    assert_eq!(found, ["1750.87", "90", "2020"]);
    let amounts = seed_amounts("序号\n\t1\n收入1750.87万元，增加92.5万元，18万元，100%，2020年，30101");
    let expected: BTreeSet<Decimal> =
        ["1750.87", "92.5", "18", "100"].iter().map(|s| Decimal::from_str(s).unwrap().normalize()).collect();
    assert_eq!(amounts, expected);
}

#[test]
fn seed_000_exports_every_heading_and_amount() {
    let doc = samples::load(Seed::S000);
    let text = export_text(&doc);
    assert_in_order(
        &text,
        &[
            "保定市徐水区城区办事处\n2020年部门预算公开说明",
            "第一部分：部门职责及机构设置情况",
            "一、部门职责",
            "（一）社区建设",
            "（十）社会福利事业管理",
            "二、机构设置",
            "第二部分：部门预算安排的总体情况",
            "一、收入说明",
            "二、支出说明",
            "三、比上年增减情况",
            "第三部分：机关运行经费安排情况",
            "第四部分：财政拨款“三公”经费预算情况及增减变化原因",
            "第五部分：预算绩效信息",
            "部门整体绩效目标",
            "一、总体绩效目标",
            "二、分项绩效目标",
            "三、工作保障措施",
            "预算项目绩效目标",
            "1、安全生产信息员绩效目标表",
            "14、支出绩效挂钩经费绩效目标表",
            "第六部分：政府采购预算情况",
            "部门政府采购预算",
            "第七部分：国有资产信息",
            "固定资产占用情况表",
            "第八部分：名词解释",
            "6、机关运行费",
            "第九部分：其他需说明的事项",
            "我部门无其他需说明的事项。",
        ],
    );
    // Narrative sentences filled from the model, worded like the seed.
    assert!(text.contains("2020年预算收入为1750.87万元，其中：一般公共预算收入1750.87万元"));
    assert!(text.contains("较上年增加92.5万元。其中：基本支出增加2.33万元"));
    assert!(text.contains("项目支出1445.1万元"));
    assert!(text.contains("2020年我部门机关运行经费安排25.69万元，其中办公费0万元，邮电费0.42万元"));
    assert!(text.contains("我部门安排政府采购预算249.52万元"));
    assert!(text.contains("上年末我部门固定资产总金额为232.65万元"));
    assert_amounts("000", &text, &[]);
}

#[test]
fn seed_001_exports_every_heading_and_amount() {
    let doc = samples::load(Seed::S001);
    let text = export_text(&doc);
    assert_in_order(
        &text,
        &[
            "部门预算收支总表",
            "434保定市徐水区人民政府办公室    预算年度：2024    单位：万元",
            "一、一般公共预算拨款收入",
            "二十九、债务发行费用支出",
            // The published 2024 table lists these empty 类 rows too.
            "三十、抗疫特别国债安排的支出",
            "三十一、人行科目",
            "部门预算收入总表",
            "部门预算支出总表",
            "部门预算财政拨款收支总表",
            "年初财政拨款结转和结余",
            "部门预算一般公共预算财政拨款支出表",
            "部门预算一般公共预算财政拨款基本支出表",
            "部门预算政府性基金预算财政拨款支出表",
            "注：无政府基金预算财政拨款预算，空表列示。",
            "部门预算国有资本经营预算财政拨款支出表",
            "注：无国有资本经营预算财政拨款预算，空表列示。",
            "部门预算财政拨款“三公”经费支出表",
            "第一部分  保定市徐水区人民政府办公室2024年部门预算信息公开情况说明",
            "一、部门职责及机构设置情况",
            "部门机构设置情况",
            "二、部门预算安排的总体情况",
            "（一）、收入说明",
            "（二）、支出说明",
            "（三）、比上年增减情况",
            "三、机关运行经费安排情况",
            "四、财政拨款“三公”经费预算情况及增减变化原因",
            "五、部门整体绩效目标",
            "（一）总体绩效目标",
            "（二）分项绩效目标",
            "（三）工作保障措施",
            "六、部门主管专项资金预算安排情况及绩效目标",
            "七、部门项目预算安排情况及绩效目标",
            "1、劳务派遣人员工资绩效目标表",
            "7、政务服务相关经费绩效目标表",
            "八、政府采购预算情况",
            "部门政府采购预算",
            "注：无政府采购预算，空表列示。",
            "九、国有资产信息",
            "部门固定资产占用情况表",
            "十、名词解释",
            "10、机关运行经费",
            "我部门无其他需要说明的事项。",
        ],
    );
    assert!(text.contains("2024年预算收入937.79万元，其中：一般公共预算收入937.79万元"));
    assert!(text.contains("较上年减少107.45万元。其中：基本支出减少158.43万元"));
    assert!(text.contains("与2023年相比公务用车运维费减少12.15万元。"));
    // The seed prints "本年度拟购置固定资产总额为0.00万元"; nothing reads as nothing.
    assert!(text.contains("本年度无拟购置固定资产。"));
    assert_amounts("001", &text, &[]);
}

#[test]
fn seed_002_exports_every_heading_and_amount() {
    let doc = samples::load(Seed::S002);
    let text = export_text(&doc);
    assert_in_order(
        &text,
        &[
            "三河市泃阳西大街街道办事处2020年部门预算信息公开情况说明",
            "一、部门职责及机构设置情况",
            "部门职责：",
            "（七）负责劳动保障和就业再就业工作",
            "机构设置：",
            "二、部门预算安排的总体情况",
            "1、收入说明",
            "2、支出说明",
            "3、比上年增减变化情况",
            "三、机关运行经费安排情况",
            "四、财政拨款“三公”经费预算情况及增减变化原因",
            "五、预算绩效信息",
            "第一部分 部门整体绩效目标",
            "（1） 总体绩效目标",
            "（2） 分项绩效目标",
            "（3） 工作保障措施",
            "第二部分 资金绩效目标",
            "1、社区党组织服务群众专项经费绩效目标表",
            "23、装修社区办公用房及购置办公家具绩效目标表",
            "六、政府采购预算情况",
            "部门编码-436三河市泃阳西大街街道办事处",
            "七、国有资产信息",
            "三河市泃阳西大街街道办事处部门固定资产占用情况表",
            "八、名词解释",
            "九、其他需要说明的事项",
        ],
    );
    assert!(text.contains("2020年预算收入2999.85万元，其中：一般公共预算收入2981.85万元，基金预算收入18万元"));
    assert!(text.contains("较2019年预算增加636.67万元，其中：基本支出减少101.42万元"));
    assert!(text.contains(
        // The seed mixes "，"/"," and "（"/")"; the export writes full-width punctuation.
        "与2019年相比减少1.1万元，其中因公出国（境）费与2019年持平，无增减变化；公务用车购置及运维费减少0.6万元（其中：公务用车购置费与2019年持平，无增减变化，公务用车运行费减少0.6万元）"
    ));
    assert!(text.contains("我部门安排政府采购预算344万元"));
    assert_amounts("002", &text, &[]);
}

#[test]
fn every_heading_block_is_in_the_text_in_order() {
    for seed in Seed::ALL {
        let doc = samples::load(seed);
        let laid_out = export::build(&doc).unwrap();
        let headings: Vec<&str> = laid_out
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(!headings.is_empty(), "{seed:?}");
        assert_in_order(&export::text::render(&laid_out), &headings);
    }
}

/// A small 2024 draft exercising the standard tables.
fn small_2024() -> Disclosure {
    let d = |s: &str| Decimal::from_str(s).unwrap();
    let mut doc = Disclosure::new("示例局", 2024, "hebei-2024-tables");
    doc.header.department_code = "901".into();
    let line = |code: &str, name: &str, basic: &str, project: &str| FunctionLine {
        code: code.into(),
        name: name.into(),
        basic: d(basic),
        project: d(project),
        income: Income { general_budget: d(basic) + d(project), ..Income::default() },
    };
    doc.budget.function_lines = vec![
        line("2010301", "行政运行", "448.32", "0"),
        line("2010302", "一般行政管理事务", "0", "231.44"),
        line("2210201", "住房公积金", "41.89", "0"),
    ];
    doc.summary.last_basic = Some(d("500"));
    doc.summary.last_project = Some(d("231.44"));
    doc.running_costs.items = vec![NamedAmount { name: "办公费".into(), amount: d("9.18") }];
    doc.three_public.reception.this_year = d("15.98");
    doc.three_public.reception.last_year = d("15.98");
    doc.three_public.car_running.this_year = d("4.86");
    doc.three_public.car_running.last_year = d("17.01");
    doc.performance.projects = vec![Project {
        code: "P1".into(),
        name: "年鉴出版发行".into(),
        fiscal: Some(d("14")),
        spend_plan: [Some(d("25")), Some(d("30")), Some(d("60")), Some(d("100"))],
        goals: vec!["完成年鉴的出版".into(), "印刷15本".into()],
        indicators: vec![
            Indicator {
                level1: "产出指标".into(),
                level2: "数量指标".into(),
                value: "≥15本".into(),
                ..Default::default()
            },
            Indicator {
                level1: "".into(), level2: "质量指标".into(), value: "≤0.01%".into(), ..Default::default()
            },
            Indicator {
                level1: "满意度指标".into(),
                level2: "服务对象满意度指标".into(),
                value: "≥80%".into(),
                ..Default::default()
            },
        ],
        ..Project::default()
    }];
    doc.procurement.rows = vec![ProcurementRow {
        unit: "示例局本级".into(),
        project: "办公设备购置".into(),
        item: "台式计算机".into(),
        catalog: "A02010104".into(),
        quantity: Some(d("2")),
        unit_price: Some(d("0.5")),
        funds: Funds { general_budget: d("1"), ..Funds::default() },
        ..ProcurementRow::default()
    }];
    doc.assets.as_of = "2023-12-31".into();
    doc.assets.categories = vec![AssetCategory {
        name: "车辆".into(),
        quantity_unit: "台、辆".into(),
        quantity: Some(d("1")),
        value: Some(d("15")),
        sub_item: false,
    }];
    doc
}

#[test]
fn the_2024_layout_puts_the_nine_tables_first() {
    let doc = small_2024();
    let laid_out = export::build(&doc).unwrap();
    let titles: Vec<&str> = laid_out
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if !t.title.is_empty() => Some(t.title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        &titles[..9],
        [
            "部门预算收支总表",
            "部门预算收入总表",
            "部门预算支出总表",
            "部门预算财政拨款收支总表",
            "部门预算一般公共预算财政拨款支出表",
            "部门预算一般公共预算财政拨款基本支出表",
            "部门预算政府性基金预算财政拨款支出表",
            "部门预算国有资本经营预算财政拨款支出表",
            "部门预算财政拨款“三公”经费支出表",
        ]
    );
    let income = laid_out
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.title == "部门预算收入总表" => Some(t),
            _ => None,
        })
        .unwrap();
    assert!(income.landscape);
    assert_eq!(income.columns.len(), 13);
    assert_eq!(income.captions, ["901示例局", "预算年度：2024", "单位：万元"]);
    let text = export::text::render(&laid_out);
    assert_in_order(
        &text,
        &[
            "部门预算收支总表",
            "一、一般公共预算拨款收入",
            "一、一般公共服务支出",
            "二十九、债务发行费用支出",
            "本年收入合计",
            "721.65",
            "部门预算政府性基金预算财政拨款支出表",
            "注：无政府基金预算财政拨款预算，空表列示。",
            "第一部分  示例局2024年部门预算信息公开情况说明",
            "较上年减少9.79万元。其中：基本支出减少9.79万元；项目支出持平。",
            "与2023年相比公务用车运维费减少12.15万元。",
            "1、年鉴出版发行绩效目标表",
            "25%",
            "1.完成年鉴的出版",
            "示例局本级小计",
            "本年度无拟购置固定资产。",
            "十、名词解释",
            "我部门无其他需要说明的事项。",
        ],
    );
    // The 一级 cell spans the row whose 一级 was left empty.
    let project = laid_out
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if t.rows.iter().any(|r| r.iter().any(|c| c.text == "产出指标")) => Some(t),
            _ => None,
        })
        .next()
        .unwrap();
    let cell = project.rows.iter().flatten().find(|c| c.text == "产出指标").unwrap();
    assert_eq!(cell.rowspan, 2);
}

#[test]
fn an_unknown_template_is_an_error() {
    let mut doc = Disclosure::new("示例局", 2024, "no-such-layout");
    doc.header.template = "no-such-layout".into();
    let err = export::build(&doc).unwrap_err();
    assert!(err.to_string().contains("no-such-layout"), "{err}");
}

#[test]
fn cli_export_writes_the_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.ron");
    std::fs::write(&draft, Seed::S000.source()).unwrap();
    let out_file = dir.path().join("out.txt");
    let cli = Cli::try_parse_from([
        "budget-disclosure",
        "export",
        draft.to_str().unwrap(),
        "--format",
        "text",
        "-o",
        out_file.to_str().unwrap(),
    ])
    .unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::dispatch(cli, &mut out, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert!(written.starts_with("保定市徐水区城区办事处\n2020年部门预算公开说明\n"));
    assert!(written.contains("第九部分：其他需说明的事项"));
}

#[test]
fn empty_and_large_drafts_export_with_every_template() {
    for t in budget_disclosure::template::all() {
        let doc = Disclosure::new("示例局", 2024, &t.id);
        let text = export_text(&doc);
        assert!(text.starts_with("示例局"), "{}: {text}", t.id);
        // The last section of every layout prints the default other-matters sentence.
        assert!(text.trim_end().ends_with("事项。"), "{}", t.id);
    }
    let mut large = samples::large_department();
    let text = export_text(&large);
    assert!(text.contains("300、"), "the 300th project table is missing");
    large.header.template = "hebei-2020-numbered".into();
    assert!(export_text(&large).contains("第二部分 资金绩效目标"));
}

#[test]
fn a_missing_department_code_leaves_no_dangling_label() {
    let mut doc = samples::load(Seed::S002);
    doc.header.department_code = String::new();
    let text = export::text::render(&export::build(&doc).unwrap());
    assert!(!text.contains("部门编码-"), "an empty code prints no “部门编码-”");
    assert!(text.contains("\n三河市泃阳西大街街道办事处"), "the department still heads the caption");
}
