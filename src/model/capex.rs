//! The capex table: companies as rows, calendar years as columns, each cell the latest `spend`
//! figure for exactly that year as known at `until` — an actual (tagged `actual`, or announced
//! after the calendar year ended) or a guide — with the first guide it moved from. Figures for
//! part of a year or of the company (tagged `part-year` or `segment`, or `part_of` a larger
//! figure) are not cells.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::announcement::Family;
use super::dataset::Dataset;
use super::money::{Valuation, Value};

/// The first year the table shows: the AI capex race is reported from 2023 on.
pub const FIRST_YEAR: i32 = 2023;

/// The tag of a `spend` record that reports money spent, not a guide (needed where a fiscal
/// year ends before the calendar year does).
pub const TAG_ACTUAL: &str = "actual";
/// The tag of a `spend` record that covers part of a year (a quarter, a half).
pub const TAG_PART_YEAR: &str = "part-year";
/// The tag of a `spend` record that covers part of the company's spending (one segment).
pub const TAG_SEGMENT: &str = "segment";

/// Whether a cell's figure is the year's actual spending or guidance for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Actual,
    Guide,
}

impl Status {
    pub fn mark(self) -> &'static str {
        match self {
            Status::Actual => "A",
            Status::Guide => "G",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The figure in force: the latest record with an amount for that year.
    pub latest: usize,
    pub status: Status,
    /// The earliest record with an amount for that year (the first guide); equals `latest`
    /// when the year had one figure.
    pub first: usize,
    /// Every record for that year, oldest first (the revision history).
    pub records: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CapexRow {
    pub company: usize,
    /// Indexed by `year - years.0`.
    pub cells: Vec<Option<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CapexTable {
    /// Inclusive range of years shown: `FIRST_YEAR` to the latest year with a figure.
    pub years: (i32, i32),
    pub rows: Vec<CapexRow>,
}

impl CapexTable {
    pub fn year_count(&self) -> usize {
        (self.years.1 - self.years.0 + 1).max(0) as usize
    }
}

/// Builds the table from `rows` (the filtered records): `spend` records with an amount whose
/// period is one calendar year, and that are not a part of a larger figure (quarters). Rows are
/// ordered by the latest year's figure, largest first (by `valuation`).
pub fn capex_table(ds: &Dataset, rows: &[usize], valuation: &Valuation) -> CapexTable {
    let mut by: BTreeMap<(usize, i32), Vec<usize>> = BTreeMap::new();
    let mut last_year = FIRST_YEAR;
    for &i in rows {
        let a = &ds.announcements[i];
        if a.family() != Family::Spend
            || a.amount.is_none()
            || a.part_of.is_some()
            || a.period.from != a.period.to
            || a.period.from < FIRST_YEAR
            || a.tags
                .iter()
                .any(|t| t == TAG_PART_YEAR || t == TAG_SEGMENT)
        {
            continue;
        }
        last_year = last_year.max(a.period.from);
        by.entry((a.company, a.period.from)).or_default().push(i);
    }
    let years = (FIRST_YEAR, last_year);
    let mut companies: BTreeMap<usize, CapexRow> = BTreeMap::new();
    for ((company, year), mut recs) in by {
        // Dataset order is date order.
        recs.sort_unstable();
        let latest = *recs.last().unwrap_or(&0);
        let l = &ds.announcements[latest];
        let status = if l.date.year() > year || l.tags.iter().any(|t| t == TAG_ACTUAL) {
            Status::Actual
        } else {
            Status::Guide
        };
        let row = companies.entry(company).or_insert_with(|| CapexRow {
            company,
            cells: vec![None; (years.1 - years.0 + 1) as usize],
        });
        row.cells[(year - years.0) as usize] = Some(Cell {
            latest,
            status,
            first: recs[0],
            records: recs,
        });
    }
    let value = |i: usize| -> f64 { valuation.get(i).flatten().map_or(0.0, |v: Value| v.max) };
    let mut rows: Vec<CapexRow> = companies.into_values().collect();
    // The newest year each company has a figure for, then its size, largest first.
    let key = |r: &CapexRow| {
        r.cells
            .iter()
            .enumerate()
            .rev()
            .find_map(|(y, c)| c.as_ref().map(|c| (y, value(c.latest))))
            .unwrap_or((0, 0.0))
    };
    rows.sort_by(|a, b| {
        let (ya, va) = key(a);
        let (yb, vb) = key(b);
        yb.cmp(&ya)
            .then(vb.total_cmp(&va))
            .then(a.company.cmp(&b.company))
    });
    CapexTable { years, rows }
}

/// How a cell moved from its first guide: `+21%` on the upper bounds, or `None` when the year
/// had one figure or either value is missing.
pub fn movement(cell: &Cell, valuation: &Valuation) -> Option<f64> {
    if cell.first == cell.latest {
        return None;
    }
    let first = valuation.get(cell.first).flatten()?.max;
    let latest = valuation.get(cell.latest).flatten()?.max;
    (first > 0.0).then(|| (latest - first) / first * 100.0)
}

/// A cell as text: the figure in force with its mark and the move from the first guide, e.g.
/// `$70.0–72.0 bn G ↑12%` (`n/a` when it has no rate in the valuation's currency).
pub fn cell_text(ds: &Dataset, cell: &Cell, valuation: &Valuation) -> String {
    let a = &ds.announcements[cell.latest];
    let figure = match valuation.get(cell.latest).flatten() {
        Some(v) => super::money::format_money(v.min, v.max, v.currency, a.qualifier),
        None => "n/a".to_string(),
    };
    format!(
        "{figure} {}{}",
        cell.status.mark(),
        movement_text(cell, valuation)
    )
}

/// ` ↑12%`, ` ↓5%`, ` =` (moved less than half a percent), or nothing (one figure).
pub fn movement_text(cell: &Cell, valuation: &Valuation) -> String {
    match movement(cell, valuation) {
        Some(p) if p.abs() < 0.5 => " =".to_string(),
        Some(p) if p > 0.0 => format!(" ↑{p:.0}%"),
        Some(p) => format!(" ↓{:.0}%", -p),
        None => String::new(),
    }
}
