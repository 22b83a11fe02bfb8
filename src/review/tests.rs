use proptest::prelude::*;

use super::*;
use crate::model::Project;
use crate::rules::{self, Section};
use crate::samples::{self, Seed};

/// An edit of a list by the officer, positions taken modulo the list's length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize),
    Delete(usize),
    Move(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            any::<usize>().prop_map(Edit::Insert),
            any::<usize>().prop_map(Edit::Delete),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Move(a, b)),
        ],
        0..12,
    )
}

/// Applies `edits` to `list` (never deleting the row at `*target`), keeping `*target`
/// on the same row; `fresh(n)` makes the n-th inserted row.
fn apply<T>(list: &mut Vec<T>, target: &mut usize, edits: &[Edit], fresh: impl Fn(usize) -> T) {
    for (n, edit) in edits.iter().enumerate() {
        match *edit {
            Edit::Insert(at) => {
                let at = at % (list.len() + 1);
                list.insert(at, fresh(n));
                if at <= *target {
                    *target += 1;
                }
            }
            Edit::Delete(at) => {
                let at = at % list.len();
                if at != *target {
                    list.remove(at);
                    if at < *target {
                        *target -= 1;
                    }
                }
            }
            Edit::Move(from, to) => {
                let from = from % list.len();
                let row = list.remove(from);
                let to = to % (list.len() + 1);
                list.insert(to, row);
                if *target == from {
                    *target = to;
                } else {
                    let mut t = *target;
                    if from < t {
                        t -= 1;
                    }
                    if to <= t {
                        t += 1;
                    }
                    *target = t;
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn indicator_anchors_survive_edits_of_the_projects(
        project in 0usize..9, indicator in 0usize..3, field in 0usize..6, edits in edits()
    ) {
        let mut doc = samples::load(Seed::S000);
        let fields = ["level1", "level2", "level3", "description", "value", "basis"];
        let project = project % doc.performance.projects.len();
        let indicator = indicator % doc.performance.projects[project].indicators.len();
        let at = Location::sub(Section::Projects, project, indicator, fields[field]);
        let anchor = Anchor::at(&doc, &at);
        let mut target = project;
        apply(&mut doc.performance.projects, &mut target, &edits, |n| Project {
            code: format!("NEW-{n}"),
            name: format!("新增项目{n}"),
            ..Project::default()
        });
        prop_assert_eq!(anchor.resolve(&doc), Some(Location::sub(Section::Projects, target, indicator, fields[field])));
    }

    #[test]
    fn paragraph_anchors_survive_edits_of_the_duties(item in 0usize..20, edits in edits()) {
        let mut doc = samples::load(Seed::S000);
        let item = item % doc.duties.items.len();
        let anchor = Anchor::at(&doc, &Location::cell(Section::Duties, item, "item"));
        let mut target = item;
        apply(&mut doc.duties.items, &mut target, &edits, |n| format!("新增的第{n}项职责，内容与其他各项都不相同。"));
        prop_assert_eq!(anchor.resolve(&doc), Some(Location::cell(Section::Duties, target, "item")));
    }

    #[test]
    fn line_anchors_survive_edits_of_the_lines(line in 0usize..40, edits in edits()) {
        let mut doc = samples::load(Seed::S001);
        let line = line % doc.budget.function_lines.len();
        let anchor = Anchor::at(&doc, &Location::cell(Section::FunctionLines, line, "basic"));
        let mut target = line;
        apply(&mut doc.budget.function_lines, &mut target, &edits, |n| crate::model::FunctionLine {
            code: format!("29999{n:02}"),
            name: format!("新增科目{n}"),
            ..Default::default()
        });
        prop_assert_eq!(anchor.resolve(&doc), Some(Location::cell(Section::FunctionLines, target, "basic")));
    }
}

#[test]
fn the_edit_helper_tracks_the_target() {
    let mut list: Vec<u32> = (0..6).collect();
    let mut target = 2;
    apply(&mut list, &mut target, &[Edit::Move(5, 0), Edit::Delete(0), Edit::Insert(0), Edit::Move(3, 5)], |n| {
        100 + n as u32
    });
    assert_eq!(list[target], 2, "{list:?}");
    for seed in 0..200usize {
        let mut list: Vec<usize> = (0..7).collect();
        let mut target = seed % 7;
        let want = list[target];
        let edits: Vec<Edit> = (0..10)
            .map(|k| match (seed + k) % 3 {
                0 => Edit::Insert(seed * 7 + k),
                1 => Edit::Delete(seed * 3 + k * 5),
                _ => Edit::Move(seed + k * 11, seed * 13 + k),
            })
            .collect();
        apply(&mut list, &mut target, &edits, |n| 1000 + n);
        assert_eq!(list[target], want, "seed {seed}: {list:?}");
    }
}

#[test]
fn a_deleted_target_is_reported_with_its_quote() {
    let mut doc = samples::load(Seed::S000);
    let mut review = Review::default();
    let at = Location::cell(Section::Projects, 1, "purpose");
    let id = review.add_comment(&doc, &at, "县财政局 李审", "资金用途写得太笼统", "2026-03-01 09:00".into());
    let comment = review.comments.iter().find(|c| c.id == id).unwrap();
    assert_eq!(comment.target(&doc), Target::At(at));
    let removed = doc.performance.projects.remove(1);
    assert!(comment.anchor.quote.contains(&removed.name), "{}", comment.anchor.quote);
    assert!(comment.anchor.quote.contains(&removed.purpose), "{}", comment.anchor.quote);
    assert_eq!(comment.target(&doc), Target::Deleted);
}

#[test]
fn a_reworded_paragraph_keeps_its_comment() {
    let mut doc = samples::load(Seed::S000);
    let anchor = Anchor::at(&doc, &Location::cell(Section::Duties, 2, "item"));
    doc.duties.items.insert(0, "新增的一条职责。".into());
    doc.duties.items[3].push_str("（已修订）");
    assert_eq!(anchor.resolve(&doc), Some(Location::cell(Section::Duties, 3, "item")));
}

fn sample_review(doc: &Disclosure) -> Review {
    let mut review = Review::default();
    let id = review.add_comment(
        doc,
        &Location::cell(Section::ThreePublic, 3, "this_year"),
        "李审",
        "接待费为何为零？",
        "2026-03-01 09:00".into(),
    );
    let c = review.comment_mut(id).unwrap();
    c.replies.push(Reply {
        author: "王会计".into(), time: "2026-03-02 10:30".into(), text: "本年无接待安排。".into()
    });
    c.status = CommentStatus::Done;
    review.add_comment(
        doc,
        &Location::field(Section::OtherMatters, "text"),
        "李审",
        "请补充说明",
        "2026-03-01 09:05".into(),
    );
    let findings = rules::validate(doc);
    review.settle(
        doc,
        &findings[0],
        Verdict::NoChange { reason: "与批复预算一致".into() },
        "李审",
        "2026-03-01 09:10".into(),
    );
    review
}

#[test]
fn a_review_file_round_trips() {
    let doc = samples::load(Seed::S000);
    let review = sample_review(&doc);
    let text = to_string(&review).unwrap();
    assert_eq!(from_str(&text, "x.review.ron").unwrap(), review);
    assert_eq!(review.next_id, 3);
}

#[test]
fn a_corrupt_review_file_is_refused_with_its_place_and_the_draft_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("城区办.ron");
    std::fs::write(&draft, Seed::S000.source()).unwrap();
    assert_eq!(path_for(&draft), dir.path().join("城区办.review.ron"));
    std::fs::write(path_for(&draft), "(\n  format_version: 1,\n  comments: [(id: \"x\")],\n)").unwrap();
    let e = load_for(&draft).unwrap_err();
    let message = e.to_string();
    assert!(matches!(e, ReviewLoadError::Parse { line: 3, .. }), "{message}");
    assert!(message.contains("城区办.review.ron") && message.contains("第 3 行"), "{message}");
    assert!(store::load(&draft).is_ok());
    std::fs::write(path_for(&draft), "(format_version: 7)").unwrap();
    assert!(matches!(load_for(&draft), Err(ReviewLoadError::TooNew { found: 7, .. })));
}

#[test]
fn saving_a_review_leaves_the_draft_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    std::fs::write(&draft, Seed::S000.source()).unwrap();
    assert_eq!(load_for(&draft).unwrap(), Review::default(), "no review file yet: an empty review");
    let doc = store::load(&draft).unwrap();
    let review = sample_review(&doc);
    save_for(&draft, &review).unwrap();
    save_for(&draft, &review).unwrap();
    assert_eq!(std::fs::read(&draft).unwrap(), Seed::S000.source().as_bytes());
    assert_eq!(load_for(&draft).unwrap(), review);
}

#[test]
fn a_settled_finding_comes_back_when_its_figures_change() {
    let mut doc = samples::load(Seed::S000);
    let findings = rules::validate(&doc);
    let finding = findings.iter().find(|f| f.rule == "R-RUN-001").expect("seed 000's 机关运行经费 does not add up");
    let mut review = Review::default();
    review.settle(&doc, finding, Verdict::MustFix, "李审", "2026-03-01 09:00".into());
    assert!(review.settlement_of(&doc, finding).is_some());
    // Unrelated edits (a project inserted before) keep it settled.
    doc.performance.projects.insert(0, Project { code: "NEW".into(), ..Project::default() });
    let again = rules::validate(&doc);
    let same = again.iter().find(|f| f.rule == "R-RUN-001").unwrap();
    assert!(review.settlement_of(&doc, same).is_some());
    // Other figures: the finding is back.
    doc.running_costs.items[0].amount += rust_decimal::Decimal::new(3, 0);
    let changed = rules::validate(&doc);
    let back = changed.iter().find(|f| f.rule == "R-RUN-001").unwrap();
    assert!(review.settlement_of(&doc, back).is_none(), "{}", back.message);
}

#[test]
fn times_are_written_in_utc() {
    assert_eq!(utc_text(0), "1970-01-01 00:00");
    assert_eq!(utc_text(1_772_355_600), "2026-03-01 09:00");
    assert_eq!(utc_text(951_782_400), "2000-02-29 00:00");
}

#[test]
fn the_report_counts_first_then_lists_each_part() {
    let mut doc = samples::load(Seed::S000);
    let review = sample_review(&doc);
    let findings = rules::validate(&doc);
    let text = crate::export::text::render(&report::build(&doc, &findings, &review));
    let overview = text.find("概况").expect("the summary comes first");
    let part4 = text.find("第四部分").expect("part 4 has a comment");
    assert!(overview < part4);
    assert!(text.contains("无需修改"), "{text}");
    assert!(text.contains("接待费为何为零？") && text.contains("本年无接待安排。"), "{text}");
    assert!(text.contains("批注 1 [已处理]"), "{text}");
    // A comment whose target is gone is still in the report, with its quote.
    let mut review = review;
    review.add_comment(
        &doc,
        &Location::cell(Section::Projects, 0, "name"),
        "李审",
        "名称不规范",
        "2026-03-01 09:20".into(),
    );
    let name = doc.performance.projects.remove(0).name;
    let findings = rules::validate(&doc);
    let text = crate::export::text::render(&report::build(&doc, &findings, &review));
    assert!(text.contains("目标已删除") && text.contains(&name), "{text}");
    let pdf = crate::export::pdf::render(&report::build(&doc, &findings, &review), &Default::default()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn a_comment_on_words_checks_them_and_notices_when_they_change() {
    let mut doc = samples::load(Seed::S000);
    let mut review = Review::default();
    let at = Location::field(Section::OtherMatters, "text");
    let refused = review.add_excerpt_comment(&doc, &at, "不存在的文字", "李审", "？", "2026-03-01 09:00".into());
    assert!(refused.unwrap_err().contains("不存在的文字"));
    assert!(review.comments.is_empty());
    let words: String = doc.other_matters.chars().take(3).collect();
    let id = review.add_excerpt_comment(&doc, &at, &words, "李审", "措辞", "2026-03-01 09:00".into()).unwrap();
    let c = review.comments.iter().find(|c| c.id == id).unwrap();
    assert!(!c.excerpt_changed(&doc, &c.target(&doc)));
    doc.other_matters = format!("另起{}", doc.other_matters.chars().skip(1).collect::<String>());
    assert!(c.excerpt_changed(&doc, &c.target(&doc)), "the words are gone, the place is not");
    assert_eq!(c.target(&doc), Target::At(at));
}
