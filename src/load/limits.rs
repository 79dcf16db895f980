//! Limits that keep any file, however made, from taking the program's memory, stack or time:
//! a size limit for every kind of file read, checked before reading, and the nesting limit
//! the TOML parser enforces (it recurses once per level).

use std::io::Read;
use std::path::Path;

/// A kind of file the program reads, with its size limit (each far above a real file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The ECB rates (the bundled history is 2 MB).
    Rates,
    /// `countries.toml` (27 KB bundled).
    Countries,
    /// `fx/pegs.toml`.
    Pegs,
    /// `sources.toml` (9 KB bundled).
    SourceTiers,
    /// The configuration file.
    Config,
    /// A file given to `rates import` (a CSV or the ECB's zip).
    RatesImport,
}

impl FileKind {
    pub fn limit(self) -> u64 {
        match self {
            FileKind::Rates | FileKind::RatesImport => 64 << 20,
            FileKind::Countries | FileKind::SourceTiers => 4 << 20,
            FileKind::Pegs | FileKind::Config => 1 << 20,
        }
    }

    fn what(self) -> &'static str {
        match self {
            FileKind::Rates => "an ECB rates file",
            FileKind::Countries => "a countries table",
            FileKind::Pegs => "a pegs table",
            FileKind::SourceTiers => "a sources table",
            FileKind::Config => "a configuration file",
            FileKind::RatesImport => "a rates file to import",
        }
    }
}

/// A file's bytes, refused (and never read whole) when larger than its kind's limit.
pub fn read_bytes(path: &Path, kind: FileKind) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let limit = kind.limit();
    let len = file.metadata().map_or(0, |m| m.len());
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "larger than {} MiB, the limit for {}",
                limit >> 20,
                kind.what()
            ),
        )
    };
    if len > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // The length can grow while reading: never more than the limit all the same.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// `read_bytes`, as UTF-8 text.
pub fn read_text(path: &Path, kind: FileKind) -> std::io::Result<String> {
    String::from_utf8(read_bytes(path, kind)?).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
        )
    })
}

/// The largest company file read, in bytes (16 MiB: hundreds of times a large real file, and
/// parsed within the memory budget).
/// Larger files are skipped with a diagnostic, and never read whole.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The deepest nesting of arrays and inline tables accepted (a real file needs 3): the TOML
/// parser's own limit, which it reports as an error instead of recursing further.
pub const MAX_NESTING: usize = 80;

/// Whether a TOML parse error is the parser refusing to nest deeper than `MAX_NESTING`.
pub fn is_nesting_error(message: &str) -> bool {
    message.contains("recursion")
}
