//! Breaking Chinese text into lines.
//!
//! Chinese text may break between any two hanzi, with two exceptions (禁则): closing
//! punctuation never starts a line and opening punctuation never ends one. Runs of
//! Latin letters, digits and ASCII punctuation ("1,750.87", "2020", "GB/T") are kept
//! whole, so an amount is never split over two lines.

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

/// One laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Width in points at the size the text was broken for.
    pub width: f32,
}

/// An unbreakable piece: one hanzi with the punctuation glued to it, or a Latin run.
struct Unit {
    text: String,
    /// The spaces between this unit and the previous one (dropped at a line break).
    space_before: String,
}

fn units(text: &str) -> Vec<Unit> {
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
    let mut lines = Vec::new();
    for para in text.split('\n') {
        break_paragraph(para, face, size, max_width, first_indent, &mut lines);
    }
    lines
}

fn break_paragraph(
    text: &str,
    face: &LoadedFace,
    size: f32,
    full_width: f32,
    first_indent: f32,
    lines: &mut Vec<Line>,
) {
    // Points of slack so rounding never pushes an exactly fitting line over.
    const EPS: f32 = 0.01;
    let space = face.advance(' ') * size;
    let first_line = lines.len();
    let max = |lines: &Vec<Line>| if lines.len() == first_line { full_width - first_indent } else { full_width };
    let mut cur = Line { text: String::new(), width: 0.0 };
    for unit in units(text) {
        let w = face.width(&unit.text, size);
        let mut gap = if cur.text.is_empty() { 0.0 } else { space * unit.space_before.len() as f32 };
        if !cur.text.is_empty() && cur.width + gap + w > max(lines) + EPS {
            lines.push(std::mem::replace(&mut cur, Line { text: String::new(), width: 0.0 }));
            gap = 0.0;
        }
        if cur.text.is_empty() && w > max(lines) + EPS {
            // Too wide for any line: cut between characters.
            for c in unit.text.chars() {
                let cw = face.advance(c) * size;
                if !cur.text.is_empty() && cur.width + cw > max(lines) + EPS {
                    lines.push(std::mem::replace(&mut cur, Line { text: String::new(), width: 0.0 }));
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
    units(text).iter().map(|u| face.width(&u.text, size)).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        units(s).into_iter().map(|u| u.text).collect()
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
