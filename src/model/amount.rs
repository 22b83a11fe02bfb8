//! Amounts: the unit they are published in, how officers type them, how they print.
//!
//! Officers paste figures from Excel/WPS and the budget system, so input arrives as
//! "1,234.56", full-width "１２３４．５", "12.5万元" or "125000元". [`parse_amount`]
//! understands all of these or says, in Chinese, why it cannot; it never guesses 0.
//!
//! Amounts have a documented range: at most 18 integer digits and 6 decimals
//! (|x| < [`AMOUNT_LIMIT`] = 10^18, in the draft's unit). No real budget comes near it,
//! and it keeps every sum of a draft far from `Decimal`'s own limit (about 7.9 × 10^28),
//! which would otherwise panic. Parsing and loading refuse anything outside it; the
//! model's totals use [`saturating_sum`] so a draft built in code never panics, and the
//! rules report overflow through the `checked_*` variants.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Every amount of a draft is smaller than this in absolute value (10^18, i.e. at most
/// 18 integer digits, in the draft's unit).
pub const AMOUNT_LIMIT: Decimal = Decimal::from_parts(0xA764_0000, 0x0DE0_B6B3, 0, false, 0);

/// Most integer digits an amount may have (see [`AMOUNT_LIMIT`]).
pub const MAX_INTEGER_DIGITS: usize = 18;

/// Most decimal places an amount may have.
pub const MAX_DECIMALS: u32 = 6;

/// A department budget amount of 1 万亿元 (10^12 元) or more is implausible: the rules
/// warn about it. This is the threshold in `unit`.
pub fn implausible_from(unit: AmountUnit) -> Decimal {
    match unit {
        AmountUnit::Wan => Decimal::from(100_000_000u64),
        AmountUnit::Yuan => Decimal::from(1_000_000_000_000u64),
    }
}

/// True when `value` is inside the documented range (|value| < [`AMOUNT_LIMIT`]).
pub fn in_range(value: Decimal) -> bool {
    value.abs() < AMOUNT_LIMIT
}

/// Σ `values`, or `None` when the sum does not fit in a `Decimal`.
pub fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, Decimal::checked_add)
}

/// Σ `values`, clamped at `Decimal`'s limits instead of panicking. Only drafts outside
/// the documented range can reach the limits; the rules report them.
pub fn saturating_sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, Decimal::saturating_add)
}

/// The unit a disclosure's amounts are entered and published in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AmountUnit {
    /// 万元 (the usual unit).
    #[default]
    Wan,
    /// 元.
    Yuan,
}

impl AmountUnit {
    /// "万元" or "元".
    pub fn label(self) -> &'static str {
        match self {
            AmountUnit::Wan => "万元",
            AmountUnit::Yuan => "元",
        }
    }

    /// How many 元 one unit is.
    fn yuan_per_unit(self) -> Decimal {
        match self {
            AmountUnit::Wan => Decimal::from(10_000),
            AmountUnit::Yuan => Decimal::ONE,
        }
    }
}

/// Why an amount could not be read. The `Display` text is shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("金额为空")]
    Empty,
    #[error("“{0}”不是有效的金额：只能包含数字、小数点和千分位逗号")]
    NotANumber(String),
    #[error("“{0}”的千分位逗号位置不对（应每三位一个，如 1,234.56）")]
    BadGrouping(String),
    #[error("金额的小数位数过多（最多 6 位）")]
    TooPrecise,
    #[error("金额不能为负数")]
    Negative,
    #[error("金额超出范围：最多 18 位整数（绝对值小于 10^18），没有哪份预算会用到这么大的数")]
    OutOfRange,
}

/// Folds full-width digits and punctuation to ASCII and drops spaces.
fn normalise(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '，' | '、' => Some(','),
            '－' | '—' | '−' => Some('-'),
            '＋' => Some('+'),
            c if c.is_whitespace() || c == '\u{3000}' => None,
            c => Some(c),
        })
        .collect()
}

/// Reads an amount as an officer types it, in the document's `unit`.
///
/// Accepts "1234.5", "1,234.56", full-width digits and separators, and a trailing
/// "万元"/"万"/"元" suffix (converted to `unit`). Empty input is [`AmountError::Empty`];
/// callers decide whether an empty field means zero.
pub fn parse_amount(input: &str, unit: AmountUnit) -> Result<Decimal, AmountError> {
    let s = normalise(input);
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    let (number, factor) = if let Some(n) = s.strip_suffix("万元").or_else(|| s.strip_suffix('万')) {
        (n, AmountUnit::Wan.yuan_per_unit() / unit.yuan_per_unit())
    } else if let Some(n) = s.strip_suffix('元') {
        (n, AmountUnit::Yuan.yuan_per_unit() / unit.yuan_per_unit())
    } else {
        (s.as_str(), Decimal::ONE)
    };
    let number = number.strip_prefix('+').unwrap_or(number);
    if number.starts_with('-') {
        return Err(AmountError::Negative);
    }
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(AmountError::NotANumber(input.trim().to_owned()));
    }
    if number.matches('.').count() > 1 || number.starts_with('.') && number.len() == 1 {
        return Err(AmountError::NotANumber(input.trim().to_owned()));
    }
    let (int_part, frac_part) = match number.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (number, None),
    };
    if frac_part.is_some_and(|f| f.contains(',')) {
        return Err(AmountError::BadGrouping(input.trim().to_owned()));
    }
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(AmountError::BadGrouping(input.trim().to_owned()));
        }
    }
    // Count digits before parsing: `Decimal` would round away excess decimals and
    // overflow (panic, in arithmetic) on excess integer digits.
    // A unit suffix may shift the value by 4 places, hence the margins of 4.
    let int_digits = int_part.chars().filter(char::is_ascii_digit).skip_while(|c| *c == '0').count();
    if int_digits > MAX_INTEGER_DIGITS + 4 {
        return Err(AmountError::OutOfRange);
    }
    let frac_digits = frac_part.map_or(0, |f| f.trim_end_matches('0').len());
    if frac_digits > MAX_DECIMALS as usize + 4 || int_digits + frac_digits > 28 {
        return Err(AmountError::TooPrecise);
    }
    let digits: String = number.chars().filter(|c| *c != ',').collect();
    let digits = if digits.starts_with('.') { format!("0{digits}") } else { digits };
    let value: Decimal = digits.parse().map_err(|_| AmountError::NotANumber(input.trim().to_owned()))?;
    let value = value.checked_mul(factor).ok_or(AmountError::OutOfRange)?.normalize();
    if !in_range(value) {
        return Err(AmountError::OutOfRange);
    }
    if value.scale() > MAX_DECIMALS {
        return Err(AmountError::TooPrecise);
    }
    Ok(value)
}

/// Rounds to the published precision (0.01), half away from zero.
pub fn round_display(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats for tables: two decimals ("1750.87", "0.90"); zero as "" when `blank_zero`.
pub fn format_amount(value: Decimal, blank_zero: bool) -> String {
    let r = round_display(value);
    if blank_zero && r.is_zero() {
        return String::new();
    }
    format!("{:.2}", r)
}

/// Formats for narrative text: rounded to 0.01 without trailing zeros ("1445.1", "0").
pub fn format_amount_plain(value: Decimal) -> String {
    let r = round_display(value).normalize();
    if r.is_zero() { "0".to_owned() } else { r.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_what_officers_type() {
        let w = AmountUnit::Wan;
        assert_eq!(parse_amount("1234.5", w), Ok(d("1234.5")));
        assert_eq!(parse_amount("1,234.56", w), Ok(d("1234.56")));
        assert_eq!(parse_amount("１,２３４.５", w), Ok(d("1234.5")));
        assert_eq!(parse_amount("１２３", w), Ok(d("123")));
        assert_eq!(parse_amount(" 12.5万元 ", w), Ok(d("12.5")));
        assert_eq!(parse_amount("125000元", w), Ok(d("12.5")));
        assert_eq!(parse_amount("12.5万元", AmountUnit::Yuan), Ok(d("125000")));
        assert_eq!(parse_amount("264.153365", w), Ok(d("264.153365")));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let w = AmountUnit::Wan;
        assert_eq!(parse_amount("", w), Err(AmountError::Empty));
        assert!(matches!(parse_amount("abc", w), Err(AmountError::NotANumber(_))));
        assert!(matches!(parse_amount("12a", w), Err(AmountError::NotANumber(_))));
        assert!(matches!(parse_amount("1.2.3", w), Err(AmountError::NotANumber(_))));
        assert!(matches!(parse_amount("12,34", w), Err(AmountError::BadGrouping(_))));
        assert_eq!(parse_amount("-5", w), Err(AmountError::Negative));
        assert_eq!(parse_amount("1.0000001", w), Err(AmountError::TooPrecise));
        assert!(parse_amount("abc", w).unwrap_err().to_string().contains("不是有效的金额"));
    }

    #[test]
    fn refuses_amounts_outside_the_documented_range() {
        let w = AmountUnit::Wan;
        assert_eq!(AMOUNT_LIMIT, d("1000000000000000000"));
        assert_eq!(parse_amount("999999999999999999.999999", w), Ok(d("999999999999999999.999999")));
        assert_eq!(parse_amount("1000000000000000000", w), Err(AmountError::OutOfRange));
        assert_eq!(parse_amount("79228162514264337593543950335", w), Err(AmountError::OutOfRange));
        assert_eq!(parse_amount("79228162514264337593543950335万", AmountUnit::Yuan), Err(AmountError::OutOfRange));
        assert_eq!(parse_amount(&"9".repeat(60), w), Err(AmountError::OutOfRange));
        assert_eq!(parse_amount(&format!("0.{}1", "0".repeat(40)), w), Err(AmountError::TooPrecise));
        assert_eq!(parse_amount("000000000000000000000001", w), Ok(d("1")));
        // Implausible but in range: accepted here, warned about by the rules.
        assert_eq!(parse_amount("1000000000000000", w), Ok(d("1000000000000000")));
        assert!(parse_amount("1e15", w).is_err());
        assert!(parse_amount("1000000000000000000", w).unwrap_err().to_string().contains("超出范围"));
    }

    #[test]
    fn sums_never_panic() {
        let max = Decimal::MAX;
        assert_eq!(checked_sum([max, Decimal::ONE]), None);
        assert_eq!(saturating_sum([max, Decimal::ONE]), max);
        assert_eq!(saturating_sum([Decimal::MIN, -Decimal::ONE]), Decimal::MIN);
        assert_eq!(checked_sum([d("1.5"), d("2")]), Some(d("3.5")));
    }

    #[test]
    fn formats_like_the_published_documents() {
        assert_eq!(format_amount(d("0.9"), false), "0.90");
        assert_eq!(format_amount(d("0"), true), "");
        assert_eq!(format_amount(d("264.153365"), false), "264.15");
        assert_eq!(format_amount(d("0.005"), false), "0.01");
        assert_eq!(format_amount_plain(d("1445.10")), "1445.1");
        assert_eq!(format_amount_plain(d("0.00")), "0");
        assert_eq!(format_amount_plain(d("18")), "18");
    }
}
