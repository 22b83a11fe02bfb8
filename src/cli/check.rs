//! `check FILE [--json]`: the rule engine's findings, for people or for scripts.
//! `check DIR_OR_FILES… --summary [--json|--csv]`: one row per draft (see `crate::county`).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::county;
use crate::rules::{self, Finding, Severity};
use crate::store;

use super::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, SummaryFormat, reported};

pub fn run(file: &Path, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(doc) = reported(store::load(file), err) else { return EXIT_FAILURE };
    let findings = rules::validate(&doc);
    let written = if json { write_json(&findings, out) } else { write_report(&findings, out) };
    if let Err(e) = written {
        let _ = writeln!(err, "无法输出结果：{e}");
        return EXIT_FAILURE;
    }
    if findings.iter().any(|f| f.severity == Severity::Error) { EXIT_FINDINGS } else { EXIT_OK }
}

/// Checks every draft of `inputs` (files and folders) and prints the summary.
///
/// Exit 2 if any file is unreadable (or nothing was found), else 1 if any draft has 错误.
pub fn run_summary(inputs: &[PathBuf], format: SummaryFormat, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let summary = county::summarise(inputs);
    if summary.drafts.is_empty() {
        let _ = writeln!(err, "没有找到草稿文件（*.ron）");
        return EXIT_FAILURE;
    }
    let written = match format {
        SummaryFormat::Text => county::write_text(&summary, out),
        SummaryFormat::Json => county::write_json(&summary, out),
        SummaryFormat::Csv => county::write_csv(&summary, out),
    };
    if let Err(e) = written {
        let _ = writeln!(err, "无法输出结果：{e}");
        return EXIT_FAILURE;
    }
    if summary.unreadable() > 0 {
        EXIT_FAILURE
    } else if summary.with_errors() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The findings as a JSON array of `{"rule","severity","location","message"}`.
pub fn write_json(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    let items: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "rule": f.rule,
                "severity": f.severity.key(),
                "location": f.location.to_string(),
                "message": f.message,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

/// The findings as a readable report, one per line, with a count at the end.
pub fn write_report(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    for f in findings {
        writeln!(out, "[{}] {} {}：{}", f.severity.label(), f.rule, f.location, f.message)?;
    }
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "共 {} 条：错误 {}，警告 {}，提示 {}",
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Notice)
    )
}
