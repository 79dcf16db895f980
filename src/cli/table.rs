//! Plain-text tables aligned by display width (CJK characters count two), CSV, and JSON
//! numbers. Every cell is sanitised: data text never reaches the terminal raw.

use unicode_width::UnicodeWidthStr;

use crate::model::text::{is_unsafe, sanitize};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Cuts `s` to at most `width` columns, with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
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

/// One RFC 4180 record: fields quoted when they hold a comma, quote or line break.
pub fn csv_record(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    quoted.join(",") + "\r\n"
}

/// A rounded amount as a JSON number: an integer where it fits, else a float.
pub fn json_amount(v: f64) -> serde_json::Value {
    let r = v.round();
    if r.abs() < 9.2e18 {
        serde_json::Value::from(r as i64)
    } else {
        serde_json::Value::from(r)
    }
}

/// JSON text as printed: exact data, but nothing in it can steer a terminal. serde_json
/// escapes C0 controls inside strings; this also escapes DEL, C1 controls, bidirectional
/// overrides and zero-width characters as `\uXXXX` (legal only inside strings, which is the
/// only place they can occur). Structural line breaks stay.
pub fn json_text(s: String) -> String {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c != '\n' && is_unsafe(c) {
            // Every unsafe character lies in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The same amount for CSV and tables: whole units, no separators.
pub fn plain_amount(v: f64) -> String {
    format!("{:.0}", v.round())
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
    fn json_text_escapes_what_serde_leaves_raw() {
        let v = serde_json::json!({"t": "a\u{1b}b\u{9b}c\u{202e}d\u{7f}"});
        let out = json_text(serde_json::to_string_pretty(&v).unwrap());
        assert!(!out.chars().any(|c| c != '\n' && is_unsafe(c)), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("阿里巴巴集团", 7), "阿里巴…");
        assert_eq!(truncate("short", 10), "short");
    }
}
