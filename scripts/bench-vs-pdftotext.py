#!/usr/bin/env python3
"""Whole-process speed of nghiquyet against `pdftotext`, same run, one core.

    scripts/bench-vs-pdftotext.py [--rounds N] [--bin NGHIQUYET] PDF_OR_DIR...

Each round runs every tool once on every PDF, one process per file and
tool, alternating, so all see the same machine load; OCR is off
(`--ocr never`), because pdftotext does no OCR either. Tools:

* `text`     — `nghiquyet text`: the text stages (read, normalize);
* `extract`  — `nghiquyet extract --jobs 1`: the full pipeline (read,
               normalize, repair of OCR-layer pages, parse, JSON), one
               process per file like pdftotext;
* `batch`    — `nghiquyet batch --jobs 1` over all the files in one
               process, as an archive is run (timed once per round, its
               time shared out over the files by pages);
* `pdftotext`.

Reports CPU seconds (user + system of the child, from `os.wait4`), so
the figures are for one core and do not depend on what else the machine
runs; wall-clock milliseconds are printed beside them. Needs a release
build (target/release/nghiquyet) and poppler-utils.
"""
import argparse, os, pathlib, re, subprocess, tempfile, time

root = pathlib.Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--rounds", type=int, default=5)
ap.add_argument("--bin", default=str(root / "target" / "release" / "nghiquyet"), help="the nghiquyet binary to time")
ap.add_argument("inputs", nargs="+")
a = ap.parse_args()
pdfs = []
for i in a.inputs:
    p = pathlib.Path(i)
    pdfs += sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
ours = a.bin
tools = {
    "text": lambda f: [ours, "text", "--ocr", "never", str(f)],
    "extract": lambda f: [ours, "extract", "--jobs", "1", "--ocr", "never", str(f)],
    "pdftotext": lambda f: ["pdftotext", str(f), "/dev/null"],
}


def run(cmd):
    """CPU seconds and wall seconds of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - start


pages = {}
for f in pdfs:
    info = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    pages[f] = int(m.group(1)) if m else 0
total_pages = sum(pages.values())
cpu = {(t, f): 0.0 for t in tools for f in pdfs}
wall = {(t, f): 0.0 for t in tools for f in pdfs}
batch_cpu = batch_wall = 0.0
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out.jsonl")
    for _ in range(a.rounds):
        for f in pdfs:
            for t, cmd in tools.items():
                c, w = run(cmd(f))
                cpu[(t, f)] += c
                wall[(t, f)] += w
        if os.path.exists(out):
            os.remove(out)
        c, w = run([ours, "batch", "--quiet", "--jobs", "1", "--ocr", "never", "-o", out] + [str(f) for f in pdfs])
        batch_cpu += c
        batch_wall += w
print(f"{'file':44} {'pages':>5} " + " ".join(f"{t + ' ms cpu':>16}" for t in tools))
for f in pdfs:
    print(f"{f.name[:44]:44} {pages[f]:5} " + " ".join(f"{cpu[(t, f)] / a.rounds * 1000:16.1f}" for t in tools))
rates = {}
for t in tools:
    secs = sum(cpu[(t, f)] for f in pdfs) / a.rounds
    rates[t] = total_pages / secs
    w = sum(wall[(t, f)] for f in pdfs) / a.rounds
    print(f"{t:9}: {total_pages} pages in {secs:.3f} s cpu ({w:.3f} s wall) = {rates[t]:.0f} pages/s")
secs = batch_cpu / a.rounds
rates["batch"] = total_pages / secs
print(f"{'batch':9}: {total_pages} pages in {secs:.3f} s cpu ({batch_wall / a.rounds:.3f} s wall) = {rates['batch']:.0f} pages/s")
for t in ("text", "extract", "batch"):
    print(f"{t} / pdftotext = {rates[t] / rates['pdftotext']:.2f}x")
