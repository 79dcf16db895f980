#!/usr/bin/env python3
"""Derive the map's country outlines (data/outlines.txt) from Natural Earth.

Usage (from the repository root):

    python3 scripts/derive_outlines.py REFERENCE_DIR > data/outlines.txt

REFERENCE_DIR must contain:

* natural-earth/countries-110m.json  Natural Earth 4.1.0 countries at 1:110m, and
* natural-earth/countries-50m.json   at 1:50m, TopoJSON as redistributed by the
                                     world-atlas package (public domain data; the
                                     package's ISC notice is in natural-earth/LICENSE
                                     and is copied into the output's header);
* countries-un-m49.tsv               ISO 3166-1 alpha-2 and numeric codes.

Python 3 standard library only; the output is deterministic.

What is derived
---------------
Two levels of detail per country: level 0 (the world view) from the 1:110m file,
simplified with Douglas-Peucker at 0.25 degrees, rings under 2 square degrees
dropped; level 1 (zoomed in) from the 1:50m file, simplified at 0.04 degrees, rings
under 0.02 square degrees dropped. Arcs are simplified before rings are assembled,
so a border shared by two countries is the same line in both. Coordinates are
rounded to 1/100 degree.

Format
------
Lines starting with `#` are comments. Every other line is one ring:

    CC LEVEL x0 y0 dx1 dy1 dx2 dy2 ...

CC is the ISO alpha-2 code, LEVEL 0 or 1, x0 y0 the first point (longitude,
latitude in 1/100 degree), then each next point as the difference from the one
before. A ring that crosses the antimeridian runs past +-180 degrees (up to
+-360) and is written twice, 360 degrees apart. Outer rings and holes are not told apart: the program fills with the
even-odd rule.
"""

import csv
import json
import os
import sys

LEVELS = [
    # (file, tolerance in degrees, minimum ring area in square degrees)
    ("countries-110m.json", 0.25, 2.0),
    ("countries-50m.json", 0.04, 0.02),
]

# Outlines whose id is not an ISO numeric code: matched by name.
BY_NAME = {"Kosovo": "XK"}


def numeric_to_alpha2(ref):
    out = {}
    with open(os.path.join(ref, "countries-un-m49.tsv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            iso2, num = row["ISO2"], row["ISOnumeric"]
            if len(iso2) == 2 and iso2.isalpha() and num.isdigit():
                out[int(num)] = iso2
    # The tsv writes Greece and the UK as patterns.
    out[300] = "GR"
    out[826] = "GB"
    return out


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def perp(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(pts, tol):
    if len(pts) < 3:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, -1
        for k in range(i + 1, j):
            d = perp(pts[k], pts[i], pts[j])
            if d > best:
                best, at = d, k
        if at >= 0 and best > tol:
            keep[at] = True
            stack.append((i, at))
            stack.append((at, j))
    return [p for p, k in zip(pts, keep) if k]


def area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def rings_of(geom):
    if geom["type"] == "Polygon":
        return geom["arcs"]
    if geom["type"] == "MultiPolygon":
        return [r for poly in geom["arcs"] for r in poly]
    return []


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    ref = sys.argv[1]
    codes = numeric_to_alpha2(ref)
    with open(os.path.join(ref, "natural-earth", "LICENSE"), encoding="utf-8") as f:
        notice = f.read().rstrip("\n").split("\n")
    out = [
        "# Derived by scripts/derive_outlines.py from Natural Earth 4.1.0 (public domain) country",
        "# outlines at 1:110m and 1:50m, as redistributed by the world-atlas package, whose notice follows.",
        "# Do not edit by hand.",
        "#",
    ] + ["# " + line if line else "#" for line in notice]
    lines = []
    skipped = set()
    points = 0
    for level, (name, tol, min_area) in enumerate(LEVELS):
        with open(os.path.join(ref, "natural-earth", name), encoding="utf-8") as f:
            topo = json.load(f)
        arcs = [simplify(a, tol) for a in decode_arcs(topo)]
        for g in topo["objects"]["countries"]["geometries"]:
            gid = g.get("id")
            cc = codes.get(int(gid)) if gid and gid.isdigit() else None
            cc = cc or BY_NAME.get(g.get("properties", {}).get("name"))
            if cc is None:
                skipped.add(g.get("properties", {}).get("name", "?"))
                continue
            for ring in rings_of(g):
                pts = []
                for ix in ring:
                    arc = arcs[ix] if ix >= 0 else arcs[~ix][::-1]
                    pts.extend(arc if not pts else arc[1:])
                q = []
                for x, y in pts:
                    p = (round(x * 100), round(y * 100))
                    if not q or q[-1] != p:
                        q.append(p)
                if len(q) > 1 and q[0] == q[-1]:
                    q.pop()
                # A ring across the antimeridian (Russia, Fiji) is unwrapped into one piece
                # that runs past 180 degrees, and written a second time 360 degrees over, so
                # that each side of the map draws its half.
                for i in range(1, len(q)):
                    while q[i][0] - q[i - 1][0] > 18000:
                        q[i] = (q[i][0] - 36000, q[i][1])
                    while q[i][0] - q[i - 1][0] < -18000:
                        q[i] = (q[i][0] + 36000, q[i][1])
                if len(q) < 3 or area([(x / 100, y / 100) for x, y in q]) < min_area:
                    continue
                copies = [q]
                if max(x for x, _ in q) > 18000:
                    copies.append([(x - 36000, y) for x, y in q])
                elif min(x for x, _ in q) < -18000:
                    copies.append([(x + 36000, y) for x, y in q])
                for c in copies:
                    fields = [cc, str(level), str(c[0][0]), str(c[0][1])]
                    for (x1, y1), (x2, y2) in zip(c, c[1:]):
                        fields += [str(x2 - x1), str(y2 - y1)]
                    lines.append((cc, level, " ".join(fields)))
                    points += len(c)
    lines.sort(key=lambda t: (t[0], t[1]))
    sys.stdout.write("\n".join(out + [t[2] for t in lines]) + "\n")
    print(
        f"{len(lines)} rings, {points} points; skipped (no ISO code): {', '.join(sorted(skipped))}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
