//! Where the map's text labels go: beside their markers, never over another label or a
//! marker, never outside the panel. Labels are placed in the order given (most important
//! first), so when space runs out the least important are dropped. Pure: cells in, boxes out.

/// A label to place: the cell of its marker and its width in cells (one row high).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub anchor: (u16, u16),
    pub width: u16,
}

/// A placed label: which candidate, and the cell its text starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub index: usize,
    pub x: u16,
    pub y: u16,
    pub width: u16,
}

impl Placed {
    /// Whether two labels touch: on the same row with fewer than one blank cell between them.
    pub fn touches(&self, o: &Placed) -> bool {
        self.y == o.y
            && u32::from(self.x) < u32::from(o.x) + u32::from(o.width) + 1
            && u32::from(o.x) < u32::from(self.x) + u32::from(self.width) + 1
    }

    pub fn covers(&self, (x, y): (u16, u16)) -> bool {
        y == self.y && x >= self.x && u32::from(x) < u32::from(self.x) + u32::from(self.width)
    }
}

/// Places `candidates` (most important first) in a `cols` x `rows` panel. Each is tried right
/// of its marker, then left, then on the rows above and below; `markers` are cells no label
/// may cover (every marker drawn, its own included). A label that fits nowhere is left out.
pub fn place(
    candidates: &[Candidate],
    markers: &[(u16, u16)],
    cols: u16,
    rows: u16,
) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::new();
    for (index, c) in candidates.iter().enumerate() {
        if c.width == 0 || c.width > cols {
            continue;
        }
        let (ax, ay) = (i32::from(c.anchor.0), i32::from(c.anchor.1));
        let w = i32::from(c.width);
        let spots = [
            (ax + 2, ay),
            (ax - w - 1, ay),
            (ax + 1, ay - 1),
            (ax + 1, ay + 1),
            (ax - w, ay - 1),
            (ax - w, ay + 1),
        ];
        let fits = |&(x, y): &(i32, i32)| -> Option<Placed> {
            if x < 0 || y < 0 || x + w > i32::from(cols) || y >= i32::from(rows) {
                return None;
            }
            let p = Placed {
                index,
                x: x as u16,
                y: y as u16,
                width: c.width,
            };
            let clear = !out.iter().any(|o| o.touches(&p)) && !markers.iter().any(|m| p.covers(*m));
            clear.then_some(p)
        };
        if let Some(p) = spots.iter().find_map(fits) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: u16) -> u16 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % u64::from(n.max(1))) as u16
        }
    }

    fn check(placed: &[Placed], markers: &[(u16, u16)], cols: u16, rows: u16) {
        for (i, a) in placed.iter().enumerate() {
            assert!(
                u32::from(a.x) + u32::from(a.width) <= u32::from(cols),
                "{a:?} leaves the map"
            );
            assert!(a.y < rows, "{a:?} below the map");
            for b in &placed[i + 1..] {
                assert!(!a.touches(b), "{a:?} overlaps {b:?}");
            }
            for m in markers {
                assert!(!a.covers(*m), "{a:?} covers marker {m:?}");
            }
        }
    }

    #[test]
    fn labels_never_overlap_cover_markers_or_leave_the_map() {
        let mut rng = Lcg(7);
        for round in 0..500 {
            let (cols, rows) = (10 + rng.next(110), 3 + rng.next(40));
            // Crowded: many markers in a small corner, like Europe on a world map.
            let n = 1 + rng.next(40) as usize;
            let spread = if round % 2 == 0 {
                (cols / 4).max(1)
            } else {
                cols
            };
            let cands: Vec<Candidate> = (0..n)
                .map(|_| Candidate {
                    anchor: (rng.next(spread), rng.next(rows)),
                    width: 1 + rng.next(14),
                })
                .collect();
            let markers: Vec<(u16, u16)> = cands.iter().map(|c| c.anchor).collect();
            let placed = place(&cands, &markers, cols, rows);
            check(&placed, &markers, cols, rows);
            // Every placed label is next to its own marker.
            for p in &placed {
                let (ax, ay) = cands[p.index].anchor;
                assert!(p.y.abs_diff(ay) <= 1);
                assert!(p.x <= ax + 2 && u32::from(p.x) + u32::from(p.width) + 1 >= u32::from(ax));
            }
        }
    }

    #[test]
    fn the_least_important_are_dropped_first() {
        // Three labels fighting for one row of a 20-cell panel: the last loses.
        let cands = [(0, 6), (9, 6), (10, 6)].map(|(x, width)| Candidate {
            anchor: (x, 0),
            width,
        });
        let placed = place(&cands, &[(0, 0), (9, 0), (10, 0)], 20, 1);
        let ix: Vec<usize> = placed.iter().map(|p| p.index).collect();
        assert_eq!(ix, [0, 1]);
        // At the right edge, a label goes left of its marker instead of off the map.
        let placed = place(
            &[Candidate {
                anchor: (18, 0),
                width: 6,
            }],
            &[(18, 0)],
            20,
            1,
        );
        assert_eq!((placed[0].x, placed[0].y), (11, 0));
        // Too wide for the panel: left out, not cut.
        assert!(
            place(
                &[Candidate {
                    anchor: (0, 0),
                    width: 30
                }],
                &[],
                20,
                3
            )
            .is_empty()
        );
    }
}
