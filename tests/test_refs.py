"""nndl.refs: literals are written from the reference solution, round-trip
exactly, and drift is detected."""
import numpy as np
import pytest

from nndl.tools import course
from nndl.tools.author import refs

SCRIPT = '''# %%
import numpy as np

# %% nbgrader={"grade": false, "grade_id": "double", "locked": false, "schema_version": 3, "solution": true, "task": false}
def double(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_double", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""double: doubles."""
_x = np.array([[0.1, 0.2, 0.3]])
_e = 0  # ref: double(_x)
_s = None  # ref: (double(1.5), double(2), "ok")
'''


@pytest.fixture
def fake_notebooks(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "NOTEBOOKS", tmp_path)
    (tmp_path / "99_fake.py").write_text(SCRIPT)
    return tmp_path / "99_fake.py"


@pytest.mark.parametrize("value", [
    np.array([[0.1 + 0.2, 1 / 3]]), np.array([[True, False]]), np.array([1, 2], dtype=np.uint8),
    np.array(0.7), np.float64(1 / 7), 3, 2.5, (1, 2.0), [np.zeros((1, 2))], {"dw": np.ones((2, 1)), "db": 0.1},
])
def test_format_value_round_trips_exactly(value):
    back = eval(refs.format_value(value), {"np": np})
    assert refs.same_value(back, value, rtol=0, atol=0)


def test_same_value_is_strict_on_type_and_shape():
    assert not refs.same_value(np.zeros((1, 2)), np.zeros((2, 1)))
    assert not refs.same_value(1.0, np.float64(1.0))
    assert not refs.same_value(np.array([1, 2]), np.array([1.0, 2.0]))
    assert refs.same_value(0.1 + 0.2, 0.3)


def test_update_writes_reference_literals_then_check_is_clean(fake_notebooks):
    assert refs.drift("99_fake")
    assert refs.update("99_fake") == 2
    text = fake_notebooks.read_text()
    assert "_e = np.array([[0.2, 0.4, 0.6]])  # ref: double(_x)" in text
    assert "_s = (3.0, 4, 'ok')  # ref:" in text
    assert refs.drift("99_fake") == []
    assert refs.update("99_fake") == 0


def test_check_reports_a_hand_edited_literal(fake_notebooks):
    refs.update("99_fake")
    fake_notebooks.write_text(fake_notebooks.read_text().replace("0.4,", "0.41,"))
    problems = refs.drift("99_fake")
    assert len(problems) == 1 and "0.41" in problems[0]


def test_a_ref_line_that_never_runs_is_an_error(fake_notebooks):
    fake_notebooks.write_text(SCRIPT + "if False:\n    _z = 1  # ref: double(3)\n")
    with pytest.raises(RuntimeError, match="never ran"):
        refs.compute("99_fake")


LONG_SCRIPT = SCRIPT + '''_big = np.arange(60.0).reshape(12, 5) / 7
_w = 0  # ref: double(_big)
### BEGIN HIDDEN TESTS
_h = 0  # ref: double(_big)
### END HIDDEN TESTS
'''


def test_a_long_visible_literal_is_wrapped_and_round_trips(fake_notebooks):
    """A long visible literal is written over short lines; hidden ones stay on one line."""
    fake_notebooks.write_text(LONG_SCRIPT)
    refs.update("99_fake")
    lines = fake_notebooks.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("_w = "))
    end = next(i for i in range(start, len(lines)) if "# ref: double(_big)" in lines[i])
    assert end - start >= 5 and all(len(line) <= refs.WIDTH for line in lines[start:end])
    assert lines[start].startswith("_w = np.array([[0.0, ")
    assert sum(line.startswith(" " * 15 + "[") for line in lines[start + 1:end + 1]) == 11  # one per row
    hidden = next(line for line in lines if line.startswith("_h = "))
    assert hidden.endswith("# ref: double(_big)") and len(hidden) > 500
    assert refs.drift("99_fake") == []
    assert refs.update("99_fake") == 0  # the wrapped form is stable


def test_a_wrapped_literal_that_drifts_is_reported(fake_notebooks):
    fake_notebooks.write_text(LONG_SCRIPT)
    refs.update("99_fake")
    text = fake_notebooks.read_text()
    fake_notebooks.write_text(text.replace("[0.0, 0.2857142857142857,", "[0.5, 0.2857142857142857,", 1))
    problems = refs.drift("99_fake")
    assert len(problems) == 1 and "0.5" in problems[0]


def test_running_a_notebook_leaves_numpy_print_options_alone(fake_notebooks):
    """A notebook's np.set_printoptions stays in that run (other tests print arrays)."""
    fake_notebooks.write_text(SCRIPT + "np.set_printoptions(precision=2)\n")
    before = np.get_printoptions()
    refs.compute("99_fake")
    assert np.get_printoptions() == before
