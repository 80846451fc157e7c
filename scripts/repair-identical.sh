#!/usr/bin/env bash
# Checks that the repair stage's output is byte-identical to a saved
# reference (for speed work, which must not change any decision).
#
#   scripts/repair-identical.sh save  REFDIR   # record outputs of the current build
#   scripts/repair-identical.sh check REFDIR   # compare the current build against them
#
# For every input it records both `nghiquyet repair --json F` (the list of
# repairs with confidences) and `nghiquyet repair F` (the repaired text).
# Inputs: the dev resolutions and the dev raw OCR from ../shared/corpus, and
# the generated OCR cases /tmp/rep-*/{ocr-vie,ocr-eng,truth}.txt when they
# exist (plus any extra files given in $EXTRA). Uses target/release/nghiquyet
# (build it first with `cargo build --release`).
set -euo pipefail
mode=${1:?usage: $0 save|check REFDIR}
ref=${2:?usage: $0 save|check REFDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/nghiquyet"
shared="$root/../shared/corpus/dev"
inputs=()
for f in "$shared"/resolutions/*.txt "$shared"/ocr/*_raw.txt /tmp/rep-*/ocr-vie.txt /tmp/rep-*/ocr-eng.txt \
    /tmp/rep-*/truth.txt ${EXTRA:-}; do
    [ -f "$f" ] && inputs+=("$f")
done
[ ${#inputs[@]} -gt 0 ] || { echo "no inputs found" >&2; exit 2; }
mkdir -p "$ref"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
for f in "${inputs[@]}"; do
    name=$(echo "$f" | sed 's|^/||; s|/|__|g')
    "$bin" repair --json "$f" >"$out/$name.json"
    "$bin" repair "$f" >"$out/$name.txt"
    for ext in json txt; do
        if [ "$mode" = save ]; then
            cp "$out/$name.$ext" "$ref/$name.$ext"
        elif ! cmp -s "$out/$name.$ext" "$ref/$name.$ext"; then
            echo "DIFFERENT: $f ($ext)"
            diff <(tr ',' '\n' <"$ref/$name.$ext") <(tr ',' '\n' <"$out/$name.$ext") | head -20 || true
            fail=1
        fi
    done
done
if [ "$mode" = save ]; then
    echo "saved ${#inputs[@]} inputs to $ref"
elif [ $fail = 0 ]; then
    echo "identical: ${#inputs[@]} inputs (json + text)"
else
    exit 1
fi
