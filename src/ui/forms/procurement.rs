//! 第六部分 政府采购预算: the procurement rows, subtotalled per budget unit, with a
//! computed 合计 per row and the table total.

use egui::{Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;

use crate::model::{Disclosure, Funds, ProcurementRow, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

const S: Section = Section::Procurement;
const ROW_HEIGHT: f32 = 26.0;

/// The fund-source columns: model field, label.
const FUND_FIELDS: [(&str, &str); 6] = [
    ("general_budget", "一般公共预算"),
    ("gov_fund", "政府性基金"),
    ("state_capital", "国有资本经营"),
    ("fiscal_special", "财政专户核拨"),
    ("unit_funds", "单位资金"),
    ("carryover", "上年结转"),
];

fn fund_field<'a>(funds: &'a mut Funds, key: &str) -> &'a mut Decimal {
    match key {
        "general_budget" => &mut funds.general_budget,
        "gov_fund" => &mut funds.gov_fund,
        "state_capital" => &mut funds.state_capital,
        "fiscal_special" => &mut funds.fiscal_special,
        "unit_funds" => &mut funds.unit_funds,
        _ => &mut funds.carryover,
    }
}

fn fund_value(funds: &Funds, key: &str) -> Decimal {
    let mut copy = funds.clone();
    *fund_field(&mut copy, key)
}

/// What a line of the grid shows.
enum Line {
    Row(usize),
    Subtotal(String, Funds),
    Total(Funds),
}

pub(super) fn ui(ui: &mut Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    w::section_title(
        ui,
        "政府采购预算",
        "每行一项采购；按单位小计，合计 = 各资金来源之和。没有政府采购预算时不填行，导出为“无政府采购预算，空表列示”。",
    );
    w::section_findings_ui(ui, ctx, S);
    let unit = doc.header.unit;
    let pr = &mut doc.procurement;
    ui.horizontal(|ui| {
        if w::add_button(ui, ctx, "新增采购行") {
            let unit_name = pr.rows.last().map(|r| r.unit.clone()).unwrap_or_default();
            pr.rows.push(ProcurementRow { unit: unit_name, ..ProcurementRow::default() });
            ctx.changed = true;
        }
        ui.label(
            RichText::new(format!(
                "共 {} 行，合计 {}（{}）",
                pr.rows.len(),
                format_amount(pr.total(), false),
                unit.label()
            ))
            .weak(),
        );
    });
    w::pending_inputs_ui(ui, ctx, S);
    w::findings_list_ui(ui, ctx, &Location::field(S, "total"));

    let mut lines: Vec<Line> = Vec::with_capacity(pr.rows.len() + 8);
    let units = pr.units();
    let subtotal = units.len() > 1 || units.first().is_some_and(|(u, _)| !u.trim().is_empty());
    for (name, idxs) in units {
        let mut sum = Funds::default();
        for &i in &idxs {
            sum.add(&pr.rows[i].funds);
            lines.push(Line::Row(i));
        }
        if subtotal {
            lines.push(Line::Subtotal(name, sum));
        }
    }
    lines.push(Line::Total(pr.funds_total()));

    let mut scroll_to = None;
    if let Some(focus) = ctx.focus.filter(|f| f.section == S)
        && let Some(row) = focus.row
        && w::scroll_pending(ui, focus)
    {
        scroll_to = lines.iter().position(|l| matches!(l, Line::Row(i) if *i == row));
        if focus.field.is_none() {
            w::take_scroll_request(ui, focus);
        }
    }

    let n_rows = pr.rows.len();
    let mut action = None;
    egui::ScrollArea::horizontal().id_salt("procurement-h").show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("procurement")
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .column(Column::initial(150.0).resizable(true).clip(true))
            .column(Column::initial(150.0).resizable(true).clip(true))
            .column(Column::exact(90.0))
            .column(Column::initial(120.0).resizable(true).clip(true))
            .column(Column::initial(110.0).resizable(true).clip(true))
            .column(Column::exact(60.0))
            .column(Column::exact(70.0))
            .column(Column::exact(80.0))
            .columns(Column::exact(90.0), FUND_FIELDS.len() + 1)
            .column(Column::exact(130.0))
            .auto_shrink([false, false])
            .min_scrolled_height(200.0);
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, Some(Align::Center));
        }
        table
            .header(22.0, |mut h| {
                for title in ["单位", "项目名称", "预算资金", "采购物品", "采购目录序号", "计量单位", "数量", "单价"]
                {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
                for (_, label) in FUND_FIELDS {
                    h.col(|ui| {
                        ui.strong(label);
                    });
                }
                for title in ["合计", "操作"] {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, lines.len(), |mut row| match &lines[row.index()] {
                    Line::Row(i) => {
                        let i = *i;
                        let r = i + 1;
                        let pr_row = &mut pr.rows[i];
                        let name = |f: &str| format!("采购第{r}行 {f}");
                        row.col(|ui| {
                            w::text_cell(ui, ctx, &mut pr_row.unit, &name("单位"), Location::cell(S, i, "unit"));
                        });
                        row.col(|ui| {
                            w::text_cell(
                                ui,
                                ctx,
                                &mut pr_row.project,
                                &name("项目名称"),
                                Location::cell(S, i, "project"),
                            );
                        });
                        row.col(|ui| {
                            w::amount_opt_cell(
                                ui,
                                ctx,
                                &mut pr_row.project_budget,
                                unit,
                                &name("预算资金"),
                                Location::cell(S, i, "project_budget"),
                            );
                        });
                        row.col(|ui| {
                            w::text_cell(ui, ctx, &mut pr_row.item, &name("采购物品"), Location::cell(S, i, "item"));
                        });
                        row.col(|ui| {
                            w::text_cell(
                                ui,
                                ctx,
                                &mut pr_row.catalog,
                                &name("采购目录序号"),
                                Location::cell(S, i, "catalog"),
                            );
                        });
                        row.col(|ui| {
                            w::text_cell(
                                ui,
                                ctx,
                                &mut pr_row.measure,
                                &name("计量单位"),
                                Location::cell(S, i, "measure"),
                            );
                        });
                        row.col(|ui| {
                            w::number_opt_cell(
                                ui,
                                ctx,
                                &mut pr_row.quantity,
                                &name("数量"),
                                Location::cell(S, i, "quantity"),
                            );
                        });
                        row.col(|ui| {
                            w::amount_opt_cell(
                                ui,
                                ctx,
                                &mut pr_row.unit_price,
                                unit,
                                &name("单价"),
                                Location::cell(S, i, "unit_price"),
                            );
                        });
                        for (key, label) in FUND_FIELDS {
                            row.col(|ui| {
                                let v = fund_field(&mut pr_row.funds, key);
                                w::amount_cell(ui, ctx, v, unit, &name(label), Location::cell(S, i, key));
                            });
                        }
                        row.col(|ui| {
                            let total = pr_row.total();
                            let resp = w::computed_cell(ui, total);
                            let resp = w::decorate(ui, ctx, resp, &Location::cell(S, i, "amount"));
                            if let (Some(q), Some(p)) = (pr_row.quantity, pr_row.unit_price)
                                && let Some(product) = q.checked_mul(p)
                                && product.saturating_sub(total).abs() >= Decimal::new(1, 2)
                            {
                                resp.on_hover_text(format!("数量 × 单价 = {}", format_amount(product, false)));
                            }
                        });
                        row.col(|ui| {
                            if let Some(a) = w::row_buttons(ui, ctx, i, n_rows, &format!("采购第{r}行")) {
                                action = Some(a);
                            }
                        });
                    }
                    Line::Subtotal(name, funds) => {
                        let label = if name.trim().is_empty() {
                            "（未填单位）小计".to_owned()
                        } else {
                            format!("{name} 小计")
                        };
                        sum_row(&mut row, &label, funds);
                    }
                    Line::Total(funds) => sum_row(&mut row, "合计", funds),
                });
            });
    });
    w::apply_action(ctx, &mut pr.rows, action);

    ui.add_space(8.0);
    ui.strong("表下注释");
    w::findings_list_ui(ui, ctx, &Location::field(S, "note"));
    let len = pr.notes.len();
    let mut action = None;
    for (k, note) in pr.notes.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let loc = Location { section: S, row: None, item: Some(k), field: Some("note") };
            w::text(ui, ctx, note, &format!("采购表注释{}", k + 1), loc, 600.0);
            if let Some(a) = w::row_buttons(ui, ctx, k, len, &format!("采购表注释{}", k + 1)) {
                action = Some(a);
            }
        });
    }
    w::apply_action(ctx, &mut pr.notes, action);
    if w::add_button(ui, ctx, "新增注释") {
        pr.notes.push(String::new());
        ctx.changed = true;
    }
}

fn sum_row(row: &mut egui_extras::TableRow<'_, '_>, label: &str, funds: &Funds) {
    row.col(|ui| {
        ui.strong(label);
    });
    for _ in 0..7 {
        row.col(|_| {});
    }
    for (key, _) in FUND_FIELDS {
        row.col(|ui| strong_right(ui, fund_value(funds, key)));
    }
    row.col(|ui| strong_right(ui, funds.total()));
    row.col(|_| {});
}

fn strong_right(ui: &mut Ui, v: Decimal) {
    ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
        ui.label(RichText::new(format_amount(v, false)).strong().color(w::COMPUTED_COLOR));
    });
}
