//! The CJK fonts, bundled so no system font is assumed (see assets/fonts/PROVENANCE.md).

// `static`, not `const`: a `const` slice may be copied into every place that uses it,
// and each font is 10–15 MB.

/// Noto Sans SC: the UI face (and the PDF's heading face).
pub static SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.ttf");
/// Noto Serif SC: the PDF's Song-style body face.
pub static SERIF: &[u8] = include_bytes!("../../assets/fonts/NotoSerifSC-Regular.ttf");

/// Puts the CJK font first in egui's proportional and monospace families, so Chinese
/// text and CJK punctuation render everywhere.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("noto-sans-sc".to_owned(), std::sync::Arc::new(egui::FontData::from_static(SANS)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, "noto-sans-sc".to_owned());
    }
    ctx.set_fonts(fonts);
}
