//! Typed access to a parsed TOML table, pushing a diagnostic (with the span of the offending
//! key or value) for every key that is unknown, missing or of the wrong type.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Severity, SourceText};

pub type Span = Range<usize>;

/// Collects diagnostics for one file and remembers whether the current record has an error.
pub struct Reader<'a> {
    pub src: &'a SourceText<'a>,
    /// The file's path, shared by the origins of its records.
    pub path: std::sync::Arc<str>,
    pub diagnostics: Vec<Diagnostic>,
    errors: usize,
}

impl<'a> Reader<'a> {
    pub fn new(src: &'a SourceText<'a>) -> Self {
        Self {
            src,
            path: src.path.into(),
            diagnostics: Vec::new(),
            errors: 0,
        }
    }

    pub fn error(&mut self, span: &Span, message: impl Into<String>) {
        self.errors += 1;
        let d = self
            .src
            .diagnostic(span.start, Severity::Error, message.into());
        self.diagnostics.push(d);
    }

    pub fn warning(&mut self, span: &Span, message: impl Into<String>) {
        let d = self
            .src
            .diagnostic(span.start, Severity::Warning, message.into());
        self.diagnostics.push(d);
    }

    /// The number of errors so far: a record is good when this did not grow while reading it.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// Reports every key of `table` not in `allowed`.
    pub fn unknown_keys(&mut self, table: &DeTable, allowed: &[&str], what: &str) {
        for (k, _) in table.iter() {
            let name: &str = k.get_ref().as_ref();
            // Length and first byte first: most keys differ there, without a call to memcmp.
            let known = allowed.iter().any(|a| {
                a.len() == name.len()
                    && a.as_bytes().first() == name.as_bytes().first()
                    && *a == name
            });
            if !known {
                let key = k.get_ref();
                let message = match crate::model::text::nearest(key, allowed) {
                    Some(near) => format!("unknown key `{key}` in {what}: did you mean `{near}`?"),
                    None => format!(
                        "unknown key `{key}` in {what} (expected one of: {})",
                        allowed.join(", ")
                    ),
                };
                self.error(&k.span(), message);
            }
        }
    }

    fn value<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        table.get(key)
    }

    /// A required key: reports it missing at `at` (the table's header) when absent.
    pub fn required<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        key: &str,
        at: &Span,
        what: &str,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let v = Self::value(table, key);
        if v.is_none() {
            self.error(at, format!("missing required key `{key}` in {what}"));
        }
        v
    }

    pub fn string(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.type_error(v, key, "a string", other);
                None
            }
        }
    }

    pub fn opt_string(&mut self, table: &DeTable, key: &str) -> Option<String> {
        Self::value(table, key).and_then(|v| self.string(v, key))
    }

    pub fn req_string(
        &mut self,
        table: &DeTable,
        key: &str,
        at: &Span,
        what: &str,
    ) -> Option<String> {
        self.required(table, key, at, what)
            .and_then(|v| self.string(v, key))
    }

    pub fn integer(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
                match i64::from_str_radix(&digits, i.radix()) {
                    Ok(n) => Some(n),
                    Err(_) => {
                        self.error(
                            &v.span(),
                            format!("`{key}` is out of range (at most {})", i64::MAX),
                        );
                        None
                    }
                }
            }
            other => {
                self.type_error(v, key, "an integer", other);
                None
            }
        }
    }

    pub fn number(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<f64> {
        match v.get_ref() {
            DeValue::Float(f) => match f.as_str().replace('_', "").parse::<f64>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    self.error(&v.span(), format!("`{key}` must be a finite number"));
                    None
                }
            },
            DeValue::Integer(_) => self.integer(v, key).map(|n| n as f64),
            other => {
                self.type_error(v, key, "a number", other);
                None
            }
        }
    }

    /// A TOML local date (`2025-02-24`, no time, no offset).
    pub fn date(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<NaiveDate> {
        if let DeValue::Datetime(dt) = v.get_ref()
            && let (Some(d), None, None) = (dt.date, dt.time, dt.offset)
        {
            let parsed = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
            if parsed.is_none() {
                self.error(&v.span(), format!("`{key}` is not a calendar date"));
            }
            return parsed;
        }
        self.error(
            &v.span(),
            format!("`{key}` must be a TOML local date like 2025-02-24 (unquoted, no time)"),
        );
        None
    }

    pub fn table<'t, 'i>(
        &mut self,
        v: &'t Spanned<DeValue<'i>>,
        key: &str,
    ) -> Option<&'t DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.type_error(v, key, "a table", other);
                None
            }
        }
    }

    pub fn array<'t, 'i>(
        &mut self,
        v: &'t Spanned<DeValue<'i>>,
        key: &str,
    ) -> Option<&'t [Spanned<DeValue<'i>>]> {
        match v.get_ref() {
            DeValue::Array(a) => Some(a.as_ref()),
            other => {
                self.type_error(v, key, "an array", other);
                None
            }
        }
    }

    /// An optional array of strings, each with its span.
    pub fn strings(&mut self, table: &DeTable, key: &str) -> Vec<(String, Span)> {
        let Some(v) = Self::value(table, key) else {
            return Vec::new();
        };
        let Some(items) = self.array(v, key) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(item, key).map(|s| (s, item.span())))
            .collect()
    }

    fn type_error(&mut self, v: &Spanned<DeValue>, key: &str, expected: &str, found: &DeValue) {
        self.error(
            &v.span(),
            format!("`{key}` must be {expected}, found {}", found.type_str()),
        );
    }
}

/// Kebab-case: lower-case ASCII letters and digits in words joined by single hyphens.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}
