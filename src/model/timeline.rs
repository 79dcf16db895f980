//! Amounts over time: per quarter or year of the announcement date, or spread over the years
//! of each record's spending period.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::dataset::Dataset;
use super::money::Valuation;
use super::query::Totals;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Quarter,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeAxis {
    /// When the money was announced.
    Announced,
    /// When it is to be spent: each amount spread evenly over its period's years.
    SpendYears,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// "2025" or "2025 Q1".
    pub label: String,
    pub totals: Totals,
    /// Running total of `totals.max` up to and including this bucket.
    pub cumulative_max: f64,
}

/// Buckets from the first to the last one with a record, gaps included, so the axis is
/// continuous. Spend years are whole years whatever the granularity: periods are in years.
pub fn timeline(
    ds: &Dataset,
    rows: &[usize],
    superseded: &[bool],
    valuation: &Valuation,
    granularity: Granularity,
    axis: TimeAxis,
) -> Vec<Bucket> {
    // Key: year * 4 + quarter index (quarter 0 for yearly buckets).
    let quarterly = axis == TimeAxis::Announced && granularity == Granularity::Quarter;
    let mut map: BTreeMap<i64, Totals> = BTreeMap::new();
    for &i in rows {
        if superseded[i] {
            continue;
        }
        let a = &ds.announcements[i];
        let value = valuation.get(i);
        let spread: Vec<(i64, f64)> = match axis {
            TimeAxis::Announced if quarterly => {
                vec![(a.date.year() as i64 * 4 + (a.date.month0() / 3) as i64, 1.0)]
            }
            TimeAxis::Announced => vec![(a.date.year() as i64 * 4, 1.0)],
            TimeAxis::SpendYears => {
                let share = 1.0 / a.period.years() as f64;
                (a.period.from..=a.period.to)
                    .map(|y| (y as i64 * 4, share))
                    .collect()
            }
        };
        for (key, share) in spread {
            map.entry(key).or_default().add(a, value, share);
        }
    }
    let (Some(&first), Some(&last)) = (map.keys().next(), map.keys().next_back()) else {
        return Vec::new();
    };
    let step = if quarterly { 1 } else { 4 };
    let mut out = Vec::new();
    let mut running = 0.0;
    let mut k = first;
    while k <= last {
        let totals = map.remove(&k).unwrap_or_default();
        running += totals.max;
        let label = if quarterly {
            format!("{} Q{}", k.div_euclid(4), k.rem_euclid(4) + 1)
        } else {
            k.div_euclid(4).to_string()
        };
        out.push(Bucket {
            label,
            totals,
            cumulative_max: running,
        });
        k += step;
    }
    out
}
