//! The few package parts docx-rs cannot express, fixed up after it has written them
//! and before they are zipped.
//!
//! - Header rows repeated on every page: docx-rs has no `w:tblHeader` row property,
//!   so the first rows of each table get one.
//! - The font table: docx-rs always lists Times New Roman, Symbol and Arial; ours names
//!   the Chinese faces with their charset and the font Word substitutes when one is not
//!   installed (`w:altName`: 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体).
//! - The core properties: docx-rs cannot set a title or subject and writes 1970 dates.
//! - Paragraph ids: docx-rs draws them from a per-thread counter, so the same
//!   document exported twice would differ; they are numbered from 1 again.
//! - The language: East Asian text is Chinese (`w:lang`), which docx-rs cannot set.
//! - Element order: children of property elements as the schema orders them
//!   ([`order`]), which Word needs and docx-rs does not do.
//! - Compression: docx-rs stores every part uncompressed (a .docx ten times larger
//!   than needed); [`deflate`] packs the parts again, compressed.

use std::io::{Cursor, Read, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;

use super::{FONT_FANGSONG, FONT_HEI, FONT_KAI, FONT_SONG, FONT_TITLE, order};
use crate::export::doc::Meta;

/// Applies every fix-up to the written parts.
pub(super) fn finish(xml: &mut XMLDocx, header_rows: &[usize], meta: &Meta) {
    if let Ok(document) = std::str::from_utf8(&xml.document) {
        let document = number_paragraphs(&repeat_header_rows(document, header_rows));
        let document = strip_grid_col_types(&document);
        xml.document = order::canonical(&document).into_bytes();
    }
    if let Ok(styles) = std::str::from_utf8(&xml.styles) {
        xml.styles = chinese_text(styles).into_bytes();
    }
    for part in std::iter::once(&mut xml.styles).chain(xml.footers.iter_mut()) {
        if let Ok(text) = std::str::from_utf8(part) {
            *part = order::canonical(text).into_bytes();
        }
    }
    xml.font_table = font_table().into_bytes();
    xml.doc_props.core = core_properties(meta).into_bytes();
}

/// The package `stored` again with every part deflated (same parts, same order).
pub(super) fn deflate(stored: &[u8]) -> Result<Vec<u8>, String> {
    let mut input = zip::ZipArchive::new(Cursor::new(stored)).map_err(|e| e.to_string())?;
    let mut output = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut part = Vec::new();
    for i in 0..input.len() {
        let mut file = input.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().to_owned();
        if file.is_dir() {
            output.add_directory(name, SimpleFileOptions::default()).map_err(|e| e.to_string())?;
            continue;
        }
        part.clear();
        file.read_to_end(&mut part).map_err(|e| e.to_string())?;
        output.start_file(name, options).map_err(|e| e.to_string())?;
        output.write_all(&part).map_err(|e| e.to_string())?;
    }
    Ok(output.finish().map_err(|e| e.to_string())?.into_inner())
}

/// Marks the first `header_rows[k]` rows of the k-th table (in document order) as
/// header rows, which Word repeats at the top of every page the table runs onto.
/// Every row carries a `w:trPr` (rows are all `cantSplit`); tables are not nested.
pub(super) fn repeat_header_rows(document: &str, header_rows: &[usize]) -> String {
    const TABLE: &str = "<w:tbl>";
    const ROW_PROPERTIES: &str = "<w:trPr>";
    const HEADER: &str = "<w:tblHeader />";
    let mut out = String::with_capacity(document.len() + header_rows.iter().sum::<usize>() * HEADER.len());
    let mut rest = document;
    for &rows in header_rows {
        let Some(start) = rest.find(TABLE) else { break };
        let end = start + TABLE.len();
        out.push_str(&rest[..end]);
        rest = &rest[end..];
        for _ in 0..rows {
            // Only rows of this table.
            let table_end = rest.find("</w:tbl>").unwrap_or(rest.len());
            let Some(pos) = rest[..table_end].find(ROW_PROPERTIES) else { break };
            let end = pos + ROW_PROPERTIES.len();
            out.push_str(&rest[..end]);
            out.push_str(HEADER);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// The document's text language, set in the run defaults: Chinese for East Asian
/// text (as Word writes it for a Chinese document), so Word applies Chinese line
/// breaking and proofing rather than those of the machine's own language. docx-rs
/// cannot write `w:lang`.
fn chinese_text(styles: &str) -> String {
    const DEFAULTS_END: &str = "</w:rPr></w:rPrDefault>";
    const LANG: &str = r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" />"#;
    match styles.find(DEFAULTS_END) {
        Some(at) if !styles[..at].contains("<w:lang ") => format!("{}{LANG}{}", &styles[..at], &styles[at..]),
        _ => styles.to_owned(),
    }
}

/// Drops the `w:type` attribute docx-rs writes on every `w:gridCol` (the schema has
/// only `w:w`, in twips).
fn strip_grid_col_types(document: &str) -> String {
    const COL: &str = "<w:gridCol ";
    const TYPE: &str = " w:type=\"dxa\"";
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    while let Some(at) = rest.find(COL) {
        let end = at + rest[at..].find("/>").map_or(COL.len(), |e| e + 2);
        out.push_str(&rest[..at]);
        out.push_str(&rest[at..end].replacen(TYPE, "", 1));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Numbers the `w14:paraId`s of `document` 1, 2, 3… in order.
fn number_paragraphs(document: &str) -> String {
    const ID: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    let mut n = 0u32;
    while let Some(at) = rest.find(ID) {
        let value = at + ID.len();
        let Some(len) = rest[value..].find('"') else { break };
        n += 1;
        out.push_str(&rest[..value]);
        out.push_str(&format!("{n:08X}"));
        rest = &rest[value + len..];
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn font_table() -> String {
    // (name, substitute, charset, family, pitch): 86 = GB2312; 00 = ANSI.
    let fonts = [
        (FONT_FANGSONG, Some("仿宋"), "86", "modern", "fixed"),
        (FONT_SONG, Some("SimSun"), "86", "auto", "variable"),
        (FONT_HEI, Some("SimHei"), "86", "modern", "fixed"),
        (FONT_KAI, Some("楷体"), "86", "modern", "fixed"),
        (FONT_TITLE, Some("宋体"), "86", "script", "fixed"),
        ("Times New Roman", None, "00", "roman", "variable"),
    ];
    let mut xml = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="{W_NS}">"#);
    for (name, alt, charset, family, pitch) in fonts {
        xml.push_str(&format!(r#"<w:font w:name="{}">"#, escape(name)));
        if let Some(alt) = alt {
            xml.push_str(&format!(r#"<w:altName w:val="{}" />"#, escape(alt)));
        }
        xml.push_str(&format!(
            r#"<w:charset w:val="{charset}" /><w:family w:val="{family}" /><w:pitch w:val="{pitch}" /></w:font>"#
        ));
    }
    xml.push_str("</w:fonts>");
    xml
}

/// docProps/core.xml: title, subject, author and, when the draft has one, 编制日期 as
/// the creation date (no date rather than a made-up one, so exports stay comparable).
fn core_properties(meta: &Meta) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    xml.push_str(&format!("<dc:title>{}</dc:title>", escape(&meta.title)));
    xml.push_str(&format!("<dc:subject>{}</dc:subject>", escape(&meta.subject)));
    xml.push_str(&format!("<dc:creator>{}</dc:creator>", escape(&meta.author)));
    xml.push_str("<dc:language>zh-CN</dc:language>");
    if let Some(d) = meta.date {
        let stamp = format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day);
        xml.push_str(&format!(r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#));
        xml.push_str(&format!(r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#));
    }
    xml.push_str("</cp:coreProperties>");
    xml
}
