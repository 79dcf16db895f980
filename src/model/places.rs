//! What the map shows: per country, the records that touch it, their sites and the money
//! allocated to it alone; and every site that has its own coordinates.

use std::collections::BTreeMap;

use super::codes::CountryCode;
use super::dataset::Dataset;
use super::money::Valuation;
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

/// One place on the map with sites: all the sites at the same coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct SitePoint {
    pub lat: f64,
    pub lon: f64,
    pub country: CountryCode,
    /// How many sites (of the matching records) stand here.
    pub count: usize,
}

/// Countries sorted by allocated amount (largest first), then records, then code.
pub fn places(
    ds: &Dataset,
    rows: &[usize],
    superseded: &[bool],
    valuation: &Valuation,
) -> (Vec<Place>, Vec<SitePoint>) {
    // One slot per possible alpha-2 code: no map lookups in the loop over records.
    let mut slots: Vec<Option<Place>> = vec![None; CountryCode::SLOTS];
    // The last record that touched each country, so a record counts once per country.
    let mut last: Vec<usize> = vec![usize::MAX; CountryCode::SLOTS];
    // Keyed by coordinates in 1/10,000 degree, so equal places collapse into one point.
    let mut points: BTreeMap<(i64, i64), SitePoint> = BTreeMap::new();
    for &i in rows {
        if superseded[i] {
            continue;
        }
        let a = &ds.announcements[i];
        for c in a.countries.iter().chain(a.sites.iter().map(|s| &s.country)) {
            let k = c.slot();
            if last[k] == i {
                continue;
            }
            last[k] = i;
            slots[k]
                .get_or_insert_with(|| Place {
                    code: *c,
                    records: 0,
                    sites: 0,
                    totals: Totals::default(),
                    position: ds.countries.get(*c).and_then(|x| x.position()),
                })
                .records += 1;
        }
        if let [only] = a.countries.as_slice()
            && let Some(p) = slots[only.slot()].as_mut()
        {
            p.totals.add(a, valuation.get(i), 1.0);
        }
        for s in &a.sites {
            if let Some(p) = slots[s.country.slot()].as_mut() {
                p.sites += 1;
            }
            if let Some((lat, lon)) = s.position {
                let key = ((lat * 1e4).round() as i64, (lon * 1e4).round() as i64);
                points
                    .entry(key)
                    .or_insert(SitePoint {
                        lat,
                        lon,
                        country: s.country,
                        count: 0,
                    })
                    .count += 1;
            }
        }
    }
    let mut list: Vec<Place> = slots.into_iter().flatten().collect();
    list.sort_by(|a, b| {
        b.totals
            .max
            .total_cmp(&a.totals.max)
            .then(b.records.cmp(&a.records))
            .then(a.code.cmp(&b.code))
    });
    (list, points.into_values().collect())
}
