//! A whole county at once: every draft of a folder checked by the one rule engine, one
//! row per draft, then the rules most often broken across all of them.
//!
//! A finance bureau receives a draft from each of its ~100 departments; this module is
//! what `check DIR… --summary` prints. Drafts are checked in parallel on all cores and
//! each is loaded, validated and dropped before its row is kept, so memory stays flat
//! however many drafts there are: a row holds counts, never the draft.
//!
//! The printers (`write_text`, `write_json`, `write_csv`) write to any `io::Write`.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::round_display;
use crate::rules::{self, Severity};
use crate::store;

/// The suffix of the review files kept beside drafts; they are not drafts.
const REVIEW_SUFFIX: &str = ".review.ron";

/// One draft's line of the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftRow {
    /// The file as given or found in a folder.
    pub file: PathBuf,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What checking one file gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    /// The draft loaded and was checked.
    Checked(Checked),
    /// The file could not be read as a draft; `reason` says why (with line and column).
    Unreadable { reason: String },
}

/// The figures of a checked draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checked {
    pub department: String,
    pub year: i32,
    pub template: String,
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
    /// 收入总计 = 支出总计 as published (rounded to 0.01).
    pub balanced: bool,
    /// The rules this draft breaks, with how often (catalogue IDs, sorted).
    #[serde(skip)]
    pub rules: Vec<(&'static str, usize)>,
}

/// How often one rule is broken across all drafts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleTally {
    pub rule: &'static str,
    /// The rule's short title from the catalogue.
    pub title: &'static str,
    /// How many drafts break it.
    pub drafts: usize,
    /// How many findings it reports in all.
    pub findings: usize,
}

/// The summary of many drafts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountySummary {
    /// One row per file, in the order the files were given (folders sorted by name).
    pub drafts: Vec<DraftRow>,
    /// The rules broken by at least one draft, most drafts first.
    pub rules: Vec<RuleTally>,
}

impl CountySummary {
    /// Drafts that could be checked and have at least one 错误.
    pub fn with_errors(&self) -> usize {
        self.checked().filter(|c| c.errors > 0).count()
    }

    /// Files that could not be read.
    pub fn unreadable(&self) -> usize {
        self.drafts.iter().filter(|d| matches!(d.outcome, Outcome::Unreadable { .. })).count()
    }

    fn checked(&self) -> impl Iterator<Item = &Checked> {
        self.drafts.iter().filter_map(|d| match &d.outcome {
            Outcome::Checked(c) => Some(c),
            Outcome::Unreadable { .. } => None,
        })
    }
}

/// The draft files named by `inputs`: files as given, folders searched (with their
/// subfolders) for `*.ron` files other than review files, sorted by path.
///
/// A folder that cannot be listed becomes an unreadable row, so it is reported, not
/// silently skipped.
pub fn find_drafts(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<DraftRow>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found, &mut failed);
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    (files, failed)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, failed: &mut Vec<DraftRow>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let reason = format!("无法读取文件夹 {}：{e}", dir.display());
            failed.push(DraftRow { file: dir.to_path_buf(), outcome: Outcome::Unreadable { reason } });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found, failed);
        } else if is_draft_name(&path) {
            found.push(path);
        }
    }
}

/// `NAME.ron`, but not `NAME.review.ron`, in any letter case (`甲.RON` saved on Windows).
fn is_draft_name(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.ends_with(".ron") && !name.ends_with(REVIEW_SUFFIX)
}

/// Loads, checks and drops one draft.
pub fn check_file(path: &Path) -> DraftRow {
    let outcome = match store::load(path) {
        Err(e) => Outcome::Unreadable { reason: e.to_string() },
        Ok(doc) => {
            let findings = rules::validate(&doc);
            let count = |s| findings.iter().filter(|f| f.severity == s).count();
            let mut per_rule: HashMap<&'static str, usize> = HashMap::new();
            for f in &findings {
                *per_rule.entry(f.rule).or_default() += 1;
            }
            let mut rules: Vec<(&'static str, usize)> = per_rule.into_iter().collect();
            rules.sort();
            let figures = doc.figures();
            Outcome::Checked(Checked {
                department: doc.header.department.clone(),
                year: doc.header.year,
                template: doc.header.template.clone(),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                notices: count(Severity::Notice),
                balanced: round_display(figures.income_total()) == round_display(figures.expense_total()),
                rules,
            })
        }
    };
    DraftRow { file: path.to_path_buf(), outcome }
}

/// Checks every draft named by `inputs` (files and folders), in parallel.
pub fn summarise(inputs: &[PathBuf]) -> CountySummary {
    let (files, mut failed) = find_drafts(inputs);
    let mut drafts: Vec<DraftRow> = files.par_iter().map(|f| check_file(f)).collect();
    drafts.append(&mut failed);
    let rules = tally(&drafts);
    CountySummary { drafts, rules }
}

/// The rules broken across `drafts`, most drafts first, then most findings, then ID.
fn tally(drafts: &[DraftRow]) -> Vec<RuleTally> {
    let mut by_rule: HashMap<&'static str, (usize, usize)> = HashMap::new();
    for row in drafts {
        if let Outcome::Checked(c) = &row.outcome {
            for (rule, n) in &c.rules {
                let entry = by_rule.entry(rule).or_default();
                entry.0 += 1;
                entry.1 += n;
            }
        }
    }
    let mut rules: Vec<RuleTally> = by_rule
        .into_iter()
        .map(|(rule, (drafts, findings))| RuleTally {
            rule,
            title: rules::rule_info(rule).map(|i| i.title).unwrap_or(""),
            drafts,
            findings,
        })
        .collect();
    rules.sort_by(|a, b| b.drafts.cmp(&a.drafts).then(b.findings.cmp(&a.findings)).then(a.rule.cmp(b.rule)));
    rules
}

/// The summary as a readable report: one line per draft, totals, then the rules.
pub fn write_text(summary: &CountySummary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "文件\t部门\t年度\t模板\t错误\t警告\t提示\t收支平衡")?;
    for row in &summary.drafts {
        let file = row.file.display();
        match &row.outcome {
            Outcome::Checked(c) => writeln!(
                out,
                "{file}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                c.department,
                c.year,
                c.template,
                c.errors,
                c.warnings,
                c.notices,
                if c.balanced { "平衡" } else { "不平衡" }
            )?,
            Outcome::Unreadable { reason } => writeln!(out, "{file}\t无法读取：{reason}")?,
        }
    }
    writeln!(
        out,
        "共 {} 份草稿：{} 份有错误，{} 份无法读取",
        summary.drafts.len(),
        summary.with_errors(),
        summary.unreadable()
    )?;
    if summary.rules.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "最常违反的规则（涉及草稿数，检查结果数）：")?;
    for r in &summary.rules {
        writeln!(out, "{}\t{}\t{} 份\t{} 条", r.rule, r.title, r.drafts, r.findings)?;
    }
    Ok(())
}

/// The summary as JSON: `{"drafts": [...], "rules": [...]}`.
pub fn write_json(summary: &CountySummary, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, summary)?;
    writeln!(out)
}

/// The summary as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese): the
/// draft table, an empty line, then the rule table.
pub fn write_csv(summary: &CountySummary, out: &mut dyn Write) -> io::Result<()> {
    write!(out, "\u{feff}")?;
    writeln!(out, "文件,部门,年度,模板,错误,警告,提示,收支平衡,无法读取原因")?;
    for row in &summary.drafts {
        let file = csv_field(&row.file.display().to_string());
        match &row.outcome {
            Outcome::Checked(c) => writeln!(
                out,
                "{file},{},{},{},{},{},{},{},",
                csv_field(&c.department),
                c.year,
                csv_field(&c.template),
                c.errors,
                c.warnings,
                c.notices,
                if c.balanced { "是" } else { "否" }
            )?,
            Outcome::Unreadable { reason } => writeln!(out, "{file},,,,,,,,{}", csv_field(reason))?,
        }
    }
    writeln!(out)?;
    writeln!(out, "规则,名称,涉及草稿数,检查结果数")?;
    for r in &summary.rules {
        writeln!(out, "{},{},{},{}", r.rule, csv_field(r.title), r.drafts, r.findings)?;
    }
    Ok(())
}

/// Quotes a CSV field when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{self, Seed};

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("甲部门"), "甲部门");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("说\"明\""), "\"说\"\"明\"\"\"");
    }

    #[test]
    fn folders_give_drafts_but_not_review_files() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("乡镇");
        fs::create_dir(&sub).unwrap();
        for name in ["b.ron", "a.ron", "a.review.ron", "a.ron.bak", "notes.txt", "d.RON", "d.Review.Ron"] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        fs::write(sub.join("c.ron"), "").unwrap();
        let (files, failed) = find_drafts(&[dir.path().to_path_buf()]);
        let names: Vec<&Path> = files.iter().map(|f| f.strip_prefix(dir.path()).unwrap()).collect();
        let sub_draft = Path::new("乡镇").join("c.ron");
        assert_eq!(names, [Path::new("a.ron"), Path::new("b.ron"), Path::new("d.RON"), &sub_draft]);
        assert!(failed.is_empty());
    }

    #[test]
    fn rules_are_tallied_across_drafts() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for (i, seed) in [Seed::S000, Seed::S000, Seed::S002].into_iter().enumerate() {
            let path = dir.path().join(format!("{i}.ron"));
            fs::write(&path, seed.source()).unwrap();
            inputs.push(path);
        }
        let summary = summarise(&inputs);
        let one = rules::validate(&samples::load(Seed::S000));
        let two = rules::validate(&samples::load(Seed::S002));
        for tally in &summary.rules {
            let in_one = one.iter().filter(|f| f.rule == tally.rule).count();
            let in_two = two.iter().filter(|f| f.rule == tally.rule).count();
            assert_eq!(tally.findings, 2 * in_one + in_two, "{}", tally.rule);
            assert_eq!(tally.drafts, 2 * usize::from(in_one > 0) + usize::from(in_two > 0), "{}", tally.rule);
        }
        let total: usize = summary.rules.iter().map(|r| r.findings).sum();
        assert_eq!(total, 2 * one.len() + two.len());
        assert!(summary.rules.windows(2).all(|w| w[0].drafts >= w[1].drafts));
    }
}
