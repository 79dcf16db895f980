#!/usr/bin/env bash
# Regenerates the README's screenshots with the program itself: one SVG per view, plus the map
# zoomed to Europe and one company's capex guidance on the timeline.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=./target/release/aiinvest
for view in announcements companies timeline map capex help; do
  "$bin" render --view "$view" --size 120x40 --currency USD --format svg > "assets/$view.svg"
done
"$bin" --region Europe render --view map --size 120x40 --currency USD --format svg > assets/map-europe.svg
"$bin" --company meta render --view timeline --size 120x40 --currency USD --format svg > assets/timeline-meta.svg
echo "wrote assets/{announcements,companies,timeline,map,capex,help,map-europe,timeline-meta}.svg"
