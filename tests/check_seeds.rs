//! The rule engine on the three real disclosures: each sample must report exactly the
//! inconsistencies of the published document (listed here with what is wrong), and the
//! `check` command must turn them into the right exit code and JSON.

use budget_disclosure::cli::{self, Cli};
use budget_disclosure::rules::{self, Finding, Location, Section, Severity};
use budget_disclosure::samples::{self, Seed};
use clap::Parser;

use Section::*;

fn loc(section: Section) -> Location {
    Location::section(section)
}
fn field(section: Section, f: &'static str) -> Location {
    Location::field(section, f)
}
fn cell(section: Section, row: usize, f: &'static str) -> Location {
    Location::cell(section, row, f)
}
fn sub(section: Section, row: usize, item: usize, f: &'static str) -> Location {
    Location::sub(section, row, item, f)
}

/// Asserts that `seed` reports exactly `expected` (rule, location), in any order.
fn assert_findings(seed: Seed, expected: &[(&str, Location)]) -> Vec<Finding> {
    let findings = rules::validate(&samples::load(seed));
    let mut got: Vec<(&str, Location)> = findings.iter().map(|f| (f.rule, f.location.clone())).collect();
    let mut want: Vec<(&str, Location)> = expected.to_vec();
    got.sort();
    want.sort();
    if got != want {
        let listing: Vec<String> = findings
            .iter()
            .map(|f| format!("[{}] {} {:?}: {}", f.severity.label(), f.rule, f.location, f.message))
            .collect();
        panic!("{}: findings differ from the expected list.\nActual:\n{}", seed.file_name(), listing.join("\n"));
    }
    findings
}

fn severity_of(findings: &[Finding], rule: &str) -> Severity {
    findings.iter().find(|f| f.rule == rule).map(|f| f.severity).unwrap_or_else(|| panic!("no {rule}"))
}

#[test]
fn seed_000_城区办事处_2020() {
    let f = assert_findings(
        Seed::S000,
        &[
            // Duty （二） pastes its own text twice: "抓好社区的党建工作。" and the other
            // sentences appear again right after "积极组织社区开展活动。".
            ("R-TXT-003", cell(Duties, 1, "item")),
            // Part 3 states 25.69 万元 but the items listed (0 + 0.42 + 5.08 + 4.8 + 1.17)
            // add up to 11.47: 14.22 万元 of items are missing from the text.
            ("R-RUN-001", field(RunningCosts, "total")),
            // Part 3 lists 公务用车运行维护费 4.8 万元, part 4's 三公 table 6 万元: a notice
            // (project money may pay the rest), new with the cross-part checks.
            ("R-TPB-005", cell(RunningCosts, 3, "amount")),
            // The 14 project tables add up to 1445.11 against 项目支出 1445.1: a rounding
            // gap of the published figures only.
            ("R-PRJ-001", loc(Projects)),
            // Project 8 "优良率" (a rate) has the value "≥500㎡" (an area).
            ("R-IND-011", sub(Projects, 7, 0, "value")),
            // Project 10's purpose: "计划2020年1月开始开始".
            ("R-TXT-002", cell(Projects, 9, "purpose")),
            // Project 10 "楼院长补贴及时发放率 ≥100%": more than 100% cannot be reached.
            ("R-IND-012", sub(Projects, 9, 0, "value")),
            // Project 12 "日常巡查覆盖率" (a rate) has the value "≥118个" (a count).
            ("R-IND-011", sub(Projects, 11, 0, "value")),
            // Project 13's 社会稳定水平 value is a sentence: "≥0专职调解员工作促进社会稳定水平逐步提升。".
            ("R-IND-007", sub(Projects, 12, 1, "value")),
            // Both procurement rows print the 计量单位 as "1" (the quantity typed twice).
            ("R-PRC-002", cell(Procurement, 0, "measure")),
            ("R-PRC-002", cell(Procurement, 1, "measure")),
        ],
    );
    assert_eq!(severity_of(&f, "R-RUN-001"), Severity::Error);
    assert_eq!(severity_of(&f, "R-PRJ-001"), Severity::Notice);
    let run = f.iter().find(|f| f.rule == "R-RUN-001").unwrap();
    assert!(run.message.contains("25.69") && run.message.contains("11.47"), "{}", run.message);
}

#[test]
fn seed_001_人民政府办公室_2024() {
    let f = assert_findings(
        Seed::S001,
        &[
            // Sub-goal 1's title ends in a stray Latin letter: "开展政府电子政务s".
            ("R-TXT-007", cell(SubGoals, 0, "title")),
            // Sub-goal 3 (项目建设) copies sub-goal 2's (大气污染防治) 绩效指标 word for word.
            ("R-PRF-001", cell(SubGoals, 2, "indicators")),
            // Project 4 (网络租费项目) has no 满意度指标 at all.
            ("R-IND-005", cell(Projects, 3, "indicators")),
            // Project 7: "机关房屋维修合格率 ≥100%" and "办公设备购置手续完备率 ≥100%".
            ("R-IND-012", sub(Projects, 6, 1, "value")),
            ("R-IND-012", sub(Projects, 6, 2, "value")),
            // The published tables are rounded cell by cell (the budget lines are exact to
            // the 元), so the printed parts miss their printed totals by 0.01–0.02:
            // 20103 = 732.61 but 448.32 + 231.44 + 52.86 = 732.62;
            ("R-TAB-001", cell(Table(3), 1, "total")),
            // 合计 937.79 but the 类 rows 732.61 + 146.09 + 17.19 + 41.89 = 937.78;
            ("R-TAB-002", field(Table(3), "total")),
            // 合计 937.79 but 基本 706.36 + 项目 231.44 = 937.80;
            ("R-TAB-003", field(Table(3), "total")),
            // 301 = 544.88 but its nine 款 add up to 544.86;
            ("R-TAB-004", cell(Table(6), 0, "total")),
            // table 6 合计 706.36 but 人员 644.99 + 公用 61.36 = 706.35, and its 类 rows
            // 544.88 + 61.36 + 100.11 = 706.35.
            ("R-TAB-005", field(Table(6), "total")),
            ("R-TAB-006", field(Table(6), "total")),
        ],
    );
    // Rounding of the published figures is never an error.
    assert!(f.iter().all(|f| f.severity != Severity::Error), "{f:#?}");
    assert!(f.iter().filter(|f| f.rule.starts_with("R-TAB")).all(|f| f.severity == Severity::Notice));
    assert_eq!(severity_of(&f, "R-IND-005"), Severity::Warning);
}

#[test]
fn seed_002_泃阳西大街街道办事处_2020() {
    let f = assert_findings(
        Seed::S002,
        &[
            // The 机构设置 heading is printed with no table under it.
            ("R-INS-001", loc(Institutions)),
            // Sub-goal 4's 绩效指标 stops at a comma: "…提升辖区居民安全生产意识，".
            ("R-TXT-008", cell(SubGoals, 3, "indicators")),
            // Measure 5: "强化禁毒宣传宣传教育".
            ("R-TXT-002", cell(Measures, 4, "item")),
            // Project 4 (社区租赁费): every value is a bare number — "100", "50", "10", "100", "95".
            ("R-IND-010", sub(Projects, 3, 0, "value")),
            ("R-IND-010", sub(Projects, 3, 1, "value")),
            ("R-IND-010", sub(Projects, 3, 2, "value")),
            ("R-IND-010", sub(Projects, 3, 3, "value")),
            ("R-IND-010", sub(Projects, 3, 4, "value")),
            // 社会效益指标 filed under 产出指标: project 9 (排查整改率), project 10 (普及率);
            ("R-IND-003", sub(Projects, 8, 2, "level2")),
            ("R-IND-003", sub(Projects, 9, 2, "level2")),
            // 可持续影响指标 under 产出指标: project 19 (可持续使用年限), project 21 (兵役登记时限).
            ("R-IND-003", sub(Projects, 18, 2, "level2")),
            ("R-IND-003", sub(Projects, 20, 2, "level2")),
            // Project 12 (街道妇联工作经费) reuses project 11's goal "我单位现有辅岗人员21人…".
            ("R-IND-013", sub(Projects, 11, 0, "goal")),
            // Projects 18, 19 and 21 copy the 指标描述 into the 确定依据 column.
            ("R-IND-014", sub(Projects, 17, 0, "basis")),
            ("R-IND-014", sub(Projects, 18, 0, "basis")),
            ("R-IND-014", sub(Projects, 20, 0, "basis")),
        ],
    );
    assert_eq!(severity_of(&f, "R-IND-003"), Severity::Error);
    let copied = f.iter().find(|f| f.rule == "R-IND-013").unwrap();
    assert!(copied.message.contains("街道辅岗人员经费") && copied.message.contains("街道妇联工作经费"));
}

/// Writes `doc` to a temporary draft file and returns its directory and path.
fn temp_draft(seed: Seed) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(seed.file_name());
    std::fs::write(&path, seed.source()).unwrap();
    (dir, path)
}

fn check(args: &[&str]) -> (u8, String, String) {
    let cli = Cli::try_parse_from(std::iter::once("budget-disclosure").chain(args.iter().copied())).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::dispatch(cli, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn check_exit_codes() {
    // Errors → 1.
    let (_dir, path) = temp_draft(Seed::S000);
    let (code, out, _) = check(&["check", path.to_str().unwrap()]);
    assert_eq!(code, cli::EXIT_FINDINGS);
    assert!(out.contains("R-RUN-001") && out.contains("共 "), "{out}");

    // Warnings and notices only → 0.
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.ron");
    let mut doc = samples::load(Seed::S000);
    doc.running_costs.items.clear();
    doc.performance.projects[12].indicators[1].value = "≥90%".into();
    assert!(rules::validate(&doc).iter().all(|f| f.severity != Severity::Error));
    budget_disclosure::store::save(&clean, &doc).unwrap();
    let (code, _, err) = check(&["check", clean.to_str().unwrap()]);
    assert_eq!(code, cli::EXIT_OK, "{err}");

    // A file that cannot be read → 2, with the reason on stderr.
    let corrupt = dir.path().join("corrupt.ron");
    std::fs::write(&corrupt, "(format_version: 1, header: (year: \"去年\"").unwrap();
    let (code, out, err) = check(&["check", corrupt.to_str().unwrap()]);
    assert_eq!(code, cli::EXIT_FAILURE);
    assert!(out.is_empty() && err.contains("corrupt.ron"), "{err}");
}

#[test]
fn check_json_lists_every_finding() {
    let (_dir, path) = temp_draft(Seed::S000);
    let (code, out, _) = check(&["check", "--json", path.to_str().unwrap()]);
    assert_eq!(code, cli::EXIT_FINDINGS);
    let items: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let findings = rules::validate(&samples::load(Seed::S000));
    assert_eq!(items.len(), findings.len());
    for (item, f) in items.iter().zip(&findings) {
        let obj = item.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["location", "message", "rule", "severity"]);
        assert_eq!(obj["rule"], f.rule);
        assert!(["error", "warning", "notice"].contains(&obj["severity"].as_str().unwrap()));
        assert_eq!(obj["severity"], f.severity.key());
        assert_eq!(obj["location"], f.location.to_string());
        assert_eq!(obj["message"], f.message);
    }
    let running = items.iter().find(|i| i["rule"] == "R-RUN-001").unwrap();
    assert_eq!(running["severity"], "error");
    assert_eq!(running["location"], "第三部分 机关运行经费 合计");
}
