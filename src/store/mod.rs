//! Draft files: reading, writing and migrating `.ron` drafts.
//!
//! A draft is a human-readable RON file whose first field is `format_version`. Files
//! from older versions are migrated on load; files from a newer version, or that do not
//! parse, are refused with the file, line and column, and nothing is overwritten. A
//! UTF-8 byte-order mark and CRLF line endings (Windows editors) are accepted; amounts
//! outside the documented range (see `model::amount`) are refused with their position.
//! Only regular files are read: a FIFO or a device would hang or never end.
//!
//! Saving is atomic (see [`write_atomic`]): temp file, fsync, rename; the previous file is
//! kept as `NAME.ron.bak`, written the same way, so a crash or a full disk never leaves a
//! half-written draft or backup.

mod atomic;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use atomic::{SaveError, backup_path, process_alive, same_file, write_atomic};

use crate::model::{Disclosure, FORMAT_VERSION};

/// Why a draft could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("无法读取文件 {path}：{}", io_reason(source))]
    Io { path: String, source: std::io::Error },
    #[error("草稿文件 {path} 第 {line} 行第 {column} 列有误：{message}")]
    Parse { path: String, line: usize, column: usize, message: String },
    #[error(
        "草稿文件 {path} 是由更新版本的程序保存的（格式版本 {found}，本程序支持到 {supported}），请升级程序后再打开"
    )]
    TooNew { path: String, found: u32, supported: u32 },
    #[error("{path} 不是普通文件（{kind}），未读取；请选择一个草稿文件（.ron）")]
    NotAFile { path: String, kind: &'static str },
    #[error("{path} 不是草稿文件：{reason}")]
    NotADraft { path: String, reason: String },
}

/// An I/O error in words an officer understands, with the system's text for the rest.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限（请检查文件和文件夹的权限）",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        K::IsADirectory => "这是一个文件夹",
        K::AlreadyExists => "文件已存在",
        _ => return e.to_string(),
    };
    format!("{what}（{e}）")
}

/// Only the version, read first so a newer file is refused before its fields are.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

/// Turns a RON error into a located [`LoadError`].
fn parse_error(path: &str, e: ron::error::SpannedError) -> LoadError {
    if matches!(e.code, ron::Error::ExceededRecursionLimit) {
        return LoadError::NotADraft {
            path: path.to_owned(),
            reason: format!("第 {} 行第 {} 列起括号嵌套层数过多", e.span.start.line, e.span.start.col),
        };
    }
    LoadError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// Reads a draft from `text`; `path` names it in messages.
pub fn from_str(text: &str, path: &str) -> Result<Disclosure, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(LoadError::NotADraft { path: path.to_owned(), reason: "文件是空的".to_owned() });
    }
    let probe: VersionProbe = ron::from_str(text).map_err(|e| parse_error(path, e))?;
    if probe.format_version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_owned(),
            found: probe.format_version,
            supported: FORMAT_VERSION,
        });
    }
    let mut doc: Disclosure = ron::from_str(text).map_err(|e| parse_error(path, e))?;
    if let Some((location, value)) = crate::rules::amounts::first_out_of_range(&doc) {
        let (line, column) = locate_number(text, value).unwrap_or((1, 1));
        return Err(LoadError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: format!(
                "{location} 的数值 {} 超出范围：金额和数量最多 18 位整数（绝对值小于 10^18）；请用文本编辑器改正后再打开",
                value.normalize()
            ),
        });
    }
    migrate(&mut doc, probe.format_version);
    Ok(doc)
}

/// The line and column (1-based) of the first number literal in `text` equal to `value`.
fn locate_number(text: &str, value: rust_decimal::Decimal) -> Option<(usize, usize)> {
    let number_char = |c: char| c.is_ascii_digit() || matches!(c, '.' | '_' | 'e' | 'E' | '+' | '-');
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let starts_number = (c.is_ascii_digit() || c == '-' || c == '+')
            && !prev.is_some_and(|p| p.is_alphanumeric() || p == '_' || p == '.');
        prev = Some(c);
        if !starts_number {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            if !number_char(n) {
                break;
            }
            end = i + n.len_utf8();
            prev = Some(n);
            chars.next();
        }
        let literal = text[start..end].replace('_', "");
        let parsed = literal
            .parse::<rust_decimal::Decimal>()
            .ok()
            .or_else(|| rust_decimal::Decimal::from_scientific(&literal).ok());
        if parsed.is_some_and(|p| p.normalize() == value.normalize()) {
            let before = &text[..start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Some((line, column));
        }
    }
    None
}

/// Brings a draft read from `from_version` up to [`FORMAT_VERSION`].
///
/// Version 0 is a file without the field (hand-written or from a pre-release build):
/// its fields are those of version 1, missing ones take their defaults.
fn migrate(doc: &mut Disclosure, from_version: u32) {
    if from_version < 1 {
        doc.format_version = 1;
    }
    doc.format_version = FORMAT_VERSION;
}

/// The draft as RON text.
pub fn to_string(doc: &Disclosure) -> Result<String, SaveError> {
    let config = ron::ser::PrettyConfig::new().indentor("  ").struct_names(false);
    let body = ron::ser::to_string_pretty(doc, config).map_err(|e| SaveError::Serialize(e.to_string()))?;
    Ok(format!("// 预算公开编制助手 草稿文件（RON 格式，可用文本编辑器查看）\n{body}\n"))
}

/// What kind of non-regular file `meta` describes, in Chinese.
fn file_kind(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "是文件夹";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "是命名管道";
        }
        if t.is_char_device() || t.is_block_device() {
            return "是设备";
        }
        if t.is_socket() {
            return "是套接字";
        }
    }
    "不是普通文件"
}

/// Refuses anything but a regular file (after following links), so reading never hangs.
pub fn check_regular_file(path: &Path) -> Result<(), LoadError> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|source| LoadError::Io { path: shown.clone(), source })?;
    if meta.is_file() { Ok(()) } else { Err(LoadError::NotAFile { path: shown, kind: file_kind(&meta) }) }
}

/// Reads the draft at `path`.
pub fn load(path: &Path) -> Result<Disclosure, LoadError> {
    let shown = path.display().to_string();
    check_regular_file(path)?;
    let bytes = fs::read(path).map_err(|source| LoadError::Io { path: shown.clone(), source })?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(LoadError::Parse {
                path: shown,
                line,
                column,
                message: format!(
                    "第 {} 字节不是有效的 UTF-8 文字；草稿文件应以 UTF-8 编码保存（不是 GBK/GB2312）",
                    e.valid_up_to() + 1
                ),
            });
        }
    };
    from_str(text, &shown)
}

/// Why `output` may not receive an export: it is the draft `draft` itself (the same
/// file, also through symbolic or hard links) or any `.ron` draft name. `None`: it may.
/// The command line lets `--force` override the `.ron` case, never the first.
pub fn export_target_problem(output: &Path, draft: Option<&Path>) -> Option<String> {
    if let Some(draft) = draft
        && same_file(output, draft)
    {
        return Some(format!("导出文件 {} 就是草稿本身，导出会覆盖草稿；请换一个文件名", output.display()));
    }
    let resolved: PathBuf = fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf());
    let is_ron = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if is_ron(output) || is_ron(&resolved) {
        return Some(format!(
            "导出文件 {} 是 .ron 草稿文件名，导出会覆盖草稿；请换用 .txt/.pdf 文件名（确需如此请加 --force）",
            output.display()
        ));
    }
    None
}

/// Saves the draft to `path` atomically, keeping the previous file as a backup.
pub fn save(path: &Path, doc: &Disclosure) -> Result<(), SaveError> {
    let text = to_string(doc)?;
    write_atomic(path, text.as_bytes(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_newer_and_corrupt_files_with_a_position() {
        let newer = "(format_version: 99, header: (department: \"x\"))";
        assert!(matches!(from_str(newer, "a.ron"), Err(LoadError::TooNew { found: 99, .. })));
        let corrupt = "(\n  format_version: 1,\n  header: (year: \"abc\"),\n)";
        match from_str(corrupt, "b.ron") {
            Err(LoadError::Parse { line, column, ref path, .. }) => {
                assert_eq!((line, path.as_str()), (3, "b.ron"));
                assert!(column > 1);
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
        let msg = from_str(corrupt, "b.ron").unwrap_err().to_string();
        assert!(msg.contains("b.ron") && msg.contains("第 3 行"), "{msg}");
    }

    #[test]
    fn a_file_without_version_is_migrated() {
        let doc = from_str("(header: (department: \"测试部门\", year: 2021))", "c.ron").unwrap();
        assert_eq!(doc.format_version, FORMAT_VERSION);
        assert_eq!(doc.header.department, "测试部门");
    }

    #[test]
    fn bom_and_crlf_are_accepted_empty_and_deep_files_are_not_drafts() {
        let text = "\u{feff}// 草稿\r\n(\r\n  format_version: 1,\r\n  header: (department: \"甲\"),\r\n)\r\n";
        assert_eq!(from_str(text, "w.ron").unwrap().header.department, "甲");
        let empty = from_str("  \n", "e.ron").unwrap_err().to_string();
        assert!(empty.contains("e.ron") && empty.contains("空"), "{empty}");
        let deep = format!("(other_matters: {}{})", "(a: ".repeat(10_000), ")".repeat(10_000));
        let msg = from_str(&deep, "deep.ron").unwrap_err().to_string();
        assert!(msg.contains("不是草稿文件") && !msg.contains("ron::Options"), "{msg}");
    }

    #[test]
    fn out_of_range_amounts_are_refused_with_their_position() {
        let text = "(\n  format_version: 1,\n  budget: (\n    economic_lines: [\n      (code: \"30101\", personnel: \"79228162514264337593543950335\", public: \"1\"),\n    ],\n  ),\n)";
        let msg = from_str(text, "big.ron").unwrap_err().to_string();
        assert!(msg.contains("big.ron") && msg.contains("第 5 行第 35 列") && msg.contains("超出范围"), "{msg}");
        assert!(msg.contains("经济分类基本支出明细 第1行 人员经费"), "{msg}");
        // Negative amounts load (the rules report them): nothing is lost.
        let negative = "(three_public: (car_running: (this_year: \"-4.86\")))";
        assert_eq!(from_str(negative, "n.ron").unwrap().three_public.car_running.this_year.to_string(), "-4.86");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gbk.ron");
        fs::write(&path, b"(\n  header: (department: \"\xb2\xe2\xca\xd4\"),\n)").unwrap();
        let msg = load(&path).unwrap_err().to_string();
        assert!(msg.contains("第 2 行第 25 列") && msg.contains("UTF-8"), "{msg}");
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_folders_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
        if made {
            let msg = load(&fifo).unwrap_err().to_string();
            assert!(msg.contains("命名管道") && msg.contains("pipe.ron"), "{msg}");
        }
        let msg = load(dir.path()).unwrap_err().to_string();
        assert!(msg.contains("文件夹"), "{msg}");
    }

    #[test]
    fn exports_may_not_replace_a_draft() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("d.ron");
        fs::write(&draft, "()").unwrap();
        assert!(export_target_problem(&draft, Some(&draft)).is_some());
        assert!(export_target_problem(&dir.path().join("other.RON"), Some(&draft)).is_some());
        assert!(export_target_problem(&dir.path().join("d.txt"), Some(&draft)).is_none());
        let linked = dir.path().join("hard.txt");
        fs::hard_link(&draft, &linked).unwrap();
        assert!(export_target_problem(&linked, Some(&draft)).unwrap().contains("草稿本身"));
        #[cfg(unix)]
        {
            let sym = dir.path().join("sym.pdf");
            std::os::unix::fs::symlink(&draft, &sym).unwrap();
            assert!(export_target_problem(&sym, Some(&draft)).is_some());
        }
    }
}
