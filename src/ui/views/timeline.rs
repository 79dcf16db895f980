//! Amounts per quarter or year, by announcement date or spread over the spend years, as bars
//! in a unit chosen from the data, with a cursor (← →) over them; below, the cumulative total
//! (or, for one company, how its capex guidance moved) and the selected period's records.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Segment};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset as Series, GraphType, Paragraph,
};

use crate::model::capex::capex_table;
use crate::model::dataset::Dataset;
use crate::model::money::{ViewCurrency, format_money, scale};
use crate::model::text::truncate;
use crate::model::timeline::{Bucket, Granularity, TimeAxis, sig_text, unit_for};
use crate::ui::app::App;
use crate::ui::theme::Theme;
use crate::ui::widgets::status_bar::currency_text;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, ds: &Dataset, theme: Theme) {
    let ViewCurrency::Code(code) = app.total_currency() else {
        return;
    };
    let buckets: &[Bucket] = app.derived.timeline.as_deref().unwrap_or(&[]);
    let axis = match app.axis {
        TimeAxis::Announced => "by announcement date",
        TimeAxis::SpendYears => "spread over spend years",
    };
    let grain = match (app.axis, app.granularity) {
        (TimeAxis::Announced, Granularity::Quarter) => "per quarter",
        _ => "per year",
    };
    let [bars_area, lower] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(0)]).areas(body);
    let title = format!(" Timeline · {grain}, {axis} · {} ", currency_text(app));
    let keys = " ←→ period · t quarter/year · a announced/spend ";
    if buckets.is_empty() {
        let p =
            Paragraph::new("No amounts match the filters.").block(Block::bordered().title(title));
        frame.render_widget(p, body);
        return;
    }
    let selected = app.period.min(buckets.len() - 1);
    let [gutter, chart_area] =
        Layout::horizontal([Constraint::Length(9), Constraint::Min(0)]).areas(bars_area);
    // Bars need a column and a gap each, and each year of quarters one gap more: when there
    // are more buckets than fit, a window that holds the selected one is drawn (the bottom
    // line says which).
    let inner_w = chart_area.width.saturating_sub(2);
    let all = buckets;
    let window = |fit: usize| {
        let start = all.len().saturating_sub(fit).min(selected);
        start..(start + fit).min(all.len())
    };
    let mut fit = usize::from(inner_w.div_ceil(2)).max(1);
    while fit > 1 && runs_width(&year_runs(&all[window(fit)]), 1) > inner_w {
        fit -= 1;
    }
    let range = window(fit);
    let start = range.start;
    let shown = &all[range];
    let runs = year_runs(shown);
    let mut bottom = keys.to_string();
    if shown.len() < all.len() {
        bottom.push_str(&format!(
            "· bars {}–{} of {} ",
            start + 1,
            start + shown.len(),
            all.len()
        ));
    }
    let max = shown.iter().map(|b| b.totals.max).fold(0.0, f64::max);
    let maxes: Vec<f64> = shown.iter().map(|b| b.totals.max).collect();
    let (div, word) = unit_for(&maxes);
    // Value axis: the unit, then top, middle and zero.
    let inner_h = bars_area.height.saturating_sub(3);
    let axis_label = |v: f64| Line::raw(format!("{:>8} ", sig_text(v / div)));
    let mut lines = vec![
        Line::styled(format!("{:>8}", format!("{code} {word}")), theme.header()),
        Line::raw(""),
        axis_label(max),
    ];
    for row in 3..inner_h {
        lines.push(if row == inner_h / 2 + 1 {
            axis_label(max / 2.0)
        } else {
            Line::raw("")
        });
    }
    lines.push(axis_label(0.0));
    frame.render_widget(Paragraph::new(lines).style(theme.dim()), gutter);

    let n = u16::try_from(shown.len()).unwrap_or(u16::MAX).max(1);
    let bar_width = (inner_w.saturating_sub(gaps(&runs)) / n).clamp(1, 9);
    // A label that does not fit its bar is shortened; quarters then show "Q1" under the bar
    // and their year under the year's bars.
    let quarterly = shown.iter().any(|b| b.label.contains(' '));
    let full = usize::from(bar_width) >= shown.iter().map(|b| b.label.len()).max().unwrap_or(0);
    let mut k = start;
    let groups: Vec<BarGroup> = runs
        .iter()
        .map(|run| {
            let bars: Vec<Bar> = run
                .iter()
                .map(|b| {
                    let label = if full {
                        b.label.clone()
                    } else {
                        short_label(&b.label, bar_width)
                    };
                    let value = sig_text(b.totals.max / div);
                    let text = if b.totals.max > 0.0 && value.len() <= usize::from(bar_width) {
                        value
                    } else {
                        String::new()
                    };
                    let style = if k == selected {
                        theme.selected()
                    } else {
                        theme.bar()
                    };
                    k += 1;
                    Bar::default()
                        .value(b.totals.max.max(0.0) as u64)
                        .label(Line::from(label))
                        .text_value(text)
                        .style(style)
                        .value_style(theme.selected())
                })
                .collect();
            let group = BarGroup::default().bars(&bars);
            if quarterly && !full {
                let width = runs_width(&[run], bar_width);
                group.label(Line::from(year_label(year_of(&run[0]), width)).centered())
            } else {
                group
            }
        })
        .collect();
    let inner = usize::from(inner_w);
    let block = Block::bordered()
        .title(Line::styled(truncate(&title, inner), theme.title()))
        .title_bottom(Line::styled(truncate(&bottom, inner), theme.dim()));
    let chart = groups.into_iter().fold(
        BarChart::default()
            .block(block)
            .bar_width(bar_width)
            .bar_gap(1)
            .group_gap(1),
        BarChart::data,
    );
    frame.render_widget(chart, chart_area);

    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Min(0)]).areas(lower);
    match app.filter.companies.as_slice() {
        [one] if guidance(frame, left, app, ds, one, theme) => {}
        _ => cumulative(frame, left, all, code, theme),
    }
    period_panel(frame, right, app, ds, &all[selected], theme);
}

fn cumulative(
    frame: &mut Frame,
    area: Rect,
    buckets: &[Bucket],
    code: crate::model::codes::Currency,
    theme: Theme,
) {
    let total = buckets.last().map(|b| b.cumulative_max).unwrap_or(0.0);
    let (cdiv, cword) = scale(total);
    let points: Vec<(f64, f64)> = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| (i as f64, b.cumulative_max / cdiv))
        .collect();
    let series = vec![
        Series::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.bar_alt())
            .data(&points),
    ];
    let first = buckets.first().map(|b| b.label.clone()).unwrap_or_default();
    let last = buckets.last().map(|b| b.label.clone()).unwrap_or_default();
    let top = total / cdiv;
    // The unit is in the title, not on the axis, so no text is drawn over the line.
    let chart = Chart::new(series)
        .legend_position(None)
        .block(Block::bordered().title(Line::from(vec![
            Span::styled(" Cumulative total ", theme.title()),
            Span::styled(
                format!("{} ", format_money(total, total, code, None)),
                theme.amount(),
            ),
            Span::styled(format!("· axis in {code} {cword} "), theme.dim()),
        ])))
        .x_axis(
            Axis::default()
                .bounds([0.0, (buckets.len().max(2) - 1) as f64])
                .labels([first, last])
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top.max(1e-9)])
                .labels([String::from("0"), sig_text(top / 2.0), sig_text(top)])
                .style(theme.dim()),
        );
    frame.render_widget(chart, area);
}

/// The selected period: its total and its records.
fn period_panel(frame: &mut Frame, area: Rect, app: &App, ds: &Dataset, b: &Bucket, theme: Theme) {
    let d = &app.derived;
    let in_period = |i: usize| {
        let a = &ds.announcements[i];
        match app.axis {
            TimeAxis::Announced => a.date >= b.dates.0 && a.date <= b.dates.1,
            TimeAxis::SpendYears => {
                use chrono::Datelike;
                a.period.contains(b.dates.0.year())
            }
        }
    };
    let recs: Vec<usize> = d
        .rows
        .iter()
        .copied()
        .filter(|&i| !d.superseded[i] && in_period(i))
        .collect();
    let total = super::totals_text(&b.totals, app.total_currency());
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(
                "{} record{} · ",
                recs.len(),
                if recs.len() == 1 { "" } else { "s" }
            ),
            theme.dim(),
        ),
        Span::styled(total, theme.amount()),
    ])];
    let room = area.height.saturating_sub(3) as usize;
    for &i in recs.iter().take(room) {
        let a = &ds.announcements[i];
        let amount = crate::model::money::amount_text(a, app.currency(), app.basis(), &ds.rates)
            .unwrap_or_else(|| "–".into());
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", a.date.format("%m-%d")), theme.dim()),
            Span::raw(format!("{} ", ds.companies[a.company].id)),
            Span::styled(amount, theme.amount()),
        ]));
    }
    if recs.len() > room {
        lines.pop();
        lines.push(Line::styled(
            format!("… {} more", recs.len() + 1 - room),
            theme.dim(),
        ));
    }
    let hint = match app.axis {
        TimeAxis::Announced => " Enter: these records ",
        TimeAxis::SpendYears => " spend share shown ",
    };
    let block = Block::bordered()
        .title(Line::styled(format!(" {} ", b.label), theme.title()))
        .title_bottom(Line::styled(hint, theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Glyphs that tell the fiscal years apart without colour.
const YEAR_MARKS: [char; 6] = ['●', '■', '▲', '◆', '○', '□'];

/// How one company's capex guidance moved: each fiscal year's `spend` figures (one-year
/// periods, as the Capex view finds them) against the date each was given. Draws nothing and
/// returns false when the company has no such figures.
fn guidance(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    ds: &Dataset,
    company: &str,
    theme: Theme,
) -> bool {
    let d = &app.derived;
    let table = capex_table(ds, &d.rows, &d.valuation);
    let Some(row) = table
        .rows
        .iter()
        .find(|r| ds.companies[r.company].id.eq_ignore_ascii_case(company))
    else {
        return false;
    };
    let ViewCurrency::Code(code) = app.total_currency() else {
        return false;
    };
    // One series per fiscal year: (day number, upper bound) per record, oldest first.
    let mut series: Vec<(i32, Vec<(f64, f64)>)> = Vec::new();
    for (k, cell) in row.cells.iter().enumerate() {
        let Some(cell) = cell else { continue };
        let pts: Vec<(f64, f64)> = cell
            .records
            .iter()
            .filter_map(|&i| {
                let v = d.valuation.get(i).flatten()?;
                use chrono::Datelike;
                Some((
                    f64::from(ds.announcements[i].date.num_days_from_ce()),
                    v.max,
                ))
            })
            .collect();
        if !pts.is_empty() {
            series.push((table.years.0 + k as i32, pts));
        }
    }
    // The latest years fit; older ones drop out first.
    let keep = series.len().saturating_sub(YEAR_MARKS.len());
    let series = &series[keep..];
    if series.is_empty() {
        return false;
    }
    let all = series.iter().flat_map(|(_, p)| p.iter());
    let (x0, x1, top) = all.fold((f64::MAX, f64::MIN, 0.0f64), |(a, b, t), &(x, y)| {
        (a.min(x), b.max(x), t.max(y))
    });
    let (x0, x1) = (x0 - 20.0, x1.max(x0 + 40.0) + 20.0);
    let (div, word) = scale(top);
    let top = top * 1.15;
    let name = crate::model::text::sanitize(&ds.companies[row.company].name);
    let mut legend = vec![Span::styled(
        format!(" {name} capex guidance "),
        theme.title(),
    )];
    for (k, (year, _)) in series.iter().enumerate() {
        legend.push(Span::styled(
            format!("{} FY{year} ", YEAR_MARKS[k]),
            theme.marker(k * 3),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(legend))
        .title_bottom(Line::styled(
            format!(" upper bounds, {code} {word}, by date given "),
            theme.dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [gutter, plot, _] = Layout::horizontal([
        Constraint::Length(6),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [plot, dates] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(plot);
    // Value axis and date axis in their own margins, never over the lines.
    let mut ylab = vec![Line::raw(format!("{:>5}", sig_text(top / div)))];
    for r in 1..gutter.height.saturating_sub(2) {
        ylab.push(if r == gutter.height.saturating_sub(1) / 2 {
            Line::raw(format!("{:>5}", sig_text(top / 2.0 / div)))
        } else {
            Line::raw("")
        });
    }
    ylab.push(Line::raw(format!("{:>5}", "0")));
    frame.render_widget(Paragraph::new(ylab).style(theme.dim()), gutter);
    let day = |x: f64| {
        chrono::NaiveDate::from_num_days_from_ce_opt(x as i32)
            .map(|d| d.format("%Y-%m").to_string())
            .unwrap_or_default()
    };
    let (l, r) = (day(x0 + 20.0), day(x1 - 20.0));
    let gap = usize::from(dates.width).saturating_sub(l.len() + r.len());
    frame.render_widget(
        Paragraph::new(format!("{l}{}{r}", " ".repeat(gap))).style(theme.dim()),
        dates,
    );
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([x0, x1])
        .y_bounds([0.0, top])
        .paint(|ctx| {
            for (k, (_, pts)) in series.iter().enumerate() {
                let color = theme
                    .marker(k * 3)
                    .fg
                    .unwrap_or(ratatui::style::Color::Reset);
                for w in pts.windows(2) {
                    ctx.draw(&Segment::new(w[0].0, w[0].1, w[1].0, w[1].1, color));
                }
            }
            ctx.layer();
            for (k, (_, pts)) in series.iter().enumerate() {
                for &(x, y) in pts {
                    ctx.print(
                        x,
                        y,
                        Span::styled(YEAR_MARKS[k].to_string(), theme.marker(k * 3)),
                    );
                }
            }
        });
    frame.render_widget(canvas, plot);
    true
}

/// The year of a bucket's label: "2025 Q1" -> "2025".
fn year_of(b: &Bucket) -> &str {
    b.label.split(' ').next().unwrap_or_default()
}

/// The buckets of each year, when they are quarters; else all of them as one run.
fn year_runs(shown: &[Bucket]) -> Vec<&[Bucket]> {
    if shown.iter().any(|b| b.label.contains(' ')) {
        shown.chunk_by(|a, b| year_of(a) == year_of(b)).collect()
    } else {
        vec![shown]
    }
}

/// Columns taken by `runs` of bars `bar_width` wide.
fn runs_width(runs: &[&[Bucket]], bar_width: u16) -> u16 {
    let n: usize = runs.iter().map(|r| r.len()).sum();
    let n = u16::try_from(n).unwrap_or(u16::MAX);
    n.saturating_mul(bar_width).saturating_add(gaps(runs))
}

/// The empty columns between `runs` of bars: one between bars and one more between runs.
fn gaps(runs: &[&[Bucket]]) -> u16 {
    let n: usize = runs.iter().map(|r| r.len()).sum();
    let gaps = n.saturating_sub(1) + runs.len().saturating_sub(1);
    u16::try_from(gaps).unwrap_or(u16::MAX)
}

/// A bar's label in `width` columns: "2025 Q1" -> "Q1" (its year is under the run); "2025"
/// -> "'25".
fn short_label(l: &str, width: u16) -> String {
    match l.split_once(' ') {
        Some((_, q)) if width >= 2 => q.to_string(),
        Some((_, q)) => q.trim_start_matches('Q').to_string(),
        None => year_label(l, width),
    }
}

/// A year in `width` columns: "2025", "'25" or "25".
fn year_label(year: &str, width: u16) -> String {
    match width {
        4.. => year.to_string(),
        3 => format!("'{}", year.get(2..).unwrap_or(year)),
        _ => year.get(2..).unwrap_or(year).to_string(),
    }
}
