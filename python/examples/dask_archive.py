"""Run an archive through Dask distributed with the nghiquyet package.

    python python/examples/dask_archive.py fixtures/ -o archive.jsonl --workers 2

Starts a LocalCluster of worker *processes* (each imports nghiquyet and
builds its pipeline once), maps one task per input over it and writes the
records as JSON Lines in input order: the same file ``nghiquyet extract
--jsonl`` writes for the same inputs, line for line. To use a real cluster,
pass ``--scheduler tcp://host:8786`` instead; the inputs must then be
readable at the same paths on every worker.

`nghiquyet batch` stays the tool for one machine (it streams, resumes and
times out documents); this is the shape for an archive that a team already
processes on Dask.
"""

import argparse
import os
import sys

import nghiquyet
from dask.distributed import Client, LocalCluster


def extract_line(path: str) -> str:
    """One input's record as the CLI's JSON line (runs on a worker)."""
    return nghiquyet.extract_json(path)


def run(inputs, output, workers=2, scheduler=None):
    """Processes `inputs` (files or directories) on Dask; returns the paths
    processed, in the order their records were written."""
    paths = nghiquyet.expand_inputs([os.fspath(p) for p in inputs])
    if not paths:
        raise SystemExit("no .pdf or .txt files found in the given inputs")
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        # threads_per_worker=1: parallelism comes from the processes; each
        # document also uses the pipeline's own threads for OCR.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        # pure=False: two inputs with the same path string are still two tasks.
        futures = client.map(extract_line, paths, pure=False)
        tmp = f"{output}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            # Gathered in input order; a record is written as soon as it and
            # all before it are done.
            for future in futures:
                out.write(future.result())
                out.write("\n")
        os.replace(tmp, output)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return paths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+", help=".pdf/.txt files or directories")
    ap.add_argument("-o", "--output", required=True, help="JSON Lines file to write")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    ap.add_argument("--scheduler", help="address of an existing Dask scheduler")
    args = ap.parse_args(argv)
    paths = run(args.inputs, args.output, args.workers, args.scheduler)
    print(f"{len(paths)} records -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
