//! The current view's rows as CSV or JSON, exactly as shown: filters, currency, rate basis and
//! sort applied. Pure: the event loop writes the file.

use super::action::ExportFormat;
use super::app::{App, View};
use crate::export::{
    GroupRow, GroupsDoc, capex_csv, capex_json, groups_csv, groups_json, list_csv, list_json,
};
use crate::model::dataset::Dataset;
use crate::model::timeline::{Granularity, TimeAxis};

/// The file contents and the number of rows in it.
pub fn view_rows(app: &App, ds: &Dataset, format: ExportFormat) -> (String, usize) {
    let d = &app.derived;
    if app.view == View::Announcements {
        let text = match format {
            ExportFormat::Csv => list_csv(ds, &d.rows, &d.superseded, app.currency(), app.basis()),
            ExportFormat::Json => {
                list_json(ds, &d.rows, &d.superseded, app.currency(), app.basis())
            }
        };
        return (text, d.rows.len());
    }
    if app.view == View::Capex {
        let Some(t) = &d.capex else {
            return (String::new(), 0);
        };
        let text = match format {
            ExportFormat::Csv => capex_csv(ds, t, &d.valuation),
            ExportFormat::Json => {
                capex_json(ds, t, &d.valuation, app.total_currency(), app.basis())
            }
        };
        return (text, t.rows.len());
    }
    let currency = app.total_currency().to_string();
    let doc = match app.view {
        View::Companies => {
            let s = d.companies.as_ref();
            GroupsDoc {
                by: "company".into(),
                currency,
                basis: app.basis(),
                groups: s
                    .map(|s| {
                        s.groups
                            .iter()
                            .map(|g| GroupRow {
                                key: g.key.clone(),
                                label: g.label.clone(),
                                totals: &g.totals,
                                extra: vec![],
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                total: s.map(|s| &s.total),
            }
        }
        View::Timeline => GroupsDoc {
            by: match (app.axis, app.granularity) {
                (TimeAxis::SpendYears, _) => "spend-year",
                (TimeAxis::Announced, Granularity::Quarter) => "quarter",
                (TimeAxis::Announced, Granularity::Year) => "year",
            }
            .into(),
            currency,
            basis: app.basis(),
            groups: d
                .timeline
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .map(|b| GroupRow {
                    key: b.label.clone(),
                    label: b.label.clone(),
                    totals: &b.totals,
                    extra: vec![],
                })
                .collect(),
            total: None,
        },
        View::Map | View::Announcements | View::Capex => GroupsDoc {
            by: "country".into(),
            currency,
            basis: app.basis(),
            groups: d
                .places()
                .iter()
                .map(|p| GroupRow {
                    key: p.code.as_str().to_string(),
                    label: ds.countries.name(p.code).to_string(),
                    totals: &p.totals,
                    extra: vec![("records_touching", p.records), ("sites", p.sites)],
                })
                .collect(),
            total: None,
        },
    };
    let n = doc.groups.len();
    let text = match format {
        ExportFormat::Csv => groups_csv(&doc),
        ExportFormat::Json => groups_json(&doc),
    };
    (text, n)
}
