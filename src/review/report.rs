//! The review report: summary counts first, then per part the findings (with the
//! supervisor's decision) and the comments (with quote, status and replies).
//!
//! It is laid out as an `export::Document`, so the text and PDF exporters render it
//! exactly like the disclosure itself.

use crate::export::doc::Meta;
use crate::export::{Align, Block, Cell, Column, Document, Table};
use crate::model::Disclosure;
use crate::rules::{Finding, Location, Severity};

use super::{CommentStatus, Review, Target, Verdict};

const PART_TITLES: [&str; 10] = [
    "封面信息与公开表",
    "第一部分",
    "第二部分",
    "第三部分",
    "第四部分",
    "第五部分",
    "第六部分",
    "第七部分",
    "第八部分",
    "第九部分",
];

/// Lays out the review report of `doc` with its `findings` and `review`.
pub fn build(doc: &Disclosure, findings: &[Finding], review: &Review) -> Document {
    let settlement = |f: &Finding| review.settlement_of(doc, f);
    let open = |s: Severity| findings.iter().filter(|f| f.severity == s && settlement(f).is_none()).count();
    let must_fix =
        findings.iter().filter(|f| matches!(settlement(f).map(|s| &s.verdict), Some(Verdict::MustFix))).count();
    let no_change =
        findings.iter().filter(|f| matches!(settlement(f).map(|s| &s.verdict), Some(Verdict::NoChange { .. }))).count();
    let targets: Vec<Target> = review.comments.iter().map(|c| c.target(doc)).collect();
    let comments_with = |s: CommentStatus| review.comments.iter().filter(|c| c.status == s).count();
    let deleted = targets.iter().filter(|t| **t == Target::Deleted).count();

    let mut blocks = vec![Block::Heading { level: 1, text: "概况".into() }];
    let rows: Vec<(&str, usize)> = vec![
        ("错误（未处理）", open(Severity::Error)),
        ("警告（未处理）", open(Severity::Warning)),
        ("提示（未处理）", open(Severity::Notice)),
        ("确认有误", must_fix),
        ("无需修改", no_change),
        ("批注 待处理", comments_with(CommentStatus::Open)),
        ("批注 已处理", comments_with(CommentStatus::Done)),
        ("批注 目标已删除", deleted),
    ];
    blocks.push(Block::Table(Table {
        title: String::new(),
        captions: Vec::new(),
        columns: vec![Column::new(3, Align::Left), Column::new(1, Align::Right)],
        header: vec![vec![Cell::new("项目").bold(), Cell::new("数量").bold()]],
        rows: rows.into_iter().map(|(k, n)| vec![Cell::new(k), Cell::new(n.to_string())]).collect(),
        landscape: false,
        empty_note: None,
    }));

    for (part, title) in PART_TITLES.iter().enumerate() {
        let in_part = |l: &Location| l.section.part() as usize == part;
        let part_findings: Vec<&Finding> = findings.iter().filter(|f| in_part(&f.location)).collect();
        let part_comments: Vec<(usize, Option<Location>)> = targets
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let location = match t {
                    Target::At(l) => Some(l.clone()),
                    Target::Deleted => None,
                };
                let section = location
                    .as_ref()
                    .map(|l| l.section)
                    .or_else(|| super::anchor::section_of(&review.comments[i].anchor.section));
                section.filter(|s| s.part() as usize == part).map(|_| (i, location))
            })
            .collect();
        if part_findings.is_empty() && part_comments.is_empty() {
            continue;
        }
        blocks.push(Block::Heading { level: 1, text: (*title).to_owned() });
        for f in part_findings {
            let decision = match settlement(f) {
                Some(s) => match &s.verdict {
                    Verdict::MustFix => format!("（{}，{} {}）", s.verdict.label(), s.author, s.time),
                    Verdict::NoChange { reason } => {
                        format!("（{}：{reason}，{} {}）", s.verdict.label(), s.author, s.time)
                    }
                },
                None => String::new(),
            };
            blocks.push(Block::Paragraph {
                text: format!("[{}] {} {}：{}{decision}", f.severity.label(), f.rule, f.location, f.message),
                indent: false,
            });
        }
        for (i, location) in part_comments {
            let c = &review.comments[i];
            let place = location.map(|l| l.to_string()).unwrap_or_else(|| "目标已删除".to_owned());
            let quote = if c.anchor.quote.is_empty() {
                String::new()
            } else {
                format!("（原文：“{}”）", c.anchor.quote)
            };
            let quote = if c.excerpt.is_empty() { quote } else { format!("{quote}（摘引：“{}”）", c.excerpt) };
            blocks.push(Block::Paragraph {
                text: format!(
                    "批注 {} [{}] {place}{quote} {} {}：{}",
                    c.id,
                    c.status.label(),
                    c.author,
                    c.time,
                    c.text
                ),
                indent: false,
            });
            for r in &c.replies {
                blocks
                    .push(Block::Paragraph {
                        text: format!("回复 {} {}：{}", r.author, r.time, r.text), indent: true
                    });
            }
        }
    }
    let disclosure = format!("{}{}年部门预算公开", doc.header.department, doc.header.year);
    let meta = Meta {
        title: format!("{disclosure} 审阅报告"),
        subject: "审阅报告".into(),
        author: doc.header.department.clone(),
        date: None,
    };
    Document { title: vec![disclosure, "审阅报告".into()], blocks, meta }
}
