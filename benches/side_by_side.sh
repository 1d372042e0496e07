#!/usr/bin/env bash
# The same 1 000-line budget to PDF, two ways: our `export`, and LibreOffice converting the lines
# as a spreadsheet (`soffice --headless --convert-to pdf`). Prints the medians and the ratio; then
# the app's start to first frame (under Xvfb) and peak memory at 10 000 lines.
#   bash benches/side_by_side.sh        (needs: libreoffice-calc-nogui, xvfb, time; installs them)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v Xvfb >/dev/null || need+=(xvfb)
[[ -x /usr/bin/time ]] || need+=(time)
if [[ ${#need[@]} -gt 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --quiet
bin=target/release/dossier-cloud
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same lines for both: the combined example with N generated lines, as dossier.json and CSV.
make_inputs() {
  local n=$1
  "$bin" convert examples/combined.ron "$work/base.json" >/dev/null
  python3 - "$work/base.json" "$n" "$work/d$n.json" "$work/d$n.csv" <<'PY'
import csv, json, sys
base, n, out_json, out_csv = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
d = json.load(open(base))
cats = ["external_service", "internal_staff", "training", "hardware", "software", "cloud_resources", "functional_change", "other"]
d["budget"]["lines"] = [
    {"label": f"Ligne {i} : prestation de migration, recette et accompagnement", "category": cats[i % 8],
     "year": 2027 + i % 2, "amount_ttc": f"{1000 + i * 0.37:.2f}"}
    for i in range(n)
]
d.pop("estimate", None); d.pop("findings", None)
json.dump(d, open(out_json, "w"), ensure_ascii=False)
with open(out_csv, "w", newline="") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["Libellé", "Catégorie", "Année", "Montant TTC"])
    for line in d["budget"]["lines"]:
        w.writerow([line["label"], line["category"], line["year"], line["amount_ttc"].replace(".", ",")])
PY
}

# Median wall time of a command, in milliseconds, over $1 runs.
median_ms() {
  local runs=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

make_inputs 1000
# Interleaved: this machine's speed drifts by a third from minute to minute, so each LibreOffice
# run is paired with three runs of ours made just before it, and the ratio is taken per pair.
soffice --headless --convert-to pdf --outdir "$work/lo" "$work/d1000.csv" >/dev/null 2>&1 || true  # first start warms LibreOffice's profile
pairs=()
all_ours=()
all_theirs=()
for _ in $(seq 9); do
  ours=$(median_ms 3 "$bin" export "$work/d1000.json" --out "$work/pack")
  theirs=$(median_ms 1 soffice --headless --convert-to pdf --outdir "$work/lo" "$work/d1000.csv")
  all_ours+=("$ours"); all_theirs+=("$theirs")
  pairs+=("$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.1f", b / (a > 0 ? a : 1) }')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
range() { printf '%s\n' "$@" | sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "–" hi}'; }
echo "PDF of a 1 000-line budget, median wall time (process start to file written), 9 interleaved pairs:"
echo "  dossier-cloud export : $(median "${all_ours[@]}") ms (pairs' medians $(range "${all_ours[@]}"))"
echo "  LibreOffice (CSV → PDF) : $(median "${all_theirs[@]}") ms ($(range "${all_theirs[@]}"))"
echo "  ratio : $(median "${pairs[@]}")× faster (median of the pairs; $(range "${pairs[@]}"))"

echo "Start to first frame (Xvfb, software GL), 3 runs:"
display=:97
Xvfb "$display" -screen 0 1440x900x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
for _ in 1 2 3; do
  DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1 DOSSIER_CLOUD_FIRST_FRAME=1 timeout 30 "$bin" examples/combined.ron 2>&1 | grep 'premier affichage' | sed 's/^/  /'
done

make_inputs 10000
echo "Peak memory (max RSS) with a 10 000-line dossier:"
for what in "check" "export" "window"; do
  case $what in
    check) cmd=("$bin" check "$work/d10000.json") ;;
    export) cmd=("$bin" export "$work/d10000.json" --out "$work/pack10k") ;;
    window)
      "$bin" convert "$work/d10000.json" "$work/d10000.ron" >/dev/null
      cmd=(env DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1 DOSSIER_CLOUD_FIRST_FRAME=1 "$bin" "$work/d10000.ron" --step budget) ;;
  esac
  /usr/bin/time -f '%M' -o "$work/rss" "${cmd[@]}" >/dev/null 2>&1 || true
  kb=$(tail -n1 "$work/rss")
  echo "  $what : $((kb / 1024)) MB"
done
kill "$xvfb" 2>/dev/null || true
