//! Writing files so that a crash, a full disk or a kill never leaves a half-written one: the
//! bytes go to a temporary file in the same directory, which is flushed to disk and then
//! renamed over the target. Readers see the old file or the new one, never a mix.
//!
//! Every file the program writes (exports, configuration, caches) goes through
//! [`write_atomic`]. Data files are never written at all.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes temporary files of one process (threads may write side by side).
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes` atomically: write a temporary file beside it, `fsync` it,
/// rename it over `path`, then `fsync` the directory so the rename itself survives a crash.
///
/// - The directory must exist; it is not created.
/// - An existing file's permissions are kept; a new file gets the usual default (0644 under a
///   022 umask).
/// - A symbolic link at `path` is replaced by a regular file (the link's target is untouched).
/// - On any error the target is unchanged and the temporary file is removed.
pub fn write_atomic(path: impl AsRef<Path>, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// `write_atomic`, with the contents streamed by `write` into the temporary file (through a
/// buffer), for contents too large to hold twice in memory.
pub fn write_atomic_with(
    path: impl AsRef<Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_via_temp(path.as_ref(), write, Commit::Replace)
}

/// Creates `path` with `bytes`, whole or not at all, and never replaces a file: an existing
/// `path` (even one created a moment ago by another process) is an `AlreadyExists` error.
/// The temporary file is hard-linked to `path` (which fails if it exists), then removed; on a
/// file system without hard links, `path` is created exclusively and written in place.
pub fn write_new(path: impl AsRef<Path>, bytes: &[u8]) -> io::Result<()> {
    let path = path.as_ref();
    match write_via_temp(path, |f| f.write_all(bytes), Commit::Link) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists && link_unsupported(&e) => {
            let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
            file.write_all(bytes)
                .and_then(|_| file.sync_all())
                .inspect_err(|_| {
                    let _ = fs::remove_file(path);
                })
        }
        r => r,
    }
}

fn link_unsupported(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
    ) || e.raw_os_error() == Some(38) // ENOSYS; EPERM is PermissionDenied (FAT, some FUSE)
}

/// How the finished temporary file becomes the target.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Commit {
    /// Renamed over it.
    Replace,
    /// Linked to it, only if it does not exist.
    Link,
}

fn write_via_temp(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    commit: Commit,
) -> io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} does not name a file", path.display()),
        )
    })?;
    let dir = directory_of(path);
    let (tmp, mut file) = create_temp(&dir, name)?;
    let result = (|| {
        let mut buffered = io::BufWriter::new(&mut file);
        write(&mut buffered)?;
        buffered.flush()?;
        drop(buffered);
        if let Ok(meta) = fs::symlink_metadata(path)
            && meta.is_file()
            && commit == Commit::Replace
        {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        match commit {
            Commit::Replace => fs::rename(&tmp, path)?,
            Commit::Link => fs::hard_link(&tmp, path)?,
        }
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() || commit == Commit::Link {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The directory a path's file lives in: `.` for a bare name.
fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new, empty, exclusively created file `.NAME.tmp-PID-N` in `dir`.
fn create_temp(dir: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".tmp-{}-{n}", std::process::id()));
        let tmp = dir.join(tmp_name);
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            // A leftover of a killed process with the same pid: try the next name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Makes a rename in `dir` durable. Best effort: not every platform can open a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "aiinvest-atomic-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn creates_and_replaces_leaving_no_temporary_file() {
        let d = scratch("replace");
        let p = d.join("out.csv");
        write_atomic(&p, b"first").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"first");
        write_atomic(&p, b"second, longer").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"second, longer");
        write_atomic(&p, b"").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"");
        assert_eq!(entries(&d), ["out.csv"]);
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_target_and_no_litter() {
        let d = scratch("fail");
        // The target is a directory: the rename fails, the directory stays, nothing is left.
        let target = d.join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), b"keep").unwrap();
        assert!(write_atomic(&target, b"x").is_err());
        assert_eq!(fs::read(target.join("inside")).unwrap(), b"keep");
        assert_eq!(entries(&d), ["taken"]);
        // A missing directory is an error, not created.
        assert!(write_atomic(d.join("no/such/dir/file"), b"x").is_err());
        assert!(!d.join("no").exists());
        // A path without a file name is refused.
        assert!(write_atomic(Path::new("/"), b"x").is_err());
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_of_an_existing_file_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let d = scratch("perm");
        let p = d.join("config.toml");
        fs::write(&p, b"old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(fs::read(&p).unwrap(), b"new");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn concurrent_writers_leave_one_whole_version() {
        let d = scratch("race");
        let p = d.join("cache.json");
        let versions: Vec<Vec<u8>> = (0..8u8).map(|i| vec![b'a' + i; 64 * 1024]).collect();
        std::thread::scope(|s| {
            for v in &versions {
                let p = &p;
                s.spawn(move || {
                    for _ in 0..5 {
                        write_atomic(p, v).unwrap();
                    }
                });
            }
        });
        let got = fs::read(&p).unwrap();
        assert!(versions.contains(&got), "a torn write");
        assert_eq!(entries(&d), ["cache.json"]);
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_bare_name_means_the_current_directory() {
        assert_eq!(directory_of(Path::new("bare.txt")), Path::new("."));
        assert_eq!(directory_of(Path::new("a/b.txt")), Path::new("a"));
    }
}
