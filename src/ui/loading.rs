//! The loading frame: when loading takes more than `LOADING_DELAY`, the terminal is set up
//! early and a frame shows how many files are done of how many, instead of a blank terminal.
//! Quitting keys and stop signals work while it shows.

use std::io;
use std::sync::mpsc;
use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Gauge, Paragraph};

use super::terminal::{Screen, restore};
use super::theme::Theme;
use crate::load::progress::Progress;

/// How long a load may take before the loading frame is shown.
pub const LOADING_DELAY: Duration = Duration::from_millis(100);

/// How often the loading frame is redrawn.
const TICK: Duration = Duration::from_millis(40);

/// Runs `load` on its own thread. If it ends within `LOADING_DELAY` nothing is drawn;
/// otherwise the terminal is set up and the loading frame drawn until it ends, and that
/// terminal is handed back to be used (or given back when dropped). `q`, `Ctrl-c` and stop
/// signals end the process while loading, with the terminal restored.
pub fn while_loading<T: Send>(
    progress: &Progress,
    color: bool,
    load: impl FnOnce() -> T + Send,
) -> io::Result<(T, Option<Screen>)> {
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel();
        let worker = s.spawn(move || {
            let value = load();
            let _ = tx.send(());
            value
        });
        let join = |w: std::thread::ScopedJoinHandle<'_, T>| {
            w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
        };
        if rx.recv_timeout(LOADING_DELAY).is_ok() {
            return Ok((join(worker), None));
        }
        let mut screen = match Screen::open() {
            Ok(s) => s,
            // No terminal to draw on: wait, and let the dashboard report it.
            Err(_) => return Ok((join(worker), None)),
        };
        let theme = Theme::new(color);
        loop {
            let (done, total) = progress.get();
            screen.terminal.draw(|f| draw(f, done, total, theme))?;
            match rx.recv_timeout(TICK) {
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
            if let Some(sig) = screen.signals.received() {
                restore();
                std::process::exit(128 + sig);
            }
            while event::poll(Duration::ZERO)? {
                if let Event::Key(k) = event::read()? {
                    let ctrl_c =
                        k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                    if ctrl_c || k.code == KeyCode::Char('q') {
                        restore();
                        std::process::exit(0);
                    }
                }
            }
        }
        Ok((join(worker), Some(screen)))
    })
}

/// "Loading: 812 of 2,000 files" and a bar. Reads its arguments only.
pub fn draw(frame: &mut Frame, done: usize, total: usize, theme: Theme) {
    let area = frame.area();
    let [_, mid, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, mid, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(60),
        Constraint::Fill(1),
    ])
    .areas(mid);
    let [text, bar] = Layout::vertical([Constraint::Length(1), Constraint::Length(3)]).areas(mid);
    let words = if total == 0 {
        "Loading…".to_string()
    } else {
        format!("Loading: {done} of {total} files")
    };
    frame.render_widget(Paragraph::new(Line::raw(words).centered()), text);
    let ratio = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    frame.render_widget(
        Gauge::default()
            .block(Block::bordered())
            .gauge_style(theme.accent())
            .ratio(ratio.clamp(0.0, 1.0)),
        bar,
    );
}
