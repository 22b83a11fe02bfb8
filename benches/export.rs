//! Export speed on the generated large department (300 projects, 400 功能分类 lines,
//! 200 procurement rows): layout (`export::build`) and text rendering, per template.
//!
//! Run with `cargo bench --bench export`; prints median and p95 over the runs.

use std::time::{Duration, Instant};

use budget_disclosure::export;
use budget_disclosure::samples;

fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[(runs * 95 / 100).min(runs - 1)])
}

fn main() {
    let mut doc = samples::large_department();
    for template in budget_disclosure::template::all() {
        doc.header.template = template.id.clone();
        let (median, p95) = measure(20, || {
            let laid_out = export::build(&doc).expect("the large department lays out");
            std::hint::black_box(laid_out);
        });
        println!("build  {:<22} median {median:>10.2?}  p95 {p95:>10.2?}", template.id);
        let laid_out = export::build(&doc).expect("the large department lays out");
        let (median, p95) = measure(20, || {
            std::hint::black_box(export::text::render(&laid_out));
        });
        println!("text   {:<22} median {median:>10.2?}  p95 {p95:>10.2?}", template.id);
    }
}
