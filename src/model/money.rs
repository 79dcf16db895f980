//! Money as the user reads it: view currencies, rate bases, conversion of one record, and
//! humanised figures (`¥380.0 bn`, `$64.0–72.0 bn`).

use std::fmt;

use chrono::NaiveDate;

use super::announcement::{Announcement, Qualifier};
use super::codes::Currency;
use crate::fx::RateTable;

/// The currency figures are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewCurrency {
    /// Each record in its own currency.
    Native,
    Code(Currency),
}

impl ViewCurrency {
    pub fn parse(s: &str) -> Option<Self> {
        if s.eq_ignore_ascii_case("native") {
            return Some(Self::Native);
        }
        Currency::parse(&s.to_ascii_uppercase()).map(Self::Code)
    }
}

impl fmt::Display for ViewCurrency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Native => f.write_str("native"),
            Self::Code(c) => write!(f, "{c}"),
        }
    }
}

/// Which day's rates convert a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateBasis {
    /// The announcement's own date.
    Announcement,
    /// The last date in the rates file.
    Latest,
    /// One fixed date for every record.
    Fixed(NaiveDate),
}

impl RateBasis {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "announcement" => Some(Self::Announcement),
            "latest" => Some(Self::Latest),
            _ => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(Self::Fixed),
        }
    }

    /// The date whose rates convert a record announced on `announced`.
    pub fn date(self, announced: NaiveDate, rates: &RateTable) -> Option<NaiveDate> {
        match self {
            Self::Announcement => Some(announced),
            Self::Latest => rates.last_date(),
            Self::Fixed(d) => Some(d),
        }
    }
}

impl fmt::Display for RateBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Announcement => f.write_str("announcement"),
            Self::Latest => f.write_str("latest"),
            Self::Fixed(d) => write!(f, "{d}"),
        }
    }
}

/// A record's amount in the view currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    pub min: f64,
    pub max: f64,
    pub currency: Currency,
    /// The factor applied to the announced amount (1 in native view).
    pub factor: f64,
    /// The ECB business day of the rates used, when a conversion took place.
    pub rate_date: Option<NaiveDate>,
}

/// What a record is worth in `view`: `None` when it has no amount, `Some(None)` when it has
/// one but no rate exists (unconverted), else the converted value. Converted exactly in f64.
pub fn value_of(
    a: &Announcement,
    view: ViewCurrency,
    basis: RateBasis,
    rates: &RateTable,
) -> Option<Option<Value>> {
    let m = a.amount?;
    let target = match view {
        ViewCurrency::Native => m.currency,
        ViewCurrency::Code(c) => c,
    };
    let converted = basis
        .date(a.date, rates)
        .and_then(|d| rates.factor(m.currency, target, d))
        .map(|f| Value {
            min: m.min as f64 * f.factor,
            max: m.max as f64 * f.factor,
            currency: target,
            factor: f.factor,
            rate_date: f.date,
        });
    Some(converted)
}

/// The unit figures near `max` are shown in: divisor and word (tn, bn, m; 1 and "" below a
/// million).
pub fn scale(max: f64) -> (f64, &'static str) {
    let m = max.abs();
    if m >= 1e12 {
        (1e12, "tn")
    } else if m >= 1e9 {
        (1e9, "bn")
    } else if m >= 1e6 {
        (1e6, "m")
    } else {
        (1.0, "")
    }
}

/// A record's amount as shown in `view`: humanised with its qualifier (`>¥380.0 bn`), `n/a`
/// when no rate exists, `None` when the record has no amount.
pub fn amount_text(
    a: &Announcement,
    view: ViewCurrency,
    basis: RateBasis,
    rates: &RateTable,
) -> Option<String> {
    Some(match value_of(a, view, basis, rates)? {
        None => "n/a".into(),
        Some(v) => format_money(v.min, v.max, v.currency, a.qualifier),
    })
}

/// `52.4 bn`: one decimal at the scale of `scale_of` (tn, bn, m), else whole units with
/// thousands separators.
fn scaled(v: f64, scale_of: f64) -> (String, &'static str) {
    let (div, unit) = scale(scale_of);
    if unit.is_empty() {
        return (group_thousands(v.round()), "");
    }
    (format!("{:.1}", v / div), unit)
}

/// 1234567 -> "1,234,567".
pub fn group_thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let out = group_digits(&digits);
    if v < 0.0 { format!("-{out}") } else { out }
}

/// A string of ASCII digits with a comma every three from the right.
fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// An exact integer with thousands separators, every digit kept (no trip through f64).
fn group_integer(n: i64) -> String {
    let out = group_digits(&n.unsigned_abs().to_string());
    if n < 0 { format!("-{out}") } else { out }
}

/// A humanised figure or range with its currency: `¥380.0 bn`, `$64.0–72.0 bn`, `~€4.3 bn`.
pub fn format_money(
    min: f64,
    max: f64,
    currency: Currency,
    qualifier: Option<Qualifier>,
) -> String {
    let sign = qualifier.map(Qualifier::sign).unwrap_or("");
    let (hi, unit) = scaled(max, max);
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let prefix = currency.prefix();
    if hi == scaled(min, max).0 {
        format!("{sign}{prefix}{hi}{unit}")
    } else {
        let (lo, _) = scaled(min, max);
        format!("{sign}{prefix}{lo}–{hi}{unit}")
    }
}

/// Whole units with thousands separators and the code: `380,000,000,000 CNY`.
pub fn format_exact(min: i64, max: i64, currency: Currency) -> String {
    if min == max {
        format!("{} {currency}", group_integer(min))
    } else {
        format!("{}–{} {currency}", group_integer(min), group_integer(max))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanised_figures() {
        assert_eq!(format_money(380e9, 380e9, Currency::CNY, None), "¥380.0 bn");
        assert_eq!(
            format_money(52.41e9, 52.41e9, Currency::USD, None),
            "$52.4 bn"
        );
        assert_eq!(
            format_money(64e9, 72e9, Currency::USD, None),
            "$64.0–72.0 bn"
        );
        assert_eq!(
            format_money(380e9, 380e9, Currency::CNY, Some(Qualifier::MoreThan)),
            ">¥380.0 bn"
        );
        assert_eq!(
            format_money(500e9, 1.2e12, Currency::USD, None),
            "$0.5–1.2 tn"
        );
        assert_eq!(format_money(390e6, 390e6, Currency::USD, None), "$390.0 m");
        assert_eq!(
            format_money(12_345.0, 12_345.0, Currency::EUR, None),
            "€12,345"
        );
        assert_eq!(
            format_exact(380_000_000_000, 380_000_000_000, Currency::CNY),
            "380,000,000,000 CNY"
        );
        // Every digit, even where f64 has none to spare.
        assert_eq!(
            format_exact(i64::MAX, i64::MAX, Currency::USD),
            "9,223,372,036,854,775,807 USD"
        );
        assert_eq!(format_exact(7, 1_000, Currency::USD), "7–1,000 USD");
    }

    #[test]
    fn bases_and_currencies_parse() {
        assert_eq!(ViewCurrency::parse("native"), Some(ViewCurrency::Native));
        assert_eq!(
            ViewCurrency::parse("usd"),
            Some(ViewCurrency::Code(Currency::USD))
        );
        assert_eq!(RateBasis::parse("latest"), Some(RateBasis::Latest));
        assert_eq!(
            RateBasis::parse("2025-01-01"),
            Some(RateBasis::Fixed("2025-01-01".parse().unwrap()))
        );
        assert_eq!(RateBasis::parse("tomorrow"), None);
    }
}

/// Every record's value in one view currency at one rate basis, computed once, so that totals,
/// sorting and charts never convert the same record twice.
#[derive(Debug, Clone, Default)]
pub struct Valuation {
    pub view: Option<(ViewCurrency, RateBasis)>,
    /// Per announcement, as `value_of` gives it.
    values: Vec<Option<Option<Value>>>,
}

impl Valuation {
    pub fn new(ds: &super::dataset::Dataset, view: ViewCurrency, basis: RateBasis) -> Self {
        Self {
            view: Some((view, basis)),
            values: ds
                .announcements
                .iter()
                .map(|a| value_of(a, view, basis, &ds.rates))
                .collect(),
        }
    }

    /// Whether this was computed for `view` and `basis`.
    pub fn is_for(&self, view: ViewCurrency, basis: RateBasis) -> bool {
        self.view == Some((view, basis))
    }

    pub fn get(&self, i: usize) -> Option<Option<Value>> {
        self.values.get(i).copied().flatten()
    }
}
