"""How the grader writes a notebook's grades: the rows nbgrader's SaveAutoGrades writes, in one
transaction (nbgrader_ext.SaveAutoGradesAtOnce)."""
import shutil

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import SaveAutoGrades
from sqlalchemy import event
from sqlalchemy.orm import Session

from nndl.tools.grade.course_dir import start_gradebook
from nndl.tools.grade.nbgrader_ext import SaveAutoGradesAtOnce

# nbgrader's own add_submission makes SQLAlchemy warn about its autoflush; not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")


def _grade_cell(name, source, outputs, points=1):
    cell = new_code_cell(source, outputs=outputs)
    cell.metadata.nbgrader = {"grade": True, "solution": False, "locked": True, "grade_id": name,
                              "points": points, "schema_version": 3}
    return cell


def _solution_cell(name, source, given):
    cell = new_code_cell(source)
    cell.metadata.nbgrader = {"grade": False, "solution": True, "locked": False, "grade_id": name,
                              "schema_version": 3}
    cell.metadata.nbgrader["checksum"] = utils.compute_checksum(new_code_cell(given, metadata=cell.metadata))
    return cell


def _notebook():
    """Passing and failing test cells, a manually graded answer, an answered and an unanswered
    solution (nbgrader comments "No response." on the second)."""
    cells = [new_markdown_cell("intro"),
             _solution_cell("answer", "def f():\n    return 1", "def f():\n    raise NotImplementedError"),
             _solution_cell("untouched", "raise NotImplementedError", "raise NotImplementedError"),
             _grade_cell("passes", "assert f() == 1", [], points=2),
             _grade_cell("fails", "assert f() == 2",
                         [new_output("error", ename="AssertionError", evalue="", traceback=[])]),
             _grade_cell("stderr", "print('x')", [new_output("stream", name="stderr", text="x\n")], points=3)]
    for cell in cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        if cell.cell_type == "code":
            cell.metadata.nbgrader["checksum"] = utils.compute_checksum(cell)
    return new_notebook(cells=cells)


@pytest.fixture
def gradebook(tmp_path):
    """A gradebook that knows the notebook's cells and a submission of student 's'."""
    path = tmp_path / "gradebook.db"
    start_gradebook(tmp_path)  # (stamped: nbgrader would run alembic, a process of its own)
    with Gradebook(f"sqlite:///{path}") as gb:
        gb.add_assignment("a")
        gb.add_notebook("n", "a")
        nb = _notebook()
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade"):
                gb.add_grade_cell(meta["grade_id"], "n", "a", max_score=meta["points"], cell_type="code")
            if meta.get("solution"):
                gb.add_solution_cell(meta["grade_id"], "n", "a")
        gb.add_student("s")
        gb.add_submission("a", "s")
    return path


def _save(step, path, nb):
    resources = {"nbgrader": {"notebook": "n", "assignment": "a", "student": "s", "db_url": f"sqlite:///{path}"}}
    commits = []
    listener = lambda session: commits.append(1)  # noqa: E731
    event.listen(Session, "after_commit", listener)
    try:
        step().preprocess(nb, resources)
    finally:
        event.remove(Session, "after_commit", listener)
    return len(commits)


def _rows(path):
    with Gradebook(f"sqlite:///{path}") as gb:
        nb = gb.find_submission_notebook("n", "a", "s")
        grades = sorted((g.name, g.auto_score, g.needs_manual_grade) for g in nb.grades)
        comments = sorted((c.name, c.auto_comment) for c in nb.comments)
    return grades, comments


def test_the_grades_are_nbgraders_written_in_one_commit(gradebook, tmp_path):
    """The same grades and comments as nbgrader's SaveAutoGrades, which commits once per graded
    cell; the course's version commits once for the notebook."""
    theirs = tmp_path / "theirs.db"
    shutil.copy(gradebook, theirs)
    commits_theirs = _save(SaveAutoGrades, theirs, _notebook())
    commits_ours = _save(SaveAutoGradesAtOnce, gradebook, _notebook())
    assert _rows(gradebook) == _rows(theirs)
    grades, comments = _rows(gradebook)
    assert grades == [("fails", 0.0, False), ("passes", 2.0, False), ("stderr", 0.0, False)]
    assert comments == [("answer", None), ("untouched", "No response.")]
    # (opening a gradebook commits once; then nbgrader commits for each of the 5 graded cells)
    assert commits_theirs == 1 + 5 and commits_ours == 1 + 1


def test_a_notebook_whose_grades_cannot_all_be_saved_saves_none(gradebook, monkeypatch):
    """An error while saving (here on the second graded cell) leaves the gradebook as it was, not
    half written; the error reaches the converter, which reports the notebook as failed."""
    before = _rows(gradebook)
    real, seen = utils.determine_grade, []

    def failing(cell, log=None):
        seen.append(cell.metadata.nbgrader["grade_id"])
        if len(seen) == 2:
            raise RuntimeError("disk full")
        return real(cell, log)

    monkeypatch.setattr(utils, "determine_grade", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        _save(SaveAutoGradesAtOnce, gradebook, _notebook())
    assert _rows(gradebook) == before
    assert before[0] == [("fails", None, True), ("passes", None, True), ("stderr", None, True)]


def _selects(path, step, nb):
    """(rows written, SELECTs of grades and comments) when ``step`` saves ``nb``'s grades."""
    statements = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT") and ("FROM grade " in statement or "FROM comment " in statement):
            statements.append(statement)

    from sqlalchemy.engine import Engine

    event.listen(Engine, "before_cursor_execute", count)
    try:
        _save(step, path, nb)
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    return _rows(path), len(statements)


def test_a_notebooks_grades_and_comments_are_read_in_four_queries(gradebook, tmp_path):
    """nbgrader finds each graded cell's grade and comment with a query of its own (here with a
    task cell too, found after the grade and solution cells as nbgrader looks); the course's
    step reads them in four queries and writes the same rows."""
    from nbformat.v4 import new_markdown_cell

    nb = _notebook()
    task = new_markdown_cell("Explain f.")
    task.metadata.nbgrader = {"grade": False, "solution": False, "task": True, "locked": True,
                              "grade_id": "explain", "points": 1, "schema_version": 3}
    task.metadata.nbgrader["checksum"] = utils.compute_checksum(task)
    nb.cells.append(task)
    with Gradebook(f"sqlite:///{gradebook}") as gb:
        gb.add_task_cell("explain", "n", "a", max_score=1, cell_type="markdown")
        gb.remove_submission("a", "s")
        gb.add_submission("a", "s")
    theirs = tmp_path / "theirs.db"
    shutil.copy(gradebook, theirs)
    rows_theirs, queries_theirs = _selects(theirs, SaveAutoGrades, nb)
    rows_ours, queries_ours = _selects(gradebook, SaveAutoGradesAtOnce, nb)
    assert rows_ours == rows_theirs
    assert ("explain", None, True) in rows_ours[0] and ("explain", None) in rows_ours[1]
    assert queries_theirs == 7 and queries_ours == 4  # (theirs: one per graded cell, two for the task)
