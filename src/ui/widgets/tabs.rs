//! The top line: program name, the four views with their keys, and the help hint.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::app::{App, View};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let mut spans = vec![Span::styled(" aiinvest ", theme.title()), Span::raw(" ")];
    for (i, v) in View::ALL.iter().enumerate() {
        let text = format!(
            " {} {} ",
            app.keys
                .keys_of(
                    [
                        "view_announcements",
                        "view_companies",
                        "view_timeline",
                        "view_map"
                    ][i]
                )
                .first()
                .map_or("–".to_string(), |c| c.label()),
            v.title()
        );
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
    let key = |name: &str| {
        app.keys
            .keys_of(name)
            .first()
            .map_or("–".to_string(), |c| c.label())
    };
    let hint = Line::styled(
        format!("{} help  {} quit ", key("help"), key("quit")),
        theme.dim(),
    )
    .right_aligned();
    frame.render_widget(Paragraph::new(hint), area);
}
