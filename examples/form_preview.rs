//! Opens a single form on a sample draft, without the app shell, to look at it:
//! `cargo run --example form_preview -- three_public [000|001|002|large] [review]`.

use budget_disclosure::model::Disclosure;
use budget_disclosure::rules::{self, Location, Section};
use budget_disclosure::samples::{self, Seed};
use budget_disclosure::ui::{self, EditBuffers, FormCtx};

fn section(name: &str) -> Option<Section> {
    Some(match name {
        "header" => Section::Header,
        "duties" => Section::Duties,
        "institutions" => Section::Institutions,
        "offices" => Section::Offices,
        "function_lines" => Section::FunctionLines,
        "economic_lines" => Section::EconomicLines,
        "summary" => Section::Summary,
        "running_costs" => Section::RunningCosts,
        "three_public" => Section::ThreePublic,
        "performance" => Section::Performance,
        "sub_goals" => Section::SubGoals,
        "measures" => Section::Measures,
        "projects" => Section::Projects,
        "procurement" => Section::Procurement,
        "assets" => Section::Assets,
        "glossary" => Section::Glossary,
        "other_matters" => Section::OtherMatters,
        t => Section::Table(t.strip_prefix("table")?.parse().ok()?),
    })
}

struct Preview {
    doc: Disclosure,
    section: Section,
    review: bool,
    edits: EditBuffers,
    focus: Option<Location>,
}

impl eframe::App for Preview {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let findings = rules::validate(&self.doc);
        let mut ctx = FormCtx {
            findings: &findings,
            focus: self.focus.as_ref(),
            read_only: self.review,
            edits: &mut self.edits,
            changed: false,
            compared: &[],
        };
        egui::Frame::central_panel(ui.style()).show(ui, |ui| {
            ui::section_ui(ui, self.section, &mut self.doc, &mut ctx);
        });
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let section = args.first().and_then(|s| section(s)).unwrap_or(Section::Header);
    let doc = match args.get(1).map(String::as_str) {
        Some("001") => samples::load(Seed::S001),
        Some("002") => samples::load(Seed::S002),
        Some("large") => samples::large_department(),
        _ => samples::load(Seed::S000),
    };
    let review = args.iter().any(|a| a == "review");
    let focus = args.iter().find_map(|a| a.strip_prefix("focus=")).and_then(|r| r.parse().ok()).map(|row| Location {
        section,
        row: Some(row),
        item: None,
        field: None,
    });
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1366.0, 768.0]),
        ..Default::default()
    };
    eframe::run_native(
        "表单预览",
        options,
        Box::new(move |cc| {
            ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(Preview { doc, section, review, edits: EditBuffers::default(), focus }))
        }),
    )
    .map_err(|e| e.to_string())
}
