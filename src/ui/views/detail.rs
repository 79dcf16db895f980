//! The detail of one announcement (see `model::detail`), styled for the terminal.

use ratatui::text::{Line, Span};

use crate::model::dataset::Dataset;
use crate::model::detail::{Role, detail_rows};
use crate::ui::app::App;
use crate::ui::theme::Theme;

pub fn detail_lines(app: &App, ds: &Dataset, i: usize, theme: Theme) -> Vec<Line<'static>> {
    detail_rows(ds, i, app.currency(), app.basis(), &app.derived.superseded)
        .into_iter()
        .map(|r| {
            let style = match r.role {
                Role::Title => theme.title(),
                Role::Dim => theme.dim(),
                Role::Warning => theme.warning(),
                Role::Header => theme.header(),
                Role::Amount => theme.amount(),
                Role::Quote => theme.accent(),
                Role::Plain => ratatui::style::Style::default(),
            };
            match r.label {
                Some(label) => Line::from(vec![
                    Span::styled(format!("{label:<11}"), theme.header()),
                    Span::styled(r.text, style),
                ]),
                None => Line::styled(r.text, style),
            }
        })
        .collect()
}
