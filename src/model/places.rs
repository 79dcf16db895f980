//! What the map shows: per country, the records that touch it, their sites and the money
//! allocated to it alone; and every site that has its own coordinates.

use std::collections::BTreeMap;

use super::announcement::SiteStatus;
use super::codes::CountryCode;
use super::dataset::Dataset;
use super::money::{RateBasis, ViewCurrency, value_of};
use super::query::Totals;

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub code: CountryCode,
    /// Records (not superseded) whose countries or sites include this country.
    pub records: usize,
    /// Data-center sites in this country named by those records.
    pub sites: usize,
    /// Money of records whose `countries` is exactly this one (as `summary --by country`).
    pub totals: Totals,
    /// The country's marker position, if the countries table has one.
    pub position: Option<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SitePoint {
    pub lat: f64,
    pub lon: f64,
    pub country: CountryCode,
    pub city: Option<String>,
    pub status: Option<SiteStatus>,
}

/// Countries sorted by allocated amount (largest first), then records, then code.
pub fn places(
    ds: &Dataset,
    rows: &[usize],
    superseded: &[bool],
    view: ViewCurrency,
    basis: RateBasis,
) -> (Vec<Place>, Vec<SitePoint>) {
    let mut map: BTreeMap<CountryCode, Place> = BTreeMap::new();
    let mut points = Vec::new();
    for &i in rows {
        if superseded[i] {
            continue;
        }
        let a = &ds.announcements[i];
        let mut touched: Vec<CountryCode> = a.countries.clone();
        touched.extend(a.sites.iter().map(|s| s.country));
        touched.sort();
        touched.dedup();
        for c in &touched {
            let p = map.entry(*c).or_insert_with(|| Place {
                code: *c,
                records: 0,
                sites: 0,
                totals: Totals::default(),
                position: ds.countries.get(*c).and_then(|x| x.position()),
            });
            p.records += 1;
        }
        if let [only] = a.countries.as_slice()
            && let Some(p) = map.get_mut(only)
        {
            p.totals.add_value(
                a.part_of.is_some(),
                value_of(a, view, basis, &ds.rates),
                1.0,
            );
        }
        for s in &a.sites {
            if let Some(p) = map.get_mut(&s.country) {
                p.sites += 1;
            }
            if let Some((lat, lon)) = s.position {
                points.push(SitePoint {
                    lat,
                    lon,
                    country: s.country,
                    city: s.city.clone(),
                    status: s.status,
                });
            }
        }
    }
    let mut list: Vec<Place> = map.into_values().collect();
    list.sort_by(|a, b| {
        b.totals
            .max
            .total_cmp(&a.totals.max)
            .then(b.records.cmp(&a.records))
            .then(a.code.cmp(&b.code))
    });
    (list, points)
}
