#!/usr/bin/env python3
"""Seeds the cmap_parse, legacy_convert and content_lexer fuzz corpora from fixtures/.

cmap_parse: every CMap stream of the fixture PDFs, prefixed with the
two-byte (little-endian) program length the target expects, followed by a
few two-byte codes. legacy_convert: fixture lines re-encoded in TCVN3 (the
table is read from src/pdf/legacy.rs, so it cannot drift), behind a
font-picking byte. content_lexer: the fixture PDFs' page and Form
content streams, decompressed.
"""
import pathlib, re, sys, zlib

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "corpus"

def streams():
    for pdf in sorted((root / "fixtures" / "pdf").glob("*.pdf")):
        data = pdf.read_bytes()
        for m in re.finditer(rb"stream\r?\n", data):
            end = data.find(b"endstream", m.end())
            if end < 0:
                continue
            try:
                body = zlib.decompressobj().decompress(data[m.end():end], 1 << 20)
            except zlib.error:
                continue
            yield body


def cmaps():
    for body in streams():
        if b"begincmap" in body and len(body) < 60000:
            yield body

n = 0
(out / "cmap_parse").mkdir(parents=True, exist_ok=True)
for i, body in enumerate(cmaps()):
    seed = len(body).to_bytes(2, "little") + body + bytes([0, 1, 0, 36, 0, 72, 1, 2])
    (out / "cmap_parse" / f"fixture-{i:03}").write_bytes(seed)
    n += 1

src = (root / "src" / "pdf" / "legacy.rs").read_text(encoding="utf-8")
table = re.search(r"const TCVN3_A1: \[char; 94\] = \[(.*?)\];", src, re.S).group(1)
chars = re.findall(r"'(.*?)'", re.sub(r"//[^\n]*", "", table))
reverse = {c: 0xA1 + i for i, c in enumerate(chars) if c != "\\0"}

def tcvn3(line):
    b = bytearray()
    for c in line:
        if ord(c) < 0x80:
            b.append(ord(c))
        elif c in reverse:
            b.append(reverse[c])
        elif c.lower() in reverse:
            b.append(reverse[c.lower()])
    return bytes(b)

(out / "legacy_convert").mkdir(parents=True, exist_ok=True)
m = 0
for txt in sorted((root / "fixtures").glob("*.txt")):
    lines = [l for l in txt.read_text(encoding="utf-8").splitlines() if len(l) > 20]
    for j, line in enumerate(lines[:40]):
        (out / "legacy_convert" / f"{txt.stem}-{j:02}").write_bytes(bytes([j % 3]) + tcvn3(line))
        m += 1
(out / "content_lexer").mkdir(parents=True, exist_ok=True)
k = 0
for i, body in enumerate(streams()):
    if (b" Tj" in body or b"TJ" in body or b" Do" in body) and b"begincmap" not in body:
        (out / "content_lexer" / f"fixture-{i:03}").write_bytes(body[:200_000])
        k += 1
print(f"seeded {k} content streams", file=sys.stderr)
print(f"seeded {n} CMaps and {m} TCVN3 lines", file=sys.stderr)
