//! Questions asked of a dataset: which records match a filter, in which order, and what they
//! add up to by a grouping. Plain values in, plain values out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use super::announcement::{Announcement, Family, Kind, Qualifier};
use super::codes::{CountryCode, Currency};
use super::dataset::Dataset;
use super::money::{Valuation, Value};

/// The filters of the command line and the dashboard. Repeated values of one filter are
/// alternatives (any may match); different filters must all match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub companies: Vec<String>,
    pub countries: Vec<CountryCode>,
    pub regions: Vec<String>,
    pub kinds: Vec<Kind>,
    pub families: Vec<Family>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Case-insensitive text over title, summary, company names, tags and cities.
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The places a record touches: its `countries` and the countries of its sites.
    fn places(a: &Announcement) -> impl Iterator<Item = CountryCode> + '_ {
        a.countries
            .iter()
            .copied()
            .chain(a.sites.iter().map(|s| s.country))
    }

    /// Whether record `i` passes. `search` must already be lower-case (`apply` sees to it).
    fn matches(&self, ds: &Dataset, i: usize) -> bool {
        let a = &ds.announcements[i];
        (self.companies.is_empty()
            || self
                .companies
                .iter()
                .any(|c| *c == ds.companies[a.company].id))
            && (self.kinds.is_empty() || self.kinds.contains(&a.kind))
            && (self.families.is_empty() || self.families.contains(&a.family()))
            && self.since.is_none_or(|d| a.date >= d)
            && self.until.is_none_or(|d| a.date <= d)
            && (self.countries.is_empty() || Self::places(a).any(|c| self.countries.contains(&c)))
            && (self.regions.is_empty()
                || Self::places(a)
                    .any(|c| self.regions.iter().any(|r| ds.countries.in_region(c, r))))
            // The search text is only looked at (and derived) when there is a search.
            && (self.search.trim().is_empty() || self.search_matches(ds.haystack(i)))
    }

    /// Every word of the search appears in the haystack (in any order).
    fn search_matches(&self, haystack: &str) -> bool {
        words_match(haystack, &self.search)
    }

    /// Indices of matching records, in dataset order (date, then id).
    pub fn apply(&self, ds: &Dataset) -> Vec<usize> {
        // Lower-case the search once, not once per record.
        let lowered = Filter {
            search: self.search.to_lowercase(),
            ..self.clone()
        };
        (0..ds.announcements.len())
            .filter(|&i| lowered.matches(ds, i))
            .collect()
    }
}

/// Every word of a lower-case search appears in the haystack, in any order.
pub fn words_match(haystack: &str, search: &str) -> bool {
    search.split_whitespace().all(|w| haystack.contains(w))
}

/// What the money totals mean for one set of records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    /// Records that are not superseded.
    pub count: usize,
    /// Of those, the ones whose amount is added (not parts).
    pub with_amount: usize,
    pub min: f64,
    pub max: f64,
    /// Of `with_amount`, those with no rate: not in `min`/`max`.
    pub unconverted: usize,
    /// The currencies summed (one per record in native view; the view currency otherwise).
    pub currencies: BTreeSet<Currency>,
    /// `min`/`max` split by family (indexed by `Family as usize`), so a reader sees what a
    /// total adds.
    pub families: [(f64, f64); 5],
    /// A figure added was announced as "more than": the total is a floor, shown with `>`.
    pub more_than: bool,
}

impl Totals {
    /// Adds record `a` given its value (see `value_of`); a part counts but adds no money.
    pub fn add(&mut self, a: &Announcement, value: Option<Option<Value>>, share: f64) {
        self.count += 1;
        if a.part_of.is_some() {
            return;
        }
        match value {
            None => {}
            Some(None) => {
                self.with_amount += 1;
                self.unconverted += 1;
            }
            Some(Some(v)) => {
                self.with_amount += 1;
                self.min += v.min * share;
                self.max += v.max * share;
                let f = &mut self.families[a.family() as usize];
                f.0 += v.min * share;
                f.1 += v.max * share;
                self.currencies.insert(v.currency);
                self.more_than |= a.qualifier == Some(Qualifier::MoreThan);
            }
        }
    }

    /// The families this total adds money of.
    pub fn families_added(&self) -> Vec<Family> {
        Family::ALL
            .iter()
            .copied()
            .filter(|f| self.families[*f as usize] != (0.0, 0.0))
            .collect()
    }

    /// The one currency of the totals, if there is exactly one (or none was summed: `None`).
    pub fn single_currency(&self) -> Option<Currency> {
        match self.currencies.len() {
            1 => self.currencies.iter().next().copied(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Company,
    Country,
    Region,
    Subregion,
    Year,
    SpendYear,
    Kind,
    Family,
}

impl Grouping {
    pub const ALL: [Grouping; 8] = [
        Grouping::Company,
        Grouping::Country,
        Grouping::Region,
        Grouping::Subregion,
        Grouping::Year,
        Grouping::SpendYear,
        Grouping::Kind,
        Grouping::Family,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Company => "company",
            Grouping::Country => "country",
            Grouping::Region => "region",
            Grouping::Subregion => "subregion",
            Grouping::Year => "year",
            Grouping::SpendYear => "spend-year",
            Grouping::Kind => "kind",
            Grouping::Family => "family",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// Years sort by year; other groupings by amount, largest first, `multi` last.
    fn chronological(self) -> bool {
        matches!(self, Grouping::Year | Grouping::SpendYear)
    }
}

pub const MULTI_KEY: &str = "multi";
pub const MULTI_LABEL: &str = "Multiple / unallocated";

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub key: String,
    pub label: String,
    pub totals: Totals,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub groups: Vec<Group>,
    pub total: Totals,
}

/// The keys a record falls into under a grouping, with its share of the amount (1 unless
/// spread over spend years). Company is handled by index in `summarize`.
fn keys_of(ds: &Dataset, a: &Announcement, g: Grouping) -> Vec<(String, f64)> {
    let one = |k: String| vec![(k, 1.0)];
    match g {
        Grouping::Company => one(ds.company_of(a).id.clone()),
        Grouping::Country => match a.countries.as_slice() {
            [c] => one(c.to_string()),
            _ => one(MULTI_KEY.to_string()),
        },
        Grouping::Region | Grouping::Subregion => {
            let names: BTreeSet<&str> = a
                .countries
                .iter()
                .filter_map(|c| ds.countries.get(*c))
                .map(|c| {
                    if g == Grouping::Region {
                        c.region.as_str()
                    } else {
                        c.subregion.as_str()
                    }
                })
                .collect();
            match (names.len(), names.first()) {
                (1, Some(n)) if !n.is_empty() => one(n.to_string()),
                _ => one(MULTI_KEY.to_string()),
            }
        }
        Grouping::Year => one(a.date.year().to_string()),
        Grouping::SpendYear => {
            let share = 1.0 / a.period.years() as f64;
            (a.period.from..=a.period.to)
                .map(|y| (y.to_string(), share))
                .collect()
        }
        Grouping::Kind => one(a.kind.as_str().to_string()),
        Grouping::Family => one(a.family().as_str().to_string()),
    }
}

/// The label shown beside a group key.
fn label_of(ds: &Dataset, g: Grouping, key: &str) -> String {
    if key == MULTI_KEY {
        return MULTI_LABEL.to_string();
    }
    match g {
        Grouping::Company => ds
            .company_index(key)
            .map(|c| ds.companies[c].name.clone())
            .unwrap_or_default(),
        Grouping::Country => CountryCode::parse(key)
            .map(|c| ds.countries.name(c).to_string())
            .unwrap_or_default(),
        _ => key.to_string(),
    }
}

/// Totals of `rows` (superseded ones are left out of every count) by `grouping`, with the
/// values of `valuation`.
pub fn summarize(
    ds: &Dataset,
    rows: &[usize],
    superseded: &[bool],
    grouping: Grouping,
    valuation: &Valuation,
) -> Summary {
    let mut total = Totals::default();
    let mut by_key: BTreeMap<String, Totals> = BTreeMap::new();
    // Companies by index: the dashboard asks this on every filter change.
    let mut by_company: Vec<Option<Totals>> = Vec::new();
    if grouping == Grouping::Company {
        by_company.resize(ds.companies.len(), None);
    }
    for &i in rows {
        if superseded[i] {
            continue;
        }
        let a = &ds.announcements[i];
        let value = valuation.get(i);
        total.add(a, value, 1.0);
        if grouping == Grouping::Company {
            by_company[a.company]
                .get_or_insert_with(Totals::default)
                .add(a, value, 1.0);
            continue;
        }
        for (key, share) in keys_of(ds, a, grouping) {
            by_key.entry(key).or_default().add(a, value, share);
        }
    }
    let by_company = by_company
        .into_iter()
        .enumerate()
        .filter_map(|(c, t)| t.map(|t| (ds.companies[c].id.clone(), t)));
    let mut groups: Vec<Group> = by_key
        .into_iter()
        .chain(by_company)
        .map(|(key, totals)| Group {
            label: label_of(ds, grouping, &key),
            key,
            totals,
        })
        .collect();
    if grouping.chronological() {
        groups.sort_by(|a, b| a.key.cmp(&b.key));
    } else {
        groups.sort_by(|a, b| {
            (a.key == MULTI_KEY)
                .cmp(&(b.key == MULTI_KEY))
                .then(b.totals.max.total_cmp(&a.totals.max))
                .then(a.key.cmp(&b.key))
        });
    }
    Summary { groups, total }
}

/// Sortable columns of the announcements list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Company,
    Amount,
    Kind,
    Title,
}

impl SortKey {
    pub const CYCLE: [SortKey; 5] = [
        SortKey::Date,
        SortKey::Company,
        SortKey::Amount,
        SortKey::Kind,
        SortKey::Title,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Company => "company",
            SortKey::Amount => "amount",
            SortKey::Kind => "kind",
            SortKey::Title => "title",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::CYCLE
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// The direction a column starts in: dates and amounts newest/largest first, text A to Z.
    pub fn descending_first(self) -> bool {
        matches!(self, SortKey::Date | SortKey::Amount)
    }

    pub fn next(self) -> Self {
        let i = Self::CYCLE.iter().position(|k| *k == self).unwrap_or(0);
        Self::CYCLE[(i + 1) % Self::CYCLE.len()]
    }
}

/// Sorts row indices in place. Amounts compare by their upper bound in the valuation's
/// currency; records without a value sort after every figure. Ties keep dataset order.
pub fn sort_rows(
    ds: &Dataset,
    rows: &mut [usize],
    key: SortKey,
    descending: bool,
    valuation: &Valuation,
) {
    use std::cmp::Ordering;
    let dir = |o: Ordering| if descending { o.reverse() } else { o };
    match key {
        // Dataset order is date order.
        SortKey::Date => rows.sort_unstable_by(|i, j| dir(i.cmp(j))),
        SortKey::Company => rows.sort_unstable_by_key(|&i| {
            let r = ds.company_rank(i);
            (if descending { u32::MAX - r } else { r }, i)
        }),
        SortKey::Title => rows.sort_unstable_by_key(|&i| {
            let r = ds.title_rank(i);
            (if descending { u32::MAX - r } else { r }, i)
        }),
        SortKey::Kind => rows.sort_unstable_by(|&i, &j| {
            dir(ds.announcements[i].kind.cmp(&ds.announcements[j].kind)).then(i.cmp(&j))
        }),
        SortKey::Amount => {
            let amount = |i: usize| valuation.get(i).flatten().map(|v| v.max);
            let mut keyed: Vec<(Option<f64>, usize)> =
                rows.iter().map(|&i| (amount(i), i)).collect();
            keyed.sort_unstable_by(|(a, i), (b, j)| match (a, b) {
                (Some(x), Some(y)) => dir(x.total_cmp(y)).then(i.cmp(j)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => i.cmp(j),
            });
            for (slot, (_, i)) in rows.iter_mut().zip(keyed) {
                *slot = i;
            }
        }
    }
}
