#!/bin/sh
# Rebuilds test/fixtures/corpus/ from scripts/corpus/data.json with real spreadsheet programs.
# Not run by CI: the files are committed. Needs (Debian 12): libreoffice-calc-nogui gnumeric python3-openpyxl
# python3-xlsxwriter, and SheetJS in a scratch folder outside the repo:
#   mkdir -p /tmp/corpus-scratch && cd /tmp/corpus-scratch && npm init -y && npm install @e965/xlsx@0.20.3
# Usage (from the repo root): sh scripts/corpus/make.sh [SHEETJS_SCRATCH_DIR]   (CORPUS_OUT=/tmp/x: write elsewhere)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="${CORPUS_OUT:-$ROOT/test/fixtures/corpus}"  # CORPUS_OUT: rebuild elsewhere to compare
SCRATCH="${1:-/tmp/corpus-scratch}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

/usr/bin/python3 "$HERE/gen_python.py" "$WORK"
for f in openpyxl.xlsx openpyxl-1904.xlsx xlsxwriter.xlsx xlsxwriter-inline-1904.xlsx; do cp "$WORK/$f" "$OUT/$f"; done

# LibreOffice Calc and Gnumeric open the openpyxl workbook whose No column is formulas without results,
# recalculate, and save it as their own .xlsx.
mkdir -p "$WORK/lo"
soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to 'xlsx:Calc MS Excel 2007 XML' \
  --outdir "$WORK/lo" "$WORK/source-formulas.xlsx" >/dev/null
cp "$WORK/lo/source-formulas.xlsx" "$OUT/libreoffice.xlsx"
ssconvert --export-type=Gnumeric_Excel:xlsx2 "$WORK/source-formulas.xlsx" "$OUT/gnumeric.xlsx" 2>/dev/null
# 1904 dates through both: Calc from its own format (xlsx → .ods → xlsx), Gnumeric directly.
soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to ods --outdir "$WORK/lo" \
  "$WORK/openpyxl-1904.xlsx" >/dev/null
soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to 'xlsx:Calc MS Excel 2007 XML' \
  --outdir "$WORK/lo2" "$WORK/lo/openpyxl-1904.ods" >/dev/null
cp "$WORK/lo2/openpyxl-1904.xlsx" "$OUT/libreoffice-ods-1904.xlsx"
ssconvert --export-type=Gnumeric_Excel:xlsx2 "$WORK/openpyxl-1904.xlsx" "$OUT/gnumeric-1904.xlsx" 2>/dev/null

(cd "$ROOT" && node "$HERE/gen_js.mjs" "$WORK" "$SCRATCH/node_modules/@e965/xlsx")
cp "$WORK/sheetjs-1904.xlsx" "$WORK/exceljs.xlsx" "$OUT/"

# Issue 15: the same sheet as Excel 97–2003 (.xls) and OpenDocument (.ods), written by Calc and Gnumeric from Calc's
# own .xlsx (hidden sheet kept), and Calc's .xls/.ods of the 1904 workbook.
soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to 'xls:MS Excel 97' --outdir "$OUT" \
  "$OUT/libreoffice.xlsx" >/dev/null
soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to ods --outdir "$OUT" \
  "$OUT/libreoffice.xlsx" >/dev/null
soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to 'xls:MS Excel 97' --outdir "$WORK/lo3" \
  "$WORK/openpyxl-1904.xlsx" >/dev/null
cp "$WORK/lo3/openpyxl-1904.xls" "$OUT/libreoffice-1904.xls"
cp "$WORK/lo/openpyxl-1904.ods" "$OUT/libreoffice-1904.ods"
ssconvert --export-type=Gnumeric_Excel:excel_biff8 "$OUT/libreoffice.xlsx" "$OUT/gnumeric.xls" 2>/dev/null
ssconvert --export-type=Gnumeric_OpenCalc:odf "$OUT/libreoffice.xlsx" "$OUT/gnumeric.ods" 2>/dev/null

# The x:-prefixed file: XlsxWriter's workbook with its XML hand-edited by a script.
/usr/bin/python3 "$HERE/prefix_x.py" "$OUT/xlsxwriter.xlsx" "$OUT/x-prefix.xlsx"
ls -l "$OUT"
