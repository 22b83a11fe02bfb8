//! 第二部分 收支总体情况: the part-2 figures (computed from the line items when they are
//! filled, typed otherwise), last year's figures and the reasons for the changes.

use egui::{Grid, RichText, Ui};
use rust_decimal::Decimal;

use crate::model::{AmountUnit, Disclosure, FigureSource, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Summary;

/// The income sources: model field (in [`crate::model::Income::FIELDS`] order), label.
pub(super) const INCOME_FIELDS: [(&str, &str); 10] = [
    ("general_budget", "一般公共预算拨款"),
    ("gov_fund", "政府性基金预算拨款"),
    ("state_capital", "国有资本经营预算拨款"),
    ("fiscal_special", "财政专户管理资金"),
    ("business", "事业收入"),
    ("operating", "事业单位经营收入"),
    ("superior", "上级补助收入"),
    ("affiliated", "附属单位上缴收入"),
    ("other", "其他收入"),
    ("carryover", "上年结转"),
];

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "收支总体情况",
        "已填写功能分类、经济分类明细时，收入、支出数由表格计算；否则在这里填写。上年数和增减原因总要填写。",
    );
    w::section_findings_ui(ui, ctx, S);
    let unit = doc.header.unit;
    let figures = doc.figures();
    let from_tables = figures.source == FigureSource::Tables;
    let split_from_tables = figures.split_source == FigureSource::Tables;

    ui.horizontal(|ui| {
        ui.strong(format!("收入（{}）", unit.label()));
        if from_tables {
            w::computed_badge(ui);
        }
    });
    Grid::new("summary-income").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        for (key, label) in INCOME_FIELDS {
            ui.label(label);
            if from_tables {
                w::computed(ui, figures.income.source(key));
            } else {
                let field = doc.summary.income.source_mut(key);
                w::amount(ui, ctx, field, unit, &format!("收支总体情况 {label}"), Location::field(S, key));
            }
            ui.end_row();
        }
        let income = if from_tables { figures.income.clone() } else { doc.summary.income.clone() };
        total_row(ui, "本年收入合计", income.this_year());
        total_row(ui, "收入总计", income.total());
    });

    ui.add_space(10.0);
    ui.strong(format!("支出（{}）", unit.label()));
    Grid::new("summary-expense").num_columns(3).spacing([12.0, 6.0]).show(ui, |ui| {
        figure_row(
            ui,
            ctx,
            "人员经费",
            "personnel",
            split_from_tables,
            figures.personnel,
            &mut doc.summary.personnel,
            unit,
        );
        figure_row(ui, ctx, "日常公用经费", "public", split_from_tables, figures.public, &mut doc.summary.public, unit);
        let figures = Disclosure::figures(doc);
        ui.label("基本支出");
        w::computed(ui, figures.basic).on_hover_text(if from_tables {
            "由功能分类明细的基本支出列计算"
        } else {
            "基本支出 = 人员经费 + 日常公用经费"
        });
        ui.label("");
        ui.end_row();
        figure_row(ui, ctx, "项目支出", "project", from_tables, figures.project, &mut doc.summary.project, unit);
        total_row(ui, "支出总计", Disclosure::figures(doc).expense_total());
    });

    ui.add_space(10.0);
    ui.strong("比上年增减");
    let figures = doc.figures();
    Grid::new("summary-change").num_columns(4).spacing([12.0, 6.0]).show(ui, |ui| {
        ui.label("");
        ui.strong(format!("上年预算数（{}）", unit.label()));
        ui.strong("本年");
        ui.strong("增减");
        ui.end_row();

        ui.label("基本支出");
        w::amount_opt(ui, ctx, &mut doc.summary.last_basic, unit, "上年基本支出", Location::field(S, "last_basic"));
        w::computed(ui, figures.basic);
        change_label(ui, figures.basic_change());
        ui.end_row();

        ui.label("项目支出");
        w::amount_opt(ui, ctx, &mut doc.summary.last_project, unit, "上年项目支出", Location::field(S, "last_project"));
        w::computed(ui, figures.project);
        change_label(ui, figures.project_change());
        ui.end_row();

        ui.label("合计");
        match figures.last_total() {
            Some(t) => w::computed(ui, t),
            None => ui.label(""),
        };
        w::computed(ui, figures.expense_total());
        change_label(ui, figures.total_change());
        ui.end_row();
    });

    ui.add_space(10.0);
    ui.label("基本支出增减原因");
    w::text_multi(
        ui,
        ctx,
        &mut doc.summary.basic_change_reason,
        "基本支出增减原因",
        Location::field(S, "basic_change_reason"),
        2,
    );
    ui.label("项目支出增减原因");
    w::text_multi(
        ui,
        ctx,
        &mut doc.summary.project_change_reason,
        "项目支出增减原因",
        Location::field(S, "project_change_reason"),
        2,
    );
    ui.label("项目支出主要用途（“主要为……”）");
    w::text_multi(
        ui,
        ctx,
        &mut doc.summary.project_main_uses,
        "项目支出主要用途",
        Location::field(S, "project_main_uses"),
        2,
    );
}

#[allow(clippy::too_many_arguments)]
fn figure_row(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    label: &str,
    key: &'static str,
    computed: bool,
    figure: Decimal,
    input: &mut Decimal,
    unit: AmountUnit,
) {
    ui.label(label);
    if computed {
        w::computed(ui, figure);
        w::computed_badge(ui);
    } else {
        w::amount(ui, ctx, input, unit, &format!("收支总体情况 {label}"), Location::field(S, key));
        ui.label("");
    }
    ui.end_row();
}

fn total_row(ui: &mut Ui, label: &str, value: Decimal) {
    ui.strong(label);
    ui.label(RichText::new(format_amount(value, false)).strong().color(w::COMPUTED_COLOR));
    ui.end_row();
}

fn change_label(ui: &mut Ui, change: Option<Decimal>) {
    match change {
        Some(c) => ui.label(RichText::new(w::change_text(c)).color(w::COMPUTED_COLOR)),
        None => ui.label(RichText::new("填写上年数后计算").weak()),
    };
}
