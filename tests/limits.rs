//! Every file the program reads has a size limit, checked before it is read whole, and a
//! diagnostic quotes at most a short excerpt of a line. Oversize files are sparse (set_len),
//! so they cost no disk.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use aiinvest::load::FileKind;

fn aiinvest(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiinvest"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent/aiinvest-test")
        .env("XDG_DATA_HOME", "/nonexistent/aiinvest-test")
        .env("XDG_CACHE_HOME", "/nonexistent/aiinvest-test")
        .output()
        .expect("the binary runs")
}

fn model_copy(to: &Path) {
    let from = Path::new("tests/fixtures/model/announcements");
    std::fs::create_dir_all(to.join("announcements")).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join("announcements").join(e.file_name())).unwrap();
    }
}

fn sparse(path: &Path, len: u64) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

/// The run was quick, said why in a few short lines, and failed or skipped the file.
fn assert_refused_briefly(what: &str, out: &Output, started: Instant) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(started.elapsed() < Duration::from_secs(10), "{what}: slow");
    assert!(err.len() < 2000, "{what}: {} bytes of stderr", err.len());
    assert!(err.contains("larger than"), "{what}: {err}");
}

#[test]
fn oversize_tables_are_refused_unread() {
    for (rel, kind) in [
        ("countries.toml", FileKind::Countries),
        ("fx/pegs.toml", FileKind::Pegs),
        ("fx/eurofxref-hist.csv", FileKind::Rates),
        ("sources.toml", FileKind::SourceTiers),
    ] {
        let dir = tempfile::tempdir().unwrap();
        model_copy(dir.path());
        sparse(&dir.path().join(rel), kind.limit() + 1);
        let data = dir.path().to_str().unwrap();
        for cmd in [&["list"][..], &["check"], &["rates"]] {
            if cmd == ["rates"] && kind != FileKind::Rates {
                continue;
            }
            let t = Instant::now();
            let out = aiinvest(&[&["--data", data][..], cmd].concat());
            assert_eq!(out.status.code(), Some(2), "{rel} {cmd:?}");
            assert_refused_briefly(rel, &out, t);
        }
    }
}

#[test]
fn an_oversize_configuration_or_import_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    sparse(&config, FileKind::Config.limit() + 1);
    let t = Instant::now();
    let out = aiinvest(&["--config", config.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_refused_briefly("config", &out, t);

    let rates = dir.path().join("eurofxref-hist.csv");
    sparse(&rates, FileKind::RatesImport.limit() + 1);
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_aiinvest"))
        .args(["rates", "import", rates.to_str().unwrap()])
        .env("XDG_DATA_HOME", dir.path().join("share"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_refused_briefly("rates import", &out, t);
    assert!(!dir.path().join("share").exists(), "nothing was imported");
}

#[test]
fn an_oversize_company_file_is_skipped_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    model_copy(dir.path());
    sparse(
        &dir.path().join("announcements/huge.toml"),
        aiinvest::load::MAX_FILE_BYTES as u64 + 1,
    );
    let t = Instant::now();
    let out = aiinvest(&["--data", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    let all = [out.stdout, out.stderr].concat();
    let text = String::from_utf8_lossy(&all);
    assert!(t.elapsed() < Duration::from_secs(10));
    assert!(text.contains("larger than 16 MiB"), "{text}");
}

#[test]
fn a_diagnostic_quotes_a_short_excerpt_of_a_long_line() {
    let long = "a".repeat(5 << 20);
    let dir = tempfile::tempdir().unwrap();
    model_copy(dir.path());
    let cases = [
        format!("[company]\nid = \"{long}\"\nname = \"x\"\nhq = \"US\"\n"),
        format!("[company]\nid = \"long\"\nname = \"x\"\nhq = \"US\"\n{long} = 1\n"),
        format!("[company]\nid = \"long\"\nname = \"x\"\nhq = \"{long}\n"),
        format!("[company]\nid = \"long\"\nname = \"x\"\nhq = \"US\"\nkind = \"{long}\"\n"),
    ];
    for (i, text) in cases.iter().enumerate() {
        std::fs::write(dir.path().join("announcements/long.toml"), text).unwrap();
        let out = aiinvest(&["--data", dir.path().to_str().unwrap(), "check"]);
        let all = [out.stdout, out.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(text.contains("long.toml"), "case {i}: no diagnostic");
        for line in text.lines() {
            assert!(
                line.len() < 1000,
                "case {i}: a line of {} bytes: {}…",
                line.len(),
                &line[..200]
            );
        }
    }
    // The countries table: its parse error must not quote the whole line either.
    let dir = tempfile::tempdir().unwrap();
    model_copy(dir.path());
    std::fs::write(
        dir.path().join("countries.toml"),
        format!("[countries.US]\nname = {long}\n"),
    )
    .unwrap();
    let out = aiinvest(&["--data", dir.path().to_str().unwrap(), "list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.len() < 2000, "{} bytes", err.len());
}
