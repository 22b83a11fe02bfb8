//! The disclosure document: one department's budget disclosure for one year.
//!
//! This module holds the data a finance officer types (or imports) and the pure
//! computations derived from it (parent rows, totals, the part-2 figures). It knows
//! nothing about egui, files or templates, so every front end (GUI, CLI, exporters,
//! rules) reads the same numbers from the same place.
//!
//! Amounts are `rust_decimal::Decimal`, stored exactly as entered, in the unit named by
//! [`Header::unit`]. Derived values (类/款 rows, totals, changes) are never stored.

pub mod amount;
pub mod budget;
pub mod carry;
pub mod codes;
pub mod indicator;
pub mod layout;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use amount::{
    AMOUNT_LIMIT, AmountUnit, checked_sum, format_amount, format_amount_plain, in_range, parse_amount, round_display,
    saturating_sum,
};
pub use budget::{BudgetTables, EconomicLine, FigureSource, Figures, FunctionLine, Income};
pub use carry::{CarriedOver, CarriedPart, roll_forward};
pub use indicator::{Comparator, IndicatorValue, Level1};
pub use layout::{Layout, TextOverride};

/// The draft file format this build writes. Older files are migrated on load; newer
/// ones are refused (see `store`).
pub const FORMAT_VERSION: u32 = 1;

/// A whole disclosure draft. The parts follow the nine-part 说明 of DOMAIN.md; the
/// standard tables are derived from [`BudgetTables`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Disclosure {
    pub format_version: u32,
    pub header: Header,
    /// Part 1: 部门职责.
    pub duties: Duties,
    /// Part 1: 机构设置 table.
    pub institutions: Vec<Institution>,
    /// Part 1: internal offices (内设机构), listed by some departments instead.
    pub offices: Vec<Office>,
    /// Income/expense line items from which the nine standard tables are derived.
    pub budget: BudgetTables,
    /// Part 2: summary figures (input when no tables are filled) and reasons.
    pub summary: Summary,
    /// Part 3: 机关运行经费.
    pub running_costs: RunningCosts,
    /// Part 4: 财政拨款"三公"经费.
    pub three_public: ThreePublic,
    /// Part 5: 预算绩效信息.
    pub performance: Performance,
    /// Part 6: 政府采购预算.
    pub procurement: Procurement,
    /// Part 7: 国有资产信息.
    pub assets: AssetInventory,
    /// Part 8: 名词解释.
    pub glossary: Vec<GlossaryEntry>,
    /// Part 9: 其他需说明的事项.
    pub other_matters: String,
    /// This draft's wording of template headings and fixed sentences (版式).
    #[serde(default)]
    pub layout: Layout,
    /// Items carried over from last year's draft, not yet edited or confirmed.
    #[serde(skip_serializing_if = "CarriedOver::is_empty")]
    pub carried: CarriedOver,
}

impl Default for Disclosure {
    fn default() -> Self {
        Disclosure {
            format_version: FORMAT_VERSION,
            header: Header::default(),
            duties: Duties::default(),
            institutions: Vec::new(),
            offices: Vec::new(),
            budget: BudgetTables::default(),
            summary: Summary::default(),
            running_costs: RunningCosts::default(),
            three_public: ThreePublic::default(),
            performance: Performance::default(),
            procurement: Procurement::default(),
            assets: AssetInventory::default(),
            glossary: Vec::new(),
            other_matters: String::new(),
            layout: Layout::default(),
            carried: CarriedOver::default(),
        }
    }
}

impl Disclosure {
    /// A new, empty draft for `department` and `year`, following `template`.
    pub fn new(department: &str, year: i32, template: &str) -> Self {
        Disclosure {
            header: Header {
                department: department.to_owned(),
                year,
                template: template.to_owned(),
                ..Header::default()
            },
            ..Disclosure::default()
        }
    }

    /// The part-2 figures: from the tables where they are filled, else the summary.
    pub fn figures(&self) -> Figures {
        Figures::of(self)
    }

    /// The year before the budget year ("上年").
    pub fn last_year(&self) -> i32 {
        self.header.year.saturating_sub(1)
    }
}

/// Who publishes, for which year, in which unit and layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Header {
    /// 部门名称, e.g. "保定市徐水区城区办事处".
    pub department: String,
    /// 部门编码 as the budget system prints it, e.g. "520" or "434".
    pub department_code: String,
    /// 预算年度.
    pub year: i32,
    /// The unit every amount of the draft is entered and published in.
    pub unit: AmountUnit,
    /// Template id (see `templates/`), e.g. "hebei-2020-parts".
    pub template: String,
    /// 编制人.
    pub preparer: String,
    /// 编制日期, as typed (e.g. "2024-02-01").
    pub prepared_on: String,
}

impl Default for Header {
    fn default() -> Self {
        Header {
            department: String::new(),
            department_code: String::new(),
            year: 2024,
            unit: AmountUnit::Wan,
            template: String::from("hebei-2024-tables"),
            preparer: String::new(),
            prepared_on: String::new(),
        }
    }
}

/// Part 1: the department's duties as ordered paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Duties {
    /// Optional lead-in before the numbered items (may hold several paragraphs,
    /// separated by newlines).
    pub intro: String,
    /// The duties in order; numbering （一）（二）… is added on export.
    pub items: Vec<String>,
}

/// A row of the 机构设置 table (序号 is its position).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Institution {
    /// 单位名称.
    pub name: String,
    /// 单位性质: 行政 / 事业 / 参公事业….
    pub nature: String,
    /// 单位规格: 正科级, 副处级….
    pub rank: String,
    /// 经费保障形式: 财政拨款, 财政补助….
    pub funding: String,
}

impl Institution {
    /// True for administrative units (行政单位, incl. 参照公务员法管理).
    pub fn is_administrative(&self) -> bool {
        self.nature.contains("行政") || self.nature.contains("参公") || self.nature.contains("参照")
    }
}

/// An internal office (内设机构) with its head and duties.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Office {
    pub name: String,
    pub head: String,
    pub duties: String,
}

/// Part 2 input figures and the reasons written by the officer.
///
/// The amounts here are used only where the tables are empty; see [`Figures`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Summary {
    /// Income by source (used when there are no 功能分类 lines).
    pub income: Income,
    /// 人员经费 (used when there are no 经济分类 lines).
    pub personnel: Decimal,
    /// 日常公用经费 (used when there are no 经济分类 lines).
    pub public: Decimal,
    /// 项目支出 (used when there are no 功能分类 lines).
    pub project: Decimal,
    /// Last year's 基本支出 (上年预算数); the change is computed.
    pub last_basic: Option<Decimal>,
    /// Last year's 项目支出 (上年预算数); the change is computed.
    pub last_project: Option<Decimal>,
    /// Why 基本支出 changed.
    pub basic_change_reason: String,
    /// Why 项目支出 changed.
    pub project_change_reason: String,
    /// What the project budget is mainly for ("主要为…").
    pub project_main_uses: String,
}

/// A name with an amount (机关运行经费 items and similar lists).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NamedAmount {
    pub name: String,
    pub amount: Decimal,
}

/// Part 3: 机关运行经费.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunningCosts {
    /// The total as the budget system states it; `None` means "the sum of the items".
    pub total: Option<Decimal>,
    /// The breakdown (办公费, 邮电费, …), possibly empty.
    pub items: Vec<NamedAmount>,
    /// Free text on what the money is for ("主要用于…"), possibly empty.
    pub note: String,
}

impl RunningCosts {
    /// Sum of the items.
    pub fn items_sum(&self) -> Decimal {
        saturating_sum(self.items.iter().map(|i| i.amount))
    }

    /// Sum of the items, `None` on overflow.
    pub fn checked_items_sum(&self) -> Option<Decimal> {
        checked_sum(self.items.iter().map(|i| i.amount))
    }

    /// The total published: the stated total, else the items' sum.
    pub fn effective_total(&self) -> Decimal {
        self.total.unwrap_or_else(|| self.items_sum())
    }
}

/// One line of the 三公 table: last year, this year, the reason for the change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThreePublicItem {
    pub last_year: Decimal,
    pub this_year: Decimal,
    pub reason: String,
}

impl ThreePublicItem {
    /// 增减金额 = 本年 − 上年.
    pub fn change(&self) -> Decimal {
        self.this_year.saturating_sub(self.last_year)
    }
}

/// Part 4: 财政拨款"三公"经费. The 合计 row and the changes are computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThreePublic {
    /// 因公出国（境）费.
    pub abroad: ThreePublicItem,
    /// 公务用车购置费.
    pub car_purchase: ThreePublicItem,
    /// 公务用车运行维护费.
    pub car_running: ThreePublicItem,
    /// 公务接待费.
    pub reception: ThreePublicItem,
    /// Overall reason for the change of the total.
    pub reason: String,
}

/// Which of the four 三公 items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThreePublicKind {
    Abroad,
    CarPurchase,
    CarRunning,
    Reception,
}

impl ThreePublicKind {
    pub const ALL: [ThreePublicKind; 4] = [
        ThreePublicKind::Abroad,
        ThreePublicKind::CarPurchase,
        ThreePublicKind::CarRunning,
        ThreePublicKind::Reception,
    ];

    /// The item's standard name.
    pub fn label(self) -> &'static str {
        match self {
            ThreePublicKind::Abroad => "因公出国（境）费",
            ThreePublicKind::CarPurchase => "公务用车购置费",
            ThreePublicKind::CarRunning => "公务用车运行维护费",
            ThreePublicKind::Reception => "公务接待费",
        }
    }
}

impl ThreePublic {
    pub fn item(&self, kind: ThreePublicKind) -> &ThreePublicItem {
        match kind {
            ThreePublicKind::Abroad => &self.abroad,
            ThreePublicKind::CarPurchase => &self.car_purchase,
            ThreePublicKind::CarRunning => &self.car_running,
            ThreePublicKind::Reception => &self.reception,
        }
    }

    pub fn item_mut(&mut self, kind: ThreePublicKind) -> &mut ThreePublicItem {
        match kind {
            ThreePublicKind::Abroad => &mut self.abroad,
            ThreePublicKind::CarPurchase => &mut self.car_purchase,
            ThreePublicKind::CarRunning => &mut self.car_running,
            ThreePublicKind::Reception => &mut self.reception,
        }
    }

    /// 本年合计.
    pub fn total_this_year(&self) -> Decimal {
        saturating_sum(ThreePublicKind::ALL.iter().map(|k| self.item(*k).this_year))
    }

    /// 上年合计.
    pub fn total_last_year(&self) -> Decimal {
        saturating_sum(ThreePublicKind::ALL.iter().map(|k| self.item(*k).last_year))
    }

    /// 本年合计 and 上年合计, `None` on overflow.
    pub fn checked_totals(&self) -> Option<(Decimal, Decimal)> {
        let this_year = checked_sum(ThreePublicKind::ALL.iter().map(|k| self.item(*k).this_year))?;
        let last_year = checked_sum(ThreePublicKind::ALL.iter().map(|k| self.item(*k).last_year))?;
        this_year.checked_sub(last_year)?;
        Some((this_year, last_year))
    }

    /// 公务用车购置及运维费 (this year).
    pub fn car_total_this_year(&self) -> Decimal {
        self.car_purchase.this_year.saturating_add(self.car_running.this_year)
    }

    /// 公务用车购置及运维费 (last year).
    pub fn car_total_last_year(&self) -> Decimal {
        self.car_purchase.last_year.saturating_add(self.car_running.last_year)
    }
}

/// Part 5: 预算绩效信息.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Performance {
    /// 部门整体绩效目标: 总体绩效目标.
    pub overall_goal: String,
    /// 分项绩效目标.
    pub sub_goals: Vec<SubGoal>,
    /// 工作保障措施, one paragraph each (numbering added on export).
    pub measures: Vec<String>,
    /// 部门主管专项资金 text (2024 layout), e.g. "无".
    pub special_funds: String,
    /// 项目绩效目标表, one per project.
    pub projects: Vec<Project>,
}

/// A sub-goal of the department's overall performance goal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubGoal {
    pub title: String,
    /// 绩效目标 text.
    pub goal: String,
    /// 绩效指标 text.
    pub indicators: String,
}

/// A project's performance-target table (项目绩效目标表).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// 单位 line above the table, e.g. "520002城区办（机关）".
    pub unit: String,
    /// 项目编码.
    pub code: String,
    /// 项目名称.
    pub name: String,
    /// 财政资金; `None` when the table publishes no amounts.
    pub fiscal: Option<Decimal>,
    /// 其他资金.
    pub other: Option<Decimal>,
    /// 资金用途 / project description.
    pub purpose: String,
    /// 资金支出计划: cumulative % at the end of Mar, Jun, Oct, Dec.
    pub spend_plan: [Option<Decimal>; 4],
    /// 绩效目标 lines (numbering added on export).
    pub goals: Vec<String>,
    /// 绩效指标 rows.
    pub indicators: Vec<Indicator>,
}

impl Project {
    /// 预算数 = 财政资金 + 其他资金, or `None` when neither is given.
    pub fn budget(&self) -> Option<Decimal> {
        match (self.fiscal, self.other) {
            (None, None) => None,
            (f, o) => Some(f.unwrap_or_default().saturating_add(o.unwrap_or_default())),
        }
    }

    /// [`Self::budget`], or `Some(None)` when the sum overflows.
    pub fn checked_budget(&self) -> Option<Option<Decimal>> {
        match (self.fiscal, self.other) {
            (None, None) => None,
            (f, o) => Some(f.unwrap_or_default().checked_add(o.unwrap_or_default())),
        }
    }
}

/// The four checkpoints of a spend plan, in order.
pub const SPEND_PLAN_LABELS: [&str; 4] = ["3月底", "6月底", "10月底", "12月底"];

/// One 绩效指标 row. The value is kept as typed; [`IndicatorValue::parse`] reads it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Indicator {
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标 (the indicator's name).
    pub level3: String,
    /// 绩效指标描述.
    pub description: String,
    /// 指标值, as typed ("≥90%", "13名", "达成").
    pub value: String,
    /// 指标值确定依据.
    pub basis: String,
}

impl Indicator {
    /// The value, parsed.
    pub fn parsed_value(&self) -> IndicatorValue {
        IndicatorValue::parse(&self.value)
    }
}

/// Part 6: 政府采购预算.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Procurement {
    pub rows: Vec<ProcurementRow>,
    /// Notes printed under the table ("注：同一采购目录序号的物品…").
    pub notes: Vec<String>,
}

impl Procurement {
    /// Σ row totals.
    pub fn total(&self) -> Decimal {
        saturating_sum(self.rows.iter().map(|r| r.total()))
    }

    /// Σ row totals, `None` on overflow (of a row or of the sum).
    pub fn checked_total(&self) -> Option<Decimal> {
        self.rows.iter().try_fold(Decimal::ZERO, |sum, r| sum.checked_add(r.funds.checked_total()?))
    }

    /// Σ of each fund column over all rows.
    pub fn funds_total(&self) -> Funds {
        let mut sum = Funds::default();
        for r in &self.rows {
            sum.add(&r.funds);
        }
        sum
    }

    /// The distinct units in order of first appearance, with their rows' indices.
    pub fn units(&self) -> Vec<(String, Vec<usize>)> {
        let mut units: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            match units.iter_mut().find(|(u, _)| *u == r.unit) {
                Some((_, rows)) => rows.push(i),
                None => units.push((r.unit.clone(), vec![i])),
            }
        }
        units
    }
}

/// Amounts by fund source (政府采购 columns).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Funds {
    /// 一般公共预算拨款.
    pub general_budget: Decimal,
    /// 政府性基金预算拨款.
    pub gov_fund: Decimal,
    /// 国有资本经营预算拨款.
    pub state_capital: Decimal,
    /// 财政专户核拨.
    pub fiscal_special: Decimal,
    /// 单位资金 / 其他来源收入.
    pub unit_funds: Decimal,
    /// 上年结转结余.
    pub carryover: Decimal,
}

impl Funds {
    /// The fund columns in table order.
    pub fn columns(&self) -> [Decimal; 6] {
        [self.general_budget, self.gov_fund, self.state_capital, self.fiscal_special, self.unit_funds, self.carryover]
    }

    pub fn total(&self) -> Decimal {
        saturating_sum(self.columns())
    }

    /// Σ fund columns, `None` on overflow.
    pub fn checked_total(&self) -> Option<Decimal> {
        checked_sum(self.columns())
    }

    /// Adds `other` column by column (clamped at `Decimal`'s limits, never panicking).
    pub fn add(&mut self, other: &Funds) {
        self.general_budget = self.general_budget.saturating_add(other.general_budget);
        self.gov_fund = self.gov_fund.saturating_add(other.gov_fund);
        self.state_capital = self.state_capital.saturating_add(other.state_capital);
        self.fiscal_special = self.fiscal_special.saturating_add(other.fiscal_special);
        self.unit_funds = self.unit_funds.saturating_add(other.unit_funds);
        self.carryover = self.carryover.saturating_add(other.carryover);
    }
}

/// A row of the 政府采购预算 table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcurementRow {
    /// The budget unit the row belongs to (rows are subtotalled per unit).
    pub unit: String,
    /// 政府采购项目来源: 项目名称.
    pub project: String,
    /// 政府采购项目来源: 预算资金.
    pub project_budget: Option<Decimal>,
    /// 采购物品名称.
    pub item: String,
    /// 政府采购目录序号, as printed ("C1204", "[B0899]其他建筑物、构筑物修缮").
    pub catalog: String,
    /// 计量单位.
    pub measure: String,
    /// 数量.
    pub quantity: Option<Decimal>,
    /// 单价.
    pub unit_price: Option<Decimal>,
    /// 政府采购金额 by fund source.
    pub funds: Funds,
}

impl ProcurementRow {
    /// 合计 = Σ fund columns.
    pub fn total(&self) -> Decimal {
        self.funds.total()
    }

    /// 数量 × 单价 when both are given; `Some(None)` when the product overflows.
    pub fn checked_amount(&self) -> Option<Option<Decimal>> {
        Some(self.quantity?.checked_mul(self.unit_price?))
    }

    /// The catalogue code part of [`Self::catalog`] ("B0899" of "[B0899]其他…").
    pub fn catalog_code(&self) -> &str {
        let s = self.catalog.trim();
        let s = s.strip_prefix('[').or_else(|| s.strip_prefix('【')).unwrap_or(s);
        let end = s.char_indices().find(|(_, c)| !c.is_ascii_alphanumeric()).map(|(i, _)| i).unwrap_or(s.len());
        &s[..end]
    }
}

/// Part 7: the fixed-asset inventory (固定资产占用情况表) and planned purchases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetInventory {
    /// 截止时间, as typed ("2019-12-31" or "2019年12月31日").
    pub as_of: String,
    /// The rows in order; 总额 is the sum of the non-sub-item rows.
    pub categories: Vec<AssetCategory>,
    /// 本年度拟购置固定资产金额.
    pub planned_purchase: Decimal,
    /// What the planned purchase is ("主要为辖区健身器材").
    pub planned_note: String,
}

impl AssetInventory {
    /// 固定资产总额 = Σ top-level categories.
    pub fn total_value(&self) -> Decimal {
        saturating_sum(self.categories.iter().filter(|c| !c.sub_item).filter_map(|c| c.value))
    }

    /// 固定资产总额, `None` on overflow.
    pub fn checked_total_value(&self) -> Option<Decimal> {
        checked_sum(self.categories.iter().filter(|c| !c.sub_item).filter_map(|c| c.value))
    }
}

/// A row of the asset inventory.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetCategory {
    /// "房屋", "车辆", "单价在50万元以上的设备", "其他固定资产"….
    pub name: String,
    /// 数量单位: "平方米", "台、辆", "台、套"; empty for none.
    pub quantity_unit: String,
    pub quantity: Option<Decimal>,
    pub value: Option<Decimal>,
    /// A "其中：" row, included in the row above, not in the total.
    pub sub_item: bool,
}

/// A glossary entry (名词解释).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
}
