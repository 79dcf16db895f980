//! The map's own state (zoom, side-table order, the country drilled into) and the viewport
//! it draws: the user's zoom, or one fitted to the matching countries and sites.

use crate::geo::projection::{Bounds, Viewport, WORLD};
use crate::model::codes::CountryCode;
use crate::model::places::{MapData, MapSort};

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MapState {
    /// `None`: fitted to what matches (and refitted when the filters change); `Some`: zoomed
    /// or panned by the user.
    pub viewport: Option<Viewport>,
    pub sort: MapSort,
    /// The country whose sites and records the side panel lists (Enter; Esc leaves).
    pub focus: Option<CountryCode>,
}

/// The bounding box the map fits by default: the countries that match in their own right
/// (not only through a record shared with other countries) and their sites; all of them when
/// none does; `None` when nothing has a position.
pub fn matching_bounds(data: &MapData) -> Option<Bounds> {
    let own: Vec<_> = data.places.iter().filter(|p| !p.only_shared).collect();
    let chosen: Vec<_> = if own.is_empty() {
        data.places.iter().collect()
    } else {
        own
    };
    let countries = chosen
        .iter()
        .filter_map(|p| p.position.map(|(lat, lon)| (lon, lat)));
    let sites = data
        .sites
        .iter()
        .filter(|s| chosen.iter().any(|p| p.code == s.country))
        .map(|s| (s.lon, s.lat));
    Bounds::of(countries.chain(sites))
}

/// The viewport for a map panel of `cols` x `rows` cells.
pub fn viewport(state: &MapState, data: Option<&MapData>, cols: u16, rows: u16) -> Viewport {
    state.viewport.unwrap_or_else(|| {
        data.and_then(matching_bounds)
            .map_or(WORLD, |b| Viewport::fit(b, cols, rows))
    })
}
