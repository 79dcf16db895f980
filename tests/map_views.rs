//! The map and the timeline as the issue "Map and timeline worth looking at" asks for them:
//! zoomed to a region, labels that fit, sites by city, a cursor over periods, guidance over
//! time. Frames through ratatui's TestBackend (insta snapshots) and the state machine.

mod common;

use aiinvest::geo::projection::WORLD;
use aiinvest::load::{Loaded, Sources, load};
use aiinvest::model::codes::{CountryCode, Currency};
use aiinvest::model::money::ViewCurrency;
use aiinvest::model::places::MapSort;
use aiinvest::ui::action::Action;
use aiinvest::ui::app::{App, View};
use aiinvest::ui::update::update;
use common::{app_at, frame, load_dir};

fn fixture(dir: &str) -> Loaded {
    load_dir(dir)
}

fn app(loaded: &Loaded, w: u16, h: u16) -> App {
    let mut app = app_at(loaded, w, h);
    app.set_currency(&loaded.dataset, ViewCurrency::Code(Currency::USD));
    app
}

fn map_in(loaded: &Loaded, region: &str, w: u16, h: u16) -> App {
    let mut a = app(loaded, w, h);
    a.filter.regions = vec![region.to_string()];
    a.recompute(&loaded.dataset);
    update(&mut a, &loaded.dataset, Action::ShowView(View::Map));
    a
}

/// Enter on a country in the map's side table: its sites and records beside the map.
fn drill_into(a: &mut App, ds: &aiinvest::model::dataset::Dataset, code: CountryCode) {
    let at = a
        .derived
        .places()
        .iter()
        .position(|p| p.code == code)
        .unwrap();
    for _ in 0..at {
        update(a, ds, Action::Down);
    }
    update(a, ds, Action::Select);
}

#[test]
fn map_zoomed_to_europe_and_east_asia() {
    let loaded = fixture("tests/fixtures/map");
    for (name, region) in [("europe", "Europe"), ("east_asia", "Eastern Asia")] {
        for (w, h) in [(80, 24), (120, 40)] {
            let a = map_in(&loaded, region, w, h);
            let text = frame(&loaded, &a);
            insta::assert_snapshot!(format!("map_{name}_{w}x{h}"), text);
            // Fitted, not the world; the remainder and the total are in the table.
            assert!(text.contains("fitted"), "{text}");
            assert!(text.contains("Multiple"), "{text}");
            assert!(text.contains("Total"), "{text}");
        }
    }
}

#[test]
fn at_120x40_europe_fills_the_panel_and_every_country_above_the_median_is_labelled() {
    let loaded = fixture("tests/fixtures/map");
    let a = map_in(&loaded, "Europe", 120, 40);
    let data = a.derived.places.as_ref().unwrap();
    let (cols, rows) = aiinvest::ui::layout::map_cells(a.size, a.status_height);
    let v = aiinvest::ui::map_state::viewport(&a.map, Some(data), cols, rows);
    assert!(
        v.lon_span() < 90.0 && v.west > -30.0 && v.east < 50.0,
        "{v:?}"
    );
    let text = frame(&loaded, &a);
    let mut totals: Vec<f64> = data
        .places
        .iter()
        .map(|p| p.totals.max)
        .filter(|t| *t > 0.0)
        .collect();
    totals.sort_by(f64::total_cmp);
    let median = totals[totals.len() / 2];
    for p in data.places.iter().filter(|p| p.totals.max > median) {
        assert!(
            text.contains(&format!("{} $", p.code)),
            "{} unlabelled:\n{text}",
            p.code
        );
    }
    // The United States is listed only through a multi-country record, and says so.
    assert!(text.contains("US United States*"), "{text}");
    assert!(text.contains("* only via multi-country records"), "{text}");
    // Parts add up: allocated countries plus the remainder make the total.
    let sum: f64 = data.places.iter().map(|p| p.totals.max).sum::<f64>() + data.unallocated.max;
    assert!(
        (sum - data.total.max).abs() < 1.0,
        "{sum} vs {}",
        data.total.max
    );
}

#[test]
fn zoom_pan_and_reset() {
    let loaded = fixture("tests/fixtures/map");
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 120, 40);
    update(&mut a, ds, Action::ShowView(View::Map));
    assert_eq!(a.map.viewport, None, "fitted to what matches");
    update(&mut a, ds, Action::Zoom(true));
    let zoomed = a.map.viewport.expect("zoomed in");
    assert!(zoomed.lon_span() < WORLD.lon_span());
    assert!(frame(&loaded, &a).contains("zoomed · 0 fits"));
    update(&mut a, ds, Action::Pan(1, 0));
    let panned = a.map.viewport.unwrap();
    assert!(panned.west > zoomed.west, "east: {panned:?}");
    update(&mut a, ds, Action::Pan(0, 1));
    assert!(a.map.viewport.unwrap().north > panned.north, "north");
    update(&mut a, ds, Action::Zoom(false));
    assert!(a.map.viewport.unwrap().lon_span() > zoomed.lon_span());
    update(&mut a, ds, Action::ResetZoom);
    assert_eq!(a.map.viewport, None);
    // A filter change fits the map again.
    update(&mut a, ds, Action::Zoom(true));
    update(&mut a, ds, Action::CycleFamily);
    assert_eq!(a.map.viewport, None);
    // Elsewhere the keys say where they work instead of doing nothing.
    update(&mut a, ds, Action::ShowView(View::Companies));
    update(&mut a, ds, Action::Zoom(true));
    assert!(a.message.as_deref().unwrap_or("").contains("map"));
}

#[test]
fn the_side_table_sorts_and_widens_and_enter_lists_sites_by_city() {
    let loaded = fixture("tests/fixtures/map");
    let ds = &loaded.dataset;
    // No country name is cut at 200 columns.
    let mut a = app(&loaded, 200, 50);
    update(&mut a, ds, Action::ShowView(View::Map));
    let text = frame(&loaded, &a);
    for p in a.derived.places() {
        let name = ds.countries.name(p.code);
        assert!(text.contains(name), "{name} cut:\n{text}");
    }
    update(&mut a, ds, Action::CycleSort);
    assert_eq!(a.map.sort, MapSort::Sites);
    let sites: Vec<usize> = a.derived.places().iter().map(|p| p.sites).collect();
    assert!(sites.windows(2).all(|w| w[0] >= w[1]), "{sites:?}");
    assert!(frame(&loaded, &a).contains("by sites"));
    update(&mut a, ds, Action::CycleSort);
    assert_eq!(a.map.sort, MapSort::Records);
    update(&mut a, ds, Action::CycleSort);
    assert_eq!(a.map.sort, MapSort::Total);

    // Enter on Germany: its sites by city beside its records, the map zoomed to it.
    let mut a = map_in(&loaded, "Europe", 120, 40);
    let de = CountryCode::parse("DE").unwrap();
    drill_into(&mut a, ds, de);
    assert_eq!((a.view, a.map.focus), (View::Map, Some(de)));
    let text = frame(&loaded, &a);
    insta::assert_snapshot!("map_germany_sites_120x40", text);
    for want in [
        "Berlin",
        "Frankfurt am Main",
        "building",
        "2026",
        "sites by city",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
    // Esc leaves the drill-down: the map as it was.
    update(&mut a, ds, Action::Back);
    assert_eq!((a.view, a.map.focus), (View::Map, None));
    assert_eq!(a.filter.regions, vec!["Europe".to_string()]);
    assert!(a.filter.countries.is_empty());
}

/// At 80 columns a country's records keep whole dates and amounts with their unit; the title
/// (and, if need be, the company) gives way and is cut with `…`.
#[test]
fn a_countrys_records_keep_dates_and_units_at_80_columns() {
    let loaded = fixture("tests/fixtures/map");
    let ds = &loaded.dataset;
    let mut a = map_in(&loaded, "Europe", 80, 24);
    drill_into(&mut a, ds, CountryCode::parse("DE").unwrap());
    let text = frame(&loaded, &a);
    let lines: Vec<&str> = text.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains("records touching"))
        .unwrap();
    let rows: Vec<&str> = lines[top + 2..]
        .iter()
        .map(|l| l.rsplit('│').nth(1).unwrap_or_default())
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "{text}");
    for row in rows {
        let date = row.split(' ').next().unwrap();
        assert_eq!(date.len(), 10, "a whole date in {row:?}:\n{text}");
        assert!(
            row.contains(" $"),
            "an amount with its unit in {row:?}:\n{text}"
        );
    }
}

#[test]
fn timeline_with_small_and_large_totals() {
    for (name, dir) in [
        ("small", "tests/fixtures/map"),
        ("large", "tests/fixtures/model"),
    ] {
        let loaded = fixture(dir);
        let mut a = app(&loaded, 120, 40);
        update(&mut a, &loaded.dataset, Action::ShowView(View::Timeline));
        let text = frame(&loaded, &a);
        insta::assert_snapshot!(format!("timeline_{name}_120x40"), text);
        // No bar is labelled 0.0: the unit follows the data.
        assert!(!text.contains(" 0.0 "), "{text}");
    }
}

/// Quarters too narrow for "2025 Q1" are labelled "Q1", with their year once under its
/// quarters; cut to the bar's width they read "25Q" for every quarter of a year.
#[test]
fn narrow_quarter_bars_show_the_quarter_and_the_year_under_its_run() {
    let loaded = fixture("data");
    let a = {
        let mut a = app(&loaded, 80, 24);
        update(&mut a, &loaded.dataset, Action::ShowView(View::Timeline));
        a
    };
    let buckets = a.derived.timeline.as_deref().unwrap();
    assert!(
        buckets.len() > 8,
        "the bundled data spans years of quarters"
    );
    let text = frame(&loaded, &a);
    let lines: Vec<&str> = text.lines().collect();
    let bottom = lines.iter().position(|l| l.contains("←→ period")).unwrap();
    let (quarters, years) = (lines[bottom - 2], lines[bottom - 1]);
    assert!(
        !quarters.contains("Q "),
        "no label cut after its Q:\n{text}"
    );
    let shown = quarters.matches('Q').count();
    assert!(shown > 8, "{shown} quarters labelled:\n{text}");
    let first_year = &buckets[buckets.len() - shown].label[..4];
    let last_year = &buckets[buckets.len() - 1].label[..4];
    let (first, last): (u32, u32) = (first_year.parse().unwrap(), last_year.parse().unwrap());
    for year in first..=last {
        let short = format!("{:02}", year % 100);
        assert_eq!(years.matches(&short).count(), 1, "{year}:\n{text}");
    }
}

#[test]
fn timeline_cursor_shows_a_period_and_enter_filters_to_it() {
    let loaded = fixture("tests/fixtures/map");
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 120, 40);
    update(&mut a, ds, Action::ShowView(View::Timeline));
    update(&mut a, ds, Action::ToggleGranularity);
    let n = a.derived.timeline.as_ref().unwrap().len();
    // The cursor starts on the latest period and moves with ← →.
    update(&mut a, ds, Action::Left);
    assert_eq!(a.period, n - 2);
    assert_eq!(a.view, View::Timeline, "← moves the cursor, not the view");
    let label = a.derived.timeline.as_ref().unwrap()[n - 2].label.clone();
    let text = frame(&loaded, &a);
    assert!(text.contains(&format!(" {label} ")), "{label}:\n{text}");
    update(&mut a, ds, Action::Select);
    assert_eq!(a.view, View::Announcements);
    let year: i32 = label.parse().unwrap();
    assert!(
        a.derived
            .rows
            .iter()
            .all(|&i| chrono::Datelike::year(&ds.announcements[i].date) == year)
    );
    update(&mut a, ds, Action::Back);
    assert_eq!((a.view, a.filter.since), (View::Timeline, None));
    // `t` in spend-year mode says why it does nothing.
    update(&mut a, ds, Action::ToggleTimeAxis);
    update(&mut a, ds, Action::ToggleGranularity);
    assert!(a.message.as_deref().unwrap_or("").contains("whole years"));
}

#[test]
fn one_company_shows_how_its_guidance_moved() {
    let loaded = load(&Sources {
        data_dirs: vec![],
        bundled: true,
    })
    .unwrap();
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 120, 40);
    a.filter.companies = vec!["meta".into()];
    a.recompute(ds);
    update(&mut a, ds, Action::ShowView(View::Timeline));
    let text = frame(&loaded, &a);
    for want in ["capex guidance", "FY2025", "FY2026", "by date given"] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
}
