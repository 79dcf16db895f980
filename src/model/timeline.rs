//! Amounts over time: per quarter or year of the announcement date, or spread over the years
//! of each record's spending period.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

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
    /// The first and last day of the period.
    pub dates: (NaiveDate, NaiveDate),
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
        let (year, q) = (k.div_euclid(4) as i32, k.rem_euclid(4) as u32);
        let (m0, m1) = if quarterly {
            (q * 3 + 1, q * 3 + 3)
        } else {
            (1, 12)
        };
        let first = NaiveDate::from_ymd_opt(year, m0, 1).unwrap_or_default();
        let last = NaiveDate::from_ymd_opt(year + i32::from(m1 == 12), m1 % 12 + 1, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        out.push(Bucket {
            label,
            dates: (first, last),
            totals,
            cumulative_max: running,
        });
        k += step;
    }
    out
}

/// The unit to label bars in, chosen from the data: the largest of tn, bn, m (or 1) in which
/// the typical bar (the median of those above zero) is at least 1, so labels carry two or
/// three significant figures rather than `0.0`. Returns the divisor and its word.
pub fn unit_for(values: &[f64]) -> (f64, &'static str) {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| *x > 0.0).collect();
    if v.is_empty() {
        return (1.0, "");
    }
    v.sort_by(f64::total_cmp);
    let median = v[v.len() / 2];
    super::money::scale(median)
}

/// `v` with two or three significant figures (whole numbers from 100 on): `0.45`, `3.2`,
/// `45`, `450`, `1,230`.
pub fn sig_text(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if a >= 100.0 {
        // Three significant figures: 1,234 -> 1,230.
        let step = 10f64.powi((a.log10().floor() as i32 - 2).max(0));
        let n = ((v / step).round() * step) as i64;
        let s = n.abs().to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    } else if a >= 10.0 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.1}")
    } else if a >= 0.1 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_the_typical_bar() {
        // Most bars in billions, one in trillions: billions.
        assert_eq!(unit_for(&[2e9, 5e9, 40e9, 1.2e12]).1, "bn");
        assert_eq!(unit_for(&[3e12, 2e12, 1e9]).1, "tn");
        assert_eq!(unit_for(&[250e6, 400e6, 0.0]).1, "m");
        assert_eq!(unit_for(&[]).1, "");
    }

    #[test]
    fn labels_keep_two_or_three_significant_figures() {
        assert_eq!(sig_text(0.4512), "0.45");
        assert_eq!(sig_text(3.21), "3.2");
        assert_eq!(sig_text(45.4), "45");
        assert_eq!(sig_text(450.4), "450");
        assert_eq!(sig_text(1234.0), "1,230");
        assert_eq!(sig_text(2532.0), "2,530");
        assert_eq!(sig_text(0.0), "0");
    }
}
