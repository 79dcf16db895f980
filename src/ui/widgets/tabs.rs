//! The top line: program name, the views with their keys, and the help hint.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::app::{App, View};
use crate::ui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// Short names for narrow terminals.
fn short_title(v: View) -> &'static str {
    match v {
        View::Announcements => "Ann.",
        View::Companies => "Comp.",
        View::Timeline => "Time",
        View::Map => "Map",
        View::Capex => "Capex",
    }
}

const VIEW_KEYS: [&str; 5] = [
    "view_announcements",
    "view_companies",
    "view_timeline",
    "view_map",
    "view_capex",
];

fn key(app: &App, name: &str) -> String {
    app.keys
        .keys_of(name)
        .first()
        .map_or("–".to_string(), |c| c.label())
}

fn hint(app: &App) -> String {
    format!("{} help  {} quit ", key(app, "help"), key(app, "quit"))
}

const PREFIX: &str = " aiinvest  ";

/// Each view's tab text: full titles when they fit beside the hint in `width`, else short ones,
/// so every view stays visible.
fn titles(app: &App, width: u16) -> Vec<String> {
    let tabs = |short: bool| -> Vec<String> {
        View::ALL
            .iter()
            .zip(VIEW_KEYS)
            .map(|(v, name)| {
                let title = if short { short_title(*v) } else { v.title() };
                format!(" {} {} ", key(app, name), title)
            })
            .collect()
    };
    let total = |t: &[String]| {
        PREFIX.width() + t.iter().map(|s| s.width() + 1).sum::<usize>() + hint(app).width()
    };
    let full = tabs(false);
    if total(&full) <= width as usize {
        full
    } else {
        tabs(true)
    }
}

/// Where each tab is on the line (start and end columns), for mouse clicks.
pub fn tab_ranges(app: &App, width: u16) -> Vec<(View, u16, u16)> {
    let mut x = PREFIX.width() as u16;
    View::ALL
        .iter()
        .zip(titles(app, width))
        .map(|(v, t)| {
            let start = x;
            x += t.width() as u16 + 1;
            (*v, start, start + t.width() as u16)
        })
        .collect()
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let mut spans = vec![Span::styled(" aiinvest ", theme.title()), Span::raw(" ")];
    for (v, text) in View::ALL.iter().zip(titles(app, area.width)) {
        let style = if *v == app.view {
            theme.tab_active()
        } else {
            theme
                .header()
                .remove_modifier(ratatui::style::Modifier::BOLD)
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    frame.render_widget(
        Paragraph::new(Line::styled(hint(app), theme.dim()).right_aligned()),
        area,
    );
}
