//! Undo/redo by snapshots of the whole draft.
//!
//! A draft is small (a large department is a few hundred kilobytes in memory), so
//! keeping whole copies is simpler and safer than inverting every kind of edit. Typing
//! in one field is coalesced into one step: an edit joins the previous step when it
//! comes from the same focused widget within [`COALESCE_SECS`] of the last one.

use std::collections::VecDeque;

use crate::model::Disclosure;

/// Edits closer together than this (in seconds), in the same field, form one step.
pub const COALESCE_SECS: f64 = 1.5;

/// How many steps can be undone.
pub const MAX_DEPTH: usize = 100;

/// The undo and redo stacks of one draft.
#[derive(Debug, Clone)]
pub struct History {
    /// States before each step, oldest first.
    undo: VecDeque<Disclosure>,
    /// States undone, most recently undone last.
    redo: Vec<Disclosure>,
    /// The draft as of the last recorded edit.
    current: Disclosure,
    /// The widget and time of the last edit, while its step can still grow.
    group: Option<(Option<egui::Id>, f64)>,
}

impl History {
    /// A history whose starting point is `doc`.
    pub fn new(doc: &Disclosure) -> Self {
        History { undo: VecDeque::new(), redo: Vec::new(), current: doc.clone(), group: None }
    }

    /// The draft as of the last recorded edit (or undo/redo).
    pub fn current(&self) -> &Disclosure {
        &self.current
    }

    /// Records that `doc` was edited through `widget` at `time` (seconds).
    pub fn record(&mut self, doc: &Disclosure, widget: Option<egui::Id>, time: f64) {
        let joins = matches!(self.group, Some((w, t)) if w == widget && widget.is_some() && time - t <= COALESCE_SECS);
        let before = std::mem::replace(&mut self.current, doc.clone());
        if !joins {
            self.undo.push_back(before);
            if self.undo.len() > MAX_DEPTH {
                self.undo.pop_front();
            }
        }
        self.redo.clear();
        self.group = Some((widget, time));
    }

    /// Ends the current step, so the next edit starts a new one.
    pub fn break_group(&mut self) {
        self.group = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Puts `doc` back to the state before the last step. False when there is none.
    pub fn undo(&mut self, doc: &mut Disclosure) -> bool {
        let Some(before) = self.undo.pop_back() else { return false };
        self.redo.push(std::mem::replace(doc, before));
        self.current = doc.clone();
        self.group = None;
        true
    }

    /// Re-applies the last undone step. False when there is none.
    pub fn redo(&mut self, doc: &mut Disclosure) -> bool {
        let Some(after) = self.redo.pop() else { return false };
        self.undo.push_back(std::mem::replace(doc, after));
        self.current = doc.clone();
        self.group = None;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Disclosure {
        Disclosure::new(name, 2024, "hebei-2024-tables")
    }

    #[test]
    fn keystrokes_in_one_field_are_one_step() {
        let field = Some(egui::Id::unique("department"));
        let mut doc = named("");
        let mut h = History::new(&doc);
        for (i, name) in ["甲", "甲乙", "甲乙丙"].into_iter().enumerate() {
            doc.header.department = name.into();
            h.record(&doc, field, i as f64 * 0.3);
        }
        assert!(h.undo(&mut doc));
        assert_eq!(doc.header.department, "");
        assert!(!h.can_undo());
        assert!(h.redo(&mut doc));
        assert_eq!(doc.header.department, "甲乙丙");
    }

    #[test]
    fn a_pause_or_another_field_starts_a_new_step() {
        let mut doc = named("");
        let mut h = History::new(&doc);
        doc.header.department = "甲".into();
        h.record(&doc, Some(egui::Id::unique("a")), 0.0);
        doc.header.department = "甲乙".into();
        h.record(&doc, Some(egui::Id::unique("a")), 5.0);
        doc.header.preparer = "张三".into();
        h.record(&doc, Some(egui::Id::unique("b")), 5.1);
        assert!(h.undo(&mut doc));
        assert_eq!((doc.header.department.as_str(), doc.header.preparer.as_str()), ("甲乙", ""));
        assert!(h.undo(&mut doc));
        assert_eq!(doc.header.department, "甲");
        assert!(h.undo(&mut doc));
        assert_eq!(doc.header.department, "");
        // A new edit after undoing drops the redo stack.
        doc.header.year = 2025;
        h.record(&doc, None, 6.0);
        assert!(!h.can_redo());
    }

    #[test]
    fn depth_is_bounded() {
        let mut doc = named("");
        let mut h = History::new(&doc);
        for i in 0..(MAX_DEPTH + 20) {
            doc.header.year = 2000 + i as i32;
            h.record(&doc, None, i as f64);
        }
        let mut steps = 0;
        while h.undo(&mut doc) {
            steps += 1;
        }
        assert_eq!(steps, MAX_DEPTH);
        assert_eq!(doc.header.year, 2019);
    }
}
