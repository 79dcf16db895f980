//! Fitting in: shell completions and the man page, exports (read back with a real CSV reader
//! and serde_json), and importing newer ECB rates (csv, zip, truncated, older). Every run of
//! the binary gets its own empty home: the real one is never touched.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use aiinvest::export::LIST_CSV_HEADER;
use aiinvest::load::{BUNDLED_ECB, Loaded};
use aiinvest::ui::action::{Action, Effect, ExportFormat};
use aiinvest::ui::app::{App, View};
use aiinvest::ui::update::update;
use common::load_dir;
use serde_json::Value;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn imported(&self) -> PathBuf {
        self.path().join("data/aiinvest/fx/eurofxref-hist.csv")
    }
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_aiinvest"))
            .args(args)
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .output()
            .expect("the binary runs")
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }
}

// ---------------------------------------------------------------- completions and man page

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = home.ok(&["completions", shell]);
        for sub in [
            "list",
            "summary",
            "check",
            "render",
            "rates",
            "config",
            "completions",
        ] {
            assert!(out.contains(sub), "{shell} completions lack {sub}");
        }
        assert!(out.contains("currency"), "{shell}: global flags");
    }
    home.fails(&["completions", "tcsh"]);
}

#[test]
fn man_page_is_roff_with_the_subcommands() {
    let out = Home::new().ok(&["man"]);
    assert!(out.contains(".TH aiinvest 1"), "{}", &out[..200]);
    for sub in [
        "list",
        "summary",
        "check",
        "render",
        "rates",
        "config",
        "completions",
        "man",
    ] {
        assert!(out.contains(sub), "man page lacks {sub}");
    }
    assert!(out.contains("\\-\\-config"));
}

// ---------------------------------------------------------------- exports

fn app(l: &Loaded) -> App {
    common::app_at(l, 120, 40)
}

fn export(a: &mut App, l: &Loaded, format: ExportFormat) -> (String, usize, &'static str) {
    match update(a, &l.dataset, Action::Export(format)) {
        Some(Effect::Export {
            contents,
            rows,
            view,
            format: f,
        }) => {
            assert_eq!(f, format);
            (contents, rows, view)
        }
        other => panic!("expected an export, got {other:?}"),
    }
}

fn csv_records(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn announcements_export_round_trips_with_filters_currency_and_sort() {
    let l = load_dir("tests/fixtures/model");
    let ds = &l.dataset;
    let mut a = app(&l);
    // A search, USD, and the amount sort: the export follows all of them.
    update(&mut a, ds, Action::StartSearch);
    for c in "raise".chars() {
        update(&mut a, ds, Action::SearchInput(c));
    }
    update(&mut a, ds, Action::SearchKeep);
    update(&mut a, ds, Action::CycleCurrency);
    assert_eq!(a.currency().to_string(), "USD");
    update(&mut a, ds, Action::CycleSort);
    update(&mut a, ds, Action::CycleSort);
    let shown: Vec<&str> = a
        .derived
        .rows
        .iter()
        .map(|&i| ds.announcements[i].id.as_str())
        .collect();
    assert!(shown.len() > 1 && shown.len() < ds.announcements.len());

    let (csv, rows, view) = export(&mut a, &l, ExportFormat::Csv);
    assert_eq!((rows, view), (shown.len(), "announcements"));
    assert!(csv.ends_with("\r\n"), "RFC 4180 line ends");
    let (header, records) = csv_records(&csv);
    assert_eq!(header, LIST_CSV_HEADER);
    let ids: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, shown, "same rows, same order");

    let (json, _, _) = export(&mut a, &l, ExportFormat::Json);
    let v: Value = serde_json::from_str(&json).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), shown.len());
    for (item, rec) in items.iter().zip(&records) {
        assert_eq!(item["id"], rec[0].as_str());
        // The same converted figure in both files.
        let csv_value = &rec[10];
        match item["value_min"].as_i64() {
            Some(n) => assert_eq!(csv_value, &n.to_string()),
            None => assert_eq!(csv_value, ""),
        }
        if item["amount_min"].is_number() && item["value_min"].is_number() {
            assert_eq!(item["view_currency"], "USD");
        }
    }
}

#[test]
fn csv_quotes_commas_quotes_and_keeps_text_exact() {
    let l = load_dir("tests/fixtures/export");
    let mut a = app(&l);
    let (csv, _, _) = export(&mut a, &l, ExportFormat::Csv);
    let (_, records) = csv_records(&csv);
    let plan = records
        .iter()
        .find(|r| r[0] == "quote-co-2025-01-plan")
        .unwrap();
    assert_eq!(plan[3], "Says \"AI, everywhere\": $5bn, then more");
    assert_eq!(plan[12], "US;CA");
    assert_eq!(plan[13], "CA:Montréal, QC:announced");
    assert_eq!(plan[16], "https://example.com/a?x=1,2&y=\"3\"");
    // Native view: each row in its own currency.
    let eur = records
        .iter()
        .find(|r| r[0] == "quote-co-2025-06-eur")
        .unwrap();
    assert_eq!(
        (&eur[9][..], &eur[10][..], &eur[11][..]),
        ("EUR", "2000000000", "2500000000")
    );

    // Control characters never reach the file.
    let l = load_dir("tests/fixtures/hostile");
    let mut a = app(&l);
    let (csv, n, _) = export(&mut a, &l, ExportFormat::Csv);
    assert!(!csv.contains('\u{1b}') && !csv.contains('\u{9b}'));
    assert_eq!(csv_records(&csv).1.len(), n);
}

#[test]
fn grouped_views_export_their_groups() {
    let l = load_dir("tests/fixtures/model");
    let ds = &l.dataset;
    let mut a = app(&l);
    update(&mut a, ds, Action::ShowView(View::Companies));
    let (json, n, view) = export(&mut a, &l, ExportFormat::Json);
    assert_eq!(view, "companies");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["by"], "company");
    assert_eq!(v["currency"], "USD", "native view sums in USD");
    let s = a.derived.companies.as_ref().unwrap();
    assert_eq!(n, s.groups.len());
    let keys: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = s.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, want);
    assert_eq!(v["total"]["count"], s.total.count);

    update(&mut a, ds, Action::ShowView(View::Timeline));
    let (json, _, view) = export(&mut a, &l, ExportFormat::Json);
    assert_eq!(view, "timeline");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["by"], "quarter");
    assert_eq!(
        v["groups"].as_array().unwrap().len(),
        a.derived.timeline.as_ref().map_or(0, Vec::len)
    );

    update(&mut a, ds, Action::ShowView(View::Map));
    update(&mut a, ds, Action::CycleCurrency);
    let (csv, n, _) = export(&mut a, &l, ExportFormat::Csv);
    let (header, records) = csv_records(&csv);
    assert_eq!(
        header,
        [
            "key",
            "label",
            "count",
            "with_amount",
            "min",
            "max",
            "unconverted",
            "records_touching",
            "sites",
            "currency"
        ]
    );
    assert_eq!(records.len(), n);
    assert!(records.iter().all(|r| r[9] == "USD"));
}

#[test]
fn export_files_are_written_whole_and_named_by_view_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let name = aiinvest::export::export_file_name(
        "announcements",
        "csv",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap(),
    );
    assert_eq!(name, "aiinvest-announcements-20260102-030405.csv");
    let p1 = aiinvest::ui::effects::export_to(dir.path(), &name, "a,b\r\n").unwrap();
    let p2 = aiinvest::ui::effects::export_to(dir.path(), &name, "c\r\n").unwrap();
    assert_ne!(
        p1, p2,
        "a second export in the same second gets its own name"
    );
    assert_eq!(std::fs::read_to_string(&p1).unwrap(), "a,b\r\n");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "aiinvest-announcements-20260102-030405-2.csv",
            "aiinvest-announcements-20260102-030405.csv"
        ],
        "no temporary file is left behind"
    );
}

#[test]
fn the_status_bar_message_lasts_until_the_next_key() {
    let l = load_dir("tests/fixtures/model");
    let ds = &l.dataset;
    let mut a = app(&l);
    update(
        &mut a,
        ds,
        Action::Notify("exported 3 rows to x.csv".into()),
    );
    let frame =
        aiinvest::ui::render::buffer_text(&aiinvest::ui::render::frame_buffer(&a, ds, 120, 40));
    assert!(frame.contains("exported 3 rows to x.csv"));
    update(&mut a, ds, Action::Resize(120, 40));
    assert!(a.message.is_some(), "a resize is not a key");
    update(&mut a, ds, Action::Down);
    assert_eq!(a.message, None);
    // Copying needs an announcement: on the Companies view there is none selected.
    update(&mut a, ds, Action::ShowView(View::Companies));
    assert_eq!(update(&mut a, ds, Action::CopyUrl), None);
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains("select an announcement")
    );
    update(&mut a, ds, Action::ShowView(View::Announcements));
    let i = a.selected_announcement().unwrap();
    assert_eq!(
        update(&mut a, ds, Action::CopyUrl),
        Some(Effect::Copy {
            url: ds.announcements[i].source().url.clone()
        })
    );
}

#[test]
fn list_and_summary_csv_is_rfc_4180() {
    let home = Home::new();
    let base = [
        "--data",
        "tests/fixtures/export",
        "--data",
        "tests/fixtures/model",
    ];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        home.ok(&args)
    };
    let csv = run(&["list", "--format", "csv", "--currency", "EUR"]);
    let (header, records) = csv_records(&csv);
    assert_eq!(header, LIST_CSV_HEADER);
    let json: Value =
        serde_json::from_str(&run(&["list", "--format", "json", "--currency", "EUR"])).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let csv_ids: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, csv_ids);
    let sum = run(&["summary", "--by", "company", "--format", "csv"]);
    let (header, records) = csv_records(&sum);
    assert_eq!(
        header,
        [
            "key",
            "label",
            "count",
            "with_amount",
            "min",
            "max",
            "unconverted",
            "currency"
        ]
    );
    assert!(records.iter().any(|r| r[1] == "Quote, \"Comma\" & Co"));
    assert_eq!(records.last().unwrap()[0], "total");
}

// ---------------------------------------------------------------- rates import

/// The bundled file with one more business day on top (the ECB lists newest first).
fn newer_rates() -> String {
    let mut lines = BUNDLED_ECB.lines();
    let header = lines.next().unwrap();
    let newest = lines.next().unwrap();
    let (date, rest) = newest.split_once(',').unwrap();
    assert_eq!(date, "2026-10-30", "the bundled file's newest day");
    format!(
        "{header}\n2026-11-02,{rest}\n{}",
        &BUNDLED_ECB[header.len() + 1..]
    )
}

/// The bundled file without its five newest days.
fn older_rates() -> String {
    let mut lines: Vec<&str> = BUNDLED_ECB.lines().collect();
    lines.drain(1..6);
    lines.join("\n") + "\n"
}

fn zipped(csv: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("eurofxref-hist.csv", opts).unwrap();
    z.write_all(csv.as_bytes()).unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

#[test]
fn importing_a_newer_csv_makes_it_the_rates_in_use() {
    let home = Home::new();
    let status = home.ok(&["rates"]);
    assert!(
        status.contains("bundled") && status.contains("to 2026-10-30"),
        "{status}"
    );
    let f = home.file("eurofxref-hist.csv", newer_rates().as_bytes());
    let out = home.ok(&["rates", "import", &f]);
    assert!(out.contains("to 2026-11-02"), "{out}");
    assert!(home.imported().is_file());
    let status = home.ok(&["rates", "status"]);
    assert!(
        status.contains("(imported)") && status.contains("to 2026-11-02"),
        "{status}"
    );
    // The loader uses it: the latest basis is now the imported file's last day.
    let v: Value = serde_json::from_str(&home.ok(&[
        "--data",
        "tests/fixtures/export",
        "list",
        "--format",
        "json",
        "--currency",
        "USD",
        "--rates",
        "latest",
    ]))
    .unwrap();
    let converted: Vec<&Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["rate_date"].is_null())
        .collect();
    assert!(!converted.is_empty());
    for r in converted {
        assert_eq!(r["rate_date"], "2026-11-02");
    }
    // An older file than the imported one is refused too.
    let bundled = home.file("bundled.csv", BUNDLED_ECB.as_bytes());
    let err = home.fails(&["rates", "import", &bundled]);
    assert!(err.contains("older than the imported rates"), "{err}");
}

#[test]
fn a_data_directory_with_rates_wins_over_the_imported_ones() {
    let home = Home::new();
    let f = home.file("new.csv", newer_rates().as_bytes());
    home.ok(&["rates", "import", &f]);
    let dir = home.path().join("mydata");
    std::fs::create_dir_all(dir.join("fx")).unwrap();
    std::fs::write(dir.join("fx/eurofxref-hist.csv"), older_rates()).unwrap();
    let status = home.ok(&["--data", dir.to_str().unwrap(), "rates"]);
    assert!(status.contains("from a data directory"), "{status}");
    assert!(status.contains("to 2026-10-23"), "{status}");
}

#[test]
fn importing_the_ecb_zip() {
    let home = Home::new();
    let f = home.file("eurofxref-hist.zip", &zipped(&newer_rates()));
    let out = home.ok(&["rates", "import", &f]);
    assert!(out.contains("to 2026-11-02"), "{out}");
    assert_eq!(
        std::fs::read_to_string(home.imported()).unwrap(),
        newer_rates()
    );
    // A zip cut short is refused, and nothing is stored.
    let home = Home::new();
    let bytes = zipped(&newer_rates());
    let f = home.file("cut.zip", &bytes[..bytes.len() / 2]);
    let err = home.fails(&["rates", "import", &f]);
    assert!(err.contains("cut.zip"), "{err}");
    assert!(!home.imported().exists());
}

#[test]
fn a_truncated_file_is_refused() {
    let home = Home::new();
    let text = newer_rates();
    // Cut in the middle of a row.
    let cut = text.len() / 2;
    let cut = (cut..)
        .find(|&i| text.is_char_boundary(i) && text.as_bytes()[i] == b',')
        .unwrap();
    let f = home.file("cut.csv", &text.as_bytes()[..cut]);
    let err = home.fails(&["rates", "import", &f]);
    assert!(err.contains("truncated"), "{err}");
    assert!(!home.imported().exists());
    // Cut at a line end: the series starts too late (the ECB lists newest first).
    let head: Vec<&str> = text.lines().take(200).collect();
    let f = home.file("head.csv", (head.join("\n") + "\n").as_bytes());
    let err = home.fails(&["rates", "import", &f]);
    assert!(err.contains("after the bundled series"), "{err}");
    assert!(!home.imported().exists());
    // Not a rates file at all.
    let f = home.file("junk.csv", b"hello,world\n");
    let err = home.fails(&["rates", "import", &f]);
    assert!(err.contains("junk.csv:1:"), "{err}");
}

#[test]
fn an_older_file_needs_force() {
    let home = Home::new();
    let f = home.file("old.csv", older_rates().as_bytes());
    let err = home.fails(&["rates", "import", &f]);
    assert!(
        err.contains("2026-10-23")
            && err.contains("older than the bundled rates")
            && err.contains("--force"),
        "{err}"
    );
    assert!(!home.imported().exists());
    home.ok(&["rates", "import", "--force", &f]);
    assert!(home.ok(&["rates"]).contains("to 2026-10-23"));
}

#[test]
fn the_dashboard_starts_in_the_configured_currency() {
    // The dashboard starts in the configured currency (render draws the same App).
    let home = Home::new();
    std::fs::create_dir_all(home.path().join("config/aiinvest")).unwrap();
    std::fs::write(
        home.path().join("config/aiinvest/config.toml"),
        "currency = \"CNY\"\n",
    )
    .unwrap();
    let frame = home.ok(&[
        "--data",
        "tests/fixtures/model",
        "render",
        "--view",
        "announcements",
    ]);
    let status = frame.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(status.contains("CNY"), "{status}");
}

#[test]
fn exports_in_the_same_second_never_replace_each_other() {
    // Dashboards side by side in one directory, exporting in the same second.
    let dir = tempfile::tempdir().unwrap();
    let name = "aiinvest-announcements-20260102-030405.csv";
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let d = dir.path().to_path_buf();
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        let body = format!("export {t}-{i}\r\n");
                        let p = aiinvest::ui::effects::export_to(&d, name, &body).unwrap();
                        (p, body)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let written: Vec<_> = threads
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    // Every export reported its own file, and each file still holds what was written to it.
    for (p, body) in &written {
        assert_eq!(
            &std::fs::read_to_string(p).unwrap(),
            body,
            "{}",
            p.display()
        );
    }
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(
        files, 200,
        "every export is its own file, and no temporary is left"
    );
    // An existing file is never replaced, even by the atomic writer's exclusive mode.
    let p = dir.path().join(name);
    let before = std::fs::read(&p).unwrap();
    let e = aiinvest::atomic::write_new(&p, b"other").unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

/// `newer_rates()` keeping only the columns named (and the date).
fn rates_with_columns(keep: &[&str]) -> String {
    let text = newer_rates();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let idx: Vec<usize> = (0..header.len())
        .filter(|&i| i == 0 || keep.contains(&header[i]))
        .collect();
    let pick = |l: &str| {
        let cells: Vec<&str> = l.split(',').collect();
        idx.iter().map(|&i| cells[i]).collect::<Vec<_>>().join(",") + ",\n"
    };
    std::iter::once(pick(&header.join(",")))
        .chain(lines.map(pick))
        .collect()
}

#[test]
fn an_import_that_loses_currencies_days_or_every_rate_needs_force() {
    let home = Home::new();
    // Two currencies of 41.
    let f = home.file("two.csv", rates_with_columns(&["USD", "JPY"]).as_bytes());
    let err = home.fails(&["rates", "import", &f]);
    assert!(
        err.contains("lacks") && err.contains("CNY") && err.contains("--force"),
        "{err}"
    );
    assert!(!home.imported().exists());
    // Every rate N/A.
    let na: String = newer_rates()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                return format!("{l}\n");
            }
            let (date, rest) = l.split_once(',').unwrap();
            let n = rest.trim_end_matches(',').split(',').count();
            format!("{date},{}\n", vec!["N/A"; n].join(","))
        })
        .collect();
    let f = home.file("na.csv", na.as_bytes());
    let err = home.fails(&["rates", "import", &f]);
    assert!(err.contains("no usable rate"), "{err}");
    assert!(!home.imported().exists());
    // A day of the rates in use missing in the middle of the series.
    let gap: String = newer_rates()
        .lines()
        .filter(|l| !l.starts_with("2020-03-02"))
        .map(|l| format!("{l}\n"))
        .collect();
    let f = home.file("gap.csv", gap.as_bytes());
    let err = home.fails(&["rates", "import", &f]);
    assert!(err.contains("2020-03-02"), "{err}");
    assert!(!home.imported().exists());
    home.ok(&["rates", "import", "--force", &f]);
    assert!(home.imported().exists());
}

#[test]
fn undo_restores_the_rates_in_use_before_the_last_import() {
    let home = Home::new();
    assert!(
        home.fails(&["rates", "import", "--undo"])
            .contains("nothing to undo")
    );
    let first = newer_rates();
    let f = home.file("first.csv", first.as_bytes());
    home.ok(&["rates", "import", &f]);
    // A second, newer import replaces the first; undo brings the first back.
    let second = first.replacen("2026-11-02,", "2026-11-03,", 1);
    let second = second.replacen('\n', "\n2026-11-02,", 1).replacen(
        "\n2026-11-02,2026-11-03,",
        "\n2026-11-03,",
        1,
    );
    let f2 = home.file("second.csv", second.as_bytes());
    home.ok(&["rates", "import", "--force", &f2]);
    assert_eq!(std::fs::read_to_string(home.imported()).unwrap(), second);
    let out = home.ok(&["rates", "import", "--undo"]);
    assert!(out.contains("restored"), "{out}");
    assert_eq!(std::fs::read_to_string(home.imported()).unwrap(), first);
    // Undoing the first import goes back to the bundled rates.
    let f = home.file("again.csv", first.as_bytes());
    let home2 = Home::new();
    home2.ok(&["rates", "import", &f]);
    let out = home2.ok(&["rates", "import", "--undo"]);
    assert!(out.contains("bundled"), "{out}");
    assert!(!home2.imported().exists());
    assert!(home2.ok(&["rates"]).contains("bundled with aiinvest"));
}
