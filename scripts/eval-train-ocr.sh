#!/usr/bin/env bash
# eval-train-ocr.sh — repair every train-ocr case and print summed figures
# per (level, engine). TRAINING data: for tuning only, never a test figure.
# Usage: scripts/eval-train-ocr.sh BINARY [extra repair flags...]
set -euo pipefail
BIN="$1"; shift
SHARED="${SHARED:-/work/shared}"
OUT="${TMPDIR:-/tmp}/eval-train.$$"; mkdir -p "$OUT"
for d in "$SHARED"/corpus/train-ocr/*/; do
  n=$(basename "$d")
  for e in vie eng; do
    "$BIN" repair "$@" "$d/ocr-$e.txt" > "$OUT/$n-$e.out"
    python3 "$SHARED/eval/score-repair" --ocr "$d/ocr-$e.txt" --out "$OUT/$n-$e.out" --gold "$d/truth.txt" --json --fold-tone-style > "$OUT/$n-$e.json"
  done
done
python3 - "$OUT" <<'PY'
import json, glob, sys, collections
agg = collections.defaultdict(lambda: collections.Counter())
for f in glob.glob(sys.argv[1] + "/*.json"):
    name = f.rsplit("/", 1)[1]
    level = "fax" if "-fax-" in name else "heavy"
    eng = "eng" if name.endswith("-eng.json") else "vie"
    r = json.load(open(f))
    c = agg[(level, eng)]
    for k in ("gold_tokens", "ocr_errors", "fixed", "broken"):
        c[k] += r[k]
    c["e_ocr"] += r["wer_ocr"] * r["gold_tokens"]; c["e_out"] += r["wer_out"] * r["gold_tokens"]
for k, c in sorted(agg.items()):
    correct = c["gold_tokens"] - c["ocr_errors"]
    print(f"{k[0]:5} {k[1]}: wer {c['e_ocr']/c['gold_tokens']:.4f} -> {c['e_out']/c['gold_tokens']:.4f}  reduction {1-c['e_out']/c['e_ocr']:.3f}  fixed {c['fixed']}/{c['ocr_errors']}  broken {c['broken']} damage {c['broken']/max(correct,1):.4f}")
PY
rm -rf "$OUT"
