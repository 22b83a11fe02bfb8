//! The three PDF faces, indexed once per process.
//!
//! The bundled Noto fonts are 28 MB together; their table directories and character
//! maps are read once into a `OnceLock` and every later export reuses them. Outlines
//! are only touched when a document's subset is cut (see [`super::sfnt`]).
//!
//! The bold face (Noto Serif SC Bold, cut to GB2312 to keep the binary small) sets
//! bold body text: level-2 headings, 合计 and 类 rows. Text with a character outside it
//! (a rare name such as 泃) falls back to the regular face thickened by a stroke.

use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU16, Ordering};

use printpdf::ParsedFont;

use super::sfnt::Sfnt;
use crate::export::ExportError;

/// Which of the two bundled faces a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Noto Serif SC: the Song-style body face.
    Serif,
    /// Noto Sans SC: title, headings and table headers.
    Sans,
    /// Noto Serif SC Bold: bold body text.
    SerifBold,
}

/// Noto Serif SC Bold, GB2312 subset (see `assets/fonts/PROVENANCE.md`).
static SERIF_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSerifSC-Bold-GB2312.ttf");

/// A bundled face with what the layout needs to measure text.
pub struct LoadedFace {
    sfnt: Sfnt,
    name: &'static str,
    units_per_em: f32,
    notdef_advance: u16,
    /// Advances of the Basic Multilingual Plane, filled on first use (0 = not looked up
    /// yet, else advance + 1): layout measures every character of every cell, and a
    /// large department has millions of them.
    bmp_advances: Box<[AtomicU16]>,
}

impl LoadedFace {
    fn parse(bytes: &'static [u8], name: &'static str) -> Result<Self, String> {
        let sfnt = Sfnt::parse(bytes).map_err(|e| format!("内置字体 {name}：{e}"))?;
        let units_per_em = f32::from(sfnt.units_per_em());
        let notdef_advance = sfnt.advance(0);
        let bmp_advances = (0..=u16::MAX).map(|_| AtomicU16::new(0)).collect();
        Ok(LoadedFace { sfnt, name, units_per_em, notdef_advance, bmp_advances })
    }

    /// Advance width of `c` in em (ShowText does no kerning, so advances add up exactly).
    pub fn advance(&self, c: char) -> f32 {
        let slot = usize::try_from(u32::from(c)).ok().and_then(|i| self.bmp_advances.get(i));
        if let Some(cached) = slot.map(|s| s.load(Ordering::Relaxed)).filter(|&v| v != 0) {
            return f32::from(cached - 1) / self.units_per_em;
        }
        let units = match self.sfnt.glyph(c) {
            Some(g) => self.sfnt.advance(g),
            None => self.notdef_advance,
        };
        if let Some(slot) = slot {
            slot.store(units.saturating_add(1), Ordering::Relaxed);
        }
        f32::from(units) / self.units_per_em
    }

    /// True when the face has a glyph for every character of `text`.
    pub fn covers(&self, text: &str) -> bool {
        text.chars().all(|c| c.is_whitespace() || self.sfnt.glyph(c).is_some())
    }

    /// Width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// This face cut down to `chars`, parsed for printpdf.
    pub fn parsed_subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, ExportError> {
        let bytes = self.sfnt.subset(chars);
        let mut warnings = Vec::new();
        ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| ExportError::Pdf(format!("无法嵌入字体 {}", self.name)))
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

/// The indexed faces; the first call reads both, later calls are free.
pub fn get() -> Result<&'static Fonts, ExportError> {
    FONTS
        .get_or_init(|| {
            use crate::ui::fonts::{SANS, SERIF};
            Ok(Fonts {
                serif: LoadedFace::parse(SERIF, "Noto Serif SC")?,
                sans: LoadedFace::parse(SANS, "Noto Sans SC")?,
                serif_bold: LoadedFace::parse(SERIF_BOLD, "Noto Serif SC Bold")?,
            })
        })
        .as_ref()
        .map_err(|e| ExportError::Pdf(e.clone()))
}
