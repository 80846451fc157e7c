#!/usr/bin/env bash
# Installs the system packages nghiquyet uses on a Debian machine.
# Idempotent; needs root (or sudo).
#   tesseract-ocr, tesseract-ocr-vie  OCR of image-only pages (--ocr)
#   poppler-utils                     pdftoppm, to render pages that are not one plain image
#   chromium, chromium-driver         the review page's end-to-end test (tests/browser.rs,
#                                     about 3 s; it skips loudly without them, fails under CI)
# Only OCR needs the first three at run time: digital and OCR-layer PDFs and
# text files are read without them, and the language and error models are
# embedded in the binary.
set -euo pipefail
PKGS=(tesseract-ocr tesseract-ocr-vie poppler-utils chromium chromium-driver)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing with ${SUDO:-root} apt-get (about 400 MB with chromium): ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "system packages present: ${PKGS[*]}"
