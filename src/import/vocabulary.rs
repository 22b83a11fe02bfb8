//! The words that identify tables, columns and rows, read from
//! `assets/import/vocabulary.ron` (data, not code: new wordings are added there).

use std::sync::OnceLock;

use serde::Deserialize;

use super::text::normalise;
use crate::model::ThreePublicKind;

/// What a column of a standard table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum Role {
    /// 科目编码 in one column ("2010301").
    Code,
    /// 科目编码 split: the 类 part ("201").
    CodeClass,
    /// The 款 part ("03").
    CodeSection,
    /// The 项 part ("01").
    CodeItem,
    /// 科目名称.
    Name,
    /// 项目 (row label of table 9).
    Label,
    /// 合计 / 支出合计 / 收入总计.
    Total,
    /// 本年收入小计.
    ThisYear,
    /// 上年预算数 (table 9 printed with last year's figures).
    LastYear,
    Basic,
    Project,
    Personnel,
    Public,
    General,
    GovFund,
    StateCapital,
    /// 财政拨款 (一般公共预算 + 政府性基金 + 国有资本经营 in one column).
    Fiscal,
    FiscalSpecial,
    Business,
    Operating,
    Superior,
    Affiliated,
    Other,
    Carryover,
}

impl Role {
    /// The Chinese name of the column, for reports.
    pub fn label(self) -> &'static str {
        match self {
            Role::Code | Role::CodeClass | Role::CodeSection | Role::CodeItem => "科目编码",
            Role::Name => "科目名称",
            Role::Label => "项目",
            Role::Total => "合计",
            Role::ThisYear => "本年收入小计",
            Role::LastYear => "上年数",
            Role::Basic => "基本支出",
            Role::Project => "项目支出",
            Role::Personnel => "人员经费",
            Role::Public => "公用经费",
            Role::General => "一般公共预算",
            Role::GovFund => "政府性基金预算",
            Role::StateCapital => "国有资本经营预算",
            Role::Fiscal => "财政拨款",
            Role::FiscalSpecial => "财政专户管理资金",
            Role::Business => "事业收入",
            Role::Operating => "事业单位经营收入",
            Role::Superior => "上级补助收入",
            Role::Affiliated => "附属单位上缴收入",
            Role::Other => "其他收入",
            Role::Carryover => "上年结转",
        }
    }

    /// True for the columns that make up the 科目编码.
    pub fn is_code(self) -> bool {
        matches!(self, Role::Code | Role::CodeClass | Role::CodeSection | Role::CodeItem)
    }

    /// True for amount columns.
    pub fn is_amount(self) -> bool {
        !self.is_code() && !matches!(self, Role::Name | Role::Label)
    }
}

/// A labelled figure of tables 1 and 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum SummaryKey {
    IncomeThisYear,
    IncomeTotal,
    ExpenseThisYear,
    ExpenseTotal,
    Carryover,
    General,
    GovFund,
    StateCapital,
    FiscalSpecial,
    UnitFunds,
}

impl SummaryKey {
    pub fn label(self) -> &'static str {
        match self {
            SummaryKey::IncomeThisYear => "本年收入合计",
            SummaryKey::IncomeTotal => "收入总计",
            SummaryKey::ExpenseThisYear => "本年支出合计",
            SummaryKey::ExpenseTotal => "支出总计",
            SummaryKey::Carryover => "上年结转",
            SummaryKey::General => "一般公共预算拨款收入",
            SummaryKey::GovFund => "政府性基金预算拨款收入",
            SummaryKey::StateCapital => "国有资本经营预算拨款收入",
            SummaryKey::FiscalSpecial => "财政专户管理资金收入",
            SummaryKey::UnitFunds => "单位资金",
        }
    }
}

/// How a table is recognised by its title.
#[derive(Debug, Clone, Deserialize)]
pub struct TitleRule {
    pub table: u8,
    pub all: Vec<String>,
    pub none: Vec<String>,
}

/// How a column is recognised by its header path.
#[derive(Debug, Clone, Deserialize)]
pub struct ColumnRule {
    pub role: Role,
    pub leaf: Vec<String>,
    pub any: Vec<String>,
    pub none: Vec<String>,
}

impl ColumnRule {
    /// True when a column with the joined header `path` and lowest header text `leaf`
    /// has this rule's role.
    pub fn matches(&self, path: &str, leaf: &str) -> bool {
        let positive = self.leaf.iter().any(|l| l == leaf) || self.any.iter().any(|a| path.contains(a.as_str()));
        positive && !self.none.iter().any(|n| path.contains(n.as_str()))
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct TableColumns {
    pub table: u8,
    pub columns: Vec<ColumnRule>,
}

/// A row label of table 9.
#[derive(Debug, Clone, Deserialize)]
pub struct ThreePublicRule {
    pub item: ThreePublicKind,
    pub any: Vec<String>,
    pub none: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SummaryRule {
    pub key: SummaryKey,
    pub any: Vec<String>,
}

/// The whole vocabulary.
#[derive(Debug, Clone, Deserialize)]
pub struct Vocabulary {
    pub title_max_chars: usize,
    pub tables: Vec<TitleRule>,
    pub code_columns: Vec<ColumnRule>,
    pub columns: Vec<TableColumns>,
    pub three_public: Vec<ThreePublicRule>,
    pub summary: Vec<SummaryRule>,
    pub totals: Vec<String>,
    pub notes: Vec<String>,
}

impl Vocabulary {
    /// The table a (title or sheet-name) text names, if any.
    pub fn table_of_title(&self, text: &str) -> Option<u8> {
        let t = normalise(text);
        if t.is_empty() || t.chars().count() > self.title_max_chars {
            return None;
        }
        self.tables
            .iter()
            .find(|r| r.all.iter().all(|w| t.contains(w.as_str())) && !r.none.iter().any(|w| t.contains(w.as_str())))
            .map(|r| r.table)
    }

    /// The column rules of `table`: the code/name rules first for the 科目 tables.
    pub fn column_rules(&self, table: u8) -> Vec<&ColumnRule> {
        let mut rules: Vec<&ColumnRule> = Vec::new();
        if matches!(table, 2 | 3 | 5 | 6 | 7 | 8) {
            rules.extend(self.code_columns.iter());
        }
        if let Some(t) = self.columns.iter().find(|t| t.table == table) {
            rules.extend(t.columns.iter());
        }
        rules
    }

    /// True when the normalised label is a 合计 row's.
    pub fn is_total_label(&self, label: &str) -> bool {
        self.totals.iter().any(|t| label == t || label.ends_with(t.as_str()) && label.chars().count() <= 8)
    }

    /// True when the normalised text opens a note row (注：…).
    pub fn is_note(&self, text: &str) -> bool {
        self.notes.iter().any(|n| text.starts_with(n.as_str())) || text.contains("空表")
    }
}

/// The built-in vocabulary (parsed once; the file is part of the program).
pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let text = include_str!("../../assets/import/vocabulary.ron");
        let raw: Vocabulary = ron::from_str(text).unwrap_or_else(|e| panic!("assets/import/vocabulary.ron: {e}"));
        raw.normalised()
    })
}

impl Vocabulary {
    /// Every word in the normal form of [`normalise`], so spellings in the file do not matter.
    fn normalised(mut self) -> Self {
        let n = |v: &mut Vec<String>| v.iter_mut().for_each(|w| *w = normalise(w));
        for t in &mut self.tables {
            n(&mut t.all);
            n(&mut t.none);
        }
        for c in self.code_columns.iter_mut().chain(self.columns.iter_mut().flat_map(|t| t.columns.iter_mut())) {
            n(&mut c.leaf);
            n(&mut c.any);
            n(&mut c.none);
        }
        for r in &mut self.three_public {
            n(&mut r.any);
            n(&mut r.none);
        }
        for s in &mut self.summary {
            n(&mut s.any);
        }
        n(&mut self.totals);
        n(&mut self.notes);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_different_systems_and_years_are_recognised() {
        let v = vocabulary();
        let cases: [(&str, u8); 16] = [
            ("部门收支总表", 1),
            ("部门预算收支总表", 1),
            ("2024年部门收支预算总表", 1),
            ("3.15部门财务收支预算总表 ", 1),
            ("单位收入总表", 2),
            ("1部门收入总表", 2),
            ("部门支出总表", 3),
            ("预算单位支出预算总表", 3),
            ("财政拨款收支总表", 4),
            ("一般公共预算支出表", 5),
            ("部门预算一般公共预算财政拨款支出表", 5),
            ("一般公共预算财政拨款基本支出表", 6),
            ("政府性基金预算支出表", 7),
            ("国有资本经营预算财政拨款支出表", 8),
            ("部门预算财政拨款“三公”经费支出表", 9),
            ("一般公共预算三公经费支出表", 9),
        ];
        for (title, table) in cases {
            assert_eq!(v.table_of_title(title), Some(table), "{title}");
        }
        assert_eq!(v.table_of_title("绩效目标表"), None);
        assert_eq!(v.table_of_title("单位：万元"), None);
    }
}
