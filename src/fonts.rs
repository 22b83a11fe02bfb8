//! The bundled CJK fonts, shared by the window and the PDF exporter.
//!
//! No system font is assumed (see `assets/fonts/PROVENANCE.md`), but the three Noto faces
//! are 28 MB as TrueType — more than the rest of the program. They are stored
//! Brotli-compressed (13 MB) and each is unpacked the first time it is needed: the window
//! needs only the sans face, `check` needs none, an export the faces it sets text in.
//! Unpacking is done once per process and the bytes then live until it exits.

use std::io::Read;
use std::sync::OnceLock;

/// One bundled face: its name and its compressed bytes.
pub struct Bundled {
    pub name: &'static str,
    compressed: &'static [u8],
    unpacked: OnceLock<Box<[u8]>>,
}

impl Bundled {
    const fn new(name: &'static str, compressed: &'static [u8]) -> Self {
        Bundled { name, compressed, unpacked: OnceLock::new() }
    }

    /// The TrueType bytes, unpacked on first use (tens of milliseconds once).
    pub fn bytes(&'static self) -> &'static [u8] {
        self.unpacked.get_or_init(|| unpack(self.compressed, self.name))
    }
}

fn unpack(compressed: &[u8], name: &str) -> Box<[u8]> {
    let mut out = Vec::with_capacity(compressed.len() * 9 / 4);
    // The input is part of the program itself, so a failure here is a broken build,
    // not something the user can cause or fix.
    brotli_decompressor::Decompressor::new(compressed, 1 << 16)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("内置字体 {name} 无法解压：{e}"));
    out.into_boxed_slice()
}

/// Noto Sans SC: the UI face and the PDF's heading face.
pub static SANS: Bundled = Bundled::new("Noto Sans SC", include_bytes!("../assets/fonts/NotoSansSC-Regular.ttf.br"));
/// Noto Serif SC: the PDF's Song-style body face.
pub static SERIF: Bundled = Bundled::new("Noto Serif SC", include_bytes!("../assets/fonts/NotoSerifSC-Regular.ttf.br"));
/// Noto Serif SC Bold cut to GB2312: bold body text in the PDF.
pub static SERIF_BOLD: Bundled =
    Bundled::new("Noto Serif SC Bold", include_bytes!("../assets/fonts/NotoSerifSC-Bold-GB2312.ttf.br"));

/// Unpacks the faces on another thread: the sans face first, so that it is ready (or
/// nearly) by the time the window asks for it, then the PDF's faces, so that the first
/// export or print of the session does not wait for them.
pub fn warm_up() {
    std::thread::spawn(|| {
        for face in [&SANS, &SERIF, &SERIF_BOLD] {
            face.bytes();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_unpacks_to_a_truetype_font() {
        for face in [&SANS, &SERIF, &SERIF_BOLD] {
            let bytes = face.bytes();
            assert_eq!(&bytes[..4], &[0, 1, 0, 0], "{}", face.name);
            assert!(bytes.len() > face.compressed.len(), "{}", face.name);
            assert!(std::ptr::eq(bytes, face.bytes()), "{} is unpacked once", face.name);
        }
    }
}
