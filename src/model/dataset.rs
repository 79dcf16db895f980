//! The loaded, validated set: records in a stable order, with the indices every view needs.

use std::sync::OnceLock;

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
    /// For each announcement, the index of the one its `revises` names (`NO_RECORD`: none).
    revises: Vec<u32>,
    /// Lower-cased text that `--search` looks in, one per announcement.
    /// This and the ranks are derived on first use, or by `derive_all` beside the first
    /// frame: a start does not wait for what its first frame does not need.
    /// Not cached: as large as the records' text, it is quicker to derive than to decode.
    #[serde(skip)]
    haystacks: OnceLock<Vec<String>>,
    /// Sort ranks, so that sorting compares integers: by title, and by company name.
    #[serde(with = "lazy")]
    title_ranks: OnceLock<Vec<u32>>,
    #[serde(with = "lazy")]
    company_ranks: OnceLock<Vec<u32>>,
}

/// A value derived on first use, in serde form: absent (`None`) until derived.
mod lazy {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::OnceLock;

    pub fn serialize<T: Serialize, S: Serializer>(
        v: &OnceLock<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.get().serialize(s)
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<OnceLock<T>, D::Error> {
        Ok(Option::<T>::deserialize(d)?.map_or_else(OnceLock::new, OnceLock::from))
    }
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
        let index: foldhash::HashMap<&str, u32> = announcements
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i as u32))
            .collect();
        let revises = announcements
            .iter()
            .map(|a| {
                a.revises
                    .as_deref()
                    .and_then(|id| index.get(id))
                    .map_or(NO_RECORD, |&t| t)
            })
            .collect();
        drop(index);
        Self::with_revises(companies, announcements, revises, countries, rates)
    }

    /// `new`, given what each record's `revises` names as a position in `announcements`
    /// (`NO_RECORD`: nothing), as the loader has already resolved it.
    pub fn with_revises(
        companies: Vec<Company>,
        mut announcements: Vec<Announcement>,
        revises_at: Vec<u32>,
        countries: Countries,
        rates: RateTable,
    ) -> Self {
        let n = announcements.len();
        // The date order and the id index are sorted side by side, on keys copied into one
        // array each (comparing them does not chase every record); records then move once.
        let (order, by_id_before) = {
            let all = &announcements;
            std::thread::scope(|s| {
                let by_id = s.spawn(move || {
                    let mut keys: Vec<(&str, u32)> = all
                        .iter()
                        .enumerate()
                        .map(|(i, a)| (a.id.as_str(), i as u32))
                        .collect();
                    keys.sort_unstable();
                    keys.into_iter().map(|(_, i)| i).collect::<Vec<u32>>()
                });
                let mut keys: Vec<(NaiveDate, &str, u32)> = all
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.date, a.id.as_str(), i as u32))
                    .collect();
                keys.sort_unstable();
                let order: Vec<u32> = keys.into_iter().map(|(_, _, i)| i).collect();
                let by_id = by_id
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (order, by_id)
            })
        };
        let mut new_position = vec![0u32; n];
        for (new, &old) in order.iter().enumerate() {
            new_position[old as usize] = new as u32;
        }
        let renumber = |old: u32| match old {
            NO_RECORD => NO_RECORD,
            i => new_position[i as usize],
        };
        let by_id: Vec<u32> = by_id_before.into_iter().map(renumber).collect();
        let mut revises: Vec<u32> = revises_at.into_iter().map(renumber).collect();
        permute(&mut announcements, &order);
        permute(&mut revises, &order);
        let mut revised_by = vec![Vec::new(); n];
        for (i, &t) in revises.iter().enumerate() {
            if t != NO_RECORD {
                revised_by[t as usize].push(i);
            }
        }
        let company_by_id = companies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i as u32))
            .collect();
        Self {
            companies,
            announcements,
            countries,
            rates,
            by_id,
            company_by_id,
            revised_by,
            revises,
            haystacks: OnceLock::new(),
            title_ranks: OnceLock::new(),
            company_ranks: OnceLock::new(),
        }
    }

    /// Derives now what is otherwise derived on first use (search text, sort ranks): beside
    /// the first frame.
    pub fn derive_all(&self) {
        self.haystacks();
        self.derive_ranks();
    }

    /// Derives the sort ranks, the derived values the cache stores.
    pub fn derive_ranks(&self) {
        self.title_ranks();
        self.company_ranks();
    }

    fn haystacks(&self) -> &[String] {
        self.haystacks.get_or_init(|| {
            self.announcements
                .iter()
                .map(|a| haystack(a, &self.companies[a.company]))
                .collect()
        })
    }

    fn title_ranks(&self) -> &[u32] {
        self.title_ranks
            .get_or_init(|| ranks(&self.announcements, |a| a.title.to_lowercase()))
    }

    fn company_ranks(&self) -> &[u32] {
        self.company_ranks.get_or_init(|| {
            let by_name = ranks(&self.companies, |c| c.name.to_lowercase());
            self.announcements
                .iter()
                .map(|a| by_name[a.company])
                .collect()
        })
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
            && self.revises.iter().all(|&t| t == NO_RECORD || index_ok(t))
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
            && self.haystacks.get().is_none_or(|v| v.len() == n)
            && self.title_ranks.get().is_none_or(|v| v.len() == n)
            && self.company_ranks.get().is_none_or(|v| v.len() == n)
            && self.rates.is_consistent()
    }

    pub fn title_rank(&self, i: usize) -> u32 {
        self.title_ranks()[i]
    }

    pub fn company_rank(&self, i: usize) -> u32 {
        self.company_ranks()[i]
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
        &self.haystacks()[i]
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
        (t != NO_RECORD).then_some(t as usize)
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

/// What `revises` holds for a record that revises nothing.
pub const NO_RECORD: u32 = u32::MAX;

/// Puts `v` in the order `order` gives (`v[k]` becomes the old `v[order[k]]`), in place: each
/// cycle of the permutation is followed once, so no item is copied to a second array.
fn permute<T>(v: &mut [T], order: &[u32]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done[start] {
            continue;
        }
        let mut cur = start;
        loop {
            done[cur] = true;
            let src = order[cur] as usize;
            if src == start {
                break;
            }
            v.swap(cur, src);
            cur = src;
        }
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
    let mut push = |part: &str| {
        // Most text is ASCII: lower-cased byte by byte, without a second string.
        if part.is_ascii() {
            s.extend(part.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            s.push_str(&part.to_lowercase());
        }
        s.push('\n');
    };
    for part in [
        Some(&a.title),
        a.summary.as_ref(),
        Some(&c.name),
        c.local_name.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        push(part);
    }
    for t in &a.tags {
        push(t);
    }
    for site in &a.sites {
        if let Some(city) = &site.city {
            push(city);
        }
    }
    s
}
