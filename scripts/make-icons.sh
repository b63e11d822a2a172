#!/usr/bin/env bash
# Regenerates the PNG app icons in public/icons/ from public/icon.svg. Run by hand after changing
# the icon (the PNGs are committed, so builds need no image tool): needs rsvg-convert
# (Debian: apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v rsvg-convert >/dev/null || { echo "need rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }
out=public/icons
mkdir -p "$out"
# "any" icons: the SVG as it is (rounded square on a transparent background).
for size in 192 512; do
  rsvg-convert -w "$size" -h "$size" public/icon.svg -o "$out/icon-$size.png"
done
# Maskable icons and the iOS home-screen icon: full-bleed background, the glyph shrunk into the
# safe zone (the central circle of 80% diameter that every mask shape keeps).
glyph="$(sed -E 's/^<svg[^>]*>//; s#</svg>$##; s#<rect[^>]*/>##' public/icon.svg)"
maskable="<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\"><rect width=\"64\" height=\"64\" fill=\"#0b6e4f\"/><g transform=\"translate(32 32) scale(0.72) translate(-34 -34)\">$glyph</g></svg>"
for size in 192 512; do
  printf '%s' "$maskable" | rsvg-convert -w "$size" -h "$size" -o "$out/maskable-$size.png"
done
printf '%s' "$maskable" | rsvg-convert -w 180 -h 180 -o "$out/apple-touch-icon-180.png"
ls -l "$out"
