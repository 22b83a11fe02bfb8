//! Checks over every free-text field of the draft (R-TXT): left-over placeholders,
//! typing slips (a word or sentence typed twice, a stray Latin letter, a trailing
//! comma), contradictory wording, 万元 written as 元, stray years and misspelt
//! department names.
//!
//! Each rule reports at most once per field for the same word, so a pasted paragraph
//! does not flood the list. The scans are linear in the text and reuse one buffer:
//! `validate` runs on every keystroke.

use rust_decimal::Decimal;

use super::{Finding, Location, Section, Severity};
use crate::model::{AmountUnit, Disclosure, Figures, ThreePublicKind, round_display};

/// A text field and what kind of text it holds.
struct Field<'a> {
    loc: Location,
    text: &'a str,
    /// Narrative prose and indicator descriptions (years are checked); `false` for
    /// names, indicator names and bases, which cite documents of any year.
    prose: bool,
}

/// Every non-empty free-text field of `doc`, in document order.
fn fields<'a>(doc: &'a Disclosure) -> Vec<Field<'a>> {
    let p = &doc.performance;
    let mut out: Vec<Field<'a>> = Vec::with_capacity(64 + p.projects.len() * 28);
    let mut add = |loc: Location, text: &'a str, prose: bool| {
        if !text.trim().is_empty() {
            out.push(Field { loc, text, prose });
        }
    };
    add(Location::field(Section::Duties, "intro"), &doc.duties.intro, true);
    for (i, t) in doc.duties.items.iter().enumerate() {
        add(Location::cell(Section::Duties, i, "item"), t, true);
    }
    for (i, o) in doc.offices.iter().enumerate() {
        add(Location::cell(Section::Offices, i, "duties"), &o.duties, true);
    }
    let s = &doc.summary;
    add(Location::field(Section::Summary, "basic_change_reason"), &s.basic_change_reason, true);
    add(Location::field(Section::Summary, "project_change_reason"), &s.project_change_reason, true);
    add(Location::field(Section::Summary, "project_main_uses"), &s.project_main_uses, true);
    add(Location::field(Section::RunningCosts, "note"), &doc.running_costs.note, true);
    for (k, kind) in ThreePublicKind::ALL.iter().enumerate() {
        add(Location::cell(Section::ThreePublic, k, "reason"), &doc.three_public.item(*kind).reason, true);
    }
    add(Location::field(Section::ThreePublic, "reason"), &doc.three_public.reason, true);
    add(Location::field(Section::Performance, "overall_goal"), &p.overall_goal, true);
    add(Location::field(Section::Performance, "special_funds"), &p.special_funds, true);
    for (i, g) in p.sub_goals.iter().enumerate() {
        add(Location::cell(Section::SubGoals, i, "title"), &g.title, true);
        add(Location::cell(Section::SubGoals, i, "goal"), &g.goal, true);
        add(Location::cell(Section::SubGoals, i, "indicators"), &g.indicators, true);
    }
    for (i, t) in p.measures.iter().enumerate() {
        add(Location::cell(Section::Measures, i, "item"), t, true);
    }
    for (j, pr) in p.projects.iter().enumerate() {
        add(Location::cell(Section::Projects, j, "name"), &pr.name, false);
        add(Location::cell(Section::Projects, j, "purpose"), &pr.purpose, true);
        for (g, t) in pr.goals.iter().enumerate() {
            add(Location::sub(Section::Projects, j, g, "goal"), t, true);
        }
        for (k, ind) in pr.indicators.iter().enumerate() {
            add(Location::sub(Section::Projects, j, k, "level3"), &ind.level3, false);
            // Descriptions are the project's own words: a stale year there is worth a look.
            add(Location::sub(Section::Projects, j, k, "description"), &ind.description, true);
            add(Location::sub(Section::Projects, j, k, "basis"), &ind.basis, false);
        }
    }
    for t in &doc.procurement.notes {
        add(Location::field(Section::Procurement, "note"), t, true);
    }
    add(Location::field(Section::Assets, "planned_note"), &doc.assets.planned_note, true);
    for (i, g) in doc.glossary.iter().enumerate() {
        add(Location::cell(Section::Glossary, i, "term"), &g.term, false);
        add(Location::cell(Section::Glossary, i, "definition"), &g.definition, true);
    }
    add(Location::field(Section::OtherMatters, "text"), &doc.other_matters, true);
    out
}

pub(super) fn check(doc: &Disclosure, fig: &Figures, out: &mut Vec<Finding>) {
    let mut scan = Scan::new(doc, fig);
    for f in fields(doc) {
        scan.field(&f, out);
    }
}

/// Runs every wording rule (R-TXT) over `text` as if it were a prose field at `loc`:
/// for text the program writes itself (the exporters' sentences), which must never
/// trip a rule the officer's own text is held to.
pub fn check_text(doc: &Disclosure, text: &str, loc: Location) -> Vec<Finding> {
    let fig = doc.figures();
    let mut out = Vec::new();
    Scan::new(doc, &fig).field(&Field { loc, text, prose: true }, &mut out);
    out
}

/// The state the text rules share across the fields of one draft.
struct Scan<'d> {
    doc: &'d Disclosure,
    fig: &'d Figures,
    names: Vec<NameForm>,
    figures: Option<Vec<Decimal>>,
    chars: Vec<char>,
}

impl<'d> Scan<'d> {
    fn new(doc: &'d Disclosure, fig: &'d Figures) -> Self {
        Scan { doc, fig, names: name_variants(&doc.header.department), figures: None, chars: Vec::with_capacity(256) }
    }

    fn field(&mut self, f: &Field<'_>, out: &mut Vec<Finding>) {
        let doc = self.doc;
        let chars = &mut self.chars;
        chars.clear();
        chars.extend(f.text.chars());
        let seen = Seen::of(chars);
        if seen.placeholder {
            placeholders(f, out);
        }
        repeated_words(f, chars, out);
        if seen.stops >= 2 {
            repeated_sentence(f, out);
        }
        if seen.change {
            contradictions(f, out);
        }
        if seen.yuan && doc.header.unit == AmountUnit::Wan {
            yuan_for_wan(f, doc, self.fig, &mut self.figures, out);
        }
        if seen.year && f.prose {
            years(f, chars, doc.header.year, out);
            year_phrases(f, doc.header.year, out);
        }
        if seen.latin {
            stray_latin(f, chars, out);
        }
        if seen.comma {
            trailing_comma(f, out);
        }
        if seen.ascii_punct {
            mixed_punctuation(f, chars, out);
        }
        department_name(f, &self.names, &doc.header.department, out);
    }
}

/// What one pass over a text found, so that each check runs only where it can fire.
#[derive(Default)]
struct Seen {
    placeholder: bool,
    /// Sentence ends (。；！？).
    stops: usize,
    change: bool,
    yuan: bool,
    year: bool,
    latin: bool,
    comma: bool,
    /// ASCII , ; : ( ) or full-width （ ）, which R-TXT-010 checks for mixing.
    ascii_punct: bool,
}

impl Seen {
    fn of(chars: &[char]) -> Seen {
        let mut s = Seen::default();
        for &c in chars {
            match c {
                'X' | 'x' | '×' | '＊' | '待' | '【' | '…' => s.placeholder = true,
                '。' | '；' | '！' | '？' => s.stops += 1,
                ';' => {
                    s.stops += 1;
                    s.ascii_punct = true;
                }
                '增' | '减' | '降' => s.change = true,
                '元' => s.yuan = true,
                '年' => s.year = true,
                '，' => s.comma = true,
                ',' => {
                    s.comma = true;
                    s.ascii_punct = true;
                }
                ':' | '(' | ')' | '（' | '）' => s.ascii_punct = true,
                _ => {}
            }
            if c.is_ascii_alphabetic() {
                s.latin = true;
            }
        }
        s
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2a6df}')
}

/// Excerpt of `text` around byte offset `at`, for messages.
fn excerpt(text: &str, at: usize) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..at].chars().rev().take(8).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[at..].chars().take(10).collect();
    format!("…{before}{after}…").replace('\n', " ")
}

const PLACEHOLDERS: &[&str] = &["XX", "xx", "Xx", "××", "＊＊", "待补充", "待定", "待填", "【】", "……"];

fn placeholders(f: &Field<'_>, out: &mut Vec<Finding>) {
    for p in PLACEHOLDERS {
        if let Some(at) = f.text.find(p) {
            // "开展宣传、培训、检查……" uses the ellipsis for "etc.": only a text that is
            // nothing but an ellipsis, or one that opens on it, is surely unfinished.
            let before = f.text[..at].trim_end();
            let ellipsis_in_prose = *p == "……" && before.ends_with(|c: char| is_cjk(c) || c == '、');
            if ellipsis_in_prose {
                out.push(Finding::new(
                    "R-TXT-001",
                    Severity::Warning,
                    f.loc.clone(),
                    format!(
                        "文字中有省略号“……”（{}）；若是未写完的占位请补全，若表示“等等”请改为“等”",
                        excerpt(f.text, at)
                    ),
                ));
            } else {
                out.push(Finding::new(
                    "R-TXT-001",
                    Severity::Error,
                    f.loc.clone(),
                    format!("文字中留有占位符“{p}”（{}）；请填写实际内容后再公开", excerpt(f.text, at)),
                ));
            }
            return;
        }
    }
}

/// ABAB reduplications that are correct Chinese.
const REDUPLICATIONS: &[&str] =
    &["研究研究", "讨论讨论", "学习学习", "商量商量", "考虑考虑", "了解了解", "检查检查", "介绍介绍", "休息休息"];

/// "长期聘用人员人员经费" is 长期聘用人员 + 人员经费: a noun that ends one word and
/// starts the next, followed by what the second word names.
fn compound_boundary(unit: &[char], after: &[char]) -> bool {
    const NOUNS: &[&str] = &["人员", "工作", "服务", "管理"];
    const HEADS: &[&str] = &["经费", "费", "补贴", "补助", "工资", "站", "中心"];
    let unit: String = unit.iter().collect();
    if !NOUNS.contains(&unit.as_str()) {
        return false;
    }
    let after: String = after.iter().take(2).collect();
    HEADS.iter().any(|h| after.starts_with(h))
}

fn repeated_words(f: &Field<'_>, chars: &[char], out: &mut Vec<Finding>) {
    let mut reported: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut advanced = false;
        for len in (2..=4).rev() {
            if i + 2 * len > chars.len() || chars[i] != chars[i + len] {
                continue;
            }
            let (a, b) = (&chars[i..i + len], &chars[i + len..i + 2 * len]);
            // A unit of one character repeated (人人人人) is an AABB/AAAA form, not a slip.
            if a != b || !a.iter().all(|c| is_cjk(*c)) || a.iter().all(|c| *c == a[0]) {
                continue;
            }
            let doubled: String = chars[i..i + 2 * len].iter().collect();
            if REDUPLICATIONS.contains(&doubled.as_str()) || compound_boundary(a, &chars[i + 2 * len..]) {
                continue;
            }
            let word: String = a.iter().collect();
            if !reported.contains(&word) {
                out.push(Finding::new(
                    "R-TXT-002",
                    Severity::Warning,
                    f.loc.clone(),
                    format!("“{word}”连续重复出现（“{doubled}”），疑似录入时多打了一遍；请删除重复的词"),
                ));
                reported.push(word);
            }
            i += 2 * len;
            advanced = true;
            break;
        }
        if !advanced {
            i += 1;
        }
    }
}

fn repeated_sentence(f: &Field<'_>, out: &mut Vec<Finding>) {
    for para in f.text.lines() {
        let sentences: Vec<&str> =
            para.split(['。', '；', ';', '！', '？']).map(|s| s.trim()).filter(|s| s.chars().count() >= 6).collect();
        for (i, s) in sentences.iter().enumerate() {
            if sentences[..i].contains(s) {
                out.push(Finding::new(
                    "R-TXT-003",
                    Severity::Warning,
                    f.loc.clone(),
                    format!("同一段中句子“{s}”重复出现；请删除重复的句子"),
                ));
                return;
            }
        }
    }
}

const CONTRADICTIONS: &[&str] = &["增加持平", "减少持平", "持平增加", "持平减少", "增长持平", "下降持平"];

fn contradictions(f: &Field<'_>, out: &mut Vec<Finding>) {
    let t = f.text;
    let mut hit: Option<String> = CONTRADICTIONS.iter().find(|p| t.contains(**p)).map(|p| (*p).to_owned());
    if hit.is_none() {
        // "增加-0.6万元": an increase worded with a negative difference.
        'outer: for word in ["增加", "增长", "减少", "下降"] {
            for (pos, _) in t.match_indices(word) {
                let rest = t[pos + word.len()..].trim_start_matches(['了', ' ']);
                let rest = rest.strip_prefix(['-', '－', '−', '负']);
                if let Some(r) = rest
                    && r.starts_with(|c: char| c.is_ascii_digit())
                {
                    let n: String = r.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                    hit = Some(format!("{word}-{n}"));
                    break 'outer;
                }
            }
        }
    }
    if let Some(h) = hit {
        out.push(Finding::new(
            "R-TXT-004",
            Severity::Warning,
            f.loc.clone(),
            format!("文字“{h}”前后矛盾（增减方向与数字或“持平”不一致）；请按实际增减情况改写"),
        ));
    }
}

/// Every amount of the draft, rounded, sorted: what a number in the text may quote.
fn draft_figures(doc: &Disclosure, fig: &Figures) -> Vec<Decimal> {
    let mut v = vec![
        fig.income_total(),
        fig.income_this_year(),
        fig.expense_total(),
        fig.basic,
        fig.personnel,
        fig.public,
        fig.project,
        doc.running_costs.effective_total(),
        doc.three_public.total_this_year(),
        doc.three_public.total_last_year(),
        doc.procurement.total(),
        doc.assets.total_value(),
        doc.assets.planned_purchase,
    ];
    v.extend(
        [fig.last_basic, fig.last_project, fig.last_total(), fig.basic_change(), fig.project_change()]
            .into_iter()
            .flatten(),
    );
    v.extend(doc.running_costs.items.iter().map(|i| i.amount));
    for k in ThreePublicKind::ALL {
        let item = doc.three_public.item(k);
        v.extend([item.this_year, item.last_year, item.change()]);
    }
    v.extend(doc.performance.projects.iter().filter_map(|p| p.budget()));
    v.extend(doc.procurement.rows.iter().map(|r| r.total()));
    let mut v: Vec<Decimal> = v.into_iter().map(|d| round_display(d.abs())).filter(|d| *d >= Decimal::ONE).collect();
    v.sort();
    v.dedup();
    v
}

fn yuan_for_wan(
    f: &Field<'_>,
    doc: &Disclosure,
    fig: &Figures,
    figures: &mut Option<Vec<Decimal>>,
    out: &mut Vec<Finding>,
) {
    let t = f.text;
    for (pos, _) in t.match_indices('元') {
        let before = &t[..pos];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
            .last()
            .map(|(i, _)| i);
        let Some(start) = start else { continue };
        let digits: String = before[start..].chars().filter(|c| *c != ',').collect();
        let Ok(value) = digits.trim_matches('.').parse::<Decimal>() else { continue };
        if value < Decimal::ONE {
            continue;
        }
        let known = figures.get_or_insert_with(|| draft_figures(doc, fig));
        if known.binary_search(&round_display(value)).is_ok() {
            out.push(Finding::new(
                "R-TXT-005",
                Severity::Warning,
                f.loc.clone(),
                format!(
                    "“{}元”与本稿中的金额 {} 万元相同，但单位写成了“元”；本稿金额单位为万元，请改为“{}万元”",
                    &t[start..pos],
                    value.normalize(),
                    &t[start..pos]
                ),
            ));
            return;
        }
    }
}

fn years(f: &Field<'_>, chars: &[char], year: i32, out: &mut Vec<Finding>) {
    let mut depth_title = 0usize;
    let mut reported: Vec<i32> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '《' => depth_title += 1,
            '》' => depth_title = depth_title.saturating_sub(1),
            _ => {}
        }
        let starts_year = depth_title == 0
            && i + 4 < chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && matches!(chars[i], '1' | '2');
        if starts_year {
            let y = chars[i..i + 4].iter().fold(0i32, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0) as i32);
            if (1900..=2100).contains(&y) && y != year && y != year - 1 && !reported.contains(&y) {
                reported.push(y);
                out.push(Finding::new(
                    "R-TXT-006",
                    Severity::Notice,
                    f.loc.clone(),
                    format!(
                        "文字中出现“{y}年”，既不是预算年度 {year} 年也不是上年 {} 年；若是沿用往年文字，请更新年份",
                        year - 1
                    ),
                ));
            }
            i += 4;
            continue;
        }
        i += 1;
    }
}

/// "上年（2022年）" in a 2024 draft: a relative year whose number points elsewhere
/// (R-TXT-006). Reported once per field.
fn year_phrases(f: &Field<'_>, year: i32, out: &mut Vec<Finding>) {
    const PHRASES: &[(&str, i32)] = &[
        ("上一年度", -1),
        ("上年度", -1),
        ("上一年", -1),
        ("上年", -1),
        ("去年", -1),
        ("本年度", 0),
        ("本年", 0),
        ("今年", 0),
        ("当年", 0),
    ];
    let t = f.text;
    for (phrase, offset) in PHRASES {
        for (pos, _) in t.match_indices(phrase) {
            let rest = t[pos + phrase.len()..].trim_start_matches(['（', '(', '即', '：', ':', ' ']);
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            if digits.len() != 4 || !rest[4..].starts_with('年') {
                continue;
            }
            let Ok(y) = digits.parse::<i32>() else { continue };
            let meant = year + offset;
            if y != meant {
                out.push(Finding::new(
                    "R-TXT-006",
                    Severity::Notice,
                    f.loc.clone(),
                    format!("文字“{phrase}（{y}年）”中的年份与“{phrase}”不符：本稿预算年度为 {year} 年，“{phrase}”应为 {meant} 年；请核对"),
                ));
                return;
            }
        }
    }
}

fn stray_latin(f: &Field<'_>, chars: &[char], out: &mut Vec<Finding>) {
    for i in 0..chars.len() {
        let c = chars[i];
        if !c.is_ascii_alphabetic() {
            continue;
        }
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        if prev.is_some_and(|p| p.is_ascii_alphanumeric()) || next.is_some_and(|n| n.is_ascii_alphanumeric()) {
            continue;
        }
        let prev_cjk = prev.is_some_and(is_cjk);
        let next_cjk = next.is_some_and(is_cjk);
        let stray = if c.is_ascii_lowercase() {
            prev_cjk || next_cjk
        } else {
            // "B级", "A类" are fine; a capital glued to the end of a phrase is not.
            prev_cjk && !next_cjk
        };
        if stray {
            let at = f.text.char_indices().nth(i).map(|(b, _)| b).unwrap_or(0);
            out.push(Finding::new(
                "R-TXT-007",
                Severity::Notice,
                f.loc.clone(),
                format!("中文中夹有单个字母“{c}”（{}），疑似误输入；请删除或改正", excerpt(f.text, at)),
            ));
            return;
        }
    }
}

fn trailing_comma(f: &Field<'_>, out: &mut Vec<Finding>) {
    if f.text.lines().any(|l| l.trim_end().ends_with(['，', ','])) {
        out.push(Finding::new(
            "R-TXT-008",
            Severity::Notice,
            f.loc.clone(),
            "句子以逗号结尾，似乎没有写完；请补全句子或改为句号",
        ));
    }
}

/// R-TXT-010: ASCII punctuation inside Chinese text ("持平,无增减变化", "其中:"), and a
/// bracket opened full-width and closed ASCII or the other way round ("（其中…)").
fn mixed_punctuation(f: &Field<'_>, chars: &[char], out: &mut Vec<Finding>) {
    let mut open: Vec<char> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        let bad = match c {
            '（' | '(' => {
                open.push(c);
                None
            }
            '）' | ')' => match open.pop() {
                Some('（') if c == ')' => Some("全角“（”配了半角“)”"),
                Some('(') if c == '）' => Some("半角“(”配了全角“）”"),
                _ => None,
            },
            ',' | ';' | ':' if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) => Some(match c {
                ',' => "中文里用了半角逗号“,”",
                ';' => "中文里用了半角分号“;”",
                _ => "中文里用了半角冒号“:”",
            }),
            _ => None,
        };
        if let Some(what) = bad {
            let at = f.text.char_indices().nth(i).map(|(b, _)| b).unwrap_or(0);
            out.push(Finding::new(
                "R-TXT-010",
                Severity::Notice,
                f.loc.clone(),
                format!("{what}（{}）；中文标点请统一用全角：，；：（）", excerpt(f.text, at)),
            ));
            return;
        }
    }
}

/// A form of the department name, with its first and last two characters (the anchors
/// a misspelt mention is searched by).
struct NameForm {
    chars: Vec<char>,
    head: String,
    tail: String,
}

/// The department name and its shorter forms without the region prefixes
/// ("保定市徐水区城区办事处" → "徐水区城区办事处"), at least 8 characters long.
fn name_variants(department: &str) -> Vec<NameForm> {
    let mut v: Vec<NameForm> = Vec::new();
    let mut name: Vec<char> = department.trim().chars().collect();
    while name.len() >= 8 {
        if name.iter().all(|c| is_cjk(*c)) {
            let n = name.len();
            v.push(NameForm {
                head: name[..2].iter().collect(),
                tail: name[n - 2..].iter().collect(),
                chars: name.clone(),
            });
        }
        let Some(cut) = name.iter().position(|c| matches!(c, '省' | '市' | '区' | '县' | '州')) else { break };
        name = name[cut + 1..].to_vec();
    }
    v
}

fn department_name(f: &Field<'_>, names: &[NameForm], department: &str, out: &mut Vec<Finding>) {
    let mut window: Vec<char> = Vec::new();
    for form in names {
        let name = &form.chars;
        let n = name.len();
        let allowed = if n >= 10 { 2 } else { 1 };
        // Anchor on two characters at either end: a name with both ends wrong is a
        // different name. Windows start at a head match or end at a tail match.
        let starts = f.text.match_indices(form.head.as_str()).map(|(p, _)| (p, true));
        let ends = f.text.match_indices(form.tail.as_str()).map(|(p, m)| (p + m.len(), false));
        for (at, forward) in starts.chain(ends) {
            window.clear();
            if forward {
                window.extend(f.text[at..].chars().take(n));
            } else {
                window.extend(f.text[..at].chars().rev().take(n));
                window.reverse();
            }
            if window.len() < n {
                continue;
            }
            let diff = window.iter().zip(name).filter(|(a, b)| a != b).count();
            if diff == 0 || diff > allowed || !window.iter().all(|c| is_cjk(*c)) {
                continue;
            }
            let typed: String = window.iter().collect();
            out.push(Finding::new(
                "R-TXT-009",
                Severity::Warning,
                f.loc.clone(),
                format!("文字中的单位名称“{typed}”与部门名称“{}”不一致，疑似错字；请核对", department.trim()),
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::{d, ids, run};

    fn doc_with_duty(text: &str) -> Disclosure {
        let mut doc = Disclosure::new("保定市徐水区城区办事处", 2020, "hebei-2020-parts");
        doc.duties.items.push(text.into());
        doc
    }

    fn check_fig(doc: &Disclosure, out: &mut Vec<Finding>) {
        check(doc, &doc.figures(), out)
    }

    fn rules_for(text: &str) -> Vec<&'static str> {
        ids(&run(&doc_with_duty(text), check_fig))
    }

    #[test]
    fn clean_text_has_no_findings() {
        assert!(rules_for("负责城区适龄青年的征兵工作，营造“人人关注禁毒、人人参与禁毒”的氛围。").is_empty());
        assert!(rules_for("对老旧小区微型消防站建设，达到B级微型消防站；2019年9月至2020年9月。").is_empty());
        assert!(rules_for("依据《2018年社区建设规划》和三发【2012】5号文件，逐步推进。").is_empty());
    }

    #[test]
    fn placeholders_are_errors() {
        for t in ["本年度预算XX万元。", "主要用于××工作。", "待补充", "【】", "……", "主要包括：……"]
        {
            let f = run(&doc_with_duty(t), check_fig);
            assert_eq!(ids(&f), ["R-TXT-001"], "{t}");
            assert_eq!(f[0].severity, Severity::Error);
        }
        // An ellipsis ending a list reads as "etc.": a warning, not an error.
        let f = run(&doc_with_duty("开展宣传、培训、检查……"), check_fig);
        assert_eq!((ids(&f), f[0].severity), (vec!["R-TXT-001"], Severity::Warning));
    }

    #[test]
    fn repeated_words_and_sentences() {
        assert_eq!(rules_for("计划2020年1月开始开始，每三个月发放一次。"), ["R-TXT-002"]);
        assert_eq!(rules_for("强化禁毒宣传宣传教育。"), ["R-TXT-002"]);
        assert!(rules_for("大家研究研究再定。").is_empty());
        assert!(rules_for("长期聘用人员人员经费和公用经费").is_empty());
        assert_eq!(rules_for("长期聘用人员人员。"), ["R-TXT-002"]);
        assert_eq!(
            rules_for("抓好社区的党建工作。对社区居委会工作监督、检查、评比。抓好社区的党建工作；"),
            ["R-TXT-003"]
        );
    }

    #[test]
    fn contradictions_and_units() {
        assert_eq!(rules_for("公务接待费增加持平。"), ["R-TXT-004"]);
        assert_eq!(rules_for("公务用车运行费增加-0.6万元。"), ["R-TXT-004"]);
        let mut doc = doc_with_duty("项目支出1445.1元，主要用于社区工作。");
        doc.summary.project = d("1445.1");
        assert_eq!(ids(&run(&doc, check_fig)), ["R-TXT-005"]);
        doc.duties.items[0] = "人均补贴300元，项目支出1445.1万元。".into();
        assert!(run(&doc, check_fig).is_empty());
    }

    #[test]
    fn years_latin_and_commas() {
        assert_eq!(rules_for("2018年实现社区全覆盖。"), ["R-TXT-006"]);
        assert_eq!(rules_for("开展政府电子政务s"), ["R-TXT-007"]);
        assert_eq!(rules_for("提升辖区居民安全生产意识，"), ["R-TXT-008"]);
    }

    #[test]
    fn years_in_indicator_descriptions_but_not_in_bases() {
        let mut doc = Disclosure::new("保定市徐水区城区办事处", 2020, "hebei-2020-parts");
        let p = crate::model::Project {
            name: "甲".into(),
            indicators: vec![crate::model::Indicator {
                level3: "改造数量".into(),
                description: "2017年改造的小区".into(),
                basis: "2017年改造规划".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        doc.performance.projects.push(p);
        let f = run(&doc, check_fig);
        assert_eq!(ids(&f), ["R-TXT-006"]);
        assert_eq!(f[0].location, Location::sub(Section::Projects, 0, 0, "description"));
    }

    #[test]
    fn relative_years_must_point_at_the_right_year() {
        // The draft is for 2020: 上年 is 2019.
        assert_eq!(rules_for("上年（2020年）完成改造。"), ["R-TXT-006"]);
        assert_eq!(rules_for("本年度（2019年）继续实施。"), ["R-TXT-006"]);
        assert!(rules_for("上年（2019年）完成改造，本年度（2020年）继续实施。").is_empty());
    }

    #[test]
    fn mixed_punctuation() {
        assert_eq!(rules_for("与2019年持平,无增减变化。"), ["R-TXT-010"]);
        assert_eq!(rules_for("公务用车购置及运维费5.92万元（其中：公务用车购置费为0万元)。"), ["R-TXT-010"]);
        assert_eq!(rules_for("其中:基本支出增加2.33万元。"), ["R-TXT-010"]);
        // Near misses: thousands separators, times, English in brackets, matched brackets.
        assert!(rules_for("收入1,234.5万元，会议10:30开始（上午）。").is_empty());
        assert!(rules_for("采用PPP(政府和社会资本合作)模式，（一）总体目标。").is_empty());
    }

    #[test]
    fn department_name_typos() {
        assert_eq!(rules_for("徐水区城区办事外负责社区建设。"), ["R-TXT-009"]);
        assert_eq!(rules_for("由徐木区城区办事处负责。"), ["R-TXT-009"]);
        assert!(rules_for("保定市徐水区城区办事处负责社区建设，徐水区城区办事处。").is_empty());
        assert!(rules_for("协调各社区办事处的工作。").is_empty());
    }
}
