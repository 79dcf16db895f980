use std::io::Write;

use aiinvest::cli::args::{Cli, Command};
use aiinvest::cli::{
    EXIT_OK, Failure, capex, check, companies, config_cmd, dashboard, list, load_config, rates,
    show, summary,
};
use clap::{CommandFactory, Parser};

fn main() {
    let mut cli = Cli::parse();
    let result = run(&mut cli);
    let code = result.unwrap_or_else(|f| {
        // The message can quote a data file (a broken rates table): shown as text.
        eprintln!("aiinvest: {}", aiinvest::model::text::sanitize(&f.message));
        f.code
    });
    // Output is out; let the cache finish writing before the process ends.
    let _ = std::io::stdout().flush();
    aiinvest::cli::finish_background_work();
    std::process::exit(code);
}

fn run(cli: &mut Cli) -> Result<i32, Failure> {
    let g = &mut cli.global;
    // Commands that do not depend on the configuration work even when it is broken.
    match &cli.command {
        Some(Command::Config { default }) => return config_cmd::run(g, *default),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut completion_command(), "aiinvest", &mut out);
            return Ok(print_bytes(&out));
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| Failure::usage(e.to_string()))?;
            return Ok(print_bytes(&out));
        }
        _ => {}
    }
    load_config(g)?;
    let g = &cli.global;
    match &cli.command {
        None => dashboard::run_dashboard(g),
        Some(Command::Check) => check::run(g),
        Some(Command::Capex { format }) => capex::run(g, *format).map(print),
        Some(Command::Show { id, format }) => show::run(g, id, *format).map(print),
        Some(Command::List {
            format,
            sort,
            reverse,
            columns,
        }) => list::run(g, *format, sort.as_deref(), *reverse, columns.as_deref()).map(print),
        Some(Command::Companies { format }) => companies::run(g, *format).map(print),
        Some(Command::Summary { by, format }) => summary::run(g, by, *format).map(print),
        Some(Command::Render { view, size, format }) => {
            dashboard::render(g, view, size, *format).map(print)
        }
        Some(Command::Rates { command }) => rates::run(g, command.as_ref()),
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => Ok(EXIT_OK),
    }
}

/// The command line as completion scripts see it: the filters offer the bundled data's
/// company ids, kinds, families, regions and the currencies with rates, not file names.
fn completion_command() -> clap::Command {
    use aiinvest::model::announcement::{Family, Kind};
    use clap::builder::PossibleValuesParser;
    let mut cmd = Cli::command();
    let values = |v: Vec<String>| PossibleValuesParser::new(v);
    cmd = cmd
        .mut_arg("kind", |a| {
            a.value_parser(values(Kind::ALL.iter().map(|k| k.to_string()).collect()))
        })
        .mut_arg("family", |a| {
            a.value_parser(values(Family::ALL.iter().map(|f| f.to_string()).collect()))
        })
        .mut_arg("rates", |a| {
            a.value_parser(values(vec!["announcement".into(), "latest".into()]))
        });
    if let Ok(loaded) = aiinvest::load::load(&aiinvest::load::Sources::default()) {
        let ds = &loaded.dataset;
        let ids: Vec<String> = ds.companies.iter().map(|c| c.id.clone()).collect();
        let regions = ds.countries.region_names();
        let mut currencies: Vec<String> = vec!["native".into()];
        currencies.extend(ds.rates.currencies().iter().map(|c| c.to_string()));
        let countries: Vec<String> = ds.countries.iter().map(|(c, _)| c.to_string()).collect();
        cmd = cmd
            .mut_arg("company", |a| a.value_parser(values(ids)))
            .mut_arg("region", |a| a.value_parser(values(regions)))
            .mut_arg("currency", |a| a.value_parser(values(currencies)))
            .mut_arg("country", |a| a.value_parser(values(countries)));
    }
    cmd
}

/// Writes a command's output; a closed pipe (`| head`) is not an error.
fn print(out: String) -> i32 {
    print_bytes(out.as_bytes())
}

fn print_bytes(out: &[u8]) -> i32 {
    let _ = std::io::stdout().lock().write_all(out);
    EXIT_OK
}
