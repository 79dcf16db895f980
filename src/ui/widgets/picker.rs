//! The company and region pickers: a list with marks, over the view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, List, ListItem, ListState};

use super::popup::centered;
use crate::ui::app::{Picker, PickerKind};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, p: &Picker, theme: Theme) {
    let width = p
        .items
        .iter()
        .map(|(_, l)| unicode_width::UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(10) as u16
        + 10;
    let rect = centered(area, width.max(40), p.items.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let title = match p.kind {
        PickerKind::Company => " Companies ",
        PickerKind::Region => " Regions (UN M49) ",
    };
    let items: Vec<ListItem> = p
        .items
        .iter()
        .zip(&p.marked)
        .map(|((_, label), m)| ListItem::new(format!("{} {label}", if *m { "[x]" } else { "[ ]" })))
        .collect();
    let list = List::new(items)
        .block(
            Block::bordered()
                .title(Line::styled(title, theme.title()))
                .title_bottom(Line::styled(
                    " Space mark · Enter apply · Esc cancel ",
                    theme.dim(),
                )),
        )
        .highlight_style(theme.selected());
    // A local state: rendering never changes the app.
    let mut state = ListState::default().with_selected(Some(p.cursor));
    frame.render_stateful_widget(list, rect, &mut state);
}
