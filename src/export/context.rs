//! The values a template's texts can use, and the filters that format them.
//!
//! Every amount is passed to minijinja as its exact decimal string ("264.153365") and
//! formatted by a filter, so templates never round on their own and no float is
//! involved. The variables are documented in `templates/README.md`; keep both in step.

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Disclosure, Income, ThreePublicItem, format_amount, format_amount_plain, saturating_sum};

/// The minijinja environment with the amount filters and tests.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_filter("amount", |v: Value| decimal_of(&v).map(format_amount_plain));
    env.add_filter("amount2", |v: Value| decimal_of(&v).map(|d| format_amount(d, false)));
    env.add_filter("change", change_filter);
    env.add_test("zero", |v: Value| decimal_of(&v).map(|d| d.is_zero()).unwrap_or(false));
    env
}

/// Reads an amount passed as a decimal string (or a plain integer from a template).
fn decimal_of(v: &Value) -> Result<Decimal, Error> {
    if v.is_none() || v.is_undefined() {
        return Err(Error::new(ErrorKind::InvalidOperation, "金额为空（上年数未填写？）"));
    }
    if let Some(s) = v.as_str() {
        return s.parse::<Decimal>().map_err(|_| Error::new(ErrorKind::InvalidOperation, format!("“{s}”不是金额")));
    }
    if let Some(i) = v.as_i64() {
        return Ok(Decimal::from(i));
    }
    if let Some(obj) = v.get_attr("value").ok().filter(|a| !a.is_undefined()) {
        return decimal_of(&obj);
    }
    Err(Error::new(ErrorKind::InvalidOperation, format!("{v} 不是金额")))
}

/// `{{ c | change(unit, same) }}`: "增加92.5万元", "减少1.1万元", or `same` (default
/// "持平") when the change rounds to zero; `c` is a change object or a signed amount,
/// `unit` defaults to "万元".
fn change_filter(v: Value, unit: Option<String>, same: Option<String>) -> Result<String, Error> {
    let d = crate::model::round_display(decimal_of(&v)?);
    let unit = unit.unwrap_or_else(|| "万元".to_owned());
    Ok(match d.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => format!("增加{}{unit}", format_amount_plain(d)),
        std::cmp::Ordering::Less => format!("减少{}{unit}", format_amount_plain(-d)),
        std::cmp::Ordering::Equal => same.unwrap_or_else(|| "持平".to_owned()),
    })
}

/// An exact amount as the string the filters read.
fn amt(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A change between last year and this year.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Signed (this − last).
    pub value: String,
    /// Absolute value.
    pub abs: String,
    /// "增加", "减少" or "持平".
    pub word: &'static str,
    /// True when unchanged after rounding to 0.01.
    pub zero: bool,
}

impl Change {
    fn of(d: Decimal) -> Change {
        let rounded = crate::model::round_display(d);
        Change {
            value: amt(d),
            abs: amt(d.abs()),
            word: if rounded.is_zero() {
                "持平"
            } else if d > Decimal::ZERO {
                "增加"
            } else {
                "减少"
            },
            zero: rounded.is_zero(),
        }
    }
}

#[derive(Debug, Serialize)]
struct IncomeCtx {
    general_budget: String,
    gov_fund: String,
    state_capital: String,
    fiscal_special: String,
    business: String,
    operating: String,
    superior: String,
    affiliated: String,
    other: String,
    carryover: String,
    fiscal: String,
    unit_funds: String,
    other_sources: String,
    this_year: String,
    total: String,
}

impl IncomeCtx {
    fn of(i: &Income) -> Self {
        IncomeCtx {
            general_budget: amt(i.general_budget),
            gov_fund: amt(i.gov_fund),
            state_capital: amt(i.state_capital),
            fiscal_special: amt(i.fiscal_special),
            business: amt(i.business),
            operating: amt(i.operating),
            superior: amt(i.superior),
            affiliated: amt(i.affiliated),
            other: amt(i.other),
            carryover: amt(i.carryover),
            fiscal: amt(i.fiscal()),
            unit_funds: amt(i.unit_funds()),
            other_sources: amt(i.unit_funds().saturating_add(i.carryover)),
            this_year: amt(i.this_year()),
            total: amt(i.total()),
        }
    }
}

#[derive(Debug, Serialize)]
struct FiguresCtx {
    income: IncomeCtx,
    basic: String,
    personnel: String,
    public: String,
    project: String,
    expense_total: String,
    other_expense: String,
    last_basic: Option<String>,
    last_project: Option<String>,
    last_total: Option<String>,
    total_change: Option<Change>,
    basic_change: Option<Change>,
    project_change: Option<Change>,
    basic_change_reason: String,
    project_change_reason: String,
    project_main_uses: String,
}

#[derive(Debug, Serialize)]
struct NamedCtx {
    name: String,
    amount: String,
}

#[derive(Debug, Serialize)]
struct RunningCtx {
    total: String,
    items: Vec<NamedCtx>,
    note: String,
}

#[derive(Debug, Serialize)]
struct ItemCtx {
    this_year: String,
    last_year: String,
    change: Change,
    reason: String,
}

impl ItemCtx {
    fn of(this_year: Decimal, last_year: Decimal, reason: &str) -> Self {
        ItemCtx {
            this_year: amt(this_year),
            last_year: amt(last_year),
            change: Change::of(this_year.saturating_sub(last_year)),
            reason: reason.trim().to_owned(),
        }
    }

    fn item(i: &ThreePublicItem) -> Self {
        ItemCtx::of(i.this_year, i.last_year, &i.reason)
    }
}

#[derive(Debug, Serialize)]
struct ThreePublicCtx {
    total: ItemCtx,
    abroad: ItemCtx,
    car_purchase: ItemCtx,
    car_running: ItemCtx,
    car_total: ItemCtx,
    reception: ItemCtx,
    reason: String,
}

#[derive(Debug, Serialize)]
struct PerformanceCtx {
    special_funds: String,
    project_count: usize,
    projects_total: String,
}

#[derive(Debug, Serialize)]
struct ProcurementCtx {
    total: String,
    general_budget: String,
    gov_fund: String,
    state_capital: String,
    fiscal_special: String,
    unit_funds: String,
    carryover: String,
    row_count: usize,
}

#[derive(Debug, Serialize)]
struct AssetsCtx {
    as_of: String,
    total: String,
    planned_purchase: String,
    planned_note: String,
}

/// The context of every text of a draft (see `templates/README.md`).
#[derive(Debug, Serialize)]
pub struct Context {
    department: String,
    department_code: String,
    year: i32,
    last_year: i32,
    unit: &'static str,
    figures: FiguresCtx,
    running_costs: RunningCtx,
    three_public: ThreePublicCtx,
    performance: PerformanceCtx,
    procurement: ProcurementCtx,
    assets: AssetsCtx,
    other_matters: String,
}

impl Context {
    /// Collects the context of `doc`.
    pub fn of(doc: &Disclosure) -> Context {
        let f = doc.figures();
        let s = &doc.summary;
        let tp = &doc.three_public;
        let funds = doc.procurement.funds_total();
        Context {
            department: doc.header.department.trim().to_owned(),
            department_code: doc.header.department_code.trim().to_owned(),
            year: doc.header.year,
            last_year: doc.last_year(),
            unit: doc.header.unit.label(),
            figures: FiguresCtx {
                income: IncomeCtx::of(&f.income),
                basic: amt(f.basic),
                personnel: amt(f.personnel),
                public: amt(f.public),
                project: amt(f.project),
                expense_total: amt(f.expense_total()),
                other_expense: amt(f.income_total().saturating_sub(f.expense_total()).max(Decimal::ZERO)),
                last_basic: f.last_basic.map(amt),
                last_project: f.last_project.map(amt),
                last_total: f.last_total().map(amt),
                total_change: f.total_change().map(Change::of),
                basic_change: f.basic_change().map(Change::of),
                project_change: f.project_change().map(Change::of),
                basic_change_reason: s.basic_change_reason.trim().to_owned(),
                project_change_reason: s.project_change_reason.trim().to_owned(),
                project_main_uses: s.project_main_uses.trim().to_owned(),
            },
            running_costs: RunningCtx {
                total: amt(doc.running_costs.effective_total()),
                items: doc
                    .running_costs
                    .items
                    .iter()
                    .map(|i| NamedCtx { name: i.name.trim().to_owned(), amount: amt(i.amount) })
                    .collect(),
                note: doc.running_costs.note.trim().to_owned(),
            },
            three_public: ThreePublicCtx {
                total: ItemCtx::of(tp.total_this_year(), tp.total_last_year(), &tp.reason),
                abroad: ItemCtx::item(&tp.abroad),
                car_purchase: ItemCtx::item(&tp.car_purchase),
                car_running: ItemCtx::item(&tp.car_running),
                car_total: ItemCtx::of(tp.car_total_this_year(), tp.car_total_last_year(), &tp.car_running.reason),
                reception: ItemCtx::item(&tp.reception),
                reason: tp.reason.trim().to_owned(),
            },
            performance: PerformanceCtx {
                special_funds: doc.performance.special_funds.trim().to_owned(),
                project_count: doc.performance.projects.len(),
                projects_total: amt(saturating_sum(doc.performance.projects.iter().filter_map(|p| p.budget()))),
            },
            procurement: ProcurementCtx {
                total: amt(doc.procurement.total()),
                general_budget: amt(funds.general_budget),
                gov_fund: amt(funds.gov_fund),
                state_capital: amt(funds.state_capital),
                fiscal_special: amt(funds.fiscal_special),
                unit_funds: amt(funds.unit_funds),
                carryover: amt(funds.carryover),
                row_count: doc.procurement.rows.len(),
            },
            assets: AssetsCtx {
                as_of: doc.assets.as_of.trim().to_owned(),
                total: amt(doc.assets.total_value()),
                planned_purchase: amt(doc.assets.planned_purchase),
                planned_note: doc.assets.planned_note.trim().to_owned(),
            },
            other_matters: doc.other_matters.trim().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_format_like_the_seeds() {
        let env = environment();
        let r = |src: &str| env.render_str(src, minijinja::context! { a => "1445.10", c => "-1.1", z => "0.001" });
        assert_eq!(r("{{ a | amount }}").unwrap(), "1445.1");
        assert_eq!(r("{{ a | amount2 }}").unwrap(), "1445.10");
        assert_eq!(r("{{ c | change }}").unwrap(), "减少1.1万元");
        assert_eq!(r("{{ a | change('元') }}").unwrap(), "增加1445.1元");
        assert_eq!(r("{{ z | change('万元', '无增减变化') }}").unwrap(), "无增减变化");
        assert_eq!(r("{% if z is zero %}0{% endif %}").unwrap(), "");
        assert_eq!(r("{{ 0 | amount }}").unwrap(), "0");
        assert!(r("{{ nothing | amount }}").is_err());
    }

    #[test]
    fn changes_are_worded_by_sign() {
        assert_eq!(Change::of(Decimal::new(925, 1)).word, "增加");
        assert_eq!(Change::of(Decimal::new(-11, 1)).word, "减少");
        assert_eq!(Change::of(Decimal::new(1, 3)).word, "持平");
        assert_eq!(Change::of(Decimal::new(-11, 1)).abs, "1.1");
    }
}
