"""nndl report: the class report, on a small class graded by real nbgrader.

The class of notebook 01 has known mistakes (wrong answers from the defect
corpus, a kernel killed by os._exit, an untouched notebook) and two planted
copies: bob's image2vector is ana's triple loop with the names renamed, the
layout changed and other comments; cat's softmax is the reference solution.
Every other solution that is long enough to be compared is a different correct
(or wrong) variant, so the report must find exactly the planted mistakes and
exactly the two planted pairs.
"""
import csv
import shutil

import pytest

from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade import report, similarity
from nndl.tools.grade.course_dir import temporary_course
from nndl.tools.grade.mistakes import mistake
from nndl.tools.grade.nbgrader_ext import DEAD

from .browser_support import chromium_path, launch_chromium

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

AID = "01_numpy_basics"
pytestmark = pytest.mark.skipif(AID not in course.assignment_ids(), reason=f"{AID} not authored")
ARTIFACTS = course.ROOT / "tests" / "artifacts" / "report"
CHROMIUM, NO_CHROMIUM = chromium_path()
NO_BROWSER = ("the playwright package is not installed (pip install -r requirements.txt)"
              if sync_playwright is None else NO_CHROMIUM)


def corpus(function, why):
    """The code of the corpus entry of ``function`` whose description starts with ``why``."""
    return next(e["code"] for e in submissions.load_corpus(AID) if e["function"] == function and e["why"].startswith(why))


# bob's copy of ana's image2vector: other names, other layout, other comments
COPIED = '''def image2vector(image):
    # walk the pixels row by row
    (height, width, depth) = image.shape   # unpack the dims
    out = np.zeros(((height*width)*depth, 1), dtype = image.dtype)
    idx = 0
    for r in range(height):
        for col in range(width):
            for ch in range(depth):
                out[idx, 0] = image[r, col, ch]  # one entry
                idx += 1
    return out
'''
KILLS_KERNEL = "def L2(yhat, y):\n    import os\n    os._exit(1)\n"

CLASS = {
    "ana": {"image2vector": corpus("image2vector", "triple loop"), "normalize_rows": corpus("normalize_rows", "einsum"),
            "softmax": corpus("softmax", "loop over rows"), "L1": corpus("L1", "no absolute value")},
    "bob": {"image2vector": COPIED, "normalize_rows": corpus("normalize_rows", "loop over rows"),
            "softmax": corpus("softmax", "log-sum-exp"), "L1": corpus("L1", "mean instead of sum")},
    "cat": {"image2vector": corpus("image2vector", "reshape(-1)"),
            "normalize_rows": corpus("normalize_rows", "float copy")},  # softmax: the reference
    "dan": {"image2vector": corpus("image2vector", "a row (1, abc)"),
            "normalize_rows": corpus("normalize_rows", "divides in place"),
            "softmax": corpus("softmax", "stable: subtract"), "L1": corpus("L1", "absolute value of the sum"),
            "L2": KILLS_KERNEL},
}
TESTS = ["test_basic_sigmoid", "test_sigmoid", "test_sigmoid_derivative", "test_image2vector",
         "test_normalize_rows", "test_softmax", "test_L1", "test_L2"]
PLANTED_MISTAKES = {
    ("test_L1", "values differ"): "ana bob dan",
    ("test_image2vector", "rank-1 array"): "cat",
    ("test_image2vector", "transposed"): "dan",
    ("test_normalize_rows", "modified its input in place"): "dan",
    ("test_L2", "kernel died"): "dan",
    **{(t, "not implemented"): "eve" for t in TESTS},  # eve handed in the release notebook
}
PLANTED_PAIRS = {("image2vector", "ana", "bob"), ("softmax", "cat", "reference")}


def _due_and_times(c, stamps):
    """A due date of 2026-01-01 12:00 and the given submission times (timestamp.txt, as collect writes it)."""
    from nbgrader.api import Gradebook

    with Gradebook(c.db_url) as gb:
        gb.update_or_create_assignment(AID, duedate="2026-01-01 12:00:00")
    for student, stamp in stamps.items():
        (c.root / "submitted" / student / AID / "timestamp.txt").write_text(stamp + " UTC")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class graded by nbgrader and its report: (course root, report folder, printed lines)."""
    out = tmp_path_factory.mktemp("report")
    with temporary_course([AID], prefix="nndl-report-") as c:
        for student, answers in CLASS.items():
            c.submit(student, AID, submissions.make_submission(AID, answers))
        c.submit("eve", AID, course.release_path(AID))
        _due_and_times(c, {"dan": "2026-01-03 12:00:00", "ana": "2026-01-01 11:00:00"})
        failed = [p.stderr[-2000:] for p in c.autograde_all([AID], workers=2) if p.returncode != 0]
        assert not failed, failed
        lines = []
        index = report.build(c.root, out=out, log=lines.append)
        yield c.root, index, lines


def _csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_mistakes_are_grouped_exactly_as_planted(graded):
    """mistakes.csv has one row per planted mistake, with its count and students, and nothing else."""
    _, index, _ = graded
    rows = _csv(index.parent / "mistakes.csv")
    assert rows[0] == ["assignment", "question", "mistake", "count", "students"]
    got = {(q, m): s for a, q, m, n, s in rows[1:] if a == AID and int(n) == len(s.split())}
    assert got == PLANTED_MISTAKES and len(rows) == len(PLANTED_MISTAKES) + 1


def test_flagged_pairs_are_exactly_the_planted_copies(graded):
    """similarity.csv flags bob's renamed copy of ana and cat's copy of the reference, no honest pair."""
    _, index, _ = graded
    rows = _csv(index.parent / "similarity.csv")
    assert rows[0] == ["assignment", "function", "student", "other", "similarity"]
    assert {(f, s, o) for _, f, s, o, _ in rows[1:]} == PLANTED_PAIRS and len(rows) == 3
    assert all(float(r[4]) >= 0.95 for r in rows[1:])


def test_pages_show_questions_pairs_and_the_hint_warning(graded):
    """The assignment page orders questions by lost points, shows both cells of a pair, says 'hints'."""
    _, index, lines = graded
    page = (index.parent / f"{AID}.html").read_text()
    assert page.index("test_L1") < page.index("test_basic_sigmoid")  # 4 lost L1, 1 lost basic_sigmoid
    assert "walk the pixels row by row" in page and "hints, not verdicts" in page
    assert "<script" not in page and "http" not in page
    assert index.read_text().count("data:image/png;base64,") == 2
    assert any("5 submission(s), 15 answer(s) below full marks, 1 alike pair(s) of students, 1 match(es)" in line for line in lines)


def test_the_class_page_lists_zero_scores_and_late_submissions(graded):
    """eve scored 0; dan submitted two days after the due date, ana before it."""
    _, index, _ = graded
    page = index.read_text()
    row = page[page.index("<h2>Who needs a look</h2>"):page.index("<h2>Pass rate")]
    assert "<td>eve</td>" in row and "dan (2.0 days)" in row and "ana" not in row


def test_grade_exports_for_canvas_and_moodle(graded):
    """grades.csv: Canvas's columns and Points Possible row; grades-moodle.csv: the same, no such row."""
    _, index, _ = graded
    total = course.total_points(course.read_notebook(course.source_path(AID)))
    canvas = _csv(index.parent / "grades.csv")
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", AID, "Total"]
    assert canvas[1][0].strip() == "Points Possible" and canvas[1][5:] == [f"{total:g}"] * 2
    assert [r[3] for r in canvas[2:]] == ["ana", "bob", "cat", "dan", "eve"]
    assert canvas[-1][5:] == ["0", "0"]
    assert _csv(index.parent / "grades-moodle.csv") == canvas[:1] + canvas[2:]


@pytest.mark.skipif(NO_BROWSER is not None, reason=NO_BROWSER or "")
def test_the_pages_open_in_the_browser(graded, tmp_path):
    """Chromium shows both pages without console errors and with every plot loaded."""
    _, index, _ = graded
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    with sync_playwright() as pw:
        context = launch_chromium(pw, CHROMIUM, tmp_path / "profile", viewport=(1200, 900))
        try:
            page = context.new_page()
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            for name in ("index", AID):
                page.goto((index.parent / f"{name}.html").as_uri(), wait_until="load")
                sizes = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
                assert sizes and all(w > 0 for w in sizes), sizes
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            assert errors == []
        finally:
            context.close()


def test_no_gradebook_is_a_message_and_exit_2(tmp_path, capsys):
    """A folder where nothing was graded: exit 2, saying to grade first."""
    assert report.main(["--root", str(tmp_path)]) == 2
    assert "nndl grade" in capsys.readouterr().err


def test_an_assignment_nobody_submitted_is_a_message_and_exit_2(capsys):
    """A generated assignment without submissions, named or not: exit 2 with a message, no traceback."""
    with temporary_course([AID], prefix="nndl-report-empty-") as c:
        assert report.main(["--root", str(c.root), AID]) == 2
        assert f"nobody submitted {AID}" in capsys.readouterr().err
        assert report.main(["--root", str(c.root)]) == 2
        assert "no graded submission" in capsys.readouterr().err
        assert report.main(["--root", str(c.root), "09_missing"]) == 2
        assert "does not know 09_missing" in capsys.readouterr().err


# ------------------------------------------------------------- normalisers
def test_mistake_labels_drop_numbers_shapes_and_names():
    """Messages that differ only in their specifics give one label."""
    rank1 = "image2vector on a (3, 3, 2) image: shape is (4,), but it should be (4, 1). It is a rank-1 array: keep both"
    assert mistake("CheckFailed", rank1) == "rank-1 array"
    assert mistake("CheckFailed", "f on a (2, 3) array: shape is (3, 2), but it should be (2, 3). It looks transposed.") \
        == "transposed"
    assert mistake("CheckFailed", "L1: modified its input 'yhat' in place; work on a copy") \
        == mistake("CheckFailed", "sigmoid: modified its input 'x' in place; work on a copy") \
        == "modified its input in place"
    assert mistake("CheckFailed", "f(1.0): value differs from the expected one: got 0.2, expected 0.7") \
        == mistake("CheckFailed", "g on a (2, 3) array: 5 of 6 entries differ from the expected values (the first at "
                   "index (0, 0)).\n  got:\n[[1 2]]") == "values differ"
    assert mistake("ValueError", "operands could not be broadcast together with shapes (2,3) (2,) ") \
        == mistake("ValueError", "operands could not be broadcast together with shapes (4,5) (1,4)")
    assert mistake("NameError", "name 'foo' is not defined") == "NameError: name <name> is not defined"
    assert mistake("CheckFailed", "dataset_sizes: got (209, 64), expected (209, 32)") == "values differ"


def test_mistake_labels_of_stubs_time_outs_and_dead_kernels():
    """NotImplementedError, nbgrader's time-out and the course's dead-kernel error each have one label."""
    assert mistake("NotImplementedError", "write your code here") == "not implemented"
    assert mistake("CellTimeoutError", "No reply from kernel before timeout") == "time-out"
    assert mistake("KeyboardInterrupt", "") == "time-out"
    assert mistake("RuntimeError", DEAD) == "kernel died"


REFERENCE_LIKE = '''def normalize_rows(x):
    """Docstring."""
    norms = np.sqrt(np.sum(x ** 2, axis=1, keepdims=True))  # (m, 1)
    out = x / norms
    return out
'''
RENAMED = '''def normalize_rows(matrix):
    # row lengths
    row_len = np.sqrt( np.sum(matrix**2, axis = 1, keepdims = True) )
    result = (matrix / row_len)
    return result
'''


def test_a_renamed_reformatted_copy_scores_one():
    """Names, comments, docstrings, spacing and redundant parentheses do not change the stream."""
    assert similarity.tokens(RENAMED) == similarity.tokens(REFERENCE_LIKE)
    assert similarity.ratio(similarity.tokens(RENAMED), similarity.tokens(REFERENCE_LIKE)) == 1.0


def test_two_different_correct_implementations_score_low():
    """The einsum and the row-loop versions of normalize_rows are far apart."""
    a = similarity.tokens(corpus("normalize_rows", "einsum"))
    b = similarity.tokens(corpus("normalize_rows", "loop over rows"))
    assert similarity.ratio(a, b) < 0.5


def test_library_names_are_kept():
    """np.exp and np.log are different code even though the cell's own names are canonical."""
    a = similarity.tokens("def f(x):\n    y = np.exp(x)\n    return y\n", frozenset({"np"}))
    b = similarity.tokens("def f(z):\n    w = np.log(z)\n    return w\n", frozenset({"np"}))
    assert a == ["v2", "=", "np", ".", "exp", "v1", "return", "v2"] and similarity.ratio(a, b) <= 0.5


def test_stubs_are_recognised_and_broken_code_is_still_read():
    """A cell still raising NotImplementedError is a stub; a syntax error still gives a stream."""
    stub = course.solution_cells(course.read_notebook(course.release_path(AID)))["softmax"].source
    assert similarity.is_stub(stub) and not similarity.is_stub(REFERENCE_LIKE)
    assert similarity.tokens("def f(x):\n    return (x +\n") == ["return", "v1", "+"]


def test_keyword_arguments_and_notebook_names_are_kept():
    """axis= is numpy's name and sigmoid the notebook's: neither is renamed."""
    stream = similarity.tokens("def f(x):\n    return sigmoid(np.sum(x, axis=1))\n", frozenset({"np", "sigmoid"}))
    assert stream == ["return", "sigmoid", "np", ".", "sum", "v1", ",", "axis", "=", "1"]


def test_similar_pairs_keep_a_close_pair_and_drop_unrelated_code():
    """One sparse product finds the pair that differs in one statement, and only that pair."""
    base = similarity.tokens(corpus("image2vector", "triple loop"))
    tweaked = similarity.tokens(corpus("image2vector", "triple loop").replace("k += 1", "k = k + 1"))
    other = similarity.tokens(corpus("softmax", "log-sum-exp"))
    pairs = similarity.similar_pairs([base, other, tweaked], 0.9)
    assert [(i, j) for i, j, _ in pairs] == [(0, 2)]
