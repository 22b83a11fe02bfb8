//! The income/expense line items and everything derived from them.
//!
//! Officers enter 功能分类 lines at the 项 level (7-digit codes) and 经济分类 lines at
//! the 款 level (5-digit codes), as the budget system exports them. The 类/款 parent rows
//! of the standard tables and all totals are computed here, never typed.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Disclosure;
use super::amount::{checked_sum, saturating_sum};
use super::codes;

/// Income by source for one 功能分类 line (or the summary).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Income {
    /// 一般公共预算拨款收入.
    pub general_budget: Decimal,
    /// 政府性基金预算拨款收入.
    pub gov_fund: Decimal,
    /// 国有资本经营预算拨款收入.
    pub state_capital: Decimal,
    /// 财政专户管理资金收入 (财政专户核拨).
    pub fiscal_special: Decimal,
    /// 事业收入.
    pub business: Decimal,
    /// 事业单位经营收入.
    pub operating: Decimal,
    /// 上级补助收入.
    pub superior: Decimal,
    /// 附属单位上缴收入.
    pub affiliated: Decimal,
    /// 其他收入.
    pub other: Decimal,
    /// 上年结转 (结余).
    pub carryover: Decimal,
}

impl Income {
    /// The sources' field names, in [`Income::sources`] order: the keys the forms, the
    /// findings' locations and the comparison use for them.
    pub const FIELDS: [&'static str; 10] = [
        "general_budget",
        "gov_fund",
        "state_capital",
        "fiscal_special",
        "business",
        "operating",
        "superior",
        "affiliated",
        "other",
        "carryover",
    ];

    /// The source named `key`, one of [`Income::FIELDS`] (any other key: the carry-over).
    pub fn source(&self, key: &str) -> Decimal {
        Self::FIELDS.iter().position(|f| *f == key).map_or(self.carryover, |i| self.sources()[i])
    }

    /// The source named `key`, to edit; one of [`Income::FIELDS`] (any other key: the
    /// carry-over).
    pub fn source_mut(&mut self, key: &str) -> &mut Decimal {
        match key {
            "general_budget" => &mut self.general_budget,
            "gov_fund" => &mut self.gov_fund,
            "state_capital" => &mut self.state_capital,
            "fiscal_special" => &mut self.fiscal_special,
            "business" => &mut self.business,
            "operating" => &mut self.operating,
            "superior" => &mut self.superior,
            "affiliated" => &mut self.affiliated,
            "other" => &mut self.other,
            _ => &mut self.carryover,
        }
    }

    /// Every source, in table order (the carry-over last).
    pub fn sources(&self) -> [Decimal; 10] {
        [
            self.general_budget,
            self.gov_fund,
            self.state_capital,
            self.fiscal_special,
            self.business,
            self.operating,
            self.superior,
            self.affiliated,
            self.other,
            self.carryover,
        ]
    }

    /// 财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营.
    pub fn fiscal(&self) -> Decimal {
        saturating_sum([self.general_budget, self.gov_fund, self.state_capital])
    }

    /// 单位资金 = 事业 + 经营 + 上级补助 + 附属单位上缴 + 其他.
    pub fn unit_funds(&self) -> Decimal {
        saturating_sum([self.business, self.operating, self.superior, self.affiliated, self.other])
    }

    /// 本年收入合计 (all sources except the carry-over).
    pub fn this_year(&self) -> Decimal {
        saturating_sum(self.sources()[..9].iter().copied())
    }

    /// 收入总计 = 本年收入合计 + 上年结转.
    pub fn total(&self) -> Decimal {
        saturating_sum(self.sources())
    }

    /// 收入总计, `None` when it (or any partial sum of the sources) overflows.
    pub fn checked_total(&self) -> Option<Decimal> {
        checked_sum(self.sources())
    }

    /// Adds `o` source by source (clamped at `Decimal`'s limits, never panicking).
    pub fn add(&mut self, o: &Income) {
        for (mine, theirs) in self.sources_mut().into_iter().zip(o.sources()) {
            *mine = mine.saturating_add(theirs);
        }
    }

    fn sources_mut(&mut self) -> [&mut Decimal; 10] {
        [
            &mut self.general_budget,
            &mut self.gov_fund,
            &mut self.state_capital,
            &mut self.fiscal_special,
            &mut self.business,
            &mut self.operating,
            &mut self.superior,
            &mut self.affiliated,
            &mut self.other,
            &mut self.carryover,
        ]
    }
}

/// A 功能分类 line item (normally a 项, 7-digit code).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunctionLine {
    pub code: String,
    pub name: String,
    /// 基本支出.
    pub basic: Decimal,
    /// 项目支出.
    pub project: Decimal,
    /// Income by source financing this line.
    pub income: Income,
}

impl FunctionLine {
    /// 支出合计 = 基本支出 + 项目支出.
    pub fn expense(&self) -> Decimal {
        self.basic.saturating_add(self.project)
    }

    /// 支出合计, `None` on overflow.
    pub fn checked_expense(&self) -> Option<Decimal> {
        self.basic.checked_add(self.project)
    }
}

/// A 经济分类 line of the basic budget (normally a 款, 5-digit code).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EconomicLine {
    pub code: String,
    pub name: String,
    /// 人员经费 column.
    pub personnel: Decimal,
    /// 公用经费 column.
    pub public: Decimal,
}

impl EconomicLine {
    pub fn total(&self) -> Decimal {
        self.personnel.saturating_add(self.public)
    }

    /// 人员经费 + 公用经费, `None` on overflow.
    pub fn checked_total(&self) -> Option<Decimal> {
        self.personnel.checked_add(self.public)
    }
}

/// The line items behind the nine standard tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetTables {
    /// 支出功能分类 lines with their income sources.
    pub function_lines: Vec<FunctionLine>,
    /// 部门经济分类 lines of the 一般公共预算 basic budget.
    pub economic_lines: Vec<EconomicLine>,
}

/// The depth of a classification code: 类, 款 or 项.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeLevel {
    Class,
    Section,
    Item,
}

impl CodeLevel {
    /// The level of a code by its length (功能: 3/5/7 digits; 经济: 3/5).
    pub fn of(code: &str) -> Option<CodeLevel> {
        match code.len() {
            3 => Some(CodeLevel::Class),
            5 => Some(CodeLevel::Section),
            7 => Some(CodeLevel::Item),
            _ => None,
        }
    }
}

/// A row of a derived 功能分类 table: a typed line or a computed parent.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionRow {
    pub code: String,
    pub name: String,
    pub level: CodeLevel,
    pub basic: Decimal,
    pub project: Decimal,
    pub income: Income,
    /// Index into `function_lines` for typed rows; `None` for computed parents.
    pub line: Option<usize>,
}

impl FunctionRow {
    pub fn expense(&self) -> Decimal {
        self.basic.saturating_add(self.project)
    }
}

/// A row of the derived 经济分类 table.
#[derive(Debug, Clone, PartialEq)]
pub struct EconomicRow {
    pub code: String,
    pub name: String,
    pub level: CodeLevel,
    pub personnel: Decimal,
    pub public: Decimal,
    /// Index into `economic_lines` for typed rows; `None` for computed parents.
    pub line: Option<usize>,
}

impl EconomicRow {
    pub fn total(&self) -> Decimal {
        self.personnel.saturating_add(self.public)
    }
}

/// The prefixes of `code` that are its parents (类 then 款), shortest first.
fn parent_codes(code: &str) -> Vec<&str> {
    match code.len() {
        7 => vec![&code[..3], &code[..5]],
        5 => vec![&code[..3]],
        _ => Vec::new(),
    }
}

impl BudgetTables {
    /// The 功能分类 table: typed lines plus computed 类/款 parents, in code order.
    /// `year` selects the code list used to name the parents.
    pub fn function_rows(&self, year: i32) -> Vec<FunctionRow> {
        let mut rows: Vec<FunctionRow> = Vec::with_capacity(self.function_lines.len() * 2);
        for (i, line) in self.function_lines.iter().enumerate() {
            let code = line.code.trim();
            if !code.is_ascii() {
                continue;
            }
            for parent in parent_codes(code) {
                let row = match rows.iter_mut().find(|r| r.code == parent && r.line.is_none()) {
                    Some(r) => r,
                    None => {
                        rows.push(FunctionRow {
                            code: parent.to_owned(),
                            name: codes::function_name(year, parent).unwrap_or("").to_owned(),
                            level: CodeLevel::of(parent).unwrap_or(CodeLevel::Class),
                            basic: Decimal::ZERO,
                            project: Decimal::ZERO,
                            income: Income::default(),
                            line: None,
                        });
                        rows.last_mut().expect("just pushed")
                    }
                };
                row.basic = row.basic.saturating_add(line.basic);
                row.project = row.project.saturating_add(line.project);
                row.income.add(&line.income);
            }
            rows.push(FunctionRow {
                code: code.to_owned(),
                name: line.name.clone(),
                level: CodeLevel::of(code).unwrap_or(CodeLevel::Item),
                basic: line.basic,
                project: line.project,
                income: line.income.clone(),
                line: Some(i),
            });
        }
        // Stable: a typed line with the same code as a parent stays after it.
        rows.sort_by(|a, b| a.code.cmp(&b.code).then(a.line.is_some().cmp(&b.line.is_some())));
        rows
    }

    /// The 经济分类 basic-budget table: typed lines plus computed 类 parents.
    pub fn economic_rows(&self) -> Vec<EconomicRow> {
        let mut rows: Vec<EconomicRow> = Vec::with_capacity(self.economic_lines.len() + 8);
        for (i, line) in self.economic_lines.iter().enumerate() {
            let code = line.code.trim();
            if !code.is_ascii() {
                continue;
            }
            for parent in parent_codes(code) {
                let row = match rows.iter_mut().find(|r| r.code == parent && r.line.is_none()) {
                    Some(r) => r,
                    None => {
                        rows.push(EconomicRow {
                            code: parent.to_owned(),
                            name: codes::economic_name(parent).unwrap_or("").to_owned(),
                            level: CodeLevel::Class,
                            personnel: Decimal::ZERO,
                            public: Decimal::ZERO,
                            line: None,
                        });
                        rows.last_mut().expect("just pushed")
                    }
                };
                row.personnel = row.personnel.saturating_add(line.personnel);
                row.public = row.public.saturating_add(line.public);
            }
            rows.push(EconomicRow {
                code: code.to_owned(),
                name: line.name.clone(),
                level: CodeLevel::of(code).unwrap_or(CodeLevel::Section),
                personnel: line.personnel,
                public: line.public,
                line: Some(i),
            });
        }
        rows.sort_by(|a, b| a.code.cmp(&b.code).then(a.line.is_some().cmp(&b.line.is_some())));
        rows
    }

    /// Σ over all 功能分类 lines (the 合计 row).
    pub fn function_total(&self) -> FunctionLine {
        let mut t = FunctionLine { name: "合计".to_owned(), ..FunctionLine::default() };
        for l in &self.function_lines {
            t.basic = t.basic.saturating_add(l.basic);
            t.project = t.project.saturating_add(l.project);
            t.income.add(&l.income);
        }
        t
    }

    /// [`Self::function_total`]'s 支出合计 and 收入总计, `None` when a sum overflows.
    pub fn checked_function_totals(&self) -> Option<(Decimal, Decimal)> {
        let basic = checked_sum(self.function_lines.iter().map(|l| l.basic))?;
        let project = checked_sum(self.function_lines.iter().map(|l| l.project))?;
        let mut income = Decimal::ZERO;
        for source in 0..10 {
            let column = checked_sum(self.function_lines.iter().map(|l| l.income.sources()[source]))?;
            income = income.checked_add(column)?;
        }
        Some((basic.checked_add(project)?, income))
    }

    /// Σ over all 经济分类 lines (the 合计 row).
    pub fn economic_total(&self) -> EconomicLine {
        let mut t = EconomicLine { name: "合计".to_owned(), ..EconomicLine::default() };
        for l in &self.economic_lines {
            t.personnel = t.personnel.saturating_add(l.personnel);
            t.public = t.public.saturating_add(l.public);
        }
        t
    }

    /// [`Self::economic_total`]'s 合计, `None` when a sum overflows.
    pub fn checked_economic_total(&self) -> Option<Decimal> {
        let personnel = checked_sum(self.economic_lines.iter().map(|l| l.personnel))?;
        let public = checked_sum(self.economic_lines.iter().map(|l| l.public))?;
        personnel.checked_add(public)
    }

    /// True when no 功能分类 line is entered (the summary is then the input).
    pub fn is_empty(&self) -> bool {
        self.function_lines.is_empty() && self.economic_lines.is_empty()
    }
}

/// Where a part-2 figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureSource {
    /// Computed from the line-item tables.
    Tables,
    /// Typed in the part-2 summary (no tables filled).
    Summary,
}

/// The part-2 figures every narrative and rule uses: one value, one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Source of income, 基本/项目支出.
    pub source: FigureSource,
    /// Source of 人员经费/公用经费.
    pub split_source: FigureSource,
    pub income: Income,
    pub basic: Decimal,
    pub personnel: Decimal,
    pub public: Decimal,
    pub project: Decimal,
    pub last_basic: Option<Decimal>,
    pub last_project: Option<Decimal>,
}

impl Figures {
    /// Computes the figures of `doc`.
    pub fn of(doc: &Disclosure) -> Figures {
        let b = &doc.budget;
        let s = &doc.summary;
        let (split_source, personnel, public) = if b.economic_lines.is_empty() {
            (FigureSource::Summary, s.personnel, s.public)
        } else {
            let t = b.economic_total();
            (FigureSource::Tables, t.personnel, t.public)
        };
        let (source, income, basic, project) = if b.function_lines.is_empty() {
            (FigureSource::Summary, s.income.clone(), personnel.saturating_add(public), s.project)
        } else {
            let t = b.function_total();
            (FigureSource::Tables, t.income, t.basic, t.project)
        };
        Figures {
            source,
            split_source,
            income,
            basic,
            personnel,
            public,
            project,
            last_basic: s.last_basic,
            last_project: s.last_project,
        }
    }

    /// 本年收入合计.
    pub fn income_this_year(&self) -> Decimal {
        self.income.this_year()
    }

    /// 收入总计 (incl. 上年结转).
    pub fn income_total(&self) -> Decimal {
        self.income.total()
    }

    /// 支出总计 = 基本支出 + 项目支出.
    pub fn expense_total(&self) -> Decimal {
        self.basic.saturating_add(self.project)
    }

    /// 收入总计, 支出总计 and the changes, `None` when any overflows.
    pub fn checked(&self) -> Option<(Decimal, Decimal)> {
        let income = self.income.checked_total()?;
        let expense = self.basic.checked_add(self.project)?;
        if let (Some(b), Some(p)) = (self.last_basic, self.last_project) {
            expense.checked_sub(b.checked_add(p)?)?;
        }
        if let Some(b) = self.last_basic {
            self.basic.checked_sub(b)?;
        }
        if let Some(p) = self.last_project {
            self.project.checked_sub(p)?;
        }
        income.checked_sub(expense)?;
        Some((income, expense))
    }

    /// 上年支出总计, when both last-year figures are known.
    pub fn last_total(&self) -> Option<Decimal> {
        Some(self.last_basic?.saturating_add(self.last_project?))
    }

    /// 比上年增减 of the total.
    pub fn total_change(&self) -> Option<Decimal> {
        Some(self.expense_total().saturating_sub(self.last_total()?))
    }

    /// 比上年增减 of 基本支出.
    pub fn basic_change(&self) -> Option<Decimal> {
        Some(self.basic.saturating_sub(self.last_basic?))
    }

    /// 比上年增减 of 项目支出.
    pub fn project_change(&self) -> Option<Decimal> {
        Some(self.project.saturating_sub(self.last_project?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn income_sources_are_named_in_their_table_order() {
        for (i, key) in Income::FIELDS.iter().enumerate() {
            let mut income = Income::default();
            *income.source_mut(key) = Decimal::ONE;
            let mut expected = [Decimal::ZERO; 10];
            expected[i] = Decimal::ONE;
            assert_eq!(income.sources(), expected, "{key}");
            assert_eq!(income.source(key), Decimal::ONE, "{key}");
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn line(code: &str, basic: &str, project: &str) -> FunctionLine {
        FunctionLine {
            code: code.into(),
            name: format!("line {code}"),
            basic: d(basic),
            project: d(project),
            income: Income { general_budget: d(basic) + d(project), ..Income::default() },
        }
    }

    #[test]
    fn parents_are_summed_from_items() {
        let t = BudgetTables {
            function_lines: vec![
                line("2010301", "448.32", "0"),
                line("2080501", "78.16", "0"),
                line("2010302", "0", "231.44"),
            ],
            economic_lines: vec![],
        };
        let rows = t.function_rows(2024);
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["201", "20103", "2010301", "2010302", "208", "20805", "2080501"]);
        assert_eq!(rows[0].expense(), d("679.76"));
        assert_eq!(rows[0].name, "一般公共服务支出");
        assert_eq!(rows[1].income.general_budget, d("679.76"));
        assert_eq!(t.function_total().expense(), d("757.92"));
    }
}
