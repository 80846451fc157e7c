#!/usr/bin/env bash
# eval-repair.sh — measure the repair stage on the dev OCR material.
#
# Usage: scripts/eval-repair.sh [NGHIQUYET_BINARY] [SCAN_DIRS...]
#   Scores (1) the real Tesseract OCR of NQ 34-NQ/TU against its proposed
#   correction, raw and with --fold-tone-style, and (2) every
#   SCAN_DIR/{ocr-vie,ocr-eng}.txt made by make-scans.sh against its truth.txt.
# Header handling for (1), the same for all three files: drop the "# source"
# first line, the "[OCR]" banner and the "===== Trang N =====" page markers of
# the raw file, and blank lines everywhere (the correction dropped some).
set -euo pipefail
BIN="${1:-target/release/nghiquyet}"
shift || true
SHARED="${SHARED:-/work/shared}"
OUT="${TMPDIR:-/tmp}/eval-repair.$$"
mkdir -p "$OUT"
clean() { tail -n +2 "$1" | grep -v '^\[OCR\]' | grep -v '^===== Trang' | grep -v '^[[:space:]]*$' || true; }
RAW="$SHARED/corpus/dev/ocr/nq34_btvtu_laocai_2025_tesseract_raw.txt"
GOLD="$SHARED/corpus/dev/ocr/nq34_btvtu_laocai_2025_PROPOSED_correction.txt"
clean "$RAW" > "$OUT/ocr.txt"
clean "$GOLD" > "$OUT/gold.txt"
"$BIN" repair "$OUT/ocr.txt" > "$OUT/out.txt"
echo "== nq34 real Tesseract (vie)"
python3 "$SHARED/eval/score-repair" --ocr "$OUT/ocr.txt" --out "$OUT/out.txt" --gold "$OUT/gold.txt" --json
echo "== nq34 real Tesseract (vie), --fold-tone-style"
python3 "$SHARED/eval/score-repair" --ocr "$OUT/ocr.txt" --out "$OUT/out.txt" --gold "$OUT/gold.txt" --json --fold-tone-style
for d in "$@"; do
  for e in vie eng; do
    [ -f "$d/ocr-$e.txt" ] || continue
    "$BIN" repair "$d/ocr-$e.txt" > "$OUT/scan.txt"
    echo "== $d $e"
    python3 "$SHARED/eval/score-repair" --ocr "$d/ocr-$e.txt" --out "$OUT/scan.txt" --gold "$d/truth.txt" --json --fold-tone-style
  done
done
rm -rf "$OUT"
