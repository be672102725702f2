"""nndl grade on Dask: a real scheduler and workers (the `dask` commands), a real class of notebook 01.

The class: a full solution, the untouched release, a partly wrong one (two
wrong answers from the defect corpus, and a locked test cell edited), the full
solution saved as "01_numpy_basics (1).ipynb", a late one, and one whose cell
kills its kernel. The reference is plain `nbgrader autograde` of the same
submissions in another course.
"""
import json
import os
import re
import shutil
import signal
import sys
import time
from datetime import datetime

import nbformat
import pytest

from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade import class_grader
from nndl.tools.grade.cluster import local_dask_cluster as dask_cluster, spawn, stop
from nndl.tools.grade.course_dir import Course
from nndl.tools.grade.dask_grader import JOURNAL

AID = "01_numpy_basics"
RENAMED = f"{AID} (1).ipynb"
pytestmark = pytest.mark.skipif(AID not in course.assignment_ids(), reason=f"{AID} not authored")


def wrong(function):
    """The first wrong answer of the corpus for ``function``."""
    return next(e["code"] for e in submissions.load_corpus(AID) if e["function"] == function and e["kind"] == "wrong")


def class_submissions():
    """{student: (notebook, file name, timestamp or None)}."""
    partly = submissions.make_submission(AID, {"basic_sigmoid": wrong("basic_sigmoid"), "softmax": wrong("softmax")})
    locked = next(c for c in partly.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_L1")
    locked.source += "\n# the student changed this test cell"
    full = submissions.make_submission(AID)
    return {
        "full": (full, None, None),
        "untouched": (course.read_notebook(course.release_path(AID)), None, None),
        "partly": (partly, None, None),
        "renamed": (full, RENAMED, None),
        "late": (full, None, "2026-01-01 14:05:00 UTC"),
        "crash": (submissions.make_submission(AID, {"L2": "import os\nos._exit(1)\n"}), None, None),
    }


def submit(c, student, notebook, name=None, timestamp=None):
    c.submit(student, AID, notebook, name=name)
    if timestamp:
        (c.root / "submitted" / student / AID / "timestamp.txt").write_text(timestamp)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A course with 01 generated, a due date, and the class submitted; copied by each test."""
    from nbgrader.api import Gradebook

    c = Course(tmp_path_factory.mktemp("template"))
    c.add_assignments([AID])
    with Gradebook(c.db_url) as gb:
        gb.update_or_create_assignment(AID, duedate=datetime(2026, 1, 1, 12, 0))
    for student, (nb, name, timestamp) in class_submissions().items():
        submit(c, student, nb, name, timestamp)
    return c.root


def copy_course(template, target):
    shutil.copytree(template, target)
    return Course(target)


@pytest.fixture(scope="module")
def reference(template, tmp_path_factory):
    """Plain nbgrader autograde of the same class (the renamed notebook under its right name)."""
    c = copy_course(template, tmp_path_factory.mktemp("reference") / "course")
    folder = c.root / "submitted" / "renamed" / AID
    (folder / RENAMED).rename(folder / f"{AID}.ipynb")
    for proc in c.autograde_all([AID], workers=2):
        assert proc.returncode == 0, proc.stderr[-3000:]
    return c


def expected(reference):
    return {s: reference.cell_scores(s, AID) for s in class_submissions()}


def graded_once(c):
    """{submission: number of times it was graded} from the journal."""
    lines = [json.loads(line) for line in (c.root / JOURNAL).read_text().splitlines()]
    counts = {}
    for entry in lines:
        counts[entry["submission"]] = counts.get(entry["submission"], 0) + (entry["status"] == "graded")
    return counts


# -- a real cluster, started as an instructor would ------------------------------
@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with dask_cluster(tmp_path_factory.mktemp("cluster")) as (address, _):
        yield address


@pytest.fixture(scope="module")
def cluster_graded(template, cluster, tmp_path_factory):
    """The class graded once through the cluster: (course, exit status, stdout)."""
    c = copy_course(template, tmp_path_factory.mktemp("graded") / "course")
    out = run_in_process(["--scheduler", cluster, "--root", str(c.root)])
    return c, *out


def run_in_process(args):
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = class_grader.main(args)
    return status, buffer.getvalue()


# -- the tests --------------------------------------------------------------------
def test_cluster_grades_exactly_as_plain_nbgrader(cluster_graded, reference):
    """Graded through a real scheduler and two workers, every per-cell score equals plain nbgrader's."""
    c, status, out = cluster_graded
    assert status == 0, out
    assert {s: c.cell_scores(s, AID) for s in class_submissions()} == expected(reference)
    assert class_grader.LAST_RUN["resent"] == 0  # each notebook executed was the one nbgrader would execute


def test_autograded_notebooks_match_plain_nbgrader(cluster_graded, reference):
    """The autograded notebooks have the same cells and the same errors as plain nbgrader's."""
    c, _, _ = cluster_graded

    def shape(root, student):
        nb = nbformat.read(str(root / "autograded" / student / AID / f"{AID}.ipynb"), as_version=4)
        return [(cell.source, [o.get("ename", o["output_type"]) for o in cell.get("outputs", [])
                               if o["output_type"] == "error"]) for cell in nb.cells]

    for student in class_submissions():
        assert shape(c.root, student) == shape(reference.root, student), student


def test_summary_says_what_happened(cluster_graded):
    """The table and CSV name the renamed notebook, the edited locked cell, the kernel kill and the lateness."""
    c, _, out = cluster_graded
    rows = {line.split()[0]: line for line in out.splitlines() if line.split() and line.split()[0] in class_submissions()}
    assert f"'{RENAMED}' graded as {AID}.ipynb" in rows["renamed"]
    assert "locked cell test_L1 was edited" in rows["partly"]
    assert "cell 45 (L2) killed the kernel" in rows["crash"] and "test_L1" not in rows["crash"]
    assert "late 2h 05m" in rows["late"]
    text = (c.root / "grades-summary.csv").read_text()
    assert f"{AID} late" in text.splitlines()[0]
    assert ",2h 05m,7500," in text


def test_second_run_regrades_nothing_and_force_regrades_all(cluster_graded, cluster, reference):
    """Without --force a second run grades nothing; with --force it grades every submission again."""
    c, _, _ = cluster_graded
    before = {s: c.autograded_notebook(s, AID).stat().st_mtime_ns for s in class_submissions()}
    status, out = run_in_process(["--scheduler", cluster, "--root", str(c.root)])
    assert status == 0 and "6 submission(s) already graded" in out and "autograding" not in out
    assert {s: c.autograded_notebook(s, AID).stat().st_mtime_ns for s in class_submissions()} == before
    status, out = run_in_process(["--scheduler", cluster, "--root", str(c.root), "--force"])
    assert status == 0 and "autograding 6 submission(s) of 6" in out
    assert all(c.autograded_notebook(s, AID).stat().st_mtime_ns > before[s] for s in class_submissions())
    assert graded_once(c) == {f"{AID}/{s}": 2 for s in class_submissions()}
    assert {s: c.cell_scores(s, AID) for s in class_submissions()} == expected(reference)


def test_interrupted_run_resumes_without_regrading(template, cluster, reference, tmp_path):
    """Ctrl-C in the middle, then the same command: what was graded is kept, the rest is graded."""
    c = copy_course(template, tmp_path / "course")
    with open(tmp_path / "driver.log", "w") as log:
        driver = spawn([sys.executable, "-m", "nndl", "grade", "--scheduler", cluster, "--root", str(c.root)], log)
        try:
            deadline = time.monotonic() + 90
            while not (c.root / JOURNAL).exists() or '"graded"' not in (c.root / JOURNAL).read_text():
                assert time.monotonic() < deadline and driver.poll() is None, (tmp_path / "driver.log").read_text()
                time.sleep(0.2)
            driver.send_signal(signal.SIGINT)
            assert driver.wait(60) == 130, (tmp_path / "driver.log").read_text()
        finally:
            stop(driver)
    first = {k for k, n in graded_once(c).items() if n}
    assert 0 < len(first) < 6
    status, out = run_in_process(["--scheduler", cluster, "--root", str(c.root)])
    assert status == 0 and f"{len(first)} submission(s) already graded" in out, out
    assert graded_once(c) == {f"{AID}/{s}": 1 for s in class_submissions()}
    assert {s: c.cell_scores(s, AID) for s in class_submissions()} == expected(reference)


def test_killed_worker_loses_nothing(template, reference, tmp_path):
    """A worker killed (SIGKILL) while executing: its notebook runs elsewhere, every submission graded once."""
    from distributed import Client

    c = copy_course(template, tmp_path / "course")
    slow = submissions.make_submission(AID, {"hello_world": 'import time\ntime.sleep(6)\ntest = "Hello World"\n'})
    for student in ("a_slow1", "a_slow2"):  # graded first, one on each worker
        submit(c, student, slow)
    others = ["full", "partly", "renamed", "untouched"]
    students = ["a_slow1", "a_slow2", *others]
    with dask_cluster(tmp_path / "cluster") as (address, procs), Client(address, timeout=30) as client:
        victim = next(a for a, w in client.scheduler_info()["workers"].items() if w["name"] == "w0")
        with open(tmp_path / "driver.log", "w") as log:
            driver = spawn([sys.executable, "-m", "nndl", "grade", "--scheduler", address, "--root", str(c.root),
                            "--students", ",".join(students)], log)
            try:
                deadline = time.monotonic() + 90
                while not any("a_slow" in str(key) for key in client.processing(workers=[victim]).get(victim, ())):
                    assert time.monotonic() < deadline and driver.poll() is None, (tmp_path / "driver.log").read_text()
                    time.sleep(0.1)
                time.sleep(1.5)  # well inside its 6 s sleep
                os.killpg(procs["w0"].pid, signal.SIGKILL)
                assert driver.wait(120) == 0, (tmp_path / "driver.log").read_text()
            finally:
                stop(driver)
    assert graded_once(c) == {f"{AID}/{s}": 1 for s in students}
    scores = {s: c.cell_scores(s, AID) for s in students}
    assert scores["a_slow1"] == scores["a_slow2"] == scores["full"]
    assert {s: scores[s] for s in others} == {s: expected(reference)[s] for s in others}


def test_local_workers_by_default(template, reference, tmp_path):
    """Without --scheduler, local worker processes grade the class the same way."""
    c = copy_course(template, tmp_path / "course")
    status, out = run_in_process(["--root", str(c.root), "--workers", "2", "--csv", str(tmp_path / "s.csv")])
    assert status == 0 and "with 2 local worker(s)" in out, out
    assert {s: c.cell_scores(s, AID) for s in class_submissions()} == expected(reference)
    assert (tmp_path / "s.csv").exists()


def test_a_cell_past_the_time_limit_costs_that_cell(template, cluster, reference, tmp_path):
    """An endless loop is interrupted at the per-cell limit of the course's config; the rest is graded."""
    c = copy_course(template, tmp_path / "course")
    (c.root / "nbgrader_config.py").write_text("c = get_config()\nc.Execute.timeout = 3\n")
    submit(c, "loops", submissions.make_submission(AID, {"L1": "while True:\n    pass\n"}))
    status, out = run_in_process(["--scheduler", cluster, "--root", str(c.root), "--students", "loops"])
    assert status == 0, out
    lost = {gid for gid, (got, most) in c.cell_scores("loops", AID).items() if got < most}
    assert lost == {"test_L1"}
    assert re.search(r"loops .*\s+cell \d+ \(L1\) ran past the per-cell time limit and was interrupted$", out, re.M), out


def test_failing_submissions_are_reported_with_their_cause(template, cluster, tmp_path):
    """A notebook that is not JSON, and one whose cells kill the kernel again and again, fail with their cause."""
    c = copy_course(template, tmp_path / "course")
    (c.root / "submitted" / "broken" / AID).mkdir(parents=True)
    (c.root / "submitted" / "broken" / AID / f"{AID}.ipynb").write_text('{"cells": [')
    deadly = "import os\nos._exit(1)\n"
    submit(c, "killer", submissions.make_submission(AID, dict.fromkeys(
        ["hello_world", "basic_sigmoid", "sigmoid", "sigmoid_derivative"], deadly)))
    status, out = run_in_process(["--scheduler", cluster, "--root", str(c.root), "--students", "broken,killer"])
    assert status == 1, out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith(("broken", "killer"))}
    assert "FAILED" in rows["broken"] and "failed: NotJSONError" in rows["broken"], out
    assert "FAILED" in rows["killer"] and "failed: DeadKernelError" in rows["killer"], out


def test_an_assignment_of_two_notebooks(cluster, tmp_path):
    """Two notebooks per submission, one renamed by a copy, one missing: as plain nbgrader scores them."""
    courses = {}
    for kind in ("dask", "plain"):
        c = Course(tmp_path / kind)
        (c.root / "source" / "pair").mkdir(parents=True)
        for name in (AID, "01b"):
            shutil.copy(course.source_path(AID), c.root / "source" / "pair" / f"{name}.ipynb")
        c.run(["generate_assignment", "pair", "--force"])
        full = submissions.make_submission(AID)
        c.submit("copied", "pair", full, name=f"{AID}.ipynb")
        c.submit("copied", "pair", full, name="01b-Copy1.ipynb" if kind == "dask" else "01b.ipynb")
        c.submit("missing", "pair", full, name="01b.ipynb")
        courses[kind] = c
    for proc in courses["plain"].autograde_all(["pair"], workers=2):
        assert proc.returncode == 0, proc.stderr[-3000:]
    status, out = run_in_process(["--scheduler", cluster, "--root", str(courses["dask"].root)])
    assert status == 0, out
    for student in ("copied", "missing"):
        assert courses["dask"].cell_scores(student, "pair") == courses["plain"].cell_scores(student, "pair")
    assert courses["dask"].scores()[("copied", "pair")] == (20.0, 20.0)
    assert "'01b-Copy1.ipynb' graded as 01b.ipynb" in out and f"{AID}.ipynb not submitted (scored 0)" in out, out
