//! Small copyable codes: ISO 3166-1 alpha-2 countries and ISO 4217 currencies.

use std::fmt;

/// An ISO 3166-1 alpha-2 code, upper case. Whether it names a real country is the countries
/// table's business; this type only guarantees the shape.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "[u8; 2]")]
pub struct CountryCode([u8; 2]);

/// Decoding (the cache) checks the shape as `parse` does: `slot` relies on it.
impl TryFrom<[u8; 2]> for CountryCode {
    type Error = &'static str;
    fn try_from(b: [u8; 2]) -> Result<Self, Self::Error> {
        std::str::from_utf8(&b)
            .ok()
            .and_then(Self::parse)
            .ok_or("not a country code")
    }
}

impl CountryCode {
    pub fn parse(s: &str) -> Option<Self> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Some(Self([*a, *b])),
            _ => None,
        }
    }
    /// Number of distinct codes: 26 x 26.
    pub const SLOTS: usize = 26 * 26;

    /// A dense index from 0 to `SLOTS - 1`, for arrays indexed by country.
    pub fn slot(&self) -> usize {
        (self.0[0] - b'A') as usize * 26 + (self.0[1] - b'A') as usize
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ISO 4217 currency code, upper case.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "[u8; 3]")]
pub struct Currency([u8; 3]);

/// Decoding (the cache) checks the shape as `parse` does.
impl TryFrom<[u8; 3]> for Currency {
    type Error = &'static str;
    fn try_from(b: [u8; 3]) -> Result<Self, Self::Error> {
        std::str::from_utf8(&b)
            .ok()
            .and_then(Self::parse)
            .ok_or("not a currency code")
    }
}

/// Active ISO 4217 codes (list one, 2026), plus XDR.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV \
BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD \
EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR \
ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK \
MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG \
QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT \
TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XDR XOF \
XPF YER ZAR ZMW ZWG ZWL";

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const CNY: Currency = Currency(*b"CNY");
    pub const EUR: Currency = Currency(*b"EUR");

    /// Any three upper-case letters (rates files may carry codes this build does not list).
    pub fn parse(s: &str) -> Option<Self> {
        match s.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
                Some(Self([*a, *b, *c]))
            }
            _ => None,
        }
    }

    /// A code that ISO 4217 lists.
    pub fn parse_iso(s: &str) -> Option<Self> {
        // The list, sorted once: every record's currency is looked up, so no scan per record.
        static CODES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        let codes = CODES.get_or_init(|| {
            let mut v: Vec<&str> = ISO_4217.split_ascii_whitespace().collect();
            v.sort_unstable();
            v
        });
        Self::parse(s).filter(|c| codes.binary_search(&c.as_str()).is_ok())
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The prefix shown before a humanised figure: a symbol where it is unambiguous in this
    /// app's context (¥ is the yuan; the yen is JP¥), else the code and a space.
    pub fn prefix(&self) -> String {
        let symbol = match self.as_str() {
            "USD" => "$",
            "CNY" => "¥",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" => "JP¥",
            "INR" => "₹",
            "KRW" => "₩",
            "BRL" => "R$",
            "AUD" => "A$",
            "CAD" => "C$",
            "HKD" => "HK$",
            other => return format!("{other} "),
        };
        symbol.to_string()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_only_their_shape() {
        assert_eq!(CountryCode::parse("CN").unwrap().as_str(), "CN");
        assert!(CountryCode::parse("cn").is_none());
        assert!(CountryCode::parse("CHN").is_none());
        assert!(Currency::parse_iso("CNY").is_some());
        assert!(Currency::parse_iso("XYZ").is_none());
        assert!(Currency::parse("XYZ").is_some());
        assert!(Currency::parse("US").is_none());
    }

    #[test]
    fn yuan_and_yen_are_told_apart() {
        assert_eq!(Currency::CNY.prefix(), "¥");
        assert_eq!(Currency::parse("JPY").unwrap().prefix(), "JP¥");
        assert_eq!(Currency::parse("SAR").unwrap().prefix(), "SAR ");
    }
}
