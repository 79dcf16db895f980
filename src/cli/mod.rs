//! The scriptable faces: `list`, `summary`, `check`, `render`, and what they share: turning
//! arguments into model values, loading, and exit codes.

pub mod args;
pub mod check;
pub mod dashboard;
pub mod list;
pub mod summary;
pub mod table;

use chrono::NaiveDate;

use self::args::{FilterArgs, GlobalArgs};
use crate::load::diagnostic::Diagnostic;
use crate::load::{Loaded, Sources, load};
use crate::model::announcement::Kind;
use crate::model::codes::CountryCode;
use crate::model::dataset::Dataset;
use crate::model::money::{RateBasis, ViewCurrency};
use crate::model::query::Filter;

/// Exit codes of SPEC §4.
pub const EXIT_OK: i32 = 0;
pub const EXIT_CHECK_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// A message for stderr and the exit code to leave with.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }
}

pub fn sources(g: &GlobalArgs) -> Sources {
    Sources {
        data_dirs: g.data.clone(),
        bundled: g.bundled,
    }
}

/// Loads the data; diagnostics go to stderr. Fails when nothing could be loaded, or under
/// `--strict` when anything was reported.
pub fn load_for_view(g: &GlobalArgs) -> Result<Loaded, Failure> {
    let loaded = load(&sources(g)).map_err(|e| Failure::usage(e.0))?;
    print_diagnostics_to_stderr(&loaded.diagnostics);
    if g.strict && !loaded.diagnostics.is_empty() {
        return Err(Failure::usage(format!(
            "--strict: {} diagnostic(s) reported",
            loaded.diagnostics.len()
        )));
    }
    if loaded.dataset.announcements.is_empty() {
        return Err(Failure::usage("no announcements could be loaded"));
    }
    Ok(loaded)
}

pub fn print_diagnostics_to_stderr(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn date(flag: &str, s: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Failure::usage(format!("{flag}: `{s}` is not a date (YYYY-MM-DD)")))
}

/// Turns filter flags into a `Filter`, rejecting values that can match nothing by mistake
/// (an unknown company, country, region or kind).
pub fn filter_from_args(f: &FilterArgs, ds: &Dataset) -> Result<Filter, Failure> {
    for c in &f.company {
        if ds.company_index(c).is_none() {
            return Err(Failure::usage(format!(
                "--company: no company with id `{c}`"
            )));
        }
    }
    let countries = f
        .country
        .iter()
        .map(|c| {
            CountryCode::parse(&c.to_ascii_uppercase())
                .filter(|k| ds.countries.contains(*k))
                .ok_or_else(|| {
                    Failure::usage(format!(
                        "--country: `{c}` is not an ISO 3166-1 alpha-2 code"
                    ))
                })
        })
        .collect::<Result<_, _>>()?;
    let names = ds.countries.region_names();
    for r in &f.region {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(r)) {
            return Err(Failure::usage(format!(
                "--region: `{r}` is not a UN M49 region or sub-region (e.g. Asia, Eastern Asia, Europe)"
            )));
        }
    }
    let kinds = f
        .kind
        .iter()
        .map(|k| {
            Kind::parse(k).ok_or_else(|| {
                Failure::usage(format!("--kind: `{k}` is not one of {}", Kind::choices()))
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Filter {
        companies: f.company.clone(),
        countries,
        regions: f.region.clone(),
        kinds,
        since: f.since.as_deref().map(|s| date("--since", s)).transpose()?,
        until: f.until.as_deref().map(|s| date("--until", s)).transpose()?,
        search: f.search.clone().unwrap_or_default(),
    })
}

pub fn view_currency(g: &GlobalArgs, default: ViewCurrency) -> Result<ViewCurrency, Failure> {
    match &g.currency {
        None => Ok(default),
        Some(s) => ViewCurrency::parse(s).ok_or_else(|| {
            Failure::usage(format!(
                "--currency: `{s}` is not `native` or a currency code"
            ))
        }),
    }
}

pub fn rate_basis(g: &GlobalArgs) -> Result<RateBasis, Failure> {
    match &g.rates {
        None => Ok(RateBasis::Announcement),
        Some(s) => RateBasis::parse(s).ok_or_else(|| {
            Failure::usage(format!(
                "--rates: `{s}` is not `announcement`, `latest` or a date"
            ))
        }),
    }
}
