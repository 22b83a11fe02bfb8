//! `new --department NAME --year YYYY [--template ID] -o FILE`.

use std::io::Write;
use std::path::Path;

use crate::model::Disclosure;
use crate::{rules, store, template};

use super::{EXIT_FAILURE, EXIT_OK};

pub fn run(
    department: &str,
    year: i32,
    template_id: &str,
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let Some(t) = template::find(template_id) else {
        let ids: Vec<&str> = template::all().iter().map(|t| t.id.as_str()).collect();
        let _ = writeln!(err, "没有模板“{template_id}”，可用的模板：{}", ids.join("、"));
        return EXIT_FAILURE;
    };
    let department = department.trim();
    let mut doc = Disclosure::new(department, year, &t.id);
    // The same header rules as the app's 新建 dialog and `check`.
    let problems = rules::header_findings(&doc);
    if !problems.is_empty() {
        for f in &problems {
            let _ = writeln!(err, "{}：{}", f.location, f.message);
        }
        return EXIT_FAILURE;
    }
    if output.exists() || output.symlink_metadata().is_ok() {
        let _ = writeln!(err, "{} 已存在，未覆盖；请换一个文件名", output.display());
        return EXIT_FAILURE;
    }
    doc.glossary = t.glossary.clone();
    if let Err(e) = store::save(output, &doc) {
        let _ = writeln!(err, "{e}");
        return EXIT_FAILURE;
    }
    let _ = writeln!(out, "已创建 {}（{}，{}年，模板：{}）", output.display(), department, year, t.name);
    EXIT_OK
}
