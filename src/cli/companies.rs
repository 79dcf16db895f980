//! `aiinvest companies`: every company or organisation with its id, which `--company` takes.

use serde_json::json;

use super::args::{Format, GlobalArgs};
use super::table::{Align, csv_record, output_width, render_table_fit};
use super::{Failure, load_for_view};
use crate::export::json_text;

pub fn run(g: &GlobalArgs, format: Format) -> Result<String, Failure> {
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let mut records = vec![0usize; ds.companies.len()];
    for a in &ds.announcements {
        records[a.company] += 1;
    }
    let mut order: Vec<usize> = (0..ds.companies.len()).collect();
    order.sort_by(|&a, &b| ds.companies[a].id.cmp(&ds.companies[b].id));
    let kind = |i: usize| {
        ds.companies[i]
            .kind
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    Ok(match format {
        Format::Table => {
            let body: Vec<Vec<String>> = order
                .iter()
                .map(|&i| {
                    let c = &ds.companies[i];
                    vec![
                        c.id.clone(),
                        c.display_name(),
                        kind(i),
                        c.hq.to_string(),
                        records[i].to_string(),
                    ]
                })
                .collect();
            let mut out = render_table_fit(
                &["ID", "NAME", "KIND", "HQ", "RECORDS"],
                &[
                    Align::Left,
                    Align::Left,
                    Align::Left,
                    Align::Left,
                    Align::Right,
                ],
                &[false, true, false, false, false],
                &body,
                output_width(),
            );
            out.push_str(&format!("{} companies\n", order.len()));
            out
        }
        Format::Csv => {
            let mut out = csv_record(
                &["id", "name", "local_name", "kind", "hq", "records"].map(String::from),
            );
            for &i in &order {
                let c = &ds.companies[i];
                out.push_str(&csv_record(&[
                    c.id.clone(),
                    c.name.clone(),
                    c.local_name.clone().unwrap_or_default(),
                    kind(i),
                    c.hq.to_string(),
                    records[i].to_string(),
                ]));
            }
            out
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = order
                .iter()
                .map(|&i| {
                    let c = &ds.companies[i];
                    json!({"id": c.id, "name": c.name, "local_name": c.local_name,
                           "kind": c.kind.map(|k| k.as_str()), "hq": c.hq.as_str(),
                           "records": records[i]})
                })
                .collect();
            json_text(serde_json::to_string_pretty(&items).unwrap_or_default()) + "\n"
        }
    })
}
