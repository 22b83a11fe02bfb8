//! The desk around the forms, driven headless at the officer's 1366×768: wide grids
//! scroll sideways, deleting offers 撤销, files are chosen without a desktop portal, and
//! Ctrl+P hands a PDF to the system's viewer.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use budget_disclosure::app::{App, Command, NoSystemChooser, Opener};
use budget_disclosure::model::Disclosure;
use budget_disclosure::rules::{Location, Section};
use budget_disclosure::samples::{self, Seed};
use budget_disclosure::store;
use egui::{Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness(app: App) -> Harness<'static, App> {
    common::app_harness_with(app, |b| b.with_max_steps(40))
}

/// For the in-app file browser: its path and name fields (egui_file's) have no
/// accessible names, which the harness would otherwise refuse.
fn browser_harness(app: App) -> Harness<'static, App> {
    common::app_harness_with(app, |b| b.with_max_steps(40).with_accessibility_check(false))
}

/// An opener that records what it was asked to open.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<PathBuf>>>);

impl Opener for Recorder {
    fn open(&mut self, path: &Path) -> Result<(), String> {
        self.0.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }
}

fn shift_wheel(h: &Harness<'_, App>, at: Pos2, steps: usize) {
    h.hover_at(at);
    for _ in 0..steps {
        h.event_modifiers(
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: Vec2::new(0.0, -5.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: Modifiers::SHIFT,
            },
            Modifiers::SHIFT,
        );
    }
}

#[test]
fn shift_wheel_scrolls_a_wide_grid_to_its_last_column_keeping_the_first() {
    let mut app = App::new(samples::large_department(), None, false);
    app.queue(Command::Select(Section::FunctionLines));
    let mut h = harness(app);
    h.run();
    let width = 1366.0;
    let code = h.get_by_label("科目编码").rect();
    let last = h.get_by_label("操作").rect();
    assert!(last.right() > width, "the grid is wider than the window: 操作 at {last:?}");

    let grid = h.get_by_label("功能分类第1行 基本支出").rect().center();
    for _ in 0..12 {
        shift_wheel(&h, grid, 5);
        h.run();
    }
    let last = h.get_by_label("操作").rect();
    assert!(last.right() <= width && last.left() > code.right(), "操作 scrolled into view: {last:?}");
    // The frozen columns did not move.
    let still = h.get_by_label("科目编码").rect();
    assert!((still.left() - code.left()).abs() < 1.0 && (still.top() - code.top()).abs() < 1.0, "{still:?}");
    assert!(h.get_by_label("功能分类第1行 科目编码").rect().left() < code.right());
}

#[test]
fn deleting_offers_undo_and_undo_shows_the_row_again() {
    let doc = samples::load(Seed::S000);
    let items = doc.duties.items.clone();
    assert!(items.len() >= 3);
    let mut app = App::new(doc, None, false);
    app.queue(Command::Select(Section::Duties));
    let mut h = harness(app);
    h.run();
    h.get_by_label("删除职责第3项").click();
    h.run();
    assert_eq!(h.state().doc().duties.items.len(), items.len() - 1);
    assert_eq!(h.state().notice().map(|n| n.text.as_str()), Some("已删除职责第3项"));
    assert!(h.query_by_label("已删除职责第3项").is_some(), "the notice is on screen");

    // Going elsewhere, then 撤销 on the notice: the item is back and shown.
    h.state_mut().queue(Command::Select(Section::Header));
    h.run();
    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(h.state().doc().duties.items, items);
    assert_eq!(h.state().section(), Section::Duties);
    assert_eq!(h.state().focus().map(|l| (l.section, l.row)), Some((Section::Duties, Some(2))));
    assert!(h.state().notice().is_none());

    // Redo (Ctrl+Y) deletes it again and shows where.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(h.state().doc().duties.items.len(), items.len() - 1);
    assert_eq!(h.state().section(), Section::Duties);
}

#[test]
fn undo_selects_the_project_whose_indicator_came_back() {
    use budget_disclosure::model::{Indicator, Project};
    let mut doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    let indicator = |name: &str| Indicator { level3: name.into(), ..Indicator::default() };
    doc.performance.projects = vec![
        Project { name: "甲项目".into(), ..Project::default() },
        Project {
            name: "乙项目".into(),
            indicators: vec![indicator("覆盖社区数量"), indicator("完成率")],
            ..Project::default()
        },
    ];
    let project = 1;
    let before = doc.performance.projects[project].indicators.clone();
    let mut app = App::new(doc, None, false);
    app.queue(Command::JumpTo(Location::row(Section::Projects, project)));
    let mut h = harness(app);
    h.run();
    // Scroll the project's form down to its indicator grid; its 操作 column is still
    // out of view to the right: press the button the way a screen reader does.
    for _ in 0..5 {
        h.get_by_label("项目2 资金用途").scroll_down();
        h.run();
    }
    let name = format!("删除项目{} 指标2", project + 1);
    h.get_by_label(&name).click_accesskit();
    h.run();
    assert_eq!(h.state().doc().performance.projects[project].indicators.len(), before.len() - 1);
    h.state_mut().queue(Command::Select(Section::Header));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc().performance.projects[project].indicators, before);
    let focus = h.state().focus().cloned().expect("undo shows what changed");
    assert_eq!((focus.section, focus.row, focus.item), (Section::Projects, Some(project), Some(1)));
    // The restored indicator is scrolled into the form's view (above the findings panel).
    let restored = h.get_by_label("项目2 指标2 三级指标").rect();
    assert!(restored.top() > 60.0 && restored.bottom() < 560.0, "on screen: {restored:?}");
}

#[test]
fn without_a_portal_the_in_app_browser_opens_in_the_drafts_folder() {
    let dir = tempfile::tempdir().unwrap();
    let current = dir.path().join("当前草稿.ron");
    let other = dir.path().join("另一个部门2025年部门预算.ron");
    let doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    store::save(&current, &doc).unwrap();
    store::save(&other, &Disclosure::new("另一个部门", 2025, "hebei-2024-tables")).unwrap();
    std::fs::write(dir.path().join("说明.txt"), "不是草稿").unwrap();
    std::fs::create_dir(dir.path().join("往年")).unwrap();

    let app = App::new(doc, Some(current.clone()), false).with_file_chooser(Box::new(NoSystemChooser));
    let mut h = browser_harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.run();
    let request = h.state().file_browser().cloned().expect("the in-app browser is open");
    assert_eq!(request.dir.as_deref(), Some(dir.path()));
    assert_eq!(request.ext, "ron");
    // Folders and drafts are listed, other file types are not.
    assert!(h.query_by_label_contains("往年").is_some());
    assert!(h.query_by_label_contains("另一个部门2025年部门预算.ron").is_some());
    assert!(h.query_by_label_contains("说明.txt").is_none());
    // The app behind waits for the browser.
    assert!(h.get_by_role_and_label(egui::accesskit::Role::Button, "封面信息").accesskit_node().is_disabled());

    h.get_by_label_contains("另一个部门2025年部门预算.ron").click();
    h.run();
    h.get_by_label("打开").click();
    h.run();
    assert!(h.state().file_browser().is_none());
    assert_eq!(h.state().path(), Some(other.as_path()));
    assert_eq!(h.state().doc().header.department, "另一个部门");
}

#[test]
fn save_as_without_a_portal_suggests_the_departments_name() {
    let app = App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false)
        .with_file_chooser(Box::new(NoSystemChooser));
    let mut h = browser_harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::S);
    h.run();
    let request = h.state().file_browser().cloned().expect("the in-app browser is open");
    assert_eq!(request.file_name.as_deref(), Some("测试部门2025年部门预算.ron"));
    assert!(request.save);
}

#[test]
fn ctrl_p_exports_a_pdf_and_hands_it_to_the_viewer() {
    let recorder = Recorder::default();
    let app = App::new(samples::load(Seed::S000), None, false)
        .with_validator(|_| Vec::new())
        .with_opener(Box::new(recorder.clone()));
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::P);
    h.run();
    let opened = recorder.0.lock().unwrap().clone();
    assert_eq!(opened.len(), 1, "one open request");
    let bytes = std::fs::read(&opened[0]).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF was written to {}", opened[0].display());
    assert!(h.state().notice().is_some_and(|n| n.text.contains(&*opened[0].to_string_lossy())));
}

#[test]
fn printing_a_draft_with_errors_asks_first_and_says_where_the_pdf_is_when_nothing_opens_it() {
    struct Refuses;
    impl Opener for Refuses {
        fn open(&mut self, _path: &Path) -> Result<(), String> {
            Err("没有 PDF 阅读器".to_owned())
        }
    }
    let app = App::new(samples::load(Seed::S000), None, false).with_opener(Box::new(Refuses));
    let mut h = harness(app);
    h.run();
    assert!(h.state().findings().iter().any(|f| f.severity == budget_disclosure::rules::Severity::Error));
    h.state_mut().queue(Command::Print);
    h.run();
    h.get_by_label("带“草稿”水印打印…").click();
    h.run();
    assert!(h.query_by_label_contains("请用 PDF 阅读器打开后打印").is_some());
}

#[test]
fn text_export_warns_about_errors_like_the_pdf_export() {
    let app = App::new(samples::load(Seed::S000), None, false).with_file_chooser(Box::new(NoSystemChooser));
    let mut h = browser_harness(app);
    h.run();
    h.state_mut().queue(Command::ExportText);
    h.run();
    assert!(h.query_by_label_contains("导出的文本也会带着这些错误").is_some());
    h.get_by_label("仍然导出…").click();
    h.run();
    assert_eq!(h.state().file_browser().map(|r| r.ext.as_str()), Some("txt"));
}

#[test]
fn ctrl_f_finds_an_amount_and_jumps_to_its_row() {
    let mut doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    for (i, basic) in [1200, 34567, 890].into_iter().enumerate() {
        doc.budget.function_lines.push(budget_disclosure::model::FunctionLine {
            code: format!("20101{:02}", i + 1),
            name: format!("科目{i}"),
            basic: rust_decimal::Decimal::new(basic, 2),
            ..Default::default()
        });
    }
    let row = 1;
    let line = doc.budget.function_lines[row].clone();
    let amount = line.basic.to_string();
    let mut h = harness(App::new(doc, None, false));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("查找内容").type_text(&amount);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_ne!(h.state().section(), Section::Header, "jumped to the first match");
    // Stepping through the matches reaches the function line holding that amount.
    let wanted = format!("功能分类收支明细 第{}行", row + 1);
    let wanted = format!("处：{wanted}");
    let mut found = h.query_by_label_contains(&wanted).is_some();
    for _ in 0..30 {
        if found {
            break;
        }
        h.get_by_label("下一个").click();
        h.run();
        found = h.query_by_label_contains(&wanted).is_some();
    }
    assert!(found, "{wanted} among the matches");
    assert_eq!(h.state().section(), Section::FunctionLines);
}

#[test]
fn ending_review_asks_first() {
    let mut h = harness(App::new(samples::load(Seed::S000), None, true));
    h.run();
    h.get_by_label("结束审阅").click();
    h.run();
    assert!(h.state().is_review(), "still read-only until confirmed");
    h.get_by_label("继续审阅").click();
    h.run();
    assert!(h.state().is_review());
    h.get_by_label("结束审阅").click();
    h.run();
    h.get_by_label("结束审阅，恢复编辑").click();
    h.run();
    assert!(!h.state().is_review());
}

#[test]
fn type_size_grows_with_ctrl_equals_and_is_remembered() {
    let conf = tempfile::tempdir().unwrap();
    let app = App::new(samples::load(Seed::S000), None, false).with_config_dir(Some(conf.path().to_path_buf()));
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Equals);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Equals);
    h.run();
    assert!((h.state().zoom_factor() - 1.2).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Minus);
    h.run();
    assert!((h.state().zoom_factor() - 1.1).abs() < 1e-4);
    let again = App::new(samples::load(Seed::S000), None, false).with_config_dir(Some(conf.path().to_path_buf()));
    assert!((again.zoom_factor() - 1.1).abs() < 1e-4);
}

#[test]
fn redo_answers_to_both_shortcuts_and_the_menu_names_ctrl_y() {
    let shown = Command::Redo.shortcut().unwrap();
    assert_eq!((shown.modifiers, shown.logical_key), (Modifiers::COMMAND, egui::Key::Y));
    let doc = samples::load(Seed::S000);
    let items = doc.duties.items.len();
    let mut app = App::new(doc, None, false);
    app.queue(Command::Select(Section::Duties));
    let mut h = harness(app);
    h.run();
    h.get_by_label("删除职责第1项").click();
    h.run();
    for redo in [Modifiers::COMMAND | Modifiers::SHIFT, Modifiers::COMMAND] {
        let key = if redo.shift { egui::Key::Z } else { egui::Key::Y };
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
        h.run();
        assert_eq!(h.state().doc().duties.items.len(), items);
        h.key_press_modifiers(redo, key);
        h.run();
        assert_eq!(h.state().doc().duties.items.len(), items - 1, "redo with {redo:?}+{key:?}");
    }
}

#[test]
fn a_collapsed_navigation_group_stays_collapsed_next_time() {
    let conf = tempfile::tempdir().unwrap();
    let app = || {
        App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false)
            .with_config_dir(Some(conf.path().to_path_buf()))
    };
    let mut h = harness(app());
    h.run();
    assert!(h.query_by_label("表1 部门预算收支总表").is_some());
    // The group's arrow, left of its title.
    let title = h.get_by_label("公开表格（九张表）").rect();
    let arrow = Pos2::new(title.left() - 8.0, title.center().y);
    h.hover_at(arrow);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: arrow,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert!(h.query_by_label("表1 部门预算收支总表").is_none(), "collapsed");
    drop(h);
    let mut again = harness(app());
    again.run();
    assert!(again.query_by_label("表1 部门预算收支总表").is_none(), "still collapsed after a restart");
    assert!(again.query_by_label("部门职责").is_some(), "other groups stay open");
    // The section shown stays in sight in its collapsed group.
    again.state_mut().queue(Command::Select(Section::Table(3)));
    again.run();
    assert!(again.query_by_role_and_label(egui::accesskit::Role::Button, "表3 部门预算支出总表").is_some());
    assert!(again.query_by_label("表1 部门预算收支总表").is_none());
}

#[test]
fn the_findings_panel_keeps_the_size_it_was_dragged_to() {
    let conf = tempfile::tempdir().unwrap();
    let app = || App::new(samples::load(Seed::S000), None, false).with_config_dir(Some(conf.path().to_path_buf()));
    let mut h = harness(app());
    h.run();
    let title = h.get_by_label("检查结果").rect();
    // The panel's top edge, just above its title; drag it 200 px up.
    let edge = Pos2::new(700.0, title.top() - 6.0);
    h.hover_at(edge);
    h.run();
    h.drag_at(edge);
    h.run();
    for step in 1..=10 {
        h.hover_at(edge - Vec2::new(0.0, 20.0 * step as f32));
        h.run();
    }
    h.drop_at(edge - Vec2::new(0.0, 200.0));
    h.run();
    let moved = h.get_by_label("检查结果").rect().top();
    assert!(title.top() - moved > 150.0, "the panel grew: {} → {moved}", title.top());
    drop(h);
    let mut again = harness(app());
    again.run();
    let top = again.get_by_label("检查结果").rect().top();
    assert!((top - moved).abs() < 2.0, "remembered: {top} vs {moved}");
}

#[test]
fn a_jump_to_an_indicator_field_scrolls_the_projects_form_and_grid_to_it() {
    let doc = samples::load(Seed::S001);
    let (p, project) = doc.performance.projects.iter().enumerate().max_by_key(|(_, p)| p.indicators.len()).unwrap();
    let k = project.indicators.len() - 1;
    assert!(k >= 4, "a project with many indicators");
    let mut app = App::new(doc.clone(), None, false);
    app.queue(Command::JumpTo(Location::sub(Section::Projects, p, k, "basis")));
    let mut h = harness(app);
    h.run();
    let field = h.get_by_label(&format!("项目{} 指标{} 指标值确定依据", p + 1, k + 1)).rect();
    assert!(field.top() > 60.0 && field.bottom() < 600.0, "in the form's view: {field:?}");
    assert!(field.left() > 300.0 && field.right() <= 1366.0, "scrolled sideways into view: {field:?}");
}

#[test]
fn the_deletion_notice_names_what_was_deleted() {
    let doc = samples::load(Seed::S001);
    let row = 2;
    let name = doc.budget.economic_lines[row - 1].name.clone();
    let mut app = App::new(doc, None, false);
    app.queue(Command::Select(Section::EconomicLines));
    let mut h = harness(app);
    h.run();
    h.get_by_label(&format!("删除经济分类第{row}行")).click_accesskit();
    h.run();
    let text = h.state().notice().map(|n| n.text.clone()).unwrap_or_default();
    assert_eq!(text, format!("已删除经济分类第{row}行（{name}）"));
}

#[test]
fn importing_without_a_portal_browses_for_workbooks() {
    let app = App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false)
        .with_file_chooser(Box::new(NoSystemChooser));
    let mut h = browser_harness(app);
    h.run();
    h.state_mut().queue(Command::ImportExcel);
    h.run();
    let request = h.state().file_browser().cloned().expect("the in-app browser is open");
    assert_eq!(request.ext, "xlsx");
    assert!(request.also.iter().any(|e| e == "xls") && request.also.iter().any(|e| e == "ods"));
    assert!(!request.save);
}
