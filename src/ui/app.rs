//! View state: what the user has chosen (view, filters, currency, rate basis, sort, selection)
//! and the values derived from it, recomputed only when a choice changes.

use crate::load::diagnostic::Diagnostic;
use crate::model::capex::{CapexTable, capex_table};
use crate::model::codes::Currency;
use crate::model::dataset::Dataset;
use chrono::NaiveDate;

use crate::model::money::{RateBasis, Valuation, ViewCurrency};
use crate::model::places::{MapData, Place, SitePoint, mark_outside, places, sort_places};
use crate::model::query::{Filter, Grouping, SortKey, Summary, sort_rows, summarize, words_match};
use crate::model::text::sanitize;
use crate::model::timeline::{Bucket, Granularity, TimeAxis, timeline};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Announcements,
    Companies,
    Timeline,
    Map,
    Capex,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Announcements,
        View::Companies,
        View::Timeline,
        View::Map,
        View::Capex,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Announcements => "Announcements",
            View::Companies => "Companies",
            View::Timeline => "Timeline",
            View::Map => "Map",
            View::Capex => "Capex",
        }
    }

    /// The view's name in file names and on the command line: `announcements`, ...
    pub fn slug(self) -> &'static str {
        match self {
            View::Announcements => "announcements",
            View::Companies => "companies",
            View::Timeline => "timeline",
            View::Map => "map",
            View::Capex => "capex",
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

pub use super::picker::{Picker, PickerKind};

/// How the Companies list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanySort {
    Total,
    Records,
    Name,
}

impl CompanySort {
    pub fn next(self) -> Self {
        match self {
            CompanySort::Total => CompanySort::Records,
            CompanySort::Records => CompanySort::Name,
            CompanySort::Name => CompanySort::Total,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CompanySort::Total => "total",
            CompanySort::Records => "records",
            CompanySort::Name => "name",
        }
    }

    /// Figures largest first, names A to Z.
    pub fn descending_first(self) -> bool {
        self != CompanySort::Name
    }
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
    /// Typing a date for `--since` (or `--until` when `until`); Enter applies, Esc cancels.
    DatePrompt {
        until: bool,
        text: String,
    },
    Help,
    /// The full detail of announcement `record`, scrolled by `scroll` lines.
    Detail {
        scroll: u16,
        record: usize,
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

    /// The table state that draws this cursor: the selection relative to the first row shown.
    /// A fresh value each frame, so drawing never changes the app.
    pub fn table_state(&self) -> ratatui::widgets::TableState {
        ratatui::widgets::TableState::default()
            .with_selected(Some(self.selected.saturating_sub(self.offset)))
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

/// Everything the views draw that follows from the dataset and the user's choices. Each part is
/// computed only when what it depends on changed, and the charts only for the view on screen.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Matching records in display order (superseded ones included, marked).
    pub rows: Vec<usize>,
    pub superseded: Vec<bool>,
    /// The `--until` date `superseded` was computed for.
    superseded_until: Option<Option<NaiveDate>>,
    /// Every record in the totals currency at the current rate basis, once something needed it
    /// (see `App::ensure_valuation`); empty until then.
    pub valuation: Valuation,
    pub companies: Option<Summary>,
    pub timeline: Option<Vec<Bucket>>,
    pub places: Option<MapData>,
    pub capex: Option<CapexTable>,
    /// The rows before each character typed into the search, so Backspace steps back.
    search_trail: Vec<Vec<usize>>,
}

impl Derived {
    /// The charts follow the rows: drop them when the rows change.
    fn rows_changed(&mut self) {
        self.companies = None;
        self.timeline = None;
        self.places = None;
        self.capex = None;
    }

    pub fn places(&self) -> &[Place] {
        self.places.as_ref().map_or(&[], |p| &p.places)
    }

    pub fn sites(&self) -> &[SitePoint] {
        self.places.as_ref().map_or(&[], |p| &p.sites)
    }

    pub fn company_groups(&self) -> usize {
        self.companies.as_ref().map_or(0, |s| s.groups.len())
    }

    pub fn capex_rows(&self) -> usize {
        self.capex.as_ref().map_or(0, |t| t.rows.len())
    }
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
    pub capex: Cursor,
    /// The map's zoom, side-table order and drill-down (see `map_state`).
    pub map: super::map_state::MapState,
    /// The timeline's selected period (an index into its buckets; clamped to the last).
    pub period: usize,
    pub company_sort: CompanySort,
    pub company_descending: bool,
    /// The selected year column of the capex table (0 = its first year).
    pub capex_column: usize,
    /// Where each picker's cursor was left (the value under it), to reopen it there.
    pub picker_cursors: std::collections::HashMap<PickerKind, String>,
    /// Drill-downs taken (Enter on a company or a country): the view and filter to go back to
    /// with Esc, innermost last.
    pub trail: Vec<(View, Filter)>,
    /// Terminal size, for paging and keeping the selection in view.
    pub size: (u16, u16),
    /// Lines the status bar takes (1 to 3: more when the filters need them), kept by `refresh`.
    pub status_height: u16,
    pub color: bool,
    /// The first `WARNINGS_LISTED` load diagnostics, sanitised, for the warnings list.
    pub warnings: Vec<String>,
    /// How many diagnostics the load reported in all.
    pub warnings_total: usize,
    pub derived: Derived,
    pub quit: bool,
    /// The view keys in effect (the defaults, or as configured).
    pub keys: super::keys::KeyMap,
    /// A transient note for the status bar (where an export went); cleared by the next key.
    pub message: Option<String>,
}

/// How many diagnostics the warnings list (`w`) shows; `aiinvest check` lists them all. A
/// start with 100,000 warnings formats only these.
pub const WARNINGS_LISTED: usize = 1000;

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
            capex: Cursor::default(),
            map: Default::default(),
            period: usize::MAX,
            company_sort: CompanySort::Total,
            company_descending: true,
            capex_column: usize::MAX,
            trail: Vec::new(),
            picker_cursors: Default::default(),
            size: (120, 40),
            status_height: 1,
            color: true,
            warnings: diagnostics
                .iter()
                .take(WARNINGS_LISTED)
                .map(|d| sanitize(&d.to_string()))
                .collect(),
            warnings_total: diagnostics.len(),
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
        self.revalue(ds);
    }

    /// Starts with `basis` (a fixed date joins the toggle as a third state).
    pub fn set_basis(&mut self, ds: &Dataset, basis: RateBasis) {
        if !self.bases.contains(&basis) {
            self.bases.push(basis);
        }
        self.basis_ix = self.bases.iter().position(|b| *b == basis).unwrap_or(0);
        self.revalue(ds);
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

    /// Whether the terminal is below the minimum size (the frame then shows only a message).
    pub fn too_small(&self) -> bool {
        self.size.0 < super::layout::MIN_WIDTH || self.size.1 < super::layout::MIN_HEIGHT
    }

    /// Rows of the announcements table that fit on screen (see `layout`).
    pub fn table_height(&self) -> usize {
        super::layout::table_rows(self.size, self.view, self.status_height).max(1)
    }

    /// Recomputes what the choices changed: supersession when `until` changed, values when
    /// the currency or basis changed, then the rows; then `refresh`. Called by `update`.
    pub fn recompute(&mut self, ds: &Dataset) {
        if self.sort == SortKey::Amount {
            self.ensure_valuation(ds);
        }
        let d = &mut self.derived;
        if d.superseded_until != Some(self.filter.until) {
            d.superseded = ds.superseded(self.filter.until);
            d.superseded_until = Some(self.filter.until);
        }
        let mut rows = self.filter.apply(ds);
        // Amounts compare in one currency, even when each row shows its own.
        sort_rows(ds, &mut rows, self.sort, self.descending, &d.valuation);
        d.rows = rows;
        d.search_trail.clear();
        d.rows_changed();
        self.refresh(ds);
    }

    /// The values in the totals currency at the current basis: the charts and the amount sort
    /// need them; the announcements table alone does not (each row converts itself), so they
    /// are computed on first need, not on every currency change.
    fn ensure_valuation(&mut self, ds: &Dataset) {
        let (totals_in, basis) = (self.total_currency(), self.basis());
        if !self.derived.valuation.is_for(totals_in, basis) {
            self.derived.valuation = Valuation::new(ds, totals_in, basis);
        }
    }

    /// After a sort change: the same rows in another order; the charts stay as they are.
    pub fn resort(&mut self, ds: &Dataset) {
        if self.sort == SortKey::Amount {
            self.ensure_valuation(ds);
        }
        let d = &mut self.derived;
        sort_rows(ds, &mut d.rows, self.sort, self.descending, &d.valuation);
        d.search_trail.clear();
        self.refresh(ds);
    }

    /// After a currency or rate-basis change: new values and charts; the rows stay, and keep
    /// their order unless they are sorted by amount.
    pub fn revalue(&mut self, ds: &Dataset) {
        let (totals_in, basis) = (self.total_currency(), self.basis());
        if self.derived.valuation.is_for(totals_in, basis) {
            self.refresh(ds);
            return;
        }
        // Computed again only when something asks for it (`ensure_valuation`).
        self.derived.valuation = Valuation::default();
        self.derived.rows_changed();
        if self.sort == SortKey::Amount {
            self.resort(ds);
        } else {
            self.refresh(ds);
        }
    }

    /// After one more character of search: only the rows already shown can still match, and
    /// they are already in order.
    pub fn narrow_search(&mut self, ds: &Dataset) {
        let needle = self.filter.search.to_lowercase();
        let d = &mut self.derived;
        let rows: Vec<usize> = d
            .rows
            .iter()
            .copied()
            .filter(|&i| words_match(ds.haystack(i), &needle))
            .collect();
        d.search_trail.push(std::mem::replace(&mut d.rows, rows));
        d.rows_changed();
        self.refresh(ds);
    }

    /// After Backspace in the search: the rows from before the last character, if known.
    pub fn widen_search(&mut self, ds: &Dataset) {
        match self.derived.search_trail.pop() {
            Some(rows) => {
                self.derived.rows = rows;
                self.derived.rows_changed();
                self.refresh(ds);
            }
            None => self.recompute(ds),
        }
    }

    /// Computes the charts the current view draws, if they are stale, and keeps every cursor
    /// inside its list.
    pub fn refresh(&mut self, ds: &Dataset) {
        if self.view != View::Announcements {
            self.ensure_valuation(ds);
        }
        let d = &mut self.derived;
        match self.view {
            View::Companies if d.companies.is_none() => {
                let mut s = summarize(ds, &d.rows, &d.superseded, Grouping::Company, &d.valuation);
                sort_companies(&mut s, self.company_sort, self.company_descending);
                d.companies = Some(s);
            }
            View::Timeline if d.timeline.is_none() => {
                d.timeline = Some(timeline(
                    ds,
                    &d.rows,
                    &d.superseded,
                    &d.valuation,
                    self.granularity,
                    self.axis,
                ));
            }
            View::Map if d.places.is_none() => {
                let mut data = places(ds, &d.rows, &d.superseded, &d.valuation);
                mark_outside(&mut data.places, &self.filter, ds);
                sort_places(&mut data.places, self.map.sort);
                d.places = Some(data);
            }
            View::Capex if d.capex.is_none() => {
                d.capex = Some(capex_table(ds, &d.rows, &d.valuation));
            }
            _ => {}
        }
        self.status_height = super::widgets::status_bar::height(self, ds, self.size.0);
        let h = self.table_height();
        self.announcements.clamp(self.derived.rows.len(), h);
        self.companies.clamp(self.derived.company_groups(), h);
        self.places.clamp(self.derived.places().len(), h);
        self.capex.clamp(self.derived.capex_rows(), h);
        // Starts on the newest year (until the table is first computed the column says "the
        // last"); stays inside the table.
        if let Some(t) = &self.derived.capex {
            self.capex_column = self.capex_column.min(t.year_count().saturating_sub(1));
        }
    }

    /// After a change of the Companies order: the same totals, sorted again.
    pub fn resort_companies(&mut self) {
        if let Some(s) = &mut self.derived.companies {
            sort_companies(s, self.company_sort, self.company_descending);
        }
    }

    /// The announcement under the cursor, if any.
    pub fn selected_announcement(&self) -> Option<usize> {
        self.derived.rows.get(self.announcements.selected).copied()
    }
}

/// Orders the company groups by `key`; ties by id, so the order is stable.
fn sort_companies(s: &mut Summary, key: CompanySort, descending: bool) {
    s.groups.sort_by(|a, b| {
        let o = match key {
            CompanySort::Total => a.totals.max.total_cmp(&b.totals.max),
            CompanySort::Records => a.totals.count.cmp(&b.totals.count),
            CompanySort::Name => a.label.to_lowercase().cmp(&b.label.to_lowercase()),
        };
        (if descending { o.reverse() } else { o }).then(a.key.cmp(&b.key))
    });
}
