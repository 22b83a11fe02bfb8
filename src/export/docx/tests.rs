//! The .docx read back: unzipped, its XML searched as text.

use std::io::{Cursor, Read};

use super::package::repeat_header_rows;
use super::*;
use crate::export::{self, Cell, Column};
use crate::model::Disclosure;
use crate::samples::{self, Seed};

const SEEDS: [Seed; 3] = [Seed::S000, Seed::S001, Seed::S002];

/// One part of the package, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    let mut file = zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the package"));
    assert_eq!(file.compression(), zip::CompressionMethod::Deflated, "{name} is compressed");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Each element `<tag …>…</tag>` (not nested in itself) of `xml`, whole.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open_a, open_b, close) = (format!("<{tag} "), format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    loop {
        let start = match (rest.find(&open_a), rest.find(&open_b)) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let tag_end = start + rest[start..].find('>').unwrap() + 1;
        let end = if rest[..tag_end].ends_with("/>") {
            tag_end
        } else {
            let Some(len) = rest[start..].find(&close) else { break };
            start + len + close.len()
        };
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// The text of the `w:t` elements of `xml`, in order.
fn texts(xml: &str) -> Vec<String> {
    elements(xml, "w:t").iter().map(|e| unescape(&e[e.find('>').unwrap() + 1..e.len() - "</w:t>".len()])).collect()
}

/// The style id of a paragraph.
fn style(paragraph: &str) -> Option<&str> {
    let at = paragraph.find("<w:pStyle w:val=\"")? + "<w:pStyle w:val=\"".len();
    Some(&paragraph[at..at + paragraph[at..].find('"')?])
}

fn export(seed: Seed) -> (Document, Vec<u8>) {
    let draft = samples::load(seed);
    let doc = export::build(&draft).unwrap();
    let bytes = render(&doc).unwrap();
    (doc, bytes)
}

#[test]
fn headings_are_word_headings_in_order() {
    for seed in SEEDS {
        let (doc, bytes) = export(seed);
        let xml = part(&bytes, "word/document.xml");
        let expected: Vec<(&str, String)> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } => Some((heading_style(*level).0, text.clone())),
                _ => None,
            })
            .collect();
        let got: Vec<(&str, String)> = elements(&xml, "w:p")
            .into_iter()
            .filter_map(|p| style(p).filter(|s| s.starts_with("Heading")).map(|s| (s, texts(p).concat())))
            .collect();
        assert!(expected.len() > 5, "{seed:?} has headings");
        assert_eq!(got, expected, "{seed:?}");
        let titles: Vec<String> =
            elements(&xml, "w:p").into_iter().filter(|p| style(p) == Some(TITLE)).map(|p| texts(p).concat()).collect();
        assert_eq!(titles, doc.title);
    }
    // The heading styles carry outline levels (Word's navigation pane and contents).
    let styles = part(&export(Seed::S001).1, "word/styles.xml");
    for (level, id) in HEADINGS.iter().enumerate() {
        let s = elements(&styles, "w:style").into_iter().find(|s| s.contains(&format!("w:styleId=\"{id}\""))).unwrap();
        assert!(s.contains(&format!("<w:outlineLvl w:val=\"{level}\" />")), "{s}");
        assert!(s.contains(&format!("<w:name w:val=\"heading {}\" />", level + 1)), "{s}");
        assert!(s.contains("<w:keepNext"), "{s}");
    }
}

#[test]
fn fonts_are_named_for_east_asian_text_on_every_style_and_run() {
    let (_, bytes) = export(Seed::S001);
    let styles = part(&bytes, "word/styles.xml");
    let wanted = [
        (TITLE, FONT_TITLE),
        ("Heading1", FONT_HEI),
        ("Heading2", FONT_KAI),
        ("Heading3", FONT_FANGSONG),
        (BODY, FONT_FANGSONG),
    ];
    for (id, font) in wanted {
        let s = elements(&styles, "w:style").into_iter().find(|s| s.contains(&format!("w:styleId=\"{id}\""))).unwrap();
        assert!(s.contains(&format!("w:eastAsia=\"{font}\"")), "{id}: {s}");
    }
    // Normal (written by docx-rs without properties) takes the document defaults.
    let defaults = elements(&styles, "w:docDefaults")[0];
    assert!(defaults.contains(&format!("w:eastAsia=\"{FONT_FANGSONG}\"")), "{defaults}");
    // East Asian text is Chinese (line breaking, fallback glyphs), after the size.
    assert!(defaults.contains(r#"<w:szCs w:val="32" /><w:lang w:val="en-US" w:eastAsia="zh-CN" "#), "{defaults}");
    for s in elements(&styles, "w:style").into_iter().filter(|s| !s.contains("w:styleId=\"Normal\"")) {
        assert!(s.contains("w:eastAsia=\""), "a style without an East Asian font: {s}");
    }
    assert!(styles.contains("<w:sz w:val=\"32\" />"), "16 pt body");
    let body = elements(&styles, "w:style").into_iter().find(|s| s.contains("w:styleId=\"BodyText\"")).unwrap();
    assert!(body.contains("<w:widowControl"), "{body}");
    for name in ["word/document.xml", "word/footer1.xml"] {
        let xml = part(&bytes, name);
        for run in elements(&xml, "w:r") {
            assert!(run.contains("w:eastAsia=\""), "{name}: a run without an East Asian font: {run}");
        }
    }
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体" />"#), "{fonts}");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋" />"#), "{fonts}");
}

#[test]
fn every_text_and_amount_is_there_in_order() {
    for seed in SEEDS {
        let (doc, bytes) = export(seed);
        // All text in order (a header cell's lines are split at line breaks, where a
        // space between words is dropped).
        let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let got = squeeze(&texts(&part(&bytes, "word/document.xml")).concat());
        let mut from = 0;
        for want in doc.texts().into_iter().map(squeeze).filter(|t| !t.is_empty()) {
            let want = want.as_str();
            let at = got[from..].find(want).unwrap_or_else(|| panic!("{seed:?}: “{want}” missing or out of order"));
            from += at + want.len();
        }
    }
}

#[test]
fn footer_numbers_pages_with_a_page_field() {
    let (_, bytes) = export(Seed::S000);
    let footer = part(&bytes, "word/footer1.xml");
    assert_eq!(texts(&footer), ["— ", "1", " —"]);
    assert!(footer.contains("<w:instrText>PAGE</w:instrText>"), "{footer}");
    assert!(footer.contains("<w:jc w:val=\"center\" />"), "{footer}");
}

fn merged_table() -> Table {
    Table {
        title: "合并表".into(),
        columns: vec![Column::new(1, Align::Left), Column::new(1, Align::Right), Column::new(1, Align::Right)],
        header: vec![
            vec![Cell::new("项目").span(1, 2), Cell::new("金额").span(2, 1)],
            vec![Cell::new("本年"), Cell::new("上年")],
        ],
        rows: vec![
            vec![Cell::new("合计").bold(), Cell::new("3.00"), Cell::new("2.00")],
            vec![Cell::new("甲"), Cell::new("1.00"), Cell::new("1.00")],
        ],
        ..Default::default()
    }
}

#[test]
fn merged_header_cells_become_grid_spans_and_vertical_merges() {
    let doc = Document { blocks: vec![Block::Table(merged_table())], ..Default::default() };
    let xml = part(&render(&doc).unwrap(), "word/document.xml");
    let rows = elements(&xml, "w:tr");
    assert_eq!(rows.len(), 4);
    let cells: Vec<Vec<&str>> = rows.iter().map(|r| elements(r, "w:tc")).collect();
    assert_eq!(cells.iter().map(Vec::len).collect::<Vec<_>>(), [2, 3, 3, 3]);
    assert!(cells[0][0].contains("<w:vMerge w:val=\"restart\" />") && texts(cells[0][0]) == ["项目"]);
    assert!(cells[0][1].contains("<w:gridSpan w:val=\"2\" />") && texts(cells[0][1]) == ["金额"]);
    assert!(cells[1][0].contains("<w:vMerge w:val=\"continue\" />") && texts(cells[1][0]).is_empty());
    assert_eq!(texts(rows[1]), ["本年", "上年"]);
    // Widths: the grid and each cell add up to the text block.
    let total: usize = PageSetup { landscape: false }.text_width();
    assert!(xml.contains(&format!("<w:tblW w:w=\"{total}\" w:type=\"dxa\" />")), "{xml}");
    // Header rows repeat, no row splits, bold survives.
    assert!(rows[..2].iter().all(|r| r.contains("<w:tblHeader />")));
    assert!(!rows[2].contains("<w:tblHeader />"));
    assert!(rows.iter().all(|r| r.contains("<w:cantSplit />")));
    assert!(cells[2][0].contains("<w:b />"), "{}", cells[2][0]);

    // Seed 001's merged headers: one restart per cell spanning rows.
    let (doc, bytes) = export(Seed::S001);
    let xml = part(&bytes, "word/document.xml");
    let spanning = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.header.iter().chain(&t.rows).flatten().filter(|c| c.rowspan > 1).count()),
            _ => None,
        })
        .sum::<usize>();
    assert!(spanning > 10);
    assert_eq!(xml.matches("<w:vMerge w:val=\"restart\" />").count(), spanning);
}

#[test]
fn header_rows_repeat_in_every_table() {
    for seed in SEEDS {
        let (doc, bytes) = export(seed);
        let xml = part(&bytes, "word/document.xml");
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) if !(t.header.is_empty() && t.rows.is_empty()) => Some(t),
                _ => None,
            })
            .collect();
        let parts: Vec<split::Part> = tables.iter().flat_map(|t| split::parts(t)).collect();
        assert!(parts.len() > tables.len(), "{seed:?}: the project tables are cut");
        let word = elements(&xml, "w:tbl");
        assert_eq!(word.len(), parts.len(), "{seed:?}");
        for (part, w) in parts.iter().zip(word) {
            let marks: Vec<bool> = elements(w, "w:tr").iter().map(|r| r.contains("<w:tblHeader />")).collect();
            let expected: Vec<bool> = (0..part.header.len() + part.body.len()).map(|i| i < part.header.len()).collect();
            assert_eq!(marks, expected, "{seed:?}");
        }
    }
}

#[test]
fn project_indicator_tables_start_with_their_repeated_header() {
    for seed in SEEDS {
        let (doc, bytes) = export(seed);
        let xml = part(&bytes, "word/document.xml");
        let projects = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(t) if t.rows.iter().flatten().any(|c| c.text == "一级指标")))
            .count();
        assert!(projects > 0, "{seed:?} has project tables");
        // Every 一级指标 row is the first row of a Word table, marked as its header.
        let tables = elements(&xml, "w:tbl");
        let indicator: Vec<usize> = (0..tables.len())
            .filter(|&k| elements(tables[k], "w:tr").iter().any(|r| texts(r).concat().starts_with("一级指标")))
            .collect();
        assert_eq!(indicator.len(), projects, "{seed:?}");
        for &k in &indicator {
            let rows = elements(tables[k], "w:tr");
            assert_eq!(
                texts(rows[0]),
                ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
            );
            assert!(rows[0].contains("<w:tblHeader />") && !rows[1].contains("<w:tblHeader />"), "{seed:?}");
            // The information part right before it: same grid, no bottom rule of its
            // own, kept with the indicators, and a 0.7 pt line between the two.
            let info = tables[k - 1];
            assert!(texts(info).concat().contains("绩效目标"), "{seed:?}");
            assert_eq!(elements(info, "w:tblGrid"), elements(tables[k], "w:tblGrid"), "{seed:?}");
            assert!(info.contains("<w:bottom w:val=\"nil\""), "{seed:?}: {info}");
            assert!(!tables[k].contains("<w:bottom w:val=\"nil\""), "{seed:?}");
            let body_rows = elements(info, "w:tr");
            assert!(body_rows.iter().all(|r| r.contains("<w:keepNext />")), "{seed:?}");
            let between = &xml[xml.find(info).unwrap() + info.len()..xml.find(tables[k]).unwrap()];
            assert_eq!(elements(between, "w:p").len(), 1, "{seed:?}: {between}");
            assert_eq!(style(between), Some(TABLE_JOIN), "{seed:?}");
        }
    }
}

#[test]
fn header_row_marks_stay_inside_their_table() {
    let xml = "<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:p/>\
               <w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr></w:trPr></w:tr></w:tbl>";
    // The first table claims two header rows but has one: the second is not touched.
    let out = repeat_header_rows(xml, &[2, 1]);
    let tables = elements(&out, "w:tbl");
    assert_eq!(tables[0].matches("<w:tblHeader />").count(), 1);
    let rows = elements(tables[1], "w:tr");
    assert!(rows[0].contains("<w:tblHeader />") && !rows[1].contains("<w:tblHeader />"));
    assert_eq!(repeat_header_rows(xml, &[]), xml);
}

#[test]
fn wide_tables_get_landscape_sections() {
    for seed in SEEDS {
        let (doc, bytes) = export(seed);
        let xml = part(&bytes, "word/document.xml");
        let got: Vec<bool> = elements(&xml, "w:sectPr")
            .iter()
            .map(|s| {
                let landscape = s.contains("w:orient=\"landscape\"");
                let (w, h) = if landscape { ("16838", "11906") } else { ("11906", "16838") };
                assert!(s.contains(&format!("<w:pgSz w:w=\"{w}\" w:h=\"{h}\"")), "{s}");
                assert!(s.contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\" />"), "{s}");
                landscape
            })
            .collect();
        let modes = pdf::landscape_modes(&doc.blocks);
        let mut expected = vec![false];
        for (b, m) in doc.blocks.iter().zip(modes) {
            if !matches!(b, Block::PageBreak) && *expected.last().unwrap() != m {
                expected.push(m);
            }
        }
        assert_eq!(got, expected, "{seed:?}");
        if seed == Seed::S001 {
            assert!(got.contains(&true), "seed 001 has landscape tables");
        }
    }
}

#[test]
fn properties_name_the_draft() {
    let mut draft = samples::load(Seed::S001);
    draft.header.prepared_on = "2024年2月1日".into();
    let doc = export::build(&draft).unwrap();
    let core = part(&render(&doc).unwrap(), "docProps/core.xml");
    assert!(core.contains(&format!("<dc:title>{}</dc:title>", doc.title.concat())), "{core}");
    assert!(core.contains("<dc:creator>保定市徐水区人民政府办公室</dc:creator>"), "{core}");
    assert!(core.contains(">2024-02-01T00:00:00Z</dcterms:created>"), "{core}");
    draft.header.prepared_on = "二月".into();
    let core = part(&render(&export::build(&draft).unwrap()).unwrap(), "docProps/core.xml");
    assert!(!core.contains("dcterms:created") && !core.contains("1970"), "{core}");
}

#[test]
fn same_document_same_bytes() {
    // A second export in the same thread (docx-rs counts paragraphs per thread).
    let _ = export(Seed::S000);
    let (doc, bytes) = export(Seed::S002);
    assert_eq!(render(&doc).unwrap(), bytes);
}

#[test]
fn properties_are_in_schema_order_for_word() {
    let (_, bytes) = export(Seed::S000);
    for name in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
        let xml = part(&bytes, name);
        for p in elements(&xml, "w:pPr") {
            if p.contains("<w:pStyle ") {
                assert!(p.starts_with("<w:pPr><w:pStyle "), "{name}: {p}");
            }
        }
        for r in elements(&xml, "w:rPr") {
            if r.contains("<w:rFonts ") {
                assert!(r.starts_with("<w:rPr><w:rFonts "), "{name}: {r}");
            }
        }
        for s in elements(&xml, "w:sectPr") {
            assert!(s.starts_with("<w:sectPr><w:footerReference "), "{name}: {s}");
        }
    }
}

#[test]
fn grid_columns_carry_only_their_width() {
    let doc = Document { blocks: vec![Block::Table(merged_table())], ..Default::default() };
    let xml = part(&render(&doc).unwrap(), "word/document.xml");
    let cols = elements(&xml, "w:gridCol");
    assert_eq!(cols.len(), 3);
    assert!(cols.iter().all(|c| c.starts_with("<w:gridCol w:w=\"") && !c.contains("w:type")), "{cols:?}");
}

#[test]
fn header_cells_break_where_the_pdf_breaks_them() {
    let (doc, bytes) = export(Seed::S001);
    let xml = part(&bytes, "word/document.xml");
    let income = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Table(t) if t.title == "部门预算收入总表"))
        .expect("seed 001 has the 收入总表");
    let Block::Table(t) = &doc.blocks[income] else { unreachable!() };
    assert!(t.landscape);
    // Between words, as the PDF: "事业/收入", never "事业收/入".
    let cell = elements(&xml, "w:tc").into_iter().find(|c| texts(c).concat() == "事业收入").unwrap();
    assert_eq!(texts(cell), ["事业", "收入"], "{cell}");
    assert!(cell.contains("<w:br w:type=\"textWrapping\" />"), "{cell}");
}

/// The paragraphs outside tables, in order, as lines of text (a tab reads as a space,
/// a line break starts a line).
fn body_lines(document: &str) -> Vec<String> {
    let mut rest = document;
    let mut outside = String::with_capacity(document.len());
    while let Some(start) = rest.find("<w:tbl>") {
        outside.push_str(&rest[..start]);
        let end = rest[start..].find("</w:tbl>").expect("a closed table") + start + "</w:tbl>".len();
        rest = &rest[end..];
    }
    outside.push_str(rest);
    let mut lines = Vec::new();
    for p in elements(&outside, "w:p") {
        let p = p.replace("<w:tab />", "<w:t> </w:t>").replace("<w:br w:type=\"textWrapping\" />", "<w:t>\n</w:t>");
        lines.extend(texts(&p).concat().split('\n').map(str::to_owned));
    }
    lines
}

/// `line` with runs of white space (and the full-width indent) as one space, trimmed.
fn squeeze_spaces(line: &str) -> String {
    line.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Seed 002 with its own 版式 wording: a part heading and the project tables' headings.
fn reworded() -> Disclosure {
    let mut draft = samples::load(Seed::S002);
    let texts = export::layout_texts(&draft).unwrap();
    let assets = texts.iter().find(|t| t.preview == "七、国有资产信息").expect("heading listed");
    let project = texts.iter().find(|t| t.kind == "项目表标题").expect("project heading listed");
    draft.layout.set(&assets.original.clone(), Some("7、国有资产情况".into()));
    draft.layout.set(&project.original.clone(), Some("（{{ n }}）{{ project.name }}".into()));
    draft
}

#[test]
fn paragraphs_read_as_the_text_export() {
    let drafts = SEEDS.map(samples::load).into_iter().chain([reworded()]);
    for (seed, draft) in drafts.enumerate() {
        // Through the exporters' entry point, as the CLI and the app call them.
        let options = export::ExportOptions::default();
        let bytes = export::export(&draft, export::Format::Docx, &options).unwrap();
        let text = String::from_utf8(export::export(&draft, export::Format::Text, &options).unwrap()).unwrap();
        if seed == SEEDS.len() {
            assert!(text.contains("\n7、国有资产情况\n") && text.contains("（1）社区党组织服务群众专项经费"));
        }
        // The text export's lines outside its ruled tables.
        let want: Vec<String> =
            text.lines().filter(|l| !l.starts_with(['+', '|'])).map(squeeze_spaces).filter(|l| !l.is_empty()).collect();
        let got: Vec<String> = body_lines(&part(&bytes, "word/document.xml"))
            .iter()
            .map(|l| squeeze_spaces(l))
            .filter(|l| !l.is_empty())
            .collect();
        assert!(want.len() > 50, "draft {seed}");
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "draft {seed}: paragraph {k}");
        }
        assert_eq!(got.len(), want.len(), "draft {seed}");
    }
}

#[test]
fn column_widths_are_the_pdfs() {
    let (doc, bytes) = export(Seed::S001);
    let xml = part(&bytes, "word/document.xml");
    let modes = pdf::landscape_modes(&doc.blocks);
    let mut expected: Vec<Vec<usize>> = Vec::new();
    for (b, landscape) in doc.blocks.iter().zip(modes) {
        if let Block::Table(t) = b
            && !(t.header.is_empty() && t.rows.is_empty())
        {
            let setup = PageSetup { landscape };
            let points = pdf::column_widths(t, landscape).unwrap();
            let widths = twips_widths(&points, setup.text_width());
            assert_eq!(widths.iter().sum::<usize>(), setup.text_width());
            // Every part of a cut table has the same grid.
            expected.extend(split::parts(t).iter().map(|_| widths.clone()));
        }
    }
    let got: Vec<Vec<usize>> = elements(&xml, "w:tblGrid")
        .iter()
        .map(|g| {
            elements(g, "w:gridCol")
                .iter()
                .map(|c| {
                    let at = c.find("w:w=\"").unwrap() + 5;
                    c[at..at + c[at..].find('"').unwrap()].parse().unwrap()
                })
                .collect()
        })
        .collect();
    assert_eq!(got, expected);
}
