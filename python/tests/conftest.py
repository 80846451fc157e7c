"""Shared fixtures: the repository root and the CLI binary to compare with."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def cli_binary() -> pathlib.Path:
    """The nghiquyet binary: $NGHIQUYET_BIN, else the debug build."""
    env = os.environ.get("NGHIQUYET_BIN")
    path = pathlib.Path(env) if env else ROOT / "target" / "debug" / "nghiquyet"
    if not path.exists():
        pytest.fail(f"{path} not found: build it (cargo build) or set NGHIQUYET_BIN")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli_binary()), *args], cwd=ROOT, capture_output=True, check=False)


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    return ROOT


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    # Paths in records are as given; the CLI runs from the root with
    # relative paths, so do the tests.
    monkeypatch.chdir(ROOT)


def pytest_runtest_logreport(report):
    """Appends each skipped test to $NGHIQUYET_SKIP_LOG, which
    scripts/test.sh counts with the Rust tests' skips at the end."""
    log = os.environ.get("NGHIQUYET_SKIP_LOG")
    if log and report.skipped:
        why = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"python/{report.nodeid}: {why}\n")
