//! Text from data files is shown as text: nothing in it may steer the terminal.

/// Characters that must never reach a terminal raw: C0 and C1 controls, DEL, bidirectional
/// overrides and isolates, zero-width and line/paragraph separators, and the BOM.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// One-line safe text: tabs and line breaks become spaces, every other unsafe character
/// becomes U+FFFD so that the user sees something was there.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if is_unsafe(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Cuts `s` to at most `width` terminal columns (wide characters count two), with `…` when
/// cut.
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Byte ranges of `text` where any of the lower-case `words` appears, ignoring case, merged
/// and in order: what a search highlights.
pub fn match_ranges(text: &str, words: &[&str]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    for (start, _) in text.char_indices() {
        for w in words.iter().filter(|w| !w.is_empty()) {
            let mut want = w.chars();
            let mut end = start;
            let mut matched = true;
            'chars: for (i, c) in text[start..].char_indices() {
                for lc in c.to_lowercase() {
                    match want.next() {
                        Some(x) if x == lc => {}
                        Some(_) => {
                            matched = false;
                            break 'chars;
                        }
                        None => break 'chars,
                    }
                }
                end = start + i + c.len_utf8();
                if want.as_str().is_empty() {
                    break;
                }
            }
            if matched && want.next().is_none() && end > start {
                ranges.push((start, end));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Data text as shown in `width` columns: sanitised and cut with `…`. Looks at no more of `s`
/// than can be shown, so a huge field costs no more than a short one.
pub fn shown(s: &str, width: usize) -> String {
    // Every character shown takes at least one column (zero-width ones are replaced), so
    // `width + 1` characters are enough to know whether the text is cut.
    let end = s.char_indices().nth(width + 1).map_or(s.len(), |(i, _)| i);
    let head = sanitize(&s[..end]);
    if end < s.len() {
        truncate(&format!("{head}…"), width)
    } else {
        truncate(&head, width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_cuts_huge_text_cheaply() {
        let huge = "t".repeat(10_000_000);
        assert_eq!(shown(&huge, 5), "tttt…");
        assert_eq!(shown("ab\x1bc", 10), "ab\u{fffd}c");
        assert_eq!(shown("abcdef", 6), "abcdef");
        assert_eq!(shown("abcdefg", 6), "abcde…");
    }

    #[test]
    fn matches_ignore_case_and_merge() {
        let t = "Meta capex 2026: Capex raised";
        assert_eq!(match_ranges(t, &["capex"]), vec![(5, 10), (17, 22)]);
        assert_eq!(match_ranges(t, &["meta", "eta c"]), vec![(0, 6)]);
        assert_eq!(match_ranges("阿里巴巴 Cloud", &["cloud"]), vec![(13, 18)]);
        assert!(match_ranges(t, &["zzz"]).is_empty());
    }

    #[test]
    fn escapes_and_bidi_are_neutralised() {
        assert_eq!(sanitize("a\x1b[2Jb\x07"), "a\u{fffd}[2Jb\u{fffd}");
        assert_eq!(sanitize("x\u{202E}y\u{200B}z"), "x\u{fffd}y\u{fffd}z");
        assert_eq!(sanitize("two\nlines\r\tend"), "two lines  end");
        assert_eq!(sanitize("阿里巴巴 ok"), "阿里巴巴 ok");
        assert_eq!(sanitize("\u{9b}31m"), "\u{fffd}31m");
    }
}
