//! The pickers (companies, regions, kinds): a list with marks and record counts, narrowed by
//! what is typed, over the view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use super::popup::centered;
use crate::model::text::{sanitize, truncate};
use crate::ui::app::{Picker, PickerKind};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, p: &Picker, theme: Theme) {
    let visible = p.visible();
    let label = |i: usize| {
        let it = &p.items[i];
        format!("{}{}", if it.nested { "  " } else { "" }, it.label)
    };
    let widest = p
        .items
        .iter()
        .enumerate()
        .map(|(i, _)| label(i).width())
        .max()
        .unwrap_or(10) as u16;
    let width = (widest + 16).max(44).min(area.width.saturating_sub(2));
    // As tall as what is listed (at least a few rows, so typing does not make it jump).
    let rect = centered(area, width, visible.len().max(4) as u16 + 2);
    frame.render_widget(Clear, rect);
    let title = match p.kind {
        PickerKind::Company => " Companies · records ",
        PickerKind::Region => " Regions (UN M49) · records touching ",
        PickerKind::Kind => " Kinds (family) · records ",
    };
    let inner = rect.width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = visible
        .iter()
        .map(|&i| {
            let mark = if p.marked[i] { "[x] " } else { "[ ] " };
            let count = p.items[i].count.to_string();
            let room = inner.saturating_sub(mark.width() + count.width() + 1);
            let text = truncate(&label(i), room);
            let pad = room.saturating_sub(text.width()) + 1;
            ListItem::new(Line::from(vec![
                Span::raw(mark),
                Span::raw(text),
                Span::raw(" ".repeat(pad)),
                Span::styled(count, theme.dim()),
            ]))
        })
        .collect();
    let query = if p.query.is_empty() {
        " type to narrow · Space mark · Enter apply · Esc cancel ".to_string()
    } else {
        format!(
            " /{}▏ {} of {} · Backspace · Space mark · Enter apply ",
            sanitize(&p.query),
            visible.len(),
            p.items.len()
        )
    };
    let list = List::new(items)
        .block(
            Block::bordered()
                .title(Line::styled(title, theme.title()))
                .title_bottom(Line::styled(truncate(&query, inner), theme.dim())),
        )
        .highlight_style(theme.selected());
    // A local state: rendering never changes the app.
    let mut state = ListState::default().with_selected(Some(p.cursor));
    frame.render_stateful_widget(list, rect, &mut state);
}
