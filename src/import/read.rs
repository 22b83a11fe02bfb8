//! Reading the body rows of a found table: codes, names and amounts, which rows are
//! lines (the leaves) and which are sums (类/款 parents, 合计), and checking the sums
//! against the lines.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::recognise::{Found, code_text, is_column_numbers_row, norm_text};
use super::text::{cell_address, normalise};
use super::vocabulary::{Role, SummaryKey, Vocabulary};
use super::workbook::{Sheet, Value, format_number};
use super::{ImportFinding, Skipped};
use crate::model::amount::{MAX_DECIMALS, MAX_INTEGER_DIGITS, in_range};
use crate::model::{AmountUnit, ThreePublicKind, format_amount, parse_amount, round_display};
use crate::rules::{Severity, SumCheck};

/// How to turn a cell into an amount of the draft.
#[derive(Debug, Clone, Copy)]
pub struct AmountReader {
    /// The unit `parse_amount` reads plain text in (the sheet's, as the draft knows it).
    pub text_unit: AmountUnit,
    /// Sheet unit → draft unit.
    pub factor: Decimal,
}

impl AmountReader {
    /// The amount of a cell in the draft's unit; blank, "-" and a full-width space are 0.
    /// Anything else unreadable is an error with the reason, never 0.
    pub fn read(&self, v: &Value) -> Result<Decimal, String> {
        let raw = match v {
            Value::Empty => return Ok(Decimal::ZERO),
            Value::Number(n) => {
                if !n.is_finite() {
                    return Err("数值无效".to_owned());
                }
                let d = Decimal::from_str(&format_number(*n)).map_err(|_| format!("数值 {n} 超出可处理的范围"))?;
                // A binary float carries noise beyond the 6th decimal (0.1 + 0.2).
                if d.scale() > 6 { d.round_dp(6) } else { d }
            }
            Value::Text(t) if t.trim().starts_with('#') && (t.trim().ends_with('!') || t.trim() == "#N/A") => {
                return Err(format!("单元格是错误值 {}（公式引用失效），请在 Excel/WPS 中修正后再导入", t.trim()));
            }
            Value::Text(t) => {
                let blank =
                    t.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '—' | '－' | '–' | '/' | '\u{3000}'));
                if blank {
                    return Ok(Decimal::ZERO);
                }
                parse_amount(t, self.text_unit).map_err(|e| e.to_string())?
            }
            Value::Error(e) => {
                return Err(format!("单元格是错误值 {e}（公式引用失效），请在 Excel/WPS 中修正后再导入"));
            }
            Value::Uncalculated(f) => {
                return Err(format!(
                    "公式 ={f} 没有保存计算结果，不能当作 0 读取；请在 Excel/WPS 中打开、重新计算并保存后再导入"
                ));
            }
        };
        if raw.is_sign_negative() && !raw.is_zero() {
            return Err(format!("金额 {raw} 是负数，草稿中的金额不能为负数"));
        }
        // Beyond 6 decimals only by converting a sub-分 元 figure to 万元.
        let value = raw.checked_mul(self.factor).map(|v| v.round_dp(MAX_DECIMALS).normalize());
        match value {
            Some(v) if in_range(v) => Ok(v),
            _ => Err(format!("金额 {raw} 超出可处理的范围（最多 {MAX_INTEGER_DIGITS} 位整数）")),
        }
    }
}

/// A row with a 科目编码 (or a 合计 row, with an empty code).
#[derive(Debug, Clone)]
pub struct Record {
    pub row: usize,
    pub code: String,
    pub name: String,
    /// (role, amount, column).
    pub amounts: Vec<(Role, Decimal, usize)>,
}

impl Record {
    pub fn get(&self, role: Role) -> Option<Decimal> {
        self.amounts.iter().find(|(r, ..)| *r == role).map(|(_, d, _)| *d)
    }
}

/// What a code table holds after reading.
#[derive(Debug, Default)]
pub struct CodeTable {
    /// The leaf rows: the lines to import, in order.
    pub lines: Vec<Record>,
    /// Parent (类/款) rows.
    pub parents: Vec<Record>,
    /// 合计 rows.
    pub totals: Vec<Record>,
    pub skipped: Vec<Skipped>,
    pub findings: Vec<ImportFinding>,
}

/// The leftmost non-empty cell's normalised text.
fn first_text(row: &[Value]) -> String {
    row.iter().find(|c| !c.is_empty()).map(norm_text).unwrap_or_default()
}

/// The display text of a cell: trimmed, inner letter-spacing kept.
fn display_text(v: &Value) -> String {
    v.text().trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').to_owned()
}

/// Reads a table with 科目编码 (tables 2, 3, 5–8). `lengths` are the valid code lengths.
pub fn read_code_table(sheet: &Sheet, f: &Found, v: &Vocabulary, reader: AmountReader, lengths: &[usize]) -> CodeTable {
    let mut out = CodeTable::default();
    let (mut class, mut section) = (String::new(), String::new());
    let amount_cols: Vec<(usize, Role)> = f.columns.iter().copied().filter(|(_, r)| r.is_amount()).collect();
    let mut records: Vec<Record> = Vec::new();
    for r in f.body.clone() {
        let Some(row) = sheet.rows.get(r) else { continue };
        if row.iter().all(Value::is_empty) || is_column_numbers_row(row) {
            continue;
        }
        let first = first_text(row);
        let at = |c: usize| cell_address(&sheet.name, r, c);
        let first_col = row.iter().position(|c| !c.is_empty()).unwrap_or(0);
        if v.is_note(&first) {
            out.skipped.push(Skipped { cell: at(first_col), reason: "说明行，不是数据".to_owned() });
            continue;
        }
        let name_cell = f.column(Role::Name).map(|c| sheet.cell(r, c)).unwrap_or(&Value::Empty);
        let mut name = display_text(name_cell);
        let (mut code, code_col) = if let Some(c) = f.column(Role::Code) {
            (code_text(sheet.cell(r, c), false), c)
        } else if !f.has(Role::CodeClass)
            && let Some(c) = f.column(Role::Name)
        {
            // No code column: the code leads the name ("2010301 行政运行").
            name.clear();
            (code_text(sheet.cell(r, c), false), c)
        } else {
            let part =
                |role: Role, pad: bool| f.column(role).map(|c| code_text(sheet.cell(r, c), pad)).unwrap_or_default();
            let (cls, sec, item) =
                (part(Role::CodeClass, false), part(Role::CodeSection, true), part(Role::CodeItem, true));
            let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            // A part left blank is the one of the rows above (类 printed on 类 rows only).
            if digits(&cls) {
                class = cls.clone();
                section.clear();
            }
            if digits(&sec) {
                section = sec.clone();
            }
            let code = if digits(&item) && !class.is_empty() && !section.is_empty() {
                format!("{class}{section}{item}")
            } else if digits(&sec) && !class.is_empty() && item.is_empty() {
                format!("{class}{section}")
            } else if digits(&cls) && sec.is_empty() && item.is_empty() {
                cls
            } else if !cls.is_empty() && !digits(&cls) {
                // "合计" or a label in the 类 column.
                cls
            } else {
                String::new()
            };
            (code, f.column(Role::CodeClass).unwrap_or(0))
        };
        let label = if name.is_empty() { first.clone() } else { normalise(&name) };
        if v.is_total_label(&normalise(&code)) || v.is_total_label(&label) || v.is_total_label(&first) {
            code.clear();
            if name.is_empty() {
                name = "合计".to_owned();
            }
        } else if !code.is_empty() && !code.chars().all(|c| c.is_ascii_digit()) {
            // "[2010301]行政运行" or "2010301 行政运行" in one cell.
            let digits: String = code.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest_is_name = code[digits.len()..].chars().next().is_some_and(|c| !c.is_ascii_alphanumeric());
            if digits.len() >= 3 && rest_is_name {
                if name.is_empty() {
                    // The name as written, punctuation kept: the cell after its code.
                    let raw = display_text(sheet.cell(r, code_col));
                    let after = raw.find(digits.as_str()).map(|i| &raw[i + digits.len()..]).unwrap_or(&raw);
                    name = after
                        .trim_start_matches(|c: char| c.is_whitespace() || "]】)）:：-－、.".contains(c))
                        .to_owned();
                }
                code = digits;
            }
        }
        let is_total = code.is_empty() && v.is_total_label(&label) || code.is_empty() && v.is_total_label(&first);
        if !is_total && (code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) || !lengths.contains(&code.len()))
        {
            let has_amount = amount_cols.iter().any(|(c, _)| !sheet.cell(r, *c).is_empty());
            let reason = if code.is_empty() {
                if has_amount {
                    "没有科目编码的行，未导入".to_owned()
                } else {
                    "不是数据行".to_owned()
                }
            } else {
                let lens: Vec<String> = lengths.iter().map(|l| l.to_string()).collect();
                format!("科目编码“{code}”不是 {} 位数字，未导入", lens.join("、"))
            };
            if has_amount {
                out.findings.push(ImportFinding::new(Severity::Warning, Some(at(code_col)), reason.clone()));
            }
            out.skipped.push(Skipped { cell: at(code_col), reason });
            continue;
        }
        let mut amounts = Vec::with_capacity(amount_cols.len());
        let mut bad = None;
        for (c, role) in &amount_cols {
            match reader.read(sheet.cell(r, *c)) {
                Ok(d) => amounts.push((*role, d, *c)),
                Err(reason) => {
                    bad = Some((at(*c), reason));
                    break;
                }
            }
        }
        if let Some((cell, reason)) = bad {
            let what = if is_total { "合计行".to_owned() } else { format!("科目 {code} {name}") };
            out.findings.push(ImportFinding::new(
                Severity::Error,
                Some(cell.clone()),
                format!("{what}未导入：{reason}"),
            ));
            out.skipped.push(Skipped { cell, reason });
            continue;
        }
        let record = Record { row: r, code, name, amounts };
        if is_total {
            out.totals.push(record);
        } else {
            records.push(record);
        }
    }
    // Leaves are lines; a code that prefixes a longer code is a parent.
    let mut prefixes: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for rec in &records {
        for len in [3, 5] {
            if rec.code.len() > len {
                prefixes.insert(&rec.code[..len]);
            }
        }
    }
    let is_parent: Vec<bool> = records.iter().map(|r| prefixes.contains(r.code.as_str())).collect();
    for (rec, parent) in records.into_iter().zip(is_parent) {
        if parent { out.parents.push(rec) } else { out.lines.push(rec) }
    }
    check_sums(sheet, &mut out, &amount_cols);
    out
}

/// Checks every parent and 合计 row against the lines below it.
fn check_sums(sheet: &Sheet, t: &mut CodeTable, amount_cols: &[(usize, Role)]) {
    let mut by_prefix: HashMap<&str, Vec<&Record>> = HashMap::new();
    for line in &t.lines {
        for len in [3, 5] {
            if line.code.len() > len {
                by_prefix.entry(&line.code[..len]).or_default().push(line);
            }
        }
    }
    let all: Vec<&Record> = t.lines.iter().collect();
    let mut findings = Vec::new();
    let sums = t.parents.iter().map(|p| (p, by_prefix.get(p.code.as_str()).cloned().unwrap_or_default()));
    let totals = t.totals.iter().map(|p| (p, all.clone()));
    for (parent, lines) in sums.chain(totals) {
        for (col, role) in amount_cols {
            let Some(stated) = parent.get(*role) else { continue };
            let parts: Vec<Decimal> = lines.iter().filter_map(|l| l.get(*role)).collect();
            let sum: Decimal = parts.iter().sum();
            let what = if parent.code.is_empty() {
                "合计行".to_owned()
            } else {
                format!("{} {}", parent.code, parent.name)
            };
            let cell = cell_address(&sheet.name, parent.row, *col);
            let (severity, kind) = match compare_sum(stated, &parts) {
                SumCheck::Exact => continue,
                SumCheck::Rounding(_) => (Severity::Notice, "有四舍五入差异"),
                SumCheck::Mismatch(_) => (Severity::Warning, "不符"),
            };
            findings.push(ImportFinding::new(
                severity,
                Some(cell),
                format!(
                    "{what}的{} {} 与所列明细之和 {} {kind}（以导入的明细为准）",
                    role.label(),
                    format_amount(stated, false),
                    format_amount(round_display(sum), false)
                ),
            ));
        }
    }
    t.findings.extend(findings);
}

/// Compares a workbook's stated sum with the exact sum of its lines. A workbook prints
/// every cell rounded on its own, so a gap of up to 0.005 × (lines + 1) is rounding.
///
/// A stated figure that is the exact sum rounded to 0.01 agrees with it.
pub fn compare_sum(stated: Decimal, parts: &[Decimal]) -> SumCheck {
    let sum: Decimal = parts.iter().sum();
    let gap = stated - sum;
    if gap.is_zero() || stated == round_display(sum) {
        return SumCheck::Exact;
    }
    let tolerance = Decimal::new(5, 3) * Decimal::from(parts.len() as u64 + 1);
    if gap.abs() <= tolerance { SumCheck::Rounding(gap) } else { SumCheck::Mismatch(gap) }
}

/// Table 9 read vertically: the four items' amounts, and the 合计 row checked.
#[derive(Debug, Default)]
pub struct ThreePublicRead {
    pub items: [Option<Decimal>; 4],
    /// 上年 by item, when the table prints last year's figures too.
    pub last_year: [Option<Decimal>; 4],
    pub total: Option<(Decimal, String)>,
    pub skipped: Vec<Skipped>,
    pub findings: Vec<ImportFinding>,
    pub rows: usize,
}

pub fn read_three_public(sheet: &Sheet, f: &Found, v: &Vocabulary, reader: AmountReader) -> ThreePublicRead {
    let mut out = ThreePublicRead::default();
    for r in f.body.clone() {
        let Some(row) = sheet.rows.get(r) else { continue };
        if row.iter().all(Value::is_empty) || is_column_numbers_row(row) {
            continue;
        }
        let (label_col, label) = match f.column(Role::Label) {
            Some(c) => (c, norm_text(sheet.cell(r, c))),
            None => row
                .iter()
                .enumerate()
                .find(|(_, c)| matches!(c, Value::Text(_)) && !super::recognise::is_numeric(c))
                .map(|(c, v)| (c, norm_text(v)))
                .unwrap_or((0, String::new())),
        };
        let at = |c: usize| cell_address(&sheet.name, r, c);
        if v.is_note(&label) {
            out.skipped.push(Skipped { cell: at(label_col), reason: "说明行，不是数据".to_owned() });
            continue;
        }
        let value_col = f
            .column(Role::Total)
            .or_else(|| (label_col + 1..row.len()).find(|c| super::recognise::is_numeric(&row[*c])));
        let item = v.three_public.iter().find(|rule| {
            rule.any.iter().any(|w| label.contains(w.as_str())) && !rule.none.iter().any(|w| label.contains(w.as_str()))
        });
        let is_total = v.is_total_label(&label) || label.ends_with("小计") || label.ends_with("合计");
        if item.is_none() && !is_total {
            continue;
        }
        // No figure to the right of the label: printed blank, i.e. 0.
        let value_col = value_col.unwrap_or(label_col + 1);
        let amount = match reader.read(sheet.cell(r, value_col)) {
            Ok(d) => d,
            Err(reason) => {
                out.findings.push(ImportFinding::new(
                    Severity::Error,
                    Some(at(value_col)),
                    format!("“三公”经费未导入该行：{reason}"),
                ));
                out.skipped.push(Skipped { cell: at(value_col), reason });
                continue;
            }
        };
        match item {
            Some(rule) => {
                let i = ThreePublicKind::ALL.iter().position(|k| *k == rule.item).unwrap_or(0);
                if out.items[i].is_none() {
                    out.items[i] = Some(amount);
                    out.rows += 1;
                    if let Some(c) = f.column(Role::LastYear) {
                        match reader.read(sheet.cell(r, c)) {
                            Ok(d) => out.last_year[i] = Some(d),
                            Err(reason) => out.findings.push(ImportFinding::new(
                                Severity::Warning,
                                Some(at(c)),
                                format!("上年数未导入：{reason}"),
                            )),
                        }
                    }
                }
            }
            None => {
                if out.total.is_none() {
                    out.total = Some((amount, at(value_col)));
                }
            }
        }
    }
    if out.rows == 0 {
        read_three_public_across(sheet, f, v, reader, &mut out);
    }
    if let Some((total, cell)) = &out.total {
        let parts: Vec<Decimal> = out.items.iter().flatten().copied().collect();
        let sum: Decimal = parts.iter().sum();
        let severity = match compare_sum(*total, &parts) {
            SumCheck::Exact => None,
            SumCheck::Rounding(_) => Some(Severity::Notice),
            SumCheck::Mismatch(_) => Some(Severity::Warning),
        };
        if let Some(severity) = severity {
            out.findings.push(ImportFinding::new(
                severity,
                Some(cell.clone()),
                format!(
                    "“三公”经费合计 {} 与四项之和 {} 不符",
                    format_amount(*total, false),
                    format_amount(sum, false)
                ),
            ));
        }
    }
    out
}

/// Table 9 laid out across (many regions): the items are columns (因公出国（境）费 |
/// 公务用车购置及运行费: 购置费, 运行费 | 公务接待费) and the figures one row, or the row
/// labelled 本年 when last year's row is printed too.
fn read_three_public_across(sheet: &Sheet, f: &Found, v: &Vocabulary, reader: AmountReader, out: &mut ThreePublicRead) {
    let columns: Vec<(usize, usize)> = f
        .leaves
        .iter()
        .filter_map(|(c, leaf)| {
            let rule = v.three_public.iter().find(|rule| {
                rule.any.iter().any(|w| leaf.contains(w.as_str()))
                    && !rule.none.iter().any(|w| leaf.contains(w.as_str()))
            })?;
            Some((*c, ThreePublicKind::ALL.iter().position(|k| *k == rule.item)?))
        })
        .collect();
    if columns.is_empty() {
        return;
    }
    let data_rows: Vec<usize> = f
        .body
        .clone()
        .filter(|r| {
            sheet
                .rows
                .get(*r)
                .is_some_and(|row| !is_column_numbers_row(row) && row.iter().any(super::recognise::is_numeric))
        })
        .collect();
    let labelled =
        |r: &usize, word: &str| sheet.rows.get(*r).is_some_and(|row| row.iter().any(|c| norm_text(c).contains(word)));
    if let Some(last) = data_rows.iter().find(|r| labelled(r, "上年")) {
        for (c, i) in &columns {
            out.last_year[*i] = reader.read(sheet.cell(*last, *c)).ok();
        }
    }
    let this_year = data_rows.iter().find(|r| labelled(r, "本年"));
    let first_not_last = data_rows.iter().find(|r| !labelled(r, "上年"));
    let Some(r) = this_year.or(first_not_last).copied() else { return };
    for (c, i) in columns {
        let at = cell_address(&sheet.name, r, c);
        match reader.read(sheet.cell(r, c)) {
            Ok(d) if out.items[i].is_none() => {
                out.items[i] = Some(d);
                out.rows += 1;
            }
            Ok(_) => {}
            Err(reason) => {
                out.findings.push(ImportFinding::new(
                    Severity::Error,
                    Some(at.clone()),
                    format!("“三公”经费未导入：{reason}"),
                ));
                out.skipped.push(Skipped { cell: at, reason });
            }
        }
    }
    if out.total.is_none()
        && let Some((c, _)) = f.columns.iter().find(|(_, role)| *role == Role::Total)
        && let Ok(d) = reader.read(sheet.cell(r, *c))
    {
        out.total = Some((d, cell_address(&sheet.name, r, *c)));
    }
}

/// The labelled figures of tables 1 and 4: each label's first number to its right.
pub fn read_summary(
    sheet: &Sheet,
    f: &Found,
    v: &Vocabulary,
    reader: AmountReader,
) -> Vec<(SummaryKey, Decimal, String)> {
    let mut out: Vec<(SummaryKey, Decimal, String)> = Vec::new();
    for r in f.body.clone() {
        let Some(row) = sheet.rows.get(r) else { continue };
        for (c, cell) in row.iter().enumerate() {
            let Value::Text(_) = cell else { continue };
            if super::recognise::is_numeric(cell) {
                continue;
            }
            let label = norm_text(cell);
            let Some(rule) = v.summary.iter().find(|s| s.any.iter().any(|w| label.contains(w.as_str()))) else {
                continue;
            };
            if out.iter().any(|(k, ..)| *k == rule.key) {
                continue;
            }
            // A blank figure is printed as an empty cell: the next cell is then a label.
            let mut next = (c + 1..row.len()).find(|i| !row[*i].is_empty()).unwrap_or(c + 1);
            let value = row.get(next).unwrap_or(&Value::Empty);
            let d = if super::recognise::is_numeric(value) || !matches!(value, Value::Text(_)) {
                reader.read(value).ok()
            } else {
                next = c + 1;
                Some(Decimal::ZERO)
            };
            if let Some(d) = d {
                out.push((rule.key, d, cell_address(&sheet.name, r, next)));
            }
        }
    }
    out
}
