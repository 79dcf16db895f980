//! `aiinvest show ID`: one announcement in full — figures, revision chain, every source.

use super::args::{GlobalArgs, ShowFormat};
use super::{Failure, load_for_view, rate_basis, view_currency};
use crate::export::{json_text, list_json_row};
use crate::model::dataset::Dataset;
use crate::model::detail::{detail_rows, rows_text};
use crate::model::money::ViewCurrency;

pub fn run(g: &GlobalArgs, id: &str, format: ShowFormat) -> Result<String, Failure> {
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let i = find(ds, id)?;
    let basis = rate_basis(g)?;
    let until = match &g.filters.until {
        Some(s) => Some(super::parse_date_arg("--until", s, true)?),
        None => None,
    };
    let superseded = ds.superseded(until);
    Ok(match format {
        ShowFormat::Text => {
            // A converted line needs a currency: USD unless one is asked for.
            let view = match view_currency(g, g.config.currency, &ds.rates)? {
                ViewCurrency::Native => ViewCurrency::Code(crate::model::codes::Currency::USD),
                v => v,
            };
            rows_text(&detail_rows(ds, i, view, basis, &superseded))
        }
        ShowFormat::Json => {
            let view = view_currency(g, g.config.currency, &ds.rates)?;
            let row = list_json_row(ds, i, superseded[i], view, basis);
            json_text(serde_json::to_string_pretty(&row).unwrap_or_default()) + "\n"
        }
    })
}

/// The record with this id (any case); else a usage error naming ids that contain it.
fn find(ds: &Dataset, id: &str) -> Result<usize, Failure> {
    if let Some(i) = ds.find(id) {
        return Ok(i);
    }
    let lower = id.to_lowercase();
    if let Some(i) = ds
        .announcements
        .iter()
        .position(|a| a.id.to_lowercase() == lower)
    {
        return Ok(i);
    }
    let near: Vec<&str> = ds
        .announcements
        .iter()
        .map(|a| a.id.as_str())
        .filter(|a| a.to_lowercase().contains(&lower))
        .take(8)
        .collect();
    let hint = if near.is_empty() {
        " (`aiinvest list --format csv` lists every id)".to_string()
    } else {
        format!("; did you mean: {}", near.join(", "))
    };
    Err(Failure::usage(format!(
        "show: no announcement with id `{id}`{hint}"
    )))
}
