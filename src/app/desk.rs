//! The desk around the forms: what makes the app usable on an office laptop rather than
//! what it computes — remembered panel sizes, type size and theme, recent drafts,
//! printing through the system's PDF viewer, the file browser used when the desktop has
//! no file chooser, the "已删除 … 撤销" notice, and find (Ctrl+F).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{App, Command, FOCUS_SECS, settings::Settings};
use crate::export::{self, ExportOptions, Format};
use crate::model::Disclosure;
use crate::rules::{Location, Severity};
use crate::store;
use crate::ui::shell::commands::ThemeChoice;
use crate::ui::shell::dialogs::{Dialog, PathPurpose};
use crate::ui::shell::files::{FileBrowser, FileRequest, Picked};
use crate::ui::shell::places::{self, Match};

/// How many drafts 文件 → 最近打开 lists.
pub const MAX_RECENT: usize = 10;
/// How long (seconds) the "已删除 … 撤销" notice stays.
pub const NOTICE_SECS: f64 = 8.0;
/// Type size limits (1.0 = normal).
const ZOOM_RANGE: (f32, f32) = (0.7, 2.0);
const ZOOM_STEP: f32 = 0.1;

/// The window layout and look the officer chose, kept in the settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeskPrefs {
    /// Width of the navigation (px at normal size).
    pub nav_width: f32,
    /// Height of the findings panel.
    pub findings_height: f32,
    /// 视图 → 字号 (1.0 = normal).
    pub zoom: f32,
    pub theme: ThemeChoice,
    /// The navigation groups the officer collapsed (by label).
    pub collapsed_groups: Vec<String>,
}

impl Default for DeskPrefs {
    fn default() -> Self {
        DeskPrefs {
            nav_width: 260.0,
            findings_height: 170.0,
            zoom: 1.0,
            theme: ThemeChoice::System,
            collapsed_groups: Vec::new(),
        }
    }
}

/// Puts `path` first in `recent` (once), keeping at most [`MAX_RECENT`].
pub fn push_recent(recent: &mut Vec<PathBuf>, path: PathBuf) {
    recent.retain(|p| *p != path);
    recent.insert(0, path);
    recent.truncate(MAX_RECENT);
}

/// Hands a file to the program the system opens it with (a PDF viewer, which prints).
pub trait Opener {
    fn open(&mut self, path: &Path) -> Result<(), String>;
}

/// The system's "open with the default program".
#[derive(Debug, Default)]
pub struct SystemOpener;

impl Opener for SystemOpener {
    fn open(&mut self, path: &Path) -> Result<(), String> {
        open::that_detached(path).map_err(|e| e.to_string())
    }
}

/// A short message at the bottom of the form, optionally with an 撤销 button.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    /// Offer 撤销 (the notice reports a deletion).
    pub undo: bool,
    /// Until when (seconds) it shows.
    pub until: f64,
}

/// The find bar's state.
#[derive(Debug, Clone, Default)]
pub struct FindBar {
    pub query: String,
    /// The query `matches` were computed for.
    searched: String,
    pub matches: Vec<Match>,
    /// Index into `matches` of the one shown.
    pub current: Option<usize>,
    /// The field has been given the keyboard focus once.
    focused: bool,
}

/// The most matches listed (more only says "超过").
const MAX_MATCHES: usize = 500;

impl App {
    /// Applies the remembered type size and theme (first frame and after a change).
    pub(super) fn apply_look(&mut self, ctx: &egui::Context) {
        ctx.options_mut(|o| {
            // Our own 字号 commands handle Ctrl+= / Ctrl+- and remember the size.
            o.zoom_with_keyboard = false;
            o.fallback_theme = egui::Theme::Light;
            o.theme_preference = match self.prefs.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            };
        });
        ctx.set_zoom_factor(self.prefs.zoom);
    }

    /// Changes the type size by `step` (0: back to normal).
    pub(super) fn zoom(&mut self, ctx: &egui::Context, step: f32) {
        let zoom = if step == 0.0 { 1.0 } else { self.prefs.zoom + step * ZOOM_STEP };
        self.prefs.zoom = (zoom * 10.0).round().clamp(ZOOM_RANGE.0 * 10.0, ZOOM_RANGE.1 * 10.0) / 10.0;
        self.apply_look(ctx);
        self.save_prefs();
    }

    pub(super) fn set_theme(&mut self, ctx: &egui::Context, theme: ThemeChoice) {
        self.prefs.theme = theme;
        self.apply_look(ctx);
        self.save_prefs();
    }

    /// The type size (1.0 = normal).
    pub fn zoom_factor(&self) -> f32 {
        self.prefs.zoom
    }

    /// The drafts of 文件 → 最近打开, newest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent
    }

    /// The notice on screen ("已删除…"), if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The in-app file browser on screen, if any: what it asks for.
    pub fn file_browser(&self) -> Option<&FileRequest> {
        self.browser.as_ref().map(|(b, _)| b.request())
    }

    /// Writes the layout and look to the settings (other settings kept).
    pub(super) fn save_prefs(&mut self) {
        self.prefs_dirty = false;
        let Some(dir) = &self.config_dir else { return };
        let mut settings = Settings::load(dir);
        settings.desk = self.prefs.clone();
        settings.recent_files = self.recent.clone();
        // Forgetting a panel size is harmless; not worth interrupting the user.
        let _ = settings.save(dir);
    }

    /// Notes the panel sizes after a frame; saves them once the user lets go.
    pub(super) fn note_panel_sizes(&mut self, ctx: &egui::Context, nav_width: f32, findings_height: f32) {
        let changed = |a: f32, b: f32| (a - b).abs() >= 1.0;
        if changed(nav_width, self.prefs.nav_width) || changed(findings_height, self.prefs.findings_height) {
            self.prefs.nav_width = nav_width.round();
            self.prefs.findings_height = findings_height.round();
            self.prefs_dirty = true;
        }
        if self.prefs_dirty && !ctx.input(|i| i.pointer.any_down()) {
            self.save_prefs();
        }
    }

    /// Asks for a file with the system chooser, or the in-app browser when there is
    /// none; `purpose` says what to do with it.
    pub(super) fn choose_file(&mut self, request: FileRequest, purpose: PathPurpose) {
        match self.chooser.choose(&request) {
            Picked::Path(path) => self.queued_paths.push((purpose, path)),
            Picked::Cancelled => {}
            Picked::Unavailable => self.browser = Some((FileBrowser::new(request), purpose)),
        }
    }

    /// The in-app browser, while open; acts on the file chosen.
    pub(super) fn browser_ui(&mut self, ctx: &egui::Context) {
        let Some((browser, _)) = &mut self.browser else { return };
        let Some(result) = browser.show(ctx) else { return };
        if let Some((_, purpose)) = self.browser.take()
            && let Some(path) = result
        {
            self.queued_paths.push((purpose, path));
        }
        ctx.request_repaint();
    }

    /// The file request of `purpose`, starting in the draft's folder with a suggested name.
    pub(super) fn file_request(&self, purpose: &PathPurpose) -> FileRequest {
        let stem = format!("{}{}年部门预算", self.doc.header.department.trim(), self.doc.header.year);
        let current = self.path.as_deref().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned());
        let (type_name, ext, name) = match purpose {
            PathPurpose::Open | PathPurpose::NewFromLastYear | PathPurpose::Compare => ("草稿文件", "ron", None),
            PathPurpose::ExportReview { pdf: true } => ("PDF 文件", "pdf", Some(format!("{stem}-审阅报告.pdf"))),
            PathPurpose::ExportReview { pdf: false } => ("文本文件", "txt", Some(format!("{stem}-审阅报告.txt"))),
            PathPurpose::SaveDraft { .. } => {
                ("草稿文件", "ron", Some(current.unwrap_or_else(|| format!("{stem}.ron"))))
            }
            PathPurpose::ExportPdf { .. } => ("PDF 文件", "pdf", Some(format!("{stem}.pdf"))),
            PathPurpose::ExportFindings => ("文本文件", "txt", Some(format!("{stem}-检查报告.txt"))),
            PathPurpose::ExportText => ("文本文件", "txt", Some(format!("{stem}.txt"))),
            PathPurpose::ImportExcel => ("Excel / WPS / LibreOffice 工作簿", "xlsx", None),
            PathPurpose::ExportXlsx => ("Excel 工作簿", "xlsx", Some(format!("{stem}-九张表.xlsx"))),
            PathPurpose::ExportDocx => ("Word 文档", "docx", Some(format!("{stem}.docx"))),
        };
        let also = match purpose {
            PathPurpose::ImportExcel => ["xls", "ods", "xlsm", "xlsb"].map(str::to_owned).to_vec(),
            _ => Vec::new(),
        };
        FileRequest {
            title: purpose.title().to_owned(),
            type_name: type_name.to_owned(),
            ext: ext.to_owned(),
            also,
            file_name: name,
            dir: self.path.as_deref().and_then(Path::parent).map(Path::to_path_buf),
            save: !matches!(
                purpose,
                PathPurpose::Open | PathPurpose::ImportExcel | PathPurpose::NewFromLastYear | PathPurpose::Compare
            ),
        }
    }

    fn error_count(&mut self) -> usize {
        self.refresh_findings();
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    /// 打印…: asks first when the draft has 错误.
    pub(super) fn start_print(&mut self) {
        // Printing what the draft holds while an input is not taken would mislead.
        if self.refuse_with_pending("打印") {
            return;
        }
        match self.error_count() {
            0 => self.print(false),
            errors => self.dialogs.push(Dialog::PrintWithErrors { errors }),
        }
    }

    /// 导出文本…: asks first when the draft has 错误, as the PDF export does.
    pub(super) fn start_text_export(&mut self) {
        match self.error_count() {
            0 => self.choose_file(self.file_request(&PathPurpose::ExportText), PathPurpose::ExportText),
            errors => self.dialogs.push(Dialog::TextWithErrors { errors }),
        }
    }

    /// Exports the PDF to a temporary file and hands it to the system's viewer, which
    /// prints; says where the PDF is when nothing can open it.
    pub(super) fn print(&mut self, watermark: bool) {
        let bytes = match export::export(&self.doc, Format::Pdf, &ExportOptions { draft_watermark: watermark }) {
            Ok(bytes) => bytes,
            Err(e) => return self.tell("无法打印", format!("PDF 生成失败：{e}")),
        };
        let dir = std::env::temp_dir().join("budget-disclosure-print");
        let name = format!("{}{}年部门预算-打印.pdf", self.doc.header.department.trim(), self.doc.header.year);
        let path = dir.join(name);
        if let Err(e) = std::fs::create_dir_all(&dir)
            .map_err(|e| e.to_string())
            .and_then(|()| store::write_atomic(&path, &bytes, false).map_err(|e| e.to_string()))
        {
            return self.tell("无法打印", format!("无法写入临时 PDF：{e}"));
        }
        match self.opener.open(&path) {
            Ok(()) => {
                self.show_notice(format!("已用系统的 PDF 阅读器打开打印稿，请在其中打印：{}", path.display()), false)
            }
            Err(e) => self.tell(
                "无法打开 PDF 阅读器",
                format!(
                    "打印稿已生成，但系统没有能打开 PDF 的程序（{e}）。\n请用 PDF 阅读器打开后打印：\n{}",
                    path.display()
                ),
            ),
        }
    }

    pub(super) fn show_notice(&mut self, text: String, undo: bool) {
        self.notice = Some(Notice { text, undo, until: self.now + NOTICE_SECS });
    }

    /// After a form frame: a row deleted through a form gets the "已删除 … 撤销" notice.
    /// True when there was one.
    pub(super) fn take_deletion(&mut self, ctx: &egui::Context) -> bool {
        let Some(what) = crate::ui::widgets::take_deleted(ctx) else { return false };
        // The history still holds the draft as it was before the deletion.
        let before = self.history.current();
        let name = places::first_change(before, &self.doc)
            .and_then(|at| places::row_name(before, &at))
            .filter(|name| !what.contains(name.as_str()));
        let text = match name {
            Some(name) => format!("已删除{what}（{name}）"),
            None => format!("已删除{what}"),
        };
        self.show_notice(text, true);
        true
    }

    /// The notice over the bottom of the form area.
    pub(super) fn notice_ui(&mut self, ctx: &egui::Context, form: egui::Rect) {
        let Some(notice) = &self.notice else { return };
        if self.now >= notice.until {
            self.notice = None;
            return;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(notice.until - self.now));
        let (text, undo) = (notice.text.clone(), notice.undo);
        let mut close = false;
        egui::Area::new(egui::Id::unique("desk-notice"))
            .order(egui::Order::Foreground)
            .pivot(egui::Align2::CENTER_BOTTOM)
            .fixed_pos(form.center_bottom() - egui::vec2(0.0, 12.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(&text);
                        if undo && ui.button("撤销").on_hover_text("Ctrl+Z").clicked() {
                            self.queued.push(Command::Undo);
                            close = true;
                        }
                        if ui.small_button("×").accessible_name("关闭提示").clicked() {
                            close = true;
                        }
                    });
                });
            });
        if close {
            self.notice = None;
        }
    }

    /// After an undo or redo: show what changed (its section, row and sub-row).
    pub(super) fn show_change(&mut self, before: &Disclosure) {
        if let Some(location) = places::first_change(before, &self.doc) {
            self.jump_to(location);
        }
    }

    /// Shows `location`'s section and scrolls to it, highlighted for a while.
    pub(super) fn jump_to(&mut self, location: Location) {
        self.section = location.section;
        self.focus = Some((location, self.now + FOCUS_SECS));
        self.rescroll = true;
        self.history.break_group();
    }

    /// Ctrl+F: shows the find bar (or focuses it again).
    pub(super) fn open_find(&mut self) {
        let bar = self.find.get_or_insert_with(FindBar::default);
        bar.focused = false;
    }

    /// The find bar under the menu, while open.
    pub(super) fn find_ui(&mut self, ui: &mut egui::Ui) {
        if self.find.is_none() {
            return;
        }
        let mut jump = None;
        let mut close = false;
        egui::Panel::top("find-bar").show(ui, |ui| {
            let Some(bar) = &mut self.find else { return };
            ui.horizontal(|ui| {
                let label = ui.label("查找");
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut bar.query)
                            .hint_text("文字或金额，如 公务接待 或 1445.11")
                            .desired_width(260.0),
                    )
                    .labelled_by(label.id)
                    .accessible_name("查找内容");
                if !std::mem::replace(&mut bar.focused, true) {
                    edit.request_focus();
                }
                if bar.query != bar.searched {
                    bar.searched = bar.query.clone();
                    bar.matches = places::find(&self.doc, &bar.query, MAX_MATCHES + 1);
                    bar.current = None;
                }
                let n = bar.matches.len();
                let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let mut step: Option<bool> = None;
                if ui.add_enabled(n > 0, egui::Button::new("上一个")).clicked() {
                    step = Some(false);
                }
                if ui.add_enabled(n > 0, egui::Button::new("下一个")).clicked() || (entered && n > 0) {
                    step = Some(true);
                }
                if let Some(forward) = step {
                    // The draft may have changed since the last search.
                    bar.matches = places::find(&self.doc, &bar.query, MAX_MATCHES + 1);
                    let found = bar.matches.len();
                    let current = bar.current.filter(|i| *i < found);
                    bar.current = match (current, forward) {
                        _ if found == 0 => None,
                        (None, true) => Some(0),
                        (None, false) => Some(found - 1),
                        (Some(i), true) => Some((i + 1) % found),
                        (Some(i), false) => Some((i + found - 1) % found),
                    };
                    jump = bar.current.map(|i| bar.matches[i].location.clone());
                    if entered {
                        edit.request_focus();
                    }
                }
                let n = bar.matches.len();
                let status = match (n, bar.current) {
                    (0, _) if bar.query.trim().is_empty() => String::new(),
                    (0, _) => "没有找到".to_owned(),
                    (n, None) if n > MAX_MATCHES => format!("超过 {MAX_MATCHES} 处，按回车逐个查看"),
                    (n, None) => format!("共 {n} 处，按回车逐个查看"),
                    (n, Some(i)) => {
                        let m = &bar.matches[i];
                        format!("第 {}/{n} 处：{} {}", i + 1, place_name(&m.location), m.text)
                    }
                };
                ui.label(status);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("关闭").on_hover_text("Esc").clicked() {
                        close = true;
                    }
                });
            });
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if let Some(location) = jump {
            self.jump_to(location);
        }
        if close {
            self.find = None;
        }
    }
}

/// "项目绩效目标表 第3行第2项".
fn place_name(location: &Location) -> String {
    let mut s = location.section.label().to_owned();
    match (location.row, location.item) {
        (Some(r), Some(i)) => s.push_str(&format!(" 第{}行第{}项", r + 1, i + 1)),
        (Some(r), None) => s.push_str(&format!(" 第{}行", r + 1)),
        _ => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut recent = Vec::new();
        for i in 0..12 {
            push_recent(&mut recent, PathBuf::from(format!("/d/{i}.ron")));
        }
        push_recent(&mut recent, PathBuf::from("/d/5.ron"));
        assert_eq!(recent.len(), MAX_RECENT);
        assert_eq!(recent[0], PathBuf::from("/d/5.ron"));
        assert_eq!(recent.iter().filter(|p| p.as_path() == Path::new("/d/5.ron")).count(), 1);
        assert_eq!(recent[1], PathBuf::from("/d/11.ron"));
    }
}
