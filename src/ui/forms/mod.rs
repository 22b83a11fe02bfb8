//! One form per section of the draft.

use crate::model::Disclosure;
use crate::rules::Section;

use super::FormCtx;

/// Dispatches to the form of `section`.
pub fn section_ui(ui: &mut egui::Ui, section: Section, doc: &mut Disclosure, ctx: &mut FormCtx) {
    let _ = (doc, &ctx);
    ui.heading(section.label());
}
