//! Rows as files: the CSV and JSON of `list` and `summary`, shared with the dashboard's
//! exports, and writing a file atomically (a temporary file in the same directory, then a
//! rename), so a reader never sees half a file.
//!
//! Field names are part of the interface (the README lists them): add, never rename.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde_json::{Value as Json, json};

use crate::model::capex::{CapexTable, movement};
use crate::model::dataset::Dataset;
use crate::model::money::{RateBasis, Valuation, Value, ViewCurrency, value_of};
use crate::model::query::Totals;
use crate::model::text::{is_unsafe, sanitize};

/// One RFC 4180 record: fields quoted when they hold a comma, quote or line break; CRLF.
pub fn csv_record(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    quoted.join(",") + "\r\n"
}

/// A rounded amount as a JSON number: an integer where it fits, else a float.
pub fn json_amount(v: f64) -> Json {
    let r = v.round();
    if r.abs() < 9.2e18 {
        Json::from(r as i64)
    } else {
        Json::from(r)
    }
}

/// The same amount for CSV and tables: whole units, no separators.
pub fn plain_amount(v: f64) -> String {
    format!("{:.0}", v.round())
}

/// The columns of `list --format csv` and of the dashboard's Announcements export.
pub const LIST_CSV_HEADER: [&str; 20] = [
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
    "family",
    "date_precision",
    "source_tier",
];

fn converted(ds: &Dataset, i: usize, view: ViewCurrency, basis: RateBasis) -> Option<Value> {
    value_of(&ds.announcements[i], view, basis, &ds.rates).flatten()
}

/// Announcements as CSV, in the order of `rows`; `superseded` is indexed by record.
pub fn list_csv(
    ds: &Dataset,
    rows: &[usize],
    superseded: &[bool],
    view: ViewCurrency,
    basis: RateBasis,
) -> String {
    let mut out = csv_record(&LIST_CSV_HEADER.map(String::from));
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
            superseded[i].to_string(),
            a.part_of.clone().unwrap_or_default(),
            a.source().url.clone(),
            a.family().to_string(),
            a.date_precision.to_string(),
            a.best_tier().to_string(),
        ];
        out.push_str(&csv_record(&fields.map(|f| sanitize(&f))));
    }
    out
}

/// The JSON object of one record (SPEC §4 `list --format json`, plus a few more fields).
pub fn list_json_row(
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
        "source_url": a.source().url,
        "source_publisher": a.source().publisher,
        "family": a.family().as_str(),
        "date_precision": a.date_precision.as_str(),
        "sources": a.sources.iter().map(|s| json!({
            "url": s.url,
            "publisher": s.publisher,
            "tier": s.tier.as_str(),
            "published": s.published.map(|d| d.to_string()),
            "quote": s.quote,
        })).collect::<Vec<_>>(),
    })
}

/// JSON text as printed: exact data, but nothing in it can steer a terminal. serde_json
/// escapes C0 controls inside strings; this also escapes DEL, C1 controls, bidirectional
/// overrides and zero-width characters as `\uXXXX` (legal only inside strings, which is the
/// only place they can occur). Structural line breaks stay.
pub fn json_text(s: String) -> String {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c != '\n' && is_unsafe(c) {
            // Every unsafe character lies in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Announcements as a pretty-printed JSON array, in the order of `rows`.
pub fn list_json(
    ds: &Dataset,
    rows: &[usize],
    superseded: &[bool],
    view: ViewCurrency,
    basis: RateBasis,
) -> String {
    let items: Vec<Json> = rows
        .iter()
        .map(|&i| list_json_row(ds, i, superseded[i], view, basis))
        .collect();
    json_text(serde_json::to_string_pretty(&items).unwrap_or_default()) + "\n"
}

/// One group of a summary-like table (a company, a quarter, a country).
pub struct GroupRow<'a> {
    pub key: String,
    pub label: String,
    pub totals: &'a Totals,
    /// More counts after the standard ones (the map's `records` and `sites`).
    pub extra: Vec<(&'static str, usize)>,
}

/// Totals per group, as `summary` prints them.
pub struct GroupsDoc<'a> {
    /// `company`, `year`, `quarter`, `spend-year`, `country`, ...
    pub by: String,
    pub currency: String,
    pub basis: RateBasis,
    pub groups: Vec<GroupRow<'a>>,
    /// The overall total, where the groups have one.
    pub total: Option<&'a Totals>,
}

fn totals_json(t: &Totals) -> Json {
    let families: serde_json::Map<String, Json> = t
        .families_added()
        .into_iter()
        .map(|f| {
            let (min, max) = t.families[f as usize];
            (
                f.as_str().to_string(),
                json!({"min": json_amount(min), "max": json_amount(max)}),
            )
        })
        .collect();
    json!({"count": t.count, "with_amount": t.with_amount,
           "min": json_amount(t.min), "max": json_amount(t.max), "unconverted": t.unconverted,
           "more_than": t.more_than, "families": families})
}

/// `{"by", "currency", "rates", "groups": [...], "total": {...}}` (SPEC §4).
pub fn groups_json(doc: &GroupsDoc) -> String {
    let groups: Vec<Json> = doc
        .groups
        .iter()
        .map(|g| {
            // Keys in the order SPEC §4 shows them: key, label, then the totals.
            let mut o = json!({"key": g.key, "label": g.label});
            if let (Some(o), Json::Object(t)) = (o.as_object_mut(), totals_json(g.totals)) {
                o.extend(t);
            }
            for (name, n) in &g.extra {
                o[*name] = json!(n);
            }
            o
        })
        .collect();
    let mut d = json!({"by": doc.by, "currency": doc.currency, "rates": doc.basis.to_string(),
                       "groups": groups});
    if let Some(t) = doc.total {
        d["total"] = totals_json(t);
    }
    json_text(serde_json::to_string_pretty(&d).unwrap_or_default()) + "\n"
}

/// `key,label,count,with_amount,min,max,unconverted[,extra...],currency`, then a `total` row
/// where there is one.
pub fn groups_csv(doc: &GroupsDoc) -> String {
    let mut header: Vec<String> = [
        "key",
        "label",
        "count",
        "with_amount",
        "min",
        "max",
        "unconverted",
    ]
    .map(String::from)
    .to_vec();
    if let Some(g) = doc.groups.first() {
        header.extend(g.extra.iter().map(|(n, _)| n.to_string()));
    }
    header.push("currency".into());
    let mut out = csv_record(&header);
    let row = |key: &str, label: &str, t: &Totals, extra: &[(&str, usize)]| {
        let mut f = vec![
            sanitize(key),
            sanitize(label),
            t.count.to_string(),
            t.with_amount.to_string(),
            plain_amount(t.min),
            plain_amount(t.max),
            t.unconverted.to_string(),
        ];
        f.extend(extra.iter().map(|(_, n)| n.to_string()));
        f.push(doc.currency.clone());
        csv_record(&f)
    };
    for g in &doc.groups {
        out.push_str(&row(&g.key, &g.label, g.totals, &g.extra));
    }
    if let Some(t) = doc.total {
        out.push_str(&row("total", "Total", t, &[]));
    }
    out
}

/// `aiinvest-<view>-<YYYYMMDD-HHMMSS>.<ext>`.
pub fn export_file_name(view: &str, ext: &str, now: NaiveDateTime) -> String {
    format!("aiinvest-{view}-{}.{ext}", now.format("%Y%m%d-%H%M%S"))
}

/// The names an export may take in `dir`, in order: `name`, then `stem-2.ext`, `stem-3.ext`, ...
pub fn candidate_names(dir: &Path, name: &str) -> impl Iterator<Item = PathBuf> {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let (stem, ext) = (stem.to_string(), ext.to_string());
    std::iter::once(dir.join(name)).chain((2..).map(move |n| dir.join(format!("{stem}-{n}.{ext}"))))
}

/// The capex table as CSV: one line per company and year with a figure.
pub fn capex_csv(ds: &Dataset, t: &CapexTable, valuation: &Valuation) -> String {
    let mut out = csv_record(
        &[
            "company",
            "year",
            "status",
            "id",
            "min",
            "max",
            "currency",
            "first_id",
            "first_max",
            "change_pct",
            "records",
        ]
        .map(String::from),
    );
    for r in &t.rows {
        for (k, c) in r.cells.iter().enumerate() {
            let Some(c) = c else { continue };
            let v = valuation.get(c.latest).flatten();
            let first = valuation.get(c.first).flatten();
            out.push_str(&csv_record(&[
                ds.companies[r.company].id.clone(),
                (t.years.0 + k as i32).to_string(),
                c.status.mark().to_string(),
                ds.announcements[c.latest].id.clone(),
                v.map(|v| json_amount(v.min).to_string())
                    .unwrap_or_default(),
                v.map(|v| json_amount(v.max).to_string())
                    .unwrap_or_default(),
                v.map(|v| v.currency.to_string()).unwrap_or_default(),
                ds.announcements[c.first].id.clone(),
                first
                    .map(|v| json_amount(v.max).to_string())
                    .unwrap_or_default(),
                movement(c, valuation)
                    .map(|p| format!("{p:.1}"))
                    .unwrap_or_default(),
                c.records
                    .iter()
                    .map(|&i| ds.announcements[i].id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            ]));
        }
    }
    out
}

/// The capex table as JSON: `{currency, rates, family, years, rows: [{company, label, years: {...}}]}`.
pub fn capex_json(
    ds: &Dataset,
    t: &CapexTable,
    valuation: &Valuation,
    view: ViewCurrency,
    basis: RateBasis,
) -> String {
    let rows: Vec<serde_json::Value> = t
        .rows
        .iter()
        .map(|r| {
            let years: serde_json::Map<String, serde_json::Value> = r
                .cells
                .iter()
                .enumerate()
                .filter_map(|(k, c)| {
                    let c = c.as_ref()?;
                    let v = valuation.get(c.latest).flatten();
                    Some((
                        (t.years.0 + k as i32).to_string(),
                        json!({
                            "status": c.status.mark(),
                            "id": ds.announcements[c.latest].id,
                            "min": v.map(|v| json_amount(v.min)),
                            "max": v.map(|v| json_amount(v.max)),
                            "first_id": ds.announcements[c.first].id,
                            "change_pct": movement(c, valuation),
                            "records": c.records.iter().map(|&i| ds.announcements[i].id.clone()).collect::<Vec<_>>(),
                        }),
                    ))
                })
                .collect();
            json!({"company": ds.companies[r.company].id, "label": ds.companies[r.company].name, "years": years})
        })
        .collect();
    let doc = json!({"currency": view.to_string(), "rates": basis.to_string(), "family": "spend",
                     "years": [t.years.0, t.years.1], "rows": rows});
    json_text(serde_json::to_string_pretty(&doc).unwrap_or_default()) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_escapes_what_serde_leaves_raw() {
        let v = serde_json::json!({"t": "a\u{1b}b\u{9b}c\u{202e}d\u{7f}"});
        let out = json_text(serde_json::to_string_pretty(&v).unwrap());
        assert!(!out.chars().any(|c| c != '\n' && is_unsafe(c)), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn atomic_write_leaves_only_the_file() {
        use crate::atomic::write_atomic;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        write_atomic(&p, b"x,y\r\n").unwrap();
        write_atomic(&p, b"z\r\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"z\r\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        let names: Vec<_> = candidate_names(dir.path(), "a.csv").take(3).collect();
        assert_eq!(names[1].file_name().unwrap(), "a-2.csv");
        assert_eq!(names[2].file_name().unwrap(), "a-3.csv");
    }

    #[test]
    fn file_names_carry_view_and_time() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 3, 4)
            .unwrap()
            .and_hms_opt(5, 6, 7)
            .unwrap();
        assert_eq!(
            export_file_name("companies", "json", t),
            "aiinvest-companies-20260304-050607.json"
        );
    }
}
