//! KeyEvent -> Action: one table per mode.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::app::{Mode, View};

pub fn key_action(mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Search { .. } => match key.code {
            KeyCode::Enter => Some(Action::SearchKeep),
            KeyCode::Esc => Some(Action::SearchDrop),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            _ => None,
        },
        Mode::Picker(_) => match key.code {
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Char(' ') => Some(Action::PickerToggle),
            _ => movement(key),
        },
        Mode::Help => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => Some(Action::ToggleHelp),
            _ => None,
        },
        Mode::Detail { .. } | Mode::Warnings { .. } => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Esc | KeyCode::Enter | KeyCode::Backspace => Some(Action::Back),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            _ => movement(key),
        },
        Mode::Normal => normal(key),
    }
}

fn movement(key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Char('u') if ctrl => Action::PageUp,
        KeyCode::Char('d') if ctrl => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        _ => return None,
    })
}

fn normal(key: KeyEvent) -> Option<Action> {
    if let Some(a) = movement(key) {
        return Some(a);
    }
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('1') => Action::ShowView(View::Announcements),
        KeyCode::Char('2') => Action::ShowView(View::Companies),
        KeyCode::Char('3') => Action::ShowView(View::Timeline),
        KeyCode::Char('4') => Action::ShowView(View::Map),
        KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Action::NextView,
        KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Action::PrevView,
        KeyCode::Char('c') => Action::CycleCurrency,
        KeyCode::Char('r') => Action::ToggleRateBasis,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('x') => Action::ClearFilters,
        KeyCode::Char('s') => Action::CycleSort,
        KeyCode::Char('S') => Action::ReverseSort,
        KeyCode::Enter => Action::Select,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('p') => Action::OpenCompanyPicker,
        KeyCode::Char('R') => Action::OpenRegionPicker,
        KeyCode::Char('w') => Action::ShowWarnings,
        KeyCode::Char('t') => Action::ToggleGranularity,
        KeyCode::Char('a') => Action::ToggleTimeAxis,
        _ => return None,
    })
}

pub fn mouse_action(m: MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
        _ => None,
    }
}

/// The key table as the help overlay shows it: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    (
        "1 2 3 4, Tab/S-Tab",
        "Announcements, Companies, Timeline, Map",
    ),
    (
        "↑↓ / j k",
        "move; PgUp PgDn, Ctrl-u Ctrl-d page; g G top, bottom",
    ),
    ("Enter", "detail of the row / filter by company or country"),
    ("c", "cycle currency: native → USD → CNY"),
    ("r", "toggle rate basis: announcement date ↔ latest"),
    ("/", "search (Enter keeps, Esc drops)"),
    ("p", "company picker (Space marks, Enter applies)"),
    ("R", "region picker (UN M49 regions and sub-regions)"),
    ("x", "clear all filters"),
    ("s / S", "cycle sort column / reverse the order"),
    (
        "t / a",
        "timeline: quarter ↔ year / announced ↔ spend years",
    ),
    ("w", "load warnings"),
    ("? / Esc", "this help / close"),
    ("q, Ctrl-c", "quit"),
];
