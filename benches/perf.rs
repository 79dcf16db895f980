//! The SPEC §6 budgets, measured: `cargo bench --bench perf` (release build).
//!
//! For 1k, 10k and 100k synthetic announcements (20 per company file) it writes the files to a
//! temporary directory, then reports load + validate time, first-frame time, the time from each
//! kind of keystroke to its next frame (median and p99), and the peak memory of a process that
//! did only that size. It also times the real binary drawing its first frame on the bundled data.
//! `cargo bench --bench perf -- 1000 10000` picks sizes.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use aiinvest::load::{Sources, load};
use aiinvest::synth::{SynthSpec, generate};
use aiinvest::ui::action::Action;
use aiinvest::ui::app::{App, View};
use aiinvest::ui::render::frame_buffer;
use aiinvest::ui::update::update;

const W: u16 = 120;
const H: u16 = 40;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i.min(v.len() - 1)]
}

/// Peak resident memory of this process so far, in MB (Linux `VmHWM`).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Writes `n` synthetic announcements (50 per company file) as `dir/announcements/*.toml`,
/// quoted (clean) or not (a warning or two per record); returns the bytes written.
fn write_synthetic(dir: &std::path::Path, n: usize, quoted: bool) -> usize {
    let ann = dir.join("announcements");
    std::fs::create_dir_all(&ann).expect("data dir");
    let files = generate(SynthSpec {
        companies: (n / 50).max(1),
        announcements: n,
        seed: 7,
        quoted,
    });
    let mut bytes = 0;
    for f in &files {
        let name = PathBuf::from(&f.path);
        bytes += f.bytes.len();
        std::fs::write(ann.join(name.file_name().expect("file name")), &f.bytes).expect("write");
    }
    bytes
}

/// Runs one size in this process and prints one machine-readable line.
fn one(n: usize) {
    let dir = std::env::temp_dir().join(format!("aiinvest-bench-{n}-{}", std::process::id()));
    let bytes = write_synthetic(&dir, n, true);
    // The same records without quotes, for the start with warnings.
    let warn_dir = dir.join("with-warnings");
    write_synthetic(&warn_dir, n, false);

    // The real binary, start to first frame: with no cache (it then writes one), and again.
    let exe = env!("CARGO_BIN_EXE_aiinvest");
    let cache = dir.join("cache-home");
    // Time to the first byte of the frame on stdout (the cache may still be written after).
    let start_in = |data: &std::path::Path, env_cache: &std::path::Path, no_cache: bool| {
        use std::io::Read;
        let t = Instant::now();
        let mut args = vec![
            "--data",
            data.to_str().expect("utf-8 temp path"),
            "render",
            "--view",
            "announcements",
        ];
        if no_cache {
            args.insert(0, "--no-cache");
        }
        let mut child = Command::new(exe)
            .args(args)
            .env("XDG_CACHE_HOME", env_cache)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run the binary");
        let mut first = [0u8; 1];
        let mut out = child.stdout.take().expect("piped stdout");
        out.read_exact(&mut first).expect("a frame on stdout");
        let elapsed = ms(t.elapsed());
        let mut rest = Vec::new();
        out.read_to_end(&mut rest).expect("the rest of the frame");
        assert!(child.wait().expect("exit").success());
        elapsed
    };
    // Cold: no cache at all (median of 3); the same with a warning per record; then cached.
    let mut cold: Vec<f64> = (0..3).map(|_| start_in(&dir, &cache, true)).collect();
    let cold_ms = percentile(&mut cold, 0.5);
    let mut warned: Vec<f64> = (0..3).map(|_| start_in(&warn_dir, &cache, true)).collect();
    let warned_ms = percentile(&mut warned, 0.5);
    start_in(&dir, &cache, false);
    let mut warm: Vec<f64> = (0..5).map(|_| start_in(&dir, &cache, false)).collect();
    let warm_ms = percentile(&mut warm, 0.5);

    let t = Instant::now();
    let loaded = load(&Sources {
        data_dirs: vec![dir.clone()],
        bundled: false,
    })
    .expect("load");
    let load_ms = ms(t.elapsed());
    if std::env::var_os("AIINVEST_BENCH_LOAD_ONLY").is_some() {
        println!("load only: {load_ms:.1} ms");
        return;
    }
    let ds = &loaded.dataset;
    assert!(
        loaded.diagnostics.is_empty(),
        "synthetic data has diagnostics: {}",
        loaded.diagnostics[0]
    );

    let t = Instant::now();
    let mut app = App::new(ds, &loaded.diagnostics);
    update(&mut app, ds, Action::Resize(W, H));
    let _ = frame_buffer(&app, ds, W, H);
    let first_ms = ms(t.elapsed());
    // The dashboard derives the search text and sort ranks on a thread started beside its
    // first frame; the keystrokes below come after that, as a user's do.
    ds.derive_all();

    // Keystrokes: each action, then the frame it causes.
    let mut samples: Vec<(&str, f64)> = Vec::new();
    let verbose = std::env::var_os("AIINVEST_BENCH_VERBOSE").is_some();
    let mut step = |app: &mut App, name: &'static str, a: Action| {
        let shown = format!("{a:?}");
        let t = Instant::now();
        update(app, ds, a);
        let _ = frame_buffer(app, ds, W, H);
        samples.push((name, ms(t.elapsed())));
        if verbose {
            eprintln!("{shown:<24} {:8.2} ms", ms(t.elapsed()));
        }
    };
    for _ in 0..4 {
        step(&mut app, "search", Action::StartSearch);
        for c in "cloud".chars() {
            step(&mut app, "search", Action::SearchInput(c));
        }
        for _ in 0..5 {
            step(&mut app, "search", Action::SearchBackspace);
        }
        step(&mut app, "search", Action::SearchKeep);
        for _ in 0..5 {
            step(&mut app, "sort", Action::CycleSort);
        }
        step(&mut app, "sort", Action::ReverseSort);
        for _ in 0..3 {
            step(&mut app, "currency", Action::CycleCurrency);
        }
        for _ in 0..2 {
            step(&mut app, "rate basis", Action::ToggleRateBasis);
        }
        for v in [
            View::Companies,
            View::Timeline,
            View::Map,
            View::Announcements,
        ] {
            step(&mut app, "view", Action::ShowView(v));
        }
        for _ in 0..10 {
            step(&mut app, "scroll", Action::Down);
        }
        step(&mut app, "scroll", Action::PageDown);
        step(&mut app, "scroll", Action::Bottom);
        step(&mut app, "scroll", Action::Top);
    }
    let mut all: Vec<f64> = samples.iter().map(|(_, t)| *t).collect();
    let mut line = format!(
        "RESULT n={n} files={} mb={:.1} load_ms={load_ms:.1} first_frame_ms={first_ms:.1} cold_ms={cold_ms:.0} warned_ms={warned_ms:.0} warm_ms={warm_ms:.0} key_median_ms={:.2} key_p99_ms={:.2}",
        (n / 50).max(1),
        bytes as f64 / 1e6,
        percentile(&mut all, 0.5),
        percentile(&mut all, 0.99)
    );
    for kind in ["search", "sort", "currency", "rate basis", "view", "scroll"] {
        let mut v: Vec<f64> = samples
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| *t)
            .collect();
        line.push_str(&format!(
            " {}={:.2}/{:.2}",
            kind.replace(' ', "_"),
            percentile(&mut v, 0.5),
            percentile(&mut v, 0.99)
        ));
    }
    line.push_str(&format!(" peak_mb={:.0}", peak_mb()));
    println!("{line}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Median wall time of the real binary: process start to its first frame on stdout.
fn bundled_start() -> (f64, f64) {
    let exe = env!("CARGO_BIN_EXE_aiinvest");
    let mut times = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        let out = Command::new(exe)
            .args(["render", "--view", "announcements", "--size", "120x40"])
            .output()
            .expect("run the binary");
        assert!(out.status.success());
        times.push(ms(t.elapsed()));
    }
    let median = percentile(&mut times, 0.5);
    let max = percentile(&mut times, 1.0);
    (median, max)
}

fn field<'a>(line: &'a str, key: &str) -> &'a str {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
        .unwrap_or("?")
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    // `--generate DIR N`: only write the synthetic data, e.g. to try the dashboard on it.
    if let Some(pos) = std::env::args().position(|a| a == "--generate") {
        let dir = std::env::args().nth(pos + 1).expect("--generate DIR N");
        let n = std::env::args()
            .nth(pos + 2)
            .and_then(|s| s.parse().ok())
            .expect("--generate DIR N");
        let quoted = !std::env::args().any(|a| a == "--warnings");
        let bytes = write_synthetic(std::path::Path::new(&dir), n, quoted);
        println!(
            "wrote {n} announcements, {:.1} MB, to {dir}/announcements",
            bytes as f64 / 1e6
        );
        return;
    }
    if let Some(pos) = std::env::args().position(|a| a == "--one") {
        let n = std::env::args()
            .nth(pos + 1)
            .and_then(|s| s.parse().ok())
            .expect("--one N");
        one(n);
        return;
    }
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        args.iter().filter_map(|a| a.parse().ok()).collect()
    };
    let (median, max) = bundled_start();
    println!(
        "bundled data: process start to first frame {median:.1} ms median, {max:.1} ms max (budget 50 ms)\n"
    );
    println!(
        "| records | files | TOML MB | load+validate ms | first frame ms | process start to first frame: cold / cold with a warning per record / cached ms | keystroke median / p99 ms | search | sort | currency | rate basis | view | scroll | peak MB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let me = std::env::current_exe().expect("current exe");
    for n in sizes {
        // A process per size, so that peak memory is that size's alone.
        let out = Command::new(&me)
            .args(["--one", &n.to_string()])
            .output()
            .expect("run a size");
        let text = String::from_utf8_lossy(&out.stdout);
        let Some(line) = text.lines().find(|l| l.starts_with("RESULT")) else {
            eprintln!(
                "size {n} failed:\n{text}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            continue;
        };
        println!(
            "| {n} | {} | {} | {} | {} | {} / {} / {} | {} / {} | {} | {} | {} | {} | {} | {} | {} |",
            field(line, "files"),
            field(line, "mb"),
            field(line, "load_ms"),
            field(line, "first_frame_ms"),
            field(line, "cold_ms"),
            field(line, "warned_ms"),
            field(line, "warm_ms"),
            field(line, "key_median_ms"),
            field(line, "key_p99_ms"),
            field(line, "search"),
            field(line, "sort"),
            field(line, "currency"),
            field(line, "rate_basis"),
            field(line, "view"),
            field(line, "scroll"),
            field(line, "peak_mb"),
        );
    }
    println!(
        "\nload+validate and first frame: in process; process start to first frame: the real binary"
    );
    println!(
        "(`aiinvest --data DIR render`): the median of 3 starts with --no-cache, on clean data and on"
    );
    println!(
        "the same records without quotes (a warning or two each), then the median of 5 cached starts;"
    );
    println!("per-action columns: median/p99 ms of update + drawing the next 120x40 frame");
}
