#!/usr/bin/env bash
# Installs Debian's chromium (and fonts for readable screenshots) for
# tests/test_lab_browser.py, which drives it with Playwright's Python package.
# Playwright's own browser download (`playwright install`) is never used: the
# test launches /usr/bin/chromium. Safe to run again: it does nothing when
# chromium is already there. Exits non-zero when it cannot install; the test
# then skips and says why.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  echo "install-browser: $("$CHROMIUM" --version 2>/dev/null) already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "install-browser: not root and no password-less sudo; cannot install chromium" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get here (not Debian/Ubuntu); install chromium by hand" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq chromium fonts-dejavu-core fonts-liberation >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  echo "install-browser: apt-get installed chromium but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null)"
