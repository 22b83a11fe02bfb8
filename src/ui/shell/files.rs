//! Choosing a file: the system's chooser when the desktop offers one, else a file
//! browser inside the app.
//!
//! The system chooser comes through xdg-desktop-portal (rfd). Many office desktops and
//! every headless session have no portal; rfd then returns at once with nothing, and the
//! app opens [`FileBrowser`] (egui_file) instead: folders, only the files of the wanted
//! type, a suggested name, starting in the draft's folder. Which chooser is asked is a
//! [`FileChooser`], so the tests can take the portal away.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to ask the user for.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRequest {
    /// Window title ("打开草稿").
    pub title: String,
    /// Name of the file type ("草稿文件").
    pub type_name: String,
    /// Extension without the dot ("ron"); a saved name gets it when it has none.
    pub ext: String,
    /// Other extensions accepted when opening ("xls", "ods" beside "xlsx").
    pub also: Vec<String>,
    /// Suggested file name (saving).
    pub file_name: Option<String>,
    /// Folder to start in.
    pub dir: Option<PathBuf>,
    /// Saving (else opening).
    pub save: bool,
}

/// What a chooser gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No chooser appeared: use the in-app browser.
    Unavailable,
}

/// A way of asking for a file outside the app's own windows.
pub trait FileChooser {
    fn choose(&mut self, request: &FileRequest) -> Picked;
}

/// The desktop's chooser, through xdg-desktop-portal.
#[derive(Debug, Default)]
pub struct SystemChooser;

impl FileChooser for SystemChooser {
    /// rfd returns `None` both when the user cancels and when no chooser could be shown;
    /// a `None` faster than any human can cancel means the latter.
    fn choose(&mut self, request: &FileRequest) -> Picked {
        let exts = filter_extensions(request, cfg!(not(any(windows, target_os = "macos"))));
        let mut dialog = rfd::FileDialog::new().set_title(&request.title).add_filter(request.type_name.as_str(), &exts);
        if let Some(name) = &request.file_name {
            dialog = dialog.set_file_name(name);
        }
        if let Some(dir) = &request.dir {
            dialog = dialog.set_directory(dir);
        }
        let started = Instant::now();
        let picked = if request.save { dialog.save_file() } else { dialog.pick_file() };
        match picked {
            Some(path) => Picked::Path(path),
            None if started.elapsed() < Duration::from_millis(400) => Picked::Unavailable,
            None => Picked::Cancelled,
        }
    }
}

/// The extensions a system chooser shows. Where its patterns match case-sensitively (a
/// portal's `*.ron` on Linux) each is also given in capitals, since a file saved on
/// Windows may be `预算.RON`; Windows' and macOS' choosers ignore case anyway.
fn filter_extensions(request: &FileRequest, case_sensitive: bool) -> Vec<String> {
    let mut exts: Vec<String> = Vec::new();
    for ext in std::iter::once(&request.ext).chain(&request.also) {
        let spellings =
            if case_sensitive { vec![ext.to_ascii_lowercase(), ext.to_ascii_uppercase()] } else { vec![ext.clone()] };
        for spelling in spellings {
            if !exts.contains(&spelling) {
                exts.push(spelling);
            }
        }
    }
    exts
}

/// No system chooser at all (a desktop without a portal; tests).
#[derive(Debug, Default)]
pub struct NoSystemChooser;

impl FileChooser for NoSystemChooser {
    fn choose(&mut self, _request: &FileRequest) -> Picked {
        Picked::Unavailable
    }
}

/// The in-app file browser, shown until the user picks a file or cancels.
pub struct FileBrowser {
    request: FileRequest,
    dialog: egui_file::FileDialog,
}

impl std::fmt::Debug for FileBrowser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileBrowser").field("request", &self.request).finish_non_exhaustive()
    }
}

/// Where a browser starts: the requested folder if it exists, else the user's home
/// folder (as the platform names it), else the working folder.
fn start_dir(request: &FileRequest) -> PathBuf {
    request
        .dir
        .clone()
        .filter(|d| d.is_dir())
        .or_else(dirs::home_dir)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

/// The file is of one of the request's types.
fn of_type(path: &Path, ext: &str, also: &[String]) -> bool {
    has_ext(path, ext) || also.iter().any(|e| has_ext(path, e))
}

impl FileBrowser {
    pub fn new(request: FileRequest) -> Self {
        let (ext, also) = (request.ext.clone(), request.also.clone());
        let patterns: Vec<String> =
            std::iter::once(&request.ext).chain(&request.also).map(|e| format!("*.{e}")).collect();
        let title = format!("{}（{} {}）", request.title, request.type_name, patterns.join(" "));
        let dialog = if request.save { egui_file::FileDialog::save_file() } else { egui_file::FileDialog::open_file() };
        let (for_files, for_files_also) = (ext.clone(), also.clone());
        let mut dialog = dialog
            .id(egui::Id::unique("in-app-file-browser"))
            .initial_path(start_dir(&request))
            .title(&title)
            .open_button_text("打开".into())
            .save_button_text("保存".into())
            .cancel_button_text("取消".into())
            .new_folder_button_text("新建文件夹".into())
            .new_folder_name_text("新建文件夹".into())
            .rename_button_text("重命名".into())
            .refresh_button_hover_text("刷新".into())
            .parent_folder_button_hover_text("上一级文件夹".into())
            .file_label_text("文件名：".into())
            .show_hidden_checkbox_text("显示隐藏文件".into())
            .show_rename(false)
            .default_size([640.0, 460.0])
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .keep_on_top(true)
            .show_files_filter(Box::new(move |p: &Path| of_type(p, &for_files, &for_files_also)));
        if !request.save {
            dialog = dialog.filename_filter(Box::new(move |name: &str| of_type(Path::new(name), &ext, &also)));
        }
        if let Some(name) = &request.file_name {
            dialog = dialog.default_filename(name.clone());
        }
        dialog.open();
        FileBrowser { request, dialog }
    }

    pub fn request(&self) -> &FileRequest {
        &self.request
    }

    /// Shows the browser; `Some(Some(path))` once a file is chosen (a saved name gets
    /// the extension if it lacks it), `Some(None)` when cancelled, `None` while open.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        self.dialog.show(ctx);
        match self.dialog.state() {
            egui_file::State::Open => None,
            egui_file::State::Selected => {
                let path = self.dialog.path()?.to_path_buf();
                if self.request.save && !has_ext(&path, &self.request.ext) {
                    let mut name = path.file_name().unwrap_or_default().to_os_string();
                    name.push(format!(".{}", self.request.ext));
                    return Some(Some(path.with_file_name(name)));
                }
                Some(Some(path))
            }
            egui_file::State::Closed | egui_file::State::Cancelled => Some(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_whatever_the_case() {
        assert!(has_ext(Path::new("/a/甲部门2025年部门预算.RON"), "ron"));
        assert!(!has_ext(Path::new("/a/预算.ron.bak"), "ron"));
        assert!(!has_ext(Path::new("/a/预算"), "ron"));
    }

    #[test]
    fn the_system_chooser_shows_files_in_either_case() {
        let request = FileRequest {
            title: "从 Excel 导入".into(),
            type_name: "工作簿".into(),
            ext: "xlsx".into(),
            also: vec!["xls".into(), "ods".into()],
            file_name: None,
            dir: None,
            save: false,
        };
        assert_eq!(filter_extensions(&request, true), ["xlsx", "XLSX", "xls", "XLS", "ods", "ODS"]);
        assert_eq!(filter_extensions(&request, false), ["xlsx", "xls", "ods"]);
    }

    #[test]
    fn a_browser_starts_in_the_drafts_folder_when_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let request = |d: &Path| FileRequest {
            title: "打开草稿".into(),
            type_name: "草稿文件".into(),
            ext: "ron".into(),
            also: Vec::new(),
            file_name: None,
            dir: Some(d.to_path_buf()),
            save: false,
        };
        assert_eq!(start_dir(&request(dir.path())), dir.path());
        assert_ne!(start_dir(&request(&dir.path().join("不存在"))), dir.path().join("不存在"));
    }
}
