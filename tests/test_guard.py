"""Under grading, a submission that patches what the checks rely on gains nothing.

Runs a real kernel (nbclient) with NBGRADER_EXECUTION set, as nbgrader does.
"""
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

SETUP = "import numpy as np\nfrom nndl import checks as C"
FAILING_TEST = 'C.expect_array(np.array([1.0, 2.0]), np.array([1.0, 3.0]), "f")\nC.passed("f")'

ATTACKS = {
    "patch numpy comparisons": "np.isclose = lambda *a, **k: np.ones(2, dtype=bool)\n"
                               "np.allclose = lambda *a, **k: True\nnp.all = lambda *a, **k: True",
    "patch the check": "C.expect_array = lambda *a, **k: None",
    "patch via the module": "import nndl.checks\nnndl.checks.expect_array = lambda *a, **k: None",
    "rebind C": "class _Fake:\n    def __getattr__(self, name):\n        return lambda *a, **k: None\nC = _Fake()",
    "patch a builtin": "import builtins\nbuiltins.all = lambda *a: True\nbuiltins.any = lambda *a: False",
}


def run(cells, env):
    """Execute ``cells`` in a fresh kernel that inherits ``env`` (as nbgrader's does)."""
    nb = new_notebook(cells=[new_code_cell(src) for src in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, allow_errors=True, timeout=60).execute(env=env)
    return nb


def errored(cell):
    return any(o.output_type == "error" for o in cell.outputs)


@pytest.fixture(scope="module")
def grading_env():
    import os
    return {**os.environ, "NBGRADER_EXECUTION": "autograde"}


def test_every_attack_leaves_the_failing_check_failing(grading_env):
    cells = [SETUP]
    for attack in ATTACKS.values():
        cells += [attack, FAILING_TEST]
    nb = run(cells, grading_env)
    for k, name in enumerate(ATTACKS):
        assert not errored(nb.cells[1 + 2 * k]), f"the attack '{name}' itself should run"
        assert errored(nb.cells[2 + 2 * k]), f"'{name}' made a failing check pass"


def test_a_passing_check_still_passes_and_warnings_are_quiet(grading_env):
    nb = run([SETUP, "x = np.exp(np.array([1000.0]))",
              'C.expect_array(np.array([1.0]), np.array([1.0]), "f")\nC.passed("f")'], grading_env)
    assert not errored(nb.cells[2])
    assert not any(o.get("name") == "stderr" for c in nb.cells for o in c.outputs)
    assert "all visible checks passed" in nb.cells[2].outputs[0].text


def test_check_failures_show_only_the_message(grading_env):
    nb = run([SETUP, "_hidden_value = 0.987654\n" + FAILING_TEST], grading_env)
    err = [o for o in nb.cells[1].outputs if o.output_type == "error"][0]
    assert err.ename == "CheckFailed"
    assert "0.987654" not in "\n".join(err.traceback)


def test_grade_alone_swaps_helpers_for_one_cell_only(grading_env):
    nb = run([SETUP,
              "def helper(x):\n    return x + 1  # the learner's (wrong) helper\n"
              "def f(x):\n    return 2 * helper(x)",
              "C.grade_alone(globals(), helper=lambda x: x)\nprint(f(3))\nraise ValueError('a failing check')",
              "print(f(3))"], grading_env)
    assert nb.cells[2].outputs[0].text.strip() == "6"
    assert nb.cells[3].outputs[0].text.strip() == "8", "the learner's helper must be back after the cell"


def test_a_crash_in_a_case_names_the_case_even_after_patching_the_helper(grading_env):
    """A learner's KeyError inside C.running is a CheckFailed naming the case, patched or not."""
    crash = 'with C.running("f on a 3-layer network"):\n    {}["W3"]'
    nb = run([SETUP, "C.running = lambda what: open('/dev/null')", crash], grading_env)
    err = [o for o in nb.cells[2].outputs if o.output_type == "error"][0]
    assert err.ename == "CheckFailed"
    assert "f on a 3-layer network: raised KeyError 'W3'" in err.evalue
