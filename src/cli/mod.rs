//! The command line: `check`, `diff`, `review-report`, `export`, `new`, `import`, `sample`, `open`; no subcommand opens
//! the GUI on the built-in sample.
//!
//! Exit codes follow ripgrep: 0 = clean, 1 = findings with 错误, 2 = could not do it.

pub(crate) mod check;
mod diff;
mod export;
mod import;
mod new;
mod review_report;
mod roll_forward;
mod sample;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::samples::Seed;

/// 预算公开编制助手: prepare, check and export a department budget disclosure.
#[derive(Debug, Parser)]
#[command(name = "budget-disclosure", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a draft and print the findings (exit 1 when there are 错误); with
    /// `--summary`, check many drafts and folders and print one row per draft.
    Check {
        /// The draft; with `--summary`, any number of drafts and folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the findings (or the summary) as JSON.
        #[arg(long)]
        json: bool,
        /// One row per draft, then the rules most often broken (exit 2 if a file is
        /// unreadable, else 1 if a draft has 错误).
        #[arg(long)]
        summary: bool,
        /// Print the summary as CSV.
        #[arg(long, requires = "summary", conflicts_with = "json")]
        csv: bool,
    },
    /// Export a draft as text, PDF, Word (.docx) or (the nine standard tables) Excel.
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        format: FormatArg,
        /// Output file.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Print a "草稿" watermark on every PDF page.
        #[arg(long)]
        draft_watermark: bool,
        /// Write even to a `.ron` file name (never to the draft itself).
        #[arg(long)]
        force: bool,
    },
    /// Create a new, empty draft, or (`--from`) next year's draft from last year's.
    New {
        #[arg(long, required_unless_present = "from")]
        department: Option<String>,
        #[arg(long)]
        year: i32,
        /// Last year's draft: carry its text and projects, its totals become 上年 figures.
        #[arg(long, conflicts_with = "department")]
        from: Option<PathBuf>,
        /// Template id (see the README for the list).
        #[arg(long, default_value = "hebei-2024-tables")]
        template: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Import the standard tables of a workbook (.xlsx/.xls/.ods) into a draft
    /// (exit 0 imported, 1 imported with findings to look at, 2 nothing imported).
    Import {
        book: PathBuf,
        /// The draft to import into (replaces its 功能分类/经济分类 lines and 三公 本年数).
        #[arg(long)]
        into: PathBuf,
        /// Show what would be imported without changing the draft.
        #[arg(long)]
        dry_run: bool,
        /// Print the preview as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a built-in sample draft.
    Sample {
        #[arg(long, value_enum, default_value = "000")]
        seed: Seed,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Show what changed between two versions of a draft (exit 1 when something did).
    Diff {
        /// The earlier version.
        old: PathBuf,
        /// The later version.
        new: PathBuf,
        /// Print the changes as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the review report: findings and the comments of `FILE.review.ron`.
    ReviewReport {
        file: PathBuf,
        #[arg(long, value_enum)]
        format: review_report::ReportFormat,
        /// Output file.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Open a draft in the app (`--review`: read-only, for supervisors); without a
    /// file, the app starts as with no command (the desktop entry runs `open %f`).
    Open {
        file: Option<PathBuf>,
        #[arg(long)]
        review: bool,
    },
}

/// How `check --summary` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Pdf,
    /// The nine standard tables as an Excel workbook.
    Xlsx,
    /// Word (.docx).
    Docx,
}

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the draft has 错误 findings.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the command could not be carried out.
pub const EXIT_FAILURE: u8 = 2;

/// The value of `result`, or `None` once its error is said on `err`: a command then
/// stops with [`EXIT_FAILURE`].
fn reported<T>(result: Result<T, impl std::fmt::Display>, err: &mut dyn Write) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            let _ = writeln!(err, "{e}");
            None
        }
    }
}

/// Parses the process arguments and runs the command. A panic (a bug) prints one
/// readable line instead of a backtrace and exits with [`EXIT_FAILURE`].
pub fn run() -> ExitCode {
    std::panic::set_hook(Box::new(|info| eprintln!("{}", panic_line(info.payload(), info.location()))));
    let cli = Cli::parse();
    let code = std::panic::catch_unwind(|| {
        let mut out = std::io::stdout().lock();
        let mut err = std::io::stderr().lock();
        dispatch(cli, &mut out, &mut err)
    });
    ExitCode::from(code.unwrap_or(EXIT_FAILURE))
}

/// Runs a parsed command, printing to `out` and `err`; returns the exit code.
pub fn dispatch(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match cli.command {
        None => launch_gui(None, false, err),
        Some(Command::Open { file, review }) => launch_gui(file, review, err),
        Some(Command::Check { files, json, summary: false, .. }) => match files.as_slice() {
            [file] => check::run(file, json, out, err),
            _ => {
                let _ = writeln!(err, "一次检查多个草稿或文件夹时请加 --summary");
                EXIT_FAILURE
            }
        },
        Some(Command::Check { files, json, summary: true, csv }) => {
            let format = if json {
                SummaryFormat::Json
            } else if csv {
                SummaryFormat::Csv
            } else {
                SummaryFormat::Text
            };
            check::run_summary(&files, format, out, err)
        }
        Some(Command::Export { file, format, output, draft_watermark, force }) => {
            export::run(&file, format, &output, draft_watermark, force, out, err)
        }
        Some(Command::New { department, year, template, output, from }) => match (from, department) {
            (Some(from), _) => roll_forward::run(&from, year, &output, out, err),
            (None, Some(department)) => new::run(&department, year, &template, &output, out, err),
            (None, None) => {
                let _ = writeln!(err, "请用 --department 给出部门名称，或用 --from 指定上年草稿");
                EXIT_FAILURE
            }
        },
        Some(Command::Import { book, into, dry_run, json }) => import::run(&book, &into, dry_run, json, out, err),
        Some(Command::Sample { seed, output }) => sample::run(seed, &output, out, err),
        Some(Command::Diff { old, new, json }) => diff::run(&old, &new, json, out, err),
        Some(Command::ReviewReport { file, format, output }) => review_report::run(&file, format, &output, out, err),
    }
}

/// The one line a panic prints: what happened and where, no backtrace.
pub fn panic_line(payload: &(dyn std::any::Any + Send), location: Option<&std::panic::Location>) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知错误".to_owned());
    let place = location.map(|l| format!("（{}:{}）", l.file(), l.line())).unwrap_or_default();
    format!("程序内部错误，操作未完成：{}{place}；文件未被改动，请把这一行报告给维护人员", what.replace('\n', " "))
}

fn launch_gui(file: Option<PathBuf>, review: bool, err: &mut dyn Write) -> u8 {
    match crate::app::run(file, review) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "无法启动图形界面：{e}");
            EXIT_FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_one_readable_line() {
        let caught =
            std::panic::catch_unwind(|| -> u8 { std::panic::panic_any(String::from("Addition overflowed\nat x")) });
        let payload = caught.unwrap_err();
        let line = panic_line(payload.as_ref(), Some(std::panic::Location::caller()));
        assert!(
            line.starts_with("程序内部错误") && line.contains("Addition overflowed at x") && line.contains("mod.rs:")
        );
        assert!(!line.contains('\n'));
        assert!(panic_line(&42u8, None).contains("未知错误"));
    }
}
