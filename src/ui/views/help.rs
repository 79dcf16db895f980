//! The help overlay: every key, from the same table the key map documents.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::app::App;
use crate::ui::keys::help_rows;
use crate::ui::theme::Theme;
use crate::ui::widgets::popup::{centered, text_popup};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    // The currency row names the cycle in use (the configuration may change it).
    let cycle: Vec<String> = app.currencies.iter().map(|c| c.to_string()).collect();
    let cycle = format!("cycle currency: {}", cycle.join(" → "));
    let mut lines: Vec<Line> = help_rows(&app.keys)
        .into_iter()
        .map(|(k, what)| {
            let what = if what.starts_with("cycle currency") {
                cycle.clone()
            } else {
                what.to_string()
            };
            Line::from(vec![
                Span::styled(format!(" {k:<24}"), theme.header()),
                Span::raw(what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Amounts: ~ about, > more than, ≤ up to; n/a = no exchange rate for that date.",
        theme.dim(),
    ));
    lines.push(Line::styled(
        " Totals skip superseded figures and parts of larger ones.",
        theme.dim(),
    ));
    let rect = centered(area, 86, lines.len() as u16 + 2);
    text_popup(frame, rect, "Keys", lines, 0, theme);
}
