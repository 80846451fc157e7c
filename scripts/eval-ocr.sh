#!/usr/bin/env bash
# OCR (+ repair) quality on make-scans outputs (issue 7).
#
#   scripts/eval-ocr.sh SCAN_DIR...
#
# Each SCAN_DIR is an output folder of ../shared/tools/make-scans.sh (it has
# image-only.pdf and truth.txt). For each: our OCR text of image-only.pdf
# without repair and with repair, scored against truth.txt with
# ../shared/eval/score-repair (WER before = OCR, after = repaired).
set -euo pipefail
cd "$(dirname "$0")/.."
SCORE=../shared/eval/score-repair
BIN=target/release/nghiquyet
[ -x "$BIN" ] || cargo build --release --quiet
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for d in "$@"; do
  name=$(basename "$d")
  "$BIN" text "$d/image-only.pdf" > "$OUT/$name.ocr.txt" 2>/dev/null
  "$BIN" text --repair "$d/image-only.pdf" > "$OUT/$name.rep.txt" 2>/dev/null
  level=$(sed -n 's/^level=\([a-z]*\).*/\1/p' "$d/params.txt")
  python3 - "$name" "$level" "$SCORE" "$OUT/$name.ocr.txt" "$OUT/$name.rep.txt" "$d/truth.txt" <<'PY'
import json, subprocess, sys
name, level, score, ocr, rep, gold = sys.argv[1:]
r = json.loads(subprocess.check_output([score, "--ocr", ocr, "--out", rep, "--gold", gold, "--json"]))
print(f"{name:16} {level:7} tokens {r['gold_tokens']:5}  WER ocr {r['wer_ocr']*100:5.1f} %  after repair {r['wer_out']*100:5.1f} %  "
      f"fixed {r['fixed']}  broken {r['broken']}")
PY
done
