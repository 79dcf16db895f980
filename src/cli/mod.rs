//! The scriptable faces: `list`, `summary`, `check`, `render`, and what they share: turning
//! arguments into model values, loading, and exit codes.

pub mod args;
pub mod capex;
pub mod check;
pub mod companies;
pub mod config_cmd;
pub mod dashboard;
pub mod list;
pub mod paths;
pub mod rates;
pub mod show;
pub mod summary;
pub mod table;

use chrono::NaiveDate;

use self::args::{FilterArgs, GlobalArgs};
use crate::config::Config;
use crate::fx::RateTable;
use crate::load::diagnostic::Diagnostic;
use crate::load::{Loaded, Sources, load_cache_later};
use crate::model::announcement::{Family, Kind};
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

/// The thread writing the cache of parsed data, if one was started.
static CACHE_WRITER: std::sync::Mutex<Option<std::thread::JoinHandle<()>>> =
    std::sync::Mutex::new(None);

/// Waits for work that must not be cut off by the exit (the cache being written).
pub fn finish_background_work() {
    let handle = CACHE_WRITER.lock().ok().and_then(|mut slot| slot.take());
    if let Some(h) = handle {
        let _ = h.join();
    }
}

/// What to load: `--data` directories, else those of the configuration file.
pub fn sources(g: &GlobalArgs) -> Sources {
    let data_dirs = if g.data.is_empty() {
        g.config.data.clone()
    } else {
        g.data.clone()
    };
    Sources {
        data_dirs,
        bundled: g.bundled || g.config.bundled,
    }
}

/// Loads `sources(g)` with the user's imported rates, if any.
///
/// The loaded data lives until the process ends: each command loads once, and freeing 100k
/// records one by one would only delay the exit, so it is leaked on purpose.
pub fn load_sources(g: &GlobalArgs) -> Result<&'static Loaded, Failure> {
    let imported = paths::imported_rates(&paths::real_env);
    let cache = if g.no_cache {
        None
    } else {
        paths::cache_dir(&paths::real_env)
    };
    let (loaded, pending) = load_cache_later(&sources(g), imported.as_deref(), cache.as_deref())
        .map_err(|e| Failure::usage(e.0))?;
    let loaded: &'static Loaded = Box::leak(Box::new(loaded));
    // After a cache miss, the cache is written beside the first frame, not before it.
    if let Some(p) = pending {
        let handle = std::thread::spawn(move || {
            let _ = p.write(loaded);
        });
        if let Ok(mut slot) = CACHE_WRITER.lock() {
            *slot = Some(handle);
        }
    }
    Ok(loaded)
}

/// `sources(g)` parsed afresh, neither reading nor writing the cache.
pub fn load_uncached(g: &GlobalArgs) -> Result<Loaded, Failure> {
    let imported = paths::imported_rates(&paths::real_env);
    load_cache_later(&sources(g), imported.as_deref(), None)
        .map(|(l, _)| l)
        .map_err(|e| Failure::usage(e.0))
}

/// The configuration file to read: `--config FILE`, else the platform's location. The flag
/// names a file that must exist; the default location may be empty.
pub fn config_location(g: &GlobalArgs) -> Option<(std::path::PathBuf, bool)> {
    match &g.config_file {
        Some(p) => Some((p.clone(), true)),
        None => paths::config_file(&paths::real_env).map(|p| (p, false)),
    }
}

/// Reads and parses the configuration into `g.config`. Errors are printed as
/// `path:line:col: error: message`; the command then fails with exit code 2.
pub fn load_config(g: &mut GlobalArgs) -> Result<(), Failure> {
    let Some((path, required)) = config_location(g) else {
        return Ok(());
    };
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Failure::usage(format!(
                "{}: the configuration is not UTF-8",
                path.display()
            ))
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(()),
        Err(e) => {
            return Err(Failure::usage(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    let mut cfg = Config::parse(&text, &path.display().to_string()).map_err(|errs| {
        print_diagnostics_to_stderr(&errs);
        Failure::usage(format!(
            "{} error(s) in the configuration {}",
            errs.len(),
            path.display()
        ))
    })?;
    cfg.data = cfg
        .data
        .iter()
        .map(|d| paths::expand_home(d, &paths::real_env))
        .collect();
    g.config = cfg;
    Ok(())
}

/// Loads the data; diagnostics go to stderr. Fails when nothing could be loaded, or under
/// `--strict` when anything was reported.
pub fn load_for_view(g: &GlobalArgs) -> Result<&'static Loaded, Failure> {
    let loaded = load_sources(g)?;
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

/// A date flag: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (see `parse_partial_date`).
pub fn parse_date_arg(flag: &str, s: &str, end: bool) -> Result<NaiveDate, Failure> {
    crate::model::dates::parse_partial_date(s, end).ok_or_else(|| {
        Failure::usage(format!(
            "{flag}: `{s}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ))
    })
}

/// Turns filter flags into a `Filter`, rejecting values that can match nothing by mistake
/// (an unknown company, country, region or kind).
pub fn filter_from_args(f: &FilterArgs, ds: &Dataset) -> Result<Filter, Failure> {
    let companies = f
        .company
        .iter()
        .map(|c| company_id(ds, c))
        .collect::<Result<Vec<_>, _>>()?;
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
    let families = f
        .family
        .iter()
        .map(|k| {
            Family::parse(&k.to_ascii_lowercase()).ok_or_else(|| {
                Failure::usage(format!(
                    "--family: `{k}` is not one of {}",
                    Family::choices()
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Filter {
        companies,
        countries,
        regions: f.region.clone(),
        kinds,
        families,
        since: f
            .since
            .as_deref()
            .map(|s| parse_date_arg("--since", s, false))
            .transpose()?,
        until: f
            .until
            .as_deref()
            .map(|s| parse_date_arg("--until", s, true))
            .transpose()?,
        search: f.search.clone().unwrap_or_default(),
    })
}

/// `--currency`, else `default` (the configuration's currency, or the command's own default).
/// A currency with no rate in `rates` is a usage error that lists those that have one.
pub fn view_currency(
    g: &GlobalArgs,
    default: ViewCurrency,
    rates: &RateTable,
) -> Result<ViewCurrency, Failure> {
    let Some(s) = &g.currency else {
        return Ok(default);
    };
    let available = rates.currencies();
    match ViewCurrency::parse(s) {
        Some(ViewCurrency::Code(c)) if !available.contains(&c) => {}
        Some(v) => return Ok(v),
        None => {}
    }
    let hint = match s.to_ascii_uppercase().as_str() {
        "RMB" => " (the renminbi's code is CNY)",
        "NTD" => " (the New Taiwan dollar's code is TWD)",
        _ => "",
    };
    let list: Vec<String> = available.iter().map(|c| c.to_string()).collect();
    Err(Failure::usage(format!(
        "--currency: `{s}` has no exchange rates{hint}; use `native` or one of: {}",
        list.join(" ")
    )))
}

/// The currency totals are in: `--currency`, else the configured one; `native` means USD, since
/// a total across records needs one currency.
pub fn totals_currency(g: &GlobalArgs, rates: &RateTable) -> Result<ViewCurrency, Failure> {
    let usd = ViewCurrency::Code(crate::model::codes::Currency::USD);
    let default = match g.config.currency {
        ViewCurrency::Native => usd,
        c => c,
    };
    Ok(match view_currency(g, default, rates)? {
        ViewCurrency::Native => usd,
        v => v,
    })
}

/// The company id a `--company` value names: its id in any case. Else a usage error naming
/// the nearest ids and names.
pub fn company_id(ds: &Dataset, given: &str) -> Result<String, Failure> {
    let lower = given.to_lowercase();
    if let Some(c) = ds.companies.iter().find(|c| c.id == lower) {
        return Ok(c.id.clone());
    }
    // Ids or names that contain what was typed, then the closest ids by edit distance.
    let mut near: Vec<&str> = ds
        .companies
        .iter()
        .filter(|c| {
            c.id.contains(&lower)
                || c.name.to_lowercase().contains(&lower)
                || c.local_name.as_deref().is_some_and(|l| l.contains(given))
        })
        .map(|c| c.id.as_str())
        .collect();
    let mut by_distance: Vec<(usize, &str)> = ds
        .companies
        .iter()
        .map(|c| (strsim::levenshtein(&lower, &c.id), c.id.as_str()))
        .filter(|(d, id)| *d <= id.len().max(lower.len()) / 2)
        .collect();
    by_distance.sort();
    near.extend(by_distance.into_iter().map(|(_, id)| id));
    let mut seen = std::collections::BTreeSet::new();
    near.retain(|id| seen.insert(*id));
    near.truncate(5);
    let hint = if near.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = near
            .iter()
            .filter_map(|id| ds.company_index(id))
            .map(|i| format!("{} ({})", ds.companies[i].id, ds.companies[i].name))
            .collect();
        format!("; did you mean {}?", names.join(", "))
    };
    Err(Failure::usage(format!(
        "--company: no company with id `{given}`{hint} (`aiinvest companies` lists them)"
    )))
}

/// `--rates`, else the configuration's basis.
pub fn rate_basis(g: &GlobalArgs) -> Result<RateBasis, Failure> {
    match &g.rates {
        None => Ok(g.config.rates),
        Some(s) => RateBasis::parse(s).ok_or_else(|| {
            Failure::usage(format!(
                "--rates: `{s}` is not `announcement`, `latest` or a date"
            ))
        }),
    }
}
