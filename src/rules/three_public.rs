//! Part 4, 财政拨款“三公”经费 (R-TPB): the total, the reasons against the changes, and
//! the car-running figure against the basic budget.

use rust_decimal::Decimal;

use super::tables::{contradiction, describe_change};
use super::{Finding, Location, Section, Severity, sum_finding};
use crate::model::{Disclosure, ThreePublicKind, format_amount_plain, round_display};

pub(super) fn check(doc: &Disclosure, out: &mut Vec<Finding>) {
    let tp = &doc.three_public;
    let unit = doc.header.unit.label();
    for (total, field, what) in [
        (tp.total_this_year(), "this_year", "本年“三公”经费合计"),
        (tp.total_last_year(), "last_year", "上年“三公”经费合计"),
    ] {
        let parts: Vec<_> = ThreePublicKind::ALL
            .iter()
            .map(|k| {
                let item = tp.item(*k);
                if field == "this_year" { item.this_year } else { item.last_year }
            })
            .collect();
        if let Some(f) =
            sum_finding("R-TPB-001", Location::field(Section::ThreePublic, field), what, "四项经费", total, &parts)
        {
            out.push(f);
        }
    }

    for (row, kind) in ThreePublicKind::ALL.iter().enumerate() {
        let item = tp.item(*kind);
        if let Some(why) = contradiction(item.change(), &item.reason) {
            out.push(Finding::new(
                "R-TPB-003",
                Severity::Warning,
                Location::cell(Section::ThreePublic, row, "reason"),
                format!(
                    "{}比上年{}，{why}：“{}”；请核对上年、本年预算数或改写原因",
                    kind.label(),
                    describe_change(item.change(), unit),
                    item.reason.trim()
                ),
            ));
        }
    }
    let total_change = tp.total_this_year().saturating_sub(tp.total_last_year());
    if let Some(why) = contradiction(total_change, &tp.reason) {
        out.push(Finding::new(
            "R-TPB-003",
            Severity::Warning,
            Location::field(Section::ThreePublic, "reason"),
            format!(
                "“三公”经费合计比上年{}，{why}：“{}”；请核对或改写原因",
                describe_change(total_change, unit),
                tp.reason.trim()
            ),
        ));
    }

    // 30231 in table 6 is basic-budget car running; 三公 adds any project money, so it
    // can be larger but never smaller.
    let running = round_display(tp.car_running.this_year);
    let basic_30231: Option<_> = doc
        .budget
        .economic_lines
        .iter()
        .filter(|l| l.code.trim() == "30231")
        .map(|l| l.total())
        .reduce(Decimal::saturating_add);
    if let Some(basic) = basic_30231
        && round_display(basic) > running
    {
        out.push(Finding::new(
            "R-TPB-002",
            Severity::Warning,
            Location::cell(Section::ThreePublic, 2, "this_year"),
            format!(
                "公务用车运行维护费 {} {unit} 小于基本支出经济分类 30231 公务用车运行维护费 {} {unit}；“三公”经费包含基本支出中的公车运行费，请核对",
                format_amount_plain(tp.car_running.this_year),
                format_amount_plain(basic)
            ),
        ));
    }
    for (i, item) in doc.running_costs.items.iter().enumerate() {
        // The same expense in parts 3 and 4: projects may fund part of the 三公 figure,
        // so a difference is worth a look, never an error.
        let same = if item.name.contains("公务用车运行") {
            Some(ThreePublicKind::CarRunning)
        } else if item.name.contains("公务接待") {
            Some(ThreePublicKind::Reception)
        } else {
            None
        };
        if let Some(kind) = same {
            let three = tp.item(kind).this_year;
            let over = kind == ThreePublicKind::CarRunning && round_display(item.amount) > running;
            if !over && round_display(item.amount) != round_display(three) {
                out.push(Finding::new(
                    "R-TPB-005",
                    Severity::Notice,
                    Location::cell(Section::RunningCosts, i, "amount"),
                    format!(
                        "机关运行经费中的{} {} {unit} 与“三公”经费中的{} {} {unit} 不同；若差额由项目支出安排可忽略，否则请核对两处数字",
                        item.name.trim(),
                        format_amount_plain(item.amount),
                        kind.label(),
                        format_amount_plain(three)
                    ),
                ));
            }
        }
        if item.name.contains("公务用车运行") && round_display(item.amount) > running {
            out.push(Finding::new(
                "R-TPB-004",
                Severity::Warning,
                Location::cell(Section::RunningCosts, i, "amount"),
                format!(
                    "机关运行经费中的公务用车运行维护费 {} {unit} 大于“三公”经费中的公务用车运行维护费 {} {unit}；请核对两处数字",
                    format_amount_plain(item.amount),
                    format_amount_plain(tp.car_running.this_year)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EconomicLine, NamedAmount};
    use crate::rules::tests::{d, ids, run};

    fn doc() -> Disclosure {
        let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
        for k in ThreePublicKind::ALL {
            doc.three_public.item_mut(k).reason = "无增减变化".into();
        }
        doc.three_public.car_running.last_year = d("6");
        doc.three_public.car_running.this_year = d("6");
        doc
    }

    #[test]
    fn consistent_table_has_no_findings() {
        assert!(run(&doc(), check).is_empty());
    }

    #[test]
    fn reasons_must_match_the_direction_of_the_change() {
        let mut doc = doc();
        doc.three_public.car_running.this_year = d("5.4");
        let f = run(&doc, check);
        assert_eq!(ids(&f), ["R-TPB-003"]);
        assert_eq!(f[0].location, Location::cell(Section::ThreePublic, 2, "reason"));
        doc.three_public.car_running.reason = "压减公车运行维护费支出".into();
        assert!(run(&doc, check).is_empty());
        doc.three_public.car_running.reason = "公车运行费增加".into();
        assert_eq!(ids(&run(&doc, check)), ["R-TPB-003"]);
    }

    #[test]
    fn car_running_covers_the_basic_budget_line() {
        let mut doc = doc();
        doc.budget.economic_lines.push(EconomicLine {
            code: "30231".into(),
            name: "公务用车运行维护费".into(),
            public: d("7"),
            ..EconomicLine::default()
        });
        doc.running_costs.items.push(NamedAmount { name: "公务用车运行维护费".into(), amount: d("6.5") });
        let f = run(&doc, check);
        assert_eq!(ids(&f), ["R-TPB-002", "R-TPB-004"]);
        doc.budget.economic_lines[0].public = d("4.8");
        doc.running_costs.items[0].amount = d("4.8");
        // Only the notice that parts 3 and 4 differ (projects may pay the other 1.2) remains.
        assert_eq!(ids(&run(&doc, check)), ["R-TPB-005"]);
    }

    #[test]
    fn running_cost_items_are_compared_with_the_three_public_items() {
        let mut doc = doc();
        doc.three_public.reception.this_year = d("2");
        doc.three_public.reception.last_year = d("2");
        doc.running_costs.items.push(NamedAmount { name: "公务接待费".into(), amount: d("1.5") });
        doc.running_costs.items.push(NamedAmount { name: "公务用车运行维护费".into(), amount: d("4") });
        let f = run(&doc, check);
        assert_eq!(ids(&f), ["R-TPB-005", "R-TPB-005"]);
        assert!(f.iter().all(|f| f.severity == Severity::Notice));
        assert!(f[0].message.contains("1.5") && f[0].message.contains('2'), "{}", f[0].message);
        // Near miss: the same figures in both parts; other items are not compared.
        doc.running_costs.items[0].amount = d("2");
        doc.running_costs.items[1].amount = d("6");
        doc.running_costs.items.push(NamedAmount { name: "办公费".into(), amount: d("9") });
        assert!(run(&doc, check).is_empty());
    }

    #[test]
    fn published_rounding_of_the_total_is_a_notice() {
        let mut doc = doc();
        for k in [ThreePublicKind::Abroad, ThreePublicKind::CarRunning, ThreePublicKind::Reception] {
            doc.three_public.item_mut(k).last_year = d("0.004");
            doc.three_public.item_mut(k).this_year = d("0.004");
        }
        let f = run(&doc, check);
        assert_eq!(ids(&f), ["R-TPB-001", "R-TPB-001"]);
        assert!(f.iter().all(|f| f.severity == Severity::Notice));
    }
}
