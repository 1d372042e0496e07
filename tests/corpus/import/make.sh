#!/usr/bin/env bash
# Regenerates the import test files from budget.fods (flat OpenDocument, readable text) with
# LibreOffice, as a user's spreadsheet program would write them:
#   bash tests/corpus/import/make.sh   (needs libreoffice-calc)
set -euo pipefail
cd "$(dirname "$0")"
soffice --headless --convert-to xlsx budget.fods >/dev/null
soffice --headless --convert-to ods budget.fods >/dev/null
# The first sheet as CSV, French style: semicolons, UTF-8.
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,1' budget.fods >/dev/null
mv budget-Budget.csv budget.csv 2>/dev/null || true
# The same as a French Excel on Windows writes « CSV (séparateur : point-virgule) »: decimal
# commas, Windows-1252.
python3 - <<'PY'
import re
text = open("budget.csv", encoding="utf-8").read()
text = re.sub(r"(?<=;)(-?\d+)\.(\d+)(?=;|$)", r"\1,\2", text, flags=re.M)
open("budget-windows.csv", "w", encoding="cp1252", newline="\r\n").write(text)
PY
