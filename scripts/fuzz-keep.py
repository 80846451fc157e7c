#!/usr/bin/env python3
"""Refreshes tests/fuzz-corpus/ (replayed by `cargo test`) from fuzz/corpus/.

    scripts/fuzz-keep.py [PER_TARGET]      (default 40 files per target)

Keeps, per target, up to PER_TARGET small inputs spread evenly over the
fuzzer's corpus (libFuzzer names files by content hash, so the spread is a
fair sample), plus every crash artifact in fuzz/artifacts/TARGET/, which
must stay as a regression input forever. Size caps keep the repository
small: 16 KB for PDFs, 8 KB otherwise.
"""
import hashlib, pathlib, shutil, sys

root = pathlib.Path(__file__).resolve().parent.parent
per = int(sys.argv[1]) if len(sys.argv) > 1 else 40
for src in sorted((root / "fuzz" / "corpus").iterdir()):
    cap = 16_000 if src.name.startswith("pdf_") else 8_000
    files = sorted(p for p in src.iterdir() if p.is_file() and 0 < p.stat().st_size <= cap)
    step = max(1, len(files) // per)
    keep = files[::step][:per]
    dst = root / "tests" / "fuzz-corpus" / src.name
    dst.mkdir(parents=True, exist_ok=True)
    # The sample is replaced; regression inputs stay forever.
    for old in dst.iterdir():
        if not old.name.startswith("regression-"):
            old.unlink()
    for p in keep:
        data = p.read_bytes()
        (dst / hashlib.sha1(data).hexdigest()).write_bytes(data)
    artifacts = root / "fuzz" / "artifacts" / src.name
    crashes = sorted(artifacts.iterdir()) if artifacts.is_dir() else []
    for p in crashes:
        shutil.copy(p, dst / ("regression-" + p.name))
    total = sum(f.stat().st_size for f in dst.iterdir())
    print(f"{src.name}: {len(list(dst.iterdir()))} files, {total // 1024} KB ({len(crashes)} crash artifacts)")
