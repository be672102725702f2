"""Real classes are not clean: student accidents and hostile submissions.

One real nbgrader course on 01_numpy_basics (the fastest notebook), one student
per accident, all autograded in one batch with a short per-cell timeout. Each
test asserts the exact per-question scores of one student.
"""
import copy

import pytest
from nbformat.v4 import new_output

from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade.course_dir import temporary_course

AID = "01_numpy_basics"
pytestmark = pytest.mark.skipif(AID not in course.assignment_ids(), reason=f"{AID} not authored")

WRONG_SOFTMAX = "def softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=0, keepdims=True)\n"
TIMEOUT = 15  # seconds per cell for this course: the infinite loop must not cost more


def _full():
    return submissions.make_submission(AID)


def _index(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells) if course.nbgrader_meta(c).get("grade_id") == grade_id)


def _with_answer(gid, code):
    return submissions.make_submission(AID, {gid: code})


def deleted_test_cell():
    nb = _with_answer("softmax", WRONG_SOFTMAX)
    del nb.cells[_index(nb, "test_softmax")]
    return nb


def edited_test_cell():
    nb = _with_answer("softmax", WRONG_SOFTMAX)
    nb.cells[_index(nb, "test_softmax")].source = '"""softmax"""\nC.passed("softmax")'
    return nb


def duplicated_cells():
    nb = _full()
    i = _index(nb, "sigmoid")
    nb.cells.insert(i + 1, copy.deepcopy(nb.cells[i]))
    j = _index(nb, "test_L1")
    nb.cells.insert(j + 1, copy.deepcopy(nb.cells[j]))
    return nb


def split_cell():
    """JupyterLab's split keeps the metadata on both halves."""
    nb = _full()
    i = _index(nb, "softmax")
    second = copy.deepcopy(nb.cells[i])
    second.id = "split-half"
    second.source = "print(softmax(np.zeros((2, 3))))"
    nb.cells.insert(i + 1, second)
    return nb


def saved_with_outputs_and_errors():
    nb = _full()
    for n, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = n + 1
        cell.outputs = [new_output("error", ename="NameError", evalue="x", traceback=["boom"])]
    return nb


def infinite_loop():
    return _with_answer("L1", "while True:\n    pass\n\ndef L1(yhat, y):\n    return float(np.sum(np.abs(yhat - y)))\n")


def kernel_crash():
    return _with_answer("L2", "import os\nos._exit(1)\n")


def calls_exit():
    return _with_answer("L2", "exit()\n")


def huge_output():
    return _with_answer("hello_world", 'test = "Hello World"\nfor _i in range(200000):\n    print(_i, "x" * 50)\n')


def noisy_but_correct():
    """Warnings, prints, and stderr inside correct functions."""
    return submissions.make_submission(AID, {
        "sigmoid": "import sys, warnings\n"
                   "def sigmoid(x):\n"
                   "    print('computing sigmoid of', np.shape(x))\n"
                   "    print('debug', file=sys.stderr)\n"
                   "    warnings.warn('just a warning')\n"
                   "    np.exp(np.array([1000.0]))  # overflow warning\n"
                   "    return 1 / (1 + np.exp(-x))\n",
    })


def tampering():
    """Patches numpy's comparisons and the checks, rebinds C, with a wrong softmax."""
    return _with_answer("softmax", WRONG_SOFTMAX + (
        "import nndl.checks\n"
        "np.isclose = lambda *a, **k: np.ones(np.shape(a[0]), dtype=bool)\n"
        "np.allclose = lambda *a, **k: True\n"
        "nndl.checks.expect_array = lambda *a, **k: None\n"
        "nndl.checks.expect_shape = lambda *a, **k: None\n"
        "C = type('Fake', (), {'__getattr__': lambda self, n: (lambda *a, **k: None)})()\n"))


STUDENTS = {
    "deleted": deleted_test_cell, "edited": edited_test_cell, "duplicated": duplicated_cells,
    "split": split_cell, "outputs": saved_with_outputs_and_errors, "loop": infinite_loop,
    "crash": kernel_crash, "exit": calls_exit, "huge": huge_output, "noisy": noisy_but_correct,
    "tamper": tampering,
}


@pytest.fixture(scope="module")
def accidents():
    with temporary_course([AID]) as c:
        for student, make in STUDENTS.items():
            c.submit(student, AID, make())
        c.submit("renamed", AID, _full(), name="01_numpy_basics (copy 1).ipynb")
        c.submit("corrupt", AID, _full())
        c.submit("full", AID, _full())
        target = c.root / "submitted" / "corrupt" / AID / f"{AID}.ipynb"
        target.write_text(target.read_text()[:500])
        procs = c.autograde_all([AID], extra=[f"--Execute.timeout={TIMEOUT}"])
        yield c, procs


def lost(c, student):
    return {gid: (got, mx) for gid, (got, mx) in c.cell_scores(student, AID).items() if got < mx}


def max_total():
    return course.total_points(course.read_notebook(course.source_path(AID)))


def test_a_deleted_test_cell_is_restored_and_graded(accidents):
    c, _ = accidents
    assert set(lost(c, "deleted")) == {"test_softmax"}


def test_an_edited_test_cell_is_restored_from_the_source(accidents):
    c, _ = accidents
    assert set(lost(c, "edited")) == {"test_softmax"}


@pytest.mark.parametrize("student", ["duplicated", "split", "outputs", "huge", "noisy", "full"])
def test_harmless_accidents_keep_full_marks(accidents, student):
    c, _ = accidents
    assert lost(c, student) == {}
    assert c.scores()[(student, AID)] == (max_total(), max_total())


def test_an_infinite_loop_costs_only_its_own_question(accidents):
    c, _ = accidents
    assert set(lost(c, "loop")) == {"test_L1"}


@pytest.mark.parametrize("student", ["crash", "exit"])
def test_a_dead_kernel_costs_only_the_questions_after_it(accidents, student):
    c, _ = accidents
    assert set(lost(c, student)) == {"test_L2"}


def test_tampering_gains_nothing(accidents):
    c, _ = accidents
    assert set(lost(c, "tamper")) == {"test_softmax"}


def test_a_renamed_notebook_is_graded(accidents):
    c, _ = accidents
    assert c.scores()[("renamed", AID)] == (max_total(), max_total())


def test_a_corrupt_notebook_does_not_stop_the_batch(accidents):
    c, procs = accidents
    graded = {s for (s, a) in c.scores()}
    assert graded >= set(STUDENTS) | {"full", "renamed"}


def test_only_real_edits_of_locked_cells_are_reported(accidents):
    """nbgrader warns 'checksum has changed' for every cell with hidden tests
    (#1961); the course's OverwriteCells warns only for a real edit."""
    _, procs = accidents
    log = "".join(p.stdout + p.stderr for p in procs)
    assert "Locked cell test_softmax was edited" in log
    assert "Attribute 'checksum'" not in log
    assert log.count("was edited") == 1
