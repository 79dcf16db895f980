//! Source tiers (SPEC §2): publisher domains mapped to `primary`, `outlet` or `trade`; any
//! other domain is `unrated`.

use std::collections::HashMap;

use super::announcement::Tier;

#[derive(Debug, Clone, Default)]
pub struct SourceTiers {
    /// Lower-case registrable domain (or any host suffix) -> tier.
    domains: HashMap<String, Tier>,
}

impl SourceTiers {
    /// Reads `sources.toml`: a `[tiers]` table of `"domain" = "primary" | "outlet" | "trade"`.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            tiers: HashMap<String, String>,
        }
        let file: File = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
        let mut domains = HashMap::with_capacity(file.tiers.len());
        for (domain, tier) in file.tiers {
            let t = Tier::parse(&tier)
                .filter(|t| *t != Tier::Unrated)
                .ok_or_else(|| {
                    format!("`{domain}`: unknown tier `{tier}` (expected primary | outlet | trade)")
                })?;
            domains.insert(domain.trim_start_matches("www.").to_ascii_lowercase(), t);
        }
        Ok(SourceTiers { domains })
    }

    pub fn len(&self) -> usize {
        self.domains.len()
    }

    pub fn is_empty(&self) -> bool {
        self.domains.is_empty()
    }

    /// The tier of a URL: its host, or the nearest parent domain of it, in the table.
    pub fn tier_of(&self, url: &str) -> Tier {
        let Some(host) = host(url) else {
            return Tier::Unrated;
        };
        let mut rest = host.as_str();
        loop {
            if let Some(t) = self.domains.get(rest) {
                return *t;
            }
            match rest.split_once('.') {
                Some((_, parent)) if parent.contains('.') => rest = parent,
                _ => return Tier::Unrated,
            }
        }
    }
}

/// The lower-case host of an http(s) URL, without `www.`, port or credentials.
pub fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = authority.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> SourceTiers {
        SourceTiers::from_toml(
            "[tiers]\n\"microsoft.com\" = \"primary\"\n\"reuters.com\" = \"outlet\"\n\"www.datacenterdynamics.com\" = \"trade\"\n",
        )
        .unwrap()
    }

    #[test]
    fn hosts_and_parent_domains() {
        let t = table();
        assert_eq!(
            t.tier_of("https://news.microsoft.com/en-au/x"),
            Tier::Primary
        );
        assert_eq!(t.tier_of("https://www.reuters.com/a?b"), Tier::Outlet);
        assert_eq!(t.tier_of("http://datacenterdynamics.com:80/x"), Tier::Trade);
        assert_eq!(t.tier_of("https://notmicrosoft.com/x"), Tier::Unrated);
        assert_eq!(t.tier_of("https://squidsite02.com/x"), Tier::Unrated);
        assert_eq!(t.tier_of("ftp://reuters.com/x"), Tier::Unrated);
        assert_eq!(t.tier_of("https://user@reuters.com/"), Tier::Outlet);
    }

    #[test]
    fn unknown_tier_is_an_error() {
        let e = SourceTiers::from_toml("[tiers]\n\"x.com\" = \"great\"\n").unwrap_err();
        assert!(e.contains("unknown tier `great`"), "{e}");
        assert!(SourceTiers::from_toml("[tiers]\n\"x.com\" = \"unrated\"\n").is_err());
    }
}
