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

/// A file's text with its line starts, to turn byte offsets into line and column.
pub struct SourceText<'a> {
    pub path: &'a str,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceText<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            path,
            text,
            line_starts,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|s| *s <= offset).max(1);
        let start = self.line_starts[line - 1];
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
    }

    #[test]
    fn display_is_path_line_col() {
        let d =
            SourceText::new("x.toml", "a\nb").diagnostic(2, Severity::Error, "bad\x1b[31m".into());
        assert_eq!(d.to_string(), "x.toml:2:1: error: bad\u{fffd}[31m");
    }
}
