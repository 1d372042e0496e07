#!/usr/bin/env bash
# Renders the icon's PNG sizes from dossier-cloud.svg (committed, so building a package needs no
# renderer):   bash packaging/icons/render.sh   (needs rsvg-convert: apt-get install librsvg2-bin)
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" dossier-cloud.svg -o "hicolor/${size}x${size}/apps/fr.numerique.dossier-cloud.png"
done
mkdir -p hicolor/scalable/apps
cp dossier-cloud.svg hicolor/scalable/apps/fr.numerique.dossier-cloud.svg
