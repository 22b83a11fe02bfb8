//! `check DIR… --summary`: a county's folder of good, erroneous and corrupt drafts gives
//! one right row per draft and the right exit code, in text, JSON and CSV.

mod common;

use std::path::Path;

use common::run_cli as run;

use budget_disclosure::model::Disclosure;
use budget_disclosure::store;
use rust_decimal::Decimal;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder with a good draft, an unbalanced one (错误) and, in a subfolder, a corrupt
/// one; plus a review file, which is not a draft.
fn county(dir: &Path, with_corrupt: bool) {
    let good = Disclosure::new("甲局", 2024, "hebei-2024-tables");
    store::save(&dir.join("甲局.ron"), &good).unwrap();
    let mut wrong = Disclosure::new("乙局", 2025, "hebei-2020-parts");
    wrong.summary.income.general_budget = Decimal::new(100, 0);
    wrong.summary.project = Decimal::new(50, 0);
    store::save(&dir.join("乙局.ron"), &wrong).unwrap();
    std::fs::write(dir.join("甲局.review.ron"), "not a draft").unwrap();
    if with_corrupt {
        std::fs::create_dir(dir.join("乡镇")).unwrap();
        std::fs::write(
            dir.join("乡镇").join("丙镇.ron"),
            "(\n  format_version: 1,\n  header: (year: \"二〇二四\"),\n)",
        )
        .unwrap();
    }
}

#[test]
fn a_folder_gives_one_row_per_draft_and_exit_2_for_a_corrupt_one() {
    let dir = tempfile::tempdir().unwrap();
    county(dir.path(), true);
    let o = run(&["check", dir.path().to_str().unwrap(), "--summary", "--json"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let drafts = json["drafts"].as_array().unwrap();
    let name = |d: &serde_json::Value| {
        Path::new(d["file"].as_str().unwrap()).file_name().unwrap().to_str().unwrap().to_owned()
    };
    let names: Vec<String> = drafts.iter().map(name).collect();
    // Sorted by path: 乙 (U+4E59) < 乡 (U+4E61, the subfolder) < 甲 (U+7532).
    assert_eq!(names, ["乙局.ron", "丙镇.ron", "甲局.ron"]);
    let [wrong, corrupt, good] = [&drafts[0], &drafts[1], &drafts[2]];

    assert_eq!(corrupt["status"], "unreadable");
    let reason = corrupt["reason"].as_str().unwrap();
    assert!(reason.contains("丙镇.ron") && reason.contains("第 3 行"), "{reason}");

    assert_eq!(
        (good["status"].as_str(), good["department"].as_str(), good["year"].as_i64()),
        (Some("checked"), Some("甲局"), Some(2024))
    );
    assert_eq!(
        (good["errors"].as_u64(), good["warnings"].as_u64(), good["notices"].as_u64()),
        (Some(0), Some(1), Some(0))
    );
    assert_eq!(good["balanced"], true);

    assert_eq!((wrong["department"].as_str(), wrong["template"].as_str()), (Some("乙局"), Some("hebei-2020-parts")));
    assert_eq!(wrong["balanced"], false);
    assert!(wrong["errors"].as_u64().unwrap() >= 1);

    let rules = json["rules"].as_array().unwrap();
    assert_eq!(rules[0]["rule"], "R-INS-001", "both readable drafts lack 机构设置: most often broken");
    assert_eq!(rules[0]["drafts"], 2);
    assert!(rules.iter().any(|r| r["rule"] == "R-INC-001" && r["drafts"] == 1));
}

#[test]
fn errors_without_unreadable_files_exit_1_and_clean_drafts_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    county(dir.path(), false);
    let o = run(&["check", dir.path().to_str().unwrap(), "--summary"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let report = text(&o.stdout);
    assert!(report.contains("甲局\t2024\thebei-2024-tables\t0\t1\t0\t平衡"), "{report}");
    assert!(report.contains("乙局\t2025") && report.contains("不平衡"), "{report}");
    assert!(report.contains("共 2 份草稿：1 份有错误，0 份无法读取"), "{report}");
    assert!(report.contains("R-INS-001\t机构设置为空\t2 份\t2 条"), "{report}");

    let good = dir.path().join("甲局.ron");
    let o = run(&["check", good.to_str().unwrap(), "--summary", "--csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let csv = text(&o.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "\u{feff}文件,部门,年度,模板,错误,警告,提示,收支平衡,无法读取原因");
    assert!(lines[1].ends_with(",甲局,2024,hebei-2024-tables,0,1,0,是,"), "{csv}");
    assert_eq!(lines[2], "");
    assert_eq!(lines[3], "规则,名称,涉及草稿数,检查结果数");
    assert_eq!(lines[4], "R-INS-001,机构设置为空,1,1");
}

#[test]
fn single_file_check_is_unchanged_and_many_files_need_summary() {
    let dir = tempfile::tempdir().unwrap();
    county(dir.path(), false);
    let good = dir.path().join("甲局.ron");
    let o = run(&["check", good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).starts_with("[警告] R-INS-001 第一部分 机构设置："), "{}", text(&o.stdout));
    let wrong = dir.path().join("乙局.ron");
    let o = run(&["check", good.to_str().unwrap(), wrong.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--summary"));
    let o = run(&["check", good.to_str().unwrap(), "--csv"]);
    assert_eq!(o.status.code(), Some(2), "--csv needs --summary");
    let empty = tempfile::tempdir().unwrap();
    let o = run(&["check", empty.path().to_str().unwrap(), "--summary"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("没有找到草稿"));
}
