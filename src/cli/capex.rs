//! `aiinvest capex`: each company's capital spending by year — the actual, or the latest
//! guidance as of `--until` — with how the guidance moved (see `model::capex`).

use super::args::{Format, GlobalArgs};
use super::table::{Align, render_table};
use super::{Failure, filter_from_args, load_for_view, rate_basis, totals_currency};
use crate::export::{capex_csv, capex_json};
use crate::model::capex::{CapexTable, capex_table, cell_text};
use crate::model::dataset::Dataset;
use crate::model::money::{Valuation, ViewCurrency};

pub fn run(g: &GlobalArgs, format: Format) -> Result<String, Failure> {
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let filter = filter_from_args(&g.filters, ds)?;
    let view = totals_currency(g, &ds.rates)?;
    let basis = rate_basis(g)?;
    let rows = filter.apply(ds);
    let valuation = Valuation::new(ds, view, basis);
    let t = capex_table(ds, &rows, &valuation);
    Ok(match format {
        Format::Table => table(ds, &t, &valuation, view, basis),
        Format::Csv => capex_csv(ds, &t, &valuation),
        Format::Json => capex_json(ds, &t, &valuation, view, basis),
    })
}

fn table(
    ds: &Dataset,
    t: &CapexTable,
    valuation: &Valuation,
    view: ViewCurrency,
    basis: crate::model::money::RateBasis,
) -> String {
    let years: Vec<String> = (t.years.0..=t.years.1).map(|y| y.to_string()).collect();
    let mut header = vec!["COMPANY"];
    header.extend(years.iter().map(String::as_str));
    let body: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![ds.companies[r.company].name.clone()];
            cells.extend(r.cells.iter().map(|c| match c {
                Some(c) => cell_text(ds, c, valuation),
                None => "–".to_string(),
            }));
            cells
        })
        .collect();
    let mut align = vec![Align::Left];
    align.resize(header.len(), Align::Right);
    format!(
        "Capital spending by year, in {view}, rates: {basis} (spend family; A actual, G latest guidance; ↑↓ move from the first guide, on upper bounds)\n{}",
        render_table(&header, &align, &body)
    )
}
