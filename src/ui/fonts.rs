//! The window's fonts: the bundled Noto Sans SC (see [`crate::fonts`]) ahead of egui's own.

/// Puts the CJK font first in egui's proportional and monospace families, so Chinese
/// text and CJK punctuation render everywhere.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans-sc".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::fonts::SANS.bytes())),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, "noto-sans-sc".to_owned());
    }
    ctx.set_fonts(fonts);
}
