//! Diagnostics as values: where (path, line, column), how bad, and what.

use std::fmt;

use crate::model::text::{excerpt, sanitize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `path:line:col: error: message`, with any control character of the data made harmless.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            sanitize(&excerpt(&self.path)),
            self.line,
            self.col,
            self.severity.as_str(),
            sanitize(&excerpt(&self.message))
        )
    }
}

/// A file's text, to turn byte offsets into line and column. Lines are counted on demand
/// from the last position asked for (the loader asks in about file order), so a file costs
/// about one pass, and nothing is allocated.
pub struct SourceText<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// The last position found: the start of its line and that line's 1-based number.
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'a> SourceText<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        Self {
            path,
            text,
            cursor: std::cell::Cell::new((0, 1)),
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        let (start, line) = self.cursor.get();
        // Counted from the last position, forwards or backwards.
        let newlines = |s: &[u8]| s.iter().filter(|&&b| b == b'\n').count();
        let line = if offset >= start {
            line + newlines(&bytes[start..offset])
        } else {
            line - newlines(&bytes[offset..start])
        };
        let start = bytes[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        self.cursor.set((start, line));
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line, col + 1)
    }

    pub fn diagnostic(&self, offset: usize, severity: Severity, message: String) -> Diagnostic {
        let (line, col) = self.position(offset);
        Diagnostic {
            path: self.path.to_string(),
            line,
            col,
            severity,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let s = SourceText::new("a.toml", "ab\n阿里x\n");
        assert_eq!(s.position(0), (1, 1));
        assert_eq!(s.position(3), (2, 1));
        assert_eq!(s.position(9), (2, 3)); // after two 3-byte characters
        assert_eq!(s.position(100), (3, 1));
        // Backwards, and again forwards from there.
        assert_eq!(s.position(1), (1, 2));
        assert_eq!(s.position(6), (2, 2));
        assert_eq!(s.position(3), (2, 1));
        assert_eq!(s.position(2), (1, 3));
    }

    #[test]
    fn display_is_path_line_col() {
        let d =
            SourceText::new("x.toml", "a\nb").diagnostic(2, Severity::Error, "bad\x1b[31m".into());
        assert_eq!(d.to_string(), "x.toml:2:1: error: bad\u{fffd}[31m");
    }
}
