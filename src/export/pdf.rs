//! The PDF exporter.

use super::doc::Document;
use super::{ExportError, ExportOptions};

/// Renders `doc` as PDF bytes.
pub fn render(_doc: &Document, _options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    Err(ExportError::Pdf("PDF 导出尚未完成".into()))
}
