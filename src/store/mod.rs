//! Draft files: reading, writing and migrating `.ron` drafts.
//!
//! A draft is a human-readable RON file whose first field is `format_version`. Files
//! from older versions are migrated on load; files from a newer version, or that do not
//! parse, are refused with the file, line and column, and nothing is overwritten.
//! Saving is atomic (temp file, fsync, rename) and keeps the previous file as
//! `NAME.ron.bak`, so a crash or a full disk never leaves a half-written draft.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Disclosure, FORMAT_VERSION};

/// Why a draft could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("无法读取文件 {path}：{source}")]
    Io { path: String, source: std::io::Error },
    #[error("草稿文件 {path} 第 {line} 行第 {column} 列有误：{message}")]
    Parse { path: String, line: usize, column: usize, message: String },
    #[error(
        "草稿文件 {path} 是由更新版本的程序保存的（格式版本 {found}，本程序支持到 {supported}），请升级程序后再打开"
    )]
    TooNew { path: String, found: u32, supported: u32 },
}

/// Why a draft could not be saved. The previous file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("无法保存到 {path}：{source}（原文件未被改动）")]
    Io { path: String, source: std::io::Error },
    #[error("无法生成草稿内容：{0}")]
    Serialize(String),
}

/// Only the version, read first so a newer file is refused before its fields are.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

/// Turns a RON error into a located [`LoadError::Parse`].
fn parse_error(path: &str, e: ron::error::SpannedError) -> LoadError {
    LoadError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// Reads a draft from `text`; `path` names it in messages.
pub fn from_str(text: &str, path: &str) -> Result<Disclosure, LoadError> {
    let probe: VersionProbe = ron::from_str(text).map_err(|e| parse_error(path, e))?;
    if probe.format_version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_owned(),
            found: probe.format_version,
            supported: FORMAT_VERSION,
        });
    }
    let mut doc: Disclosure = ron::from_str(text).map_err(|e| parse_error(path, e))?;
    migrate(&mut doc, probe.format_version);
    Ok(doc)
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

/// Reads the draft at `path`.
pub fn load(path: &Path) -> Result<Disclosure, LoadError> {
    let shown = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|source| LoadError::Io { path: shown.clone(), source })?;
    from_str(&text, &shown)
}

/// The backup kept beside `path` ("NAME.ron.bak").
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically: temp file in the same folder, fsync, keep the
/// old file as a backup, rename. Used for drafts and for exports alike.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let shown = path.display().to_string();
    let io = |source| SaveError::Io { path: shown.clone(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.exists() {
            fs::copy(path, backup_path(path))?;
        }
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io)
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
    fn save_is_atomic_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let mut doc = Disclosure::new("甲部门", 2024, "hebei-2024-tables");
        save(&path, &doc).unwrap();
        doc.header.department = "乙部门".into();
        save(&path, &doc).unwrap();
        assert_eq!(load(&path).unwrap().header.department, "乙部门");
        assert_eq!(load(&backup_path(&path)).unwrap().header.department, "甲部门");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
