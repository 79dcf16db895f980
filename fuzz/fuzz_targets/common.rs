//! What both targets share: the bundled tables and dataset, parsed once, and the checks that
//! a rendered frame and a computed dataset must pass whatever the input.

use std::sync::OnceLock;

use aiinvest::fx::RateTable;
use aiinvest::geo::Countries;
use aiinvest::load::{
    BUNDLED_COUNTRIES, BUNDLED_ECB, BUNDLED_PEGS, Loaded, bundled_files, load_files,
};
use aiinvest::model::codes::Currency;
use aiinvest::model::dataset::Dataset;
use aiinvest::model::money::{RateBasis, Valuation, ViewCurrency};
use aiinvest::model::query::{Grouping, summarize};
use aiinvest::model::text::is_unsafe;
use ratatui::buffer::Buffer;

pub fn tables() -> &'static (Countries, RateTable) {
    static T: OnceLock<(Countries, RateTable)> = OnceLock::new();
    T.get_or_init(|| {
        let countries = Countries::from_toml(BUNDLED_COUNTRIES).expect("bundled countries");
        let rates = RateTable::from_ecb_csv(BUNDLED_ECB)
            .expect("bundled rates")
            .with_pegs_toml(BUNDLED_PEGS)
            .expect("bundled pegs");
        (countries, rates)
    })
}

#[allow(dead_code)]
pub fn bundled() -> &'static Loaded {
    static B: OnceLock<Loaded> = OnceLock::new();
    B.get_or_init(|| {
        let (c, r) = tables();
        load_files(bundled_files(), c.clone(), r.clone())
    })
}

/// No cell of a frame holds a character that could steer the terminal.
pub fn assert_frame_safe(buf: &Buffer, what: &str) {
    for cell in buf.content() {
        let sym = cell.symbol();
        assert!(
            !sym.chars().any(is_unsafe),
            "{what}: unsafe character {sym:?} in a cell"
        );
    }
}

#[allow(dead_code)]
pub const VIEWS: [ViewCurrency; 3] = [
    ViewCurrency::Native,
    ViewCurrency::Code(Currency::USD),
    ViewCurrency::Code(Currency::CNY),
];
pub const BASES: [RateBasis; 2] = [RateBasis::Announcement, RateBasis::Latest];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Totals are the sum of their groups (except spend years, where a record counts in every
/// year of its period but its money is split between them).
pub fn check_summaries(ds: &Dataset, rows: &[usize], superseded: &[bool], all_views: bool) {
    let views: &[ViewCurrency] = if all_views {
        &[ViewCurrency::Code(Currency::USD), ViewCurrency::Native]
    } else {
        &[ViewCurrency::Code(Currency::USD)]
    };
    let bases: &[RateBasis] = if all_views { &BASES } else { &BASES[..1] };
    for &view in views {
        for &basis in bases {
            for g in Grouping::ALL {
                let s = summarize(ds, rows, superseded, g, &Valuation::new(ds, view, basis));
                let min: f64 = s.groups.iter().map(|x| x.totals.min).sum();
                let max: f64 = s.groups.iter().map(|x| x.totals.max).sum();
                assert!(
                    close(min, s.total.min),
                    "{g:?} min {min} vs {}",
                    s.total.min
                );
                assert!(
                    close(max, s.total.max),
                    "{g:?} max {max} vs {}",
                    s.total.max
                );
                assert!(s.total.min <= s.total.max * (1.0 + 1e-9) + 1e-6);
                if g != Grouping::SpendYear {
                    let count: usize = s.groups.iter().map(|x| x.totals.count).sum();
                    assert_eq!(count, s.total.count, "{g:?}");
                    let unconv: usize = s.groups.iter().map(|x| x.totals.unconverted).sum();
                    assert_eq!(unconv, s.total.unconverted, "{g:?}");
                }
            }
        }
    }
}
