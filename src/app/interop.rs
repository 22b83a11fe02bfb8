//! The app's side of the Excel import/export and of starting next year's draft:
//! picking files, showing the import preview, applying it as one undo step.

use std::path::Path;

use super::{App, Picked, pick};
use crate::import;
use crate::model::roll_forward;
use crate::rules::Section;
use crate::store;
use crate::ui::shell::dialogs::{Dialog, PathPurpose};

impl App {
    /// 文件 → 从 Excel 导入…: pick a workbook, then show the preview.
    pub(super) fn import_excel(&mut self) {
        if self.review {
            self.tell("审阅模式", "审阅模式下不能导入。请先结束审阅模式。");
            return;
        }
        let dialog = rfd::FileDialog::new()
            .set_title("从 Excel 导入")
            .add_filter("Excel / WPS / LibreOffice 工作簿", &["xlsx", "xls", "ods", "xlsm", "xlsb"]);
        let dialog = match self.path.as_deref().and_then(Path::parent) {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        };
        match pick(dialog, false) {
            Picked::Path(path) => self.preview_import(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => self.ask_path(PathPurpose::ImportExcel),
        }
    }

    /// Reads the workbook at `path` and shows what importing it would do.
    pub(super) fn preview_import(&mut self, path: &Path) {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                let why =
                    if e.kind() == std::io::ErrorKind::NotFound { "文件不存在".to_owned() } else { e.to_string() };
                self.tell("无法导入", format!("无法读取 {}：{why}", path.display()));
                return;
            }
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match import::preview(&bytes, &name, &self.doc) {
            Ok(preview) => self.dialogs.push(Dialog::ImportPreview(Box::new(preview))),
            Err(e) => self.tell("无法导入", format!("{e}\n\n草稿没有任何改动。")),
        }
    }

    /// 导入 in the preview: the parts are replaced at once, as one undo step.
    pub(super) fn apply_import(&mut self, preview: &import::ImportPreview) {
        self.history.break_group();
        preview.apply(&mut self.doc);
        self.edits.texts.clear();
        self.draft_edited(None);
        self.history.break_group();
        self.section = if preview.imported.function_lines.is_some() { Section::FunctionLines } else { self.section };
    }

    /// 文件 → 以上年草稿新建…: pick last year's draft (unsaved changes dealt with).
    pub(super) fn new_from_last_year(&mut self) {
        let dialog = rfd::FileDialog::new().set_title("选择上年的草稿").add_filter("草稿文件（RON）", &["ron"]);
        let dialog = match self.path.as_deref().and_then(Path::parent) {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        };
        match pick(dialog, false) {
            Picked::Path(path) => self.roll_forward_from(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => self.ask_path(PathPurpose::NewFromLastYear),
        }
    }

    /// Starts an unsaved draft for the year after the draft at `path`.
    pub(super) fn roll_forward_from(&mut self, path: &Path) {
        let last = match store::load(path) {
            Ok(d) => d,
            Err(e) => {
                self.tell("无法新建", format!("{e}\n\n当前草稿保持不变。"));
                return;
            }
        };
        let doc = roll_forward(&last, last.header.year + 1);
        let carried = doc.carried.pending(&doc).len();
        let year = doc.header.year;
        self.replace_draft(doc, None);
        self.saved = None;
        self.section = Section::Header;
        self.mark_changed();
        self.tell(
            "已以上年草稿新建",
            format!(
                "已新建 {year} 年草稿：沿用了 {} 年的文字和项目（{carried} 处标为“沿用上年，待确认”，修改或确认后消失），本年金额为空，上年数已填入。\n请先另存为新文件。",
                last.header.year
            ),
        );
    }

    /// 编辑 → 确认沿用上年的内容.
    pub(super) fn confirm_carried(&mut self) {
        if self.review || self.doc.carried.items.is_empty() {
            return;
        }
        self.doc.carried.confirm_all();
        self.draft_edited(None);
        self.history.break_group();
    }
}
