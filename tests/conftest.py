"""Shared fixtures: one real nbgrader course per test session."""
import os
import sys
from pathlib import Path

import pytest

from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade.course_dir import temporary_course

# nbgrader runs `alembic` by name; make the venv's bin/ visible to it.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MPLBACKEND", "Agg")

# Every test that grades runs its kernels in the grading sandbox, as a real class
# would be graded. Where it cannot start (no bubblewrap), the other tests still
# run, unconfined (they grade our own notebooks), and tests/test_sandbox.py skips
# with the reason; the header of the run says which.
from nndl.tools.grade.sandbox import trusted_code_args  # noqa: E402

SANDBOX_MISSING = trusted_code_args()[1]

# The judge's reference runs (one per assignment version and secret) are shared by
# every temporary course of the session instead of being made again in each.
import tempfile  # noqa: E402

os.environ.setdefault("NNDL_REFERENCES", tempfile.mkdtemp(prefix="nndl-test-references-"))
if SANDBOX_MISSING:
    os.environ["NNDL_NO_SANDBOX"] = "1"


def pytest_report_header(config):
    return "grading sandbox: " + (f"MISSING, tests grade unconfined ({SANDBOX_MISSING})" if SANDBOX_MISSING
                                  else "bubblewrap, every grading kernel confined")

AIDS = course.assignment_ids()
_SELECTED = set()


@pytest.hookimpl(trylast=True)  # after -k / -m deselection
def pytest_collection_modifyitems(items):
    """Remember which assignments the selected tests need (e.g. with -k 01)."""
    for item in items:
        aid = getattr(item, "callspec", None) and item.callspec.params.get("aid")
        if aid:
            _SELECTED.add(aid)


@pytest.fixture(scope="session")
def graded_course():
    """Every selected assignment generated in a temporary course, with two students
    graded: 'solution' (the release notebook with the reference solution typed in,
    as a student would) and 'untouched' (the release as distributed)."""
    aids = sorted(_SELECTED) or AIDS
    with temporary_course(aids) as c:
        for aid in aids:
            c.submit("solution", aid, submissions.make_submission(aid))
            c.submit("untouched", aid, course.release_path(aid))
        for proc in c.autograde_all(aids):
            assert proc.returncode == 0, proc.stderr[-3000:]
        yield c


def pytest_terminal_summary(terminalreporter):
    """Print the defect corpus's kill rate and hint share (see tests/test_corpus.py)."""
    try:
        from tests.test_corpus import RESULTS
    except ImportError:
        return
    if not RESULTS:
        return
    terminalreporter.section("defect corpus")
    totals = [0, 0, 0, 0, 0]
    for aid, result in sorted(RESULTS.items()):
        totals = [a + b for a, b in zip(totals, result)]
        killed, wrong, accepted, correct, hinted = result
        terminalreporter.line(f"{aid}: {killed}/{wrong} wrong answers killed, {accepted}/{correct} correct ones "
                              f"accepted, {hinted}/{killed} killed ones hinted ({100 * hinted / max(killed, 1):.0f}%)")
    k, w, a, c, h = totals
    terminalreporter.line(f"kill rate {100 * k / max(w, 1):.0f}% ({k}/{w}); correct accepted {100 * a / max(c, 1):.0f}% "
                          f"({a}/{c}); hint share {100 * h / max(k, 1):.0f}% ({h}/{k}) of killed wrong answers")
