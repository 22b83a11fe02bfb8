//! Excel speed: importing a workbook of 2,000 功能分类 rows (target < 300 ms) and
//! exporting seed 001's nine tables to .xlsx (target < 100 ms), both in release.
//!
//! Run with `cargo bench --bench excel`; prints median and p95 over the runs.

use std::time::{Duration, Instant};

use budget_disclosure::export::{self, ExportOptions, Format};
use budget_disclosure::import;
use budget_disclosure::model::{Disclosure, FunctionLine, Income};
use budget_disclosure::samples::{self, Seed};
use rust_decimal::Decimal;

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

/// A department with `n` 功能分类 项 lines spread over 类 and 款.
fn department_with_lines(n: usize) -> Disclosure {
    let mut doc = Disclosure::new("示例市基准测试局", 2024, "hebei-2024-tables");
    let classes = ["201", "205", "207", "208", "210", "212", "213", "221"];
    doc.budget.function_lines = (0..n)
        .map(|i| {
            let basic = Decimal::new(10_000 + (i as i64 * 37) % 5_000, 2);
            let project = Decimal::new((i as i64 * 53) % 3_000, 2);
            FunctionLine {
                code: format!("{}{:02}{:02}", classes[i % 8], (i / 8) % 50 + 1, i / 400 + 1),
                name: format!("基准科目{i}"),
                basic,
                project,
                income: Income { general_budget: basic + project, ..Income::default() },
            }
        })
        .collect();
    doc
}

fn main() {
    let big = department_with_lines(2_000);
    let book = export::export(&big, Format::Xlsx, &ExportOptions::default()).expect("exports");
    let rows = big.budget.function_rows(2024).len();
    let empty = Disclosure::new("示例市基准测试局", 2024, "hebei-2024-tables");
    let (median, p95) = measure(10, || {
        let p = import::preview(&book, "bench.xlsx", &empty).expect("imports");
        assert_eq!(p.imported.function_lines.as_ref().map(Vec::len), Some(2_000));
        std::hint::black_box(p);
    });
    println!(
        "import 2,000 功能分类 lines ({rows} rows per table, {} KB)  median {median:>10.2?}  p95 {p95:>10.2?}",
        book.len() / 1024
    );
    let seed = samples::load(Seed::S001);
    let (median, p95) = measure(30, || {
        std::hint::black_box(export::export(&seed, Format::Xlsx, &ExportOptions::default()).expect("exports"));
    });
    println!("export seed 001 to xlsx  median {median:>10.2?}  p95 {p95:>10.2?}");
}
