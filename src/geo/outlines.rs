//! Country outlines at two levels of detail, derived from Natural Earth by
//! `scripts/derive_outlines.py` into `data/outlines.txt` and compiled into the binary. Parsed
//! on first use (the map view), not at start.

use std::sync::OnceLock;

use super::projection::Bounds;
use crate::model::codes::CountryCode;

pub const BUNDLED_OUTLINES: &str = include_str!("../../data/outlines.txt");

/// Level 0: the world view; level 1: zoomed in.
pub const COARSE: u8 = 0;
pub const FINE: u8 = 1;

/// One closed ring of a country's outline (an island, a mainland or a hole).
#[derive(Debug, Clone, PartialEq)]
pub struct Ring {
    pub code: CountryCode,
    pub level: u8,
    pub bounds: Bounds,
    /// (longitude, latitude) in degrees; the last point joins the first.
    pub points: Vec<(f32, f32)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outlines {
    pub rings: Vec<Ring>,
}

impl Outlines {
    /// Reads the format `derive_outlines.py` writes: `CC LEVEL x0 y0 dx dy ...` in 1/100
    /// degree, one ring per line, `#` comments.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut rings = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |what: &str| format!("outlines line {}: {what}", n + 1);
            let mut f = line.split_ascii_whitespace();
            let code = f
                .next()
                .and_then(CountryCode::parse)
                .ok_or_else(|| bad("no country code"))?;
            let level = f
                .next()
                .and_then(|l| l.parse::<u8>().ok())
                .filter(|l| *l <= FINE)
                .ok_or_else(|| bad("no level"))?;
            let nums: Vec<i32> = f
                .map(|x| x.parse::<i32>().map_err(|_| bad("not a number")))
                .collect::<Result<_, _>>()?;
            if nums.len() < 6 || !nums.len().is_multiple_of(2) {
                return Err(bad("a ring needs three points or more"));
            }
            let (mut x, mut y) = (0i64, 0i64);
            let mut points = Vec::with_capacity(nums.len() / 2);
            for p in nums.chunks_exact(2) {
                x += i64::from(p[0]);
                y += i64::from(p[1]);
                if x.abs() > 36_000 || y.abs() > 9_000 {
                    return Err(bad("a point outside the world"));
                }
                points.push((x as f32 / 100.0, y as f32 / 100.0));
            }
            let bounds = Bounds::of(points.iter().map(|&(a, b)| (f64::from(a), f64::from(b))))
                .ok_or_else(|| bad("no points"))?;
            rings.push(Ring {
                code,
                level,
                bounds,
                points,
            });
        }
        Ok(Self { rings })
    }

    /// The bundled outlines, parsed once.
    pub fn bundled() -> &'static Outlines {
        static CELL: OnceLock<Outlines> = OnceLock::new();
        CELL.get_or_init(|| Outlines::parse(BUNDLED_OUTLINES).expect("bundled outlines parse"))
    }

    pub fn level(&self, level: u8) -> impl Iterator<Item = &Ring> {
        self.rings.iter().filter(move |r| r.level == level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_outlines_cover_the_big_countries_at_both_levels() {
        let o = Outlines::bundled();
        for cc in [
            "US", "CN", "DE", "FR", "JP", "KR", "TW", "IN", "BR", "GB", "AE", "SG",
        ] {
            let code = CountryCode::parse(cc).unwrap();
            let has = |level| o.level(level).any(|r| r.code == code);
            // Singapore is too small for the world view.
            assert!(has(FINE), "{cc} fine");
            assert!(has(COARSE) || cc == "SG", "{cc} coarse");
        }
        let de = CountryCode::parse("DE").unwrap();
        let r = o.level(FINE).find(|r| r.code == de).unwrap();
        assert!(r.bounds.west > 5.0 && r.bounds.east < 16.0 && r.bounds.north < 56.0);
    }

    #[test]
    fn bad_lines_are_errors_not_panics() {
        assert!(Outlines::parse("XX 0 1 2").is_err());
        assert!(Outlines::parse("1 0 1 2 3 4 5 6").is_err());
        assert!(Outlines::parse("DE 7 1 2 3 4 5 6").is_err());
        assert!(Outlines::parse("DE 0 99999 0 1 1 1 1 1 1").is_err());
        assert_eq!(
            Outlines::parse("# c\nDE 1 0 0 100 0 0 100")
                .unwrap()
                .rings
                .len(),
            1
        );
    }
}
