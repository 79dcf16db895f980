//! The bundled dataset: clean under `check`, as broad as promised, and the seed story complete.

use std::collections::BTreeSet;

use aiinvest::load::{Sources, lint, load};
use aiinvest::model::announcement::{CompanyKind, DatePrecision, Family, Tier};
use aiinvest::model::dataset::Dataset;

fn bundled() -> Dataset {
    let loaded = load(&Sources::default()).unwrap();
    let shown: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        shown.is_empty(),
        "bundled data has diagnostics:\n{}",
        shown.join("\n")
    );
    loaded.dataset
}

#[test]
fn bundled_data_passes_the_quality_checks() {
    // What `aiinvest check` adds to the load: every best source rated, no overlapping spend
    // figures left unlinked.
    let ds = bundled();
    let shown: Vec<String> = lint(&ds).iter().map(|d| d.to_string()).collect();
    assert!(shown.is_empty(), "check warns:\n{}", shown.join("\n"));
}

#[test]
fn bundled_sources_are_the_best_that_exist() {
    let ds = bundled();
    let n = ds.announcements.len() as f64;
    let share = |t: &[Tier]| {
        ds.announcements
            .iter()
            .filter(|a| t.contains(&a.best_tier()))
            .count() as f64
            / n
    };
    assert!(
        share(&[Tier::Unrated]) <= 0.05,
        "unrated best sources above 5%"
    );
    assert!(
        share(&[Tier::Primary, Tier::Outlet]) >= 0.70,
        "primary or outlet best source below 70%"
    );
    let day = ds
        .announcements
        .iter()
        .filter(|a| a.date_precision == DatePrecision::Day)
        .count() as f64;
    assert!(day / n >= 0.90, "day precision below 90%");
}

#[test]
fn every_family_is_present() {
    let ds = bundled();
    for f in [Family::Spend, Family::Pledge, Family::Deal, Family::Public] {
        assert!(
            ds.announcements.iter().any(|a| a.family() == f),
            "no {f} record"
        );
    }
}

#[test]
fn bundled_data_is_clean_and_broad() {
    let ds = bundled();
    assert!(
        ds.announcements.len() >= 250,
        "{} announcements",
        ds.announcements.len()
    );
    assert!(ds.companies.len() >= 60, "{} companies", ds.companies.len());
    let currencies: BTreeSet<_> = ds
        .announcements
        .iter()
        .filter_map(|a| a.amount.map(|m| m.currency))
        .collect();
    assert!(currencies.len() >= 8, "{currencies:?}");
    let countries: BTreeSet<_> = ds
        .announcements
        .iter()
        .flat_map(|a| {
            a.countries
                .iter()
                .copied()
                .chain(a.sites.iter().map(|s| s.country))
        })
        .collect();
    assert!(countries.len() >= 30, "{} countries", countries.len());
    let with_site: BTreeSet<_> = ds
        .announcements
        .iter()
        .flat_map(|a| a.sites.iter().map(|s| s.country))
        .collect();
    assert!(
        with_site.len() >= 35,
        "{} countries with a site",
        with_site.len()
    );
    assert!(
        ds.announcements
            .iter()
            .map(|a| a.sites.len())
            .sum::<usize>()
            >= 100
    );
    // Coverage reaches into mid-2026.
    let newest = ds.announcements.iter().map(|a| a.date).max().unwrap();
    assert!(
        newest.to_string().as_str() >= "2026-06-01",
        "newest {newest}"
    );
    for a in &ds.announcements {
        assert!(a.source().url.starts_with("http"), "{}", a.id);
        assert!(!a.source().publisher.is_empty(), "{}", a.id);
        if a.amount.is_some() {
            assert!(
                a.source().quote.as_ref().is_some_and(|q| !q.is_empty()),
                "{} cites no quote",
                a.id
            );
        }
    }
    for id in [
        "microsoft",
        "alphabet",
        "amazon",
        "meta",
        "oracle",
        "alibaba",
        "tencent",
        "bytedance",
        "baidu",
        "openai",
        "nvidia",
    ] {
        assert!(ds.company_index(id).is_some(), "{id} missing");
    }
    let revisions = ds
        .announcements
        .iter()
        .filter(|a| a.revises.is_some() && a.amount.is_some())
        .count();
    assert!(revisions >= 5, "{revisions} revisions with figures");
    assert!(
        ds.announcements
            .iter()
            .any(|a| a.amount.is_some_and(|m| m.min < m.max)),
        "a range"
    );
}

#[test]
fn the_alibaba_seed_story_is_complete() {
    let ds = bundled();
    let plan = &ds.announcements[ds
        .find("alibaba-2025-02-ai-infrastructure")
        .expect("the 380 bn plan")];
    assert_eq!(plan.date.to_string(), "2025-02-24");
    let m = plan.amount.unwrap();
    assert_eq!(
        (m.min, m.max, m.currency.as_str()),
        (380_000_000_000, 380_000_000_000, "CNY")
    );
    assert_eq!((plan.period.from, plan.period.to), (2025, 2027));
    assert_eq!(plan.source_usd, Some(53_000_000_000));

    let apsara = ds
        .announcements
        .iter()
        .find(|a| {
            a.revises.as_deref() == Some(plan.id.as_str()) && a.date.to_string() == "2025-09-24"
        })
        .expect("Apsara update revises the plan");
    assert!(
        apsara.amount.is_none(),
        "a qualitative update: the 380 bn still counts"
    );
    assert!(!ds.superseded(None)[ds.find(&plan.id).unwrap()]);

    let on_apsara_day: Vec<_> = ds
        .announcements
        .iter()
        .filter(|a| ds.company_of(a).id == "alibaba" && a.date.to_string() == "2025-09-24")
        .collect();
    let places: BTreeSet<&str> = on_apsara_day
        .iter()
        .flat_map(|a| a.countries.iter().chain(a.sites.iter().map(|s| &s.country)))
        .map(|c| c.as_str())
        .collect();
    for cc in ["BR", "FR", "NL", "MX", "JP", "KR", "MY", "AE"] {
        assert!(places.contains(cc), "Apsara data centres: {cc} missing");
    }

    let unicom = &ds.companies[ds.company_index("china-unicom").expect("China Unicom")];
    assert_eq!(
        unicom.kind,
        Some(CompanyKind::Telecom),
        "a state-owned telecom operator"
    );
    assert!(
        ds.announcements
            .iter()
            .any(|a| a.company == ds.company_index("china-unicom").unwrap()
                && a.haystack_has("alibaba", &ds))
    );
}

trait Haystack {
    fn haystack_has(&self, word: &str, ds: &Dataset) -> bool;
}

impl Haystack for aiinvest::model::announcement::Announcement {
    fn haystack_has(&self, word: &str, ds: &Dataset) -> bool {
        ds.haystack(ds.find(&self.id).unwrap()).contains(word)
    }
}

/// A qualifier ("about", "more than", "up to") is the source's own wording: one of the record's
/// quotes says it, in one of the languages the data cites.
#[test]
fn every_qualifier_is_worded_in_a_quote() {
    use aiinvest::model::announcement::Qualifier;
    let ds = bundled();
    let words = |q: Qualifier| -> &'static [&'static str] {
        match q {
            Qualifier::About => &[
                "about",
                "around",
                "approximately",
                "roughly",
                "nearly",
                "almost",
                "some ",
                "estimated",
                "close to",
                "closer to",
                "~",
                "약",
                "约",
                "約",
                "左右",
                "etwa",
                "rund",
                "लगभग",
                "environ",
                "cerca de",
                "circa",
            ],
            Qualifier::MoreThan => &[
                "more than",
                "over",
                "at least",
                "exceed",
                "in excess of",
                "upwards of",
                ">",
                "超过",
                "超過",
                "以上",
                "이상",
                "übersteig",
                "mehr als",
                "más de",
                "plus de",
                "mais de",
                "более",
                "oltre",
            ],
            Qualifier::UpTo => &[
                "up to",
                "as much as",
                "최대",
                "bis zu",
                "jusqu",
                "hasta",
                "até",
                "fino a",
            ],
        }
    };
    let unworded: Vec<&str> = ds
        .announcements
        .iter()
        .filter(|a| {
            a.qualifier.is_some_and(|q| {
                !a.sources
                    .iter()
                    .filter_map(|s| s.quote.as_deref())
                    .any(|quote| {
                        let quote = quote.to_lowercase();
                        words(q).iter().any(|w| quote.contains(w))
                    })
            })
        })
        .map(|a| a.id.as_str())
        .collect();
    assert!(unworded.is_empty(), "qualifier in no quote: {unworded:?}");
}

/// A day named with its date in a title or summary ("Tuesday 15 July 2025") is that date's day.
#[test]
fn weekdays_named_in_summaries_match_their_dates() {
    use chrono::{Datelike, NaiveDate};
    let ds = bundled();
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut checked = 0;
    let mut wrong = Vec::new();
    for a in &ds.announcements {
        let text = format!("{} {}", a.title, a.summary.as_deref().unwrap_or(""));
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        for w in words.windows(4) {
            let Some(day) = DAYS.iter().position(|d| *d == w[0]) else {
                continue;
            };
            let Some(month) = MONTHS.iter().position(|m| *m == w[2]) else {
                continue;
            };
            let year = w[3].trim_end_matches(|c: char| !c.is_ascii_digit());
            let (Ok(d), Ok(y)) = (w[1].parse::<u32>(), year.parse::<i32>()) else {
                continue;
            };
            let Some(date) = NaiveDate::from_ymd_opt(y, month as u32 + 1, d) else {
                continue;
            };
            checked += 1;
            if date.weekday().num_days_from_monday() as usize != day {
                wrong.push(format!("{}: {} {} {} {}", a.id, w[0], w[1], w[2], w[3]));
            }
        }
    }
    assert!(checked >= 20, "only {checked} dated weekdays found");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// `source_usd` is the dollar figure a cited page printed: one of the record's quotes has it
/// (as billions, millions or trillions, to the precision printed).
#[test]
fn every_source_usd_is_printed_in_a_quote() {
    let ds = bundled();
    let printed = |quote: &str, usd: i64| {
        let quote = quote.replace(',', "");
        [1e12, 1e9, 1e6].iter().any(|unit| {
            let x = usd as f64 / unit;
            (0..=3).any(|decimals| {
                let s = format!("{x:.decimals$}");
                let s = if s.contains('.') {
                    s.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    s
                };
                // The figure as a whole number, not inside a longer one.
                quote.match_indices(&s).any(|(i, _)| {
                    let before = quote[..i].chars().next_back();
                    let after = quote[i + s.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                        && !after.is_some_and(|c| c.is_ascii_digit())
                })
            })
        })
    };
    let mut checked = 0;
    let unprinted: Vec<&str> = ds
        .announcements
        .iter()
        .filter(|a| {
            a.source_usd.is_some_and(|usd| {
                checked += 1;
                !a.sources
                    .iter()
                    .filter_map(|s| s.quote.as_deref())
                    .any(|q| printed(q, usd))
            })
        })
        .map(|a| a.id.as_str())
        .collect();
    assert!(checked >= 20, "only {checked} records with source_usd");
    assert!(
        unprinted.is_empty(),
        "source_usd in no quote: {unprinted:?}"
    );
}

/// A summary says what the pages say about the announcement, never how this dataset files it:
/// the detail pane shows the links and periods itself.
#[test]
fn summaries_make_no_remarks_about_the_dataset() {
    const REMARKS: [&str; 9] = [
        "mapped to",
        "recorded separately",
        "recorded under",
        "this record",
        "that record",
        "not added to totals",
        "so no amount",
        "in this dataset",
        "counted as part of",
    ];
    let ds = bundled();
    let found: Vec<(&str, &str)> = ds
        .announcements
        .iter()
        .flat_map(|a| {
            let text = a.summary.as_deref().unwrap_or_default().to_lowercase();
            REMARKS
                .iter()
                .filter(move |r| text.contains(*r))
                .map(|r| (a.id.as_str(), *r))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
