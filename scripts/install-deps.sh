#!/usr/bin/env bash
# Installs the system packages nghiquyet's tests use on a Debian machine.
# Idempotent; needs root (or sudo). Nothing else is needed at run time:
# the language and error models are embedded in the binary.
# chromium and chromium-driver run the review page's end-to-end test
# (tests/browser.rs, about 3 s; it skips loudly without them, fails under CI).
set -euo pipefail
PKGS=(poppler-utils chromium chromium-driver)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "system packages present: ${PKGS[*]}"
