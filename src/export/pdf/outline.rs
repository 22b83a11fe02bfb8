//! The PDF's bookmarks (outline) and document information, written into the object
//! graph printpdf builds before it is saved.
//!
//! printpdf's own bookmarks are one flat list sorted by page and then by name, each
//! pointing at the top of its page. A reader of a disclosure wants the parts with their
//! sections and tables beneath, in document order, each jumping to the line where it
//! starts; so the outline is built here from the layout's [`Mark`]s.

use lopdf::{Dictionary, Document as Pdf, Object, ObjectId, StringFormat};

use super::layout::{Mark, PagePlan};
use crate::export::doc::{Block, Date, Document};

/// One bookmark: its depth, title and where it points.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// 1 = a part, 2 and 3 = sections, 4 = a table (under the heading before it).
    pub level: u8,
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// Top of the first line, points from the page's bottom edge (PDF coordinates).
    pub y: f32,
}

/// The bookmarks of `doc` laid out as `pages`: every heading and every table with a
/// title, in document order.
pub fn bookmarks(doc: &Document, pages: &[PagePlan]) -> Vec<Bookmark> {
    let mut out = Vec::new();
    for (page, plan) in pages.iter().enumerate() {
        let (_, height) = plan.size();
        for &Mark { block, top } in &plan.marks {
            let (level, title) = match doc.blocks.get(block) {
                Some(Block::Heading { level, text }) => ((*level).clamp(1, 3), text.trim()),
                Some(Block::Table(t)) => (4, t.title.trim()),
                _ => continue,
            };
            if !title.is_empty() {
                out.push(Bookmark { level, title: title.to_owned(), page, y: height - top });
            }
        }
    }
    out
}

/// A PDF text string: UTF-16BE with its byte-order mark (any Chinese title).
fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Writes `marks` as the document outline (parts open, their children folded) and
/// opens the reader with the bookmarks panel shown.
pub fn write(pdf: &mut Pdf, marks: &[Bookmark]) {
    if marks.is_empty() {
        return;
    }
    let pages = pdf.get_pages();
    let ids: Vec<ObjectId> = marks.iter().map(|_| pdf.new_object_id()).collect();
    let root = pdf.new_object_id();
    // Each bookmark's parent: the nearest earlier bookmark of a smaller level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(marks.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        while stack.last().is_some_and(|&s| marks[s].level >= m.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> { (0..marks.len()).filter(|&i| parent[i] == p).collect() };
    let mut dicts: Vec<Dictionary> = Vec::with_capacity(marks.len());
    for (i, m) in marks.iter().enumerate() {
        let page = pages.get(&(m.page as u32 + 1)).copied();
        let mut d = Dictionary::new();
        d.set("Title", text(&m.title));
        d.set("Parent", Object::Reference(parent[i].map_or(root, |p| ids[p])));
        if let Some(page) = page {
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    "XYZ".into(),
                    Object::Null,
                    Object::Real(m.y.round()),
                    Object::Null,
                ]),
            );
        }
        dicts.push(d);
    }
    let top = children(None);
    for p in (0..marks.len()).map(Some).chain([None]) {
        let kids = children(p);
        for (k, &c) in kids.iter().enumerate() {
            if k > 0 {
                dicts[c].set("Prev", Object::Reference(ids[kids[k - 1]]));
            }
            if let Some(&next) = kids.get(k + 1) {
                dicts[c].set("Next", Object::Reference(ids[next]));
            }
        }
        if let (Some(p), Some(&first), Some(&last)) = (p, kids.first(), kids.last()) {
            dicts[p].set("First", Object::Reference(ids[first]));
            dicts[p].set("Last", Object::Reference(ids[last]));
            // Parts show their sections; deeper levels start folded.
            let open = marks[p].level <= 1 && top.contains(&p);
            let count = kids.len() as i64;
            dicts[p].set("Count", Object::Integer(if open { count } else { -count }));
        }
    }
    let visible = top.len() as i64
        + top.iter().filter(|&&t| marks[t].level <= 1).map(|&t| children(Some(t)).len() as i64).sum::<i64>();
    for (id, d) in ids.iter().zip(dicts) {
        pdf.objects.insert(*id, Object::Dictionary(d));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    outlines.set("First", Object::Reference(ids[top[0]]));
    outlines.set("Last", Object::Reference(ids[*top.last().unwrap_or(&top[0])]));
    outlines.set("Count", Object::Integer(visible));
    pdf.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// Sets the document information the way a reader shows it: title, subject, author,
/// and 编制日期 as creation date (no date at all rather than 1970 or the export time,
/// so the same draft always gives the same file); empty entries are left out.
pub fn set_info(pdf: &mut Pdf, date: Option<Date>) {
    let Ok(info) = pdf.trailer.get(b"Info").and_then(Object::as_reference) else { return };
    let Ok(dict) = pdf.get_dictionary_mut(info) else { return };
    let empty: Vec<Vec<u8>> = dict
        .iter()
        .filter(|(_, v)| match v {
            Object::String(s, _) => s.is_empty() || s.as_slice() == [0xFE, 0xFF],
            _ => false,
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in empty {
        dict.remove(&k);
    }
    dict.remove(b"Trapped");
    match date {
        Some(d) => {
            // 编制日期 is a date in China (UTC+8).
            let stamp = format!("D:{:04}{:02}{:02}000000+08'00'", d.year, d.month, d.day);
            dict.set("CreationDate", Object::string_literal(stamp.clone()));
            dict.set("ModDate", Object::string_literal(stamp));
        }
        None => {
            dict.remove(b"CreationDate");
            dict.remove(b"ModDate");
        }
    }
}
