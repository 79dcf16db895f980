//! The command line, as clap definitions. Every option is global so filters may follow the
//! subcommand (`aiinvest list --company alibaba`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "aiinvest",
    version,
    about = "Corporate AI-investment announcements in the terminal",
    long_about = "Browse, convert and total corporate AI-investment announcements.\n\
                  With no subcommand, opens the dashboard on the bundled data."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List announcements, one row each.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Sort by date, company, amount, kind or title (dates and amounts newest and
        /// largest first, text A to Z).
        #[arg(long, value_name = "KEY", value_parser = ["date", "company", "amount", "kind", "title"])]
        sort: Option<String>,
        /// Reverse the sort.
        #[arg(long)]
        reverse: bool,
        /// Table columns, comma-separated: id, date, company, title, kind, family, amount,
        /// period, countries, tier, url, note.
        #[arg(long, value_name = "LIST")]
        columns: Option<String>,
    },
    /// The companies and organisations, with their ids (what --company takes).
    Companies {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Totals by a grouping (defaults to USD).
    Summary {
        #[arg(long, value_name = "GROUPING", value_parser = ["company", "country", "region", "subregion", "year", "spend-year", "kind", "family"])]
        by: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Capital spending by company and year: actuals, or the latest guidance, and how it moved.
    Capex {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Validate the data; prints path:line:col: error|warning: message.
    Check,
    /// One announcement in full: figures, revision chain, every source with its tier and quote.
    Show {
        /// The announcement id (any case).
        id: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Print one dashboard frame, as text or SVG.
    Render {
        #[arg(long, value_parser = ["announcements", "companies", "timeline", "map", "capex", "help"])]
        view: String,
        /// Frame size as WIDTHxHEIGHT.
        #[arg(long, default_value = "120x40")]
        size: String,
        #[arg(long, value_enum, default_value_t = RenderFormat::Text)]
        format: RenderFormat,
    },
    /// Show the configuration file in use and check it; --default prints an example.
    Config {
        /// Print a commented configuration with every default setting.
        #[arg(long)]
        default: bool,
    },
    /// Exchange rates: which ECB file is in use, or import a newer one.
    Rates {
        #[command(subcommand)]
        command: Option<RatesCommand>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `aiinvest man > aiinvest.1`.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum RatesCommand {
    /// The rates file in use and its date range (the default).
    Status,
    /// Validate an ECB eurofxref-hist.csv (or the .zip the ECB distributes) and keep it as
    /// the rates to use.
    Import {
        /// eurofxref-hist.csv or eurofxref-hist.zip.
        #[arg(required_unless_present = "undo")]
        file: Option<PathBuf>,
        /// Import even a file whose newest date is older than the rates in use, that starts
        /// later than the bundled series, lacks currencies or days the rates in use have, or
        /// has no usable rate.
        #[arg(long)]
        force: bool,
        /// Go back to the rates in use before the last import.
        #[arg(long, conflicts_with_all = ["file", "force"])]
        undo: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Text,
    Svg,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Read the configuration from FILE instead of the default location.
    #[arg(long = "config", value_name = "FILE", global = true)]
    pub config_file: Option<PathBuf>,
    /// The configuration in effect (filled in after parsing).
    #[arg(skip)]
    pub config: crate::config::Config,
    /// Load DIR/announcements/*.toml instead of the bundled records (repeatable).
    #[arg(long = "data", value_name = "DIR", global = true)]
    pub data: Vec<PathBuf>,
    /// Add the bundled records to those of --data.
    #[arg(long, global = true)]
    pub bundled: bool,
    /// Parse the data afresh: neither read nor write the cache of parsed data.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Treat any diagnostic as fatal.
    #[arg(long, global = true)]
    pub strict: bool,
    /// View currency: native, USD, CNY, EUR, ...
    #[arg(long, value_name = "C", global = true)]
    pub currency: Option<String>,
    /// Rate basis: announcement, latest, or a date (YYYY-MM-DD).
    #[arg(long, value_name = "BASIS", global = true)]
    pub rates: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only this company id (repeatable).
    #[arg(long, value_name = "ID", global = true)]
    pub company: Vec<String>,
    /// Only records touching this ISO country code (repeatable).
    #[arg(long, value_name = "CC", global = true)]
    pub country: Vec<String>,
    /// Only records touching this UN M49 region or sub-region (repeatable).
    #[arg(long, value_name = "NAME", global = true)]
    pub region: Vec<String>,
    /// Only this announcement kind (repeatable).
    #[arg(long, value_name = "K", global = true)]
    pub kind: Vec<String>,
    /// Only this family of figures: spend, pledge, deal, public, other (repeatable).
    #[arg(long, value_name = "F", global = true)]
    pub family: Vec<String>,
    /// Announced on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", global = true)]
    pub since: Option<String>,
    /// Announced on or before this date (YYYY, YYYY-MM or YYYY-MM-DD: the end of that year or
    /// month); also the date revisions are known by.
    #[arg(long, value_name = "DATE", global = true)]
    pub until: Option<String>,
    /// Case-insensitive text in title, summary, company names, tags, cities.
    #[arg(long, value_name = "TEXT", global = true)]
    pub search: Option<String>,
}
