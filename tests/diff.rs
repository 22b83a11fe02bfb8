//! `diff OLD NEW [--json]`: exit codes and the JSON a script reads.

mod common;

use common::run_cli as run;

use budget_disclosure::samples::Seed;
use budget_disclosure::store;

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

#[test]
fn review_report_writes_counts_then_comments() {
    let dir = tempfile::tempdir().unwrap();
    let (draft, _) = common::draft_with_a_comment(dir.path());
    let out = dir.path().join("审阅报告.txt");
    let o = run(&["review-report", draft.to_str().unwrap(), "--format", "text", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.find("概况").unwrap() < text.find("第九部分").unwrap(), "{text}");
    assert!(text.contains("批注 1 [待处理] 第九部分 其他需说明的事项 正文") && text.contains("请补充说明"), "{text}");
    let pdf = dir.path().join("审阅报告.pdf");
    let o = run(&["review-report", draft.to_str().unwrap(), "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let o = run(&["review-report", draft.to_str().unwrap(), "--format", "text", "-o", draft.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "never over the draft");
    assert_eq!(std::fs::read(&draft).unwrap(), Seed::S000.source().as_bytes());
}
