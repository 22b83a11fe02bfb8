//! Frame time of the whole app on the large generated department: every section is
//! selected in turn and the UI is laid out and tessellated N times headlessly.
//!
//! `cargo bench --bench frame [-- FRAMES]` (target: p95 < 8 ms in release).

use std::time::{Duration, Instant};

use budget_disclosure::app::{App, Command};
use budget_disclosure::samples;
use budget_disclosure::ui::shell::nav::GROUPS;

fn main() {
    let frames: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(30);
    let ctx = egui::Context::default();
    budget_disclosure::ui::fonts::install(&ctx);
    let mut app = App::new(samples::large_department(), None, false);
    let mut time = 0.0;
    let mut frame = |app: &mut App| -> Duration {
        time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0))),
            time: Some(time),
            ..Default::default()
        };
        let started = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.ui(ui));
        let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        let elapsed = started.elapsed();
        std::hint::black_box(primitives);
        // No renderer here: the font atlas updates are dropped, not uploaded.
        output.textures_delta.clear();
        elapsed
    };

    println!("{:<40} {:>10} {:>10} {:>10}", "section", "median ms", "p95 ms", "max ms");
    let mut all = Vec::new();
    for (_, sections) in GROUPS {
        for &section in sections {
            app.queue(Command::Select(section));
            // Font atlas, text layout caches and the first findings run are warm-up.
            for _ in 0..3 {
                frame(&mut app);
            }
            let mut times: Vec<Duration> = (0..frames).map(|_| frame(&mut app)).collect();
            times.sort();
            println!(
                "{:<40} {:>10.2} {:>10.2} {:>10.2}",
                section.label(),
                ms(percentile(&times, 50)),
                ms(percentile(&times, 95)),
                ms(times[times.len() - 1])
            );
            all.extend(times);
        }
    }
    all.sort();
    println!(
        "{:<40} {:>10.2} {:>10.2} {:>10.2}",
        "all sections",
        ms(percentile(&all, 50)),
        ms(percentile(&all, 95)),
        ms(all[all.len() - 1])
    );
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
