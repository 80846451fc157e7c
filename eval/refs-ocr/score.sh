#!/usr/bin/env bash
# Reference F1 of `nghiquyet extract` (with repair) on make-scans OCR of the
# citation-dense texts here.
#
#   eval/refs-ocr/score.sh SCANS [ocr-vie|ocr-eng]
#
# SCANS holds make-scans outputs named <text>.<level>.<seed>/ (e.g.
# cite-ubnd.fax.3/), made outside the project, e.g.
#   ../shared/tools/make-scans.sh -l fax -s 3 -T -j 1 eval/refs-ocr/cite-ubnd.txt /tmp/refscans/cite-ubnd.fax.3
# Prints per-scan matched/gold/out and the micro P/R/F1. Needs a release
# build and ../shared/eval/score-extract.
set -euo pipefail
cd "$(dirname "$0")/../.."
scans="${1:?usage: $0 SCANS [ocr-vie|ocr-eng]}"
layer="${2:-ocr-vie}"
bin="${NGHIQUYET:-target/release/nghiquyet}"
scorer="${SHARED:-../shared}/eval/score-extract"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
m=0 g=0 o=0
for d in "$scans"/*/; do
    [ -f "$d/$layer.txt" ] || continue
    n="$(basename "$d")"
    gold="eval/refs-ocr/${n%%.*}.gold.json"
    [ -f "$gold" ] || continue
    "$bin" extract "$d/$layer.txt" > "$tmp/out.json"
    read -r dm dg do_ < <("$scorer" --out "$tmp/out.json" --gold "$gold" --json |
        python3 -c 'import json,sys; x=json.load(sys.stdin)["references"]; print(x["matched"], x["gold"], x["out"])')
    printf '%-28s %s %s %s\n' "$n" "$dm" "$dg" "$do_"
    m=$((m + dm)) g=$((g + dg)) o=$((o + do_))
done
python3 -c "m,g,o=$m,$g,$o; p=m/o if o else 0; r=m/g if g else 0; f=2*p*r/(p+r) if p+r else 0; print(f'references P={p:.3f} R={r:.3f} F1={f:.3f} (matched {m}, gold {g}, out {o})')"
