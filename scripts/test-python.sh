#!/usr/bin/env bash
# The Python package's tests (python/tests): builds python/ with pip (maturin
# as the PEP 517 backend, fetched from PyPI) into a fresh venv, then runs
# pytest: records equal to the CLI's, a Dask LocalCluster run with two
# workers, the README's --shard recipe under GNU parallel.
#
# Installs GNU parallel (Debian `parallel`) when missing: needs root or sudo.
# The extension is built with the dev profile into the root target/ dir, so
# it reuses the dependencies `cargo test` compiled (about 15 s then; a
# `pip install ./python` from scratch is a release build, minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
if ! command -v parallel >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends parallel >/dev/null
fi
cargo build --quiet   # the CLI binary the tests compare with
venv="${NGHIQUYET_VENV:-target/py-venv}"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet "pytest>=7" "dask[distributed]>=2024.1"
CARGO_TARGET_DIR="$PWD/target" MATURIN_PEP517_ARGS="--profile dev" \
  "$venv/bin/pip" install --quiet --force-reinstall --no-deps ./python
set +e
"$venv/bin/python" -m pytest -q -rs python/tests
rc=$?
set -e
if [ "$rc" = 5 ]; then
  echo "python tests: pytest collected no tests, which is a failure here" >&2
  rc=1
fi
echo "python tests: exit $rc in $((SECONDS - started)) s"
exit "$rc"
