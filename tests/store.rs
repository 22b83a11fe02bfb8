//! The draft loader never panics: malformed RON and junk always give a located error,
//! and a valid draft survives any number of load/save cycles unchanged.

use budget_disclosure::samples::{self, Seed};
use budget_disclosure::store::{self, LoadError};
use proptest::prelude::*;

/// A real draft's text (seed 000), made once.
fn sample_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| store::to_string(&samples::load(Seed::S000)).expect("serialises"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Arbitrary text: either it happens to be a draft, or the error names file, line, column.
    #[test]
    fn junk_gives_a_located_error(text in ".{0,200}") {
        match store::from_str(&text, "junk.ron") {
            Ok(_) => {}
            Err(LoadError::Parse { path, line, column, .. }) => {
                prop_assert_eq!(path, "junk.ron");
                prop_assert!(line >= 1 && column >= 1);
            }
            Err(LoadError::TooNew { .. } | LoadError::NotADraft { .. }) => {}
            Err(LoadError::Io { .. } | LoadError::NotAFile { .. }) => prop_assert!(false, "no I/O in from_str"),
        }
    }

    /// A real draft cut short or with a byte range replaced: never a panic, always located.
    #[test]
    fn damaged_drafts_give_a_located_error(cut in 0usize..2000, start in 0usize..20000, len in 1usize..40, junk in "[(){}\\[\\]\",:a-z0-9 ]{0,10}") {
        let text = sample_text();
        let mut chars: Vec<char> = text.chars().collect();
        chars.truncate(chars.len().saturating_sub(cut));
        let start = start.min(chars.len());
        let end = (start + len).min(chars.len());
        chars.splice(start..end, junk.chars());
        let damaged: String = chars.into_iter().collect();
        if let Err(e) = store::from_str(&damaged, "damaged.ron") {
            let message = e.to_string();
            prop_assert!(message.contains("damaged.ron"), "{}", message);
            if let LoadError::Parse { line, .. } = e {
                prop_assert!(line >= 1);
            }
        }
    }
}

#[test]
fn every_sample_and_the_large_draft_round_trip() {
    let mut docs: Vec<_> = Seed::ALL.iter().map(|s| samples::load(*s)).collect();
    docs.push(samples::large_department());
    for doc in docs {
        let text = store::to_string(&doc).unwrap();
        let again = store::from_str(&text, "x.ron").unwrap();
        assert_eq!(again, doc);
        assert_eq!(store::to_string(&again).unwrap(), text, "saving twice gives the same file");
    }
}

#[test]
fn a_failed_save_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.ron");
    let doc = samples::load(Seed::S000);
    store::save(&path, &doc).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Saving into a folder that does not exist fails without touching anything else.
    let missing = dir.path().join("no-such-folder").join("draft.ron");
    let err = store::save(&missing, &doc).unwrap_err();
    assert!(err.to_string().contains("无法保存"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_newer_file_on_disk_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.ron");
    std::fs::write(&path, "(format_version: 7)").unwrap();
    let err = store::load(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooNew { found: 7, .. }));
    assert!(err.to_string().contains("更新版本"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "(format_version: 7)");
}
