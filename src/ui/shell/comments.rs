//! The 批注 panel: supervisors' comments on the draft and their decisions on findings.
//!
//! The supervisor adds a comment to the place last jumped to (a finding, a change) or to
//! the current form, and settles the findings there (确认有误 / 无需修改 with a reason).
//! The officer sees the same comments, filtered by status, jumps to them, replies and
//! marks them 已处理. The panel only reports what was asked ([`NotesAction`]); the app
//! changes the review and saves it beside the draft (`crate::review`).

use std::collections::HashMap;

use egui::RichText;

use crate::review::{CommentStatus, Review, Target, Verdict};
use crate::rules::{Finding, Location};

use super::nav::severity_color;

/// What the panel remembers between frames (typed texts, filters).
#[derive(Debug, Clone)]
pub struct NotesPanel {
    /// Who is writing ("审阅人" by default).
    pub author: String,
    /// The new comment being typed.
    pub new_text: String,
    /// The words of the field it is about (optional).
    pub excerpt: String,
    /// Replies being typed, per comment id.
    pub replies: HashMap<u64, String>,
    /// The reason for a 无需修改 being typed.
    pub reason: String,
    pub show_open: bool,
    pub show_done: bool,
    /// Show the findings settled as 无需修改/确认有误 in the findings list too.
    pub show_settled: bool,
}

impl Default for NotesPanel {
    fn default() -> Self {
        NotesPanel {
            author: String::new(),
            new_text: String::new(),
            excerpt: String::new(),
            replies: HashMap::new(),
            reason: String::new(),
            show_open: true,
            show_done: true,
            show_settled: false,
        }
    }
}

/// What the user asked for in the panel.
#[derive(Debug, Clone, PartialEq)]
pub enum NotesAction {
    JumpTo(Location),
    /// A new comment, on the words `excerpt` of the place if not empty.
    Add {
        text: String,
        excerpt: String,
    },
    Reply {
        id: u64,
        text: String,
    },
    SetStatus {
        id: u64,
        status: CommentStatus,
    },
    /// Settle the finding at this index of the findings given to the panel.
    Settle {
        finding: usize,
        verdict: Verdict,
    },
    Unsettle {
        finding: usize,
    },
    /// The filter of settled findings changed.
    ShowSettled,
}

/// What the panel shows.
pub struct NotesView<'a> {
    pub review: &'a Review,
    /// Where each comment points now (same order as `review.comments`).
    pub targets: &'a [Target],
    /// Whether each comment's excerpt is no longer in its field.
    pub excerpts_changed: &'a [bool],
    /// Where a new comment goes.
    pub place: &'a Location,
    /// The findings at `place`, with their decision if settled.
    pub findings_here: &'a [(usize, &'a Finding, Option<&'a Verdict>)],
    /// The review file could not be read: nothing may be added (it would be lost).
    pub blocked: Option<&'a str>,
}

/// The panel; returns what was asked.
pub fn notes_ui(ui: &mut egui::Ui, panel: &mut NotesPanel, view: &NotesView) -> Option<NotesAction> {
    let mut action = None;
    let review = view.review;
    let count = |s| review.comments.iter().filter(|c| c.status == s).count();
    ui.horizontal(|ui| {
        ui.strong("批注");
        ui.checkbox(&mut panel.show_open, format!("待处理 {}", count(CommentStatus::Open)));
        ui.checkbox(&mut panel.show_done, format!("已处理 {}", count(CommentStatus::Done)));
    });
    if let Some(reason) = view.blocked {
        ui.label(RichText::new(reason).color(egui::Color32::from_rgb(0xb7, 0x1c, 0x1c)));
        ui.label("审阅文件修复前不能添加批注。");
    }
    ui.horizontal(|ui| {
        let label = ui.label("署名");
        ui.add(egui::TextEdit::singleline(&mut panel.author).desired_width(140.0).hint_text("审阅人"))
            .labelled_by(label.id);
    });
    ui.separator();
    ui.label(format!("当前位置：{}", view.place));
    let label = ui.label("新批注");
    ui.add(egui::TextEdit::multiline(&mut panel.new_text).desired_rows(2).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.horizontal(|ui| {
        let label = ui.label("摘引原文");
        ui.add(
            egui::TextEdit::singleline(&mut panel.excerpt)
                .desired_width(f32::INFINITY)
                .hint_text("可选：批注针对的文字"),
        )
        .labelled_by(label.id);
    });
    let can_add = view.blocked.is_none() && !panel.new_text.trim().is_empty();
    if ui.add_enabled(can_add, egui::Button::new("添加批注")).clicked() {
        action =
            Some(NotesAction::Add { text: panel.new_text.trim().to_owned(), excerpt: panel.excerpt.trim().to_owned() });
    }
    if !view.findings_here.is_empty() {
        ui.separator();
        ui.label("此处的检查结果：");
        for (index, finding, verdict) in view.findings_here {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(" {} ", finding.severity.label()))
                        .color(egui::Color32::WHITE)
                        .background_color(severity_color(finding.severity)),
                );
                ui.label(format!("{} {}", finding.rule, finding.message));
            });
            ui.horizontal(|ui| match verdict {
                Some(v) => {
                    let text = match v {
                        Verdict::NoChange { reason } => format!("已定为：无需修改（{reason}）"),
                        Verdict::MustFix => "已定为：确认有误".to_owned(),
                    };
                    ui.label(text);
                    if ui.add_enabled(view.blocked.is_none(), egui::Button::new("撤销")).clicked() {
                        action = Some(NotesAction::Unsettle { finding: *index });
                    }
                }
                None => {
                    let enabled = view.blocked.is_none();
                    if ui.add_enabled(enabled, egui::Button::new("确认有误")).clicked() {
                        action = Some(NotesAction::Settle { finding: *index, verdict: Verdict::MustFix });
                    }
                    let label = ui.label("理由");
                    ui.add(egui::TextEdit::singleline(&mut panel.reason).desired_width(120.0)).labelled_by(label.id);
                    let with_reason = enabled && !panel.reason.trim().is_empty();
                    if ui.add_enabled(with_reason, egui::Button::new("无需修改")).clicked() {
                        let reason = std::mem::take(&mut panel.reason).trim().to_owned();
                        action = Some(NotesAction::Settle { finding: *index, verdict: Verdict::NoChange { reason } });
                    }
                }
            });
        }
    }
    if ui.checkbox(&mut panel.show_settled, "在检查结果中显示已处理的检查结果").changed() {
        action = Some(NotesAction::ShowSettled);
    }
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let mut shown = 0;
        for ((comment, target), excerpt_changed) in review.comments.iter().zip(view.targets).zip(view.excerpts_changed)
        {
            let visible = match comment.status {
                CommentStatus::Open => panel.show_open,
                CommentStatus::Done => panel.show_done,
            };
            if !visible {
                continue;
            }
            shown += 1;
            ui.push_id(comment.id, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let color = match comment.status {
                        CommentStatus::Open => egui::Color32::from_rgb(0xe6, 0x51, 0x00),
                        CommentStatus::Done => egui::Color32::from_rgb(0x2e, 0x7d, 0x32),
                    };
                    ui.label(
                        RichText::new(format!(" {} ", comment.status.label()))
                            .color(egui::Color32::WHITE)
                            .background_color(color),
                    );
                    match target {
                        Target::At(location) => {
                            if ui.link(location.to_string()).clicked() {
                                action = Some(NotesAction::JumpTo(location.clone()));
                            }
                        }
                        Target::Deleted => {
                            ui.label(RichText::new("目标已删除").strong());
                        }
                    }
                });
                if !comment.anchor.quote.is_empty() {
                    ui.label(RichText::new(format!("“{}”", comment.anchor.quote)).italics().weak());
                }
                if !comment.excerpt.is_empty() {
                    let note = if *excerpt_changed { "（原文已改动）" } else { "" };
                    ui.label(RichText::new(format!("摘引：「{}」{note}", comment.excerpt)).strong());
                }
                ui.label(format!("{} {}：{}", comment.author, comment.time, comment.text));
                for reply in &comment.replies {
                    ui.indent("reply", |ui| ui.label(format!("{} {}：{}", reply.author, reply.time, reply.text)));
                }
                ui.horizontal(|ui| {
                    let typed = panel.replies.entry(comment.id).or_default();
                    let label = ui.label("回复");
                    ui.add(egui::TextEdit::singleline(typed).desired_width(160.0)).labelled_by(label.id);
                    let can_reply = view.blocked.is_none() && !typed.trim().is_empty();
                    if ui.add_enabled(can_reply, egui::Button::new("发送")).clicked() {
                        action =
                            Some(NotesAction::Reply { id: comment.id, text: std::mem::take(typed).trim().to_owned() });
                    }
                    let (label, status) = match comment.status {
                        CommentStatus::Open => ("标为已处理", CommentStatus::Done),
                        CommentStatus::Done => ("重新打开", CommentStatus::Open),
                    };
                    if ui.add_enabled(view.blocked.is_none(), egui::Button::new(label)).clicked() {
                        action = Some(NotesAction::SetStatus { id: comment.id, status });
                    }
                });
                ui.separator();
            });
        }
        if shown == 0 {
            ui.label(if review.comments.is_empty() {
                "还没有批注。"
            } else {
                "没有符合筛选条件的批注。"
            });
        }
    });
    action
}
