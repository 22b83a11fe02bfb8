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
