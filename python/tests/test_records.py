"""The Python package gives the CLI's records, and releases the GIL."""

import json
import pathlib
import subprocess
import sys
import threading
import time

import nghiquyet
import pytest

from conftest import run_cli


def fixture_inputs():
    return nghiquyet.expand_inputs(["fixtures"])


def cli_records(paths, *flags):
    out = run_cli("extract", "--jsonl", *flags, *paths)
    assert out.returncode in (0, 1), out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def test_expand_inputs_is_the_clis_list():
    paths = fixture_inputs()
    # Three texts, five OCR outputs, eight PDFs (fixtures/README.md).
    assert len(paths) == 16
    assert paths == sorted(paths)
    batch = run_cli("extract", "--jsonl", "--ocr", "never", "fixtures")
    assert [json.loads(l)["source"]["path"] for l in batch.stdout.decode().splitlines()] == paths


def test_extract_equals_the_cli_on_every_fixture():
    paths = fixture_inputs()
    expected = cli_records(paths)
    got = [nghiquyet.extract(p) for p in paths]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g == e, g["source"]["path"]
        assert list(g) == list(e), "same key order"
    # Real content, not empty shells: the born-digital plan has its number and tasks.
    kh = next(r for r in got if r["source"]["path"].endswith("kh-ubnd-2025.born-digital.pdf"))
    assert kh["document"]["number"] == "134/KH-UBND"
    assert len(kh["assignments"]) > 5 and kh["pages"][0]["text_layer"] == "digital"


def test_extract_json_is_the_clis_line_byte_for_byte():
    path = "fixtures/ct-chi-thi-2025.txt"
    out = run_cli("extract", "--jsonl", path)
    assert nghiquyet.extract_json(path) + "\n" == out.stdout.decode()


def test_ocr_modes_match_the_cli_flag():
    path = "fixtures/pdf/kh-ubnd-2025.image-only-fax.pdf"
    assert nghiquyet.extract(path, ocr="never") == cli_records([path], "--ocr", "never")[0]
    with pytest.raises(ValueError, match="ocr must be"):
        nghiquyet.extract(path, ocr="sometimes")


def test_bytes_and_pathlike_inputs():
    path = pathlib.Path("fixtures/pdf/ct-chi-thi-2025.born-digital.pdf")
    by_path = nghiquyet.extract(path)
    by_bytes = nghiquyet.extract(path.read_bytes(), name=str(path))
    assert by_bytes == by_path
    text = nghiquyet.extract(pathlib.Path("fixtures/ct-chi-thi-2025.txt").read_bytes())
    assert text["source"]["path"] == "<bytes>.txt" and text["document"]["number"] == "09/CT-UBND"
    with pytest.raises(TypeError):
        nghiquyet.extract(42)


def test_unreadable_inputs_give_error_records_like_the_cli():
    for path in ["does/not/exist.pdf"]:
        assert nghiquyet.extract(path) == cli_records([path])[0]
        assert nghiquyet.extract(path)["error"]["code"] == "not_found"
    assert nghiquyet.extract(b"", name="empty.pdf")["error"] is not None


def test_repair_equals_the_cli():
    ocr = pathlib.Path("fixtures/ocr/kh-ubnd-2025.fax.ocr-vie.txt").read_text(encoding="utf-8")
    text, repairs = nghiquyet.repair(ocr)
    cli_text = run_cli("repair", "fixtures/ocr/kh-ubnd-2025.fax.ocr-vie.txt")
    cli_json = run_cli("repair", "--json", "fixtures/ocr/kh-ubnd-2025.fax.ocr-vie.txt")
    assert text == cli_text.stdout.decode()
    assert repairs == json.loads(cli_json.stdout)
    assert len(repairs) > 0 and text != ocr
    assert text.count("\n") == ocr.count("\n"), "same lines out"


def test_threads_give_the_same_records():
    path = "fixtures/pdf/nq-tinh-uy-2024.born-digital.pdf"
    expected = nghiquyet.extract(path)
    results = []
    workers = [threading.Thread(target=lambda: results.append(nghiquyet.extract(path))) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert results == [expected] * 4


def test_extract_releases_the_gil():
    # Two threads extract at once. Holding the GIL, the second call could
    # not even start until the first returned, so the calls' intervals
    # would not overlap at all; released, each runs while the other does.
    # (A FIFO fed by a Python thread was the old check; FIFOs are now
    # refused before they are read.)
    text = pathlib.Path("fixtures/ct-chi-thi-2025.txt").read_bytes() * 30
    barrier = threading.Barrier(2)
    spans = []

    def work():
        barrier.wait()
        start = time.perf_counter()
        record = nghiquyet.extract(text, name="big.txt")
        spans.append((start, time.perf_counter()))
        assert record["document"]["number"] == "09/CT-UBND"

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (a0, a1), (b0, b1) = sorted(spans)
    overlap = min(a1, b1) - max(a0, b0)
    assert overlap > 0.5 * min(a1 - a0, b1 - b0), spans
