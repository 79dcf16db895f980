//! The announcements table and, below it, the detail of the selected row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::detail::detail_lines;
use crate::model::dataset::Dataset;
use crate::model::money::amount_text;
use crate::model::text::sanitize;
use crate::ui::app::App;
use crate::ui::layout::announcements_areas;
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let [table_area, detail_area] = announcements_areas(body);
    draw_table(frame, table_area, app, ds, theme);
    let lines = match app.selected_announcement() {
        Some(i) => detail_lines(app, ds, i, theme),
        None => vec![Line::styled(
            "No announcement matches the filters (x clears them).",
            theme.dim(),
        )],
    };
    let block = Block::bordered()
        .title(Line::styled(" Detail ", theme.title()))
        .title_bottom(Line::styled(" Enter full detail ", theme.dim()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        detail_area,
    );
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let wide = area.width >= 120;
    let arrow = if app.descending { "▼" } else { "▲" };
    let head = |name: &str, key: &str| {
        if app.sort.as_str() == key {
            format!("{name} {arrow}")
        } else {
            name.to_string()
        }
    };
    let amount_title = format!("{} ({})", head("Amount", "amount"), app.currency());
    let mut header = vec![
        Cell::from(head("Date", "date")),
        Cell::from(""),
        Cell::from(head("Company", "company")),
        Cell::from(head("Title", "title")),
    ];
    if wide {
        header.push(Cell::from(head("Kind", "kind")));
    }
    header.push(Cell::from(Line::from(amount_title).right_aligned()));
    header.push(Cell::from("Countries"));
    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Length(1),
        Constraint::Length(if wide { 22 } else { 16 }),
        Constraint::Min(16),
    ];
    if wide {
        widths.push(Constraint::Length(18));
    }
    widths.push(Constraint::Length(if wide { 16 } else { 15 }));
    widths.push(Constraint::Length(if wide { 10 } else { 9 }));

    // Only the rows on screen are built: the list can be long.
    let height = area.height.saturating_sub(3) as usize;
    let cursor = app.announcements;
    let visible = app
        .derived
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(height.max(1));
    let rows: Vec<Row> = visible
        .map(|(_, &i)| {
            let a = &ds.announcements[i];
            let sup = app.derived.superseded[i];
            let company = ds.company_of(a);
            let mark = if sup {
                "S"
            } else if a.part_of.is_some() {
                "P"
            } else {
                " "
            };
            let name = match &company.local_name {
                Some(l) => Line::from(vec![
                    Span::raw(sanitize(&company.name)),
                    Span::raw(" "),
                    Span::styled(sanitize(l), theme.dim()),
                ]),
                None => Line::raw(sanitize(&company.name)),
            };
            let countries: Vec<&str> = a.countries.iter().map(|c| c.as_str()).collect();
            let mut cells = vec![
                Cell::from(a.date.to_string()),
                Cell::from(Span::styled(mark, theme.accent())),
                Cell::from(name),
                Cell::from(sanitize(&a.title)),
            ];
            if wide {
                cells.push(Cell::from(a.kind.as_str()));
            }
            let amount = amount_text(a, app.currency(), app.basis(), &ds.rates).unwrap_or_default();
            cells.push(Cell::from(
                Line::styled(amount, theme.amount()).right_aligned(),
            ));
            cells.push(Cell::from(countries.join(" ")));
            let row = Row::new(cells);
            if sup {
                row.style(theme.superseded())
            } else {
                row
            }
        })
        .collect();
    let title = format!(
        " Announcements  {} of {} · s sort · S reverse · S=superseded P=part of a larger figure ",
        app.derived.rows.len(),
        ds.announcements.len()
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header()))
        .block(Block::bordered().title(Line::styled(title, theme.title())))
        .row_highlight_style(theme.selected())
        .column_spacing(1);
    let mut state =
        TableState::default().with_selected(Some(cursor.selected.saturating_sub(cursor.offset)));
    frame.render_stateful_widget(table, area, &mut state);
}
