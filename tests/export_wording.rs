//! What the exporter writes is held to the wording rules the officer's text is held to,
//! and nothing and zero read as published disclosures write them ("无政府采购预算", not
//! "安排政府采购预算0万元").

use std::collections::BTreeSet;
use std::str::FromStr;

use budget_disclosure::export::{self, Block};
use budget_disclosure::model::{Disclosure, ThreePublicKind};
use budget_disclosure::rules::{self, Location, Section};
use budget_disclosure::samples::{self, Seed};
use budget_disclosure::template;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Every text of the laid-out document the exporter writes itself or around the draft's
/// text: the title, headings, paragraphs, notes, and table titles, captions and headers.
/// Table bodies are the draft's cells (indicator rows and the like), checked as fields.
fn exported_texts(doc: &Disclosure) -> Vec<String> {
    let laid_out = export::build(doc).unwrap_or_else(|e| panic!("{}: {e}", doc.header.template));
    let mut out = laid_out.title.clone();
    for b in &laid_out.blocks {
        match b {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } | Block::Note(text) => out.push(text.clone()),
            Block::Table(t) => {
                out.push(t.title.clone());
                out.extend(t.captions.iter().cloned());
                out.extend(t.header.iter().flatten().map(|c| c.text.clone()));
                out.extend(t.empty_note.iter().cloned());
            }
            Block::PageBreak => {}
        }
    }
    out.retain(|t| !t.trim().is_empty());
    out
}

/// A draft with every figure zero and every text empty.
fn zero_draft(template: &str) -> Disclosure {
    let mut doc = Disclosure::new("示例区示例局", 2024, template);
    doc.header.department_code = "901".into();
    doc
}

fn drafts() -> Vec<(String, Disclosure)> {
    let mut v: Vec<(String, Disclosure)> =
        Seed::ALL.iter().map(|s| (s.file_name().to_owned(), samples::load(*s))).collect();
    v.push(("large".into(), samples::large_department()));
    v.push(("zero".into(), zero_draft("hebei-2024-tables")));
    v
}

#[test]
fn exported_text_never_trips_a_wording_rule() {
    let mut failures = Vec::new();
    for t in template::all() {
        for (name, mut doc) in drafts() {
            doc.header.template = t.id.clone();
            // What the draft's own fields report may reappear where the export quotes them.
            let own: BTreeSet<String> =
                rules::validate(&doc).into_iter().filter(|f| f.rule.starts_with("R-TXT")).map(|f| f.message).collect();
            for text in exported_texts(&doc) {
                for f in rules::check_text(&doc, &text, Location::section(Section::OtherMatters)) {
                    if !own.contains(&f.message) {
                        failures.push(format!("{} × {name}: [{}] {} in “{text}”", t.id, f.rule, f.message));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Phrases that print a zero where a disclosure says "无".
const ZERO_PHRASES: &[&str] = &["预算0万元", "安排0万元", "为0万元", "收入0万元，其中", "金额为0", "总额为0.00"];

#[test]
fn nothing_and_zero_read_as_disclosures_write_them() {
    for t in template::all() {
        let doc = zero_draft(&t.id);
        let text = exported_texts(&doc).join("\n");
        for p in ZERO_PHRASES {
            assert!(!text.contains(p), "{}: “{p}” in the export of an empty draft:\n{text}", t.id);
        }
        assert!(text.contains("无拟购置固定资产"), "{}:\n{text}", t.id);
        assert!(text.contains("无机关运行经费安排"), "{}:\n{text}", t.id);
        assert!(text.contains("无预算收入"), "{}:\n{text}", t.id);
        if t.id != "hebei-2024-tables" {
            assert!(text.contains("2024年我部门无政府采购预算"), "{}:\n{text}", t.id);
        }
        if t.id != "hebei-2020-parts" {
            assert!(text.contains("未安排财政拨款“三公”经费预算，与2023年持平"), "{}:\n{text}", t.id);
        }
    }
}

#[test]
fn a_three_public_item_of_zero_in_both_years_reads_unchanged() {
    let mut doc = zero_draft("hebei-2020-numbered");
    doc.three_public.car_running.last_year = d("6");
    doc.three_public.car_running.this_year = d("5.4");
    doc.three_public.item_mut(ThreePublicKind::Reception).this_year = d("1");
    doc.three_public.item_mut(ThreePublicKind::Reception).last_year = d("1");
    let text = exported_texts(&doc).join("\n");
    assert!(text.contains("因公出国（境）费与2023年持平，无增减变化"), "{text}");
    assert!(text.contains("公务接待费与2023年持平，无增减变化"), "{text}");
    assert!(text.contains("公务用车运行费减少0.6万元）"), "{text}");
    // Near miss: a real figure is printed as a figure.
    assert!(text.contains("“三公”经费预算安排6.4万元"), "{text}");
    doc.header.template = "hebei-2024-tables".into();
    let text = exported_texts(&doc).join("\n");
    assert!(text.contains("与2023年相比公务用车运维费减少0.6万元"), "{text}");
    assert!(!text.contains("因公出国（境）费减少") && !text.contains("公务接待费增加"), "{text}");
}

#[test]
fn zero_parts_keep_their_figures_when_the_total_is_not_zero() {
    let mut doc = zero_draft("hebei-2020-parts");
    doc.summary.income.general_budget = d("120");
    doc.summary.personnel = d("100");
    doc.summary.public = d("20");
    doc.procurement.rows.clear();
    let text = exported_texts(&doc).join("\n");
    assert!(text.contains("2024年预算收入为120万元，其中：一般公共预算收入120万元，基金预算收入0万元"), "{text}");
    assert!(text.contains("2024年我部门无政府采购预算。"), "{text}");
}
