//! Breaking Chinese text into lines.
//!
//! Chinese text may break between any two hanzi, with two exceptions (禁则): closing
//! punctuation never starts a line and opening punctuation never ends one. Runs of
//! Latin letters, digits and ASCII punctuation ("1,750.87", "2020", "GB/T") are kept
//! whole, so an amount is never split over two lines.
//!
//! Table cells are narrow, and a line break inside a word there reads badly ("财政拨款
//! 收/入", "预算资/金", "万/元"); so in cells ([`Breaking::Words`]) the words of budget
//! tables ([`WORDS`]) are kept whole too, and columns are made wide enough for them.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::fonts::LoadedFace;

/// Characters that must not start a line.
const NO_LINE_START: &str = "。，、；：？！）」』】》”’〉〕〗…·％‰,.;:?!)]}%";
/// Characters that must not end a line.
const NO_LINE_END: &str = "（「『【《“‘〈〔〖([{";

fn no_line_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

fn no_line_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// The words of budget tables that a cell keeps on one line (two or three characters;
/// longer entries would be ignored). Compounds are left to
/// their parts ("财政拨款收入" = 财政 拨款 收入), so a narrow cell can still break between
/// them; a word wider than the cell is cut between characters as a last resort.
const WORDS: &[&str] = &[
    "预算数",
    "决算数",
    "指标值",
    "上年数",
    "本年数",
    "政府性",
    "收入",
    "支出",
    "资金",
    "预算",
    "决算",
    "万元",
    "合计",
    "小计",
    "总计",
    "项目",
    "金额",
    "科目",
    "编码",
    "名称",
    "功能",
    "分类",
    "经济",
    "基本",
    "经费",
    "人员",
    "公用",
    "财政",
    "拨款",
    "专户",
    "管理",
    "事业",
    "经营",
    "上级",
    "补助",
    "附属",
    "单位",
    "上缴",
    "其他",
    "上年",
    "本年",
    "结转",
    "结余",
    "政府",
    "采购",
    "基金",
    "国有",
    "资本",
    "一般",
    "公共",
    "服务",
    "社会",
    "保障",
    "就业",
    "卫生",
    "健康",
    "行政",
    "运行",
    "机关",
    "部门",
    "数量",
    "单价",
    "计量",
    "品目",
    "目录",
    "代码",
    "指标",
    "目标",
    "绩效",
    "年度",
    "序号",
    "栏次",
    "类型",
    "规格",
    "性质",
    "形式",
    "用途",
    "计划",
    "依据",
    "描述",
    "一级",
    "二级",
    "三级",
    "面积",
    "车辆",
    "设备",
    "房屋",
    "价值",
    "增减",
    "因公",
    "出国",
    "公务",
    "用车",
    "接待",
    "购置",
    "维护",
    "三公",
    "机构",
    "预留",
    "专项",
    "转移",
    "商品",
    "工资",
    "福利",
    "津贴",
    "奖金",
    "办公",
    "印刷",
    "邮电",
    "差旅",
    "培训",
    "会议",
    "工会",
    "离休",
    "退休",
    "医疗",
    "养老",
    "保险",
    "住房",
    "公积金",
    "离退休",
    "其中",
];

/// How text may break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaking {
    /// Between any two hanzi (body text).
    Hanzi,
    /// Between hanzi, but not inside the [`WORDS`] of budget tables (cells).
    Words,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Width in points at the size the text was broken for.
    pub width: f32,
    /// Blank space before the text, in points: a sub-row's indent ("    其中：…").
    pub lead: f32,
}

/// The indent that leading white space asks for, in em: a full-width space is one
/// character, an ASCII space half of one (four spaces = two characters), a tab two.
fn leading_em(text: &str) -> (f32, &str) {
    let rest = text.trim_start_matches([' ', '\u{3000}', '\t']);
    let em = text[..text.len() - rest.len()]
        .chars()
        .map(|c| match c {
            '\u{3000}' => 1.0,
            '\t' => 2.0,
            _ => 0.5,
        })
        .sum();
    (em, rest)
}

/// An unbreakable piece: one hanzi with the punctuation glued to it, or a Latin run.
struct Unit {
    text: String,
    /// The spaces between this unit and the previous one (dropped at a line break).
    space_before: String,
}

/// [`WORDS`] as sets of two- and three-character keys.
type WordSets = (HashSet<[char; 2]>, HashSet<[char; 3]>);

/// [`WordSets`], built once.
fn word_sets() -> &'static WordSets {
    static SETS: OnceLock<WordSets> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut two = HashSet::new();
        let mut three = HashSet::new();
        for w in WORDS {
            let c: Vec<char> = w.chars().collect();
            match c.as_slice() {
                [a, b] => {
                    two.insert([*a, *b]);
                }
                [a, b, d] => {
                    three.insert([*a, *b, *d]);
                }
                _ => {}
            }
        }
        (two, three)
    })
}

/// Joins the single-hanzi atoms that spell one of the [`WORDS`] into one atom
/// (the longest match first).
fn join_words(atoms: Vec<(String, String)>) -> Vec<(String, String)> {
    let (two, three) = word_sets();
    // The character of a one-character atom that follows without a space.
    let single = |i: usize, first: bool| -> Option<char> {
        let (a, space) = atoms.get(i)?;
        let mut chars = a.chars();
        let c = chars.next()?;
        (chars.next().is_none() && (first || space.is_empty())).then_some(c)
    };
    let mut out = Vec::with_capacity(atoms.len());
    let mut i = 0;
    while i < atoms.len() {
        let (a, b, c) = (single(i, true), single(i + 1, false), single(i + 2, false));
        let n = match (a, b, c) {
            (Some(a), Some(b), Some(c)) if three.contains(&[a, b, c]) => 3,
            (Some(a), Some(b), _) if two.contains(&[a, b]) => 2,
            _ => 1,
        };
        let word: String = atoms[i..i + n].iter().map(|(a, _)| a.as_str()).collect();
        out.push((word, atoms[i].1.clone()));
        i += n;
    }
    out
}

fn units(text: &str, breaking: Breaking) -> Vec<Unit> {
    let mut atoms: Vec<(String, String)> = Vec::new();
    let mut spaces = String::new();
    let mut latin = String::new();
    let flush = |latin: &mut String, atoms: &mut Vec<(String, String)>, spaces: &mut String| {
        if !latin.is_empty() {
            atoms.push((std::mem::take(latin), std::mem::take(spaces)));
        }
    };
    for c in text.chars() {
        if c == ' ' || c == '\t' {
            flush(&mut latin, &mut atoms, &mut spaces);
            spaces.push(' ');
        } else if c.is_ascii_graphic() {
            latin.push(c);
        } else {
            flush(&mut latin, &mut atoms, &mut spaces);
            atoms.push((c.to_string(), std::mem::take(&mut spaces)));
        }
    }
    flush(&mut latin, &mut atoms, &mut spaces);
    if breaking == Breaking::Words {
        atoms = join_words(atoms);
    }

    let mut out: Vec<Unit> = Vec::new();
    for (atom, space_before) in atoms {
        let first = atom.chars().next().unwrap_or(' ');
        let glue = match out.last() {
            Some(prev) => {
                space_before.is_empty()
                    && (no_line_start(first) || prev.text.chars().next_back().is_some_and(no_line_end))
            }
            None => false,
        };
        match out.last_mut() {
            Some(prev) if glue => prev.text.push_str(&atom),
            _ => out.push(Unit { text: atom, space_before }),
        }
    }
    out
}

/// Breaks `text` into lines no wider than `max_width` points at `size` points in `face`.
/// Explicit newlines start new lines. A unit wider than a whole line (only possible in
/// very narrow cells) is split between characters as a last resort.
/// `first_indent` points are kept free at the start of each paragraph's first line.
pub fn break_lines(text: &str, face: &LoadedFace, size: f32, max_width: f32, first_indent: f32) -> Vec<Line> {
    break_lines_as(text, face, size, max_width, first_indent, Breaking::Hanzi)
}

/// [`break_lines`] with the given way of breaking.
pub fn break_lines_as(
    text: &str,
    face: &LoadedFace,
    size: f32,
    max_width: f32,
    first_indent: f32,
    breaking: Breaking,
) -> Vec<Line> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        break_paragraph(para, face, size, max_width, first_indent, breaking, &mut lines);
    }
    lines
}

fn break_paragraph(
    text: &str,
    face: &LoadedFace,
    size: f32,
    full_width: f32,
    first_indent: f32,
    breaking: Breaking,
    lines: &mut Vec<Line>,
) {
    // Points of slack so rounding never pushes an exactly fitting line over.
    const EPS: f32 = 0.01;
    let space = face.advance(' ') * size;
    let first_line = lines.len();
    // Leading white space indents every line of the paragraph (sub-rows keep their
    // indent when they wrap).
    let (lead_em, text) = leading_em(text);
    let lead = (lead_em * size).min(full_width / 2.0);
    let full_width = full_width - lead;
    let max = |lines: &Vec<Line>| if lines.len() == first_line { full_width - first_indent } else { full_width };
    let mut cur = Line { text: String::new(), width: 0.0, lead };
    for unit in units(text, breaking) {
        let w = face.width(&unit.text, size);
        let mut gap = if cur.text.is_empty() { 0.0 } else { space * unit.space_before.len() as f32 };
        if !cur.text.is_empty() && cur.width + gap + w > max(lines) + EPS {
            lines.push(std::mem::replace(&mut cur, Line { text: String::new(), width: 0.0, lead }));
            gap = 0.0;
        }
        if cur.text.is_empty() && w > max(lines) + EPS {
            // Too wide for any line: cut between characters.
            for c in unit.text.chars() {
                let cw = face.advance(c) * size;
                if !cur.text.is_empty() && cur.width + cw > max(lines) + EPS {
                    lines.push(std::mem::replace(&mut cur, Line { text: String::new(), width: 0.0, lead }));
                }
                cur.text.push(c);
                cur.width += cw;
            }
            continue;
        }
        if !cur.text.is_empty() {
            cur.text.push_str(&unit.space_before);
        }
        cur.text.push_str(&unit.text);
        cur.width += gap + w;
    }
    lines.push(cur);
}

/// The width of the widest unbreakable unit of `text` (to decide whether a cell's
/// text needs a smaller size so that no number is cut).
pub fn widest_unit(text: &str, face: &LoadedFace, size: f32) -> f32 {
    widest_unit_as(text, face, size, Breaking::Hanzi)
}

/// [`widest_unit`] with the given way of breaking.
pub fn widest_unit_as(text: &str, face: &LoadedFace, size: f32, breaking: Breaking) -> f32 {
    units(text, breaking).iter().map(|u| face.width(&u.text, size)).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        units(s, Breaking::Hanzi).into_iter().map(|u| u.text).collect()
    }

    fn words(s: &str) -> Vec<String> {
        units(s, Breaking::Words).into_iter().map(|u| u.text).collect()
    }

    #[test]
    fn cells_keep_budget_words_whole() {
        assert_eq!(words("财政拨款收入"), ["财政", "拨款", "收入"]);
        assert_eq!(words("预算资金（万元）"), ["预算", "资金", "（万元）"]);
        assert_eq!(words("上年结转"), ["上年", "结转"]);
        assert_eq!(words("其中：人员经费"), ["其中：", "人员", "经费"]);
        // Words never swallow spaces or join across them.
        assert_eq!(words("收 入"), ["收", "入"]);
        // Body text still breaks between any two hanzi.
        assert_eq!(texts("财政拨款"), ["财", "政", "拨", "款"]);
    }

    #[test]
    fn closing_punctuation_sticks_to_the_previous_character() {
        assert_eq!(texts("收入，支出。"), ["收", "入，", "支", "出。"]);
    }

    #[test]
    fn opening_punctuation_sticks_to_the_next_character() {
        assert_eq!(texts("依据《预算法》"), ["依", "据", "《预", "算", "法》"]);
        assert_eq!(texts("“三公”经费"), ["“三", "公”", "经", "费"]);
    }

    #[test]
    fn numbers_and_latin_words_stay_whole() {
        assert_eq!(texts("收入1,750.87万元,其中"), ["收", "入", "1,750.87", "万", "元,", "其", "中"]);
        assert_eq!(texts("GB/T 9704"), ["GB/T", "9704"]);
    }
}
