"""Helper package of the "Neural Networks and Deep Learning" course.

Everything the notebooks share lives here, so it is written once:

- ``nndl.checks``  learner-facing checks used by the notebooks' test cells
- ``nndl.course``  where things are (assignments, folders) and notebook helpers
- ``nndl.build``   notebooks/*.py -> source/ -> release/
- ``nndl.refs``    regenerates / verifies the reference values in test cells
- ``nndl.demo``    the instructor's grading cycle on a demo class
"""
import os

__version__ = "0.1.0"


def under_grader():
    """True while nbgrader (autograde or validate) is executing the notebook.

    Notebooks use it to shorten long trainings so grading stays fast; a learner
    running the notebook themselves always gets the full runs.
    """
    return bool(os.environ.get("NBGRADER_EXECUTION"))
