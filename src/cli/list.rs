//! `aiinvest list`: one row per matching announcement, as a table, CSV or JSON.

use super::args::{Format, GlobalArgs};
use super::table::{Align, render_table, truncate};
use super::{Failure, filter_from_args, load_for_view, rate_basis, view_currency};
use crate::export::{list_csv, list_json};
use crate::model::dataset::Dataset;
use crate::model::money::{RateBasis, Valuation, ViewCurrency, amount_text};
use crate::model::query::{SortKey, sort_rows};

pub fn run(g: &GlobalArgs, format: Format) -> Result<String, Failure> {
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let filter = filter_from_args(&g.filters, ds)?;
    let view = view_currency(g, g.config.currency)?;
    let basis = rate_basis(g)?;
    let mut rows = filter.apply(ds);
    sort_rows(ds, &mut rows, SortKey::Date, false, &Valuation::default());
    let superseded = ds.superseded(filter.until);
    Ok(match format {
        Format::Table => table(ds, &rows, &superseded, view, basis),
        Format::Csv => list_csv(ds, &rows, &superseded, view, basis),
        Format::Json => list_json(ds, &rows, &superseded, view, basis),
    })
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
) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|&i| {
            let a = &ds.announcements[i];
            vec![
                a.date.to_string(),
                truncate(&ds.company_of(a).display_name(), 30),
                truncate(&a.title, 60),
                a.kind.to_string(),
                amount_text(&ds.announcements[i], view, basis, &ds.rates).unwrap_or_default(),
                truncate(
                    &a.countries
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    20,
                ),
                notes(ds, i, sup[i]),
            ]
        })
        .collect();
    let mut out = render_table(
        &[
            "DATE",
            "COMPANY",
            "TITLE",
            "KIND",
            &format!("AMOUNT ({view})"),
            "COUNTRIES",
            "NOTE",
        ],
        &[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Left,
            Align::Left,
        ],
        &body,
    );
    out.push_str(&format!("{} announcement(s); rates: {basis}\n", rows.len()));
    out
}
