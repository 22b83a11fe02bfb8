//! 批注 driven headlessly: a supervisor's review session writes only the review file
//! (the draft stays byte-identical), the officer sees the comments and jumps to them,
//! and a corrupt review file is refused while the draft still opens.

mod common;

use budget_disclosure::app::{App, Command};
use budget_disclosure::review::{self, CommentStatus, Review, Verdict};
use budget_disclosure::rules::{Location, Section};
use budget_disclosure::samples::Seed;
use budget_disclosure::store;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness(app: App) -> Harness<'static, App> {
    common::app_harness_with(app, |b| b.with_size([1366.0, 900.0]))
}

fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn a_review_session_writes_only_the_review_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("城区办.ron");
    std::fs::write(&draft, Seed::S000.source()).unwrap();
    let doc = store::load(&draft).unwrap();
    let mut h = harness(App::new(doc, Some(draft.clone()), true));
    h.run();
    let finding = h.state().findings()[0].clone();
    let all = h.state().findings().len();
    h.state_mut().queue(Command::JumpTo(finding.location.clone()));
    h.run();

    type_into(&mut h, "署名", "县财政局李审");
    type_into(&mut h, "新批注", "请核对这一处");
    h.get_by_label("添加批注").click();
    h.run();
    h.get_by_label("确认有误").click();
    h.run();
    type_into(&mut h, "回复", "已核对");
    h.get_by_label("发送").click();
    h.run();
    h.get_by_label("标为已处理").click();
    h.run();

    assert_eq!(std::fs::read(&draft).unwrap(), Seed::S000.source().as_bytes(), "the draft is never written");
    let saved: Review = review::load_for(&draft).unwrap();
    assert_eq!(&saved, h.state().review_notes());
    assert_eq!(saved.comments.len(), 1);
    let c = &saved.comments[0];
    assert_eq!((c.author.as_str(), c.text.as_str(), c.status), ("县财政局李审", "请核对这一处", CommentStatus::Done));
    assert_eq!(c.replies.len(), 1);
    assert_eq!(c.replies[0].text, "已核对");
    assert_eq!(c.anchor.resolve(h.state().doc()), Some(finding.location.clone()));
    assert_eq!(saved.settled.len(), 1);
    assert_eq!((saved.settled[0].rule.as_str(), &saved.settled[0].verdict), (finding.rule, &Verdict::MustFix));
    assert_eq!(h.state().shown_findings().len(), all - 1, "a settled finding is hidden by default");
    h.get_by_label("在检查结果中显示已处理的检查结果").click();
    h.run();
    assert_eq!(h.state().shown_findings().len(), all, "…and shown on request");
}

#[test]
fn the_officer_sees_the_comments_and_jumps_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    std::fs::write(&draft, Seed::S000.source()).unwrap();
    let mut doc = store::load(&draft).unwrap();
    let mut notes = Review::default();
    let at = Location::cell(Section::ThreePublic, 3, "this_year");
    notes.add_comment(&doc, &at, "李审", "接待费为何为零？", "2026-03-01 09:00".into());
    notes.add_comment(
        &doc,
        &Location::cell(Section::Projects, 0, "purpose"),
        "李审",
        "用途太笼统",
        "2026-03-01 09:01".into(),
    );
    review::save_for(&draft, &notes).unwrap();
    // Meanwhile the officer deleted the first project.
    doc.performance.projects.remove(0);
    store::save(&draft, &doc).unwrap();

    let mut h = harness(App::new(store::load(&draft).unwrap(), Some(draft.clone()), false));
    h.run();
    assert!(h.query_by_label_contains("接待费为何为零？").is_some(), "the panel is open when there are comments");
    assert!(h.query_by_label("目标已删除").is_some());
    h.get_by_label("第四部分 “三公”经费 第4行 本年预算").click();
    h.step();
    assert_eq!(h.state().section(), Section::ThreePublic);
    assert_eq!(h.state().focus(), Some(&at));
}

#[test]
fn a_corrupt_review_file_is_refused_and_the_draft_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    std::fs::write(&draft, Seed::S001.source()).unwrap();
    let broken = "(\n  format_version: 1,\n  comments: [(id: \"x\")],\n)";
    std::fs::write(review::path_for(&draft), broken).unwrap();
    let doc = store::load(&draft).unwrap();
    let mut h = harness(App::new(doc.clone(), Some(draft.clone()), true));
    h.run();
    // Said in a dialog, and in the panel for as long as the file stays broken.
    assert_eq!(h.query_all_by_label_contains("d.review.ron 第 3 行").count(), 2);
    assert_eq!(h.state().doc(), &doc);
    h.get_by_label("确定").click();
    h.run();
    // Nothing may be added while the file is broken, and it is not overwritten.
    h.state_mut().queue(Command::Notes(budget_disclosure::ui::shell::comments::NotesAction::Add {
        text: "x".into(),
        excerpt: String::new(),
    }));
    h.run();
    assert_eq!(std::fs::read_to_string(review::path_for(&draft)).unwrap(), broken);
    assert!(h.state().review_notes().comments.is_empty(), "refused, not kept unsaved");
}

#[test]
fn no_change_needs_a_reason_and_can_be_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    std::fs::write(&draft, Seed::S001.source()).unwrap();
    let mut h = harness(App::new(store::load(&draft).unwrap(), Some(draft.clone()), true));
    h.run();
    let finding = h.state().findings()[0].clone();
    h.state_mut().queue(Command::JumpTo(finding.location.clone()));
    h.run();
    assert!(h.get_by_label("无需修改").accesskit_node().is_disabled(), "a reason is needed first");
    type_into(&mut h, "理由", "与批复预算一致");
    h.get_by_label("无需修改").click();
    h.run();
    let saved = review::load_for(&draft).unwrap();
    assert_eq!(saved.settled[0].verdict, Verdict::NoChange { reason: "与批复预算一致".into() });
    assert!(h.query_by_label_contains("已定为：无需修改（与批复预算一致）").is_some());
    h.get_by_label("撤销").click();
    h.run();
    assert!(review::load_for(&draft).unwrap().settled.is_empty());
    assert_eq!(std::fs::read(&draft).unwrap(), Seed::S001.source().as_bytes());
}

#[test]
fn a_comment_can_quote_the_words_it_is_about() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    std::fs::write(&draft, Seed::S000.source()).unwrap();
    let doc = store::load(&draft).unwrap();
    let words: String = doc.other_matters.chars().take(4).collect();
    let mut h = harness(App::new(doc, Some(draft.clone()), true));
    h.run();
    h.state_mut().queue(Command::JumpTo(Location::field(Section::OtherMatters, "text")));
    h.run();
    type_into(&mut h, "新批注", "措辞不妥");
    type_into(&mut h, "摘引原文", "草稿里没有的话");
    h.get_by_label("添加批注").click();
    h.run();
    assert!(h.state().review_notes().comments.is_empty(), "words not in the field are refused");
    assert!(h.query_by_label_contains("不在第九部分 其他需说明的事项 正文的文字中").is_some());
    h.get_by_label("确定").click();
    h.run();
    // The typed texts stay after a refusal; the excerpt is corrected.
    h.get_by_label("摘引原文").set_text_value_accesskit(&words);
    h.run();
    h.get_by_label("添加批注").click();
    h.run();
    let saved = review::load_for(&draft).unwrap();
    assert_eq!((saved.comments[0].excerpt.as_str(), saved.comments[0].text.as_str()), (words.as_str(), "措辞不妥"));
    assert!(h.query_by_label_contains(&format!("摘引：「{words}」")).is_some());
}

#[test]
fn a_review_file_that_cannot_be_written_keeps_nothing_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    std::fs::write(&draft, Seed::S000.source()).unwrap();
    let mut h = harness(App::new(store::load(&draft).unwrap(), Some(draft.clone()), true));
    h.run();
    // Then a folder appears where the review file should go: it cannot be written.
    std::fs::create_dir(review::path_for(&draft)).unwrap();
    type_into(&mut h, "新批注", "写不进去的批注");
    h.get_by_label("添加批注").click();
    h.run();
    assert!(h.query_by_label_contains("批注未保存").is_some());
    assert!(h.query_by_label_contains("d.review.ron").is_some(), "the failure names the file");
    assert!(h.state().review_notes().comments.is_empty(), "not shown as if saved");
    h.get_by_label("确定").click();
    h.run();
    let typed = h.get_by_label("新批注").accesskit_node().value().unwrap_or_default();
    assert_eq!(typed, "写不进去的批注", "the typed text is kept to try again");
    assert_eq!(std::fs::read(&draft).unwrap(), Seed::S000.source().as_bytes());
}

#[test]
fn the_findings_panel_counts_the_comments_and_opens_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let (draft, doc) = common::draft_with_a_comment(dir.path());
    let mut h = harness(App::new(doc, Some(draft), false));
    h.run();
    assert!(h.query_by_label_contains("批注：待处理 1，已处理 0").is_some());
    h.get_by_label("隐藏批注").click();
    h.run();
    assert!(h.query_by_label_contains("请补充说明").is_none());
    h.get_by_label("显示批注").click();
    h.run();
    assert!(h.query_by_label_contains("请补充说明").is_some());
}
