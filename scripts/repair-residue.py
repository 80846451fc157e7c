#!/usr/bin/env python3
"""repair-residue.py — pooled repair figures and what errors remain.

    scripts/repair-residue.py BIN OUTDIR SCAN_DIR...

Runs `BIN repair` over SCAN_DIR/ocr-{vie,eng}.txt (make-scans.sh output) and
the real NQ34 Tesseract OCR, scores each with ../shared/eval/score-repair
(--fold-tone-style), prints the pooled errors-removed share
((sum fixed - sum broken) / sum ocr_errors) and damage per engine, and writes
OUTDIR/residue-{vie,eng}.tsv: every gold token still wrong after repair, as
"ocr<TAB>out<TAB>gold", aligned line by line, for classifying what is left.
"""
import json
import os
import subprocess
import sys
import difflib
import unicodedata

SHARED = os.environ.get("SHARED", "/work/shared")
SCORE = os.path.join(SHARED, "eval", "score-repair")


def clean_nq34(src, dst):
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")[1:]
    keep = [l for l in lines if not l.startswith("[OCR]") and not l.startswith("===== Trang") and l.strip()]
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(keep) + "\n")


def run(binary, inp, out):
    with open(inp, "rb") as i, open(out, "wb") as o:
        subprocess.run([binary, "repair"], stdin=i, stdout=o, check=True)


def score(ocr, out, gold):
    r = subprocess.run(["python3", SCORE, "--ocr", ocr, "--out", out, "--gold", gold, "--json", "--fold-tone-style"],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def residue(ocr, out, gold, sink):
    """Whole-document alignment (line counts differ between OCR and truth)."""
    rd = lambda p: unicodedata.normalize("NFC", open(p, encoding="utf-8").read()).split()
    o, r, g = rd(ocr), rd(out), rd(gold)
    sm = difflib.SequenceMatcher(None, r, g, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        ctx = " ".join(g[max(0, j1 - 3):j2 + 3])
        sink.write("%s\t%s\t%s\n" % (" ".join(r[i1:i2]), " ".join(g[j1:j2]), ctx))


def main():
    binary, outdir, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    pool = {"vie": [0, 0, 0, 0], "eng": [0, 0, 0, 0]}
    sinks = {e: open(os.path.join(outdir, "residue-%s.tsv" % e), "w", encoding="utf-8") for e in pool}
    for d in dirs:
        for e in ("vie", "eng"):
            ocr = os.path.join(d, "ocr-%s.txt" % e)
            if not os.path.exists(ocr):
                continue
            out = os.path.join(outdir, "%s.%s.out" % (os.path.basename(d.rstrip("/")), e))
            run(binary, ocr, out)
            s = score(ocr, out, os.path.join(d, "truth.txt"))
            p = pool[e]
            p[0] += s["ocr_errors"]; p[1] += s["fixed"]; p[2] += s["broken"]; p[3] += s["gold_tokens"] - s["ocr_errors"]
            print("%-22s %s errors=%5d fixed=%5d broken=%3d removed=%.3f damage=%.4f" % (
                os.path.basename(d.rstrip("/")), e, s["ocr_errors"], s["fixed"], s["broken"],
                (s["fixed"] - s["broken"]) / max(s["ocr_errors"], 1), s["damage"]))
            residue(ocr, out, os.path.join(d, "truth.txt"), sinks[e])
    for e, p in pool.items():
        if p[0]:
            print("POOLED %s: removed=%.4f damage=%.5f (errors=%d fixed=%d broken=%d correct=%d)" % (
                e, (p[1] - p[2]) / p[0], p[2] / max(p[3], 1), p[0], p[1], p[2], p[3]))
    raw = os.path.join(SHARED, "corpus/dev/ocr/nq34_btvtu_laocai_2025_tesseract_raw.txt")
    gold = os.path.join(SHARED, "corpus/dev/ocr/nq34_btvtu_laocai_2025_PROPOSED_correction.txt")
    if os.path.exists(raw):
        clean_nq34(raw, os.path.join(outdir, "nq34.ocr"))
        clean_nq34(gold, os.path.join(outdir, "nq34.gold"))
        run(binary, os.path.join(outdir, "nq34.ocr"), os.path.join(outdir, "nq34.out"))
        s = score(os.path.join(outdir, "nq34.ocr"), os.path.join(outdir, "nq34.out"), os.path.join(outdir, "nq34.gold"))
        print("NQ34: reduction=%.4f removed=%.4f damage=%.4f errors=%d fixed=%d broken=%d" % (
            s["reduction"], (s["fixed"] - s["broken"]) / max(s["ocr_errors"], 1), s["damage"], s["ocr_errors"], s["fixed"], s["broken"]))


main()
