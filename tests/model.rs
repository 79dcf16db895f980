//! The meaning of every figure (SPEC §3) on a small hand-made fixture whose expected totals
//! were worked out from the ECB file by hand: ranges, revisions, parts, conversion, groupings.

use std::path::PathBuf;

use aiinvest::load::{Sources, load};
use aiinvest::model::codes::Currency;
use aiinvest::model::dataset::Dataset;
use aiinvest::model::money::{RateBasis, Valuation, ViewCurrency, value_of};
use aiinvest::model::query::{Filter, Grouping, Summary, summarize};

fn fixture() -> Dataset {
    let loaded = load(&Sources {
        data_dirs: vec![PathBuf::from("tests/fixtures/model")],
        bundled: false,
    })
    .unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.dataset
}

const USD: ViewCurrency = ViewCurrency::Code(Currency::USD);
/// 380 bn CNY at the ECB rates of 2025-02-24 (USD 1.0466, CNY 7.5879 per EUR).
const DRAGON_USD: f64 = 380e9 * 1.0466 / 7.5879;

fn by(ds: &Dataset, g: Grouping, filter: &Filter) -> Summary {
    let rows = filter.apply(ds);
    summarize(
        ds,
        &rows,
        &ds.superseded(filter.until),
        g,
        &Valuation::new(ds, USD, RateBasis::Announcement),
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1.0
}

#[test]
fn totals_count_a_revision_chain_once_and_never_a_part() {
    let ds = fixture();
    let s = by(&ds, Grouping::Company, &Filter::default());
    let t = &s.total;
    assert_eq!(t.count, 7, "all but the superseded plan");
    assert_eq!(t.with_amount, 4, "raise, dragon plan, TWD lab, gulf campus");
    assert_eq!(t.unconverted, 1, "TWD has no ECB rate");
    assert!(close(t.min, 120e9 + DRAGON_USD + 10e9), "{}", t.min);
    assert!(close(t.max, 130e9 + DRAGON_USD + 10e9), "{}", t.max);
    let acme = s.groups.iter().find(|g| g.key == "acme").unwrap();
    assert_eq!((acme.totals.count, acme.totals.with_amount), (3, 1));
    assert_eq!((acme.totals.min, acme.totals.max), (120e9, 130e9));
}

#[test]
fn until_shows_figures_as_known_then() {
    let ds = fixture();
    let end_2024 = Filter {
        until: Some("2024-12-31".parse().unwrap()),
        ..Filter::default()
    };
    let t = by(&ds, Grouping::Company, &end_2024).total;
    assert_eq!((t.count, t.min, t.max), (1, 100e9, 100e9));
    let sup = ds.superseded(None);
    let plan = ds.find("acme-2024-plan").unwrap();
    assert!(sup[plan]);
    assert!(!ds.superseded(end_2024.until)[plan]);
    // A qualitative update (no amount) does not supersede the figure it updates.
    assert!(!sup[ds.find("acme-2025-raise").unwrap()]);
    let chain: Vec<&str> = ds
        .revision_chain(plan)
        .iter()
        .map(|&i| ds.announcements[i].id.as_str())
        .collect();
    assert_eq!(
        chain,
        ["acme-2024-plan", "acme-2025-raise", "acme-2025-update"]
    );
}

#[test]
fn conversion_follows_the_worked_example_and_pegs() {
    let ds = fixture();
    let a = &ds.announcements[ds.find("dragon-2025-plan").unwrap()];
    let v = value_of(a, USD, RateBasis::Announcement, &ds.rates)
        .unwrap()
        .unwrap();
    assert!(
        (v.max / 1e9 - 52.4).abs() < 0.05,
        "about 52.4 bn USD: {}",
        v.max
    );
    assert_eq!(v.rate_date, Some("2025-02-24".parse().unwrap()));
    let gulf = &ds.announcements[ds.find("gulf-2025-campus").unwrap()];
    let v = value_of(gulf, USD, RateBasis::Announcement, &ds.rates)
        .unwrap()
        .unwrap();
    assert!(close(v.max, 10e9), "AED at its peg: {}", v.max);
    // The latest basis uses the last date of the file for every record.
    let v = value_of(a, USD, RateBasis::Latest, &ds.rates)
        .unwrap()
        .unwrap();
    assert_eq!(v.rate_date, ds.rates.last_date());
    // A fixed date before the series leaves the record unconverted, never zero.
    let old = RateBasis::Fixed("1990-01-01".parse().unwrap());
    assert_eq!(value_of(a, USD, old, &ds.rates), Some(None));
    // Native keeps the announced figure.
    let v = value_of(a, ViewCurrency::Native, RateBasis::Announcement, &ds.rates)
        .unwrap()
        .unwrap();
    assert_eq!((v.max, v.currency), (380e9, Currency::CNY));
}

fn keys(s: &Summary) -> Vec<(&str, usize, usize)> {
    s.groups
        .iter()
        .map(|g| (g.key.as_str(), g.totals.count, g.totals.with_amount))
        .collect()
}

#[test]
fn every_grouping() {
    let ds = fixture();
    let f = Filter::default();
    assert_eq!(
        keys(&by(&ds, Grouping::Country, &f)),
        [
            ("US", 2, 1),
            ("CN", 1, 1),
            ("BR", 1, 0),
            ("TW", 1, 1),
            ("multi", 2, 1)
        ]
    );
    assert_eq!(
        keys(&by(&ds, Grouping::Region, &f)),
        [("Americas", 3, 1), ("Asia", 3, 3), ("Europe", 1, 0)]
    );
    assert_eq!(
        keys(&by(&ds, Grouping::Subregion, &f)),
        [
            ("Northern America", 2, 1),
            ("Eastern Asia", 2, 2),
            ("Western Asia", 1, 1),
            ("South America", 1, 0),
            ("Western Europe", 1, 0)
        ]
    );
    assert_eq!(keys(&by(&ds, Grouping::Year, &f)), [("2025", 7, 4)]);
    assert_eq!(
        keys(&by(&ds, Grouping::Kind, &f)),
        [
            ("capex-guidance", 2, 1),
            ("capex-plan", 1, 1),
            ("country-investment", 1, 1),
            ("datacenter", 2, 0),
            ("other", 1, 1)
        ]
    );
    let spend = by(&ds, Grouping::SpendYear, &f);
    assert_eq!(
        keys(&spend),
        [("2025", 7, 4), ("2026", 2, 2), ("2027", 1, 1)]
    );
    assert!(close(
        spend.groups[0].totals.min,
        60e9 + DRAGON_USD / 3.0 + 10e9
    ));
    assert!(close(spend.groups[2].totals.max, DRAGON_USD / 3.0));
    for g in Grouping::ALL {
        let s = by(&ds, g, &f);
        let sum: f64 = s.groups.iter().map(|x| x.totals.max).sum();
        assert!(close(sum, s.total.max), "{g:?}: groups add up to the total");
    }
}

#[test]
fn filters() {
    let ds = fixture();
    let count = |f: Filter| f.apply(&ds).len();
    assert_eq!(count(Filter::default()), 8);
    assert_eq!(
        count(Filter {
            companies: vec!["dragon".into()],
            ..Filter::default()
        }),
        3
    );
    // Region matches countries and sites alike, any case, region or sub-region.
    assert_eq!(
        count(Filter {
            regions: vec!["western europe".into()],
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            regions: vec!["Asia".into()],
            ..Filter::default()
        }),
        3
    );
    assert_eq!(
        count(Filter {
            search: "SÃO PAULO".to_lowercase(),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            search: "龙集团".into(),
            ..Filter::default()
        }),
        3
    );
    assert_eq!(
        count(Filter {
            search: "GUIDANCE".into(),
            ..Filter::default()
        }),
        1,
        "tags"
    );
    assert_eq!(
        count(Filter {
            since: Some("2025-05-01".parse().unwrap()),
            ..Filter::default()
        }),
        4
    );
}
