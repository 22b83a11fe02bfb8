//! What the app remembers between runs, in the user's config folder: the last file, and
//! a recovery copy of unsaved edits. Both are optional: a missing or unreadable file means
//! "nothing remembered", never an error at start-up.
//!
//! The folder is the platform's own ([`config_dir`]): `%APPDATA%\budget-disclosure` on
//! Windows, `~/Library/Application Support/budget-disclosure` on macOS,
//! `$XDG_CONFIG_HOME/budget-disclosure` (or `~/.config/budget-disclosure`) elsewhere.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::model::Disclosure;
use crate::store;

/// The app's folder name inside the platform's config directory.
const APP_FOLDER: &str = "budget-disclosure";

/// An environment variable naming the app's folder itself, instead of the platform's
/// (tests, a copy of the app run from a USB stick).
pub const CONFIG_DIR_VAR: &str = "BUDGET_DISCLOSURE_CONFIG_DIR";

/// The app's folder in the user's config directory, if one can be determined:
/// [`CONFIG_DIR_VAR`] when set, else the platform's config directory (see the module docs).
pub fn config_dir() -> Option<PathBuf> {
    choose_config_dir(std::env::var_os(CONFIG_DIR_VAR), dirs::config_dir())
}

/// The override when it names something, else the app's folder in `platform`.
fn choose_config_dir(override_dir: Option<OsString>, platform: Option<PathBuf>) -> Option<PathBuf> {
    match override_dir {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => platform.map(|base| base.join(APP_FOLDER)),
    }
}

/// The remembered state (`settings.ron`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The file last opened or saved.
    pub last_file: Option<PathBuf>,
    /// Drafts opened or saved lately, newest first (文件 → 最近打开).
    pub recent_files: Vec<PathBuf>,
    /// Panel sizes, type size and theme.
    pub desk: super::desk::DeskPrefs,
}

impl Settings {
    /// Reads the settings in `dir`; defaults when missing or corrupt.
    pub fn load(dir: &Path) -> Settings {
        fs::read_to_string(dir.join("settings.ron")).ok().and_then(|text| ron::from_str(&text).ok()).unwrap_or_default()
    }

    /// Writes the settings to `dir`.
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        fs::create_dir_all(dir).map_err(|e| format!("无法创建配置目录 {}：{e}", dir.display()))?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()).map_err(|e| e.to_string())?;
        store::write_atomic(&dir.join("settings.ron"), text.as_bytes(), false).map_err(|e| e.to_string())
    }
}

/// The folder of recovery copies: one per draft, `KEY.ron` (the draft) beside
/// `KEY.meta.ron` (which file it belongs to, which process writes it).
pub fn recovery_dir(dir: &Path) -> PathBuf {
    dir.join("recovery")
}

/// Which recovery copy belongs to a draft: `draft-HASH` for a file (a hash of its
/// absolute path), `untitled-N` for a draft never saved. Keys keep instances apart: one
/// instance's save or exit removes only its own copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryKey(String);

impl RecoveryKey {
    /// The key of the draft saved at `path`.
    pub fn for_file(path: &Path) -> RecoveryKey {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let text = absolute.to_string_lossy();
        // FNV-1a: stable across builds, unlike the standard hasher.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in identity_text(&text, cfg!(windows)).as_bytes() {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        RecoveryKey(format!("draft-{hash:016x}"))
    }

    /// Reserves a new `untitled-N` key in `dir` (the smallest N no instance uses).
    pub fn untitled(dir: &Path) -> Result<RecoveryKey, String> {
        let folder = recovery_dir(dir);
        fs::create_dir_all(&folder).map_err(|e| format!("无法创建恢复副本文件夹 {}：{e}", folder.display()))?;
        for n in 1..10_000 {
            let key = RecoveryKey(format!("untitled-{n}"));
            // Creating the meta file is the reservation: atomic between instances.
            match fs::OpenOptions::new().write(true).create_new(true).open(key.meta_path(dir)) {
                Ok(_) => return Ok(key),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("无法在 {} 中创建恢复副本：{e}", folder.display())),
            }
        }
        Err(format!("恢复副本文件夹 {} 中的副本过多，请清理", folder.display()))
    }

    fn draft_path(&self, dir: &Path) -> PathBuf {
        recovery_dir(dir).join(format!("{}.ron", self.0))
    }

    fn meta_path(&self, dir: &Path) -> PathBuf {
        recovery_dir(dir).join(format!("{}.meta.ron", self.0))
    }

    /// The lock of the copy: beside the recovery folder, which holds only copies.
    fn lock_path(&self, dir: &Path) -> PathBuf {
        dir.join("locks").join(format!("{}.lock", self.0))
    }

    /// The key's text ("draft-…", "untitled-2").
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The text of an absolute path that names one file once. Where file names are
/// case-sensitive it is the path as it is. On Windows `C:/报表/A.ron`, `c:\报表\a.RON` and
/// `\\?\C:\报表\a.ron` are one file: separators, letter case and the verbatim prefix are
/// folded, so each spelling finds the same recovery copy.
fn identity_text(path: &str, windows: bool) -> Cow<'_, str> {
    if !windows {
        return Cow::Borrowed(path);
    }
    let unified = path.replace('/', "\\");
    let plain = match unified.strip_prefix(r"\\?\") {
        Some(rest) => match rest.strip_prefix(r"UNC\") {
            Some(share) => format!(r"\\{share}"),
            None => rest.to_owned(),
        },
        None => unified,
    };
    Cow::Owned(plain.to_lowercase())
}

/// Who a recovery copy belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct RecoveryMeta {
    /// The draft's file; `None` for a draft never saved.
    source: Option<PathBuf>,
    /// The process that writes it, and the boot it runs in (a PID alone may be reused
    /// after a restart).
    pid: u32,
    boot: String,
}

/// This boot's identity, where the system tells it.
fn boot_id() -> String {
    fs::read_to_string("/proc/sys/kernel/random/boot_id").map(|s| s.trim().to_owned()).unwrap_or_default()
}

impl RecoveryMeta {
    fn mine(source: Option<&Path>) -> Self {
        RecoveryMeta { source: source.map(Path::to_path_buf), pid: std::process::id(), boot: boot_id() }
    }

    /// True when another running instance writes this copy, as far as its PID tells
    /// (Linux only; see [`locked_by_another_instance`] for every system).
    fn held_by_another_instance(&self) -> bool {
        self.pid != std::process::id() && self.boot == boot_id() && store::process_alive(self.pid)
    }
}

/// The recovery copies this process writes, each with its open, locked `KEY.lock`. The
/// system releases a lock when its process ends, however it ends, so a copy whose lock
/// another instance holds is in use, on every system (the PID check needs Linux's `/proc`).
static HELD_LOCKS: Mutex<Vec<(PathBuf, fs::File)>> = Mutex::new(Vec::new());

fn held_locks() -> std::sync::MutexGuard<'static, Vec<(PathBuf, fs::File)>> {
    HELD_LOCKS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Takes and keeps this process's lock on the copy `key`, until [`remove_recovery`].
/// Best effort: a copy without a lock is still protected by its PID where the system
/// tells whether a process runs.
fn hold_lock(dir: &Path, key: &RecoveryKey) {
    let path = key.lock_path(dir);
    let mut held = held_locks();
    if held.iter().any(|(p, _)| *p == path) {
        return;
    }
    if let Some(folder) = path.parent() {
        let _ = fs::create_dir_all(folder);
    }
    let Ok(file) = fs::OpenOptions::new().create(true).write(true).truncate(false).open(&path) else { return };
    if file.try_lock().is_ok() {
        held.push((path, file));
    }
}

/// Gives up this process's lock on the copy `key`, if it has it.
fn release_lock(dir: &Path, key: &RecoveryKey) {
    let path = key.lock_path(dir);
    held_locks().retain(|(p, _)| *p != path);
}

/// True when another running instance holds the lock of the copy `key`.
fn locked_by_another_instance(dir: &Path, key: &RecoveryKey) -> bool {
    let path = key.lock_path(dir);
    if held_locks().iter().any(|(p, _)| *p == path) {
        return false;
    }
    let Ok(file) = fs::OpenOptions::new().write(true).open(&path) else { return false };
    // Taking it means no one holds it; it is let go again as `file` closes.
    matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
}

/// A recovery copy found in the config folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub key: RecoveryKey,
    pub doc: Disclosure,
    /// The file it belongs to; `None`: a draft never saved.
    pub source: Option<PathBuf>,
}

/// Writes `doc` as the recovery copy `key` of the file `source`, owned by this process.
pub fn write_recovery(dir: &Path, key: &RecoveryKey, doc: &Disclosure, source: Option<&Path>) -> Result<(), String> {
    let folder = recovery_dir(dir);
    fs::create_dir_all(&folder).map_err(|e| format!("无法创建恢复副本文件夹 {}：{e}", folder.display()))?;
    let text = store::to_string(doc).map_err(|e| e.to_string())?;
    store::write_atomic(&key.draft_path(dir), text.as_bytes(), false).map_err(|e| e.to_string())?;
    claim_recovery(dir, key, source)
}

/// Marks the copy `key` as this process's (after restoring it).
pub fn claim_recovery(dir: &Path, key: &RecoveryKey, source: Option<&Path>) -> Result<(), String> {
    let meta = ron::to_string(&RecoveryMeta::mine(source)).map_err(|e| e.to_string())?;
    store::write_atomic(&key.meta_path(dir), meta.as_bytes(), false).map_err(|e| e.to_string())?;
    hold_lock(dir, key);
    Ok(())
}

/// The copies no running instance writes (left by a crash or a kill), newest first;
/// `prefer` (the key of the file being opened) comes first when it is among them.
pub fn abandoned_recoveries(dir: &Path, prefer: Option<&RecoveryKey>) -> Vec<Recovered> {
    adopt_single_copy(dir);
    let Ok(entries) = fs::read_dir(recovery_dir(dir)) else { return Vec::new() };
    let mut found: Vec<(bool, std::time::SystemTime, Recovered)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".ron").filter(|s| !s.ends_with(".meta") && !s.contains(".tmp-")) else {
            continue;
        };
        let key = RecoveryKey(stem.to_owned());
        let meta: RecoveryMeta =
            fs::read_to_string(key.meta_path(dir)).ok().and_then(|t| ron::from_str(&t).ok()).unwrap_or_default();
        if meta.held_by_another_instance() || locked_by_another_instance(dir, &key) {
            continue;
        }
        let Ok(doc) = store::load(&entry.path()) else { continue };
        let modified = entry.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH);
        found.push((Some(&key) == prefer, modified, Recovered { key, doc, source: meta.source }));
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    found.into_iter().map(|(_, _, r)| r).collect()
}

/// Moves the one `recovery.ron` of earlier versions (whose file was remembered in
/// `settings.ron`) into the per-draft layout, so an upgrade loses no recovery copy.
fn adopt_single_copy(dir: &Path) {
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Earlier {
        recovery_source: Option<PathBuf>,
    }
    let single = dir.join("recovery.ron");
    if !single.is_file() {
        return;
    }
    let source = fs::read_to_string(dir.join("settings.ron"))
        .ok()
        .and_then(|t| ron::from_str::<Earlier>(&t).ok())
        .unwrap_or_default()
        .recovery_source;
    if fs::create_dir_all(recovery_dir(dir)).is_err() {
        return;
    }
    let key = match &source {
        Some(path) => RecoveryKey::for_file(path),
        None => match RecoveryKey::untitled(dir) {
            Ok(key) => key,
            Err(_) => return,
        },
    };
    // No process writes it any more (pid 0): it is offered at once.
    let meta = RecoveryMeta { source, pid: 0, boot: String::new() };
    let Ok(meta) = ron::to_string(&meta) else { return };
    if store::write_atomic(&key.meta_path(dir), meta.as_bytes(), false).is_ok() {
        let _ = fs::rename(&single, key.draft_path(dir));
    }
}

/// Deletes the copy `key` (after a save, a clean exit or a refused restore).
pub fn remove_recovery(dir: &Path, key: &RecoveryKey) {
    // Nothing to report if this fails: the next start-up offers a stale copy at worst.
    let _ = fs::remove_file(key.draft_path(dir));
    let _ = fs::remove_file(key.meta_path(dir));
    // Closed before it is removed: Windows removes no open file.
    release_lock(dir, key);
    let _ = fs::remove_file(key.lock_path(dir));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_corrupt_settings_are_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        fs::write(dir.path().join("settings.ron"), "(last_file: Some(").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        let settings = Settings { last_file: Some("/tmp/甲.ron".into()), ..Settings::default() };
        settings.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), settings);
    }

    #[test]
    fn the_single_copy_of_earlier_versions_is_offered() {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path();
        let doc = Disclosure::new("甲部门", 2025, "hebei-2024-tables");
        store::save(&conf.join("recovery.ron"), &doc).unwrap();
        fs::write(conf.join("settings.ron"), "(last_file: None, recovery_source: Some(\"/tmp/甲.ron\"))").unwrap();
        let found = abandoned_recoveries(conf, None);
        assert_eq!(found.len(), 1);
        assert_eq!((&found[0].doc, found[0].source.as_deref()), (&doc, Some(Path::new("/tmp/甲.ron"))));
        assert_eq!(found[0].key, RecoveryKey::for_file(Path::new("/tmp/甲.ron")));
        assert!(!conf.join("recovery.ron").exists());
        assert_eq!(Settings::load(conf).last_file, None);
    }

    #[test]
    fn recovery_copies_belong_to_one_draft_and_survive_other_instances() {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("conf");
        assert!(abandoned_recoveries(&conf, None).is_empty());
        let a = Disclosure::new("甲部门", 2025, "hebei-2024-tables");
        let b = Disclosure::new("乙部门", 2025, "hebei-2024-tables");
        let key_a = RecoveryKey::for_file(Path::new("/tmp/a.ron"));
        let key_b = RecoveryKey::untitled(&conf).unwrap();
        assert_eq!(key_b.as_str(), "untitled-1");
        assert_eq!(RecoveryKey::untitled(&conf).unwrap().as_str(), "untitled-2");
        write_recovery(&conf, &key_a, &a, Some(Path::new("/tmp/a.ron"))).unwrap();
        write_recovery(&conf, &key_b, &b, None).unwrap();
        // Copies written by this very process are offered (as after a crash) ...
        let found = abandoned_recoveries(&conf, Some(&key_b));
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].key.clone(), found[0].source.clone()), (key_b.clone(), None));
        assert_eq!(found[1].doc, a);
        // ... but not those of another running process.
        let other = RecoveryMeta { source: None, pid: 1, boot: boot_id() };
        if store::process_alive(other.pid) {
            fs::write(key_a.meta_path(&conf), ron::to_string(&other).unwrap()).unwrap();
            assert_eq!(abandoned_recoveries(&conf, None).len(), 1);
        }
        // Removing one copy leaves the other.
        remove_recovery(&conf, &key_b);
        assert!(abandoned_recoveries(&conf, None).iter().all(|r| r.key != key_b));
        assert!(key_a.draft_path(&conf).exists());
    }

    #[test]
    fn a_copy_locked_by_another_instance_is_not_offered_on_any_system() {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path();
        let key = RecoveryKey::for_file(Path::new("乙.ron"));
        write_recovery(conf, &key, &Disclosure::new("乙部门", 2025, "hebei-2024-tables"), None).unwrap();
        assert!(key.lock_path(conf).exists(), "the writer holds its lock");
        assert_eq!(abandoned_recoveries(conf, None).len(), 1, "this process's own copy is offered, as after a crash");
        // Another instance: the lock taken through a handle of its own (a lock belongs
        // to the open file, so this stands for another process), with a PID that says
        // nothing, as on Windows or macOS.
        release_lock(conf, &key);
        fs::write(key.meta_path(conf), ron::to_string(&RecoveryMeta::default()).unwrap()).unwrap();
        let other = fs::OpenOptions::new().write(true).open(key.lock_path(conf)).unwrap();
        other.try_lock().unwrap();
        assert!(abandoned_recoveries(conf, None).is_empty(), "in use by the other instance");
        drop(other);
        assert_eq!(abandoned_recoveries(conf, None).len(), 1, "abandoned once the other instance has ended");
        remove_recovery(conf, &key);
        assert!(!key.lock_path(conf).exists() && !key.draft_path(conf).exists());
    }

    #[test]
    fn the_config_folder_is_the_platforms_unless_overridden() {
        let platform = Some(PathBuf::from("C:\\Users\\甲\\AppData\\Roaming"));
        assert_eq!(
            choose_config_dir(None, platform.clone()),
            Some(Path::new("C:\\Users\\甲\\AppData\\Roaming").join("budget-disclosure"))
        );
        assert_eq!(choose_config_dir(Some(OsString::new()), platform.clone()), platform.map(|p| p.join(APP_FOLDER)));
        assert_eq!(choose_config_dir(Some("测试配置".into()), None), Some(PathBuf::from("测试配置")));
        assert_eq!(choose_config_dir(None, None), None);
    }

    #[test]
    fn recovery_keys_fold_windows_spellings_of_one_file() {
        let spellings = [r"C:\报表\甲部门.ron", "C:/报表/甲部门.ron", r"c:\报表\甲部门.RON", r"\\?\C:\报表\甲部门.ron"];
        for spelling in spellings {
            assert_eq!(identity_text(spelling, true), r"c:\报表\甲部门.ron", "{spelling}");
        }
        assert_eq!(identity_text(r"\\?\UNC\server\share\a.ron", true), identity_text(r"\\server\share\A.ron", true));
        assert_ne!(identity_text(r"C:\报表\甲.ron", true), identity_text(r"C:\报表\乙.ron", true));
        // Where case matters, two spellings are two files, and the text is kept as it is.
        assert_eq!(identity_text("/home/甲/A.ron", false), "/home/甲/A.ron");
        assert_ne!(identity_text("/home/甲/A.ron", false), identity_text("/home/甲/a.ron", false));
    }

    #[cfg(unix)]
    #[test]
    fn recovery_keys_of_earlier_versions_still_match() {
        assert_eq!(RecoveryKey::for_file(Path::new("/tmp/a.ron")).as_str(), "draft-0fd64db3fc2332b6");
    }
}
