//! What several test files share: running the command-line binary, the app in a headless
//! harness at the officer's screen size with the bundled fonts (a glyph no font draws
//! would panic the harness), a draft with a saved review comment, and an empty table.
//!
//! Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use budget_disclosure::app::App;
use budget_disclosure::model::Disclosure;
use budget_disclosure::review::{self, Review};
use budget_disclosure::rules::{Location, Section};
use budget_disclosure::samples::Seed;
use budget_disclosure::store;
use egui_kittest::{Harness, HarnessBuilder};

/// Runs the `budget-disclosure` binary with `args` and waits for it.
pub fn run_cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-disclosure")).args(args).output().expect("binary runs")
}

/// The screen the desk is designed for.
pub const DESK_SIZE: [f32; 2] = [1366.0, 768.0];

/// The app at [`DESK_SIZE`].
pub fn app_harness(app: App) -> Harness<'static, App> {
    app_harness_with(app, |builder| builder)
}

/// The app at [`DESK_SIZE`], with `adjust` changing the harness's settings (a taller
/// screen, more steps, …).
pub fn app_harness_with(
    app: App,
    adjust: impl FnOnce(HarnessBuilder<App>) -> HarnessBuilder<App>,
) -> Harness<'static, App> {
    let builder = Harness::builder().with_size(DESK_SIZE).with_context_setup(budget_disclosure::ui::fonts::install);
    adjust(builder).build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// Seed 000 saved as `d.ron` in `dir`, with one comment of 李审 (“请补充说明” on 其他事项)
/// in its review file: the draft's path and the draft.
pub fn draft_with_a_comment(dir: &Path) -> (PathBuf, Disclosure) {
    let draft = dir.join("d.ron");
    std::fs::write(&draft, Seed::S000.source()).unwrap();
    let doc = store::load(&draft).unwrap();
    let mut notes = Review::default();
    notes.add_comment(
        &doc,
        &Location::field(Section::OtherMatters, "text"),
        "李审",
        "请补充说明",
        "2026-03-01 09:00".into(),
    );
    review::save_for(&draft, &notes).unwrap();
    (draft, doc)
}

/// An empty 政府采购预算表 with its note, as exporters receive it.
pub fn empty_table() -> budget_disclosure::export::Table {
    use budget_disclosure::export::{Align, Cell, Column, Table};
    Table {
        title: "政府采购预算表".into(),
        captions: vec!["单位：万元".into()],
        columns: vec![Column::new(3, Align::Left), Column::new(2, Align::Right)],
        header: vec![vec![Cell::new("采购项目"), Cell::new("金额")]],
        rows: vec![vec![Cell::new(""), Cell::new("")]],
        landscape: false,
        empty_note: Some("注：无政府采购预算，空表列示。".into()),
    }
}
