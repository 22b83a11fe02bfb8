//! The PDF exporter: the [`Document`] on GB/T 9704 A4 pages, with both Noto faces
//! embedded as subsets (with ToUnicode maps, so the text can be searched and copied).
//!
//! [`layout`] decides where everything goes; [`render`] paints that with printpdf.
//! The output is deterministic: the same document gives the same bytes (fixed dates,
//! font tags and file ID derived from the content), so exports can be compared.

mod fonts;
mod layout;
mod linebreak;
mod outline;
mod tagged;

use std::collections::BTreeSet;

use printpdf::{
    Color, FontId, Greyscale, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem, TextMatrix, TextRenderingMode,
};

pub use fonts::Face;
pub(crate) use layout::place;
pub use layout::{A4_LONG, A4_SHORT, Frame, MM, Mark, PagePlan, Rect, RowSlot, TextRun, frame, landscape_modes};
pub use outline::Bookmark;
pub use tagged::Role;

use super::doc::{Document, Table};
use super::{ExportError, ExportOptions};

/// Lays `doc` out on pages (what [`render`] paints).
pub fn layout(doc: &Document) -> Result<Vec<PagePlan>, ExportError> {
    Ok(layout::layout(fonts::get()?, doc))
}

/// The widths of `t`'s columns in points, as the PDF sets them on a portrait or
/// landscape page.
pub fn column_widths(t: &Table, landscape: bool) -> Result<Vec<f32>, ExportError> {
    Ok(layout::column_widths(fonts::get()?, t, frame(landscape).width))
}

/// [`column_widths`], and the lines the PDF breaks each header cell into (cells in
/// [`place`] order).
pub fn header_layout(t: &Table, landscape: bool) -> Result<(Vec<f32>, Vec<Vec<String>>), ExportError> {
    Ok(layout::header_layout(fonts::get()?, t, frame(landscape).width))
}

/// The bookmarks [`render`] writes for `doc`: every heading and titled table, in order.
pub fn bookmarks(doc: &Document) -> Result<Vec<Bookmark>, ExportError> {
    Ok(outline::bookmarks(doc, &layout(doc)?))
}

/// Renders `doc` as PDF bytes.
pub fn render(doc: &Document, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let fonts = fonts::get()?;
    let pages = layout::layout(fonts, doc);

    let mut pdf = PdfDocument::new(&doc.meta.title);
    pdf.metadata.info.subject = doc.meta.subject.clone();
    pdf.metadata.info.author = doc.meta.author.clone();
    pdf.metadata.info.creator = "budget-disclosure".into();
    pdf.metadata.info.producer = format!("budget-disclosure {}", env!("CARGO_PKG_VERSION"));
    // Font resource names double as the subset tag ("ABCDEF+NotoSerifSC-Regular");
    // derive them from the glyphs used instead of printpdf's per-process counter.
    let serif_chars = used_chars(&pages, Face::Serif);
    let mut sans_chars = used_chars(&pages, Face::Sans);
    if options.draft_watermark {
        sans_chars.extend(WATERMARK.chars());
    }
    let bold_chars = used_chars(&pages, Face::SerifBold);
    let mut embed = |chars: &BTreeSet<char>, face: Face| -> Result<FontId, ExportError> {
        let tag = subset_tag(chars, face);
        let id = FontId(tag.clone());
        // A face the document does not use is not embedded at all.
        if !chars.is_empty() || face != Face::SerifBold {
            let parsed = fonts.face(face).parsed_subset(chars, &tag)?;
            pdf.resources.fonts.map.insert(id.clone(), PdfFont::new(parsed));
        }
        Ok(id)
    };
    let ids = FontIds {
        serif: embed(&serif_chars, Face::Serif)?,
        sans: embed(&sans_chars, Face::Sans)?,
        serif_bold: embed(&bold_chars, Face::SerifBold)?,
    };

    let watermark_width = fonts.sans.width(WATERMARK, WATERMARK_SIZE);
    pdf.pages = pages
        .iter()
        .map(|page| {
            let (w, h) = if page.landscape { (297.0, 210.0) } else { (210.0, 297.0) };
            let mut ops = Vec::new();
            if options.draft_watermark {
                watermark(&mut ops, page, &ids, watermark_width);
            }
            paint(&mut ops, page, &ids);
            PdfPage::new(Mm(w), Mm(h), ops)
        })
        .collect();

    let save = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    // printpdf's object graph, completed with the outline, document information and
    // structure tree, then compressed and written.
    let mut objects = pdf.to_lopdf_document(&save, &mut warnings);
    outline::write(&mut objects, &outline::bookmarks(doc, &pages));
    outline::set_info(&mut objects, doc.meta.date);
    tagged::write(&mut objects, doc, &pages);
    objects.compress();
    let mut bytes = Vec::new();
    // In object streams: the structure tree's many small dictionaries compress together.
    let modern = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .max_objects_per_stream(1000)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    if objects.save_with_options(&mut bytes, modern).is_err() || bytes.is_empty() {
        return Err(ExportError::Pdf("写出 PDF 失败".into()));
    }
    set_file_id(&mut bytes);
    compress_xref_stream(&mut bytes);
    Ok(bytes)
}

const WATERMARK: &str = "草稿";
const WATERMARK_SIZE: f32 = 150.0;
/// Stroke width that thickens a regular face for bold text the bold face cannot set.
const BOLD_STROKE: f32 = 0.35;
const RULE_WIDTH: f32 = 0.5;

struct FontIds {
    serif: FontId,
    sans: FontId,
    serif_bold: FontId,
}

impl FontIds {
    fn get(&self, face: Face) -> &FontId {
        match face {
            Face::Serif => &self.serif,
            Face::Sans => &self.sans,
            Face::SerifBold => &self.serif_bold,
        }
    }
}

/// The page's rules and text.
fn paint(ops: &mut Vec<Op>, page: &PagePlan, ids: &FontIds) {
    let (_, height) = page.size();
    if !page.boxes.is_empty() {
        ops.push(tagged::artifact());
        ops.push(Op::SetOutlineColor { col: grey(0.0) });
        ops.push(Op::SetOutlineThickness { pt: Pt(RULE_WIDTH) });
        for b in &page.boxes {
            ops.push(Op::DrawRectangle {
                rectangle: printpdf::Rect {
                    x: Pt(b.x),
                    y: Pt(height - b.top - b.height),
                    width: Pt(b.width),
                    height: Pt(b.height),
                    mode: Some(PaintMode::Stroke),
                    winding_order: None,
                },
            });
        }
        ops.push(Op::EndMarkedContent);
    }
    if page.texts.is_empty() {
        return;
    }
    ops.push(Op::SetFillColor { col: grey(0.0) });
    ops.push(Op::SetOutlineThickness { pt: Pt(BOLD_STROKE) });
    ops.push(Op::StartTextSection);
    let mut font: Option<(Face, f32)> = None;
    let mut bold = false;
    let mut spacing = 0.0;
    let marks = tagged::sequences(page);
    for (i, run) in page.texts.iter().enumerate() {
        tagged::marks_before(&marks, i, ops);
        if font != Some((run.face, run.size)) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(ids.get(run.face).clone()), size: Pt(run.size) });
            font = Some((run.face, run.size));
        }
        if run.bold != bold {
            let mode = if run.bold { TextRenderingMode::FillStroke } else { TextRenderingMode::Fill };
            ops.push(Op::SetTextRenderingMode { mode });
            bold = run.bold;
        }
        if run.spacing != spacing {
            ops.push(Op::SetCharacterSpacing { multiplier: run.spacing });
            spacing = run.spacing;
        }
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(run.x), Pt(height - run.baseline)) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(run.text.clone())] });
    }
    tagged::marks_before(&marks, page.texts.len(), ops);
    if spacing != 0.0 {
        ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
    }
    if bold {
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
    }
    ops.push(Op::EndTextSection);
}

/// A light grey "草稿" across the page diagonal, painted first so it stays behind the text.
fn watermark(ops: &mut Vec<Op>, page: &PagePlan, ids: &FontIds, text_width: f32) {
    let (w, h) = page.size();
    let angle = h.atan2(w);
    let (sin, cos) = angle.sin_cos();
    // Centre of the em box: half the width along the text, 0.38 em above the baseline.
    let up = 0.38 * WATERMARK_SIZE;
    let x = w / 2.0 - text_width / 2.0 * cos + up * sin;
    let y = h / 2.0 - text_width / 2.0 * sin - up * cos;
    ops.push(tagged::artifact());
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetFillColor { col: grey(0.88) });
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(ids.sans.clone()), size: Pt(WATERMARK_SIZE) });
    ops.push(Op::SetTextMatrix { matrix: TextMatrix::TranslateRotate(Pt(x), Pt(y), angle.to_degrees()) });
    ops.push(Op::ShowText { items: vec![TextItem::Text(WATERMARK.into())] });
    ops.push(Op::EndTextSection);
    ops.push(Op::RestoreGraphicsState);
    ops.push(Op::EndMarkedContent);
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale { percent: level, icc_profile: None })
}

/// FNV-1a, for content-derived identifiers (not for security).
fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The characters set in `face` on `pages`.
fn used_chars(pages: &[PagePlan], face: Face) -> BTreeSet<char> {
    pages.iter().flat_map(|p| p.texts.iter()).filter(|r| r.face == face).flat_map(|r| r.text.chars()).collect()
}

/// Six capital letters derived from the characters of a face's subset.
fn subset_tag(chars: &BTreeSet<char>, face: Face) -> String {
    let mut h = fnv1a(FNV_OFFSET, &[face as u8]);
    for &c in chars {
        h = fnv1a(h, &u32::from(c).to_le_bytes());
    }
    (0..6)
        .map(|i| {
            let letter = (h >> (i * 8)) % 26;
            char::from(b'A' + letter as u8)
        })
        .collect()
}

/// Compresses the cross-reference stream, the last object of the file, in place.
///
/// lopdf writes it plain: 7 bytes for every object, and a tagged table has an object per
/// cell, so on a large department the plain stream would be a third of the file.
/// Deflated with the PNG predictor (as Acrobat writes it) it is a few bytes per page. Only
/// this object changes and it starts where it did, so no offset moves. A file not in
/// the expected shape is left as it is.
fn compress_xref_stream(bytes: &mut Vec<u8>) {
    use std::io::Write;
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let Some(startxref) = bytes.windows(10).rposition(|w| w == b"startxref\n") else { return };
    let offset = bytes[startxref + 10..].iter().take_while(|b| b.is_ascii_digit()).map(|&b| char::from(b));
    let Ok(start) = offset.collect::<String>().parse::<usize>() else { return };
    let Some(object) = bytes.get(start..startxref) else { return };
    let Some(dict_end) = find(object, b">>stream\n") else { return };
    let dict = &object[..dict_end];
    if find(dict, b"/XRef").is_none() || find(dict, b"/Filter").is_some() {
        return;
    }
    let Some(length_at) = find(dict, b"/Length ") else { return };
    let digits = dict[length_at + 8..].iter().take_while(|b| b.is_ascii_digit()).count();
    let Ok(length) = String::from_utf8_lossy(&dict[length_at + 8..length_at + 8 + digits]).parse::<usize>() else {
        return;
    };
    let data_start = dict_end + b">>stream\n".len();
    let Some(data) = object.get(data_start..data_start + length) else { return };
    if !object[data_start + length..].starts_with(b"\nendstream") {
        return;
    }
    // Entries are 7 bytes ([1 4 2]); each row is stored as its difference from the row
    // above (PNG "Up"), so runs of objects in the same object stream deflate to little.
    const ROW: usize = 7;
    if find(dict, b"/W[1 4 2]").is_none() || length % ROW != 0 {
        return;
    }
    let mut predicted = Vec::with_capacity(length / ROW * (ROW + 1));
    let mut above = [0u8; ROW];
    for row in data.chunks_exact(ROW) {
        predicted.push(2);
        predicted.extend(row.iter().zip(above).map(|(&b, a)| b.wrapping_sub(a)));
        above.copy_from_slice(row);
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let Ok(compressed) = encoder.write_all(&predicted).and_then(|()| encoder.finish()) else { return };
    let mut rewritten = Vec::with_capacity(bytes.len());
    rewritten.extend_from_slice(&bytes[..start + length_at]);
    rewritten.extend_from_slice(
        format!("/Filter/FlateDecode/DecodeParms<</Columns 7/Predictor 12>>/Length {}", compressed.len()).as_bytes(),
    );
    rewritten.extend_from_slice(&bytes[start + length_at + 8 + digits..start + data_start]);
    rewritten.extend_from_slice(&compressed);
    rewritten.extend_from_slice(&bytes[start + data_start + length..]);
    *bytes = rewritten;
}

/// Replaces the trailer's `/ID` (random in printpdf) by one derived from the file's
/// content, in place and with the same length so no offset moves.
fn set_file_id(bytes: &mut [u8]) {
    // The trailer is the dictionary of the cross-reference stream, the last object:
    // look before that stream's (binary) data.
    let end = bytes.windows(9).rposition(|w| w == b">>stream\n").unwrap_or(bytes.len());
    let Some(pos) = bytes[..end].windows(3).rposition(|w| w == b"/ID") else { return };
    let digest = {
        let h1 = fnv1a(FNV_OFFSET, &bytes[..pos]);
        let h2 = fnv1a(h1 ^ 0x9e37_79b9_7f4a_7c15, &bytes[..pos]);
        format!("{h1:016X}{h2:016X}")
    };
    let digest = digest.as_bytes();
    let mut i = pos + 3;
    let mut strings = 0;
    while strings < 2 && i < bytes.len() {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|&b| b == b')') else { return };
            for (k, b) in bytes[start..start + len].iter_mut().enumerate() {
                *b = digest[k % digest.len()];
            }
            i = start + len + 1;
            strings += 1;
        } else if bytes[i] == b']' {
            return;
        } else {
            i += 1;
        }
    }
}
