//! Word (.docx) export time and file size for each built-in sample and the large
//! department; the target is under 100 ms for seed 001.
//!
//! `cargo bench --bench export_docx` (release). The first export of a process also
//! indexes the bundled fonts (the column widths are the PDF's); it is reported apart.

use std::time::{Duration, Instant};

use budget_disclosure::export::{self, ExportOptions, Format};
use budget_disclosure::model::Disclosure;
use budget_disclosure::samples::{self, Seed};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn bench(name: &str, doc: &Disclosure, runs: usize) {
    let options = ExportOptions::default();
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        match export::export(doc, Format::Docx, &options) {
            Ok(bytes) => size = bytes.len(),
            Err(e) => {
                println!("{name:<28} export failed: {e}");
                return;
            }
        }
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "{name:<28} median {:>8.2?}  p95 {:>8.2?}  {:>8} bytes",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        size
    );
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let start = Instant::now();
    match export::export(&samples::load(Seed::S001), Format::Docx, &ExportOptions::default()) {
        Ok(bytes) => println!("first export (indexes fonts) {:>8.2?}  {} bytes", start.elapsed(), bytes.len()),
        Err(e) => println!("first export failed: {e}"),
    }
    for seed in Seed::ALL {
        bench(seed.file_name(), &samples::load(seed), runs);
    }
    bench("large_department", &samples::large_department(), runs.min(5));
}
