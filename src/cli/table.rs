//! Plain-text tables aligned by display width (CJK characters count two), CSV, and JSON
//! numbers. Every cell is sanitised: data text never reaches the terminal raw.

use unicode_width::UnicodeWidthStr;

pub use crate::export::{csv_record, json_amount, plain_amount};
use crate::model::text::sanitize;
pub use crate::model::text::truncate;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Lays out rows under a header, columns separated by two spaces, trailing spaces trimmed.
pub fn render_table(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.width());
            if i > 0 {
                s.push_str("  ");
            }
            match align[i] {
                Align::Left => {
                    s.push_str(c);
                    s.push_str(&" ".repeat(pad));
                }
                Align::Right => {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                }
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut out = line(&head);
    for r in &rows {
        out.push_str(&line(r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_keep_columns_aligned() {
        let t = render_table(
            &["NAME", "N"],
            &[Align::Left, Align::Right],
            &[
                vec!["阿里巴巴".into(), "1".into()],
                vec!["Meta".into(), "22".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[1].width(), lines[2].width());
        assert_eq!(lines[1], "阿里巴巴   1");
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        assert_eq!(
            csv_record(&["a".into(), "b,c".into(), "say \"hi\"".into()]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("阿里巴巴集团", 7), "阿里巴…");
        assert_eq!(truncate("short", 10), "short");
    }
}
