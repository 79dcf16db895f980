//! Where things go, as pure functions of the frame size, so that `update` can page by the
//! same number of rows the views draw.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::View;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Tabs line, body, status bar (`status` lines: more when the filters need them).
pub fn main_areas(area: Rect, status: u16) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(status.clamp(1, 3)),
    ])
    .areas(area)
}

/// Announcements: the table above, the detail pane below.
pub fn announcements_areas(body: Rect) -> [Rect; 2] {
    let detail = (body.height / 3).clamp(7, 14);
    Layout::vertical([Constraint::Min(0), Constraint::Length(detail)]).areas(body)
}

/// Companies and Map: a list beside a chart or map.
pub fn side_by_side(body: Rect, list_width: u16) -> [Rect; 2] {
    // On narrow screens the list keeps two thirds: its figures must not be cut.
    Layout::horizontal([
        Constraint::Length(list_width.min(body.width * 2 / 3)),
        Constraint::Min(0),
    ])
    .areas(body)
}

/// Map: the world on the left, the list of countries on the right; the list widens with the
/// terminal (two fifths of it, up to `MAP_LIST_MAX`), so names are not cut on wide screens.
pub fn map_areas(body: Rect) -> [Rect; 2] {
    let list = (body.width * 2 / 5).clamp(MAP_LIST_WIDTH, MAP_LIST_MAX);
    Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(list.min(body.width / 2)),
    ])
    .areas(body)
}

/// The map panel's inside (within its border), in cells, for a terminal of `size` with a
/// status bar of `status` lines.
pub fn map_cells(size: (u16, u16), status: u16) -> (u16, u16) {
    let [_, body, _] = main_areas(Rect::new(0, 0, size.0, size.1), status);
    let map = map_areas(body)[0];
    (map.width.saturating_sub(2), map.height.saturating_sub(2))
}

/// Lines under the map's country table: the unallocated remainder and the total.
pub const MAP_FOOTER: u16 = 2;

pub const COMPANY_LIST_WIDTH: u16 = 60;
pub const MAP_LIST_WIDTH: u16 = 44;
pub const MAP_LIST_MAX: u16 = 66;

/// Data rows visible in the main list of `view` (inside borders, under the header).
pub fn table_rows(size: (u16, u16), view: View, status: u16) -> usize {
    let [_, body, _] = main_areas(Rect::new(0, 0, size.0, size.1), status);
    let list = match view {
        View::Announcements => announcements_areas(body)[0],
        View::Companies => side_by_side(body, COMPANY_LIST_WIDTH)[0],
        View::Map => {
            let l = map_areas(body)[1];
            return l.height.saturating_sub(3 + MAP_FOOTER) as usize;
        }
        View::Timeline | View::Capex => body,
    };
    list.height.saturating_sub(3) as usize
}
