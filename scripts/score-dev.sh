#!/usr/bin/env bash
# Scores `nghiquyet extract` against the gold annotations.
#
#   scripts/score-dev.sh [dev|fixtures|ocr|devocr|lm-tune|lm-check] [--show]
#
# dev      : eval/gold/dev/*.gold.json against ../shared/corpus/dev/resolutions/<name>.txt
#            (the first "# source:" line is dropped before extraction)
# fixtures : eval/gold/fixtures/*.gold.json against fixtures/<name>.txt
# ocr      : eval/gold/fixtures/*.gold.json against fixtures/ocr/<name>.fax.ocr-vie.txt
#            (run with repair on, since OCR text is what repair is for)
# devocr   : eval/gold/dev/*.gold.json against $DEV_OCR/<name>/ocr-vie.txt, the
#            make-scans output for a dev text, kept outside the project (dev
#            texts and their scans are never committed); documents without
#            a scan there are skipped. With repair on. E.g.
#              sed '1{/^# source:/d}' ../shared/corpus/dev/resolutions/X.txt > /tmp/s/X.txt
#              ../shared/tools/make-scans.sh -l fax -s 7 -T -j 1 /tmp/s/X.txt /tmp/s/X
#              DEV_OCR=/tmp/s scripts/score-dev.sh devocr
# lm-tune  : eval/gold/lm/*.gold.json whose split is `tune`, against the corpus
#            file its "source" field names under ../shared/corpus/lm/ (documents
#            the parser was not built against; see eval/gold/lm/SPLIT.md)
# lm-check : the same for the split `check`: look only at its pooled figures,
#            never tune on its residue (--show is refused)
# lm-tune-born, lm-check-born, lm-tune-fax, lm-check-fax :
#            the same gold against $LM_SCANS/<name>/born-digital.pdf or
#            $LM_SCANS/<name>/scanned-vie.pdf (fax: Tesseract's OCR layer, with
#            repair on), the outputs of scripts/make-lm-scans.sh, kept outside
#            the project; documents without a scan there are skipped (the
#            count scored is printed). E.g.
#              scripts/make-lm-scans.sh check /tmp/lmscans
#              LM_SCANS=/tmp/lmscans scripts/score-dev.sh lm-check-fax
#
# Prints per-document figures and the micro average (matched/gold/out summed
# over documents) for targets, quantities, deadlines, bodies, roles,
# references, and the share of document fields matched. Needs a release
# build (target/release/nghiquyet). Exits 0 without scoring when ../shared is
# absent, so CI without the shared data still passes.
set -euo pipefail
cd "$(dirname "$0")/.."
set_name="${1:-dev}"
show="${2:-}"
shared="${SHARED:-../shared}"
if [ ! -d "$shared" ]; then
    echo "score-dev: $shared is absent; nothing to score (exit 0)"
    exit 0
fi
scorer="$shared/eval/score-extract"
bin="${NGHIQUYET:-target/release/nghiquyet}"
if [ ! -x "$bin" ]; then
    echo "score-dev: $bin missing; run: cargo build --release" >&2
    exit 2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
repair_flag="--no-repair"
case "$set_name" in
    dev) gold_dir=eval/gold/dev ;;
    fixtures) gold_dir=eval/gold/fixtures ;;
    ocr) gold_dir=eval/gold/fixtures; repair_flag="" ;;
    devocr)
        gold_dir=eval/gold/dev; repair_flag=""
        if [ -z "${DEV_OCR:-}" ]; then
            echo "score-dev: devocr needs DEV_OCR=<folder of make-scans outputs>" >&2
            exit 2
        fi ;;
    lm-tune|lm-check|lm-tune-born|lm-check-born|lm-tune-fax|lm-check-fax)
        gold_dir=eval/gold/lm
        # The split to keep, and the form of each document scored.
        lm_want="${set_name#lm-}"; lm_want="${lm_want%%-*}"
        lm_form="${set_name#lm-"$lm_want"}"; lm_form="${lm_form#-}"
        if [ -n "$lm_form" ]; then
            repair_flag=""
            if [ -z "${LM_SCANS:-}" ]; then
                echo "score-dev: $set_name needs LM_SCANS=<folder of make-lm-scans.sh outputs>" >&2
                exit 2
            fi
        fi
        if [ "$lm_want" = check ] && [ -n "$show" ]; then
            echo "score-dev: lm-check reports pooled figures only (no --show)" >&2
            exit 2
        fi ;;
    *) echo "usage: $0 [dev|fixtures|ocr|devocr|lm-tune|lm-check|lm-{tune,check}-{born,fax}] [--show]" >&2; exit 2 ;;
esac
shopt -s nullglob
golds=("$gold_dir"/*.gold.json)
if [ ${#golds[@]} -eq 0 ]; then
    echo "score-dev: no gold files in $gold_dir"
    exit 0
fi
# lm_split (the frozen split of SPLIT.md) and lm_source.
. scripts/lm-gold.sh
results="$tmp/results.jsonl"
: > "$results"
for gold in "${golds[@]}"; do
    name="$(basename "$gold" .gold.json)"
    case "$set_name" in
        dev) src="$shared/corpus/dev/resolutions/$name.txt" ;;
        fixtures) src="fixtures/$name.txt" ;;
        ocr) src="fixtures/ocr/$name.fax.ocr-vie.txt" ;;
        devocr) src="$DEV_OCR/$name/ocr-vie.txt" ;;
        lm-*)
            [ "$(lm_split "$name")" = "$lm_want" ] || continue
            case "$lm_form" in
                "") src="$(lm_source "$shared/corpus/lm" "$gold")" ;;
                born) src="$LM_SCANS/$name/born-digital.pdf" ;;
                fax) src="$LM_SCANS/$name/scanned-vie.pdf" ;;
            esac ;;
    esac
    if [ ! -f "$src" ]; then
        # Scans are made for some documents only: those left are skipped.
        case "$set_name" in devocr|*-born|*-fax) continue ;; esac
        echo "score-dev: $src missing, skipped" >&2
        continue
    fi
    case "$src" in
        *.pdf) txt="$src" ;;
        *)
            txt="$tmp/$name.txt"
            if [ "$set_name" = dev ]; then
                sed '1{/^# source:/d}' "$src" > "$txt"
            else
                cp "$src" "$txt"
            fi ;;
    esac
    # shellcheck disable=SC2086
    "$bin" extract $repair_flag "$txt" > "$tmp/$name.out.json"
    if [ -n "$show" ]; then
        echo "== $name" >&2
        "$scorer" --out "$tmp/$name.out.json" --gold "$gold" --show > /dev/null || true
    fi
    res="$("$scorer" --out "$tmp/$name.out.json" --gold "$gold" --json)"
    printf '{"name": "%s", "res": %s}\n' "$name" "$res" >> "$results"
done
pooled_only=""
[ "${lm_want:-}" = check ] && pooled_only=1
python3 - "$results" "$pooled_only" <<'PY'
import json, sys
parts = ["targets", "quantities", "deadlines", "bodies", "roles", "references"]
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
pooled_only = len(sys.argv) > 2 and sys.argv[2] == "1"
tot = {p: [0, 0, 0] for p in parts}
doc_hit = doc_tot = 0
print(f"{'document':48} " + " ".join(f"{p[:6]:>6}" for p in parts) + "   doc")
for r in rows:
    res = r["res"]
    cells = []
    for p in parts:
        x = res[p]
        tot[p][0] += x["matched"]; tot[p][1] += x["gold"]; tot[p][2] += x["out"]
        cells.append(f"{x['f1']:6.3f}")
    d = res["document"]
    doc_hit += d["matched"]; doc_tot += d["gold"]
    if not pooled_only:
        print(f"{r['name'][:48]:48} " + " ".join(cells) + f"   {d['matched']}/{d['gold']}")
print()
print(f"documents: {len(rows)}")
print("micro (matched/gold/out summed over documents):")
for p in parts:
    m, g, o = tot[p]
    prec = m / o if o else (1.0 if not g else 0.0)
    rec = m / g if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"  {p:11} P={prec:.3f} R={rec:.3f} F1={f1:.3f}  (matched {m}, gold {g}, out {o})")
print(f"  {'document':11} {doc_hit}/{doc_tot} fields = {doc_hit / doc_tot if doc_tot else 1.0:.3f}")
PY
