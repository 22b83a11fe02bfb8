//! `diff OLD.ron NEW.ron [--json]`: what changed between two versions of a draft (see
//! `crate::compare`). Exit 0 when nothing changed, 1 when something did, 2 on failure.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::compare::{self, ChangeKind, Comparison};
use crate::rules::Finding;
use crate::store;

use super::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, reported};

pub fn run(old: &Path, new: &Path, as_json: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(old_doc) = reported(store::load(old), err) else { return EXIT_FAILURE };
    let Some(new_doc) = reported(store::load(new), err) else { return EXIT_FAILURE };
    let comparison = compare::compare(&old_doc, &new_doc);
    let written = if as_json { write_json(&comparison, out) } else { write_report(&comparison, out) };
    if let Err(e) = written {
        let _ = writeln!(err, "无法输出结果：{e}");
        return EXIT_FAILURE;
    }
    if comparison.is_empty() { EXIT_OK } else { EXIT_FINDINGS }
}

/// The changes one per line, then the findings that appeared and disappeared.
pub fn write_report(c: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
    if c.is_empty() {
        return writeln!(out, "两份草稿内容相同，检查结果也相同。");
    }
    writeln!(out, "变更 {} 处：", c.changes.len())?;
    for change in &c.changes {
        writeln!(out, "{change}")?;
    }
    for (title, findings) in [("新出现的检查结果", &c.findings_appeared), ("已消失的检查结果", &c.findings_disappeared)]
    {
        if !findings.is_empty() {
            writeln!(out, "{title} {} 条：", findings.len())?;
            for f in findings {
                writeln!(out, "[{}] {} {}：{}", f.severity.label(), f.rule, f.location, f.message)?;
            }
        }
    }
    Ok(())
}

/// `{"changes": [...], "findings_appeared": [...], "findings_disappeared": [...]}`.
pub fn write_json(c: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
    let changes: Vec<Value> = c
        .changes
        .iter()
        .map(|ch| {
            let mut v = json!({
                "kind": ch.kind.key(),
                "location": ch.location.to_string(),
                "subject": ch.subject,
            });
            let extra = match &ch.kind {
                ChangeKind::Amount { old, new } => json!({
                    "old": old.map(|d| d.to_string()),
                    "new": new.map(|d| d.to_string()),
                    "difference": ch.kind.difference().map(|d| d.to_string()),
                }),
                ChangeKind::Text { old, new, marks } => json!({
                    "old": old,
                    "new": new,
                    "marks": marks.iter().map(|m| json!({"tag": m.tag.key(), "text": m.text})).collect::<Vec<_>>(),
                }),
                ChangeKind::Added { content } | ChangeKind::Removed { content } => json!({ "content": content }),
                ChangeKind::Moved { from, to } => json!({ "from": from, "to": to }),
            };
            if let (Some(v), Value::Object(extra)) = (v.as_object_mut(), extra) {
                v.extend(extra);
            }
            v
        })
        .collect();
    let findings = |fs: &[Finding]| -> Vec<Value> {
        fs.iter()
            .map(|f| {
                json!({
                    "rule": f.rule,
                    "severity": f.severity.key(),
                    "location": f.location.to_string(),
                    "message": f.message,
                })
            })
            .collect()
    };
    let all = json!({
        "changes": changes,
        "findings_appeared": findings(&c.findings_appeared),
        "findings_disappeared": findings(&c.findings_disappeared),
    });
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)
}
