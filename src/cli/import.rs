//! `import BOOK --into DRAFT.ron [--dry-run] [--json]`: the standard tables of a
//! workbook into a draft. Exit 0 imported, 1 imported with findings that need a look,
//! 2 nothing imported (unreadable workbook, no tables, draft not loadable or saved).

use std::io::Write;
use std::path::Path;

use crate::import::{self, Outcome};
use crate::store;

use super::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};

pub fn run(book: &Path, into: &Path, dry_run: bool, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut doc = match store::load(into) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            if !into.exists() {
                let _ = writeln!(err, "（先用 new 创建草稿，再导入）");
            }
            return EXIT_FAILURE;
        }
    };
    let bytes = match std::fs::read(book) {
        Ok(b) => b,
        Err(e) => {
            let why =
                if e.kind() == std::io::ErrorKind::NotFound { "文件不存在".to_owned() } else { e.to_string() };
            let _ = writeln!(err, "无法读取 {}：{why}", book.display());
            return EXIT_FAILURE;
        }
    };
    let name = book.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| book.display().to_string());
    let preview = match import::preview(&bytes, &name, &doc) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_FAILURE;
        }
    };
    if json {
        match serde_json::to_string_pretty(&preview) {
            Ok(s) => {
                let _ = writeln!(out, "{s}");
            }
            Err(e) => {
                let _ = writeln!(err, "无法生成 JSON：{e}");
                return EXIT_FAILURE;
            }
        }
    } else {
        let _ = write!(out, "{}", preview.render_text());
    }
    if preview.outcome == Outcome::Nothing {
        let _ = writeln!(err, "没有导入任何内容，草稿未改动");
        return EXIT_FAILURE;
    }
    if dry_run {
        if !json {
            let _ = writeln!(out, "\n（试运行：草稿未改动）");
        }
    } else {
        preview.apply(&mut doc);
        if let Err(e) = store::save(into, &doc) {
            let _ = writeln!(err, "{e}");
            return EXIT_FAILURE;
        }
        if !json {
            let _ = writeln!(out, "\n已导入并保存到 {}", into.display());
        }
    }
    if preview.outcome == Outcome::NeedsLook { EXIT_FINDINGS } else { EXIT_OK }
}
