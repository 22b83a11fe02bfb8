//! The eframe application: window, menus, commands, file handling.

use std::path::PathBuf;

use crate::model::Disclosure;
use crate::rules::Section;
use crate::samples::{self, Seed};
use crate::ui::{self, EditBuffers, FormCtx};

/// Opens the window on `file` (or the built-in sample); `review` makes it read-only.
pub fn run(file: Option<PathBuf>, review: bool) -> Result<(), String> {
    let doc = match &file {
        Some(p) => crate::store::load(p).map_err(|e| e.to_string())?,
        None => samples::load(Seed::S000),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1366.0, 768.0]).with_title("预算公开编制助手"),
        ..Default::default()
    };
    eframe::run_native(
        "预算公开编制助手",
        options,
        Box::new(move |cc| {
            ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(App { doc, review, section: Section::Header, edits: EditBuffers::default() }))
        }),
    )
    .map_err(|e| e.to_string())
}

struct App {
    doc: Disclosure,
    review: bool,
    section: Section,
    edits: EditBuffers,
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let findings = crate::rules::validate(&self.doc);
        let mut ctx = FormCtx {
            findings: &findings,
            focus: None,
            read_only: self.review,
            edits: &mut self.edits,
            changed: false,
        };
        ui::section_ui(ui, self.section, &mut self.doc, &mut ctx);
    }
}
