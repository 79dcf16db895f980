//! Mouse events -> actions: the wheel scrolls; a click on a tab shows that view, on a column
//! header sorts by it, on a row selects it (a click on the selected row opens it).

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Mode, View};
use super::layout::{COMPANY_LIST_WIDTH, announcements_areas, main_areas, map_areas, side_by_side};
use crate::model::dataset::Dataset;

/// The list a click on the current view lands in (borders included).
fn list_area(app: &App, body: Rect) -> Option<Rect> {
    match app.view {
        View::Announcements => Some(announcements_areas(body)[0]),
        View::Companies if app.filter.families.len() == 1 => {
            Some(side_by_side(body, COMPANY_LIST_WIDTH)[0])
        }
        View::Companies | View::Capex => Some(body),
        // A country's sites and records (the drill-down) are not clickable rows.
        View::Map if app.map.focus.is_some() => None,
        View::Map => Some(map_areas(body)[1]),
        View::Timeline => None,
    }
}

pub fn mouse_action(app: &App, ds: &Dataset, m: MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::ScrollDown => return Some(Action::Scroll(3)),
        MouseEventKind::ScrollUp => return Some(Action::Scroll(-3)),
        MouseEventKind::Down(MouseButton::Left) => {}
        _ => return None,
    }
    if app.mode != Mode::Normal {
        return None;
    }
    let (w, h) = app.size;
    let [tabs, body, _] = main_areas(Rect::new(0, 0, w, h), app.status_height);
    if m.row == tabs.y {
        return super::widgets::tabs::tab_ranges(app, w)
            .into_iter()
            .find(|(_, a, b)| (*a..*b).contains(&m.column))
            .map(|(v, _, _)| Action::ShowView(v));
    }
    let area = list_area(app, body)?;
    let inside_x = m.column > area.x && m.column < area.x + area.width.saturating_sub(1);
    if !inside_x {
        return None;
    }
    if m.row == area.y + 1 && app.view == View::Announcements {
        // The header: the column under the click, as the table lays it out.
        let mut x = area.x + 1;
        for (col, width) in super::views::announcements::columns(app, ds, area.width - 2) {
            if (x..x + width).contains(&m.column) {
                return col.sort_key().map(Action::SortBy);
            }
            x += width + 1;
        }
        return None;
    }
    let first = area.y + 2;
    let footer = if app.view == View::Map {
        super::layout::MAP_FOOTER
    } else {
        0
    };
    let last = area.y + area.height.saturating_sub(1 + footer);
    if m.row < first || m.row >= last {
        return None;
    }
    let n = (m.row - first) as usize;
    let selected = match app.view {
        View::Announcements => app.announcements.selected - app.announcements.offset,
        View::Companies => app.companies.selected - app.companies.offset,
        View::Map => app.places.selected - app.places.offset,
        View::Capex => app.capex.selected - app.capex.offset,
        View::Timeline => usize::MAX,
    };
    Some(if n == selected {
        Action::Select
    } else {
        Action::ClickRow(n)
    })
}
