//! How long `check --summary` takes on a county's worth of drafts, and whether memory
//! stays flat as the count grows.
//!
//! Writes N drafts of seed size (the three seeds in turn, ~45 KB each) to a temporary
//! folder and runs `county::summarise` on it with all cores. Budget: 500 drafts in < 5 s
//! on 2 cores. Peak memory (VmHWM, Linux) is printed after each count: it should not
//! grow with N, since each draft is dropped once its row is made.
//! Run with `cargo bench --bench summary`.

use std::path::PathBuf;
use std::time::Instant;

use budget_disclosure::county;
use budget_disclosure::samples::Seed;

/// Peak resident memory of this process so far, in MB (Linux only).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot create a temporary folder: {e}");
            std::process::exit(2);
        }
    };
    let threads = rayon::current_num_threads();
    let mut written = 0usize;
    for count in [50usize, 500, 2000] {
        while written < count {
            let seed = Seed::ALL[written % Seed::ALL.len()];
            let path = dir.path().join(format!("dept{written:05}.ron"));
            if let Err(e) = std::fs::write(&path, seed.source()) {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(2);
            }
            written += 1;
        }
        let inputs: Vec<PathBuf> = vec![dir.path().to_path_buf()];
        // One untimed pass warms the file cache, as a second run on a real county would.
        let _ = county::summarise(&inputs);
        let start = Instant::now();
        let summary = county::summarise(&inputs);
        let elapsed = start.elapsed();
        let peak = peak_rss_mb().map(|mb| format!("{mb:.1} MB")).unwrap_or_else(|| "n/a".into());
        println!(
            "summary of {count:>5} drafts on {threads} threads: {:>8.1} ms ({:.2} ms/draft)   peak memory so far {peak}   ({} with 错误)",
            elapsed.as_secs_f64() * 1e3,
            elapsed.as_secs_f64() * 1e3 / count as f64,
            summary.with_errors()
        );
    }
}
