//! The configuration file (`config.toml`): defaults for the view currency, the currency cycle,
//! the rate basis, the data directories, the colour theme and the dashboard's keys.
//!
//! Pure: `Config::parse` takes the text and the path it is reported under; reading the file
//! and finding it are the command line's business. Every problem is a diagnostic with line
//! and column; unknown keys are errors, so a typo never passes silently.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::load::diagnostic::{Diagnostic, Severity, SourceText};
use crate::model::codes::Currency;
use crate::model::money::{RateBasis, ViewCurrency};
use crate::ui::keys::{BINDINGS, Chord, KeyMap, binding_index};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Colours (unless `NO_COLOR` is set).
    #[default]
    Default,
    /// No colours: bold, dim and reverse video only.
    Mono,
}

impl ThemeName {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Mono => "mono",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The currency the dashboard and `list` start in (`summary` too, unless it is native).
    pub currency: ViewCurrency,
    /// What the currency key cycles through, in order.
    pub currencies: Vec<ViewCurrency>,
    pub rates: RateBasis,
    /// Read instead of the bundled announcements, as with `--data`. Relative paths are
    /// relative to the configuration file; `~/` stays for the caller to expand.
    pub data: Vec<PathBuf>,
    /// Add the bundled announcements to those of `data`, as with `--bundled`.
    pub bundled: bool,
    pub theme: ThemeName,
    pub keys: KeyMap,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            currency: ViewCurrency::Native,
            currencies: default_cycle(),
            rates: RateBasis::Announcement,
            data: vec![],
            bundled: false,
            theme: ThemeName::Default,
            keys: KeyMap::default(),
        }
    }
}

pub fn default_cycle() -> Vec<ViewCurrency> {
    vec![
        ViewCurrency::Native,
        ViewCurrency::Code(Currency::USD),
        ViewCurrency::Code(Currency::CNY),
    ]
}

const TOP_KEYS: &[&str] = &[
    "currency",
    "currencies",
    "rates",
    "data",
    "bundled",
    "theme",
    "keys",
];

type Val<'i> = Spanned<DeValue<'i>>;

struct Ctx<'a> {
    src: SourceText<'a>,
    errors: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn error(&mut self, at: usize, message: String) {
        let d = self.src.diagnostic(at, Severity::Error, message);
        self.errors.push(d);
    }

    fn string<'v>(&mut self, v: &'v Val, key: &str) -> Option<&'v str> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            other => {
                self.error(
                    v.span().start,
                    format!("`{key}` must be a string, found {}", other.type_str()),
                );
                None
            }
        }
    }

    /// A string or an array of strings, each with where it was written.
    fn strings<'v>(&mut self, v: &'v Val, key: &str) -> Option<Vec<(&'v str, usize)>> {
        match v.get_ref() {
            DeValue::String(s) => Some(vec![(s.as_ref(), v.span().start)]),
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for item in a.iter() {
                    out.push((self.string(item, key)?, item.span().start));
                }
                Some(out)
            }
            other => {
                self.error(
                    v.span().start,
                    format!(
                        "`{key}` must be a string or an array of strings, found {}",
                        other.type_str()
                    ),
                );
                None
            }
        }
    }

    fn currency(&mut self, s: &str, at: usize, key: &str) -> Option<ViewCurrency> {
        if s.eq_ignore_ascii_case("native") {
            return Some(ViewCurrency::Native);
        }
        match Currency::parse_iso(&s.to_ascii_uppercase()) {
            Some(c) => Some(ViewCurrency::Code(c)),
            None => {
                self.error(
                    at,
                    format!("`{key}`: `{s}` is not `native` or an ISO 4217 currency code"),
                );
                None
            }
        }
    }
}

impl Config {
    /// Parses a configuration file's text; `path` names it in diagnostics and anchors
    /// relative data directories. An empty text is the defaults.
    pub fn parse(text: &str, path: &str) -> Result<Config, Vec<Diagnostic>> {
        let mut cx = Ctx {
            src: SourceText::new(path, text),
            errors: Vec::new(),
        };
        let root = match DeTable::parse(text) {
            Ok(t) => t,
            Err(e) => {
                let at = e.span().map(|s| s.start).unwrap_or(0);
                cx.error(at, format!("TOML syntax: {}", e.message().trim()));
                return Err(cx.errors);
            }
        };
        let mut cfg = Config::default();
        let base = Path::new(path).parent().unwrap_or(Path::new(""));
        for (k, v) in root.get_ref().iter() {
            let key: &str = k.get_ref().as_ref();
            match key {
                "currency" => {
                    if let Some(s) = cx.string(v, key)
                        && let Some(c) = cx.currency(s, v.span().start, key)
                    {
                        cfg.currency = c;
                    }
                }
                "currencies" => {
                    let Some(list) = cx.strings(v, key) else {
                        continue;
                    };
                    if list.is_empty() {
                        cx.error(
                            v.span().start,
                            "`currencies` must name at least one currency".into(),
                        );
                        continue;
                    }
                    let mut cycle = Vec::new();
                    for (s, at) in list {
                        if let Some(c) = cx.currency(s, at, key) {
                            if cycle.contains(&c) {
                                cx.error(at, format!("`currencies`: `{s}` appears twice"));
                            }
                            cycle.push(c);
                        }
                    }
                    cfg.currencies = cycle;
                }
                "rates" => {
                    if let Some(s) = cx.string(v, key) {
                        match RateBasis::parse(s) {
                            Some(b) => cfg.rates = b,
                            None => cx.error(
                                v.span().start,
                                format!(
                                    "`rates`: `{s}` is not `announcement`, `latest` or a date (YYYY-MM-DD)"
                                ),
                            ),
                        }
                    }
                }
                "data" => {
                    if let Some(list) = cx.strings(v, key) {
                        cfg.data = list
                            .into_iter()
                            .map(|(s, _)| {
                                let p = Path::new(s);
                                if p.is_absolute() || s == "~" || s.starts_with("~/") {
                                    p.to_path_buf()
                                } else {
                                    base.join(p)
                                }
                            })
                            .collect();
                    }
                }
                "bundled" => match v.get_ref() {
                    DeValue::Boolean(b) => cfg.bundled = *b,
                    other => cx.error(
                        v.span().start,
                        format!(
                            "`bundled` must be true or false, found {}",
                            other.type_str()
                        ),
                    ),
                },
                "theme" => {
                    if let Some(s) = cx.string(v, key) {
                        match s {
                            "default" => cfg.theme = ThemeName::Default,
                            "mono" => cfg.theme = ThemeName::Mono,
                            _ => cx.error(
                                v.span().start,
                                format!("`theme`: `{s}` is not `default` or `mono`"),
                            ),
                        }
                    }
                }
                "keys" => {
                    if let Some(km) = parse_keys(&mut cx, v) {
                        cfg.keys = km;
                    }
                }
                _ => cx.error(
                    k.span().start,
                    match crate::model::text::nearest(key, TOP_KEYS) {
                        Some(near) => format!("unknown key `{key}`: did you mean `{near}`?"),
                        None => format!(
                            "unknown key `{key}` (expected one of: {})",
                            TOP_KEYS.join(", ")
                        ),
                    },
                ),
            }
        }
        if !cfg.currencies.contains(&cfg.currency) {
            // The starting currency joins the cycle, as `--currency` does.
            cfg.currencies.push(cfg.currency);
        }
        if cx.errors.is_empty() {
            Ok(cfg)
        } else {
            cx.errors.sort_by_key(|d| (d.line, d.col));
            Err(cx.errors)
        }
    }
}

/// `[keys]`: action name = "key" or ["key", ...]; `[]` unbinds the action.
fn parse_keys(cx: &mut Ctx, v: &Val) -> Option<KeyMap> {
    let DeValue::Table(t) = v.get_ref() else {
        cx.error(
            v.span().start,
            format!("`keys` must be a table, found {}", v.get_ref().type_str()),
        );
        return None;
    };
    let mut overrides: Vec<(usize, Vec<Chord>)> = Vec::new();
    // Each configured key and the action it went to, to catch one key given twice.
    let mut taken: Vec<(Chord, &str)> = Vec::new();
    let before = cx.errors.len();
    for (k, val) in t.iter() {
        let name: &str = k.get_ref().as_ref();
        let Some(ix) = binding_index(name) else {
            let names: Vec<&str> = BINDINGS.iter().map(|b| b.name).collect();
            cx.error(
                k.span().start,
                format!(
                    "unknown action `{name}` in [keys] (expected one of: {})",
                    names.join(", ")
                ),
            );
            continue;
        };
        let Some(list) = cx.strings(val, name) else {
            continue;
        };
        let mut chords = Vec::new();
        for (s, at) in list {
            match Chord::parse(s) {
                Ok(c) => {
                    if c.ctrl && c.code == ratatui::crossterm::event::KeyCode::Char('c') {
                        cx.error(at, "ctrl-c always quits; it cannot be remapped".into());
                    } else if let Some((_, other)) = taken.iter().find(|(t, _)| *t == c) {
                        cx.error(
                            at,
                            format!("key `{s}` is already given to `{other}` in [keys]"),
                        );
                    } else {
                        taken.push((c, BINDINGS[ix].name));
                        chords.push(c);
                    }
                }
                Err(m) => cx.error(at, format!("[keys] {name}: {m}")),
            }
        }
        overrides.push((ix, chords));
    }
    (cx.errors.len() == before).then(|| KeyMap::with_overrides(&overrides))
}

/// A commented configuration whose settings are the defaults: `aiinvest config --default`.
pub fn default_toml() -> String {
    let mut s = String::from(
        r#"# aiinvest configuration.
# Location: $XDG_CONFIG_HOME/aiinvest/config.toml, else ~/.config/aiinvest/config.toml
# (or the file given with --config). Command-line flags override every setting here.
# Unknown keys are errors, so a typo is reported rather than ignored.

# The currency the dashboard and `list` start in: "native" (each record in its own
# currency) or an ISO 4217 code such as "USD", "CNY", "EUR", "JPY". `summary` uses it too,
# unless it is "native" (then USD, since a total needs one currency).
currency = "native"

# The currencies the currency key cycles through, in order.
# For example: ["native", "USD", "CNY", "EUR", "JPY"]
currencies = ["native", "USD", "CNY"]

# Which day's ECB rates convert an amount: "announcement" (the announcement's date),
# "latest" (the newest date in the rates file) or a date such as "2025-01-01".
rates = "announcement"

# Directories to read DIR/announcements/*.toml from instead of the bundled records, as
# with --data (which replaces this list). Relative paths are relative to this file;
# "~/" is your home directory. For example: ["~/aiinvest-data"]
data = []

# Add the bundled records to those of `data`, as with --bundled.
bundled = false

# Colour theme: "default" or "mono" (no colours). NO_COLOR in the environment always
# turns colours off.
theme = "default"

# Dashboard keys: action = "key" or ["key", "another"]; [] unbinds an action.
# Keys: a character ("q", "Q", "/"), ctrl-X, alt-X, Enter, Esc, Tab, Shift-Tab, Up, Down,
# Left, Right, PageUp, PageDown, Home, End, Space, Backspace, Delete, Insert, F1-F12.
# A key given to an action here is taken from the action that had it by default.
# Ctrl-c always quits.
[keys]
"#,
    );
    for b in BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("{k:?}")).collect();
        let value = if keys.len() == 1 {
            keys[0].clone()
        } else {
            format!("[{}]", keys.join(", "))
        };
        s.push_str(&format!("{} = {value}\n", b.name));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_parses_back_to_the_defaults() {
        let c = Config::parse(&default_toml(), "config.toml").unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(Config::parse("", "config.toml").unwrap(), Config::default());
    }

    #[test]
    fn relative_data_dirs_follow_the_file() {
        let c = Config::parse("data = [\"d\", \"/abs\", \"~/h\"]", "/etc/x/config.toml").unwrap();
        assert_eq!(
            c.data,
            [
                PathBuf::from("/etc/x/d"),
                PathBuf::from("/abs"),
                PathBuf::from("~/h")
            ]
        );
    }
}
