"""The grader's own test suite: every notebook's defect corpus (tests/corpus/<id>.py),
autograded with real nbgrader (see nndl/corpus.py), with exact outcomes asserted:

- a correct entry loses nothing;
- a wrong entry scores 0 on test_<function>;
- nothing outside the footprints of a submission's wrong entries loses points.

The kill rate, and the share of killed entries whose failure message carries a
`Hint:` line (a likely cause named, nndl/diagnose.py), are printed at the end of the test run (tests/conftest.py).
"""
import pytest

from nndl.tools.author import corpus, submissions
from nndl.tools import course

AIDS = [aid for aid in course.assignment_ids() if submissions.load_corpus(aid)]
RESULTS = {}  # aid -> (killed, wrong, accepted, correct, hinted); printed by conftest
HINT_TARGET = 0.8  # share of killed entries per notebook whose message names a likely cause


@pytest.mark.parametrize("aid", AIDS)
def test_corpus_scores_are_exact(aid):
    report = corpus.grade(aid)
    RESULTS[aid] = (report.killed, report.wrong, report.accepted, report.correct, report.hinted)
    print(f"{aid}: {report.wrong + report.correct} entries graded as {report.submissions} submissions")
    assert report.wrong and report.correct, f"{aid}: the corpus needs wrong and correct entries"
    assert not report.problems, "\n".join(report.problems)
