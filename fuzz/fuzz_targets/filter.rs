//! Arbitrary filters and key sequences over the bundled dataset: `Filter::apply` keeps its
//! promises (sorted, in range, every match really matches, more conditions never add rows),
//! and the dashboard's state machine, driven by keys and actions, never panics, keeps its
//! cursors in range and draws frames without raw control characters.

#![no_main]

#[path = "common.rs"]
mod common;

use aiinvest::model::announcement::Kind;
use aiinvest::model::codes::CountryCode;
use aiinvest::model::query::Filter;
use aiinvest::ui::action::Action;
use aiinvest::ui::app::{App, Mode};
use aiinvest::ui::keys::key_action;
use aiinvest::ui::render::frame_buffer;
use aiinvest::ui::update::update;
use arbitrary::Arbitrary;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Arbitrary, Debug)]
enum Step {
    /// A key as the terminal would deliver it, mapped by the real key table.
    Key {
        code: u8,
        ch: char,
        ctrl: bool,
        shift: bool,
    },
    Search(char),
    Backspace,
    Resize(u16, u16),
    Scroll(i32),
    Draw,
}

#[derive(Arbitrary, Debug)]
struct Input {
    search: String,
    /// Indices into the companies, or (when out of range) a made-up id.
    companies: Vec<u8>,
    countries: Vec<[u8; 2]>,
    /// Indices into the region names, or a raw string.
    regions: Vec<(u8, String)>,
    kinds: Vec<u8>,
    since: Option<(i16, u16)>,
    until: Option<(i16, u16)>,
    steps: Vec<Step>,
}

fn date((y, d): (i16, u16)) -> Option<NaiveDate> {
    NaiveDate::from_yo_opt(i32::from(y), u32::from(d))
}

fn key(code: u8, ch: char, ctrl: bool, shift: bool) -> KeyEvent {
    let code = match code % 16 {
        0 => KeyCode::Enter,
        1 => KeyCode::Esc,
        2 => KeyCode::Backspace,
        3 => KeyCode::Tab,
        4 => KeyCode::BackTab,
        5 => KeyCode::Up,
        6 => KeyCode::Down,
        7 => KeyCode::PageUp,
        8 => KeyCode::PageDown,
        9 => KeyCode::Home,
        10 => KeyCode::End,
        11 => KeyCode::Left,
        12 => KeyCode::Right,
        // Mostly the letters that mean something.
        13 => KeyCode::Char(b"12345cr/xsSgGjkpRwtaq? "[ch as usize % 23] as char),
        _ => KeyCode::Char(ch),
    };
    let mut m = KeyModifiers::NONE;
    if ctrl {
        m |= KeyModifiers::CONTROL;
    }
    if shift {
        m |= KeyModifiers::SHIFT;
    }
    KeyEvent::new(code, m)
}

fn filter_of(input: &Input, ds: &aiinvest::model::dataset::Dataset) -> Filter {
    let regions = ds.countries.region_names();
    Filter {
        companies: input
            .companies
            .iter()
            .map(|&i| match ds.companies.get(i as usize) {
                Some(c) => c.id.clone(),
                None => format!("no-such-{i}"),
            })
            .collect(),
        countries: input
            .countries
            .iter()
            .filter_map(|c| CountryCode::parse(std::str::from_utf8(c).ok()?))
            .collect(),
        regions: input
            .regions
            .iter()
            .map(|(i, s)| match regions.get(*i as usize) {
                Some(r) if i % 3 == 0 => r.to_lowercase(),
                Some(r) => r.clone(),
                None => s.clone(),
            })
            .collect(),
        kinds: input
            .kinds
            .iter()
            .map(|k| Kind::ALL[*k as usize % Kind::ALL.len()])
            .collect(),
        since: input.since.and_then(date),
        until: input.until.and_then(date),
        search: input.search.clone(),
    }
}

fn is_subset(small: &[usize], big: &[usize]) -> bool {
    small.iter().all(|i| big.binary_search(i).is_ok())
}

fuzz_target!(|input: Input| {
    let loaded = common::bundled();
    let ds = &loaded.dataset;
    let filter = filter_of(&input, ds);
    let rows = filter.apply(ds);
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "rows out of order");
    assert!(rows.iter().all(|&i| i < ds.announcements.len()));
    let needle = filter.search.to_lowercase();
    for &i in &rows {
        assert!(ds.haystack(i).contains(&needle));
    }
    // Dropping any one condition never loses a row.
    let loosened = [
        Filter {
            search: String::new(),
            ..filter.clone()
        },
        Filter {
            companies: vec![],
            ..filter.clone()
        },
        Filter {
            countries: vec![],
            ..filter.clone()
        },
        Filter {
            regions: vec![],
            ..filter.clone()
        },
        Filter {
            kinds: vec![],
            ..filter.clone()
        },
        Filter {
            since: None,
            ..filter.clone()
        },
        Filter {
            until: None,
            ..filter.clone()
        },
        Filter::default(),
    ];
    for f in &loosened {
        assert!(
            is_subset(&rows, &f.apply(ds)),
            "a looser filter lost rows: {f:?}"
        );
    }
    // A longer search never finds more.
    let longer = Filter {
        search: format!("{}x", filter.search),
        ..filter.clone()
    };
    assert!(is_subset(&longer.apply(ds), &rows));
    let superseded = ds.superseded(filter.until);
    common::check_summaries(ds, &rows, &superseded, false);

    // The dashboard, from this filter, driven by the steps.
    let mut app = App::new(ds, &loaded.diagnostics);
    app.filter = filter;
    // As the command line does (`build_app`): the rows follow the filter.
    app.recompute(ds);
    let _ = update(&mut app, ds, Action::Resize(100, 30));
    let mut size = (100u16, 30u16);
    let mut draws = 0;
    for step in input.steps.into_iter().take(200) {
        let action = match step {
            Step::Key {
                code,
                ch,
                ctrl,
                shift,
            } => key_action(&app.keys, &app.mode, key(code, ch, ctrl, shift)),
            Step::Search(c) => {
                if !matches!(app.mode, Mode::Search { .. }) {
                    let _ = update(&mut app, ds, Action::StartSearch);
                }
                Some(Action::SearchInput(c))
            }
            Step::Backspace => Some(Action::SearchBackspace),
            Step::Resize(w, h) => {
                size = (w % 260, h % 90);
                Some(Action::Resize(size.0, size.1))
            }
            Step::Scroll(n) => Some(Action::Scroll(n)),
            Step::Draw => {
                if draws < 4 {
                    draws += 1;
                    common::assert_frame_safe(&frame_buffer(&app, ds, size.0, size.1), "step");
                }
                None
            }
        };
        if let Some(a) = action {
            if a == Action::Quit {
                continue;
            }
            let _ = update(&mut app, ds, a);
        }
        // Invariants of the state.
        assert!(app.currency_ix < app.currencies.len());
        assert!(app.basis_ix < app.bases.len());
        let n = app.derived.rows.len();
        assert!(app.announcements.selected < n.max(1));
        // The map's places are computed when the map is shown.
        if app.derived.places.is_some() {
            assert!(app.places.selected < app.derived.places().len().max(1));
        }
        if let Mode::Picker(p) = &app.mode {
            assert_eq!(p.items.len(), p.marked.len());
            assert!(p.cursor < p.items.len().max(1));
        }
    }
    // What is shown is what the filter gives.
    let mut expect = app.filter.apply(ds);
    expect.sort();
    let mut got = app.derived.rows.clone();
    got.sort();
    assert_eq!(got, expect, "the rows shown differ from the filter's");
    // The view the steps left on screen (the `Draw` steps drew others along the way).
    common::assert_frame_safe(&frame_buffer(&app, ds, size.0, size.1), "last");
});
