//! `aiinvest list`: one row per matching announcement, as a table, CSV or JSON.

use super::args::{Format, GlobalArgs};
use super::table::{Align, output_width, render_table_fit};
use super::{Failure, filter_from_args, load_for_view, rate_basis, view_currency};
use crate::export::{list_csv, list_json};
use crate::model::dataset::Dataset;
use crate::model::money::{RateBasis, Valuation, ViewCurrency, amount_text};
use crate::model::query::{SortKey, sort_rows};

pub fn run(
    g: &GlobalArgs,
    format: Format,
    sort: Option<&str>,
    reverse: bool,
    columns: Option<&str>,
) -> Result<String, Failure> {
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let filter = filter_from_args(&g.filters, ds)?;
    let view = view_currency(g, g.config.currency, &ds.rates)?;
    let basis = rate_basis(g)?;
    let key = match sort {
        None => SortKey::Date,
        Some(s) => SortKey::parse(s).ok_or_else(|| {
            Failure::usage(format!(
                "--sort: `{s}` is not one of {}",
                SortKey::CYCLE.map(|k| k.as_str()).join(", ")
            ))
        })?,
    };
    let columns = parse_columns(columns)?;
    let mut rows = filter.apply(ds);
    // As the dashboard: newest first, text A to Z, largest amounts first.
    let valuation = if key == SortKey::Amount {
        let totals = match view {
            ViewCurrency::Native => ViewCurrency::Code(crate::model::codes::Currency::USD),
            v => v,
        };
        Valuation::new(ds, totals, basis)
    } else {
        Valuation::default()
    };
    sort_rows(
        ds,
        &mut rows,
        key,
        key.descending_first() != reverse,
        &valuation,
    );
    let superseded = ds.superseded(filter.until);
    Ok(match format {
        Format::Table => table(ds, &rows, &superseded, view, basis, &columns),
        Format::Csv => list_csv(ds, &rows, &superseded, view, basis),
        Format::Json => list_json(ds, &rows, &superseded, view, basis),
    })
}

/// The columns `list` can show in a table, with whether each may be cut to fit the width.
const COLUMNS: &[(&str, bool)] = &[
    ("id", true),
    ("date", false),
    ("company", true),
    ("title", true),
    ("kind", false),
    ("family", false),
    ("amount", false),
    ("period", false),
    ("countries", true),
    ("tier", false),
    ("url", true),
    ("note", true),
];
const DEFAULT_COLUMNS: &[&str] = &[
    "date",
    "company",
    "title",
    "kind",
    "amount",
    "countries",
    "note",
];

fn parse_columns(given: Option<&str>) -> Result<Vec<&'static str>, Failure> {
    let Some(given) = given else {
        return Ok(DEFAULT_COLUMNS.to_vec());
    };
    given
        .split(',')
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .map(|c| {
            COLUMNS
                .iter()
                .map(|(n, _)| *n)
                .find(|n| *n == c)
                .ok_or_else(|| {
                    Failure::usage(format!(
                        "--columns: `{c}` is not one of {}",
                        COLUMNS
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
        })
        .collect()
}

/// Marks shown beside a row: superseded, part of a larger figure.
pub fn notes(ds: &Dataset, i: usize, superseded: bool) -> String {
    let a = &ds.announcements[i];
    let mut n = Vec::new();
    if superseded {
        n.push("superseded".to_string());
    }
    if let Some(p) = &a.part_of {
        n.push(format!("part of {p}"));
    }
    n.join("; ")
}

fn table(
    ds: &Dataset,
    rows: &[usize],
    sup: &[bool],
    view: ViewCurrency,
    basis: RateBasis,
    columns: &[&str],
) -> String {
    let cell = |i: usize, col: &str| -> String {
        let a = &ds.announcements[i];
        match col {
            "id" => a.id.clone(),
            "date" => a.date_text(),
            "company" => ds.company_of(a).display_name(),
            "title" => a.title.clone(),
            "kind" => a.kind.to_string(),
            "family" => a.family().to_string(),
            "amount" => amount_text(a, view, basis, &ds.rates).unwrap_or_default(),
            "period" if a.period.from == a.period.to => a.period.from.to_string(),
            "period" => format!("{}–{}", a.period.from, a.period.to),
            "countries" => a
                .countries
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            "tier" => a.best_tier().to_string(),
            "url" => a.source().url.clone(),
            "note" => notes(ds, i, sup[i]),
            _ => String::new(),
        }
    };
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|&i| columns.iter().map(|c| cell(i, c)).collect())
        .collect();
    let amount_head = format!("AMOUNT ({view})");
    let heads: Vec<String> = columns
        .iter()
        .map(|c| {
            if *c == "amount" {
                amount_head.clone()
            } else {
                c.to_uppercase()
            }
        })
        .collect();
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    let align: Vec<Align> = columns
        .iter()
        .map(|c| {
            if *c == "amount" {
                Align::Right
            } else {
                Align::Left
            }
        })
        .collect();
    let flexible: Vec<bool> = columns
        .iter()
        .map(|c| COLUMNS.iter().any(|(n, f)| n == c && *f))
        .collect();
    let mut out = render_table_fit(&heads, &align, &flexible, &body, output_width());
    out.push_str(&format!("{} announcement(s); rates: {basis}\n", rows.len()));
    out
}
