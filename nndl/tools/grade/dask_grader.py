"""Autograde a class with nbgrader's own converter, executing the notebooks on Dask.

The driver (this module, one process, one thread) runs nbgrader's Autograde
converter in-process, submission after submission, exactly as `nbgrader
autograde` would, with one step changed: the course's execute preprocessor
(ResilientExecute) is replaced by ``RemoteExecute``, which executes nothing
here but waits for the Dask future of that notebook. Ahead of the converter,
the driver sanitizes the next notebooks with the same sanitize preprocessors
(they read the gradebook, so they run here) and hands each sanitized notebook
to Dask (nndl/tools/grade/remote.py). The workers execute in parallel while the
converter walks the students in order; when it reaches a notebook, it checks
that the notebook it is about to execute is exactly the one sent (otherwise it
sends it again) and takes the executed notebook back as JSON text. Everything
else, judging, gradebook writes, autograded/ notebooks, runs here, so the
gradebook has a single writer and the workers hold no grades.

What is graded is recorded in ``grade-journal.jsonl`` in the course root (one
line per event, the last one about a submission wins), so an interrupted run
resumes where it stopped; a submission changed since it was graded (a new
collect) is graded again.
"""
import hashlib
import json
import logging
import os
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import course
from .remote import execute_submission

JOURNAL = "grade-journal.jsonl"
# What one task may carry besides its notebook: the submission's other files and
# source/<id>/'s (a few MB in this course). A student's 2 GB upload would
# otherwise sit in the driver's and the scheduler's memory.
MAX_FILES_BYTES = 200 * 2**20


# -- configuration ---------------------------------------------------------
def load_config(root, sandbox=True):
    """The nbgrader config `nbgrader autograde` would use for course ``root``.

    This repository's nbgrader_config.py (nbgrader runs here), then the one in
    the course root if it has its own, then the course directory itself.
    ``sandbox=False`` turns the kernel sandbox off (Sandbox.enabled) for the
    driver and, through the config they are sent, the workers.
    """
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(root).resolve()
    config = Config()
    for folder in dict.fromkeys([course.ROOT.resolve(), root]):
        if (folder / "nbgrader_config.py").exists():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config())
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    if not sandbox:
        config.Sandbox.enabled = False
    return config


def plain(config):
    """A Config as nested plain dicts: what is sent to the workers."""
    return {k: plain(v) if isinstance(v, dict) else v for k, v in config.items()}


def import_name(step):
    if isinstance(step, str):
        return step
    cls = step if isinstance(step, type) else type(step)
    return f"{cls.__module__}.{cls.__qualname__}"


def execute_step(steps):
    """(index, import name) of the notebook-executing step among the autograde preprocessors."""
    from nbconvert.preprocessors import ExecutePreprocessor
    from traitlets.utils.importstring import import_item

    for index, step in enumerate(steps):
        cls = import_item(step) if isinstance(step, str) else step if isinstance(step, type) else type(step)
        if issubclass(cls, ExecutePreprocessor):
            return index, import_name(step)
    raise ValueError("Autograde.autograde_preprocessors has no execute preprocessor: nothing would run the notebooks")


# -- the class --------------------------------------------------------------
@dataclass
class Submission:
    aid: str
    student: str
    notebooks: list = field(default_factory=list)  # submitted notebooks the gradebook knows, in nbgrader's order
    notes: list = field(default_factory=list)       # what the instructor should know, in words
    status: str = "pending"                          # graded, failed, done before (already graded), pending
    error: str = ""                                  # why it failed
    digest: str = ""                                 # of the submitted folder (see digest_folder)

    @property
    def key(self):
        return f"{self.aid}/{self.student}"


NAME_VARIANTS = [re.compile(p, flags=re.I) for p in (
    r"\s*\(\d+\)$",              # "02_logistic_regression (1)": a second download/upload
    r"[\s_-]*copy\d*$",          # JupyterLab's "-Copy1", "copy"
    r"\s*\(copy( \d+)?\)$",      # "(copy 1)"
    r"^copy of\s+",              # "Copy of ..."
)]


def base_name(stem):
    """A notebook name without the decorations a copy or a re-download adds."""
    previous = None
    while previous != stem:
        previous = stem
        for pattern in NAME_VARIANTS:
            stem = pattern.sub("", stem).strip()
    return stem


def repair_names(folder, expected):
    """Rename a notebook saved under another name to the name nbgrader grades.

    nbgrader grades only notebooks named as in source/ ("No notebooks found"
    otherwise). For each expected notebook missing from ``folder``, take the
    unexpected notebook whose name is a copy of it (the most recently saved
    one if several), or, when the assignment has one notebook, any unexpected
    notebook. Returns notes saying what was renamed.
    """
    notes = []
    present = {p.stem: p for p in folder.glob("*.ipynb")}
    for name in sorted(set(expected) - set(present)):
        others = [p for s, p in present.items() if s not in expected]
        matching = [p for p in others if base_name(p.stem) == name] or (others if len(expected) == 1 else [])
        if not matching:
            continue
        chosen = max(matching, key=lambda p: p.stat().st_mtime)
        chosen.rename(folder / f"{name}.ipynb")
        del present[chosen.stem]
        notes.append(f"'{chosen.name}' graded as {name}.ipynb (renamed in submitted/)")
    return notes


def digest_folder(folder):
    """Changes when a file of the submission changes (a new collect): names, sizes, mtimes."""
    h = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        st = path.stat()
        h.update(f"{path.relative_to(folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


class Journal:
    """What was graded, as JSON lines in the course root; the last line about a submission wins."""

    def __init__(self, root):
        self.path = Path(root) / JOURNAL
        self.state = {}
        if self.path.exists():
            for line in self.path.read_text().splitlines():
                try:
                    entry = json.loads(line)
                    self.state[entry["submission"]] = entry
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a crash

    def graded(self, sub, digest):
        entry = self.state.get(sub.key)
        return bool(entry) and entry.get("status") == "graded" and entry.get("digest") == digest

    def record(self, sub, status, digest):
        entry = {"submission": sub.key, "status": status, "digest": digest, "at": time.time()}
        self.state[sub.key] = entry
        with open(self.path, "a") as f:
            f.write(json.dumps(entry) + "\n")


# -- executing on Dask ---------------------------------------------------------
class RemoteExecutionError(RuntimeError):
    """A notebook could not be executed; the message says why."""


class ClusterLost(BaseException):
    """The scheduler is gone: stop the run (a BaseException, so nbgrader does not
    record it as one more failed submission and carry on)."""


def _remote_execute_class():
    # made on demand: importing nbgrader takes a second, which `nndl grade --help` need not pay
    from nbgrader.preprocessors import NbGraderPreprocessor

    class RemoteExecute(NbGraderPreprocessor):
        """Stands in for the execute preprocessor: the notebook was executed on Dask."""

        def __init__(self, grader, **kwargs):
            super().__init__(**kwargs)
            self.grader = grader

        def preprocess(self, nb, resources):
            ids = resources["nbgrader"]
            return self.grader.executed(ids["student"], ids["assignment"], ids["notebook"], nb), resources

    return RemoteExecute


def _reused_sanitize_class():
    from nbgrader.preprocessors import NbGraderPreprocessor

    class ReusedSanitize(NbGraderPreprocessor):
        """Stands in for the sanitize preprocessors: the same notebook, unchanged since, was
        sanitized ahead (to be sent to Dask); that result and what was logged are taken
        again instead of sanitizing it a second time. Otherwise the real steps run."""

        def __init__(self, grader, **kwargs):
            super().__init__(**kwargs)
            self.grader = grader

        def preprocess(self, nb, resources):
            meta = resources.get("metadata", {})
            path = os.path.join(meta.get("path", ""), meta.get("name", "") + ".ipynb")
            kept = self.grader.ahead_done.pop(path, None)
            if kept is not None and kept[0] == _file_digest(path):
                for level, message in kept[2]:
                    self.grader.log.log(level, "%s", message)
                self.grader.reused += 1
                return nbformat.reads(kept[1], as_version=nbformat.NO_CONVERT), resources
            for step in self.grader.sanitize_steps:
                nb, resources = _instance(step, self.grader.converter.exporter)(nb, resources)
            return nb, resources

    return ReusedSanitize


def _instance(step, parent):
    from traitlets.utils.importstring import import_item

    if isinstance(step, str):
        step = import_item(step)
    return step(parent=parent) if isinstance(step, type) else step


def _file_digest(path):
    try:
        return hashlib.sha256(Path(path).read_bytes()).digest()
    except OSError:
        return None


class _Keep(logging.Handler):
    """The records of one ahead-of-time sanitize, to be logged again when nbgrader reaches it."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        if record.levelno >= logging.INFO:
            self.records.append((record.levelno, record.getMessage()))


def name_cell(message, nb):
    """"Cell 45 killed the kernel" -> "Cell 45 (L2) killed the kernel": the grade id says which question."""
    m = re.match(r"Cell (\d+) ", message)
    if m and int(m.group(1)) < len(nb.cells):
        gid = nb.cells[int(m.group(1))].metadata.get("nbgrader", {}).get("grade_id")
        if gid:
            return message.replace(m.group(0), f"Cell {m.group(1)} ({gid}) ", 1)
    return message


def canonical(nb):
    return json.dumps(nb, sort_keys=True)


def task_digest(notebook_text, files):
    h = hashlib.sha256(notebook_text.encode())
    for rel in sorted(files):
        h.update(b"\0" + rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    return h.hexdigest()


class Grader:
    """nbgrader's Autograde converter with execution on a Dask cluster (see the module doc)."""

    def __init__(self, config, client, log):
        from nbgrader.converters import Autograde
        from nbgrader.coursedir import CourseDirectory

        self.client, self.log = client, log
        self.coursedir = CourseDirectory(config=config)
        self.converter = Autograde(coursedir=self.coursedir, config=config, log=log)
        steps = list(self.converter.autograde_preprocessors)
        index, self.executor = execute_step(steps)
        steps[index] = _remote_execute_class()(self)
        self.converter.autograde_preprocessors = steps
        # sanitized once: ahead (to send to Dask), then taken again by the converter (ReusedSanitize)
        self.sanitize_steps = list(self.converter.sanitize_preprocessors)
        self.converter.sanitize_preprocessors = [_reused_sanitize_class()(self)]
        self.ahead_done = {}            # submitted path -> (file digest, sanitized JSON text, log records)
        self.worker_config = plain(config)
        self.queue, self.next = [], 0   # [(submission, notebook path)] of one student each, in grading order
        self.futures = {}               # (student, aid, notebook) -> (digest, future, index in its task)
        self.sent = self.resent = self.reused = 0
        self.quiet = logging.getLogger("nndl.grade.ahead")
        self.quiet.propagate = False
        self.quiet.setLevel(logging.INFO)

    # the notebooks, as nbgrader would execute them
    def sanitized(self, path):
        """The JSON text of submitted notebook ``path`` after nbgrader's sanitize preprocessors
        (kept, with what they logged, for the converter to take when it reaches that notebook)."""
        conv = self.converter
        conv.exporter = conv.exporter_class(parent=conv, config=conv.config)
        conv._sanitizing = True
        conv.exporter._preprocessors = []
        for step in self.sanitize_steps:
            conv.exporter.register_preprocessor(step)
        keep = _Keep()
        self.quiet.addHandler(keep)
        try:
            digest = _file_digest(path)
            output, _ = conv.exporter.from_filename(str(path), resources=conv.init_single_notebook_resources(str(path)))
        finally:
            self.quiet.removeHandler(keep)
        text = canonical(nbformat.reads(output, as_version=nbformat.NO_CONVERT))
        self.ahead_done[str(path)] = (digest, text, keep.records)
        return text

    def files(self, aid, student):
        """{relative path: bytes} nbgrader puts beside the notebook before executing it:
        the submission's other files, overwritten by those of source/<aid>/."""
        from nbgrader.utils import find_all_files

        cd, out = self.coursedir, {}
        ignore = list(cd.ignore) + ["*.ipynb"]
        source = cd.format_path(cd.source_directory, ".", aid)
        excluded = {os.path.join(source, x) for x in self.converter.exclude_overwriting.get(aid, [])}
        for folder, skip in ((cd.format_path(cd.submitted_directory, student, aid), set()), (source, excluded)):
            for path in find_all_files(folder, ignore):
                # a link could name any file the driver can read (the gradebook): never follow one
                if path not in skip and not os.path.islink(path):
                    out[os.path.relpath(path, folder)] = path
        size = sum(os.path.getsize(p) for p in out.values())
        if size > MAX_FILES_BYTES:
            raise RemoteExecutionError(f"the submission's other files total {size / 2**20:.0f} MB, more than the "
                                       f"{MAX_FILES_BYTES / 2**20:.0f} MB sent with a notebook (remove what the "
                                       "notebook does not need from submitted/, or raise dask_grader.MAX_FILES_BYTES)")
        return {rel: Path(p).read_bytes() for rel, p in out.items()}

    # sending ahead, taking back
    def plan(self, submissions):
        """One task per student: the notebooks of consecutive submissions of the same student
        run on one worker, their kernels forked by one kernel factory (remote.execute_submission)."""
        self.queue, self.next = [], 0
        for sub in submissions:
            if self.queue and self.queue[-1][0][0].student == sub.student:
                self.queue[-1] += [(sub, path) for path in sub.notebooks]
            elif sub.notebooks:
                self.queue.append([(sub, path) for path in sub.notebooks])

    def ahead(self):
        """Students to keep sent ahead of the converter: enough to keep every worker busy."""
        try:
            threads = sum(self.client.nthreads().values())
        except Exception:
            threads = 1
        return max(2, threads + 1)

    def send(self, student, notebooks):
        """One task executing ``notebooks`` = [(aid, notebook name, sanitized text)] of ``student``."""
        cd, tasks, keys = self.coursedir, [], []
        for aid, notebook, text in notebooks:
            files = self.files(aid, student)
            workdir = cd.format_path(cd.autograded_directory, student, aid)  # where nbgrader would run it
            tasks.append((text, files, workdir))
            keys.append(((student, aid, notebook), task_digest(text, files)))
        name = f"execute-{student}-{len(tasks)}-{keys[0][1][:12]}-{self.sent}"
        future = self.client.submit(execute_submission, tasks, self.worker_config, self.executor,
                                    key=name, pure=False, retries=0)
        self.sent += len(tasks)
        for index, (key, digest) in enumerate(keys):
            self.futures[key] = (digest, future, index)

    def top_up(self):
        """Sanitize and send the next notebooks, so that workers never wait for the driver.

        This runs while the converter is inside its own export of a notebook:
        its exporter, mode and log are put back as they were afterwards. What
        the sanitize step logs here is kept and logged, under the right
        submission, when the converter reaches that notebook.
        """
        conv = self.converter
        saved = conv.exporter, conv._sanitizing, conv.log
        conv.log = self.quiet
        try:
            self._top_up()
        finally:
            conv.exporter, conv._sanitizing, conv.log = saved

    def _top_up(self):
        limit = self.ahead()
        while self.next < len(self.queue) and len({id(f) for _, f, _ in self.futures.values()}) < limit:
            group = self.queue[self.next]
            self.next += 1
            notebooks = []
            for sub, path in group:
                try:
                    notebooks.append((sub.aid, Path(path).stem, self.sanitized(path)))
                except Exception:
                    # the converter will meet the same problem and report it; nothing to send
                    self.log.debug("could not prepare %s: %s", path, traceback.format_exc())
            if notebooks:
                self.send(group[0][0].student, notebooks)

    def executed(self, student, aid, notebook, nb):
        """The executed version of ``nb``, which nbgrader was about to execute."""
        self.top_up()
        text = canonical(nb)
        digest, future, index = self.futures.pop((student, aid, notebook), (None, None, 0))
        if digest != task_digest(text, self.files(aid, student)):
            # not sent ahead, or changed since: send exactly this notebook now
            if future is not None and not any(f is future for _, f, _ in self.futures.values()):
                future.cancel()
            self.resent += 1
            self.send(student, [(aid, notebook, text)])
            digest, future, index = self.futures.pop((student, aid, notebook))
        result = self.result(future)[index]
        for message in result.get("warnings", []):
            self.log.warning("%s", name_cell(message, nb))
        if "error" in result:
            from nbgrader.preprocessors.execute import UnresponsiveKernelError

            cause = f"{result['error']}: {result['message']}".strip().rstrip(":")
            if result["error"] == "UnresponsiveKernelError":
                raise UnresponsiveKernelError(cause)
            raise RemoteExecutionError(cause)
        executed = nbformat.reads(result["notebook"], as_version=nbformat.NO_CONVERT)
        if [c.source for c in executed.cells] != [c.source for c in nb.cells]:
            raise RemoteExecutionError("the worker sent back a notebook whose cells differ from those it was sent")
        for index, cell in enumerate(executed.cells):
            if any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
                self.log.warning("%s", name_cell(f"Cell {index} timed out", nb))
        return executed

    def result(self, future):
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            raise RemoteExecutionError("the Dask workers executing it died (e.g. out of memory) "
                                       "each time it was tried") from None
        except Exception as error:
            if self.client.status != "running":
                raise ClusterLost(f"lost the Dask cluster ({type(error).__name__}: {error})") from None
            raise RemoteExecutionError(f"{type(error).__name__}: {error}") from None

    def cancel(self):
        for _, future, _ in self.futures.values():
            future.cancel()
        self.futures.clear()

    # grading
    def grade(self, sub):
        """Autograde one submission with nbgrader's converter; fills sub.status, error, notes."""
        from nbgrader.converters.base import NbGraderException

        capture = Capture()
        self.log.addHandler(capture)
        self.coursedir.assignment_id, self.coursedir.student_id = sub.aid, sub.student
        self.converter.force = True
        try:
            self.converter.start()
            sub.status = "graded"
        except NbGraderException as error:
            sub.status = "failed"
            sub.error = capture.cause() or str(error)
        finally:
            self.log.removeHandler(capture)
        notes = capture.notes()
        if sub.status == "failed":
            # "the rest was graded" is not true of a submission that failed: say it with the cause
            killers = [re.match(r"cell (.*?) killed the kernel", n) for n in notes]
            cells = [m.group(1) for m in killers if m]
            if cells:
                sub.error += f" (after these cells had killed it: {', '.join(cells)})"
            notes = [n for n, m in zip(notes, killers) if not m]
        sub.notes += notes


class Capture(logging.Handler):
    """nbgrader's log while it grades one submission, turned into notes and a cause."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        # formatted now: the arguments may be gradebook rows valid only while nbgrader's session is open
        try:
            self.records.append((record.levelno, record.getMessage()))
        except Exception:
            self.records.append((record.levelno, str(record.msg)))

    def cause(self):
        """The error that failed the submission: the last line of nbgrader's traceback."""
        for level, text in reversed(self.records):
            if level >= logging.ERROR and text.startswith("Traceback"):
                last = text.strip().splitlines()[-1]
                # "nndl.tools.grade.dask_grader.RemoteExecutionError: X: y" -> "X: y"
                last = re.sub(r"^[\w.]*RemoteExecutionError: ", "", last)
                return shorten(re.sub(r"^(?:\w+\.)+(\w+): ", r"\1: ", last))
        errors = [text for level, text in self.records if level >= logging.ERROR]
        return shorten(errors[-1]) if errors else ""

    def notes(self):
        out = []
        for level, text in self.records:
            if level < logging.ERROR:
                note = note_for(text)
                if note and note not in out:
                    out.append(note)
        return out


def shorten(text, most=300):
    """A cause fit for a table cell (an error may quote a whole notebook)."""
    return text if len(text) <= most else text[:most - 3] + "..."


# nbgrader's warnings and what the instructor reads instead (the groups of the pattern fill it in)
_NOTES = [
    (r"Locked cell (\S+) was edited", lambda gid: f"locked cell {gid} was edited (restored from the source)"),
    (r"Attribute '(\w+)' for cell (\S+) has changed",
     lambda attr, gid: f"cell {gid}: {attr} was changed (restored from the source)"),
    (r"Missing grade cell (\S+) encountered", lambda gid: f"test cell {gid} was deleted (restored from the source)"),
    (r"Cell with id '(.*)' exists multiple times",
     lambda cid: f"cell {cid} appears more than once (only its last copy is graded)"),
    (r"No submitted file: (.*)", lambda path: f"{Path(path).name} not submitted (scored 0)"),
    (r"Skipping unknown notebook: (.*)",
     lambda path: f"{Path(path).name} is not a notebook of the assignment (not graded)"),
    (r"Cell (\d+(?: \(\S+\))?) killed the kernel",
     lambda cell: f"cell {cell} killed the kernel (that cell failed; the rest was graded)"),
    (r"Cell (\d+(?: \(\S+\))?) timed out",
     lambda cell: f"cell {cell} ran past the per-cell time limit and was interrupted"),
]


def note_for(message):
    """nbgrader's warning in a few words for the instructor, or None for routine ones."""
    routine = ("Removing existing", "Updating existing", "Removing failed", "seconds late",
               "Late submission penalty",       # lateness has its own column
               "Kernel died while waiting",     # nbclient's words for what ResilientExecute reports below
               "Timeout waiting for execute",   # nbclient's; the cell that timed out is named instead
               "Interrupting kernel",
               "the grading sandbox is OFF")    # sandbox.OPT_OUT_WARNING: nndl grade says it once per run
    if any(r in message for r in routine):
        return None
    for pattern, say in _NOTES:
        m = re.match(pattern, message)
        if m:
            return say(*m.groups())
    return message.strip().splitlines()[0][:200] if message.strip() else None


# -- reading results -------------------------------------------------------------
def results(db_url, aids):
    """{(student, aid): (score, max_score, seconds_late)} of every submission of ``aids`` in the gradebook."""
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(db_url) as gb:
        for aid in aids:
            for sub in gb.find_assignment(aid).submissions:
                out[(sub.student.id, aid)] = (float(sub.score), float(sub.max_score), float(sub.total_seconds_late or 0))
    return out
