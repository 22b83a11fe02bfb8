//! `import`, `export --format xlsx` and `new --from` as a script would use them.

mod common;

use std::path::Path;

use common::run_cli as run;

use budget_disclosure::store;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// seed 001 exported as xlsx, and an empty draft of the same department, in `dir`.
fn workbook_and_empty_draft(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let seed = dir.join("seed.ron");
    let book = dir.join("seed.xlsx");
    let draft = dir.join("draft.ron");
    assert_eq!(run(&["sample", "--seed", "001", "-o", s(&seed)]).status.code(), Some(0));
    let o = run(&["export", s(&seed), "--format", "xlsx", "-o", s(&book)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = run(&["new", "--department", "保定市徐水区人民政府办公室", "--year", "2024", "-o", s(&draft)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    (book, draft)
}

#[test]
fn import_replaces_the_lines_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let (book, draft) = workbook_and_empty_draft(dir.path());
    let o = run(&["import", s(&book), "--into", s(&draft)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o.stdout), text(&o.stderr));
    assert!(text(&o.stdout).contains("已导入并保存"));
    let doc = store::load(&draft).unwrap();
    let seed = budget_disclosure::samples::load(budget_disclosure::samples::Seed::S001);
    assert_eq!(doc.budget.function_lines, seed.budget.function_lines);
    assert_eq!(doc.budget.economic_lines, seed.budget.economic_lines);
    assert_eq!(doc.three_public.total_this_year(), seed.three_public.total_this_year());
    // The imported draft checks like the seed's tables.
    let check = run(&["check", s(&draft), "--json"]);
    assert!(!text(&check.stdout).contains("R-TAB-007"), "{}", text(&check.stdout));
}

#[test]
fn dry_run_and_json_leave_the_draft_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (book, draft) = workbook_and_empty_draft(dir.path());
    let before = std::fs::read(&draft).unwrap();
    let o = run(&["import", s(&book), "--into", s(&draft), "--dry-run", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(json["outcome"], "clean");
    assert_eq!(json["tables"].as_array().unwrap().len(), 9);
    assert_eq!(json["tables"][2]["lines"], 8);
    assert!(json["replaces"][0].as_str().unwrap().contains("功能分类"));
    assert_eq!(std::fs::read(&draft).unwrap(), before);
}

#[test]
fn an_unreadable_workbook_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, draft) = workbook_and_empty_draft(dir.path());
    let before = std::fs::read(&draft).unwrap();
    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not really a workbook").unwrap();
    let o = run(&["import", s(&bad), "--into", s(&draft)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("无法读取"), "{}", text(&o.stderr));
    assert_eq!(std::fs::read(&draft).unwrap(), before);
}

#[test]
fn findings_that_need_a_look_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let (_, draft) = workbook_and_empty_draft(dir.path());
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "部门支出总表").unwrap();
    ws.write_string(1, 0, "单位：元").unwrap();
    for (c, h) in ["科目编码", "科目名称", "合计", "基本支出", "项目支出"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, "合计").unwrap();
    ws.write_string(3, 2, "9,999,999.00").unwrap();
    ws.write_string(4, 0, "2010301").unwrap();
    ws.write_string(4, 1, "行政运行").unwrap();
    ws.write_string(4, 2, "4,483,187.00").unwrap();
    ws.write_string(4, 3, "4,483,187.00").unwrap();
    let path = dir.path().join("wrong.xlsx");
    std::fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
    let o = run(&["import", s(&path), "--into", s(&draft)]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("Sheet1!C4"), "{}", text(&o.stdout));
    let doc = store::load(&draft).unwrap();
    assert_eq!(doc.budget.function_lines[0].basic.to_string(), "448.3187");
}

#[test]
fn new_from_last_year_carries_text_and_last_year_figures() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2024.ron");
    let next = dir.path().join("2025.ron");
    assert_eq!(run(&["sample", "--seed", "001", "-o", s(&last)]).status.code(), Some(0));
    let o = run(&["new", "--from", s(&last), "--year", "2025", "-o", s(&next)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("沿用上年，待确认"), "{}", text(&o.stdout));
    let doc = store::load(&next).unwrap();
    assert_eq!(doc.header.year, 2025);
    assert!(doc.budget.function_lines.is_empty());
    assert!(doc.summary.last_basic.is_some());
    let check = run(&["check", s(&next)]);
    assert!(text(&check.stdout).contains("R-CAR-001"), "{}", text(&check.stdout));
    // Not into the past, and never over an existing file.
    let o = run(&["new", "--from", s(&last), "--year", "2023", "-o", s(&dir.path().join("x.ron"))]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["new", "--from", s(&last), "--year", "2025", "-o", s(&next)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("已存在"));
}
