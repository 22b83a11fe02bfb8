//! The app's side of review notes (批注, settled findings): the review file of the open
//! draft, where its comments point now, which findings are hidden as settled, and the
//! panel's state. Changes are saved at once beside the draft; the draft is never written.

use std::path::Path;

use crate::model::Disclosure;
use crate::review::{self, CommentStatus, Reply, Review, Target};
use crate::rules::{Finding, Location};
use crate::ui::shell::commands::Command;
use crate::ui::shell::comments::{NotesAction, NotesPanel, NotesView};

/// Review notes of the open draft.
#[derive(Default)]
pub struct Notes {
    pub review: Review,
    /// Why the review file could not be read; nothing is saved over it meanwhile.
    pub blocked: Option<String>,
    pub panel: NotesPanel,
    /// The panel is on screen.
    pub visible: bool,
    /// Where each comment points in the draft now.
    targets: Vec<Target>,
    /// Whether each comment's excerpt is no longer in its field.
    excerpts_changed: Vec<bool>,
    /// For each finding: hidden because settled (unless the panel shows settled ones).
    settled: Vec<bool>,
    /// The findings list as shown (settled ones left out unless asked for).
    pub shown: Vec<Finding>,
    /// Where a new comment goes: the place last jumped to; `None`: the current form.
    pub place: Option<Location>,
}

impl Notes {
    /// The notes of the draft at `path` (none for an unsaved draft). An unreadable review
    /// file leaves the notes empty and blocked, with the reason.
    pub fn load(path: Option<&Path>, review_mode: bool) -> Notes {
        let mut notes = Notes::default();
        if let Some(path) = path {
            match review::load_for(path) {
                Ok(r) => notes.review = r,
                Err(e) => notes.blocked = Some(e.to_string()),
            }
        }
        notes.visible = review_mode || !notes.review.comments.is_empty() || notes.blocked.is_some();
        notes
    }

    /// Recomputes where comments point and which findings are settled.
    pub fn refresh(&mut self, doc: &Disclosure, findings: &[Finding]) {
        self.targets = self.review.comments.iter().map(|c| c.target(doc)).collect();
        self.excerpts_changed =
            self.review.comments.iter().zip(&self.targets).map(|(c, t)| c.excerpt_changed(doc, t)).collect();
        self.settled = findings.iter().map(|f| self.review.settlement_of(doc, f).is_some()).collect();
        self.shown = findings
            .iter()
            .zip(&self.settled)
            .filter(|(_, settled)| self.panel.show_settled || !**settled)
            .map(|(f, _)| f.clone())
            .collect();
    }

    /// One line above the findings when the draft has comments or settled findings: how
    /// many, and a button that shows or hides the 批注 panel.
    pub fn summary_ui(&self, ui: &mut egui::Ui) -> Option<Command> {
        let r = &self.review;
        if r.comments.is_empty() && r.settled.is_empty() {
            return None;
        }
        let open = r.comments.iter().filter(|c| c.status == CommentStatus::Open).count();
        let hidden = self.settled.iter().filter(|s| **s).count();
        let mut picked = None;
        ui.horizontal(|ui| {
            ui.label(format!(
                "批注：待处理 {open}，已处理 {}；已处理的检查结果 {hidden} 条{}",
                r.comments.len() - open,
                if self.panel.show_settled { "" } else { "（已隐藏）" }
            ));
            if ui.button(if self.visible { "隐藏批注" } else { "显示批注" }).clicked() {
                picked = Some(Command::ToggleNotes);
            }
        });
        picked
    }

    /// The panel; `section_place` is the current form, used when nothing was jumped to.
    /// Returns what the user asked for.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Disclosure,
        findings: &[Finding],
        section_place: Location,
    ) -> Option<NotesAction> {
        let place = self.place.clone().unwrap_or(section_place);
        let here: Vec<(usize, &Finding, Option<&review::Verdict>)> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.location == place)
            .map(|(i, f)| (i, f, self.review.settlement_of(doc, f).map(|s| &s.verdict)))
            .collect();
        let view = NotesView {
            review: &self.review,
            targets: &self.targets,
            excerpts_changed: &self.excerpts_changed,
            place: &place,
            findings_here: &here,
            blocked: self.blocked.as_deref(),
        };
        crate::ui::shell::comments::notes_ui(ui, &mut self.panel, &view)
    }

    /// Carries out `action` on the review and saves it beside `path`. Returns a place to
    /// jump to, or an error to show.
    pub fn apply(
        &mut self,
        action: NotesAction,
        doc: &Disclosure,
        findings: &[Finding],
        path: Option<&Path>,
        place: Location,
        review_mode: bool,
    ) -> Result<Option<Location>, String> {
        let author = match self.panel.author.trim() {
            "" if review_mode => "审阅人".to_owned(),
            "" if !doc.header.preparer.trim().is_empty() => doc.header.preparer.trim().to_owned(),
            "" => "编制人".to_owned(),
            name => name.to_owned(),
        };
        let now = review::now_text();
        let changes = !matches!(action, NotesAction::JumpTo(_) | NotesAction::ShowSettled);
        if changes {
            // Refused before anything changes, so what is shown is what is saved.
            self.can_save(path)?;
        }
        // Kept to put back if the file cannot be written: what is shown is what is saved.
        let before = changes.then(|| self.review.clone());
        let adds = matches!(action, NotesAction::Add { .. });
        match action {
            NotesAction::JumpTo(location) => return Ok(Some(location)),
            NotesAction::ShowSettled => {
                // A view filter: nothing to save.
                self.refresh(doc, findings);
                return Ok(None);
            }
            NotesAction::Add { text, excerpt } if excerpt.is_empty() => {
                self.review.add_comment(doc, &place, &author, &text, now);
            }
            NotesAction::Add { text, excerpt } => {
                self.review.add_excerpt_comment(doc, &place, &excerpt, &author, &text, now)?;
            }
            NotesAction::Reply { id, text } => {
                if let Some(c) = self.review.comment_mut(id) {
                    c.replies.push(Reply { author, time: now, text });
                }
            }
            NotesAction::SetStatus { id, status } => {
                if let Some(c) = self.review.comment_mut(id) {
                    c.status = status;
                }
            }
            NotesAction::Settle { finding, verdict } => {
                if let Some(f) = findings.get(finding) {
                    self.review.settle(doc, f, verdict, &author, now);
                }
            }
            NotesAction::Unsettle { finding } => {
                if let Some(f) = findings.get(finding) {
                    self.review.unsettle(doc, f);
                }
            }
        }
        let saved = self.save(path);
        match (&saved, before) {
            (Err(_), Some(before)) => self.review = before,
            (Ok(_), _) if adds => {
                self.panel.new_text.clear();
                self.panel.excerpt.clear();
            }
            _ => {}
        }
        self.refresh(doc, findings);
        saved
    }

    fn can_save(&self, path: Option<&Path>) -> Result<(), String> {
        if let Some(reason) = &self.blocked {
            return Err(format!("{reason}\n\n审阅文件修复前不能修改批注。"));
        }
        if path.is_none() {
            return Err("草稿还没有保存过：批注保存在草稿旁的审阅文件中，请先保存草稿。".to_owned());
        }
        Ok(())
    }

    fn save(&self, path: Option<&Path>) -> Result<Option<Location>, String> {
        self.can_save(path)?;
        match path {
            Some(path) => review::save_for(path, &self.review).map(|()| None).map_err(|e| e.to_string()),
            None => Ok(None),
        }
    }
}
