//! A dead terminal ends the process. When the terminal goes away (window closed, ssh dropped,
//! tmux session killed), reading it gives end-of-file or `EIO` forever, and crossterm's input
//! loop retries such reads without returning: the event loop would never run again. So a
//! watchdog thread waits on the terminal for a hang-up (`POLLHUP`/`POLLERR`, which `poll`
//! reports even when no event is asked for, so it costs nothing while the terminal lives) and
//! ends the process at once with 128 + SIGHUP, as a hang-up signal would. It also ends it when
//! a SIGHUP was received and the event loop has not finished within `GRACE`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long the event loop has to end by itself after a SIGHUP.
const GRACE: Duration = Duration::from_millis(500);

/// How often the watchdog looks at the hang-up flag.
const TICK_MS: i32 = 100;

/// The exit code of a process ended by a hang-up.
pub const HANGUP_EXIT: i32 = 128 + libc::SIGHUP;

/// Starts the watchdog on the terminal the dashboard reads (stdin when it is a terminal, else
/// `/dev/tty`). `hup` is set by the SIGHUP handler.
pub fn watch(hup: Arc<AtomicBool>) {
    let fd = terminal_fd();
    std::thread::spawn(move || {
        let mut since: Option<Instant> = None;
        loop {
            if let Some(fd) = fd
                && hung_up(fd)
            {
                std::process::exit(HANGUP_EXIT);
            }
            if fd.is_none() {
                std::thread::sleep(Duration::from_millis(TICK_MS as u64));
            }
            if hup.load(Ordering::SeqCst) {
                let t = *since.get_or_insert_with(Instant::now);
                if t.elapsed() > GRACE {
                    std::process::exit(HANGUP_EXIT);
                }
            }
        }
    });
}

fn terminal_fd() -> Option<i32> {
    // SAFETY: isatty and open take no pointers but a NUL-terminated literal.
    unsafe {
        if libc::isatty(0) == 1 {
            return Some(0);
        }
        let fd = libc::open(c"/dev/tty".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
        (fd >= 0).then_some(fd)
    }
}

/// Waits up to `TICK_MS` for `fd` to report a hang-up or an error.
fn hung_up(fd: i32) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, the count says so.
    let n = unsafe { libc::poll(&mut p, 1, TICK_MS) };
    n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}
