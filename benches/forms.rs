//! Frame time of every form on the generated large department (300 projects, 400
//! 功能分类 lines, 200 procurement rows): layout plus tessellation of one frame, at the
//! app's default window size, with the findings computed once (as the app does per edit).
//!
//! Budget: p95 well under 8 ms per frame. Run with `cargo bench --bench forms`;
//! `ONLY=<section label>` measures one form, `NO_FINDINGS=1` draws without findings.

use std::time::{Duration, Instant};

use budget_disclosure::model::Disclosure;
use budget_disclosure::rules::{self, Section};
use budget_disclosure::samples;
use budget_disclosure::ui::{self, EditBuffers, FormCtx};

const RUNS: usize = 60;

fn frame(
    ctx: &egui::Context,
    doc: &mut Disclosure,
    edits: &mut EditBuffers,
    findings: &[rules::Finding],
    section: Section,
) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0))),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        let mut form = FormCtx { findings, focus: None, read_only: false, edits, changed: false, compared: &[] };
        ui::section_ui(ui, section, doc, &mut form);
    });
    // No renderer here: the font atlas updates are dropped on purpose.
    output.textures_delta.clear();
    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
}

fn main() {
    let ctx = egui::Context::default();
    ui::fonts::install(&ctx);
    let mut doc = samples::large_department();
    let mut edits = EditBuffers::default();
    let findings = if std::env::var_os("NO_FINDINGS").is_some() { Vec::new() } else { rules::validate(&doc) };
    let sections = [
        Section::Header,
        Section::Duties,
        Section::Institutions,
        Section::FunctionLines,
        Section::EconomicLines,
        Section::Summary,
        Section::RunningCosts,
        Section::ThreePublic,
        Section::Performance,
        Section::SubGoals,
        Section::Measures,
        Section::Projects,
        Section::Procurement,
        Section::Assets,
        Section::Glossary,
        Section::OtherMatters,
    ];
    let mut worst = Duration::ZERO;
    let only = std::env::var("ONLY").ok();
    for section in sections
        .into_iter()
        .chain((1..=9).map(Section::Table))
        .filter(|s| only.as_deref().is_none_or(|o| s.label() == o))
    {
        // Warm-up: font atlas, grid widths, table column sizes.
        for _ in 0..10 {
            frame(&ctx, &mut doc, &mut edits, &findings, section);
        }
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                frame(&ctx, &mut doc, &mut edits, &findings, section);
                start.elapsed()
            })
            .collect();
        times.sort();
        let median = times[RUNS / 2];
        let p95 = times[RUNS * 95 / 100];
        worst = worst.max(p95);
        println!(
            "{:<36} median {:>7.3} ms   p95 {:>7.3} ms",
            section.label(),
            median.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3
        );
    }
    println!("worst p95 {:.3} ms ({} findings on the draft)", worst.as_secs_f64() * 1e3, findings.len());
}
