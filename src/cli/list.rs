//! `aiinvest list`: one row per matching announcement, as a table, CSV or JSON.

use serde_json::{Value as Json, json};

use super::args::{Format, GlobalArgs};
use super::table::{Align, csv_record, json_amount, plain_amount, render_table, truncate};
use super::{Failure, filter_from_args, load_for_view, rate_basis, view_currency};
use crate::model::dataset::Dataset;
use crate::model::money::{RateBasis, Valuation, Value, ViewCurrency, format_money, value_of};
use crate::model::query::{SortKey, sort_rows};

pub fn run(g: &GlobalArgs, format: Format) -> Result<String, Failure> {
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let filter = filter_from_args(&g.filters, ds)?;
    let view = view_currency(g, ViewCurrency::Native)?;
    let basis = rate_basis(g)?;
    let mut rows = filter.apply(ds);
    sort_rows(ds, &mut rows, SortKey::Date, false, &Valuation::default());
    let superseded = ds.superseded(filter.until);
    Ok(match format {
        Format::Table => table(ds, &rows, &superseded, view, basis),
        Format::Csv => csv(ds, &rows, &superseded, view, basis),
        Format::Json => {
            let items: Vec<Json> = rows
                .iter()
                .map(|&i| json_row(ds, i, superseded[i], view, basis))
                .collect();
            serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
        }
    })
}

/// The amount cell: humanised in the view currency, `n/a` without a rate, empty without one.
pub fn amount_cell(ds: &Dataset, i: usize, view: ViewCurrency, basis: RateBasis) -> String {
    let a = &ds.announcements[i];
    match value_of(a, view, basis, &ds.rates) {
        None => String::new(),
        Some(None) => "n/a".into(),
        Some(Some(v)) => format_money(v.min, v.max, v.currency, a.qualifier),
    }
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
                amount_cell(ds, i, view, basis),
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

const CSV_HEADER: [&str; 17] = [
    "id",
    "company",
    "date",
    "title",
    "kind",
    "currency",
    "amount_min",
    "amount_max",
    "qualifier",
    "view_currency",
    "value_min",
    "value_max",
    "countries",
    "sites",
    "superseded",
    "part_of",
    "source_url",
];

fn converted(ds: &Dataset, i: usize, view: ViewCurrency, basis: RateBasis) -> Option<Value> {
    value_of(&ds.announcements[i], view, basis, &ds.rates).flatten()
}

fn csv(ds: &Dataset, rows: &[usize], sup: &[bool], view: ViewCurrency, basis: RateBasis) -> String {
    let mut out = csv_record(&CSV_HEADER.map(String::from));
    for &i in rows {
        let a = &ds.announcements[i];
        let v = converted(ds, i, view, basis);
        let sites: Vec<String> = a
            .sites
            .iter()
            .map(|s| {
                format!(
                    "{}:{}:{}",
                    s.country,
                    s.city.as_deref().unwrap_or(""),
                    s.status.map(|x| x.as_str()).unwrap_or("")
                )
            })
            .collect();
        let fields = [
            a.id.clone(),
            ds.company_of(a).id.clone(),
            a.date.to_string(),
            a.title.clone(),
            a.kind.to_string(),
            a.amount.map(|m| m.currency.to_string()).unwrap_or_default(),
            a.amount.map(|m| m.min.to_string()).unwrap_or_default(),
            a.amount.map(|m| m.max.to_string()).unwrap_or_default(),
            a.qualifier
                .map(|q| q.as_str().to_string())
                .unwrap_or_default(),
            v.map(|v| v.currency.to_string()).unwrap_or_default(),
            v.map(|v| plain_amount(v.min)).unwrap_or_default(),
            v.map(|v| plain_amount(v.max)).unwrap_or_default(),
            a.countries
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            sites.join(";"),
            sup[i].to_string(),
            a.part_of.clone().unwrap_or_default(),
            a.source.url.clone(),
        ];
        out.push_str(&csv_record(
            &fields.map(|f| crate::model::text::sanitize(&f)),
        ));
    }
    out
}

/// The JSON object of one record (SPEC §4 `list --format json`, plus a few more fields).
pub fn json_row(
    ds: &Dataset,
    i: usize,
    superseded: bool,
    view: ViewCurrency,
    basis: RateBasis,
) -> Json {
    let a = &ds.announcements[i];
    let v = converted(ds, i, view, basis);
    json!({
        "id": a.id,
        "company": ds.company_of(a).id,
        "company_name": ds.company_of(a).name,
        "date": a.date.to_string(),
        "title": a.title,
        "kind": a.kind.as_str(),
        "currency": a.amount.map(|m| m.currency.to_string()),
        "amount_min": a.amount.map(|m| m.min),
        "amount_max": a.amount.map(|m| m.max),
        "qualifier": a.qualifier.map(|q| q.as_str()),
        "view_currency": match view { ViewCurrency::Native => a.amount.map(|m| m.currency.to_string()), ViewCurrency::Code(c) => Some(c.to_string()) },
        "value_min": v.map(|v| json_amount(v.min)),
        "value_max": v.map(|v| json_amount(v.max)),
        "rate_date": v.and_then(|v| v.rate_date).map(|d| d.to_string()),
        "period": { "from": a.period.from, "to": a.period.to },
        "countries": a.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "sites": a.sites.iter().map(|s| json!({
            "country": s.country.as_str(),
            "city": s.city,
            "status": s.status.map(|x| x.as_str()),
            "opens": s.opens,
        })).collect::<Vec<_>>(),
        "superseded": superseded,
        "revises": a.revises,
        "part_of": a.part_of,
        "source_usd": a.source_usd,
        "source_url": a.source.url,
        "source_publisher": a.source.publisher,
    })
}
