//! 第五部分 项目绩效目标表: the project list and, for the selected project, its full
//! performance-target table (funds, spend plan, goals, indicator grid).

use egui::{Grid, Id, RichText, Ui};

use crate::model::{Disclosure, Indicator, IndicatorValue, Level1, Project, SPEND_PLAN_LABELS, format_amount};
use crate::rules::{Location, Section, Severity};
use crate::ui::FormCtx;
use crate::ui::widgets::{self as w, RowAction};

const S: Section = Section::Projects;
const LIST_WIDTH: f32 = 300.0;

fn selected_id() -> Id {
    Id::unique("forms-selected-project")
}

fn focus_seen_id() -> Id {
    Id::unique("forms-project-focus-seen")
}

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(ui, "项目绩效目标表", "左侧选择项目，右侧填写其绩效目标表。预算数 = 财政资金 + 其他资金。");
    let projects = &mut doc.performance.projects;
    let mut selected = ui.data(|d| d.get_temp::<usize>(selected_id())).unwrap_or(0);

    // Jumping to a finding on a project selects it (once per jump).
    if let Some(focus) = ctx.focus.filter(|f| f.section == S) {
        let seen = ui.data(|d| d.get_temp::<Location>(focus_seen_id()));
        if seen.as_ref() != Some(focus) {
            if let Some(row) = focus.row {
                selected = row;
            }
            ui.data_mut(|d| d.insert_temp(focus_seen_id(), focus.clone()));
        }
    } else {
        ui.data_mut(|d| d.remove::<Location>(focus_seen_id()));
    }
    if !projects.is_empty() {
        selected = selected.min(projects.len() - 1);
    }

    // Worst finding per project, for the list's markers.
    let mut marks: Vec<Option<Severity>> = vec![None; projects.len()];
    for f in ctx.findings_in(S) {
        if let Some(slot) = f.location.row.and_then(|r| marks.get_mut(r)) {
            *slot = Some(slot.map_or(f.severity, |s| s.min(f.severity)));
        }
    }

    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(LIST_WIDTH);
            list_ui(ui, ctx, projects, &marks, &mut selected);
        });
        ui.separator();
        ui.vertical(|ui| {
            if let Some(project) = projects.get_mut(selected) {
                egui::ScrollArea::vertical().id_salt(("project-detail", selected)).auto_shrink([false, false]).show(
                    ui,
                    |ui| {
                        detail_ui(ui, ctx, selected, project, doc.header.unit);
                    },
                );
            } else {
                ui.label("还没有项目。点击“新增项目”开始填写。");
            }
        });
    });
    ui.data_mut(|d| d.insert_temp(selected_id(), selected));
}

fn list_ui(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    projects: &mut Vec<Project>,
    marks: &[Option<Severity>],
    selected: &mut usize,
) {
    let n = projects.len();
    let mut action: Option<RowAction> = None;
    ui.horizontal_wrapped(|ui| {
        if w::add_button(ui, ctx, "新增项目") {
            // Projects of one department mostly share the unit line above the table.
            let unit = projects.get(*selected).map(|p| p.unit.clone()).unwrap_or_default();
            projects.push(Project { unit, ..Project::default() });
            *selected = projects.len() - 1;
            ctx.changed = true;
        }
        let has = *selected < projects.len();
        if w::small_button(ui, !ctx.read_only && has, "复制", "复制所选项目") {
            action = Some(RowAction::Duplicate(*selected));
        }
        if w::small_button(ui, !ctx.read_only && has, "删除", "删除所选项目") {
            action = Some(RowAction::Remove(*selected));
        }
        if w::small_button(ui, !ctx.read_only && has && *selected > 0, "上移", "上移所选项目") {
            action = Some(RowAction::Up(*selected));
        }
        if w::small_button(ui, !ctx.read_only && *selected + 1 < n, "下移", "下移所选项目") {
            action = Some(RowAction::Down(*selected));
        }
    });
    let total = crate::model::saturating_sum(projects.iter().filter_map(Project::budget));
    ui.label(RichText::new(format!("共 {} 个项目，预算数合计 {}", projects.len(), format_amount(total, false))).weak());
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical().id_salt("project-list").auto_shrink([false, false]).show_rows(
        ui,
        row_height,
        projects.len(),
        |ui, range| {
            for i in range {
                let p = &projects[i];
                let name = if p.name.trim().is_empty() { "（未命名项目）" } else { p.name.as_str() };
                let mut text = RichText::new(format!("{}. {name}", i + 1));
                if let Some(s) = marks.get(i).copied().flatten() {
                    text = text.color(w::severity_color(s));
                }
                let r = ui.selectable_label(*selected == i, text);
                if r.clicked() {
                    *selected = i;
                }
                if let Some(b) = p.budget() {
                    r.on_hover_text(format!("{} 预算数 {}", p.code, format_amount(b, false)));
                }
            }
        },
    );
    if let Some(a) = action {
        if let RowAction::Duplicate(i) = a {
            ctx.changed = true;
            ctx.edits.texts.clear();
            let mut copy = projects[i].clone();
            copy.name.push_str("（副本）");
            projects.insert(i + 1, copy);
            *selected = i + 1;
        } else {
            match w::apply_action(ctx, projects, Some(a)) {
                Some(new) => *selected = new,
                None => *selected = selected.saturating_sub(usize::from(*selected >= projects.len())),
            }
        }
    }
}

fn detail_ui(ui: &mut Ui, ctx: &mut FormCtx, p: usize, project: &mut Project, unit: crate::model::AmountUnit) {
    let n = p + 1;
    ui.heading(format!("项目{n}：{}", project.name));
    for f in ctx.findings_in(S).filter(|f| f.location.row == Some(p) && f.location.field.is_none()) {
        ui.label(RichText::new(format!("{}：{}", f.severity.label(), f.message)).color(w::severity_color(f.severity)));
    }
    Grid::new(("project-head", p)).num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        ui.label("单位");
        w::text(ui, ctx, &mut project.unit, &format!("项目{n} 单位"), Location::cell(S, p, "unit"), 360.0);
        ui.end_row();
        ui.label("项目编码");
        w::text(ui, ctx, &mut project.code, &format!("项目{n} 项目编码"), Location::cell(S, p, "code"), 240.0);
        ui.end_row();
        ui.label("项目名称");
        w::text(ui, ctx, &mut project.name, &format!("项目{n} 项目名称"), Location::cell(S, p, "name"), 360.0);
        ui.end_row();
        ui.label(format!("财政资金（{}）", unit.label()));
        w::amount_opt(ui, ctx, &mut project.fiscal, unit, &format!("项目{n} 财政资金"), Location::cell(S, p, "fiscal"));
        ui.end_row();
        ui.label(format!("其他资金（{}）", unit.label()));
        w::amount_opt(ui, ctx, &mut project.other, unit, &format!("项目{n} 其他资金"), Location::cell(S, p, "other"));
        ui.end_row();
        ui.label("预算数");
        let r = match project.budget() {
            Some(b) => w::computed(ui, b),
            None => ui.label(RichText::new("（不公开金额）").weak()),
        };
        w::decorate(ui, ctx, r, &Location::cell(S, p, "budget"));
        ui.end_row();
        ui.label("资金用途");
        w::text_multi(ui, ctx, &mut project.purpose, &format!("项目{n} 资金用途"), Location::cell(S, p, "purpose"), 3);
        ui.end_row();
    });

    ui.add_space(6.0);
    ui.strong("资金支出计划（累计 %）");
    ui.horizontal(|ui| {
        for (k, label) in SPEND_PLAN_LABELS.iter().enumerate() {
            ui.vertical(|ui| {
                ui.label(*label);
                w::percent_opt(
                    ui,
                    ctx,
                    &mut project.spend_plan[k],
                    &format!("项目{n} 资金支出计划 {label}"),
                    Location::sub(S, p, k, "spend_plan"),
                );
            });
        }
    });

    ui.add_space(6.0);
    ui.strong("绩效目标");
    let len = project.goals.len();
    let mut action = None;
    for (g, goal) in project.goals.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("目标{}", g + 1));
            if let Some(a) = w::row_buttons(ui, ctx, g, len, &format!("项目{n} 绩效目标{}", g + 1)) {
                action = Some(a);
            }
        });
        w::text_multi(ui, ctx, goal, &format!("项目{n} 绩效目标{}", g + 1), Location::sub(S, p, g, "goal"), 2);
    }
    w::apply_action(ctx, &mut project.goals, action);
    if w::add_button(ui, ctx, "新增绩效目标") {
        project.goals.push(String::new());
        ctx.changed = true;
    }

    ui.add_space(6.0);
    ui.strong("绩效指标");
    w::findings_list_ui(ui, ctx, &Location::cell(S, p, "indicators"));
    indicators_ui(ui, ctx, p, &mut project.indicators);
}

fn indicators_ui(ui: &mut Ui, ctx: &mut FormCtx, p: usize, indicators: &mut Vec<Indicator>) {
    let n = p + 1;
    let len = indicators.len();
    let mut action = None;
    Grid::new(("indicators", p)).num_columns(7).striped(true).spacing([6.0, 6.0]).show(ui, |ui| {
        for h in ["一级指标", "二级指标", "三级指标", "指标描述", "指标值", "指标值确定依据", ""]
        {
            ui.strong(h);
        }
        ui.end_row();
        for (k, ind) in indicators.iter_mut().enumerate() {
            let name = format!("项目{n} 指标{}", k + 1);
            level1_combo(ui, ctx, &name, Location::sub(S, p, k, "level1"), &mut ind.level1);
            level2_combo(ui, ctx, &name, Location::sub(S, p, k, "level2"), &ind.level1, &mut ind.level2);
            w::text(ui, ctx, &mut ind.level3, &format!("{name} 三级指标"), Location::sub(S, p, k, "level3"), 130.0);
            w::text(
                ui,
                ctx,
                &mut ind.description,
                &format!("{name} 指标描述"),
                Location::sub(S, p, k, "description"),
                180.0,
            );
            ui.vertical(|ui| {
                ui.set_max_width(150.0);
                w::text(ui, ctx, &mut ind.value, &format!("{name} 指标值"), Location::sub(S, p, k, "value"), 110.0);
                let parsed = ind.parsed_value();
                let color = match &parsed {
                    IndicatorValue::Invalid { .. } => w::ERROR_COLOR,
                    IndicatorValue::Quantitative { unit, .. } if unit.is_empty() => w::WARNING_COLOR,
                    _ => w::COMPUTED_COLOR,
                };
                ui.label(RichText::new(parsed.to_string()).small().color(color));
            });
            w::text(ui, ctx, &mut ind.basis, &format!("{name} 指标值确定依据"), Location::sub(S, p, k, "basis"), 130.0);
            ui.horizontal(|ui| {
                if let Some(a) = w::row_buttons(ui, ctx, k, len, &name) {
                    action = Some(a);
                }
            });
            ui.end_row();
        }
    });
    w::apply_action(ctx, indicators, action);
    if w::add_button(ui, ctx, "新增指标") {
        let level1 = indicators.last().map(|i| i.level1.clone()).unwrap_or_default();
        indicators.push(Indicator { level1, ..Indicator::default() });
        ctx.changed = true;
    }
}

/// The 一级 combo: only the framework's names can be chosen; a non-standard value already
/// in the draft is shown as it is until changed.
fn level1_combo(ui: &mut Ui, ctx: &mut FormCtx, name: &str, loc: Location, value: &mut String) {
    let shown = if value.trim().is_empty() { "（请选择）".to_owned() } else { value.clone() };
    let mut chosen = None;
    let r = ui
        .add_enabled_ui(!ctx.read_only, |ui| {
            egui::ComboBox::from_id_salt(w::field_id(&loc)).width(110.0).selected_text(shown).show_ui(ui, |ui| {
                for l in Level1::ALL {
                    if ui.selectable_label(value.trim() == l.name(), l.name()).clicked() {
                        chosen = Some(l.name());
                    }
                }
            })
        })
        .inner;
    w::decorate(ui, ctx, r.response.accessible_name(format!("{name} 一级指标")), &loc);
    if let Some(c) = chosen
        && value != c
    {
        *value = c.to_owned();
        ctx.changed = true;
    }
}

/// The 二级 combo: the names allowed under the row's 一级 (all framework names when the
/// 一级 is not a framework name).
fn level2_combo(ui: &mut Ui, ctx: &mut FormCtx, name: &str, loc: Location, level1: &str, value: &mut String) {
    let shown = if value.trim().is_empty() { "（请选择）".to_owned() } else { value.clone() };
    let mut chosen = None;
    let r = ui
        .add_enabled_ui(!ctx.read_only, |ui| {
            egui::ComboBox::from_id_salt(w::field_id(&loc)).width(130.0).selected_text(shown).show_ui(ui, |ui| {
                let owners: Vec<Level1> = match Level1::parse(level1) {
                    Some(l) => vec![l],
                    None => Level1::ALL.to_vec(),
                };
                for l in owners {
                    for l2 in l.level2() {
                        if ui.selectable_label(value.trim() == *l2, *l2).clicked() {
                            chosen = Some(*l2);
                        }
                    }
                }
            })
        })
        .inner;
    let mut r = r.response.accessible_name(format!("{name} 二级指标"));
    if let Some(l1) = Level1::parse(level1)
        && !value.trim().is_empty()
        && !l1.allows(value)
    {
        r = r.on_hover_text(format!("“{}”不属于“{}”", value.trim(), level1.trim()));
        ui.painter().rect_stroke(
            r.rect.expand(1.0),
            2.0,
            egui::Stroke::new(1.5, w::WARNING_COLOR),
            egui::StrokeKind::Outside,
        );
    }
    w::decorate(ui, ctx, r, &loc);
    if let Some(c) = chosen
        && value != c
    {
        *value = c.to_owned();
        ctx.changed = true;
    }
}
