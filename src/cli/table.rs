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

/// The cells as text (sanitised) and each column's width: its widest cell or header.
fn sanitized_with_widths(header: &[&str], rows: &[Vec<String>]) -> (Vec<Vec<String>>, Vec<usize>) {
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
    (rows, widths)
}

/// Lays out rows under a header, columns separated by two spaces, trailing spaces trimmed.
pub fn render_table(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let (rows, widths) = sanitized_with_widths(header, rows);
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

/// `render_table` within `width` display columns: the widest of the columns marked `flexible`
/// gives up a column at a time (to no less than 8) until the table fits, and a cut cell ends in
/// `…`. Columns not marked (dates, amounts) are never cut. `None`: no limit.
pub fn render_table_fit(
    header: &[&str],
    align: &[Align],
    flexible: &[bool],
    rows: &[Vec<String>],
    width: Option<usize>,
) -> String {
    let Some(width) = width else {
        return render_table(header, align, rows);
    };
    let (rows, mut widths) = sanitized_with_widths(header, rows);
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    while total(&widths) > width {
        let widest = (0..widths.len())
            .filter(|&i| flexible.get(i).copied().unwrap_or(false) && widths[i] > 8)
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    let cut: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| truncate(c, widths[i]))
                .collect()
        })
        .collect();
    let head: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, h)| truncate(h, widths[i]))
        .collect();
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    render_table(&head, align, &cut)
}

/// A pipe or a file gets tables this wide: long titles are still cut (CSV and JSON have every
/// character).
pub const PIPE_WIDTH: usize = 160;

/// The width to lay a table out in: the terminal's when standard output is one (or `COLUMNS`),
/// else `PIPE_WIDTH`.
pub fn output_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Some(PIPE_WIDTH);
    }
    if let Some(n) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(n);
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w as usize)
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
    fn a_table_fits_the_width_by_cutting_text_columns_only() {
        let rows = vec![vec![
            "2025-02-24".to_string(),
            "RMB 380bn over three years for cloud and AI infrastructure".to_string(),
            "¥380.0 bn".to_string(),
        ]];
        let t = render_table_fit(
            &["DATE", "TITLE", "AMOUNT"],
            &[Align::Left, Align::Left, Align::Right],
            &[false, true, false],
            &rows,
            Some(50),
        );
        for line in t.lines() {
            assert!(line.width() <= 50, "{line}");
        }
        assert!(t.contains("2025-02-24") && t.contains("¥380.0 bn"), "{t}");
        assert!(t.contains('…'), "{t}");
        let all = render_table_fit(
            &["DATE", "TITLE", "AMOUNT"],
            &[Align::Left, Align::Left, Align::Right],
            &[false, true, false],
            &rows,
            None,
        );
        assert!(all.contains("infrastructure"), "{all}");
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("阿里巴巴集团", 7), "阿里巴…");
        assert_eq!(truncate("short", 10), "short");
    }
}
