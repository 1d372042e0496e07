#!/usr/bin/env bash
# Builds the Windows deliverables on this Linux machine, into target/windows/:
#   dossier-cloud-VERSION-x64-utilisateur.msi  per user, no administrator rights
#   dossier-cloud-VERSION-x64-poste.msi        per machine, for the IT's silent deployment
#   dossier-cloud-VERSION-x64-portable.zip     runs from any folder or a USB key
#   stage/                                     what the three hold (dossier-cloud.exe, .com…)
# Cross-compiled with mingw-w64, stripped, the MSIs made by wixl (msitools). With
# DOSSIER_CLOUD_SIGN_PFX (a .pfx/.p12) and DOSSIER_CLOUD_SIGN_PASSWORD, the programs and the MSIs
# are signed with Authenticode (osslsigncode); DOSSIER_CLOUD_SIGN_TIMESTAMP adds a timestamp
# server's address (this needs the network). Needs, once (Debian):
#   apt-get install gcc-mingw-w64-x86-64 wixl zip osslsigncode
#   rustup target add x86_64-pc-windows-gnu
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target=x86_64-pc-windows-gnu
out=$root/target/windows
stage=$out/stage

missing=()
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-strip x86_64-w64-mingw32-windres wixl zip; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "build.sh : outils manquants : ${missing[*]}" >&2
  echo "  apt-get install gcc-mingw-w64-x86-64 wixl zip" >&2
  exit 2
fi
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  rustup target add "$target"
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
# The MSI's ProductVersion: three numbers (a pre-release suffix is dropped).
msi_version=$(echo "$version" | sed 's/[-+].*//')

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
cargo build --release --locked --target "$target" --bins
bin=$root/target/$target/release

rm -rf "$stage"
mkdir -p "$stage/exemples"
x86_64-w64-mingw32-strip -o "$stage/dossier-cloud.exe" "$bin/dossier-cloud.exe"
x86_64-w64-mingw32-strip -o "$stage/dossier-cloud.com" "$bin/dossier-cloud-console.exe"
cp README.md "$stage/README.md"
cp LICENCE "$stage/LICENCE.txt"
cp assets/fonts/LICENSE-DejaVu.txt "$stage/LICENSE-DejaVu.txt"
cp packaging/windows/dossier-cloud.ico "$stage/dossier-cloud.ico"
cp examples/*.ron "$stage/exemples/"

sign() {
  [[ -n ${DOSSIER_CLOUD_SIGN_PFX:-} ]] || return 0
  local file=$1
  # osslsigncode writes a new file, and refuses to overwrite one.
  local signed=$file.signed
  rm -f "$signed"
  local args=(sign -pkcs12 "$DOSSIER_CLOUD_SIGN_PFX" -pass "${DOSSIER_CLOUD_SIGN_PASSWORD:-}"
    -n "Dossier Cloud de confiance" -h sha256)
  [[ -n ${DOSSIER_CLOUD_SIGN_TIMESTAMP:-} ]] && args+=(-ts "$DOSSIER_CLOUD_SIGN_TIMESTAMP")
  osslsigncode "${args[@]}" -in "$file" -out "$signed" >/dev/null
  mv "$signed" "$file"
  chmod 0644 "$file"
}
sign "$stage/dossier-cloud.exe"
sign "$stage/dossier-cloud.com"

# The examples, one component (a registry value as its key path, as per-user components want).
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<Include>'
  echo '  <Component Id="Examples" Guid="*">'
  echo '    <RegistryValue Root="$(var.RegistryRoot)" Key="Software\DossierCloud" Name="Examples" Type="integer" Value="1" KeyPath="yes"/>'
  n=0
  for f in "$stage"/exemples/*.ron; do
    n=$((n + 1))
    name=$(basename "$f")
    echo "    <File Id=\"Example$n\" Name=\"$name\" Source=\"\$(var.Source)/exemples/$name\"/>"
  done
  echo '    <RemoveFolder Id="RemoveExamples" On="uninstall"/>'
  echo '  </Component>'
  echo '</Include>'
} >"$out/examples.wxi"

# wixl (0.101) finds the sources relative to the .wxs only, with forward slashes: it runs on a
# copy of main.wxs beside the stage.
cp packaging/windows/main.wxs "$out/main.wxs"
for scope in perUser perMachine; do
  case $scope in
    perUser) name=utilisateur ;;
    perMachine) name=poste ;;
  esac
  msi=$out/dossier-cloud-$version-x64-$name.msi
  (cd "$out" && wixl --arch x64 -D Scope=$scope -D Version="$msi_version" -D Source=stage \
    -o "$msi" main.wxs)
  sign "$msi"
done

zip_file=$out/dossier-cloud-$version-x64-portable.zip
rm -f "$zip_file"
( cd "$stage" && zip -q -r -X "$zip_file" dossier-cloud.exe dossier-cloud.com README.md \
    LICENCE.txt LICENSE-DejaVu.txt exemples )

size() { du -h "$1" | cut -f1; }
echo "build.sh : dossier-cloud.exe $(size "$stage/dossier-cloud.exe") (dépouillé), dossier-cloud.com $(size "$stage/dossier-cloud.com")"
for f in "$out"/dossier-cloud-"$version"-x64-*; do
  echo "build.sh : $(basename "$f") $(size "$f")"
done
