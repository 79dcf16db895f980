//! A braille dot grid (2 x 4 dots per cell) to draw outlines and shaded areas in, as a pure
//! value: the map view copies the cells it ends up with into the frame.

/// Shading levels: 0 is none, `LEVELS` the densest.
pub const LEVELS: u8 = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Dots {
    pub cols: u16,
    pub rows: u16,
    /// Braille bits per cell of the shaded areas, and of the outlines.
    fill: Vec<u8>,
    edge: Vec<u8>,
    /// The shading level of each cell (the highest drawn in it).
    level: Vec<u8>,
}

/// The braille bit of dot (`dx`, `dy`) in its cell (Unicode's dot numbering).
fn bit(dx: usize, dy: usize) -> u8 {
    const BITS: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];
    BITS[dx][dy]
}

/// Whether dot (`x`, `y`) is set in the pattern of shading `level`: 1, 2, 4 and 8 dots of
/// each cell's 8, so the levels read apart without colour.
pub fn pattern(level: u8, x: usize, y: usize) -> bool {
    match level {
        0 => false,
        1 => x.is_multiple_of(2) && y.is_multiple_of(4),
        2 => x.is_multiple_of(2) && y.is_multiple_of(2),
        3 => (x + y).is_multiple_of(2),
        _ => true,
    }
}

/// The cell a whole area of `level` shows, for the legend.
pub fn glyph(level: u8) -> char {
    let mut bits = 0u8;
    for dx in 0..2 {
        for dy in 0..4 {
            if pattern(level, dx, dy) {
                bits |= bit(dx, dy);
            }
        }
    }
    char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ')
}

impl Dots {
    pub fn new(cols: u16, rows: u16) -> Self {
        let n = usize::from(cols) * usize::from(rows);
        Self {
            cols,
            rows,
            fill: vec![0; n],
            edge: vec![0; n],
            level: vec![0; n],
        }
    }

    /// Width and height in dots.
    pub fn size(&self) -> (usize, usize) {
        (usize::from(self.cols) * 2, usize::from(self.rows) * 4)
    }

    fn index(&self, x: usize, y: usize) -> (usize, u8) {
        ((y / 4) * usize::from(self.cols) + x / 2, bit(x % 2, y % 4))
    }

    fn set_edge(&mut self, x: f64, y: f64) {
        let (w, h) = self.size();
        if x >= 0.0 && y >= 0.0 && x < w as f64 && y < h as f64 {
            let (i, b) = self.index(x as usize, y as usize);
            self.edge[i] |= b;
        }
    }

    /// An outline segment between two points in dot coordinates (clipped to the grid).
    pub fn line(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) {
        let (w, h) = self.size();
        let (w, h) = (w as f64, h as f64);
        if (x0 < 0.0 && x1 < 0.0)
            || (y0 < 0.0 && y1 < 0.0)
            || (x0 >= w && x1 >= w)
            || (y0 >= h && y1 >= h)
            || !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite())
        {
            return;
        }
        let steps = (x1 - x0)
            .abs()
            .max((y1 - y0).abs())
            .ceil()
            .min(4.0 * (w + h));
        let n = steps.max(1.0) as usize;
        for s in 0..=n {
            let t = s as f64 / n as f64;
            self.set_edge(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        }
    }

    /// Shades the area inside `rings` (even-odd rule; points in dot coordinates) with the
    /// pattern of `level`.
    pub fn fill(&mut self, rings: &[Vec<(f64, f64)>], level: u8) {
        let (w, h) = self.size();
        let (top, bottom) = rings
            .iter()
            .flatten()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
        if top > bottom {
            return;
        }
        let y0 = top.max(0.0).floor() as usize;
        let y1 = (bottom.min(h as f64 - 1.0)).max(0.0).ceil() as usize;
        let mut xs: Vec<f64> = Vec::new();
        for y in y0..=y1.min(h.saturating_sub(1)) {
            let sy = y as f64 + 0.5;
            xs.clear();
            for ring in rings {
                for (k, &(ax, ay)) in ring.iter().enumerate() {
                    let (bx, by) = ring[(k + 1) % ring.len()];
                    if (ay <= sy) != (by <= sy) {
                        xs.push(ax + (sy - ay) / (by - ay) * (bx - ax));
                    }
                }
            }
            xs.sort_by(f64::total_cmp);
            for pair in xs.chunks_exact(2) {
                let from = (pair[0] - 0.5).ceil().max(0.0) as usize;
                let to = ((pair[1] - 0.5).ceil().min(w as f64)).max(0.0) as usize;
                for x in from..to {
                    let (i, b) = self.index(x, y);
                    self.level[i] = self.level[i].max(level);
                    if pattern(level, x, y) {
                        self.fill[i] |= b;
                    }
                }
            }
        }
    }

    /// The cell at (`col`, `row`): its braille character (`None` when empty) and its shading
    /// level. Outlines cross shaded areas as gaps, so neighbours stay apart.
    pub fn cell(&self, col: u16, row: u16) -> (Option<char>, u8) {
        let i = usize::from(row) * usize::from(self.cols) + usize::from(col);
        let bits = self.fill[i] ^ self.edge[i];
        let ch = (bits != 0).then(|| char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' '));
        (ch, self.level[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_have_more_dots_as_they_rise() {
        let dots = |l| {
            (0..2)
                .flat_map(|x| (0..4).map(move |y| (x, y)))
                .filter(|&(x, y)| pattern(l, x, y))
                .count()
        };
        assert_eq!([0, 1, 2, 3, 4].map(dots), [0, 1, 2, 4, 8]);
        assert_eq!(glyph(4), '⣿');
        assert_eq!(glyph(1), '⠁');
    }

    #[test]
    fn a_square_is_filled_inside_only_and_lines_are_clipped() {
        let mut d = Dots::new(10, 5);
        // A square over cells 2..6 x 1..3 (dots 4..12 x 4..12).
        d.fill(
            &[vec![(4.0, 4.0), (12.0, 4.0), (12.0, 12.0), (4.0, 12.0)]],
            4,
        );
        assert_eq!(d.cell(3, 2), (Some('⣿'), 4));
        assert_eq!(d.cell(0, 0), (None, 0));
        assert_eq!(d.cell(6, 2), (None, 0));
        // A line far outside draws nothing and does not panic.
        d.line((-100.0, -100.0), (-50.0, 1e6));
        d.line((0.0, 0.0), (1e9, 1e9));
        assert!(d.cell(0, 0).0.is_some());
    }
}
