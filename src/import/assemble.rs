//! Putting the found tables together: each table read into records and a
//! [`TableReport`], then tables 2/3/5–8 merged into 功能分类 lines (基本/项目 from
//! table 3, income by source from table 2, the three kinds of 财政拨款 from tables
//! 5/7/8), table 6 into 经济分类 lines, table 9 into the 三公 figures, and tables 1/4
//! compared with the result.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::read::{self, AmountReader, CodeTable, Record};
use super::recognise::{Found, SheetUnit};
use super::vocabulary::{self, Role, SummaryKey};
use super::{
    ImportFinding, ImportPreview, Imported, Outcome, TABLE_NAMES, TableReport, TotalComparison, text, workbook,
};
use crate::model::{AmountUnit, Disclosure, EconomicLine, FunctionLine, Income, format_amount};
use crate::rules::Severity;

/// One figure per 三公 item (`ThreePublicKind::ALL` order), where found.
type ByItem = [Option<Decimal>; 4];

/// A code table's lines and the amount columns it has.
type TableLines<'t> = (&'t Vec<Record>, &'t Vec<Role>);

/// Collects the tables' contents and merges them into lines.
pub(super) struct Assembler<'a> {
    book: &'a workbook::Workbook,
    draft_unit: AmountUnit,
    reports: Vec<TableReport>,
    findings: Vec<ImportFinding>,
    code_tables: HashMap<u8, (CodeTable, Vec<Role>)>,
    /// Table 9's items (`ThreePublicKind::ALL` order), 本年 and 上年, as far as found.
    three_public: Option<(ByItem, ByItem)>,
    summaries: HashMap<u8, Vec<(SummaryKey, Decimal, String)>>,
}

impl<'a> Assembler<'a> {
    pub(super) fn new(book: &'a workbook::Workbook, draft_unit: AmountUnit, findings: Vec<ImportFinding>) -> Self {
        Assembler {
            book,
            draft_unit,
            reports: Vec::new(),
            findings,
            code_tables: HashMap::new(),
            three_public: None,
            summaries: HashMap::new(),
        }
    }

    fn reader(&mut self, f: &Found) -> AmountReader {
        let unit = match &f.unit {
            Some((u, _)) => *u,
            None => {
                let assumed = match self.draft_unit {
                    AmountUnit::Wan => SheetUnit::Wan,
                    AmountUnit::Yuan => SheetUnit::Yuan,
                };
                self.findings.push(ImportFinding::new(
                    Severity::Warning,
                    Some(f.title_cell.clone()),
                    format!("表{}没有写明金额单位（如“单位：万元”），按草稿的单位“{}”读取", f.table, assumed.label()),
                ));
                assumed
            }
        };
        let draft_yuan = match self.draft_unit {
            AmountUnit::Wan => 10_000,
            AmountUnit::Yuan => 1,
        };
        AmountReader {
            text_unit: if unit == SheetUnit::Wan { AmountUnit::Wan } else { AmountUnit::Yuan },
            factor: Decimal::from(unit.yuan()) / Decimal::from(draft_yuan),
        }
    }

    pub(super) fn read_table(&mut self, f: &Found, v: &vocabulary::Vocabulary) {
        let sheet = &self.book.sheets[f.sheet];
        let reader = self.reader(f);
        let mut report = TableReport {
            table: f.table,
            name: TABLE_NAMES[f.table as usize - 1],
            title: f.title.clone(),
            sheet: sheet.name.clone(),
            at: f.title_cell.clone(),
            unit: f.unit.as_ref().map(|(u, _)| u.label().to_owned()),
            columns: f.columns.iter().map(|(_, r)| r.label().to_owned()).collect(),
            lines: 0,
            checked: 0,
            skipped: Vec::new(),
            totals: Vec::new(),
            findings: Vec::new(),
        };
        report.columns.dedup();
        match f.table {
            1 | 4 => {
                let figures = read::read_summary(sheet, f, v, reader);
                report.checked = figures.len();
                self.summaries.insert(f.table, figures);
            }
            9 => {
                let t = read::read_three_public(sheet, f, v, reader);
                report.lines = t.rows;
                report.checked = usize::from(t.total.is_some());
                report.skipped = t.skipped;
                report.findings = t.findings;
                if t.rows == 0 && t.total.as_ref().is_none_or(|(d, _)| !d.is_zero()) {
                    report.findings.push(ImportFinding::new(
                        Severity::Warning,
                        Some(f.title_cell.clone()),
                        "表中没有认出因公出国（境）费、公务用车购置费、公务用车运行维护费、公务接待费各行",
                    ));
                }
                report.totals.push(TotalComparison {
                    label: "“三公”经费合计".to_owned(),
                    workbook: t.total.as_ref().map(|(d, _)| *d),
                    cell: t.total.as_ref().map(|(_, c)| c.clone()),
                    imported: t.items.iter().flatten().sum(),
                });
                self.three_public = Some((t.items, t.last_year));
            }
            table => {
                let lengths: &[usize] = if table == 6 { &[3, 5] } else { &[3, 5, 7] };
                // Codes in their own column(s), or leading the names ("2010301 行政运行").
                let has_code = f.has(Role::Code) || f.has(Role::CodeClass) || f.has(Role::Name);
                let amounts: Vec<Role> = f.columns.iter().map(|(_, r)| *r).filter(|r| r.is_amount()).collect();
                if !has_code || amounts.is_empty() {
                    report.findings.push(ImportFinding::new(
                        Severity::Warning,
                        Some(f.title_cell.clone()),
                        format!(
                            "认出了表名，但表头中找不到{}，此表未导入",
                            if has_code {
                                "金额列（如“合计”“基本支出”）"
                            } else {
                                "“科目编码”列（或“类/款/项”列）"
                            }
                        ),
                    ));
                } else {
                    let t = read::read_code_table(sheet, f, v, reader, lengths);
                    report.lines = t.lines.len();
                    report.checked = t.parents.len() + t.totals.len();
                    report.skipped = t.skipped.clone();
                    report.findings = t.findings.clone();
                    for role in &amounts {
                        let stated = t.totals.first().and_then(|r| r.get(*role).map(|d| (d, r)));
                        report.totals.push(TotalComparison {
                            label: role.label().to_owned(),
                            workbook: stated.map(|(d, _)| d),
                            cell: stated.map(|(_, r)| {
                                let col = r.amounts.iter().find(|(x, ..)| x == role).map(|(.., c)| *c).unwrap_or(0);
                                text::cell_address(&sheet.name, r.row, col)
                            }),
                            imported: t.lines.iter().filter_map(|l| l.get(*role)).sum(),
                        });
                    }
                    self.code_tables.insert(table, (t, amounts));
                }
            }
        }
        self.reports.push(report);
    }

    pub(super) fn finish(mut self, file: &str, draft: &Disclosure) -> ImportPreview {
        let mut imported = Imported::default();
        let function_lines = self.function_lines();
        if let Some((t, _)) = self.code_tables.get(&6) {
            if !t.lines.is_empty() {
                imported.economic_lines = Some(
                    t.lines
                        .iter()
                        .map(|r| EconomicLine {
                            code: r.code.clone(),
                            name: r.name.clone(),
                            personnel: r.get(Role::Personnel).unwrap_or_default(),
                            public: r.get(Role::Public).unwrap_or_default(),
                        })
                        .collect(),
                );
            } else if let Some(total) = t.totals.first()
                && (total.get(Role::Personnel).is_some_and(|d| !d.is_zero())
                    || total.get(Role::Public).is_some_and(|d| !d.is_zero()))
            {
                imported.summary_split =
                    Some((total.get(Role::Personnel).unwrap_or_default(), total.get(Role::Public).unwrap_or_default()));
            }
        }
        if let Some((items, last)) = &self.three_public
            && items.iter().any(Option::is_some)
        {
            imported.three_public = Some(items.map(Option::unwrap_or_default));
            if last.iter().any(Option::is_some) {
                imported.three_public_last = Some(last.map(Option::unwrap_or_default));
            }
        }
        match &function_lines {
            Some(lines) => {
                self.compare_summary(lines);
                imported.function_lines = function_lines;
            }
            None => {
                // An empty summary table (all blank) says nothing: it replaces nothing.
                if let Some(figures) = self.summaries.get(&1).filter(|f| f.iter().any(|(_, d, _)| !d.is_zero())) {
                    let get =
                        |k: SummaryKey| figures.iter().find(|(x, ..)| *x == k).map(|(_, d, _)| *d).unwrap_or_default();
                    imported.summary_income = Some(Income {
                        general_budget: get(SummaryKey::General),
                        gov_fund: get(SummaryKey::GovFund),
                        state_capital: get(SummaryKey::StateCapital),
                        fiscal_special: get(SummaryKey::FiscalSpecial),
                        other: get(SummaryKey::UnitFunds),
                        carryover: get(SummaryKey::Carryover),
                        ..Income::default()
                    });
                    if !get(SummaryKey::UnitFunds).is_zero() {
                        self.findings.push(ImportFinding::new(
                            Severity::Notice,
                            None,
                            "没有功能分类明细：收支总表的“单位资金”整体计入第二部分的“其他收入”",
                        ));
                    }
                }
                if let Some((t, _)) = self.code_tables.get(&3)
                    && let Some(project) = t.totals.first().and_then(|r| r.get(Role::Project))
                    && !project.is_zero()
                {
                    imported.summary_project = Some(project);
                }
            }
        }
        let outcome = if imported.is_empty() {
            Outcome::Nothing
        } else if self
            .findings
            .iter()
            .chain(self.reports.iter().flat_map(|r| r.findings.iter()))
            .any(|f| f.severity != Severity::Notice)
        {
            Outcome::NeedsLook
        } else {
            Outcome::Clean
        };
        if imported.is_empty() {
            self.findings.push(ImportFinding::new(
                Severity::Error,
                None,
                "认出了表，但没有可导入的明细行、“三公”经费或汇总数",
            ));
        }
        ImportPreview {
            file: file.to_owned(),
            draft_unit: draft.header.unit.label(),
            tables: self.reports,
            findings: self.findings,
            ignored_sheets: Vec::new(),
            replaces: Vec::new(),
            outcome,
            imported,
        }
        .with_ignored(self.book)
    }

    /// The 功能分类 lines: 基本/项目支出 from table 3, income by source from table 2,
    /// and the three kinds of 财政拨款 from tables 5, 7 and 8.
    fn function_lines(&mut self) -> Option<Vec<FunctionLine>> {
        let lines_of = |n: u8| self.code_tables.get(&n).map(|(t, roles)| (&t.lines, roles));
        let t3 = lines_of(3);
        let t2 = lines_of(2);
        let funds: Vec<(u8, Option<TableLines>)> = [5u8, 7, 8].iter().map(|n| (*n, lines_of(*n))).collect();
        let mut order: Vec<(String, String)> = Vec::new();
        let mut push_codes = |recs: &[Record]| {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for r in recs {
                let k = seen.entry(&r.code).or_default();
                let occurrences = order.iter().filter(|(c, _)| *c == r.code).count();
                if occurrences <= *k {
                    order.push((r.code.clone(), r.name.clone()));
                }
                *k += 1;
            }
        };
        if let Some((l, _)) = t3 {
            push_codes(l);
        }
        if let Some((l, _)) = t2 {
            push_codes(l);
        }
        for (_, t) in &funds {
            if let Some((l, _)) = t {
                push_codes(l);
            }
        }
        if order.is_empty() {
            return None;
        }
        let mut findings = Vec::new();
        let t2_split = t2.is_some_and(|(_, roles)| roles.contains(&Role::General));
        let any_fund_table = funds.iter().any(|(_, t)| t.is_some());
        if t3.is_none() {
            findings.push(ImportFinding::new(
                Severity::Warning,
                None,
                if any_fund_table {
                    "没有找到部门支出总表（表3）：基本支出、项目支出按表5、表7、表8 相加导入"
                } else {
                    "没有找到部门支出总表（表3）：基本支出、项目支出未导入（为 0）"
                },
            ));
        }
        if t2.is_none() {
            findings.push(ImportFinding::new(
                Severity::Warning,
                None,
                if any_fund_table {
                    "没有找到部门收入总表（表2）：收入只按表5、表7、表8 的财政拨款导入，其他来源为 0"
                } else {
                    "没有找到部门收入总表（表2），也没有表5、表7、表8：各科目的收入未导入（为 0）"
                },
            ));
        } else if !t2_split && !any_fund_table {
            findings.push(ImportFinding::new(
                Severity::Warning,
                None,
                "收入总表只有“财政拨款”一列，又没有表5、表7、表8：财政拨款全部按一般公共预算导入",
            ));
        }
        let mut occurrence: HashMap<String, usize> = HashMap::new();
        let nth = |recs: Option<TableLines>, code: &str, k: usize| -> Option<Record> {
            recs.and_then(|(l, _)| l.iter().filter(|r| r.code == code).nth(k).cloned())
        };
        let mut out = Vec::with_capacity(order.len());
        for (code, name) in order {
            let k = *occurrence.entry(code.clone()).and_modify(|k| *k += 1).or_default();
            let r3 = nth(t3, &code, k);
            let r2 = nth(t2, &code, k);
            let fund_rows: Vec<(u8, Option<Record>)> = funds.iter().map(|(n, t)| (*n, nth(*t, &code, k))).collect();
            let fund_amount = |n: u8| -> Decimal {
                fund_rows
                    .iter()
                    .find(|(x, _)| *x == n)
                    .and_then(|(_, r)| r.as_ref())
                    .map(|r| {
                        r.get(Role::Total).unwrap_or_else(|| {
                            r.get(Role::Basic).unwrap_or_default() + r.get(Role::Project).unwrap_or_default()
                        })
                    })
                    .unwrap_or_default()
            };
            let mut line = FunctionLine { code: code.clone(), name, ..FunctionLine::default() };
            match &r3 {
                Some(r) => {
                    line.basic = r.get(Role::Basic).unwrap_or_default();
                    line.project = r.get(Role::Project).unwrap_or_default();
                }
                None => {
                    for (_, r) in fund_rows.iter().filter_map(|(n, r)| r.as_ref().map(|r| (n, r))) {
                        line.basic += r.get(Role::Basic).unwrap_or_default();
                        line.project += r.get(Role::Project).unwrap_or_default();
                    }
                    if t3.is_some() {
                        findings.push(ImportFinding::new(
                            Severity::Warning,
                            None,
                            format!("科目 {code} 不在部门支出总表（表3）中，其基本/项目支出按财政拨款支出表导入"),
                        ));
                    }
                }
            }
            if let Some(r) = &r2 {
                let g = |role| r.get(role).unwrap_or_default();
                line.income = Income {
                    fiscal_special: g(Role::FiscalSpecial),
                    business: g(Role::Business),
                    operating: g(Role::Operating),
                    superior: g(Role::Superior),
                    affiliated: g(Role::Affiliated),
                    other: g(Role::Other),
                    carryover: g(Role::Carryover),
                    ..Income::default()
                };
                if t2_split {
                    line.income.general_budget = g(Role::General);
                    line.income.gov_fund = g(Role::GovFund);
                    line.income.state_capital = g(Role::StateCapital);
                } else if !any_fund_table {
                    line.income.general_budget = g(Role::Fiscal);
                }
            } else if t2.is_some() {
                findings.push(ImportFinding::new(
                    Severity::Warning,
                    None,
                    format!("科目 {code} 不在部门收入总表（表2）中，只导入其财政拨款收入"),
                ));
            }
            if !t2_split && any_fund_table {
                line.income.general_budget = fund_amount(5);
                line.income.gov_fund = fund_amount(7);
                line.income.state_capital = fund_amount(8);
                if let Some(r) = &r2
                    && let Some(fiscal) = r.get(Role::Fiscal)
                    && fiscal != line.income.fiscal()
                {
                    let col = r.amounts.iter().find(|(x, ..)| *x == Role::Fiscal).map(|(.., c)| *c).unwrap_or(0);
                    let sheet = self.code_tables.get(&2).map(|_| self.sheet_of(2)).unwrap_or_default();
                    findings.push(ImportFinding::new(
                        Severity::Warning,
                        Some(text::cell_address(&sheet, r.row, col)),
                        format!(
                            "科目 {code} 在收入总表中的财政拨款 {} 与表5、表7、表8 之和 {} 不符（按表5、表7、表8 导入）",
                            format_amount(fiscal, false),
                            format_amount(line.income.fiscal(), false)
                        ),
                    ));
                }
            }
            out.push(line);
        }
        self.findings.extend(findings);
        Some(out)
    }

    fn sheet_of(&self, table: u8) -> String {
        self.reports.iter().find(|r| r.table == table).map(|r| r.sheet.clone()).unwrap_or_default()
    }

    /// Tables 1 and 4: their labelled totals against the imported lines.
    fn compare_summary(&mut self, lines: &[FunctionLine]) {
        let mut total = Income::default();
        let mut expense = Decimal::ZERO;
        for l in lines {
            total.add(&l.income);
            expense += l.expense();
        }
        for report in &mut self.reports {
            let Some(figures) = self.summaries.get(&report.table) else { continue };
            let ours = |k: SummaryKey| -> Option<Decimal> {
                match (report.table, k) {
                    (1, SummaryKey::General) => Some(total.general_budget),
                    (1, SummaryKey::GovFund) => Some(total.gov_fund),
                    (1, SummaryKey::StateCapital) => Some(total.state_capital),
                    (1, SummaryKey::FiscalSpecial) => Some(total.fiscal_special),
                    (1, SummaryKey::UnitFunds) => Some(total.unit_funds()),
                    (1, SummaryKey::IncomeThisYear) => Some(total.this_year()),
                    (1, SummaryKey::Carryover) => Some(total.carryover),
                    (1, SummaryKey::IncomeTotal) => Some(total.total()),
                    (1, SummaryKey::ExpenseThisYear | SummaryKey::ExpenseTotal) => Some(expense),
                    (4, SummaryKey::IncomeThisYear | SummaryKey::IncomeTotal) => Some(total.fiscal()),
                    _ => None,
                }
            };
            for (key, stated, cell) in figures {
                let Some(imported) = ours(*key) else { continue };
                let cmp = TotalComparison {
                    label: key.label().to_owned(),
                    workbook: Some(*stated),
                    cell: Some(cell.clone()),
                    imported,
                };
                if !cmp.agrees() {
                    report.findings.push(ImportFinding::new(
                        Severity::Warning,
                        Some(cell.clone()),
                        format!(
                            "{} {} 与导入明细算出的 {} 不符",
                            key.label(),
                            format_amount(*stated, false),
                            format_amount(imported, false)
                        ),
                    ));
                }
                report.totals.push(cmp);
            }
        }
    }
}
