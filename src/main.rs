use std::io::Write;

use aiinvest::cli::args::{Cli, Command};
use aiinvest::cli::{EXIT_OK, Failure, check, dashboard, list, summary};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let g = &cli.global;
    let result: Result<i32, Failure> = match &cli.command {
        None => dashboard::run_dashboard(g),
        Some(Command::Check) => check::run(g),
        Some(Command::List { format }) => list::run(g, *format).map(print),
        Some(Command::Summary { by, format }) => summary::run(g, by, *format).map(print),
        Some(Command::Render { view, size, format }) => {
            dashboard::render(g, view, size, *format).map(print)
        }
    };
    let code = result.unwrap_or_else(|f| {
        // The message can quote a data file (a broken rates table): shown as text.
        eprintln!("aiinvest: {}", aiinvest::model::text::sanitize(&f.message));
        f.code
    });
    std::process::exit(code);
}

/// Writes a command's output; a closed pipe (`| head`) is not an error.
fn print(out: String) -> i32 {
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    EXIT_OK
}
