//! The bottom line: "N of M", active filters, currency, rate basis, load warnings; or the
//! search prompt while typing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::model::dataset::Dataset;
use crate::model::money::{RateBasis, ViewCurrency};
use crate::model::text::{sanitize, truncate};
use crate::ui::app::{App, Mode, View};
use crate::ui::theme::Theme;

/// Active filters in words: `company: alibaba, meta · search: "cloud"`.
pub fn filter_text(app: &App) -> String {
    filter_parts(app, Detail::Full).join(" · ")
}

/// How much of a filter to spell out, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Detail {
    Full,
    /// Lists of more than two values: the first two and `+N`.
    ShortLists,
    /// Also short names (`co:`, `fam:`) and a search of at most 12 characters.
    Terse,
}

fn filter_parts(app: &App, detail: Detail) -> Vec<String> {
    let f = &app.filter;
    let terse = detail >= Detail::Terse;
    let list = |items: Vec<String>| -> String {
        if detail >= Detail::ShortLists && items.len() > 2 {
            format!("{}, {} +{}", items[0], items[1], items.len() - 2)
        } else {
            items.join(", ")
        }
    };
    let name = |long: &'static str, short: &'static str| if terse { short } else { long };
    let mut parts = Vec::new();
    if !f.companies.is_empty() {
        parts.push(format!(
            "{}: {}",
            name("company", "co"),
            list(f.companies.iter().map(|c| sanitize(c)).collect())
        ));
    }
    if !f.countries.is_empty() {
        parts.push(format!(
            "{}: {}",
            name("country", "cc"),
            list(f.countries.iter().map(|c| c.to_string()).collect())
        ));
    }
    if !f.regions.is_empty() {
        parts.push(format!(
            "{}: {}",
            name("region", "reg"),
            list(f.regions.iter().map(|r| sanitize(r)).collect())
        ));
    }
    if !f.kinds.is_empty() {
        parts.push(format!(
            "{}: {}",
            name("kind", "k"),
            list(f.kinds.iter().map(|k| k.to_string()).collect())
        ));
    }
    if !f.families.is_empty() {
        parts.push(format!(
            "{}: {}",
            name("family", "fam"),
            list(f.families.iter().map(|k| k.to_string()).collect())
        ));
    }
    if let Some(d) = f.since {
        parts.push(format!("{} {d}", name("since", "≥")));
    }
    if let Some(d) = f.until {
        parts.push(format!("{} {d}", name("until", "≤")));
    }
    if !f.search.is_empty() {
        let text = sanitize(&f.search);
        let text = if terse { truncate(&text, 12) } else { text };
        parts.push(format!("{}: \"{text}\"", name("search", "/")));
    }
    parts
}

/// One piece of the status bar, in its forms from the longest to the shortest (which may be
/// empty: the piece is then left out).
struct Piece {
    forms: Vec<String>,
    style: Style,
}

/// Lays the status bar out in `width` columns: pieces shrink in a fixed order (hints first,
/// filters last) until the line fits; filters are never dropped, only abbreviated, and as a last
/// resort cut with `…`. Returns each line's left part and right part.
type StatusLine = (Vec<Span<'static>>, Vec<Span<'static>>);

fn layout(app: &App, ds: &Dataset, width: usize, theme: Theme) -> Vec<StatusLine> {
    let count = format!(
        " {} of {} records ",
        app.derived.rows.len(),
        ds.announcements.len()
    );
    let filters: Vec<String> = [Detail::Full, Detail::ShortLists, Detail::Terse]
        .into_iter()
        .map(|d| filter_parts(app, d).join(" · "))
        .collect();
    let has_filters = !filters[0].is_empty();
    let clear_key = app.keys.label("clear_filters");
    let warnings = app.warnings_total;
    let warn_key = app.keys.label("warnings");
    // Records are in date order: the last is the newest.
    let data_to = ds
        .announcements
        .last()
        .map(|a| a.date.to_string())
        .unwrap_or_default();
    let family = if app.filter.families.is_empty() && app.view != View::Announcements {
        "all families, may overlap".to_string()
    } else {
        String::new()
    };
    let pieces = vec![
        // 0: filters
        Piece {
            forms: filters
                .iter()
                .map(|f| {
                    if f.is_empty() {
                        String::new()
                    } else {
                        format!("│ {f} ")
                    }
                })
                .collect(),
            style: theme.accent(),
        },
        // 1: the key that clears them
        Piece {
            forms: vec![
                if has_filters {
                    format!("({clear_key} clears) ")
                } else {
                    String::new()
                },
                String::new(),
            ],
            style: theme.dim(),
        },
        // 2: currency
        Piece {
            forms: vec![currency_text(app), currency_short(app)],
            style: theme.amount(),
        },
        // 3: family the totals add
        Piece {
            forms: vec![
                if family.is_empty() {
                    String::new()
                } else {
                    format!(" │ {family}")
                },
                if family.is_empty() {
                    String::new()
                } else {
                    " │ all fam.".to_string()
                },
            ],
            style: theme.dim(),
        },
        // 4: rate basis
        Piece {
            forms: vec![
                format!(" │ {}", basis_text(app, ds)),
                format!(" │ {}", basis_short(app)),
            ],
            style: Style::default(),
        },
        // 5: how current the data is
        Piece {
            forms: vec![format!(" │ data to {data_to}"), String::new()],
            style: theme.dim(),
        },
        // 6: warnings
        Piece {
            forms: if warnings > 0 {
                vec![
                    format!(
                        " │ ⚠ {warnings} warning{} ({warn_key}) ",
                        if warnings == 1 { "" } else { "s" }
                    ),
                    format!(" │ ⚠{warnings} "),
                ]
            } else {
                vec![" │ no warnings ".to_string(), " ".to_string()]
            },
            style: theme.warning(),
        },
    ];
    // Which piece shrinks next, one step at a time.
    const ORDER: [usize; 9] = [1, 5, 6, 3, 4, 2, 0, 0, 0];
    let mut form = vec![0usize; pieces.len()];
    let total = |form: &[usize], pieces: &[Piece]| -> usize {
        count.width()
            + pieces
                .iter()
                .zip(form)
                .map(|(p, &f)| p.forms[f].width())
                .sum::<usize>()
    };
    for &i in &ORDER {
        if total(&form, &pieces) <= width {
            break;
        }
        if form[i] + 1 < pieces[i].forms.len() {
            form[i] += 1;
        }
    }
    let span = |i: usize, form: &[usize], pieces: &[Piece]| {
        Span::styled(pieces[i].forms[form[i]].clone(), pieces[i].style)
    };
    let right = |form: &[usize], pieces: &[Piece]| -> Vec<Span<'static>> {
        (2..pieces.len()).map(|i| span(i, form, pieces)).collect()
    };
    if total(&form, &pieces) <= width {
        let left = vec![
            Span::styled(count, theme.header()),
            span(0, &form, &pieces),
            span(1, &form, &pieces),
        ];
        return vec![(left, right(&form, &pieces))];
    }
    // Too many filters for one line: they wrap, a whole filter at a time, over up to two
    // lines, and the currency, basis and warnings take the line below. Only a filter wider
    // than a line, or a third line of filters, is cut (with `…`).
    let mut lines: Vec<(Vec<Span<'static>>, Vec<Span<'static>>)> = Vec::new();
    let mut current = vec![Span::styled(count.clone(), theme.header())];
    let mut used = count.width();
    for (k, part) in filter_parts(app, Detail::ShortLists)
        .into_iter()
        .enumerate()
    {
        let text = format!("{}{part} ", if k == 0 { "│ " } else { "· " });
        if used + text.width() > width && used > 0 {
            lines.push((std::mem::take(&mut current), vec![]));
            used = 0;
        }
        let text = truncate(&text, width.saturating_sub(used));
        used += text.width();
        current.push(Span::styled(text, theme.accent()));
    }
    lines.push((current, vec![]));
    if lines.len() > 2 {
        // Keep two lines: the rest of the filters join the second, cut to fit.
        let rest: String = lines[1..]
            .iter()
            .flat_map(|(l, _)| l.iter().map(|s| s.content.to_string()))
            .collect();
        lines.truncate(1);
        lines.push((
            vec![Span::styled(truncate(&rest, width), theme.accent())],
            vec![],
        ));
    }
    // The right-hand pieces on a line of their own, as long as they fit.
    let mut form = vec![0usize; pieces.len()];
    let right_width = |form: &[usize], pieces: &[Piece]| -> usize {
        (2..pieces.len())
            .map(|i| pieces[i].forms[form[i]].width())
            .sum()
    };
    for &i in &ORDER {
        if i >= 2 && right_width(&form, &pieces) > width && form[i] + 1 < pieces[i].forms.len() {
            form[i] += 1;
        }
    }
    // The hint whole, with a column to spare before the right-hand pieces, or not at all.
    let room = width.saturating_sub(right_width(&form, &pieces));
    let hint = format!(" ({clear_key} clears) ");
    let hint = if has_filters && hint.width() <= room {
        hint
    } else {
        String::new()
    };
    lines.push((vec![Span::styled(hint, theme.dim())], right(&form, &pieces)));
    lines
}

/// How many lines the status bar needs at `width` (1 to 3; see `layout`).
pub fn height(app: &App, ds: &Dataset, width: u16) -> u16 {
    if matches!(app.mode, Mode::Search { .. } | Mode::DatePrompt { .. }) {
        return 1;
    }
    layout(app, ds, width as usize, Theme::new(false)).len() as u16
}

fn currency_short(app: &App) -> String {
    match (app.currency(), app.view) {
        (ViewCurrency::Native, View::Announcements) => "native".into(),
        (ViewCurrency::Native, _) => format!("native→{}", app.total_currency()),
        (c, _) => c.to_string(),
    }
}

fn basis_short(app: &App) -> String {
    match app.basis() {
        RateBasis::Announcement => "rates: ann. date".into(),
        RateBasis::Latest => "rates: latest".into(),
        RateBasis::Fixed(d) => format!("rates: {d}"),
    }
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
    if let Mode::DatePrompt { until, text } = &app.mode {
        let line = Line::from(vec![
            Span::styled(if *until { " until: " } else { " since: " }, theme.accent()),
            Span::raw(sanitize(text)),
            Span::styled("▏", theme.accent()),
            Span::styled(
                "  2025, 2025-06 or 2025-06-30 · Enter apply (empty clears) · Esc cancel",
                theme.dim(),
            ),
        ]);
        frame.render_widget(Paragraph::new(line).style(theme.status()), area);
        return;
    }
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
    if let Some(m) = &app.message {
        // A transient note takes the line until the next key; the count stays.
        let line = Line::from(vec![
            Span::styled(
                format!(
                    " {} of {} records ",
                    app.derived.rows.len(),
                    ds.announcements.len()
                ),
                theme.header(),
            ),
            Span::styled(format!("│ {} ", sanitize(m)), theme.accent()),
        ]);
        frame.render_widget(Paragraph::new(line).style(theme.status()), area);
        return;
    }
    let lines = layout(app, ds, area.width as usize, theme);
    for (k, (left, right)) in lines.into_iter().enumerate().take(area.height as usize) {
        let row = Rect::new(area.x, area.y + k as u16, area.width, 1);
        let right_width: u16 = right.iter().map(|s| s.content.width() as u16).sum();
        let [l, r] = ratatui::layout::Layout::horizontal([
            ratatui::layout::Constraint::Min(0),
            ratatui::layout::Constraint::Length(right_width),
        ])
        .areas(row);
        frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status()), l);
        frame.render_widget(
            Paragraph::new(Line::from(right).right_aligned()).style(theme.status()),
            r,
        );
    }
}
