//! The application shell driven headlessly through its accessibility tree.

mod common;

use common::app_harness as harness;

use budget_disclosure::app::{App, Command};
use budget_disclosure::model::{Disclosure, Institution};
use budget_disclosure::rules::{Finding, Location, Section, Severity};
use budget_disclosure::ui::shell::files::{FileChooser, FileRequest, Picked};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A rule set of known shape: every unnamed institution is an 错误, a department
/// without a code is a 警告.
fn known_rules(doc: &Disclosure) -> Vec<Finding> {
    let mut findings: Vec<Finding> = doc
        .institutions
        .iter()
        .enumerate()
        .filter(|(_, i)| i.name.trim().is_empty())
        .map(|(row, _)| {
            Finding::new(
                "T-INS-001",
                Severity::Error,
                Location::cell(Section::Institutions, row, "name"),
                "单位名称为空",
            )
        })
        .collect();
    if doc.header.department_code.is_empty() {
        findings.push(Finding::new(
            "T-HDR-001",
            Severity::Warning,
            Location::field(Section::Header, "department_code"),
            "未填写部门编码",
        ));
    }
    findings
}

fn draft_with_two_unnamed_institutions() -> Disclosure {
    let mut doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    doc.institutions = vec![
        Institution { name: "测试部门机关".into(), nature: "行政".into(), ..Institution::default() },
        Institution::default(),
        Institution::default(),
    ];
    doc
}

/// The count shown by the navigation badge named `name` ("机构设置 错误"), if any.
fn badge(h: &Harness<'_, App>, name: &str) -> Option<String> {
    let prefix = format!("{name} ");
    let node = h.query_by(|n| n.label().is_some_and(|l| l.starts_with(&prefix)))?;
    let shown = node.accesskit_node().value().unwrap_or_default().trim().to_owned();
    let named = node.accesskit_node().label().unwrap_or_default();
    assert_eq!(named, format!("{prefix}{shown}"), "the badge's name and text agree");
    Some(shown)
}

#[test]
fn navigation_click_selects_the_section() {
    let app = App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false);
    let mut h = harness(app);
    h.run();
    assert_eq!(h.state().section(), Section::Header);
    // The 2024 template lists the tables first; the 三公 form is further down.
    h.get_by_label("“三公”经费").scroll_to_me();
    h.run();
    h.get_by_label("“三公”经费").click();
    h.run();
    assert_eq!(h.state().section(), Section::ThreePublic);
    let table6 = h.get_by_label("表6 一般公共预算财政拨款基本支出表");
    table6.scroll_to_me();
    h.run();
    h.get_by_label("表6 一般公共预算财政拨款基本支出表").click();
    h.run();
    assert_eq!(h.state().section(), Section::Table(6));
}

#[test]
fn badges_count_the_findings_of_each_section() {
    let app = App::new(draft_with_two_unnamed_institutions(), None, false).with_validator(known_rules);
    let mut h = harness(app);
    h.run();
    assert_eq!(badge(&h, "机构设置 错误").as_deref(), Some("2"));
    assert_eq!(badge(&h, "封面信息 警告").as_deref(), Some("1"));
    assert_eq!(badge(&h, "机构设置 警告"), None);
    assert_eq!(badge(&h, "部门职责 错误"), None);
    // The status line and the findings filter count them too.
    assert_eq!(h.query_all_by_label("错误 2").count(), 2);
    assert_eq!(h.query_all_by_label("警告 1").count(), 2);
}

#[test]
fn clicking_a_finding_jumps_to_its_field() {
    let app = App::new(draft_with_two_unnamed_institutions(), None, false).with_validator(known_rules);
    let mut h = harness(app);
    h.run();
    assert_eq!(h.state().section(), Section::Header);
    h.get_by_label_contains("第一部分 机构设置 第3行 名称：单位名称为空").click();
    h.step();
    assert_eq!(h.state().section(), Section::Institutions);
    assert_eq!(h.state().focus(), Some(&Location::cell(Section::Institutions, 2, "name")));
    // The highlight fades after a while; the section stays selected.
    for _ in 0..20 {
        h.step();
    }
    assert_eq!(h.state().focus(), None);
    assert_eq!(h.state().section(), Section::Institutions);
}

#[test]
fn a_corrupt_file_shows_where_and_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("坏文件.ron");
    std::fs::write(&bad, "(\n  format_version: 1,\n  header: (year: \"abc\"),\n)").unwrap();
    let doc = draft_with_two_unnamed_institutions();
    let mut h = harness(App::new(doc.clone(), None, false));
    h.run();
    h.state_mut().queue(Command::OpenPath(bad.clone()));
    h.run();
    let message = h.get_by_label_contains("坏文件.ron 第 3 行");
    let text = message.accesskit_node().value().unwrap_or_default();
    assert!(text.contains("坏文件.ron") && text.contains("列"), "{text}");
    assert_eq!(h.state().doc(), &doc);
    assert_eq!(h.state().path(), None);
    h.get_by_label("确定").click();
    h.run();
    assert!(h.query_by_label_contains("坏文件.ron 第 3 行").is_none());
}

/// Gives the app a file `name` holding `bytes` through `command` (open, import): it
/// says `message` and keeps the draft it had.
fn assert_refused(name: &str, bytes: &[u8], command: fn(std::path::PathBuf) -> Command, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    let mut h = harness(App::new(doc.clone(), None, false));
    h.state_mut().queue(command(file));
    h.run();
    assert!(h.query_by_label_contains(message).is_some(), "{name}: no “{message}”");
    assert_eq!(h.state().doc(), &doc);
}

#[test]
fn a_newer_file_is_refused_the_same_way() {
    assert_refused("newer.ron", b"(format_version: 99)", Command::OpenPath, "更新版本");
}

#[test]
fn opening_a_good_file_replaces_the_draft_and_save_writes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("甲.ron");
    let other = Disclosure::new("另一个部门", 2026, "hebei-2020-parts");
    budget_disclosure::store::save(&path, &other).unwrap();
    let mut h = harness(App::new(draft_with_two_unnamed_institutions(), None, false));
    h.state_mut().queue(Command::OpenPath(path.clone()));
    h.run();
    assert_eq!(h.state().doc(), &other);
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(h.query_by_label("甲.ron").is_some(), "the status line names the file");
    h.state_mut().queue(Command::Save);
    h.run();
    assert!(budget_disclosure::store::backup_path(&path).exists(), "saved through store::save");
    assert!(!h.state().is_dirty());
}

/// The department field of the header form.
fn department_field<'a>(h: &'a Harness<'_, App>) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "部门名称")
}

/// Types `text` at the end of the department field, as the officer does.
fn type_department(h: &mut Harness<'_, App>, text: &str) {
    department_field(h).focus();
    h.run();
    department_field(h).type_text(text);
    h.run();
}

#[test]
fn undo_and_redo_restore_the_draft() {
    let original = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    let mut h = harness(App::new(original.clone(), None, false));
    h.run();
    type_department(&mut h, "办公室");
    let edited = h.state().doc().clone();
    assert_eq!(edited.header.department, "测试部门办公室");
    assert!(h.state().is_dirty());

    // The keystrokes were one step: one undo restores the original, which is saved.
    h.state_mut().queue(Command::Undo);
    h.run();
    assert_eq!(h.state().doc(), &original);
    assert!(!h.state().is_dirty());
    h.state_mut().queue(Command::Redo);
    h.run();
    assert_eq!(h.state().doc(), &edited);

    // The same through the keyboard (the field still has the focus).
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc(), &original);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(h.state().doc(), &edited);
}

#[test]
fn review_mode_refuses_edits() {
    let original = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    let mut h = harness(App::new(original.clone(), None, true));
    h.run();
    assert!(h.query_by_label("审阅模式（只读）").is_some(), "the banner says so");
    // The department is shown as text, not in an input box.
    assert!(h.query_by_role_and_label(egui::accesskit::Role::TextInput, "部门名称").is_none());
    assert_eq!(
        h.get_by_role_and_label(egui::accesskit::Role::Paragraph, "部门名称").value().as_deref(),
        Some("测试部门")
    );
    h.get_by_role_and_label(egui::accesskit::Role::Paragraph, "部门名称").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Paragraph, "部门名称").type_text("改动");
    h.run();
    assert_eq!(h.state().doc(), &original);
    assert!(!h.state().is_dirty());
    h.state_mut().queue(Command::Save);
    h.run();
    assert!(h.query_by_label_contains("审阅模式下不能保存").is_some());
    assert_eq!(h.state().path(), None);
}

#[test]
fn new_asks_about_unsaved_changes_first() {
    let original = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    let mut h = harness(App::new(original.clone(), None, false));
    h.run();
    type_department(&mut h, "甲");
    let edited = h.state().doc().clone();

    h.state_mut().queue(Command::New);
    h.run();
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().doc(), &edited, "cancel keeps the edits");

    h.state_mut().queue(Command::New);
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "新草稿的部门名称").focus();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "新草稿的部门名称").type_text("新部门");
    h.run();
    h.get_by_label("创建").click();
    h.run();
    assert_eq!(h.state().doc().header.department, "新部门");
    assert_eq!(h.state().doc().header.year, 2025);
    assert_eq!(h.state().section(), Section::Header);
}

#[test]
fn unsaved_edits_get_a_recovery_copy_that_is_offered_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let file = dir.path().join("草稿.ron");
    let original = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    budget_disclosure::store::save(&file, &original).unwrap();
    let key = budget_disclosure::app::RecoveryKey::for_file(&file);
    let recovery = config.join("recovery").join(format!("{}.ron", key.as_str()));

    let app = App::new(original.clone(), Some(file.clone()), false).with_config_dir(Some(config.clone()));
    let mut h = slow_harness(app);
    h.run();
    type_department(&mut h, "办公室");
    assert!(!recovery.exists(), "not before a minute has passed");
    for _ in 0..14 {
        h.step();
    }
    assert!(recovery.exists(), "a recovery copy after a minute of unsaved edits");
    let edited = h.state().doc().clone();

    // The next start offers it.
    let mut restarted = App::new(original.clone(), Some(file.clone()), false).with_config_dir(Some(config.clone()));
    restarted.offer_recovery();
    let mut h2 = harness(restarted);
    h2.run();
    assert!(h2.query_by_label_contains("已自动保存了一份恢复副本").is_some());
    h2.get_by_label("恢复").click();
    h2.run();
    assert_eq!(h2.state().doc(), &edited);
    assert_eq!(h2.state().path(), Some(file.as_path()));
    assert!(h2.state().is_dirty());

    // Saving removes the copy.
    h2.state_mut().queue(Command::Save);
    h2.run();
    assert!(!recovery.exists());
    assert_eq!(budget_disclosure::store::load(&file).unwrap(), edited);
}

/// Creates a new draft through the 新建… dialog (an unsaved draft).
fn create_draft(h: &mut Harness<'_, App>, department: &str) {
    h.state_mut().queue(Command::New);
    h.run();
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "新草稿的部门名称");
    field.focus();
    field.type_text(department);
    h.run();
    h.get_by_label("创建").click();
    h.run();
}

/// The commands the app sent to the window in the last frame.
fn window_commands(h: &Harness<'_, App>) -> Vec<egui::ViewportCommand> {
    h.output().viewport_output.get(&egui::ViewportId::ROOT).map(|v| v.commands.clone()).unwrap_or_default()
}

fn request_close(h: &mut Harness<'_, App>) {
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    h.step();
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut h = harness(App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false));
    h.run();
    create_draft(&mut h, "新部门");
    assert_eq!(h.state().doc().header.department, "新部门");
    assert!(h.state().is_dirty(), "a new draft is unsaved");

    request_close(&mut h);
    assert!(window_commands(&h).contains(&egui::ViewportCommand::CancelClose));
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_none());
    assert_eq!(h.state().doc().header.department, "新部门");

    request_close(&mut h);
    h.run();
    h.get_by_label("不保存").click();
    h.step();
    assert!(window_commands(&h).contains(&egui::ViewportCommand::Close));
}

#[test]
fn a_clean_draft_closes_without_asking() {
    let mut h = harness(App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false));
    h.run();
    request_close(&mut h);
    assert!(!window_commands(&h).contains(&egui::ViewportCommand::CancelClose));
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_none());
}

#[test]
fn pdf_export_of_a_draft_with_errors_asks_first() {
    let app = App::new(draft_with_two_unnamed_institutions(), None, false).with_validator(known_rules);
    let mut h = harness(app);
    h.run();
    h.state_mut().queue(Command::ExportPdf);
    h.run();
    assert!(h.query_by_label_contains("草稿仍有 2 条错误").is_some());
    assert!(h.query_by_label("仍然导出…").is_some());
    assert!(h.query_by_label("带“草稿”水印导出…").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert!(h.query_by_label_contains("草稿仍有").is_none());
}

#[test]
fn the_new_draft_dialog_checks_the_year() {
    let mut h = harness(App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false));
    h.state_mut().queue(Command::New);
    h.run();
    let year = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "新草稿的预算年度");
    year.focus();
    year.type_text("x");
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "新草稿的部门名称").focus();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "新草稿的部门名称").type_text("乙部门");
    h.run();
    h.get_by_label("创建").click();
    h.run();
    assert!(h.query_by_label_contains("预算年度“2025x”无效").is_some());
    assert_eq!(h.state().doc().header.department, "测试部门", "nothing created");
}

#[test]
fn the_real_rules_drive_badges_status_and_jumps() {
    use rust_decimal::Decimal;
    let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
    doc.summary.income.general_budget = Decimal::new(175087, 2);
    doc.summary.income.gov_fund = Decimal::new(18, 0);
    doc.summary.personnel = Decimal::new(28008, 2);
    doc.summary.public = Decimal::new(2569, 2);
    doc.summary.project = Decimal::new(14451, 1);
    let mut h = harness(App::new(doc, None, false));
    h.run();
    let findings = h.state().findings().to_vec();
    let imbalance = findings.iter().find(|f| f.rule == "R-INC-001").expect("收入总计 ≠ 支出总计 is found");
    assert_eq!(imbalance.severity, Severity::Error);
    let section = imbalance.location.section;
    let errors = findings.iter().filter(|f| f.location.section == section && f.severity == Severity::Error).count();
    assert_eq!(badge(&h, &format!("{} 错误", section.label())), Some(errors.to_string()));
    assert!(h.query_by_label("不平衡").is_some(), "the status line shows the imbalance");
    assert!(h.query_by_label("收入总计 1768.87 万元").is_some());
    assert!(h.query_by_label("支出总计 1750.87 万元").is_some());

    h.get_by_label_contains(&format!("R-INC-001  {}", imbalance.location)).click();
    h.step();
    assert_eq!(h.state().section(), section);
    assert_eq!(h.state().focus(), Some(&imbalance.location));
}

#[test]
fn excel_import_shows_a_preview_and_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let seed = budget_disclosure::samples::load(budget_disclosure::samples::Seed::S001);
    let book = dir.path().join("预算表.xlsx");
    let bytes = budget_disclosure::export::export(
        &seed,
        budget_disclosure::export::Format::Xlsx,
        &budget_disclosure::export::ExportOptions::default(),
    )
    .unwrap();
    std::fs::write(&book, bytes).unwrap();
    let path = dir.path().join("草稿.ron");
    let empty = Disclosure::new(&seed.header.department, 2024, "hebei-2024-tables");
    budget_disclosure::store::save(&path, &empty).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    let mut h = harness(App::new(empty.clone(), Some(path.clone()), false));
    h.run();
    h.state_mut().queue(Command::ImportPath(book));
    h.run();
    // The preview names the tables and what will be replaced; nothing changed yet.
    assert!(h.query_by_label_contains("表3 部门预算支出总表 — 导入 8 行").is_some());
    assert!(h.query_by_label_contains("功能分类明细：现有 0 行，替换为导入的 8 行").is_some());
    assert_eq!(h.state().doc(), &empty);
    h.get_by_label("导入").click();
    h.run();
    assert_eq!(h.state().doc().budget.function_lines, seed.budget.function_lines);
    assert_eq!(h.state().doc().budget.economic_lines, seed.budget.economic_lines);
    assert!(h.state().is_dirty());
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "the file is untouched until saved");
    // One undo step takes the whole import back.
    h.state_mut().queue(Command::Undo);
    h.run();
    assert_eq!(h.state().doc(), &empty);
    assert!(!h.state().is_dirty());
}

#[test]
fn a_bad_workbook_says_why_and_keeps_the_draft() {
    assert_refused("坏表.xlsx", b"not a workbook", Command::ImportPath, "无法读取 坏表.xlsx");
}

#[test]
fn confirming_carried_items_clears_their_notices_in_one_step() {
    let last = budget_disclosure::samples::load(budget_disclosure::samples::Seed::S001);
    let next = budget_disclosure::model::roll_forward(&last, 2025);
    let mut h = harness(App::new(next.clone(), None, false));
    h.run();
    assert!(h.state().findings().iter().any(|f| f.rule == "R-CAR-001"));
    h.state_mut().queue(Command::ConfirmCarried);
    h.run();
    assert!(h.state().doc().carried.items.is_empty());
    assert!(!h.state().findings().iter().any(|f| f.rule == "R-CAR-001"));
    h.state_mut().queue(Command::Undo);
    h.run();
    assert_eq!(h.state().doc(), &next);
}

#[test]
fn the_file_menu_offers_word_export() {
    let mut h = harness(App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false));
    h.run();
    h.get_by_label("文件").click();
    h.run();
    assert!(h.query_by_label("导出 PDF…").is_some());
    assert!(h.query_by_label("导出 Word…").is_some());
}

fn reception_this_year<'a>(h: &'a Harness<'_, App>) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "三公 公务接待费 本年预算")
}

#[test]
fn pending_invalid_input_is_an_error_marks_unsaved_and_blocks_a_silent_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("草稿.ron");
    let original = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    budget_disclosure::store::save(&file, &original).unwrap();
    let mut h = harness(App::new(original.clone(), Some(file.clone()), false));
    h.run();
    h.state_mut().queue(Command::Select(Section::ThreePublic));
    h.run();
    reception_this_year(&h).focus();
    h.run();
    // The focused field shows the exact value "0"; the typed text follows it.
    reception_this_year(&h).type_text("abc");
    h.run();

    // Nothing changed in the draft, but the app says so: ●, an 错误 finding at the field.
    assert_eq!(h.state().doc(), &original);
    assert!(h.state().is_dirty());
    let location = Location::cell(Section::ThreePublic, 3, "this_year");
    let finding = h.state().findings().iter().find(|f| f.rule == "R-INP-001").cloned().expect("a finding");
    assert_eq!((finding.severity, &finding.location), (Severity::Error, &location));
    assert!(finding.message.contains("abc"), "{}", finding.message);

    // Saving is refused with the field named; the file is untouched.
    let before = std::fs::read(&file).unwrap();
    h.state_mut().queue(Command::Save);
    h.run();
    assert!(h.query_by_label_contains("无法保存").is_some());
    assert!(h.query_by_label_contains("以下 1 处输入无法识别").is_some());
    let listed = h.get_by_label_contains("以下 1 处输入无法识别").value().unwrap_or_default();
    assert!(listed.contains("· 第四部分 “三公”经费 第4行 本年预算：“0abc”"), "{listed}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    h.get_by_label("确定").click();
    h.run();

    // Closing the window asks, naming the input.
    request_close(&mut h);
    assert!(window_commands(&h).contains(&egui::ViewportCommand::CancelClose));
    h.run();
    assert!(h.query_by_label_contains("以下输入无法识别").is_some());

    // Fixing the text clears the finding; the value is taken and saving works.
    h.get_by_label("确定").click();
    h.run();
    h.get_by_label("取消").click();
    h.run();
    reception_this_year(&h).focus();
    h.run();
    for _ in 0.."0abc".len() {
        h.key_press(egui::Key::Backspace);
        h.run();
    }
    reception_this_year(&h).type_text("12.5");
    h.run();
    assert!(h.state().findings().iter().all(|f| f.rule != "R-INP-001"));
    assert!(h.state().pending_inputs().is_empty());
    h.state_mut().queue(Command::Save);
    h.run();
    assert!(!h.state().is_dirty());
    let saved = budget_disclosure::store::load(&file).unwrap();
    assert_eq!(saved.three_public.reception.this_year, rust_decimal::Decimal::new(125, 1));
}

#[test]
fn closing_during_the_recovery_prompt_keeps_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let file = dir.path().join("草稿.ron");
    let original = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    budget_disclosure::store::save(&file, &original).unwrap();
    let mut edited = original.clone();
    edited.header.department = "测试部门办公室".into();
    // A crashed instance left its copy.
    let key = budget_disclosure::app::RecoveryKey::for_file(&file);
    budget_disclosure::app::write_recovery(&config, &key, &edited, Some(&file)).unwrap();
    let copies = || std::fs::read_dir(config.join("recovery")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(copies(), 2);

    let mut app = App::new(original.clone(), Some(file.clone()), false).with_config_dir(Some(config.clone()));
    app.offer_recovery();
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label_contains("已自动保存了一份恢复副本").is_some());
    request_close(&mut h);
    assert!(!window_commands(&h).contains(&egui::ViewportCommand::CancelClose));
    // The window closes: eframe calls on_exit.
    let mut app = h.into_state();
    eframe::App::on_exit(&mut app, None);
    assert_eq!(copies(), 2, "the copy is kept until the user decides");

    // The next start offers it again; 恢复 brings the edits back.
    let mut app = App::new(original.clone(), Some(file.clone()), false).with_config_dir(Some(config.clone()));
    app.offer_recovery();
    let mut h = harness(app);
    h.run();
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(h.state().doc(), &edited);
    assert!(h.state().is_dirty());
}

#[test]
fn the_export_dialog_never_writes_over_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("草稿.ron");
    let doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    budget_disclosure::store::save(&file, &doc).unwrap();
    let before = std::fs::read(&file).unwrap();
    // The user picks the draft itself as the export's target.
    struct PicksTheDraft(std::path::PathBuf);
    impl FileChooser for PicksTheDraft {
        fn choose(&mut self, _request: &FileRequest) -> Picked {
            Picked::Path(self.0.clone())
        }
    }
    let app = App::new(doc, Some(file.clone()), false).with_file_chooser(Box::new(PicksTheDraft(file.clone())));
    let mut h = harness(app);
    h.run();
    h.state_mut().queue(Command::ExportText);
    h.run();
    assert!(h.query_by_label_contains("就是草稿本身").is_some());
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// A harness whose frames are 5 s apart, so the autosave minute passes in 13 frames.
fn slow_harness(app: App) -> Harness<'static, App> {
    common::app_harness_with(app, |b| b.with_step_dt(5.0))
}

#[test]
fn one_window_saving_or_closing_leaves_the_others_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let mut windows = Vec::new();
    for name in ["甲.ron", "乙.ron"] {
        let file = dir.path().join(name);
        let doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
        budget_disclosure::store::save(&file, &doc).unwrap();
        let app = App::new(doc, Some(file.clone()), false).with_config_dir(Some(config.clone()));
        let mut h = slow_harness(app);
        h.run();
        type_department(&mut h, "办公室");
        for _ in 0..14 {
            h.step();
        }
        windows.push((h, file));
    }
    let copy_of = |file: &std::path::Path| {
        let key = budget_disclosure::app::RecoveryKey::for_file(file);
        config.join("recovery").join(format!("{}.ron", key.as_str()))
    };
    let (mut first, first_file) = windows.remove(0);
    let (second, second_file) = windows.remove(0);
    assert!(copy_of(&first_file).exists() && copy_of(&second_file).exists());

    first.state_mut().queue(Command::Save);
    first.run();
    assert!(!copy_of(&first_file).exists(), "a save removes its own copy");
    assert!(copy_of(&second_file).exists(), "and only its own");
    let mut first = first.into_state();
    eframe::App::on_exit(&mut first, None);
    assert!(copy_of(&second_file).exists(), "a clean exit of another window keeps it");
    drop(second);
}

#[test]
fn every_new_autosave_failure_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("blocker");
    let config = blocker.join("config");
    std::fs::write(&blocker, "a file where the config folder should be").unwrap();
    let app = App::new(Disclosure::new("测试部门", 2025, "hebei-2024-tables"), None, false)
        .with_config_dir(Some(config.clone()));
    let mut h = slow_harness(app);
    h.run();
    let edit_and_wait = |h: &mut Harness<'_, App>, text: &str| {
        type_department(h, text);
        for _ in 0..14 {
            h.step();
        }
    };
    edit_and_wait(&mut h, "一");
    assert!(h.query_by_label("自动保存失败").is_some(), "the first failure is told");
    // Frames 5 s apart make a click a long press: dismiss with Escape.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("自动保存失败").is_none(), "dismissed");

    // The folder becomes writable: the next copy succeeds.
    std::fs::remove_file(&blocker).unwrap();
    edit_and_wait(&mut h, "二");
    assert!(h.query_by_label("自动保存失败").is_none());
    assert!(config.join("recovery").read_dir().unwrap().count() > 0);

    // It fails again later: told again.
    std::fs::remove_dir_all(&blocker).unwrap();
    std::fs::write(&blocker, "blocked again").unwrap();
    edit_and_wait(&mut h, "三");
    assert!(h.query_by_label("自动保存失败").is_some(), "a new failure is told again");
}

#[test]
fn a_panic_in_the_window_writes_the_unsaved_edits_as_a_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let file = dir.path().join("草稿.ron");
    let doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    budget_disclosure::store::save(&file, &doc).unwrap();
    let app = App::new(doc.clone(), Some(file.clone()), false).with_config_dir(Some(config.clone())).with_crash_copy();
    let mut h = harness(app);
    h.run();
    type_department(&mut h, "办公室");
    let edited = h.state().doc().clone();
    // What the panic hook does, before any autosave minute has passed.
    let caught = std::panic::catch_unwind(|| panic!("a bug"));
    assert!(caught.is_err());
    let mut restarted = App::new(doc, Some(file.clone()), false).with_config_dir(Some(config.clone()));
    restarted.offer_recovery();
    let mut h2 = harness(restarted);
    h2.run();
    h2.get_by_label("恢复").click();
    h2.run();
    assert_eq!(h2.state().doc(), &edited);
    // Saved: nothing is kept for a crash any more.
    h.state_mut().queue(Command::Save);
    h.run();
    assert!(!h.state().is_dirty());
}
