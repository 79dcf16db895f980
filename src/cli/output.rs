//! Writing a command's output. A failed write (a full disk, `> /dev/full`) is an error with a
//! message and a non-zero exit; a closed pipe (`| head`) ends the output quietly, as other
//! command-line tools do. Nothing here panics, unlike `print!`.

use std::io::Write;

use super::{EXIT_OUTPUT, Failure};

/// How writing the output went, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    All,
    /// The reader went away (a closed pipe): the rest is not wanted.
    Closed,
}

/// Writes `bytes` to stdout and flushes.
pub fn stdout(bytes: &[u8]) -> Result<Written, Failure> {
    let mut out = std::io::stdout().lock();
    outcome(out.write_all(bytes).and_then(|_| out.flush()))
}

/// Writes `text` to stdout; returns `ok` after a full or a quietly closed output.
pub fn print(text: &str, ok: i32) -> Result<i32, Failure> {
    stdout(text.as_bytes()).map(|_| ok)
}

/// The outcome of a write: a closed pipe is `Closed`, any other error a `Failure`.
pub fn outcome(r: std::io::Result<()>) -> Result<Written, Failure> {
    match r {
        Ok(()) => Ok(Written::All),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Written::Closed),
        Err(e) => Err(Failure {
            code: EXIT_OUTPUT,
            message: format!("cannot write the output: {e}"),
        }),
    }
}

/// One line on stderr; a stderr that cannot be written to is ignored (there is nowhere left
/// to say so).
pub fn stderr_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(line.as_bytes())
        .and_then(|_| err.write_all(b"\n"));
}
