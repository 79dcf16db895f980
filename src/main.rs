use std::io::Write;

use aiinvest::cli::args::{Cli, Command};
use aiinvest::cli::{EXIT_OK, Failure, check, list, summary};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let result: Result<i32, Failure> = match &cli.command {
        Some(Command::Check) => check::run(&cli.global),
        Some(Command::List { format }) => list::run(&cli.global, *format).map(print),
        Some(Command::Summary { by, format }) => summary::run(&cli.global, by, *format).map(print),
        Some(Command::Render { .. }) | None => {
            Err(Failure::usage("the dashboard is not built yet"))
        }
    };
    let code = result.unwrap_or_else(|f| {
        eprintln!("aiinvest: {}", f.message);
        f.code
    });
    std::process::exit(code);
}

/// Writes a command's output; a closed pipe (`| head`) is not an error.
fn print(out: String) -> i32 {
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    EXIT_OK
}
