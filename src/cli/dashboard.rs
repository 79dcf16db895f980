//! The dashboard and `render`: both build the same `App` from the command line.

use super::args::{GlobalArgs, RenderFormat};
use super::{Failure, filter_from_args, load_for_view, rate_basis, view_currency};
use crate::config::ThemeName;
use crate::load::Loaded;
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
    let loaded = load_for_view(g)?;
    let app = build_app(g, loaded)?;
    let exit = crate::ui::terminal::run(&loaded.dataset, app).map_err(|e| Failure {
        code: 1,
        message: format!("terminal error: {e}"),
    })?;
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
