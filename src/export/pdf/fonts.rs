//! The two PDF faces, parsed once per process.
//!
//! Parsing the bundled Noto fonts (25 MB together) is the most expensive step of an
//! export, so the parsed faces live in a `OnceLock` and every later export reuses them.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::export::ExportError;

/// Which of the two bundled faces a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Noto Serif SC: the Song-style body face.
    Serif,
    /// Noto Sans SC: title, headings and table headers.
    Sans,
}

/// A parsed face with what the layout needs to measure text.
pub struct LoadedFace {
    pub parsed: ParsedFont,
    units_per_em: f32,
    notdef_advance: u16,
}

impl LoadedFace {
    fn parse(bytes: &[u8], name: &str) -> Result<Self, String> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| format!("无法读取内置字体 {name}"))?;
        let upm = parsed.pdf_font_metrics.units_per_em;
        if upm == 0 {
            return Err(format!("内置字体 {name} 的 units_per_em 为 0"));
        }
        let notdef_advance = parsed.get_horizontal_advance(0);
        Ok(LoadedFace { parsed, units_per_em: f32::from(upm), notdef_advance })
    }

    /// Advance width of `c` in em (ShowText does no kerning, so advances add up exactly).
    pub fn advance(&self, c: char) -> f32 {
        let units = match self.parsed.lookup_glyph_index(c as u32) {
            Some(g) => self.parsed.get_horizontal_advance(g),
            None => self.notdef_advance,
        };
        f32::from(units) / self.units_per_em
    }

    /// Width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

/// Both faces.
pub struct Fonts {
    pub serif: LoadedFace,
    pub sans: LoadedFace,
}

impl Fonts {
    pub fn face(&self, face: Face) -> &LoadedFace {
        match face {
            Face::Serif => &self.serif,
            Face::Sans => &self.sans,
        }
    }
}

static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();

/// The parsed faces; the first call parses both (in parallel), later calls are free.
pub fn get() -> Result<&'static Fonts, ExportError> {
    FONTS
        .get_or_init(|| {
            use crate::ui::fonts::{SANS, SERIF};
            std::thread::scope(|s| {
                let sans = s.spawn(|| LoadedFace::parse(SANS, "Noto Sans SC"));
                let serif = LoadedFace::parse(SERIF, "Noto Serif SC")?;
                let sans = sans.join().map_err(|_| "解析 Noto Sans SC 时线程崩溃".to_string())??;
                Ok(Fonts { serif, sans })
            })
        })
        .as_ref()
        .map_err(|e| ExportError::Pdf(e.clone()))
}
