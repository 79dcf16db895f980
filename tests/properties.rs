//! Properties of the model over generated data: conversion round trips and cross rates,
//! totals that are the sum of their groups, filters that only ever narrow, revision chains
//! that count once, spreading over spend years that keeps the total, and text that is always
//! made safe. Datasets are built through the public model types, with the bundled tables.

use std::sync::OnceLock;

use aiinvest::fx::RateTable;
use aiinvest::geo::Countries;
use aiinvest::load::{BUNDLED_COUNTRIES, BUNDLED_ECB, BUNDLED_PEGS};
use aiinvest::model::announcement::{
    Announcement, Company, DatePrecision, Kind, Money, Origin, Period, Site, Source, Tier,
};
use aiinvest::model::codes::{CountryCode, Currency};
use aiinvest::model::dataset::Dataset;
use aiinvest::model::money::{RateBasis, Valuation, ViewCurrency, format_exact, value_of};
use aiinvest::model::query::{Filter, Grouping, summarize};
use aiinvest::model::text::{is_unsafe, sanitize};
use aiinvest::model::timeline::{Granularity, TimeAxis, timeline};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

fn tables() -> &'static (Countries, RateTable) {
    static T: OnceLock<(Countries, RateTable)> = OnceLock::new();
    T.get_or_init(|| {
        let c = Countries::from_toml(BUNDLED_COUNTRIES).unwrap();
        let r = RateTable::from_ecb_csv(BUNDLED_ECB)
            .unwrap()
            .with_pegs_toml(BUNDLED_PEGS)
            .unwrap();
        (c, r)
    })
}

/// Currencies with an ECB rate or a peg throughout 2009-2026, and TWD, which has none.
const CURRENCIES: &[&str] = &[
    "USD", "EUR", "CNY", "JPY", "GBP", "CHF", "KRW", "INR", "BRL", "AED", "SAR", "TWD",
];
const CONVERTIBLE: &[&str] = &[
    "USD", "EUR", "CNY", "JPY", "GBP", "CHF", "KRW", "INR", "BRL", "AED", "SAR",
];
const COUNTRIES: &[&str] = &["US", "CN", "FR", "DE", "JP", "BR", "AE", "IN"];
const COMPANIES: &[&str] = &["acme", "dragon", "gulf"];

fn cur(s: &str) -> Currency {
    Currency::parse(s).unwrap()
}

fn cc(s: &str) -> CountryCode {
    CountryCode::parse(s).unwrap()
}

fn origin() -> Origin {
    Origin {
        path: "generated".into(),
        line: 1,
        col: 1,
    }
}

fn companies() -> Vec<Company> {
    COMPANIES
        .iter()
        .map(|id| Company {
            id: id.to_string(),
            name: format!("{id} corp"),
            local_name: None,
            hq: cc("US"),
            tickers: vec![],
            kind: None,
            origin: origin(),
        })
        .collect()
}

fn dataset(announcements: Vec<Announcement>) -> Dataset {
    let (c, r) = tables();
    Dataset::new(companies(), announcements, c.clone(), r.clone())
}

fn day_strategy() -> impl Strategy<Value = NaiveDate> {
    // 2009-01-01 .. 2026-10-30: every convertible currency has a rate every day there (the
    // ECB quotes INR from 2009).
    let first = NaiveDate::from_ymd_opt(2009, 1, 1).unwrap();
    (0i64..6512).prop_map(move |d| first + chrono::Duration::days(d))
}

/// One record's free parts; ids, order and references are filled in by `records`.
#[derive(Debug, Clone)]
struct Draft {
    company: usize,
    date: NaiveDate,
    kind: Kind,
    amount: Option<(i64, i64, Currency)>,
    years: i32,
    countries: Vec<CountryCode>,
    sites: Vec<CountryCode>,
    /// Revise or be part of an earlier record (by position among those before).
    revises: Option<usize>,
    part_of: Option<usize>,
    words: Vec<&'static str>,
}

const WORDS: &[&str] = &["cloud", "chips", "Paulo", "data", "AI", "grid", "北京"];

fn draft_strategy(currencies: &'static [&'static str]) -> impl Strategy<Value = Draft> {
    (
        0..COMPANIES.len(),
        day_strategy(),
        0..Kind::ALL.len(),
        proptest::option::weighted(
            0.8,
            (
                0i64..2_000_000_000_000,
                0i64..500_000_000_000,
                0..currencies.len(),
            ),
        ),
        1i32..6,
        proptest::collection::vec(0..COUNTRIES.len(), 0..3),
        proptest::collection::vec(0..COUNTRIES.len(), 0..2),
        proptest::option::weighted(0.3, any::<usize>()),
        proptest::option::weighted(0.15, any::<usize>()),
        proptest::collection::vec(0..WORDS.len(), 0..3),
    )
        .prop_map(
            move |(company, date, kind, amount, years, countries, sites, rev, part, words)| {
                let mut countries: Vec<CountryCode> =
                    countries.into_iter().map(|i| cc(COUNTRIES[i])).collect();
                countries.sort();
                countries.dedup();
                Draft {
                    company,
                    date,
                    kind: Kind::ALL[kind],
                    amount: amount.map(|(min, extra, c)| (min, min + extra, cur(currencies[c]))),
                    years,
                    countries,
                    sites: sites.into_iter().map(|i| cc(COUNTRIES[i])).collect(),
                    revises: rev,
                    part_of: part,
                    words: words.into_iter().map(|i| WORDS[i]).collect(),
                }
            },
        )
}

/// Valid records: sorted by date, references only to earlier ones (so no cycles, and a
/// revised record is never dated after its reviser), each record revised at most once.
fn records(mut drafts: Vec<Draft>) -> Vec<Announcement> {
    drafts.sort_by_key(|d| d.date);
    let mut revised = vec![false; drafts.len()];
    let mut out: Vec<Announcement> = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let revises = d.revises.filter(|_| i > 0).map(|r| r % i);
        // Keep chains linear: a record already revised is not revised again.
        let revises = revises.filter(|&r| !std::mem::replace(&mut revised[r], true));
        let part_of = d.part_of.filter(|_| i > 0).map(|p| p % i);
        let year = d.date.year();
        out.push(Announcement {
            id: format!("r{i:03}"),
            company: d.company,
            date: d.date,
            title: format!("record {i} {}", d.words.join(" ")),
            kind: d.kind,
            amount: d
                .amount
                .map(|(min, max, currency)| Money { min, max, currency }),
            period: Period {
                from: year,
                to: year + d.years - 1,
            },
            countries: d.countries.clone(),
            revises: revises.map(|r| format!("r{r:03}")),
            part_of: part_of.map(|p| format!("r{p:03}")),
            qualifier: None,
            source_usd: None,
            summary: None,
            tags: d.words.iter().map(|w| w.to_string()).collect(),
            date_precision: DatePrecision::Day,
            sources: vec![Source {
                url: "https://example.com".into(),
                publisher: "Example".into(),
                published: None,
                quote: None,
                tier: Tier::Unrated,
            }],
            sites: d
                .sites
                .iter()
                .map(|c| Site {
                    country: *c,
                    city: Some("São Paulo".into()),
                    status: None,
                    opens: None,
                    position: None,
                })
                .collect(),
            origin: origin(),
        });
    }
    out
}

fn dataset_strategy() -> impl Strategy<Value = Dataset> {
    proptest::collection::vec(draft_strategy(CURRENCIES), 0..40).prop_map(|d| dataset(records(d)))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

const VIEWS: [ViewCurrency; 4] = [
    ViewCurrency::Native,
    ViewCurrency::Code(Currency::USD),
    ViewCurrency::Code(Currency::CNY),
    ViewCurrency::Code(Currency::EUR),
];

fn basis_strategy() -> impl Strategy<Value = RateBasis> {
    prop_oneof![
        Just(RateBasis::Announcement),
        Just(RateBasis::Latest),
        day_strategy().prop_map(RateBasis::Fixed),
    ]
}

fn filter_strategy() -> impl Strategy<Value = Filter> {
    (
        proptest::collection::vec(0..COMPANIES.len() + 1, 0..2),
        proptest::collection::vec(0..COUNTRIES.len(), 0..2),
        proptest::collection::vec(
            prop_oneof![Just("Asia"), Just("europe"), Just("Northern America")],
            0..2,
        ),
        proptest::collection::vec(0..Kind::ALL.len(), 0..2),
        proptest::option::of(day_strategy()),
        proptest::option::of(day_strategy()),
        prop_oneof![
            Just(""),
            Just("cloud"),
            Just("CHIPS"),
            Just("paulo"),
            Just("corp"),
            Just("北"),
            Just("r0")
        ],
    )
        .prop_map(|(co, cn, re, ki, since, until, search)| Filter {
            companies: co
                .into_iter()
                .map(|i| COMPANIES.get(i).unwrap_or(&"nobody").to_string())
                .collect(),
            countries: cn.into_iter().map(|i| cc(COUNTRIES[i])).collect(),
            regions: re.into_iter().map(String::from).collect(),
            kinds: ki.into_iter().map(|i| Kind::ALL[i]).collect(),
            families: Vec::new(),
            since,
            until,
            search: search.to_string(),
        })
}

fn is_subset(small: &[usize], big: &[usize]) -> bool {
    small.iter().all(|i| big.contains(i))
}

proptest! {
    // Modest case counts keep this file well under a second in a debug build; failures are
    // reported with their shrunk input rather than written into the source tree.
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A -> B -> A is the identity, and going through B gives the same as A -> C directly.
    #[test]
    fn conversion_round_trips_and_cross_rates(
        a in 0..CONVERTIBLE.len(),
        b in 0..CONVERTIBLE.len(),
        c in 0..CONVERTIBLE.len(),
        day in day_strategy(),
        amount in 0i64..1_000_000_000_000_000,
    ) {
        let (_, rates) = tables();
        let (a, b, c) = (cur(CONVERTIBLE[a]), cur(CONVERTIBLE[b]), cur(CONVERTIBLE[c]));
        let ab = rates.factor(a, b, day).unwrap().factor;
        let ba = rates.factor(b, a, day).unwrap().factor;
        let x = amount as f64;
        prop_assert!(close(x * ab * ba, x), "{a}->{b}->{a}: {}", x * ab * ba);
        let ac = rates.factor(a, c, day).unwrap().factor;
        let bc = rates.factor(b, c, day).unwrap().factor;
        prop_assert!(close(x * ac, x * ab * bc), "{a}->{c} vs via {b}");
        // The same day's rates on both legs.
        prop_assert_eq!(rates.factor(a, b, day).unwrap().date.is_some(), a != b);
    }

    /// A conversion exists both ways or neither, and an unconvertible record is never zero.
    #[test]
    fn missing_rates_are_symmetric_and_never_zero(
        a in 0..CURRENCIES.len(),
        b in 0..CURRENCIES.len(),
        // Reaching back before the series (1999) and before CNY (2005).
        days_back in 0i64..12_000,
    ) {
        let (_, rates) = tables();
        let day = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap() - chrono::Duration::days(days_back);
        let (a, b) = (cur(CURRENCIES[a]), cur(CURRENCIES[b]));
        let ab = rates.factor(a, b, day);
        let ba = rates.factor(b, a, day);
        prop_assert_eq!(ab.is_some(), ba.is_some());
        if let Some(f) = ab {
            prop_assert!(f.factor.is_finite() && f.factor > 0.0);
        }
    }

    /// For every grouping, currency and rate basis the total is the sum of the groups; counts
    /// add up too, except spend years, where a record counts in each year of its period.
    #[test]
    fn totals_are_the_sum_of_their_groups(ds in dataset_strategy(), basis in basis_strategy()) {
        let rows: Vec<usize> = (0..ds.announcements.len()).collect();
        let superseded = ds.superseded(None);
        for view in VIEWS {
            for g in Grouping::ALL {
                let s = summarize(&ds, &rows, &superseded, g, &Valuation::new(&ds, view, basis));
                let min: f64 = s.groups.iter().map(|x| x.totals.min).sum();
                let max: f64 = s.groups.iter().map(|x| x.totals.max).sum();
                prop_assert!(close(min, s.total.min), "{:?} {view}: {min} vs {}", g, s.total.min);
                prop_assert!(close(max, s.total.max), "{:?} {view}: {max} vs {}", g, s.total.max);
                let count: usize = s.groups.iter().map(|x| x.totals.count).sum();
                let with_amount: usize = s.groups.iter().map(|x| x.totals.with_amount).sum();
                let unconverted: usize = s.groups.iter().map(|x| x.totals.unconverted).sum();
                if g == Grouping::SpendYear {
                    let years: usize = rows
                        .iter()
                        .filter(|&&i| !superseded[i])
                        .map(|&i| ds.announcements[i].period.years() as usize)
                        .sum();
                    prop_assert_eq!(count, years);
                } else {
                    prop_assert_eq!(count, s.total.count, "{:?}", g);
                    prop_assert_eq!(with_amount, s.total.with_amount, "{:?}", g);
                    prop_assert_eq!(unconverted, s.total.unconverted, "{:?}", g);
                }
                prop_assert_eq!(
                    s.total.count,
                    superseded.iter().filter(|s| !**s).count()
                );
            }
        }
    }

    /// Spreading over spend years keeps the total: the spend-year timeline and summary add up
    /// to the same money as the announced-date timeline and the plain total.
    #[test]
    fn spreading_over_spend_years_keeps_the_total(ds in dataset_strategy(), basis in basis_strategy()) {
        let rows: Vec<usize> = (0..ds.announcements.len()).collect();
        let sup = ds.superseded(None);
        let view = ViewCurrency::Code(Currency::USD);
        let total = summarize(&ds, &rows, &sup, Grouping::Kind, &Valuation::new(&ds, view, basis)).total;
        let spread = summarize(&ds, &rows, &sup, Grouping::SpendYear, &Valuation::new(&ds, view, basis));
        let spread_max: f64 = spread.groups.iter().map(|g| g.totals.max).sum();
        prop_assert!(close(spread_max, total.max));
        for (g, axis) in [
            (Granularity::Quarter, TimeAxis::Announced),
            (Granularity::Year, TimeAxis::Announced),
            (Granularity::Year, TimeAxis::SpendYears),
            (Granularity::Quarter, TimeAxis::SpendYears),
        ] {
            let t = timeline(&ds, &rows, &sup, &Valuation::new(&ds, view, basis), g, axis);
            let min: f64 = t.iter().map(|b| b.totals.min).sum();
            let max: f64 = t.iter().map(|b| b.totals.max).sum();
            prop_assert!(close(min, total.min), "{:?} {:?}", g, axis);
            prop_assert!(close(max, total.max), "{:?} {:?}", g, axis);
            if let Some(last) = t.last() {
                prop_assert!(close(last.cumulative_max, total.max));
            }
            // Each spend year holds exactly the records whose period includes it.
            if axis == TimeAxis::SpendYears {
                for b in &t {
                    let y: i32 = b.label.parse().unwrap();
                    let n = rows
                        .iter()
                        .filter(|&&i| !sup[i] && ds.announcements[i].period.contains(y))
                        .count();
                    prop_assert_eq!(b.totals.count, n, "year {}", y);
                }
            }
        }
    }

    /// Filters only narrow: adding any condition to a filter gives a subset of its rows, and
    /// every row of a filter matches each of its conditions on its own.
    #[test]
    fn filters_never_add_rows(ds in dataset_strategy(), f in filter_strategy(), extra in filter_strategy()) {
        let rows = f.apply(&ds);
        prop_assert!(rows.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(is_subset(&rows, &Filter::default().apply(&ds)));
        let narrower = [
            Filter { search: format!("{}{}", f.search, extra.search), ..f.clone() },
            Filter { kinds: if f.kinds.is_empty() { extra.kinds.clone() } else { f.kinds.clone() }, ..f.clone() },
            Filter { since: f.since.max(extra.since), ..f.clone() },
            Filter { until: match (f.until, extra.until) { (Some(a), Some(b)) => Some(a.min(b)), (a, b) => a.or(b) }, ..f.clone() },
            Filter { countries: if f.countries.is_empty() { extra.countries.clone() } else { f.countries.clone() }, ..f.clone() },
            Filter { regions: if f.regions.is_empty() { extra.regions.clone() } else { f.regions.clone() }, ..f.clone() },
            Filter { companies: if f.companies.is_empty() { extra.companies.clone() } else { f.companies.clone() }, ..f.clone() },
        ];
        for n in &narrower {
            prop_assert!(is_subset(&n.apply(&ds), &rows), "{:?} added rows to {:?}", n, f);
        }
        // Each condition alone keeps every row of the combined filter.
        let alone = [
            Filter { companies: f.companies.clone(), ..Filter::default() },
            Filter { countries: f.countries.clone(), ..Filter::default() },
            Filter { regions: f.regions.clone(), ..Filter::default() },
            Filter { kinds: f.kinds.clone(), ..Filter::default() },
            Filter { since: f.since, until: f.until, ..Filter::default() },
            Filter { search: f.search.clone(), ..Filter::default() },
        ];
        for a in &alone {
            prop_assert!(is_subset(&rows, &a.apply(&ds)));
        }
    }

    /// A revision chain counts once: of a chain of records each revising the one before, with
    /// and without amounts, only the last figure known by `until` is in the total, however
    /// many qualitative updates (no amount) sit between the figures.
    #[test]
    fn a_revision_chain_counts_exactly_once(
        chains in proptest::collection::vec(
            proptest::collection::vec(proptest::option::weighted(0.6, 1i64..1_000_000_000), 1..7),
            1..5,
        ),
        until_index in proptest::option::of(0usize..40),
    ) {
        // Chain k's records are dated one day apart, chains interleaved, all in USD.
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let mut list = Vec::new();
        for (k, chain) in chains.iter().enumerate() {
            for (j, amount) in chain.iter().enumerate() {
                let date = start + chrono::Duration::days((j * 10 + k) as i64);
                list.push(Announcement {
                    id: format!("c{k}-{j}"),
                    company: k % COMPANIES.len(),
                    date,
                    title: format!("chain {k} step {j}"),
                    kind: Kind::CapexPlan,
                    amount: amount.map(|a| Money { min: a, max: a, currency: Currency::USD }),
                    period: Period { from: 2024, to: 2024 },
                    countries: vec![],
                    revises: (j > 0).then(|| format!("c{k}-{}", j - 1)),
                    part_of: None,
                    qualifier: None,
                    source_usd: None,
                    summary: None,
                    tags: vec![],
                    date_precision: DatePrecision::Day, sources: vec![Source { url: "https://example.com".into(), publisher: "x".into(), published: None, quote: None, tier: Tier::Unrated, }],
                    sites: vec![],
                    origin: origin(),
                });
            }
        }
        let ds = dataset(list);
        let until = until_index.map(|d| start + chrono::Duration::days(d as i64));
        let f = Filter { until, ..Filter::default() };
        let rows = f.apply(&ds);
        let sup = ds.superseded(until);
        let s = summarize(&ds, &rows, &sup, Grouping::Company, &Valuation::new(&ds, ViewCurrency::Native, RateBasis::Announcement));
        let mut expect_money = 0i64;
        let mut expect_count = 0usize;
        let mut expect_with = 0usize;
        for (k, chain) in chains.iter().enumerate() {
            // The steps known by `until`.
            let known: Vec<&Option<i64>> = chain
                .iter()
                .enumerate()
                .filter(|(j, _)| until.is_none_or(|u| start + chrono::Duration::days((j * 10 + k) as i64) <= u))
                .map(|(_, a)| a)
                .collect();
            match known.iter().rposition(|a| a.is_some()) {
                Some(last) => {
                    expect_money += known[last].unwrap();
                    expect_with += 1;
                    // The last figure and the qualitative updates after it.
                    expect_count += known.len() - last;
                }
                // No figure yet: the updates all stay, none adds money.
                None => expect_count += known.len(),
            }
        }
        prop_assert_eq!(s.total.max, expect_money as f64);
        prop_assert_eq!(s.total.min, expect_money as f64);
        prop_assert_eq!(s.total.count, expect_count);
        prop_assert_eq!(s.total.with_amount, expect_with);
        // The chain shown for any member is the whole chain.
        for (k, chain) in chains.iter().enumerate() {
            let first = ds.find(&format!("c{k}-0")).unwrap();
            prop_assert_eq!(ds.revision_chain(first).len(), chain.len());
        }
    }

    /// Parts never add money: a dataset's total equals the total of the same records with
    /// every part removed.
    #[test]
    fn parts_add_no_money(ds in dataset_strategy()) {
        let rows: Vec<usize> = (0..ds.announcements.len()).collect();
        let sup = ds.superseded(None);
        let view = ViewCurrency::Code(Currency::EUR);
        let all = summarize(&ds, &rows, &sup, Grouping::Company, &Valuation::new(&ds, view, RateBasis::Latest)).total;
        let wholes: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&i| ds.announcements[i].part_of.is_none())
            .collect();
        let w = summarize(&ds, &wholes, &sup, Grouping::Company, &Valuation::new(&ds, view, RateBasis::Latest)).total;
        prop_assert!(close(all.max, w.max));
        prop_assert!(all.count >= w.count);
    }

    /// A converted value, converted back, is the announced amount.
    #[test]
    fn a_record_value_converts_back(
        amount in 0i64..i64::MAX,
        a in 0..CONVERTIBLE.len(),
        day in day_strategy(),
    ) {
        let (_, rates) = tables();
        let c = cur(CONVERTIBLE[a]);
        let rec = Announcement {
            id: "x".into(), company: 0, date: day, title: "x".into(), kind: Kind::Other,
            amount: Some(Money { min: amount, max: amount, currency: c }),
            period: Period { from: 2020, to: 2020 }, countries: vec![], revises: None,
            part_of: None, qualifier: None, source_usd: None, summary: None, tags: vec![],
            date_precision: DatePrecision::Day, sources: vec![Source { url: "https://x".into(), publisher: "x".into(), published: None, quote: None, tier: Tier::Unrated, }],
            sites: vec![], origin: origin(),
        };
        let usd = value_of(&rec, ViewCurrency::Code(Currency::USD), RateBasis::Announcement, rates)
            .unwrap()
            .unwrap();
        let back = usd.max * rates.factor(Currency::USD, c, day).unwrap().factor;
        prop_assert!(close(back, amount as f64), "{back} vs {amount}");
        let native = value_of(&rec, ViewCurrency::Native, RateBasis::Latest, rates).unwrap().unwrap();
        prop_assert_eq!(native.max, amount as f64);
    }

    /// Exact figures print every digit, up to i64::MAX.
    #[test]
    fn exact_figures_keep_every_digit(min in 0i64..=i64::MAX, extra in 0i64..=i64::MAX) {
        let max = min.saturating_add(extra);
        let s = format_exact(min, max, Currency::USD);
        let digits: String = s.chars().filter(|c| c.is_ascii_digit() || *c == '–').collect();
        if min == max {
            prop_assert_eq!(digits, min.to_string());
        } else {
            prop_assert_eq!(digits, format!("{min}–{max}"));
        }
    }

    /// Sanitised text has no unsafe character, keeps one character per character, and
    /// sanitising again changes nothing.
    #[test]
    fn sanitised_text_is_safe(s in any::<String>(), ctl in proptest::collection::vec(
        prop_oneof![Just('\u{1b}'), Just('\u{7}'), Just('\r'), Just('\u{202e}'), Just('\u{200b}'), Just('\u{9b}'), Just('\u{2066}')],
        0..4,
    )) {
        let mixed: String = s.chars().chain(ctl).collect();
        let out = sanitize(&mixed);
        prop_assert!(!out.chars().any(is_unsafe));
        prop_assert_eq!(out.chars().count(), mixed.chars().count());
        prop_assert_eq!(sanitize(&out), out.clone());
    }
}
