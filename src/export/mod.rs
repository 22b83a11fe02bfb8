//! Exporters: the draft as a laid-out [`Document`], then as text, PDF or Word bytes.
//!
//! Exporters return bytes and touch no files; the CLI and the app write them (with
//! `store::write_atomic`). Every number is formatted here from the model, never typed.

mod build;
pub mod context;
pub mod doc;
pub mod docx;
pub mod pdf;
pub mod tables;
pub mod text;
pub mod xlsx;

pub use build::{
    LayoutText, build_with, default_standard_captions, layout_texts, render_layout_text, standard_table_captions,
};
pub use doc::{Align, Block, Cell, Column, Date, Document, Meta, Table};

use crate::model::Disclosure;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Pdf,
    /// The nine standard tables as an Excel workbook.
    Xlsx,
    /// Word (.docx).
    Docx,
}

/// Options shared by the exporters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Print a "草稿" watermark on every page (PDF).
    pub draft_watermark: bool,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("模板“{0}”不存在")]
    UnknownTemplate(String),
    #[error("模板出错：{0}")]
    Template(String),
    #[error("PDF 生成失败：{0}")]
    Pdf(String),
    #[error("Excel 生成失败：{0}")]
    Xlsx(String),
    #[error("Word 文档生成失败：{0}")]
    Docx(String),
}

/// Lays out the draft following its template (see `templates/README.md`).
pub fn build(doc: &Disclosure) -> Result<Document, ExportError> {
    build::build(doc)
}

/// Builds and renders the draft in `format`.
pub fn export(doc: &Disclosure, format: Format, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Text => Ok(text::render(&build(doc)?).into_bytes()),
        Format::Pdf => pdf::render(&build(doc)?, options),
        Format::Docx => docx::render(&build(doc)?),
        Format::Xlsx => xlsx::render(doc),
    }
}
