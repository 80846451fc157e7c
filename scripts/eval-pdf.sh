#!/usr/bin/env bash
# Text-extraction figures of issue 3, with ../shared/eval/score-text.
#
#   scripts/eval-pdf.sh [SCAN_DIR...]
#
# 1. Each legacy-font PDF in ../shared/corpus/dev/pdfs/tcvn3/ against its
#    *.truth.txt (pdftotext beside it for comparison).
# 2. Each SCAN_DIR made by ../shared/tools/make-scans.sh: born-digital.pdf
#    against truth.txt; scanned-vie.pdf, scanned-vie.tess.pdf (if made),
#    scanned-eng*.pdf against the OCR sidecars; image-only.pdf must give no
#    text. Also prints each scanned figure with `Ð` (U+00D0) read as `Đ` in
#    the sidecar, since our normalization makes that change on purpose.
# 3. The garbled-layer PDF: every page must be `unusable`.
# Needs a release build (target/release/nghiquyet).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
BIN=target/release/nghiquyet
SCORE="$SHARED/eval/score-text"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fig() { python3 -c 'import json,sys; r=json.load(sys.stdin); print("diacritic %.4f  token %.4f  (%d tokens)" % (r["diacritic_accuracy"], r["token_accuracy"], r["gold_tokens"]))'; }
for pdf in "$SHARED"/corpus/dev/pdfs/tcvn3/*.pdf; do
  gold="${pdf%.pdf}.truth.txt"
  "$BIN" text --ocr never "$pdf" > "$OUT/ours.txt" 2>/dev/null
  pdftotext "$pdf" "$OUT/pdftotext.txt"
  echo "tcvn3 $(basename "$pdf")"
  echo "  ours      $("$SCORE" --out "$OUT/ours.txt" --gold "$gold" --json | fig)"
  echo "  pdftotext $("$SCORE" --out "$OUT/pdftotext.txt" --gold "$gold" --json | fig)"
done
for d in "$@"; do
  echo "scans $d"
  "$BIN" text --ocr never "$d/born-digital.pdf" > "$OUT/bd.txt" 2>/dev/null
  echo "  born-digital vs truth       $("$SCORE" --out "$OUT/bd.txt" --gold "$d/truth.txt" --json | fig)"
  for v in scanned-vie.pdf scanned-vie.tess.pdf scanned-eng.pdf scanned-eng.tess.pdf; do
    [ -f "$d/$v" ] || continue
    lang=${v#scanned-}; lang=${lang%%.*}
    "$BIN" text --ocr never "$d/$v" > "$OUT/s.txt" 2>/dev/null
    sed 's/Ð/Đ/g' "$d/ocr-$lang.txt" > "$OUT/side.txt"
    printf '  %-20s vs sidecar  %s | Ð→Đ %s\n' "$v" \
      "$("$SCORE" --out "$OUT/s.txt" --gold "$d/ocr-$lang.txt" --json | fig)" \
      "$("$SCORE" --out "$OUT/s.txt" --gold "$OUT/side.txt" --json | fig)"
  done
  layers=$("$BIN" extract --no-repair --ocr never "$d/image-only.pdf" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(sorted({p["text_layer"] for p in r["pages"]}), len(r["text"].split()), "words")')
  echo "  image-only.pdf layers $layers"
done
for pdf in "$SHARED"/corpus/dev/pdfs/garbled-text-layer/*.pdf; do
  layers=$("$BIN" extract --no-repair --ocr never "$pdf" | python3 -c 'import json,sys; r=json.load(sys.stdin); print([p["text_layer"] for p in r["pages"]])')
  echo "garbled $(basename "$pdf") layers $layers"
done
