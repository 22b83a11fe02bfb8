//! 预算公开编制助手 (budget-disclosure): the one binary. See `cli` for the commands.

fn main() -> std::process::ExitCode {
    budget_disclosure::cli::run()
}
