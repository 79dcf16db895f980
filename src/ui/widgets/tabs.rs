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

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let key = |name: &str| {
        app.keys
            .keys_of(name)
            .first()
            .map_or("–".to_string(), |c| c.label())
    };
    let hint = format!("{} help  {} quit ", key("help"), key("quit"));
    let tabs = |short: bool| -> Vec<String> {
        View::ALL
            .iter()
            .zip(VIEW_KEYS)
            .map(|(v, name)| {
                let title = if short { short_title(*v) } else { v.title() };
                format!(" {} {} ", key(name), title)
            })
            .collect()
    };
    // Full titles when they fit beside the hint, else short ones: every view stays visible.
    let width = |t: &[String]| 11 + t.iter().map(|s| s.width() + 1).sum::<usize>() + hint.width();
    let full = tabs(false);
    let titles = if width(&full) <= area.width as usize {
        full
    } else {
        tabs(true)
    };
    let mut spans = vec![Span::styled(" aiinvest ", theme.title()), Span::raw(" ")];
    for (v, text) in View::ALL.iter().zip(titles) {
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
        Paragraph::new(Line::styled(hint, theme.dim()).right_aligned()),
        area,
    );
}
