//! Arbitrary bytes as company files: loading never panics, and whatever loads can be
//! converted, summed, listed and drawn without a panic and without a raw control character
//! on screen.
//!
//! The input is one file, `fuzz.toml` (so `[company] id = "fuzz"` matches its name); a line
//! `#%%` splits it into a second file, `other.toml`, for checks across files.

#![no_main]

#[path = "common.rs"]
mod common;

use aiinvest::cli::list::notes;
use aiinvest::export::list_json_row;
use aiinvest::load::{InputFile, load_files};
use aiinvest::model::money::Valuation;
use aiinvest::model::money::amount_text;
use aiinvest::model::places::places;
use aiinvest::model::text::is_unsafe;
use aiinvest::model::timeline::{Granularity, TimeAxis, timeline};
use aiinvest::ui::action::Action;
use aiinvest::ui::app::{App, View};
use aiinvest::ui::render::frame_buffer;
use aiinvest::ui::update::update;
use libfuzzer_sys::fuzz_target;

fn split(data: &[u8]) -> Vec<InputFile> {
    const SEP: &[u8] = b"\n#%%\n";
    let at = data.windows(SEP.len()).position(|w| w == SEP);
    let (a, b) = match at {
        Some(i) => (&data[..i], Some(&data[i + SEP.len()..])),
        None => (data, None),
    };
    let mut files = vec![InputFile {
        path: "data/announcements/fuzz.toml".into(),
        bytes: a.to_vec(),
    }];
    if let Some(b) = b {
        files.push(InputFile {
            path: "data/announcements/other.toml".into(),
            bytes: b.to_vec(),
        });
    }
    files
}

fuzz_target!(|data: &[u8]| {
    let (countries, rates) = common::tables();
    let loaded = load_files(split(data), countries.clone(), rates.clone());
    let ds = &loaded.dataset;

    for d in &loaded.diagnostics {
        let s = d.to_string();
        assert!(!s.chars().any(is_unsafe), "diagnostic not sanitised: {s:?}");
        assert!(d.line >= 1 && d.col >= 1);
    }
    // What the validator promises.
    let mut ids = std::collections::HashSet::new();
    for a in &ds.announcements {
        assert!(a.company < ds.companies.len());
        assert!(ids.insert(a.id.as_str()), "duplicate id {}", a.id);
        if let Some(m) = a.amount {
            assert!(0 <= m.min && m.min <= m.max);
        }
        assert!(a.period.from <= a.period.to);
        if let Some(r) = &a.revises {
            let t = ds.find(r).expect("revises names a loaded record");
            assert!(ds.announcements[t].date <= a.date);
        }
        if let Some(p) = &a.part_of {
            assert!(ds.find(p).is_some());
        }
    }
    if ds.announcements.is_empty() {
        return;
    }

    let rows: Vec<usize> = (0..ds.announcements.len()).collect();
    let superseded = ds.superseded(None);
    common::check_summaries(ds, &rows, &superseded, true);
    for view in common::VIEWS {
        for basis in common::BASES {
            for g in [Granularity::Quarter, Granularity::Year] {
                for axis in [TimeAxis::Announced, TimeAxis::SpendYears] {
                    let _ = timeline(
                        ds,
                        &rows,
                        &superseded,
                        &Valuation::new(ds, view, basis),
                        g,
                        axis,
                    );
                }
            }
            let _ = places(ds, &rows, &superseded, &Valuation::new(ds, view, basis));
            for &i in &rows {
                let _ = amount_text(&ds.announcements[i], view, basis, &ds.rates);
                let _ = list_json_row(ds, i, superseded[i], view, basis).to_string();
                let _ = notes(ds, i, superseded[i]);
                let _ = ds.revision_chain(i);
            }
        }
    }

    // Every view and the detail overlay, drawn: no raw control character reaches a cell.
    let mut app = App::new(ds, &loaded.diagnostics);
    let _ = update(&mut app, ds, Action::Resize(100, 30));
    for view in View::ALL {
        app.view = view;
        common::assert_frame_safe(&frame_buffer(&app, ds, 100, 30), view.title());
    }
    app.view = View::Announcements;
    let _ = update(&mut app, ds, Action::Select);
    common::assert_frame_safe(&frame_buffer(&app, ds, 100, 30), "detail");
    let _ = update(&mut app, ds, Action::Back);
    let _ = update(&mut app, ds, Action::ShowWarnings);
    common::assert_frame_safe(&frame_buffer(&app, ds, 100, 30), "warnings");
});
