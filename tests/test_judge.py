"""The trusted judge: hidden checks decided outside the student's kernel (nndl/tools/grade/judge.py).

Real nbgrader, real sandbox (when bubblewrap is here), notebook 01. Every
attack answers every question WRONG and tries to pass anyway; each must score
0 on every test cell. Then forged records, course secrets, a learner's cell
carrying nbgrader's markers, and the judge's own decoding.
"""
import base64
import logging
import json
import time

import nbformat
import numpy as np
import pytest

from nndl import measure
from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade import judge
from nndl.tools.grade.course_dir import temporary_course

AID = "01_numpy_basics"

# Every function of 01 answered wrongly, with the right shapes and types.
WRONG = {
    "basic_sigmoid": "def basic_sigmoid(x):\n    return 0.5\n",
    "sigmoid": "def sigmoid(x):\n    return np.zeros(np.shape(x)) + 0.5\n",
    "sigmoid_derivative": "def sigmoid_derivative(x):\n    return np.zeros(np.shape(x)) + 0.25\n",
    "image2vector": "def image2vector(image):\n    return np.zeros((image.size, 1), dtype=image.dtype)\n",
    "normalize_rows": "def normalize_rows(x):\n    return np.ones(np.shape(x)) / np.shape(x)[1] ** 0.5\n",
    "softmax": "def softmax(x):\n    return np.ones(np.shape(x)) / np.shape(x)[1]\n",
    "L1": "def L1(yhat, y):\n    return 1.0\n",
    "L2": "def L2(yhat, y):\n    return 1.0\n",
}

# The in-kernel tricks that beat the in-process guard, run in the first answer cell.
TRICKS = {
    "swap the failure function's code": """
import nndl.checks as _K
_K._fail.__code__ = (lambda what, why: None).__code__
""",
    "clear IPython's callbacks, then patch numpy": """
_ip = get_ipython()
for _event in ("pre_run_cell", "post_run_cell", "pre_execute", "post_execute"):
    _ip.events.callbacks[_event].clear()
np.isclose = lambda a, b, **k: np.ones(np.broadcast(np.asarray(a), np.asarray(b)).shape, dtype=bool)
np.allclose = lambda *a, **k: True
np.all = lambda *a, **k: True
""",
    "patch numpy's internal modules": """
import numpy._core.numeric as _num
_num.isclose = lambda a, b, **k: np.ones(np.broadcast(np.asarray(a), np.asarray(b)).shape, dtype=bool)
_num.allclose = lambda *a, **k: True
import numpy._core.fromnumeric as _fn
_fn.all = lambda *a, **k: True
""",
    "overwrite the guard's saved originals": """
import nndl.checks as _K
for _module, _saved in _K._SNAPSHOT:
    for _name in list(_saved):
        if _name.startswith("expect_") or _name == "_fail":
            _saved[_name] = (lambda *a, **k: None)
_K.expect_array = _K.expect_scalar = _K.expect_equal = lambda *a, **k: None
""",
    "an input transformer that turns test cells into pass": """
def _hollow(lines):
    text = "".join(lines)
    return ["pass\\n"] if ("C.expect" in text or "C.passed" in text or "C.unchanged" in text) else lines
get_ipython().input_transformers_cleanup.append(_hollow)
""",
    "read the expected values from the test's variables and source": """
import sys, linecache, re as _re
def _steal(shape):
    frame = sys._getframe(2)
    for name, value in frame.f_locals.items():
        if name.startswith("_e") and isinstance(value, np.ndarray) and value.shape == shape:
            return value
    for filename in list(linecache.cache):
        for line in linecache.getlines(filename):
            if "# ref:" in line and "np.array" in line:
                try:
                    value = eval(line.split("=", 1)[1].split("# ref:")[0], {"np": np})
                except Exception:
                    continue
                if np.shape(value) == shape:
                    return value
    return np.zeros(shape) + 0.5
def sigmoid(x):
    return _steal(np.shape(x))
""",
}


def wrong_submission(prelude="", extra=None):
    answers = dict(WRONG)
    answers.update(extra or {})
    answers["basic_sigmoid"] = prelude + "\n" + answers["basic_sigmoid"]
    return submissions.make_submission(AID, answers)


def lost_everything(cells):
    return {gid: got for gid, (got, _) in cells.items() if got != 0}


@pytest.fixture(scope="module")
def tricked_class():
    """One class: the reference solution, and one all-wrong student per trick; graded once."""
    with temporary_course([AID]) as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        c.submit("wrong", AID, wrong_submission())
        for k, trick in enumerate(TRICKS):
            code = TRICKS[trick]
            # the thief is the learner's sigmoid itself; the others act from the first answer cell
            nb = (wrong_submission(extra={"sigmoid": code}) if "def sigmoid" in code else wrong_submission(code))
            c.submit(f"trick{k}", AID, nb)
        c.run(["autograde", AID, "--force"])
        yield c


def test_reference_and_plain_wrong_answers(tricked_class):
    """The reference solution scores 10/10; the all-wrong answers 0 on every cell."""
    assert tricked_class.scores()[("ada", AID)] == (10.0, 10.0)
    assert lost_everything(tricked_class.cell_scores("wrong", AID)) == {}


@pytest.mark.parametrize("k,trick", list(enumerate(TRICKS)))
def test_in_kernel_tricks_gain_nothing(tricked_class, k, trick):
    """Each trick that beat the in-kernel guard, with every answer wrong: 0 on every test cell."""
    assert lost_everything(tricked_class.cell_scores(f"trick{k}", AID)) == {}, trick


def cached_records(root):
    """{grade_id: [records]} of the reference run cached for AID in a course (the default secret)."""
    import os
    from pathlib import Path
    folder = Path(os.environ.get("NNDL_REFERENCES") or Path(root) / ".nndl" / "references") / AID
    books = sorted(folder.glob(f"{AID}-*.json"), key=lambda p: p.stat().st_mtime)
    return json.loads(books[-1].read_text())["cells"]


REPLAY = """
import json as _json, nndl.measure as _m
from IPython.display import publish_display_data as _pub
_book = _json.loads({book!r})
_m.record = lambda *a, **k: None            # no real record from now on
def _replay(result):
    text = result.info.raw_cell if result.info else ""
    for _gid, _records in _book.items():
        if 'C.passed("' + _gid[len("test_"):] + '")' in text:
            for _r in _records:
                _pub({{_m.MIME: _r, "text/plain": ""}})
get_ipython().events.register("post_run_cell", _replay)
"""

FORGE = """
import nndl.measure as _m
from IPython.display import publish_display_data as _pub
_rng = np.random.RandomState(0)
def _forge(*_):
    for _seq in range(40):
        for _shape in [(), (3,), (2, 3), (4, 1), (3, 3), (1, 4)]:
            _pub({_m.MIME: {"seq": _seq, "kind": "array", "what": "x", "hidden": True,
                            "args": {"actual": _m.encode(_rng.rand(*_shape))}}, "text/plain": ""})
get_ipython().events.register("pre_run_cell", _forge)
get_ipython().events.register("post_run_cell", _forge)
"""


def test_forged_records_gain_nothing():
    """Records forged before and after the real ones, with plausible shapes and random values: 0 everywhere."""
    with temporary_course([AID]) as c:
        c.submit("forger", AID, wrong_submission(FORGE))
        c.run(["autograde", AID, "--force"])
        assert lost_everything(c.cell_scores("forger", AID)) == {}


def test_replayed_records_work_only_where_the_inputs_are_public(monkeypatch, tmp_path):
    """Correct records captured with the published inputs pass with the published inputs (the docs say
    so: without a course secret the references are public) and gain nothing under a course secret."""
    monkeypatch.setenv("NNDL_REFERENCES", str(tmp_path / "refs"))
    with temporary_course([AID]) as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        c.run(["autograde", AID, "--force"])
        book = json.dumps(cached_records(c.root))
        c.submit("replayer", AID, wrong_submission(REPLAY.format(book=book)))
        c.run(["autograde", AID, "--force", "--student=replayer"])
        public = c.scores()[("replayer", AID)][0]
        monkeypatch.setenv("NNDL_COURSE_SECRET", "a-course-secret-1")
        c.run(["autograde", AID, "--force", "--student=replayer"])
        assert lost_everything(c.cell_scores("replayer", AID)) == {}
    assert public > 0, "the replay should have worked on the published inputs (else this test proves nothing)"


@pytest.mark.parametrize("secret", ["course-secret-A", "course-secret-B"])
def test_course_secrets(secret, monkeypatch, tmp_path):
    """Under a course secret: the reference scores 10/10, a wrong answer fails, and the hidden inputs
    and references differ from the published ones (and between secrets)."""
    monkeypatch.setenv("NNDL_REFERENCES", str(tmp_path / "refs"))
    monkeypatch.setenv("NNDL_COURSE_SECRET", secret)
    entry = next(e for e in submissions.load_corpus(AID) if e["kind"] == "wrong" and e["function"] == "softmax")
    with temporary_course([AID]) as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        c.submit("bob", AID, submissions.make_submission(AID, {"softmax": entry["code"]}))
        c.run(["autograde", AID, "--force"])
        assert c.scores()[("ada", AID)] == (10.0, 10.0)
        assert c.cell_scores("bob", AID)["test_softmax"][0] == 0
        hidden = [r for r in cached_records(c.root)["test_softmax"] if r["hidden"]]
    assert hidden
    TestSecrets.seen[secret] = [r["args"]["actual"] for r in hidden]


@pytest.mark.parametrize("aid", course.assignment_ids())
def test_every_reference_passes_its_own_tests_under_a_secret(aid, tmp_path):
    """Under a course secret every notebook's hidden inputs change (some hidden record differs from
    the published run) and the reference solution still passes every record of its own."""
    from traitlets.config import Config
    books = {}
    for secret in ("", "a-course-secret-2"):
        cfg = Config()
        cfg.Judge.secret = secret
        books[secret] = judge.reference_run(course.source_path(aid), secret, aid, aid, cfg, logging.getLogger("test"))
    published, secret = books[""], books["a-course-secret-2"]
    assert published.keys() == secret.keys()
    changed = [gid for gid in published if [r["args"] for r in published[gid] if r["hidden"]]
               != [r["args"] for r in secret[gid] if r["hidden"]]]
    assert changed, f"{aid}: the secret changed no hidden result"


class TestSecrets:
    seen = {}

    def test_two_secrets_give_different_hidden_values(self, tmp_path, monkeypatch):
        """The hidden results recorded under the two secrets differ, and from the published ones."""
        if len(self.seen) < 2:
            pytest.skip("runs after test_course_secrets")
        monkeypatch.setenv("NNDL_REFERENCES", str(tmp_path / "refs"))
        monkeypatch.delenv("NNDL_COURSE_SECRET", raising=False)
        with temporary_course([AID]) as c:
            c.submit("ada", AID, submissions.make_submission(AID))
            c.run(["autograde", AID, "--force"])
            published = [r["args"]["actual"] for r in cached_records(c.root)["test_softmax"] if r["hidden"]]
        a, b = self.seen.values()
        assert a != b and a != published and b != published


def test_a_learners_cell_with_the_hidden_markers_is_graded_and_gets_feedback():
    """'### BEGIN HIDDEN TESTS' typed into an answer cell breaks neither autograde nor feedback."""
    answers = submissions.reference_answers(AID)
    answers["sigmoid"] = "# ### BEGIN HIDDEN TESTS\n# ### END HIDDEN TESTS\n" + answers["sigmoid"]
    with temporary_course([AID]) as c:
        c.submit("ada", AID, submissions.make_submission(AID, answers))
        c.run(["autograde", AID, "--force"])
        assert c.scores()[("ada", AID)] == (10.0, 10.0)
        c.generate_feedback(AID)
        assert c.feedback_html("ada", AID).exists()


def test_feedback_has_no_records():
    """The judge removes the records: no learner value on a hidden input reaches the notebook or feedback."""
    with temporary_course([AID]) as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        c.run(["autograde", AID, "--force"])
        c.generate_feedback(AID)
        assert measure.MIME not in c.autograded_notebook("ada", AID).read_text()
        assert "measurement" not in c.feedback_html("ada", AID).read_text()


def test_judging_time_per_notebook(tmp_path):
    """Judging one executed notebook (reference cached) takes well under a second (measured: see docs)."""
    from traitlets.config import Config
    with temporary_course([AID]) as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        c.run(["autograde", AID, "--force"])  # makes the reference run
        cfg = Config()
        cfg.CourseDirectory.root = str(c.root)
        nb = submissions.make_submission(AID)
        nb, _ = judge.HideReferences(config=cfg).preprocess(nb, {"nbgrader": {"assignment": AID, "notebook": AID}})
        from nndl.tools.grade.nbgrader_ext import ResilientExecute
        import os
        os.environ["NBGRADER_EXECUTION"] = "autograde"
        try:
            nb, _ = ResilientExecute(config=cfg).preprocess(nb, {"metadata": {"path": str(tmp_path)}})
        finally:
            os.environ.pop("NBGRADER_EXECUTION", None)
        start = time.perf_counter()
        judge.Judge(config=cfg).preprocess(nb, {"nbgrader": {"assignment": AID, "notebook": AID}})
        elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"judging took {elapsed:.3f} s"


# -- the judge's decoding: plain data only -----------------------------------------

def test_decoding_rebuilds_plain_values():
    """Arrays come back as exact np.ndarray of a whitelisted dtype; numbers, strings, containers as themselves."""
    values = [np.arange(6.0).reshape(2, 3), np.array([1, 2], dtype=np.uint8), 3, 2.5, "x", (1, [2.0]),
              {"W1": np.ones((2, 2))}, np.float64(1.5), True, None]
    for value in values:
        back = judge.decode(json.loads(json.dumps(measure.encode(value))))
        assert type(back) is type(value) or (isinstance(value, np.generic) and back == value)
        if isinstance(value, np.ndarray):
            assert back.dtype == value.dtype and np.array_equal(back, value)


def test_subclasses_and_objects_arrive_as_names():
    """An ndarray subclass is recorded as a plain ndarray; a float subclass or an object only by its type's name."""
    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return True

    class Liar(float):
        def __eq__(self, other):
            return True

    arr = judge.decode(measure.encode(np.zeros(3).view(Sneaky)))
    assert type(arr) is np.ndarray
    assert isinstance(judge.decode(measure.encode(Liar(1.0))), judge.Other)
    assert isinstance(judge.decode(measure.encode(object())), judge.Other)


@pytest.mark.parametrize("bad", [
    {"t": "nd", "dtype": "|O", "shape": [1], "b64": base64.b64encode(b"\0" * 8).decode()},
    {"t": "nd", "dtype": "<f8", "shape": [2], "b64": base64.b64encode(b"\0" * 8).decode()},
    {"t": "pickle", "v": "gASVAAAAAAAAAAA="},
    {"t": "int", "v": "1e3"},
    {"t": "dict", "k": [1], "v": [{"t": "none"}]},
    "not a dict",
])
def test_malformed_records_are_refused(bad):
    """Object dtypes, wrong byte counts, unknown tags (pickle), bad numbers: Malformed, never evaluated."""
    with pytest.raises(judge.Malformed):
        judge.decode(bad)


def test_blanking_keeps_structure_and_drops_values():
    """A reference literal keeps its shape and keys in the kernel's copy, none of its values."""
    blank = judge.blank_literal("{'W1': np.array([[0.5, -1.25]]), 'n': (3, 4)}")
    assert blank == "{'W1': np.array([[0.0, 0.0]]), 'n': (0, 0)}"
    assert judge.blank_literal("secret_function()") is None
    assert judge.blank_literal("[os.system('x')]") is None


def test_a_test_cell_is_prepared_once_per_class_and_a_bad_one_fails_every_time():
    """kernel_source: the same cell gives the same text (kept for the next submission); a
    reference literal that is not plain literal syntax raises JudgeError at every call."""
    good = "C.expect_true(True, 'x')\n### BEGIN HIDDEN TESTS\n_r = np.array([0.25, 1.5])  # ref: f(x)\n### END HIDDEN TESTS"
    first = judge.kernel_source(good, None, "a/nb/test_f")
    assert "0.25" not in first and "np.array([0.0, 0.0])" in first
    assert judge.kernel_source(good, None, "a/nb/test_f") is first
    bad = good.replace("np.array([0.25, 1.5])", "secret_function()")
    for _ in range(2):
        with pytest.raises(judge.JudgeError, match="not plain literal syntax"):
            judge.kernel_source(bad, None, "a/nb/test_f")


def _display(payload):
    return {"output_type": "display_data", "data": {measure.MIME: payload, "text/plain": ""}, "metadata": {}}


def _record(seq, kind="true", **extra):
    return {"seq": seq, "kind": kind, "what": "x", "hidden": False, "args": {"actual": {"t": "bool", "v": True}},
            **extra}


def test_a_cells_records_arrive_one_by_one_or_together():
    """The judge reads records sent one per output and sent as one batch per cell alike; in a batch, a
    malformed record is dropped on its own, and a batch that is not a plain list counts as nothing."""
    cell = {"outputs": [_display(_record(0)),
                        _display({"batch": [_record(1), "junk", {"seq": "2"}, _record(1, kind="equal")]}),
                        _display({"batch": {"seq": 3}}),
                        _display({"batch": [_record(4)], "seq": 4}),
                        {"output_type": "stream", "name": "stdout", "text": "hi"}]}
    found = judge.records(cell)
    assert sorted(found) == [0, 1]
    assert [r["kind"] for r in found[1]] == ["true", "equal"]


def test_records_are_held_until_the_cell_ends(monkeypatch):
    """Under the grader's guard a cell's records go out together when it ends (at most measure.BATCH at
    once); what a cell did not send is dropped when the next begins; without the guard, one by one."""
    import IPython.display

    sent = []
    monkeypatch.setattr(IPython.display, "publish_display_data", lambda data: sent.append(data[measure.MIME]))
    monkeypatch.setenv("NNDL_JUDGE", "1")
    monkeypatch.setattr(measure, "_state", {"seq": 0, "hidden": False, "pending": [], "held": False})
    measure.record("true", "a", actual=True)
    assert [p["seq"] for p in sent] == [0]

    measure.hold()
    measure.new_cell()
    for _ in range(3):
        measure.record("true", "b", actual=True)
    assert len(sent) == 1
    measure.flush()
    assert [r["seq"] for r in sent[1]["batch"]] == [0, 1, 2]

    measure.new_cell()
    measure.record("true", "c", actual=True)
    measure.new_cell()  # a cell whose end was never signalled: its record is not the next cell's
    measure.flush()
    assert len(sent) == 2

    for _ in range(measure.BATCH + 1):
        measure.record("true", "d", actual=True)
    assert [len(p["batch"]) for p in sent[2:]] == [measure.BATCH]
    measure.flush()
    assert [len(p["batch"]) for p in sent[2:]] == [measure.BATCH, 1]
