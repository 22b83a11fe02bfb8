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
    /// Show a section's form.
    Select(Section),
    /// Show the section of `Location` and scroll to the field.
    JumpTo(Location),
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };

/// The shortcuts, the ones with Shift first (a Ctrl+Shift+S press must not match Ctrl+S).
pub const SHORTCUTS: [(KeyboardShortcut, Command); 7] = [
    (KeyboardShortcut::new(CTRL_SHIFT, Key::S), Command::SaveAs),
    (KeyboardShortcut::new(CTRL_SHIFT, Key::Z), Command::Redo),
    (KeyboardShortcut::new(CTRL, Key::S), Command::Save),
    (KeyboardShortcut::new(CTRL, Key::N), Command::New),
    (KeyboardShortcut::new(CTRL, Key::O), Command::Open),
    (KeyboardShortcut::new(CTRL, Key::Z), Command::Undo),
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
            Command::Select(_) | Command::JumpTo(_) => "",
        }
    }

    /// The first shortcut of the command, if any.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        SHORTCUTS.iter().find(|(_, c)| c == self).map(|(s, _)| *s)
    }
}

/// The commands whose shortcuts were pressed this frame (each consumed from the input).
pub fn pressed_shortcuts(ctx: &egui::Context) -> Vec<Command> {
    ctx.input_mut(|input| {
        SHORTCUTS.iter().filter(|(shortcut, _)| input.consume_shortcut(shortcut)).map(|(_, c)| c.clone()).collect()
    })
}

/// What the menu bar needs to know to enable its items.
pub struct MenuState {
    pub review: bool,
    /// The 批注 panel is shown.
    pub notes: bool,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// The menu bar; returns the command picked.
pub fn menu_bar_ui(ui: &mut egui::Ui, state: &MenuState) -> Option<Command> {
    let mut picked = None;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("文件", |ui| {
            item(ui, Command::New, true, &mut picked);
            item(ui, Command::NewFromLastYear, true, &mut picked);
            item(ui, Command::Open, true, &mut picked);
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
            item(ui, Command::Quit, true, &mut picked);
        });
        ui.menu_button("编辑", |ui| {
            item(ui, Command::Undo, state.can_undo && !state.review, &mut picked);
            item(ui, Command::Redo, state.can_redo && !state.review, &mut picked);
            ui.separator();
            item(ui, Command::ConfirmCarried, !state.review, &mut picked);
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
