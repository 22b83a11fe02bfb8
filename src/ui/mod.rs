//! The desktop UI (egui). No file formats here: the app (`crate::app`) loads and saves
//! through `store`, the forms only edit the in-memory [`Disclosure`].
//!
//! Layout: navigation (sections with finding badges) on the left, the selected
//! section's form in the centre, findings at the bottom, a status line.

pub mod doc_table;
pub mod fonts;
pub mod forms;
pub mod grid;
pub mod shell;
pub mod widgets;

use std::collections::HashMap;

use crate::model::Disclosure;
use crate::rules::{Finding, Location, Section};

/// Texts typed into amount fields that do not (yet) parse. They stay visible with an
/// error until fixed; the model keeps its last good value meanwhile.
#[derive(Debug, Default, Clone)]
pub struct EditBuffers {
    pub texts: HashMap<egui::Id, String>,
    /// Where each field of `texts` is and why its text is refused (entries of fields
    /// no longer in `texts` are stale and ignored).
    pub labels: HashMap<egui::Id, (Location, String)>,
}

/// A field whose text the model does not hold: pending input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PendingInput {
    pub location: Location,
    /// "三公 本年 公务接待费：“abc”不是有效的金额…".
    pub message: String,
    /// The text as typed.
    pub text: String,
}

impl EditBuffers {
    /// The pending inputs in document order.
    pub fn pending(&self) -> Vec<PendingInput> {
        let mut out: Vec<PendingInput> = self
            .texts
            .iter()
            .filter_map(|(id, text)| {
                let (location, message) = self.labels.get(id)?;
                Some(PendingInput { location: location.clone(), message: message.clone(), text: text.clone() })
            })
            .collect();
        out.sort();
        out
    }
}

/// What a form needs besides the draft it edits.
pub struct FormCtx<'a> {
    /// The current findings (for red frames and messages next to fields).
    pub findings: &'a [Finding],
    /// The location the user jumped to (clicked finding): scroll to it and highlight it.
    pub focus: Option<&'a Location>,
    /// Review mode: every field is read-only.
    pub read_only: bool,
    /// Pending invalid inputs of amount fields.
    pub edits: &'a mut EditBuffers,
    /// Set to true by a form when it modified the draft this frame.
    pub changed: bool,
    /// Fields that differ from the version compared with (审阅 → 与…对比): marked.
    pub compared: &'a [Location],
}

impl FormCtx<'_> {
    /// The findings at `section` (all rows).
    pub fn findings_in(&self, section: Section) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.location.section == section)
    }
}

/// Shows the form of `section` for `doc`.
pub fn section_ui(ui: &mut egui::Ui, section: Section, doc: &mut Disclosure, ctx: &mut FormCtx) {
    forms::section_ui(ui, section, doc, ctx);
}
