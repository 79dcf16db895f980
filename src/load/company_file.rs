//! One company file: TOML text -> a company and its announcements, with a diagnostic for each
//! problem found inside the file. Checks that need other files live in `validate`.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Severity, SourceText};
use super::fields::{Reader, Span, is_kebab};
use crate::geo::Countries;
use crate::model::announcement::*;
use crate::model::codes::{CountryCode, Currency};

/// Where the parts of a record that other records refer to were written.
#[derive(Debug, Clone)]
pub struct RecordRefs {
    pub id: Origin,
    pub revises: Option<Origin>,
    pub part_of: Option<Origin>,
}

#[derive(Debug)]
pub struct ParsedFile {
    pub company: Company,
    /// Announcements with `company` still 0: the caller assigns the index.
    pub announcements: Vec<(Announcement, RecordRefs)>,
    /// Ids of records skipped for their own errors, to explain references to them.
    pub skipped: Vec<String>,
}

const COMPANY_KEYS: &[&str] = &["id", "name", "local_name", "hq", "tickers", "kind"];
const ANNOUNCEMENT_KEYS: &[&str] = &[
    "id",
    "date",
    "title",
    "kind",
    "amount",
    "currency",
    "period",
    "countries",
    "revises",
    "part_of",
    "qualifier",
    "source_usd",
    "summary",
    "tags",
    "date_precision",
    "sources",
    "source",
    "sites",
];
const SOURCE_KEYS: &[&str] = &["url", "publisher", "published", "quote"];
const SITE_KEYS: &[&str] = &["country", "city", "status", "opens", "lat", "lon"];
use crate::model::announcement::MAX_PERIOD_YEARS;

/// Parses one company file. `stem` is the file name without `.toml`. Returns `None` when the
/// file as a whole cannot be used (syntax error, bad company table); bad records are skipped.
pub fn parse_company_file(
    path: &str,
    stem: &str,
    text: &str,
    countries: &Countries,
) -> (Option<ParsedFile>, Vec<Diagnostic>) {
    let src = SourceText::new(path, text);
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let msg = if super::is_nesting_error(e.message()) {
                format!(
                    "arrays, inline tables or dotted keys are nested more than {} deep; file skipped",
                    super::MAX_NESTING
                )
            } else {
                format!("TOML syntax: {}", e.message().trim())
            };
            return (None, vec![src.diagnostic(at, Severity::Error, msg)]);
        }
    };
    let mut r = Reader::new(&src);
    let parsed = read_file(&mut r, root.get_ref(), stem, countries);
    (parsed, r.diagnostics)
}

fn origin(r: &Reader, span: &Span) -> Origin {
    let (line, col) = r.src.position(span.start);
    Origin {
        path: r.path.clone(),
        line,
        col,
    }
}

fn read_file(
    r: &mut Reader,
    root: &DeTable,
    stem: &str,
    countries: &Countries,
) -> Option<ParsedFile> {
    let top = 0..0;
    r.unknown_keys(root, &["company", "announcement"], "the file");
    // A bad company table (or a stem mismatch) makes the file unusable, but the records are
    // still checked, so that one run reports every error (SPEC §2).
    let before = r.error_count();
    let company = r
        .required(root, "company", &top, "the file")
        .and_then(|v| Some((v.span(), r.table(v, "company")?)))
        .and_then(|(span, table)| read_company(r, table, &span, stem, countries));
    let company_ok = r.error_count() == before;
    let mut announcements = Vec::new();
    let mut skipped = Vec::new();
    if let Some(v) = root.get("announcement")
        && let Some(items) = r.array(v, "announcement")
    {
        for item in items {
            let before = r.error_count();
            let a = read_announcement(r, item, countries);
            match a {
                Some(a) if r.error_count() == before => announcements.push(a),
                _ => {
                    let id = item.get_ref().get("id").and_then(|v| v.get_ref().as_str());
                    skipped.extend(id.map(String::from));
                }
            }
        }
    }
    Some(ParsedFile {
        company: company.filter(|_| company_ok)?,
        announcements,
        skipped,
    })
}

fn read_company(
    r: &mut Reader,
    t: &DeTable,
    at: &Span,
    stem: &str,
    countries: &Countries,
) -> Option<Company> {
    const WHAT: &str = "[company]";
    r.unknown_keys(t, COMPANY_KEYS, WHAT);
    let id = r.req_string(t, "id", at, WHAT);
    if let (Some(id), Some(v)) = (&id, t.get("id")) {
        if !is_kebab(id) {
            r.error(
                &v.span(),
                format!("company id `{id}` must be kebab-case (a-z, 0-9, -)"),
            );
        } else if id != stem {
            r.error(
                &v.span(),
                format!("company id `{id}` differs from the file name `{stem}.toml`"),
            );
        }
    }
    let name = r.req_string(t, "name", at, WHAT);
    let local_name = r.opt_string(t, "local_name");
    let hq = r
        .required(t, "hq", at, WHAT)
        .and_then(|v| country(r, v, "hq", countries));
    let tickers = r
        .strings(t, "tickers")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let kind = t.get("kind").and_then(|v| {
        let s = r.string(v, "kind")?;
        let k = CompanyKind::parse(&s);
        if k.is_none() {
            r.error(
                &v.span(),
                format!(
                    "unknown company kind `{s}` (expected {})",
                    CompanyKind::choices()
                ),
            );
        }
        k
    });
    let origin = origin(r, at);
    Some(Company {
        id: id?,
        name: one_line(r, t, "name", name?)?,
        local_name,
        hq: hq?,
        tickers,
        kind,
        origin,
    })
}

fn country(
    r: &mut Reader,
    v: &Spanned<DeValue>,
    key: &str,
    countries: &Countries,
) -> Option<CountryCode> {
    let s = r.string(v, key)?;
    match CountryCode::parse(&s).filter(|c| countries.contains(*c)) {
        Some(c) => Some(c),
        None => {
            r.error(
                &v.span(),
                format!("`{s}` in `{key}` is not an ISO 3166-1 alpha-2 country code"),
            );
            None
        }
    }
}

fn one_line(r: &mut Reader, t: &DeTable, key: &str, s: String) -> Option<String> {
    if s.contains(['\n', '\r']) {
        if let Some(v) = t.get(key) {
            r.error(&v.span(), format!("`{key}` must be one line"));
        }
        return None;
    }
    if s.trim().is_empty() {
        if let Some(v) = t.get(key) {
            r.error(&v.span(), format!("`{key}` must not be empty"));
        }
        return None;
    }
    Some(s)
}

fn parse_enum<T>(
    r: &mut Reader,
    t: &DeTable,
    key: &str,
    parse: fn(&str) -> Option<T>,
    choices: String,
) -> Option<T> {
    let v = t.get(key)?;
    let s = r.string(v, key)?;
    let k = parse(&s);
    if k.is_none() {
        r.error(
            &v.span(),
            format!("unknown {key} `{s}` (expected {choices})"),
        );
    }
    k
}

/// An amount: an integer, or `{ min = .., max = .. }`. Each bound is >= 0, min <= max.
fn amount(r: &mut Reader, v: &Spanned<DeValue>) -> Option<(i64, i64)> {
    let non_negative = |r: &mut Reader, v: &Spanned<DeValue>, key: &str| {
        let n = r.integer(v, key)?;
        if n < 0 {
            r.error(
                &v.span(),
                format!("`{key}` must not be negative (found {n})"),
            );
            return None;
        }
        Some(n)
    };
    match v.get_ref() {
        DeValue::Table(t) => {
            r.unknown_keys(t, &["min", "max"], "`amount`");
            let span = v.span();
            let min = r
                .required(t, "min", &span, "`amount`")
                .and_then(|m| non_negative(r, m, "amount.min"));
            let max = r
                .required(t, "max", &span, "`amount`")
                .and_then(|m| non_negative(r, m, "amount.max"));
            let (min, max) = (min?, max?);
            if min > max {
                r.error(
                    &span,
                    format!("`amount.min` ({min}) is greater than `amount.max` ({max})"),
                );
                return None;
            }
            Some((min, max))
        }
        _ => non_negative(r, v, "amount").map(|n| (n, n)),
    }
}

fn period(r: &mut Reader, v: &Spanned<DeValue>) -> Option<Period> {
    let t = r.table(v, "period")?;
    let span = v.span();
    r.unknown_keys(t, &["from", "to"], "`period`");
    let mut year = |key: &str| {
        let y = r
            .required(t, key, &span, "`period`")
            .and_then(|y| r.integer(y, key))?;
        match i32::try_from(y) {
            Ok(y) if (1..=9999).contains(&y) => Some(y),
            _ => {
                r.error(
                    &span,
                    format!("`period.{key}` must be a year from 1 to 9999"),
                );
                None
            }
        }
    };
    let (from, to) = (year("from"), year("to"));
    let (from, to) = (from?, to?);
    if from > to {
        r.error(
            &span,
            format!("`period.from` ({from}) is after `period.to` ({to})"),
        );
        return None;
    }
    if to - from + 1 > MAX_PERIOD_YEARS {
        r.error(
            &span,
            format!("`period` spans more than {MAX_PERIOD_YEARS} years"),
        );
        return None;
    }
    Some(Period { from, to })
}

fn read_announcement(
    r: &mut Reader,
    item: &Spanned<DeValue>,
    countries: &Countries,
) -> Option<(Announcement, RecordRefs)> {
    const WHAT: &str = "[[announcement]]";
    let t = r.table(item, "announcement")?;
    let at = item.span();
    r.unknown_keys(t, ANNOUNCEMENT_KEYS, WHAT);
    let id = r.req_string(t, "id", &at, WHAT);
    if let (Some(id), Some(v)) = (&id, t.get("id"))
        && (id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        r.error(
            &v.span(),
            "announcement id must be non-empty, without spaces",
        );
    }
    let date = r
        .required(t, "date", &at, WHAT)
        .and_then(|v| r.date(v, "date"));
    let title = r
        .req_string(t, "title", &at, WHAT)
        .and_then(|s| one_line(r, t, "title", s));
    if t.get("kind").is_none() {
        r.error(&at, format!("missing required key `kind` in {WHAT}"));
    }
    let kind = parse_enum(r, t, "kind", Kind::parse, Kind::choices());
    let range = t.get("amount").and_then(|v| amount(r, v));
    let currency = t.get("currency").and_then(|v| {
        let s = r.string(v, "currency")?;
        let c = Currency::parse_iso(&s);
        if c.is_none() {
            r.error(&v.span(), format!("`{s}` is not an ISO 4217 currency code"));
        }
        c
    });
    let amount = match (t.get("amount"), t.get("currency"), range, currency) {
        (Some(v), None, _, _) => {
            r.error(&v.span(), "`amount` needs a `currency`");
            None
        }
        (_, _, Some((min, max)), Some(currency)) => Some(Money { min, max, currency }),
        _ => None,
    };
    let period = t.get("period").and_then(|v| period(r, v));
    let countries_list: Vec<CountryCode> = match t.get("countries") {
        None => Vec::new(),
        Some(v) => r
            .array(v, "countries")
            .unwrap_or(&[])
            .iter()
            .filter_map(|c| country(r, c, "countries", countries))
            .collect(),
    };
    let reference = |r: &mut Reader, key: &str| {
        let v = t.get(key)?;
        let s = r.string(v, key)?;
        Some((s, origin(r, &v.span())))
    };
    let revises = reference(r, "revises");
    let part_of = reference(r, "part_of");
    let qualifier = parse_enum(r, t, "qualifier", Qualifier::parse, Qualifier::choices());
    let source_usd = t.get("source_usd").and_then(|v| {
        let n = r.integer(v, "source_usd")?;
        if n < 0 {
            r.error(&v.span(), "`source_usd` must not be negative");
        }
        Some(n)
    });
    let summary = r.opt_string(t, "summary");
    let tags = r.strings(t, "tags").into_iter().map(|(s, _)| s).collect();
    let date_precision = parse_enum(
        r,
        t,
        "date_precision",
        DatePrecision::parse,
        DatePrecision::choices(),
    );
    let sources = read_sources(r, t, &at, amount.is_some());
    let sites = match t.get("sites") {
        None => Vec::new(),
        Some(v) => r
            .array(v, "sites")
            .unwrap_or(&[])
            .iter()
            .filter_map(|s| read_site(r, s, countries))
            .collect(),
    };
    let date = date?;
    let id_origin = t.get("id").map(|v| origin(r, &v.span()))?;
    let a = Announcement {
        id: id?,
        company: 0,
        date,
        title: title?,
        kind: kind?,
        amount,
        period: period.unwrap_or(Period {
            from: chrono::Datelike::year(&date),
            to: chrono::Datelike::year(&date),
        }),
        countries: countries_list,
        revises: revises.as_ref().map(|(s, _)| s.clone()),
        part_of: part_of.as_ref().map(|(s, _)| s.clone()),
        qualifier,
        source_usd,
        summary,
        tags,
        date_precision: date_precision.unwrap_or(DatePrecision::Day),
        sources: sources?,
        sites,
        origin: origin(r, &at),
    };
    let refs = RecordRefs {
        id: id_origin,
        revises: revises.map(|(_, o)| o),
        part_of: part_of.map(|(_, o)| o),
    };
    Some((a, refs))
}

/// `[[announcement.sources]]` (one or more), or the older single `[announcement.source]`.
fn read_sources(r: &mut Reader, t: &DeTable, at: &Span, has_amount: bool) -> Option<Vec<Source>> {
    match (t.get("sources"), t.get("source")) {
        (Some(_), Some(old)) => {
            r.error(
                &old.span(),
                "give `[[announcement.sources]]` or `[announcement.source]`, not both",
            );
            None
        }
        (None, None) => {
            r.error(
                at,
                "missing required key `sources` in [[announcement]]: cite at least one source",
            );
            None
        }
        (None, Some(v)) => read_source(r, v, "source", has_amount).map(|s| vec![s]),
        (Some(v), None) => {
            let items = r.array(v, "sources")?;
            if items.is_empty() {
                r.error(&v.span(), "`sources` is empty: cite at least one source");
                return None;
            }
            let read: Vec<Option<Source>> = items
                .iter()
                .enumerate()
                // Only the main citation must quote the figure.
                .map(|(i, s)| read_source(r, s, "sources", has_amount && i == 0))
                .collect();
            read.into_iter().collect()
        }
    }
}

fn read_source(
    r: &mut Reader,
    v: &Spanned<DeValue>,
    key: &str,
    has_amount: bool,
) -> Option<Source> {
    const WHAT: &str = "a source";
    let t = r.table(v, key)?;
    let at = v.span();
    r.unknown_keys(t, SOURCE_KEYS, WHAT);
    let url = r.req_string(t, "url", &at, WHAT);
    if let (Some(u), Some(uv)) = (&url, t.get("url"))
        && !(u.starts_with("https://") || u.starts_with("http://"))
    {
        r.error(
            &uv.span(),
            format!("`url` must start with https:// or http:// (found `{u}`)"),
        );
    }
    let publisher = r.req_string(t, "publisher", &at, WHAT);
    let published = t.get("published").and_then(|v| r.date(v, "published"));
    let quote = r.opt_string(t, "quote");
    if has_amount && quote.is_none() {
        r.warning(
            &at,
            "the source has no `quote`: cite the sentence that states the figure",
        );
    }
    Some(Source {
        url: url?,
        publisher: publisher?,
        published,
        quote,
        // Set from the tiers table once every file is read.
        tier: Tier::Unrated,
    })
}

fn read_site(r: &mut Reader, v: &Spanned<DeValue>, countries: &Countries) -> Option<Site> {
    const WHAT: &str = "[[announcement.sites]]";
    let t = r.table(v, "sites")?;
    let at = v.span();
    r.unknown_keys(t, SITE_KEYS, WHAT);
    let country = r
        .required(t, "country", &at, WHAT)
        .and_then(|c| country(r, c, "country", countries));
    let city = r.opt_string(t, "city");
    let status = parse_enum(r, t, "status", SiteStatus::parse, SiteStatus::choices());
    let opens = t.get("opens").and_then(|v| {
        let y = r.integer(v, "opens")?;
        let y = i32::try_from(y).ok().filter(|y| (1..=9999).contains(y));
        if y.is_none() {
            r.error(&v.span(), "`opens` must be a year from 1 to 9999");
        }
        y
    });
    let mut coordinate = |key: &str, limit: f64| {
        let v = t.get(key)?;
        let x = r.number(v, key)?;
        if x.abs() > limit {
            r.error(
                &v.span(),
                format!("`{key}` must be between -{limit} and {limit}"),
            );
            return None;
        }
        Some(x)
    };
    let lat = coordinate("lat", 90.0);
    let lon = coordinate("lon", 180.0);
    if t.get("lat").is_some() != t.get("lon").is_some() {
        r.error(&at, "give both `lat` and `lon`, or neither");
    }
    Some(Site {
        country: country?,
        city,
        status,
        opens,
        position: lat.zip(lon),
    })
}
