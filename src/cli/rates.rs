//! `aiinvest rates [status]`: the ECB rates file in use and its dates.
//! `aiinvest rates import FILE [--force]`: a newer `eurofxref-hist.csv` (or the ECB's
//! `eurofxref-hist.zip`), validated, kept in the user's data directory, written atomically.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::args::{GlobalArgs, RatesCommand};
use super::output::print;
use super::{EXIT_OK, Failure, paths, sources};
use crate::atomic::write_atomic;
use crate::fx::RateTable;
use crate::load::{BUNDLED_ECB, FileKind, RatesOrigin, rates_origin, read_bytes, read_ecb};

/// The largest CSV taken out of a zip (the ECB's is about 2 MB): a guard against zip bombs.
const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(g: &GlobalArgs, cmd: Option<&RatesCommand>) -> Result<i32, Failure> {
    let target = paths::imported_rates(&paths::real_env);
    match cmd {
        None | Some(RatesCommand::Status) => status(g, target.as_deref()),
        Some(RatesCommand::Import { file, force, undo }) => {
            let target = target.ok_or_else(|| {
                Failure::usage("no data directory: set XDG_DATA_HOME or HOME".to_string())
            })?;
            let msg = match file {
                Some(file) if !undo => import(file, &target, *force)?,
                _ => undo_import(&target)?,
            };
            print(&format!("{msg}\n"), EXIT_OK)
        }
    }
}

fn describe(t: &RateTable) -> String {
    let d = |x: Option<chrono::NaiveDate>| x.map_or("-".to_string(), |d| d.to_string());
    format!(
        "{} to {}, {} currencies",
        d(t.first_date()),
        d(t.last_date()),
        t.currencies().len() - 1
    )
}

fn status(g: &GlobalArgs, imported: Option<&Path>) -> Result<i32, Failure> {
    let origin = rates_origin(&sources(g).data_dirs, imported);
    let table = read_ecb(&origin).map_err(|e| Failure::usage(e.0))?;
    let what = match &origin {
        RatesOrigin::DataDir(p) => format!("{} (from a data directory)", p.display()),
        RatesOrigin::Imported(p) => format!("{} (imported)", p.display()),
        RatesOrigin::Bundled => "bundled with aiinvest".to_string(),
    };
    let mut out = format!("rates in use: {what}\n  {}\n", describe(&table));
    if origin != RatesOrigin::Bundled {
        out += &format!("bundled: {}\n", describe(&bundled()));
    }
    if let (RatesOrigin::DataDir(_), Some(p)) = (&origin, imported)
        && p.is_file()
    {
        out += &format!(
            "imported (not in use while a data directory has rates): {}\n",
            p.display()
        );
    }
    print(&out, EXIT_OK)
}

fn bundled() -> RateTable {
    RateTable::from_ecb_csv(BUNDLED_ECB).expect("the bundled rates parse")
}

/// The CSV text of `file`: the file itself, or the `.csv` inside a zip.
fn read_input(file: &Path) -> Result<String, Failure> {
    let bytes = read_bytes(file, FileKind::RatesImport)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))?;
    let shown = file.display();
    let bytes = if bytes.starts_with(b"PK") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| Failure::usage(format!("{shown}: not a readable zip file: {e}")))?;
        let names: Vec<String> = zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect();
        let name = names
            .iter()
            .find(|n| n.rsplit('/').next() == Some("eurofxref-hist.csv"))
            .or_else(|| {
                let csvs: Vec<&String> = names.iter().filter(|n| n.ends_with(".csv")).collect();
                (csvs.len() == 1).then(|| csvs[0])
            })
            .ok_or_else(|| Failure::usage(format!("{shown}: the zip holds no eurofxref-hist.csv")))?
            .clone();
        let entry = zip
            .by_name(&name)
            .map_err(|e| Failure::usage(format!("{shown}: {name}: {e}")))?;
        let mut out = Vec::new();
        entry
            .take(MAX_CSV_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| Failure::usage(format!("{shown}: {name}: {e}")))?;
        if out.len() as u64 > MAX_CSV_BYTES {
            return Err(Failure::usage(format!(
                "{shown}: {name} is implausibly large"
            )));
        }
        out
    } else {
        bytes
    };
    String::from_utf8(bytes).map_err(|_| Failure::usage(format!("{shown}: not UTF-8 text")))
}

/// A truncated download: a last row with fewer cells than the header, or no line end.
fn check_complete(text: &str, shown: &str) -> Result<(), Failure> {
    let cells = |l: &str| l.trim_end_matches(['\r', ',']).split(',').count();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().map(cells).unwrap_or(0);
    for (i, l) in text.lines().enumerate() {
        if i > 0 && !l.trim().is_empty() && cells(l) != header {
            return Err(Failure::usage(format!(
                "{shown}:{}: {} values where the header has {header}: the file looks truncated or damaged",
                i + 1,
                cells(l)
            )));
        }
    }
    Ok(())
}

/// Where the rates replaced by the last import are kept, beside `target`. An empty file says
/// the bundled rates were in use.
pub fn previous_of(target: &Path) -> PathBuf {
    target.with_file_name("eurofxref-hist.previous.csv")
}

/// Puts back the rates in use before the last import.
pub fn undo_import(target: &Path) -> Result<String, Failure> {
    let prev = previous_of(target);
    let bytes = match std::fs::read(&prev) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Failure::usage("nothing to undo: no import is on record"));
        }
        Err(e) => {
            return Err(Failure::usage(format!(
                "cannot read {}: {e}",
                prev.display()
            )));
        }
    };
    let cannot = |e: std::io::Error, p: &Path| Failure::usage(format!("{}: {e}", p.display()));
    if bytes.is_empty() {
        match std::fs::remove_file(target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(cannot(e, target)),
            _ => {}
        }
        std::fs::remove_file(&prev).map_err(|e| cannot(e, &prev))?;
        return Ok("removed the imported rates: the bundled rates are in use".into());
    }
    std::fs::rename(&prev, target).map_err(|e| cannot(e, target))?;
    let table =
        read_ecb(&RatesOrigin::Imported(target.to_path_buf())).map_err(|e| Failure::usage(e.0))?;
    Ok(format!(
        "restored the rates in use before the last import: {}",
        describe(&table)
    ))
}

/// What a new table lacks that the rates in use have: currencies quoted there and not here,
/// days there and not here (both lists sorted).
fn losses(current: &RateTable, new: &RateTable) -> Vec<String> {
    let have = new.quoted();
    let dropped: Vec<String> = current
        .quoted()
        .into_iter()
        .filter(|c| have.binary_search(c).is_err())
        .map(|c| c.to_string())
        .collect();
    let mut out = Vec::new();
    if !dropped.is_empty() {
        out.push(format!(
            "it lacks {} of the {} currencies the rates in use have ({})",
            dropped.len(),
            current.quoted().len(),
            dropped.join(", ")
        ));
    }
    let days = new.dates();
    let missing: Vec<chrono::NaiveDate> = current
        .dates()
        .iter()
        .filter(|d| days.binary_search(d).is_err())
        .copied()
        .collect();
    if let Some(first) = missing.first() {
        out.push(format!(
            "it lacks {} day(s) the rates in use have (the first: {first})",
            missing.len()
        ));
    }
    out
}

/// Validates `file` and stores it at `target`; returns what was done.
pub fn import(file: &Path, target: &Path, force: bool) -> Result<String, Failure> {
    let shown = file.display().to_string();
    let text = read_input(file)?;
    let table = RateTable::from_ecb_csv(&text)
        .map_err(|e| Failure::usage(format!("{shown}:{}: {}", e.line, e.message)))?;
    check_complete(&text, &shown)?;
    let new_last = table.last_date();
    let bundled = bundled();
    // Compare with the newest rates this user has: the bundled ones or an earlier import.
    let mut current = vec![("bundled", bundled.last_date())];
    if target.is_file()
        && let Ok(t) = read_ecb(&RatesOrigin::Imported(target.to_path_buf()))
    {
        current.push(("imported", t.last_date()));
    }
    if !force {
        for (what, last) in &current {
            if new_last < *last {
                return Err(Failure::usage(format!(
                    "{shown}: its newest rates are of {}, older than the {what} rates ({}); --force imports it anyway",
                    new_last.map_or("-".into(), |d| d.to_string()),
                    last.map_or("-".into(), |d| d.to_string())
                )));
            }
        }
        if table.first_date() > bundled.first_date() {
            return Err(Failure::usage(format!(
                "{shown}: it starts on {}, after the bundled series ({}): a partial or truncated file? --force imports it anyway",
                table.first_date().map_or("-".into(), |d| d.to_string()),
                bundled.first_date().map_or("-".into(), |d| d.to_string())
            )));
        }
        if table.quoted().is_empty() {
            return Err(Failure::usage(format!(
                "{shown}: it has no usable rate (every value is N/A); --force imports it anyway"
            )));
        }
        let in_use = match read_ecb(&RatesOrigin::Imported(target.to_path_buf())) {
            Ok(t) if target.is_file() => t,
            _ => bundled.clone(),
        };
        let lost = losses(&in_use, &table);
        if !lost.is_empty() {
            return Err(Failure::usage(format!(
                "{shown}: {}; --force imports it anyway",
                lost.join("; ")
            )));
        }
    }
    let dir: PathBuf = target.parent().map(Path::to_path_buf).unwrap_or_default();
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))?;
    // The rates in use are kept for `--undo` (an empty file: the bundled ones were).
    let prev = previous_of(target);
    let kept = match std::fs::read(target) {
        Ok(bytes) => write_atomic(&prev, &bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => write_atomic(&prev, b""),
        Err(e) => Err(e),
    };
    kept.map_err(|e| Failure::usage(format!("cannot keep the rates in use: {e}")))?;
    write_atomic(target, text.as_bytes())
        .map_err(|e| Failure::usage(format!("cannot write {}: {e}", target.display())))?;
    Ok(format!(
        "imported {shown}: {}\nstored as {} (`aiinvest rates import --undo` goes back)",
        describe(&table),
        target.display()
    ))
}
