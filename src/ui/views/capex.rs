//! The capex table: each company's capital spending by year, the actual or the latest guide
//! (as of `--until`), and how the guide moved. ←/→ pick a year, Enter shows that figure's
//! revision chain and sources.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

use crate::model::capex::{self, CapexTable, Status};
use crate::model::dataset::Dataset;
use crate::model::money::{Valuation, ViewCurrency};
use crate::model::text::{sanitize, truncate};
use crate::ui::app::App;
use crate::ui::theme::Theme;

/// One figure in billions, as compact as it stays exact to a tenth: `91.5`, `180–190`.
fn billions(min: f64, max: f64) -> String {
    let f = |v: f64| {
        let b = v / 1e9;
        if (b - b.round()).abs() < 0.05 {
            format!("{:.0}", b.round())
        } else {
            format!("{b:.1}")
        }
    };
    if (min - max).abs() < 0.5 {
        f(max)
    } else {
        format!("{}–{}", f(min), f(max))
    }
}

/// A cell as the table shows it: `180–190 G ↑3%` (figures in billions of the view currency).
pub fn cell_short(ds: &Dataset, cell: &capex::Cell, valuation: &Valuation) -> String {
    let a = &ds.announcements[cell.latest];
    let sign = a.qualifier.map(|q| q.sign()).unwrap_or("");
    let figure = match valuation.get(cell.latest).flatten() {
        Some(v) => format!("{sign}{}", billions(v.min, v.max)),
        None => "n/a".into(),
    };
    format!(
        "{figure} {}{}",
        cell.status.mark(),
        capex::movement_text(cell, valuation)
    )
}

/// The year columns that fit in `room` cells, as a range of column indices that includes
/// `selected`, as far right as it can go.
pub fn visible_years(count: usize, room: usize, selected: usize) -> std::ops::Range<usize> {
    let room = room.clamp(1, count.max(1));
    let end = (selected + 1).max(room).min(count);
    end.saturating_sub(room)..end
}

const CELL_WIDTH: u16 = 15;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let Some(t) = &app.derived.capex else {
        return;
    };
    let ViewCurrency::Code(code) = app.total_currency() else {
        return;
    };
    let until = app
        .filter
        .until
        .map_or("as announced to date".to_string(), |d| {
            format!("as known on {d}")
        });
    let title =
        format!(" Capex by year · {code} bn · spend family · A actual, G latest guide {until} ");
    let legend = format!(
        " ↑↓ % from the first guide · {}{} year · Enter: revisions and sources ",
        app.keys.label("left"),
        app.keys.label("right")
    );
    let inner = body.width.saturating_sub(2) as usize;
    let block = Block::bordered()
        .title(Line::styled(truncate(&title, inner), theme.title()))
        .title_bottom(Line::styled(truncate(&legend, inner), theme.dim()));
    if t.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(" No capital-spending figures match the filters.").block(block),
            body,
        );
        return;
    }
    draw_table(frame, body, app, ds, t, block, theme);
}

fn draw_table(
    frame: &mut Frame,
    body: Rect,
    app: &App,
    ds: &Dataset,
    t: &CapexTable,
    block: Block,
    theme: Theme,
) {
    let inner = body.width.saturating_sub(2);
    // Names take up to 28 columns, or whatever every year's column leaves when all of them fit.
    let all_years = u16::try_from(t.year_count())
        .unwrap_or(u16::MAX)
        .saturating_mul(CELL_WIDTH + 1);
    let widest_name = inner.saturating_sub(all_years + 1).max(28);
    let name_width = t
        .rows
        .iter()
        .map(|r| sanitize(&ds.companies[r.company].name).width())
        .max()
        .unwrap_or(8)
        .clamp(8, usize::from(widest_name)) as u16;
    let room = (inner.saturating_sub(name_width + 1) / (CELL_WIDTH + 1)) as usize;
    let years = visible_years(t.year_count(), room, app.capex_column);
    let height = body.height.saturating_sub(3) as usize;
    let cursor = app.capex;
    let mut header = vec![Cell::from("Company")];
    header.extend(years.clone().map(|k| {
        let label = format!("{}", t.years.0 + k as i32);
        let style = if k == app.capex_column {
            theme.selected()
        } else {
            theme.header()
        };
        Cell::from(Line::styled(label, style).right_aligned())
    }));
    let rows: Vec<Row> = t
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(height.max(1))
        .map(|(n, r)| {
            let mut cells = vec![Cell::from(truncate(
                &sanitize(&ds.companies[r.company].name),
                name_width as usize,
            ))];
            cells.extend(years.clone().map(|k| match &r.cells[k] {
                Some(c) => {
                    let style = if n == cursor.selected && k == app.capex_column {
                        theme.tab_active()
                    } else if c.status == Status::Actual {
                        theme.amount()
                    } else {
                        ratatui::style::Style::default()
                    };
                    Cell::from(
                        Line::styled(cell_short(ds, c, &app.derived.valuation), style)
                            .right_aligned(),
                    )
                }
                None => Cell::from(Line::styled("–", theme.dim()).right_aligned()),
            }));
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Length(name_width)];
    widths.extend(years.map(|_| Constraint::Length(CELL_WIDTH)));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header()))
        .block(block)
        .row_highlight_style(theme.selected());
    let mut state = cursor.table_state();
    frame.render_stateful_widget(table, body, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_in_billions() {
        assert_eq!(billions(91.45e9, 91.45e9), "91.5");
        assert_eq!(billions(180e9, 190e9), "180–190");
        assert_eq!(billions(64e9, 72.5e9), "64–72.5");
    }

    #[test]
    fn the_selected_year_is_always_visible() {
        assert_eq!(visible_years(4, 4, 3), 0..4);
        assert_eq!(visible_years(6, 3, 5), 3..6);
        assert_eq!(visible_years(6, 3, 0), 0..3);
        assert_eq!(visible_years(6, 3, 3), 1..4);
        assert_eq!(visible_years(0, 3, 0), 0..0);
    }
}
