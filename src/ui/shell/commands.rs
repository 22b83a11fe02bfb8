//! Every action of the app as one [`Command`]: the menu bar and the keyboard shortcuts
//! only produce commands; `crate::app::App::execute` carries them out in one place.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::rules::{Location, Section};
use crate::ui::shell::comments::NotesAction;

/// An action the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Start a new draft (asks for department, year and template).
    New,
    /// Pick a draft file and open it.
    Open,
    /// Open this draft file.
    OpenPath(PathBuf),
    /// Save to the current file (asks for one when there is none).
    Save,
    /// Save to a file picked now.
    SaveAs,
    /// Export the disclosure as text.
    ExportText,
    /// Export the disclosure as PDF (asks first when the draft has 错误).
    ExportPdf,
    /// Export the disclosure as a Word document.
    ExportDocx,
    /// Export the findings as a text report.
    ExportFindings,
    /// Pick a workbook, preview what it holds, and import its standard tables.
    ImportExcel,
    /// Preview importing this workbook.
    ImportPath(PathBuf),
    /// Export the nine standard tables as an Excel workbook.
    ExportXlsx,
    /// Start next year's draft from a draft of last year (asks about unsaved changes).
    NewFromLastYear,
    /// Mark every item carried over from last year's draft as checked.
    ConfirmCarried,
    Undo,
    Redo,
    /// Switch between editing and the read-only review mode.
    ToggleReview,
    /// Pick another version of the draft and list what changed since it.
    Compare,
    /// Compare with this other version of the draft.
    ComparePath(PathBuf),
    /// Close the 对比 panel.
    CloseCompare,
    /// Show or hide the 批注 panel.
    ToggleNotes,
    /// Something asked for in the 批注 panel (add, reply, settle…).
    Notes(NotesAction),
    /// Export the review report (findings and comments per part) as text.
    ExportReviewText,
    /// Export the review report as PDF.
    ExportReviewPdf,
    /// Close the window (asks about unsaved changes).
    Quit,
    /// Export the PDF to a temporary file and hand it to the system's viewer to print.
    Print,
    /// Make everything larger (视图 → 字号).
    ZoomIn,
    /// Make everything smaller.
    ZoomOut,
    /// Back to the normal size.
    ZoomReset,
    /// Follow the system's light/dark setting, or force one.
    Theme(ThemeChoice),
    /// Show the find bar (search the whole draft).
    Find,
    /// Show a section's form.
    Select(Section),
    /// Show the section of `Location` and scroll to the field.
    JumpTo(Location),
}

/// The look the officer chose (视图 → 主题); remembered in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// The desktop's light/dark setting; light when it says nothing.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "跟随系统",
            ThemeChoice::Light => "浅色",
            ThemeChoice::Dark => "深色",
        }
    }
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };

/// The shortcuts, the ones with Shift first (a Ctrl+Shift+S press must not match Ctrl+S).
/// A command with two shortcuts (重做: Ctrl+Y and Ctrl+Shift+Z) shows the first in
/// its menu.
pub const SHORTCUTS: [(KeyboardShortcut, Command); 13] = [
    (KeyboardShortcut::new(CTRL_SHIFT, Key::S), Command::SaveAs),
    (KeyboardShortcut::new(CTRL_SHIFT, Key::Z), Command::Redo),
    (KeyboardShortcut::new(CTRL, Key::S), Command::Save),
    (KeyboardShortcut::new(CTRL, Key::N), Command::New),
    (KeyboardShortcut::new(CTRL, Key::O), Command::Open),
    (KeyboardShortcut::new(CTRL, Key::Z), Command::Undo),
    (KeyboardShortcut::new(CTRL, Key::P), Command::Print),
    (KeyboardShortcut::new(CTRL, Key::F), Command::Find),
    (KeyboardShortcut::new(CTRL, Key::Equals), Command::ZoomIn),
    (KeyboardShortcut::new(CTRL, Key::Plus), Command::ZoomIn),
    (KeyboardShortcut::new(CTRL, Key::Minus), Command::ZoomOut),
    (KeyboardShortcut::new(CTRL, Key::Num0), Command::ZoomReset),
    (KeyboardShortcut::new(CTRL, Key::Y), Command::Redo),
];

impl Command {
    /// The menu text; items that open a dialog end with "…".
    pub fn label(&self) -> &'static str {
        match self {
            Command::New => "新建…",
            Command::Open | Command::OpenPath(_) => "打开…",
            Command::Save => "保存",
            Command::SaveAs => "另存为…",
            Command::ExportText => "导出文本…",
            Command::ExportPdf => "导出 PDF…",
            Command::ExportDocx => "导出 Word…",
            Command::ExportFindings => "导出检查报告…",
            Command::ImportExcel | Command::ImportPath(_) => "从 Excel 导入…",
            Command::ExportXlsx => "导出 Excel…",
            Command::NewFromLastYear => "以上年草稿新建…",
            Command::ConfirmCarried => "确认沿用上年的内容",
            Command::Undo => "撤销",
            Command::Redo => "重做",
            Command::ToggleReview => "审阅模式（只读）",
            Command::Compare | Command::ComparePath(_) => "与…对比",
            Command::ToggleNotes => "批注",
            Command::ExportReviewText => "导出审阅报告（文本）…",
            Command::ExportReviewPdf => "导出审阅报告（PDF）…",
            Command::Notes(_) => "",
            Command::CloseCompare => "关闭对比",
            Command::Quit => "退出",
            Command::Print => "打印…",
            Command::ZoomIn => "放大",
            Command::ZoomOut => "缩小",
            Command::ZoomReset => "恢复默认字号",
            Command::Theme(t) => t.label(),
            Command::Find => "查找…",
            Command::Select(_) | Command::JumpTo(_) => "",
        }
    }

    /// The shortcut the menu shows: the one without Shift when a command has two
    /// (重做 shows Ctrl+Y; Ctrl+Shift+Z works too).
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let mut all = SHORTCUTS.iter().filter(|(_, c)| c == self).map(|(s, _)| *s);
        let first = all.next()?;
        Some(std::iter::once(first).chain(all).find(|s| !s.modifiers.shift).unwrap_or(first))
    }
}

/// The commands whose shortcuts were pressed this frame (each consumed from the input).
pub fn pressed_shortcuts(ctx: &egui::Context) -> Vec<Command> {
    ctx.input_mut(|input| {
        SHORTCUTS.iter().filter(|(shortcut, _)| input.consume_shortcut(shortcut)).map(|(_, c)| c.clone()).collect()
    })
}

/// What the menu bar needs to know to enable its items.
pub struct MenuState<'a> {
    pub review: bool,
    /// The 批注 panel is shown.
    pub notes: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Drafts opened lately, newest first (文件 → 最近打开).
    pub recent: &'a [PathBuf],
    pub theme: ThemeChoice,
}

/// The menu bar; returns the command picked.
pub fn menu_bar_ui(ui: &mut egui::Ui, state: &MenuState) -> Option<Command> {
    let mut picked = None;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("文件", |ui| {
            item(ui, Command::New, true, &mut picked);
            item(ui, Command::NewFromLastYear, true, &mut picked);
            item(ui, Command::Open, true, &mut picked);
            recent_menu_ui(ui, state.recent, &mut picked);
            ui.separator();
            item(ui, Command::ImportExcel, !state.review, &mut picked);
            item(ui, Command::Save, !state.review, &mut picked);
            item(ui, Command::SaveAs, !state.review, &mut picked);
            ui.separator();
            item(ui, Command::ExportText, true, &mut picked);
            item(ui, Command::ExportPdf, true, &mut picked);
            item(ui, Command::ExportXlsx, true, &mut picked);
            item(ui, Command::ExportDocx, true, &mut picked);
            item(ui, Command::ExportFindings, true, &mut picked);
            ui.separator();
            item(ui, Command::Print, true, &mut picked);
            ui.separator();
            item(ui, Command::Quit, true, &mut picked);
        });
        ui.menu_button("编辑", |ui| {
            item(ui, Command::Undo, state.can_undo && !state.review, &mut picked);
            item(ui, Command::Redo, state.can_redo && !state.review, &mut picked);
            ui.separator();
            item(ui, Command::ConfirmCarried, !state.review, &mut picked);
            item(ui, Command::Find, true, &mut picked);
        });
        ui.menu_button("视图", |ui| {
            ui.menu_button("字号", |ui| {
                item(ui, Command::ZoomIn, true, &mut picked);
                item(ui, Command::ZoomOut, true, &mut picked);
                item(ui, Command::ZoomReset, true, &mut picked);
            });
            ui.menu_button("主题", |ui| {
                for choice in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                    if ui.radio(state.theme == choice, choice.label()).clicked() {
                        picked = Some(Command::Theme(choice));
                        ui.close();
                    }
                }
            });
        });
        ui.menu_button("审阅", |ui| {
            let mut on = state.review;
            if ui.checkbox(&mut on, Command::ToggleReview.label()).clicked() {
                picked = Some(Command::ToggleReview);
                ui.close();
            }
            item(ui, Command::ExportFindings, true, &mut picked);
            item(ui, Command::Compare, true, &mut picked);
            ui.separator();
            let mut notes = state.notes;
            if ui.checkbox(&mut notes, Command::ToggleNotes.label()).clicked() {
                picked = Some(Command::ToggleNotes);
                ui.close();
            }
            item(ui, Command::ExportReviewText, true, &mut picked);
            item(ui, Command::ExportReviewPdf, true, &mut picked);
        });
    });
    picked
}

/// 最近打开: the remembered drafts, each opening with one click.
fn recent_menu_ui(ui: &mut egui::Ui, recent: &[PathBuf], picked: &mut Option<Command>) {
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("最近打开", |ui| {
            for path in recent {
                let name =
                    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                    *picked = Some(Command::OpenPath(path.clone()));
                    ui.close();
                }
            }
        });
    });
}

fn item(ui: &mut egui::Ui, command: Command, enabled: bool, picked: &mut Option<Command>) {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        *picked = Some(command);
        ui.close();
    }
}
