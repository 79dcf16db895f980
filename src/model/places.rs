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
    /// Every record touching it touches other countries too: it is on the map only through
    /// multi-country records (under a region filter, a country outside the region).
    pub only_shared: bool,
}

/// Everything the map shows, derived from the matching records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapData {
    /// Countries, in the order of the side table (see `sort_places`).
    pub places: Vec<Place>,
    pub sites: Vec<SitePoint>,
    /// Every matching record's money: the allocated countries plus `unallocated`.
    pub total: Totals,
    /// Records with no country or several ("Multiple / unallocated", `summary --by country`'s
    /// `multi`).
    pub unallocated: Totals,
}

/// The side table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapSort {
    #[default]
    Total,
    Sites,
    Records,
}

impl MapSort {
    pub fn next(self) -> Self {
        match self {
            MapSort::Total => MapSort::Sites,
            MapSort::Sites => MapSort::Records,
            MapSort::Records => MapSort::Total,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MapSort::Total => "total",
            MapSort::Sites => "sites",
            MapSort::Records => "records",
        }
    }
}

/// Orders countries by `key`, largest first, ties by total, records, then code.
pub fn sort_places(list: &mut [Place], key: MapSort) {
    list.sort_by(|a, b| {
        let first = match key {
            MapSort::Total => std::cmp::Ordering::Equal,
            MapSort::Sites => b.sites.cmp(&a.sites),
            MapSort::Records => b.records.cmp(&a.records),
        };
        first
            .then(b.totals.max.total_cmp(&a.totals.max))
            .then(b.records.cmp(&a.records))
            .then(a.code.cmp(&b.code))
    });
}

/// One site of a country's drill-down: where, what state, when, and whose record.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteRow {
    pub city: String,
    pub status: Option<crate::model::announcement::SiteStatus>,
    pub opens: Option<i32>,
    pub record: usize,
}

/// The sites in `code` named by the matching records (not superseded), by city, then opening
/// year, then record.
pub fn sites_in(
    ds: &Dataset,
    rows: &[usize],
    superseded: &[bool],
    code: CountryCode,
) -> Vec<SiteRow> {
    let mut out: Vec<SiteRow> = rows
        .iter()
        .filter(|&&i| !superseded[i])
        .flat_map(|&i| {
            ds.announcements[i]
                .sites
                .iter()
                .filter(move |s| s.country == code)
                .map(move |s| SiteRow {
                    city: s.city.clone().unwrap_or_default(),
                    status: s.status,
                    opens: s.opens,
                    record: i,
                })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.city.is_empty(), &a.city, a.opens, a.record).cmp(&(
            b.city.is_empty(),
            &b.city,
            b.opens,
            b.record,
        ))
    });
    out
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

/// Countries sorted by allocated amount (largest first), then records, then code; the sites;
/// the total and the unallocated remainder.
pub fn places(ds: &Dataset, rows: &[usize], superseded: &[bool], valuation: &Valuation) -> MapData {
    let mut total = Totals::default();
    let mut unallocated = Totals::default();
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
        total.add(a, valuation.get(i), 1.0);
        // A record's one place, if it names exactly one country (in `countries` and sites).
        let mut all = a.countries.iter().chain(a.sites.iter().map(|s| &s.country));
        let first = all.next().copied();
        let single = first.filter(|f| all.all(|c| c == f));
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
                    only_shared: true,
                })
                .records += 1;
            if single == Some(*c)
                && let Some(p) = slots[k].as_mut()
            {
                p.only_shared = false;
            }
        }
        if let [only] = a.countries.as_slice()
            && let Some(p) = slots[only.slot()].as_mut()
        {
            p.totals.add(a, valuation.get(i), 1.0);
        } else {
            unallocated.add(a, valuation.get(i), 1.0);
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
    sort_places(&mut list, MapSort::Total);
    MapData {
        places: list,
        sites: points.into_values().collect(),
        total,
        unallocated,
    }
}

/// Under a country or region filter, marks the countries outside it as `only_shared`: they are
/// on the map only because a matching record also touches a country inside it.
pub fn mark_outside(places: &mut [Place], filter: &super::query::Filter, ds: &Dataset) {
    if filter.countries.is_empty() && filter.regions.is_empty() {
        return;
    }
    for p in places {
        let inside = filter.countries.contains(&p.code)
            || filter
                .regions
                .iter()
                .any(|r| ds.countries.in_region(p.code, r));
        if !inside {
            p.only_shared = true;
        }
    }
}
