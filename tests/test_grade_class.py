"""nndl grade: the parallel autograde of a class, on a small real course (its CLI; Dask in test_grade_dask.py)."""
import pytest

from nndl.tools import course
from nndl.tools.grade import class_grader
from nndl.tools.author import submissions
from nndl.tools.grade.course_dir import temporary_course
from nndl.tools.grade.dask_grader import base_name, load_config, plain

AID = "01_numpy_basics"
pytestmark = pytest.mark.skipif(AID not in course.assignment_ids(), reason=f"{AID} not authored")


def test_grades_every_submission_and_prints_the_scores(capsys):
    total = course.total_points(course.read_notebook(course.source_path(AID)))
    with temporary_course([AID], prefix="nndl-gradeclass-") as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        c.submit("ben", AID, course.release_path(AID))
        status = class_grader.main(["--root", str(c.root), "--workers", "2"])
        out = capsys.readouterr().out
        assert status == 0, out
        assert c.scores() == {("ada", AID): (total, total), ("ben", AID): (0.0, total)}
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith(("ada", "ben"))}
    assert rows == {"ada": [f"{total:g}/{total:g}"] * 2, "ben": [f"0/{total:g}"] * 2}
    assert "autograding 2 submission(s) of 2 with 2 local worker(s)" in out


def test_nothing_submitted_says_how_to_collect(tmp_path, capsys):
    assert class_grader.main(["--root", str(tmp_path)]) == 2
    assert "nbgrader collect" in capsys.readouterr().err


def test_an_assignment_the_gradebook_does_not_know_says_what_to_run(tmp_path, capsys):
    folder = tmp_path / "submitted" / "ada" / AID
    folder.mkdir(parents=True)
    (folder / f"{AID}.ipynb").write_text(course.release_path(AID).read_text())
    assert class_grader.main(["--root", str(tmp_path), AID, "02_not_there"]) == 2
    err = capsys.readouterr().err
    assert f"nbgrader generate_assignment {AID} --force" in err
    assert "02_not_there: no submission" in err


def test_a_scheduler_that_is_not_there_says_so(tmp_path, capsys):
    """--scheduler naming nothing: a clear message and status 2, quickly."""
    with temporary_course([AID], prefix="nndl-gradeclass-") as c:
        c.submit("ada", AID, course.release_path(AID))
        status = class_grader.main(["--root", str(c.root), "--scheduler", "tcp://127.0.0.1:9", "--connect-timeout", "2"])
    assert status == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


def test_copies_and_downloads_are_recognised_by_name():
    """The names a copy or a second download gives a notebook lead back to the notebook."""
    for name in ["02_x (1)", "02_x-Copy1", "02_x copy", "02_x (copy 2)", "Copy of 02_x", "02_x (1)-Copy1"]:
        assert base_name(name) == "02_x", name
    assert base_name("02_x_final") == "02_x_final"


def test_no_sandbox_is_passed_on_and_warned_about(tmp_path, capsys, monkeypatch):
    """--no-sandbox turns Sandbox.enabled off in the config sent to the workers, with a warning."""
    monkeypatch.delenv("NNDL_NO_SANDBOX", raising=False)
    assert load_config(tmp_path).Sandbox.enabled is True
    assert plain(load_config(tmp_path, sandbox=False))["Sandbox"]["enabled"] is False
    class_grader.main(["--root", str(tmp_path), "--no-sandbox"])
    assert "--no-sandbox" in capsys.readouterr().err


def test_gradebooks_share_an_engine_and_see_a_replaced_file(tmp_path):
    """After shared_gradebook_engines, Gradebooks on one database share one engine (its compiled
    SQL is kept), and a gradebook file replaced between two of them is read afresh."""
    import shutil

    from nbgrader.api import Gradebook

    class_grader.shared_gradebook_engines()
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for path, student in ((first, "ada"), (second, "ben")):
        with Gradebook(f"sqlite:///{path}") as gb:
            gb.add_student(student)
    url = f"sqlite:///{tmp_path / 'live.db'}"
    shutil.copy(first, tmp_path / "live.db")
    with Gradebook(url) as gb:
        engine = gb.engine
        assert [s.id for s in gb.students] == ["ada"]
    (tmp_path / "live.db").unlink()
    shutil.copy(second, tmp_path / "live.db")
    with Gradebook(url) as gb:
        assert gb.engine is engine
        assert [s.id for s in gb.students] == ["ben"]
    with Gradebook(f"sqlite:///{first}") as gb:
        assert gb.engine is not engine


def test_a_gradebook_opened_checks_its_tables_in_one_query_and_still_creates_missing_ones(tmp_path):
    """After shared_gradebook_engines, opening a Gradebook on a complete database lists its
    tables once (not one query per table); a new database, or one that lost a table, still gets
    every table nbgrader needs."""
    import sqlite3

    from nbgrader.api import Base, Gradebook
    from sqlalchemy import event

    class_grader.shared_gradebook_engines()
    url = f"sqlite:///{tmp_path / 'g.db'}"
    with Gradebook(url) as gb:
        gb.add_student("ada")
    statements = []
    with Gradebook(url) as gb:
        listen = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
        event.listen(gb.engine, "before_cursor_execute", listen)
        try:
            with Gradebook(url) as again:
                assert [s.id for s in again.students] == ["ada"]
        finally:
            event.remove(gb.engine, "before_cursor_execute", listen)
    schema = [s for s in statements if "sqlite_master" in s or "PRAGMA" in s.upper()]
    assert len(schema) <= 2, schema  # nbgrader's own table count, and the check: was 2 + one per table
    with sqlite3.connect(tmp_path / "g.db") as con:
        con.execute("DROP TABLE student")
    with Gradebook(url) as gb:
        assert [s.id for s in gb.students] == []
    with sqlite3.connect(tmp_path / "g.db") as con:
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(Base.metadata.tables) <= names


def test_the_local_workers_and_the_test_clusters_workers_run_without_dasks_profiler(tmp_path):
    """Dask's statistical profiler (a stack sample of each worker thread every 10 ms, a third of a
    grading worker's CPU) is off in nndl grade's local workers and in the `dask worker`
    processes of cluster.local_dask_cluster (the setting docs/grading-at-scale.md gives)."""
    import argparse

    from distributed import Client

    from nndl.tools.grade.cluster import local_dask_cluster

    def profiling(dask_worker):
        return "profile" in dask_worker.periodic_callbacks

    client, cluster, _ = class_grader.start_cluster(argparse.Namespace(scheduler=None, workers=1))
    try:
        assert list(client.run(profiling).values()) == [False]
    finally:
        client.close()
        cluster.close()
    with local_dask_cluster(tmp_path / "cluster", workers=1) as (address, _), Client(address) as client:
        assert list(client.run(profiling).values()) == [False]
    with Client(processes=False, n_workers=1, dashboard_address=None) as client:  # Dask's default: on
        assert list(client.run(profiling).values()) == [True]
