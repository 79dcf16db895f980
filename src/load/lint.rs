//! Checks of data quality that `aiinvest check` reports as warnings, over a loaded dataset
//! (records need their origins: load without the cache): a best source that is unrated, and
//! `spend` figures of one company for overlapping years that nothing links (SPEC §2).

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, Severity};
use crate::model::announcement::{Family, Origin, Tier};
use crate::model::dataset::Dataset;
use crate::model::tiers::host;

fn warning(o: &Origin, message: String) -> Diagnostic {
    Diagnostic {
        path: o.path.to_string(),
        line: o.line,
        col: o.col,
        severity: Severity::Warning,
        message,
    }
}

/// Every quality warning, in record order (date, then id).
pub fn lint(ds: &Dataset) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_sources(ds, &mut out);
    check_overlaps(ds, &mut out);
    out
}

/// A record whose best source is not in the tiers table gets a warning.
fn check_sources(ds: &Dataset, diags: &mut Vec<Diagnostic>) {
    for a in &ds.announcements {
        if a.best_tier() == Tier::Unrated {
            let host = host(&a.source().url).unwrap_or_default();
            diags.push(warning(
                &a.origin,
                format!(
                    "the best source of `{}` is unrated (`{host}` is not in sources.toml): cite the organisation's own release or a news organisation",
                    a.id
                ),
            ));
        }
    }
}

/// The overlap rule: two `spend` figures of one company whose periods overlap must be linked,
/// directly or through a chain of `revises` / `part_of`, else totals add both. Each record is
/// reported once, naming the first figure it overlaps.
fn check_overlaps(ds: &Dataset, diags: &mut Vec<Diagnostic>) {
    let records = &ds.announcements;
    // Records joined by any `revises` or `part_of` link share a root.
    let mut parent: Vec<usize> = (0..records.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, a) in records.iter().enumerate() {
        for target in [&a.revises, &a.part_of].into_iter().flatten() {
            if let Some(j) = ds.find(target) {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut by_company: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, a) in records.iter().enumerate() {
        if a.family() == Family::Spend && a.amount.is_some() {
            by_company.entry(a.company).or_default().push(i);
        }
    }
    let mut companies: Vec<_> = by_company.into_iter().collect();
    companies.sort_unstable();
    for (_, spend) in companies {
        // Dataset order is date order.
        for (k, &i) in spend.iter().enumerate() {
            let a = &records[i];
            let clash = spend[..k].iter().copied().find(|&j| {
                let b = &records[j];
                a.period.from <= b.period.to
                    && b.period.from <= a.period.to
                    && root(&mut parent, i) != root(&mut parent, j)
            });
            if let Some(j) = clash {
                let b = &records[j];
                diags.push(warning(
                    &a.origin,
                    format!(
                        "`{}` ({}-{}) and `{}` ({}-{}) are both spend figures of one company for overlapping years: link them with `revises` or `part_of`, or totals add both",
                        a.id, a.period.from, a.period.to, b.id, b.period.from, b.period.to
                    ),
                ));
            }
        }
    }
}
