//! Loading: company files (bundled or from `--data` directories) and reference tables into a
//! validated `Dataset`, with diagnostics for everything that was skipped.

pub mod cache;
pub mod company_file;
pub mod diagnostic;
mod fields;
mod limits;
mod lint;
pub mod progress;
mod validate;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use self::cache::CacheOutcome;
use self::company_file::parse_company_file;
use self::diagnostic::{Diagnostic, Severity};
use self::progress::Progress;
use crate::fx::RateTable;
use crate::geo::Countries;
use crate::model::dataset::Dataset;
use crate::model::tiers::SourceTiers;

pub(crate) use self::limits::is_nesting_error;
pub use self::limits::{FileKind, MAX_FILE_BYTES, MAX_NESTING, read_bytes, read_text};
pub use self::lint::lint;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

pub const BUNDLED_COUNTRIES: &str = include_str!("../../data/countries.toml");
pub const BUNDLED_ECB: &str = include_str!("../../data/fx/eurofxref-hist.csv");
pub const BUNDLED_PEGS: &str = include_str!("../../data/fx/pegs.toml");
pub const BUNDLED_TIERS: &str = include_str!("../../data/sources.toml");

/// One company file's bytes and the path it is reported under.
pub struct InputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What to load: `--data` directories (in order) and whether the bundled records join them.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub data_dirs: Vec<PathBuf>,
    pub bundled: bool,
}

/// A failure that leaves nothing to show: exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub struct Loaded {
    pub dataset: Dataset,
    pub diagnostics: Vec<Diagnostic>,
}

/// The paths of `DIR/announcements/*.toml`, sorted by name.
fn list_dir_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let sub = dir.join("announcements");
    let rd = std::fs::read_dir(&sub)
        .map_err(|e| LoadError(format!("cannot read {}: {e}", sub.display())))?;
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    Ok(paths)
}

/// A company file that cannot be read (permissions, an I/O error) is a diagnostic; the other
/// files still load.
fn unreadable(p: &Path, e: std::io::Error) -> Diagnostic {
    let path = p.display().to_string();
    diagnostic::SourceText::new(&path, "").diagnostic(
        0,
        Severity::Error,
        format!("cannot read the file: {e}; file skipped"),
    )
}

/// A company file to load: one to read from disk, or bytes already in memory (the bundled
/// files, a test's).
#[derive(Clone, Copy)]
enum Input<'a> {
    Disk(&'a Path),
    Memory { path: &'a str, bytes: &'a [u8] },
}

/// Each file's digest (see `file_digest`), read on all cores through one reused buffer per
/// core: to look the cache up without holding every file in memory. `None` when a file
/// cannot be read (the load then reads afresh and reports it).
fn digest_files(paths: &[PathBuf], progress: &Progress) -> Option<Vec<[u64; 2]>> {
    progress.start(paths.len());
    let parts: Vec<Option<Vec<[u64; 2]>>> = in_parallel(paths, |part| {
        let mut buf = Vec::new();
        part.iter()
            .map(|p| {
                read_limited(p, &mut buf).ok()?;
                progress.step();
                Some(file_digest(&p.display().to_string(), &buf))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(paths.len());
    for part in parts {
        out.extend(part?);
    }
    Some(out)
}

/// A company file's own 128-bit digest, of its path and bytes.
fn file_digest(path: &str, bytes: &[u8]) -> [u64; 2] {
    let mut k = cache::KeyBuilder::default();
    k.add(path, bytes);
    k.finish()
}

/// How many pieces work is split into: one per core (at most 8); 1 for too few items.
fn pieces(items: usize) -> usize {
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if items < 16 { 1 } else { cores }
}

/// Runs `f` on each piece on its own thread, side by side; results in the pieces' order. A
/// panic in `f` is a bug and is passed on, never turned into missing results.
pub(crate) fn on_cores<P: Send, R: Send>(pieces: Vec<P>, f: impl Fn(P) -> R + Sync) -> Vec<R> {
    if pieces.len() < 2 {
        return pieces.into_iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = pieces.into_iter().map(|p| s.spawn(move || f(p))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Runs `f` on up to one slice of `items` per core (see `on_cores`); results in input order.
pub(crate) fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let size = items.len().div_ceil(pieces(items.len())).max(1);
    on_cores(items.chunks(size).collect(), f)
}

/// A file's bytes into `buf` (replacing what it held), but never more than one byte past
/// `MAX_FILE_BYTES`: enough for `load_files` to see that it is too large, without holding a
/// huge file in memory.
fn read_limited(p: &Path, buf: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    let file = std::fs::File::open(p)?;
    // Sized from the file's length, so the bytes are read once, not grown and copied.
    let len = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_FILE_BYTES as u64 + 1);
    buf.clear();
    buf.reserve(len as usize + 1);
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(buf)?;
    Ok(())
}

/// Where the ECB rates come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatesOrigin {
    /// `DIR/fx/eurofxref-hist.csv` of a data directory.
    DataDir(PathBuf),
    /// The file the user imported with `aiinvest rates import`.
    Imported(PathBuf),
    /// The copy compiled into the binary.
    Bundled,
}

impl RatesOrigin {
    /// The path diagnostics name the file by.
    pub fn label(&self) -> String {
        match self {
            RatesOrigin::DataDir(p) | RatesOrigin::Imported(p) => p.display().to_string(),
            RatesOrigin::Bundled => "data/fx/eurofxref-hist.csv".into(),
        }
    }
}

/// The ECB rates file in use: the first data directory that has one, else the user's
/// imported rates (when `imported` exists), else the bundled file.
pub fn rates_origin(dirs: &[PathBuf], imported: Option<&Path>) -> RatesOrigin {
    let rel = "fx/eurofxref-hist.csv";
    if let Some(p) = dirs.iter().map(|d| d.join(rel)).find(|p| p.is_file()) {
        return RatesOrigin::DataDir(p);
    }
    match imported.filter(|p| p.is_file()) {
        Some(p) => RatesOrigin::Imported(p.to_path_buf()),
        None => RatesOrigin::Bundled,
    }
}

/// The text of the ECB rates file of `origin`.
fn ecb_text(origin: &RatesOrigin) -> Result<Cow<'static, str>, LoadError> {
    Ok(match origin {
        RatesOrigin::DataDir(p) | RatesOrigin::Imported(p) => read_text(p, FileKind::Rates)
            .map_err(|e| LoadError(format!("cannot read {}: {e}", p.display())))?
            .into(),
        RatesOrigin::Bundled => BUNDLED_ECB.into(),
    })
}

/// Reads the ECB rates of `origin` (without pegs).
pub fn read_ecb(origin: &RatesOrigin) -> Result<RateTable, LoadError> {
    RateTable::from_ecb_csv(&ecb_text(origin)?)
        .map_err(|e| LoadError(format!("{}:{}: {}", origin.label(), e.line, e.message)))
}

/// The countries table and rates: from the first `--data` directory that has each file, else
/// the bundled ones (the ECB rates: else the user's imported rates, else the bundled ones).
pub fn read_tables(
    dirs: &[PathBuf],
    imported: Option<&Path>,
) -> Result<(Countries, RateTable), LoadError> {
    parse_tables(&table_texts(dirs, imported)?)
}

/// Parses the texts `table_texts` read: countries, pegs, ECB rates, in that order.
fn parse_tables(
    texts: &[(String, Cow<'static, str>)],
) -> Result<(Countries, RateTable), LoadError> {
    Ok((parse_countries(texts)?, parse_rates(texts)?))
}

/// The countries table `table_texts` read (its first text).
fn parse_countries(texts: &[(String, Cow<'static, str>)]) -> Result<Countries, LoadError> {
    let Some((cpath, ctext)) = texts.first() else {
        return Err(LoadError("internal: the countries table expected".into()));
    };
    Countries::from_toml(ctext).map_err(|e| LoadError(format!("{cpath}: {e}")))
}

/// The rates `table_texts` read: the ECB rates (its third text) with the pegs (its second).
fn parse_rates(texts: &[(String, Cow<'static, str>)]) -> Result<RateTable, LoadError> {
    let [_, (ppath, ptext), (epath, etext), ..] = texts else {
        return Err(LoadError("internal: three tables expected".into()));
    };
    RateTable::from_ecb_csv(etext)
        .map_err(|e| LoadError(format!("{epath}:{}: {}", e.line, e.message)))?
        .with_pegs_toml(ptext)
        .map_err(|e| LoadError(format!("{ppath}:{}: {}", e.line, e.message)))
}

/// The source tiers table `table_texts` read (its last text).
fn parse_tiers(texts: &[(String, Cow<'static, str>)]) -> Result<SourceTiers, LoadError> {
    match texts.get(3) {
        Some((path, text)) => {
            SourceTiers::from_toml(text).map_err(|e| LoadError(format!("{path}: {e}")))
        }
        None => Ok(bundled_tiers()),
    }
}

/// The bundled `data/sources.toml`.
pub fn bundled_tiers() -> SourceTiers {
    SourceTiers::from_toml(BUNDLED_TIERS).unwrap_or_default()
}

/// The source tiers: from the first `--data` directory that has `sources.toml`, else bundled.
pub fn read_tiers(dirs: &[PathBuf]) -> Result<SourceTiers, LoadError> {
    parse_tiers(&table_texts(dirs, None)?)
}

/// Parses and validates company files against the tables, with the bundled source tiers.
/// Never fails: what cannot be used is skipped with a diagnostic.
pub fn load_files(files: Vec<InputFile>, countries: Countries, rates: RateTable) -> Loaded {
    load_files_tiered(files, countries, rates, &bundled_tiers())
}

/// `load_files` with a given tiers table.
pub fn load_files_tiered(
    files: Vec<InputFile>,
    countries: Countries,
    rates: RateTable,
    tiers: &SourceTiers,
) -> Loaded {
    let inputs: Vec<Input> = files
        .iter()
        .map(|f| Input::Memory {
            path: &f.path,
            bytes: &f.bytes,
        })
        .collect();
    let parsed = parse_all(&inputs, &countries, tiers, &Progress::default(), false);
    finish(parsed, countries, rates).0
}

/// A company file's path and the digest of its bytes (see `file_digest`).
type Digest = (String, [u64; 2]);

/// One input's outcome: what it parsed to with its diagnostics, or the diagnostic saying why
/// it could not be read; and its digest when asked for.
struct Outcome {
    parsed: Result<ParseResult, Diagnostic>,
    digest: Option<Digest>,
}

/// Validates what `parse_all` parsed into a dataset. Files that could not be read are
/// reported first. Also returns the digests of the files read, in input order.
fn finish(outcomes: Vec<Outcome>, countries: Countries, rates: RateTable) -> (Loaded, Vec<Digest>) {
    let mut diagnostics = Vec::new();
    let mut rest = Vec::new();
    let mut good = Vec::with_capacity(outcomes.len());
    let mut digests = Vec::new();
    for o in outcomes {
        digests.extend(o.digest);
        match o.parsed {
            Ok((p, d)) => {
                rest.extend(d);
                good.extend(p);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics.append(&mut rest);
    let v = validate::validate(good, &mut diagnostics);
    let loaded = Loaded {
        dataset: Dataset::with_revises(v.companies, v.announcements, v.revises, countries, rates),
        diagnostics,
    };
    (loaded, digests)
}

type ParseResult = (Option<company_file::ParsedFile>, Vec<Diagnostic>);

/// Reads (a file on disk, into a buffer each core reuses) and parses the inputs on all
/// cores; outcomes keep the input order. With `digests`, each file's digest is taken from
/// the very bytes parsed.
fn parse_all(
    inputs: &[Input],
    countries: &Countries,
    tiers: &SourceTiers,
    progress: &Progress,
    digests: bool,
) -> Vec<Outcome> {
    progress.start(inputs.len());
    let parsed = in_parallel(inputs, |part| {
        let mut buf = Vec::new();
        part.iter()
            .map(|input| {
                let (path, bytes) = match *input {
                    Input::Memory { path, bytes } => (Cow::Borrowed(path), bytes),
                    Input::Disk(p) => {
                        let path = p.display().to_string();
                        if let Err(e) = read_limited(p, &mut buf) {
                            progress.step();
                            return Outcome {
                                parsed: Err(unreadable(p, e)),
                                digest: None,
                            };
                        }
                        (Cow::Owned(path), &buf[..])
                    }
                };
                let digest = digests.then(|| (path.to_string(), file_digest(&path, bytes)));
                let mut r = parse_one(&path, bytes, countries);
                // Each source's tier, on the same core as its file.
                for (a, _) in r.0.iter_mut().flat_map(|p| p.announcements.iter_mut()) {
                    for s in &mut a.sources {
                        s.tier = tiers.tier_of(&s.url);
                    }
                }
                progress.step();
                Outcome {
                    parsed: Ok(r),
                    digest,
                }
            })
            .collect::<Vec<_>>()
    });
    parsed.into_iter().flatten().collect()
}

fn parse_one(path: &str, bytes: &[u8], countries: &Countries) -> ParseResult {
    if bytes.len() > MAX_FILE_BYTES {
        let d = diagnostic::SourceText::new(path, "").diagnostic(
            0,
            Severity::Error,
            format!(
                "file is larger than {} MiB, the limit for one company file; file skipped",
                MAX_FILE_BYTES >> 20
            ),
        );
        return (None, vec![d]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or("");
            let src = diagnostic::SourceText::new(path, valid);
            let d = src.diagnostic(
                valid.len(),
                Severity::Error,
                "file is not valid UTF-8; file skipped".into(),
            );
            return (None, vec![d]);
        }
    };
    let stem = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_company_file(path, &stem, text, countries)
}

/// Everything `Sources` names, loaded. Fails only when a directory cannot be read or a table
/// is broken.
pub fn load(sources: &Sources) -> Result<Loaded, LoadError> {
    load_cached(sources, None, None).map(|(l, _)| l)
}

/// `load`, with the user's imported ECB rates (if that file exists) taking the place of the
/// bundled ones where no data directory has its own, served from (and stored to) the cache in
/// `cache_dir` when data directories are in use. Bundled data alone loads fast enough not to
/// need one.
pub fn load_cached(
    sources: &Sources,
    imported: Option<&Path>,
    cache_dir: Option<&Path>,
) -> Result<(Loaded, CacheOutcome), LoadError> {
    let (loaded, pending) = load_cache_later(sources, imported, cache_dir)?;
    let outcome = match pending {
        None if cache_dir.is_some() && !sources.data_dirs.is_empty() => CacheOutcome::Hit,
        None => CacheOutcome::Unused,
        Some(p) => match p.write(&loaded) {
            Ok(()) => CacheOutcome::Written,
            Err(_) => CacheOutcome::Unused,
        },
    };
    Ok((loaded, outcome))
}

/// `load_cached`, leaving the cache to write (after a miss) to the caller, who may do it once
/// the first frame is on screen.
pub fn load_cache_later(
    sources: &Sources,
    imported: Option<&Path>,
    cache_dir: Option<&Path>,
) -> Result<(Loaded, Option<cache::PendingWrite>), LoadError> {
    load_with_progress(sources, imported, cache_dir, &Progress::default())
}

/// `load_cache_later`, counting files read (to look the cache up) and parsed in `progress`.
pub fn load_with_progress(
    sources: &Sources,
    imported: Option<&Path>,
    cache_dir: Option<&Path>,
    progress: &Progress,
) -> Result<(Loaded, Option<cache::PendingWrite>), LoadError> {
    let mut paths = Vec::new();
    for d in &sources.data_dirs {
        paths.extend(list_dir_files(d)?);
    }
    let bundled = sources.data_dirs.is_empty() || sources.bundled;
    let texts = table_texts(&sources.data_dirs, imported)?;
    let cache_dir = cache_dir.filter(|_| !sources.data_dirs.is_empty());
    // The key covers every input byte: the tables' texts, then each company file's digest.
    let key_of = |digests: &[Digest]| {
        let mut key = cache::KeyBuilder::default();
        for (name, text) in &texts {
            key.add(name, text.as_bytes());
        }
        for (path, d) in digests {
            key.add(path, &[d[0].to_le_bytes(), d[1].to_le_bytes()].concat());
        }
        key.finish()
    };
    // Looking up (when there is a cache to find): each file streamed through a small
    // buffer, nothing kept.
    if let Some(dir) = cache_dir
        && cache::any(dir)
        && let Some(file_digests) = digest_files(&paths, progress)
    {
        let mut digests: Vec<Digest> = paths
            .iter()
            .map(|p| p.display().to_string())
            .zip(file_digests)
            .collect();
        if bundled {
            digests.extend(
                bundled::ANNOUNCEMENT_FILES
                    .iter()
                    .map(|(p, t)| (p.to_string(), file_digest(p, t.as_bytes()))),
            );
        }
        if let Some(loaded) = cache::read(dir, key_of(&digests)) {
            return Ok((loaded, None));
        }
    }
    // No cache, or a miss: read and parse. The key is taken from the bytes actually parsed, so
    // a file changed in between cannot be stored under the key of its old contents.
    let mut inputs: Vec<Input> = paths.iter().map(|p| Input::Disk(p)).collect();
    if bundled {
        inputs.extend(
            bundled::ANNOUNCEMENT_FILES
                .iter()
                .map(|(path, text)| Input::Memory {
                    path,
                    bytes: text.as_bytes(),
                }),
        );
    }
    let (loaded, digests) = load_inputs(&inputs, &texts, progress, cache_dir.is_some())?;
    let pending = cache_dir.map(|dir| cache::PendingWrite {
        dir: dir.to_path_buf(),
        key: key_of(&digests),
    });
    Ok((loaded, pending))
}

/// Parses the tables and the inputs. The rates, the largest table and needed only once the
/// records are parsed, are parsed beside the company files.
fn load_inputs(
    inputs: &[Input],
    texts: &[(String, Cow<'static, str>)],
    progress: &Progress,
    digests: bool,
) -> Result<(Loaded, Vec<Digest>), LoadError> {
    let countries = parse_countries(texts)?;
    let tiers = parse_tiers(texts)?;
    std::thread::scope(|s| {
        let rates = s.spawn(|| parse_rates(texts));
        let outcomes = parse_all(inputs, &countries, &tiers, progress, digests);
        let rates = rates
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))?;
        Ok(finish(outcomes, countries, rates))
    })
}

/// `DIR/rel` of the first data directory that has it, else the bundled text.
fn dir_or_bundled(
    dirs: &[PathBuf],
    rel: &str,
    kind: FileKind,
    bundled: &'static str,
) -> Result<(String, Cow<'static, str>), LoadError> {
    Ok(
        match dirs.iter().map(|d| d.join(rel)).find(|p| p.is_file()) {
            Some(p) => {
                let text = read_text(&p, kind)
                    .map_err(|e| LoadError(format!("cannot read {}: {e}", p.display())))?;
                (p.display().to_string(), text.into())
            }
            None => (format!("data/{rel}"), bundled.into()),
        },
    )
}

/// The texts of the tables `read_tables` would read, named by where they come from.
fn table_texts(
    dirs: &[PathBuf],
    imported: Option<&Path>,
) -> Result<Vec<(String, Cow<'static, str>)>, LoadError> {
    let origin = rates_origin(dirs, imported);
    Ok(vec![
        dir_or_bundled(
            dirs,
            "countries.toml",
            FileKind::Countries,
            BUNDLED_COUNTRIES,
        )?,
        dir_or_bundled(dirs, "fx/pegs.toml", FileKind::Pegs, BUNDLED_PEGS)?,
        (origin.label(), ecb_text(&origin)?),
        dir_or_bundled(dirs, "sources.toml", FileKind::SourceTiers, BUNDLED_TIERS)?,
    ])
}
