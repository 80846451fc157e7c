#!/usr/bin/env bash
# The README's test command: installs the system packages the tests use
# (Debian; idempotent), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo test "$@"
