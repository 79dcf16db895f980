//! `aiinvest summary --by GROUPING`: totals per group and overall, as a table, CSV or JSON.

use serde_json::json;

use super::args::{Format, GlobalArgs};
use super::table::{Align, csv_record, json_amount, plain_amount, render_table};
use super::{Failure, filter_from_args, load_for_view, rate_basis, view_currency};
use crate::model::codes::Currency;
use crate::model::money::{Valuation, ViewCurrency, format_money};
use crate::model::query::{Grouping, Totals, summarize};

pub fn run(g: &GlobalArgs, by: &str, format: Format) -> Result<String, Failure> {
    let grouping = Grouping::parse(by)
        .ok_or_else(|| Failure::usage(format!("--by: unknown grouping `{by}`")))?;
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let filter = filter_from_args(&g.filters, ds)?;
    let view = view_currency(g, ViewCurrency::Code(Currency::USD))?;
    let basis = rate_basis(g)?;
    let rows = filter.apply(ds);
    let superseded = ds.superseded(filter.until);
    let valuation = Valuation::new(ds, view, basis);
    let s = summarize(ds, &rows, &superseded, grouping, &valuation);
    // A native total is only meaningful when every summed amount shares one currency.
    let currency = match view {
        ViewCurrency::Code(c) => c.to_string(),
        ViewCurrency::Native => match s.total.currencies.len() {
            0 => "native".to_string(),
            1 => s
                .total
                .currencies
                .iter()
                .next()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            _ => {
                let list: Vec<String> = s.total.currencies.iter().map(|c| c.to_string()).collect();
                return Err(Failure::usage(format!(
                    "--currency native: the groups mix currencies ({}); choose one, e.g. --currency USD",
                    list.join(", ")
                )));
            }
        },
    };
    let cur = Currency::parse(&currency);
    let money = |t: &Totals| match (cur, t.with_amount - t.unconverted) {
        (Some(c), n) if n > 0 => format_money(t.min, t.max, c, None),
        _ => "–".to_string(),
    };
    Ok(match format {
        Format::Json => {
            let totals = |t: &Totals| {
                json!({"count": t.count, "with_amount": t.with_amount,
                       "min": json_amount(t.min), "max": json_amount(t.max), "unconverted": t.unconverted})
            };
            let groups: Vec<_> = s
                .groups
                .iter()
                .map(|gr| {
                    let mut o = totals(&gr.totals);
                    o["key"] = json!(gr.key);
                    o["label"] = json!(gr.label);
                    o
                })
                .collect();
            let doc = json!({"by": grouping.as_str(), "currency": currency, "rates": basis.to_string(),
                             "groups": groups, "total": totals(&s.total)});
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
        Format::Csv => {
            let mut out = csv_record(
                &[
                    "key",
                    "label",
                    "count",
                    "with_amount",
                    "min",
                    "max",
                    "unconverted",
                    "currency",
                ]
                .map(String::from),
            );
            let groups = s
                .groups
                .iter()
                .map(|gr| (gr.key.as_str(), gr.label.as_str(), &gr.totals));
            for (k, l, t) in groups.chain([("total", "Total", &s.total)]) {
                out.push_str(&csv_record(&[
                    k.to_string(),
                    crate::model::text::sanitize(l),
                    t.count.to_string(),
                    t.with_amount.to_string(),
                    plain_amount(t.min),
                    plain_amount(t.max),
                    t.unconverted.to_string(),
                    currency.clone(),
                ]));
            }
            out
        }
        Format::Table => {
            let row = |k: &str, l: &str, t: &Totals| {
                vec![
                    k.to_string(),
                    l.to_string(),
                    t.count.to_string(),
                    t.with_amount.to_string(),
                    money(t),
                    t.unconverted.to_string(),
                ]
            };
            let mut body: Vec<Vec<String>> = s
                .groups
                .iter()
                .map(|gr| row(&gr.key, &gr.label, &gr.totals))
                .collect();
            body.push(row("total", "", &s.total));
            let mut out = format!("By {}, in {currency}, rates: {basis}\n", grouping.as_str());
            out.push_str(&render_table(
                &[
                    grouping.as_str().to_uppercase().as_str(),
                    "LABEL",
                    "COUNT",
                    "WITH AMOUNT",
                    "TOTAL",
                    "UNCONVERTED",
                ],
                &[
                    Align::Left,
                    Align::Left,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                ],
                &body,
            ));
            out
        }
    })
}
