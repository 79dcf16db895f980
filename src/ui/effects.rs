//! Carrying out what `update` asks for: writing an export, putting a URL on the clipboard
//! (OSC 52), opening a URL. Called from the event loop, never while drawing. Each returns the
//! sentence the status bar shows.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::action::Effect;
use crate::atomic::write_atomic;
use crate::export::{export_file_name, free_name};
use crate::model::text::sanitize;

/// Performs `effect`; `terminal` receives escape sequences (OSC 52).
pub fn perform(effect: Effect, terminal: &mut dyn Write) -> String {
    match effect {
        Effect::Export {
            view,
            format,
            rows,
            contents,
        } => {
            let now = chrono::Local::now().naive_local();
            let name = export_file_name(view, format.extension(), now);
            match export_to(Path::new("."), &name, &contents) {
                Ok(path) => format!(
                    "exported {rows} row{} to {}",
                    if rows == 1 { "" } else { "s" },
                    path.display()
                ),
                Err(e) => format!("export failed: {e}"),
            }
        }
        Effect::Copy { url } => {
            let seq = osc52(&url);
            match terminal
                .write_all(seq.as_bytes())
                .and_then(|_| terminal.flush())
            {
                // OSC 52 is a request: the terminal may ignore it, and nothing says whether it did.
                Ok(()) => format!(
                    "sent to the terminal's clipboard (OSC 52; some terminals ignore it): {}",
                    sanitize(&url)
                ),
                Err(e) => format!("could not copy: {e}"),
            }
        }
        Effect::Open { url } => open_url(&url),
    }
}

/// Writes an export into `dir` under `name` (or `name-2`, ... if taken), atomically.
pub fn export_to(dir: &Path, name: &str, contents: &str) -> std::io::Result<PathBuf> {
    let path = free_name(dir, name);
    write_atomic(&path, contents.as_bytes())?;
    Ok(path)
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 (RFC 4648) with padding.
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The platform's command that opens a URL in the browser.
pub fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

fn on_path(cmd: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| {
        std::env::split_paths(&p).any(|d| {
            let f = d.join(cmd);
            f.is_file()
        })
    })
}

/// Opens a web address with the platform's opener; only http(s) addresses are handed over.
fn open_url(url: &str) -> String {
    let shown = sanitize(url);
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return format!("not opening {shown}: only http and https addresses are opened");
    }
    let cmd = opener();
    if !on_path(cmd) {
        return format!("could not open the source: no `{cmd}` on the PATH ({shown})");
    }
    match Command::new(cmd)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            // Reap it in the background; the dashboard does not wait for the browser.
            std::thread::spawn(move || child.wait());
            format!("opened {shown} with {cmd}")
        }
        Err(e) => format!("could not open the source: {e} ({shown})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn copy_writes_one_osc_52_sequence() {
        let mut out = Vec::new();
        let msg = perform(
            Effect::Copy {
                url: "https://x.test/a".into(),
            },
            &mut out,
        );
        assert_eq!(out, b"\x1b]52;c;aHR0cHM6Ly94LnRlc3QvYQ==\x07");
        assert!(msg.contains("https://x.test/a"), "{msg}");
    }

    #[test]
    fn only_web_addresses_are_opened() {
        let msg = perform(
            Effect::Open {
                url: "file:///etc/passwd".into(),
            },
            &mut Vec::new(),
        );
        assert!(msg.starts_with("not opening"), "{msg}");
    }
}
