//! What the two grids of classified lines have in common: 功能分类收支明细 and
//! 经济分类基本支出明细 both list lines of a code from a code list, its name and amounts.
//! A [`LineGrid`] describes one such grid (its section, its code list, its unit); adding
//! a line, noting codes the list lacks, scrolling to the row jumped to, the number, code
//! (with its picker; the name filled in from the list) and name cells, the amount cells,
//! the row buttons and the 合计 row then look and behave the same in both, and each form
//! says only which amounts it has.

use egui::{Align, RichText, Ui};
use rust_decimal::Decimal;

use crate::model::{AmountUnit, format_amount};
use crate::rules::{Location, Section, Severity};
use crate::ui::FormCtx;
use crate::ui::grid::GridRow;
use crate::ui::widgets::{self as w, RowAction};

/// One grid of classified lines.
pub(super) struct LineGrid<'a> {
    pub section: Section,
    /// What the grid is called in field names ("经济分类" → "经济分类第3行 科目编码").
    pub what: &'static str,
    /// The code list's name in notes and hovers ("部门经济分类编码表").
    pub list_name: String,
    /// Keeps each grid's pickers apart.
    pub picker_id: &'static str,
    /// The name of a code, if the list has it.
    pub name_of: &'a dyn Fn(&str) -> Option<&'static str>,
    /// Every code with its name (only asked while a picker is open).
    pub all: &'a dyn Fn() -> Vec<(&'static str, &'static str)>,
    /// The width of the code field.
    pub code_width: f32,
    /// The draft's unit of amounts.
    pub unit: AmountUnit,
}

impl LineGrid<'_> {
    /// The 新增科目行 button and the line count with the draft's unit.
    pub fn add_line_ui<T: Default>(&self, ui: &mut Ui, ctx: &mut FormCtx, lines: &mut Vec<T>) {
        ui.horizontal(|ui| {
            if w::add_button(ui, ctx, "新增科目行") {
                lines.push(T::default());
                ctx.changed = true;
            }
            ui.label(RichText::new(format!("共 {} 行，金额单位：{}", lines.len(), self.unit.label())).weak());
        });
    }

    /// The notes above the grid, with the codes (of `codes`, one per line) the list lacks.
    pub fn notes_ui<'c>(&self, ui: &mut Ui, ctx: &FormCtx, codes: impl Iterator<Item = &'c str>) {
        let unknown: Vec<(usize, &str)> =
            codes.map(str::trim).enumerate().filter(|(_, c)| !c.is_empty() && (self.name_of)(c).is_none()).collect();
        w::grid_notes_ui(ui, ctx, self.section, &unknown, &self.list_name);
    }

    /// The row of the `rows` to scroll to, when the user jumped to a row of this grid not
    /// yet scrolled to (a jump to the row as a whole is then done; one to a field is done
    /// when the field shows).
    pub fn scroll_target(&self, ui: &Ui, ctx: &FormCtx, rows: usize) -> Option<usize> {
        let focus = ctx.focus.filter(|f| f.section == self.section)?;
        let row = focus.row?;
        if !w::scroll_pending(ui, focus) {
            return None;
        }
        if focus.field.is_none() {
            w::take_scroll_request(ui, focus);
        }
        Some(row.min(rows.saturating_sub(1)))
    }

    /// The first cells of line `i`: its number (with the worst finding's `mark`), the
    /// code and the name.
    pub fn lead_cells(
        &self,
        row: &mut GridRow,
        ctx: &mut FormCtx,
        i: usize,
        mark: Option<Severity>,
        code: &mut String,
        name: &mut String,
    ) {
        row.col(|ui| {
            w::row_number(ui, ctx, self.section, i, mark);
        });
        row.col(|ui| self.code_ui(ui, ctx, i, code, name));
        row.col(|ui| {
            let label = format!("{}第{}行 科目名称", self.what, i + 1);
            w::text_cell(ui, ctx, name, &label, Location::cell(self.section, i, "name"));
        });
    }

    /// The code of line `i` (framed when the list lacks it), the name taken from the list
    /// when a code is typed into a line without one, and the picker, which sets both.
    fn code_ui(&self, ui: &mut Ui, ctx: &mut FormCtx, i: usize, code: &mut String, name: &mut String) {
        let r = i + 1;
        let known = code.trim().is_empty() || (self.name_of)(code).is_some();
        let before = code.clone();
        let label = format!("{}第{r}行 科目编码", self.what);
        let resp = ui
            .scope(|ui| {
                ui.set_width(self.code_width);
                w::text_cell(ui, ctx, code, &label, Location::cell(self.section, i, "code"))
            })
            .inner;
        if !known {
            w::unknown_code_mark(ui, &resp, &format!("{}中没有这个编码", self.list_name));
        }
        if *code != before
            && name.trim().is_empty()
            && let Some(found) = (self.name_of)(code)
        {
            *name = found.to_owned();
        }
        if let Some((picked_code, picked_name)) =
            w::code_picker(ui, ctx, (self.picker_id, i), &format!("{}第{r}行", self.what), || (self.all)())
        {
            *code = picked_code.to_owned();
            *name = picked_name.to_owned();
            ctx.changed = true;
        }
    }

    /// The amount `key` of line `i`, called `label` ("人员经费").
    pub fn amount_cell(
        &self,
        row: &mut GridRow,
        ctx: &mut FormCtx,
        i: usize,
        value: &mut Decimal,
        label: &str,
        key: &'static str,
    ) {
        row.col(|ui| {
            let name = format!("{}第{}行 {label}", self.what, i + 1);
            w::amount_cell(ui, ctx, value, self.unit, &name, Location::cell(self.section, i, key));
        });
    }

    /// The row buttons of line `i` of `rows`; what was clicked, if anything.
    pub fn buttons_cell(&self, row: &mut GridRow, ctx: &FormCtx, i: usize, rows: usize) -> Option<RowAction> {
        let mut action = None;
        row.col(|ui| {
            action = w::row_buttons(ui, ctx, i, rows, &format!("{}第{}行", self.what, i + 1));
        });
        action
    }
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
