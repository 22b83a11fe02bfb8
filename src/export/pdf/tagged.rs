//! Tagged PDF: the logical structure a screen reader follows (title, headings,
//! paragraphs, tables with their rows and cells), written beside the painted pages.
//!
//! printpdf paints; it knows nothing of structure. Each [`TextRun`] carries the
//! [`Role`] the layout gave it, and the painter wraps every stretch of runs of one role
//! in a marked-content sequence (`/Span <</MCID n>> BDC … EMC`, numbered per page by
//! [`sequences`]), or marks it `/Artifact` when it is page furniture (page numbers, the
//! watermark, table rules, header rows repeated on a continuation page). [`write`]
//! then adds the structure tree to the object graph, using the same numbering:
//! `Document` > `H1` (the title) / `H2`–`H4` (headings of level 1–3) / `P` /
//! `Table` > `Caption` > `P` (the title, each caption), `TR` > `TH` / `TD`; and the
//! parent tree that leads from each marked sequence back to its element.
//!
//! Whole lines are marked, never single glyphs, and all the lines of one paragraph or
//! cell on a page form one sequence, which keeps the file small.

use std::collections::BTreeMap;
use std::ops::Range;

use lopdf::{Dictionary, Document as Pdf, Object, ObjectId};
use printpdf::{DictItem, Op};

use super::layout::{PagePlan, place};
use crate::export::doc::{Block, Document};

/// What a line of text is in the document's logical structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A line of the document's title.
    Title,
    /// A line of the heading `block` (`level` as in [`Block::Heading`]).
    Heading { block: usize, level: u8 },
    /// A line of the paragraph or note `block`, or of the note under the empty table `block`.
    Paragraph { block: usize },
    /// The title (`part` 0) or a caption of the captions line ("单位：万元", `part` 1, 2,
    /// …) of the table `block`.
    Caption { block: usize, part: usize },
    /// A line of a table cell: in the table's header or body, at the row and column
    /// [`place`] gives it.
    Cell { block: usize, header: bool, row: usize, col: usize },
    /// Not content: a page number, a header row repeated on a continuation page.
    Artifact,
}

/// One marked-content sequence on a page: the runs it holds and its MCID (`None`: an
/// artifact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    pub runs: Range<usize>,
    pub mcid: Option<i64>,
}

/// The page's runs grouped into marked-content sequences: consecutive runs of one role
/// share a sequence; MCIDs count from 0 in content order.
pub fn sequences(page: &PagePlan) -> Vec<Sequence> {
    let mut out: Vec<Sequence> = Vec::new();
    let mut next = 0;
    for (i, run) in page.texts.iter().enumerate() {
        if let Some(last) = out.last_mut()
            && page.texts[last.runs.start].role == run.role
        {
            last.runs.end = i + 1;
            continue;
        }
        let mcid = (run.role != Role::Artifact).then(|| {
            next += 1;
            next - 1
        });
        out.push(Sequence { runs: i..i + 1, mcid });
    }
    out
}

/// The operators that go before run `i` of a page marked as `seqs`: the end of the
/// sequence that stops there and the start of the one that begins there. With `i` =
/// the number of runs, just the end of the last sequence.
pub fn marks_before(seqs: &[Sequence], i: usize, ops: &mut Vec<Op>) {
    if i > 0 && seqs.binary_search_by_key(&i, |s| s.runs.end).is_ok() {
        ops.push(Op::EndMarkedContent);
    }
    if let Ok(k) = seqs.binary_search_by_key(&i, |s| s.runs.start) {
        ops.push(match seqs[k].mcid {
            Some(mcid) => Op::BeginMarkedContentWithProperties {
                // The tag is informative only; the structure tree holds the real type.
                tag: "Span".into(),
                properties: DictItem::Dict { map: BTreeMap::from([("MCID".to_owned(), DictItem::Int(mcid))]) },
            },
            None => artifact(),
        });
    }
}

/// The start of an artifact sequence (end it with `Op::EndMarkedContent`).
pub fn artifact() -> Op {
    Op::BeginMarkedContent { tag: "Artifact".into() }
}

/// A structure element being built.
struct Element {
    kind: &'static str,
    parent: usize,
    kids: Vec<Kid>,
    /// Table cell attributes: header cell, column span, row span.
    cell: Option<(bool, usize, usize)>,
}

enum Kid {
    Element(usize),
    /// A marked-content sequence: 0-based page index and MCID.
    Content(usize, i64),
}

/// The structure elements of a document, index 0 being the `Document` element.
struct Tree {
    elements: Vec<Element>,
    /// Per page, the element owning each MCID.
    owners: Vec<Vec<usize>>,
    /// Block index → its `Table` element, and its `Caption`.
    tables: BTreeMap<usize, usize>,
    captions: BTreeMap<usize, usize>,
    /// (block, header, row, column) → its `TH`/`TD` element.
    cells: BTreeMap<(usize, bool, usize, usize), usize>,
}

impl Tree {
    fn add(&mut self, kind: &'static str, parent: usize) -> usize {
        self.elements.push(Element { kind, parent, kids: Vec::new(), cell: None });
        let id = self.elements.len() - 1;
        self.elements[parent].kids.push(Kid::Element(id));
        id
    }

    /// The `Table` element of block `block`, made with all its rows and cells (empty
    /// cells too, so a reader counts columns right) the first time it is asked for.
    fn table(&mut self, doc: &Document, block: usize) -> usize {
        if let Some(&t) = self.tables.get(&block) {
            return t;
        }
        let table = self.add("Table", 0);
        self.tables.insert(block, table);
        if let Some(Block::Table(t)) = doc.blocks.get(block) {
            let ncols = t.columns.len().max(1);
            for (header, rows) in [(true, &t.header), (false, &t.rows)] {
                // `place` lists cells row by row, so each row's cells follow the last
                // row's (a filter per row would be quadratic on long tables).
                let mut placed = place(rows, ncols).into_iter().peekable();
                for r in 0..rows.len() {
                    let tr = self.add("TR", table);
                    while let Some(p) = placed.next_if(|p| p.row == r) {
                        let cell = self.add(if header { "TH" } else { "TD" }, tr);
                        self.elements[cell].cell = Some((header, p.colspan, p.rowspan));
                        self.cells.insert((block, header, r, p.col), cell);
                    }
                }
            }
        }
        table
    }

    /// The element that marked content of `role` belongs to, `previous` being the
    /// role and element of the sequence before it.
    fn element_for(&mut self, doc: &Document, role: Role, previous: Option<(Role, usize)>) -> usize {
        if let Some((r, e)) = previous
            && r == role
        {
            return e;
        }
        match role {
            Role::Title => self.add("H1", 0),
            Role::Heading { level, .. } => self.add(["H2", "H3", "H4"][usize::from(level.clamp(1, 3)) - 1], 0),
            // Artifacts have no MCID and never get here.
            Role::Paragraph { .. } | Role::Artifact => self.add("P", 0),
            Role::Caption { block, .. } => {
                let table = self.table(doc, block);
                let caption = match self.captions.get(&block) {
                    Some(&c) => c,
                    None => {
                        self.elements.push(Element { kind: "Caption", parent: table, kids: Vec::new(), cell: None });
                        let id = self.elements.len() - 1;
                        // The caption comes first in its table.
                        self.elements[table].kids.insert(0, Kid::Element(id));
                        self.captions.insert(block, id);
                        id
                    }
                };
                // Title and captions read as separate lines.
                self.add("P", caption)
            }
            Role::Cell { block, header, row, col } => {
                let table = self.table(doc, block);
                match self.cells.get(&(block, header, row, col)) {
                    Some(&cell) => cell,
                    // A run the table's own cells do not account for: keep it readable.
                    None => self.add("P", table),
                }
            }
        }
    }
}

/// Adds the structure tree of `doc`, laid out as `pages` and painted with
/// [`sequences`], to `pdf`: `/StructTreeRoot`, each page's `/StructParents`, and in the
/// catalog `/MarkInfo`, `/Lang` (zh-CN) and the viewer preference to show the title.
pub fn write(pdf: &mut Pdf, doc: &Document, pages: &[PagePlan]) {
    let document = Element { kind: "Document", parent: 0, kids: Vec::new(), cell: None };
    let mut tree = Tree {
        elements: vec![document],
        owners: Vec::new(),
        tables: BTreeMap::new(),
        captions: BTreeMap::new(),
        cells: BTreeMap::new(),
    };
    let mut previous: Option<(Role, usize)> = None;
    for (index, page) in pages.iter().enumerate() {
        let mut owners = Vec::new();
        for seq in sequences(page) {
            let Some(mcid) = seq.mcid else { continue };
            let role = page.texts[seq.runs.start].role;
            let element = tree.element_for(doc, role, previous);
            tree.elements[element].kids.push(Kid::Content(index, mcid));
            owners.push(element);
            previous = Some((role, element));
        }
        tree.owners.push(owners);
    }

    let page_ids: Vec<ObjectId> = pdf.get_pages().values().copied().collect();
    let ids: Vec<ObjectId> = tree.elements.iter().map(|_| pdf.new_object_id()).collect();
    let root = pdf.new_object_id();
    for (index, (e, id)) in tree.elements.iter().zip(&ids).enumerate() {
        let parent = if index == 0 { root } else { ids[e.parent] };
        let dict = element_dict(e, parent, &ids, &page_ids);
        pdf.objects.insert(*id, Object::Dictionary(dict));
    }

    let mut nums = Vec::new();
    for (index, owners) in tree.owners.iter().enumerate() {
        let Some(&page) = page_ids.get(index) else { continue };
        if owners.is_empty() {
            continue;
        }
        if let Ok(dict) = pdf.get_dictionary_mut(page) {
            dict.set("StructParents", index as i64);
        }
        nums.push(Object::Integer(index as i64));
        nums.push(Object::Array(owners.iter().map(|&e| Object::Reference(ids[e])).collect()));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", nums);
    let mut struct_root = Dictionary::new();
    struct_root.set("Type", "StructTreeRoot");
    struct_root.set("K", Object::Reference(ids[0]));
    struct_root.set("ParentTree", parent_tree);
    struct_root.set("ParentTreeNextKey", pages.len() as i64);
    pdf.objects.insert(root, Object::Dictionary(struct_root));

    if pdf.version.as_str() < "1.4" {
        pdf.version = "1.4".into();
    }
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root));
        let mut mark_info = Dictionary::new();
        mark_info.set("Marked", true);
        catalog.set("MarkInfo", mark_info);
        catalog.set("Lang", Object::string_literal("zh-CN"));
        let mut prefs = match catalog.get(b"ViewerPreferences") {
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        prefs.set("DisplayDocTitle", true);
        catalog.set("ViewerPreferences", prefs);
    }
}

/// The dictionary of structure element `e` under `parent`; `ids` are all elements'
/// object IDs, `pages` the pages'.
fn element_dict(e: &Element, parent: ObjectId, ids: &[ObjectId], pages: &[ObjectId]) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("S", Object::Name(e.kind.as_bytes().to_vec()));
    d.set("P", Object::Reference(parent));
    // The page of the element's first content; content on other pages names its page.
    let page = e.kids.iter().find_map(|k| match k {
        Kid::Content(p, _) => pages.get(*p).copied(),
        Kid::Element(_) => None,
    });
    if let Some(page) = page {
        d.set("Pg", Object::Reference(page));
    }
    let mut kids: Vec<Object> = e
        .kids
        .iter()
        .map(|k| match *k {
            Kid::Element(i) => Object::Reference(ids[i]),
            Kid::Content(p, mcid) if pages.get(p).copied() == page => Object::Integer(mcid),
            Kid::Content(p, mcid) => {
                let mut mcr = Dictionary::new();
                mcr.set("Type", "MCR");
                if let Some(&pg) = pages.get(p) {
                    mcr.set("Pg", Object::Reference(pg));
                }
                mcr.set("MCID", mcid);
                Object::Dictionary(mcr)
            }
        })
        .collect();
    match kids.len() {
        0 => {}
        1 => d.set("K", kids.remove(0)),
        _ => d.set("K", kids),
    }
    if let Some((header, colspan, rowspan)) = e.cell
        && (header || colspan > 1 || rowspan > 1)
    {
        let mut a = Dictionary::new();
        a.set("O", "Table");
        if header {
            a.set("Scope", "Column");
        }
        if colspan > 1 {
            a.set("ColSpan", colspan as i64);
        }
        if rowspan > 1 {
            a.set("RowSpan", rowspan as i64);
        }
        d.set("A", a);
    }
    d
}
