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
/// Returns whether a record was dropped.
fn check_references(
    records: &mut Records,
    dropped: &mut HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut changed = false;
    loop {
        let index: HashMap<&str, usize> = records
            .iter()
            .enumerate()
            .map(|(i, (a, _))| (a.id.as_str(), i))
            .collect();
        let mut bad: Vec<(usize, Diagnostic)> = Vec::new();
        for (i, (a, refs)) in records.iter().enumerate() {
            for (key, target, o) in [
                ("revises", &a.revises, &refs.revises),
                ("part_of", &a.part_of, &refs.part_of),
            ] {
                let (Some(target), Some(o)) = (target, o) else {
                    continue;
                };
                match index.get(target.as_str()) {
                    None if dropped.contains(target) => bad.push((
                        i,
                        at(
                            o,
                            format!("`{key}` names `{target}`, which was skipped for errors"),
                        ),
                    )),
                    None => bad.push((i, at(o, format!("`{key}` names an unknown id `{target}`")))),
                    Some(&j) if key == "revises" && records[j].0.date > a.date => bad.push((
                        i,
                        at(
                            o,
                            format!(
                                "`revises` names `{target}`, a later announcement ({} after {})",
                                records[j].0.date, a.date
                            ),
                        ),
                    )),
                    Some(_) => {}
                }
            }
        }
        if bad.is_empty() {
            return changed;
        }
        let skip: HashSet<usize> = bad.iter().map(|(i, _)| *i).collect();
        diags.extend(bad.into_iter().map(|(_, d)| d));
        drop_records(records, &skip, dropped);
        changed = true;
    }
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
        let mut done: HashSet<usize> = HashSet::new();
        for start in 0..records.len() {
            let mut path: Vec<usize> = Vec::new();
            let mut cur = Some(start);
            while let Some(i) = cur {
                if done.contains(&i) {
                    break;
                }
                if let Some(pos) = path.iter().position(|&p| p == i) {
                    in_cycle.extend(&path[pos..]);
                    break;
                }
                path.push(i);
                cur = next(&records[i].0, key).and_then(|t| index.get(t).copied());
            }
            done.extend(path);
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
