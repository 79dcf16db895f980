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

impl Kind {
    /// The family a kind's figures belong to (SPEC §3): figures of different families measure
    /// different things and are never added together unlabelled.
    pub fn family(self) -> Family {
        match self {
            Kind::CapexPlan | Kind::CapexGuidance => Family::Spend,
            Kind::CountryInvestment | Kind::Datacenter => Family::Pledge,
            Kind::Partnership | Kind::Chips => Family::Deal,
            Kind::Program => Family::Public,
            Kind::Other => Family::Other,
        }
    }
}

str_enum!(
    /// What a figure measures: a company's own capital spending, a pledge of where it builds,
    /// a deal between organisations, government money, or anything else.
    Family {
        Spend = "spend",
        Pledge = "pledge",
        Deal = "deal",
        Public = "public",
        Other = "other",
    }
);

impl Family {
    /// The kinds of this family, for help texts.
    pub fn kinds(self) -> Vec<Kind> {
        Kind::ALL
            .iter()
            .copied()
            .filter(|k| k.family() == self)
            .collect()
    }
}

str_enum!(
    /// How exactly the sources date an announcement.
    DatePrecision {
        Day = "day",
        Month = "month",
        Quarter = "quarter",
        Year = "year",
    }
);

impl DatePrecision {
    /// The date as precisely as it is known: `2024-02-15`, `2024-02`, `2024 Q1`, `2024`.
    pub fn format(self, d: NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            DatePrecision::Day => d.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => d.format("%Y-%m").to_string(),
            DatePrecision::Quarter => format!("{} Q{}", d.year(), d.month0() / 3 + 1),
            DatePrecision::Year => d.year().to_string(),
        }
    }
}

str_enum!(
    /// How much a source's publisher can be relied on (SPEC §2), best first: the organisation's
    /// own release, a news organisation with its own reporting, specialist press, anything else.
    Tier {
        Primary = "primary",
        Outlet = "outlet",
        Trade = "trade",
        Unrated = "unrated",
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
    /// The page's own date, when given.
    #[serde(with = "opt_days_from_ce")]
    pub published: Option<NaiveDate>,
    pub quote: Option<String>,
    /// From the tiers table, by the URL's domain (set by the loader).
    pub tier: Tier,
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
    pub date_precision: DatePrecision,
    /// One or more; the first is the main citation.
    pub sources: Vec<Source>,
    pub sites: Vec<Site>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Announcement {
    /// The main citation (the loader guarantees there is one).
    pub fn source(&self) -> &Source {
        &self.sources[0]
    }

    /// The best tier among the sources.
    pub fn best_tier(&self) -> Tier {
        self.sources
            .iter()
            .map(|s| s.tier)
            .min()
            .unwrap_or(Tier::Unrated)
    }

    pub fn family(&self) -> Family {
        self.kind.family()
    }

    /// The date as precisely as the sources give it.
    pub fn date_text(&self) -> String {
        self.date_precision.format(self.date)
    }
}

/// An optional date stored as its day number (see `days_from_ce`).
mod opt_days_from_ce {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.num_days_from_ce()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<i32>::deserialize(d)? {
            None => Ok(None),
            Some(n) => NaiveDate::from_num_days_from_ce_opt(n)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("day {n} is not a date"))),
        }
    }
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
