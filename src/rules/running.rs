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
    // 行政单位 spend all their 公用经费 on running costs. Only a listed 事业单位 explains a
    // gap; without an institution table the two are compared all the same.
    let has_public_service_unit =
        doc.institutions.iter().any(|i| !i.nature.trim().is_empty() && !i.is_administrative());
    let (t, p) = (round_display(total), round_display(fig.public));
    if !has_public_service_unit && t != p {
        let who = if doc.institutions.is_empty() {
            "机构设置中没有列出事业单位，按行政单位"
        } else {
            "本部门全部为行政单位，"
        };
        out.push(Finding::new(
            "R-RUN-002",
            Severity::Warning,
            Location::field(Section::RunningCosts, "total"),
            format!(
                "第三部分机关运行经费 {} {unit} 与第二部分基本支出中的日常公用经费 {} {unit} 相差 {} {unit}；{who}两者应相等，请核对两处数字（含事业单位的请在机构设置中列出）",
                format_amount_plain(total),
                format_amount_plain(fig.public),
                format_amount_plain(total.saturating_sub(fig.public).abs())
            ),
        ));
    } else if has_public_service_unit && t > p {
        out.push(Finding::new(
            "R-RUN-003",
            Severity::Warning,
            Location::field(Section::RunningCosts, "total"),
            format!(
                "机关运行经费 {} {unit} 大于基本支出中的日常公用经费 {} {unit}；机关运行经费是公用经费的一部分，请核对",
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

    #[test]
    fn running_costs_are_compared_with_public_funds_without_an_institution_table() {
        let mut doc = doc_with(Some("20"), &[]);
        doc.summary.public = d("25.69");
        let f = run(&doc, check_fig);
        assert_eq!(ids(&f), ["R-RUN-002"]);
        assert!(f[0].message.contains("20") && f[0].message.contains("25.69"), "{}", f[0].message);
        // Near misses: equal after rounding; a listed 事业单位 with a smaller figure.
        doc.running_costs.total = Some(d("25.694"));
        assert!(run(&doc, check_fig).is_empty());
        doc.running_costs.total = Some(d("20"));
        doc.institutions
            .push(Institution { name: "某中心".into(), nature: "事业".into(), ..Institution::default() });
        assert!(run(&doc, check_fig).is_empty());
    }

    fn check_fig(doc: &Disclosure, out: &mut Vec<Finding>) {
        check(doc, &doc.figures(), out)
    }
}
