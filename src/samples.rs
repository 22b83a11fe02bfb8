//! The built-in sample disclosures: the three seeds of `../shared/seeds`, transcribed
//! faithfully (mistakes included) into drafts in `assets/samples/`.

use crate::model::Disclosure;
use crate::store;

/// Which built-in sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Seed {
    /// 保定市徐水区城区办事处 2020 (第一部分…第九部分).
    #[value(name = "000")]
    S000,
    /// 保定市徐水区人民政府办公室 2024 (nine tables + 说明).
    #[value(name = "001")]
    S001,
    /// 三河市泃阳西大街街道办事处 2020 (一、…九、).
    #[value(name = "002")]
    S002,
}

impl Seed {
    pub const ALL: [Seed; 3] = [Seed::S000, Seed::S001, Seed::S002];

    /// The draft file's text.
    pub fn source(self) -> &'static str {
        match self {
            Seed::S000 => include_str!("../assets/samples/seed000.ron"),
            Seed::S001 => include_str!("../assets/samples/seed001.ron"),
            Seed::S002 => include_str!("../assets/samples/seed002.ron"),
        }
    }

    /// The file name the sample is stored under.
    pub fn file_name(self) -> &'static str {
        match self {
            Seed::S000 => "seed000.ron",
            Seed::S001 => "seed001.ron",
            Seed::S002 => "seed002.ron",
        }
    }
}

/// Loads a built-in sample.
pub fn load(seed: Seed) -> Disclosure {
    store::from_str(seed.source(), seed.file_name())
        .unwrap_or_else(|e| panic!("built-in sample {} is broken: {e}", seed.file_name()))
}
