//! The loaded, validated set: records in a stable order, with the indices every view needs.

use chrono::NaiveDate;

use super::announcement::{Announcement, Company};
use crate::fx::RateTable;
use crate::geo::Countries;

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Dataset {
    pub companies: Vec<Company>,
    /// Sorted by date, then id. Left out of this type's serde form: the cache stores them in
    /// chunks it decodes in parallel.
    #[serde(skip)]
    pub announcements: Vec<Announcement>,
    pub countries: Countries,
    pub rates: RateTable,
    /// Announcement indices sorted by id, for `find` by binary search (no hashing to rebuild
    /// when the dataset comes from the cache).
    by_id: Vec<u32>,
    /// Company indices by company id: `company_index` is one lookup, not a scan (summaries
    /// by company name each of thousands of groups).
    company_by_id: std::collections::HashMap<String, u32>,
    /// For each announcement, the ones whose `revises` names it, oldest first.
    revised_by: Vec<Vec<usize>>,
    /// For each announcement, the index of the one its `revises` names (`u32::MAX`: none).
    revises: Vec<u32>,
    /// Lower-cased text that `--search` looks in, one per announcement.
    haystacks: Vec<String>,
    /// Sort ranks, so that sorting compares integers: by title, and by company name.
    title_ranks: Vec<u32>,
    company_ranks: Vec<u32>,
}

impl Dataset {
    /// Builds the indices. `announcements[i].company` indexes `companies`; references are
    /// assumed valid (the loader drops records whose references are not).
    pub fn new(
        companies: Vec<Company>,
        announcements: Vec<Announcement>,
        countries: Countries,
        rates: RateTable,
    ) -> Self {
        // Sort indices, then move each record once: records are large.
        let mut order: Vec<usize> = (0..announcements.len()).collect();
        order.sort_unstable_by(|&i, &j| {
            let (a, b) = (&announcements[i], &announcements[j]);
            (a.date, &a.id).cmp(&(b.date, &b.id))
        });
        let mut slots: Vec<Option<Announcement>> = announcements.into_iter().map(Some).collect();
        let announcements: Vec<Announcement> =
            order.iter().filter_map(|&i| slots[i].take()).collect();
        let mut by_id: Vec<u32> = (0..announcements.len() as u32).collect();
        by_id.sort_unstable_by(|&i, &j| {
            announcements[i as usize]
                .id
                .cmp(&announcements[j as usize].id)
        });
        let find = |id: &str| {
            by_id
                .binary_search_by(|&k| announcements[k as usize].id.as_str().cmp(id))
                .ok()
                .map(|k| by_id[k] as usize)
        };
        let mut revised_by = vec![Vec::new(); announcements.len()];
        let mut revises = vec![u32::MAX; announcements.len()];
        for (i, a) in announcements.iter().enumerate() {
            if let Some(t) = a.revises.as_deref().and_then(find) {
                revised_by[t].push(i);
                revises[i] = t as u32;
            }
        }
        // The two costly derivations run side by side.
        let (haystacks, title_ranks) = std::thread::scope(|s| {
            let hay = s.spawn(|| {
                announcements
                    .iter()
                    .map(|a| haystack(a, &companies[a.company]))
                    .collect::<Vec<String>>()
            });
            let titles = ranks(&announcements, |a| a.title.to_lowercase());
            (hay.join().unwrap_or_default(), titles)
        });
        let company_by_id = companies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i as u32))
            .collect();
        let by_name = ranks(&companies, |c| c.name.to_lowercase());
        let company_ranks = announcements.iter().map(|a| by_name[a.company]).collect();
        Self {
            companies,
            announcements,
            countries,
            rates,
            by_id,
            company_by_id,
            revised_by,
            revises,
            haystacks,
            title_ranks,
            company_ranks,
        }
    }

    /// Whether every index and count holds, as `new` and the loader make them (for a dataset
    /// decoded from the cache, which must never panic or answer differently when damaged):
    /// record-to-company indices, the id index, revision links, per-record derived values,
    /// and the value ranges the loader enforces.
    pub fn is_consistent(&self) -> bool {
        let n = self.announcements.len();
        let index_ok = |i: u32| (i as usize) < n;
        let records_ok = self.announcements.iter().all(|a| {
            a.company < self.companies.len()
                && a.amount.is_none_or(|m| 0 <= m.min && m.min <= m.max)
                && a.period.from <= a.period.to
                && a.period.years() <= super::announcement::MAX_PERIOD_YEARS
                && a.sites.iter().all(|s| {
                    s.position.is_none_or(|(lat, lon)| {
                        (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
                    })
                })
        });
        let by_id_ok = self.by_id.len() == n
            && self.by_id.iter().all(|&i| index_ok(i))
            && self.by_id.windows(2).all(|w| {
                self.announcements[w[0] as usize].id < self.announcements[w[1] as usize].id
            });
        let links_ok = self.revises.len() == n
            && self.revises.iter().all(|&t| t == u32::MAX || index_ok(t))
            && self.revised_by.len() == n
            && self.revised_by.iter().flatten().all(|&j| j < n);
        let companies_ok = self.company_by_id.len() == self.companies.len()
            && self
                .company_by_id
                .iter()
                .all(|(id, &i)| self.companies.get(i as usize).is_some_and(|c| &c.id == id));
        records_ok
            && companies_ok
            && by_id_ok
            && links_ok
            && self.haystacks.len() == n
            && self.title_ranks.len() == n
            && self.company_ranks.len() == n
            && self.rates.is_consistent()
    }

    pub fn title_rank(&self, i: usize) -> u32 {
        self.title_ranks[i]
    }

    pub fn company_rank(&self, i: usize) -> u32 {
        self.company_ranks[i]
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id
            .binary_search_by(|&k| self.announcements[k as usize].id.as_str().cmp(id))
            .ok()
            .map(|k| self.by_id[k] as usize)
    }

    pub fn company_of(&self, a: &Announcement) -> &Company {
        &self.companies[a.company]
    }

    pub fn company_index(&self, id: &str) -> Option<usize> {
        self.company_by_id.get(id).map(|&i| i as usize)
    }

    pub fn haystack(&self, i: usize) -> &str {
        &self.haystacks[i]
    }

    /// Which announcements are superseded as of `until` (all dates when `None`): one is when a
    /// record with an amount, dated on or before `until`, revises it. A revision that carries
    /// no amount passes the replacement on to the figure it updated, so a chain counts once.
    pub fn superseded(&self, until: Option<NaiveDate>) -> Vec<bool> {
        let mut out = vec![false; self.announcements.len()];
        // Records already passed through: the walk on from one is the same every time, so it
        // is done once (linear in the record count however long the chains; ends on cycles).
        let mut passed = vec![false; self.announcements.len()];
        for (b_index, b) in self.announcements.iter().enumerate() {
            if b.amount.is_none() || until.is_some_and(|u| b.date > u) {
                continue;
            }
            let mut target = self.revised(b_index);
            while let Some(t) = target {
                out[t] = true;
                let a = &self.announcements[t];
                if a.amount.is_some() || passed[t] {
                    break;
                }
                passed[t] = true;
                target = self.revised(t);
            }
        }
        out
    }

    /// The record that `i`'s `revises` names, if any.
    fn revised(&self, i: usize) -> Option<usize> {
        let t = self.revises[i];
        (t != u32::MAX).then_some(t as usize)
    }

    /// The revision chain through `i`: every record it revises (transitively) and every record
    /// revising it, oldest first.
    pub fn revision_chain(&self, i: usize) -> Vec<usize> {
        let mut root = i;
        let mut steps = 0;
        while let Some(t) = self.revised(root) {
            root = t;
            steps += 1;
            if steps > self.announcements.len() {
                break;
            }
        }
        let mut chain = vec![root];
        let mut k = 0;
        while k < chain.len() && chain.len() <= self.announcements.len() {
            chain.extend(&self.revised_by[chain[k]]);
            k += 1;
        }
        chain.sort_by_key(|&j| (self.announcements[j].date, j));
        chain.dedup();
        chain
    }
}

/// Each item's position when sorted by `key` (equal keys share a rank).
fn ranks<T>(items: &[T], key: impl Fn(&T) -> String) -> Vec<u32> {
    let keys: Vec<String> = items.iter().map(key).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut out = vec![0u32; items.len()];
    let mut rank = 0u32;
    for (n, &i) in order.iter().enumerate() {
        if n > 0 && keys[i] != keys[order[n - 1]] {
            rank = n as u32;
        }
        out[i] = rank;
    }
    out
}

fn haystack(a: &Announcement, c: &Company) -> String {
    let mut s = String::new();
    for part in [
        Some(&a.title),
        a.summary.as_ref(),
        Some(&c.name),
        c.local_name.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        s.push_str(part);
        s.push('\n');
    }
    for t in &a.tags {
        s.push_str(t);
        s.push('\n');
    }
    for site in &a.sites {
        if let Some(city) = &site.city {
            s.push_str(city);
            s.push('\n');
        }
    }
    s.to_lowercase()
}
