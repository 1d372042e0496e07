#!/usr/bin/env bash
# Builds the .deb with cargo-deb, installs it on this machine, and checks the installed program:
# `check` on the example dossiers it ships, `--version`, and its desktop entry and AppStream file.
#   bash packaging/build-deb.sh        (root or sudo; installs cargo-deb and the checkers if missing)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo-deb >/dev/null || cargo install cargo-deb --locked
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null || need+=(appstream)
if [[ ${#need[@]} -gt 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

desktop-file-validate packaging/linux/fr.numerique.dossier-cloud.desktop
appstreamcli validate --no-net packaging/linux/fr.numerique.dossier-cloud.metainfo.xml

deb=$(cargo deb --locked 2>/dev/null | tail -n1)
[[ -f $deb ]] || { echo "build-deb: cargo deb wrote no package" >&2; exit 1; }
echo "build-deb: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Depends\|Recommends\):/  \1:/p'

# apt resolves what the package depends on; the window's libraries are only recommended.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
trap 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq dossier-cloud >/dev/null 2>&1 || true' EXIT

installed=/usr/bin/dossier-cloud
[[ -x $installed ]] || { echo "build-deb: $installed missing after install" >&2; exit 1; }
"$installed" --version
for f in /usr/share/applications/fr.numerique.dossier-cloud.desktop \
         /usr/share/metainfo/fr.numerique.dossier-cloud.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/fr.numerique.dossier-cloud.svg \
         /usr/share/icons/hicolor/48x48/apps/fr.numerique.dossier-cloud.png; do
  [[ -f $f ]] || { echo "build-deb: $f missing after install" >&2; exit 1; }
done
# The example that is ready must pass; the others have findings and must be read (status 1).
"$installed" check /usr/share/doc/dossier-cloud/examples/combined.ron >/dev/null
for example in /usr/share/doc/dossier-cloud/examples/*.ron; do
  set +e; "$installed" check "$example" >/dev/null; status=$?; set -e
  [[ $status -le 1 ]] || { echo "build-deb: check could not read $example (status $status)" >&2; exit 1; }
  echo "  check $(basename "$example"): status $status"
done
echo "build-deb: installed and checked; the package is removed again on exit"
