//! `review-report FILE --format text|pdf -o OUT`: the review report of a draft (summary
//! counts, then per part its findings and the comments of `FILE.review.ron`), as the app's
//! 审阅 → 导出审阅报告 writes it.

use std::io::Write;
use std::path::Path;

use crate::export::{self, ExportOptions};
use crate::review;
use crate::rules;
use crate::store;

use super::{EXIT_FAILURE, reported};

/// The formats of the review report (it has no tables for Excel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Pdf,
}

pub fn run(file: &Path, format: ReportFormat, output: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if let Some(problem) = store::export_target_problem(output, Some(file)) {
        let _ = writeln!(err, "{problem}");
        return EXIT_FAILURE;
    }
    let Some(doc) = reported(store::load(file), err) else { return EXIT_FAILURE };
    let Some(notes) = reported(review::load_for(file), err) else { return EXIT_FAILURE };
    let report = review::report::build(&doc, &rules::validate(&doc), &notes);
    let rendered = match format {
        ReportFormat::Text => Ok(export::text::render(&report).into_bytes()),
        ReportFormat::Pdf => export::pdf::render(&report, &ExportOptions::default()),
    };
    super::export::write_export(rendered, output, "审阅报告", out, err)
}
