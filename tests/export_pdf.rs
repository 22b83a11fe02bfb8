//! The PDF exporter on hand-built documents: page geometry, embedded subset fonts,
//! extractable text, pagination of long and landscape tables, determinism, watermark.

mod common;

use budget_disclosure::export::pdf::{self, PagePlan};
use budget_disclosure::export::{Align, Block, Cell, Column, Document, ExportOptions, Table};
use common::empty_table;

const LONG_TEXT: &str = "按照《中华人民共和国预算法》、《地方预决算公开操作规程》等文件规定，现将我部门预算信息公开如下：\
2020年预算收入为1750.87万元，其中：一般公共预算收入1750.87万元，基金预算收入0万元，财政专户收入0万元，\
其他来源收入0万元。指导社区居委会拓展社区服务，繁荣社区文化，发展社区卫生，加强社区治安，美化社区环境，\
建设和谐社区（含“三公”经费的使用说明）。";

fn project_table(rows: usize) -> Table {
    let mut body = vec![vec![
        Cell::new("合计").span(2, 1).align(Align::Center).bold(),
        Cell::new(format!("{:.2}", rows as f64 * 12.5)).bold(),
        Cell::new(""),
    ]];
    for i in 0..rows {
        body.push(vec![
            Cell::new(format!("{}", 2130000 + i)),
            Cell::new(format!("第{i}号社区老旧小区物业服务及环境整治提升项目（含绿化、照明与道路维修）")),
            Cell::new(format!("{}.50", 10 + i)),
            Cell::new(if i % 3 == 0 { "延续项目" } else { "" }),
        ]);
    }
    Table {
        title: "项目支出预算表".into(),
        captions: vec!["保定市徐水区城区办事处".into(), "预算年度：2020".into(), "单位：万元".into()],
        columns: vec![
            Column::new(2, Align::Left),
            Column::new(5, Align::Left),
            Column::new(2, Align::Right),
            Column::new(2, Align::Center),
        ],
        header: vec![
            vec![Cell::new("项目").span(2, 1), Cell::new("金额").span(1, 2), Cell::new("备注").span(1, 2)],
            vec![Cell::new("科目编码"), Cell::new("项目名称")],
        ],
        rows: body,
        landscape: false,
        empty_note: None,
    }
}

fn wide_table() -> Table {
    let columns = vec![Column::new(3, Align::Left)].into_iter().chain((0..11).map(|_| Column::new(2, Align::Right)));
    let mut header = vec![Cell::new("项目")];
    header.extend((0..11).map(|i| Cell::new(format!("收入来源{i}"))));
    let rows = (0..6)
        .map(|r| {
            let mut row = vec![Cell::new(format!("城区办事处第{r}科"))];
            row.extend((0..11).map(|c| Cell::new(format!("{}.{:02}", 1000 * r + c, c))));
            row
        })
        .collect();
    Table {
        title: "部门收入总表".into(),
        captions: vec!["单位：万元".into()],
        columns: columns.collect(),
        header: vec![header],
        rows,
        landscape: true,
        empty_note: None,
    }
}

fn sample() -> Document {
    let mut blocks = vec![
        Block::Heading { level: 1, text: "第一部分：部门职责及机构设置情况".into() },
        Block::Heading { level: 2, text: "一、部门职责".into() },
    ];
    for _ in 0..4 {
        blocks.push(Block::Paragraph { text: LONG_TEXT.into(), indent: true });
    }
    blocks.push(Block::Heading { level: 1, text: "第二部分：部门预算表".into() });
    blocks.push(Block::Table(project_table(80)));
    blocks.push(Block::Heading { level: 3, text: "（一）收入总表".into() });
    blocks.push(Block::Table(wide_table()));
    blocks.push(Block::Paragraph { text: "以上为收入总表。".into(), indent: true });
    blocks.push(Block::Table(empty_table()));
    blocks.push(Block::Note("注：本表金额保留两位小数。".into()));
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading { level: 1, text: "第三部分：名词解释".into() });
    Document {
        title: vec!["保定市徐水区城区办事处".into(), "2020年部门预算公开说明".into()],
        blocks,
        ..Default::default()
    }
}

fn render(doc: &Document, watermark: bool) -> Vec<u8> {
    pdf::render(doc, &ExportOptions { draft_watermark: watermark }).unwrap()
}

fn all_text(pdf: &lopdf::Document) -> String {
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    pdf.extract_text(&pages).unwrap()
}

fn media_box(pdf: &lopdf::Document, page: lopdf::ObjectId) -> (f32, f32) {
    let dict = pdf.get_dictionary(page).unwrap();
    let mb = dict.get(b"MediaBox").unwrap().as_array().unwrap();
    let n: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap()).collect();
    (n[2] - n[0], n[3] - n[1])
}

#[test]
fn pages_are_a4_and_landscape_tables_get_landscape_pages() {
    let doc = sample();
    let plans = pdf::layout(&doc).unwrap();
    let bytes = render(&doc, false);
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = pdf.get_pages();
    assert_eq!(pages.len(), plans.len());
    assert!((4..30).contains(&pages.len()), "{} pages", pages.len());
    for (plan, (_, &id)) in plans.iter().zip(&pages) {
        let (w, h) = media_box(&pdf, id);
        let (w, h) = (w.round(), h.round());
        if plan.landscape {
            assert_eq!((w, h), (842.0, 595.0));
        } else {
            assert_eq!((w, h), (595.0, 842.0));
        }
    }
    // The wide table (block 9) and its heading sit on landscape pages, and the flow
    // continues portrait afterwards.
    let wide_pages: Vec<&PagePlan> = plans.iter().filter(|p| p.rows.iter().any(|r| r.block == 9)).collect();
    assert!(!wide_pages.is_empty() && wide_pages.iter().all(|p| p.landscape));
    assert!(wide_pages[0].texts.iter().any(|t| t.text == "（一）收入总表"));
    assert!(!plans.last().unwrap().landscape);
    assert!(!plans[0].landscape);
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let bytes = render(&sample(), false);
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let mut embedded = Vec::new();
    for obj in pdf.objects.values() {
        if let Ok(dict) = obj.as_dict()
            && dict.has(b"FontFile2")
        {
            let name = dict.get(b"FontName").unwrap().as_name().unwrap();
            let name = String::from_utf8_lossy(name);
            assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "not a subset: {name}");
            assert!(name.contains("Noto"), "{name}");
            embedded.push(name[7..].to_owned());
        }
    }
    embedded.sort();
    // Serif body, sans headings, and the real bold face for the 合计 rows.
    assert_eq!(embedded, ["NotoSansSC-Regular", "NotoSerifSC-Bold", "NotoSerifSC-Regular"]);
    // Without bold text the bold face is not embedded at all.
    let plain =
        Document { blocks: vec![Block::Paragraph { text: "正文".into(), indent: true }], ..Default::default() };
    let plain = lopdf::Document::load_mem(&render(&plain, false)).unwrap();
    let bold =
        plain.objects.values().filter_map(|o| o.as_dict().ok()).filter(|d| d.has(b"FontFile2")).any(|d| {
            String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).ends_with("NotoSerifSC-Bold")
        });
    assert!(!bold);
    // Subset: a few hundred glyphs, far from the 25 MB of the full faces.
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
}

#[test]
fn text_is_extractable() {
    let bytes = render(&sample(), false);
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let text = all_text(&pdf);
    for needle in [
        "保定市徐水区城区办事处",
        "第一部分：部门职责及机构设置情况",
        "一、部门职责",
        "第三部分：名词解释",
        "1750.87",
        "1000.00",
        "5010.10",
        "注：无政府采购预算，空表列示。",
        "— 1 —",
    ] {
        assert!(text.contains(needle), "{needle} missing from extracted text");
    }
}

#[test]
fn long_table_breaks_between_rows_and_repeats_its_header() {
    let doc = sample();
    let plans = pdf::layout(&doc).unwrap();
    let table_pages: Vec<&PagePlan> = plans.iter().filter(|p| p.rows.iter().any(|r| r.block == 7)).collect();
    assert!(table_pages.len() >= 3, "80 rows should span pages");
    let mut seen = Vec::new();
    for page in &table_pages {
        let frame = page.frame();
        let header_rows: Vec<usize> = page.rows.iter().filter(|r| r.block == 7 && r.header).map(|r| r.row).collect();
        assert_eq!(header_rows, [0, 1], "both header rows on every page of the table");
        for slot in page.rows.iter().filter(|r| r.block == 7) {
            assert!(slot.top >= frame.top - 0.01 && slot.bottom <= frame.bottom() + 0.01, "row {slot:?} cut");
            if !slot.header {
                seen.push(slot.row);
            }
        }
    }
    assert_eq!(seen, (0..81).collect::<Vec<_>>(), "every body row exactly once, in order");
}

#[test]
fn nothing_runs_off_the_text_block() {
    for page in pdf::layout(&sample()).unwrap() {
        let frame = page.frame();
        for b in &page.boxes {
            assert!(b.x >= frame.left - 0.01 && b.x + b.width <= frame.left + frame.width + 0.01, "{b:?}");
            assert!(b.top >= frame.top - 0.01 && b.top + b.height <= frame.bottom() + 0.01, "{b:?}");
        }
        for t in page.texts.iter().filter(|t| !t.text.starts_with('—')) {
            assert!(t.x >= frame.left - 0.01 && t.baseline <= frame.bottom() + 0.01, "{t:?}");
        }
    }
}

#[test]
fn chinese_line_breaking_rules_hold() {
    let doc = Document {
        title: vec![],
        blocks: vec![Block::Paragraph { text: LONG_TEXT.repeat(6), indent: true }],
        ..Default::default()
    };
    let plans = pdf::layout(&doc).unwrap();
    let lines: Vec<&str> = plans
        .iter()
        .flat_map(|p| p.texts.iter())
        .filter(|t| !t.text.starts_with('—'))
        .map(|t| t.text.as_str())
        .collect();
    assert!(lines.len() > 20);
    for line in &lines {
        let first = line.chars().next().unwrap();
        let last = line.chars().last().unwrap();
        assert!(!"。，、；：？！）」』】》”".contains(first), "line starts with {first}: {line}");
        assert!(!"（「『【《“".contains(last), "line ends with {last}: {line}");
    }
    let joined: String = lines.concat();
    assert_eq!(joined, LONG_TEXT.repeat(6), "no character lost or added, numbers kept whole");
    assert!(lines.iter().all(|l| !l.ends_with("1750.") && !l.starts_with("87")));
}

#[test]
fn output_is_deterministic() {
    let doc = sample();
    let a = render(&doc, false);
    let b = render(&doc, false);
    assert!(a == b, "two exports of one document differ");
    let other = Document { title: vec!["别的部门".into()], ..doc };
    assert!(render(&other, false) != a);
}

#[test]
fn watermark_only_when_asked() {
    let doc = sample();
    let plain = lopdf::Document::load_mem(&render(&doc, false)).unwrap();
    let draft = lopdf::Document::load_mem(&render(&doc, true)).unwrap();
    let pages = draft.get_pages();
    for &page in pages.keys() {
        let text = draft.extract_text(&[page]).unwrap();
        assert!(text.contains("草稿"), "page {page} has no watermark");
    }
    assert!(!all_text(&plain).contains("草稿"));
}

#[test]
fn empty_document_still_gives_one_page() {
    let bytes = render(&Document::default(), false);
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(pdf.get_pages().len(), 1);
}

#[test]
fn cli_exports_a_pdf_end_to_end() {
    use std::process::Command;
    let bin = env!("CARGO_BIN_EXE_budget-disclosure");
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("s000.ron");
    let out = dir.path().join("s000.pdf");
    let o = Command::new(bin).args(["sample", "--seed", "000", "-o"]).arg(&draft).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for watermark in [false, true] {
        let mut cmd = Command::new(bin);
        cmd.arg("export").arg(&draft).args(["--format", "pdf", "-o"]).arg(&out);
        if watermark {
            cmd.arg("--draft-watermark");
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        let text = all_text(&pdf);
        assert!(text.contains("部门预算公开说明"));
        assert_eq!(text.contains("草稿"), watermark);
    }
}

#[test]
fn rows_tied_by_a_row_span_stay_on_one_page() {
    let mut rows = Vec::new();
    for g in 0..40 {
        for k in 0..4 {
            let mut row = Vec::new();
            if k == 0 {
                row.push(Cell::new(format!("第{g}组指标")).span(1, 4));
            }
            row.push(Cell::new(format!("指标{k}：完成社区服务设施建设任务并通过验收")));
            row.push(Cell::new(format!("{g}.{k}0")));
            rows.push(row);
        }
    }
    let table = Table {
        title: "项目绩效目标表".into(),
        captions: vec![],
        columns: vec![Column::new(2, Align::Center), Column::new(5, Align::Left), Column::new(2, Align::Right)],
        header: vec![vec![Cell::new("一级指标"), Cell::new("指标内容"), Cell::new("指标值")]],
        rows,
        landscape: false,
        empty_note: None,
    };
    let doc = Document { title: vec![], blocks: vec![Block::Table(table)], ..Default::default() };
    let plans = pdf::layout(&doc).unwrap();
    assert!(plans.len() >= 3);
    for g in 0..40 {
        let pages: Vec<usize> = (0..4)
            .map(|k| {
                let row = g * 4 + k;
                plans.iter().position(|p| p.rows.iter().any(|r| !r.header && r.row == row)).unwrap()
            })
            .collect();
        assert!(pages.iter().all(|&p| p == pages[0]), "group {g} split over pages {pages:?}");
    }
    // The spanning cell's box covers its four rows.
    let first = &plans[0];
    let top = first.rows.iter().find(|r| !r.header && r.row == 0).unwrap().top;
    let bottom = first.rows.iter().find(|r| !r.header && r.row == 3).unwrap().bottom;
    assert!(first.boxes.iter().any(|b| (b.top - top).abs() < 0.01 && (b.top + b.height - bottom).abs() < 0.01));
}

/// Every "1,234.56"-style amount (two decimals) in `text`.
fn amounts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == ',' || c == '.' || (c == '-' && cur.is_empty()) {
            cur.push(c);
            continue;
        }
        let token = std::mem::take(&mut cur);
        let token = token.trim_end_matches([',', '.']);
        if let Some((int, frac)) = token.rsplit_once('.')
            && frac.len() == 2
            && frac.chars().all(|c| c.is_ascii_digit())
            && int.chars().any(|c| c.is_ascii_digit())
        {
            out.push(token.to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Every body row of every table is placed exactly once, inside the text block.
fn assert_no_row_split(doc: &Document, plans: &[PagePlan]) {
    let mut placed = std::collections::BTreeMap::new();
    for page in plans {
        let frame = page.frame();
        for slot in &page.rows {
            assert!(
                slot.top >= frame.top - 0.01 && slot.bottom <= frame.bottom() + 0.01,
                "page {}: row {slot:?} runs off the text block",
                page.number
            );
            if !slot.header {
                *placed.entry((slot.block, slot.row)).or_insert(0) += 1;
            }
        }
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Table(t) = block {
            for r in 0..t.rows.len() {
                assert_eq!(placed.get(&(i, r)), Some(&1), "table {i} row {r}");
            }
        }
    }
}

#[test]
fn every_sample_pdf_has_its_part_headings_and_amounts() {
    use budget_disclosure::export;
    use budget_disclosure::samples::{self, Seed};
    for seed in Seed::ALL {
        let doc = export::build(&samples::load(seed)).unwrap();
        let text = export::text::render(&doc);
        let plans = pdf::layout(&doc).unwrap();
        assert_no_row_split(&doc, &plans);
        let bytes = render(&doc, false);
        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(pdf.get_pages().len(), plans.len());
        let extracted = all_text(&pdf);
        // A space where a line was broken is dropped; compare without spaces.
        let squeezed: String = extracted.chars().filter(|c| !c.is_whitespace()).collect();
        for block in &doc.blocks {
            if let Block::Heading { level: 1, text } = block {
                let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(squeezed.contains(&text), "{seed:?}: heading {text} missing");
            }
        }
        let amounts = amounts(&text);
        assert!(!amounts.is_empty(), "{seed:?}: text export has no amounts");
        for amount in amounts {
            assert!(extracted.contains(&amount), "{seed:?}: amount {amount} missing from the PDF text");
        }
    }
}

#[test]
fn large_department_exports_without_a_row_split() {
    use budget_disclosure::export::{self, Format};
    use budget_disclosure::samples;
    let draft = samples::large_department();
    let doc = export::build(&draft).unwrap();
    let plans = pdf::layout(&doc).unwrap();
    assert!(plans.len() > 20, "{} pages", plans.len());
    assert_no_row_split(&doc, &plans);
    let bytes = export::export(&draft, Format::Pdf, &ExportOptions::default()).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(pdf.get_pages().len(), plans.len());
}

#[test]
fn narrow_number_columns_borrow_room_instead_of_cutting_numbers() {
    let table = Table {
        title: String::new(),
        captions: vec![],
        columns: vec![Column::new(20, Align::Left), Column::new(1, Align::Right)],
        header: vec![vec![Cell::new("项目"), Cell::new("金额")]],
        rows: vec![vec![Cell::new("城区办老旧小区物业服务项目"), Cell::new("1,234,567.89")]],
        landscape: false,
        empty_note: None,
    };
    let doc = Document { title: vec![], blocks: vec![Block::Table(table)], ..Default::default() };
    let plans = pdf::layout(&doc).unwrap();
    let run = plans[0].texts.iter().find(|t| t.text == "1,234,567.89").expect("number on one line");
    assert_eq!(run.size, 10.5, "number kept at table size");
}

#[test]
fn a_bold_sub_header_row_never_ends_a_page() {
    let mut rows = Vec::new();
    for g in 0..60 {
        rows.push(vec![Cell::new("一级指标").bold(), Cell::new("指标值").bold()]);
        for k in 0..3 {
            rows.push(vec![Cell::new(format!("第{g}组第{k}项：社区服务设施建设")), Cell::new(format!("{g}.{k}0"))]);
        }
    }
    let bold_rows: Vec<usize> = (0..rows.len()).filter(|r| r % 4 == 0).collect();
    let table = Table {
        title: String::new(),
        captions: vec![],
        columns: vec![Column::new(3, Align::Left), Column::new(1, Align::Right)],
        header: vec![],
        rows,
        landscape: false,
        empty_note: None,
    };
    let doc = Document { title: vec![], blocks: vec![Block::Table(table)], ..Default::default() };
    let plans = pdf::layout(&doc).unwrap();
    assert!(plans.len() >= 3);
    for page in &plans[..plans.len() - 1] {
        let last = page.rows.iter().filter(|r| !r.header).map(|r| r.row).max().unwrap();
        assert!(!bold_rows.contains(&last), "page {} ends with bold row {last}", page.number);
    }
}

mod line_breaking {
    use super::*;
    use proptest::prelude::*;

    const ALPHABET: &[char] = &[
        '中', '文', '预', '算', '收', '入', '支', '出', '（', '）', '“', '”', '《', '》', '，', '。', '、', '；', '：',
        '？', '！', '0', '1', '5', '9', '.', ',', 'a', 'b', 'X', '%',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn lines_keep_every_character_and_respect_the_rules(
            picks in proptest::collection::vec(0..ALPHABET.len(), 1..400),
            size_em in 6u16..40,
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            // A cell `size_em` characters wide, so long numbers must shrink or fall back.
            let table = Table {
                title: String::new(),
                captions: vec![],
                columns: vec![Column::new(size_em, Align::Left), Column::new(40 - size_em + 1, Align::Left)],
                header: vec![],
                rows: vec![vec![Cell::new(text.clone()), Cell::new("")]],
                landscape: false,
                empty_note: None,
            };
            let doc = Document {
                title: vec![],
                blocks: vec![Block::Paragraph { text: text.clone(), indent: true }, Block::Table(table)],
                ..Default::default()
            };
            let plans = pdf::layout(&doc).unwrap();
            let runs: Vec<&pdf::TextRun> =
                plans.iter().flat_map(|p| p.texts.iter()).filter(|t| !t.text.starts_with('—')).collect();
            let body: Vec<&str> = runs.iter().filter(|r| r.size == 16.0).map(|r| r.text.as_str()).collect();
            prop_assert_eq!(body.concat(), text.clone());
            // The rules apply where a line was broken: not at the paragraph's ends.
            for (i, line) in body.iter().enumerate() {
                let first = line.chars().next().unwrap();
                let last = line.chars().last().unwrap();
                if i > 0 {
                    prop_assert!(!"。，、；：？！）」』】》”".contains(first), "line starts with {}: {}", first, line);
                }
                if i + 1 < body.len() {
                    prop_assert!(!"（「『【《“".contains(last), "line ends with {}: {}", last, line);
                }
            }
            let cell: Vec<&str> = runs.iter().filter(|r| r.size < 16.0).map(|r| r.text.as_str()).collect();
            prop_assert_eq!(cell.concat(), text);
            for page in &plans {
                let frame = page.frame();
                for t in page.texts.iter().filter(|t| t.size == 16.0) {
                    prop_assert!(t.x >= frame.left - 0.01);
                }
            }
        }
    }
}

#[test]
fn a_table_never_ends_with_a_lone_row_overleaf() {
    for rows in 20..70 {
        let doc = Document { title: vec![], blocks: vec![Block::Table(project_table(rows))], ..Default::default() };
        let plans = pdf::layout(&doc).unwrap();
        if plans.len() < 2 {
            continue;
        }
        let last = plans.last().unwrap();
        let carried = last.rows.iter().filter(|r| !r.header).count();
        assert!(carried >= 2, "{rows} rows: only {carried} on the last page");
        assert_no_row_split(&doc, &plans);
    }
}

#[test]
fn malformed_tables_do_not_panic() {
    let odd = |columns: Vec<Column>, rows: Vec<Vec<Cell>>| {
        Block::Table(Table {
            title: "异常表".into(),
            captions: vec!["甲".into(), "乙".into(), "丙".into(), "丁".into()],
            columns,
            header: vec![vec![Cell::new("表头").span(0, 0)]],
            rows,
            landscape: false,
            empty_note: Some("注：空表。".into()),
        })
    };
    let doc = Document {
        title: vec!["".into()],
        blocks: vec![
            odd(vec![], vec![vec![Cell::new("没有列"), Cell::new("多余的格")]]),
            odd(
                vec![Column::new(0, Align::Right), Column::new(1, Align::Center)],
                vec![
                    vec![Cell::new("跨到表外").span(5, 9), Cell::new("再多一格")],
                    vec![Cell::new("1234567890123456789012345678901234567890.00")],
                ],
            ),
            odd(vec![Column::new(1, Align::Left)], vec![]),
            Block::Heading { level: 0, text: String::new() },
            Block::Heading { level: 9, text: "很深的标题".into() },
            Block::Paragraph { text: "x".repeat(500), indent: true },
            Block::Note("   ".into()),
            Block::PageBreak,
            Block::PageBreak,
        ],
        ..Default::default()
    };
    let plans = pdf::layout(&doc).unwrap();
    assert!(!plans.is_empty());
    // The Word exporter takes the same odd document.
    assert!(budget_disclosure::export::docx::render(&doc).unwrap().starts_with(b"PK"));
    let bytes = render(&doc, true);
    assert!(lopdf::Document::load_mem(&bytes).is_ok());
}

/// A PDF text string (UTF-16BE with BOM, or bytes) as Rust text.
fn pdf_text(o: &lopdf::Object) -> String {
    let bytes = o.as_str().unwrap();
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).unwrap()
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The outline of `pdf`, depth first: (depth, title, target page object).
fn outline(pdf: &lopdf::Document) -> Vec<(usize, String, lopdf::ObjectId)> {
    fn walk(
        pdf: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String, lopdf::ObjectId)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let d = pdf.get_dictionary(id).unwrap();
            let dest = d.get(b"Dest").unwrap().as_array().unwrap();
            out.push((depth, pdf_text(d.get(b"Title").unwrap()), dest[0].as_reference().unwrap()));
            walk(pdf, d.get(b"First").ok().map(|o| o.as_reference().unwrap()), depth + 1, out);
            next = d.get(b"Next").ok().map(|o| o.as_reference().unwrap());
        }
    }
    let catalog = pdf.catalog().unwrap();
    let root = pdf.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut out = Vec::new();
    walk(pdf, root.get(b"First").ok().map(|o| o.as_reference().unwrap()), 0, &mut out);
    out
}

#[test]
fn bold_text_uses_the_bold_face_unless_it_lacks_a_character() {
    let plans = pdf::layout(&sample()).unwrap();
    let bold: Vec<&pdf::TextRun> =
        plans.iter().flat_map(|p| &p.texts).filter(|r| r.face == pdf::Face::SerifBold).collect();
    assert!(bold.iter().any(|r| r.text == "合计"), "the 合计 row is set in the bold face");
    assert!(bold.iter().all(|r| !r.bold), "no simulated bold on top of the bold face");
    // 泃 (seed 002's district) is outside GB2312: the regular face, thickened.
    let doc = Document {
        blocks: vec![
            Block::Heading { level: 2, text: "泃阳西大街".into() },
            Block::Heading { level: 2, text: "三河市".into() },
        ],
        ..Default::default()
    };
    let runs: Vec<pdf::TextRun> = pdf::layout(&doc).unwrap().remove(0).texts;
    assert_eq!((runs[0].face, runs[0].bold), (pdf::Face::Serif, true));
    assert_eq!((runs[1].face, runs[1].bold), (pdf::Face::SerifBold, false));
}

#[test]
fn bookmarks_lead_to_every_part_and_table_in_order() {
    use budget_disclosure::samples::{self, Seed};
    for seed in Seed::ALL {
        let mut draft = samples::load(seed);
        draft.header.prepared_on = "2024年2月1日".into();
        let doc = budget_disclosure::export::build(&draft).unwrap();
        let expected: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.trim()),
                Block::Table(t) => Some(t.title.trim()),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .collect();
        let marks = pdf::bookmarks(&doc).unwrap();
        assert_eq!(marks.iter().map(|m| m.title.as_str()).collect::<Vec<_>>(), expected, "{seed:?}");
        // Each points at its own first line.
        let plans = pdf::layout(&doc).unwrap();
        for m in &marks {
            let (_, height) = plans[m.page].size();
            let first_line = plans[m.page]
                .texts
                .iter()
                .filter(|r| height - r.baseline < m.y && height - r.baseline > m.y - 40.0)
                .any(|r| m.title.starts_with(r.text.as_str()) && !r.text.is_empty());
            assert!(first_line, "{seed:?}: {} is not at the top of its mark", m.title);
        }
        // The file holds them in the same order, tables under their headings.
        let bytes = render(&doc, false);
        let file = lopdf::Document::load_mem(&bytes).unwrap();
        let got = outline(&file);
        assert_eq!(got.iter().map(|(_, t, _)| t.as_str()).collect::<Vec<_>>(), expected, "{seed:?}");
        let pages: Vec<lopdf::ObjectId> = file.get_pages().values().copied().collect();
        for ((depth, title, page), m) in got.iter().zip(&marks) {
            assert_eq!(*page, pages[m.page], "{title}");
            if m.level == 4 && *depth == 0 {
                assert!(!marks.iter().take_while(|o| o.title != *title).any(|o| o.level < 4), "{title} is orphaned");
            }
        }
        // Document information from the draft, dated by its 编制日期.
        let info = file.get_dictionary(file.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
        assert_eq!(pdf_text(info.get(b"Title").unwrap()), doc.meta.title);
        assert_eq!(pdf_text(info.get(b"Author").unwrap()), draft.header.department.trim());
        assert!(pdf_text(info.get(b"Subject").unwrap()).ends_with("年部门预算公开"));
        assert_eq!(pdf_text(info.get(b"CreationDate").unwrap()), "D:20240201000000+08'00'");
    }
}

#[test]
fn no_date_rather_than_1970() {
    let bytes = render(&sample(), false);
    let file = lopdf::Document::load_mem(&bytes).unwrap();
    let info = file.get_dictionary(file.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert!(info.get(b"CreationDate").is_err() && info.get(b"ModDate").is_err());
    assert!(!bytes.windows(4).any(|w| w == b"1970"));
}

#[test]
fn narrow_cells_break_between_words() {
    use budget_disclosure::samples::{self, Seed};
    for seed in Seed::ALL {
        let doc = budget_disclosure::export::build(&samples::load(seed)).unwrap();
        let plans = pdf::layout(&doc).unwrap();
        for run in plans.iter().flat_map(|p| &p.texts).filter(|r| r.size <= 10.5) {
            // The tail of a word alone on a line: "财政拨款收/入", "预算资/金", "万/元".
            assert!(
                !["入", "出", "金", "元", "转", "算"].contains(&run.text.as_str()),
                "{seed:?}: a lone “{}”",
                run.text
            );
            assert!(
                !run.text.ends_with("收") && !run.text.ends_with("预算资"),
                "{seed:?}: “{}” splits a word",
                run.text
            );
        }
    }
}

#[test]
fn sub_rows_keep_their_indent() {
    let table = Table {
        columns: vec![Column::new(2, Align::Left), Column::new(1, Align::Right)],
        rows: vec![
            vec![Cell::new("公务用车购置及运行费"), Cell::new("1.00")],
            vec![Cell::new("    其中：公务用车购置费"), Cell::new("0.50")],
        ],
        ..Default::default()
    };
    let long = format!("    其中：人员经费{}", "反映单位用于开支在职职工和离退休人员的各项费用。".repeat(3));
    let doc = Document {
        blocks: vec![
            Block::Table(table),
            Block::Paragraph { text: "基本支出：".into(), indent: false },
            Block::Paragraph { text: long, indent: false },
        ],
        ..Default::default()
    };
    let runs: Vec<pdf::TextRun> = pdf::layout(&doc).unwrap().remove(0).texts;
    let x = |prefix: &str| runs.iter().find(|r| r.text.starts_with(prefix)).unwrap().x;
    // Four spaces: two characters of the cell's size, the same in body text.
    assert!((x("其中：公务") - x("公务用车购置及") - 2.0 * 10.5).abs() < 0.5);
    assert!((x("其中：人员") - x("基本支出") - 2.0 * 16.0).abs() < 0.5);
    // A wrapped sub-row stays indented on every line.
    let body: Vec<&pdf::TextRun> = runs.iter().filter(|r| r.size == 16.0).collect();
    assert!(body.len() > 3);
    assert!(body[2..].iter().all(|r| (r.x - x("其中：人员")).abs() < 0.5), "continuation lines align with 其中");
}

#[test]
fn a_project_table_repeats_its_indicator_header_overleaf() {
    let mut rows = vec![vec![Cell::new("项目名称"), Cell::new("社区服务")]];
    rows.push(vec![Cell::new("一级指标").bold(), Cell::new("指标值").bold()]);
    for k in 0..80 {
        rows.push(vec![Cell::new(format!("第{k}项：社区服务设施建设")), Cell::new("≥95%")]);
    }
    let table =
        Table { columns: vec![Column::new(3, Align::Left), Column::new(1, Align::Right)], rows, ..Default::default() };
    let doc = Document { blocks: vec![Block::Table(table)], ..Default::default() };
    let plans = pdf::layout(&doc).unwrap();
    assert!(plans.len() >= 2);
    for page in &plans[1..] {
        let first = &page.rows[0];
        assert_eq!((first.row, first.header), (1, true), "page {} starts with the indicator header", page.number);
        assert!(page.texts.iter().any(|t| t.text == "一级指标"));
    }
    assert_no_row_split(&doc, &plans);
}

#[test]
fn paragraphs_leave_no_single_line_at_a_page_edge() {
    for lines_before in 0..30 {
        let mut blocks: Vec<Block> =
            (0..lines_before).map(|i| Block::Paragraph { text: format!("第{i}行。"), indent: false }).collect();
        blocks.push(Block::Paragraph { text: LONG_TEXT.repeat(2), indent: true });
        let doc = Document { blocks, ..Default::default() };
        let plans = pdf::layout(&doc).unwrap();
        // The long paragraph's lines per page.
        let counts: Vec<usize> = plans
            .iter()
            .map(|p| p.texts.iter().filter(|r| r.size == 16.0 && !r.text.starts_with('第')).count())
            .filter(|&n| n > 0)
            .collect();
        if counts.len() > 1 {
            assert!(counts[0] >= 2 && *counts.last().unwrap() >= 2, "{lines_before} lines before: {counts:?}");
        }
    }
}

#[test]
fn a_run_of_headings_stays_with_the_table_it_introduces() {
    for lines_before in 12..22 {
        let mut blocks: Vec<Block> =
            (0..lines_before).map(|i| Block::Paragraph { text: format!("第{i}行。"), indent: false }).collect();
        blocks.push(Block::Heading { level: 1, text: "五、预算绩效信息".into() });
        blocks.push(Block::Heading { level: 2, text: "（一）项目绩效目标".into() });
        blocks.push(Block::Table(project_table(30)));
        let doc = Document { blocks, ..Default::default() };
        let plans = pdf::layout(&doc).unwrap();
        let page_of = |text: &str| plans.iter().position(|p| p.texts.iter().any(|t| t.text == text)).unwrap();
        let table = plans.iter().position(|p| p.rows.iter().any(|r| r.block == lines_before + 2)).unwrap();
        assert_eq!(page_of("五、预算绩效信息"), table, "{lines_before} lines before");
        assert_eq!(page_of("（一）项目绩效目标"), table, "{lines_before} lines before");
    }
}

#[test]
fn the_cross_reference_stream_is_compressed_and_the_file_reads_back() {
    let bytes = render(&sample(), false);
    // The last object is the cross-reference stream, at the offset after `startxref`.
    let text = String::from_utf8_lossy(&bytes[bytes.len() - 40..]).into_owned();
    let offset: usize = text.split("startxref\n").nth(1).and_then(|t| t.split('\n').next()).unwrap().parse().unwrap();
    let dict = String::from_utf8_lossy(&bytes[offset..offset + 400]).into_owned();
    let dict = &dict[..dict.find(">>stream").unwrap()];
    assert!(dict.contains("/Type/XRef") && dict.contains("/Filter/FlateDecode/DecodeParms"), "{dict}");
    // lopdf follows it to every object, and the trailer keeps its file ID.
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    assert!(pdf.trailer.get(b"ID").is_ok() && pdf.trailer.get(b"Root").is_ok());
    for &id in pdf.objects.keys() {
        pdf.get_object(id).unwrap();
    }
    assert_eq!(pdf.get_pages().len(), pdf::layout(&sample()).unwrap().len());
}
