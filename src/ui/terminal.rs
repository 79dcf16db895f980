//! The real terminal: raw mode, alternate screen and mouse on entry; all of it undone on
//! quit, on error and on panic. The event loop maps events to actions and redraws.

use std::io::{self, Stdout, stdout};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::action::Action;
use super::app::App;
use super::keys::{key_action, mouse_action};
use super::update::update;
use crate::model::dataset::Dataset;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Leaves raw mode, the alternate screen and mouse capture; shows the cursor. Safe to call
/// more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn init() -> io::Result<Term> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut out = stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(out))
}

/// Runs the dashboard until the user quits. The terminal is restored whatever happens.
pub fn run(ds: &Dataset, app: App) -> io::Result<()> {
    let mut terminal = init()?;
    let result = event_loop(&mut terminal, app, ds);
    restore();
    result
}

fn event_loop(terminal: &mut Term, mut app: App, ds: &Dataset) -> io::Result<()> {
    let size = terminal.size()?;
    update(&mut app, ds, Action::Resize(size.width, size.height));
    terminal.draw(|f| super::draw(f, &app, ds))?;
    if std::env::var_os("AIINVEST_PANIC_AFTER_FIRST_FRAME").is_some() {
        // For the terminal-safety test: a panic must still restore the terminal.
        panic!("AIINVEST_PANIC_AFTER_FIRST_FRAME is set");
    }
    loop {
        let ev = event::read()?;
        handle(&mut app, ds, ev);
        // Take every event already waiting before drawing: fast typing costs one frame.
        while !app.quit && event::poll(Duration::ZERO)? {
            handle(&mut app, ds, event::read()?);
        }
        if app.quit {
            return Ok(());
        }
        terminal.draw(|f| super::draw(f, &app, ds))?;
    }
}

fn handle(app: &mut App, ds: &Dataset, ev: Event) {
    let action = match ev {
        Event::Key(k) => key_action(&app.keys, &app.mode, k),
        Event::Mouse(m) => mouse_action(m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    };
    if let Some(a) = action
        && let Some(effect) = update(app, ds, a)
    {
        let message = super::effects::perform(effect, &mut stdout());
        update(app, ds, Action::Notify(message));
    }
}
