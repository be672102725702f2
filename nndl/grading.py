"""Grade notebooks with real nbgrader in a course directory of our choosing.

``Course(root)`` drives the nbgrader CLI (generate_assignment, autograde,
generate_feedback, export) on a course directory and reads scores back from its
gradebook. The demo, the self-check and the test suite all use it, on
throwaway roots, so the course's own gradebook is never touched by them.
"""
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import nbformat

from . import course
from .build import nbgrader


class Course:
    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    # -- instructor side -------------------------------------------------
    def add_assignments(self, aids):
        """Copy source/<id> in and run generate_assignment (fills the gradebook)."""
        for aid in aids:
            dst = self.root / "source" / aid
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(course.SOURCE / aid, dst)
            self.run(["generate_assignment", aid, "--force"])

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
        """A student who renamed the notebook (e.g. "01_numpy_basics (copy 1).ipynb")
        would get no grade: nbgrader only grades notebooks named as in source/.
        Rename a lone differently named notebook to the expected name (the most
        recently saved one if there are several); return what was done."""
        done = []
        for folder in sorted((self.root / "submitted").glob(f"*/{aid}")):
            expected = folder / f"{aid}.ipynb"
            others = sorted(folder.glob("*.ipynb"), key=lambda p: p.stat().st_mtime)
            if expected.exists() or not others:
                continue
            others[-1].rename(expected)
            done.append(f"{folder.parent.name}: renamed '{others[-1].name}' to '{expected.name}'")
        return done

    def autograde_all(self, aids, workers=None, extra=()):
        """Autograde every submission of ``aids`` using every core.

        nbgrader grades one submission at a time in one process, and most of
        the time of a notebook is its kernel running on one core. So the
        submissions of each assignment are split into ``workers`` disjoint
        groups, each graded by its own nbgrader process (with
        --CourseDirectory.student_id_exclude naming everyone else); all of
        them write to the one sqlite gradebook. Returns the finished processes.
        """
        workers = workers or os.cpu_count() or 1
        jobs = []
        for aid in aids:
            self.repair_names(aid)
            students = self.students(aid)
            groups = [students[k::workers] for k in range(workers) if students[k::workers]]
            for group in groups:
                others = [s for s in students if s not in group]
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
