"""How long does the autograder take? Real nbgrader, in a temporary course.

    python scripts/measure_grading.py                  # one student + a class of 30, workers 1 and 2
    python scripts/measure_grading.py --students 6     # a smaller class (quicker)
    python scripts/measure_grading.py --students 0     # one student only

Measures, on every notebook in notebooks/ (new ones are picked up automatically):

1. one student's complete submission (the reference solution of every
   notebook): each notebook graded by its own `nbgrader autograde <id>
   --student <s>`, one after the other; then the same submission graded with
   `Course.autograde_all(ids, workers=W)` (the notebooks run W at a time);
2. a class of N students x every notebook, a realistic mix: full solutions,
   untouched releases (nothing done), partly wrong (a typical wrong answer from
   the defect corpus, and the last function not attempted); graded with
   `Course.autograde_all(ids, workers=1)` and then `workers=W`.

Each line reports the wall time, the CPU time of the grading processes
(nbgrader and its kernels: the work itself, which does not depend on what
else runs on the machine) and the mean 1-minute load average during the run
(it includes the run's own 1 to W processes). On a shared machine the wall
time is inflated by the load; on an idle machine with W free cores it is close
to CPU / W plus start-up. The table ends with the command that produced it.
"""
import argparse
import os
import platform
import resource
import shlex
import shutil
import subprocess
import sys
import threading
import time

from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade.course_dir import nbgrader_env, temporary_course

os.environ.setdefault("MPLBACKEND", "Agg")
# nbgrader runs `alembic` by name: make the venv's bin/ visible to it.
os.environ["PATH"] = nbgrader_env()["PATH"]


class Meter:
    """Wall time, children's CPU time and the mean load average of a block."""

    def __init__(self, label, submissions_count, workers):
        self.label, self.count, self.workers = label, submissions_count, workers
        self.samples = []
        self._stop = threading.Event()

    def _sample(self):
        while not self._stop.wait(5):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self):
        self.samples.append(os.getloadavg()[0])
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        self._cpu = _children_cpu()
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self._start
        self.cpu = _children_cpu() - self._cpu
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])
        self.load = sum(self.samples) / len(self.samples)
        print(f"  {self.label}: {self.wall:.1f} s wall, {self.cpu:.1f} s CPU, load {self.load:.1f}", flush=True)
        return False

    def row(self):
        return f"{self.label:<52} {self.count:>5} {self.workers:>7} {self.wall:>8.1f} {self.cpu:>8.1f} {self.load:>6.1f}"


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _functions(aid):
    """Graded function names in notebook order (test cells are test_<name>)."""
    nb = course.read_notebook(course.source_path(aid))
    return [gid[len("test_"):] for gid in course.grade_cells(nb) if gid.startswith("test_")]


def partly_wrong(aid, k):
    """A submission with the k-th typical wrong answer of the corpus (rotating,
    so students make different mistakes) and the last function not attempted."""
    wrong = [e for e in submissions.load_corpus(aid) if e["kind"] == "wrong"]
    functions = _functions(aid)
    answers, stubs = {}, []
    if wrong:
        entry = wrong[k % len(wrong)]
        answers[entry["function"]] = entry["code"]
    rest = [f for f in functions if f not in answers]
    if rest:
        stubs.append(rest[-1])
    return submissions.make_submission(aid, answers, stubs)


def kind_of(i):
    """Student i's profile (1-based): 1 in 6 hands in the release untouched,
    1 in 3 is partly wrong, the rest (half the class) hand in full solutions."""
    if i % 6 == 0:
        return "untouched"
    return "partly wrong" if i % 3 == 1 else "full"


def submit_class(c, aids, n):
    kinds = {}
    for i in range(1, n + 1):
        student = f"s{i:03d}"
        kinds[student] = kind_of(i)
        for aid in aids:
            if kinds[student] == "full":
                nb = submissions.make_submission(aid)
            elif kinds[student] == "untouched":
                nb = course.read_notebook(course.release_path(aid))
            else:
                nb = partly_wrong(aid, i // 3)
            c.submit(student, aid, nb)
    return kinds


def check_ok(procs):
    for proc in procs:
        if proc.returncode != 0:
            sys.exit(f"autograde failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def full_marks(c, students, aids):
    scores = c.scores()
    return sum(1 for s in students for a in aids
               if scores.get((s, a), (0, 1))[0] == scores.get((s, a), (0, 1))[1])


def git_commit():
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=course.ROOT,
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="class size (0: one student only); default 30")
    parser.add_argument("--workers", type=int, default=2, help="parallel nbgrader processes; default 2")
    parser.add_argument("aids", nargs="*", help="notebooks to grade (default: every notebook in notebooks/)")
    args = parser.parse_args(argv)
    command = shlex.join(["python", "scripts/measure_grading.py", *(sys.argv[1:] if argv is None else argv)])
    aids = args.aids or course.assignment_ids()
    unknown = [a for a in aids if a not in course.assignment_ids()]
    if unknown:
        parser.error(f"unknown notebook(s) {unknown}; known: {course.assignment_ids()}")
    w = args.workers
    rows, notes = [], []
    print(f"grading {len(aids)} notebook(s): {', '.join(aids)}", flush=True)
    with temporary_course() as c:
        with Meter("setup: generate_assignment, every notebook", len(aids), 1) as m:
            c.add_assignments(aids)
        setup = m

        # 1. one student's complete submission
        for aid in aids:
            c.submit("one", aid, submissions.make_submission(aid))
        per_notebook = []
        with Meter(f"one student, {len(aids)} notebooks, one by one", len(aids), 1) as m:
            for aid in aids:
                with Meter(f"  {aid}", 1, 1) as mm:
                    c.autograde(aid, student="one")
                per_notebook.append(mm)
        rows.append(m)
        with Meter(f"one student, {len(aids)} notebooks, autograde_all", len(aids), w) as m:
            check_ok(c.autograde_all(aids, workers=w))
        rows.append(m)
        if full_marks(c, ["one"], aids) != len(aids):
            notes.append("WARNING: the reference solution did not get full marks on every notebook")
        for folder in ("submitted", "autograded"):  # the class below is graded without them
            shutil.rmtree(c.root / folder / "one", ignore_errors=True)

        # 2. a class
        speedup = None
        if args.students > 0:
            kinds = submit_class(c, aids, args.students)
            mix = {k: sum(1 for v in kinds.values() if v == k) for k in ("full", "partly wrong", "untouched")}
            label = f"class of {args.students} ({mix['full']} full, {mix['partly wrong']} partly wrong, {mix['untouched']} untouched)"
            runs = []
            for workers in (1, w) if w > 1 else (1,):
                with Meter(label, args.students * len(aids), workers) as m:
                    check_ok(c.autograde_all(aids, workers=workers))
                runs.append(m)
                rows.append(m)
                full = [s for s, k in kinds.items() if k == "full"]
                got = full_marks(c, full, aids)
                if got != len(full) * len(aids):
                    notes.append(f"WARNING: workers={workers}: only {got} of {len(full) * len(aids)} full solutions got full marks")
            if len(runs) == 2:
                speedup = runs[0].wall / runs[1].wall

    load = os.getloadavg()
    header = f"{'':<52} {'subm.':>5} {'workers':>7} {'wall s':>8} {'CPU s':>8} {'load':>6}"
    print()
    print(f"autograde timings, {time.strftime('%Y-%m-%d %H:%M')}, git {git_commit()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"notebooks: {', '.join(aids)}")
    print(header)
    for m in rows:
        print(m.row())
    print(f"per notebook (one student, full solution; wall s / CPU s): "
          + ", ".join(f"{aid[:2]} {mm.wall:.1f}/{mm.cpu:.1f}" for aid, mm in zip(aids, per_notebook)))
    if speedup:
        print(f"speed-up of the class with {w} workers: {speedup:.2f}x")
    print(f"(setup, not counted above: generate_assignment of every notebook {setup.wall:.1f} s)")
    print(f"load: mean 1-minute load average during each run, its own processes included; "
          f"now {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for note in notes:
        print(note)
    print(f"command: {command}")
    return 1 if notes else 0


if __name__ == "__main__":
    sys.exit(main())
