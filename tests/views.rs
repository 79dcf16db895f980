//! Rendered frames through ratatui's TestBackend, as insta snapshots reviewed like code:
//! every view at 120x40 and at the minimum size, in native, USD and CNY. Plus the state
//! machine: actions change the state the frames are drawn from.

mod common;

use aiinvest::load::Loaded;
use aiinvest::model::codes::Currency;
use aiinvest::model::money::ViewCurrency;
use aiinvest::ui::action::Action;
use aiinvest::ui::app::{App, Mode, View};
use aiinvest::ui::update::update;
use common::{app_at, frame, load_dir};

fn fixture() -> Loaded {
    load_dir("tests/fixtures/model")
}

fn app(loaded: &Loaded, w: u16, h: u16) -> App {
    app_at(loaded, w, h)
}

#[test]
fn every_view_every_currency_two_sizes() {
    let loaded = fixture();
    for (w, h) in [(120, 40), (80, 24)] {
        for view in View::ALL {
            for (name, currency) in [
                ("native", ViewCurrency::Native),
                ("usd", ViewCurrency::Code(Currency::USD)),
                ("cny", ViewCurrency::Code(Currency::CNY)),
            ] {
                let mut a = app(&loaded, w, h);
                update(&mut a, &loaded.dataset, Action::ShowView(view));
                a.set_currency(&loaded.dataset, currency);
                let snap = format!("{}_{name}_{w}x{h}", view.title().to_lowercase());
                insta::assert_snapshot!(snap, frame(&loaded, &a));
            }
        }
    }
}

#[test]
fn overlays_and_too_small() {
    let loaded = fixture();
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 120, 40);
    update(&mut a, ds, Action::ToggleHelp);
    insta::assert_snapshot!("help_120x40", frame(&loaded, &a));
    let mut a = app(&loaded, 120, 40);
    update(&mut a, ds, Action::Bottom);
    update(&mut a, ds, Action::Select);
    let record = a.selected_announcement().unwrap();
    assert_eq!(a.mode, Mode::Detail { scroll: 0, record });
    insta::assert_snapshot!("detail_120x40", frame(&loaded, &a));
    let small = app(&loaded, 79, 23);
    let text = frame(&loaded, &small);
    assert!(text.contains("Terminal too small: 79x23"), "{text}");
}

#[test]
fn currency_and_rate_basis_change_every_figure() {
    let loaded = fixture();
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 120, 40);
    let native = frame(&loaded, &a);
    assert!(native.contains(">¥380.0 bn"), "{native}");
    update(&mut a, ds, Action::CycleCurrency);
    assert_eq!(a.currency(), ViewCurrency::Code(Currency::USD));
    let usd = frame(&loaded, &a);
    assert!(usd.contains(">$52.4 bn"), "{usd}");
    assert!(usd.contains("n/a"), "TWD has no rate: {usd}");
    update(&mut a, ds, Action::CycleCurrency);
    assert!(frame(&loaded, &a).contains("Amount (CNY)"));
    update(&mut a, ds, Action::CycleCurrency);
    assert_eq!(a.currency(), ViewCurrency::Native, "the cycle wraps");
    update(&mut a, ds, Action::CycleCurrency);
    update(&mut a, ds, Action::ToggleRateBasis);
    let latest = frame(&loaded, &a);
    assert!(latest.contains("rates: latest ECB, 2026-10-30"), "{latest}");
    assert!(
        !latest.contains(">$52.4 bn"),
        "the yuan figure moved with the rate"
    );
}

#[test]
fn search_keep_drop_and_clear() {
    let loaded = fixture();
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 120, 40);
    assert_eq!(a.derived.rows.len(), 8);
    update(&mut a, ds, Action::StartSearch);
    for c in "paulo".chars() {
        update(&mut a, ds, Action::SearchInput(c));
    }
    assert_eq!(a.derived.rows.len(), 1, "filters as you type");
    assert!(frame(&loaded, &a).contains("/paulo"));
    update(&mut a, ds, Action::SearchDrop);
    assert_eq!(a.derived.rows.len(), 8, "Esc drops the search");
    update(&mut a, ds, Action::StartSearch);
    update(&mut a, ds, Action::SearchInput('龙'));
    update(&mut a, ds, Action::SearchKeep);
    assert_eq!((a.mode.clone(), a.derived.rows.len()), (Mode::Normal, 3));
    assert!(frame(&loaded, &a).contains("3 of 8"));
    update(&mut a, ds, Action::ClearFilters);
    assert_eq!(a.derived.rows.len(), 8);
    // A search that matches nothing says so under the header, with the key that clears it.
    update(&mut a, ds, Action::StartSearch);
    for c in "zzz".chars() {
        update(&mut a, ds, Action::SearchInput(c));
    }
    update(&mut a, ds, Action::SearchKeep);
    let text = frame(&loaded, &a);
    assert!(
        text.contains("No announcements match the filters (x clears them)."),
        "{text}"
    );
}

#[test]
fn sorting_selection_and_drill_down() {
    let loaded = fixture();
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 120, 40);
    let first = |a: &App| ds.announcements[a.derived.rows[0]].id.clone();
    assert_eq!(first(&a), "dragon-2025-europe", "newest first");
    update(&mut a, ds, Action::ReverseSort);
    assert_eq!(first(&a), "acme-2024-plan");
    // Sort by company, then amount: each column starts in its natural direction (largest
    // amounts first).
    update(&mut a, ds, Action::CycleSort);
    update(&mut a, ds, Action::CycleSort);
    assert_eq!(
        first(&a),
        "acme-2025-raise",
        "largest amount (130 bn) first"
    );
    // Companies: Enter drills down into the company's announcements (every view follows the
    // filter); Esc steps back to Companies as it was.
    update(&mut a, ds, Action::ShowView(View::Companies));
    update(&mut a, ds, Action::Select);
    assert_eq!(a.filter.companies, vec!["acme".to_string()]);
    assert_eq!(a.view, View::Announcements);
    assert_eq!(a.derived.rows.len(), 4);
    update(&mut a, ds, Action::Back);
    assert!(a.filter.companies.is_empty());
    assert_eq!(a.view, View::Companies);
    // Map: Enter on a country lists its sites and records beside the map; Esc comes back.
    update(&mut a, ds, Action::ShowView(View::Map));
    update(&mut a, ds, Action::Select);
    assert_eq!(a.view, View::Map);
    assert!(a.map.focus.is_some());
    assert_eq!(a.filter.countries.len(), 1);
    update(&mut a, ds, Action::Back);
    assert_eq!(a.view, View::Map);
    assert!(a.filter.countries.is_empty());
    update(&mut a, ds, Action::Select);
    // Company picker: mark two, apply.
    update(&mut a, ds, Action::ClearFilters);
    update(&mut a, ds, Action::OpenCompanyPicker);
    update(&mut a, ds, Action::PickerToggle);
    update(&mut a, ds, Action::Down);
    update(&mut a, ds, Action::PickerToggle);
    update(&mut a, ds, Action::Select);
    assert_eq!(a.filter.companies.len(), 2);
    // Region picker: regions no record touches are not listed; the first item is a region.
    update(&mut a, ds, Action::ClearFilters);
    update(&mut a, ds, Action::ShowView(View::Announcements));
    update(&mut a, ds, Action::OpenRegionPicker);
    if let Mode::Picker(p) = &a.mode {
        assert!(p.items.iter().all(|it| it.count > 0), "no empty entries");
        assert!(!p.items.iter().any(|it| it.value == "Africa"));
    }
    update(&mut a, ds, Action::Select);
    assert_eq!(a.filter.regions, vec!["Americas".to_string()]);
    assert!(!a.derived.rows.is_empty());
    // Typing narrows the picker; the search that matches nothing shows the empty message.
    update(&mut a, ds, Action::ClearFilters);
    update(&mut a, ds, Action::OpenRegionPicker);
    for c in "eastern asia".chars() {
        update(&mut a, ds, Action::PickerInput(c));
    }
    update(&mut a, ds, Action::Select);
    assert_eq!(a.filter.regions, vec!["Eastern Asia".to_string()]);
    update(&mut a, ds, Action::ClearFilters);
    update(&mut a, ds, Action::StartSearch);
    for c in "no such words".chars() {
        update(&mut a, ds, Action::SearchInput(c));
    }
    update(&mut a, ds, Action::SearchKeep);
    assert!(frame(&loaded, &a).contains("No announcement matches"));
}

#[test]
fn paging_keeps_the_selection_on_screen() {
    let loaded = fixture();
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 80, 24);
    update(&mut a, ds, Action::Bottom);
    assert_eq!(a.announcements.selected, 7);
    let h = a.table_height();
    assert!(a.announcements.offset + h > 7 && a.announcements.offset <= 7);
    update(&mut a, ds, Action::PageUp);
    update(&mut a, ds, Action::Top);
    assert_eq!((a.announcements.selected, a.announcements.offset), (0, 0));
}

#[test]
fn help_names_the_currency_cycle_in_use() {
    let loaded = fixture();
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 120, 40);
    a.set_currency(ds, ViewCurrency::Code(Currency::EUR));
    update(&mut a, ds, Action::ToggleHelp);
    let text = frame(&loaded, &a);
    assert!(
        text.contains("cycle currency: native → USD → CNY → EUR"),
        "{text}"
    );
}

fn capex_fixture() -> Loaded {
    load_dir("tests/fixtures/capex")
}

#[test]
fn capex_view_and_one_family_on_companies() {
    let loaded = capex_fixture();
    let ds = &loaded.dataset;
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app(&loaded, w, h);
        update(&mut a, ds, Action::ShowView(View::Capex));
        insta::assert_snapshot!(format!("capex_table_{w}x{h}"), frame(&loaded, &a));
        // Enter on the selected cell: its revision chain and sources.
        update(&mut a, ds, Action::Left);
        assert_eq!(a.capex_column, 2, "2025");
        update(&mut a, ds, Action::Select);
        assert!(matches!(a.mode, Mode::Detail { .. }), "{:?}", a.mode);
        let text = frame(&loaded, &a);
        assert!(text.contains("Revision chain"), "{text}");
        assert!(text.contains("2025 capex $72.2bn"), "{text}");
        // Companies: all families with a column each, then the spend family alone.
        let mut a = app(&loaded, w, h);
        update(&mut a, ds, Action::ShowView(View::Companies));
        insta::assert_snapshot!(format!("companies_families_{w}x{h}"), frame(&loaded, &a));
        update(&mut a, ds, Action::CycleFamily);
        assert_eq!(a.filter.families.len(), 1);
        insta::assert_snapshot!(format!("companies_spend_{w}x{h}"), frame(&loaded, &a));
    }
}

#[test]
fn the_status_bar_shows_every_filter_at_any_width() {
    use aiinvest::model::announcement::{Family, Kind};
    let loaded = fixture();
    let ds = &loaded.dataset;
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        for view in View::ALL {
            let mut a = app(&loaded, w, h);
            a.filter.companies = ["alibaba", "alphabet", "amazon", "meta", "microsoft"]
                .map(String::from)
                .to_vec();
            a.filter.regions = vec!["Eastern Asia".into()];
            a.filter.kinds = vec![Kind::CapexGuidance];
            a.filter.families = vec![Family::Spend];
            a.filter.since = "2025-01-01".parse().ok();
            a.filter.search = "capex guidance 2026".into();
            update(&mut a, ds, Action::ShowView(view));
            a.recompute(ds);
            let text = frame(&loaded, &a);
            let lines: Vec<&str> = text.lines().collect();
            let status_lines = &lines[lines.len() - a.status_height as usize..];
            for l in status_lines {
                assert!(
                    unicode_width::UnicodeWidthStr::width(*l) <= w as usize,
                    "{l}"
                );
            }
            let status = status_lines.join("\n");
            for needle in [
                "0 of 8",
                "alibaba",
                "Eastern Asia",
                "capex-guidance",
                "spend",
                "2025-01-01",
                "rates",
            ] {
                assert!(
                    status.contains(needle),
                    "{w}x{h} {view:?}: `{needle}` missing from {status:?}"
                );
            }
            // The key that clears the filters is named whole or not at all.
            assert!(
                !status.contains("(x") || status.contains("(x clears)"),
                "{w}x{h} {view:?}: {status}"
            );
            // Five companies: the list is abbreviated, never cut silently.
            assert!(
                status.contains("+3") || status.contains("microsoft"),
                "{status}"
            );
            if w >= 120 {
                insta::assert_snapshot!(
                    format!("status_long_filters_{:?}_{w}x{h}", view).to_lowercase(),
                    status
                );
            }
        }
    }
}

#[test]
fn counts_agree_between_views_and_the_cli_model() {
    use aiinvest::model::money::Valuation;
    use aiinvest::model::query::{Grouping, summarize};
    let loaded = capex_fixture();
    let ds = &loaded.dataset;
    let mut a = app(&loaded, 200, 60);
    a.set_currency(ds, ViewCurrency::Code(Currency::USD));
    update(&mut a, ds, Action::ShowView(View::Companies));
    let rows = a.filter.apply(ds);
    let sup = ds.superseded(None);
    let s = summarize(
        ds,
        &rows,
        &sup,
        Grouping::Company,
        &Valuation::new(ds, ViewCurrency::Code(Currency::USD), a.basis()),
    );
    let text = frame(&loaded, &a);
    assert!(text.contains(&format!(
        "{} of {} records",
        rows.len(),
        ds.announcements.len()
    )));
    for g in &s.groups {
        let line = text.lines().find(|l| l.contains(&g.label)).unwrap();
        assert!(line.contains(&format!(" {} ", g.totals.count)), "{line}");
    }
    assert_eq!(a.derived.companies.as_ref().unwrap().total, s.total);
}

/// With every family on the bundled data, the Companies table keeps each header whole at
/// 80 columns: figures take their width, names give way and are cut with `…`.
#[test]
fn companies_headers_stay_whole_at_80_columns() {
    let loaded = load_dir("data");
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(&loaded, w, h);
        update(&mut a, &loaded.dataset, Action::ShowView(View::Companies));
        let text = frame(&loaded, &a);
        let header = text.lines().nth(2).unwrap();
        for word in [
            "Company", "Records", "Spend", "Pledge", "Deal", "Public", "All",
        ] {
            assert!(
                header.split([' ', '│']).any(|w| w == word),
                "{word} at {w}x{h}:\n{text}"
            );
        }
        let names: Vec<&str> = text.lines().skip(3).take(5).collect();
        for line in names {
            // A cut name ends in `…` before the records column, never mid-word.
            let name = line.trim_start_matches('│').split("  ").next().unwrap();
            let full = loaded
                .dataset
                .companies
                .iter()
                .any(|c| c.display_name().starts_with(name.trim()));
            assert!(full || name.trim().ends_with('…'), "{name:?}:\n{text}");
        }
    }
}

/// Capex names take the room the year columns leave: whole at 200 columns, cut with `…` at 80.
#[test]
fn capex_names_use_the_width_there_is() {
    let loaded = load_dir("data");
    let tsmc = "Taiwan Semiconductor Manufacturing Co. (TSMC)";
    for (w, h, whole) in [(200, 60, true), (80, 24, false)] {
        let mut a = app(&loaded, w, h);
        update(&mut a, &loaded.dataset, Action::ShowView(View::Capex));
        let text = frame(&loaded, &a);
        assert_eq!(text.contains(tsmc), whole, "at {w}x{h}:\n{text}");
        assert!(text.contains("Taiwan Semiconductor"), "at {w}x{h}:\n{text}");
    }
}
