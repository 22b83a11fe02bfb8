//! The tagged PDF read back: the structure tree a screen reader follows (headings,
//! paragraphs, tables with rows and cells, in document order, with their text), every
//! marked sequence tied to exactly one element, page furniture marked as artifacts.

mod common;

use common::empty_table;
use std::collections::BTreeMap;

use budget_disclosure::export::pdf;
use budget_disclosure::export::{Align, Block, Cell, Column, Document, ExportOptions, Table};
use lopdf::content::Content;
use lopdf::{Dictionary, Document as Pdf, Encoding, Object, ObjectId};

/// A structure element read from the file.
#[derive(Debug)]
struct Node {
    kind: String,
    /// Its own marked content: (0-based page, MCID).
    content: Vec<(usize, i64)>,
    kids: Vec<Node>,
    attributes: Option<Dictionary>,
}

impl Node {
    /// All nodes below and including this one, depth first.
    fn walk(&self) -> Vec<&Node> {
        let mut out = vec![self];
        for k in &self.kids {
            out.extend(k.walk());
        }
        out
    }

    /// The text of the node's own content and its descendants', spaces dropped.
    fn text(&self, marked: &Marked) -> String {
        self.walk()
            .iter()
            .flat_map(|n| &n.content)
            .filter_map(|key| marked.texts.get(key))
            .flat_map(|t| t.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    }
}

/// What the content streams hold: the text of each marked sequence, the text of the
/// artifacts, and how much was painted outside any marked sequence.
#[derive(Debug, Default)]
struct Marked {
    texts: BTreeMap<(usize, i64), String>,
    /// MCIDs in content order, per page.
    mcids: Vec<Vec<i64>>,
    artifacts: Vec<String>,
    unmarked: Vec<String>,
}

fn read_marked(file: &Pdf) -> Marked {
    let mut m = Marked::default();
    for (index, (_, &page)) in file.get_pages().iter().enumerate() {
        let fonts = file.get_page_fonts(page).unwrap();
        let encodings: BTreeMap<Vec<u8>, Encoding> =
            fonts.into_iter().map(|(name, font)| (name, font.get_font_encoding(file).unwrap())).collect();
        let content = Content::decode(&file.get_page_content(page)).unwrap();
        let mut encoding = None;
        // The open marked sequences: Some(MCID) or None for an artifact.
        let mut open: Vec<Option<i64>> = Vec::new();
        let mut mcids = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => encoding = encodings.get(op.operands[0].as_name().unwrap()),
                "BDC" => {
                    let props = op.operands[1].as_dict().unwrap();
                    let mcid = props.get(b"MCID").unwrap().as_i64().unwrap();
                    assert!(open.is_empty(), "page {index}: nested marked content");
                    mcids.push(mcid);
                    open.push(Some(mcid));
                }
                "BMC" => {
                    assert_eq!(op.operands[0].as_name().unwrap(), b"Artifact");
                    open.push(None);
                }
                "EMC" => {
                    open.pop().expect("EMC without BDC/BMC");
                }
                "Tj" => {
                    let bytes = op.operands[0].as_str().unwrap();
                    let text = Pdf::decode_text(encoding.unwrap(), bytes).unwrap();
                    match open.last() {
                        Some(Some(mcid)) => m.texts.entry((index, *mcid)).or_default().push_str(&text),
                        Some(None) => m.artifacts.push(text),
                        None => m.unmarked.push(text),
                    }
                }
                "re" | "l" if open.is_empty() => m.unmarked.push(format!("path {}", op.operator)),
                _ => {}
            }
        }
        assert!(open.is_empty(), "page {index}: marked content left open");
        m.mcids.push(mcids);
    }
    m
}

/// The structure tree below the catalog's `/StructTreeRoot`.
fn read_tree(file: &Pdf) -> Node {
    let pages: Vec<ObjectId> = file.get_pages().values().copied().collect();
    let catalog = file.catalog().unwrap();
    let root = file.get_dictionary(catalog.get(b"StructTreeRoot").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(root.get(b"Type").unwrap().as_name().unwrap(), b"StructTreeRoot");
    let top = root.get(b"K").unwrap().as_reference().unwrap();
    let node = read_node(file, top, &pages);
    assert_eq!(node.kind, "Document");
    node
}

fn read_node(file: &Pdf, id: ObjectId, pages: &[ObjectId]) -> Node {
    let d = file.get_dictionary(id).unwrap();
    let page_of = |o: &Object| pages.iter().position(|p| *p == o.as_reference().unwrap()).unwrap();
    let own_page = d.get(b"Pg").ok().map(page_of);
    let mut node = Node {
        kind: String::from_utf8(d.get(b"S").unwrap().as_name().unwrap().to_vec()).unwrap(),
        content: Vec::new(),
        kids: Vec::new(),
        attributes: d.get(b"A").ok().map(|a| a.as_dict().unwrap().clone()),
    };
    let kids = match d.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(k) => vec![k.clone()],
        Err(_) => Vec::new(),
    };
    for k in kids {
        match k {
            Object::Integer(mcid) => node.content.push((own_page.expect("MCID without /Pg"), mcid)),
            Object::Reference(r) => {
                let kid = read_node(file, r, pages);
                node.kids.push(kid);
            }
            Object::Dictionary(mcr) => {
                assert_eq!(mcr.get(b"Type").unwrap().as_name().unwrap(), b"MCR");
                let page = page_of(mcr.get(b"Pg").unwrap());
                node.content.push((page, mcr.get(b"MCID").unwrap().as_i64().unwrap()));
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
    let parent = d.get(b"P").unwrap().as_reference().unwrap();
    assert!(file.get_dictionary(parent).is_ok(), "{}: parent is not a dictionary", node.kind);
    node
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn render(doc: &Document, watermark: bool) -> Pdf {
    let bytes = pdf::render(doc, &ExportOptions { draft_watermark: watermark }).unwrap();
    Pdf::load_mem(&bytes).unwrap()
}

/// A table long enough to run over two pages, with a two-row header (spans).
fn long_table() -> Table {
    let mut rows = vec![vec![Cell::new("合计").span(2, 1).bold(), Cell::new("3750.00").bold()]];
    for i in 0..60 {
        rows.push(vec![Cell::new(format!("{}", 2010301 + i)), Cell::new(format!("行政运行{i}")), Cell::new("62.50")]);
    }
    Table {
        title: "一般公共预算支出表".into(),
        captions: vec!["单位：万元".into()],
        columns: vec![Column::new(2, Align::Left), Column::new(4, Align::Left), Column::new(2, Align::Right)],
        header: vec![
            vec![Cell::new("功能分类科目").span(2, 1), Cell::new("金额").span(1, 2)],
            vec![Cell::new("科目编码"), Cell::new("科目名称")],
        ],
        rows,
        landscape: false,
        empty_note: None,
    }
}

fn sample() -> Document {
    Document {
        title: vec!["保定市徐水区城区办事处".into(), "2020年部门预算公开说明".into()],
        blocks: vec![
            Block::Heading { level: 1, text: "第一部分：部门职责及机构设置情况".into() },
            Block::Heading { level: 2, text: "一、部门职责".into() },
            Block::Paragraph {
                text: "指导社区居委会拓展社区服务，繁荣社区文化，发展社区卫生。".repeat(6),
                indent: true,
            },
            Block::Heading { level: 3, text: "（一）支出预算".into() },
            Block::Table(long_table()),
            Block::Note("注：本表金额保留两位小数。".into()),
            Block::Table(empty_table()),
            Block::Heading { level: 1, text: "第二部分：名词解释".into() },
        ],
        ..Default::default()
    }
}

#[test]
fn the_catalog_says_tagged_in_chinese() {
    let file = render(&sample(), false);
    let catalog = file.catalog().unwrap();
    let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(mark_info.get(b"Marked").unwrap().as_bool().unwrap());
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"zh-CN");
    let prefs = catalog.get(b"ViewerPreferences").unwrap().as_dict().unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    assert!(file.version.as_str() >= "1.4", "{}", file.version);
}

#[test]
fn headings_paragraphs_and_tables_come_in_document_order_with_their_text() {
    let doc = sample();
    let file = render(&doc, false);
    let marked = read_marked(&file);
    let tree = read_tree(&file);
    let top: Vec<(&str, String)> = tree.kids.iter().map(|n| (n.kind.as_str(), n.text(&marked))).collect();
    let para = squeeze(&"指导社区居委会拓展社区服务，繁荣社区文化，发展社区卫生。".repeat(6));
    let expected: Vec<(&str, String)> = vec![
        ("H1", "保定市徐水区城区办事处2020年部门预算公开说明".into()),
        ("H2", "第一部分：部门职责及机构设置情况".into()),
        ("H3", "一、部门职责".into()),
        ("P", para),
        ("H4", "（一）支出预算".into()),
        ("Table", top[5].1.clone()),
        ("P", "注：本表金额保留两位小数。".into()),
        ("Table", top[7].1.clone()),
        ("P", "注：无政府采购预算，空表列示。".into()),
        ("H2", "第二部分：名词解释".into()),
    ];
    assert_eq!(top, expected);
    assert!(marked.unmarked.is_empty(), "painted outside any marked sequence: {:?}", marked.unmarked);
}

#[test]
fn tables_have_a_caption_header_rows_and_cells() {
    let doc = sample();
    let file = render(&doc, false);
    let marked = read_marked(&file);
    let tree = read_tree(&file);
    let tables: Vec<&Node> = tree.kids.iter().filter(|n| n.kind == "Table").collect();
    assert_eq!(tables.len(), 2);
    let table = tables[0];
    assert_eq!(table.kids[0].kind, "Caption");
    let caption: Vec<String> = table.kids[0].kids.iter().map(|p| p.text(&marked)).collect();
    assert_eq!(caption, ["一般公共预算支出表", "单位：万元"]);
    let rows: Vec<&Node> = table.kids[1..].iter().collect();
    assert!(rows.iter().all(|r| r.kind == "TR"));
    // 2 header rows, the 合计 row and 60 lines.
    assert_eq!(rows.len(), 63);
    let cells = |r: &Node| -> Vec<(String, String)> {
        r.kids.iter().map(|c| (c.kind.clone(), c.text(&marked))).collect::<Vec<_>>()
    };
    let th = |s: &str| ("TH".to_owned(), s.to_owned());
    let td = |s: &str| ("TD".to_owned(), s.to_owned());
    assert_eq!(cells(rows[0]), vec![th("功能分类科目"), th("金额")]);
    assert_eq!(cells(rows[1]), vec![th("科目编码"), th("科目名称")]);
    assert_eq!(cells(rows[2]), vec![td("合计"), td("3750.00")]);
    assert_eq!(cells(rows[62]), vec![td("2010360"), td("行政运行59"), td("62.50")]);
    // Spans are told to the reader.
    let spans = rows[0].kids[0].attributes.as_ref().unwrap();
    assert_eq!(spans.get(b"ColSpan").unwrap().as_i64().unwrap(), 2);
    let spans = rows[0].kids[1].attributes.as_ref().unwrap();
    assert_eq!(spans.get(b"RowSpan").unwrap().as_i64().unwrap(), 2);
    // The table runs onto a second page, whose repeated header is an artifact: each
    // header cell is in the tree once, but painted twice.
    let pages: std::collections::BTreeSet<usize> =
        table.walk().iter().flat_map(|n| &n.content).map(|(p, _)| *p).collect();
    assert!(pages.len() >= 2, "the table should run over pages: {pages:?}");
    assert!(marked.artifacts.iter().any(|t| t == "科目编码"));
    // The empty table keeps its (empty) cells, so a reader counts its columns.
    let empty = tables[1];
    assert_eq!(empty.kids.len(), 3);
    assert_eq!(cells(&empty.kids[2]), vec![td(""), td("")]);
}

#[test]
fn page_numbers_and_the_watermark_are_artifacts() {
    let file = render(&sample(), true);
    let marked = read_marked(&file);
    assert!(marked.artifacts.iter().any(|t| t == "— 1 —"));
    assert!(marked.artifacts.iter().any(|t| t == "草稿"));
    assert!(!marked.texts.values().any(|t| t.contains('—') || t.contains("草稿")));
    assert!(marked.unmarked.is_empty(), "{:?}", marked.unmarked);
}

/// Every MCID of every page is referenced once by the tree, and the page's entry in
/// the parent tree leads from it to that element.
fn assert_mcids_tied_once(file: &Pdf) {
    let marked = read_marked(file);
    let tree = read_tree(file);
    let mut referenced: BTreeMap<(usize, i64), usize> = BTreeMap::new();
    for n in tree.walk() {
        for &key in &n.content {
            *referenced.entry(key).or_default() += 1;
        }
    }
    let in_content: Vec<(usize, i64)> =
        marked.mcids.iter().enumerate().flat_map(|(p, ids)| ids.iter().map(move |&m| (p, m))).collect();
    let unique: std::collections::BTreeSet<_> = in_content.iter().collect();
    assert_eq!(unique.len(), in_content.len(), "an MCID is used twice on a page");
    assert_eq!(referenced.keys().collect::<Vec<_>>(), unique.into_iter().collect::<Vec<_>>());
    assert!(referenced.values().all(|&n| n == 1), "an MCID belongs to two elements");

    // The parent tree: page /StructParents k → one element per MCID, in order.
    let catalog = file.catalog().unwrap();
    let root = file.get_dictionary(catalog.get(b"StructTreeRoot").unwrap().as_reference().unwrap()).unwrap();
    let nums = root.get(b"ParentTree").unwrap().as_dict().unwrap().get(b"Nums").unwrap().as_array().unwrap();
    let entries: BTreeMap<i64, &Vec<Object>> =
        nums.chunks(2).map(|kv| (kv[0].as_i64().unwrap(), kv[1].as_array().unwrap())).collect();
    for (index, (_, &page)) in file.get_pages().iter().enumerate() {
        let ids = &marked.mcids[index];
        let key = file.get_dictionary(page).unwrap().get(b"StructParents").unwrap().as_i64().unwrap();
        let parents = entries[&key];
        assert_eq!(parents.len(), ids.len(), "page {index}");
        for &mcid in ids {
            let element = file.get_dictionary(parents[mcid as usize].as_reference().unwrap()).unwrap();
            let pages: Vec<ObjectId> = file.get_pages().values().copied().collect();
            let node = read_node(file, parents[mcid as usize].as_reference().unwrap(), &pages);
            assert!(node.content.contains(&(index, mcid)), "page {index} MCID {mcid}: parent {element:?}");
        }
    }
}

#[test]
fn every_mcid_is_tied_to_one_element() {
    assert_mcids_tied_once(&render(&sample(), true));
    use budget_disclosure::export;
    use budget_disclosure::samples::{self, Seed};
    for seed in Seed::ALL {
        let doc = export::build(&samples::load(seed)).unwrap();
        let file = render(&doc, false);
        assert_mcids_tied_once(&file);
        // The headings a reader jumps between are the document's, in order.
        let marked = read_marked(&file);
        let tree = read_tree(&file);
        let headings: Vec<String> =
            tree.kids.iter().filter(|n| n.kind.starts_with('H') && n.kind != "H1").map(|n| n.text(&marked)).collect();
        let expected: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(squeeze(text)),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(headings, expected, "{seed:?}");
        assert!(marked.unmarked.is_empty(), "{seed:?}: {:?}", marked.unmarked);
    }
}
