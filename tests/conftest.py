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


@pytest.fixture(scope="session")
def graded_course():
    """Every assignment generated in a temporary course, with two students graded:
    'solution' (the instructor's source notebook) and 'untouched' (the release)."""
    with temporary_course(AIDS) as c:
        for aid in AIDS:
            c.submit("solution", aid, course.source_path(aid))
            c.submit("untouched", aid, course.release_path(aid))
            c.autograde(aid)
        yield c
