//! Totals per company in the view currency: a column per family of figures (all families), or
//! one family's totals beside a bar chart of them. Enter drills down into the selected company.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Row, Table};

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
    let rows: Vec<Row> = summary
        .groups
        .iter()
        .skip(cursor.offset)
        .take(height.max(1))
        .map(|g| {
            Row::new(vec![
                Cell::from(company_name(ds, &g.key, &g.label)),
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
        [
            Constraint::Min(14),
            Constraint::Length(7),
            Constraint::Length(9),
            Constraint::Length(17),
        ],
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
            format!(
                " {} family by company, {code} (upper bound of ranges) ",
                app.filter.families[0]
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
    let rows: Vec<Row> = summary
        .groups
        .iter()
        .skip(cursor.offset)
        .take(height.max(1))
        .map(|g| {
            let mut cells = vec![
                Cell::from(company_name(ds, &g.key, &g.label)),
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
    header.push(Cell::from(Line::from("All (overlap)").right_aligned()));
    let mut widths = vec![Constraint::Min(14), Constraint::Length(7)];
    widths.extend(families.iter().map(|_| Constraint::Length(9)));
    widths.push(Constraint::Length(13));
    let title = format!(
        " Companies · {code} bn · all families; figures may overlap ({} picks one) ",
        app.keys.label("cycle_family"),
    );
    let legend = format!(" {} · Enter: drill down, Esc: back ", sort_text(app));
    let inner = body.width.saturating_sub(2) as usize;
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
