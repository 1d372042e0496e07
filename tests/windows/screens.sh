#!/usr/bin/env bash
# Screenshots of the Windows build under Wine, to look at (not a test): the start screen, each of
# the nine steps on an example, the « Fichier » menu and the open dialog, at 1440×900, then the
# same steps at 150 % (Ctrl+plus twice). Writes target/windows/screens/walk-*.png.
# Needs what tests/windows/run.sh needs; run after packaging/windows/build.sh.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
exe=$root/target/windows/stage/dossier-cloud.exe
out=$root/target/windows/screens
mkdir -p "$out"
export LANG=C.UTF-8 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
export WINEPREFIX=${WINEPREFIX:-$root/target/windows/wine-screens}
if [[ ! -d $WINEPREFIX ]]; then
  wine wineboot -i >/dev/null 2>&1
  x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -ladvapi32
fi
Xvfb :77 -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'wineserver -k 2>/dev/null; kill $xvfb 2>/dev/null' EXIT
export DISPLAY=:77
sleep 1
example=$(winepath -w "$root/examples/combined.ron")

# shoot NAME KEYS… -- ARGS…: opens the app with ARGS, presses KEYS (xdotool names; click:X Y
# clicks there), shoots.
shoot() {
  local name=$1; shift
  local keys=()
  while [[ $1 != -- ]]; do keys+=("$1"); shift; done
  shift
  WGPU_BACKEND=vulkan wine "$exe" "$@" >/dev/null 2>&1 &
  local id=
  for _ in $(seq 1 120); do
    id=$(xdotool search --onlyvisible --name "Dossier Cloud de confiance" 2>/dev/null | head -n 1)
    [[ -n $id ]] && break
    sleep 0.5
  done
  sleep 3
  for key in "${keys[@]}"; do
    if [[ $key == click:* ]]; then
      xdotool mousemove ${key#click:} click 1 2>/dev/null
    else
      xdotool windowfocus --sync "$id" key "$key" 2>/dev/null
    fi
    sleep 1
  done
  import -window root "$out/walk-$name.png"
  wineserver -k 2>/dev/null
  wineserver -w 2>/dev/null
  echo "$out/walk-$name.png"
}

shoot start --
shoot menu-fichier "click:40 40" -- "$example"
shoot dialogue-ouvrir ctrl+o -- "$example"
for step in applicant operations applications target budget schedule indicators attachments review; do
  shoot "$step" -- "$example" --step "$step"
done
for step in applicant budget review; do
  shoot "$step-150" ctrl+plus ctrl+plus -- "$example" --step "$step"
done
