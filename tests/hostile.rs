//! Hostile data: escape sequences, BEL, carriage returns, bidirectional overrides and
//! zero-width characters in every text field never reach the terminal raw (every view and
//! overlay of the dashboard, table, CSV, JSON, `check` and `render`); huge files, thousands of
//! files, deep nesting, very long values and amounts at i64::MAX give a diagnostic or correct
//! output, never a panic or a hang; and no command ever writes to the data it reads.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime};

use aiinvest::load::{BUNDLED_COUNTRIES, InputFile, MAX_FILE_BYTES, MAX_NESTING, load_files};
use aiinvest::model::codes::Currency;
use aiinvest::model::money::ViewCurrency;
use aiinvest::model::text::is_unsafe;
use aiinvest::ui::action::Action;
use aiinvest::ui::app::{App, Mode, View};
use aiinvest::ui::render::{buffer_text, frame_buffer};
use aiinvest::ui::update::update;
use common::load_dir;

/// Everything that could steer a terminal, in one string, on one line.
const EVIL_LINE: &str = "\u{1b}[2J\u{1b}[31m\u{1b}]0;pwned\u{7}\u{7}\u{8}\u{202e}\u{2066}\u{200b}\u{200f}\u{feff}\u{9b}31m\u{7f}\u{2028}";
/// The same with line breaks, for the fields that may hold several lines.
const EVIL: &str = "\u{1b}[2J\r\n\u{1b}]0;pwned\u{7}\r\u{202e}\u{200b}\u{9b}31m\u{85}\u{2029}";

/// A TOML basic string: every character that is not printable ASCII as a \u escape.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn evil(label: &str) -> String {
    toml_str(&format!("{label} {EVIL} end"))
}

fn evil_line(label: &str) -> String {
    toml_str(&format!("{label} {EVIL_LINE} end"))
}

/// A company file with hostile text in every text field, a revision chain and a part (so
/// the detail pane shows both), and an unknown key whose name is hostile (a diagnostic).
fn hostile_company(id: &str) -> String {
    // Ids may not hold controls or spaces, but bidi and zero-width characters pass.
    let rid = |n: u32| toml_str(&format!("{id}-{n}\u{202e}\u{200b}"));
    format!(
        r#"[company]
id = "{id}"
name = {name}
local_name = {local}
hq = "US"
tickers = [{t1}, {t2}]
kind = "other"

[[announcement]]
id = {r1}
date = 2025-01-02
title = {title}
kind = "capex-plan"
amount = 9_223_372_036_854_775_807
currency = "USD"
period = {{ from = 2025, to = 2027 }}
countries = ["US"]
summary = {summary}
tags = [{tag1}, {tag2}]

[announcement.source]
url = {url}
publisher = {publisher}
quote = {quote}

[[announcement.sites]]
country = "US"
city = {city}
status = "announced"
lat = 40.0
lon = -100.0

[[announcement]]
id = {r2}
date = 2025-06-01
title = {title2}
kind = "capex-plan"
amount = {{ min = 0, max = 9_223_372_036_854_775_807 }}
currency = "JPY"
revises = {r1}
countries = ["US"]
source_usd = 9_223_372_036_854_775_807

[announcement.source]
url = "https://example.com/2"
publisher = {publisher}
quote = {quote}

[[announcement]]
id = {r3}
date = 2025-07-01
title = {title3}
kind = "datacenter"
amount = 1_000_000
currency = "EUR"
part_of = {r2}

[announcement.source]
url = "https://example.com/3"
publisher = "p"
quote = {quote}

[[announcement.sites]]
country = "FR"
city = {city}

# Skipped for its unknown key, whose name is hostile: a diagnostic quotes it.
[[announcement]]
id = "{id}-bad"
date = 2025-01-02
title = "bad"
kind = "other"
"bad{key}key" = 1

[announcement.source]
url = "https://example.com/4"
publisher = "p"
"#,
        name = evil_line("Name"),
        local = evil("Local"),
        t1 = evil("T1"),
        t2 = evil_line("T2"),
        r1 = rid(1),
        r2 = rid(2),
        r3 = rid(3),
        title = evil_line("Title"),
        title2 = evil_line("Revised"),
        title3 = evil_line("Part"),
        summary = evil("Summary"),
        tag1 = evil("Tag"),
        tag2 = evil_line("Tag2"),
        key = "\\u001b[2J",
        url = toml_str(&format!("https://example.com/{EVIL_LINE}")),
        publisher = evil("Publisher"),
        quote = evil("Quote"),
        city = evil("City"),
    )
}

/// The bundled countries table with hostile names, regions and sub-regions for the US.
fn hostile_countries() -> String {
    BUNDLED_COUNTRIES
        .replace(
            "name = \"United States\"",
            &format!("name = {}", evil("United States")),
        )
        .replace(
            "subregion = \"Northern America\"",
            &format!("subregion = {}", evil("Northern America")),
        )
}

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("aiinvest-hostile-")
        .tempdir()
        .unwrap()
}

/// A data directory: company files and, optionally, a countries table.
fn data_dir(files: &[(&str, String)], countries: Option<String>) -> tempfile::TempDir {
    let dir = scratch();
    let ann = dir.path().join("announcements");
    fs::create_dir_all(&ann).unwrap();
    for (name, text) in files {
        fs::write(ann.join(name), text).unwrap();
    }
    if let Some(c) = countries {
        fs::write(dir.path().join("countries.toml"), c).unwrap();
    }
    dir
}

fn hostile_dir() -> tempfile::TempDir {
    data_dir(
        &[("evil.toml", hostile_company("evil"))],
        Some(hostile_countries()),
    )
}

fn assert_cells_safe(buf: &ratatui::buffer::Buffer, what: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(is_unsafe),
                "{what}: raw {sym:?} at {x},{y}:\n{}",
                buffer_text(buf)
            );
        }
    }
}

#[test]
fn every_field_is_text_in_every_view_and_overlay() {
    let dir = hostile_dir();
    let loaded = load_dir(dir.path());
    let ds = &loaded.dataset;
    assert_eq!(ds.announcements.len(), 3, "{:?}", loaded.diagnostics);
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("unknown key")),
        "{:?}",
        loaded.diagnostics
    );
    let mut checked = 0;
    for (w, h) in [(120, 40), (80, 24), (200, 60)] {
        for currency in [ViewCurrency::Native, ViewCurrency::Code(Currency::USD)] {
            let mut app = App::new(ds, &loaded.diagnostics);
            app.set_currency(ds, currency);
            update(&mut app, ds, Action::Resize(w, h));
            for view in View::ALL {
                update(&mut app, ds, Action::ShowView(view));
                for row in 0..3 {
                    let buf = frame_buffer(&app, ds, w, h);
                    assert_cells_safe(&buf, &format!("{view:?} {w}x{h} row {row}"));
                    checked += 1;
                    update(&mut app, ds, Action::Down);
                }
                update(&mut app, ds, Action::Top);
            }
            // The overlays: the full detail of each record (revision chain, part, sites,
            // source), the warnings, help and both pickers.
            update(&mut app, ds, Action::ShowView(View::Announcements));
            for _ in 0..3 {
                update(&mut app, ds, Action::Select);
                assert!(matches!(app.mode, Mode::Detail { .. }));
                let buf = frame_buffer(&app, ds, w, h);
                assert_cells_safe(&buf, "detail");
                assert!(
                    buffer_text(&buf).contains('\u{fffd}'),
                    "the hostile text is shown"
                );
                for _ in 0..5 {
                    update(&mut app, ds, Action::PageDown);
                    assert_cells_safe(&frame_buffer(&app, ds, w, h), "detail scrolled");
                }
                update(&mut app, ds, Action::Back);
                update(&mut app, ds, Action::Down);
            }
            for open in [
                Action::ShowWarnings,
                Action::ToggleHelp,
                Action::OpenCompanyPicker,
                Action::OpenRegionPicker,
            ] {
                update(&mut app, ds, open);
                for _ in 0..30 {
                    assert_cells_safe(&frame_buffer(&app, ds, w, h), "overlay");
                    update(&mut app, ds, Action::PageDown);
                }
                update(&mut app, ds, Action::Back);
            }
            // A search typed with the same characters: the status bar shows it as text.
            update(&mut app, ds, Action::StartSearch);
            for c in EVIL.chars() {
                update(&mut app, ds, Action::SearchInput(c));
                assert_cells_safe(&frame_buffer(&app, ds, w, h), "search");
            }
            update(&mut app, ds, Action::SearchKeep);
            assert_cells_safe(&frame_buffer(&app, ds, w, h), "search kept");
        }
    }
    assert!(checked > 50);
}

fn aiinvest(args: &[&str]) -> Output {
    // Never the user's configuration or imported rates.
    Command::new(env!("CARGO_BIN_EXE_aiinvest"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent/aiinvest-test")
        .env("XDG_DATA_HOME", "/nonexistent/aiinvest-test")
        .output()
        .expect("run aiinvest")
}

/// No unsafe character in program output, but the line ends (CSV records end in CRLF).
fn assert_output_safe(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ok = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        assert!(ok || !is_unsafe(c), "{what}: raw {c:?} in:\n{text}");
    }
}

#[test]
fn every_command_prints_text_only() {
    let dir = hostile_dir();
    let d = dir.path().to_str().unwrap();
    let mut runs: Vec<Vec<&str>> = vec![vec!["check"]];
    for format in ["table", "csv", "json"] {
        runs.push(vec!["list", "--format", format]);
        runs.push(vec!["list", "--format", format, "--currency", "USD"]);
        for by in [
            "company",
            "country",
            "region",
            "subregion",
            "year",
            "spend-year",
            "kind",
        ] {
            runs.push(vec!["summary", "--by", by, "--format", format]);
        }
    }
    for view in ["announcements", "companies", "timeline", "map", "help"] {
        for format in ["text", "svg"] {
            runs.push(vec!["render", "--view", view, "--format", format]);
        }
    }
    runs.push(vec!["list", "--search", "\u{1b}[2J"]);
    for args in runs {
        let mut full = vec!["--data", d];
        full.extend(&args);
        let out = aiinvest(&full);
        let what = args.join(" ");
        assert!(
            out.status.code().is_some_and(|c| c <= 2),
            "{what}: {:?}",
            out.status
        );
        assert_output_safe(&out.stdout, &format!("{what} (stdout)"));
        assert_output_safe(&out.stderr, &format!("{what} (stderr)"));
        if args[0] == "list" && args.len() == 3 {
            assert!(
                String::from_utf8_lossy(&out.stdout).contains('\u{fffd}') || args[2] == "json",
                "{what}: the hostile text is shown replaced"
            );
        }
    }
    // JSON keeps the data exact: parsed back, the title is the one in the file.
    let out = aiinvest(&["--data", d, "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"].as_str().is_some_and(|t| t.starts_with("Title ")))
        .expect("the record titled Title");
    assert_eq!(r["title"], format!("Title {EVIL_LINE} end"));
    assert_eq!(r["amount_max"], i64::MAX);
}

#[test]
fn a_broken_rates_file_is_reported_as_text() {
    let dir = data_dir(&[("evil.toml", hostile_company("evil"))], None);
    fs::create_dir_all(dir.path().join("fx")).unwrap();
    fs::write(
        dir.path().join("fx/eurofxref-hist.csv"),
        "Day\u{1b}[2J,USD\n2025-01-02,1.0\n",
    )
    .unwrap();
    let out = aiinvest(&["--data", dir.path().to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_output_safe(&out.stderr, "stderr");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Day\u{fffd}[2J"));
}

fn one_file(name: &str, bytes: Vec<u8>) -> Vec<InputFile> {
    vec![InputFile {
        path: format!("data/announcements/{name}"),
        bytes,
    }]
}

fn tables() -> (aiinvest::geo::Countries, aiinvest::fx::RateTable) {
    aiinvest::load::read_tables(&[], None).unwrap()
}

fn small_company(id: &str, records: usize, title_len: usize) -> String {
    let mut s = format!("[company]\nid = \"{id}\"\nname = \"{id}\"\nhq = \"US\"\n");
    for i in 0..records {
        s.push_str(&format!(
            "\n[[announcement]]\nid = \"{id}-{i}\"\ndate = 2025-01-02\ntitle = \"{}\"\nkind = \"other\"\namount = {}\ncurrency = \"USD\"\n[announcement.source]\nurl = \"https://example.com/{i}\"\npublisher = \"p\"\nquote = \"q\"\n",
            "t".repeat(title_len.max(1)),
            1_000 + i
        ));
    }
    s
}

/// Deeply nested arrays and inline tables are refused (the parser stops at its depth limit),
/// with a diagnostic; the rest of the file set still loads.
#[test]
fn deep_nesting_is_refused_with_a_diagnostic() {
    let (c, r) = tables();
    for (open, close) in [("[", "]"), ("{a=", "}"), ("[{a=", "}]")] {
        for depth in [MAX_NESTING + 1, 100_000] {
            let mut text = small_company("deep", 1, 5);
            text.push_str("\n[[announcement]]\nx = ");
            text.push_str(&open.repeat(depth));
            text.push_str(&close.repeat(depth));
            text.push('\n');
            let loaded = load_files(
                one_file("deep.toml", text.into_bytes()),
                c.clone(),
                r.clone(),
            );
            assert!(loaded.dataset.announcements.is_empty());
            assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
            let d = &loaded.diagnostics[0];
            assert!(d.message.contains("nested"), "{d}");
            assert_eq!(d.line, 19, "{d}");
        }
    }
    // Unclosed brackets alone (no closing ones) are refused the same way.
    let text = "x = ".to_string() + &"[".repeat(1_000_000);
    let loaded = load_files(
        one_file("deep.toml", text.into_bytes()),
        c.clone(),
        r.clone(),
    );
    assert!(loaded.diagnostics[0].message.contains("nested"));
    // Brackets inside strings and comments are text, not nesting.
    let mut text = small_company("fine", 1, 5);
    text = text.replace(
        "title = \"ttttt\"",
        &format!(
            "title = \"{}\" # {}\nsummary = '''{}'''",
            "[".repeat(1000),
            "{".repeat(1000),
            "[[".repeat(1000)
        ),
    );
    let loaded = load_files(one_file("fine.toml", text.into_bytes()), c, r);
    assert_eq!(
        loaded.dataset.announcements.len(),
        1,
        "{:?}",
        loaded.diagnostics
    );
    // Nesting at the limit is still parsed.
    let mut ok = small_company("edge", 1, 5);
    ok = ok.replace(
        "kind = \"other\"",
        &format!(
            "kind = \"other\"\ntags = {}{}",
            "[".repeat(MAX_NESTING - 1),
            "]".repeat(MAX_NESTING - 1)
        ),
    );
    let (c, r) = tables();
    let loaded = load_files(one_file("edge.toml", ok.into_bytes()), c, r);
    // Parsed, then rejected for its shape (tags must be strings), not for nesting.
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("nested")),
        "{:?}",
        loaded.diagnostics
    );
}

/// A file over the size limit is skipped with a diagnostic, without being read whole; the
/// other files load.
#[test]
fn a_100_mb_file_is_skipped_with_a_diagnostic() {
    let dir = data_dir(&[("small.toml", small_company("small", 2, 10))], None);
    let big = dir.path().join("announcements/huge.toml");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(fs::File::create(&big).unwrap());
        let chunk = small_company("huge", 200, 400);
        while f.get_ref().metadata().unwrap().len() < 100 * 1024 * 1024 {
            f.write_all(chunk.as_bytes()).unwrap();
            f.flush().unwrap();
        }
    }
    let start = Instant::now();
    let loaded = load_dir(dir.path());
    let took = start.elapsed();
    assert_eq!(loaded.dataset.announcements.len(), 2);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("huge.toml"))
        .expect("a diagnostic for the big file");
    assert!(d.message.contains("MiB"), "{d}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    // The command line says the same and goes on.
    let out = aiinvest(&["--data", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("huge.toml:1:1: error:"), "{stdout}");
}

/// Just under the size limit: a file of about 40,000 records loads whole (under 2 s and
/// 250 MB in a debug build).
#[test]
fn a_file_just_under_the_limit_loads() {
    let per = small_company("big", 1, 200).len();
    let n = (MAX_FILE_BYTES - 100) / per;
    let text = small_company("big", n, 200);
    assert!(text.len() <= MAX_FILE_BYTES);
    let (c, r) = tables();
    let start = Instant::now();
    let loaded = load_files(one_file("big.toml", text.into_bytes()), c, r);
    eprintln!(
        "{} records, {} MiB, loaded in {:?}",
        n,
        MAX_FILE_BYTES >> 20,
        start.elapsed()
    );
    assert_eq!(
        loaded.dataset.announcements.len(),
        n,
        "{:?}",
        &loaded.diagnostics[..1.min(loaded.diagnostics.len())]
    );
}

#[test]
fn thousands_of_files_load() {
    let files: Vec<(String, String)> = (0..3000)
        .map(|i| {
            let id = format!("co-{i}");
            (format!("{id}.toml"), small_company(&id, 2, 20))
        })
        .collect();
    let refs: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let dir = data_dir(&refs, None);
    let start = Instant::now();
    let loaded = load_dir(dir.path());
    assert_eq!(loaded.dataset.announcements.len(), 6000);
    // Sources at example.com are unrated (a warning each since source tiers); no errors.
    assert!(loaded.diagnostics.iter().all(|d| !d.is_error()));
    assert!(start.elapsed() < Duration::from_secs(30));
    let out = aiinvest(&[
        "--data",
        dir.path().to_str().unwrap(),
        "summary",
        "--by",
        "company",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"]["count"], 6000);
}

/// A 10 MB title loads, lists (cut to the column), draws and opens in the detail pane.
#[test]
fn a_10_mb_title_is_shown_cut() {
    let text = small_company("long", 1, 10 * 1024 * 1024);
    let dir = data_dir(&[("long.toml", text)], None);
    let loaded = load_dir(dir.path());
    let ds = &loaded.dataset;
    assert_eq!(ds.announcements[0].title.len(), 10 * 1024 * 1024);
    let mut app = App::new(ds, &loaded.diagnostics);
    update(&mut app, ds, Action::Resize(120, 40));
    let start = Instant::now();
    for view in View::ALL {
        update(&mut app, ds, Action::ShowView(view));
        let _ = frame_buffer(&app, ds, 120, 40);
    }
    update(&mut app, ds, Action::ShowView(View::Announcements));
    update(&mut app, ds, Action::Select);
    let t = buffer_text(&frame_buffer(&app, ds, 120, 40));
    assert!(t.contains("tttttttttt"));
    assert!(start.elapsed() < Duration::from_secs(30));
    let out = aiinvest(&["--data", dir.path().to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.len() < 2_000, "the title is cut in the table");
    assert!(stdout.contains("ttt…"));
}

/// Amounts at the top of i64: loaded exactly, summed without overflow, printed with every
/// digit; one past is a diagnostic.
#[test]
fn amounts_at_i64_max() {
    let max = i64::MAX;
    let text = small_company("big", 2, 5)
        .replacen("amount = 1000", &format!("amount = {max}"), 1)
        .replacen(
            "amount = 1001",
            &format!("amount = {{ min = {max}, max = {max} }}"),
            1,
        );
    let over = small_company("over", 1, 5).replace("amount = 1000", "amount = 9223372036854775808");
    let dir = data_dir(&[("big.toml", text), ("over.toml", over)], None);
    let d = dir.path().to_str().unwrap();
    let loaded = load_dir(dir.path());
    assert_eq!(loaded.dataset.announcements.len(), 2);
    let diag = loaded
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("over.toml"))
        .unwrap();
    assert!(diag.message.contains("out of range"), "{diag}");
    let out = aiinvest(&[
        "--data",
        d,
        "summary",
        "--by",
        "company",
        "--currency",
        "native",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Two i64::MAX summed: 2^64 - 2, past i64, printed as a JSON number all the same.
    assert_eq!(v["total"]["max"].as_f64().unwrap(), 2.0 * max as f64);
    let out = aiinvest(&["--data", d, "summary", "--by", "company", "--format", "csv"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("total,Total,2,2,"));
    // The detail pane prints the exact figure.
    let ds = &loaded.dataset;
    let mut app = App::new(ds, &loaded.diagnostics);
    update(&mut app, ds, Action::Resize(120, 40));
    update(&mut app, ds, Action::Select);
    let t = buffer_text(&frame_buffer(&app, ds, 120, 40));
    assert!(t.contains("9,223,372,036,854,775,807 USD"), "{t}");
    for view in View::ALL {
        app.view = view;
        let _ = frame_buffer(&app, ds, 120, 40);
    }
}

/// Every file under `dir`: its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let m = fs::metadata(&p).unwrap().modified().unwrap();
                out.push((p.clone(), fs::read(&p).unwrap(), m));
            }
        }
    }
    out.sort();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            fs::copy(&p, &dest).unwrap();
        }
    }
}

/// No command writes to the data it reads: every file keeps its bytes and its mtime, and
/// no file appears or disappears.
#[test]
fn commands_never_write_to_data_files() {
    let dir = scratch();
    copy_dir(Path::new("tests/fixtures/model"), dir.path());
    fs::write(
        dir.path().join("announcements/evil.toml"),
        hostile_company("evil"),
    )
    .unwrap();
    fs::write(dir.path().join("countries.toml"), BUNDLED_COUNTRIES).unwrap();
    fs::create_dir_all(dir.path().join("fx")).unwrap();
    fs::write(
        dir.path().join("fx/eurofxref-hist.csv"),
        aiinvest::load::BUNDLED_ECB,
    )
    .unwrap();
    fs::write(
        dir.path().join("fx/pegs.toml"),
        aiinvest::load::BUNDLED_PEGS,
    )
    .unwrap();
    let before = snapshot(dir.path());
    assert!(before.len() >= 7);
    // Far enough apart that a write would show in the mtime even on coarse clocks.
    std::thread::sleep(Duration::from_millis(20));
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["list"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "json", "--currency", "USD"],
        vec!["summary", "--by", "company"],
        vec!["summary", "--by", "spend-year", "--format", "json"],
        vec!["check"],
        vec!["--strict", "check"],
        vec!["render", "--view", "map"],
        vec!["render", "--view", "timeline", "--format", "svg"],
    ] {
        let mut full = vec!["--data", d];
        full.extend(&args);
        let out = aiinvest(&full);
        assert!(out.status.code().is_some(), "{args:?}");
    }
    let after = snapshot(dir.path());
    assert_eq!(before.len(), after.len(), "files appeared or vanished");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.0, a.0);
        assert!(b.1 == a.1, "{} changed", b.0.display());
        assert_eq!(b.2, a.2, "{} was touched", b.0.display());
    }
}

/// Splits a fuzz input as the `load` fuzz target does: a line `#%%` starts a second file.
fn fuzz_files(data: &[u8]) -> Vec<InputFile> {
    const SEP: &[u8] = b"\n#%%\n";
    match data.windows(SEP.len()).position(|w| w == SEP) {
        Some(i) => vec![
            one_file("fuzz.toml", data[..i].to_vec()).remove(0),
            one_file("other.toml", data[i + SEP.len()..].to_vec()).remove(0),
        ],
        None => one_file("fuzz.toml", data.to_vec()),
    }
}

/// Every input kept from fuzzing the loader (`fuzz/`, target `load`) goes through the checks
/// of that target: it loads, sums by every grouping to its total, and draws safely.
#[test]
fn fuzz_regressions_load() {
    use aiinvest::model::money::{RateBasis, Valuation};
    use aiinvest::model::query::{Grouping, summarize};
    let dir = Path::new("tests/fixtures/fuzz/load");
    let mut inputs: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in inputs {
        let what = input.display().to_string();
        let (c, r) = tables();
        let loaded = load_files(fuzz_files(&fs::read(&input).unwrap()), c, r);
        let ds = &loaded.dataset;
        for d in &loaded.diagnostics {
            assert!(!d.to_string().chars().any(is_unsafe), "{what}: {d}");
        }
        let rows: Vec<usize> = (0..ds.announcements.len()).collect();
        let sup = ds.superseded(None);
        for g in Grouping::ALL {
            for basis in [RateBasis::Announcement, RateBasis::Latest] {
                let s = summarize(
                    ds,
                    &rows,
                    &sup,
                    g,
                    &Valuation::new(ds, ViewCurrency::Code(Currency::USD), basis),
                );
                let max: f64 = s.groups.iter().map(|x| x.totals.max).sum();
                assert!(
                    (max - s.total.max).abs() <= 1e-6 * max.abs().max(1.0),
                    "{what}"
                );
            }
        }
        let mut app = App::new(ds, &loaded.diagnostics);
        update(&mut app, ds, Action::Resize(100, 30));
        for view in View::ALL {
            update(&mut app, ds, Action::ShowView(view));
            assert_cells_safe(&frame_buffer(&app, ds, 100, 30), &what);
        }
        update(&mut app, ds, Action::ShowView(View::Announcements));
        update(&mut app, ds, Action::Select);
        assert_cells_safe(&frame_buffer(&app, ds, 100, 30), &what);
    }
}
