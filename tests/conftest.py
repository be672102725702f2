"""Shared fixtures: one real nbgrader course per test session."""
import os
import sys
from pathlib import Path

import pytest

from nndl import course
from nndl.grading import temporary_course

# nbgrader runs `alembic` by name; make the venv's bin/ visible to it.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MPLBACKEND", "Agg")

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
    """Every assignment generated in a temporary course, with two students graded:
    'solution' (the instructor's source notebook) and 'untouched' (the release)."""
    aids = sorted(_SELECTED) or AIDS
    with temporary_course(aids) as c:
        for aid in aids:
            c.submit("solution", aid, course.source_path(aid))
            c.submit("untouched", aid, course.release_path(aid))
        for proc in c.autograde_all(aids):
            assert proc.returncode == 0, proc.stderr[-3000:]
        yield c
