"""The learner library of the "Neural Networks and Deep Learning" course.

What the notebooks import. At grading time it runs inside the student's
kernel, so it is untrusted there: no score is decided by it alone.

- ``nndl.checks``       learner-facing checks used by the test cells
- ``nndl.data``         the cat vs non-cat loader, loading your own image
- ``nndl.plots``        image grids, mislabelled images, learning curves
- ``nndl.planar``       the flower and the extra 2-D datasets, decision boundaries
- ``nndl.activations``  sigmoid / relu and their backward steps (notebook 04)
- ``nndl.dnn``          ready-made L-layer building blocks (notebook 05)
- ``nndl.gradcheck``    finite-difference gradient checks
- ``nndl.grading_figures``  the matplotlib backend of graded runs (only kept figures drawn)

The course's tools (build, grading, self-check, lab, demo: trusted code, never
imported by a kernel) live in ``nndl.tools`` behind the ``nndl`` command
(``nndl --help``, or ``python -m nndl --help``).
"""
import os

__version__ = "0.1.0"


def under_grader():
    """True while nbgrader (autograde or validate) is executing the notebook.

    Notebooks use it to shorten long trainings so grading stays fast; a learner
    running the notebook themselves always gets the full runs.
    """
    return bool(os.environ.get("NBGRADER_EXECUTION"))
