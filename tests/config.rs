//! The configuration file: good and bad fixtures (errors at their line and column), the
//! order in which defaults, the file and flags apply, and remapped keys through `update`.
//! Every run of the binary gets its own empty home: the real one is never read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use aiinvest::config::{Config, ThemeName, default_toml};
use aiinvest::load::{Loaded, Sources, load};
use aiinvest::model::codes::Currency;
use aiinvest::model::money::{RateBasis, ViewCurrency};
use aiinvest::ui::action::{Action, Effect, ExportFormat};
use aiinvest::ui::app::App;
use aiinvest::ui::update::{press, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const FIXTURES: &str = "tests/fixtures/config";

fn fixture(name: &str) -> (String, String) {
    let path = format!("{FIXTURES}/{name}");
    (std::fs::read_to_string(&path).unwrap(), path)
}

/// The diagnostics of a bad fixture, as `path:line:col: error: message` lines.
fn errors(name: &str) -> Vec<String> {
    let (text, path) = fixture(name);
    Config::parse(&text, &path)
        .expect_err("the fixture is bad")
        .iter()
        .map(|d| d.to_string())
        .collect()
}

fn assert_error(name: &str, line: usize, col: usize, needle: &str) {
    let errs = errors(name);
    let prefix = format!("{FIXTURES}/{name}:{line}:{col}: error: ");
    assert!(
        errs.iter()
            .any(|e| e.starts_with(&prefix) && e.contains(needle)),
        "{name}: expected {prefix}…{needle}…, got {errs:#?}"
    );
}

#[test]
fn good_config_parses() {
    let (text, path) = fixture("good.toml");
    let c = Config::parse(&text, &path).unwrap();
    assert_eq!(c.currency, ViewCurrency::Code(Currency::EUR));
    assert_eq!(c.currencies.len(), 5);
    assert_eq!(c.currencies[4], ViewCurrency::parse("JPY").unwrap());
    assert_eq!(c.rates, RateBasis::Latest);
    assert_eq!(c.theme, ThemeName::Mono);
    assert_eq!(c.keys.label("cycle_currency"), "C");
    assert_eq!(c.keys.label("quit"), "q/Ctrl-q");
    assert_eq!(c.keys.label("export_csv"), "F5");
    // Untouched actions keep their defaults.
    assert_eq!(c.keys.label("toggle_rates"), "r");
}

#[test]
fn bad_configs_report_line_and_column() {
    assert_error("unknown-key.toml", 2, 1, "unknown key `colour`");
    assert_error(
        "unknown-action.toml",
        3,
        3,
        "unknown action `launch_rockets`",
    );
    assert_error(
        "bad-currency.toml",
        1,
        32,
        "`DOLLARS` is not `native` or an ISO 4217",
    );
    assert_error("bad-key.toml", 2, 10, "`ctrl-` is not a key");
    assert_error(
        "key-twice.toml",
        3,
        22,
        "key `z` is already given to `cycle_currency`",
    );
    assert_error(
        "bad-type.toml",
        2,
        11,
        "`bundled` must be true or false, found string",
    );
    assert_error(
        "bad-theme.toml",
        1,
        9,
        "`solarized` is not `default` or `mono`",
    );
    assert_error(
        "bad-rates.toml",
        1,
        9,
        "`yesterday` is not `announcement`, `latest` or a date",
    );
    assert_error("syntax.toml", 1, 16, "TOML syntax");
}

#[test]
fn the_printed_default_config_is_the_defaults() {
    let out = aiinvest_in(&TempHome::new(), &["config", "--default"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, default_toml());
    assert_eq!(
        Config::parse(&text, "config.toml").unwrap(),
        Config::default()
    );
    assert!(text.contains("# "), "the example explains itself");
}

/// A temporary home with its own XDG directories.
struct TempHome {
    dir: tempfile::TempDir,
}

impl TempHome {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn config_file(&self) -> PathBuf {
        self.path().join("config/aiinvest/config.toml")
    }
    fn write_config(&self, text: &str) {
        let p = self.config_file();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

fn aiinvest_in(home: &TempHome, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiinvest"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .expect("the binary runs")
}

fn json_in(home: &TempHome, args: &[&str]) -> serde_json::Value {
    let out = aiinvest_in(home, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const MODEL: &str = "tests/fixtures/model";

fn list_currency(home: &TempHome, extra: &[&str]) -> String {
    let mut args = vec![
        "--data",
        MODEL,
        "list",
        "--format",
        "json",
        "--company",
        "acme",
    ];
    args.extend_from_slice(extra);
    let v = json_in(home, &args);
    // The first record with an amount (list puts the newest first).
    v.as_array()
        .unwrap()
        .iter()
        .find_map(|r| r["view_currency"].as_str())
        .unwrap_or("")
        .to_string()
}

#[test]
fn flags_override_the_config_which_overrides_the_defaults() {
    let home = TempHome::new();
    // No file: the built-in default (native: each row in its own currency).
    assert_eq!(list_currency(&home, &[]), "USD");
    let v = json_in(&home, &["--data", MODEL, "list", "--format", "json"]);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|r| r["view_currency"] == "CNY")
    );

    home.write_config("currency = \"EUR\"\nrates = \"latest\"\n");
    assert_eq!(list_currency(&home, &[]), "EUR");
    let v = json_in(
        &home,
        &[
            "--data", MODEL, "summary", "--by", "company", "--format", "json",
        ],
    );
    assert_eq!(
        (v["currency"].as_str(), v["rates"].as_str()),
        (Some("EUR"), Some("latest"))
    );
    // The flags win.
    assert_eq!(list_currency(&home, &["--currency", "JPY"]), "JPY");
    let v = json_in(
        &home,
        &[
            "--data",
            MODEL,
            "summary",
            "--by",
            "company",
            "--format",
            "json",
            "--rates",
            "announcement",
        ],
    );
    assert_eq!(v["rates"], "announcement");
    // --config FILE replaces the file at the default location.
    let cny = format!("{FIXTURES}/currency-cny.toml");
    assert_eq!(list_currency(&home, &["--config", &cny]), "CNY");
    // A native default does not make `summary` fail: it keeps USD.
    let native = format!("{FIXTURES}/currency-native.toml");
    let v = json_in(
        &home,
        &[
            "--config", &native, "--data", MODEL, "summary", "--by", "company", "--format", "json",
        ],
    );
    assert_eq!(v["currency"], "USD");
}

#[test]
fn config_data_dirs_are_replaced_by_the_flag() {
    let home = TempHome::new();
    let model = std::fs::canonicalize(MODEL).unwrap();
    home.write_config(&format!("data = [{:?}]\n", model.display().to_string()));
    let v = json_in(&home, &["list", "--format", "json"]);
    assert_eq!(
        v.as_array().unwrap().len(),
        8,
        "the config's data directory"
    );
    let v = json_in(
        &home,
        &[
            "--data",
            "tests/fixtures/hostile",
            "list",
            "--format",
            "json",
        ],
    );
    assert!(v.as_array().unwrap().iter().all(|r| r["company"] != "acme"));
}

#[test]
fn a_bad_config_is_a_usage_error_with_its_position() {
    let home = TempHome::new();
    home.write_config("currency = \"USD\"\n\n[keys]\nquit = 7\n");
    let out = aiinvest_in(&home, &["--data", MODEL, "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let want = format!(
        "{}:4:8: error: `quit` must be a string or an array of strings, found integer",
        home.config_file().display()
    );
    assert!(err.contains(&want), "{err}");
    // `config` says the same; `config --default` still works, to start over.
    let out = aiinvest_in(&home, &["config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        aiinvest_in(&home, &["config", "--default"])
            .status
            .success()
    );
    // --config naming a missing file is an error, not the defaults.
    let out = aiinvest_in(&home, &["--config", "no/such/file.toml", "list"]);
    assert_eq!(out.status.code(), Some(2));
}

fn model() -> Loaded {
    load(&Sources {
        data_dirs: vec![PathBuf::from(MODEL)],
        bundled: false,
    })
    .unwrap()
}

fn key(c: char) -> KeyEvent {
    let m = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), m)
}

#[test]
fn remapped_keys_drive_update() {
    let loaded = model();
    let ds = &loaded.dataset;
    let (text, path) = fixture("good.toml");
    let cfg = Config::parse(&text, &path).unwrap();
    let mut app = App::new(ds, &[]);
    app.keys = cfg.keys.clone();
    app.set_currency_cycle(ds, &cfg.currencies);
    update(&mut app, ds, Action::Resize(120, 40));
    assert_eq!(app.currency(), ViewCurrency::Native);
    // `c` no longer cycles; `C` does, through the configured cycle.
    assert_eq!(press(&mut app, ds, key('c')), None);
    assert_eq!(app.currency(), ViewCurrency::Native);
    press(&mut app, ds, key('C'));
    assert_eq!(app.currency(), ViewCurrency::Code(Currency::USD));
    for _ in 0..3 {
        press(&mut app, ds, key('C'));
    }
    assert_eq!(app.currency(), ViewCurrency::parse("JPY").unwrap());
    // F5 exports; the fixed keys that were not remapped still work.
    let e = press(
        &mut app,
        ds,
        KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE),
    );
    assert!(matches!(
        e,
        Some(Effect::Export {
            format: ExportFormat::Csv,
            ..
        })
    ));
    press(&mut app, ds, key('2'));
    assert_eq!(app.view, aiinvest::ui::app::View::Companies);
    press(
        &mut app,
        ds,
        KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL),
    );
    assert!(app.quit);
}

#[test]
fn default_keys_are_the_spec_keys() {
    let loaded = model();
    let ds = &loaded.dataset;
    let mut app = App::new(ds, &[]);
    update(&mut app, ds, Action::Resize(120, 40));
    press(&mut app, ds, key('c'));
    assert_eq!(app.currency(), ViewCurrency::Code(Currency::USD));
    press(&mut app, ds, key('r'));
    assert_eq!(app.basis(), RateBasis::Latest);
    press(
        &mut app,
        ds,
        KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
    );
    assert_eq!(app.view, aiinvest::ui::app::View::Companies);
    press(&mut app, ds, key('?'));
    assert_eq!(app.mode, aiinvest::ui::app::Mode::Help);
    // q closes the overlay; it quits only from a view.
    press(&mut app, ds, key('q'));
    assert_eq!(app.mode, aiinvest::ui::app::Mode::Normal);
    assert!(!app.quit);
    press(&mut app, ds, key('q'));
    assert!(app.quit);
}
