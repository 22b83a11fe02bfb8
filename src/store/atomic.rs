//! Atomic file replacement, for drafts, backups, exports and settings alike.
//!
//! The bytes go to `NAME.tmp-PID` in the same folder, are fsynced, and the temp file is
//! renamed over `NAME`; the folder is fsynced too. A kill at any point leaves `NAME` either
//! the complete old or the complete new file. The backup `NAME.bak` is made the same way
//! (a temp copy of the old file, fsync, rename), so it is never half-written either. Temp
//! files left by killed writers (`NAME.tmp-PID` of a process that no longer runs) are
//! removed by the next save of the same file.
//!
//! A symbolic link is followed: its target is replaced, the link stays. The replaced
//! file's permissions (and, where allowed, its owner) carry over to the new file and the
//! backup. Hard links cannot survive an atomic rename: the saved path gets a new file.
//! Only regular files are replaced; a device such as `/dev/full` or a FIFO is refused.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written. The previous file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("无法保存到 {path}：{}（原文件未被改动）", super::io_reason(source))]
    Io { path: String, source: std::io::Error },
    #[error("无法保存到 {path}：{step}（{place}）失败：{}（原文件未被改动）", super::io_reason(source))]
    Step { path: String, step: &'static str, place: String, source: std::io::Error },
    #[error("无法保存到 {path}：它{kind}，不是普通文件（原文件未被改动）")]
    NotAFile { path: String, kind: &'static str },
    #[error("无法生成草稿内容：{0}")]
    Serialize(String),
}

/// The backup kept beside `path` ("NAME.ron.bak").
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// True when `a` and `b` name the same file (also through symbolic or hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// Follows symbolic links from `path` to the file they finally name (which may not exist
/// yet). Gives up after 40 links, as the system does.
fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => match fs::read_link(&current) {
                Ok(target) => {
                    current = match current.parent() {
                        Some(parent) if target.is_relative() => parent.join(target),
                        _ => target,
                    };
                }
                Err(_) => return current,
            },
            _ => return current,
        }
    }
    current
}

/// The folder holding `path` ("." for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// "NAME.tmp-" : the prefix of every temp file of `path`.
fn temp_prefix(path: &Path) -> String {
    let mut name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.push_str(".tmp-");
    name
}

/// True when process `pid` is known to be running: this process, or (on Linux) one
/// listed in `/proc`. Elsewhere other processes count as gone.
pub fn process_alive(pid: u32) -> bool {
    pid == std::process::id() || (cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists())
}

/// Removes temp files of `path` left by writers that no longer run. Best effort: a temp
/// file that cannot be removed is harmless.
fn remove_stale_temps(dir: &Path, path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix.as_str())) else { continue };
        let pid_text = rest.strip_suffix(".bak").unwrap_or(rest);
        let Ok(pid) = pid_text.parse::<u32>() else { continue };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 24 * 3600);
        // Without `/proc` a writer's liveness is unknown: only old files are removed.
        let gone = if cfg!(target_os = "linux") { !process_alive(pid) } else { old };
        if pid != std::process::id() && (gone || old) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// What to carry over from the file being replaced.
struct Keep {
    #[cfg(unix)]
    mode: Option<u32>,
    #[cfg(unix)]
    owner: Option<(u32, u32)>,
    #[cfg(not(unix))]
    permissions: Option<fs::Permissions>,
}

impl Keep {
    fn of(meta: Option<&fs::Metadata>) -> Keep {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Keep { mode: meta.map(|m| m.mode() & 0o7777), owner: meta.map(|m| (m.uid(), m.gid())) }
        }
        #[cfg(not(unix))]
        {
            Keep { permissions: meta.map(|m| m.permissions()) }
        }
    }

    /// Gives `file` the kept mode and owner. The owner can only be changed by root (or
    /// to the writer's own groups); otherwise the new file belongs to the writer.
    fn apply(&self, file: &fs::File) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::{MetadataExt, PermissionsExt};
            if let Some((uid, gid)) = self.owner {
                let meta = file.metadata()?;
                if (meta.uid(), meta.gid()) != (uid, gid) {
                    match std::os::unix::fs::fchown(file, Some(uid), Some(gid)) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            if let Some(mode) = self.mode {
                file.set_permissions(fs::Permissions::from_mode(mode))?;
            }
        }
        #[cfg(not(unix))]
        if let Some(p) = &self.permissions {
            file.set_permissions(p.clone())?;
        }
        Ok(())
    }
}

/// Writes `bytes` to a new file `tmp` with `keep`'s mode and owner, fsynced.
fn write_new(tmp: &Path, bytes: &[u8], keep: &Keep) -> Result<(), (&'static str, std::io::Error)> {
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(tmp).map_err(|e| ("创建临时文件", e))?;
    keep.apply(&file).map_err(|e| ("设置文件权限", e))?;
    file.write_all(bytes).map_err(|e| ("写入临时文件", e))?;
    file.flush().map_err(|e| ("写入临时文件", e))?;
    file.sync_all().map_err(|e| ("写入磁盘（fsync）", e))?;
    Ok(())
}

/// Makes the folder's new entries durable. Some file systems cannot fsync a folder;
/// that is not a failure of the save.
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    let Ok(d) = fs::File::open(dir) else { return Ok(()) };
    match d.sync_all() {
        Err(e) if matches!(e.kind(), std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported) => Ok(()),
        other => other,
    }
}

/// Writes `bytes` to `path` atomically (see the module docs), keeping the old file as
/// `NAME.bak` when `keep_backup`. Used for drafts and for exports alike.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let shown = path.display().to_string();
    let target = resolve_links(path);
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(SaveError::Io { path: shown, source }),
    };
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        return Err(SaveError::NotAFile { path: shown, kind: super::file_kind(meta) });
    }
    let dir = folder_of(&target);
    remove_stale_temps(&dir, &target);
    let keep = Keep::of(existing.as_ref());
    let step = |step: &'static str, place: &Path, source: std::io::Error| SaveError::Step {
        path: shown.clone(),
        step,
        place: place.display().to_string(),
        source,
    };

    let prefix = temp_prefix(&target);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    // A temp file of ours from an interrupted earlier save in this process.
    let _ = fs::remove_file(&tmp);
    if let Err((what, e)) = write_new(&tmp, bytes, &keep) {
        let _ = fs::remove_file(&tmp);
        let place = if what == "创建临时文件" {
            format!("文件夹 {}", dir.display())
        } else {
            tmp.display().to_string()
        };
        return Err(SaveError::Step { path: shown, step: what, place, source: e });
    }

    if keep_backup && existing.is_some() {
        let backup = backup_path(&target);
        let backup_tmp = dir.join(format!("{prefix}{}.bak", std::process::id()));
        let _ = fs::remove_file(&backup_tmp);
        let made = fs::read(&target)
            .map_err(|e| ("读取原文件", target.clone(), e))
            .and_then(|old| write_new(&backup_tmp, &old, &keep).map_err(|(w, e)| (w, backup_tmp.clone(), e)))
            .and_then(|()| fs::rename(&backup_tmp, &backup).map_err(|e| ("写入备份", backup.clone(), e)));
        if let Err((what, place, e)) = made {
            let _ = fs::remove_file(&backup_tmp);
            let _ = fs::remove_file(&tmp);
            return Err(step(what, &place, e));
        }
    }

    if let Err(e) = fs::rename(&tmp, &target) {
        let _ = fs::remove_file(&tmp);
        return Err(step("替换原文件", &target, e));
    }
    sync_folder(&dir).map_err(|e| step("写入磁盘（fsync）", &dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Disclosure;
    use crate::store::{load, save};

    fn temps(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect()
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
        assert!(temps(dir.path()).is_empty());
    }

    #[test]
    fn stale_temp_files_are_removed_by_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        // PIDs above the kernel's limit (2^22) never run.
        for name in ["d.ron.tmp-4194305", "d.ron.tmp-4194306.bak"] {
            fs::write(dir.path().join(name), "half").unwrap();
        }
        fs::write(dir.path().join("other.ron.tmp-4194305"), "not ours").unwrap();
        save(&path, &Disclosure::default()).unwrap();
        let left = temps(dir.path());
        if cfg!(target_os = "linux") {
            assert_eq!(left, ["other.ron.tmp-4194305"]);
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_mode_and_owner_are_kept() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        save(&real, &Disclosure::default()).unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let owner = fs::metadata(&real).map(|m| (m.uid(), m.gid())).unwrap();
        let link = dir.path().join("link.ron");
        symlink("real.ron", &link).unwrap();
        let doc = Disclosure::new("丙部门", 2024, "hebei-2024-tables");
        save(&link, &doc).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(load(&real).unwrap().header.department, "丙部门");
        let meta = fs::metadata(&real).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600);
        assert_eq!((meta.uid(), meta.gid()), owner);
        assert_eq!(fs::metadata(backup_path(&real)).unwrap().mode() & 0o777, 0o600);
        // Run as root, a file of another user stays that user's.
        if owner.0 == 0 && std::os::unix::fs::chown(&real, Some(65534), Some(65534)).is_ok() {
            save(&link, &Disclosure::default()).unwrap();
            let meta = fs::metadata(&real).unwrap();
            assert_eq!((meta.uid(), meta.gid(), meta.mode() & 0o777), (65534, 65534, 0o600));
        }
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_and_failures_name_the_place() {
        let msg = write_atomic(Path::new("/dev/full"), b"x", false).unwrap_err().to_string();
        assert!(msg.contains("/dev/full") && msg.contains("设备"), "{msg}");
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("d.ron");
        let msg = write_atomic(&missing, b"x", false).unwrap_err().to_string();
        assert!(msg.contains("文件夹") && msg.contains("no-such-folder") && msg.contains("创建临时文件"), "{msg}");
    }
}
