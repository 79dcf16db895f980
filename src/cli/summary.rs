//! `aiinvest summary --by GROUPING`: totals per group and overall, as a table, CSV or JSON.

use super::args::{Format, GlobalArgs};
use super::table::{Align, render_table};
use super::{Failure, filter_from_args, load_for_view, rate_basis, view_currency};
use crate::export::{GroupRow, GroupsDoc, groups_csv, groups_json};
use crate::model::announcement::{Family, Qualifier};
use crate::model::codes::Currency;
use crate::model::money::{Valuation, ViewCurrency, format_money};
use crate::model::query::{Grouping, Totals, summarize};

/// What the totals add, for a title: one family, or all of them (which may overlap).
pub fn family_scope(filtered: &[Family], added: &[Family]) -> String {
    match (filtered, added) {
        ([f], _) | ([], [f]) => format!("{f} family only"),
        ([], _) => "all families; figures may overlap".to_string(),
        (fs, _) => {
            let names: Vec<&str> = fs.iter().map(|f| f.as_str()).collect();
            format!("families {}; figures may overlap", names.join(" + "))
        }
    }
}

pub fn run(g: &GlobalArgs, by: &str, format: Format) -> Result<String, Failure> {
    let grouping = Grouping::parse(by)
        .ok_or_else(|| Failure::usage(format!("--by: unknown grouping `{by}`")))?;
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let filter = filter_from_args(&g.filters, ds)?;
    // The configured currency, unless it is native: a total needs one currency.
    let default = match g.config.currency {
        ViewCurrency::Native => ViewCurrency::Code(Currency::USD),
        c => c,
    };
    let view = view_currency(g, default, &ds.rates)?;
    let basis = rate_basis(g)?;
    let rows = filter.apply(ds);
    let superseded = ds.superseded(filter.until);
    let valuation = Valuation::new(ds, view, basis);
    let s = summarize(ds, &rows, &superseded, grouping, &valuation);
    // A native total is only meaningful when every summed amount shares one currency.
    let currency = match view {
        ViewCurrency::Code(c) => c.to_string(),
        ViewCurrency::Native if s.total.currencies.len() > 1 => {
            let list: Vec<String> = s.total.currencies.iter().map(|c| c.to_string()).collect();
            return Err(Failure::usage(format!(
                "--currency native: the groups mix currencies ({}); choose one, e.g. --currency USD",
                list.join(", ")
            )));
        }
        ViewCurrency::Native => s
            .total
            .single_currency()
            .map_or_else(|| "native".to_string(), |c| c.to_string()),
    };
    let cur = Currency::parse(&currency);
    let mark = |t: &Totals| t.more_than.then_some(Qualifier::MoreThan);
    let money = |t: &Totals| match (cur, t.with_amount - t.unconverted) {
        (Some(c), n) if n > 0 => format_money(t.min, t.max, c, mark(t)),
        _ => "–".to_string(),
    };
    let families = s.total.families_added();
    Ok(match format {
        Format::Json | Format::Csv => {
            let doc = GroupsDoc {
                by: grouping.as_str().to_string(),
                currency: currency.clone(),
                basis,
                groups: s
                    .groups
                    .iter()
                    .map(|gr| GroupRow {
                        key: gr.key.clone(),
                        label: gr.label.clone(),
                        totals: &gr.totals,
                        extra: vec![],
                    })
                    .collect(),
                total: Some(&s.total),
            };
            if format == Format::Json {
                groups_json(&doc)
            } else {
                groups_csv(&doc)
            }
        }
        Format::Table => {
            let row = |k: &str, l: &str, t: &Totals| {
                let mut r = vec![
                    k.to_string(),
                    l.to_string(),
                    t.count.to_string(),
                    t.with_amount.to_string(),
                ];
                if families.len() > 1 {
                    r.extend(families.iter().map(|f| {
                        let (min, max) = t.families[*f as usize];
                        match cur {
                            Some(c) if (min, max) != (0.0, 0.0) => format_money(min, max, c, None),
                            _ => "–".to_string(),
                        }
                    }));
                }
                r.push(money(t));
                r.push(t.unconverted.to_string());
                r
            };
            let mut body: Vec<Vec<String>> = s
                .groups
                .iter()
                .map(|gr| row(&gr.key, &gr.label, &gr.totals))
                .collect();
            body.push(row("total", "", &s.total));
            let mut out = format!(
                "By {}, in {currency}, rates: {basis}; {}\n",
                grouping.as_str(),
                family_scope(&filter.families, &families)
            );
            let grouping_head = grouping.as_str().to_uppercase();
            let records = if matches!(
                grouping,
                Grouping::Country | Grouping::Region | Grouping::Subregion
            ) {
                "RECORDS ALLOCATED"
            } else {
                "RECORDS"
            };
            let family_heads: Vec<String> =
                families.iter().map(|f| f.as_str().to_uppercase()).collect();
            let mut headers: Vec<&str> = vec![&grouping_head, "LABEL", records, "WITH AMOUNT"];
            if families.len() > 1 {
                headers.extend(family_heads.iter().map(String::as_str));
            }
            let total_head = if families.len() > 1 {
                "TOTAL (ALL FAMILIES)"
            } else {
                "TOTAL"
            };
            headers.push(total_head);
            headers.push("UNCONVERTED");
            let mut aligns = vec![Align::Left, Align::Left];
            aligns.resize(headers.len(), Align::Right);
            out.push_str(&render_table(&headers, &aligns, &body));
            out
        }
    })
}
