//! Nothing crashes, nothing is lost: huge amounts through every path that computes with
//! them, a fuzz of loader/rules/exporters, and saves killed at random points.
//!
//! The fuzz runs a short version here; `FUZZ_CASES=100000 cargo test --test reliability
//! fuzz` runs a long one.

use std::path::Path;
use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, Instant};

use budget_disclosure::export::{self, ExportOptions, Format};
use budget_disclosure::model::{Disclosure, EconomicLine, FunctionLine, Income, ProcurementRow};
use budget_disclosure::rules::{self, Severity};
use budget_disclosure::samples::{self, Seed};
use budget_disclosure::store;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The three drafts of the issue: the largest `Decimal` plus one, two 5e28 lines, and a
/// quantity × unit price beyond `Decimal`.
fn hostile_drafts() -> Vec<(&'static str, Disclosure)> {
    let mut max_plus_one = samples::load(Seed::S000);
    max_plus_one.budget.economic_lines.push(EconomicLine {
        code: "30101".into(),
        name: "基本工资".into(),
        personnel: d("79228162514264337593543950335"),
        public: d("1"),
    });
    let mut two_huge = samples::load(Seed::S001);
    for code in ["2010101", "2010102"] {
        two_huge.budget.function_lines.push(FunctionLine {
            code: code.into(),
            name: "行政运行".into(),
            basic: d("50000000000000000000000000000"),
            project: Decimal::ZERO,
            income: Income { general_budget: d("50000000000000000000000000000"), ..Income::default() },
        });
    }
    let mut product = samples::load(Seed::S002);
    product.procurement.rows.push(ProcurementRow {
        unit: "本级".into(),
        item: "办公设备".into(),
        catalog: "A02010104".into(),
        measure: "台".into(),
        quantity: Some(d("79228162514264337593543950335")),
        unit_price: Some(d("2")),
        ..ProcurementRow::default()
    });
    vec![("max+1", max_plus_one), ("2×5e28", two_huge), ("quantity×price", product)]
}

#[test]
fn huge_amounts_are_findings_in_validate_figures_and_exports() {
    for (name, doc) in hostile_drafts() {
        let findings = rules::validate(&doc);
        assert!(
            findings.iter().any(|f| f.rule == "R-AMT-002" && f.severity == Severity::Error),
            "{name}: an overflow finding"
        );
        assert!(findings.iter().any(|f| f.rule == "R-AMT-001"), "{name}: the field is out of range");
        let figures = doc.figures();
        let _ = (figures.income_total(), figures.expense_total(), figures.total_change());
        for format in [Format::Text, Format::Pdf] {
            let bytes = export::export(&doc, format, &ExportOptions::default()).expect("exports without panicking");
            assert!(!bytes.is_empty(), "{name}");
        }
    }
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budget-disclosure"))
}

#[test]
fn huge_amounts_in_a_file_are_refused_with_their_position_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    for (name, doc) in hostile_drafts() {
        // The file as another program might write it: the values bypass typing.
        let path = dir.path().join(format!("{}.ron", name.replace(['×', '+'], "_")));
        std::fs::write(&path, store::to_string(&doc).unwrap()).unwrap();
        for args in [vec!["check"], vec!["export", "--format", "text", "-o"]] {
            let mut cmd = binary();
            cmd.args(&args[..1]).arg(&path);
            if args.len() > 1 {
                cmd.args(&args[1..]).arg(dir.path().join("out.txt"));
            }
            let o = cmd.output().unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{name} {args:?}: {err}");
            assert!(err.contains("超出范围") && err.contains(" 行第 ") && !err.contains("overflow"), "{err}");
        }
    }
    // In range, yet quantity × price does not fit: a finding, exit 1; exports still work.
    let mut doc = samples::load(Seed::S000);
    doc.procurement.rows.push(ProcurementRow {
        item: "设备".into(),
        catalog: "A02010104".into(),
        measure: "台".into(),
        quantity: Some(d("900000000000000000")),
        unit_price: Some(d("900000000000000000")),
        ..ProcurementRow::default()
    });
    let path = dir.path().join("product.ron");
    store::save(&path, &doc).unwrap();
    let o = binary().arg("check").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("R-AMT-002"));
    for format in ["text", "pdf"] {
        let out = dir.path().join(format!("product.{format}"));
        let o = binary().arg("export").arg(&path).args(["--format", format, "-o"]).arg(&out).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

/// Any number a file could hold: tiny, huge, negative, many digits.
fn any_amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::new(1, 28)),
        Just(d("-0.000001")),
        Just(d("999999999999999999.999999")),
        Just(d("1000000000000000000")),
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        (0i64..100_000_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

/// Puts `value` into one of the places amounts live, chosen by `slot`.
fn plant(doc: &mut Disclosure, slot: u8, row: usize, value: Decimal) {
    let pick = |n: usize| row % n.max(1);
    match slot % 12 {
        0 if !doc.budget.function_lines.is_empty() => {
            let i = pick(doc.budget.function_lines.len());
            doc.budget.function_lines[i].basic = value;
        }
        1 if !doc.budget.function_lines.is_empty() => {
            let i = pick(doc.budget.function_lines.len());
            doc.budget.function_lines[i].income.carryover = value;
        }
        2 if !doc.budget.economic_lines.is_empty() => {
            let i = pick(doc.budget.economic_lines.len());
            doc.budget.economic_lines[i].public = value;
        }
        3 => doc.three_public.reception.this_year = value,
        4 => doc.three_public.car_running.last_year = value,
        5 => doc.running_costs.total = Some(value),
        6 => doc
            .running_costs
            .items
            .push(budget_disclosure::model::NamedAmount { name: "办公费".into(), amount: value }),
        7 => doc.procurement.rows.push(ProcurementRow {
            quantity: Some(value),
            unit_price: Some(value),
            funds: budget_disclosure::model::Funds { general_budget: value, ..Default::default() },
            ..ProcurementRow::default()
        }),
        8 => doc.assets.planned_purchase = value,
        9 => doc.summary.last_basic = Some(value),
        10 => doc.performance.projects.push(budget_disclosure::model::Project {
            fiscal: Some(value),
            other: Some(value),
            spend_plan: [Some(value), None, None, Some(value)],
            ..Default::default()
        }),
        _ => doc.summary.project = value,
    }
}

fn fuzz_cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), ..ProptestConfig::default() })]

    /// Loader, rules and exporters on drafts holding any amounts: never a panic; the
    /// loader takes a draft or gives a located error.
    #[test]
    fn fuzz_loader_rules_and_exports_never_panic(
        seed in 0usize..3,
        plants in prop::collection::vec((any::<u8>(), any::<usize>(), any_amount()), 1..6),
        pdf in 0u8..8,
    ) {
        let mut doc = samples::load(Seed::ALL[seed]);
        for (slot, row, value) in plants {
            plant(&mut doc, slot, row, value);
        }
        let findings = rules::validate(&doc);
        let figures = doc.figures();
        let _ = (figures.income_total(), figures.expense_total(), figures.total_change(), figures.basic_change());
        export::export(&doc, Format::Text, &ExportOptions::default()).expect("text export");
        if pdf == 0 {
            export::export(&doc, Format::Pdf, &ExportOptions { draft_watermark: true }).expect("pdf export");
        }
        let text = store::to_string(&doc).expect("serialises");
        match store::from_str(&text, "fuzz.ron") {
            Ok(back) => {
                prop_assert!(findings.iter().all(|f| f.rule != "R-AMT-001"));
                prop_assert_eq!(back, doc);
            }
            Err(store::LoadError::Parse { line, message, .. }) => {
                prop_assert!(line >= 1);
                prop_assert!(message.contains("超出范围") || message.contains("overflow") || !message.is_empty());
            }
            Err(e) => prop_assert!(false, "unexpected {}", e),
        }
    }
}

/// A small deterministic generator for kill delays (no extra crate).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

/// Saves by the real binary (`sample`, which saves with a backup), killed at random
/// points: the draft is always one complete seed, the backup always loads, and the next
/// save leaves no temp file behind.
#[cfg(unix)]
#[test]
fn saves_killed_at_random_points_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    let seeds: Vec<Disclosure> = Seed::ALL.iter().map(|s| samples::load(*s)).collect();
    let save = |seed: &str| {
        binary().args(["sample", "--seed", seed, "-o"]).arg(&path).stdout(std::process::Stdio::null()).spawn().unwrap()
    };
    // How long one save takes here, to spread the kills over it.
    let started = Instant::now();
    assert!(save("000").wait().unwrap().success());
    // The kill delay adapts: a save that finished means the kills come too late (the
    // machine may be faster or busier than when `span` was measured), a kill moves the
    // window back out, so kills keep landing around the write whatever the load.
    let mut span = (started.elapsed().as_micros() as u64).max(1000) * 5 / 4;

    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut killed = 0;
    // Kills that left a temp file: the writer was inside the save (or its backup).
    let mut mid_save = 0;
    let names = ["000", "001", "002"];
    let mut runs = 0;
    while runs < 150 || (killed < 40 && runs < 600) {
        let i = runs;
        runs += 1;
        let mut child = save(names[i % 3]);
        std::thread::sleep(Duration::from_micros(span / 2 + rng.next(span / 2)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if std::os::unix::process::ExitStatusExt::signal(&status).is_some() {
            killed += 1;
            span = span * 21 / 20;
        } else {
            span = (span * 9 / 10).max(200);
        }
        if !temp_files(dir.path()).is_empty() {
            mid_save += 1;
        }
        let doc = store::load(&path).unwrap_or_else(|e| panic!("iteration {i}: the draft does not load: {e}"));
        assert!(seeds.contains(&doc), "iteration {i}: the draft is a complete seed");
        let backup = store::backup_path(&path);
        if backup.exists() {
            let b = store::load(&backup).unwrap_or_else(|e| panic!("iteration {i}: the backup does not load: {e}"));
            assert!(seeds.contains(&b), "iteration {i}: the backup is a complete seed");
        }
    }
    eprintln!("{killed} of {runs} saves were killed before they finished, {mid_save} inside the write");
    assert!(killed > 10, "only {killed} of {runs} saves were interrupted");
    assert!(save("001").wait().unwrap().success());
    assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "the next save cleans up");
}
