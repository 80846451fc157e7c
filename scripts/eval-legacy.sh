#!/usr/bin/env bash
# eval-legacy.sh — measure the repair stage on legacy-engine shape damage.
#
# Usage: scripts/eval-legacy.sh [NGHIQUYET_BINARY] [SEED] [TEXT_DIR]
#   Damages every TEXT_DIR/*.txt (default: the 8 dev resolutions; the
#   "# source" first line is dropped) with the seeded legacy-shape generator
#   (examples/legacy_damage.rs, seed SEED, default 20261126 — not the
#   training seed), repairs it with NGHIQUYET_BINARY and scores it with
#   score-repair against the clean text. Prints one JSON line per file and
#   the pooled errors / fixed / broken. Then repairs the clean texts and
#   counts the lines that changed (clean text should stay a fixed point).
#   For tuning, point TEXT_DIR at training text (corpus/train-ocr truths),
#   never tune on the dev texts.
set -euo pipefail
BIN="${1:-target/release/nghiquyet}"
SEED="${2:-20261126}"
SHARED="${SHARED:-/work/shared}"
DIR="${3:-$SHARED/corpus/dev/resolutions}"
OUT="${TMPDIR:-/tmp}/eval-legacy.$$"
mkdir -p "$OUT"
cargo build -q --example legacy_damage
DAMAGE=target/debug/examples/legacy_damage
total_err=0; total_fix=0; total_brk=0; total_tok=0; clean_lines=0
for f in "$DIR"/*.txt; do
  b=$(basename "$f" .txt)
  if head -1 "$f" | grep -q '^# source'; then tail -n +2 "$f" > "$OUT/$b.clean"; else cp "$f" "$OUT/$b.clean"; fi
  "$DAMAGE" "$SEED" < "$OUT/$b.clean" > "$OUT/$b.ocr"
  "$BIN" repair "$OUT/$b.ocr" > "$OUT/$b.out"
  "$BIN" repair "$OUT/$b.clean" > "$OUT/$b.clean-out"
  j=$(python3 "$SHARED/eval/score-repair" --ocr "$OUT/$b.ocr" --out "$OUT/$b.out" --gold "$OUT/$b.clean" --json)
  echo "$b $j"
  read -r e x k t < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["ocr_errors"], d["fixed"], d["broken"], d["gold_tokens"])' "$j")
  total_err=$((total_err + e)); total_fix=$((total_fix + x)); total_brk=$((total_brk + k)); total_tok=$((total_tok + t))
  n=$(diff "$OUT/$b.clean" "$OUT/$b.clean-out" | grep -c '^>' || true)
  clean_lines=$((clean_lines + n))
done
python3 -c "import sys; e,x,k,t=map(int,sys.argv[1:]); print(f'pooled: {t} gold tokens, {e} OCR errors, {x} fixed ({x/max(e,1):.1%}), {k} broken ({k/max(t,1):.3%} of tokens)')" \
  "$total_err" "$total_fix" "$total_brk" "$total_tok"
echo "clean texts: $clean_lines changed lines"
rm -rf "$OUT"
