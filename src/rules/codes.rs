//! Classification codes of the line items (R-COD) and the 人员/公用 split of 经济分类
//! lines (R-ECO).
//!
//! Codes are looked up in the lists of `model::codes` (the list in force for the
//! budget year). A code missing from our list is only a 警告: the lists shipped are
//! the common subset a township or district department uses, not the whole catalogue.

use std::collections::HashMap;

use super::{Finding, Location, Section, Severity};
use crate::model::{Disclosure, codes, format_amount_plain};

pub(super) fn check(doc: &Disclosure, out: &mut Vec<Finding>) {
    let year = doc.header.year;
    let lines = &doc.budget.function_lines;
    let codes_of: Vec<&str> = lines.iter().map(|l| l.code.trim()).collect();
    check_list(
        &codes_of,
        &[3, 5, 7],
        Section::FunctionLines,
        &|c| codes::function_name(year, c),
        &format!("{year}年支出功能分类科目"),
        ["R-COD-001", "R-COD-002", "R-COD-003", "R-COD-004"],
        out,
    );
    for (i, line) in lines.iter().enumerate() {
        name_matches(
            line.code.trim(),
            &line.name,
            codes::function_name(year, line.code.trim()),
            Section::FunctionLines,
            i,
            out,
        );
    }

    let eco = &doc.budget.economic_lines;
    let eco_codes: Vec<&str> = eco.iter().map(|l| l.code.trim()).collect();
    check_list(
        &eco_codes,
        &[3, 5],
        Section::EconomicLines,
        &codes::economic_name,
        "部门预算支出经济分类科目",
        ["R-COD-005", "R-COD-006", "R-COD-007", "R-COD-008"],
        out,
    );
    for (i, line) in eco.iter().enumerate() {
        let code = line.code.trim();
        name_matches(code, &line.name, codes::economic_name(code), Section::EconomicLines, i, out);
        if !well_formed(code, &[3, 5]) {
            continue;
        }
        let personnel_code = code.starts_with("301") || code.starts_with("303");
        let public_code = code.starts_with("302") || code.starts_with("310");
        if !line.personnel.is_zero() && !personnel_code {
            out.push(Finding::new(
                "R-ECO-001",
                Severity::Warning,
                Location::cell(Section::EconomicLines, i, "personnel"),
                format!(
                    "科目 {code} {} 填了人员经费 {}；人员经费只应出现在 301 工资福利支出和 303 对个人和家庭的补助下，请把金额移到公用经费列或核对科目",
                    line.name.trim(),
                    format_amount_plain(line.personnel)
                ),
            ));
        }
        if !line.public.is_zero() && !public_code {
            out.push(Finding::new(
                "R-ECO-002",
                Severity::Warning,
                Location::cell(Section::EconomicLines, i, "public"),
                format!(
                    "科目 {code} {} 填了公用经费 {}；公用经费通常只出现在 302 商品和服务支出和 310 资本性支出下，请把金额移到人员经费列或核对科目",
                    line.name.trim(),
                    format_amount_plain(line.public)
                ),
            ));
        }
    }
}

/// True when `code` is all ASCII digits with one of the allowed lengths.
pub(super) fn well_formed(code: &str, lengths: &[usize]) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) && lengths.contains(&code.len())
}

/// Malformed, unknown, duplicate and parent-plus-child codes of one list of lines.
#[allow(clippy::too_many_arguments)]
fn check_list(
    codes_of: &[&str],
    lengths: &[usize],
    section: Section,
    lookup: &dyn Fn(&str) -> Option<&'static str>,
    list_name: &str,
    ids: [&'static str; 4],
    out: &mut Vec<Finding>,
) {
    let [malformed, unknown, duplicate, nested] = ids;
    let digits = lengths.iter().map(|l| l.to_string()).collect::<Vec<_>>().join("、");
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(codes_of.len());
    for (i, code) in codes_of.iter().copied().enumerate() {
        let loc = Location::cell(section, i, "code");
        if code.is_empty() {
            out.push(Finding::new(malformed, Severity::Error, loc, "科目编码为空；请填写科目编码"));
            continue;
        }
        if !well_formed(code, lengths) {
            out.push(Finding::new(
                malformed,
                Severity::Error,
                loc,
                format!("科目编码“{code}”格式不对：应为 {digits} 位数字；请按预算系统导出的编码填写"),
            ));
            continue;
        }
        if let Some(first) = seen.get(code) {
            out.push(Finding::new(
                duplicate,
                Severity::Error,
                loc,
                format!("科目编码 {code} 与第 {} 行重复；同一科目只能填一行，请合并金额后删除重复行", first + 1),
            ));
            continue;
        }
        seen.insert(code, i);
        if lookup(code).is_none() {
            out.push(Finding::new(
                unknown,
                Severity::Warning,
                loc,
                format!("科目编码 {code} 不在{list_name}中；请核对编码是否录错（编码列表可在科目选择框中查看）"),
            ));
        }
    }
    // A typed parent next to its own child counts the money twice.
    let mut reported: Vec<usize> = Vec::new();
    for (i, code) in codes_of.iter().copied().enumerate() {
        if !well_formed(code, lengths) || seen.get(code) != Some(&i) {
            continue;
        }
        for len in lengths.iter().copied().filter(|l| *l < code.len()) {
            if let Some(p) = seen.get(&code[..len]) {
                if reported.contains(p) {
                    continue;
                }
                reported.push(*p);
                out.push(Finding::new(
                    nested,
                    Severity::Error,
                    Location::cell(section, *p, "code"),
                    format!(
                        "第 {} 行的科目 {} 是第 {} 行科目 {code} 的上级科目；上级科目由下级汇总得出，同时填写会重复计算，请删除上级科目行",
                        p + 1,
                        &code[..len],
                        i + 1
                    ),
                ));
            }
        }
    }
}

/// R-COD-009: the typed name differs from the list's name for the code.
fn name_matches(code: &str, name: &str, official: Option<&str>, section: Section, row: usize, out: &mut Vec<Finding>) {
    let Some(official) = official else { return };
    let typed: String = name.chars().filter(|c| !c.is_whitespace()).map(fold_paren).collect();
    let listed: String = official.chars().map(fold_paren).collect();
    if typed.is_empty() || typed == listed {
        return;
    }
    out.push(Finding::new(
        "R-COD-009",
        Severity::Notice,
        Location::cell(section, row, "name"),
        format!("科目 {code} 的名称“{}”与科目表中的“{official}”不同；请核对名称或编码", name.trim()),
    ));
}

fn fold_paren(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EconomicLine, FunctionLine};
    use crate::rules::tests::{d, ids, run};

    fn f(code: &str, name: &str) -> FunctionLine {
        FunctionLine { code: code.into(), name: name.into(), ..FunctionLine::default() }
    }

    fn e(code: &str, name: &str, personnel: &str, public: &str) -> EconomicLine {
        EconomicLine { code: code.into(), name: name.into(), personnel: d(personnel), public: d(public) }
    }

    fn doc(lines: Vec<FunctionLine>, eco: Vec<EconomicLine>) -> Disclosure {
        let mut doc = Disclosure::new("测试部门", 2024, "hebei-2024-tables");
        doc.budget.function_lines = lines;
        doc.budget.economic_lines = eco;
        doc
    }

    #[test]
    fn known_codes_pass() {
        let d = doc(
            vec![f("2010301", "行政运行"), f("2080505", "机关事业单位基本养老保险缴费支出")],
            vec![e("30101", "基本工资", "141.29", "0"), e("30231", "公务用车运行维护费", "0", "4.86")],
        );
        assert!(run(&d, check).is_empty());
    }

    #[test]
    fn function_code_problems() {
        let d = doc(
            vec![
                f("201a301", "行政运行"),
                f("2019998", "某事务"),
                f("2010301", "行政运行"),
                f("2010301", "行政运行"),
                f("20103", "政府办公厅（室）及相关机构事务"),
                f("", "无编码"),
            ],
            vec![],
        );
        let got: Vec<_> = run(&d, check).iter().map(|f| (f.rule, f.location.row)).collect();
        assert_eq!(
            got,
            [
                ("R-COD-001", Some(0)),
                ("R-COD-002", Some(1)),
                ("R-COD-003", Some(3)),
                ("R-COD-004", Some(4)),
                ("R-COD-001", Some(5)),
            ]
        );
    }

    #[test]
    fn economic_code_problems_and_columns() {
        let d = doc(
            vec![],
            vec![
                e("3010", "基本工资", "1", "0"),
                e("30201", "办公费", "2", "0"),
                e("30101", "基本工资", "0", "3"),
                e("30101", "基本工资", "1", "0"),
                e("30199", "其他工资", "1", "0"),
            ],
        );
        let got: Vec<_> = run(&d, check).iter().map(|f| (f.rule, f.location.row)).collect();
        assert_eq!(
            got,
            [
                ("R-COD-005", Some(0)),
                ("R-ECO-001", Some(1)),
                ("R-ECO-002", Some(2)),
                ("R-COD-007", Some(3)),
                ("R-COD-009", Some(4)),
            ]
        );
        assert_eq!(ids(&run(&doc(vec![f("2010301", "行政运行 ")], vec![]), check)), Vec::<&str>::new());
    }

    #[test]
    fn economic_unknown_and_nested() {
        let d = doc(
            vec![],
            vec![e("30198", "自定义", "1", "0"), e("302", "商品和服务支出", "0", "1"), e("30201", "办公费", "0", "1")],
        );
        let got: Vec<_> = run(&d, check).iter().map(|f| (f.rule, f.location.row)).collect();
        assert_eq!(got, [("R-COD-006", Some(0)), ("R-COD-008", Some(1))]);
    }
}
