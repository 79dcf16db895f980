//! `update`: the only place view state changes.

use super::action::{Action, Effect};
use super::app::{App, Cursor, Mode, PickerKind, View};
use crate::model::dataset::Dataset;
use crate::model::query::Filter;

/// A key press as the event loop handles it: the key map turns it into an action (or
/// nothing), then `update` applies it.
pub fn press(
    app: &mut App,
    ds: &Dataset,
    key: ratatui::crossterm::event::KeyEvent,
) -> Option<Effect> {
    let action = super::keys::key_action(&app.keys, &app.mode, key)?;
    update(app, ds, action)
}

/// Applies `action` to the state. What must happen outside it (writing a file, talking to
/// the terminal or the desktop) comes back as an `Effect` for the event loop to carry out.
pub fn update(app: &mut App, ds: &Dataset, action: Action) -> Option<Effect> {
    let page = app.table_height() as i64;
    // While the terminal is too small nothing is shown, so keys are not applied unseen: only
    // quitting and resizing work.
    if app.too_small()
        && !matches!(
            action,
            Action::Quit | Action::Resize(..) | Action::Notify(_)
        )
    {
        return None;
    }
    // A message lasts until the next key.
    if !matches!(action, Action::Resize(..) | Action::Notify(_)) {
        app.message = None;
    }
    match action {
        Action::Notify(m) => app.message = Some(crate::model::text::sanitize(&m)),
        Action::Export(format) => {
            let (contents, rows) = super::export::view_rows(app, ds, format);
            return Some(Effect::Export {
                view: app.view.slug(),
                format,
                rows,
                contents,
            });
        }
        Action::CopyUrl | Action::OpenUrl => {
            let url = match (&app.mode, app.view) {
                (Mode::Detail { record, .. }, _) => Some(*record),
                (_, View::Announcements) => app.selected_announcement(),
                _ => None,
            }
            .map(|i| ds.announcements[i].source().url.clone());
            let Some(url) = url else {
                app.message = Some("select an announcement first (view 1)".into());
                return None;
            };
            return Some(if action == Action::CopyUrl {
                Effect::Copy { url }
            } else {
                Effect::Open { url }
            });
        }
        Action::Quit => app.quit = true,
        Action::Resize(w, h) => {
            app.size = (w, h);
            app.refresh(ds);
        }
        Action::ShowView(v) => {
            app.view = v;
            app.mode = Mode::Normal;
            app.refresh(ds);
        }
        Action::NextView | Action::PrevView => {
            let n = View::ALL.len();
            let step = if action == Action::NextView { 1 } else { n - 1 };
            app.view = View::ALL[(app.view.index() + step) % n];
            app.refresh(ds);
        }
        Action::CycleCurrency => {
            app.currency_ix = (app.currency_ix + 1) % app.currencies.len();
            app.revalue(ds);
        }
        Action::ToggleRateBasis => {
            app.basis_ix = (app.basis_ix + 1) % app.bases.len();
            app.revalue(ds);
        }
        Action::CycleFamily => {
            use crate::model::announcement::Family;
            const CYCLE: [Family; 4] =
                [Family::Spend, Family::Pledge, Family::Deal, Family::Public];
            app.filter.families = match app.filter.families.as_slice() {
                [] => vec![CYCLE[0]],
                [f] => match CYCLE.iter().position(|c| c == f) {
                    Some(i) if i + 1 < CYCLE.len() => vec![CYCLE[i + 1]],
                    _ => vec![],
                },
                _ => vec![],
            };
            filter_changed(app, ds);
        }
        Action::Left | Action::Right => {
            let right = action == Action::Right;
            match app.view {
                View::Capex => {
                    app.capex_column = if right {
                        app.capex_column.saturating_add(1)
                    } else {
                        app.capex_column.saturating_sub(1)
                    };
                    app.refresh(ds);
                }
                View::Timeline => {
                    let n = app.derived.timeline.as_ref().map_or(0, Vec::len);
                    let at = app.period.min(n.saturating_sub(1));
                    app.period = if right {
                        (at + 1).min(n.saturating_sub(1))
                    } else {
                        at.saturating_sub(1)
                    };
                }
                _ => {
                    let next = if right {
                        Action::NextView
                    } else {
                        Action::PrevView
                    };
                    return update(app, ds, next);
                }
            }
        }
        Action::Zoom(_) | Action::Pan(..) | Action::ResetZoom => {
            if app.view != View::Map {
                app.message = Some("zoom and pan work on the map (view 4)".into());
                return None;
            }
            let (cols, rows) = super::layout::map_cells(app.size, app.status_height);
            let now = super::map_state::viewport(&app.map, app.derived.places.as_ref(), cols, rows);
            app.map.viewport = match action {
                Action::Zoom(true) => Some(now.zoom(0.5)),
                Action::Zoom(false) => Some(now.zoom(2.0)),
                Action::Pan(x, y) => Some(now.pan(f64::from(x) * 0.25, f64::from(y) * 0.25)),
                _ => None,
            };
        }
        Action::StartSearch => {
            app.mode = Mode::Search {
                before: app.filter.search.clone(),
            };
        }
        Action::SearchInput(c) => {
            app.filter.search.push(c);
            reset_cursors(app);
            app.narrow_search(ds);
        }
        Action::SearchBackspace => {
            if app.filter.search.pop().is_some() {
                reset_cursors(app);
                app.widen_search(ds);
            }
        }
        Action::SearchKeep => app.mode = Mode::Normal,
        Action::SearchDrop => {
            if let Mode::Search { before } = std::mem::replace(&mut app.mode, Mode::Normal) {
                app.filter.search = before;
                filter_changed(app, ds);
            }
        }
        Action::ClearFilters => {
            app.filter = Filter::default();
            app.trail.clear();
            app.map.focus = None;
            filter_changed(app, ds);
        }
        Action::CycleSort if app.view == View::Map => {
            app.map.sort = app.map.sort.next();
            if let Some(d) = app.derived.places.as_mut() {
                crate::model::places::sort_places(&mut d.places, app.map.sort);
            }
            app.places = Cursor::default();
            app.message = Some(format!("countries by {}", app.map.sort.name()));
        }
        Action::CycleSort if app.view == View::Companies => {
            app.company_sort = app.company_sort.next();
            app.company_descending = app.company_sort.descending_first();
            app.resort_companies();
        }
        Action::ReverseSort if app.view == View::Companies => {
            app.company_descending = !app.company_descending;
            app.resort_companies();
        }
        Action::CycleSort | Action::ReverseSort
            if matches!(app.view, View::Timeline | View::Capex) =>
        {
            app.message = Some(format!("the {} view has a fixed order", app.view.title()));
        }
        Action::CycleSort => {
            // Each column starts in its natural direction: dates and amounts newest and
            // largest first, text A to Z.
            app.sort = app.sort.next();
            app.descending = app.sort.descending_first();
            app.resort(ds);
        }
        Action::ReverseSort => {
            app.descending = !app.descending;
            app.resort(ds);
        }
        Action::Up => move_cursor(app, -1),
        Action::Down => move_cursor(app, 1),
        Action::PageUp => move_cursor(app, -page),
        Action::PageDown => move_cursor(app, page),
        Action::Top => move_cursor(app, i64::MIN / 2),
        Action::Bottom => move_cursor(app, i64::MAX / 2),
        Action::Scroll(n) => move_cursor(app, n as i64),
        Action::Select => select(app, ds),
        Action::Back => {
            if let Mode::Picker(p) = &app.mode
                && let Some(i) = p.current()
            {
                app.picker_cursors.insert(p.kind, p.items[i].value.clone());
            }
            if app.mode != Mode::Normal {
                app.mode = Mode::Normal;
            } else if let Some((view, filter)) = app.trail.pop() {
                // Out of a drill-down: the view and filters from before it.
                app.view = view;
                app.filter = filter;
                app.map.focus = None;
                filter_changed(app, ds);
            }
        }
        Action::ToggleHelp => {
            app.mode = if app.mode == Mode::Help {
                Mode::Normal
            } else {
                Mode::Help
            };
        }
        Action::OpenCompanyPicker => open_picker(app, ds, PickerKind::Company),
        Action::OpenRegionPicker => open_picker(app, ds, PickerKind::Region),
        Action::OpenKindPicker => open_picker(app, ds, PickerKind::Kind),
        Action::PickerToggle => {
            if let Mode::Picker(p) = &mut app.mode {
                p.toggle();
            }
        }
        Action::PickerInput(c) => {
            if let Mode::Picker(p) = &mut app.mode {
                p.type_char(c);
            }
        }
        Action::PickerBackspace => {
            if let Mode::Picker(p) = &mut app.mode {
                p.backspace();
            }
        }
        Action::StartDate(until) => {
            let current = if until {
                app.filter.until
            } else {
                app.filter.since
            };
            app.mode = Mode::DatePrompt {
                until,
                text: current.map(|d| d.to_string()).unwrap_or_default(),
            };
        }
        Action::DateInput(c) => {
            if let Mode::DatePrompt { text, .. } = &mut app.mode
                && text.chars().count() < 10
            {
                text.push(c);
            }
        }
        Action::DateBackspace => {
            if let Mode::DatePrompt { text, .. } = &mut app.mode {
                text.pop();
            }
        }
        Action::DateApply => {
            if let Mode::DatePrompt { until, text } = app.mode.clone() {
                let date = crate::model::dates::parse_partial_date(&text, until);
                if date.is_none() && !text.trim().is_empty() {
                    app.message = Some(format!(
                        "`{}` is not a date: type 2025, 2025-06 or 2025-06-30",
                        crate::model::text::sanitize(&text)
                    ));
                    return None;
                }
                if until {
                    app.filter.until = date;
                } else {
                    app.filter.since = date;
                }
                app.mode = Mode::Normal;
                filter_changed(app, ds);
            }
        }
        Action::NextMatch | Action::PrevMatch => {
            if app.filter.search.is_empty() {
                app.message = Some(format!(
                    "no search: {} starts one",
                    app.keys.label("search")
                ));
            } else if app.view == View::Announcements && !app.derived.rows.is_empty() {
                // Every row listed matches; n and N step through them, wrapping.
                let n = app.derived.rows.len();
                let at = app.announcements.selected;
                let to = if action == Action::NextMatch {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                move_cursor(app, to as i64 - at as i64);
                app.message = Some(format!("match {} of {n}", to + 1));
            }
        }
        Action::ClickRow(n) => {
            let target = match app.view {
                View::Announcements => app.announcements.offset + n,
                View::Companies => app.companies.offset + n,
                View::Map => app.places.offset + n,
                View::Capex => app.capex.offset + n,
                View::Timeline => return None,
            };
            let at = match app.view {
                View::Announcements => app.announcements.selected,
                View::Companies => app.companies.selected,
                View::Map => app.places.selected,
                View::Capex => app.capex.selected,
                View::Timeline => 0,
            };
            move_cursor(app, target as i64 - at as i64);
        }
        Action::SortBy(key) => {
            if app.sort == key {
                app.descending = !app.descending;
            } else {
                app.sort = key;
                app.descending = key.descending_first();
            }
            app.resort(ds);
        }
        Action::ShowWarnings => app.mode = Mode::Warnings { scroll: 0 },
        Action::ToggleGranularity if app.axis == crate::model::timeline::TimeAxis::SpendYears => {
            app.message = Some(
                "spend years are whole years: t splits announcement dates by quarter (a switches)"
                    .into(),
            );
        }
        Action::ToggleGranularity => {
            use crate::model::timeline::Granularity::*;
            app.granularity = if app.granularity == Quarter {
                Year
            } else {
                Quarter
            };
            app.recompute(ds);
        }
        Action::ToggleTimeAxis => {
            use crate::model::timeline::TimeAxis::*;
            app.axis = if app.axis == Announced {
                SpendYears
            } else {
                Announced
            };
            app.recompute(ds);
        }
    }
    None
}

fn reset_cursors(app: &mut App) {
    app.announcements = Cursor::default();
    app.companies = Cursor::default();
    app.places = Cursor::default();
    app.capex = Cursor::default();
}

/// After a filter change: recompute, start the lists from the top, fit the map again and
/// select the latest period.
fn filter_changed(app: &mut App, ds: &Dataset) {
    reset_cursors(app);
    app.map.viewport = None;
    app.period = usize::MAX;
    app.recompute(ds);
}

fn move_cursor(app: &mut App, delta: i64) {
    let h = app.table_height();
    match &mut app.mode {
        Mode::Detail { scroll, .. } | Mode::Warnings { scroll } => {
            *scroll = (*scroll as i64 + delta).clamp(0, u16::MAX as i64) as u16;
            return;
        }
        Mode::Picker(p) => {
            p.move_by(delta);
            return;
        }
        _ => {}
    }
    match app.view {
        View::Announcements => app.announcements.move_by(delta, app.derived.rows.len(), h),
        View::Companies => {
            let n = app.derived.company_groups();
            app.companies.move_by(delta, n, h)
        }
        View::Map if app.map.focus.is_some() => {
            app.announcements.move_by(delta, app.derived.rows.len(), h)
        }
        View::Map => app.places.move_by(delta, app.derived.places().len(), h),
        View::Capex => app.capex.move_by(delta, app.derived.capex_rows(), h),
        View::Timeline => {}
    }
}

fn select(app: &mut App, ds: &Dataset) {
    if let Mode::Picker(p) = &app.mode {
        let chosen = p.chosen();
        if let Some(i) = p.current() {
            app.picker_cursors.insert(p.kind, p.items[i].value.clone());
        }
        match p.kind {
            PickerKind::Company => app.filter.companies = chosen,
            PickerKind::Region => app.filter.regions = chosen,
            PickerKind::Kind => {
                app.filter.kinds = chosen
                    .iter()
                    .filter_map(|k| crate::model::announcement::Kind::parse(k))
                    .collect()
            }
        }
        app.mode = Mode::Normal;
        filter_changed(app, ds);
        return;
    }
    match app.view {
        View::Announcements => {
            if let Some(record) = app.selected_announcement() {
                app.mode = Mode::Detail { scroll: 0, record };
            }
        }
        View::Capex => {
            let record = app.derived.capex.as_ref().and_then(|t| {
                let row = t.rows.get(app.capex.selected)?;
                row.cells.get(app.capex_column)?.as_ref().map(|c| c.latest)
            });
            match record {
                Some(record) => app.mode = Mode::Detail { scroll: 0, record },
                None => app.message = Some("no figure for that year".into()),
            }
        }
        View::Companies => {
            let key = app
                .derived
                .companies
                .as_ref()
                .and_then(|s| s.groups.get(app.companies.selected))
                .map(|g| g.key.clone());
            if let Some(key) = key {
                // A drill-down into one company: its announcements, every view following the
                // filter; Esc comes back to Companies with the filters from before.
                app.trail.push((app.view, app.filter.clone()));
                app.filter.companies = vec![key];
                app.view = View::Announcements;
                filter_changed(app, ds);
            }
        }
        View::Map if app.map.focus.is_none() => {
            if let Some(code) = app
                .derived
                .places()
                .get(app.places.selected)
                .map(|p| p.code)
            {
                // That country's sites by city beside its records, the map zoomed to it; Esc
                // comes back to the map as it was.
                app.trail.push((app.view, app.filter.clone()));
                app.filter.countries = vec![code];
                app.map.focus = Some(code);
                filter_changed(app, ds);
            }
        }
        View::Map => {
            // In a country's list: the detail of the record under the cursor.
            if let Some(record) = app.selected_announcement() {
                app.mode = Mode::Detail { scroll: 0, record };
            }
        }
        View::Timeline => select_period(app, ds),
    }
}

/// Enter on the timeline: filter to the announcements of the selected period (by date).
fn select_period(app: &mut App, ds: &Dataset) {
    use crate::model::timeline::TimeAxis;
    if app.axis == TimeAxis::SpendYears {
        app.message =
            Some("spend years have no dates to filter by: a shows announcement dates".into());
        return;
    }
    let Some(b) = app.derived.timeline.as_ref().and_then(|t| {
        let n = t.len();
        t.get(app.period.min(n.saturating_sub(1)))
    }) else {
        return;
    };
    let (since, until) = b.dates;
    app.trail.push((app.view, app.filter.clone()));
    app.filter.since = Some(app.filter.since.map_or(since, |s| s.max(since)));
    app.filter.until = Some(app.filter.until.map_or(until, |u| u.min(until)));
    app.view = View::Announcements;
    filter_changed(app, ds);
}

fn open_picker(app: &mut App, ds: &Dataset, kind: PickerKind) {
    let mut p = super::picker::build(ds, &app.filter, kind);
    if let Some(v) = app.picker_cursors.get(&kind) {
        p.place_cursor(v);
    }
    app.mode = Mode::Picker(p);
}
