"""`python -m nndl check`: a learner's self-check with the real autograder.

The CLI runs as a subprocess (real nbgrader, hidden tests included) three
times, concurrently: the instructor's source notebook, the untouched release,
and a folder of learner-like notebooks (a wrong function; a renamed copy with
a deleted test cell and a duplicated cell; an infinite loop; a crash; a
scratch notebook). Every assertion reads those three runs. Cheap cases (bad input,
usage) call ``main`` in-process.
"""
import copy
import re
import subprocess
import sys

import nbformat
import pytest

from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.learn import selfcheck
from nndl.tools.cli import main as nndl_main

AID = "01_numpy_basics"
pytestmark = pytest.mark.skipif(AID not in course.assignment_ids(), reason=f"{AID} is not authored yet")

TIMEOUT = 15  # seconds per cell in the folder run: the infinite loop costs this once
WRONG = "L1"  # replaced by the squared error: a realistic mix-up with L2
WRONG_SOURCE = '''def L1(yhat, y):
    """Sum of squared differences: the L2 formula by mistake."""
    return float(np.sum((yhat - y) ** 2))
'''
LOOP = "L2"  # its cell starts with an infinite loop, so L2 is never defined
CRASH = "basic_sigmoid"  # its cell ends the kernel's process (early: a short run)


def _cell(nb, gid):
    (cell,) = [c for c in nb.cells if course.nbgrader_meta(c).get("grade_id") == gid]
    return cell


def _tests_of_source():
    """[(function, points)] in notebook order, from the source notebook itself."""
    nb = course.read_notebook(course.source_path(AID))
    return [(gid[len("test_"):], float(course.nbgrader_meta(c)["points"]))
            for gid, c in course.grade_cells(nb).items()]


def _learner_folder(root):
    """A folder of learner-like notebooks; {label: path}."""
    src = course.read_notebook(course.source_path(AID))
    folder = root / "work"
    paths = {}

    def put(label, nb, rel):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(path))
        paths[label] = path

    nb = copy.deepcopy(src)
    _cell(nb, WRONG).source = WRONG_SOURCE
    put("wrong", nb, "wrong.ipynb")

    # a renamed, moved copy of a full solution, with one test cell deleted and
    # one answer cell copied (a copy keeps the original's grade_id)
    nb = copy.deepcopy(src)
    nb.cells.remove(_cell(nb, "test_softmax"))
    dup = copy.deepcopy(_cell(nb, "sigmoid"))
    dup.id = "my-copy-of-sigmoid"
    nb.cells.append(dup)
    put("renamed", nb, "my copies/homework (1).ipynb")

    nb = copy.deepcopy(src)
    _cell(nb, LOOP).source = "while True:\n    pass\n\n" + _cell(nb, LOOP).source
    put("loop", nb, "loop.ipynb")

    nb = copy.deepcopy(src)
    _cell(nb, CRASH).source = "import os\nos._exit(1)\n"
    put("crash", nb, "crash.ipynb")

    scratch = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    put("scratch", scratch, "scratch/untitled.ipynb")
    return folder, paths


def _parse(stdout):
    """{path shown: {"aid", "questions": {name: (mark, score, points, message)}, "notes", "total"}}."""
    out = {}
    for block in stdout.strip().split("\n\n"):
        lines = block.splitlines()
        head = re.match(r"^(.*)  \(assignment (\w+)\)$", lines[0])
        if not head:
            continue
        rep = {"aid": head.group(2), "questions": {}, "notes": [], "text": block}
        current = None
        for line in lines[1:]:
            q = re.match(r"^  (pass|FAIL)  (\S+)\s+(\S+) / (\S+)$", line)
            t = re.match(r"^  Total: (\S+) / (\S+)$", line)
            if q:
                current = q.group(2)
                rep["questions"][current] = [q.group(1), float(q.group(3)), float(q.group(4)), ""]
            elif t:
                rep["total"] = (float(t.group(1)), float(t.group(2)))
            elif line.startswith("  Note: ") or line.startswith("  The grader"):
                current = None
                rep["notes"].append(line.strip())
            elif current and line.startswith(" " * 10):
                rep["questions"][current][3] += line.strip() + "\n"
            elif rep["notes"]:
                rep["notes"][-1] += " " + line.strip()
        out[head.group(1)] = rep
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The three CLI runs, started together; {name: (proc, parsed report)} plus the inputs."""
    root = tmp_path_factory.mktemp("selfcheck")
    folder, paths = _learner_folder(root)
    release_copy = root / "release_copy.ipynb"
    release_copy.write_bytes(course.release_path(AID).read_bytes())
    gradebook = course.ROOT / "gradebook.db"
    before = gradebook.stat().st_mtime if gradebook.exists() else None
    contents = {path: path.read_bytes() for path in [*paths.values(), release_copy]}
    commands = {
        "source": [str(course.source_path(AID))],
        "release": [release_copy.name],
        "folder": [folder.name, "--timeout", str(TIMEOUT)],
    }
    procs = {}
    for name, args in commands.items():
        procs[name] = subprocess.Popen([sys.executable, "-m", "nndl", "check", *args], cwd=root,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = {}
    for name, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=600)
        proc.stdout_text, proc.stderr_text = stdout, stderr
        results[name] = (proc, _parse(stdout))
    after = gradebook.stat().st_mtime if gradebook.exists() else None
    return {"results": results, "paths": paths, "root": root, "folder": folder,
            "gradebook": (before, after), "contents": contents}


def _report(runs, label):
    """The parsed report of one notebook of the folder run."""
    path = runs["paths"][label].relative_to(runs["root"])
    return runs["results"]["folder"][1][str(path)]


def test_full_solution_gets_full_marks_and_exit_0(runs):
    proc, parsed = runs["results"]["source"]
    assert proc.returncode == 0, proc.stdout_text + proc.stderr_text
    (rep,) = parsed.values()
    assert rep["aid"] == AID
    expected = {name: ["pass", points, points, ""] for name, points in _tests_of_source()}
    assert rep["questions"] == expected
    total = sum(p for _, p in _tests_of_source())
    assert rep["total"] == (total, total)
    assert f"Total: {total:g} / {total:g}" in proc.stdout_text


def test_untouched_release_scores_zero_and_exit_1(runs):
    proc, parsed = runs["results"]["release"]
    assert proc.returncode == 1, proc.stdout_text + proc.stderr_text
    (rep,) = parsed.values()
    for name, points in _tests_of_source():
        mark, score, max_score, message = rep["questions"][name]
        assert (mark, score, max_score) == ("FAIL", 0, points)
        assert "not implemented yet" in message, (name, message)
    assert rep["total"][0] == 0


def test_one_wrong_function_exact_report(runs):
    rep = _report(runs, "wrong")
    assert rep["aid"] == AID
    for name, points in _tests_of_source():
        mark, score, max_score, message = rep["questions"][name]
        if name == WRONG:
            assert (mark, score, max_score) == ("FAIL", 0, points)
            # the check's own message (nndl.checks), naming the function
            assert message.startswith("CheckFailed: ") and WRONG in message, message
        else:
            assert (mark, score, max_score, message) == ("pass", points, points, ""), name
    total = sum(p for _, p in _tests_of_source())
    wrong_points = dict(_tests_of_source())[WRONG]
    assert rep["total"] == (total - wrong_points, total)


def test_renamed_copy_is_identified_from_its_cells(runs):
    rep = _report(runs, "renamed")
    assert rep["aid"] == AID
    assert set(rep["questions"]) == {n for n, _ in _tests_of_source()}
    assert all(q[0] == "pass" for q in rep["questions"].values())


def test_deleted_test_cell_is_restored_and_said(runs):
    rep = _report(runs, "renamed")
    assert rep["questions"]["softmax"][0] == "pass"  # graded from the restored cell
    assert any("missing" in n and "restored" in n and "test_softmax" in n for n in rep["notes"]), rep["notes"]


def test_infinite_loop_is_stopped_and_reported(runs):
    rep = _report(runs, "loop")
    mark, score, _, message = rep["questions"][LOOP]
    assert mark == "FAIL" and score == 0
    assert f"stopped after {TIMEOUT} s" in message and "infinite loop" in message, message
    others = [q for name, q in rep["questions"].items() if name != LOOP]
    assert all(q[0] == "pass" for q in others)


def test_crash_still_gets_a_report(runs):
    """A cell that kills the kernel costs its own question; the rest is graded."""
    rep = _report(runs, "crash")
    mark, score, _, message = rep["questions"][CRASH]
    assert mark == "FAIL" and score == 0
    assert "kernel died" in message, message
    others = [q for name, q in rep["questions"].items() if name != CRASH]
    assert others and all(q[0] == "pass" for q in others), rep["text"]


def test_duplicated_cell_is_graded_and_flagged(runs):
    """Graded as the course's autograder does, with a note naming the copied cell."""
    rep = _report(runs, "renamed")
    assert any("same grading id" in n and "sigmoid" in n for n in rep["notes"]), rep["notes"]


def test_folder_summary_and_exit_status(runs):
    proc, parsed = runs["results"]["folder"]
    assert proc.returncode == 1, proc.stdout_text + proc.stderr_text
    summary = proc.stdout_text.split("Summary (")[1]
    graded = [k for k in runs["paths"] if k != "scratch"]
    assert summary.startswith(f"{len(graded)} notebooks graded)")
    scratch = str(runs["paths"]["scratch"].relative_to(runs["root"]))
    assert re.search(re.escape(scratch) + r"\s+skipped: not a notebook of this course", summary)
    totals = [_report(runs, k)["total"] for k in graded]
    grand = (sum(t[0] for t in totals), sum(t[1] for t in totals))
    assert f"Total: {grand[0]:g} / {grand[1]:g}" in summary.splitlines()[-1]


def test_no_hidden_test_code_or_traceback_is_printed(runs):
    source = course.read_notebook(course.source_path(AID))
    hidden = [line.strip() for cell in source.cells for block in course.hidden_blocks(cell.source)
              for line in block.splitlines() if len(line.strip()) >= 12 and not line.strip().startswith("#")]
    assert hidden, "the notebook has hidden tests"
    for name, (proc, _) in runs["results"].items():
        out = proc.stdout_text + proc.stderr_text
        assert "Traceback" not in out and 'File "' not in out, name
        leaked = [line for line in hidden if line in out]
        assert not leaked, (name, leaked[:3])


def test_learner_files_and_course_gradebook_untouched(runs):
    before, after = runs["gradebook"]
    assert before == after
    for path, content in runs["contents"].items():
        assert path.read_bytes() == content, path
    # nothing was written beside them (no gradebook, no nbgrader folders)
    assert sorted(p.name for p in runs["root"].iterdir()) == ["release_copy.ipynb", "work"]


# -- cheap cases, in-process ------------------------------------------------------

@pytest.mark.parametrize("content, expected", [
    ("just some notes\n", "not a readable notebook"),
    ('{"cells": 3}', "not a Jupyter notebook"),
    (None, "no such file"),
])
def test_unusable_input_exits_2_with_a_clear_message(tmp_path, capsys, content, expected):
    path = tmp_path / "notes.ipynb"
    if content is not None:
        path.write_text(content)
    assert selfcheck.main([str(path)]) == 2
    out = capsys.readouterr()
    assert expected in out.out + out.err
    assert "Traceback" not in out.out + out.err


def test_notebook_of_no_assignment_exits_2(tmp_path, capsys):
    path = tmp_path / "scratch.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), str(path))
    assert selfcheck.main([str(path)]) == 2
    assert "matches no assignment" in capsys.readouterr().out


def test_empty_folder_exits_2(tmp_path, capsys):
    assert selfcheck.main([str(tmp_path)]) == 2
    assert "no notebooks" in capsys.readouterr().out


def test_usage_lists_the_subcommands(capsys):
    assert nndl_main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "usage: nndl" in out and re.search(r"^\s+check\s", out, flags=re.M)
    assert nndl_main([]) == 2
    assert "check" in capsys.readouterr().out
    assert nndl_main(["frobnicate"]) == 2
    assert "unknown command" in capsys.readouterr().err


def test_gradebook_stamp_is_what_nbgrader_would_write(tmp_path):
    """Every throwaway course stamps its new gradebook with the schema revision itself
    (to skip nbgrader's `alembic heads` process); it must be the revision alembic reports."""
    from nbgrader.api import Gradebook, get_alembic_version

    from nndl.tools.grade import course_dir as grading

    assert grading.alembic_head() == get_alembic_version()
    assert grading.start_gradebook(tmp_path)
    assert not grading.start_gradebook(tmp_path), "an existing gradebook is left alone"
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:  # nbgrader adds its tables
        gb.add_student("someone")
        assert [s.id for s in gb.students] == ["someone"]


def test_the_generated_course_is_prepared_once_per_version(tmp_path, monkeypatch):
    """The first check of an assignment version runs generate_assignment and keeps the result;
    the next one copies it (no 'Preparing' step) and grades the same."""
    monkeypatch.setattr(selfcheck, "PREPARED", tmp_path / "prepared")
    aid = course.assignment_ids()[0]
    path = tmp_path / f"{aid}.ipynb"
    nbformat.write(submissions.make_submission(aid), str(path))
    said = []
    first = selfcheck.check([path], progress=said.append)
    assert any("Preparing" in s for s in said) and len(list((tmp_path / "prepared").iterdir())) == 1
    said.clear()
    second = selfcheck.check([path], progress=said.append)
    assert not any("Preparing" in s for s in said)
    assert [(q.name, q.score) for q in first[0].questions] == [(q.name, q.score) for q in second[0].questions]
    assert first[0].score == first[0].max_score > 0


def test_a_check_runs_the_kernel_started_ahead(tmp_path, monkeypatch):
    """A check of one notebook takes over the kernel its factory started while nbgrader was
    being imported (same environment and arguments as nbclient would give), not a second one."""
    from nndl.tools.grade.sandbox import KernelFactory, trusted_code_args

    if trusted_code_args()[1]:
        pytest.skip("no grading sandbox here: the check starts its kernel the ordinary way")
    taken, real = [], KernelFactory.take_ahead

    def recording(self, host, env, extra):
        ahead = real(self, host, env, extra)
        taken.append(ahead is not None)
        return ahead

    monkeypatch.setattr(KernelFactory, "take_ahead", recording)
    aid = course.assignment_ids()[0]
    path = tmp_path / f"{aid}.ipynb"
    nbformat.write(submissions.make_submission(aid), str(path))
    (report,) = selfcheck.check([path])
    assert report.score == report.max_score > 0
    assert taken == [True]


def test_a_check_imports_nbgrader_without_its_server_extensions(tmp_path):
    """`nndl check` grades in its own process and serves nothing: nbgrader's and nbconvert's
    packages are registered lazily (nndl.tools.lazy_package), so neither the Jupyter server
    extensions nor nbconvert's HTML filters are imported (0.5 s of start-up), nor nbgrader's
    JupyterHub plugin (requests), setuptools (nbgrader's zip helpers) or IPython's shell (a kernel
    spec lookup), and the notebook still gets full marks from the real converter."""
    aid = course.assignment_ids()[0]
    path = tmp_path / f"{aid}.ipynb"
    nbformat.write(submissions.make_submission(aid), str(path))
    probe = ("import sys\n"
             "from nndl.tools.learn import selfcheck\n"
             f"status = selfcheck.main([{str(path)!r}])\n"
             "import nbgrader, importlib.metadata\n"
             "print(status, sorted(m for m in sys.modules if m.startswith(('jupyter_server', 'nbgrader.server_ext',\n"
             "                                                             'bs4', 'bleach', 'mistune', 'jinja2',\n"
             "                                                             'requests', 'IPython.core'))),\n"
             "      'setuptools' in sys.modules,\n"
             "      nbgrader.__version__ == importlib.metadata.version('nbgrader'), 'nbgrader.converters' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "0 [] False True True"
    assert "Total: " in proc.stdout
