//! Checks across files: unique company and announcement ids, `revises` and `part_of` naming
//! known and earlier records, and no cycles. Each failing record is skipped with a diagnostic;
//! skipping can orphan another record's reference, so reference checks run until stable.

use std::collections::HashSet;

use foldhash::HashMap;

use super::company_file::{ParsedFile, RecordRefs};
use super::diagnostic::{Diagnostic, Severity};
use crate::model::announcement::{Announcement, Company, Origin};
use crate::model::dataset::NO_RECORD;

fn at(o: &Origin, message: String) -> Diagnostic {
    Diagnostic {
        path: o.path.to_string(),
        line: o.line,
        col: o.col,
        severity: Severity::Error,
        message,
    }
}

fn place(o: &Origin) -> String {
    format!("{}:{}:{}", o.path, o.line, o.col)
}

/// What passed: companies, and announcements with `company` indices set.
pub struct Validated {
    pub companies: Vec<Company>,
    pub announcements: Vec<Announcement>,
    /// For each announcement, the position of the one its `revises` names
    /// (`dataset::NO_RECORD`: none).
    pub revises: Vec<u32>,
}

/// Files in load order -> what passed.
pub fn validate(files: Vec<ParsedFile>, diags: &mut Vec<Diagnostic>) -> Validated {
    let mut companies: Vec<Company> = Vec::new();
    let mut company_ids: HashMap<String, usize> = HashMap::default();
    let total = files.iter().map(|f| f.announcements.len()).sum();
    let mut records: Vec<(Announcement, RecordRefs)> = Vec::with_capacity(total);
    // Ids of records dropped for errors of their own, to explain dangling references.
    let mut dropped: HashSet<String> = HashSet::new();

    for file in files {
        dropped.extend(file.skipped);
        if let Some(&i) = company_ids.get(&file.company.id) {
            diags.push(at(
                &file.company.origin,
                format!(
                    "duplicate company id `{}` (first defined at {}); file skipped",
                    file.company.id,
                    place(&companies[i].origin)
                ),
            ));
            continue;
        }
        let index = companies.len();
        company_ids.insert(file.company.id.clone(), index);
        companies.push(file.company);
        records.extend(file.announcements.into_iter().map(|(mut a, refs)| {
            a.company = index;
            (a, refs)
        }));
    }

    // Duplicate ids: the first one read wins; later ones are skipped, naming the first.
    let mut duplicates: HashSet<usize> = HashSet::new();
    let links = {
        let mut first = id_index(&[]);
        first.reserve(records.len());
        for (i, (a, refs)) in records.iter().enumerate() {
            if let Some(&j) = first.get(a.id.as_str()) {
                diags.push(at(
                    &refs.id,
                    format!(
                        "duplicate announcement id `{}` (first defined at {}); record skipped",
                        a.id,
                        place(&records[j].1.id)
                    ),
                ));
                duplicates.insert(i);
            } else {
                first.insert(&a.id, i);
            }
        }
        // Without duplicates, that is the id index the links are resolved by.
        duplicates.is_empty().then(|| links_by(&records, &first))
    };
    if !duplicates.is_empty() {
        // Not `drop_records`: the id stays defined (by its first record).
        let mut i = 0;
        records.retain(|_| {
            i += 1;
            !duplicates.contains(&(i - 1))
        });
    }
    let mut links = links.unwrap_or_else(|| resolve(&records));

    // Dropping a record can orphan references to it, so repeat until nothing changes.
    while check_references(&mut records, &mut links, &mut dropped, diags)
        || check_cycles(&mut records, &mut links, &mut dropped, diags)
    {}

    // Every reference left names a loaded record.
    let revises = links
        .iter()
        .map(|l| if l[0] == UNKNOWN { NO_RECORD } else { l[0] })
        .collect();
    Validated {
        companies,
        announcements: records.into_iter().map(|(a, _)| a).collect(),
        revises,
    }
}

type Records = Vec<(Announcement, RecordRefs)>;

/// The keys by which a record names another, in the order they are checked.
const KEYS: [&str; 2] = ["revises", "part_of"];

/// The id a record names by `KEYS[k]`, and where that was written.
fn reference<'a>(
    a: &'a Announcement,
    refs: &'a RecordRefs,
    k: usize,
) -> (Option<&'a str>, Option<&'a Origin>) {
    if k == 0 {
        (a.revises.as_deref(), refs.revises.as_ref())
    } else {
        (a.part_of.as_deref(), refs.part_of.as_ref())
    }
}

/// Each record's targets, by `KEYS`: the position of the record named (`NONE`: nothing is
/// named, `UNKNOWN`: no loaded record has that id). Resolved once, and again only after
/// records are dropped.
type Links = Vec<[u32; 2]>;
const NONE: u32 = NO_RECORD;
const UNKNOWN: u32 = u32::MAX - 1;

fn resolve(records: &Records) -> Links {
    links_by(records, &id_index(records))
}

fn links_by(records: &Records, index: &HashMap<&str, usize>) -> Links {
    let target = |t: Option<&str>| match t {
        None => NONE,
        Some(t) => index.get(t).map_or(UNKNOWN, |&j| j as u32),
    };
    records
        .iter()
        .map(|(a, _)| [target(a.revises.as_deref()), target(a.part_of.as_deref())])
        .collect()
}

/// Record ids to their positions in `records`.
fn id_index(records: &[(Announcement, RecordRefs)]) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity_and_hasher(records.len(), Default::default());
    index.extend(
        records
            .iter()
            .enumerate()
            .map(|(i, (a, _))| (a.id.as_str(), i)),
    );
    index
}

/// References must name a loaded record; `revises` must name one dated on or before.
/// A record whose reference fails is dropped, and so, in turn, is every record referring to
/// a dropped one. Reports in rounds (direct failures first, then those that named them, ...),
/// each round in record order; one pass over the references, however long the chains.
/// Returns whether a record was dropped.
fn check_references(
    records: &mut Records,
    links: &mut Links,
    dropped: &mut HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    // For each record, the records (and which of their keys) that refer to it.
    let mut referrers: Vec<Vec<(usize, usize)>> = vec![Vec::new(); records.len()];
    let mut bad = vec![false; records.len()];
    let mut round: Vec<(usize, usize, Diagnostic)> = Vec::new();
    for (i, (a, refs)) in records.iter().enumerate() {
        for k in 0..KEYS.len() {
            let (Some(target), Some(o)) = reference(a, refs, k) else {
                continue;
            };
            let key = KEYS[k];
            let d = match links[i][k] {
                UNKNOWN if dropped.contains(target) => at(
                    o,
                    format!("`{key}` names `{target}`, which was skipped for errors"),
                ),
                UNKNOWN => at(o, format!("`{key}` names an unknown id `{target}`")),
                j if key == "revises" && records[j as usize].0.date > a.date => at(
                    o,
                    format!(
                        "`revises` names `{target}`, a later announcement ({} after {})",
                        records[j as usize].0.date, a.date
                    ),
                ),
                j => {
                    referrers[j as usize].push((i, k));
                    continue;
                }
            };
            round.push((i, k, d));
        }
    }
    let mut changed = false;
    while !round.is_empty() {
        round.sort_by_key(|(i, k, _)| (*i, *k));
        let mut next: Vec<usize> = Vec::new();
        for (i, _, d) in round.drain(..) {
            diags.push(d);
            if !bad[i] {
                bad[i] = true;
                next.push(i);
            }
        }
        changed = true;
        // Records naming one just dropped fail in the next round.
        for j in next {
            for &(i, k) in &referrers[j] {
                if bad[i] {
                    continue;
                }
                let (a, refs) = &records[i];
                if let (Some(target), Some(o)) = reference(a, refs, k) {
                    round.push((
                        i,
                        k,
                        at(
                            o,
                            format!(
                                "`{}` names `{target}`, which was skipped for errors",
                                KEYS[k]
                            ),
                        ),
                    ));
                }
            }
        }
        // A record named by two records dropped in the same round reports both, as before;
        // one already reported this round is not reported again.
        round.sort_by_key(|(i, k, _)| (*i, *k));
        round.dedup_by_key(|(i, k, _)| (*i, *k));
    }
    if changed {
        let skip: HashSet<usize> = (0..records.len()).filter(|&i| bad[i]).collect();
        drop_records(records, &skip, dropped);
        *links = resolve(records);
    }
    changed
}

/// Cycles of `revises` or of `part_of`: every member is skipped. Returns whether any was.
fn check_cycles(
    records: &mut Records,
    links: &mut Links,
    dropped: &mut HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut changed = false;
    for (k, key) in KEYS.into_iter().enumerate() {
        // Walks along `next`, each record visited once: 0 = not yet, 1 = on the current
        // walk (at `pos` in `path`), 2 = done.
        let mut state = vec![0u8; records.len()];
        let mut pos = vec![0u32; records.len()];
        let mut path: Vec<usize> = Vec::new();
        let mut in_cycle: HashSet<usize> = HashSet::new();
        for start in 0..records.len() {
            path.clear();
            let mut cur = start;
            loop {
                match state[cur] {
                    2 => break,
                    1 => {
                        in_cycle.extend(&path[pos[cur] as usize..]);
                        break;
                    }
                    _ => {}
                }
                state[cur] = 1;
                pos[cur] = path.len() as u32;
                path.push(cur);
                match links[cur][k] {
                    NONE | UNKNOWN => break,
                    j => cur = j as usize,
                }
            }
            for &i in &path {
                state[i] = 2;
            }
        }
        if in_cycle.is_empty() {
            continue;
        }
        let mut members: Vec<usize> = in_cycle.iter().copied().collect();
        members.sort();
        for &i in &members {
            let (a, refs) = &records[i];
            let o = reference(a, refs, k).1.unwrap_or(&refs.id);
            diags.push(at(
                o,
                format!("`{key}` of `{}` forms a cycle; record skipped", a.id),
            ));
        }
        drop_records(records, &in_cycle, dropped);
        *links = resolve(records);
        changed = true;
    }
    changed
}

fn drop_records(records: &mut Records, skip: &HashSet<usize>, dropped: &mut HashSet<String>) {
    let mut i = 0;
    records.retain(|(a, _)| {
        let keep = !skip.contains(&i);
        if !keep {
            dropped.insert(a.id.clone());
        }
        i += 1;
        keep
    });
}
