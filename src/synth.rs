//! A deterministic generator of synthetic company files in the SPEC format, for benchmarks and
//! scale tests: a realistic mix of currencies, ranges, periods, countries, sites, qualifiers,
//! revision chains and parts, and records of realistic size (about 420 bytes: a rated source
//! with the quoted sentence, sites on 30%; 100,000 records are about 42 MB in 2,000 files).
//! The same spec always gives the same bytes.

use std::fmt::Write as _;

use crate::load::InputFile;

#[derive(Debug, Clone, Copy)]
pub struct SynthSpec {
    pub companies: usize,
    pub announcements: usize,
    pub seed: u64,
    /// Clean data when true; when false, every source is unrated and has no quote, so every
    /// record draws a warning (and one with an amount two): a start with warnings.
    pub quoted: bool,
}

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Currencies weighted roughly as in real announcements; TWD has no ECB rate on purpose.
const CURRENCIES: &[&str] = &[
    "USD", "USD", "USD", "USD", "USD", "USD", "CNY", "CNY", "CNY", "EUR", "EUR", "GBP", "JPY",
    "INR", "KRW", "BRL", "SAR", "AED", "AUD", "TWD",
];
const COUNTRIES: &[&str] = &[
    "US", "CN", "GB", "FR", "DE", "NL", "JP", "KR", "IN", "BR", "MX", "AE", "SA", "SG", "MY", "ID",
    "TH", "AU", "ES", "IT", "SE", "NO", "PL", "PT", "CA", "ZA", "TW", "VN", "PH", "CL",
];
const CITIES: &[(&str, &str, f64, f64)] = &[
    ("US", "Abilene", 32.45, -99.73),
    ("CN", "Zhangbei", 41.16, 114.71),
    ("GB", "London", 51.51, -0.13),
    ("FR", "Paris", 48.85, 2.35),
    ("DE", "Frankfurt am Main", 50.12, 8.68),
    ("NL", "Amsterdam", 52.37, 4.89),
    ("JP", "東京", 35.69, 139.69),
    ("KR", "서울", 37.57, 126.98),
    ("IN", "Mumbai", 19.07, 72.88),
    ("BR", "São Paulo", -23.55, -46.63),
    ("MX", "Querétaro", 20.59, -100.39),
    ("AE", "Dubai", 25.08, 55.31),
    ("SA", "Riyadh", 24.69, 46.72),
    ("SG", "Singapore", 1.29, 103.85),
    ("MY", "Johor Bahru", 1.47, 103.76),
];
const KINDS: &[&str] = &[
    "capex-plan",
    "capex-guidance",
    "country-investment",
    "datacenter",
    "partnership",
    "chips",
    "program",
    "other",
];
const WORDS: &[&str] = &[
    "cloud",
    "AI",
    "data centre",
    "infrastructure",
    "GPU cluster",
    "region",
    "campus",
    "fab",
    "supercomputer",
    "sovereign",
    "capex",
    "expansion",
    "inference",
    "training",
    "network",
];
/// Publishers and their domains (each rated in data/sources.toml).
const PUBLISHERS: &[(&str, &str)] = &[
    ("Reuters", "www.reuters.com"),
    ("Bloomberg", "www.bloomberg.com"),
    ("Xinhua", "english.news.cn"),
    ("Nikkei Asia", "asia.nikkei.com"),
    ("CNBC", "www.cnbc.com"),
    ("Financial Times", "www.ft.com"),
    ("DatacenterDynamics", "www.datacenterdynamics.com"),
];
const VERBS: &[&str] = &["invest", "spend", "commit", "put", "allocate"];

/// The files: `synthetic/announcements/co-00001.toml`, ... Announcements are spread evenly
/// over the companies; within a company they are in date order, so revisions point back.
pub fn generate(spec: SynthSpec) -> Vec<InputFile> {
    let mut rng = Rng(spec.seed);
    let companies = spec.companies.max(1);
    let mut files = Vec::with_capacity(companies);
    let mut made = 0;
    for c in 0..companies {
        let n = (spec.announcements - made) / (companies - c);
        made += n;
        let id = format!("co-{:05}", c + 1);
        let mut s = String::with_capacity(n * 420 + 200);
        let _ = write!(
            s,
            "[company]\nid = \"{id}\"\nname = \"Synthetic Company {}\"\n",
            c + 1
        );
        if rng.chance(30) {
            let _ = writeln!(s, "local_name = \"合成公司{}\"", c + 1);
        }
        let _ = writeln!(
            s,
            "hq = \"{}\"\ntickers = [\"SYN{}\"]\nkind = \"hyperscaler\"",
            rng.pick(COUNTRIES),
            c + 1
        );
        // Dates ascend within a company: day numbers from 2019-01-01 over ~7.5 years.
        let mut days: Vec<u64> = (0..n).map(|_| rng.next() % 2750).collect();
        days.sort_unstable();
        let mut amounts: Vec<bool> = Vec::with_capacity(n);
        // Spend figures of one company are linked in one revision chain, as the SPEC's overlap
        // rule asks of real data.
        let mut last_spend: Option<usize> = None;
        for (k, day) in days.iter().enumerate() {
            let date = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default()
                + chrono::Duration::days(*day as i64);
            let aid = format!("{id}-a{:05}", k + 1);
            let kind = rng.pick(KINDS);
            let _ = write!(
                s,
                "\n[[announcement]]\nid = \"{aid}\"\ndate = {date}\ntitle = \"{} {} {} in {}\"\nkind = \"{kind}\"\n",
                rng.pick(WORDS),
                rng.pick(WORDS),
                k + 1,
                rng.pick(COUNTRIES)
            );
            let has_amount = rng.chance(70);
            amounts.push(has_amount);
            if has_amount {
                let base = (1 + rng.below(500)) as i64 * 100_000_000;
                if rng.chance(20) {
                    let _ = writeln!(s, "amount = {{ min = {base}, max = {} }}", base + base / 5);
                } else {
                    let _ = writeln!(s, "amount = {base}");
                }
                let _ = writeln!(s, "currency = \"{}\"", rng.pick(CURRENCIES));
                if rng.chance(20) {
                    let _ = writeln!(
                        s,
                        "qualifier = \"{}\"",
                        rng.pick(&["about", "more-than", "up-to"])
                    );
                }
                if rng.chance(10) {
                    let _ = writeln!(s, "source_usd = {}", base / 7);
                }
            }
            if rng.chance(50) {
                let from = 2019 + (*day / 365) as i32;
                let _ = writeln!(
                    s,
                    "period = {{ from = {from}, to = {} }}",
                    from + rng.below(5) as i32
                );
            }
            let nc = rng.below(4);
            if nc > 0 {
                let cs: Vec<String> = (0..nc)
                    .map(|_| format!("\"{}\"", rng.pick(COUNTRIES)))
                    .collect();
                let mut cs = cs;
                cs.sort();
                cs.dedup();
                let _ = writeln!(s, "countries = [{}]", cs.join(", "));
            }
            // Revisions point to an earlier record of the same company, parts likewise.
            let spend = matches!(*kind, "capex-plan" | "capex-guidance");
            if spend && let Some(prev) = last_spend {
                let _ = writeln!(s, "revises = \"{id}-a{:05}\"", prev + 1);
            } else if k > 0 && rng.chance(10) {
                let _ = writeln!(s, "revises = \"{id}-a{:05}\"", rng.below(k) + 1);
            } else if k > 0 && rng.chance(5) {
                let target = rng.below(k);
                if amounts[target] {
                    let _ = writeln!(s, "part_of = \"{id}-a{:05}\"", target + 1);
                }
            }
            if spend {
                last_spend = Some(k);
            }
            let (publisher, domain) = *rng.pick(PUBLISHERS);
            let domain = if spec.quoted { domain } else { "example.com" };
            let _ = write!(
                s,
                "\n[[announcement.sources]]\nurl = \"https://{domain}/{aid}\"\npublisher = \"{publisher}\"\n"
            );
            if spec.quoted {
                let _ = writeln!(
                    s,
                    "quote = \"Company {} said it would {} the sum in {} and {}.\"",
                    c + 1,
                    rng.pick(VERBS),
                    rng.pick(WORDS),
                    rng.pick(WORDS),
                );
            }
            if rng.chance(30) {
                for _ in 0..1 + rng.below(2) {
                    let (cc, city, lat, lon) = *rng.pick(CITIES);
                    let _ = write!(
                        s,
                        "\n[[announcement.sites]]\ncountry = \"{cc}\"\ncity = \"{city}\"\nstatus = \"{}\"\nopens = {}\nlat = {lat}\nlon = {lon}\n",
                        rng.pick(&["announced", "under-construction", "operational"]),
                        2024 + rng.below(5)
                    );
                }
            }
        }
        files.push(InputFile {
            path: format!("synthetic/announcements/{id}.toml"),
            bytes: s.into_bytes(),
        });
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let spec = SynthSpec {
            companies: 7,
            announcements: 100,
            seed: 42,
            quoted: true,
        };
        let a = generate(spec);
        let b = generate(spec);
        assert_eq!(a.len(), 7);
        assert!(a.iter().zip(&b).all(|(x, y)| x.bytes == y.bytes));
        let records: usize = a
            .iter()
            .map(|f| {
                String::from_utf8_lossy(&f.bytes)
                    .matches("[[announcement]]")
                    .count()
            })
            .sum();
        assert_eq!(records, 100);
    }
}
