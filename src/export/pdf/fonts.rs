//! The three PDF faces: measured with `skrifa`, cut with `subsetter`.
//!
//! Layout measures every character of every cell, so each face's character map and
//! advances are indexed once per process (a `OnceLock`) and advances of the Basic
//! Multilingual Plane are cached. Rendering then cuts, per document, a font holding only
//! the glyphs it uses (a few hundred of 30,000) and hands printpdf that font with its
//! character → glyph map and widths; printpdf embeds it as a CID font with a ToUnicode
//! map, so the text can be searched and copied.
//!
//! The bold face (Noto Serif SC Bold, cut to GB2312 to keep the binary small) sets
//! bold body text: level-2 headings, 合计 and 类 rows. Text with a character outside it
//! (a rare name such as 泃) falls back to the regular face thickened by a stroke.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU16, Ordering};

use printpdf::{FontMetrics, FontType, ParsedFont, PdfFontMetricsStub};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider, charmap::Charmap};

use crate::export::ExportError;
use crate::fonts::Bundled;

/// Which of the bundled faces a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Noto Serif SC: the Song-style body face.
    Serif,
    /// Noto Sans SC: title, headings and table headers.
    Sans,
    /// Noto Serif SC Bold: bold body text.
    SerifBold,
}

/// A bundled face with what the layout needs to measure text.
pub struct LoadedFace {
    data: &'static [u8],
    name: &'static str,
    /// The PostScript name ("NotoSerifSC-Regular"), which PDF font names are made of.
    postscript_name: String,
    charmap: Charmap<'static>,
    glyph_metrics: GlyphMetrics<'static>,
    /// The font-wide values printpdf writes into the font descriptor.
    descriptor: PdfFontMetricsStub,
    ascent: i16,
    descent: i16,
    units_per_em: f32,
    notdef_advance: u16,
    /// Advances of the Basic Multilingual Plane, filled on first use (0 = not looked up
    /// yet, else advance + 1): layout measures every character of every cell, and a
    /// large department has millions of them.
    bmp_advances: Box<[AtomicU16]>,
}

impl LoadedFace {
    fn load(bundled: &'static Bundled) -> Result<Self, String> {
        let data = bundled.bytes();
        let name = bundled.name;
        let bad = |e: skrifa::raw::ReadError| format!("内置字体 {name} 损坏：{e}");
        let font = FontRef::new(data).map_err(bad)?;
        let head = font.head().map_err(bad)?;
        let hhea = font.hhea().map_err(bad)?;
        let us_weight_class = font.os2().map(|t| t.us_weight_class()).unwrap_or(0);
        let units_per_em = head.units_per_em().max(1);
        let glyph_metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let postscript_name = font
            .localized_strings(skrifa::string::StringId::POSTSCRIPT_NAME)
            .english_or_first()
            .map(|s| s.to_string())
            .unwrap_or_else(|| name.replace(' ', ""));
        let mut face = LoadedFace {
            data,
            name,
            postscript_name,
            charmap: font.charmap(),
            descriptor: PdfFontMetricsStub {
                units_per_em,
                x_min: head.x_min(),
                y_min: head.y_min(),
                x_max: head.x_max(),
                y_max: head.y_max(),
                caret_slope_rise: hhea.caret_slope_rise(),
                caret_slope_run: hhea.caret_slope_run(),
                us_weight_class,
            },
            ascent: hhea.ascender().to_i16(),
            descent: hhea.descender().to_i16(),
            glyph_metrics,
            units_per_em: f32::from(units_per_em),
            notdef_advance: 0,
            bmp_advances: (0..=u16::MAX).map(|_| AtomicU16::new(0)).collect(),
        };
        face.notdef_advance = face.glyph_advance(GlyphId::NOTDEF);
        Ok(face)
    }

    /// Advance of glyph `g` in font units.
    fn glyph_advance(&self, g: GlyphId) -> u16 {
        let units = self.glyph_metrics.advance_width(g).unwrap_or(0.0);
        // Advances are whole font units in the file; the float only carries them.
        units.round().clamp(0.0, f32::from(u16::MAX - 1)) as u16
    }

    /// Advance width of `c` in em (ShowText does no kerning, so advances add up exactly).
    pub fn advance(&self, c: char) -> f32 {
        let slot = usize::try_from(u32::from(c)).ok().and_then(|i| self.bmp_advances.get(i));
        if let Some(cached) = slot.map(|s| s.load(Ordering::Relaxed)).filter(|&v| v != 0) {
            return f32::from(cached - 1) / self.units_per_em;
        }
        let units = match self.charmap.map(c) {
            Some(g) => self.glyph_advance(g),
            None => self.notdef_advance,
        };
        if let Some(slot) = slot {
            slot.store(units + 1, Ordering::Relaxed);
        }
        f32::from(units) / self.units_per_em
    }

    /// True when the face has a glyph for every character of `text`.
    pub fn covers(&self, text: &str) -> bool {
        text.chars().all(|c| c.is_whitespace() || self.charmap.map(c).is_some())
    }

    /// Width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// This face cut down to `chars`, for printpdf to embed as it is. `tag` is the
    /// six-letter subset tag that precedes the font's name in the PDF.
    pub fn parsed_subset(&self, chars: &BTreeSet<char>, tag: &str) -> Result<ParsedFont, ExportError> {
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut codepoint_to_glyph = BTreeMap::new();
        let mut glyph_widths = BTreeMap::from([(0, self.notdef_advance)]);
        for &c in chars {
            let Some(g) = self.charmap.map(c) else { continue };
            // The bundled faces have fewer than 65,536 glyphs (TrueType cannot have more).
            let Ok(old) = u16::try_from(g.to_u32()) else { continue };
            let new = remapper.remap(old);
            codepoint_to_glyph.insert(u32::from(c), new);
            glyph_widths.insert(new, self.glyph_advance(g));
        }
        let bytes = subsetter::subset(self.data, 0, &remapper)
            .map_err(|e| ExportError::Pdf(format!("无法嵌入字体 {}：{e}", self.name)))?;
        Ok(ParsedFont {
            original_bytes: bytes,
            font_index: 0,
            font_name: Some(format!("{tag}+{}", self.postscript_name)),
            codepoint_to_glyph,
            glyph_widths,
            units_per_em: self.descriptor.units_per_em,
            font_metrics: FontMetrics { ascent: self.ascent, descent: self.descent },
            font_type: FontType::TrueType,
            pdf_font_metrics: self.descriptor.clone(),
        })
    }
}

/// All faces.
pub struct Fonts {
    pub serif: LoadedFace,
    pub sans: LoadedFace,
    pub serif_bold: LoadedFace,
}

impl Fonts {
    pub fn face(&self, face: Face) -> &LoadedFace {
        match face {
            Face::Serif => &self.serif,
            Face::Sans => &self.sans,
            Face::SerifBold => &self.serif_bold,
        }
    }

    /// The face and simulated-bold flag for `text` set in `face`, bold or not: serif
    /// bold text takes the real bold face when it has every character.
    pub fn styled(&self, face: Face, bold: bool, text: &str) -> (Face, bool) {
        match face {
            Face::Serif if bold && self.serif_bold.covers(text) => (Face::SerifBold, false),
            _ => (face, bold),
        }
    }
}

static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();

/// The indexed faces; the first call unpacks and reads all three (side by side), later
/// calls are free.
pub fn get() -> Result<&'static Fonts, ExportError> {
    FONTS
        .get_or_init(|| {
            use crate::fonts::{SANS, SERIF, SERIF_BOLD};
            std::thread::scope(|s| {
                let sans = s.spawn(|| LoadedFace::load(&SANS));
                let bold = s.spawn(|| LoadedFace::load(&SERIF_BOLD));
                let serif = LoadedFace::load(&SERIF)?;
                let joined = |h: std::thread::ScopedJoinHandle<'_, Result<LoadedFace, String>>| {
                    h.join().unwrap_or_else(|_| Err("内置字体读取失败".into()))
                };
                Ok(Fonts { serif, sans: joined(sans)?, serif_bold: joined(bold)? })
            })
        })
        .as_ref()
        .map_err(|e| ExportError::Pdf(e.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads back a subset the way a PDF reader does: glyph `new` of the cut font must
    /// have the advance the layout measured and an outline when the original has one.
    #[test]
    fn the_subset_keeps_the_measured_glyphs_and_nothing_else() {
        let fonts = get().unwrap();
        let face = &fonts.serif;
        let text = "预算收入1750.87万元（“三公”经费）泃";
        let chars: BTreeSet<char> = text.chars().collect();
        let parsed = face.parsed_subset(&chars, "ABCDEF").unwrap();
        assert_eq!(parsed.font_name.as_deref(), Some("ABCDEF+NotoSerifSC-Regular"));
        assert!(parsed.original_bytes.len() < 60_000, "{} bytes", parsed.original_bytes.len());

        let small = FontRef::new(&parsed.original_bytes).unwrap();
        let small_metrics = small.glyph_metrics(Size::unscaled(), LocationRef::default());
        // .notdef plus one glyph per character (these have no composite glyphs).
        assert_eq!(usize::from(small.maxp().unwrap().num_glyphs()), chars.len() + 1);
        for c in chars {
            let new = parsed.lookup_glyph_index(u32::from(c)).unwrap_or_else(|| panic!("no glyph for {c}"));
            let advance = small_metrics.advance_width(GlyphId::new(u32::from(new))).unwrap();
            assert_eq!(advance / face.units_per_em, face.advance(c), "{c}");
            assert_eq!(parsed.glyph_widths.get(&new).map(|&w| f32::from(w)), Some(advance), "{c}");
        }
        assert!(!face.covers("\u{E000}"));
    }

    #[test]
    fn the_bold_face_covers_gb2312_but_not_rare_characters() {
        let fonts = get().unwrap();
        assert!(fonts.serif_bold.covers("合计 一般公共预算拨款收入 1,234.56"));
        assert_eq!(fonts.styled(Face::Serif, true, "合计"), (Face::SerifBold, false));
        assert_eq!(fonts.styled(Face::Serif, true, "泃河"), (Face::Serif, true));
        assert!(fonts.serif.covers("泃河"));
    }
}
