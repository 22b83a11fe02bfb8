//! What the two grids of classified lines have in common: 功能分类收支明细 and
//! 经济分类基本支出明细 both list lines of a code from a code list, its name and amounts.
//! Adding a line, noting codes the list lacks, scrolling to the row jumped to, the code
//! cell (with its picker, the name filled in from the list) and the 合计 row look and
//! behave the same in both; the forms say only which list and which amounts.

use egui::{Align, RichText, Ui};
use rust_decimal::Decimal;

use crate::model::{AmountUnit, format_amount};
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::grid::GridRow;
use crate::ui::widgets as w;

/// The code list a grid's codes come from.
pub(super) struct CodeList<'a> {
    /// The list's name in notes and hovers ("部门经济分类编码表").
    pub name: String,
    /// What the grid is called in field names ("经济分类" → "经济分类第3行 科目编码").
    pub what: &'static str,
    /// Keeps each grid's pickers apart.
    pub picker_id: &'static str,
    /// The name of a code, if the list has it.
    pub name_of: &'a dyn Fn(&str) -> Option<&'static str>,
    /// Every code with its name (only asked while a picker is open).
    pub all: &'a dyn Fn() -> Vec<(&'static str, &'static str)>,
}

/// The 新增科目行 button and the line count with the draft's unit.
pub(super) fn add_line_ui<T: Default>(ui: &mut Ui, ctx: &mut FormCtx, lines: &mut Vec<T>, unit: AmountUnit) {
    ui.horizontal(|ui| {
        if w::add_button(ui, ctx, "新增科目行") {
            lines.push(T::default());
            ctx.changed = true;
        }
        ui.label(RichText::new(format!("共 {} 行，金额单位：{}", lines.len(), unit.label())).weak());
    });
}

/// The notes above the grid, with the codes (of `codes`, one per line) the list lacks.
pub(super) fn notes_ui<'a>(
    ui: &mut Ui,
    ctx: &FormCtx,
    section: Section,
    codes: impl Iterator<Item = &'a str>,
    list: &CodeList,
) {
    let unknown: Vec<(usize, &str)> =
        codes.map(str::trim).enumerate().filter(|(_, c)| !c.is_empty() && (list.name_of)(c).is_none()).collect();
    w::grid_notes_ui(ui, ctx, section, &unknown, &list.name);
}

/// The row of the `rows` to scroll to, when the user jumped to a row of `section` not
/// yet scrolled to (a jump to the row as a whole is then done; one to a field is done
/// when the field shows).
pub(super) fn scroll_target(ui: &Ui, ctx: &FormCtx, section: Section, rows: usize) -> Option<usize> {
    let focus = ctx.focus.filter(|f| f.section == section)?;
    let row = focus.row?;
    if !w::scroll_pending(ui, focus) {
        return None;
    }
    if focus.field.is_none() {
        w::take_scroll_request(ui, focus);
    }
    Some(row.min(rows.saturating_sub(1)))
}

/// The code cell of line `i`: the code (`width` wide; framed when the list lacks it),
/// the name taken from the list when a code is typed into a line without one, and the
/// picker, which sets both.
#[allow(clippy::too_many_arguments)]
pub(super) fn code_cell_ui(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    section: Section,
    i: usize,
    code: &mut String,
    name: &mut String,
    width: f32,
    list: &CodeList,
) {
    let r = i + 1;
    let known = code.trim().is_empty() || (list.name_of)(code).is_some();
    let before = code.clone();
    let label = format!("{}第{r}行 科目编码", list.what);
    let resp = ui
        .scope(|ui| {
            ui.set_width(width);
            w::text_cell(ui, ctx, code, &label, Location::cell(section, i, "code"))
        })
        .inner;
    if !known {
        w::unknown_code_mark(ui, &resp, &format!("{}中没有这个编码", list.name));
    }
    if *code != before
        && name.trim().is_empty()
        && let Some(found) = (list.name_of)(code)
    {
        *name = found.to_owned();
    }
    if let Some((picked_code, picked_name)) =
        w::code_picker(ui, ctx, (list.picker_id, i), &format!("{}第{r}行", list.what), || (list.all)())
    {
        *code = picked_code.to_owned();
        *name = picked_name.to_owned();
        ctx.changed = true;
    }
}

/// The name cell of line `i`.
pub(super) fn name_cell_ui(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    section: Section,
    i: usize,
    name: &mut String,
    list: &CodeList,
) {
    let label = format!("{}第{}行 科目名称", list.what, i + 1);
    w::text_cell(ui, ctx, name, &label, Location::cell(section, i, "name"));
}

/// The start of the 合计 row: no number, "合计" under the code, no name.
pub(super) fn total_label_cells(row: &mut GridRow) {
    row.col(|_| {});
    row.col(|ui| {
        ui.strong("合计");
    });
    row.col(|_| {});
}

/// One computed amount of the 合计 row.
pub(super) fn total_cell(row: &mut GridRow, value: Decimal) {
    row.col(|ui| {
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            ui.label(RichText::new(format_amount(value, false)).strong().color(w::COMPUTED_COLOR));
        });
    });
}
