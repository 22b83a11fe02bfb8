//! Matching the rows of two versions of a list by identity, not by position.
//!
//! Rows are matched by their identity keys (a project's code, then its name; a line's
//! code, then its name…), in passes: first key first, later keys only among the rows
//! still unmatched. Equal keys pair in order (the second "办公费" with the second). Of
//! the matched rows, those outside the longest run kept in the same order are the ones
//! that moved, so moving one project up is one move, not a change to every row between.

use std::collections::{HashMap, VecDeque};

/// How the rows of the old list relate to those of the new one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// (old index, new index) of the same row, in new order.
    pub pairs: Vec<(usize, usize)>,
    /// Old rows with no counterpart.
    pub removed: Vec<usize>,
    /// New rows with no counterpart.
    pub added: Vec<usize>,
    /// The pairs (as in `pairs`) whose row changed its place among the others.
    pub moved: Vec<(usize, usize)>,
}

/// Matches `old` with `new` by `keys`, tried in order; an empty key never matches.
pub fn match_rows<T>(old: &[T], new: &[T], keys: &[&dyn Fn(&T) -> String]) -> Matching {
    let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut old_used = vec![false; old.len()];
    for key in keys {
        let mut waiting: HashMap<String, VecDeque<usize>> = HashMap::new();
        for (i, row) in old.iter().enumerate() {
            if !old_used[i] {
                let k = key(row);
                if !k.trim().is_empty() {
                    waiting.entry(k).or_default().push_back(i);
                }
            }
        }
        for (j, row) in new.iter().enumerate() {
            if old_of_new[j].is_some() {
                continue;
            }
            if let Some(i) = waiting.get_mut(&key(row)).and_then(|q| q.pop_front()) {
                old_of_new[j] = Some(i);
                old_used[i] = true;
            }
        }
    }
    let pairs: Vec<(usize, usize)> = old_of_new.iter().enumerate().filter_map(|(j, i)| i.map(|i| (i, j))).collect();
    let kept = longest_increasing(&pairs.iter().map(|(i, _)| *i).collect::<Vec<_>>());
    let moved = pairs.iter().enumerate().filter(|(p, _)| !kept.contains(p)).map(|(_, pair)| *pair).collect();
    Matching {
        removed: (0..old.len()).filter(|i| !old_used[*i]).collect(),
        added: (0..new.len()).filter(|j| old_of_new[*j].is_none()).collect(),
        pairs,
        moved,
    }
}

/// The positions in `seq` of one longest strictly increasing subsequence (sorted).
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    // tails[k]: position of the smallest tail of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; seq.len()];
    for (p, value) in seq.iter().enumerate() {
        let at = tails.partition_point(|&t| seq[t] < *value);
        previous[p] = if at > 0 { Some(tails[at - 1]) } else { None };
        if at == tails.len() {
            tails.push(p);
        } else {
            tails[at] = p;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(p) = at {
        run.push(p);
        at = previous[p];
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_name(s: &&str) -> String {
        s.to_string()
    }

    #[test]
    fn one_row_moved_up_is_one_move() {
        let old = ["a", "b", "c", "d", "e"];
        let new = ["d", "a", "b", "c", "e"];
        let m = match_rows(&old, &new, &[&by_name]);
        assert_eq!(m.moved, [(3, 0)]);
        assert!(m.added.is_empty() && m.removed.is_empty());
    }

    #[test]
    fn equal_keys_pair_in_order_and_the_rest_are_added_or_removed() {
        let old = ["办公费", "x", "办公费"];
        let new = ["办公费", "y", "办公费", "办公费"];
        let m = match_rows(&old, &new, &[&by_name]);
        assert_eq!(m.pairs, [(0, 0), (2, 2)]);
        assert_eq!((m.removed, m.added), (vec![1], vec![1, 3]));
        assert!(m.moved.is_empty());
    }

    #[test]
    fn a_second_key_matches_what_the_first_did_not() {
        let code = |s: &(&str, &str)| s.0.to_string();
        let name = |s: &(&str, &str)| s.1.to_string();
        let old = [("001", "甲"), ("", "乙")];
        let new = [("", "乙"), ("009", "甲")];
        let m = match_rows(&old, &new, &[&code, &name]);
        assert_eq!(m.pairs, [(1, 0), (0, 1)]);
        assert_eq!(m.moved.len(), 1);
    }

    #[test]
    fn longest_run_is_found() {
        assert_eq!(longest_increasing(&[3, 0, 1, 2, 4]), [1, 2, 3, 4]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }
}
