#!/usr/bin/env bash
# CPU per keystroke under Xvfb and Mesa's software rendering (llvmpipe), the case of virtual
# desktops without a GPU: the app on the combined example at 1440×900, a text field focused, 40
# keystrokes 150 ms apart; the process's CPU time (user + system, /proc/PID/stat) over them, less
# the same time idle, divided by 40. Needs xvfb and xdotool (installed if missing).
#   bash benches/keystroke_cpu.sh [BINARY]      (default: target/release/dossier-cloud)
#   bash benches/keystroke_cpu.sh --floor       (a window of one field: egui's own cost)
#   EXTRA_ENV=LP_NUM_THREADS=0 bash benches/keystroke_cpu.sh   (one more variable for the app)
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
if [[ ${#need[@]} -gt 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# --floor: the same measure on a window of one text field (benches/keystroke_floor), what egui and
# the GL stack cost alone; the app's own drawing is the difference.
args=(examples/combined.ron)
click=(720 622) # « Nom et prénom » on the applicant step.
if [[ ${1:-} == --floor ]]; then
  (cd benches/keystroke_floor && CARGO_TARGET_DIR=../../target/keystroke_floor cargo build --release --quiet)
  bin=target/keystroke_floor/release/keystroke-floor
  args=()
  click=(600 600)
else
  bin=${1:-target/release/dossier-cloud}
  [[ -x $bin ]] || cargo build --release --quiet
fi
display=97
while [[ -e /tmp/.X$display-lock ]]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
export ${EXTRA_ENV:-} DISPLAY=":$display" LIBGL_ALWAYS_SOFTWARE=1 XDG_DATA_HOME="$data" HOME="$data"
"$bin" "${args[@]}" >/dev/null 2>&1 &
app=$!
sleep 4
wid=$(xdotool search --sync --onlyvisible --pid $app | head -n1)
xdotool windowmove "$wid" 0 0 windowsize "$wid" 1440 900
sleep 1
xdotool windowfocus --sync "$wid"
xdotool mousemove "${click[@]}" click 1
sleep 1
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
hz=$(getconf CLK_TCK)
n=40
idle0=$(ticks); sleep 6; idle1=$(ticks)
t0=$(ticks)
start=$(date +%s.%N)
for _ in $(seq $n); do xdotool key a; sleep 0.15; done
end=$(date +%s.%N)
t1=$(ticks)
awk -v busy=$((t1 - t0)) -v idle=$((idle1 - idle0)) -v hz="$hz" -v n=$n -v s="$start" -v e="$end" 'BEGIN {
  idle_ms = idle * 1000 / hz * (e - s) / 6
  printf "CPU per keystroke: %.1f ms (%.0f ms over %d keys, %.0f ms idle over the same time)\n",
    (busy * 1000 / hz - idle_ms) / n, busy * 1000 / hz, n, idle_ms
}'
