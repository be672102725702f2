"""Under grading only the figures kept for the feedback are drawn (nndl/grading_figures.py).

- A real kernel with the grading backend shows the kept figures exactly as the inline
  backend would (same PNG, same output keys) and nothing else: no PNG of an unmarked
  figure (after plt.show(), at the end of a cell, as a cell's value), nothing on
  stderr, no figure left open from cell to cell. The same cells under the inline
  backend (a learner's run) still show every figure.
- The plot helpers keep their return types under the backend, still check their
  inputs, and skip the work of discarded figures.
- The grader sets the backend for graded kernels (sandboxed and not) and only for them.
- A real autograde of 03 (reference solution), by nbgrader and by `nndl grade` (with 02):
  the autograded notebook and the feedback HTML hold exactly the kept figures (03's decision
  boundary; none for 02, whose graded trainings record one cost), and no stderr output.
"""
import base64
import os
import struct
import subprocess
import sys
import textwrap

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

import nndl
from nndl import grading_figures
from nndl.tools.author import submissions
from nndl.tools.grade.course_dir import nbgrader_env, temporary_course
from nndl.tools.grade.sandbox import Sandbox

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(nndl.__file__)))

CELLS = [
    "import numpy as np, matplotlib.pyplot as plt\nfrom nndl.plots import plot_costs, plot_image_grid",
    'plot_image_grid(np.zeros((3, 8, 8, 3)), ["a", "b", "c"]);',                       # 1: grid
    "plot_costs([1.0, 0.5, 0.25], learning_rate=0.01);",                               # 2: kept
    "fig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()",                            # 3: unmarked
    "fig, ax = plt.subplots()\nax.plot([1, 2])\nfig.show()\nfig",                           # 4: value
] + ["plt.figure();"] * 22 + [                                                           # 5..26
    "print(len(plt.get_fignums()))",                                                    # 27
]


def run(cells, backend):
    """Execute ``cells`` in a fresh kernel under ``backend`` (None: the kernel's default, inline)."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PYTHONPATH"] = ROOT
    if backend:
        env["MPLBACKEND"] = backend
    nb = new_notebook(cells=[new_code_cell(src) for src in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, allow_errors=True, timeout=60).execute(env=env)
    return nb


def pngs(cell):
    return [o for o in cell.outputs if "image/png" in o.get("data", {})]


def png_size(output):
    data = base64.b64decode(output["data"]["image/png"])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def stderr(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.get("name") == "stderr" or o.get("output_type") == "error"]


@pytest.fixture(scope="module")
def both():
    return run(CELLS, grading_figures.BACKEND), run(CELLS, None)


def test_only_the_kept_figure_is_shown_as_inline_would(both):
    graded, learner = both
    assert [i for i, c in enumerate(graded.cells) if pngs(c)] == [2]
    (kept,), (inline,) = pngs(graded.cells[2]), pngs(learner.cells[2])
    assert set(kept["data"]) == set(inline["data"]) == {"image/png", "text/plain"}
    assert png_size(kept) == png_size(inline) and png_size(kept)[0] > 200
    assert "<Figure" in graded.cells[4].outputs[-1]["data"]["text/plain"]  # the value, not drawn


def test_learners_still_see_every_figure(both):
    _, learner = both
    assert all(pngs(learner.cells[i]) for i in (1, 2, 3, 4))


def test_no_stderr_and_no_figure_left_open(both):
    graded, _ = both
    assert stderr(graded) == []
    assert graded.cells[-1].outputs[0]["text"].strip() == "0"


def test_an_inherited_agg_would_lose_the_kept_figure_too():
    """Why the grader overrides the Agg that `make test` exports: Agg shows nothing at all."""
    nb = run(CELLS[:3], "Agg")
    assert not any(pngs(c) for c in nb.cells)


HELPERS = textwrap.dedent("""
    import warnings
    warnings.simplefilter("error")
    import numpy as np
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from nndl import grading_figures
    from nndl.dnn import draw_architecture
    from nndl.planar import draw_network, load_planar_dataset, plot_decision_boundary
    from nndl.plots import plot_costs, plot_image_grid, plot_mislabeled

    assert grading_figures.active()
    images = np.zeros((4, 8, 8, 3))
    fig = plot_image_grid(images, list("abcd"))
    assert isinstance(fig, Figure) and not fig.axes and not grading_figures.kept(fig)
    fig = plot_mislabeled([b"non-cat", b"cat"], images, np.array([[0, 1, 0, 1]]), np.array([[1, 1, 0, 0]]))
    assert isinstance(fig, Figure) and not fig.axes
    assert isinstance(plot_mislabeled([b"a", b"b"], images, np.zeros((1, 4)), np.zeros((1, 4))), Figure)
    for bad in (lambda: plot_image_grid(images, list("abc")),
                lambda: plot_mislabeled([b"a", b"b"], images, np.zeros((1, 3)), np.zeros((1, 4)))):
        try:
            bad()
        except ValueError:
            pass
        else:
            raise AssertionError("inputs are still checked")
    for ax in (draw_network((2, 4, 1)), draw_architecture((12288, 7, 1), title="t")):
        assert isinstance(ax, Axes) and not ax.lines and not ax.patches and not ax.texts
    fig = plot_costs([1.0, 0.5])
    assert grading_figures.kept(fig) and fig.axes[0].lines
    fig = plot_costs({"a": [0.7], "b": [0.7, 0.6]})  # one curve of two costs is a curve
    assert grading_figures.kept(fig) and len(fig.axes[0].lines) == 2
    for one in ([0.69], {"lr 0.01": [0.69], "lr 0.001": [np.float64(0.69)]}):  # a graded run's: iteration 0 only
        fig = plot_costs(one)
        assert not grading_figures.kept(fig) and fig.axes[0].lines

    X, Y = load_planar_dataset()
    def never(points):
        raise AssertionError("the model of a discarded panel is not called")
    _, axes = plt.subplots(1, 2)
    assert plot_decision_boundary(never, X, Y, ax=axes[0]) is axes[0] and not axes[0].collections
    try:
        plot_decision_boundary(never, X[:, :3], Y, ax=axes[1])
    except ValueError:
        pass
    else:
        raise AssertionError("inputs are still checked")
    ax = plot_decision_boundary(lambda p: p[:, 0] > 0, X, Y)
    assert grading_figures.kept(ax.figure) and ax.collections
    plt.show()  # outside IPython: nothing to display, no warning, everything closed
    assert plt.get_fignums() == []
    print("ok")
""")


def test_helpers_under_the_backend_keep_their_types_and_skip_discarded_work():
    env = {**os.environ, "MPLBACKEND": grading_figures.BACKEND, "PYTHONPATH": ROOT}
    proc = subprocess.run([sys.executable, "-c", HELPERS], env=env, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
    assert proc.stderr == ""


def test_the_grader_sets_the_backend_for_graded_kernels_only():
    sandbox = Sandbox()
    graded = sandbox.environment({"MPLBACKEND": "Agg", "NBGRADER_EXECUTION": "autograde"}, None)
    assert graded["MPLBACKEND"] == grading_figures.BACKEND
    assert sandbox.environment({"MPLBACKEND": "Agg"}, None)["MPLBACKEND"] == "Agg"
    assert "MPLBACKEND" not in sandbox.environment({"LANG": "C.UTF-8"}, None)
    assert nbgrader_env()["MPLBACKEND"] == grading_figures.BACKEND


@pytest.mark.parametrize("grader", ["nbgrader autograde", "nndl grade"])
def test_graded_feedback_holds_exactly_the_kept_figures(grader):
    """Graded by nbgrader (a kernel per notebook) or by nndl grade (a submission of several
    notebooks: kernels forked by one factory, which imported matplotlib before any kernel
    existed), 03's feedback shows the decision boundary of the learner's network and no other
    figure. With nndl grade, 02 too: no figure at all (grading shortens its trainings to one
    recorded cost, and one point is no learning curve; its image grids are never drawn)."""
    from nndl.tools.grade import class_grader

    aids = ["02_logistic_regression", "03_planar_classification"]
    if grader == "nbgrader autograde":
        aids = aids[1:]
    with temporary_course(aids, prefix="nndl-figures-") as c:
        for a in aids:
            c.submit("ada", a, submissions.make_submission(a))
        if grader == "nndl grade":
            assert class_grader.main(["--root", str(c.root), "--workers", "1"]) == 0
        else:
            for proc in c.autograde_all(aids):
                assert proc.returncode == 0, proc.stderr[-3000:]
        c.generate_feedback("*")
        import nbformat
        graded = {a: (nbformat.read(c.autograded_notebook("ada", a), as_version=4),
                      c.feedback_html("ada", a).read_text()) for a in aids}
    for aid, (nb, page) in graded.items():
        with_png = [c.source for c in nb.cells if c.cell_type == "code" and pngs(c)]
        assert stderr(nb) == []
        if aid.startswith("03"):
            assert len(with_png) == 1 and "plot_decision_boundary(" in with_png[0], with_png
            assert "hidden layer of 4 tanh units" in with_png[0]
            assert page.count("data:image/png;base64,") == 1
        else:
            assert with_png == [] and "data:image/png;base64," not in page
            grids = [c for c in nb.cells if c.cell_type == "code" and "plot_image_grid(" in c.source]
            assert len(grids) == 2  # the dataset and own-images grids, not drawn
