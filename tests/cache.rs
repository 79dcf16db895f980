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
