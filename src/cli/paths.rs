//! Where the user's files live: the configuration file and the data directory (imported
//! rates), from the environment as the platform's conventions say. Pure functions of an
//! environment lookup, so tests need not touch the real home directory.

use std::ffi::OsString;
use std::path::PathBuf;

/// An environment lookup: `std::env::var_os`, or a table in tests.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<OsString>;

fn dir_var(env: Env, name: &str) -> Option<PathBuf> {
    env(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// A per-user directory of the program: `$XDG_var/aiinvest` when that variable is set, else
/// the platform's place: `~/{unix}/aiinvest` (Linux and other Unix), `~/Library/{mac}/aiinvest`
/// (macOS), `%{win_var}%\aiinvest{win_sub}` (Windows).
fn user_dir(
    env: Env,
    xdg: &str,
    unix: &str,
    mac: &str,
    win_var: &str,
    win_sub: &str,
) -> Option<PathBuf> {
    if let Some(d) = dir_var(env, xdg) {
        return Some(d.join("aiinvest"));
    }
    if cfg!(windows) {
        let base = dir_var(env, win_var)?.join("aiinvest");
        return Some(if win_sub.is_empty() {
            base
        } else {
            base.join(win_sub)
        });
    }
    let home = dir_var(env, "HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library").join(mac).join("aiinvest")
    } else {
        home.join(unix).join("aiinvest")
    })
}

/// `$XDG_CONFIG_HOME/aiinvest`, else the platform's: `~/.config/aiinvest` (Linux and other
/// Unix), `~/Library/Application Support/aiinvest` (macOS), `%APPDATA%\aiinvest` (Windows).
pub fn config_dir(env: Env) -> Option<PathBuf> {
    user_dir(
        env,
        "XDG_CONFIG_HOME",
        ".config",
        "Application Support",
        "APPDATA",
        "",
    )
}

pub fn config_file(env: Env) -> Option<PathBuf> {
    config_dir(env).map(|d| d.join("config.toml"))
}

/// `$XDG_DATA_HOME/aiinvest`, else `~/.local/share/aiinvest` (Linux and other Unix),
/// `~/Library/Application Support/aiinvest` (macOS), `%LOCALAPPDATA%\aiinvest` (Windows).
pub fn data_dir(env: Env) -> Option<PathBuf> {
    user_dir(
        env,
        "XDG_DATA_HOME",
        ".local/share",
        "Application Support",
        "LOCALAPPDATA",
        "",
    )
}

/// Where `rates import` keeps the user's ECB rates.
pub fn imported_rates(env: Env) -> Option<PathBuf> {
    data_dir(env).map(|d| d.join("fx/eurofxref-hist.csv"))
}

/// `~/x` -> `$HOME/x`; anything else unchanged.
pub fn expand_home(p: &std::path::Path, env: Env) -> PathBuf {
    let home = dir_var(env, "HOME");
    match (p.strip_prefix("~"), home) {
        (Ok(rest), Some(h)) => h.join(rest),
        _ => p.to_path_buf(),
    }
}

pub fn real_env(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

#[cfg(all(test, unix, not(target_os = "macos")))]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn xdg_wins_over_home() {
        let e = env(&[("XDG_CONFIG_HOME", "/x/c"), ("HOME", "/h")]);
        assert_eq!(
            config_file(&e),
            Some(PathBuf::from("/x/c/aiinvest/config.toml"))
        );
        let e = env(&[("XDG_CONFIG_HOME", ""), ("HOME", "/h")]);
        assert_eq!(
            config_file(&e),
            Some(PathBuf::from("/h/.config/aiinvest/config.toml"))
        );
        let e = env(&[("XDG_DATA_HOME", "relative"), ("HOME", "/h")]);
        assert_eq!(
            imported_rates(&e),
            Some(PathBuf::from(
                "/h/.local/share/aiinvest/fx/eurofxref-hist.csv"
            ))
        );
        assert_eq!(config_file(&env(&[])), None);
        assert_eq!(
            expand_home(std::path::Path::new("~/d"), &env(&[("HOME", "/h")])),
            PathBuf::from("/h/d")
        );
    }
}

/// `$XDG_CACHE_HOME/aiinvest`, else `~/.cache/aiinvest` (Linux and other Unix),
/// `~/Library/Caches/aiinvest` (macOS), `%LOCALAPPDATA%\aiinvest\cache` (Windows).
pub fn cache_dir(env: Env) -> Option<PathBuf> {
    user_dir(
        env,
        "XDG_CACHE_HOME",
        ".cache",
        "Caches",
        "LOCALAPPDATA",
        "cache",
    )
}
