//! Checks across files: unique company and announcement ids, `revises` and `part_of` naming
//! known and earlier records, and no cycles. Each failing record is skipped with a diagnostic;
//! skipping can orphan another record's reference, so reference checks run until stable.

use std::collections::{HashMap, HashSet};

use super::company_file::{ParsedFile, RecordRefs};
use super::diagnostic::{Diagnostic, Severity};
use crate::model::announcement::{Announcement, Company, Origin};

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

/// Files in load order -> companies and announcements that passed, with `company` indices set.
pub fn validate(
    files: Vec<ParsedFile>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Company>, Vec<Announcement>) {
    let mut companies: Vec<Company> = Vec::new();
    let mut company_ids: HashMap<String, usize> = HashMap::new();
    let mut records: Vec<(Announcement, RecordRefs)> = Vec::new();
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
    {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(records.len());
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
    }
    if !duplicates.is_empty() {
        // Not `drop_records`: the id stays defined (by its first record).
        let mut i = 0;
        records.retain(|_| {
            i += 1;
            !duplicates.contains(&(i - 1))
        });
    }

    // Dropping a record can orphan references to it, so repeat until nothing changes.
    while check_references(&mut records, &mut dropped, diags)
        || check_cycles(&mut records, &mut dropped, diags)
    {}

    (companies, records.into_iter().map(|(a, _)| a).collect())
}

type Records = Vec<(Announcement, RecordRefs)>;

/// References must name a loaded record; `revises` must name one dated on or before.
/// A record whose reference fails is dropped, and so, in turn, is every record referring to
/// a dropped one. Reports in rounds (direct failures first, then those that named them, ...),
/// each round in record order; one pass over the references, however long the chains.
/// Returns whether a record was dropped.
fn check_references(
    records: &mut Records,
    dropped: &mut HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    const KEYS: [&str; 2] = ["revises", "part_of"];
    let refs_of = |a: &Announcement, refs: &RecordRefs| {
        [
            (a.revises.clone(), refs.revises.clone()),
            (a.part_of.clone(), refs.part_of.clone()),
        ]
    };
    let index: HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, (a, _))| (a.id.as_str(), i))
        .collect();
    // For each record, the records (and which of their keys) that refer to it.
    let mut referrers: Vec<Vec<(usize, usize)>> = vec![Vec::new(); records.len()];
    let mut bad = vec![false; records.len()];
    let mut round: Vec<(usize, usize, Diagnostic)> = Vec::new();
    for (i, (a, refs)) in records.iter().enumerate() {
        for (k, (target, o)) in refs_of(a, refs).into_iter().enumerate() {
            let (Some(target), Some(o)) = (target, o) else {
                continue;
            };
            let key = KEYS[k];
            let d = match index.get(target.as_str()) {
                None if dropped.contains(&target) => at(
                    &o,
                    format!("`{key}` names `{target}`, which was skipped for errors"),
                ),
                None => at(&o, format!("`{key}` names an unknown id `{target}`")),
                Some(&j) if key == "revises" && records[j].0.date > a.date => at(
                    &o,
                    format!(
                        "`revises` names `{target}`, a later announcement ({} after {})",
                        records[j].0.date, a.date
                    ),
                ),
                Some(&j) => {
                    referrers[j].push((i, k));
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
                let (target, o) = refs_of(a, refs)[k].clone();
                if let (Some(target), Some(o)) = (target, o) {
                    round.push((
                        i,
                        k,
                        at(
                            &o,
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
    }
    changed
}

/// Cycles of `revises` or of `part_of`: every member is skipped. Returns whether any was.
fn check_cycles(
    records: &mut Records,
    dropped: &mut HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut changed = false;
    for key in ["revises", "part_of"] {
        fn next<'a>(a: &'a Announcement, key: &str) -> Option<&'a str> {
            if key == "revises" {
                a.revises.as_deref()
            } else {
                a.part_of.as_deref()
            }
        }
        let index: HashMap<&str, usize> = records
            .iter()
            .enumerate()
            .map(|(i, (a, _))| (a.id.as_str(), i))
            .collect();
        let mut in_cycle: HashSet<usize> = HashSet::new();
        let mut done = vec![false; records.len()];
        // Where a record sits on the current walk, to find a cycle's start in O(1).
        let mut on_path: HashMap<usize, usize> = HashMap::new();
        for start in 0..records.len() {
            let mut path: Vec<usize> = Vec::new();
            on_path.clear();
            let mut cur = Some(start);
            while let Some(i) = cur {
                if done[i] {
                    break;
                }
                if let Some(&pos) = on_path.get(&i) {
                    in_cycle.extend(&path[pos..]);
                    break;
                }
                on_path.insert(i, path.len());
                path.push(i);
                cur = next(&records[i].0, key).and_then(|t| index.get(t).copied());
            }
            for i in path {
                done[i] = true;
            }
        }
        if in_cycle.is_empty() {
            continue;
        }
        let mut members: Vec<usize> = in_cycle.iter().copied().collect();
        members.sort();
        for &i in &members {
            let (a, refs) = &records[i];
            let o = if key == "revises" {
                &refs.revises
            } else {
                &refs.part_of
            };
            let o = o.as_ref().unwrap_or(&refs.id);
            diags.push(at(
                o,
                format!("`{key}` of `{}` forms a cycle; record skipped", a.id),
            ));
        }
        drop_records(records, &in_cycle, dropped);
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
