//! 审阅 → 与…对比 driven headlessly: the panel lists the changes of the open draft
//! against an earlier version, a click jumps to the changed field, and the draft file
//! compared with is never written.

mod common;

use common::app_harness as harness;

use budget_disclosure::app::{App, Command};
use budget_disclosure::rules::{Location, Section};
use budget_disclosure::samples::{self, Seed};
use egui_kittest::kittest::Queryable;
use rust_decimal::Decimal;

#[test]
fn the_panel_lists_changes_and_jumps_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("上一版.ron");
    std::fs::write(&earlier, Seed::S000.source()).unwrap();
    let mut doc = samples::load(Seed::S000);
    doc.three_public.reception.this_year = Decimal::new(125, 2);

    let mut h = harness(App::new(doc, None, true));
    h.run();
    h.state_mut().queue(Command::ComparePath(earlier.clone()));
    h.run();
    assert!(h.query_by_label_contains("与 上一版.ron 对比").is_some());
    let comparison = h.state().comparison().expect("a comparison is shown");
    assert_eq!(comparison.changes.len(), 1);
    h.get_by_label_contains("本年预算（公务接待费）：0.00 → 1.25（+1.25）").click();
    h.step();
    assert_eq!(h.state().section(), Section::ThreePublic);
    assert_eq!(h.state().focus(), Some(&Location::cell(Section::ThreePublic, 3, "this_year")));
    assert_eq!(std::fs::read_to_string(&earlier).unwrap(), Seed::S000.source(), "the other version is untouched");

    h.get_by_label("关闭对比").click();
    h.run();
    assert!(h.state().comparison().is_none());
}

#[test]
fn an_unreadable_version_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("坏版本.ron");
    std::fs::write(&bad, "(\n  format_version: 1,\n  header: (year: \"abc\"),\n)").unwrap();
    let doc = samples::load(Seed::S001);
    let mut h = harness(App::new(doc.clone(), None, false));
    h.state_mut().queue(Command::ComparePath(bad));
    h.run();
    assert!(h.query_by_label_contains("坏版本.ron 第 3 行").is_some());
    assert!(h.state().comparison().is_none());
    assert_eq!(h.state().doc(), &doc);
}
