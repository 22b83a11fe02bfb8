//! The input widgets every form is built from: amount and text fields that show the
//! findings at their location, and the row buttons of editable lists.
//!
//! Each widget knows its [`Location`], so it can frame itself red or orange when a rule
//! reports a finding there, highlight itself (once scrolled into view) when the user
//! jumped to it from the findings list, and refuse edits in review mode. Every input
//! gets an accessible name, which screen readers and the UI tests use to find it.

use std::cell::RefCell;
use std::collections::HashMap;

use egui::{Align, Color32, Id, Response, RichText, Stroke, StrokeKind, TextEdit, Ui};
use rust_decimal::Decimal;

use crate::model::amount::AmountError;
use crate::model::{AmountUnit, format_amount, parse_amount};
use crate::rules::{Finding, Location, Section, Severity};

use super::FormCtx;

/// Frame colour of fields with an error (错误).
pub const ERROR_COLOR: Color32 = Color32::from_rgb(215, 40, 40);
/// Frame colour of fields with a warning (警告).
pub const WARNING_COLOR: Color32 = Color32::from_rgb(230, 130, 0);
/// Frame colour of fields with a notice (提示).
pub const NOTICE_COLOR: Color32 = Color32::from_rgb(70, 130, 200);
/// Frame colour of the field the user jumped to.
pub const FOCUS_COLOR: Color32 = Color32::from_rgb(250, 190, 0);
/// The mark of a field that differs from the version compared with.
pub const COMPARED_COLOR: Color32 = Color32::from_rgb(0x1e, 0x88, 0xe5);
/// Colour of computed (read-only, derived) figures.
pub const COMPUTED_COLOR: Color32 = Color32::from_rgb(40, 110, 170);

/// Default width of an amount field.
pub const AMOUNT_WIDTH: f32 = 110.0;

/// The egui id of the field at `loc` (also the key of its pending invalid text).
pub fn field_id(loc: &Location) -> Id {
    Id::unique(("budget-field", loc))
}

/// The colour of a severity's frame.
pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => ERROR_COLOR,
        Severity::Warning => WARNING_COLOR,
        Severity::Notice => NOTICE_COLOR,
    }
}

/// The findings of the section on screen by location, rebuilt by [`index_findings`] at
/// the start of every form. A grid of 400 rows × 17 cells asks for each cell's findings;
/// scanning hundreds of findings per cell would cost more than drawing the frame.
#[derive(Default)]
struct FindingIndex {
    /// Address and length of the findings slice the index was built from.
    source: (usize, usize),
    by_location: HashMap<Location, Vec<usize>>,
}

thread_local! {
    static INDEX: RefCell<FindingIndex> = RefCell::new(FindingIndex::default());
}

fn source_key(findings: &[Finding]) -> (usize, usize) {
    (findings.as_ptr() as usize, findings.len())
}

/// Indexes the findings of `section` for [`findings_at`] (once per frame, by `section_ui`).
pub fn index_findings(findings: &[Finding], section: Section) {
    INDEX.with(|index| {
        let mut index = index.borrow_mut();
        index.source = source_key(findings);
        index.by_location.clear();
        for (k, f) in findings.iter().enumerate().filter(|(_, f)| f.location.section == section) {
            index.by_location.entry(f.location.clone()).or_default().push(k);
        }
    });
}

/// Calls `visit` for every finding at exactly `loc`.
fn visit_findings_at(ctx: &FormCtx, loc: &Location, mut visit: impl FnMut(&Finding)) {
    let indexed = INDEX.with(|index| {
        let index = index.borrow();
        if index.source != source_key(ctx.findings) {
            return false;
        }
        for &k in index.by_location.get(loc).into_iter().flatten() {
            visit(&ctx.findings[k]);
        }
        true
    });
    if !indexed {
        ctx.findings.iter().filter(|f| f.location == *loc).for_each(visit);
    }
}

/// The most serious severity of the findings at exactly `loc`.
pub fn worst_at(ctx: &FormCtx, loc: &Location) -> Option<Severity> {
    let mut worst: Option<Severity> = None;
    visit_findings_at(ctx, loc, |f| worst = Some(worst.map_or(f.severity, |w| w.min(f.severity))));
    worst
}

/// The most serious finding at exactly `loc` and all their messages ("错误：…").
pub fn findings_at(ctx: &FormCtx, loc: &Location) -> Option<(Severity, String)> {
    let worst = worst_at(ctx, loc)?;
    let mut text = String::new();
    visit_findings_at(ctx, loc, |f| {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(f.severity.label());
        text.push('：');
        text.push_str(&f.message);
    });
    Some((worst, text))
}

/// Frames `response` by the findings at `loc`, highlights it when it is the focus, and
/// scrolls to it the first frame it is.
pub fn decorate(ui: &Ui, ctx: &FormCtx, response: Response, loc: &Location) -> Response {
    let mut response = response;
    if let Some(severity) = worst_at(ctx, loc) {
        frame_rect(ui, response.rect, severity_color(severity));
        // The messages are only gathered when the pointer is on the field.
        response = response.on_hover_ui(|ui| {
            if let Some((_, text)) = findings_at(ctx, loc) {
                ui.label(text);
            }
        });
    }
    if ctx.compared.contains(loc) {
        // A bar on the left edge: it stays visible beside a finding's frame.
        let r = response.rect;
        let bar = egui::Rect::from_min_max(egui::pos2(r.left() - 5.0, r.top()), egui::pos2(r.left() - 2.5, r.bottom()));
        ui.painter().rect_filled(bar, 0.0, COMPARED_COLOR);
        response = response.on_hover_text("与对比的版本不同");
    }
    if ctx.focus == Some(loc) {
        ui.painter().rect_stroke(response.rect.expand(3.0), 3.0, Stroke::new(2.5, FOCUS_COLOR), StrokeKind::Outside);
        if take_scroll_request(ui, loc) {
            response.scroll_to_me(Some(Align::Center));
        }
    }
    response
}

fn frame_rect(ui: &Ui, rect: egui::Rect, color: Color32) {
    ui.painter().rect_stroke(rect.expand(1.0), 2.0, Stroke::new(1.5, color), StrokeKind::Outside);
}

const SCROLLED_FOCUS: &str = "budget-forms-scrolled-focus";

/// True once per focus: the first time a widget at the focused location asks. The
/// shell may keep the focus set for many frames; scrolling every frame would pin the view.
pub fn take_scroll_request(ui: &Ui, loc: &Location) -> bool {
    let id = Id::unique(SCROLLED_FOCUS);
    let done = ui.data(|d| d.get_temp::<Location>(id)).is_some_and(|l| l == *loc);
    if !done {
        ui.data_mut(|d| d.insert_temp(id, loc.clone()));
    }
    !done
}

/// Forgets which focus was scrolled to (call when the focus is cleared), so clicking the
/// same finding again scrolls again.
pub fn reset_scroll_request(ui: &Ui) {
    ui.data_mut(|d| d.remove::<Location>(Id::unique(SCROLLED_FOCUS)));
}

/// True when the user jumped to `loc` and it has not been scrolled to yet (for
/// virtualised tables, which must scroll to a row before its widgets exist).
pub fn scroll_pending(ui: &Ui, loc: &Location) -> bool {
    ui.data(|d| d.get_temp::<Location>(Id::unique(SCROLLED_FOCUS))).is_none_or(|l| l != *loc)
}

/// The row of `section` the user jumped to as a whole (found, or changed by an undo):
/// a focus with a row and no field.
pub fn focused_row(ctx: &FormCtx, section: Section) -> Option<usize> {
    ctx.focus.filter(|f| f.section == section && f.field.is_none() && f.item.is_none()).and_then(|f| f.row)
}

/// What an amount field edits.
enum Slot<'a> {
    /// Empty input means zero.
    Required(&'a mut Decimal),
    /// Empty input means "not given".
    Optional(&'a mut Option<Decimal>),
}

impl Slot<'_> {
    fn value(&self) -> Option<Decimal> {
        match self {
            Slot::Required(v) => Some(**v),
            Slot::Optional(v) => **v,
        }
    }

    /// Stores `new`; true when the model changed.
    fn set(&mut self, new: Option<Decimal>) -> bool {
        match self {
            Slot::Required(v) => {
                let new = new.unwrap_or(Decimal::ZERO);
                let changed = **v != new;
                **v = new;
                changed
            }
            Slot::Optional(v) => {
                let changed = **v != new;
                **v = new;
                changed
            }
        }
    }
}

/// What kind of number a field holds: how it is read, shown and hinted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Money in the draft's unit (shown with two decimals).
    Money(AmountUnit),
    /// A plain quantity (shown as typed).
    Number,
    /// A percentage; a trailing "%" is accepted.
    Percent,
}

impl Kind {
    fn parse(self, text: &str) -> Result<Decimal, AmountError> {
        match self {
            Kind::Money(unit) => parse_amount(text, unit),
            Kind::Number => parse_amount(text, AmountUnit::Yuan),
            Kind::Percent => {
                let t = text.trim().trim_end_matches(['%', '％']);
                parse_amount(t, AmountUnit::Yuan)
            }
        }
    }

    fn display(self, v: Decimal) -> String {
        match self {
            Kind::Money(_) => format_amount(v, false),
            Kind::Number | Kind::Percent => plain(v),
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Kind::Money(unit) => unit.label(),
            Kind::Number => "",
            Kind::Percent => "%",
        }
    }

    fn message(self, e: &AmountError) -> String {
        match self {
            Kind::Money(_) => e.to_string(),
            Kind::Number | Kind::Percent => e.to_string().replace("金额", "数值"),
        }
    }
}

/// Where an invalid amount's message goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Below the field (forms).
    Below,
    /// On hover only, plus the section's pending-input list (grid cells).
    Cell,
}

/// An amount field (required: empty means zero), message below the field.
///
/// Accepts what [`parse_amount`] reads in the draft's `unit`. Invalid text stays
/// visible with a red frame and the reason; the model keeps its last good value.
pub fn amount(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut Decimal,
    unit: AmountUnit,
    label: &str,
    loc: Location,
) -> Response {
    ui.vertical(|ui| {
        amount_impl(ui, ctx, Slot::Required(value), Kind::Money(unit), label, loc, Layout::Below, AMOUNT_WIDTH)
    })
    .inner
}

/// An optional amount field (empty means "not given"), message below the field.
pub fn amount_opt(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut Option<Decimal>,
    unit: AmountUnit,
    label: &str,
    loc: Location,
) -> Response {
    ui.vertical(|ui| {
        amount_impl(ui, ctx, Slot::Optional(value), Kind::Money(unit), label, loc, Layout::Below, AMOUNT_WIDTH)
    })
    .inner
}

/// A required amount in a grid cell: the message shows on hover and in
/// [`pending_inputs_ui`].
pub fn amount_cell(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut Decimal,
    unit: AmountUnit,
    label: &str,
    loc: Location,
) -> Response {
    let width = ui.available_width().max(40.0);
    amount_impl(ui, ctx, Slot::Required(value), Kind::Money(unit), label, loc, Layout::Cell, width)
}

/// An optional amount in a grid cell.
pub fn amount_opt_cell(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut Option<Decimal>,
    unit: AmountUnit,
    label: &str,
    loc: Location,
) -> Response {
    let width = ui.available_width().max(40.0);
    amount_impl(ui, ctx, Slot::Optional(value), Kind::Money(unit), label, loc, Layout::Cell, width)
}

/// An optional plain quantity (数量): no unit conversion, shown as typed.
pub fn number_opt(ui: &mut Ui, ctx: &mut FormCtx, value: &mut Option<Decimal>, label: &str, loc: Location) -> Response {
    ui.vertical(|ui| amount_impl(ui, ctx, Slot::Optional(value), Kind::Number, label, loc, Layout::Below, 80.0)).inner
}

/// An optional quantity in a grid cell.
pub fn number_opt_cell(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut Option<Decimal>,
    label: &str,
    loc: Location,
) -> Response {
    let width = ui.available_width().max(40.0);
    amount_impl(ui, ctx, Slot::Optional(value), Kind::Number, label, loc, Layout::Cell, width)
}

/// An optional percentage ("30", "30%"), message below the field.
pub fn percent_opt(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut Option<Decimal>,
    label: &str,
    loc: Location,
) -> Response {
    ui.vertical(|ui| amount_impl(ui, ctx, Slot::Optional(value), Kind::Percent, label, loc, Layout::Below, 70.0)).inner
}

#[allow(clippy::too_many_arguments)]
fn amount_impl(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    mut slot: Slot,
    kind: Kind,
    label: &str,
    loc: Location,
    layout: Layout,
    width: f32,
) -> Response {
    let id = field_id(&loc);
    if ctx.read_only {
        let shown = slot.value().map(|v| kind.display(v)).unwrap_or_default();
        let response = read_only_value(ui, id, width, &shown, label, Some(Align::RIGHT), None);
        return decorate(ui, ctx, response, &loc);
    }

    let focused = ui.memory(|m| m.has_focus(id));
    let pending = ctx.edits.texts.get(&id).cloned();
    let typing: Option<String> = if focused { ui.data(|d| d.get_temp::<String>(id)) } else { None };
    let mut text = match (&pending, typing) {
        (Some(p), _) => p.clone(),
        (None, Some(t)) => t,
        (None, None) if focused => slot.value().map(plain).unwrap_or_default(),
        (None, None) => slot.value().map(|v| kind.display(v)).unwrap_or_default(),
    };

    let output = ui.scope(|ui| {
        let response = add_width(
            ui,
            width,
            TextEdit::singleline(&mut text).id(id).align(egui::Align2::RIGHT_CENTER).hint_text(kind.hint()),
        );
        response.accessible_name(label)
    });
    let response = output.inner;

    if response.gained_focus() && pending.is_none() {
        // Edit the exact value, not its two-decimal display.
        let exact = slot.value().map(plain).unwrap_or_default();
        ui.data_mut(|d| d.insert_temp(id, exact));
    }

    let mut error: Option<AmountError> = None;
    if response.changed() {
        let result = match kind.parse(&text) {
            Ok(v) => Ok(Some(v)),
            Err(AmountError::Empty) => Ok(None),
            Err(e) => Err(e),
        };
        match result {
            Ok(v) => {
                ctx.edits.texts.remove(&id);
                if slot.set(v) {
                    ctx.changed = true;
                }
            }
            Err(e) => {
                ctx.edits.texts.insert(id, text.clone());
                ctx.edits.labels.insert(id, (loc.clone(), format!("{label}：{}", kind.message(&e))));
                error = Some(e);
            }
        }
        if ui.memory(|m| m.has_focus(id)) {
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
        }
    } else if let Some(p) = &pending {
        match kind.parse(p) {
            Err(e) if e != AmountError::Empty => error = Some(e),
            // Unreachable in practice (only unreadable text is kept), but never lose it.
            other => {
                ctx.edits.texts.remove(&id);
                if slot.set(other.ok()) {
                    ctx.changed = true;
                }
            }
        }
    }
    if response.lost_focus() {
        ui.data_mut(|d| d.remove_temp::<String>(id));
    }

    let mut response = decorate(ui, ctx, response, &loc);
    let message = error.map(|e| kind.message(&e));
    if let Some(message) = &message {
        frame_rect(ui, response.rect.expand(1.0), ERROR_COLOR);
        response = response.on_hover_text(message);
    }
    if layout == Layout::Below {
        error_line(ui, width, message.as_deref());
    }
    response
}

/// The line under a form field where its input error shows. It is there, empty, when
/// the input is fine, so an error appearing never moves the fields below the pointer.
/// A message longer than the field is cut; the whole of it shows on hover.
fn error_line(ui: &mut Ui, width: f32, message: Option<&str>) {
    let text = message.map(|m| (ERROR_COLOR, m.to_owned()));
    note_line(ui, width, text, message.unwrap_or_default());
}

/// A line of exactly one body line's height holding `text` (cut to fit; `hover` on
/// hover). Whatever the text, the line takes the same space.
fn note_line(ui: &mut Ui, width: f32, text: Option<(Color32, String)>, hover: &str) {
    let height = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let Some((color, text)) = text else { return };
    // A child that allocates nothing in `ui`: the text cannot make the line taller.
    let mut child =
        ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(egui::Layout::left_to_right(Align::Center)));
    child.add(egui::Label::new(RichText::new(text).color(color)).truncate()).on_hover_text(hover);
}

/// A value shown as text in review mode: no input box, nothing to click into. Keeps the
/// field's accessible name; `rows` wraps long text onto up to that many lines.
fn read_only_value(
    ui: &mut Ui,
    id: Id,
    width: f32,
    text: &str,
    name: &str,
    align: Option<Align>,
    rows: Option<usize>,
) -> Response {
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let height = rows.map_or(ui.spacing().interact_size.y, |r| line * r.max(1) as f32 + 4.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let response = ui.interact(rect, id, egui::Sense::hover());
    let color = ui.visuals().strong_text_color();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut job = egui::text::LayoutJob::single_section(text.to_owned(), egui::TextFormat::simple(font, color));
    job.wrap = egui::text::TextWrapping {
        max_width: (width - 8.0).max(1.0),
        max_rows: rows.unwrap_or(1),
        break_anywhere: rows.is_none(),
        overflow_character: Some('…'),
    };
    let galley = ui.painter().layout_job(job);
    let elided = galley.elided;
    let inner = rect.shrink2(egui::vec2(4.0, 2.0));
    let x = if align == Some(Align::RIGHT) { inner.right() - galley.size().x } else { inner.left() };
    let y = if rows.is_some() { inner.top() } else { inner.center().y - galley.size().y / 2.0 };
    ui.painter().line_segment(
        [rect.left_bottom(), rect.right_bottom()],
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
    );
    ui.painter().with_clip_rect(rect).galley(egui::pos2(x, y), galley, color);
    let value = text.to_owned();
    let label = name.to_owned();
    // Named by the field (as its input box is in editing mode), the value as its text.
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Paragraph, true, &label);
        info.current_text_value = Some(value.clone());
        info
    });
    if elided { response.on_hover_text(text) } else { response }
}

/// Adds a text field `width` wide. Inside a grid a widget only gets the column's width of
/// the previous frame, so the width is reserved first.
fn add_width(ui: &mut Ui, width: f32, edit: TextEdit) -> Response {
    ui.scope(|ui| {
        ui.set_min_width(width);
        ui.add(edit.desired_width(width))
    })
    .inner
}

/// The exact value as the user would type it ("1234.5").
fn plain(v: Decimal) -> String {
    v.normalize().to_string()
}

/// The invalid amounts typed in `section` that the model has not taken (grid cells have
/// no room for a message), in row order.
fn pending_messages(ctx: &FormCtx, section: Section) -> Vec<String> {
    ctx.edits
        .pending()
        .into_iter()
        .filter(|p| p.location.section == section)
        .map(|p| format!("{}（未生效，仍按原值计算）", p.message))
        .collect()
}

/// The notes above a grid, on one line that is always there, so a note appearing while
/// the officer types never moves the grid under the pointer: invalid inputs not taken,
/// then the section's findings that point at no field (worst first), then codes not in
/// the code list `list`. The first shows, then how many more; all of them on hover.
pub fn grid_notes_ui(ui: &mut Ui, ctx: &FormCtx, section: Section, unknown: &[(usize, &str)], list: &str) {
    let mut notes: Vec<(Color32, String)> =
        pending_messages(ctx, section).into_iter().map(|m| (ERROR_COLOR, m)).collect();
    let mut findings: Vec<&Finding> = ctx.findings_in(section).filter(|f| f.location.field.is_none()).collect();
    findings.sort_by_key(|f| f.severity);
    for f in findings {
        let place = match (f.location.row, f.location.item) {
            (Some(r), Some(i)) => format!("第{}行第{}项：", r + 1, i + 1),
            (Some(r), None) => format!("第{}行：", r + 1),
            _ => String::new(),
        };
        notes.push((severity_color(f.severity), format!("{}：{place}{}", f.severity.label(), f.message)));
    }
    for (i, code) in unknown {
        notes.push((WARNING_COLOR, format!("第{}行：编码“{code}”不在{list}中，请核对", i + 1)));
    }
    let text = notes.first().map(|(color, first)| match notes.len() {
        1 => (*color, first.clone()),
        n => (*color, format!("{first}　另有 {} 条（鼠标指向此处查看）", n - 1)),
    });
    let all: Vec<&str> = notes.iter().map(|(_, n)| n.as_str()).collect();
    note_line(ui, ui.available_width(), text, &all.join("\n"));
}

/// A single-line text field.
pub fn text(ui: &mut Ui, ctx: &mut FormCtx, value: &mut String, label: &str, loc: Location, width: f32) -> Response {
    text_impl(ui, ctx, value, label, loc, width, None)
}

/// A multi-line text field for long text (duties, goals, reasons), as wide as the space left.
pub fn text_multi(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut String,
    label: &str,
    loc: Location,
    rows: usize,
) -> Response {
    let width = ui.available_width().max(320.0);
    text_impl(ui, ctx, value, label, loc, width, Some(rows))
}

/// A multi-line text field of a given width (inside grids).
pub fn text_multi_width(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut String,
    label: &str,
    loc: Location,
    rows: usize,
    width: f32,
) -> Response {
    text_impl(ui, ctx, value, label, loc, width, Some(rows))
}

/// A single-line text field filling a grid cell.
pub fn text_cell(ui: &mut Ui, ctx: &mut FormCtx, value: &mut String, label: &str, loc: Location) -> Response {
    let width = ui.available_width().max(40.0);
    text_impl(ui, ctx, value, label, loc, width, None)
}

fn text_impl(
    ui: &mut Ui,
    ctx: &mut FormCtx,
    value: &mut String,
    label: &str,
    loc: Location,
    width: f32,
    rows: Option<usize>,
) -> Response {
    let id = field_id(&loc);
    let response = if ctx.read_only {
        read_only_value(ui, id, width, value, label, None, rows)
    } else {
        let edit = match rows {
            Some(r) => TextEdit::multiline(value).desired_rows(r),
            None => TextEdit::singleline(value),
        };
        let response = add_width(ui, width, edit.id(id));
        if response.changed() {
            ctx.changed = true;
        }
        response
    };
    let response = response.accessible_name(label);
    decorate(ui, ctx, response, &loc)
}

/// A computed figure: right-aligned, in the computed colour, never editable.
pub fn computed(ui: &mut Ui, value: Decimal) -> Response {
    ui.label(RichText::new(format_amount(value, false)).color(COMPUTED_COLOR))
}

/// A computed figure in a grid cell (right-aligned).
pub fn computed_cell(ui: &mut Ui, value: Decimal) -> Response {
    ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| computed(ui, value)).inner
}

/// A computed change ("+12.30", "-4.00").
pub fn change_text(change: Decimal) -> String {
    let s = format_amount(change, false);
    if change > Decimal::ZERO { format!("+{s}") } else { s }
}

/// A change shown in the computed colour, right-aligned.
pub fn change_cell(ui: &mut Ui, change: Decimal) -> Response {
    ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
        ui.label(RichText::new(change_text(change)).color(COMPUTED_COLOR))
    })
    .inner
}

/// The marker next to figures computed from the tables.
pub fn computed_badge(ui: &mut Ui) -> Response {
    ui.label(RichText::new("由表格计算").small().color(COMPUTED_COLOR))
        .on_hover_text("根据功能分类、经济分类明细自动计算，不能直接修改")
}

/// An edit on a list, recorded while drawing it and applied after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    Up(usize),
    Down(usize),
    Remove(usize),
    Duplicate(usize),
}

/// Applies `action` to `list`; returns the index the affected row now has (if any).
pub fn apply_row_action<T: Clone>(list: &mut Vec<T>, action: RowAction) -> Option<usize> {
    match action {
        RowAction::Up(i) if i > 0 && i < list.len() => {
            list.swap(i, i - 1);
            Some(i - 1)
        }
        RowAction::Down(i) if i + 1 < list.len() => {
            list.swap(i, i + 1);
            Some(i + 1)
        }
        RowAction::Remove(i) if i < list.len() => {
            list.remove(i);
            None
        }
        RowAction::Duplicate(i) if i < list.len() => {
            let copy = list[i].clone();
            list.insert(i + 1, copy);
            Some(i + 1)
        }
        _ => None,
    }
}

/// Applies a recorded action and marks the draft changed. Pending invalid amount texts
/// are keyed by position, so they are dropped when rows move.
pub fn apply_action<T: Clone>(ctx: &mut FormCtx, list: &mut Vec<T>, action: Option<RowAction>) -> Option<usize> {
    let action = action?;
    ctx.changed = true;
    ctx.edits.texts.clear();
    apply_row_action(list, action)
}

/// The 上移 / 下移 / 删除 buttons of row `i` of a list of `len`; `what` names the row for
/// screen readers ("职责第3项").
pub fn row_buttons(ui: &mut Ui, ctx: &FormCtx, i: usize, len: usize, what: &str) -> Option<RowAction> {
    if ctx.read_only {
        // Review mode: no editing controls at all.
        return None;
    }
    let mut action = None;
    let editable = !ctx.read_only;
    if small_button(ui, editable && i > 0, "上移", &format!("上移{what}")) {
        action = Some(RowAction::Up(i));
    }
    if small_button(ui, editable && i + 1 < len, "下移", &format!("下移{what}")) {
        action = Some(RowAction::Down(i));
    }
    if small_button(ui, editable, "删除", &format!("删除{what}")) {
        action = Some(RowAction::Remove(i));
        note_deleted(ui.ctx(), what);
    }
    action
}

fn deleted_id() -> Id {
    Id::unique("budget-forms-deleted")
}

/// Tells the app that `what` ("职责第3项") was deleted this frame, so it can offer 撤销.
pub fn note_deleted(ctx: &egui::Context, what: &str) {
    ctx.data_mut(|d| d.insert_temp(deleted_id(), what.to_owned()));
}

/// What a form deleted since the last call, if anything.
pub fn take_deleted(ctx: &egui::Context) -> Option<String> {
    ctx.data_mut(|d| d.remove_temp::<String>(deleted_id()))
}

/// A small button with an accessible name that says what it acts on.
pub fn small_button(ui: &mut Ui, enabled: bool, text: &str, name: &str) -> bool {
    ui.add_enabled(enabled, egui::Button::new(RichText::new(text).small())).accessible_name(name).clicked()
}

/// An "add" button (disabled in review mode).
pub fn add_button(ui: &mut Ui, ctx: &FormCtx, text: &str) -> bool {
    // Review mode: not shown at all.
    !ctx.read_only && ui.button(text).clicked()
}

/// A section title with a short explanation under it.
pub fn section_title(ui: &mut Ui, title: &str, explanation: &str) {
    ui.heading(title);
    if !explanation.is_empty() {
        ui.label(RichText::new(explanation).weak());
    }
    ui.add_space(4.0);
}

/// A field label for label/field grids.
pub fn field_label(ui: &mut Ui, text: &str) -> Response {
    ui.label(text)
}

/// Shows the findings at exactly `loc` as coloured lines (for places that are not a
/// single widget: a list's notes, a computed total).
pub fn findings_list_ui(ui: &mut Ui, ctx: &FormCtx, loc: &Location) {
    for f in ctx.findings.iter().filter(|f| f.location == *loc) {
        ui.label(RichText::new(format!("{}：{}", f.severity.label(), f.message)).color(severity_color(f.severity)));
    }
}

/// Worst severity per row of `section` (rows beyond `rows` are ignored), for row markers.
pub fn row_marks(ctx: &FormCtx, section: Section, rows: usize) -> Vec<Option<Severity>> {
    let mut marks = vec![None; rows];
    for f in ctx.findings_in(section) {
        if let Some(slot) = f.location.row.and_then(|r| marks.get_mut(r)) {
            *slot = Some(slot.map_or(f.severity, |s: Severity| s.min(f.severity)));
        }
    }
    marks
}

/// Worst severity per item (sub-row) of row `row` of `section`, for item markers.
pub fn row_marks_items(ctx: &FormCtx, section: Section, row: usize, items: usize) -> Vec<Option<Severity>> {
    let mut marks = vec![None; items];
    for f in ctx.findings_in(section).filter(|f| f.location.row == Some(row)) {
        if let Some(slot) = f.location.item.and_then(|i| marks.get_mut(i)) {
            *slot = Some(slot.map_or(f.severity, |s: Severity| s.min(f.severity)));
        }
    }
    marks
}

/// An item number inside row `row`, coloured by the worst finding of the item.
pub fn item_number(ui: &mut Ui, ctx: &FormCtx, section: Section, row: usize, item: usize, mark: Option<Severity>) {
    let text = RichText::new((item + 1).to_string());
    match mark {
        Some(s) => {
            ui.label(text.color(severity_color(s)).strong()).on_hover_ui(|ui| {
                for f in
                    ctx.findings_in(section).filter(|f| f.location.row == Some(row) && f.location.item == Some(item))
                {
                    ui.label(format!("{}：{}", f.severity.label(), f.message));
                }
            });
        }
        None => {
            ui.label(text);
        }
    }
}

/// A row number, coloured by the worst finding of the row (with the messages on hover).
pub fn row_number(ui: &mut Ui, ctx: &FormCtx, section: Section, row: usize, mark: Option<Severity>) {
    let text = RichText::new((row + 1).to_string());
    match mark {
        Some(s) => {
            let r = ui.label(text.color(severity_color(s)).strong());
            r.on_hover_ui(|ui| {
                for f in ctx.findings_in(section).filter(|f| f.location.row == Some(row)) {
                    ui.label(format!("{}：{}", f.severity.label(), f.message));
                }
            });
        }
        None => {
            ui.label(text);
        }
    }
}

/// Shows the findings of `section` that point at no field a form draws (section-wide or
/// row-wide findings), so nothing is reported only in the findings panel.
pub fn section_findings_ui(ui: &mut Ui, ctx: &FormCtx, section: Section) {
    for f in ctx.findings_in(section).filter(|f| f.location.field.is_none()) {
        let color = severity_color(f.severity);
        let place = match (f.location.row, f.location.item) {
            (Some(r), Some(i)) => format!("第{}行第{}项：", r + 1, i + 1),
            (Some(r), None) => format!("第{}行：", r + 1),
            _ => String::new(),
        };
        ui.label(RichText::new(format!("{}：{place}{}", f.severity.label(), f.message)).color(color));
    }
}

/// Marks a code cell whose code is not in the list: an orange frame and "未知编码" next to it.
pub fn unknown_code_mark(ui: &mut Ui, response: &Response, message: &str) {
    frame_rect(ui, response.rect, WARNING_COLOR);
    ui.label(RichText::new("未知编码").color(WARNING_COLOR)).on_hover_text(message);
}

/// A classification-code picker: a small combo whose popup searches `codes` (code or
/// name) and returns the chosen entry. `codes` is only called while the popup is open.
pub fn code_picker(
    ui: &mut Ui,
    ctx: &FormCtx,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    codes: impl FnOnce() -> Vec<(&'static str, &'static str)>,
) -> Option<(&'static str, &'static str)> {
    let mut picked = None;
    if ctx.read_only {
        return None;
    }
    let combo_id = Id::unique(("code-picker", &id_salt));
    let search_id = combo_id.with("search");
    ui.add_enabled_ui(!ctx.read_only, |ui| {
        let output = egui::ComboBox::from_id_salt(combo_id)
            .width(24.0)
            .selected_text("")
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .height(320.0)
            .show_ui(ui, |ui| {
                let mut search = ui.data(|d| d.get_temp::<String>(search_id)).unwrap_or_default();
                let r = ui.add(TextEdit::singleline(&mut search).hint_text("输入编码或名称查找").desired_width(260.0));
                let r = r.accessible_name(format!("{name} 查找"));
                // Typing goes to the search box as soon as the list opens.
                let opened_id = search_id.with("opened");
                if !ui.data(|d| d.get_temp::<bool>(opened_id).unwrap_or(false)) {
                    r.request_focus();
                    ui.data_mut(|d| d.insert_temp(opened_id, true));
                }
                if r.changed() {
                    ui.data_mut(|d| d.insert_temp(search_id, search.clone()));
                }
                let needle = search.trim();
                let all = codes();
                let matches: Vec<_> = all
                    .iter()
                    .filter(|(c, n)| needle.is_empty() || c.starts_with(needle) || n.contains(needle))
                    .collect();
                ui.label(RichText::new(format!("共 {} 项", matches.len())).weak().small());
                for (code, label) in matches.into_iter().take(300) {
                    let indent = "　".repeat(code.len().saturating_sub(3) / 2);
                    if ui.selectable_label(false, format!("{indent}{code} {label}")).clicked() {
                        picked = Some((*code, *label));
                        ui.close();
                    }
                }
            });
        if output.inner.is_none() {
            ui.data_mut(|d| {
                d.remove::<bool>(search_id.with("opened"));
                d.remove::<String>(search_id);
            });
        }
        output.response.accessible_name(format!("{name} 选择编码")).on_hover_text("从分类编码表中选择");
    });
    picked
}
