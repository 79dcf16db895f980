//! The pickers' state: a list of filter values with record counts, marks, a type-to-filter
//! query and a cursor over the items the query leaves. Pure: `update` changes it, the picker
//! widget draws it.

use crate::model::announcement::Kind;
use crate::model::dataset::Dataset;
use crate::model::query::Filter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PickerKind {
    Company,
    Region,
    Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The filter value (company id, region name, kind).
    pub value: String,
    pub label: String,
    /// Records that would match with this value, under the other filters in force.
    pub count: usize,
    /// Indented under the item before it (a sub-region under its region).
    pub nested: bool,
}

/// A list to choose filter values from; `marked` are the chosen ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub items: Vec<Item>,
    pub marked: Vec<bool>,
    /// Typed text: only items whose label or value contains it (any case) are listed.
    pub query: String,
    /// Position in `visible()`.
    pub cursor: usize,
    /// Whether the filter held values when the picker opened: unmarking them all then means
    /// "no filter", not "the one under the cursor".
    pub opened_marked: bool,
}

impl Picker {
    /// Indices of the items the query leaves, in list order.
    pub fn visible(&self) -> Vec<usize> {
        let q = self.query.to_lowercase();
        (0..self.items.len())
            .filter(|&i| {
                q.is_empty()
                    || self.items[i].label.to_lowercase().contains(&q)
                    || self.items[i].value.to_lowercase().contains(&q)
            })
            .collect()
    }

    /// The item under the cursor, if any is listed.
    pub fn current(&self) -> Option<usize> {
        self.visible().get(self.cursor).copied()
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.cursor = 0;
    }

    pub fn backspace(&mut self) {
        self.query.pop();
        self.cursor = 0;
    }

    pub fn move_by(&mut self, delta: i64) {
        let n = self.visible().len() as i64;
        self.cursor = (self.cursor as i64 + delta).clamp(0, (n - 1).max(0)) as usize;
    }

    pub fn toggle(&mut self) {
        if let Some(i) = self.current() {
            self.marked[i] = !self.marked[i];
        }
    }

    /// The values to filter by: the marked ones, else the one under the cursor; none (this
    /// filter cleared) when the user unmarked every value the filter held.
    pub fn chosen(&self) -> Vec<String> {
        let marked: Vec<String> = self
            .items
            .iter()
            .zip(&self.marked)
            .filter(|(_, m)| **m)
            .map(|(it, _)| it.value.clone())
            .collect();
        if !marked.is_empty() || self.opened_marked {
            return marked;
        }
        self.current()
            .map(|i| vec![self.items[i].value.clone()])
            .unwrap_or_default()
    }

    /// Puts the cursor on `value` when it is listed (where the user left it last time).
    pub fn place_cursor(&mut self, value: &str) {
        if let Some(p) = self
            .visible()
            .iter()
            .position(|&i| self.items[i].value == value)
        {
            self.cursor = p;
        }
    }
}

/// The records the other filters leave: what a picker's counts are taken over.
fn rows_without(ds: &Dataset, filter: &Filter, kind: PickerKind) -> Vec<usize> {
    let mut f = filter.clone();
    match kind {
        PickerKind::Company => f.companies.clear(),
        PickerKind::Region => f.regions.clear(),
        PickerKind::Kind => f.kinds.clear(),
    }
    f.apply(ds)
}

/// Builds a picker of `kind` with counts under `filter`; values already filtered on are marked.
/// Items no record would match are left out unless marked.
pub fn build(ds: &Dataset, filter: &Filter, kind: PickerKind) -> Picker {
    let rows = rows_without(ds, filter, kind);
    let mut items: Vec<Item> = match kind {
        PickerKind::Company => {
            let mut counts = vec![0usize; ds.companies.len()];
            for &i in &rows {
                counts[ds.announcements[i].company] += 1;
            }
            let mut v: Vec<Item> = ds
                .companies
                .iter()
                .zip(counts)
                .map(|(c, count)| Item {
                    value: c.id.clone(),
                    label: crate::model::text::sanitize(&c.display_name()),
                    count,
                    nested: false,
                })
                .collect();
            v.sort_by_key(|it| it.label.to_lowercase());
            v
        }
        PickerKind::Kind => Kind::ALL
            .iter()
            .map(|k| Item {
                value: k.as_str().to_string(),
                label: format!("{k} ({})", k.family()),
                count: rows
                    .iter()
                    .filter(|&&i| ds.announcements[i].kind == *k)
                    .count(),
                nested: false,
            })
            .collect(),
        PickerKind::Region => region_items(ds, &rows),
    };
    let selected: &[String] = match kind {
        PickerKind::Company => &filter.companies,
        PickerKind::Region => &filter.regions,
        PickerKind::Kind => &[],
    };
    let kinds: Vec<String> = filter.kinds.iter().map(|k| k.to_string()).collect();
    let is_marked = |it: &Item| match kind {
        PickerKind::Kind => kinds.contains(&it.value),
        _ => selected.contains(&it.value),
    };
    items.retain(|it| it.count > 0 || is_marked(it));
    let marked: Vec<bool> = items.iter().map(is_marked).collect();
    Picker {
        kind,
        items,
        opened_marked: marked.contains(&true),
        marked,
        query: String::new(),
        cursor: 0,
    }
}

/// Regions, each followed by its sub-regions, as UN M49 names them; counts are of records
/// touching a country of the region (as the region filter matches).
fn region_items(ds: &Dataset, rows: &[usize]) -> Vec<Item> {
    let mut regions: Vec<String> = ds
        .countries
        .iter()
        .map(|(_, c)| c.region.clone())
        .filter(|r| !r.is_empty())
        .collect();
    regions.sort();
    regions.dedup();
    let count = |name: &str| {
        rows.iter()
            .filter(|&&i| {
                let a = &ds.announcements[i];
                a.countries
                    .iter()
                    .copied()
                    .chain(a.sites.iter().map(|s| s.country))
                    .any(|c| ds.countries.in_region(c, name))
            })
            .count()
    };
    let mut items = Vec::new();
    for r in regions {
        items.push(Item {
            value: r.clone(),
            label: r.clone(),
            count: count(&r),
            nested: false,
        });
        let mut subs: Vec<String> = ds
            .countries
            .iter()
            .filter(|(_, c)| c.region == r && !c.subregion.is_empty())
            .map(|(_, c)| c.subregion.clone())
            .collect();
        subs.sort();
        subs.dedup();
        items.extend(subs.into_iter().map(|s| Item {
            value: s.clone(),
            label: s.clone(),
            count: count(&s),
            nested: true,
        }));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> Picker {
        let item = |v: &str| Item {
            value: v.into(),
            label: v.to_uppercase(),
            count: 1,
            nested: false,
        };
        Picker {
            kind: PickerKind::Company,
            items: vec![item("alibaba"), item("alphabet"), item("meta")],
            marked: vec![false; 3],
            query: String::new(),
            cursor: 0,
            opened_marked: false,
        }
    }

    #[test]
    fn typing_filters_and_the_cursor_stays_in_the_list() {
        let mut p = picker();
        p.type_char('a');
        p.type_char('l');
        assert_eq!(p.visible(), vec![0, 1]);
        p.move_by(5);
        assert_eq!(p.current(), Some(1));
        p.type_char('i');
        assert_eq!(p.visible(), vec![0]);
        assert_eq!(p.chosen(), vec!["alibaba".to_string()]);
        p.backspace();
        p.backspace();
        p.backspace();
        p.place_cursor("meta");
        assert_eq!(p.current(), Some(2));
        p.toggle();
        p.move_by(-1);
        assert_eq!(
            p.chosen(),
            vec!["meta".to_string()],
            "marked wins over the cursor"
        );
    }

    #[test]
    fn unmarking_what_the_filter_held_clears_it() {
        let mut p = picker();
        p.marked[2] = true;
        p.opened_marked = true;
        p.place_cursor("meta");
        p.toggle();
        p.move_by(-2);
        assert!(p.chosen().is_empty(), "not the item under the cursor");
        // A picker opened with nothing marked still takes the one under the cursor.
        let mut q = picker();
        q.move_by(1);
        assert_eq!(q.chosen(), vec!["alphabet".to_string()]);
    }
}
