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
        let text = format!(" {} {} ", i + 1, v.title());
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
    let hint = Line::styled("? help  q quit ", theme.dim()).right_aligned();
    frame.render_widget(Paragraph::new(hint), area);
}
