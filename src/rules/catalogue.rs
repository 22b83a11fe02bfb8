//! The list of every rule: its ID, the most serious severity it reports, a short title
//! and what it checks. The GUI shows it as help; `docs/RULES.md` is written from it.
//!
//! Rules built on `sum_finding` report a 提示 for a gap rounding can explain and their
//! listed severity for a larger one; rules listed as 提示 there can only see rounding
//! gaps because the model derives the total from its parts.

use super::Severity::{self, Error, Notice, Warning};

/// A rule of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable ID, e.g. "R-RUN-001".
    pub id: &'static str,
    /// The most serious severity the rule reports.
    pub severity: Severity,
    /// Short Chinese title.
    pub title: &'static str,
    /// One line: what the rule checks.
    pub description: &'static str,
}

const fn r(id: &'static str, severity: Severity, title: &'static str, description: &'static str) -> RuleInfo {
    RuleInfo { id, severity, title, description }
}

/// Every rule `validate` can report, in catalogue order.
pub const CATALOGUE: &[RuleInfo] = &[
    r("R-HDR-001", Error, "部门名称为空", "封面信息必须填写部门名称"),
    r("R-HDR-002", Error, "预算年度无效", "预算年度应为 2000–2100 之间的年份"),
    r("R-INS-001", Warning, "机构设置为空", "第一部分应列出本部门及所属单位"),
    r("R-INS-002", Warning, "机构信息不全", "机构设置每行应填写单位名称和单位性质"),
    r(
        "R-INC-001",
        Error,
        "收入总计与支出总计不符",
        "收入总计（各项收入 + 上年结转）应等于支出总计（基本支出 + 项目支出）",
    ),
    r("R-INC-002", Notice, "本年收入合计的四舍五入差异", "本年收入合计与公开的各项收入之和的四舍五入差异"),
    r("R-INC-003", Error, "科目收入与支出不符", "每个功能分类科目的收入合计应等于其基本支出 + 项目支出"),
    r("R-TAB-001", Notice, "上级科目与下级科目之和", "功能分类类 = Σ 款、款 = Σ 项（公开数四舍五入后）"),
    r("R-TAB-002", Notice, "支出合计与各类科目之和", "表3 合计行 = Σ 类级科目（公开数四舍五入后）"),
    r("R-TAB-003", Notice, "支出合计与基本、项目支出之和", "支出合计 = 基本支出 + 项目支出（公开数四舍五入后）"),
    r("R-TAB-004", Notice, "经济分类类级与款级之和", "经济分类类 = Σ 款（公开数四舍五入后）"),
    r("R-TAB-005", Notice, "表6 合计与人员、公用经费之和", "基本支出合计 = 人员经费 + 公用经费（公开数四舍五入后）"),
    r("R-TAB-006", Notice, "表6 合计与各类科目之和", "表6 合计行 = Σ 经济分类类级科目（公开数四舍五入后）"),
    r("R-TAB-007", Error, "表3 基本支出与表6 不符", "功能分类的基本支出合计应等于经济分类基本支出合计"),
    r("R-SUM-001", Warning, "缺少增减原因", "基本支出或项目支出比上年有增减时应说明原因"),
    r("R-SUM-002", Warning, "增减原因与增减方向矛盾", "原因中写增加而金额减少（或相反、或写持平而有变化）"),
    r("R-COD-001", Error, "功能分类编码格式错误", "功能分类编码应为 3、5 或 7 位数字"),
    r("R-COD-002", Warning, "功能分类编码不在科目表中", "编码不在预算年度适用的支出功能分类科目表中"),
    r("R-COD-003", Error, "功能分类编码重复", "同一功能分类科目只能填一行"),
    r("R-COD-004", Error, "功能分类上下级科目同时填写", "上级科目由下级汇总，同时填写会重复计算"),
    r("R-COD-005", Error, "经济分类编码格式错误", "经济分类编码应为 3 或 5 位数字"),
    r("R-COD-006", Warning, "经济分类编码不在科目表中", "编码不在部门预算支出经济分类科目表中"),
    r("R-COD-007", Error, "经济分类编码重复", "同一经济分类科目只能填一行"),
    r("R-COD-008", Error, "经济分类上下级科目同时填写", "上级科目由下级汇总，同时填写会重复计算"),
    r("R-COD-009", Notice, "科目名称与科目表不一致", "录入的科目名称与科目表中该编码的名称不同"),
    r("R-ECO-001", Warning, "人员经费科目不符", "人员经费只应出现在 301、303 类科目下"),
    r("R-ECO-002", Warning, "公用经费科目不符", "公用经费通常只出现在 302、310 类科目下"),
    r("R-RUN-001", Error, "机关运行经费合计与明细不符", "机关运行经费合计应等于各明细项目之和"),
    r(
        "R-RUN-002",
        Warning,
        "行政单位机关运行经费与公用经费不符",
        "全部为行政单位时，机关运行经费应等于基本支出中的公用经费",
    ),
    r("R-RUN-003", Warning, "机关运行经费大于公用经费", "机关运行经费是公用经费的一部分，不应更大"),
    r("R-TPB-001", Notice, "“三公”经费合计的四舍五入差异", "“三公”经费合计 = 四项经费之和（公开数四舍五入后）"),
    r("R-TPB-002", Warning, "公车运行费小于经济分类 30231", "“三公”公务用车运行维护费不应小于基本支出 30231 科目"),
    r("R-TPB-003", Warning, "“三公”增减原因与增减方向矛盾", "原因中写增加而金额减少（或相反、或写无增减而有变化）"),
    r(
        "R-TPB-004",
        Warning,
        "机关运行经费中的公车运行费过大",
        "机关运行经费中的公务用车运行维护费不应大于“三公”中的该项",
    ),
    r("R-PRF-001", Warning, "分项目标内容重复", "两个分项目标的绩效目标或绩效指标文字完全相同"),
    r("R-PRJ-001", Warning, "项目预算数之和与项目支出不符", "各项目预算数之和应等于项目支出（只公开重点项目时可忽略）"),
    r("R-PRJ-002", Warning, "项目缺少金额", "有项目编码的项目应填写预算数"),
    r("R-PRJ-003", Error, "支出计划超出范围", "资金支出计划是 0–100 之间的累计百分比"),
    r("R-PRJ-004", Error, "支出计划减少", "资金支出计划是累计进度，后一节点不能小于前一节点"),
    r("R-PRJ-005", Warning, "支出计划未达到 100%", "资金支出计划最后填写的节点应为 100%"),
    r("R-PRJ-006", Error, "资金用途中的金额与预算数不符", "资金用途中“项目预算资金X万元”应等于项目预算数"),
    r("R-PRJ-007", Warning, "项目编码重复", "两个项目使用了同一个项目编码"),
    r("R-IND-001", Error, "一级指标不规范", "一级指标应为产出、效益（效果）、满意度或成本指标"),
    r("R-IND-002", Error, "二级指标不规范", "二级指标不在规定的指标体系中或为空"),
    r("R-IND-003", Error, "二级指标放错一级", "二级指标必须放在它所属的一级指标下（如社会效益指标属于效益指标）"),
    r("R-IND-004", Error, "缺少产出或效益指标", "每个项目都应设置产出指标和效益指标"),
    r("R-IND-005", Warning, "缺少满意度指标", "项目原则上应设置服务对象满意度指标"),
    r("R-IND-006", Warning, "项目没有绩效指标", "每个项目都应有绩效指标表"),
    r("R-IND-007", Error, "指标值无法识别", "指标值应为比较符号 + 数值 + 单位，或定性值"),
    r("R-IND-008", Error, "指标值为空", "每个指标都应填写指标值"),
    r("R-IND-009", Warning, "指标名称或描述为空", "三级指标和指标描述都应填写"),
    r("R-IND-010", Warning, "指标值缺少单位", "定量指标值应带计量单位（如 %、个、次）"),
    r("R-IND-011", Warning, "比率指标用了数量单位", "名称为“…率/…度”的指标，指标值不应以个、次、人、㎡等为单位"),
    r("R-IND-012", Warning, "指标值超过 100%", "“≥100%”“>100%”无法达到，应写“=100%”"),
    r("R-IND-013", Warning, "绩效目标与其他项目相同", "两个项目的绩效目标文字完全相同，疑似复制未改"),
    r("R-IND-014", Notice, "依据与描述相同", "指标值确定依据应写明来源，而不是重复指标描述"),
    r("R-PRC-001", Warning, "金额不等于数量 × 单价", "政府采购每行金额应等于数量 × 单价"),
    r("R-PRC-002", Warning, "计量单位不规范", "计量单位不应为空或为数字"),
    r("R-PRC-003", Error, "采购目录序号格式错误", "政府采购目录序号应为 A/B/C 加数字"),
    r("R-PRC-004", Notice, "采购合计与各行之和", "政府采购合计 = Σ 各行金额（公开数四舍五入后）"),
    r("R-PRC-005", Notice, "采购合计与各资金来源之和", "政府采购合计 = Σ 各资金来源列（公开数四舍五入后）"),
    r("R-PRC-006", Warning, "采购金额超过项目预算", "同一项目的政府采购金额之和不应超过其预算资金"),
    r("R-AST-001", Error, "“其中”项大于上级项", "资产表中“其中”项的数量、价值不能超过所属项目"),
    r("R-AST-002", Warning, "资产截止时间不是上年末", "固定资产占用情况应截至预算年度上一年的 12 月 31 日"),
    r("R-AST-003", Warning, "拟购置资产未列入政府采购", "本年拟购置固定资产金额不应大于政府采购预算中的货物类合计"),
    r("R-AST-004", Notice, "资产总额的四舍五入差异", "固定资产总额 = Σ 各类资产（公开数四舍五入后）"),
    r("R-TXT-001", Error, "留有占位符", "文字中不应留有 XX、××、待补充、待定、【】、…… 等占位内容"),
    r("R-TXT-002", Warning, "词语重复", "同一个词连续出现两次（如“预算预算”）"),
    r("R-TXT-003", Warning, "句子重复", "同一段中有完全相同的句子"),
    r("R-TXT-004", Warning, "增减表述矛盾", "如“增加持平”、“增加-0.6万元”"),
    r("R-TXT-005", Warning, "万元写成了元", "文字中的“X元”与本稿某个万元金额相同，单位疑似写错"),
    r("R-TXT-006", Notice, "年份不是本年或上年", "文字中的年份既不是预算年度也不是上年（书名号和文号中的除外）"),
    r("R-TXT-007", Notice, "中文中夹有单个字母", "如“电子政务s”，疑似误输入"),
    r("R-TXT-008", Notice, "句子以逗号结尾", "段落以逗号结束，似乎没有写完"),
    r("R-TXT-009", Warning, "单位名称写法不一致", "文字中的单位名称与部门名称相差一两个字"),
    r("R-CAR-001", Notice, "沿用上年，待确认", "以上年草稿新建时照搬的文字、机构、项目，修改或确认前逐条提示"),
    r(
        "R-CAR-002",
        Warning,
        "沿用的文字仍写着上年的预算年度",
        "照搬自上年草稿的文字中出现上年草稿的预算年度（如“2024年”）",
    ),
];

/// The catalogue entry of `id`.
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    CATALOGUE.iter().find(|r| r.id == id)
}
