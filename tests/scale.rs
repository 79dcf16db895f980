//! At 10k synthetic records, the dashboard's fast paths (cached values, narrowing the rows as
//! the search grows, stepping back on Backspace, re-sorting in place, charts computed per
//! view) give exactly what the plain model computes from scratch.

use aiinvest::load::load_files;
use aiinvest::model::dataset::Dataset;
use aiinvest::model::money::Valuation;
use aiinvest::model::places::places;
use aiinvest::model::query::{Grouping, Summary, Totals, sort_rows, summarize};
use aiinvest::model::timeline::timeline;
use aiinvest::synth::{SynthSpec, generate};
use aiinvest::ui::action::Action;
use aiinvest::ui::app::{App, View};
use aiinvest::ui::update::update;

fn dataset() -> Dataset {
    let files = generate(SynthSpec {
        companies: 200,
        announcements: 10_000,
        seed: 11,
        quoted: true,
    });
    let bundled = aiinvest::load::read_tables(&[], None).unwrap();
    let loaded = load_files(files, bundled.0, bundled.1);
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics[0]);
    assert_eq!(loaded.dataset.announcements.len(), 10_000);
    loaded.dataset
}

/// Totals equal up to the order of summation (rows may be summed in another order).
fn same(a: &Totals, b: &Totals) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    (a.count, a.with_amount, a.unconverted, &a.currencies)
        == (b.count, b.with_amount, b.unconverted, &b.currencies)
        && close(a.min, b.min)
        && close(a.max, b.max)
}

fn same_summary(a: &Summary, b: &Summary) -> bool {
    same(&a.total, &b.total)
        && a.groups.len() == b.groups.len()
        && a.groups.iter().all(|g| {
            b.groups
                .iter()
                .any(|h| h.key == g.key && h.label == g.label && same(&g.totals, &h.totals))
        })
}

/// What the app shows, recomputed the slow way from its choices.
fn check_against_plain_model(app: &App, ds: &Dataset, step: &str) {
    let valuation = Valuation::new(ds, app.total_currency(), app.basis());
    let superseded = ds.superseded(app.filter.until);
    let mut rows = app.filter.apply(ds);
    sort_rows(ds, &mut rows, app.sort, app.descending, &valuation);
    assert_eq!(app.derived.rows, rows, "{step}: rows");
    assert_eq!(app.derived.superseded, superseded, "{step}: superseded");
    if let Some(c) = &app.derived.companies {
        let plain = summarize(ds, &rows, &superseded, Grouping::Company, &valuation);
        assert!(same_summary(c, &plain), "{step}: companies differ");
    }
    if let Some(t) = &app.derived.timeline {
        let plain = timeline(
            ds,
            &rows,
            &superseded,
            &valuation,
            app.granularity,
            app.axis,
        );
        assert_eq!(t.len(), plain.len(), "{step}: timeline buckets");
        for (x, y) in t.iter().zip(&plain) {
            assert!(
                x.label == y.label && same(&x.totals, &y.totals),
                "{step}: timeline {}",
                x.label
            );
        }
    }
    if let Some(p) = &app.derived.places {
        let plain = places(ds, &rows, &superseded, &valuation);
        assert_eq!(p.places.len(), plain.places.len(), "{step}: places");
        assert_eq!(p.sites.len(), plain.sites.len(), "{step}: sites");
        assert!(same(&p.total, &plain.total), "{step}: map total");
        assert!(
            same(&p.unallocated, &plain.unallocated),
            "{step}: unallocated"
        );
        for x in &p.places {
            let y = plain
                .places
                .iter()
                .find(|y| y.code == x.code)
                .expect("same countries");
            assert!(
                x.records == y.records && x.sites == y.sites && same(&x.totals, &y.totals),
                "{step}: {}",
                x.code
            );
        }
    }
}

#[test]
fn fast_paths_match_the_plain_model_at_10k() {
    let ds = dataset();
    let mut app = App::new(&ds, &[]);
    let mut steps: Vec<(String, Action)> = Vec::new();
    steps.push(("view companies".into(), Action::ShowView(View::Companies)));
    steps.push(("search".into(), Action::StartSearch));
    for c in "cloud 1".chars() {
        steps.push((format!("type {c:?}"), Action::SearchInput(c)));
    }
    for _ in 0..3 {
        steps.push(("backspace".into(), Action::SearchBackspace));
    }
    steps.push(("keep".into(), Action::SearchKeep));
    for _ in 0..5 {
        steps.push(("sort".into(), Action::CycleSort));
        steps.push(("currency".into(), Action::CycleCurrency));
    }
    steps.push(("reverse".into(), Action::ReverseSort));
    steps.push(("basis".into(), Action::ToggleRateBasis));
    steps.push(("timeline".into(), Action::ShowView(View::Timeline)));
    steps.push(("spend years".into(), Action::ToggleTimeAxis));
    steps.push(("map".into(), Action::ShowView(View::Map)));
    steps.push(("more search".into(), Action::StartSearch));
    steps.push(("type".into(), Action::SearchInput('2')));
    steps.push(("backspace past the start".into(), Action::SearchBackspace));
    steps.push(("backspace".into(), Action::SearchBackspace));
    steps.push(("clear".into(), Action::ClearFilters));
    steps.push(("companies again".into(), Action::ShowView(View::Companies)));
    for (name, action) in steps {
        update(&mut app, &ds, action);
        check_against_plain_model(&app, &ds, &name);
    }
    // The search narrowed and widened for real.
    assert!(app.derived.rows.len() == 10_000);
}
