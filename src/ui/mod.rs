//! The dashboard: view state (`app`), what keys mean (`action`, `keys`), the one place state
//! changes (`update`), and drawing (`views`, `widgets`), which only reads.

pub mod action;
pub mod app;
pub mod effects;
pub mod export;
#[cfg(unix)]
pub mod hangup;
pub mod keys;
pub mod layout;
pub mod loading;
pub mod map_state;
pub mod mouse;
pub mod picker;
pub mod render;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod views;
pub mod widgets;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use self::app::{App, Mode, View};
use self::layout::{MIN_HEIGHT, MIN_WIDTH, main_areas};
use self::theme::Theme;
use crate::model::dataset::Dataset;

/// Draws one frame from the state. Takes shared references only: drawing changes nothing.
pub fn draw(frame: &mut Frame, app: &App, ds: &Dataset) {
    let theme = Theme::new(app.color);
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Terminal too small: {}x{}. aiinvest needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or q to quit.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(msg)
                .style(theme.warning())
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [tabs, body, status] = main_areas(area, app.status_height);
    widgets::tabs::draw(frame, tabs, app, theme);
    match app.view {
        View::Announcements => views::announcements::draw(frame, body, app, ds, theme),
        View::Companies => views::companies::draw(frame, body, app, ds, theme),
        View::Timeline => views::timeline::draw(frame, body, app, ds, theme),
        View::Map => views::map::draw(frame, body, app, ds, theme),
        View::Capex => views::capex::draw(frame, body, app, ds, theme),
    }
    widgets::status_bar::draw(frame, status, app, ds, theme);
    match &app.mode {
        Mode::Help => views::help::draw(frame, body, app, theme),
        Mode::Picker(p) => widgets::picker::draw(frame, body, p, theme),
        Mode::Detail { scroll, record } => {
            if *record < ds.announcements.len() {
                let lines = views::detail::detail_lines(app, ds, *record, theme);
                let rect =
                    widgets::popup::centered(body, body.width.saturating_sub(4), body.height);
                widgets::popup::text_popup(frame, rect, "Announcement", lines, *scroll, theme);
            }
        }
        Mode::Warnings { scroll } => {
            let lines: Vec<Line> = if app.warnings.is_empty() {
                vec![Line::raw("The data loaded without warnings.")]
            } else {
                let mut lines: Vec<Line> =
                    app.warnings.iter().map(|w| Line::raw(w.clone())).collect();
                let more = app.warnings_total.saturating_sub(app.warnings.len());
                if more > 0 {
                    lines.push(Line::raw(format!(
                        "… and {more} more: `aiinvest check` lists them all."
                    )));
                }
                lines
            };
            let rect = widgets::popup::centered(body, body.width.saturating_sub(4), body.height);
            widgets::popup::text_popup(frame, rect, "Load warnings", lines, *scroll, theme);
        }
        Mode::Normal | Mode::Search { .. } | Mode::DatePrompt { .. } => {}
    }
}
