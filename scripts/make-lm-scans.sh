#!/usr/bin/env bash
# Builds born-digital PDFs and fax scans of the eval/gold/lm documents, so
# scripts/score-dev.sh can score the lm gold on PDFs as well as on clean text.
#
#   scripts/make-lm-scans.sh check|tune|all OUTDIR [LEVEL] [SEED]
#
# For each gold file of the split, the corpus text its "source" names is given
# to ../shared/tools/make-scans.sh (-T, level fax and seed 7 unless told), and
# the result is written to OUTDIR/<gold name>/ (born-digital.pdf,
# scanned-vie.pdf, ocr-vie.txt, truth.txt, …). The scans stay outside the
# project: they are made of corpus texts, which are never committed.
# Documents already made (OUTDIR/<name>/scanned-vie.pdf present) are skipped,
# so an interrupted run resumes. About 10 s a page on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
split="${1:?usage: $0 check|tune|all OUTDIR [LEVEL] [SEED]}"
out="${2:?usage: $0 check|tune|all OUTDIR [LEVEL] [SEED]}"
level="${3:-fax}"
seed="${4:-7}"
shared="${SHARED:-../shared}"
mkdir -p "$out"
# lm_split (the frozen split of SPLIT.md, as score-dev.sh applies it) and
# lm_source.
. scripts/lm-gold.sh
for gold in eval/gold/lm/*.gold.json; do
    name="$(basename "$gold" .gold.json)"
    s="$(lm_split "$name")"
    [ "$split" = all ] || [ "$split" = "$s" ] || continue
    [ -f "$out/$name/scanned-vie.pdf" ] && continue
    src="$(lm_source "$shared/corpus/lm" "$gold")"
    echo "== $name ($s)"
    # A few corpus texts carry stray control characters (U+0003, U+0004,
    # U+001F) that no font has a glyph for, and make-scans refuses them; they
    # print as nothing, so the copy typeset drops them.
    clean="$out/$name.input.txt"
    python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read(); sys.stdout.write("".join(c for c in t if c in "\n\t" or ord(c) >= 32))' "$src" > "$clean"
    "$shared/tools/make-scans.sh" -l "$level" -s "$seed" -T -j 1 "$clean" "$out/$name" \
        || echo "make-lm-scans: $name failed" >&2
    rm -f "$clean"
done
