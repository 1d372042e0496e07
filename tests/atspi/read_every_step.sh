#!/usr/bin/env bash
# Reads the window through AT-SPI itself (what Orca reads), every step, under Xvfb with an
# accessibility bus (issue 16). Needs: xvfb at-spi2-core python3-pyatspi dbus-x11 (Debian).
#   bash tests/atspi/read_every_step.sh [BINARY]     (default: target/debug/dossier-cloud)
set -euo pipefail
cd "$(dirname "$0")/../.."
# The binary with its window (a build without the default features would have none).
if [[ $# -ge 1 ]]; then bin=$1; else cargo build --quiet --bin dossier-cloud; bin=target/debug/dossier-cloud; fi
display=97
while [[ -e /tmp/.X$display-lock ]]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
data=$(mktemp -d)
export DISPLAY=":$display" LIBGL_ALWAYS_SOFTWARE=1 XDG_DATA_HOME="$data" HOME="$data"
dbus-run-session -- bash -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  sleep 1
  /usr/libexec/at-spi2-registryd &
  sleep 1
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true >/dev/null
  "$0" examples/combined.ron >"$1/app.log" 2>&1 &
  app=$!
  status=0
  timeout 120 /usr/bin/python3 tests/atspi/read_tree.py || status=$?
  kill $app 2>/dev/null || true
  wait $app 2>/dev/null || true
  # A signed dossier: its follow-up step and tabs (issue 22). A copy: the window holds what
  # it opens.
  cp examples/suivi-migration.ron "$1/suivi.ron"
  "$0" "$1/suivi.ron" >"$1/app-suivi.log" 2>&1 &
  app=$!
  timeout 120 /usr/bin/python3 tests/atspi/read_tree.py follow || status=$?
  kill $app 2>/dev/null || true
  exit $status
' "$bin" "$data"
