//! Totals per company in the view currency, and a bar chart of them. Enter filters every view
//! to the selected company.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Row, Table, TableState};

use super::totals_text;
use crate::model::dataset::Dataset;
use crate::model::money::ViewCurrency;
use crate::model::text::{sanitize, truncate};
use crate::ui::app::App;
use crate::ui::layout::{COMPANY_LIST_WIDTH, side_by_side};
use crate::ui::theme::Theme;
use crate::ui::widgets::status_bar::currency_text;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let [list_area, chart_area] = side_by_side(body, COMPANY_LIST_WIDTH);
    let Some(summary) = &app.derived.companies else {
        return;
    };
    let currency = app.total_currency();
    let height = list_area.height.saturating_sub(3) as usize;
    let cursor = app.companies;
    let rows: Vec<Row> = summary
        .groups
        .iter()
        .skip(cursor.offset)
        .take(height.max(1))
        .map(|g| {
            let local = ds
                .company_index(&g.key)
                .and_then(|c| ds.companies[c].local_name.clone());
            let name = match local {
                Some(l) => format!("{} {}", sanitize(&g.label), sanitize(&l)),
                None => sanitize(&g.label),
            };
            Row::new(vec![
                Cell::from(name),
                Cell::from(Line::from(g.totals.count.to_string()).right_aligned()),
                Cell::from(Line::from(g.totals.with_amount.to_string()).right_aligned()),
                Cell::from(
                    Line::styled(totals_text(&g.totals, currency), theme.amount()).right_aligned(),
                ),
            ])
        })
        .collect();
    let header = Row::new(vec![
        Cell::from("Company"),
        Cell::from(Line::from("Recs").right_aligned()),
        Cell::from(Line::from("w/ $").right_aligned()),
        Cell::from(Line::from("Total").right_aligned()),
    ])
    .style(theme.header());
    let title = format!(" Companies · {} · Enter filters ", currency_text(app));
    let table = Table::new(
        rows,
        [
            Constraint::Min(18),
            Constraint::Length(4),
            Constraint::Length(4),
            Constraint::Length(17),
        ],
    )
    .header(header)
    .block(Block::bordered().title(Line::styled(title, theme.title())))
    .row_highlight_style(theme.selected());
    let mut state =
        TableState::default().with_selected(Some(cursor.selected.saturating_sub(cursor.offset)));
    frame.render_stateful_widget(table, list_area, &mut state);

    // Bars: the upper bound of each total, largest first, as many as fit.
    let ViewCurrency::Code(code) = currency else {
        return;
    };
    let room = chart_area.height.saturating_sub(2) as usize;
    // Labels take at most a third of the chart, so the bars keep room to differ.
    let label_width = (chart_area.width.saturating_sub(2) / 3).max(6) as usize;
    let bars: Vec<Bar> = summary
        .groups
        .iter()
        .filter(|g| g.totals.max > 0.0)
        .take(room)
        .map(|g| {
            Bar::default()
                .value(g.totals.max.max(0.0) as u64)
                .label(Line::from(truncate(&sanitize(&g.key), label_width)))
                // Figures are in the table beside the chart; a value drawn over the bar
                // would be cut off by short bars.
                .text_value(String::new())
                .style(theme.bar())
                .value_style(theme.selected())
        })
        .collect();
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .block(Block::bordered().title(Line::styled(
            format!(" Total by company, {code} (upper bound of ranges) "),
            theme.title(),
        )))
        .data(BarGroup::default().bars(&bars))
        .bar_width(1)
        .bar_gap(0);
    frame.render_widget(chart, chart_area);
}
