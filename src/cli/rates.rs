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
        Some(RatesCommand::Import { file, force }) => {
            let target = target.ok_or_else(|| {
                Failure::usage("no data directory: set XDG_DATA_HOME or HOME".to_string())
            })?;
            let msg = import(file, &target, *force)?;
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
    }
    let dir: PathBuf = target.parent().map(Path::to_path_buf).unwrap_or_default();
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))?;
    write_atomic(target, text.as_bytes())
        .map_err(|e| Failure::usage(format!("cannot write {}: {e}", target.display())))?;
    Ok(format!(
        "imported {shown}: {}\nstored as {}",
        describe(&table),
        target.display()
    ))
}
