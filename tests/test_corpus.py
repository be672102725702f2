"""The grader's own test suite: a corpus of realistic submissions per notebook.

tests/corpus/<id>.py defines CORPUS, a list of {"function", "kind", "why",
"code"}: one solution cell replaced by a typical wrong answer ("wrong") or by
another correct implementation ("correct"), and DEPENDENTS: for each function,
the other test cells that call it. Entries whose footprints (their own test
cell and its dependents) do not overlap share one submission (the full
reference solution with those cells replaced), so every lost point is still
attributable to one entry; all submissions are autograded with real nbgrader,
every core busy, and the exact scores are asserted:

- a correct entry loses nothing;
- a wrong entry scores 0 on test_<function>;
- nothing outside the footprints of a submission's wrong entries loses points.

The kill rate is printed at the end of the test run.
"""
import pytest

from nndl import course, submissions
from nndl.grading import temporary_course

AIDS = [aid for aid in course.assignment_ids() if submissions.load_corpus(aid)]
RESULTS = {}  # aid -> (killed, wrong, accepted, correct); printed by conftest


@pytest.fixture(scope="module", params=AIDS)
def graded_corpus(request):
    aid = request.param
    module = submissions.corpus_module(aid)
    corpus, dependents = module.CORPUS, getattr(module, "DEPENDENTS", {})
    groups = submissions.pack(corpus, dependents)
    with temporary_course([aid]) as c:
        for g, group in enumerate(groups):
            answers = {corpus[k]["function"]: corpus[k]["code"] for k in group}
            c.submit(f"pack{g:03d}", aid, submissions.make_submission(aid, answers))
        for proc in c.autograde_all([aid]):
            assert proc.returncode == 0, proc.stderr[-3000:]
        scores = [c.cell_scores(f"pack{g:03d}", aid) for g in range(len(groups))]
        yield aid, corpus, dependents, groups, scores


def test_corpus_scores_are_exact(graded_corpus):
    aid, corpus, dependents, groups, scores = graded_corpus
    problems, killed, wrong, accepted, correct = [], 0, 0, 0, 0
    for group, cells in zip(groups, scores):
        lost = {gid for gid, (got, mx) in cells.items() if got < mx}
        explained = set()
        for k in group:
            entry = corpus[k]
            target = f"test_{entry['function']}"
            label = f"{aid} #{k} {entry['kind']} {entry['function']} ({entry['why']})"
            assert target in cells, f"{label}: no test cell {target} in the notebook"
            fp = submissions.footprint(entry, dependents)
            if entry["kind"] == "correct":
                correct += 1
                accepted += not (lost & fp)
                if lost & fp:
                    problems.append(f"{label}: a correct answer lost points on {sorted(lost & fp)}")
            else:
                wrong += 1
                explained |= fp
                if cells[target][0] == 0:
                    killed += 1
                else:
                    problems.append(f"{label}: SURVIVED {target}")
        unexplained = lost - explained - {f"test_{corpus[k]['function']}" for k in group}
        if unexplained:
            names = ", ".join(f"#{k}" for k in group if corpus[k]["kind"] == "wrong")
            problems.append(f"{aid}: submission with wrong entries {names} also lost points on {sorted(unexplained)}")
    RESULTS[aid] = (killed, wrong, accepted, correct)
    print(f"{aid}: {len(corpus)} entries graded as {len(groups)} submissions")
    assert not problems, "\n".join(problems)
