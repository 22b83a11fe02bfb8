//! `export FILE --format text|pdf|docx|xlsx -o OUT`.

use std::io::Write;
use std::path::Path;

use crate::export::{self, ExportError, ExportOptions, Format};
use crate::rules::{self, Severity};
use crate::store;

use super::{EXIT_FAILURE, EXIT_OK, FormatArg, reported};

pub fn run(
    file: &Path,
    format: FormatArg,
    output: &Path,
    draft_watermark: bool,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    // Never over the draft itself, even forced; other `.ron` names only when forced.
    if store::same_file(output, file) {
        let _ = writeln!(err, "导出文件 {} 就是草稿 {} 本身，未导出；请换一个文件名", output.display(), file.display());
        return EXIT_FAILURE;
    }
    if !force && let Some(problem) = store::export_target_problem(output, Some(file)) {
        let _ = writeln!(err, "{problem}");
        return EXIT_FAILURE;
    }
    let Some(doc) = reported(store::load(file), err) else { return EXIT_FAILURE };
    let errors = rules::validate(&doc).iter().filter(|f| f.severity == Severity::Error).count();
    if errors > 0 {
        let _ = writeln!(
            err,
            "警告：草稿仍有 {errors} 条错误（运行 check 查看），仍按要求导出{}",
            if draft_watermark { "（带“草稿”水印）" } else { "" }
        );
    }
    let format = match format {
        FormatArg::Text => Format::Text,
        FormatArg::Pdf => Format::Pdf,
        FormatArg::Xlsx => Format::Xlsx,
        FormatArg::Docx => Format::Docx,
    };
    write_export(export::export(&doc, format, &ExportOptions { draft_watermark }), output, "", out, err)
}

/// The end of every export command: writes what was `rendered` to `output` atomically
/// and says so ("已导出{what} OUT（N 字节）"); a failure to render or to write is said on
/// `err` instead. Returns the exit code.
pub(super) fn write_export(
    rendered: Result<Vec<u8>, ExportError>,
    output: &Path,
    what: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let bytes = match rendered {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "导出失败：{e}");
            return EXIT_FAILURE;
        }
    };
    if let Err(e) = store::write_atomic(output, &bytes, false) {
        let _ = writeln!(err, "{e}");
        return EXIT_FAILURE;
    }
    let _ = writeln!(out, "已导出{what} {}（{} 字节）", output.display(), bytes.len());
    EXIT_OK
}
