#!/usr/bin/env bash
# The Windows build, proven under Wine on this Linux machine (issue 21). Run after
# `bash packaging/windows/build.sh` and a Linux build of the same sources (`cargo test` builds
# target/debug/dossier-cloud):
#
#   bash tests/windows/run.sh
#
# From a folder like a ministry user's, « C:\users\Agnès Dupont\Documents\Dossiers cloud (2027)\ »,
# the Windows program must give the Linux build's outputs byte for byte — `check --format json`
# on every example and every file of the bad-file corpus, `export` (dossier.json, manifest.json
# less its dates and the PDF's and workbook's digests, which carry their creation time, the PDF's
# text), `diff`, `prefill` without --send — through `dossier-cloud.exe` and through the
# `dossier-cloud.com` console companion. Then: a path past 260 characters, the per-user folder
# under %APPDATA%, a save over a file another program holds, the system proxy from the registry,
# the window under Xvfb through each renderer and with the first one taken away, the MSI
# installed, upgraded and removed per user, the portable zip run from another folder.
#
# Needs (Debian): wine wine64 xvfb xdotool imagemagick poppler-utils msitools unzip python3
# mesa-vulkan-drivers gcc-mingw-w64-x86-64. Screenshots go to target/windows/screens/ (to look at).
# Prints « N passed, M failed » last; exits 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
stage=${STAGE:-$root/target/windows/stage}
linux=${LINUX_BIN:-$root/target/debug/dossier-cloud}
screens=$root/target/windows/screens
export LANG=C.UTF-8 LC_ALL=C.UTF-8

for need in "$stage/dossier-cloud.exe" "$stage/dossier-cloud.com" "$linux"; do
  if [[ ! -x $need && ! -f $need ]]; then
    echo "tests/windows/run.sh : $need manque (bash packaging/windows/build.sh ; cargo build)" >&2
    exit 2
  fi
done

work=$(mktemp -d /tmp/dossier-cloud-wine.XXXXXX)
mkdir -p "$screens"
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
passed=0
failed=0
xvfb_pid=
cleanup() {
  wineserver -k 2>/dev/null || true
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); echo "ok   $1"; }
ko() {
  failed=$((failed + 1))
  echo "FAIL $1"
  [[ $# -gt 1 ]] && echo "$2" | head -n 20 | sed 's/^/     /'
  return 0
}
# same NAME FILE_A FILE_B: the two files are equal byte for byte.
same() {
  if cmp -s "$2" "$3"; then ok "$1"; else ko "$1" "$(diff <(head -c 4000 "$2") <(head -c 4000 "$3"))"; fi
}

# A virtual display for the whole run: Wine's own windows, then the app's.
for n in $(seq 90 120); do
  if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then display=:$n; break; fi
done
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
sleep 1

started=$(date +%s)
wine wineboot -i >/dev/null 2>&1
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which Rust's standard library imports and every
# Windows 10/11 has: a shim in this test prefix only (ECOSYSTEM.md, « Windows »).
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -ladvapi32
x86_64-w64-mingw32-gcc -O2 -municode -o "$work/holdfile.exe" tests/windows/holdfile.c
echo "préfixe Wine prêt en $(($(date +%s) - started)) s"

exe=$stage/dossier-cloud.exe
com=$stage/dossier-cloud.com
user_name="Agnès Dupont"
docs="$WINEPREFIX/drive_c/users/$user_name/Documents/Dossiers cloud (2027)"
docs_win='C:\users\Agnès Dupont\Documents\Dossiers cloud (2027)'
lin=$work/linux
mkdir -p "$docs" "$lin"
win() { wine "$@"; }

# --- The program's properties ------------------------------------------------------------------
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^Subsystem[[:space:]]*[0-9a-f]*[[:space:]]*//p'; }
[[ $(subsystem "$exe") == "(Windows GUI)" ]] && ok "dossier-cloud.exe est un programme fenêtré (pas de console derrière)" \
  || ko "dossier-cloud.exe : sous-système $(subsystem "$exe")"
[[ $(subsystem "$com") == "(Windows CUI)" ]] && ok "dossier-cloud.com est un programme console" \
  || ko "dossier-cloud.com : sous-système $(subsystem "$com")"
properties=$(python3 - "$exe" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
for key in ["CompanyName", "FileDescription", "ProductVersion", "OriginalFilename"]:
    k = key.encode("utf-16-le") + b"\0\0"
    at = data.find(k)
    if at < 0:
        print(key, "?"); continue
    at += len(k)
    at += (4 - at % 4) % 4 if False else 0
    while data[at:at+2] == b"\0\0": at += 2
    end = data.find(b"\0\0", at)
    while (end - at) % 2: end = data.find(b"\0\0", end + 1)
    print(key, data[at:end].decode("utf-16-le"))
EOF
)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
if grep -q "CompanyName Équipe Dossier Cloud" <<<"$properties" && grep -q "ProductVersion $version" <<<"$properties" \
  && grep -q "FileDescription Dossier Cloud de confiance" <<<"$properties"; then
  ok "propriétés du .exe : éditeur, description, version $version"
else
  ko "propriétés du .exe" "$properties"
fi
sections=$(x86_64-w64-mingw32-objdump -h "$exe")
if grep -q '\.rsrc' <<<"$sections" && ! grep -q '\.debug_' <<<"$sections"; then
  ok "le .exe porte ses ressources (icône, version, manifeste) et est dépouillé ($(du -h "$exe" | cut -f1))"
else
  ko "ressources ou symboles du .exe"
fi

# Signed when build.sh was given a certificate (CI: a throw-away one): the signature names it.
if [[ -n ${DOSSIER_CLOUD_SIGNED_BY:-} ]]; then
  for f in "$exe" "$com" "$root"/target/windows/*.msi; do
    # A throw-away certificate is not trusted (verify exits 1): the signer and the digest are
    # what is checked.
    verified=$(osslsigncode verify -in "$f" 2>&1)
    if grep -q "Subject: /CN=$DOSSIER_CLOUD_SIGNED_BY" <<<"$verified" \
      && grep -q "Message digest algorithm *: SHA256" <<<"$verified"; then
      ok "signature Authenticode de $(basename "$f") ($DOSSIER_CLOUD_SIGNED_BY)"
    else
      ko "signature de $(basename "$f")" "$(head -n 8 <<<"$verified")"
    fi
  done
fi

# --- The same outputs as the Linux build --------------------------------------------------------
# run_both NAME ARGS…: the Linux build and the Windows one, each from its own copy of the files;
# in ARGS, @F@ stands for the folder (a Linux path, a Windows path). Compares the standard output
# byte for byte, the exit status, and the standard error with the folder's name taken out.
run_both() {
  local name=$1; shift
  local l_args=() w_args=() a
  for a in "$@"; do
    l_args+=("${a//@F@/$lin}")
    a=${a//@F@/$docs_win}
    # A Windows path takes backslashes after the folder too.
    if [[ $a == "$docs_win"* ]]; then a=${a//\//\\}; fi
    w_args+=("$a")
  done
  "$linux" "${l_args[@]}" >"$work/l.out" 2>"$work/l.err"
  local l_rc=$?
  win "$runner" "${w_args[@]}" >"$work/w.out" 2>"$work/w.err"
  local w_rc=$?
  sed -i "s#$lin/##g; s#/#\\\\#g" "$work/l.err"
  sed -i 's#\r$##' "$work/w.err"
  python3 - "$work/w.err" "$docs_win\\" <<'EOF'
import sys
p, prefix = sys.argv[1], sys.argv[2]
t = open(p, encoding="utf-8", errors="replace").read().replace(prefix, "")
open(p, "w", encoding="utf-8").write(t)
EOF
  sed -i 's#/#\\#g' "$work/w.err"
  if [[ $l_rc -ne $w_rc ]]; then
    ko "$name : code de sortie $w_rc sous Windows, $l_rc sous Linux" "$(head -c 600 "$work/w.err")"
  elif ! cmp -s "$work/l.out" "$work/w.out"; then
    ko "$name : sortie différente" "$(diff "$work/l.out" "$work/w.out" | head -n 12)"
  elif ! cmp -s "$work/l.err" "$work/w.err"; then
    ko "$name : messages différents" "$(diff "$work/l.err" "$work/w.err" | head -n 12)"
  else
    ok "$name (code $l_rc)"
  fi
}

mkdir -p "$docs/exemples" "$docs/corpus" "$lin/exemples" "$lin/corpus"
cp examples/*.ron "$docs/exemples/"; cp examples/*.ron "$lin/exemples/"
cp tests/corpus/bad/* "$docs/corpus/"; cp tests/corpus/bad/* "$lin/corpus/"
cp tests/corpus/platform/ftap-form.json "$docs/"; cp tests/corpus/platform/ftap-form.json "$lin/"
# A name as users give them: accents, spaces, parentheses.
cp examples/combined.ron "$docs/exemples/projet été (v2).ron"
cp examples/combined.ron "$lin/exemples/projet été (v2).ron"

runner=$exe
for f in "$lin"/exemples/*.ron "$lin"/corpus/*; do
  rel=${f#"$lin"/}
  run_both "check --format json $rel" check "@F@/$rel" --format json
done
runner=$com
run_both "dossier-cloud.com check (texte) exemples/combined.ron" check "@F@/exemples/combined.ron"
run_both "dossier-cloud.com check corpus/truncated.ron" check "@F@/corpus/truncated.ron" --format json
# The progress report after the award (issue 22): the same JSON and the same French text.
run_both "dossier-cloud.com report --format json exemples/suivi-migration.ron" \
  report "@F@/exemples/suivi-migration.ron" --at 2026-12-06 --format json
run_both "dossier-cloud.com report (texte) exemples/suivi-migration.ron" \
  report "@F@/exemples/suivi-migration.ron" --at 06/12/2026
runner=$exe
# An accounting export as a French Excel writes it (Windows-1252, semicolons) into the signed
# example's spending, by each build; the report of each result is the same.
cp tests/corpus/import/depenses-chorus.csv "$docs/"; cp tests/corpus/import/depenses-chorus.csv "$lin/"
cp examples/suivi-migration.ron "$docs/suivi-import.ron"; cp examples/suivi-migration.ron "$lin/suivi-import.ron"
"$linux" import-spending "$lin/depenses-chorus.csv" --into "$lin/suivi-import.ron" >/dev/null 2>&1
l_rc=$?
win "$com" import-spending "$docs_win\\depenses-chorus.csv" --into "$docs_win\\suivi-import.ron" >"$work/spending.out" 2>&1
w_rc=$?
if [[ $l_rc -eq 1 && $w_rc -eq 1 ]] && grep -q "5 dépense(s) importée(s)" "$work/spending.out"; then
  ok "import-spending d'un export comptable Windows-1252 : 5 dépenses, 5 lignes écartées"
else
  ko "import-spending : code $w_rc sous Windows, $l_rc sous Linux" "$(head -c 600 "$work/spending.out")"
fi
run_both "report après import-spending" report "@F@/suivi-import.ron" --at 2026-12-06 --format json

examples=("$lin"/exemples/*.ron)
for ((i = 0; i + 1 < ${#examples[@]}; i++)); do
  a=${examples[i]#"$lin"/}; b=${examples[i + 1]#"$lin"/}
  run_both "diff $a $b" diff "@F@/$a" "@F@/$b" --format json
done
for f in "${examples[@]}"; do
  rel=${f#"$lin"/}
  run_both "prefill $rel" prefill "@F@/$rel" --schema "@F@/ftap-form.json" --format json
done

# export: each build writes its pack; the files are compared.
normalise_manifest() {
  python3 - "$1" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
m.pop("generated_on", None)
for f in m.get("files", []):
    if f["name"].endswith((".pdf", ".xlsx")):
        f.pop("sha256", None)
print(json.dumps(m, indent=1, sort_keys=True))
EOF
}
for f in "${examples[@]}"; do
  rel=${f#"$lin"/}
  base=$(basename "$rel" .ron)
  "$linux" export "$f" --out "$lin/pack-$base" >/dev/null 2>&1
  l_rc=$?
  win "$exe" export "$docs_win\\exemples\\$base.ron" --out "$docs_win\\paquet $base" >/dev/null 2>&1
  w_rc=$?
  wp="$docs/paquet $base"
  if [[ $l_rc -ne $w_rc ]]; then ko "export $rel : code $w_rc sous Windows, $l_rc sous Linux"; continue; fi
  same "export $rel : dossier.json identique" "$lin/pack-$base/dossier.json" "$wp/dossier.json"
  normalise_manifest "$lin/pack-$base/manifest.json" >"$work/lm.json"
  normalise_manifest "$wp/manifest.json" >"$work/wm.json"
  same "export $rel : manifest.json identique (hors dates)" "$work/lm.json" "$work/wm.json"
  l_pdf=$(ls "$lin/pack-$base"/*.pdf); w_pdf=$(ls "$wp"/*.pdf)
  pdftotext -layout "$l_pdf" "$work/l.txt"; pdftotext -layout "$w_pdf" "$work/w.txt"
  same "export $rel : texte du PDF identique" "$work/l.txt" "$work/w.txt"
done

# --- Windows paths ------------------------------------------------------------------------------
deep="$docs_win"
deep_unix="$docs"
while [[ ${#deep} -lt 280 ]]; do
  deep="$deep\\Sous-dossier du projet de migration"
  deep_unix="$deep_unix/Sous-dossier du projet de migration"
done
mkdir -p "$deep_unix"
cp examples/combined.ron "$deep_unix/dossier.ron"
win "$exe" export "$deep\\dossier.ron" --out "$deep\\dépôt" >"$work/deep.out" 2>&1
rc=$?
if [[ $rc -eq 0 && -f "$deep_unix/dépôt/dossier.json" ]]; then
  ok "export dans un chemin de ${#deep} caractères (plus de 260)"
else
  ko "chemin long (${#deep} caractères) : code $rc" "$(cat "$work/deep.out")"
fi

# The version kept by an export goes beside the draft; where it cannot (a file stands where its
# folder would be), it goes to the per-user folder, which on Windows is under %APPDATA%.
mkdir -p "$docs/bloqué"
cp examples/combined.ron "$docs/bloqué/brouillon.ron"
: >"$docs/bloqué/brouillon.history"
win "$exe" export "$docs_win\\bloqué\\brouillon.ron" --out "$docs_win\\bloqué\\dépôt" >"$work/kept.out" 2>&1
appdata=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/DINUM/dossier-cloud/data/history/brouillon-* 2>/dev/null | head -n 1)
if [[ -n $appdata && -f $(ls "$appdata"/*/dossier.json 2>/dev/null | head -n 1) ]] && grep -q 'AppData\\Roaming\\DINUM\\dossier-cloud' "$work/kept.out"; then
  ok "version gardée dans %APPDATA%\\DINUM\\dossier-cloud quand le dossier du brouillon ne peut pas la recevoir"
else
  ko "dossier par utilisateur sous %APPDATA%" "$(cat "$work/kept.out")"
fi

# --- A file another program holds ---------------------------------------------------------------
draft="$docs/tenu.ron"
cp examples/combined.ron "$draft"
cp tests/corpus/import/budget.csv "$docs/budget.csv"
before=$(sha256sum "$draft" | cut -d' ' -f1)
hold() { # hold SECONDS: holds the draft open without sharing, until the helper says « held ».
  rm -f "$work/held"
  (wine "$work/holdfile.exe" "$docs_win\\tenu.ron" "$1" >"$work/held" 2>&1 &)
  for _ in $(seq 1 100); do grep -q held "$work/held" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
if hold 8; then
  win "$exe" import-budget "$docs_win\\budget.csv" --into "$docs_win\\tenu.ron" >"$work/held.out" 2>&1
  rc=$?
  after=$(sha256sum "$draft" | cut -d' ' -f1)
  if [[ $rc -eq 2 && $before == "$after" ]] && grep -q "ouvert par un autre programme" "$work/held.out"; then
    ok "enregistrement sur un fichier tenu par un autre programme : refusé avec sa cause, brouillon intact"
  else
    ko "fichier tenu : code $rc, brouillon $([[ $before == "$after" ]] && echo intact || echo modifié)" "$(cat "$work/held.out")"
  fi
  sleep 8
else
  ko "le programme de test n'a pas pu tenir le fichier" "$(cat "$work/held")"
fi
if hold 0.8; then
  win "$exe" import-budget "$docs_win\\budget.csv" --into "$docs_win\\tenu.ron" >"$work/held.out" 2>&1
  rc=$?
  after=$(sha256sum "$draft" | cut -d' ' -f1)
  if [[ $rc -le 1 && $before != "$after" ]]; then
    ok "fichier tenu un instant : enregistré au nouvel essai"
  else
    ko "fichier tenu un instant : code $rc" "$(cat "$work/held.out")"
  fi
else
  ko "le programme de test n'a pas pu tenir le fichier (2)"
fi

# --- The system proxy ---------------------------------------------------------------------------
# A proxy on this machine that answers as the platform would; the registry names it as Internet
# Options do. The platform's name (plateforme.test) resolves nowhere: only through the proxy can
# the request succeed.
proxy_log=$work/proxy.log
python3 tests/windows/fake_proxy.py "$proxy_log" >"$work/proxy.port" 2>/dev/null &
proxy_pid=$!
for _ in $(seq 1 50); do [[ -s $work/proxy.port ]] && break; sleep 0.1; done
port=$(cat "$work/proxy.port")
settings='HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
# setting NAME TYPE VALUE: writes one value and waits until a reader sees it (a write that a
# later process did not see once failed a CI run: the PAC check read ProxyEnable or
# AutoConfigURL as they were before).
setting() {
  local want=$3
  [[ $2 == REG_DWORD ]] && want=0x$3
  for _ in $(seq 1 10); do
    wine reg add "$settings" /v "$1" /t "$2" /d "$3" /f >/dev/null 2>&1
    wine reg query "$settings" /v "$1" 2>/dev/null | tr -d '\r' | grep -F "$1" | grep -qF -- "$want" && return 0
    sleep 0.5
  done
  echo "registre : $1 n'a pas pris la valeur $3" >&2
}
settings_now() { wine reg query "$settings" 2>/dev/null | tr -d '\r' | grep -E "Proxy|AutoConfig"; }
setting ProxyEnable REG_DWORD 1
setting ProxyServer REG_SZ "127.0.0.1:$port"
setting ProxyOverride REG_SZ "<local>;*.intra"
cp examples/combined.ron "$docs/envoi.ron"
win "$exe" prefill "$docs_win\\envoi.ron" --schema "$docs_win\\ftap-form.json" --send \
  --base http://plateforme.test --timeout 10 >"$work/send.out" 2>&1
rc=$?
if grep -q "CONNECT plateforme.test:80" "$proxy_log" 2>/dev/null \
  && grep -q "POST /api/public/v1/demarches/1234/dossiers" "$proxy_log" \
  && [[ $rc -le 1 ]] && grep -q "987654" "$docs/envoi.ron"; then
  ok "envoi par le proxy du système (registre : ProxyEnable, ProxyServer), dossier enregistré"
else
  ko "proxy du système : code $rc" "$(cat "$work/send.out"; cat "$proxy_log" 2>/dev/null)"
fi
setting ProxyOverride REG_SZ "<local>;*.test"
: >"$proxy_log"
win "$exe" prefill "$docs_win\\envoi.ron" --schema "$docs_win\\ftap-form.json" --send \
  --base http://plateforme.test --timeout 10 >"$work/send.out" 2>&1
rc=$?
if [[ $rc -eq 2 && ! -s $proxy_log ]]; then
  ok "adresse de la liste d'exclusion (ProxyOverride) : en direct, sans le proxy"
else
  ko "liste d'exclusion du proxy : code $rc" "$(cat "$work/send.out"; cat "$proxy_log"; settings_now)"
fi
setting ProxyEnable REG_DWORD 0
setting AutoConfigURL REG_SZ "http://pac.intra/proxy.pac"
win "$exe" prefill "$docs_win\\envoi.ron" --schema "$docs_win\\ftap-form.json" --send \
  --base http://plateforme.test --timeout 10 >"$work/send.out" 2>&1
rc=$?
if [[ $rc -eq 2 ]] && grep -q "script de configuration (http://pac.intra/proxy.pac)" "$work/send.out" \
  && grep -q "HTTPS_PROXY" "$work/send.out"; then
  ok "script de proxy (PAC) : l'échec dit quoi faire"
else
  ko "script de proxy (PAC) : code $rc" "$(cat "$work/send.out"; settings_now)"
fi
wine reg delete "$settings" /v AutoConfigURL /f >/dev/null 2>&1
kill "$proxy_pid" 2>/dev/null

# --- The window ---------------------------------------------------------------------------------
# window NAME SHOT EXPECT_FALLBACK [VAR=VALUE…]: opens the window on an example with these
# variables, checks it is mapped within 60 s and still up 5 s later, takes a screenshot, and
# whether the program fell back to its second renderer (yes/no/any).
window() {
  local name=$1 shot=$2 fallback=$3; shift 3
  wineserver -w 2>/dev/null
  env "$@" wine "$exe" "$docs_win\\exemples\\combined.ron" >"$work/win.out" 2>"$work/win.err" &
  local pid=$! id=
  disown "$pid"
  for _ in $(seq 1 120); do
    id=$(xdotool search --onlyvisible --name "Dossier Cloud de confiance" 2>/dev/null | head -n 1)
    [[ -n $id ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  sleep 5
  local alive=no
  kill -0 "$pid" 2>/dev/null && alive=yes
  import -window root "$screens/$shot.png" 2>/dev/null
  wineserver -k 2>/dev/null
  wineserver -w 2>/dev/null
  local fell=no
  grep -q "nouvel essai par OpenGL" "$work/win.err" && fell=yes
  if [[ -n $id && $alive == yes && ($fallback == any || $fallback == "$fell") ]]; then
    ok "fenêtre : $name ($screens/$shot.png)"
  else
    ko "fenêtre : $name (fenêtre ${id:-absente}, toujours ouverte : $alive, repli : $fell)" "$(cat "$work/win.err")"
  fi
}
window "ouverte, réglages par défaut" wine-defaut any
window "par wgpu (Vulkan de Wine)" wine-wgpu no WGPU_BACKEND=vulkan
window "Direct3D 12 retiré : repli sur OpenGL, dit dans la barre d'état" wine-sans-d3d12 yes \
  WGPU_BACKEND=dx12 "WINEDLLOVERRIDES=$WINEDLLOVERRIDES;d3d12=d"
window "OpenGL 1.1 seulement (bureau à distance) : par wgpu" wine-opengl-1.1 no \
  WGPU_BACKEND=vulkan MESA_GL_VERSION_OVERRIDE=1.1

# A draft open in the window is the window's (LockFileEx on its lock file, the owner's name in a
# second file): the command line refuses at once, saying who, and the draft stays as it was.
cp examples/combined.ron "$docs/ouvert.ron"
before=$(sha256sum "$docs/ouvert.ron" | cut -d' ' -f1)
wineserver -w 2>/dev/null
wine "$exe" "$docs_win\ouvert.ron" >"$work/held-win.out" 2>&1 &
held_pid=$!
disown "$held_pid"
for _ in $(seq 1 120); do
  [[ -s $docs/.ouvert.ron.ouvert ]] && break
  sleep 0.5
done
win "$com" import-budget "$docs_win\budget.csv" --into "$docs_win\ouvert.ron" >"$work/held-cli.out" 2>&1
rc=$?
after=$(sha256sum "$docs/ouvert.ron" | cut -d' ' -f1)
if [[ $rc -eq 2 && $before == "$after" ]] && grep -q "ce dossier est ouvert par" "$work/held-cli.out"; then
  ok "brouillon ouvert dans la fenêtre : la ligne de commande refuse (code 2), dit par qui, brouillon intact"
else
  ko "brouillon ouvert dans la fenêtre : code $rc, brouillon $([[ $before == "$after" ]] && echo intact || echo modifié)" \
    "$(cat "$work/held-cli.out"; ls -a "$docs")"
fi
wineserver -k 2>/dev/null
wineserver -w 2>/dev/null

# --- The MSI, per user --------------------------------------------------------------------------
msi=$(ls "$root"/target/windows/dossier-cloud-*-x64-utilisateur.msi 2>/dev/null | head -n 1)
if [[ -z $msi ]]; then
  ko "MSI par utilisateur absent de target/windows/"
else
  props=$(msiinfo export "$msi" Property)
  # The summary's Word Count (« Source » for msiinfo): bit 3 says no elevated privileges.
  words=$(msiinfo suminfo "$msi" | sed -n 's/^Source: \([0-9]*\).*/\1/p')
  if ! grep -q "^ALLUSERS" <<<"$props" && [[ -n $words && $((words & 8)) -eq 8 ]]; then
    ok "MSI par utilisateur : ni ALLUSERS ni droits d'administrateur demandés (Word Count $words)"
  else
    ko "MSI par utilisateur : propriétés" "$(grep ALLUSERS <<<"$props"; echo "Word count $words")"
  fi
  machine=$(ls "$root"/target/windows/dossier-cloud-*-x64-poste.msi 2>/dev/null | head -n 1)
  # Read whole first: grep -q closing the pipe early would fail msiinfo under pipefail.
  machine_props=$( [[ -n $machine ]] && msiinfo export "$machine" Property)
  if grep -q "^ALLUSERS.1" <<<"$machine_props"; then
    ok "MSI par poste : ALLUSERS=1, pour le déploiement silencieux"
  else
    ko "MSI par poste absent ou sans ALLUSERS"
  fi
  wine msiexec /i "$(winepath -w "$msi")" /qn >"$work/msi.out" 2>&1
  rc=$?
  installed=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Local/Programs/"Dossier Cloud" 2>/dev/null | head -n 1)
  if [[ $rc -eq 0 && -f $installed/dossier-cloud.exe && -f $installed/dossier-cloud.com \
    && -f $installed/exemples/combined.ron && -f $installed/LICENCE.txt ]]; then
    ok "MSI installé sous %LOCALAPPDATA%\\Programs\\Dossier Cloud"
  else
    ko "installation du MSI : code $rc" "$(cat "$work/msi.out"; ls -R "$WINEPREFIX/drive_c/users" | head -n 30)"
  fi
  assoc=$(wine reg query 'HKCU\Software\Classes\.ron' /ve 2>/dev/null | tr -d '\r')
  command=$(wine reg query 'HKCU\Software\Classes\DossierCloud.Brouillon\shell\open\command' /ve 2>/dev/null | tr -d '\r')
  if grep -q "DossierCloud.Brouillon" <<<"$assoc" && grep -q 'dossier-cloud.exe" "%1"' <<<"$command"; then
    ok "les brouillons .ron s'ouvrent dans l'application (HKCU\\Software\\Classes)"
  else
    ko "association .ron" "$assoc $command"
  fi
  if ls "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/Microsoft/Windows/"Start Menu"/Programs/"Dossier Cloud de confiance.lnk" >/dev/null 2>&1; then
    ok "raccourci dans le menu Démarrer de l'utilisateur"
  else
    ko "raccourci du menu Démarrer"
  fi
  out=$(wine "$installed/dossier-cloud.com" --version 2>&1 | tr -d '\r')
  [[ $out == "dossier-cloud $version" ]] && ok "le programme installé répond : $out" || ko "programme installé" "$out"
  # A newer version replaces the older one (same UpgradeCode).
  newer=$work/newer.msi
  major=${version%%.*}
  (cd "$root/target/windows" && wixl --arch x64 -D Scope=perUser -D Version="$((major + 1)).0.0" \
    -D Source=stage -o "$newer" main.wxs) >/dev/null 2>&1
  wine msiexec /i "$(winepath -w "$newer")" /qn >/dev/null 2>&1
  rc=$?
  products=$(wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' | grep -c "DisplayName.*Dossier Cloud de confiance")
  products_lm=$(wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' | grep -c "DisplayName.*Dossier Cloud de confiance")
  entries=$( (wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s
    wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s) 2>/dev/null | tr -d '\r')
  if [[ $rc -eq 0 && $((products + products_lm)) -eq 1 ]] && grep -q "DisplayVersion.*$((major + 1)).0.0" <<<"$entries"; then
    ok "une version plus récente remplace l'ancienne (une seule entrée dans Applications installées)"
  else
    ko "mise à niveau : code $rc, entrées $products + $products_lm"
  fi
  wine msiexec /x "$(winepath -w "$newer")" /qn >/dev/null 2>&1
  rc=$?
  assoc=$(wine reg query 'HKCU\Software\Classes\.ron' /ve 2>/dev/null | tr -d '\r')
  if [[ $rc -eq 0 && ! -e $installed/dossier-cloud.exe ]] && ! grep -q DossierCloud <<<"$assoc"; then
    ok "désinstallé : fichiers et association retirés"
  else
    ko "désinstallation : code $rc" "$(ls "$installed" 2>&1)"
  fi
fi

# --- The portable zip ---------------------------------------------------------------------------
zip_file=$(ls "$root"/target/windows/dossier-cloud-*-x64-portable.zip 2>/dev/null | head -n 1)
usb="$WINEPREFIX/drive_c/Clé USB"
mkdir -p "$usb"
if [[ -n $zip_file ]] && unzip -q "$zip_file" -d "$usb"; then
  out=$(cd "$usb" && wine "./dossier-cloud.com" check 'exemples\combined.ron' --format json 2>&1 | tr -d '\r')
  "$linux" check examples/combined.ron --format json >"$work/l.out" 2>&1
  if [[ $out == "$(cat "$work/l.out")" ]]; then
    ok "archive portable : lancée depuis un autre dossier, même résultat"
  else
    ko "archive portable" "$out"
  fi
else
  ko "archive portable absente ou illisible"
fi

echo "tests Windows sous Wine : $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
