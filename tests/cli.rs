//! The command line on fixtures: JSON shapes of SPEC §4, exit codes, and safe table output.

use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiinvest"))
        .args(args)
        // Never the user's configuration or imported rates.
        .env("XDG_CONFIG_HOME", "/nonexistent/aiinvest-test")
        .env("XDG_DATA_HOME", "/nonexistent/aiinvest-test")
        // The cache of parsed data goes to the build's scratch space.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .output()
        .expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

const MODEL: &str = "tests/fixtures/model";

#[test]
fn summary_json_has_the_spec_shape() {
    let v = json(&[
        "--data", MODEL, "summary", "--by", "company", "--format", "json",
    ]);
    assert_eq!(v["by"], "company");
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["rates"], "announcement");
    let acme = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"] == "acme")
        .unwrap();
    assert_eq!(acme["label"], "Acme Cloud");
    assert_eq!(acme["count"], 3);
    assert_eq!(acme["with_amount"], 1);
    assert_eq!(acme["min"], 120_000_000_000i64);
    assert_eq!(acme["max"], 130_000_000_000i64);
    assert_eq!(acme["unconverted"], 0);
    let t = &v["total"];
    assert_eq!(
        (
            t["count"].as_i64(),
            t["with_amount"].as_i64(),
            t["unconverted"].as_i64()
        ),
        (Some(7), Some(4), Some(1))
    );
    // 120 bn + 380 bn CNY at 2025-02-24 rates + 10 bn (pegged AED), rounded once.
    assert_eq!(t["min"], 182_413_447_726i64);
}

#[test]
fn summary_in_cny_and_at_latest_rates() {
    let v = json(&[
        "--data",
        MODEL,
        "summary",
        "--by",
        "year",
        "--currency",
        "CNY",
        "--rates",
        "latest",
        "--format",
        "json",
    ]);
    assert_eq!(v["currency"], "CNY");
    assert_eq!(v["rates"], "latest");
    assert_eq!(v["groups"][0]["key"], "2025");
    let dragon_only = json(&[
        "--data",
        MODEL,
        "summary",
        "--by",
        "company",
        "--company",
        "dragon",
        "--kind",
        "capex-plan",
        "--currency",
        "native",
        "--format",
        "json",
    ]);
    assert_eq!(dragon_only["currency"], "CNY");
}

#[test]
fn native_summary_across_currencies_is_an_error() {
    let out = run(&[
        "--data",
        MODEL,
        "summary",
        "--by",
        "company",
        "--currency",
        "native",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mix currencies"));
    // One company whose figures are all in dollars.
    let out = run(&[
        "--data",
        MODEL,
        "summary",
        "--by",
        "company",
        "--currency",
        "native",
        "--company",
        "acme",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn list_json_has_the_spec_fields() {
    let v = json(&[
        "--data",
        MODEL,
        "list",
        "--format",
        "json",
        "--currency",
        "USD",
    ]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 8);
    for key in [
        "id",
        "company",
        "date",
        "title",
        "kind",
        "currency",
        "amount_min",
        "amount_max",
        "value_min",
        "value_max",
        "countries",
        "sites",
        "superseded",
        "part_of",
        "source_url",
    ] {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    let plan = rows.iter().find(|r| r["id"] == "acme-2024-plan").unwrap();
    assert_eq!(plan["superseded"], true);
    let twd = rows.iter().find(|r| r["id"] == "dragon-2025-twd").unwrap();
    assert_eq!(
        twd["value_min"],
        Value::Null,
        "unconverted is null, never zero"
    );
    let site = rows
        .iter()
        .find(|r| r["id"] == "acme-2025-brazil-site")
        .unwrap();
    assert_eq!(site["part_of"], "acme-2025-raise");
    assert_eq!(site["sites"][0]["city"], "São Paulo");
    assert_eq!(site["sites"][0]["status"], "under-construction");
}

#[test]
fn list_csv_round_trips_its_header() {
    let out = run(&["--data", MODEL, "list", "--format", "csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.split("\r\n");
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,company,date,title,kind,currency,amount_min")
    );
    assert_eq!(text.matches("\r\n").count(), 9);
}

#[test]
fn exit_codes() {
    assert_eq!(run(&["--data", MODEL, "check"]).status.code(), Some(0));
    assert_eq!(
        run(&["--data", "tests/fixtures/diagnostics/unknown-key", "check"])
            .status
            .code(),
        Some(1)
    );
    // A warning fails check only under --strict.
    let warn = "tests/fixtures/diagnostics/missing-quote";
    assert_eq!(run(&["--data", warn, "check"]).status.code(), Some(0));
    assert_eq!(
        run(&["--data", warn, "--strict", "check"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["--data", warn, "--strict", "list"]).status.code(),
        Some(2)
    );
    // Bad usage and nothing to load.
    assert_eq!(
        run(&["--data", MODEL, "list", "--currency", "dollars"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["--data", MODEL, "list", "--rates", "soon"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["--data", MODEL, "list", "--country", "XX"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["--data", MODEL, "list", "--region", "Atlantis"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["--data", "/nonexistent", "list"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["--data", "tests/fixtures/diagnostics/revises-cycle", "list"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["summary"]).status.code(), Some(2), "--by is required");
}

#[test]
fn check_prints_path_line_col() {
    let out = run(&["--data", "tests/fixtures/diagnostics/bad-currency", "check"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.trim(),
        "tests/fixtures/diagnostics/bad-currency/announcements/acme.toml:12:12: error: `ABC` is not an ISO 4217 currency code"
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    for args in [
        vec!["--data", "tests/fixtures/hostile", "list"],
        vec![
            "--data",
            "tests/fixtures/hostile",
            "list",
            "--format",
            "csv",
        ],
        vec![
            "--data",
            "tests/fixtures/hostile",
            "summary",
            "--by",
            "company",
        ],
    ] {
        let out = run(&args);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for bad in ['\x1b', '\x07', '\x08', '\u{9b}', '\u{202e}', '\u{200b}'] {
            assert!(!text.contains(bad), "{args:?} printed {bad:?}");
        }
    }
}

#[test]
fn huge_amounts_never_overflow() {
    let dir = std::env::temp_dir().join(format!("aiinvest-huge-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("announcements")).unwrap();
    let mut text = String::from("[company]\nid = \"big\"\nname = \"Big\"\nhq = \"US\"\n");
    for i in 0..3 {
        text.push_str(&format!(
            "\n[[announcement]]\nid = \"big-{i}\"\ndate = 2025-01-0{}\ntitle = \"Max\"\nkind = \"other\"\namount = {}\ncurrency = \"USD\"\n[announcement.source]\nurl = \"https://example.com\"\npublisher = \"X\"\nquote = \"q\"\n",
            i + 1,
            i64::MAX
        ));
    }
    std::fs::write(dir.join("announcements/big.toml"), text).unwrap();
    let d = dir.to_str().unwrap();
    let v = json(&[
        "--data", d, "summary", "--by", "company", "--format", "json",
    ]);
    assert!(v["total"]["max"].as_f64().unwrap() > 2.7e19);
    assert!(run(&["--data", d, "list"]).status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Each subcommand that writes to stdout, on data with diagnostics (so `check` writes too).
const WRITERS: &[&[&str]] = &[
    &["--data", "tests/fixtures/diagnostics/missing-quote", "list"],
    &[
        "--data",
        "tests/fixtures/diagnostics/missing-quote",
        "list",
        "--format",
        "json",
    ],
    &["--data", MODEL, "summary", "--by", "company"],
    &["--data", "tests/fixtures/diagnostics/bad-currency", "check"],
    &["--data", MODEL, "render", "--view", "map"],
    &["--data", MODEL, "show", "acme-2025-raise"],
    &["--data", MODEL, "companies"],
    &["rates"],
    &["config"],
    &["config", "--default"],
    &["completions", "bash"],
    &["man"],
];

fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_aiinvest"));
    c.args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent/aiinvest-test")
        .env("XDG_DATA_HOME", "/nonexistent/aiinvest-test")
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        );
    c
}

#[test]
fn a_full_disk_is_an_error_with_a_message() {
    for args in WRITERS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = command(args).stdout(full).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} exit 0 on a full disk");
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {err}");
        assert!(
            err.contains("cannot write the output") && err.contains("No space left"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in WRITERS {
        let mut child = command(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the program writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("cannot write"), "{args:?}: {err}");
        let expected = if args.contains(&"check") { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(expected), "{args:?}: {err}");
    }
}

#[test]
fn list_prints_the_first_diagnostics_and_a_count_check_prints_all() {
    let dir = tempfile::tempdir().unwrap();
    let ann = dir.path().join("announcements");
    std::fs::create_dir_all(&ann).unwrap();
    let mut t = String::from("[company]\nid = \"acme\"\nname = \"Acme\"\nhq = \"US\"\n");
    for i in 0..30 {
        t += &format!(
            "\n[[announcement]]\nid = \"acme-{i}\"\ndate = 2025-01-02\ntitle = \"T{i}\"\nkind = \"capex-plan\"\namount = 1_000\ncurrency = \"USD\"\n[announcement.source]\nurl = \"https://example.com/{i}\"\npublisher = \"Example\"\n"
        );
    }
    std::fs::write(ann.join("acme.toml"), t).unwrap();
    let data = dir.path().to_str().unwrap();
    let all = run(&["--data", data, "check"]);
    let listed = String::from_utf8_lossy(&all.stdout).lines().count();
    assert!(listed >= 30, "check lists every diagnostic: {listed}");
    for cmd in [
        &["list"][..],
        &["summary", "--by", "company"],
        &["show", "acme-1"],
    ] {
        let out = run(&[&["--data", data][..], cmd].concat());
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 6, "{cmd:?}: {err}");
        // 30 records without a quote: 30 load warnings (check adds its quality checks).
        assert!(lines[5].contains("25 more"), "{cmd:?}: {err}");
    }
}

const CAPEX: &str = "tests/fixtures/capex";

fn fails(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?} should be a usage error"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn company_ids_in_any_case_and_suggestions_for_unknown_ones() {
    let v = json(&[
        "--data",
        MODEL,
        "list",
        "--company",
        "ACME",
        "--format",
        "json",
    ]);
    assert_eq!(v.as_array().unwrap().len(), 4);
    let e = fails(&["--data", MODEL, "list", "--company", "acm"]);
    assert!(e.contains("no company with id `acm`"), "{e}");
    assert!(e.contains("did you mean acme (Acme Cloud)"), "{e}");
    // A name finds its company.
    let e = fails(&["--data", MODEL, "list", "--company", "dragon group"]);
    assert!(e.contains("dragon (Dragon Group)"), "{e}");
    let out = run(&["--data", MODEL, "companies", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["acme", "dragon", "gulf"]);
    assert_eq!(v[0]["records"], 4);
}

#[test]
fn unknown_currencies_are_rejected_with_the_list() {
    for c in ["RMB", "XYZ"] {
        let e = fails(&[
            "--data",
            MODEL,
            "summary",
            "--by",
            "company",
            "--currency",
            c,
        ]);
        assert!(e.contains("has no exchange rates"), "{e}");
        assert!(
            e.contains("CNY") && e.contains("USD") && e.contains("native"),
            "{e}"
        );
    }
    assert!(fails(&["--data", MODEL, "list", "--currency", "RMB"]).contains("code is CNY"));
    // Any case works for a real one.
    let v = json(&[
        "--data",
        MODEL,
        "summary",
        "--by",
        "company",
        "--currency",
        "cny",
        "--format",
        "json",
    ]);
    assert_eq!(v["currency"], "CNY");
}

#[test]
fn dates_as_years_and_months() {
    let count = |args: &[&str]| {
        let mut a = vec!["--data", MODEL, "list", "--format", "json"];
        a.extend_from_slice(args);
        json(&a).as_array().unwrap().len()
    };
    assert_eq!(
        count(&["--since", "2025"]),
        count(&["--since", "2025-01-01"])
    );
    assert_eq!(
        count(&["--until", "2024"]),
        count(&["--until", "2024-12-31"])
    );
    assert_eq!(
        count(&["--until", "2025-02"]),
        count(&["--until", "2025-02-28"])
    );
    assert!(
        fails(&["--data", MODEL, "list", "--since", "25"]).contains("YYYY, YYYY-MM or YYYY-MM-DD")
    );
}

#[test]
fn list_sorts_like_the_dashboard_and_takes_columns() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["--data", MODEL, "list", "--format", "json"];
        a.extend_from_slice(args);
        json(&a)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let newest_first = ids(&[]);
    assert_eq!(newest_first[0], "dragon-2025-europe");
    let mut oldest_first = ids(&["--reverse"]);
    oldest_first.reverse();
    assert_eq!(oldest_first, newest_first);
    assert_eq!(
        ids(&["--sort", "amount"])[0],
        "acme-2025-raise",
        "largest first"
    );
    let out = run(&["--data", MODEL, "list", "--columns", "id,amount,url"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("ID"), "{text}");
    assert!(text.contains("https://example.com/"), "{text}");
    assert!(
        fails(&["--data", MODEL, "list", "--columns", "id,colour"])
            .contains("`colour` is not one of")
    );
}

#[test]
fn a_table_fits_the_terminal_width_with_ellipses() {
    // Piped output has no terminal: tables are laid out 160 columns wide, cut with `…`.
    let out = run(&[
        "--data",
        MODEL,
        "list",
        "--columns",
        "date,title,amount,url",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 160, "{line}");
    }
    // A figure is never cut.
    assert!(
        text.contains("$120.0–130.0 bn") || text.contains("120.0–130.0"),
        "{text}"
    );
}

#[test]
fn show_prints_one_record_with_every_source() {
    let out = run(&["--data", CAPEX, "show", "HYPER-2025-01-GUIDE"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Sources (2, main first)"), "{text}");
    assert!(
        text.contains("1. Example News [outlet] · published 2025-01-30"),
        "{text}"
    );
    assert!(text.contains("2. A blog [unrated]"), "{text}");
    assert!(text.contains("Revision chain"), "{text}");
    let v = json(&[
        "--data",
        CAPEX,
        "show",
        "hyper-2025-11-us-pledge",
        "--format",
        "json",
    ]);
    assert_eq!(v["date_precision"], "month");
    assert_eq!(v["family"], "pledge");
    assert_eq!(v["sources"][0]["tier"], "unrated");
    let e = fails(&["--data", CAPEX, "show", "hyper-2025"]);
    assert!(e.contains("did you mean: hyper-2025-01-guide"), "{e}");
    // Dates with their precision in tables.
    let out = run(&["--data", CAPEX, "list", "--columns", "id,date"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("us-pledge")).unwrap();
    assert!(
        line.contains("2025-11 ") || line.ends_with("2025-11"),
        "{line}"
    );
}

#[test]
fn check_counts_best_tiers_and_warns_on_quality() {
    let out = run(&["--data", CAPEX, "check"]);
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains(
            "hyper.toml:91:1: warning: the best source of `hyper-2025-11-us-pledge` is unrated"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("lone.toml:21:1: warning: `lone-2026-guide` (2026-2026) and `lone-2025-plan` (2025-2027) are both spend figures"), "{stdout}");
    assert!(
        stderr.contains("best source of each record: 3 primary, 3 outlet, 1 trade, 1 unrated"),
        "{stderr}"
    );
    assert_eq!(
        run(&["--data", CAPEX, "--strict", "check"]).status.code(),
        Some(1)
    );
}

#[test]
fn families_group_and_filter_and_each_total_adds_its_rows() {
    let v = json(&[
        "--data", CAPEX, "summary", "--by", "family", "--format", "json",
    ]);
    let group = |k: &str| {
        v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == k)
            .unwrap()
            .clone()
    };
    assert_eq!(group("pledge")["max"], 600_000_000_000i64);
    // The spend family adds the latest figure of each year, never a superseded guide or a
    // quarter inside its year.
    let spend = json(&[
        "--data",
        CAPEX,
        "--family",
        "spend",
        "--company",
        "hyper",
        "summary",
        "--by",
        "company",
        "--format",
        "json",
    ]);
    assert_eq!(spend["total"]["max"], 187_200_000_000i64, "72.2 + 115");
    assert_eq!(spend["total"]["more_than"], true);
    assert_eq!(
        spend["groups"][0]["families"]["spend"]["max"],
        187_200_000_000i64
    );
    // Totals per family equal the sum of their rows.
    let rows = json(&[
        "--data",
        CAPEX,
        "--family",
        "spend",
        "--currency",
        "USD",
        "list",
        "--format",
        "json",
    ]);
    let sum: i64 = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["superseded"] == false && r["part_of"].is_null())
        .map(|r| r["value_max"].as_i64().unwrap_or(0))
        .sum();
    let all = json(&[
        "--data", CAPEX, "--family", "spend", "summary", "--by", "company", "--format", "json",
    ]);
    assert_eq!(all["total"]["max"].as_i64().unwrap(), sum);
    let out = run(&["--data", CAPEX, "summary", "--by", "company"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("all families; figures may overlap"), "{text}");
    assert!(
        text.contains("SPEND") && text.contains("PLEDGE") && text.contains("TOTAL (ALL FAMILIES)"),
        "{text}"
    );
}

#[test]
fn capex_table_shows_actuals_guides_and_moves() {
    let out = run(&["--data", CAPEX, "capex"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let hyper = text.lines().find(|l| l.starts_with("Hyper Co")).unwrap();
    assert!(hyper.contains("$72.2 bn A ↑11%"), "{hyper}");
    assert!(hyper.contains(">$115.0 bn G"), "{hyper}");
    // As known at the end of April 2025: the raised guide, not yet the actual.
    let out = run(&["--data", CAPEX, "--until", "2025-04", "capex"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let hyper = text.lines().find(|l| l.starts_with("Hyper Co")).unwrap();
    assert!(hyper.contains("$64.0–72.0 bn G ↑11%"), "{hyper}");
    let v = json(&["--data", CAPEX, "capex", "--format", "json"]);
    let y2025 = &v["rows"][0]["years"]["2025"];
    assert_eq!(y2025["status"], "A");
    assert_eq!(y2025["first_id"], "hyper-2025-01-guide");
    assert_eq!(
        y2025["records"],
        serde_json::json!([
            "hyper-2025-01-guide",
            "hyper-2025-04-guide",
            "hyper-2026-01-actual"
        ])
    );
}

/// `render` draws every view of the dashboard (the list it accepts cannot fall behind the views).
#[test]
fn render_draws_every_view() {
    use aiinvest::ui::app::View;
    for v in View::ALL {
        let out = run(&["--data", MODEL, "render", "--view", v.slug()]);
        assert!(
            out.status.success(),
            "render --view {}: {}",
            v.slug(),
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(v.title()), "{}:\n{text}", v.slug());
    }
}
