//! The real terminal: raw mode, alternate screen and mouse on entry; all of it undone on
//! quit, on error, on panic and on SIGTERM, SIGHUP or SIGINT. The event loop maps events to
//! actions and redraws.

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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
use super::keys::key_action;
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

/// How the dashboard ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit (`q`, `Ctrl-c`).
    Quit,
    /// A signal asked the process to stop: the exit code is 128 + this number.
    Signal(i32),
}

impl Exit {
    /// The process exit code: 0, or 128 + the signal number (130 SIGINT, 143 SIGTERM).
    pub fn code(self) -> i32 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(n) => 128 + n,
        }
    }
}

/// How often the event loop looks at the signal flag while no input arrives.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// The signals that end the dashboard with a normal restore.
const STOP_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// Set by a stop signal; the event loop sees it within `SIGNAL_POLL`, restores the terminal
/// and returns. A second signal while the first is pending exits at once (with the same
/// code), so a wedged loop can still be stopped.
struct Signals {
    flag: Arc<AtomicBool>,
    which: Arc<AtomicUsize>,
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    fn install() -> io::Result<Self> {
        let flag = Arc::new(AtomicBool::new(false));
        let which = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for sig in STOP_SIGNALS {
            // Order matters: the shutdown check runs before the flag is set by this signal.
            ids.push(signal_hook::flag::register_conditional_shutdown(
                sig,
                128 + sig,
                Arc::clone(&flag),
            )?);
            ids.push(signal_hook::flag::register_usize(
                sig,
                Arc::clone(&which),
                sig as usize,
            )?);
            ids.push(signal_hook::flag::register(sig, Arc::clone(&flag))?);
        }
        Ok(Self { flag, which, ids })
    }

    fn received(&self) -> Option<i32> {
        self.flag
            .load(Ordering::SeqCst)
            .then(|| self.which.load(Ordering::SeqCst) as i32)
    }
}

impl Drop for Signals {
    /// Gives the signals back their default meaning once the terminal is restored.
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
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

/// Runs the dashboard until the user quits or a stop signal arrives. The terminal is
/// restored whatever happens.
pub fn run(ds: &Dataset, app: App) -> io::Result<Exit> {
    let signals = Signals::install()?;
    let mut terminal = init()?;
    let result = event_loop(&mut terminal, app, ds, &signals);
    restore();
    drop(signals);
    result
}

/// Waits for the next event, looking at the signal flag every `SIGNAL_POLL`. `None`: a stop
/// signal arrived.
fn next_event(signals: &Signals) -> io::Result<Option<Event>> {
    loop {
        if signals.received().is_some() {
            return Ok(None);
        }
        match event::poll(SIGNAL_POLL) {
            Ok(true) => return event::read().map(Some),
            Ok(false) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn event_loop(
    terminal: &mut Term,
    mut app: App,
    ds: &Dataset,
    signals: &Signals,
) -> io::Result<Exit> {
    // Starts the event reader (and its window-size watch) before the first frame: a resize
    // while the first frame is drawn would otherwise never be seen.
    let _ = event::poll(Duration::ZERO)?;
    let size = terminal.size()?;
    update(&mut app, ds, Action::Resize(size.width, size.height));
    terminal.draw(|f| super::draw(f, &app, ds))?;
    if std::env::var_os("AIINVEST_PANIC_AFTER_FIRST_FRAME").is_some() {
        // For the terminal-safety test: a panic must still restore the terminal.
        panic!("AIINVEST_PANIC_AFTER_FIRST_FRAME is set");
    }
    loop {
        let Some(ev) = next_event(signals)? else {
            return Ok(Exit::Signal(signals.received().unwrap_or(0)));
        };
        handle(&mut app, ds, ev);
        // Take every event already waiting before drawing: fast typing costs one frame.
        while !app.quit && signals.received().is_none() && event::poll(Duration::ZERO)? {
            handle(&mut app, ds, event::read()?);
        }
        if app.quit {
            return Ok(Exit::Quit);
        }
        if let Some(sig) = signals.received() {
            return Ok(Exit::Signal(sig));
        }
        terminal.draw(|f| super::draw(f, &app, ds))?;
    }
}

fn handle(app: &mut App, ds: &Dataset, ev: Event) {
    let action = match ev {
        Event::Key(k) => key_action(&app.keys, &app.mode, k),
        Event::Mouse(m) => super::mouse::mouse_action(app, ds, m),
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
