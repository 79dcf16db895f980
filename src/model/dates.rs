//! Dates as users type them: `2025`, `2025-06` or `2025-06-30`.

use chrono::{Datelike, NaiveDate};

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. A month or year means its first day, or its last when
/// `end` (so "until 2025" takes in all of 2025).
pub fn parse_partial_date(s: &str, end: bool) -> Option<NaiveDate> {
    let t = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = t.split('-').collect();
    let (year, month) = match parts.as_slice() {
        [y] => (num(y, 4)? as i32, None),
        [y, m] => (num(y, 4)? as i32, Some(num(m, 2)?)),
        _ => return None,
    };
    let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), 1)?;
    if !end {
        return Some(first);
    }
    let next = match month {
        None | Some(12) => NaiveDate::from_ymd_opt(year + 1, 1, 1),
        Some(m) => NaiveDate::from_ymd_opt(first.year(), m + 1, 1),
    };
    next?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_months_mean_their_first_or_last_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(parse_partial_date("2025", false), Some(d("2025-01-01")));
        assert_eq!(parse_partial_date("2025", true), Some(d("2025-12-31")));
        assert_eq!(parse_partial_date("2024-02", true), Some(d("2024-02-29")));
        assert_eq!(parse_partial_date("2025-12", true), Some(d("2025-12-31")));
        assert_eq!(
            parse_partial_date(" 2025-06-30 ", true),
            Some(d("2025-06-30"))
        );
        for bad in ["25", "2025-6", "2025-13", "soon", "2025-06-31", ""] {
            assert_eq!(parse_partial_date(bad, false), None, "{bad}");
        }
    }
}
