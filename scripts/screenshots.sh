#!/usr/bin/env bash
# Regenerates the README's screenshots with the program itself: one SVG per view.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
for view in announcements companies timeline map help; do
  ./target/release/aiinvest render --view "$view" --size 120x40 --currency USD --format svg > "assets/$view.svg"
done
echo "wrote assets/{announcements,companies,timeline,map,help}.svg"
