//! `sample [--seed 000|001|002] -o FILE`: writes a built-in sample draft.

use std::io::Write;
use std::path::Path;

use crate::samples::Seed;
use crate::store;

use super::{EXIT_FAILURE, EXIT_OK};

pub fn run(seed: Seed, output: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if let Err(e) = store::write_atomic(output, seed.source().as_bytes(), true) {
        let _ = writeln!(err, "{e}");
        return EXIT_FAILURE;
    }
    let _ = writeln!(out, "已写出示例 {}", output.display());
    EXIT_OK
}
