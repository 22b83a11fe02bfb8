//! `diff OLD NEW [--json]`: exit codes and the JSON a script reads.

use std::process::{Command, Output};

use budget_disclosure::samples::Seed;
use budget_disclosure::store;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-disclosure")).args(args).output().expect("binary runs")
}

#[test]
fn same_drafts_exit_0_changed_exit_1_unreadable_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    std::fs::write(&old, Seed::S000.source()).unwrap();
    std::fs::write(&new, Seed::S000.source()).unwrap();
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    let same = run(&["diff", o, n]);
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).contains("两份草稿内容相同"));

    let mut doc = store::load(&new).unwrap();
    doc.three_public.reception.this_year = rust_decimal::Decimal::new(125, 2);
    let moved = doc.performance.projects.pop().unwrap();
    doc.performance.projects.insert(0, moved);
    store::save(&new, &doc).unwrap();
    let changed = run(&["diff", o, n, "--json"]);
    assert_eq!(changed.status.code(), Some(1), "{}", String::from_utf8_lossy(&changed.stderr));
    let json: serde_json::Value = serde_json::from_slice(&changed.stdout).unwrap();
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[0]["kind"], "amount");
    assert_eq!((changes[0]["old"].as_str(), changes[0]["new"].as_str()), (Some("0"), Some("1.25")));
    assert_eq!(changes[0]["difference"], "1.25");
    assert_eq!(changes[1]["kind"], "moved");
    assert_eq!(changes[1]["to"], 1);
    assert!(json["findings_appeared"].as_array().unwrap().iter().any(|f| f["rule"] == "R-TPB-003"));

    std::fs::write(&old, "(\n  format_version: 1,\n  header: (year: \"x\"),\n)").unwrap();
    let bad = run(&["diff", o, n]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("第 3 行"));
}
