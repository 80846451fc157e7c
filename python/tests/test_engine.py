"""The archive on real engines: Dask distributed (two worker processes)
and the README's `--shard` recipe under GNU parallel; both must give each
input exactly once, with the CLI's records."""

import importlib.util
import json
import os
import shutil
import subprocess

import nghiquyet
import pytest
from dask.distributed import Client, LocalCluster

from conftest import ROOT, cli_binary, run_cli

# The engine tests are about distribution: every fixture whose text reads
# without Tesseract (image-only scans are OCR'd in test_records.py), as
# files, so the example also gets plain paths, not only directories.
INPUTS = [
    os.path.relpath(p, ROOT) for p in nghiquyet.expand_inputs([str(ROOT / "fixtures")]) if "image-only" not in p
]


def load_example():
    spec = importlib.util.spec_from_file_location("dask_archive", ROOT / "python" / "examples" / "dask_archive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cli_lines(*inputs):
    out = run_cli("extract", "--jsonl", *inputs)
    assert out.returncode in (0, 1), out.stderr.decode()
    return out.stdout.decode().splitlines()


def test_dask_local_cluster_two_workers_gives_the_clis_records(tmp_path):
    example = load_example()
    out = tmp_path / "dask.jsonl"
    paths = example.run(INPUTS, str(out), workers=2)
    expected = cli_lines(*INPUTS)
    got = out.read_text(encoding="utf-8").splitlines()
    assert len(paths) == len(INPUTS) == 13 == len(got)
    # One record per input, in input order, each the CLI's line exactly.
    assert [json.loads(l)["source"]["path"] for l in got] == paths
    assert got == expected


def test_dask_tasks_ran_on_both_workers():
    paths = nghiquyet.expand_inputs(INPUTS)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            futures = client.map(load_example().extract_line, paths, pure=False)
            client.gather(futures)
            where = {who for _, who in client.who_has(futures).items() for who in who}
            pids = client.run(os.getpid)
    assert len(pids) == 2 and len(set(pids.values())) == 2, "two worker processes"
    assert len(where) == 2, f"every task on one worker: {where}"


@pytest.mark.skipif(shutil.which("parallel") is None and os.environ.get("CI") != "true", reason="GNU parallel not installed (Debian: parallel)")
def test_readme_shard_recipe_with_gnu_parallel(tmp_path):
    assert shutil.which("parallel"), "GNU parallel is needed under CI (scripts/test-python.sh installs it)"
    paths = nghiquyet.expand_inputs(INPUTS)
    (tmp_path / "list.txt").write_text("".join(f"{ROOT / p}\n" for p in paths), encoding="utf-8")
    binary = cli_binary()
    # The README's recipe, on this machine instead of four (no -S).
    cmd = f"{binary} batch -q --from-list list.txt --shard {{}}/4 -o out-{{}}.jsonl --resume"
    done = subprocess.run(["parallel", "--will-cite", "--jobs", "2", cmd, ":::", "0", "1", "2", "3"], cwd=tmp_path, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    shards = [(tmp_path / f"out-{k}.jsonl").read_text(encoding="utf-8").splitlines() for k in range(4)]
    assert sum(1 for s in shards if s) >= 2, "the inputs are spread over shards"
    merged = [line for shard in shards for line in shard]
    by_path = {json.loads(l)["source"]["path"]: l for l in merged}
    assert len(merged) == len(paths) == len(by_path), "every input exactly once"
    whole = subprocess.run([str(binary), "batch", "-q", "--from-list", "list.txt", "-o", "all.jsonl"], cwd=tmp_path, check=False)
    assert whole.returncode == 0
    for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines():
        assert by_path[json.loads(line)["source"]["path"]] == line
