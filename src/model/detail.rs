//! Everything about one announcement, as labelled rows of text: amounts as announced and
//! converted (with the rate and its date), period, places, sites, revision chain, parts, and
//! every source with its tier and quote. The detail pane styles these rows; `aiinvest show`
//! prints them.

use super::announcement::Announcement;
use super::codes::Currency;
use super::dataset::Dataset;
use super::money::{RateBasis, ViewCurrency, amount_text, format_exact, format_money, value_of};
use super::text::shown;

/// The most of one text field the detail shows: enough for any real title, summary or quote;
/// a hostile 10 MB field is cut (with `…`) instead of being wrapped line by line.
const FIELD_WIDTH: usize = 4_000;

fn sanitize(s: &str) -> String {
    shown(s, FIELD_WIDTH)
}

/// How a row is meant to look; the dashboard maps each to a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Dim,
    Warning,
    Header,
    Amount,
    Quote,
    Plain,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// A field name shown in a column before the text, if any.
    pub label: Option<&'static str>,
    pub text: String,
    pub role: Role,
}

fn row(label: &'static str, text: impl Into<String>, role: Role) -> Row {
    Row {
        label: Some(label),
        text: text.into(),
        role,
    }
}

fn line(text: impl Into<String>, role: Role) -> Row {
    Row {
        label: None,
        text: text.into(),
        role,
    }
}

fn short(ds: &Dataset, a: &Announcement, view: ViewCurrency, basis: RateBasis) -> String {
    amount_text(a, view, basis, &ds.rates).unwrap_or_else(|| "no amount".into())
}

/// The rows of record `i`; `superseded` is indexed by record (as of the `--until` in force).
pub fn detail_rows(
    ds: &Dataset,
    i: usize,
    view: ViewCurrency,
    basis: RateBasis,
    superseded: &[bool],
) -> Vec<Row> {
    let a = &ds.announcements[i];
    let c = ds.company_of(a);
    let mut out = vec![line(sanitize(&a.title), Role::Title)];
    out.push(line(
        format!(
            "{} · {} · {} ({} family) · {}",
            sanitize(&c.display_name()),
            a.date_text(),
            a.kind,
            a.family(),
            sanitize(&a.id)
        ),
        Role::Dim,
    ));
    if superseded.get(i).copied().unwrap_or(false) {
        out.push(line(
            "Superseded: a later figure revises this one; it is not in totals.",
            Role::Warning,
        ));
    }
    match a.amount {
        None => out.push(row("Amount", "no figure announced", Role::Dim)),
        Some(m) => {
            let q = a
                .qualifier
                .map(|q| format!(" ({})", q.as_str().replace('-', " ")))
                .unwrap_or_default();
            out.push(row(
                "Announced",
                format!(
                    "{} = {}{q}",
                    format_money(m.min as f64, m.max as f64, m.currency, a.qualifier),
                    format_exact(m.min, m.max, m.currency)
                ),
                Role::Amount,
            ));
            if view != ViewCurrency::Native {
                let text = match value_of(a, view, basis, &ds.rates).flatten() {
                    Some(v) => {
                        let rate = match v.rate_date {
                            Some(d) => format!(
                                " at 1 {} = {:.6} {}, ECB rates of {d}",
                                m.currency, v.factor, v.currency
                            ),
                            None => String::new(),
                        };
                        format!(
                            "{}{rate}",
                            format_money(v.min, v.max, v.currency, a.qualifier)
                        )
                    }
                    None => format!("n/a: no ECB rate for {} → {view} on that date", m.currency),
                };
                out.push(row("Converted", text, Role::Plain));
            }
            if let Some(usd) = a.source_usd {
                out.push(row(
                    "Source USD",
                    format!(
                        "{} as printed by the source",
                        format_money(usd as f64, usd as f64, Currency::USD, None)
                    ),
                    Role::Plain,
                ));
            }
        }
    }
    let period = if a.period.from == a.period.to {
        a.period.from.to_string()
    } else {
        format!("{}–{}", a.period.from, a.period.to)
    };
    out.push(row("Period", period, Role::Plain));
    if !a.countries.is_empty() {
        let names: Vec<String> = a
            .countries
            .iter()
            .map(|c| format!("{} ({c})", ds.countries.name(*c)))
            .collect();
        out.push(row("Countries", names.join(", "), Role::Plain));
    }
    for s in &a.sites {
        let mut t = String::new();
        if let Some(city) = &s.city {
            t.push_str(&sanitize(city));
            t.push_str(", ");
        }
        t.push_str(ds.countries.name(s.country));
        if let Some(st) = s.status {
            t.push_str(&format!(" — {}", st.as_str().replace('-', " ")));
        }
        if let Some(y) = s.opens {
            t.push_str(&format!(", opens {y}"));
        }
        out.push(row("Site", t, Role::Plain));
    }
    let chain = ds.revision_chain(i);
    if chain.len() > 1 {
        out.push(line("Revision chain", Role::Header));
        for j in chain {
            let b = &ds.announcements[j];
            let mut t = format!(
                "  {} {} — {}",
                b.date_text(),
                sanitize(&b.title),
                short(ds, b, view, basis)
            );
            if superseded.get(j).copied().unwrap_or(false) {
                t.push_str(" (superseded)");
            }
            if j == i {
                t.push_str("  ◀ this");
            }
            out.push(line(t, Role::Plain));
        }
    }
    if let Some(p) = a.part_of.as_deref().and_then(|id| ds.find(id)) {
        let b = &ds.announcements[p];
        out.push(row(
            "Part of",
            format!(
                "{} — {} (counted there, not here)",
                sanitize(&b.title),
                short(ds, b, view, basis)
            ),
            Role::Plain,
        ));
    }
    let label = if a.sources.len() == 1 {
        "Source".to_string()
    } else {
        format!("Sources ({}, main first)", a.sources.len())
    };
    out.push(line(label, Role::Header));
    for (n, s) in a.sources.iter().enumerate() {
        let published = s
            .published
            .map(|d| format!(" · published {d}"))
            .unwrap_or_default();
        out.push(line(
            format!(
                "  {}. {} [{}]{published}",
                n + 1,
                sanitize(&s.publisher),
                s.tier
            ),
            Role::Plain,
        ));
        out.push(line(format!("     {}", sanitize(&s.url)), Role::Dim));
        if let Some(q) = &s.quote {
            out.push(line(format!("     “{}”", sanitize(q)), Role::Quote));
        }
    }
    if let Some(s) = &a.summary {
        out.push(row("Summary", sanitize(s), Role::Plain));
    }
    if !a.tags.is_empty() {
        out.push(row("Tags", sanitize(&a.tags.join(", ")), Role::Plain));
    }
    out
}

/// The rows as plain text, labels in a column of 11.
pub fn rows_text(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        match r.label {
            Some(l) => out.push_str(&format!("{l:<11}{}\n", r.text)),
            None => out.push_str(&format!("{}\n", r.text)),
        }
    }
    out
}
