//! Puts the children of Word's property elements in the order the schema (ECMA-376)
//! gives them.
//!
//! docx-rs writes e.g. `<w:rPr><w:sz/><w:rFonts/></w:rPr>` and `<w:pPr><w:rPr/>
//! <w:pStyle/>…`. LibreOffice reads any order; Word is known to drop property children
//! that come out of sequence (a run's fonts after its size), which would lose the
//! East Asian fonts, and may ignore a paragraph's style. So the parts are passed
//! through here before zipping. Elements not listed keep their place after the known
//! ones; everything else (text, attributes) is copied unchanged.

/// The schema order of the children of each reordered element.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
];

/// A tag of the part: where it starts and ends, its name, and its kind.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    Empty,
    /// `<?xml …?>`, comments.
    Other,
}

/// The next tag at or after `from`, skipping text and quoted attribute values.
fn next_tag(xml: &str, from: usize) -> Option<Tag<'_>> {
    let bytes = xml.as_bytes();
    let start = from + xml[from..].find('<')?;
    let mut i = start + 1;
    let mut quote = None;
    while i < bytes.len() {
        match (bytes[i], quote) {
            (b'"' | b'\'', None) => quote = Some(bytes[i]),
            (q, Some(open)) if q == open => quote = None,
            (b'>', None) => break,
            _ => {}
        }
        i += 1;
    }
    let end = (i + 1).min(bytes.len());
    let inner = &xml[start + 1..end.saturating_sub(1)];
    let (kind, body) = if let Some(rest) = inner.strip_prefix('/') {
        (Kind::Close, rest)
    } else if inner.starts_with('?') || inner.starts_with('!') {
        (Kind::Other, inner)
    } else if let Some(rest) = inner.strip_suffix('/') {
        (Kind::Empty, rest)
    } else {
        (Kind::Open, inner)
    };
    let name = body.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    Some(Tag { start, end, name, kind })
}

/// `xml` with the children of every element of [`ORDERS`] in schema order.
pub(super) fn canonical(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut pos = 0;
    copy_until(xml, &mut pos, None, &mut out);
    out
}

/// Copies `xml` from `pos` to `out` up to (not including) the close tag of `until`,
/// reordering the elements of [`ORDERS`] on the way; leaves `pos` at that close tag.
fn copy_until(xml: &str, pos: &mut usize, until: Option<&str>, out: &mut String) {
    while let Some(tag) = next_tag(xml, *pos) {
        if tag.kind == Kind::Close && Some(tag.name) == until {
            out.push_str(&xml[*pos..tag.start]);
            *pos = tag.start;
            return;
        }
        match ORDERS.iter().find(|(name, _)| *name == tag.name).filter(|_| tag.kind == Kind::Open) {
            Some((name, order)) => {
                out.push_str(&xml[*pos..tag.end]);
                *pos = tag.end;
                reorder_children(xml, pos, name, order, out);
            }
            None => {
                out.push_str(&xml[*pos..tag.end]);
                *pos = tag.end;
            }
        }
    }
    out.push_str(&xml[*pos..]);
    *pos = xml.len();
}

/// At `pos` just inside `<name>`: writes its children in `order`, then its close tag.
fn reorder_children(xml: &str, pos: &mut usize, name: &str, order: &[&str], out: &mut String) {
    let mut children: Vec<(usize, String)> = Vec::new();
    while let Some(tag) = next_tag(xml, *pos) {
        if tag.kind == Kind::Close && tag.name == name {
            // Text between children (none in docx-rs output) stays before the close.
            let tail = &xml[*pos..tag.start];
            children.sort_by_key(|(rank, _)| *rank);
            for (_, child) in children {
                out.push_str(&child);
            }
            out.push_str(tail);
            out.push_str(&xml[tag.start..tag.end]);
            *pos = tag.end;
            return;
        }
        let rank = order.iter().position(|n| *n == tag.name).unwrap_or(order.len());
        let mut child = String::from(&xml[*pos..tag.end]);
        *pos = tag.end;
        if tag.kind == Kind::Open {
            match ORDERS.iter().find(|(n, _)| *n == tag.name) {
                Some((inner, inner_order)) => reorder_children(xml, pos, inner, inner_order, &mut child),
                None => {
                    copy_until(xml, pos, Some(tag.name), &mut child);
                    if let Some(close) = next_tag(xml, *pos) {
                        child.push_str(&xml[close.start..close.end]);
                        *pos = close.end;
                    }
                }
            }
        }
        children.push((rank, child));
    }
    // Unclosed (never in docx-rs output): keep what was read.
    for (_, child) in children {
        out.push_str(&child);
    }
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn property_children_follow_the_schema() {
        let xml = r#"<?xml version="1.0"?><w:p><w:pPr><w:rPr /><w:pStyle w:val="Heading1" /><w:jc w:val="center" /><w:tabs><w:tab w:val="right" w:pos="9" /></w:tabs></w:pPr><w:r><w:rPr><w:sz w:val="32" /><w:b /><w:rFonts w:eastAsia="黑体" /></w:rPr><w:t xml:space="preserve">a &lt;b&gt; “c”</w:t></w:r></w:p>"#;
        assert_eq!(
            canonical(xml),
            r#"<?xml version="1.0"?><w:p><w:pPr><w:pStyle w:val="Heading1" /><w:tabs><w:tab w:val="right" w:pos="9" /></w:tabs><w:jc w:val="center" /><w:rPr /></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="黑体" /><w:b /><w:sz w:val="32" /></w:rPr><w:t xml:space="preserve">a &lt;b&gt; “c”</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn nested_properties_and_unknown_children() {
        let xml = r#"<w:style w:styleId="S"><w:name w:val="x" /><w:rPr><w:szCs w:val="2" /><w:rFonts w:ascii="a>b" /></w:rPr><w:pPr><w:outlineLvl w:val="0" /><w:keepNext /></w:pPr><w:zzz /><w:basedOn w:val="Normal" /></w:style>"#;
        assert_eq!(
            canonical(xml),
            r#"<w:style w:styleId="S"><w:name w:val="x" /><w:basedOn w:val="Normal" /><w:pPr><w:keepNext /><w:outlineLvl w:val="0" /></w:pPr><w:rPr><w:rFonts w:ascii="a>b" /><w:szCs w:val="2" /></w:rPr><w:zzz /></w:style>"#
        );
        // Sections: references first.
        let sect = r#"<w:sectPr><w:pgSz w:w="1" /><w:cols w:num="1" /><w:footerReference r:id="f" /></w:sectPr>"#;
        assert_eq!(
            canonical(sect),
            r#"<w:sectPr><w:footerReference r:id="f" /><w:pgSz w:w="1" /><w:cols w:num="1" /></w:sectPr>"#
        );
        // Nothing to do: the same text.
        let plain = "<w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body>";
        assert_eq!(canonical(plain), plain);
    }
}
