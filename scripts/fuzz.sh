#!/usr/bin/env bash
# Runs the cargo-fuzz targets for a while each (issue 9).
#
#   scripts/fuzz.sh SECONDS [TARGET...]     (default: every target)
#
# Needs `cargo install cargo-fuzz`. On a stable toolchain it sets
# RUSTC_BOOTSTRAP=1 (cargo fuzz passes unstable flags) and uses no
# sanitizer. Seed corpora come from fixtures/ (PDFs and texts); crashes land
# in fuzz/artifacts/TARGET/ — turn each into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}; shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
python3 scripts/fuzz-seeds.py
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  case "$t" in
    cmap_* | legacy_* | content_*) ;;
    pdf_*) cp -n fixtures/pdf/*.pdf "fuzz/corpus/$t/" 2>/dev/null || true ;;
    *) for f in fixtures/*.txt fixtures/ocr/*.txt; do split -b 2000 -d "$f" "fuzz/corpus/$t/$(basename "$f")." ; done ;;
  esac
done
for t in "${targets[@]}"; do
  echo "== $t for $secs s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none -O "$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -max_len=1048576 2>&1 | tail -3
done
