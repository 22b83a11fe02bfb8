//! One form per section of the draft, reached through [`section_ui`].
//!
//! Every form edits the [`Disclosure`] in place and sets `ctx.changed` when it did;
//! figures derived from other data (totals, changes, 类/款 rows, the standard tables)
//! are shown beside the inputs but never typed. Each form fills the space it is given
//! and scrolls by itself (long grids are virtualised), so callers must not wrap it in
//! a `ScrollArea`.

mod assets;
mod classified_lines;
mod duties;
mod economic_lines;
mod function_lines;
mod glossary;
mod header;
mod institutions;
mod layout;
mod measures;
mod offices;
mod other_matters;
mod performance;
mod procurement;
mod projects;
mod running_costs;
mod sub_goals;
mod summary;
mod tables;
mod three_public;

use crate::model::Disclosure;
use crate::rules::Section;

use super::FormCtx;
use super::widgets;

/// Shows the form of `section`.
pub fn section_ui(ui: &mut egui::Ui, section: Section, doc: &mut Disclosure, ctx: &mut FormCtx) {
    widgets::index_findings(ctx.findings, section);
    if ctx.focus.is_none() {
        widgets::reset_scroll_request(ui);
    }
    match section {
        // Long grids scroll (and virtualise their rows) themselves.
        Section::FunctionLines => function_lines::ui(ui, doc, ctx),
        Section::EconomicLines => economic_lines::ui(ui, doc, ctx),
        Section::Procurement => procurement::ui(ui, doc, ctx),
        Section::Projects => projects::ui(ui, doc, ctx),
        Section::Table(n) => tables::ui(ui, n, doc, ctx),
        _ => {
            egui::ScrollArea::vertical().id_salt(("form", section)).auto_shrink([false, false]).show(ui, |ui| {
                match section {
                    Section::Header => header::ui(ui, doc, ctx),
                    Section::Duties => duties::ui(ui, doc, ctx),
                    Section::Institutions => institutions::ui(ui, doc, ctx),
                    Section::Offices => offices::ui(ui, doc, ctx),
                    Section::Summary => summary::ui(ui, doc, ctx),
                    Section::RunningCosts => running_costs::ui(ui, doc, ctx),
                    Section::ThreePublic => three_public::ui(ui, doc, ctx),
                    Section::Performance => performance::ui(ui, doc, ctx),
                    Section::SubGoals => sub_goals::ui(ui, doc, ctx),
                    Section::Measures => measures::ui(ui, doc, ctx),
                    Section::Assets => assets::ui(ui, doc, ctx),
                    Section::Glossary => glossary::ui(ui, doc, ctx),
                    Section::OtherMatters => other_matters::ui(ui, doc, ctx),
                    Section::FunctionLines
                    | Section::EconomicLines
                    | Section::Procurement
                    | Section::Projects
                    | Section::Table(_) => {}
                }
            });
        }
    }
}
