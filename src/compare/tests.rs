use super::*;
use crate::model::Project;
use crate::samples::{self, Seed};

fn kinds(c: &Comparison) -> Vec<(&str, Location, String)> {
    c.changes.iter().map(|ch| (ch.kind.key(), ch.location.clone(), ch.subject.clone())).collect()
}

#[test]
fn identical_drafts_give_no_change() {
    for seed in Seed::ALL {
        let doc = samples::load(seed);
        let c = compare(&doc, &doc.clone());
        assert!(c.is_empty(), "{}: {:?}", seed.file_name(), c.changes);
    }
}

#[test]
fn seed_edits_give_exactly_the_expected_changes() {
    let old = samples::load(Seed::S000);
    let mut new = old.clone();
    new.three_public.reception.this_year = Decimal::new(125, 2);
    let dropped = new.performance.projects[0].indicators.remove(0);
    new.performance.projects.push(Project {
        code: "2020999".into(),
        name: "新增测试项目".into(),
        ..Project::default()
    });
    new.other_matters = old.other_matters.replacen('我', "本", 1);
    assert_ne!(new.other_matters, old.other_matters, "the seed's part 9 starts with 我");

    let c = compare(&old, &new);
    let first = project_subject(&old.performance.projects[0]);
    let added_row = new.performance.projects.len() - 1;
    assert_eq!(
        kinds(&c),
        [
            ("amount", Location::cell(Section::ThreePublic, 3, "this_year"), "公务接待费".to_owned()),
            ("removed", Location::row(Section::Projects, 0), format!("{first} 指标 {}", dropped.level3)),
            ("added", Location::row(Section::Projects, added_row), "项目 2020999 新增测试项目".to_owned()),
            ("text", Location::field(Section::OtherMatters, "text"), String::new()),
        ]
    );
    assert_eq!(c.changes[0].kind.difference(), Some(Decimal::new(125, 2)));
    assert_eq!(
        c.changes[0].to_string(),
        "[金额] 第四部分 “三公”经费 第4行 本年预算（公务接待费）：0.00 → 1.25（+1.25）"
    );
    let ChangeKind::Text { marks, .. } = &c.changes[3].kind else { panic!("a text change") };
    let changed: Vec<(MarkTag, &str)> =
        marks.iter().filter(|m| m.tag != MarkTag::Same).map(|m| (m.tag, m.text.as_str())).collect();
    assert_eq!(changed, [(MarkTag::Removed, "我"), (MarkTag::Inserted, "本")]);
    assert!(c.changes[3].to_string().contains("[-我-]{+本+}"), "{}", c.changes[3]);
}

#[test]
fn reordered_projects_are_moves_not_deletes_and_adds() {
    let old = samples::load(Seed::S000);
    let n = old.performance.projects.len();
    assert!(n >= 3);
    let mut new = old.clone();
    let last = new.performance.projects.pop().unwrap();
    new.performance.projects.insert(0, last);
    let c = compare(&old, &new);
    assert_eq!(c.changes.len(), 1, "{:?}", c.changes);
    assert_eq!(c.changes[0].kind, ChangeKind::Moved { from: n, to: 1 });
    assert_eq!(c.changes[0].location, Location::row(Section::Projects, 0));
    assert!(c.findings_appeared.is_empty() && c.findings_disappeared.is_empty(), "findings follow the rows");

    let mut reversed = old.clone();
    reversed.performance.projects.reverse();
    let c = compare(&old, &reversed);
    assert_eq!(c.changes.len(), n - 1);
    assert!(c.changes.iter().all(|ch| matches!(ch.kind, ChangeKind::Moved { .. })));
}

#[test]
fn an_inserted_paragraph_is_one_addition() {
    let old = samples::load(Seed::S000);
    let mut new = old.clone();
    new.duties.items.insert(1, "负责新增的职责。".into());
    let c = compare(&old, &new);
    assert_eq!(kinds(&c), [("added", Location::cell(Section::Duties, 1, "item"), "职责第2条".to_owned())]);
    let c = compare(&new, &old);
    assert_eq!(kinds(&c), [("removed", Location::section(Section::Duties), "原职责第2条".to_owned())]);
}

#[test]
fn a_line_matched_by_code_reports_its_amounts() {
    let old = samples::load(Seed::S001);
    let mut new = old.clone();
    let lines = &mut new.budget.function_lines;
    assert!(lines.len() >= 2);
    lines.swap(0, 1);
    lines[0].basic += Decimal::ONE;
    let c = compare(&old, &new);
    let amounts: Vec<&Change> = c.changes.iter().filter(|ch| ch.kind.key() == "amount").collect();
    assert_eq!(amounts.len(), 1, "{:?}", c.changes);
    assert_eq!(amounts[0].location, Location::cell(Section::FunctionLines, 0, "basic"));
    assert_eq!(amounts[0].kind.difference(), Some(Decimal::ONE));
    assert_eq!(c.changes.iter().filter(|ch| ch.kind.key() == "moved").count(), 1);
    // The line no longer adds up with its income: a finding appears; undoing it makes it disappear.
    assert!(!c.findings_appeared.is_empty());
    let back = compare(&new, &old);
    assert_eq!(back.findings_disappeared, c.findings_appeared);
}

#[test]
fn marked_text_shortens_long_unchanged_runs() {
    assert_eq!(marked_text(&mark_text("本年预算数为100万元", "本年预算数为120万元")), "本年预算数为1[-0-]{+2+}0万元");
    let long = "长".repeat(40);
    let shown = marked_text(&mark_text(&format!("{long}甲{long}"), &format!("{long}乙{long}")));
    assert_eq!(shown, format!("…{}[-甲-]{{+乙+}}{}…", "长".repeat(12), "长".repeat(12)));
}

mod reorder {
    use proptest::prelude::*;

    use super::*;

    /// How many rows of `order` lie outside its longest increasing run.
    fn out_of_order(order: &[usize]) -> usize {
        let mut tails: Vec<usize> = Vec::new();
        for &v in order {
            let at = tails.partition_point(|&t| t < v);
            if at == tails.len() { tails.push(v) } else { tails[at] = v }
        }
        order.len() - tails.len()
    }

    /// A permutation of `0..n` drawn from `seed` (Fisher–Yates with a small LCG).
    fn permutation(n: usize, seed: u64) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        order
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any reordering of the projects reads as moves only, as few as the longest
        /// run kept in order allows.
        #[test]
        fn any_reordering_of_projects_is_only_moves(seed in any::<u64>()) {
            let old = samples::load(Seed::S000);
            let order = permutation(old.performance.projects.len(), seed);
            let mut new = old.clone();
            new.performance.projects = order.iter().map(|&i| old.performance.projects[i].clone()).collect();
            let c = compare(&old, &new);
            prop_assert!(c.changes.iter().all(|ch| matches!(ch.kind, ChangeKind::Moved { .. })), "{:?}", c.changes);
            prop_assert_eq!(c.changes.len(), out_of_order(&order));
        }

        /// The same for the 功能分类 lines of seed 001.
        #[test]
        fn any_reordering_of_lines_is_only_moves(seed in any::<u64>()) {
            let old = samples::load(Seed::S001);
            let n = old.budget.function_lines.len();
            prop_assume!(n >= 2);
            let order = permutation(n, seed);
            let mut new = old.clone();
            new.budget.function_lines = order.iter().map(|&i| old.budget.function_lines[i].clone()).collect();
            let c = compare(&old, &new);
            prop_assert!(c.changes.iter().all(|ch| matches!(ch.kind, ChangeKind::Moved { .. })), "{:?}", c.changes);
            prop_assert_eq!(c.changes.len(), out_of_order(&order));
        }
    }
}
