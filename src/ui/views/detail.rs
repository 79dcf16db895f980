//! Everything about one announcement: amounts as announced and converted (with the rate and
//! its date), period, places, sites, revision chain, parts, and the source with its quote.

use ratatui::text::{Line, Span};

use crate::model::announcement::Announcement;
use crate::model::dataset::Dataset;
use crate::model::money::{ViewCurrency, amount_text, format_exact, format_money, value_of};
use crate::model::text::sanitize;
use crate::ui::app::App;
use crate::ui::theme::Theme;

fn field<'a>(name: &str, value: impl Into<Span<'a>>, theme: Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name:<11}"), theme.header()),
        value.into(),
    ])
}

fn short(ds: &Dataset, a: &Announcement, app: &App) -> String {
    amount_text(a, app.currency(), app.basis(), &ds.rates).unwrap_or_else(|| "no amount".into())
}

pub fn detail_lines(app: &App, ds: &Dataset, i: usize, theme: Theme) -> Vec<Line<'static>> {
    let a = &ds.announcements[i];
    let c = ds.company_of(a);
    let mut out = vec![Line::styled(sanitize(&a.title), theme.title())];
    let who = format!(
        "{} · {} · {} · {}",
        sanitize(&c.display_name()),
        a.date,
        a.kind,
        sanitize(&a.id)
    );
    out.push(Line::styled(who, theme.dim()));
    if app.derived.superseded[i] {
        out.push(Line::styled(
            "Superseded: a later figure revises this one; it is not in totals.",
            theme.warning(),
        ));
    }
    match a.amount {
        None => out.push(field(
            "Amount",
            Span::styled("no figure announced", theme.dim()),
            theme,
        )),
        Some(m) => {
            let q = a
                .qualifier
                .map(|q| format!(" ({})", q.as_str().replace('-', " ")))
                .unwrap_or_default();
            let announced = format!(
                "{} = {}{q}",
                format_money(m.min as f64, m.max as f64, m.currency, a.qualifier),
                format_exact(m.min, m.max, m.currency)
            );
            out.push(field(
                "Announced",
                Span::styled(announced, theme.amount()),
                theme,
            ));
            let view = match app.currency() {
                ViewCurrency::Native => None,
                c => Some(c),
            };
            if let Some(view) = view {
                let text = match value_of(a, view, app.basis(), &ds.rates).flatten() {
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
                out.push(field("Converted", text, theme));
            }
            if let Some(usd) = a.source_usd {
                out.push(field(
                    "Source USD",
                    format!(
                        "{} as printed by the source",
                        format_money(
                            usd as f64,
                            usd as f64,
                            crate::model::codes::Currency::USD,
                            None
                        )
                    ),
                    theme,
                ));
            }
        }
    }
    let period = if a.period.from == a.period.to {
        a.period.from.to_string()
    } else {
        format!("{}–{}", a.period.from, a.period.to)
    };
    out.push(field("Period", period, theme));
    if !a.countries.is_empty() {
        let names: Vec<String> = a
            .countries
            .iter()
            .map(|c| format!("{} ({c})", ds.countries.name(*c)))
            .collect();
        out.push(field("Countries", names.join(", "), theme));
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
        out.push(field("Site", t, theme));
    }
    let chain = ds.revision_chain(i);
    if chain.len() > 1 {
        out.push(Line::styled("Revision chain", theme.header()));
        for j in chain {
            let b = &ds.announcements[j];
            let mut t = format!(
                "  {} {} — {}",
                b.date,
                sanitize(&b.title),
                short(ds, b, app)
            );
            if app.derived.superseded[j] {
                t.push_str(" (superseded)");
            }
            if j == i {
                t.push_str("  ◀ this");
            }
            out.push(Line::raw(t));
        }
    }
    if let Some(p) = a.part_of.as_deref().and_then(|id| ds.find(id)) {
        let b = &ds.announcements[p];
        out.push(field(
            "Part of",
            format!(
                "{} — {} (counted there, not here)",
                sanitize(&b.title),
                short(ds, b, app)
            ),
            theme,
        ));
    }
    out.push(field("Source", sanitize(&a.source.publisher), theme));
    out.push(field("URL", sanitize(&a.source.url), theme));
    if let Some(q) = &a.source.quote {
        out.push(field(
            "Quote",
            Span::styled(format!("“{}”", sanitize(q)), theme.accent()),
            theme,
        ));
    }
    if let Some(s) = &a.summary {
        out.push(field("Summary", sanitize(s), theme));
    }
    if !a.tags.is_empty() {
        out.push(field("Tags", sanitize(&a.tags.join(", ")), theme));
    }
    out
}
