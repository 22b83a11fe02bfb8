//! The editable grids (功能分类, 经济分类, 政府采购, 绩效指标): a table whose first
//! columns stay put while it scrolls sideways and whose header row stays on top while it
//! scrolls down.
//!
//! A 1366 px laptop cannot show seventeen amount columns at once, and an officer typing
//! the 政府性基金 of line 40 must still see which line it is. `egui_extras::TableBuilder`
//! pins the header but not a column, so the grid is laid out here: one scroll area over
//! the whole table (the wheel scrolls down, Shift+wheel sideways), the rows on screen
//! only, and every cell a child `Ui` clipped to its region, so a cell scrolled under the
//! frozen columns or the header neither shows nor takes clicks.

use egui::{Align, Color32, Id, Layout, Pos2, Rect, RichText, Sense, Stroke, Ui, UiBuilder, Vec2};

/// Horizontal padding inside a cell.
const PAD_X: f32 = 3.0;

/// One column: its header text and width (px).
#[derive(Debug, Clone, PartialEq)]
pub struct GridColumn {
    pub title: String,
    pub width: f32,
}

impl GridColumn {
    pub fn new(title: impl Into<String>, width: f32) -> Self {
        GridColumn { title: title.into(), width }
    }
}

/// A grid: `FrozenGrid::new("id", columns).frozen(2).show(ui, rows, |row| …)`.
pub struct FrozenGrid {
    id: Id,
    columns: Vec<GridColumn>,
    frozen: usize,
    row_height: f32,
    header_lines: usize,
    scroll_to_row: Option<usize>,
    highlight_row: Option<usize>,
    max_height: Option<f32>,
}

/// Where this frame's cells go.
struct Geometry {
    /// Left edge (absolute) of every column this frame.
    left: Vec<f32>,
    widths: Vec<f32>,
    frozen: usize,
    /// The region of the scrolling cells and of the frozen cells, below the header.
    body_clip: Rect,
    frozen_clip: Rect,
    /// The grid's own view of the body (unclipped by any scroll area around it).
    body_top: f32,
    body_bottom: f32,
    row_height: f32,
}

/// One row being drawn: call [`GridRow::col`] once per column, in order.
pub struct GridRow<'a> {
    ui: &'a mut Ui,
    geo: &'a Geometry,
    index: usize,
    top: f32,
    col: usize,
}

impl GridRow<'_> {
    /// The row's index (0-based).
    pub fn index(&self) -> usize {
        self.index
    }

    /// Draws the next column's cell with `add`. Calls beyond the grid's columns do
    /// nothing, so a form can leave its last column out (操作 in review mode).
    pub fn col(&mut self, add: impl FnOnce(&mut Ui)) {
        let c = self.col;
        self.col += 1;
        let Some(&left) = self.geo.left.get(c) else { return };
        let rect = Rect::from_min_size(Pos2::new(left, self.top), Vec2::new(self.geo.widths[c], self.geo.row_height));
        let clip = if c < self.geo.frozen { self.geo.frozen_clip } else { self.geo.body_clip };
        if rect.bottom() <= self.geo.body_top || rect.top() >= self.geo.body_bottom {
            // Scrolled under the header or below the grid's view. (A row outside the
            // view of a scroll area around the grid is laid out, clipped, so a jump to
            // it can scroll there.)
            return;
        }
        // A cell scrolled sideways out of view is still laid out (clipped to nothing),
        // so a jump to it can scroll the grid to it.
        let visible = rect.intersect(clip);
        let inner = rect.shrink2(Vec2::new(PAD_X, 1.0));
        let mut child = self.ui.new_child(
            UiBuilder::new()
                .id_salt(("grid-cell", self.index, c))
                .max_rect(inner)
                .layout(Layout::left_to_right(Align::Center)),
        );
        child.set_clip_rect(visible);
        add(&mut child);
    }
}

impl FrozenGrid {
    pub fn new(id_salt: impl std::hash::Hash + std::fmt::Debug, columns: Vec<GridColumn>) -> Self {
        FrozenGrid {
            id: Id::unique(("frozen-grid", id_salt)),
            columns,
            frozen: 1,
            row_height: 26.0,
            header_lines: 1,
            scroll_to_row: None,
            highlight_row: None,
            max_height: None,
        }
    }

    /// How many columns at the left stay visible while the grid scrolls sideways.
    pub fn frozen(mut self, columns: usize) -> Self {
        self.frozen = columns;
        self
    }

    pub fn row_height(mut self, height: f32) -> Self {
        self.row_height = height;
        self
    }

    /// Lines of header text (long titles wrap).
    pub fn header_lines(mut self, lines: usize) -> Self {
        self.header_lines = lines.max(1);
        self
    }

    /// Scrolls row `row` into the middle of the view (ask once per jump).
    pub fn scroll_to_row(mut self, row: Option<usize>) -> Self {
        self.scroll_to_row = row;
        self
    }

    /// Frames row `row` in the jump colour (the row the user jumped to, found, or that
    /// an undo changed).
    pub fn highlight_row(mut self, row: Option<usize>) -> Self {
        self.highlight_row = row;
        self
    }

    /// The grid's height at most (default: the space left).
    pub fn max_height(mut self, height: f32) -> Self {
        self.max_height = Some(height);
        self
    }

    /// The scroll area's id (for tests and for keeping the offset).
    pub fn scroll_id(&self) -> Id {
        self.id
    }

    /// Draws the header and the rows on screen of a grid of `rows` rows.
    pub fn show(self, ui: &mut Ui, rows: usize, mut row_ui: impl FnMut(&mut GridRow)) {
        let frozen = self.frozen.min(self.columns.len());
        let widths: Vec<f32> = self.columns.iter().map(|c| c.width).collect();
        let width: f32 = widths.iter().sum();
        let frozen_width: f32 = widths[..frozen].iter().sum();
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let header_height = line * self.header_lines as f32 + 8.0;
        let row_height = self.row_height;
        let content = Vec2::new(width, header_height + rows as f32 * row_height);
        let max_height = self.max_height.unwrap_or_else(|| ui.available_height()).max(header_height + 3.0 * row_height);

        let visuals = ui.visuals().clone();
        let grid_stroke = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
        let area = egui::ScrollArea::both()
            .id_salt(self.id)
            .auto_shrink([false, true])
            .max_height(max_height)
            // Inside a scroll area around, the space left is only what is on screen:
            // take the grid's height anyway (up to `max_height`).
            .min_scrolled_height(content.y.min(max_height))
            // Always shown, so the officer sees there are more columns to the right.
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible);
        let output = area.show_viewport(ui, |ui, viewport| {
            let (rect, _) = ui.allocate_exact_size(content, Sense::hover());
            let origin = rect.min;
            let view = Rect::from_min_size(origin + viewport.min.to_vec2(), viewport.size());
            let body_top = origin.y + header_height;
            if let Some(r) = self.scroll_to_row.filter(|r| *r < rows) {
                let row_rect = Rect::from_min_size(
                    Pos2::new(view.left(), body_top + r as f32 * row_height),
                    Vec2::new(1.0, row_height),
                );
                ui.scroll_to_rect(row_rect, Some(Align::Center));
            }
            let frozen_right = view.left() + frozen_width;
            let below_header = view.top() + header_height;
            let mut left = Vec::with_capacity(widths.len());
            let mut x = 0.0;
            for (c, w) in widths.iter().enumerate() {
                left.push(if c < frozen { view.left() + x } else { origin.x + x });
                x += w;
            }
            let geo = Geometry {
                left,
                widths: widths.clone(),
                frozen,
                body_clip: Rect::from_x_y_ranges(frozen_right..=view.right(), below_header..=view.bottom())
                    .intersect(ui.clip_rect()),
                frozen_clip: Rect::from_x_y_ranges(view.left()..=frozen_right, below_header..=view.bottom())
                    .intersect(ui.clip_rect()),
                body_top: below_header,
                body_bottom: view.bottom(),
                row_height,
            };

            let first = ((viewport.min.y) / row_height).floor().max(0.0) as usize;
            let last = ((((viewport.max.y - header_height) / row_height).ceil().max(0.0)) as usize + 1).min(rows);
            let painter = ui.painter().clone();
            let row_width = view.right().min(origin.x + width) - view.left();
            for index in first.min(last)..last {
                let top = body_top + index as f32 * row_height;
                let band = Rect::from_min_size(Pos2::new(view.left(), top), Vec2::new(row_width, row_height));
                if index % 2 == 1 {
                    painter.with_clip_rect(geo.body_clip.union(geo.frozen_clip)).rect_filled(
                        band,
                        0.0,
                        visuals.faint_bg_color,
                    );
                }
                let mut row = GridRow { ui, geo: &geo, index, top, col: 0 };
                row_ui(&mut row);
                if self.highlight_row == Some(index) {
                    painter.with_clip_rect(geo.body_clip.union(geo.frozen_clip)).rect_stroke(
                        band.shrink(1.0),
                        2.0,
                        Stroke::new(2.5, crate::ui::widgets::FOCUS_COLOR),
                        egui::StrokeKind::Inside,
                    );
                }
            }

            // The header, pinned to the top of the view, over the body.
            let header_band = Rect::from_min_size(view.min, Vec2::new(row_width.max(frozen_width), header_height));
            painter.rect_filled(header_band, 0.0, visuals.extreme_bg_color);
            for (c, column) in self.columns.iter().enumerate() {
                let cell = Rect::from_min_size(Pos2::new(geo.left[c], view.top()), Vec2::new(widths[c], header_height));
                let clip_x = if c < frozen { view.left()..=frozen_right } else { frozen_right..=view.right() };
                let clip = Rect::from_x_y_ranges(clip_x, view.top()..=below_header).intersect(ui.clip_rect());
                let visible = cell.intersect(clip);
                painter.with_clip_rect(visible).rect_stroke(cell, 0.0, grid_stroke, egui::StrokeKind::Inside);
                if column.title.is_empty() {
                    continue;
                }
                let mut child = ui.new_child(
                    UiBuilder::new()
                        .id_salt(("grid-header", c))
                        .max_rect(cell.shrink2(Vec2::new(PAD_X, 2.0)))
                        .layout(Layout::top_down(Align::Center).with_main_align(Align::Center)),
                );
                child.set_clip_rect(visible);
                child.add(egui::Label::new(RichText::new(&column.title).strong()).wrap()).on_hover_text(&column.title);
            }
            // A line where the frozen columns end, so the cut is visible.
            if frozen > 0 && frozen < widths.len() {
                painter.vline(
                    frozen_right,
                    view.top()..=view.bottom().min(body_top + rows as f32 * row_height),
                    Stroke::new(2.0, shadow(&visuals)),
                );
            }
        });
        if self.scroll_to_row.is_some_and(|r| r < rows) {
            // The grid scrolled to the row inside itself; a scroll area around the grid
            // (a project's form) must bring the grid into view too.
            ui.scroll_to_rect(output.inner_rect, None);
        }
    }
}

fn shadow(visuals: &egui::Visuals) -> Color32 {
    visuals.widgets.noninteractive.fg_stroke.color.gamma_multiply(0.35)
}
