"""How fast does `nndl grade` grade a class, and how does it scale? (A measurement, not a test.)

    python scripts/measure_class_grading.py              # a class of 10 complete submissions
    python scripts/measure_class_grading.py --students 4 # quicker

A class of N complete submissions (the reference solution of every notebook in
notebooks/, five notebooks each) is generated in a temporary course and graded
three times, each time from scratch on a fresh copy (after a warm-up that
pays the judge's reference runs, once per assignment):

1. `nndl grade --workers 1`: one local worker process (LocalCluster);
2. `nndl grade --workers 2`: two local worker processes;
3. `nndl grade --scheduler ...`: a cluster of separate processes started with
   `dask scheduler` and 2 x `dask worker --nthreads 1`, as on real machines.

For each: wall time (including starting the workers), submissions per minute,
CPU seconds per submission of the driver (nbgrader's judging and gradebook
writes, this process) and of everything else (workers and their kernels: the
execution), the scaling efficiency against one worker ((rate / rate with 1
worker) / workers), and the mean 1-minute load average (on a shared machine the
wall time is inflated by the load; CPU time is not). Every run must grade every
submission to full marks, or the script stops.

The CPU time of sandboxed kernels (bubblewrap, its own PID namespace) does not
reach this process's getrusage: with the sandbox on, the workers' column counts
the workers but not the students' code. NNDL_NO_SANDBOX=1 measures it (and
runs the reference solutions unconfined, which is what they are).
"""
import argparse
import contextlib
import io
import os
import platform
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
import nndl.tools  # noqa: E402,F401 - first: it keeps jsonschema's slow format checkers out, as for nndl's commands

from nndl.tools import course  # noqa: E402
from nndl.tools.author import submissions  # noqa: E402
from nndl.tools.grade import class_grader  # noqa: E402
from nndl.tools.grade.cluster import local_dask_cluster  # noqa: E402
from nndl.tools.grade.course_dir import Course, nbgrader_env  # noqa: E402

os.environ["PATH"] = nbgrader_env()["PATH"]  # nbgrader runs `alembic` by name


def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


class Load:
    """The mean 1-minute load average during a block."""

    def __enter__(self):
        self.samples, self.stop = [os.getloadavg()[0]], threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self):
        while not self.stop.wait(5):
            self.samples.append(os.getloadavg()[0])

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.mean = sum(self.samples) / len(self.samples)


def make_class(root, aids, n):
    c = Course(root)
    c.add_assignments(aids)
    for k in range(n):
        for aid in aids:
            c.submit(f"student{k:04d}", aid, submissions.make_submission(aid))
    return c


def grade(template, target, args):
    """Run nndl grade on a fresh copy of the class; return (wall s, driver CPU s, other CPU s, load)."""
    shutil.copytree(template, target)
    c = Course(target)
    out = io.StringIO()
    driver0, children0, wall0 = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    with Load() as load, contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = class_grader.main(["--root", str(target), *args])
    wall = time.perf_counter() - wall0
    if status != 0:
        raise SystemExit(f"nndl grade {' '.join(args)} failed ({status}):\n{out.getvalue()}")
    scores = c.scores()
    wrong = {k: v for k, v in scores.items() if v[0] != v[1]}
    if wrong:
        raise SystemExit(f"a complete submission lost points: {wrong}")
    if class_grader.LAST_RUN.get("resent"):
        print(f"  ({class_grader.LAST_RUN['resent']} notebook(s) sent a second time: sanitizing was not deterministic)")
    students = len({student for student, _ in scores})  # a complete submission: every notebook of one student
    return wall, cpu(resource.RUSAGE_SELF) - driver0, cpu(resource.RUSAGE_CHILDREN) - children0, load.mean, students


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=10, help="complete submissions in the class (default 10)")
    args = parser.parse_args()
    aids = course.assignment_ids()
    n = args.students
    rows = []
    with tempfile.TemporaryDirectory(prefix="nndl-measure-class-") as tmp:
        tmp = Path(tmp)
        started = time.perf_counter()
        make_class(tmp / "template", aids, n)
        print(f"class of {n} x {len(aids)} notebooks generated in {time.perf_counter() - started:.0f} s", flush=True)
        # the judge runs each reference solution once per version (nndl/tools/grade/judge.py): a one-off
        # cost per assignment, not per submission, so it is paid here, before the measured runs
        os.environ["NNDL_REFERENCES"] = str(tmp / "references")
        started = time.perf_counter()
        shutil.copytree(tmp / "template", tmp / "warm-up")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            class_grader.main(["--root", str(tmp / "warm-up"), "--workers", "1", "--students", "student0000"])
        print(f"judge's reference runs and one student graded in {time.perf_counter() - started:.0f} s", flush=True)
        runs = [("local, 1 worker", 1, ["--workers", "1"]), ("local, 2 workers", 2, ["--workers", "2"])]
        for label, workers, extra in runs:
            rows.append((label, workers, *grade(tmp / "template", tmp / label.replace(" ", "").replace(",", "-"), extra)))
            print(f"  {label}: {rows[-1][2]:.0f} s", flush=True)
        children0 = cpu(resource.RUSAGE_CHILDREN)
        with local_dask_cluster(tmp / "cluster", workers=2) as (address, _):
            wall, driver, _, load, count = grade(tmp / "template", tmp / "dask", ["--scheduler", address])
        # the cluster's processes are counted once they have exited (and been waited for)
        rows.append(("dask scheduler + 2 dask workers", 2, wall, driver, cpu(resource.RUSAGE_CHILDREN) - children0,
                     load, count))
        print(f"  dask cluster: {wall:.0f} s", flush=True)
    report(rows, n, aids)


def report(rows, n, aids):
    print(f"\n{n} complete submissions ({len(aids)} notebooks each), {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.machine()}")
    header = f"{'configuration':34}{'wall s':>8}{'subm/min':>10}{'CPU s/subm':>12}{'driver':>8}{'workers':>9}" \
             f"{'efficiency':>12}{'load':>6}"
    print(header)
    base = None
    for label, workers, wall, driver, other, load, count in rows:
        rate = 60 * count / wall
        base = base or rate
        print(f"{label:34}{wall:8.0f}{rate:10.2f}{(driver + other) / count:12.1f}{driver / count:8.1f}"
              f"{other / count:9.1f}{rate / base / workers:12.0%}{load:6.1f}")
    print("\n(subm = one student's complete submission; CPU s/subm = driver + workers;\n"
          " efficiency = (rate / rate with 1 worker) / workers)\n"
          f"command: python scripts/measure_class_grading.py --students {n}")


if __name__ == "__main__":
    main()
