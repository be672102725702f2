#!/usr/bin/env bash
# Installs Debian's bubblewrap, the grading sandbox (nndl/tools/grade/sandbox.py).
# Safe to run again. Exits non-zero when it cannot install; tests/test_sandbox.py
# then skips and says why, and the other tests grade unconfined.
set -euo pipefail
if command -v bwrap >/dev/null 2>&1; then
  echo "install-sandbox: $(bwrap --version) already installed"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "install-sandbox: not root and no password-less sudo; install bubblewrap by hand" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-sandbox: no apt-get here (not Debian/Ubuntu); install bubblewrap by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq bubblewrap util-linux >/dev/null
echo "install-sandbox: installed $(bwrap --version)"
