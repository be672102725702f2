"""Grade notebooks with real nbgrader in a course directory of our choosing.

``Course(root)`` drives the nbgrader CLI (generate_assignment, autograde,
generate_feedback, export) on a course directory and reads scores back from its
gradebook. The demo, the self-check and the test suite all use it, on
throwaway roots, so the course's own gradebook is never touched by them.
"""
import importlib.util
import os
import re
import sqlite3
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import nbformat

from .. import course


def nbgrader_env():
    """The environment of an nbgrader process (and of the kernels it starts).

    nbgrader runs `alembic` by name: the venv's bin/ must be on PATH. Grading
    runs one nbgrader process per core, so each kernel's BLAS gets one thread:
    two-thread BLAS in every kernel oversubscribes the cores and was measured
    7x slower on a busy 2-core machine. An explicit setting is kept. The kernels
    draw with the grading backend (nndl/grading_figures.py: only the figures kept
    for the feedback are rendered), whatever backend was inherited.
    """
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["MPLBACKEND"] = "module://nndl.grading_figures"
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")
    return env


# `python -m nbgrader`, minus jsonschema's optional format checkers (nndl/tools/__init__.py):
# rfc3987-syntax alone builds IRI grammars for 1-3 s per process; nbgrader validates no formats.
# Tests, demo and build start nbgrader hundreds of times.
NBGRADER_MAIN = ("import sys, nndl.tools; sys.argv[0] = 'nbgrader'; "
                 "from nbgrader.apps.nbgraderapp import main; main()")


def nbgrader(args, root, cwd=None, check=True):
    """Run the real nbgrader CLI against course directory ``root``."""
    cmd = [sys.executable, "-c", NBGRADER_MAIN, *args,
           f"--CourseDirectory.root={root}",
           f"--CourseDirectory.db_url=sqlite:///{Path(root) / 'gradebook.db'}"]
    proc = subprocess.run(cmd, cwd=cwd or course.ROOT, env=nbgrader_env(),
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def alembic_head():
    """The newest revision of nbgrader's gradebook schema, from its migration scripts.

    Read as text (``revision = '...'`` / ``down_revision = ...``): importing
    them imports all of nbgrader. None when there is not exactly one head.
    """
    spec = importlib.util.find_spec("nbgrader")  # finds the package without importing it
    versions = Path(spec.origin).parent / "alembic" / "versions"
    revisions, parents = set(), set()
    for script in versions.glob("*.py"):
        text = script.read_text()
        rev = re.search(r"^revision\s*=\s*['\"](\w+)['\"]", text, flags=re.M)
        down = re.search(r"^down_revision\s*=\s*['\"](\w+)['\"]", text, flags=re.M)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def start_gradebook(root):
    """Stamp a new gradebook with nbgrader's schema revision before nbgrader opens it.

    nbgrader creates a missing gradebook itself, but asks for the revision by
    running the `alembic heads` command: a Python process that imports all of
    nbgrader, about a quarter of a self-check's overhead. Given an
    ``alembic_version`` table, it creates the other tables exactly as before
    and skips that process. Nothing is cached: the revision is read from the
    installed nbgrader every time.
    """
    head = alembic_head()
    if head is None or (Path(root) / "gradebook.db").exists():
        return False  # let nbgrader ask alembic / an existing gradebook is left alone
    con = sqlite3.connect(Path(root) / "gradebook.db")
    try:
        with con:
            con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
            con.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (head,))
    finally:
        con.close()
    return True


# (assignment ids, digest of what generation reads) -> a folder with the source/, release/ and
# gradebook.db generate_assignment made of them in this process (Course.add_assignments)
_GENERATED = {}
_GENERATED_FOLDER = []


def _generated_folder():
    if not _GENERATED_FOLDER:
        import atexit

        _GENERATED_FOLDER.append(tempfile.mkdtemp(prefix="nndl-generated-"))
        atexit.register(shutil.rmtree, _GENERATED_FOLDER[0], True)
    return _GENERATED_FOLDER[0]


def generation_digest(folders):
    """What generate_assignment makes of the assignments {id: source folder} depends on: their
    files, the course's nbgrader config and nbgrader's version (a hex digest)."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(version("nbgrader").encode())
    for aid, folder in sorted(folders.items()):
        folder = Path(folder)
        digest.update(b"\0" + aid.encode())
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    config = course.ROOT / "nbgrader_config.py"
    digest.update(config.read_bytes() if config.exists() else b"")
    return digest.hexdigest()


def copy_generated(src, dst):
    """Copy what generate_assignment made in course root ``src`` (source/, release/, the
    gradebook) into course root ``dst``."""
    for name in ("source", "release", "gradebook.db"):
        (shutil.copytree if (Path(src) / name).is_dir() else shutil.copy2)(Path(src) / name, Path(dst) / name)


class Course:
    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        if not (self.root / "gradebook.db").exists():
            start_gradebook(self.root)

    # -- instructor side -------------------------------------------------
    def add_assignments(self, aids):
        """Copy source/<id> in and run generate_assignment (fills the gradebook).

        A course that holds nothing yet takes what generate_assignment made of the same
        assignments earlier in this process (the same sources, config and nbgrader; the
        copy is what the self-check's prepared courses are): one nbgrader process each
        otherwise, 1.5 to 2 s, and the test suite makes about thirty such courses."""
        fresh = not any((self.root / name).exists() for name in ("source", "release", "submitted", "autograded"))
        key = (tuple(aids), generation_digest({aid: course.SOURCE / aid for aid in aids})) if fresh and aids else None
        if key in _GENERATED:
            (self.root / "gradebook.db").unlink(missing_ok=True)
            copy_generated(_GENERATED[key], self.root)
            return
        for aid in aids:
            dst = self.root / "source" / aid
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(course.SOURCE / aid, dst)
        # a fresh course's source/ holds these assignments only: one nbgrader process for them all
        for target in (["*"] if fresh and len(aids) > 1 else aids):
            self.run(["generate_assignment", target, "--force"])
        if key is not None:
            kept = Path(tempfile.mkdtemp(prefix="generated-", dir=_generated_folder()))
            copy_generated(self.root, kept)
            _GENERATED[key] = kept

    def submit(self, student, aid, notebook, name=None):
        """Place a submission as nbgrader's collect would: submitted/<student>/<id>/<name>.ipynb.

        ``notebook`` is a path or a NotebookNode.
        """
        folder = self.root / "submitted" / student / aid
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / (name or f"{aid}.ipynb")
        if isinstance(notebook, (str, Path)):
            shutil.copy2(notebook, target)
        else:
            nbformat.write(notebook, str(target))
        return target

    def autograde(self, aid, student=None, extra=()):
        args = ["autograde", aid, "--force", *extra]
        if student:
            args.append(f"--student={student}")
        return self.run(args)

    def students(self, aid):
        """Ids of the students with a submission of ``aid``."""
        folder = self.root / "submitted"
        return sorted(p.parent.name for p in folder.glob(f"*/{aid}") if p.is_dir())

    def repair_names(self, aid):
        """A student who renamed a notebook (e.g. "01_numpy_basics (copy 1).ipynb")
        would get no grade: nbgrader only grades notebooks named as in source/.
        Rename it to the expected name (dask_grader.repair_names says how it
        is recognised); return what was done."""
        from .dask_grader import repair_names

        expected = sorted(p.stem for p in (self.root / "source" / aid).glob("*.ipynb")) or [aid]
        done = []
        for folder in sorted(p for p in (self.root / "submitted").glob(f"*/{aid}") if p.is_dir()):
            done += [f"{folder.parent.name}: {note}" for note in repair_names(folder, expected)]
        return done

    def autograde_all(self, aids, workers=None, extra=()):
        """Autograde every submission of ``aids`` using every core.

        nbgrader grades one submission at a time in one process, and most of
        the time of a notebook is its kernel running on one core. So the
        submissions are split into ``workers`` disjoint groups, each graded by
        its own nbgrader process (with --CourseDirectory.student_id_exclude
        naming everyone else); all of them write to the one sqlite gradebook.
        When ``aids`` are all the assignments submitted and there are at least
        as many students as workers, a group is a set of students and its
        process grades all their assignments (``autograde "*"``): an nbgrader
        process costs 1.2 CPU-s before it grades anything, once per group
        instead of once per assignment and group. Otherwise each assignment's
        students are split. Returns the finished processes.
        """
        workers = workers or os.cpu_count() or 1
        for aid in aids:
            self.repair_names(aid)
        students = {aid: self.students(aid) for aid in aids}
        everyone = sorted(set().union(*students.values())) if aids else []
        submitted = {p.name for p in (self.root / "submitted").glob("*/*") if p.is_dir()}
        if len(aids) > 1 and submitted <= set(aids) and len(everyone) >= workers:
            units = [("*", everyone)]
        else:
            units = [(aid, students[aid]) for aid in aids]
        jobs = []
        for aid, people in units:
            groups = [people[k::workers] for k in range(workers) if people[k::workers]]
            for group in groups:
                others = [s for s in people if s not in group]
                args = ["autograde", aid, "--force", *extra]
                if others:
                    args.append("--CourseDirectory.student_id_exclude=" + ",".join(others))
                jobs.append(args)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lambda a: self.run(a, check=False), jobs))

    def generate_feedback(self, aid, student=None):
        args = ["generate_feedback", aid, "--force"]
        if student:
            args.append(f"--student={student}")
        return self.run(args)

    def export_csv(self, path):
        return self.run(["export", f"--to={path}"])

    def run(self, args, check=True):
        return nbgrader(args, self.root, check=check)

    # -- reading results -------------------------------------------------
    def scores(self):
        """{(student, aid): (score, max_score)} for every graded submission."""
        from nbgrader.api import Gradebook

        out = {}
        with Gradebook(self.db_url) as gb:
            for assignment in gb.assignments:
                for sub in assignment.submissions:
                    out[(sub.student.id, assignment.name)] = (float(sub.score), float(sub.max_score))
        return out

    def cell_scores(self, student, aid):
        """{grade_id: (score, max_score)} of one submission's autograded cells."""
        from nbgrader.api import Gradebook

        out = {}
        with Gradebook(self.db_url) as gb:
            sub = gb.find_submission(aid, student)
            for nb in sub.notebooks:
                for grade in nb.grades:
                    out[grade.name] = (float(grade.score), float(grade.max_score))
        return out

    @property
    def db_url(self):
        return f"sqlite:///{self.root / 'gradebook.db'}"

    def autograded_notebook(self, student, aid):
        return self.root / "autograded" / student / aid / f"{aid}.ipynb"

    def feedback_html(self, student, aid):
        return self.root / "feedback" / student / aid / f"{aid}.html"


@contextmanager
def temporary_course(aids=(), prefix="nndl-course-"):
    """A throwaway course with ``aids`` generated; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        c = Course(tmp)
        if aids:
            c.add_assignments(aids)
        yield c
