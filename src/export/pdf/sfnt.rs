//! Just enough TrueType to measure text and to cut a small font out of a big one.
//!
//! The bundled Noto faces are 10–15 MB each. Handing them to printpdf whole costs tens
//! of milliseconds per export (it copies and indexes every glyph) although a disclosure
//! uses a few hundred. So the layout measures with this reader (cmap format 12 + hmtx,
//! no copying), and the renderer gives printpdf a font holding only the glyphs the
//! document uses; printpdf then subsets and embeds that as usual.

use std::collections::BTreeSet;

/// A parsed table directory over font bytes that live for the whole program.
pub struct Sfnt {
    data: &'static [u8],
    tables: Vec<([u8; 4], usize, usize)>,
    /// Offset and group count of the (3,10) format 12 cmap subtable.
    cmap12: (usize, usize),
    hmtx: usize,
    num_h_metrics: usize,
    loca: usize,
    long_loca: bool,
    glyf: (usize, usize),
    num_glyphs: usize,
    units_per_em: u16,
}

fn u16_at(d: &[u8], o: usize) -> Option<u16> {
    d.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], o: usize) -> Option<u32> {
    d.get(o..o + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

impl Sfnt {
    pub fn parse(data: &'static [u8]) -> Result<Self, String> {
        let bad = || "字体文件损坏".to_string();
        if u32_at(data, 0) != Some(0x0001_0000) {
            return Err("不是 TrueType 字体".into());
        }
        let n = usize::from(u16_at(data, 4).ok_or_else(bad)?);
        let mut tables = Vec::with_capacity(n);
        for i in 0..n {
            let rec = 12 + 16 * i;
            let tag: [u8; 4] = data.get(rec..rec + 4).ok_or_else(bad)?.try_into().map_err(|_| bad())?;
            let off = u32_at(data, rec + 8).ok_or_else(bad)? as usize;
            let len = u32_at(data, rec + 12).ok_or_else(bad)? as usize;
            if off.checked_add(len).is_none_or(|end| end > data.len()) {
                return Err(bad());
            }
            tables.push((tag, off, len));
        }
        let find = |tag: &[u8; 4]| {
            tables
                .iter()
                .find(|(t, _, _)| t == tag)
                .map(|&(_, o, l)| (o, l))
                .ok_or_else(|| format!("字体缺少 {} 表", String::from_utf8_lossy(tag)))
        };
        let (head, _) = find(b"head")?;
        let (hhea, _) = find(b"hhea")?;
        let (maxp, _) = find(b"maxp")?;
        let (hmtx, _) = find(b"hmtx")?;
        let (loca, _) = find(b"loca")?;
        let glyf = find(b"glyf")?;
        let (cmap, _) = find(b"cmap")?;

        let mut cmap12 = None;
        let subtables = usize::from(u16_at(data, cmap + 2).ok_or_else(bad)?);
        for i in 0..subtables {
            let rec = cmap + 4 + 8 * i;
            let platform = u16_at(data, rec).ok_or_else(bad)?;
            let encoding = u16_at(data, rec + 2).ok_or_else(bad)?;
            let off = cmap + u32_at(data, rec + 4).ok_or_else(bad)? as usize;
            if (platform, encoding) == (3, 10) && u16_at(data, off) == Some(12) {
                let groups = u32_at(data, off + 12).ok_or_else(bad)? as usize;
                if off + 16 + 12 * groups > data.len() {
                    return Err(bad());
                }
                cmap12 = Some((off + 16, groups));
            }
        }
        let cmap12 = cmap12.ok_or("字体缺少 Unicode (3,10) 字符映射")?;
        Ok(Sfnt {
            data,
            tables,
            cmap12,
            hmtx,
            num_h_metrics: usize::from(u16_at(data, hhea + 34).ok_or_else(bad)?),
            loca,
            long_loca: u16_at(data, head + 50).ok_or_else(bad)? == 1,
            glyf,
            num_glyphs: usize::from(u16_at(data, maxp + 4).ok_or_else(bad)?),
            units_per_em: u16_at(data, head + 18).ok_or_else(bad)?.max(1),
        })
    }

    pub fn units_per_em(&self) -> u16 {
        self.units_per_em
    }

    /// The glyph for `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let c = u32::from(c);
        let (base, count) = self.cmap12;
        let (mut lo, mut hi) = (0, count);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let g = base + 12 * mid;
            let start = u32_at(self.data, g)?;
            let end = u32_at(self.data, g + 4)?;
            if c < start {
                hi = mid;
            } else if c > end {
                lo = mid + 1;
            } else {
                let gid = u32_at(self.data, g + 8)? + (c - start);
                return u16::try_from(gid).ok().filter(|&g| usize::from(g) < self.num_glyphs);
            }
        }
        None
    }

    /// Horizontal advance of glyph `gid` in font units.
    pub fn advance(&self, gid: u16) -> u16 {
        let i = usize::from(gid).min(self.num_h_metrics.saturating_sub(1));
        u16_at(self.data, self.hmtx + 4 * i).unwrap_or(0)
    }

    fn glyph_range(&self, gid: usize) -> Option<(usize, usize)> {
        let (start, end) = if self.long_loca {
            (u32_at(self.data, self.loca + 4 * gid)? as usize, u32_at(self.data, self.loca + 4 * gid + 4)? as usize)
        } else {
            (
                usize::from(u16_at(self.data, self.loca + 2 * gid)?) * 2,
                usize::from(u16_at(self.data, self.loca + 2 * gid + 2)?) * 2,
            )
        };
        (start <= end && end <= self.glyf.1).then_some((self.glyf.0 + start, self.glyf.0 + end))
    }

    /// The glyphs a composite glyph is built from.
    fn components(&self, gid: usize) -> Vec<u16> {
        const ARG_WORDS: u16 = 0x0001;
        const SCALE: u16 = 0x0008;
        const MORE: u16 = 0x0020;
        const XY_SCALE: u16 = 0x0040;
        const TWO_BY_TWO: u16 = 0x0080;
        let mut out = Vec::new();
        let Some((start, end)) = self.glyph_range(gid) else { return out };
        if end - start < 10 || u16_at(self.data, start).is_none_or(|n| (n as i16) >= 0) {
            return out;
        }
        let mut p = start + 10;
        while p + 4 <= end {
            let (Some(flags), Some(component)) = (u16_at(self.data, p), u16_at(self.data, p + 2)) else { break };
            out.push(component);
            p += 4 + if flags & ARG_WORDS != 0 { 4 } else { 2 };
            p += if flags & SCALE != 0 {
                2
            } else if flags & XY_SCALE != 0 {
                4
            } else if flags & TWO_BY_TWO != 0 {
                8
            } else {
                0
            };
            if flags & MORE == 0 {
                break;
            }
        }
        out
    }

    /// A complete TrueType font with the same glyph ids as this one, but outlines only
    /// for `.notdef` and the glyphs of `chars` (and their components), a cmap for just
    /// those characters and no layout tables.
    pub fn subset(&self, chars: &BTreeSet<char>) -> Vec<u8> {
        let mut keep = vec![false; self.num_glyphs];
        let mut todo = vec![0u16];
        let mut mapping: Vec<(u32, u16)> = Vec::new();
        for &c in chars {
            if let Some(g) = self.glyph(c) {
                mapping.push((u32::from(c), g));
                todo.push(g);
            }
        }
        while let Some(g) = todo.pop() {
            let gi = usize::from(g);
            if gi < keep.len() && !keep[gi] {
                keep[gi] = true;
                todo.extend(self.components(gi));
            }
        }

        let mut glyf = Vec::new();
        let mut loca = Vec::with_capacity(4 * (self.num_glyphs + 1));
        for (gid, &kept) in keep.iter().enumerate() {
            loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
            if kept && let Some((start, end)) = self.glyph_range(gid) {
                glyf.extend_from_slice(&self.data[start..end]);
                while glyf.len() % 4 != 0 {
                    glyf.push(0);
                }
            }
        }
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());

        let mut tables: Vec<([u8; 4], Vec<u8>)> =
            vec![(*b"cmap", cmap_format12(&mapping)), (*b"glyf", glyf), (*b"loca", loca)];
        for tag in [b"OS/2", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"post"] {
            if let Some(&(_, off, len)) = self.tables.iter().find(|(t, _, _)| t == tag) {
                let mut bytes = self.data[off..off + len].to_vec();
                if tag == b"head" && bytes.len() >= 54 {
                    bytes[8..12].fill(0); // checkSumAdjustment, set below
                    bytes[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca
                }
                tables.push((*tag, bytes));
            }
        }
        tables.sort_by_key(|t| t.0);
        assemble(tables)
    }
}

fn cmap_format12(mapping: &[(u32, u16)]) -> Vec<u8> {
    let mut groups: Vec<(u32, u32, u32)> = Vec::new();
    for &(c, g) in mapping {
        match groups.last_mut() {
            Some(last) if last.1 + 1 == c && last.2 + (c - last.0) == u32::from(g) => last.1 = c,
            _ => groups.push((c, c, u32::from(g))),
        }
    }
    let length = 16 + 12 * groups.len() as u32;
    let mut out = Vec::with_capacity(12 + length as usize);
    out.extend_from_slice(&0u16.to_be_bytes()); // version
    out.extend_from_slice(&1u16.to_be_bytes()); // one subtable
    out.extend_from_slice(&3u16.to_be_bytes()); // Windows
    out.extend_from_slice(&10u16.to_be_bytes()); // Unicode full repertoire
    out.extend_from_slice(&12u32.to_be_bytes());
    out.extend_from_slice(&12u16.to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&0u32.to_be_bytes()); // language
    out.extend_from_slice(&(groups.len() as u32).to_be_bytes());
    for (start, end, gid) in groups {
        out.extend_from_slice(&start.to_be_bytes());
        out.extend_from_slice(&end.to_be_bytes());
        out.extend_from_slice(&gid.to_be_bytes());
    }
    out
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// Writes the table directory and the tables (sorted by tag) as one sfnt.
fn assemble(tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    let n = tables.len() as u16;
    let entry_selector = 15 - n.max(1).leading_zeros() as u16;
    let search_range = 16u16 << entry_selector;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&(n * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, bytes) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(bytes).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += bytes.len().div_ceil(4) * 4;
    }
    for (_, bytes) in &tables {
        out.extend_from_slice(bytes);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(h) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fonts::SERIF;

    #[test]
    fn lookups_agree_with_a_full_parser_and_the_subset_keeps_glyph_ids() {
        let font = Sfnt::parse(SERIF).unwrap();
        let text = "预算收入1750.87万元（“三公”经费）泃";
        let chars: BTreeSet<char> = text.chars().collect();
        let subset = font.subset(&chars);
        assert!(subset.len() < 400_000, "{} bytes", subset.len());
        let mut warnings = Vec::new();
        let full = printpdf::ParsedFont::from_bytes(SERIF, 0, &mut warnings).unwrap();
        let small = printpdf::ParsedFont::from_bytes(&subset, 0, &mut warnings).unwrap();
        for c in chars {
            let g = font.glyph(c).unwrap_or_else(|| panic!("no glyph for {c}"));
            assert_eq!(Some(g), full.lookup_glyph_index(c as u32), "{c}");
            assert_eq!(Some(g), small.lookup_glyph_index(c as u32), "{c}");
            assert_eq!(font.advance(g), full.get_horizontal_advance(g), "{c}");
            assert_eq!(font.advance(g), small.get_horizontal_advance(g), "{c}");
        }
        assert_eq!(font.glyph('\u{E000}'), None);
    }
}
