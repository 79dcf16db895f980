//! Totals per company in the view currency: a column per family of figures (all families), or
//! one family's totals beside a bar chart of them. Enter drills down into the selected company.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Row, Table};
use unicode_width::UnicodeWidthStr;

use super::totals_text;
use crate::model::announcement::Family;
use crate::model::dataset::Dataset;
use crate::model::money::ViewCurrency;
use crate::model::query::{Summary, Totals};
use crate::model::text::{sanitize, truncate};
use crate::ui::app::App;
use crate::ui::layout::{COMPANY_LIST_WIDTH, side_by_side};
use crate::ui::theme::Theme;
use crate::ui::widgets::status_bar::currency_text;

/// A figure in billions of the view currency, compact: `263–286`, `611.5`, `0.4`.
fn billions(min: f64, max: f64) -> String {
    let f = |v: f64| {
        let b = v / 1e9;
        if b >= 100.0 {
            format!("{b:.0}")
        } else {
            format!("{b:.1}")
        }
    };
    if f(min) == f(max) {
        f(max)
    } else {
        format!("{}–{}", f(min), f(max))
    }
}

pub fn draw(frame: &mut Frame, body: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let Some(summary) = &app.derived.companies else {
        return;
    };
    // All families: a column for each, and no chart (bars would add figures that overlap).
    // One family: its total beside a bar chart of it.
    if app.filter.families.len() != 1 {
        draw_families(frame, body, app, ds, summary, theme);
        return;
    }
    let [list_area, chart_area] = side_by_side(body, COMPANY_LIST_WIDTH);
    let currency = app.total_currency();
    let height = list_area.height.saturating_sub(3) as usize;
    let cursor = app.companies;
    // Records, w/ amount and Total keep their width; the name gets the rest (borders and a
    // space between columns taken out).
    let figures: [u16; 3] = [7, 9, 17];
    let company_width = list_area
        .width
        .saturating_sub(2 + figures.iter().sum::<u16>() + figures.len() as u16);
    let rows: Vec<Row> = summary
        .groups
        .iter()
        .skip(cursor.offset)
        .take(height.max(1))
        .map(|g| {
            Row::new(vec![
                Cell::from(truncate(
                    &company_name(ds, &g.key, &g.label),
                    company_width as usize,
                )),
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
        Cell::from(Line::from("Records").right_aligned()),
        Cell::from(Line::from("w/ amount").right_aligned()),
        Cell::from(Line::from("Total").right_aligned()),
    ])
    .style(theme.header());
    let title = format!(
        " Companies · {} family · {} · {} ",
        app.filter.families[0],
        currency_text(app),
        sort_text(app)
    );
    let table = Table::new(
        rows,
        [company_width, figures[0], figures[1], figures[2]].map(Constraint::Length),
    )
    .header(header)
    .block(Block::bordered().title(Line::styled(
        truncate(&title, list_area.width.saturating_sub(2) as usize),
        theme.title(),
    )))
    .row_highlight_style(theme.selected());
    let mut state = cursor.table_state();
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
            truncate(
                &format!(
                    " {} family by company, {code} (upper bound of ranges) ",
                    app.filter.families[0]
                ),
                chart_area.width.saturating_sub(2) as usize,
            ),
            theme.title(),
        )))
        .data(BarGroup::default().bars(&bars))
        .bar_width(1)
        .bar_gap(0);
    frame.render_widget(chart, chart_area);
}

/// "Alibaba Group 阿里巴巴集团": the label and the local name.
fn company_name(ds: &Dataset, key: &str, label: &str) -> String {
    let local = ds
        .company_index(key)
        .and_then(|c| ds.companies[c].local_name.clone());
    match local {
        Some(l) => format!("{} {}", sanitize(label), sanitize(&l)),
        None => sanitize(label),
    }
}

/// The header of the sum of every family's figures, when there is room for it.
const ALL_HEADER: &str = "All (overlap)";
/// The width figures are padded to when there is room.
const FIGURE_WIDTH: usize = 9;
/// The company column keeps at least this much before the sum's header is shortened.
const MIN_COMPANY_WIDTH: u16 = 16;

/// Every company with a column per family of figures and the sum of all of them, which may
/// count money twice (a pledge is often paid out of spend) and says so.
fn draw_families(
    frame: &mut Frame,
    body: Rect,
    app: &App,
    ds: &Dataset,
    summary: &Summary,
    theme: Theme,
) {
    let ViewCurrency::Code(code) = app.total_currency() else {
        return;
    };
    let families: Vec<Family> = summary.total.families_added();
    let height = body.height.saturating_sub(3) as usize;
    let cursor = app.companies;
    let figure = |t: &Totals, f: Option<Family>| -> String {
        let (min, max) = match f {
            Some(f) => t.families[f as usize],
            None => (t.min, t.max),
        };
        if (min, max) == (0.0, 0.0) {
            "–".into()
        } else {
            let mark = if f.is_none() && t.more_than { ">" } else { "" };
            format!("{mark}{}", billions(min, max))
        }
    };
    let visible: Vec<_> = summary
        .groups
        .iter()
        .skip(cursor.offset)
        .take(height.max(1))
        .collect();
    // Figures keep the width of the widest on screen (or of their header); the company name
    // gets the rest and is cut with `…`. The sum's header shortens to "All" when it would not
    // fit: the title already says the figures may overlap.
    let widest = |f: Option<Family>, head: usize| {
        visible
            .iter()
            .map(|g| figure(&g.totals, f).width())
            .max()
            .unwrap_or(0)
            .max(head) as u16
    };
    let inner = body.width.saturating_sub(2);
    let records = "Records".len() as u16;
    let spacing = families.len() as u16 + 2;
    // Figures are padded to a common width where the names keep room, for an even grid.
    let padded_to = |pad: usize| -> Vec<u16> {
        families
            .iter()
            .map(|f| widest(Some(*f), f.as_str().len().max(pad)))
            .collect()
    };
    let long = widest(None, ALL_HEADER.len());
    let fixed_with = |widths: &[u16]| records + widths.iter().sum::<u16>() + spacing;
    let mut family_widths = padded_to(FIGURE_WIDTH);
    if inner.saturating_sub(fixed_with(&family_widths) + long) < MIN_COMPANY_WIDTH {
        family_widths = padded_to(0);
    }
    let fixed = fixed_with(&family_widths);
    let (all_head, all_width) = if inner.saturating_sub(fixed + long) >= MIN_COMPANY_WIDTH {
        (ALL_HEADER, long)
    } else {
        ("All", widest(None, 3))
    };
    let company_width = inner.saturating_sub(fixed + all_width);
    let rows: Vec<Row> = visible
        .iter()
        .map(|g| {
            let mut cells = vec![
                Cell::from(truncate(
                    &company_name(ds, &g.key, &g.label),
                    company_width as usize,
                )),
                Cell::from(Line::from(g.totals.count.to_string()).right_aligned()),
            ];
            cells.extend(
                families
                    .iter()
                    .map(|f| Cell::from(Line::from(figure(&g.totals, Some(*f))).right_aligned())),
            );
            cells.push(Cell::from(
                Line::styled(figure(&g.totals, None), theme.amount()).right_aligned(),
            ));
            Row::new(cells)
        })
        .collect();
    let mut header = vec![
        Cell::from("Company"),
        Cell::from(Line::from("Records").right_aligned()),
    ];
    header.extend(
        families
            .iter()
            .map(|f| Cell::from(Line::from(capitalised(f.as_str())).right_aligned())),
    );
    header.push(Cell::from(Line::from(all_head).right_aligned()));
    let mut widths = vec![
        Constraint::Length(company_width),
        Constraint::Length(records),
    ];
    widths.extend(family_widths.iter().map(|w| Constraint::Length(*w)));
    widths.push(Constraint::Length(all_width));
    let title = format!(
        " Companies · {code} bn · all families; figures may overlap ({} picks one) ",
        app.keys.label("cycle_family"),
    );
    let legend = format!(" {} · Enter: its announcements, Esc: back ", sort_text(app));
    let inner = inner as usize;
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header()))
        .block(
            Block::bordered()
                .title(Line::styled(truncate(&title, inner), theme.title()))
                .title_bottom(Line::styled(truncate(&legend, inner), theme.dim())),
        )
        .row_highlight_style(theme.selected());
    let mut state = cursor.table_state();
    frame.render_stateful_widget(table, body, &mut state);
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `sorted by total ▼ (s)`.
fn sort_text(app: &App) -> String {
    format!(
        "by {} {} ({})",
        app.company_sort.as_str(),
        if app.company_descending { "▼" } else { "▲" },
        app.keys.label("cycle_sort")
    )
}
