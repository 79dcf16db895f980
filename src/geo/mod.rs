//! Countries: names, UN M49 regions and sub-regions, and the marker position on the map.

pub mod labels;
pub mod outlines;
pub mod projection;
pub mod raster;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::codes::CountryCode;
use crate::model::text::sanitize;

#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub name: String,
    /// UN M49 region: Africa, Americas, Asia, Europe, Oceania.
    pub region: String,
    /// UN M49 sub-region: Eastern Asia, Northern America, ...
    pub subregion: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl Country {
    pub fn position(&self) -> Option<(f64, f64)> {
        Some((self.lat?, self.lon?))
    }
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Countries {
    map: BTreeMap<CountryCode, Country>,
}

impl Countries {
    /// Reads `countries.toml`: one `[countries.XX]` table per ISO alpha-2 code.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            countries: BTreeMap<String, Country>,
        }
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut map = BTreeMap::new();
        for (code, c) in file.countries {
            let k = CountryCode::parse(&code)
                .ok_or_else(|| format!("`{code}` is not an ISO 3166-1 alpha-2 code"))?;
            // Names are shown on screen and in tables: a user's table is data like any other.
            let c = Country {
                name: sanitize(&c.name),
                region: sanitize(&c.region),
                subregion: sanitize(&c.subregion),
                ..c
            };
            map.insert(k, c);
        }
        Ok(Self { map })
    }

    pub fn get(&self, code: CountryCode) -> Option<&Country> {
        self.map.get(&code)
    }

    pub fn contains(&self, code: CountryCode) -> bool {
        self.map.contains_key(&code)
    }

    pub fn name(&self, code: CountryCode) -> &str {
        self.get(code).map(|c| c.name.as_str()).unwrap_or("")
    }

    /// Whether `code` lies in the M49 region or sub-region `name` (case-insensitive).
    pub fn in_region(&self, code: CountryCode, name: &str) -> bool {
        self.get(code).is_some_and(|c| {
            c.region.eq_ignore_ascii_case(name) || c.subregion.eq_ignore_ascii_case(name)
        })
    }

    /// Every region and sub-region name, sorted, for pickers and `--region` checks.
    pub fn region_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .map
            .values()
            .flat_map(|c| [c.region.clone(), c.subregion.clone()])
            .filter(|s| !s.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn iter(&self) -> impl Iterator<Item = (CountryCode, &Country)> {
        self.map.iter().map(|(k, v)| (*k, v))
    }
}
