//! The world map: a marker per country the matching records touch (colour by rank of amount,
//! labels for the largest), a marker per site with its own coordinates, and a side list of
//! countries with record and site counts and totals. Enter filters to the selected country.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Map, MapResolution};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

use super::totals_text;
use crate::model::dataset::Dataset;
use crate::model::money::{ViewCurrency, format_money};
use crate::ui::app::App;
use crate::ui::layout::map_areas;
use crate::ui::theme::Theme;
use crate::ui::widgets::status_bar::currency_text;

/// How many of the largest countries get a text label on the map.
const LABELLED: usize = 6;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let [map_area, list_area] = map_areas(body);
    let places = app.derived.places();
    let currency = app.total_currency();
    let selected = places.get(app.places.selected).map(|p| p.code);
    // One cell in degrees of longitude, to put labels beside markers, not on them.
    let inner_w = f64::from(map_area.width.saturating_sub(2).max(2));
    let inner_h = f64::from(map_area.height.saturating_sub(2).max(2));
    let cell = 360.0 / inner_w;
    let canvas = Canvas::default()
        .block(Block::bordered().title(Line::from(vec![
            Span::styled(" Map ", theme.title()),
            Span::styled(
                "● country (red: top 3, yellow: top 10)  + site ",
                theme.dim(),
            ),
        ])))
        .x_bounds([-180.0, 180.0])
        .y_bounds([-60.0, 85.0])
        .paint(|ctx| {
            ctx.draw(&Map {
                color: theme.coast(),
                resolution: MapResolution::High,
            });
            ctx.layer();
            for s in app.derived.sites() {
                ctx.print(s.lon, s.lat, Span::styled("+", theme.site()));
            }
            ctx.layer();
            // Smallest first so the largest are drawn on top.
            for (rank, p) in places.iter().enumerate().rev() {
                let Some((lat, lon)) = p.position else {
                    continue;
                };
                let style = if Some(p.code) == selected {
                    theme.selected()
                } else {
                    theme.marker(rank)
                };
                ctx.print(lon, lat, Span::styled("●", style));
            }
            // Labels never overlap: the selected country first, then by rank; one that
            // would cover another on its row is left out.
            let mut taken: Vec<(i64, i64, i64)> = Vec::new();
            let order = places
                .iter()
                .enumerate()
                .filter(|(_, p)| Some(p.code) == selected)
                .chain(places.iter().enumerate().take(LABELLED));
            for (_, p) in order {
                let Some((lat, lon)) = p.position else {
                    continue;
                };
                let is_selected = Some(p.code) == selected;
                let amount = match currency {
                    ViewCurrency::Code(c) if p.totals.max > 0.0 => {
                        format!(" {}", format_money(p.totals.min, p.totals.max, c, None))
                    }
                    _ => String::new(),
                };
                let style = if is_selected {
                    theme.selected()
                } else {
                    Style::default()
                };
                let text = format!("{}{amount}", p.code);
                // The canvas's own mapping from coordinates to cells (it truncates).
                let x = lon + cell * 1.5;
                let row = ((85.0 - lat) * (inner_h - 1.0) / 145.0) as i64;
                let start = ((x + 180.0) * (inner_w - 1.0) / 360.0) as i64;
                let end = start + text.chars().count() as i64 + 1;
                if taken
                    .iter()
                    .any(|&(r, s, e)| r == row && start < e && s < end)
                {
                    continue;
                }
                taken.push((row, start, end));
                // Labels sit just right of the marker.
                ctx.print(x, lat, Span::styled(text, style));
            }
        });
    frame.render_widget(canvas, map_area);

    let height = list_area.height.saturating_sub(3) as usize;
    let cursor = app.places;
    let rows: Vec<Row> = places
        .iter()
        .skip(cursor.offset)
        .take(height.max(1))
        .map(|p| {
            Row::new(vec![
                Cell::from(format!("{} {}", p.code, ds.countries.name(p.code))),
                Cell::from(Line::from(p.records.to_string()).right_aligned()),
                Cell::from(Line::from(p.sites.to_string()).right_aligned()),
                Cell::from(
                    Line::styled(totals_text(&p.totals, currency), theme.amount()).right_aligned(),
                ),
            ])
        })
        .collect();
    let header = Row::new(vec![
        Cell::from("Country"),
        Cell::from(Line::from("Recs").right_aligned()),
        Cell::from(Line::from("Sites").right_aligned()),
        Cell::from(Line::from("Total").right_aligned()),
    ])
    .style(theme.header());
    let title = format!(" {} countries · {} ", places.len(), currency_text(app));
    let table = Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Length(17),
        ],
    )
    .header(header)
    .block(
        Block::bordered()
            .title(Line::styled(title, theme.title()))
            .title_bottom(Line::styled(" Enter: records here ", theme.dim())),
    )
    .row_highlight_style(theme.selected());
    let mut state =
        TableState::default().with_selected(Some(cursor.selected.saturating_sub(cursor.offset)));
    frame.render_stateful_widget(table, list_area, &mut state);
}
