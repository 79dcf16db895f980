//! View state: what the user has chosen (view, filters, currency, rate basis, sort, selection)
//! and the values derived from it, recomputed only when a choice changes.

use crate::load::diagnostic::Diagnostic;
use crate::model::codes::Currency;
use crate::model::dataset::Dataset;
use crate::model::money::{RateBasis, ViewCurrency};
use crate::model::places::{Place, SitePoint, places};
use crate::model::query::{Filter, Grouping, SortKey, Summary, sort_rows, summarize};
use crate::model::text::sanitize;
use crate::model::timeline::{Bucket, Granularity, TimeAxis, timeline};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Announcements,
    Companies,
    Timeline,
    Map,
}

impl View {
    pub const ALL: [View; 4] = [
        View::Announcements,
        View::Companies,
        View::Timeline,
        View::Map,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Announcements => "Announcements",
            View::Companies => "Companies",
            View::Timeline => "Timeline",
            View::Map => "Map",
        }
    }

    /// The view's name in file names and on the command line: `announcements`, ...
    pub fn slug(self) -> &'static str {
        match self {
            View::Announcements => "announcements",
            View::Companies => "companies",
            View::Timeline => "timeline",
            View::Map => "map",
        }
    }

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|v| v.title().eq_ignore_ascii_case(s))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Company,
    Region,
}

/// A list to choose filter values from; `marked` are the chosen ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    /// (value, label)
    pub items: Vec<(String, String)>,
    pub marked: Vec<bool>,
    pub cursor: usize,
}

/// What has the keyboard: the view, or something opened over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search; `before` is restored by Esc.
    Search {
        before: String,
    },
    Picker(Picker),
    Help,
    /// The full detail of the selected announcement, scrolled by `scroll` lines.
    Detail {
        scroll: u16,
    },
    Warnings {
        scroll: u16,
    },
}

/// A cursor in a list: the selected row and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` within `len` rows and keeps the selection inside a window of `height`.
    pub fn move_by(&mut self, delta: i64, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        let target = (self.selected as i64 + delta).clamp(0, len as i64 - 1) as usize;
        self.selected = target;
        self.clamp(len, height);
    }

    pub fn clamp(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// Everything the views draw that follows from the dataset and the user's choices.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Matching records in display order (superseded ones included, marked).
    pub rows: Vec<usize>,
    pub superseded: Vec<bool>,
    pub companies: Option<Summary>,
    pub timeline: Vec<Bucket>,
    pub places: Vec<Place>,
    pub sites: Vec<SitePoint>,
}

pub struct App {
    pub view: View,
    pub mode: Mode,
    pub filter: Filter,
    /// The currency cycle: native, USD, CNY, then configured ones.
    pub currencies: Vec<ViewCurrency>,
    pub currency_ix: usize,
    pub bases: Vec<RateBasis>,
    pub basis_ix: usize,
    pub sort: SortKey,
    pub descending: bool,
    pub granularity: Granularity,
    pub axis: TimeAxis,
    pub announcements: Cursor,
    pub companies: Cursor,
    pub places: Cursor,
    /// Terminal size, for paging and keeping the selection in view.
    pub size: (u16, u16),
    pub color: bool,
    /// Load diagnostics, sanitised, for the warnings list.
    pub warnings: Vec<String>,
    pub derived: Derived,
    pub quit: bool,
    /// The view keys in effect (the defaults, or as configured).
    pub keys: super::keys::KeyMap,
    /// A transient note for the status bar (where an export went); cleared by the next key.
    pub message: Option<String>,
}

impl App {
    pub fn new(ds: &Dataset, diagnostics: &[Diagnostic]) -> Self {
        let mut app = Self {
            view: View::Announcements,
            mode: Mode::Normal,
            filter: Filter::default(),
            currencies: vec![
                ViewCurrency::Native,
                ViewCurrency::Code(Currency::USD),
                ViewCurrency::Code(Currency::CNY),
            ],
            currency_ix: 0,
            bases: vec![RateBasis::Announcement, RateBasis::Latest],
            basis_ix: 0,
            sort: SortKey::Date,
            descending: true,
            granularity: Granularity::Quarter,
            axis: TimeAxis::Announced,
            announcements: Cursor::default(),
            companies: Cursor::default(),
            places: Cursor::default(),
            size: (120, 40),
            color: true,
            warnings: diagnostics
                .iter()
                .map(|d| sanitize(&d.to_string()))
                .collect(),
            derived: Derived::default(),
            quit: false,
            keys: super::keys::KeyMap::default(),
            message: None,
        };
        app.recompute(ds);
        app
    }

    /// Replaces the currency cycle (as configured); an empty list keeps the default one.
    pub fn set_currency_cycle(&mut self, ds: &Dataset, cycle: &[ViewCurrency]) {
        if !cycle.is_empty() {
            let current = self.currency();
            self.currencies = cycle.to_vec();
            self.currency_ix = self
                .currencies
                .iter()
                .position(|c| *c == current)
                .unwrap_or(0);
            self.recompute(ds);
        }
    }

    /// Starts in `currency` (added to the cycle if it is not in it).
    pub fn set_currency(&mut self, ds: &Dataset, currency: ViewCurrency) {
        match self.currencies.iter().position(|c| *c == currency) {
            Some(i) => self.currency_ix = i,
            None => {
                self.currencies.push(currency);
                self.currency_ix = self.currencies.len() - 1;
            }
        }
        self.recompute(ds);
    }

    /// Starts with `basis` (a fixed date joins the toggle as a third state).
    pub fn set_basis(&mut self, ds: &Dataset, basis: RateBasis) {
        if !self.bases.contains(&basis) {
            self.bases.push(basis);
        }
        self.basis_ix = self.bases.iter().position(|b| *b == basis).unwrap_or(0);
        self.recompute(ds);
    }

    pub fn currency(&self) -> ViewCurrency {
        self.currencies[self.currency_ix]
    }

    /// Totals across records need one currency: native view sums in USD (and says so).
    pub fn total_currency(&self) -> ViewCurrency {
        match self.currency() {
            ViewCurrency::Native => ViewCurrency::Code(Currency::USD),
            c => c,
        }
    }

    pub fn basis(&self) -> RateBasis {
        self.bases[self.basis_ix]
    }

    /// Rows of the announcements table that fit on screen (see `layout`).
    pub fn table_height(&self) -> usize {
        super::layout::table_rows(self.size, self.view).max(1)
    }

    /// Recomputes everything derived. Called by `update` after a choice changes.
    pub fn recompute(&mut self, ds: &Dataset) {
        let totals_in = self.total_currency();
        let basis = self.basis();
        let superseded = ds.superseded(self.filter.until);
        let mut rows = self.filter.apply(ds);
        // Amounts compare in one currency, even when each row shows its own.
        sort_rows(ds, &mut rows, self.sort, self.descending, totals_in, basis);
        let companies = summarize(ds, &rows, &superseded, Grouping::Company, totals_in, basis);
        let tl = timeline(
            ds,
            &rows,
            &superseded,
            totals_in,
            basis,
            self.granularity,
            self.axis,
        );
        let (pl, sites) = places(ds, &rows, &superseded, totals_in, basis);
        self.derived = Derived {
            rows,
            superseded,
            companies: Some(companies),
            timeline: tl,
            places: pl,
            sites,
        };
        let h = self.table_height();
        self.announcements.clamp(self.derived.rows.len(), h);
        let n = self
            .derived
            .companies
            .as_ref()
            .map_or(0, |s| s.groups.len());
        self.companies.clamp(n, h);
        self.places.clamp(self.derived.places.len(), h);
    }

    /// The announcement under the cursor, if any.
    pub fn selected_announcement(&self) -> Option<usize> {
        self.derived.rows.get(self.announcements.selected).copied()
    }
}
