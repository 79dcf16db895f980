//! End to end: the real binary in a pseudo-terminal. Keys go in as bytes; every byte that
//! comes out is fed to a vt100 parser, and the assertions read its screen (never the raw
//! stream: ratatui skips unchanged cells, so words arrive split by cursor moves).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Set to make the reader thread drop its copy of the master side after its next read.
    release_reader: Arc<std::sync::atomic::AtomicBool>,
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

const TIMEOUT: Duration = Duration::from_secs(20);

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::start_in(env!("CARGO_MANIFEST_DIR"), args, cols, rows, env)
    }

    fn start_in(cwd: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_aiinvest"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        // Never the user's configuration or imported rates.
        cmd.env("XDG_CONFIG_HOME", "/nonexistent/aiinvest-test");
        cmd.env("XDG_DATA_HOME", "/nonexistent/aiinvest-test");
        cmd.env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        );
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        // The parent must not hold the slave, or reads never see the end of the stream.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let sink = Arc::clone(&screen);
        let release_reader = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let release = Arc::clone(&release_reader);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                if release.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
            }
        });
        Session {
            child,
            master: pair.master,
            writer,
            screen,
            release_reader,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {text:?}; screen:\n{}",
            self.contents()
        );
    }

    fn wait_until(&self, what: &str, f: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if f(&self.contents()) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.contents());
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the program read these bytes on their own: ESC followed at once by a letter
        // would read as Alt+letter.
        thread::sleep(Duration::from_millis(60));
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }

    /// Waits for the exit; the writer stays alive until then.
    fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Give the reader thread a moment to drain the last bytes.
                thread::sleep(Duration::from_millis(150));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the program did not exit; screen:\n{}", self.contents());
    }

    /// Sends a signal (`TERM`, `HUP`, `INT`) to the program, as `kill` from a shell would.
    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("the child has a pid");
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} {pid}");
    }

    fn assert_terminal_restored(&self) {
        let p = self.screen.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still in the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
    }
}

const MODEL: &[&str] = &["--data", "tests/fixtures/model"];

#[test]
fn views_currency_search_clear_help_quit() {
    let mut s = Session::start(MODEL, 120, 40, &[]);
    s.wait_for("8 of 8");
    s.wait_for(">¥380.0 bn");
    assert!(s.screen.lock().unwrap().screen().alternate_screen());
    // Currency: native -> USD -> CNY.
    s.keys("c");
    s.wait_for(">$52.4 bn");
    s.keys("c");
    s.wait_for("Amount (CNY)");
    s.keys("c");
    s.wait_for("Amount (native)");
    // Rate basis.
    s.keys("r");
    s.wait_for("rates: latest ECB");
    s.keys("r");
    s.wait_for("rates: announcement date");
    // Views by number and by Tab.
    s.keys("2");
    s.wait_for("Companies · USD bn · all families");
    s.keys("\t");
    s.wait_for("Timeline · per quarter");
    s.keys("4");
    s.wait_for("8 countries");
    s.keys("1");
    s.wait_for("Announcements  8 of 8");
    // Search: typed live, kept with Enter, cleared with x.
    s.keys("/");
    s.keys("paulo");
    s.wait_for("1 of 8");
    s.keys("\r");
    s.wait_for("search: \"paulo\"");
    s.keys("x");
    s.wait_until("filters cleared", |c| {
        c.contains("8 of 8") && !c.contains("search:")
    });
    // Esc drops a search being typed.
    s.keys("/");
    s.keys("acme");
    s.wait_for("4 of 8");
    s.keys("\x1b");
    s.wait_until("search dropped", |c| {
        c.contains(" 8 of 8") && !c.contains("/acme")
    });
    // Help, detail, and quit.
    s.keys("?");
    s.wait_for("cycle currency: native → USD → CNY");
    s.keys("\x1b");
    s.wait_until("help closed", |c| !c.contains("cycle currency"));
    s.keys("\r");
    s.wait_for("Esc close");
    s.keys("\x1b");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_terminal_restored();
}

#[test]
fn resize_to_tiny_and_back() {
    let mut s = Session::start(MODEL, 100, 30, &[]);
    s.wait_for("8 of 8");
    s.resize(40, 10);
    s.wait_for("Terminal too small");
    s.resize(120, 40);
    s.wait_for("8 of 8");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_terminal_restored();
}

#[test]
fn sorting_and_wide_characters_keep_columns() {
    let mut s = Session::start(MODEL, 120, 40, &[]);
    s.wait_for("8 of 8");
    s.keys("s");
    s.wait_for("Company ▲");
    // CJK names are two columns wide: the title column after them must still line up.
    let c = s.contents();
    let col = |needle: &str| {
        let line = c.lines().find(|l| l.contains(needle)).unwrap();
        let before = &line[..line.find(needle).unwrap()];
        unicode_width::UnicodeWidthStr::width(before)
    };
    assert_eq!(col("RMB 380bn"), col("Plan raised"), "{c}");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_panic_still_restores_the_terminal() {
    let mut s = Session::start(MODEL, 100, 30, &[("AIINVEST_PANIC_AFTER_FIRST_FRAME", "1")]);
    let code = s.exit_code();
    assert_ne!(code, 0);
    s.assert_terminal_restored();
    assert!(
        s.contents().contains("AIINVEST_PANIC_AFTER_FIRST_FRAME"),
        "{}",
        s.contents()
    );
}

#[test]
fn no_color_draws_without_colours() {
    let mut s = Session::start(MODEL, 120, 40, &[("NO_COLOR", "1")]);
    s.wait_for("8 of 8");
    {
        let p = s.screen.lock().unwrap();
        let screen = p.screen();
        for row in 0..40 {
            for col in 0..120 {
                if let Some(cell) = screen.cell(row, col) {
                    assert_eq!(
                        cell.fgcolor(),
                        vt100::Color::Default,
                        "colour at {row},{col}"
                    );
                    assert_eq!(
                        cell.bgcolor(),
                        vt100::Color::Default,
                        "colour at {row},{col}"
                    );
                }
            }
        }
    }
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn hostile_text_is_shown_as_text() {
    let mut s = Session::start(&["--data", "tests/fixtures/hostile"], 120, 40, &[]);
    s.wait_for("1 of 1");
    s.wait_for("Clear screen");
    // The ESC [2J in the title did not clear the screen: the tabs line is still there.
    let c = s.contents();
    assert!(c.contains("Evil") && c.contains("1 Announcements"), "{c}");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn stop_signals_restore_the_terminal() {
    // 128 + the signal number, as a shell reports a process ended by it.
    for (sig, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let mut s = Session::start(MODEL, 100, 30, &[]);
        s.wait_for("8 of 8");
        // In the middle of something: a search being typed.
        s.keys("/");
        s.keys("ac");
        s.wait_for("/ac");
        {
            let p = s.screen.lock().unwrap();
            assert!(p.screen().alternate_screen());
            assert_ne!(
                p.screen().mouse_protocol_mode(),
                vt100::MouseProtocolMode::None
            );
        }
        s.signal(sig);
        assert_eq!(s.exit_code(), code, "SIG{sig}");
        s.assert_terminal_restored();
    }
}

#[test]
fn ctrl_c_in_raw_mode_quits_and_restores() {
    let mut s = Session::start(MODEL, 100, 30, &[]);
    s.wait_for("8 of 8");
    // Raw mode: the terminal sends byte 0x03 instead of raising SIGINT.
    s.keys("\x03");
    assert_eq!(s.exit_code(), 0);
    s.assert_terminal_restored();
    // The same while typing a search, and in an overlay.
    for prefix in ["/abc", "?"] {
        let mut s = Session::start(MODEL, 100, 30, &[]);
        s.wait_for("8 of 8");
        s.keys(prefix);
        s.keys("\x03");
        assert_eq!(s.exit_code(), 0, "after {prefix:?}");
        s.assert_terminal_restored();
    }
}

#[test]
fn export_keys_write_the_filtered_view_and_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let model = std::fs::canonicalize("tests/fixtures/model").unwrap();
    let args = ["--data", model.to_str().unwrap()];
    let mut s = Session::start_in(dir.path().to_str().unwrap(), &args, 120, 40, &[]);
    s.wait_for("8 of 8");
    s.keys("/");
    s.keys("paulo");
    s.keys("\r");
    s.wait_for("search: \"paulo\"");
    s.keys("c");
    s.keys("e");
    s.wait_for("exported 1 row to");
    s.keys("E");
    s.wait_for(".json");
    // The next key clears the message.
    s.keys("j");
    s.wait_until("message cleared", |c| !c.contains("exported"));
    s.keys("o");
    s.wait_for("sent to the terminal's clipboard (OSC 52");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("aiinvest-announcements-") && names[0].ends_with(".csv"));
    assert!(names[1].ends_with(".json"));
    let csv = std::fs::read_to_string(dir.path().join(&names[0])).unwrap();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][9], "USD");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(&names[1])).unwrap())
            .unwrap();
    assert_eq!(json[0]["id"], &rows[0][0]);
}

#[test]
fn the_program_exits_when_its_terminal_goes_away() {
    for args in [MODEL, &["--data", "tests/fixtures/model", "--no-cache"][..]] {
        let mut s = Session::start(args, 100, 30, &[]);
        s.wait_for("8 of 8");
        // Every copy of the master side goes: the reader's (after the redraw this key
        // causes), the writer and the master itself, as when a terminal window closes.
        s.release_reader
            .store(true, std::sync::atomic::Ordering::SeqCst);
        s.keys("j");
        thread::sleep(Duration::from_millis(200));
        let Session {
            mut child,
            master,
            writer,
            ..
        } = s;
        drop(writer);
        drop(master);
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if start.elapsed() > Duration::from_secs(2) {
                break None;
            }
            thread::sleep(Duration::from_millis(20));
        };
        if status.is_none() {
            let _ = child.kill();
        }
        assert!(
            status.is_some(),
            "the dashboard still runs 2 s after its terminal went away"
        );
    }
}

/// A data directory of `n` records whose sources have no quote: `n` warnings at least.
fn unquoted_data(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ann = dir.path().join("announcements");
    std::fs::create_dir_all(&ann).unwrap();
    let mut t = String::from("[company]\nid = \"acme\"\nname = \"Acme\"\nhq = \"US\"\n");
    for i in 0..n {
        t += &format!(
            "\n[[announcement]]\nid = \"acme-{i}\"\ndate = 2025-01-02\ntitle = \"T{i}\"\nkind = \"capex-plan\"\namount = 1_000\ncurrency = \"USD\"\n[announcement.source]\nurl = \"https://example.com/{i}\"\npublisher = \"Example\"\n"
        );
    }
    std::fs::write(ann.join("acme.toml"), t).unwrap();
    dir
}

#[test]
fn the_dashboard_prints_no_diagnostics_before_its_first_frame() {
    let data = unquoted_data(40);
    let args = ["--data", data.path().to_str().unwrap()];
    let mut s = Session::start(&args, 120, 40, &[]);
    s.wait_for("40 of 40");
    s.wait_for("warnings (w)");
    s.keys("w");
    s.wait_for("Load warnings");
    s.keys("q");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_terminal_restored();
    // Back on the main screen: nothing was written there, before or after the dashboard.
    let main = s.contents();
    assert!(!main.contains("warning:"), "{main}");
}

/// The process state letter from /proc (`T`: stopped).
fn proc_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next())
        .unwrap_or('?')
}

#[test]
fn sigtstp_suspends_like_a_full_screen_program_and_sigcont_resumes() {
    let mut s = Session::start(MODEL, 100, 30, &[]);
    s.wait_for("8 of 8");
    let pid = s.child.process_id().unwrap();
    s.signal("TSTP");
    // The terminal is given back (main screen, mouse off, cursor shown), then the process stops.
    let start = Instant::now();
    loop {
        let restored = {
            let p = s.screen.lock().unwrap();
            let sc = p.screen();
            !sc.alternate_screen()
                && sc.mouse_protocol_mode() == vt100::MouseProtocolMode::None
                && !sc.hide_cursor()
        };
        if restored && proc_state(pid) == 'T' {
            break;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "not suspended; state {}",
            proc_state(pid)
        );
        thread::sleep(Duration::from_millis(20));
    }
    s.signal("CONT");
    s.wait_until("the dashboard back", |c| c.contains("8 of 8"));
    {
        let p = s.screen.lock().unwrap();
        assert!(p.screen().alternate_screen());
        assert_ne!(
            p.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None
        );
    }
    // And it still answers keys.
    s.keys("2");
    s.wait_for("Companies");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_terminal_restored();
}

#[test]
fn a_paste_is_text_for_the_search_prompt_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let model = std::fs::canonicalize("tests/fixtures/model").unwrap();
    let args = ["--data", model.to_str().unwrap()];
    let mut s = Session::start_in(dir.path().to_str().unwrap(), &args, 120, 40, &[]);
    s.wait_for("8 of 8");
    assert!(
        s.screen.lock().unwrap().screen().bracketed_paste(),
        "bracketed paste is on"
    );
    // Pasted outside the prompt: "eEq" would export twice and quit, were it keys.
    s.keys("\x1b[200~eEqO\x1b[201~");
    s.keys("j");
    thread::sleep(Duration::from_millis(200));
    assert!(s.child.try_wait().unwrap().is_none(), "a paste quit");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "a paste exported"
    );
    // In the prompt: the text is the search.
    s.keys("/");
    s.keys("\x1b[200~pau\nlo\x1b[201~");
    s.wait_for("/pau lo");
    s.keys("\r");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_slow_load_shows_a_loading_frame_with_progress() {
    // Enough records that loading takes well over 100 ms, even in a release build.
    let dir = tempfile::tempdir().unwrap();
    let ann = dir.path().join("announcements");
    std::fs::create_dir_all(&ann).unwrap();
    let files = aiinvest::synth::generate(aiinvest::synth::SynthSpec {
        companies: 400,
        announcements: 20_000,
        seed: 3,
        quoted: true,
    });
    for f in &files {
        let name = std::path::Path::new(&f.path).file_name().unwrap();
        std::fs::write(ann.join(name), &f.bytes).unwrap();
    }
    let args = ["--no-cache", "--data", dir.path().to_str().unwrap()];
    let mut s = Session::start(&args, 100, 30, &[]);
    s.wait_until("the loading frame", |c| {
        c.contains("Loading: ") && c.contains(" of 400 files")
    });
    s.wait_for("20000 of 20000");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_terminal_restored();
}

#[test]
fn map_zoom_pan_drill_down_and_timeline_cursor() {
    let mut s = Session::start(
        &["--data", "tests/fixtures/map", "--region", "Europe"],
        120,
        40,
        &[("NO_COLOR", "1")],
    );
    s.wait_for("12 of 17");
    s.keys("4");
    s.wait_for("fitted · +/- zoom");
    s.wait_for("DE $12.9 bn");
    // Zoom in, pan, zoom out, back to the fitted view.
    s.keys("+");
    s.wait_for("zoomed · 0 fits");
    s.keys("]");
    s.keys("{");
    s.keys("-");
    s.wait_for("zoomed · 0 fits");
    s.keys("0");
    s.wait_for("fitted · +/- zoom");
    // Sort by sites, then Enter on the first country: its sites by city.
    s.keys("s");
    s.wait_for("by sites");
    s.keys("s");
    s.keys("s");
    s.wait_for("by total");
    s.keys("\r");
    s.wait_for("DE Germany: 2 sites by city");
    s.wait_for("Frankfurt am Main");
    s.keys("\x1b");
    s.wait_for("12 countries · by total");
    // Timeline: the cursor moves over the periods, Enter filters to one.
    s.keys("3");
    s.wait_for("←→ period");
    s.keys("t");
    s.wait_for("per year");
    s.keys("\x1b[D");
    s.wait_for(" 2025 ");
    s.keys("\r");
    s.wait_for("Announcements");
    s.wait_until("filtered to 2025", |c| {
        c.contains("of 17") && !c.contains("12 of 17")
    });
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_terminal_restored();
}

/// The kind picker narrows as one types and applies the marked kind; in Companies, Enter shows
/// the announcements of the company under the cursor and Esc steps back out; a click selects the
/// row under the mouse. The status bar shows each filter while it holds.
#[test]
fn picker_drill_down_and_click() {
    let mut s = Session::start(MODEL, 120, 40, &[]);
    s.wait_for("8 of 8");
    s.keys("K");
    s.wait_for("Kinds (family)");
    s.keys("cap");
    s.wait_for("2 of 5");
    s.keys(" ");
    s.keys("\r");
    s.wait_for("kind: capex-plan");
    s.wait_for("2 of 8 records");
    s.keys("2");
    s.wait_for("Enter: its announcements");
    s.keys("\r");
    s.wait_until("the company's announcements", |c| {
        c.contains("company: dragon")
            && c.contains("1 of 8 records")
            && c.contains("┌ Announcements")
    });
    s.keys("\x1b");
    s.wait_until(
        "back in Companies, the drill-down undone, the kind kept",
        |c| {
            c.contains("2 of 8 records")
                && !c.contains("company: dragon")
                && c.contains("kind: capex-plan")
                && c.contains("Enter: its announcements")
        },
    );
    // Unmarking the kind in the picker clears that filter; then a click on the row of Gulf AI.
    s.keys("1");
    s.keys("K");
    s.wait_for("[x] capex-plan");
    s.keys(" ");
    s.keys("\r");
    s.wait_until("the kind filter cleared", |c| {
        c.contains("8 of 8 records") && !c.contains("kind: capex-plan")
    });
    let row = {
        let text = s.contents();
        text.lines()
            .position(|l| l.contains("Gulf AI"))
            .expect("the Gulf AI row is shown") as u16
            + 1
    };
    s.keys(&format!("\x1b[<0;30;{row}M\x1b[<0;30;{row}m"));
    s.wait_for("Gulf AI · 2025-05-15");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_terminal_restored();
}
