//! The announcements table and, below it, the detail of the selected row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use super::detail::detail_lines;
use crate::model::dataset::Dataset;
use crate::model::money::amount_text;
use crate::model::query::SortKey;
use crate::model::text::{match_ranges, sanitize, shown, truncate};
use crate::ui::app::App;
use crate::ui::layout::announcements_areas;
use crate::ui::theme::Theme;
use unicode_width::UnicodeWidthStr;

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

/// A column of the announcements table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Date,
    Mark,
    Company,
    Title,
    Kind,
    Amount,
    Countries,
}

impl Col {
    /// The sort key a click on the header picks, if any.
    pub fn sort_key(self) -> Option<SortKey> {
        match self {
            Col::Date => Some(SortKey::Date),
            Col::Company => Some(SortKey::Company),
            Col::Title => Some(SortKey::Title),
            Col::Kind => Some(SortKey::Kind),
            Col::Amount => Some(SortKey::Amount),
            Col::Mark | Col::Countries => None,
        }
    }
}

/// The columns and their widths inside a table of `inner` columns (borders excluded, one
/// space between columns), shared by drawing and by mouse clicks on the header. Figures and
/// dates keep their width; company and title share what is left by their content, and text
/// that does not fit is cut with `…` when drawn.
pub fn columns(app: &App, ds: &Dataset, inner: u16) -> Vec<(Col, u16)> {
    let wide = inner >= 118;
    let visible: Vec<usize> = app
        .derived
        .rows
        .iter()
        .skip(app.announcements.offset)
        .take(app.table_height())
        .copied()
        .collect();
    let widest = |f: &dyn Fn(usize) -> usize, head: usize| {
        visible.iter().map(|&i| f(i)).max().unwrap_or(0).max(head) as u16
    };
    let date = widest(&|i| ds.announcements[i].date_text().width(), 10);
    let amount = widest(
        &|i| {
            amount_text(&ds.announcements[i], app.currency(), app.basis(), &ds.rates)
                .map_or(0, |t| t.width())
        },
        amount_title(app).width(),
    );
    let kind = widest(&|i| ds.announcements[i].kind.as_str().len(), 4);
    let countries = widest(&|i| countries_text(ds, i).width(), 9).min(if wide { 20 } else { 11 });
    let company_want = widest(&|i| company_text(ds, i).width(), 7);
    let mut cols = vec![
        (Col::Date, date),
        (Col::Mark, 1),
        (Col::Company, 0),
        (Col::Title, 0),
    ];
    if wide {
        cols.push((Col::Kind, kind));
    }
    cols.push((Col::Amount, amount));
    cols.push((Col::Countries, countries));
    let fixed: u16 = cols.iter().map(|c| c.1).sum::<u16>() + cols.len() as u16 - 1;
    let rest = inner.saturating_sub(fixed);
    // The company gets its width up to a third of what is left; the title the rest.
    let company = company_want.min(rest / 3).max(rest.min(8));
    for c in &mut cols {
        match c.0 {
            Col::Company => c.1 = company,
            Col::Title => c.1 = rest.saturating_sub(company),
            _ => {}
        }
    }
    cols
}

fn amount_title(app: &App) -> String {
    format!("Amount{} ({})", arrow(app, SortKey::Amount), app.currency())
}

fn arrow(app: &App, key: SortKey) -> &'static str {
    match (app.sort == key, app.descending) {
        (false, _) => "",
        (true, true) => " ▼",
        (true, false) => " ▲",
    }
}

fn company_text(ds: &Dataset, i: usize) -> String {
    sanitize(&ds.company_of(&ds.announcements[i]).display_name())
}

fn countries_text(ds: &Dataset, i: usize) -> String {
    let a = &ds.announcements[i];
    a.countries
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The title with what the search matched highlighted, cut to `width` with `…`.
fn title_line(title: &str, search: &str, width: u16, theme: Theme) -> Line<'static> {
    let text = shown(title, width as usize);
    let words: Vec<String> = search
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut spans = Vec::new();
    let mut at = 0;
    for (a, b) in match_ranges(&text, &words) {
        spans.push(Span::raw(text[at..a].to_string()));
        spans.push(Span::styled(text[a..b].to_string(), theme.highlight()));
        at = b;
    }
    spans.push(Span::raw(text[at..].to_string()));
    Line::from(spans)
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let cols = columns(app, ds, area.width.saturating_sub(2));
    let width_of = |c: Col| cols.iter().find(|x| x.0 == c).map_or(0, |x| x.1);
    let header: Vec<Cell> = cols
        .iter()
        .map(|(c, w)| {
            let text = match c {
                Col::Date => format!("Date{}", arrow(app, SortKey::Date)),
                Col::Mark => String::new(),
                Col::Company => format!("Company{}", arrow(app, SortKey::Company)),
                Col::Title => format!("Title{}", arrow(app, SortKey::Title)),
                Col::Kind => format!("Kind{}", arrow(app, SortKey::Kind)),
                Col::Amount => amount_title(app),
                Col::Countries => "Countries".into(),
            };
            let line = Line::from(truncate(&text, *w as usize));
            Cell::from(if *c == Col::Amount {
                line.right_aligned()
            } else {
                line
            })
        })
        .collect();
    let widths: Vec<Constraint> = cols.iter().map(|c| Constraint::Length(c.1)).collect();

    // Only the rows on screen are built: the list can be long.
    let height = area.height.saturating_sub(3) as usize;
    let cursor = app.announcements;
    let rows: Vec<Row> = app
        .derived
        .rows
        .iter()
        .skip(cursor.offset)
        .take(height.max(1))
        .map(|&i| {
            let a = &ds.announcements[i];
            let sup = app.derived.superseded[i];
            let company = ds.company_of(a);
            let mark = if sup {
                "R"
            } else if a.part_of.is_some() {
                "P"
            } else {
                " "
            };
            let cw = width_of(Col::Company) as usize;
            let name = match &company.local_name {
                Some(l) if sanitize(&company.name).width() + 1 < cw => Line::from(vec![
                    Span::raw(sanitize(&company.name)),
                    Span::raw(" "),
                    Span::styled(
                        truncate(&sanitize(l), cw - sanitize(&company.name).width() - 1),
                        theme.dim(),
                    ),
                ]),
                _ => Line::raw(truncate(&sanitize(&company.name), cw)),
            };
            let cells: Vec<Cell> = cols
                .iter()
                .map(|(c, w)| match c {
                    Col::Date => Cell::from(a.date_text()),
                    Col::Mark => Cell::from(Span::styled(mark, theme.accent())),
                    Col::Company => Cell::from(name.clone()),
                    Col::Title => Cell::from(title_line(&a.title, &app.filter.search, *w, theme)),
                    Col::Kind => Cell::from(truncate(a.kind.as_str(), *w as usize)),
                    Col::Amount => Cell::from(
                        Line::styled(
                            amount_text(a, app.currency(), app.basis(), &ds.rates)
                                .unwrap_or_default(),
                            theme.amount(),
                        )
                        .right_aligned(),
                    ),
                    Col::Countries => Cell::from(truncate(&countries_text(ds, i), *w as usize)),
                })
                .collect();
            let row = Row::new(cells);
            if sup {
                row.style(theme.superseded())
            } else {
                row
            }
        })
        .collect();
    let sort = app.keys.label("cycle_sort");
    let reverse = app.keys.label("reverse_sort");
    let title = format!(
        " Announcements  {} of {} · {sort} sort · {reverse} reverse · R revised later, P part of a larger figure ",
        app.derived.rows.len(),
        ds.announcements.len()
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header()))
        .block(Block::bordered().title(Line::styled(
            truncate(&title, area.width.saturating_sub(2) as usize),
            theme.title(),
        )))
        .row_highlight_style(theme.selected())
        .column_spacing(1);
    let mut state = cursor.table_state();
    frame.render_stateful_widget(table, area, &mut state);
    if app.derived.rows.is_empty() {
        // Under the header, so the columns still say what would be listed.
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        let below = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        let text = if app.filter.is_empty() {
            "No announcements loaded.".to_string()
        } else if app.keys.keys_of("clear_filters").is_empty() {
            "No announcements match the filters.".to_string()
        } else {
            let clear = app.keys.label("clear_filters");
            format!("No announcements match the filters ({clear} clears them).")
        };
        frame.render_widget(
            Paragraph::new(truncate(&text, usize::from(below.width))).style(theme.dim()),
            below,
        );
    }
}
