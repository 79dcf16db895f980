//! One file per view.

pub mod announcements;
pub mod capex;
pub mod companies;
pub mod detail;
pub mod help;
pub mod map;
pub mod timeline;

use crate::model::money::{ViewCurrency, format_money};
use crate::model::query::Totals;

/// A total as a humanised figure in `currency`, `–` when nothing was summed, with a note of
/// how many records had no rate.
pub fn totals_text(t: &Totals, currency: ViewCurrency) -> String {
    let ViewCurrency::Code(c) = currency else {
        return "–".into();
    };
    let mut s = if t.with_amount > t.unconverted {
        // A total that adds a "more than" figure is itself a floor.
        let mark = t
            .more_than
            .then_some(crate::model::announcement::Qualifier::MoreThan);
        format_money(t.min, t.max, c, mark)
    } else {
        "–".into()
    };
    if t.unconverted > 0 {
        s.push_str(&format!(" (+{} n/a)", t.unconverted));
    }
    s
}
