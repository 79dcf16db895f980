//! The bottom line: "N of M", active filters, currency, rate basis, load warnings; or the
//! search prompt while typing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::dataset::Dataset;
use crate::model::money::{RateBasis, ViewCurrency};
use crate::model::text::sanitize;
use crate::ui::app::{App, Mode, View};
use crate::ui::theme::Theme;

/// Active filters in words: `company: alibaba, meta · search: "cloud"`.
pub fn filter_text(app: &App) -> String {
    let f = &app.filter;
    let mut parts = Vec::new();
    if !f.companies.is_empty() {
        parts.push(format!("company: {}", f.companies.join(", ")));
    }
    if !f.countries.is_empty() {
        let c: Vec<&str> = f.countries.iter().map(|c| c.as_str()).collect();
        parts.push(format!("country: {}", c.join(", ")));
    }
    if !f.regions.is_empty() {
        parts.push(format!("region: {}", f.regions.join(", ")));
    }
    if !f.kinds.is_empty() {
        let k: Vec<&str> = f.kinds.iter().map(|k| k.as_str()).collect();
        parts.push(format!("kind: {}", k.join(", ")));
    }
    if let Some(d) = f.since {
        parts.push(format!("since {d}"));
    }
    if let Some(d) = f.until {
        parts.push(format!("until {d}"));
    }
    if !f.search.is_empty() {
        parts.push(format!("search: \"{}\"", sanitize(&f.search)));
    }
    parts.join(" · ")
}

/// `USD`, or `native (totals in USD)` on views that add records up.
pub fn currency_text(app: &App) -> String {
    match (app.currency(), app.view) {
        (ViewCurrency::Native, View::Announcements) => "native".into(),
        (ViewCurrency::Native, _) => format!("native (totals in {})", app.total_currency()),
        (c, _) => c.to_string(),
    }
}

pub fn basis_text(app: &App, ds: &Dataset) -> String {
    let last = ds
        .rates
        .last_date()
        .map(|d| d.to_string())
        .unwrap_or_else(|| "none".into());
    match app.basis() {
        RateBasis::Announcement => format!("rates: announcement date (ECB to {last})"),
        RateBasis::Latest => format!("rates: latest ECB, {last}"),
        RateBasis::Fixed(d) => format!("rates: ECB of {d}"),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ds: &Dataset, theme: Theme) {
    frame.render_widget(Paragraph::new("").style(theme.status()), area);
    if let Mode::Search { .. } = app.mode {
        let line = Line::from(vec![
            Span::styled(" /", theme.accent()),
            Span::raw(sanitize(&app.filter.search)),
            Span::styled("▏", theme.accent()),
            Span::styled(
                format!("  {} of {}", app.derived.rows.len(), ds.announcements.len()),
                theme.dim(),
            ),
            Span::styled("  Enter keep · Esc drop", theme.dim()),
        ]);
        frame.render_widget(Paragraph::new(line).style(theme.status()), area);
        return;
    }
    let mut left = vec![Span::styled(
        format!(" {} of {} ", app.derived.rows.len(), ds.announcements.len()),
        theme.header(),
    )];
    if let Some(m) = &app.message {
        // A transient note takes the whole line until the next key.
        left.push(Span::styled(format!("│ {} ", sanitize(m)), theme.accent()));
        frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status()), area);
        return;
    }
    let filters = filter_text(app);
    if !filters.is_empty() {
        left.push(Span::styled(format!("│ {filters} "), theme.accent()));
        left.push(Span::styled("(x clears) ", theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status()), area);
    let mut right = vec![
        Span::styled(currency_text(app), theme.amount()),
        Span::raw(" │ "),
        Span::raw(basis_text(app, ds)),
        Span::raw(" │ "),
    ];
    let n = app.warnings_total;
    if n > 0 {
        right.push(Span::styled(
            format!("⚠ {n} warning{} (w) ", if n == 1 { "" } else { "s" }),
            theme.warning(),
        ));
    } else {
        right.push(Span::styled("no warnings ", theme.dim()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(right).right_aligned()).style(theme.status()),
        area,
    );
}
