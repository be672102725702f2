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

bash "$(dirname "$0")/apt-install.sh" chromium fonts-dejavu-core fonts-liberation
if [ ! -x "$CHROMIUM" ]; then
  echo "install-browser: apt-get installed chromium but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null)"
