//! KeyEvent -> Action. The view keys come from one table (`BINDINGS`: action name, action,
//! default keys) that the configuration file may override action by action; the overlays
//! (search, pickers, help, detail) keep a few fixed keys and borrow movement from the table.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, ExportFormat};
use super::app::{Mode, View};

/// A key as the key map compares it: the key and whether Ctrl or Alt is held. Shift is part of
/// the character (`S` vs `s`), and Shift-Tab is its own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// Named keys accepted in the configuration, and how the help shows them.
const NAMED: &[(&str, KeyCode, &str)] = &[
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("tab", KeyCode::Tab, "Tab"),
    ("shift-tab", KeyCode::BackTab, "S-Tab"),
    ("backtab", KeyCode::BackTab, "S-Tab"),
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("pageup", KeyCode::PageUp, "PgUp"),
    ("pagedown", KeyCode::PageDown, "PgDn"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("space", KeyCode::Char(' '), "Space"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("delete", KeyCode::Delete, "Del"),
    ("insert", KeyCode::Insert, "Ins"),
];

impl Chord {
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// Parses `q`, `Q`, `/`, `ctrl-u`, `alt-x`, `Enter`, `Shift-Tab`, `PageDown`, `F5`, ...
    /// (names in any case; a single character exactly as typed).
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut rest = s;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                if ctrl {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, code, _)) = NAMED.iter().find(|(n, _, _)| *n == lower) {
                    *code
                } else if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                {
                    KeyCode::F(n)
                } else {
                    return Err(format!(
                        "`{s}` is not a key (a character such as \"q\", or ctrl-X, alt-X, Enter, Esc, Tab, Shift-Tab, Up, Down, Left, Right, PageUp, PageDown, Home, End, Space, Backspace, Delete, Insert, F1-F12)"
                    ));
                }
            }
        };
        Ok(Self { code, ctrl, alt })
    }

    pub fn from_event(k: &KeyEvent) -> Self {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let code = match k.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        Self {
            code,
            ctrl,
            alt: k.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// How the help overlay shows the key: `q`, `Ctrl-u`, `↑`, `S-Tab`.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED
                .iter()
                .find(|(_, k, _)| *k == code)
                .map(|(_, _, l)| l.to_string())
                .unwrap_or_else(|| format!("{code:?}")),
        };
        let key = if key == " " { "Space".into() } else { key };
        format!(
            "{}{}{key}",
            if self.ctrl { "Ctrl-" } else { "" },
            if self.alt { "Alt-" } else { "" }
        )
    }
}

/// One action of the view keys: its name in the configuration's `[keys]` table, the action,
/// and its default keys.
pub struct Binding {
    pub name: &'static str,
    pub action: Action,
    pub keys: &'static [&'static str],
}

const fn b(name: &'static str, action: Action, keys: &'static [&'static str]) -> Binding {
    Binding { name, action, keys }
}

/// The view keys (SPEC §5 fixes `1`-`4`, Tab, `c`, `r`, `/`, `x`, `s`, `S`, Enter, `?`, `q`).
pub const BINDINGS: &[Binding] = &[
    b("quit", Action::Quit, &["q"]),
    b(
        "view_announcements",
        Action::ShowView(View::Announcements),
        &["1"],
    ),
    b("view_companies", Action::ShowView(View::Companies), &["2"]),
    b("view_timeline", Action::ShowView(View::Timeline), &["3"]),
    b("view_map", Action::ShowView(View::Map), &["4"]),
    b("view_capex", Action::ShowView(View::Capex), &["5"]),
    b("next_view", Action::NextView, &["Tab"]),
    b("prev_view", Action::PrevView, &["Shift-Tab"]),
    b("left", Action::Left, &["Left", "h"]),
    b("right", Action::Right, &["Right", "l"]),
    b("cycle_family", Action::CycleFamily, &["f"]),
    b("zoom_in", Action::Zoom(true), &["+", "="]),
    b("zoom_out", Action::Zoom(false), &["-"]),
    b("pan_left", Action::Pan(-1, 0), &["["]),
    b("pan_right", Action::Pan(1, 0), &["]"]),
    b("pan_up", Action::Pan(0, 1), &["{"]),
    b("pan_down", Action::Pan(0, -1), &["}"]),
    b("reset_zoom", Action::ResetZoom, &["0"]),
    b("cycle_currency", Action::CycleCurrency, &["c"]),
    b("toggle_rates", Action::ToggleRateBasis, &["r"]),
    b("search", Action::StartSearch, &["/"]),
    b("clear_filters", Action::ClearFilters, &["x"]),
    b("cycle_sort", Action::CycleSort, &["s"]),
    b("reverse_sort", Action::ReverseSort, &["S"]),
    b("select", Action::Select, &["Enter"]),
    b("back", Action::Back, &["Esc"]),
    b("help", Action::ToggleHelp, &["?"]),
    b("company_picker", Action::OpenCompanyPicker, &["p"]),
    b("region_picker", Action::OpenRegionPicker, &["R"]),
    b("kind_picker", Action::OpenKindPicker, &["K"]),
    b("since", Action::StartDate(false), &["d"]),
    b("until", Action::StartDate(true), &["D"]),
    b("next_match", Action::NextMatch, &["n"]),
    b("prev_match", Action::PrevMatch, &["N"]),
    b("warnings", Action::ShowWarnings, &["w"]),
    b("toggle_granularity", Action::ToggleGranularity, &["t"]),
    b("toggle_time_axis", Action::ToggleTimeAxis, &["a"]),
    b("export_csv", Action::Export(ExportFormat::Csv), &["e"]),
    b("export_json", Action::Export(ExportFormat::Json), &["E"]),
    b("copy_url", Action::CopyUrl, &["o"]),
    b("open_url", Action::OpenUrl, &["O"]),
    b("up", Action::Up, &["Up", "k"]),
    b("down", Action::Down, &["Down", "j"]),
    b("page_up", Action::PageUp, &["PageUp", "ctrl-u"]),
    b("page_down", Action::PageDown, &["PageDown", "ctrl-d"]),
    b("top", Action::Top, &["Home", "g"]),
    b("bottom", Action::Bottom, &["End", "G"]),
];

pub fn binding_index(name: &str) -> Option<usize> {
    BINDINGS.iter().position(|b| b.name == name)
}

/// The view keys in effect: the defaults, with the configured actions' keys replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    /// Per entry of `BINDINGS`, its keys.
    keys: Vec<Vec<Chord>>,
    lookup: HashMap<Chord, usize>,
}

impl Default for KeyMap {
    fn default() -> Self {
        Self::with_overrides(&[])
    }
}

impl KeyMap {
    /// The defaults, then for each `(action index, keys)` the action gets exactly those keys;
    /// a key given to an action is taken away from any other action that had it by default.
    pub fn with_overrides(overrides: &[(usize, Vec<Chord>)]) -> Self {
        let mut keys: Vec<Vec<Chord>> = BINDINGS
            .iter()
            .map(|b| {
                b.keys
                    .iter()
                    .map(|k| Chord::parse(k).expect("default keys parse"))
                    .collect()
            })
            .collect();
        for (i, chords) in overrides {
            for (j, other) in keys.iter_mut().enumerate() {
                if j != *i {
                    other.retain(|c| !chords.contains(c));
                }
            }
            if let Some(k) = keys.get_mut(*i) {
                k.clone_from(chords);
            }
        }
        let mut lookup = HashMap::new();
        for (i, chords) in keys.iter().enumerate() {
            for c in chords {
                lookup.entry(*c).or_insert(i);
            }
        }
        Self { keys, lookup }
    }

    pub fn action(&self, chord: Chord) -> Option<Action> {
        self.lookup.get(&chord).map(|&i| BINDINGS[i].action.clone())
    }

    /// The keys of the action named `name` (empty when unbound or unknown).
    pub fn keys_of(&self, name: &str) -> &[Chord] {
        binding_index(name).map_or(&[], |i| &self.keys[i])
    }

    /// The first two keys of an action, as the help shows them: `↑/k`.
    pub fn label(&self, name: &str) -> String {
        let k: Vec<String> = self
            .keys_of(name)
            .iter()
            .take(2)
            .map(|c| c.label())
            .collect();
        if k.is_empty() {
            "–".into()
        } else {
            k.join("/")
        }
    }
}

fn is_movement(a: &Action) -> bool {
    matches!(
        a,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
    )
}

/// The most characters of a paste taken into the search prompt.
pub const MAX_PASTE_CHARS: usize = 200;

/// What a paste (bracketed paste) means: in the search prompt, its text typed in (line breaks
/// and tabs as spaces, other control characters dropped); anywhere else, nothing. A paste
/// never runs commands.
pub fn paste_actions(mode: &Mode, text: &str) -> Vec<Action> {
    match mode {
        Mode::Search { .. } => text
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !crate::model::text::is_unsafe(*c))
            .take(MAX_PASTE_CHARS)
            .map(Action::SearchInput)
            .collect(),
        _ => Vec::new(),
    }
}

pub fn key_action(keys: &KeyMap, mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let mapped = keys.action(Chord::from_event(&key));
    let movement = mapped.clone().filter(is_movement);
    match mode {
        Mode::Search { .. } => match key.code {
            KeyCode::Enter => Some(Action::SearchKeep),
            KeyCode::Esc => Some(Action::SearchDrop),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            _ => None,
        },
        // Characters type into the picker's filter; movement is by the non-character keys.
        Mode::Picker(_) => match key.code {
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Char(' ') => Some(Action::PickerToggle),
            KeyCode::Backspace => Some(Action::PickerBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::PickerInput(c)),
            _ => movement,
        },
        Mode::DatePrompt { .. } => match key.code {
            KeyCode::Enter => Some(Action::DateApply),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Backspace => Some(Action::DateBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::DateInput(c)),
            _ => None,
        },
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Enter => Some(Action::ToggleHelp),
            _ => match mapped {
                // q closes an overlay; it quits only from a view (SPEC §5).
                Some(Action::Quit | Action::ToggleHelp | Action::Back) => Some(Action::ToggleHelp),
                _ => None,
            },
        },
        Mode::Detail { .. } | Mode::Warnings { .. } => match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Backspace => Some(Action::Back),
            _ => match mapped {
                Some(Action::Quit) => Some(Action::Back),
                Some(Action::ToggleHelp | Action::Back) => mapped,
                Some(Action::CopyUrl | Action::OpenUrl) if matches!(mode, Mode::Detail { .. }) => {
                    mapped
                }
                _ => movement,
            },
        },
        Mode::Normal => mapped,
    }
}

/// The help overlay's rows: the actions whose keys it shows, and what they do.
pub const HELP: &[(&[&str], &str)] = &[
    (
        &[
            "view_announcements",
            "view_companies",
            "view_timeline",
            "view_map",
            "view_capex",
            "next_view",
            "prev_view",
        ],
        "Announcements, Companies, Timeline, Map, Capex",
    ),
    (
        &["left", "right"],
        "capex: year; timeline: period; else previous / next view",
    ),
    (
        &["cycle_family"],
        "family the totals add: all → spend → pledge → deal → public",
    ),
    (
        &["zoom_in", "zoom_out"],
        "map: zoom in / out (it starts fitted to what matches)",
    ),
    (
        &["pan_left", "pan_right", "pan_up", "pan_down"],
        "map: pan west, east, north, south",
    ),
    (&["reset_zoom"], "map: back to the fitted view"),
    (&["up", "down"], "move"),
    (&["page_up", "page_down"], "page up, page down"),
    (&["top", "bottom"], "top, bottom"),
    (
        &["select"],
        "detail / filter by company / a country's sites / a period",
    ),
    (&["cycle_currency"], "cycle currency: native → USD → CNY"),
    (
        &["toggle_rates"],
        "toggle rate basis: announcement date ↔ latest",
    ),
    (&["search"], "search (Enter keeps, Esc drops)"),
    (
        &["company_picker", "region_picker", "kind_picker"],
        "company / region / kind picker (type to narrow, Space marks, Enter applies)",
    ),
    (
        &["since", "until"],
        "since / until a date: 2025, 2025-06 or 2025-06-30 (empty clears)",
    ),
    (
        &["next_match", "prev_match"],
        "next / previous search match",
    ),
    (&["clear_filters"], "clear all filters"),
    (
        &["cycle_sort", "reverse_sort"],
        "cycle sort column (map: total, sites, records) / reverse",
    ),
    (
        &["toggle_granularity", "toggle_time_axis"],
        "timeline: quarter ↔ year / announced ↔ spend years",
    ),
    (&["warnings"], "load warnings"),
    (
        &["export_csv", "export_json"],
        "export this view's rows to a CSV / JSON file",
    ),
    (
        &["copy_url", "open_url"],
        "copy the source URL (OSC 52) / open it",
    ),
    (&["help", "back"], "this help / close"),
    (&["quit"], "quit (Ctrl-c quits too)"),
];

/// The help rows with the keys in effect: (keys, what they do).
pub fn help_rows(keys: &KeyMap) -> Vec<(String, &'static str)> {
    HELP.iter()
        .map(|(names, what)| {
            let k: Vec<String> = names.iter().map(|n| keys.label(n)).collect();
            (k.join(" "), *what)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chords_parse_and_label() {
        let c = Chord::parse("ctrl-U").unwrap();
        assert_eq!((c.code, c.ctrl), (KeyCode::Char('u'), true));
        assert_eq!(c.label(), "Ctrl-u");
        assert_eq!(Chord::parse("Q").unwrap().code, KeyCode::Char('Q'));
        assert_eq!(Chord::parse("shift-tab").unwrap().label(), "S-Tab");
        assert_eq!(Chord::parse("F5").unwrap().code, KeyCode::F(5));
        assert_eq!(Chord::parse("space").unwrap().label(), "Space");
        assert!(Chord::parse("ctrl-").is_err());
        assert!(Chord::parse("hyper-x").is_err());
        assert!(Chord::parse("").is_err());
    }

    #[test]
    fn no_default_key_has_two_actions() {
        let mut seen = std::collections::HashMap::new();
        for b in BINDINGS {
            for k in b.keys {
                let c = Chord::parse(k).unwrap();
                if let Some(other) = seen.insert(c, b.name) {
                    panic!("{k} is bound to both {other} and {}", b.name);
                }
            }
        }
    }

    #[test]
    fn overrides_replace_an_action_keys_and_take_them_from_others() {
        let cycle = binding_index("cycle_currency").unwrap();
        let km = KeyMap::with_overrides(&[(cycle, vec![Chord::parse("x").unwrap()])]);
        let x = Chord::plain(KeyCode::Char('x'));
        assert_eq!(km.action(x), Some(Action::CycleCurrency));
        assert_eq!(km.action(Chord::plain(KeyCode::Char('c'))), None);
        assert!(km.keys_of("clear_filters").is_empty());
        assert_eq!(km.label("clear_filters"), "–");
    }
}
