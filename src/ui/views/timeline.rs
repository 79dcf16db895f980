//! Amounts per quarter or year, by announcement date or spread over the spend years, as bars
//! with a labelled value axis, and the cumulative total as a line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset as Series, GraphType, Paragraph,
};

use crate::model::dataset::Dataset;
use crate::model::money::{ViewCurrency, format_money, scale};
use crate::model::timeline::{Granularity, TimeAxis};
use crate::ui::app::App;
use crate::ui::theme::Theme;
use crate::ui::widgets::status_bar::currency_text;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, _ds: &Dataset, theme: Theme) {
    let ViewCurrency::Code(code) = app.total_currency() else {
        return;
    };
    let buckets: &[_] = app.derived.timeline.as_deref().unwrap_or(&[]);
    let axis = match app.axis {
        TimeAxis::Announced => "by announcement date",
        TimeAxis::SpendYears => "spread over spend years",
    };
    let grain = match (app.axis, app.granularity) {
        (TimeAxis::Announced, Granularity::Quarter) => "per quarter",
        _ => "per year",
    };
    let [bars_area, line_area] =
        Layout::vertical([Constraint::Percentage(62), Constraint::Min(0)]).areas(body);
    let title = format!(
        " Timeline · {grain}, {axis} · {} · t quarter/year · a announced/spend ",
        currency_text(app)
    );
    if buckets.is_empty() {
        let p =
            Paragraph::new("No amounts match the filters.").block(Block::bordered().title(title));
        frame.render_widget(p, body);
        return;
    }
    let [gutter, chart_area] =
        Layout::horizontal([Constraint::Length(9), Constraint::Min(0)]).areas(bars_area);
    // Bars need a column and a gap each: when there are more buckets than fit, the latest are
    // drawn (the title says so); the cumulative line below still spans them all.
    let inner_w = chart_area.width.saturating_sub(2);
    let fit = usize::from(inner_w.div_ceil(2)).max(1);
    let all = buckets;
    let buckets = &all[all.len().saturating_sub(fit)..];
    let cut = (buckets.len() < all.len())
        .then(|| format!(" latest {} of {} bars ", buckets.len(), all.len()));
    let max = buckets.iter().map(|b| b.totals.max).fold(0.0, f64::max);
    let (div, word) = scale(max);
    // Value axis: top, middle and zero, in the chart's unit.
    let axis_label = |v: f64| format!("{:>7.1} ", v / div);
    let inner_h = bars_area.height.saturating_sub(3);
    let mut lines = vec![
        Line::raw(""),
        Line::styled(format!("{:>8}", format!("{code} {word}")), theme.header()),
    ];
    lines.push(Line::raw(axis_label(max)));
    for row in 3..inner_h {
        lines.push(if row == inner_h / 2 + 1 {
            Line::raw(axis_label(max / 2.0))
        } else {
            Line::raw("")
        });
    }
    lines.push(Line::raw(axis_label(0.0)));
    frame.render_widget(Paragraph::new(lines).style(theme.dim()), gutter);

    // At most `inner_w` buckets are left, so this fits.
    let n = u16::try_from(buckets.len()).unwrap_or(u16::MAX);
    let bar_width = (inner_w / n.max(1)).saturating_sub(1).clamp(1, 9);
    let bars: Vec<Bar> = buckets
        .iter()
        .map(|b| {
            let label = if bar_width >= 7 {
                b.label.clone()
            } else {
                short_label(&b.label)
            };
            let text = if bar_width >= 5 && b.totals.max > 0.0 {
                format!("{:.1}", b.totals.max / div)
            } else {
                String::new()
            };
            Bar::default()
                .value(b.totals.max.max(0.0) as u64)
                .label(Line::from(label))
                .text_value(text)
                .style(theme.bar())
                .value_style(theme.selected())
        })
        .collect();
    let mut block = Block::bordered().title(Line::styled(title, theme.title()));
    if let Some(cut) = cut {
        block = block.title_bottom(Line::styled(cut, theme.dim()));
    }
    let chart = BarChart::default()
        .block(block)
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1);
    frame.render_widget(chart, chart_area);

    // Cumulative line over every bucket.
    let buckets = all;
    let total = buckets.last().map(|b| b.cumulative_max).unwrap_or(0.0);
    let (cdiv, cword) = scale(total);
    let points: Vec<(f64, f64)> = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| (i as f64, b.cumulative_max / cdiv))
        .collect();
    let series = vec![
        Series::default()
            .name(format!("cumulative, {code} {cword}"))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.bar_alt())
            .data(&points),
    ];
    let first = buckets.first().map(|b| b.label.clone()).unwrap_or_default();
    let last = buckets.last().map(|b| b.label.clone()).unwrap_or_default();
    let top = total / cdiv;
    let chart = Chart::new(series)
        .legend_position(None)
        .block(Block::bordered().title(Line::from(vec![
            Span::styled(" Cumulative total ", theme.title()),
            Span::styled(
                format!("{} ", format_money(total, total, code, None)),
                theme.amount(),
            ),
        ])))
        .x_axis(
            Axis::default()
                .bounds([0.0, (buckets.len().max(2) - 1) as f64])
                .labels([first, last])
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .title(format!("{code} {cword}"))
                .bounds([0.0, top.max(1e-9)])
                .labels([
                    String::from("0"),
                    format!("{:.1}", top / 2.0),
                    format!("{top:.1}"),
                ])
                .style(theme.dim()),
        );
    frame.render_widget(chart, line_area);
}

/// "2025 Q1" -> "25Q1"; "2025" -> "25".
fn short_label(l: &str) -> String {
    let s = l.replace(' ', "");
    s.get(2..).map(String::from).unwrap_or(s)
}
