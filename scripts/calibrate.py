#!/usr/bin/env python3
"""Reliability of the repair stage's confidences on aligned OCR/truth cases.

    scripts/calibrate.py BINARY CASE_DIR... [--engine vie|eng|both]

For every case folder (truth.txt + ocr-vie.txt / ocr-eng.txt) runs
`BINARY repair --json` and `BINARY repair`, aligns the repaired tokens with
the truth (difflib, as score-repair does) and counts a repair as right when
its token lands in an equal block. Prints precision per confidence bin and
per reason, so the confidence can be compared with how often it is right.
"""
import collections, difflib, json, subprocess, sys, unicodedata

def main():
    args = sys.argv[1:]
    binary, dirs = args[0], [a for a in args[1:] if not a.startswith("--")]
    bins = [(0.0, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 0.97), (0.97, 0.995), (0.995, 1.01)]
    stat = collections.defaultdict(lambda: [0, 0])
    for d in dirs:
        truth = unicodedata.normalize("NFC", open(f"{d}/truth.txt", encoding="utf-8").read()).split()
        for eng in ("vie", "eng"):
            p = f"{d}/ocr-{eng}.txt"
            try:
                open(p).close()
            except OSError:
                continue
            out = subprocess.run([binary, "repair", p], capture_output=True, text=True).stdout
            reps = json.loads(subprocess.run([binary, "repair", "--json", p], capture_output=True, text=True).stdout)
            # token index of each char of the output
            tok_of, k, inside = [], -1, False
            for c in out:
                if c.isspace():
                    inside = False
                    tok_of.append(-1)
                else:
                    if not inside:
                        k += 1
                        inside = True
                    tok_of.append(k)
            toks = [unicodedata.normalize("NFC", t) for t in out.split()]
            ok = [False] * len(toks)
            sm = difflib.SequenceMatcher(None, toks, truth, autojunk=False)
            for tag, i1, i2, _, _ in sm.get_opcodes():
                if tag == "equal":
                    for i in range(i1, i2):
                        ok[i] = True
            for r in reps:
                t = tok_of[r["span"]["start"]] if r["span"]["start"] < len(tok_of) else -1
                right = t >= 0 and ok[t]
                for lo, hi in bins:
                    if lo <= r["confidence"] < hi:
                        s = stat[(eng, f"conf {lo:.3f}-{min(hi, 1):.3f}")]
                        s[0] += right; s[1] += 1
                s = stat[(eng, "reason " + r["reason"])]
                s[0] += right; s[1] += 1
    for (eng, key), (right, n) in sorted(stat.items()):
        print(f"{eng} {key:22} n={n:6}  right={right / n:.3f}")

main()
