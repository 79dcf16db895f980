//! Exchange rates: the ECB's euro reference rates (units per EUR) plus fixed pegs to the dollar.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::model::codes::Currency;

/// A rates file that could not be read, with the 1-based line of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FxError {
    pub line: usize,
    pub message: String,
}

/// One rate lookup: units of a currency per euro, and the ECB business day it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub per_eur: f64,
    pub date: NaiveDate,
}

/// A conversion factor from one currency to another on one ECB business day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Factor {
    /// Multiply an amount in the source currency by this to get the target currency.
    pub factor: f64,
    /// The ECB business day whose rates were used (None when no rate was needed).
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct RateTable {
    /// ECB business days, ascending.
    dates: Vec<NaiveDate>,
    /// Per currency, one rate per entry of `dates`; NaN where the ECB printed N/A.
    columns: HashMap<Currency, Vec<f64>>,
    /// Units per USD for currencies pegged to the dollar.
    pegs: BTreeMap<Currency, f64>,
}

impl RateTable {
    /// Reads the ECB's `eurofxref-hist.csv` as the ECB publishes it: a `Date,USD,JPY,...` header
    /// (often with a trailing comma), one row per business day in any order, `N/A` where a
    /// currency is not quoted.
    pub fn from_ecb_csv(text: &str) -> Result<Self, FxError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines().enumerate();
        let (_, header) = lines.next().ok_or(FxError {
            line: 1,
            message: "empty rates file".into(),
        })?;
        let names: Vec<&str> = header.split(',').map(str::trim).collect();
        if names.first() != Some(&"Date") {
            return Err(FxError {
                line: 1,
                message: format!("expected a header starting with `Date`, found `{header}`"),
            });
        }
        let mut currencies = Vec::new();
        for name in &names[1..] {
            if name.is_empty() {
                currencies.push(None);
                continue;
            }
            let c = Currency::parse(name).ok_or_else(|| FxError {
                line: 1,
                message: format!("`{name}` is not a currency code"),
            })?;
            currencies.push(Some(c));
        }
        let mut rows: Vec<(NaiveDate, Vec<f64>)> = Vec::new();
        for (i, line) in lines {
            let line_no = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let mut cells = line.split(',');
            let date_text = cells.next().unwrap_or("").trim();
            let date = iso_date(date_text).ok_or_else(|| FxError {
                line: line_no,
                message: format!("`{date_text}` is not a date (YYYY-MM-DD)"),
            })?;
            let mut values = vec![f64::NAN; currencies.len()];
            for (j, cell) in cells.enumerate() {
                let cell = cell.trim();
                if j >= currencies.len() {
                    if cell.is_empty() {
                        continue;
                    }
                    return Err(FxError {
                        line: line_no,
                        message: "more values than the header has currencies".into(),
                    });
                }
                if cell.is_empty() || cell == "N/A" {
                    continue;
                }
                let v: f64 = cell.parse().map_err(|_| FxError {
                    line: line_no,
                    message: format!("`{cell}` is not a rate"),
                })?;
                if !(v.is_finite() && v > 0.0) {
                    return Err(FxError {
                        line: line_no,
                        message: format!("rate `{cell}` must be a positive number"),
                    });
                }
                values[j] = v;
            }
            rows.push((date, values));
        }
        if rows.is_empty() {
            return Err(FxError {
                line: 2,
                message: "the rates file has no rows".into(),
            });
        }
        rows.sort_by_key(|(d, _)| *d);
        if let Some(w) = rows.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(FxError {
                line: 1,
                message: format!("the date {} appears twice", w[0].0),
            });
        }
        let dates = rows.iter().map(|(d, _)| *d).collect();
        let mut columns = HashMap::new();
        for (j, c) in currencies.iter().enumerate() {
            if let Some(c) = c {
                columns.insert(*c, rows.iter().map(|(_, v)| v[j]).collect());
            }
        }
        Ok(Self {
            dates,
            columns,
            pegs: BTreeMap::new(),
        })
    }

    /// Reads `pegs.toml`: `[pegs]` then `CODE = units per USD`.
    pub fn with_pegs_toml(mut self, text: &str) -> Result<Self, FxError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct PegsFile {
            pegs: BTreeMap<String, f64>,
        }
        let file: PegsFile = toml::from_str(text).map_err(|e| FxError {
            line: e
                .span()
                .map(|s| text[..s.start].matches('\n').count() + 1)
                .unwrap_or(1),
            message: e.message().to_string(),
        })?;
        for (code, per_usd) in file.pegs {
            let c = Currency::parse(&code).ok_or_else(|| FxError {
                line: 1,
                message: format!("`{code}` is not a currency code"),
            })?;
            if !(per_usd.is_finite() && per_usd > 0.0) {
                return Err(FxError {
                    line: 1,
                    message: format!("peg for {code} must be a positive number"),
                });
            }
            self.pegs.insert(c, per_usd);
        }
        Ok(self)
    }

    pub fn first_date(&self) -> Option<NaiveDate> {
        self.dates.first().copied()
    }

    pub fn last_date(&self) -> Option<NaiveDate> {
        self.dates.last().copied()
    }

    /// The ECB business days of the table, oldest first.
    pub fn dates(&self) -> &[NaiveDate] {
        &self.dates
    }

    /// Currencies the ECB quoted on at least one day (`N/A` throughout is no quote), sorted.
    pub fn quoted(&self) -> Vec<Currency> {
        let mut v: Vec<Currency> = self
            .columns
            .iter()
            .filter(|(_, col)| col.iter().any(|r| r.is_finite()))
            .map(|(c, _)| *c)
            .collect();
        v.sort();
        v
    }

    /// Currencies with a rate somewhere in the table, EUR and pegs included, sorted.
    pub fn currencies(&self) -> Vec<Currency> {
        let mut v: Vec<Currency> = self.columns.keys().copied().collect();
        v.extend(self.pegs.keys().copied());
        v.push(Currency::EUR);
        v.sort();
        v.dedup();
        v
    }

    /// Whether the table holds together as `from_ecb_csv` builds it (for a table decoded from
    /// the cache): dates in order, one rate per date in every column, pegs positive.
    pub fn is_consistent(&self) -> bool {
        self.dates.windows(2).all(|w| w[0] < w[1])
            && self.columns.values().all(|c| c.len() == self.dates.len())
            && self.pegs.values().all(|p| p.is_finite() && *p > 0.0)
    }

    /// Index of the latest ECB business day on or before `d`.
    fn day_index(&self, d: NaiveDate) -> Option<usize> {
        self.dates.partition_point(|x| *x <= d).checked_sub(1)
    }

    fn rate_at(&self, c: Currency, i: usize) -> Option<f64> {
        if c == Currency::EUR {
            return Some(1.0);
        }
        if let Some(v) = self.columns.get(&c).map(|col| col[i]) {
            return v.is_finite().then_some(v);
        }
        let per_usd = self.pegs.get(&c)?;
        self.rate_at(Currency::USD, i).map(|usd| per_usd * usd)
    }

    /// Units of `c` per euro on the latest ECB business day on or before `d`. A currency the
    /// ECB printed as N/A on that day has no rate: an older quote is never used.
    pub fn rate(&self, c: Currency, d: NaiveDate) -> Option<Rate> {
        let i = self.day_index(d)?;
        Some(Rate {
            per_eur: self.rate_at(c, i)?,
            date: self.dates[i],
        })
    }

    /// The factor converting `from` into `to` on `d`, through the euro. The same currency on
    /// both sides needs no rate at all.
    pub fn factor(&self, from: Currency, to: Currency, d: NaiveDate) -> Option<Factor> {
        if from == to {
            return Some(Factor {
                factor: 1.0,
                date: None,
            });
        }
        let i = self.day_index(d)?;
        Some(Factor {
            factor: self.rate_at(to, i)? / self.rate_at(from, i)?,
            date: Some(self.dates[i]),
        })
    }
}

/// A `YYYY-MM-DD` date, read digit by digit: the rates file has one per row, thousands of rows,
/// and this is read at every start.
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_read_digit_by_digit() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(iso_date("2024-02-29"), d(2024, 2, 29));
        assert_eq!(iso_date("1999-01-04"), d(1999, 1, 4));
        for bad in [
            "2025-02-29",
            "2025-1-01",
            "2025-01-1 ",
            "20250101xx",
            "abcd-ef-gh",
            "",
            "+025-01-01",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }

    const CSV: &str = "Date,USD,JPY,CNY,RUB,\n\
        2025-02-24,1.0466,157.00,7.5879,N/A,\n\
        2025-02-21,1.0465,156.00,7.5933,N/A,\n\
        2022-02-25,1.1216,129.00,7.0800,115.5,\n";

    fn table() -> RateTable {
        RateTable::from_ecb_csv(CSV)
            .unwrap()
            .with_pegs_toml("[pegs]\nAED = 3.6725\nSAR = 3.75\n")
            .unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn worked_example_alibaba() {
        let f = table()
            .factor(Currency::CNY, Currency::USD, day("2025-02-24"))
            .unwrap();
        let usd = 380_000_000_000.0 * f.factor;
        assert!((usd - 52.41e9).abs() < 0.01e9, "{usd}");
        assert_eq!(f.date, Some(day("2025-02-24")));
    }

    #[test]
    fn weekend_uses_the_friday_before() {
        let t = table();
        let sunday = day("2025-02-23");
        assert_eq!(
            t.rate(Currency::USD, sunday).unwrap().date,
            day("2025-02-21")
        );
        assert_eq!(t.rate(Currency::USD, sunday).unwrap().per_eur, 1.0465);
    }

    #[test]
    fn pegs_go_through_the_dollar() {
        let t = table();
        let r = t
            .rate(Currency::parse("AED").unwrap(), day("2025-02-24"))
            .unwrap();
        assert!((r.per_eur - 3.6725 * 1.0466).abs() < 1e-12);
        let f = t
            .factor(
                Currency::parse("SAR").unwrap(),
                Currency::USD,
                day("2025-02-24"),
            )
            .unwrap();
        assert!((f.factor - 1.0 / 3.75).abs() < 1e-12);
    }

    #[test]
    fn no_rate_means_none_never_zero() {
        let t = table();
        let twd = Currency::parse("TWD").unwrap();
        assert!(t.factor(twd, Currency::USD, day("2025-02-24")).is_none());
        assert!(
            t.factor(Currency::CNY, Currency::USD, day("2020-01-01"))
                .is_none(),
            "before the series"
        );
        let rub = Currency::parse("RUB").unwrap();
        assert!(t.rate(rub, day("2025-02-24")).is_none(), "N/A on that day");
        assert!(t.rate(rub, day("2022-03-01")).is_some());
        // Same currency needs no rate, even where none exists.
        assert_eq!(t.factor(twd, twd, day("1990-01-01")).unwrap().factor, 1.0);
    }

    #[test]
    fn euro_is_one_and_cross_rates_are_consistent() {
        let t = table();
        let d = day("2025-02-24");
        assert_eq!(t.rate(Currency::EUR, d).unwrap().per_eur, 1.0);
        let jpy = Currency::parse("JPY").unwrap();
        let a = t.factor(Currency::CNY, jpy, d).unwrap().factor;
        let b = t.factor(Currency::CNY, Currency::USD, d).unwrap().factor
            * t.factor(Currency::USD, jpy, d).unwrap().factor;
        assert!((a - b).abs() < 1e-9);
    }

    #[test]
    fn bad_files_say_where() {
        let e = RateTable::from_ecb_csv("Date,USD\n2025-01-02,abc\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(RateTable::from_ecb_csv("").is_err());
        assert!(RateTable::from_ecb_csv("Day,USD\n").is_err());
        assert!(RateTable::from_ecb_csv("Date,USD\n2025-01-02,-1\n").is_err());
    }
}
