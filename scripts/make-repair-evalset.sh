#!/usr/bin/env bash
# make-repair-evalset.sh — rebuild the generated scans the repair figures
# are measured on, from the dev resolutions (kept outside the repository).
#
# Usage: scripts/make-repair-evalset.sh OUTROOT [SHARED]
#   Cuts eight excerpts (about 950 words each, whole lines) of
#   SHARED/corpus/dev/resolutions, and runs make-scans.sh on each with
#   levels fax and heavy, seed 11, no .tess.pdf variants:
#     OUTROOT/rep-{fax,heavy}-{1,2,3}              set A (dev 04, 10, 08)
#     OUTROOT/rep2-{fax,heavy}-{03,05,06,07,09}    set B (the other five)
#   About 10 s per page on one core; 16 cases of 2–3 pages.
#   Then: scripts/repair-residue.py BIN OUT OUTROOT/rep-* (or rep2-*).
set -euo pipefail
OUT="${1:?usage: make-repair-evalset.sh OUTROOT [SHARED]}"
SHARED="${2:-${SHARED:-$(dirname "$0")/../../shared}}"
DEV="$SHARED/corpus/dev/resolutions"
mkdir -p "$OUT/excerpts"
# name  source-file-stem  first-line  last-line
while read -r name stem first last; do
  sed -n "${first},${last}p" "$DEV/$stem.txt" > "$OUT/excerpts/$name.txt"
done <<'EOF'
1 04_ct07_2012_ttg_kkt_kcn_ccn 2 20
2 10_bc_ubnd_laocai_qlnn_khoangsan_2025 22 43
3 08_kh_sct_laocai_dean08_nq35tu_2026 12 46
03 03_kh_ubnd_laocai_chithi11tu_khoangsan_2026 12 36
05 05_cv7432_ubnd_laocai_pccc_qd1074_2026 12 75
06 06_cv193_ubnd_laocai_vlncn_2026 12 82
07 07_nq66_19_2026_nq_cp_tthc_nnmt 12 36
09 09_kh_sct_laocai_kiemtra_vlncn_2026 12 37
EOF
for name in 1 2 3 03 05 06 07 09; do
  prefix=rep
  [ ${#name} -eq 2 ] && prefix=rep2
  for level in fax heavy; do
    dir="$OUT/$prefix-$level-$name"
    [ -f "$dir/ocr-eng.txt" ] && continue
    nice bash "$SHARED/tools/make-scans.sh" -l "$level" -s 11 -T -j 1 "$OUT/excerpts/$name.txt" "$dir" \
      > "$OUT/excerpts/log-$level-$name.txt" 2>&1
  done
done
echo "done: $OUT"
