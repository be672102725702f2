"""Helper package of the "Neural Networks and Deep Learning" course.

Everything the notebooks share lives here, so it is written once.

For learners (imported by the notebooks):
- ``nndl.checks``       learner-facing checks used by the test cells
- ``nndl.data``         the cat vs non-cat loader, loading your own image
- ``nndl.plots``        image grids, mislabelled images, learning curves
- ``nndl.planar``       the flower and the extra 2-D datasets, decision boundaries
- ``nndl.activations``  sigmoid / relu and their backward steps (notebook 04)
- ``nndl.dnn``          ready-made L-layer building blocks (notebook 05)
- ``nndl.gradcheck``    finite-difference gradient checks

For authors and instructors (command-line tools):
- ``nndl.build``        notebooks/*.py -> source/ -> release/       (make build)
- ``nndl.refs``         the test cells' reference values             (make refs)
- ``nndl.demo``         the grading cycle on a demo class            (make demo)
- ``nndl.lab``          JupyterLab on a private workspace            (make lab)
- ``nndl.selfcheck``    grade your own notebook   (python -m nndl check, make check)
- ``nndl.grade_class``  autograde a class on every core, with a score table
- ``nndl.corpus``       grade a notebook's defect corpus, entry by entry
- ``nndl.grading``, ``nndl.submissions``, ``nndl.nbgrader_ext``: real nbgrader
  courses, submissions and the course's nbgrader preprocessors
"""
import os

__version__ = "0.1.0"


def under_grader():
    """True while nbgrader (autograde or validate) is executing the notebook.

    Notebooks use it to shorten long trainings so grading stays fast; a learner
    running the notebook themselves always gets the full runs.
    """
    return bool(os.environ.get("NBGRADER_EXECUTION"))
