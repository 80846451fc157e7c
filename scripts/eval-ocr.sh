#!/usr/bin/env bash
# OCR (+ repair) quality and speed on make-scans outputs (issues 7, 17).
#
#   scripts/eval-ocr.sh [--header] [--speed] [--show] SCAN_DIR...
#
# Each SCAN_DIR is an output folder of ../shared/tools/make-scans.sh (it has
# image-only.pdf, truth.txt and params.txt). For each, our OCR of every page
# of image-only.pdf (`text --ocr always`) without repair and with repair
# (`--repair`), scored against truth.txt with ../shared/eval/score-repair
# --fold-tone-style (WER before = OCR, after = repaired); then the WER pooled
# over the documents of each level (errors summed over gold tokens summed).
#
#   --header  also header fields (kind, number, issuer, place, date, signer
#             and the rest of the gold `document` block): `extract --ocr
#             always` of image-only.pdf scored with ../shared/eval/score-extract
#             against eval/gold/dev/<doc>.gold.json or
#             eval/gold/fixtures/<doc>.gold.json, where one exists (the same
#             figure `scripts/score-dev.sh devocr` gives for make-scans' own
#             OCR text)
#   --speed   also pages per second of our `text --ocr always` and of
#             `ocrmypdf --force-ocr -l vie -j 2` on the same files, one after
#             the other (the machine is shared: run it twice and compare)
#   --show    keep the texts and print where they are
#
# Environment: NGHIQUYET (binary, default target/release/nghiquyet),
# SHARED (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
header="" speed="" show=""
while [ $# -gt 0 ]; do
  case "$1" in
    --header) header=1; shift ;;
    --speed) speed=1; shift ;;
    --show) show=1; shift ;;
    --) shift; break ;;
    -*) sed -n '2,26p' "$0"; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { sed -n '2,26p' "$0"; exit 2; }
shared="${SHARED:-../shared}"
SCORE="$shared/eval/score-repair"
EXTRACT_SCORE="$shared/eval/score-extract"
BIN="${NGHIQUYET:-target/release/nghiquyet}"
[ -x "$BIN" ] || { echo "eval-ocr: $BIN missing; run: cargo build --release" >&2; exit 2; }
OUT=$(mktemp -d)
if [ -n "$show" ]; then echo "eval-ocr: texts in $OUT" >&2; else trap 'rm -rf "$OUT"' EXIT; fi
rows="$OUT/rows.jsonl"
: > "$rows"
pages_of() { sed -n 's/^pages=\([0-9]*\)/\1/p' "$1/timings.txt" 2>/dev/null || true; }
for d in "$@"; do
  d="${d%/}"
  [ -f "$d/image-only.pdf" ] || { echo "eval-ocr: $d has no image-only.pdf, skipped" >&2; continue; }
  name=$(basename "$d")
  level=$(sed -n 's/^level=\([a-z]*\).*/\1/p' "$d/params.txt")
  key="$level.$(basename "$(dirname "$d")").$name"
  "$BIN" text --ocr always "$d/image-only.pdf" > "$OUT/$key.ocr.txt" 2>/dev/null
  "$BIN" text --ocr always --repair "$d/image-only.pdf" > "$OUT/$key.rep.txt" 2>/dev/null
  # One line each: score-repair aligns line by line when the three files
  # have as many lines, and one line lost by OCR (a lone "*" under the
  # issuer) shifted every later line of a fixture (WER 106 %).
  for f in ocr rep; do tr '\n' ' ' < "$OUT/$key.$f.txt" > "$OUT/$key.$f.flat"; done
  tr '\n' ' ' < "$d/truth.txt" > "$OUT/$key.gold.flat"
  r=$("$SCORE" --fold-tone-style --ocr "$OUT/$key.ocr.flat" --out "$OUT/$key.rep.flat" --gold "$OUT/$key.gold.flat" --json)
  doc="null"
  if [ -n "$header" ]; then
    for g in "eval/gold/dev/$name.gold.json" "eval/gold/fixtures/$name.gold.json"; do
      [ -f "$g" ] || continue
      "$BIN" extract --ocr always "$d/image-only.pdf" > "$OUT/$key.json" 2>/dev/null
      doc=$("$EXTRACT_SCORE" --out "$OUT/$key.json" --gold "$g" --json)
      break
    done
  fi
  printf '{"name":"%s","level":"%s","wer":%s,"extract":%s}\n' "$name" "$level" "$r" "$doc" >> "$rows"
done
python3 - "$rows" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
pool = {}
for r in rows:
    w = r["wer"]
    t = w["gold_tokens"]
    line = (f"{r['name'][:44]:44} {r['level']:6} tokens {t:5}  WER ocr {w['wer_ocr']*100:5.1f} %"
            f"  after repair {w['wer_out']*100:5.1f} %")
    p = pool.setdefault(r["level"], [0, 0.0, 0.0, 0, 0, 0])
    p[0] += t; p[1] += w["wer_ocr"] * t; p[2] += w["wer_out"] * t
    if r["extract"]:
        d = r["extract"]["document"]
        line += f"  header {d['matched']}/{d['gold']}"
        p[3] += d["matched"]; p[4] += d["gold"]
    p[5] += 1
    print(line)
print()
for level, (t, eo, er, hm, hg, n) in sorted(pool.items()):
    line = f"pooled {level:6} documents {n:2} tokens {t:6}  WER ocr {eo/t*100:5.2f} %  after repair {er/t*100:5.2f} %"
    if hg:
        line += f"  header fields {hm}/{hg} = {hm/hg:.3f}"
    print(line)
PY
if [ -n "$speed" ]; then
  pages=0
  start=$(date +%s.%N)
  for d in "$@"; do
    "$BIN" text --ocr always "${d%/}/image-only.pdf" > /dev/null 2>&1
    pages=$((pages + $(pages_of "${d%/}")))
  done
  mid=$(date +%s.%N)
  for d in "$@"; do
    ocrmypdf -q --force-ocr -l vie -j 2 --output-type pdf --optimize 0 \
      --sidecar "$OUT/sidecar.txt" "${d%/}/image-only.pdf" "$OUT/ocrmypdf.pdf" 2>/dev/null
  done
  end=$(date +%s.%N)
  python3 -c "import sys; p,a,b,c=map(float,sys.argv[1:]); print(f'speed: {p:.0f} pages  nghiquyet {p/(b-a):.3f} pages/s ({(b-a)/p:.2f} s/page)  ocrmypdf -j 2 {p/(c-b):.3f} pages/s ({(c-b)/p:.2f} s/page)')" \
    "$pages" "$start" "$mid" "$end"
fi
