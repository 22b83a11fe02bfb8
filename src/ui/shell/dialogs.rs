//! The modal dialogs of the app. Each returns what the user chose as a
//! [`DialogAction`]; the app acts on it (dialogs never touch files themselves).

use std::path::PathBuf;

use egui::RichText;

use crate::model::Disclosure;
use crate::template;

use super::nav::ERROR_COLOR;

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    New,
    Open,
    OpenPath(PathBuf),
    Quit,
    NewFromLastYear,
}

/// What a file is chosen for.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPurpose {
    Open,
    SaveDraft { then: Option<After> },
    ExportText,
    ExportPdf { watermark: bool },
    ExportDocx,
    ExportFindings,
    Compare,
    ExportReview { pdf: bool },
    ImportExcel,
    ExportXlsx,
    NewFromLastYear,
}

impl PathPurpose {
    pub fn title(&self) -> &'static str {
        match self {
            PathPurpose::Open => "打开草稿",
            PathPurpose::SaveDraft { .. } => "保存草稿",
            PathPurpose::ExportText => "导出文本",
            PathPurpose::ExportPdf { .. } => "导出 PDF",
            PathPurpose::ExportDocx => "导出 Word",
            PathPurpose::ExportFindings => "导出检查报告",
            PathPurpose::Compare => "与…对比",
            PathPurpose::ExportReview { .. } => "导出审阅报告",
            PathPurpose::ImportExcel => "从 Excel 导入",
            PathPurpose::ExportXlsx => "导出 Excel",
            PathPurpose::NewFromLastYear => "以上年草稿新建",
        }
    }
}

/// The fields of the new-draft dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDraftForm {
    pub department: String,
    pub year: String,
    /// Index into `template::all()`.
    pub template: usize,
    pub error: Option<String>,
    /// The first field has been given the keyboard focus once.
    pub focused: bool,
}

impl NewDraftForm {
    pub fn new(year: i32) -> Self {
        let template = template::all().iter().position(|t| t.id == "hebei-2024-tables").unwrap_or(0);
        NewDraftForm { department: String::new(), year: year.to_string(), template, error: None, focused: false }
    }
}

/// The dialog on screen.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// A message with an OK button (errors, confirmations).
    Message {
        title: String,
        text: String,
    },
    /// Save / discard / cancel before `then`.
    Unsaved {
        then: After,
    },
    NewDraft(NewDraftForm),
    /// The draft has 错误: export anyway, with a watermark, or cancel.
    PdfWithErrors {
        errors: usize,
    },
    /// Printing a draft with 错误: print anyway, with a watermark, or cancel.
    PrintWithErrors {
        errors: usize,
    },
    /// Exporting text from a draft with 错误: export anyway or cancel.
    TextWithErrors {
        errors: usize,
    },
    /// Leaving review mode turns editing back on: confirm.
    EndReview,
    /// A recovery file was found at start-up.
    Restore {
        doc: Box<Disclosure>,
        source: Option<PathBuf>,
    },
    /// What importing a workbook would do: 导入 or 取消.
    ImportPreview(Box<crate::import::ImportPreview>),
}

impl Dialog {
    pub fn message(title: impl Into<String>, text: impl Into<String>) -> Self {
        Dialog::Message { title: title.into(), text: text.into() }
    }
}

/// What the user chose in a dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogAction {
    /// Close the dialog, do nothing.
    Close,
    SaveThen(After),
    DiscardThen(After),
    CreateDraft {
        department: String,
        year: i32,
        template: String,
    },
    ExportPdf {
        watermark: bool,
    },
    /// Print (after [`Dialog::PrintWithErrors`]).
    Print {
        watermark: bool,
    },
    /// Export text (after [`Dialog::TextWithErrors`]).
    ExportText,
    /// Leave review mode.
    EndReview,
    Restore,
    DiscardRecovery,
    /// Apply the import shown in the preview.
    ApplyImport,
}

/// Shows `dialog` as a modal; returns the user's choice, if made this frame.
pub fn dialog_ui(ctx: &egui::Context, dialog: &mut Dialog) -> Option<DialogAction> {
    let modal = egui::Modal::new(egui::Id::unique("app-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match dialog {
            Dialog::Message { title, text } => {
                ui.heading(title.as_str());
                ui.add_space(6.0);
                ui.label(text.as_str());
                ui.add_space(8.0);
                ui.button("确定").clicked().then_some(DialogAction::Close)
            }
            Dialog::Unsaved { then } => unsaved_ui(ui, then),
            Dialog::NewDraft(form) => new_draft_ui(ui, form),
            Dialog::PdfWithErrors { errors } => {
                ui.heading("草稿仍有错误");
                ui.label(format!("草稿仍有 {errors} 条错误。建议先改正，或导出带“草稿”水印的 PDF 供内部审阅。"));
                ui.add_space(8.0);
                let mut action = None;
                ui.horizontal(|ui| {
                    if ui.button("仍然导出…").clicked() {
                        action = Some(DialogAction::ExportPdf { watermark: false });
                    }
                    if ui.button("带“草稿”水印导出…").clicked() {
                        action = Some(DialogAction::ExportPdf { watermark: true });
                    }
                    if ui.button("取消").clicked() {
                        action = Some(DialogAction::Close);
                    }
                });
                action
            }
            Dialog::PrintWithErrors { errors } => {
                ui.heading("草稿仍有错误");
                ui.label(format!("草稿仍有 {errors} 条错误。打印稿建议带“草稿”水印，改正后再打印正式稿。"));
                ui.add_space(8.0);
                let mut action = None;
                ui.horizontal(|ui| {
                    if ui.button("带“草稿”水印打印…").clicked() {
                        action = Some(DialogAction::Print { watermark: true });
                    }
                    if ui.button("仍然打印…").clicked() {
                        action = Some(DialogAction::Print { watermark: false });
                    }
                    if ui.button("取消").clicked() {
                        action = Some(DialogAction::Close);
                    }
                });
                action
            }
            Dialog::TextWithErrors { errors } => {
                ui.heading("草稿仍有错误");
                ui.label(format!("草稿仍有 {errors} 条错误，导出的文本也会带着这些错误。建议先改正。"));
                ui.add_space(8.0);
                let mut action = None;
                ui.horizontal(|ui| {
                    if ui.button("仍然导出…").clicked() {
                        action = Some(DialogAction::ExportText);
                    }
                    if ui.button("取消").clicked() {
                        action = Some(DialogAction::Close);
                    }
                });
                action
            }
            Dialog::EndReview => {
                ui.heading("结束审阅");
                ui.label("结束审阅后草稿可以修改。确定要结束审阅、恢复编辑吗？");
                ui.add_space(8.0);
                let mut action = None;
                ui.horizontal(|ui| {
                    if ui.button("结束审阅，恢复编辑").clicked() {
                        action = Some(DialogAction::EndReview);
                    }
                    if ui.button("继续审阅").clicked() {
                        action = Some(DialogAction::Close);
                    }
                });
                action
            }
            Dialog::Restore { doc, source } => {
                ui.heading("恢复未保存的修改");
                let of = match source {
                    Some(p) => format!("“{}”", p.display()),
                    None => "未保存的草稿".to_owned(),
                };
                ui.label(format!(
                    "上次退出前，{of}（{} {}年）有未保存的修改，已自动保存了一份恢复副本。是否恢复？",
                    doc.header.department, doc.header.year
                ));
                ui.add_space(8.0);
                let mut action = None;
                ui.horizontal(|ui| {
                    if ui.button("恢复").clicked() {
                        action = Some(DialogAction::Restore);
                    }
                    if ui.button("丢弃").clicked() {
                        action = Some(DialogAction::DiscardRecovery);
                    }
                });
                action
            }
            Dialog::ImportPreview(preview) => super::import_preview::import_preview_ui(ui, preview),
        }
    });
    if modal.inner.is_some() {
        return modal.inner;
    }
    // A click beside the dialog cancels it, except where a choice is required.
    let cancellable = !matches!(dialog, Dialog::Restore { .. });
    (modal.should_close() && cancellable).then_some(DialogAction::Close)
}

fn unsaved_ui(ui: &mut egui::Ui, then: &After) -> Option<DialogAction> {
    ui.heading("有未保存的修改");
    let what = match then {
        After::New => "新建草稿",
        After::Open | After::OpenPath(_) => "打开其他草稿",
        After::NewFromLastYear => "以上年草稿新建",
        After::Quit => "退出",
    };
    ui.label(format!("{what}之前，是否保存当前草稿的修改？"));
    ui.add_space(8.0);
    let mut action = None;
    ui.horizontal(|ui| {
        if ui.button("保存").clicked() {
            action = Some(DialogAction::SaveThen(then.clone()));
        }
        if ui.button("不保存").clicked() {
            action = Some(DialogAction::DiscardThen(then.clone()));
        }
        if ui.button("取消").clicked() {
            action = Some(DialogAction::Close);
        }
    });
    action
}

fn new_draft_ui(ui: &mut egui::Ui, form: &mut NewDraftForm) -> Option<DialogAction> {
    ui.heading("新建草稿");
    ui.add_space(6.0);
    let templates = template::all();
    egui::Grid::new("new-draft").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        let label = ui.label("部门名称");
        let department = ui
            .add(egui::TextEdit::singleline(&mut form.department).hint_text("如：保定市徐水区城区办事处"))
            .labelled_by(label.id)
            .accessible_name("新草稿的部门名称");
        if !std::mem::replace(&mut form.focused, true) {
            department.request_focus();
        }
        ui.end_row();
        let label = ui.label("预算年度");
        ui.add(egui::TextEdit::singleline(&mut form.year).desired_width(80.0))
            .labelled_by(label.id)
            .accessible_name("新草稿的预算年度");
        ui.end_row();
        let label = ui.label("模板");
        let current = templates.get(form.template).map(|t| t.name.as_str()).unwrap_or("");
        let combo =
            egui::ComboBox::from_id_salt("new-draft-template").selected_text(current).width(320.0).show_ui(ui, |ui| {
                for (i, t) in templates.iter().enumerate() {
                    ui.selectable_value(&mut form.template, i, t.name.as_str());
                }
            });
        combo.response.labelled_by(label.id).accessible_name("新草稿的模板");
        ui.end_row();
    });
    if let Some(error) = &form.error {
        ui.label(RichText::new(error.as_str()).color(ERROR_COLOR));
    }
    ui.add_space(8.0);
    let mut action = None;
    ui.horizontal(|ui| {
        if ui.button("创建").clicked() {
            action = check_new_draft(form);
        }
        if ui.button("取消").clicked() {
            action = Some(DialogAction::Close);
        }
    });
    action
}

/// The new draft's fields, or `None` with `form.error` set.
fn check_new_draft(form: &mut NewDraftForm) -> Option<DialogAction> {
    let department = form.department.trim();
    // The same header rule as `new` on the command line (R-HDR-001).
    if let Some(problem) = crate::rules::header_findings(&Disclosure::new(department, 2024, ""))
        .into_iter()
        .find(|f| f.location.field == Some("department"))
    {
        form.error = Some(problem.message);
        return None;
    }
    let year = match form.year.trim().parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => y,
        _ => {
            form.error = Some(format!("预算年度“{}”无效，请填写四位年份，如 2025。", form.year.trim()));
            return None;
        }
    };
    let Some(template) = template::all().get(form.template) else {
        form.error = Some("请选择模板。".into());
        return None;
    };
    Some(DialogAction::CreateDraft { department: department.to_owned(), year, template: template.id.clone() })
}
