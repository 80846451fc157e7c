#!/usr/bin/env python3
"""A hostile-input campaign against `nghiquyet batch` (issues 18 and 20).

    scripts/hostile-campaign.py [--mutants N] [--seed S] [--bin PATH] [--timeout SECS] WORKDIR

Builds, in WORKDIR (outside the repository), inputs nobody should send:
  * N byte-level mutants of the fixture PDFs (bit flips, truncations,
    duplicated and deleted chunks, xref offsets shifted);
  * built hostile files: a 30-million-operand content stream with no
    operator, a 40 MB text file, 5 million short lines, a page of
    14,400 pt, a FIFO named *.pdf, an empty .txt;
then runs one batch over all of them with --jobs 2 and --timeout-per-doc,
and prints: inputs, records, records per error code, panics
(internal_error), hangs (the batch not finishing within inputs × timeout),
the longest time a timed-out document kept the batch past its limit, and
peak RSS of the whole run. Exits 1 if a record is missing or invalid JSON,
or the batch hung.
"""
import argparse, collections, json, os, pathlib, random, subprocess, sys, time, zlib

root = pathlib.Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--mutants", type=int, default=300)
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--bin", default=str(root / "target" / "release" / "nghiquyet"))
ap.add_argument("--timeout", type=float, default=5.0)
ap.add_argument("workdir")
a = ap.parse_args()
rng = random.Random(a.seed)
work = pathlib.Path(a.workdir)
inputs_dir = work / "inputs"
inputs_dir.mkdir(parents=True, exist_ok=True)
for old in inputs_dir.iterdir():
    old.unlink()

seeds = sorted((root / "fixtures" / "pdf").glob("*.pdf"))
for i in range(a.mutants):
    data = bytearray(rng.choice(seeds).read_bytes())
    kind = rng.choice(["flip", "truncate", "dup", "delete", "xref"])
    if kind == "flip":
        for _ in range(rng.randint(1, 64)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        data = data[: rng.randrange(len(data))]
    elif kind == "dup":
        s = rng.randrange(len(data)); e = min(len(data), s + rng.randint(1, 4096))
        data[s:s] = data[s:e] * rng.randint(2, 50)
    elif kind == "delete":
        s = rng.randrange(len(data)); del data[s : s + rng.randint(1, 4096)]
    else:
        at = data.rfind(b"startxref")
        if at > 0:
            data[at + 10 : at + 12] = str(rng.randint(10, 99)).encode()
    (inputs_dir / f"mutant-{i:04d}-{kind}.pdf").write_bytes(bytes(data))


def pdf(content: bytes, media=(0, 0, 595, 842)) -> bytes:
    """A one-page PDF around a (Flate) content stream, with a real xref."""
    z = zlib.compress(content, 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%d %d %d %d] /Contents 4 0 R >>" % media,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(z) + z + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


(inputs_dir / "operands-30M.pdf").write_bytes(pdf(b"1 " * 30_000_000))
(inputs_dir / "page-14400pt.pdf").write_bytes(pdf(b"", media=(0, 0, 14400, 14400)))
line = "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện nghị quyết. "
(inputs_dir / "text-40MB.txt").write_text(line * (40_000_000 // len(line.encode())), encoding="utf-8")
(inputs_dir / "lines-5M.txt").write_text("a\n" * 5_000_000, encoding="utf-8")
(inputs_dir / "empty.txt").write_bytes(b"")
fifo = inputs_dir / "fifo.pdf"
os.mkfifo(fifo)

inputs = sorted(inputs_dir.iterdir())
out = work / "out.jsonl"
started = time.monotonic()
bound = max(120.0, len(inputs) * a.timeout)
cmd = ["/usr/bin/time", "-f", "%M", a.bin, "batch", "--quiet", "--jobs", "2", "--timeout-per-doc",
       str(a.timeout), "-o", str(out), str(inputs_dir)]
try:
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=bound)
    hung = False
except subprocess.TimeoutExpired:
    hung = True
wall = time.monotonic() - started
records, bad = [], 0
for l in out.read_text(encoding="utf-8", errors="replace").splitlines() if out.exists() else []:
    try:
        records.append(json.loads(l))
    except json.JSONDecodeError:
        bad += 1
codes = collections.Counter((r.get("error") or {}).get("code", "ok") for r in records)
rss_mb = int(run.stderr.strip().splitlines()[-1]) / 1024 if not hung else float("nan")
print(f"inputs {len(inputs)}  records {len(records)}  invalid lines {bad}  hung {hung}")
print(f"wall {wall:.1f} s  peak RSS {rss_mb:.0f} MB  (limit {a.timeout} s per document)")
print("records by code: " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())))
print(f"panics (internal_error): {codes.get('internal_error', 0)}")
sys.exit(1 if hung or bad or len(records) != len(inputs) else 0)
