//! Limits checked before a file is parsed, so that no file, however made, can take the
//! program's memory, stack or time: a size limit for every kind of file read, and a limit on
//! how deeply arrays and inline tables nest (the TOML parser recurses once per level).

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

/// The deepest nesting of arrays and inline tables accepted (a real file needs 3).
pub const MAX_NESTING: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    Comment,
    Basic,
    Literal,
    MultiBasic,
    MultiLiteral,
}

/// The byte offset of the first `[` or `{` that opens a level deeper than `MAX_NESTING`,
/// if any. Brackets in strings and comments do not count; table headers count like arrays
/// (two levels at most). Linear in the length of the text, no allocation.
pub fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut state = State::Code;
    let mut i = 0;
    let starts = |i: usize, pat: &[u8]| b.get(i..i + pat.len()) == Some(pat);
    while i < b.len() {
        let c = b[i];
        match state {
            State::Code => match c {
                b'#' => state = State::Comment,
                b'"' if starts(i, b"\"\"\"") => {
                    state = State::MultiBasic;
                    i += 2;
                }
                b'"' => state = State::Basic,
                b'\'' if starts(i, b"'''") => {
                    state = State::MultiLiteral;
                    i += 2;
                }
                b'\'' => state = State::Literal,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
            State::Comment => {
                if c == b'\n' {
                    state = State::Code;
                }
            }
            // A line break ends a one-line string (it is a syntax error the parser reports).
            State::Basic => match c {
                b'\\' => i += 1,
                b'"' | b'\n' => state = State::Code,
                _ => {}
            },
            State::Literal => {
                if c == b'\'' || c == b'\n' {
                    state = State::Code;
                }
            }
            State::MultiBasic => match c {
                b'\\' => i += 1,
                b'"' if starts(i, b"\"\"\"") => {
                    // Up to two more quotes belong to the string: `""""` ends after four.
                    i += 2;
                    while b.get(i + 1) == Some(&b'"') {
                        i += 1;
                    }
                    state = State::Code;
                }
                _ => {}
            },
            State::MultiLiteral => {
                if starts(i, b"'''") {
                    i += 2;
                    while b.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    }
                    state = State::Code;
                }
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_arrays_and_inline_tables_not_text() {
        let deep = |n: usize| format!("x = {}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(too_deep(&deep(MAX_NESTING)), None);
        assert_eq!(too_deep(&deep(MAX_NESTING + 1)), Some(4 + MAX_NESTING));
        let tables = format!("x = {}", "{a=".repeat(MAX_NESTING + 1));
        assert!(too_deep(&tables).is_some());
        let text = format!(
            "a = \"{0}\\\"{0}\"\nb = '{0}'\nc = \"\"\"{0}\n\"\"\"\"\nd = '''{0}'''\n# {0}\n",
            "[".repeat(100)
        );
        assert_eq!(too_deep(&text), None);
        // Closing brackets in excess never go below zero.
        assert_eq!(too_deep(&format!("{}{}", "]".repeat(10), deep(3))), None);
    }
}
