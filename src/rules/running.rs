//! Part 3, 机关运行经费 (R-RUN): the stated total against its items and, for 行政单位,
//! against the 公用经费 of the basic budget.

use super::{Finding, Location, Section, Severity, sum_finding};
use crate::model::{Disclosure, FigureSource, Figures, format_amount_plain, round_display};

pub(super) fn check(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    let rc = &doc.running_costs;
    let unit = doc.header.unit.label();
    if let Some(total) = rc.total
        && !rc.items.is_empty()
    {
        let parts: Vec<_> = rc.items.iter().map(|i| i.amount).collect();
        if let Some(mut f) = sum_finding(
            "R-RUN-001",
            Location::field(Section::RunningCosts, "total"),
            "机关运行经费合计",
            "各明细项目",
            total,
            &parts,
        ) {
            if f.severity == Severity::Error {
                f.message.push_str(&format!(
                    "（单位：{unit}）；请补全遗漏的明细项目（如办公费、差旅费、会议费、其他商品和服务支出），或核对合计数"
                ));
            }
            out.push(f);
        }
    }

    // Compare with 公用经费 only when that figure is actually known.
    let public_known = fig.split_source == FigureSource::Tables || !fig.public.is_zero();
    let total = rc.effective_total();
    if !public_known || (rc.total.is_none() && rc.items.is_empty()) {
        return;
    }
    let all_admin = !doc.institutions.is_empty() && doc.institutions.iter().all(|i| i.is_administrative());
    let (t, p) = (round_display(total), round_display(fig.public));
    if all_admin && t != p {
        out.push(Finding::new(
            "R-RUN-002",
            Severity::Warning,
            Location::field(Section::RunningCosts, "total"),
            format!(
                "本部门全部为行政单位，机关运行经费 {} {unit} 应等于基本支出中的公用经费 {} {unit}，两者相差 {} {unit}；请核对",
                format_amount_plain(total),
                format_amount_plain(fig.public),
                format_amount_plain(total.saturating_sub(fig.public).abs())
            ),
        ));
    } else if !all_admin && t > p {
        out.push(Finding::new(
            "R-RUN-003",
            Severity::Warning,
            Location::field(Section::RunningCosts, "total"),
            format!(
                "机关运行经费 {} {unit} 大于基本支出中的公用经费 {} {unit}；机关运行经费是公用经费的一部分，请核对",
                format_amount_plain(total),
                format_amount_plain(fig.public)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Institution, NamedAmount};
    use crate::rules::tests::{d, ids, run};

    fn doc_with(total: Option<&str>, items: &[&str]) -> Disclosure {
        let mut doc = Disclosure::new("测试部门", 2020, "hebei-2020-parts");
        doc.running_costs.total = total.map(d);
        doc.running_costs.items = items.iter().map(|a| NamedAmount { name: "办公费".into(), amount: d(a) }).collect();
        doc
    }

    #[test]
    fn items_must_add_up_to_the_stated_total() {
        let doc = doc_with(Some("25.69"), &["0", "0.42", "5.08", "4.8", "1.17"]);
        let f = run(&doc, check_fig);
        assert_eq!(ids(&f), ["R-RUN-001"]);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.contains("25.69") && f[0].message.contains("11.47"), "{}", f[0].message);
        assert!(run(&doc_with(Some("61.36"), &["9.18", "15.9", "9.94", "4.86", "21.48"]), check_fig).is_empty());
        assert!(run(&doc_with(Some("137.2"), &[]), check_fig).is_empty());
    }

    #[test]
    fn administrative_units_spend_their_public_funds_on_running() {
        let mut doc = doc_with(Some("20"), &[]);
        doc.summary.public = d("25.69");
        doc.institutions.push(Institution { name: "某办".into(), nature: "行政".into(), ..Institution::default() });
        assert_eq!(ids(&run(&doc, check_fig)), ["R-RUN-002"]);
        doc.running_costs.total = Some(d("25.69"));
        assert!(run(&doc, check_fig).is_empty());
        doc.institutions[0].nature = "事业".into();
        doc.running_costs.total = Some(d("30"));
        assert_eq!(ids(&run(&doc, check_fig)), ["R-RUN-003"]);
    }

    fn check_fig(doc: &Disclosure, out: &mut Vec<Finding>) {
        check(doc, &doc.figures(), out)
    }
}
