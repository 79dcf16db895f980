//! Longitude and latitude to terminal cells: a viewport in degrees (equirectangular), fitted
//! to a bounding box with the cell aspect in mind, zoomed and panned. Pure values, no terminal.

/// A rectangle of the world in degrees: west/east longitude, south/north latitude.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

/// The whole map: the populated latitudes, as the world view shows them.
pub const WORLD: Viewport = Viewport {
    west: -180.0,
    east: 180.0,
    south: -58.0,
    north: 84.0,
};

/// The narrowest view in degrees of longitude (about a small country).
pub const MIN_SPAN: f64 = 6.0;

/// A terminal cell is about twice as tall as it is wide.
const CELL_ASPECT: f64 = 2.0;

/// A box of points in degrees, grown one point at a time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl Bounds {
    pub fn of(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Self> {
        let mut b: Option<Bounds> = None;
        for (lon, lat) in points {
            if !lon.is_finite() || !lat.is_finite() {
                continue;
            }
            let x = b.get_or_insert(Bounds {
                west: lon,
                east: lon,
                south: lat,
                north: lat,
            });
            x.west = x.west.min(lon);
            x.east = x.east.max(lon);
            x.south = x.south.min(lat);
            x.north = x.north.max(lat);
        }
        b
    }
}

impl Viewport {
    pub fn lon_span(&self) -> f64 {
        self.east - self.west
    }

    pub fn lat_span(&self) -> f64 {
        self.north - self.south
    }

    pub fn center(&self) -> (f64, f64) {
        (
            (self.west + self.east) / 2.0,
            (self.south + self.north) / 2.0,
        )
    }

    /// Whether this is (about) the whole world, where the coarse outlines are enough.
    pub fn is_world(&self) -> bool {
        self.lon_span() >= 180.0
    }

    /// A point as fractional grid coordinates in a grid of `cols` x `rows` (any unit: cells or
    /// braille dots): x grows east, y grows south; the viewport's edges are 0 and `cols`/`rows`.
    pub fn to_grid(&self, lon: f64, lat: f64, cols: f64, rows: f64) -> (f64, f64) {
        let x = (lon - self.west) / self.lon_span() * cols;
        let y = (self.north - lat) / self.lat_span() * rows;
        (x, y)
    }

    /// The cell holding a point in a `cols` x `rows` panel, or `None` outside it.
    pub fn cell(&self, lon: f64, lat: f64, cols: u16, rows: u16) -> Option<(u16, u16)> {
        let (x, y) = self.to_grid(lon, lat, f64::from(cols), f64::from(rows));
        if !(x >= 0.0 && y >= 0.0 && x < f64::from(cols) && y < f64::from(rows)) {
            return None;
        }
        Some((x as u16, y as u16))
    }

    /// The view of `b` grown by a margin, widened in one direction so the map is not squashed
    /// in a `cols` x `rows` panel, and kept inside the world.
    pub fn fit(b: Bounds, cols: u16, rows: u16) -> Viewport {
        let cols = f64::from(cols.max(1));
        let rows = f64::from(rows.max(1));
        let (cx, cy) = ((b.west + b.east) / 2.0, (b.south + b.north) / 2.0);
        let margin = |span: f64| span * 0.15 + 3.0;
        let lon = b.east - b.west;
        let lat = b.north - b.south;
        let lon = lon + 2.0 * margin(lon);
        let lat = lat + 2.0 * margin(lat);
        // Degrees of latitude per degree of longitude on screen, at this latitude.
        let k = Self::lat_per_lon(cy, cols, rows);
        let lon_span = lon.max(lat / k).max(MIN_SPAN);
        // Most of the world is the world.
        if lon_span > WORLD.lon_span() * 0.75 {
            return WORLD;
        }
        Self::around(cx, cy, lon_span, lon_span * k)
    }

    /// How many degrees of latitude a panel shows per degree of longitude, so that shapes keep
    /// their proportions near latitude `lat`.
    fn lat_per_lon(lat: f64, cols: f64, rows: f64) -> f64 {
        let cos = lat.to_radians().cos().max(0.2);
        CELL_ASPECT * rows * cos / cols
    }

    /// A view of the given spans centred on (`cx`, `cy`), inside the world.
    fn around(cx: f64, cy: f64, lon_span: f64, lat_span: f64) -> Viewport {
        if lon_span >= WORLD.lon_span() {
            return WORLD;
        }
        let lat_span = lat_span.min(WORLD.lat_span());
        let west = (cx - lon_span / 2.0).clamp(WORLD.west, WORLD.east - lon_span);
        let south = (cy - lat_span / 2.0).clamp(WORLD.south, WORLD.north - lat_span);
        Viewport {
            west,
            east: west + lon_span,
            south,
            north: south + lat_span,
        }
    }

    /// Zoomed in (`factor` < 1) or out (> 1) around the centre, within `MIN_SPAN` and the world.
    pub fn zoom(&self, factor: f64) -> Viewport {
        let (cx, cy) = self.center();
        let lon = (self.lon_span() * factor).max(MIN_SPAN);
        let ratio = self.lat_span() / self.lon_span();
        if *self == WORLD && factor >= 1.0 {
            return WORLD;
        }
        Self::around(cx, cy, lon, lon * ratio)
    }

    /// Moved by a fraction of its own size (`dx` east, `dy` north), stopping at the world's
    /// edges.
    pub fn pan(&self, dx: f64, dy: f64) -> Viewport {
        let (cx, cy) = self.center();
        if *self == WORLD {
            return WORLD;
        }
        Self::around(
            cx + dx * self.lon_span(),
            cy + dy * self.lat_span(),
            self.lon_span(),
            self.lat_span(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside_world(v: &Viewport) -> bool {
        v.west >= WORLD.west - 1e-9
            && v.east <= WORLD.east + 1e-9
            && v.south >= WORLD.south - 1e-9
            && v.north <= WORLD.north + 1e-9
    }

    #[test]
    fn cells_cover_the_panel_and_nothing_outside() {
        let v = WORLD;
        assert_eq!(v.cell(-180.0, 84.0, 80, 20), Some((0, 0)));
        assert_eq!(v.cell(179.99, -57.99, 80, 20), Some((79, 19)));
        assert_eq!(v.cell(180.0, 0.0, 80, 20), None);
        assert_eq!(v.cell(0.0, 85.0, 80, 20), None);
        assert_eq!(v.cell(f64::NAN, 0.0, 80, 20), None);
        // East is right, north is up.
        let (a, b) = (
            v.cell(10.0, 50.0, 80, 20).unwrap(),
            v.cell(20.0, 40.0, 80, 20).unwrap(),
        );
        assert!(a.0 < b.0 && a.1 < b.1);
    }

    #[test]
    fn fitting_keeps_the_box_and_the_proportions() {
        // Europe, from Lisbon to Helsinki.
        let b = Bounds::of([(-9.1, 38.7), (24.9, 60.2), (23.7, 37.9), (-6.3, 53.3)]).unwrap();
        let v = Viewport::fit(b, 70, 36);
        assert!(v.west < b.west && v.east > b.east && v.south < b.south && v.north > b.north);
        assert!(inside_world(&v));
        assert!(v.lon_span() < 90.0, "{v:?}");
        // One degree of longitude takes about cos(lat) of one of latitude, on screen.
        let cell_w = v.lon_span() / 70.0;
        let cell_h = v.lat_span() / 36.0;
        let expect = 2.0 * v.center().1.to_radians().cos();
        assert!((cell_h / cell_w - expect).abs() < 0.05, "{cell_w} {cell_h}");
        // A single point still gives a view, not a zero-sized one.
        let one = Viewport::fit(Bounds::of([(103.8, 1.35)]).unwrap(), 70, 36);
        assert!(one.lon_span() >= MIN_SPAN && inside_world(&one));
        // Points all over the world: the world.
        let all = Bounds::of([(-120.0, 40.0), (140.0, 35.0), (-50.0, -20.0)]).unwrap();
        assert_eq!(Viewport::fit(all, 70, 36), WORLD);
    }

    #[test]
    fn zoom_and_pan_stay_inside_the_world() {
        let mut v = WORLD;
        for _ in 0..10 {
            v = v.zoom(0.5);
            assert!(inside_world(&v) && v.lon_span() >= MIN_SPAN);
        }
        assert_eq!(v.lon_span(), MIN_SPAN);
        for _ in 0..1000 {
            v = v.pan(0.25, 0.25);
            assert!(inside_world(&v), "{v:?}");
        }
        assert!((v.east - WORLD.east).abs() < 1e-6, "{v:?}");
        assert!((v.north - WORLD.north).abs() < 1e-6, "{v:?}");
        for _ in 0..20 {
            v = v.zoom(2.0);
        }
        assert_eq!(v, WORLD);
        assert_eq!(WORLD.pan(0.25, 0.0), WORLD);
    }
}
