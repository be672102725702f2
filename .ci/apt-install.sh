#!/usr/bin/env bash
# Installs Debian packages for the tests: `bash .ci/apt-install.sh PACKAGE...`.
# As root, or with password-less sudo, on a machine with apt-get; exits non-zero
# (with the reason) when it cannot, so the caller can say which tests will skip.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "apt-install: not root and no password-less sudo; install $* by hand" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-install: no apt-get here (not Debian/Ubuntu); install $* by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq "$@" >/dev/null
