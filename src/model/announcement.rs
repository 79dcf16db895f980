//! The records of the dataset: companies, announcements, sites, and their small enums.

use chrono::NaiveDate;

use super::codes::{CountryCode, Currency};

/// Where a record came from, for the loader's diagnostics. Not kept in the cache of parsed
/// data: a record from the cache has an empty origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    /// Shared by every record of a file.
    pub path: std::sync::Arc<str>,
    pub line: usize,
    pub col: usize,
}

macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            /// The accepted spellings, for diagnostics.
            pub fn choices() -> String {
                [$($text),+].join(" | ")
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

str_enum!(
    /// What kind of organisation a company file describes.
    CompanyKind {
        Hyperscaler = "hyperscaler",
        AiLab = "ai-lab",
        Chipmaker = "chipmaker",
        Telecom = "telecom",
        Government = "government",
        Investor = "investor",
        Other = "other",
    }
);

str_enum!(
    /// What an announcement promises.
    Kind {
        CapexPlan = "capex-plan",
        CapexGuidance = "capex-guidance",
        CountryInvestment = "country-investment",
        Datacenter = "datacenter",
        Partnership = "partnership",
        Chips = "chips",
        Program = "program",
        Other = "other",
    }
);

str_enum!(
    /// The source's own wording around a figure.
    Qualifier {
        About = "about",
        MoreThan = "more-than",
        UpTo = "up-to",
    }
);

impl Qualifier {
    /// The sign shown before an amount: `~`, `>` or `≤`.
    pub fn sign(self) -> &'static str {
        match self {
            Qualifier::About => "~",
            Qualifier::MoreThan => ">",
            Qualifier::UpTo => "≤",
        }
    }
}

str_enum!(
    /// How far a data-center site has come.
    SiteStatus {
        Announced = "announced",
        UnderConstruction = "under-construction",
        Operational = "operational",
    }
);

/// An amount as announced: a range in whole units of one currency (a plain figure is `min == max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Money {
    pub min: i64,
    pub max: i64,
    pub currency: Currency,
}

/// The longest `period` accepted: a longer one is almost surely a typo, and spreading it
/// would cost time for nothing.
pub const MAX_PERIOD_YEARS: i32 = 100;

/// Inclusive calendar years over which an amount is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

impl Period {
    pub fn years(self) -> i32 {
        self.to - self.from + 1
    }
    pub fn contains(self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub local_name: Option<String>,
    pub hq: CountryCode,
    pub tickers: Vec<String>,
    pub kind: Option<CompanyKind>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Company {
    /// "Alibaba Group (阿里巴巴集团)", or just the name.
    pub fn display_name(&self) -> String {
        match &self.local_name {
            Some(local) => format!("{} ({local})", self.name),
            None => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub url: String,
    pub publisher: String,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Site {
    pub country: CountryCode,
    pub city: Option<String>,
    pub status: Option<SiteStatus>,
    pub opens: Option<i32>,
    pub position: Option<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Announcement {
    pub id: String,
    /// Index into `Dataset::companies`.
    pub company: usize,
    #[serde(with = "days_from_ce")]
    pub date: NaiveDate,
    pub title: String,
    pub kind: Kind,
    pub amount: Option<Money>,
    pub period: Period,
    pub countries: Vec<CountryCode>,
    pub revises: Option<String>,
    pub part_of: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub source_usd: Option<i64>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub source: Source,
    pub sites: Vec<Site>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A date stored as its day number (for the cache: an integer decodes much faster than text).
mod days_from_ce {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(d.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let n = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(n)
            .ok_or_else(|| serde::de::Error::custom(format!("day {n} is not a date")))
    }
}
