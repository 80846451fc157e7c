#!/usr/bin/env python3
"""Whole-process speed of `nghiquyet text` against `pdftotext`, same run.

    scripts/bench-vs-pdftotext.py [--rounds N] PDF_OR_DIR...

Each round runs both tools once on every PDF, one process per file and
tool, alternating, so both see the same machine load; OCR is off
(`--ocr never`), because pdftotext does no OCR either. Prints per-file
milliseconds and total pages per second for each tool. Needs a release
build (target/release/nghiquyet) and poppler-utils.
"""
import argparse, pathlib, re, subprocess, time

root = pathlib.Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--rounds", type=int, default=10)
ap.add_argument("inputs", nargs="+")
a = ap.parse_args()
pdfs = []
for i in a.inputs:
    p = pathlib.Path(i)
    pdfs += sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
ours = str(root / "target" / "release" / "nghiquyet")
tools = {
    "nghiquyet": lambda f: [ours, "text", "--ocr", "never", str(f)],
    "pdftotext": lambda f: ["pdftotext", str(f), "/dev/null"],
}
pages = {}
for f in pdfs:
    info = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    pages[f] = int(m.group(1)) if m else 0
spent = {(t, f): 0.0 for t in tools for f in pdfs}
for _ in range(a.rounds):
    for f in pdfs:
        for t, cmd in tools.items():
            start = time.perf_counter()
            subprocess.run(cmd(f), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            spent[(t, f)] += time.perf_counter() - start
print(f"{'file':50} {'pages':>5} " + " ".join(f"{t + ' ms':>14}" for t in tools))
for f in pdfs:
    print(f"{f.name[:50]:50} {pages[f]:5} " + " ".join(f"{spent[(t, f)] / a.rounds * 1000:14.1f}" for t in tools))
total_pages = sum(pages.values())
for t in tools:
    secs = sum(spent[(t, f)] for f in pdfs) / a.rounds
    print(f"{t}: {total_pages} pages in {secs:.3f} s = {total_pages / secs:.0f} pages/s")
