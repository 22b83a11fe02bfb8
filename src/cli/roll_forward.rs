//! `new --from LAST.ron --year YYYY -o NEW.ron`: next year's draft from last year's
//! (see `model::carry`).

use std::io::Write;
use std::path::Path;

use crate::model::roll_forward;
use crate::rules::{self, Severity};
use crate::store;

use super::{EXIT_FAILURE, EXIT_OK, reported};

pub fn run(from: &Path, year: i32, output: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(last) = reported(store::load(from), err) else { return EXIT_FAILURE };
    if !(2000..=2100).contains(&year) || year <= last.header.year {
        let _ = writeln!(
            err,
            "新草稿的预算年度 {year} 不合理：应晚于上年草稿的 {} 年（且在 2000–2100 之间）",
            last.header.year
        );
        return EXIT_FAILURE;
    }
    if output.exists() || output.symlink_metadata().is_ok() {
        let _ = writeln!(err, "{} 已存在，未覆盖；请换一个文件名", output.display());
        return EXIT_FAILURE;
    }
    let doc = roll_forward(&last, year);
    if let Err(e) = store::save(output, &doc) {
        let _ = writeln!(err, "{e}");
        return EXIT_FAILURE;
    }
    let findings = rules::validate(&doc);
    let carried = findings.iter().filter(|f| f.rule == "R-CAR-001").count();
    let old_year = findings.iter().filter(|f| f.rule == "R-CAR-002").count();
    let _ = writeln!(
        out,
        "已创建 {}（{}，{year}年，沿用 {} 年草稿的文字和项目）：{carried} 处“沿用上年，待确认”{}；金额已清空，上年数已填入",
        output.display(),
        doc.header.department,
        last.header.year,
        if old_year > 0 { format!("，其中 {old_year} 处仍写着{}年", last.header.year) } else { String::new() },
    );
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    if errors > 0 {
        let _ = writeln!(out, "（新草稿尚缺本年金额等内容，运行 check 查看 {errors} 条错误）");
    }
    EXIT_OK
}
