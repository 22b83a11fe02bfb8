//! Classification code lists (支出功能分类, 部门经济分类) as shipped in `assets/codes/`.
//!
//! The lists are data, one `code<TAB>name` per line, kept per year because names change
//! between years (医疗卫生与计划生育 → 卫生健康). They are compiled in so the program
//! needs no files at run time; a finance bureau updates them by editing the TSV files.

use std::collections::HashMap;
use std::sync::OnceLock;

/// 支出功能分类 lists by the first budget year they apply to.
const FUNCTION_LISTS: &[(i32, &str)] = &[
    (2020, include_str!("../../assets/codes/function-2020.tsv")),
    (2024, include_str!("../../assets/codes/function-2024.tsv")),
];

/// The 类 rows the published 收支总表 (tables 1 and 4) lists, by the first budget year
/// they apply to. Years before the first list print every 类 of the code list.
const TABLE_CLASS_LISTS: &[(i32, &str)] = &[(2024, include_str!("../../assets/codes/table-classes-2024.tsv"))];

/// 部门经济分类 (the same list for all supported years).
const ECONOMIC_LIST: &str = include_str!("../../assets/codes/economic.tsv");

type CodeMap = HashMap<&'static str, &'static str>;

fn parse(text: &'static str) -> CodeMap {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(c, n)| (c.trim(), n.trim()))
        .collect()
}

fn function_maps() -> &'static Vec<(i32, CodeMap)> {
    static MAPS: OnceLock<Vec<(i32, CodeMap)>> = OnceLock::new();
    MAPS.get_or_init(|| FUNCTION_LISTS.iter().map(|(y, t)| (*y, parse(t))).collect())
}

fn economic_map() -> &'static CodeMap {
    static MAP: OnceLock<CodeMap> = OnceLock::new();
    MAP.get_or_init(|| parse(ECONOMIC_LIST))
}

/// The 功能分类 list in force for `year` (the newest list not after it).
fn function_map(year: i32) -> &'static CodeMap {
    let maps = function_maps();
    maps.iter()
        .rev()
        .find(|(y, _)| *y <= year)
        .or_else(|| maps.first())
        .map(|(_, m)| m)
        .expect("at least one function code list is compiled in")
}

/// The name of 功能分类 `code` in `year`'s list.
pub fn function_name(year: i32, code: &str) -> Option<&'static str> {
    function_map(year).get(code.trim()).copied()
}

/// The name of 经济分类 `code`.
pub fn economic_name(code: &str) -> Option<&'static str> {
    economic_map().get(code.trim()).copied()
}

/// All 功能分类 codes of `year`'s list, sorted (for pickers).
pub fn function_codes(year: i32) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<_> = function_map(year).iter().map(|(c, n)| (*c, *n)).collect();
    v.sort();
    v
}

/// The 类 rows of the published 收支总表 for `year`, in print order: (code, name), the
/// code `None` for a row without one ("人行科目"). Rows without money are printed too.
pub fn table_classes(year: i32) -> Vec<(Option<&'static str>, &'static str)> {
    if let Some((_, text)) = TABLE_CLASS_LISTS.iter().rev().find(|(y, _)| *y <= year) {
        return text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(c, n)| (Some(c.trim()).filter(|c| *c != "-"), n.trim()))
            .collect();
    }
    function_codes(year).into_iter().filter(|(c, _)| c.len() == 3).map(|(c, n)| (Some(c), n)).collect()
}

/// All 经济分类 codes, sorted (for pickers).
pub fn economic_codes() -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<_> = economic_map().iter().map(|(c, n)| (*c, *n)).collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_by_year() {
        assert_eq!(function_name(2024, "201"), Some("一般公共服务支出"));
        assert_eq!(function_name(2024, "2210201"), Some("住房公积金"));
        assert_eq!(function_name(2020, "210"), Some("卫生健康支出"));
        assert_eq!(economic_name("30101"), Some("基本工资"));
        assert_eq!(function_name(2024, "999"), None);
    }

    #[test]
    fn the_published_class_rows_follow_the_year() {
        let rows = table_classes(2024);
        assert_eq!(rows.len(), 31);
        assert_eq!(rows[29], (Some("234"), "抗疫特别国债安排的支出"));
        assert_eq!(rows[30], (None, "人行科目"));
        // 2020 has no published list: every 类 of the code list.
        let old = table_classes(2020);
        assert!(old.iter().all(|(c, _)| c.is_some_and(|c| c.len() == 3)));
        assert!(!old.iter().any(|(_, n)| *n == "人行科目"));
    }
}
