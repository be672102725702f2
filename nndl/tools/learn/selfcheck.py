"""Self-check: grade your own notebook with the course's real autograder.

    nndl check path/to/notebook.ipynb      # one notebook
    nndl check path/to/folder              # every notebook under it
    nndl check NOTEBOOK --timeout 60       # shorter limit per cell

The notebook is graded exactly as the instructor's autograder would grade it:
real ``nbgrader generate_assignment`` + ``nbgrader autograde`` with the
course's nbgrader_config.py, hidden tests included, but in a throwaway course
directory, so neither your file nor the course's gradebook is touched.

Which assignment a notebook belongs to is read from the notebook itself (the
grade_ids of its nbgrader cells), so a renamed or moved copy works too.

The report lists every graded function with its points and, when it fails,
the check that failed and why (the error name and message of its test cell:
never the hidden test code nor a traceback quoting it), then the total.

Exit status: 0 when everything passes, 1 when a check fails (or the grader
could not finish the notebook), 2 when the input is unusable (no such file,
not a notebook, not a notebook of this course).
"""
import argparse
import importlib
import importlib.util
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import cached_notebook_validators, course, fast_message_dates, lazy_grading_packages
from ..grade.course_dir import Course, copy_generated, generation_digest
from ..grade.sandbox import trusted_code_args

EXIT_PASS, EXIT_FAIL, EXIT_UNUSABLE = 0, 1, 2
# where the judge keeps its reference runs between self-checks (keyed by the notebook's version)
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nndl"
REFERENCES = CACHE / "references"
# generated throwaway courses, one per version of the assignments checked ($NNDL_PREPARED in tests)
PREPARED = Path(os.environ.get("NNDL_PREPARED") or CACHE / "prepared")
# nbformat's notebook schemas, compiled once (cached_notebook_validators), beside the courses
SCHEMAS = "notebook-schemas"

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# An error message is shown in full up to this size; anything longer is cut
# (a huge array repr helps no one, and keeps the report readable).
_MAX_MESSAGE_LINES = 12
_MAX_MESSAGE_CHARS = 1200


class Unusable(Exception):
    """The input cannot be graded at all; the message says why and what to do."""


@dataclass
class Question:
    """One graded function: its test cell's result."""
    name: str            # the graded function (the test cell's grade_id without "test_")
    grade_id: str        # the test cell's grade_id
    points: float
    score: float = 0.0
    message: str = ""    # why it failed: the test cell's error, "" when it passed
    notes: list = field(default_factory=list)  # e.g. an error in the learner's own cell

    @property
    def passed(self):
        return self.score >= self.points


@dataclass
class Report:
    """The self-check of one notebook."""
    path: Path
    aid: str = None
    questions: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # about the notebook as a whole
    problem: str = ""      # why it could not be graded (unusable input), "" otherwise
    fatal: str = ""        # why the grader could not finish it (e.g. the kernel died)
    skipped: bool = False   # found in a folder but belongs to no assignment (a scratch notebook)

    @property
    def score(self):
        return sum(q.score for q in self.questions)

    @property
    def max_score(self):
        return sum(q.points for q in self.questions)

    @property
    def status(self):
        if self.problem:
            return EXIT_UNUSABLE
        if self.fatal or not all(q.passed for q in self.questions):
            return EXIT_FAIL
        return EXIT_PASS


# -- reading and identifying notebooks -------------------------------------

def load(path):
    """The notebook at ``path``, or Unusable saying what is wrong with it."""
    path = Path(path)
    if path.is_dir():
        raise Unusable(f"{path} is a folder, not a notebook")
    if not path.exists():
        raise Unusable(f"{path}: no such file")
    try:
        nb = course.read_notebook(path)
        cells = nb.cells
    except (ValueError, OSError) as exc:
        raise Unusable(str(exc)) from None
    except Exception as exc:  # nbformat's zoo of errors for JSON that is not a notebook
        raise Unusable(f"{path} is not a Jupyter notebook ({type(exc).__name__}: {exc})") from None
    if not isinstance(cells, list):
        raise Unusable(f"{path} is not a Jupyter notebook (it has no list of cells)")
    return nb


def _meta(cell):
    """A cell's nbgrader metadata; {} for anything malformed (hand-edited JSON)."""
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    meta = meta.get("nbgrader") if isinstance(meta, dict) else None
    return meta if isinstance(meta, dict) else {}


def _grade_id(cell):
    gid = _meta(cell).get("grade_id")
    return gid if isinstance(gid, str) else None


def grade_ids(nb):
    """The grade_ids of a notebook's nbgrader cells, in order (duplicates kept)."""
    return [gid for gid in map(_grade_id, nb.cells) if gid]


def course_sources():
    """{aid: path of source/<aid>/<aid>.ipynb} for every assignment of the course."""
    out = {}
    for aid in course.assignment_ids():
        path = course.source_path(aid)
        if path.exists():
            out[aid] = path
    return out


def identify(nb, sources):
    """The assignment whose source notebook shares the most grade_ids with ``nb``.

    Similarity is |common| / |union| of the grade_id sets, so a notebook that
    shares one function name (e.g. sigmoid) with a later assignment still goes
    to the one it mostly comes from. Returns None when nothing is shared.
    """
    mine = set(grade_ids(nb))
    best, best_key = None, (0.0, 0)
    for aid, src in sources.items():
        theirs = set(grade_ids(src))
        common = len(mine & theirs)
        if common:
            key = (common / len(mine | theirs), common)
            if key > best_key:
                best, best_key = aid, key
    return best


# -- preparing a submission ------------------------------------------------

def duplicated_ids(nb):
    """grade_ids carried by more than one cell (a copied cell, or one split in two, keeps them)."""
    ids = grade_ids(nb)
    return sorted({gid for gid in ids if ids.count(gid) > 1})


def _function_name(grade_id):
    return grade_id[len("test_"):] if grade_id.startswith("test_") else grade_id


def _compare_with_source(nb, src, release, report):
    """Notes on graded cells the learner deleted or locked cells they edited."""
    mine = {}
    for cell in nb.cells:  # of duplicates, nbgrader grades the last: so do we
        mine[_grade_id(cell)] = cell
    restored, lost = [], []
    for cell in src.cells:
        meta = _meta(cell)
        gid = meta.get("grade_id")
        if not gid or gid in mine:
            continue
        if meta.get("grade"):
            restored.append(gid)
        elif meta.get("solution"):
            lost.append(gid)
    if restored:
        report.notes.append(
            "These test cells were missing from your notebook and were restored from the course's "
            f"copy (the course's autograder does the same): {', '.join(restored)}.")
    if lost:
        report.notes.append(
            "These cells where you write your answer are missing from your notebook, so the grader "
            f"cannot find your code there: {', '.join(lost)}. Copy them back from "
            f"release/{report.aid}/{report.aid}.ipynb and put your code in them.")
    edited = []
    originals = {}
    for other in (src, release):
        for cell in other.cells if other is not None else ():
            if _meta(cell).get("locked") and _grade_id(cell):
                originals.setdefault(_grade_id(cell), set()).add(cell.source.strip())
    for gid, sources in originals.items():
        cell = mine.get(gid)
        if cell is not None and str(cell.get("source", "")).strip() not in sources:
            edited.append(gid)
    if edited:
        report.notes.append(
            "These locked cells differ from the course's version (edited, or your notebook comes "
            "from an older release); the grader runs the course's version instead: "
            f"{', '.join(edited)}.")


# -- reading the results -----------------------------------------------------

def _clean(text):
    text = _ANSI.sub("", str(text)).strip()
    lines = text.splitlines()
    if len(lines) > _MAX_MESSAGE_LINES:
        text = "\n".join(lines[:_MAX_MESSAGE_LINES]) + "\n..."
    if len(text) > _MAX_MESSAGE_CHARS:
        text = text[:_MAX_MESSAGE_CHARS] + " ..."
    return text


def _error_text(cell, timeout):
    """'Name: message' of a cell's error output; a time-out said in plain words.

    Only the exception's name and message are used, never its traceback: the
    traceback of a test cell quotes the test's lines, hidden tests included.
    """
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not errors:
        return ""
    if any(o.get("ename") in ("CellTimeoutError", "KeyboardInterrupt") for o in errors):
        limit = f"after {timeout} s" if timeout else "at the time limit"
        return (f"stopped {limit} (the time limit per cell): an infinite loop, "
                "or code far slower than it should be")
    first = errors[0]
    name, value = _clean(first.get("ename", "Error")), _clean(first.get("evalue", ""))
    if name == "NotImplementedError":
        return "not implemented yet (the cell still raises NotImplementedError)"
    return f"{name}: {value}" if value else f"{name} (no message)"


def _questions(src, graded_nb, scores, timeout, fatal):
    """One Question per test cell of the source, in the notebook's order."""
    by_id = {}
    if graded_nb is not None:
        for cell in graded_nb.cells:
            by_id.setdefault(_grade_id(cell), cell)
    out = []
    for cell in src.cells:
        meta = _meta(cell)
        if not meta.get("grade"):
            continue
        gid = meta["grade_id"]
        q = Question(name=_function_name(gid), grade_id=gid, points=float(meta.get("points", 0)))
        if graded_nb is None:
            q.message = f"not graded: {fatal}"
            out.append(q)
            continue
        q.score = scores.get(gid, (0.0, q.points))[0]
        graded = by_id.get(gid)
        if not q.passed:
            text = _error_text(graded, timeout) if graded is not None else ""
            q.message = text or f"scored {q.score:g} of {q.points:g}"
        answer = by_id.get(q.name)
        if answer is not None and answer is not cell and _meta(answer).get("solution"):
            text = _error_text(answer, timeout)
            if text:
                q.notes.append(f"your cell '{q.name}' itself failed: {text}")
        out.append(q)
    return out


def _other_errors(graded_nb, timeout, at_most=3):
    """Errors in ordinary cells (imports, demos): they often explain failing tests."""
    notes = []
    for index, cell in enumerate(graded_nb.cells):
        if cell.cell_type != "code" or _grade_id(cell):
            continue
        text = _error_text(cell, timeout)
        if text:
            first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
            notes.append(f"cell {index + 1} (starting `{first.strip()[:60]}`) failed: {text}")
    if len(notes) > at_most:
        notes[at_most:] = [f"... and {len(notes) - at_most} more ungraded cells failed."]
    return notes


_STUDENT_LOG = re.compile(r"Creating/updating student with ID '([^']+)'")


def _failures_by_student(log):
    """{student: reason} for the submissions nbgrader could not finish."""
    sections, current = {}, None
    for line in log.splitlines():
        m = _STUDENT_LOG.search(line)
        if m:
            current = m.group(1)
        if current:
            sections.setdefault(current, []).append(line)
    out = {}
    for student, lines in sections.items():
        text = "\n".join(lines)
        if "There was an error processing" not in text and "UnresponsiveKernel" not in text:
            continue
        if "DeadKernelError" in text or "Kernel died" in text:
            out[student] = ("the Python kernel running your notebook died (a cell ended the process, "
                            "e.g. os._exit, or it crashed or ran out of memory)")
        elif "became unresponsive" in text:
            out[student] = "the kernel became unresponsive and could not be interrupted (an infinite loop eating memory?)"
        else:
            errors = [ln for ln in lines if "| ERROR]" in ln and "error processing" not in ln]
            out[student] = "nbgrader could not grade it" + (f" ({_clean(errors[-1])[:300]})" if errors else "")
    return out


def course_timeout():
    """The course's time limit per cell (Execute.timeout in nbgrader_config.py), or None."""
    try:
        from traitlets.config.loader import PyFileConfigLoader

        cfg = PyFileConfigLoader("nbgrader_config.py", path=str(course.ROOT)).load_config()
        return int(cfg.Execute.timeout)
    except Exception:
        return None


def _stated_timeout():
    """Execute.timeout as nbgrader_config.py states it, read as text: for --help only
    (loading the config imports nbgrader, about 1 s before the check could start)."""
    try:
        m = re.search(r"^c\.Execute\.timeout\s*=\s*(\d+)", (course.ROOT / "nbgrader_config.py").read_text(), re.M)
    except OSError:
        return None
    return int(m.group(1)) if m else None


# -- speed ---------------------------------------------------------------------

def _import_in_background(name):
    """Import a module in a thread while this process waits for nbgrader.

    The wait releases the GIL, so on two cores the import is nearly free;
    nbgrader.api (needed to read the gradebook) takes about a second.
    """
    thread = threading.Thread(target=importlib.import_module, args=(name,), daemon=True)
    thread.start()
    return thread


# -- grading -------------------------------------------------------------------

def expand(paths):
    """([(notebook path, found in a folder)], reports for empty folders)."""
    notebooks, bad = [], []
    for p in map(Path, paths):
        if p.is_dir():
            # hidden folders hold copies nobody works in (.ipynb_checkpoints, .git)
            found = sorted(q for q in p.rglob("*.ipynb")
                           if not any(part.startswith(".") for part in q.relative_to(p).parts))
            if not found:
                bad.append(Report(p, problem=f"{p}: no notebooks (.ipynb files) in this folder"))
            notebooks.extend((q, True) for q in found)
        else:
            notebooks.append((p, False))
    return notebooks, bad


def check(paths, timeout=None, sources=None, workers=None, progress=None):
    """Grade the notebooks at ``paths`` (files or folders); a list of Reports.

    sources: {aid: source notebook path}, the course's by default.
    timeout: seconds per cell; the course's Execute.timeout when None.
    A folder's notebooks that match no assignment are skipped (``skipped``).
    """
    lazy_grading_packages()  # this process grades, it serves nothing: 0.5 s of imports saved
    cached_notebook_validators(PREPARED / SCHEMAS)  # 75 ms a schema, before the first notebook is read
    fast_message_dates()
    sources = course_sources() if sources is None else dict(sources)
    progress = progress or (lambda msg: None)
    notebooks, reports = expand(paths)
    src_nbs = {aid: course.read_notebook(path) for aid, path in sources.items()}

    todo = []  # (report, student, notebook)
    for path, in_folder in notebooks:
        report = Report(path)
        reports.append(report)
        try:
            nb = load(path)
        except Unusable as exc:
            report.problem = str(exc)
            continue
        aid = identify(nb, src_nbs)
        if aid is None:
            report.problem = (f"{path} matches no assignment of this course: it has none of the graded "
                              "cells (nbgrader grade_ids) of " + ", ".join(sorted(sources)) +
                              ". Check it is the course notebook you worked in (code pasted into a new "
                              "notebook has no grading metadata: paste it into the course's notebook instead).")
            report.skipped = in_folder
            continue
        report.aid = aid
        todo.append((report, f"nb{len(todo) + 1:03d}", nb))
    if not todo:
        return reports

    with tempfile.TemporaryDirectory(prefix="nndl-check-") as tmp:
        # one notebook, sandbox available: graded in this process, its kernel forked by a kernel
        # factory started now, while nbgrader is imported and the course prepared (about 1 s saved)
        here = len(todo) == 1 and not trusted_code_args()[1]
        if here:
            report, student, _ = todo[0]
            factory = _Background(_start_factory, Path(tmp) / "autograded" / student / report.aid,
                                  sources[report.aid].parent, (nb, src_nbs[report.aid]))
        # (one import of nbgrader at a time: two threads importing it at once can see it half made)
        reading = None if here else _import_in_background("nbgrader.api")
        limit = timeout or course_timeout()
        c = Course(tmp)  # its gradebook is stamped (grading.start_gradebook)
        aids = sorted({r.aid for r, _, _ in todo})
        _prepare_course(c, aids, sources, progress)

        for report, student, nb in list(todo):
            try:
                _prepare(c, report, student, nb, src_nbs[report.aid])
            except Exception as exc:  # malformed cells that nbformat let through
                report.problem = f"{report.path} cannot be prepared for grading ({type(exc).__name__}: {exc})"
                todo.remove((report, student, nb))
        if not todo:
            return reports

        what = str(todo[0][0].path) if len(todo) == 1 else f"{len(todo)} notebooks"
        progress(f"Grading {what}: running {'it' if len(todo) == 1 else 'each'} with every test, "
                 "hidden ones included ...")
        if here:
            def kernels():  # the factory started above, waited for when the kernel is needed
                try:
                    return factory.result()
                except Exception:  # noqa: BLE001 - the kernel then starts the ordinary way
                    return None
            try:
                log = _autograde_here(c, report.aid, student, timeout, kernels)
            finally:
                made = kernels()
                if made is not None:
                    made.close()
                factory.finish()
        else:
            log = _autograde(c, [s for _, s, _ in todo], timeout, workers)
        failures = _failures_by_student(log)
        if reading is not None:
            reading.join()

        for report, student, _ in todo:
            graded_path = c.autograded_notebook(student, report.aid)
            graded = course.read_notebook(graded_path) if graded_path.exists() else None
            if graded is None:
                report.fatal = failures.get(student, "nbgrader could not grade it (no autograded notebook)")
                scores = {}
            else:
                scores = c.cell_scores(student, report.aid)
                report.notes.extend(_other_errors(graded, limit))
            report.questions = _questions(src_nbs[report.aid], graded, scores, limit, report.fatal)
    return reports


def _prepare_course(c, aids, sources, progress):
    """The throwaway course with ``aids`` generated: made once per version of the assignments
    (their source folders, the course's nbgrader config, nbgrader's version) and kept in
    PREPARED, then copied for every later check (it saves an nbgrader process, about 1 s)."""
    digest = generation_digest({aid: sources[aid].parent for aid in aids})
    kept = PREPARED / f"{'+'.join(aids)}-{digest[:20]}"
    if not kept.is_dir():
        for aid in aids:
            shutil.copytree(sources[aid].parent, c.root / "source" / aid,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        progress(f"Preparing {', '.join(aids)} (nbgrader generate_assignment, once per version) ...")
        c.run(["generate_assignment", aids[0] if len(aids) == 1 else "*", "--force"])
        making = None
        try:  # kept for the next checks; a copy made elsewhere at the same time is as good
            making = Path(tempfile.mkdtemp(prefix=kept.name + ".", dir=_mkdirs(PREPARED)))
            copy_generated(c.root, making)
            making.rename(kept)
        except OSError:
            if making is not None:
                shutil.rmtree(making, ignore_errors=True)
        return
    (c.root / "gradebook.db").unlink(missing_ok=True)
    copy_generated(kept, c.root)


def _mkdirs(folder):
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _prepare(c, report, student, nb, src):
    """Submit the learner's file as it is for ``student``; notes on what the grader will meet."""
    dups = duplicated_ids(nb)
    if dups:
        report.notes.append(
            "Several cells carry the same grading id (a copied cell, or a cell split in two, keeps it): "
            f"{', '.join(dups)}. The grader treats the last of each as the graded one and runs the "
            "others as ordinary cells; delete the extra copies to be sure what is graded.")
    release_path = course.release_path(report.aid, c.root)
    release = course.read_notebook(release_path) if release_path.exists() else None
    _compare_with_source(nb, src, release, report)
    c.submit(student, report.aid, report.path)


class _Background(threading.Thread):
    """``function(*args)`` run in a thread; ``result()`` waits for its value (or raises what it
    raised). The thread then stays until ``finish()``: a sandbox started from it is bound to it
    (bubblewrap's --die-with-parent fires when the thread that started it ends)."""

    def __init__(self, function, *args):
        super().__init__(daemon=True)
        self.function, self.args, self.value, self.error = function, args, None, None
        self.ready, self.done = threading.Event(), threading.Event()
        self.start()

    def run(self):
        try:
            self.value = self.function(*self.args)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            self.error = exc
        self.ready.set()
        self.done.wait()

    def result(self):
        self.ready.wait()
        if self.error is not None:
            raise self.error
        return self.value

    def finish(self):
        self.done.set()
        self.join()


def _start_factory(workdir, files, notebooks):
    """A kernel factory (sandbox.KernelFactory) for one notebook run at ``workdir`` with the
    files of folder ``files``; its environment is a graded kernel's (figures, BLAS threads).
    It loads the course libraries that ``notebooks`` (the learner's and the course's) import."""
    from ..grade.sandbox import GRADING_BACKEND, KernelFactory, Sandbox, notebook_libraries

    # (no nbgrader import here: the main thread is importing it)
    env = dict(os.environ, NBGRADER_EXECUTION="autograde", MPLBACKEND=GRADING_BACKEND, **_one_blas_thread())
    factory = KernelFactory(Sandbox(), [(files, workdir, ())], env=env, libraries=notebook_libraries(*notebooks))
    # its kernel too, while nbgrader prepares the notebook (a self-check's notebook is judged)
    factory.start_ahead(workdir, dict(env, NNDL_JUDGE="1"))
    return factory


def _one_blas_thread():
    """As in every grading process (course_dir.nbgrader_env): an explicit setting is kept."""
    return {v: os.environ.get(v, "1") for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


def _autograde_here(c, aid, student, timeout, factory):
    """nbgrader's Autograde converter, in this process, on ``student``'s submission of ``aid``,
    with the course's config. The kernel comes from ``factory()``, a sandbox.KernelFactory or
    None (a kernel started the ordinary way), called only when the notebook is ready to run: the
    factory starts while nbgrader is imported and the notebook prepared. Returns nbgrader's log."""
    import io
    import logging

    from nbgrader.converters import Autograde
    from nbgrader.converters.base import NbGraderException
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import setenv

    from ..grade.class_grader import quiet_gradebook_warnings, shared_gradebook_engines
    from ..grade.dask_grader import execute_step, load_config
    from ..grade.nbgrader_ext import ResilientExecute

    class ExecuteWhenReady(ResilientExecute):
        def create_kernel_manager(self):
            self.factory = factory()
            return super().create_kernel_manager()

    quiet_gradebook_warnings()
    shared_gradebook_engines()

    config = load_config(c.root)
    if timeout:
        config.Execute.timeout = int(timeout)
    if not os.environ.get("NNDL_REFERENCES"):
        config.Judge.references = str(REFERENCES)
    text = io.StringIO()
    log = logging.getLogger(f"nndl.check.{student}")
    log.setLevel(logging.INFO)
    log.propagate = False
    handler = logging.StreamHandler(text)
    handler.setFormatter(logging.Formatter("[AutogradeApp | %(levelname)s] %(message)s"))
    log.addHandler(handler)
    converter = Autograde(coursedir=CourseDirectory(config=config), config=config, log=log)
    steps = list(converter.autograde_preprocessors)
    index, _ = execute_step(steps)
    steps[index] = ExecuteWhenReady(config=config, log=log)
    converter.autograde_preprocessors = steps
    converter.coursedir.assignment_id, converter.coursedir.student_id = aid, student
    converter.force = True
    try:
        with setenv(**_one_blas_thread()):
            converter.start()
    except NbGraderException:
        pass  # the log says why; the report reads it
    finally:
        log.removeHandler(handler)
    return text.getvalue()


def _autograde(c, students, timeout, workers):
    """Run nbgrader autograde on every submission; the combined log.

    One nbgrader process per core, each with its share of the submissions
    (the others excluded): a notebook's run is mostly one kernel on one core.
    """
    extra = [f"--Execute.timeout={int(timeout)}"] if timeout else []
    # your own notebook: confined when the sandbox starts here, and run as you when it cannot
    extra += trusted_code_args()[0]
    # the judge's reference run of each assignment is made once and kept for later checks
    if not os.environ.get("NNDL_REFERENCES"):
        extra.append(f"--Judge.references={REFERENCES}")
    workers = max(1, min(workers or os.cpu_count() or 1, len(students)))
    groups = [students[k::workers] for k in range(workers)]
    jobs = []
    for group in groups:
        args = ["autograde", "*", "--force", *extra]
        others = [s for s in students if s not in group]
        if others:
            args.append("--CourseDirectory.student_id_exclude=" + ",".join(others))
        jobs.append(args)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        procs = list(pool.map(lambda a: c.run(a, check=False), jobs))
    return "\n".join(p.stdout + "\n" + p.stderr for p in procs)


# -- the report ------------------------------------------------------------------

def _fmt(x):
    return f"{x:g}"


def _indent(text, prefix):
    return "\n".join(prefix + line for line in text.splitlines())


def format_report(report):
    lines = []
    if report.problem:
        lines.append(f"{report.path}: cannot be graded")
        lines.append(_indent(report.problem, "  "))
        return "\n".join(lines)
    lines.append(f"{report.path}  (assignment {report.aid})")
    if report.fatal:
        lines.append(f"  The grader could not finish this notebook: {report.fatal}.")
        lines.append("  The course's autograder would give it 0 points. Fix it, then check again.")
    width = max((len(q.name) for q in report.questions), default=10)
    pw = max((len(f"{_fmt(q.score)} / {_fmt(q.points)}") for q in report.questions), default=5)
    for q in report.questions:
        mark = "pass" if q.passed else "FAIL"
        pts = f"{_fmt(q.score)} / {_fmt(q.points)}"
        lines.append(f"  {mark}  {q.name:<{width}}  {pts:>{pw}}")
        if q.message and not report.fatal:
            lines.append(_indent(q.message, " " * 10))
        for note in q.notes:
            lines.append(_indent(note, " " * 10))
    for note in report.notes:
        lines.append(_indent("Note: " + note, "  "))
    lines.append(f"  Total: {_fmt(report.score)} / {_fmt(report.max_score)}")
    return "\n".join(lines)


def format_summary(reports):
    graded = [r for r in reports if not r.problem]
    lines = [f"Summary ({len(graded)} notebook{'s' if len(graded) != 1 else ''} graded)"]
    width = max((len(str(r.path)) for r in reports), default=10)
    for r in reports:
        if r.problem:
            what = "skipped: not a notebook of this course" if r.skipped else "cannot be graded"
            lines.append(f"  {str(r.path):<{width}}  {what}")
        else:
            mark = "pass" if r.status == EXIT_PASS else "FAIL"
            lines.append(f"  {str(r.path):<{width}}  {r.aid:<24} {_fmt(r.score):>4} / {_fmt(r.max_score):<4} {mark}")
    lines.append(f"  Total: {_fmt(sum(r.score for r in graded))} / {_fmt(sum(r.max_score for r in graded))}")
    return "\n".join(lines)


def exit_status(reports):
    """2 if any input is unusable or nothing could be graded, else 1 if anything fails, else 0.

    A folder's notebooks of no course assignment (scratch notebooks) are
    skipped, not errors.
    """
    if not any(not r.problem for r in reports):
        return EXIT_UNUSABLE
    return max(r.status for r in reports if not r.skipped)


# -- command line ------------------------------------------------------------------

def parser(prog="nndl check"):
    p = argparse.ArgumentParser(
        prog=prog,
        description="Grade your notebook locally with the course's autograder (hidden tests "
                    "included), in a temporary folder: your file is never changed.",
        epilog="Exit status: 0 all checks pass, 1 some check fails, 2 unusable input.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a notebook (.ipynb), or a folder: every notebook under it")
    p.add_argument("--timeout", type=int, default=None, metavar="SECONDS",
                   help="time limit per cell (default: the course's, %s s)" % (_stated_timeout() or "?"))
    return p


def main(argv=None, prog="nndl check"):
    args = parser(prog).parse_args(sys.argv[1:] if argv is None else argv)
    if args.timeout is not None and args.timeout <= 0:
        print("--timeout must be a positive number of seconds", file=sys.stderr)
        return EXIT_UNUSABLE
    started = time.time()

    def progress(msg):
        print(msg, file=sys.stderr, flush=True)

    try:
        reports = check(args.paths, timeout=args.timeout, progress=progress)
    except KeyboardInterrupt:
        print("interrupted: nothing was graded (your files are unchanged)", file=sys.stderr)
        return 130
    for report in reports:
        if not report.skipped:  # skipped ones are listed in the summary
            print(format_report(report))
            print()
    if len(reports) > 1 or any(Path(p).is_dir() for p in args.paths):
        print(format_summary(reports))
    status = exit_status(reports)
    print(f"({time.time() - started:.1f} s)", file=sys.stderr)
    return status
