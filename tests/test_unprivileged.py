"""The grading sandbox as an ordinary user runs it, not only as root.

CI runs as root, where the sandbox drops every kernel to a fresh uid. An
instructor or a learner runs it as themselves: bubblewrap then works in a user
namespace of its own and the kernel keeps their uid, which changes what it may
do inside (write the folders bubblewrap made, signal bubblewrap's init). This
runs the hostile submissions and the kernel factory's tests that way, as uid
65534 (tests/as_unprivileged.py), and asserts they pass.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .proc_support import needs_sandbox

REPO = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_sandbox.py::test_hostile_submissions_are_contained",
         "tests/test_kernel_factory.py::test_a_notebook_that_kills_the_factory_costs_the_next_one_nothing",
         "tests/test_kernel_factory.py::test_nothing_a_kernel_starts_outlives_the_submission",
         "tests/test_kernel_factory.py::test_forked_kernels_are_fresh_processes"]

pytestmark = [
    needs_sandbox,
    pytest.mark.skipif(os.geteuid() != 0, reason="not root: the whole suite already runs as an ordinary user"),
    pytest.mark.skipif(not shutil.which("unshare"), reason="util-linux's unshare is missing"),
]


def test_hostile_submissions_and_the_factory_as_an_ordinary_user():
    """As uid 65534, every attack is contained and the factory's kernels are fresh and bounded."""
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="nndl-unprivileged-"))  # not under pytest's own (root only) folder
    os.chown(base, 65534, 65534)
    command = ["unshare", "--mount", "--propagation", "private", sys.executable, str(REPO / "tests" / "as_unprivileged.py"),
               sys.base_prefix, sys.prefix, str(REPO), "--",
               sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "not nbgrader",
               f"--basetemp={base / 'pytest'}", *TESTS]
    # this run's caches are root's own folders (conftest.py): the inner run makes its own
    env = {k: v for k, v in os.environ.items() if k not in ("NNDL_REFERENCES", "NNDL_PREPARED")
           and not k.startswith("PYTEST_")}
    try:
        proc = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    lines = proc.stdout.strip().splitlines()
    summary = lines[-1] if lines else ""
    why = [line for line in lines if line.startswith(("E ", ">", "FAILED"))]
    assert proc.returncode == 0, "\n".join(why[:60]) + "\n" + summary + proc.stderr[-2000:]
    assert "4 passed" in summary and "skipped" not in summary, proc.stdout[-2000:]
