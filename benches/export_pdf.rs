//! PDF export time and file size for each built-in sample and the large department.
//!
//! `cargo bench --bench export_pdf` (release). The first export of a process also parses
//! the two bundled fonts; it is reported separately from the steady-state runs.

use std::time::{Duration, Instant};

use budget_disclosure::export::{self, ExportOptions, Format, pdf};
use budget_disclosure::model::Disclosure;
use budget_disclosure::samples::{self, Seed};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn bench(name: &str, doc: &Disclosure, runs: usize) {
    let options = ExportOptions::default();
    let laid_out = match export::build(doc) {
        Ok(d) => d,
        Err(e) => {
            println!("{name:<28} build failed: {e}");
            return;
        }
    };
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        match export::export(doc, Format::Pdf, &options) {
            Ok(bytes) => size = bytes.len(),
            Err(e) => {
                println!("{name:<28} export failed: {e}");
                return;
            }
        }
        times.push(start.elapsed());
    }
    times.sort();
    let pages = pdf::layout(&laid_out).map(|p| p.len()).unwrap_or(0);
    let start = Instant::now();
    let _ = pdf::layout(&laid_out);
    let layout_time = start.elapsed();
    println!(
        "{name:<28} median {:>8.2?}  p95 {:>8.2?}  (layout {:>8.2?})  {:>4} pages  {:>8} bytes",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        layout_time,
        pages,
        size
    );
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);

    let first = samples::load(Seed::S000);
    let start = Instant::now();
    match export::export(&first, Format::Pdf, &ExportOptions::default()) {
        Ok(bytes) => println!("first export (parses fonts)  {:>8.2?}  {} bytes", start.elapsed(), bytes.len()),
        Err(e) => println!("first export failed: {e}"),
    }

    for seed in Seed::ALL {
        bench(seed.file_name(), &samples::load(seed), runs);
    }
    bench("large_department", &samples::large_department(), runs.min(5));
}
