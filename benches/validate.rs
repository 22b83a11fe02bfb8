//! How long `rules::validate` takes on each built-in sample and on the generated large
//! department, and how long the large draft takes to save and load.
//!
//! `validate` runs on every keystroke; the budget is < 1 ms per sample and < 20 ms for
//! the large department (release build). Run with `cargo bench --bench validate`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use budget_disclosure::model::Disclosure;
use budget_disclosure::rules;
use budget_disclosure::samples::{self, Seed};
use budget_disclosure::store;

/// Runs `f` `runs` times (after a warm-up) and returns the sorted durations.
fn measure(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    for _ in 0..runs.min(5) {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn report(name: &str, times: &[Duration]) {
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "{name:<28} median {:>9.3} ms   p95 {:>9.3} ms   ({} runs)",
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        times.len()
    );
}

fn bench_validate(name: &str, doc: &Disclosure, runs: usize) {
    let findings = rules::validate(doc).len();
    let times = measure(runs, || {
        black_box(rules::validate(black_box(doc)));
    });
    report(&format!("validate {name} ({findings} findings)"), &times);
}

fn main() {
    for seed in Seed::ALL {
        let doc = samples::load(seed);
        bench_validate(seed.file_name(), &doc, 200);
    }
    let large = samples::large_department();
    bench_validate("large_department", &large, 50);

    let text = match store::to_string(&large) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot serialise the large department: {e}");
            std::process::exit(2);
        }
    };
    println!("large draft: {} KB of RON", text.len() / 1024);
    let times = measure(20, || {
        black_box(store::to_string(black_box(&large)).ok());
    });
    report("save large (to_string)", &times);
    let times = measure(20, || {
        black_box(store::from_str(black_box(&text), "large.ron").ok());
    });
    report("load large (from_str)", &times);
}
