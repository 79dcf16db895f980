//! The cache of parsed data: a second load on unchanged files is served from it and equals a
//! fresh parse; any change to any input misses; a corrupt cache is ignored and rebuilt; the
//! bundled data alone writes none.

use std::path::Path;

use aiinvest::load::cache::CacheOutcome;
use aiinvest::load::{Loaded, Sources, load_cached};
use aiinvest::model::money::{RateBasis, Valuation, ViewCurrency};
use aiinvest::model::query::{Filter, Grouping, summarize};

fn copy_fixture(to: &Path) {
    let from = Path::new("tests/fixtures/model/announcements");
    std::fs::create_dir_all(to.join("announcements")).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join("announcements").join(e.file_name())).unwrap();
    }
}

fn load(data: &Path, cache: &Path) -> (Loaded, CacheOutcome) {
    let sources = Sources {
        data_dirs: vec![data.to_path_buf()],
        bundled: false,
    };
    load_cached(&sources, None, Some(cache)).unwrap()
}

/// What a user sees of a dataset: every record's id and the totals by company in USD.
fn fingerprint(l: &Loaded) -> String {
    let ds = &l.dataset;
    let rows = Filter::default().apply(ds);
    let v = Valuation::new(
        ds,
        ViewCurrency::Code(aiinvest::model::codes::Currency::USD),
        RateBasis::Announcement,
    );
    let s = summarize(ds, &rows, &ds.superseded(None), Grouping::Company, &v);
    let ids: Vec<&str> = ds.announcements.iter().map(|a| a.id.as_str()).collect();
    format!(
        "{ids:?} {:?} {:?} {}",
        s.groups,
        s.total,
        l.diagnostics.len()
    )
}

#[test]
fn unchanged_data_is_served_from_the_cache_and_equals_a_fresh_parse() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    copy_fixture(&data);
    let (first, o1) = load(&data, &cache);
    assert_eq!(o1, CacheOutcome::Written);
    let (second, o2) = load(&data, &cache);
    assert_eq!(o2, CacheOutcome::Hit);
    assert_eq!(fingerprint(&first), fingerprint(&second));
    let id = "acme-2025-raise";
    assert_eq!(
        second
            .dataset
            .find(id)
            .map(|i| &second.dataset.announcements[i].id[..]),
        Some(id)
    );
    assert_eq!(
        second
            .dataset
            .revision_chain(second.dataset.find(id).unwrap())
            .len(),
        3
    );
}

#[test]
fn any_change_misses_and_the_new_data_is_served() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    copy_fixture(&data);
    load(&data, &cache);
    // One digit of one amount.
    let f = data.join("announcements/gulf.toml");
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("36_725_000_000", "36_725_000_001");
    std::fs::write(&f, text).unwrap();
    let (changed, o) = load(&data, &cache);
    assert_eq!(o, CacheOutcome::Written);
    let ds = &changed.dataset;
    assert_eq!(
        ds.announcements[ds.find("gulf-2025-campus").unwrap()]
            .amount
            .unwrap()
            .max,
        36_725_000_001
    );
    // A new file, and a table of the data directory, miss too.
    std::fs::write(
        data.join("announcements/zeta.toml"),
        "[company]\nid = \"zeta\"\nname = \"Zeta\"\nhq = \"US\"\n",
    )
    .unwrap();
    assert_eq!(load(&data, &cache).1, CacheOutcome::Written);
    std::fs::create_dir_all(data.join("fx")).unwrap();
    std::fs::write(data.join("fx/pegs.toml"), "[pegs]\nAED = 3.6725\n").unwrap();
    let (pegged, o) = load(&data, &cache);
    assert_eq!(o, CacheOutcome::Written);
    assert_eq!(
        pegged.dataset.announcements.len(),
        changed.dataset.announcements.len()
    );
    assert_eq!(load(&data, &cache).1, CacheOutcome::Hit);
    // Only the newest cache file is kept.
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
}

#[test]
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    copy_fixture(&data);
    let (fresh, _) = load(&data, &cache);
    let file = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let bytes = std::fs::read(&file).unwrap();
    for broken in [
        bytes[..bytes.len() / 2].to_vec(),
        vec![0xff; 64],
        Vec::new(),
    ] {
        std::fs::write(&file, &broken).unwrap();
        let (again, o) = load(&data, &cache);
        assert_eq!(o, CacheOutcome::Written, "a broken cache is not served");
        assert_eq!(fingerprint(&again), fingerprint(&fresh));
    }
}

#[test]
fn bundled_data_alone_writes_no_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let (_, o) = load_cached(&Sources::default(), None, Some(&cache)).unwrap();
    assert_eq!(o, CacheOutcome::Unused);
    assert!(!cache.exists());
}

#[test]
fn the_binary_uses_the_cache_unless_told_not_to() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache_home) = (tmp.path().join("data"), tmp.path().join("cache-home"));
    copy_fixture(&data);
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_aiinvest"))
            .args([
                "--data",
                data.to_str().unwrap(),
                "summary",
                "--by",
                "company",
                "--format",
                "json",
            ])
            .args(extra)
            .env("XDG_CACHE_HOME", &cache_home)
            .env("XDG_CONFIG_HOME", tmp.path().join("no-config"))
            .env("XDG_DATA_HOME", tmp.path().join("no-data"))
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let fresh = run(&["--no-cache"]);
    assert!(!cache_home.exists(), "--no-cache writes nothing");
    assert_eq!(run(&[]), fresh);
    assert_eq!(
        std::fs::read_dir(cache_home.join("aiinvest"))
            .unwrap()
            .count(),
        1
    );
    assert_eq!(run(&[]), fresh, "served from the cache, same output");
}

/// The model fixture with small tables of its own, so that its cache file is a few KB and
/// every byte of it can be damaged in turn.
fn small_data(to: &Path) {
    copy_fixture(to);
    let countries = std::fs::read_to_string("data/countries.toml").unwrap();
    let keep = ["AE", "BR", "CN", "FR", "NL", "SA", "TW", "US"];
    let mut out = String::new();
    let mut on = false;
    for line in countries.lines() {
        if let Some(code) = line.strip_prefix("[countries.") {
            on = keep.contains(&code.trim_end_matches(']'));
        }
        if on {
            out += line;
            out.push('\n');
        }
    }
    std::fs::write(to.join("countries.toml"), out).unwrap();
    std::fs::create_dir_all(to.join("fx")).unwrap();
    std::fs::write(
        to.join("fx/eurofxref-hist.csv"),
        "Date,USD,CNY,JPY,\n2025-06-02,1.1,7.9,160.1,\n2024-06-03,1.08,7.8,N/A,\n2024-01-02,1.09,7.7,155.0,\n",
    )
    .unwrap();
}

fn the_cache_file(cache: &Path) -> std::path::PathBuf {
    std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("dataset-")
        })
        .unwrap()
}

/// The key a cache file is stored under, from its name.
fn key_of(file: &Path) -> [u64; 2] {
    let name = file.file_stem().unwrap().to_string_lossy();
    let hex = name.trim_start_matches("dataset-");
    [
        u64::from_str_radix(&hex[..16], 16).unwrap(),
        u64::from_str_radix(&hex[16..], 16).unwrap(),
    ]
}

#[test]
fn damage_at_any_byte_is_a_miss_never_another_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    small_data(&data);
    let (fresh, _) = load(&data, &cache);
    let want = fingerprint(&fresh);
    let file = the_cache_file(&cache);
    let key = key_of(&file);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
    assert!(aiinvest::load::cache::decode(&bytes, key).is_some());
    for at in 0..bytes.len() {
        for flip in [0x01u8, 0xff] {
            let mut broken = bytes.clone();
            broken[at] ^= flip;
            let got = std::panic::catch_unwind(|| {
                aiinvest::load::cache::decode(&broken, key).map(|l| fingerprint(&l))
            })
            .unwrap_or_else(|_| panic!("decoding panicked with byte {at} ^ {flip:#x}"));
            assert!(
                got.is_none() || got.as_deref() == Some(&want[..]),
                "byte {at} ^ {flip:#x} served another answer"
            );
        }
    }
    // Through the real load: damaged, the file is rebuilt and the answer is the same.
    let mut broken = bytes.clone();
    let n = broken.len();
    broken[n / 3] ^= 0x10;
    std::fs::write(&file, &broken).unwrap();
    let (again, o) = load(&data, &cache);
    assert_eq!(o, CacheOutcome::Written);
    assert_eq!(fingerprint(&again), want);
}

#[test]
fn damage_the_checksum_would_catch_still_never_panics() {
    // With the checksum made to match, every count and index is still checked as it is
    // decoded: no damage may panic, or serve a dataset whose indices do not hold.
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    small_data(&data);
    load(&data, &cache);
    let file = the_cache_file(&cache);
    let key = key_of(&file);
    let bytes = std::fs::read(&file).unwrap();
    let mut served = 0;
    for at in 8..bytes.len() - 16 {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut broken = bytes.clone();
            broken[at] ^= flip;
            aiinvest::load::cache::reseal(&mut broken);
            let ok = std::panic::catch_unwind(|| {
                if let Some(l) = aiinvest::load::cache::decode(&broken, key) {
                    // Whatever is served must be usable everywhere without a panic.
                    let _ = fingerprint(&l);
                    let ds = &l.dataset;
                    for i in 0..ds.announcements.len() {
                        let _ = ds.revision_chain(i);
                        let _ = ds.company_of(&ds.announcements[i]);
                    }
                    for g in [Grouping::Country, Grouping::Year, Grouping::SpendYear] {
                        let rows = Filter::default().apply(ds);
                        let v = Valuation::new(ds, ViewCurrency::Native, RateBasis::Latest);
                        let _ = summarize(ds, &rows, &ds.superseded(None), g, &v);
                    }
                    return true;
                }
                false
            });
            match ok {
                Ok(true) => served += 1,
                Ok(false) => {}
                Err(_) => panic!("decoding panicked with byte {at} ^ {flip:#x} (resealed)"),
            }
        }
    }
    // Some damage (inside a title, say) decodes to a consistent dataset: only the checksum
    // can tell, which is why it is there.
    assert!(served > 0);
}
