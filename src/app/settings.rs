//! What the app remembers between runs, in the user's config folder
//! (`$XDG_CONFIG_HOME/budget-disclosure/`): the last file, and a recovery copy of
//! unsaved edits. Both are optional: a missing or unreadable file means "nothing
//! remembered", never an error at start-up.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Disclosure;
use crate::store;

/// The app's folder in the user's config directory, if one can be determined.
pub fn config_dir() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => match std::env::var_os("APPDATA") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => PathBuf::from(std::env::var_os("HOME")?).join(".config"),
        },
    };
    Some(base.join("budget-disclosure"))
}

/// The remembered state (`settings.ron`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The file last opened or saved.
    pub last_file: Option<PathBuf>,
    /// The file the recovery copy was made from (`None`: a draft never saved).
    pub recovery_source: Option<PathBuf>,
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

/// The recovery copy of unsaved edits.
pub fn recovery_path(dir: &Path) -> PathBuf {
    dir.join("recovery.ron")
}

/// Writes `doc` as the recovery copy (and remembers which file it belongs to).
pub fn write_recovery(dir: &Path, doc: &Disclosure, source: Option<&Path>) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("无法创建配置目录 {}：{e}", dir.display()))?;
    let text = store::to_string(doc).map_err(|e| e.to_string())?;
    store::write_atomic(&recovery_path(dir), text.as_bytes(), false).map_err(|e| e.to_string())?;
    let mut settings = Settings::load(dir);
    settings.recovery_source = source.map(Path::to_path_buf);
    settings.save(dir)
}

/// The recovery copy, if there is a readable one.
pub fn read_recovery(dir: &Path) -> Option<(Disclosure, Option<PathBuf>)> {
    let path = recovery_path(dir);
    if !path.exists() {
        return None;
    }
    let doc = store::load(&path).ok()?;
    Some((doc, Settings::load(dir).recovery_source))
}

/// Deletes the recovery copy (after a save, a clean exit or a refused restore).
pub fn remove_recovery(dir: &Path) {
    let path = recovery_path(dir);
    if path.exists() {
        // Nothing to report if this fails: the next start-up offers a stale copy at worst.
        let _ = fs::remove_file(path);
    }
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
    fn recovery_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("conf");
        assert!(read_recovery(&conf).is_none());
        let doc = Disclosure::new("测试部门", 2025, "hebei-2024-tables");
        write_recovery(&conf, &doc, Some(Path::new("/tmp/a.ron"))).unwrap();
        let (back, source) = read_recovery(&conf).unwrap();
        assert_eq!((back, source), (doc, Some(PathBuf::from("/tmp/a.ron"))));
        remove_recovery(&conf);
        assert!(read_recovery(&conf).is_none());
    }
}
