//! The real terminal: raw mode, alternate screen and mouse on entry; all of it undone on
//! quit, on error, on panic and on SIGTERM, SIGHUP or SIGINT. The event loop maps events to
//! actions and redraws.

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyModifiers,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::action::Action;
use super::app::App;
use super::keys::{key_action, paste_actions};
use super::update::update;
use crate::model::dataset::Dataset;

pub use super::loading::while_loading;

pub(super) type Term = Terminal<CrosstermBackend<Stdout>>;

/// Leaves raw mode, the alternate screen, mouse capture and bracketed paste; shows the cursor.
/// Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
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
pub(super) struct Signals {
    flag: Arc<AtomicBool>,
    which: Arc<AtomicUsize>,
    /// Set by SIGTSTP (`kill -TSTP`; in raw mode Ctrl-Z is a key): suspend.
    tstp: Arc<AtomicBool>,
    /// Set by SIGHUP alone, for the hang-up watchdog.
    #[cfg_attr(not(unix), allow(dead_code))]
    hup: Arc<AtomicBool>,
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    fn install() -> io::Result<Self> {
        let flag = Arc::new(AtomicBool::new(false));
        let which = Arc::new(AtomicUsize::new(0));
        let hup = Arc::new(AtomicBool::new(false));
        let tstp = Arc::new(AtomicBool::new(false));
        let mut ids = vec![
            signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hup))?,
            signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&tstp))?,
        ];
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
        Ok(Self {
            flag,
            which,
            tstp,
            hup,
            ids,
        })
    }

    pub(super) fn received(&self) -> Option<i32> {
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
    enter()?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste (so that pasted text
/// arrives as one paste, not as keys).
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    if let Err(e) = execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    ) {
        restore();
        return Err(e);
    }
    Ok(())
}

/// Stops the process as a full-screen program does on SIGTSTP: the terminal restored first,
/// then stopped; on SIGCONT, the dashboard's terminal set up again and redrawn whole.
fn suspend(terminal: &mut Term) -> io::Result<()> {
    restore();
    // Stops here (the default action of SIGTSTP) until SIGCONT.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    enter()?;
    // A blank frame, so that the next one is drawn whole (ratatui's `clear` would ask the
    // terminal where its cursor is, and wait for the answer).
    execute!(
        stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    terminal
        .draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))
        .map(|_| ())
}

/// The terminal set up for the dashboard, with its signal handlers and the hang-up watchdog;
/// the terminal is given back when it is dropped (then the signals their default meaning).
pub struct Screen {
    pub(super) terminal: Term,
    pub(super) signals: Signals,
}

impl Screen {
    pub fn open() -> io::Result<Self> {
        let signals = Signals::install()?;
        #[cfg(unix)]
        super::hangup::watch(Arc::clone(&signals.hup));
        let terminal = init()?;
        Ok(Self { terminal, signals })
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Runs the dashboard until the user quits or a stop signal arrives, on `screen` if the
/// terminal is already set up (a loading frame was shown). The terminal is restored whatever
/// happens.
pub fn run(ds: &Dataset, app: App, screen: Option<Screen>) -> io::Result<Exit> {
    let mut screen = match screen {
        Some(s) => s,
        None => Screen::open()?,
    };
    let Screen { terminal, signals } = &mut screen;
    let result = event_loop(terminal, app, ds, signals);
    drop(screen);
    result
}

/// What the event loop is to do next.
enum Next {
    Event(Event),
    /// A stop signal arrived.
    Stop,
    /// SIGTSTP arrived.
    Suspend,
}

/// Waits for the next event, looking at the signal flags every `SIGNAL_POLL`.
fn next_event(signals: &Signals) -> io::Result<Next> {
    loop {
        if signals.received().is_some() {
            return Ok(Next::Stop);
        }
        if signals.tstp.swap(false, Ordering::SeqCst) {
            return Ok(Next::Suspend);
        }
        match event::poll(SIGNAL_POLL) {
            Ok(true) => return event::read().map(Next::Event),
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
        let ev = match next_event(signals)? {
            Next::Event(ev) => ev,
            Next::Stop => return Ok(Exit::Signal(signals.received().unwrap_or(0))),
            Next::Suspend => {
                suspend(terminal)?;
                terminal.draw(|f| super::draw(f, &app, ds))?;
                continue;
            }
        };
        if is_ctrl_z(&ev) {
            signals.tstp.store(true, Ordering::SeqCst);
            continue;
        }
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

/// Ctrl-Z: in raw mode the terminal sends it as a key, not as SIGTSTP.
fn is_ctrl_z(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL))
}

fn handle(app: &mut App, ds: &Dataset, ev: Event) {
    let actions = match ev {
        Event::Key(k) => key_action(&app.keys, &app.mode, k).into_iter().collect(),
        Event::Mouse(m) => super::mouse::mouse_action(app, ds, m).into_iter().collect(),
        Event::Resize(w, h) => vec![Action::Resize(w, h)],
        // Text for the search prompt; never keys.
        Event::Paste(text) => paste_actions(&app.mode, &text),
        _ => Vec::new(),
    };
    for a in actions {
        if let Some(effect) = update(app, ds, a) {
            let message = super::effects::perform(effect, &mut stdout());
            update(app, ds, Action::Notify(message));
        }
    }
}
