#!/usr/bin/env bash
# Installs Debian's bubblewrap, the grading sandbox (nndl/tools/grade/sandbox.py).
# Safe to run again. Exits non-zero when it cannot install; tests/test_sandbox.py
# then skips and says why, and the other tests grade unconfined.
set -euo pipefail
if command -v bwrap >/dev/null 2>&1; then
  echo "install-sandbox: $(bwrap --version) already installed"
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" bubblewrap util-linux
echo "install-sandbox: installed $(bwrap --version)"
