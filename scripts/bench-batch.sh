#!/usr/bin/env bash
# Batch throughput and memory on a generated archive (issue 6).
#
#   scripts/bench-batch.sh [N ...]      (default: 200 2000)
#
# Builds an archive of N documents from the fixtures (born-digital PDFs,
# scanned PDFs with an OCR layer, text files, and one broken PDF in every
# 50; image-only PDFs are left out, since OCR throughput is Tesseract's and
# is measured by scripts/eval-ocr.sh), runs
# `nghiquyet batch` with --jobs 1 and --jobs 2, and pdftotext over the same
# PDFs in the same run, printing pages/s and peak RSS for each.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftotext >/dev/null || { echo "pdftotext missing: apt-get install poppler-utils" >&2; exit 2; }
cargo build --release --quiet
BIN=target/release/nghiquyet
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mapfile -t SRC < <(ls fixtures/pdf/*.pdf fixtures/*.txt | grep -v image-only)
rss() { awk '/Maximum resident/ {print $6/1024 " MB"}' "$1"; }
for N in "${@:-200 2000}"; do
  for n in $N; do
    A="$WORK/archive-$n"; mkdir -p "$A"
    for ((i = 0; i < n; i++)); do
      if (( i % 50 == 49 )); then printf '%%PDF-1.4\nbroken' > "$A/doc-$i.pdf"; continue; fi
      s=${SRC[$((i % ${#SRC[@]}))]}; cp "$s" "$A/doc-$i.${s##*.}"
    done
    echo "== $n documents"
    for j in 1 2; do
      /usr/bin/time -v "$BIN" batch --quiet --jobs "$j" -o "$WORK/out.jsonl" --summary-json "$WORK/s.json" "$A" 2> "$WORK/time.txt" || true
      python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(f\"nghiquyet --jobs $j: {s['ok']} ok, {s['failed']} failed, {s['pages']} pages, {s['wall_seconds']:.2f} s, {s['pages_per_second']:.1f} pages/s\")" "$WORK/s.json"
      echo "  peak RSS: $(rss "$WORK/time.txt")"
    done
    pages=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['pages'])" "$WORK/s.json")
    pdfs=$(ls "$A"/*.pdf | wc -l)
    start=$(date +%s.%N)
    for f in "$A"/*.pdf; do pdftotext "$f" - >/dev/null 2>&1 || true; done
    end=$(date +%s.%N)
    python3 -c "print(f'pdftotext (sequential, {$pdfs} PDFs only): {$end - $start:.2f} s')"
    start=$(date +%s.%N)
    ls "$A"/*.pdf | xargs -P 2 -I{} sh -c 'pdftotext "{}" - >/dev/null 2>&1 || true'
    end=$(date +%s.%N)
    python3 -c "print(f'pdftotext (2 processes): {$end - $start:.2f} s')"
  done
done
