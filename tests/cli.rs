//! The command line as a script would use it: exit codes, files written, messages.

mod common;

use std::path::Path;

use common::run_cli as run;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn new_writes_a_draft_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new.ron");
    let o = run(&["new", "--department", "测试局", "--year", "2025", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let doc = budget_disclosure::store::load(&out).unwrap();
    assert_eq!((doc.header.department.as_str(), doc.header.year), ("测试局", 2025));
    // It never overwrites an existing file.
    let again = run(&["new", "--department", "测试局", "--year", "2025", "-o", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("已存在"));
}

#[test]
fn new_refuses_an_unknown_template() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.ron");
    let o = run(&["new", "--department", "甲", "--year", "2025", "--template", "nope", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("没有模板"));
    assert!(!out.exists());
}

#[test]
fn sample_writes_each_seed() {
    let dir = tempfile::tempdir().unwrap();
    for seed in ["000", "001", "002"] {
        let out = dir.path().join(format!("s{seed}.ron"));
        let o = run(&["sample", "--seed", seed, "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(budget_disclosure::store::load(&out).is_ok());
    }
}

#[test]
fn unreadable_files_exit_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(\n  format_version: 1,\n  header: (year: \"二〇二四\"),\n)").unwrap();
    for args in [
        vec!["check", bad.to_str().unwrap()],
        vec!["export", bad.to_str().unwrap(), "--format", "text", "-o", "/dev/null"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2));
        let err = text(&o.stderr);
        assert!(err.contains("bad.ron") && err.contains("第 3 行"), "{err}");
    }
    let missing = run(&["check", Path::new("/nonexistent/x.ron").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("无法读取"));
}

#[test]
fn export_text_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    let out = dir.path().join("d.txt");
    assert_eq!(run(&["sample", "--seed", "001", "-o", draft.to_str().unwrap()]).status.code(), Some(0));
    let o = run(&["export", draft.to_str().unwrap(), "--format", "text", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(exported.contains("保定市徐水区人民政府办公室"));
}

#[test]
fn export_docx_writes_a_word_document() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    let out = dir.path().join("d.docx");
    assert_eq!(run(&["sample", "--seed", "000", "-o", draft.to_str().unwrap()]).status.code(), Some(0));
    let o = run(&["export", draft.to_str().unwrap(), "--format", "docx", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    // A zip package (Word's "PK" signature) holding the document part.
    assert!(bytes.starts_with(b"PK"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(zip.by_name("word/document.xml").is_ok());
}

#[test]
fn packaging_files_name_the_binary_and_the_icon() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let desktop = std::fs::read_to_string(root.join("assets/packaging/budget-disclosure.desktop")).unwrap();
    assert!(desktop.contains("\nExec=budget-disclosure open %f\n"));
    assert!(desktop.contains("\nIcon=budget-disclosure\n"));
    assert!(desktop.contains("MimeType=application/x-budget-disclosure-draft;"));
    let mime = std::fs::read_to_string(root.join("assets/packaging/budget-disclosure.xml")).unwrap();
    assert!(mime.contains(r#"<mime-type type="application/x-budget-disclosure-draft">"#));
    assert!(mime.contains(r#"<glob pattern="*.ron"/>"#));
    // Every file the .deb installs exists (the binary is built by `cargo deb`).
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let deb = &manifest[manifest.find("[package.metadata.deb]").unwrap()..];
    let assets = &deb[deb.find("assets = [").unwrap()..deb.find("\n]").unwrap()];
    for line in assets.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let source = line.trim_start().trim_start_matches("[\"").split('"').next().unwrap();
        assert!(source.starts_with("target/") || root.join(source).exists(), "{source} is missing");
    }
}

#[test]
fn open_without_a_file_is_accepted() {
    use clap::Parser;
    let cli = budget_disclosure::cli::Cli::try_parse_from(["budget-disclosure", "open"]).unwrap();
    assert!(matches!(cli.command, Some(budget_disclosure::cli::Command::Open { file: None, review: false })));
}

#[test]
fn export_never_replaces_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    assert_eq!(run(&["sample", "--seed", "000", "-o", draft.to_str().unwrap()]).status.code(), Some(0));
    let before = std::fs::read(&draft).unwrap();
    let hard = dir.path().join("hard.txt");
    std::fs::hard_link(&draft, &hard).unwrap();
    let sym = dir.path().join("sym.pdf");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&draft, &sym).unwrap();
    let other_ron = dir.path().join("other.ron");
    for (out, force) in [(&draft, false), (&draft, true), (&hard, true), (&sym, true), (&other_ron, false)] {
        if !out.exists() && out != &other_ron {
            continue;
        }
        for format in ["text", "pdf"] {
            let mut args = vec!["export", draft.to_str().unwrap(), "--format", format, "-o", out.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{out:?} {format} force={force}");
            assert!(text(&o.stderr).contains("草稿"), "{}", text(&o.stderr));
            assert_eq!(std::fs::read(&draft).unwrap(), before);
        }
    }
    assert!(!other_ron.exists());
    // Forced, another .ron name is written.
    let o = run(&["export", draft.to_str().unwrap(), "--format", "text", "-o", other_ron.to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_for() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    if !Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false) {
        return;
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_budget-disclosure"))
        .args(["check", fifo.to_str().unwrap()])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("check waited on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("命名管道"), "{}", text(&o.stderr));
}

#[test]
fn new_refuses_an_empty_department_like_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("e.ron");
    for name in ["", "   "] {
        let o = run(&["new", "--department", name, "--year", "2025", "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains("部门名称"), "{}", text(&o.stderr));
        assert!(!out.exists());
    }
}

#[cfg(unix)]
#[test]
fn a_full_device_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    assert_eq!(run(&["sample", "--seed", "001", "-o", draft.to_str().unwrap()]).status.code(), Some(0));
    let o = run(&["export", draft.to_str().unwrap(), "--format", "text", "-o", "/dev/full"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("/dev/full"), "{}", text(&o.stderr));
    let o = run(&["sample", "--seed", "001", "-o", "/dev/full"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(Path::new("/dev/full").metadata().map(|m| !m.is_file()).unwrap_or(true));
}
