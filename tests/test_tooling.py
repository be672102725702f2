"""The build, the lab workspace and the nbgrader preprocessors, on small inputs."""
import jupytext
import pytest
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from nndl.tools.author import build, submissions
from nndl.tools import course
from nndl.tools.learn import lab
from nndl.tools.grade.nbgrader_ext import HideHiddenTracebacks, WarningsAreNotFailures


def _test_cell(source="assert False", outputs=()):
    cell = new_code_cell(source, outputs=list(outputs))
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "test_f", "locked": True, "points": 1,
                                 "schema_version": 3, "solution": False, "task": False}
    return cell


def test_normalize_gives_stable_ids_and_no_tool_metadata():
    nb = new_notebook(cells=[new_markdown_cell("a"), _test_cell(), new_code_cell("x = 1")])
    nb.metadata["jupytext"] = {"x": 1}
    nb.cells[2].metadata["lines_to_next_cell"] = 2
    out = build.normalize(nb)
    assert [c.id for c in out.cells] == ["cell-000", "test_f", "cell-002"]
    assert "jupytext" not in out.metadata and out.cells[2].metadata == {}
    assert nbformat.writes(build.normalize(out)) == nbformat.writes(out)


def test_build_source_is_deterministic_for_every_assignment():
    for aid in course.assignment_ids():
        a = nbformat.writes(build.normalize(jupytext.read(course.authoring_path(aid))))
        b = nbformat.writes(build.normalize(jupytext.read(course.authoring_path(aid))))
        assert a == b


def test_hidden_tracebacks_are_replaced_by_the_message():
    err = new_output("error", ename="CheckFailed", evalue="f: wrong shape",
                     traceback=["Cell In[3], line 9", "----> 9 _e = np.array([0.123456])  # hidden"])
    cell, _ = HideHiddenTracebacks().preprocess_cell(_test_cell(outputs=[err]), {}, 0)
    text = "\n".join(cell.outputs[0].traceback)
    assert "0.123456" not in text and "CheckFailed: f: wrong shape" in text


def test_warnings_in_a_test_cell_do_not_count_as_failures():
    warn = new_output("stream", name="stderr", text="RuntimeWarning: overflow encountered in exp")
    cell, _ = WarningsAreNotFailures().preprocess_cell(_test_cell(outputs=[warn]), {}, 0)
    assert cell.outputs[0].name == "stdout"


def test_lab_workspace_never_overwrites_a_learners_notebook(tmp_path):
    copied, kept = lab.populate(tmp_path)
    assert {p.name for p in copied} >= {f"{aid}.ipynb" for aid in course.assignment_ids()}
    mine = tmp_path / course.assignment_ids()[0] / f"{course.assignment_ids()[0]}.ipynb"
    mine.write_text("my work")
    copied, kept = lab.populate(tmp_path)
    assert copied == [] and mine in kept and mine.read_text() == "my work"


def test_submissions_fill_solution_cells_without_markers():
    for aid in course.assignment_ids():
        nb = submissions.make_submission(aid)
        text = "\n".join(c.source for c in nb.cells)
        assert "BEGIN SOLUTION" not in text and "NotImplementedError(\"write your code here\")" not in text
        stubbed = submissions.make_submission(aid, stubs=list(course.solution_cells(nb)))
        assert nbformat.writes(stubbed) == nbformat.writes(course.read_notebook(course.release_path(aid)))


# -- the nndl command and the package layout ---------------------------------

def test_every_verb_has_help(capsys):
    """`nndl VERB --help` works for every verb listed by `nndl --help`."""
    import pytest
    from nndl.tools import cli

    assert cli.main(["--help"]) == 0
    listing = capsys.readouterr().out
    for verb in cli.VERBS:
        assert f"  {verb} " in listing
        with pytest.raises(SystemExit) as exit_info:
            cli.main([verb, "--help"])
        assert exit_info.value.code == 0
        assert f"usage: nndl {verb}" in capsys.readouterr().out


def test_a_self_check_runs_without_the_cyclic_collector(monkeypatch):
    """The `nndl check` process runs with Python's cyclic collector off, to its quick exit (its
    full collections walked the imported modules: 0.2-0.3 s); other verbs run with it on."""
    import gc
    import sys
    import types

    from nndl.tools import cli

    seen, exits = [], []

    def main(argv, prog):
        seen.append(gc.isenabled())
        return 0

    class Exited(Exception):
        pass

    def fake_exit(status):
        exits.append(status)
        raise Exited

    monkeypatch.setitem(sys.modules, "nndl_fake_verb", types.SimpleNamespace(main=main))
    for verb in ("check", "report"):
        monkeypatch.setitem(cli.VERBS, verb, ("nndl_fake_verb", "learner", "a stand-in"))
    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    try:
        for verb in ("report", "check"):
            monkeypatch.setattr(sys, "argv", ["nndl", verb])
            try:
                cli.entry_point()
            except (SystemExit, Exited):
                pass
    finally:
        gc.enable()
    assert seen == [True, False] and exits == [0]


def test_console_script_is_installed():
    """The venv has an `nndl` executable that runs the same command."""
    import subprocess
    import sys
    from pathlib import Path

    exe = Path(sys.executable).parent / "nndl"
    assert exe.exists(), "reinstall the package: pip install -e ."
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "for the instructor:" in out.stdout


def test_learner_library_never_imports_the_tools():
    """Nothing a notebook imports (nndl/*.py) imports nndl.tools: the kernel runs no trusted code."""
    import ast

    package = course.ROOT / "nndl"
    for path in sorted(package.glob("*.py")):
        if path.name == "__main__.py":  # `python -m nndl`: a command, never imported by a notebook
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
                names += [f"{names[0]}.{a.name}" for a in node.names]
            assert not any("tools" in n.split(".") for n in names), f"{path.name} imports {names}"


def test_lab_exports_html_that_reads_offline():
    """`nndl lab`'s export settings give HTML with MathML formulas and no script from the network."""
    import re

    from nbconvert import HTMLExporter
    from traitlets.config.loader import KVArgParseConfigLoader

    config = KVArgParseConfigLoader(lab.OFFLINE_EXPORT).load_config()
    nb = course.read_notebook(course.release_path(course.assignment_ids()[-1]))
    page, _ = HTMLExporter(config=config).from_notebook_node(nb)
    assert page.count("<math") >= 5
    assert not re.search(r"<script[^>]+src=\"https?:", page)


def test_a_kernel_factory_loads_what_the_notebooks_import():
    """notebook_libraries: the course libraries a notebook imports (01 and 04 draw nothing, so no
    matplotlib), read from cells with magics or a syntax error too, and nothing outside the list."""
    from nndl.tools.grade.sandbox import notebook_libraries
    from nndl.tools.course import read_notebook, source_path

    def libraries(*sources):
        return notebook_libraries({"cells": [{"cell_type": "code", "source": s} for s in sources]})

    assert "matplotlib" not in notebook_libraries(read_notebook(source_path("01_numpy_basics")))
    assert "matplotlib" not in notebook_libraries(read_notebook(source_path("04_deep_nn_step_by_step")))
    assert {"matplotlib.pyplot", "nndl.plots", "nndl.data", "h5py"} <= set(
        notebook_libraries(read_notebook(source_path("05_deep_nn_application"))))
    # nndl.data imports h5py when it reads the files, in the kernel unless the factory has
    assert libraries("from nndl.data import load_catvnoncat") == ["h5py", "nndl.data"]
    assert libraries("from nndl import checks as C") == ["numpy", "nndl.measure", "nndl.diagnose"]
    assert libraries("%matplotlib inline\nimport matplotlib.pyplot as plt") == ["matplotlib", "matplotlib.pyplot"]
    assert libraries("from nndl import (dnn,\n   plots as P)\ndef broken(:\n    import h5py") == [
        "h5py", "nndl.plots", "nndl.dnn"]
    assert libraries("import os, antigravity\nfrom this import s") == []
    # a source as a list of lines; the same cell twice (the parse of a cell is reused) gives the same
    assert libraries(["from nndl ", "import dnn"], "from nndl import dnn") == ["nndl.dnn"]
    assert libraries("x = 1", "print('no imports here')") == []


def test_tool_processes_skip_jsonschemas_format_checkers():
    """A tool process (here nndl check's module, which reads notebooks with nbformat) and the
    nbgrader processes the tools start import none of jsonschema's optional format checkers:
    rfc3987-syntax alone takes 1-3 s to import, and nothing of the tools validates a format."""
    import subprocess
    import sys

    from nndl.tools import JSONSCHEMA_FORMAT_CHECKERS
    from nndl.tools.grade.course_dir import NBGRADER_MAIN

    probe = ("import sys, nbformat, jsonschema; "
             f"print([m for m in {JSONSCHEMA_FORMAT_CHECKERS!r} if sys.modules.get(m)])")
    plain = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "rfc3987_syntax" in plain.stdout  # installed here: without the block it is imported
    for first in ("import nndl.tools.learn.selfcheck; ", NBGRADER_MAIN.split("from nbgrader")[0]):
        out = subprocess.run([sys.executable, "-c", first + probe], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "[]"


def test_autograde_all_starts_one_nbgrader_per_group_of_students_when_it_can(monkeypatch, tmp_path):
    """Course.autograde_all: every assignment of a group of students in one nbgrader process
    ("*") when all submitted assignments are asked for and students are at least the workers;
    otherwise each assignment's students are split. Every submission is in exactly one job."""
    from nndl.tools.grade.course_dir import Course

    monkeypatch.setattr(Course, "repair_names", lambda self, aid: [])
    c = Course.__new__(Course)
    c.root = tmp_path
    for student, aid in [("ann", "a1"), ("ann", "a2"), ("bob", "a1"), ("bob", "a2"), ("cy", "a1")]:
        (tmp_path / "submitted" / student / aid).mkdir(parents=True)
    jobs = []
    monkeypatch.setattr(Course, "run", lambda self, args, check=True: jobs.append(args) or args)

    def graded(args):  # the (student, aid) pairs a job grades
        excluded = next((a.split("=", 1)[1].split(",") for a in args if "student_id_exclude" in a), [])
        aids = ["a1", "a2"] if args[1] == "*" else [args[1]]
        return {(s, a) for a in aids for s in c.students(a) if s not in excluded}

    everything = {("ann", "a1"), ("ann", "a2"), ("bob", "a1"), ("bob", "a2"), ("cy", "a1")}
    for aids, workers, expected_jobs in ((["a1", "a2"], 2, 2), (["a1"], 2, 2), (["a1", "a2"], 4, 5)):
        jobs.clear()
        c.autograde_all(aids, workers=workers)
        assert len(jobs) == expected_jobs, jobs
        covered = [pair for job in jobs for pair in graded(job)]
        assert len(covered) == len(set(covered))  # nobody graded twice
        assert set(covered) == {p for p in everything if p[1] in aids}
        assert all(job[1] == "*" for job in jobs) == (aids == ["a1", "a2"] and workers <= 3)


def test_a_fresh_course_reuses_what_generate_assignment_made_earlier(monkeypatch, tmp_path):
    """Course.add_assignments: the second fresh course of the same assignments runs no nbgrader
    and gets the same release and gradebook; a changed source or a course that already holds
    something runs generate_assignment again."""
    import sqlite3
    import shutil as _shutil

    from nndl.tools.grade import course_dir

    monkeypatch.setattr(course_dir, "_GENERATED", {})
    source = tmp_path / "source"
    _shutil.copytree(course.SOURCE / "01_numpy_basics", source / "01_numpy_basics")
    monkeypatch.setattr(course, "SOURCE", source)
    calls = []
    real = course_dir.Course.run
    monkeypatch.setattr(course_dir.Course, "run", lambda self, args, check=True: calls.append(args[0]) or real(self, args, check))

    def cells(root):
        with sqlite3.connect(root / "gradebook.db") as db:
            return sorted(db.execute("select name, checksum, source from source_cell"))

    first, second, third = (course_dir.Course(tmp_path / name) for name in ("one", "two", "three"))
    first.add_assignments(["01_numpy_basics"])
    second.add_assignments(["01_numpy_basics"])
    assert calls == ["generate_assignment"]
    release = "release/01_numpy_basics/01_numpy_basics.ipynb"
    assert (second.root / release).read_bytes() == (first.root / release).read_bytes()
    assert cells(second.root) == cells(first.root) != []
    second.add_assignments(["01_numpy_basics"])  # not fresh any more: generated again
    nb = source / "01_numpy_basics" / "01_numpy_basics.ipynb"
    nb.write_text(nb.read_text().replace("sigmoid", "sigmoid", 1) + "\n")  # a changed source file
    third.add_assignments(["01_numpy_basics"])
    assert calls == ["generate_assignment"] * 3


LAZY_PROBE = '''
import json, sys
from nndl.tools import lazy_package
lazy_package("pkg")
import pkg
seen = lambda: sorted(m for m in sys.modules if m.startswith("pkg."))
print(seen())                                   # nothing imported yet
from pkg import X, b                            # a name of .a, and a submodule the __init__ names
print(X is sys.modules["pkg.a"].X, b is sys.modules["pkg.b"], seen())
from pkg import c                               # a submodule the __init__ does not name
print(c.C, pkg.jd is json.dumps, seen())        # an absolute import of the __init__
print(getattr(pkg, "RAN", None), seen())        # a name the __init__ defines: the __init__ runs
from pkg import *
print(sorted(k for k in dir() if k in ("X", "Y", "heavy")), pkg.Y)
try:
    pkg.nothing
except AttributeError as error:
    print("AttributeError", error)
'''


def test_a_lazy_package_gives_what_its_init_gives_and_imports_only_what_is_used(tmp_path):
    """lazy_package (nndl check's imports of nbgrader and nbconvert): a name the package's
    __init__ imports comes from its own module, the same object; a submodule imports alone; any
    other name runs the real __init__ first (nothing is ever missing); a missing name is still an
    AttributeError."""
    import subprocess
    import sys

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from .a import X\nfrom . import b\nfrom .heavy import H as heavy\n"
                                     "from json import dumps as jd\nY = 2\nRAN = True\n__all__ = ['X', 'Y', 'heavy']\n")
    (pkg / "a.py").write_text("class X:\n    pass\n")
    (pkg / "b.py").write_text("B = 1\n")
    (pkg / "c.py").write_text("C = 3\n")
    (pkg / "heavy.py").write_text("H = 'heavy'\n")
    out = subprocess.run([sys.executable, "-c", LAZY_PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "[]",
        "True True ['pkg.a', 'pkg.b']",
        "3 True ['pkg.a', 'pkg.b', 'pkg.c']",
        "True ['pkg.a', 'pkg.b', 'pkg.c', 'pkg.heavy']",
        "['X', 'Y', 'heavy'] 2",
        "AttributeError module 'pkg' has no attribute 'nothing'",
    ]


STAND_IN_PROBE = '''
import sys
from nndl.tools import lazy_functions
lazy_functions("tools_pkg.archive", ("unpack", "other"))
from tools_pkg.archive import unpack, other     # as nbgrader.utils imports setuptools' helpers
print("tools_pkg" in sys.modules, "LOADED" in sys.modules["tools_pkg.archive"].__dict__)
print(unpack(20, add=1), sys.modules["tools_pkg.archive"].LOADED)   # the first call imports it
import tools_pkg.archive as real
print(real.unpack is not unpack, other(3), real.CONSTANT)
lazy_functions("tools_pkg.more", ("f",))
import tools_pkg.more as more                   # imported as it is: not a package, no __path__
print(more.CONSTANT, sys.modules["tools_pkg.more"].f(1))   # any other name imports it at once
'''


def test_a_stand_in_module_imports_the_real_one_when_a_function_is_called(tmp_path):
    """lazy_functions (nndl check's stand-in for setuptools' archive helpers): importing the names
    imports nothing (not even the parent package); the first call imports the real module,
    which then replaces the stand-in and gives the same results; another attribute imports it."""
    import subprocess
    import sys

    pkg = tmp_path / "tools_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name in ("archive", "more"):
        (pkg / f"{name}.py").write_text("LOADED = True\nCONSTANT = 'real'\n"
                                        "def unpack(x, add=0):\n    return x + add\n"
                                        "def other(x):\n    return -x\n"
                                        "def f(x):\n    return x * 10\n")
    out = subprocess.run([sys.executable, "-c", STAND_IN_PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["False False", "21 True", "True -3 real", "real 10"]


def test_notebook_schemas_are_compiled_once_and_validate_as_nbformats(tmp_path, monkeypatch):
    """cached_notebook_validators (nndl check): nbformat's schema validator is built from code
    compiled in an earlier process, and accepts and rejects the same notebooks; an unreadable
    cache entry is compiled again."""
    import nbformat
    from nbformat import json_compat, validator

    from nndl.tools import cached_notebook_validators

    monkeypatch.setattr(json_compat, "_VALIDATOR_MAP", list(json_compat._VALIDATOR_MAP))
    monkeypatch.setattr(validator, "validators", {})
    cached_notebook_validators(tmp_path)
    good = nbformat.read(course.SOURCE / "01_numpy_basics" / "01_numpy_basics.ipynb", as_version=4)
    nbformat.validate(good)
    cached = sorted(tmp_path.iterdir())
    assert len(cached) == 1 and cached[0].name.startswith("notebook-schema-")
    made = cached[0].stat().st_mtime_ns

    validator.validators.clear()  # as in a new process: the schema's code comes from the cache
    bad = nbformat.from_dict(good)
    bad.cells[0]["cell_type"] = "bogus"
    nbformat.validate(good)
    with pytest.raises(nbformat.ValidationError):
        nbformat.validate(bad)
    assert type(validator.get_validator(4, 5)).__name__ == "CachedFastJsonSchemaValidator"
    assert cached[0].stat().st_mtime_ns == made

    cached[0].write_bytes(b"not marshal data")
    validator.validators.clear()
    nbformat.validate(good)
    with pytest.raises(nbformat.ValidationError):
        nbformat.validate(bad)
    assert cached[0].read_bytes() != b"not marshal data"


def test_a_grading_process_freezes_what_it_built_once(tmp_path):
    """freeze_once (the grader's driver and workers, after their first submission): the objects
    alive then leave the cyclic collector's sight; a second call freezes nothing more, so what
    later submissions make (and leave in cycles) is still collected."""
    import subprocess
    import sys

    probe = ("import gc, weakref\n"
             "from nndl.tools import freeze_once\n"
             "assert gc.get_freeze_count() == 0\n"
             "freeze_once()\n"
             "first = gc.get_freeze_count()\n"
             "class Node: pass\n"
             "a, b = Node(), Node()\n"
             "a.other, b.other = b, a\n"
             "alive = weakref.ref(a)\n"
             "freeze_once()\n"
             "del a, b\n"
             "gc.collect()\n"
             "print(first > 1000, gc.get_freeze_count() == first, alive() is None, gc.isenabled())\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True"] * 4


DATES_PROBE = '''
import warnings
warnings.simplefilter("ignore")
from jupyter_client import jsonutil
from nndl.tools import fast_message_dates
samples = ["2026-12-03T15:08:00.123456Z", "2026-12-03T15:08:00Z", "2026-12-03T15:08:00.123+01:00",
           "2026-12-03T15:08:00.123456789Z", "2026-12-03T15:08:00", "20261203T150800Z", "not a date", None]
def parsed():
    return [(str(d), d.isoformat() if hasattr(d, "isoformat") else d) for d in map(jsonutil.parse_date, samples)]
before = parsed()
fast_message_dates()
fast_message_dates()
print(parsed() == before, jsonutil._dateutil_parse._nndl_fast)
'''


def test_message_dates_are_parsed_as_jupyter_client_parses_them(tmp_path):
    """fast_message_dates (grading workers, a check): every date jupyter_client would parse out of
    a message header comes out the same, as a value and in isoformat (what nbclient writes in a
    notebook's timing metadata), and what is not an ISO date stays as it was."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", DATES_PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True"]
