//! The dashboard and `render`: both build the same `App` from the command line.

use super::args::{GlobalArgs, RenderFormat};
use super::{
    Failure, Report, filter_from_args, load_for_view, load_reporting, rate_basis, view_currency,
};
use crate::config::ThemeName;
use crate::load::Loaded;
use crate::load::progress::Progress;
use crate::ui::app::{App, Mode, View};
use crate::ui::render::{buffer_svg, buffer_text, frame_buffer};

/// `NO_COLOR` set to anything non-empty turns colours off (no-color.org).
pub fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn build_app(g: &GlobalArgs, loaded: &Loaded) -> Result<App, Failure> {
    let ds = &loaded.dataset;
    let mut app = App::new(ds, &loaded.diagnostics);
    app.color = color_enabled() && g.config.theme != ThemeName::Mono;
    app.keys = g.config.keys.clone();
    app.filter = filter_from_args(&g.filters, ds)?;
    app.set_basis(ds, rate_basis(g)?);
    app.set_currency_cycle(ds, &g.config.currencies);
    app.set_currency(ds, view_currency(g, g.config.currency, &ds.rates)?);
    Ok(app)
}

pub fn run_dashboard(g: &GlobalArgs) -> Result<i32, Failure> {
    let terminal_error = |e: std::io::Error| Failure {
        code: 1,
        message: format!("terminal error: {e}"),
    };
    // A load that takes more than a moment shows a loading frame with its progress.
    let progress = Progress::default();
    let color = color_enabled() && g.config.theme != ThemeName::Mono;
    let (loaded, screen) = crate::ui::terminal::while_loading(&progress, color, || {
        load_reporting(g, Report::Dashboard, &progress)
    })
    .map_err(terminal_error)?;
    // On an error, `screen` (if any) gives the terminal back before the message is printed.
    let loaded = loaded?;
    let app = build_app(g, loaded)?;
    // Search text and sort ranks, derived beside the first frame instead of before it (a
    // keystroke that needs them first waits for them).
    std::thread::spawn(move || loaded.dataset.derive_all());
    let exit = crate::ui::terminal::run(&loaded.dataset, app, screen).map_err(terminal_error)?;
    Ok(exit.code())
}

fn parse_size(s: &str) -> Option<(u16, u16)> {
    let (w, h) = s.split_once(['x', 'X'])?;
    let (w, h) = (w.parse().ok()?, h.parse().ok()?);
    (w > 0 && h > 0 && w <= 1000 && h <= 1000).then_some((w, h))
}

pub fn render(
    g: &GlobalArgs,
    view: &str,
    size: &str,
    format: RenderFormat,
) -> Result<String, Failure> {
    let (w, h) = parse_size(size).ok_or_else(|| {
        Failure::usage(format!(
            "--size: `{size}` is not WIDTHxHEIGHT (e.g. 120x40, at most 1000x1000)"
        ))
    })?;
    let loaded = load_for_view(g)?;
    let ds = &loaded.dataset;
    let mut app = build_app(g, loaded)?;
    if format == RenderFormat::Text {
        // Plain text has no colour to lose; keep styles out of the way of diffs.
        app.color = app.color && format == RenderFormat::Svg;
    }
    match View::parse(view) {
        Some(v) => app.view = v,
        None => app.mode = Mode::Help,
    }
    crate::ui::update::update(&mut app, ds, crate::ui::action::Action::Resize(w, h));
    let buf = frame_buffer(&app, ds, w, h);
    Ok(match format {
        RenderFormat::Text => buffer_text(&buf),
        RenderFormat::Svg => buffer_svg(&buf),
    })
}
