//! A read-only view of one laid-out [`Table`] of the export's Document IR.
//!
//! The GUI shows the standard tables through the very `Table` the exporters print, so the
//! screen cannot disagree with the paper. `egui::Grid` cannot span cells and the standard
//! tables' headers are all spans, so the grid is painted here: columns share the width
//! by their weights (with a minimum so amounts stay legible; wider tables scroll
//! sideways), the header stays on top while the body scrolls, and only the body rows on
//! screen are laid out. Every painted cell with text gets an accessible label.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Id, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, TextFormat, Ui, Vec2};

use crate::export::{Align, Cell, Table};
use crate::rules::Severity;
use crate::ui::widgets as w;

/// Pixels per unit of column weight at least (weight 4, an amount column, is 96 px).
const MIN_UNIT: f32 = 24.0;
/// Horizontal and vertical padding inside a cell.
const PAD_X: f32 = 6.0;
const PAD_Y: f32 = 4.0;

/// A finding on a body row: the row is framed in the severity's colour and the message
/// shows when the pointer is on it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowMark {
    /// Index into `Table::rows`.
    pub row: usize,
    pub severity: Severity,
    pub message: String,
}

/// One table, ready to show: `DocTable::new(id, &table).marks(&marks).show(ui)`.
pub struct DocTable<'a> {
    id: Id,
    table: &'a Table,
    marks: &'a [RowMark],
    focus: Option<usize>,
    scroll_to_focus: bool,
}

/// A cell placed on the grid.
struct Placed<'a> {
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
    cell: &'a Cell,
}

/// Places the cells of `rows` on a grid of `ncols` columns: each cell takes the next
/// column not covered by a rowspan from above. Spans are clipped to the grid.
fn place(rows: &[Vec<Cell>], ncols: usize) -> Vec<Placed<'_>> {
    let mut covered_until = vec![0usize; ncols];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while col < ncols && covered_until[col] > r {
                col += 1;
            }
            if col >= ncols {
                break;
            }
            let colspan = usize::from(cell.colspan.max(1)).min(ncols - col);
            let rowspan = usize::from(cell.rowspan.max(1)).min(rows.len() - r);
            for c in &mut covered_until[col..col + colspan] {
                *c = r + rowspan;
            }
            out.push(Placed { row: r, col, colspan, rowspan, cell });
            col += colspan;
        }
    }
    out
}

/// Column edges (x offsets from the table's left, `ncols + 1` of them) for `width`.
fn column_edges(table: &Table, width: f32) -> Vec<f32> {
    let total: f32 = table.columns.iter().map(|c| f32::from(c.weight.max(1))).sum();
    let unit = (width / total.max(1.0)).max(MIN_UNIT);
    let mut edges = vec![0.0];
    let mut x = 0.0;
    for c in &table.columns {
        x += f32::from(c.weight.max(1)) * unit;
        edges.push(x);
    }
    edges
}

/// Lays out `text` into `width`: wrapped (header) or on one elided line (body).
fn layout(text: &str, font: &FontId, color: Color32, width: f32, wrap: bool, align: Align) -> LayoutJob {
    let mut job = LayoutJob::single_section(text.to_owned(), TextFormat::simple(font.clone(), color));
    job.wrap = TextWrapping {
        max_width: width.max(1.0),
        max_rows: if wrap { usize::MAX } else { 1 },
        break_anywhere: !wrap,
        overflow_character: if wrap { None } else { Some('…') },
    };
    job.halign = match align {
        Align::Left => egui::Align::LEFT,
        Align::Center => egui::Align::Center,
        Align::Right => egui::Align::RIGHT,
    };
    job
}

impl<'a> DocTable<'a> {
    pub fn new(id_salt: impl egui::AsIdSalt, table: &'a Table) -> Self {
        DocTable { id: Id::unique(("doc-table", id_salt)), table, marks: &[], focus: None, scroll_to_focus: false }
    }

    /// Findings to mark on body rows.
    pub fn marks(mut self, marks: &'a [RowMark]) -> Self {
        self.marks = marks;
        self
    }

    /// Highlights body row `row` (the finding the user jumped to); scrolls it into view
    /// when `scroll` (ask once per jump, not every frame).
    pub fn focus(mut self, row: Option<usize>, scroll: bool) -> Self {
        self.focus = row;
        self.scroll_to_focus = scroll;
        self
    }

    pub fn show(self, ui: &mut Ui) {
        let table = self.table;
        let ncols = table.columns.len();
        if !table.title.trim().is_empty() {
            ui.vertical_centered(|ui| ui.label(RichText::new(table.title.trim()).strong().size(17.0)));
        }
        captions_ui(ui, &table.captions);
        if ncols == 0 {
            return;
        }
        let show_note = table.is_empty() && table.empty_note.is_some();
        let note_height = if show_note { ui.text_style_height(&egui::TextStyle::Body) + 8.0 } else { 0.0 };

        let scroll_bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_inner_margin + 2.0;
        let edges = column_edges(table, (ui.available_width() - scroll_bar).max(100.0));
        let width = edges[ncols];
        let font = egui::TextStyle::Body.resolve(ui.style());
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 2.0 * PAD_Y;

        let header = place(&table.header, ncols);
        let header_rows = header_row_tops(ui, &header, table.header.len(), &edges, &font, row_height);
        let header_height = header_rows[table.header.len()];
        let body = place(&table.rows, ncols);
        // Start of each body row's cells in `body` (rows are placed in order).
        let mut row_start = vec![body.len(); table.rows.len() + 1];
        for (k, p) in body.iter().enumerate().rev() {
            row_start[p.row] = k;
        }
        for r in (0..table.rows.len()).rev() {
            row_start[r] = row_start[r].min(row_start[r + 1]);
        }
        let max_rowspan = body.iter().map(|p| p.rowspan).max().unwrap_or(1);
        let content = Vec2::new(width, header_height + table.rows.len() as f32 * row_height);

        let visuals = ui.visuals().clone();
        let grid = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
        let text_color = visuals.text_color();
        let strong_color = visuals.strong_text_color();
        let max_height = (ui.available_height() - note_height).max(header_height + 3.0 * row_height);

        egui::ScrollArea::both().id_salt(self.id).auto_shrink([false, true]).max_height(max_height).show_viewport(
            ui,
            |ui, viewport| {
                let (rect, _) = ui.allocate_exact_size(content, Sense::hover());
                let origin = rect.min;
                let body_top = origin.y + header_height;
                let row_rect = |r: usize, rows: usize| -> Rect {
                    Rect::from_min_size(
                        Pos2::new(origin.x, body_top + r as f32 * row_height),
                        Vec2::new(width, rows as f32 * row_height),
                    )
                };
                if let Some(r) = self.focus.filter(|_| self.scroll_to_focus)
                    && r < table.rows.len()
                {
                    ui.scroll_to_rect(row_rect(r, 1), Some(egui::Align::Center));
                }

                // Body rows on screen below the pinned header (and rows above whose cells
                // span into view).
                let first = (viewport.min.y / row_height).floor().max(0.0) as usize;
                let last = (((viewport.max.y - header_height) / row_height).ceil().max(0.0) as usize + 1)
                    .min(table.rows.len());
                let from = first.saturating_sub(max_rowspan - 1).min(last);
                let painter = ui.painter().clone();
                for mark in self.marks.iter().filter(|m| (first..last).contains(&m.row)) {
                    let color = w::severity_color(mark.severity);
                    painter.rect_filled(row_rect(mark.row, 1), 0.0, color.gamma_multiply(0.12));
                }
                for p in &body[row_start[from]..row_start[last]] {
                    let cell_rect = Rect::from_min_max(
                        Pos2::new(origin.x + edges[p.col], body_top + p.row as f32 * row_height),
                        Pos2::new(
                            origin.x + edges[p.col + p.colspan],
                            body_top + (p.row + p.rowspan) as f32 * row_height,
                        ),
                    );
                    painter.rect_stroke(cell_rect, 0.0, grid, StrokeKind::Inside);
                    let align = p.cell.align.unwrap_or(table.columns[p.col].align);
                    let color = if p.cell.bold { strong_color } else { text_color };
                    cell_ui(ui, self.id.with(("b", p.row, p.col)), cell_rect, p.cell, align, &font, color, false);
                }
                for mark in self.marks.iter().filter(|m| (first..last).contains(&m.row)) {
                    let rect = row_rect(mark.row, 1);
                    painter.rect_stroke(
                        rect,
                        0.0,
                        Stroke::new(2.0, w::severity_color(mark.severity)),
                        StrokeKind::Inside,
                    );
                    // Hover anywhere on the row, not only on cells with text.
                    ui.interact(rect, self.id.with(("mark", mark.row)), Sense::hover()).on_hover_text(format!(
                        "{}：{}",
                        mark.severity.label(),
                        mark.message
                    ));
                }
                if let Some(r) = self.focus.filter(|r| (first..last).contains(r)) {
                    painter.rect_stroke(
                        row_rect(r, 1).expand(1.0),
                        2.0,
                        Stroke::new(2.5, w::FOCUS_COLOR),
                        StrokeKind::Outside,
                    );
                }

                // The header last, over the body, pinned to the top of the view.
                let top = origin.y + viewport.min.y.max(0.0);
                painter.rect_filled(
                    Rect::from_min_size(Pos2::new(origin.x, top), Vec2::new(width, header_height)),
                    0.0,
                    visuals.extreme_bg_color,
                );
                for p in &header {
                    let cell_rect = Rect::from_min_max(
                        Pos2::new(origin.x + edges[p.col], top + header_rows[p.row]),
                        Pos2::new(origin.x + edges[p.col + p.colspan], top + header_rows[p.row + p.rowspan]),
                    );
                    painter.rect_filled(cell_rect, 0.0, visuals.faint_bg_color);
                    painter.rect_stroke(cell_rect, 0.0, grid, StrokeKind::Inside);
                    let align = p.cell.align.unwrap_or(Align::Center);
                    cell_ui(ui, self.id.with(("h", p.row, p.col)), cell_rect, p.cell, align, &font, strong_color, true);
                }
            },
        );
        if show_note && let Some(note) = &table.empty_note {
            ui.label(RichText::new(note).color(w::WARNING_COLOR));
        }
    }
}

/// The captions spread over one line: first left, last right, the others between.
fn captions_ui(ui: &mut Ui, captions: &[String]) {
    let captions: Vec<&str> = captions.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    if captions.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let gap = (ui.available_width() / captions.len() as f32 / 3.0).clamp(12.0, 120.0);
        for (i, c) in captions.iter().enumerate() {
            if i > 0 {
                ui.add_space(gap);
            }
            ui.label(RichText::new(*c).weak());
        }
    });
}

/// The top of every header row (and the header's bottom): each row is as high as its
/// tallest unspanned cell; a cell spanning rows stretches its last row if it needs to.
fn header_row_tops(ui: &Ui, header: &[Placed], nrows: usize, edges: &[f32], font: &FontId, min: f32) -> Vec<f32> {
    let needed = |p: &Placed| {
        let width = edges[p.col + p.colspan] - edges[p.col] - 2.0 * PAD_X;
        let job = layout(&p.cell.text, font, Color32::PLACEHOLDER, width, true, Align::Center);
        ui.painter().layout_job(job).size().y + 2.0 * PAD_Y
    };
    let mut heights = vec![min; nrows];
    for p in header.iter().filter(|p| p.rowspan == 1) {
        heights[p.row] = heights[p.row].max(needed(p));
    }
    for p in header.iter().filter(|p| p.rowspan > 1) {
        let have: f32 = heights[p.row..p.row + p.rowspan].iter().sum();
        let need = needed(p);
        if need > have {
            heights[p.row + p.rowspan - 1] += need - have;
        }
    }
    let mut tops = vec![0.0];
    for h in heights {
        tops.push(tops.last().copied().unwrap_or(0.0) + h);
    }
    tops
}

/// Paints one cell's text in `rect` and gives it an accessible label; bold text is
/// painted twice, half a pixel apart (the UI font has no bold face).
#[allow(clippy::too_many_arguments)]
fn cell_ui(ui: &Ui, id: Id, rect: Rect, cell: &Cell, align: Align, font: &FontId, color: Color32, wrap: bool) {
    let text = cell.text.trim_end();
    if text.trim().is_empty() {
        return;
    }
    let inner = rect.shrink2(Vec2::new(PAD_X, PAD_Y));
    let job = layout(text, font, color, inner.width(), wrap, align);
    let galley = ui.painter().layout_job(job);
    let x = match align {
        Align::Left => inner.left(),
        Align::Center => inner.center().x,
        Align::Right => inner.right(),
    };
    let pos = Pos2::new(x, inner.center().y - galley.size().y / 2.0);
    let painter = ui.painter().with_clip_rect(rect.intersect(ui.clip_rect()));
    let elided = galley.elided;
    if cell.bold {
        painter.galley(pos + Vec2::new(0.5, 0.0), galley.clone(), color);
    }
    painter.galley(pos, galley, color);
    let response = ui.interact(rect, id, Sense::hover());
    let label = text.trim().to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    if elided {
        response.on_hover_text(label);
    }
}
