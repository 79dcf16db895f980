//! The map: countries shaded by their total (braille dot density, readable without colour),
//! their outlines, a marker per country and per site, and labels that never collide; beside
//! it the countries with records, sites and totals, the unallocated remainder and the total.
//! Enter on a country lists its sites by city beside its records. The geometry (viewport,
//! projection, label placement, dot grid) lives in `geo`; this file only paints it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::totals_text;
use crate::geo::labels::{Candidate, place};
use crate::geo::outlines::{COARSE, FINE, Outlines};
use crate::geo::projection::Viewport;
use crate::geo::raster::{Dots, LEVELS, glyph};
use crate::model::codes::CountryCode;
use crate::model::dataset::Dataset;
use crate::model::money::{ViewCurrency, amount_text, format_money};
use crate::model::places::{MapData, Place, sites_in};
use crate::model::text::{sanitize, truncate};
use crate::ui::app::App;
use crate::ui::layout::{MAP_FOOTER, map_areas};
use crate::ui::map_state::viewport;
use crate::ui::theme::Theme;
use crate::ui::widgets::status_bar::currency_text;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let [map_area, list_area] = map_areas(body);
    let empty = MapData::default();
    let data = app.derived.places.as_ref().unwrap_or(&empty);
    draw_map(frame, map_area, app, data, theme);
    match app.map.focus {
        Some(code) => draw_country(frame, list_area, app, ds, code, theme),
        None => draw_list(frame, list_area, app, ds, data, theme),
    }
}

/// Shading levels by rank among the countries with a total: the top quarter is the densest.
/// Returns the level per place (0 when it has no total) and the smallest total of each level.
pub fn shade_levels(places: &[Place]) -> (Vec<u8>, [Option<f64>; LEVELS as usize]) {
    let mut ranked: Vec<(usize, f64)> = places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.totals.max > 0.0)
        .map(|(i, p)| (i, p.totals.max))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let n = ranked.len();
    let mut levels = vec![0u8; places.len()];
    let mut floor = [None; LEVELS as usize];
    for (rank, &(i, v)) in ranked.iter().enumerate() {
        let level = LEVELS - (rank * usize::from(LEVELS) / n.max(1)) as u8;
        levels[i] = level;
        floor[usize::from(level - 1)] = Some(v);
    }
    (levels, floor)
}

fn short_money(v: f64, currency: ViewCurrency) -> String {
    match currency {
        ViewCurrency::Code(c) => format_money(v, v, c, None),
        ViewCurrency::Native => String::new(),
    }
}

fn draw_map(frame: &mut Frame, area: Rect, app: &App, data: &MapData, theme: Theme) {
    let currency = app.total_currency();
    let (cols, rows) = (area.width.saturating_sub(2), area.height.saturating_sub(2));
    let view = viewport(&app.map, Some(data), cols, rows);
    let (levels, floors) = shade_levels(&data.places);

    // The legend: one glyph per level with the smallest total it stands for.
    let mut legend = vec![Span::styled(" ", theme.dim())];
    for level in (1..=LEVELS).rev() {
        if let Some(v) = floors[usize::from(level - 1)] {
            legend.push(Span::styled(glyph(level).to_string(), theme.shade(level)));
            legend.push(Span::styled(
                format!(" ≥{} ", short_money(v, currency)),
                theme.dim(),
            ));
        }
    }
    legend.push(Span::styled("● country + site ", theme.dim()));
    let zoom = if app.map.viewport.is_some() {
        "zoomed · 0 fits"
    } else {
        "fitted · +/- zoom, [ ] { } pan"
    };
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::styled(" Map ", theme.title()),
            Span::styled(
                truncate(
                    &format!("shaded by total, {} · {zoom} ", currency_text(app)),
                    area.width.saturating_sub(2 + 5) as usize,
                ),
                theme.dim(),
            ),
        ]))
        .title_bottom(Line::from(legend));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if cols == 0 || rows == 0 {
        return;
    }

    let dots = paint_countries(data, &levels, view, cols, rows);
    let buf = frame.buffer_mut();
    for y in 0..rows {
        for x in 0..cols {
            if let (Some(ch), level) = dots.cell(x, y) {
                let cell = &mut buf[(inner.x + x, inner.y + y)];
                cell.set_char(ch);
                cell.set_style(theme.shade(level));
            }
        }
    }

    // Markers: sites, then countries, the selected country on top.
    let selected = data.places.get(app.places.selected).map(|p| p.code);
    let selected = app.map.focus.or(selected);
    let mut markers: Vec<(u16, u16)> = Vec::new();
    for s in &data.sites {
        if let Some(c) = view.cell(s.lon, s.lat, cols, rows) {
            markers.push(c);
            buf[(inner.x + c.0, inner.y + c.1)]
                .set_char('+')
                .set_style(theme.site());
        }
    }
    let mut order: Vec<usize> = (0..data.places.len()).collect();
    // Labels in order of importance: the selected country, then by total.
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&data.places[a], &data.places[b]);
        (Some(pb.code) == selected)
            .cmp(&(Some(pa.code) == selected))
            .then(pb.totals.max.total_cmp(&pa.totals.max))
            .then(pa.code.cmp(&pb.code))
    });
    let mut cands = Vec::new();
    let mut texts = Vec::new();
    for &i in &order {
        let p = &data.places[i];
        let Some((lat, lon)) = p.position else {
            continue;
        };
        let Some(cell) = view.cell(lon, lat, cols, rows) else {
            continue;
        };
        let style = if Some(p.code) == selected {
            theme.selected()
        } else {
            theme.marker(usize::from(LEVELS - levels[i].min(LEVELS)) * 3)
        };
        markers.push(cell);
        buf[(inner.x + cell.0, inner.y + cell.1)]
            .set_char('●')
            .set_style(style);
        if p.totals.max > 0.0 || Some(p.code) == selected {
            let text = match currency {
                ViewCurrency::Code(c) if p.totals.max > 0.0 => format!(
                    "{} {}",
                    p.code,
                    format_money(p.totals.min, p.totals.max, c, None)
                ),
                _ => p.code.to_string(),
            };
            cands.push(Candidate {
                anchor: cell,
                width: text.width() as u16,
            });
            texts.push((text, Some(p.code) == selected));
        }
    }
    for l in place(&cands, &markers, cols, rows) {
        let (text, is_selected) = &texts[l.index];
        let style = if *is_selected {
            theme.selected()
        } else {
            Style::default()
        };
        buf.set_string(inner.x + l.x, inner.y + l.y, text, style);
    }
}

/// The dot grid of the countries in view: shaded by level, outlined (coarse outlines for the
/// world, finer ones zoomed in).
fn paint_countries(data: &MapData, levels: &[u8], view: Viewport, cols: u16, rows: u16) -> Dots {
    let mut dots = Dots::new(cols, rows);
    let (w, h) = dots.size();
    let (w, h) = (w as f64, h as f64);
    let detail = if view.is_world() { COARSE } else { FINE };
    let level_of = |code: CountryCode| -> u8 {
        data.places
            .iter()
            .position(|p| p.code == code)
            .map_or(0, |i| levels[i])
    };
    let mut current: Option<(CountryCode, u8)> = None;
    let mut rings: Vec<Vec<(f64, f64)>> = Vec::new();
    // Rings come grouped by country: fill each country's rings together (even-odd).
    let flush = |dots: &mut Dots, rings: &mut Vec<Vec<(f64, f64)>>, level: u8| {
        if level > 0 && !rings.is_empty() {
            dots.fill(rings, level);
        }
        rings.clear();
    };
    for r in Outlines::bundled().level(detail) {
        let b = r.bounds;
        if b.east < view.west || b.west > view.east || b.north < view.south || b.south > view.north
        {
            continue;
        }
        if current.map(|c| c.0) != Some(r.code) {
            if let Some((_, level)) = current {
                flush(&mut dots, &mut rings, level);
            }
            current = Some((r.code, level_of(r.code)));
        }
        let pts: Vec<(f64, f64)> = r
            .points
            .iter()
            .map(|&(lon, lat)| view.to_grid(f64::from(lon), f64::from(lat), w, h))
            .collect();
        for (k, &a) in pts.iter().enumerate() {
            dots.line(a, pts[(k + 1) % pts.len()]);
        }
        rings.push(pts);
    }
    if let Some((_, level)) = current {
        flush(&mut dots, &mut rings, level);
    }
    dots
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, ds: &Dataset, data: &MapData, theme: Theme) {
    let currency = app.total_currency();
    let places = &data.places;
    let cursor = app.places;
    let title = format!(
        " {} countries · by {} · {} ",
        places.len(),
        app.map.sort.name(),
        currency_text(app)
    );
    let shared = places.iter().any(|p| p.only_shared);
    let note = if shared {
        " * only via multi-country records · Enter: sites · s: sort "
    } else {
        " Enter: sites and records · s: sort "
    };
    let room = area.width.saturating_sub(2) as usize;
    let block = Block::bordered()
        .title(Line::styled(truncate(&title, room), theme.title()))
        .title_bottom(Line::styled(truncate(note, room), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, footer] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(MAP_FOOTER)]).areas(inner);
    let height = table_area.height.saturating_sub(1) as usize;
    // The total column as wide as its widest figure, so names get the rest.
    let total_w = places
        .iter()
        .map(|p| &p.totals)
        .chain([&data.total, &data.unallocated])
        .map(|t| totals_text(t, currency).width())
        .max()
        .unwrap_or(0)
        .max("Allocated".len()) as u16;
    // Too narrow for every column: the counts give way, never a figure.
    let wide = table_area.width >= 8 + 4 + 5 + 3 + total_w;
    let widths: Vec<Constraint> = if wide {
        vec![
            Constraint::Min(6),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Length(total_w),
        ]
    } else {
        vec![Constraint::Min(6), Constraint::Length(total_w)]
    };
    // Names take what the figures leave, cut with `…`.
    let name_w = if wide {
        table_area.width.saturating_sub(4 + 5 + total_w + 3)
    } else {
        table_area.width.saturating_sub(total_w + 1)
    } as usize;
    let pick = |cells: Vec<Cell<'static>>| -> Row<'static> {
        if wide {
            Row::new(cells)
        } else {
            let mut c = cells;
            let last = c.pop().unwrap_or_default();
            Row::new(vec![c.swap_remove(0), last])
        }
    };
    let rows: Vec<Row> = places
        .iter()
        .skip(cursor.offset)
        .take(height.max(1))
        .map(|p| {
            let mark = if p.only_shared { "*" } else { "" };
            pick(vec![
                Cell::from(
                    truncate(
                        &format!("{} {}", p.code, ds.countries.name(p.code)),
                        name_w.saturating_sub(mark.len()),
                    ) + mark,
                ),
                Cell::from(Line::from(p.records.to_string()).right_aligned()),
                Cell::from(Line::from(p.sites.to_string()).right_aligned()),
                Cell::from(
                    Line::styled(totals_text(&p.totals, currency), theme.amount()).right_aligned(),
                ),
            ])
        })
        .collect();
    let header = pick(vec![
        Cell::from("Country"),
        Cell::from(Line::from("Recs").right_aligned()),
        Cell::from(Line::from("Sites").right_aligned()),
        Cell::from(Line::from("Allocated").right_aligned()),
    ])
    .style(theme.header());
    let table = Table::new(rows, widths.clone())
        .header(header)
        .row_highlight_style(theme.selected());
    let mut state = cursor.table_state();
    frame.render_stateful_widget(table, table_area, &mut state);

    let sites: usize = places.iter().map(|p| p.sites).sum();
    let foot = |label: &str, recs: String, sites: String, t: &crate::model::query::Totals| {
        pick(vec![
            Cell::from(truncate(label, name_w)),
            Cell::from(Line::from(recs).right_aligned()),
            Cell::from(Line::from(sites).right_aligned()),
            Cell::from(Line::styled(totals_text(t, currency), theme.amount()).right_aligned()),
        ])
    };
    let footer_rows = vec![
        foot(
            "Multiple / unallocated",
            data.unallocated.count.to_string(),
            "–".into(),
            &data.unallocated,
        )
        .style(theme.dim()),
        foot(
            "Total",
            data.total.count.to_string(),
            sites.to_string(),
            &data.total,
        )
        .style(theme.header()),
    ];
    frame.render_widget(Table::new(footer_rows, widths), footer);
}

/// The drill-down: a country's sites by city above its records.
/// The title column of a country's records keeps at least this much before the company
/// column gives way.
const MIN_TITLE_WIDTH: u16 = 10;

fn draw_country(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    ds: &Dataset,
    code: CountryCode,
    theme: Theme,
) {
    let d = &app.derived;
    let sites = sites_in(ds, &d.rows, &d.superseded, code);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Min(0)]).areas(area);
    let name = ds.countries.name(code);
    let site_rows: Vec<Row> = sites
        .iter()
        .take(top.height.saturating_sub(3) as usize)
        .map(|s| {
            let status = match s.status.map(|x| x.as_str()) {
                Some("under-construction") => "building",
                Some(x) => x,
                None => "–",
            };
            let opens = s.opens.map_or("–".into(), |y| y.to_string());
            Row::new(vec![
                Cell::from(if s.city.is_empty() {
                    "–".into()
                } else {
                    s.city.clone()
                }),
                Cell::from(status.to_string()),
                Cell::from(Line::from(opens).right_aligned()),
            ])
        })
        .collect();
    let more = sites.len().saturating_sub(site_rows.len());
    let mut block = Block::bordered().title(Line::styled(
        format!(" {code} {name}: {} sites by city ", sites.len()),
        theme.title(),
    ));
    if more > 0 {
        block = block.title_bottom(Line::styled(format!(" +{more} more "), theme.dim()));
    }
    if sites.is_empty() {
        let p = Paragraph::new("No sites named in these records.").block(block);
        frame.render_widget(p, top);
    } else {
        let table = Table::new(
            site_rows,
            [
                Constraint::Min(10),
                Constraint::Length(11),
                Constraint::Length(5),
            ],
        )
        .header(
            Row::new(vec![
                Cell::from("City"),
                Cell::from("Status"),
                Cell::from(Line::from("Opens").right_aligned()),
            ])
            .style(theme.header()),
        )
        .block(block);
        frame.render_widget(table, top);
    }

    let height = bottom.height.saturating_sub(3) as usize;
    let sel = app
        .announcements
        .selected
        .min(d.rows.len().saturating_sub(1));
    let offset = sel.saturating_sub(height.saturating_sub(1));
    // Each visible record's date and amount text, made once for widths and cells alike.
    let visible: Vec<(usize, String, String)> = d
        .rows
        .iter()
        .skip(offset)
        .take(height.max(1))
        .map(|&i| {
            let a = &ds.announcements[i];
            let amount = amount_text(a, app.currency(), app.basis(), &ds.rates)
                .unwrap_or_else(|| "–".into());
            (i, a.date_text(), amount)
        })
        .collect();
    // Dates and amounts keep their width; the title takes the rest, and the company column
    // gives way first when the panel is narrow. Cut text ends in `…`.
    let widest = |f: &dyn Fn(&(usize, String, String)) -> usize, head: &str| {
        visible.iter().map(f).max().unwrap_or(0).max(head.width()) as u16
    };
    let date_w = widest(&|(_, date, _)| date.width(), "Date");
    let amount_w = widest(&|(_, _, amount)| amount.width(), "Amount");
    let company_w = widest(
        &|(i, _, _)| ds.companies[ds.announcements[*i].company].id.width(),
        "Company",
    )
    .min(12);
    // Borders, and a space after the date and after the amount.
    let rest = bottom.width.saturating_sub(2 + date_w + amount_w + 2);
    let company_w = if rest >= company_w + 1 + MIN_TITLE_WIDTH {
        company_w
    } else {
        0
    };
    let title_w = rest.saturating_sub(if company_w > 0 { company_w + 1 } else { 0 });
    let cells = |date: Cell<'static>, company: Cell<'static>, amount, title| {
        let mut c = vec![date];
        if company_w > 0 {
            c.push(company);
        }
        c.extend([amount, title]);
        c
    };
    let rows: Vec<Row> = visible
        .iter()
        .map(|(i, date, amount)| {
            let a = &ds.announcements[*i];
            let style = if d.superseded[*i] {
                theme.superseded()
            } else {
                Style::default()
            };
            Row::new(cells(
                Cell::from(date.clone()),
                Cell::from(truncate(
                    &ds.companies[a.company].id,
                    usize::from(company_w),
                )),
                Cell::from(Line::styled(amount.clone(), theme.amount()).right_aligned()),
                Cell::from(truncate(&sanitize(&a.title), usize::from(title_w))),
            ))
            .style(style)
        })
        .collect();
    let mut widths = vec![Constraint::Length(date_w)];
    if company_w > 0 {
        widths.push(Constraint::Length(company_w));
    }
    widths.extend([Constraint::Length(amount_w), Constraint::Length(title_w)]);
    let header = cells(
        Cell::from("Date"),
        Cell::from("Company"),
        Cell::from(Line::from("Amount").right_aligned()),
        Cell::from("Title"),
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header()))
        .block(
            Block::bordered()
                .title(Line::styled(
                    format!(" {} records touching {code} ", d.rows.len()),
                    theme.title(),
                ))
                .title_bottom(Line::styled(" Enter: detail · Esc: back ", theme.dim())),
        )
        .row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected(Some(sel - offset));
    frame.render_stateful_widget(table, bottom, &mut state);
}
