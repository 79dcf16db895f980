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

/// `$XDG_CONFIG_HOME/aiinvest`, else the platform's: `~/.config/aiinvest` (Linux and other
/// Unix), `~/Library/Application Support/aiinvest` (macOS), `%APPDATA%\aiinvest` (Windows).
pub fn config_dir(env: Env) -> Option<PathBuf> {
    if let Some(d) = dir_var(env, "XDG_CONFIG_HOME") {
        return Some(d.join("aiinvest"));
    }
    if cfg!(windows) {
        return dir_var(env, "APPDATA").map(|d| d.join("aiinvest"));
    }
    let home = dir_var(env, "HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library/Application Support/aiinvest")
    } else {
        home.join(".config/aiinvest")
    })
}

pub fn config_file(env: Env) -> Option<PathBuf> {
    config_dir(env).map(|d| d.join("config.toml"))
}

/// `$XDG_DATA_HOME/aiinvest`, else `~/.local/share/aiinvest` (Linux and other Unix),
/// `~/Library/Application Support/aiinvest` (macOS), `%LOCALAPPDATA%\aiinvest` (Windows).
pub fn data_dir(env: Env) -> Option<PathBuf> {
    if let Some(d) = dir_var(env, "XDG_DATA_HOME") {
        return Some(d.join("aiinvest"));
    }
    if cfg!(windows) {
        return dir_var(env, "LOCALAPPDATA").map(|d| d.join("aiinvest"));
    }
    let home = dir_var(env, "HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library/Application Support/aiinvest")
    } else {
        home.join(".local/share/aiinvest")
    })
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
    if let Some(d) = dir_var(env, "XDG_CACHE_HOME") {
        return Some(d.join("aiinvest"));
    }
    if cfg!(windows) {
        return dir_var(env, "LOCALAPPDATA").map(|d| d.join("aiinvest").join("cache"));
    }
    let home = dir_var(env, "HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library/Caches/aiinvest")
    } else {
        home.join(".cache/aiinvest")
    })
}
