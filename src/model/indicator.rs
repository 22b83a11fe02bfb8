//! The 绩效指标 framework and the reading of indicator values.
//!
//! Officers type values such as "≥90%", "≦103.6万元", "70次以上", "≥95百分比", "达成".
//! [`IndicatorValue::parse`] reads them into comparator + number + unit, or qualitative
//! text, without changing what was typed (the draft keeps the original string).

use rust_decimal::Decimal;
use std::fmt;

/// 一级指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level1 {
    /// 产出指标.
    Output,
    /// 效益指标 (older documents: 效果指标).
    Benefit,
    /// 满意度指标.
    Satisfaction,
    /// 成本指标 (a first level in some regions since 2021).
    Cost,
}

impl Level1 {
    pub const ALL: [Level1; 4] = [Level1::Output, Level1::Benefit, Level1::Satisfaction, Level1::Cost];

    /// The standard name.
    pub fn name(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
            Level1::Cost => "成本指标",
        }
    }

    /// Reads a 一级 name, accepting the older "效果指标".
    pub fn parse(name: &str) -> Option<Level1> {
        match name.trim() {
            "产出指标" => Some(Level1::Output),
            "效益指标" | "效果指标" => Some(Level1::Benefit),
            "满意度指标" => Some(Level1::Satisfaction),
            "成本指标" => Some(Level1::Cost),
            _ => None,
        }
    }

    /// Reads a 一级 name written as the framework writes it or in a common variant
    /// ("产出", see `assets/indicators/variants.tsv`): the level and its standard name.
    pub fn parse_variant(name: &str) -> Option<Level1> {
        Level1::parse(name).or_else(|| {
            let std = standard_name(1, name)?;
            Level1::parse(std)
        })
    }

    /// The 二级指标 allowed under this 一级.
    pub fn level2(self) -> &'static [&'static str] {
        match self {
            Level1::Output => &["数量指标", "质量指标", "时效指标", "成本指标"],
            Level1::Benefit => &["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
            Level1::Satisfaction => &["服务对象满意度指标"],
            Level1::Cost => &["经济成本指标", "社会成本指标", "生态环境成本指标"],
        }
    }

    /// True when `level2` may stand under this 一级.
    pub fn allows(self, level2: &str) -> bool {
        self.level2().contains(&level2.trim())
    }

    /// The 一级 a 二级 name belongs to (the first that allows it).
    pub fn owner_of(level2: &str) -> Option<Level1> {
        Level1::ALL.into_iter().find(|l| l.allows(level2))
    }
}

/// The common variants of indicator names, as data (`assets/indicators/variants.tsv`).
const VARIANTS: &str = include_str!("../../assets/indicators/variants.tsv");

/// (level, variant, standard name) rows of [`VARIANTS`].
fn variants() -> &'static [(u8, String, &'static str)] {
    static ROWS: std::sync::OnceLock<Vec<(u8, String, &'static str)>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        VARIANTS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let level = cols.next()?.trim().parse().ok()?;
                let variant = compact(cols.next()?);
                let standard = cols.next()?.trim();
                Some((level, variant, standard))
            })
            .collect()
    })
}

/// A name without spaces (officers type "数量 指标", "服务对象满意度　指标") and without a
/// trailing weight or note in brackets ("产出指标（50分）").
fn compact(name: &str) -> String {
    let name: String = name.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    match name.find(['（', '(']) {
        Some(at) if at > 0 && name.ends_with(['）', ')']) => name[..at].to_owned(),
        _ => name,
    }
}

/// The framework's name for a 一级 (`level` 1) or 二级 (`level` 2) indicator written
/// as `name`: the name itself when it is standard, the standard name of a known
/// variant ("可持续性影响" → "可持续影响指标", "社会效益" → "社会效益指标"), else `None`.
pub fn standard_name(level: u8, name: &str) -> Option<&'static str> {
    let name = compact(name);
    let standard: Vec<&'static str> = match level {
        1 => Level1::ALL.iter().map(|l| l.name()).chain(["效果指标"]).collect(),
        _ => Level1::ALL.iter().flat_map(|l| l.level2().iter().copied()).collect(),
    };
    if let Some(s) = standard.iter().find(|s| **s == name) {
        return Some(s);
    }
    if let Some(s) = standard.iter().find(|s| s.strip_suffix("指标") == Some(name.as_str())) {
        return Some(s);
    }
    variants().iter().find(|(l, v, _)| *l == level && *v == name).map(|(_, _, s)| *s)
}

/// The comparator in front of a quantitative value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    Ge,
    Le,
    Eq,
    Gt,
    Lt,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => "≥",
            Comparator::Le => "≤",
            Comparator::Eq => "=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
        }
    }
}

/// A parsed 指标值.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorValue {
    /// Nothing typed.
    Empty,
    /// comparator (optional) + number + unit (possibly empty: a missing unit).
    Quantitative { comparator: Option<Comparator>, number: Decimal, unit: String },
    /// A qualitative value: 是/否, 优/良/中/差, 达成, 有效提升….
    Qualitative(String),
    /// Typed text that reads as neither; `reason` says why, in Chinese.
    Invalid { reason: String },
}

/// Units officers use; a short unknown unit is accepted as typed.
pub const KNOWN_UNITS: &[&str] = &[
    "%",
    "‰",
    "个",
    "次",
    "人",
    "人次",
    "万人",
    "名",
    "户",
    "家",
    "项",
    "件",
    "本",
    "册",
    "份",
    "条",
    "块",
    "张",
    "套",
    "台",
    "辆",
    "批",
    "期",
    "场",
    "篇",
    "所",
    "处",
    "座",
    "万元",
    "元",
    "亿元",
    "㎡",
    "平方米",
    "m²",
    "亩",
    "公里",
    "km",
    "米",
    "吨",
    "年",
    "月",
    "个月",
    "天",
    "日",
    "小时",
    "分",
    "分钟",
    "周",
    "季度",
    "级",
    "星",
    "倍",
    "人/次",
    "期次",
    "平方公里",
    "万平方米",
    "立方米",
    "公顷",
    "千米",
    "个百分点",
    "百分点",
    "万册",
    "万份",
    "万人次",
];

/// Folds the variants officers type (≦, ＞=, full-width digits, 百分比) to one spelling.
fn normalise(input: &str) -> String {
    let mut s: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '≦' | '⩽' => '≤',
            '≧' | '⩾' => '≥',
            '＝' => '=',
            '＞' => '>',
            '＜' => '<',
            '％' => '%',
            '．' => '.',
            c => c,
        })
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    for (from, to) in [(">=", "≥"), ("<=", "≤"), ("=>", "≥"), ("=<", "≤"), ("百分比", "%"), ("百分之", "")]
    {
        s = s.replace(from, to);
    }
    s
}

impl IndicatorValue {
    /// Reads a value as typed.
    pub fn parse(input: &str) -> IndicatorValue {
        let s = normalise(input);
        if s.is_empty() {
            return IndicatorValue::Empty;
        }
        let mut rest = s.as_str();
        let mut comparator = None;
        for (sym, c) in [
            ("≥", Comparator::Ge),
            ("≤", Comparator::Le),
            ("=", Comparator::Eq),
            (">", Comparator::Gt),
            ("<", Comparator::Lt),
        ] {
            if let Some(r) = rest.strip_prefix(sym) {
                comparator = Some(c);
                rest = r;
                break;
            }
        }
        let num_len =
            rest.char_indices().find(|(_, c)| !(c.is_ascii_digit() || *c == '.')).map(|(i, _)| i).unwrap_or(rest.len());
        if num_len == 0 {
            if comparator.is_some() {
                return IndicatorValue::Invalid {
                    reason: format!("“{}”有比较符号但没有数值", input.trim())
                };
            }
            return IndicatorValue::Qualitative(s);
        }
        let Ok(number) = rest[..num_len].parse::<Decimal>() else {
            return IndicatorValue::Invalid { reason: format!("“{}”中的数值无法识别", input.trim()) };
        };
        let mut unit = &rest[num_len..];
        // A date ("2024年12月底前", "2024-06-30") or a range ("90%-95%", "1-12月") is a
        // time or span target, not a number with a unit: read it as written.
        let is_year = num_len == 4 && (1900..=2100).contains(&number.trunc().mantissa());
        let date = is_year && (unit.starts_with('年') || unit.starts_with(['-', '/', '.']));
        let mut after = unit.trim_start_matches('%').chars();
        let range = matches!(after.next(), Some('-' | '－' | '~' | '～' | '至'))
            && after.next().is_some_and(|c| c.is_ascii_digit());
        if comparator.is_none() && (date || range) {
            return IndicatorValue::Qualitative(s);
        }
        for (suffix, c) in [("以上", Comparator::Ge), ("以下", Comparator::Le), ("以内", Comparator::Le)] {
            if let Some(u) = unit.strip_suffix(suffix) {
                if comparator.is_none() {
                    comparator = Some(c);
                }
                unit = u;
            }
        }
        let unit = unit.trim_end_matches(['。', '，', '；']);
        let plain =
            |u: &str| !u.is_empty() && u.chars().count() <= 3 && !u.chars().any(|c| "，。；：、（）()".contains(c));
        // Composite units: "次/季度", "人次/年", "万元/人".
        let looks_like_unit = KNOWN_UNITS.contains(&unit)
            || unit.is_empty()
            || plain(unit)
            || (unit.contains('/') && unit.split('/').all(plain));
        if !looks_like_unit {
            return IndicatorValue::Invalid {
                reason: format!("“{}”的数值后是一段文字，不是计量单位", input.trim())
            };
        }
        IndicatorValue::Quantitative { comparator, number, unit: unit.to_owned() }
    }

    /// The unit of a quantitative value.
    pub fn unit(&self) -> Option<&str> {
        match self {
            IndicatorValue::Quantitative { unit, .. } => Some(unit),
            _ => None,
        }
    }

    /// True for a percentage.
    pub fn is_percent(&self) -> bool {
        self.unit() == Some("%")
    }
}

impl fmt::Display for IndicatorValue {
    /// How the GUI shows the reading ("≥ 90 %", "定性：达成").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndicatorValue::Empty => write!(f, "（空）"),
            IndicatorValue::Quantitative { comparator, number, unit } => {
                let cmp = comparator.map(Comparator::symbol).unwrap_or("");
                let unit = if unit.is_empty() { "（无单位）" } else { unit };
                write!(f, "定量：{cmp}{number} {unit}")
            }
            IndicatorValue::Qualitative(t) => write!(f, "定性：{t}"),
            IndicatorValue::Invalid { reason } => write!(f, "无法识别：{reason}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn q(cmp: Option<Comparator>, n: &str, unit: &str) -> IndicatorValue {
        IndicatorValue::Quantitative { comparator: cmp, number: Decimal::from_str(n).unwrap(), unit: unit.into() }
    }

    #[test]
    fn reads_the_seeds_values() {
        use Comparator::*;
        assert_eq!(IndicatorValue::parse("≥90%"), q(Some(Ge), "90", "%"));
        assert_eq!(IndicatorValue::parse("≦103.6万元"), q(Some(Le), "103.6", "万元"));
        assert_eq!(IndicatorValue::parse("70次以上"), q(Some(Ge), "70", "次"));
        assert_eq!(IndicatorValue::parse("≥95百分比"), q(Some(Ge), "95", "%"));
        assert_eq!(IndicatorValue::parse("95%以上"), q(Some(Ge), "95", "%"));
        assert_eq!(IndicatorValue::parse("13名"), q(None, "13", "名"));
        assert_eq!(IndicatorValue::parse("100"), q(None, "100", ""));
        assert_eq!(IndicatorValue::parse("≥500㎡"), q(Some(Ge), "500", "㎡"));
        assert_eq!(IndicatorValue::parse("达成"), IndicatorValue::Qualitative("达成".into()));
        assert_eq!(IndicatorValue::parse(""), IndicatorValue::Empty);
        assert!(matches!(
            IndicatorValue::parse("≥0专职调解员工作促进社会稳定水平逐步提升。"),
            IndicatorValue::Invalid { .. }
        ));
        // Dates and ranges are time or span targets, read as written.
        for v in ["2024年12月底前", "2024年12月31日", "2024-06-30", "90%-95%", "1-12月", "3～5天"] {
            assert!(matches!(IndicatorValue::parse(v), IndicatorValue::Qualitative(_)), "{v}");
        }
        // Near misses: a count of years and a plain percentage stay quantitative.
        assert_eq!(IndicatorValue::parse("≥10年"), q(Some(Ge), "10", "年"));
        assert_eq!(IndicatorValue::parse("2000人"), q(None, "2000", "人"));
        // Longer and composite units.
        assert_eq!(IndicatorValue::parse("≥1次/季度"), q(Some(Ge), "1", "次/季度"));
        assert_eq!(IndicatorValue::parse("≥100人次/年"), q(Some(Ge), "100", "人次/年"));
        assert_eq!(IndicatorValue::parse("≤2平方公里"), q(Some(Le), "2", "平方公里"));
        assert!(matches!(IndicatorValue::parse("≥1次/季度开展检查工作"), IndicatorValue::Invalid { .. }));
    }

    #[test]
    fn framework() {
        assert!(Level1::Output.allows("数量指标"));
        assert!(!Level1::Output.allows("社会效益指标"));
        assert_eq!(Level1::parse("效果指标"), Some(Level1::Benefit));
        assert_eq!(Level1::owner_of("可持续影响指标"), Some(Level1::Benefit));
    }

    #[test]
    fn common_variants_read_as_the_standard_names() {
        assert_eq!(standard_name(2, "可持续性影响"), Some("可持续影响指标"));
        assert_eq!(standard_name(2, "社会效益"), Some("社会效益指标"));
        assert_eq!(standard_name(2, "数量 指标"), Some("数量指标"));
        assert_eq!(standard_name(2, "数量指标"), Some("数量指标"));
        assert_eq!(standard_name(1, "效果指标"), Some("效果指标"));
        assert_eq!(Level1::parse_variant("产出"), Some(Level1::Output));
        assert_eq!(Level1::parse_variant("产出指标（50分）"), Some(Level1::Output));
        assert_eq!(standard_name(2, "数量指标(20分)"), Some("数量指标"));
        // Near misses stay unknown.
        assert_eq!(standard_name(2, "数量效益"), None);
        assert_eq!(standard_name(2, "社会影响"), None);
        assert_eq!(Level1::parse_variant("过程指标"), None);
    }
}
