//! Text normalisation for matching titles, headers and labels.
//!
//! Budget systems and hand-made workbooks spell the same words differently: full-width
//! or half-width brackets, “三公” with or without quotes, letter-spaced words ("项  目",
//! "合　　计"), line breaks inside header cells, and CJK radical look-alikes (⻔ U+2ED4
//! instead of 门) pasted from PDFs. Everything is compared in one normal form.

use unicode_normalization::UnicodeNormalization;

/// The CJK radicals-supplement look-alikes NFKC leaves alone, with their ordinary form.
const RADICALS: [(char, char); 12] = [
    ('⻔', '门'),
    ('⻋', '车'),
    ('⻓', '长'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻢', '马'),
    ('⻉', '贝'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻘', '青'),
    ('⻝', '食'),
    ('⻩', '黄'),
];

/// The normal form used for every comparison: NFKC, radical look-alikes replaced,
/// whitespace (incl. U+3000), punctuation and symbols dropped.
///
/// `normalise("2024年部门“三公”经费（预算）表 ")` is `"2024年部门三公经费预算表"`.
pub fn normalise(s: &str) -> String {
    s.nfkc()
        .map(|c| RADICALS.iter().find(|(from, _)| *from == c).map(|(_, to)| *to).unwrap_or(c))
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// True when the normalised `text` starts with one of `prefixes`.
pub fn starts_with_any(text: &str, prefixes: &[String]) -> bool {
    prefixes.iter().any(|p| text.starts_with(p.as_str()))
}

/// True when the normalised `text` contains one of `words`.
pub fn contains_any(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| text.contains(w.as_str()))
}

/// The spreadsheet column letters of a zero-based column index (0 → A, 26 → AA).
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A cell address as officers read it: `表5!D12` (zero-based row and column in); a
/// sheet name with spaces or punctuation is quoted the way Excel writes it
/// (`'2.16收入总表 '!C22`).
pub fn cell_address(sheet: &str, row: usize, col: usize) -> String {
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        format!("{sheet}!{}{}", column_letters(col), row + 1)
    } else {
        format!("'{}'!{}{}", sheet.replace('\'', "''"), column_letters(col), row + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_meet_in_one_form() {
        assert_eq!(normalise("部门预算财政拨款“三公”经费支出表"), normalise("部门预算财政拨款\"三公\"经费支出表"));
        assert_eq!(normalise("因公出国（境）费"), "因公出国境费");
        assert_eq!(normalise("因公出国(境)费"), "因公出国境费");
        assert_eq!(normalise("合　　计"), "合计");
        assert_eq!(normalise("项  目\n名称"), "项目名称");
        assert_eq!(normalise("部⻔收支总表 "), "部门收支总表");
        assert_eq!(normalise("公务用⻋运行维护费"), "公务用车运行维护费");
        assert_eq!(normalise("３．１５部门收支总表"), "315部门收支总表");
        assert_eq!(normalise("单位：万元"), "单位万元");
    }

    #[test]
    fn cell_addresses_use_excel_letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(cell_address("表5", 11, 3), "表5!D12");
        assert_eq!(cell_address("2.16收入总表 ", 21, 2), "'2.16收入总表 '!C22");
    }
}
