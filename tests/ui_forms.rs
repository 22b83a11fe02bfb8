//! The editing forms, driven headless through the accessibility tree as a user would:
//! find a field by its label, type, and check the draft and the findings.

use std::str::FromStr;

use budget_disclosure::model::{Disclosure, EconomicLine, FunctionLine};
use budget_disclosure::rules::{self, Finding, Location, Section};
use budget_disclosure::samples::{self, Seed};
use budget_disclosure::ui::{self, EditBuffers, FormCtx};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rust_decimal::Decimal;

/// What the app keeps around a form: the draft, pending inputs, the current findings.
struct State {
    doc: Disclosure,
    edits: EditBuffers,
    findings: Vec<Finding>,
    section: Section,
    read_only: bool,
    focus: Option<Location>,
    changed: bool,
}

impl State {
    fn new(doc: Disclosure, section: Section) -> Self {
        State {
            doc,
            edits: EditBuffers::default(),
            findings: Vec::new(),
            section,
            read_only: false,
            focus: None,
            changed: false,
        }
    }

    fn has_finding(&self, rule: &str, loc: &Location) -> bool {
        self.findings.iter().any(|f| f.rule == rule && f.location == *loc)
    }
}

fn harness(state: State) -> Harness<'static, State> {
    Harness::builder()
        .with_size([1366.0, 900.0])
        .with_max_steps(24)
        .with_context_setup(ui::fonts::install)
        .build_ui_state(
            |ui, s: &mut State| {
                s.findings = rules::validate(&s.doc);
                let mut ctx = FormCtx {
                    findings: &s.findings,
                    focus: s.focus.as_ref(),
                    read_only: s.read_only,
                    edits: &mut s.edits,
                    changed: false,
                    compared: &[],
                };
                ui::section_ui(ui, s.section, &mut s.doc, &mut ctx);
                s.changed |= ctx.changed;
            },
            state,
        )
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Replaces the text of the input labelled `label` (as pasting over a selection does).
fn set_text(h: &mut Harness<'_, State>, label: &str, text: &str) {
    h.get_by_label(label).set_text_value_accesskit(text);
    h.run();
}

/// Every section with a form of its own (the nine tables aside).
const FORM_SECTIONS: [Section; 17] = [
    Section::Header,
    Section::Duties,
    Section::Institutions,
    Section::Offices,
    Section::FunctionLines,
    Section::EconomicLines,
    Section::Summary,
    Section::RunningCosts,
    Section::ThreePublic,
    Section::Performance,
    Section::SubGoals,
    Section::Measures,
    Section::Projects,
    Section::Procurement,
    Section::Assets,
    Section::Glossary,
    Section::OtherMatters,
];

const RECEPTION_THIS_YEAR: &str = "三公 公务接待费 本年预算";

#[test]
fn three_public_amount_changes_the_model_and_the_findings() {
    let mut h = harness(State::new(samples::load(Seed::S000), Section::ThreePublic));
    h.run();
    let reason = Location::cell(Section::ThreePublic, 3, "reason");
    assert_eq!(h.state().doc.three_public.reception.this_year, Decimal::ZERO);
    assert!(!h.state().has_finding("R-TPB-003", &reason), "the sample's 接待费 has no change");

    // 12.5 against last year's 0 contradicts the reason "无增减变化".
    set_text(&mut h, RECEPTION_THIS_YEAR, "12.5");
    h.run();
    let s = h.state();
    assert_eq!(s.doc.three_public.reception.this_year, d("12.5"));
    assert_eq!(s.doc.three_public.total_this_year(), d("18.5"));
    assert!(s.changed);
    assert!(s.has_finding("R-TPB-003", &reason), "findings: {:#?}", s.findings);
    // The computed 合计 row shows the new total.
    assert!(h.query_by_label("18.50").is_some());

    // Fixing the figure removes the finding.
    set_text(&mut h, RECEPTION_THIS_YEAR, "0");
    h.run();
    assert_eq!(h.state().doc.three_public.reception.this_year, Decimal::ZERO);
    assert!(!h.state().has_finding("R-TPB-003", &reason));
}

#[test]
fn typed_full_width_amount_is_accepted() {
    let mut h = harness(State::new(samples::load(Seed::S000), Section::ThreePublic));
    h.run();
    let field = h.get_by_label(RECEPTION_THIS_YEAR);
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(RECEPTION_THIS_YEAR).type_text("１,２３４.５");
    h.run();
    assert_eq!(h.state().doc.three_public.reception.this_year, d("1234.5"));
    assert!(h.state().edits.texts.is_empty());
    assert!(h.query_by_label_contains("不是有效的金额").is_none());
}

#[test]
fn invalid_amount_stays_visible_and_keeps_the_old_value() {
    let mut h = harness(State::new(samples::load(Seed::S000), Section::ThreePublic));
    h.run();
    let label = "三公 公务用车运行维护费 本年预算";
    assert_eq!(h.state().doc.three_public.car_running.this_year, d("6"));

    set_text(&mut h, label, "abc");
    h.run();
    // The model keeps its last good value, never 0.
    assert_eq!(h.state().doc.three_public.car_running.this_year, d("6"));
    assert_eq!(h.state().edits.texts.len(), 1);
    assert!(h.query_by_label_contains("“abc”不是有效的金额").is_some());
    assert_eq!(h.get_by_label(label).value().as_deref(), Some("abc"));

    // Correcting it applies the value and clears the message.
    set_text(&mut h, label, "7.25");
    h.run();
    assert_eq!(h.state().doc.three_public.car_running.this_year, d("7.25"));
    assert!(h.state().edits.texts.is_empty());
    assert!(h.query_by_label_contains("不是有效的金额").is_none());
}

#[test]
fn empty_required_amount_is_zero_and_empty_optional_amount_is_none() {
    let mut doc = samples::load(Seed::S000);
    doc.summary.last_basic = Some(d("303.44"));
    let mut h = harness(State::new(doc, Section::Summary));
    h.run();
    set_text(&mut h, "上年基本支出", "");
    assert_eq!(h.state().doc.summary.last_basic, None);
    // With no 功能分类 lines the summary figures are inputs.
    set_text(&mut h, "收支总体情况 人员经费", "");
    assert_eq!(h.state().doc.summary.personnel, Decimal::ZERO);
    set_text(&mut h, "收支总体情况 人员经费", "12.5万元");
    assert_eq!(h.state().doc.summary.personnel, d("12.5"));
}

#[test]
fn new_project_indicator_levels_come_from_the_framework() {
    let mut h = harness(State::new(samples::load(Seed::S000), Section::Projects));
    h.run();
    let before = h.state().doc.performance.projects.len();
    h.get_by_label("新增项目").click();
    h.run();
    assert_eq!(h.state().doc.performance.projects.len(), before + 1);
    let n = before + 1;

    set_text(&mut h, &format!("项目{n} 项目名称"), "社区便民服务");
    h.get_by_label("新增指标").click();
    h.run();
    let p = &h.state().doc.performance.projects[before];
    assert_eq!(p.name, "社区便民服务");
    assert_eq!(p.indicators.len(), 1);

    h.get_by_label(&format!("项目{n} 指标1 一级指标")).click();
    h.run();
    h.get_by_label("产出指标").click();
    h.run();
    h.get_by_label(&format!("项目{n} 指标1 二级指标")).click();
    h.run();
    // Only the 二级 names of 产出指标 are offered.
    assert!(h.query_by_label("社会效益指标").is_none());
    h.get_by_label("数量指标").click();
    h.run();
    set_text(&mut h, &format!("项目{n} 指标1 指标值"), "≥90%");

    let ind = &h.state().doc.performance.projects[before].indicators[0];
    assert_eq!(ind.level1, "产出指标");
    assert_eq!(ind.level2, "数量指标");
    assert_eq!(ind.value, "≥90%");
    // How the value was read is shown next to it.
    assert!(h.query_by_label_contains("定量：≥90 %").is_some());

    // Budget = 财政资金 + 其他资金, computed.
    set_text(&mut h, &format!("项目{n} 财政资金"), "10");
    set_text(&mut h, &format!("项目{n} 其他资金"), "2.5");
    assert_eq!(h.state().doc.performance.projects[before].budget(), Some(d("12.5")));
    assert!(h.query_by_label("12.50").is_some());

    // Duplicating copies the whole table and selects the copy.
    h.get_by_label("复制所选项目").click();
    h.run();
    let projects = &h.state().doc.performance.projects;
    assert_eq!(projects.len(), before + 2);
    assert_eq!(projects[before + 1].name, "社区便民服务（副本）");
    assert_eq!(projects[before + 1].indicators, projects[before].indicators);
    assert!(h.query_by_label(&format!("项目{} 项目名称", before + 2)).is_some());
}

#[test]
fn a_finding_focus_on_a_project_selects_it() {
    let mut state = State::new(samples::load(Seed::S000), Section::Projects);
    state.focus = Some(Location::sub(Section::Projects, 3, 0, "value"));
    let name = state.doc.performance.projects[3].name.clone();
    let mut h = harness(state);
    h.run();
    assert!(h.query_by_label(&format!("项目4：{name}")).is_some());
    assert!(h.query_by_label("项目4 指标1 指标值").is_some());
}

#[test]
fn function_code_fills_the_name() {
    let mut doc = samples::load(Seed::S000);
    doc.budget.function_lines.push(FunctionLine::default());
    let mut h = harness(State::new(doc, Section::FunctionLines));
    h.run();
    set_text(&mut h, "功能分类第1行 科目编码", "2010301");
    assert_eq!(h.state().doc.budget.function_lines[0].name, "行政运行");
    set_text(&mut h, "功能分类第1行 基本支出", "1,234.56");
    assert_eq!(h.state().doc.budget.function_lines[0].basic, d("1234.56"));
    // The picker searches the code list and fills code and name.
    h.get_by_label("功能分类第1行 选择编码").click();
    h.run();
    set_text(&mut h, "功能分类第1行 查找", "20103");
    h.get_by_label_contains("2010302 一般行政管理事务").click();
    h.run();
    let line = &h.state().doc.budget.function_lines[0];
    assert_eq!((line.code.as_str(), line.name.as_str()), ("2010302", "一般行政管理事务"));
    // A code that is in no list is marked next to the cell.
    set_text(&mut h, "功能分类第1行 科目编码", "2019998");
    assert!(h.query_by_label("未知编码").is_some());
}

#[test]
fn economic_code_fills_the_name_and_the_total_row_follows() {
    let mut doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
    doc.budget.economic_lines.push(EconomicLine::default());
    let mut h = harness(State::new(doc, Section::EconomicLines));
    h.run();
    assert!(h.query_by_label_contains("共 1 行").is_some());
    set_text(&mut h, "经济分类第1行 科目编码", "30101");
    assert_eq!(h.state().doc.budget.economic_lines[0].name, "基本工资");
    set_text(&mut h, "经济分类第1行 人员经费", "100.5");
    set_text(&mut h, "经济分类第1行 公用经费", "20");
    let line = &h.state().doc.budget.economic_lines[0];
    assert_eq!((line.personnel, line.public), (d("100.5"), d("20")));
    // The line's 合计 and the 合计 row add the amounts up.
    assert_eq!(h.query_all_by_label("120.50").count(), 2);
    // The picker searches the economic list and fills code and name.
    h.get_by_label("经济分类第1行 选择编码").click();
    h.run();
    set_text(&mut h, "经济分类第1行 查找", "302");
    h.get_by_label_contains("30201 办公费").click();
    h.run();
    let line = &h.state().doc.budget.economic_lines[0];
    assert_eq!((line.code.as_str(), line.name.as_str()), ("30201", "办公费"));
    // A code the list lacks is marked next to the cell and named above the grid.
    set_text(&mut h, "经济分类第1行 科目编码", "30298");
    assert!(h.query_by_label("未知编码").is_some());
    assert!(h.query_by_label_contains("不在部门经济分类编码表中").is_some());
    // 新增科目行 adds a line.
    h.get_by_label("新增科目行").click();
    h.run();
    assert_eq!(h.state().doc.budget.economic_lines.len(), 2);
    assert!(h.state().changed);
}

#[test]
fn review_mode_shows_values_as_text_with_no_enabled_edit_control() {
    use egui::accesskit::Role;
    let mut doc = samples::load(Seed::S000);
    doc.budget.function_lines = samples::large_department().budget.function_lines.into_iter().take(5).collect();
    let pick_project: Vec<String> =
        doc.performance.projects.iter().enumerate().map(|(i, p)| format!("{}. {}", i + 1, p.name)).collect();
    let mut state = State::new(doc, Section::Header);
    state.read_only = true;
    let mut h = harness(state);
    for section in FORM_SECTIONS {
        h.state_mut().section = section;
        h.run();
        for role in [Role::TextInput, Role::MultilineTextInput] {
            let inputs: Vec<_> = h.query_all_by_role(role).map(|n| n.accesskit_node().label()).collect();
            assert!(inputs.is_empty(), "{section:?} shows input boxes in review mode: {inputs:?}");
        }
        for role in [Role::Button, Role::ComboBox, Role::CheckBox, Role::RadioButton] {
            let enabled: Vec<_> = h
                .query_all_by_role(role)
                .filter(|n| !n.accesskit_node().is_disabled())
                .map(|n| n.accesskit_node().label())
                // Choosing which project to look at is not editing.
                .filter(|l| !l.as_ref().is_some_and(|l| pick_project.contains(l)))
                .collect();
            assert!(enabled.is_empty(), "{section:?} has enabled edit controls in review mode: {enabled:?}");
        }
    }
    // The values are still there, as text with the field's name.
    h.state_mut().section = Section::ThreePublic;
    h.run();
    assert_eq!(h.get_by_label(RECEPTION_THIS_YEAR).value().as_deref(), Some("0.00"));
    assert!(h.query_by_label("全部金额换算为元").is_none());
    assert!(!h.state().changed);
}

#[test]
fn every_form_renders_every_sample_with_named_inputs() {
    // The harness panics on an input without an accessible name or a glyph no font has.
    let drafts = Seed::ALL.into_iter().map(samples::load).chain([samples::large_department()]);
    for doc in drafts {
        let before = doc.clone();
        let mut h = harness(State::new(doc, Section::Header));
        for section in FORM_SECTIONS.into_iter().chain((1..=9).map(Section::Table)) {
            h.state_mut().section = section;
            h.run();
            assert!(h.query_all_by_label(section.label()).next().is_some(), "{section:?} shows its title");
        }
        assert!(!h.state().changed, "looking at forms changes nothing");
        assert!(h.state().doc == before);
    }
}

#[test]
fn a_finding_focus_scrolls_a_long_grid_to_its_row() {
    let mut state = State::new(samples::large_department(), Section::FunctionLines);
    state.focus = Some(Location::cell(Section::FunctionLines, 350, "basic"));
    let mut h = harness(state);
    h.run();
    // Only the rows on screen exist; the focused one is among them.
    assert!(h.query_by_label("功能分类第351行 基本支出").is_some());
    assert!(h.query_by_label("功能分类第1行 基本支出").is_none());
}

#[test]
fn list_rows_move_and_go() {
    let mut h = harness(State::new(samples::load(Seed::S000), Section::Duties));
    h.run();
    let items = h.state().doc.duties.items.clone();
    assert!(items.len() >= 2);
    h.get_by_label("下移职责第1项").click();
    h.run();
    assert_eq!(h.state().doc.duties.items[0], items[1]);
    assert_eq!(h.state().doc.duties.items[1], items[0]);
    h.get_by_label("删除职责第1项").click();
    h.run();
    assert_eq!(h.state().doc.duties.items.len(), items.len() - 1);
    assert_eq!(h.state().doc.duties.items[0], items[0]);
    h.get_by_label("新增职责").click();
    h.run();
    assert_eq!(h.state().doc.duties.items.len(), items.len());
    assert_eq!(h.state().doc.duties.items.last().map(String::as_str), Some(""));
}

#[test]
fn switching_the_unit_can_convert_every_amount() {
    let mut h = harness(State::new(samples::load(Seed::S000), Section::Header));
    h.run();
    let expense = h.state().doc.figures().expense_total();
    h.get_by_label("全部金额换算为元").click();
    h.run();
    let doc = &h.state().doc;
    assert_eq!(doc.header.unit, budget_disclosure::model::AmountUnit::Yuan);
    assert_eq!(doc.three_public.car_running.this_year, d("60000"));
    assert_eq!(doc.figures().expense_total(), expense * d("10000"));
    // Picking the other unit alone only relabels.
    h.get_by_label("万元").click();
    h.run();
    assert_eq!(h.state().doc.three_public.car_running.this_year, d("60000"));
}

#[test]
fn standard_tables_show_the_printed_figures() {
    let mut h = harness(State::new(samples::load(Seed::S001), Section::Table(6)));
    h.run();
    // 表6 合计, 人员经费, 公用经费 of the published disclosure.
    for figure in ["706.36", "644.99", "61.36"] {
        assert!(h.query_all_by_label(figure).next().is_some(), "表6 shows {figure}");
    }
    // The header spans of the printed table are there too.
    assert!(h.query_by_label("支出部门经济分类科目").is_some());
    assert!(h.query_by_label("一般公共预算基本支出").is_some());

    h.state_mut().section = Section::Table(2);
    h.run();
    assert!(h.query_all_by_label("732.61").next().is_some(), "表2 shows its 合计");
    assert!(h.query_by_label("部门预算收入总表").is_some());
    assert!(h.query_by_label_contains("预算年度：").is_some(), "the template's captions are shown");
}

#[test]
fn every_gui_table_is_the_exported_table() {
    use budget_disclosure::export;
    let doc = samples::load(Seed::S001);
    let captions = export::standard_table_captions(&doc).unwrap();
    let tables = export::tables::standard_tables(&doc, &captions);
    let mut h = harness(State::new(doc, Section::Table(1)));
    for (n, table) in (1..=9).zip(&tables) {
        h.state_mut().section = Section::Table(n);
        h.run();
        assert!(h.query_by_label(&table.title).is_some(), "表{n} has the printed title");
        // Every header text and the first body rows' texts are on screen.
        for cell in table.header.iter().chain(table.rows.iter().take(5)).flatten() {
            let text = cell.text.trim();
            if !text.is_empty() {
                assert!(h.query_all_by_label(text).next().is_some(), "表{n} shows “{text}”");
            }
        }
    }
}

#[test]
fn glossary_reset_restores_the_template_entries() {
    use budget_disclosure::template;
    let mut doc = samples::load(Seed::S001);
    let defaults = template::find(&doc.header.template).unwrap().glossary.clone();
    assert!(!defaults.is_empty());
    doc.glossary = vec![budget_disclosure::model::GlossaryEntry {
        term: "自定义名词".into(),
        definition: "本部门自己的解释。".into(),
    }];
    let mut h = harness(State::new(doc, Section::Glossary));
    h.run();
    h.get_by_label("恢复模板默认").click();
    h.run();
    assert_eq!(h.state().doc.glossary, defaults);
    assert!(h.state().changed);
    assert_eq!(h.get_by_label("名词1").value().as_deref(), Some(defaults[0].term.as_str()));
    // Nothing left to restore: the button is off.
    assert!(h.get_by_label("恢复模板默认").accesskit_node().is_disabled());
}

#[test]
fn a_finding_focus_scrolls_a_standard_table_to_its_printed_row() {
    let doc = samples::large_department();
    let rows = doc.budget.function_rows(doc.header.year);
    assert!(rows.len() > 350);
    let (first, target) = (rows[0].code.clone(), rows[350].code.clone());
    let mut state = State::new(doc, Section::Table(3));
    state.focus = Some(Location::cell(Section::Table(3), 350, "total"));
    let mut h = harness(state);
    h.run();
    // Only the rows on screen are laid out; the focused row is among them.
    assert!(h.query_all_by_label(&target).next().is_some(), "row {target} is shown");
    assert!(h.query_all_by_label(&first).next().is_none(), "row {first} is scrolled away");
}

#[test]
fn an_input_error_never_moves_the_fields_below() {
    // A form field: the message takes the line kept under the field.
    let mut h = harness(State::new(samples::load(Seed::S000), Section::ThreePublic));
    h.run();
    let below = "三公 公务接待费 本年预算";
    let before = h.get_by_label(below).rect();
    set_text(&mut h, "三公 公务用车运行维护费 本年预算", "abc");
    h.run();
    assert!(h.query_by_label_contains("“abc”不是有效的金额").is_some());
    assert_eq!(h.get_by_label(below).rect(), before);

    // A grid cell: the message goes to the line above the grid, there before it.
    let mut h = harness(State::new(samples::load(Seed::S001), Section::FunctionLines));
    h.run();
    let below = "功能分类第2行 基本支出";
    let before = h.get_by_label(below).rect();
    set_text(&mut h, "功能分类第1行 基本支出", "12x");
    h.run();
    assert!(h.query_by_label_contains("“12x”不是有效的金额").is_some());
    assert_eq!(h.get_by_label(below).rect(), before);
    // So does a code typed that is not in the code list yet.
    set_text(&mut h, "功能分类第1行 科目编码", "2");
    h.run();
    assert_eq!(h.get_by_label(below).rect(), before);
}

#[test]
fn the_layout_section_rewords_a_template_heading_for_this_draft() {
    let mut h = harness(State::new(samples::load(Seed::S002), Section::Header));
    h.run();
    h.get_by_label("版式：本稿的标题和固定文字").click();
    h.run();
    h.get_by_label("改写：七、国有资产信息").click_accesskit();
    h.run();
    assert_eq!(h.state().doc.layout.replacement("七、国有资产信息"), Some("七、国有资产信息"));
    set_text(&mut h, "版式文字：七、国有资产信息", "7、国有资产情况");
    let state = h.state();
    assert!(state.changed);
    assert_eq!(state.doc.layout.replacement("七、国有资产信息"), Some("7、国有资产情况"));
    let laid_out = budget_disclosure::export::build(&state.doc).unwrap();
    let text = budget_disclosure::export::text::render(&laid_out);
    assert!(text.contains("7、国有资产情况") && !text.contains("七、国有资产信息"));
    // Unticking restores the template's heading.
    h.get_by_label("改写：七、国有资产信息").click_accesskit();
    h.run();
    assert_eq!(h.state().doc.layout.replacement("七、国有资产信息"), None);
}
